//! What a request description sends: path, query, headers, bodies and credentials, exactly.

use super::*;
use crate::runtime::{Auth, File, OrVar, Part};

fn sample() -> Sample {
    Sample {
        key: "a[b][0]",
        value: Some("x&y=z+#%{|}^`'".into()),
        flag: true,
        tags: vec![1, 2],
        ratio: Some(1.5),
        on: false,
        skipped: None,
    }
}

/// The one request `server` received.
async fn received(server: &::wiremock::MockServer) -> ::wiremock::Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("requests are recorded");
    assert_eq!(requests.len(), 1, "one request is sent");
    requests.remove(0)
}

#[tokio::test]
async fn a_path_argument_stays_one_segment() {
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    let request = Request::new("GET")
        .path("/users/")
        .param("id", "a/b c?#é")
        .path("/x");
    client.execute(request).await.expect("a 2xx response");
    let sent = received(&server).await;
    assert_eq!(sent.url.path(), "/users/a%2Fb%20c%3F%23%C3%A9/x");
    check_request(
        &server,
        Wire {
            method: "GET",
            path: &["users", "a/b c?#é", "x"],
            query: &[],
            headers: &[],
            content_type: None,
            body: Body::None,
        },
    )
    .await;
}

#[tokio::test]
async fn a_variable_in_the_path_may_hold_segments_as_postman_substitutes_it() {
    let server = serve(200, None, "").await;
    let mut config = Config::default();
    // A value may name other variables, as in Postman; one it does not know stays as written.
    for (name, value) in [
        ("userPath", "{{root}}/{{userName}}/{{other}}"),
        ("root", "users"),
        ("userName", "ada lovelace"),
    ] {
        config.vars.insert(name.into(), value.into());
    }
    let client = client_of(&server, config);
    let request = Request::new("GET").path("/v1/").path_var("userPath");
    client.execute(request).await.expect("a 2xx response");
    assert_eq!(
        received(&server).await.url.path(),
        "/v1/users/ada%20lovelace/%7B%7Bother%7D%7D"
    );
}

#[tokio::test]
async fn a_segment_urls_resolve_away_is_refused_and_nothing_is_sent() {
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    for value in ["", ".", ".."] {
        let request = Request::new("GET").path("/files/").param("name", value);
        match client.execute(request).await {
            Err(Error::InvalidRequest(message)) => assert_eq!(
                message,
                format!(
                    "path parameter `name` is {value:?}, which cannot be sent as a path segment"
                )
            ),
            other => panic!("{value:?}: {other:?}"),
        }
    }
    // Inside a segment the same values are only text.
    let request = Request::new("GET").path("/files/v").param("name", "..");
    client.execute(request).await.expect("sent");
    assert_eq!(received(&server).await.url.path(), "/files/v..");
}

#[tokio::test]
async fn query_parameters_keep_their_order_keys_and_bare_flags() {
    let server = serve(200, None, "").await;
    let mut config = Config::default();
    config.vars.insert("tenant".into(), "acme corp".into());
    let client = client_of(&server, config);
    let request = Request::new("GET")
        .path("/search")
        .query(&sample())
        .query_var("tenant", "tenant");
    client.execute(request).await.expect("sent");
    let sent = received(&server).await;
    assert_eq!(
        sent.url.query(),
        Some(
            "a[b][0]=x%26y%3Dz%2B%23%25{|}^`%27&flag&tag=1&tag=2&ratio=1.5&on=false&tenant=acme%20corp"
        )
    );
}

#[tokio::test]
async fn the_query_is_sent_in_the_collections_order() {
    let server = serve(200, None, "").await;
    let mut config = Config::default();
    config.vars.insert("tenant".into(), "acme".into());
    config.vars.insert("scope".into(), "all".into());
    let client = client_of(&server, config);
    // The collection has `scope` first and `tenant` between `tag` and `ratio`; `a` stands for
    // `a[b][0]`, and `on`, which the order does not name, goes last.
    let request = Request::new("GET")
        .path("/search")
        .query(&sample())
        .query_var("tenant", "tenant")
        .query_var("scope", "scope")
        .query_order(&["scope", "a", "flag", "tag", "tenant", "ratio"]);
    client.execute(request).await.expect("sent");
    assert_eq!(
        received(&server).await.url.query(),
        Some(
            "scope=all&a[b][0]=x%26y%3Dz%2B%23%25{|}^`%27&flag&tag=1&tag=2&tenant=acme&ratio=1.5&on=false"
        )
    );
}

