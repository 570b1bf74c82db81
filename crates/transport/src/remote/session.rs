//! One `ssh host ocop receive DIR` process: the system's OpenSSH, so the user's config, keys,
//! agent and known hosts apply, in batch mode (never a question, never a changed host key),
//! its stdout read into frames on a thread of its own, its stderr kept to say what went
//! wrong, and a watchdog that stops it when nothing moves for `IDLE`.
//!
//! `OCOP_SSH_COMMAND` replaces `ssh` (words split on spaces, as `GIT_SSH_COMMAND`), e.g.
//! `ssh -F /path/to/config`; `OCOP_RECEIVE_COMMAND` replaces the remote `ocop` (a forced
//! command in `authorized_keys` overrides it anyway).

use std::io::{BufWriter, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::error::{RemoteError, classify};
use crate::target::SshTarget;
use crate::wire::{self, Message, WireError};

/// How long the other side may stay silent (and stop reading) before the session is cut.
pub const IDLE: Duration = Duration::from_secs(60);

/// How long ssh may take to end once its input is closed.
const LINGER: Duration = Duration::from_secs(10);

pub struct Session {
    host: String,
    child: Child,
    input: Option<BufWriter<ChildStdin>>,
    frames: mpsc::Receiver<Result<Message, WireError>>,
    stderr: Option<JoinHandle<String>>,
    watchdog: Watchdog,
}

impl Session {
    pub fn start(target: &SshTarget) -> Result<Session, RemoteError> {
        let host = target.host.clone();
        let mut child = command(target).spawn().map_err(|e| RemoteError::NoSsh {
            detail: e.to_string(),
        })?;
        let watchdog = Watchdog::start(child.id());
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let detail = "ssh started without its pipes".to_string();
            return Err(RemoteError::Cut { host, detail });
        };
        let frames = read_frames(stdout, watchdog.clock.clone(), watchdog.start);
        let stderr = thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.take(64 << 10).read_to_string(&mut text);
            text
        });
        Ok(Session {
            host,
            child,
            input: Some(BufWriter::with_capacity(256 << 10, stdin)),
            frames,
            stderr: Some(stderr),
            watchdog,
        })
    }

    pub fn send(&mut self, message: &Message) -> Result<(), RemoteError> {
        let Some(input) = self.input.as_mut() else {
            return Err(self.cut("input closed"));
        };
        let sent = wire::write(input, message);
        self.watchdog.tick();
        sent.map_err(|_| self.ended())
    }

    pub fn flush(&mut self) -> Result<(), RemoteError> {
        let Some(input) = self.input.as_mut() else {
            return Err(self.cut("input closed"));
        };
        let flushed = input.flush();
        self.watchdog.tick();
        flushed.map_err(|_| self.ended())
    }

    /// The next frame; when there is none, why (from how ssh ended).
    pub fn next(&mut self) -> Result<Message, RemoteError> {
        match self.frames.recv_timeout(IDLE + Duration::from_secs(5)) {
            Ok(Ok(message)) => Ok(message),
            Ok(Err(WireError::Garbled(what))) => {
                let ended = self.ended();
                match ended {
                    RemoteError::Cut { .. } => Err(self.cut(&what)),
                    other => Err(other),
                }
            }
            _ => Err(self.ended()),
        }
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// Closes ssh's input and waits for it to end.
    pub fn close(mut self) {
        self.input = None;
        self.wait();
    }

    /// Waits for ssh to end once its input is closed, for `LINGER` at most, then stops it.
    fn wait(&mut self) -> Option<std::process::ExitStatus> {
        self.watchdog.done.store(true, Ordering::SeqCst);
        let deadline = Instant::now() + LINGER;
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(Some(status)) => return Some(status),
                Ok(None) => thread::sleep(Duration::from_millis(10)),
                Err(_) => break,
            }
        }
        let _ = self.child.kill();
        self.child.wait().ok()
    }

    fn cut(&self, detail: &str) -> RemoteError {
        RemoteError::Cut {
            host: self.host.clone(),
            detail: detail.to_string(),
        }
    }

    /// ssh is gone or going: waits for it, and reads why from what it printed.
    fn ended(&mut self) -> RemoteError {
        self.input = None;
        let status = self.wait();
        let stderr = self.stderr.take().and_then(|h| h.join().ok());
        let stderr = stderr.unwrap_or_default();
        if self.watchdog.fired.load(Ordering::SeqCst) {
            let detail = format!("no answer for {} seconds", IDLE.as_secs());
            return self.cut(&detail);
        }
        classify(&self.host, status.and_then(|s| s.code()), &stderr)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.watchdog.done.store(true, Ordering::SeqCst);
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `ssh -o BatchMode=yes … host -- ocop receive 'DIR'`.
fn command(target: &SshTarget) -> Command {
    let ssh = std::env::var("OCOP_SSH_COMMAND").unwrap_or_default();
    let mut words = ssh.split_whitespace();
    let mut cmd = Command::new(words.next().unwrap_or("ssh"));
    cmd.args(words);
    for option in [
        "BatchMode=yes",
        "StrictHostKeyChecking=yes",
        "ConnectTimeout=20",
        "ServerAliveInterval=15",
        "ServerAliveCountMax=3",
    ] {
        cmd.arg("-o").arg(option);
    }
    if let Some(port) = target.port {
        cmd.arg("-p").arg(port.to_string());
    }
    let receive = std::env::var("OCOP_RECEIVE_COMMAND").unwrap_or_else(|_| "ocop".into());
    let remote = format!("{} receive {}", receive.trim(), shell_quote(&target.path));
    cmd.arg("--").arg(target.destination()).arg(remote);
    // ssh's own messages in English, so that `classify` can read them.
    cmd.env("LC_ALL", "C");
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// One word for the remote shell, whatever the path holds.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn read_frames(
    mut stdout: impl Read + Send + 'static,
    clock: Arc<AtomicU64>,
    start: Instant,
) -> mpsc::Receiver<Result<Message, WireError>> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut stdout = std::io::BufReader::with_capacity(64 << 10, &mut stdout);
        loop {
            let frame = wire::read(&mut stdout);
            clock.store(millis(start), Ordering::SeqCst);
            let last = frame.is_err();
            if tx.send(frame).is_err() || last {
                break;
            }
        }
    });
    rx
}

