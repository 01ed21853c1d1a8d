//! Reading response bodies: the client's size limit, whether or not the server says the length
//! up front, and the calls that leave the body unread for the caller to stream.

use super::*;
use ::tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A server that answers one request with a chunked 200 of `chunks` (no `Content-Length`).
async fn chunked(chunks: Vec<Vec<u8>>) -> String {
    let listener = ::tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap();
    let address = listener.local_addr().unwrap();
    ::tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await;
        let mut response = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        for chunk in chunks {
            response.extend(format!("{:x}\r\n", chunk.len()).into_bytes());
            response.extend(chunk);
            response.extend(b"\r\n");
        }
        response.extend(b"0\r\n\r\n");
        let _ = socket.write_all(&response).await;
    });
    format!("http://{address}")
}

fn limited(base_url: &str, bytes: usize) -> Client {
    let mut client = Client::new(base_url).unwrap();
    client.transport.config.max_body = Some(bytes);
    client
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_by_its_length_before_it_is_read() {
    let server = serve(200, None, &"x".repeat(100)).await;
    let client = limited(&server.uri(), 99);
    match client.execute(Request::new("GET")).await {
        Err(Error::TooLarge { status, limit }) => assert_eq!((status.as_u16(), limit), (200, 99)),
        other => panic!("{other:?}"),
    }
    let client = limited(&server.uri(), 100);
    let raw = client.execute(Request::new("GET")).await.unwrap();
    assert_eq!(raw.body().len(), 100);
}

#[tokio::test]
async fn a_body_without_a_length_stops_at_the_limit() {
    let base = chunked(vec![vec![b'a'; 60], vec![b'b'; 60]]).await;
    match limited(&base, 100).execute(Request::new("GET")).await {
        Err(Error::TooLarge { limit, .. }) => assert_eq!(limit, 100),
        other => panic!("{other:?}"),
    }
    let base = chunked(vec![vec![b'a'; 60], vec![b'b'; 40]]).await;
    let raw = limited(&base, 100)
        .execute(Request::new("GET"))
        .await
        .unwrap();
    assert_eq!(raw.body().len(), 100);
    assert_eq!(runtime::DEFAULT_MAX_BODY, 64 << 20);
}

#[tokio::test]
async fn streaming_calls_leave_the_body_unread_whatever_the_status() {
    let server = serve(500, None, &"y".repeat(1000)).await;
    // Far over the limit: only reading the body would fail.
    let client = limited(&server.uri(), 10);
    let call = || {
        runtime::Call::new(
            &client.transport,
            Request::new("GET"),
            runtime::unit,
            runtime::no_error_body,
        )
    };
    assert_eq!(call().status().await.unwrap(), 500);
    let mut response = call().send_streaming().await.unwrap();
    let mut read = 0;
    while let Some(chunk) = response.chunk().await.unwrap() {
        read += chunk.len();
    }
    assert_eq!(read, 1000);
    // A described request can also be sent later, through the client.
    let request = call().into_request();
    assert_eq!(client.send_streaming(request).await.unwrap().status(), 500);
    assert_eq!(format!("{:?}", call()), "Call { method: \"GET\", .. }");
}

#[tokio::test]
async fn the_timeout_covers_the_whole_request() {
    let server = ::wiremock::MockServer::start().await;
    ::wiremock::Mock::given(::wiremock::matchers::any())
        .respond_with(
            ::wiremock::ResponseTemplate::new(200).set_delay(::std::time::Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let mut client = client_of(&server, Config::default());
    client.transport.timeout = Some(::std::time::Duration::from_millis(100));
    match client.execute(Request::new("GET")).await {
        Err(Error::Transport(error)) => assert!(error.is_timeout(), "{error}"),
        other => panic!("{other:?}"),
    }
}
