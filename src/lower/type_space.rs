//! The per-module type space: it hands out type names (unique in the module, shared with child
//! modules and the module's handle type) for the module's own types (params structs, enums of
//! listed values, per-status outcomes), and emits an enum of the same values once. JSON types
//! are the crate's, in `json_types.rs`.

use std::collections::BTreeMap;

use crate::model::types::{EnumDef, StructDef, TypeDef, TypeRef, VariantDef};
use crate::text::docs;
use crate::text::names::{self, Scope};

/// The types of one generated module and the names taken in its type namespace.
#[derive(Debug, Default)]
pub struct TypeSpace {
    pub scope: Scope,
    pub defs: Vec<TypeDef>,
    /// Enums by variant list, for emitting identical ones once.
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
            defs: Vec::new(),
            enums: BTreeMap::new(),
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
        let mut space = TypeSpace::new(Scope::default());
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
