//! `metaaccess-account`: checks captured OPSWAT MetaAccess Account Details traffic against the
//! published models and schemas, detects versions, and converts between versions.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use metaaccess_account::{AnyAccountDetails, ApiVersion, DocumentKind};
use metaaccess_account_convert::{convert_any, detect, Outcome};
use rayon::prelude::*;
use serde_json::{json, Value};

use metaaccess_account_cli::check::{self, CheckOptions, Status};
use metaaccess_account_cli::input::{self, InputFormat, Item, Limits, Record};
use metaaccess_account_cli::output::{self, place, Format, Summary};
use metaaccess_account_cli::redact::{redact_json, Secrets};

/// Validation allocates and frees a small JSON tree per record; mimalloc does that markedly
/// faster than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "metaaccess-account", version, about, long_about = None)]
/// Validate, detect, upgrade and downgrade captured MetaAccess Account Details responses
/// (single JSON documents, NDJSON streams, HAR captures).
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every record against its API version's schema.
    ///
    /// Each record gets one status: valid, invalid, drift (accepted apart from undocumented
    /// fields or enum values) or skipped (HAR entries with a non-2xx status). Exit code: 0 when
    /// no record is invalid, 1 when one is, 2 for a usage or I/O error.
    Validate(ValidateArgs),
    /// For each record, the versions whose schemas accept it and why the others reject it.
    Detect(ReadArgs),
    /// Convert records to a newer version (default: the latest, 3.2).
    Upgrade(ConvertArgs),
    /// Convert records to an older version.
    Downgrade(ConvertArgs),
    /// Print the published JSON Schema of a version.
    Schema(SchemaArgs),
    /// Compare two JSON Schemas and list every change, with the compatibility it breaks.
    ///
    /// Verdict: FULL, BACKWARD (the new schema accepts everything the old one did), FORWARD
    /// (the old schema accepts everything the new one does; for responses, this is what keeps
    /// old clients working) or NONE.
    Diff(DiffArgs),
}

#[derive(Args)]
struct DiffArgs {
    /// The old schema: a version (2.0, 3.0, 3.1, 3.2) or a schema file.
    old: String,
    /// The new schema: a version or a schema file.
    new: String,
    /// With versions: compare the request body schemas instead of the responses.
    #[arg(long)]
    request: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Args)]
struct ReadArgs {
    /// Files, directories (searched for .json, .ndjson, .jsonl and .har files) or `-` for
    /// standard input (the default).
    paths: Vec<String>,
    /// The API version to check against; `auto` takes it from the HAR request URL, else
    /// detects it.
    #[arg(long, default_value = "auto", value_parser = parse_version_arg)]
    api_version: VersionArg,
    /// What the records are outside HAR captures: account responses, or 3.2 request bodies.
    /// (In a HAR, each entry's request and response are told apart by the capture.)
    #[arg(long, value_enum, default_value = "response")]
    kind: Kind,
    /// How inputs are laid out; `auto` goes by file extension, then by content.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Print license keys and access tokens instead of redacting them.
    #[arg(long)]
    show_secrets: bool,
    /// Largest JSON document or NDJSON line to read, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    max_record_bytes: u64,
    /// Largest HAR file to read, in bytes (a HAR is parsed whole).
    #[arg(long, default_value_t = 512 * 1024 * 1024)]
    max_har_bytes: u64,
    /// At most this many errors are listed per record.
    #[arg(long, default_value_t = 20)]
    max_errors: usize,
    /// Deepest nesting of arrays and objects accepted in a record (at most 128).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=128))]
    max_depth: u32,
}

#[derive(Args)]
struct ValidateArgs {
    #[command(flatten)]
    read: ReadArgs,
    /// Count drift (undocumented fields or enum values) as invalid.
    #[arg(long)]
    strict: bool,
    /// Also list valid records (human format).
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Args)]
struct ConvertArgs {
    #[command(flatten)]
    read: ReadArgs,
    /// The target version (upgrade: default 3.2; downgrade: required).
    #[arg(long, value_parser = parse_version)]
    to: Option<ApiVersion>,
    /// Write the conversion reports to this file as NDJSON instead of standard error.
    #[arg(long)]
    report: Option<PathBuf>,
}

