//! Comments in raw JSON bodies, removed as Postman's runner removes them before it sends a
//! body (postman-runtime uses `strip-json-comments` 3.x with `whitespace: false`): `//` to the
//! end of the line and `/* ... */`, outside strings; an unterminated comment runs to the end.
//!
//! Written here rather than taken from a crate because the exact result matters: what
//! `replay` and the doc examples send must be byte for byte what Postman sends, and the
//! crates that strip JSON comments keep the comment's place as spaces.

use std::borrow::Cow;

/// `text` without its comments; borrowed when it has none.
pub fn strip(text: &str) -> Cow<'_, str> {
    if !text.contains("//") && !text.contains("/*") {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut i, mut kept_from) = (false, 0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' if !escaped(bytes, i) => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => {
                out.push_str(&text[kept_from..i]);
                // The line break ends the comment and is kept; a `\r` before it is not.
                i = text[i..].find('\n').map_or(bytes.len(), |end| i + end);
                kept_from = i;
                continue;
            }
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'*') => {
                out.push_str(&text[kept_from..i]);
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |end| i + 2 + end + 2);
                kept_from = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&text[kept_from..]);
    Cow::Owned(out)
}

/// Whether the quote at `at` follows an odd number of backslashes.
fn escaped(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count()
        % 2
        == 1
}

#[cfg(test)]
mod tests {
    use super::strip;

    #[test]
    fn comments_go_and_strings_stay() {
        assert_eq!(
            strip("{\n  \"a\": 1, // one\r\n  /* two */\"b\": \"x//y /* z */\"\n}"),
            "{\n  \"a\": 1, \n  \"b\": \"x//y /* z */\"\n}"
        );
        assert_eq!(strip(r#"{"q": "a\"//b"} // c"#), r#"{"q": "a\"//b"} "#);
        assert_eq!(strip(r#"{"q": "a\\"} // c"#), r#"{"q": "a\\"} "#);
        // What Postman sends for a URL pasted as a JSON body: the rest of the line is a comment.
        assert_eq!(strip("https://example.com/docs"), "https:");
        assert_eq!(strip("[1] /* open"), "[1] ");
        assert!(matches!(strip("{\"a\": 1}"), std::borrow::Cow::Borrowed(_)));
    }
}
