//! The model as the templates see it, made as they read it.
//!
//! `Value::from_serialize` of the whole model copied it into minijinja values before the first
//! template ran: as much memory again as the model itself (119 MB for 10,000 requests), held
//! until every file was rendered. Here the api and its modules are objects whose fields are made
//! when a template reads them, and the long lists (a module's endpoints, types and child modules,
//! the api's requests) are sequences whose items are made when a loop reaches them and dropped
//! when it moves on. Templates read them exactly as they read serialized values.

use std::fmt;
use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};

use crate::model::{Api, Module};

/// The template value of `api`.
pub(super) fn api(api: Arc<Api>) -> Value {
    Value::from_object(View {
        api,
        node: Node::Api,
    })
}

/// The api or one of its modules.
struct View {
    api: Arc<Api>,
    node: Node,
}

enum Node {
    Api,
    /// The module reached from the root through these child indices.
    Module(Vec<usize>),
}

/// One of the long lists of the model.
struct Items {
    api: Arc<Api>,
    list: List,
}

enum List {
    /// A range of `api.requests`.
    Requests(std::ops::Range<usize>),
    Endpoints(Vec<usize>),
    Types(Vec<usize>),
    Modules(Vec<usize>),
}

/// The fields of [`Api`] that templates may read, as serialized.
const API_FIELDS: &[&str] = &[
    "crate_name",
    "crate_ident",
    "title",
    "docs",
    "source_file",
    "base_url",
    "vars",
    "auth",
    "host_vars",
    "requests",
    "root",
];

/// The fields of [`Module`] that templates may read, as serialized.
const MODULE_FIELDS: &[&str] = &[
    "ident",
    "path",
    "accessor",
    "handle",
    "title",
    "docs",
    "handle_docs",
    "accessors",
    "depth",
    "is_root",
    "endpoints",
    "types",
    "modules",
];

/// How deep the module `value` is, when it is one of the model's modules.
pub(super) fn depth_of(value: &Value) -> Option<usize> {
    let view = value.downcast_object_ref::<View>()?;
    match &view.node {
        Node::Module(path) => Some(module(&view.api, path).depth),
        Node::Api => None,
    }
}

fn module<'a>(api: &'a Api, path: &[usize]) -> &'a Module {
    path.iter().fold(&api.root, |m, &i| &m.modules[i])
}

fn child_path(path: &[usize], index: usize) -> Vec<usize> {
    let mut child = path.to_vec();
    child.push(index);
    child
}

/// The template value of the module of `api` reached from the root through `path` (child
/// indices).
pub(super) fn module_view(api: &Arc<Api>, path: Vec<usize>) -> Value {
    Value::from_object(View {
        api: Arc::clone(api),
        node: Node::Module(path),
    })
}

/// The requests `start..end` of `api.requests` that one function of the `replay` example
/// sends, with the function's name.
pub(super) fn batch(api: &Arc<Api>, ident: String, start: usize, end: usize) -> Value {
    let sends = api.requests[start..end].iter().any(|r| r.call.is_some());
    let requests = Value::from_object(Items {
        api: Arc::clone(api),
        list: List::Requests(start..end),
    });
    minijinja::context! {
        ident,
        // Numbered from 1, as a reader counts.
        first => start + 1,
        last => end,
        // Whether it sends any (else it does not use the client).
        sends,
        requests,
    }
}

impl View {
    fn items(&self, list: List) -> Value {
        Value::from_object(Items {
            api: Arc::clone(&self.api),
            list,
        })
    }
}

