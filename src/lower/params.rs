//! The params structs of query parameters and form fields.
//!
//! A key is a field, sent exactly as the collection writes it; a key given more than once is a
//! list, each item sent under it, and so is a key written `name[]`. Bracketed keys are data
//! structures, as PHP, Rails and Stripe read them, and are sent with the same keys:
//! `expand[0]`, `expand[1]` are one list sent with indices (so a third value can be sent),
//! `address[city]` is a field of a nested struct, `line_items[0][price]` a list of structs, and
//! `metadata[order_id]` an entry of a map, where the keys are data. A base whose keys fit no
//! one structure (`a` and `a[b]`, `a[0]` and `a[b]`, gaps in the indices, file parts) keeps
//! its keys as flat fields.

use std::collections::BTreeMap;

use super::context::ModuleScope;
use super::infer::concepts::Concepts;
use super::infer::scalar::{Inferred, Scalar, infer, is_placeholder, is_required};
use crate::model::types::{FieldDef, StructDef, StructKind, TypeDef, TypeRef};
use crate::overrides::{FieldOverride, FieldType};
use crate::text::docs;
use crate::text::keys::{self, Segment};
use crate::text::names::{self, Scope};
use crate::text::vars;

/// A form field or query parameter before typing.
pub(super) struct ParamSpec<'a> {
    pub key: &'a str,
    pub value: Option<&'a str>,
    pub description: &'a str,
    pub disabled: bool,
    /// Required whatever the description says (its value is a variable only the caller knows).
    pub required: bool,
    /// A query key without a value (`?flag`): a `bool` that sends the bare key.
    pub flag: bool,
    /// For a file part: whether the collection gives several files (repeated parts).
    pub file: Option<bool>,
    /// The values the saved examples' original requests give this key.
    pub samples: Vec<&'a str>,
    /// The client variable the collection fills this field with (`{{name}}`, a variable with
    /// a value, which is then `value`).
    pub variable: Option<&'a str>,
    /// What the overrides file says of this key: its type, whether it is required, its name.
    pub pin: Option<&'a FieldOverride>,
}

/// How deep bracketed keys may nest before they are kept flat: far beyond any real API, and
/// it bounds the recursion over them.
const MAX_SEGMENTS: usize = 16;

