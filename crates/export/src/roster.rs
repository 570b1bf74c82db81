//! The export folder's roster: `allowed_signers` in OpenSSH's format (the file `ssh-keygen -Y
//! verify -f` and git read), kept by the council's secretary, one line per member:
//! `principals [options] keytype base64 [comment]`, with `namespaces="ocop-sheet"` to limit a
//! key to sheets. An optional `revoked_keys` beside it lists public keys no longer trusted.
//! Read here: principals (comma-separated names, `*` and `?` as wildcards), `namespaces`, the
//! key; certificate authorities, negated patterns and validity times are not. A line whose
//! principal is a wildcard (the demo's `*`) lets one key sign as any member: it is named on
//! every run. With a pinned province key (`province`), a roster it did not sign
//! (`allowed_signers.sig`) gives no key to anyone.

use std::io;

use ocop_files::Links;
use std::path::Path;

use ssh_key::PublicKey;
use ssh_key::public::KeyData;

use crate::province::{self, Pin};
use crate::scan::ReadError;
use ocop_sign::{NAMESPACE, ROSTER_NAMESPACE};
use ocop_words::Words;
use ocop_words::words;

/// The roster's file name in the export folder.
pub const ALLOWED_SIGNERS: &str = "allowed_signers";
/// The revoked keys' file name in the export folder.
pub const REVOKED_KEYS: &str = "revoked_keys";

/// One member's line: who may sign with which key.
#[derive(Debug, Clone)]
pub struct Allowed {
    pub principals: Vec<String>,
    /// `None`: every namespace.
    pub namespaces: Option<Vec<String>>,
    pub key: KeyData,
}

/// What the folder's roster says, and the lines it could not read.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub allowed: Vec<Allowed>,
    pub revoked: Vec<KeyData>,
    /// The file (`allowed_signers` or `revoked_keys`) and why, one per line not understood,
    /// per wildcard line, and for a signature the pinned key did not make.
    pub problems: Vec<(&'static str, Words)>,
    /// A province key is pinned and did not sign this roster: it gives no key to anyone.
    pub refused: bool,
}

impl Roster {
    /// Reads `DIR/allowed_signers` (and `DIR/revoked_keys` when there); `None` when the folder
    /// has no `allowed_signers`. With `pin`, the roster counts only when the pinned key signed
    /// it (`allowed_signers.sig`).
    pub fn read(dir: &Path, pin: Option<&Pin>) -> Result<Option<Roster>, ReadError> {
        let path = dir.join(ALLOWED_SIGNERS);
        let Some(bytes) = read_optional(&path).map_err(ReadError::at(&path))? else {
            return Ok(None);
        };
        let text = String::from_utf8_lossy(&bytes);
        let mut roster = Roster::default();
        for (n, line) in lines(&text) {
            match allowed(line) {
                Ok(Some(a)) => {
                    if let Some(why) = wildcard(&a) {
                        let why = why.map(|why, lang| match lang {
                            ocop_domain::Lang::Vi => format!("dòng {n} {why}"),
                            ocop_domain::Lang::En => format!("line {n} {why}"),
                        });
                        roster.problems.push((ALLOWED_SIGNERS, why));
                    }
                    roster.allowed.push(a)
                }
                Ok(None) => {}
                Err(why) => {
                    let why = why.map(|why, lang| match lang {
                        ocop_domain::Lang::Vi => format!("dòng {n} {why}"),
                        ocop_domain::Lang::En => format!("line {n} {why}"),
                    });
                    roster.problems.push((ALLOWED_SIGNERS, why));
                }
            }
        }
        let shared = roster.shared_keys();
        roster
            .problems
            .extend(shared.into_iter().map(|w| (ALLOWED_SIGNERS, w)));
        if let Some(pin) = pin
            && let Err(why) = province::check(&path, &bytes, ROSTER_NAMESPACE, pin)
        {
            let why = why.map(|why, lang| match lang {
                ocop_domain::Lang::Vi => format!("{why}: không thành viên nào được tính"),
                ocop_domain::Lang::En => format!("{why}: no member counts"),
            });
            roster.problems.push((ALLOWED_SIGNERS, why));
            roster.allowed.clear();
            roster.refused = true;
        }
        let revoked = dir.join(REVOKED_KEYS);
        if let Some(bytes) = read_optional(&revoked).map_err(ReadError::at(&revoked))? {
            roster.read_revoked(&bytes);
        }
        Ok(Some(roster))
    }

