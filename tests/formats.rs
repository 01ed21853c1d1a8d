//! The client generated from `tests/fixtures/formats.json` against a loopback server: each
//! Postman construct, checked by the exact request on the wire.

use formats::bodies::{FormWithVariables, UploadForm, UrlencodedForm};
use formats::query::SearchQuery;
use formats::runtime::File;
use formats::types::{GraphQlVariables, JsonListBodyItem, JsonWithVariables, Meta};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn serve() -> MockServer {
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

async fn received(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "exactly one request is sent");
    requests.remove(0)
}

fn header(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

/// Method, path and query of a request, as one line: `GET /v1/x?y=1`.
fn line(request: &Request) -> String {
    match request.url.query() {
        Some(query) => format!("{} {}?{query}", request.method, request.url.path()),
        None => format!("{} {}", request.method, request.url.path()),
    }
}

/// Every request `server` received, each as [`line`] writes it.
async fn lines(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(line)
        .collect()
}

#[tokio::test]
async fn each_auth_scheme_sends_its_credentials() {
    let server = serve().await;
    let client = client(&server)
        .with_bearer_token("t0k3n")
        .with_basic_auth("ada", "pw")
        .with_api_key("k3y");

    client.auth().bearer_token().await.unwrap();
    client.auth().basic().await.unwrap();
    client.auth().no_auth().await.unwrap();
    client.auth().inherited_api_key().await.unwrap();
    client.auth().api_key_in_query().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    let seen: Vec<(String, Vec<String>, Vec<String>)> = requests
        .iter()
        .map(|r| (line(r), header(r, "authorization"), header(r, "x-api-key")))
        .collect();
    let none = Vec::<String>::new;
    assert_eq!(
        seen,
        [
            (
                "GET /v1/me".into(),
                vec!["Bearer t0k3n".to_string()],
                none()
            ),
            (
                "GET /v1/basic".into(),
                vec!["Basic YWRhOnB3".to_string()],
                none()
            ),
            ("GET /v1/public".into(), none(), none()),
            ("GET /v1/keyed".into(), none(), vec!["k3y".to_string()]),
            ("GET /v1/query-keyed?api_key=k3y".into(), none(), none()),
        ]
    );
}

#[tokio::test]
async fn unimplemented_schemes_go_through_the_hook() {
    let server = serve().await;
    match client(&server).auth().aws_signed().await {
        Err(formats::Error::Auth(message)) => assert_eq!(
            message,
            "this request needs `awsv4` auth: set a hook with `Client::with_auth_hook`"
        ),
        other => panic!("expected an auth error, got {other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());

    let signed = client(&server).with_auth_hook(|scheme, mut request| async move {
        let value = format!("{scheme} signed {}", request.url().path());
        request.headers_mut().insert("x-signature", value.parse()?);
        Ok(request)
    });
    signed.auth().aws_signed().await.unwrap();
    let request = received(&server).await;
    assert_eq!(header(&request, "x-signature"), ["awsv4 signed /v1/signed"]);
}

#[tokio::test]
async fn credentials_do_not_show_in_debug_output() {
    let client = formats::Client::new("https://api.example.test")
        .unwrap()
        .with_bearer_token("secret-token")
        .with_basic_auth("ada", "secret-password")
        .with_api_key("secret-key");
    let debug = format!("{client:?}");
    for secret in ["secret-token", "secret-password", "secret-key"] {
        assert!(!debug.contains(secret), "{debug}");
    }
    assert!(
        debug.contains("ada"),
        "the user name is not a secret: {debug}"
    );
}

#[tokio::test]
async fn path_parameters_and_variables() {
    let server = serve().await;
    let client = client(&server);
    client.paths().get_a_tweet(1234).await.unwrap();
    client.paths().versioned_item("a/b c").await.unwrap();
    client
        .clone()
        .with_version("3")
        .paths()
        .versioned_item("x")
        .await
        .unwrap();
    client.paths().propfind("docs").await.unwrap();
    client.paths().raw_string_url("t1").await.unwrap();
    client.paths().regional_status().await.unwrap();
    let lines = lines(&server).await;
    assert_eq!(
        lines,
        [
            "GET /v1/tweets/1234.json",
            "GET /v1/v2/tenants/acme%20corp/items/a%2Fb%20c",
            "GET /v1/v3/tenants/acme%20corp/items/x",
            "PROPFIND /v1/dav/docs",
            "DELETE /v1/things/t1/",
            "GET /v1/regions/eu-west/status",
        ]
    );
}

#[tokio::test]
async fn a_request_to_another_host_uses_its_variable() {
    let server = serve().await;
    let uploads = serve().await;
    let client = client(&server).with_upload_url(uploads.uri());
    client
        .paths()
        .upload_to_another_host("a.txt")
        .await
        .unwrap();
    assert!(server.received_requests().await.unwrap().is_empty());
    assert_eq!(line(&received(&uploads).await), "PUT /files/a.txt");
    assert_eq!(client.variable("uploadUrl"), Some(uploads.uri().as_str()));
    assert_eq!(
        formats::Client::new(formats::BASE_URL)
            .unwrap()
            .variable("uploadUrl"),
        Some("https://uploads.example.test")
    );
}

#[tokio::test]
async fn a_host_the_collection_writes_out_has_a_setter() {
    let server = serve().await;
    let elsewhere = answer(200, "application/json", br#"{"ok": true}"#).await;
    // Each pinned host is replaced alone; the base URL stays where it was.
    let client = formats::Client::new(&server.uri())
        .unwrap()
        .with_status_host(format!("{}/status-proxy", elsewhere.uri()))
        .with_example_host(elsewhere.uri());
    let health = client.paths().pinned_host().await.unwrap();
    assert_eq!(health.ok, Some(true));
    client.paths().regional_host().await.unwrap();
    client.paths().raw_string_url("t1").await.unwrap();
    let lines = lines(&elsewhere).await;
    assert_eq!(lines, ["GET /status-proxy/v2/health", "GET /ping"]);
    assert_eq!(line(&received(&server).await), "DELETE /things/t1/");
    // Not replaced, the request goes where the collection says (a host this machine cannot
    // resolve, so the error names it).
    let error = formats::Client::new(&server.uri())
        .unwrap()
        .paths()
        .pinned_host()
        .await
        .unwrap_err();
    assert!(
        format!("{error:?}").contains("status.example.test"),
        "{error:?}"
    );
}

#[tokio::test]
async fn query_parameters_are_sent_as_written() {
    let server = serve().await;
    let query = SearchQuery {
        tag: vec!["a".into(), "b c".into()],
        flag: true,
        filter: Some(formats::query::Filter {
            name: vec!["x&y=z".into(), "w".into()],
        }),
        limit: 10,
        page: None,
        cursor: "c+1".into(),
        debug: None,
    };
    client(&server).query().search(&query).await.unwrap();
    // `tenant`, a client variable, is sent where the collection has it, as Postman sends it.
    assert_eq!(
        line(&received(&server).await),
        "GET /v1/search?tag=a&tag=b%20c&flag&filter[name][0]=x%26y%3Dz&filter[name][1]=w&limit=10&tenant=acme%20corp&cursor=c%2B1"
    );
}

#[tokio::test]
async fn headers_constant_variable_and_argument() {
    let server = serve().await;
    client(&server)
        .with_tenant("umbrella")
        .headers()
        .with_headers("42")
        .await
        .unwrap();
    let request = received(&server).await;
    assert_eq!(header(&request, "accept"), ["application/xml"]);
    assert_eq!(header(&request, "x-request-id"), ["req-42"]);
    assert_eq!(header(&request, "x-tenant"), ["umbrella"]);
    assert!(header(&request, "x-disabled").is_empty());
    // Without a body the collection's `Content-Type` is an ordinary header, which Postman
    // sends.
    assert_eq!(header(&request, "content-type"), ["text/plain"]);
}

#[tokio::test]
async fn header_values_with_line_breaks_are_refused() {
    let server = serve().await;
    let result = client(&server)
        .headers()
        .with_headers("1\r\nInjected: yes")
        .await;
    match result {
        Err(formats::Error::InvalidRequest(message)) => assert_eq!(
            message,
            "the value of header `X-Request-Id` is not a valid header value (line breaks are refused)"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn multipart_text_and_file_parts() {
    let server = serve().await;
    let form = UploadForm {
        title: Some("Report".into()),
        count: Some(3),
        file: Some(
            File::new(b"%PDF".to_vec())
                .with_file_name("report.pdf")
                .with_content_type("application/pdf"),
        ),
        attachments: Some(vec![
            File::new(b"a".to_vec()).with_file_name("a.png"),
            File::new(b"b".to_vec()),
        ]),
        note: None,
    };
    client(&server).bodies().upload_form(&form).await.unwrap();
    let request = received(&server).await;
    let content_types = header(&request, "content-type");
    assert_eq!(content_types.len(), 1);
    let boundary = multer::parse_boundary(&content_types[0]).unwrap();
    let mut multipart = multer::Multipart::with_reader(request.body.as_slice(), boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.unwrap() {
        let meta = (
            field.name().unwrap().to_string(),
            field.file_name().map(str::to_string),
            field.content_type().map(|m| m.to_string()),
        );
        parts.push((meta, field.bytes().await.unwrap().to_vec()));
    }
    let part = |name: &str, file: Option<&str>, ty: Option<&str>, body: &[u8]| {
        (
            (
                name.to_string(),
                file.map(str::to_string),
                ty.map(str::to_string),
            ),
            body.to_vec(),
        )
    };
    assert_eq!(
        parts,
        [
            part("title", None, None, b"Report"),
            part("count", None, None, b"3"),
            part("file", Some("report.pdf"), Some("application/pdf"), b"%PDF"),
            part("attachments", Some("a.png"), None, b"a"),
            part("attachments", None, None, b"b"),
        ]
    );
}

#[tokio::test]
async fn bracketed_keys_are_lists_structs_and_maps_sent_as_written() {
    use formats::bodies::{Address, CheckoutSession, CustomerDetails, LineItem};
    let server = serve().await;
    let session = CheckoutSession {
        mode: Some("payment".into()),
        // Three values where the collection shows two: a list, not `expand_0` and `expand_1`.
        expand: vec!["customer".into(), "line_items".into(), "invoice".into()],
        line_items: vec![
            LineItem {
                price: Some("price_1".into()),
                quantity: Some(2),
            },
            LineItem {
                price: Some("price_2".into()),
                quantity: None,
            },
        ],
        customer_details: Some(CustomerDetails {
            address: Some(Address {
                city: Some("Paris".into()),
                line1: None,
            }),
        }),
        metadata: [("order_id".to_string(), "6735".to_string())].into(),
        payment_method_types: vec!["card".into(), "sepa_debit".into()],
        // `discount` and `discount[coupon]` cannot both be one field: both stay as written,
        // and so do keys whose indices have gaps.
        discount: Some("none".into()),
        discount_coupon: None,
        extras_1_name: Some("gap".into()),
        // The collection sends `tax_ids[1]` with `tax_ids[0]` disabled: a list would send the
        // one item as `tax_ids[0]`, so both keys stay as written.
        tax_ids_0: None,
        tax_ids_1: Some("t1".into()),
    };
    client(&server)
        .bodies()
        .checkout_session(&session)
        .status()
        .await
        .unwrap();
    let request = received(&server).await;
    let keys = "mode=payment&expand[0]=customer&expand[1]=line_items&expand[2]=invoice\
         &line_items[0][price]=price_1&line_items[0][quantity]=2&line_items[1][price]=price_2\
         &customer_details[address][city]=Paris&metadata[order_id]=6735\
         &payment_method_types[]=card&payment_method_types[]=sepa_debit&discount=none\
         &extras[1][name]=gap&tax_ids[1]=t1";
    // Postman's runner percent-encodes the brackets of form keys.
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        keys.replace('[', "%5B").replace(']', "%5D")
    );
}

#[tokio::test]
async fn urlencoded_keys_are_encoded_as_postman_sends_them_and_repeat() {
    let server = serve().await;
    let form = UrlencodedForm {
        user: Some(formats::bodies::User {
            name: Some("ada lovelace".into()),
        }),
        scope: vec!["read".into(), "write".into()],
        remember: Some(true),
    };
    client(&server)
        .bodies()
        .urlencoded_form(&form)
        .await
        .unwrap();
    let request = received(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        ["application/x-www-form-urlencoded"]
    );
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "user%5Bname%5D=ada%20lovelace&scope=read&scope=write&remember=true"
    );
}

#[tokio::test]
async fn raw_bodies_carry_their_content_type() {
    let server = serve().await;
    let client = client(&server);
    client.bodies().xml_body("<note/>").await.unwrap();
    client.bodies().text_body("hello").await.unwrap();
    let items = vec![JsonListBodyItem {
        id: 1,
        tags: vec!["x".into()],
        price: 2.5,
        note: None,
    }];
    client.bodies().json_list_body(&items).await.unwrap();
    client
        .bodies()
        .binary_body(vec![0_u8, 159, 146, 150])
        .await
        .unwrap();
    let seen: Vec<(String, Vec<String>, Vec<u8>)> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .map(|r| (line(&r), header(&r, "content-type"), r.body))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "POST /v1/xml".to_string(),
                vec!["application/xml".to_string()],
                b"<note/>".to_vec()
            ),
            (
                "POST /v1/text".to_string(),
                vec!["text/plain".to_string()],
                b"hello".to_vec()
            ),
            (
                "POST /v1/batch".to_string(),
                vec!["application/json".to_string()],
                br#"[{"id":1,"tags":["x"],"price":2.5}]"#.to_vec()
            ),
            (
                "PUT /v1/blob".to_string(),
                vec!["image/png".to_string()],
                vec![0, 159, 146, 150]
            ),
        ]
    );
}

#[tokio::test]
async fn json_fields_holding_variables_default_to_the_clients_variables() {
    // The collection: {"currency": "{{currency}}", "limit": {{limit}}, "code": "{{code}}",
    // "amount": {{amount}}, "meta": {"channel": "{{currency}}", "note": "in {{currency}}"}},
    // with currency = EUR and limit = 25; code and amount have no value.
    let server = serve().await;
    let body = |currency: Option<&str>, limit: Option<i64>| JsonWithVariables {
        currency: currency.map(str::to_string),
        limit,
        code: "C-1".into(),
        amount: Some(serde_json::json!(12.5)),
        meta: Meta {
            channel: None,
            note: "web".into(),
        },
    };
    let calls = [
        (client(&server), body(None, None)),
        (
            client(&server).with_currency("USD").with_limit("50"),
            body(None, None),
        ),
        (
            client(&server).with_currency("USD"),
            body(Some("GBP"), Some(5)),
        ),
    ];
    for (client, body) in calls {
        client.bodies().json_with_variables(&body).await.unwrap();
    }
    let sent: Vec<serde_json::Value> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    let expected = |currency: &str, limit: i64, channel: &str| {
        serde_json::json!({"currency": currency, "limit": limit, "code": "C-1", "amount": 12.5,
            "meta": {"channel": channel, "note": "web"}})
    };
    assert_eq!(
        sent,
        [
            // Left out: the collection's values, typed as it writes them.
            expected("EUR", 25, "EUR"),
            // The client's variables, as set.
            expected("USD", 50, "USD"),
            // The caller's values win.
            expected("GBP", 5, "USD"),
        ]
    );
}

#[tokio::test]
async fn form_fields_holding_variables_default_to_the_clients_variables() {
    // The collection: currency={{currency}} (EUR), amount=5, code={{code}} (no value), and
    // debug={{currency}} disabled, which Postman does not send.
    let server = serve().await;
    let form = |currency: Option<&str>| FormWithVariables {
        currency: currency.map(str::to_string),
        amount: Some(5),
        code: Some("C-1".into()),
        debug: None,
    };
    let calls = [
        (client(&server), form(None)),
        (client(&server).with_currency("USD"), form(None)),
        (client(&server).with_currency("USD"), form(Some("GBP"))),
    ];
    for (client, form) in calls {
        client.bodies().form_with_variables(&form).await.unwrap();
    }
    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    assert_eq!(
        sent,
        [
            "currency=EUR&amount=5&code=C-1",
            "currency=USD&amount=5&code=C-1",
            "currency=GBP&amount=5&code=C-1",
        ]
    );
}

#[tokio::test]
async fn graphql_is_sent_as_postman_sends_it() {
    let server = serve().await;
    let variables = GraphQlVariables {
        episode: "EMPIRE".into(),
        first: 2,
    };
    client(&server).bodies().graph_ql(&variables).await.unwrap();
    let request = received(&server).await;
    assert_eq!(header(&request, "content-type"), ["application/json"]);
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        serde_json::json!({
            "query": "query Hero($episode: String) { hero(episode: $episode) { name } }",
            "variables": {"episode": "EMPIRE", "first": 2}
        })
    );
}

#[tokio::test]
async fn a_folder_named_after_a_path_variable_is_no_handle() {
    let server = serve().await;
    let client = client(&server);
    // `{userId}` holds "Get a user" and the "Meetings" folder: they are the users folder's.
    client.users().list_users().await.unwrap();
    client.users().get_a_user("u1").await.unwrap();
    client.users().meetings().list_meetings("u1").await.unwrap();
    let lines = lines(&server).await;
    assert_eq!(
        lines,
        [
            "GET /v1/users",
            "GET /v1/users/u1",
            "GET /v1/users/u1/meetings"
        ]
    );
}

#[tokio::test]
async fn awkward_names_become_usable_identifiers() {
    let server = serve().await;
    let client = client(&server);
    let names = client.names();
    names.nested().deeper().r#type().await.unwrap();
    names.self_().await.unwrap();
    names._2fa_setup().await.unwrap();
    names.grosse_andern().await.unwrap();
    names.unnamed().await.unwrap();
    // A name taken in the module: the word of its path that tells it apart.
    names.unnamed_punctuation().await.unwrap();
    names.list().await.unwrap();
    names.list_names().await.unwrap();
    names.scripted().await.unwrap();
    let lines = lines(&server).await;
    assert_eq!(
        lines,
        [
            "GET /v1/names/type",
            "GET /v1/names/self",
            "GET /v1/names/2fa",
            "GET /v1/names/size",
            "GET /v1/names/empty",
            "GET /v1/names/punctuation",
            "GET /v1/names/list/1",
            "GET /v1/names/list/2",
            "GET /v1/names/scripted",
        ]
    );
}

async fn answer(status: u16, content_type: &str, body: &[u8]) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_vec(), content_type))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn each_documented_success_status_is_its_own_variant() {
    use formats::responses::CreateJobResponse;
    // Named after what the request creates; the second status's body after the request.
    use formats::types::{CreateJobAccepted, Job};
    let cases: [(u16, &str, CreateJobResponse); 4] = [
        (
            201,
            r#"{"id": 7, "state": "queued"}"#,
            // One example per status: each key is optional (see `required_evidence`).
            CreateJobResponse::Created(Job {
                id: Some(7),
                state: Some("queued".into()),
            }),
        ),
        (
            202,
            r#"{"job_url": "u"}"#,
            CreateJobResponse::Accepted(CreateJobAccepted {
                job_url: Some("u".into()),
            }),
        ),
        (204, "", CreateJobResponse::NoContent),
        // Not documented: kept, not refused.
        (200, "fine", CreateJobResponse::Other(b"fine".to_vec())),
    ];
    for (status, body, expected) in cases {
        let server = answer(status, "application/json", body.as_bytes()).await;
        let response = client(&server).responses().create_job().await.unwrap();
        assert_eq!(response.status().as_u16(), status);
        assert_eq!(response.into_inner(), expected);
    }
}

