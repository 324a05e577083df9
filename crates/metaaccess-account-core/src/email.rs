//! The owner's email address.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An email address, checked with the `email_address` parser (RFC 5322 addr-spec), the same
/// parser the `jsonschema` crate uses for `"format": "email"`, so a value this type accepts is
/// one the published schemas accept.
///
/// ```
/// use metaaccess_account_core::Email;
/// let e: Email = "opswat_it@opswat.com".parse().unwrap();
/// assert_eq!(e.as_str(), "opswat_it@opswat.com");
/// assert!("not an address".parse::<Email>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

/// The error for a string that is not an email address.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{given:?} is not an email address: {reason}")]
pub struct InvalidEmail {
    given: String,
    reason: String,
}

impl Email {
    /// The address as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Email {
    type Err = InvalidEmail;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        email_address::EmailAddress::from_str(s)
            .map(|_| Self(s.to_owned()))
            .map_err(|e| InvalidEmail {
                given: s.to_owned(),
                reason: e.to_string(),
            })
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Email {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Email {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Email".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "email" })
    }
}
