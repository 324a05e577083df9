//! Which versions a response may be, from one scan of its text: the versions the typed fast
//! path then reads. Everything here comes from the published schemas, and a rule only drops a
//! version that would reject the document; a version let through is still read in full.
//!
//! Without a backslash in the text, every `"` opens or closes a string, so a key is a string
//! followed by a colon, and a string right after that colon is the key's value: both are exact.

use std::collections::HashMap;
use std::sync::OnceLock;

use metaaccess_account::ApiVersion;
use serde_json::Value;

/// The candidate versions of `text`, found in one pass over it that stops as soon as `settled`
/// says the versions still possible need no more scanning (the caller reads them in order, and
/// reading the first decides the rest). The versions it gives are those the keys and values so
/// far allow ([`Filter`]): a superset of what a whole scan gives, so never one too few (every
/// candidate is read in full). `None` when the text has an escape (a name may then be spelled
/// another way).
pub(super) fn candidates(
    text: &str,
    settled: impl Fn(u8) -> bool,
) -> Option<impl Iterator<Item = ApiVersion>> {
    let fields = Fields::get();
    let mut filter = Filter::default();
    walk(text, |key, value| {
        match value {
            None => filter.key(fields, key),
            Some(value) => filter.value(fields, key, value),
        }
        filter.partial = settled(filter.possible & ALL);
        filter.partial
    })?;
    Some(filter.versions(fields))
}

/// Calls `seen(key, None)` for each key of `text` and `seen(key, Some(value))` for each string
/// written right after a key, in order, until `seen` says stop. `None` when the text has an
/// escape.
fn walk<'a>(text: &'a str, mut seen: impl FnMut(&'a str, Option<&'a str>) -> bool) -> Option<()> {
    let bytes = text.as_bytes();
    if memchr::memchr(b'\\', bytes).is_some() {
        return None;
    }
    // The last key, and where its value starts.
    let mut key: Option<(&str, usize)> = None;
    let mut quotes = memchr::memchr_iter(b'"', bytes);
    while let (Some(open), Some(close)) = (quotes.next(), quotes.next()) {
        let string = text.get(open + 1..close)?;
        let stop = if let Some((k, _)) = key.take().filter(|(_, at)| *at == open) {
            seen(k, Some(string))
        } else {
            let colon = close + 1 + skip_blanks(bytes.get(close + 1..)?);
            if bytes.get(colon) != Some(&b':') {
                continue;
            }
            let value = colon + 1 + skip_blanks(bytes.get(colon + 1..)?);
            key = Some((string, value));
            seen(string, None)
        };
        if stop {
            break;
        }
    }
    Some(())
}

/// Every version's bit.
const ALL: u8 = ((1u16 << ApiVersion::ALL.len()) - 1) as u8;

/// What the keys and values seen so far allow: the versions that name every key at some depth,
/// allow each enum value written, and find their required top-level fields among the keys.
/// Every object of every version is closed (a unit test checks it), so a key a version never
/// names is a field it rejects. (Counting required keys lets a repeated one stand for a missing
/// one: that only lets a version through to be read, never drops one wrongly.)
#[derive(Debug)]
struct Filter {
    /// Versions that name every key seen and allow every enum value seen.
    possible: u8,
    /// How many required keys each version has among the keys, a byte per version.
    required: u64,
    keys: usize,
    /// Not every key was seen: the required counts say nothing.
    partial: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Self {
            possible: u8::MAX,
            required: 0,
            keys: 0,
            partial: false,
        }
    }
}

impl Filter {
    fn key(&mut self, fields: &Fields, key: &str) {
        self.keys += 1;
        match fields.name(key) {
            Some(name) => {
                self.possible &= name.named;
                self.required = self.required.wrapping_add(name.required);
            }
            None => self.possible &= fields.open,
        }
    }

    fn value(&mut self, fields: &Fields, key: &str, value: &str) {
        if let Some(name) = fields.name(key) {
            let listed = name.values.iter().find(|(v, _)| v == value);
            self.possible &=
                !name.enumerated | fields.open | listed.map_or(0, |(_, versions)| *versions);
        }
    }

    fn versions(self, fields: &Fields) -> impl Iterator<Item = ApiVersion> + '_ {
        // A byte could have overflowed past 255 keys: then (as when not every key was seen)
        // the required counts let every version through.
        let required = if self.keys > 255 || self.partial {
            u64::MAX
        } else {
            self.required
        };
        let possible = self.possible;
        ApiVersion::ALL.into_iter().filter(move |v| {
            let found = (required >> (8 * v.index())) & 0xff;
            possible & bit(*v) != 0 && found >= fields.required[v.index()]
        })
    }
}

