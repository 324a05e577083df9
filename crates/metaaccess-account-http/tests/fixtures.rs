//! Every response fixture of every version, and the 401 entry of the sample HAR capture,
//! through `try_from_http_response`: valid fixtures parse without drift, invalid ones are body
//! errors (or drift, for undocumented members and values), with the outcomes pinned.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_http::{try_from_http_response_any, BodyError, ResponseError};
use metaaccess_account_testkit::{fixture_files, repo_root};

fn ok_json(body: Vec<u8>) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json; charset=utf-8")
        .body(body)
        .unwrap()
}

#[test]
fn every_fixture_through_try_from_http_response() {
    for version in ApiVersion::ALL {
        let mut outcomes = String::new();
        for split in ["valid", "invalid"] {
            for file in fixture_files(version, DocumentKind::Response, split) {
                let bytes = std::fs::read(&file).unwrap();
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                let outcome = match try_from_http_response_any(version, ok_json(bytes.clone())) {
                    Ok(parsed) => {
                        assert_eq!(parsed.value.version(), version);
                        assert_eq!(split == "valid", parsed.drift.is_empty(), "{name}");
                        let drift: Vec<String> =
                            parsed.drift.iter().map(ToString::to_string).collect();
                        format!("ok, drift: {drift:?}")
                    }
                    Err(err @ ResponseError::Body(BodyError { .. })) => {
                        let ResponseError::Body(body) = &err else {
                            unreachable!()
                        };
                        assert_eq!(split, "invalid", "{name}");
                        assert_eq!(body.version, version);
                        assert!(!body.problems.is_empty(), "{name}");
                        assert_no_license_key(&bytes, &err.to_string());
                        format!("error: {err}")
                    }
                    Err(other) => panic!("{name}: {other}"),
                };
                outcomes.push_str(&format!("{split}/{name}: {outcome}\n"));
            }
        }
        insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("http-response-{}", version.dir_name()), outcomes);
        });
    }
}

/// The typed per-version function gives the same answer as the run-time one.
#[test]
fn typed_and_run_time_reading_agree() {
    for file in fixture_files(ApiVersion::V3_1, DocumentKind::Response, "invalid") {
        let bytes = std::fs::read(&file).unwrap();
        let typed = metaaccess_account_http::v3_1::try_from_http_response(ok_json(bytes.clone()));
        let any = try_from_http_response_any(ApiVersion::V3_1, ok_json(bytes));
        assert_eq!(
            typed.map(|p| p.drift),
            any.map(|p| p.drift),
            "{}",
            file.display()
        );
    }
}

/// A fixture's license key never appears in an error about it.
fn assert_no_license_key(document: &[u8], message: &str) {
    let Ok(serde_json::Value::Object(doc)) = serde_json::from_slice(document) else {
        return;
    };
    if let Some(serde_json::Value::String(key)) = doc.get("license_key") {
        assert!(!message.contains(key.as_str()), "{message}");
    }
}

#[test]
fn the_401_of_the_sample_capture_is_unauthorized() {
    let har: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo_root().join("samples/capture.har")).unwrap())
            .unwrap();
    let entries = har["log"]["entries"].as_array().unwrap();
    let entry = entries
        .iter()
        .find(|e| e["response"]["status"] == 401)
        .expect("the sample capture has a 401 entry");
    let url: http::Uri = entry["request"]["url"].as_str().unwrap().parse().unwrap();
    let version = metaaccess_account::version_of_path(url.path()).unwrap();
    let mut response = http::Response::builder().status(401);
    for h in entry["response"]["headers"].as_array().unwrap() {
        response = response.header(h["name"].as_str().unwrap(), h["value"].as_str().unwrap());
    }
    let text = entry["response"]["content"]["text"].as_str().unwrap();
    let response = response.body(text.as_bytes().to_vec()).unwrap();
    let err = try_from_http_response_any(version, response).unwrap_err();
    assert_eq!(err, ResponseError::Unauthorized);
    assert_eq!(err.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert_eq!(
        err.to_string(),
        "401 Unauthorized: the access token is invalid or expired"
    );
}

#[test]
fn statuses_and_content_types_are_typed_errors() {
    let with = |status: u16, headers: &[(&str, &str)]| {
        let mut b = http::Response::builder().status(status);
        for (n, v) in headers {
            b = b.header(*n, *v);
        }
        try_from_http_response_any(ApiVersion::V3_2, b.body(b"{}".to_vec()).unwrap()).unwrap_err()
    };
    let limited = with(429, &[("retry-after", "7")]);
    assert_eq!(
        limited.to_string(),
        "429 Too Many Requests: over the rate limit of 10 requests a minute; retry after 7 s"
    );
    assert_eq!(
        with(503, &[]).to_string(),
        "503 Service Unavailable: server error"
    );
    assert_eq!(
        with(404, &[]).to_string(),
        "404 Not Found: unexpected status (expected 200 OK)"
    );
    assert_eq!(
        with(200, &[("content-type", "text/html")]).to_string(),
        "200 OK with content type \"text/html\", expected application/json"
    );
    assert!(matches!(
        with(200, &[]),
        ResponseError::UnexpectedContentType { content_type: None }
    ));
    // A JSON 200 whose body is not an account: the verdict library's problems.
    let err = with(200, &[("content-type", "application/json")]);
    assert!(
        err.to_string()
            .starts_with("the response body is not a valid 3.2 account document; "),
        "{err}"
    );
}
