//! English, with `--lang en` or `lang = "en"` in the config.

use super::Strings;

pub const EN: Strings = Strings {
    app_title: "OCOP · Assessment sheets",
    filter_all: "All",
    filter_drafts: "Drafts",
    filter_finished: "Finished",
    filter_waiting: "Waiting",
    filter_due: "Due",
    search: "Search: ",
    filter_hint: "[Tab] filter",
    col_product: "Product",
    col_code: "Code",
    col_set: "Set",
    col_status: "Status",
    col_progress: "Progress",
    col_points: "Points",
    st_draft: "draft",
    st_waiting: "done ⇡",
    st_synced: "sent",
    st_conflict: "conflict",
    st_eliminated: "eliminated",
    list_empty: "No sheets yet. Press n to start one.",
    list_no_match: "No sheet matches.",
    unsaved: "not saved yet",
    saved_at: |t| format!("saved {t}"),
    waiting: |n| format!("{n} waiting for sync"),
    syncing: |done, all| format!("syncing {done}/{all}"),
    pick_title: "New sheet · choose the product set",
    pick_filter: "Filter: ",
    form_title: "New sheet",
    fields: [
        "Product name",
        "Producer",
        "Product code",
        "Phone",
        "Address",
        "Assessor",
        "Council",
        "Place",
        "Date",
    ],
    required: "required",
    bad_date: "date as YYYY-MM-DD",
    code_shape: "expected T-X-STT-YYYY",
    outline: "Sheet",
    max: |n| format!("max {n}"),
    not_met: "not met",
    not_applicable: "not applicable",
    raised: "Elimination raised: ",
    raisable: "x: raise the elimination",
    zero_stop: |code| format!("{code} scored 0: the evaluation stops"),
    dossier_out: |why| format!("dossier rejected ({why})"),
    zero_stops: "0 points here stops the evaluation: the product is eliminated",
    note: "Note: ",
    note_hint: "(e to add a note)",
    held: |stars, list| format!("{stars}★ needs {list}"),
    held_has: |has| format!("(has {has})"),
    council_held: |stars, code, needs, mean| {
        format!("Council: {stars}★ needs a mean {code} ≥ {needs} (has {mean})")
    },
    missing_points: |points, stars| format!("({points} pts short of {stars}★)"),
    top_rating: "top rating",
    eliminated: "ELIMINATED",
    review: "Review",
    finished_view: "Finished sheet",
    band: |stars| match stars {
        5 => "(band 90–100)".to_string(),
        4 => "(band 70–89)".to_string(),
        3 => "(band 50–69)".to_string(),
        2 => "(band 30–49)".to_string(),
        _ => "(band under 30)".to_string(),
    },
    holding: "Held by: ",
    none: "none",
    elimination: "Eliminated: ",
    unanswered: "Unanswered: ",
    comment: "Evaluator's comments: ",
    finished_on: |at, rev| format!("finished {at} · revision {rev}"),
    sync_waiting: "Sync: waiting to be copied to the export folder",
    sync_synced: |at, file| format!("Synced {at} · {file}"),
    signed_by: |who, key| format!("Signed by {who}, key {key}"),
    not_signed: "Not signed (finished before sheets were signed)",
    key_made: |key| {
        format!("Made your signing key {key}. K on the list: the line for the secretary.")
    },
    council_not_counted: "Not counted (signature not in allowed_signers): ",
    council_none_counted: |code, n| {
        format!(
            "{n} sheets of {code}, none counted: not validly signed per allowed_signers (see ocop council)."
        )
    },
    help_key: |key| format!("Signing key {key} · K on the list: the line for the secretary"),
    key_line_heading: "Your key's allowed_signers line: copy the whole line, send it to the council's secretary.",
    key_line_none: "No assessor id to put in the line yet: type your name (or set assessor_id in the config).",
    key_line_back: "Press any key to go back.",
    sync_conflict: |message| format!("Sync conflict: {message}"),
    council_title: "Council",
    council_members: |n| match n {
        1 => "1 member".to_string(),
        n => format!("{n} members"),
    },
    col_member: "Member",
    col_total: "Total",
    col_stars: "Stars",
    council_mean: "Mean (the council's stars)",
    council_spread: |spread, limit, flagged| {
        if flagged {
            format!(
                "⚠ Spread of totals {spread}, above {limit}: the council discusses and re-scores"
            )
        } else {
            format!("Spread of totals {spread} (limit {limit})")
        }
    },
    council_disagree: "Widest disagreement: ",
    council_disagree_by: |n| format!("spread {n}"),
    council_minimums: "Minimums raised: ",
    council_eliminations: "Eliminations raised: ",
    amends: crate::terms::EN.amends,
    ask_delete: |p| format!("Delete the draft “{p}”? It can be restored from the trash."),
    ask_finish: "Finish the sheet? It will be locked and queued for sync.",
    ask_amend: |n, why| {
        format!(
            "Open revision {n} to amend the finished sheet, because “{why}”? The old one is kept."
        )
    },
    case_title: "Which case applies to this product?",
    prompt_jump: "Go to criterion (code, e.g. 6.2.3):",
    prompt_raise: "Reason for raising the elimination:",
    prompt_comment: "Evaluator's comments:",
    prompt_amend: "Reason for amending the finished sheet:",
    prompt_dossier: "The dossier is rejected because (the reason, e.g. forged documents):",
    prompt_self_assessment: "The producer's filled self-assessment (.xlsx or .ods), its path:",
    ask_reject_dossier: |why| {
        format!(
            "Record the dossier rejected, because «{why}»? The product is eliminated, not rated."
        )
    },
    ask_accept_dossier: "Withdraw the dossier's rejection? The product is rated again.",
    prompt_assessor: "Assessor's name (signed on the sheet, kept for next time):",
    problem_empty: "required",
    problem_code: "no criterion with this code",
    failed: |e| format!("Error: {e}"),
    disk_full: |dir| format!("Disk full ({dir}): not saved; free some space, restart ocop"),
    only_drafts: "Only drafts can be deleted.",
    unanswered_left: |n| format!("{n} criteria are still unanswered."),
    not_raisable: "This criterion has no elimination rule.",
    text_cut: |n| format!("At most {n} characters: the rest was cut off."),
    text_flattened: "Line breaks became spaces.",
    text_dropped: |c| format!("Hidden characters left out ({c}…)."),
    finished_notice: "Finished: the sheet is locked and waits for sync.",
    trashed: "The draft is in the trash.",
    export_unreachable: "export folder unreachable",
    no_export_dir: "No export folder: set --export-dir or export_dir in the config file.",
    no_suspend: "Ctrl-Z: there is no shell here to return to with fg; Ctrl-C quits (saved).",
    export_unreachable_notice: "The export folder cannot be reached (is the share mounted?).",
    no_product_code: "This sheet has no product code: there is no council to show.",
    no_council: |code| format!("The export folder has no finished sheet of product {code} yet."),
    synced: |written, waiting| format!("Sync: {written} sheets written, {waiting} still waiting."),
    read_only: "Finished sheet: read only (a to amend).",
    too_small: |w, h| format!("The terminal must be at least 80×24 (it is {w}×{h})"),
    crashed: |path| {
        format!("ocop stopped on an internal error; every saved answer is kept. Details: {path}")
    },
    needs_terminal: "ocop: the interface needs a terminal; see `ocop --help` for the commands",
    help_title: "Keys",
    help_close: "press any key to close",
    no_sheet: |id| format!("there is no sheet {id}"),
    no_set: |id| format!("there is no product set {id}"),
    no_sheet_id: "cannot make a sheet id",
};
