//! Postman descriptions (markdown mixed with HTML) turned into rustdoc markdown.
//!
//! Descriptions are written for Postman's renderer, not rustdoc's. Left as they are, they break
//! `cargo doc -D warnings` and even `cargo test`: `<br>` and `<token>` are unclosed HTML tags, bare
//! URLs and `[text]` trip rustdoc lints, and a line indented by four spaces becomes a doctest.
//! This pass makes the text readable in both the source and the rendered docs: common HTML
//! becomes markdown, unknown tags are escaped, bare URLs become autolinks, brackets that are not
//! links are escaped, untagged code fences are marked `text`, and leading indentation is dropped.

/// Converts a Postman description to rustdoc markdown. The result has no leading or trailing
/// blank lines and never more than one blank line in a row.
pub fn to_rustdoc(text: &str) -> String {
    // Tabs render unpredictably and clippy refuses them in docs. A lone CR ends a line, as CRLF
    // and LF do (rustc refuses a bare CR in a doc comment).
    let text = text.replace("\r\n", "\n").replace(['\r'], "\n");
    let html_done = convert_html(&text.replace('\t', "    "));
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    for line in html_done.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            // Every fence is `text`: rustdoc would compile an untagged or `rust` block as a
            // doctest, and it highlights nothing else anyway.
            let fence = &trimmed[..3];
            out.push(if in_fence {
                fence.to_string()
            } else {
                format!("{fence}text")
            });
            in_fence = !in_fence;
        } else if in_fence {
            out.push(line.trim_end().to_string());
        } else {
            // A line right after a list item would continue it lazily; make it a paragraph.
            if !trimmed.is_empty()
                && !is_list_item(trimmed)
                && out.last().is_some_and(|last| is_list_item(last))
            {
                out.push(String::new());
            }
            out.push(escape_markdown_line(trimmed));
        }
    }
    if in_fence {
        out.push("```".to_string());
    }
    collapse_blank_lines(&out)
}

fn is_list_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("+ ")
        || (digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")))
}

