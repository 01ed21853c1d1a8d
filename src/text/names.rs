//! Rust identifiers from Postman names.
//!
//! Every name that reaches generated code is made here, so templates never have to think about
//! keywords, leading digits or punctuation. The wire name (what is sent over HTTP) is kept beside
//! the identifier by the caller and is never changed. Rules follow prost-build's
//! `sanitize_identifier`: keywords become raw identifiers, the four that cannot be raw get a `_`
//! suffix, a leading digit gets a `_` prefix.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of Rust 2024 (strict and reserved) that are valid as raw identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Whether `word` is an identifier any Rust parser takes as it is: ASCII letters, digits and
/// `_`, not starting with a digit, and not a keyword (strict, reserved or special), or a raw
/// identifier of a keyword that may be raw (`r#type`). The renderer writes such words without
/// parsing them; anything else it parses with syn.
pub fn is_written_ident(word: &str) -> bool {
    if let Some(keyword) = word.strip_prefix("r#") {
        return KEYWORDS.contains(&keyword);
    }
    let mut bytes = word.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !KEYWORDS.contains(&word)
        && !NOT_RAW.contains(&word)
}

/// `snake_case` identifier for a function, module or field.
pub fn snake(name: &str) -> String {
    sanitize(&ascii_words(name).to_snake_case(), "unnamed")
}

/// `UpperCamelCase` identifier for a type or variant.
pub fn pascal(name: &str) -> String {
    sanitize(&ascii_words(name).to_upper_camel_case(), "Unnamed")
}

/// The lower-case words of a name, as its identifiers are made of them: `Get user's ZAK` is
/// `get`, `user`, `zak`.
pub fn words(name: &str) -> Vec<String> {
    ascii_words(name)
        .to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// How many words a request's name may have before it is read as a sentence and shortened.
pub const MAX_NAME_WORDS: usize = 8;

/// Words a shortened name reads as well without.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "for", "in", "on", "with", "and", "or", "by", "from", "is",
    "are", "be", "that", "this", "which", "it", "its", "your", "you", "will", "can", "as", "at",
];

/// The words a request's identifiers (its method, its types) are made from: the name itself, or
/// for a sentence used as a name (more than [`MAX_NAME_WORDS`] words; Twilio's run to 60), its
/// first [`MAX_NAME_WORDS`] words once the small ones (`a`, `the`, `of`, ...) are left out. The
/// docs keep the whole name.
pub fn shortened(name: &str) -> String {
    let snake = ascii_words(name).to_snake_case();
    let words: Vec<&str> = snake.split('_').filter(|w| !w.is_empty()).collect();
    if words.len() <= MAX_NAME_WORDS {
        return name.to_string();
    }
    let mut kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !SMALL_WORDS.contains(w))
        .take(MAX_NAME_WORDS)
        .collect();
    if kept.is_empty() {
        kept = words[..MAX_NAME_WORDS].to_vec();
    }
    kept.join(" ")
}

/// The singular of an English plural, for the item type of an array field (`groups` -> `group`).
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some(stem) = lower.strip_suffix("ies").filter(|s| !s.is_empty()) {
        return format!("{}y", &word[..stem.len()]);
    }
    for suffix in ["sses", "shes", "ches", "xes"] {
        if lower.ends_with(suffix) {
            return word[..word.len() - 2].to_string();
        }
    }
    if lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") && word.len() > 1 {
        return word[..word.len() - 1].to_string();
    }
    format!("{word}_item")
}

/// Transliterates to ASCII (`Größe` -> `Grosse`, `用户` -> `Yong Hu`), then keeps letters and
/// digits; everything else separates words. Emoji become their names (deunicode's choice),
/// which keeps names distinct and readable rather than empty. An apostrophe is no separator:
/// a possessive `'s` is dropped (`user's ZAK` -> `user ZAK`, not `user s ZAK`) and one inside a
/// word joins it (`don't` -> `dont`).
fn ascii_words(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let chars: Vec<char> = ascii.chars().collect();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_letter = i > 0 && chars[i - 1].is_ascii_alphanumeric();
        let next = chars.get(i + 1).copied();
        match c {
            c if c.is_ascii_alphanumeric() => out.push(c),
            '\'' if after_letter
                && matches!(next, Some('s' | 'S'))
                && !chars.get(i + 2).is_some_and(char::is_ascii_alphanumeric) =>
            {
                i += 1;
            }
            '\'' if after_letter => {}
            _ => out.push(' '),
        }
        i += 1;
    }
    out
}

fn sanitize(ident: &str, empty: &str) -> String {
    let ident = if ident.is_empty() { empty } else { ident };
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{ident}")
    } else if NOT_RAW.contains(&ident) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident) {
        format!("r#{ident}")
    } else {
        ident.to_string()
    }
}

