//! Key sequences through `update` (and the keymap), without a terminal: what the state
//! becomes and which effects are asked for. The walk tests run the effects on an in-memory
//! store through the harness.

use crossterm::event::{KeyCode, KeyModifiers};

use crate::app::field::TextEdit;
use crate::app::harness::Harness;
use crate::app::msg::{After, Edit, Effect, Msg};
use crate::app::state::{
    Ask, Notice, Page, Popup, Problem, Purpose, Screen, SheetView, SyncProblem,
};
use crate::app::update::update;
use ocop_domain::Lang;
use ocop_domain::rubric::Code;
use ocop_domain::score::Standing;
use ocop_domain::sheet::{HeaderField, Mark, Status};

fn harness() -> Harness {
    Harness::new(Lang::Vi).expect("harness")
}

fn view(h: &Harness) -> &SheetView {
    match &h.state.screen {
        Screen::Sheet(v) => v,
        other => panic!("not on a sheet: {other:?}"),
    }
}

fn tea(h: &mut Harness) {
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
}

#[test]
fn the_set_picker_filters_ignoring_diacritics() {
    let mut h = harness();
    h.key(KeyCode::Char('n'));
    h.type_text("che tuoi");
    let Screen::PickSet(p) = &h.state.screen else {
        panic!("not picking")
    };
    let sets = h.state.visible_sets(p);
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].id, "che-tuoi-che-bien");
}

#[test]
fn the_header_form_names_missing_fields_and_creates_nothing_until_given() {
    let mut h = harness();
    h.key(KeyCode::Char('n'));
    h.type_text("11");
    h.key(KeyCode::Enter);
    let Screen::Header(form) = &h.state.screen else {
        panic!("no form")
    };
    assert_eq!(form.value(HeaderField::Assessor), "Nguyễn Văn An");
    assert_eq!(form.value(HeaderField::Date), "2026-03-14");
    h.type_text("Chè Cẩm Mỹ");
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let Screen::Header(form) = &h.state.screen else {
        panic!("left the form")
    };
    assert!(form.tried);
    assert_eq!(form.focused(), HeaderField::Producer);
    assert!(!h.effects.iter().any(|e| matches!(e, Effect::Create { .. })));
    h.type_text("HTX");
    for _ in 0..8 {
        h.key(KeyCode::Enter);
    }
    assert!(
        matches!(h.state.screen, Screen::Sheet(_)),
        "Enter on the last field creates"
    );
}

