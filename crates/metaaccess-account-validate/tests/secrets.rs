//! The secret policy: what is secret in every location it names, and masking that stays
//! linear on large inputs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account_validate::secrets::{is_secret_name, Secrets, REDACTED};
use serde_json::json;

#[test]
fn every_location_of_a_har_entry_is_collected() {
    let entry = json!({
        "request": {
            "url": "https://h/o/api/v3.2/account?a=1&Access_Token=Q1;apiKey=Q2#ACCESS-TOKEN=F1&x=2",
            "headers": [
                {"name": "Authorization", "value": "Token H1"},
                {"name": "authorization", "value": "Basic dXNlcjpQVzE="},
                {"name": "X-Session-Token", "value": "H2"},
                {"name": "X-API-KEY", "value": "H3"},
                {"name": "cookie", "value": "a=C1; b=C2"},
            ],
            "cookies": [{"name": "x", "value": "C3"}],
            "queryString": [{"name": "access_token", "value": "Q3"}],
            "postData": {"text": "{\"password\": \"B1\"}", "params": [{"name": "client_secret", "value": "B2"}]},
        },
        "response": {"headers": [{"name": "Set-Cookie", "value": "s=C4; Path=/"}]},
    });
    let mut s = Secrets::default();
    s.collect_har_entry(&entry);
    for v in [
        "Q1", "Q2", "F1", "H1", "PW1", "user:PW1", "H2", "H3", "C1", "C2", "C3", "Q3", "B1", "B2",
        "C4",
    ] {
        assert!(
            s.values().iter().any(|x| x == v),
            "{v} not collected: {:?}",
            s.values()
        );
    }
    let mut form = Secrets::default();
    form.collect_form("a=1&Password=P%2B1;token=T+1");
    assert!(form.values().iter().any(|x| x == "P+1"));
    assert!(form.values().iter().any(|x| x == "T 1"));
}

#[test]
fn names_are_compared_without_case_or_separators() {
    for n in [
        "LICENSE_KEY",
        "license-key",
        "LicenseKey",
        "access.token",
        "Tokens",
        "X-Custom-Token",
        "db_password",
        "x-api-key",
        "API_KEY",
        "Proxy-Authorization",
    ] {
        assert!(is_secret_name(n), "{n}");
    }
    for n in [
        "name",
        "email",
        "devices_used",
        "status",
        "severity",
        "number_of_devices",
    ] {
        assert!(!is_secret_name(n), "{n}");
    }
}

/// Correctness on a large input; its speed is measured by `mask_bench` (BENCHMARKS.md).
#[test]
fn a_large_input_with_many_secrets_is_masked_everywhere() {
    let mut s = Secrets::default();
    for i in 0..2_000 {
        s.add(&format!("secret{i:05}"));
    }
    let text = "lorem ipsum secret01999 dolor ".repeat(200_000); // 6 MB
    let masked = s.mask(&text).unwrap();
    assert!(!masked.contains("secret01999"));
    assert_eq!(masked.matches(REDACTED).count(), 200_000);
}

#[test]
fn documents_are_redacted_inside_json_strings_too() {
    let mut s = Secrets::default();
    let mut doc = json!({"license_key": "K1-0123456", "blob": "{\"tokens\": [\"T1\"]}",
                         "name": "has K1-0123456 inside"});
    s.collect_json(&doc);
    s.redact_document(&mut doc);
    let text = doc.to_string();
    let piece = metaaccess_account_testkit::leaked_piece(&text, "K1-0123456");
    assert_eq!(piece, None, "{text}");
    assert!(
        !text.contains("T1"),
        "a short secret where it stands: {text}"
    );
}

/// A secret shorter than 8 characters is masked where it stands (its field), and where a value
/// is exactly it, but not inside other text: a one-character cookie would otherwise mask every
/// occurrence of that character.
#[test]
fn a_short_secret_is_masked_where_it_stands_only() {
    use metaaccess_account_validate::secrets::describe;
    let mut s = Secrets::default();
    let mut doc = json!({"session_id": "a", "name": "a name", "status": "a"});
    s.collect_json(&doc);
    assert!(s.contains("a"));
    assert_eq!(
        s.mask("drift samples/a.json (3.2)").unwrap(),
        "drift samples/a.json (3.2)"
    );
    assert_eq!(
        describe(&json!("a"), &s),
        format!("a string \"{REDACTED}\"")
    );
    assert_eq!(describe(&json!("a name"), &s), "a string \"a name\"");
    s.redact_document(&mut doc);
    assert_eq!(doc["session_id"], REDACTED);
    assert_eq!(doc["name"], "a name");
}

/// Short texts are first searched form by form (no automaton is built when nothing matches);
/// every form is still found there: raw, JSON-escaped once and twice, percent-encoded.
#[test]
fn short_texts_are_masked_in_every_form() {
    let mut s = Secrets::default();
    s.add("a\"b/c d-e");
    for text in [
        "x a\"b/c d-e y",
        r#"x a\"b/c d-e y"#,
        r#"x a\\\"b/c d-e y"#,
        "x a%22b%2Fc%20d-e y",
    ] {
        let masked = s.mask(text).unwrap();
        assert_eq!(masked, format!("x {REDACTED} y"), "{text}");
    }
    assert_eq!(s.mask("nothing here").unwrap(), "nothing here");
}

/// Long periodic secrets (a 4,096-character run of one character, as a cookie or a token
/// header can hold) are masked in time linear in their length: the matcher is never a DFA,
/// whose construction follows failure links for every state and byte class (this input took
/// minutes in a debug build when it was).
#[test]
fn long_periodic_secrets_are_masked_in_linear_time() {
    let started = std::time::Instant::now();
    let mut s = Secrets::default();
    let runs: Vec<String> = ['가', '각', 'z', '"']
        .iter()
        .map(|c| c.to_string().repeat(4096))
        .collect();
    for r in &runs {
        s.add(r);
    }
    let text = format!("a {} b {} c", runs[0], runs[3]);
    let masked = s.mask(&text).unwrap();
    assert_eq!(masked, format!("a {REDACTED} b {REDACTED} c"));
    assert!(s.leaks(&runs[1][..30]));
    let took = started.elapsed();
    assert!(took.as_secs() < 20, "masking took {took:?}");
}

/// A piece is 8 characters, not 8 bytes: 3 characters of a secret in Korean (9 bytes) are not a
/// leak, and a short password inside its longer `user:password` secret is not searched for in
/// other text because its characters are wide.
#[test]
fn pieces_are_counted_in_characters_not_bytes() {
    let mut s = Secrets::default();
    s.add("user:갊갊갊갊갊");
    s.add("갃갃갃갃갃갃갃갃갃갃갃갃");
    assert!(!s.leaks("a string \"id 갊갊갊갊갊 seen\""));
    assert!(!s.leaks("갃갃갃갃갃갃갃 (seven)"));
    assert!(s.leaks("갃갃갃갃갃갃갃갃 (eight)"));
    assert!(s.leaks("ser:갊갊갊갊갊")); // eight characters of "user:갊갊갊갊갊"
}
