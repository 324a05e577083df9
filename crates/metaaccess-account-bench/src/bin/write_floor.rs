//! The write floor of `upgrade`: how long writing its output takes when reading and converting
//! cost nothing. `write_floor FILE [REPEATS]`, FILE being the documents `upgrade --to 3.2`
//! wrote (one per line).
//!
//! Untimed, every line is read into what an upgrade holds before it writes: typed members (the
//! 3.2 model's, any of them absent) and the `$conversion` envelope (a `serde_json::Value`).
//! Timed, on every core, each document is serialized into its batch's buffer, and the result
//! is checked to be the line it came from, byte for byte. Prints the median seconds of REPEATS (default 5) timings, and the
//! spread. `scripts/bench.sh` compares it with the parse floor of `upgrade`'s input: a
//! conversion that cost nothing and a reader that cost nothing could not beat this.

use std::time::Instant;

use metaaccess_account::v3_2::{
    DevicesByIssueSeverity, DevicesByStatus, DevicesByVulnerabilitySeverity,
};
use metaaccess_account::{Count, Email, LicenseKey, Timestamp};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One upgraded document, as held before writing: the 3.2 model's members in its order (a
/// member the older version had no value for is absent), then the `$conversion` envelope.
#[derive(Serialize, Deserialize)]
struct Upgraded {
    name: String,
    email: Email,
    last_login: Timestamp,
    date_created: Timestamp,
    devices_allowed: Count,
    devices_used: Count,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    devices_by_status: Option<Vec<DevicesByStatus>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    devices_by_issue_severity: Option<Vec<DevicesByIssueSeverity>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    devices_by_vulnerability_severity: Option<Vec<DevicesByVulnerabilitySeverity>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    license_key: Option<LicenseKey>,
    #[serde(rename = "$conversion")]
    conversion: Value,
}

/// Writes one document as `upgrade` does, a line.
fn write(doc: &Upgraded, out: &mut Vec<u8>) -> serde_json::Result<()> {
    serde_json::to_writer(&mut *out, doc)?;
    out.push(b'\n');
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let usage = "usage: write_floor FILE [REPEATS]";
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or(usage)?;
    let repeats: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let bytes = std::fs::read(&path)?;
    let lines: Vec<&[u8]> = bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let docs = lines
        .par_iter()
        .map(|l| serde_json::from_slice::<Upgraded>(l))
        .collect::<Result<Vec<_>, _>>()?;
    let mut seconds = Vec::new();
    for _ in 0..repeats.max(1) {
        let start = Instant::now();
        // Batches of 4096, each written into one buffer (as the CLI writes a batch).
        let written: Vec<Vec<u8>> = docs
            .par_chunks(4096)
            .map(|batch| {
                let mut out = Vec::with_capacity(batch.len() * 1024);
                for doc in batch {
                    // Serializing into a Vec does not fail.
                    let _ = write(doc, &mut out);
                }
                out
            })
            .collect();
        seconds.push(start.elapsed().as_secs_f64());
        let same = written.iter().flatten().copied().eq(lines
            .iter()
            .flat_map(|l| l.iter().copied().chain(std::iter::once(b'\n'))));
        if !same {
            return Err("the documents written differ from the file's".into());
        }
    }
    seconds.sort_by(f64::total_cmp);
    println!(
        "{} documents, {} bytes: median {:.3} s ({:.3}-{:.3})",
        docs.len(),
        bytes.len(),
        seconds[seconds.len() / 2],
        seconds[0],
        seconds[seconds.len() - 1]
    );
    Ok(())
}
