//! The overrides file: corrections to a collection the user cannot edit, read from
//! `<collection stem>.postgen.toml` beside it (or the file [`Config::overrides`] names).
//!
//! ```toml
//! # zoom.postgen.toml
//! [requests."POST /users/:userId/picture"]   # a method and the path as Postman shows it
//! files = ["pic_file"]                       # form fields that hold a file
//!
//! [requests."Meetings/Create a meeting"]     # or the folders and name of the request
//! body = "json"                              # form fields sent as one JSON object
//! name = "create_meeting"                    # the method's name, pinned
//!
//! [requests."DELETE /meetings/:meetingId"]
//! response = "none"                          # json, text, bytes or none
//!
//! [requests."POST /users/:userId/meetings".fields]       # fields of the body
//! duration = "integer"                                   # its type
//! "settings.host_video" = { type = "boolean", required = false }
//! "tracking_fields[].field" = { required = true }
//! start_time = { name = "starts_at" }                    # its Rust name
//!
//! [requests."GET /users/:userId".response_fields]        # fields of the 2xx JSON body
//! created_at = { required = false }
//!
//! [requests."GET /users".query]                          # query parameters, keys as written
//! page_size = { type = "integer", required = true }
//!
//! [folders."IM Groups"]                      # a folder by its folders and name
//! name = "groups"                            # its module's name, pinned
//!
//! [types]                                    # JSON types, by the name postgen gives them
//! CreateMeetingSettings = "MeetingSettings"
//! ```
//!
//! This module is the file's input layer only: its types and its reading, with every error at
//! the file's line and column. `lower/overrides.rs` applies it.
//!
//! [`Config::overrides`]: crate::Config::overrides

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Kind, Problem};

/// The whole file: what to change, per request.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// The file, for messages.
    pub file: PathBuf,
    /// Per selector, in the file's order.
    pub requests: Vec<RequestOverride>,
    /// Folders whose module gets another name.
    pub folders: Vec<FolderOverride>,
    /// JSON types renamed: (the name postgen gives, the name to use, where).
    pub types: Vec<TypeRename>,
}

/// A folder's module name.
#[derive(Debug, Clone, PartialEq)]
pub struct FolderOverride {
    /// `Folder/Sub folder`.
    pub selector: String,
    pub at: String,
    /// snake_case.
    pub name: String,
}

/// A JSON type's name.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeRename {
    pub from: String,
    pub to: String,
    pub at: String,
}

/// What to change in the requests a selector picks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestOverride {
    /// `POST /users/:userId` (a method and the path as Postman shows it) or
    /// `Folder/Sub folder/Request name`.
    pub selector: String,
    /// Where the selector is written: `line 3 column 11`.
    pub at: String,
    /// Leave the request out of the client.
    pub skip: bool,
    /// The method's name, snake_case; a rename in the collection then changes nothing.
    pub name: Option<String>,
    /// The body's mode: form fields sent as one JSON object.
    pub body: Option<BodyMode>,
    /// Form fields that hold a file, though the collection says text.
    pub files: Vec<String>,
    /// What the successful response is.
    pub response: Option<ResponseKind>,
    /// Fields of the body (JSON paths, or form keys as written), with their type, whether
    /// they are required, or their Rust name.
    pub fields: Vec<FieldOverride>,
    /// Fields of the successful responses' JSON bodies.
    pub response_fields: Vec<FieldOverride>,
    /// Query parameters, by their keys as written.
    pub query: Vec<FieldOverride>,
}

/// A field of a JSON body and what to make of it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldOverride {
    /// The keys from the body's root; `[]` for the items of an array: `tracking_fields[].field`.
    pub path: Vec<Step>,
    /// As written, for messages.
    pub written: String,
    /// Where the field's line is: `line 9 column 1`.
    pub at: String,
    pub ty: Option<FieldType>,
    pub required: Option<bool>,
    /// The field's Rust name, snake_case, pinned.
    pub name: Option<String>,
}

/// What a request's overrides say of its fields, by where they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldOverrides {
    /// The body's: JSON paths, or form keys.
    pub body: Vec<FieldOverride>,
    /// The successful responses' JSON bodies'.
    pub response: Vec<FieldOverride>,
    /// The query parameters'.
    pub query: Vec<FieldOverride>,
}

