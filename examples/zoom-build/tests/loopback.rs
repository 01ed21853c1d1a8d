//! The client generated in build.rs sends the collection's request and decodes its response.

use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_build::zoom;

#[tokio::test]
async fn retrieves_a_group_through_the_included_module() {
    let server = MockServer::start().await;
    let group = serde_json::json!({
        "id": "g 1",
        "name": "Sales",
        "total_members": 3,
        "type": "normal",
        "search_by_domain": false,
        "search_by_account": true,
        "search_by_ma_account": false
    });
    Mock::given(method("GET"))
        .and(path("/im/groups/g%201"))
        .and(header("authorization", "Bearer t0k3n"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&group))
        .expect(1)
        .mount(&server)
        .await;
    let client = zoom::Client::new(&server.uri())
        .unwrap()
        .with_bearer_token("t0k3n");
    let response = client
        .im_groups()
        .retrieve_an_im_directory_group("g 1")
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.into_inner(),
        zoom::types::Group {
            id: Some("g 1".into()),
            name: Some("Sales".into()),
            total_members: Some(3),
            r#type: Some("normal".into()),
            search_by_domain: Some(false),
            search_by_account: Some(true),
            search_by_ma_account: Some(false),
        }
    );
    server.verify().await;
}

#[tokio::test]
async fn sends_the_seed_request_through_the_included_module() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/im/groups/g%201"))
        .and(header("authorization", "Bearer t0k3n"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = zoom::Client::new(&server.uri())
        .unwrap()
        .with_bearer_token("t0k3n");
    let body = zoom::im_groups::UpdateAnImDirectoryGroup {
        r#type: Some(zoom::im_groups::ImGroupType::Normal),
        ..Default::default()
    };
    client
        .im_groups()
        .update_an_im_directory_group("g 1", &body)
        .await
        .unwrap();
    server.verify().await;
}
