//! Vietnamese: the interface's first language.

use super::Strings;
use crate::sync::remote::RemoteError;

pub const VI: Strings = Strings {
    app_title: "OCOP · Phiếu đánh giá",
    filter_all: "Tất cả",
    filter_drafts: "Nháp",
    filter_finished: "Xong",
    filter_waiting: "Chờ đồng bộ",
    filter_due: "Đến hạn",
    search: "Tìm: ",
    filter_hint: "[Tab] bộ lọc",
    col_product: "Sản phẩm",
    col_code: "Mã",
    col_set: "Bộ",
    col_status: "Trạng thái",
    col_progress: "Tiến độ",
    col_points: "Điểm",
    st_draft: "nháp",
    st_waiting: "xong ⇡",
    st_synced: "đã gửi",
    st_conflict: "xung đột",
    st_eliminated: "bị loại",
    list_empty: "Chưa có phiếu nào. Nhấn n để tạo phiếu mới.",
    list_no_match: "Không có phiếu nào khớp.",
    keys_list: "Enter mở · n mới · / tìm · s đồng bộ · c hội đồng · d xoá · ? giúp · q thoát",
    keys_search: "gõ để tìm · ↑↓ chọn · Enter xong · Esc xoá tìm kiếm",
    unsaved: "chưa lưu",
    saved_at: |t| format!("đã lưu {t}"),
    waiting: |n| format!("{n} chờ đồng bộ"),
    syncing: |done, all| format!("đang đồng bộ {done}/{all}"),
    pick_title: "Phiếu mới · chọn bộ sản phẩm",
    pick_filter: "Lọc: ",
    keys_pick: "gõ để lọc · ↑↓ chọn · Enter lấy bộ này · Esc quay lại · ? trợ giúp",
    form_title: "Phiếu mới",
    fields: [
        "Tên sản phẩm",
        "Chủ thể",
        "Mã sản phẩm",
        "Điện thoại",
        "Địa chỉ",
        "Người đánh giá",
        "Hội đồng",
        "Ngày đánh giá",
    ],
    required: "bắt buộc",
    bad_date: "ngày dạng NNNN-TT-NN",
    code_shape: "nên có dạng T-X-STT-YYYY",
    keys_form: "Tab ↓ ô sau · ↑ ô trước · Enter tiếp · Ctrl-S tạo phiếu · Esc lùi · F1 giúp",
    outline: "Phiếu",
    max: |n| format!("tối đa {n}"),
    not_met: "không đạt",
    not_applicable: "không áp dụng",
    raised: "Đã nêu điều kiện loại: ",
    raisable: "x: nêu điều kiện loại",
    zero_stop: |code| format!("{code} được 0 điểm: dừng đánh giá"),
    zero_stops: "0 điểm ở tiêu chí này: dừng đánh giá, sản phẩm bị loại",
    note: "Ghi chú: ",
    note_hint: "(e để ghi chú)",
    held: |stars, list| format!("{stars}★ cần {list}"),
    held_has: |has| format!("(đang {has})"),
    missing_points: |points, stars| format!("(thiếu {points}đ cho {stars}★)"),
    top_rating: "hạng cao nhất",
    eliminated: "BỊ LOẠI",
    keys_scoring: |n| {
        format!("1–{n} chọn · ↑↓ Enter · ←→ tiêu chí · : tới mã · e ghi chú · r xem lại · ?")
    },
    keys_note: "gõ ghi chú · Enter/Esc xong (tự lưu)",
    keys_read_only: "chỉ đọc · ←→ tiêu chí · r xem lại · Esc quay lại · ? trợ giúp",
    review: "Xem lại",
    finished_view: "Phiếu đã hoàn thành",
    band: |stars| match stars {
        5 => "(hạng 90–100)".to_string(),
        4 => "(hạng 70–89)".to_string(),
        3 => "(hạng 50–69)".to_string(),
        2 => "(hạng 30–49)".to_string(),
        _ => "(hạng dưới 30)".to_string(),
    },
    holding: "Giữ hạng: ",
    none: "không",
    elimination: "Loại: ",
    unanswered: "Chưa chấm: ",
    comment: "Ý kiến của người đánh giá: ",
    keys_review: "f hoàn thành · c ý kiến · p thăng hạng · Enter tới tiêu chí · Esc quay lại · ?",
    keys_finished: "a sửa đổi · p thăng hạng · Enter xem tiêu chí · Esc danh sách · ? trợ giúp",
    finished_on: |at, rev| format!("hoàn thành {at} · lần {rev}"),
    sync_waiting: "Đồng bộ: đang chờ chép vào thư mục xuất",
    sync_synced: |at, file| format!("Đã đồng bộ {at} · {file}"),
    signed_by: |who, key| format!("Đã ký: {who}, khoá {key}"),
    not_signed: "Chưa ký (hoàn thành trước khi phiếu được ký)",
    key_made: |key| {
        format!("Đã tạo khoá ký phiếu {key}. Lệnh `ocop key` in dòng gửi thư ký hội đồng.")
    },
    council_not_counted: "Không tính (chữ ký không khớp allowed_signers): ",
    council_none_counted: |code, n| {
        format!(
            "{n} phiếu của {code} không được tính: chưa ký hợp lệ theo allowed_signers (xem ocop council)."
        )
    },
    help_key: |key| format!("Khoá ký phiếu {key} · `ocop key` in dòng gửi thư ký hội đồng"),
    sync_conflict: |message| format!("Xung đột khi đồng bộ: {message}"),
    council_title: "Hội đồng",
    council_members: |n| format!("{n} thành viên"),
    col_member: "Thành viên",
    col_total: "Tổng",
    col_stars: "Sao",
    council_mean: "Trung bình (sao theo khung điểm)",
    council_spread: |spread, limit, flagged| {
        if flagged {
            format!("⚠ Chênh lệch tổng điểm {spread}, vượt {limit}: hội đồng thảo luận và chấm lại")
        } else {
            format!("Chênh lệch tổng điểm {spread} (giới hạn {limit})")
        }
    },
    council_disagree: "Tiêu chí lệch nhau nhiều nhất: ",
    council_disagree_by: |n| format!("lệch {n}"),
    council_minimums: "Điểm tối thiểu giữ hạng sao: ",
    council_eliminations: "Điều kiện loại đã nêu: ",
    keys_council: "chỉ xem · ↑↓ cuộn · Esc về danh sách · ? trợ giúp",
    amends: |rev, reason| format!("Sửa đổi lần {rev}: {reason}"),
    ask_delete: |p| format!("Xoá phiếu nháp «{p}»? Có thể khôi phục từ thùng rác."),
    ask_finish: "Hoàn thành phiếu? Phiếu sẽ bị khoá và chờ đồng bộ.",
    ask_amend: |n, why| {
        format!(
            "Mở phiên bản {n} để sửa phiếu đã hoàn thành, lý do «{why}»? Phiên bản cũ được giữ."
        )
    },
    yes_no: "y có · n không",
    case_title: "Trường hợp nào áp dụng cho sản phẩm này?",
    keys_case: "1 hoặc 2 chọn · Esc để sau",
    prompt_jump: "Tới tiêu chí (mã, ví dụ 6.2.3):",
    prompt_raise: "Lý do nêu điều kiện loại:",
    prompt_comment: "Ý kiến của người đánh giá:",
    prompt_amend: "Lý do sửa đổi phiếu đã hoàn thành:",
    prompt_assessor: "Tên người đánh giá (ghi trên phiếu, lưu cho lần sau):",
    problem_empty: "cần nhập",
    problem_code: "không có tiêu chí mã này",
    keys_prompt: "Enter xong · Esc huỷ",
    keys_prompt_required: "Enter xong",
    failed: |e| format!("Lỗi: {e}"),
    disk_full: |dir| format!("Ổ đĩa đầy ({dir}): chưa lưu; giải phóng chỗ rồi mở lại ocop"),
    only_drafts: "Chỉ xoá được phiếu nháp.",
    unanswered_left: |n| format!("Còn {n} tiêu chí chưa chấm."),
    not_raisable: "Tiêu chí này không có điều kiện loại.",
    text_cut: |n| format!("Tối đa {n} ký tự: phần thừa đã bị cắt."),
    text_flattened: "Xuống dòng đã thành dấu cách.",
    text_dropped: |c| format!("Đã bỏ ký tự ẩn ({c}…)."),
    finished_notice: "Đã hoàn thành: phiếu được khoá và chờ đồng bộ.",
    trashed: "Đã chuyển phiếu nháp vào thùng rác.",
    export_unreachable: "không tới được thư mục xuất",
    export_unreachable_notice: "Không truy cập được thư mục xuất (ổ chia sẻ đã được gắn chưa?).",
    no_product_code: "Phiếu này chưa có mã sản phẩm: không có hội đồng để xem.",
    no_council: |code| format!("Thư mục xuất chưa có phiếu đã xong nào của sản phẩm {code}."),
    no_export_dir: "Chưa có thư mục đồng bộ (--export-dir hoặc export_dir trong cấu hình).",
    synced: |written, waiting| format!("Đồng bộ: đã gửi {written} phiếu, còn {waiting} chờ."),
    remote: remote_vi,
    read_only: "Phiếu đã hoàn thành: chỉ đọc (a để sửa đổi).",
    too_small: |w, h| format!("Cửa sổ cần ít nhất 80×24 (đang {w}×{h})"),
    crashed: |path| {
        format!("ocop dừng vì một lỗi nội bộ; mọi câu trả lời đã lưu vẫn còn. Chi tiết: {path}")
    },
    needs_terminal: "ocop: giao diện cần một cửa sổ dòng lệnh (terminal); xem `ocop --help` cho các lệnh",
    help_title: "Phím",
    help_close: "nhấn phím bất kỳ để đóng",
    help_list: &[
        ("↑↓ j k", "chọn phiếu"),
        ("Enter", "mở phiếu"),
        ("n", "phiếu mới"),
        (
            "/",
            "tìm theo sản phẩm, chủ thể, mã, bộ (không dấu cũng được)",
        ),
        ("Tab", "bộ lọc: tất cả, nháp, xong, chờ đồng bộ"),
        ("d", "xoá phiếu nháp (hỏi trước, khôi phục được)"),
        ("s", "đồng bộ phiếu đã xong"),
        ("R", "đánh giá lại sản phẩm của phiếu đã xong"),
        (
            "c",
            "hội đồng: phiếu của mọi thành viên cho sản phẩm này (thư mục xuất)",
        ),
        ("q", "thoát"),
    ],
    help_pick: &[
        ("gõ chữ", "lọc 26 bộ sản phẩm"),
        ("↑↓", "chọn bộ"),
        ("Enter", "lấy bộ này"),
        ("Esc", "quay lại danh sách"),
    ],
    help_form: &[
        ("Tab ↓", "ô sau"),
        ("Shift-Tab ↑", "ô trước"),
        ("Enter", "ô sau; ở ô cuối thì tạo phiếu"),
        ("Ctrl-S", "tạo phiếu từ bất kỳ ô nào"),
        ("Esc", "quay lại chọn bộ"),
    ],
    help_scoring: &[
        ("1 2 3 …", "chọn phương án (đã lưu rồi mới hiện)"),
        ("0", "không đạt (khi phiếu không có mức 0 điểm)"),
        ("↑↓ j k Enter", "chọn bằng con trỏ"),
        ("← → h l PgUp PgDn", "tiêu chí trước / sau"),
        (":", "tới tiêu chí theo mã, ví dụ :6.2.3"),
        ("e", "ghi chú cho tiêu chí"),
        ("x", "nêu / rút điều kiện loại (hỏi lý do)"),
        ("r", "xem lại cả phiếu"),
        ("p", "thăng hạng: hạng sau cần gì"),
        ("=", "giữ câu trả lời như lần trước (phiếu đánh giá lại)"),
        ("Esc", "về danh sách (không mất gì)"),
    ],
    help_review: &[
        ("↑↓ ← →", "chọn tiêu chí"),
        ("Enter", "tới tiêu chí đó"),
        ("c", "ý kiến của người đánh giá"),
        ("f", "hoàn thành (hỏi y/n), khoá phiếu và chờ đồng bộ"),
        ("p", "thăng hạng: hạng sau cần gì"),
        ("Esc", "quay lại chấm điểm"),
    ],
    help_finished: &[
        ("↑↓ ← →", "chọn tiêu chí"),
        ("Enter", "xem tiêu chí (chỉ đọc)"),
        ("a", "sửa đổi: mở lần mới của phiếu (hỏi lý do)"),
        ("p", "thăng hạng: hạng sau cần gì"),
        (
            "R",
            "đánh giá lại sản phẩm: phiếu mới, chép thông tin, lần trước bên cạnh",
        ),
        ("Esc", "về danh sách"),
    ],
    help_plan: &[
        ("↑↓ j k", "chọn tiêu chí"),
        ("Enter", "tới tiêu chí đó"),
        ("Esc", "quay lại"),
    ],
    help_council: &[("↑↓ j k", "cuộn"), ("Esc", "về danh sách")],
    help_everywhere: &[
        ("? F1", "trợ giúp"),
        ("Ctrl-C", "thoát ở bất kỳ đâu (đã lưu)"),
    ],
};

