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

use super::rust;

use crate::model::types::SHARED_MODULE;
use crate::model::{Api, Endpoint, Listed, Module};

/// The template value of `api`.
pub(super) fn api(api: Arc<Api>) -> Value {
    Value::from_object(View::new(api, Node::Api))
}

/// The api or one of its modules: its serialized fields (the model skips the long lists when
/// serialized), its lists made as they are read, and a module's [`MODULE_MADE`] values.
struct View {
    api: Arc<Api>,
    node: Node,
    /// The serialized fields, made when first read.
    fields: std::sync::OnceLock<Value>,
}

enum Node {
    Api,
    /// The module reached from the root through these child indices.
    Module(Vec<usize>),
    /// The crate's `types` module, of the JSON types.
    Shared,
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
    /// The JSON types of the `types` module.
    Shared,
}

/// What a view offers besides the model's serialized fields: the long lists, made lazily.
const API_LISTS: &[&str] = &["requests", "root"];
const MODULE_LISTS: &[&str] = &["endpoints", "types", "modules"];
/// What a module's view makes from its fields for the templates: Rust the templates would
/// otherwise spell out themselves.
const MODULE_MADE: &[&str] = &["root", "chain", "generics", "lifetime", "client"];

/// How deep the module `value` is, when it is one of the model's modules.
pub(super) fn depth_of(value: &Value) -> Option<usize> {
    let view = value.downcast_object_ref::<View>()?;
    match &view.node {
        Node::Module(path) => Some(module(&view.api, path).depth),
        Node::Shared => Some(1),
        Node::Api => None,
    }
}

/// The endpoint `listed` stands for.
fn endpoint<'a>(api: &'a Api, listed: &Listed) -> &'a Endpoint {
    &module(api, &listed.module).endpoints[listed.endpoint]
}

