//! Lenient and strict parsing with errors and drift that name a JSON pointer.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::{ApiVersion, OpenEnum};

/// Whether a document is the response of the endpoint or the body of its request.
///
/// `Display` and `FromStr` use [`DocumentKind::as_str`]: `"response"`, `"request"`.
///
/// Exhaustive by design: an HTTP exchange has a request and a response, and code that matches
/// on the kind should not need a wildcard arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    /// The 200 response body: the account object.
    Response,
    /// The request body (3.2 only).
    Request,
}

impl DocumentKind {
    /// `"response"` or `"request"`, as used in schema file names.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Response => "response",
            Self::Request => "request",
        }
    }

    /// Every kind of document.
    pub const ALL: [DocumentKind; 2] = [DocumentKind::Response, DocumentKind::Request];
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string names no [`DocumentKind`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("unknown document kind {0:?}: expected response or request")]
pub struct UnknownDocumentKind(String);

impl std::str::FromStr for DocumentKind {
    type Err = UnknownDocumentKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownDocumentKind(s.to_owned()))
    }
}

/// A wire document of one API version: a response, or the 3.2 request body.
///
/// Every version crate implements this for its models; the provided methods are the parsing
/// API. Lenient parsing accepts undocumented fields and enum values and reports them as
/// [`Drift`]; strict parsing rejects them, and agrees with the published JSON Schema.
///
/// Use these methods, not the models' serde `Deserialize` impls, on captured traffic. The
/// `Document` methods accept only a JSON object (as the schemas do) and report what they skip;
/// plain serde (`serde_json::from_str::<AccountDetails>`) accepts what every derived
/// `Deserialize` accepts: also a JSON array of the field values in declaration order, and
/// unknown fields, skipped silently.
pub trait Document: Serialize + DeserializeOwned + Sized {
    /// The API version this document belongs to.
    const VERSION: ApiVersion;
    /// Response or request.
    const KIND: DocumentKind;
    /// One sentence naming the document, e.g. "MetaAccess Account Details response, API
    /// version 3.2": it opens the schema's `description`. (The schema's `title` is the type's
    /// name, `AccountDetails`, a short identifier that code generators name types after.)
    const SUMMARY: &'static str;
    /// Example documents published in OPSWAT's docs for this version, as JSON text.
    const DOC_EXAMPLES: &'static [&'static str] = &[];
    /// Realistic example documents from this repository's fixtures, as JSON text: the schema's
    /// `examples` when OPSWAT published none for this version (its description says they are
    /// illustrative).
    const ILLUSTRATIVE_EXAMPLES: &'static [&'static str] = &[];

    /// Appends a [`Drift`] for every enum value in `self` that the docs do not list.
    fn unknown_enum_values(&self, out: &mut Vec<Drift>);

    /// Parses leniently: undocumented fields are skipped and undocumented enum values kept, and
    /// both are listed in [`Parsed::drift`].
    fn from_json_str(json: &str) -> Result<Parsed<Self>, ParseError> {
        let mut de = serde_json::Deserializer::from_str(json);
        let parsed = parse_with(&mut de)?;
        de.end().map_err(|e| ParseError::from_json("", &e))?;
        Ok(parsed)
    }

    /// Parses strictly: the first undocumented field or enum value is an error.
    fn from_json_str_strict(json: &str) -> Result<Self, ParseError> {
        Self::from_json_str(json)?.into_strict()
    }

    /// The document, when the strict model accepts `json`: exactly when
    /// [`Document::from_json_str_strict`] gives `Ok`, and the same value. `None` says no more
    /// than that: there is no error to build, no path to track, and reading stops at the first
    /// undocumented field. The quick check behind validators of bulk traffic, which take the
    /// precise parse only for the documents it refuses.
    ///
    /// Input must be a `&str`: its UTF-8 was checked once, so strings need no second check.
    fn read_valid(json: &str) -> Option<Self> {
        use serde::Deserialize;
        let mut de = serde_json::Deserializer::from_str(json);
        let objects_only::Object(value) =
            objects_only::Object::<Self>::deserialize(crate::strict::Strict(&mut de)).ok()?;
        de.end().ok()?;
        let mut drift = Vec::new();
        value.unknown_enum_values(&mut drift);
        drift.is_empty().then_some(value)
    }

    /// Whether [`Document::read_valid`] would give the document, found without building it:
    /// the type's check-only reader ([`CheckOnly`](crate::CheckOnly)) is read instead, so no
    /// string is copied and no array stored. For validators that only report verdicts.
    fn reads_valid(json: &str) -> bool
    where
        Self: crate::CheckOnly,
    {
        use serde::Deserialize;
        let mut de = serde_json::Deserializer::from_str(json);
        objects_only::Object::<<Self as crate::CheckOnly>::Check>::deserialize(
            crate::strict::Strict(&mut de),
        )
        .is_ok()
            && de.end().is_ok()
    }

    /// [`Document::from_json_str`] for an already parsed JSON value.
    fn from_json_value(value: &Value) -> Result<Parsed<Self>, ParseError> {
        parse_with(value)
    }

    /// [`Document::from_json_str_strict`] for an already parsed JSON value.
    fn from_json_value_strict(value: &Value) -> Result<Self, ParseError> {
        Self::from_json_value(value)?.into_strict()
    }
}

