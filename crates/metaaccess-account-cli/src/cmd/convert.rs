//! `upgrade` and `downgrade`: converted documents on standard output (as they are, or masked
//! with `--redact`), conversion reports on standard error or in `--report`. What the verdict
//! library calls valid or drift is converted; if that fails, the record is an error (exit 1),
//! never silently dropped.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use std::path::Path;

use metaaccess_account::ApiVersion;
use metaaccess_account_validate::{Status, Validator};

use crate::args::{version_list, ConvertArgs};
use crate::output::{self, place, Format, Shield};
use crate::pipeline;
use metaaccess_account_capture::output::{conversion_report_line, ConversionTally};
use metaaccess_account_validate::secrets::Secrets;

pub use metaaccess_account_capture::convert::{
    convert_record, convert_verdict, rule_id, rule_text, Converted, Direction, Options, Report,
};

/// Runs `upgrade` (default target: the latest version).
pub fn upgrade(args: &ConvertArgs) -> io::Result<ExitCode> {
    run(args, args.to.unwrap_or(ApiVersion::LATEST), Direction::Up)
}

/// Runs `downgrade` (`--to` is required).
pub fn downgrade(args: &ConvertArgs) -> io::Result<ExitCode> {
    match args.to {
        Some(to) => run(args, to, Direction::Down),
        None => {
            let text = format!("downgrade needs --to VERSION ({})", version_list());
            output::error_line(&Shield::plain(), &text);
            Ok(ExitCode::from(2))
        }
    }
}

/// Whether two paths name the same file.
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Why `--report` may not be written: it is one of the inputs (or standard input), or a
/// directory walk would read it as one. Nothing ever truncates an input.
pub fn report_conflict(report: &Path, paths: &[String]) -> Option<String> {
    let existing = std::fs::metadata(report).ok();
    let canonical = report
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .and_then(|p| p.canonicalize().ok())
        .zip(report.file_name())
        .map(|(dir, name)| dir.join(name));
    let input_like = report
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| crate::input::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
    for arg in crate::input::or_stdin(paths) {
        let input = if arg == "-" {
            std::fs::metadata("/dev/stdin").ok()
        } else {
            std::fs::metadata(arg).ok()
        };
        let Some(input) = input else { continue };
        if existing.as_ref().is_some_and(|r| same_file(r, &input)) {
            return Some(format!(
                "--report {} is the input {arg}; refusing to overwrite an input",
                report.display()
            ));
        }
        if input.is_dir() && input_like {
            let dir = Path::new(arg).canonicalize().ok();
            if let (Some(dir), Some(report)) = (dir, &canonical) {
                if report.starts_with(&dir) {
                    return Some(format!(
                        "--report {} is inside the input directory {arg}, where it would be read as an input; choose another place or extension",
                        report.display()
                    ));
                }
            }
        }
    }
    None
}

fn run(args: &ConvertArgs, to: ApiVersion, direction: Direction) -> io::Result<ExitCode> {
    // The typed fast path reads a valid record without a JSON tree, as `validate` does.
    let validator = Validator::new(args.read.options(false).typed_fast_path(true));
    let version = args.read.version();
    let show = args.read.show_secrets;
    let options = Options {
        to,
        redact: args.redact,
        plain: args.plain,
        direction: Some(direction),
    };
    if let Some(why) = args
        .report
        .as_deref()
        .and_then(|r| report_conflict(r, &args.read.paths))
    {
        output::error_line(&Shield::plain(), &why);
        return Ok(ExitCode::from(2));
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut report_file = match &args.report {
        Some(path) => Some(BufWriter::new(File::create(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display()))
        })?)),
        None => None,
    };
    let mut failures = 0;
    let mut refusals = 0;
    let mut tally = ConversionTally::default();
    let format = args.read.format;
    // The per-record report only when asked: in the file, or on standard error as JSON lines
    // with --format json.
    let report_wanted = report_file.is_some() || format == Format::Json;
    let io_errors = pipeline::run(
        &args.read,
        // Converted, rendered and masked on the worker; the writer only writes.
        |record| match convert_record(record, &validator, version, options) {
            Converted::Done {
                document,
                report,
                secrets,
            } => {
                let document = serde_json::to_string(&document).map_err(io::Error::other);
                let line = report_wanted.then(|| {
                    let shield = Shield::new(secrets.clone(), show);
                    conversion_report_line(record, &report, &shield)
                });
                Rendered::Done {
                    document,
                    line,
                    report,
                    secrets,
                }
            }
            Converted::Refused(v) => {
                // The wrong command for this record: a usage error (exit 2), said as one.
                let shield = output::shield_for(record, Some(&v), show);
                let why = v
                    .errors
                    .first()
                    .map(|p| p.message.as_str())
                    .unwrap_or_default();
                Rendered::Refused(format!("{}: {why}", place(record, &shield)), shield)
            }
            Converted::Failed(v) => {
                let mut text = Vec::new();
                let written = output::write_verdict_coloured(
                    &mut text,
                    format,
                    true,
                    record,
                    &v,
                    show,
                    args.read.colour_err,
                );
                Rendered::Failed(v.status == Status::Invalid, written.map(|()| text))
            }
        },
        |_, rendered| match rendered {
            Rendered::Done {
                document,
                line,
                report,
                secrets,
            } => {
                writeln!(out, "{}", document?)?;
                tally.add(&report, &secrets, show);
                match (line, report_file.as_mut()) {
                    (Some(line), Some(f)) => writeln!(f, "{line}"),
                    (Some(line), None) => writeln!(io::stderr().lock(), "{line}"),
                    (None, _) => Ok(()),
                }
            }
            Rendered::Refused(text, shield) => {
                refusals += 1;
                output::error_line(&shield, &text);
                Ok(())
            }
            Rendered::Failed(invalid, text) => {
                failures += u64::from(invalid);
                io::stderr().lock().write_all(&text?)
            }
        },
    )?;
    out.flush()?;
    if let Some(f) = report_file.as_mut() {
        f.flush()?;
    }
    tally.write(&mut io::stderr().lock(), format)?;
    if refusals > 0 {
        return Ok(ExitCode::from(2));
    }
    Ok(pipeline::exit_code(
        io_errors,
        failures,
        args.read.exit_zero,
    ))
}

/// A record as the worker leaves it for the writer.
enum Rendered {
    /// The document line, the report line if asked for, and what the summary counts.
    Done {
        document: io::Result<String>,
        line: Option<String>,
        report: Box<Report>,
        secrets: Secrets,
    },
    /// Not converted: the command goes the other way (its `error:` text, and the shield).
    Refused(String, Shield),
    /// Not converted: whether the record is invalid, and its verdict, rendered.
    Failed(bool, io::Result<Vec<u8>>),
}
