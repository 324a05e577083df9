//! The library door of the cross-door test (`scripts/doors/run.sh`): what this library gives
//! for one input, as JSON lines, with no logic of its own. Records are read by
//! [`input::read_reader`], checked by [`check::check`], converted by
//! [`convert::convert_record`] and rendered by [`output`], as the command-line tool and the
//! Python package do.
//!
//! ```text
//! cargo run -p metaaccess-account-capture --example door -- \
//!     COMMAND FILE INPUT-FORMAT MAX-RECORD-BYTES MAX-HAR-BYTES [TO]
//! ```
//!
//! COMMAND is `validate` (one verdict line per record, then the summary line), `detect` (one
//! detection line per record), `upgrade` or `downgrade` (one line per record:
//! `{"document": …, "report": …}` when converted, `{"failed": verdict}` when not,
//! `{"refused": verdict}` when the command goes the wrong way), each optionally followed by
//! the tool's options `+strict`, `+redact`, `+plain`, `+show-secrets` (`upgrade+redact`). INPUT-FORMAT is `auto`, `json`,
//! `ndjson` or `har`; FILE is named in every record as it is given.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Duration;

use metaaccess_account::ApiVersion;
use metaaccess_account_capture::check;
use metaaccess_account_capture::convert::{
    convert_record, Converted, Direction, Options as ConvertOptions,
};
use metaaccess_account_capture::input::{read_reader, InputFormat, Item, Limits, Record, Sink};
use metaaccess_account_capture::output::{self, Colour, Format, Shield, Summary};
use metaaccess_account_validate::{Options, Validator};

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("door: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let [command, path, format, max, max_har, rest @ ..] = &args[..] else {
        return Err(
            "usage: door COMMAND FILE INPUT-FORMAT MAX-RECORD-BYTES MAX-HAR-BYTES [TO]".into(),
        );
    };
    let format = match format.as_str() {
        "auto" => InputFormat::Auto,
        "json" => InputFormat::Json,
        "ndjson" => InputFormat::Ndjson,
        "har" => InputFormat::Har,
        other => return Err(format!("unknown input format {other}")),
    };
    let limits = Limits {
        max_record_bytes: max.parse().map_err(|e| format!("{max}: {e}"))?,
        max_har_bytes: max_har.parse().map_err(|e| format!("{max_har}: {e}"))?,
    };
    let to = rest
        .first()
        .map(|v| v.parse::<ApiVersion>().map_err(|e| e.to_string()))
        .transpose()?;
    let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut records = Vec::new();
    let mut deliver = |item| {
        match item {
            Item::Record(r) => records.push(Ok(r)),
            Item::Error(e) => records.push(Err(format!("{}: {}", e.source, e.message))),
        }
        true
    };
    read_reader(path, file, format, limits, &mut Sink::new(&mut deliver));
    let records = records
        .into_iter()
        .collect::<Result<Vec<Record>, String>>()?;
    let mut words = command.split('+');
    let command = words.next().unwrap_or_default();
    let flags: Vec<&str> = words.collect();
    if let Some(unknown) = flags
        .iter()
        .find(|f| !["strict", "redact", "plain", "show-secrets"].contains(f))
    {
        return Err(format!("unknown option +{unknown}"));
    }
    let flag = |name: &str| flags.contains(&name);
    // The tools' defaults (at most 20 errors a record, 64 levels, secrets masked), and --strict.
    let show = flag("show-secrets");
    let validator = Validator::new(Options::default().strict(flag("strict")).show_secrets(show));
    let convert = |out: &mut BufWriter<_>, to, direction| {
        let options = ConvertOptions {
            to,
            redact: flag("redact"),
            plain: flag("plain"),
            direction: Some(direction),
        };
        convert(out, &records, &validator, options, show)
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let written = match command {
        "validate" => validate(&mut out, &records, &validator, show),
        "detect" => detect(&mut out, &records, &validator, show),
        "upgrade" => convert(&mut out, to.unwrap_or(ApiVersion::LATEST), Direction::Up),
        "downgrade" => {
            let to = to.ok_or("downgrade needs TO")?;
            convert(&mut out, to, Direction::Down)
        }
        other => return Err(format!("unknown command {other}")),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())
}

fn validate(
    out: &mut impl Write,
    records: &[Record],
    validator: &Validator,
    show: bool,
) -> io::Result<()> {
    let mut summary = Summary::default();
    for record in records {
        let verdict = check::check(record, validator, None);
        summary.add(verdict.status, check::body_len(record));
        output::write_verdict(out, Format::Json, false, record, &verdict, show)?;
    }
    output::write_summary(out, Format::Json, &summary, Duration::ZERO)
}

fn detect(
    out: &mut impl Write,
    records: &[Record],
    validator: &Validator,
    show: bool,
) -> io::Result<()> {
    for record in records {
        output::write_record_detection(out, Format::Json, record, validator, show, Colour::Off)?;
    }
    Ok(())
}

/// A rendered line without its line break (every line the renderers write is one JSON object).
fn line_of(bytes: Vec<u8>) -> io::Result<String> {
    let text = String::from_utf8(bytes).map_err(io::Error::other)?;
    Ok(text.trim_end_matches('\n').to_owned())
}

fn convert(
    out: &mut impl Write,
    records: &[Record],
    validator: &Validator,
    options: ConvertOptions,
    show: bool,
) -> io::Result<()> {
    for record in records {
        let line = match convert_record(record, validator, None, options) {
            Converted::Done {
                document,
                report,
                secrets,
                ..
            } => {
                let shield = Shield::new(secrets, show);
                let report = output::conversion_report_line(record, &report, &shield);
                // The document as the tools write it (in documented field order).
                let document = serde_json::to_string(&document).map_err(io::Error::other)?;
                format!(r#"{{"document":{document},"report":{report}}}"#)
            }
            Converted::Failed(verdict) => {
                let mut line = Vec::new();
                output::write_verdict(&mut line, Format::Json, true, record, &verdict, show)?;
                format!(r#"{{"failed":{}}}"#, line_of(line)?)
            }
            Converted::Refused(verdict) => {
                let mut line = Vec::new();
                output::write_verdict(&mut line, Format::Json, true, record, &verdict, show)?;
                format!(r#"{{"refused":{}}}"#, line_of(line)?)
            }
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
}
