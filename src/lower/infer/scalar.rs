//! Scalar types of form fields, query parameters and path variables, inferred from their
//! example values and descriptions.
//!
//! A Postman parameter is text. Its examples (the request's own value and those of every saved
//! example's `originalRequest`) and its description may say more: `true`, `30`, `2.5`, a
//! placeholder such as `<integer>` (openapi-to-postman's type hints, not data), or a list of
//! allowed values. Inference only narrows when every example agrees and the value's text would
//! be sent unchanged; otherwise the field stays a string, which always works. [`Inferred::why`]
//! says what the type came from, for the field's rustdoc.

/// A scalar type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scalar {
    Str,
    Bool,
    Int,
    Float,
    /// One of the values the description lists.
    Enum(Vec<String>),
}

/// An inferred type and what it was inferred from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred {
    pub scalar: Scalar,
    /// A sentence for the docs; empty for a plain string.
    pub why: String,
}

/// Infers the type of a parameter from its example values and description.
pub fn infer(values: &[&str], description: &str) -> Inferred {
    // A `{{variable}}` stands for a value only the environment knows.
    let values: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .filter(|v| !(v.starts_with("{{") && v.ends_with("}}")))
        .collect();
    let (placeholders, data): (Vec<&str>, Vec<&str>) =
        values.iter().partition(|v| is_placeholder(v));
    // Each value once, and a few of them: a name used by a hundred requests shows the same
    // example a hundred times.
    let shown = |list: &[&str]| {
        let mut distinct: Vec<&str> = Vec::new();
        for value in list {
            if !distinct.contains(value) {
                distinct.push(value);
            }
        }
        let mut text = distinct
            .iter()
            .take(5)
            .map(|v| format!("`{}`", v.replace('`', "'")))
            .collect::<Vec<_>>()
            .join(", ");
        if distinct.len() > 5 {
            text.push_str(&format!(" and {} more", distinct.len() - 5));
        }
        text
    };
    if let Some(listed) = listed_values(description) {
        let outside: Vec<&str> = data
            .iter()
            .copied()
            .filter(|v| !listed.iter().any(|l| l == v))
            .collect();
        if outside.is_empty() && is_boolean_list(&listed) {
            return Inferred {
                scalar: Scalar::Bool,
                why: "Typed as a boolean: its description lists `true` and `false`.".into(),
            };
        }
        if outside.is_empty() {
            return Inferred {
                scalar: Scalar::Enum(listed),
                why: "Typed as an enum of the values its description lists; a value not \
                      listed is still accepted (`Other`)."
                    .into(),
            };
        }
        return Inferred {
            scalar: Scalar::Str,
            why: format!(
                "A string: its description lists values, but the example {} is not one of them.",
                shown(&outside)
            ),
        };
    }
    let kinds: Vec<Scalar> = placeholders
        .iter()
        .map(|p| placeholder(p))
        .chain(data.iter().map(|v| literal(v)))
        .collect();
    let Some(first) = kinds.first() else {
        return plain();
    };
    let scalar = kinds
        .iter()
        .skip(1)
        .fold(first.clone(), |acc, k| match (acc, k) {
            (a, b) if a == *b => a,
            (Scalar::Int, Scalar::Float) | (Scalar::Float, Scalar::Int) => Scalar::Float,
            _ => Scalar::Str,
        });
    // An integer a float cannot hold (past 2^53) would be sent with other digits.
    let scalar = match scalar {
        Scalar::Float
            if data
                .iter()
                .any(|v| v.parse::<f64>().map(|f| f.to_string()).as_deref() != Ok(*v)) =>
        {
            Scalar::Str
        }
        other => other,
    };
    let what = match scalar {
        Scalar::Bool => "a boolean",
        Scalar::Int => "an integer",
        Scalar::Float => "a number",
        // Say why a numeric-looking value stays text.
        Scalar::Str | Scalar::Enum(_) if data.iter().any(|v| v.parse::<f64>().is_ok()) => {
            return Inferred {
                scalar: Scalar::Str,
                why: format!(
                    "A string: the examples {} are not all numbers that keep their text when \
                     sent as one.",
                    shown(&data)
                ),
            };
        }
        Scalar::Str | Scalar::Enum(_) => return plain(),
    };
    let examples = |list: &[&str]| match list.len() {
        1 => format!("the example {}", shown(list)),
        _ => format!("the examples {}", shown(list)),
    };
    let from = match (placeholders.is_empty(), data.is_empty()) {
        (true, _) => examples(&data),
        (false, true) => format!("the placeholder {}", shown(&placeholders)),
        (false, false) => format!(
            "the placeholder {} and {}",
            shown(&placeholders),
            examples(&data)
        ),
    };
    Inferred {
        scalar,
        why: format!("Typed as {what} from {from}."),
    }
}

