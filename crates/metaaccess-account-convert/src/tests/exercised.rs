//! Every declared rule acts on some document of the corpus, in every direction it has a
//! treatment for.

use std::collections::BTreeSet;

use metaaccess_account::ApiVersion;

use super::corpus;
use crate::change::{Direction, Rule};
use crate::changes::CHANGES;
use crate::engine::run_traced;
use crate::report::Report;
use crate::source::Source;

/// Whether a rule does anything in `direction`.
fn acts(rule: &Rule, direction: Direction) -> bool {
    match rule {
        Rule::NewValues { .. } | Rule::Check { .. } => direction == Direction::Down,
        Rule::Total { .. } => direction == Direction::Up,
        _ => true,
    }
}

#[test]
fn every_declared_rule_is_exercised_by_some_conversion() {
    let mut seen = BTreeSet::new();
    for doc in corpus() {
        for to in ApiVersion::ALL {
            let mut report = Report::default();
            run_traced(doc.work(), to, &mut report, &mut |name, i, d| {
                seen.insert((name, i, format!("{d:?}")));
            });
        }
    }
    let mut idle = Vec::new();
    for c in CHANGES {
        for (i, rule) in c.rules.iter().enumerate() {
            for d in [Direction::Up, Direction::Down] {
                if acts(rule, d) && !seen.contains(&(c.name, i, format!("{d:?}"))) {
                    idle.push(format!("{} rule {i} {d:?}: {rule:?}", c.name));
                }
            }
        }
    }
    assert!(
        idle.is_empty(),
        "rules no conversion exercised:\n{}",
        idle.join("\n")
    );
}
