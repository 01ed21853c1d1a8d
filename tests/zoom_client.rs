//! The generated Zoom client against a loopback server: for every endpoint, the exact request
//! on the wire and the decoded result of each documented response.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use zoom::im_groups::{
    CreateAnImDirectoryGroup, ImGroupType, ListImDirectoryGroupMembersQuery,
    UpdateAnImDirectoryGroup,
};
use zoom::types::{AddImDirectoryGroupMembers, AddImDirectoryGroupMembersMember, ErrorBody, Group};

const TOKEN: &str = "test-access-token";

/// A server answering every request with `status` and `body` (JSON when it parses as JSON).
async fn serve(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status);
    if !body.is_empty() {
        let content_type = if serde_json::from_str::<serde_json::Value>(body).is_ok() {
            "application/json"
        } else {
            "text/plain"
        };
        response = response.set_body_raw(body.as_bytes().to_vec(), content_type);
    }
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> zoom::Client {
    zoom::Client::new(&format!("{}/v2", server.uri()))
        .unwrap()
        .with_bearer_token(TOKEN)
}

/// The one request the server received.
async fn received(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "exactly one request is sent");
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> Vec<&'a str> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect()
}

/// Method, encoded path, query and credentials of a request.
fn assert_request(request: &Request, method: &str, path: &str, query: Option<&str>) {
    assert_eq!(request.method.as_str(), method);
    assert_eq!(request.url.path(), path);
    assert_eq!(request.url.query(), query);
    assert_eq!(
        header(request, "authorization"),
        [format!("Bearer {TOKEN}")]
    );
}

/// The parts of a multipart body as (name, value), checking that the request carries exactly one
/// `Content-Type`, with the boundary, and that parts are plain text fields.
async fn multipart_fields(request: &Request) -> Vec<(String, String)> {
    let content_types = header(request, "content-type");
    assert_eq!(
        content_types.len(),
        1,
        "one Content-Type header: {content_types:?}"
    );
    let boundary = multer::parse_boundary(content_types[0]).expect("a boundary");
    assert!(content_types[0].starts_with("multipart/form-data; boundary="));
    let mut multipart = multer::Multipart::with_reader(request.body.as_slice(), boundary);
    let mut fields = Vec::new();
    while let Some(field) = multipart.next_field().await.unwrap() {
        assert_eq!(
            field.content_type(),
            None,
            "text parts carry no content type"
        );
        assert_eq!(field.file_name(), None, "text parts are not files");
        let name = field.name().unwrap().to_string();
        fields.push((name, field.text().await.unwrap()));
    }
    fields
}

