//! Opening a data folder another `ocop` holds. A live holder on this host (a session whose
//! link died, the same assessor on a second device) is shown and, when the assessor says yes
//! (or `--take-over`), asked to stop: SIGTERM, on which it saves everything pending, the note
//! being typed included. The newcomer then waits up to `WAIT` for the folder. A holder on
//! another host, or one that does not let go, is never killed: the sentence says what to do.
//! All of this happens before the terminal is taken, on the plain terminal.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use super::Ended;
use ocop_domain::Lang;
use ocop_store::holder::{self, Decision, Holder};
use ocop_store::{OpenError, Store};
use ocop_words::Say;
use ocop_words::takeover::{self as said, takeover_text};

/// How long a holder has to let go after being asked to stop.
pub const WAIT: Duration = Duration::from_secs(5);
/// How often the folder is tried meanwhile.
const TRY_EVERY: Duration = Duration::from_millis(50);

/// Opens the store, taking the folder over when that is allowed; `Err(Declined)` when ocop
/// must stop (the sentence has been printed).
pub fn open(dir: &Path, lang: Lang, take_over: bool) -> Result<Result<Store, Ended>, OpenError> {
    let locked = match Store::open(dir) {
        Err(e @ OpenError::Locked { .. }) => e,
        other => return other.map(Ok),
    };
    let decision = holder::decide(holder::read(dir), &holder::host_name(), holder::alive);
    let t = takeover_text(lang);
    let refuse = |sentence: String| {
        eprintln!("ocop: {sentence}");
        Ok(Err(Ended::Declined))
    };
    match decision {
        Decision::Unknown => refuse(locked.say(lang)),
        Decision::OtherHost(h) => refuse((t.other_host)(dir, &words(&h))),
        // The lock is being let go, or a newcomer is writing its file: wait, never ask.
        Decision::Gone(_) => match wait(dir)? {
            Some(store) => Ok(Ok(store)),
            None => refuse(locked.say(lang)),
        },
        Decision::Ask(h) => ask(dir, lang, take_over, &h),
    }
}

fn ask(
    dir: &Path,
    lang: Lang,
    take_over: bool,
    h: &Holder,
) -> Result<Result<Store, Ended>, OpenError> {
    let t = takeover_text(lang);
    // Without a terminal the interface cannot run: the holder is never stopped for nothing.
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if !terminal {
        eprintln!("ocop: {}", (t.in_use_by)(dir, &words(h)));
        eprintln!(
            "{}",
            if take_over {
                t.no_terminal
            } else {
                t.script_hint
            }
        );
        return Ok(Err(Ended::Declined));
    }
    if !take_over {
        eprintln!("{}", (t.in_use_by)(dir, &words(h)));
        if !yes(t.question) {
            return Ok(Err(Ended::Declined));
        }
    }
    if !holder::ask_to_stop(h.pid) {
        eprintln!("ocop: {}", (t.not_stopped)(dir, &words(h)));
        return Ok(Err(Ended::Declined));
    }
    eprintln!("{}", t.waiting);
    match wait(dir)? {
        Some(store) => Ok(Ok(store)),
        None => {
            eprintln!("ocop: {}", (t.not_stopped)(dir, &words(h)));
            Ok(Err(Ended::Declined))
        }
    }
}

/// Asks the question on the plain terminal; only y/yes/c/có is yes.
fn yes(question: &str) -> bool {
    eprint!("{question} ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(
        ocop_domain::search::fold(line.trim()).as_str(),
        "y" | "yes" | "c" | "co"
    )
}

/// Tries the folder until it opens or `WAIT` passes; `None` when it stayed locked.
fn wait(dir: &Path) -> Result<Option<Store>, OpenError> {
    let until = Instant::now() + WAIT;
    loop {
        match Store::open(dir) {
            Ok(store) => return Ok(Some(store)),
            Err(OpenError::Locked { .. }) if Instant::now() < until => {
                std::thread::sleep(TRY_EVERY);
            }
            Err(OpenError::Locked { .. }) => return Ok(None),
            Err(e) => return Err(e),
        }
    }
}

/// The holder as the sentences name it.
fn words(h: &Holder) -> said::Holder<'_> {
    said::Holder {
        pid: h.pid,
        host: &h.host,
        tty: &h.tty,
        assessor: &h.assessor,
        since: h.since,
        last_key: h.last_key,
    }
}
