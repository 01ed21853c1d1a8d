//! How an endpoint's call decodes a 2xx response: as JSON, text, bytes or nothing, keeping the
//! status and headers; a body that is not the documented JSON is an error that keeps the body.

use super::*;

#[derive(Debug, PartialEq, ::serde::Deserialize, ::serde::Serialize)]
struct Group {
    id: String,
    total: i64,
}

#[tokio::test]
async fn a_json_body_decodes_with_its_status_and_headers() {
    let server = serve(201, Some("application/json"), r#"{"id": "g1", "total": 3}"#).await;
    let client = client_of(&server, Config::default());
    let response: Response<Group> = call_json(&client, Request::new("POST").path("/groups"))
        .await
        .expect("the body decodes");
    assert_eq!(response.status(), 201);
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "application/json"
    );
    // The response dereferences to the value.
    assert_eq!(response.total, 3);
    check_ok::<Group, runtime::Undocumented>(
        Ok(response),
        201,
        Check::Json,
        r#"{"id": "g1", "total": 3}"#,
    );
}

#[tokio::test]
async fn a_body_that_is_not_the_documented_json_is_a_decode_error() {
    let server = serve(200, Some("application/json"), r#"{"id": 7}"#).await;
    let client = client_of(&server, Config::default());
    match call_json::<Group>(&client, Request::new("GET")).await {
        Err(error @ Error::Decode { .. }) => {
            assert_eq!(error.status().unwrap(), 200);
            assert_eq!(
                error.to_string(),
                "unexpected response body (HTTP 200 OK): invalid type: integer `7`, expected a string at line 1 column 8"
            );
            let Error::Decode { body, .. } = error else {
                unreachable!()
            };
            assert_eq!(body, r#"{"id": 7}"#);
        }
        other => panic!("{other:?}"),
    }
}

/// A struct every field of which may be left out, as postgen makes one from a single example.
#[derive(Debug, PartialEq, ::serde::Deserialize)]
struct Tolerant {
    #[serde(default)]
    id: Option<String>,
}

#[tokio::test]
async fn an_empty_body_where_json_is_documented_is_no_value_or_a_typed_error() {
    let server = serve(200, Some("application/json"), "  ").await;
    let client = client_of(&server, Config::default());
    // Types that can be empty are: any JSON is `null`, an option `None`, a struct of options
    // has nothing in it.
    let any = get(&client, runtime::json::<::serde_json::Value>)
        .await
        .unwrap();
    assert_eq!(any.into_inner(), ::serde_json::Value::Null);
    let option = get(&client, runtime::json::<Option<Group>>).await.unwrap();
    assert_eq!(option.into_inner(), None);
    let tolerant = get(&client, runtime::json::<Tolerant>).await.unwrap();
    assert_eq!(tolerant.into_inner(), Tolerant { id: None });
    // A struct with a required field cannot: a success without a value, not a decode error.
    match get(&client, runtime::json::<Group>).await {
        Err(error @ Error::EmptyBody { .. }) => {
            assert_eq!(error.status().unwrap(), 200);
            assert_eq!(
                error.to_string(),
                "the response (HTTP 200 OK) has no body, where the collection documents JSON"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A GET through `client` whose 2xx body `decoder` reads, as an endpoint method makes it.
fn get<T>(client: &Client, decoder: runtime::Decoder<T>) -> runtime::Call<'_, T> {
    runtime::Call::new(
        &client.transport,
        Request::new("GET"),
        decoder,
        runtime::no_error_body,
    )
}

#[tokio::test]
async fn text_bytes_and_empty_bodies() {
    let server = serve(200, Some("text/csv"), "a,b\n1,\u{e9}").await;
    let client = client_of(&server, Config::default());
    let text = get(&client, runtime::text).await.unwrap();
    assert_eq!(text.into_inner(), "a,b\n1,\u{e9}");
    let bytes = get(&client, runtime::bytes).await.unwrap();
    assert_eq!(bytes.into_inner(), "a,b\n1,\u{e9}".as_bytes());
    let (status, _, ()) = get(&client, runtime::unit)
        .send()
        .await
        .unwrap()
        .into_parts();
    assert_eq!(status, 200);

    // Invalid UTF-8 is replaced in text, kept in bytes.
    let server = ::wiremock::MockServer::start().await;
    ::wiremock::Mock::given(::wiremock::matchers::any())
        .respond_with(::wiremock::ResponseTemplate::new(200).set_body_bytes(vec![b'a', 0xff]))
        .mount(&server)
        .await;
    let client = client_of(&server, Config::default());
    let text = get(&client, runtime::text).await.unwrap();
    assert_eq!(text.into_inner(), "a\u{fffd}");
    let bytes = get(&client, runtime::bytes).await.unwrap();
    assert_eq!(bytes.into_inner(), [b'a', 0xff]);
}

#[test]
fn a_saved_example_round_trips_through_its_type() {
    round_trip::<Group>(r#"{"id": "g", "total": 1, "ignored": null}"#);
    assert_eq!(
        normalized(::serde_json::json!({"a": null, "b": [2.0, 2.5], "c": {"d": null}})),
        ::serde_json::json!({"b": [2, 2.5], "c": {}})
    );
}

/// What every generated JSON type with optional fields carries: a `None` field is left out of
/// what is sent (not sent as `null`), an absent key reads as `None`, and `rename_all` names the
/// rest as the API writes them.
#[runtime::skip_serializing_none]
#[derive(Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Optional {
    account_id: ::std::option::Option<::std::string::String>,
    page_size: ::std::option::Option<i64>,
    #[serde(rename = "x_note")]
    note: ::std::option::Option<::std::string::String>,
}

#[test]
fn a_none_field_is_left_out_and_an_absent_key_is_none() {
    let value = Optional {
        account_id: Some("a1".into()),
        page_size: None,
        note: None,
    };
    assert_eq!(
        ::serde_json::to_string(&value).unwrap(),
        r#"{"accountId":"a1"}"#
    );
    let read: Optional = ::serde_json::from_str(r#"{"x_note": "n"}"#).unwrap();
    assert_eq!(
        read,
        Optional {
            account_id: None,
            page_size: None,
            note: Some("n".into()),
        }
    );
}
