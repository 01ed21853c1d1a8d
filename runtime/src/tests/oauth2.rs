//! OAuth 2.0 tokens: each grant's token request, the cache, refreshing before expiry (under
//! tokio's paused clock) and after a 401, the token endpoint's errors, and the user's provider.

use super::*;
use crate::runtime::OAuth2;
use ::std::sync::Arc;
use ::std::sync::atomic::{AtomicUsize, Ordering};
use ::std::time::Duration;
use ::wiremock::matchers::{body_string, header, method, path};
use ::wiremock::{Mock, MockServer, ResponseTemplate};

/// Answers token requests whose form body is `form` with `token` (and `extra` fields).
async fn token_endpoint(server: &MockServer, form: &str, token: &str, extra: ::serde_json::Value) {
    let mut answer = ::serde_json::json!({"access_token": token, "token_type": "Bearer"});
    answer
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(body_string(form))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .mount(server)
        .await;
}

/// Answers API requests carrying `Bearer token` with 200, and others with 401.
async fn api(server: &MockServer, token: &str) {
    Mock::given(path("/reports"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(path("/reports"))
        .respond_with(ResponseTemplate::new(401))
        .with_priority(2)
        .mount(server)
        .await;
}

/// A client of `server` sending once, with tokens as `oauth` says.
fn client(server: &MockServer, oauth: OAuth2) -> Client {
    let mut client = client_of(
        server,
        Config {
            retry: runtime::Retry::none(),
            ..Config::default()
        },
    );
    // The pool's idle timer would be the paused clock's next timer (see `retries.rs`).
    client.transport.http = ::reqwest::Client::builder()
        .pool_idle_timeout(None)
        .build()
        .unwrap();
    client.with_oauth2(oauth)
}

fn reports() -> Request {
    Request::new("GET")
        .path("/reports")
        .auth(runtime::Auth::Bearer)
}

async fn sent_to(server: &MockServer, to: &str) -> Vec<::wiremock::Request> {
    let requests = server.received_requests().await.unwrap();
    requests
        .into_iter()
        .filter(|r| r.url.path() == to)
        .collect()
}

#[tokio::test]
async fn a_client_credentials_token_is_fetched_once_and_sent_as_bearer() {
    let server = MockServer::start().await;
    token_endpoint(
        &server,
        "grant_type=client_credentials&scope=reports%3Aread%20reports%3Awrite",
        "t1",
        ::serde_json::json!({"expires_in": 3600}),
    )
    .await;
    api(&server, "t1").await;
    let oauth = OAuth2::new(format!("{}/oauth/token", server.uri()))
        .client_credentials("id", "secret")
        .with_scope("reports:read reports:write");
    let client = client(&server, oauth);
    for _ in 0..2 {
        let raw = client.execute(reports()).await.expect("authorized");
        assert_eq!(raw.body(), b"ok");
    }
    let token_requests = sent_to(&server, "/oauth/token").await;
    assert_eq!(token_requests.len(), 1, "the token is cached");
    // RFC 6749 2.3.1: the client's id and secret as basic auth (base64 of `id:secret`).
    assert_eq!(
        token_requests[0].headers.get("authorization").unwrap(),
        "Basic aWQ6c2VjcmV0"
    );
    assert_eq!(
        token_requests[0].headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
}

#[tokio::test]
async fn a_token_that_never_expires_is_kept() {
    let server = MockServer::start().await;
    token_endpoint(
        &server,
        "grant_type=client_credentials",
        "t1",
        ::serde_json::json!({"expires_in": u64::MAX}),
    )
    .await;
    api(&server, "t1").await;
    let oauth =
        OAuth2::new(format!("{}/oauth/token", server.uri())).client_credentials("id", "secret");
    let client = client(&server, oauth);
    for _ in 0..2 {
        client.execute(reports()).await.expect("authorized");
    }
    assert_eq!(sent_to(&server, "/oauth/token").await.len(), 1);
}

#[tokio::test]
async fn the_password_grant_can_send_the_client_in_the_body() {
    let server = MockServer::start().await;
    let form = "grant_type=password&username=ada&password=p%26ss&client_id=id&client_secret=s";
    token_endpoint(&server, form, "t1", ::serde_json::json!({})).await;
    api(&server, "t1").await;
    let oauth = OAuth2::new(format!("{}/oauth/token", server.uri()))
        .password("id", "s", "ada", "p&ss")
        .with_credentials_in_body();
    client(&server, oauth)
        .execute(reports())
        .await
        .expect("authorized");
    let token_requests = sent_to(&server, "/oauth/token").await;
    assert!(token_requests[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn an_authorization_code_is_exchanged_with_its_verifier() {
    let server = MockServer::start().await;
    let form = "grant_type=authorization_code&code=c0de&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&code_verifier=v3r";
    token_endpoint(&server, form, "t1", ::serde_json::json!({})).await;
    api(&server, "t1").await;
    let oauth = OAuth2::new(format!("{}/oauth/token", server.uri()))
        .authorization_code("id", "secret", "c0de", Some("https://app.test/cb".into()))
        .with_code_verifier("v3r");
    client(&server, oauth)
        .execute(reports())
        .await
        .expect("authorized");
}

#[tokio::test(start_paused = true)]
async fn a_token_is_refreshed_before_it_expires() {
    let server = MockServer::start().await;
    token_endpoint(
        &server,
        "grant_type=client_credentials",
        "t1",
        ::serde_json::json!({"expires_in": 60, "refresh_token": "r1"}),
    )
    .await;
    token_endpoint(
        &server,
        "grant_type=refresh_token&refresh_token=r1",
        "t2",
        ::serde_json::json!({"expires_in": 60}),
    )
    .await;
    let oauth =
        OAuth2::new(format!("{}/oauth/token", server.uri())).client_credentials("id", "secret");
    let client = client(&server, oauth);
    api(&server, "t1").await;
    client.execute(reports()).await.expect("with t1");
    ::tokio::time::advance(Duration::from_secs(20)).await;
    client
        .execute(reports())
        .await
        .expect("t1 is still good for 40 s");
    ::tokio::time::advance(Duration::from_secs(15)).await;
    server.reset().await;
    token_endpoint(
        &server,
        "grant_type=refresh_token&refresh_token=r1",
        "t2",
        ::serde_json::json!({"expires_in": 60}),
    )
    .await;
    api(&server, "t2").await;
    client
        .execute(reports())
        .await
        .expect("t1 expires within 30 s: refreshed to t2");
    assert_eq!(sent_to(&server, "/oauth/token").await.len(), 1);
}

#[tokio::test]
async fn a_refused_token_is_replaced_once() {
    let server = MockServer::start().await;
    // The first token request gets t1, the next ones t2.
    Mock::given(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(::serde_json::json!({"access_token": "t1"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(::serde_json::json!({"access_token": "t2"})),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    api(&server, "t2").await;
    let oauth =
        OAuth2::new(format!("{}/oauth/token", server.uri())).client_credentials("id", "secret");
    let client = client(&server, oauth);
    client.execute(reports()).await.expect("sent again with t2");
    let tokens: Vec<String> = sent_to(&server, "/reports")
        .await
        .iter()
        .map(|r| {
            r.headers
                .get("authorization")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(tokens, ["Bearer t1", "Bearer t2"]);
    // A token refused again is the caller's 401: no third attempt.
    server.reset().await;
    token_endpoint(
        &server,
        "grant_type=client_credentials",
        "t3",
        ::serde_json::json!({}),
    )
    .await;
    api(&server, "never").await;
    match client.execute(reports()).await {
        Err(Error::Api(error)) => assert_eq!(error.status().as_u16(), 401),
        other => panic!("{other:?}"),
    }
    assert_eq!(sent_to(&server, "/reports").await.len(), 2);
}

#[tokio::test]
async fn the_token_endpoint_s_refusal_is_the_error() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(400).set_body_json(::serde_json::json!({
                "error": "invalid_client", "error_description": "unknown client"
            })),
        )
        .mount(&server)
        .await;
    let oauth =
        OAuth2::new(format!("{}/oauth/token", server.uri())).client_credentials("id", "wrong");
    let error = client(&server, oauth).execute(reports()).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "auth failed: no access token: the token endpoint refused the request (invalid_client: unknown client)"
    );
    assert!(
        sent_to(&server, "/reports").await.is_empty(),
        "nothing is sent without a token"
    );
    let oauth = OAuth2::new(format!("{}/oauth/token", server.uri()));
    let error = client(&server, oauth)
        .execute(reports())
        .await
        .unwrap_err()
        .to_string();
    assert!(error.contains("no OAuth 2.0 grant"), "{error}");
}

#[tokio::test]
async fn the_token_url_takes_the_client_s_variables_and_secrets_stay_hidden() {
    let server = MockServer::start().await;
    token_endpoint(
        &server,
        "grant_type=client_credentials",
        "t1",
        ::serde_json::json!({}),
    )
    .await;
    api(&server, "t1").await;
    let mut config = Config {
        retry: runtime::Retry::none(),
        ..Config::default()
    };
    config.vars.insert("baseUrl".into(), server.uri());
    let oauth = OAuth2::new("{{baseUrl}}/oauth/token").client_credentials("id", "hunter2");
    assert!(!format!("{oauth:?}").contains("hunter2"), "{oauth:?}");
    let client = client_of(&server, config).with_oauth2(oauth);
    client.execute(reports()).await.expect("authorized");
    assert!(!format!("{client:?}").contains("t1"));
    // A path on the client's base URL, wherever that points.
    let oauth = OAuth2::on_base_url("/oauth/token").client_credentials("id", "hunter2");
    let client = client_of(&server, Config::default()).with_oauth2(oauth);
    client.execute(reports()).await.expect("authorized");
    assert_eq!(sent_to(&server, "/oauth/token").await.len(), 2);
}

#[tokio::test]
async fn a_provider_gives_tokens_and_is_asked_for_a_fresh_one_after_401() {
    let server = MockServer::start().await;
    api(&server, "fresh").await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let client = client_of(&server, Config::default()).with_token_provider(move |fresh| {
        counted.fetch_add(1, Ordering::SeqCst);
        async move {
            Ok(if fresh {
                "fresh".to_string()
            } else {
                "stale".to_string()
            })
        }
    });
    client
        .execute(reports())
        .await
        .expect("the fresh token is accepted");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let failing = client_of(&server, Config::default())
        .with_token_provider(|_| async { Err("vault sealed".into()) });
    let error = failing.execute(reports()).await.unwrap_err().to_string();
    assert_eq!(error, "auth failed: no access token: vault sealed");
}