fn millis(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Kills ssh when neither side has moved for `IDLE`: a receiver that hangs, or a link that
/// stays up without carrying anything, never holds the laptop's sync forever.
struct Watchdog {
    start: Instant,
    clock: Arc<AtomicU64>,
    done: Arc<AtomicBool>,
    fired: Arc<AtomicBool>,
}

impl Watchdog {
    fn start(pid: u32) -> Watchdog {
        let start = Instant::now();
        let clock = Arc::new(AtomicU64::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let fired = Arc::new(AtomicBool::new(false));
        let (c, d, f) = (clock.clone(), done.clone(), fired.clone());
        thread::spawn(move || {
            while !d.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(200));
                let idle = millis(start).saturating_sub(c.load(Ordering::SeqCst));
                if idle > millis_of(IDLE) && !d.load(Ordering::SeqCst) {
                    f.store(true, Ordering::SeqCst);
                    kill(pid);
                    break;
                }
            }
        });
        Watchdog {
            start,
            clock,
            done,
            fired,
        }
    }

    fn tick(&self) {
        self.clock.store(millis(self.start), Ordering::SeqCst);
    }
}

fn millis_of(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn kill(pid: u32) {
    if let Ok(pid) = libc::pid_t::try_from(pid) {
        // SAFETY: a plain signal to our own child. The session marks the watchdog done before
        // it reaps the child, and the watchdog checks that mark just before this call.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }
}