#[derive(Args)]
struct SchemaArgs {
    /// The API version: 2.0, 3.0, 3.1 or 3.2.
    #[arg(value_parser = parse_version)]
    version: ApiVersion,
    /// The request body schema (3.2 only) instead of the response schema.
    #[arg(long)]
    request: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    /// Account Details responses.
    Response,
    /// Request bodies (API 3.2).
    Request,
}

#[derive(Clone, Copy)]
enum VersionArg {
    Auto,
    Fixed(ApiVersion),
}

fn parse_version(s: &str) -> Result<ApiVersion, String> {
    s.parse()
        .map_err(|e: metaaccess_account::UnknownVersion| e.to_string())
}

fn parse_version_arg(s: &str) -> Result<VersionArg, String> {
    if s.eq_ignore_ascii_case("auto") {
        Ok(VersionArg::Auto)
    } else {
        parse_version(s).map(VersionArg::Fixed)
    }
}

impl ReadArgs {
    fn limits(&self) -> Limits {
        Limits {
            max_record_bytes: self.max_record_bytes,
            max_har_bytes: self.max_har_bytes,
        }
    }

    fn version(&self) -> Option<ApiVersion> {
        match self.api_version {
            VersionArg::Auto => None,
            VersionArg::Fixed(v) => Some(v),
        }
    }

    fn check_options(&self, strict: bool) -> CheckOptions {
        CheckOptions {
            version: self.version(),
            strict,
            max_errors: self.max_errors.max(1),
            show_secrets: self.show_secrets,
            max_depth: self.max_depth as usize,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => validate(&args),
        Command::Detect(args) => detect_cmd(&args),
        Command::Upgrade(args) => {
            let to = args.to.unwrap_or(ApiVersion::LATEST);
            convert_cmd(&args, to)
        }
        Command::Downgrade(args) => match args.to {
            Some(to) => convert_cmd(&args, to),
            None => {
                eprintln!("error: downgrade needs --to VERSION (2.0, 3.0, 3.1 or 3.2)");
                return ExitCode::from(2);
            }
        },
        Command::Schema(args) => schema_cmd(&args),
        Command::Diff(args) => diff_cmd(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Records are read in order, checked in parallel in batches, and written in input order.
const BATCH: usize = 4096;

fn progress() -> ProgressBar {
    let target = if io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {human_pos} records, {per_sec} [{elapsed}]")
    {
        bar.set_style(style);
    }
    bar
}

/// Reads every record on a reader thread, runs `process` on each batch in parallel, and
/// `emit`s the results in input order; reading the next batch overlaps processing this one.
/// Returns how many paths could not be read.
fn pipeline<R: Send>(
    args: &ReadArgs,
    process: impl Fn(&Record) -> R + Sync,
    mut emit: impl FnMut(&Record, R) -> io::Result<()>,
) -> io::Result<u64> {
    let bar = progress();
    let kind = match args.kind {
        Kind::Response => DocumentKind::Response,
        Kind::Request => DocumentKind::Request,
    };
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let mut deliver = |mut item: Item| {
                // HAR records know their kind; everything else is what --kind says.
                if let Item::Record(r) = &mut item {
                    if !matches!(r.locator, input::Locator::Entry(..)) {
                        r.kind = kind;
                    }
                }
                batch.push(item);
                if batch.len() < BATCH {
                    return true;
                }
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                tx.send(full).is_ok()
            };
            input::read(
                &args.paths,
                args.input_format,
                args.limits(),
                &mut input::Sink::new(&mut deliver),
            );
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
        });
        let mut io_errors = 0;
        for items in rx {
            let records: Vec<&Record> = items
                .iter()
                .filter_map(|i| match i {
                    Item::Record(r) => Some(r),
                    Item::Error(_) => None,
                })
                .collect();
            let mut results = records
                .par_iter()
                .map(|r| process(r))
                .collect::<Vec<R>>()
                .into_iter();
            for item in &items {
                match item {
                    Item::Record(record) => {
                        if let Some(r) = results.next() {
                            emit(record, r)?;
                        }
                    }
                    Item::Error(e) => {
                        io_errors += 1;
                        eprintln!("error: cannot read {}: {}", e.source, e.message);
                    }
                }
            }
            bar.inc(records.len() as u64);
        }
        bar.finish_and_clear();
        Ok(io_errors)
    })
}

