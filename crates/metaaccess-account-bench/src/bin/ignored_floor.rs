//! The honest parse floor: reads an NDJSON file whole and parses every line into
//! `serde::de::IgnoredAny` (syntax checked, nothing built), on `JOBS` threads (default: every
//! core, as `validate` uses). `ignored_floor FILE [JOBS]`
//!
//! Nothing can check a record faster than this parses it, so `validate` is reported as a
//! ratio of this floor, measured in the same run on the same file and cores.

use rayon::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: ignored_floor FILE [JOBS]")?;
    let jobs: usize = args.next().map_or(Ok(0), |j| j.parse())?;
    let bytes = std::fs::read(&path)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build()?;
    let (ok, bad) = pool.install(|| {
        bytes
            .par_split(|b| *b == b'\n')
            .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
            .map(
                |line| match serde_json::from_slice::<serde::de::IgnoredAny>(line) {
                    Ok(_) => (1u64, 0u64),
                    Err(_) => (0, 1),
                },
            )
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    println!("{ok} parsed, {bad} not JSON");
    Ok(())
}
