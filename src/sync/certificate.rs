//! Certificates the province records in the export folder (`ocop certify`): one immutable file
//! per certificate, `certificates/<product code>.<issued on>.json` with its `.sha256`, written
//! like the sheets (never replaced). The date a rating falls due counts from them.

use std::fs;
use std::io;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::document::canonical_bytes;
use super::folder::{CERTIFICATES, Folder, Put, WriteError};
use crate::catalog::check::sha256_hex;
use crate::domain::sheet::product_code_fits;

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
}

/// Records a certificate, once: the same certificate again is already there; another under
/// the same product and date is a conflict, and nothing is overwritten.
pub fn record(dir: &Path, cert: &Certificate) -> Result<Put, CertifyError> {
    if !product_code_fits(&cert.product_code) {
        return Err(CertifyError::BadCode(cert.product_code.clone()));
    }
    if !(3..=5).contains(&cert.stars) {
        return Err(CertifyError::BadStars(cert.stars));
    }
    let value = serde_json::to_value(cert).unwrap_or_default();
    let mut folder = Folder::open(dir)?;
    let put = folder.put_certificate(&cert.file_name(), &canonical_bytes(&value))?;
    folder.flush()?;
    Ok(put)
}

/// What `read_all` found: the sound certificates, and each unsound file with why.
pub type Read = (Vec<Certificate>, Vec<(String, String)>);

/// Every certificate file of the folder that is sound, and one sentence for each that is not.
pub fn read_all(dir: &Path) -> io::Result<Read> {
    let area = dir.join(CERTIFICATES);
    let entries = match fs::read_dir(&area) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(e),
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n.ends_with(".json"))
        .collect();
    names.sort();
    let (mut sound, mut problems) = (Vec::new(), Vec::new());
    for name in names {
        match read_one(&area, &name) {
            Ok(cert) => sound.push(cert),
            Err(why) => problems.push((format!("{CERTIFICATES}/{name}"), why)),
        }
    }
    Ok((sound, problems))
}

fn read_one(area: &Path, name: &str) -> Result<Certificate, String> {
    let path = area.join(name);
    let meta = fs::symlink_metadata(&path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("is not a regular file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("is larger than {MAX_FILE_BYTES} bytes"));
    }
    let bytes = fs::read(&path).map_err(|e| e.to_string())?;
    let sum = fs::read_to_string(area.join(format!("{name}.sha256")))
        .map_err(|_| "has no readable .sha256 beside it".to_string())?;
    if sum.split_whitespace().next() != Some(sha256_hex(&bytes).as_str()) {
        return Err("its content does not match its .sha256".into());
    }
    let cert: Certificate =
        serde_json::from_slice(&bytes).map_err(|e| format!("is not a certificate: {e}"))?;
    if cert.schema != SCHEMA {
        return Err(format!("has schema '{}', not {SCHEMA}", cert.schema));
    }
    if cert.file_name() != name || !product_code_fits(&cert.product_code) {
        return Err(format!("should be named {}", cert.file_name()));
    }
    Ok(cert)
}