fn exit_code(io_errors: u64, failures: u64) -> ExitCode {
    if io_errors > 0 {
        ExitCode::from(2)
    } else if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn body_len(r: &Record) -> usize {
    match &r.body {
        input::Body::Json(b) => b.len(),
        _ => 0,
    }
}

fn validate(args: &ValidateArgs) -> io::Result<ExitCode> {
    let start = Instant::now();
    let opts = args.read.check_options(args.strict);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let format = args.read.format;
    let io_errors = pipeline(
        &args.read,
        |record| check::check(record, &opts).0,
        |record, checked| {
            summary.add(checked.status, body_len(record));
            output::write_record(&mut out, format, args.verbose, record, &checked)
        },
    )?;
    summary.io_errors = io_errors;
    output::write_summary(&mut out, format, &summary, start.elapsed())?;
    out.flush()?;
    Ok(exit_code(io_errors, summary.invalid))
}

fn detect_cmd(args: &ReadArgs) -> io::Result<ExitCode> {
    let opts = args.check_options(false);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut unmatched = 0;
    let io_errors = pipeline(
        args,
        |record| {
            let value = check::parse(record, opts.max_depth);
            let mut secrets = Secrets::default();
            secrets.extend(&record.secrets);
            match value {
                Ok(v) => {
                    secrets.collect_json(&v);
                    Ok((detect(&v), secrets))
                }
                Err(c) => Err((c, secrets)),
            }
        },
        |record, result| {
            let scrub = |s: &Secrets, text: String| {
                if opts.show_secrets {
                    text
                } else {
                    s.scrub(&text)
                }
            };
            match result {
                Ok((d, secrets)) => {
                    if d.is_none() {
                        unmatched += 1;
                    }
                    match args.format {
                        Format::Json => {
                            let rejected: Vec<Value> = d
                                .rejected
                                .iter()
                                .map(|r| json!({"version": r.version, "instance_path": r.pointer, "message": scrub(&secrets, r.message.clone())}))
                                .collect();
                            let outcome = match d.accepted.len() {
                                0 => "none",
                                1 => "one",
                                _ => "several",
                            };
                            writeln!(
                                out,
                                "{}",
                                json!({"source": &*record.source, "locator": record.locator.to_string(), "kind": record.kind.as_str(),
                                       "outcome": outcome, "accepted": d.accepted, "rejected": rejected})
                            )
                        }
                        Format::Human => {
                            let accepted: Vec<String> =
                                d.accepted.iter().map(ToString::to_string).collect();
                            let verdict = if accepted.is_empty() {
                                "no version".to_owned()
                            } else {
                                accepted.join(", ")
                            };
                            writeln!(out, "{}: {verdict}", place(record))?;
                            for r in &d.rejected {
                                let at = if r.pointer.is_empty() {
                                    "(document)"
                                } else {
                                    &r.pointer
                                };
                                writeln!(
                                    out,
                                    "    {} rejects {at}: {}",
                                    r.version,
                                    scrub(&secrets, r.message.clone())
                                )?;
                            }
                            Ok(())
                        }
                    }
                }
                Err((c, _)) => {
                    if c.status == Status::Invalid {
                        unmatched += 1;
                    }
                    output::write_record(&mut out, args.format, true, record, &c)
                }
            }
        },
    )?;
    out.flush()?;
    Ok(exit_code(io_errors, unmatched))
}

/// What converting one record produced.
enum Converted {
    Done {
        document: Value,
        report: Value,
        human: String,
    },
    Failed(check::Checked),
}

fn convert_record(record: &Record, opts: &CheckOptions, to: ApiVersion) -> Converted {
    let value = match check::parse(record, opts.max_depth) {
        Ok(v) => v,
        Err(c) => return Converted::Failed(c),
    };
    if record.kind == DocumentKind::Request {
        let mut c = check::check_value(&value, record.kind, record.hint, opts);
        c.status = Status::Skipped;
        c.note = Some("request bodies are not converted".into());
        c.errors.clear();
        return Converted::Failed(c);
    }
    let checked = check::check_value(&value, record.kind, record.hint, opts);
    let (Some(from), Status::Valid | Status::Drift) = (checked.api_version, checked.status) else {
        return Converted::Failed(checked);
    };
    let Ok(parsed) = AnyAccountDetails::from_json_value(from, &value) else {
        return Converted::Failed(checked);
    };
    let mut secrets = Secrets::default();
    secrets.extend(&record.secrets);
    secrets.collect_json(&value);
    let conversion = convert_any(&parsed.value, to);
    let mut document = conversion.outcome.to_json_value();
    let (outcome, missing, carried) = match &conversion.outcome {
        Outcome::Complete(_) => ("complete", json!([]), json!([])),
        Outcome::Partial(p) => ("partial", json!(p.missing()), json!(p.carried())),
    };
    let mut human = format!("{}: {from} -> {to}: {outcome}\n", place(record));
    for e in &conversion.report.entries {
        human.push_str(&format!("    {e}\n"));
    }
    if let Outcome::Partial(p) = &conversion.outcome {
        for m in p.missing() {
            human.push_str(&format!("    missing {m}\n"));
        }
    }
    let mut report = json!({
        "source": &*record.source, "locator": record.locator.to_string(),
        "from": from, "to": to, "outcome": outcome,
        "missing": missing, "carried": carried, "report": conversion.report,
    });
    if !opts.show_secrets {
        redact_json(&mut document);
        human = secrets.scrub(&human);
        report = serde_json::from_str(&secrets.scrub(&report.to_string())).unwrap_or(report);
    }
    Converted::Done {
        document,
        report,
        human,
    }
}

fn convert_cmd(args: &ConvertArgs, to: ApiVersion) -> io::Result<ExitCode> {
    let opts = args.read.check_options(false);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut report_file = match &args.report {
        Some(path) => Some(BufWriter::new(File::create(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display()))
        })?)),
        None => None,
    };
    let stderr = io::stderr();
    let mut failures = 0;
    let io_errors = pipeline(
        &args.read,
        |record| convert_record(record, &opts, to),
        |record, converted| match converted {
            Converted::Done {
                document,
                report,
                human,
                ..
            } => {
                writeln!(out, "{document}")?;
                match report_file.as_mut() {
                    Some(f) => writeln!(f, "{report}"),
                    None => stderr.lock().write_all(human.as_bytes()),
                }
            }
            Converted::Failed(c) => {
                if c.status == Status::Invalid {
                    failures += 1;
                }
                let mut err = stderr.lock();
                output::write_record(&mut err, Format::Human, true, record, &c)
            }
        },
    )?;
    out.flush()?;
    if let Some(f) = report_file.as_mut() {
        f.flush()?;
    }
    Ok(exit_code(io_errors, failures))
}

