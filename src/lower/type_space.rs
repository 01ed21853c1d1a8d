//! The per-module type space: it hands out type names (unique in the module, shared with child
//! modules and the module's handle type) and emits a structurally identical JSON type once, so a
//! group returned by "List groups" and by "Retrieve a group" is one `Group`.

use std::collections::BTreeMap;

use super::infer::shape::Shape;
use crate::model::types::{EnumDef, FieldDef, StructDef, StructKind, TypeDef, TypeRef, VariantDef};
use crate::text::docs;
use crate::text::names::{self, Scope};

/// Whose JSON a type describes, which decides what its examples prove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// Sent by the client (a request body): the user writes it, so each key the examples
    /// always show is a required field.
    Sent,
    /// Received from the API: a key is required only when enough examples show it.
    Received,
}

/// What the examples say of one JSON struct: the most examples any one body with its structure
/// has (a request's examples of one status count together; other requests' do not).
#[derive(Debug)]
struct Evidence {
    /// Its place in [`TypeSpace::defs`].
    index: usize,
    /// How many saved examples show the object.
    examples: u32,
    known: Vec<Known>,
    docs: String,
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
    note: &'static str,
}

/// A JSON struct's direction and, per field, its identifier, key, type as shown and whether it
/// is loose: what makes two bodies one type.
type StructKey = (Direction, Vec<(String, String, TypeRef, bool)>);

/// The types of one generated module and the names taken in its type namespace.
#[derive(Debug)]
pub struct TypeSpace {
    pub scope: Scope,
    pub defs: Vec<TypeDef>,
    /// How many examples must show an object received from the API before the keys they all
    /// show are required.
    pub required_evidence: u32,
    /// JSON structs by direction and structure (each field's identifier, key, type as shown
    /// and whether some example lacks it), for emitting identical ones once.
    json_structs: BTreeMap<StructKey, String>,
    /// The evidence of each JSON struct, by name.
    evidence: BTreeMap<String, Evidence>,
    /// Enums by variant list, for the same reason.
    enums: BTreeMap<Vec<String>, String>,
}

impl TypeSpace {
    /// The struct named `name` in this module.
    pub fn struct_named(&self, name: &str) -> Option<&StructDef> {
        self.defs.iter().find_map(|d| match d {
            TypeDef::Struct(s) if s.name == name => Some(s),
            _ => None,
        })
    }

