//! The vocabulary of version changes: what one change of the API declares, rule by rule.
//!
//! A [`VersionChange`] relates two adjacent versions. Each [`Rule`] relates places of the older
//! document to places of the newer one, and says what happens in both directions; the engine
//! executes the rules, and every report sentence, the README's rules table and the changelog
//! are rendered from them. Nothing about a particular pair of versions lives outside its
//! change.

use metaaccess_account::ApiVersion;

/// A top-level array of `{<key>: <value>, "number_of_devices": <count>}` buckets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Array {
    /// The field name, e.g. `devices_by_status`.
    pub name: &'static str,
    /// The member naming each bucket, e.g. `status`.
    pub key: &'static str,
}

/// A place a value can hold in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Place {
    /// A top-level field.
    Field(&'static str),
    /// A whole bucket array.
    Array(Array),
    /// The count of one bucket of an array, named by its key's value.
    Bucket(Array, &'static str),
}

/// A formula computing a count from counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Formula {
    /// `a - b`. A contradiction when `b` exceeds `a`; its inverse is the sum `b + result`.
    Difference(Place, Place),
}

/// What downgrading does with a derived value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Downgrade {
    /// Restores the difference's first operand as the sum of its second operand (at its newer
    /// place) and the derived value. When the upgrade cannot derive the value, the first operand
    /// is carried instead, so that the round trip stays exact.
    Inverse,
    /// The older version has no place for the derived value: it is dropped.
    Dropped,
}

/// A value of the newer version computed from values of the older one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Derivation {
    /// Where the value goes in the newer version.
    pub newer: Place,
    /// How it is computed from places of the older version.
    pub formula: Formula,
    /// What must be true of the source for the formula to hold.
    pub assumption: &'static str,
    /// What downgrading does with it.
    pub downgrade: Downgrade,
}

/// How places of two adjacent versions relate, in both directions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// Fields with the same name and meaning in both versions: copied both ways, not reported.
    Copied(&'static [&'static str]),
    /// Every field and bucket is the same in both versions: the document is copied as it is.
    EveryFieldCopied,
    /// Copied both ways; the older version may lack the field (it was added during that
    /// version's life, `why`), so upgrading a document without it leaves it unavailable.
    CopiedWhenPresent {
        /// The field.
        field: &'static str,
        /// Why an older document may lack it.
        why: &'static str,
    },
    /// The same value at another place: renamed, or moved into or out of a bucket.
    Moved {
        /// Its place in the older version.
        older: Place,
        /// Its place in the newer version.
        newer: Place,
    },
    /// Only the newer version has it: unavailable on upgrade, dropped on downgrade.
    Added {
        /// Its place in the newer version.
        newer: Place,
        /// Why the older version cannot supply it.
        why: &'static str,
        /// Whether the newer version may lack it (then an upgrade can still be complete).
        optional: bool,
    },
    /// Only the older version has it: dropped on upgrade, unavailable on downgrade.
    Removed {
        /// Its place in the older version.
        older: Place,
        /// Why the newer version cannot supply it.
        why: &'static str,
    },
    /// The newer array accepts bucket values the older version cannot hold: such buckets are
    /// dropped on downgrade. No `values` means every value no other rule of the change places
    /// (undocumented ones included).
    NewValues {
        /// The array.
        array: Array,
        /// The values, or none for "every value not placed by another rule".
        values: &'static [&'static str],
        /// Why the older version cannot hold them.
        why: &'static str,
    },
    /// A newer value computed by a formula, reported as derived with its assumption.
    Derived(Derivation),
    /// Only the total of several newer places follows from the older document: reported as
    /// derived on upgrade, written nowhere (the places stay unavailable).
    Total {
        /// The places whose total is known.
        newer: &'static [Place],
        /// How the total is computed from places of the older version.
        formula: Formula,
        /// What must be true of the source for the formula to hold.
        assumption: &'static str,
    },
    /// A consistency check of a newer document, run when downgrading it: the parts should sum
    /// to the total. A contradiction is reported when they do not; nothing is corrected.
    Check {
        /// The parts.
        parts: &'static [Place],
        /// The total.
        total: Place,
        /// Why the parts should sum to the total.
        assumption: &'static str,
    },
}

