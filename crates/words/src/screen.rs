//! Every interface string, one struct filled once per language (`vi.rs`, `en.rs`). The domain
//! speaks in codes and numbers; the words live here.

mod en;
mod vi;

use ocop_domain::Lang;
use ocop_domain::score::{Elimination, EliminationKind};
use ocop_domain::text::safe::shown;

pub struct Strings {
    pub app_title: &'static str,
    pub filter_all: &'static str,
    pub filter_drafts: &'static str,
    pub filter_finished: &'static str,
    pub filter_waiting: &'static str,
    pub filter_due: &'static str,
    pub search: &'static str,
    pub filter_hint: &'static str,
    pub col_product: &'static str,
    pub col_code: &'static str,
    pub col_set: &'static str,
    pub col_status: &'static str,
    pub col_progress: &'static str,
    pub col_points: &'static str,
    pub st_draft: &'static str,
    pub st_waiting: &'static str,
    pub st_synced: &'static str,
    pub st_conflict: &'static str,
    pub st_eliminated: &'static str,
    pub list_empty: &'static str,
    pub list_no_match: &'static str,
    pub unsaved: &'static str,
    pub saved_at: fn(&str) -> String,
    pub waiting: fn(usize) -> String,
    /// A sync running: revisions placed, of how many.
    pub syncing: fn(u64, u64) -> String,
    pub pick_title: &'static str,
    pub pick_filter: &'static str,
    pub form_title: &'static str,
    pub fields: [&'static str; 9],
    pub required: &'static str,
    pub bad_date: &'static str,
    pub code_shape: &'static str,
    pub outline: &'static str,
    pub max: fn(u16) -> String,
    pub not_met: &'static str,
    pub not_applicable: &'static str,
    pub raised: &'static str,
    pub raisable: &'static str,
    /// A zero under a stop-on-zero group, with the criterion's code.
    pub zero_stop: fn(&str) -> String,
    /// The dossier rejected, and why.
    pub dossier_out: fn(&str) -> String,
    /// On a criterion under such a group, before it is answered.
    pub zero_stops: &'static str,
    pub note: &'static str,
    pub note_hint: &'static str,
    pub held: fn(u8, &str) -> String,
    pub held_has: fn(u16) -> String,
    /// A star minimum the council's mean does not reach: stars, criterion, needs, the mean.
    pub council_held: fn(u8, &str, u16, &str) -> String,
    pub missing_points: fn(u16, u8) -> String,
    pub top_rating: &'static str,
    pub eliminated: &'static str,
    pub review: &'static str,
    pub finished_view: &'static str,
    pub band: fn(u8) -> String,
    pub holding: &'static str,
    pub none: &'static str,
    pub elimination: &'static str,
    pub unanswered: &'static str,
    pub comment: &'static str,
    pub finished_on: fn(&str, u32) -> String,
    pub sync_waiting: &'static str,
    /// When and where (relative to the export folder) a revision was synced.
    pub sync_synced: fn(&str, &str) -> String,
    pub sync_conflict: fn(&str) -> String,
    /// Who signed a finished revision (its principal) and the key's fingerprint.
    pub signed_by: fn(&str, &str) -> String,
    /// A finished revision with no signature: finished before sheets were signed.
    pub not_signed: &'static str,
    /// The first start made the signing key: its fingerprint, and where its public line is.
    pub key_made: fn(&str) -> String,
    /// The help's last line: the signing key and how to send its public line.
    pub help_key: fn(&str) -> String,
    /// Above the `allowed_signers` line that `K` prints outside the screen.
    pub key_line_heading: &'static str,
    /// `K` before the assessor has a name to make a principal of.
    pub key_line_none: &'static str,
    pub key_line_back: &'static str,
    /// The council screen's list of sheets not counted, and the notice when none counts.
    pub council_not_counted: &'static str,
    pub council_none_counted: fn(&str, usize) -> String,
    pub council_title: &'static str,
    pub council_members: fn(usize) -> String,
    pub col_member: &'static str,
    pub col_total: &'static str,
    pub col_stars: &'static str,
    pub council_mean: &'static str,
    /// The spread between totals, the limit, and whether it is above it.
    pub council_spread: fn(u16, u16, bool) -> String,
    pub council_disagree: &'static str,
    pub council_disagree_by: fn(u16) -> String,
    pub council_minimums: &'static str,
    pub council_eliminations: &'static str,
    pub amends: fn(u32, &str) -> String,
    pub ask_delete: fn(&str) -> String,
    pub ask_finish: &'static str,
    /// Open revision N of a finished sheet, for this reason?
    pub ask_amend: fn(u32, &str) -> String,
    /// The dossier rejected for this reason? The product is eliminated.
    pub ask_reject_dossier: fn(&str) -> String,
    pub ask_accept_dossier: &'static str,
    pub case_title: &'static str,
    pub prompt_jump: &'static str,
    pub prompt_raise: &'static str,
    pub prompt_comment: &'static str,
    pub prompt_amend: &'static str,
    pub prompt_dossier: &'static str,
    pub prompt_self_assessment: &'static str,
    pub prompt_assessor: &'static str,
    pub problem_empty: &'static str,
    pub problem_code: &'static str,
    pub failed: fn(&str) -> String,
    /// The disk of this data folder is full: nothing more is saved until a restart.
    pub disk_full: fn(&str) -> String,
    pub only_drafts: &'static str,
    pub unanswered_left: fn(usize) -> String,
    pub not_raisable: &'static str,
    pub finished_notice: &'static str,
    pub trashed: &'static str,
    pub no_export_dir: &'static str,
    /// Ctrl-Z with no shell to return to.
    pub no_suspend: &'static str,
    pub no_product_code: &'static str,
    pub export_unreachable_notice: &'static str,
    pub no_council: fn(&str) -> String,
    /// The status line's note when sheets wait because the folder cannot be reached.
    pub export_unreachable: &'static str,
    pub synced: fn(usize, usize) -> String,
    pub read_only: &'static str,
    /// What a field did not keep of what was typed or pasted: its length bound was reached…
    pub text_cut: fn(usize) -> String,
    /// …line breaks and tabs became spaces…
    pub text_flattened: &'static str,
    /// …a control or invisible character (named as `U+202E`) was left out.
    pub text_dropped: fn(&str) -> String,
    pub too_small: fn(u16, u16) -> String,
    /// After a panic, the terminal restored: where the details are.
    pub crashed: fn(&str) -> String,
    pub needs_terminal: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    /// A sheet the list showed is no longer in the store.
    pub no_sheet: fn(&str) -> String,
    /// The set chosen is no longer in the catalog.
    pub no_set: fn(&str) -> String,
    pub no_sheet_id: &'static str,
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Vi => &vi::VI,
        Lang::En => &en::EN,
    }
}

/// Why the product is eliminated: a stop rule by its criterion, any other rule by its text.
pub fn elimination_text(s: &Strings, e: &Elimination) -> String {
    match (&e.code, e.kind) {
        (Some(code), EliminationKind::StopOnZero) => (s.zero_stop)(code.as_str()),
        (_, EliminationKind::Dossier) => (s.dossier_out)(&shown(&e.reason)),
        (Some(code), _) => format!("{code} {}", shown(&e.reason)),
        (None, _) => shown(&e.reason).into_owned(),
    }
}
