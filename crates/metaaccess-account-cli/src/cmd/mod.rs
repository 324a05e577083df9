//! One module per subcommand.

pub mod convert;
pub mod detect;
pub mod diff;
pub mod diff_load;
pub mod fetch;
pub mod schema;
pub mod validate;

use std::io;
use std::process::ExitCode;

use crate::output::{self, Shield};

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
