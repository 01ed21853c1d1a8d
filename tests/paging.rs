//! Paging of the client generated from `tests/fixtures/formats.json`: each style its saved
//! responses show, over three pages from a loopback server, through the generated `_pages`
//! and `_items` methods. The requests for the next pages are checked on the wire.

use formats::paging::{
    ListCustomersQuery, ListEntriesQuery, ListEnvelopesQuery, ListMeetingsQuery, ListRecordsQuery,
    ListReposQuery,
};
use futures_util::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{any, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> formats::Client {
    formats::Client::new(&format!("{}/v1", server.uri())).unwrap()
}

/// Answers requests with `name=value` in their query with `body`, ahead of the first page.
async fn page_at(server: &MockServer, name: &str, value: &str, body: Value) {
    Mock::given(query_param(name, value))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .with_priority(1)
        .mount(server)
        .await;
}

/// Answers every other request with `body`: the first page.
async fn first_page(server: &MockServer, template: ResponseTemplate) {
    Mock::given(any())
        .respond_with(template)
        .with_priority(2)
        .mount(server)
        .await;
}

/// Path and query of each request the server received, in order.
async fn sent(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| match r.url.query() {
            Some(query) => format!("{}?{query}", r.url.path()),
            None => r.url.path().to_string(),
        })
        .collect()
}

#[tokio::test]
async fn next_page_tokens_are_sent_back() {
    let server = MockServer::start().await;
    let meeting = |id: i64| json!({"id": id, "topic": "Standup"});
    page_at(
        &server,
        "next_page_token",
        "p2",
        json!({"next_page_token": "p3", "meetings": [meeting(3)]}),
    )
    .await;
    page_at(
        &server,
        "next_page_token",
        "p3",
        json!({"next_page_token": "", "meetings": [meeting(4)]}),
    )
    .await;
    first_page(
        &server,
        ResponseTemplate::new(200)
            .set_body_json(json!({"next_page_token": "p2", "meetings": [meeting(1), meeting(2)]})),
    )
    .await;
    let query = ListMeetingsQuery {
        page_size: Some(2),
        ..Default::default()
    };
    let ids: Vec<i64> = client(&server)
        .paging()
        .list_meetings_items(&query)
        .map(|meeting| meeting.unwrap().id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, [1, 2, 3, 4]);
    assert_eq!(
        sent(&server).await,
        [
            "/v1/meetings?page_size=2",
            "/v1/meetings?page_size=2&next_page_token=p2",
            "/v1/meetings?page_size=2&next_page_token=p3"
        ]
    );
}

#[tokio::test]
async fn next_uris_are_followed() {
    let server = MockServer::start().await;
    let next = format!("{}/v1/envelopes?count=2&start_position=3", server.uri());
    page_at(
        &server,
        "start_position",
        "2",
        json!({"envelopes": [{"envelopeId": "e3"}], "nextUri": next}),
    )
    .await;
    page_at(
        &server,
        "start_position",
        "3",
        json!({"envelopes": [{"envelopeId": "e4"}], "nextUri": null}),
    )
    .await;
    first_page(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({
            "envelopes": [{"envelopeId": "e1"}, {"envelopeId": "e2"}],
            "nextUri": "/v1/envelopes?count=2&start_position=2"
        })),
    )
    .await;
    let query = ListEnvelopesQuery { count: Some(2) };
    let pages: Vec<_> = client(&server)
        .paging()
        .list_envelopes_pages(&query)
        .collect()
        .await;
    let ids: Vec<Vec<String>> = pages
        .into_iter()
        .map(|page| {
            page.unwrap()
                .into_inner()
                .envelopes
                .unwrap()
                .into_iter()
                .map(|e| e.envelope_id.unwrap())
                .collect()
        })
        .collect();
    assert_eq!(ids, [vec!["e1", "e2"], vec!["e3"], vec!["e4"]]);
    assert_eq!(
        sent(&server).await,
        [
            "/v1/envelopes?count=2",
            "/v1/envelopes?count=2&start_position=2",
            "/v1/envelopes?count=2&start_position=3"
        ]
    );
}