#[tokio::test]
async fn form_fields_are_encoded_as_postmans_runner_encodes_them() {
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    client
        .execute(Request::new("POST").path("/f").form(&sample()))
        .await
        .expect("sent");
    let sent = received(&server).await;
    assert_eq!(
        String::from_utf8_lossy(&sent.body),
        // newman 6.2.2 encodes all but RFC 3986 "unreserved": brackets too.
        "a%5Bb%5D%5B0%5D=x%26y%3Dz%2B%23%25%7B%7C%7D%5E%60%27&flag&tag=1&tag=2&ratio=1.5&on=false"
    );
    assert_eq!(
        sent.headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
}

/// A multipart body with a text field, a file and a name that tries to end its header.
#[derive(::serde::Serialize)]
struct Upload {
    title: &'static str,
    #[serde(rename = "a\"b\r\nX-Evil: 1")]
    evil: &'static str,
    file: File,
}

#[tokio::test]
async fn multipart_parts_are_written_as_browsers_write_them() {
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    let file = File::new(b"bytes".to_vec())
        .with_file_name("r\u{e9}sum\u{e9}.pdf")
        .with_content_type("application/pdf");
    client
        .execute(Request::new("POST").path("/up").multipart(&Upload {
            title: "Größe \"1\"",
            evil: "v",
            file,
        }))
        .await
        .expect("sent");
    let sent = received(&server).await;
    let body = String::from_utf8_lossy(&sent.body);
    assert!(body.contains("name=\"a%22b%0D%0AX-Evil: 1\""), "{body}");
    assert!(!body.contains("\r\nX-Evil: 1"), "{body}");
    assert!(body.contains("Content-Type: application/pdf"), "{body}");
    check_request(
        &server,
        Wire {
            method: "POST",
            path: &["up"],
            query: &[],
            headers: &[],
            content_type: Some("multipart/form-data"),
            body: Body::Multipart(&[
                ("title", "Größe \"1\"", false),
                ("a\"b\r\nX-Evil: 1", "v", false),
                ("file", "résumé.pdf", true),
            ]),
        },
    )
    .await;
}

/// No field set: no part at all.
#[derive(::serde::Serialize)]
struct Empty;

#[tokio::test]
async fn a_multipart_body_without_parts_is_not_sent() {
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    client
        .execute(Request::new("POST").path("/up").multipart(&Empty))
        .await
        .expect("sent");
    let sent = received(&server).await;
    assert!(sent.body.is_empty());
    assert!(sent.headers.get("content-type").is_none());
}

#[tokio::test]
async fn bodies_carry_their_content_types() {
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    let requests = [
        (
            Request::new("POST").json(&::serde_json::json!({"a": [1, null]})),
            "application/json",
            "{\"a\":[1,null]}",
        ),
        (
            Request::new("POST")
                .json(&::serde_json::json!({}))
                .content_type("application/vnd.api+json"),
            "application/vnd.api+json",
            "{}",
        ),
        (
            Request::new("POST")
                .graphql(Some("{ me { id } }"), Some(&::serde_json::json!({"n": 1}))),
            "application/json",
            "{\"query\":\"{ me { id } }\",\"variables\":{\"n\":1}}",
        ),
        // What the collection does not give is left out, as Postman's runner leaves it out.
        (
            Request::new("POST").graphql::<::serde_json::Value>(Some("{ x }"), None),
            "application/json",
            "{\"query\":\"{ x }\"}",
        ),
        (
            Request::new("POST").graphql::<::serde_json::Value>(None, None),
            "application/json",
            "{}",
        ),
        (
            Request::new("POST")
                .text("<a/>")
                .content_type("application/xml"),
            "application/xml",
            "<a/>",
        ),
        (
            Request::new("PUT").file(b"\x00\x01".to_vec()),
            "application/octet-stream",
            "\u{0}\u{1}",
        ),
    ];
    for (request, content_type, body) in requests {
        client.execute(request).await.expect("sent");
        let mut sent = server.received_requests().await.unwrap();
        let sent = sent.pop().unwrap();
        assert_eq!(sent.headers.get("content-type").unwrap(), content_type);
        assert_eq!(String::from_utf8_lossy(&sent.body), body);
    }
}

#[tokio::test]
async fn json_fields_left_out_take_the_clients_variables() {
    use crate::runtime::JsonVar;
    let server = serve(200, None, "").await;
    let mut config = Config::default();
    for (name, value) in [
        ("code", "A-1"),
        ("amount", "12.5"),
        ("note", "not json"),
        ("id", "7"),
    ] {
        config.vars.insert(name.into(), value.into());
    }
    let client = client_of(&server, config);
    const VARS: &[JsonVar] = &[
        JsonVar::Text("/code", "code"),
        JsonVar::Json("/amount", "amount"),
        JsonVar::Json("/note", "note"),
        JsonVar::Json("/meta/a~1b", "id"),
        JsonVar::Json("/items/0/id", "id"),
        JsonVar::Json("/items/5/id", "id"),
        JsonVar::Json("/list/0/id", "id"),
        JsonVar::Text("/unset", "unset"),
    ];
    let cases = [
        // Left out or `null`: the variables, typed as the collection writes them; an absent
        // object on the way is added, a missing list or list item is not.
        (
            ::serde_json::json!({"amount": null, "items": [{}]}),
            ::serde_json::json!({"amount": 12.5, "code": "A-1", "items": [{"id": 7}], "meta": {"a/b": 7}, "note": "not json"}),
        ),
        // Given: the caller's values.
        (
            ::serde_json::json!({"code": "B", "amount": 3, "note": "n", "meta": {"a/b": 1}, "items": [{"id": 2}]}),
            ::serde_json::json!({"amount": 3, "code": "B", "items": [{"id": 2}], "meta": {"a/b": 1}, "note": "n"}),
        ),
    ];
    for (body, expected) in cases {
        client
            .execute(Request::new("POST").json_with(&body, VARS))
            .await
            .expect("sent");
        let sent = server.received_requests().await.unwrap().pop().unwrap();
        assert_eq!(
            sent.headers.get("content-type").unwrap(),
            "application/json"
        );
        // Compared as values: the order of keys follows serde_json's `preserve_order` feature.
        assert_eq!(
            ::serde_json::from_slice::<::serde_json::Value>(&sent.body).unwrap(),
            expected
        );
    }
}

/// Form fields the collection fills with client variables, in their places.
struct Charge {
    currency: Option<String>,
    amount: i64,
    channel: Option<String>,
}

impl ::serde::Serialize for Charge {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ::serde::ser::SerializeStruct as _;
        let mut out = serializer.serialize_struct("Charge", 3)?;
        out.serialize_field("currency", &OrVar(&self.currency, "currency"))?;
        out.serialize_field("amount", &self.amount)?;
        out.serialize_field("channel", &OrVar(&self.channel, "unset"))?;
        out.end()
    }
}