#[tokio::test]
async fn documented_error_bodies_are_typed_per_status() {
    use formats::responses::CreateJobError;
    // The first error structure is `ErrorBody`, another one is named after the request's entity.
    use formats::types::{Error as ErrorObject, ErrorBody, JobError};
    let server = answer(
        409,
        "application/json",
        br#"{"code": 1001, "message": "job exists"}"#,
    )
    .await;
    let Err(formats::Error::Api(error)) = client(&server).responses().create_job().await else {
        panic!("409 is an API error");
    };
    assert_eq!(
        error.typed(),
        Some(&CreateJobError::Conflict(JobError {
            code: Some(1001),
            message: Some("job exists".into())
        }))
    );
    assert_eq!(error.documented(), Some("Exists"));
    assert_eq!(
        error.to_string(),
        "HTTP 409 Conflict: job exists (code 1001)"
    );

    let server = answer(
        400,
        "application/json",
        br#"{"error": {"message": "bad", "fields": []}}"#,
    )
    .await;
    let Err(formats::Error::Api(error)) = client(&server).responses().create_job().await else {
        panic!("400 is an API error");
    };
    let expected = CreateJobError::BadRequest(ErrorBody {
        error: Some(ErrorObject {
            message: Some("bad".into()),
            fields: Some(vec![]),
        }),
    });
    assert_eq!(error.typed(), Some(&expected));

    // A documented status whose body is not the documented JSON keeps its raw body.
    let server = answer(400, "text/plain", b"proxy says no").await;
    let Err(formats::Error::Api(error)) = client(&server).responses().create_job().await else {
        panic!("400 is an API error");
    };
    assert_eq!(
        (error.typed(), error.body_text().as_ref()),
        (None, "proxy says no")
    );
}

