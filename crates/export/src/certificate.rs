//! Certificates the province records in the export folder (`ocop certify`): one immutable file
//! per certificate, `certificates/<product code>.<issued on>.json` with its `.sha256`, written
//! like the sheets (never replaced). The date a rating falls due counts from them.

use std::fs;
use std::io;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::canonical_bytes;
use crate::folder::{CERTIFICATES, Folder, Put, WriteError};
use crate::province::{self, Pin};
use crate::scan::ReadError;
use ocop_catalog::check::sha256_hex;
use ocop_domain::Lang;
use ocop_domain::sheet::product_code_fits;
use ocop_files::Links;
use ocop_sign::{CERTIFICATE_NAMESPACE, Signer};
use ocop_words::Words;
use ocop_words::words;
use ocop_words::{Say, pick};

pub const SCHEMA: &str = "ocop-certificate/1";
/// A certificate file is a few hundred bytes; anything past this is not one.
pub const MAX_FILE_BYTES: u64 = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    pub schema: String,
    pub product_code: String,
    pub issued_on: NaiveDate,
    pub stars: u8,
    /// The decision's number and date as printed ("số 123/QĐ-UBND ngày …"), when given.
    pub decision: Option<String>,
}

impl Certificate {
    pub fn file_name(&self) -> String {
        format!("{}.{}.json", self.product_code, self.issued_on)
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CertifyError {
    #[error("the product code '{0}' is not of the form T-X-STT-YYYY (digits)")]
    BadCode(String),
    #[error("a certificate is for 3, 4 or 5 stars, not {0}")]
    BadStars(u8),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Sign(#[from] ocop_sign::KeyError),
}

impl Say for CertifyError {
    fn say(&self, lang: Lang) -> String {
        let vi = match self {
            CertifyError::BadCode(code) => {
                format!("mã sản phẩm '{code}' không có dạng T-X-STT-YYYY (chữ số)")
            }
            CertifyError::BadStars(n) => {
                format!("giấy chứng nhận dành cho 3, 4 hoặc 5 sao, không phải {n}")
            }
            CertifyError::Write(e) => return e.say(lang),
            CertifyError::Sign(e) => return e.say(lang),
        };
        pick(lang, vi, self.to_string())
    }
}

/// Records a certificate, once, signed by the province's key (`<file>.sig`, namespace
/// `ocop-certificate`): the same certificate again is already there; another under the same
/// product and date is a conflict, and nothing is overwritten.
pub fn record(dir: &Path, cert: &Certificate, signer: &Signer) -> Result<Put, CertifyError> {
    if !product_code_fits(&cert.product_code) {
        return Err(CertifyError::BadCode(cert.product_code.clone()));
    }
    if !(3..=5).contains(&cert.stars) {
        return Err(CertifyError::BadStars(cert.stars));
    }
    let value = serde_json::to_value(cert).unwrap_or_default();
    let bytes = canonical_bytes(&value);
    let sig = signer.sign_in(CERTIFICATE_NAMESPACE, &bytes)?;
    let mut folder = Folder::open(dir)?;
    let put = folder.put_certificate(&cert.file_name(), &bytes, &sig)?;
    folder.flush()?;
    Ok(put)
}

/// What `read_all` found: the sound certificates, and each unsound file with why.
pub type Read = (Vec<Certificate>, Vec<(String, Words)>);

/// Every certificate file of the folder that is sound, and one sentence for each that is not;
/// with `pin`, a certificate counts only when the pinned province key signed it.
pub fn read_all(dir: &Path, pin: Option<&Pin>) -> Result<Read, ReadError> {
    let area = dir.join(CERTIFICATES);
    let entries = match fs::read_dir(&area) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(ReadError::at(&area)(e)),
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n.ends_with(".json"))
        .collect();
    names.sort();
    let (mut sound, mut problems) = (Vec::new(), Vec::new());
    for name in names {
        match read_one(&area, &name, pin) {
            Ok(cert) => sound.push(cert),
            Err(why) => problems.push((format!("{CERTIFICATES}/{name}"), why)),
        }
    }
    Ok((sound, problems))
}

fn read_one(area: &Path, name: &str, pin: Option<&Pin>) -> Result<Certificate, Words> {
    let path = area.join(name);
    let read = |path: &Path| ocop_files::read(path, MAX_FILE_BYTES, Links::Refuse);
    let bytes = read(&path).map_err(crate::scan::refused)?;
    let sum = read(&area.join(format!("{name}.sha256"))).map_err(|_| {
        words!(
            "không có tệp .sha256 đọc được bên cạnh",
            "has no readable .sha256 beside it"
        )
    })?;
    let sum = String::from_utf8_lossy(&sum);
    if sum.split_whitespace().next() != Some(sha256_hex(&bytes).as_str()) {
        return Err(words!(
            "nội dung không khớp với tệp .sha256 của nó",
            "its content does not match its .sha256"
        ));
    }
    if let Some(pin) = pin {
        province::check(&path, &bytes, CERTIFICATE_NAMESPACE, pin)?;
    }
    let cert: Certificate = serde_json::from_slice(&bytes).map_err(|e| {
        words!(
            "không phải một giấy chứng nhận: {e}",
            "is not a certificate: {e}"
        )
    })?;
    let schema = &cert.schema;
    if schema != SCHEMA {
        return Err(words!(
            "có lược đồ '{schema}', không phải {SCHEMA}",
            "has schema '{schema}', not {SCHEMA}"
        ));
    }
    let named = cert.file_name();
    if named != name || !product_code_fits(&cert.product_code) {
        return Err(words!(
            "lẽ ra phải tên là {named}",
            "should be named {named}"
        ));
    }
    Ok(cert)
}