#[test]
fn a_digit_is_saved_before_the_screen_shows_it_then_the_walk_moves_on() {
    let mut h = harness();
    tea(&mut h);
    let before = view(&h).clone();
    assert_eq!(before.current, Code::new("1.1"));
    let mut state = h.state.clone();
    let effects = update(&mut state, Msg::Digit(2));
    // Not shown yet: the sheet in the state is unchanged until the store replies.
    let Screen::Sheet(v) = &state.screen else {
        panic!()
    };
    assert_eq!(v.sheet.mark(&Code::new("1.1")), None);
    let [Effect::Edit { edits, after, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        edits,
        &vec![Edit::Mark(
            Code::new("1.1"),
            Some(Mark::Chose { option: 2 })
        )]
    );
    assert_eq!(*after, After::Advance);
    h.key(KeyCode::Char('2'));
    let v = view(&h);
    assert_eq!(
        v.sheet.mark(&Code::new("1.1")),
        Some(&Mark::Chose { option: 2 })
    );
    assert_eq!(v.current, Code::new("1.2"));
    assert_eq!(h.state.saved_at, Some(h.now));
}

#[test]
fn digits_outside_the_options_do_nothing() {
    let mut h = harness();
    tea(&mut h);
    let mut state = h.state.clone();
    assert!(update(&mut state, Msg::Digit(9)).is_empty());
    // 1.1 has no 0-point option: 0 is "not met".
    let effects = update(&mut state, Msg::Digit(0));
    assert!(matches!(&effects[..], [Effect::Edit { edits, .. }]
        if edits[0] == Edit::Mark(Code::new("1.1"), Some(Mark::NotMet))));
}

#[test]
fn arrows_move_between_criteria_and_the_highlight() {
    let mut h = harness();
    tea(&mut h);
    h.key(KeyCode::Right);
    assert_eq!(view(&h).current, Code::new("1.2"));
    h.key(KeyCode::Char('h'));
    assert_eq!(view(&h).current, Code::new("1.1"));
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    assert_eq!(view(&h).highlight, 2);
    h.key(KeyCode::Enter);
    assert_eq!(
        view(&h).sheet.mark(&Code::new("1.1")),
        Some(&Mark::Chose { option: 3 })
    );
}

#[test]
fn a_criterion_that_does_not_apply_is_skipped() {
    let mut h = harness();
    tea(&mut h);
    h.key(KeyCode::Char(':'));
    h.type_text("5.1");
    h.key(KeyCode::Enter);
    assert_eq!(view(&h).current, Code::new("5.1"));
    // Option 1 of 5.1 is worth 0 points: 5.2 no longer applies.
    h.key(KeyCode::Char('1'));
    let v = view(&h);
    assert_ne!(v.current, Code::new("5.2"));
    let c52 = v.rubric.criterion(&Code::new("5.2")).expect("5.2");
    assert_eq!(v.standing_of(c52), Standing::NotApplicable);
}

#[test]
fn jumping_to_a_code_that_is_not_there_says_so() {
    let mut h = harness();
    tea(&mut h);
    h.key(KeyCode::Char(':'));
    h.type_text("9.9");
    h.key(KeyCode::Enter);
    assert!(
        matches!(&h.state.popup, Some(Popup::Prompt(p)) if p.problem == Some(Problem::NoSuchCode))
    );
    h.key(KeyCode::Esc);
    assert_eq!(h.state.popup, None);
}

#[test]
fn raising_an_elimination_asks_why_and_withdrawing_does_not() {
    let mut h = harness();
    tea(&mut h);
    h.key(KeyCode::Char('x'));
    h.key(KeyCode::Enter);
    assert!(matches!(&h.state.popup, Some(Popup::Prompt(p))
        if p.purpose == Purpose::Raise(Code::new("1.1")) && p.problem == Some(Problem::Empty)));
    h.type_text("nguyên liệu nhập khẩu");
    h.key(KeyCode::Enter);
    let code = Code::new("1.1");
    assert!(matches!(
        view(&h).sheet.mark(&code),
        Some(Mark::Raised { .. })
    ));
    assert!(view(&h).score().eliminated());
    h.key(KeyCode::Char(':'));
    h.type_text("1.1");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('x'));
    assert_eq!(view(&h).sheet.mark(&code), None);
    h.key(KeyCode::Right);
    h.key(KeyCode::Char('x'));
    assert_eq!(h.state.notice, Some(Notice::NotRaisable));
}

#[test]
fn a_note_autosaves_and_leaving_saves_what_is_left() {
    let mut h = harness();
    tea(&mut h);
    h.key(KeyCode::Char('e'));
    h.type_text("nhãn mới in");
    assert!(h.state.pending_save());
    h.send(Msg::Autosave);
    assert!(!h.state.pending_save());
    assert_eq!(view(&h).sheet.note(&Code::new("1.1")), "nhãn mới in");
    h.type_text(", chưa có QR");
    let effects = update(&mut h.state.clone(), Msg::Quit);
    assert!(matches!(&effects[..], [Effect::Edit { edits, .. }]
        if edits[0] == Edit::Note(Code::new("1.1"), "nhãn mới in, chưa có QR".into())));
    h.key(KeyCode::Esc);
    assert_eq!(view(&h).note, None);
    assert_eq!(
        view(&h).sheet.note(&Code::new("1.1")),
        "nhãn mới in, chưa có QR"
    );
}

