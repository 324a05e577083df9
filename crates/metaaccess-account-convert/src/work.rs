//! A document under conversion: JSON that may have holes, what is missing, and what is carried.
//!
//! Values a step cannot fill are left out of the document and listed as [`Missing`]; source
//! values the target shape cannot hold, but that a later downgrade needs, are kept as
//! [`Carried`].

use std::fmt;

use metaaccess_account::ApiVersion;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::change::{Array, Place};
use crate::shape::{layout, COUNT};

/// A value the target version requires and the conversion could not supply.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Missing {
    /// JSON pointer of the field, or of the array the bucket belongs in.
    pub pointer: String,
    /// For a missing bucket of a 3.1/3.2 array: its `status`/`severity` value.
    pub bucket: Option<String>,
    /// Why it is missing.
    pub reason: String,
}

impl Missing {
    pub(crate) fn at(place: Place, reason: String) -> Self {
        Self {
            pointer: place.pointer(),
            bucket: place.bucket().map(str::to_owned),
            reason,
        }
    }

    fn is_at(&self, place: Place) -> bool {
        self.names(&place.pointer(), place.bucket())
    }

    /// Whether this entry is about the field at `pointer` (or its bucket).
    pub(crate) fn names(&self, pointer: &str, bucket: Option<&str>) -> bool {
        self.pointer == pointer && self.bucket.as_deref() == bucket
    }
}

impl fmt::Display for Missing {
    /// `/devices_by_status [compliant]: versions before 3.1 do not split compliant from exempted devices`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pointer)?;
        if let Some(bucket) = &self.bucket {
            write!(f, " [{bucket}]")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A source value the target shape cannot hold, kept so that converting back restores it.
/// `Debug` shows the value only where its member is documented (see the crate's `debug`
/// rule): an undocumented member may hold a secret.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Carried {
    /// The version whose document the value belongs to.
    pub version: ApiVersion,
    /// Its JSON pointer in that version's document.
    pub pointer: String,
    /// The value (never a secret: only formula operands, which are counts, are carried).
    pub value: Value,
    /// Why it had to be carried.
    pub reason: String,
}

impl Carried {
    /// A value of `version`'s document at `pointer`, kept for converting back, and why.
    pub fn new(
        version: ApiVersion,
        pointer: impl Into<String>,
        value: Value,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            version,
            pointer: pointer.into(),
            value,
            reason: reason.into(),
        }
    }
}

impl fmt::Debug for Carried {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = crate::debug::last_name(&self.pointer);
        f.debug_struct("Carried")
            .field("version", &self.version)
            .field("pointer", &self.pointer)
            .field("value", &crate::debug::shown(&name, &self.value))
            .field("reason", &self.reason)
            .finish()
    }
}

/// A document under conversion (public only so the sealed `Source` trait can name it).
#[derive(Clone, PartialEq)]
#[doc(hidden)]
pub struct Work {
    pub(crate) version: ApiVersion,
    pub(crate) doc: Map<String, Value>,
    pub(crate) missing: Vec<Missing>,
    pub(crate) carried: Vec<Carried>,
}

impl fmt::Debug for Work {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let doc: serde_json::Map<String, Value> = self
            .doc
            .iter()
            .map(|(k, v)| (k.clone(), crate::debug::shown(k, v)))
            .collect();
        f.debug_struct("Work")
            .field("version", &self.version)
            .field("doc", &doc)
            .field("missing", &self.missing)
            .field("carried", &self.carried)
            .finish()
    }
}

