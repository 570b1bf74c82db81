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
    /// When its process started (`/proc/PID/stat`'s start time, in clock ticks since boot):
    /// with the pid, what names the process, whatever the binary is called. A pid reused by
    /// another process has another start. None in a file an earlier release wrote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<u64>,
    /// Its executable (`/proc/PID/exe`), when it could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exe: Option<String>,
}

impl Holder {
    /// This process, as a holder file describes it.
    pub fn this_process(assessor: &str, now: DateTime<FixedOffset>) -> Holder {
        let pid = std::process::id();
        Holder {
            pid,
            host: host_name(),
            tty: tty_name(),
            assessor: assessor.to_string(),
            since: now,
            last_key: now,
            started: process_start(pid),
            exe: executable(pid),
        }
    }
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

/// Decides from the holder file's contents (if any), this host's name, and whether the
/// process it describes is alive here.
pub fn decide(holder: Option<Holder>, here: &str, alive: impl Fn(&Holder) -> bool) -> Decision {
    match holder {
        None => Decision::Unknown,
        Some(h) if h.host != here => Decision::OtherHost(h),
        Some(h) if alive(&h) => Decision::Ask(h),
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

/// Whether the holder's process is alive on this host: its pid names a live process (not a
/// zombie) that started when the holder's did, from the same executable, whatever the binary
/// is called (`ocop`, `ocop-assess`, `ocop-0.2`). A file from an earlier release, without a
/// start, is matched by the process's name: `ocop`, or `ocop-` and more.
pub fn alive(h: &Holder) -> bool {
    if !pid_alive(h.pid) {
        return false;
    }
    let Some(stat) = stat(h.pid) else {
        return true;
    };
    match h.started {
        Some(started) => {
            let same_exe = match (&h.exe, executable(h.pid)) {
                (Some(ours), Some(theirs)) => *ours == theirs,
                _ => true,
            };
            stat.start == Some(started) && same_exe
        }
        None => stat.name == "ocop" || stat.name.starts_with("ocop-"),
    }
}

/// Whether `pid` names a live process here, a zombie (which has let go of everything) aside.
pub fn pid_alive(pid: u32) -> bool {
    let Some(raw) = one_process(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists and may be signalled.
    let exists = unsafe { libc::kill(raw, 0) } == 0
        || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    exists && stat(pid).is_none_or(|s| s.state != 'Z')
}

/// What `/proc/PID/stat` says of a process: its name, state and start time.
struct Stat {
    name: String,
    state: char,
    start: Option<u64>,
}

/// `pid (comm) S ppid …`: the name may hold spaces and parentheses, so the fields are read
/// after the last `)`; the start time is the 22nd field.
fn stat(pid: u32) -> Option<Stat> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (head, rest) = text.rsplit_once(')')?;
    let name = head.split_once('(')?.1.to_string();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some(Stat {
        name,
        state: fields.first()?.chars().next()?,
        start: fields.get(19).and_then(|f| f.parse().ok()),
    })
}

/// When `pid` started, in clock ticks since boot.
pub fn process_start(pid: u32) -> Option<u64> {
    stat(pid)?.start
}

/// The executable `pid` runs, as `/proc/PID/exe` names it (an upgraded binary's old file is
/// "… (deleted)": the same process still).
fn executable(pid: u32) -> Option<String> {
    let link = std::fs::read_link(format!("/proc/{pid}/exe")).ok()?;
    let shown = link.display().to_string();
    Some(shown.trim_end_matches(" (deleted)").to_string())
}

/// Asks the holder to stop (it saves everything pending first). False when it could not be.
pub fn ask_to_stop(pid: u32) -> bool {
    one_process(pid)
        .filter(|_| pid != std::process::id())
        // SAFETY: sends SIGTERM to one other process id, checked alive just before.
        .is_some_and(|pid| unsafe { libc::kill(pid, libc::SIGTERM) } == 0)
}

/// `pid` as kill(2) takes it, when it names one process: 0 and the negatives name process
/// groups (and -1 every process), which a holder file must never reach.
fn one_process(pid: u32) -> Option<libc::pid_t> {
    libc::pid_t::try_from(pid).ok().filter(|p| *p > 0)
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
            started: None,
            exe: None,
        }
    }

    #[test]
    fn a_live_holder_here_is_asked_a_gone_one_waited_for_another_host_never_touched() {
        let live = |h: &Holder| h.pid == 42;
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
    fn a_live_holder_is_known_by_its_start_whatever_the_binary_is_called() {
        let at = chrono::Local::now().fixed_offset();
        // This test binary is not called ocop, and is alive: its own holder is alive.
        let me = Holder::this_process("Nguyễn Văn An", at);
        assert!(me.started.is_some() && me.exe.is_some(), "{me:?}");
        assert!(alive(&me));
        // The same pid with another start is a reused pid: not the holder.
        let reused = Holder {
            started: me.started.map(|s| s + 1),
            ..me.clone()
        };
        assert!(!alive(&reused));
        // A file from an earlier release (no start) is matched by the name only.
        let earlier = Holder {
            started: None,
            exe: None,
            ..me.clone()
        };
        assert!(!alive(&earlier), "this binary's name is not ocop…");
        let mut child = std::process::Command::new("true").spawn().expect("true");
        let pid = child.id();
        child.wait().expect("wait");
        assert!(!pid_alive(pid) && !alive(&Holder { pid, ..me }));
        assert!(!pid_alive(u32::MAX));
        assert!(!host_name().is_empty());
    }

    #[test]
    fn a_file_naming_pid_zero_or_this_process_never_gets_a_signal() {
        // kill(0, …) is this process group: a file saying `"pid": 0` would be "alive" and,
        // asked to stop, stop the newcomer and its shell's job.
        assert!(!pid_alive(0));
        let at = chrono::Local::now().fixed_offset();
        let zero = Holder {
            pid: 0,
            ..Holder::this_process("Nguyễn Văn An", at)
        };
        assert!(!alive(&zero));
        assert!(!ask_to_stop(0));
        // A stale file that names the newcomer's own pid (reused) is never its own stop.
        assert!(!ask_to_stop(std::process::id()));
    }
}
