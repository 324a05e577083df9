//! The verdict engine: the schema decides, the model confirms, and they never disagree
//! silently.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use metaaccess_account::{AnyAccountDetails, ApiVersion, DocumentKind, Drift, DriftKind};
use serde_json::Value;

use crate::schemas::{self, Flavor};
use crate::secrets::{describe, Secrets};
use crate::{Options, Problem, Status, Verdict};

/// Longest message kept, in characters (after masking): no message quotes a whole document.
const MAX_MESSAGE: usize = 400;

pub(crate) fn clip(message: String) -> String {
    match message.char_indices().nth(MAX_MESSAGE) {
        Some((cut, _)) => format!("{}…", &message[..cut]),
        None => message,
    }
}

/// What a lenient reading found: the undocumented items, and the model (responses).
struct Lenient {
    drift: Vec<Problem>,
    model: Option<Box<AnyAccountDetails>>,
}

pub(crate) fn check(
    value: &Value,
    kind: DocumentKind,
    version: Option<ApiVersion>,
    opts: &Options,
    secrets: &Secrets,
) -> Verdict {
    match version {
        Some(v) => check_version(value, kind, v, opts, secrets),
        None => detect_and_check(value, kind, opts, secrets),
    }
}

pub(crate) fn check_version(
    value: &Value,
    kind: DocumentKind,
    version: ApiVersion,
    opts: &Options,
    secrets: &Secrets,
) -> Verdict {
    let Some(validator) = schemas::validator(version, kind, Flavor::Published) else {
        let mut v = Verdict::invalid(kind, format!("API {version} has no {} body", kind.as_str()));
        v.api_version = Some(version);
        return v;
    };
    let mut verdict = if validator.is_valid(value) {
        confirm(value, kind, version, secrets)
    } else {
        match lenient(value, kind, version, secrets) {
            Some(l) if !l.drift.is_empty() => drift_verdict(kind, l, opts),
            _ => schema_errors(validator, value, kind, opts, secrets),
        }
    };
    verdict.api_version = Some(version);
    verdict
}

/// The schema accepts the document; the model must read it strictly too.
fn confirm(value: &Value, kind: DocumentKind, version: ApiVersion, secrets: &Secrets) -> Verdict {
    if kind == DocumentKind::Request {
        return Verdict::new(kind, Status::Valid);
    }
    let disagree = |pointer: &str, what: String| {
        let mut v = Verdict::invalid(kind, String::new());
        v.errors = vec![Problem::new(pointer, clip(secrets.mask_or_withhold(&what)))];
        v.note = Some(format!(
            "the {version} schema accepts this document but the {version} model rejects it"
        ));
        v
    };
    match AnyAccountDetails::from_json_value(version, value) {
        Ok(p) => match p.drift.first() {
            None => {
                let mut v = Verdict::new(kind, Status::Valid);
                v.model = Some(Box::new(p.value));
                v
            }
            Some(d) => disagree(&d.pointer, drift_message(d, value, secrets)),
        },
        Err(e) => disagree(e.pointer(), e.to_string()),
    }
}

/// A lenient reading: the opened schema accepts the document and, for responses, the lenient
/// model reads it.
fn lenient(
    value: &Value,
    kind: DocumentKind,
    version: ApiVersion,
    secrets: &Secrets,
) -> Option<Lenient> {
    if !schemas::validator(version, kind, Flavor::Open)?.is_valid(value) {
        return None;
    }
    if kind == DocumentKind::Response {
        let parsed = AnyAccountDetails::from_json_value(version, value).ok()?;
        let drift = parsed
            .drift
            .iter()
            .map(|d| Problem::new(&d.pointer, drift_message(d, value, secrets)))
            .collect();
        return Some(Lenient {
            drift,
            model: Some(Box::new(parsed.value)),
        });
    }
    let strict = schemas::validator(version, kind, Flavor::Published)?;
    let errors: Vec<_> = strict.iter_errors(value).collect();
    let drift = schemas::drift_pointers(&errors)?
        .into_iter()
        .map(|pointer| {
            let message = match value.pointer(&pointer) {
                Some(found) if errors.iter().any(|e| e.instance_path().as_str() == pointer) => {
                    format!("{} is not a documented value", describe(found, secrets))
                }
                _ => "field is not documented for this version".to_owned(),
            };
            Problem::new(pointer, message)
        })
        .collect();
    Some(Lenient { drift, model: None })
}

fn drift_message(d: &Drift, value: &Value, secrets: &Secrets) -> String {
    match &d.kind {
        DriftKind::UnknownField => "field is not documented for this version".to_owned(),
        DriftKind::UnknownEnumValue { expected, .. } => {
            let found = value
                .pointer(&d.pointer)
                .map_or_else(|| "a value".to_owned(), |v| describe(v, secrets));
            format!(
                "{found} is not a documented value; expected one of {}",
                expected.join(", ")
            )
        }
        // A kind of drift added later: said without quoting the value (it may be a secret).
        _ => "not documented for this version".to_owned(),
    }
}