/// A one-line summary: the first paragraph of [`to_rustdoc`], joined into one line.
pub fn summary(text: &str) -> String {
    let doc = to_rustdoc(text);
    doc.split("\n\n")
        .next()
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The whole of [`to_rustdoc`] on one line.
pub fn one_line(text: &str) -> String {
    to_rustdoc(text)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Plain text on one line for messages at run time: [`one_line`] without markdown emphasis,
/// code marks and link targets.
pub fn plain(text: &str) -> String {
    unmarked(&one_line(text))
}

/// What a table of operations shows of an endpoint's description, already turned into rustdoc:
/// the first sentence of its first paragraph of prose, as plain text, cut at a word after
/// [`HEADLINE_CHARS`] characters. Headings, fences, tables and lists are not prose.
pub fn headline(rustdoc: &str) -> String {
    let paragraph = rustdoc
        .split("\n\n")
        .map(str::trim)
        .find(|p| {
            !p.is_empty()
                && !p.starts_with(['#', '|', '>', '<'])
                && !p.starts_with("```")
                && !p.starts_with("~~~")
                && !is_list_item(p)
        })
        .unwrap_or("");
    let joined = paragraph
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let text = unmarked(&joined);
    let end = [". ", "! ", "? "].iter().filter_map(|p| text.find(p)).min();
    let sentence = match end.map(|i| i + 1) {
        Some(end) => &text[..end],
        None => text.as_str(),
    };
    if sentence.chars().count() <= HEADLINE_CHARS {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(HEADLINE_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > HEADLINE_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// How long a [`headline`] may be before it is cut.
pub const HEADLINE_CHARS: usize = 120;

/// `markdown` (one line) without emphasis, code marks, escapes and link targets.
fn unmarked(markdown: &str) -> String {
    let chars: Vec<char> = markdown.chars().collect();
    let mut out = String::with_capacity(markdown.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '*' | '`' => i += 1,
            '[' => match link_len(&chars[i..]) {
                Some(len) => {
                    let link: String = chars[i..i + len].iter().collect();
                    let label_end = link.rfind("](").unwrap_or(link.len());
                    out.push_str(&unmarked(&link[1..label_end]));
                    i += len;
                }
                None => {
                    out.push('[');
                    i += 1;
                }
            },
            '<' if starts_url(&chars[i + 1..]) => i += 1,
            '>' if i > 0
                && out.ends_with(|c: char| !c.is_whitespace())
                && chars[..i].contains(&'<') =>
            {
                i += 1
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn collapse_blank_lines(lines: &[String]) -> String {
    let mut text = String::new();
    let mut blank = 0;
    for line in lines {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(line);
    }
    text
}

/// Replaces the HTML that Postman exports commonly contain, outside code spans.
fn convert_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        out.push_str(&convert_html_text(&rest[..start]));
        let run = rest[start..].bytes().take_while(|&b| b == b'`').count();
        let fence = &rest[start..start + run];
        let body = &rest[start + run..];
        match body.find(fence) {
            Some(end) => {
                out.push_str(&rest[start..start + run + end + run]);
                rest = &body[end + run..];
            }
            None => {
                out.push_str(fence);
                rest = body;
            }
        }
    }
    out.push_str(&convert_html_text(rest));
    out
}

/// Replaces HTML in text without code spans; escapes any other `<`.
fn convert_html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if let Some(end) = rest.find("-->").filter(|_| rest.starts_with("<!--")) {
            rest = &rest[end + 3..];
            continue;
        }
        let Some(end) = rest.find('>') else {
            out.push_str("\\<");
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..end];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        let replacement = match name.as_str() {
            "br" | "p" | "div" | "ul" | "ol" | "table" | "tr" => Some("\n\n".to_string()),
            "li" if closing => Some(String::new()),
            "li" => Some("\n- ".to_string()),
            "b" | "strong" => Some("**".to_string()),
            "i" | "em" => Some("*".to_string()),
            "code" => Some("`".to_string()),
            "td" | "th" => Some(" ".to_string()),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(if closing {
                "**\n\n".to_string()
            } else {
                "\n\n**".to_string()
            }),
            "a" if closing => Some(String::new()),
            "a" => {
                // `<a href="url">text</a>` -> `[text](url)`.
                let href = attribute(tag, "href");
                let after = &rest[end + 1..];
                match (href, after.find("</a>")) {
                    (Some(href), Some(close)) => {
                        let label = after[..close].trim();
                        out.push_str(&format!("[{label}]({href})"));
                        rest = &after[close + 4..];
                        continue;
                    }
                    _ => Some(String::new()),
                }
            }
            _ => None,
        };
        match replacement {
            Some(r) => {
                out.push_str(&r);
                rest = &rest[end + 1..];
            }
            None => {
                // Not a tag we know (`<token>`, `<string>`, `a < b`): keep it as text.
                out.push_str("\\<");
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let value = &tag[at..];
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &value[1..];
    value.find(quote).map(|end| &value[..end])
}

/// Escapes what rustdoc would misread on one line of text outside code fences.
fn escape_markdown_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            // Copy a code span verbatim, including its closing run of backticks.
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            let body_start = i + run;
            let close = (body_start..chars.len()).find(|&j| {
                chars[j..].iter().take_while(|&&c| c == '`').count() == run
                    && (j == 0 || chars[j - 1] != '`')
            });
            match close {
                Some(j) => {
                    out.extend(&chars[i..j + run]);
                    i = j + run;
                }
                None => {
                    // An unclosed backtick is literal text.
                    for _ in 0..run {
                        out.push_str("\\`");
                    }
                    i = body_start;
                }
            }
            continue;
        }
        if c == '\\' && i + 1 < chars.len() {
            out.push(c);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '[' {
            if let Some(len) = link_len(&chars[i..]) {
                let link: String = chars[i..i + len].iter().collect();
                let split = link.rfind("](").unwrap_or(link.len() - 1);
                let target = &link[split + 2..link.len() - 1];
                let absolute = ["http://", "https://", "mailto:", "#"]
                    .iter()
                    .any(|scheme| target.starts_with(scheme));
                if absolute {
                    out.push_str(&link);
                } else {
                    // A relative target means nothing outside the API's own site, and rustdoc
                    // would try to resolve it as a Rust path: keep the text only.
                    out.push_str(&escape_markdown_line(&link[1..split]));
                }
                i += len;
            } else {
                out.push_str("\\[");
                i += 1;
            }
            continue;
        }
        if c == ']' {
            out.push_str("\\]");
            i += 1;
            continue;
        }
        if c == 'h' && starts_url(&chars[i..]) {
            let len = chars[i..]
                .iter()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '`'))
                .count();
            let mut url: String = chars[i..i + len].iter().collect();
            // A sentence's full stop or a closing bracket is not part of the URL.
            while url.ends_with(['.', ',', ';', ':', ')', ']', '!', '?']) {
                url.pop();
            }
            out.push('<');
            out.push_str(&url);
            out.push('>');
            i += url.chars().count();
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

fn starts_url(chars: &[char]) -> bool {
    let head: String = chars.iter().take(8).collect();
    head.starts_with("http://") || head.starts_with("https://")
}

/// The length of a markdown inline link `[text](target)` at the start of `chars`, if it is one.
/// Link text may itself contain code spans, and the target must not contain whitespace.
fn link_len(chars: &[char]) -> Option<usize> {
    let mut depth = 0;
    let mut i = 0;
    let close = loop {
        match chars.get(i)? {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    break i;
                }
            }
            _ => {}
        }
        i += 1;
    };
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let target_end = chars[close + 2..].iter().position(|&c| c == ')')? + close + 2;
    if chars[close + 2..target_end]
        .iter()
        .any(|c| c.is_whitespace())
        || target_end == close + 2
    {
        return None;
    }
    Some(target_end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_is_the_first_sentence_of_prose_in_plain_text() {
        let text = "Update an [IM directory group](https://support.zoom.us/x) under your account.<br><br>\n**Scopes**: `imgroup:write:admin`";
        assert_eq!(
            headline(&to_rustdoc(text)),
            "Update an IM directory group under your account."
        );
        assert_eq!(
            headline("# Overview\n\n- a list\n\nLists `users`. Then more."),
            "Lists users."
        );
        assert_eq!(headline("```text\ncode\n```"), "");
        let long = "word ".repeat(40);
        let cut = headline(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= HEADLINE_CHARS + 1);
    }

    #[test]
    fn zoom_description_becomes_readable_markdown() {
        let text = "Update an [IM directory group](https://support.zoom.us/hc/en-us/articles/203749815-IM-Management) under your account.<br><br>\n**Scopes**: `imgroup:write:admin`<br>\n\n **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):** `Light`";
        assert_eq!(
            to_rustdoc(text),
            "Update an [IM directory group](https://support.zoom.us/hc/en-us/articles/203749815-IM-Management) under your account.\n\n\
             **Scopes**: `imgroup:write:admin`\n\n\
             **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):** `Light`"
        );
    }

    #[test]
    fn unknown_tags_brackets_and_bare_urls_are_escaped() {
        assert_eq!(
            to_rustdoc("Send <token> [here] to https://example.com/x."),
            "Send \\<token> \\[here\\] to <https://example.com/x>."
        );
    }

    #[test]
    fn relative_links_keep_only_their_text() {
        assert_eq!(
            to_rustdoc("See [Accounts:create](accounts_create) and [site](https://x.io)."),
            "See Accounts:create and [site](https://x.io)."
        );
    }

    #[test]
    fn code_spans_are_left_alone() {
        assert_eq!(to_rustdoc("Use `a[0] <b>` as is"), "Use `a[0] <b>` as is");
    }

    #[test]
    fn indentation_cannot_make_a_doctest() {
        assert_eq!(
            to_rustdoc("Example:\n\n    let x = 1;"),
            "Example:\n\nlet x = 1;"
        );
        assert_eq!(to_rustdoc("```\nfoo()\n```"), "```text\nfoo()\n```");
        assert_eq!(to_rustdoc("```json\n{}"), "```text\n{}\n```");
        assert_eq!(
            to_rustdoc("```rust\nfn x() {}\n```"),
            "```text\nfn x() {}\n```"
        );
    }

    #[test]
    fn tabs_and_lazy_list_continuations() {
        assert_eq!(to_rustdoc("a\tb"), "a    b");
        assert_eq!(to_rustdoc("- one\n- two\nafter"), "- one\n- two\n\nafter");
    }

    #[test]
    fn html_links_lists_and_emphasis() {
        assert_eq!(
            to_rustdoc(
                "<p>See <a href=\"https://x.io\">the docs</a></p><ul><li><b>one</b></li><li>two</li></ul>"
            ),
            "See [the docs](https://x.io)\n\n- **one**\n- two"
        );
    }

    #[test]
    fn plain_text_for_messages() {
        assert_eq!(
            plain(
                "IM Group not found.\n**Error Code:** `4130` <br>Group does not exist: {groupId}."
            ),
            "IM Group not found. Error Code: 4130 Group does not exist: {groupId}."
        );
        assert_eq!(
            plain("See [the docs](https://x.io) at https://y.io"),
            "See the docs at https://y.io"
        );
    }

    #[test]
    fn summary_is_the_first_paragraph() {
        assert_eq!(summary("IM group updated.<br>More."), "IM group updated.");
        assert_eq!(
            summary("**HTTP Status Code:** `204` <br>\nIM group updated."),
            "**HTTP Status Code:** `204`"
        );
    }
}
