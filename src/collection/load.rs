//! Reading a file into a [`Collection`]: format detection and errors that point into the JSON.
//!
//! Postman exports come in three shapes: a collection (`{"info": .., "item": [..]}`), the API's
//! export wrapper (`{"collection": {..}}`) and a single item (`{"name": .., "request": ..}`).
//! Detection looks only at top-level keys; the actual parse then runs through
//! `serde_path_to_error` over the original text, so a type error deep inside names both the JSON
//! path (`item[3].request.url`) and the line and column.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{Collection, Info, Item, repair};
use crate::error::{Error, Problem};

/// Which of the accepted top-level shapes a file had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// `{"info": .., "item": [..]}`.
    Collection,
    /// `{"collection": {"info": .., "item": [..]}}`, as the Postman API exports.
    Wrapped,
    /// One item, as Postman's "copy item" or a documentation page gives it.
    Item,
}

/// A parsed input file.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as the user gave it; used only in messages, never written into generated code.
    pub path: PathBuf,
    pub kind: InputKind,
    /// For [`InputKind::Item`], a collection holding just that item.
    pub collection: Collection,
    /// Deviations from the schema that were repaired, with their JSON locations.
    pub warnings: Vec<Problem>,
}

impl Input {
    /// The JSON path of the `index`th top-level item, as a user would look it up in the file.
    pub fn top_item_path(&self, index: usize) -> String {
        match self.kind {
            InputKind::Collection => format!("item[{index}]"),
            InputKind::Wrapped => format!("collection.item[{index}]"),
            InputKind::Item => String::new(),
        }
    }

    /// The JSON path of the collection's own `field` (`auth`, `variable`, ...).
    pub fn collection_path(&self, field: &str) -> String {
        match self.kind {
            InputKind::Wrapped => format!("collection.{field}"),
            InputKind::Collection | InputKind::Item => field.to_string(),
        }
    }
}

/// Reads and parses `path`.
pub fn load(path: &Path) -> Result<Input, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(path, &text)
}

/// Parses `text`, read from `path` (used in messages only).
pub fn parse(path: &Path, text: &str) -> Result<Input, Error> {
    let fail = |location: String, message: String| Error::Input {
        file: path.to_path_buf(),
        problems: vec![Problem { location, message }],
    };
    // A first pass over untyped JSON finds syntax errors and the top-level shape.
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| fail(String::new(), json_error(&e)))?;
    let Some(top) = value.as_object() else {
        return Err(fail(
            String::new(),
            "expected a JSON object holding a Postman collection or item".into(),
        ));
    };
    let kind = if top.contains_key("collection") && !top.contains_key("info") {
        InputKind::Wrapped
    } else if top.contains_key("info") || top.contains_key("item") && !top.contains_key("request") {
        InputKind::Collection
    } else if top.contains_key("request") {
        InputKind::Item
    } else if top.contains_key("requests") || top.contains_key("order") {
        return Err(fail(
            String::new(),
            "this is a Postman v1 collection (it has `requests`), which postgen does not read; \
             open it in Postman and export it again as Collection v2.1"
                .into(),
        ));
    } else {
        return Err(fail(
            String::new(),
            "not a Postman collection: expected `info` and `item` (a collection), `collection` \
             (an export wrapper) or `request` (a single item) at the top level"
                .into(),
        ));
    };
    if let Some(schema) = top
        .get("info")
        .or_else(|| top.get("collection").and_then(|c| c.get("info")))
        .and_then(|i| i.get("schema"))
        .and_then(|s| s.as_str())
        && schema.contains("/v1.")
    {
        return Err(fail(
            "info.schema".into(),
            format!(
                "this is a Postman v1 collection ({schema}), which postgen does not read; \
                 export it again as Collection v2.1"
            ),
        ));
    }

    #[derive(Deserialize)]
    struct Wrapper {
        collection: Collection,
    }
    let warnings = match kind {
        InputKind::Collection => repair::collection(&mut value, ""),
        InputKind::Wrapped => repair::collection(&mut value["collection"], "collection"),
        InputKind::Item => repair::item(&mut value),
    };
    // Without repairs the text itself is parsed, so that errors also give line and column.
    let source = if warnings.is_empty() {
        // The untyped tree is several times the file's size: free it before the typed parse.
        drop(value);
        Source::Text(text)
    } else {
        Source::Value(value)
    };
    let collection = match kind {
        InputKind::Collection => typed::<Collection>(path, source)?,
        InputKind::Wrapped => typed::<Wrapper>(path, source)?.collection,
        InputKind::Item => {
            let item = typed::<Item>(path, source)?;
            Collection {
                info: Info {
                    name: item.name.clone().unwrap_or_default(),
                    description: None,
                    schema: None,
                },
                item: vec![item],
                auth: None,
                variable: Vec::new(),
                event: Vec::new(),
            }
        }
    };
    Ok(Input {
        path: path.to_path_buf(),
        kind,
        collection,
        warnings,
    })
}

/// What the typed parse reads.
enum Source<'a> {
    Text(&'a str),
    Value(serde_json::Value),
}

/// Deserializes `source` as `T`, turning a failure into a located [`Error::Input`].
fn typed<T: DeserializeOwned>(path: &Path, source: Source<'_>) -> Result<T, Error> {
    let result = match source {
        Source::Text(text) => {
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text))
        }
        Source::Value(value) => serde_path_to_error::deserialize(value),
    };
    result.map_err(|e| {
        let location = e.path().to_string();
        let inner = e.into_inner();
        Error::Input {
            file: path.to_path_buf(),
            problems: vec![Problem {
                location: if location == "." {
                    String::new()
                } else {
                    location
                },
                message: inner.to_string(),
            }],
        }
    })
}

/// A Postman environment export: `{"name": .., "values": [{"key", "value", "enabled"}]}`.
#[derive(Debug, Deserialize)]
struct Environment {
    #[serde(default)]
    values: Vec<super::Variable>,
}

/// Reads the enabled variables of a Postman environment file.
pub fn load_environment(path: &Path) -> Result<std::collections::BTreeMap<String, String>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str::<serde_json::Value>(&text).map_err(|e| Error::Input {
        file: path.to_path_buf(),
        problems: vec![Problem {
            location: String::new(),
            message: json_error(&e),
        }],
    })?;
    let environment: Environment = typed(path, Source::Text(&text))?;
    Ok(environment
        .values
        .iter()
        .filter(|v| !v.disabled && v.enabled != Some(false))
        .filter_map(|v| Some((v.name()?.to_string(), v.value_text()?)))
        .collect())
}

/// The message for a JSON syntax error. serde_json stops at 128 nested arrays and objects, which
/// keeps deep input from overflowing the stack; that limit is named as one.
fn json_error(error: &serde_json::Error) -> String {
    let text = error.to_string();
    if text.starts_with("recursion limit exceeded") {
        format!(
            "nested deeper than 128 JSON levels, postgen's limit (about 60 folders), at line {} column {}",
            error.line(),
            error.column()
        )
    } else {
        format!("invalid JSON: {text}")
    }
}
