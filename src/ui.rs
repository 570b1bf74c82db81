//! Drawing the state with ratatui. (Built by the walk issue.)
