//! Drives the interface without a terminal: messages through `update`, effects through
//! `run_effect` on an in-memory store, at a fixed clock. The update tests, the screen
//! snapshots and anyone trying a key sequence use it.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::effect::{Ctx, run_effect};
use super::keymap::to_msg;
use super::msg::{Effect, Msg};
use super::state::{SetInfo, State};
use super::update::update;
use crate::catalog::Catalog;
use crate::cli::Lang;
use crate::store::Store;

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
        state.data_dir = "~/ocop-data".to_string();
        state.assessor = "Nguyễn Văn An".to_string();
        state.council = "Hội đồng tỉnh Phú Thọ".to_string();
        state.today = NaiveDate::from_ymd_opt(2026, 3, 14);
        let store = Store::in_memory()?;
        // Its own config file, so harnesses running side by side never share one.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let name = format!("ocop-harness-{}-{n}.toml", std::process::id());
        let config = std::env::temp_dir().join(name);
        let ctx = Ctx::new(store, catalog, state.assessor.clone(), config);
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
        self.key(KeyCode::Char('n'));
        self.type_text(set_query);
        self.key(KeyCode::Enter);
        self.type_text(product);
        self.key(KeyCode::Tab);
        self.type_text(producer);
        self.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    }
}
