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
    if args.shell == clap_complete::Shell::Bash {
        script = bash_fix(&script);
    }
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// clap_complete 4.6's bash script names the cases of a subcommand's options after the binary
/// name with `-` replaced by `__subcmd__` (`metaaccess__subcmd__account__subcmd__validate`),
/// while the loop that finds the subcommand replaces it by `__`: no subcommand's flags would
/// complete. The cases get the loop's names (a no-op once clap_complete agrees with itself).
fn bash_fix(script: &[u8]) -> Vec<u8> {
    let wrong = format!("{}__subcmd__", BIN.replace('-', "__subcmd__"));
    let right = format!("{}__subcmd__", BIN.replace('-', "__"));
    String::from_utf8_lossy(script)
        .replace(&wrong, &right)
        .into_bytes()
}
