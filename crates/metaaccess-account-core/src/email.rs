//! The owner's email address.

#[cfg(feature = "schema")]
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

#[cfg(feature = "schema")]
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An email address, accepted exactly when the published schemas' `"format": "email"` accepts
/// it (as the `jsonschema` crate checks that format): an RFC 5321 mailbox `local@domain`,
/// possibly in display form `Name <local@domain>`, whose local part is ASCII and whose domain
/// is a host name (IDNA `xn--` labels included) or an `[IPv4]` / `[IPv6:...]` literal. The
/// text is kept as given. A rejection says which rule failed.
///
/// ```
/// use metaaccess_account_core::Email;
/// let e: Email = "opswat_it@opswat.com".parse().unwrap();
/// assert_eq!(e.as_str(), "opswat_it@opswat.com");
/// assert!("\"john doe\"@[IPv6:2001:db8::1]".parse::<Email>().is_ok());
/// assert!("not an address".parse::<Email>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

/// The error for a string that is not an email address.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{given:?} is not an email address: {reason}")]
pub struct InvalidEmail {
    given: String,
    reason: &'static str,
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
        match crate::format::check_email(s) {
            Ok(()) => Ok(Self(s.to_owned())),
            Err(reason) => Err(InvalidEmail {
                given: s.to_owned(),
                reason,
            }),
        }
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
        crate::borrowed::read_str(deserializer, str::parse)
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
    fn rejects_what_the_schema_format_rejects_and_says_why() {
        // The host name rule: no `--` at label positions 3-4 outside `xn--` labels.
        let err = "a@a0--a.aa".parse::<Email>().unwrap_err().to_string();
        assert!(err.contains("xn--"), "{err}");
        let err = "us..er@opswat.com"
            .parse::<Email>()
            .unwrap_err()
            .to_string();
        assert!(err.contains("local part"), "{err}");
        let err = "user@opswat.com.".parse::<Email>().unwrap_err().to_string();
        assert!(err.contains("empty label"), "{err}");
        assert!("opswat_it@opswat.com".parse::<Email>().is_ok());
    }

    #[test]
    fn accepts_what_the_schema_format_accepts_as_written() {
        // `email_address` alone rejects the empty quoted local part; the schema format does not.
        for s in [
            "\"\"@opswat.com",
            "IT <opswat_it@opswat.com>",
            "a@[IPv6:::1]",
        ] {
            let e: Email = s.parse().unwrap();
            assert_eq!(e.as_str(), s);
            assert_eq!(serde_json::to_value(&e).unwrap(), s);
        }
    }
}
