//! Reading a file into a [`Collection`]: format detection and errors that point into the JSON.
//!
//! Postman exports come in three shapes: a collection (`{"info": .., "item": [..]}`), the API's
//! export wrapper (`{"collection": {..}}`) and a single item (`{"name": .., "request": ..}`).
//! Detection looks only at top-level keys; the items are then read a level at a time
//! (`levels.rs`) through `serde_path_to_error`, over the original text wherever nothing was
//! repaired, so a type error deep inside names both the JSON path (`item[3].request.url`) and
//! the line and column.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::levels::{self, RawObject, Reader, Source};
use super::{Collection, Info};
use crate::error::{Error, Kind, Problem};

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

/// Parses `text`, read from `path` (used in messages only). An item that cannot be read is
/// left out with a warning; [`parse_strict`] refuses the whole file instead.
pub fn parse(path: &Path, text: &str) -> Result<Input, Error> {
    parse_with(path, text, false)
}

/// Parses `text` as [`parse`] does, but any item that cannot be read is an error.
pub fn parse_strict(path: &Path, text: &str) -> Result<Input, Error> {
    parse_with(path, text, true)
}

fn parse_with(path: &Path, text: &str, strict: bool) -> Result<Input, Error> {
    let fail = |location: String, message: String| Error::Input {
        file: path.to_path_buf(),
        problems: vec![Problem::new(Kind::Error, location, message)],
    };
    // Syntax errors first, for the whole text; then the top-level shape from its keys alone.
    levels::validate(text).map_err(|e| fail(String::new(), json_error(&e)))?;
    let raw: &RawValue =
        serde_json::from_str(text).map_err(|e| fail(String::new(), json_error(&e)))?;
    let Some(top) = RawObject::of(raw) else {
        return Err(fail(
            String::new(),
            "expected a JSON object holding a Postman collection or item".into(),
        ));
    };
    let kind = if top.contains("collection") && !top.contains("info") {
        InputKind::Wrapped
    } else if top.contains("info") || top.contains("item") && !top.contains("request") {
        InputKind::Collection
    } else if top.contains("request") {
        InputKind::Item
    } else if top.contains("requests") || top.contains("order") {
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
    // Each object is split once: the wrapped collection's keys are looked at here too.
    let wrapped = top.get("collection").map(|raw| (raw, RawObject::of(raw)));
    let info = top.get("info").or_else(|| {
        let (_, collection) = wrapped.as_ref()?;
        collection.as_ref()?.get("info")
    });
    if let Some(schema) = info
        .and_then(|info| serde_json::from_str::<Value>(info.get()).ok())
        .and_then(|info| {
            info.get("schema")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
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

    let mut reader = Reader::new(path, text, strict);
    let collection = match (kind, wrapped) {
        (InputKind::Wrapped, Some((raw, object))) => {
            reader.collection(raw, object, "collection")?
        }
        (InputKind::Item, _) => {
            let item = reader.item(raw, "")?;
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
        _ => reader.collection(raw, Some(top), "")?,
    };
    Ok(Input {
        path: path.to_path_buf(),
        kind,
        collection,
        warnings: reader.warnings,
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
    levels::validate(&text).map_err(|e| Error::Input {
        file: path.to_path_buf(),
        problems: vec![Problem::new(Kind::Error, "", json_error(&e))],
    })?;
    let environment: Environment = Reader::new(path, &text, true).typed(Source::Text(&text), "")?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::RequestSpec;
    use serde_json::json;

    fn parsed(value: &Value) -> Input {
        parse(
            Path::new("t.json"),
            &serde_json::to_string_pretty(value).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn real_export_deviations_are_mended_with_locations_in_document_order() {
        let input = parsed(&json!({
            "info": {"name": 7},
            "event": null,
            "items": [{"name": "r", "request": {
                "header": [{"value": "no key"}, {"key": "X-N", "value": 5}],
                "body": {"mode": "formdata", "formdata": ""}
            }, "response": [{"code": "200", "originalRequest": "https://x.test"}]},
            {"name": "f", "event": "", "item": {"name": "lone", "request": {"method": null}}}]
        }));
        let locations: Vec<&str> = input.warnings.iter().map(|w| w.location.as_str()).collect();
        assert_eq!(
            locations,
            [
                "info.name",
                "items",
                "item[0].request.header[0]",
                "item[0].request.header[1].value",
                "item[0].request.body.formdata",
                "item[0].response[0].code",
                "item[0].response[0].originalRequest",
                "item[1].event",
                "item[1].item",
                "item[1].item[0].request.method",
                "event",
            ]
        );
        let collection = input.collection;
        assert_eq!(collection.info.name, "7");
        let Some(RequestSpec::Full(request)) = &collection.item[0].request else {
            panic!("a request object")
        };
        let headers = request.header.as_ref().unwrap().entries();
        assert_eq!(
            headers
                .iter()
                .map(|h| (&*h.key, &*h.value))
                .collect::<Vec<_>>(),
            [("X-N", "5")]
        );
        let response = &collection.item[0].response[0];
        assert_eq!(response.code, Some(200));
        assert!(response.original_request.as_ref().unwrap().url.is_some());
        let folder = collection.item[1].item.as_ref().unwrap();
        assert_eq!(folder[0].name.as_deref(), Some("lone"));
    }

    #[test]
    fn errors_give_the_path_and_the_line_and_column_in_the_file() {
        let text = "{\"info\": {\"name\": \"t\"}, \"item\": [\n  {\"name\": \"f\", \"auth\": {\"type\": \"x\"},\n   \"item\": [{\"name\": \"r\", \"request\": {\"url\": 1}}]}]}";
        let error = parse_strict(Path::new("t.json"), text)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "t.json: item[0].item[0].request.url: invalid type: integer `1`, expected a URL string or a URL object at line 3 column 46"
        );
        // Not strict: the item is left out, the problem a warning, and the rest is read.
        let input = parse(Path::new("t.json"), text).unwrap();
        assert_eq!(
            input.warnings[0].to_string(),
            "item[0].item[0].request.url: invalid type: integer `1`, expected a URL string or a URL object at line 3 column 46; the item is left out"
        );
        let folder = &input.collection.item[0];
        assert!(folder.item.as_ref().unwrap()[0].left_out);
        // A folder's own field, read with its items skipped.
        let text = text.replace("\"auth\": {\"type\": \"x\"}", "\"auth\": 5");
        let error = parse_strict(Path::new("t.json"), &text)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "t.json: item[0].auth: invalid type: integer `5`, expected struct Auth at line 2 column 25"
        );
        // A list that is not one.
        let error = parse(Path::new("t.json"), r#"{"info": {}, "item": 3}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "t.json: item: invalid type: integer `3`, expected a sequence at line 1 column 22"
        );
    }

    #[test]
    fn a_long_list_read_on_several_threads_reads_as_one_reader_does() {
        // Past 1 MiB a list of enough items has them read by a reader each
        // (`levels::READ_APART`): the items and the warnings come in the file's order all the same.
        let collection = |padding: usize| {
            let items: Vec<Value> = (0..1000)
                .map(|i| match i {
                    5 | 150 | 999 => json!({"name": format!("r{i}"), "request": {
                        "url": "https://x.test", "header": [{"value": "no key"}]
                    }}),
                    200 => json!({"name": "bad", "request": {"url": 1}}),
                    _ => json!({"name": format!("r{i}"), "description": "d".repeat(padding),
                        "request": "https://x.test"}),
                })
                .collect();
            parsed(&json!({"info": {"name": "t"}, "item": items}))
        };
        let (apart, together) = (collection(1200), collection(0));
        let names = |input: &Input| -> Vec<Option<String>> {
            input
                .collection
                .item
                .iter()
                .map(|i| i.name.clone())
                .collect()
        };
        let locations = |input: &Input| -> Vec<String> {
            input.warnings.iter().map(|w| w.location.clone()).collect()
        };
        assert_eq!(names(&apart).len(), 1000);
        assert_eq!(names(&apart), names(&together));
        assert_eq!(locations(&apart), locations(&together));
        assert_eq!(
            locations(&apart),
            [
                "item[5].request.header[0]",
                "item[150].request.header[0]",
                "item[200].request.url",
                "item[999].request.header[0]",
            ]
        );
    }

    #[test]
    fn a_panic_while_items_are_skipped_does_not_skip_them_later() {
        let caught = std::panic::catch_unwind(|| super::super::de::without_items(|| panic!()));
        assert!(caught.is_err());
        let folder = json!({"name": "f", "item": [{"name": "r", "request": "https://x.test"}]});
        let item: crate::collection::Item = serde_json::from_value(folder).unwrap();
        assert_eq!(item.item.map(|items| items.len()), Some(1));
    }

    #[test]
    fn nesting_beyond_the_limit_is_refused_before_anything_is_read() {
        let mut text = String::from(r#"{"info": {}, "item": "#);
        text.push_str(&"[".repeat(200));
        text.push_str(&"]".repeat(200));
        text.push('}');
        let error = parse(Path::new("t.json"), &text).unwrap_err().to_string();
        assert!(
            error.starts_with("t.json: nested deeper than 128 JSON levels"),
            "{error}"
        );
    }
}
