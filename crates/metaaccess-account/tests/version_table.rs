//! Every per-version fact that is not generated from the version table must agree with it:
//! these tests fail when a copy drifts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::collections::BTreeSet;

use metaaccess_account::{
    endpoint, has_request_body, version_of_path, ApiVersion, DocumentKind, Method,
};

#[test]
fn each_version_module_declares_the_endpoint_of_its_own_version() {
    for v in ApiVersion::ALL {
        let e = endpoint(v);
        assert_eq!(e.version, v, "{v}: ENDPOINT.version");
        assert_eq!(version_of_path(e.path), Some(v), "{v}: {}", e.path);
        assert_eq!(version_of_path(&format!("{}/", e.path)), Some(v));
        assert_eq!(e.has_request_body, has_request_body(v), "{v}: request body");
        // The docs only ever send a body with POST.
        assert_eq!(e.method == Method::Post, e.has_request_body, "{v}: method");
    }
    let paths: BTreeSet<&str> = ApiVersion::ALL.iter().map(|v| endpoint(*v).path).collect();
    assert_eq!(paths.len(), ApiVersion::ALL.len(), "paths are unique");
}

#[test]
fn every_version_has_schemas_and_fixtures() {
    for v in ApiVersion::ALL {
        let mut kinds = vec![DocumentKind::Response];
        if has_request_body(v) {
            kinds.push(DocumentKind::Request);
        }
        for kind in kinds {
            for split in ["valid", "invalid"] {
                // Fails when the folder is missing or holds no fixture.
                metaaccess_account_testkit::fixture_files(v, kind, split);
            }
        }
        assert_eq!(
            metaaccess_account::request_schema(v).is_some(),
            has_request_body(v)
        );
    }
}

#[test]
fn any_account_details_knows_its_version() {
    for v in ApiVersion::ALL {
        let files = metaaccess_account_testkit::fixture_files(v, DocumentKind::Response, "valid");
        let first = &files[0];
        let text = std::fs::read_to_string(first).unwrap();
        let any = metaaccess_account::AnyAccountDetails::from_json_str(v, &text).unwrap();
        assert_eq!(any.value.version(), v);
    }
}
