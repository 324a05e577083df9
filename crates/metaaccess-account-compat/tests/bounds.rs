//! Large inputs stay cheap: `enum`s are compared as sets, and a change that lists values
//! lists a bounded number of them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::time::{Duration, Instant};

use metaaccess_account_compat::{diff, Breaks, Verdict};
use serde_json::{json, Value};

fn strings(prefix: &str, n: usize) -> Value {
    json!({"type": "string", "enum": (0..n).map(|i| format!("{prefix}{i}")).collect::<Vec<_>>()})
}

#[test]
fn a_100k_value_enum_replaced_is_compared_in_linear_time() {
    // Pairwise, 100,000 × 100,000 comparisons took minutes; as sets, well under a second
    // (given a minute here: a debug build on a shared machine).
    let (old, new) = (strings("a", 100_000), strings("b", 100_000));
    let t = Instant::now();
    let r = diff(&old, &new);
    assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
    assert_eq!((r.verdict, r.certain), (Verdict::None, true));
    // 16 values listed each way, then one change for the rest, with its witness.
    assert_eq!(r.changes.len(), 34, "{:#?}", &r.changes[..3]);
    let rest = r
        .changes
        .iter()
        .find(|c| c.detail.starts_with("99984 more values removed"))
        .unwrap();
    assert_eq!(
        (rest.breaks, rest.witness.backward.clone()),
        (Breaks::Backward, Some(json!("a16")))
    );
}

#[test]
fn numbers_in_an_enum_are_equal_by_value() {
    let old = json!({"enum": [1, 2.5, 9007199254740993_u64, {"a": [1.0]}]});
    let new = json!({"enum": [{"a": [1]}, 9007199254740993_u64, 2.5, 1.0]});
    assert_eq!(diff(&old, &new).verdict, Verdict::Full);
    // Beyond 2^53 an integer and a float cannot be told equal exactly: kept apart.
    let old = json!({"enum": [9007199254740993_u64]});
    let new = json!({"enum": [9007199254740992.0]});
    assert_eq!(diff(&old, &new).verdict, Verdict::None);
}

fn nodes(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(nodes).sum(),
        Value::Object(m) => m.values().map(nodes).sum(),
        _ => 0,
    }
}

#[test]
fn witnesses_of_3000_changed_properties_are_bounded() {
    // Each witness is a whole document with all 3,000 required members: one per change and
    // direction came to 18 million members (2 GiB). The search now keeps at most a million
    // nodes; the breaks past that are undecided, and say so.
    let schema = |t: &str| {
        let props: serde_json::Map<String, Value> = (0..3000)
            .map(|i| (format!("p{i}"), json!({ "type": t })))
            .collect();
        let names: Vec<&String> = props.keys().collect();
        json!({"type": "object", "properties": props, "required": names, "additionalProperties": false})
    };
    let (old, new) = (schema("string"), schema("integer"));
    let t = Instant::now();
    let r = diff(&old, &new);
    assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
    assert_eq!((r.changes.len(), r.verdict), (3000, Verdict::None));
    let kept: usize = r
        .changes
        .iter()
        .flat_map(|c| [&c.witness.backward, &c.witness.forward])
        .flatten()
        .map(nodes)
        .sum();
    assert!(kept <= 1_000_000, "{kept} nodes kept");
    assert!(r.changes[0].certain, "{:?}", r.changes[0]);
    assert!(!r.certain && r.undecided().count() > 2000);
}
