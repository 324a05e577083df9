//! Endpoint metadata: what a client needs to call one version of Account Details.

use crate::ApiVersion;

/// The host every documented request goes to.
pub const HOST: &str = "gears.opswat.com";

/// HTTP method of an endpoint.
///
/// `Display` and `FromStr` use the wire name (`"GET"`, `"POST"`; parsing ignores ASCII case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`, no request body (2.0, 3.0, 3.1).
    Get,
    /// `POST` with a JSON body (3.2).
    Post,
}

impl Method {
    /// The method name as sent on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
        }
    }

    /// Every method an endpoint uses.
    pub const ALL: [Method; 2] = [Method::Get, Method::Post];
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string names no [`Method`] an endpoint uses.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("unknown HTTP method {0:?}: expected GET or POST")]
pub struct UnknownMethod(String);

impl std::str::FromStr for Method {
    type Err = UnknownMethod;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownMethod(s.to_owned()))
    }
}

/// A place a request can carry the OAuth 2.0 access token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenLocation {
    /// An `access_token` header: what the parameter tables say.
    Header,
    /// `?access_token=...` in the query string: what every documented example does.
    QueryString,
    /// `Authorization: Bearer ...`: what public client code also does.
    AuthorizationBearer,
}

/// How the access token is passed. The docs contradict themselves, so both the documented and
/// the observed placements are recorded; a captured request may use any of them, and the token
/// is a secret wherever it appears. The OpenAPI documents' security schemes are generated from
/// it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct AccessToken {
    /// Parameter name: `access_token`.
    pub parameter: &'static str,
    /// Where the parameter tables put it.
    pub documented: TokenLocation,
    /// Every placement seen in the docs' examples and in public clients.
    pub seen: &'static [TokenLocation],
}

/// The access token rules shared by all versions.
pub const ACCESS_TOKEN: AccessToken = AccessToken {
    parameter: "access_token",
    documented: TokenLocation::Header,
    seen: &[
        TokenLocation::Header,
        TokenLocation::QueryString,
        TokenLocation::AuthorizationBearer,
    ],
};

/// A documented rate limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests allowed per window.
    pub requests: u32,
    /// Window length in seconds.
    pub per_seconds: u32,
}

/// 10 requests per minute, the limit documented for every version.
pub const RATE_LIMIT: RateLimit = RateLimit {
    requests: 10,
    per_seconds: 60,
};

/// Response headers that report the rate limit (shared "APIs" page).
pub const RATE_LIMIT_HEADERS: [&str; 3] = [
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset-Time",
];

/// HTTP status codes the shared "APIs" page documents for these endpoints, with their meaning.
/// Only 200 carries an account object; no error body shape is documented. (406 and 413 belong
/// to paged APIs and are left out.)
pub const STATUS_CODES: [(u16, &str); 8] = [
    (200, "Success"),
    (400, "Bad request: invalid JSON or input values"),
    (401, "Access token invalid or expired"),
    (404, "Not found"),
    (405, "Wrong HTTP method"),
    (415, "Unsupported media type"),
    (429, "Rate limit exceeded"),
    (500, "Server error"),
];

/// Metadata of one version of the endpoint, declared by each version crate next to its models.
///
/// Not `#[non_exhaustive]`: each version crate builds its `ENDPOINT` with a struct literal, so
/// every fact is written down where the version is. A new field is therefore a breaking change
/// (docs/SEMVER.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Endpoint {
    /// The version this metadata describes.
    pub version: ApiVersion,
    /// The URL path on [`HOST`]. 2.0 and 3.0 use a major-only segment (`/o/api/v2/account`),
    /// later versions the full number (`/o/api/v3.1/account`).
    pub path: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Whether the request has a JSON body.
    pub has_request_body: bool,
    /// Authentication is required for every version.
    pub authentication_required: bool,
    /// Where the access token goes.
    pub access_token: AccessToken,
    /// Documented rate limit.
    pub rate_limit: RateLimit,
    /// The "Last Update" date of the version's doc page.
    pub doc_last_updated: time::Date,
    /// The doc page's change-history note for this version.
    pub change_note: &'static str,
}

impl Endpoint {
    /// The URL path (the same as the `path` field).
    pub const fn path(&self) -> &'static str {
        self.path
    }

    /// Whether a request URL path (without query string) is this endpoint's; a trailing `/` is
    /// tolerated.
    pub fn matches_path(&self, path: &str) -> bool {
        path.strip_suffix('/').unwrap_or(path) == self.path
    }
}

/// A calendar date for endpoint metadata, checked when the constant is evaluated: an invalid
/// date fails the build rather than a run.
pub const fn doc_date(year: i32, month: u8, day: u8) -> time::Date {
    let month = match time::Month::January.nth_next(month.wrapping_sub(1)) {
        m if month >= 1 && month <= 12 => m,
        #[allow(clippy::panic)]
        _ => panic!("month out of range"),
    };
    match time::Date::from_calendar_date(year, month, day) {
        Ok(d) => d,
        #[allow(clippy::panic)]
        Err(_) => panic!("invalid date"),
    }
}