#[tokio::test]
async fn form_fields_left_out_take_the_clients_variables_in_their_places() {
    let server = serve(200, None, "").await;
    let mut config = Config::default();
    config.vars.insert("currency".into(), "{{code}}".into());
    config.vars.insert("code".into(), "EUR".into());
    let client = client_of(&server, config);
    let left_out = || Charge {
        currency: None,
        amount: 5,
        channel: None,
    };
    let given = Charge {
        currency: Some("GBP".into()),
        amount: 5,
        channel: Some("web".into()),
    };
    for (request, expected) in [
        (
            Request::new("POST").form(&left_out()),
            "currency=EUR&amount=5",
        ),
        (
            Request::new("POST").form(&given),
            "currency=GBP&amount=5&channel=web",
        ),
        // In a query, as `query_var` sends one: last unless `query_order` puts it back, and
        // an error without a value.
        (
            Request::new("GET").query(&Charge {
                channel: Some("web".into()),
                ..left_out()
            }),
            "amount=5&channel=web&currency=EUR",
        ),
    ] {
        client.execute(request).await.expect("sent");
        let sent = server.received_requests().await.unwrap().pop().unwrap();
        let text = match sent.url.query() {
            Some(query) => query.to_string(),
            None => String::from_utf8_lossy(&sent.body).into_owned(),
        };
        assert_eq!(text, expected);
    }
    client
        .execute(Request::new("POST").multipart(&left_out()))
        .await
        .expect("sent");
    let sent = server.received_requests().await.unwrap().pop().unwrap();
    let body = String::from_utf8_lossy(&sent.body);
    assert!(body.contains("name=\"currency\"\r\n\r\nEUR\r\n"), "{body}");
    assert!(!body.contains("channel"), "{body}");
}