#[tokio::test]
async fn text_and_binary_bodies_are_not_decode_errors() {
    let server = answer(200, "text/csv", b"a,b\n1,2\n").await;
    let report = client(&server).responses().export_report().await.unwrap();
    assert_eq!(report.into_inner(), "a,b\n1,2\n");

    let png = [0x89, b'P', b'N', b'G', 0xff, 0x00];
    let server = answer(200, "image/png", &png).await;
    let logo = client(&server).responses().download_logo().await.unwrap();
    assert_eq!(logo.headers()["content-type"], "image/png");
    assert_eq!(logo.into_inner(), png);
}

#[tokio::test]
async fn data_keyed_objects_are_maps_and_missing_keys_options() {
    let server = answer(
        200,
        "application/json",
        br#"{"2024-03-01": {"views": 1}, "2024-03-02": {"views": 2.5, "note": "peak"}}"#,
    )
    .await;
    let stats = client(&server).responses().stats_by_day().await.unwrap();
    let days: Vec<(&str, Option<f64>, Option<&str>)> = stats
        .iter()
        .map(|(day, s)| {
            (
                day.as_str(),
                s.views,
                s.note.as_ref().and_then(|n| n.as_str()),
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            ("2024-03-01", Some(1.0), None),
            ("2024-03-02", Some(2.5), Some("peak"))
        ]
    );

    let server = answer(200, "application/json", br#"{"events": [{"id": 4}]}"#).await;
    let events = client(&server).responses().list_events().await.unwrap();
    assert_eq!(events.events[0].id, 4);
    assert_eq!(events.events[0].tag, None);
    assert_eq!(events.next, None);
}

#[tokio::test]
async fn scalars_are_typed_from_every_example_and_description() {
    use formats::inference::{InferenceMode, InferenceSort, InferenceState, SearchItemsQuery};
    let server = serve().await;
    // limit: required (its description says so), an integer in both examples; ratio: 0.5 and 2;
    // code: `007` and `12` (a number would lose the leading zero); page: `2` and `last`.
    let query = SearchItemsQuery {
        limit: 25,
        ratio: Some(0.25),
        active: Some(true),
        sort: Some(InferenceSort::Desc),
        code: Some("007".into()),
        count: Some(3),
        page: Some("last".into()),
        state: Some(InferenceState::Other("archived".into())),
    };
    // (The server answers `ok`, which is not the documented JSON list: a decode error.)
    client(&server)
        .inference()
        .search_items(&query)
        .await
        .unwrap_err();
    assert_eq!(
        line(&received(&server).await),
        "GET /v1/items?limit=25&ratio=0.25&active=true&sort=desc&code=007&count=3&page=last&state=archived"
    );
    assert_eq!(InferenceMode::Safe.as_str(), "safe");
}

#[tokio::test]
async fn one_parameter_name_is_one_type_across_the_collection() {
    use formats::inference::MeetingReportQuery;
    let server = serve().await;
    // `meetingId` is `85746065` in its path, but `meeting_id` is `Hh4E+w==` in a query: one
    // concept, so a string in both (an `i64` path argument would refuse the report's ids).
    let id: &str = "Hh4E+w==";
    client(&server)
        .inference()
        .get_meeting(id)
        .status()
        .await
        .unwrap();
    let query = MeetingReportQuery {
        meeting_id: Some(id.to_string()),
    };
    client(&server)
        .inference()
        .meeting_report(&query)
        .status()
        .await
        .unwrap();
    let lines = lines(&server).await;
    assert_eq!(
        lines,
        [
            // `+` and `=` may stay in a path segment, as Postman sends them.
            "GET /v1/meetings/Hh4E+w==",
            "GET /v1/report?meeting_id=Hh4E%2Bw%3D%3D"
        ]
    );
}

#[tokio::test]
async fn a_status_without_a_body_is_not_decoded_whatever_its_example_shows() {
    // The collection's 204 example shows `{}`, as converter-made collections do.
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let deleted = client(&server).responses().delete_job(7).await.unwrap();
    assert_eq!(deleted.status(), 204);
    assert_eq!(line(&received(&server).await), "DELETE /v1/jobs/7");
    // An answer to HEAD has no body either, though its example shows one.
    let server = answer(200, "application/json", b"").await;
    let checked = client(&server).responses().check_job().await.unwrap();
    assert_eq!((checked.status().as_u16(), checked.into_inner()), (200, ()));
    assert_eq!(received(&server).await.method.as_str(), "HEAD");
}

#[tokio::test]
async fn what_the_request_accepts_decides_the_body_over_a_made_up_example() {
    // It asks for a PDF; the example's JSON is no evidence against that.
    let pdf = b"%PDF-1.7\n\xe2\xe3\xcf\xd3";
    let server = answer(200, "application/pdf", pdf).await;
    let invoice = client(&server)
        .responses()
        .download_invoice()
        .await
        .unwrap();
    assert_eq!(invoice.into_inner(), pdf);
    assert_eq!(
        header(&received(&server).await, "accept"),
        ["application/pdf"]
    );
    // Its name says it downloads and its docs say a PDF: bytes, though the example is JSON.
    let server = answer(200, "application/pdf", pdf).await;
    let statement = client(&server)
        .responses()
        .download_a_statement("2024-01")
        .await
        .unwrap();
    assert_eq!(statement.into_inner(), pdf);
    // No saved response, but it asks for JSON: any JSON.
    let server = answer(200, "application/json", br#"{"theme": "dark", "n": [1]}"#).await;
    let settings = client(&server).responses().get_settings().await.unwrap();
    assert_eq!(
        settings.into_inner(),
        serde_json::json!({"theme": "dark", "n": [1]})
    );
}

#[tokio::test]
async fn type_hints_in_examples_are_the_types_they_name() {
    // `"<integer>"` is an integer; `"integer"` and the converter's "schema type not provided"
    // stand for values the example does not show: any JSON, so the API's real values decode.
    let server = answer(
        200,
        "application/json",
        br#"{"count": 3, "mode": 2, "extra": {"a": [1]}}"#,
    )
    .await;
    let locked = client(&server)
        .responses()
        .locked_settings()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(locked.count, Some(3));
    assert_eq!(locked.mode, Some(serde_json::json!(2)));
    assert_eq!(locked.extra, Some(serde_json::json!({"a": [1]})));
}

#[tokio::test]
async fn a_status_documented_with_and_without_a_body_decodes_both() {
    use formats::types::Draft;
    let server = answer(200, "application/json", br#"{"id": 1, "text": "hi"}"#).await;
    let draft = client(&server).responses().get_draft().await.unwrap();
    assert_eq!(
        draft.into_inner(),
        Some(Draft {
            id: Some(1),
            text: Some("hi".into())
        })
    );
    let server = answer(200, "application/json", b"").await;
    let draft = client(&server).responses().get_draft().await.unwrap();
    assert_eq!(draft.into_inner(), None);
}

#[tokio::test]
async fn a_get_is_retried_on_503_and_a_call_can_send_once() {
    use formats::runtime::Retry;
    use std::time::Duration;
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .with_priority(2)
        .mount(&server)
        .await;
    let fast = Retry::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5));
    let client = client(&server).with_bearer_token("t").with_retry(fast);
    let body = client.auth().bearer_token().await.unwrap().into_inner();
    assert_eq!(body, "ok");
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2, "the 503 is retried");
    for request in &sent {
        assert_eq!(line(request), "GET /v1/me");
        assert_eq!(header(request, "authorization"), ["Bearer t"]);
    }
    // One call sends once, and keeps the client's policy for the others.
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let error = client
        .auth()
        .bearer_token()
        .retry(Retry::none())
        .await
        .unwrap_err();
    assert_eq!(error.to_string(), "HTTP 503 Service Unavailable");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
