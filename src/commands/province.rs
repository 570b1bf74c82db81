//! The province's key from the command line: `ocop roster sign DIR` and `ocop certify` sign
//! with it; `verify`, `council` and `due` read the pin (`roster_key`), and say on every run
//! when nothing is pinned.

use std::io::Write;
use std::path::Path;

use crate::commands::exit;
use crate::error::{CommandError, said};
use ocop_config::Settings;
use ocop_domain::Lang;
use ocop_domain::text::safe::shown;
use ocop_export::province::{self, Pin};
use ocop_export::roster::ALLOWED_SIGNERS;
use ocop_reports::council::Council;
use ocop_sign::{CERTIFICATE_NAMESPACE, ROSTER_NAMESPACE, Signer};
use ocop_words::Said;
use ocop_words::command::command_words;

use super::Outcome;

/// The pinned province key, when one is set; a pin that is not a key is an error.
pub fn pin(settings: &Settings) -> Result<Option<Pin>, CommandError> {
    let Some(text) = settings.roster_key.value.as_deref() else {
        return Ok(None);
    };
    let pin = Pin::parse(text).map_err(|w| Said::new(w.vi.as_str(), w.en.as_str()))?;
    Ok(Some(pin))
}

/// The province's key: `--key`, else `signing_key`, else this data folder's own key.
pub fn signer(settings: &Settings, key: Option<&Path>) -> Result<Signer, CommandError> {
    let key = key.or(settings.signing_key.value.as_deref());
    let name = settings.assessor_name().unwrap_or("ocop");
    Ok(ocop_sign::assessor_key(key, &settings.data_dir.value, name)?.signer)
}

/// On standard error: nothing is pinned, so the folder's roster and certificates are only as
/// safe as the folder.
pub fn unpinned(dir: &Path, lang: Lang) {
    let why = province::unpinned();
    eprintln!(
        "ocop: {}: {}",
        shown(&dir.display().to_string()),
        shown(why.said(lang))
    );
}

/// What a reader of the council's result says on standard error about the roster.
pub fn notices(dir: &Path, review: &Council, lang: Lang) {
    if !review.pinned {
        unpinned(dir, lang);
    }
    for why in &review.roster_problems {
        eprintln!("ocop: {}", shown(why.said(lang)));
    }
}

/// `ocop roster sign DIR`: `allowed_signers.sig` beside the roster, replaced whole.
pub fn sign_roster(dir: &Path, signer: &Signer, lang: Lang, out: &mut dyn Write) -> Outcome {
    let path = dir.join(ALLOWED_SIGNERS);
    let max = ocop_export::roster::ROSTER_MAX_BYTES;
    let bytes = match ocop_files::read(&path, max, ocop_files::Links::Refuse) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return Err(said(|w| (w.no_roster_file)(&path))),
        Err(e) => return Err(e.into_io().into()),
    };
    let sig = signer.sign_in(ROSTER_NAMESPACE, &bytes)?;
    let sig_path = province::sig_path(&path);
    ocop_export::replace::replace(&sig_path, sig.as_bytes())?;
    let fingerprint = signer.fingerprint();
    let namespaces = format!("{ROSTER_NAMESPACE},{CERTIFICATE_NAMESPACE}");
    let line = ocop_sign::allowed_signers_line("province", signer.public())
        .replace(ocop_sign::NAMESPACE, &namespaces);
    let said = (command_words(lang).roster_signed)(&sig_path, &fingerprint, &line);
    writeln!(out, "{said}")?;
    Ok(exit::OK)
}
