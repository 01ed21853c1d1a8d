//! OAuth 2.0 in the client generated from `tests/fixtures/formats.json`, whose `OAuth 2.0
//! report` request has an `oauth2` block (client credentials, token endpoint
//! `{{baseUrl}}/oauth/token`, scope `reports:read`): `Client::oauth2()` carries those settings,
//! and the token it gets is sent on the wire.

use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_collection_s_oauth2_settings_get_the_token_the_request_sends() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/oauth/token"))
        .and(header("authorization", "Basic Y2xpZW50OnMzY3JldA=="))
        .and(body_string(
            "grant_type=client_credentials&scope=reports%3Aread",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "tok-1", "token_type": "bearer", "expires_in": 3600
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/reports"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(200).set_body_string("report"))
        .mount(&server)
        .await;
    let oauth = formats::Client::oauth2().client_credentials("client", "s3cret");
    let client = formats::Client::new(&format!("{}/v1", server.uri()))
        .unwrap()
        .with_oauth2(oauth);
    for _ in 0..2 {
        let report = client.auth().o_auth_2_0_report().await.unwrap();
        assert_eq!(report.into_inner(), "report");
    }
    let requests = server.received_requests().await.unwrap();
    let lines: Vec<String> = requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(
        lines,
        ["POST /v1/oauth/token", "GET /v1/reports", "GET /v1/reports"],
        "one token for both requests"
    );
}