#[test]
fn typed_combining_marks_become_one_letter() {
    let mut h = harness();
    tea(&mut h);
    h.key(KeyCode::Char('e'));
    h.type_text("Che\u{300}");
    h.send(Msg::Text(TextEdit::Backspace));
    h.key(KeyCode::Esc);
    assert_eq!(view(&h).sheet.note(&Code::new("1.1")), "Ch");
}

#[test]
fn the_whole_walk_review_finish_and_amend() {
    let mut h = harness();
    tea(&mut h);
    h.answer_all();
    let v = view(&h);
    assert!(
        matches!(v.page, Page::Review { .. }),
        "the review opens by itself"
    );
    assert!(v.score().unanswered.is_empty());
    h.key(KeyCode::Char('c'));
    h.type_text("Sản phẩm ổn định");
    h.key(KeyCode::Esc);
    assert_eq!(view(&h).sheet.comment, "Sản phẩm ổn định");
    h.key(KeyCode::Char('f'));
    assert_eq!(h.state.popup, Some(Popup::Confirm(Ask::Finish)));
    h.key(KeyCode::Char('y'));
    assert!(view(&h).read_only());
    assert_eq!(view(&h).sheet.status, Status::Finished);
    assert_eq!(h.state.waiting, 1);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('2'));
    assert_eq!(h.state.notice, Some(Notice::ReadOnly));
    h.key(KeyCode::Esc);
    assert!(
        matches!(view(&h).page, Page::Review { .. }),
        "Esc goes back to the review"
    );
    h.key(KeyCode::Char('a'));
    h.type_text("sai điểm 1.1");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('y'));
    let v = view(&h);
    assert_eq!((v.sheet.revision, v.sheet.status), (2, Status::Draft));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    assert!(matches!(h.state.screen, Screen::List(_)));
    assert_eq!(h.state.rows.len(), 1);
}

#[test]
fn finishing_with_unanswered_criteria_is_refused() {
    let mut h = harness();
    tea(&mut h);
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Char('f'));
    assert!(matches!(h.state.notice, Some(Notice::Unanswered(n)) if n > 0));
    assert_eq!(h.state.popup, None);
}

#[test]
fn the_list_searches_filters_and_deletes_drafts_after_asking() {
    let mut h = harness();
    tea(&mut h);
    h.key(KeyCode::Esc);
    h.new_sheet("mat ong", "Mật ong bạc hà", "HTX Đồng Văn");
    h.key(KeyCode::Esc);
    assert_eq!(h.state.rows.len(), 2);
    h.key(KeyCode::Char('/'));
    h.type_text("che cam my");
    let Screen::List(l) = &h.state.screen else {
        panic!()
    };
    assert_eq!(h.state.visible_rows(l).len(), 1);
    // While searching, q is a letter, not quit.
    h.key(KeyCode::Char('q'));
    assert!(!h.state.done());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('d'));
    assert!(matches!(
        h.state.popup,
        Some(Popup::Confirm(Ask::Delete { .. }))
    ));
    h.key(KeyCode::Char('n'));
    assert_eq!(h.state.rows.len(), 2);
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.state.rows.len(), 1);
    assert_eq!(h.state.notice, Some(Notice::Trashed));
}

#[test]
fn the_tourism_set_asks_once_which_case_applies() {
    let mut h = harness();
    h.new_sheet("du lich", "Làng du lịch Xuân Sơn", "HTX Xuân Sơn");
    h.key(KeyCode::Char(':'));
    h.type_text("8");
    h.key(KeyCode::Enter);
    assert_eq!(view(&h).rubric.id, "dv-du-lich-cong-dong-sinh-thai");
    assert_eq!(view(&h).current, Code::new("8"));
    assert!(
        matches!(&h.state.popup, Some(Popup::Case(labels)) if labels.len() == 2),
        "{:?}",
        h.state.popup
    );
    h.key(KeyCode::Char('2'));
    assert_eq!(h.state.popup, None);
    assert_eq!(view(&h).sheet.case, Some(ocop_domain::rubric::Case::Second));
    h.key(KeyCode::Right);
    h.key(KeyCode::Left);
    assert_eq!(h.state.popup, None, "asked once");
}

