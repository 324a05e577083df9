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
use metaaccess_account_capture::output::records::{
    ConversionCount, ConversionOutcome, ConversionSummary, ConversionSummaryRecord, RuleCount,
    ValueCount,
};

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
    let mut tally = Tally::default();
    let format = args.read.format;
    let io_errors = pipeline::run(
        &args.read,
        |record| convert_record(record, &validator, version, options),
        |record, converted| match converted {
            Converted::Done {
                document,
                report,
                secrets,
            } => {
                let text = serde_json::to_string(&document).map_err(io::Error::other)?;
                writeln!(out, "{text}")?;
                let shield = Shield::new(secrets, show);
                tally.add(&report, &shield);
                // The per-record report only when asked: in the file, or on standard error
                // as JSON lines with --format json.
                let line = |r: &Report| output::record_line(record, r.compact(record), &shield);
                match report_file.as_mut() {
                    Some(f) => writeln!(f, "{}", line(&report)),
                    None if format == Format::Json => {
                        writeln!(io::stderr().lock(), "{}", line(&report))
                    }
                    None => Ok(()),
                }
            }
            Converted::Refused(v) => {
                // The wrong command for this record: a usage error (exit 2), said as one.
                refusals += 1;
                let shield = output::shield_for(record, Some(&v), show);
                let why = v
                    .errors
                    .first()
                    .map(|p| p.message.as_str())
                    .unwrap_or_default();
                let text = format!("{}: {why}", place(record, &shield));
                output::error_line(&shield, &text);
                Ok(())
            }
            Converted::Failed(v) => {
                if v.status == Status::Invalid {
                    failures += 1;
                }
                let mut err = io::stderr().lock();
                output::write_verdict_coloured(
                    &mut err,
                    args.read.format,
                    true,
                    record,
                    &v,
                    show,
                    args.read.colour_err,
                )
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

/// What the converted records did, counted: conversions by versions and outcome, rules by
/// name ([`rule_id`]), and what is missing or carried. Written once, after the records, so that
/// the prose about each rule is rendered once, not once per record.
#[derive(Default)]
struct Tally {
    conversions: Vec<((ApiVersion, ApiVersion, &'static str), u64)>,
    /// (step, kind, source pointer, target pointer) of each rule, its count, its text, and
    /// the sentence it gave the first record it applied to (masked with that record's secrets).
    rules: Vec<(RuleKey, u64, String, String)>,
    /// Lines about missing and carried values (masked), and their counts.
    values: Vec<(String, u64)>,
}

type RuleKey = (&'static str, &'static str, Option<String>, Option<String>);

fn bump<K: PartialEq>(list: &mut Vec<(K, u64)>, key: K) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => list.push((key, 1)),
    }
}

/// "1 record", "2 records".
fn records(n: u64) -> String {
    if n == 1 {
        "1 record".into()
    } else {
        format!("{n} records")
    }
}

impl Tally {
    fn add(&mut self, report: &Report, shield: &Shield) {
        bump(
            &mut self.conversions,
            (report.from, report.to, report.outcome()),
        );
        for e in &report.entries {
            let same = |(k, ..): &&mut (RuleKey, u64, String, String)| {
                k.0 == e.step
                    && k.1 == e.kind.name()
                    && k.2 == e.source_pointer
                    && k.3 == e.target_pointer
            };
            match self.rules.iter_mut().find(same) {
                Some((_, n, ..)) => *n += 1,
                None => {
                    let key = (
                        e.step,
                        e.kind.name(),
                        e.source_pointer.clone(),
                        e.target_pointer.clone(),
                    );
                    self.rules
                        .push((key, 1, rule_text(e), shield.text(&e.detail)));
                }
            }
        }
        // Values are left out (they differ by record); pointers and reasons are counted. What
        // a document did not document (`unknown`) is its own text: masked with its secrets.
        for m in &report.missing {
            bump(
                &mut self.values,
                output::escape(&format!("missing {m}")).into_owned(),
            );
        }
        for c in &report.carried {
            let line = format!("carried {} {} ({})", c.version, c.pointer, c.reason);
            bump(&mut self.values, output::escape(&line).into_owned());
        }
        for u in &report.unknown {
            let line = format!("carried {} {}: {}", u.version, u.pointer, u.reason);
            bump(&mut self.values, shield.text(&line));
        }
    }

    fn write(&self, out: &mut impl Write, format: Format) -> io::Result<()> {
        if self.conversions.is_empty() {
            return Ok(());
        }
        let rule_id = |k: &RuleKey| {
            let pointer = k.3.as_deref().or(k.2.as_deref()).unwrap_or("");
            format!("{}:{}:{pointer}", k.0, k.1)
        };
        if format == Format::Json {
            let record = ConversionSummaryRecord {
                conversion_summary: ConversionSummary {
                    conversions: self
                        .conversions
                        .iter()
                        .map(|((from, to, outcome), n)| ConversionCount {
                            from: *from,
                            to: *to,
                            outcome: if *outcome == "complete" {
                                ConversionOutcome::Complete
                            } else {
                                ConversionOutcome::Partial
                            },
                            records: *n,
                        })
                        .collect(),
                    rules: self
                        .rules
                        .iter()
                        .map(|(k, n, text, example)| RuleCount {
                            rule: rule_id(k),
                            records: *n,
                            text: text.clone(),
                            example: example.clone(),
                        })
                        .collect(),
                    values: self
                        .values
                        .iter()
                        .map(|(text, n)| ValueCount {
                            text: text.clone(),
                            records: *n,
                        })
                        .collect(),
                },
            };
            let line = serde_json::to_string(&record).map_err(io::Error::other)?;
            return writeln!(out, "{line}");
        }
        let total: u64 = self.conversions.iter().map(|(_, n)| n).sum();
        writeln!(out, "converted {}:", records(total))?;
        for ((from, to, outcome), n) in &self.conversions {
            writeln!(out, "  {from} -> {to}: {outcome}, {}", records(*n))?;
        }
        if !self.rules.is_empty() {
            writeln!(out, "rules applied (records, rule):")?;
            for (k, n, text, example) in &self.rules {
                writeln!(out, "  {n:>8}  {}", rule_id(k))?;
                writeln!(out, "            {text}")?;
                writeln!(out, "            first record: {example}")?;
            }
        }
        if !self.values.is_empty() {
            writeln!(out, "missing and carried values (records, value):")?;
            for (text, n) in &self.values {
                writeln!(out, "  {n:>8}  {text}")?;
            }
        }
        Ok(())
    }
}
