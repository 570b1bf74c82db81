//! An open sheet: scoring a criterion (and its note), the review, what the next star needs.
//! One table each for a draft and a finished sheet: `On` says which the help and footer offer.

use crossterm::event::KeyCode::{Down, Enter, Left, PageDown, PageUp, Right, Up};

use super::{Binding, CHOOSE, ENTER, ESC, Key, On, Table, ch, key, same, w};
use crate::app::field::TextEdit;
use crate::app::msg::Msg;

const STEP: &[(Key, Msg)] = &[
    (key(Left), Msg::Prev),
    (ch('h'), Msg::Prev),
    (key(PageUp), Msg::Prev),
    (key(Right), Msg::Next),
    (ch('l'), Msg::Next),
    (key(PageDown), Msg::Next),
];

const DIGITS: &[(Key, Msg)] = &[
    (ch('1'), Msg::Digit(1)),
    (ch('2'), Msg::Digit(2)),
    (ch('3'), Msg::Digit(3)),
    (ch('4'), Msg::Digit(4)),
    (ch('5'), Msg::Digit(5)),
    (ch('6'), Msg::Digit(6)),
    (ch('7'), Msg::Digit(7)),
    (ch('8'), Msg::Digit(8)),
    (ch('9'), Msg::Digit(9)),
];

const PLAN_KEY: &[(Key, Msg)] = &[(ch('p'), Msg::Plan)];

/// In a text of several lines (a note, the comments): Enter breaks the line.
pub const NEW_LINE: &[(Key, Msg)] = &[
    (key(Enter), Msg::Text(TextEdit::Newline)),
    (key(Up), Msg::Text(TextEdit::Up)),
    (key(Down), Msg::Text(TextEdit::Down)),
];

const fn plan() -> Binding {
    Binding::new(
        PLAN_KEY,
        same("p"),
        w("thăng hạng: hạng sau cần gì", "what the next star needs"),
    )
}

/// A draft reopened by a start: nothing is highlighted, and the keys that open a sheet on the
/// list only go on or go back, so that an assessor who expected the list records nothing.
pub const RESUMED: Table = Table {
    typing: false,
    bindings: &[
        Binding::new(
            &[(key(Enter), Msg::Continue)],
            same("Enter"),
            w("chấm tiếp tại đây", "go on scoring here"),
        )
        .foot(w(
            "Tiếp tục phiếu này: Enter chấm tiếp",
            "Resumed here: Enter goes on scoring",
        )),
        Binding::new(ESC, same("Esc"), w("về danh sách", "back to the list"))
            .foot(w("Esc về danh sách", "Esc the list")),
        Binding::new(
            &[(ch('e'), Msg::EditNote)],
            same("e"),
            w("ghi chú cho tiêu chí", "note on this criterion"),
        ),
        Binding::help(same("?"), On::Any),
    ],
};

pub const SCORING: Table = Table {
    typing: false,
    bindings: &[
        Binding::label(w("chỉ đọc", "read only"), On::Finished),
        Binding::new(
            DIGITS,
            same("1 2 3 …"),
            w(
                "chọn phương án (đã lưu rồi mới hiện)",
                "choose an option (saved before it shows)",
            ),
        )
        .on(On::Draft)
        .foot(w("1–{n} chọn", "1–{n} choose")),
        Binding::new(
            &[(ch('0'), Msg::Digit(0))],
            same("0"),
            w(
                "không đạt (khi phiếu không có mức 0 điểm)",
                "not met (where the rubric has no 0-point option)",
            ),
        )
        .on(On::Draft),
        Binding::new(
            &[(ch('='), Msg::TakeEarlier)],
            same("="),
            w(
                "giữ câu trả lời như lần trước (phiếu đánh giá lại)",
                "keep last time's answer (a re-rating)",
            ),
        )
        .on(On::Rerate)
        .foot(w("= như lần trước", "= as last time")),
        Binding::new(
            &[
                (key(Up), Msg::Up),
                (ch('k'), Msg::Up),
                (key(Down), Msg::Down),
                (ch('j'), Msg::Down),
                (key(Enter), Msg::Enter),
            ],
            same("↑↓ j k Enter"),
            w("chọn bằng con trỏ", "choose with the highlight"),
        )
        .on(On::Draft)
        .foot_on(same("↑↓ Enter"), On::Fresh),
        Binding::new(
            STEP,
            same("← → h l PgUp PgDn"),
            w("tiêu chí trước / sau", "previous / next criterion"),
        )
        .foot(w("←→ tiêu chí", "←→ criterion")),
        Binding::new(
            &[(ch(':'), Msg::Jump)],
            same(":"),
            w(
                "tới tiêu chí theo mã, ví dụ :6.2.3",
                "go to a criterion by code, e.g. :6.2.3",
            ),
        )
        .foot_on(w(": tới mã", ": go to"), On::Fresh),
        Binding::new(
            &[(ch('e'), Msg::EditNote)],
            same("e"),
            w("ghi chú cho tiêu chí", "note on this criterion"),
        )
        .on(On::Draft)
        .foot_on(w("e ghi chú", "e note"), On::Fresh),
        Binding::new(
            &[(ch('x'), Msg::Raise)],
            same("x"),
            w(
                "nêu / rút điều kiện loại (hỏi lý do)",
                "raise / withdraw the elimination (asks why)",
            ),
        )
        .on(On::Draft),
        plan().foot_on(w("p thăng hạng", "p next star"), On::Rerate),
        Binding::new(
            &[(ch('r'), Msg::Review)],
            same("r"),
            w("xem lại cả phiếu", "review the whole sheet"),
        )
        .foot(w("r xem lại", "r review")),
        Binding::new(
            ESC,
            same("Esc"),
            w(
                "về danh sách (không mất gì)",
                "back to the list (nothing is lost)",
            ),
        )
        .on(On::Draft),
        Binding::new(
            ESC,
            same("Esc"),
            w("quay lại xem lại", "back to the review"),
        )
        .on(On::Finished)
        .foot(w("Esc quay lại", "Esc back")),
        Binding::help(same("?"), On::Draft),
        Binding::help(w("? trợ giúp", "? help"), On::Finished),
    ],
};

