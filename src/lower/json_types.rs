//! The crate's JSON types: every struct inferred from a JSON body (responses, error bodies,
//! request bodies, GraphQL variables), emitted once per crate in its `types` module however many
//! endpoints use it, and named once every use is known.
//!
//! A struct is keyed by its direction and structure (each field's identifier, key, type and
//! looseness), so a group returned by "List groups" and by "Retrieve a group" is one type.
//! While the collection is lowered a struct is referred to by its index
//! ([`TypeRef::Provisional`]);
//! [`JsonTypes::finish`] names every struct after what it is, in the order they were made:
//!
//! - a struct some object holds under a key is named after the key (`settings` is
//!   `Settings`, the items of `groups` are `Group`), or after the holder and the key when that
//!   name is taken (`MeetingSettings`);
//! - a body is named after the entity its requests are about: their names without the leading
//!   verb and small words ("Edit a chatbot message" and "Delete a chatbot message" return one
//!   `ChatbotMessage`; "List IM groups" returns `ImGroupList`), or, when that is taken or
//!   the names share no entity, after its first request (`ListImGroupsResponse`, the body
//!   `UpdateAGroup` of "Update a group"); error bodies are `ErrorBody`;
//! - numbers come last.
//!
//! The evidence a received struct's keys are required is its examples (see [`Entry`]).

use std::collections::{BTreeMap, BTreeSet};

use super::infer::shape::{Field, Shape};
use crate::model::types::{FieldDef, StructDef, StructKind, TypeDef, TypeRef};
use crate::text::names::{self, Scope};
use crate::text::vars;

/// Whose JSON a type describes, which decides what its examples prove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// Sent by the client (a request body): the user writes it, so each key the examples
    /// always show is a required field.
    Sent,
    /// Received from the API: a key is required only when enough examples show it.
    Received,
}

/// What a body is to its request, which decides how it is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A 2xx response.
    Success,
    /// A documented error status's body.
    Error,
    /// A request body or GraphQL variables.
    Request,
}

/// A whole body, as [`JsonTypes::body`] is asked for it.
#[derive(Debug, Clone)]
pub struct Body {
    pub role: Role,
    /// The words the request's identifiers are made of (its name, shortened if a sentence).
    pub ident_name: String,
    /// The request's name as the collection has it, for docs.
    pub request: String,
    /// The request's path as Postman shows it, for an entity when its name gives none.
    pub path: String,
    /// What the struct is called when nothing better fits: after the request
    /// (`ListGroupsResponse`, `CreateUserCreated`, `UpdateAGroup`).
    pub fallback: String,
    /// The docs of the struct when it is this body's alone.
    pub docs: String,
}

/// Where a struct is used: what names it.
#[derive(Debug, Clone)]
enum Use {
    /// The value of `key` in the struct `parent` (an array's items: the key's singular).
    Field { key: String, parent: usize },
    /// A whole body, or (`list`) the items or values of one.
    Body { body: Body, list: bool },
}

/// A key of a JSON struct as the examples show it, before evidence decides if it is required.
#[derive(Debug)]
struct Known {
    ident: String,
    wire: String,
    /// Its type as shown: an `Option` when `null` was seen.
    ty: TypeRef,
    /// Missing from some examples or `null` in some: optional whatever the count.
    loose: bool,
    /// Why, for the docs.
    note: String,
}

/// One JSON struct and what the examples say of it.
#[derive(Debug)]
struct Entry {
    /// The most examples any one body with this structure has: a request's examples of one
    /// status count together; other requests' do not (a converter writes each from the same
    /// schema, with every property).
    examples: u32,
    known: Vec<Known>,
    uses: Vec<Use>,
}

/// A JSON struct's direction and, per field, its identifier, key, type as shown and whether it
/// is loose: what makes two bodies one type.
type StructKey = (Direction, Vec<(String, String, TypeRef, bool)>);

/// The JSON structs of a whole crate.
#[derive(Debug)]
pub struct JsonTypes {
    entries: Vec<Entry>,
    by_structure: BTreeMap<StructKey, usize>,
    /// How many examples must show an object received from the API before the keys they all
    /// show are required.
    required_evidence: u32,
}