/// A type hint such as `<integer>` or `<string>` rather than a value.
pub fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    text.len() > 2 && text.starts_with('<') && text.ends_with('>')
}

fn plain() -> Inferred {
    Inferred {
        scalar: Scalar::Str,
        why: String::new(),
    }
}

/// The type a placeholder names (`<integer>`, `<dateTime>`, ...).
pub fn placeholder(text: &str) -> Scalar {
    match text.to_ascii_lowercase().as_str() {
        "<boolean>" | "<bool>" => Scalar::Bool,
        "<integer>" | "<long>" | "<int>" | "<int32>" | "<int64>" => Scalar::Int,
        "<number>" | "<double>" | "<float>" | "<decimal>" => Scalar::Float,
        _ => Scalar::Str,
    }
}

/// The type of one literal value: only when the value's text is what the type prints, so
/// sending it gives the same bytes (`007` and `1.50` stay strings).
fn literal(text: &str) -> Scalar {
    match text {
        "true" | "false" => return Scalar::Bool,
        _ => {}
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if canonical && text.parse::<i64>().is_ok() {
        return Scalar::Int;
    }
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() && text.contains('.') && n.to_string() == text => Scalar::Float,
        _ => Scalar::Str,
    }
}

/// The values a description says are allowed, in the forms real collections use:
/// openapi-to-postman's "(This can only be one of a,b,c)", "Allowed values: a, b, c",
/// "Valid values are:" or "Possible values:" followed by a list of `code` or **bold** items,
/// Stripe's "One of `a`, `b`, or `c`", Twilio's "Can be: `a` or `b`", and a list of
/// "`value` - meaning" lines (Zoom's, one per `<br>`).
pub fn listed_values(description: &str) -> Option<Vec<String>> {
    let valid = |values: Vec<String>| {
        let mut unique = values.clone();
        unique.sort();
        unique.dedup();
        (values.len() >= 2 && unique.len() == values.len() && values.iter().all(|v| is_token(v)))
            .then_some(values)
    };
    marked_values(description)
        .and_then(valid)
        .or_else(|| quoted_values(description).and_then(valid))
        .or_else(|| explained_values(description).and_then(valid))
}

/// Whether `values` are `true` and `false`: a boolean, not an enum.
pub fn is_boolean_list(values: &[String]) -> bool {
    let mut sorted: Vec<&str> = values.iter().map(String::as_str).collect();
    sorted.sort();
    sorted == ["false", "true"]
}

/// "One of `a`, `b`, or `c`" and "Can be: `a` or `b`": the `code` spans of the sentence after
/// the phrase, when the sentence holds nothing else but separators.
fn quoted_values(description: &str) -> Option<Vec<String>> {
    const PHRASES: &[&str] = &["one of", "can be:", "can be", "either"];
    let lower = description.to_ascii_lowercase();
    PHRASES.iter().find_map(|phrase| {
        let start = lower.find(phrase)? + phrase.len();
        let rest = description[start..].trim_start();
        let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
        if !rest.starts_with('`') {
            return None;
        }
        // The sentence: up to a full stop after the last span, a line break or the end.
        let end = rest
            .find(['\n', '<'])
            .into_iter()
            .chain(rest.find(". "))
            .min()
            .unwrap_or(rest.len());
        let sentence = rest[..end].trim_end_matches('.');
        let mut values = Vec::new();
        let mut between = Vec::new();
        for (i, part) in sentence.split('`').enumerate() {
            if i % 2 == 1 {
                values.push(part.to_string());
            } else {
                between.push(part.trim());
            }
        }
        let separators = between
            .iter()
            .all(|s| matches!(*s, "" | "," | "or" | ", or" | "and" | ", and" | "/"));
        separators.then_some(values)
    })
}

