//! What each `{{variable}}` of a request becomes. Variables with values from the collection, a folder or the environment file
//! become client variables (set with `with_*`, defaulting to those values); the rest become method
//! arguments.

use std::collections::BTreeMap;

use super::context::Lowering;
use crate::model::{Arg, ArgSource, Piece, TypeRef};
use crate::text::names::{self, Scope};
use crate::text::vars::{Part, dynamic_written, split};

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
        ty: TypeRef,
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
            ty,
            source: ArgSource::Variable(name.to_string()),
        });
        ident
    }

    /// Adds an argument that does not stand for a variable (`query`, `body`).
    pub fn push(&mut self, ident: &str, ty: TypeRef, doc: String) {
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

impl Lowering {
    /// The value of a client variable, if it has a non-empty one. One of Postman's dynamic
    /// variables (`$guid`) that the collection does not define gets its value when a request
    /// is sent: until then it stands for itself, `{{$guid}}` (typed as text, and matched as
    /// any value by the generated tests' harness).
    pub(super) fn value_of(&self, name: &str) -> Option<&str> {
        self.defined(name).or_else(|| dynamic_written(name))
    }

    /// The value a client variable starts with: [`value_of`](Self::value_of), or for a
    /// variable the collection's scripts set, `{{name}}` (sent as written until a script sets
    /// it, as Postman sends it). Such a variable is the client's in URLs, headers and
    /// credentials; bodies and examples still take it as the collection writes it.
    pub(super) fn client_value_of(&self, name: &str) -> Option<&str> {
        self.value_of(name)
            .or_else(|| self.script_vars.get(name).map(String::as_str))
    }

    /// The collection's non-empty value of a variable.
    fn defined(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// Whether the runtime makes the values of `name` (a dynamic variable the collection does
    /// not define), so the client has no setter or default for it.
    pub(super) fn is_generated(&self, name: &str) -> bool {
        self.defined(name).is_none() && dynamic_written(name).is_some()
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
                Part::Var(name) if self.client_value_of(name).is_some() => self.client_var(name),
                Part::Var(name) => Piece::Param {
                    ident: args.for_variable(name, TypeRef::Str, |ident| {
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
