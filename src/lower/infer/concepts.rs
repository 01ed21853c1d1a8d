//! One type per concept. A path variable, query parameter or form field of one name stands for
//! one thing across the API (`meetingId` in a path and `meeting_id` in a query), so it gets one
//! type: inferred from every value any request or saved example gives it, before lowering
//! starts. One request's example cannot make `meeting_id` an `i64` while another's shows it is
//! text: any example that is not a number makes it a string everywhere.
//!
//! A generic name (`id`) in a path means the id of what the segment before it names:
//! `/users/:id` is a `user_id`. Types read from a parameter's own description (a list of
//! values) stay the parameter's own: another request's `type` may list other values.

use std::collections::BTreeMap;

use super::samples::Samples;
use super::scalar::{Inferred, infer, listed_values};
use crate::collection::{Item, RequestSpec, Url};
use crate::lower::url::UrlParts;
use crate::text::keys::{self, Segment};
use crate::text::names;

/// Names that say what they are only with what they belong to.
const GENERIC: &[&str] = &["id", "uuid", "key", "slug"];

/// Every value each concept takes across the collection, and the type they give it.
#[derive(Debug, Default)]
pub(crate) struct Concepts {
    values: BTreeMap<String, Vec<String>>,
    /// Per concept: how many values it has, and its type from all of them. Inferred once: a
    /// name ten thousand requests share is typed once, not once per request.
    typed: BTreeMap<String, (usize, Inferred)>,
}

impl Concepts {
    /// The concepts of every request in `items` and their saved examples' requests.
    pub(crate) fn of(items: &[Item]) -> Concepts {
        let mut concepts = Concepts::default();
        concepts.walk(items);
        concepts.typed = std::mem::take(&mut concepts.values)
            .into_iter()
            .map(|(concept, values)| {
                let values: Vec<&str> = values.iter().map(String::as_str).collect();
                (concept, (values.len(), infer(&values, "")))
            })
            .collect();
        concepts
    }

    fn walk(&mut self, items: &[Item]) {
        for item in items {
            if let Some(children) = &item.item {
                self.walk(children);
                continue;
            }
            let url = match &item.request {
                Some(RequestSpec::Full(request)) => request.url.clone(),
                Some(RequestSpec::Url(url)) => Some(Url::Raw(url.clone())),
                None => None,
            };
            let Some(url) = url.map(|u| UrlParts::of(&u)) else {
                continue;
            };
            let samples = Samples::of(item);
            for variable in &url.variables {
                if let (Some(name), Some(value)) = (variable.name(), variable.value_text()) {
                    self.add(&path_key(&url, name), value);
                }
            }
            for (name, value) in &samples.path {
                self.add(&path_key(&url, name), value.clone());
            }
            for q in &url.query {
                if let (Some(key), Some(value)) = (&q.key, &q.value) {
                    self.add(&field_key(key), value.clone());
                }
            }
            // The fields of the body mode the request sends: Postman keeps the others' too.
            let form = match &item.request {
                Some(RequestSpec::Full(request)) => request.body.as_ref().map(|body| {
                    let fields = match body.mode.as_deref() {
                        Some("formdata") => &body.formdata,
                        Some("urlencoded") => &body.urlencoded,
                        _ => return Vec::new(),
                    };
                    fields
                        .iter()
                        .filter(|f| f.kind.as_deref() != Some("file"))
                        .filter_map(|f| Some((f.key.clone(), f.value.clone()?)))
                        .collect::<Vec<_>>()
                }),
                _ => None,
            };
            for (key, value) in form
                .into_iter()
                .flatten()
                .chain(samples.query)
                .chain(samples.form)
            {
                self.add(&field_key(&key), value);
            }
        }
    }

    fn add(&mut self, key: &str, value: String) {
        if !key.is_empty() {
            self.values.entry(key.to_string()).or_default().push(value);
        }
    }

    /// The type of the path variable `name` of `url`, from its own `values` (the request's and
    /// its examples') and `description`, and every value the concept takes elsewhere.
    pub(crate) fn path_param(
        &self,
        url: &UrlParts,
        name: &str,
        values: &[&str],
        description: &str,
    ) -> Inferred {
        self.infer(&path_key(url, name), values, description)
    }

    /// The type of the query parameter or form field `key`, as [`Concepts::path_param`].
    pub(crate) fn field(&self, key: &str, values: &[&str], description: &str) -> Inferred {
        self.infer(&field_key(key), values, description)
    }

    fn infer(&self, concept: &str, own: &[&str], description: &str) -> Inferred {
        // Listed values are this parameter's own meaning; so are the values of a concept no
        // other request shares.
        let shared = self
            .typed
            .get(concept)
            .filter(|(count, _)| *count > own.len());
        let Some((_, inferred)) = shared.filter(|_| listed_values(description).is_none()) else {
            return infer(own, description);
        };
        // A description that lists no values adds nothing to what the values say.
        let mut inferred = inferred.clone();
        if !inferred.why.is_empty() {
            inferred.why.push_str(&format!(
                " The values are those of `{concept}` in every request of the collection: one \
                 name, one type."
            ));
        }
        inferred
    }
}

