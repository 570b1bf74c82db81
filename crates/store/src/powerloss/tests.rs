//! The power-loss flows, each under its simulated power cuts, and the harness's own power:
//! with a flush skipped it must report the loss.

use super::flows::{self, Flow};
use super::*;

fn sound(flow: &Flow) {
    let report = run(flow, &Settings::from_env());
    eprintln!(
        "power loss, {}: {} moments, {} states, {} refused with a sentence, {} failed",
        report.flow, report.moments, report.states, report.refused, report.failed
    );
    assert!(
        report.failed == 0,
        "{} of {} states lost what was acknowledged:\n{}",
        report.failed,
        report.states,
        report.failures.join("\n")
    );
}

#[test]
fn power_loss_answering() {
    sound(&flows::ANSWERING);
}

#[test]
fn power_loss_journal_wrap() {
    sound(&flows::JOURNAL_WRAP);
}

#[test]
fn power_loss_finishing() {
    sound(&flows::FINISHING);
}

#[test]
fn power_loss_amending() {
    sound(&flows::AMENDING);
}

#[test]
fn power_loss_rerating() {
    sound(&flows::RERATING);
}

#[test]
fn power_loss_trash_and_restore() {
    sound(&flows::TRASH_AND_RESTORE);
}

/// The harness finds what a skipped flush loses, and names it.
fn broken(flow: &Flow, b: Break, lost: &str) {
    let settings = Settings {
        states: 60,
        seed: 1,
        broken: Some(b),
    };
    let report = run(flow, &settings);
    assert!(report.failed > 0, "{b:?}: no state lost anything");
    let named = report.failures.iter().any(|f| f.contains(lost));
    assert!(named, "{b:?}: {}", report.failures.join("\n"));
}

#[test]
fn power_loss_harness_sees_a_skipped_journal_flush() {
    broken(
        &flows::ANSWERING,
        Break::Journal,
        "lost what was acknowledged: answer",
    );
}

#[test]
fn power_loss_harness_sees_a_skipped_database_flush() {
    broken(&flows::FINISHING, Break::Database, "finish sheet");
}
