//! Documents of any version, for code that learns the version at run time. The enums are
//! generated from the version table, one variant per version.

/// Generates `AnyAccountDetails` and `AnyAccountDetailsRequest` from the version table.
macro_rules! any_account_details {
    ($(
        $(#[$doc:meta])*
        $V:ident = $number:literal, $module:ident, $krate:ident $(, request $Req:ident)?;
    )+) => {
        use serde::Serialize;
        use serde_json::Value;

        use crate::{ApiVersion, Document, ParseError, Parsed};
        use crate::{$($module),+};

        /// A response of any version.
        ///
        /// Exhaustive by design, like [`ApiVersion`]: a new API version adds a variant, and is
        /// a breaking release (docs/SEMVER.md).
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum AnyAccountDetails {
            $(
                #[doc = concat!("A ", stringify!($module), " response.")]
                $V($module::AccountDetails),
            )+
        }

        /// A request body of any version that has one.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum AnyAccountDetailsRequest {
            $($(
                #[doc = concat!("A ", stringify!($module), " request body.")]
                $V($module::$Req),
            )?)+
        }

        impl AnyAccountDetails {
            /// The version of this response.
            pub fn version(&self) -> ApiVersion {
                match self {
                    $(Self::$V(_) => ApiVersion::$V,)+
                }
            }

            /// Parses a response of the given version leniently (see
            /// [`Document::from_json_value`]).
            pub fn from_json_value(
                version: ApiVersion,
                value: &Value,
            ) -> Result<Parsed<Self>, ParseError> {
                match version {
                    $(ApiVersion::$V => wrap(<$module::AccountDetails>::from_json_value(value), Self::$V),)+
                }
            }

            /// Parses a response of the given version leniently from JSON text.
            pub fn from_json_str(version: ApiVersion, json: &str) -> Result<Parsed<Self>, ParseError> {
                match version {
                    $(ApiVersion::$V => wrap(<$module::AccountDetails>::from_json_str(json), Self::$V),)+
                }
            }

            /// The response, when the given version's strict model accepts `json` (see
            /// [`Document::read_valid`]: the quick yes/no, with no error details).
            pub fn read_valid(version: ApiVersion, json: &str) -> Option<Self> {
                match version {
                    $(ApiVersion::$V => <$module::AccountDetails>::read_valid(json).map(Self::$V),)+
                }
            }

            /// Whether [`AnyAccountDetails::read_valid`] would give the response, found without
            /// building it (see [`Document::reads_valid`]).
            pub fn reads_valid(version: ApiVersion, json: &str) -> bool {
                match version {
                    $(ApiVersion::$V => <$module::AccountDetails>::reads_valid(json),)+
                }
            }

            /// Parses a response of the given version strictly.
            pub fn from_json_value_strict(
                version: ApiVersion,
                value: &Value,
            ) -> Result<Self, ParseError> {
                Self::from_json_value(version, value)?.into_strict()
            }

            /// The response as JSON.
            pub fn to_json_value(&self) -> Value {
                // Every model serializes: its fields are strings, numbers and arrays of those.
                serde_json::to_value(self).unwrap_or(Value::Null)
            }
        }

        impl AnyAccountDetailsRequest {
            /// The version of this request body.
            pub fn version(&self) -> ApiVersion {
                match *self {
                    $($(Self::$V(ref _body) => { let _: &$module::$Req = _body; ApiVersion::$V })?)+
                }
            }

            /// Parses a request body of the given version leniently; `None` when that version's
            /// request has no body.
            pub fn from_json_value(
                version: ApiVersion,
                value: &Value,
            ) -> Option<Result<Parsed<Self>, ParseError>> {
                #[allow(unreachable_patterns)] // when every version has a request body
                match version {
                    $($(ApiVersion::$V => Some(wrap(<$module::$Req>::from_json_value(value), Self::$V)),)?)+
                    _ => None,
                }
            }
        }

        fn wrap<T, A>(parsed: Result<Parsed<T>, ParseError>, f: fn(T) -> A) -> Result<Parsed<A>, ParseError> {
            parsed.map(|p| p.map(f))
        }

        impl Serialize for AnyAccountDetails {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Self::$V(d) => d.serialize(serializer),)+
                }
            }
        }

        impl Serialize for AnyAccountDetailsRequest {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $($(Self::$V(d) => { let d: &$module::$Req = d; d.serialize(serializer) })?)+
                }
            }
        }

        $(
            impl From<$module::AccountDetails> for AnyAccountDetails {
                fn from(d: $module::AccountDetails) -> Self {
                    Self::$V(d)
                }
            }
        )+
    };
}

metaaccess_account_core::api_versions!(any_account_details);
