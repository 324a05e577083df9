//! The command line. Version lists in help and parsing come from `ApiVersion::ALL` and its
//! `FromStr`, so a new version needs no change here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_validate::{Options, Validator};

use crate::input::{InputFormat, Limits};
use crate::output::{Colour, Format};

/// The largest byte limit accepted (4 GiB): a record is held in memory whole.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024 * 1024;

fn parse_max_errors(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=1_000_000).contains(&n) => Ok(n),
        Ok(_) => Err("must be between 1 and 1000000".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// The published versions, as help text writes them: `2.0, 3.0, 3.1, 3.2`.
pub fn version_list() -> String {
    let all: Vec<String> = ApiVersion::ALL.iter().map(ToString::to_string).collect();
    all.join(", ")
}

fn api_version_help() -> String {
    format!(
        "The API version to check against: auto, {}. `auto` takes it from the HAR request URL, else detects it",
        version_list()
    )
}

fn version_help(what: &str) -> String {
    format!("{what} ({})", version_list())
}

#[derive(Parser)]
#[command(name = "metaaccess-account", version, about, long_about = None)]
/// Validate, detect, upgrade and downgrade captured MetaAccess Account Details responses
/// (single JSON documents, NDJSON streams, HAR captures).
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
    /// When to colour statuses and error headings: `auto` (only on a terminal, and not when
    /// NO_COLOR is set; CLICOLOR_FORCE forces it), `always` or `never`. Never in `--format json`.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value = "auto"
    )]
    pub color: ColorChoice,
}

/// `--color`: when statuses and error headings are coloured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// When the stream is a terminal, NO_COLOR is unset or empty (or CLICOLOR_FORCE is set).
    #[default]
    Auto,
    /// Always, whatever the stream and environment.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Check every record against its API version's schema.
    ///
    /// Each record gets one status: valid, invalid, drift (accepted apart from undocumented
    /// fields or enum values) or skipped (a HAR entry with a non-2xx status, or no captured
    /// body). Exit code: 0 when no record is invalid, 1 when one is, 2 for a usage or I/O
    /// error.
    Validate(ValidateArgs),
    /// For each record, the versions whose schemas accept it and why the others reject it.
    Detect(ReadArgs),
    /// Convert records to a newer version (default: the latest).
    ///
    /// Documents go to standard output, one per line. Standard error has a line for each
    /// record that was not converted, then one summary: how many records went from which
    /// version to which (complete or partial), each rule that reported something, by name
    /// (`STEP:KIND:POINTER`) with how many records it applied to and what it does, and the
    /// values left missing or carried. `--report FILE` writes one compact JSON line per
    /// converted record (source, locator, versions, outcome, the rules by name, what is missing
    /// with why, the pointers of carried values); with `--format json` and no `--report`, those
    /// lines go to standard error, and the summary is a JSON line too (`conversion_summary`).
    Upgrade(ConvertArgs),
    /// Convert records to an older version.
    ///
    /// Documents and reports as for upgrade.
    Downgrade(ConvertArgs),
    /// Print the published JSON Schema of a version.
    Schema(SchemaArgs),
    /// Compare two JSON Schemas and list every change, with the compatibility it breaks.
    ///
    /// Verdict: FULL, BACKWARD (the new schema accepts everything the old one did), FORWARD
    /// (the old schema accepts everything the new one does; for responses, this is what keeps
    /// old clients working) or NONE. A break is certain only when a verified document shows
    /// it; otherwise it is marked undecided (and still counted). Each schema is first checked
    /// against its draft's metaschema: an invalid one is an error (exit 2) with the JSON
    /// pointer of its first problem.
    Diff(DiffArgs),
    /// Call the Account Details endpoint and check its answer. The access token comes from
    /// METAACCESS_ACCESS_TOKEN or --token-file, never from an argument. Exit code: 0 valid or
    /// drift, 1 invalid, 2 for a transport, HTTP or usage error.
    Fetch(crate::cmd::fetch::FetchArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) on standard
    /// output. For bash: `source <(metaaccess-account completions bash)`.
    Completions(CompletionsArgs),
}

