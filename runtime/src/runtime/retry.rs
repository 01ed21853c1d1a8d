// Sending a request again: when, and after how long.
//
// Included into the runtime crate of every generated client, or its `runtime` module (and this
// crate's, in `lib.rs`): items only, without `//!` docs or inner attributes; comments like this one
// are dropped. Not formatted by rustfmt, which would add blocks around closure bodies and so change
// the code postgen writes (prettyplease lays it out in every client).

/// When a request is sent again, and after how long: a client's policy (`Client::with_retry`),
/// which one call may replace (`Call::retry`).
///
/// By default a request is sent up to 3 times when it could not connect or its status is 408,
/// 429, 502, 503 or 504, if its method is idempotent (GET, HEAD, OPTIONS, PUT, DELETE, TRACE)
/// or it carries an `Idempotency-Key` header. The delays grow exponentially from 500 ms,
/// with jitter, up to 30 s; a `Retry-After` (seconds or an HTTP date) or rate-limit reset
/// header (`RateLimit-Reset`, `X-RateLimit-Reset`) sets the delay instead, capped at the
/// maximum. A body that cannot be replayed (a stream) is never sent twice.
#[derive(Debug, Clone, PartialEq)]
pub struct Retry {
    attempts: u32,
    initial: ::std::time::Duration,
    max_delay: ::std::time::Duration,
    statuses: ::std::vec::Vec<u16>,
    connect_errors: bool,
    jitter: bool,
}

impl ::std::default::Default for Retry {
    fn default() -> Self {
        Retry {
            attempts: 3,
            initial: ::std::time::Duration::from_millis(500),
            max_delay: ::std::time::Duration::from_secs(30),
            statuses: ::std::vec![408, 429, 502, 503, 504],
            connect_errors: true,
            jitter: true,
        }
    }
}

impl Retry {
    /// Sends every request once.
    pub fn none() -> Self {
        Retry { attempts: 1, ..Retry::default() }
    }

    /// Sends a request at most `attempts` times in all (at least once).
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts.max(1);
        self
    }

    /// Waits `initial` before the second attempt, twice as long before each next one, never
    /// more than `max_delay` (which also caps what a server asks for).
    pub fn with_backoff(mut self, initial: ::std::time::Duration, max_delay: ::std::time::Duration) -> Self {
        self.initial = initial;
        self.max_delay = max_delay.max(initial);
        self
    }

    /// Retries responses with these statuses (instead of 408, 429, 502, 503 and 504).
    pub fn with_statuses(mut self, statuses: &[u16]) -> Self {
        self.statuses = statuses.to_vec();
        self
    }

    /// Whether a request that could not connect is sent again (by default it is).
    pub fn with_connect_errors(mut self, retry: bool) -> Self {
        self.connect_errors = retry;
        self
    }

    /// Waits exactly the backoff, without the random part that keeps many clients from
    /// retrying at the same moment.
    pub fn without_jitter(mut self) -> Self {
        self.jitter = false;
        self
    }

    /// How many times a request may be sent in all.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether a response with `status` is one to send again.
    fn retries_status(&self, status: ::reqwest::StatusCode) -> bool {
        self.statuses.contains(&status.as_u16())
    }

    /// The wait before attempt `attempt + 1`, after attempt `attempt` (from 1) got a response
    /// with `headers`, if any: what the server asks for, capped, or the backoff.
    pub(crate) fn delay(&self, attempt: u32, headers: ::std::option::Option<&::reqwest::header::HeaderMap>) -> ::std::time::Duration {
        if let Some(asked) = headers.and_then(asked_delay) {
            return asked.min(self.max_delay);
        }
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        let backoff = self.initial.saturating_mul(factor).min(self.max_delay);
        match self.jitter {
            // "Equal jitter": half the backoff, plus up to as much again at random.
            true => backoff / 2 + backoff.mul_f64(::fastrand::f64()) / 2,
            false => backoff,
        }
    }
}

/// Whether `method` is idempotent (RFC 9110): sending it twice does what sending it once does.
fn idempotent(method: &::reqwest::Method) -> bool {
    use ::reqwest::Method;
    [Method::GET, Method::HEAD, Method::OPTIONS, Method::PUT, Method::DELETE, Method::TRACE].contains(method)
}

