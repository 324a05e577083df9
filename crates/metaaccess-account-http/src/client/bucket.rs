//! The client-side rate limit: a token bucket, kept as the time its next token is due (GCRA),
//! so that it needs no timer and no floating point.

use std::time::{Duration, Instant};

use metaaccess_account::RateLimit;

/// `requests` per `per_seconds`, in bursts of up to `requests`.
#[derive(Debug)]
pub(crate) struct Bucket {
    /// Time between two tokens (6 s for 10 a minute).
    interval: Duration,
    /// How far ahead of now the due time may run: a full bucket's worth less one token.
    burst: Duration,
    /// When the bucket is full again; `None` before the first request.
    due: Option<Instant>,
}

impl Bucket {
    pub(crate) fn new(limit: RateLimit) -> Self {
        let requests = limit.requests.max(1);
        let interval = Duration::from_secs(u64::from(limit.per_seconds)) / requests;
        Self {
            interval,
            burst: interval * (requests - 1),
            due: None,
        }
    }

    /// Takes a token at `now`, or says how long to wait for one.
    pub(crate) fn take(&mut self, now: Instant) -> Result<(), Duration> {
        let due = self.due.map_or(now, |d| d.max(now));
        let ahead = due - now;
        if ahead > self.burst {
            return Err(ahead - self.burst);
        }
        self.due = Some(due + self.interval);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_at_once_then_one_every_six_seconds() {
        let mut bucket = Bucket::new(metaaccess_account::RATE_LIMIT);
        let t0 = Instant::now();
        for _ in 0..10 {
            assert_eq!(bucket.take(t0), Ok(()));
        }
        assert_eq!(bucket.take(t0), Err(Duration::from_secs(6)));
        assert_eq!(
            bucket.take(t0 + Duration::from_secs(2)),
            Err(Duration::from_secs(4))
        );
        assert_eq!(bucket.take(t0 + Duration::from_secs(6)), Ok(()));
        assert_eq!(
            bucket.take(t0 + Duration::from_secs(6)),
            Err(Duration::from_secs(6))
        );
        // A quiet minute fills it again.
        let later = t0 + Duration::from_secs(120);
        for _ in 0..10 {
            assert_eq!(bucket.take(later), Ok(()));
        }
        assert!(bucket.take(later).is_err());
    }
}