/// One step of a [`FieldOverride`]'s path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Items,
}

/// A JSON field's type, as an override names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    String,
    Integer,
    Number,
    Boolean,
    /// Any JSON value.
    Json,
}

/// A body mode an override can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyMode {
    /// The form or urlencoded fields as one JSON object; a field holding JSON text becomes
    /// that JSON value.
    Json,
}

/// What a successful response is, whatever its examples show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResponseKind {
    /// A JSON entity, typed from the examples.
    Json,
    /// Text.
    Text,
    /// Bytes (a file).
    Bytes,
    /// No body.
    None,
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    requests: BTreeMap<toml::Spanned<String>, Entry>,
    #[serde(default)]
    folders: BTreeMap<toml::Spanned<String>, FolderEntry>,
    #[serde(default)]
    types: BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
}

/// One `[folders."..."]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FolderEntry {
    name: toml::Spanned<String>,
}

/// One `[requests."..."]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    skip: bool,
    name: Option<toml::Spanned<String>>,
    body: Option<BodyMode>,
    #[serde(default)]
    files: Vec<String>,
    response: Option<ResponseKind>,
    #[serde(default)]
    fields: BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>,
    #[serde(default)]
    response_fields: BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>,
    #[serde(default)]
    query: BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>,
}

/// A field's override as a table; a field's value may also be its type alone (`"integer"`).
/// Read from the value rather than as an untagged enum, whose error names no key.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldTable {
    #[serde(rename = "type")]
    ty: Option<FieldType>,
    required: Option<bool>,
    name: Option<String>,
}

/// How a table's keys name its fields.
#[derive(Clone, Copy, PartialEq)]
enum Keys {
    /// A JSON path (`settings.host_video`, `tracking_fields[].field`); a form field's key is
    /// also matched as written.
    Paths,
    /// The keys as written: query parameters.
    Verbatim,
}

/// The fields of one table, in the file's order, with their paths read.
fn fields(
    text: &str,
    specs: BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>,
    keys: Keys,
) -> Result<Vec<FieldOverride>, (String, String)> {
    let mut specs: Vec<_> = specs.into_iter().collect();
    specs.sort_by_key(|(key, _)| key.span().start);
    let fields = specs
        .into_iter()
        .map(|(key, spec)| {
            let at = line_column(text, key.span().start);
            let written = key.into_inner();
            let path = match keys {
                Keys::Verbatim => Some(vec![Step::Key(written.clone())]),
                Keys::Paths => path(&written),
            };
            let path = path.ok_or_else(|| {
                (
                    at.clone(),
                    format!("`{written}` is not a field path: write keys joined by `.`, and `[]` for the items of a list (`tracking_fields[].field`)"),
                )
            })?;
            let value_at = line_column(text, spec.span().start);
            let table: FieldTable = match spec.into_inner() {
                toml::Value::String(ty) => FieldTable {
                    ty: Some(FieldType::deserialize(toml::Value::String(ty)).map_err(|e| {
                        (value_at.clone(), e.message().to_string())
                    })?),
                    required: None,
                    name: None,
                },
                value => FieldTable::deserialize(value)
                    .map_err(|e| (value_at.clone(), e.message().to_string()))?,
            };
            let FieldTable { ty, required, name } = table;
            if let Some(name) = &name {
                field_name(name).map_err(|message| (value_at.clone(), message))?;
            }
            Ok::<_, (String, String)>(FieldOverride { path, written, at, ty, required, name })
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Two fields of one struct pinned to one name: the second could only be numbered.
    for (i, a) in fields.iter().enumerate() {
        let Some(name) = &a.name else { continue };
        let parent = &a.path[..a.path.len() - 1];
        if let Some(b) = fields[..i]
            .iter()
            .find(|b| b.name.as_ref() == Some(name) && b.path[..b.path.len() - 1] == *parent)
        {
            return Err((
                a.at.clone(),
                format!(
                    "`{}` and `{}` are both named `{name}`",
                    b.written, a.written
                ),
            ));
        }
    }
    Ok(fields)
}

/// Whether `name`, a field's pinned Rust name, is snake_case; if not, why.
fn field_name(name: &str) -> Result<(), String> {
    let snake = crate::text::names::snake(name);
    if snake.trim_start_matches("r#") == name {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a field name: write it in snake_case, as `{snake}`"
        ))
    }
}

