//! The real `ocop` binary in a real terminal: one tmux server and pane per test, driven by
//! keys and read by capture-pane, with bounded waits (OCOP_E2E_TIMEOUT_MS).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_ocop");

pub fn timeout() -> Duration {
    let ms = std::env::var("OCOP_E2E_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15_000);
    Duration::from_millis(ms)
}

pub fn tmux_missing() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("skipped: tmux not installed");
    }
    !found
}

/// The shell line that starts `ocop` on `root/data` as Nguyễn Văn An, with extra `NAME=value`
/// words in the environment.
pub fn ocop_command(root: &Path, env: &str) -> String {
    let home = root.join("home");
    std::fs::create_dir_all(&home).expect("home");
    format!(
        "exec env HOME={h} XDG_CONFIG_HOME={h}/.config XDG_DATA_HOME={h}/.local/share \
         OCOP_ASSESSOR='Nguyễn Văn An' LC_ALL=C.UTF-8 {env} {bin} --data-dir {d}",
        h = home.display(),
        bin = BIN,
        d = root.join("data").display(),
    )
}

/// From the list: a new tea sheet for `product`, created, at its first criterion.
pub fn new_tea_sheet(pane: &Pane, product: &str) {
    pane.wait_for("OCOP");
    pane.keys(&["n"]);
    pane.text("che tuoi");
    pane.wait_for("▶ 11");
    pane.keys(&["Enter"]);
    pane.wait_for("Ctrl-S");
    pane.text(product);
    pane.keys(&["Tab"]);
    pane.text("HTX Chè Cẩm Mỹ");
    pane.keys(&["C-s"]);
    pane.wait_for("┌ 1.1  ");
}

/// From the list: a new tea sheet for "Chè Cẩm Mỹ", its first criterion answered, and a note
/// being typed on the second (`text`, not yet autosaved).
pub fn tea_sheet_with_note(pane: &Pane, text: &str) {
    new_tea_sheet(pane, "Chè Cẩm Mỹ");
    pane.keys(&["Down", "Enter"]);
    pane.wait_for("┌ 1.2  ");
    pane.keys(&["e"]);
    pane.wait_for("Esc xong");
    pane.text(text);
    pane.wait_for(text);
}

/// The note on `code` of the one sheet in the data folder `dir`, once the store opens there
/// (a process that held it may take a moment to be gone: bounded).
pub fn note_in(dir: &Path, code: &str) -> String {
    let end = Instant::now() + timeout();
    let store = loop {
        match ocop_store::Store::open(dir) {
            Ok(store) => break store,
            Err(e) => assert!(Instant::now() < end, "the store stays held: {e}"),
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let listed = store.summaries().expect("summaries");
    assert_eq!(listed.len(), 1);
    let sheet = store
        .sheet(&listed[0].summary.id, None)
        .expect("read")
        .expect("sheet");
    sheet
        .note(&ocop_domain::rubric::Code::new(code))
        .to_string()
}

/// The exit status a pane started by `Pane::start_noting_exit` wrote, once it is there.
pub fn exit_status(status: &Path) -> String {
    let end = Instant::now() + timeout();
    loop {
        let written = std::fs::read_to_string(status).unwrap_or_default();
        if written.ends_with('\n') || Instant::now() >= end {
            return written.trim().to_string();
        }
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// One program in one tmux pane, on its own tmux server.
pub struct Pane {
    socket: PathBuf,
}

impl Pane {
    pub fn start(root: &Path) -> Pane {
        Pane::start_with(root, "")
    }

    /// Starts with extra `NAME=value` words in the environment.
    pub fn start_with(root: &Path, env: &str) -> Pane {
        Pane::run(root, "ocop", &ocop_command(root, env))
    }

    /// Starts `ocop` from a shell that writes its exit status to `status` once it ends (read
    /// it with `exit_status`): tmux 3.3a now and then marks the pane dead and never sets its
    /// `pane_dead_status`.
    pub fn start_noting_exit(root: &Path, status: &Path) -> Pane {
        let command = ocop_command(root, "");
        let command = command.strip_prefix("exec ").unwrap_or(&command);
        let line = format!("{command}; echo $? > {}", status.display());
        Pane::run(root, "ocop", &line)
    }

    /// Runs `command` (a shell line) in a pane of its own tmux server, named `name`, 80×24.
    pub fn run(root: &Path, name: &str, command: &str) -> Pane {
        let socket = root.join(format!("tmux-{name}-{}.sock", std::process::id()));
        let pane = Pane { socket };
        pane.tmux(&[
            "new-session",
            "-d",
            "-s",
            "ocop",
            "-x",
            "80",
            "-y",
            "24",
            command,
        ]);
        pane.tmux(&["set-option", "-t", "ocop", "remain-on-exit", "on"]);
        pane
    }

    /// Whether the pane's program has ended.
    pub fn dead(&self) -> bool {
        self.tmux(&["display", "-p", "-t", "ocop", "#{pane_dead}"])
            .trim()
            == "1"
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env("LC_ALL", "C.UTF-8")
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "ocop"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types text literally (UTF-8 included).
    pub fn text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "ocop", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "ocop"])
    }

    pub fn wait_for(&self, needle: &str) -> String {
        let end = Instant::now() + timeout();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return self.settled(screen, |s| s.contains(needle));
            }
            assert!(
                Instant::now() < end,
                "waited for {needle:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits, bounded, until the screen passes `ok`; returns that screen.
    pub fn wait_until(&self, ok: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + timeout();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return self.settled(screen, &ok);
            }
            assert!(Instant::now() < end, "the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// A frame can arrive in pieces (over ssh above all): once a screen passes, captures
    /// again until two in a row agree, for at most half a second, so that what a test
    /// asserts is a whole frame. The last capture that still passed is returned.
    fn settled(&self, mut passed: String, ok: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + Duration::from_millis(500);
        while Instant::now() < end {
            std::thread::sleep(Duration::from_millis(60));
            let next = self.screen();
            if !ok(&next) {
                break;
            }
            if next == passed {
                break;
            }
            passed = next;
        }
        passed
    }

    pub fn wait_dead(&self) {
        let end = Instant::now() + timeout();
        while self
            .tmux(&["display", "-p", "-t", "ocop", "#{pane_dead}"])
            .trim()
            != "1"
        {
            assert!(
                Instant::now() < end,
                "ocop did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn pid(&self) -> i32 {
        let pid = self.tmux(&["display", "-p", "-t", "ocop", "#{pane_pid}"]);
        pid.trim().parse().expect("pane pid")
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}
