//! Example values and calls as Rust code, for doctests, generated tests and `replay`.
//!
//! User text (example values, JSON bodies, file names) only becomes string literals through
//! [`escape::rust_literal`]; identifiers and type paths come from the model and are checked by
//! syn before they are written.

use super::escape;
use super::rust::{crate_path, ident, type_path_text};
use crate::model::calls::{Call, Value};

/// `client.accessor().method(args...)` for `call`, with type paths under the crate `krate`.
/// With `substitute`, the name of a function from text to `String`, example text that names a
/// variable (`{{name}}`) is passed through that function when the call runs: `replay`
/// substitutes the values it is given, as Postman's runner does.
pub fn call_expr(
    call: &Call,
    krate: &str,
    client: &str,
    substitute: Option<&str>,
) -> Result<String, String> {
    let mut out = ident(client)?.to_string();
    for accessor in &call.accessors {
        out.push_str(&format!(".{}()", ident(accessor)?));
    }
    let args = call
        .args
        .iter()
        .map(|a| value_expr(a, krate, substitute))
        .collect::<Result<Vec<_>, _>>()?;
    out.push_str(&format!(".{}({})", ident(&call.method)?, args.join(", ")));
    Ok(out)
}

/// `value` as a Rust expression; `substitute` as for [`call_expr`].
pub fn value_expr(value: &Value, krate: &str, substitute: Option<&str>) -> Result<String, String> {
    // Text naming a variable, through the substitution function when there is one.
    let substituted = |text: &str| -> Result<Option<String>, String> {
        match substitute {
            Some(function) if text.contains("{{") => Ok(Some(format!(
                "{}({})",
                ident(function)?,
                escape::rust_literal(text)
            ))),
            _ => Ok(None),
        }
    };
    let string = |text: &str| -> Result<String, String> {
        Ok(substituted(text)?
            .unwrap_or_else(|| format!("{}.to_string()", escape::rust_literal(text))))
    };
    let nested = |value: &Value| value_expr(value, krate, substitute);
    Ok(match value {
        Value::Str { text } => match substituted(text)? {
            Some(expr) => format!("&{expr}"),
            None => escape::rust_literal(text),
        },
        Value::String { text } => string(text)?,
        Value::Int { value } => value.to_string(),
        Value::Float { value } if value.is_finite() => format!("{value:?}"),
        Value::Float { .. } => return Err("a number that is not finite".into()),
        Value::Bool { value } => value.to_string(),
        Value::Variant { ty, ident: variant } => {
            format!("{}::{}", type_path_text(krate, ty)?, ident(variant)?)
        }
        Value::Other {
            ty,
            ident: variant,
            text,
        } => format!(
            "{}::{}({})",
            type_path_text(krate, ty)?,
            ident(variant)?,
            string(text)?
        ),
        Value::Some { value } => format!("Some({})", nested(value)?),
        Value::None => "None".into(),
        Value::List { items } => {
            let items = items.iter().map(nested).collect::<Result<Vec<_>, _>>()?;
            format!("vec![{}]", items.join(", "))
        }
        Value::Map { entries } if entries.is_empty() => {
            "::std::collections::BTreeMap::new()".into()
        }
        Value::Map { entries } => {
            let entries = entries
                .iter()
                .map(|(key, value)| {
                    let key = format!("{}.to_string()", escape::rust_literal(key));
                    Ok(format!("({key}, {})", nested(value)?))
                })
                .collect::<Result<Vec<_>, String>>()?;
            format!(
                "::std::collections::BTreeMap::from([{}])",
                entries.join(", ")
            )
        }
        Value::Struct { ty, fields } => {
            let fields = fields
                .iter()
                .map(|f| Ok(format!("{}: {}", ident(&f.ident)?, nested(&f.value)?)))
                .collect::<Result<Vec<_>, String>>()?;
            format!("{} {{ {} }}", type_path_text(krate, ty)?, fields.join(", "))
        }
        Value::JsonRef { text, written } => {
            let decoded = |text: String| format!("::serde_json::from_str({text})");
            let literal = decoded(escape::rust_literal(text));
            let from = match (
                written.as_deref().map(substituted).transpose()?.flatten(),
                substituted(text)?,
            ) {
                // The collection's text, substituted; when a variable without a value leaves it
                // no JSON (as Postman would send it), the call's own value.
                (Some(written), _) => {
                    format!("{}.or_else(|_| {literal})", decoded(format!("&{written}")))
                }
                (None, Some(substituted)) => decoded(format!("&{substituted}")),
                (None, None) => literal,
            };
            format!("&{from}.expect(\"the collection's example is JSON of this type\")")
        }
        Value::File { file_name } => {
            let mut file = format!(
                "{}::runtime::File::new(b\"example file contents\".to_vec())",
                crate_path(krate)?
            );
            if let Some(name) = file_name {
                file.push_str(&format!(".with_file_name({})", escape::rust_literal(name)));
            }
            file
        }
        Value::Ref { value } => format!("&{}", nested(value)?),
        Value::Parsed { text, fallback } => match substituted(text)? {
            Some(expr) => format!("{expr}.parse().unwrap_or({})", nested(fallback)?),
            None => nested(fallback)?,
        },
    })
}

