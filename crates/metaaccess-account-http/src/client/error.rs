//! What can go wrong calling the endpoint. No variant holds the token: transport messages are
//! masked against the request's secrets before they are kept.

use std::fmt;
use std::time::Duration;

use http::StatusCode;

use crate::{RequestError, ResponseError};

/// An error of [`Client`](super::Client). `Display` names the HTTP status when there is one
/// ("401 Unauthorized: ...") and never shows a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientError {
    /// The request could not be built.
    Request(RequestError),
    /// A timeout expired.
    Timeout {
        /// `"connecting"` or `"reading the response"`.
        during: &'static str,
        /// The timeout.
        after: Duration,
    },
    /// The response body is larger than the record limit (checked while reading).
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The connection could not be made, or broke (closed mid-body, reset, bad HTTP).
    Transport {
        /// What happened, secrets masked.
        message: String,
    },
    /// An answer that is not an account document: a status, content type or body error.
    Response(ResponseError),
}

impl ClientError {
    /// The HTTP status this error is about, if any.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Response(e) => e.status(),
            _ => None,
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Request(e) => e.fmt(f),
            Self::Timeout { during, after } => {
                write!(f, "timed out {during} (after {} ms)", after.as_millis())
            }
            Self::TooLarge { limit } => write!(
                f,
                "the response body is larger than the record limit of {limit} bytes"
            ),
            Self::Transport { message } => write!(f, "transport error: {message}"),
            Self::Response(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ClientError {}

impl From<ResponseError> for ClientError {
    fn from(e: ResponseError) -> Self {
        Self::Response(e)
    }
}

impl From<RequestError> for ClientError {
    fn from(e: RequestError) -> Self {
        Self::Request(e)
    }
}
