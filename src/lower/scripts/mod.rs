//! Postman scripts translated: a real JavaScript parser (oxc) reads each pre-request and test
//! script, and `walk.rs` turns the statements whose effect a typed client can have into
//! `model::script` data: variable sets (every scope, modern `pm.*` and legacy `postman.*` APIs)
//! and assertions (`pm.test`, `pm.expect`, `pm.response.to`, `tests[...]`). Every set or
//! assertion left out, and every other statement with an effect, becomes a warning naming the
//! item, the script and the statement; each collection gets a count of translated statements.
//!
//! Scripts run in order collection -> folders -> request, so each request's [`Scripts`] are its
//! ancestors' followed by its own; each script is translated once, where it is written.

mod applies;
mod chain;
mod judge;
mod plan;
mod read;
mod regex;
mod time;
mod walk;

use oxc_allocator::Allocator;
use oxc_parser::{ParseOptions, Parser};
use oxc_span::SourceType;
use serde_json::Value as Json;

pub(crate) use applies::applying;
pub(crate) use judge::Served;
pub(crate) use plan::Plan;
pub(crate) use walk::Skipped;

use crate::model::script::Scripts;

/// What translating one script gave.
#[derive(Debug, Clone, Default)]
pub(crate) struct Translated {
    pub(crate) scripts: Scripts,
    /// How many variable sets and assertions the script has.
    pub(crate) counted: usize,
    /// Sets, assertions and other statements left out, with why.
    pub(crate) skipped: Vec<Skipped>,
    /// Why the script could not be parsed at all.
    pub(crate) error: Option<String>,
}

impl Translated {
    /// How many of the counted sets and assertions were translated.
    pub(crate) fn translated(&self) -> usize {
        self.counted - self.skipped_counted()
    }

    fn skipped_counted(&self) -> usize {
        self.skipped.iter().filter(|s| s.counted).count()
    }
}

/// Translates `source`, a test script when `test` (it reads the response), else a pre-request
/// script.
pub(crate) fn translate(source: &str, test: bool) -> Translated {
    let allocator = Allocator::default();
    let options = ParseOptions {
        // Postman runs a script as a function body: `return` ends it.
        allow_return_outside_function: true,
        ..ParseOptions::default()
    };
    let parsed = Parser::new(&allocator, source, SourceType::cjs())
        .with_options(options)
        .parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        let why = parsed
            .diagnostics
            .errors()
            .next()
            .map_or_else(|| "not JavaScript".to_string(), ToString::to_string);
        return Translated {
            error: Some(why),
            ..Translated::default()
        };
    }
    let mut walk = walk::Walk::new(source, test);
    walk.statements(&parsed.program.body);
    walk.finish();
    Translated {
        scripts: walk.out,
        counted: walk.counted,
        skipped: walk.skipped,
        error: None,
    }
}

/// One script of an item's (or the collection's) `event` list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Event {
    /// Its JSON location relative to the item, e.g. `event[1].script.exec`.
    pub(crate) location: String,
    pub(crate) test: bool,
    pub(crate) source: String,
}

