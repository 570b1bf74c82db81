//! `ocop key`: the assessor's public key as one `allowed_signers` line, ready to send to the
//! council's secretary, and its fingerprint. The default key is made here when it is absent.

use crate::error::CommandError;

use std::io::Write;

use crate::commands::exit;
use ocop_config::Settings;
use ocop_domain::Lang;
use ocop_sign::{self, valid_principal};

pub fn run(settings: &Settings, out: &mut dyn Write) -> Result<u8, CommandError> {
    let en = settings.lang.value == Lang::En;
    let Some(principal) = settings.principal().filter(|p| valid_principal(p)) else {
        eprintln!(
            "ocop: {}",
            if en {
                "no assessor id: set assessor (the name) or assessor_id (ASCII letters, digits, \
                 '.', '_', '-') in the config file, or give --assessor-id"
            } else {
                "chưa có mã người chấm: đặt assessor (họ tên) hoặc assessor_id (chữ ASCII, số, \
                 '.', '_', '-') trong tệp cấu hình, hoặc dùng --assessor-id"
            }
        );
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
    let how = match (&key.signer, en) {
        (ocop_sign::Signer::Agent { .. }, true) => " (signed by the ssh-agent)",
        (ocop_sign::Signer::Agent { .. }, false) => " (ssh-agent ký)",
        _ => "",
    };
    let made = match (key.made, en) {
        (true, true) => ", made now",
        (true, false) => ", vừa tạo",
        _ => "",
    };
    let (label, send) = if en {
        (
            "key",
            "send the line above to the council's secretary for allowed_signers",
        )
    } else {
        (
            "khoá",
            "gửi dòng trên cho thư ký hội đồng để thêm vào allowed_signers",
        )
    };
    eprintln!(
        "{label} {} {}{made}{how}\n{send}",
        key.signer.fingerprint(),
        key.path.display()
    );
    Ok(exit::OK)
}