    fn read_revoked(&mut self, bytes: &[u8]) {
        let Ok(text) = std::str::from_utf8(bytes) else {
            self.problems.push((
                REVOKED_KEYS,
                words!(
                    "không phải một danh sách khoá công khai (KRL nhị phân không được đọc): \
                     không khoá nào được coi là đã thu hồi",
                    "is not a list of public keys (a binary KRL is not read): no key is taken \
                     as revoked"
                ),
            ));
            return;
        };
        for (n, line) in lines(text) {
            match PublicKey::from_openssh(line) {
                Ok(key) => self.revoked.push(key.key_data().clone()),
                Err(e) => self.problems.push((
                    REVOKED_KEYS,
                    words!(
                        "dòng {n} không phải một khoá công khai: {e}",
                        "line {n} is not a public key: {e}"
                    ),
                )),
            }
        }
    }

    /// Each key the roster gives to more than one principal (wildcards are said apart): one
    /// person would hold several seats of the council.
    fn shared_keys(&self) -> Vec<Words> {
        let mut said: Vec<&KeyData> = Vec::new();
        let mut found = Vec::new();
        for a in &self.allowed {
            if said.contains(&&a.key) {
                continue;
            }
            let mut principals: Vec<&str> = self.principals_of(&a.key);
            principals.retain(|p| !p.contains(['*', '?']));
            principals.sort();
            principals.dedup();
            if principals.len() > 1 {
                said.push(&a.key);
                let fp = PublicKey::from(a.key.clone()).fingerprint(ssh_key::HashAlg::Sha256);
                let them = principals.join(", ");
                found.push(words!(
                    "giao khoá {fp} cho nhiều principal ({them}): một người sẽ giữ nhiều ghế \
                     của hội đồng",
                    "gives key {fp} to several principals ({them}): one person would hold \
                     several seats of the council"
                ));
            }
        }
        found
    }

    pub fn is_revoked(&self, key: &KeyData) -> bool {
        self.revoked.contains(key)
    }

    /// Whether the roster gives `key` to `principal` for sheets.
    pub fn allows(&self, key: &KeyData, principal: &str) -> bool {
        self.principals_of(key)
            .iter()
            .any(|pattern| matches(pattern.as_bytes(), principal.as_bytes()))
    }

    /// The principals the roster gives `key` for sheets; empty when it is not there.
    pub fn principals_of(&self, key: &KeyData) -> Vec<&str> {
        self.allowed
            .iter()
            .filter(|a| &a.key == key)
            .filter(|a| {
                a.namespaces
                    .as_ref()
                    .is_none_or(|ns| ns.iter().any(|n| n == NAMESPACE))
            })
            .flat_map(|a| a.principals.iter().map(String::as_str))
            .collect()
    }
}

/// OpenSSH's principal patterns: `*` any run of characters, `?` any one.
fn matches(pattern: &[u8], name: &[u8]) -> bool {
    match (pattern.split_first(), name.split_first()) {
        (None, None) => true,
        (Some((b'*', rest)), _) => {
            matches(rest, name) || name.split_first().is_some_and(|(_, n)| matches(pattern, n))
        }
        (Some((b'?', rest)), Some((_, n))) => matches(rest, n),
        (Some((p, rest)), Some((c, n))) if p == c => matches(rest, n),
        _ => false,
    }
}