/// Lines (or `<br>`-separated parts) that start with a `value` followed by `-` or `:` and what
/// it means: two or more of them in a row.
fn explained_values(description: &str) -> Option<Vec<String>> {
    let mut values = Vec::new();
    for part in description
        .split(['\n'])
        .flat_map(|line| line.split("<br>"))
    {
        let part = part.trim().trim_start_matches(['*', '-']).trim_start();
        let explained = part.strip_prefix('`').and_then(|rest| {
            let (value, after) = rest.split_once('`')?;
            let after = after.trim_start();
            (after.starts_with('-') || after.starts_with(':')).then(|| value.trim().to_string())
        });
        match explained {
            Some(value) => values.push(value),
            None if values.len() >= 2 => break,
            None => values.clear(),
        }
    }
    (values.len() >= 2).then_some(values)
}

/// The values after one of the markers ("Allowed values:", ...): inline, or a list of items.
fn marked_values(description: &str) -> Option<Vec<String>> {
    const MARKERS: &[&str] = &[
        "this can only be one of",
        "allowed values are",
        "allowed values",
        "valid values are",
        "valid values",
        "possible values are",
        "possible values",
        "accepted values are",
        "accepted values",
    ];
    let lower = description.to_ascii_lowercase();
    let (start, marker) = MARKERS
        .iter()
        .filter_map(|m| Some((lower.find(m)?, *m)))
        .min_by_key(|(at, _)| *at)?;
    let rest = description[start + marker.len()..].trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let values = match rest.trim_start_matches([' ', '\t']).strip_prefix('\n') {
        None if !rest.trim().starts_with(['*', '-']) => inline_list(rest),
        _ => item_list(rest),
    };
    Some(values)
}

