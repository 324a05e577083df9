//! Checking one record: parse, pick the version, validate, classify.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use metaaccess_account::{
    v3_2, AnyAccountDetails, ApiVersion, Document, DocumentKind, Drift, DriftKind,
};
use serde::Serialize;
use serde_json::Value;

use crate::input::{Body, Record};
use crate::redact::{is_secret_name, Secrets, REDACTED};

/// The verdict on a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The version's schema accepts it.
    Valid,
    /// Rejected: not JSON, wrong types, missing fields, bad values.
    Invalid,
    /// Accepted apart from fields or enum values the version does not document.
    Drift,
    /// Not a document to check (non-2xx HAR entry, body not captured).
    Skipped,
}

/// One problem, located by a JSON pointer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// JSON pointer of the offending value (`""` for the whole document).
    pub instance_path: String,
    /// What is wrong.
    pub message: String,
}

/// Options that shape checking.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// The version to check against; `None` for the record's own claim or detection.
    pub version: Option<ApiVersion>,
    /// Drift counts as invalid.
    pub strict: bool,
    /// At most this many problems per record.
    pub max_errors: usize,
    /// Print secrets as they are.
    pub show_secrets: bool,
    /// Deepest nesting of arrays and objects accepted.
    pub max_depth: usize,
}

/// The outcome of checking a record.
#[derive(Clone, Debug)]
pub struct Checked {
    /// Verdict.
    pub status: Status,
    /// The version it was checked against (the oldest accepting one when detected).
    pub api_version: Option<ApiVersion>,
    /// Other versions whose schemas also accept it.
    pub also_valid_as: Vec<ApiVersion>,
    /// Problems, each with a pointer.
    pub errors: Vec<Problem>,
    /// A remark (why skipped, how the version was chosen).
    pub note: Option<String>,
    /// How many problems were left out by `max_errors`.
    pub more_errors: usize,
}

impl Checked {
    fn new(status: Status) -> Self {
        Self {
            status,
            api_version: None,
            also_valid_as: Vec::new(),
            errors: Vec::new(),
            note: None,
            more_errors: 0,
        }
    }

    fn problem(status: Status, message: String) -> Self {
        let mut c = Self::new(status);
        c.errors.push(Problem {
            instance_path: String::new(),
            message,
        });
        c
    }
}

/// Parses a record's JSON, or says why it is not usable JSON: not JSON at all, too deeply
/// nested, or read differently by different parsers (duplicate keys, `-0`, a byte order mark).
pub fn parse(record: &Record, max_depth: usize) -> Result<Value, Checked> {
    match &record.body {
        Body::Skipped(why) => {
            let mut c = Checked::new(Status::Skipped);
            c.note = Some(why.clone());
            Err(c)
        }
        Body::Broken(why) => Err(Checked::problem(Status::Invalid, why.clone())),
        Body::Json(bytes) => match crate::json::parse(bytes, max_depth) {
            Ok((value, hazards)) if hazards.is_empty() => Ok(value),
            Ok((_, hazards)) => {
                let mut c = Checked::new(Status::Invalid);
                c.note = Some("parsers disagree on this document".into());
                c.errors = hazards
                    .into_iter()
                    .map(|h| Problem {
                        instance_path: h.pointer,
                        message: h.message,
                    })
                    .collect();
                Err(c)
            }
            Err(e) => Err(Checked::problem(Status::Invalid, e.message)),
        },
    }
}

/// Checks one record.
pub fn check(record: &Record, opts: &CheckOptions) -> (Checked, Secrets) {
    let mut secrets = Secrets::default();
    secrets.extend(&record.secrets);
    let value = match parse(record, opts.max_depth) {
        Ok(v) => v,
        Err(mut c) => {
            c.api_version = opts.version.or(record.hint);
            if !opts.show_secrets {
                for p in &mut c.errors {
                    p.message = secrets.scrub(&p.message);
                }
            }
            return (c, secrets);
        }
    };
    let mut checked = check_value(&value, record.kind, record.hint, opts);
    // Only what is printed needs scrubbing: walk the document for secrets only then.
    if !opts.show_secrets && !checked.errors.is_empty() {
        secrets.collect_json(&value);
        for p in &mut checked.errors {
            p.message = secrets.scrub(&p.message);
        }
    }
    (checked, secrets)
}

/// Checks a parsed document: against `opts.version`, else the capture's `hint`, else every
/// version (detection).
pub fn check_value(
    value: &Value,
    kind: DocumentKind,
    hint: Option<ApiVersion>,
    opts: &CheckOptions,
) -> Checked {
    let version = opts.version.or(hint);
    match (kind, version) {
        (DocumentKind::Request, v) => check_version(
            value,
            DocumentKind::Request,
            v.unwrap_or(ApiVersion::V3_2),
            opts,
        ),
        (DocumentKind::Response, Some(v)) => check_version(value, DocumentKind::Response, v, opts),
        (DocumentKind::Response, None) => detect_and_check(value, opts),
    }
}

