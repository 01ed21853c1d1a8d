//! JavaScript expressions read as the values and conditions of `model::script`: what a script
//! reads from the response (`pm.response.json().data[0].id`, `responseCode.code`,
//! `postman.getResponseHeader("X")`), from variables (`pm.environment.get("token")`) and
//! literals, and the conditions it tests (`===`, `indexOf(...) !== -1`, `_.has(...)`, `typeof`).
//! Anything else is `Err` with the reason, which becomes the warning's text.

use std::collections::HashMap;

use oxc_ast::ast::{
    Argument, BinaryOperator, Expression, LogicalOperator, TemplateLiteral, UnaryOperator,
};

use super::chain::{Seg, bottom, chain, text_arg};
use super::regex;
use super::time::{Read, Time};
use crate::model::script::{Arith, Cond, MathFn, NumberParse, Op, TextOp, Value};

/// What a local variable of the script holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Bound {
    Value(Value),
    Cond(Cond),
    /// A `Date` or moment object: the time the script runs, shifted.
    Time(Time),
    /// `require("moment")`.
    Moment,
    /// An object or array literal with members read at run time.
    Literal(Literal),
    /// Something postgen does not read, and why.
    Unknown(String),
}

/// An object or array literal whose members are values read at run time (`{ "Id": id }`),
/// kept as written: `JSON.stringify` writes it in its order, and `.Id` reads a member.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Literal {
    Value(Value),
    Object(Vec<(String, Literal)>),
    Array(Vec<Literal>),
}

impl Literal {
    /// The literal as JSON text, `JSON.stringify` of it: constant text, and each value's JSON.
    fn json_text(&self) -> Value {
        fn write(l: &Literal, parts: &mut Vec<Value>, text: &mut String) {
            match l {
                // A literal's JSON is itself (numbers as JavaScript prints them).
                Literal::Value(Value::Const(json)) => text.push_str(json),
                Literal::Value(v) => {
                    if !text.is_empty() {
                        parts.push(string(&std::mem::take(text)));
                    }
                    parts.push(Value::JsonText(Box::new(v.clone())));
                }
                Literal::Object(members) => {
                    text.push('{');
                    for (i, (key, member)) in members.iter().enumerate() {
                        if i > 0 {
                            text.push(',');
                        }
                        text.push_str(&serde_json::Value::String(key.clone()).to_string());
                        text.push(':');
                        write(member, parts, text);
                    }
                    text.push('}');
                }
                Literal::Array(items) => {
                    text.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            text.push(',');
                        }
                        write(item, parts, text);
                    }
                    text.push(']');
                }
            }
        }
        let (mut parts, mut text) = (Vec::new(), String::new());
        write(self, &mut parts, &mut text);
        if !text.is_empty() {
            parts.push(string(&text));
        }
        match parts.len() {
            1 => parts.remove(0),
            _ => Value::Concat(parts),
        }
    }

    /// The member `segs` name (`.Session.Id`, `[0]`), read as a value.
    fn member(&self, segs: &[Seg<'_, '_>]) -> Result<Value, String> {
        let (key, rest) = match (self, segs) {
            (Literal::Value(v), _) => return follow(v.clone(), segs),
            (_, []) => return Err("an object literal read whole".into()),
            (_, [Seg::Name(n), rest @ ..]) => (n.to_string(), rest),
            (_, [Seg::Key(k), rest @ ..]) => (k.clone(), rest),
            (_, [Seg::Index(i), rest @ ..]) => (i.to_string(), rest),
            _ => return Err("a method of an object literal".into()),
        };
        let found = match self {
            Literal::Object(members) => members.iter().rev().find(|(k, _)| *k == key).map(|m| &m.1),
            Literal::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
            Literal::Value(_) => None,
        };
        match found {
            Some(inner) => inner.member(rest),
            // JavaScript reads `undefined`; a set of it sends `null`, as postgen's missing values.
            None => Err(format!("`{key}`, which the object literal does not have")),
        }
    }
}

/// The script's local variables, and whether it may read the response (test scripts).
pub(super) struct Reader {
    pub(super) locals: HashMap<String, Bound>,
    pub(super) response: bool,
}

/// JSON text of a number as JavaScript prints it: integers without a fraction.
pub(super) fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        format!("{}", n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or_else(|| "null".into(), |n| n.to_string())
    }
}

/// A string as JSON text.
pub(super) fn string(text: &str) -> Value {
    Value::Const(serde_json::Value::String(text.to_string()).to_string())
}

