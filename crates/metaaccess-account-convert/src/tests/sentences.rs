//! Every sentence a conversion reports is one a declared rule renders: the engine writes no
//! text of its own.

use std::collections::{BTreeMap, BTreeSet};

use metaaccess_account::{AnyAccountDetails, ApiVersion};
use proptest::test_runner::TestRunner;
use serde_json::Value;

use super::{any_document, corpus, proptest_config};
use crate::change::{Downgrade, Formula, Place, Rule, VersionChange};
use crate::changes::CHANGES;
use crate::report::EntryKind;
use crate::text::*;
use crate::{convert_any, Conversion, Outcome};

/// Every sentence `change` can report (entry details, missing and carried reasons), with
/// placeholder values.
fn sentences(change: &VersionChange) -> Vec<String> {
    let (older, newer) = (change.from, change.to);
    let mut out = Vec::new();
    let hole = |out: &mut Vec<String>, p: Place, reason: String| {
        out.push(unavailable_detail(p, &reason));
        out.push(reason);
    };
    // A dropped value is shown as a count, a number of buckets, or not at all.
    let shown = [Value::from(0), Value::Array(Vec::new()), Value::Null];
    let drops = |p: Place, why: &str| -> Vec<String> {
        shown.iter().map(|v| dropped(p.bucket(), v, why)).collect()
    };
    for rule in change.rules {
        for p in rule.mentions().into_iter().filter(|p| p.bucket().is_some()) {
            out.push(duplicate(p));
            hole(&mut out, p, duplicate_hole(p));
        }
        match *rule {
            Rule::Copied(fields) => {
                for f in fields {
                    hole(&mut out, Place::Field(f), lacks(older, Place::Field(f)));
                    hole(&mut out, Place::Field(f), lacks(newer, Place::Field(f)));
                }
            }
            Rule::EveryFieldCopied => {}
            Rule::CopiedWhenPresent { field, why } => {
                hole(
                    &mut out,
                    Place::Field(field),
                    lacks_because(older, field, why),
                );
            }
            Rule::Moved { older: o, newer: w } => {
                hole(&mut out, w, lacks(older, o));
                hole(&mut out, o, lacks(newer, w));
            }
            Rule::Added {
                newer: w,
                why,
                optional,
            } => {
                hole(&mut out, w, unavailable(why, optional.then_some(newer)));
                out.extend(drops(w, why));
            }
            Rule::Removed { older: o, why } => {
                hole(&mut out, o, unavailable(why, None));
                out.extend(drops(o, why));
            }
            Rule::NewValues { array, values, why } => {
                let values = if values.is_empty() {
                    &["any"][..]
                } else {
                    values
                };
                for v in values {
                    out.extend(drops(Place::Bucket(array, v), why));
                }
            }
            Rule::Derived(d) => {
                let Formula::Difference(a, b) = d.formula;
                out.push(difference(&[d.newer], 0, 0, 0));
                out.push(exceeds(&[d.newer], d.formula, 0, 0));
                hole(&mut out, d.newer, exceeds_hole(d.formula));
                hole(&mut out, d.newer, needs(a, b));
                let b = change.newer_place_of(b);
                match d.downgrade {
                    Downgrade::Inverse => {
                        out.push(sum(a, 0, 0, 0));
                        out.push(overflow(b, d.newer));
                        hole(&mut out, a, overflow(b, d.newer));
                        hole(&mut out, a, needs(b, d.newer));
                        out.push(carried(d.newer, older));
                    }
                    Downgrade::Dropped => out.extend(drops(d.newer, &derived_dropped(older, &d))),
                }
            }
            Rule::Total {
                newer: places,
                formula,
                ..
            } => {
                out.push(difference(places, 0, 0, 0));
                out.push(exceeds(places, formula, 0, 0));
            }
            Rule::Check { parts, total, .. } => out.push(check_failed(parts, total, 0, 0)),
        }
    }
    out
}

