//! A throwaway OpenSSH server on 127.0.0.1 for the tests that go through real SSH: its own
//! host key, `authorized_keys`, client keys, `known_hosts` and client config, all in a
//! temporary folder, for the current user. Nothing under `~/.ssh` is read or written: the
//! client runs as `ssh -F <config>` (`Sshd::ssh_command`, which `ocop` takes from
//! `OCOP_SSH_COMMAND`). sshd is stopped when the `Sshd` is dropped.
//!
//! Where sshd cannot run here (not installed, no privilege separation folder), `Sshd::start`
//! says why, and the test prints `skipped: …` and returns:
//!
//! ```ignore
//! let Some(sshd) = ssh_common::sshd_or_skip() else { return };
//! ```

#![allow(dead_code)]

use std::fs;
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use tempfile::TempDir;

const SSHD: &str = "/usr/sbin/sshd";

/// How long sshd may take to listen.
const READY: Duration = Duration::from_secs(15);

pub struct Sshd {
    dir: TempDir,
    child: Child,
    pub port: u16,
    pub user: String,
}

/// The server, or `None` after printing why the test is skipped.
pub fn sshd_or_skip() -> Option<Sshd> {
    sshd_or_skip_with("")
}

/// `sshd_or_skip`, with `extra` lines in its sshd_config.
pub fn sshd_or_skip_with(extra: &str) -> Option<Sshd> {
    match Sshd::start_with(extra) {
        Ok(sshd) => Some(sshd),
        Err(why) => {
            println!("skipped: {why}");
            eprintln!("skipped: {why}");
            None
        }
    }
}

impl Sshd {
    pub fn start() -> Result<Sshd, String> {
        Sshd::start_with("")
    }

    /// A server whose sshd_config has `extra` lines too.
    pub fn start_with(extra: &str) -> Result<Sshd, String> {
        let have = |p: &str| Path::new(p).exists();
        if !have(SSHD) || which("ssh").is_none() || which("ssh-keygen").is_none() {
            return Err("OpenSSH (sshd, ssh, ssh-keygen) is not installed here".into());
        }
        let user = current_user()?;
        let root = user == "root";
        if root && !have("/run/sshd") {
            // Debian's sshd, run as root, wants its privilege separation folder.
            fs::create_dir_all("/run/sshd").map_err(|e| format!("no /run/sshd: {e}"))?;
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        keygen(&dir.path().join("host_key"), "host")?;
        keygen(&dir.path().join("client_key"), "client")?;
        let public = read(&dir.path().join("client_key.pub"))?;
        fs::write(dir.path().join("authorized_keys"), public).map_err(|e| e.to_string())?;
        let port = free_port()?;
        write_sshd_config(dir.path(), port, (&user, root), extra)?;
        let log = fs::File::create(dir.path().join("sshd.log")).map_err(|e| e.to_string())?;
        let child = Command::new(SSHD)
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(dir.path().join("sshd_config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("sshd does not start: {e}"))?;
        let mut sshd = Sshd {
            dir,
            child,
            port,
            user,
        };
        sshd.wait_ready()?;
        sshd.trust_host_key()?;
        sshd.write_client_config("client_config", "client_key")?;
        Ok(sshd)
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// `ssh -F <config>`: the client with this server's keys and known hosts only.
    pub fn ssh_command(&self) -> String {
        self.ssh_command_with("client_config")
    }

    pub fn ssh_command_with(&self, config: &str) -> String {
        format!("ssh -F {}", self.dir().join(config).display())
    }

    /// `ssh://user@127.0.0.1:port/<path>`.
    pub fn target(&self, path: &Path) -> String {
        format!(
            "ssh://{}@127.0.0.1:{}{}",
            self.user,
            self.port,
            path.display()
        )
    }

    /// A new client key, authorised with `options` before it (e.g. a forced command), and a
    /// client config `<name>_config` that uses it alone; returns that config's name.
    pub fn add_client_key(&self, name: &str, options: &str) -> Result<String, String> {
        let key = self.dir().join(name);
        keygen(&key, name)?;
        let public = read(&key.with_extension("pub"))?;
        let line = format!("{options} {public}");
        let mut keys = read(&self.dir().join("authorized_keys"))?;
        keys.push_str(&line);
        fs::write(self.dir().join("authorized_keys"), keys).map_err(|e| e.to_string())?;
        let config = format!("{name}_config");
        self.write_client_config(&config, name)?;
        Ok(config)
    }

    /// A client key the server does not know, and a config `<name>_config` using it alone.
    pub fn add_unknown_client_key(&self, name: &str) -> Result<String, String> {
        keygen(&self.dir().join(name), name)?;
        let config = format!("{name}_config");
        self.write_client_config(&config, name)?;
        Ok(config)
    }

    /// Puts another key in `known_hosts` for this server: to the client, the host's key has
    /// changed since it was accepted.
    pub fn change_known_host_key(&self) -> Result<(), String> {
        let other = self.dir().join("other_host_key");
        keygen(&other, "other")?;
        self.write_known_hosts(&other.with_extension("pub"))
    }

    /// sshd's own log, for a failing test's message.
    pub fn log(&self) -> String {
        read(&self.dir().join("sshd.log")).unwrap_or_default()
    }

    fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + READY;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("sshd ended at once ({status}): {}", self.log()));
            }
            if banner(self.port) {
                return Ok(());
            }
            sleep(Duration::from_millis(50));
        }
        Err(format!(
            "sshd did not listen within {READY:?}: {}",
            self.log()
        ))
    }

