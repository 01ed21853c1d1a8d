//! Sending again: which requests, how many times, after how long (under tokio's paused
//! clock, which moves only when every task waits, so the waits are exact).

use super::*;
use crate::runtime::Retry;
use ::std::time::Duration;
use ::tokio::time::Instant;
use ::wiremock::matchers::any;
use ::wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers `failures` requests with `status` (and `headers`), then 200.
async fn failing(failures: u64, status: u16, headers: &[(&str, &str)]) -> MockServer {
    let server = MockServer::start().await;
    let mut failure = ResponseTemplate::new(status);
    for (name, value) in headers {
        failure = failure.insert_header(*name, *value);
    }
    Mock::given(any())
        .respond_with(failure)
        .up_to_n_times(failures)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

/// A client of `server` retrying as `policy` says.
fn retrying(server: &MockServer, policy: Retry) -> Client {
    let config = Config {
        retry: policy,
        ..Config::default()
    };
    let mut client = client_of(server, config);
    // The connection pool's idle timer (90 s) would be the next timer while a response is
    // awaited, and the paused clock would jump to it.
    client.transport.http = ::reqwest::Client::builder()
        .pool_idle_timeout(None)
        .build()
        .unwrap();
    client
}

/// Delays of 1 s, then 2 s, 4 s, ... without jitter.
fn seconds() -> Retry {
    Retry::default()
        .with_backoff(Duration::from_secs(1), Duration::from_secs(30))
        .without_jitter()
}

async fn count(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test(start_paused = true)]
async fn an_idempotent_request_is_sent_again_after_growing_delays() {
    let server = failing(2, 503, &[]).await;
    let client = retrying(&server, seconds());
    let start = Instant::now();
    let raw = client
        .execute(Request::new("GET"))
        .await
        .expect("the third attempt succeeds");
    assert_eq!(raw.status().as_u16(), 200);
    assert_eq!(count(&server).await, 3);
    assert_eq!(start.elapsed(), Duration::from_secs(1 + 2));
}

#[tokio::test(start_paused = true)]
async fn attempts_run_out_with_the_last_response() {
    let server = failing(10, 429, &[]).await;
    let client = retrying(&server, seconds().with_attempts(4));
    let start = Instant::now();
    match client.execute(Request::new("DELETE")).await {
        Err(Error::Api(error)) => assert_eq!(error.status().as_u16(), 429),
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&server).await, 4);
    assert_eq!(start.elapsed(), Duration::from_secs(1 + 2 + 4));
}

#[tokio::test(start_paused = true)]
async fn other_statuses_and_disabled_retries_are_sent_once() {
    let server = failing(1, 500, &[]).await;
    let client = retrying(&server, seconds());
    assert!(client.execute(Request::new("GET")).await.is_err());
    assert_eq!(count(&server).await, 1);
    let server = failing(1, 503, &[]).await;
    let client = retrying(&server, Retry::none());
    assert!(client.execute(Request::new("GET")).await.is_err());
    assert_eq!(count(&server).await, 1);
    // A call's own policy replaces the client's.
    let server = failing(1, 503, &[]).await;
    let client = retrying(&server, seconds());
    let call = runtime::Call::new(
        &client.transport,
        Request::new("GET"),
        runtime::text,
        runtime::no_error_body,
    );
    assert!(call.retry(Retry::none()).await.is_err());
    assert_eq!(count(&server).await, 1);
}

