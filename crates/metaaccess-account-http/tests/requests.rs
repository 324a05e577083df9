//! Every version's built request, pinned: method, URI, headers (token masked) and body, for each
//! place the token can go. The token itself is checked where it must be, and nowhere in the
//! snapshot.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use metaaccess_account::{ApiVersion, TokenLocation};
use metaaccess_account_http::{describe_request, AccessToken, AnyRequest, RequestError};

const TOKEN: &str = "TEST7P9ZMJ2LBF8AMOMJLFNPMMLO953A";

const PLACES: [TokenLocation; 3] = [
    TokenLocation::Header,
    TokenLocation::QueryString,
    TokenLocation::AuthorizationBearer,
];

fn request(version: ApiVersion, place: TokenLocation) -> http::Request<Vec<u8>> {
    AnyRequest::new(version, AccessToken::new(TOKEN).unwrap())
        .token_in(place)
        .try_into_http_request()
        .unwrap()
}

#[test]
fn every_version_builds_its_documented_request() {
    for version in ApiVersion::ALL {
        let mut shown = String::new();
        for place in PLACES {
            let req = request(version, place);
            let text = describe_request(&req);
            assert!(!text.contains(TOKEN), "{text}");
            shown.push_str(&format!("# token in {place:?}\n{text}\n"));
        }
        insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("http-request-{}", version.dir_name()), shown);
        });
    }
}

#[test]
fn the_token_is_where_the_caller_asks_and_only_there() {
    for version in ApiVersion::ALL {
        let header = request(version, TokenLocation::Header);
        assert_eq!(header.headers()["access_token"], TOKEN);
        assert!(header.uri().query().is_none());
        assert!(!header.headers().contains_key("authorization"));

        let query = request(version, TokenLocation::QueryString);
        assert_eq!(query.uri().query(), Some(&*format!("access_token={TOKEN}")));
        assert!(!query.headers().contains_key("access_token"));

        let bearer = request(version, TokenLocation::AuthorizationBearer);
        assert_eq!(
            bearer.headers()["authorization"],
            &*format!("Bearer {TOKEN}")
        );
        assert!(!bearer.headers().contains_key("access_token"));
        // `http`'s own Debug hides the headers marked sensitive.
        for req in [header, bearer] {
            assert!(!format!("{req:?}").contains(TOKEN));
        }
    }
}

/// Every version's typed `Request` (the module list comes from the version table, like the
/// modules themselves) builds what `AnyRequest` builds.
macro_rules! typed_requests {
    ($(
        $(#[$doc:meta])*
        $V:ident = $number:literal, $module:ident, $krate:ident $(, request $Req:ident)?;
    )+) => {
        vec![$((
            ApiVersion::$V,
            metaaccess_account_http::$module::Request::new(AccessToken::new(TOKEN).unwrap())
                .try_into_http_request(),
        )),+]
    };
}

#[test]
fn typed_requests_match_the_run_time_ones() {
    let typed = metaaccess_account::api_versions!(typed_requests);
    assert_eq!(typed.len(), ApiVersion::ALL.len());
    for (version, typed) in typed {
        let typed = typed.unwrap();
        let any = request(version, TokenLocation::Header);
        assert_eq!(describe_request(&typed), describe_request(&any));
        assert_eq!(typed.headers()["access_token"], TOKEN);
    }
}

#[test]
fn a_query_token_is_percent_encoded_and_a_base_url_path_is_kept() {
    let token = AccessToken::new("a+b/c=d&e").unwrap();
    let req = AnyRequest::new(ApiVersion::V3_1, token)
        .base_url("http://127.0.0.1:8080/proxy/")
        .token_in(TokenLocation::QueryString)
        .try_into_http_request()
        .unwrap();
    assert_eq!(
        req.uri(),
        "http://127.0.0.1:8080/proxy/o/api/v3.1/account?access_token=a%2Bb%2Fc%3Dd%26e"
    );
}

#[test]
fn bad_base_urls_are_refused_without_the_token() {
    for base in [
        "gears.opswat.com",
        "ftp://gears.opswat.com",
        "https://h/?x=1",
        "not a url",
    ] {
        let err = AnyRequest::new(ApiVersion::V3_2, AccessToken::new(TOKEN).unwrap())
            .base_url(base)
            .try_into_http_request()
            .unwrap_err();
        assert!(matches!(err, RequestError::BaseUrl { .. }), "{base}: {err}");
        let shown = format!("{err} {err:?}");
        assert!(shown.contains(base) && !shown.contains(TOKEN), "{shown}");
    }
}

#[test]
fn score_type_goes_in_the_3_2_body_and_is_read_strictly() {
    let token = AccessToken::new(TOKEN).unwrap();
    let body = serde_json::json!({"score_type": "cvss2_ score"});
    let req = AnyRequest::new(ApiVersion::V3_2, token.clone())
        .with_body(&body)
        .unwrap()
        .unwrap();
    assert_eq!(
        req.try_into_http_request().unwrap().body(),
        br#"{"score_type":"cvss2_score"}"#
    );
    let unknown = serde_json::json!({"score_type": "cvss4_score"});
    let err = AnyRequest::new(ApiVersion::V3_2, token.clone())
        .with_body(&unknown)
        .unwrap()
        .unwrap_err();
    assert_eq!(err.pointer(), "/score_type");
    assert!(AnyRequest::new(ApiVersion::V3_0, token)
        .with_body(&body)
        .is_none());
}