/// A request of the collection-order list as templates read it: `title`, `method`,
/// `path_display`, the `call` that `replay` sends, or why it is `skipped`.
fn request(api: &Api, listed: &Listed) -> Value {
    let e = endpoint(api, listed);
    minijinja::context! {
        title => e.title.as_str(),
        method => e.method.as_str(),
        path_display => e.path_display.as_str(),
        call => Value::from_serialize(e.call.as_ref()),
        skipped => e.call_skipped.as_deref(),
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

/// The template value of the crate's `types` module: its `ident`, `docs` and `types`, and
/// `root`, the path back to the crate root, like a module's.
pub(super) fn shared_view(api: &Arc<Api>) -> Value {
    Value::from_object(View::new(Arc::clone(api), Node::Shared))
}

/// The template value of the module of `api` reached from the root through `path` (child
/// indices).
pub(super) fn module_view(api: &Arc<Api>, path: Vec<usize>) -> Value {
    Value::from_object(View::new(Arc::clone(api), Node::Module(path)))
}

/// The requests `start..end` of `api.requests` that one function of the `replay` example
/// sends, with the function's name.
pub(super) fn batch(api: &Arc<Api>, ident: String, start: usize, end: usize) -> Value {
    let sends = api.requests[start..end]
        .iter()
        .any(|r| endpoint(api, r).call.is_some());
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
    fn new(api: Arc<Api>, node: Node) -> View {
        View {
            api,
            node,
            fields: std::sync::OnceLock::new(),
        }
    }

    fn items(&self, list: List) -> Value {
        Value::from_object(Items {
            api: Arc::clone(&self.api),
            list,
        })
    }

    /// The model's own fields, as serialized.
    fn fields(&self) -> &Value {
        self.fields.get_or_init(|| match &self.node {
            Node::Api => Value::from_serialize(&*self.api),
            Node::Module(path) => Value::from_serialize(module(&self.api, path)),
            Node::Shared => minijinja::context! {
                ident => SHARED_MODULE,
                docs => "The JSON types of the API: the bodies its requests send and receive, \
                         and the objects inside them, each defined once however many requests \
                         use it.",
            },
        })
    }
}

impl Object for View {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let name = key.as_str()?;
        let api = &*self.api;
        let made = match &self.node {
            Node::Api => match name {
                "requests" => Some(self.items(List::Requests(0..api.requests.len()))),
                "root" => Some(module_view(&self.api, Vec::new())),
                _ => None,
            },
            Node::Shared => match name {
                "types" => Some(self.items(List::Shared)),
                "root" => Some(Value::from_safe_string(rust::root_path(1))),
                _ => None,
            },
            Node::Module(path) => {
                let m = module(api, path);
                let handle = rust::handle(m.is_root);
                let rust = |text: &str| Some(Value::from_safe_string(text.to_string()));
                match name {
                    "endpoints" => Some(self.items(List::Endpoints(path.clone()))),
                    "types" => Some(self.items(List::Types(path.clone()))),
                    "modules" => Some(self.items(List::Modules(path.clone()))),
                    // The path back to the crate root.
                    "root" => rust(&rust::root_path(m.depth)),
                    // The expression of this module's handle from a client named `client`.
                    "chain" => Some(Value::from(
                        m.accessors
                            .iter()
                            .fold(String::from("client"), |chain, a| chain + "." + a + "()"),
                    )),
                    "generics" => rust(handle.generics),
                    "lifetime" => rust(handle.lifetime),
                    "client" => rust(handle.client),
                    _ => None,
                }
            }
        };
        made.or_else(|| {
            let value = self.fields().get_item(key).ok()?;
            (!value.is_undefined()).then_some(value)
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let extra: &[&str] = match self.node {
            Node::Api => API_LISTS,
            Node::Shared => &["types", "root"],
            Node::Module(_) => &[MODULE_LISTS, MODULE_MADE].concat(),
        };
        let mut keys: Vec<Value> = self
            .fields()
            .try_iter()
            .map(Iterator::collect)
            .unwrap_or_default();
        keys.extend(extra.iter().map(|k| Value::from(*k)));
        Enumerator::Values(keys)
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
            List::Shared => api.types.len(),
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
            List::Requests(range) => {
                let listed = api
                    .requests
                    .get(range.start + index)
                    .filter(|_| index < range.len())?;
                request(api, listed)
            }
            List::Endpoints(path) => Value::from_serialize(module(api, path).endpoints.get(index)?),
            List::Types(path) => Value::from_serialize(module(api, path).types.get(index)?),
            List::Modules(path) => {
                module(api, path).modules.get(index)?;
                module_view(&self.api, child_path(path, index))
            }
            List::Shared => Value::from_serialize(api.types.get(index)?),
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
            Node::Shared => f.write_str(SHARED_MODULE),
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

    fn formats() -> Arc<Api> {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/formats.json"
        ))
        .unwrap();
        let input = crate::collection::parse(std::path::Path::new("formats.json"), &text).unwrap();
        let options = crate::lower::Options {
            crate_name: "formats".into(),
            ..Default::default()
        };
        Arc::new(crate::lower::lower(input, &options).unwrap())
    }

    fn keys(value: &Value) -> Vec<String> {
        value
            .try_iter()
            .unwrap()
            .map(|k| k.as_str().unwrap().to_string())
            .collect()
    }

    /// Each view offers the model's serialized fields, read as serialized, then its lists and
    /// what it makes; a list has an item per item of the model's.
    #[test]
    fn views_read_as_the_model() {
        let model = formats();
        let api_view = api(Arc::clone(&model));
        let fields = Value::from_serialize(&*model);
        let mut expected = keys(&fields);
        expected.extend(API_LISTS.iter().map(|k| k.to_string()));
        assert_eq!(keys(&api_view), expected);
        for key in keys(&fields) {
            assert_eq!(
                api_view.get_attr(&key).unwrap(),
                fields.get_attr(&key).unwrap(),
                "{key}"
            );
        }
        assert_eq!(
            api_view.get_attr("requests").unwrap().len(),
            Some(model.requests.len())
        );
        fn check(view: &Value, module: &Module, at: &str) {
            let fields = Value::from_serialize(module);
            let mut expected = keys(&fields);
            expected.extend(
                MODULE_LISTS
                    .iter()
                    .chain(MODULE_MADE)
                    .map(|k| k.to_string()),
            );
            assert_eq!(keys(view), expected, "{at}");
            for key in keys(&fields) {
                assert_eq!(
                    view.get_attr(&key).unwrap(),
                    fields.get_attr(&key).unwrap(),
                    "{at}.{key}"
                );
            }
            for made in MODULE_MADE {
                assert!(!view.get_attr(made).unwrap().is_undefined(), "{at}.{made}");
            }
            let length = |name: &str| view.get_attr(name).unwrap().len();
            assert_eq!(length("endpoints"), Some(module.endpoints.len()), "{at}");
            assert_eq!(length("types"), Some(module.types.len()), "{at}");
            assert_eq!(length("modules"), Some(module.modules.len()), "{at}");
            for (i, child) in module.modules.iter().enumerate() {
                let child_view = view
                    .get_attr("modules")
                    .unwrap()
                    .get_item_by_index(i)
                    .unwrap();
                check(&child_view, child, &format!("{at}.modules[{i}]"));
            }
        }
        check(&api_view.get_attr("root").unwrap(), &model.root, "root");
    }
}