fn parse_with<'de, D, T>(de: D) -> Result<Parsed<T>, ParseError>
where
    D: serde::Deserializer<'de, Error = serde_json::Error>,
    T: Document,
{
    let mut drift = Vec::new();
    let mut on_ignored = |path: serde_ignored::Path<'_>| {
        drift.push(Drift {
            pointer: pointer_of_ignored(&path),
            kind: DriftKind::UnknownField,
        });
    };
    let objects_only::Object(value) =
        serde_path_to_error::deserialize::<_, objects_only::Object<T>>(
            serde_ignored::Deserializer::new(de, &mut on_ignored),
        )
        .map_err(|e| ParseError::from_json(&pointer_of_path(e.path()), e.inner()))?;
    value.unknown_enum_values(&mut drift);
    Ok(Parsed { value, drift })
}

/// A leniently parsed document and what it contained that the docs do not.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Parsed<T> {
    /// The document.
    pub value: T,
    /// Undocumented fields and enum values, in the order found.
    pub drift: Vec<Drift>,
}

impl<T> Parsed<T> {
    /// The same drift with the value mapped (say, into a version-tagged enum).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Parsed<U> {
        Parsed {
            value: f(self.value),
            drift: self.drift,
        }
    }

    /// The value if there was no drift, else the first drift as an error.
    pub fn into_strict(self) -> Result<T, ParseError> {
        match self.drift.into_iter().next() {
            None => Ok(self.value),
            Some(d) => Err(d.into()),
        }
    }
}

/// Something a document contains that its version does not document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Drift {
    /// JSON pointer of the undocumented field or value.
    pub pointer: String,
    /// What kind of drift.
    pub kind: DriftKind,
}

/// The kinds of [`Drift`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DriftKind {
    /// A field the version does not document. Its value is not kept (it could be a secret).
    UnknownField,
    /// An enum value the version does not document.
    UnknownEnumValue {
        /// The value found.
        value: String,
        /// The documented values.
        expected: &'static [&'static str],
    },
}

impl Drift {
    /// Appends a drift for each item of the array field `array` whose enum field `field` holds
    /// an undocumented value.
    pub fn collect_unknown<T, E: OpenEnum>(
        out: &mut Vec<Drift>,
        array: &str,
        items: &[T],
        field: &str,
        get: impl Fn(&T) -> &E,
    ) {
        for (i, item) in items.iter().enumerate() {
            let value = get(item);
            if !value.is_known() {
                out.push(Self::unknown_value(&format!("/{array}/{i}/{field}"), value));
            }
        }
    }

    /// The drift of an undocumented enum value at `pointer`.
    pub fn unknown_value<E: OpenEnum>(pointer: &str, value: &E) -> Drift {
        Drift {
            pointer: pointer.to_owned(),
            kind: DriftKind::UnknownEnumValue {
                value: value.as_str().to_owned(),
                expected: E::accepted_spellings(),
            },
        }
    }
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DriftKind::UnknownField => {
                write!(
                    f,
                    "{}: field is not documented for this version",
                    self.pointer
                )
            }
            DriftKind::UnknownEnumValue { value, expected } => write!(
                f,
                "{}: value {value:?} is not documented; expected one of {}",
                self.pointer,
                expected.join(", ")
            ),
        }
    }
}

