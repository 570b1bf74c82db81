//! The sheet list (and its search), the new sheet's set picker and header form, the council.

use crossterm::event::KeyCode::{BackTab, Down, Tab, Up};

use super::{Binding, CHOOSE, ENTER, ESC, On, Table, ch, ctrl, key, same, w};
use crate::app::msg::Msg;

pub const LIST: Table = Table {
    typing: false,
    bindings: &[
        Binding::new(CHOOSE, same("↑↓ j k"), w("chọn phiếu", "choose a sheet")),
        Binding::new(ENTER, same("Enter"), w("mở phiếu", "open it"))
            .foot(w("Enter mở", "Enter open")),
        Binding::new(
            &[(ch('n'), Msg::New)],
            same("n"),
            w("phiếu mới", "new sheet"),
        )
        .foot(w("n mới", "n new")),
        Binding::new(
            &[(ch('/'), Msg::Search)],
            same("/"),
            w(
                "tìm theo sản phẩm, chủ thể, mã, bộ (không dấu cũng được)",
                "search product, producer, code, set (accents optional)",
            ),
        )
        .foot(w("/ tìm", "/ search")),
        Binding::new(
            &[(key(Tab), Msg::NextFilter)],
            same("Tab"),
            w(
                "bộ lọc: tất cả, nháp, xong, chờ đồng bộ, đến hạn",
                "filter: all, drafts, finished, waiting for sync, due",
            ),
        ),
        Binding::new(
            &[(ch('s'), Msg::Sync)],
            same("s"),
            w("đồng bộ phiếu đã xong", "sync finished sheets"),
        )
        .foot(w("s đồng bộ", "s sync")),
        Binding::new(
            &[(ch('c'), Msg::Council)],
            same("c"),
            w(
                "hội đồng: phiếu của mọi thành viên cho sản phẩm này (thư mục xuất)",
                "council: every member's sheet on this product (export folder)",
            ),
        )
        .foot(w("c hội đồng", "c council")),
        Binding::new(
            &[(ch('d'), Msg::Delete)],
            same("d"),
            w(
                "xoá phiếu nháp (hỏi trước, khôi phục được)",
                "delete a draft (asks first; restorable)",
            ),
        )
        .foot(w("d xoá", "d delete")),
        Binding::new(
            &[(ch('R'), Msg::Rerate)],
            same("R"),
            w(
                "đánh giá lại sản phẩm của phiếu đã xong",
                "re-rate the product of a finished sheet",
            ),
        ),
        Binding::new(
            &[(ch('K'), Msg::ShowKey)],
            same("K"),
            w(
                "dòng khoá ký gửi thư ký hội đồng (allowed_signers), để chép",
                "your key's allowed_signers line for the secretary, to copy",
            ),
        ),
        Binding::help(w("? giúp", "? help"), On::Any),
        Binding::new(&[(ch('q'), Msg::Quit)], same("q"), w("thoát", "quit"))
            .foot(w("q thoát", "q quit")),
    ],
};

pub const SEARCH: Table = Table {
    typing: true,
    bindings: &[
        Binding::new(
            &[],
            w("gõ chữ", "type"),
            w(
                "tìm theo sản phẩm, chủ thể, mã, bộ (không dấu cũng được)",
                "search product, producer, code, set (accents optional)",
            ),
        )
        .foot(w("gõ để tìm", "type to search")),
        Binding::new(
            &[(key(Up), Msg::Up), (key(Down), Msg::Down)],
            same("↑↓"),
            w("chọn phiếu", "choose a sheet"),
        )
        .foot(w("↑↓ chọn", "↑↓ choose")),
        Binding::new(
            ENTER,
            same("Enter"),
            w("xong, giữ kết quả tìm", "done, keep what was found"),
        )
        .foot(w("Enter xong", "Enter done")),
        Binding::new(ESC, same("Esc"), w("xoá tìm kiếm", "clear the search"))
            .foot(w("Esc xoá tìm kiếm", "Esc clear the search")),
    ],
};

pub const PICK: Table = Table {
    typing: true,
    bindings: &[
        Binding::new(
            &[],
            w("gõ chữ", "type"),
            w("lọc 26 bộ sản phẩm", "filter the 26 product sets"),
        )
        .foot(w("gõ để lọc", "type to filter")),
        Binding::new(
            &[(key(Up), Msg::Up), (key(Down), Msg::Down)],
            same("↑↓"),
            w("chọn bộ", "choose a set"),
        )
        .foot(w("↑↓ chọn", "↑↓ choose")),
        Binding::new(ENTER, same("Enter"), w("lấy bộ này", "take this set"))
            .foot(w("Enter lấy bộ này", "Enter take this set")),
        Binding::new(
            ESC,
            same("Esc"),
            w("quay lại danh sách", "back to the list"),
        )
        .foot(w("Esc quay lại", "Esc back")),
        // No set's name has a `?`: here it is help, not text.
        Binding::help(w("? trợ giúp", "? help"), On::Any),
    ],
};

pub const FORM: Table = Table {
    typing: true,
    bindings: &[
        Binding::new(
            &[],
            w("gõ chữ", "type"),
            w("điền ô đang chọn", "fill in the field"),
        ),
        Binding::new(
            &[(key(Tab), Msg::NextField), (key(Down), Msg::NextField)],
            same("Tab ↓"),
            w("ô sau", "next field"),
        )
        .foot(w("Tab ↓ ô sau", "Tab/↓ next")),
        Binding::new(
            &[(key(BackTab), Msg::PrevField), (key(Up), Msg::PrevField)],
            same("Shift-Tab ↑"),
            w("ô trước", "previous field"),
        )
        .foot(w("↑ ô trước", "↑ previous")),
        Binding::new(
            ENTER,
            same("Enter"),
            w(
                "ô sau; ở ô cuối thì tạo phiếu",
                "next field; on the last one, create the sheet",
            ),
        )
        .foot(w("Enter tiếp", "Enter next")),
        Binding::new(
            &[(ctrl('s'), Msg::Create)],
            same("Ctrl-S"),
            w(
                "tạo phiếu từ bất kỳ ô nào",
                "create the sheet from any field",
            ),
        )
        .foot(w("Ctrl-S tạo phiếu", "Ctrl-S create")),
        Binding::new(
            ESC,
            same("Esc"),
            w("quay lại chọn bộ", "back to the set picker"),
        )
        .foot(w("Esc lùi", "Esc back")),
        // `?` is text in a field: F1 is the help here.
        Binding::label(w("F1 giúp", "F1 help"), On::Any),
    ],
};

pub const COUNCIL: Table = Table {
    typing: false,
    bindings: &[
        Binding::label(w("chỉ xem", "read only"), On::Any),
        Binding::new(CHOOSE, same("↑↓ j k"), w("cuộn", "scroll")).foot(w("↑↓ cuộn", "↑↓ scroll")),
        Binding::new(ESC, same("Esc"), w("về danh sách", "back to the list"))
            .foot(w("Esc về danh sách", "Esc back to the list")),
        Binding::help(w("? trợ giúp", "? help"), On::Any),
    ],
};
