//! A blocking client (feature `client`): rate limited, with timeouts, bounded retries on 429
//! and a size limit on bodies. Why blocking: see the crate docs.

mod bucket;
mod clock;
mod error;

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use http::header::RETRY_AFTER;
use http::StatusCode;
use metaaccess_account::{Parsed, RateLimit, RATE_LIMIT};
use metaaccess_account_validate::secrets::Secrets;

use crate::{ApiRequest, RetryAfter};
use bucket::Bucket;
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::ClientError;

/// How the client behaves. `#[non_exhaustive]`: start from `ClientConfig::default()` and set
/// what you need, e.g. `ClientConfig::default().read_timeout(Duration::from_secs(5))`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientConfig {
    /// Longest wait for a connection (TLS included). Default 10 s.
    pub connect_timeout: Duration,
    /// Longest wait for any single read or write once connected. Default 30 s.
    pub read_timeout: Duration,
    /// Largest response body read, in bytes; checked while reading. Default 16 MiB (the
    /// command-line tool's `--max-record-bytes`).
    pub max_body_bytes: u64,
    /// Retries after a 429, at most. Default 2.
    pub max_retries: u32,
    /// Longest `Retry-After` honoured; a 429 asking for longer is returned at once. Default
    /// 60 s.
    pub max_retry_wait: Duration,
    /// The client-side rate limit. Default: the documented 10 requests a minute.
    pub rate_limit: RateLimit,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            max_body_bytes: 16 * 1024 * 1024,
            max_retries: 2,
            max_retry_wait: Duration::from_secs(60),
            rate_limit: RATE_LIMIT,
        }
    }
}

impl ClientConfig {
    /// Sets `connect_timeout`.
    pub const fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets `read_timeout`.
    pub const fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// Sets `max_body_bytes`.
    pub const fn max_body_bytes(mut self, bytes: u64) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Sets `max_retries`.
    pub const fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets `max_retry_wait`.
    pub const fn max_retry_wait(mut self, wait: Duration) -> Self {
        self.max_retry_wait = wait;
        self
    }

    /// Sets `rate_limit`.
    pub const fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = limit;
        self
    }
}

