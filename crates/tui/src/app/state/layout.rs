//! The smallest terminal the screens are laid out for. The state needs it as much as the view:
//! below it no key is taken, and a scrolled screen stops where its last row shows.

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Below 80×24 the screen only says how large it must be; no key but quitting is taken then
/// (`State::too_small`), since the assessor cannot see what it would change.
pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}
