//! The user's hooks around each request (before send, after each attempt) and, with the
//! `tracing` feature, the span of each attempt: what they see, and that credentials are not
//! among it.

use super::*;
use crate::runtime::{Auth, Exchange, HookFuture, Retry};
use ::std::sync::{Arc, Mutex};
use ::std::time::Duration;
use ::wiremock::matchers::any;
use ::wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers the first request with 503, then 200.
async fn flaky() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

fn request() -> Request {
    Request::new("GET")
        .path("/users/")
        .param("id", "u 7")
        .auth(Auth::ApiKeyQuery("key"))
}

#[tokio::test]
async fn the_before_send_hook_changes_or_refuses_a_request() {
    let server = serve(200, None, "").await;
    let config = Config {
        before_send: Some(Arc::new(|mut request: ::reqwest::Request| {
            Box::pin(async move {
                if request.url().path().ends_with("/refused") {
                    return Err("not today".into());
                }
                request
                    .headers_mut()
                    .insert("x-trace", "t-1".parse().unwrap());
                Ok(request)
            }) as HookFuture
        })),
        ..Config::default()
    };
    let client = client_of(&server, config);
    client
        .execute(Request::new("GET").path("/ok"))
        .await
        .expect("sent");
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent[0].headers.get("x-trace").unwrap(), "t-1");
    let error = client
        .execute(Request::new("GET").path("/refused"))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request: the before-send hook refused the request: not today"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "a refused request is not sent"
    );
}

/// Query parameters a signer put its credentials in.
struct Signed;

impl runtime::Params for Signed {
    fn write(&self, out: &mut runtime::Fields) {
        out.add("oauth_token", &"tok3n".to_string());
        out.add("X-Amz-Signature", &"s1g".to_string());
        out.add("page", &"2".to_string());
    }
}

#[tokio::test]
async fn the_after_receive_hook_sees_no_signer_credentials_in_the_query() {
    let server = serve(200, None, "").await;
    let seen: Arc<Mutex<Vec<Exchange>>> = Arc::default();
    let log = seen.clone();
    let config = Config {
        after_receive: Some(Arc::new(move |exchange: Exchange| {
            log.lock().unwrap().push(exchange);
            Box::pin(async {})
                as ::std::pin::Pin<Box<dyn ::std::future::Future<Output = ()> + Send>>
        })),
        ..Config::default()
    };
    let client = client_of(&server, config);
    client
        .execute(Request::new("GET").query(&Signed))
        .await
        .expect("sent");
    let seen = seen.lock().unwrap();
    assert_eq!(
        seen[0].url.query(),
        Some("oauth_token=REDACTED&X-Amz-Signature=REDACTED&page=2")
    );
}

#[tokio::test]
async fn the_after_receive_hook_sees_each_attempt_without_credentials() {
    let server = flaky().await;
    let seen: Arc<Mutex<Vec<Exchange>>> = Arc::default();
    let mut config = Config {
        api_key: secret("k3y-s3cret"),
        retry: Retry::default().with_backoff(Duration::from_millis(1), Duration::from_millis(2)),
        ..Config::default()
    };
    let log = seen.clone();
    config.after_receive = Some(Arc::new(move |exchange: Exchange| {
        log.lock().unwrap().push(exchange);
        Box::pin(async {}) as ::std::pin::Pin<Box<dyn ::std::future::Future<Output = ()> + Send>>
    }));
    let client = client_of(&server, config);
    client
        .execute(request())
        .await
        .expect("the second attempt succeeds");
    let seen = seen.lock().unwrap();
    let attempts: Vec<(u32, Option<u16>)> = seen
        .iter()
        .map(|e| (e.attempt, e.status.map(|s| s.as_u16())))
        .collect();
    assert_eq!(attempts, [(1, Some(503)), (2, Some(200))]);
    for exchange in seen.iter() {
        assert_eq!(exchange.method, "GET");
        assert_eq!(exchange.path, "/users/:id");
        assert_eq!(exchange.url.path(), "/users/u%207");
        assert_eq!(exchange.url.query(), Some("key=REDACTED"));
        assert!(!format!("{exchange:?}").contains("k3y-s3cret"));
    }
}

/// The fields of every span opened, as `name=value` text.
#[derive(Default)]
struct Spans(Mutex<Vec<Vec<String>>>);

struct Fields<'a>(&'a mut Vec<String>);

impl ::tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &::tracing::field::Field, value: &dyn ::std::fmt::Debug) {
        self.0.push(format!("{}={value:?}", field.name()));
    }
}

impl ::tracing::Subscriber for Spans {
    fn enabled(&self, _: &::tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &::tracing::span::Attributes<'_>) -> ::tracing::span::Id {
        let mut spans = self.0.lock().unwrap();
        let mut fields = vec![format!("name={}", span.metadata().name())];
        span.record(&mut Fields(&mut fields));
        spans.push(fields);
        ::tracing::span::Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &::tracing::span::Id, values: &::tracing::span::Record<'_>) {
        let mut spans = self.0.lock().unwrap();
        values.record(&mut Fields(&mut spans[span.into_u64() as usize - 1]));
    }
    fn record_follows_from(&self, _: &::tracing::span::Id, _: &::tracing::span::Id) {}
    fn event(&self, _: &::tracing::Event<'_>) {}
    fn enter(&self, _: &::tracing::span::Id) {}
    fn exit(&self, _: &::tracing::span::Id) {}
}

#[tokio::test]
async fn each_attempt_is_a_span_with_method_path_attempt_status_and_duration() {
    let server = flaky().await;
    let spans = Arc::new(Spans::default());
    let config = Config {
        api_key: secret("k3y-s3cret"),
        retry: Retry::default().with_backoff(Duration::from_millis(1), Duration::from_millis(2)),
        ..Config::default()
    };
    let client = client_of(&server, config);
    let dispatch = ::tracing::Dispatch::from(spans.clone());
    // The test's runtime runs on this thread, where the subscriber is the default.
    let guard = ::tracing::dispatcher::set_default(&dispatch);
    client
        .execute(request())
        .await
        .expect("the second attempt succeeds");
    drop(guard);
    let spans = spans.0.lock().unwrap();
    assert_eq!(spans.len(), 2, "{spans:?}");
    for (span, (attempt, status)) in spans.iter().zip([(1, 503), (2, 200)]) {
        let text = span.join(" ");
        assert!(text.starts_with(&format!("name=http.request method=GET path=/users/:id attempt={attempt} status={status} duration_ms=")), "{text}");
        assert!(
            !text.contains("k3y-s3cret") && !text.contains("u%207"),
            "no credentials or values: {text}"
        );
    }
}
