//! `{{variables}}`: splitting text into literal pieces and variables, and deciding what each
//! variable becomes. Variables with values from the collection, a folder or the environment file
//! become client variables (set with `with_*`, defaulting to those values); the rest become method
//! arguments.

use std::collections::BTreeMap;

use super::lower::Lowerer;
use super::names::{self, Scope};
use super::{Arg, ArgSource, Piece};

/// Text and `{{name}}` references, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'a> {
    Text(&'a str),
    Var(&'a str),
}

/// Splits `text` at `{{name}}` references. An unclosed `{{` is text.
pub fn split(text: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let name = &rest[start + 2..start + 2 + len];
        if name.contains("{{") {
            // `{{a{{b}}`: the first `{{` is text.
            parts.push(Part::Text(&rest[..start + 2]));
            rest = &rest[start + 2..];
            continue;
        }
        if start > 0 {
            parts.push(Part::Text(&rest[..start]));
        }
        parts.push(Part::Var(name.trim()));
        rest = &rest[start + 2 + len + 2..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest));
    }
    parts
}

/// The variable name of a text that is exactly `{{name}}`.
pub fn whole_variable(text: &str) -> Option<&str> {
    match split(text).as_slice() {
        [Part::Var(name)] => Some(name),
        _ => None,
    }
}

/// The arguments of one endpoint method, with their docs. A variable used twice in one request
/// is one argument.
#[derive(Debug)]
pub struct Args {
    scope: Scope,
    by_variable: BTreeMap<String, String>,
    pub list: Vec<Arg>,
    pub docs: Vec<String>,
}

impl Default for Args {
    fn default() -> Self {
        Args {
            scope: Scope::with_reserved(&["self", "query", "body"]),
            by_variable: BTreeMap::new(),
            list: Vec::new(),
            docs: Vec::new(),
        }
    }
}

impl Args {
    /// The argument for the variable or path parameter `name`, added with `ty` and `doc` if new.
    pub fn for_variable(
        &mut self,
        name: &str,
        ty: &str,
        doc: impl FnOnce(&str) -> String,
    ) -> String {
        if let Some(ident) = self.by_variable.get(name) {
            return ident.clone();
        }
        let ident = self.scope.claim(&names::snake(name));
        self.by_variable.insert(name.to_string(), ident.clone());
        self.docs.push(doc(&ident));
        self.list.push(Arg {
            ident: ident.clone(),
            ty: ty.into(),
            source: ArgSource::Variable(name.to_string()),
        });
        ident
    }

    /// Adds an argument that does not stand for a variable (`query`, `body`).
    pub fn push(&mut self, ident: &str, ty: String, doc: String) {
        self.docs.push(doc);
        self.list.push(Arg {
            ident: ident.into(),
            ty,
            source: if ident == "query" {
                ArgSource::Query
            } else {
                ArgSource::Body
            },
        });
    }
}

impl Lowerer {
    /// The value of a client variable, if it has a non-empty one.
    pub(super) fn value_of(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A client variable piece, remembering that the client needs a setter for it.
    pub(super) fn client_var(&mut self, name: &str) -> Piece {
        self.used_vars.insert(name.to_string());
        Piece::Var {
            key: name.to_string(),
        }
    }

    /// The pieces of `text`: variables with values become client variables, the others
    /// arguments (`&str`).
    pub(super) fn pieces(&mut self, text: &str, args: &mut Args) -> Vec<Piece> {
        split(text)
            .into_iter()
            .map(|part| match part {
                Part::Text(text) => Piece::Literal {
                    text: text.to_string(),
                },
                Part::Var(name) if self.value_of(name).is_some() => self.client_var(name),
                Part::Var(name) => Piece::Param {
                    ident: args.for_variable(name, "&str", |ident| {
                        format!(
                            "- `{}`: the value of `{{{{{name}}}}}`.",
                            ident.trim_start_matches("r#")
                        )
                    }),
                    name: name.to_string(),
                },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_variables_out_of_text() {
        assert_eq!(
            split("v{{version}}/x"),
            [Part::Text("v"), Part::Var("version"), Part::Text("/x")]
        );
        assert_eq!(split("{{a}}{{b}}"), [Part::Var("a"), Part::Var("b")]);
        assert_eq!(split("{{open"), [Part::Text("{{open")]);
        assert_eq!(
            split("{{hello_{{var}}}}"),
            [
                Part::Text("{{"),
                Part::Text("hello_"),
                Part::Var("var"),
                Part::Text("}}")
            ]
        );
        assert_eq!(whole_variable("{{baseUrl}}"), Some("baseUrl"));
        assert_eq!(whole_variable("x{{a}}"), None);
    }
}
