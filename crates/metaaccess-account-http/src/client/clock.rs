//! Time as the client sees it: a trait, so that rate-limit tests run on a clock they move by
//! hand instead of sleeping.

use std::fmt::Debug;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// Where the client reads the time and how it waits.
pub trait Clock: Debug + Send + Sync {
    /// A monotonic instant (rate limiting).
    fn now(&self) -> Instant;
    /// The wall-clock time (`Retry-After` dates).
    fn wall(&self) -> SystemTime;
    /// Waits this long.
    fn sleep(&self, duration: Duration);
}

/// The real clock: `Instant::now`, `SystemTime::now`, `thread::sleep`.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn wall(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// A clock that only moves when told: `sleep` returns at once, advances the time and is
/// recorded. For tests of rate limiting and `Retry-After`.
///
/// ```
/// use std::time::Duration;
/// use metaaccess_account_http::client::{Clock, ManualClock};
/// let clock = ManualClock::new();
/// let start = clock.now();
/// clock.sleep(Duration::from_secs(6));
/// assert_eq!(clock.now() - start, Duration::from_secs(6));
/// assert_eq!(clock.sleeps(), [Duration::from_secs(6)]);
/// ```
#[derive(Debug)]
pub struct ManualClock {
    start: Instant,
    wall_start: SystemTime,
    state: Mutex<(Duration, Vec<Duration>)>,
}

impl ManualClock {
    /// A clock at the current time, never slept.
    pub fn new() -> Self {
        Self {
            start: Instant::now(),
            wall_start: SystemTime::now(),
            state: Mutex::new((Duration::ZERO, Vec::new())),
        }
    }

    /// Moves the time forward without recording a sleep.
    pub fn advance(&self, by: Duration) {
        if let Ok(mut state) = self.state.lock() {
            state.0 += by;
        }
    }

    /// Every sleep so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state
            .lock()
            .map(|state| state.1.clone())
            .unwrap_or_default()
    }

    fn elapsed(&self) -> Duration {
        self.state.lock().map(|state| state.0).unwrap_or_default()
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.start + self.elapsed()
    }

    fn wall(&self) -> SystemTime {
        self.wall_start + self.elapsed()
    }

    fn sleep(&self, duration: Duration) {
        if let Ok(mut state) = self.state.lock() {
            state.0 += duration;
            state.1.push(duration);
        }
    }
}
