//! Every screen drawn at 80×24 in both languages (insta snapshots of ratatui's TestBackend),
//! drawn at tiny and odd sizes without panicking, and the styles that carry meaning.

use crossterm::event::KeyCode;
use ocop_domain::Lang;
use ocop_store::SyncState;
use ocop_tui::app::harness::{Harness, fixed_now, sample_council};
use ocop_tui::app::state::{CouncilView, ListView, Page, Screen, State};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

fn draw(state: &State, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|f| ocop_tui::ui::view(state, f))
        .expect("draw");
    terminal
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

/// The states worth seeing, by name, in the given language.
fn screens(lang: Lang) -> Vec<(&'static str, State)> {
    let mut out = Vec::new();
    let mut h = Harness::new(lang).expect("harness");
    out.push(("list_empty", h.state.clone()));
    h.key(KeyCode::Char('n'));
    h.type_text("che");
    out.push(("pick_set", h.state.clone()));
    h.type_text(" tuoi");
    out.push(("pick_set_one", h.state.clone()));
    h.key(KeyCode::Enter);
    h.type_text("Chè Cẩm Mỹ");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.type_text("25-7912");
    h.key_with(KeyCode::Char('s'), crossterm::event::KeyModifiers::CONTROL);
    out.push(("header_form_missing", h.state.clone()));
    h.type_text("HTX Chè Cẩm Mỹ");
    h.key_with(KeyCode::Char('s'), crossterm::event::KeyModifiers::CONTROL);
    out.push(("scoring_first", h.state.clone()));
    scoring_and_review(&mut h, &mut out);
    list_and_prompts(&mut h, &mut out);
    out
}

type Shots = Vec<(&'static str, State)>;

fn scoring_and_review(h: &mut Harness, out: &mut Shots) {
    for key in ['3', '2', '2', '2', '0', '1', '2', '1', '2'] {
        h.key(KeyCode::Char(key));
    }
    out.push(("scoring_mid", h.state.clone()));
    // The same criterion as a start reopens it: nothing highlighted, the footer says so.
    let mut resumed = h.state.clone();
    if let Screen::Sheet(v) = &mut resumed.screen {
        v.resumed = true;
    }
    out.push(("scoring_resumed", resumed));
    h.key(KeyCode::Char('e'));
    h.type_text("Nhãn mới in, chưa có mã QR");
    out.push(("scoring_note", h.state.clone()));
    // Esc leaves a note (Enter breaks its line).
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('?'));
    out.push(("help_scoring", h.state.clone()));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('r'));
    out.push(("review_unanswered", h.state.clone()));
    h.key(KeyCode::Esc);
    for _ in 0..40 {
        h.key(KeyCode::Char('2'));
    }
    h.key(KeyCode::Char('c'));
    h.type_text("Sản phẩm ổn định, cần bổ sung mã truy xuất.");
    h.key(KeyCode::Esc);
    out.push(("review_complete", h.state.clone()));
    h.key(KeyCode::Char('f'));
    out.push(("confirm_finish", h.state.clone()));
    h.key(KeyCode::Char('y'));
    out.push(("finished", h.state.clone()));
    finished_sync(&h.state, out);
    h.key(KeyCode::Char('a'));
    out.push(("amend_prompt", h.state.clone()));
}

fn list_and_prompts(h: &mut Harness, out: &mut Shots) {
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.new_sheet("du lich", "Làng du lịch Xuân Sơn", "HTX Xuân Sơn");
    h.key(KeyCode::Esc);
    out.push(("list", h.state.clone()));
    h.key(KeyCode::Char('?'));
    out.push(("help_list", h.state.clone()));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('/'));
    h.type_text("che cam");
    out.push(("list_search", h.state.clone()));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char(':'));
    h.type_text("8");
    h.key(KeyCode::Enter);
    out.push(("case_question", h.state.clone()));
    let mut first = h.state.clone();
    first.popup = Some(ocop_tui::app::update::sheet_prompt(
        ocop_tui::app::state::Purpose::Assessor,
        "",
        200,
    ));
    out.push(("assessor_prompt", first));
    council(&h.state, out);
    held_down(h, out);
}

/// The finished view once synced, and after a conflict (the waiting one is `finished`).
fn finished_sync(state: &State, out: &mut Shots) {
    let synced = SyncState::Synced {
        file: "sheets/che-tuoi/01JD0000000000000000000001.r1.json".to_string(),
        at: fixed_now(),
    };
    let conflict = SyncState::Conflict {
        message: "a different file is already there (sha256 3f2a… ≠ 9c41…)".to_string(),
    };
    for (name, sync) in [("finished_synced", synced), ("finished_conflict", conflict)] {
        let mut shot = state.clone();
        if let Screen::Sheet(v) = &mut shot.screen {
            v.sync = sync;
        }
        shot.notice = None;
        out.push((name, shot));
    }
}

