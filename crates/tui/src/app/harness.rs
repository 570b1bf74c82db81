//! Drives the interface without a terminal: messages through `update`, effects through
//! `run_effect` on an in-memory store, at a fixed clock. The update tests, the screen
//! snapshots and anyone trying a key sequence use it.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::effect::{Ctx, run_effect};
use super::keymap::to_msg;
use super::msg::{Effect, Msg};
use super::state::{Page, Screen, SetInfo, State};
use super::update::update;
use ocop_catalog::Catalog;
use ocop_domain::Lang;
use ocop_export::document::KindDoc;
use ocop_reports::council::{
    Disagreement, EliminationRaised, Member, MinimumRaised, PartMean, PartPoints, ProductReview,
};
use ocop_store::Store;

pub struct Harness {
    pub state: State,
    pub ctx: Ctx,
    pub now: DateTime<FixedOffset>,
    /// Every effect run, in order.
    pub effects: Vec<Effect>,
}

/// 2026-03-14 09:30:00 +07:00: a fixed moment so saves show a stable time.
pub fn fixed_now() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).single())
        .unwrap_or_default()
}

impl Harness {
    /// A fresh interface on an empty in-memory store, the list loaded.
    pub fn new(lang: Lang) -> Result<Harness, Box<dyn std::error::Error>> {
        let catalog = Catalog::builtin();
        let sets = catalog.all()?.into_iter().map(SetInfo::of).collect();
        let mut state = State::new(lang, sets);
        state.session.data_dir = "~/ocop-data".to_string();
        state.session.assessor = "Nguyễn Văn An".to_string();
        state.session.council = "Hội đồng tỉnh Phú Thọ".to_string();
        state.session.today = NaiveDate::from_ymd_opt(2026, 3, 14);
        let store = Store::in_memory()?;
        // Its own config file, so harnesses running side by side never share one.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let name = format!("ocop-harness-{}-{n}.toml", std::process::id());
        let config = std::env::temp_dir().join(name);
        let ctx = Ctx::new(store, catalog, state.session.assessor.clone(), config);
        let mut h = Harness {
            state,
            ctx,
            now: fixed_now(),
            effects: Vec::new(),
        };
        h.run(vec![Effect::LoadList]);
        Ok(h)
    }

    /// Sends one message and runs every effect it leads to.
    pub fn send(&mut self, msg: Msg) {
        let effects = update(&mut self.state, msg);
        self.run(effects);
    }

    pub fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(fx) = queue.pop_front() {
            self.effects.push(fx.clone());
            if let Some(reply) = run_effect(fx, &mut self.ctx, self.now) {
                queue.extend(update(&mut self.state, reply));
            }
            // As the loop does before it shows a frame.
            if queue.is_empty()
                && let Some(failed) = self.ctx.settle()
            {
                queue.extend(update(&mut self.state, failed));
            }
        }
    }

    /// A key as the terminal sends it, through the keymap.
    pub fn key(&mut self, code: KeyCode) {
        self.key_with(code, KeyModifiers::NONE);
    }

    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        let event = Event::Key(KeyEvent::new(code, modifiers));
        if let Some(msg) = to_msg(&self.state, event) {
            self.send(msg);
        }
    }

    /// Types text, one key per character.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// From the list: a new sheet of `set_query`'s first match, with the given product name
    /// and producer, created.
    pub fn new_sheet(&mut self, set_query: &str, product: &str, producer: &str) {
        self.new_sheet_filled(set_query, &[product, producer]);
    }

    /// From the list: a new sheet of `set_query`'s first match, the header's first fields
    /// (product, producer, product code, …) typed in order, created.
    pub fn new_sheet_filled(&mut self, set_query: &str, fields: &[&str]) {
        self.key(KeyCode::Char('n'));
        self.type_text(set_query);
        self.key(KeyCode::Enter);
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                self.key(KeyCode::Tab);
            }
            self.type_text(field);
        }
        self.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    }

    /// Answers every applicable criterion with option 1, from wherever the walk stands.
    pub fn answer_all(&mut self) {
        for _ in 0..100 {
            match &self.state.screen {
                Screen::Sheet(v) if v.page == Page::Scoring => self.key(KeyCode::Char('1')),
                _ => break,
            }
        }
    }

    /// `answer_all`, then finish the sheet (`f`, confirmed): the finished view is open.
    pub fn answer_all_and_finish(&mut self) {
        self.answer_all();
        self.key(KeyCode::Char('f'));
        self.key(KeyCode::Char('y'));
    }
}

/// A council of three on one tea, drawn by hand: a spread above the limit, disagreements, a
/// minimum and an elimination raised. The screen's tests and snapshots use it.
pub fn sample_council() -> ProductReview {
    let members = vec![
        sample_member("Nguyễn Văn An", [30, 18, 27], 4, false),
        sample_member("Trần Thị Bình", [26, 15, 21], 3, false),
        sample_member("Lê Hoàng Cường", [22, 12, 20], 1, true),
    ];
    ProductReview {
        product_code: "25-7912-01-2026".to_string(),
        product_name: "Chè Shan tuyết Xuân Sơn".to_string(),
        set_ids: vec!["che-tuoi".to_string()],
        mean_parts: [("A", 26.0), ("B", 15.0), ("C", 22.67)]
            .iter()
            .map(|(code, mean)| PartMean {
                code: code.to_string(),
                mean: *mean,
            })
            .collect(),
        mean_total: 63.67,
        stars_of_mean: 3,
        stars: 3,
        held_by: Vec::new(),
        eliminated: false,
        spread: 21,
        flagged: true,
        disagreements: [("6.2.3", [5, 2, 1]), ("1.1", [3, 1, 0]), ("4.1", [4, 2, 2])]
            .iter()
            .map(|(code, points)| Disagreement {
                code: code.to_string(),
                spread: points.iter().max().unwrap_or(&0) - points.iter().min().unwrap_or(&0),
                points: points.to_vec(),
            })
            .collect(),
        criteria: Vec::new(),
        minimums: vec![MinimumRaised {
            principal: String::new(),
            assessor: "Trần Thị Bình".to_string(),
            stars: 4,
            code: "1.1".to_string(),
            needs: 2,
            has: 1,
        }],
        eliminations: vec![EliminationRaised {
            principal: String::new(),
            assessor: "Lê Hoàng Cường".to_string(),
            code: Some("1.1".to_string()),
            kind: KindDoc::Elimination,
            reason: "nguyên liệu không rõ nguồn gốc".to_string(),
        }],
        members,
        not_counted: Vec::new(),
    }
}

fn sample_member(assessor: &str, parts: [u16; 3], stars: u8, eliminated: bool) -> Member {
    Member {
        assessor: assessor.to_string(),
        council: "Hội đồng tỉnh Phú Thọ".to_string(),
        sheet_id: "01JD0000000000000000000001".to_string(),
        revision: 1,
        evaluated_on: None,
        parts: ["A", "B", "C"]
            .iter()
            .zip(parts)
            .map(|(code, points)| PartPoints {
                code: code.to_string(),
                points,
            })
            .collect(),
        total: parts.iter().sum(),
        stars,
        eliminated,
        unsigned: None,
        principal: String::new(),
    }
}
