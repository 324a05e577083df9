//! The committed schemas as validators (formats on), built once per process, and their
//! errors as safe messages.

use std::collections::HashMap;
use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::ValidationError;
use metaaccess_account::{escape_pointer_token, ApiVersion, DocumentKind};
use serde_json::Value;

use crate::secrets::{describe, is_secret_name, Secrets};

/// A schema as published, or opened: without `additionalProperties: false` and `enum`, so that
/// it accepts what the lenient models read as drift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Flavor {
    Published,
    Open,
}

type Key = (ApiVersion, DocumentKind, Flavor);
type Cache = HashMap<Key, OnceLock<Option<jsonschema::Validator>>>;

/// The published schema of a version and kind, from the facade.
pub(crate) fn schema_of(version: ApiVersion, kind: DocumentKind) -> Option<Value> {
    match kind {
        DocumentKind::Response => Some(metaaccess_account::response_schema(version)),
        DocumentKind::Request => metaaccess_account::request_schema(version),
    }
}

/// The validator of a version's schema; `None` when the version has no such document.
pub(crate) fn validator(
    version: ApiVersion,
    kind: DocumentKind,
    flavor: Flavor,
) -> Option<&'static jsonschema::Validator> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        let mut map = HashMap::new();
        for v in ApiVersion::ALL {
            for k in [DocumentKind::Response, DocumentKind::Request] {
                for f in [Flavor::Published, Flavor::Open] {
                    map.insert((v, k, f), OnceLock::new());
                }
            }
        }
        map
    });
    cache
        .get(&(version, kind, flavor))?
        .get_or_init(|| {
            let mut schema = schema_of(version, kind)?;
            if flavor == Flavor::Open {
                open(&mut schema);
            }
            jsonschema::options()
                .should_validate_formats(true)
                .build(&schema)
                .ok()
        })
        .as_ref()
}

/// The versions that have a document of this kind, oldest first.
pub(crate) fn versions_with(kind: DocumentKind) -> impl DoubleEndedIterator<Item = ApiVersion> {
    ApiVersion::ALL
        .into_iter()
        .filter(move |v| validator(*v, kind, Flavor::Published).is_some())
}

fn open(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.get("additionalProperties") == Some(&Value::Bool(false)) {
                map.remove("additionalProperties");
            }
            map.remove("enum");
            map.values_mut().for_each(open);
        }
        Value::Array(items) => items.iter_mut().for_each(open),
        _ => {}
    }
}

/// A schema error as a message: the offending value is described (type and a short masked
/// prefix), never quoted whole; a value in a secret-named field is not shown at all.
pub(crate) fn message(e: &ValidationError<'_>, secrets: &Secrets) -> String {
    let pointer = e.instance_path().as_str();
    let last = pointer.rsplit('/').next().unwrap_or_default();
    let placeholder = if is_secret_name(last) {
        format!("the value ({})", crate::secrets::REDACTED)
    } else {
        describe(e.instance(), secrets)
    };
    secrets.mask_or_withhold(&e.masked_with(placeholder).to_string())
}

/// If every error is an undocumented field or enum value, their pointers (drift read off the
/// schema, for documents that have no model dispatch).
pub(crate) fn drift_pointers(errors: &[ValidationError<'_>]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for e in errors {
        let at = e.instance_path().as_str();
        match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => out.extend(
                unexpected
                    .iter()
                    .map(|name| format!("{at}/{}", escape_pointer_token(name))),
            ),
            ValidationErrorKind::Enum { .. } => out.push(at.to_owned()),
            _ => return None,
        }
    }
    Some(out)
}