/// Every formula `change` reports, with its assumption.
fn formulas(change: &VersionChange) -> BTreeSet<(String, &'static str)> {
    let mut out = BTreeSet::new();
    for rule in change.rules {
        match *rule {
            Rule::Derived(d) => {
                out.insert((formula(&[d.newer], d.formula), d.assumption));
                let Formula::Difference(a, b) = d.formula;
                out.insert((inverse(a, change.newer_place_of(b), d.newer), d.assumption));
            }
            Rule::Total {
                newer,
                formula: f,
                assumption,
            } => {
                out.insert((formula(newer, f), assumption));
            }
            _ => {}
        }
    }
    out
}

/// A sentence with every number as `#` and every quoted bucket value as `"*"`.
fn normalized(sentence: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in sentence.chars() {
        match (quoted, c) {
            (false, '"') => {
                quoted = true;
                out.push_str("\"*\"");
            }
            (true, '"') => quoted = false,
            (true, _) => {}
            (false, d) if d.is_ascii_digit() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            (false, c) => out.push(c),
        }
    }
    out
}

struct Declared {
    by_change: BTreeMap<&'static str, BTreeSet<String>>,
    all: BTreeSet<String>,
    formulas: BTreeMap<&'static str, BTreeSet<(String, &'static str)>>,
}

impl Declared {
    fn new() -> Self {
        let by_change: BTreeMap<_, BTreeSet<_>> = CHANGES
            .iter()
            .map(|c| (c.name, sentences(c).iter().map(|s| normalized(s)).collect()))
            .collect();
        let all = by_change.values().flatten().cloned().collect();
        let formulas = CHANGES.iter().map(|c| (c.name, formulas(c))).collect();
        Self {
            by_change,
            all,
            formulas,
        }
    }

    /// Why `c` says something no declared rule renders, if it does.
    fn undeclared(&self, c: &Conversion<AnyAccountDetails>) -> Option<String> {
        for e in &c.report.entries {
            if !self.by_change[e.step].contains(&normalized(&e.detail)) {
                return Some(format!("[{}] {:?}", e.step, e.detail));
            }
            if let EntryKind::Derived { rule, assumption } = &e.kind {
                if !self.formulas[e.step].contains(&(rule.clone(), *assumption)) {
                    return Some(format!("[{}] formula {rule:?}", e.step));
                }
            }
        }
        let Outcome::Partial(p) = &c.outcome else {
            return None;
        };
        let reasons = p
            .missing()
            .iter()
            .map(|m| &m.reason)
            .chain(p.carried().iter().map(|k| &k.reason));
        reasons
            // The final validation of a document, not a rule, says why a value is invalid.
            .filter(|r| !r.starts_with("the converted value is not valid"))
            .find(|r| !self.all.contains(&normalized(r)))
            .map(|r| format!("reason {r:?}"))
    }
}

#[test]
fn every_reported_sentence_is_rendered_from_a_declared_rule() {
    let declared = Declared::new();
    for doc in corpus() {
        for to in ApiVersion::ALL {
            let c = convert_any(&doc, to);
            assert_eq!(declared.undeclared(&c), None, "{} -> {to}", doc.version());
        }
    }
    TestRunner::new(proptest_config())
        .run(&any_document(), |doc| {
            for to in ApiVersion::ALL {
                let c = convert_any(&doc, to);
                proptest::prop_assert_eq!(declared.undeclared(&c), None);
                let report = serde_json::to_string(&c.report).unwrap();
                if let Some(Value::String(key)) = doc.to_json_value().get("license_key") {
                    proptest::prop_assert!(
                        !report.contains(key.as_str()),
                        "a license key in a report"
                    );
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn normalizing_keeps_words_and_hides_values() {
    assert_eq!(
        normalized(r#"the "quarantined" bucket (7 devices): 3.0 has no place"#),
        r#"the "*" bucket (# devices): #.# has no place"#
    );
}
