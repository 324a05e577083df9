//! The run summary of `upgrade`/`downgrade` counts what the records' reports say, whatever the
//! order the records come in: each rule once per record that reports it, each conversion once
//! per record, each missing or carried value once per record.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::collections::BTreeMap;

use metaaccess_account::ApiVersion;
use metaaccess_account_capture::convert::{convert_record, rule_id, Converted, Options, Report};
use metaaccess_account_capture::input::{read_reader, InputFormat, Item, Limits, Sink};
use metaaccess_account_capture::output::{ConversionTally, Format};
use metaaccess_account_validate::secrets::Secrets;
use metaaccess_account_validate::Validator;
use proptest::prelude::*;

/// Responses of every older version, some with contradictions, absent optional fields and
/// undocumented members, so that records report different rules in different orders.
const RECORDS: &str = r#"{"name":"a","email":"a@b.co","last_login":"2017-03-09T08:00:00Z","date_created":"2013-10-04T08:00:00Z","devices_allowed":5,"devices_used":1,"devices_uncompliant":0}
{"name":"a","email":"a@b.co","last_login":"2017-03-09T08:00:00Z","date_created":"2013-10-04T08:00:00Z","devices_allowed":5,"devices_used":1,"devices_uncompliant":0,"devices_critical":1}
{"name":"OPSWAT IT","email":"opswat_it@opswat.com","last_login":"2017-03-09T08:00:00Z","date_created":"2013-10-04T08:00:00Z","devices_allowed":500,"devices_used":120,"devices_uncompliant":5,"devices_critical":2,"devices_issues":52,"devices_unknown":25,"license_key":"testcccd3e7201ee83e2c4b9f6dfc96c"}
{"name":"OPSWAT IT","email":"opswat_it@opswat.com","last_login":"2017-03-09T08:00:00Z","date_created":"2013-10-04T08:00:00Z","devices_allowed":500,"devices_used":120,"devices_uncompliant":5,"devices_critical":60,"devices_issues":52,"devices_unknown":25,"license_key":"testcccd3e7201ee83e2c4b9f6dfc96c"}
{"name":"n","email":"n@o.co","last_login":"2019-01-01T00:00:00Z","date_created":"2013-10-04T08:00:00Z","devices_allowed":50,"devices_used":12,"devices_by_status":[{"status":"compliant","number_of_devices":5},{"status":"exempted","number_of_devices":2}],"devices_by_issue_severity":[{"severity":"critical","number_of_devices":1}],"devices_by_vulnerability_severity":[],"license_key":"testcccd3e7201ee83e2c4b9f6dfc96c"}
{"name":"n","email":"n@o.co","last_login":"2019-01-01T00:00:00Z","date_created":"2013-10-04T08:00:00Z","devices_allowed":50,"devices_used":12,"devices_uncompliant":1,"devices_critical":0,"devices_issues":3,"devices_unknown":0,"license_key":"testcccd3e7201ee83e2c4b9f6dfc96c","x_site":"drift"}
"#;

/// Each record's report (and secrets), upgraded to the latest version.
fn reports() -> Vec<(Box<Report>, Secrets)> {
    let mut records = Vec::new();
    let mut deliver = |item: Item| {
        if let Item::Record(r) = item {
            records.push(r);
        }
        true
    };
    read_reader(
        "tally",
        RECORDS.as_bytes(),
        InputFormat::Ndjson,
        Limits::default(),
        &mut Sink::new(&mut deliver),
    );
    let validator = Validator::new(Default::default());
    let options = Options {
        to: ApiVersion::LATEST,
        redact: false,
        plain: false,
        direction: None,
    };
    records
        .iter()
        .map(|r| match convert_record(r, &validator, None, options) {
            Converted::Done {
                report, secrets, ..
            } => (report, secrets),
            _ => panic!("{} is not converted", r.locator),
        })
        .collect()
}

/// The summary's counts, from its JSON line: conversions, rules and values by their text.
fn counted(tally: &ConversionTally) -> BTreeMap<String, u64> {
    let mut out = Vec::new();
    tally.write(&mut out, Format::Json).unwrap();
    if out.is_empty() {
        return BTreeMap::new(); // nothing converted: no summary
    }
    let line: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let summary = &line["conversion_summary"];
    let mut counts = BTreeMap::new();
    for c in summary["conversions"].as_array().unwrap() {
        let key = format!("conversion {} {} {}", c["from"], c["to"], c["outcome"]);
        *counts.entry(key).or_default() += c["records"].as_u64().unwrap();
    }
    for r in summary["rules"].as_array().unwrap() {
        let key = format!("rule {}", r["rule"].as_str().unwrap());
        *counts.entry(key).or_default() += r["records"].as_u64().unwrap();
    }
    for v in summary["values"].as_array().unwrap() {
        let key = format!("value {}", v["text"].as_str().unwrap());
        *counts.entry(key).or_default() += v["records"].as_u64().unwrap();
    }
    counts
}

/// The same counts, made from the reports directly.
fn expected(reports: &[&(Box<Report>, Secrets)]) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for (r, _) in reports {
        let outcome = format!("\"{}\"", r.outcome());
        let key = format!("conversion \"{}\" \"{}\" {outcome}", r.from, r.to);
        *counts.entry(key).or_default() += 1;
        for e in &r.entries {
            *counts.entry(format!("rule {}", rule_id(e))).or_default() += 1;
        }
        for m in &r.missing {
            *counts.entry(format!("value missing {m}")).or_default() += 1;
        }
        for c in &r.carried {
            let key = format!("value carried {} {} ({})", c.version, c.pointer, c.reason);
            *counts.entry(key).or_default() += 1;
        }
        for u in &r.unknown {
            let key = format!("value carried {} {}: {}", u.version, u.pointer, u.reason);
            *counts.entry(key).or_default() += 1;
        }
    }
    counts
}

proptest! {
    /// Any sequence of records (repeats, any order) is counted as its reports say.
    #[test]
    fn the_summary_counts_every_record_in_any_order(
        picks in prop::collection::vec(0usize..6, 0..40)
    ) {
        let all = reports();
        let chosen: Vec<_> = picks.iter().map(|&i| &all[i]).collect();
        let mut tally = ConversionTally::default();
        for (report, secrets) in &chosen {
            tally.add(report, secrets, false);
        }
        prop_assert_eq!(tally.is_empty(), chosen.is_empty());
        prop_assert_eq!(counted(&tally), expected(&chosen));
    }
}
