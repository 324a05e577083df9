//! Fetches an account from a local server (written in a later step).

fn main() {}
