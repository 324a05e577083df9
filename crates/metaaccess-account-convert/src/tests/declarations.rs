//! The declarations agree with the models: every field has a rule, and the documented order
//! derived from the rules is the order the models serialize in.

use std::collections::BTreeSet;
use std::fmt;

use metaaccess_account::{v3_1, v3_2, AnyAccountDetails, ApiVersion};
use proptest::test_runner::TestRunner;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{any_document, fixtures, proptest_config};
use crate::change::{Rule, Side};
use crate::changes::CHANGES;
use crate::ordered::OrderedJson;
use crate::shape::layout;

/// A JSON object's keys, in the order written.
struct Keys(Vec<String>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(k);
                }
                Ok(Keys(keys))
            }
        }
        d.deserialize_map(V)
    }
}

/// The model's fields, in the order it serializes them.
fn model_keys(doc: &AnyAccountDetails) -> Vec<String> {
    serde_json::from_str::<Keys>(&serde_json::to_string(doc).unwrap())
        .unwrap()
        .0
}

/// For each version, the fields of its fixture that has the most.
fn full_models() -> Vec<(ApiVersion, Vec<String>)> {
    ApiVersion::ALL
        .into_iter()
        .map(|v| {
            let keys = fixtures()
                .iter()
                .filter(|(_, d)| d.version() == v)
                .map(|(_, d)| model_keys(d))
                .max_by_key(Vec::len)
                .unwrap();
            (v, keys)
        })
        .collect()
}

fn ordered_text(doc: &AnyAccountDetails) -> String {
    let serde_json::Value::Object(map) = doc.to_json_value() else {
        panic!("a model serializes as an object")
    };
    serde_json::to_string(&OrderedJson::new(doc.version(), map)).unwrap()
}

#[test]
fn documented_field_order_is_the_models_declaration_order() {
    for (version, keys) in full_models() {
        assert_eq!(layout(version).fields, keys, "{version}");
    }
}

#[test]
fn ordered_documents_serialize_exactly_as_the_models_do() {
    for (file, doc) in fixtures() {
        assert_eq!(
            ordered_text(&doc),
            serde_json::to_string(&doc).unwrap(),
            "{file}"
        );
    }
    TestRunner::new(proptest_config())
        .run(&any_document(), |doc| {
            proptest::prop_assert_eq!(ordered_text(&doc), serde_json::to_string(&doc).unwrap());
            Ok(())
        })
        .unwrap();
}

#[test]
fn documented_bucket_order_is_the_models_enum_order() {
    let models: [(ApiVersion, &str, &[&str]); 4] = [
        (
            ApiVersion::V3_1,
            "devices_by_status",
            v3_1::DeviceStatus::accepted_spellings(),
        ),
        (
            ApiVersion::V3_1,
            "devices_by_issue_severity",
            v3_1::IssueSeverity::accepted_spellings(),
        ),
        (
            ApiVersion::V3_2,
            "devices_by_status",
            v3_2::DeviceStatus::accepted_spellings(),
        ),
        (
            ApiVersion::V3_2,
            "devices_by_issue_severity",
            v3_2::IssueSeverity::accepted_spellings(),
        ),
    ];
    for (version, array, spellings) in models {
        let (_, declared) = layout(version).array(array).unwrap();
        assert_eq!(declared, spellings, "{version} {array}");
    }
}

#[test]
fn every_field_of_both_versions_has_a_rule() {
    let full = full_models();
    let fields = |v: ApiVersion| -> BTreeSet<String> {
        full.iter()
            .find(|(w, _)| *w == v)
            .unwrap()
            .1
            .iter()
            .cloned()
            .collect()
    };
    for c in CHANGES
        .iter()
        .filter(|c| !c.rules.contains(&Rule::EveryFieldCopied))
    {
        for (side, version) in [(Side::Older, c.from), (Side::Newer, c.to)] {
            let written: BTreeSet<String> = c
                .rules
                .iter()
                .flat_map(|r| r.writes(side))
                .map(|p| p.field().to_owned())
                .collect();
            assert_eq!(written, fields(version), "{}: the {version} side", c.name);
        }
    }
}
