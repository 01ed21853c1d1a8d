//! Streams of pages and items, each style over three pages from a loopback server: which
//! requests are sent for the next pages, and where the stream ends.

use super::*;
use crate::runtime::{Call, Paging};
use ::futures_util::StreamExt;
use ::serde_json::{Value, json};
use ::wiremock::matchers::{method, query_param, query_param_is_missing};
use ::wiremock::{Mock, MockServer, ResponseTemplate};

/// Answers requests matching `matcher` with `body`, before any mounted with a larger `priority`.
async fn page(
    server: &MockServer,
    matcher: impl ::wiremock::Match + 'static,
    priority: u8,
    body: Value,
) {
    Mock::given(matcher)
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .with_priority(priority)
        .mount(server)
        .await;
}

/// One query parameter, as a generated query struct sends it.
struct Param(&'static str, i64);

impl runtime::Params for Param {
    fn write(&self, out: &mut runtime::Fields) {
        out.add(self.0, &self.1);
    }
}

/// A client of `server` sending once.
fn client(server: &MockServer) -> Client {
    client_of(
        server,
        Config {
            retry: runtime::Retry::none(),
            ..Config::default()
        },
    )
}

/// The items (under `/items`, or the page itself when it is a list) of every page.
async fn items(client: &Client, request: Request, paging: Paging) -> Vec<Value> {
    let pages = Call::new(
        &client.transport,
        request,
        runtime::json::<Value>,
        runtime::no_error_body,
    )
    .pages(paging);
    let items = pages.items(|page| match page {
        Value::Array(items) => items,
        page => page["items"].as_array().cloned().unwrap_or_default(),
    });
    items
        .map(|item| item.expect("every page decodes"))
        .collect()
        .await
}

/// The query strings the server received, in order.
async fn queries(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| r.url.query().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn a_token_is_sent_back_until_a_page_has_none() {
    let server = MockServer::start().await;
    page(
        &server,
        query_param("next_page_token", "t2"),
        1,
        json!({"items": [3], "next_page_token": "t3"}),
    )
    .await;
    page(
        &server,
        query_param("next_page_token", "t3"),
        1,
        json!({"items": [4], "next_page_token": ""}),
    )
    .await;
    page(
        &server,
        method("GET"),
        2,
        json!({"items": [1, 2], "next_page_token": "t2"}),
    )
    .await;
    let request = Request::new("GET")
        .path("/meetings")
        .query(&Param("page_size", 2));
    let paging = Paging::Token {
        next: "/next_page_token",
        param: "next_page_token",
    };
    assert_eq!(
        items(&client(&server), request, paging).await,
        [json!(1), json!(2), json!(3), json!(4)]
    );
    assert_eq!(
        queries(&server).await,
        [
            "page_size=2",
            "page_size=2&next_page_token=t2",
            "page_size=2&next_page_token=t3"
        ]
    );
}

#[tokio::test]
async fn a_token_that_comes_back_again_ends_the_stream() {
    let server = MockServer::start().await;
    page(
        &server,
        method("GET"),
        1,
        json!({"items": [1], "cursor": "same"}),
    )
    .await;
    let paging = Paging::Token {
        next: "/cursor",
        param: "cursor",
    };
    assert_eq!(
        items(&client(&server), Request::new("GET"), paging)
            .await
            .len(),
        2
    );
    assert_eq!(queries(&server).await, ["", "cursor=same"]);
}

#[tokio::test]
async fn a_next_url_is_followed_relative_or_absolute() {
    let server = MockServer::start().await;
    let absolute = format!("{}/v2/list?cursor=c", server.uri());
    page(
        &server,
        query_param("cursor", "b"),
        1,
        json!({"items": [2], "_links": {"next": {"href": absolute}}}),
    )
    .await;
    page(
        &server,
        query_param("cursor", "c"),
        1,
        json!({"items": [3], "_links": {"next": null}}),
    )
    .await;
    page(
        &server,
        query_param_is_missing("cursor"),
        2,
        json!({"items": [1], "_links": {"next": {"href": "list?cursor=b"}}}),
    )
    .await;
    let request = Request::new("GET").path("/v2/list");
    let paging = Paging::NextUrl {
        next: "/_links/next/href",
    };
    assert_eq!(
        items(&client(&server), request, paging).await,
        [json!(1), json!(2), json!(3)]
    );
    let paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().to_string())
        .collect();
    assert_eq!(
        paths,
        ["/v2/list", "/v2/list", "/v2/list"],
        "relative to the page's URL"
    );
}

#[tokio::test]
async fn a_next_url_on_another_origin_is_refused_after_the_page() {
    let server = MockServer::start().await;
    page(
        &server,
        method("GET"),
        1,
        json!({"items": [1], "next": "https://elsewhere.test/list?page=2"}),
    )
    .await;
    let client = client(&server);
    let call = Call::new(
        &client.transport,
        Request::new("GET"),
        runtime::json::<Value>,
        runtime::no_error_body,
    );
    let pages: Vec<_> = call
        .pages(Paging::NextUrl { next: "/next" })
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    assert!(pages[0].is_ok());
    let error = pages[1].as_ref().unwrap_err().to_string();
    assert!(
        error.contains("another origin (https://elsewhere.test)"),
        "{error}"
    );
    assert_eq!(
        queries(&server).await.len(),
        1,
        "credentials are not sent elsewhere"
    );
}

#[tokio::test]
async fn a_link_header_leads_to_the_next_page() {
    let server = MockServer::start().await;
    let link = |page: u32| {
        format!(
            "<{}/repos?page={page}&per_page=1>; rel=\"next\", <{}/repos?page=3>; rel=\"last\"",
            server.uri(),
            server.uri()
        )
    };
    let answer = |body: Value, link: Option<String>| {
        let template = ResponseTemplate::new(200).set_body_json(body);
        match link {
            Some(link) => template.insert_header("link", link.as_str()),
            None => template,
        }
    };
    Mock::given(query_param("page", "2"))
        .respond_with(answer(json!([2]), Some(link(3))))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(query_param("page", "3"))
        .respond_with(answer(json!([3]), None))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(answer(json!([1]), Some(link(2))))
        .with_priority(2)
        .mount(&server)
        .await;
    let request = Request::new("GET").path("/repos");
    assert_eq!(
        items(&client(&server), request, Paging::LinkHeader).await,
        [json!(1), json!(2), json!(3)]
    );
    assert_eq!(
        queries(&server).await,
        ["", "page=2&per_page=1", "page=3&per_page=1"]
    );
}

#[test]
fn link_headers_are_read_as_rfc_8288_writes_them() {
    let mut headers = ::reqwest::header::HeaderMap::new();
    let next_link = |headers: &::reqwest::header::HeaderMap| runtime::next_link(headers);
    headers.append("link", "<https://a.test/x?a=1,2>; rel=\"prev\", <https://a.test/x?p=3>; title=\"n\"; rel=\"last next\"".parse().unwrap());
    assert_eq!(next_link(&headers).as_deref(), Some("https://a.test/x?p=3"));
    headers.clear();
    headers.append("link", "</x?p=2>; REL=next".parse().unwrap());
    assert_eq!(next_link(&headers).as_deref(), Some("/x?p=2"));
    headers.clear();
    headers.append(
        "link",
        "<https://a.test/first>; rel=\"first\"".parse().unwrap(),
    );
    headers.append("link", "<https://a.test/next>; rel=next".parse().unwrap());
    assert_eq!(
        next_link(&headers).as_deref(),
        Some("https://a.test/next"),
        "in any of several headers"
    );
    headers.clear();
    headers.append(
        "link",
        "<https://a.test/nextish>; rel=\"nextish\"".parse().unwrap(),
    );
    assert_eq!(next_link(&headers), None);
}

#[tokio::test]
async fn page_numbers_count_up_to_the_number_of_pages() {
    let server = MockServer::start().await;
    for number in 1..=3 {
        let body = json!({"items": [number], "page_number": number, "page_count": 3});
        page(
            &server,
            query_param("page_number", number.to_string()),
            1,
            body,
        )
        .await;
    }
    let request = Request::new("GET").query(&Param("page_number", 1));
    let paging = Paging::Page {
        param: "page_number",
        count: Some("/page_count"),
        more: None,
        items: Some("/items"),
    };
    assert_eq!(
        items(&client(&server), request, paging).await,
        [json!(1), json!(2), json!(3)]
    );
    assert_eq!(
        queries(&server).await,
        ["page_number=1", "page_number=2", "page_number=3"]
    );
}

#[tokio::test]
async fn page_numbers_start_at_one_and_stop_at_an_empty_page() {
    let server = MockServer::start().await;
    page(
        &server,
        query_param("page", "2"),
        1,
        json!({"items": [2], "hasNext": true}),
    )
    .await;
    page(
        &server,
        query_param("page", "3"),
        1,
        json!({"items": [], "hasNext": true}),
    )
    .await;
    page(
        &server,
        method("GET"),
        2,
        json!({"items": [1], "hasNext": true}),
    )
    .await;
    let paging = Paging::Page {
        param: "page",
        count: None,
        more: Some("/hasNext"),
        items: Some("/items"),
    };
    assert_eq!(
        items(&client(&server), Request::new("GET"), paging).await,
        [json!(1), json!(2)]
    );
    assert_eq!(queries(&server).await, ["", "page=2", "page=3"]);
}

#[tokio::test]
async fn an_offset_skips_what_was_read_until_the_total() {
    let server = MockServer::start().await;
    page(
        &server,
        query_param("offset", "2"),
        1,
        json!({"items": [3, 4], "total_count": 5}),
    )
    .await;
    page(
        &server,
        query_param("offset", "4"),
        1,
        json!({"items": [5], "total_count": 5}),
    )
    .await;
    page(
        &server,
        method("GET"),
        2,
        json!({"items": [1, 2], "total_count": 5}),
    )
    .await;
    let request = Request::new("GET").query(&Param("limit", 2));
    let paging = Paging::Offset {
        param: "offset",
        total: Some("/total_count"),
        items: "/items",
    };
    let got = items(&client(&server), request, paging).await;
    assert_eq!(got, [json!(1), json!(2), json!(3), json!(4), json!(5)]);
    assert_eq!(
        queries(&server).await,
        ["limit=2", "limit=2&offset=2", "limit=2&offset=4"]
    );
}

#[tokio::test]
async fn has_more_starts_after_the_last_item() {
    let server = MockServer::start().await;
    page(
        &server,
        query_param("starting_after", "cus_2"),
        1,
        json!({"data": [{"id": "cus_3"}], "has_more": true}),
    )
    .await;
    page(
        &server,
        query_param("starting_after", "cus_3"),
        1,
        json!({"data": [{"id": "cus_4"}], "has_more": false}),
    )
    .await;
    page(
        &server,
        method("GET"),
        2,
        json!({"data": [{"id": "cus_1"}, {"id": "cus_2"}], "has_more": true}),
    )
    .await;
    let paging = Paging::After {
        more: "/has_more",
        param: "starting_after",
        items: "/data",
    };
    let client = client(&server);
    let call = Call::new(
        &client.transport,
        Request::new("GET").path("/v1/customers"),
        runtime::json::<Value>,
        runtime::no_error_body,
    );
    let ids: Vec<Value> = call
        .pages(paging)
        .items(|page| page["data"].as_array().cloned().unwrap_or_default())
        .map(|item| item.unwrap()["id"].clone())
        .collect()
        .await;
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3", "cus_4"]);
    assert_eq!(
        queries(&server).await,
        ["", "starting_after=cus_2", "starting_after=cus_3"]
    );
}

#[tokio::test]
async fn an_error_page_ends_the_stream_with_its_error() {
    let server = MockServer::start().await;
    Mock::given(query_param("next_page_token", "t2"))
        .respond_with(ResponseTemplate::new(500).set_body_string("down"))
        .with_priority(1)
        .mount(&server)
        .await;
    page(
        &server,
        method("GET"),
        2,
        json!({"items": [1], "next_page_token": "t2"}),
    )
    .await;
    let client = client(&server);
    let call = Call::new(
        &client.transport,
        Request::new("GET"),
        runtime::json::<Value>,
        runtime::no_error_body,
    );
    let paging = Paging::Token {
        next: "/next_page_token",
        param: "next_page_token",
    };
    let items: Vec<_> = call
        .pages(paging)
        .items(|page| page["items"].as_array().cloned().unwrap_or_default())
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap(), &json!(1));
    match &items[1] {
        Err(Error::Api(error)) => assert_eq!(error.status().as_u16(), 500),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_id_that_comes_back_ends_a_has_more_stream() {
    let server = MockServer::start().await;
    // A server that ignores `starting_after`: the same page, which says there are more.
    page(
        &server,
        method("GET"),
        1,
        json!({"data": [{"id": "a"}], "has_more": true}),
    )
    .await;
    let paging = Paging::After {
        more: "/has_more",
        param: "starting_after",
        items: "/data",
    };
    let client = client(&server);
    let call = Call::new(
        &client.transport,
        Request::new("GET"),
        runtime::json::<Value>,
        runtime::no_error_body,
    );
    let pages: Vec<_> = call.pages(paging).collect().await;
    assert_eq!(pages.len(), 2, "the page asked for again is the last");
    assert_eq!(queries(&server).await, ["", "starting_after=a"]);
}
