//! `metaaccess_account._native`: the capture library (`metaaccess-account-capture`) for Python,
//! the same one the command-line tool calls. Records are read, checked, converted and rendered
//! by it; this module only moves bytes between Python and it. The Python package wraps these
//! functions in typed classes (`python/metaaccess_account/__init__.py`).

use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_capture::convert::{convert_record, Converted, Direction, Options as Convert};
use metaaccess_account_capture::input::{read_reader, InputFormat, Item, Limits, Locator, Record, Sink};
use metaaccess_account_capture::output::{self, Colour, Format, Shield};
use metaaccess_account_capture::check;
use metaaccess_account_validate::{Options, Validator};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

fn version(text: Option<&str>) -> PyResult<Option<ApiVersion>> {
    match text {
        None | Some("auto") => Ok(None),
        Some(t) => t
            .parse::<ApiVersion>()
            .map(Some)
            .map_err(|e| PyValueError::new_err(e.to_string())),
    }
}

fn kind(text: &str) -> PyResult<DocumentKind> {
    match text {
        "response" => Ok(DocumentKind::Response),
        "request" => Ok(DocumentKind::Request),
        other => Err(PyValueError::new_err(format!(
            "kind must be \"response\" or \"request\", not {other:?}"
        ))),
    }
}

fn input_format(text: &str) -> PyResult<InputFormat> {
    match text {
        "auto" => Ok(InputFormat::Auto),
        "json" => Ok(InputFormat::Json),
        "ndjson" => Ok(InputFormat::Ndjson),
        "har" => Ok(InputFormat::Har),
        other => Err(PyValueError::new_err(format!(
            "input_format must be auto, json, ndjson or har, not {other:?}"
        ))),
    }
}

/// What every call reads with: the command-line tool's options and limits.
#[derive(Clone, Copy)]
struct Reading {
    kind: DocumentKind,
    version: Option<ApiVersion>,
    format: InputFormat,
    limits: Limits,
}

fn validator(strict: bool, show_secrets: bool, max_errors: usize, max_depth: usize) -> PyResult<Validator> {
    options(strict, show_secrets, max_errors, max_depth).map(Validator::new)
}

fn options(strict: bool, show_secrets: bool, max_errors: usize, max_depth: usize) -> PyResult<Options> {
    if !(1..=1_000_000).contains(&max_errors) {
        return Err(PyValueError::new_err("max_errors must be between 1 and 1000000"));
    }
    if !(1..=128).contains(&max_depth) {
        return Err(PyValueError::new_err("max_depth must be between 1 and 128"));
    }
    Ok(Options::default()
        .strict(strict)
        .max_errors(max_errors)
        .max_depth(max_depth)
        .show_secrets(show_secrets))
}

fn limits(max_record_bytes: u64, max_har_bytes: u64) -> PyResult<Limits> {
    const MAX: u64 = 4 * 1024 * 1024 * 1024;
    for (name, n) in [("max_record_bytes", max_record_bytes), ("max_har_bytes", max_har_bytes)] {
        if !(1..=MAX).contains(&n) {
            return Err(PyValueError::new_err(format!("{name} must be between 1 and 4 GiB")));
        }
    }
    Ok(Limits {
        max_record_bytes,
        max_har_bytes,
    })
}

/// For the one-document functions (`validate`, `upgrade`, `downgrade`), which promise a
/// `ValueError` naming the limit: refuses input larger than it. The record functions do not:
/// the capture library reads within the limits itself, and its verdict on an oversized record
/// is the command-line tool's.
fn within(data: &[u8], r: &Reading) -> PyResult<()> {
    let limit = match r.format {
        InputFormat::Json => r.limits.max_record_bytes,
        _ => r.limits.max_har_bytes.max(r.limits.max_record_bytes),
    };
    if data.len() as u64 > limit {
        let name = if r.format == InputFormat::Json {
            "max_record_bytes"
        } else {
            "max_har_bytes"
        };
        return Err(PyValueError::new_err(format!(
            "the input is {} bytes, over the limit of {limit} bytes ({name}, the command-line tool's --{}); raise {name} to read it",
            data.len(),
            name.replace('_', "-")
        )));
    }
    Ok(())
}

