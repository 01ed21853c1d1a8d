//! Rust types of the generated client: references, definitions and the per-module type space.
//!
//! The type space hands out type names (unique in the module, shared with child modules and the
//! module's handle type) and emits a structurally identical JSON type once, so a group returned by
//! "List groups" and by "Retrieve a group" is one `Group`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::docs;
use super::names::{self, Scope};
use super::shape::Shape;

/// A reference to a type in generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Bool,
    Int,
    Float,
    /// Any JSON.
    Json,
    /// A type defined in the same module.
    Named(String),
    Vec(Box<TypeRef>),
    Option(Box<TypeRef>),
    /// A JSON object keyed by data, in key order.
    Map(Box<TypeRef>),
}

impl TypeRef {
    /// The type as Rust source, with fully qualified paths so user type names cannot shadow them.
    pub fn rust(&self) -> String {
        match self {
            TypeRef::String => "::std::string::String".into(),
            TypeRef::Bool => "bool".into(),
            TypeRef::Int => "i64".into(),
            TypeRef::Float => "f64".into(),
            TypeRef::Json => "::serde_json::Value".into(),
            TypeRef::Named(name) => name.clone(),
            TypeRef::Vec(item) => format!("::std::vec::Vec<{}>", item.rust()),
            TypeRef::Option(inner) => format!("::std::option::Option<{}>", inner.rust()),
            TypeRef::Map(value) => format!(
                "::std::collections::BTreeMap<::std::string::String, {}>",
                value.rust()
            ),
        }
    }

    /// What a user reads in docs: `string`, `integer`, ...
    pub fn describe(&self) -> String {
        match self {
            TypeRef::String => "a string".into(),
            TypeRef::Bool => "a boolean".into(),
            TypeRef::Int => "an integer".into(),
            TypeRef::Float => "a number".into(),
            TypeRef::Json => "any JSON".into(),
            TypeRef::Named(name) => format!("`{name}`"),
            TypeRef::Vec(item) => format!("a list of {}", item.describe()),
            TypeRef::Option(inner) => inner.describe(),
            TypeRef::Map(value) => format!("a map from keys to {}", value.describe()),
        }
    }
}

/// A type definition, laid out by `templates/types.rs.jinja`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeDef {
    Struct(StructDef),
    Enum(EnumDef),
    /// An endpoint's responses (or error bodies) by documented status.
    Outcome(OutcomeDef),
}

/// What a struct is for, which decides its derives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StructKind {
    /// Inferred from JSON examples: serialized and deserialized as JSON.
    Json,
    /// Form fields or query parameters the user fills in: `Default`, serialized as pairs.
    Params,
}

#[derive(Debug, Clone, Serialize)]
pub struct StructDef {
    pub name: String,
    pub docs: String,
    pub role: StructKind,
    /// Whether `Default` is derived: only when every field is optional, so that
    /// `..Default::default()` can never fill a required field with an empty value.
    pub default: bool,
    pub fields: Vec<FieldDef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldDef {
    pub ident: String,
    /// The JSON key or form field name, sent exactly as the collection has it.
    pub wire: String,
    /// Whether `ident` differs from `wire`, so serde needs a rename.
    pub renamed: bool,
    /// The Rust type.
    pub ty: String,
    pub optional: bool,
    /// A query key sent without a value when `true`.
    pub flag: bool,
    pub docs: String,
    /// For params fields: the type of one value (inside `Option` or `Vec`).
    #[serde(skip)]
    pub base: Option<TypeRef>,
    /// For params fields: a list, one value per repeated key.
    #[serde(skip)]
    pub repeated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumDef {
    pub name: String,
    pub docs: String,
    pub variants: Vec<VariantDef>,
    /// The variant that keeps a value this client does not know yet.
    pub fallback: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VariantDef {
    pub ident: String,
    pub wire: String,
    pub docs: String,
}

/// An enum with one variant per documented status of one endpoint, and the function that
/// decodes a response into it.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeDef {
    pub name: String,
    pub docs: String,
    /// Error bodies (decoding may give nothing) rather than 2xx responses (an undocumented 2xx
    /// status is kept as the `Other` variant's raw bytes).
    pub error: bool,
    pub variants: Vec<OutcomeVariant>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeVariant {
    pub ident: String,
    pub code: u16,
    pub docs: String,
    pub read: Read,
    /// The body's Rust type; `None` for a status without a body.
    pub ty: Option<String>,
}

/// How a response body is read; each is a function of the generated runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Read {
    /// Decoded as JSON into the body's type.
    Json,
    /// As text, invalid UTF-8 replaced.
    Text,
    /// As bytes.
    Bytes,
    /// Ignored: the status documents no body.
    Unit,
}

impl Read {
    /// The runtime function that reads a body this way.
    pub fn decoder(self) -> &'static str {
        match self {
            Read::Json => "json",
            Read::Text => "text",
            Read::Bytes => "bytes",
            Read::Unit => "unit",
        }
    }
}

/// The types of one generated module and the names taken in its type namespace.
#[derive(Debug, Default)]
pub struct TypeSpace {
    pub scope: Scope,
    pub defs: Vec<TypeDef>,
    /// JSON structs by structure, for emitting identical ones once.
    json_structs: BTreeMap<String, String>,
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