/// A struct of form fields or query parameters; returns its name.
pub(super) fn params_struct(
    m: &mut ModuleScope,
    concepts: &Concepts,
    specs: &[ParamSpec<'_>],
    hint: &str,
    pascal: &str,
    purpose: &str,
    docs: &str,
) -> String {
    let name = m.types.scope.claim(&names::pascal(hint));
    let mut builder = Builder {
        singular: m.singular(),
        m,
        concepts,
        pascal,
        purpose,
    };
    let entries = entries(specs);
    let mut idents = Scope::default();
    for entry in &entries {
        if let Entry::Flat(specs) = entry {
            claim_pinned(&mut idents, specs);
        }
    }
    let fields: Vec<FieldDef> = entries
        .into_iter()
        .map(|entry| match entry {
            Entry::Flat(specs) => {
                let key = specs[0].key;
                let repeated = specs.len() > 1 || key.ends_with("[]");
                builder.leaf(&mut idents, key, &specs, repeated, true)
            }
            Entry::Tree(base, shape) => builder.field(&mut idents, &name, base, base, &shape, true),
        })
        .collect();
    builder.m.types.defs.push(TypeDef::Struct(StructDef {
        name: name.clone(),
        docs: docs.to_string(),
        role: StructKind::Params,
        default: fields.iter().all(can_default),
        rename_all: None,
        fields,
    }));
    name
}

/// A field the user may leave out of a struct literal filled with `..Default::default()`.
fn can_default(field: &FieldDef) -> bool {
    field.optional || field.flag || field.ty.is_list() || matches!(field.ty, TypeRef::Map(_))
}

/// The fields of a params struct before typing, in the order their first key appears.
enum Entry<'s, 'a> {
    /// The specs of one key (several: a repeated key).
    Flat(Vec<&'s ParamSpec<'a>>),
    /// The bracketed keys of one base, as one structure.
    Tree(&'a str, Shape<'s, 'a>),
}

/// The specs given under one bracketed key, as written.
enum Node<'s, 'a> {
    Leaf(Vec<&'s ParamSpec<'a>>),
    /// Named segments, in the order they first appear.
    Object(Vec<(String, Node<'s, 'a>)>),
    /// Indexed segments.
    List(BTreeMap<usize, Node<'s, 'a>>),
}

/// What a structure's fields are: the items of a list merged into one shape.
enum Shape<'s, 'a> {
    /// The specs of one key wherever it is; `repeated` when one position gives it twice.
    Leaf {
        specs: Vec<&'s ParamSpec<'a>>,
        repeated: bool,
    },
    /// Fields by name, each with whether every item of the enclosing lists has it.
    Object(Vec<(String, Shape<'s, 'a>, bool)>),
    List(Box<Shape<'s, 'a>>),
}

/// Groups `specs` into fields: flat keys and one structure per base of bracketed keys.
fn entries<'s, 'a>(specs: &'s [ParamSpec<'a>]) -> Vec<Entry<'s, 'a>> {
    // A flag is a bare key, a file part cannot be nested: their keys are flat.
    let bracketed = |spec: &ParamSpec<'a>| {
        keys::parse(spec.key).filter(|(_, segments)| {
            !spec.flag && spec.file.is_none() && segments.len() <= MAX_SEGMENTS
        })
    };
    let mut trees: BTreeMap<&'a str, Option<Node<'s, 'a>>> = BTreeMap::new();
    for spec in specs {
        if let Some((base, segments)) = bracketed(spec) {
            let node = trees.entry(base).or_insert_with(|| Some(empty(&segments)));
            if let Some(tree) = node
                && insert(tree, &segments, spec).is_err()
            {
                *node = None;
            }
        }
    }
    // A base also written bare is two things at once.
    for spec in specs {
        if bracketed(spec).is_none()
            && let Some(node) = trees.get_mut(spec.key)
        {
            *node = None;
        }
    }
    let mut shapes: BTreeMap<&'a str, Shape<'s, 'a>> = trees
        .into_iter()
        .filter_map(|(base, node)| Some((base, shape(node?)?)))
        .collect();
    let tree_bases: Vec<&'a str> = shapes.keys().copied().collect();
    let mut out: Vec<Entry<'s, 'a>> = Vec::new();
    for spec in specs {
        if let Some((base, _)) = bracketed(spec).filter(|(b, _)| tree_bases.contains(b)) {
            // The structure goes where its first key is; its other keys are in it.
            if let Some(shape) = shapes.remove(base) {
                out.push(Entry::Tree(base, shape));
            }
            continue;
        }
        // The same key again (not a flag) is one list field.
        match out.iter_mut().find_map(|entry| match entry {
            Entry::Flat(group) if group[0].key == spec.key && !spec.flag => Some(group),
            _ => None,
        }) {
            Some(group) => group.push(spec),
            None => out.push(Entry::Flat(vec![spec])),
        }
    }
    out
}

/// An empty node for the rest of a key whose next segment is `segments[0]`.
fn empty<'s, 'a>(segments: &[Segment]) -> Node<'s, 'a> {
    match segments.first() {
        None => Node::Leaf(Vec::new()),
        Some(Segment::Name(_)) => Node::Object(Vec::new()),
        Some(Segment::Index(_)) => Node::List(BTreeMap::new()),
    }
}

/// Puts `spec` at `segments` below `node`; an error when the key makes a node two things (a
/// value and an object, an object and a list).
fn insert<'s, 'a>(
    node: &mut Node<'s, 'a>,
    segments: &[Segment],
    spec: &'s ParamSpec<'a>,
) -> Result<(), ()> {
    match (node, segments.split_first()) {
        (Node::Leaf(specs), None) => {
            specs.push(spec);
            Ok(())
        }
        (Node::Object(children), Some((Segment::Name(name), rest))) => {
            let index = match children.iter().position(|(n, _)| n == name) {
                Some(index) => index,
                None => {
                    children.push((name.clone(), empty(rest)));
                    children.len() - 1
                }
            };
            insert(&mut children[index].1, rest, spec)
        }
        (Node::List(items), Some((Segment::Index(index), rest))) => insert(
            items.entry(*index).or_insert_with(|| empty(rest)),
            rest,
            spec,
        ),
        _ => Err(()),
    }
}

