//! The owner's email address.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

#[cfg(feature = "schema")]
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An email address, accepted exactly when the `jsonschema` crate's `"format": "email"` check
/// accepts it (an RFC 5321 mailbox whose domain is a valid host name), so this type and the
/// published schemas always agree. `email_address` supplies the reason for a rejection.
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
        let invalid = |reason: String| InvalidEmail {
            given: s.to_owned(),
            reason,
        };
        email_address::EmailAddress::from_str(s).map_err(|e| invalid(e.to_string()))?;
        if !crate::format::accepts(crate::format::Format::Email, s) {
            return Err(invalid("the domain is not a valid host name".to_owned()));
        }
        Ok(Self(s.to_owned()))
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

#[cfg(feature = "schema")]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_the_schema_format_rejects() {
        // `email_address` alone accepts this; the host name rule (no `--` at label positions
        // 3-4 outside punycode) does not.
        let err = "a@a0--a.aa".parse::<Email>().unwrap_err().to_string();
        assert!(err.contains("host name"), "{err}");
        assert!("opswat_it@opswat.com".parse::<Email>().is_ok());
    }
}
