//! The wire form of converted documents: what lets `upgrade | downgrade` give back the
//! original document through a pipe.
//!
//! A converted document is the target version's document, plus — only when there is something
//! its shape cannot hold — one annotation member, [`ANNOTATION`], written last:
//!
//! ```json
//! {"name": "...", ..., "$conversion": {
//!     "version": "3.2",
//!     "missing": [{"pointer": "/license_key", "bucket": null, "reason": "..."}],
//!     "carried": [{"version": "3.0", "pointer": "/devices_issues", "value": 52, "reason": "..."}],
//!     "unknown": [{"version": "3.1", "pointer": "/x_extra", "value": true, "reason": "..."}]
//! }}
//! ```
//!
//! - `version`: the version the document is written in;
//! - `missing`: values the version requires that the conversion could not supply (the document
//!   leaves them out);
//! - `carried`: source values the target shape cannot hold (`Partial::carried`), restored when
//!   converting back to their version;
//! - `unknown`: members a source version does not document (drift), with that version and
//!   their JSON pointer, that have no place in this document (their parent is not there, or
//!   this version documents their name). Wherever their place exists, undocumented members
//!   stay in the document itself; they are never dropped.
//!
//! Converting reads the annotation back ([`split`], before validation), so a pipe of
//! conversions is faithful, whichever front end runs it: the command-line tool, the Python
//! package and any Rust caller use this one module. What an annotation carries is input like
//! any other: [`split`] checks every carried value's type before the conversion may use it.

use metaaccess_account::{escape_pointer_token, ApiVersion, Count};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{Carried, Missing, OrderedJson};

/// The name of the annotation member.
pub const ANNOTATION: &str = "$conversion";

/// What a converted document carries besides its version's shape.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// The version the document is written in.
    pub version: Option<ApiVersion>,
    /// Required values the conversion could not supply.
    #[serde(default)]
    pub missing: Vec<Missing>,
    /// Source values the version's shape cannot hold.
    #[serde(default)]
    pub carried: Vec<Carried>,
    /// Members a source version does not document.
    #[serde(default)]
    pub unknown: Vec<Carried>,
}

impl Annotation {
    /// Whether there is nothing to carry.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.carried.is_empty() && self.unknown.is_empty()
    }
}

/// Takes the annotation member out of a document, if there is one, and checks it: its shape,
/// and the type of every carried value (only counts are ever carried: a forged string, a
/// negative number or 1e30 is refused here, never written into a converted document). The
/// error names the entry and its pointer, never the value (it may be a secret).
///
/// ```
/// use metaaccess_account_convert::envelope::split;
/// let mut doc = serde_json::json!({"name": "n", "$conversion": {"version": "3.2", "carried": [
///     {"version": "3.0", "pointer": "/devices_issues", "value": -5, "reason": "r"}]}});
/// let err = split(&mut doc).unwrap_err();
/// assert!(err.contains("$conversion/carried/0"), "{err}");
/// assert!(err.contains("/devices_issues") && !err.contains("-5"), "{err}");
/// ```
pub fn split(value: &mut Value) -> Result<Option<Annotation>, String> {
    let Some(member) = value.as_object_mut().and_then(|o| o.remove(ANNOTATION)) else {
        return Ok(None);
    };
    let annotation: Annotation = serde_json::from_value(member)
        .map_err(|e| format!("the {ANNOTATION} member is malformed: {}", shape_error(&e)))?;
    annotation.check()?;
    Ok(Some(annotation))
}

/// A serde error without the value it quotes (`invalid type: string "…"`): a forged
/// annotation may hold a secret.
fn shape_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.split_once(": ") {
        Some((what, _)) if text.starts_with("invalid ") => what.to_owned(),
        _ => text,
    }
}

impl Annotation {
    /// Checks what the annotation carries before it is used: carried values are counts at
    /// pointers into their version's documents.
    pub fn check(&self) -> Result<(), String> {
        for (i, c) in self.carried.iter().enumerate() {
            let at = format!("{ANNOTATION}/carried/{i} ({} of {})", c.pointer, c.version);
            if !c.pointer.starts_with('/') {
                return Err(format!("{at}: the pointer must start with '/'"));
            }
            if serde_json::from_value::<Count>(c.value.clone()).is_err() {
                return Err(format!(
                    "{at}: a carried value must be a count (an integer from 0 to 2^53 - 1), not {}",
                    kind_of(&c.value)
                ));
            }
        }
        for (i, u) in self.unknown.iter().enumerate() {
            if !u.pointer.starts_with('/') {
                return Err(format!(
                    "{ANNOTATION}/unknown/{i} ({}): the pointer must start with '/'",
                    u.pointer
                ));
            }
        }
        for (i, m) in self.missing.iter().enumerate() {
            if !m.pointer.starts_with('/') {
                return Err(format!(
                    "{ANNOTATION}/missing/{i} ({}): the pointer must start with '/'",
                    m.pointer
                ));
            }
        }
        Ok(())
    }
}