    /// The enum named `name` in this module.
    pub fn enum_named(&self, name: &str) -> Option<&EnumDef> {
        self.defs.iter().find_map(|d| match d {
            TypeDef::Enum(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    pub fn new(scope: Scope, required_evidence: u32) -> Self {
        TypeSpace {
            scope,
            defs: Vec::new(),
            required_evidence,
            json_structs: BTreeMap::new(),
            evidence: BTreeMap::new(),
            enums: BTreeMap::new(),
        }
    }

    /// A Rust type for a JSON shape; objects become structs named after `hint` (a field or
    /// endpoint name). `docs` documents the top-level struct.
    pub fn json_type(
        &mut self,
        shape: &Shape,
        hint: &str,
        docs: &str,
        direction: Direction,
    ) -> TypeRef {
        self.json_type_in(shape, hint, "", docs, direction)
    }

    /// [`TypeSpace::json_type`] for a value inside the object named after `parent`: a name
    /// taken by another type becomes `ParentName` before it gets a number.
    fn json_type_in(
        &mut self,
        shape: &Shape,
        hint: &str,
        parent: &str,
        docs: &str,
        direction: Direction,
    ) -> TypeRef {
        match shape {
            Shape::Unknown | Shape::Any => TypeRef::Json,
            Shape::Null => TypeRef::Option(Box::new(TypeRef::Json)),
            Shape::Bool => TypeRef::Bool,
            Shape::Int => TypeRef::Int,
            Shape::Float => TypeRef::Float,
            Shape::Str => TypeRef::String,
            Shape::Optional(inner) => match self.json_type_in(inner, hint, parent, docs, direction)
            {
                already @ TypeRef::Option(_) => already,
                ty => TypeRef::Option(Box::new(ty)),
            },
            Shape::Array(item) => {
                let item_hint = names::singular(hint);
                TypeRef::Vec(Box::new(
                    self.json_type_in(item, &item_hint, parent, "", direction),
                ))
            }
            Shape::Map(value) => {
                let value_hint = format!("{hint} value");
                TypeRef::Map(Box::new(self.json_type_in(
                    value,
                    &value_hint,
                    parent,
                    "",
                    direction,
                )))
            }
            // An empty example object says nothing about its keys.
            Shape::Object { fields, .. } if fields.is_empty() => TypeRef::Json,
            Shape::Object { fields, examples } => {
                let mut idents = Scope::default();
                let known: Vec<Known> = fields
                    .iter()
                    .map(|field| {
                        let ty = self.json_type_in(&field.shape, &field.key, hint, "", direction);
                        let note = match (&field.shape, field.always_present) {
                            (Shape::Any, _) => ": the examples disagree on its type",
                            (Shape::Array(item), _) if **item == Shape::Unknown => {
                                ": the examples show only empty lists"
                            }
                            (Shape::Null, _) => ": the examples show only `null`",
                            (_, false) => ", missing from some examples",
                            (Shape::Optional(_), true) => ", `null` in some examples",
                            _ => "",
                        };
                        Known {
                            ident: idents.claim(&names::snake(&field.key)),
                            wire: field.key.clone(),
                            loose: !field.always_present || matches!(ty, TypeRef::Option(_)),
                            ty,
                            note,
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
                if let Some(name) = self.json_structs.get(&key) {
                    let name = name.clone();
                    // Bodies of other requests are not more evidence: a converter writes each
                    // from the same schema, with every property. Only a request's own examples
                    // (unified into `examples` before) add up.
                    if let Some(evidence) = self.evidence.get_mut(&name)
                        && *examples > evidence.examples
                    {
                        evidence.examples = *examples;
                        let index = evidence.index;
                        let def = self.settled(&name);
                        self.defs[index] = TypeDef::Struct(def);
                    }
                    return TypeRef::Named(name);
                }
                let preferred = names::pascal(hint);
                let name = if self.scope.contains(&preferred) && !parent.is_empty() {
                    self.scope
                        .claim(&names::pascal(&format!("{parent} {hint}")))
                } else {
                    self.scope.claim(&preferred)
                };
                self.json_structs.insert(key, name.clone());
                let docs = if docs.is_empty() {
                    format!("The `{hint}` object, as inferred from the collection's examples.")
                } else {
                    docs.to_string()
                };
                let examples = match direction {
                    // What the user sends is what the user writes: each key shown is asked for.
                    Direction::Sent => u32::MAX,
                    Direction::Received => *examples,
                };
                self.evidence.insert(
                    name.clone(),
                    Evidence {
                        index: self.defs.len(),
                        examples,
                        known,
                        docs,
                    },
                );
                let def = self.settled(&name);
                self.defs.push(TypeDef::Struct(def));
                TypeRef::Named(name)
            }
        }
    }

    /// The struct `name` as its evidence so far decides it: a key that every example shows is
    /// required once at least [`TypeSpace::required_evidence`] examples show the object, and
    /// optional, with the struct's docs saying why, before.
    fn settled(&self, name: &str) -> StructDef {
        let evidence = &self.evidence[name];
        let tolerant = evidence.examples < self.required_evidence;
        let fields = evidence
            .known
            .iter()
            .map(|k| {
                let optional = k.loose || tolerant;
                let ty = match &k.ty {
                    TypeRef::Option(_) => k.ty.clone(),
                    ty if optional => TypeRef::Option(Box::new(ty.clone())),
                    ty => ty.clone(),
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
                }
            })
            .collect();
        let docs = match evidence.examples {
            _ if !tolerant => evidence.docs.clone(),
            n => format!(
                "{}\n\nOnly {} saved example{} show{} this object, fewer than the {} that make \
                 the keys shown required, so every field is an `Option`: a response that leaves \
                 one out still decodes. `Config::required_evidence({n})` (`--required-evidence \
                 {n}`) trusts the examples.",
                evidence.docs,
                if n == 1 {
                    "one".to_string()
                } else {
                    n.to_string()
                },
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" },
                self.required_evidence,
            ),
        };
        StructDef {
            name: name.to_string(),
            docs,
            role: StructKind::Json,
            default: false,
            fields,
        }
    }

    /// An enum of string values. `preferred` is tried first as the name; when it is taken by an
    /// enum of other values, `fallback_name` is used. `description` may explain each value in
    /// the form "`value` - meaning".
    pub fn string_enum(
        &mut self,
        values: &[String],
        preferred: &str,
        fallback_name: &str,
        description: &str,
    ) -> TypeRef {
        if let Some(name) = self.enums.get(values) {
            return TypeRef::Named(name.clone());
        }
        let name = if self.scope.contains(preferred) {
            self.scope.claim(fallback_name)
        } else {
            self.scope.claim(preferred)
        };
        let mut idents = Scope::default();
        let variants: Vec<VariantDef> = values
            .iter()
            .map(|value| VariantDef {
                ident: idents.claim(&variant_name(value, description)),
                wire: value.clone(),
                docs: variant_docs(value, description),
            })
            .collect();
        let fallback = idents.claim("Other");
        self.enums.insert(values.to_vec(), name.clone());
        self.defs.push(TypeDef::Enum(EnumDef {
            name: name.clone(),
            docs: format!(
                "One of {}.",
                values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            variants,
            fallback,
        }));
        TypeRef::Named(name)
    }
}

/// A variant's name: the value's, or for a value that is no word (`1`), the first three words
/// (small ones left out) of what the description says it means ("`1` - Instant meeting."
/// gives `InstantMeeting`, "`3` - The plan is too expensive." `PlanTooExpensive`).
fn variant_name(value: &str, description: &str) -> String {
    let from_value = names::pascal(value);
    if !from_value.starts_with('_') {
        return from_value;
    }
    /// Words a name reads as well without.
    const SMALL: &[&str] = &[
        "a", "an", "the", "is", "are", "be", "of", "in", "on", "to", "for", "with", "and", "or",
    ];
    let label = explanation(value, description).unwrap_or_default();
    let words: Vec<&str> = label
        .split(['.', ',', ';', '(', ':'])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .filter(|w| !SMALL.contains(&w.to_ascii_lowercase().as_str()))
        .take(3)
        .collect();
    match names::pascal(&words.join(" ")) {
        label if !words.is_empty() && !label.starts_with('_') && label != "Unnamed" => label,
        _ => from_value,
    }
}

/// What a description that lists values as "`value` - meaning" says `value` means.
fn explanation(value: &str, description: &str) -> Option<String> {
    let marker = format!("`{value}`");
    description
        .split(['\n'])
        .flat_map(|l| l.split("<br>"))
        .find_map(|part| {
            let rest = part.trim().trim_start_matches(['*', '-']).trim_start();
            let rest = rest.strip_prefix(&marker)?.trim_start();
            let rest = rest
                .strip_prefix('-')
                .or_else(|| rest.strip_prefix(':'))?
                .trim();
            // The list's last entry often carries the "(This can only be one of ...)" note.
            let rest = rest
                .split(" (This can only be one of")
                .next()
                .unwrap_or(rest);
            Some(docs::summary(rest))
        })
}

/// The docs of `value`'s variant: what the description says it means, if it does.
fn variant_docs(value: &str, description: &str) -> String {
    let explained = explanation(value, description);
    match explained {
        Some(text) if !text.is_empty() => format!("`{value}`: {text}"),
        _ => format!("`{value}`."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_docs_come_from_the_description() {
        let description = "IM Group types:<br>`normal` - Only members.<br>`shared` - Everyone. (This can only be one of normal,shared)";
        assert_eq!(
            variant_docs("normal", description),
            "`normal`: Only members."
        );
        assert_eq!(variant_docs("shared", description), "`shared`: Everyone.");
        assert_eq!(variant_docs("other", description), "`other`.");
    }

    fn struct_def(space: &TypeSpace, name: &str) -> StructDef {
        space.struct_named(name).expect("the struct").clone()
    }

    fn optional_fields(def: &StructDef) -> Vec<&str> {
        def.fields
            .iter()
            .filter(|f| f.optional)
            .map(|f| f.ident.as_str())
            .collect()
    }

    #[test]
    fn identical_json_structs_are_emitted_once() {
        let mut space = TypeSpace::new(Scope::default(), 2);
        let shape = Shape::of(&serde_json::json!({"id": "a", "n": 1}));
        let first = space.json_type(&shape, "group", "", Direction::Received);
        let second = space.json_type(&shape, "other", "", Direction::Received);
        assert_eq!(first, TypeRef::Named("Group".into()));
        assert_eq!(second, first);
        assert_eq!(space.defs.len(), 1);
        // What is sent is another type: its fields are required on one example.
        let sent = space.json_type(&shape, "group", "", Direction::Sent);
        assert_eq!(sent, TypeRef::Named("Group2".into()));
        assert!(optional_fields(&struct_def(&space, "Group2")).is_empty());
    }

    #[test]
    fn a_received_key_is_required_only_on_enough_evidence() {
        let one = Shape::of(&serde_json::json!({"id": "a", "note": null}));
        let mut space = TypeSpace::new(Scope::default(), 2);
        space.json_type(&one, "user", "", Direction::Received);
        let def = struct_def(&space, "User");
        assert_eq!(optional_fields(&def), ["id", "note"]);
        assert!(
            def.docs
                .contains("Only one saved example shows this object"),
            "{}",
            def.docs
        );
        assert_eq!(def.fields[0].ty, TypeRef::Option(Box::new(TypeRef::String)));

        // A body of the same structure from another request is not a second example: a
        // converter writes both from one schema. Two examples of one request are.
        space.json_type(&one, "member", "", Direction::Received);
        assert_eq!(optional_fields(&struct_def(&space, "User")), ["id", "note"]);
        space.json_type(
            &one.clone().unify(one.clone()),
            "member",
            "",
            Direction::Received,
        );
        let def = struct_def(&space, "User");
        assert_eq!(optional_fields(&def), ["note"]);
        assert_eq!(def.fields[0].ty, TypeRef::String);
        assert!(!def.docs.contains("saved example"), "{}", def.docs);

        // Items of one list are one example; two examples of the list are two.
        let list = serde_json::json!([{"id": "a"}, {"id": "b"}]);
        let mut space = TypeSpace::new(Scope::default(), 2);
        space.json_type(&Shape::of(&list), "users", "", Direction::Received);
        assert_eq!(optional_fields(&struct_def(&space, "User")), ["id"]);
        let both = Shape::of(&list).unify(Shape::of(&list));
        let mut space = TypeSpace::new(Scope::default(), 2);
        space.json_type(&both, "users", "", Direction::Received);
        assert!(optional_fields(&struct_def(&space, "User")).is_empty());

        // Trusting one example is the user's choice.
        let mut space = TypeSpace::new(Scope::default(), 1);
        space.json_type(&one, "user", "", Direction::Received);
        assert_eq!(optional_fields(&struct_def(&space, "User")), ["note"]);
    }

    #[test]
    fn numeric_values_are_named_after_what_they_mean() {
        let description = "Type:<br>`1` - Instant meeting.<br>`2` - Scheduled meeting, with a time.<br>`8` - (none)";
        assert_eq!(variant_name("1", description), "InstantMeeting");
        assert_eq!(variant_name("2", description), "ScheduledMeeting");
        assert_eq!(variant_name("8", description), "_8");
        assert_eq!(
            variant_name("3", "`3` - The plan is too expensive.<br>`4` - x"),
            "PlanTooExpensive"
        );
        assert_eq!(variant_name("normal", description), "Normal");
        let mut space = TypeSpace::new(Scope::default(), 2);
        let values: Vec<String> = ["1", "2"].map(String::from).to_vec();
        space.string_enum(&values, "MeetingType", "MeetingType", description);
        let TypeDef::Enum(def) = &space.defs[0] else {
            panic!("an enum")
        };
        let idents: Vec<&str> = def.variants.iter().map(|v| v.ident.as_str()).collect();
        assert_eq!(idents, ["InstantMeeting", "ScheduledMeeting"]);
        assert_eq!(def.variants[1].docs, "`2`: Scheduled meeting, with a time.");
    }
}
