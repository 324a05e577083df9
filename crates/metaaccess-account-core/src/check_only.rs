//! Check-only readers: for each model type, a type that deserializes from exactly the JSON the
//! model deserializes from (strictly, with no unknown enum value) and keeps nothing of it. The
//! quick "is this document valid?" of [`Document::reads_valid`](crate::Document::reads_valid)
//! reads one instead of the model: no string is copied (unless it holds escapes, which
//! serde_json unescapes into its own buffer), no array stored, nothing freed.
//!
//! Structs get theirs from `#[derive(CheckOnly)]`, which copies their serde attributes, so the
//! model's shape is written once. The leaf types below call the same parsing code as the
//! model's own `Deserialize` (`AnyString` mirrors `String`'s visitor). One rule is written
//! twice: drift. `read_valid` refuses what a model's `unknown_enum_values` reports, and the
//! open enums' check type refuses an unknown value wherever it stands. The law that the two
//! readers agree ties them: `metaaccess-account`'s `check_only` tests, on every version's
//! generated, mutated, edited, fixture and hostile texts, and the verdict laws of the
//! validator's fast path.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::Deserialize;

use crate::{Count, Email, LicenseKey, OpenEnum, Timestamp};

/// A model type with a check-only reader: [`CheckOnly::Check`] deserializes from exactly the
/// JSON that `Self` deserializes from with no unknown enum value, and keeps nothing of it: no
/// string is copied, and the elements of the models' arrays are zero-sized, so an array of
/// them allocates no buffer.
///
/// Derive it for a model struct with `#[derive(CheckOnly)]`, next to `Deserialize`:
///
/// ```
/// use metaaccess_account_core::{CheckOnly, Count, Document};
/// use serde::Deserialize;
///
/// #[derive(Deserialize, CheckOnly)]
/// struct Bucket {
///     #[serde(rename = "n")]
///     number_of_devices: Count,
/// }
///
/// let check = |json| serde_json::from_str::<<Bucket as CheckOnly>::Check>(json).is_ok();
/// assert!(check(r#"{"n": 3}"#));
/// assert!(!check(r#"{"n": -3}"#));
/// assert!(!check(r#"{"number_of_devices": 3}"#));
/// assert_eq!(std::mem::size_of::<<Bucket as CheckOnly>::Check>(), 0);
/// ```
pub trait CheckOnly {
    /// The check-only reader of `Self`.
    type Check: DeserializeOwned;
}

impl<T: CheckOnly> CheckOnly for Option<T> {
    type Check = Option<T::Check>;
}

impl<T: CheckOnly> CheckOnly for Vec<T> {
    type Check = Vec<T::Check>;
}

/// Reads what a `String` reads.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct AnyString;

impl CheckOnly for String {
    type Check = AnyString;
}

impl<'de> Deserialize<'de> for AnyString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // As `String` does: a string, or bytes that are UTF-8.
        struct V;
        impl Visitor<'_> for V {
            type Value = AnyString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<AnyString, E> {
                Ok(AnyString)
            }
            fn visit_string<E: de::Error>(self, _: String) -> Result<AnyString, E> {
                Ok(AnyString)
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<AnyString, E> {
                std::str::from_utf8(v)
                    .map(|_| AnyString)
                    .map_err(|_| E::invalid_value(de::Unexpected::Bytes(v), &self))
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<AnyString, E> {
                self.visit_bytes(&v)
            }
        }
        deserializer.deserialize_string(V)
    }
}

/// Reads what a [`Count`] reads.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct AnyCount;

impl CheckOnly for Count {
    type Check = AnyCount;
}

impl<'de> Deserialize<'de> for AnyCount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Count::deserialize(deserializer).map(|_| AnyCount)
    }
}

/// Reads what an [`Email`] reads.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct AnyEmail;

impl CheckOnly for Email {
    type Check = AnyEmail;
}

impl<'de> Deserialize<'de> for AnyEmail {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::borrowed::read_str(deserializer, |s| {
            crate::format::check_email(s).map(|()| AnyEmail)
        })
    }
}

/// Reads what a [`Timestamp`] reads.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct AnyTimestamp;

impl CheckOnly for Timestamp {
    type Check = AnyTimestamp;
}

impl<'de> Deserialize<'de> for AnyTimestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Every text the grammar accepts has an instant (`timestamp.rs` tests this at the
        // bounds of each part, which are all building one checks), so none is built.
        crate::borrowed::read_str(deserializer, |s| {
            crate::format::parse_date_time(s).map(|_| AnyTimestamp)
        })
    }
}

/// Reads what a [`LicenseKey`] reads.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct AnyLicenseKey;

impl CheckOnly for LicenseKey {
    type Check = AnyLicenseKey;
}

impl<'de> Deserialize<'de> for AnyLicenseKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::secret::read_key(deserializer).map(|_| AnyLicenseKey)
    }
}

/// Reads a documented value of the open enumeration `E`: what `E` reads with
/// [`OpenEnum::is_known`] true. (`open_enum!` implements [`CheckOnly`] with it.)
#[doc(hidden)]
pub struct KnownValue<E>(PhantomData<E>);

impl<E> fmt::Debug for KnownValue<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KnownValue")
    }
}

impl<'de, E: OpenEnum + Deserialize<'de>> Deserialize<'de> for KnownValue<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // An open enum reads any string; only an unknown one allocates, and it is refused.
        let value = E::deserialize(deserializer)?;
        if value.is_known() {
            Ok(Self(PhantomData))
        } else {
            Err(de::Error::custom("an undocumented value"))
        }
    }
}
