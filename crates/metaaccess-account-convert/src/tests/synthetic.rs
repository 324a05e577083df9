//! Rule kinds no published change uses yet, on made-up changes.

use metaaccess_account::{ApiVersion, Document};
use serde_json::Value;

use super::fixtures;
use crate::change::{Direction, Place, Rule, VersionChange};
use crate::engine::step;
use crate::report::{EntryKind, Report};
use crate::source::Source;

static SAME: VersionChange =
    VersionChange::same_shape("same", ApiVersion::V3_1, ApiVersion::V3_2, "a new path");

static REMOVED: VersionChange = VersionChange {
    name: "removed",
    from: ApiVersion::V3_0,
    to: ApiVersion::V3_1,
    description: "drops devices_unknown",
    rules: &[
        Rule::Copied(&["name"]),
        Rule::Removed {
            older: Place::Field("devices_unknown"),
            why: "the newer version does not count unknown devices",
        },
    ],
};

#[test]
fn a_same_shape_change_copies_every_field_both_ways() {
    for (file, doc) in fixtures()
        .into_iter()
        .filter(|(_, d)| d.version() == SAME.from)
    {
        let mut report = Report::default();
        let work = doc.work();
        let up = step(&SAME, Direction::Up, &work, &mut report, &mut |_, _, _| {});
        assert_eq!((up.version, &up.doc), (SAME.to, &work.doc), "{file}");
        let down = step(&SAME, Direction::Down, &up, &mut report, &mut |_, _, _| {});
        assert_eq!(down, work, "{file}");
        assert!(report.is_empty(), "{file}: copies are not reported");
    }
}

#[test]
fn removed_fields_are_dropped_up_and_unavailable_down() {
    let doc = metaaccess_account::v3_0::AccountDetails::from_json_str(
        r#"{"name": "n", "email": "a@b.co", "last_login": "2017-03-09T08:00:00Z",
            "date_created": "2013-10-04T08:00:00Z", "devices_allowed": 1, "devices_used": 1,
            "devices_uncompliant": 0, "devices_critical": 0, "devices_issues": 0,
            "devices_unknown": 25}"#,
    )
    .unwrap()
    .value;
    let mut report = Report::default();
    let up = step(
        &REMOVED,
        Direction::Up,
        &doc.work(),
        &mut report,
        &mut |_, _, _| {},
    );
    assert_eq!(up.doc.keys().collect::<Vec<_>>(), ["name"]);
    assert_eq!(report.entries[0].kind, EntryKind::Dropped);
    assert_eq!(
        report.entries[0].detail,
        "the newer version does not count unknown devices (25)"
    );
    let down = step(
        &REMOVED,
        Direction::Down,
        &up,
        &mut report,
        &mut |_, _, _| {},
    );
    assert_eq!(down.doc.get("name"), Some(&Value::from("n")));
    assert_eq!(report.entries[1].kind, EntryKind::Unavailable);
    assert_eq!(down.missing[0].pointer, "/devices_unknown");
}