#[tokio::test]
async fn a_multipart_body_whose_parts_are_all_unset_variables_is_not_sent() {
    struct OnlyVariable;
    impl ::serde::Serialize for OnlyVariable {
        fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use ::serde::ser::SerializeStruct as _;
            let mut out = serializer.serialize_struct("OnlyVariable", 1)?;
            out.serialize_field("channel", &OrVar(&None::<String>, "unset"))?;
            out.end()
        }
    }
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    client
        .execute(Request::new("POST").multipart(&OnlyVariable))
        .await
        .expect("sent");
    let sent = received(&server).await;
    assert!(sent.body.is_empty());
    assert!(sent.headers.get("content-type").is_none());
}

#[tokio::test]
async fn a_calls_own_header_replaces_the_collections() {
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    let request = Request::new("POST")
        .header("Idempotency-Key", "from-collection")
        .extra_header("idempotency-key", "mine".into());
    client.execute(request).await.expect("sent");
    let sent = received(&server).await;
    let values: Vec<_> = sent.headers.get_all("idempotency-key").iter().collect();
    assert_eq!(values, ["mine"]);
    let bad = Request::new("GET").extra_header("bad name", "x".into());
    assert!(matches!(
        client.execute(bad).await,
        Err(Error::InvalidRequest(_))
    ));
}

#[test]
fn a_value_naming_itself_twice_stops_growing() {
    let text = runtime::substitute("{{a}}", |name| {
        (name == "a").then(|| "{{a}}{{a}}".to_string())
    });
    assert!(text.len() < 4 << 20, "{} bytes", text.len());
    assert!(text.starts_with("{{a}}"));
}

