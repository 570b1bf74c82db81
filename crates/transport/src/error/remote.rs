//! Why a sync over SSH did not get through, sorted from what ssh and the receiver said into
//! the reasons an assessor can act on. The Display is the English sentence; `Say` gives it in
//! either language.

use ocop_domain::Lang;
use ocop_words::Say;

/// One reason; `host` is the host as the target names it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RemoteError {
    #[error("{host} cannot be reached over SSH ({detail}); the sheets wait for the next try")]
    Unreachable { host: String, detail: String },
    #[error("{host} refused this laptop's SSH key (authentication refused); the sheets wait")]
    AuthRefused { host: String },
    #[error(
        "the host key of {host} has CHANGED since it was accepted: nothing was sent. If the \
         province changed it, check the new key with them, then remove the old one with \
         `ssh-keygen -R {host}`"
    )]
    HostKeyChanged { host: String },
    #[error(
        "the host key of {host} is not known yet: nothing was sent. Connect once with \
         `ssh {host}` to check and accept it"
    )]
    HostKeyUnknown { host: String },
    #[error("the folder {path} is missing on {host}; the sheets wait until it is there")]
    FolderMissing { host: String, path: String },
    #[error("the disk of {host} is full; the sheets wait until there is room")]
    DiskFull { host: String },
    #[error("ocop is not installed on {host} (or not where it was looked for: {detail})")]
    NoOcop { host: String, detail: String },
    #[error("the ocop on {host} is too old to receive sheets over SSH; it needs an update")]
    TooOld { host: String },
    #[error("this laptop's ocop is too old for the ocop on {host}; it needs an update")]
    LaptopTooOld { host: String },
    #[error("ssh is not installed on this laptop ({detail})")]
    NoSsh { detail: String },
    #[error("{host} refused the sheets: {message}")]
    Refused {
        host: String,
        message: String,
        /// The receiver's sentence in Vietnamese, when it sent one.
        message_vi: Option<String>,
    },
    #[error("the connection to {host} was cut before the sheets were safely written ({detail})")]
    Cut { host: String, detail: String },
}

/// Sorts what ssh printed, and how it ended, into a reason. ssh runs with `LC_ALL=C`, so its
/// messages are the English ones matched here.
pub fn classify(host: &str, code: Option<i32>, stderr: &str) -> RemoteError {
    let host = host.to_string();
    let has = |needles: &[&str]| needles.iter().any(|n| stderr.contains(n));
    let detail = last_line(stderr, code);
    if has(&[
        "IDENTIFICATION HAS CHANGED",
        "has changed and you have requested strict",
    ]) {
        RemoteError::HostKeyChanged { host }
    } else if has(&["Host key verification failed", "host key is known"]) {
        RemoteError::HostKeyUnknown { host }
    } else if has(&["Permission denied (", "Too many authentication failures"]) {
        RemoteError::AuthRefused { host }
    } else if has(&[
        "Could not resolve hostname",
        "Connection refused",
        "Connection timed out",
        "No route to host",
        "Network is unreachable",
        "kex_exchange_identification",
        "Connection reset by peer",
    ]) {
        RemoteError::Unreachable { host, detail }
    } else if has(&["No space left on device"]) {
        RemoteError::DiskFull { host }
    } else if has(&["unrecognized subcommand", "unexpected argument 'receive'"]) {
        RemoteError::TooOld { host }
    } else if code == Some(127) || has(&["command not found", ": not found"]) {
        RemoteError::NoOcop { host, detail }
    } else {
        RemoteError::Cut { host, detail }
    }
}

/// The last thing ssh or the other side said, for the detail of a sentence.
fn last_line(stderr: &str, code: Option<i32>) -> String {
    let line = stderr.lines().map(str::trim).rfind(|l| !l.is_empty());
    match (line, code) {
        (Some(line), _) => line.chars().take(200).collect(),
        (None, Some(code)) => format!("ssh ended with code {code}"),
        (None, None) => "ssh was stopped".to_string(),
    }
}

/// Why a host reached over SSH did not take the sheets, as the status line and `ocop sync` say.
impl Say for RemoteError {
    fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => vi(self),
            Lang::En => self.to_string(),
        }
    }
}

fn vi(e: &RemoteError) -> String {
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
        E::Refused {
            host,
            message,
            message_vi,
        } => format!(
            "{host} từ chối phiếu: {}",
            message_vi.as_deref().unwrap_or(message)
        ),
        E::Cut { host, detail } => format!(
            "Kết nối tới {host} bị ngắt trước khi phiếu được ghi an toàn ({detail}); phiếu vẫn chờ."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_ssh_says_is_sorted_into_reasons() {
        let changed = "@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n\
                       Host key verification failed.\n";
        let cases = [
            (changed, Some(255), "HostKeyChanged"),
            (
                "No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\nHost key verification failed.",
                Some(255),
                "HostKeyUnknown",
            ),
            (
                "an@h: Permission denied (publickey).",
                Some(255),
                "AuthRefused",
            ),
            (
                "ssh: connect to host h port 22: Connection refused",
                Some(255),
                "Unreachable",
            ),
            (
                "ssh: Could not resolve hostname nowhere: Name or service not known",
                Some(255),
                "Unreachable",
            ),
            ("bash: line 1: ocop: command not found", Some(127), "NoOcop"),
            (
                "error: unrecognized subcommand 'receive'",
                Some(2),
                "TooOld",
            ),
            ("", None, "Cut"),
        ];
        for (stderr, code, want) in cases {
            let got = format!("{:?}", classify("h", code, stderr));
            assert!(got.starts_with(want), "{stderr}: {got}");
        }
    }

    #[test]
    fn the_detail_is_the_last_thing_said() {
        let e = classify(
            "h",
            Some(255),
            "one\nssh: connect to host h: Connection refused\n\n",
        );
        assert_eq!(e.to_string().matches("Connection refused").count(), 1);
        assert!(
            matches!(classify("h", Some(9), ""), RemoteError::Cut { detail, .. } if detail.contains('9'))
        );
    }
}
