//! The access token: sent, never shown.

use std::fmt;

use metaaccess_account::REDACTED;

/// The OAuth 2.0 access token of the API.
///
/// `Debug` and `Display` never show it, and no error of this crate quotes it; read it on
/// purpose with [`AccessToken::expose`]. Only visible ASCII is accepted, so that it can go in a
/// header or a query string unchanged.
///
/// ```
/// use metaaccess_account_http::AccessToken;
/// let token = AccessToken::new("TEST7P9ZMJ2LBF8A").unwrap();
/// assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
/// assert_eq!(token.to_string(), "<redacted>");
/// assert_eq!(token.expose(), "TEST7P9ZMJ2LBF8A");
/// let err = AccessToken::new("bad token").unwrap_err();
/// assert!(!err.to_string().contains("bad"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

/// Why a string cannot be an access token. Never quotes the string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InvalidToken {
    /// The token is empty.
    Empty,
    /// It holds a space, a control character or non-ASCII text.
    NotVisibleAscii,
}

impl fmt::Display for InvalidToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "the access token is empty",
            Self::NotVisibleAscii => {
                "the access token holds a space, a control character or non-ASCII text \
                 (only visible ASCII can be sent)"
            }
        })
    }
}

impl std::error::Error for InvalidToken {}

impl AccessToken {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Result<Self, InvalidToken> {
        let token = token.into();
        if token.is_empty() {
            Err(InvalidToken::Empty)
        } else if !token.bytes().all(|b| b.is_ascii_graphic()) {
            Err(InvalidToken::NotVisibleAscii)
        } else {
            Ok(Self(token))
        }
    }

    /// The token itself. Callers that print or log it take responsibility for that.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccessToken({REDACTED})")
    }
}

impl fmt::Display for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}