/// The "Example" section of an endpoint's docs: a `no_run` doctest that makes a client with
/// the expression `client` (laid out by the template, e.g.
/// `zoom::Client::new(zoom::BASE_URL)?.with_bearer_token("access token")`) and calls the
/// endpoint with the collection's example values. The code is parsed by syn before it is used.
pub fn example_doc(call: &Call, krate: &str, client: &str, fence: &str) -> Result<String, String> {
    let call = call_expr(call, krate, "client", None)?;
    let source = format!(
        "fn example() {{\n\
         let client = {client};\n\
         let response = {call}.await?;\n\
         println!(\"{{}}: {{:?}}\", response.status(), response.into_inner());\n\
         }}"
    );
    let file: syn::File = syn::parse_str(&source).map_err(|e| format!("{e} in {source}"))?;
    let pretty = prettyplease::unparse(&file);
    let mut lines = vec![
        "# Example".to_string(),
        String::new(),
        format!("```{fence}"),
        "# async fn example() -> Result<(), Box<dyn std::error::Error>> {".to_string(),
    ];
    // The body of the function, one indentation level less.
    let body: Vec<&str> = pretty.lines().collect();
    for line in &body[1..body.len().saturating_sub(1)] {
        lines.push(line.strip_prefix("    ").unwrap_or(line).to_string());
    }
    lines.push("# Ok(())".into());
    lines.push("# }".into());
    lines.push("```".into());
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TypePath;
    use crate::model::calls::FieldValue;

    #[test]
    fn values_are_literals_and_checked_paths() {
        let value = Value::Ref {
            value: Box::new(Value::Struct {
                ty: TypePath {
                    module: vec!["im_groups".into()],
                    name: "Form".into(),
                },
                fields: vec![
                    FieldValue {
                        ident: "r#type".into(),
                        value: Value::Some {
                            value: Box::new(Value::Other {
                                ty: TypePath {
                                    module: vec!["im_groups".into()],
                                    name: "Kind".into(),
                                },
                                ident: "Other".into(),
                                text: "x\"); std::process::exit(1); (\"".into(),
                            }),
                        },
                    },
                    FieldValue {
                        ident: "n".into(),
                        value: Value::List {
                            items: vec![Value::Int { value: -3 }, Value::Int { value: 4 }],
                        },
                    },
                ],
            }),
        };
        let code = value_expr(&value, "zoom", None).unwrap();
        assert_eq!(
            code,
            r#"&zoom::im_groups::Form { r#type: Some(zoom::im_groups::Kind::Other("x\"); std::process::exit(1); (\"".to_string())), n: vec![-3, 4] }"#
        );
        let parsed: syn::Expr = syn::parse_str(&code).unwrap();
        let _ = parsed;
        assert!(
            value_expr(
                &Value::Variant {
                    ty: TypePath {
                        module: vec!["a; b".into()],
                        name: "T".into(),
                    },
                    ident: "C".into()
                },
                "k",
                None
            )
            .is_err()
        );
    }

    #[test]
    fn variables_in_example_text_go_through_the_substitution_function() {
        let text = |text: &str| Value::Str { text: text.into() };
        // Without a function (doctests, generated tests) the text is the value.
        assert_eq!(
            value_expr(&text("{{id}}"), "k", None).unwrap(),
            r#""{{id}}""#
        );
        assert_eq!(
            value_expr(&text("{{id}}"), "k", Some("vars")).unwrap(),
            r#"&vars("{{id}}")"#
        );
        assert_eq!(
            value_expr(&text("plain"), "k", Some("vars")).unwrap(),
            r#""plain""#
        );
        // A number given as a variable parses its value, or shows the type's example value.
        let parsed = Value::Parsed {
            text: "{{limit}}".into(),
            fallback: Box::new(Value::Int { value: 1 }),
        };
        assert_eq!(
            value_expr(&parsed, "k", Some("vars")).unwrap(),
            r#"vars("{{limit}}").parse().unwrap_or(1)"#
        );
        assert_eq!(value_expr(&parsed, "k", None).unwrap(), "1");
        // A JSON body: the call's value, or the collection's text substituted, falling back
        // to the call's value when a variable without a value leaves it no JSON.
        let json = Value::JsonRef {
            text: r#"{"code": "{{code}}"}"#.into(),
            written: Some(r#"{"code": "{{code}}", "n": {{n}}}"#.into()),
        };
        let expect = r#".expect("the collection's example is JSON of this type")"#;
        assert_eq!(
            value_expr(&json, "k", None).unwrap(),
            format!(r#"&::serde_json::from_str("{{\"code\": \"{{{{code}}}}\"}}"){expect}"#)
        );
        assert_eq!(
            value_expr(&json, "k", Some("vars")).unwrap(),
            format!(
                r#"&::serde_json::from_str(&vars("{{\"code\": \"{{{{code}}}}\", \"n\": {{{{n}}}}}}")).or_else(|_| ::serde_json::from_str("{{\"code\": \"{{{{code}}}}\"}}")){expect}"#
            )
        );
        for value in [text("{{id}}"), parsed, json] {
            let code = value_expr(&value, "k", Some("vars")).unwrap();
            syn::parse_str::<syn::Expr>(&code).unwrap();
        }
    }
}
