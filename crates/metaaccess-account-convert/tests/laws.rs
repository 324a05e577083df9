//! The conversion laws, over generated valid documents of every version.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{AnyAccountDetails, ApiVersion, DocumentKind};
use metaaccess_account_convert::{convert, convert_any, upgrade, Outcome, Report};
use metaaccess_account_testkit as kit;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn config() -> Config {
    Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    }
}

fn any_document() -> impl Strategy<Value = AnyAccountDetails> {
    kit::any_account()
}

/// Upgrading loses nothing: for every version, downgrading an upgraded document gives back
/// the original.
#[test]
fn upgrading_loses_nothing() {
    for version in ApiVersion::ALL {
        TestRunner::new(config())
            .run(&kit::account(version), |original| {
                let up = upgrade(&original);
                let back = convert_any(&up.outcome, version);
                prop_assert_eq!(
                    back.outcome,
                    Outcome::Complete(original),
                    "report up: {}",
                    up.report
                );
                Ok(())
            })
            .unwrap();
    }
}

/// Downgrading then upgrading gives back the original whenever nothing was dropped.
#[test]
fn downgrading_without_drops_is_reversible() {
    let reversible = std::cell::Cell::new(0);
    let strategy = (
        any_document(),
        proptest::sample::select(ApiVersion::ALL.to_vec()),
    );
    // Drop-free downgrades are rare (only 3.2 -> 3.1 without high/medium buckets), so this law
    // runs more cases than the others to exercise them every time.
    TestRunner::new(Config {
        cases: 2048,
        ..config()
    })
    .run(&strategy, |(original, older)| {
        if older >= original.version() {
            return Ok(());
        }
        let down = convert_any(&original, older);
        if down.report.dropped_anything() {
            return Ok(());
        }
        reversible.set(reversible.get() + 1);
        let up = convert_any(&down.outcome, original.version());
        prop_assert_eq!(up.outcome, Outcome::Complete(original));
        Ok(())
    })
    .unwrap();
    assert!(
        reversible.get() > 0,
        "no generated downgrade was free of drops: the law was never exercised"
    );
}

/// Converting one step at a time and converting directly agree, value and report.
#[test]
fn step_by_step_equals_direct() {
    let strategy = (
        any_document(),
        proptest::sample::select(ApiVersion::ALL.to_vec()),
    );
    TestRunner::new(config())
        .run(&strategy, |(original, to)| {
            let direct = convert_any(&original, to);
            let mut from = original.version();
            let mut current = convert_any(&original, from);
            prop_assert!(
                current.report.is_empty(),
                "converting to the same version reports nothing"
            );
            let mut report = Report::default();
            while from != to {
                from = if from < to {
                    from.next().unwrap()
                } else {
                    from.previous().unwrap()
                };
                current = convert_any(&current.outcome, from);
                report.entries.extend(current.report.entries.clone());
            }
            prop_assert_eq!(&current.outcome, &direct.outcome);
            prop_assert_eq!(&report, &direct.report);
            Ok(())
        })
        .unwrap();
}

/// A converted document that calls itself complete is accepted by its target's committed schema.
#[test]
fn complete_results_match_the_target_schema() {
    let validators: Vec<_> = ApiVersion::ALL
        .iter()
        .map(|v| kit::validator(&kit::committed_schema(*v, DocumentKind::Response)))
        .collect();
    let complete = std::cell::Cell::new(0);
    let strategy = (
        any_document(),
        proptest::sample::select(ApiVersion::ALL.to_vec()),
    );
    TestRunner::new(config())
        .run(&strategy, |(original, to)| {
            let c = convert_any(&original, to);
            if let Outcome::Complete(doc) = &c.outcome {
                complete.set(complete.get() + 1);
                prop_assert_eq!(doc.version(), to);
                let json = doc.to_json_value();
                let errors: Vec<String> = validators[to as usize]
                    .iter_errors(&json)
                    .map(|e| e.to_string())
                    .collect();
                prop_assert!(
                    errors.is_empty(),
                    "{to} schema rejects a complete result: {errors:?}"
                );
            } else {
                // Partial results must say what is missing.
                let Outcome::Partial(p) = &c.outcome else {
                    unreachable!()
                };
                prop_assert!(!p.missing().is_empty());
            }
            Ok(())
        })
        .unwrap();
    assert!(complete.get() > 0);
}

/// Conversion never panics on a document its source schema accepts, including documents that
/// contradict the rules (generated counts are independent, so most do).
#[test]
fn conversion_never_panics_on_valid_documents() {
    let strategy = any_document().prop_flat_map(|d| {
        let version = d.version();
        kit::mutated(d.to_json_value()).prop_map(move |(doc, _)| (version, doc))
    });
    TestRunner::new(config())
        .run(&strategy, |(version, doc)| {
            if let Ok(parsed) = AnyAccountDetails::from_json_value(version, &doc) {
                for to in ApiVersion::ALL {
                    let _ = convert_any(&parsed.value, to);
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn typed_targets_agree_with_dynamic_ones() {
    TestRunner::new(config())
        .run(&any_document(), |original| {
            macro_rules! typed_conversions {
                ($(
                    $(#[$doc:meta])*
                    $V:ident = $number:literal, $module:ident, $krate:ident $(, request $Req:ident)?;
                )+) => {
                    [$((
                        ApiVersion::$V,
                        json_of(convert::<metaaccess_account::$module::AccountDetails>(&original)),
                    )),+]
                };
            }
            for (to, typed) in metaaccess_account::api_versions!(typed_conversions) {
                let dynamic = convert_any(&original, to);
                prop_assert_eq!(
                    typed,
                    (
                        dynamic.outcome.is_complete(),
                        dynamic.outcome.to_json_value(),
                        dynamic.report
                    )
                );
            }
            Ok(())
        })
        .unwrap();
}

fn json_of<T: metaaccess_account_convert::Target>(
    c: metaaccess_account_convert::Conversion<T>,
) -> (bool, serde_json::Value, Report) {
    (c.outcome.is_complete(), c.outcome.to_json_value(), c.report)
}