fn schema_cmd(args: &SchemaArgs) -> io::Result<ExitCode> {
    let kind = if args.request {
        DocumentKind::Request
    } else {
        DocumentKind::Response
    };
    let wanted = PathBuf::from(args.version.dir_name())
        .join(metaaccess_account::schema::schema_file_name(kind));
    match metaaccess_account::schema_files()
        .into_iter()
        .find(|f| f.path == wanted)
    {
        Some(f) => {
            io::stdout().write_all(f.contents.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!(
                "error: API {} has no {} body, so it has no {} schema",
                args.version,
                kind.as_str(),
                kind.as_str()
            );
            Ok(ExitCode::from(2))
        }
    }
}

fn load_schema(arg: &str, request: bool) -> Result<Value, String> {
    if let Ok(version) = arg.parse::<ApiVersion>() {
        return if request {
            metaaccess_account::request_schema(version).ok_or_else(|| {
                format!("API {version} has no request body, so it has no request schema")
            })
        } else {
            Ok(metaaccess_account::response_schema(version))
        };
    }
    let text = std::fs::read_to_string(arg).map_err(|e| format!("cannot read {arg}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{arg} is not JSON: {e}"))
}

fn diff_cmd(args: &DiffArgs) -> io::Result<ExitCode> {
    let (old, new) = match (
        load_schema(&args.old, args.request),
        load_schema(&args.new, args.request),
    ) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let report = metaaccess_account_compat::diff(&old, &new);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&report).unwrap_or_default()
        )?,
        Format::Human => {
            let certainty = if report.certain {
                ""
            } else {
                " (some changes could not be classified; counted as breaking both ways)"
            };
            writeln!(
                out,
                "{} -> {}: {}{certainty}",
                args.old, args.new, report.verdict
            )?;
            for c in &report.changes {
                let breaks = serde_json::to_value(c.breaks)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let at = if c.pointer.is_empty() {
                    "/"
                } else {
                    &c.pointer
                };
                writeln!(out, "    {at}: {} [breaks: {breaks}]", c.detail)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
