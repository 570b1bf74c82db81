//! Signed sheets for tests: the sheets of `ocop_catalog::testing`, and the test assessor's key.

use ocop_domain::audit::AuditEvent;
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::Sheet;

pub use ocop_catalog::testing::{TEA, at, finished, rubric};

/// The test assessor's key (a fixed seed): signs as `nguyen-van-an`.
pub fn signer() -> ocop_sign::Signer {
    ocop_sign::seeded(&[7; 32], "test")
}

/// Writes `DIR/allowed_signers` naming the test assessor's key.
pub fn write_roster(dir: &std::path::Path) {
    let line = ocop_sign::allowed_signers_line("nguyen-van-an", signer().public());
    std::fs::write(dir.join("allowed_signers"), format!("{line}\n")).expect("roster");
}

/// Signs a finished sheet as the test assessor, as finishing does.
pub fn sign(
    rubric: &Rubric,
    sheet: &mut Sheet,
    previous: Option<&Sheet>,
    audit: &[AuditEvent],
) -> String {
    crate::signature::seal_sheet(&signer(), "nguyen-van-an", rubric, sheet, previous, audit)
        .expect("signs")
}