#[tokio::test(start_paused = true)]
async fn a_post_is_sent_again_only_with_an_idempotency_key() {
    let server = failing(1, 503, &[]).await;
    let client = retrying(&server, seconds());
    let post = || Request::new("POST").json(&::serde_json::json!({"amount": 1}));
    assert!(client.execute(post()).await.is_err());
    assert_eq!(count(&server).await, 1);
    let server = failing(1, 503, &[]).await;
    let client = retrying(&server, seconds());
    let call = runtime::Call::new(
        &client.transport,
        post(),
        runtime::text,
        runtime::no_error_body,
    );
    let response = call.idempotency_key("charge-7").await.expect("sent again");
    assert_eq!(response.into_inner(), "ok");
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    for request in &sent {
        assert_eq!(request.headers.get("idempotency-key").unwrap(), "charge-7");
        assert_eq!(request.body, br#"{"amount":1}"#);
    }
}

#[tokio::test(start_paused = true)]
async fn a_multipart_body_is_a_stream_and_is_sent_once() {
    let server = failing(1, 503, &[]).await;
    let client = retrying(&server, seconds());
    struct One;
    impl Params for One {
        fn write(&self, out: &mut Fields) {
            out.add("a", &"b".to_string());
        }
    }
    let request = Request::new("PUT").multipart(&One);
    assert!(client.execute(request).await.is_err());
    assert_eq!(count(&server).await, 1);
}

#[tokio::test(start_paused = true)]
async fn the_wait_a_server_asks_for_is_honoured_and_capped() {
    let server = failing(1, 503, &[("Retry-After", "7")]).await;
    let client = retrying(&server, seconds());
    let start = Instant::now();
    client
        .execute(Request::new("GET"))
        .await
        .expect("sent again");
    assert_eq!(start.elapsed(), Duration::from_secs(7));
    let server = failing(1, 429, &[("X-RateLimit-Reset", "120")]).await;
    let client = retrying(
        &server,
        seconds().with_backoff(Duration::from_secs(1), Duration::from_secs(5)),
    );
    let start = Instant::now();
    client
        .execute(Request::new("GET"))
        .await
        .expect("sent again");
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(5),
        "capped at the maximum delay"
    );
}

#[tokio::test(start_paused = true)]
async fn a_request_that_cannot_connect_is_sent_again() {
    // A port nothing listens on any more.
    let listener = ::std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let mut client = Client::new(&format!("http://{address}")).unwrap();
    client.transport.config.retry = seconds();
    let start = Instant::now();
    match client.execute(Request::new("GET")).await {
        Err(Error::Transport(error)) => assert!(error.is_connect(), "{error}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(start.elapsed(), Duration::from_secs(1 + 2));
    client.transport.config.retry = seconds().with_connect_errors(false);
    let start = Instant::now();
    assert!(client.execute(Request::new("GET")).await.is_err());
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[test]
fn delays_grow_cap_and_jitter_within_half() {
    let policy = Retry::default().with_backoff(Duration::from_millis(500), Duration::from_secs(3));
    let exact = policy.clone().without_jitter();
    let delays: Vec<Duration> = (1..=5).map(|attempt| exact.delay(attempt, None)).collect();
    assert_eq!(
        delays,
        [500, 1000, 2000, 3000, 3000].map(Duration::from_millis)
    );
    for attempt in 1..=5 {
        for _ in 0..50 {
            let delay = policy.delay(attempt, None);
            let backoff = delays[attempt as usize - 1];
            assert!(
                delay >= backoff / 2 && delay <= backoff,
                "{delay:?} for {backoff:?}"
            );
        }
    }
}

#[test]
fn servers_ask_for_waits_in_seconds_dates_and_reset_times() {
    use ::reqwest::header::{HeaderMap, HeaderValue};
    let asked = |name: &'static str, value: String| {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_str(&value).unwrap());
        runtime::asked_delay(&headers)
    };
    let in_a_minute = ::std::time::SystemTime::now() + Duration::from_secs(60);
    assert_eq!(
        asked("retry-after", "12".into()),
        Some(Duration::from_secs(12))
    );
    let date = asked("retry-after", ::httpdate::fmt_http_date(in_a_minute)).unwrap();
    assert!(
        date > Duration::from_secs(58) && date <= Duration::from_secs(60),
        "{date:?}"
    );
    assert_eq!(
        asked("ratelimit-reset", "3".into()),
        Some(Duration::from_secs(3))
    );
    let epoch = in_a_minute
        .duration_since(::std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let reset = asked("x-ratelimit-reset", epoch.to_string()).unwrap();
    assert!(
        reset > Duration::from_secs(58) && reset <= Duration::from_secs(60),
        "{reset:?}"
    );
    assert_eq!(asked("retry-after", "soon".into()), None);
}

#[tokio::test(start_paused = true)]
async fn a_dynamic_idempotency_key_is_the_same_in_every_attempt() {
    let server = failing(2, 503, &[]).await;
    let client = retrying(&server, seconds());
    // `Idempotency-Key: {{$guid}}`: made once, when the request is built.
    let request =
        Request::new("POST").header_parts("Idempotency-Key", [runtime::Part::Var("$guid")]);
    client
        .execute(request)
        .await
        .expect("the third attempt succeeds");
    let keys: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(keys.len(), 3, "a POST with an idempotency key is retried");
    assert_eq!(keys[0].len(), 36, "a UUID: {keys:?}");
    assert!(
        keys.iter().all(|k| *k == keys[0]),
        "one key for every attempt: {keys:?}"
    );
}