#[tokio::test]
async fn headers_are_made_of_parts_and_a_line_break_is_refused() {
    let server = serve(200, None, "").await;
    let mut config = Config::default();
    config.vars.insert("version".into(), "2".into());
    let client = client_of(&server, config.clone());
    let request = Request::new("GET")
        .header("Accept", "application/json")
        .header_parts(
            "X-Version",
            [
                Part::Lit("v"),
                Part::Var("version"),
                Part::Arg("-beta".into()),
            ],
        );
    client.execute(request).await.expect("sent");
    let sent = received(&server).await;
    assert_eq!(sent.headers.get("x-version").unwrap(), "v2-beta");
    assert_eq!(sent.headers.get("accept").unwrap(), "application/json");

    let request = Request::new("GET").header_parts("X-Id", [Part::Arg("a\r\nX-Evil: 1".into())]);
    match client.execute(request).await {
        Err(Error::InvalidRequest(message)) => assert_eq!(
            message,
            "the value of header `X-Id` is not a valid header value (line breaks are refused)"
        ),
        other => panic!("{other:?}"),
    }
    let request = Request::new("GET").path_var("missing");
    match client.execute(request).await {
        Err(Error::InvalidRequest(message)) => assert_eq!(
            message,
            "client variable `missing` has no value: set it on the client"
        ),
        other => panic!("{other:?}"),
    }
    // Neither refused request reached the server.
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn credentials_go_where_each_request_says() {
    let server = serve(200, None, "").await;
    let config = Config {
        bearer_token: secret("t0ken"),
        basic: Some(("user".into(), Secret("pa:ss".into()))),
        api_key: secret("k&y"),
        ..Config::default()
    };
    let client = client_of(&server, config);
    let cases = [
        (Auth::Bearer, Some(("authorization", "Bearer t0ken")), None),
        (
            Auth::Basic,
            Some(("authorization", "Basic dXNlcjpwYTpzcw==")),
            None,
        ),
        (Auth::ApiKeyHeader("X-Key"), Some(("x-key", "k&y")), None),
        (Auth::ApiKeyQuery("key"), None, Some("key=k%26y")),
        (Auth::None, None, None),
    ];
    for (auth, header, query) in cases {
        client
            .execute(Request::new("GET").path("/a").auth(auth))
            .await
            .expect("sent");
        let sent = server.received_requests().await.unwrap().pop().unwrap();
        match header {
            Some((name, value)) => assert_eq!(sent.headers.get(name).unwrap(), value),
            None => assert!(sent.headers.get("authorization").is_none()),
        }
        assert_eq!(sent.url.query(), query);
    }
}

#[tokio::test]
async fn a_hook_signs_the_requests_of_its_scheme() {
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    match client
        .execute(Request::new("GET").auth(Auth::Hook("awsv4")))
        .await
    {
        Err(Error::Auth(message)) => assert_eq!(
            message,
            "this request needs `awsv4` auth: set a hook with `Client::with_auth_hook`"
        ),
        other => panic!("{other:?}"),
    }
    let config = Config {
        hook: Some(::std::sync::Arc::new(
            |scheme: &'static str, mut request: ::reqwest::Request| {
                ::std::boxed::Box::pin(async move {
                    if scheme == "digest" {
                        return Err("no nonce".into());
                    }
                    request
                        .headers_mut()
                        .insert("x-signed", scheme.parse().expect("a header value"));
                    Ok(request)
                }) as runtime::HookFuture
            },
        )),
        ..Config::default()
    };
    let client = client_of(&server, config);
    client
        .execute(Request::new("GET").auth(Auth::Hook("awsv4")))
        .await
        .expect("sent");
    assert_eq!(
        received(&server).await.headers.get("x-signed").unwrap(),
        "awsv4"
    );
    match client
        .execute(Request::new("GET").auth(Auth::Hook("digest")))
        .await
    {
        Err(Error::Auth(message)) => assert_eq!(message, "the `digest` auth hook failed: no nonce"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn another_host_comes_from_its_parts() {
    let server = serve(200, None, "").await;
    let mut config = Config::default();
    config.vars.insert("uploads".into(), server.uri());
    // The client's base URL is elsewhere: only the request's host reaches the server.
    let mut client = client_of(&server, config);
    client.transport.base_url = ::reqwest::Url::parse("http://127.0.0.1:9/unused").unwrap();
    client
        .execute(Request::new("GET").host([Part::Var("uploads")]).path("/u"))
        .await
        .expect("sent");
    assert_eq!(received(&server).await.url.path(), "/u");
}

#[tokio::test]
async fn a_pinned_host_is_sent_as_written_unless_replaced() {
    let server = serve(200, None, "").await;
    let pinned = || {
        Request::new("GET")
            .replaceable_host(
                "https://studio.example.test",
                [Part::Lit("https://studio.example.test")],
            )
            .path("/v1/flows")
    };
    // Without a replacement the written host is used: here one that cannot be reached.
    let client = client_of(&server, Config::default());
    match client.execute(pinned()).await {
        Err(Error::Transport(error)) => {
            assert!(error.to_string().contains("studio.example.test"), "{error}")
        }
        other => panic!("{other:?}"),
    }
    // Replaced, with a path that comes before the request's.
    let mut config = Config::default();
    config.hosts.insert(
        "https://studio.example.test",
        format!("{}/proxy/", server.uri()),
    );
    let client = client_of(&server, config);
    client.execute(pinned()).await.expect("sent");
    assert_eq!(received(&server).await.url.path(), "/proxy/v1/flows");
    // A replacement that is no URL is refused when the request is sent.
    let mut config = Config::default();
    config
        .hosts
        .insert("https://studio.example.test", "not a url".into());
    match client_of(&server, config).execute(pinned()).await {
        Err(Error::InvalidRequest(message)) => assert_eq!(
            message,
            "the host \"not a url\" is not a valid URL: relative URL without a base"
        ),
        other => panic!("{other:?}"),
    }
}

/// Stripe-style keys: a list sent with indices, a struct and a map under bracketed keys, as
/// postgen derives them.
#[derive(::serde::Serialize)]
struct Order {
    #[serde(serialize_with = "crate::runtime::indexed")]
    line_items: Vec<LineItem>,
    #[serde(serialize_with = "crate::runtime::indexed")]
    expand: Vec<String>,
    metadata: ::std::collections::BTreeMap<String, String>,
    address: Option<Address>,
}

#[derive(::serde::Serialize)]
struct LineItem {
    price: String,
    quantity: Option<i64>,
    #[serde(serialize_with = "crate::runtime::indexed")]
    tax_rates: Vec<String>,
}

#[derive(::serde::Serialize)]
struct Address {
    city: String,
}

#[tokio::test]
async fn nested_and_indexed_keys_are_sent_as_postman_writes_them() {
    let order = Order {
        line_items: vec![
            LineItem {
                price: "p1".into(),
                quantity: Some(2),
                tax_rates: vec!["t1".into()],
            },
            LineItem {
                price: "p2".into(),
                quantity: None,
                tax_rates: vec![],
            },
        ],
        expand: vec!["a".into(), "b".into(), "c".into()],
        metadata: [("order id".to_string(), "6735".to_string())].into(),
        address: Some(Address {
            city: "Paris".into(),
        }),
    };
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    client
        .execute(
            Request::new("POST")
                .path("/orders")
                .query(&order)
                .form(&order),
        )
        .await
        .expect("sent");
    let sent = received(&server).await;
    let expected = "line_items[0][price]=p1&line_items[0][quantity]=2&line_items[0][tax_rates][0]=t1\
                    &line_items[1][price]=p2&expand[0]=a&expand[1]=b&expand[2]=c\
                    &metadata[order%20id]=6735&address[city]=Paris";
    assert_eq!(sent.url.query(), Some(expected));
    // The same keys in a form, which Postman's runner percent-encodes brackets and all.
    let form = expected.replace('[', "%5B").replace(']', "%5D");
    assert_eq!(String::from_utf8_lossy(&sent.body), form);
}

/// The wire values of an enum, numbers of every width, an unset nested struct and a map with
/// number keys, as the client's derived structs hold them.
#[derive(::serde::Serialize)]
struct Typed {
    status: Vec<Status>,
    #[serde(rename = "page[size]")]
    page_size: u8,
    ratio: f32,
    big: f64,
    #[serde(serialize_with = "crate::runtime::flag")]
    off: bool,
    filter: Option<Address>,
    by_year: ::std::collections::BTreeMap<i64, bool>,
}

#[derive(::serde::Serialize)]
enum Status {
    #[serde(rename = "in progress")]
    InProgress,
    #[serde(untagged)]
    Other(String),
}

#[tokio::test]
async fn derived_fields_are_written_as_their_wire_values() {
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    let typed = Typed {
        status: vec![Status::InProgress, Status::Other("new?".into())],
        page_size: 50,
        ratio: 0.1,
        big: 1e21,
        off: false,
        filter: None,
        by_year: [(2024, true), (-1, false)].into(),
    };
    client
        .execute(Request::new("GET").query(&typed))
        .await
        .expect("sent");
    // Each as `to_string` writes it, as the numbers of a Postman collection are text: `0.1`
    // for the `f32`, not its `f64` widening.
    assert_eq!(
        received(&server).await.url.query(),
        Some(
            "status=in%20progress&status=new?&page[size]=50&ratio=0.1&big=1000000000000000000000\
             &by_year[-1]=false&by_year[2024]=true"
        )
    );
}

#[tokio::test]
async fn a_value_that_is_not_a_set_of_fields_fails_the_request_with_why() {
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    for request in [
        Request::new("GET").query(&5),
        Request::new("POST").form(&"text"),
        Request::new("POST").multipart(&[1, 2]),
    ] {
        match client.execute(request).await {
            Err(Error::InvalidRequest(message)) => {
                assert_eq!(message, "a single value is not a set of fields")
            }
            other => panic!("{other:?}"),
        }
    }
    // A file is a multipart part, not a query parameter or form field.
    #[derive(::serde::Serialize)]
    struct Attach {
        doc: File,
    }
    let attach = Attach {
        doc: File::new(b"%PDF".to_vec()),
    };
    for request in [
        Request::new("GET").query(&attach),
        Request::new("POST").form(&attach),
    ] {
        match client.execute(request).await {
            Err(Error::InvalidRequest(message)) => {
                assert!(message.contains("`doc` cannot be a file"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
