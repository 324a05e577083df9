//! `completions`: a shell completion script, generated from the command-line definition.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;

use crate::args::{Cli, CompletionsArgs};

/// The binary's name, as completion scripts register it.
pub const BIN: &str = "metaaccess-account";

/// Writes the completion script for `args.shell` to standard output.
pub fn run(args: &CompletionsArgs) -> io::Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), BIN, &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