/// The struct `index`, until [`JsonTypes::finish`] names it.
fn provisional(index: usize) -> TypeRef {
    TypeRef::Provisional(index)
}

/// The struct `ty` is, or holds as items or values.
fn struct_in(ty: &TypeRef) -> Option<usize> {
    match ty {
        TypeRef::Provisional(index) => Some(*index),
        TypeRef::Vec(inner) | TypeRef::Option(inner) | TypeRef::Map(inner) => struct_in(inner),
        _ => None,
    }
}

/// The renames [`JsonTypes::finish`] could not apply: `false` when the old name names no
/// type, `true` when the new name is taken.
pub type Unapplied<'r> = Vec<(&'r (String, String), bool)>;

impl JsonTypes {
    pub fn new(required_evidence: u32) -> Self {
        JsonTypes {
            entries: Vec::new(),
            by_structure: BTreeMap::new(),
            required_evidence,
        }
    }

    /// The type of a whole body of this `shape`.
    pub fn body(&mut self, shape: &Shape, direction: Direction, body: Body) -> TypeRef {
        let ty = self.json_type(shape, direction);
        // The struct the body is, or holds as its items or values.
        if let Some(index) = struct_in(&ty) {
            // A body that is a list of the struct (or a map of it) is many of it; one that is
            // sometimes `null` is still one.
            let list = !matches!(ty.required(), TypeRef::Provisional(_));
            let uses = &mut self.entries[index].uses;
            let mut body = body;
            // Only the first use's docs are the struct's: ten thousand copies of an error
            // body's would be kept for nothing.
            if !uses.is_empty() {
                body.docs = String::new();
            }
            uses.push(Use::Body { body, list });
        }
        ty
    }

    /// A Rust type for a JSON shape; an object is a struct, found again when one of the same
    /// structure was made before.
    fn json_type(&mut self, shape: &Shape, direction: Direction) -> TypeRef {
        match shape {
            Shape::Unknown | Shape::Any | Shape::TypeName => TypeRef::Json,
            Shape::Null => TypeRef::Option(Box::new(TypeRef::Json)),
            Shape::Bool => TypeRef::Bool,
            Shape::Int => TypeRef::Int,
            Shape::Float => TypeRef::Float,
            Shape::Str => TypeRef::String,
            Shape::Optional(inner) => match self.json_type(inner, direction) {
                already @ TypeRef::Option(_) => already,
                ty => TypeRef::Option(Box::new(ty)),
            },
            Shape::Array(item) => TypeRef::Vec(Box::new(self.json_type(item, direction))),
            Shape::Map(value) => TypeRef::Map(Box::new(self.json_type(value, direction))),
            // An empty example object says nothing about its keys.
            Shape::Object { fields, .. } if fields.is_empty() => TypeRef::Json,
            Shape::Object { fields, examples } => {
                let mut idents = Scope::default();
                // Names the overrides file pins are claimed first: they are never numbered.
                for name in fields.iter().filter_map(|f| f.name.as_deref()) {
                    idents.claim(&names::snake(name));
                }
                let known: Vec<Known> = fields
                    .iter()
                    .map(|field| {
                        let ty = self.json_type(&field.shape, direction);
                        Known {
                            ident: match &field.name {
                                Some(name) => names::snake(name),
                                None => idents.claim(&names::snake(&field.key)),
                            },
                            wire: field.key.clone(),
                            loose: !field.always_present || matches!(ty, TypeRef::Option(_)),
                            note: match &field.variable {
                                Some(name) => {
                                    format!("; when `None`, {} is sent", vars::filler_doc(name))
                                }
                                None => note(field).to_string(),
                            },
                            ty,
                        }
                    })
                    .collect();
                let key = (
                    direction,
                    known
                        .iter()
                        .map(|k| (k.ident.clone(), k.wire.clone(), k.ty.clone(), k.loose))
                        .collect::<Vec<_>>(),
                );
                let examples = match direction {
                    // What the user sends is what the user writes: each key shown is asked for.
                    Direction::Sent => u32::MAX,
                    Direction::Received => *examples,
                };
                if let Some(&existing) = self.by_structure.get(&key) {
                    // Bodies of other requests are not more evidence: a converter writes each
                    // from the same schema, with every property. Only a request's own
                    // examples (unified into `examples` before) add up.
                    let entry = &mut self.entries[existing];
                    entry.examples = entry.examples.max(examples);
                    return provisional(existing);
                }
                let index = self.entries.len();
                // The structs this one holds are named after their keys: the items of a list
                // after its singular, a map's values after the key and `value`.
                for k in &known {
                    if let Some(child) = struct_in(&k.ty) {
                        let key = match k.ty.required() {
                            TypeRef::Provisional(_) => k.wire.clone(),
                            TypeRef::Map(_) => format!("{} value", k.wire),
                            _ => names::singular(&k.wire),
                        };
                        self.entries[child]
                            .uses
                            .push(Use::Field { key, parent: index });
                    }
                }
                self.by_structure.insert(key, index);
                self.entries.push(Entry {
                    examples,
                    known,
                    uses: Vec::new(),
                });
                provisional(index)
            }
        }
    }

