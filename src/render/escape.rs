//! The one escaping path from user text to generated code.
//!
//! Collections come from anywhere, so their text (names, descriptions, example values, header
//! values) must never become code. In `.rs` templates every string is written as a Rust string
//! literal by [`rust_literal`] unless a filter has validated it as an identifier, a type or a
//! path; documentation goes through [`doc_attributes`], which builds `#[doc = "..."]` from the
//! same literals.

use std::fmt::Write;

/// A Rust string literal with `text` as its value. Printable ASCII, letters and digits of any
/// script and common typographic punctuation stay readable; everything else (controls, bidi
/// overrides, other symbols) is written as a `\u{..}` escape, so the source shows exactly what
/// the string holds.
pub fn rust_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c if c.is_alphanumeric() || "—–…“”‘’«»•©®°€£¥·×÷±§¶".contains(c) => {
                out.push(c)
            }
            c => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// The value of `literal` if [`rust_literal`] could have written it (a quoted string with only
/// its escapes: `\"`, `\\`, `\n`, `\r`, `\t`, `\u{..}`); `None` for anything else, which is left
/// to syn. The formatter reads doc lines back with it without parsing them.
pub fn literal_value(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next()? {
                '"' => value.push('"'),
                '\\' => value.push('\\'),
                'n' => value.push('\n'),
                'r' => value.push('\r'),
                't' => value.push('\t'),
                'u' => {
                    let (hex, rest) = chars.as_str().strip_prefix('{')?.split_once('}')?;
                    if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                        return None;
                    }
                    value.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                    chars = rest.chars();
                }
                _ => return None,
            },
            c => value.push(c),
        }
    }
    Some(value)
}

/// A TOML basic string with `text` as its value. A JSON string is a valid TOML basic string,
/// and serde_json escapes quotes, backslashes and control characters.
pub fn toml_literal(text: &str) -> String {
    serde_json::to_string(text).expect("serializing a str cannot fail")
}

/// `text` as Markdown text inside a line (a table cell or a heading's text): every character
/// Markdown or HTML could read as inline syntax is backslash-escaped and line breaks become spaces, so a name shows
/// as written and cannot open a tag, a link or a new table row.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_control() => out.push(' '),
            // Inline syntax only: the text never starts a line, so `#`, `-`, `1.` are plain.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` as a Markdown code span that can stand in a table cell: fenced by one more backtick
/// than its longest run of them, padded when it starts or ends with one, line breaks as spaces,
/// and `|` escaped (GitHub tables split cells at a `|` even inside a code span).
pub fn markdown_code(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// `text` safe to show in a comment or doc line: Unicode bidi controls (which rustc refuses in
/// comments, as they can make code read differently than it compiles) and control characters
/// other than tab and line breaks are written as `U+XXXX`.
pub fn comment_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if bidi || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
            let _ = write!(out, "U+{:04X}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// `#[doc = "..."]` attributes (`#![doc = "..."]` when `inner`), one per line of `text` (lines
/// end at LF, CRLF or a lone CR), each
/// line starting with a space so that the formatted `///` comments read naturally.
pub fn doc_attributes(text: &str, inner: bool) -> String {
    let bang = if inner { "!" } else { "" };
    let mut out = String::new();
    // A lone CR ends a line too (old Mac text): rustc refuses a bare CR in a doc comment.
    let text = comment_text(text).replace("\r\n", "\n").replace('\r', "\n");
    for line in text.lines() {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        let _ = writeln!(out, "#{bang}[doc = {}]", rust_literal(&line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_cannot_be_escaped_from() {
        assert_eq!(rust_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(rust_literal("x\"#;\n}"), "\"x\\\"#;\\n}\"");
        assert_eq!(rust_literal("\u{202e}\0"), "\"\\u{202e}\\u{0}\"");
        assert_eq!(rust_literal("Größe"), "\"Größe\"");
        let parsed: syn::LitStr = syn::parse_str(&rust_literal("*/ \"# \u{2066} \r\n")).unwrap();
        assert_eq!(parsed.value(), "*/ \"# \u{2066} \r\n");
    }

    #[test]
    fn markdown_shows_text_as_written() {
        assert_eq!(
            markdown_text("a|b <script>\n[x](y)"),
            "a\\|b \\<script\\> \\[x\\](y)"
        );
        assert_eq!(markdown_code("/a/:id"), "`/a/:id`");
        assert_eq!(markdown_code("a``b"), "```a``b```");
        assert_eq!(markdown_code("`x"), "`` `x ``");
        assert_eq!(markdown_code("a|b"), "`a\\|b`");
    }

    #[test]
    fn comments_show_invisible_characters() {
        assert_eq!(comment_text("a\u{202e}b\0c\td\n"), "aU+202EbU+0000c\td\n");
    }

    #[test]
    fn literal_value_reads_back_what_rust_literal_writes() {
        for text in [
            "",
            "plain",
            "a\"b\\c\n\r\t",
            "\u{202e}\0\u{7f}\u{1F600} Größe —",
            "\"]",
        ] {
            let literal = rust_literal(text);
            assert_eq!(literal_value(&literal).as_deref(), Some(text), "{literal}");
            let parsed: syn::LitStr = syn::parse_str(&literal).unwrap();
            assert_eq!(parsed.value(), text);
        }
        for other in [
            r#""a"b""#,
            r#""\x41""#,
            r#""\u{}""#,
            r#""\u{d800}""#,
            r#""\'""#,
            "r\"a\"",
            "\"a",
        ] {
            assert_eq!(literal_value(other), None, "{other}");
        }
    }

    #[test]
    fn doc_lines_become_attributes() {
        assert_eq!(
            doc_attributes("One.\n\nTwo \"quoted\".", false),
            "#[doc = \" One.\"]\n#[doc = \"\"]\n#[doc = \" Two \\\"quoted\\\".\"]\n"
        );
        // rustc refuses a bare CR in a doc comment: CRLF and a lone CR both end a line.
        assert_eq!(
            doc_attributes("a\rb\r\nc", false),
            "#[doc = \" a\"]\n#[doc = \" b\"]\n#[doc = \" c\"]\n"
        );
    }
}
