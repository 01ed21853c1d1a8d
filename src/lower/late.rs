//! What lowering writes once every request is lowered and the crate's JSON types are named
//! ([`JsonTypes::finish`]): each reference to a JSON type by its name, and the end of each
//! endpoint's docs (its responses and errors), which names them.

use super::context::Lowering;
use super::endpoint;
use super::json_types::{JsonTypes, resolved};
use crate::model::Module;
use crate::model::types::{TypeDef, TypeRef};
use crate::text::names::Scope;

impl Lowering {
    /// Names the crate's JSON types, refers to them by name everywhere in `root`, and finishes
    /// each endpoint's docs; returns the types, for the crate's `types` module.
    pub(super) fn name_json_types(&mut self, root: &mut Module) -> Vec<TypeDef> {
        let json = std::mem::replace(&mut self.json, JsonTypes::new(0));
        let (defs, names) = json.finish(&mut Scope::default());
        resolve_module(root, &names);
        for later in std::mem::take(&mut self.later_docs) {
            let module = later
                .module
                .iter()
                .fold(&mut *root, |m, &i| &mut m.modules[i]);
            let endpoint = &mut module.endpoints[later.endpoint];
            endpoint::later_docs(
                &mut endpoint.docs,
                &later,
                endpoint.err_type.as_ref(),
                |ty| resolved(ty, &names),
            );
        }
        defs
    }
}

/// Every JSON type `module` and the modules in it refer to, by its name.
fn resolve_module(module: &mut Module, names: &[String]) {
    let resolve = |ty: &mut TypeRef| *ty = resolved(ty, names);
    for endpoint in &mut module.endpoints {
        endpoint.args.iter_mut().for_each(|a| resolve(&mut a.ty));
        resolve(&mut endpoint.ok_type);
        endpoint.err_type.iter_mut().for_each(resolve);
        for example in &mut endpoint.examples {
            example.ty.iter_mut().for_each(resolve);
        }
    }
    for def in &mut module.types {
        match def {
            TypeDef::Outcome(outcome) => outcome
                .variants
                .iter_mut()
                .for_each(|v| v.ty.iter_mut().for_each(resolve)),
            TypeDef::Struct(def) => def.fields.iter_mut().for_each(|f| resolve(&mut f.ty)),
            TypeDef::Enum(_) => {}
        }
    }
    for child in &mut module.modules {
        resolve_module(child, names);
    }
}
