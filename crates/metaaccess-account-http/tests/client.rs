//! The client against a real HTTP server on 127.0.0.1 (the testkit's scripted server): each
//! answer ends in the lenient parse or a typed error, and no output holds the token. Waits go
//! through a `ManualClock`, so the rate-limit tests never sleep.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use metaaccess_account::TokenLocation;
use metaaccess_account_http::client::{Client, ClientConfig, ClientError, ManualClock};
use metaaccess_account_http::{v3_1, v3_2, AccessToken, ResponseError, RetryAfter};
use metaaccess_account_testkit::http_server::{Reply, Server};

const TOKEN: &str = "TESTTOKEN7P9ZMJ2LBF8AMOMJLFNPMML";

/// A 3.1 document with one undocumented member and one undocumented status (drift).
const DRIFTING: &str = r#"{"name": "OPSWAT IT", "email": "opswat_it@opswat.com",
  "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
  "devices_allowed": 500, "devices_used": 120,
  "devices_by_status": [{"status": "quarantined", "number_of_devices": 3}],
  "devices_by_issue_severity": [], "devices_by_vulnerability_severity": [],
  "license_key": "testcccd3e7201ee83e2c4b9f6dfc96c", "devices_archived": 4}"#;

fn client(config: ClientConfig) -> (Client, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new());
    (Client::with_clock(config, clock.clone()), clock)
}

fn request(server: &Server) -> v3_1::Request {
    v3_1::Request::new(AccessToken::new(TOKEN).unwrap()).base_url(server.url())
}

/// Neither `Display` nor `Debug` of an error shows the token, or any 8-character piece of it.
fn shown(err: &ClientError) -> String {
    let text = format!("{err} | {err:?}");
    for piece in TOKEN.as_bytes().windows(8) {
        let piece = std::str::from_utf8(piece).unwrap();
        assert!(!text.contains(piece), "{text}");
    }
    text
}

#[test]
fn a_200_with_drift_is_the_lenient_parse() {
    let server = Server::start(vec![Reply::json(200, DRIFTING)]);
    let (client, clock) = client(ClientConfig::default());
    let parsed = client.fetch(&request(&server)).unwrap();
    assert_eq!(parsed.value.devices_used.get(), 120);
    let drift: Vec<String> = parsed.drift.iter().map(ToString::to_string).collect();
    assert_eq!(drift.len(), 2, "{drift:?}");
    assert!(drift.iter().any(|d| d.starts_with("/devices_archived")));
    assert!(!format!("{parsed:?}").contains("testcccd3e7201ee83e2c4b9f6dfc96c"));
    let seen = server.requests();
    assert!(
        seen[0].starts_with("GET /o/api/v3.1/account HTTP/1.1\r\n"),
        "{}",
        seen[0]
    );
    assert!(seen[0]
        .to_ascii_lowercase()
        .contains(&format!("access_token: {}", TOKEN.to_ascii_lowercase())));
    assert!(clock.sleeps().is_empty());
}