#[test]
fn ctrl_c_quits_from_anywhere_and_help_opens_per_screen() {
    let mut h = harness();
    h.key(KeyCode::Char('?'));
    assert_eq!(h.state.popup, Some(Popup::Help));
    h.key(KeyCode::Char('z'));
    assert_eq!(h.state.popup, None);
    tea(&mut h);
    h.key(KeyCode::Char('e'));
    h.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.state.done());
}

#[test]
fn the_first_start_asks_for_the_assessor_until_given() {
    let mut h = harness();
    h.state.popup = Some(crate::app::update::sheet_prompt(Purpose::Assessor, "", 200));
    h.key(KeyCode::Esc);
    assert!(h.state.popup.is_some(), "Esc does not skip the name");
    h.type_text("Trần Thị Bình");
    h.key(KeyCode::Enter);
    assert_eq!(h.state.popup, None);
    assert_eq!(h.state.session.assessor, "Trần Thị Bình");
    assert_eq!(h.ctx.actor, "Trần Thị Bình");
    let kept = std::fs::read_to_string(&h.ctx.config_file).expect("config written");
    assert!(kept.contains("Trần Thị Bình"));
    let _ = std::fs::remove_file(&h.ctx.config_file);
}

#[test]
fn sync_is_asked_for_with_s_and_reports_in_the_status_line() {
    let mut h = harness();
    h.key(KeyCode::Char('s'));
    assert!(matches!(
        h.effects.last(),
        Some(Effect::Sync { asked: true })
    ));
    assert_eq!(h.state.notice, Some(Notice::NoExportDir));
    let done = Msg::Synced {
        written: 2,
        waiting: 0,
        problem: None,
        asked: true,
    };
    assert_eq!(update(&mut h.state, done), vec![Effect::LoadList]);
    assert_eq!(
        h.state.notice,
        Some(Notice::Synced {
            written: 2,
            waiting: 0
        })
    );
}

#[test]
fn a_background_sync_keeps_its_problem_in_the_status_line_without_a_notice() {
    let mut h = harness();
    let failed = Msg::Synced {
        written: 0,
        waiting: 3,
        problem: Some(SyncProblem::Unreachable),
        asked: false,
    };
    assert_eq!(update(&mut h.state, failed), vec![Effect::LoadList]);
    assert_eq!(h.state.notice, None);
    assert_eq!(h.state.sync_problem, Some(SyncProblem::Unreachable));
    let through = Msg::Synced {
        written: 3,
        waiting: 0,
        problem: None,
        asked: false,
    };
    update(&mut h.state, through);
    assert_eq!(
        (h.state.notice.clone(), h.state.sync_problem.clone()),
        (None, None)
    );
}

#[test]
fn an_answer_the_disk_refused_is_taken_back_with_the_reason() {
    let mut h = harness();
    tea(&mut h);
    let before = view(&h).sheet.clone();
    let first = view(&h).current.clone();
    h.key(KeyCode::Char('1'));
    assert!(view(&h).sheet.answers.contains_key(&first));
    // What the loop sends when the answer's flush failed (the frame showing it was never
    // written to the terminal).
    h.send(Msg::Unsaved {
        sheet: Box::new(before.clone()),
        error: "an answer could not be saved (disk); restart ocop".into(),
    });
    assert_eq!(view(&h).sheet, before);
    assert!(!view(&h).sheet.answers.contains_key(&first));
    assert!(matches!(&h.state.notice, Some(Notice::Failed(e)) if e.contains("restart ocop")));
}