/// The shape of a structure: `None` when a list's indices are not 0, 1, ... or its items do
/// not fit one shape, or a list holds lists or repeated keys (no Rust value sends those keys).
fn shape<'s, 'a>(node: Node<'s, 'a>) -> Option<Shape<'s, 'a>> {
    match node {
        Node::Leaf(specs) => Some(Shape::Leaf {
            repeated: specs.len() > 1,
            specs,
        }),
        Node::Object(children) => Some(Shape::Object(
            children
                .into_iter()
                .map(|(name, child)| Some((name, shape(child)?, true)))
                .collect::<Option<_>>()?,
        )),
        Node::List(items) => {
            if items.keys().enumerate().any(|(i, index)| i != *index) {
                return None;
            }
            // A list is sent from index 0 on: the items the collection sends (enabled) must
            // come first, or the client could not send what Postman sends (`expand[1]` with
            // `expand[0]` disabled).
            let sent: Vec<bool> = items.values().map(enabled).collect();
            if sent.windows(2).any(|w| !w[0] && w[1]) {
                return None;
            }
            let item = items
                .into_values()
                .map(shape)
                .reduce(|a, b| merge(a?, b?))??;
            match item {
                Shape::List(_) | Shape::Leaf { repeated: true, .. } => None,
                item => Some(Shape::List(Box::new(item))),
            }
        }
    }
}

/// Whether any key below `node` is enabled.
fn enabled(node: &Node<'_, '_>) -> bool {
    match node {
        Node::Leaf(specs) => specs.iter().any(|s| !s.disabled),
        Node::Object(children) => children.iter().any(|(_, child)| enabled(child)),
        Node::List(items) => items.values().any(enabled),
    }
}

/// One shape for two items of a list: a field either lacks is optional.
fn merge<'s, 'a>(a: Shape<'s, 'a>, b: Shape<'s, 'a>) -> Option<Shape<'s, 'a>> {
    match (a, b) {
        (
            Shape::Leaf {
                specs: mut first,
                repeated: r1,
            },
            Shape::Leaf {
                specs: second,
                repeated: r2,
            },
        ) => {
            first.extend(second);
            Some(Shape::Leaf {
                specs: first,
                repeated: r1 || r2,
            })
        }
        (Shape::Object(first), Shape::Object(second)) => {
            let mut second: Vec<Option<(String, Shape<'s, 'a>, bool)>> =
                second.into_iter().map(Some).collect();
            let mut fields = Vec::new();
            for (name, shape, always) in first {
                let other = second
                    .iter_mut()
                    .find(|f| f.as_ref().is_some_and(|(n, _, _)| *n == name))
                    .and_then(Option::take);
                fields.push(match other {
                    Some((_, other, also)) => (name, merge(shape, other)?, always && also),
                    None => (name, shape, false),
                });
            }
            fields.extend(
                second
                    .into_iter()
                    .flatten()
                    .map(|(name, shape, _)| (name, shape, false)),
            );
            Some(Shape::Object(fields))
        }
        (Shape::List(a), Shape::List(b)) => Some(Shape::List(Box::new(merge(*a, *b)?))),
        _ => None,
    }
}

/// Types fields and makes the nested structs they need in the module.
struct Builder<'m, 'p> {
    m: &'m mut ModuleScope,
    /// Every value each parameter name takes across the collection.
    concepts: &'p Concepts,
    /// The request's name in PascalCase, for the enums of its fields.
    pascal: &'p str,
    /// What a field is called in docs: `form field`, `query parameter`.
    purpose: &'p str,
    /// The folder's name in the singular, for the enums shared by its requests.
    singular: Option<String>,
}

