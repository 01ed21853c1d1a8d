//! Blocking calls (the feature `blocking`): a call and a stream of pages without an async
//! runtime on the calling thread, and the error inside one.

use super::*;
use crate::runtime::{Call, Paging};
use ::wiremock::matchers::{any, query_param};
use ::wiremock::{Mock, MockServer, ResponseTemplate};

/// A loopback server running on a runtime of its own, for a test that has none.
fn server_apart() -> (::tokio::runtime::Runtime, MockServer) {
    let runtime = ::tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        Mock::given(query_param("cursor", "c2"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(::serde_json::json!({"items": [2], "next": ""})),
            )
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(::serde_json::json!({"items": [1], "next": "c2"})),
            )
            .with_priority(2)
            .mount(&server)
            .await;
        server
    });
    (runtime, server)
}

fn call(client: &Client) -> Call<'_, ::serde_json::Value> {
    Call::new(
        &client.transport,
        Request::new("GET").path("/list"),
        runtime::json,
        runtime::no_error_body,
    )
}

#[test]
fn a_call_and_its_pages_run_without_an_async_runtime() {
    let (_runtime, server) = server_apart();
    let client = client_of(&server, Config::default());
    let page = call(&client).send_blocking().expect("sent");
    assert_eq!(page.into_inner()["items"], ::serde_json::json!([1]));
    let items: Vec<::serde_json::Value> = call(&client)
        .pages(Paging::Token {
            next: "/next",
            param: "cursor",
        })
        .items(|page| page["items"].as_array().cloned().unwrap_or_default())
        .blocking_iter()
        .map(|item| item.expect("every page decodes"))
        .collect();
    assert_eq!(items, [::serde_json::json!(1), ::serde_json::json!(2)]);
}

#[test]
fn threads_share_a_client_and_its_connections() {
    let (_runtime, server) = server_apart();
    let mut client = client_of(&server, Config::default());
    // A hang shows as a timeout rather than a test that never ends.
    client.transport.timeout = Some(::std::time::Duration::from_secs(5));
    let client = ::std::sync::Arc::new(client);
    call(&client)
        .send_blocking()
        .expect("the first thread's call");
    // Another thread reuses the connection the first one opened, which must still be driven.
    let other = client.clone();
    let sent = ::std::thread::spawn(move || {
        call(&other)
            .send_blocking()
            .map(|response| response.status())
    })
    .join()
    .expect("the other thread ends");
    assert_eq!(sent.expect("sent without hanging").as_u16(), 200);
}

#[tokio::test]
async fn a_blocking_call_inside_an_async_runtime_is_an_error() {
    let server = serve(200, None, "{}").await;
    let client = client_of(&server, Config::default());
    let error = call(&client).send_blocking().unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request: a blocking call was made inside an async runtime: `.await` the call instead"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
