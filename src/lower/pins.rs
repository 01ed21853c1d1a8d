//! The overrides file's word on form fields and query parameters (`fields` of a form body,
//! `query`): which [`ParamSpec`] it pins, and what in it cannot apply. `params.rs` types a
//! pinned key as the file says; JSON fields are pinned in their shapes instead
//! (`overrides::shape_fields`).

use super::params::ParamSpec;
use crate::overrides::{FieldOverride, FieldType};

/// The override of the form field or query parameter `key`.
pub(super) fn pin_for<'f>(pins: &'f [FieldOverride], key: &str) -> Option<&'f FieldOverride> {
    pins.iter().find(|p| p.written == key)
}

/// What is wrong with `pins`, the overrides of the form fields or query parameters `specs`
/// (`what` names them): a key that is not there, or a type the key cannot have.
pub(super) fn check_pins(
    pins: &[FieldOverride],
    specs: &[ParamSpec<'_>],
    what: &str,
) -> Vec<String> {
    let mut problems = Vec::new();
    for pin in pins {
        let set = |why: &str| {
            format!(
                "`{}`, which the overrides file sets ({}), {why}",
                pin.written, pin.at
            )
        };
        let Some(spec) = specs.iter().find(|s| s.key == pin.written) else {
            problems.push(set(&format!("is not a {what} of this request")));
            continue;
        };
        let why = match pin.ty {
            Some(FieldType::Json) => Some(format!(
                "is a {what}, which is text on the wire: it can be a string, integer, number or boolean, not json"
            )),
            Some(ty) if spec.flag && ty != FieldType::Boolean => {
                Some("is sent bare, without a value: it is a `bool`".to_string())
            }
            Some(_) if spec.file.is_some() => {
                Some("holds a file: it has no other type".to_string())
            }
            _ => None,
        };
        problems.extend(why.map(|why| set(&why)));
    }
    problems
}
