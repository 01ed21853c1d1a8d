//! A script's statements walked in order: local variables bound, `if` conditions carried to
//! what they guard, variable sets and assertions translated (`read.rs` reads their values), and
//! each set or assertion postgen cannot translate recorded with its reason.

use std::collections::HashMap;

use oxc_ast::ast::{
    Argument, ArrowFunctionBody, AssignmentOperator, AssignmentTarget, BindingPattern, Expression,
    PropertyKey, SimpleAssignmentTarget, Statement, UpdateOperator,
};
use oxc_span::GetSpan;

use super::chain::{Seg, chain, text_arg};
use super::read::{Bound, Reader, follow, literal};
use crate::model::script::{Arith, Check, Cond, NumberParse, Op, Scripts, Value, VarSet};

/// A set or assertion left out, with the statement's text and why.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Skipped {
    pub(crate) text: String,
    pub(crate) why: String,
    /// Whether it is a set or an assertion (counted by the translation rate), rather than
    /// another statement with an effect.
    pub(crate) counted: bool,
}

/// Walks one script.
pub(super) struct Walk<'t> {
    pub(super) source: &'t str,
    pub(super) reader: Reader,
    /// The conditions of the `if`s around the statement (`Err` when one cannot be read).
    guards: Vec<Result<Cond, String>>,
    /// Inside `pm.test(name, fn)`: the conditions of its assertions.
    test: Option<Vec<Cond>>,
    /// Inside `list.forEach(x => ...)`: the list, how many guards were in force outside, and
    /// whether the list must be an array (`list.forEach` throws on anything else; lodash's
    /// `_.each` does nothing).
    each: Option<(Value, usize, bool)>,
    /// `tests[name] = value` with the guard in force, in order: folded into checks at the end.
    legacy: Vec<(String, Option<Cond>, Cond)>,
    /// The functions the script declares (`function f() {...}`, `var f = () => {...}`), by
    /// name, with their source: their bodies are not walked, so a statement that mentions one
    /// may run it and change any local its source names.
    functions: Vec<(String, oxc_span::Span)>,
    pub(super) out: Scripts,
    pub(super) counted: usize,
    pub(super) skipped: Vec<Skipped>,
}

const SCOPES: [(&str, &str); 4] = [
    ("environment", "environment"),
    ("collectionVariables", "collection"),
    ("globals", "globals"),
    ("variables", "variables"),
];

/// Words of a chai chain that only read well: `to.be.a`, `to.have.property`.
const CHAIN_WORDS: [&str; 18] = [
    "to", "be", "been", "is", "that", "which", "and", "has", "have", "with", "at", "of", "same",
    "but", "does", "still", "also", "deep",
];

/// Chai's flags when not called: `include.keys`, `nested.property`, `own.property`.
const FLAGS: [&str; 6] = ["include", "contain", "contains", "own", "any", "all"];

impl<'t> Walk<'t> {
    pub(super) fn new(source: &'t str, response: bool) -> Self {
        Walk {
            source,
            reader: Reader {
                locals: Default::default(),
                response,
            },
            guards: Vec::new(),
            each: None,
            test: None,
            legacy: Vec::new(),
            functions: Vec::new(),
            out: Scripts::default(),
            counted: 0,
            skipped: Vec::new(),
        }
    }

    fn text(&self, span: oxc_span::Span) -> String {
        let text = span.source_text(self.source);
        let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match line.char_indices().nth(120) {
            Some((cut, _)) => format!("{}...", &line[..cut]),
            None => line,
        }
    }

    /// Records a statement with an effect that is not translated.
    fn skip(&mut self, span: oxc_span::Span, why: impl Into<String>) {
        let skipped = Skipped {
            text: self.text(span),
            why: why.into(),
            counted: false,
        };
        self.skipped.push(skipped);
    }

    /// Records a set or assertion (already counted) that is not translated.
    fn left_out(&mut self, span: oxc_span::Span, why: impl Into<String>) {
        let skipped = Skipped {
            text: self.text(span),
            why: why.into(),
            counted: true,
        };
        self.skipped.push(skipped);
    }

    /// The guard in force, or why there is none postgen can read.
    fn guard(&self) -> Result<Option<Cond>, String> {
        guard_of(&self.guards)
    }

    /// The guard in force outside any `forEach` (inside one, `each_guards` places them).
    fn guard_outside_each(&self) -> Result<Option<Cond>, String> {
        match &self.each {
            Some(_) => Ok(None),
            None => self.guard(),
        }
    }

    /// Inside a `forEach`: its list, the guard outside it and the guard inside it (which reads
    /// the element as [`Value::Item`]).
    fn each_guards(&self) -> Result<Option<EachGuards>, String> {
        let Some((list, outside, _)) = &self.each else {
            return Ok(None);
        };
        let inside = guard_of(&self.guards[*outside..])?;
        Ok(Some((
            list.clone(),
            guard_of(&self.guards[..*outside])?,
            inside,
        )))
    }

