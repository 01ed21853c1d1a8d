//! `{{variables}}` in text: splitting text into literal pieces and variable references.

/// Text and `{{name}}` references, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'a> {
    Text(&'a str),
    Var(&'a str),
}

/// Splits `text` at `{{name}}` references. An unclosed `{{` is text.
pub fn split(text: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let name = &rest[start + 2..start + 2 + len];
        if name.contains("{{") {
            // `{{a{{b}}`: the first `{{` is text.
            parts.push(Part::Text(&rest[..start + 2]));
            rest = &rest[start + 2..];
            continue;
        }
        if start > 0 {
            parts.push(Part::Text(&rest[..start]));
        }
        parts.push(Part::Var(name.trim()));
        rest = &rest[start + 2 + len + 2..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest));
    }
    parts
}

/// The variable name of a text that is exactly `{{name}}`.
pub fn whole_variable(text: &str) -> Option<&str> {
    match split(text).as_slice() {
        [Part::Var(name)] => Some(name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_variables_out_of_text() {
        assert_eq!(
            split("v{{version}}/x"),
            [Part::Text("v"), Part::Var("version"), Part::Text("/x")]
        );
        assert_eq!(split("{{a}}{{b}}"), [Part::Var("a"), Part::Var("b")]);
        assert_eq!(split("{{open"), [Part::Text("{{open")]);
        assert_eq!(
            split("{{hello_{{var}}}}"),
            [
                Part::Text("{{"),
                Part::Text("hello_"),
                Part::Var("var"),
                Part::Text("}}")
            ]
        );
        assert_eq!(whole_variable("{{baseUrl}}"), Some("baseUrl"));
        assert_eq!(whole_variable("x{{a}}"), None);
    }
}
