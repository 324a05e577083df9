//! OPSWAT MetaAccess "Account Details", API version 3.1.
//!
//! `GET https://gears.opswat.com/o/api/v3.1/account`. Change in this version (2019-01-22):
//! "updated json response format": the flat device counts of 3.0 are replaced by three
//! arrays of `{status|severity, number_of_devices}` buckets.
//!
//! ```
//! use metaaccess_account_v3_1::{AccountDetails, Document, DeviceStatus};
//!
//! let json = include_str!("../doc-examples/response.json");
//! let account = AccountDetails::from_json_str_strict(json)?;
//! assert_eq!(account.devices_used.get(), 120);
//! assert_eq!(account.devices_by_status[1].status, DeviceStatus::NonCompliant);
//! // The license key is data, but Debug never shows it.
//! assert!(!format!("{account:?}").contains(account.license_key.expose()));
//! # Ok::<(), metaaccess_account_v3_1::ParseError>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

/// This crate's README, whose example is compiled and run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod response;

pub use metaaccess_account_core::{
    ApiVersion, Count, Document, Drift, Email, LicenseKey, ParseError, Parsed, Timestamp,
};
pub use response::*;

use metaaccess_account_core::{doc_date, Endpoint, Method, ACCESS_TOKEN, RATE_LIMIT};

/// Endpoint metadata of version 3.1.
pub const ENDPOINT: Endpoint = Endpoint {
    version: ApiVersion::V3_1,
    path: "/o/api/v3.1/account",
    method: Method::Get,
    has_request_body: false,
    authentication_required: true,
    access_token: ACCESS_TOKEN,
    rate_limit: RATE_LIMIT,
    // The page exists in two copies, dated 2019-01-09 and 2019-01-22; this is the later one.
    doc_last_updated: doc_date(2019, 1, 22),
    change_note: "updated json response format: flat device counts replaced by three arrays",
};
