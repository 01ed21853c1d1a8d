//! The computed auth schemes through the client generated from `tests/fixtures/formats.json`,
//! on the wire: what each request carries when its scheme's signer is set, the digest
//! challenge and answer, and the hook when no signer is. The signatures themselves are checked
//! against published test vectors in the runtime crate (`runtime/src/tests/signing.rs`).

use formats::auth::{
    DigestLoginQuery, EdgeConfigQuery, HawkResourceQuery, SignedItemQuery, StatusUpdate,
    StatusUpdateQuery,
};
use formats::runtime::{AwsV4, Digest, EdgeGrid, Hawk, OAuth1};
use std::time::{Duration, SystemTime};
use wiremock::matchers::{any, header_exists};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> formats::Client {
    formats::Client::new(&format!("{}/v1", server.uri())).unwrap()
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn header(request: &Request, name: &str) -> String {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn aws_sigv4_signs_with_the_collection_s_service_and_the_client_s_region() {
    let server = server().await;
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160);
    let client = client(&server)
        .with_aws_region("eu-central-1")
        .with_signer(AwsV4::new("AKIDEXAMPLE", "secret").with_time(at));
    let body = formats::types::SignedItem { name: "box".into() };
    let query = SignedItemQuery { version: Some(2) };
    client.auth().signed_item(&query, &body).await.unwrap();
    let request = &received(&server).await[0];
    assert_eq!(header(request, "x-amz-date"), "20150830T123600Z");
    // SHA-256 of the JSON body sent, `{"name":"box"}`.
    assert_eq!(request.body, br#"{"name":"box"}"#);
    assert_eq!(
        header(request, "x-amz-content-sha256"),
        sha256_hex(&request.body)
    );
    let authorization = header(request, "authorization");
    assert!(
        authorization.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-central-1/execute-api/aws4_request, \
             SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature="
        ),
        "{authorization}"
    );
    assert_eq!(authorization.rsplit("Signature=").next().unwrap().len(), 64);
}

/// SHA-256 in lowercase hex, as the test computes it independently of the runtime.
fn sha256_hex(bytes: &[u8]) -> String {
    let output = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(bytes)?;
            child.wait_with_output()
        })
        .expect("sha256sum runs");
    String::from_utf8(output.stdout).unwrap()[..64].to_string()
}

#[tokio::test]
async fn digest_is_sent_after_the_challenge_and_then_at_once() {
    let server = MockServer::start().await;
    Mock::given(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(200).set_body_string("in"))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401).insert_header(
            "www-authenticate",
            "Digest realm=\"api@test\", qop=\"auth\", nonce=\"n0nce\", opaque=\"0paque\"",
        ))
        .with_priority(2)
        .mount(&server)
        .await;
    let client = client(&server).with_signer(Digest::new("ada", "pw"));
    let query = DigestLoginQuery {
        page: Some("1".into()),
    };
    for _ in 0..2 {
        let answer = client.auth().digest_login(&query).await.unwrap();
        assert_eq!(answer.into_inner(), "in");
    }
    let requests = received(&server).await;
    assert_eq!(
        requests.len(),
        3,
        "one challenge, then two answered requests"
    );
    assert_eq!(header(&requests[0], "authorization"), "");
    for (request, nc) in [(&requests[1], "00000001"), (&requests[2], "00000002")] {
        let authorization = header(request, "authorization");
        assert!(
            authorization.starts_with(
                "Digest username=\"ada\", realm=\"api@test\", nonce=\"n0nce\", uri=\"/v1/digest?page=1\", \
                 algorithm=\"MD5\", qop=auth, "
            ),
            "{authorization}"
        );
        assert!(
            authorization.contains(&format!(", nc={nc}, ")),
            "{authorization}"
        );
        assert!(
            authorization.ends_with(", opaque=\"0paque\""),
            "{authorization}"
        );
    }
}

#[tokio::test]
async fn oauth1_hawk_and_edgegrid_headers_are_laid_out_as_postman_sends_them() {
    let server = server().await;
    let client = client(&server)
        .with_signer(OAuth1::new("ck", "cs").with_token("tk", "ts"))
        .with_signer(Hawk::new("hawk-id", "hawk-key"))
        .with_signer(EdgeGrid::new("akab-client", "secret", "akab-access"));
    let status = StatusUpdate {
        status: Some("Hello Ladies + Gentlemen".into()),
    };
    let include = StatusUpdateQuery {
        include_entities: Some(true),
    };
    client
        .auth()
        .status_update(&include, &status)
        .await
        .unwrap();
    let hawk = HawkResourceQuery {
        b: Some(1),
        a: Some(2),
    };
    client.auth().hawk_resource(&hawk).await.unwrap();
    let edge = EdgeConfigQuery {
        contract_id: Some("ctr_1".into()),
    };
    client.auth().edge_config(&edge).await.unwrap();
    let requests = received(&server).await;
    let oauth = header(&requests[0], "authorization");
    assert!(
        oauth.starts_with(
            "OAuth oauth_consumer_key=\"ck\",oauth_token=\"tk\",oauth_signature_method=\"HMAC-SHA1\",oauth_timestamp=\""
        ),
        "{oauth}"
    );
    assert!(
        oauth.contains("\",oauth_version=\"1.0\",oauth_signature=\""),
        "{oauth}"
    );
    assert_eq!(
        header(&requests[0], "content-type"),
        "application/x-www-form-urlencoded"
    );
    let hawk = header(&requests[1], "authorization");
    assert!(hawk.starts_with("Hawk id=\"hawk-id\", ts=\""), "{hawk}");
    assert!(
        hawk.contains("\", ext=\"some-app-ext-data\", mac=\""),
        "{hawk}"
    );
    let edge = header(&requests[2], "authorization");
    assert!(
        edge.starts_with(
            "EG1-HMAC-SHA256 client_token=akab-client;access_token=akab-access;timestamp="
        ),
        "{edge}"
    );
    assert!(edge.contains(";signature="), "{edge}");
}

#[tokio::test]
async fn a_scheme_without_a_signer_goes_to_the_hook_or_fails() {
    let server = server().await;
    let query = HawkResourceQuery::default();
    let error = client(&server)
        .auth()
        .hawk_resource(&query)
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "auth failed: this request needs `hawk` auth: set a hook with `Client::with_auth_hook`"
    );
    let hooked = client(&server).with_auth_hook(|scheme, mut request| async move {
        let value = format!("signed by hook: {scheme}").parse()?;
        request.headers_mut().insert("authorization", value);
        Ok(request)
    });
    hooked.auth().hawk_resource(&query).await.unwrap();
    let request = &received(&server).await[0];
    assert_eq!(header(request, "authorization"), "signed by hook: hawk");
}