impl Object for View {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        let api = &*self.api;
        let text = |s: &String| Value::from(s.as_str());
        Some(match &self.node {
            Node::Api => match key {
                "crate_name" => text(&api.crate_name),
                "crate_ident" => text(&api.crate_ident),
                "title" => text(&api.title),
                "docs" => text(&api.docs),
                "source_file" => text(&api.source_file),
                "base_url" => Value::from_serialize(&api.base_url),
                "vars" => Value::from_serialize(&api.vars),
                "auth" => Value::from_serialize(&api.auth),
                "host_vars" => Value::from_serialize(&api.host_vars),
                "requests" => self.items(List::Requests(0..api.requests.len())),
                "root" => Value::from_object(View {
                    api: Arc::clone(&self.api),
                    node: Node::Module(Vec::new()),
                }),
                _ => return None,
            },
            Node::Module(path) => {
                let m = module(api, path);
                match key {
                    "ident" => text(&m.ident),
                    "path" => Value::from_serialize(&m.path),
                    "accessor" => text(&m.accessor),
                    "handle" => text(&m.handle),
                    "title" => text(&m.title),
                    "docs" => text(&m.docs),
                    "handle_docs" => text(&m.handle_docs),
                    "depth" => Value::from(m.depth),
                    "accessors" => Value::from_serialize(&m.accessors),
                    // The expression of this module's handle from a client named `client`.
                    "chain" => Value::from(
                        m.accessors
                            .iter()
                            .fold(String::from("client"), |chain, a| chain + "." + a + "()"),
                    ),
                    // The path back to the crate root, as Rust: made here, not in templates.
                    "root" => Value::from_safe_string(super::rust::root_path(m.depth)),
                    "is_root" => Value::from(m.is_root),
                    "endpoints" => self.items(List::Endpoints(path.clone())),
                    "types" => self.items(List::Types(path.clone())),
                    "modules" => self.items(List::Modules(path.clone())),
                    _ => return None,
                }
            }
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(match self.node {
            Node::Api => API_FIELDS,
            Node::Module(_) => MODULE_FIELDS,
        })
    }
}

impl Items {
    fn len(&self) -> usize {
        let api = &*self.api;
        match &self.list {
            List::Requests(range) => range.len(),
            List::Endpoints(path) => module(api, path).endpoints.len(),
            List::Types(path) => module(api, path).types.len(),
            List::Modules(path) => module(api, path).modules.len(),
        }
    }
}

impl Object for Items {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        let api = &*self.api;
        Some(match &self.list {
            List::Requests(range) => Value::from_serialize(
                api.requests
                    .get(range.start + index)
                    .filter(|_| index < range.len())?,
            ),
            List::Endpoints(path) => Value::from_serialize(module(api, path).endpoints.get(index)?),
            List::Types(path) => Value::from_serialize(module(api, path).types.get(index)?),
            List::Modules(path) => {
                module(api, path).modules.get(index)?;
                Value::from_object(View {
                    api: Arc::clone(&self.api),
                    node: Node::Module(child_path(path, index)),
                })
            }
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.len())
    }
}

// Objects must be `Debug`; the model itself would be far too long to show.
impl fmt::Debug for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.node {
            Node::Api => f.write_str("api"),
            Node::Module(path) => write!(f, "module {path:?}"),
        }
    }
}

impl fmt::Debug for Items {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} items", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field the model serializes reads as that serialized value through the views, and
    /// the views offer no field it does not have.
    #[test]
    fn views_read_as_the_serialized_model() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/formats.json"
        ))
        .unwrap();
        let input = crate::collection::parse(std::path::Path::new("formats.json"), &text).unwrap();
        let model = crate::lower::lower(
            input,
            &crate::lower::Options {
                crate_name: "formats".into(),
                environment: Default::default(),
            },
        )
        .unwrap();
        let serialized = Value::from_serialize(&model);
        let lazy = api(Arc::new(model));
        assert_same(&serialized, &lazy, "api");
    }

    /// Compares `expected` (plain values) with `lazy` field by field and item by item.
    fn assert_same(expected: &Value, lazy: &Value, at: &str) {
        match expected.kind() {
            minijinja::value::ValueKind::Map => {
                let keys: Vec<Value> = expected.try_iter().unwrap().collect();
                let lazy_keys: Vec<Value> = lazy.try_iter().unwrap().collect();
                assert_eq!(keys, lazy_keys, "{at}: fields");
                for key in keys {
                    let name = key.as_str().unwrap();
                    let inner = lazy.get_attr(name).unwrap();
                    assert!(!inner.is_undefined(), "{at}.{name} is missing");
                    assert_same(
                        &expected.get_attr(name).unwrap(),
                        &inner,
                        &format!("{at}.{name}"),
                    );
                }
            }
            minijinja::value::ValueKind::Seq => {
                assert_eq!(expected.len(), lazy.len(), "{at}: length");
                assert_eq!(expected.is_true(), lazy.is_true(), "{at}: truth");
                for i in 0..expected.len().unwrap() {
                    assert_same(
                        &expected.get_item_by_index(i).unwrap(),
                        &lazy.get_item_by_index(i).unwrap(),
                        &format!("{at}[{i}]"),
                    );
                }
            }
            _ => assert_eq!(expected, lazy, "{at}"),
        }
    }
}
