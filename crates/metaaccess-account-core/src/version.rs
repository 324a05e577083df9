//! The published versions of the Account Details API.
//!
//! [`api_versions!`](crate::api_versions) is the one list of versions. [`ApiVersion`] is
//! generated from it here; the facade generates its version modules, dispatch functions and
//! `AnyAccountDetails` from it; everything else iterates [`ApiVersion::ALL`].

use std::fmt;
use std::str::FromStr;

/// The one list of published versions, oldest first: the only place a version is written down.
///
/// Each line reads `Variant = "number", module, crate_name` and, when the version has a
/// request body, `request TypeName`. It hands the list to `$callback!`, so each crate that needs
/// per-version code generates it from this list instead of keeping its own copy. Adding a
/// version (see CONTRIBUTING.md, `cargo xtask new-version`) adds one line here.
#[macro_export]
macro_rules! api_versions {
    ($callback:ident) => {
        $callback! {
            /// 2.0: `GET /o/api/v2/account`, flat device counts.
            V2_0 = "2.0", v2_0, metaaccess_account_v2_0;
            /// 3.0: `GET /o/api/v3/account`, adds `devices_unknown` and (mid-life) `license_key`.
            V3_0 = "3.0", v3_0, metaaccess_account_v3_0;
            /// 3.1: `GET /o/api/v3.1/account`, flat counts replaced by three arrays.
            V3_1 = "3.1", v3_1, metaaccess_account_v3_1;
            /// 3.2: `POST /o/api/v3.2/account`, request body `score_type`, more vulnerability
            /// severities.
            V3_2 = "3.2", v3_2, metaaccess_account_v3_2, request AccountDetailsRequest;
        }
    };
}

macro_rules! declare_api_version {
    ($(
        $(#[$doc:meta])*
        $V:ident = $number:literal, $module:ident, $krate:ident $(, request $Req:ident)?;
    )+) => {
        /// A published version of the Account Details API.
        ///
        /// Generated from [`api_versions!`](crate::api_versions). Exhaustive by design (not
        /// `#[non_exhaustive]`): adding a version is a breaking change on purpose, so that every
        /// `match` over versions in downstream code has to decide what the new one means. Each
        /// new API version is released as a breaking version of every crate (docs/SEMVER.md).
        ///
        /// `Display` writes the number (`3.1`) and `FromStr` reads it back, along with the
        /// spellings of [`ApiVersion::from_str`](std::str::FromStr::from_str).
        ///
        /// ```
        /// use metaaccess_account_core::ApiVersion;
        ///
        /// let v: ApiVersion = "v3.1".parse().unwrap();
        /// assert_eq!(v, ApiVersion::V3_1);
        /// assert_eq!(v.to_string(), "3.1");
        /// assert_eq!(v.dir_name(), "v3.1");
        /// assert!(ApiVersion::V2_0 < ApiVersion::V3_2);
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ApiVersion {
            $( $(#[$doc])* $V, )+
        }

        /// How many versions are published.
        const COUNT: usize = <[&str]>::len(&[$(stringify!($V)),+]);

        impl ApiVersion {
            /// Every published version, oldest first.
            pub const ALL: [ApiVersion; COUNT] = [$(Self::$V),+];

            /// The version number as the docs write it, e.g. `"3.1"`.
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$V => $number,)+ }
            }

            /// The folder name used for this version in `schemas/` and `fixtures/`, e.g. `"v3.1"`.
            pub const fn dir_name(self) -> &'static str {
                match self { $(Self::$V => concat!("v", $number),)+ }
            }

            /// The Rust module (and crate suffix) of this version, e.g. `"v3_1"`.
            pub const fn module_name(self) -> &'static str {
                match self { $(Self::$V => stringify!($module),)+ }
            }
        }
    };
}

api_versions!(declare_api_version);

impl ApiVersion {
    /// The newest version: the shape that conversions upgrade to.
    pub const LATEST: ApiVersion = Self::ALL[Self::ALL.len() - 1];

    /// The version before this one, if any.
    pub fn previous(self) -> Option<Self> {
        self.index().checked_sub(1).map(|i| Self::ALL[i])
    }

    /// The version after this one, if any.
    pub fn next(self) -> Option<Self> {
        Self::ALL.get(self.index() + 1).copied()
    }

    /// The position of this version in [`ApiVersion::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Every version number, comma separated, for messages and help texts: `2.0, 3.0, ...`.
    pub fn list() -> String {
        let numbers: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
        numbers.join(", ")
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string names no published version.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownVersion {
    given: String,
}

impl fmt::Display for UnknownVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown API version {:?}: expected one of {} (an optional leading `v` is allowed)",
            self.given,
            ApiVersion::list()
        )
    }
}

impl std::error::Error for UnknownVersion {}

impl FromStr for ApiVersion {
    type Err = UnknownVersion;

    /// Accepts `3.1`, `v3.1`, `V3.1`, and for `X.0` versions the major-only form `X`/`vX`
    /// that their URL paths use (`v2`, `v3`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        let bare = trimmed
            .strip_prefix('v')
            .or_else(|| trimmed.strip_prefix('V'))
            .unwrap_or(trimmed);
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.as_str() == bare || v.as_str().strip_suffix(".0") == Some(bare))
            .ok_or_else(|| UnknownVersion {
                given: s.to_owned(),
            })
    }
}

impl serde::Serialize for ApiVersion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ApiVersion {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::borrowed::read_str(deserializer, str::parse)
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
            assert_eq!(format!("V{v}").parse::<ApiVersion>(), Ok(v));
            assert_eq!(v.dir_name().parse::<ApiVersion>(), Ok(v));
            assert_eq!(v.module_name().replace('_', "."), v.dir_name());
        }
        assert_eq!("v2".parse::<ApiVersion>(), Ok(ApiVersion::V2_0));
        for bad in ["", "v", "9.9", "3.", ".1", "v3.1.0", "31"] {
            let err = bad.parse::<ApiVersion>().unwrap_err().to_string();
            assert!(err.contains(&ApiVersion::list()), "{err}");
        }
    }

    #[test]
    fn order_and_neighbours_follow_the_list() {
        assert!(ApiVersion::ALL.windows(2).all(|w| w[0] < w[1]));
        for (i, &v) in ApiVersion::ALL.iter().enumerate() {
            assert_eq!(v.index(), i);
            assert_eq!(v.previous(), i.checked_sub(1).map(|j| ApiVersion::ALL[j]));
            assert_eq!(v.next(), ApiVersion::ALL.get(i + 1).copied());
        }
        assert_eq!(ApiVersion::LATEST.next(), None);
        assert_eq!(ApiVersion::ALL[0].previous(), None);
    }
}