/// `a, b, c` up to the end of the line, sentence or parenthesis.
fn inline_list(text: &str) -> Vec<String> {
    let end = text
        .find(['\n', ')', '<'])
        .into_iter()
        .chain(text.find(". "))
        .min()
        .unwrap_or(text.len());
    text[..end]
        .trim()
        .trim_end_matches('.')
        .split(',')
        .map(|v| v.trim().trim_matches('`').trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The first `code` or **bold** span of each `*` or `-` item of a markdown list (or the item's
/// first word), up to the first line that is not an item.
fn item_list(text: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut items = false;
    for line in text.lines().map(str::trim) {
        let Some(item) = line.strip_prefix(['*', '-']).map(str::trim) else {
            if line.is_empty() || !items {
                continue;
            }
            break;
        };
        items = true;
        let value = if let Some(code) = item.strip_prefix('`') {
            code.split('`').next()
        } else if let Some(bold) = item.strip_prefix("**") {
            bold.split("**").next()
        } else {
            item.split([' ', ':']).next()
        };
        match value {
            Some(value) if !value.trim().is_empty() => values.push(value.trim().to_string()),
            _ => return Vec::new(),
        }
    }
    values
}

/// A value that can be an enum variant's wire value: no spaces, not too long.
fn is_token(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.:/+@".contains(c))
}

/// Whether a description marks its field as required, as openapi-to-postman does.
pub fn is_required(description: &str) -> bool {
    description.contains("(Required)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(values: &[&str], description: &str) -> Scalar {
        infer(values, description).scalar
    }

    #[test]
    fn examples_narrow_only_when_they_agree() {
        assert_eq!(scalar(&["false"], ""), Scalar::Bool);
        assert_eq!(scalar(&["30", "31"], ""), Scalar::Int);
        assert_eq!(scalar(&["30", "2.5"], ""), Scalar::Float);
        // As a float this integer would be sent as 9007199254740992.
        assert_eq!(scalar(&["9007199254740993", "2.5"], ""), Scalar::Str);
        assert_eq!(scalar(&["30", "abc"], ""), Scalar::Str);
        assert_eq!(scalar(&["007"], ""), Scalar::Str);
        assert_eq!(scalar(&["1.50"], ""), Scalar::Str);
        assert_eq!(scalar(&["1e3"], ""), Scalar::Str);
        assert_eq!(scalar(&["{{limit}}", "30"], ""), Scalar::Int);
        assert_eq!(scalar(&[], ""), Scalar::Str);
        assert_eq!(
            infer(&["30"], "").why,
            "Typed as an integer from the example `30`."
        );
    }

    #[test]
    fn placeholders_are_type_hints() {
        assert_eq!(scalar(&["<boolean>"], ""), Scalar::Bool);
        assert_eq!(scalar(&["<integer>", "5"], ""), Scalar::Int);
        assert_eq!(scalar(&["<double>"], ""), Scalar::Float);
        assert_eq!(scalar(&["<string>"], ""), Scalar::Str);
        assert_eq!(scalar(&["<dateTime>"], ""), Scalar::Str);
        assert_eq!(
            infer(&["<long>"], "").why,
            "Typed as an integer from the placeholder `<long>`."
        );
    }

    #[test]
    fn listed_values_become_enums() {
        let values = |list: &[&str]| Scalar::Enum(list.iter().map(|v| v.to_string()).collect());
        assert_eq!(
            scalar(
                &["restricted"],
                "types (This can only be one of normal,shared,restricted)"
            ),
            values(&["normal", "shared", "restricted"])
        );
        assert_eq!(
            scalar(&[], "Sort order. Allowed values: asc, desc. Default: asc"),
            values(&["asc", "desc"])
        );
        assert_eq!(
            scalar(
                &["Active"],
                "Status.\n\nValid values are:\n\n* `Active` (default)\n* `Expired`\n* `Inactive`\n\nMore."
            ),
            values(&["Active", "Expired", "Inactive"])
        );
        assert_eq!(
            scalar(
                &[],
                "Possible values: * **instant**: the limit applies. * **all**: always."
            ),
            Scalar::Str,
            "one line of `*` items is not a list this parser trusts"
        );
        // The example is not one of the values: the description is not the whole truth.
        let inferred = infer(&["a,b"], "Allowed values: a,b,c");
        assert_eq!(inferred.scalar, Scalar::Str);
        assert!(
            inferred.why.contains("`a,b` is not one of them"),
            "{}",
            inferred.why
        );
    }

    #[test]
    fn more_forms_of_listed_values() {
        let values = |list: &[&str]| Scalar::Enum(list.iter().map(|v| v.to_string()).collect());
        // Stripe's sentence.
        assert_eq!(
            scalar(
                &[],
                "The tax exemption. One of `none`, `exempt`, or `reverse`."
            ),
            values(&["none", "exempt", "reverse"])
        );
        // Twilio's, and a list of `true` and `false` is a boolean.
        assert_eq!(
            scalar(&[], "Can be: `json` or `xml`. Default json."),
            values(&["json", "xml"])
        );
        assert_eq!(
            scalar(&["true"], "Whether to record. Can be: `true` or `false`."),
            Scalar::Bool
        );
        // Zoom's lines of "`value` - meaning".
        assert_eq!(
            scalar(
                &["<integer>"],
                "Meeting type:<br>`1` - Instant meeting.<br>`2` - Scheduled meeting.<br>`3` - Recurring meeting."
            ),
            values(&["1", "2", "3"])
        );
        assert_eq!(
            scalar(
                &[],
                "Which:\n* `all` - every one\n* `mine` - yours only\n\nMore text."
            ),
            values(&["all", "mine"])
        );
        // Prose with code spans is not a list.
        assert_eq!(
            scalar(&[], "One of the `id` values the `list` call returns."),
            Scalar::Str
        );
        assert_eq!(scalar(&[], "The `id` - see below."), Scalar::Str);
    }
}