    pub(super) fn statements(&mut self, statements: &[Statement<'_>]) {
        let depth = self.guards.len();
        // A declared function can be called before its declaration (JavaScript hoists it).
        for s in statements {
            if let Statement::FunctionDeclaration(f) = s
                && let Some(id) = &f.id
            {
                self.functions.push((id.name.to_string(), f.span));
            }
        }
        for s in statements {
            if !matches!(s, Statement::FunctionDeclaration(_)) {
                self.forget_what_calls_may_change(s.span());
            }
            self.statement(s);
            // `if (cond) return;` (or `throw`): what follows runs only when `cond` does not hold.
            if let Statement::IfStatement(i) = s
                && i.alternate.is_none()
                && ends(&i.consequent)
            {
                let g = self.reader.cond(&i.test).map(|c| Cond::Not(Box::new(c)));
                self.guards.push(g);
            }
        }
        self.guards.truncate(depth);
    }

    /// Folds the legacy `tests[name] = ...` assignments into one check per name: the value of
    /// the last assignment that ran.
    pub(super) fn finish(&mut self) {
        let mut names: Vec<String> = Vec::new();
        for (name, _, _) in &self.legacy {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        for name in names {
            // `r = g ? v : r`, from no assignment (the test absent: not a failure) onwards.
            let mut result = Cond::Const(true);
            for (n, guard, value) in &self.legacy {
                if *n != name {
                    continue;
                }
                result = match guard {
                    None => value.clone(),
                    Some(g) => {
                        let unless = Cond::Not(Box::new(g.clone()));
                        let otherwise = match result {
                            Cond::Const(true) => unless,
                            previous => Cond::All(vec![unless, previous]),
                        };
                        Cond::Any(vec![Cond::All(vec![g.clone(), value.clone()]), otherwise])
                    }
                };
            }
            self.out.checks.push(Check { name, cond: result });
        }
    }

    fn statement(&mut self, s: &Statement<'_>) {
        match s {
            Statement::ExpressionStatement(e) => self.expression(&e.expression, s.span()),
            Statement::BlockStatement(b) => self.statements(&b.body),
            Statement::VariableDeclaration(d) => {
                for decl in &d.declarations {
                    if let (Some(init), BindingPattern::BindingIdentifier(id)) =
                        (&decl.init, &decl.id)
                    {
                        self.function_bound(id.name.as_str(), init);
                    }
                    let bound = match &decl.init {
                        Some(init) => self.bind_value(init),
                        None => Bound::Unknown("declared without a value".into()),
                    };
                    self.bind(&decl.id, bound);
                }
            }
            Statement::IfStatement(i) => {
                // `if (tests["ok"] = code === 200) { ... }`: the test is recorded, and its
                // value is the condition.
                let test = match i.test.without_parentheses() {
                    Expression::AssignmentExpression(a)
                        if a.operator == oxc_ast::ast::AssignmentOperator::Assign
                            && counts_target(&a.left) =>
                    {
                        self.assignment(a, i.test.span());
                        &a.right
                    }
                    _ => &i.test,
                };
                let g = self.reader.cond(test);
                let before = self.reader.locals.clone();
                self.guards.push(g.clone());
                self.statement(&i.consequent);
                self.guards.pop();
                let then = std::mem::replace(&mut self.reader.locals, before.clone());
                if let Some(alt) = &i.alternate {
                    self.guards.push(g.clone().map(|c| Cond::Not(Box::new(c))));
                    self.statement(alt);
                    self.guards.pop();
                }
                self.join(&before, then, g.ok());
            }
            Statement::TryStatement(t) => {
                let no_throw = match self.reads_only_the_body(&t.block.body) {
                    Some((read, no_throw)) => {
                        // What follows the read runs only when it did not throw.
                        let (upto, rest) = t.block.body.split_at(read + 1);
                        self.statements(upto);
                        let before = self.reader.locals.clone();
                        self.guards.push(Ok(no_throw.clone()));
                        self.statements(rest);
                        self.guards.pop();
                        let then = std::mem::replace(&mut self.reader.locals, before.clone());
                        self.join(&before, then, Some(no_throw.clone()));
                        Some(no_throw)
                    }
                    None => {
                        self.statements(&t.block.body);
                        None
                    }
                };
                if let Some(handler) = &t.handler {
                    // When the `try` only reads the response body, the `catch` runs when that
                    // throws: a local it changes holds the `try`'s value when it did not and
                    // the `catch`'s when it did, as after an `if`. Of any other `try` postgen
                    // cannot tell when the `catch` runs.
                    let (guard, join) = if let Some(no_throw) = no_throw {
                        (Ok(Cond::Not(Box::new(no_throw.clone()))), Some(no_throw))
                    } else {
                        let why = "inside a `catch` of a `try` that does more than read the \
                                   response body (postgen cannot tell when it runs)";
                        (Err(why.to_string()), None)
                    };
                    let tried = self.reader.locals.clone();
                    self.guards.push(guard);
                    self.statements(&handler.body.body);
                    self.guards.pop();
                    self.join(&tried, tried.clone(), join);
                }
                if let Some(f) = &t.finalizer {
                    self.statements(&f.body);
                }
            }
            Statement::EmptyStatement(_) | Statement::DebuggerStatement(_) => {}
            Statement::FunctionDeclaration(f) => {
                let name = f.id.as_ref().map_or("", |id| id.name.as_str()).to_string();
                self.reader
                    .locals
                    .insert(name.clone(), Bound::Unknown("a function".into()));
                if let Some(body) = &f.body {
                    self.skip_all(&body.statements, &format!("inside the function `{name}`"));
                }
            }
            Statement::ForStatement(_)
            | Statement::ForInStatement(_)
            | Statement::ForOfStatement(_)
            | Statement::WhileStatement(_)
            | Statement::DoWhileStatement(_) => {
                self.skip_nested(s, "inside a loop");
                self.forget_named_in(s.span(), "inside a loop");
            }
            Statement::SwitchStatement(sw) => match self.switch(sw) {
                Ok(groups) => {
                    for (cond, body) in groups {
                        self.guards.push(Ok(cond));
                        self.statements(body);
                        self.guards.pop();
                    }
                }
                Err(why) => {
                    for case in &sw.cases {
                        self.skip_all(&case.consequent, &format!("inside a `switch` ({why})"));
                    }
                }
            },
            _ => self.skip_nested(s, "inside a statement postgen does not read"),
        }
    }

    /// A `switch` as the condition of each group of cases and the statements it runs (without
    /// their `break`): one whose every case ends in `break`, `return` or `throw`, or has no
    /// statements (it falls through to the next case's), and whose `default` comes last.
    fn switch<'s, 'a>(
        &self,
        sw: &'s oxc_ast::ast::SwitchStatement<'a>,
    ) -> Result<Vec<(Cond, &'s [Statement<'a>])>, String> {
        let subject = self.reader.value(&sw.discriminant)?;
        let (mut groups, mut pending, mut every) = (Vec::new(), Vec::new(), Vec::new());
        for (i, case) in sw.cases.iter().enumerate() {
            let last = i + 1 == sw.cases.len();
            let cond = match &case.test {
                Some(test) => {
                    let c = Cond::Cmp(subject.clone(), Op::Eq, self.reader.value(test)?);
                    every.push(c.clone());
                    c
                }
                None if last => Cond::Not(Box::new(Cond::Any(every.clone()))),
                None => return Err("a `default` before other cases".into()),
            };
            pending.push(cond);
            let body = case.consequent.as_slice();
            let body = match body.last() {
                None if !last => continue,
                Some(Statement::BreakStatement(b)) if b.label.is_none() => &body[..body.len() - 1],
                Some(s) if ends(s) || last => body,
                None => body,
                Some(_) => return Err("a case that falls through into the next".into()),
            };
            if body
                .iter()
                .any(|s| matches!(s, Statement::BreakStatement(_)))
            {
                return Err("a `break` before a case's end".into());
            }
            let cond = match pending.len() {
                1 => pending.remove(0),
                _ => Cond::Any(std::mem::take(&mut pending)),
            };
            groups.push((cond, body));
        }
        Ok(groups)
    }

    /// Records every set and assertion under `s` as skipped.
    fn skip_nested(&mut self, s: &Statement<'_>, why: &str) {
        match s {
            Statement::ForStatement(f) => self.skip_one(&f.body, why),
            Statement::ForInStatement(f) => self.skip_one(&f.body, why),
            Statement::ForOfStatement(f) => self.skip_one(&f.body, why),
            Statement::WhileStatement(w) => self.skip_one(&w.body, why),
            Statement::DoWhileStatement(w) => self.skip_one(&w.body, why),
            Statement::LabeledStatement(l) => self.skip_one(&l.body, why),
            _ => {}
        }
    }

    fn skip_one(&mut self, s: &Statement<'_>, why: &str) {
        self.skip_all(std::slice::from_ref(s), why);
    }

    fn skip_all(&mut self, statements: &[Statement<'_>], why: &str) {
        for s in statements {
            match s {
                Statement::ExpressionStatement(e) => {
                    if let Some(body) = callback_of(&e.expression) {
                        self.skip_all(body, why);
                    }
                    if counts(&e.expression) {
                        self.counted += 1;
                        self.left_out(s.span(), why);
                    }
                }
                Statement::BlockStatement(b) => self.skip_all(&b.body, why),
                Statement::IfStatement(i) => {
                    self.skip_one(&i.consequent, why);
                    if let Some(alt) = &i.alternate {
                        self.skip_one(alt, why);
                    }
                }
                Statement::TryStatement(t) => {
                    self.skip_all(&t.block.body, why);
                    if let Some(h) = &t.handler {
                        self.skip_all(&h.body.body, why);
                    }
                }
                Statement::FunctionDeclaration(f) => {
                    if let Some(body) = &f.body {
                        self.skip_all(&body.statements, why);
                    }
                }
                Statement::SwitchStatement(sw) => {
                    for case in &sw.cases {
                        self.skip_all(&case.consequent, why);
                    }
                }
                other => self.skip_nested(other, why),
            }
        }
    }

    fn bind_value(&self, init: &Expression<'_>) -> Bound {
        if let Some(bound) = self.reader.binding(init) {
            return bound;
        }
        match self.reader.value(init) {
            Ok(v) => Bound::Value(v),
            Err(value_error) => match init.without_parentheses() {
                Expression::BinaryExpression(_)
                | Expression::LogicalExpression(_)
                | Expression::UnaryExpression(_) => match self.reader.cond(init) {
                    Ok(c) => Bound::Cond(c),
                    Err(why) => Bound::Unknown(why),
                },
                _ => Bound::Unknown(value_error),
            },
        }
    }

    fn bind(&mut self, pattern: &BindingPattern<'_>, bound: Bound) {
        match pattern {
            BindingPattern::BindingIdentifier(id) => {
                self.reader
                    .locals
                    .insert(id.name.as_str().to_string(), bound);
            }
            BindingPattern::ObjectPattern(o) => {
                for p in &o.properties {
                    let key = match &p.key {
                        PropertyKey::StaticIdentifier(id) => Some(id.name.as_str().to_string()),
                        PropertyKey::StringLiteral(s) => Some(s.value.as_str().to_string()),
                        _ => None,
                    };
                    let inner = match (&bound, key) {
                        (Bound::Value(v), Some(key)) => match follow(v.clone(), &[Seg::Key(key)]) {
                            Ok(v) => Bound::Value(v),
                            Err(why) => Bound::Unknown(why),
                        },
                        (Bound::Unknown(why), _) => Bound::Unknown(why.clone()),
                        _ => Bound::Unknown("destructured from an expression".into()),
                    };
                    self.bind(&p.value, inner);
                }
            }
            BindingPattern::ArrayPattern(a) => {
                for (i, element) in a.elements.iter().enumerate() {
                    if let Some(p) = element {
                        let inner = match &bound {
                            Bound::Value(v) => match follow(v.clone(), &[Seg::Index(i)]) {
                                Ok(v) => Bound::Value(v),
                                Err(why) => Bound::Unknown(why),
                            },
                            _ => Bound::Unknown("destructured from an expression".into()),
                        };
                        self.bind(p, inner);
                    }
                }
            }
            BindingPattern::AssignmentPattern(a) => self.bind(&a.left, bound),
        }
    }

    fn expression(&mut self, e: &Expression<'_>, span: oxc_span::Span) {
        let e = e.without_parentheses();
        if let Expression::SequenceExpression(seq) = e {
            for inner in &seq.expressions {
                self.expression(inner, span);
            }
            return;
        }
        if let Expression::AssignmentExpression(a) = e {
            return self.assignment(a, span);
        }
        if let Expression::UpdateExpression(u) = e
            && let SimpleAssignmentTarget::AssignmentTargetIdentifier(id) = &u.argument
        {
            // `n++`: the local's value as a number, plus or minus one.
            let name = id.name.as_str();
            let bound = match self.reader.locals.get(name) {
                Some(Bound::Value(v)) => {
                    let op = match u.operator {
                        UpdateOperator::Increment => Arith::Add,
                        UpdateOperator::Decrement => Arith::Sub,
                    };
                    let number = match v {
                        Value::Number(..) => v.clone(),
                        _ => Value::Number(Box::new(v.clone()), NumberParse::Whole),
                    };
                    let one = Box::new(Value::Const("1".into()));
                    Bound::Value(Value::Arith(Box::new(number), op, one))
                }
                _ => Bound::Unknown(format!("`{name}` changed by `{}`", u.operator.as_str())),
            };
            self.reader.locals.insert(name.to_string(), bound);
            return;
        }
        let (root, segs) = chain(e);
        use Seg::{Call, Name};
        match (root, segs.as_slice()) {
            (Some("pm"), [Name("test"), Call(args)]) => self.pm_test(args, span),
            (Some("pm"), [Name(scope), Name(verb @ ("set" | "unset")), Call(args)])
                if SCOPES.iter().any(|(s, _)| s == scope) =>
            {
                let label = SCOPES
                    .iter()
                    .find(|(s, _)| s == scope)
                    .map_or("", |(_, l)| *l);
                self.set(args, label, *verb == "unset", span);
            }
            (
                Some("postman"),
                [
                    Name(
                        f @ ("setEnvironmentVariable"
                        | "setGlobalVariable"
                        | "clearEnvironmentVariable"
                        | "clearGlobalVariable"),
                    ),
                    Call(args),
                ],
            ) => {
                let label = if f.contains("Global") {
                    "globals"
                } else {
                    "environment"
                };
                self.set(args, label, f.starts_with("clear"), span);
            }
            (Some("pm"), [Name("expect"), Name("fail"), Call(_)]) => {
                self.counted += 1;
                self.assert(Cond::Const(false), span);
            }
            (Some("pm"), [Name("expect"), ..])
            | (Some("pm"), [Name("response"), Name("to"), ..]) => {
                self.counted += 1;
                match self.assertion(&segs) {
                    Ok(cond) => self.assert(cond, span),
                    Err(why) => self.left_out(span, why),
                }
            }
            (Some("console"), _) | (Some("pm"), [Name("visualizer"), ..]) => {}
            (Some("_"), [Name("each" | "forEach"), Call([list, f])]) => {
                let list = list
                    .as_expression()
                    .ok_or_else(|| "a spread argument".to_string())
                    .and_then(|l| self.reader.value(l));
                self.each(list, f, false, span);
            }
            (Some(root), [.., Name("forEach"), Call([f])]) => {
                let list = self.reader.rooted(root, &segs[..segs.len() - 2]);
                self.each(list, f, true, span);
            }
            _ if counts(e) => {
                self.counted += 1;
                self.left_out(span, "a form of set or assertion postgen does not read");
            }
            _ => {
                if let Some(body) = callback_of(e) {
                    self.skip_all(body, "inside a callback postgen does not read");
                }
                self.skip(span, "a statement postgen does not translate");
                self.forget_changed_in_place(e);
                // A function written in it (`list.map(x => { total += x })`, an immediately
                // called one) may run now and change any local it names.
                let text = span.source_text(self.source);
                if text.contains("function") || text.contains("=>") {
                    self.forget_named_in(
                        span,
                        "by a function in a statement postgen does not translate",
                    );
                }
            }
        }
    }

    fn assignment(&mut self, a: &oxc_ast::ast::AssignmentExpression<'_>, span: oxc_span::Span) {
        match &a.left {
            AssignmentTarget::AssignmentTargetIdentifier(id) => {
                let name = id.name.as_str();
                if a.operator == AssignmentOperator::Assign {
                    self.function_bound(name, &a.right);
                }
                let bound = match a.operator {
                    AssignmentOperator::Assign => self.bind_value(&a.right),
                    // `url += "&x=" + id`: the local's value and the right side combined.
                    op => self.compound(name, op, &a.right),
                };
                self.reader.locals.insert(name.to_string(), bound);
            }
            AssignmentTarget::ComputedMemberExpression(m) if matches!(&m.object, Expression::Identifier(id) if id.name.as_str() == "tests") =>
            {
                self.counted += 1;
                let name: Result<String, String> = match m.expression.without_parentheses() {
                    Expression::StringLiteral(s) => Ok(s.value.as_str().to_string()),
                    Expression::TemplateLiteral(t) if t.expressions.is_empty() => Ok(t
                        .quasis
                        .iter()
                        .filter_map(|q| q.value.cooked.map(|c| c.as_str().to_string()))
                        .collect()),
                    other => Ok(self.text(other.span())),
                };
                let result = name.and_then(|name| {
                    if self.each.is_some() {
                        return Err("a `tests[...]` result inside a loop".into());
                    }
                    let c = self.reader.cond(&a.right)?;
                    let guard = self.guard()?;
                    Ok((name, guard, c))
                });
                match result {
                    Ok((name, guard, c)) => self.legacy.push((name, guard, c)),
                    Err(why) => self.left_out(span, why),
                }
            }
            _ => {
                if counts_target(&a.left) {
                    self.counted += 1;
                }
                self.skip(span, "an assignment postgen does not translate");
                if let Some(root) = member_root(a.left.as_member_expression())
                    && let Some(bound) = self.reader.locals.get_mut(root)
                {
                    *bound =
                        Bound::Unknown(format!("`{root}` changed by an assignment to a member"));
                }
            }
        }
    }

    /// The locals after an `if`: `then` after its branch, the reader's after the other (or
    /// none), `before` before both. A local either branch changed holds one value or the other
    /// by the condition `g`; where that is not a value postgen reads, it is unknown.
    fn join(
        &mut self,
        before: &HashMap<String, Bound>,
        mut then: HashMap<String, Bound>,
        g: Option<Cond>,
    ) {
        let unchanged = |name: &str, bound: &Bound| before.get(name) == Some(bound);
        let mut names: Vec<String> = then.keys().cloned().collect();
        names.extend(self.reader.locals.keys().cloned());
        names.sort();
        names.dedup();
        for name in names {
            let (yes, no) = (then.remove(&name), self.reader.locals.get(&name).cloned());
            if yes.as_ref().is_some_and(|b| unchanged(&name, b))
                && no.as_ref().is_some_and(|b| unchanged(&name, b))
            {
                continue;
            }
            let joined = match (&g, yes, no) {
                (Some(g), Some(Bound::Value(yes)), Some(Bound::Value(no))) => {
                    Bound::Value(Value::If(Box::new(g.clone()), Box::new(yes), Box::new(no)))
                }
                _ => Bound::Unknown(format!("`{name}` changed under a condition")),
            };
            self.reader.locals.insert(name, joined);
        }
    }

    /// When `block` reads the response body into a local in one statement
    /// (`j = JSON.parse(responseBody)`, `var id = pm.response.json().data.id`) and its other
    /// statements only assign what cannot throw (`tests["valid JSON"] = true`,
    /// `tests["has id"] = responseBody.has("id")`): which statement reads,
    /// and the condition under which it does not throw. Parsing throws when the body is not
    /// JSON, and reading a member when what it is read of is `undefined` or `null`.
    fn reads_only_the_body(&self, block: &[Statement<'_>]) -> Option<(usize, Cond)> {
        let mut read = None;
        for (index, statement) in block.iter().enumerate() {
            let right = match statement {
                Statement::ExpressionStatement(e) => match e.expression.without_parentheses() {
                    Expression::AssignmentExpression(a)
                        if a.operator == AssignmentOperator::Assign
                            && (matches!(
                                a.left,
                                AssignmentTarget::AssignmentTargetIdentifier(_)
                            ) || counts_target(&a.left)) =>
                    {
                        &a.right
                    }
                    _ => return None,
                },
                Statement::VariableDeclaration(d) => match d.declarations.as_slice() {
                    [decl] if matches!(decl.id, BindingPattern::BindingIdentifier(_)) => {
                        decl.init.as_ref()?
                    }
                    _ => return None,
                },
                _ => return None,
            };
            if literal(right).is_some() || self.reader.cond(right).is_ok_and(|c| cannot_throw(&c)) {
                continue;
            }
            match (&read, self.reader.value(right)) {
                (None, Ok(Value::Json(pointer))) => read = Some((index, pointer)),
                _ => return None,
            }
        }
        let (index, pointer) = read?;
        // The body is JSON, and each value a member is read of (the body, then each member
        // but the last) is neither missing nor `null`.
        let segments: Vec<&str> = pointer.split('/').skip(1).collect();
        let mut conds = vec![Cond::Exists(Value::Json(String::new()))];
        let mut read_of = String::new();
        for (i, segment) in segments.iter().enumerate() {
            if i > 0 {
                conds.push(Cond::Exists(Value::Json(read_of.clone())));
            }
            let null = Cond::IsType(Value::Json(read_of.clone()), "null".into());
            conds.push(Cond::Not(Box::new(null)));
            read_of = format!("{read_of}/{segment}");
        }
        let cond = match conds.len() {
            1 => conds.remove(0),
            _ => Cond::All(conds),
        };
        Some((index, cond))
    }

    /// After a statement postgen does not translate: leaves unknown the local at the root of
    /// what it changes in place (`ids.push(id)`, `delete o.a`, `Object.assign(o, ...)`,
    /// `o.n++`), whose members postgen would otherwise read as before. (An assignment to a
    /// member never comes here: `assignment` forgets its root.)
    fn forget_changed_in_place(&mut self, e: &Expression<'_>) {
        let root = match e.without_parentheses() {
            Expression::UpdateExpression(u) => member_root(u.argument.as_member_expression()),
            Expression::UnaryExpression(u) if u.operator == oxc_ast::ast::UnaryOperator::Delete => {
                member_root(u.argument.as_member_expression())
            }
            other => {
                let (root, segs) = chain(other);
                match (root, segs.as_slice()) {
                    (Some("Object"), [Seg::Name("assign"), Seg::Call([first, ..])]) => first
                        .as_expression()
                        .and_then(|f| match f.without_parentheses() {
                            Expression::Identifier(id) => Some(id.name.as_str()),
                            _ => None,
                        }),
                    (Some(root), [.., Seg::Name(method), Seg::Call(_)])
                        if IN_PLACE.contains(method) =>
                    {
                        Some(root)
                    }
                    _ => None,
                }
            }
        };
        if let Some(root) = root
            && let Some(bound) = self.reader.locals.get_mut(root)
        {
            *bound = Bound::Unknown(format!(
                "`{root}` changed in place by a statement postgen does not translate"
            ));
        }
    }

    /// Leaves unknown every local whose name the source at `span` mentions: a part of the
    /// script postgen does not walk (a loop) may have changed it.
    fn forget_named_in(&mut self, span: oxc_span::Span, why: &str) {
        let text = span.source_text(self.source);
        for (name, bound) in self.reader.locals.iter_mut() {
            if mentions(text, name) {
                *bound = Bound::Unknown(format!("`{name}` may be changed {why}"));
            }
        }
    }

    /// Records `name` as a function when `init` holds one: a function (`var f = () => {...}`),
    /// an object with methods (`var u = { f() {...} }`, whose `u.f()` may run them), or another
    /// name for a recorded function (`var g = f`).
    fn function_bound(&mut self, name: &str, init: &Expression<'_>) {
        let source = match init.without_parentheses() {
            Expression::Identifier(other) => {
                match self
                    .functions
                    .iter()
                    .find(|(f, _)| f == other.name.as_str())
                {
                    Some((_, source)) => *source,
                    None => return,
                }
            }
            e @ (Expression::FunctionExpression(_) | Expression::ArrowFunctionExpression(_)) => {
                e.span()
            }
            e if has_method(e) => e.span(),
            _ => return,
        };
        self.functions.push((name.to_string(), source));
    }

    /// Before the statement at `span`: leaves unknown every local that a declared function
    /// the statement mentions (so may call) names in its source, and so on through the
    /// functions that one mentions.
    fn forget_what_calls_may_change(&mut self, span: oxc_span::Span) {
        let text = span.source_text(self.source);
        let mut called: Vec<usize> = (0..self.functions.len())
            .filter(|&i| mentions(text, &self.functions[i].0))
            .collect();
        let mut next = 0;
        while let Some(&i) = called.get(next) {
            next += 1;
            let body = self.functions[i].1.source_text(self.source);
            for (j, (name, _)) in self.functions.iter().enumerate() {
                if !called.contains(&j) && mentions(body, name) {
                    called.push(j);
                }
            }
        }
        for i in called {
            let (function, body) = &self.functions[i];
            let body = body.source_text(self.source);
            for (name, bound) in self.reader.locals.iter_mut() {
                // A function's own name (bound to "a function") keeps its reason.
                let is_function = self.functions.iter().any(|(f, _)| f == name);
                if !is_function && mentions(body, name) {
                    let why = format!("`{name}` may be changed by the function `{function}`");
                    *bound = Bound::Unknown(why);
                }
            }
        }
    }

    /// What `name op= right` leaves in the local `name`.
    fn compound(&self, name: &str, op: AssignmentOperator, right: &Expression<'_>) -> Bound {
        let arith = match op {
            AssignmentOperator::Addition => None,
            AssignmentOperator::Subtraction => Some(Arith::Sub),
            AssignmentOperator::Multiplication => Some(Arith::Mul),
            AssignmentOperator::Division => Some(Arith::Div),
            AssignmentOperator::Remainder => Some(Arith::Rem),
            other => return Bound::Unknown(format!("the operator `{}`", other.as_str())),
        };
        let left = match self.reader.locals.get(name) {
            Some(Bound::Value(v)) => v.clone(),
            Some(Bound::Unknown(why)) => return Bound::Unknown(why.clone()),
            _ => return Bound::Unknown(format!("`{name}` changed by an operator")),
        };
        match self.reader.value(right) {
            Ok(right) => Bound::Value(match arith {
                None => super::read::plus(left, right),
                Some(op) => Value::Arith(Box::new(left), op, Box::new(right)),
            }),
            Err(why) => Bound::Unknown(why),
        }
    }

    /// `list.forEach(x => ...)`, `_.each(list, function (x) { ... })`: the callback walked
    /// with its argument read as [`Value::Item`], so that its sets and assertions become ones
    /// of the element they are about (see `set` and `assert`).
    fn each(
        &mut self,
        list: Result<Value, String>,
        f: &Argument<'_>,
        strict: bool,
        span: oxc_span::Span,
    ) {
        let f = f.as_expression();
        let Some(body) = f.and_then(function_body) else {
            return self.skip(span, "a loop over a callback postgen does not read");
        };
        let statements: &[Statement<'_>] = match &body {
            Body::Statements(s) => s,
            Body::Expression(_) => &[],
        };
        let param = f.and_then(first_param);
        let why = match (&list, param, &self.each) {
            (Err(why), ..) => Some(format!(
                "inside a loop over a list postgen does not read ({why})"
            )),
            (_, None, _) => Some("inside a loop whose element is not named".to_string()),
            (_, _, Some(_)) => Some("inside a loop inside a loop".to_string()),
            _ => None,
        };
        if let Some(why) = why {
            if let Body::Expression(e) = body
                && counts(e)
            {
                self.counted += 1;
                self.left_out(span, why.clone());
            }
            return self.skip_all(statements, &why);
        }
        let (Ok(list), Some(param)) = (list, param) else {
            return;
        };
        let saved = self.reader.locals.clone();
        self.reader
            .locals
            .insert(param.to_string(), Bound::Value(Value::Item(String::new())));
        self.each = Some((list, self.guards.len(), strict));
        match body {
            Body::Statements(s) => self.statements(s),
            Body::Expression(e) => self.expression(e, span),
        }
        self.each = None;
        self.reader.locals = saved;
    }

    /// `pm.environment.set(name, value)` and its kin.
    fn set(
        &mut self,
        args: &[Argument<'_>],
        scope: &'static str,
        unset: bool,
        span: oxc_span::Span,
    ) {
        self.counted += 1;
        let result = (|| {
            let name = text_arg(args, 0).ok_or("a variable named by an expression")?;
            let value = if unset {
                None
            } else {
                let e = args
                    .get(1)
                    .and_then(Argument::as_expression)
                    .ok_or("a set without a value")?;
                Some(self.reader.value(e)?)
            };
            let (value, when) = match self.each_guards()? {
                None => (value, self.guard()?),
                // Inside `forEach`, the set that stays is the one of the last element for
                // which the guards inside hold: it stands for the element.
                Some((list, outside, inside)) => {
                    let inside = inside.unwrap_or(Cond::Const(true));
                    let found = Value::Find(Box::new(list), Box::new(inside), true);
                    let value = value.map(|v| {
                        v.map_items(&|p| match p.is_empty() {
                            true => found.clone(),
                            false => Value::At(Box::new(found.clone()), p),
                        })
                    });
                    let exists = Cond::Exists(found.clone());
                    let when = match outside {
                        None => exists,
                        Some(g) => Cond::All(vec![g, exists]),
                    };
                    (value, Some(when))
                }
            };
            Ok::<_, String>(VarSet {
                name,
                scope: scope.to_string(),
                value,
                when,
            })
        })();
        match result {
            Ok(set) if self.reader.response => self.out.after.push(set),
            Ok(set) => self.out.before.push(set),
            Err(why) => self.left_out(span, why),
        }
    }

    /// An assertion's condition joined to the test it is in, or a check of its own.
    fn assert(&mut self, cond: Cond, span: oxc_span::Span) {
        let cond = match self.each_guards() {
            Err(why) => return self.left_out(span, why),
            // Inside `forEach`: no element for which the guards inside hold fails it.
            Ok(Some((list, outside, inside))) => {
                let element = match inside {
                    None => cond,
                    Some(g) => Cond::Any(vec![Cond::Not(Box::new(g)), cond]),
                };
                let strict = self.each.as_ref().is_some_and(|(_, _, strict)| *strict);
                let array = Cond::IsType(list.clone(), "array".into());
                let failing = Value::Find(
                    Box::new(list),
                    Box::new(Cond::Not(Box::new(element))),
                    false,
                );
                let every = Cond::Not(Box::new(Cond::Exists(failing)));
                let every = match strict {
                    true => Cond::All(vec![array, every]),
                    false => every,
                };
                match outside {
                    None => every,
                    Some(g) => Cond::Any(vec![Cond::Not(Box::new(g)), every]),
                }
            }
            Ok(None) => cond,
        };
        let cond = match self.guard_outside_each() {
            Ok(None) => cond,
            Ok(Some(g)) => Cond::Any(vec![Cond::Not(Box::new(g)), cond]),
            Err(why) => return self.left_out(span, why),
        };
        match &mut self.test {
            Some(conds) => conds.push(cond),
            None => {
                let name = self.text(span);
                self.out.checks.push(Check { name, cond });
            }
        }
    }

    /// `pm.test(name, function () { ... })`: one check, passing when all its assertions hold.
    fn pm_test(&mut self, args: &[Argument<'_>], span: oxc_span::Span) {
        // A name made at run time (`"Status is " + code`) is shown as written.
        let name = text_arg(args, 0).or_else(|| {
            let e = args.first()?.as_expression()?;
            Some(self.text(e.span()))
        });
        let body = args
            .get(1)
            .and_then(Argument::as_expression)
            .and_then(function_body);
        let (Some(name), Some(body)) = (name, body) else {
            self.counted += 1;
            return self.left_out(span, "a `pm.test` without a literal name and a function");
        };
        if !self.reader.response {
            self.counted += 1;
            return self.left_out(span, "a test in a pre-request script");
        }
        let outer = self.test.replace(Vec::new());
        let skipped_before = self.skipped.len();
        let saved = self.reader.locals.clone();
        match body {
            Body::Statements(statements) => self.statements(statements),
            Body::Expression(e) => self.expression(e, e.span()),
        }
        self.reader.locals = saved;
        let conds = std::mem::replace(&mut self.test, outer).unwrap_or_default();
        // A test whose every assertion was left out is not a check that always passes.
        if conds.is_empty() && self.skipped.len() > skipped_before {
            return;
        }
        let cond = match conds.len() {
            0 => Cond::Const(true),
            1 => conds.into_iter().next().unwrap_or(Cond::Const(true)),
            _ => Cond::All(conds),
        };
        self.out.checks.push(Check { name, cond });
    }

    /// A chai assertion (`pm.expect(x).to.eql(y)`) or Postman's response assertion
    /// (`pm.response.to.have.status(200)`) as a condition.
    fn assertion(&self, segs: &[Seg<'_, '_>]) -> Result<Cond, String> {
        let (mut subject, rest) = match segs {
            [Seg::Name("expect"), Seg::Call(a), rest @ ..] if a.len() == 1 => {
                let e = a[0].as_expression().ok_or("a spread argument")?;
                (Subject::Value(self.value_or_cond(e)?), rest)
            }
            [Seg::Name("response"), rest @ ..] => (Subject::Response, rest),
            _ => return Err("an assertion postgen does not read".into()),
        };
        let mut negate = false;
        let mut nested = false;
        let mut conds = Vec::new();
        let mut i = 0;
        while i < rest.len() {
            let Seg::Name(word) = rest[i] else {
                return Err("an assertion postgen does not read".into());
            };
            let args = match rest.get(i + 1) {
                Some(Seg::Call(a)) => {
                    i += 1;
                    Some(*a)
                }
                _ => None,
            };
            i += 1;
            if CHAIN_WORDS.contains(&word) && args.is_none() {
                continue;
            }
            if word == "not" {
                negate = !negate;
                continue;
            }
            if word == "nested" && args.is_none() {
                nested = true;
                continue;
            }
            if FLAGS.contains(&word) && args.is_none() {
                continue;
            }
            let c = self.chai(&subject, word, args, nested)?;
            conds.push(if negate { Cond::Not(Box::new(c)) } else { c });
            // Chai's `property` makes the property the subject of what follows:
            // `to.have.property("items").that.is.an("array")`.
            if let (Subject::Value(Operand::Value(v)), "property", Some(key)) =
                (&subject, word, args.and_then(|a| text_arg(a, 0)))
                && !negate
            {
                let inner = match nested {
                    true => super::read::dotted(v.clone(), &key),
                    false => follow(v.clone(), &[Seg::Key(key)]),
                };
                if let Ok(inner) = inner {
                    subject = Subject::Value(Operand::Value(inner));
                }
            }
        }
        match conds.len() {
            0 => Err("an assertion without a test".into()),
            1 => Ok(conds.remove(0)),
            _ => Ok(Cond::All(conds)),
        }
    }

    fn value_or_cond(&self, e: &Expression<'_>) -> Result<Operand, String> {
        match self.reader.value(e) {
            Ok(v) => Ok(Operand::Value(v)),
            Err(why) => match e.without_parentheses() {
                Expression::BinaryExpression(_)
                | Expression::LogicalExpression(_)
                | Expression::UnaryExpression(_) => Ok(Operand::Cond(self.reader.cond(e)?)),
                Expression::Identifier(id) => match self.reader.locals.get(id.name.as_str()) {
                    Some(Bound::Cond(c)) => Ok(Operand::Cond(c.clone())),
                    _ => Err(why),
                },
                // `pm.expect(pm.environment.has("x")).to.be.true`, `isNaN(n)`.
                Expression::CallExpression(_) => match self.reader.call_cond(e)? {
                    Some(c) => Ok(Operand::Cond(c)),
                    None => Err(why),
                },
                _ => Err(why),
            },
        }
    }

    fn arg(&self, args: Option<&[Argument<'_>]>, i: usize) -> Result<Value, String> {
        let e = args
            .and_then(|a| a.get(i))
            .and_then(Argument::as_expression)
            .ok_or("an assertion without its argument")?;
        self.reader.value(e)
    }

    /// One chai word (`eql`, `include`, `property`, ...) applied to the subject.
    fn chai(
        &self,
        subject: &Subject,
        word: &str,
        args: Option<&[Argument<'_>]>,
        nested: bool,
    ) -> Result<Cond, String> {
        let arg = |i| self.arg(args, i);
        let nargs = args.map_or(0, <[_]>::len);
        if let Subject::Response = subject {
            let status =
                |code: u16| Cond::Cmp(Value::Status, Op::Eq, Value::Const(code.to_string()));
            let range = |low: u16, high: u16| {
                Cond::All(vec![
                    Cond::Cmp(Value::Status, Op::Ge, Value::Const(low.to_string())),
                    Cond::Cmp(Value::Status, Op::Lt, Value::Const(high.to_string())),
                ])
            };
            return Ok(match (word, nargs) {
                ("statusCode", 1) => Cond::Cmp(Value::Status, Op::Eq, arg(0)?),
                ("statusReason", 1) => Cond::Cmp(Value::Reason, Op::Eq, arg(0)?),
                ("status", 1) => match arg(0)? {
                    Value::Const(c) if c.starts_with('"') => {
                        Cond::Cmp(Value::Reason, Op::Eq, Value::Const(c))
                    }
                    v => Cond::Cmp(Value::Status, Op::Eq, v),
                },
                ("header", 1) => Cond::Exists(Value::Header(
                    text_arg(args.unwrap_or(&[]), 0).ok_or("a header named by an expression")?,
                )),
                ("header", 2) => Cond::Cmp(
                    Value::Header(
                        text_arg(args.unwrap_or(&[]), 0)
                            .ok_or("a header named by an expression")?,
                    ),
                    Op::Eq,
                    arg(1)?,
                ),
                ("jsonBody", 0) => Cond::Exists(Value::Json(String::new())),
                // chai-postman checks nothing more when the path is not text.
                ("jsonBody", 1 | 2)
                    if args.and_then(|a| a[0].as_expression()).is_some_and(|e| {
                        matches!(
                            e.without_parentheses(),
                            Expression::ObjectExpression(_) | Expression::ArrayExpression(_)
                        )
                    }) =>
                {
                    Cond::Const(true)
                }
                ("jsonBody", 1 | 2) => {
                    let path = text_arg(args.unwrap_or(&[]), 0)
                        .ok_or("`jsonBody` with a path postgen cannot read")?;
                    let mut v = Value::Json(String::new());
                    for key in path.split('.') {
                        v = follow(v, &[Seg::Key(key.to_string())])?;
                    }
                    if nargs == 1 {
                        Cond::Exists(v)
                    } else {
                        Cond::Cmp(v, Op::Eq, arg(1)?)
                    }
                }
                ("json", 0) => Cond::Exists(Value::Json(String::new())),
                // chai-postman: a plain object is compared with the JSON body, a regular
                // expression matched against the text, anything else compared with the text.
                ("body", 1) => match args.and_then(|a| a[0].as_expression()) {
                    Some(Expression::ObjectExpression(_)) => {
                        Cond::Cmp(Value::Json(String::new()), Op::Eq, arg(0)?)
                    }
                    Some(Expression::RegExpLiteral(r)) => {
                        Cond::Matches(Value::Body, super::regex::literal(r)?.regex)
                    }
                    _ => Cond::Cmp(Value::Body, Op::Eq, arg(0)?),
                },
                ("body", 0) => Cond::Truthy(Value::Body),
                ("ok" | "success", 0) => range(200, 300),
                ("info", 0) => range(100, 200),
                ("redirection", 0) => range(300, 400),
                ("clientError", 0) => range(400, 500),
                ("serverError", 0) => range(500, 600),
                ("error", 0) => range(400, 600),
                ("accepted", 0) => status(202),
                ("badRequest", 0) => status(400),
                ("created", 0) => status(201),
                ("forbidden", 0) => status(403),
                ("notFound", 0) => status(404),
                ("rateLimited", 0) => status(429),
                ("unauthorized", 0) => status(401),
                ("withBody", 0) => Cond::Truthy(Value::Body),
                _ => return Err(format!("the response assertion `{word}`")),
            });
        }
        let Subject::Value(operand) = subject else {
            unreachable!()
        };
        let value = match operand {
            Operand::Value(v) => v.clone(),
            Operand::Cond(c) => {
                return match (word, nargs) {
                    ("true" | "ok", 0) => Ok(c.clone()),
                    ("false", 0) => Ok(Cond::Not(Box::new(c.clone()))),
                    ("eql" | "equal" | "equals" | "eq", 1) => match arg(0)? {
                        Value::Const(t) if t == "true" => Ok(c.clone()),
                        Value::Const(f) if f == "false" => Ok(Cond::Not(Box::new(c.clone()))),
                        _ => Err("a condition compared with a value".into()),
                    },
                    _ => Err(format!("`{word}` of a condition")),
                };
            }
        };
        let cmp = |op| -> Result<Cond, String> { Ok(Cond::Cmp(value.clone(), op, arg(0)?)) };
        Ok(match (word, nargs) {
            ("eql" | "equal" | "equals" | "eq" | "eqls", 1) => cmp(Op::Eq)?,
            ("include" | "includes" | "contain" | "contains" | "string", 1) => {
                Cond::Includes(value, arg(0)?)
            }
            ("property", 1 | 2) => {
                let key =
                    text_arg(args.unwrap_or(&[]), 0).ok_or("a property named by an expression")?;
                let inner = match nested {
                    true => super::read::dotted(value, &key)?,
                    false => follow(value, &[Seg::Key(key)])?,
                };
                if nargs == 1 {
                    Cond::Exists(inner)
                } else {
                    Cond::Cmp(inner, Op::Eq, arg(1)?)
                }
            }
            ("a" | "an", 1) => {
                let ty = text_arg(args.unwrap_or(&[]), 0)
                    .ok_or("a type named by an expression")?
                    .to_ascii_lowercase();
                Cond::IsType(value, ty)
            }
            ("oneOf", 1) => {
                let e = args
                    .and_then(|a| a[0].as_expression())
                    .map(Expression::without_parentheses);
                let Some(Expression::ArrayExpression(list)) = e else {
                    return Err("`oneOf` of an expression".into());
                };
                let mut options = Vec::new();
                for el in &list.elements {
                    let e = el.as_expression().ok_or("a spread in `oneOf`")?;
                    options.push(self.reader.value(e)?);
                }
                Cond::OneOf(value, options)
            }
            ("above" | "gt" | "greaterThan", 1) => cmp(Op::Gt)?,
            ("least" | "gte" | "greaterThanOrEqual", 1) => cmp(Op::Ge)?,
            ("below" | "lt" | "lessThan", 1) => cmp(Op::Lt)?,
            ("most" | "lte" | "lessThanOrEqual", 1) => cmp(Op::Le)?,
            ("lengthOf" | "length", 1) => Cond::Cmp(Value::Len(Box::new(value)), Op::Eq, arg(0)?),
            ("true", 0) => Cond::Cmp(value, Op::Eq, Value::Const("true".into())),
            ("false", 0) => Cond::Cmp(value, Op::Eq, Value::Const("false".into())),
            ("null", 0) => Cond::IsType(value, "null".into()),
            ("undefined", 0) => Cond::Not(Box::new(Cond::Exists(value))),
            ("exist" | "exists", 0) => Cond::All(vec![
                Cond::Exists(value.clone()),
                Cond::Not(Box::new(Cond::IsType(value, "null".into()))),
            ]),
            ("ok", 0) => Cond::Truthy(value),
            ("empty", 0) => Cond::Cmp(
                Value::Len(Box::new(value)),
                Op::Eq,
                Value::Const("0".into()),
            ),
            ("keys", _) if nargs > 0 => {
                let mut keys = Vec::new();
                for a in args.unwrap_or(&[]) {
                    match a.as_expression().map(Expression::without_parentheses) {
                        Some(Expression::ArrayExpression(list)) => {
                            for el in &list.elements {
                                match el.as_expression() {
                                    Some(Expression::StringLiteral(s)) => {
                                        keys.push(s.value.as_str().to_string())
                                    }
                                    _ => return Err("`keys` of an expression".into()),
                                }
                            }
                        }
                        Some(Expression::StringLiteral(s)) => {
                            keys.push(s.value.as_str().to_string())
                        }
                        _ => return Err("`keys` of an expression".into()),
                    }
                }
                let mut all = Vec::new();
                for key in keys {
                    all.push(Cond::Exists(follow(value.clone(), &[Seg::Key(key)])?));
                }
                Cond::All(all)
            }
            ("match" | "matches", 1) => {
                let re = args.and_then(|a| super::read::regex_arg(&a[0]));
                let pattern = re.ok_or("`match` of other than a regular expression literal")??;
                Cond::Matches(value, pattern.regex)
            }
            ("NaN", 0) => return Err("`NaN`".into()),
            _ => return Err(format!("the assertion `{word}`")),
        })
    }
}

enum Subject {
    Response,
    Value(Operand),
}

enum Operand {
    Value(Value),
    Cond(Cond),
}

/// A `forEach`'s list, the guard outside it and the guard inside it.
type EachGuards = (Value, Option<Cond>, Option<Cond>);

/// The name of a function's first argument, when it is a plain name.
fn first_param<'a>(e: &Expression<'a>) -> Option<&'a str> {
    use oxc_ast::ast::BindingPattern as P;
    let params = match e.without_parentheses() {
        Expression::FunctionExpression(f) => &f.params,
        Expression::ArrowFunctionExpression(f) => &f.params,
        _ => return None,
    };
    match &params.items.first()?.pattern {
        P::BindingIdentifier(id) => Some(id.name.as_str()),
        _ => None,
    }
}

enum Body<'s, 'a> {
    Statements(&'s [Statement<'a>]),
    Expression(&'s Expression<'a>),
}

fn function_body<'s, 'a>(e: &'s Expression<'a>) -> Option<Body<'s, 'a>> {
    match e.without_parentheses() {
        Expression::FunctionExpression(f) => {
            f.body.as_ref().map(|b| Body::Statements(&b.statements))
        }
        Expression::ArrowFunctionExpression(f) => match &f.body {
            ArrowFunctionBody::FunctionBody(b) => Some(Body::Statements(&b.statements)),
            other => other.as_expression().map(Body::Expression),
        },
        _ => None,
    }
}

/// The statements of the first function argument of a call (`pm.sendRequest(r, (e, res) => {
/// ... })`), whose sets and assertions are counted as left out.
fn callback_of<'s, 'a>(e: &'s Expression<'a>) -> Option<&'s [Statement<'a>]> {
    let Expression::CallExpression(c) = e.without_parentheses() else {
        return None;
    };
    c.arguments
        .iter()
        .filter_map(Argument::as_expression)
        .find_map(|a| match function_body(a) {
            Some(Body::Statements(s)) => Some(s),
            _ => None,
        })
}

/// Whether an expression statement is a variable set or an assertion: what the translation
/// rate counts.
pub(super) fn counts(e: &Expression<'_>) -> bool {
    if let Expression::AssignmentExpression(a) = e.without_parentheses() {
        return counts_target(&a.left);
    }
    let (root, segs) = chain(e);
    use Seg::{Call, Name};
    matches!(
        (root, segs.as_slice()),
        (
            Some("pm"),
            [
                Name("environment" | "collectionVariables" | "globals" | "variables"),
                Name("set" | "unset" | "clear"),
                Call(_)
            ]
        ) | (Some("pm"), [Name("expect"), ..])
            | (Some("pm"), [Name("response"), Name("to"), ..])
            | (
                Some("postman"),
                [
                    Name(
                        "setEnvironmentVariable"
                            | "setGlobalVariable"
                            | "clearEnvironmentVariable"
                            | "clearGlobalVariable"
                            | "clearEnvironmentVariables"
                            | "clearGlobalVariables"
                    ),
                    Call(_)
                ]
            )
    )
}

fn counts_target(t: &AssignmentTarget<'_>) -> bool {
    matches!(t, AssignmentTarget::ComputedMemberExpression(m)
        if matches!(&m.object, Expression::Identifier(id) if id.name.as_str() == "tests"))
}

/// The conditions of `guards` together, or why one cannot be read.
fn guard_of(guards: &[Result<Cond, String>]) -> Result<Option<Cond>, String> {
    let mut all = Vec::new();
    for g in guards {
        all.push(
            g.clone()
                .map_err(|why| format!("under a condition postgen does not read ({why})"))?,
        );
    }
    Ok(match all.len() {
        0 => None,
        1 => all.pop(),
        _ => Some(Cond::All(all)),
    })
}

/// Whether `s` always leaves the script (or the function it is in): `return` or `throw`, alone
/// or last in a block.
fn ends(s: &Statement<'_>) -> bool {
    match s {
        Statement::ReturnStatement(_) | Statement::ThrowStatement(_) => true,
        Statement::BlockStatement(b) => b.body.last().is_some_and(ends),
        _ => false,
    }
}

/// Whether `text` mentions `name` as a word of its own (not inside a longer name).
fn mentions(text: &str, name: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    !name.is_empty()
        && text.match_indices(name).any(|(at, _)| {
            !text[..at].chars().next_back().is_some_and(word)
                && !text[at + name.len()..].chars().next().is_some_and(word)
        })
}

/// The methods that change an array, map or set in place.
const IN_PLACE: [&str; 13] = [
    "push",
    "pop",
    "shift",
    "unshift",
    "splice",
    "sort",
    "reverse",
    "fill",
    "copyWithin",
    "set",
    "delete",
    "add",
    "clear",
];

/// The local at the root of a member expression (`out` of `out.a[0].b`), if it is a name.
fn member_root<'a>(member: Option<&'a oxc_ast::ast::MemberExpression<'a>>) -> Option<&'a str> {
    let mut object = member?.object();
    loop {
        match object.without_parentheses() {
            Expression::Identifier(id) => return Some(id.name.as_str()),
            e => object = e.as_member_expression()?.object(),
        }
    }
}

/// Whether JavaScript computes `cond` without throwing: it reads only the body's text, the
/// status and literals (a member of a value that may be `undefined` throws).
fn cannot_throw(cond: &Cond) -> bool {
    let plain = |v: &Value| {
        matches!(
            v,
            Value::Body | Value::Status | Value::Reason | Value::Const(_) | Value::ResponseTime
        )
    };
    match cond {
        Cond::Cmp(a, _, b) | Cond::Includes(a, b) => plain(a) && plain(b),
        Cond::Exists(v) | Cond::Truthy(v) => plain(v),
        Cond::Not(c) => cannot_throw(c),
        Cond::All(cs) | Cond::Any(cs) => cs.iter().all(cannot_throw),
        Cond::Const(_) => true,
        _ => false,
    }
}

/// Whether `e` is an object literal with a method (`f() {...}`, `f: function () {...}`,
/// `f: () => ...`).
fn has_method(e: &Expression<'_>) -> bool {
    use oxc_ast::ast::ObjectPropertyKind;
    matches!(e, Expression::ObjectExpression(o) if o.properties.iter().any(|p| {
        matches!(p, ObjectPropertyKind::ObjectProperty(p) if p.method || p.value.is_function())
    }))
}