/// `a.b[].c` as steps; `None` when a key is empty.
fn path(written: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in written.split('.') {
        let mut key = part;
        let mut items = 0;
        while let Some(rest) = key.strip_suffix("[]") {
            key = rest;
            items += 1;
        }
        if key.is_empty() {
            return None;
        }
        steps.push(Step::Key(key.to_string()));
        steps.extend(std::iter::repeat_n(Step::Items, items));
    }
    Some(steps)
}

/// Where `collection`'s overrides file is by default: `zoom.json` -> `zoom.postgen.toml`.
pub fn default_path(collection: &Path) -> PathBuf {
    let stem = collection
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    collection.with_file_name(format!("{stem}.postgen.toml"))
}

/// Reads the overrides file at `path`.
pub fn load(path: &Path) -> Result<Overrides, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(path, &text)
}

/// Parses `text`, the overrides file `path` (used in messages only).
pub fn parse(path: &Path, text: &str) -> Result<Overrides, Error> {
    let fail = |at: String, message: String| Error::Input {
        file: path.to_path_buf(),
        problems: vec![Problem::new(Kind::Error, at, message)],
    };
    let file: File = toml::from_str(text).map_err(|e| {
        let at = e.span().map(|span| line_column(text, span.start));
        // toml's message repeats the line with a caret; the first line is the message.
        let message = e.message().lines().next().unwrap_or_default().to_string();
        fail(at.unwrap_or_default(), message)
    })?;
    // The table's order is the file's, which `requests` keeps (a BTreeMap sorts by text).
    let mut entries: Vec<(toml::Spanned<String>, Entry)> = file.requests.into_iter().collect();
    entries.sort_by_key(|(selector, _)| selector.span().start);
    let mut requests = Vec::new();
    for (selector, entry) in entries {
        let at = line_column(text, selector.span().start);
        let name = match entry.name {
            Some(name) => {
                let at = line_column(text, name.span().start);
                let name = name.into_inner();
                if crate::text::names::snake(&name) != name {
                    return Err(fail(
                        at,
                        format!(
                            "`{name}` is not a method name: write it in snake_case, as `{}`",
                            crate::text::names::snake(&name)
                        ),
                    ));
                }
                Some(name)
            }
            None => None,
        };
        let selector = selector.into_inner();
        if selector.trim().is_empty() {
            return Err(fail(
                at,
                "an empty selector: write `METHOD /path` or `Folder/Request name`".into(),
            ));
        }
        let (fields, response_fields, query) = match (
            fields(text, entry.fields, Keys::Paths),
            fields(text, entry.response_fields, Keys::Paths),
            fields(text, entry.query, Keys::Verbatim),
        ) {
            (Ok(a), Ok(b), Ok(c)) => (a, b, c),
            (Err((at, message)), _, _)
            | (_, Err((at, message)), _)
            | (_, _, Err((at, message))) => return Err(fail(at, message)),
        };
        requests.push(RequestOverride {
            selector,
            at,
            skip: entry.skip,
            name,
            body: entry.body,
            files: entry.files,
            response: entry.response,
            fields,
            response_fields,
            query,
        });
    }
    let mut folder_entries: Vec<_> = file.folders.into_iter().collect();
    folder_entries.sort_by_key(|(selector, _)| selector.span().start);
    let mut type_entries: Vec<_> = file.types.into_iter().collect();
    type_entries.sort_by_key(|(from, _)| from.span().start);
    let mut folders = Vec::new();
    for (selector, entry) in folder_entries {
        let name_at = line_column(text, entry.name.span().start);
        let name = entry.name.into_inner();
        let snake = crate::text::names::snake(&name);
        if snake != name {
            return Err(fail(
                name_at,
                format!("`{name}` is not a module name: write it in snake_case, as `{snake}`"),
            ));
        }
        folders.push(FolderOverride {
            at: line_column(text, selector.span().start),
            selector: selector.into_inner(),
            name,
        });
    }
    let mut types = Vec::new();
    for (from, to) in type_entries {
        let to_at = line_column(text, to.span().start);
        let to = to.into_inner();
        let pascal = crate::text::names::pascal(&to);
        if pascal != to {
            return Err(fail(
                to_at,
                format!("`{to}` is not a type name: write it in UpperCamelCase, as `{pascal}`"),
            ));
        }
        types.push(TypeRename {
            at: line_column(text, from.span().start),
            from: from.into_inner(),
            to,
        });
    }
    Ok(Overrides {
        file: path.to_path_buf(),
        requests,
        folders,
        types,
    })
}

