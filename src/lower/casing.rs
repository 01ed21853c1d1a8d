//! Whether a struct's fields are renamed one by one or by one `#[serde(rename_all)]`: an API
//! whose keys are camelCase (`accountId`) would otherwise need a rename attribute on nearly
//! every field. The rule is chosen per struct, only where it leaves fewer attributes, and each
//! field still renamed is the one whose key the rule does not produce.

use crate::model::types::{StructDef, TypeDef};

/// serde's name for the only rule chosen: what real collections' keys mostly are besides
/// snake_case, which needs none.
const CAMEL_CASE: &str = "camelCase";

/// Sets the rule of each struct of `defs` that is better off with one (JSON bodies and query
/// or form fields alike: serde writes them all), and which of its fields still need their own
/// rename.
pub(super) fn decide(defs: &mut [TypeDef]) {
    for def in defs {
        if let TypeDef::Struct(s) = def {
            choose(s);
        }
    }
}

fn choose(s: &mut StructDef) {
    // serde's rule slices the first byte: a non-ASCII first letter would stop the derive.
    // (Identifiers are ASCII already; this keeps the rule from ever meeting one.)
    if !s.fields.iter().all(|f| f.ident.is_ascii()) {
        return;
    }
    let plain = |ident: &str| ident.trim_start_matches("r#").to_string();
    // Whether each field would still need its own rename under the rule.
    let under_rule: Vec<bool> = s
        .fields
        .iter()
        .map(|f| camel_case(&plain(&f.ident)) != f.wire)
        .collect();
    let one_by_one = s.fields.iter().filter(|f| f.renamed).count();
    if under_rule.iter().filter(|r| **r).count() < one_by_one {
        s.rename_all = Some(CAMEL_CASE.to_string());
        for (f, renamed) in s.fields.iter_mut().zip(under_rule) {
            f.renamed = renamed;
        }
    }
}

/// What `#[serde(rename_all = "camelCase")]` makes of the field `ident`, exactly as serde
/// does it (`serde_derive`'s `RenameRule`): each `_` dropped and the letter after it
/// capitalized, then the first character lowercased. A test checks it against serde itself.
fn camel_case(ident: &str) -> String {
    let mut pascal = String::with_capacity(ident.len());
    let mut capitalize = true;
    for ch in ident.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    match pascal.chars().next() {
        Some(first) => first.to_ascii_lowercase().to_string() + &pascal[first.len_utf8()..],
        None => pascal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::{FieldDef, StructKind, TypeRef};

    #[derive(serde::Serialize, Default)]
    #[serde(rename_all = "camelCase")]
    // `a__b`: an identifier a JSON key can give (`a  b`), which the rule must treat as serde does.
    #[allow(non_snake_case)]
    struct Probe {
        account_id: u8,
        id_2: u8,
        _01_token: u8,
        r#type: u8,
        a__b: u8,
        x_url_v2: u8,
        plain: u8,
    }

    #[test]
    fn the_rule_names_fields_as_serde_does() {
        let json = serde_json::to_value(Probe::default()).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        let ours: Vec<String> = [
            "account_id",
            "id_2",
            "_01_token",
            "type",
            "a__b",
            "x_url_v2",
            "plain",
        ]
        .iter()
        .map(|i| camel_case(i))
        .collect();
        assert_eq!(keys, ours.iter().collect::<Vec<_>>());
    }

    fn field(ident: &str, wire: &str) -> FieldDef {
        FieldDef {
            ident: ident.into(),
            docs: String::new(),
            wire: wire.into(),
            renamed: ident.trim_start_matches("r#") != wire,
            ty: TypeRef::Named("T".into()),
            optional: false,
            flag: false,
            repeated: false,
            indexed: false,
            variable: None,
        }
    }

    fn json(fields: Vec<FieldDef>) -> StructDef {
        StructDef {
            name: "S".into(),
            docs: String::new(),
            role: StructKind::Json,
            default: false,
            rename_all: None,
            fields,
        }
    }

    #[test]
    fn camel_case_keys_take_one_rule_and_the_odd_key_keeps_its_rename() {
        let mut s = json(vec![
            field("account_id", "accountId"),
            field("r#type", "type"),
            field("user_name", "user_name"),
            field("created_at", "createdAt"),
        ]);
        choose(&mut s);
        assert_eq!(s.rename_all.as_deref(), Some("camelCase"));
        let renamed: Vec<&str> = s
            .fields
            .iter()
            .filter(|f| f.renamed)
            .map(|f| f.wire.as_str())
            .collect();
        assert_eq!(renamed, ["user_name"]);
    }

    #[test]
    fn snake_case_keys_and_ties_stay_field_by_field() {
        let mut s = json(vec![field("user_name", "user_name"), field("id", "id")]);
        choose(&mut s);
        assert_eq!(s.rename_all, None);
        let mut s = json(vec![
            field("account_id", "accountId"),
            field("user_name", "user_name"),
        ]);
        choose(&mut s);
        assert_eq!(s.rename_all, None);
        assert!(s.fields[0].renamed && !s.fields[1].renamed);
        let mut s = json(vec![field("konto_id", "kontoId"), field("größe", "größe")]);
        choose(&mut s);
        assert_eq!(s.rename_all, None);
    }
}
