//! `ocop key`: the assessor's public key as one `allowed_signers` line, ready to send to the
//! council's secretary, and its fingerprint. The default key is made here when it is absent.

use crate::error::CommandError;

use std::io::Write;

use crate::commands::exit;
use ocop_config::Settings;
use ocop_sign::{self, KeyError, valid_principal};
use ocop_words::key::key_words;

pub fn run(settings: &Settings, out: &mut dyn Write) -> Result<u8, CommandError> {
    let w = key_words(settings.lang.value);
    let Some(principal) = settings.principal().filter(|p| valid_principal(p)) else {
        eprintln!("ocop: {}", w.no_principal);
        return Ok(exit::USAGE);
    };
    let comment = settings.assessor_name().unwrap_or(&principal).to_string();
    let found = ocop_sign::assessor_key(
        settings.signing_key.value.as_deref(),
        &settings.data_dir.value,
        &comment,
    );
    // The line needs only the public half: a `.pub`, or a key behind a passphrase, with no
    // agent, still gives it (the interface, which signs, says what is missing).
    let (public, path, note) = match found {
        Ok(key) => {
            let how = match &key.signer {
                ocop_sign::Signer::Agent { .. } => w.by_agent,
                _ => "",
            };
            let made = if key.made { w.made } else { "" };
            (
                key.signer.public().clone(),
                key.path,
                format!("{made}{how}"),
            )
        }
        Err(KeyError::Encrypted { path } | KeyError::NoAgentForPublic { path }) => {
            let public = ocop_sign::public_of(&path)?;
            (public, path, w.public_only.to_string())
        }
        Err(e) => return Err(e.into()),
    };
    writeln!(
        out,
        "{}",
        ocop_sign::allowed_signers_line(&principal, &public)
    )?;
    let path = path.display().to_string();
    eprintln!(
        "{} {} {}{note}\n{}",
        w.key,
        ocop_sign::fingerprint(&public),
        ocop_domain::text::safe::shown(&path),
        w.send
    );
    Ok(exit::OK)
}