/// RFC 6901 pointer `base` with `key` appended.
fn pointer(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// Why a time object is not a value.
const NOT_TEXT: &str =
    "a `Date` object rather than its text (postgen reads `toISOString()`, `getTime()`)";

/// The name [`Reader::value`] gives a value whose methods a chain calls (`(a + b).toFixed(2)`):
/// no JavaScript name, so no script's local is hidden by it.
const VALUE: &str = "(value)";

const VAR_SCOPES: [&str; 5] = [
    "environment",
    "collectionVariables",
    "globals",
    "variables",
    "iterationData",
];

impl Reader {
    /// What `expr` reads.
    pub(super) fn value(&self, expr: &Expression<'_>) -> Result<Value, String> {
        let expr = expr.without_parentheses();
        match expr {
            Expression::StringLiteral(s) => return Ok(string(s.value.as_str())),
            Expression::NumericLiteral(n) => return Ok(Value::Const(number(n.value))),
            Expression::BooleanLiteral(b) => return Ok(Value::Const(b.value.to_string())),
            Expression::NullLiteral(_) => return Ok(Value::Const("null".into())),
            Expression::TemplateLiteral(t) => return self.template(t),
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::UnaryNegation => {
                if let Expression::NumericLiteral(n) = u.argument.without_parentheses() {
                    return Ok(Value::Const(number(-n.value)));
                }
            }
            Expression::LogicalExpression(l) if l.operator == LogicalOperator::Or => {
                let mut options = Vec::new();
                for v in [self.value(&l.left)?, self.value(&l.right)?] {
                    match v {
                        Value::Or(inner) => options.extend(inner),
                        other => options.push(other),
                    }
                }
                return Ok(Value::Or(options));
            }
            Expression::ConditionalExpression(c) => {
                return Ok(Value::If(
                    Box::new(self.cond(&c.test)?),
                    Box::new(self.value(&c.consequent)?),
                    Box::new(self.value(&c.alternate)?),
                ));
            }
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::UnaryPlus => {
                let v = self.value(&u.argument)?;
                return Ok(Value::Number(Box::new(v), NumberParse::Whole));
            }
            Expression::BinaryExpression(b) if b.operator != BinaryOperator::Addition => {
                let op = match b.operator {
                    BinaryOperator::Subtraction => Arith::Sub,
                    BinaryOperator::Multiplication => Arith::Mul,
                    BinaryOperator::Division => Arith::Div,
                    BinaryOperator::Remainder => Arith::Rem,
                    other => return Err(format!("the operator `{}`", other.as_str())),
                };
                let (left, right) = (self.value(&b.left)?, self.value(&b.right)?);
                return Ok(Value::Arith(Box::new(left), op, Box::new(right)));
            }
            Expression::ObjectExpression(_) | Expression::ArrayExpression(_) => {
                return literal(expr)
                    .map(|json| Value::Const(json.to_string()))
                    .ok_or_else(|| format!("{} of other than literals", kind(expr)));
            }
            Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition => {
                return Ok(plus(self.value(&b.left)?, self.value(&b.right)?));
            }
            _ => {}
        }
        if let Some(read) = self.time(expr) {
            return match read? {
                Read::Value(v) => Ok(v),
                Read::Time(_) => Err(NOT_TEXT.into()),
            };
        }
        let (root, segs) = chain(expr);
        let Some(root) = root else {
            // `"id_".concat(n)`: the texts joined.
            if let (Expression::StringLiteral(s), [Seg::Name("concat"), Seg::Call(a)]) =
                (bottom(expr).without_parentheses(), segs.as_slice())
            {
                let mut parts = vec![string(s.value.as_str())];
                for arg in *a {
                    parts.push(self.value(arg.as_expression().ok_or("a spread argument")?)?);
                }
                return Ok(Value::Concat(parts));
            }
            // `(a + b).toFixed(2)`, `"a,b".split(",")[1]`: the methods of a value that is
            // not a name, read as those of a local holding it.
            let base = bottom(expr);
            // `bottom` does not look into `a?.b` as `chain` does: such a base is the whole
            // expression again, which must not be read again.
            if segs.is_empty()
                || std::ptr::eq(base, expr)
                || matches!(base, Expression::RegExpLiteral(_))
            {
                return Err(format!("{} is not a value postgen reads", kind(expr)));
            }
            return self.holding(self.value(base)?).rooted(VALUE, &segs);
        };
        self.rooted(root, &segs)
    }

    /// This reader with [`VALUE`] holding `v`: how the methods of a value that is not a name
    /// are read.
    fn holding(&self, v: Value) -> Reader {
        let mut locals = self.locals.clone();
        locals.insert(VALUE.to_string(), Bound::Value(v));
        Reader {
            locals,
            response: self.response,
        }
    }

    /// A time (`new Date()`, `moment(d)`, a local holding one) and the methods `expr` calls on
    /// it, or `None` when `expr` reads no time.
    pub(super) fn time(&self, expr: &Expression<'_>) -> Option<Result<Read, String>> {
        let (root, segs) = chain(expr);
        let (base, rest) = match root {
            None => match self.new_date(bottom(expr))? {
                Ok(t) => (t, &segs[..]),
                Err(why) => return Some(Err(why)),
            },
            Some(root) => match (self.locals.get(root)?, segs.as_slice()) {
                (Bound::Time(t), rest) => (t.clone(), rest),
                (Bound::Moment, [Seg::Call([]), rest @ ..]) => {
                    (Time::default().into_moment(), rest)
                }
                (Bound::Moment, [Seg::Call([a]), rest @ ..]) => {
                    match a.as_expression().and_then(|e| self.time(e)) {
                        Some(Ok(Read::Time(t))) => (t.into_moment(), rest),
                        Some(Err(why)) => return Some(Err(why)),
                        _ => return Some(Err("`moment` of something other than a time".into())),
                    }
                }
                (Bound::Moment, _) => {
                    return Some(Err("`moment` used other than as `moment(...)`".into()));
                }
                _ => return None,
            },
        };
        Some(base.read(rest))
    }

    /// `new Date()` and `new Date(Date.now())`: the time now.
    fn new_date(&self, e: &Expression<'_>) -> Option<Result<Time, String>> {
        let Expression::NewExpression(n) = e.without_parentheses() else {
            return None;
        };
        if !matches!(&n.callee, Expression::Identifier(id) if id.name.as_str() == "Date") {
            return None;
        }
        let now = match n.arguments.as_slice() {
            [] => true,
            [a] => a.as_expression().is_some_and(|e| {
                matches!(chain(e), (Some("Date"), segs)
                    if matches!(segs.as_slice(), [Seg::Name("now"), Seg::Call([])]))
            }),
            _ => false,
        };
        Some(match now {
            true => Ok(Time::default()),
            false => Err("a `Date` of a given time".into()),
        })
    }

    /// `e` as a literal whose members are read at run time, a local holding one, or a value.
    fn shape(&self, e: &Expression<'_>) -> Result<Literal, String> {
        use oxc_ast::ast::{ObjectPropertyKind, PropertyKind};
        let e = e.without_parentheses();
        if let Some(json) = literal(e) {
            return Ok(Literal::Value(Value::Const(json.to_string())));
        }
        Ok(match e {
            Expression::Identifier(id) => match self.locals.get(id.name.as_str()) {
                Some(Bound::Literal(l)) => l.clone(),
                _ => Literal::Value(self.value(e)?),
            },
            Expression::ObjectExpression(o) => {
                let mut members = Vec::new();
                for p in &o.properties {
                    let ObjectPropertyKind::ObjectProperty(p) = p else {
                        return Err("a spread in an object literal".into());
                    };
                    if p.kind != PropertyKind::Init || p.method || p.computed {
                        return Err("an object literal member postgen does not read".into());
                    }
                    let key = match &p.key {
                        oxc_ast::ast::PropertyKey::StaticIdentifier(id) => id.name.to_string(),
                        oxc_ast::ast::PropertyKey::StringLiteral(s) => s.value.to_string(),
                        oxc_ast::ast::PropertyKey::NumericLiteral(n) => number(n.value),
                        _ => return Err("an object literal key postgen does not read".into()),
                    };
                    members.push((key, self.shape(&p.value)?));
                }
                Literal::Object(members)
            }
            Expression::ArrayExpression(a) => {
                let mut items = Vec::new();
                for el in &a.elements {
                    let e = el
                        .as_expression()
                        .ok_or("a hole or spread in an array literal")?;
                    items.push(self.shape(e)?);
                }
                Literal::Array(items)
            }
            _ => Literal::Value(self.value(e)?),
        })
    }

    /// What `var x = init` binds when it is not a value: a time object, the moment library,
    /// or a literal with members read at run time.
    pub(super) fn binding(&self, init: &Expression<'_>) -> Option<Bound> {
        if matches!(
            init.without_parentheses(),
            Expression::ObjectExpression(_) | Expression::ArrayExpression(_)
        ) && literal(init).is_none()
        {
            return Some(match self.shape(init) {
                Ok(l) => Bound::Literal(l),
                Err(why) => Bound::Unknown(why),
            });
        }
        if let Expression::CallExpression(c) = init.without_parentheses()
            && matches!(&c.callee, Expression::Identifier(id) if id.name.as_str() == "require")
            && text_arg(&c.arguments, 0).as_deref() == Some("moment")
        {
            return Some(Bound::Moment);
        }
        match self.time(init)? {
            Ok(Read::Time(t)) => Some(Bound::Time(t)),
            Ok(Read::Value(_)) => None,
            Err(why) => Some(Bound::Unknown(why)),
        }
    }

    fn template(&self, t: &TemplateLiteral<'_>) -> Result<Value, String> {
        let mut parts = Vec::new();
        for (i, quasi) in t.quasis.iter().enumerate() {
            let text = quasi.value.cooked.map_or("", |c| c.as_str());
            if !text.is_empty() {
                parts.push(string(text));
            }
            if let Some(e) = t.expressions.get(i) {
                parts.push(self.value(e)?);
            }
        }
        Ok(match parts.len() {
            0 => string(""),
            1 if is_text(&parts[0]) => parts.remove(0),
            _ => Value::Concat(parts),
        })
    }

    /// What `root` followed by `segs` reads.
    pub(super) fn rooted(&self, root: &str, segs: &[Seg<'_, '_>]) -> Result<Value, String> {
        use Seg::{Call, Name};
        if let Some((op, used)) = text_op(segs) {
            let base = self.rooted(root, &segs[..segs.len() - used])?;
            return Ok(Value::Text(Box::new(base), op));
        }
        // `x.replace(/a/g, "b")`.
        if let [
            ..,
            Name(method @ ("replace" | "replaceAll")),
            Call([re, with]),
        ] = segs
            && let Some(pattern) = regex_arg(re)
        {
            let pattern = pattern?;
            if *method == "replaceAll" && !pattern.global {
                return Err("`replaceAll` of a regular expression without `g`".into());
            }
            let with = text_arg(std::slice::from_ref(with), 0)
                .ok_or("a replacement other than literal text")?;
            let with = regex::replacement(&with, &pattern)?;
            let subject = self.rooted(root, &segs[..segs.len() - 2])?;
            return Ok(Value::ReplaceMatches(
                Box::new(subject),
                pattern.regex,
                with,
                pattern.global,
            ));
        }
        // `amount.toFixed(2)`.
        if let [.., Name("toFixed"), Call(a)] = segs {
            let digits = match *a {
                [] => 0,
                [d] => int_of_arg(d)
                    .and_then(|d| u8::try_from(d).ok())
                    .filter(|d| *d <= 100)
                    .ok_or("`toFixed` of other than 0 to 100 places")?,
                _ => return Err("`toFixed` of more than one argument".into()),
            };
            let subject = self.rooted(root, &segs[..segs.len() - 2])?;
            return Ok(Value::Fixed(Box::new(subject), digits));
        }
        // `x.slice(start, end)` and `x.indexOf(s, from)`, of a text or a list, the positions
        // read at run time: `header.slice(header.indexOf("=") + 1)`.
        if let [.., Name(method @ ("slice" | "indexOf")), Call(a)] = segs
            && let [first, rest @ ..] = *a
            && rest.len() <= 1
        {
            let subject = Box::new(self.rooted(root, &segs[..segs.len() - 2])?);
            let arg = |a: &Argument<'_>| -> Result<Box<Value>, String> {
                Ok(Box::new(
                    self.value(a.as_expression().ok_or("a spread argument")?)?,
                ))
            };
            let (first, second) = (arg(first)?, rest.first().map(arg).transpose()?);
            return Ok(match *method {
                "slice" => Value::Slice(subject, first, second),
                _ => Value::IndexOf(subject, first, second),
            });
        }
        // `list.find(x => ...)`, and what follows it: `.find(...).id`.
        if let Some(i) = segs
            .windows(2)
            .position(|w| matches!(w, [Name("find" | "findLast"), Call([_])]))
        {
            let list = self.rooted(root, &segs[..i])?;
            let Call([f]) = &segs[i + 1] else {
                return Err("a `find` postgen does not read".into());
            };
            let f = f.as_expression().ok_or("a spread argument")?;
            let cond = self.predicate(f)?;
            let found = Value::Find(
                Box::new(list),
                Box::new(cond),
                matches!(segs[i], Name("findLast")),
            );
            return follow(found, &segs[i + 2..]);
        }
        let response = |v: Value, rest: &[Seg<'_, '_>]| -> Result<Value, String> {
            if !self.response {
                return Err("a pre-request script cannot read the response".into());
            }
            follow(v, rest)
        };
        if let Some(bound) = self.locals.get(root) {
            return match bound {
                Bound::Value(v) => follow(v.clone(), segs),
                Bound::Literal(l) => l.member(segs),
                Bound::Cond(_) => Err(format!("`{root}` holds a condition, not a value")),
                Bound::Unknown(why) => Err(format!("`{root}`: {why}")),
                Bound::Time(t) => match t.read(segs)? {
                    Read::Value(v) => Ok(v),
                    Read::Time(_) => Err(NOT_TEXT.into()),
                },
                Bound::Moment => Err("`moment` used other than as `moment(...)`".into()),
            };
        }
        match (root, segs) {
            ("pm", [Name("response"), Name("json"), Call([]), rest @ ..]) => {
                response(Value::Json(String::new()), rest)
            }
            ("pm", [Name("response"), Name("text"), Call([])]) => response(Value::Body, &[]),
            ("pm", [Name("response"), Name("responseTime")]) | ("responseTime", []) => {
                response(Value::ResponseTime, &[])
            }
            ("pm", [Name("response"), Name("code")]) => response(Value::Status, &[]),
            ("pm", [Name("response"), Name("status")]) => response(Value::Reason, &[]),
            ("pm", [Name("response"), Name("headers"), Name("get"), Call(a)]) => {
                let name = text_arg(a, 0).ok_or("a header named by an expression")?;
                response(Value::Header(name), &[])
            }
            ("pm", [Name("cookies"), Name("get"), Call(a)]) => {
                let name = text_arg(a, 0).ok_or("a cookie named by an expression")?;
                response(Value::Cookie(name), &[])
            }
            ("postman", [Name("getResponseHeader"), Call(a)]) => {
                let name = text_arg(a, 0).ok_or("a header named by an expression")?;
                response(Value::Header(name), &[])
            }
            ("postman", [Name("getResponseCookie"), Call(a), Name("value")]) => {
                let name = text_arg(a, 0).ok_or("a cookie named by an expression")?;
                response(Value::Cookie(name), &[])
            }
            ("responseBody", []) => response(Value::Body, &[]),
            ("responseCode", [Name("code")]) => response(Value::Status, &[]),
            ("responseCode", [Name("name")]) => response(Value::Reason, &[]),
            ("responseHeaders", [Seg::Key(name)]) => response(Value::Header(name.clone()), &[]),
            ("responseHeaders", [Name(name)]) => response(Value::Header(name.to_string()), &[]),
            ("responseCookies", _) => {
                Err("`responseCookies` is a list postgen does not search".into())
            }
            ("JSON", [Name("parse"), Call(a), rest @ ..]) if a.len() == 1 => {
                match self.value(a[0].as_expression().ok_or("a spread argument")?)? {
                    Value::Body => follow(Value::Json(String::new()), rest),
                    text => follow(Value::ParseJson(Box::new(text)), rest),
                }
            }
            ("pm", [Name(scope), Name("get"), Call(a)]) if VAR_SCOPES.contains(scope) => Ok(
                Value::Var(text_arg(a, 0).ok_or("a variable named by an expression")?),
            ),
            ("pm", [Name("variables"), Name("replaceIn"), Call(a)]) => Ok(Value::Template(
                text_arg(a, 0).ok_or("`replaceIn` of an expression")?,
            )),
            (
                "postman",
                [
                    Name("getEnvironmentVariable" | "getGlobalVariable" | "getVariable"),
                    Call(a),
                ],
            ) => Ok(Value::Var(
                text_arg(a, 0).ok_or("a variable named by an expression")?,
            )),
            ("environment" | "globals" | "data", [Name(name)]) => Ok(Value::Var(name.to_string())),
            ("environment" | "globals" | "data", [Seg::Key(name)]) => Ok(Value::Var(name.clone())),
            ("pm", [Name("cookies"), Name("toObject"), Call([]), rest @ ..]) => {
                // The cookies by name: `.name` (or chai's `property`) names one.
                response(Value::Cookie(String::new()), rest)
            }
            ("_", [Name("get"), Call(a)]) if a.len() >= 2 => {
                let object = self.value(a[0].as_expression().ok_or("a spread argument")?)?;
                let path = text_arg(a, 1).ok_or("`_.get` with a path postgen cannot read")?;
                dotted(object, &path)
            }
            ("JSON", [Name("stringify"), Call([a])]) => {
                let e = a.as_expression().ok_or("a spread argument")?;
                // A literal's JSON is written here, in the order written; a value read at run
                // time is written by the runtime (an object's keys sorted: its serde_json
                // keeps no order).
                Ok(match self.shape(e)? {
                    Literal::Value(v) if !matches!(v, Value::Const(_)) => {
                        Value::JsonText(Box::new(v))
                    }
                    shape => shape.json_text(),
                })
            }
            ("btoa", [Call([a])]) => {
                let e = a.as_expression().ok_or("a spread argument")?;
                Ok(Value::Base64(Box::new(self.value(e)?)))
            }
            ("String", [Call(a)]) if !a.is_empty() => {
                let e = a[0].as_expression().ok_or("a spread argument")?;
                self.value(e)
            }
            ("Number" | "parseInt" | "parseFloat", [Call(a)])
            | ("_", [Name("parseInt"), Call(a)])
                if !a.is_empty() =>
            {
                let parse = match root {
                    "Number" => NumberParse::Whole,
                    "parseFloat" => NumberParse::Float,
                    _ => NumberParse::Int,
                };
                if parse == NumberParse::Int && a.len() > 1 && int_of_arg(&a[1]) != Some(10) {
                    return Err("`parseInt` with a radix other than 10".into());
                }
                let e = a[0].as_expression().ok_or("a spread argument")?;
                Ok(Value::Number(Box::new(self.value(e)?), parse))
            }
            ("Math", [Name("random"), Call([])]) => Ok(Value::Random),
            ("Math", [Name(f), Call([a])]) => {
                let f = match *f {
                    "floor" => MathFn::Floor,
                    "ceil" => MathFn::Ceil,
                    "round" => MathFn::Round,
                    "trunc" => MathFn::Trunc,
                    "abs" => MathFn::Abs,
                    other => return Err(format!("`Math.{other}()` is not a value postgen reads")),
                };
                let v = self.value(a.as_expression().ok_or("a spread argument")?)?;
                Ok(Value::Math(Box::new(v), f))
            }
            ("Date", [Name("now"), Call([])]) => Ok(Value::Now(
                Vec::new(),
                crate::model::script::TimeFormat::Millis,
            )),
            (_, [.., Name("toString"), Call([])]) => self.rooted(root, &segs[..segs.len() - 2]),
            _ => Err(format!(
                "`{}` is not a value postgen reads",
                describe(root, segs)
            )),
        }
    }

    /// The condition a callback (`x => x.name === "a"`, `function (x) { return x.ok; }`)
    /// tests of its argument, which it reads as [`Value::Item`].
    fn predicate(&self, f: &Expression<'_>) -> Result<Cond, String> {
        use oxc_ast::ast::{ArrowFunctionBody, BindingPattern, Statement};
        let (params, body): (_, Option<&Expression<'_>>) = match f.without_parentheses() {
            Expression::ArrowFunctionExpression(a) => (
                &a.params,
                match &a.body {
                    ArrowFunctionBody::FunctionBody(b) => match b.statements.as_slice() {
                        [Statement::ReturnStatement(r)] => r.argument.as_ref(),
                        _ => None,
                    },
                    other => other.as_expression(),
                },
            ),
            Expression::FunctionExpression(f) => (
                &f.params,
                match f.body.as_ref().map(|b| b.statements.as_slice()) {
                    Some([Statement::ReturnStatement(r)]) => r.argument.as_ref(),
                    _ => None,
                },
            ),
            _ => return Err("`find` of something other than a function".into()),
        };
        let body = body.ok_or("a `find` callback other than one returned expression")?;
        let name = match params.items.as_slice() {
            [p] => match &p.pattern {
                BindingPattern::BindingIdentifier(id) => id.name.as_str(),
                _ => return Err("a `find` callback with a destructured argument".into()),
            },
            _ => return Err("a `find` callback without one argument".into()),
        };
        // Inside, the element is the callback's argument; an enclosing loop's element is not
        // readable (both would be `Item`).
        let mut locals = self.locals.clone();
        for bound in locals.values_mut() {
            if matches!(bound, Bound::Value(v) if v.reads_item()) {
                *bound = Bound::Unknown("an element of an enclosing loop".into());
            }
        }
        locals.insert(name.to_string(), Bound::Value(Value::Item(String::new())));
        let inner = Reader {
            locals,
            response: self.response,
        };
        inner.cond(body)
    }

    /// The condition `expr` tests.
    pub(super) fn cond(&self, expr: &Expression<'_>) -> Result<Cond, String> {
        let expr = expr.without_parentheses();
        match expr {
            Expression::BooleanLiteral(b) => Ok(Cond::Const(b.value)),
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                Ok(Cond::Not(Box::new(self.cond(&u.argument)?)))
            }
            Expression::LogicalExpression(l) => {
                let (a, b) = (self.cond(&l.left)?, self.cond(&l.right)?);
                match l.operator {
                    LogicalOperator::And => Ok(Cond::All(vec![a, b])),
                    LogicalOperator::Or => Ok(Cond::Any(vec![a, b])),
                    LogicalOperator::Coalesce => Err("`??` in a condition".into()),
                }
            }
            Expression::BinaryExpression(b) => self.compare(&b.left, b.operator, &b.right),
            _ => {
                // A local holding a condition (`var ok = code === 200`).
                if let Expression::Identifier(id) = expr
                    && let Some(Bound::Cond(c)) = self.locals.get(id.name.as_str())
                {
                    return Ok(c.clone());
                }
                if let Some(cond) = self.call_cond(expr)? {
                    return Ok(cond);
                }
                Ok(Cond::Truthy(self.value(expr)?))
            }
        }
    }

    /// Conditions written as calls: `x.indexOf(s)` is handled by `compare`; these are
    /// `responseBody.has(s)`, `x.includes(s)`, `_.has(obj, "a.b")`, `Array.isArray(x)`.
    pub(super) fn call_cond(&self, expr: &Expression<'_>) -> Result<Option<Cond>, String> {
        let (root, segs) = chain(expr);
        // `/re/.test(x)`.
        if let (None, [Seg::Name("test"), Seg::Call([a])]) = (root, segs.as_slice())
            && let Expression::RegExpLiteral(r) = bottom(expr).without_parentheses()
        {
            let pattern = regex::literal(r)?;
            let v = self.value(a.as_expression().ok_or("a spread argument")?)?;
            return Ok(Some(Cond::Matches(v, pattern.regex)));
        }
        let Some(root) = root else {
            // `"jumpy".endsWith("py")`: a literal's methods, as those of a local holding it.
            let base = bottom(expr);
            let literal = matches!(
                base,
                Expression::StringLiteral(_) | Expression::TemplateLiteral(_)
            );
            if !literal || segs.is_empty() {
                return Ok(None);
            }
            return self.holding(self.value(base)?).call_rooted(VALUE, &segs);
        };
        self.call_rooted(root, &segs)
    }

    /// The condition of a call on `root` followed by `segs`, when it is one of `call_cond`'s.
    fn call_rooted(&self, root: &str, segs: &[Seg<'_, '_>]) -> Result<Option<Cond>, String> {
        use Seg::{Call, Name};
        match (root, segs) {
            // `x.match(/re/)` is a list of what matched, or null.
            (_, [.., Name("match"), Call([re])]) if regex_arg(re).is_some() => {
                let pattern = regex_arg(re).ok_or("a `match` of other than a literal")??;
                let subject = self.rooted(root, &segs[..segs.len() - 2])?;
                Ok(Some(Cond::Matches(subject, pattern.regex)))
            }
            ("isNaN", [Call([a])]) => {
                let v = self.value(a.as_expression().ok_or("a spread argument")?)?;
                Ok(Some(Cond::IsNaN(v)))
            }
            ("pm", [Name(scope), Name("has"), Call(a)]) if VAR_SCOPES.contains(scope) => {
                let name = text_arg(a, 0).ok_or("a variable named by an expression")?;
                Ok(Some(Cond::Exists(Value::Var(name))))
            }
            ("pm", [Name("response"), Name("headers"), Name("has"), Call(a)]) => {
                let name = text_arg(a, 0).ok_or("a header named by an expression")?;
                if !self.response {
                    return Err("a pre-request script cannot read the response".into());
                }
                Ok(Some(Cond::Exists(Value::Header(name))))
            }
            ("_", [Name("has"), Call(a)]) if a.len() == 2 => {
                let object = self.value(a[0].as_expression().ok_or("a spread argument")?)?;
                let path = text_arg(a, 1).ok_or("`_.has` with a path postgen cannot read")?;
                Ok(Some(Cond::Exists(dotted(object, &path)?)))
            }
            ("Array", [Name("isArray"), Call(a)]) | ("_", [Name("isArray"), Call(a)])
                if a.len() == 1 =>
            {
                let v = self.value(a[0].as_expression().ok_or("a spread argument")?)?;
                Ok(Some(Cond::IsType(v, "array".into())))
            }
            (_, [.., Name("has" | "includes"), Call(a)]) if a.len() == 1 => {
                let subject = self.rooted(root, &segs[..segs.len() - 2])?;
                let needle = self.value(a[0].as_expression().ok_or("a spread argument")?)?;
                Ok(Some(Cond::Includes(subject, needle)))
            }
            // `_.startsWith(x, "a")`, `x.startsWith("a")`, `x.endsWith("a")`: the part of
            // that length compared.
            (
                "_",
                [
                    Name(method @ ("startsWith" | "endsWith")),
                    Call([x, needle]),
                ],
            ) => {
                let subject = self.value(x.as_expression().ok_or("a spread argument")?)?;
                let needle = std::slice::from_ref(needle);
                Ok(Some(affix(subject, method, needle)?))
            }
            (_, [.., Name(method @ ("startsWith" | "endsWith")), Call(needle)]) => {
                let subject = self.rooted(root, &segs[..segs.len() - 2])?;
                Ok(Some(affix(subject, method, needle)?))
            }
            (_, [.., Name("hasOwnProperty"), Call(a)]) if a.len() == 1 => {
                let subject = self.rooted(root, &segs[..segs.len() - 2])?;
                let key = text_arg(a, 0).ok_or("`hasOwnProperty` of an expression")?;
                Ok(Some(Cond::Exists(follow(subject, &[Seg::Key(key)])?)))
            }
            _ => Ok(None),
        }
    }

    fn compare(
        &self,
        left: &Expression<'_>,
        op: BinaryOperator,
        right: &Expression<'_>,
    ) -> Result<Cond, String> {
        use BinaryOperator as B;
        if op == B::In {
            let key = match left.without_parentheses() {
                Expression::StringLiteral(s) => s.value.as_str().to_string(),
                _ => return Err("`in` with a key postgen cannot read".into()),
            };
            return Ok(Cond::Exists(follow(self.value(right)?, &[Seg::Key(key)])?));
        }
        let (cmp, negate) = match op {
            B::StrictEquality => (Op::Eq, false),
            B::StrictInequality => (Op::Eq, true),
            B::Equality => (Op::LooseEq, false),
            B::Inequality => (Op::LooseEq, true),
            B::LessThan => (Op::Lt, false),
            B::LessEqualThan => (Op::Le, false),
            B::GreaterThan => (Op::Gt, false),
            B::GreaterEqualThan => (Op::Ge, false),
            _ => return Err(format!("the operator `{}`", op.as_str())),
        };
        let not = |c: Cond| if negate { Cond::Not(Box::new(c)) } else { c };
        // `typeof x === "undefined"`, `typeof x === "string"`.
        for (a, b) in [(left, right), (right, left)] {
            if let (Expression::UnaryExpression(u), Expression::StringLiteral(s)) =
                (a.without_parentheses(), b.without_parentheses())
                && u.operator == UnaryOperator::Typeof
                && matches!(cmp, Op::Eq | Op::LooseEq)
            {
                let v = self.value(&u.argument)?;
                return Ok(not(match s.value.as_str() {
                    "undefined" => Cond::Not(Box::new(Cond::Exists(v))),
                    "object" => Cond::Any(vec![
                        Cond::IsType(v.clone(), "object".into()),
                        Cond::IsType(v.clone(), "array".into()),
                        Cond::IsType(v, "null".into()),
                    ]),
                    other => Cond::IsType(v, other.to_string()),
                }));
            }
            // `x === undefined`, `x == null` (loose: missing or null).
            if is_undefined(b) && matches!(cmp, Op::Eq | Op::LooseEq) {
                let v = self.value(a)?;
                return Ok(not(Cond::Not(Box::new(Cond::Exists(v)))));
            }
            // `x.match(/re/) !== null`: whether it matches.
            if matches!(b.without_parentheses(), Expression::NullLiteral(_))
                && matches!(cmp, Op::Eq | Op::LooseEq)
                && let (Some(_), [.., Seg::Name("match"), Seg::Call([re])]) =
                    (chain(a).0, chain(a).1.as_slice())
                && regex_arg(re).is_some()
                && let Some(matches) = self.call_cond(a)?
            {
                return Ok(not(Cond::Not(Box::new(matches))));
            }
            if matches!(b.without_parentheses(), Expression::NullLiteral(_)) && cmp == Op::LooseEq {
                let v = self.value(a)?;
                return Ok(not(Cond::Any(vec![
                    Cond::Not(Box::new(Cond::Exists(v.clone()))),
                    Cond::IsType(v, "null".into()),
                ])));
            }
        }
        // `x.indexOf(s) !== -1`, `> -1`, `>= 0`, `< 0`, `=== -1`.
        if let Some((subject, needle)) = self.index_of(left)? {
            let found = match (op, int_of(right)) {
                (B::StrictInequality | B::Inequality | B::GreaterThan, Some(-1)) => true,
                (B::GreaterEqualThan, Some(0)) => true,
                (B::StrictEquality | B::Equality, Some(-1)) | (B::LessThan, Some(0)) => false,
                // A position compared with another: `Value::IndexOf` below.
                _ => return Ok(not(Cond::Cmp(self.value(left)?, cmp, self.value(right)?))),
            };
            let c = Cond::Includes(subject, needle);
            return Ok(if found { c } else { Cond::Not(Box::new(c)) });
        }
        Ok(not(Cond::Cmp(self.value(left)?, cmp, self.value(right)?)))
    }

    fn index_of(&self, expr: &Expression<'_>) -> Result<Option<(Value, Value)>, String> {
        let (root, segs) = chain(expr);
        match (root, segs.as_slice()) {
            (Some(root), [.., Seg::Name("indexOf"), Seg::Call(a)]) if a.len() == 1 => {
                let subject = self.rooted(root, &segs[..segs.len() - 2])?;
                let needle = self.value(a[0].as_expression().ok_or("a spread argument")?)?;
                Ok(Some((subject, needle)))
            }
            _ => Ok(None),
        }
    }
}