/// The enabled pre-request and test scripts of an `event` list, with their source: `exec` as
/// a list of lines or one string. Other listeners and empty scripts are left out.
pub(crate) fn events(events: &[Json]) -> Vec<Event> {
    events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.get("disabled").and_then(Json::as_bool) != Some(true))
        .filter_map(|(i, e)| {
            let test = match e.get("listen")?.as_str()? {
                "test" => true,
                "prerequest" => false,
                _ => return None,
            };
            let exec = e.get("script")?.get("exec")?;
            let source = match exec {
                Json::String(s) => s.clone(),
                Json::Array(lines) => lines
                    .iter()
                    .filter_map(Json::as_str)
                    .collect::<Vec<_>>()
                    .join("\n"),
                _ => return None,
            };
            (!source.trim().is_empty()).then(|| Event {
                location: format!("event[{i}].script.exec"),
                test,
                source,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;

/// The section of a method's docs saying what the collection's scripts do around it, for a
/// method `depth` modules below the client's root (its links are relative, so the client
/// works inside any module).
pub(crate) fn docs(scripts: &Scripts, depth: usize) -> String {
    use crate::model::script::Value;
    fn shown(v: &Value) -> String {
        let code = |t: &str| format!("`{}`", t.replace('`', "'"));
        match v {
            Value::Json(p) if p.is_empty() => "the response body".into(),
            Value::Json(p) => format!("the response's {}", code(p)),
            Value::Header(h) => format!("the response header {}", code(h)),
            Value::Status => "the response status".into(),
            Value::Reason => "the response's status text".into(),
            Value::Cookie(c) => format!("the cookie {}", code(c)),
            Value::Body => "the response body".into(),
            Value::ResponseTime => "the response time (ms)".into(),
            Value::Const(c) => code(c),
            Value::Var(n) => format!("the variable {}", code(n)),
            Value::Template(t) => code(t),
            Value::Concat(parts) => parts.iter().map(shown).collect::<Vec<_>>().join(" + "),
            Value::Len(inner) => format!("the length of {}", shown(inner)),
            Value::Or(options) => options.iter().map(shown).collect::<Vec<_>>().join(" or "),
            Value::If(_, a, b) => format!("{} or {}, by a condition", shown(a), shown(b)),
            Value::Text(inner, _) => format!("a part of {}", shown(inner)),
            Value::Now(shifts, _) if shifts.is_empty() => "the time".into(),
            Value::Now(..) => "a time from now".into(),
            Value::Number(inner, _) => format!("the number in {}", shown(inner)),
            Value::Find(list, _, _) => {
                format!("an element of {} found by a condition", shown(list))
            }
            Value::Item(p) if p.is_empty() => "the element".into(),
            Value::Item(p) => format!("the element's {}", code(p)),
            Value::At(inner, p) => format!("{} of {}", code(p), shown(inner)),
            Value::IndexOf(inner, needle, _) => {
                format!("the position of {} in {}", shown(needle), shown(inner))
            }
            Value::Slice(inner, ..) => format!("a part of {}", shown(inner)),
            Value::ReplaceMatches(inner, re, ..) => {
                format!("{} with {} replaced", shown(inner), code(&re.written))
            }
            Value::ParseJson(inner) => format!("the JSON in {}", shown(inner)),
            Value::Random => "a random number".into(),
            Value::Math(inner, f) => {
                format!(
                    "`Math.{}` of {}",
                    format!("{f:?}").to_lowercase(),
                    shown(inner)
                )
            }
            Value::Fixed(inner, digits) => format!("{} with {digits} decimals", shown(inner)),
            Value::Base64(inner) => format!("{} in base64", shown(inner)),
            Value::JsonText(inner) => format!("{} as JSON", shown(inner)),
            Value::Arith(a, op, b) => {
                use crate::model::script::Arith;
                let op = match op {
                    Arith::Add => "+",
                    Arith::Sub => "-",
                    Arith::Mul => "*",
                    Arith::Div => "/",
                    Arith::Rem => "%",
                };
                format!("{} {op} {}", shown(a), shown(b))
            }
        }
    }
    let mut lines = Vec::new();
    for (sets, when) in [
        (&scripts.before, "Before it is sent"),
        (&scripts.after, "From the response"),
    ] {
        for set in sets {
            let name = set.name.replace('`', "'");
            let what = match &set.value {
                Some(v) => format!("sets `{name}` to {}", shown(v)),
                None => format!("unsets `{name}`"),
            };
            let cond = if set.when.is_some() {
                " (when its condition holds)"
            } else {
                ""
            };
            lines.push(format!("- {when}, {what}{cond}."));
        }
    }
    for check in &scripts.checks {
        lines.push(format!("- Checks \"{}\".", check.name.replace('`', "'")));
    }
    // At the root the plain name resolves; rustdoc calls an explicit `self::` target redundant.
    let link = match depth {
        0 => String::new(),
        depth => format!("({}::Response::script)", vec!["super"; depth].join("::")),
    };
    format!(
        "\n\n# Scripts\n\nThe collection's scripts, translated, run with this request: the variables they set are the client's (shared by its clones), and [`Response::script`]{link} reports the checks.\n\n{}",
        lines.join("\n")
    )
}