/// A namespace in which every identifier is handed out once; collisions get `_2`, `_3`, ... in
/// the order names are asked for, which follows the collection's order and so is deterministic.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
    /// Per base name, the suffix to try next: every smaller one is taken, and names are never
    /// released, so 10,000 requests of one name cost 10,000 probes rather than 50 million.
    next: BTreeMap<String, u64>,
}

impl Scope {
    /// A scope in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
            next: BTreeMap::new(),
        }
    }

    /// Claims `ident`, or the first free `ident_N` (`IdentN` for type names).
    pub fn claim(&mut self, ident: &str) -> String {
        if self.taken.insert(ident.to_string()) {
            return ident.to_string();
        }
        // `Self_` (a keyword made an identifier) numbers as `Self2`, not `Self_2`, which is
        // not UpperCamelCase; `self_` as `self_2`.
        let bare = ident.trim_start_matches("r#").trim_end_matches('_');
        let separator = if bare.starts_with(|c: char| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        let next = self.next.entry(ident.to_string()).or_insert(2);
        loop {
            let candidate = format!("{bare}{separator}{next}");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// Whether `ident` is taken.
    pub fn contains(&self, ident: &str) -> bool {
        self.taken.contains(ident)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_written_as_they_are_are_identifiers_to_syn() {
        let words = KEYWORDS.iter().chain(NOT_RAW).copied().map(String::from);
        let raw = KEYWORDS.iter().chain(NOT_RAW).map(|k| format!("r#{k}"));
        let others =
            ["a", "_a", "a1", "Group", "1a", "", "a-b", "é", "r#", "r#a"].map(String::from);
        let mut written = 0;
        for word in words.chain(raw).chain(others) {
            if is_written_ident(&word) {
                written += 1;
                assert!(syn::parse_str::<syn::Ident>(&word).is_ok(), "{word}");
            }
        }
        // The raw keywords and `a`, `_a`, `a1`, `Group`; no bare keyword.
        assert_eq!(written, KEYWORDS.len() + 4);
    }

    #[test]
    fn names_a_user_can_predict() {
        assert_eq!(
            snake("Update an IM directory group"),
            "update_an_im_directory_group"
        );
        assert_eq!(snake("IM Groups"), "im_groups");
        assert_eq!(
            pascal("Update an IM directory group"),
            "UpdateAnImDirectoryGroup"
        );
        assert_eq!(snake("groupId"), "group_id");
    }

    #[test]
    fn keywords_digits_and_punctuation() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(snake("&^%"), "unnamed");
        assert_eq!(snake(""), "unnamed");
        assert_eq!(snake("{group Id}"), "group_id");
        assert_eq!(pascal("Sid.json"), "SidJson");
        assert_eq!(snake("StartTime<"), "start_time");
        assert_eq!(snake("Größe ändern"), "grosse_andern");
        assert_eq!(snake("获取用户"), "huo_qu_yong_hu");
        assert_eq!(snake("Get user's ZAK"), "get_user_zak");
        assert_eq!(snake("Get user’s ZAK"), "get_user_zak");
        assert_eq!(snake("List users' settings"), "list_users_settings");
        assert_eq!(snake("Don't notify"), "dont_notify");
        assert_eq!(snake("'quoted' name"), "quoted_name");
        assert_eq!(pascal("User's Sessions"), "UserSessions");
    }

    #[test]
    fn a_sentence_used_as_a_name_is_shortened() {
        assert_eq!(
            shortened("Update an IM directory group"),
            "Update an IM directory group"
        );
        let sentence = "Retrieve a list of all the Messages associated with your account, \
                        in reverse chronological order, optionally filtered by date";
        assert_eq!(
            snake(&shortened(sentence)),
            "retrieve_list_all_messages_associated_account_reverse_chronological"
        );
        assert_eq!(
            snake(&shortened(&"the ".repeat(12))),
            "the_the_the_the_the_the_the_the"
        );
    }

    #[test]
    fn singular_item_names() {
        assert_eq!(singular("groups"), "group");
        assert_eq!(singular("members"), "member");
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("status"), "status_item");
        assert_eq!(singular("data"), "data_item");
    }

    #[test]
    fn collisions_are_numbered_in_order() {
        let mut scope = Scope::with_reserved(&["Client"]);
        assert_eq!(scope.claim("Client"), "Client2");
        assert_eq!(scope.claim("get"), "get");
        assert_eq!(scope.claim("get"), "get_2");
        assert_eq!(scope.claim("r#type"), "r#type");
        assert_eq!(scope.claim("r#type"), "type_2");
        assert_eq!(scope.claim("Self_"), "Self_");
        assert_eq!(scope.claim("Self_"), "Self2");
        assert_eq!(scope.claim("self_"), "self_");
        assert_eq!(scope.claim("self_"), "self_2");
    }
}
