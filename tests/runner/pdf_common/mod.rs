//! Printing an HTML page the office would print: headless Chromium makes the PDF, poppler
//! reads it back. Tests that need them skip, saying why, where they are not installed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The programs the PDF tests need, or why they cannot run here.
pub fn tools() -> Result<(), String> {
    for (tool, arg) in [
        ("chromium", "--version"),
        ("pdfinfo", "-v"),
        ("pdftotext", "-v"),
    ] {
        let ran = Command::new(tool)
            .arg(arg)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if ran.is_err() {
            return Err(format!("{tool} is not installed"));
        }
    }
    Ok(())
}

/// A PDF as the office reads it: its page count and page size (`pdfinfo`), the text laid out
/// as on the page (rows of a table start with their code) and the text in reading order (a
/// value that wraps in its cell reads whole).
pub struct Pdf {
    pub pages: u32,
    pub size: String,
    pub layout: String,
    pub raw: String,
}

/// Prints `html` to PDF with headless Chromium (a fresh profile, nothing from the network).
pub fn pdf_of(html: &Path, work: &Path) -> Pdf {
    let pdf = work.join("sheet.pdf");
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
        ])
        .args(["--no-first-run", "--disable-background-networking"])
        .args([
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not print within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo");
    let info = text(&info.stdout);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"));
    let words = |how: &str| {
        let out = Command::new("pdftotext")
            .arg(how)
            .arg(&pdf)
            .arg("-")
            .output();
        text(&out.expect("pdftotext").stdout)
    };
    let size = info.lines().find(|l| l.starts_with("Page size:"));
    Pdf {
        pages,
        size: size.unwrap_or_default().to_string(),
        layout: words("-layout"),
        raw: words("-raw"),
    }
}
