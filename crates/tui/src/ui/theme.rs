//! Styles by meaning, per theme: the default, high contrast for sunlight, and no colour at all
//! when `NO_COLOR` is set, where bold and reverse video carry the meaning alone.

use ratatui::style::{Color, Modifier, Style};

use ocop_config::ThemeName;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub plain: Style,
    pub title: Style,
    pub dim: Style,
    /// The highlighted row or option.
    pub selected: Style,
    /// What the assessor chose, the stars, the active filter.
    pub accent: Style,
    pub ok: Style,
    pub warn: Style,
    pub error: Style,
    pub border: Style,
    pub focus_border: Style,
}

pub fn theme(name: ThemeName, no_color: bool) -> Theme {
    if no_color {
        return monochrome();
    }
    match name {
        ThemeName::Default => default(),
        ThemeName::HighContrast => high_contrast(),
    }
}

fn default() -> Theme {
    let bold = Modifier::BOLD;
    Theme {
        plain: Style::new(),
        title: Style::new().fg(Color::Cyan).add_modifier(bold),
        dim: Style::new().fg(Color::DarkGray),
        selected: Style::new()
            .bg(Color::Blue)
            .fg(Color::White)
            .add_modifier(bold),
        accent: Style::new().fg(Color::Yellow).add_modifier(bold),
        ok: Style::new().fg(Color::Green),
        warn: Style::new().fg(Color::Yellow),
        error: Style::new().fg(Color::Red).add_modifier(bold),
        border: Style::new().fg(Color::DarkGray),
        focus_border: Style::new().fg(Color::Cyan),
    }
}

/// Black on white and white on black only, everything that matters bold.
fn high_contrast() -> Theme {
    let bold = Modifier::BOLD;
    Theme {
        plain: Style::new().fg(Color::White).bg(Color::Black),
        title: Style::new()
            .fg(Color::White)
            .bg(Color::Black)
            .add_modifier(bold),
        dim: Style::new().fg(Color::White).bg(Color::Black),
        selected: Style::new()
            .fg(Color::Black)
            .bg(Color::White)
            .add_modifier(bold),
        accent: Style::new()
            .fg(Color::LightYellow)
            .bg(Color::Black)
            .add_modifier(bold),
        ok: Style::new()
            .fg(Color::LightGreen)
            .bg(Color::Black)
            .add_modifier(bold),
        warn: Style::new()
            .fg(Color::LightYellow)
            .bg(Color::Black)
            .add_modifier(bold),
        error: Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(bold),
        border: Style::new().fg(Color::White).bg(Color::Black),
        focus_border: Style::new()
            .fg(Color::White)
            .bg(Color::Black)
            .add_modifier(bold),
    }
}

fn monochrome() -> Theme {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    Theme {
        plain: Style::new(),
        title: bold,
        dim: Style::new(),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        accent: bold,
        ok: Style::new(),
        warn: bold,
        error: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        border: Style::new(),
        focus_border: bold,
    }
}
