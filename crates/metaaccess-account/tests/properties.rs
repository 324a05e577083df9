//! Laws that hold for every version: the models and the committed schemas agree.
//!
//! 1. Any model value serializes to JSON that its committed schema accepts (formats checked),
//!    and that parses back, strictly, to an equal value.
//! 2. On documents mutated the ways captured traffic goes wrong, strict parsing and the
//!    committed schema give the same verdict.
//! 3. The quick check, [`Document::read_valid`], gives what strict parsing of the same text
//!    gives: the same value, or `None` exactly where strict parsing fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{ApiVersion, Document, DocumentKind};
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
            prop_assert_eq!(T::from_json_str_strict(&text).unwrap(), value.clone());
            prop_assert_eq!(T::read_valid(&text), Some(value));
            Ok(())
        })
        .unwrap();
}

fn agreement_law<T, S>(strategy: S)
where
    T: Document + std::fmt::Debug + PartialEq,
    S: Strategy<Value = T>,
{
    let schema = kit::validator(&kit::committed_schema(T::VERSION, T::KIND));
    let mutated = strategy.prop_flat_map(|v| kit::mutated(serde_json::to_value(&v).unwrap()));
    let verdicts = std::cell::Cell::new((0u32, 0u32));
    TestRunner::new(config())
        .run(&mutated, |(doc, mutations)| {
            let strict = T::from_json_value_strict(&doc);
            let by_schema = schema.is_valid(&doc);
            for text in [
                serde_json::to_string(&doc).unwrap(),
                serde_json::to_string_pretty(&doc).unwrap(),
            ] {
                prop_assert_eq!(
                    T::read_valid(&text),
                    T::from_json_str_strict(&text).ok(),
                    "{}",
                    text
                );
            }
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

/// The laws for one document type, over documents generated from its version's schema.
fn laws<T: Document + std::fmt::Debug + PartialEq + Clone>() {
    let Some(documents) = kit::document(T::VERSION, T::KIND) else {
        panic!("{} has no {:?} schema", T::VERSION, T::KIND);
    };
    let models = documents.prop_map(|doc| {
        T::from_json_value_strict(&doc).unwrap_or_else(|e| panic!("{doc} must parse: {e}"))
    });
    roundtrip_law(models.clone());
    agreement_law::<T, _>(models);
}

/// One test per version, generated from the version table.
macro_rules! law_tests {
    ($(
        $(#[$doc:meta])*
        $V:ident = $number:literal, $module:ident, $krate:ident $(, request $Req:ident)?;
    )+) => {$(
        #[test]
        fn $module() {
            use metaaccess_account::$module as v;
            laws::<v::AccountDetails>();
            $(laws::<v::$Req>();)?
        }
    )+};
}

metaaccess_account::api_versions!(law_tests);

#[test]
fn every_version_has_generated_documents() {
    for version in ApiVersion::ALL {
        assert!(kit::document(version, DocumentKind::Response).is_some());
        assert_eq!(
            kit::document(version, DocumentKind::Request).is_some(),
            metaaccess_account::has_request_body(version)
        );
    }
}

/// Whether a JSON text writes a number with a fraction or an exponent, or as `-0`: what
/// serde reads as a float.
fn written_as_float(text: &str) -> bool {
    fn any_float(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Number(n) => n.is_f64(),
            serde_json::Value::Array(items) => items.iter().any(any_float),
            serde_json::Value::Object(map) => map.values().any(any_float),
            _ => false,
        }
    }
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| any_float(&v))
}

/// Law 3 on text that no `Value` can produce: every fixture and hostile input, and the shapes
/// serde reads but the schemas do not (arrays for objects, nested undocumented fields).
#[test]
fn the_quick_check_refuses_exactly_what_strict_parsing_refuses() {
    use metaaccess_account::AnyAccountDetails;
    // Inputs that are not UTF-8 have no `&str` to read.
    let mut texts: Vec<String> = kit::response_inputs()
        .into_iter()
        .filter_map(|path| String::from_utf8(std::fs::read(path).unwrap()).ok())
        .collect();
    let base: Vec<String> = texts.clone();
    for text in &base {
        texts.push(text.replacen(
            "\"number_of_devices\"",
            "\"extra\": {\"a\": [1]}, \"number_of_devices\"",
            1,
        ));
        texts.push(text.replacen("{", "{\"extra\": null, ", 1));
        texts.push(format!("{text} x"));
        texts.push(text.replacen("\"name\"", "\"name\": \"twice\", \"name\"", 1));
    }
    texts.extend(
        [
            "[]",
            "{}",
            "null",
            "[\"a\", \"b\"]",
            "{\"name\": {\"A\": 1}}",
        ]
        .map(String::from),
    );
    let mut accepted = 0;
    for text in &texts {
        for version in ApiVersion::ALL {
            let strict = AnyAccountDetails::from_json_str(version, text)
                .ok()
                .and_then(|p| p.into_strict().ok());
            let quick = AnyAccountDetails::read_valid(version, text);
            accepted += usize::from(quick.is_some());
            // A count written with a fraction or an exponent (`-0` reads as -0.0) is left to
            // the precise path, which calls it a parser-disagreement hazard: the quick check
            // may refuse it where strict parsing reads it, never the other way round.
            if quick.is_none() && strict.is_some() && written_as_float(text) {
                continue;
            }
            assert_eq!(quick, strict, "{version} on {text}");
        }
    }
    assert!(accepted > 0, "no text was accepted: the law said nothing");
}