pub const NOTE: Table = Table {
    typing: true,
    bindings: &[
        Binding::new(
            &[],
            w("gõ chữ", "type"),
            w(
                "ghi chú cho tiêu chí (tự lưu khi gõ)",
                "the note on this criterion (saved as you type)",
            ),
        )
        .foot(w("gõ ghi chú", "type the note")),
        Binding::new(
            NEW_LINE,
            same("Enter ↑↓"),
            w(
                "xuống dòng; lên, xuống dòng",
                "a new line; the line above, below",
            ),
        )
        .foot(w("Enter xuống dòng", "Enter new line")),
        Binding::new(ESC, same("Esc"), w("xong ghi chú", "done with the note"))
            .foot(w("Esc xong (tự lưu)", "Esc done (saved as you type)")),
    ],
};

pub const REVIEW: Table = Table {
    typing: false,
    bindings: &[
        Binding::new(
            &[
                (key(Up), Msg::Up),
                (ch('k'), Msg::Up),
                (key(Down), Msg::Down),
                (ch('j'), Msg::Down),
                (key(Left), Msg::Prev),
                (ch('h'), Msg::Prev),
                (key(PageUp), Msg::Prev),
                (key(Right), Msg::Next),
                (ch('l'), Msg::Next),
                (key(PageDown), Msg::Next),
            ],
            same("↑↓ ← →"),
            w("chọn tiêu chí", "choose a criterion"),
        ),
        Binding::new(
            &[(ch('f'), Msg::Finish)],
            same("f"),
            w(
                "hoàn thành (hỏi y/n), khoá phiếu và chờ đồng bộ",
                "finish (asks y/n): lock and queue for sync",
            ),
        )
        .on(On::Draft)
        .foot(w("f hoàn thành", "f finish")),
        Binding::new(
            &[(ch('c'), Msg::Comment)],
            same("c"),
            w("ý kiến của người đánh giá", "evaluator's comments"),
        )
        .on(On::Draft)
        .foot(w("c ý kiến", "c comments")),
        Binding::new(
            &[(ch('D'), Msg::Dossier)],
            same("D"),
            w(
                "hồ sơ bị loại: ghi lý do (hỏi y/n), hoặc rút lại",
                "dossier rejected: record why (asks y/n), or withdraw",
            ),
        )
        .on(On::Draft),
        Binding::new(
            &[(ch('T'), Msg::SelfAssessment)],
            same("T"),
            w(
                "nhận tự đánh giá của chủ thể từ tệp .xlsx/.ods (Mẫu số 02)",
                "take the producer's self-assessment from an .xlsx/.ods file (Form 02)",
            ),
        )
        .on(On::Draft),
        Binding::new(
            &[(ch('a'), Msg::Amend)],
            same("a"),
            w(
                "sửa đổi: mở lần mới của phiếu (hỏi lý do)",
                "amend: open a new revision (asks why)",
            ),
        )
        .on(On::Finished)
        .foot(w("a sửa đổi", "a amend")),
        plan().foot(w("p thăng hạng", "p next star")),
        Binding::new(ENTER, same("Enter"), w("tới tiêu chí đó", "go to it"))
            .on(On::Draft)
            .foot(w("Enter tới tiêu chí", "Enter go to criterion")),
        Binding::new(
            ENTER,
            same("Enter"),
            w("xem tiêu chí (chỉ đọc)", "view it (read only)"),
        )
        .on(On::Finished)
        .foot(w("Enter xem tiêu chí", "Enter view criterion")),
        Binding::new(
            &[(ch('R'), Msg::Rerate)],
            same("R"),
            w(
                "đánh giá lại sản phẩm: phiếu mới, chép thông tin, lần trước bên cạnh",
                "re-rate the product: a new sheet, header copied, last time beside it",
            ),
        )
        .on(On::Finished),
        Binding::new(ESC, same("Esc"), w("quay lại chấm điểm", "back to scoring"))
            .on(On::Draft)
            .foot(w("Esc quay lại", "Esc back")),
        Binding::new(ESC, same("Esc"), w("về danh sách", "back to the list"))
            .on(On::Finished)
            .foot(w("Esc danh sách", "Esc list")),
        Binding::help(w("?", "? help"), On::Draft),
        Binding::help(w("? trợ giúp", "? help"), On::Finished),
    ],
};

pub const PLAN: Table = Table {
    typing: false,
    bindings: &[
        Binding::new(
            CHOOSE,
            same("↑↓ j k"),
            w("chọn tiêu chí", "choose a criterion"),
        )
        .foot(w("↑↓ chọn", "↑↓ choose")),
        Binding::new(ENTER, same("Enter"), w("tới tiêu chí đó", "go to it"))
            .foot(w("Enter tới tiêu chí", "Enter go to criterion")),
        Binding::new(ESC, same("Esc"), w("quay lại", "back")).foot(w("Esc quay lại", "Esc back")),
        Binding::help(w("? trợ giúp", "? help"), On::Any),
    ],
};
