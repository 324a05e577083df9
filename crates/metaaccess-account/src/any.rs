//! A response of any version, for code that learns the version at run time.

use serde::Serialize;
use serde_json::Value;

use crate::{v2_0, v3_0, v3_1, v3_2, ApiVersion, Document, ParseError, Parsed};

/// A response of any version.
#[derive(Clone, Debug, PartialEq)]
pub enum AnyAccountDetails {
    /// A 2.0 response.
    V2_0(v2_0::AccountDetails),
    /// A 3.0 response.
    V3_0(v3_0::AccountDetails),
    /// A 3.1 response.
    V3_1(v3_1::AccountDetails),
    /// A 3.2 response.
    V3_2(v3_2::AccountDetails),
}

impl AnyAccountDetails {
    /// The version of this response.
    pub fn version(&self) -> ApiVersion {
        match self {
            Self::V2_0(_) => ApiVersion::V2_0,
            Self::V3_0(_) => ApiVersion::V3_0,
            Self::V3_1(_) => ApiVersion::V3_1,
            Self::V3_2(_) => ApiVersion::V3_2,
        }
    }

    /// Parses a response of the given version leniently (see [`Document::from_json_value`]).
    pub fn from_json_value(version: ApiVersion, value: &Value) -> Result<Parsed<Self>, ParseError> {
        fn wrap<T: Document>(
            value: &Value,
            f: fn(T) -> AnyAccountDetails,
        ) -> Result<Parsed<AnyAccountDetails>, ParseError> {
            T::from_json_value(value).map(|p| Parsed {
                value: f(p.value),
                drift: p.drift,
            })
        }
        match version {
            ApiVersion::V2_0 => wrap(value, Self::V2_0),
            ApiVersion::V3_0 => wrap(value, Self::V3_0),
            ApiVersion::V3_1 => wrap(value, Self::V3_1),
            ApiVersion::V3_2 => wrap(value, Self::V3_2),
        }
    }

    /// Parses a response of the given version strictly.
    pub fn from_json_value_strict(version: ApiVersion, value: &Value) -> Result<Self, ParseError> {
        Self::from_json_value(version, value)?.into_strict()
    }

    /// The response as JSON.
    pub fn to_json_value(&self) -> Value {
        // Every model serializes: its fields are strings, numbers and arrays of those.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl Serialize for AnyAccountDetails {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::V2_0(d) => d.serialize(serializer),
            Self::V3_0(d) => d.serialize(serializer),
            Self::V3_1(d) => d.serialize(serializer),
            Self::V3_2(d) => d.serialize(serializer),
        }
    }
}

impl From<v2_0::AccountDetails> for AnyAccountDetails {
    fn from(d: v2_0::AccountDetails) -> Self {
        Self::V2_0(d)
    }
}

impl From<v3_0::AccountDetails> for AnyAccountDetails {
    fn from(d: v3_0::AccountDetails) -> Self {
        Self::V3_0(d)
    }
}

impl From<v3_1::AccountDetails> for AnyAccountDetails {
    fn from(d: v3_1::AccountDetails) -> Self {
        Self::V3_1(d)
    }
}

impl From<v3_2::AccountDetails> for AnyAccountDetails {
    fn from(d: v3_2::AccountDetails) -> Self {
        Self::V3_2(d)
    }
}
