//! Reading an `http::Response`: status and content type first, then the body through the
//! verdict library.

use std::fmt;
use std::time::{Duration, SystemTime};

use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::StatusCode;
use metaaccess_account::time::{Date, Month, PrimitiveDateTime, Time};
use metaaccess_account::{ApiVersion, Document, DocumentKind, Parsed};
use metaaccess_account_validate::{Problem, Status, Validator, Verdict};

/// How long to wait before retrying, from a `Retry-After` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryAfter {
    /// `Retry-After: 120`: a delay.
    Delay(Duration),
    /// `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`: a point in time.
    At(SystemTime),
}

impl RetryAfter {
    /// Reads a `Retry-After` value: delay seconds or an HTTP date.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use metaaccess_account_http::RetryAfter;
    /// assert_eq!(RetryAfter::parse("7"), Some(RetryAfter::Delay(Duration::from_secs(7))));
    /// let at = SystemTime::UNIX_EPOCH + Duration::from_secs(784111777);
    /// assert_eq!(RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT"), Some(RetryAfter::At(at)));
    /// assert_eq!(RetryAfter::parse("soon"), None);
    /// ```
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if let Ok(secs) = value.parse::<u64>() {
            return Some(Self::Delay(Duration::from_secs(secs)));
        }
        let secs = u64::try_from(http_date(value)?).ok()?;
        Some(Self::At(SystemTime::UNIX_EPOCH + Duration::from_secs(secs)))
    }

    /// The delay from `now` (zero for a time already past).
    pub fn delay_from(self, now: SystemTime) -> Duration {
        match self {
            Self::Delay(d) => d,
            Self::At(at) => at.duration_since(now).unwrap_or_default(),
        }
    }
}

impl fmt::Display for RetryAfter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Delay(d) => write!(f, "{} s", d.as_secs()),
            Self::At(at) => match at.duration_since(SystemTime::UNIX_EPOCH) {
                Ok(d) => write!(f, "the time {} (Unix seconds)", d.as_secs()),
                Err(_) => f.write_str("a time before 1970"),
            },
        }
    }
}

/// Unix seconds of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the HTTP date format
/// servers must send (RFC 9110, section 5.6.7).
fn http_date(s: &str) -> Option<i64> {
    let (_weekday, rest) = s.split_once(", ")?;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, clock, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month_index = MONTHS.iter().position(|m| m == month)?;
    let month = Month::January.nth_next(u8::try_from(month_index).ok()?);
    let date = Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()?;
    let hms: Vec<u8> = clock
        .split(':')
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, sec] = hms.as_slice() else {
        return None;
    };
    let time = Time::from_hms(*h, *m, *sec).ok()?;
    Some(
        PrimitiveDateTime::new(date, time)
            .assume_utc()
            .unix_timestamp(),
    )
}

/// The problems of a response body that is not an account document of the version: the
/// verdict library's messages, secrets masked.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BodyError {
    /// The version the body was checked against.
    pub version: ApiVersion,
    /// Each problem at a JSON pointer.
    pub problems: Vec<Problem>,
    /// Problems left out (the verdict library keeps 20 by default).
    pub more_problems: usize,
    /// A remark from the verdict library, if any.
    pub note: Option<String>,
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response body is not a valid {} account document",
            self.version
        )?;
        for p in &self.problems {
            let at = if p.instance_path.is_empty() {
                "(document)"
            } else {
                &p.instance_path
            };
            write!(f, "; {at}: {}", p.message)?;
        }
        if self.more_problems > 0 {
            write!(f, "; and {} more", self.more_problems)?;
        }
        Ok(())
    }
}

/// Why a response is not an account document. `Display` starts with the status when there is
/// one ("401 Unauthorized: ...") and never shows a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseError {
    /// 401: the access token is invalid or expired.
    Unauthorized,
    /// 429: over the rate limit (10 requests a minute), with the server's `Retry-After`.
    RateLimited {
        /// When to retry, if the server said.
        retry_after: Option<RetryAfter>,
    },
    /// 5xx.
    Server {
        /// The status.
        status: StatusCode,
    },
    /// Any other status but 200.
    UnexpectedStatus {
        /// The status.
        status: StatusCode,
    },
    /// A 200 that is not `application/json`.
    UnexpectedContentType {
        /// The `Content-Type` header, if any (clipped to 100 characters).
        content_type: Option<String>,
    },
    /// A JSON 200 whose body is not an account document of the version.
    Body(BodyError),
}

