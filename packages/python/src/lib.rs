//! `metaaccess_account._native`: the Rust verdict library (`metaaccess-account-validate`) and
//! converter (`metaaccess-account-convert`) for Python. The Python package wraps these
//! functions in typed classes (`python/metaaccess_account/__init__.py`).

use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_convert::{convert_any, Outcome};
use metaaccess_account_validate::secrets::Secrets;
use metaaccess_account_validate::{Options, Validator, Verdict};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

type RawProblem = (String, String);
/// status, kind, api_version, also_valid_as, errors, more_errors, note
type RawVerdict = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Vec<&'static str>,
    Vec<RawProblem>,
    usize,
    Option<String>,
);

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

fn raw(v: &Verdict) -> RawVerdict {
    (
        v.status.as_str(),
        v.kind.as_str(),
        v.api_version.map(ApiVersion::as_str),
        v.also_valid_as.iter().map(|a| a.as_str()).collect(),
        v.errors
            .iter()
            .map(|p| (p.instance_path.clone(), p.message.clone()))
            .collect(),
        v.more_errors,
        v.note.clone(),
    )
}

fn validator(strict: bool, show_secrets: bool, max_errors: usize, max_depth: usize) -> Validator {
    Validator::new(
        Options::default()
            .strict(strict)
            .max_errors(max_errors)
            .max_depth(max_depth.min(128))
            .show_secrets(show_secrets),
    )
}

/// The CLI's verdict on one JSON document: its input layer calls blank input empty before the
/// verdict library sees it.
fn check(
    v: &Validator,
    document: &[u8],
    kind: DocumentKind,
    version: Option<ApiVersion>,
) -> Verdict {
    if document.iter().all(u8::is_ascii_whitespace) {
        let mut verdict = Verdict::invalid(kind, "empty input: no JSON document");
        verdict.api_version = version;
        return verdict;
    }
    v.validate(document, kind, version)
}

/// Validates one document (bytes of JSON); returns the verdict as a tuple.
#[pyfunction]
#[pyo3(signature = (document, api_version=None, kind="response", strict=false, show_secrets=false, max_errors=20, max_depth=64))]
#[allow(clippy::too_many_arguments)]
fn validate(
    py: Python<'_>,
    document: &[u8],
    api_version: Option<&str>,
    kind: &str,
    strict: bool,
    show_secrets: bool,
    max_errors: usize,
    max_depth: usize,
) -> PyResult<RawVerdict> {
    let version = version(api_version)?;
    let kind = self::kind(kind)?;
    let v = validator(strict, show_secrets, max_errors, max_depth);
    let verdict = py.detach(|| check(&v, document, kind, version));
    Ok(raw(&verdict))
}

/// Converts a response to version `to`: (verdict, converted JSON text or None, report JSON text).
/// The document is converted only when its verdict is valid or drift, as the CLI does.
#[pyfunction]
#[pyo3(signature = (document, to, api_version=None, redact=false, show_secrets=false))]
fn convert(
    py: Python<'_>,
    document: &[u8],
    to: &str,
    api_version: Option<&str>,
    redact: bool,
    show_secrets: bool,
) -> PyResult<(RawVerdict, Option<String>, Option<String>)> {
    let from_arg = version(api_version)?;
    let Some(to) = version(Some(to))? else {
        return Err(PyValueError::new_err("a target version is needed"));
    };
    let v = validator(false, show_secrets, 20, 64);
    let result = py.detach(|| {
        let mut verdict = check(&v, document, DocumentKind::Response, from_arg);
        if !verdict.is_accepted() {
            return (verdict, None, None);
        }
        let (Some(model), Some(from)) = (verdict.model.take(), verdict.api_version) else {
            return (verdict, None, None);
        };
        let conversion = convert_any(model.as_ref(), to);
        let mut converted = conversion.outcome.document();
        if redact {
            let mut secrets = Secrets::default();
            secrets.extend(&verdict.secrets);
            for (name, value) in converted.fields_mut() {
                secrets.redact_field(name, value);
            }
        }
        let (outcome, missing, carried) = match &conversion.outcome {
            Outcome::Complete(_) => ("complete", serde_json::json!([]), serde_json::json!([])),
            Outcome::Partial(p) => (
                "partial",
                serde_json::json!(p.missing()),
                serde_json::json!(p.carried()),
            ),
        };
        let report = serde_json::json!({
            "from": from, "to": to, "outcome": outcome,
            "missing": missing, "carried": carried, "report": conversion.report,
        });
        (
            verdict,
            serde_json::to_string(&converted).ok(),
            serde_json::to_string(&report).ok(),
        )
    });
    let (verdict, converted, report) = result;
    Ok((raw(&verdict), converted, report))
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
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(convert, m)?)?;
    m.add_function(wrap_pyfunction!(versions, m)?)?;
    m.add_function(wrap_pyfunction!(latest, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