/// Why a document could not be parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// Not JSON: bad syntax, truncated input, or trailing characters.
    Syntax,
    /// JSON, but not this document: wrong type, missing field, bad value.
    Data,
    /// Strict mode: a field the version does not document.
    UnknownField,
    /// Strict mode: an enum value the version does not document.
    UnknownEnumValue,
}

/// A typed parse error that says where: a JSON pointer, and for text input the line and column.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub struct ParseError {
    pointer: String,
    kind: ParseErrorKind,
    message: String,
    line: Option<usize>,
    column: Option<usize>,
}

impl ParseError {
    fn from_json(pointer: &str, e: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let kind = match e.classify() {
            Category::Data => ParseErrorKind::Data,
            Category::Syntax | Category::Eof | Category::Io => ParseErrorKind::Syntax,
        };
        let full = e.to_string();
        let location = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&location).unwrap_or(&full).to_owned();
        let known = e.line() > 0;
        Self {
            pointer: pointer.to_owned(),
            kind,
            message,
            line: known.then(|| e.line()),
            column: known.then(|| e.column()),
        }
    }

    /// JSON pointer of the offending value (`""` for the whole document).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// What went wrong.
    pub fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// A message for a person, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// 1-based line in the input text, when parsing text.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// 1-based column in the input text, when parsing text.
    pub fn column(&self) -> Option<usize> {
        self.column
    }
}

impl From<Drift> for ParseError {
    fn from(d: Drift) -> Self {
        let kind = match d.kind {
            DriftKind::UnknownField => ParseErrorKind::UnknownField,
            DriftKind::UnknownEnumValue { .. } => ParseErrorKind::UnknownEnumValue,
        };
        let message = d.to_string();
        let message = message
            .strip_prefix(&format!("{}: ", d.pointer))
            .unwrap_or(&message)
            .to_owned();
        Self {
            pointer: d.pointer,
            kind,
            message,
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "(document)"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {}", self.message)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " (line {l}, column {c})")?;
        }
        Ok(())
    }
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn pointer_of_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&escape_pointer_token(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

fn pointer_of_ignored(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}/{index}", pointer_of_ignored(parent)),
        Path::Map { parent, key } => {
            format!(
                "{}/{}",
                pointer_of_ignored(parent),
                escape_pointer_token(key)
            )
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => pointer_of_ignored(parent),
    }
}

/// Serde helpers for fields that a version added during its life: such a field may be absent
/// (older responses lack it) but, when present, must hold a value; `null` is not documented.
///
/// Use as `#[serde(default, skip_serializing_if = "Option::is_none", with = "added_mid_life")]`.
pub mod added_mid_life {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Deserializes a present value; absence is handled by `#[serde(default)]`.
    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(deserializer).map(Some)
    }

    /// Serializes the value (`None` is skipped by `skip_serializing_if`).
    pub fn serialize<S: Serializer, T: Serialize>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

/// Object-only deserialization. Serde's derived structs also accept a JSON array of the field
/// values in order, which no version documents and the schemas reject; parsing through
/// [`objects_only::Object`] refuses anything but a JSON object.
pub mod objects_only {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::value::MapAccessDeserializer;
    use serde::de::{MapAccess, Visitor};
    use serde::{Deserialize, Deserializer};

    /// A `T` that was read from a JSON object.
    pub struct Object<T>(pub T);

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct ObjectVisitor<T>(PhantomData<T>);
            impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
                type Value = Object<T>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
                    T::deserialize(MapAccessDeserializer::new(map)).map(Object)
                }
            }
            deserializer.deserialize_map(ObjectVisitor(PhantomData))
        }
    }

    /// For `#[serde(deserialize_with = "objects_only::vec")]` on an array of objects.
    pub fn vec<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        let items = Vec::<Object<T>>::deserialize(deserializer)?;
        Ok(items.into_iter().map(|o| o.0).collect())
    }
}