fn remote_vi(e: &RemoteError) -> String {
    use RemoteError as E;
    match e {
        E::Unreachable { host, detail } => {
            format!("Không kết nối được tới {host} qua SSH ({detail}); phiếu chờ lần thử sau.")
        }
        E::AuthRefused { host } => {
            format!("{host} từ chối khoá SSH của máy này (xác thực bị từ chối); phiếu vẫn chờ.")
        }
        E::HostKeyChanged { host } => format!(
            "Khoá máy chủ của {host} đã THAY ĐỔI so với lúc được chấp nhận: chưa gửi gì. Nếu \
             tỉnh đã đổi khoá, hãy hỏi lại họ khoá mới rồi xoá khoá cũ bằng `ssh-keygen -R {host}`."
        ),
        E::HostKeyUnknown { host } => format!(
            "Chưa biết khoá máy chủ của {host}: chưa gửi gì. Hãy kết nối một lần bằng \
             `ssh {host}` để kiểm tra và chấp nhận khoá."
        ),
        E::FolderMissing { host, path } => {
            format!("Trên {host} không có thư mục {path}; phiếu chờ đến khi có thư mục.")
        }
        E::DiskFull { host } => format!("Ổ đĩa của {host} đã đầy; phiếu chờ đến khi có chỗ."),
        E::NoOcop { host, detail } => {
            format!("Trên {host} chưa cài ocop (hoặc không tìm thấy: {detail}).")
        }
        E::TooOld { host } => {
            format!("Bản ocop trên {host} quá cũ để nhận phiếu qua SSH; cần cập nhật.")
        }
        E::LaptopTooOld { host } => {
            format!("Bản ocop trên máy này quá cũ so với bản trên {host}; cần cập nhật.")
        }
        E::NoSsh { detail } => format!("Máy này chưa cài ssh ({detail})."),
        E::Refused { host, message } => format!("{host} từ chối phiếu: {message}"),
        E::Cut { host, detail } => format!(
            "Kết nối tới {host} bị ngắt trước khi phiếu được ghi an toàn ({detail}); phiếu vẫn chờ."
        ),
    }
}