/// `v` followed through a lodash-style path, `a.b[0].c`.
pub(super) fn dotted(mut v: Value, path: &str) -> Result<Value, String> {
    for part in path.split('.') {
        let (key, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            v = follow(v, &[Seg::Key(key.to_string())])?;
        }
        for index in indices.split('[').filter(|i| !i.is_empty()) {
            let index = index.trim_end_matches(']');
            let index = index.parse().map_err(|_| format!("the path `{path}`"))?;
            v = follow(v, &[Seg::Index(index)])?;
        }
    }
    Ok(v)
}

/// `v` followed through `.name`, `[0]`, `["key"]` and `.length`: only JSON values have parts.
pub(super) fn follow(mut v: Value, segs: &[Seg<'_, '_>]) -> Result<Value, String> {
    for seg in segs {
        let key = match seg {
            Seg::Name("length") => {
                v = Value::Len(Box::new(v));
                continue;
            }
            Seg::Name(name) => name.to_string(),
            Seg::Key(key) => key.clone(),
            Seg::Index(i) => i.to_string(),
            Seg::Call(_) => return Err("a method call on a value".into()),
            Seg::Other => return Err("an index computed at run time".into()),
        };
        v = match v {
            Value::Json(p) => Value::Json(pointer(&p, &key)),
            Value::Item(p) => Value::Item(pointer(&p, &key)),
            Value::At(inner, p) => Value::At(inner, pointer(&p, &key)),
            // `pm.cookies.toObject()`, then a cookie's name.
            Value::Cookie(c) if c.is_empty() => Value::Cookie(key),
            // A found element, or a choice between JSON values (`found || list[0]`).
            v if json_like(&v) => Value::At(Box::new(v), pointer("", &key)),
            // A choice between a JSON value and a literal (`j` after `try { j = JSON.parse(..) }
            // catch { j = {} }`): the member of whichever was chosen.
            Value::If(cond, yes, no) => {
                let seg = std::slice::from_ref(seg);
                let (yes, no) = (follow(*yes, seg)?, follow(*no, seg)?);
                // `{}.x` is `undefined`, as a member of a body that is not JSON is: when the
                // choice was whether the body is JSON, the body's member is the member.
                let body_is_json = *cond == Cond::Exists(Value::Json(String::new()));
                let missing =
                    matches!(&no, Value::At(literal, _) if matches!(**literal, Value::Const(_)));
                if body_is_json && missing && matches!(yes, Value::Json(_)) {
                    yes
                } else {
                    Value::If(cond, Box::new(yes), Box::new(no))
                }
            }
            // A member of an object or array literal is read here; one it lacks is read at
            // run time, as `undefined`.
            Value::Const(json) if json.starts_with(['{', '[']) => {
                let at = pointer("", &key);
                match serde_json::from_str::<serde_json::Value>(&json)
                    .ok()
                    .and_then(|literal| literal.pointer(&at).map(|v| v.to_string()))
                {
                    Some(found) => Value::Const(found),
                    None => Value::At(Box::new(Value::Const(json)), at),
                }
            }
            _ => {
                return Err(format!(
                    "`.{key}` of a value that is not the response's JSON"
                ));
            }
        };
    }
    Ok(v)
}