impl ResponseError {
    /// The HTTP status this error is about (`None` for content type and body errors, which
    /// come with a 200).
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Unauthorized => Some(StatusCode::UNAUTHORIZED),
            Self::RateLimited { .. } => Some(StatusCode::TOO_MANY_REQUESTS),
            Self::Server { status } | Self::UnexpectedStatus { status } => Some(*status),
            Self::UnexpectedContentType { .. } | Self::Body(_) => None,
        }
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(status) = self.status() {
            write!(f, "{status}: ")?;
        }
        match self {
            Self::Unauthorized => f.write_str("the access token is invalid or expired"),
            Self::RateLimited { retry_after } => {
                f.write_str("over the rate limit of 10 requests a minute")?;
                match retry_after {
                    Some(r) => write!(f, "; retry after {r}"),
                    None => Ok(()),
                }
            }
            Self::Server { .. } => f.write_str("server error"),
            Self::UnexpectedStatus { .. } => f.write_str("unexpected status (expected 200 OK)"),
            Self::UnexpectedContentType { content_type } => match content_type {
                Some(t) => write!(
                    f,
                    "200 OK with content type {t:?}, expected application/json"
                ),
                None => f.write_str("200 OK without a content type, expected application/json"),
            },
            Self::Body(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ResponseError {}

impl From<BodyError> for ResponseError {
    fn from(e: BodyError) -> Self {
        Self::Body(e)
    }
}

/// Checks what comes before the body: a 200 (anything else is a typed error) with a JSON
/// content type.
pub fn check_head<B>(response: &http::Response<B>) -> Result<(), ResponseError> {
    let status = response.status();
    match status.as_u16() {
        200 => {}
        401 => return Err(ResponseError::Unauthorized),
        429 => {
            let retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(RetryAfter::parse);
            return Err(ResponseError::RateLimited { retry_after });
        }
        500..=599 => return Err(ResponseError::Server { status }),
        _ => return Err(ResponseError::UnexpectedStatus { status }),
    }
    let content_type = response.headers().get(CONTENT_TYPE);
    let essence = content_type.and_then(|v| v.to_str().ok()).map(|t| {
        t.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    });
    match essence.as_deref() {
        Some("application/json") => Ok(()),
        Some(t) if t.starts_with("application/") && t.ends_with("+json") => Ok(()),
        _ => Err(ResponseError::UnexpectedContentType {
            content_type: content_type.map(|v| {
                String::from_utf8_lossy(v.as_bytes())
                    .chars()
                    .take(100)
                    .collect()
            }),
        }),
    }
}

/// The verdict on a response of `version`: [`check_head`], then the body through `validator`
/// (whatever the verdict's status). For callers that report verdicts, like the command-line
/// tool; [`try_from_http_response`] is the typed path.
pub fn judge_http_response<B: AsRef<[u8]>>(
    version: ApiVersion,
    response: &http::Response<B>,
    validator: &Validator,
) -> Result<Verdict, ResponseError> {
    check_head(response)?;
    Ok(validator.validate(
        response.body().as_ref(),
        DocumentKind::Response,
        Some(version),
    ))
}

/// A response of `T`'s version, read leniently: the document and its drift, or a typed error.
/// The body is judged by the verdict library first (hostile-input parsing, the schema and the
/// model), so a body error carries its precise, masked problems.
pub fn try_from_http_response<T: Document, B: AsRef<[u8]>>(
    response: http::Response<B>,
) -> Result<Parsed<T>, ResponseError> {
    let verdict = judge_http_response(T::VERSION, &response, &Validator::default())?;
    accepted(verdict, |value| T::from_json_value(value))
}

/// The lenient parse of an accepted verdict's document, or the verdict's problems.
pub(crate) fn accepted<T>(
    verdict: Verdict,
    parse: impl FnOnce(&serde_json::Value) -> Result<Parsed<T>, metaaccess_account::ParseError>,
) -> Result<Parsed<T>, ResponseError> {
    let version = verdict.api_version.unwrap_or(ApiVersion::LATEST);
    let body_error = |problems, more_problems, note| {
        ResponseError::Body(BodyError {
            version,
            problems,
            more_problems,
            note,
        })
    };
    if verdict.status == Status::Invalid {
        return Err(body_error(
            verdict.errors,
            verdict.more_errors,
            verdict.note,
        ));
    }
    let Some(document) = &verdict.document else {
        let problem = Problem::new("", "no JSON document to read");
        return Err(body_error(vec![problem], 0, None));
    };
    // The verdict library accepted it with this version's model, so this parse succeeds; an
    // error is reported all the same, masked like the verdict's own messages.
    parse(document).map_err(|e| {
        let message = verdict.secrets.mask_or_withhold(e.message());
        body_error(vec![Problem::new(e.pointer(), message)], 0, None)
    })
}
