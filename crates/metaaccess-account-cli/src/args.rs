//! The command line. Version lists in help and parsing come from `ApiVersion::ALL` and its
//! `FromStr`, so a new version needs no change here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_validate::{Options, Validator};

use crate::input::{InputFormat, Limits};
use crate::output::Format;

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
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Check every record against its API version's schema.
    ///
    /// Each record gets one status: valid, invalid, drift (accepted apart from undocumented
    /// fields or enum values) or skipped (HAR entries with a non-2xx status). Exit code: 0 when
    /// no record is invalid, 1 when one is, 2 for a usage or I/O error.
    Validate(ValidateArgs),
    /// For each record, the versions whose schemas accept it and why the others reject it.
    Detect(ReadArgs),
    /// Convert records to a newer version (default: the latest).
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

/// `diff` arguments.
#[derive(Args)]
pub struct DiffArgs {
    /// The old schema: a version or a schema file.
    #[arg(help = version_help("The old schema: a schema file or a version"))]
    pub old: String,
    /// The new schema: a version or a schema file.
    #[arg(help = version_help("The new schema: a schema file or a version"))]
    pub new: String,
    /// With versions: compare the request body schemas instead of the responses.
    #[arg(long)]
    pub request: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
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
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Print secrets (license keys, tokens, cookies ...) in diagnostics instead of masking them.
    #[arg(long)]
    pub show_secrets: bool,
    /// Largest JSON document or NDJSON line to read, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    pub max_record_bytes: u64,
    /// Largest HAR file to read, in bytes (a HAR is parsed whole).
    #[arg(long, default_value_t = 512 * 1024 * 1024)]
    pub max_har_bytes: u64,
    /// At most this many errors are listed per record.
    #[arg(long, default_value_t = 20)]
    pub max_errors: usize,
    /// Deepest nesting of arrays and objects accepted in a record (at most 128).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=128))]
    pub max_depth: u32,
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
    /// Write the conversion reports to this file as NDJSON instead of standard error.
    #[arg(long)]
    pub report: Option<PathBuf>,
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
        Validator::new(
            Options::default()
                .strict(strict)
                .max_errors(self.max_errors)
                .max_depth(self.max_depth as usize)
                .show_secrets(self.show_secrets),
        )
    }
}
