//! What a generated client guarantees whatever its arguments and servers do, against a loopback
//! server: path arguments stay one segment, header values cannot split a header, credentials stay
//! out of errors, time and body size are bounded, and the HTTP client is the user's to choose.

use std::time::Duration;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answer(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap_or_default()
}

const GROUP: &str = r#"{"id": "g", "name": "Sales", "total_members": 1, "type": "normal",
    "search_by_domain": false, "search_by_account": false, "search_by_ma_account": false}"#;

#[tokio::test]
async fn path_arguments_cannot_change_the_path_or_query() {
    let server = answer(ResponseTemplate::new(200).set_body_string(GROUP)).await;
    let client = zoom::Client::new(&server.uri()).unwrap();
    for (argument, sent) in [
        ("../admin", "/im/groups/..%2Fadmin"),
        ("a/b", "/im/groups/a%2Fb"),
        // `=` may stay in a segment (RFC 3986), as Postman sends it; `?` may not.
        ("?x=1", "/im/groups/%3Fx=1"),
        ("a:b@c", "/im/groups/a:b@c"),
        ("#", "/im/groups/%23"),
        ("%2e%2e", "/im/groups/%252e%252e"),
    ] {
        client
            .im_groups()
            .retrieve_an_im_directory_group(argument)
            .await
            .unwrap();
        let request = requests(&server).await.pop().unwrap();
        assert_eq!(request.url.path(), sent, "{argument}");
        assert_eq!(request.url.query(), None, "{argument}");
    }
    for argument in ["..", ".", ""] {
        let error = client
            .im_groups()
            .retrieve_an_im_directory_group(argument)
            .await
            .unwrap_err();
        assert!(
            matches!(error, zoom::Error::InvalidRequest(_)),
            "{argument:?}: {error}"
        );
    }
    assert_eq!(
        requests(&server).await.len(),
        6,
        "the refused ones were not sent"
    );
}

#[tokio::test]
async fn header_values_with_line_breaks_are_refused_not_sent() {
    let server = answer(ResponseTemplate::new(200).set_body_string("<ok/>")).await;
    let client = formats::Client::new(&server.uri())
        .unwrap()
        .with_variable("tenant", "acme");
    for value in ["1\r\nX-Injected: yes", "1\nX-Injected: yes", "1\0"] {
        let error = client.headers().with_headers(value).await.unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid request: the value of header `X-Request-Id` is not a valid header value (line breaks are refused)"
        );
    }
    // The same through a client variable.
    let error = client
        .clone()
        .with_variable("tenant", "acme\r\nX-Injected: yes")
        .headers()
        .with_headers("1")
        .await
        .unwrap_err();
    assert!(error.to_string().contains("`X-Tenant`"), "{error}");
    assert!(requests(&server).await.is_empty(), "nothing was sent");
    // Query values are encoded, not spliced.
    client.headers().with_headers("fine").await.unwrap();
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn query_values_are_encoded() {
    let server = answer(ResponseTemplate::new(200).set_body_string("{}")).await;
    let client = formats::Client::new(&server.uri()).unwrap();
    let query = formats::query::SearchQuery {
        tag: vec![],
        flag: false,
        filter: None,
        limit: 1,
        page: None,
        cursor: "a&admin=1#frag".into(),
        debug: None,
    };
    let _ = client.query().search(&query).await;
    let request = requests(&server).await.pop().unwrap();
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert!(
        pairs.contains(&("cursor".into(), "a&admin=1#frag".into())),
        "{pairs:?}"
    );
    assert!(!pairs.iter().any(|(name, _)| name == "admin"), "{pairs:?}");
}

#[tokio::test]
async fn credentials_stay_out_of_error_messages() {
    // Nothing listens here: the request fails, and reqwest's error names the URL.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        drop(listener);
        format!("http://{address}")
    };
    let client = formats::Client::new(&closed)
        .unwrap()
        .with_api_key("s3cr3t-key")
        .with_bearer_token("s3cr3t-token");
    let error = client.auth().api_key_in_query().await.unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(matches!(error, formats::Error::Transport(_)), "{shown}");
    assert!(
        shown.contains("/query-keyed?api_key=REDACTED"),
        "the URL is still shown, without the key: {shown}"
    );
    for secret in ["s3cr3t-key", "s3cr3t-token"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    let debug = format!("{client:?}");
    assert!(!debug.contains("s3cr3t"), "{debug}");
}