/// The records of `data`, split by the one reader; unreadable input is an error, and so is
/// input over the limit when `refuse_over_limit` (see [`within`]).
fn records(source: &str, data: &[u8], r: &Reading, refuse_over_limit: bool) -> PyResult<Vec<Record>> {
    if refuse_over_limit {
        within(data, r)?;
    }
    let mut found = Vec::new();
    let mut error = None;
    let mut deliver = |item| {
        match item {
            Item::Record(mut record) => {
                // As the command-line tool places records: HAR entries know their kind (also
                // when `auto` found the HAR), everything else is what `kind` says.
                if !matches!(record.locator, Locator::Entry(..)) {
                    record.kind = r.kind;
                }
                found.push(record)
            }
            Item::Error(e) => error = Some(format!("{}: {}", e.source, e.message)),
        }
        true
    };
    read_reader(source, data, r.format, r.limits, &mut Sink::new(&mut deliver));
    match error {
        Some(e) => Err(PyValueError::new_err(e)),
        None => Ok(found),
    }
}

/// The verdict of every record of `data`, each as the command-line tool's
/// `validate --format json` line (masked the same way). `refuse_over_limit`: raise instead for
/// input over the limit (`validate`'s contract).
#[pyfunction]
#[pyo3(signature = (data, source="-", input_format="auto", api_version=None, kind="response", strict=false, show_secrets=false, max_errors=20, max_depth=64, max_record_bytes=16777216, max_har_bytes=536870912, refuse_over_limit=false))]
#[allow(clippy::too_many_arguments)]
fn check_records(
    py: Python<'_>,
    data: &[u8],
    source: &str,
    input_format: &str,
    api_version: Option<&str>,
    kind: &str,
    strict: bool,
    show_secrets: bool,
    max_errors: usize,
    max_depth: usize,
    max_record_bytes: u64,
    max_har_bytes: u64,
    refuse_over_limit: bool,
) -> PyResult<Vec<String>> {
    let reading = Reading {
        kind: self::kind(kind)?,
        version: version(api_version)?,
        format: self::input_format(input_format)?,
        limits: limits(max_record_bytes, max_har_bytes)?,
    };
    // As `validate` does: valid responses by the typed models alone, the same lines.
    let v = Validator::new(check::verdict_options(options(strict, show_secrets, max_errors, max_depth)?));
    py.detach(|| {
        let mut lines = Vec::new();
        for record in records(source, data, &reading, refuse_over_limit)? {
            let verdict = check::check(&record, &v, reading.version);
            output::write_verdict(&mut lines, Format::Json, true, &record, &verdict, show_secrets)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
        }
        split_lines(lines)
    })
}

/// Which versions accept every record of `data`, each as `detect --format json` writes it.
#[pyfunction]
#[pyo3(signature = (data, source="-", input_format="auto", kind="response", strict=false, show_secrets=false, max_depth=64, max_record_bytes=16777216, max_har_bytes=536870912))]
#[allow(clippy::too_many_arguments)]
fn detect_records(
    py: Python<'_>,
    data: &[u8],
    source: &str,
    input_format: &str,
    kind: &str,
    strict: bool,
    show_secrets: bool,
    max_depth: usize,
    max_record_bytes: u64,
    max_har_bytes: u64,
) -> PyResult<Vec<String>> {
    let reading = Reading {
        kind: self::kind(kind)?,
        version: None,
        format: self::input_format(input_format)?,
        limits: limits(max_record_bytes, max_har_bytes)?,
    };
    let v = validator(strict, show_secrets, 20, max_depth)?;
    py.detach(|| {
        let mut lines = Vec::new();
        for record in records(source, data, &reading, false)? {
            let written = output::write_record_detection(
                &mut lines,
                Format::Json,
                &record,
                &v,
                show_secrets,
                Colour::Off,
            );
            written.map_err(|e| PyValueError::new_err(e.to_string()))?;
        }
        split_lines(lines)
    })
}

