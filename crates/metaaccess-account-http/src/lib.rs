//! Typed requests and responses of OPSWAT MetaAccess **Account Details**, every version, over
//! the [`http`] crate's types, and an optional blocking client.
//!
//! The core does no I/O and needs no runtime: per version (a module generated from the one
//! version table, so a new version gets one too), a `Request` builds the
//! [`http::Request<Vec<u8>>`](http::Request) its `ENDPOINT` describes, and
//! `try_from_http_response` reads an [`http::Response`] into the version's lenient parse (the
//! document and its drift) or a typed [`ResponseError`]. Send the request with any HTTP
//! library.
//!
//! ```
//! use metaaccess_account::TokenLocation;
//! use metaaccess_account_http::{v3_2, AccessToken, ResponseError};
//!
//! let token = AccessToken::new("TEST7P9ZMJ2LBF8A")?;
//! let request = v3_2::Request::new(token).token_in(TokenLocation::AuthorizationBearer);
//! let http_request = request.try_into_http_request()?;
//! assert_eq!(http_request.method(), "POST");
//! assert_eq!(http_request.uri(), "https://gears.opswat.com/o/api/v3.2/account");
//! assert_eq!(http_request.body(), br#"{"score_type":"opswat_score"}"#);
//! // `http` hides sensitive headers in Debug; the token type hides itself.
//! assert!(!format!("{http_request:?} {request:?}").contains("TEST7P9ZMJ2LBF8A"));
//!
//! let answer = http::Response::builder().status(401).body(Vec::new())?;
//! let err = v3_2::try_from_http_response(answer).unwrap_err();
//! assert_eq!(err, ResponseError::Unauthorized);
//! assert_eq!(err.to_string(), "401 Unauthorized: the access token is invalid or expired");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Where the token goes
//!
//! The parameter tables document an `access_token` header (the default here); OPSWAT's own
//! examples put it in the query string, and public clients send `Authorization: Bearer`. All
//! three are [`TokenLocation`](metaaccess_account::TokenLocation)s listed in
//! `ENDPOINT.access_token.seen`. The token is an [`AccessToken`]: never in `Debug`, `Display` or
//! any error; header values carrying it are marked sensitive.
//!
//! # The client (feature `client`)
//!
//! `client::Client` is **blocking**, on `ureq`. The endpoint allows 10 requests a minute, so
//! a request spends its time waiting for the rate limit, not for I/O: an async client would
//! buy no throughput and would tie users to a runtime; blocking code calls it directly, and
//! async code can call it from `spawn_blocking`. `ureq` without default features adds a handful
//! of small crates and no runtime. Feature `rustls` adds HTTPS (needed for the documented
//! host); `client` alone speaks plain HTTP (a local proxy, tests).
//!
//! The client keeps a token bucket of the documented rate limit shared by its clones, honours
//! `Retry-After` on 429 a bounded number of times, has connect and read timeouts, applies the
//! record-size limit while reading the body, and returns typed errors (`client::ClientError`).

#![cfg_attr(docsrs, feature(doc_cfg))]

/// This crate's README, whose examples are compiled and run as doctests so that they stay true
/// (the client's needs its feature).
#[cfg(all(doctest, feature = "client"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod any;
#[cfg(feature = "client")]
pub mod client;
mod request;
mod response;
mod token;
mod versions;

pub use any::{try_from_http_response_any, AnyRequest};
pub use request::{default_base_url, describe_request, redact_uri, RequestError, Target};
pub use response::{
    check_head, judge_http_response, try_from_http_response, BodyError, ResponseError, RetryAfter,
};
pub use token::{AccessToken, InvalidToken};
pub use versions::*;

/// The `http` crate, whose types this crate's API uses: a public dependency.
pub use http;

use metaaccess_account::{ApiVersion, Parsed};

/// A request to some version of the endpoint: what the client sends and how the answer is
/// read. Implemented by every version's `Request` and by [`AnyRequest`].
pub trait ApiRequest {
    /// The response model.
    type Response;

    /// The version called.
    fn version(&self) -> ApiVersion;

    /// The `http` request.
    fn try_into_http_request(&self) -> Result<http::Request<Vec<u8>>, RequestError>;

    /// Reads the answer: the lenient parse, or a typed error.
    fn try_from_http_response<B: AsRef<[u8]>>(
        &self,
        response: http::Response<B>,
    ) -> Result<Parsed<Self::Response>, ResponseError>;
}
