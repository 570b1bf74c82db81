//! The new-sheet set chooser, as assessors type: the word they use for each of the 26 sets,
//! with its accents and without, puts that set first, and Enter starts a sheet of it.

use crossterm::event::KeyCode;

use crate::app::harness::Harness;
use crate::app::state::Screen;
use ocop_domain::Lang;
use ocop_domain::search::fold;

/// What an assessor types for each set, by set number.
const USUAL: [(u8, &str); 26] = [
    (1, "rau"),
    (2, "thịt"),
    (3, "gạo"),
    (4, "mật ong"),
    (5, "đồ ăn"),
    (6, "chế biến từ gạo"),
    (7, "chế biến từ rau"),
    (8, "chế biến từ thịt"),
    (9, "nước mắm"),
    (10, "gia vị"),
    (11, "chè"),
    (12, "trà"),
    (13, "cà phê"),
    (14, "rượu"),
    (15, "đồ uống có cồn"),
    (16, "nước khoáng"),
    (17, "đồ uống không cồn"),
    (18, "thực phẩm chức năng"),
    (19, "mỹ phẩm"),
    (20, "tinh dầu"),
    (21, "thủ công"),
    (22, "vải"),
    (23, "hoa"),
    (24, "cây cảnh"),
    (25, "động vật"),
    (26, "du lịch"),
];

/// Types `query` in the chooser; the set number Enter would take, and the one it started.
fn chosen(query: &str) -> (u8, u8) {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    h.key(KeyCode::Char('n'));
    h.type_text(query);
    let Screen::PickSet(p) = &h.state.screen else {
        panic!("not choosing a set");
    };
    let first = p.visible(&h.state.session.sets)[p.selected].set_no;
    h.key(KeyCode::Enter);
    let Screen::Header(form) = &h.state.screen else {
        panic!("Enter did not start a sheet for {query:?}");
    };
    (first, form.set.set_no)
}

#[test]
fn the_usual_word_for_each_set_puts_it_first_with_accents_or_without() {
    let mut wrong = Vec::new();
    for (set_no, query) in USUAL {
        for typed in [query.to_string(), fold(query)] {
            let (first, started) = chosen(&typed);
            if first != set_no || started != set_no {
                wrong.push(format!("{typed:?}: set {first} first, wanted {set_no}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_list_search_ranks_the_exact_word_first_too() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    // Made second, the tea is listed first; made first, the rice would be.
    h.new_sheet("che", "Chè Cẩm Mỹ", "HTX Cẩm Mỹ");
    h.key(KeyCode::Esc);
    h.new_sheet("gao", "Gạo sơ chế Hòa Bình", "HTX Chè Xanh");
    h.key(KeyCode::Esc);
    let Screen::List(first) = &h.state.screen else {
        panic!("not on the list");
    };
    let listed: Vec<String> = h
        .state
        .visible_rows(first)
        .iter()
        .map(|r| r.summary.product_name.clone())
        .collect();
    h.key(KeyCode::Char('/'));
    for (typed, best) in [("chè", "Chè Cẩm Mỹ"), ("che", "Chè Cẩm Mỹ")] {
        let Screen::List(view) = &mut h.state.screen else {
            panic!("not on the list");
        };
        view.search = crate::app::field::Field::new(typed, 100);
        let Screen::List(view) = &h.state.screen else {
            panic!("not on the list");
        };
        let rows = h.state.visible_rows(view);
        assert_eq!(rows.len(), 2, "{typed:?} finds both ({listed:?})");
        assert_eq!(rows[0].summary.product_name, best, "{typed:?}");
    }
}