/// The council screen over the list: the sample fits; a longer one scrolled to its end.
fn council(state: &State, out: &mut Shots) {
    let view = CouncilView {
        review: sample_council(),
        scroll: 0,
        list: ListView::new(),
    };
    let mut shot = state.clone();
    shot.popup = None;
    shot.notice = None;
    shot.screen = Screen::Council(Box::new(view.clone()));
    out.push(("council", shot.clone()));
    let mut long = view;
    let more = long.review.disagreements.clone();
    for _ in 0..3 {
        long.review.disagreements.extend(more.clone());
    }
    long.scroll = long.body_rows() - 21;
    shot.screen = Screen::Council(Box::new(long));
    out.push(("council_scrolled", shot));
}

/// Every criterion at its best but 1.1 at its lowest: a 5★ total held at 2★ by 1.1.
fn held_down(h: &mut Harness, out: &mut Shots) {
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.new_sheet("che tuoi", "Chè Shan tuyết Xuân Sơn", "HTX Xuân Sơn");
    for _ in 0..40 {
        let Screen::Sheet(v) = &h.state.screen else {
            break;
        };
        if v.page != Page::Scoring {
            break;
        }
        let best = v.criterion().map_or(1, |c| c.options.len());
        let digit = if v.current.as_str() == "1.1" { 1 } else { best };
        let digit = char::from_digit(u32::try_from(digit).unwrap_or(1), 10).unwrap_or('1');
        h.key(KeyCode::Char(digit));
        if h.state.popup.is_some() {
            break;
        }
    }
    out.push(("review_held", h.state.clone()));
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char(':'));
    h.type_text("1.1");
    h.key(KeyCode::Enter);
    out.push(("scoring_held", h.state.clone()));
}

#[test]
fn every_screen_at_80x24_in_both_languages() {
    for lang in [Lang::Vi, Lang::En] {
        for (name, state) in screens(lang) {
            let terminal = draw(&state, 80, 24);
            let snap = format!("{}_{name}", lang_name(lang));
            insta::assert_snapshot!(snap, terminal.backend());
        }
    }
}

#[test]
fn too_small_says_how_large_it_must_be() {
    let h = Harness::new(Lang::Vi).expect("harness");
    let terminal = draw(&h.state, 40, 10);
    insta::assert_snapshot!("vi_too_small", terminal.backend());
}

#[test]
fn no_size_panics() {
    let sizes = [
        (1, 1),
        (2, 1),
        (1, 2),
        (20, 5),
        (79, 23),
        (80, 23),
        (79, 24),
        (80, 24),
        (81, 25),
        (120, 40),
        (250, 80),
    ];
    for lang in [Lang::Vi, Lang::En] {
        for (_, state) in screens(lang) {
            for (w, h) in sizes {
                draw(&state, w, h);
            }
        }
    }
}

#[test]
fn without_colour_the_highlight_is_reverse_video() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX");
    h.key(KeyCode::Esc);
    h.state.session.no_color = true;
    let terminal = draw(&h.state, 80, 24);
    let buffer = terminal.backend().buffer();
    let cell = &buffer[(2, 3)];
    assert!(cell.modifier.contains(Modifier::REVERSED));
    assert_eq!(cell.fg, ratatui::style::Color::Reset);
    assert!(h.state.popup.is_none());
}