/// One change of the API between two adjacent versions: a named unit of rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct VersionChange {
    /// Short stable name, used in reports.
    pub name: &'static str,
    /// The older version.
    pub from: ApiVersion,
    /// The newer version.
    pub to: ApiVersion,
    /// What the API changed, in one line (the changelog entry).
    pub description: &'static str,
    /// How each field crosses, in the newer version's documented order.
    pub rules: &'static [Rule],
}

impl VersionChange {
    /// A change that keeps the document's shape: every field and bucket is copied.
    ///
    /// ```
    /// use metaaccess_account::ApiVersion;
    /// use metaaccess_account_convert::{Rule, VersionChange};
    ///
    /// const CHANGE: VersionChange = VersionChange::same_shape(
    ///     "new-endpoint", ApiVersion::V3_1, ApiVersion::V3_2, "a new path, the same response",
    /// );
    /// assert_eq!(CHANGE.rules, [Rule::EveryFieldCopied]);
    /// ```
    pub const fn same_shape(
        name: &'static str,
        from: ApiVersion,
        to: ApiVersion,
        description: &'static str,
    ) -> Self {
        Self {
            name,
            from,
            to,
            description,
            rules: &[Rule::EveryFieldCopied],
        }
    }

    /// The version a step in `direction` writes.
    pub(crate) fn target(&self, direction: Direction) -> ApiVersion {
        match direction {
            Direction::Up => self.to,
            Direction::Down => self.from,
        }
    }

    /// Where an older place's value lives in the newer version (itself unless moved).
    pub(crate) fn newer_place_of(&self, older: Place) -> Place {
        self.rules
            .iter()
            .find_map(|r| match *r {
                Rule::Moved { older: o, newer } if o == older => Some(newer),
                _ => None,
            })
            .unwrap_or(older)
    }

    /// Whether some rule other than a catch-all places bucket `value` of `array`.
    pub(crate) fn places_bucket(&self, array: Array, value: &str) -> bool {
        self.rules.iter().any(|r| {
            r.mentions()
                .iter()
                .any(|p| matches!(p, Place::Bucket(a, v) if *a == array && *v == value))
        })
    }
}

/// Which way a step goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Direction {
    /// Older to newer.
    Up,
    /// Newer to older.
    Down,
}

/// One side of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Older,
    Newer,
}

impl Rule {
    /// The places of one side this rule can write, in declaration order.
    pub(crate) fn writes(&self, side: Side) -> Vec<Place> {
        match (*self, side) {
            (Self::Copied(fields), _) => fields.iter().map(|f| Place::Field(f)).collect(),
            (Self::CopiedWhenPresent { field, .. }, _) => vec![Place::Field(field)],
            (Self::Moved { older, .. }, Side::Older)
            | (Self::Removed { older, .. }, Side::Older) => {
                vec![older]
            }
            (Self::Moved { newer, .. }, Side::Newer) | (Self::Added { newer, .. }, Side::Newer) => {
                vec![newer]
            }
            (Self::Derived(d), Side::Newer) => vec![d.newer],
            (Self::Derived(d), Side::Older) if d.downgrade == Downgrade::Inverse => {
                let Formula::Difference(a, _) = d.formula;
                vec![a]
            }
            _ => Vec::new(),
        }
    }

    /// Every place the rule names, on either side.
    pub(crate) fn mentions(&self) -> Vec<Place> {
        let operands = |f: Formula| match f {
            Formula::Difference(a, b) => [a, b],
        };
        match *self {
            Self::Total { newer, formula, .. } => {
                newer.iter().copied().chain(operands(formula)).collect()
            }
            Self::Check { parts, total, .. } => parts.iter().copied().chain([total]).collect(),
            Self::Derived(d) => [d.newer].into_iter().chain(operands(d.formula)).collect(),
            Self::NewValues { array, values, .. } => {
                values.iter().map(|v| Place::Bucket(array, v)).collect()
            }
            Self::Added { newer, .. } => vec![newer],
            Self::Removed { older, .. } => vec![older],
            Self::Moved { older, newer } => vec![older, newer],
            Self::Copied(_) | Self::EveryFieldCopied | Self::CopiedWhenPresent { .. } => {
                self.writes(Side::Newer)
            }
        }
    }
}