    /// `known_hosts` holds this server's real key (again).
    pub fn trust_host_key(&self) -> Result<(), String> {
        self.write_known_hosts(&self.dir().join("host_key.pub"))
    }

    fn write_known_hosts(&self, public: &Path) -> Result<(), String> {
        let key = read(public)?;
        let mut words = key.split_whitespace();
        let (kind, body) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let line = format!("[127.0.0.1]:{} {kind} {body}\n", self.port);
        fs::write(self.dir().join("known_hosts"), line).map_err(|e| e.to_string())
    }

    fn write_client_config(&self, name: &str, key: &str) -> Result<(), String> {
        let d = self.dir();
        let text = format!(
            "Host *\n  UserKnownHostsFile {}\n  GlobalKnownHostsFile /dev/null\n  \
             IdentityFile {}\n  IdentitiesOnly yes\n  IdentityAgent none\n  \
             StrictHostKeyChecking yes\n  UpdateHostKeys no\n  ControlMaster no\n",
            d.join("known_hosts").display(),
            d.join(key).display(),
        );
        fs::write(d.join(name), text).map_err(|e| e.to_string())
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn write_sshd_config(
    dir: &Path,
    port: u16,
    (user, root): (&str, bool),
    extra: &str,
) -> Result<(), String> {
    let login = if root { "prohibit-password" } else { "no" };
    let text = format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile none\n\
         AuthorizedKeysFile {}\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n\
         KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin {login}\n\
         AllowUsers {user}\nLogLevel VERBOSE\nMaxStartups 100\nMaxSessions 100\n\
         AcceptEnv OCOP_ASSESSOR\n{extra}",
        dir.join("host_key").display(),
        dir.join("authorized_keys").display(),
    );
    fs::write(dir.join("sshd_config"), text).map_err(|e| e.to_string())
}

fn keygen(path: &Path, comment: &str) -> Result<(), String> {
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f"])
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("ssh-keygen: {e}"))?;
    match out.status.success() {
        true => Ok(()),
        false => Err(format!(
            "ssh-keygen failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )),
    }
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// Whether something on the port greets as an SSH server.
fn banner(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut greeting = [0u8; 4];
    stream.read_exact(&mut greeting).is_ok() && &greeting == b"SSH-"
}

fn current_user() -> Result<String, String> {
    let out = Command::new("id")
        .arg("-un")
        .output()
        .map_err(|e| e.to_string())?;
    let name = String::from_utf8_lossy(&out.stdout).trim().to_string();
    match name.is_empty() {
        true => Err("cannot tell the current user".into()),
        false => Ok(name),
    }
}

pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}