/// `line L column C` of byte `offset` in `text`, both counted from 1.
fn line_column(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("line {line} column {column}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_reads_in_its_order_with_the_lines_of_its_selectors() {
        let text = "[requests.\"POST /b\"]\nbody = \"json\"\nfiles = [\"f\"]\n\n[requests.\"A/a\"]\nskip = true\nname = \"get_a\"\nresponse = \"bytes\"\n";
        let overrides = parse(Path::new("t.postgen.toml"), text).unwrap();
        let [first, second] = overrides.requests.as_slice() else {
            panic!("{overrides:?}")
        };
        assert_eq!(first.selector, "POST /b");
        assert_eq!(first.at, "line 1 column 11");
        assert_eq!(first.body, Some(BodyMode::Json));
        assert_eq!(first.files, ["f"]);
        assert_eq!(second.at, "line 5 column 11");
        assert!(second.skip);
        assert_eq!(second.name.as_deref(), Some("get_a"));
        assert_eq!(second.response, Some(ResponseKind::Bytes));
    }

    #[test]
    fn errors_point_at_the_line() {
        let error = |text: &str| {
            parse(Path::new("t.postgen.toml"), text)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error("[requests.\"GET /a\"]\nbdy = \"json\"\n"),
            "t.postgen.toml: line 2 column 1: unknown field `bdy`, expected one of `skip`, `name`, `body`, `files`, `response`, `fields`, `response_fields`, `query`"
        );
        assert_eq!(
            error("[requests.\"GET /a\"]\nresponse = \"xml\"\n"),
            "t.postgen.toml: line 2 column 12: unknown variant `xml`, expected one of `json`, `text`, `bytes`, `none`"
        );
        assert_eq!(
            error("\n\n[requests.\"GET /a\"]\nname = \"Get A\"\n"),
            "t.postgen.toml: line 4 column 8: `Get A` is not a method name: write it in snake_case, as `get_a`"
        );
        assert_eq!(
            error("[requests.\"GET /a\".fields]\nq = { name = \"Query\" }\n"),
            "t.postgen.toml: line 2 column 5: `Query` is not a field name: write it in snake_case, as `query`"
        );
        assert_eq!(
            error("[requests.\"GET /a\".query]\nq = { requierd = true }\n"),
            "t.postgen.toml: line 2 column 5: unknown field `requierd`, expected one of `type`, `required`, `name`"
        );
        assert_eq!(
            error("[requests.\"GET /a\".response_fields]\nq = \"int\"\n"),
            "t.postgen.toml: line 2 column 5: unknown variant `int`, expected one of `string`, `integer`, `number`, `boolean`, `json`"
        );
        assert_eq!(
            error(
                "[requests.\"GET /a\".fields]\n\"a.x\" = { name = \"y\" }\nb = { name = \"y\" }\n\"a.z\" = { name = \"y\" }\n"
            ),
            "t.postgen.toml: line 4 column 1: `a.x` and `a.z` are both named `y`"
        );
        assert_eq!(
            error("[requests.\"GET /a\"\n"),
            "t.postgen.toml: line 1 column 19: unclosed table, expected `]`"
        );
    }

    #[test]
    fn field_paths_are_keys_and_list_items() {
        let key = |k: &str| Step::Key(k.into());
        assert_eq!(path("a"), Some(vec![key("a")]));
        assert_eq!(
            path("tracking_fields[].field"),
            Some(vec![key("tracking_fields"), Step::Items, key("field")])
        );
        assert_eq!(
            path("grid[][]"),
            Some(vec![key("grid"), Step::Items, Step::Items])
        );
        assert_eq!(path("a..b"), None);
        assert_eq!(path("[]"), None);
    }

    #[test]
    fn the_default_file_is_beside_the_collection() {
        assert_eq!(
            default_path(Path::new("collections/zoom.json")),
            Path::new("collections/zoom.postgen.toml")
        );
    }
}
