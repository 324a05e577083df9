//! Open enumerations: documented values as variants, anything else kept verbatim.

use std::fmt;

/// A wire value that an enumeration does not document, kept exactly as received.
///
/// Only this crate can build one, so an unknown value can never be mistaken for, or created in
/// place of, a documented one: the variant holding it is an escape hatch for reading, not a
/// way to write new values. Read it through the enum's `as_str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownValue(Box<str>);

impl UnknownValue {
    #[doc(hidden)]
    pub fn __new(s: &str) -> Self {
        Self(s.into())
    }

    /// The value as it appeared on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

/// Declares an open enumeration of wire strings.
///
/// Each documented value becomes a variant (`Variant => "wire"`, optionally with
/// `| "alias"` spellings accepted on input); any other string parses into a hidden variant
/// that keeps it and serializes it back unchanged. The generated JSON Schema lists only the
/// documented values (and aliases): the schema is the strict contract, the Rust type is the
/// lenient reader. `is_known()` tells the two apart, and strict parsing rejects unknown values.
///
/// ```
/// metaaccess_account_core::open_enum! {
///     /// Compliance status of a device.
///     pub enum Status {
///         /// Compliant with policy.
///         Compliant => "compliant",
///         /// Exempted.
///         Exempted => "exempted",
///     }
/// }
///
/// let s: Status = serde_json::from_str("\"quarantined\"").unwrap();
/// assert!(!s.is_known());
/// assert_eq!(s.as_str(), "quarantined");
/// assert_eq!(serde_json::to_string(&s).unwrap(), "\"quarantined\"");
/// assert_eq!(Status::from("exempted"), Status::Exempted);
/// // `FromStr` never fails and `Display` writes the value back.
/// let s: Status = "quarantined".parse().unwrap();
/// assert_eq!(s.to_string().parse::<Status>(), Ok(s));
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[doc = $doc:literal])*
        $vis:vis enum $Name:ident {
            $(
                $(#[doc = $vdoc:literal])*
                $Variant:ident => $wire:literal $(| $alias:literal)*,
            )+
        }
    ) => {
        $(#[doc = $doc])*
        ///
        /// An open enumeration: values the docs do not list are kept as they are (see `is_known`).
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        $vis enum $Name {
            $(
                $(#[doc = $vdoc])*
                $Variant,
            )+
            #[doc(hidden)]
            _Unknown($crate::UnknownValue),
        }

        impl $Name {
            /// Every documented value, in the order the docs list them.
            pub const KNOWN: &'static [$Name] = &[$($Name::$Variant),+];

            /// The wire string (the canonical spelling for a documented value).
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$Variant => $wire,)+
                    Self::_Unknown(v) => v.as_str(),
                }
            }

            /// Whether the docs list this value.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::_Unknown(_))
            }

            /// Every spelling strict parsing and the schema accept.
            pub const fn accepted_spellings() -> &'static [&'static str] {
                &[$($wire, $($alias,)*)+]
            }

            #[allow(dead_code)] // read by the JSON Schema impl, when that is compiled
            fn description_of(&self) -> &'static str {
                match self {
                    $(Self::$Variant => concat!($($vdoc),*),)+
                    Self::_Unknown(_) => "",
                }
            }
        }

        impl From<&str> for $Name {
            fn from(s: &str) -> Self {
                match s {
                    $($wire $(| $alias)* => Self::$Variant,)+
                    other => Self::_Unknown($crate::UnknownValue::__new(other)),
                }
            }
        }

        /// Never fails: an undocumented value is kept (see `is_known`). `Display` writes
        /// back the string parsed, canonically for a documented value's aliases.
        impl ::std::str::FromStr for $Name {
            type Err = ::std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl ::std::fmt::Display for $Name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__serde::Serialize for $Name {
            fn serialize<S: $crate::__serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $Name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::__read_str(deserializer, |s| Ok::<_, ::std::convert::Infallible>(Self::from(s)))
            }
        }

        #[doc(hidden)]
        impl $crate::CheckOnly for $Name {
            type Check = $crate::__KnownValue<$Name>;
        }

        impl $crate::OpenEnum for $Name {
            fn is_known(&self) -> bool {
                $Name::is_known(self)
            }
            fn as_str(&self) -> &str {
                $Name::as_str(self)
            }
            fn accepted_spellings() -> &'static [&'static str] {
                $Name::accepted_spellings()
            }
        }

        #[cfg(feature = "schema")]
        impl $crate::__schemars::JsonSchema for $Name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($Name).into()
            }

            fn json_schema(_: &mut $crate::__schemars::SchemaGenerator) -> $crate::__schemars::Schema {
                let mut description = String::from(concat!($($doc, "\n"),*).trim());
                for v in Self::KNOWN {
                    description.push_str(&format!("\n- `{}`:{}", v.as_str(), v.description_of()));
                }
                $crate::__schemars::json_schema!({
                    "type": "string",
                    "enum": Self::accepted_spellings(),
                    "description": description,
                })
            }
        }
    };
}

/// What strict parsing and drift reports need from any open enumeration.
pub trait OpenEnum {
    /// Whether the docs list this value.
    fn is_known(&self) -> bool;
    /// The wire string.
    fn as_str(&self) -> &str;
    /// Every spelling the docs accept.
    fn accepted_spellings() -> &'static [&'static str];
}
