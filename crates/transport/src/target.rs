//! Where a sync goes: a folder on this machine, or a folder on a host reached over SSH, given
//! as git gives its remotes: `ssh://[user@]host[:port]/path`, or scp-like `[user@]host:path`
//! (a colon before any slash; a local folder with a colon in its name is written `./a:b`).

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Local(PathBuf),
    Ssh(SshTarget),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshTarget {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
    /// The receiving folder on the host; relative to the account's home when relative.
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{given}' is not an export folder ssh can reach: write ssh://[user@]host[:port]/path or \
     [user@]host:path, with a host and user that do not start with '-'"
)]
pub struct TargetError {
    pub given: String,
}

impl ocop_words::Say for TargetError {
    fn say(&self, lang: ocop_domain::Lang) -> String {
        let given = &self.given;
        ocop_words::pick(
            lang,
            format!(
                "'{given}' không phải thư mục xuất mà ssh tới được: hãy viết \
                 ssh://[user@]host[:port]/path hoặc [user@]host:path, với host và user không \
                 bắt đầu bằng '-'"
            ),
            self.to_string(),
        )
    }
}

impl Target {
    /// Reads the export folder setting: a remote target when it looks like one.
    pub fn of(dir: &Path) -> Result<Target, TargetError> {
        let text = dir.to_string_lossy();
        let bad = || TargetError {
            given: text.to_string(),
        };
        if let Some(rest) = text.strip_prefix("ssh://") {
            return url(rest).map(Target::Ssh).ok_or_else(bad);
        }
        match scp_like(&text) {
            Some(Some(target)) => Ok(Target::Ssh(target)),
            Some(None) => Err(bad()),
            None => Ok(Target::Local(dir.to_path_buf())),
        }
    }

    /// Whether a setting names a remote target (and so is not a path relative to anything).
    pub fn is_remote(dir: &Path) -> bool {
        !matches!(Target::of(dir), Ok(Target::Local(_)))
    }
}

/// `[user@]host[:port]/path` after `ssh://`.
fn url(rest: &str) -> Option<SshTarget> {
    let slash = rest.find('/')?;
    let (authority, path) = rest.split_at(slash);
    let (user, host_port) = split_user(authority)?;
    let (host, port) = match host_port.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') || host.ends_with(']') => {
            (host, Some(port.parse::<u16>().ok()?))
        }
        _ => (host_port, None),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let target = SshTarget {
        user,
        host: host.to_string(),
        port,
        path: path.to_string(),
    };
    target.valid().then_some(target)
}

/// `[user@]host:path`: None when the text is a local path, Some(None) when it is meant as a
/// remote target but cannot be one.
fn scp_like(text: &str) -> Option<Option<SshTarget>> {
    let (authority, path) = text.split_once(':')?;
    if authority.is_empty() || authority.contains('/') {
        return None;
    }
    let Some((user, host)) = split_user(authority) else {
        return Some(None);
    };
    let target = SshTarget {
        user,
        host: host.to_string(),
        port: None,
        path: path.to_string(),
    };
    Some(target.valid().then_some(target))
}

fn split_user(authority: &str) -> Option<(Option<String>, &str)> {
    match authority.rsplit_once('@') {
        Some((user, host)) if !user.is_empty() => Some((Some(user.to_string()), host)),
        Some(_) => None,
        None => Some((None, authority)),
    }
}

impl SshTarget {
    /// Nothing ssh could take for an option, nothing a shell would split.
    fn valid(&self) -> bool {
        let plain = |s: &str| {
            !s.is_empty()
                && !s.starts_with('-')
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-:".contains(&b))
        };
        plain(&self.host)
            && self.user.as_deref().is_none_or(plain)
            && !self.path.is_empty()
            && self.path != "/"
            && !self.path.contains(['\n', '\0'])
    }

    /// `[user@]host` as ssh takes it.
    pub fn destination(&self) -> String {
        match &self.user {
            Some(user) => format!("{user}@{}", self.host),
            None => self.host.clone(),
        }
    }
}

impl fmt::Display for SshTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = match self.host.contains(':') {
            true => format!("[{}]", self.host),
            false => self.host.clone(),
        };
        let user = self
            .user
            .as_ref()
            .map(|u| format!("{u}@"))
            .unwrap_or_default();
        let port = self.port.map(|p| format!(":{p}")).unwrap_or_default();
        let slash = if self.path.starts_with('/') {
            ""
        } else {
            "/~/"
        };
        write!(f, "ssh://{user}{host}{port}{slash}{}", self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(s: &str) -> Result<Target, TargetError> {
        Target::of(Path::new(s))
    }

    fn ssh(user: Option<&str>, host: &str, port: Option<u16>, path: &str) -> Target {
        Target::Ssh(SshTarget {
            user: user.map(str::to_string),
            host: host.into(),
            port,
            path: path.into(),
        })
    }

    #[test]
    fn urls_and_scp_like_targets_are_read_as_git_reads_them() {
        let t = of("ssh://an@tinh.example:2222/srv/ocop-export");
        assert_eq!(
            t,
            Ok(ssh(
                Some("an"),
                "tinh.example",
                Some(2222),
                "/srv/ocop-export"
            ))
        );
        assert_eq!(of("ssh://h/x"), Ok(ssh(None, "h", None, "/x")));
        assert_eq!(of("ssh://[::1]:22/x"), Ok(ssh(None, "::1", Some(22), "/x")));
        assert_eq!(
            of("an@host:/srv/x"),
            Ok(ssh(Some("an"), "host", None, "/srv/x"))
        );
        assert_eq!(of("host:export"), Ok(ssh(None, "host", None, "export")));
    }

    #[test]
    fn paths_stay_local() {
        for local in ["/mnt/share", "out", "./a:b", "/x/host:y", "C"] {
            assert_eq!(
                of(local),
                Ok(Target::Local(PathBuf::from(local))),
                "{local}"
            );
        }
    }

    #[test]
    fn nothing_ssh_could_take_for_an_option_is_accepted() {
        for bad in [
            "ssh://-oProxyCommand=x/p",
            "-oProxyCommand=x:/p",
            "ssh://-l@h/p",
            "ssh://h:99999/p",
            "ssh://h",
            "ssh://h/",
            "h:",
            "@h:/p",
            "ho st:/p",
        ] {
            assert!(of(bad).is_err(), "{bad}");
        }
        assert!(Target::is_remote(Path::new("ssh://h")));
    }

    #[test]
    fn a_target_prints_as_a_url() {
        let t = SshTarget {
            user: Some("an".into()),
            host: "h".into(),
            port: Some(2222),
            path: "/srv/x".into(),
        };
        assert_eq!(t.to_string(), "ssh://an@h:2222/srv/x");
        assert_eq!(t.destination(), "an@h");
    }
}