fn pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn api_error<E: std::fmt::Debug>(
    result: Result<impl std::fmt::Debug, zoom::Error<E>>,
) -> Box<zoom::ApiError<E>> {
    match result {
        Err(zoom::Error::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn sales_group() -> Group {
    // Each request saves one example of a group: every key is optional.
    Group {
        id: Some("3RDbWNXbQm-mNNVPiPDVHQ".into()),
        name: Some("Sales".into()),
        total_members: Some(10),
        r#type: Some("shared".into()),
        search_by_domain: Some(true),
        search_by_account: Some(false),
        search_by_ma_account: Some(false),
    }
}

const GROUP_JSON: &str = r#"{"id":"3RDbWNXbQm-mNNVPiPDVHQ","name":"Sales","total_members":10,"type":"shared","search_by_domain":true,"search_by_account":false,"search_by_ma_account":false}"#;
const NOT_FOUND: &str =
    r#"{"code":4130,"message":"Group does not exist: 3RDbWNXbQm-mNNVPiPDVHQ."}"#;

#[tokio::test]
async fn update_sends_the_seed_fields_exactly() {
    let server = serve(204, "").await;
    let body = UpdateAnImDirectoryGroup {
        name: Some("anim Duis adipisicing sint".into()),
        r#type: Some(ImGroupType::Restricted),
        search_by_domain: Some(false),
        search_by_account: Some(true),
        search_by_ma_account: Some(false),
    };
    let result = client(&server)
        .im_groups()
        .update_an_im_directory_group("quis officia in reprehenderit", &body)
        .await;
    let response = result.expect("204 is a success");
    assert_eq!(
        (response.status().as_u16(), response.into_inner()),
        (204, ())
    );
    let request = received(&server).await;
    assert_request(
        &request,
        "PATCH",
        "/v2/im/groups/quis%20officia%20in%20reprehenderit",
        None,
    );
    assert_eq!(
        multipart_fields(&request).await,
        pairs(&[
            ("name", "anim Duis adipisicing sint"),
            ("type", "restricted"),
            ("search_by_domain", "false"),
            ("search_by_account", "true"),
            ("search_by_ma_account", "false"),
        ])
    );
}

#[tokio::test]
async fn update_sends_only_the_fields_that_are_set() {
    let server = serve(204, "").await;
    let body = UpdateAnImDirectoryGroup {
        name: Some("Sales".into()),
        r#type: Some(ImGroupType::Other("secret".into())),
        ..Default::default()
    };
    client(&server)
        .im_groups()
        .update_an_im_directory_group("a/b c", &body)
        .await
        .unwrap();
    let request = received(&server).await;
    assert_request(&request, "PATCH", "/v2/im/groups/a%2Fb%20c", None);
    assert_eq!(
        multipart_fields(&request).await,
        pairs(&[("name", "Sales"), ("type", "secret")])
    );
}

#[tokio::test]
async fn update_documented_errors_carry_zoom_code_and_message() {
    let server = serve(300, r#"{"code":300,"message":"Missing field: name."}"#).await;
    let body = UpdateAnImDirectoryGroup::default();
    let error = api_error(
        client(&server)
            .im_groups()
            .update_an_im_directory_group("g1", &body)
            .await,
    );
    assert_eq!(error.status().as_u16(), 300);
    assert_eq!(error.code(), Some(300));
    assert_eq!(error.message(), Some("Missing field: name."));
    assert_eq!(
        error.documented(),
        Some("Error Code: 300 Missing field: name")
    );
    assert_eq!(
        error.to_string(),
        "HTTP 300 Multiple Choices: Missing field: name. (code 300)"
    );
    // With no field set there is no body, rather than a multipart body with no parts (which
    // RFC 2046 does not allow).
    let request = received(&server).await;
    assert!(
        request.body.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&request.body)
    );
    assert!(header(&request, "content-type").is_empty());

    let server = serve(404, NOT_FOUND).await;
    let result = client(&server)
        .im_groups()
        .update_an_im_directory_group("g1", &body)
        .await;
    let error = api_error(result);
    assert_eq!(error.status().as_u16(), 404);
    assert_eq!(error.code(), Some(4130));
    assert_eq!(
        error.message(),
        Some("Group does not exist: 3RDbWNXbQm-mNNVPiPDVHQ.")
    );
    assert_eq!(
        error.documented(),
        Some("IM Group not found. Error Code: 4130 Group does not exist:{groupId}.")
    );
    assert_eq!(error.body_text(), NOT_FOUND);
}

#[tokio::test]
async fn undocumented_statuses_keep_status_and_raw_body() {
    let server = serve(503, "upstream unavailable").await;
    let error = api_error(
        client(&server)
            .im_groups()
            .update_an_im_directory_group("g1", &UpdateAnImDirectoryGroup::default())
            .await,
    );
    assert_eq!(error.status().as_u16(), 503);
    assert_eq!(error.code(), None);
    assert_eq!(error.message(), None);
    assert_eq!(error.documented(), None);
    assert_eq!(error.body(), b"upstream unavailable");
    assert_eq!(error.to_string(), "HTTP 503 Service Unavailable");
}

#[tokio::test]
async fn only_documented_statuses_get_a_typed_body() {
    let server = serve(500, r#"{"code":1,"message":"internal"}"#).await;
    let error = api_error(
        client(&server)
            .im_groups()
            .retrieve_an_im_directory_group("g1")
            .await,
    );
    // The body has the documented error shape, but 500 is not documented for this request.
    assert_eq!(error.typed(), None);
    assert_eq!((error.code(), error.message()), (Some(1), Some("internal")));
    assert_eq!(
        error.to_string(),
        "HTTP 500 Internal Server Error: internal (code 1)"
    );
    let untyped: zoom::Error = zoom::Error::Api(error).untyped();
    assert_eq!(untyped.status().map(|s| s.as_u16()), Some(500));
}

#[tokio::test]
async fn list_groups_decodes_the_documented_body() {
    let body = format!(r#"{{"total_records":1,"groups":[{GROUP_JSON}]}}"#);
    let server = serve(200, &body).await;
    let groups = client(&server)
        .im_groups()
        .list_im_directory_groups()
        .await
        .unwrap();
    assert_eq!(groups.total_records, Some(1));
    assert_eq!(groups.groups, Some(vec![sales_group()]));
    let request = received(&server).await;
    assert_request(&request, "GET", "/v2/im/groups", None);
    assert!(request.body.is_empty());
    assert!(header(&request, "content-type").is_empty());
}

#[tokio::test]
async fn list_groups_documented_error() {
    let server = serve(
        400,
        r#"{"code":200,"message":"Only available for paid account: abc."}"#,
    )
    .await;
    let error = api_error(client(&server).im_groups().list_im_directory_groups().await);
    assert_eq!((error.status().as_u16(), error.code()), (400, Some(200)));
    assert_eq!(
        error.message(),
        Some("Only available for paid account: abc.")
    );
}

#[tokio::test]
async fn create_sends_typed_form_fields() {
    let server = serve(201, GROUP_JSON).await;
    let body = CreateAnImDirectoryGroup {
        name: "Sales".into(),
        r#type: Some(ImGroupType::Shared),
        search_by_domain: Some(true),
        search_by_account: None,
        search_by_ma_account: Some(false),
    };
    let group = client(&server)
        .im_groups()
        .create_an_im_directory_group(&body)
        .await
        .unwrap();
    assert_eq!(group.status().as_u16(), 201);
    assert_eq!(group.into_inner(), sales_group());
    let request = received(&server).await;
    assert_request(&request, "POST", "/v2/im/groups", None);
    assert_eq!(
        multipart_fields(&request).await,
        pairs(&[
            ("name", "Sales"),
            ("type", "shared"),
            ("search_by_domain", "true"),
            ("search_by_ma_account", "false"),
        ])
    );
}

#[tokio::test]
async fn create_conflict_is_an_api_error() {
    let server = serve(
        409,
        r#"{"code":4132,"message":"Group name Sales is already in use."}"#,
    )
    .await;
    let body = CreateAnImDirectoryGroup {
        name: "Sales".into(),
        r#type: None,
        search_by_domain: None,
        search_by_account: None,
        search_by_ma_account: None,
    };
    let error = api_error(
        client(&server)
            .im_groups()
            .create_an_im_directory_group(&body)
            .await,
    );
    assert_eq!((error.status().as_u16(), error.code()), (409, Some(4132)));
    assert_eq!(
        error.documented(),
        Some("Error Code: 4132 Group name {groupName} is already in use.")
    );
    // The documented status's JSON body, typed.
    assert_eq!(
        error.typed(),
        Some(&ErrorBody {
            code: Some(4132),
            message: Some("Group name Sales is already in use.".into())
        })
    );
}

#[tokio::test]
async fn retrieve_encodes_the_group_id_as_one_segment() {
    let server = serve(200, GROUP_JSON).await;
    let group = client(&server)
        .im_groups()
        .retrieve_an_im_directory_group("a/b c?d#e")
        .await
        .unwrap();
    // The response dereferences to the decoded group.
    assert_eq!(*group, sales_group());
    assert_eq!(group.name.as_deref(), Some("Sales"));
    let request = received(&server).await;
    assert_request(&request, "GET", "/v2/im/groups/a%2Fb%20c%3Fd%23e", None);
}

#[tokio::test]
async fn retrieve_not_found() {
    let server = serve(404, NOT_FOUND).await;
    let error = api_error(
        client(&server)
            .im_groups()
            .retrieve_an_im_directory_group("missing")
            .await,
    );
    assert_eq!((error.status().as_u16(), error.code()), (404, Some(4130)));
}

#[tokio::test]
async fn retrieve_with_an_unexpected_body_is_a_decode_error() {
    let server = serve(200, r#"{"id": 5}"#).await;
    let result = client(&server)
        .im_groups()
        .retrieve_an_im_directory_group("g1")
        .await;
    match result {
        Err(zoom::Error::Decode { status, body, .. }) => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(body, r#"{"id": 5}"#);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn delete_group() {
    let server = serve(204, "").await;
    client(&server)
        .im_groups()
        .delete_an_im_directory_group("3RDbWNXbQm-mNNVPiPDVHQ")
        .await
        .unwrap();
    let request = received(&server).await;
    assert_request(
        &request,
        "DELETE",
        "/v2/im/groups/3RDbWNXbQm-mNNVPiPDVHQ",
        None,
    );
    assert!(request.body.is_empty());

    let server = serve(404, NOT_FOUND).await;
    let error = api_error(
        client(&server)
            .im_groups()
            .delete_an_im_directory_group("x")
            .await,
    );
    assert_eq!((error.status().as_u16(), error.code()), (404, Some(4130)));
}

#[tokio::test]
async fn list_members_sends_typed_query_parameters() {
    let body = r#"{"page_count":1,"page_number":2,"page_size":30,"total_records":1,
        "members":[{"id":"z8yCxjabcdEFGHfp8uQ","email":"jchill@example.com","first_name":"Jill","last_name":"Chill","type":1}]}"#;
    let server = serve(200, body).await;
    let query = ListImDirectoryGroupMembersQuery {
        page_size: Some(30),
        page_number: Some(2),
    };
    let page = client(&server)
        .im_groups()
        .list_im_directory_group_members("g1", &query)
        .await
        .unwrap();
    assert_eq!(
        (page.page_number, page.page_size, page.total_records),
        (Some(2), Some(30), Some(1))
    );
    let members = page.members.as_deref().unwrap();
    assert_eq!(members[0].email.as_deref(), Some("jchill@example.com"));
    assert_eq!(members[0].r#type, Some(1));
    let request = received(&server).await;
    assert_request(
        &request,
        "GET",
        "/v2/im/groups/g1/members",
        Some("page_size=30&page_number=2"),
    );

    // Unset parameters are not sent at all.
    let server = serve(200, body).await;
    client(&server)
        .im_groups()
        .list_im_directory_group_members("g1", &ListImDirectoryGroupMembersQuery::default())
        .await
        .unwrap();
    assert_eq!(received(&server).await.url.query(), None);
}

#[tokio::test]
async fn a_member_with_only_the_keys_the_api_guarantees_decodes() {
    // Zoom's schema requires only `email` and `type` of a member; the collection's one example
    // shows every key. One example is not evidence that a key is always sent.
    let body = r#"{"members":[{"email":"jchill@example.com","type":1}]}"#;
    let server = serve(200, body).await;
    let page = client(&server)
        .im_groups()
        .list_im_directory_group_members("g1", &ListImDirectoryGroupMembersQuery::default())
        .await
        .unwrap();
    let member = &page.members.as_deref().unwrap()[0];
    assert_eq!(
        (
            member.email.as_deref(),
            member.r#type,
            member.first_name.as_deref()
        ),
        (Some("jchill@example.com"), Some(1), None)
    );
    assert_eq!(page.total_records, None);
}

#[tokio::test]
async fn add_members_sends_the_json_body() {
    let server = serve(201, r#"{"ids":"a,b","added_at":"2024-03-21T09:30:00Z"}"#).await;
    let body = AddImDirectoryGroupMembers {
        members: vec![
            AddImDirectoryGroupMembersMember {
                id: "a".into(),
                email: "a@example.com".into(),
            },
            AddImDirectoryGroupMembersMember {
                id: "b".into(),
                email: "b@example.com".into(),
            },
        ],
    };
    let added = client(&server)
        .im_groups()
        .add_im_directory_group_members("g1", &body)
        .await
        .unwrap();
    assert_eq!(added.ids.as_deref(), Some("a,b"));
    assert_eq!(added.added_at.as_deref(), Some("2024-03-21T09:30:00Z"));
    let request = received(&server).await;
    assert_request(&request, "POST", "/v2/im/groups/g1/members", None);
    assert_eq!(header(&request, "content-type"), ["application/json"]);
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        serde_json::json!({"members": [
            {"id": "a", "email": "a@example.com"},
            {"id": "b", "email": "b@example.com"}
        ]})
    );
}

#[tokio::test]
async fn delete_member() {
    let server = serve(204, "").await;
    client(&server)
        .im_groups()
        .delete_an_im_directory_group_member("g1", "m 1")
        .await
        .unwrap();
    let request = received(&server).await;
    assert_request(&request, "DELETE", "/v2/im/groups/g1/members/m%201", None);

    let server = serve(
        300,
        r#"{"code":300,"message":"Can not delete account from default group: g1."}"#,
    )
    .await;
    let error = api_error(
        client(&server)
            .im_groups()
            .delete_an_im_directory_group_member("g1", "m1")
            .await,
    );
    assert_eq!((error.status().as_u16(), error.code()), (300, Some(300)));
}

#[tokio::test]
async fn path_parameters_that_would_change_the_path_are_refused() {
    let server = serve(204, "").await;
    for bad in ["", ".", ".."] {
        let result = client(&server)
            .im_groups()
            .delete_an_im_directory_group(bad)
            .await;
        match result {
            Err(zoom::Error::InvalidRequest(message)) => assert_eq!(
                message,
                format!(
                    "path parameter `groupId` is {bad:?}, which cannot be sent as a path segment"
                )
            ),
            other => panic!("expected a refusal for {bad:?}, got {other:?}"),
        }
    }
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent"
    );
}

#[tokio::test]
async fn no_token_no_authorization_header_and_token_not_in_debug() {
    let server = serve(204, "").await;
    let anonymous = zoom::Client::new(&server.uri()).unwrap();
    anonymous
        .im_groups()
        .delete_an_im_directory_group("g1")
        .await
        .unwrap();
    let request = received(&server).await;
    assert_eq!(request.url.path(), "/im/groups/g1");
    assert!(header(&request, "authorization").is_empty());

    let debug = format!("{:?}", client(&server));
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(debug.contains("<redacted>"), "{debug}");
}

#[test]
fn invalid_base_urls_are_refused() {
    for url in [
        "not a url",
        "ftp://example.com",
        "https://example.com/v2?x=1",
    ] {
        match zoom::Client::new(url) {
            Err(zoom::Error::InvalidBaseUrl { url: given, .. }) => assert_eq!(given, url),
            other => panic!("expected InvalidBaseUrl for {url}, got {other:?}"),
        }
    }
    assert_eq!(
        zoom::Client::new(zoom::BASE_URL)
            .unwrap()
            .base_url()
            .as_str(),
        "https://api.zoom.us/v2"
    );
}
