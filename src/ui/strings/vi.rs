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
    unsaved: "chưa lưu",
    saved_at: |t| format!("đã lưu {t}"),
    waiting: |n| format!("{n} chờ đồng bộ"),
    syncing: |done, all| format!("đang đồng bộ {done}/{all}"),
    pick_title: "Phiếu mới · chọn bộ sản phẩm",
    pick_filter: "Lọc: ",
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
    amends: |rev, reason| format!("Sửa đổi lần {rev}: {reason}"),
    ask_delete: |p| format!("Xoá phiếu nháp «{p}»? Có thể khôi phục từ thùng rác."),
    ask_finish: "Hoàn thành phiếu? Phiếu sẽ bị khoá và chờ đồng bộ.",
    ask_amend: |n, why| {
        format!(
            "Mở phiên bản {n} để sửa phiếu đã hoàn thành, lý do «{why}»? Phiên bản cũ được giữ."
        )
    },
    case_title: "Trường hợp nào áp dụng cho sản phẩm này?",
    prompt_jump: "Tới tiêu chí (mã, ví dụ 6.2.3):",
    prompt_raise: "Lý do nêu điều kiện loại:",
    prompt_comment: "Ý kiến của người đánh giá:",
    prompt_amend: "Lý do sửa đổi phiếu đã hoàn thành:",
    prompt_assessor: "Tên người đánh giá (ghi trên phiếu, lưu cho lần sau):",
    problem_empty: "cần nhập",
    problem_code: "không có tiêu chí mã này",
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
