//! `ocop key`: the assessor's public key as one `allowed_signers` line, ready to send to the
//! council's secretary, and its fingerprint. The default key is made here when it is absent.

use crate::error::CommandError;

use std::io::Write;

use crate::commands::exit;
use ocop_config::Settings;
use ocop_sign::{self, valid_principal};
use ocop_words::key::key_words;

pub fn run(settings: &Settings, out: &mut dyn Write) -> Result<u8, CommandError> {
    let w = key_words(settings.lang.value);
    let Some(principal) = settings.principal().filter(|p| valid_principal(p)) else {
        eprintln!("ocop: {}", w.no_principal);
        return Ok(exit::USAGE);
    };
    let comment = settings.assessor_name().unwrap_or(&principal).to_string();
    let key = ocop_sign::assessor_key(
        settings.signing_key.value.as_deref(),
        &settings.data_dir.value,
        &comment,
    )?;
    writeln!(
        out,
        "{}",
        ocop_sign::allowed_signers_line(&principal, key.signer.public())
    )?;
    let how = match &key.signer {
        ocop_sign::Signer::Agent { .. } => w.by_agent,
        _ => "",
    };
    let made = if key.made { w.made } else { "" };
    let path = key.path.display().to_string();
    eprintln!(
        "{} {} {}{made}{how}\n{}",
        w.key,
        key.signer.fingerprint(),
        ocop_domain::text::safe::shown(&path),
        w.send
    );
    Ok(exit::OK)
}
