//! The check-only readers (`#[derive(CheckOnly)]`) read exactly what the models read: for every
//! version and every text, [`AnyAccountDetails::reads_valid`] is `true` exactly when
//! [`AnyAccountDetails::read_valid`] gives the model. Checked on generated documents of every
//! version read as every version, the same after the mutations captured traffic suffers, after
//! edits of the text itself (escapes, duplicated members, cut and spliced bytes), and on every
//! fixture and hostile input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::cell::Cell;

use metaaccess_account::{AnyAccountDetails, ApiVersion};
use metaaccess_account_testkit as kit;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Both readers on `text`, as every version; counts the texts some version accepts.
fn agree(text: &str, accepted: &Cell<u32>) -> Result<(), TestCaseError> {
    let mut any = false;
    for v in ApiVersion::ALL {
        let model = AnyAccountDetails::read_valid(v, text).is_some();
        prop_assert_eq!(
            AnyAccountDetails::reads_valid(v, text),
            model,
            "{} on {}",
            v,
            text
        );
        any |= model;
    }
    if any {
        accepted.set(accepted.get() + 1);
    }
    Ok(())
}

/// A text edit: where (a fraction of the length) and what.
#[derive(Clone, Debug)]
enum Edit {
    /// Writes the character at `at` as a `\uXXXX` escape, if it is inside a string.
    Escape(f64),
    /// Removes a byte range.
    Cut(f64, usize),
    /// Repeats a byte range in place (a duplicated member, when it falls on one).
    Repeat(f64, usize),
    /// Inserts a fragment.
    Insert(f64, &'static str),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0.0..1.0f64;
    prop_oneof![
        at.clone().prop_map(Edit::Escape),
        (at.clone(), 1usize..40).prop_map(|(a, n)| Edit::Cut(a, n)),
        (at.clone(), 1usize..80).prop_map(|(a, n)| Edit::Repeat(a, n)),
        (
            at,
            prop::sample::select(vec![
                ",",
                "\"",
                "\\",
                "-0",
                "1.0",
                "1e2",
                "null",
                "[]",
                "{}",
                " ",
                "\"x\":1,",
                "\"name\":\"n\",",
                "\u{e9}",
                "\\u00e9",
                "\\ud800",
            ])
        )
            .prop_map(|(a, s)| Edit::Insert(a, s)),
    ]
}

/// `text` with `edit` applied (at a character boundary).
fn apply(text: &str, edit: &Edit) -> String {
    let boundary = |f: f64| {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let mut i = (f * text.len() as f64) as usize;
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let end = |from: usize, n: usize| {
        let mut j = (from + n).min(text.len());
        while !text.is_char_boundary(j) {
            j -= 1;
        }
        j
    };
    match *edit {
        Edit::Escape(f) => {
            let i = boundary(f);
            // Inside a string when an odd number of unescaped quotes come before.
            let mut quotes = 0;
            let mut escaped = false;
            for b in text[..i].bytes() {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => quotes += 1,
                    _ => {}
                }
            }
            let inside = quotes % 2 == 1;
            match text[i..].chars().next() {
                Some(c) if inside && !escaped && c != '"' && c != '\\' => {
                    let mut units = [0u16; 2];
                    let escaped: String = c
                        .encode_utf16(&mut units)
                        .iter()
                        .map(|u| format!("\\u{u:04x}"))
                        .collect();
                    format!("{}{escaped}{}", &text[..i], &text[i + c.len_utf8()..])
                }
                _ => text.to_owned(),
            }
        }
        Edit::Cut(f, n) => {
            let i = boundary(f);
            format!("{}{}", &text[..i], &text[end(i, n)..])
        }
        Edit::Repeat(f, n) => {
            let i = boundary(f);
            let j = end(i, n);
            format!("{}{}{}", &text[..j], &text[i..j], &text[j..])
        }
        Edit::Insert(f, s) => {
            let i = boundary(f);
            format!("{}{s}{}", &text[..i], &text[i..])
        }
    }
}

fn config() -> Config {
    Config {
        cases: 512,
        failure_persistence: None,
        ..Config::default()
    }
}

#[test]
fn generated_and_mutated_documents_read_alike_as_every_version() {
    let accepted = Cell::new(0);
    let docs = kit::any_account().prop_flat_map(|a| kit::mutated(a.to_json_value()));
    TestRunner::new(config())
        .run(&docs, |(doc, _)| {
            agree(&serde_json::to_string(&doc).unwrap(), &accepted)?;
            agree(&serde_json::to_string_pretty(&doc).unwrap(), &accepted)
        })
        .unwrap();
    // Both answers are exercised: some texts are accepted, and (mutations) some are not.
    assert!(accepted.get() > 50, "only {} accepted", accepted.get());
    assert!(accepted.get() < 2 * 512, "every text accepted");
}

#[test]
fn edited_texts_read_alike_as_every_version() {
    let accepted = Cell::new(0);
    let texts = (kit::any_account(), prop::collection::vec(edit(), 1..4)).prop_map(|(a, edits)| {
        let text = serde_json::to_string(&a.to_json_value()).unwrap();
        edits.iter().fold(text, |t, e| apply(&t, e))
    });
    TestRunner::new(config())
        .run(&texts, |text| agree(&text, &accepted))
        .unwrap();
    assert!(accepted.get() > 20, "only {} accepted", accepted.get());
}

#[test]
fn every_fixture_and_hostile_input_reads_alike() {
    let accepted = Cell::new(0);
    let mut checked = 0;
    for path in kit::response_inputs() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // not UTF-8: neither reader takes bytes
        };
        agree(&text, &accepted).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        checked += 1;
    }
    assert!(
        checked > 20 && accepted.get() > 4,
        "{checked} inputs, {} accepted",
        accepted.get()
    );
}

/// The elements of the responses' arrays have zero-sized check-only readers, so reading an
/// array of any length allocates nothing (a `Vec` of zero-sized values has no buffer).
#[test]
fn array_elements_are_checked_without_a_buffer() {
    use metaaccess_account_core::CheckOnly;
    fn size<T: CheckOnly>() -> usize {
        std::mem::size_of::<T::Check>()
    }
    use metaaccess_account::{v3_1, v3_2};
    assert_eq!(size::<v3_1::DevicesByStatus>(), 0);
    assert_eq!(size::<v3_1::DevicesByIssueSeverity>(), 0);
    assert_eq!(size::<v3_1::DevicesByVulnerabilitySeverity>(), 0);
    assert_eq!(size::<v3_2::DevicesByStatus>(), 0);
    assert_eq!(size::<v3_2::DevicesByIssueSeverity>(), 0);
    assert_eq!(size::<v3_2::DevicesByVulnerabilitySeverity>(), 0);
}
