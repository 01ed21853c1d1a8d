// What a collection's scripts do, as data the runtime evaluates: postgen translates each
// request's pre-request and test scripts (its `src/lower/scripts`) into a `Script` constant of
// the endpoint, which the client runs around the request: variables set before it is built,
// variables set from its response and the test script's checks. The shapes mirror postgen's
// `model::script`.

/// A value a script reads: from the response, a variable or a literal.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum ScriptValue {
    /// A value of the response's JSON body, by RFC 6901 pointer (`""`: the whole body).
    Json(&'static str),
    /// A response header.
    Header(&'static str),
    /// The response's status code.
    Status,
    /// The response's reason phrase.
    Reason,
    /// A cookie the response sets.
    Cookie(&'static str),
    /// The response body as text.
    Body,
    /// How long the response took, in milliseconds (`pm.response.responseTime`).
    ResponseTime,
    /// A literal, as JSON text.
    Const(&'static str),
    /// A client variable.
    Var(&'static str),
    /// Text whose `{{name}}`s are substituted (dynamic variables made fresh).
    Template(&'static str),
    /// The values' texts joined.
    Concat(&'static [ScriptValue]),
    /// The length of a text or array (the number of keys of an object).
    Len(&'static ScriptValue),
    /// The first truthy value, else the last (`a || b`).
    Or(&'static [ScriptValue]),
    /// `cond ? a : b`.
    If(&'static Cond, &'static ScriptValue, &'static ScriptValue),
    /// A string method on the value's text.
    Text(&'static ScriptValue, TextOp),
    /// The time the script runs, moved by each shift in order, in a format.
    Now(&'static [Shift], TimeFormat),
    /// A JavaScript number made from a value (`Number(x)`, `parseInt(x)`, `parseFloat(x)`).
    Number(&'static ScriptValue, NumberParse),
    /// The first element of an array for which the condition holds (the last when `true`),
    /// the condition reading the element as [`ScriptValue::Item`].
    Find(&'static ScriptValue, &'static Cond, bool),
    /// Inside a [`ScriptValue::Find`] condition: the element tested, by RFC 6901 pointer.
    Item(&'static str),
    /// A part of another value, by RFC 6901 pointer.
    At(&'static ScriptValue, &'static str),
    /// Arithmetic on the values as JavaScript numbers.
    Arith(&'static ScriptValue, Arith, &'static ScriptValue),
    /// `text.indexOf(needle, from)`, `list.indexOf(item, from)`: the position found, or -1.
    IndexOf(&'static ScriptValue, &'static ScriptValue, ::std::option::Option<&'static ScriptValue>),
    /// `x.slice(start, end)` of a text or a list, with positions read at run time (a negative
    /// one counts from the end).
    Slice(&'static ScriptValue, &'static ScriptValue, ::std::option::Option<&'static ScriptValue>),
    /// `text.replace(/pattern/, with)`: the first match replaced, or every one when `true`
    /// (JavaScript's `g` flag); `with` names groups as `${1}`.
    ReplaceMatches(&'static ScriptValue, Regex, &'static str, bool),
    /// `JSON.parse(text)`: the value's text read as JSON (`undefined` when it is not JSON).
    ParseJson(&'static ScriptValue),
    /// `Math.random()`: a number from 0 up to 1, new each time.
    Random,
    /// `Math.floor(x)` and its kin.
    Math(&'static ScriptValue, MathFn),
    /// `x.toFixed(digits)`: the number's text with that many decimal places.
    Fixed(&'static ScriptValue, u8),
    /// `btoa(text)`: the text's characters as bytes (Latin-1) in base64; `undefined` for a
    /// text with another character, where JavaScript throws.
    Base64(&'static ScriptValue),
    /// `JSON.stringify(x)`: the value as JSON text (`null` for a missing one).
    JsonText(&'static ScriptValue),
}

/// A shift of a time (`moment().add(2, "days")`; `subtract` is a negative amount).
#[derive(Debug, Clone, Copy)]
pub struct Shift {
    /// How many units.
    pub amount: i64,
    /// Which unit.
    pub unit: TimeUnit,
}

/// A unit of time: months and years keep the day of the month, or the month's last day when
/// it has fewer (moment's rule); the others are fixed lengths. Times are UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeUnit {
    /// Milliseconds.
    Millis,
    /// Seconds.
    Seconds,
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Days of 24 hours.
    Days,
    /// Weeks of 7 days.
    Weeks,
    /// Calendar months.
    Months,
    /// Calendar years.
    Years,
}

/// How a script writes a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeFormat {
    /// `toISOString()`: `2026-12-07T08:01:02.345Z`.
    Iso,
    /// `getTime()`, `valueOf()`, `Date.now()`: milliseconds since 1970.
    Millis,
    /// moment's `unix()`: whole seconds since 1970.
    Seconds,
}

/// A string method a script applies to a value's text.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum TextOp {
    /// `.split(sep)[index]`.
    Split(&'static str, usize),
    /// `.trim()`.
    Trim,
    /// `.toLowerCase()`.
    Lower,
    /// `.toUpperCase()`.
    Upper,
    /// `.replace(from, to)`: the first occurrence.
    Replace(&'static str, &'static str),
    /// `.slice(start, end)`, `.substring(start, end)`.
    Slice(i64, ::std::option::Option<i64>),
}

/// A condition a script tests.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Cond {
    /// The two values compared.
    Cmp(ScriptValue, Op, ScriptValue),
    /// The value is there.
    Exists(ScriptValue),
    /// The value is JavaScript-truthy.
    Truthy(ScriptValue),
    /// A text contains the second value's text, an array an equal element, an object the
    /// second's keys and values.
    Includes(ScriptValue, ScriptValue),
    /// The value's type as chai names it: `string`, `number`, `boolean`, `object`, `array`,
    /// `null`, `undefined`.
    IsType(ScriptValue, &'static str),
    /// The value equals one of these.
    OneOf(ScriptValue, &'static [ScriptValue]),
    /// JavaScript's `isNaN(x)`: the value is not a number, nor text of one.
    IsNaN(ScriptValue),
    /// The regular expression matches the value's text (`re.test(x)`, chai's `match`).
    Matches(ScriptValue, Regex),
    /// The condition does not hold.
    Not(&'static Cond),
    /// Every condition holds.
    All(&'static [Cond]),
    /// Some condition holds.
    Any(&'static [Cond]),
    /// Always or never.
    Const(bool),
}

/// The Postman scope a script writes a variable to. A value in an earlier scope hides one in
/// a later: local, environment, collection (a script's value, then the client's own), globals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `pm.variables`: the run's local values.
    Local,
    /// `pm.environment`, `postman.setEnvironmentVariable`.
    Environment,
    /// `pm.collectionVariables`.
    Collection,
    /// `pm.globals`, `postman.setGlobalVariable`.
    Globals,
}

/// A variable a script sets (`None`: unsets) when `when` holds.
#[derive(Debug, Clone, Copy)]
pub struct ScriptSet {
    /// The variable.
    pub name: &'static str,
    /// The scope it is written to.
    pub scope: Scope,
    /// What it is set to; `None` unsets it.
    pub value: ::std::option::Option<ScriptValue>,
    /// The condition of the `if` around the set, if any.
    pub when: ::std::option::Option<Cond>,
}

/// A named check of a test script (`pm.test(name, ...)`, `tests[name]`).
#[derive(Debug, Clone, Copy)]
pub struct ScriptCheck {
    /// The test's name.
    pub name: &'static str,
    /// What must hold for it to pass.
    pub cond: Cond,
}

/// What the scripts of one request do: the collection's, its folders' and its own, in order.
#[derive(Debug, Clone, Copy)]
pub struct Script {
    /// Variables set before the request is built (pre-request scripts).
    pub before: &'static [ScriptSet],
    /// Variables set from the response, whatever its status (test scripts).
    pub after: &'static [ScriptSet],
    /// The test scripts' checks.
    pub checks: &'static [ScriptCheck],
}

/// What a request's test scripts did with one response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScriptReport {
    /// Each variable set, with its value (`None`: unset), in order.
    pub variables: ::std::vec::Vec<(&'static str, ::std::option::Option<::std::string::String>)>,
    /// Each check, with why it failed.
    pub checks: ::std::vec::Vec<CheckResult>,
}

impl ScriptReport {
    /// Whether every check passed.
    pub fn passed(&self) -> bool {
        self.checks.iter().all(CheckResult::passed)
    }
}

/// One check's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    /// The check's name in the collection.
    pub name: &'static str,
    /// Why it failed, with the values it saw; `None` when it passed.
    pub failure: ::std::option::Option<::std::string::String>,
}

impl CheckResult {
    /// Whether the check passed.
    pub fn passed(&self) -> bool {
        self.failure.is_none()
    }
}

/// What scripts read: a response (none before the request) and the client's variables.
pub(crate) struct Seen<'r> {
    pub(crate) response: ::std::option::Option<&'r RawResponse>,
    json: ::std::sync::OnceLock<::std::option::Option<::serde_json::Value>>,
    /// The elements a `Find` is testing, innermost last.
    items: ::std::cell::RefCell<::std::vec::Vec<::serde_json::Value>>,
    pub(crate) config: &'r Config,
}

impl<'r> Seen<'r> {
    pub(crate) fn new(response: ::std::option::Option<&'r RawResponse>, config: &'r Config) -> Self {
        Seen { response, json: ::std::sync::OnceLock::new(), items: ::std::cell::RefCell::default(), config }
    }

    fn json(&self) -> ::std::option::Option<&::serde_json::Value> {
        self.json
            .get_or_init(|| self.response.and_then(|r| ::serde_json::from_slice(&r.body).ok()))
            .as_ref()
    }

    /// The value of `v`; `None` when it is not there (JavaScript's `undefined`).
    pub(crate) fn read(&self, v: &ScriptValue) -> ::std::option::Option<::serde_json::Value> {
        use ::serde_json::Value as J;
        let response = self.response;
        match v {
            ScriptValue::Json(pointer) => self.json()?.pointer(pointer).cloned(),
            ScriptValue::Header(name) => {
                let value = response?.headers.get(*name)?;
                Some(J::String(::std::string::String::from_utf8_lossy(value.as_bytes()).into_owned()))
            }
            ScriptValue::Status => Some(J::from(response?.status.as_u16())),
            ScriptValue::Reason => Some(J::String(response?.status.canonical_reason().unwrap_or("").to_string())),
            ScriptValue::Cookie(name) => response?
                .headers
                .get_all(::reqwest::header::SET_COOKIE)
                .iter()
                .filter_map(|h| h.to_str().ok())
                .filter_map(|h| h.split(';').next()?.split_once('='))
                .find(|(key, _)| key.trim() == *name)
                .map(|(_, value)| J::String(value.trim().to_string())),
            ScriptValue::Body => Some(J::String(::std::string::String::from_utf8_lossy(&response?.body).into_owned())),
            ScriptValue::ResponseTime => Some(J::from(response?.elapsed.as_millis() as u64)),
            ScriptValue::Const(text) => ::serde_json::from_str(text).ok(),
            ScriptValue::Var(name) => self.config.value(name).map(J::String),
            ScriptValue::Template(text) => Some(J::String(substitute(text, |name| self.config.value(name)))),
            ScriptValue::Concat(parts) => {
                // JavaScript writes a missing value as `undefined`.
                Some(J::String(parts.iter().map(|p| js_text(self.read(p).as_ref())).collect()))
            }
            ScriptValue::Len(inner) => match self.read(inner)? {
                J::String(s) => Some(J::from(s.encode_utf16().count())),
                J::Array(a) => Some(J::from(a.len())),
                J::Object(o) => Some(J::from(o.len())),
                _ => None,
            },
            ScriptValue::Or(options) => {
                let mut last = None;
                for option in *options {
                    last = self.read(option);
                    if last.as_ref().is_some_and(truthy) {
                        break;
                    }
                }
                last
            }
            ScriptValue::If(cond, a, b) => match self.holds(cond) {
                true => self.read(a),
                false => self.read(b),
            },
            ScriptValue::Text(inner, op) => {
                let text = script_text(&self.read(inner)?);
                Some(J::String(match op {
                    TextOp::Split(sep, index) => split_part(&text, sep, *index)?,
                    TextOp::Trim => text.trim().to_string(),
                    TextOp::Lower => text.to_lowercase(),
                    TextOp::Upper => text.to_uppercase(),
                    TextOp::Replace(from, to) => text.replacen(from, to, 1),
                    TextOp::Slice(start, end) => slice(&text, *start, *end),
                }))
            }
            ScriptValue::Now(shifts, format) => Some(now(shifts, *format)),
            ScriptValue::Find(list, cond, last) => find_element(self.read(list), *last, &self.items, || self.holds(cond)),
            ScriptValue::Item(pointer) => self.items.borrow().last()?.pointer(pointer).cloned(),
            ScriptValue::At(inner, pointer) => self.read(inner)?.pointer(pointer).cloned(),
            ScriptValue::Number(inner, parse) => Some(parsed(self.read(inner).as_ref(), *parse)),
            ScriptValue::Arith(a, op, b) => Some(arith(self.read(a).as_ref(), *op, self.read(b).as_ref())),
            ScriptValue::IndexOf(subject, needle, from) => {
                index_of(&self.read(subject)?, self.read(needle).as_ref(), from.and_then(|f| self.read(f)).as_ref())
            }
            ScriptValue::Slice(subject, start, end) => {
                sliced(self.read(subject)?, self.read(start).as_ref(), end.and_then(|e| self.read(e)).as_ref())
            }
            ScriptValue::ReplaceMatches(inner, re, with, all) => {
                Some(J::String(re.engine.replace(re.pattern, &script_text(&self.read(inner)?), with, *all)))
            }
            ScriptValue::ParseJson(inner) => ::serde_json::from_str(&script_text(&self.read(inner)?)).ok(),
            ScriptValue::Random => Some(number_value(::fastrand::f64())),
            ScriptValue::Math(inner, f) => Some(number_value(math(to_number(self.read(inner).as_ref()), *f))),
            ScriptValue::Fixed(inner, digits) => Some(J::String(to_fixed(held_number(&self.read(inner)?)?, *digits))),
            ScriptValue::Base64(inner) => {
                let bytes: ::std::option::Option<::std::vec::Vec<u8>> =
                    script_text(&self.read(inner)?).chars().map(|c| u8::try_from(c).ok()).collect();
                Some(J::String(::base64::Engine::encode(&::base64::engine::general_purpose::STANDARD, bytes?)))
            }
            ScriptValue::JsonText(inner) => Some(J::String(self.read(inner).unwrap_or(J::Null).to_string())),
        }
    }

    /// Whether `cond` holds.
    pub(crate) fn holds(&self, cond: &Cond) -> bool {
        match cond {
            Cond::Cmp(a, op, b) => match (self.read(a), self.read(b)) {
                (Some(a), Some(b)) => compare(&a, *op, &b),
                (None, None) => matches!(op, Op::Eq | Op::LooseEq | Op::Le | Op::Ge),
                _ => false,
            },
            Cond::Exists(v) => self.read(v).is_some(),
            Cond::Truthy(v) => self.read(v).is_some_and(|v| truthy(&v)),
            Cond::Includes(a, b) => match (self.read(a), self.read(b)) {
                (Some(a), Some(b)) => includes(&a, &b),
                _ => false,
            },
            Cond::IsType(v, ty) => type_of(self.read(v).as_ref()) == *ty,
            Cond::OneOf(v, options) => {
                let v = self.read(v);
                options.iter().any(|o| match (&v, self.read(o)) {
                    (Some(v), Some(o)) => compare(v, Op::Eq, &o),
                    _ => false,
                })
            }
            Cond::IsNaN(v) => to_number(self.read(v).as_ref()).is_nan(),
            // JavaScript tests the text of the value, `undefined` for a missing one.
            Cond::Matches(v, re) => {
                re.engine.is_match(re.pattern, &js_text(self.read(v).as_ref()))
            }
            Cond::Not(c) => !self.holds(c),
            Cond::All(cs) => cs.iter().all(|c| self.holds(c)),
            Cond::Any(cs) => cs.iter().any(|c| self.holds(c)),
            Cond::Const(b) => *b,
        }
    }

    /// Why `cond` does not hold: its first failing part, with the values seen.
    fn why(&self, cond: &Cond) -> ::std::string::String {
        let shown = |v: &ScriptValue| match self.read(v) {
            Some(value) => value.to_string(),
            None => "undefined".to_string(),
        };
        match cond {
            Cond::Cmp(a, op, b) => {
                let verb = match op {
                    Op::Eq => "equal",
                    Op::LooseEq => "loosely equal",
                    Op::Lt => "be below",
                    Op::Le => "be at most",
                    Op::Gt => "be above",
                    Op::Ge => "be at least",
                };
                format!("expected {} ({}) to {verb} {}", described(a), shown(a), shown(b))
            }
            Cond::Exists(v) => format!("expected {} to exist", described(v)),
            Cond::Truthy(v) => format!("expected {} ({}) to be truthy", described(v), shown(v)),
            Cond::Includes(a, b) => format!("expected {} ({}) to include {}", described(a), shown(a), shown(b)),
            Cond::IsType(v, ty) => format!("expected {} ({}) to be of type {ty}", described(v), shown(v)),
            Cond::OneOf(v, options) => {
                let options: ::std::vec::Vec<_> = options.iter().map(shown).collect();
                format!("expected {} ({}) to be one of [{}]", described(v), shown(v), options.join(", "))
            }
            Cond::IsNaN(v) => format!("expected {} ({}) not to be a number", described(v), shown(v)),
            Cond::Matches(v, re) => format!("expected {} ({}) to match {}", described(v), shown(v), re.written),
            // What an assertion in a `forEach` becomes: say which element fails it, and how.
            Cond::Not(Cond::Exists(ScriptValue::Find(list, Cond::Not(each), false))) => {
                let failing = find_element(self.read(list), false, &self.items, || !self.holds(each));
                let Some(item) = failing else { return format!("expected {} to be a list", described(list)) };
                self.items.borrow_mut().push(item);
                let why = self.why(each);
                self.items.borrow_mut().pop();
                format!("an element of {}: {why}", described(list))
            }
            Cond::Not(inner) => format!("expected not: {}", self.what(inner)),
            Cond::All(cs) => cs.iter().find(|c| !self.holds(c)).map_or_else(::std::string::String::new, |c| self.why(c)),
            Cond::Any(cs) => cs.iter().map(|c| self.why(c)).collect::<::std::vec::Vec<_>>().join("; or "),
            Cond::Const(_) => "the script sets this test to fail".to_string(),
        }
    }

    /// What `cond` says, for a negated condition's message.
    fn what(&self, cond: &Cond) -> ::std::string::String {
        let why = self.why(cond);
        why.strip_prefix("expected ").map_or(why.clone(), str::to_string)
    }

    /// Runs `sets`: each whose condition holds gives its variable the value it reads (`null`
    /// when it reads nothing, as Postman's runner substitutes a variable set to `undefined`).
    pub(crate) fn set(&self, sets: &[ScriptSet], report: &mut ScriptReport) {
        for set in sets {
            if set.when.is_some_and(|when| !self.holds(&when)) {
                continue;
            }
            // A value that is not there (`json.id` of a body without `id`) is set all the same,
            // and sent as `null`, as newman sends it; `None` unsets.
            let text = |v: &ScriptValue| match self.read(v) {
                Some(value) => script_text(&value),
                None => "null".to_string(),
            };
            let value = set.value.as_ref().map(text);
            let mut session = self.config.session.write().unwrap_or_else(::std::sync::PoisonError::into_inner);
            match &value {
                Some(value) => session.set(set.scope, set.name, value.clone()),
                None => session.unset(set.scope, set.name),
            }
            drop(session);
            report.variables.push((set.name, value));
        }
    }

    /// Evaluates `checks` into `report`.
    pub(crate) fn check(&self, checks: &[ScriptCheck], report: &mut ScriptReport) {
        for check in checks {
            let failure = (!self.holds(&check.cond)).then(|| self.why(&check.cond));
            report.checks.push(CheckResult { name: check.name, failure });
        }
    }
}

/// Runs a request's test scripts on its response: sets its variables on the client and
/// evaluates its checks, telling the client's script observer.
pub(crate) fn run_after(script: ::std::option::Option<&'static Script>, raw: &RawResponse, config: &Config) -> ScriptReport {
    let mut report = ScriptReport::default();
    if let Some(script) = script.filter(|_| !config.scripts_off) {
        let seen = Seen::new(Some(raw), config);
        seen.set(script.after, &mut report);
        seen.check(script.checks, &mut report);
        if let Some(observer) = &config.script_observer {
            observer(&report);
        }
    }
    report
}

/// Runs a request's pre-request sets.
pub(crate) fn run_before(script: ::std::option::Option<&'static Script>, config: &Config) {
    if let Some(script) = script.filter(|_| !config.scripts_off && !config.pre_request_off) {
        Seen::new(None, config).set(script.before, &mut ScriptReport::default());
    }
}

/// What a value is, for a failure's message.
fn described(v: &ScriptValue) -> ::std::string::String {
    match v {
        ScriptValue::Json("") => "the response body".to_string(),
        ScriptValue::Json(pointer) => format!("the response's {pointer}"),
        ScriptValue::Header(name) => format!("header {name}"),
        ScriptValue::Status => "the status".to_string(),
        ScriptValue::Reason => "the status text".to_string(),
        ScriptValue::Cookie(name) => format!("cookie {name}"),
        ScriptValue::Body => "the response body".to_string(),
        ScriptValue::ResponseTime => "the response time".to_string(),
        ScriptValue::Const(text) => text.to_string(),
        ScriptValue::Var(name) => format!("{{{{{name}}}}}"),
        ScriptValue::Template(text) => text.to_string(),
        ScriptValue::Concat(_) => "the text".to_string(),
        ScriptValue::Len(inner) => format!("the length of {}", described(inner)),
        ScriptValue::Or(options) => options.iter().map(described).collect::<::std::vec::Vec<_>>().join(" || "),
        ScriptValue::If(_, a, b) => format!("{} or {}", described(a), described(b)),
        ScriptValue::Text(inner, _) => format!("a part of {}", described(inner)),
        ScriptValue::Now(..) => "the time".to_string(),
        ScriptValue::Find(list, ..) => format!("the element found in {}", described(list)),
        ScriptValue::Item(pointer) => format!("the element's {pointer}"),
        ScriptValue::At(inner, pointer) => format!("{} at {pointer}", described(inner)),
        ScriptValue::Number(inner, _) => format!("the number in {}", described(inner)),
        ScriptValue::Arith(..) => "the arithmetic".to_string(),
        ScriptValue::IndexOf(subject, ..) => format!("a position in {}", described(subject)),
        ScriptValue::Slice(subject, ..) | ScriptValue::ReplaceMatches(subject, ..) => format!("a part of {}", described(subject)),
        ScriptValue::ParseJson(inner) => format!("the JSON in {}", described(inner)),
        ScriptValue::Random => "a random number".to_string(),
        ScriptValue::Math(inner, _) | ScriptValue::Fixed(inner, _) => format!("the number in {}", described(inner)),
        ScriptValue::Base64(inner) => format!("{} in base64", described(inner)),
        ScriptValue::JsonText(inner) => format!("{} as JSON", described(inner)),
    }
}

/// The time now, shifted, formatted.
fn now(shifts: &[Shift], format: TimeFormat) -> ::serde_json::Value {
    let since = ::std::time::SystemTime::now().duration_since(::std::time::UNIX_EPOCH).unwrap_or_default();
    let mut millis = since.as_millis() as i64;
    for shift in shifts {
        millis = shifted(millis, shift.amount, shift.unit);
    }
    // JavaScript's dates end 8.64e15 ms either side of 1970.
    let millis = millis.clamp(-8_640_000_000_000_000, 8_640_000_000_000_000);
    match format {
        TimeFormat::Iso => ::serde_json::Value::String(iso_timestamp(::std::time::Duration::from_millis(millis.max(0) as u64))),
        TimeFormat::Millis => ::serde_json::Value::from(millis),
        TimeFormat::Seconds => ::serde_json::Value::from(millis.div_euclid(1_000)),
    }
}

/// `millis` (since 1970) moved by `amount` units: calendar months keep the day of the month,
/// or take the month's last day, as moment's `add` does. Times stay within JavaScript's range
/// of dates (and the arithmetic within `i64`).
pub(crate) fn shifted(millis: i64, amount: i64, unit: TimeUnit) -> i64 {
    const LIMIT: i64 = 8_640_000_000_000_000;
    let millis = millis.clamp(-LIMIT, LIMIT);
    let amount = amount.clamp(-LIMIT, LIMIT);
    let fixed = |ms: i64| millis.saturating_add(amount.saturating_mul(ms)).clamp(-LIMIT, LIMIT);
    let months = match unit {
        TimeUnit::Millis => return fixed(1),
        TimeUnit::Seconds => return fixed(1_000),
        TimeUnit::Minutes => return fixed(60_000),
        TimeUnit::Hours => return fixed(3_600_000),
        TimeUnit::Days => return fixed(86_400_000),
        TimeUnit::Weeks => return fixed(604_800_000),
        // 275,760 years either way is the whole range: more moves out of it.
        TimeUnit::Months => amount.clamp(-3_400_000, 3_400_000),
        TimeUnit::Years => amount.clamp(-290_000, 290_000) * 12,
    };
    let (days, in_day) = (millis.div_euclid(86_400_000), millis.rem_euclid(86_400_000));
    let (year, month, day) = civil_from_days(days);
    let index = year * 12 + (month - 1) + months;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let last = days_from_civil(year + i64::from(month == 12), month % 12 + 1, 1) - days_from_civil(year, month, 1);
    (days_from_civil(year, month, day.min(last)) * 86_400_000 + in_day).clamp(-LIMIT, LIMIT)
}
