//! Shared building blocks of the MetaAccess "Account Details" models.
//!
//! The version crates (`metaaccess-account-v2_0` ... `-v3_2`) build their wire models from
//! these pieces; most users reach them through the `metaaccess-account` facade instead.
//!
//! - [`ApiVersion`]: the one list of published versions.
//! - [`Endpoint`]: method, path, token placement, rate limit and doc dates of a version.
//! - Value types with honest wire rules: [`Count`], [`Timestamp`], [`Email`], [`LicenseKey`]
//!   (a secret that `Debug` and `Display` never show).
//! - [`open_enum!`]: enumerations that keep undocumented values.
//! - [`Document`]: lenient and strict parsing with JSON-pointer errors and drift reports.

#![cfg_attr(docsrs, feature(doc_cfg))]

/// This crate's README, whose example is compiled and run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod borrowed;
mod check_only;
mod count;
mod email;
mod endpoint;
mod format;
mod open_enum;
mod parse;
#[cfg(feature = "schema")]
pub mod schema;
mod secret;
mod strict;
mod timestamp;
mod version;

#[doc(hidden)]
pub use borrowed::read_str as __read_str;
pub use check_only::CheckOnly;
#[doc(hidden)]
pub use check_only::KnownValue as __KnownValue;
pub use count::{Count, CountOutOfRange, MAX_COUNT};
pub use email::{Email, InvalidEmail};
pub use endpoint::{
    doc_date, AccessToken, Endpoint, Method, RateLimit, TokenLocation, UnknownMethod, ACCESS_TOKEN,
    HOST, RATE_LIMIT, RATE_LIMIT_HEADERS, STATUS_CODES,
};
/// `#[derive(CheckOnly)]`: see [`CheckOnly`].
pub use metaaccess_account_derive::CheckOnly;
pub use open_enum::{OpenEnum, UnknownValue};
pub use parse::{
    added_mid_life, escape_pointer_token, objects_only, Document, DocumentKind, Drift, DriftKind,
    ParseError, ParseErrorKind, Parsed, UnknownDocumentKind,
};
pub use secret::{LicenseKey, REDACTED};
/// The `time` crate, whose `Date` and `OffsetDateTime` appear in this API
/// ([`Endpoint::doc_last_updated`], [`Timestamp::as_offset_date_time`]): a public dependency.
pub use time;
pub use timestamp::{InvalidTimestamp, Timestamp};
pub use version::{ApiVersion, UnknownVersion};

#[cfg(feature = "schema")]
#[doc(hidden)]
pub use schemars as __schemars;
#[doc(hidden)]
pub use serde as __serde;
