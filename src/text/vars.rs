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

/// Postman's dynamic variables the runtime makes values for when a request is sent, as its
/// runner does: the runtime's `DYNAMIC_VARIABLES` (`runtime/src/runtime/dynamic.rs`), which a
/// test holds this list equal to.
const DYNAMIC: &[&str] = &[
    "$guid",
    "$timestamp",
    "$isoTimestamp",
    "$randomUUID",
    "$randomAlphaNumeric",
    "$randomBoolean",
    "$randomInt",
    "$randomColor",
    "$randomHexColor",
    "$randomIP",
    "$randomIPV6",
    "$randomMACAddress",
    "$randomPassword",
    "$randomSemver",
    "$randomFirstName",
    "$randomLastName",
    "$randomFullName",
    "$randomUserName",
    "$randomEmail",
    "$randomExampleEmail",
    "$randomDomainWord",
    "$randomDomainSuffix",
    "$randomDomainName",
    "$randomUrl",
    "$randomPhoneNumber",
    "$randomWord",
    "$randomWords",
    "$randomLoremWord",
    "$randomLoremWords",
    "$randomLoremSentence",
    "$randomLoremSentences",
    "$randomLoremParagraph",
    "$randomLoremSlug",
];

/// Each dynamic variable as written, `{{$guid}}`: what stands for its value until a request
/// is sent.
static DYNAMIC_WRITTEN: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    DYNAMIC
        .iter()
        .map(|name| format!("{{{{{name}}}}}"))
        .collect()
});

/// `{{name}}` when `name` is one of Postman's dynamic variables that the runtime makes values
/// for (`$guid`, `$timestamp`, ...).
pub fn dynamic_written(name: &str) -> Option<&'static str> {
    let i = DYNAMIC.iter().position(|known| *known == name)?;
    Some(DYNAMIC_WRITTEN[i].as_str())
}

/// Whether the dynamic variable `name` is an integer (`$timestamp`, `$randomInt`): written
/// unquoted in a JSON body, it is a number.
pub fn dynamic_is_integer(name: &str) -> bool {
    matches!(name, "$timestamp" | "$randomInt")
}

/// How a generated doc names what fills a field or piece the collection gives the variable
/// `name`: the client's variable, or for a dynamic variable the fresh value the client makes.
pub fn filler_doc(name: &str) -> String {
    let shown = name.replace('`', "'");
    match dynamic_written(name) {
        Some(_) => format!(
            "`{{{{{shown}}}}}` (a fresh value made as Postman's runner makes it, unless the collection defines `{shown}`)"
        ),
        None => format!("the client's variable `{shown}`"),
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

    /// The list of dynamic variables postgen knows is the one the runtime makes values for.
    #[test]
    fn the_dynamic_variables_are_the_runtime_s() {
        let runtime =
            syn::parse_file(include_str!("../../runtime/src/runtime/dynamic.rs")).unwrap();
        let names: Vec<String> = runtime
            .items
            .iter()
            .find_map(|item| match item {
                syn::Item::Const(c) if c.ident == "DYNAMIC_VARIABLES" => Some(&c.expr),
                _ => None,
            })
            .map(|expr| {
                let tokens = quote::ToTokens::to_token_stream(expr).to_string();
                tokens
                    .split('"')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_string)
                    .collect()
            })
            .expect("the runtime's DYNAMIC_VARIABLES");
        assert_eq!(names, DYNAMIC);
        assert_eq!(dynamic_written("$guid"), Some("{{$guid}}"));
        assert_eq!(dynamic_written("guid"), None);
    }
}
