//! Every valid fixture of every version, converted to every other version: the documents and
//! their reports are pinned in `snapshots/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::fmt::Write as _;

use metaaccess_account::{AnyAccountDetails, ApiVersion};
use metaaccess_account_convert::{convert_any, Conversion, Outcome};

fn render(c: &Conversion<AnyAccountDetails>) -> String {
    let mut out = String::new();
    match &c.outcome {
        Outcome::Complete(_) => out.push_str("outcome: complete\n"),
        Outcome::Partial(p) => {
            out.push_str("outcome: partial\n");
            for m in p.missing() {
                writeln!(out, "missing: {m}").unwrap();
            }
            for k in p.carried() {
                writeln!(
                    out,
                    "carried: v{} {} = {}: {}",
                    k.version, k.pointer, k.value, k.reason
                )
                .unwrap();
            }
        }
    }
    out.push_str("report:\n");
    for e in &c.report.entries {
        writeln!(out, "  {e}").unwrap();
    }
    out.push_str("document:\n");
    // In the target's documented order, as users get it.
    out.push_str(&format!("{:#}", c.outcome.document()));
    out
}

#[test]
fn every_valid_fixture_to_every_version() {
    for (file, doc) in metaaccess_account_testkit::valid_responses() {
        let from = doc.version();
        for to in ApiVersion::ALL.into_iter().filter(|to| *to != from) {
            let name = format!(
                "convert-{}-{}-to-{}",
                from.dir_name(),
                file.file_stem().unwrap().to_string_lossy(),
                to.dir_name()
            );
            let rendered = render(&convert_any(&doc, to));
            assert!(
                !rendered.contains("testcccd3e7201ee83e2c4b9f6dfc96c")
                    || rendered.contains("\"license_key\""),
                "a license key may appear only as document data, never in a report"
            );
            insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(name, rendered);
            });
        }
    }
}