/// Where in a document a value is: its pointer is made only when a report names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum At {
    /// A top-level field (a bucket's array, for a bucket not written).
    Field(&'static str),
    /// An item of an array.
    Item(&'static str, usize),
}

impl At {
    /// The JSON pointer.
    pub(crate) fn pointer(self) -> String {
        match self {
            Self::Field(f) => format!("/{f}"),
            Self::Item(a, i) => format!("/{a}/{i}"),
        }
    }
}

/// What a document holds at a place.
pub(crate) enum Read<'a> {
    /// The value, and where it was found.
    Found(&'a Value, At),
    /// Nothing.
    Absent,
    /// A bucket named more than once in its array.
    Duplicate,
}

impl Work {
    pub(crate) fn new(version: ApiVersion, doc: Map<String, Value>) -> Self {
        Self {
            version,
            doc,
            missing: Vec::new(),
            carried: Vec::new(),
        }
    }

    /// The buckets of `array`: index, value and count (items that are not buckets are skipped).
    pub(crate) fn buckets(&self, array: Array) -> impl Iterator<Item = (usize, &str, &Value)> {
        let items = self
            .doc
            .get(array.name)
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        items.iter().enumerate().filter_map(move |(i, b)| {
            let value = b.get(array.key)?.as_str()?;
            Some((i, value, b.get(COUNT).unwrap_or(&Value::Null)))
        })
    }

    pub(crate) fn read(&self, place: Place) -> Read<'_> {
        let found = |field: &str| match self.doc.get(field) {
            Some(v) => Read::Found(v, At::Field(place.field())),
            None => Read::Absent,
        };
        match place {
            Place::Field(f) => found(f),
            Place::Array(a) => found(a.name),
            Place::Bucket(a, value) => {
                let mut matches = self.buckets(a).filter(|(_, v, _)| *v == value);
                match (matches.next(), matches.next()) {
                    (Some((i, _, n)), None) => Read::Found(n, At::Item(a.name, i)),
                    (None, _) => Read::Absent,
                    (Some(_), Some(_)) => Read::Duplicate,
                }
            }
        }
    }

    /// The entry listing `place` as missing, if any.
    pub(crate) fn listed_missing(&self, place: Place) -> Option<&Missing> {
        self.missing.iter().find(|m| m.is_at(place))
    }

    /// A carried value of this document's version.
    pub(crate) fn carried_at(&self, version: ApiVersion, place: Place) -> Option<&Value> {
        let pointer = place.pointer();
        self.carried
            .iter()
            .find(|c| c.version == version && c.pointer == pointer)
            .map(|c| &c.value)
    }

    /// Writes `value` at `place` and returns where. A bucket goes after the buckets already
    /// there: the rules write buckets in documented order.
    pub(crate) fn write(&mut self, place: Place, value: Value) -> At {
        match place {
            Place::Field(f) => {
                self.doc.insert(f.to_owned(), value);
                At::Field(f)
            }
            Place::Array(a) => {
                self.doc.insert(a.name.to_owned(), value);
                At::Field(a.name)
            }
            Place::Bucket(a, v) => match self.array_mut(a) {
                Some(items) => {
                    items.push(bucket(a, v, value));
                    At::Item(a.name, items.len() - 1)
                }
                None => At::Field(a.name),
            },
        }
    }

    /// Leaves `place` empty, listed as missing.
    pub(crate) fn hole(&mut self, place: Place, reason: String) {
        if let Place::Bucket(a, _) = place {
            self.array_mut(a);
        }
        self.missing.push(Missing::at(place, reason));
    }

    /// Removes the buckets of `array` whose value `matches`.
    pub(crate) fn remove_buckets(&mut self, array: Array, matches: impl Fn(&str) -> bool) {
        if let Some(Value::Array(items)) = self.doc.get_mut(array.name) {
            items.retain(|b| {
                !b.get(array.key)
                    .and_then(Value::as_str)
                    .is_some_and(&matches)
            });
        }
    }

    /// Inserts a bucket at its documented position.
    pub(crate) fn insert_bucket(&mut self, array: Array, value: &str, n: u64) {
        let order = layout(self.version);
        let rank = |v: &str| order.bucket_rank(array.name, v);
        if let Some(items) = self.array_mut(array) {
            let at = items
                .iter()
                .position(|b| {
                    rank(b.get(array.key).and_then(Value::as_str).unwrap_or_default()) > rank(value)
                })
                .unwrap_or(items.len());
            items.insert(at, bucket(array, value, Value::from(n)));
        }
    }

    /// Lists missing values in documented order (holes are found in rule order).
    pub(crate) fn sort_missing(&mut self) {
        let order = layout(self.version);
        self.missing.sort_by_key(|m| {
            let field = m.pointer.trim_start_matches('/');
            let bucket = m
                .bucket
                .as_deref()
                .map_or(0, |b| order.bucket_rank(field, b));
            (order.field_rank(field), bucket)
        });
    }

    /// The array's items, created empty if absent (`None` if the field holds something else).
    fn array_mut(&mut self, array: Array) -> Option<&mut Vec<Value>> {
        self.doc
            .entry(array.name.to_owned())
            .or_insert_with(|| Value::Array(Vec::new()))
            .as_array_mut()
    }
}

fn bucket(array: Array, value: &str, n: Value) -> Value {
    let mut b = Map::new();
    b.insert(array.key.to_owned(), Value::from(value));
    b.insert(COUNT.to_owned(), n);
    Value::Object(b)
}
