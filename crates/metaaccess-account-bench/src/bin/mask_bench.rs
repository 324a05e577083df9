//! How long masking takes on large inputs: a 6 MB text with 2,000 known secrets, and a record
//! of about 5 MB carrying 200,000 secret-named fields (collecting its secrets, then masking a
//! diagnostic of the same size). Prints the median and spread of `RUNS` runs, in milliseconds.
//!
//! `mask_bench [RUNS]` (default 7). Build with `--profile dist` for figures worth comparing.

use std::time::Instant;

use metaaccess_account_validate::secrets::Secrets;

fn time_ms(runs: usize, mut f: impl FnMut()) -> Vec<f64> {
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    ms
}

fn report(what: &str, bytes: usize, ms: &[f64]) {
    let median = ms[ms.len() / 2];
    println!(
        "{what:<46} {:>6.1} MB  median {median:>8.1} ms  (min {:.1}, max {:.1})  {:.0} MB/s",
        bytes as f64 / 1e6,
        ms[0],
        ms[ms.len() - 1],
        bytes as f64 / 1e6 / (median / 1e3)
    );
}

fn main() {
    let runs = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(7usize)
        .max(1);

    let mut secrets = Secrets::default();
    for i in 0..2_000 {
        secrets.add(&format!("secret{i:05}"));
    }
    let text = "lorem ipsum secret01999 dolor ".repeat(200_000);
    let ms = time_ms(runs, || {
        let _ = std::hint::black_box(secrets.mask(&text));
    });
    report("mask: 2,000 secrets in text", text.len(), &ms);

    let fields: Vec<String> = (0..200_000)
        .map(|i| format!(r#"{{"api_token":"tok{i:07}x"}}"#))
        .collect();
    let record = format!(r#"{{"name":"n","items":[{}]}}"#, fields.join(","));
    let value: serde_json::Value = match serde_json::from_str(&record) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("cannot build the record: {e}");
            std::process::exit(2);
        }
    };
    let mut collected = Secrets::default();
    let ms = time_ms(runs, || {
        let mut s = Secrets::default();
        s.collect_json(&value);
        collected = s;
    });
    report(
        "collect: 200,000 secret fields in a record",
        record.len(),
        &ms,
    );
    let ms = time_ms(runs, || {
        let _ = std::hint::black_box(collected.mask(&record));
    });
    report(
        "mask: the record's own text, 200,000 secrets",
        record.len(),
        &ms,
    );
}
