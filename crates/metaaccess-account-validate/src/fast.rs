//! The typed fast path: a response the version's model reads strictly, with nothing a
//! hostile-input check would flag, is valid, and that is decided without a JSON tree or a
//! schema. Anything else returns `None` and takes the full path.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use metaaccess_account::{AnyAccountDetails, ApiVersion, DocumentKind};
use serde_json::Value;

use crate::{Status, Verdict};

/// Nesting of the deepest valid response: object, array, bucket object.
const RESPONSE_DEPTH: usize = 3;

/// The valid verdict on `bytes`, when the typed models alone can give it.
pub(crate) fn valid(
    bytes: &[u8],
    kind: DocumentKind,
    version: Option<ApiVersion>,
    max_depth: usize,
) -> Option<Verdict> {
    if kind != DocumentKind::Response || max_depth < RESPONSE_DEPTH || negative_zero(bytes) {
        return None;
    }
    // Not UTF-8, a byte order mark, trailing characters, duplicate fields, out-of-range
    // numbers: the model read fails on each, and the full path says why.
    let text = std::str::from_utf8(bytes).ok()?;
    let read = |v: ApiVersion| AnyAccountDetails::read_valid(v, text);
    let (api_version, model, also_valid_as) = match version {
        Some(v) => (v, read(v)?, Vec::new()),
        None => {
            let keys = Keys::of(text);
            let candidates: Vec<ApiVersion> = match &keys {
                Some(keys) => keys.versions().collect(),
                None => ApiVersion::ALL.into(),
            };
            // The oldest version that accepts it; the later ones that also do.
            let mut accepted = candidates.into_iter().filter_map(|v| Some((v, read(v)?)));
            let (first, model) = accepted.next()?;
            (first, model, accepted.map(|(v, _)| v).collect())
        }
    };
    let mut verdict = Verdict::new(kind, Status::Valid);
    verdict.api_version = Some(api_version);
    verdict.also_valid_as = also_valid_as;
    verdict.model = Some(Box::new(model));
    Some(verdict)
}

/// The field names written in a document without escapes. There, every `"` opens or closes a
/// string, so a key is a string followed by a colon: the names are exact, from one scan.
struct Keys<'a>(Vec<&'a str>);

impl<'a> Keys<'a> {
    /// `None` when the text has an escape (a name may then be spelled another way).
    fn of(text: &'a str) -> Option<Self> {
        let bytes = text.as_bytes();
        if memchr::memchr(b'\\', bytes).is_some() {
            return None;
        }
        let mut keys = Vec::with_capacity(32);
        let mut quotes = memchr::memchr_iter(b'"', bytes);
        while let (Some(open), Some(close)) = (quotes.next(), quotes.next()) {
            let after = bytes[close + 1..].iter().find(|b| !b.is_ascii_whitespace());
            if after == Some(&b':') {
                keys.push(text.get(open + 1..close)?);
            }
        }
        Some(Self(keys))
    }

    /// The versions that could accept a document with these keys: each names every key at
    /// some depth, and the keys include its required top-level fields. Every object of every
    /// version is closed (a unit test checks it), so a key a version never names is a field it
    /// rejects. (Counting required keys lets a repeated one stand for a missing one: that only
    /// lets a version through to be read, never rules one out wrongly.)
    fn versions(&self) -> impl Iterator<Item = ApiVersion> + '_ {
        let fields = Fields::get();
        let mut named = u8::MAX;
        let mut required = [0usize; 8];
        for key in &self.0 {
            let Some(name) = fields.names.get(*key) else {
                named &= fields.open;
                continue;
            };
            named &= name.named;
            for v in ApiVersion::ALL {
                required[v.index()] += usize::from(name.required & bit(v) != 0);
            }
        }
        ApiVersion::ALL.into_iter().filter(move |v| {
            named & bit(*v) != 0 && required[v.index()] >= fields.required[v.index()]
        })
    }
}

fn bit(version: ApiVersion) -> u8 {
    1 << version.index()
}

/// The versions that name a field, as bits at [`ApiVersion::index`].
#[derive(Clone, Copy, Default)]
struct Name {
    /// Versions with a property of this name at some depth.
    named: u8,
    /// Versions that require it at the top level.
    required: u8,
}

