//! Raw bodies as Postman's runner sends them, read wherever the lowering needs a raw body's
//! text: the body's type, the example calls and the expected wire requests, and samples.

use std::borrow::Cow;

use crate::collection::{Body, Request};
use crate::text::json_comments;

/// The first enabled `Content-Type` header of `request`, as written.
pub(super) fn content_type_of(request: &Request) -> Option<String> {
    let headers = request.header.as_ref()?.entries();
    headers
        .into_iter()
        .find(|h| !h.disabled && h.key.trim().eq_ignore_ascii_case("content-type"))
        .map(|h| h.value.trim().to_string())
}

/// The text of a `raw` body as Postman's runner sends it: comments removed when the body is
/// JSON by its language, or has no language and no `Content-Type` but a JSON one.
pub(super) fn raw_as_sent<'a>(body: &'a Body, content_type: Option<&str>) -> Cow<'a, str> {
    let raw = body.raw.as_deref().unwrap_or("");
    let language = body
        .options
        .as_ref()
        .and_then(|o| o.raw.as_ref())
        .and_then(|r| r.language.as_deref());
    let json = match language {
        Some(language) => language == "json",
        // postman-runtime's test: /^application\/(\S+\+)?json/
        None => content_type.is_none_or(|ct| {
            ct.strip_prefix("application/").is_some_and(|rest| {
                rest.starts_with("json")
                    || rest
                        .split_whitespace()
                        .next()
                        .is_some_and(|word| word.contains("+json"))
            })
        }),
    };
    match json {
        true => json_comments::strip(raw),
        false => Cow::Borrowed(raw),
    }
}
