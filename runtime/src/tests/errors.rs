//! Statuses outside 2xx: the API's error with what the collection documents, and the typed body
//! for documented statuses; the texts users read.

use super::*;
use crate::ApiError;

#[derive(Debug, PartialEq, ::serde::Deserialize, ::serde::Serialize)]
struct Problem {
    code: i64,
    message: String,
}

async fn failed(status: u16, body: &str) -> Error<Problem> {
    let server = serve(status, Some("application/json"), body).await;
    let client = client_of(&server, Config::default());
    Request::new("GET")
        .path("/groups/g")
        .documented(&[(404, "The group does not exist.")])
        .error_doc(409, "The group exists.")
        .call(&client.transport, runtime::unit)
        .with_errors(runtime::json_error::<Problem>)
        .await
        .expect_err("a status outside 2xx")
}

#[tokio::test]
async fn a_documented_status_has_its_typed_body_and_the_apis_code() {
    let body = r#"{"code": 4130, "message": "Group does not exist: g."}"#;
    let error = failed(404, body).await;
    assert_eq!(error.status().unwrap(), 404);
    assert_eq!(
        error.to_string(),
        "HTTP 404 Not Found: Group does not exist: g. (code 4130)"
    );
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.code(), Some(4130));
    assert_eq!(api.message(), Some("Group does not exist: g."));
    assert_eq!(api.documented(), Some("The group does not exist."));
    assert_eq!(
        api.typed(),
        Some(&Problem {
            code: 4130,
            message: "Group does not exist: g.".into()
        })
    );
    assert_eq!(api.body_text(), body);
    check_err::<(), Problem>(Err(error), 404, true, body);
}

#[tokio::test]
async fn an_undocumented_status_keeps_only_the_raw_parts() {
    let error = failed(500, r#"{"error": "boom", "code": "17"}"#).await;
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.typed(), None);
    assert_eq!(api.documented(), None);
    // A code given as a string, and `error` as the message.
    assert_eq!(api.code(), Some(17));
    assert_eq!(
        error.to_string(),
        "HTTP 500 Internal Server Error: boom (code 17)"
    );
    // Without a message or code, what the collection documents is the text.
    let error = failed(404, "not json").await;
    assert_eq!(
        error.to_string(),
        "HTTP 404 Not Found: The group does not exist."
    );
    // Each documented status keeps its own summary.
    assert_eq!(
        failed(409, "").await.to_string(),
        "HTTP 409 Conflict: The group exists."
    );
    let untyped: ApiError = match error.untyped() {
        Error::Api(api) => *api,
        other => panic!("{other:?}"),
    };
    assert_eq!(untyped.typed(), None);
    assert_eq!(untyped.body(), b"not json");
}

#[tokio::test]
async fn execute_refuses_a_status_outside_2xx_too() {
    let server = serve(409, None, "taken").await;
    let client = client_of(&server, Config::default());
    match client.execute(Request::new("PUT")).await {
        Err(Error::Api(api)) => {
            assert_eq!(api.status(), 409);
            assert_eq!(api.body_text(), "taken");
            assert_eq!(api.to_string(), "HTTP 409 Conflict");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn error_texts_say_what_failed() {
    assert_eq!(
        Client::new("not a url").unwrap_err().to_string(),
        "invalid base URL \"not a url\": relative URL without a base"
    );
    let texts: [(Error, &str); 3] = [
        (Error::InvalidRequest("x".into()), "invalid request: x"),
        (Error::Auth("y".into()), "auth failed: y"),
        (
            Error::TooLarge {
                status: ::reqwest::StatusCode::OK,
                limit: 10,
            },
            "the response body (HTTP 200 OK) is larger than 10 bytes; raise the limit with `Client::with_max_body_size`",
        ),
    ];
    for (error, text) in texts {
        assert_eq!(error.to_string(), text);
        assert!(::std::error::Error::source(&error).is_none());
    }
}