#[test]
fn the_council_flags_a_wide_spread_in_the_error_colour() {
    let mut h = Harness::new(Lang::En).expect("harness");
    let mut view = CouncilView {
        review: sample_council(),
        scroll: 0,
        list: ListView::new(),
    };
    let theme = ocop_tui::ui::theme::theme(h.state.session.theme, false);
    // Title, heading, three members, the mean: the spread is the seventh row.
    let spread_row = 6;
    for (flagged, style) in [(true, theme.error), (false, theme.ok)] {
        view.review.flagged = flagged;
        h.state.screen = Screen::Council(Box::new(view.clone()));
        let terminal = draw(&h.state, 80, 24);
        let cell = &terminal.backend().buffer()[(3, spread_row)];
        assert_eq!(cell.fg, style.fg.unwrap_or_default(), "flagged: {flagged}");
    }
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Set 16: criterion 6.2 says before it is answered that a 0 stops the evaluation; the review
/// after a 0 names the criterion that stopped it.
#[test]
fn set_16_warns_of_its_stop_on_zero_and_the_review_names_it() {
    let words = [
        (
            Lang::Vi,
            "0 điểm ở tiêu chí này: dừng đánh giá",
            "6.2 được 0 điểm: dừng đánh giá",
        ),
        (
            Lang::En,
            "0 points here stops the evaluation",
            "6.2 scored 0: the evaluation stops",
        ),
    ];
    for (lang, warning, stopped) in words {
        let mut h = Harness::new(lang).expect("harness");
        h.new_sheet("nuoc khoang", "Nước khoáng Thanh Sơn", "HTX Nước Thanh Sơn");
        h.key(KeyCode::Char(':'));
        h.type_text("6.2");
        h.key(KeyCode::Enter);
        let terminal = draw(&h.state, 80, 24);
        assert!(
            screen_text(&terminal).contains(warning),
            "{}",
            screen_text(&terminal)
        );
        insta::assert_snapshot!(format!("{}_water_6_2", lang_name(lang)), terminal.backend());
        h.key(KeyCode::Char('1'));
        let terminal = draw(&h.state, 80, 24);
        assert!(
            screen_text(&terminal).contains(stopped),
            "{}",
            screen_text(&terminal)
        );
        insta::assert_snapshot!(
            format!("{}_water_stopped", lang_name(lang)),
            terminal.backend()
        );
    }
}

/// `p` on a sheet held at 2★ by one minimum: the plan names it first, with the option.
#[test]
fn the_plan_page_names_the_minimum_holding_the_rating_first() {
    for (lang, heading) in [(Lang::Vi, "Lên 3★"), (Lang::En, "Up to 3★")] {
        let mut h = Harness::new(lang).expect("harness");
        let mut shots = Vec::new();
        held_down(&mut h, &mut shots);
        h.key(KeyCode::Char('r'));
        h.key(KeyCode::Char('p'));
        let terminal = draw(&h.state, 80, 24);
        let text = screen_text(&terminal);
        assert!(text.contains(heading), "{text}");
        assert!(
            text.contains("▶  1.1 "),
            "the holding minimum is first: {text}"
        );
        insta::assert_snapshot!(format!("{}_plan", lang_name(lang)), terminal.backend());
    }
}

#[test]
fn the_key_is_named_on_the_first_start_in_help_and_on_a_signed_sheet() {
    use ocop_tui::app::state::{KeyInfo, Notice};
    let key = "SHA256:gvM6+LLDpoJ3ORIau4zRm61EZ0z+lzm8JOeq0wOzJXM";
    let mut h = Harness::new(Lang::Vi).expect("harness");
    h.state.session.key = Some(KeyInfo {
        fingerprint: key.into(),
    });
    h.state.notice = Some(Notice::KeyMade(key.into()));
    let first = screen_text(&draw(&h.state, 100, 24));
    assert!(
        first.contains(&format!("Đã tạo khoá ký phiếu {key}")),
        "{first}"
    );
    h.key(KeyCode::Char('?'));
    let help = screen_text(&draw(&h.state, 80, 24));
    assert!(help.contains(&format!("Khoá ký phiếu {key}")), "{help}");
    // Where the line is: a key of the interface, which a forced command leaves usable.
    assert!(
        help.contains("· K trên") && help.contains("dòng gửi thư ký"),
        "{help}"
    );
    assert!(!help.contains("ocop key"), "{help}");
    let (_, mut finished) = screens(Lang::Vi)
        .into_iter()
        .find(|(name, _)| *name == "finished")
        .expect("the finished screen");
    if let Screen::Sheet(v) = &mut finished.screen {
        v.signed = Some(key.into());
        v.sheet.assessor_id = Some("nguyen-van-an".into());
    }
    let shown = screen_text(&draw(&finished, 100, 24));
    assert!(
        shown.contains(&format!("Đã ký: nguyen-van-an, khoá {key}")),
        "{shown}"
    );
}

/// At 80×24, in both languages, what matters is never cut: the count of sheets waiting
/// beside a long data folder (shortened from the left instead), every count of the list's
/// title line, and the first start's sentence about the new key, whole over two lines above
/// the keys, which stay named.
#[test]
fn at_80_columns_no_count_and_no_key_sentence_is_cut() {
    for lang in [Lang::Vi, Lang::En] {
        let mut h = Harness::new(lang).expect("harness");
        h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX");
        h.key(KeyCode::Esc);
        h.state.session.data_dir =
            "~/ocop-data/assessors/nguyen-thi-thanh-huong-hoi-dong-tinh-phu-tho".to_string();
        h.state.waiting = 1234;
        let shown = screen_text(&draw(&h.state, 80, 24));
        let waiting = match lang {
            Lang::Vi => "1234 chờ đồng bộ",
            Lang::En => "1234 waiting",
        };
        assert!(shown.contains(waiting), "{shown}");
        assert!(
            shown.contains("phu-tho"),
            "the folder's end is kept:\n{shown}"
        );

        let title = shown.lines().next().unwrap_or_default().to_string();
        let all = match lang {
            Lang::Vi => "Tất cả 1",
            Lang::En => "All 1",
        };
        assert!(title.contains(all), "{title}");
        assert!(
            !title.contains('…'),
            "a title is shortened, never cut: {title}"
        );

        let fingerprint = "SHA256:n2yDpJlfQnIdVbOTyxN7rQnmFS7bR2e8Rp0RwSVnXo8";
        h.state.notice = Some(ocop_tui::app::state::Notice::KeyMade(fingerprint.into()));
        let shown = screen_text(&draw(&h.state, 80, 24));
        let bottom: String = shown.lines().skip(21).take(2).collect::<Vec<_>>().join(" ");
        let bottom = bottom.split_whitespace().collect::<Vec<_>>().join(" ");
        let said = (ocop_words::screen::strings(lang).key_made)(fingerprint);
        assert!(bottom.contains(said.trim_end()), "{said}\n{shown}");
        let keys = shown.lines().last().unwrap_or_default();
        assert!(keys.contains("q "), "the keys are still named:\n{shown}");
    }
}
