//! OPSWAT MetaAccess "Account Details", API version 2.0.
//!
//! `GET https://gears.opswat.com/o/api/v2/account`. Change in this version (2018-01-30):
//! `devices_critical` and `devices_issues` added to the response (so earlier 2.0 responses
//! lack them, like the example on the shared "APIs" page).
//!
//! ```
//! use metaaccess_account_v2_0::{AccountDetails, Document};
//!
//! let json = include_str!("../doc-examples/response.json");
//! let account = AccountDetails::from_json_str_strict(json)?;
//! assert_eq!(account.devices_uncompliant.get(), 5);
//! assert_eq!(account.devices_critical, None); // from before 2018-01-30
//! # Ok::<(), metaaccess_account_v2_0::ParseError>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

/// This crate's README, whose example is compiled and run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod response;

pub use metaaccess_account_core::{
    ApiVersion, Count, Document, Drift, Email, ParseError, Parsed, Timestamp,
};
pub use response::*;

use metaaccess_account_core::{doc_date, Endpoint, Method, ACCESS_TOKEN, RATE_LIMIT};

/// Endpoint metadata of version 2.0.
pub const ENDPOINT: Endpoint = Endpoint {
    version: ApiVersion::V2_0,
    path: "/o/api/v2/account",
    method: Method::Get,
    has_request_body: false,
    authentication_required: true,
    access_token: ACCESS_TOKEN,
    rate_limit: RATE_LIMIT,
    doc_last_updated: doc_date(2018, 1, 30),
    change_note: "devices_critical and devices_issues added to the response",
};
