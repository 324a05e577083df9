//! Whether a stream gets colour: `--color`, then `NO_COLOR` and `CLICOLOR_FORCE`, then
//! whether the stream is a terminal. The colour itself is applied by the one renderer
//! ([`crate::output`]), after masking and the last check.

use std::io::IsTerminal;

use crate::args::ColorChoice;
use crate::output::Colour;

/// A stream the tool writes lines to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

impl Stream {
    fn is_terminal(self) -> bool {
        match self {
            Self::Stdout => std::io::stdout().is_terminal(),
            Self::Stderr => std::io::stderr().is_terminal(),
        }
    }
}

/// Whether an environment variable is set to something other than the empty string.
fn set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

/// The decision, given the environment's answers: `--color always|never` wins; with `auto`,
/// `NO_COLOR` (any non-empty value) turns colour off, then `CLICOLOR_FORCE` (non-empty, not
/// `0`) turns it on, then a terminal (not `TERM=dumb`) gets colour.
pub fn decide(
    choice: ColorChoice,
    no_color: bool,
    clicolor_force: bool,
    terminal: bool,
    dumb: bool,
) -> Colour {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && (clicolor_force || (terminal && !dumb)),
    };
    if on {
        Colour::Ansi
    } else {
        Colour::Off
    }
}

/// Whether lines written to `stream` are coloured, for a command in `json` format or not.
pub fn resolve(choice: ColorChoice, stream: Stream, json: bool) -> Colour {
    if json {
        return Colour::Off;
    }
    let force = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    decide(choice, set("NO_COLOR"), force, stream.is_terminal(), dumb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_then_environment_then_terminal() {
        use ColorChoice::{Always, Auto, Never};
        assert_eq!(decide(Always, true, false, false, true), Colour::Ansi);
        assert_eq!(decide(Never, false, true, true, false), Colour::Off);
        assert_eq!(decide(Auto, false, false, true, false), Colour::Ansi);
        assert_eq!(decide(Auto, false, false, false, false), Colour::Off);
        assert_eq!(decide(Auto, true, true, true, false), Colour::Off);
        assert_eq!(decide(Auto, false, true, false, false), Colour::Ansi);
        assert_eq!(decide(Auto, false, false, true, true), Colour::Off);
    }
}