/// What a value is, without quoting it.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional or out-of-range number",
        Value::Number(n) if n.is_i64() => "a negative number",
        Value::Number(_) => "a number above 2^53 - 1",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The members of `raw` that `known` (the model's reading of it) does not have, as carried
/// values of `version`.
pub fn unknown_members(raw: &Value, known: &Value, version: ApiVersion) -> Vec<Carried> {
    let mut out = Vec::new();
    walk(raw, known, &mut String::new(), version, &mut out);
    out
}

fn walk(raw: &Value, known: &Value, at: &mut String, version: ApiVersion, out: &mut Vec<Carried>) {
    match (raw, known) {
        (Value::Object(r), Value::Object(k)) => {
            for (key, value) in r {
                let len = at.len();
                at.push('/');
                at.push_str(&escape_pointer_token(key));
                match k.get(key) {
                    Some(kv) => walk(value, kv, at, version, out),
                    None => out.push(Carried::new(
                        version,
                        at.clone(),
                        value.clone(),
                        format!("not documented in {version}"),
                    )),
                }
                at.truncate(len);
            }
        }
        (Value::Array(r), Value::Array(k)) if r.len() == k.len() => {
            for (i, (rv, kv)) in r.iter().zip(k).enumerate() {
                let len = at.len();
                at.push('/');
                at.push_str(&i.to_string());
                walk(rv, kv, at, version, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// The top-level members of `doc` that `version`'s response schema does not list.
pub fn undocumented_top_level(doc: &mut Map<String, Value>, version: ApiVersion) -> Vec<Carried> {
    let schema = metaaccess_account::response_schema(version);
    let documented = schema.get("properties").and_then(Value::as_object);
    let names: Vec<String> = doc
        .keys()
        .filter(|k| !documented.is_some_and(|d| d.contains_key(k.as_str())))
        .cloned()
        .collect();
    names
        .into_iter()
        .filter_map(|name| {
            let value = doc.remove(&name)?;
            Some(Carried::new(
                version,
                format!("/{}", escape_pointer_token(&name)),
                value,
                format!("not documented in {version}"),
            ))
        })
        .collect()
}

/// Names the documents of a version give a meaning to: its top-level fields and the members of
/// its buckets. An undocumented member of another version is never put under one of these.
fn documented(version: ApiVersion, top_level: bool, name: &str) -> bool {
    let schema = metaaccess_account::response_schema(version);
    if top_level {
        return schema
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| p.contains_key(name));
    }
    matches!(name, "status" | "severity" | "number_of_devices")
}

/// Writes an undocumented member `value` at `pointer` in `doc` (of `version`) if its parent is
/// there, the member is not, and `version` does not document its name; gives it back
/// otherwise.
pub fn restore(
    doc: &mut OrderedJson,
    version: ApiVersion,
    pointer: &str,
    value: Value,
) -> Result<(), Value> {
    let tokens: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let Some((first, rest)) = tokens.split_first() else {
        return Err(value);
    };
    let last_name = rest.last().unwrap_or(first);
    if documented(version, rest.is_empty(), last_name) {
        return Err(value);
    }
    if rest.is_empty() {
        if doc.get(first).is_some() {
            return Err(value); // never overwrite a documented value
        }
        doc.insert(first, value);
        return Ok(());
    }
    let Some((_, field)) = doc.fields_mut().find(|(k, _)| k == first) else {
        return Err(value);
    };
    let (last, middle) = rest.split_last().unwrap_or((first, &[]));
    let mut at = field;
    for t in middle {
        let next = match at {
            Value::Object(o) => o.get_mut(t.as_str()),
            Value::Array(a) => t.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            _ => None,
        };
        match next {
            Some(n) => at = n,
            None => return Err(value),
        }
    }
    match at {
        Value::Object(o) if !o.contains_key(last.as_str()) => {
            o.insert(last.clone(), value);
            Ok(())
        }
        _ => Err(value),
    }
}
