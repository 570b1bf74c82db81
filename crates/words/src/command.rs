//! The sentences of the headless commands, one table per language: what `sync`, `verify`,
//! `council`, `certify`, `show`, `print`, `restore`, `demo` and `config` say besides their
//! errors' own words. A sentence an error carries in both languages is made from both tables
//! (`Said::from_both`).

use std::io;
use std::path::Path;

use ocop_domain::Lang;

use crate::Said;

pub struct CommandWords {
    /// `ocop list`'s columns: id, revision, status, product, code, set, answered, total,
    /// stars, updated.
    pub list_head: [&'static str; 10],
    /// A sheet's status, and an eliminated product's stars, in the list (at most 8 cells).
    pub draft: &'static str,
    pub finished: &'static str,
    pub eliminated: &'static str,
    /// The progress bar's line, after its label: count, rate and time left.
    pub progress: &'static str,
    pub making_demo: &'static str,
    pub syncing: &'static str,
    pub verifying: &'static str,
    pub reading: &'static str,
    pub no_export_dir: &'static str,
    /// Sheets synced, of them written now, the files those were, sheets still waiting.
    pub synced: fn(usize, usize, usize, usize) -> String,
    /// The export folder is not there, though nothing waits.
    pub export_missing: fn(&Path) -> String,
    pub not_a_folder: fn(&Path) -> String,
    /// Sheet files checked, problems found.
    pub verified: fn(usize, usize) -> String,
    /// `council --product CODE` found no finished sheet of it in the folder.
    pub no_product: fn(&str, &Path) -> String,
    /// Sheet files the council could not read, left out of the means.
    pub left_out: fn(usize, &Path) -> String,
    /// A file that could not be written, and why.
    pub unwritable: fn(&Path, &io::Error) -> String,
    pub wrote: fn(&Path) -> String,
    /// A certificate recorded, or found there already, the same.
    pub recorded: fn(&str) -> String,
    pub already_recorded: fn(&str) -> String,
    /// A certificate dated after today: its date, and today.
    pub certificate_in_future: fn(&str, &str) -> String,
    /// `ocop roster sign`: the signature's file, the key's fingerprint, and the line that
    /// lets `ssh-keygen -Y verify` check it.
    pub roster_signed: fn(&Path, &str, &str) -> String,
    /// The folder has no `allowed_signers` to sign.
    pub no_roster_file: fn(&Path) -> String,
    /// No sheet's id starts with the key given.
    pub no_sheet: fn(&str) -> String,
    /// The key starts the ids of this many sheets, the first few listed.
    pub ambiguous: fn(&str, usize, &str) -> String,
    pub no_revision: fn(&str, u32) -> String,
    pub no_trashed: fn(&str) -> String,
    /// The most sheets one `ocop demo` makes, and how many were asked.
    pub demo_too_many: fn(usize, usize) -> String,
    /// The data folder, and how many real sheets it holds.
    pub demo_not_empty: fn(&str, usize) -> String,
    /// Sheets made, the data folder, how many finished.
    pub demo_made: fn(usize, &str, usize) -> String,
    /// The demo key's fingerprint.
    pub demo_signed: fn(&str) -> String,
    pub no_rubrics_dir: fn(&Path) -> String,
    /// `ocop rubric show KEY` names no set.
    pub no_set: fn(&str) -> String,
    /// `rubric check`: a rubric file that is not UTF-8 text, or cannot be read.
    pub not_utf8: &'static str,
    pub cannot_read: fn(&io::Error) -> String,
    pub no_rubric: &'static str,
    pub no_rubric_text: &'static str,
    pub no_sheet_id: &'static str,
}

pub fn command_words(lang: Lang) -> &'static CommandWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

impl Said {
    /// The sentence `f` makes from each language's table.
    pub fn from_both(f: impl Fn(&CommandWords) -> String) -> Said {
        Said::new(f(&VI), f(&EN))
    }
}

const VI: CommandWords = CommandWords {
    list_head: [
        "MÃ PHIẾU",
        "LẦN",
        "TRẠNG",
        "SẢN PHẨM",
        "MÃ SẢN PHẨM",
        "BỘ",
        "ĐÃ CHẤM",
        "ĐIỂM",
        "SAO",
        "CẬP NHẬT",
    ],
    draft: "nháp",
    finished: "xong",
    eliminated: "loại",
    progress: "{msg} [{wide_bar}] {human_pos}/{human_len} ({rate}/s, còn {eta})",
    making_demo: "tạo phiếu mẫu",
    syncing: "đồng bộ",
    verifying: "kiểm tra",
    reading: "đọc phiếu",
    no_export_dir: "chưa đặt thư mục xuất: hãy chỉ định bằng --export-dir DIR, biến môi trường \
                    OCOP_EXPORT_DIR, hoặc export_dir trong tệp cấu hình",
    synced: |synced, written, files, waiting| {
        format!(
            "đã đồng bộ {synced} phiếu ({written} phiếu mới, {files} tệp ghi mới), {waiting} đang chờ"
        )
    },
    export_missing: |dir| {
        format!(
            "thư mục xuất {} không có (ổ chung chưa gắn, hay sai đường dẫn?): không phiếu nào \
             đang chờ, nhưng cũng không gì được chép vào đó; hãy gắn nó hoặc sửa export_dir",
            dir.display()
        )
    },
    not_a_folder: |dir| {
        format!(
            "{} không phải là một thư mục; hãy chỉ đúng thư mục xuất",
            dir.display()
        )
    },
    verified: |n, p| format!("đã kiểm tra {n} tệp phiếu, {p} vấn đề"),
    no_product: |code, dir| {
        format!(
            "không có phiếu đã hoàn thành nào mang mã sản phẩm '{code}' trong {0} (xem: ocop \
             council {0} không có --product)",
            dir.display()
        )
    },
    left_out: |n, dir| {
        format!(
            "{n} tệp phiếu ở trên không đọc được: điểm trung bình và độ chênh được tính không \
             có chúng; hãy chạy ocop verify {} để biết thêm",
            dir.display()
        )
    },
    unwritable: |file, e| {
        let why = match e.kind() {
            io::ErrorKind::PermissionDenied => "không có quyền ghi vào đó".to_string(),
            io::ErrorKind::NotFound => "thư mục chứa nó không tồn tại".to_string(),
            io::ErrorKind::IsADirectory => "đó là một thư mục".to_string(),
            _ => e.to_string(),
        };
        format!(
            "không ghi được tệp {}: {why}; hãy chọn một thư mục có thể ghi",
            file.display()
        )
    },
    wrote: |file| format!("đã ghi {}", file.display()),
    recorded: |name| format!("đã ghi {name}"),
    already_recorded: |name| format!("{name} đã có từ trước, giống hệt"),
    certificate_in_future: |date, today| {
        format!("giấy chứng nhận ngày {date} là ngày sau hôm nay ({today}): chỉ ghi giấy đã cấp")
    },
    roster_signed: |sig, fp, line| {
        format!(
            "đã ký {}\nkhoá tỉnh: {fp}\nngười đọc ghim khoá này: roster_key = \"{fp}\" trong \
             config.toml (hoặc --roster-key, OCOP_ROSTER_KEY)\ndòng allowed_signers để \
             ssh-keygen -Y verify kiểm tra:\n{line}",
            sig.display()
        )
    },
    no_roster_file: |path| format!("không có {} để ký", path.display()),
    no_sheet: |key| format!("không có phiếu nào có mã '{key}' (xem: ocop list)"),
    ambiguous: |key, n, ids| {
        format!("'{key}' là phần đầu mã của {n} phiếu ({ids}); hãy gõ thêm ký tự của mã")
    },
    no_revision: |id, r| format!("phiếu {id} không có phiên bản {r} (xem: ocop show {id})"),
    no_trashed: |key| {
        format!("không có phiếu nào trong thùng rác khớp '{key}' (xem: ocop list --status trash)")
    },
    demo_too_many: |most, n| {
        format!(
            "ocop demo làm nhiều nhất {most} phiếu mỗi lần, không phải {n}; hãy cho --sheets \
             nhỏ hơn (chạy nhiều lần nếu cần thêm)"
        )
    },
    demo_not_empty: |dir, real| {
        format!(
            "thư mục dữ liệu {dir} có {real} phiếu không do ocop demo làm; demo không thêm \
             phiếu vào đó trừ khi có --force"
        )
    },
    demo_made: |n, dir, finished| format!("{n} phiếu mẫu trong {dir} ({finished} đã hoàn thành)"),
    demo_signed: |key| {
        format!(
            "các phiếu đã hoàn thành được ký bằng khoá mẫu {key}; đồng bộ vào một thư mục \
             chưa có allowed_signers sẽ ghi một tệp nêu khoá đó"
        )
    },
    no_rubrics_dir: |dir| {
        format!(
            "thư mục bộ tiêu chí {} (rubrics_dir) không có: các lệnh khác dừng cho đến khi có \
             nó; hãy tạo hoặc sửa đường dẫn, hoặc bỏ rubrics_dir để dùng 26 bộ có sẵn",
            dir.display()
        )
    },
    no_set: |key| format!("Không có bộ sản phẩm '{key}'. Xem: ocop rubric list"),
    not_utf8: "tệp không phải văn bản UTF-8",
    cannot_read: |e| format!("không đọc được: {e}"),
    no_rubric: "không có bộ tiêu chí nào",
    no_rubric_text: "bộ tiêu chí không có văn bản",
    no_sheet_id: "không tạo được mã phiếu",
};

const EN: CommandWords = CommandWords {
    list_head: [
        "ID", "REV", "STATUS", "PRODUCT", "CODE", "SET", "DONE", "TOTAL", "STARS", "UPDATED",
    ],
    draft: "draft",
    finished: "finished",
    eliminated: "elim.",
    progress: "{msg} [{wide_bar}] {human_pos}/{human_len} ({rate}/s, {eta} left)",
    making_demo: "making demo sheets",
    syncing: "syncing",
    verifying: "verifying",
    reading: "reading sheets",
    no_export_dir: "no export folder is set: give it with --export-dir DIR, the \
                    OCOP_EXPORT_DIR environment variable, or export_dir in the config file",
    synced: |synced, written, files, waiting| {
        format!("synced {synced} sheets ({written} new, {files} files written), {waiting} waiting")
    },
    export_missing: |dir| {
        format!(
            "the export folder {} is not there (a share not mounted, or a wrong path?): no \
             sheet waits, but nothing was copied there either; mount it or correct export_dir",
            dir.display()
        )
    },
    not_a_folder: |dir| format!("{} is not a folder; give the export folder", dir.display()),
    verified: |n, p| format!("{n} sheet files checked, {p} problems"),
    no_product: |code, dir| {
        format!(
            "no finished sheet in {0} has the product code '{code}' (see: ocop council {0} \
             without --product)",
            dir.display()
        )
    },
    left_out: |n, dir| {
        format!(
            "{n} sheet files above could not be read: the means and spreads were computed \
             without them; run ocop verify {} for more",
            dir.display()
        )
    },
    unwritable: |file, e| {
        format!(
            "cannot write {}: {e}; choose a folder that can be written",
            file.display()
        )
    },
    wrote: |file| format!("wrote {}", file.display()),
    recorded: |name| format!("recorded {name}"),
    already_recorded: |name| format!("{name} was already recorded, the same"),
    certificate_in_future: |date, today| {
        format!("a certificate dated {date} is after today ({today}): record only one issued")
    },
    roster_signed: |sig, fp, line| {
        format!(
            "signed {}\nprovince key: {fp}\nreaders pin it with roster_key = \"{fp}\" in \
             config.toml (or --roster-key, OCOP_ROSTER_KEY)\nthe allowed_signers line for \
             ssh-keygen -Y verify:\n{line}",
            sig.display()
        )
    },
    no_roster_file: |path| format!("there is no {} to sign", path.display()),
    no_sheet: |key| format!("there is no sheet '{key}' (see: ocop list)"),
    ambiguous: |key, n, ids| {
        format!("'{key}' starts the ids of {n} sheets ({ids}); type more of the id")
    },
    no_revision: |id, r| format!("there is no sheet {id} revision {r} (see: ocop show {id})"),
    no_trashed: |key| {
        format!("no sheet in the trash matches '{key}' (see: ocop list --status trash)")
    },
    demo_too_many: |most, n| {
        format!(
            "ocop demo makes at most {most} sheets a run, not {n}; give a smaller --sheets \
             (run it again for more)"
        )
    },
    demo_not_empty: |dir, real| {
        format!(
            "the data folder {dir} holds {real} sheets not made by ocop demo; it adds none \
             there unless told --force"
        )
    },
    demo_made: |n, dir, finished| format!("{n} demo sheets in {dir} ({finished} finished)"),
    demo_signed: |key| {
        format!(
            "finished ones signed with the demo key {key}; a sync into a folder without \
             allowed_signers writes one naming it"
        )
    },
    no_rubrics_dir: |dir| {
        format!(
            "the rubric folder {} (rubrics_dir) is not there: the other commands stop until it \
             is; create it or correct the path, or remove rubrics_dir to use the 26 built-in \
             sets",
            dir.display()
        )
    },
    no_set: |key| format!("There is no product set '{key}'. See: ocop rubric list"),
    not_utf8: "the file is not UTF-8 text",
    cannot_read: |e| format!("cannot read: {e}"),
    no_rubric: "there is no rubric",
    no_rubric_text: "the rubric has no text",
    no_sheet_id: "cannot make a sheet id",
};
