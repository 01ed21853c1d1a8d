//! Unit tests of the runtime, through its public API against loopback servers: what a request
//! sends ([`encoding`]), how responses decode ([`decoding`]), errors ([`errors`]), what never
//! shows a credential ([`redaction`]), reading bodies: the size limit and streaming
//! ([`bodies`]), sending again ([`retries`]), Postman's dynamic variables ([`dynamic`]),
//! streams of pages ([`paging`]), OAuth 2.0 tokens ([`oauth2`]), the computed auth schemes
//! ([`signing`]), the hooks and spans around each request ([`hooks`]), blocking calls
//! ([`blocking`]) and the collection's scripts ([`scripts`], [`script_numbers`],
//! [`script_text`]).
//! Requests are checked with the harness every generated test uses.

mod blocking;
mod bodies;
mod decoding;
mod dynamic;
mod encoding;
mod errors;
mod hooks;
mod oauth2;
mod paging;
mod redaction;
mod retries;
mod script_numbers;
mod script_text;
mod scripts;
mod signing;

use crate::runtime::{self, Config, Fields, Params, Request, Secret};
use crate::{Client, Error, Response};
// The harness, at the crate root as in a generated test crate.
use crate::{Body, Check, Wire, check_err, check_ok, check_request, normalized, round_trip, serve};

/// A client of `server` with `config`.
fn client_of(server: &::wiremock::MockServer, config: Config) -> Client {
    let mut client = Client::new(&server.uri()).expect("the server's URL is a base URL");
    client.transport.config = config;
    client
}

/// Sends `request` through a [`runtime::Call`] decoding JSON, as an endpoint method does.
async fn call_json<T: ::serde::de::DeserializeOwned + Send + 'static>(
    client: &Client,
    request: Request,
) -> Result<Response<T>, Error> {
    runtime::Call::new(
        &client.transport,
        request,
        runtime::json::<T>,
        runtime::no_error_body,
    )
    .await
}

/// A secret credential.
fn secret(text: &str) -> Option<Secret> {
    Some(Secret(text.to_string()))
}

/// Query parameters or form fields as a generated params struct writes them.
struct Sample {
    key: &'static str,
    value: Option<String>,
    flag: bool,
    tags: Vec<i64>,
    ratio: Option<f64>,
    on: bool,
    skipped: Option<String>,
}

/// Written by hand, as postgen writes a struct with a field left to a client variable: here
/// for the key that is not a field name.
impl ::serde::Serialize for Sample {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ::serde::ser::SerializeStruct as _;
        let mut out = serializer.serialize_struct("Sample", 6)?;
        out.serialize_field(self.key, &self.value)?;
        out.serialize_field("flag", &crate::runtime::Flag(self.flag))?;
        out.serialize_field("tag", &self.tags)?;
        out.serialize_field("ratio", &self.ratio)?;
        out.serialize_field("on", &self.on)?;
        out.serialize_field("skipped", &self.skipped)?;
        out.end()
    }
}