impl Builder<'_, '_> {
    /// The field for the structure `shape` under `wire` (the base of a top-level field, a
    /// segment inside a nested struct), whose keys are written `display` (`line_items[0]`). A
    /// field not `present` in every item of an enclosing list is optional.
    fn field(
        &mut self,
        idents: &mut Scope,
        owner: &str,
        wire: &str,
        display: &str,
        shape: &Shape<'_, '_>,
        present: bool,
    ) -> FieldDef {
        // The keys as docs show them, in a code span.
        let shown = display.replace('`', "'");
        match shape {
            Shape::Leaf { specs, repeated } => self.leaf(idents, wire, specs, *repeated, present),
            Shape::List(item) => {
                let first = format!("{display}[0]");
                let (ty, docs) = match item.as_ref() {
                    Shape::Leaf { specs, .. } => {
                        let leaf = self.leaf(&mut Scope::default(), wire, specs, false, true);
                        (leaf.ty.required().clone(), leaf.docs)
                    }
                    Shape::Object(fields) => {
                        let hint = names::singular(wire);
                        let name = self.nested(owner, &hint, &first, fields);
                        (
                            TypeRef::Named(name.clone()),
                            format!("The `{shown}[0]` {}s, see [`{name}`].", self.purpose),
                        )
                    }
                    Shape::List(_) => unreachable!("`shape` makes no list of lists"),
                };
                let ident = idents.claim(&names::snake(wire));
                FieldDef {
                    renamed: ident.trim_start_matches("r#") != wire,
                    docs: format!(
                        "{docs}\n\nA list: each item is sent under `{shown}[0]`, `{shown}[1]`, \
                         ..., as the collection writes its keys."
                    ),
                    ident,
                    wire: wire.to_string(),
                    ty: ty.list(),
                    optional: false,
                    flag: false,
                    repeated: false,
                    indexed: true,
                    variable: None,
                }
            }
            Shape::Object(fields) if is_map(wire, fields) => {
                let specs: Vec<&ParamSpec<'_>> = fields
                    .iter()
                    .flat_map(|(_, shape, _)| match shape {
                        Shape::Leaf { specs, .. } => specs.clone(),
                        _ => Vec::new(),
                    })
                    .collect();
                let values = values(&specs);
                let inferred = infer(&values, "");
                let ty = scalar_type(&inferred.scalar);
                let ident = idents.claim(&names::snake(wire));
                let key = wire.replace('`', "'");
                let keys: Vec<String> = fields
                    .iter()
                    .map(|(key, _, _)| format!("`{}`", key.replace('`', "'")))
                    .collect();
                FieldDef {
                    renamed: ident.trim_start_matches("r#") != wire,
                    docs: format!(
                        "The `{shown}[...]` {}s: a map whose keys are data, each entry sent \
                         under `{key}[key]`. The collection gives the keys {}.",
                        self.purpose,
                        keys.join(", ")
                    ),
                    ident,
                    wire: wire.to_string(),
                    ty: TypeRef::Map(Box::new(ty)),
                    optional: false,
                    flag: false,
                    repeated: false,
                    indexed: false,
                    variable: None,
                }
            }
            Shape::Object(fields) => {
                let name = self.nested(owner, wire, display, fields);
                let optional = !present || self.all_optional(&name);
                let ident = idents.claim(&names::snake(wire));
                let ty = TypeRef::Named(name.clone());
                FieldDef {
                    renamed: ident.trim_start_matches("r#") != wire,
                    docs: format!("The `{shown}[...]` {}s, see [`{name}`].", self.purpose),
                    ident,
                    wire: wire.to_string(),
                    ty: if optional { ty.optional() } else { ty },
                    optional,
                    flag: false,
                    repeated: false,
                    indexed: false,
                    variable: None,
                }
            }
        }
    }

    /// A nested struct of `fields` written under `display`, named after `hint` (or `owner` and
    /// `hint` when that is taken); returns its name.
    fn nested(
        &mut self,
        owner: &str,
        hint: &str,
        display: &str,
        fields: &[(String, Shape<'_, '_>, bool)],
    ) -> String {
        let preferred = names::pascal(hint);
        let name = if self.m.types.scope.contains(&preferred) {
            self.m
                .types
                .scope
                .claim(&names::pascal(&format!("{owner} {hint}")))
        } else {
            self.m.types.scope.claim(&preferred)
        };
        let mut idents = Scope::default();
        for (_, shape, _) in fields {
            if let Shape::Leaf { specs, .. } = shape {
                claim_pinned(&mut idents, specs);
            }
        }
        let fields: Vec<FieldDef> = fields
            .iter()
            .map(|(key, shape, present)| {
                let display = format!("{display}[{key}]");
                self.field(&mut idents, &name, key, &display, shape, *present)
            })
            .collect();
        self.m.types.defs.push(TypeDef::Struct(StructDef {
            name: name.clone(),
            docs: format!(
                "The `{}[...]` {}s, sent under the keys the collection writes.",
                display.replace('`', "'"),
                self.purpose
            ),
            role: StructKind::Nested,
            default: fields.iter().all(can_default),
            rename_all: None,
            fields,
        }));
        name
    }