fn check_version(
    value: &Value,
    kind: DocumentKind,
    version: ApiVersion,
    opts: &CheckOptions,
) -> Checked {
    let Some(validator) = metaaccess_account::validator(version, kind) else {
        let mut c = Checked::problem(
            Status::Invalid,
            format!("API {version} has no {} body", kind.as_str()),
        );
        c.api_version = Some(version);
        return c;
    };
    let mut c = if validator.is_valid(value) {
        Checked::new(Status::Valid)
    } else {
        match lenient_drift(value, kind, version) {
            Some(drift) if !drift.is_empty() => drift_result(&drift, opts),
            _ => schema_errors(validator, value, opts),
        }
    };
    c.api_version = Some(version);
    c
}

/// Undocumented fields and values, if the document is otherwise valid for `version`.
pub fn lenient_drift(value: &Value, kind: DocumentKind, version: ApiVersion) -> Option<Vec<Drift>> {
    match kind {
        DocumentKind::Response => AnyAccountDetails::from_json_value(version, value)
            .ok()
            .map(|p| p.drift),
        DocumentKind::Request => (version == ApiVersion::V3_2)
            .then(|| {
                v3_2::AccountDetailsRequest::from_json_value(value)
                    .ok()
                    .map(|p| p.drift)
            })
            .flatten(),
    }
}

fn drift_result(drift: &[Drift], opts: &CheckOptions) -> Checked {
    let mut c = Checked::new(if opts.strict {
        Status::Invalid
    } else {
        Status::Drift
    });
    c.errors = drift
        .iter()
        .take(opts.max_errors)
        .map(|d| Problem {
            instance_path: d.pointer.clone(),
            message: d
                .to_string()
                .trim_start_matches(&format!("{}: ", d.pointer))
                .to_owned(),
        })
        .collect();
    c.more_errors = drift.len().saturating_sub(opts.max_errors);
    c
}

fn schema_errors(validator: &jsonschema::Validator, value: &Value, opts: &CheckOptions) -> Checked {
    let mut c = Checked::new(Status::Invalid);
    for (i, e) in validator.iter_errors(value).enumerate() {
        if i >= opts.max_errors {
            c.more_errors += 1;
            continue;
        }
        let instance_path = e.instance_path().as_str().to_owned();
        c.errors.push(Problem {
            message: schema_message(&instance_path, &e.to_string()),
            instance_path,
        });
    }
    c
}

/// The schema's message, unless the value sits in a secret field: the schema quotes values.
pub fn schema_message(instance_path: &str, message: &str) -> String {
    let last = instance_path.rsplit('/').next().unwrap_or_default();
    if is_secret_name(last) {
        format!("the value ({REDACTED}) does not match the schema: a string is expected")
    } else {
        message.to_owned()
    }
}

fn detect_and_check(value: &Value, opts: &CheckOptions) -> Checked {
    let accepted: Vec<ApiVersion> = ApiVersion::ALL
        .into_iter()
        .filter(|v| {
            metaaccess_account::validator(*v, DocumentKind::Response)
                .is_some_and(|val| val.is_valid(value))
        })
        .collect();
    if let Some((first, rest)) = accepted.split_first() {
        let mut c = Checked::new(Status::Valid);
        c.api_version = Some(*first);
        c.also_valid_as = rest.to_vec();
        return c;
    }
    // Drift: the version whose lenient reading needs the fewest undocumented items. A field
    // that another version documents is a sign of that version, not drift of this one.
    let best_drift = ApiVersion::ALL
        .into_iter()
        .rev()
        .filter_map(|v| lenient_drift(value, DocumentKind::Response, v).map(|d| (v, d)))
        .filter(|(_, d)| {
            !d.iter()
                .any(|d| d.kind == DriftKind::UnknownField && documented_elsewhere(&d.pointer))
        })
        .min_by_key(|(_, d)| d.len());
    if let Some((version, drift)) = best_drift {
        let mut c = drift_result(&drift, opts);
        c.api_version = Some(version);
        c.note = Some(format!(
            "detected as {version}: the closest version, apart from undocumented items"
        ));
        return c;
    }
    // Invalid for every version: report against the closest one.
    let closest = ApiVersion::ALL
        .into_iter()
        .rev()
        .filter_map(|v| {
            metaaccess_account::validator(v, DocumentKind::Response).map(|val| (v, val))
        })
        .min_by_key(|(_, val)| val.iter_errors(value).count());
    let Some((version, validator)) = closest else {
        return Checked::problem(Status::Invalid, "no schema is available".into());
    };
    let mut c = schema_errors(validator, value, opts);
    c.note = Some(format!(
        "no version accepts this document; errors are against the closest, {version}"
    ));
    c
}

/// Whether a top-level field is documented by some version's response.
fn documented_elsewhere(pointer: &str) -> bool {
    static FIELDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    let fields = FIELDS.get_or_init(|| {
        ApiVersion::ALL
            .into_iter()
            .flat_map(|v| {
                let schema = metaaccess_account::response_schema(v);
                schema["properties"]
                    .as_object()
                    .map(|p| p.keys().cloned().collect::<Vec<_>>())
                    .unwrap_or_default()
            })
            .collect()
    });
    pointer
        .strip_prefix('/')
        .is_some_and(|name| !name.contains('/') && fields.contains(name))
}