    /// The crate's JSON structs, each named after its uses (in the order they were made, so
    /// that names are the same on every run), and the name of each provisional one:
    /// `names[i]` is struct `i`'s. Names are claimed in `scope`, the `types` module's.
    /// `renames` (the name postgen would give, the name to use) are applied once every type
    /// is named; those that name no type are returned, with those whose new name is taken.
    pub fn finish<'r>(
        self,
        scope: &mut Scope,
        renames: &'r [(String, String)],
    ) -> (Vec<TypeDef>, Vec<String>, Unapplied<'r>) {
        // What each struct is first called, for the names of the structs it holds that need
        // their holder's: a key, or what its bodies say.
        let first: Vec<String> = (0..self.entries.len())
            .map(|i| match self.field_use(i) {
                Some((key, _)) => key.clone(),
                None => self.body_candidates(i).swap_remove(0),
            })
            .collect();
        let phrases: Vec<Vec<String>> = (0..self.entries.len())
            .map(|i| match self.field_use(i) {
                Some((key, parent)) => vec![key.clone(), format!("{} {key}", first[parent])],
                None => self.body_candidates(i),
            })
            .collect();
        let mut names: Vec<String> = phrases
            .iter()
            .map(|candidates| {
                let preferred: Vec<String> = candidates.iter().map(|c| names::pascal(c)).collect();
                match preferred.iter().find(|name| !scope.contains(name)) {
                    Some(name) => scope.claim(name),
                    None => scope.claim(&preferred[0]),
                }
            })
            .collect();
        // Renamed after all are named: a rename changes no other type's name. (false: names
        // no type; true: its new name is taken.)
        let mut unapplied = Vec::new();
        for rename in renames {
            let (from, to) = rename;
            match names.iter().position(|n| n == from) {
                None => unapplied.push((rename, false)),
                Some(_) if scope.contains(to) => unapplied.push((rename, true)),
                Some(i) => names[i] = scope.claim(to),
            }
        }
        let defs = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, entry)| TypeDef::Struct(self.settled(entry, &names[i], &names)))
            .collect();
        (defs, names, unapplied)
    }

    /// The first key another struct holds the struct `index` under, and that struct.
    fn field_use(&self, index: usize) -> Option<(&String, usize)> {
        self.entries[index].uses.iter().find_map(|u| match u {
            Use::Field { key, parent } => Some((key, *parent)),
            Use::Body { .. } => None,
        })
    }

    /// The phrases the struct `index`, which no other holds, may be named after, best first:
    /// from what its bodies are.
    fn body_candidates(&self, index: usize) -> Vec<String> {
        let uses = &self.entries[index].uses;
        let bodies: Vec<(&Body, bool)> = uses
            .iter()
            .filter_map(|u| match u {
                Use::Body { body, list } => Some((body, *list)),
                Use::Field { .. } => None,
            })
            .collect();
        let Some(&(first, first_list)) = bodies.first() else {
            return vec!["object".into()];
        };
        let item = if first_list { " item" } else { "" };
        let requests = distinct_requests(&bodies);
        let entity = common_entity(&bodies);
        let fallback = format!("{}{item}", first.fallback);
        match first.role {
            Role::Error => {
                let mut out = vec!["error body".to_string()];
                out.extend(entity.map(|e| format!("{e} error")));
                out.push(fallback);
                out
            }
            Role::Success => {
                let mut out: Vec<String> = entity.into_iter().collect();
                out.push(fallback);
                out
            }
            // A request's own body is named after it; one several requests send, after what
            // they are about.
            Role::Request if requests > 1 => {
                let mut out: Vec<String> =
                    entity.map(|e| format!("{e} body")).into_iter().collect();
                out.push(fallback);
                out
            }
            Role::Request => vec![fallback],
        }
    }

    /// The struct `entry` named `name` as its evidence decides it, its fields' types named by
    /// `names`: a key that every example shows is required once at least
    /// [`JsonTypes::required_evidence`] examples show the object, and optional, with the
    /// struct's docs saying why, before.
    fn settled(&self, entry: &Entry, name: &str, names: &[String]) -> StructDef {
        let tolerant = entry.examples < self.required_evidence;
        let fields = entry
            .known
            .iter()
            .map(|k| {
                let optional = k.loose || tolerant;
                let ty = resolved(&k.ty, names);
                let ty = match ty {
                    TypeRef::Option(_) => ty,
                    ty if optional => TypeRef::Option(Box::new(ty)),
                    ty => ty,
                };
                FieldDef {
                    renamed: k.ident.trim_start_matches("r#") != k.wire,
                    docs: format!("`{}`: {}{}.", k.wire, ty.describe(), k.note),
                    ident: k.ident.clone(),
                    wire: k.wire.clone(),
                    ty,
                    optional,
                    flag: false,
                    repeated: false,
                    indexed: false,
                    variable: None,
                }
            })
            .collect();
        let mut docs = self.docs(entry);
        if tolerant {
            let n = entry.examples;
            docs.push_str(&format!(
                "\n\nOnly {} saved example{} show{} this object, fewer than the {} that make \
                 the keys shown required, so every field is an `Option`: a response that leaves \
                 one out still decodes. `Config::required_evidence({n})` (`--required-evidence \
                 {n}`) trusts the examples.",
                if n == 1 {
                    "one".to_string()
                } else {
                    n.to_string()
                },
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" },
                self.required_evidence,
            ));
        }
        StructDef {
            name: name.to_string(),
            docs,
            role: StructKind::Json,
            default: false,
            rename_all: None,
            fields,
        }
    }

    /// What a struct is, from its first use, and which other requests' bodies it also is.
    fn docs(&self, entry: &Entry) -> String {
        let bodies: Vec<(&Body, bool)> = entry
            .uses
            .iter()
            .filter_map(|u| match u {
                Use::Body { body, list } => Some((body, *list)),
                Use::Field { .. } => None,
            })
            .collect();
        let mut docs = match entry.uses.first() {
            Some(Use::Field { key, .. }) => format!(
                "The `{}` object, as inferred from the collection's examples.",
                key.replace('`', "'")
            ),
            Some(Use::Body { body, .. }) => body.docs.clone(),
            None => String::new(),
        };
        // Which requests return an error body is no news: most do.
        let mut others: Vec<&str> = Vec::new();
        let mut seen = BTreeSet::new();
        for (body, _) in bodies.iter().filter(|(b, _)| b.role != Role::Error) {
            if body.request != bodies[0].0.request && seen.insert(body.request.as_str()) {
                others.push(&body.request);
            }
        }
        if !others.is_empty() {
            let shown: Vec<String> = others
                .iter()
                .take(3)
                .map(|r| format!("`{}`", r.replace('`', "'")))
                .collect();
            let more = match others.len() {
                n if n > 3 => format!(" and {} more", n - 3),
                _ => String::new(),
            };
            docs.push_str(&format!(
                "\n\nThe same structure is a body of {}{more}.",
                shown.join(", ")
            ));
        }
        docs
    }
}

