//! The take-over's sentences in both languages, printed on the plain terminal before the
//! interface starts: who holds the data folder, and what the newcomer can do about it.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use ocop_domain::Lang;

/// The `ocop` that holds a data folder, as the sentences name it.
pub struct Holder<'a> {
    pub pid: u32,
    pub host: &'a str,
    /// The terminal it runs on, or empty.
    pub tty: &'a str,
    pub assessor: &'a str,
    pub since: DateTime<FixedOffset>,
    pub last_key: DateTime<FixedOffset>,
}

pub struct Text {
    pub in_use_by: fn(&Path, &Holder) -> String,
    pub other_host: fn(&Path, &Holder) -> String,
    pub not_stopped: fn(&Path, &Holder) -> String,
    pub question: &'static str,
    pub waiting: &'static str,
    pub script_hint: &'static str,
    pub no_terminal: &'static str,
}

pub fn takeover_text(lang: Lang) -> &'static Text {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

fn when(t: &DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn who(h: &Holder) -> String {
    if h.assessor.trim().is_empty() {
        "-".into()
    } else {
        h.assessor.to_string()
    }
}

static VI: Text = Text {
    in_use_by: |dir, h| {
        format!(
            "thư mục dữ liệu {} đang được một ocop khác dùng:\n  tiến trình {} trên máy {}, terminal {}\n  người chấm: {}\n  từ {}, phím cuối lúc {}",
            dir.display(),
            h.pid,
            h.host,
            if h.tty.is_empty() { "-" } else { h.tty },
            who(h),
            when(&h.since),
            when(&h.last_key)
        )
    },
    other_host: |dir, h| {
        format!(
            "thư mục dữ liệu {} đang được ocop trên máy khác ({}, tiến trình {}, người chấm {}) dùng; hãy thoát ocop trên máy đó rồi chạy lại",
            dir.display(),
            h.host,
            h.pid,
            who(h)
        )
    },
    not_stopped: |dir, h| {
        format!(
            "ocop đang giữ {} (tiến trình {}) không nhả thư mục trong 5 giây và không bị buộc dừng; hãy thoát nó (q), hoặc chờ rồi chạy lại",
            dir.display(),
            h.pid
        )
    },
    question: "Tiếp quản phiên này? Phiên kia lưu mọi thứ rồi thoát. (c/k, rồi Enter)",
    waiting: "Đang chờ phiên kia lưu và thoát (tối đa 5 giây)…",
    script_hint: "  chạy lại với --take-over để tiếp quản phiên đó",
    no_terminal: "  không có terminal cho giao diện, nên phiên đó vẫn được để chạy",
};

static EN: Text = Text {
    in_use_by: |dir, h| {
        format!(
            "the data folder {} is in use by another ocop:\n  process {} on host {}, terminal {}\n  assessor: {}\n  since {}, last key at {}",
            dir.display(),
            h.pid,
            h.host,
            if h.tty.is_empty() { "-" } else { h.tty },
            who(h),
            when(&h.since),
            when(&h.last_key)
        )
    },
    other_host: |dir, h| {
        format!(
            "the data folder {} is in use by ocop on another host ({}, process {}, assessor {}); quit ocop there and start again",
            dir.display(),
            h.host,
            h.pid,
            who(h)
        )
    },
    not_stopped: |dir, h| {
        format!(
            "the ocop holding {} (process {}) did not let go of the folder within 5 seconds and was not killed; quit it (q), or wait and start again",
            dir.display(),
            h.pid
        )
    },
    question: "Take this session over? The other one saves everything and quits. (y/n, then Enter)",
    waiting: "Waiting for the other session to save and quit (at most 5 seconds)…",
    script_hint: "  run again with --take-over to take that session over",
    no_terminal: "  there is no terminal for the interface, so that session was left running",
};
