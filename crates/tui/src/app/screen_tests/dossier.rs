//! A rejected dossier, recorded from a draft's review: the reason first, then y/n, like
//! finishing; it eliminates the product on every screen, and is withdrawn the same way.

use crossterm::event::KeyCode;

use super::{screen_text, view};
use crate::app::harness::Harness;
use crate::app::state::Popup;
use ocop_domain::Lang;
use ocop_domain::audit::Change;

#[test]
fn d_on_the_review_records_a_rejected_dossier_after_its_reason_and_a_yes() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
    h.answer_all();
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Char('D'));
    // An empty reason is refused; Esc leaves nothing recorded.
    h.key(KeyCode::Enter);
    assert!(matches!(h.state.popup, Some(Popup::Prompt(_))));
    h.type_text("Giả mạo giấy chứng nhận");
    h.key(KeyCode::Enter);
    assert!(matches!(h.state.popup, Some(Popup::Confirm(_))));
    assert!(screen_text(&h).contains("Giả mạo giấy chứng nhận"));
    assert_eq!(view(&h).sheet.dossier_rejected, None, "asked, not yet done");
    h.key(KeyCode::Char('y'));
    let v = view(&h);
    assert_eq!(
        v.sheet.dossier_rejected.as_deref(),
        Some("Giả mạo giấy chứng nhận")
    );
    assert!(v.score().eliminated());
    let review = screen_text(&h);
    assert!(review.contains("hồ sơ"), "{review}");
    // In the audit trail, with who and when.
    let id = v.sheet.id.clone();
    let trail = h.ctx.store.audit(&id).expect("audit");
    assert!(
        trail.iter().any(|e| matches!(&e.change, Change::Dossier { new: Some(r), .. } if r == "Giả mạo giấy chứng nhận")),
        "{trail:?}"
    );
    // Withdrawn: D again asks, y accepts the dossier once more.
    h.key(KeyCode::Char('D'));
    assert!(matches!(h.state.popup, Some(Popup::Confirm(_))));
    h.key(KeyCode::Char('y'));
    assert_eq!(view(&h).sheet.dossier_rejected, None);
    assert!(!view(&h).score().eliminated());
}