/// `ty` with the provisional names of structs replaced by `names`.
pub fn resolved(ty: &TypeRef, names: &[String]) -> TypeRef {
    match ty {
        TypeRef::Provisional(index) => TypeRef::Shared(names[*index].clone()),
        TypeRef::Vec(inner) => TypeRef::Vec(Box::new(resolved(inner, names))),
        TypeRef::Option(inner) => TypeRef::Option(Box::new(resolved(inner, names))),
        TypeRef::Map(inner) => TypeRef::Map(Box::new(resolved(inner, names))),
        TypeRef::Ref(inner) => TypeRef::Ref(Box::new(resolved(inner, names))),
        other => other.clone(),
    }
}

/// Why a field is as it is, for its docs; the overrides file gives no reason to show.
fn note(field: &Field) -> &'static str {
    // Required or optional because the overrides file says so, not because of the examples.
    let always_present = field.always_present || field.settled;
    match (&field.shape, always_present) {
        (Shape::Any, _) => ": the examples disagree on its type",
        (Shape::TypeName, _) => ": the example is the name of a type, not a value",
        (Shape::Optional(inner), _) if **inner == Shape::TypeName => {
            ": the example is the name of a type, not a value"
        }
        (Shape::Array(item), _) if **item == Shape::Unknown => {
            ": the examples show only empty lists"
        }
        (Shape::Null, _) => ": the examples show only `null`",
        (_, false) => ", missing from some examples",
        (Shape::Optional(_), true) => ", `null` in some examples",
        _ => "",
    }
}