/// `left + right` as JavaScript computes it: texts joined when either is text, else left to
/// run time ([`Value::Arith`] joins or adds by the values).
pub(super) fn plus(left: Value, right: Value) -> Value {
    if !is_text(&left) && !is_text(&right) {
        return Value::Arith(Box::new(left), Arith::Add, Box::new(right));
    }
    let mut parts = Vec::new();
    for v in [left, right] {
        match v {
            Value::Concat(inner) => parts.extend(inner),
            other => parts.push(other),
        }
    }
    Value::Concat(parts)
}

/// Whether `v` is a value of the response's JSON (or an element of it): one with parts.
fn json_like(v: &Value) -> bool {
    match v {
        Value::Json(_) | Value::Item(_) | Value::At(..) | Value::Find(..) | Value::ParseJson(_) => {
            true
        }
        Value::Or(options) => options.iter().all(json_like),
        Value::If(_, a, b) => json_like(a) && json_like(b),
        _ => false,
    }
}

fn is_text(v: &Value) -> bool {
    match v {
        Value::Const(c) => c.starts_with('"'),
        Value::Now(_, format) => *format == crate::model::script::TimeFormat::Iso,
        Value::Template(_)
        | Value::Concat(_)
        | Value::Var(_)
        | Value::Header(_)
        | Value::Body
        | Value::Cookie(_)
        | Value::Reason
        | Value::Text(..)
        | Value::ReplaceMatches(..)
        | Value::Fixed(..) => true,
        _ => false,
    }
}

