//! Who holds the data folder: a small file beside the database (`ocop.holder`) written by the
//! interface that holds redb's lock, so that a second `ocop` can say who that is and decide
//! whether the session may be taken over. redb's lock stays the lock; this file only describes
//! it, so a stale file is harmless: it is read only while redb says the folder is locked.
//!
//! The file is rewritten in place without fsync (`SmallFile`): it must survive the holder
//! being killed, which the page cache does; after a power cut no process holds anything. A
//! reader that catches it half written reads no holder, and refuses as if nothing said who.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::small_file::{SMALL_MAX_BYTES, SmallFile};
use ocop_files::Links;

/// The holder file's name inside the data folder.
pub const HOLDER_FILE: &str = "ocop.holder";

/// What the holder says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    /// The terminal it runs on (`/dev/pts/3`), or empty.
    pub tty: String,
    pub assessor: String,
    pub since: DateTime<FixedOffset>,
    /// When the assessor last pressed a key (updated at most every few seconds).
    pub last_key: DateTime<FixedOffset>,
}

/// What a newcomer does about a locked folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// A live process on this host holds it: ask, then stop it.
    Ask(Holder),
    /// The holder's process is gone: the lock is being let go (or a newer holder is writing
    /// its file); wait for the folder without asking.
    Gone(Holder),
    /// Another host holds it (a shared folder): never stopped from here.
    OtherHost(Holder),
    /// Nothing says who holds it.
    Unknown,
}

/// Decides from the holder file's contents (if any), this host's name, and whether a process
/// id is a live ocop here.
pub fn decide(holder: Option<Holder>, here: &str, alive: impl Fn(u32) -> bool) -> Decision {
    match holder {
        None => Decision::Unknown,
        Some(h) if h.host != here => Decision::OtherHost(h),
        Some(h) if alive(h.pid) => Decision::Ask(h),
        Some(h) => Decision::Gone(h),
    }
}

pub fn path(dir: &Path) -> PathBuf {
    dir.join(HOLDER_FILE)
}

/// The holder file, if it is there and reads as one.
pub fn read(dir: &Path) -> Option<Holder> {
    // Not a regular file, or past a small file's size: no holder (`ocop_files`).
    let bytes = ocop_files::read(&path(dir), SMALL_MAX_BYTES, Links::Refuse).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The holder file, open for rewriting.
pub struct HolderFile(SmallFile);

impl HolderFile {
    pub fn open(dir: &Path) -> std::io::Result<HolderFile> {
        SmallFile::open(&path(dir)).map(HolderFile)
    }

    pub fn write(&mut self, holder: &Holder) -> std::io::Result<()> {
        let bytes = serde_json::to_vec_pretty(holder).map_err(std::io::Error::other)?;
        self.0.write(&bytes)
    }
}

/// Writes the holder file once (tests, and a holder that keeps no file open).
pub fn write(dir: &Path, holder: &Holder) -> std::io::Result<()> {
    HolderFile::open(dir)?.write(holder)
}

/// This machine's name, as the holder file records it.
pub fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most `len` bytes into the buffer it is given.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return String::new();
    }
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// The terminal on standard input, or empty.
pub fn tty_name() -> String {
    std::fs::read_link("/proc/self/fd/0")
        .ok()
        .map(|p| p.display().to_string())
        .filter(|p| p.starts_with("/dev/"))
        .unwrap_or_default()
}

/// Whether `pid` is a live process of this program on this host. On Linux its name is checked
/// too, so a process id reused by another program is never taken for the holder.
pub fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists and may be signalled.
    let exists = unsafe { libc::kill(pid, 0) } == 0
        || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    if !exists {
        return false;
    }
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // "pid (comm) S …": a zombie (state Z) has let go of everything.
        Ok(stat) => stat.contains("(ocop)") && !stat.contains(") Z "),
        Err(_) => true,
    }
}

/// Asks the holder to stop (it saves everything pending first). False when it could not be.
pub fn ask_to_stop(pid: u32) -> bool {
    libc::pid_t::try_from(pid)
        // SAFETY: sends SIGTERM to one process id, checked alive just before.
        .is_ok_and(|pid| unsafe { libc::kill(pid, libc::SIGTERM) } == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(host: &str, pid: u32) -> Holder {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-29T08:00:00+07:00").expect("time");
        Holder {
            pid,
            host: host.into(),
            tty: "/dev/pts/3".into(),
            assessor: "Nguyễn Văn An".into(),
            since: at,
            last_key: at,
        }
    }

    #[test]
    fn a_live_holder_here_is_asked_a_gone_one_waited_for_another_host_never_touched() {
        let live = |pid: u32| pid == 42;
        let h = holder("may-chu", 42);
        assert_eq!(decide(Some(h.clone()), "may-chu", live), Decision::Ask(h));
        let h = holder("may-chu", 7);
        assert_eq!(decide(Some(h.clone()), "may-chu", live), Decision::Gone(h));
        // A live process id on another host is someone else's: never asked, never killed.
        let h = holder("nfs-khac", 42);
        assert_eq!(
            decide(Some(h.clone()), "may-chu", live),
            Decision::OtherHost(h)
        );
        assert_eq!(decide(None, "may-chu", live), Decision::Unknown);
    }

    #[test]
    fn the_file_reads_back_as_written_and_a_damaged_one_is_no_holder() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(read(dir.path()), None);
        let h = holder("may-chu", 42);
        write(dir.path(), &h).expect("write");
        assert_eq!(read(dir.path()), Some(h.clone()));
        // Shorter content over it reads as itself; a damaged file is no holder.
        let short = Holder {
            assessor: "An".into(),
            ..h.clone()
        };
        write(dir.path(), &short).expect("shorter");
        assert_eq!(read(dir.path()), Some(short));
        std::fs::write(path(dir.path()), b"{\"pid\": ").expect("damage");
        assert_eq!(read(dir.path()), None);
    }

    #[test]
    fn only_a_live_ocop_counts_as_alive() {
        // This test binary is alive but is not ocop; a finished child is not alive at all.
        assert!(!alive(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().expect("true");
        let pid = child.id();
        child.wait().expect("wait");
        assert!(!alive(pid));
        assert!(!alive(u32::MAX));
        assert!(!host_name().is_empty());
    }
}
