//! The places the changes name, and each version's documented field and bucket order, derived
//! from the changes (a test checks it against the models' serialization order).

use std::sync::OnceLock;

use metaaccess_account::ApiVersion;

use crate::change::{Array, Place, Rule, Side};
use crate::changes::CHANGES;

/// Devices by compliance status (3.1 on).
pub const BY_STATUS: Array = Array {
    name: "devices_by_status",
    key: "status",
};

/// Devices by issue severity (3.1 on).
pub const BY_ISSUE_SEVERITY: Array = Array {
    name: "devices_by_issue_severity",
    key: "severity",
};

/// Devices by vulnerability severity (3.1 on).
pub const BY_VULNERABILITY_SEVERITY: Array = Array {
    name: "devices_by_vulnerability_severity",
    key: "severity",
};

/// The member of every bucket holding its count; it follows the bucket's key.
pub const COUNT: &str = "number_of_devices";

/// The account's license key: a credential, never shown in a report or in `Debug` output.
pub const LICENSE_KEY: &str = "license_key";

/// A version's documented order: its fields, and for each bucket array the bucket values the
/// changes place, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    pub(crate) fields: Vec<&'static str>,
    pub(crate) arrays: Vec<(Array, Vec<&'static str>)>,
}

impl Layout {
    fn push(&mut self, place: Place) {
        let (name, array, bucket) = match place {
            Place::Field(f) => (f, None, None),
            Place::Array(a) => (a.name, Some(a), None),
            Place::Bucket(a, v) => (a.name, Some(a), Some(v)),
        };
        if !self.fields.contains(&name) {
            self.fields.push(name);
        }
        if let Some(array) = array {
            let at = match self.arrays.iter().position(|(a, _)| *a == array) {
                Some(at) => at,
                None => {
                    self.arrays.push((array, Vec::new()));
                    self.arrays.len() - 1
                }
            };
            let values = &mut self.arrays[at].1;
            if let Some(v) = bucket.filter(|v| !values.contains(v)) {
                values.push(v);
            }
        }
    }

    /// The rank of a field in the documented order (unknown fields last).
    pub(crate) fn field_rank(&self, field: &str) -> usize {
        rank(&self.fields, field)
    }

    /// The bucket array of this name, if the version has one.
    pub(crate) fn array(&self, name: &str) -> Option<&(Array, Vec<&'static str>)> {
        self.arrays.iter().find(|(a, _)| a.name == name)
    }

    /// The rank of a bucket value in its array's documented order (unknown values last).
    pub(crate) fn bucket_rank(&self, array: &str, value: &str) -> usize {
        self.array(array)
            .map_or(0, |(_, values)| rank(values, value))
    }
}

fn rank(order: &[&str], item: &str) -> usize {
    order.iter().position(|o| *o == item).unwrap_or(order.len())
}

/// The documented order of `version`: the places written by the change that introduced it
/// (after its predecessor's, for a change that copies every field), or for the oldest version,
/// the older places of its first change.
fn derive(version: ApiVersion) -> Layout {
    let mut layout = Layout::default();
    let (change, side) = match CHANGES.iter().find(|c| c.to == version) {
        Some(c) => (c, Side::Newer),
        None => match CHANGES.iter().find(|c| c.from == version) {
            Some(c) => (c, Side::Older),
            None => return layout,
        },
    };
    if side == Side::Newer && change.rules.contains(&Rule::EveryFieldCopied) {
        layout = derive(change.from);
    }
    for place in change.rules.iter().flat_map(|r| r.writes(side)) {
        layout.push(place);
    }
    layout
}

/// The documented order of `version`, derived once.
pub(crate) fn layout(version: ApiVersion) -> &'static Layout {
    static LAYOUTS: OnceLock<Vec<Layout>> = OnceLock::new();
    static EMPTY: Layout = Layout {
        fields: Vec::new(),
        arrays: Vec::new(),
    };
    let all = LAYOUTS.get_or_init(|| ApiVersion::ALL.into_iter().map(derive).collect());
    ApiVersion::ALL
        .iter()
        .position(|v| *v == version)
        .and_then(|i| all.get(i))
        .unwrap_or(&EMPTY)
}

impl Place {
    /// The JSON pointer of the field holding it (a bucket's array).
    pub(crate) fn pointer(self) -> String {
        format!("/{}", self.field())
    }

    /// The top-level field holding it.
    pub(crate) fn field(self) -> &'static str {
        match self {
            Self::Field(f) => f,
            Self::Array(a) | Self::Bucket(a, _) => a.name,
        }
    }

    /// The bucket value, for a bucket.
    pub(crate) fn bucket(self) -> Option<&'static str> {
        match self {
            Self::Bucket(_, v) => Some(v),
            _ => None,
        }
    }
}
