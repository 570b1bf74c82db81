//! The real binary in a pseudo-terminal: keys in, bytes out, a vt100 screen to read. Used by
//! the benchmarks to time keystrokes and count the bytes a redraw sends down the wire.

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Pty {
    master: File,
    child: Child,
    pub parser: vt100::Parser,
}

/// What one burst of output held: its bytes, and when its last byte arrived.
pub struct Burst {
    pub bytes: usize,
    pub last: Option<Instant>,
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN)
}

fn open(cols: u16, rows: u16) -> io::Result<(OwnedFd, OwnedFd)> {
    let mut master = -1;
    let mut slave = -1;
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two fds into the locals; null name and termios are allowed.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: both fds were just opened by openpty and are owned here alone.
    Ok(unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) })
}

impl Pty {
    pub fn spawn(cmd: &mut Command, cols: u16, rows: u16) -> io::Result<Pty> {
        let (master, slave) = open(cols, rows)?;
        let io = |fd: &OwnedFd| fd.try_clone().map(Stdio::from);
        cmd.stdin(io(&slave)?)
            .stdout(io(&slave)?)
            .stderr(io(&slave)?);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn()?;
        drop(slave);
        let master = File::from(master);
        // SAFETY: fcntl on an fd we own.
        unsafe {
            let flags = libc::fcntl(master.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(master.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        Ok(Pty {
            master,
            child,
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
        })
    }

    /// Changes the window size; the kernel tells the program with SIGWINCH.
    pub fn resize(&mut self, cols: u16, rows: u16) -> io::Result<()> {
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCSWINSZ reads one winsize from a valid pointer.
        if unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ, &size) } < 0 {
            return Err(io::Error::last_os_error());
        }
        self.parser.set_size(nonzero(rows), nonzero(cols));
        Ok(())
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Writes keys; returns the moment they were written.
    pub fn send(&mut self, keys: &[u8]) -> io::Result<Instant> {
        self.master.write_all(keys)?;
        Ok(Instant::now())
    }

    fn wait_readable(&self, timeout: Duration) -> bool {
        let mut fds = libc::pollfd {
            fd: self.master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd.
        unsafe { libc::poll(&mut fds, 1, ms) > 0 }
    }

    /// Reads whatever arrives until the output has been quiet for `quiet`, or `limit` passes.
    pub fn settle(&mut self, quiet: Duration, limit: Duration) -> io::Result<Burst> {
        let end = Instant::now() + limit;
        let mut burst = Burst {
            bytes: 0,
            last: None,
        };
        let mut buf = [0u8; 65536];
        loop {
            let now = Instant::now();
            if now >= end {
                return Ok(burst);
            }
            let wait = if burst.last.is_some() {
                quiet
            } else {
                end - now
            };
            if !self.wait_readable(wait.min(end - now)) {
                if burst.last.is_some() {
                    return Ok(burst);
                }
                continue;
            }
            match self.master.read(&mut buf) {
                Ok(0) => return Ok(burst),
                Ok(n) => {
                    // The redraw ends when its last byte arrives; parsing it here is the
                    // benchmark's own work.
                    burst.last = Some(Instant::now());
                    self.parser.process(&buf[..n]);
                    burst.bytes += n;
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) if e.raw_os_error() == Some(libc::EIO) => return Ok(burst),
                Err(e) => return Err(e),
            }
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    pub fn kill(mut self) -> io::Result<()> {
        self.child.kill()?;
        self.child.wait().map(|_| ())
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