    /// Whether every field of the nested struct `name` may be left out.
    fn all_optional(&self, name: &str) -> bool {
        self.m
            .types
            .struct_named(name)
            .is_some_and(|def| def.default)
    }

    /// The field sent under `key` (the whole key, or a segment inside a nested struct) for
    /// the specs given there, typed from all their values: a list when the key is `repeated`,
    /// optional unless `present` and required.
    fn leaf(
        &mut self,
        idents: &mut Scope,
        key: &str,
        specs: &[&ParamSpec<'_>],
        repeated: bool,
        present: bool,
    ) -> FieldDef {
        let spec = specs[0];
        let repeated = repeated && !spec.flag;
        // What the overrides file says wins over what the examples suggest; a bare key stays
        // a `bool` and a file a file (`check_pins` reports an override that says otherwise).
        let pinned_ty = spec
            .pin
            .and_then(|p| p.ty)
            .filter(|_| !spec.flag && spec.file.is_none());
        let pinned_required = spec.pin.and_then(|p| p.required).filter(|_| !spec.flag);
        let inferred = (!spec.flag && pinned_ty.is_none()).then(|| {
            self.concepts
                .field(spec.key, &values(specs), spec.description)
        });
        // Enums are named after the whole key without its indices (`items[0][kind]`: `ItemsKind`).
        let field_pascal = names::pascal(&without_indices(spec.key));
        let ty = match (spec.file, pinned_ty, inferred.as_ref().map(|i| &i.scalar)) {
            (Some(true), _, _) => TypeRef::File.list(),
            (Some(false), _, _) => TypeRef::File,
            (None, Some(pinned), _) => pinned_type(pinned),
            (None, None, None) => TypeRef::Bool,
            (None, None, Some(Scalar::Enum(values))) => {
                let preferred = match &self.singular {
                    Some(s) => format!("{s}{field_pascal}"),
                    None => format!("{}{field_pascal}", self.pascal),
                };
                let fallback = format!("{}{field_pascal}", self.pascal);
                self.m
                    .types
                    .string_enum(values, &preferred, &fallback, spec.description)
            }
            (None, None, Some(scalar)) => scalar_type(scalar),
        };
        let ty = if repeated { ty.list() } else { ty };
        // A flag is a plain `bool` (`false` leaves it out) and an empty list sends nothing.
        // A field the client fills from its variable is one the caller may leave out, unless
        // the overrides file says the caller gives it.
        let variable = spec.variable.filter(|_| {
            !spec.flag && !repeated && spec.file.is_none() && pinned_required != Some(true)
        });
        let optional = !spec.flag
            && !repeated
            && match pinned_required {
                Some(required) => !required,
                None => {
                    variable.is_some()
                        || !present
                        || spec.disabled
                        || !(spec.required || is_required(spec.description))
                }
            };
        // A pinned name was claimed with the struct's first field.
        let ident = match spec.pin.and_then(|p| p.name.as_deref()) {
            Some(name) => names::snake(name),
            None => idents.claim(&names::snake(key)),
        };
        let mut docs = field_doc(
            spec,
            self.purpose,
            repeated,
            inferred.as_ref().map_or("", |i: &Inferred| &i.why),
        );
        if let Some(name) = variable {
            docs.push_str(&format!(
                "\n\nWhen `None`, {} is sent, as the collection has it.",
                vars::filler_doc(name)
            ));
        }
        FieldDef {
            renamed: ident.trim_start_matches("r#") != key,
            docs,
            ident,
            wire: key.to_string(),
            ty: if optional { ty.optional() } else { ty },
            optional,
            flag: spec.flag,
            repeated,
            indexed: false,
            variable: variable.map(str::to_string),
        }
    }
}

/// Claims the name the overrides file pins for the key of `specs`, before any name is
/// derived in the same struct: a pinned name is never the one numbered.
fn claim_pinned(idents: &mut Scope, specs: &[&ParamSpec<'_>]) {
    if let Some(name) = specs[0].pin.and_then(|p| p.name.as_deref()) {
        idents.claim(&names::snake(name));
    }
}

/// The Rust type an override gives a key (`json` is refused before: keys hold text).
fn pinned_type(ty: FieldType) -> TypeRef {
    match ty {
        FieldType::Integer => TypeRef::Int,
        FieldType::Number => TypeRef::Float,
        FieldType::Boolean => TypeRef::Bool,
        FieldType::String | FieldType::Json => TypeRef::String,
    }
}

/// `key` without its `[0]` segments.
fn without_indices(key: &str) -> String {
    match keys::parse(key) {
        Some((base, segments)) => std::iter::once(base.to_string())
            .chain(segments.into_iter().filter_map(|s| match s {
                Segment::Name(name) => Some(name),
                Segment::Index(_) => None,
            }))
            .collect::<Vec<_>>()
            .join(" "),
        None => key.to_string(),
    }
}

/// Every value the specs show: their own and their samples'.
fn values<'a>(specs: &[&ParamSpec<'a>]) -> Vec<&'a str> {
    specs
        .iter()
        .flat_map(|s| s.value.into_iter().chain(s.samples.iter().copied()))
        .collect()
}

