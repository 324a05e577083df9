//! `metaaccess-account`: checks captured OPSWAT MetaAccess Account Details traffic against the
//! published models and schemas, detects versions, and converts between versions.

use std::process::ExitCode;

use clap::Parser;
use metaaccess_account_cli::args::{Cli, Command};
use metaaccess_account_cli::cmd;

/// Validation allocates and frees a small JSON tree per record; mimalloc does that markedly
/// faster than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Validate(args) => cmd::validate::run(&args),
        Command::Detect(args) => cmd::detect::run(&args),
        Command::Upgrade(args) => cmd::convert::upgrade(&args),
        Command::Downgrade(args) => cmd::convert::downgrade(&args),
        Command::Schema(args) => cmd::schema::run(&args),
        Command::Diff(args) => cmd::diff::run(&args),
        Command::Fetch(args) => cmd::fetch::run(&args),
    };
    cmd::finish(result)
}
