//! Example responses: how a 2xx body decodes, which statuses are documented errors, and docs.

use super::endpoint::{EndpointContext, at};
use super::lower::{Lowerer, ModuleBuilder};
use super::shape::Shape;
use super::{DocumentedStatus, Success, docs};
use crate::collection::Response;

/// What an endpoint's example responses say.
pub(super) struct Responses {
    /// How a 2xx body is decoded.
    pub success: Success,
    /// The Rust type of a successful result.
    pub returns: String,
    /// Documented non-2xx statuses.
    pub errors: Vec<DocumentedStatus>,
    /// One markdown list item per example.
    pub docs: Vec<String>,
    /// The 2xx JSON bodies as (status, body).
    pub json_examples: Vec<(u16, String)>,
}

/// Reads the example responses of the item in `cx`.
pub(super) fn responses(
    l: &mut Lowerer,
    m: &mut ModuleBuilder,
    cx: &EndpointContext<'_>,
) -> Responses {
    let mut shape: Option<Shape> = None;
    let mut json_examples = Vec::new();
    let mut success_examples = 0;
    let mut text_success = false;
    let mut errors: Vec<DocumentedStatus> = Vec::new();
    let mut lines = Vec::new();
    for (i, response) in cx.item.response.iter().enumerate() {
        let response_at = at(cx.location, &format!("response[{i}]"));
        let Some(code) = response.code else {
            l.warn(&response_at, "example response without `code`; left out");
            continue;
        };
        let summary = response_summary(response, code);
        if (200..300).contains(&code) {
            success_examples += 1;
            match json_body(response) {
                JsonBody::Empty => {}
                JsonBody::Json(value) => {
                    json_examples.push((code, response.body.clone().unwrap_or_default()));
                    let this = Shape::of(&value);
                    shape = Some(match shape.take() {
                        Some(previous) => previous.unify(this),
                        None => this,
                    });
                }
                JsonBody::Text => text_success = true,
                JsonBody::Invalid(e) => {
                    l.warn(
                        &at(&response_at, "body"),
                        format!("declared JSON but does not parse ({e}); not used for typing"),
                    );
                    text_success = true;
                }
            }
            lines.push(format!("- `{code}`: {summary}"));
        } else {
            lines.push(format!("- `{code}` (an `Error::Api`): {summary}"));
            match errors.iter_mut().find(|e| e.code == code) {
                Some(existing) => {
                    existing.summary.push_str("; ");
                    existing.summary.push_str(&docs::plain(&summary));
                }
                None => errors.push(DocumentedStatus {
                    code,
                    summary: docs::plain(&summary),
                }),
            }
        }
    }
    errors.sort_by_key(|e| e.code);
    let (success, returns) = match shape {
        Some(shape) => {
            let docs = format!("The response of `{}`.", cx.name.replace('`', "'"));
            let ty = m
                .types
                .json_type(&shape, &format!("{} response", cx.name), &docs);
            (Success::Json, ty.rust())
        }
        None if success_examples > 0 && !text_success => (Success::Unit, "()".to_string()),
        None => (Success::Text, "::std::string::String".to_string()),
    };
    Responses {
        success,
        returns,
        errors,
        docs: lines,
        json_examples,
    }
}

enum JsonBody {
    Empty,
    Json(serde_json::Value),
    Text,
    Invalid(serde_json::Error),
}

/// Reads an example response body as JSON when it is declared or looks like JSON.
fn json_body(response: &Response) -> JsonBody {
    let body = response.body.as_deref().unwrap_or("");
    if body.trim().is_empty() {
        return JsonBody::Empty;
    }
    let content_type = response
        .header
        .iter()
        .flat_map(|h| h.entries())
        .find(|h| h.key.eq_ignore_ascii_case("content-type"))
        .map(|h| h.value.to_ascii_lowercase());
    let declared = content_type
        .as_deref()
        .is_some_and(|ct| ct.contains("json"))
        || response.preview_language.as_deref() == Some("json");
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(value) if declared || content_type.is_none() => JsonBody::Json(value),
        Ok(_) => JsonBody::Text,
        Err(e) if declared => JsonBody::Invalid(e),
        Err(_) => JsonBody::Text,
    }
}

/// One line saying what an example response means, from its name (Zoom's names repeat the
/// status: "**HTTP Status Code:** `204` <br>\nIM group updated.").
fn response_summary(response: &Response, code: u16) -> String {
    let name = response.name.as_deref().unwrap_or("");
    let text = docs::one_line(name);
    let prefix = format!("**HTTP Status Code:** `{code}`");
    let text = text
        .strip_prefix(&prefix)
        .unwrap_or(&text)
        .trim()
        .to_string();
    if text.is_empty() {
        // The status text is user text too: it gets the same cleanup as the name.
        match response.status.as_deref().map(docs::one_line) {
            Some(status) if !status.is_empty() => status,
            _ => "documented.".into(),
        }
    } else {
        text
    }
}