/// The Rust type of a scalar that is not an enum.
fn scalar_type(scalar: &Scalar) -> TypeRef {
    match scalar {
        Scalar::Bool => TypeRef::Bool,
        Scalar::Int => TypeRef::Int,
        Scalar::Float => TypeRef::Float,
        Scalar::Str | Scalar::Enum(_) => TypeRef::String,
    }
}

/// Whether an object's keys are data rather than field names: Stripe's `metadata[...]`, an
/// object described as key-value pairs, or keys that are no names.
fn is_map(wire: &str, fields: &[(String, Shape<'_, '_>, bool)]) -> bool {
    let leaves = fields.iter().all(|(_, shape, _)| {
        matches!(
            shape,
            Shape::Leaf {
                repeated: false,
                ..
            }
        )
    });
    let described = fields.iter().any(|(_, shape, _)| match shape {
        Shape::Leaf { specs, .. } => specs.iter().any(|s| {
            let text = s.description.to_ascii_lowercase();
            text.contains("key-value") || text.contains("key/value")
        }),
        _ => false,
    });
    let unnamed = fields.iter().any(|(key, _, _)| {
        !key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    });
    leaves && (wire.eq_ignore_ascii_case("metadata") || described || unnamed)
}

fn field_doc(spec: &ParamSpec<'_>, purpose: &str, repeated: bool, why: &str) -> String {
    let description = docs::to_rustdoc(spec.description);
    let mut text = if description.is_empty() {
        let what = if spec.file.is_some() {
            "file part"
        } else {
            purpose
        };
        format!("The `{}` {what}.", spec.key.replace('`', "'"))
    } else {
        description
    };
    if repeated && spec.key.ends_with("[]") {
        text.push_str(&format!(
            "\n\nA list: each item is sent under `{}`, in order.",
            spec.key.replace('`', "'")
        ));
    } else if repeated {
        text.push_str(
            "\n\nThe collection gives this key several times: each item is sent, in order.",
        );
    }
    if spec.flag {
        text.push_str("\n\n`true` sends the bare key, without `=`.");
    } else if let Some(example) = example_text(spec.value).filter(|_| spec.file.is_none()) {
        text.push_str(&format!("\n\nExample: {example}."));
    }
    if !why.is_empty() && spec.file.is_none() {
        text.push_str(&format!("\n\n{why}"));
    }
    if spec.disabled {
        text.push_str("\n\nDisabled in the collection: not sent unless set.");
    }
    text
}

/// An example value as a code span, unless it is a placeholder or cannot be one.
pub(super) fn example_text(value: Option<&str>) -> Option<String> {
    let value = value?.trim();
    (!value.is_empty() && !is_placeholder(value) && !value.contains('`') && !value.contains('\n'))
        .then(|| format!("`{value}`"))
}
