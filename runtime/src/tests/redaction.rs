//! Credentials never show: not in `Debug` output, not in the text of a transport error.

use super::*;
use crate::runtime::Auth;

#[test]
fn debug_output_shows_no_credential() {
    let config = Config {
        bearer_token: secret("bearer-secret"),
        basic: Some(("user".into(), Secret("basic-secret".into()))),
        api_key: secret("key-secret"),
        ..Config::default()
    };
    let mut client = Client::new("https://api.example.test").unwrap();
    client.transport.config = config;
    let text = format!("{client:?}");
    for secret in ["bearer-secret", "basic-secret", "key-secret"] {
        assert!(!text.contains(secret), "{text}");
    }
    assert!(text.contains("<redacted>"), "{text}");
    assert!(text.contains("user"), "{text}");
}

#[tokio::test]
async fn an_api_key_in_the_query_is_redacted_from_a_transport_error() {
    // Nothing listens on this port: the connection is refused, and the error names the URL.
    let listener = ::std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let mut client = Client::new(&format!("http://{address}")).unwrap();
    client.transport.config.api_key = secret("s3cr3t key&more");
    let request = Request::new("GET")
        .path("/a")
        .auth(Auth::ApiKeyQuery("api_key"));
    let error = client.execute(request).await.expect_err("nothing listens");
    let text = format!("{error} {error:?}");
    assert!(matches!(error, Error::Transport(_)), "{text}");
    assert!(text.contains("api_key=REDACTED"), "{text}");
    assert!(!text.contains("s3cr3t"), "{text}");
}
