//! The version changes, one module per adjacent pair of versions, and [`CHANGES`], their list.
//!
//! Each module exports one `const CHANGE: VersionChange` declaring the change's name, versions,
//! changelog line and field rules; the engine executes those rules in both directions, and the
//! report sentences, the README's rules table and the changelog are rendered from them.
//!
//! Adding an API version whose response has the same shape as the previous one takes a new
//! module holding one line,
//!
//! ```ignore
//! pub const CHANGE: VersionChange =
//!     VersionChange::same_shape("short-name", ApiVersion::V3_2, ApiVersion::V3_3, "what changed");
//! ```
//!
//! and its name appended to the list below. A test fails while some adjacent pair of
//! `ApiVersion::ALL` has no change, or the list is out of order.

use crate::change::VersionChange;

/// Declares the change modules and lists their `CHANGE`s in order, so that a new change is one
/// word in one place.
macro_rules! changes {
    ($($unit:ident),+ $(,)?) => {
        $(pub mod $unit;)+

        /// Every version change, oldest first: `CHANGES[i]` goes from `ApiVersion::ALL[i]` to
        /// `ApiVersion::ALL[i + 1]`.
        pub const CHANGES: &[VersionChange] = &[$($unit::CHANGE),+];
    };
}

changes! {
    unknown_devices_and_license_key,
    bucketed_device_counts,
    cvss_severities,
}

/// The change from `version` to the next one.
pub fn change_up_from(version: metaaccess_account::ApiVersion) -> Option<&'static VersionChange> {
    CHANGES.iter().find(|c| c.from == version)
}

#[cfg(test)]
mod tests {
    use metaaccess_account::ApiVersion;

    use super::CHANGES;

    #[test]
    fn one_change_per_adjacent_pair_of_versions() {
        let pairs: Vec<_> = ApiVersion::ALL.windows(2).map(|p| (p[0], p[1])).collect();
        let changes: Vec<_> = CHANGES.iter().map(|c| (c.from, c.to)).collect();
        assert_eq!(changes, pairs, "one change per adjacent pair, oldest first");
        let mut names: Vec<_> = CHANGES.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CHANGES.len(), "change names are unique");
    }
}