#[tokio::test]
async fn link_headers_are_followed() {
    let server = MockServer::start().await;
    let link = |page: u32| {
        format!(
            "<{}/v1/repos?per_page=1&page={page}>; rel=\"next\"",
            server.uri()
        )
    };
    let repo = |id: i64| json!([{"id": id, "name": "postgen"}]);
    let answer = |body: Value| ResponseTemplate::new(200).set_body_json(body);
    Mock::given(query_param("page", "2"))
        .respond_with(answer(repo(2)).insert_header("link", link(3).as_str()))
        .with_priority(1)
        .mount(&server)
        .await;
    page_at(&server, "page", "3", repo(3)).await;
    first_page(
        &server,
        answer(repo(1)).insert_header("link", link(2).as_str()),
    )
    .await;
    let query = ListReposQuery { per_page: Some(1) };
    let ids: Vec<i64> = client(&server)
        .paging()
        .list_repos_items(&query)
        .map(|repo| repo.unwrap().id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(
        sent(&server).await,
        [
            "/v1/repos?per_page=1",
            "/v1/repos?per_page=1&page=2",
            "/v1/repos?per_page=1&page=3"
        ]
    );
}

#[tokio::test]
async fn page_numbers_count_up_to_the_page_count() {
    let server = MockServer::start().await;
    for number in 2..=3 {
        page_at(
            &server,
            "pageNumber",
            &number.to_string(),
            json!({"pageCount": 3, "records": [{"id": number}]}),
        )
        .await;
    }
    first_page(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({"pageCount": 3, "records": [{"id": 1}]})),
    )
    .await;
    let query = ListRecordsQuery {
        page_number: Some(1),
        page_size: Some(1),
    };
    let ids: Vec<i64> = client(&server)
        .paging()
        .list_records_items(&query)
        .map(|record| record.unwrap().id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(
        sent(&server).await,
        [
            "/v1/records?pageNumber=1&pageSize=1",
            "/v1/records?pageNumber=2&pageSize=1",
            "/v1/records?pageNumber=3&pageSize=1"
        ]
    );
}

#[tokio::test]
async fn offsets_skip_what_was_read_until_the_total() {
    let server = MockServer::start().await;
    let entries = |ids: &[&str]| ids.iter().map(|id| json!({"id": id})).collect::<Vec<_>>();
    page_at(
        &server,
        "offset",
        "2",
        json!({"total_count": 5, "entries": entries(&["3", "4"])}),
    )
    .await;
    page_at(
        &server,
        "offset",
        "4",
        json!({"total_count": 5, "entries": entries(&["5"])}),
    )
    .await;
    first_page(
        &server,
        ResponseTemplate::new(200)
            .set_body_json(json!({"total_count": 5, "entries": entries(&["1", "2"])})),
    )
    .await;
    let query = ListEntriesQuery {
        limit: Some(2),
        ..Default::default()
    };
    let ids: Vec<String> = client(&server)
        .paging()
        .list_entries_items(&query)
        .map(|entry| entry.unwrap().id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    assert_eq!(
        sent(&server).await,
        [
            "/v1/entries?limit=2",
            "/v1/entries?limit=2&offset=2",
            "/v1/entries?limit=2&offset=4"
        ]
    );
}

#[tokio::test]
async fn has_more_pages_start_after_the_last_item() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], more: bool| json!({"object": "list", "has_more": more, "data": ids.iter().map(|id| json!({"id": id})).collect::<Vec<_>>()});
    page_at(&server, "starting_after", "cus_2", page(&["cus_3"], true)).await;
    page_at(&server, "starting_after", "cus_3", page(&["cus_4"], false)).await;
    first_page(
        &server,
        ResponseTemplate::new(200).set_body_json(page(&["cus_1", "cus_2"], true)),
    )
    .await;
    let query = ListCustomersQuery {
        limit: Some(2),
        ..Default::default()
    };
    let ids: Vec<String> = client(&server)
        .paging()
        .list_customers_items(&query)
        .map(|customer| customer.unwrap().id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3", "cus_4"]);
    assert_eq!(
        sent(&server).await,
        [
            "/v1/customers?limit=2",
            "/v1/customers?limit=2&starting_after=cus_2",
            "/v1/customers?limit=2&starting_after=cus_3"
        ]
    );
}

#[tokio::test]
async fn a_failing_page_ends_the_items_with_its_error() {
    let server = MockServer::start().await;
    Mock::given(query_param("next_page_token", "p2"))
        .respond_with(ResponseTemplate::new(429).set_body_string("slow down"))
        .with_priority(1)
        .mount(&server)
        .await;
    first_page(
        &server,
        ResponseTemplate::new(200)
            .set_body_json(json!({"next_page_token": "p2", "meetings": [{"id": 1}]})),
    )
    .await;
    let client = client(&server).with_retry(formats::runtime::Retry::none());
    let items: Vec<_> = client
        .paging()
        .list_meetings_items(&ListMeetingsQuery::default())
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().id, Some(1));
    assert_eq!(
        items[1].as_ref().unwrap_err().to_string(),
        "HTTP 429 Too Many Requests"
    );
}
