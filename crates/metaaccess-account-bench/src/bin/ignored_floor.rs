//! The honest parse floor: parses every line of an NDJSON file into `serde::de::IgnoredAny`
//! (syntax checked, nothing built) on `JOBS` threads (default `0`: every core, as `validate`
//! uses). `ignored_floor FILE [JOBS] [pipelined|whole]`
//!
//! Nothing can check a record faster than this parses it, so `validate` is reported as a
//! ratio of this floor, measured in the same run on the same file and cores.
//!
//! Two ways to read the file, so that the floor is as fast as it honestly can be:
//!
//! - `pipelined` (the default): a reader thread reads 8 MiB chunks, each cut after its last
//!   newline (the rest starts the next chunk), while the pool parses the previous chunk; at
//!   most three buffers exist, and they are reused. Reading then overlaps parsing, as in
//!   `validate`, whose reader thread also runs beside its checking threads.
//! - `whole`: `std::fs::read` the whole file, then parse it in parallel (the floor as first
//!   written): reading and parsing do not overlap, and the whole file is in memory.
//!
//! Pipelined is the faster, so it is the default. Measured 2026-12-01 on the project's 2-core
//! machine while another build shared it (load average about 2), `--profile dist`, the 175 MB
//! corpus of `gen_corpus 200000 7 3.1 clean` in the page cache, 9 interleaved runs, median
//! wall seconds: pipelined 0.100 on every core and 0.157 on one parsing thread (plus the
//! reader), `whole` 0.173 and 0.240 (reading the whole file first adds about 0.08 s, as much
//! as the parallel parse takes); peak RSS 26 MiB against 173 MiB.

use std::fs::File;
use std::io::{self, Read};
use std::sync::mpsc;

use rayon::prelude::*;

/// Bytes read per chunk (before the cut at the last newline).
const CHUNK: usize = 8 << 20;

/// Lines parsed and lines that are not JSON, blank lines left out.
fn count(bytes: &[u8]) -> (u64, u64) {
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
}

fn whole(path: &str, pool: &rayon::ThreadPool) -> io::Result<(u64, u64)> {
    let bytes = std::fs::read(path)?;
    Ok(pool.install(|| count(&bytes)))
}

fn pipelined(path: &str, pool: &rayon::ThreadPool) -> io::Result<(u64, u64)> {
    let mut file = File::open(path)?;
    // Full chunks go to the parser; parsed ones come back to be filled again.
    let (full_tx, full_rx) = mpsc::sync_channel::<Vec<u8>>(1);
    let (empty_tx, empty_rx) = mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> io::Result<()> {
            let mut carry: Vec<u8> = Vec::new();
            loop {
                let mut buf = empty_rx
                    .try_recv()
                    .unwrap_or_else(|_| Vec::with_capacity(CHUNK + CHUNK / 8));
                buf.clear();
                buf.append(&mut carry);
                let read = (&mut file).take(CHUNK as u64).read_to_end(&mut buf)?;
                if read == 0 {
                    // The end: whatever is left is the last line, without its newline.
                    if !buf.is_empty() {
                        let _ = full_tx.send(buf);
                    }
                    return Ok(());
                }
                match buf.iter().rposition(|b| *b == b'\n') {
                    Some(end) => carry.extend_from_slice(&buf[end + 1..]),
                    // One line longer than a chunk: read on.
                    None => {
                        carry = buf;
                        continue;
                    }
                }
                let keep = buf.len() - carry.len();
                buf.truncate(keep);
                if full_tx.send(buf).is_err() {
                    return Ok(());
                }
            }
        });
        let mut total = (0u64, 0u64);
        for chunk in full_rx {
            let (ok, bad) = pool.install(|| count(&chunk));
            total = (total.0 + ok, total.1 + bad);
            let _ = empty_tx.send(chunk);
        }
        match reader.join() {
            Ok(read) => read.map(|()| total),
            Err(_) => Err(io::Error::other("the reader thread failed")),
        }
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: ignored_floor FILE [JOBS] [pipelined|whole]";
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or(usage)?;
    let jobs: usize = args.next().map_or(Ok(0), |j| j.parse())?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build()?;
    let (ok, bad) = match args.next().as_deref() {
        None | Some("pipelined") => pipelined(&path, &pool)?,
        Some("whole") => whole(&path, &pool)?,
        Some(_) => return Err(usage.into()),
    };
    println!("{ok} parsed, {bad} not JSON");
    Ok(())
}
