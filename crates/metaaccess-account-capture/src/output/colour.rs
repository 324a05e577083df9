//! Colour for text lines: which words get which colour. Whether a stream is coloured is the
//! front end's choice, passed in; the renderer applies it last.

use std::sync::atomic::{AtomicBool, Ordering};

/// Whether text lines are coloured. The front end decides (a terminal, `NO_COLOR`, its flags);
/// the renderer applies it last, to the tool's own words (statuses, `error:`), after masking
/// and the last check. JSON lines are never coloured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Colour {
    /// Plain text.
    #[default]
    Off,
    /// ANSI colour sequences around statuses and headings.
    Ansi,
}

impl Colour {
    pub(super) fn paint(self, sgr: &str, word: &str) -> String {
        match self {
            Self::Off => word.to_owned(),
            Self::Ansi => format!("\x1b[{sgr}m{word}\x1b[0m"),
        }
    }

    /// `line` with `word`, which it starts with, painted (else `line` as it is).
    pub(super) fn start(self, line: String, word: &str, sgr: &str) -> String {
        match line.strip_prefix(word) {
            Some(rest) if self == Self::Ansi && !word.is_empty() => {
                format!("{}{rest}", self.paint(sgr, word))
            }
            _ => line,
        }
    }

    /// `line` with `word`, which it ends with, painted (else `line` as it is).
    pub(super) fn end(self, line: String, word: &str, sgr: &str) -> String {
        match line.strip_suffix(word) {
            Some(rest) if self == Self::Ansi && !word.is_empty() => {
                format!("{rest}{}", self.paint(sgr, word))
            }
            _ => line,
        }
    }
}

/// The colour of a status word: green for accepted, yellow for drift or partial, bold red for
/// rejected, dim for skipped.
pub(super) fn sgr(status: &str) -> &'static str {
    match status {
        "valid" | "complete" => "32",
        "drift" | "partial" => "33",
        "skipped" => "2",
        _ => "1;31",
    }
}

/// Whether `error:` and `warning:` headings on standard error are coloured (off unless the
/// front end says otherwise).
static STDERR_COLOUR: AtomicBool = AtomicBool::new(false);

/// Sets whether [`error_line`](super::error_line) and [`warning_line`](super::warning_line)
/// colour their headings.
pub fn colour_stderr(colour: Colour) {
    STDERR_COLOUR.store(colour == Colour::Ansi, Ordering::Relaxed);
}

pub(super) fn stderr_colour() -> Colour {
    if STDERR_COLOUR.load(Ordering::Relaxed) {
        Colour::Ansi
    } else {
        Colour::Off
    }
}