/// The roster's own lines for `verify`: a missing `allowed_signers`, and lines not read.
pub fn roster_problems(dir: &Path, roster: Option<&Roster>) -> Vec<crate::finding::Problem> {
    let problem = |name: &str, message: Words| crate::finding::Problem {
        path: dir.join(name),
        message,
    };
    match roster {
        None => vec![problem(
            ALLOWED_SIGNERS,
            words!(
                "không có: không chữ ký nào gắn được với một thành viên hội đồng (thư ký giữ \
                 một dòng `principal namespaces=\"ocop-sheet\" ssh-ed25519 …` cho mỗi thành \
                 viên; `ocop key` in dòng của một người đánh giá)",
                "is missing: no signature can be tied to a council member (the secretary keeps \
                 one `principal namespaces=\"ocop-sheet\" ssh-ed25519 …` line per member; \
                 `ocop key` prints an assessor's)"
            ),
        )],
        Some(r) => r
            .problems
            .iter()
            .map(|(file, why)| problem(file, why.clone()))
            .collect(),
    }
}

/// A line that gives its key to principals by pattern: why it lets one key sign as any member.
fn wildcard(a: &Allowed) -> Option<Words> {
    let pattern = a.principals.iter().find(|p| p.contains(['*', '?']))?;
    let key = PublicKey::from(a.key.clone());
    let fp = key.fingerprint(ssh_key::HashAlg::Sha256);
    let pattern = format!("{pattern:?}");
    Some(words!(
        "giao khoá {fp} cho mọi principal khớp với {pattern}: ai giữ khoá đó (khoá của `ocop \
         demo` thì ai cũng có) ký được thay bất kỳ thành viên nào",
        "gives key {fp} to every principal matching {pattern}: whoever holds that key (anyone, \
         for the key of `ocop demo`) signs as any member"
    ))
}

/// A roster of a thousand members is a few hundred kilobytes; past this, it is no roster.
pub const ROSTER_MAX_BYTES: u64 = 4 << 20;

/// The file's bytes, or `None` when it is not there; a FIFO, a device, a link or a file past
/// `ROSTER_MAX_BYTES` is an error, never waited on.
fn read_optional(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match ocop_files::read(path, ROSTER_MAX_BYTES, Links::Refuse) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e.into_io()),
    }
}

/// Numbered lines with content: blank lines and `#` comments left out.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// One `allowed_signers` line; `None` for a certificate authority, which ocop does not use.
fn allowed(line: &str) -> Result<Option<Allowed>, Words> {
    let no_key = || words!("không có khoá", "has no key");
    let parts = split(line);
    let mut parts = parts.iter().map(String::as_str);
    let principals = parts.next().ok_or_else(|| words!("trống", "is empty"))?;
    let mut next = parts.next().ok_or_else(no_key)?;
    let mut namespaces = None;
    let mut authority = false;
    if !is_key_type(next) {
        for option in split_options(next) {
            let (name, value) = option.split_once('=').unwrap_or((option.as_str(), ""));
            match name.to_ascii_lowercase().as_str() {
                "namespaces" => {
                    let list = value.trim_matches('"').split(',');
                    namespaces = Some(list.map(str::to_string).collect());
                }
                "cert-authority" => authority = true,
                _ => {}
            }
        }
        next = parts.next().ok_or_else(no_key)?;
    }
    let base64 = parts.next().ok_or_else(|| {
        words!(
            "có loại khoá nhưng không có khoá",
            "has a key type but no key"
        )
    })?;
    let key = PublicKey::from_openssh(&format!("{next} {base64}")).map_err(|e| {
        words!(
            "không có khoá nào ssh đọc được ({e})",
            "has no key ssh can read ({e})"
        )
    })?;
    if authority {
        return Ok(None);
    }
    let principals = principals.trim_matches('"').split(',');
    Ok(Some(Allowed {
        principals: principals.map(str::to_string).collect(),
        namespaces,
        key: key.key_data().clone(),
    }))
}

