//! Every script of a collection translated before its requests are lowered: lowering needs to
//! know which variables scripts set (a header written `{{token}}` reads the client's variable
//! that the login request's script sets, not an argument), and each request then takes its
//! ancestors' and its own translations from here.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value as Json;

use super::{Translated, events, translate};
use crate::collection::Item;
use crate::model::script::Scripts;
use crate::util::at;

/// The translated scripts of a collection, by the JSON location of the item (or collection)
/// that holds them.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    by_location: HashMap<String, Scripts>,
    /// Every variable a translated script sets.
    pub(crate) set_names: BTreeSet<String>,
    /// Sets and assertions in the collection's scripts, and how many were translated.
    pub(crate) counted: usize,
    pub(crate) translated: usize,
    /// Whether a translated script runs a regular expression.
    pub(crate) regex: bool,
    /// Warnings: (JSON location, message).
    pub(crate) warnings: Vec<(String, String)>,
}

impl Plan {
    /// Translates the collection's scripts (`collection_events` at `collection_location`) and
    /// those of `items`, at `paths`.
    pub(crate) fn of(
        collection_events: &[Json],
        collection_location: &str,
        items: &[Item],
        paths: &[String],
    ) -> Plan {
        let mut plan = Plan::default();
        plan.add(
            collection_events,
            collection_location,
            collection_location,
            "the collection",
        );
        plan.items(items, paths);
        plan
    }

    fn items(&mut self, items: &[Item], paths: &[String]) {
        for (item, location) in items.iter().zip(paths) {
            let name = format!("`{}`", item.name.as_deref().unwrap_or(""));
            self.add(&item.event, location, location, &name);
            if let Some(children) = &item.item {
                let paths: Vec<String> = (0..children.len())
                    .map(|i| at(location, &format!("item[{i}]")))
                    .collect();
                self.items(children, &paths);
            }
        }
    }

    fn add(&mut self, list: &[Json], key: &str, location: &str, owner: &str) {
        let mut scripts = Scripts::default();
        for event in events(list) {
            let translated: Translated = translate(&event.source, event.test);
            let kind = if event.test {
                "test script"
            } else {
                "pre-request script"
            };
            let where_ = at(location, &event.location);
            if let Some(error) = &translated.error {
                self.warnings.push((
                    where_.clone(),
                    format!("the {kind} of {owner} is not JavaScript postgen can parse ({error}); it is left out"),
                ));
            }
            for skipped in &translated.skipped {
                // Sets and assertions count towards the translation rate; other statements
                // (request changes, `setNextRequest`, helpers) only have effects it loses.
                let what = if skipped.counted {
                    "is not translated"
                } else {
                    "is left out"
                };
                self.warnings.push((
                    where_.clone(),
                    format!(
                        "{kind} of {owner}: `{}` {what}: {}",
                        skipped.text, skipped.why
                    ),
                ));
            }
            self.counted += translated.counted;
            self.translated += translated.translated();
            for set in translated
                .scripts
                .before
                .iter()
                .chain(&translated.scripts.after)
            {
                self.set_names.insert(set.name.clone());
            }
            scripts.extend(&translated.scripts);
        }
        self.regex |= scripts.uses_regex();
        if !scripts.is_empty() {
            self.by_location.insert(key.to_string(), scripts);
        }
    }

    /// The translated scripts written at `location`, if any.
    pub(crate) fn at(&self, location: &str) -> Option<&Scripts> {
        self.by_location.get(location)
    }
}