#[test]
fn the_3_2_request_posts_its_body_with_a_bearer_token() {
    let server = Server::start(vec![Reply::json(200, DRIFTING)]);
    let (client, _) = client(ClientConfig::default());
    let req = v3_2::Request::new(AccessToken::new(TOKEN).unwrap())
        .base_url(server.url())
        .token_in(TokenLocation::AuthorizationBearer);
    client.fetch(&req).unwrap();
    let seen = &server.requests()[0];
    assert!(
        seen.starts_with("POST /o/api/v3.2/account HTTP/1.1\r\n"),
        "{seen}"
    );
    assert!(seen.contains(&format!("Bearer {TOKEN}")), "{seen}");
    assert!(seen.ends_with(r#"{"score_type":"opswat_score"}"#), "{seen}");
}

#[test]
fn a_401_is_unauthorized() {
    let server = Server::start(vec![Reply::json(
        401,
        r#"{"error":"access token invalid or expired"}"#,
    )]);
    let (client, _) = client(ClientConfig::default());
    let err = client.fetch(&request(&server)).unwrap_err();
    assert_eq!(err, ClientError::Response(ResponseError::Unauthorized));
    assert!(shown(&err).starts_with("401 Unauthorized: "));
}

#[test]
fn a_429_with_retry_after_is_retried_after_that_long_then_succeeds() {
    let server = Server::start(vec![
        Reply::json(429, "{}").header("Retry-After", "7"),
        Reply::json(200, DRIFTING),
    ]);
    let (client, clock) = client(ClientConfig::default());
    let parsed = client.fetch(&request(&server)).unwrap();
    assert_eq!(parsed.value.devices_used.get(), 120);
    assert_eq!(clock.sleeps(), [Duration::from_secs(7)]);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_retry_after_date_is_waited_for_on_the_clock() {
    use metaaccess_account::time::{Duration as Span, OffsetDateTime};
    let at = OffsetDateTime::now_utc() + Span::seconds(30);
    let date = format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        &at.weekday().to_string()[..3],
        at.day(),
        &at.month().to_string()[..3],
        at.year(),
        at.hour(),
        at.minute(),
        at.second()
    );
    let server = Server::start(vec![
        Reply::json(429, "{}").header("Retry-After", &date),
        Reply::json(200, DRIFTING),
    ]);
    let (client, clock) = client(ClientConfig::default());
    client.fetch(&request(&server)).unwrap();
    let slept = clock.sleeps();
    assert_eq!(slept.len(), 1, "{date}");
    assert!((28..=30).contains(&slept[0].as_secs()), "{date}: {slept:?}");
}

#[test]
fn retries_on_429_are_bounded() {
    let limited = || Reply::json(429, "{}").header("Retry-After", "1");
    let server = Server::start(vec![limited(), limited(), limited()]);
    let (client, clock) = client(ClientConfig::default().max_retries(2));
    let err = client.fetch(&request(&server)).unwrap_err();
    assert_eq!(
        err,
        ClientError::Response(ResponseError::RateLimited {
            retry_after: Some(RetryAfter::Delay(Duration::from_secs(1)))
        })
    );
    assert!(shown(&err).starts_with("429 Too Many Requests: "));
    assert_eq!(clock.sleeps(), [Duration::from_secs(1); 2]);
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_retry_after_beyond_the_longest_wait_is_returned_at_once() {
    let server = Server::start(vec![Reply::json(429, "{}").header("Retry-After", "3600")]);
    let (client, clock) = client(ClientConfig::default());
    let err = client.fetch(&request(&server)).unwrap_err();
    assert!(matches!(
        err,
        ClientError::Response(ResponseError::RateLimited { .. })
    ));
    assert!(clock.sleeps().is_empty());
}

#[test]
fn the_rate_limit_is_shared_by_clones() {
    let server = Server::start((0..12).map(|_| Reply::json(200, DRIFTING)).collect());
    let (first, clock) = client(ClientConfig::default());
    let second = first.clone();
    for i in 0..12usize {
        let client = if i % 2 == 0 { &first } else { &second };
        client.fetch(&request(&server)).unwrap();
        // Ten at once; then each waits for the next token, one every 6 s.
        let expected = i.saturating_sub(9);
        assert_eq!(clock.sleeps().len(), expected, "request {i}");
    }
    assert_eq!(clock.sleeps(), [Duration::from_secs(6); 2]);
}

#[test]
fn a_503_is_a_server_error() {
    let server = Server::start(vec![Reply::json(503, "")]);
    let (client, _) = client(ClientConfig::default());
    let err = client.fetch(&request(&server)).unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(
        shown(&err),
        "503 Service Unavailable: server error | Response(Server { status: 503 })"
    );
}

#[test]
fn a_server_too_slow_for_the_read_timeout_is_a_timeout() {
    let server = Server::start(vec![
        Reply::json(200, DRIFTING).delay(Duration::from_millis(1500))
    ]);
    let config = ClientConfig::default().read_timeout(Duration::from_millis(200));
    let (client, _) = client(config);
    let err = client.fetch(&request(&server)).unwrap_err();
    assert_eq!(
        err,
        ClientError::Timeout {
            during: "reading the response",
            after: Duration::from_millis(200)
        }
    );
    shown(&err);
}

#[test]
fn a_body_over_the_record_limit_is_refused_while_reading() {
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(4096));
    let server = Server::start(vec![Reply::json(200, big)]);
    let (client, _) = client(ClientConfig::default().max_body_bytes(1024));
    let err = client.fetch(&request(&server)).unwrap_err();
    assert_eq!(err, ClientError::TooLarge { limit: 1024 });
    assert_eq!(
        shown(&err),
        "the response body is larger than the record limit of 1024 bytes | TooLarge { limit: 1024 }"
    );
}

#[test]
fn a_wrong_content_type_is_refused() {
    let server = Server::start(vec![Reply::typed(200, "text/html", "<html></html>")]);
    let (client, _) = client(ClientConfig::default());
    let err = client.fetch(&request(&server)).unwrap_err();
    assert_eq!(
        err,
        ClientError::Response(ResponseError::UnexpectedContentType {
            content_type: Some("text/html".into())
        })
    );
}

#[test]
fn a_connection_closed_mid_body_is_a_transport_error() {
    let server = Server::start(vec![Reply::json(200, DRIFTING).close_after(40)]);
    let (client, _) = client(ClientConfig::default());
    let req = request(&server).token_in(TokenLocation::QueryString);
    let err = client.fetch(&req).unwrap_err();
    assert!(matches!(err, ClientError::Transport { .. }), "{err:?}");
    shown(&err);
}

#[test]
fn nothing_listening_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (client, _) = client(ClientConfig::default());
    let req = v3_1::Request::new(AccessToken::new(TOKEN).unwrap())
        .base_url(format!("http://127.0.0.1:{port}"))
        .token_in(TokenLocation::QueryString);
    let err = client.fetch(&req).unwrap_err();
    assert!(matches!(err, ClientError::Transport { .. }), "{err:?}");
    shown(&err);
}