/// The wait a response asks for: `Retry-After` (seconds or an HTTP date), else a rate-limit
/// reset (`RateLimit-Reset` in seconds; `X-RateLimit-Reset` in seconds, or a Unix time when
/// it is one).
pub(crate) fn asked_delay(headers: &::reqwest::header::HeaderMap) -> ::std::option::Option<::std::time::Duration> {
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).map(str::trim);
    let now = ::std::time::SystemTime::now();
    if let Some(value) = text("retry-after") {
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(::std::time::Duration::from_secs(seconds));
        }
        if let Ok(date) = ::httpdate::parse_http_date(value) {
            return Some(date.duration_since(now).unwrap_or_default());
        }
    }
    let seconds = text("ratelimit-reset").or_else(|| text("x-ratelimit-reset"))?.parse::<u64>().ok()?;
    // A number this large is a Unix time, not a number of seconds to wait.
    match seconds > 1_000_000_000 {
        true => Some((::std::time::UNIX_EPOCH + ::std::time::Duration::from_secs(seconds)).duration_since(now).unwrap_or_default()),
        false => Some(::std::time::Duration::from_secs(seconds)),
    }
}

/// Who is told of each attempt: the after-receive hook, and with the `tracing` feature, a span.
struct Observe<'a> {
    after: ::std::option::Option<&'a AfterReceive>,
    /// The request's path as the collection writes it.
    path: &'a str,
    config: &'a Config,
}

impl Observe<'_> {
    /// Sends `built` with `http` as attempt `attempt`, telling the hook and tracing of it.
    async fn send(&self, http: &::reqwest::Client, built: ::reqwest::Request, attempt: u32) -> ::std::result::Result<::reqwest::Response, ::reqwest::Error> {
        let (method, url) = (built.method().clone(), built.url().clone());
        let start = ::tokio::time::Instant::now();
        #[cfg(feature = "tracing")]
        let span = ::tracing::info_span!(
            "http.request",
            method = %method,
            path = %self.path,
            attempt,
            status = ::tracing::field::Empty,
            duration_ms = ::tracing::field::Empty,
        );
        #[cfg(feature = "tracing")]
        let result = ::tracing::Instrument::instrument(http.execute(built), span.clone()).await;
        #[cfg(not(feature = "tracing"))]
        let result = http.execute(built).await;
        let elapsed = start.elapsed();
        #[cfg(feature = "tracing")]
        {
            if let Ok(response) = &result {
                span.record("status", response.status().as_u16());
            }
            span.record("duration_ms", elapsed.as_millis() as u64);
        }
        if let Some(after) = self.after {
            let exchange = Exchange {
                method,
                path: self.path.to_string(),
                url: shown_url(url, self.config),
                attempt,
                status: result.as_ref().ok().map(|response| response.status()),
                error: result.as_ref().err().map(|error| shown_error(error, self.config)),
                elapsed,
            };
            after(exchange).await;
        }
        result
    }
}

/// Sends `built` with `http`, again as `policy` says, and returns the last response or error.
async fn with_retries(
    http: &::reqwest::Client,
    built: ::reqwest::Request,
    policy: &Retry,
    observe: &Observe<'_>,
) -> ::std::result::Result<::reqwest::Response, ::reqwest::Error> {
    let eligible = idempotent(built.method()) || built.headers().contains_key("idempotency-key");
    let mut built = built;
    let mut attempt = 1;
    loop {
        // A streamed body cannot be cloned, so such a request is sent once.
        let again = match eligible && attempt < policy.attempts {
            true => built.try_clone(),
            false => None,
        };
        let result = observe.send(http, built, attempt).await;
        let Some(next) = again else { return result };
        let delay = match &result {
            Ok(response) if policy.retries_status(response.status()) => policy.delay(attempt, Some(response.headers())),
            Err(error) if policy.connect_errors && error.is_connect() => policy.delay(attempt, None),
            _ => return result,
        };
        ::tokio::time::sleep(delay).await;
        built = next;
        attempt += 1;
    }
}
