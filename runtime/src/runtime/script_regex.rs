// The engine of scripts' regular expressions, in the clients whose scripts use one (and their
// runtime's `regex-lite` dependency with it): postgen translated each JavaScript pattern to
// regex-lite's syntax and compiled it when it generated the client, so a pattern here always
// compiles. Patterns are compiled when a script runs, once per use: scripts run once per
// request, and a cache would cost every client a lock.

/// Runs scripts' regular expressions with the `regex-lite` crate.
#[derive(Debug, Clone, Copy)]
pub struct RegexLite;

impl RegexEngine for RegexLite {
    fn is_match(&self, pattern: &str, text: &str) -> bool {
        ::regex_lite::Regex::new(pattern).is_ok_and(|re| re.is_match(text))
    }

    fn replace(&self, pattern: &str, text: &str, with: &str, all: bool) -> ::std::string::String {
        match ::regex_lite::Regex::new(pattern) {
            Ok(re) => re.replacen(text, if all { 0 } else { 1 }, with).into_owned(),
            Err(_) => text.to_string(),
        }
    }
}
