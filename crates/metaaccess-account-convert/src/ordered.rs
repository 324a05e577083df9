//! A converted document as JSON, in its version's documented order.
//!
//! `serde_json::Value` objects sort their keys (unless the final build enables serde_json's
//! `preserve_order`), so a converted document is kept as an ordered list of fields instead:
//! serializing it writes fields, and each bucket's members, in the order the models declare
//! them.

use std::fmt;
use std::ops::Index;

use metaaccess_account::ApiVersion;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::change::Array;
use crate::shape::{layout, COUNT};

/// A converted document as JSON, its fields in the target version's documented order (the
/// models' declaration order) and each bucket's key before its count.
///
/// Serialize it (or `Display` it, `{:#}` for pretty) to get that order; [`OrderedJson::get`] and
/// indexing read fields; [`OrderedJson::into_value`] gives a `serde_json::Value`, whose object
/// keys follow serde_json's own order. `Debug` hides the license key; serializing does not: the
/// document is the user's data.
#[derive(Clone, PartialEq)]
pub struct OrderedJson {
    fields: Vec<(String, Value)>,
    arrays: &'static [(Array, Vec<&'static str>)],
}

impl OrderedJson {
    /// Orders `doc` as `version` documents it (fields it does not know go last).
    pub(crate) fn new(version: ApiVersion, doc: Map<String, Value>) -> Self {
        let order = layout(version);
        let mut fields: Vec<(String, Value)> = doc.into_iter().collect();
        fields.sort_by_key(|(k, _)| order.field_rank(k));
        Self {
            fields,
            arrays: &order.arrays,
        }
    }

    /// A field's value.
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| k == field).map(|(_, v)| v)
    }

    /// The field names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|(k, _)| k.as_str())
    }

    /// Each field's name and value, in order, for changing values in place (say, to mask
    /// secrets before sharing the document).
    pub fn fields_mut(&mut self) -> impl Iterator<Item = (&str, &mut Value)> {
        self.fields.iter_mut().map(|(k, v)| (k.as_str(), v))
    }

    /// Adds a field after the others (or replaces the value of one already there), for fields
    /// the version does not document, such as an annotation member.
    pub fn insert(&mut self, field: &str, value: Value) {
        match self.fields.iter_mut().find(|(k, _)| k == field) {
            Some((_, v)) => *v = value,
            None => self.fields.push((field.to_owned(), value)),
        }
    }

    /// Removes a field, returning its value.
    pub fn remove(&mut self, field: &str) -> Option<Value> {
        let at = self.fields.iter().position(|(k, _)| k == field)?;
        Some(self.fields.remove(at).1)
    }

    /// The document as a `serde_json::Value`.
    pub fn into_value(self) -> Value {
        Value::Object(self.fields.into_iter().collect())
    }

    fn bucket_key(&self, field: &str) -> Option<&'static str> {
        self.arrays
            .iter()
            .find(|(a, _)| a.name == field)
            .map(|(a, _)| a.key)
    }
}

impl From<OrderedJson> for Value {
    fn from(doc: OrderedJson) -> Self {
        doc.into_value()
    }
}

impl Index<&str> for OrderedJson {
    type Output = Value;

    /// The field's value, or `null` when absent (as `serde_json::Value` indexing does).
    fn index(&self, field: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(field).unwrap_or(&NULL)
    }
}

impl PartialEq<Value> for OrderedJson {
    fn eq(&self, other: &Value) -> bool {
        other.as_object().is_some_and(|o| {
            o.len() == self.fields.len() && self.fields.iter().all(|(k, v)| o.get(k) == Some(v))
        })
    }
}

impl Serialize for OrderedJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.fields.len()))?;
        for (k, v) in &self.fields {
            match (self.bucket_key(k), v) {
                (Some(key), Value::Array(items)) => {
                    map.serialize_entry(k, &Buckets { key, items })?
                }
                _ => map.serialize_entry(k, v)?,
            }
        }
        map.end()
    }
}

/// A bucket array, each bucket's key first and its count next.
struct Buckets<'a> {
    key: &'static str,
    items: &'a [Value],
}

impl Serialize for Buckets<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.items.len()))?;
        for item in self.items {
            match item {
                Value::Object(b) => seq.serialize_element(&Bucket { key: self.key, b })?,
                other => seq.serialize_element(other)?,
            }
        }
        seq.end()
    }
}

struct Bucket<'a> {
    key: &'static str,
    b: &'a Map<String, Value>,
}

impl Serialize for Bucket<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let first = [self.key, COUNT];
        let mut map = serializer.serialize_map(Some(self.b.len()))?;
        for (k, v) in first.iter().filter_map(|k| self.b.get(*k).map(|v| (k, v))) {
            map.serialize_entry(k, v)?;
        }
        for (k, v) in self.b.iter().filter(|(k, _)| !first.contains(&k.as_str())) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl fmt::Display for OrderedJson {
    /// Compact JSON; `{:#}` pretty-prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = if f.alternate() {
            serde_json::to_string_pretty(self)
        } else {
            serde_json::to_string(self)
        };
        f.write_str(&text.map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for OrderedJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                self.fields
                    .iter()
                    .map(|(k, v)| (k, crate::debug::shown(k, v))),
            )
            .finish()
    }
}
