//! Key sequences through `update` whose outcome is checked on the drawn screen as well: they
//! draw with `ui::view`, so they live beside `update`, not inside it (`update` never draws).

mod council;
mod dossier;
mod guard;
mod pick;
mod resume;
mod text;
