//! The tables keep their promises: every key offered is in the help, every footer fits the
//! 80-column line, a field's table leaves letters to the field, a key means one thing.

use super::*;
use ocop_domain::text::width;

const MODES: [Mode; 3] = [
    Mode {
        finished: false,
        rerate: false,
    },
    Mode {
        finished: false,
        rerate: true,
    },
    Mode {
        finished: true,
        rerate: false,
    },
];

const LANGS: [Lang; 2] = [Lang::Vi, Lang::En];

#[test]
fn every_binding_offered_is_in_the_help() {
    let everywhere = EVERYWHERE;
    for (name, table) in ALL {
        for mode in MODES {
            for lang in LANGS {
                let help = table.help(mode, lang);
                for b in table.bindings.iter().filter(|b| b.on.holds(mode)) {
                    match b.does {
                        Some(does) => assert!(
                            help.contains(&(b.shown.get(lang), does.get(lang))),
                            "{name} {mode:?} {lang:?}: {} is not in the help",
                            b.shown.get(lang)
                        ),
                        // `?` is listed among the keys of every screen; a label is no key.
                        None => assert!(
                            b.keys.iter().all(|(_, m)| *m == Msg::Help)
                                && everywhere.msg(key(KeyCode::F(1))) == Some(Msg::Help),
                            "{name}: a key without words in the help"
                        ),
                    }
                }
            }
        }
    }
}

#[test]
fn every_footer_fits_in_80_columns() {
    for (name, table) in ALL {
        for mode in MODES {
            for lang in LANGS {
                let footer = table.footer(mode, lang).replace("{n}", "255");
                // One cell is the margin.
                assert!(
                    width(&footer) <= 79,
                    "{name} {mode:?} {lang:?}: {footer} is {} cells",
                    width(&footer)
                );
            }
        }
    }
}

#[test]
fn a_field_keeps_its_letters() {
    for (name, table) in ALL.iter().filter(|(_, t)| t.typing) {
        for b in table.bindings {
            for (k, _) in b.keys {
                // The set picker's `?` is help: no set's name has one.
                let help_here = k.code == KeyCode::Char('?') && *name == "pick";
                let plain_char = matches!(k.code, KeyCode::Char(_)) && !k.ctrl && !help_here;
                assert!(!plain_char, "{name}: {k:?} could not be typed");
            }
        }
    }
}

#[test]
fn a_key_means_one_thing_on_a_screen() {
    for (name, table) in ALL {
        let pairs: Vec<&(Key, Msg)> = table.bindings.iter().flat_map(|b| b.keys).collect();
        for (k, m) in &pairs {
            let first = table.msg(*k);
            assert_eq!(first.as_ref(), Some(m), "{name}: {k:?} sends two messages");
        }
    }
}

#[test]
fn the_footers_read_as_before() {
    let mode = MODES[0];
    assert_eq!(
        screens::LIST.footer(mode, Lang::Vi),
        "Enter mở · n mới · / tìm · s đồng bộ · c hội đồng · d xoá · ? giúp · q thoát"
    );
    assert_eq!(
        sheet::SCORING.footer(MODES[2], Lang::En),
        "read only · ←→ criterion · r review · Esc back · ? help"
    );
    assert_eq!(
        sheet::SCORING.footer(MODES[1], Lang::Vi),
        "1–{n} chọn · = như lần trước · ←→ tiêu chí · p thăng hạng · r xem lại · ?"
    );
}
