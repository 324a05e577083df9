//! Writes an NDJSON corpus of Account Details responses to standard output: every version
//! mixed, with about 4% invalid and 4% drifting records. Deterministic for a given seed.
//!
//! `gen_corpus RECORDS [SEED] [VERSION] [clean]`: VERSION (`2.0`, `3.0`, `3.1`, `3.2`, or `all`,
//! the default) keeps one version's records; `clean` leaves out the invalid and drifting ones.

use std::io::{self, BufWriter, Write};

use metaaccess_account_validate::ApiVersion;

/// A small deterministic generator (SplitMix64): the corpus must be the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn common(r: &mut Rng, i: u64) -> String {
    format!(
        r#""name":"Account {i}","email":"owner{i}@example{}.com","last_login":"20{:02}-0{}-1{}T0{}:00:00Z","date_created":"2013-10-04T08:00:00Z","devices_allowed":{},"devices_used":{}"#,
        r.below(100),
        10 + r.below(15),
        1 + r.below(9),
        r.below(10),
        r.below(10),
        500 + r.below(5000),
        r.below(500)
    )
}

fn buckets(r: &mut Rng, key: &str, values: &[&str]) -> String {
    let items: Vec<String> = values
        .iter()
        .map(|v| format!(r#"{{"{key}":"{v}","number_of_devices":{}}}"#, r.below(200)))
        .collect();
    format!("[{}]", items.join(","))
}

/// What to generate.
struct Shape {
    /// [`ApiVersion::index`] of the one version to generate, or every version.
    version: Option<u64>,
    /// Leave out invalid and drifting records.
    clean: bool,
}

fn record(r: &mut Rng, i: u64, shape: &Shape) -> String {
    let c = common(r, i);
    let key = format!("{:032x}", r.next() as u128 * 31);
    let version = r.below(4);
    let body = match shape.version.unwrap_or(version) {
        0 => format!(
            r#"{{{c},"devices_uncompliant":{},"devices_critical":{},"devices_issues":{}}}"#,
            r.below(50),
            r.below(10),
            r.below(60)
        ),
        1 => format!(
            r#"{{{c},"devices_uncompliant":{},"devices_critical":{},"devices_issues":{},"devices_unknown":{},"license_key":"{key}"}}"#,
            r.below(50),
            r.below(10),
            r.below(60),
            r.below(30)
        ),
        v => {
            // 3.1 and 3.2 differ only in their vulnerability severities.
            let vulnerability: &[&str] = if v == 2 {
                &["critical", "important", "moderate", "low", "unknown"]
            } else {
                &["critical", "high", "medium", "low", "unknown"]
            };
            format!(
                r#"{{{c},"devices_by_status":{},"devices_by_issue_severity":{},"devices_by_vulnerability_severity":{},"license_key":"{key}"}}"#,
                buckets(
                    r,
                    "status",
                    &["compliant", "non-compliant", "exempted", "unknown"]
                ),
                buckets(r, "severity", &["critical", "warning", "no_issue"]),
                buckets(r, "severity", vulnerability)
            )
        }
    };
    let fault = r.below(100);
    if shape.clean {
        return body;
    }
    match fault {
        0 => body.replacen("\"devices_used\":", "\"devices_used\":-", 1),
        1 => body
            .replacen("\"devices_allowed\":", "\"devices_allowed\":\"", 1)
            .replacen(",\"devices_used\"", "\",\"devices_used\"", 1),
        2 => body[..body.len() / 2].to_owned(),
        3 => body.replacen("\"email\":\"owner", "\"email\":\"owner at ", 1),
        4 | 5 => body.replacen("{\"name\"", "{\"devices_quarantined\":3,\"name\"", 1),
        6 | 7 => body.replacen(
            "\"unknown\",\"number",
            "\"out_of_license_usage\",\"number",
            1,
        ),
        _ => body,
    }
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let records: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let version = match args.next().as_deref() {
        None | Some("all") => None,
        Some(v) => Some(v.parse::<ApiVersion>().map_err(io::Error::other)?.index() as u64),
    };
    let clean = match args.next().as_deref() {
        None => false,
        Some("clean") => true,
        Some(other) => return Err(io::Error::other(format!("expected `clean`, got {other}"))),
    };
    let shape = Shape { version, clean };
    let mut rng = Rng(seed);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    for i in 0..records {
        writeln!(out, "{}", record(&mut rng, i, &shape))?;
    }
    out.flush()
}