/// How many blank bytes `bytes` starts with.
fn skip_blanks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len())
}

fn bit(version: ApiVersion) -> u8 {
    1 << version.index()
}

/// What the versions say about one field name, as version bits ([`ApiVersion::index`]).
#[derive(Clone, Default)]
struct Name {
    /// Versions with a property of this name at some depth.
    named: u8,
    /// Versions that require it at the top level: a 1 in byte [`ApiVersion::index`] of each.
    required: u64,
    /// Versions where every property of this name is a string enum.
    enumerated: u8,
    /// For each such value, the versions that list it.
    values: Vec<(String, u8)>,
}

/// What the published response schemas say about field names.
struct Fields {
    /// Every property name of every version (a version with an open object names every key),
    /// by length: a lookup is an index and a comparison or two.
    by_length: Vec<Vec<(String, Name)>>,
    /// How many top-level properties each version requires.
    required: Vec<u64>,
    /// The versions with an open object (none, today).
    open: u8,
}

impl Fields {
    fn name(&self, key: &str) -> Option<&Name> {
        let same_length = self.by_length.get(key.len())?;
        same_length
            .iter()
            .find(|(n, _)| n == key)
            .map(|(_, name)| name)
    }

    fn get() -> &'static Fields {
        static FIELDS: OnceLock<Fields> = OnceLock::new();
        FIELDS.get_or_init(|| {
            let mut names: HashMap<String, Name> = HashMap::new();
            let mut fields = Fields {
                by_length: Vec::new(),
                required: Vec::new(),
                open: 0,
            };
            for v in ApiVersion::ALL {
                let schema = metaaccess_account::response_schema(v);
                match properties(&schema) {
                    Some(properties) => {
                        for (name, values) in properties {
                            let entry = names.entry(name).or_default();
                            entry.named |= bit(v);
                            let Some(values) = values else { continue };
                            entry.enumerated |= bit(v);
                            for value in values {
                                match entry.values.iter_mut().find(|(known, _)| *known == value) {
                                    Some((_, versions)) => *versions |= bit(v),
                                    None => entry.values.push((value, bit(v))),
                                }
                            }
                        }
                    }
                    None => fields.open |= bit(v),
                }
                let required: Vec<&str> = schema["required"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                for r in &required {
                    names.entry((*r).to_owned()).or_default().required |= 1 << (8 * v.index());
                }
                // Counted in a byte (a schema requires far fewer than 256 fields).
                fields.required.push(required.len().min(255) as u64);
            }
            for (text, mut name) in names {
                name.named |= fields.open;
                if fields.by_length.len() <= text.len() {
                    fields.by_length.resize(text.len() + 1, Vec::new());
                }
                fields.by_length[text.len()].push((text, name));
            }
            fields
        })
    }
}

/// Every property name in a schema, at any depth, with the string values it may hold when
/// every property of that name is a string enum; `None` when an object is open.
fn properties(schema: &Value) -> Option<HashMap<String, Option<Vec<String>>>> {
    let mut found: HashMap<String, Option<Vec<String>>> = HashMap::new();
    let mut pending = vec![schema];
    while let Some(node) = pending.pop() {
        match node {
            Value::Object(members) => {
                if let Some(Value::Object(properties)) = members.get("properties") {
                    if members.get("additionalProperties") != Some(&Value::Bool(false)) {
                        return None;
                    }
                    for (name, property) in properties {
                        let values = string_enum(schema, property);
                        match found.get_mut(name) {
                            None => {
                                found.insert(name.clone(), values);
                            }
                            Some(known) => {
                                *known = match (known.take(), values) {
                                    (Some(mut a), Some(b)) => {
                                        a.extend(b);
                                        Some(a)
                                    }
                                    _ => None,
                                }
                            }
                        }
                    }
                }
                pending.extend(members.values());
            }
            Value::Array(items) => pending.extend(items),
            _ => {}
        }
    }
    Some(found)
}

