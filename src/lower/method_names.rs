//! Method names: a request's name in snake case (a sentence shortened, see
//! [`names::shortened`]), and when another request of the module already has that name, the
//! name with what tells this request apart, before any number: the words of its path the name
//! lacks (`get_policy_assignment` at `/storage_policy_assignments/:id` is
//! `get_policy_assignment_storage`), then its HTTP method (`create_sitemap_put`).

use crate::text::names::{self, Scope};

/// How many path words a name takes to tell it apart: the last one the name lacks, which is
/// the most specific.
const PATH_WORDS: usize = 1;
/// Path words that tell nothing apart.
const NOISE: &[&str] = &["api", "rest", "services"];

/// The method name of the request `name` sent as `method` to `path` (as Postman shows it),
/// claimed in `methods`.
pub(super) fn method_ident(methods: &mut Scope, name: &str, path: &str, method: &str) -> String {
    let base = names::snake(&names::shortened(name));
    if !methods.contains(&base) {
        return methods.claim(&base);
    }
    let own: Vec<String> = names::words(&names::shortened(name));
    let distinct: Vec<String> = path_words(path)
        .into_iter()
        .filter(|w| !own.iter().any(|o| same_word(o, w)))
        .collect();
    let from_path = &distinct[distinct.len().saturating_sub(PATH_WORDS)..];
    let bare = base.trim_start_matches("r#");
    let mut candidates = Vec::new();
    if !from_path.is_empty() {
        candidates.push(format!("{bare}_{}", from_path.join("_")));
    }
    candidates.push(format!("{bare}_{}", method.to_ascii_lowercase()));
    if !from_path.is_empty() {
        candidates.push(format!(
            "{bare}_{}_{}",
            from_path.join("_"),
            method.to_ascii_lowercase()
        ));
    }
    match candidates
        .iter()
        .map(|c| names::snake(c))
        .find(|c| !methods.contains(c))
    {
        Some(ident) => methods.claim(&ident),
        None => methods.claim(&base),
    }
}

/// The words of a path's literal segments, in order, without versions (`v2`, `2010-04-01`)
/// and variables.
fn path_words(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty() && !s.starts_with(':') && !s.contains("{{") && !s.contains('{'))
        .flat_map(|s| names::words(s.split('.').next().unwrap_or(s)))
        .filter(|w| !is_version(w) && !NOISE.contains(&w.as_str()))
        .collect()
}

fn is_version(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
        || word
            .strip_prefix('v')
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether two words are one, whatever their number (`assignment`, `assignments`).
fn same_word(a: &str, b: &str) -> bool {
    a == b || names::singular(a) == b || names::singular(b) == a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions_are_told_apart_by_meaning_before_numbers() {
        let mut methods = Scope::with_reserved(&["new"]);
        let mut name =
            |n: &str, path: &str, method: &str| method_ident(&mut methods, n, path, method);
        assert_eq!(
            name(
                "Get policy assignment",
                "/legal_hold_policy_assignments/:id",
                "GET"
            ),
            "get_policy_assignment"
        );
        assert_eq!(
            name(
                "Get policy assignment",
                "/storage_policy_assignments/:id",
                "GET"
            ),
            "get_policy_assignment_storage"
        );
        assert_eq!(
            name(
                "Create/update a sitemap.",
                "/api/v1/scans/:scanId/sitemap",
                "POST"
            ),
            "create_update_a_sitemap"
        );
        assert_eq!(
            name(
                "Create/update a sitemap.",
                "/api/v1/scans/:scanId/sitemap",
                "PUT"
            ),
            "create_update_a_sitemap_scans"
        );
        assert_eq!(name("New", "/new", "GET"), "new_get");
        assert_eq!(name("Ping", "/ping", "GET"), "ping");
        assert_eq!(name("Ping", "/ping", "GET"), "ping_get");
        assert_eq!(name("Ping", "/ping", "GET"), "ping_2");
    }
}
