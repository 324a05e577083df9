//! The published versions of the Account Details API: the one list everything else derives from.

use std::fmt;
use std::str::FromStr;

/// A published version of the Account Details API.
///
/// This is the single list of supported versions: schemas, endpoint metadata, conversion steps
/// and the changelog are all derived from it. Adding a version is a breaking change on purpose,
/// so that every `match` over versions in downstream code has to decide what the new one means.
///
/// ```
/// use metaaccess_account_core::ApiVersion;
///
/// let v: ApiVersion = "v3.1".parse().unwrap();
/// assert_eq!(v, ApiVersion::V3_1);
/// assert_eq!(v.to_string(), "3.1");
/// assert_eq!(v.path(), "/o/api/v3.1/account");
/// assert!(ApiVersion::V2_0 < ApiVersion::V3_2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiVersion {
    /// 2.0: `GET /o/api/v2/account`, flat device counts.
    V2_0,
    /// 3.0: `GET /o/api/v3/account`, adds `devices_unknown` and (mid-life) `license_key`.
    V3_0,
    /// 3.1: `GET /o/api/v3.1/account`, flat counts replaced by three arrays.
    V3_1,
    /// 3.2: `POST /o/api/v3.2/account`, request body `score_type`, more vulnerability severities.
    V3_2,
}

impl ApiVersion {
    /// Every published version, oldest first.
    pub const ALL: [ApiVersion; 4] = [Self::V2_0, Self::V3_0, Self::V3_1, Self::V3_2];

    /// The newest version: the shape that conversions upgrade to.
    pub const LATEST: ApiVersion = Self::V3_2;

    /// The version number as the docs write it: `"2.0"`, `"3.0"`, `"3.1"`, `"3.2"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::V2_0 => "2.0",
            Self::V3_0 => "3.0",
            Self::V3_1 => "3.1",
            Self::V3_2 => "3.2",
        }
    }

    /// The folder name used for this version in `schemas/` and fixtures: `"v3.1"`.
    pub const fn dir_name(self) -> &'static str {
        match self {
            Self::V2_0 => "v2.0",
            Self::V3_0 => "v3.0",
            Self::V3_1 => "v3.1",
            Self::V3_2 => "v3.2",
        }
    }

    /// The URL path of the endpoint on `gears.opswat.com`.
    ///
    /// 2.0 and 3.0 use a major-only segment (`v2`, `v3`), later versions the full number.
    pub const fn path(self) -> &'static str {
        match self {
            Self::V2_0 => "/o/api/v2/account",
            Self::V3_0 => "/o/api/v3/account",
            Self::V3_1 => "/o/api/v3.1/account",
            Self::V3_2 => "/o/api/v3.2/account",
        }
    }

    /// The version whose endpoint has this URL path (a trailing `/` is tolerated).
    ///
    /// ```
    /// use metaaccess_account_core::ApiVersion;
    /// assert_eq!(ApiVersion::from_path("/o/api/v3/account"), Some(ApiVersion::V3_0));
    /// assert_eq!(ApiVersion::from_path("/o/api/v3/devices"), None);
    /// ```
    pub fn from_path(path: &str) -> Option<Self> {
        let path = path.strip_suffix('/').unwrap_or(path);
        Self::ALL.into_iter().find(|v| v.path() == path)
    }

    /// The version before this one, if any.
    pub fn previous(self) -> Option<Self> {
        let i = self.index();
        i.checked_sub(1).map(|i| Self::ALL[i])
    }

    /// The version after this one, if any.
    pub fn next(self) -> Option<Self> {
        Self::ALL.get(self.index() + 1).copied()
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string names no published version.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown API version {given:?}: expected one of 2.0, 3.0, 3.1, 3.2 (an optional leading `v` is allowed)")]
pub struct UnknownVersion {
    given: String,
}

impl FromStr for ApiVersion {
    type Err = UnknownVersion;

    /// Accepts `3.1`, `v3.1`, `V3.1`, and the major-only path forms `v2`/`v3` of 2.0 and 3.0.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        let bare = trimmed
            .strip_prefix('v')
            .or_else(|| trimmed.strip_prefix('V'))
            .unwrap_or(trimmed);
        match bare {
            "2.0" | "2" => Ok(Self::V2_0),
            "3.0" | "3" => Ok(Self::V3_0),
            "3.1" => Ok(Self::V3_1),
            "3.2" => Ok(Self::V3_2),
            _ => Err(UnknownVersion {
                given: s.to_owned(),
            }),
        }
    }
}

impl serde::Serialize for ApiVersion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ApiVersion {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_documented_spelling_and_displays_canonically() {
        for v in ApiVersion::ALL {
            assert_eq!(v.as_str().parse::<ApiVersion>(), Ok(v));
            assert_eq!(format!("v{v}").parse::<ApiVersion>(), Ok(v));
            assert_eq!(v.dir_name().parse::<ApiVersion>(), Ok(v));
            assert_eq!(ApiVersion::from_path(v.path()), Some(v));
        }
        assert!("3.3".parse::<ApiVersion>().is_err());
        assert!("".parse::<ApiVersion>().is_err());
    }

    #[test]
    fn order_and_neighbours_follow_the_list() {
        assert!(ApiVersion::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ApiVersion::V2_0.previous(), None);
        assert_eq!(ApiVersion::V3_0.previous(), Some(ApiVersion::V2_0));
        assert_eq!(ApiVersion::V3_1.next(), Some(ApiVersion::V3_2));
        assert_eq!(ApiVersion::LATEST.next(), None);
    }
}
