//! The one place where the model's types and paths become Rust text: a [`TypeRef`], a
//! [`Decoder`], a module's path or the path back to the crate root, a [`TypePath`].
//!
//! Generated code names standard types by fully qualified paths (`::std::string::String`), so a
//! type the collection names `String` cannot shadow them; a path relative to the module it is
//! written in reaches the root through `super`s. Every identifier is checked on the way out, so a
//! bug that put something else in the model is an error rather than code.

use crate::model::types::{Read, SHARED_MODULE};
use crate::model::{Decoder, TypePath, TypeRef};
use crate::text::names;

/// `ty` as generated code writes it in a module `depth` modules below the crate root.
pub fn type_text(ty: &TypeRef, depth: usize) -> Result<String, String> {
    type_text_from(ty, &root_path(depth))
}

/// `ty` as code outside the client writes it, through the client crate `krate` (the generated
/// tests, which glob-import each module's own types).
pub fn type_text_in(ty: &TypeRef, krate: &str) -> Result<String, String> {
    type_text_from(ty, &crate_path(krate)?)
}

/// `ty`, reaching the crate's root items through `root`.
fn type_text_from(ty: &TypeRef, root: &str) -> Result<String, String> {
    Ok(match ty {
        TypeRef::String => "::std::string::String".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::Int => "i64".into(),
        TypeRef::Float => "f64".into(),
        TypeRef::Json => "::serde_json::Value".into(),
        TypeRef::Unit => "()".into(),
        TypeRef::Bytes => "::std::vec::Vec<u8>".into(),
        TypeRef::Str => "&str".into(),
        TypeRef::Named(name) => ident(name)?.to_string(),
        TypeRef::Shared(name) => format!("{root}::{SHARED_MODULE}::{}", ident(name)?),
        TypeRef::Provisional(n) => return Err(format!("JSON type #{n} was never named")),
        TypeRef::File => format!("{root}::runtime::File"),
        TypeRef::Body => "impl ::std::convert::Into<::reqwest::Body>".into(),
        TypeRef::Vec(item) => format!("::std::vec::Vec<{}>", type_text_from(item, root)?),
        TypeRef::Option(inner) => {
            format!("::std::option::Option<{}>", type_text_from(inner, root)?)
        }
        TypeRef::Map(value) => format!(
            "::std::collections::BTreeMap<::std::string::String, {}>",
            type_text_from(value, root)?
        ),
        TypeRef::Ref(inner) => format!("&{}", type_text_from(inner, root)?),
    })
}

/// `ty` as a user writes it, without the paths generated code spells out: `Option<String>`.
pub fn short_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::Int => "i64".into(),
        TypeRef::Float => "f64".into(),
        TypeRef::Json => "Value".into(),
        TypeRef::Unit => "()".into(),
        TypeRef::Bytes => "Vec<u8>".into(),
        TypeRef::Str => "&str".into(),
        TypeRef::Named(name) | TypeRef::Shared(name) => name.clone(),
        TypeRef::Provisional(n) => format!("#{n}"),
        TypeRef::File => "File".into(),
        TypeRef::Body => "impl Into<reqwest::Body>".into(),
        TypeRef::Vec(item) => format!("Vec<{}>", short_type(item)),
        TypeRef::Option(inner) => format!("Option<{}>", short_type(inner)),
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", short_type(value)),
        TypeRef::Ref(inner) => format!("&{}", short_type(inner)),
    }
}

/// The function `decoder` names, as a path from a module `depth` modules below the root.
pub fn decoder_text(decoder: &Decoder, depth: usize) -> Result<String, String> {
    let runtime = |function: &str| format!("{}::runtime::{function}", root_path(depth));
    Ok(match decoder {
        Decoder::Read(read) => runtime(match read {
            Read::Json => "json",
            Read::JsonOrEmpty => "json_or_empty",
            Read::Text => "text",
            Read::Bytes => "bytes",
            Read::Unit => "unit",
        }),
        Decoder::JsonError => runtime("json_error"),
        Decoder::NoErrorBody => runtime("no_error_body"),
        Decoder::Outcome(name) => format!("{}::decode", ident(name)?),
    })
}

