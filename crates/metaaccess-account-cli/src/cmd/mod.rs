//! One module per subcommand.

pub mod completions;
pub mod convert;
pub mod detect;
pub mod diff;
pub mod diff_load;
pub mod fetch;
pub mod schema;
pub mod validate;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use crate::args::ReadArgs;
use crate::output::{self, Shield};

/// With no path and standard input a terminal, a command that reads records would wait
/// silently for typing: instead, a short usage hint on standard error and exit code 2 (`-`
/// still reads a terminal, on purpose).
pub fn waits(command: &str, args: &ReadArgs) -> Option<ExitCode> {
    if !args.paths.is_empty() || !io::stdin().is_terminal() {
        return None;
    }
    output::error_line(
        &Shield::plain(),
        &format!("{command}: no input given, and standard input is a terminal"),
    );
    eprintln!(
        "usage: metaaccess-account {command} [OPTIONS] PATH...   (files, directories, or - to type or paste records)\n       ... | metaaccess-account {command} [OPTIONS]\nFor more, try 'metaaccess-account {command} --help'."
    );
    Some(ExitCode::from(2))
}

/// A subcommand's exit code, or, for an error, the message on standard error and exit code 2.
/// A closed output pipe is such an error: what was not written is lost, so the run never
/// ends with 0.
pub fn finish(result: io::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            output::error_line(
                &Shield::plain(),
                "the output was closed before everything was written (broken pipe)",
            );
            ExitCode::from(2)
        }
        Err(e) => {
            output::error_line(&Shield::plain(), &e.to_string());
            ExitCode::from(2)
        }
    }
}
