//! The account license key: data on the wire, a secret everywhere else.

#[cfg(feature = "schema")]
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

#[cfg(feature = "schema")]
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What `Debug` and `Display` print instead of a secret.
pub const REDACTED: &str = "<redacted>";

/// The account license key (`license_key`, 3.0 and later).
///
/// It is part of the response, so it serializes in full; but `Debug` and `Display` never show
/// it, and a parse error about it never quotes the offending value. Read it on purpose with
/// [`LicenseKey::expose`].
///
/// ```
/// use metaaccess_account_core::LicenseKey;
/// let key = LicenseKey::new("testcccd3e7201ee83e2c4b9f6dfc96c");
/// assert_eq!(format!("{key:?}"), "LicenseKey(<redacted>)");
/// assert_eq!(key.to_string(), "<redacted>");
/// assert_eq!(key.expose(), "testcccd3e7201ee83e2c4b9f6dfc96c");
/// assert_eq!(serde_json::to_string(&key).unwrap(), "\"testcccd3e7201ee83e2c4b9f6dfc96c\"");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LicenseKey(String);

impl LicenseKey {
    /// Wraps a license key.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself. Callers that print or log it take responsibility for that.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for LicenseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LicenseKey({REDACTED})")
    }
}

impl fmt::Display for LicenseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl Serialize for LicenseKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Builds type errors that name the kind of value found but never the value.
struct SecretVisitor<K>(PhantomData<K>);

/// What a key read becomes: the key, or nothing (for the check-only reader, which must accept
/// exactly what the key's reader accepts, and so shares this visitor).
trait FromKey {
    fn from_str(key: &str) -> Self;
    fn from_string(key: String) -> Self;
}

impl FromKey for LicenseKey {
    fn from_str(key: &str) -> Self {
        Self(key.to_owned())
    }
    fn from_string(key: String) -> Self {
        Self(key)
    }
}

impl FromKey for () {
    fn from_str(_: &str) -> Self {}
    fn from_string(_: String) -> Self {}
}

impl<K> SecretVisitor<K> {
    fn wrong<E: de::Error>(&self, found: Unexpected<'_>) -> E {
        let kind = match found {
            Unexpected::Bool(_) => "a boolean",
            Unexpected::Unsigned(_) | Unexpected::Signed(_) | Unexpected::Float(_) => "a number",
            Unexpected::Seq => "an array",
            Unexpected::Map => "an object",
            Unexpected::Unit | Unexpected::Option => "null",
            _ => "a value of another type",
        };
        E::custom(format_args!(
            "invalid type: {kind} (value {REDACTED}), expected a license key string"
        ))
    }
}

impl<'de, K: FromKey> Visitor<'de> for SecretVisitor<K> {
    type Value = K;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a license key string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<K, E> {
        Ok(K::from_str(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<K, E> {
        Ok(K::from_string(v))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<K, E> {
        Err(self.wrong(Unexpected::Bool(false)))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<K, E> {
        Err(self.wrong(Unexpected::Signed(0)))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<K, E> {
        Err(self.wrong(Unexpected::Unsigned(0)))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<K, E> {
        Err(self.wrong(Unexpected::Float(0.0)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<K, E> {
        Err(self.wrong(Unexpected::Unit))
    }

    fn visit_none<E: de::Error>(self) -> Result<K, E> {
        Err(self.wrong(Unexpected::Option))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<K, A::Error> {
        Err(self.wrong(Unexpected::Seq))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<K, A::Error> {
        Err(self.wrong(Unexpected::Map))
    }
}

impl<'de> Deserialize<'de> for LicenseKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `deserialize_any`, so type errors come from our visitor rather than the format, which would
        // quote the value.
        deserializer.deserialize_any(SecretVisitor(PhantomData))
    }
}

/// Reads a license key as [`LicenseKey`] does, keeping nothing (the check-only reader).
pub(crate) fn read_key<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
    deserializer.deserialize_any(SecretVisitor::<()>(PhantomData))
}

#[cfg(feature = "schema")]
impl JsonSchema for LicenseKey {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "LicenseKey".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_never_quote_the_value() {
        for bad in ["123456789", "[\"k123\"]", "{\"k\":\"k123\"}", "true"] {
            let err = serde_json::from_str::<LicenseKey>(bad)
                .unwrap_err()
                .to_string();
            assert!(!err.contains("123"), "{err}");
            assert!(err.contains("expected a license key string"), "{err}");
        }
    }
}