    pub fn new(scope: Scope) -> Self {
        TypeSpace {
            scope,
            ..TypeSpace::default()
        }
    }

    /// A Rust type for a JSON shape; objects become structs named after `hint` (a field or
    /// endpoint name). `docs` documents the top-level struct.
    pub fn json_type(&mut self, shape: &Shape, hint: &str, docs: &str) -> TypeRef {
        self.json_type_in(shape, hint, "", docs)
    }

    /// [`TypeSpace::json_type`] for a value inside the object named after `parent`: a name
    /// taken by another type becomes `ParentName` before it gets a number.
    fn json_type_in(&mut self, shape: &Shape, hint: &str, parent: &str, docs: &str) -> TypeRef {
        match shape {
            Shape::Unknown | Shape::Any => TypeRef::Json,
            Shape::Null => TypeRef::Option(Box::new(TypeRef::Json)),
            Shape::Bool => TypeRef::Bool,
            Shape::Int => TypeRef::Int,
            Shape::Float => TypeRef::Float,
            Shape::Str => TypeRef::String,
            Shape::Optional(inner) => match self.json_type_in(inner, hint, parent, docs) {
                already @ TypeRef::Option(_) => already,
                ty => TypeRef::Option(Box::new(ty)),
            },
            Shape::Array(item) => {
                let item_hint = names::singular(hint);
                TypeRef::Vec(Box::new(self.json_type_in(item, &item_hint, parent, "")))
            }
            Shape::Map(value) => {
                let value_hint = format!("{hint} value");
                TypeRef::Map(Box::new(self.json_type_in(value, &value_hint, parent, "")))
            }
            // An empty example object says nothing about its keys.
            Shape::Object(fields) if fields.is_empty() => TypeRef::Json,
            Shape::Object(fields) => {
                let mut idents = Scope::default();
                let fields: Vec<FieldDef> = fields
                    .iter()
                    .map(|field| {
                        let ty = self.json_type_in(&field.shape, &field.key, hint, "");
                        let optional = !field.always_present || matches!(ty, TypeRef::Option(_));
                        let ty = match ty {
                            TypeRef::Option(_) => ty,
                            ty if optional => TypeRef::Option(Box::new(ty)),
                            ty => ty,
                        };
                        let ident = idents.claim(&names::snake(&field.key));
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
                        FieldDef {
                            renamed: ident.trim_start_matches("r#") != field.key,
                            docs: format!("`{}`: {}{note}.", field.key, ty.describe()),
                            ident,
                            wire: field.key.clone(),
                            ty: ty.rust(),
                            optional,
                            flag: false,
                            base: None,
                            repeated: false,
                        }
                    })
                    .collect();
                let key = fields
                    .iter()
                    .map(|f| format!("{}:{}:{}:{}", f.ident, f.wire, f.ty, f.optional))
                    .collect::<Vec<_>>()
                    .join(";");
                if let Some(name) = self.json_structs.get(&key) {
                    return TypeRef::Named(name.clone());
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
                self.defs.push(TypeDef::Struct(StructDef {
                    name: name.clone(),
                    docs,
                    role: StructKind::Json,
                    default: false,
                    fields,
                }));
                TypeRef::Named(name)
            }
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
                ident: idents.claim(&names::pascal(value)),
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

/// The explanation of `value` in a description that lists values as "`value` - meaning".
fn variant_docs(value: &str, description: &str) -> String {
    let marker = format!("`{value}`");
    let explained = description.split("<br>").find_map(|part| {
        let rest = part.trim().strip_prefix(&marker)?.trim_start();
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
    });
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

    #[test]
    fn identical_json_structs_are_emitted_once() {
        let mut space = TypeSpace::default();
        let shape = Shape::of(&serde_json::json!({"id": "a", "n": 1}));
        let first = space.json_type(&shape, "group", "");
        let second = space.json_type(&shape, "other", "");
        assert_eq!(first, TypeRef::Named("Group".into()));
        assert_eq!(second, first);
        assert_eq!(space.defs.len(), 1);
    }
}