/// What the published response schemas say about field names.
struct Fields {
    /// Every property name of every version (a version with an open object names every key).
    names: HashMap<String, Name, BuildHasherDefault<Fx>>,
    /// How many top-level properties each version requires.
    required: Vec<usize>,
    /// The versions with an open object (none, today).
    open: u8,
}

impl Fields {
    fn get() -> &'static Fields {
        static FIELDS: OnceLock<Fields> = OnceLock::new();
        FIELDS.get_or_init(|| {
            let mut fields = Fields {
                names: HashMap::default(),
                required: Vec::new(),
                open: 0,
            };
            for v in ApiVersion::ALL {
                let schema = metaaccess_account::response_schema(v);
                match names(&schema) {
                    Some(names) => names.into_iter().for_each(|n| {
                        fields.names.entry(n).or_default().named |= bit(v);
                    }),
                    None => fields.open |= bit(v),
                }
                let required: Vec<&str> = schema["required"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                for r in &required {
                    fields.names.entry((*r).to_owned()).or_default().required |= bit(v);
                }
                fields.required.push(required.len());
            }
            let open = fields.open;
            fields.names.values_mut().for_each(|n| n.named |= open);
            fields
        })
    }
}

/// FxHash: a fast hash for short, trusted keys (the schemas' field names; a document's keys are
/// only looked up).
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Every property name in a schema, at any depth; `None` when an object is open.
fn names(schema: &Value) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut pending = vec![schema];
    while let Some(node) = pending.pop() {
        match node {
            Value::Object(members) => {
                if let Some(Value::Object(properties)) = members.get("properties") {
                    if members.get("additionalProperties") != Some(&Value::Bool(false)) {
                        return None;
                    }
                    names.extend(properties.keys().cloned());
                }
                pending.extend(members.values());
            }
            Value::Array(items) => pending.extend(items),
            _ => {}
        }
    }
    Some(names)
}

/// Whether the text may hold the number `-0`, which parsers read differently (the full path
/// reports it). A `-0` followed by a digit is a date or a malformed number, never `-0` itself;
/// anything else (even inside a string) is sent down the full path, to be safe.
fn negative_zero(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'-', bytes).any(|i| {
        bytes.get(i + 1) == Some(&b'0') && !bytes.get(i + 2).is_some_and(u8::is_ascii_digit)
    })
}

#[cfg(test)]
mod tests {
    use super::{negative_zero, Fields, Keys};
    use metaaccess_account::ApiVersion;

    #[test]
    fn every_version_rules_out_documents_by_their_keys() {
        // If a schema had an open object, the filter would quietly try that version always.
        let fields = Fields::get();
        assert_eq!(fields.open, 0, "a version has an open object");
        for v in ApiVersion::ALL {
            let schema = metaaccess_account::response_schema(v);
            let required = schema["required"].as_array().unwrap();
            assert_eq!(fields.required[v.index()], required.len(), "{v}");
            let keys = Keys(required.iter().filter_map(|r| r.as_str()).collect());
            assert!(keys.versions().any(|k| k == v), "{v}: its own keys");
            let fewer = Keys(keys.0[1..].to_vec());
            assert!(
                fewer.versions().all(|k| k != v),
                "{v}: a required key missing"
            );
        }
        let unknown = Keys(vec!["no such field"]);
        assert_eq!(unknown.versions().count(), 0);
    }

    #[test]
    fn keys_are_the_strings_before_a_colon() {
        let keys = Keys::of(r#"{"a": "b:", "c" :{"d":["e", "f"]}, "g":1}"#).map(|k| k.0);
        assert_eq!(keys, Some(vec!["a", "c", "d", "g"]));
        assert!(
            Keys::of(r#"{"a\u0062": 1}"#).is_none(),
            "escapes may spell a key"
        );
    }

    #[test]
    fn negative_zero_is_suspected_wherever_it_may_be_a_number() {
        for yes in [
            &b"[-0]"[..],
            b"-0",
            b"{\"a\":-0.0}",
            b"{\"a\": -0e1}",
            b"\"x-0y\"",
        ] {
            assert!(negative_zero(yes), "{}", String::from_utf8_lossy(yes));
        }
        for no in [&b"\"2017-03-09\""[..], b"-1", b"0", b"{\"a\": -10}"] {
            assert!(!negative_zero(no), "{}", String::from_utf8_lossy(no));
        }
    }
}