/// The concept of the path variable `name` of `url`: its name, or for a generic one (`id`),
/// the segment before it in the singular with it (`/users/:id` is `user_id`).
fn path_key(url: &UrlParts, name: &str) -> String {
    let key = field_key(name);
    if !GENERIC.contains(&key.as_str()) {
        return key;
    }
    // A `:name` ends at `.` (`:id.json`), as in Postman.
    let position = url.segments.iter().position(|s| {
        s.strip_prefix(':').and_then(|r| r.split('.').next()) == Some(name)
            || s.contains(&format!("{{{{{name}}}}}"))
    });
    let before = position.and_then(|p| {
        url.segments[..p]
            .iter()
            .rev()
            .find(|s| !s.starts_with(':') && !s.contains("{{"))
    });
    match before {
        Some(segment) => {
            let owner = names::words(&names::singular(segment)).join("_");
            format!("{owner}_{key}")
        }
        None => key,
    }
}

/// The concept of a query or form key: its last named segment (`filter[user_id]` is
/// `user_id`), in snake case; a generic one with the name before it (`items[0][id]` is
/// `item_id`).
fn field_key(key: &str) -> String {
    let (name, owner) = match keys::parse(key) {
        Some((base, segments)) => {
            let mut named: Vec<String> = std::iter::once(base.to_string())
                .chain(segments.into_iter().filter_map(|s| match s {
                    Segment::Name(name) => Some(name),
                    Segment::Index(_) => None,
                }))
                .collect();
            let name = named.pop().unwrap_or_default();
            (name, named.pop())
        }
        None => (key.trim_end_matches("[]").to_string(), None),
    };
    let name = names::words(&name).join("_");
    match owner {
        Some(owner) if GENERIC.contains(&name.as_str()) => {
            format!(
                "{}_{name}",
                names::words(&names::singular(&owner)).join("_")
            )
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::infer::scalar::Scalar;

    fn collection(requests: serde_json::Value) -> Vec<Item> {
        serde_json::from_value(requests).expect("items")
    }

    #[test]
    fn one_name_is_one_type_across_the_collection() {
        let items = collection(serde_json::json!([
            {"name": "a", "request": {"url": {"raw": "x/meetings/:meetingId", "path": ["meetings", ":meetingId"],
                "variable": [{"key": "meetingId", "value": "85746065"}]}}},
            {"name": "b", "request": {"url": {"raw": "x/report?meeting_id=abc==", "path": ["report"],
                "query": [{"key": "meeting_id", "value": "abc=="}, {"key": "page_size", "value": "30"}]}}},
            {"name": "c", "request": {"url": {"raw": "x/users/:id", "path": ["users", ":id"],
                "variable": [{"key": "id", "value": "42"}]}}},
            {"name": "d", "request": {"url": {"raw": "x/groups/:id", "path": ["groups", ":id"],
                "variable": [{"key": "id", "value": "g-1"}]}}}
        ]));
        let concepts = Concepts::of(&items);
        let url = |raw: &str| UrlParts::of(&Url::Raw(raw.into()));
        // A number in one request, text in another: text in both.
        let meeting = concepts.path_param(
            &url("x/meetings/:meetingId"),
            "meetingId",
            &["85746065"],
            "",
        );
        assert_eq!(meeting.scalar, Scalar::Str);
        assert_eq!(
            concepts.field("meeting_id", &["abc=="], "").scalar,
            Scalar::Str
        );
        // Seen nowhere else: its own examples.
        assert_eq!(concepts.field("page_size", &["30"], "").scalar, Scalar::Int);
        // `id` is the id of what the path names.
        assert_eq!(
            concepts
                .path_param(&url("x/users/:id"), "id", &["42"], "")
                .scalar,
            Scalar::Int
        );
        assert_eq!(path_key(&url("x/groups/:id"), "id"), "group_id");
        // A parameter without examples takes what the others show.
        let other = concepts.path_param(&url("x/users/:id/x"), "id", &[], "");
        assert_eq!(other.scalar, Scalar::Int);
        assert!(
            other.why.contains("`user_id` in every request"),
            "{}",
            other.why
        );
        // Listed values are the parameter's own.
        let listed = concepts.field("page_size", &[], "One of `10`, `30`.");
        assert!(matches!(listed.scalar, Scalar::Enum(_)), "{listed:?}");
    }

    #[test]
    fn keys_name_their_concept() {
        assert_eq!(field_key("filter[user_id]"), "user_id");
        assert_eq!(field_key("expand[0]"), "expand");
        assert_eq!(field_key("tags[]"), "tags");
        assert_eq!(field_key("pageSize"), "page_size");
        assert_eq!(field_key("items[0][id]"), "item_id");
        assert_eq!(field_key("id"), "id");
    }
}
