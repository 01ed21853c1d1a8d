//! The end of an endpoint's docs, its responses and errors, as data until the crate's JSON
//! types, which it names, are named (`late.rs`).

use crate::model::types::TypeRef;

/// The end of an endpoint's docs: its responses and errors, which name JSON types.
pub(super) struct LaterDocs {
    /// Where the endpoint is: its module's child indices and its index there.
    pub(super) module: Vec<usize>,
    pub(super) endpoint: usize,
    /// The `# Responses` list.
    pub(super) responses: Vec<DocLine>,
    /// The `# Errors` section, before the sentence on the typed error body.
    pub(super) errors: String,
}

/// One item of an endpoint's `# Responses` list. It is written once the crate's JSON types are
/// named ([`DocLine::text`]), since it may name one.
pub(super) struct DocLine {
    /// `` - `200` (``, with what comes before the body's description.
    pub(super) head: String,
    pub(super) body: LineBody,
    /// `): ` and the summary.
    pub(super) tail: String,
}

/// How a documented status's body is described.
pub(super) enum LineBody {
    Text(String),
    /// JSON of this type; `true`: or no body.
    Json(TypeRef, bool),
}

impl DocLine {
    /// A line that names no type.
    pub(super) fn plain(text: String) -> DocLine {
        DocLine {
            head: text,
            body: LineBody::Text(String::new()),
            tail: String::new(),
        }
    }

    /// The line, its JSON type (once named) described by `describe`.
    pub(super) fn text(&self, describe: impl Fn(&TypeRef) -> String) -> String {
        let body = match &self.body {
            LineBody::Text(text) => text.clone(),
            LineBody::Json(ty, false) => format!("JSON, {}", describe(ty)),
            LineBody::Json(ty, true) => format!("JSON, {}, or no body: `None`", describe(ty)),
        };
        format!("{}{body}{}", self.head, self.tail)
    }
}
