//! The popups: a yes/no question, the tourism site's case, a one-line prompt. Help closes on
//! any key, so its table is empty.

use crossterm::event::KeyCode::Esc;

use super::{Binding, ENTER, ESC, Table, ch, key, w};
use crate::app::msg::Msg;

pub const HELP: Table = Table {
    typing: false,
    bindings: &[],
};

pub const CONFIRM: Table = Table {
    typing: false,
    bindings: &[
        // `c`/`k`: có/không, as a Vietnamese assessor reads the question.
        Binding::new(
            &[
                (ch('y'), Msg::Yes),
                (ch('Y'), Msg::Yes),
                (ch('c'), Msg::Yes),
                (ch('C'), Msg::Yes),
            ],
            w("y c", "y"),
            w("có", "yes"),
        )
        .foot(w("y có", "y yes")),
        Binding::new(
            &[
                (ch('n'), Msg::No),
                (ch('N'), Msg::No),
                (ch('k'), Msg::No),
                (ch('K'), Msg::No),
                (key(Esc), Msg::No),
            ],
            w("n k Esc", "n Esc"),
            w("không", "no"),
        )
        .foot(w("n không", "n no")),
    ],
};

pub const CASE: Table = Table {
    typing: false,
    bindings: &[
        Binding::new(
            &[(ch('1'), Msg::Digit(1)), (ch('2'), Msg::Digit(2))],
            w("1 2", "1 2"),
            w("trường hợp 1 hoặc 2", "case 1 or 2"),
        )
        .foot(w("1 hoặc 2 chọn", "1 or 2 choose")),
        Binding::new(ESC, w("Esc", "Esc"), w("để sau", "later")).foot(w("Esc để sau", "Esc later")),
    ],
};

const TYPE: Binding = Binding::new(
    &[],
    w("gõ chữ", "type"),
    w("nhập câu trả lời", "the answer"),
);

const DONE: Binding =
    Binding::new(ENTER, w("Enter", "Enter"), w("xong", "done")).foot(w("Enter xong", "Enter done"));

pub const PROMPT: Table = Table {
    typing: true,
    bindings: &[
        TYPE,
        DONE,
        Binding::new(ESC, w("Esc", "Esc"), w("huỷ", "cancel")).foot(w("Esc huỷ", "Esc cancel")),
    ],
};

/// The evaluator's comments, in paragraphs: Enter breaks the line, Esc saves and closes.
pub const COMMENT: Table = Table {
    typing: true,
    bindings: &[
        TYPE,
        Binding::new(
            super::sheet::NEW_LINE,
            w("Enter ↑↓", "Enter ↑↓"),
            w(
                "xuống dòng; lên, xuống dòng",
                "a new line; the line above, below",
            ),
        )
        .foot(w("Enter xuống dòng", "Enter new line")),
        Binding::new(ESC, w("Esc", "Esc"), w("xong (đã lưu)", "done (saved)"))
            .foot(w("Esc xong (đã lưu)", "Esc done (saved)")),
    ],
};

/// The assessor's name, asked once before anything else: it cannot be skipped.
pub const PROMPT_REQUIRED: Table = Table {
    typing: true,
    bindings: &[TYPE, DONE],
};
