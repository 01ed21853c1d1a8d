//! The generated client text works when `include!`d inside a module, as a build.rs user does:
//! it has no inner attributes and reaches its own items only through relative paths.

mod nested {
    // A test binary uses only part of the client; a library re-exporting it would not need this.
    #[allow(dead_code, unused_imports)]
    pub mod zoom_api {
        include!("../generated/zoom/src/api.rs");
    }
}

use nested::zoom_api;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn included_client_sends_the_seed_request() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/im/groups/g%201"))
        .and(header("authorization", "Bearer t0k3n"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = zoom_api::Client::new(&server.uri())
        .unwrap()
        .with_bearer_token("t0k3n");
    let body = zoom_api::im_groups::UpdateAnImDirectoryGroup {
        r#type: Some(zoom_api::im_groups::ImGroupType::Normal),
        ..Default::default()
    };
    client
        .im_groups()
        .update_an_im_directory_group("g 1", &body)
        .await
        .unwrap();
    server.verify().await;
}
