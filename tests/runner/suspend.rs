//! Ctrl-Z in the interface, as a shell user expects it: the note being typed is saved, the
//! terminal is given back to the shell, and `fg` redraws the screen that was left.

use std::path::Path;

use crate::tmux_common::{Pane, note_in, ocop_command, tea_sheet_with_note, tmux_missing};

/// An interactive bash with job control, as an assessor's login gives, in a pane.
fn shell(root: &Path) -> Pane {
    let pane = Pane::run(
        root,
        "ocop",
        "exec env PS1='$ ' TERM=screen LC_ALL=C.UTF-8 bash --norc --noprofile -i",
    );
    at_prompt(&pane);
    pane
}

/// The shell waits for a command (capture-pane drops the prompt's trailing space).
fn at_prompt(pane: &Pane) -> String {
    pane.wait_until(|s| s.trim_end().ends_with('$'))
}

fn start_ocop(pane: &Pane, root: &Path) {
    let command = ocop_command(root, "");
    pane.text(command.strip_prefix("exec ").unwrap_or(&command));
    pane.keys(&["Enter"]);
}

#[test]
fn ctrl_z_saves_the_note_gives_the_shell_its_terminal_and_fg_redraws() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let pane = shell(root.path());
    start_ocop(&pane, root.path());
    // The typed command line holds "OCOP_ASSESSOR": wait for the list itself.
    pane.wait_for("Tất cả");
    tea_sheet_with_note(&pane, "nhãn mới in");
    // At once, before the autosave two seconds after the last key.
    pane.keys(&["C-z"]);
    let stopped = pane.wait_for("Stopped");
    assert!(
        !stopped.contains("┌ 1.2"),
        "the shell's screen is back:\n{stopped}"
    );
    // The stopped process is killed where it stands: the note had been saved before it stopped.
    pane.text("kill -9 %1");
    pane.keys(&["Enter"]);
    assert_eq!(note_in(&root.path().join("data"), "1.2"), "nhãn mới in");

    // Started again it resumes there; Ctrl-Z, then `fg`, and the whole screen is drawn again.
    pane.keys(&["C-l"]);
    start_ocop(&pane, root.path());
    pane.wait_until(|s| s.contains("┌ 1.2  ") && s.contains("nhãn mới in"));
    pane.keys(&["C-z"]);
    pane.wait_until(|s| s.contains("Stopped") && !s.contains("┌ 1.2"));
    pane.text("fg");
    pane.keys(&["Enter"]);
    let back = pane.wait_until(|s| s.contains("┌ 1.2  ") && s.contains("Chè Cẩm Mỹ"));
    assert!(
        back.contains("1/32"),
        "the header line is drawn too:\n{back}"
    );
    // And it still takes keys: quitting returns to the shell.
    pane.keys(&["C-c"]);
    at_prompt(&pane);
}

#[test]
fn ctrl_z_with_no_shell_to_return_to_says_so_and_goes_on() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    // `exec ocop` in its own session, as a forced command under sshd runs it: nobody has `fg`.
    let pane = Pane::start(root.path());
    pane.wait_for("OCOP");
    pane.keys(&["C-z"]);
    pane.wait_for("không có shell");
    assert!(!pane.dead(), "still running");
    pane.keys(&["n"]);
    pane.wait_for("▶ ");
    pane.keys(&["C-c"]);
    pane.wait_dead();
}