/// One conversion: `(document, report, verdict, details)`, each a JSON text or `None`.
/// `document` is the converted document (with its `$conversion` envelope unless `plain`),
/// `report` the line the command line's `--report` writes (rules by name), `verdict` the
/// verdict line of a record that was not converted, `details` the full report (every entry
/// with its sentence).
type RawConversion = (Option<String>, Option<String>, Option<String>, Option<String>);

/// Converts every record of `data` to `to`, as `upgrade`/`downgrade` do: the same documents
/// (envelope included) and the same masked reports. `refuse_over_limit`: raise instead for
/// input over the limit (the one-document `upgrade()`/`downgrade()`'s contract).
#[pyfunction]
#[pyo3(signature = (data, to, direction=None, source="-", input_format="auto", api_version=None, redact=false, plain=false, show_secrets=false, max_record_bytes=16777216, max_har_bytes=536870912, refuse_over_limit=false))]
#[allow(clippy::too_many_arguments)]
fn convert_records(
    py: Python<'_>,
    data: &[u8],
    to: &str,
    direction: Option<&str>,
    source: &str,
    input_format: &str,
    api_version: Option<&str>,
    redact: bool,
    plain: bool,
    show_secrets: bool,
    max_record_bytes: u64,
    max_har_bytes: u64,
    refuse_over_limit: bool,
) -> PyResult<Vec<RawConversion>> {
    let Some(to) = version(Some(to))? else {
        return Err(PyValueError::new_err("a target version is needed"));
    };
    let direction = match direction {
        None => None,
        Some("upgrade") => Some(Direction::Up),
        Some("downgrade") => Some(Direction::Down),
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "direction must be upgrade, downgrade or None, not {other:?}"
            )))
        }
    };
    let reading = Reading {
        kind: DocumentKind::Response,
        version: version(api_version)?,
        format: self::input_format(input_format)?,
        limits: limits(max_record_bytes, max_har_bytes)?,
    };
    let v = validator(false, show_secrets, 20, 64)?;
    let options = Convert {
        to,
        redact,
        plain,
        direction,
    };
    py.detach(|| {
        let mut out = Vec::new();
        for record in records(source, data, &reading, refuse_over_limit)? {
            out.push(match convert_record(&record, &v, reading.version, options) {
                Converted::Done {
                    document,
                    report,
                    secrets,
                    ..
                } => {
                    let shield = Shield::new(secrets, show_secrets);
                    (
                        serde_json::to_string(&document).ok(),
                        Some(output::conversion_report_line(&record, &report, &shield)),
                        None,
                        Some(output::conversion_details_line(&record, &report, &shield)),
                    )
                }
                Converted::Failed(verdict) | Converted::Refused(verdict) => {
                    let mut line = Vec::new();
                    output::write_verdict(&mut line, Format::Json, true, &record, &verdict, show_secrets)
                        .map_err(|e| PyValueError::new_err(e.to_string()))?;
                    (None, None, split_lines(line)?.into_iter().next(), None)
                }
            });
        }
        Ok(out)
    })
}

fn split_lines(bytes: Vec<u8>) -> PyResult<Vec<String>> {
    let text = String::from_utf8(bytes).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(text.lines().map(str::to_owned).collect())
}

/// Every generated schema file, by its path under `schemas/` (`v3.2/openapi.json` ...):
/// compiled into the module, so an installed package serves them with no file of its own.
#[pyfunction]
fn schema_files() -> Vec<(String, String)> {
    metaaccess_account::schema_files()
        .into_iter()
        .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.contents))
        .collect()
}

/// Every published version, oldest first (from the version table).
#[pyfunction]
fn versions() -> Vec<&'static str> {
    ApiVersion::ALL.iter().map(|v| v.as_str()).collect()
}

/// The newest version.
#[pyfunction]
fn latest() -> &'static str {
    ApiVersion::LATEST.as_str()
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_records, m)?)?;
    m.add_function(wrap_pyfunction!(detect_records, m)?)?;
    m.add_function(wrap_pyfunction!(convert_records, m)?)?;
    m.add_function(wrap_pyfunction!(schema_files, m)?)?;
    m.add_function(wrap_pyfunction!(versions, m)?)?;
    m.add_function(wrap_pyfunction!(latest, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
