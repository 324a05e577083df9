//! Building an `http::Request` from a version's `ENDPOINT`: the one place that knows where the
//! token goes.

use std::fmt::{self, Write as _};

use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use http::Uri;
use metaaccess_account::{Endpoint, Method, TokenLocation, HOST, REDACTED};
use metaaccess_account_validate::secrets::is_secret_name;

use crate::AccessToken;

/// The documented base URL, `https://gears.opswat.com`.
pub fn default_base_url() -> String {
    format!("https://{HOST}")
}

/// Where a request goes and how it authenticates: the parts every version shares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Scheme and host (and optionally a path prefix, for a proxy); the endpoint's path is
    /// appended. Default: [`default_base_url`].
    pub base_url: String,
    /// The access token.
    pub token: AccessToken,
    /// Where the token goes. Default: the `access_token` header, as the parameter tables
    /// document; the query string and `Authorization: Bearer` are the placements seen in
    /// OPSWAT's examples and public clients (`ENDPOINT.access_token.seen`).
    pub token_in: TokenLocation,
}

impl Target {
    /// The documented host, the token in the documented `access_token` header.
    pub fn new(token: AccessToken) -> Self {
        Self {
            base_url: default_base_url(),
            token,
            token_in: metaaccess_account::ACCESS_TOKEN.documented,
        }
    }
}

/// Why a request could not be built. Never quotes the token.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// The base URL is not an absolute `http` or `https` URL without query or fragment.
    BaseUrl {
        /// The base URL, as given (it carries no token: the token is added afterwards).
        base_url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The request body could not be serialized.
    Body(String),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BaseUrl { base_url, reason } => {
                write!(f, "invalid base URL {base_url:?}: {reason}")
            }
            Self::Body(e) => write!(f, "the request body could not be written: {e}"),
        }
    }
}

impl std::error::Error for RequestError {}

/// Builds the request of `endpoint` to `target`, with `body` (JSON) when the endpoint has one.
pub(crate) fn build(
    endpoint: &Endpoint,
    target: &Target,
    body: Option<Vec<u8>>,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let base = target.base_url.trim_end_matches('/');
    let bad = |reason| RequestError::BaseUrl {
        base_url: target.base_url.clone(),
        reason,
    };
    let parsed: Uri = base.parse().map_err(|_| bad("not a URL"))?;
    if !matches!(parsed.scheme_str(), Some("http" | "https")) || parsed.authority().is_none() {
        return Err(bad("expected an absolute http:// or https:// URL"));
    }
    if base.contains(['?', '#']) {
        return Err(bad("a query string or fragment is not allowed"));
    }
    let token = target.token.expose();
    let mut url = format!("{base}{}", endpoint.path());
    if target.token_in == TokenLocation::QueryString {
        let _ = write!(
            url,
            "?{}={}",
            endpoint.access_token.parameter,
            percent_encode(token)
        );
    }
    let method = match endpoint.method {
        Method::Post => http::Method::POST,
        _ => http::Method::GET,
    };
    let mut builder = http::Request::builder()
        .method(method)
        .uri(url)
        .header(ACCEPT, "application/json");
    // Tokens are visible ASCII (checked by `AccessToken::new`), so these headers are valid;
    // marked sensitive so that `http`'s Debug and HTTP/2 encoders hide them.
    let secret = |value: String| {
        let mut value = HeaderValue::from_str(&value).map_err(|_| bad("unusable token"));
        if let Ok(v) = &mut value {
            v.set_sensitive(true);
        }
        value
    };
    match target.token_in {
        TokenLocation::Header => {
            builder = builder.header(endpoint.access_token.parameter, secret(token.to_owned())?)
        }
        TokenLocation::AuthorizationBearer => {
            builder = builder.header(AUTHORIZATION, secret(format!("Bearer {token}"))?)
        }
        _ => {}
    }
    let body = match body {
        Some(json) => {
            builder = builder.header(CONTENT_TYPE, "application/json");
            json
        }
        None => Vec::new(),
    };
    builder
        .body(body)
        .map_err(|_| bad("not a URL once the endpoint path is added"))
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A URI with the value of every secret-named query parameter (`access_token`, `api_key` ...)
/// replaced by `<redacted>`: for logs and messages.
///
/// ```
/// use metaaccess_account_http::redact_uri;
/// let uri = "https://gears.opswat.com/o/api/v3/account?access_token=SECRET&x=1".parse().unwrap();
/// assert_eq!(redact_uri(&uri), "https://gears.opswat.com/o/api/v3/account?access_token=<redacted>&x=1");
/// ```
pub fn redact_uri(uri: &Uri) -> String {
    let text = uri.to_string();
    let Some((head, query)) = text.split_once('?') else {
        return text;
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if is_secret_name(name) => format!("{name}={REDACTED}"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{head}?{}", pairs.join("&"))
}

/// A request as text for logs and tests: method, URI ([`redact_uri`]), headers (sensitive and
/// secret-named ones as `<redacted>`) and body.
pub fn describe_request(request: &http::Request<Vec<u8>>) -> String {
    let mut out = format!("{} {}\n", request.method(), redact_uri(request.uri()));
    for (name, value) in request.headers() {
        let text = value.to_str().unwrap_or_default();
        let shown = if name == AUTHORIZATION {
            // The scheme says how the token was sent; only the credentials are secret.
            match text.split_once(' ') {
                Some((scheme, _)) => format!("{scheme} {REDACTED}"),
                None => REDACTED.to_owned(),
            }
        } else if value.is_sensitive() || is_secret_name(name.as_str()) || value.to_str().is_err() {
            REDACTED.to_owned()
        } else {
            text.to_owned()
        };
        let _ = writeln!(out, "{name}: {shown}");
    }
    if !request.body().is_empty() {
        let _ = writeln!(out, "\n{}", String::from_utf8_lossy(request.body()));
    }
    out
}
