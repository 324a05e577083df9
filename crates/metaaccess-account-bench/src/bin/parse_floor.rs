//! The parse-only floor: reads an NDJSON file and parses each line into a `serde_json::Value`,
//! nothing else, on one thread. `parse_floor FILE`

use std::io::{BufRead, BufReader};

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".into());
    let file = std::fs::File::open(&path)?;
    let reader = BufReader::with_capacity(64 * 1024, file);
    let (mut ok, mut bad) = (0u64, 0u64);
    for line in reader.split(b'\n') {
        let line = line?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<serde_json::Value>(&line) {
            Ok(_) => ok += 1,
            Err(_) => bad += 1,
        }
    }
    println!("{ok} parsed, {bad} not JSON");
    Ok(())
}
