//! Laws that hold for every version: the models and the committed schemas agree.
//!
//! 1. Any model value serializes to JSON that its committed schema accepts (formats checked),
//!    and that parses back, strictly, to an equal value.
//! 2. On documents mutated the ways captured traffic goes wrong, strict parsing and the
//!    committed schema give the same verdict.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{v2_0, v3_0, v3_1, v3_2, Document};
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

fn roundtrip_law<T, S>(strategy: S)
where
    T: Document + std::fmt::Debug + PartialEq + Clone,
    S: Strategy<Value = T>,
{
    let schema = kit::validator(&kit::committed_schema(T::VERSION, T::KIND));
    TestRunner::new(config())
        .run(&strategy, |value| {
            let json = serde_json::to_value(&value).unwrap();
            let errors: Vec<String> = schema.iter_errors(&json).map(|e| e.to_string()).collect();
            prop_assert!(
                errors.is_empty(),
                "{} schema rejects {json}: {errors:?}",
                T::VERSION
            );
            let text = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(T::from_json_str_strict(&text).unwrap(), value);
            Ok(())
        })
        .unwrap();
}

fn agreement_law<T, S>(strategy: S)
where
    T: Document + std::fmt::Debug,
    S: Strategy<Value = T>,
{
    let schema = kit::validator(&kit::committed_schema(T::VERSION, T::KIND));
    let mutated = strategy.prop_flat_map(|v| kit::mutated(serde_json::to_value(&v).unwrap()));
    let verdicts = std::cell::Cell::new((0u32, 0u32));
    TestRunner::new(config())
        .run(&mutated, |(doc, mutations)| {
            let strict = T::from_json_value_strict(&doc);
            let by_schema = schema.is_valid(&doc);
            let (accepted, rejected) = verdicts.get();
            verdicts.set(if by_schema {
                (accepted + 1, rejected)
            } else {
                (accepted, rejected + 1)
            });
            prop_assert_eq!(
                strict.is_ok(),
                by_schema,
                "{} {:?}: strict parse {:?} but schema says valid={} for {} after {:?}",
                T::VERSION,
                T::KIND,
                strict.err().map(|e| e.to_string()),
                by_schema,
                doc,
                mutations
            );
            Ok(())
        })
        .unwrap();
    // The law says something only if the mutations produce both verdicts.
    let (accepted, rejected) = verdicts.get();
    assert!(
        accepted > 0 && rejected > 0,
        "{} {:?}: accepted {accepted}, rejected {rejected}",
        T::VERSION,
        T::KIND
    );
}

#[test]
fn v2_0_models_and_schema_agree() {
    roundtrip_law(kit::v2_0_account());
    agreement_law::<v2_0::AccountDetails, _>(kit::v2_0_account());
}

#[test]
fn v3_0_models_and_schema_agree() {
    roundtrip_law(kit::v3_0_account());
    agreement_law::<v3_0::AccountDetails, _>(kit::v3_0_account());
}

#[test]
fn v3_1_models_and_schema_agree() {
    roundtrip_law(kit::v3_1_account());
    agreement_law::<v3_1::AccountDetails, _>(kit::v3_1_account());
}

#[test]
fn v3_2_models_and_schema_agree() {
    roundtrip_law(kit::v3_2_account());
    agreement_law::<v3_2::AccountDetails, _>(kit::v3_2_account());
    roundtrip_law(kit::v3_2_request());
    agreement_law::<v3_2::AccountDetailsRequest, _>(kit::v3_2_request());
}
