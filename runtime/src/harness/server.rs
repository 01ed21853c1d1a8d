// The loopback server of every generated client's tests (`tests/examples.rs`): it answers with a
// saved example response.
//
// Included at the root of the generated test crate (and, for its tests, at this crate's root);
// items only, without `//!` docs or inner attributes; comments like this one are dropped. Not
// formatted by rustfmt, which would change the code postgen writes.

/// A loopback server that answers every request with an example's status, content type and body.
#[allow(dead_code)]
async fn serve(status: u16, content_type: Option<&str>, body: &str) -> ::wiremock::MockServer {
    let server = ::wiremock::MockServer::start().await;
    let response = ::wiremock::ResponseTemplate::new(status);
    let response = match content_type {
        Some(content_type) => response.set_body_raw(body.as_bytes().to_vec(), content_type),
        None => response.set_body_bytes(body.as_bytes().to_vec()),
    };
    ::wiremock::Mock::given(::wiremock::matchers::any()).respond_with(response).mount(&server).await;
    server
}