/// `completions` arguments.
#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `diff` arguments.
#[derive(Args)]
pub struct DiffArgs {
    /// The old schema: a version or a schema file.
    #[arg(help = version_help("The old schema: a schema file or a version"))]
    pub old: String,
    /// The new schema: a version or a schema file.
    #[arg(help = version_help("The new schema: a schema file or a version"))]
    pub new: String,
    /// With versions: compare the request body schemas instead of the responses (refused when
    /// both OLD and NEW are files, where it would do nothing).
    #[arg(long)]
    pub request: bool,
    /// Output format: `human` prints the verdict, then the changes grouped by pointer; `json`
    /// prints one JSON object for the whole comparison (`{"verdict", "certain", "changes":
    /// [...]}`, each change with its pointer, kind, breaks, certain, detail and witness), not
    /// one line per record.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Largest schema file to read, in bytes (1 to 4 GiB); checked while reading, so an
    /// endless device (`/dev/zero`) stops there. Only regular files and character devices
    /// are read: a FIFO, socket or directory is refused.
    #[arg(long, default_value_t = 64 * 1024 * 1024, value_parser = clap::value_parser!(u64).range(1..=MAX_BYTES))]
    pub max_schema_bytes: u64,
    /// Show, under each change, a document that proves it: accepted by one schema and rejected
    /// by the other (verified with a validator; none is shown where none was found).
    #[arg(long)]
    pub explain: bool,
    /// Exit 0 when the change is compatible in this direction, 1 when it is not or when that
    /// could not be established (an unclassified change), 2 for a usage or I/O error. Without
    /// it, the exit code is 0 whatever the verdict (2 for a usage or I/O error).
    #[arg(long, value_enum)]
    pub require: Option<crate::cmd::diff::Require>,
    /// The draft both schemas are read with; `auto` follows each one's `$schema`.
    #[arg(long, value_enum, default_value = "auto")]
    pub draft: crate::cmd::diff::DraftArg,
    /// Read `format` as an annotation (a changed `format` then changes nothing) instead of an
    /// assertion.
    #[arg(long)]
    pub format_annotation: bool,
}

/// Arguments of every command that reads records.
#[derive(Args)]
pub struct ReadArgs {
    /// Files, directories (searched for .json, .ndjson, .jsonl and .har files) or `-` for
    /// standard input (the default).
    pub paths: Vec<String>,
    /// The API version to check against, or auto.
    #[arg(long, default_value = "auto", value_parser = parse_version_arg, help = api_version_help())]
    pub api_version: VersionArg,
    /// What the records are outside HAR captures: account responses, or request bodies.
    /// (In a HAR, each entry's request and response are told apart by the capture.)
    #[arg(long, value_enum, default_value = "response")]
    pub kind: Kind,
    /// How inputs are laid out; `auto` goes by file extension, then by content.
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormat,
    /// Output format. `validate`: one verdict per record, then a summary (see --summary);
    /// `detect`: one detection per record, no summary; `upgrade`/`downgrade`: documents on
    /// standard output either way; their reports on standard error as one summary (human), or
    /// as one compact JSON line per record and a JSON summary (json), or in --report. JSON
    /// records are described in docs/OUTPUT.md.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Print secrets (license keys, tokens, cookies ...) in diagnostics instead of masking them.
    #[arg(long)]
    pub show_secrets: bool,
    /// Largest JSON document or NDJSON line to read, in bytes (1 to 4 GiB).
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_parser = clap::value_parser!(u64).range(1..=MAX_BYTES))]
    pub max_record_bytes: u64,
    /// Largest HAR file to read, in bytes (1 to 4 GiB); also the most skipped in search of the
    /// end of an over-long NDJSON line.
    #[arg(long, default_value_t = 512 * 1024 * 1024, value_parser = clap::value_parser!(u64).range(1..=MAX_BYTES))]
    pub max_har_bytes: u64,
    /// At most this many errors are listed per record (1 to 1000000).
    #[arg(long, default_value_t = 20, value_parser = parse_max_errors)]
    pub max_errors: usize,
    /// Exit 0 whatever the verdicts; exit 2 only when input could not be read (records not
    /// checked). For pipelines (Spark, xargs, GNU parallel), where an invalid record is data,
    /// not a failure.
    #[arg(long)]
    pub exit_zero: bool,
    /// The name to report as `source` for records read from standard input (default `-`).
    #[arg(long, value_name = "NAME")]
    pub source_name: Option<String>,
    /// Added to every NDJSON line number, so that a piece of a larger file reports the line
    /// numbers of the whole file (say, a partition that starts after line N).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub line_offset: u64,
    /// Threads that check records, 1 to 256 (default: one per core). `--jobs 1` checks on one thread
    /// (plus the reader), for runners that start one process per core themselves.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// Deepest nesting of arrays and objects accepted in a record (at most 128).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=128))]
    pub max_depth: u32,
    /// Draw no progress display. (It is drawn on standard error only when that is a terminal
    /// and standard output is not, and only for runs that last over a second.)
    #[arg(short, long)]
    pub quiet: bool,
    /// Whether lines for standard output are coloured (set from `--color`, not an argument).
    #[arg(skip)]
    pub colour_out: Colour,
    /// Whether lines for standard error are coloured (set from `--color`, not an argument).
    #[arg(skip)]
    pub colour_err: Colour,
}

