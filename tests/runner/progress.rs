//! Progress of long commands: a bar on a terminal (count, rate, time left), and not one byte
//! more when the output goes to a pipe or a file, as in scripts, cron and these tests.

use std::fs;

use crate::sync_common::{files_with_mtimes, fill, ocop, run, text, write_roster};
use crate::tmux_common::{BIN, Pane, tmux_missing};

/// What a progress bar would leave in a stream: a carriage return, an escape sequence, or
/// the bar itself.
fn drawn(stream: &[u8]) -> bool {
    stream.iter().any(|b| *b == b'\r' || *b == 0x1b) || text(stream).contains("[=")
}

#[test]
fn piped_commands_print_no_progress() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fs::create_dir(&export).expect("share");
    fill(&data, 60, 3, &["Chè Shan tuyết", "Mật ong"]);
    let sync = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(sync.status.code(), Some(0), "{}", text(&sync.stdout));
    // Sheets and files apart, each counted as they are on disk: every sheet is written
    // with its companions, and the summary (at the top) is not a sheet's.
    let files = files_with_mtimes(&export.join("sheets")).len();
    assert!(files > 60 * 3, "{files}");
    assert_eq!(
        text(&sync.stderr),
        format!("đã đồng bộ 60 phiếu (60 phiếu mới, {files} tệp ghi mới), 0 đang chờ\n")
    );
    write_roster(&export);
    let verify = run(ocop(&data, None, &["verify"]).arg(&export));
    assert_eq!(verify.status.code(), Some(0), "{}", text(&verify.stdout));
    // Nothing is pinned here: both say so, once, and nothing else.
    let unpinned = format!(
        "ocop: {}: {}\n",
        export.display(),
        ocop_export::province::unpinned().vi
    );
    assert_eq!(
        text(&verify.stderr),
        format!("{unpinned}đã kiểm tra 60 tệp phiếu, 0 vấn đề\n")
    );
    let council = run(ocop(&data, None, &["council"]).arg(&export));
    assert_eq!(council.status.code(), Some(0), "{}", text(&council.stderr));
    assert_eq!(
        text(&council.stderr),
        format!("ocop: {}\n", ocop_export::province::unpinned().vi)
    );
    let demo = run(&mut ocop(
        &tmp.path().join("demo"),
        None,
        &["demo", "--sheets", "300"],
    ));
    assert_eq!(demo.status.code(), Some(0), "{}", text(&demo.stderr));
    assert!(text(&demo.stderr).is_empty(), "{}", text(&demo.stderr));
    for (name, out) in [
        ("sync", sync),
        ("verify", verify),
        ("council", council),
        ("demo", demo),
    ] {
        assert!(!drawn(&out.stdout), "{name}: {}", text(&out.stdout));
        assert!(!drawn(&out.stderr), "{name}: {}", text(&out.stderr));
    }
}

#[test]
fn a_long_command_on_a_terminal_shows_its_progress_then_clears_it() {
    if tmux_missing() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let line = format!(
        "env HOME={h} XDG_CONFIG_HOME={h} {BIN} --data-dir {d} demo --sheets 3000; sleep 60",
        h = tmp.path().join("home").display(),
        d = data.display(),
    );
    let pane = Pane::run(tmp.path(), "demo", &line);
    let bar = pane.wait_until(|s| s.contains("tạo phiếu mẫu [") && s.contains("/3,000"));
    assert!(bar.contains("còn"), "the time left is shown:\n{bar}");
    assert!(bar.contains("/s"), "the rate is shown:\n{bar}");
    let done = pane.wait_for("3000 phiếu mẫu trong");
    assert!(
        !done.contains("tạo phiếu mẫu"),
        "the bar is cleared:\n{done}"
    );
}

/// The interface on 600 finished sheets waiting for an export folder; the folder.
fn interface_with_600_waiting(root: &std::path::Path) -> (Pane, std::path::PathBuf) {
    let (data, export) = (root.join("data"), root.join("export"));
    fs::create_dir(&export).expect("export");
    let demo = ["demo", "--sheets", "600", "--finished", "100"];
    let made = run(&mut ocop(&data, None, &demo));
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let env = format!("OCOP_EXPORT_DIR={}", export.display());
    let pane = Pane::start_with(root, &env);
    pane.wait_for("Chờ đồng bộ 600");
    (pane, export)
}

/// Waits for the end of the sync (`Chờ đồng bộ 0`) as long as its count moves: a loaded
/// machine takes longer, and only a sync that stops moving for a whole wait fails the test.
fn until_synced(pane: &Pane) -> String {
    let moving = |screen: &str| {
        let at = screen.find("đang đồng bộ ")?;
        let rest = &screen[at..];
        Some(rest[..rest.find('/').unwrap_or(rest.len())].to_string())
    };
    let mut seen = None;
    loop {
        let last = seen.clone();
        let screen = pane.wait_until(|s| s.contains("Chờ đồng bộ 0 ") || moving(s) != last);
        if screen.contains("Chờ đồng bộ 0 ") {
            return screen;
        }
        seen = moving(&screen);
    }
}

#[test]
fn the_interface_status_line_shows_a_running_sync() {
    if tmux_missing() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let (pane, export) = interface_with_600_waiting(tmp.path());
    pane.keys(&["s"]);
    let running = pane.wait_until(|s| s.contains("đang đồng bộ ") && s.contains("/600"));
    assert!(running.contains("Chờ đồng bộ 600"), "{running}");
    let done = until_synced(&pane);
    assert!(
        !done.contains("đang đồng bộ"),
        "the progress is gone:\n{done}"
    );
    pane.keys(&["C-c"]);
    pane.wait_dead();
    let written = fs::read_dir(export.join("sheets"))
        .expect("sheets")
        .flat_map(|set| fs::read_dir(set.expect("set").path()).expect("set"))
        .filter(|f| {
            f.as_ref()
                .is_ok_and(|f| f.file_name().to_string_lossy().ends_with(".json"))
        })
        .count();
    assert_eq!(written, 600);
}

/// The terminal goes (the SSH link drops, the window closes) while a sync the assessor asked
/// for runs: ocop finishes the sync and exits, never spinning on the closed terminal.
#[test]
fn a_terminal_gone_during_a_sync_ends_the_interface() {
    if tmux_missing() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let (pane, _) = interface_with_600_waiting(tmp.path());
    let pid = pane.pid();
    pane.keys(&["s"]);
    pane.wait_until(|s| s.contains("đang đồng bộ "));
    pane.tmux(&["kill-server"]);
    let end = std::time::Instant::now() + std::time::Duration::from_secs(60);
    // SAFETY: kill(2) with signal 0 only asks whether the process is there.
    while unsafe { libc::kill(pid, 0) } == 0 && std::time::Instant::now() < end {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    if alive {
        // SAFETY: the pane's process is ocop itself (exec); it must not outlive the test.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
    assert!(
        !alive,
        "ocop was still running a minute after its terminal went"
    );
}