fn is_key_type(word: &str) -> bool {
    ["ssh-", "ecdsa-", "sk-"]
        .iter()
        .any(|p| word.starts_with(p))
}

/// Words split at spaces outside double quotes (quotes kept).
fn split(line: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                if let Some(w) = words.last_mut() {
                    w.push(c);
                }
            }
            c if c.is_whitespace() && !quoted => {
                if words.last().is_some_and(|w| !w.is_empty()) {
                    words.push(String::new());
                }
            }
            c => {
                if let Some(w) = words.last_mut() {
                    w.push(c);
                }
            }
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

/// Options split at commas outside double quotes.
fn split_options(word: &str) -> Vec<String> {
    let mut options = vec![String::new()];
    let mut quoted = false;
    for c in word.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => options.push(String::new()),
            _ => {}
        }
        if (c != ',' || quoted)
            && let Some(o) = options.last_mut()
        {
            o.push(c);
        }
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    #[test]
    fn a_line_with_options_and_several_principals() {
        let line = format!("an,binh namespaces=\"git,ocop-sheet\" {KEY} laptop");
        let a = allowed(&line).ok().flatten().expect("a line");
        assert_eq!(a.principals, ["an", "binh"]);
        assert_eq!(
            a.namespaces.as_deref(),
            Some(&["git".to_string(), "ocop-sheet".to_string()][..])
        );
        let roster = Roster {
            allowed: vec![a],
            ..Roster::default()
        };
        let key = PublicKey::from_openssh(KEY).expect("key");
        assert_eq!(roster.principals_of(key.key_data()), ["an", "binh"]);
    }

    #[test]
    fn a_key_limited_to_another_namespace_gives_no_principal() {
        let line = format!("an namespaces=\"git\" {KEY}");
        let roster = Roster {
            allowed: vec![allowed(&line).ok().flatten().expect("a line")],
            ..Roster::default()
        };
        let key = PublicKey::from_openssh(KEY).expect("key");
        assert!(roster.principals_of(key.key_data()).is_empty());
    }

    #[test]
    fn principal_patterns() {
        assert!(matches(b"*", b"nguyen-van-an"));
        assert!(matches(b"nguyen-*", b"nguyen-van-an"));
        assert!(matches(b"an?", b"an1"));
        assert!(!matches(b"an", b"an1"));
        assert!(!matches(b"binh-*", b"nguyen-van-an"));
    }

    #[test]
    fn broken_lines_are_named() {
        assert!(allowed("an").is_err());
        assert!(allowed("an ssh-ed25519 notbase64!").is_err());
        assert!(allowed(&format!("ca cert-authority {KEY}")).is_ok_and(|a| a.is_none()));
    }

    #[test]
    fn a_key_for_several_principals_or_a_pattern_is_named() {
        let tmp = tempfile::tempdir().expect("tmp");
        let lines = format!("an {KEY}\nbinh {KEY}\n* {KEY}\n");
        std::fs::write(tmp.path().join(ALLOWED_SIGNERS), lines).expect("roster");
        let roster = Roster::read(tmp.path(), None)
            .expect("read")
            .expect("a roster");
        let said: Vec<String> = roster
            .problems
            .iter()
            .map(|(_, w)| w.en.to_string())
            .collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].starts_with("line 3 gives key SHA256:"), "{said:?}");
        assert!(said[0].contains("matching \"*\""), "{said:?}");
        assert!(
            said[1].contains("to several principals (an, binh)"),
            "{said:?}"
        );
        let one = format!("an {KEY}\n");
        std::fs::write(tmp.path().join(ALLOWED_SIGNERS), one).expect("roster");
        let roster = Roster::read(tmp.path(), None)
            .expect("read")
            .expect("a roster");
        assert!(roster.problems.is_empty());
    }
}
