//! Benchmark helpers; see `scripts/bench.sh` and `BENCHMARKS.md`.