/// A blocking client of the endpoint. Clones share the connection pool and the rate limit.
///
/// ```no_run
/// use metaaccess_account_http::client::{Client, ClientConfig};
/// use metaaccess_account_http::{v3_2, AccessToken};
///
/// let token = AccessToken::new(std::env::var("METAACCESS_ACCESS_TOKEN")?)?;
/// let client = Client::new(ClientConfig::default());
/// let account = client.fetch(&v3_2::Request::new(token))?;
/// println!("{} devices used, {} undocumented items", account.value.devices_used, account.drift.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    config: ClientConfig,
    bucket: Arc<Mutex<Bucket>>,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client on the system clock.
    pub fn new(config: ClientConfig) -> Self {
        Self::with_clock(config, Arc::new(SystemClock))
    }

    /// A client on another clock (a [`ManualClock`] in tests).
    pub fn with_clock(config: ClientConfig, clock: Arc<dyn Clock>) -> Self {
        let agent = ureq::Agent::config_builder()
            // Statuses are this crate's to judge.
            .http_status_as_error(false)
            // A redirect would carry a query-string token to wherever it points.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_per_read(Some(config.read_timeout))
            .timeout_per_write(Some(config.read_timeout))
            .build()
            .new_agent();
        Self {
            agent,
            config,
            bucket: Arc::new(Mutex::new(Bucket::new(config.rate_limit))),
            clock,
        }
    }

    /// Its configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Sends a request and reads the typed answer: the lenient parse of the account document,
    /// or a [`ClientError`].
    pub fn fetch<R: ApiRequest>(&self, request: &R) -> Result<Parsed<R::Response>, ClientError> {
        let response = self.send(request.try_into_http_request()?)?;
        Ok(request.try_from_http_response(response)?)
    }

    /// Sends a request within the rate limit and returns the answer whatever its status, the
    /// body read whole (up to the limit). A 429 is retried after its `Retry-After` (or one
    /// rate-limit interval) while retries are left and the wait is within `max_retry_wait`.
    pub fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        let secrets = secrets_of(&request);
        let mut retries = 0;
        loop {
            self.acquire();
            let response = self.send_once(request.clone(), &secrets)?;
            if response.status() != StatusCode::TOO_MANY_REQUESTS
                || retries >= self.config.max_retries
            {
                return Ok(response);
            }
            let wait = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(RetryAfter::parse)
                .map_or_else(|| self.interval(), |r| r.delay_from(self.clock.wall()));
            if wait > self.config.max_retry_wait {
                return Ok(response);
            }
            retries += 1;
            self.clock.sleep(wait);
        }
    }

    fn interval(&self) -> Duration {
        let limit = self.config.rate_limit;
        Duration::from_secs(u64::from(limit.per_seconds)) / limit.requests.max(1)
    }

    /// Waits until the shared bucket has a token, and takes it.
    fn acquire(&self) {
        loop {
            let taken = self
                .bucket
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take(self.clock.now());
            match taken {
                Ok(()) => return,
                Err(wait) => self.clock.sleep(wait),
            }
        }
    }

    fn send_once(
        &self,
        request: http::Request<Vec<u8>>,
        secrets: &Secrets,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        let fail = |e| self.error(e, secrets);
        let response = self.agent.run(request).map_err(fail)?;
        let (parts, mut body) = response.into_parts();
        let bytes = body
            .with_config()
            .limit(self.config.max_body_bytes)
            .read_to_vec()
            .map_err(fail)?;
        Ok(http::Response::from_parts(parts, bytes))
    }

    fn error(&self, e: ureq::Error, secrets: &Secrets) -> ClientError {
        use ureq::Timeout;
        let timeout = |during, after| ClientError::Timeout { during, after };
        match e {
            ureq::Error::Timeout(Timeout::Connect | Timeout::Resolve) => {
                timeout("connecting", self.config.connect_timeout)
            }
            ureq::Error::Timeout(_) => timeout("reading the response", self.config.read_timeout),
            ureq::Error::Io(io)
                if matches!(
                    io.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
                ) =>
            {
                timeout("reading the response", self.config.read_timeout)
            }
            ureq::Error::BodyExceedsLimit(_) => ClientError::TooLarge {
                limit: self.config.max_body_bytes,
            },
            other => ClientError::Transport {
                message: secrets.mask_or_withhold(&other.to_string()),
            },
        }
    }
}

/// The token wherever the request carries it (query string, `access_token` or
/// `Authorization` header), to mask transport messages with.
fn secrets_of(request: &http::Request<Vec<u8>>) -> Secrets {
    let mut secrets = Secrets::default();
    secrets.collect_url(&request.uri().to_string());
    for (name, value) in request.headers() {
        if let Ok(value) = value.to_str() {
            secrets.collect_header(name.as_str(), value);
        }
    }
    secrets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(uri: &str) -> http::Request<Vec<u8>> {
        http::Request::builder()
            .uri(uri)
            .header("authorization", "Bearer B3ARERSECRET99")
            .body(Vec::new())
            .unwrap()
    }

    #[test]
    fn timeouts_name_their_phase_and_limit() {
        let config = ClientConfig::default()
            .connect_timeout(Duration::from_millis(1500))
            .read_timeout(Duration::from_secs(2));
        let client = Client::new(config);
        let none = Secrets::default();
        let connect = client.error(ureq::Error::Timeout(ureq::Timeout::Connect), &none);
        assert_eq!(connect.to_string(), "timed out connecting (after 1500 ms)");
        let read = client.error(ureq::Error::Timeout(ureq::Timeout::PerRead), &none);
        assert_eq!(
            read.to_string(),
            "timed out reading the response (after 2000 ms)"
        );
    }

    #[test]
    fn transport_messages_are_masked_against_the_request() {
        let req = request("http://127.0.0.1:1/o/api/v3/account?access_token=QU3RYSECRET42");
        let secrets = secrets_of(&req);
        let client = Client::new(ClientConfig::default());
        let text = format!("{} and Bearer B3ARERSECRET99", req.uri());
        let err = client.error(ureq::Error::BadUri(text), &secrets);
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("QU3RYSECRET42"), "{shown}");
        assert!(!shown.contains("B3ARERSECRET99"), "{shown}");
        assert!(shown.contains("access_token=<redacted>"), "{shown}");
    }
}