#[tokio::test]
async fn requests_time_out() {
    let server = answer(
        ResponseTemplate::new(200)
            .set_body_string(GROUP)
            .set_delay(Duration::from_secs(5)),
    )
    .await;
    let client = zoom::Client::new(&server.uri()).unwrap();
    assert!(format!("{client:?}").contains("timeout: Some(60s)"));
    let client = client.with_timeout(Some(Duration::from_millis(200)));
    let started = std::time::Instant::now();
    let error = client
        .im_groups()
        .retrieve_an_im_directory_group("g")
        .await
        .unwrap_err();
    match &error {
        zoom::Error::Transport(inner) => assert!(inner.is_timeout(), "{error}"),
        other => panic!("expected a timeout, got {other}"),
    }
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn the_http_client_is_injectable() {
    let server = answer(ResponseTemplate::new(204)).await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-proxy-tag", "mine".parse().unwrap());
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    zoom::Client::new(&server.uri())
        .unwrap()
        .with_http_client(http)
        .im_groups()
        .delete_an_im_directory_group("g")
        .await
        .unwrap();
    let request = requests(&server).await.pop().unwrap();
    assert_eq!(request.headers["x-proxy-tag"], "mine");
}

#[tokio::test]
async fn response_bodies_are_read_up_to_a_limit() {
    let big = "x".repeat(4096);
    let server = answer(ResponseTemplate::new(200).set_body_string(big.clone())).await;
    let client = formats::Client::new(&server.uri())
        .unwrap()
        .with_variable("tenant", "acme");
    let within = client.clone().with_max_body_size(4096);
    assert_eq!(
        within.headers().with_headers("1").await.unwrap().len(),
        4096
    );
    let error = client
        .with_max_body_size(1024)
        .headers()
        .with_headers("1")
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "the response body (HTTP 200 OK) is larger than 1024 bytes; raise the limit with `Client::with_max_body_size`"
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
}

#[tokio::test]
async fn an_endpoint_asked_for_status_or_a_stream_does_not_read_the_body() {
    let big = vec![7u8; 1 << 20];
    let server = answer(ResponseTemplate::new(200).set_body_bytes(big)).await;
    let client = formats::Client::new(&server.uri())
        .unwrap()
        .with_variable("tenant", "acme")
        .with_max_body_size(1024);
    let call = client.headers().with_headers("1");
    assert_eq!(format!("{call:?}"), r#"Call { method: "GET", .. }"#);
    assert_eq!(call.status().await.unwrap(), 200);
    let mut response = client
        .headers()
        .with_headers("1")
        .send_streaming()
        .await
        .unwrap();
    let mut read = 0;
    while let Some(chunk) = response.chunk().await.unwrap() {
        read += chunk.len();
    }
    assert_eq!(read, 1 << 20, "streaming is not bound by the body limit");
    let error = client.headers().with_headers("1").await.unwrap_err();
    assert!(matches!(error, formats::Error::TooLarge { .. }), "{error}");
    // The same request sent by hand, from the endpoint's description.
    let request = client.headers().with_headers("1").into_request();
    assert!(client.execute(request).await.is_err());
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 4);
    assert!(
        sent.iter()
            .all(|r| r.url == sent[0].url && r.headers == sent[0].headers)
    );
}

#[tokio::test]
async fn status_is_returned_whatever_it_is() {
    let server = answer(ResponseTemplate::new(404).set_body_string("gone")).await;
    let client = zoom::Client::new(&server.uri()).unwrap();
    let call = client.im_groups().retrieve_an_im_directory_group("g");
    assert_eq!(call.status().await.unwrap(), 404);
}

#[test]
fn endpoint_futures_can_move_between_threads() {
    fn send<T: Send>(_: &T) {}
    let client = zoom::Client::new("http://127.0.0.1:9").unwrap();
    let future = std::future::IntoFuture::into_future(
        client.im_groups().retrieve_an_im_directory_group("g"),
    );
    send(&future);
}

#[tokio::test]
async fn a_streamed_response_is_not_read_until_asked() {
    // A body larger than the limit: streaming reads only what the caller takes.
    let big = vec![7u8; 1 << 20];
    let server = answer(ResponseTemplate::new(200).set_body_bytes(big)).await;
    let client = formats::Client::new(&server.uri())
        .unwrap()
        .with_max_body_size(1024);
    let mut response = client
        .send_streaming(formats::runtime::Request::new("GET").path("/download"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.content_length(), Some(1 << 20));
    let first = response.chunk().await.unwrap().unwrap();
    assert!(!first.is_empty() && first.len() <= 1 << 20);
    assert_eq!(requests(&server).await[0].url.path(), "/download");
}