/// `subject.startsWith(needle)` (or `endsWith`) of a literal needle, as a comparison of the
/// subject's first (last) characters with it.
fn affix(subject: Value, method: &str, needle: &[Argument<'_>]) -> Result<Cond, String> {
    let text = match needle {
        [_] => text_arg(needle, 0),
        _ => None,
    };
    let text = text.ok_or_else(|| format!("`{method}` of other than one literal text"))?;
    let len = text.chars().count() as f64;
    if len == 0.0 {
        return Ok(Cond::IsType(subject, "string".into()));
    }
    let (start, end) = match method {
        "startsWith" => (
            Value::Const("0".into()),
            Some(Box::new(Value::Const(number(len)))),
        ),
        _ => (Value::Const(number(-len)), None),
    };
    let part = Value::Slice(Box::new(subject), Box::new(start), end);
    Ok(Cond::Cmp(part, Op::Eq, string(&text)))
}

/// The regular expression of a literal argument (`/a/g`), translated; `None` when the
/// argument is not a regular expression literal.
pub(super) fn regex_arg(a: &Argument<'_>) -> Option<Result<regex::Pattern, String>> {
    match a.as_expression()?.without_parentheses() {
        Expression::RegExpLiteral(r) => Some(regex::literal(r)),
        _ => None,
    }
}

/// The JSON of a literal made only of literals (`{ "a": [1, "x"] }`), else `None`.
pub(super) fn literal(e: &Expression<'_>) -> Option<serde_json::Value> {
    use oxc_ast::ast::{ObjectPropertyKind, PropertyKind};
    use serde_json::Value as J;
    Some(match e.without_parentheses() {
        Expression::StringLiteral(s) => J::String(s.value.as_str().to_string()),
        Expression::NumericLiteral(n) => serde_json::from_str(&number(n.value)).ok()?,
        Expression::UnaryExpression(u) if u.operator == UnaryOperator::UnaryNegation => {
            match u.argument.without_parentheses() {
                Expression::NumericLiteral(n) => serde_json::from_str(&number(-n.value)).ok()?,
                _ => return None,
            }
        }
        Expression::BooleanLiteral(b) => J::Bool(b.value),
        Expression::NullLiteral(_) => J::Null,
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => J::String(
            t.quasis
                .iter()
                .filter_map(|q| q.value.cooked.map(|c| c.as_str().to_string()))
                .collect(),
        ),
        Expression::ArrayExpression(a) => J::Array(
            a.elements
                .iter()
                .map(|el| literal(el.as_expression()?))
                .collect::<Option<_>>()?,
        ),
        Expression::ObjectExpression(o) => {
            let mut map = serde_json::Map::new();
            for p in &o.properties {
                let ObjectPropertyKind::ObjectProperty(p) = p else {
                    return None;
                };
                if p.kind != PropertyKind::Init || p.method || p.computed || p.shorthand {
                    return None;
                }
                let key = match &p.key {
                    oxc_ast::ast::PropertyKey::StaticIdentifier(id) => id.name.as_str().to_string(),
                    oxc_ast::ast::PropertyKey::StringLiteral(s) => s.value.as_str().to_string(),
                    oxc_ast::ast::PropertyKey::NumericLiteral(n) => number(n.value),
                    _ => return None,
                };
                map.insert(key, literal(&p.value)?);
            }
            J::Object(map)
        }
        _ => return None,
    })
}

fn int_of_arg(a: &Argument<'_>) -> Option<i64> {
    int_of(a.as_expression()?)
}

fn is_undefined(e: &Expression<'_>) -> bool {
    matches!(e.without_parentheses(), Expression::Identifier(id) if id.name.as_str() == "undefined")
}

fn int_of(e: &Expression<'_>) -> Option<i64> {
    match e.without_parentheses() {
        Expression::NumericLiteral(n) => Some(n.value as i64),
        Expression::UnaryExpression(u) if u.operator == UnaryOperator::UnaryNegation => {
            int_of(&u.argument).map(|n| -n)
        }
        _ => None,
    }
}

/// A short name of an expression's kind, for warnings.
fn kind(e: &Expression<'_>) -> &'static str {
    match e {
        Expression::ObjectExpression(_) => "an object literal",
        Expression::ArrayExpression(_) => "an array literal",
        Expression::ConditionalExpression(_) => "a `?:` expression",
        Expression::NewExpression(_) => "a `new` expression",
        Expression::FunctionExpression(_) | Expression::ArrowFunctionExpression(_) => "a function",
        Expression::LogicalExpression(_) => "a `||`/`&&` value",
        Expression::BinaryExpression(_) => "arithmetic",
        Expression::CallExpression(_) => "a call",
        _ => "an expression",
    }
}

/// `root.a.b(...)`, for warnings.
fn describe(root: &str, segs: &[Seg<'_, '_>]) -> String {
    let mut text = root.to_string();
    for seg in segs {
        match seg {
            Seg::Name(n) => {
                text.push('.');
                text.push_str(n);
            }
            Seg::Index(i) => text.push_str(&format!("[{i}]")),
            Seg::Key(k) => text.push_str(&format!("[{k:?}]")),
            Seg::Call(_) => text.push_str("()"),
            Seg::Other => text.push_str("[...]"),
        }
    }
    text
}

/// A string method ending `segs`, and how many steps it takes: `.split(",")[1]` (three),
/// `.trim()`, `.toLowerCase()`, `.toUpperCase()`, `.replace("a", "b")`, `.substring(1, 3)`,
/// `.substr(1, 2)` (two). `.slice` is [`Value::Slice`]: it slices lists too.
fn text_op(segs: &[Seg<'_, '_>]) -> Option<(TextOp, usize)> {
    let int = |a: &[Argument<'_>], i: usize| -> Option<i64> {
        match a.get(i)?.as_expression()?.without_parentheses() {
            Expression::NumericLiteral(n) if n.value.fract() == 0.0 => Some(n.value as i64),
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::UnaryNegation => match u
                .argument
                .without_parentheses()
            {
                Expression::NumericLiteral(n) if n.value.fract() == 0.0 => Some(-(n.value as i64)),
                _ => None,
            },
            _ => None,
        }
    };
    match segs {
        [.., Seg::Name("split"), Seg::Call(a), Seg::Index(i)] if a.len() == 1 => {
            Some((TextOp::Split(text_arg(a, 0)?, *i), 3))
        }
        [.., Seg::Name(method), Seg::Call(a)] => {
            let op = match (*method, a.len()) {
                ("trim", 0) => TextOp::Trim,
                ("toLowerCase", 0) => TextOp::Lower,
                ("toUpperCase", 0) => TextOp::Upper,
                ("replace", 2) => TextOp::Replace(text_arg(a, 0)?, text_arg(a, 1)?),
                // `substring` clamps negatives to 0 rather than counting from the end.
                ("substring" | "substr", 1) if int(a, 0)? >= 0 => TextOp::Slice(int(a, 0)?, None),
                // `substr(start, length)` (Brightspace's quiz links: `ActivityId.substr(44, 42)`).
                ("substr", 2) if int(a, 0)? >= 0 && int(a, 1)? >= 0 => {
                    TextOp::Slice(int(a, 0)?, Some(int(a, 0)? + int(a, 1)?))
                }
                ("substring", 2) if int(a, 0)? >= 0 && int(a, 1)? >= int(a, 0)? => {
                    TextOp::Slice(int(a, 0)?, Some(int(a, 1)?))
                }
                _ => return None,
            };
            Some((op, 2))
        }
        _ => None,
    }
}
