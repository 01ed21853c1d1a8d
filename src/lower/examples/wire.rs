//! The request Postman sends for an example's values: what a generated test expects on the
//! wire. It is read from the collection's request by Postman's rules (variables resolved,
//! disabled entries and type hints in typed fields left out), not from the generated code.

use super::{ExampleRequest, file_name, file_sources};
use crate::collection::Body;
use crate::lower::context::Lowering;
use crate::lower::infer::scalar::is_placeholder;
use crate::model::calls::{TEST_API_KEY, TEST_BASIC, TEST_TOKEN, WireBody};
use crate::model::{AuthUse, BodyKind, Endpoint, Piece};

impl ExampleRequest<'_> {
    pub(super) fn query_pairs(&self, endpoint: &Endpoint) -> Vec<(String, Option<String>)> {
        let mut pairs = self.enabled_query();
        pairs.retain(|(key, value)| !self.is_omitted(key, value.as_deref()));
        if let AuthUse::ApiKey {
            name,
            in_query: true,
        } = &endpoint.auth
        {
            pairs.push((name.clone(), Some(TEST_API_KEY.into())));
        }
        pairs
    }

    fn is_omitted(&self, key: &str, value: Option<&str>) -> bool {
        value.is_some_and(is_placeholder) && self.omitted.borrow().iter().any(|k| k == key)
    }

    pub(super) fn headers(
        &self,
        endpoint: &Endpoint,
        texts: &[(String, String)],
    ) -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> = endpoint
            .headers
            .iter()
            .map(|h| {
                let value = pieces_text(self.l, &h.pieces, texts);
                (h.name.to_ascii_lowercase(), value)
            })
            .collect();
        match &endpoint.auth {
            AuthUse::Bearer => {
                headers.push(("authorization".into(), format!("Bearer {TEST_TOKEN}")))
            }
            AuthUse::Basic => headers.push(("authorization".into(), TEST_BASIC.into())),
            AuthUse::ApiKey {
                name,
                in_query: false,
            } => headers.push((name.to_ascii_lowercase(), TEST_API_KEY.into())),
            _ => {}
        }
        headers
    }

    pub(super) fn wire_body(&self, endpoint: &Endpoint) -> Result<WireBody, String> {
        Ok(match endpoint.body.kind {
            BodyKind::None => WireBody::None,
            BodyKind::Form => WireBody::Form {
                fields: self
                    .form_fields(endpoint)
                    .iter()
                    .map(|f| {
                        (
                            f.key.clone(),
                            self.resolve(f.value.as_deref().unwrap_or("")),
                        )
                    })
                    .filter(|(k, v)| !self.is_omitted(k, Some(v)))
                    .collect(),
            },
            BodyKind::Multipart => {
                let mut parts = Vec::new();
                for field in self.form_fields(endpoint) {
                    if field.kind.as_deref() == Some("file") {
                        for src in file_sources(field) {
                            parts.push((
                                field.key.clone(),
                                file_name(&src).unwrap_or_default(),
                                true,
                            ));
                        }
                    } else {
                        let value = self.resolve(field.value.as_deref().unwrap_or(""));
                        if !self.is_omitted(&field.key, Some(&value)) {
                            parts.push((field.key.clone(), value, false));
                        }
                    }
                }
                WireBody::Multipart { parts }
            }
            BodyKind::Json => {
                let text = self.body().map(|b| self.raw_text(b)).unwrap_or_default();
                match self.json_with_vars(&text) {
                    // The client fills its variables in, as Postman substitutes them.
                    Some(read) => WireBody::Json {
                        text: read.sent.to_string(),
                    },
                    None => WireBody::Json { text },
                }
            }
            BodyKind::Text => WireBody::Text {
                text: self.body().map(|b| self.raw_text(b)).unwrap_or_default(),
            },
            BodyKind::File => WireBody::Any,
            BodyKind::Graphql => {
                let body = self.body().ok_or("no body")?;
                let query = body
                    .graphql
                    .as_ref()
                    .and_then(|g| g.query.clone())
                    .unwrap_or_default();
                let mut object = serde_json::Map::new();
                object.insert("query".into(), query.into());
                if let Some(text) = graphql_variables(body) {
                    let value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
                    object.insert("variables".into(), value);
                }
                WireBody::Json {
                    text: serde_json::Value::Object(object).to_string(),
                }
            }
        })
    }
}

/// The GraphQL variables of a body as JSON text, if it has any.
pub(super) fn graphql_variables(body: &Body) -> Option<String> {
    match body.graphql.as_ref()?.variables.as_ref()? {
        serde_json::Value::String(text) if text.trim().is_empty() => None,
        serde_json::Value::String(text) => {
            serde_json::from_str::<serde_json::Value>(text).ok()?;
            Some(text.clone())
        }
        serde_json::Value::Null => None,
        value => Some(value.to_string()),
    }
}

/// The decoded path segments the pieces give, with arguments' example texts.
pub(super) fn path_segments(
    l: &Lowering,
    pieces: &[Piece],
    texts: &[(String, String)],
) -> Vec<String> {
    let mut segments = vec![String::new()];
    for piece in pieces {
        match piece {
            Piece::Literal { text } => {
                let mut parts = text.split('/');
                if let Some(first) = parts.next() {
                    segments
                        .last_mut()
                        .expect("one segment")
                        .push_str(&decode(first));
                }
                segments.extend(parts.map(decode));
            }
            Piece::Param { ident, .. } => {
                let text = texts
                    .iter()
                    .find(|(i, _)| i == ident)
                    .map(|(_, t)| t.as_str())
                    .unwrap_or("");
                segments.last_mut().expect("one segment").push_str(text);
            }
            Piece::Var { key } => {
                let value = l.client_value_of(key).unwrap_or("");
                segments.last_mut().expect("one segment").push_str(value);
            }
        }
    }
    // The path starts with `/`: the first segment is the empty text before it.
    if segments.first().is_some_and(String::is_empty) && segments.len() > 1 {
        segments.remove(0);
    }
    segments
}

/// The text of header pieces with variables' values and arguments' example texts.
fn pieces_text(l: &Lowering, pieces: &[Piece], texts: &[(String, String)]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Literal { text } => text.clone(),
            Piece::Param { ident, .. } => texts
                .iter()
                .find(|(i, _)| i == ident)
                .map(|(_, t)| t.clone())
                .unwrap_or_default(),
            Piece::Var { key } => l.client_value_of(key).unwrap_or("").to_string(),
        })
        .collect()
}

/// Percent-decoding, lossy for invalid UTF-8.
fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The content type the client sends for the endpoint's body, without parameters.
pub(super) fn content_type(endpoint: &Endpoint) -> Option<String> {
    let declared = endpoint.body.content_type.clone();
    let ct = match endpoint.body.kind {
        BodyKind::None => return None,
        BodyKind::Multipart => Some("multipart/form-data".to_string()),
        BodyKind::Form => declared.or(Some("application/x-www-form-urlencoded".into())),
        BodyKind::Json | BodyKind::Graphql => declared.or(Some("application/json".into())),
        BodyKind::Text | BodyKind::File => declared,
    };
    ct.map(|ct| {
        ct.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    })
}