/// The values of a property that is a string enum (directly or through a local `$ref`).
fn string_enum(root: &Value, property: &Value) -> Option<Vec<String>> {
    let resolved = match property.get("$ref").and_then(Value::as_str) {
        Some(reference) => root.pointer(reference.strip_prefix('#')?)?,
        None => property,
    };
    resolved
        .get("enum")?
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)] // test code

    use metaaccess_account::ApiVersion;

    use super::{candidates, walk, Fields, Filter};

    /// The versions a whole scan leaves for these keys and values.
    fn scan(keys: Vec<&str>, values: Vec<(&str, &str)>) -> Vec<ApiVersion> {
        let fields = Fields::get();
        let mut filter = Filter::default();
        keys.iter().for_each(|k| filter.key(fields, k));
        values.iter().for_each(|(k, v)| filter.value(fields, k, v));
        filter.versions(fields).collect()
    }

    #[test]
    fn every_version_rules_out_documents_by_their_keys_and_values() {
        // If a schema had an open object, the filter would quietly try that version always.
        let fields = Fields::get();
        assert_eq!(fields.open, 0, "a version has an open object");
        let mut enumerated = 0;
        for v in ApiVersion::ALL {
            let schema = metaaccess_account::response_schema(v);
            let required = schema["required"].as_array().unwrap();
            assert_eq!(fields.required[v.index()], required.len() as u64, "{v}");
            let keys: Vec<&'static str> = required
                .iter()
                .map(|r| &*String::leak(r.as_str().unwrap().to_owned()))
                .collect();
            let own = scan(keys.clone(), Vec::new());
            assert!(own.contains(&v), "{v}: its own keys");
            let fewer = scan(keys[1..].to_vec(), Vec::new());
            assert!(!fewer.contains(&v), "{v}: a required key missing");
            for (name, field) in fields.by_length.iter().flatten() {
                if field.enumerated & (1 << v.index()) == 0 {
                    continue;
                }
                enumerated += 1;
                let name: &'static str = String::leak(name.clone());
                let odd = scan(keys.clone(), vec![(name, "not a documented value")]);
                assert!(!odd.contains(&v), "{v}: {name} is an enum");
            }
        }
        assert!(enumerated > 0, "no enum found: the value rule says nothing");
        assert_eq!(scan(vec!["no such field"], Vec::new()), []);
    }

    /// The rules never drop a version that reads the document (every version's published
    /// examples, each also with its enum values swapped for another version's), and they do
    /// drop some. (`tests/fast_path.rs` does the same through whole verdicts, on the fixtures.)
    #[test]
    fn every_version_that_reads_a_document_stays_a_candidate() {
        use metaaccess_account::AnyAccountDetails;
        let mut texts = Vec::new();
        for v in ApiVersion::ALL {
            let schema = metaaccess_account::response_schema(v);
            for example in schema["examples"].as_array().into_iter().flatten() {
                for text in [example.to_string(), format!("{example:#}")] {
                    for (from, to) in [("important", "high"), ("moderate", "medium")] {
                        texts.push(text.replace(from, to));
                        texts.push(text.replace(to, from));
                    }
                    texts.push(text);
                }
            }
        }
        // A whole scan, and one that stops where the validator stops it.
        let (mut read, mut dropped, mut stopped) = (0, 0, 0);
        for text in &texts {
            let Some(whole) = candidates(text, |_| false) else {
                continue;
            };
            let whole: Vec<ApiVersion> = whole.collect();
            let early: Vec<ApiVersion> = candidates(text, super::super::settled).unwrap().collect();
            dropped += ApiVersion::ALL.len() - whole.len();
            stopped += usize::from(early != whole);
            for v in ApiVersion::ALL {
                if AnyAccountDetails::read_valid(v, text).is_some() {
                    read += 1;
                    assert!(whole.contains(&v), "{v} reads but was dropped: {text}");
                    assert!(
                        early.contains(&v),
                        "{v} reads but was dropped early: {text}"
                    );
                }
            }
        }
        assert!(read > 0 && dropped > 0, "read {read}, dropped {dropped}");
        assert!(stopped > 0, "no scan stopped early");
    }

    #[test]
    fn keys_are_the_strings_before_a_colon_and_values_the_strings_right_after() {
        let text = r#"{"a": "b:", "c" :{"d":["e", "f"]}, "g":1, "h" : "i"}"#;
        let (mut keys, mut values) = (Vec::new(), Vec::new());
        walk(text, |k, v| {
            match v {
                None => keys.push(k),
                Some(v) => values.push((k, v)),
            }
            false
        })
        .unwrap();
        assert_eq!(keys, ["a", "c", "d", "g", "h"]);
        assert_eq!(values, [("a", "b:"), ("h", "i")]);
        assert!(
            walk(r#"{"a\u0062": 1}"#, |_, _| false).is_none(),
            "escapes may spell a key"
        );
        let mut seen = 0;
        walk(text, |_, _| {
            seen += 1;
            seen == 2
        })
        .unwrap();
        assert_eq!(seen, 2, "the walk stops when told");
    }
}