fn drift_verdict(kind: DocumentKind, l: Lenient, opts: &Options) -> Verdict {
    let status = if opts.strict {
        Status::Invalid
    } else {
        Status::Drift
    };
    let mut v = Verdict::new(kind, status);
    v.more_errors = l.drift.len().saturating_sub(opts.max_errors);
    v.errors = l.drift.into_iter().take(opts.max_errors).collect();
    if !opts.strict {
        v.model = l.model;
    }
    v
}

fn schema_errors(
    validator: &jsonschema::Validator,
    value: &Value,
    kind: DocumentKind,
    opts: &Options,
    secrets: &Secrets,
) -> Verdict {
    let mut v = Verdict::new(kind, Status::Invalid);
    for (i, e) in validator.iter_errors(value).enumerate() {
        if i >= opts.max_errors {
            v.more_errors += 1;
            continue;
        }
        let instance_path = e.instance_path().as_str().to_owned();
        v.errors.push(Problem {
            message: clip(schemas::message(&e, secrets)),
            instance_path,
        });
    }
    v
}

fn detect_and_check(
    value: &Value,
    kind: DocumentKind,
    opts: &Options,
    secrets: &Secrets,
) -> Verdict {
    let accepted: Vec<ApiVersion> = schemas::versions_with(kind)
        .filter(|v| {
            schemas::validator(*v, kind, Flavor::Published).is_some_and(|s| s.is_valid(value))
        })
        .collect();
    if let Some((first, rest)) = accepted.split_first() {
        let mut v = check_version(value, kind, *first, opts, secrets);
        v.also_valid_as = rest.to_vec();
        return v;
    }
    // Drift: the version whose lenient reading needs the fewest undocumented items. A field
    // that another version documents is a sign of that version, not drift of this one.
    // One tie rule for every verdict: the oldest of the equally good versions (as for valid
    // documents, where the others are `also_valid_as`); `min_by_key` keeps the first minimum.
    let close: Vec<(ApiVersion, Lenient)> = schemas::versions_with(kind)
        .filter_map(|v| lenient(value, kind, v, secrets).map(|l| (v, l)))
        .filter(|(_, l)| !l.drift.is_empty())
        .filter(|(_, l)| {
            !l.drift
                .iter()
                .any(|d| documented_elsewhere(kind, &d.instance_path))
        })
        .collect();
    let fewest = close.iter().map(|(_, l)| l.drift.len()).min();
    let ties: Vec<ApiVersion> = close
        .iter()
        .filter(|(_, l)| Some(l.drift.len()) == fewest)
        .map(|(v, _)| *v)
        .collect();
    if let Some((version, l)) = close
        .into_iter()
        .find(|(_, l)| Some(l.drift.len()) == fewest)
    {
        let mut v = drift_verdict(kind, l, opts);
        v.api_version = Some(version);
        let others: Vec<String> = ties
            .iter()
            .filter(|t| **t != version)
            .map(ToString::to_string)
            .collect();
        v.note = Some(if others.is_empty() {
            format!("detected as {version}: the closest version, apart from undocumented items")
        } else {
            format!(
                "detected as {version}: the oldest of the closest versions apart from undocumented items (as close: {})",
                others.join(", ")
            )
        });
        return v;
    }
    // Invalid for every version: report against the closest one.
    let closest = schemas::versions_with(kind)
        .filter_map(|v| schemas::validator(v, kind, Flavor::Published).map(|s| (v, s)))
        .min_by_key(|(_, s)| s.iter_errors(value).count());
    let Some((version, validator)) = closest else {
        return Verdict::invalid(kind, format!("no version has a {} body", kind.as_str()));
    };
    let mut v = schema_errors(validator, value, kind, opts, secrets);
    v.note = Some(format!(
        "no version accepts this document; errors are against the closest, {version}"
    ));
    v
}

/// Whether a top-level field is documented by some version's document of this kind.
fn documented_elsewhere(kind: DocumentKind, pointer: &str) -> bool {
    static FIELDS: OnceLock<HashMap<DocumentKind, BTreeSet<String>>> = OnceLock::new();
    let fields = FIELDS.get_or_init(|| {
        let mut map: HashMap<DocumentKind, BTreeSet<String>> = HashMap::new();
        for k in [DocumentKind::Response, DocumentKind::Request] {
            for v in ApiVersion::ALL {
                let names = schemas::schema_of(v, k)
                    .and_then(|s| s.get("properties").and_then(Value::as_object).cloned())
                    .unwrap_or_default();
                map.entry(k).or_default().extend(names.keys().cloned());
            }
        }
        map
    });
    pointer.strip_prefix('/').is_some_and(|name| {
        !name.contains('/') && fields.get(&kind).is_some_and(|f| f.contains(name))
    })
}