/// The path from a module `depth` modules below the crate root back to it: `self`, `super`,
/// `super::super`, ...
pub fn root_path(depth: usize) -> String {
    match depth {
        0 => "self".into(),
        depth => vec!["super"; depth].join("::"),
    }
}

/// How a module's handle reaches the client, as Rust: the root's handle is the `Client` itself,
/// a folder's handle borrows it for a lifetime `'a`.
pub struct Handle {
    /// The handle type's generic parameters: `<'a>` for a folder's.
    pub generics: &'static str,
    /// The lifetime of what the handle's methods return: `'_` (the client's borrow) or `'a`.
    pub lifetime: &'static str,
    /// The expression of the client in the handle's methods: `self` or `self.client`.
    pub client: &'static str,
}

/// The [`Handle`] of the root module's (`is_root`) or a folder's handle.
pub fn handle(is_root: bool) -> Handle {
    if is_root {
        Handle {
            generics: "",
            lifetime: "'_",
            client: "self",
        }
    } else {
        Handle {
            generics: "<'a>",
            lifetime: "'a",
            client: "self.client",
        }
    }
}

/// A module path (`im_groups::members`) from its identifiers.
pub fn module_path(segments: &[String]) -> Result<String, String> {
    let checked = segments
        .iter()
        .map(|s| ident(s))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(checked.join("::"))
}

/// The path of a type the client defines, through the crate (or module) `krate`.
pub fn type_path_text(krate: &str, path: &TypePath) -> Result<String, String> {
    let mut text = crate_path(krate)?;
    for segment in path.module.iter().chain([&path.name]) {
        text.push_str("::");
        text.push_str(ident(segment)?);
    }
    Ok(text)
}

/// A path through which generated code is reached (`zoom`, `my_crate::zoom`), checked.
pub fn crate_path(krate: &str) -> Result<String, String> {
    let segments = krate
        .split("::")
        .map(ident)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(segments.join("::"))
}

/// `text`, if it is an identifier (raw ones included).
pub fn ident(text: &str) -> Result<&str, String> {
    if names::is_written_ident(text) || syn::parse_str::<syn::Ident>(text).is_ok() {
        Ok(text)
    } else {
        Err(format!("`{text}` is not an identifier"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_written_fully_qualified_and_relative_to_their_module() {
        let ty = TypeRef::Named("Group".into()).list().optional().by_ref();
        assert_eq!(
            type_text(&ty, 1).unwrap(),
            "&::std::option::Option<::std::vec::Vec<Group>>"
        );
        assert_eq!(type_text(&TypeRef::File, 0).unwrap(), "self::runtime::File");
        assert_eq!(
            type_text(&TypeRef::File.list(), 2).unwrap(),
            "::std::vec::Vec<super::super::runtime::File>"
        );
        for ty in [
            ty,
            TypeRef::Map(Box::new(TypeRef::Json)),
            TypeRef::Body,
            TypeRef::Unit,
        ] {
            let text = type_text(&ty, 3).unwrap();
            syn::parse_str::<syn::Type>(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        }
        assert_eq!(
            short_type(&TypeRef::Map(Box::new(TypeRef::Int)).optional()),
            "Option<BTreeMap<String, i64>>"
        );
        assert!(type_text(&TypeRef::Named("a b".into()), 0).is_err());
    }

    #[test]
    fn decoders_and_paths() {
        assert_eq!(
            decoder_text(&Decoder::Read(Read::Json), 2).unwrap(),
            "super::super::runtime::json"
        );
        assert_eq!(
            decoder_text(&Decoder::Outcome("GetResponse".into()), 1).unwrap(),
            "GetResponse::decode"
        );
        assert_eq!(root_path(0), "self");
        let path = TypePath {
            module: vec!["a".into(), "r#type".into()],
            name: "Form".into(),
        };
        assert_eq!(
            type_path_text("my::api", &path).unwrap(),
            "my::api::a::r#type::Form"
        );
        assert!(type_path_text("a; b", &path).is_err());
        assert!(module_path(&["a".into(), "b-c".into()]).is_err());
    }
}