/// How many different requests the bodies belong to.
fn distinct_requests(bodies: &[(&Body, bool)]) -> usize {
    let seen: BTreeSet<&str> = bodies.iter().map(|(b, _)| b.ident_name.as_str()).collect();
    seen.len()
}

/// Verbs a request's name starts with: what follows names what it is about.
const VERBS: &[&str] = &[
    "get", "list", "retrieve", "fetch", "read", "show", "view", "find", "search", "query",
    "create", "add", "new", "post", "insert", "register", "update", "edit", "modify", "change",
    "set", "patch", "put", "replace", "upsert", "delete", "remove", "cancel", "destroy", "upload",
    "download", "send", "assign", "unassign", "enable", "disable", "start", "stop", "archive",
    "restore", "check", "verify", "validate", "generate", "revoke", "approve",
];
/// Verbs that return many.
const LIST_VERBS: &[&str] = &["list", "search", "find", "query"];
/// Words an entity reads as well without.
const SMALL: &[&str] = &[
    "a", "an", "the", "of", "for", "to", "in", "on", "by", "my", "all", "new", "specific",
    "single", "existing", "given", "one",
];
/// More words than this after the verb: a sentence, not an entity.
const MAX_ENTITY_WORDS: usize = 4;

/// What the bodies' requests are about, as words: one entity their names all end with, or
/// for names that are sentences, their paths' last segment. `list` bodies (the items of a
/// body that is a list) are one of what the request lists.
fn common_entity(bodies: &[(&Body, bool)]) -> Option<String> {
    let entities: Vec<(Vec<String>, bool)> = bodies
        .iter()
        .map(|(body, list)| entity(body, *list))
        .collect::<Option<_>>()?;
    let (first, many) = entities.first()?;
    let mut common: Vec<String> = first.clone();
    for (words, _) in &entities[1..] {
        let shared = common
            .iter()
            .rev()
            .zip(words.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        common = common[common.len() - shared..].to_vec();
    }
    if common.is_empty() {
        return None;
    }
    let all_many = *many && entities.iter().all(|(_, m)| *m);
    let mut phrase = common.join(" ");
    if all_many {
        phrase.push_str(" list");
    }
    Some(phrase)
}

/// The entity one body's request is about (its words, singular) and whether the body is
/// many of it: "List IM groups" is about an `im group` and returns many.
fn entity(body: &Body, list: bool) -> Option<(Vec<String>, bool)> {
    let words = names::words(&body.ident_name);
    let (verb, rest) = words.split_first()?;
    let (mut many, rest): (bool, &[String]) = match VERBS.contains(&verb.as_str()) {
        true => (LIST_VERBS.contains(&verb.as_str()), rest),
        false => (false, &words[..]),
    };
    // "Get all users", "Retrieve a list of messages": many of what follows.
    let lead = rest
        .iter()
        .take_while(|w| SMALL.contains(&w.as_str()))
        .count();
    many = many || rest[..lead].iter().any(|w| w == "all");
    let rest = match &rest[lead..] {
        [list, of, rest @ ..] if list == "list" && of == "of" => {
            many = true;
            rest
        }
        rest => rest,
    };
    let mut rest: Vec<String> = rest
        .iter()
        .filter(|w| !SMALL.contains(&w.as_str()))
        .cloned()
        .collect();
    if rest.is_empty() || rest.len() > MAX_ENTITY_WORDS {
        // A sentence: what the path says.
        let segment = body
            .path
            .rsplit('/')
            .find(|s| !s.is_empty() && !s.starts_with(':') && !s.contains("{{"))?;
        let segment = segment.split('.').next().unwrap_or(segment);
        rest = names::words(segment);
        if rest.is_empty() {
            return None;
        }
    }
    // A list's items are one of what it lists; a body that is itself a list is many.
    let last = rest.len() - 1;
    if many || list {
        let singular = names::singular(&rest[last]);
        if !singular.ends_with("_item") {
            rest[last] = singular;
        }
    }
    Some((rest, many && !list))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(role: Role, name: &str, path: &str) -> Body {
        Body {
            role,
            ident_name: name.into(),
            request: name.into(),
            path: path.into(),
            fallback: match role {
                Role::Success => format!("{name} response"),
                Role::Error => "error body".into(),
                Role::Request => name.into(),
            },
            docs: format!("The body of `{name}`."),
        }
    }

    fn named(types: JsonTypes) -> Vec<(String, Vec<String>)> {
        let (defs, _, _) = types.finish(&mut Scope::default(), &[]);
        defs.into_iter()
            .map(|d| match d {
                TypeDef::Struct(s) => (s.name, s.fields.into_iter().map(|f| f.ident).collect()),
                _ => unreachable!(),
            })
            .collect()
    }

    fn shape(value: serde_json::Value) -> Shape {
        Shape::of(&value)
    }

    #[test]
    fn identical_structs_are_one_type_named_after_the_entity() {
        let mut types = JsonTypes::new(2);
        let message = shape(serde_json::json!({"id": "m1", "text": "hi"}));
        let edit = body(
            Role::Success,
            "Edit a chatbot message",
            "/im/chat/messages/:id",
        );
        let delete = body(
            Role::Success,
            "Delete a chatbot message",
            "/im/chat/messages/:id",
        );
        let first = types.body(&message, Direction::Received, edit);
        let second = types.body(&message, Direction::Received, delete);
        assert_eq!(first, second);
        // What is sent is another type: its fields are required on one example.
        types.body(
            &message,
            Direction::Sent,
            body(Role::Request, "Send a chatbot message", "/im/chat/messages"),
        );
        assert_eq!(
            named(types),
            [
                (
                    "ChatbotMessage".to_string(),
                    vec!["id".to_string(), "text".into()]
                ),
                (
                    "SendAChatbotMessage".to_string(),
                    vec!["id".to_string(), "text".into()]
                ),
            ]
        );
    }

    #[test]
    fn nested_structs_are_named_after_their_keys_and_lists_after_their_items() {
        let mut types = JsonTypes::new(2);
        let list =
            shape(serde_json::json!({"total": 1, "groups": [{"id": "g", "settings": {"a": 1}}]}));
        let one = shape(serde_json::json!({"id": "g", "settings": {"a": 1}}));
        types.body(
            &list,
            Direction::Received,
            body(Role::Success, "List IM groups", "/im/groups"),
        );
        types.body(
            &one,
            Direction::Received,
            body(Role::Success, "Get an IM group", "/im/groups/:id"),
        );
        let other_settings = shape(serde_json::json!({"settings": {"b": true}}));
        types.body(
            &other_settings,
            Direction::Received,
            body(
                Role::Success,
                "Get meeting settings",
                "/meetings/:id/settings",
            ),
        );
        let names: Vec<String> = named(types).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "Settings",
                "Group",
                "ImGroupList",
                "MeetingSettingsSettings",
                "MeetingSettings"
            ]
        );
    }

    fn optional_fields(types: JsonTypes) -> Vec<(String, Vec<String>)> {
        let (defs, _, _) = types.finish(&mut Scope::default(), &[]);
        defs.into_iter()
            .map(|d| match d {
                TypeDef::Struct(s) => (
                    s.name,
                    s.fields
                        .into_iter()
                        .filter(|f| f.optional)
                        .map(|f| f.ident)
                        .collect(),
                ),
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn a_received_key_is_required_only_on_enough_evidence() {
        let one = shape(serde_json::json!({"id": "a", "note": null}));
        let get = || body(Role::Success, "Get a user", "/users/:id");
        let mut types = JsonTypes::new(2);
        types.body(&one, Direction::Received, get());
        assert_eq!(
            optional_fields(types),
            [("User".to_string(), vec!["id".to_string(), "note".into()])]
        );
        // A body of the same structure from another request is not a second example: a
        // converter writes both from one schema. Two examples of one request are.
        let mut types = JsonTypes::new(2);
        types.body(&one, Direction::Received, get());
        types.body(
            &one,
            Direction::Received,
            body(Role::Success, "Update a user", "/users/:id"),
        );
        assert_eq!(optional_fields(types)[0].1, ["id", "note"]);
        let mut types = JsonTypes::new(2);
        types.body(&one.clone().unify(one.clone()), Direction::Received, get());
        assert_eq!(optional_fields(types)[0].1, ["note"]);
        // Items of one list are one example; two examples of the list are two.
        let list = serde_json::json!([{"id": "a"}, {"id": "b"}]);
        let mut types = JsonTypes::new(2);
        types.body(
            &Shape::of(&list),
            Direction::Received,
            body(Role::Success, "List users", "/users"),
        );
        assert_eq!(
            optional_fields(types),
            [("User".to_string(), vec!["id".to_string()])]
        );
        let mut types = JsonTypes::new(2);
        let both = Shape::of(&list).unify(Shape::of(&list));
        types.body(
            &both,
            Direction::Received,
            body(Role::Success, "List users", "/users"),
        );
        assert!(optional_fields(types)[0].1.is_empty());
        // Trusting one example is the user's choice; what is sent is always required.
        let mut types = JsonTypes::new(1);
        types.body(&one, Direction::Received, get());
        assert_eq!(optional_fields(types)[0].1, ["note"]);
        let mut types = JsonTypes::new(2);
        types.body(
            &one,
            Direction::Sent,
            body(Role::Request, "Create a user", "/users"),
        );
        assert_eq!(
            optional_fields(types),
            [("CreateAUser".to_string(), vec!["note".to_string()])]
        );
    }

    #[test]
    fn sentences_and_shared_bodies_fall_back_to_paths_and_requests() {
        let sentence = body(
            Role::Success,
            "Retrieve a list of all the Messages associated with your account",
            "/2010-04-01/Accounts/:AccountSid/Messages.json",
        );
        assert_eq!(
            entity(&sentence, false),
            Some((vec!["message".to_string()], true))
        );
        let list = body(Role::Success, "List users", "/users");
        assert_eq!(entity(&list, false), Some((vec!["user".to_string()], true)));
        // The items of a list body are one of what it lists.
        assert_eq!(entity(&list, true), Some((vec!["user".to_string()], false)));
        let bodies = [
            (
                &body(Role::Success, "Get a meeting", "/meetings/:id"),
                false,
            ),
            (
                &body(Role::Success, "Get a webinar", "/webinars/:id"),
                false,
            ),
        ];
        assert_eq!(common_entity(&bodies), None);
        let bodies = [
            (
                &body(Role::Success, "Get an IM group", "/im/groups/:id"),
                false,
            ),
            (&body(Role::Success, "Update a group", "/groups/:id"), false),
        ];
        assert_eq!(common_entity(&bodies), Some("group".into()));
    }
}
