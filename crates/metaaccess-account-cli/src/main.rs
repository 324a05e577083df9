//! `metaaccess-account`: checks captured OPSWAT MetaAccess Account Details traffic against the
//! published models and schemas, detects versions, and converts between versions.

use std::process::ExitCode;

use clap::Parser;
use metaaccess_account_cli::args::{Cli, Command, ReadArgs};
use metaaccess_account_cli::cmd;
use metaaccess_account_cli::colour::{resolve, Stream};
use metaaccess_account_cli::output::{self, Format};

/// Validation allocates and frees a small JSON tree per record; mimalloc does that markedly
/// faster than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let Cli { mut command, color } = Cli::parse();
    let json = match &command {
        Command::Validate(a) => a.read.format == Format::Json,
        Command::Detect(a) => a.format == Format::Json,
        Command::Upgrade(a) | Command::Downgrade(a) => a.read.format == Format::Json,
        Command::Diff(a) => a.format == Format::Json,
        Command::Fetch(a) => a.format == Format::Json,
        Command::Schema(_) | Command::Completions(_) => false,
    };
    output::colour_stderr(resolve(color, Stream::Stderr, json));
    let colour = |read: &mut ReadArgs| {
        read.colour_out = resolve(color, Stream::Stdout, json);
        read.colour_err = resolve(color, Stream::Stderr, json);
    };
    match &mut command {
        Command::Validate(a) => colour(&mut a.read),
        Command::Detect(a) => colour(a),
        Command::Upgrade(a) | Command::Downgrade(a) => colour(&mut a.read),
        _ => {}
    }
    let result = match command {
        Command::Validate(args) => {
            cmd::waits("validate", &args.read).map_or_else(|| cmd::validate::run(&args), Ok)
        }
        Command::Detect(args) => {
            cmd::waits("detect", &args).map_or_else(|| cmd::detect::run(&args), Ok)
        }
        Command::Upgrade(args) => {
            cmd::waits("upgrade", &args.read).map_or_else(|| cmd::convert::upgrade(&args), Ok)
        }
        Command::Downgrade(args) => {
            cmd::waits("downgrade", &args.read).map_or_else(|| cmd::convert::downgrade(&args), Ok)
        }
        Command::Schema(args) => cmd::schema::run(&args),
        Command::Diff(args) => cmd::diff::run(&args),
        Command::Fetch(args) => cmd::fetch::run(&args),
        Command::Completions(args) => cmd::completions::run(&args),
    };
    cmd::finish(result)
}