/// `validate` arguments.
#[derive(Args)]
pub struct ValidateArgs {
    /// What to read.
    #[command(flatten)]
    pub read: ReadArgs,
    /// Count drift (undocumented fields or enum values) as invalid.
    #[arg(long)]
    pub strict: bool,
    /// Also list valid records (human format).
    #[arg(short, long)]
    pub verbose: bool,
    /// Where the summary goes: after the verdicts on standard output (the default), on
    /// standard error, or nowhere (`none`: standard output then holds only verdicts).
    #[arg(long, value_enum, default_value = "stdout")]
    pub summary: SummaryTo,
}

/// `upgrade` and `downgrade` arguments.
#[derive(Args)]
pub struct ConvertArgs {
    /// What to read.
    #[command(flatten)]
    pub read: ReadArgs,
    /// The target version (upgrade: default the latest; downgrade: required).
    #[arg(long, value_parser = parse_version, help = version_help("The target version (upgrade: default the latest; downgrade: required)"))]
    pub to: Option<ApiVersion>,
    /// Write one compact report per converted record to this file as NDJSON (the rules that
    /// applied, by name, what is missing with why, the pointers of carried values); standard
    /// error then has the summary only.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Write only the target-shaped document: leave out the `$conversion` member that carries
    /// what the target shape cannot hold (values only the source version can express, members
    /// it does not document, values still missing). The report still lists them; converting
    /// the output back can then lose them.
    #[arg(long)]
    pub plain: bool,
    /// Mask secrets (license keys, tokens ...) in the converted documents, for sharing them.
    /// Without it, converted documents are written as they are: they are the user's data.
    #[arg(long)]
    pub redact: bool,
}

/// `schema` arguments.
#[derive(Args)]
pub struct SchemaArgs {
    /// The API version.
    #[arg(value_parser = parse_version, help = version_help("The API version"))]
    pub version: ApiVersion,
    /// The request body schema (for versions that have one) instead of the response schema.
    #[arg(long)]
    pub request: bool,
    /// Which dialect: Draft 2020-12 (the main contract) or Draft-07 (for tools that speak
    /// nothing newer).
    #[arg(long, value_enum, default_value = "2020-12")]
    pub dialect: DialectArg,
}

/// A JSON Schema dialect the schemas are published in.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DialectArg {
    /// Draft 2020-12.
    #[value(name = "2020-12")]
    Draft2020_12,
    /// Draft-07.
    #[value(name = "draft-07")]
    Draft07,
}

impl From<DialectArg> for metaaccess_account::Dialect {
    fn from(d: DialectArg) -> Self {
        match d {
            DialectArg::Draft2020_12 => Self::Draft2020_12,
            DialectArg::Draft07 => Self::Draft07,
        }
    }
}

/// Where `validate` writes its summary.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryTo {
    /// After the verdicts, on standard output.
    Stdout,
    /// On standard error.
    Stderr,
    /// Nowhere.
    None,
}

/// What records outside HAR captures are.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Account Details responses.
    Response,
    /// Request bodies.
    Request,
}

impl From<Kind> for DocumentKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Response => DocumentKind::Response,
            Kind::Request => DocumentKind::Request,
        }
    }
}

/// `--api-version`: auto, or a version.
#[derive(Clone, Copy, Debug)]
pub enum VersionArg {
    /// From the capture, else detected.
    Auto,
    /// This version.
    Fixed(ApiVersion),
}

/// Parses a version with `ApiVersion`'s `FromStr`.
pub fn parse_version(s: &str) -> Result<ApiVersion, String> {
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
    /// Reading limits.
    pub fn limits(&self) -> Limits {
        Limits {
            max_record_bytes: self.max_record_bytes,
            max_har_bytes: self.max_har_bytes,
        }
    }

    /// The forced version, if any.
    pub fn version(&self) -> Option<ApiVersion> {
        match self.api_version {
            VersionArg::Auto => None,
            VersionArg::Fixed(v) => Some(v),
        }
    }

    /// The verdict library, set up from these arguments.
    pub fn validator(&self, strict: bool) -> Validator {
        Validator::new(self.options(strict))
    }

    /// The verdict library's options from these arguments.
    pub fn options(&self, strict: bool) -> Options {
        Options::default()
            .strict(strict)
            .max_errors(self.max_errors)
            .max_depth(self.max_depth as usize)
            .show_secrets(self.show_secrets)
    }
}
