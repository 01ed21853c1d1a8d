//! The common script forms translated, and what is left out with its reason.

use super::{Translated, translate};
use crate::model::script::{Check, Cond, Op, Regex, Value, VarSet};

fn json(p: &str) -> Value {
    Value::Json(p.to_string())
}
fn text(s: &str) -> Value {
    Value::Const(format!("{s:?}"))
}
fn num(n: u16) -> Value {
    Value::Const(n.to_string())
}
fn set(name: &str, scope: &'static str, value: Value) -> VarSet {
    VarSet {
        name: name.into(),
        scope: scope.into(),
        value: Some(value),
        when: None,
    }
}
fn status(n: u16) -> Cond {
    Cond::Cmp(Value::Status, Op::Eq, num(n))
}

fn test(source: &str) -> Translated {
    let t = translate(source, true);
    assert_eq!(t.error, None, "{source}");
    t
}

/// The variable sets translated, by name and value.
fn sets(t: &Translated) -> Vec<(&str, &Option<Value>)> {
    t.scripts
        .after
        .iter()
        .map(|s| (s.name.as_str(), &s.value))
        .collect()
}

/// Checks that for each of `reasons` a statement was left out with a reason containing it.
fn left_out_for(skipped: &[super::Skipped], reasons: &[&str]) {
    let whys: Vec<&str> = skipped.iter().map(|s| s.why.as_str()).collect();
    for reason in reasons {
        assert!(
            whys.iter().any(|w| w.contains(reason)),
            "{reason}: {whys:?}"
        );
    }
}

#[test]
fn sets_in_every_scope_from_the_response() {
    let t = test(
        r#"
        var data = pm.response.json();
        pm.environment.set("token", data.access_token);
        pm.collectionVariables.set("id", pm.response.json().items[0].id);
        pm.globals.set("etag", pm.response.headers.get("ETag"));
        pm.variables.set("code", pm.response.code);
        postman.setEnvironmentVariable("auth", "Bearer " + data.access_token);
        postman.setGlobalVariable("c", postman.getResponseCookie("session").value);
        const { user: { name } } = pm.response.json();
        pm.environment.set("name", `user ${name}`);
        pm.environment.unset("old");
        "#,
    );
    assert_eq!(t.counted, 8);
    assert_eq!(t.translated(), 8, "{:?}", t.skipped);
    let after = &t.scripts.after;
    assert_eq!(after[0], set("token", "environment", json("/access_token")));
    assert_eq!(after[1], set("id", "collection", json("/items/0/id")));
    assert_eq!(
        after[2],
        set("etag", "globals", Value::Header("ETag".into()))
    );
    assert_eq!(after[3], set("code", "variables", Value::Status));
    assert_eq!(
        after[4],
        set(
            "auth",
            "environment",
            Value::Concat(vec![text("Bearer "), json("/access_token")])
        )
    );
    assert_eq!(
        after[5],
        set("c", "globals", Value::Cookie("session".into()))
    );
    assert_eq!(
        after[6],
        set(
            "name",
            "environment",
            Value::Concat(vec![text("user "), json("/user/name")])
        )
    );
    assert_eq!(after[7].value, None);
}

#[test]
fn legacy_body_parsing_and_tests() {
    let t = test(
        r#"
        var jsonData = JSON.parse(responseBody);
        postman.setEnvironmentVariable("id", jsonData.data.id);
        tests["Status code is 200"] = responseCode.code === 200;
        tests["Has id"] = responseBody.has("id");
        if (responseBody.indexOf("error") !== -1) { tests["no error"] = false; } else { tests["no error"] = true; }
        "#,
    );
    assert_eq!(t.translated(), t.counted, "{:?}", t.skipped);
    assert_eq!(
        t.scripts.after[0],
        set("id", "environment", json("/data/id"))
    );
    assert_eq!(
        t.scripts.checks[0],
        Check {
            name: "Status code is 200".into(),
            cond: status(200)
        }
    );
    assert_eq!(
        t.scripts.checks[1].cond,
        Cond::Includes(Value::Body, text("id"))
    );
    assert_eq!(t.scripts.checks.len(), 3);
}

#[test]
fn pm_tests_join_their_assertions() {
    let t = test(
        r#"
        pm.test("created", function () {
            pm.response.to.have.status(201);
            const body = pm.response.json();
            pm.expect(body.id).to.be.a("string");
            pm.expect(body).to.have.property("name", "Ada");
            pm.expect(pm.response.code).to.be.oneOf([200, 201]);
            pm.expect(body.tags).to.include("x");
            pm.expect(body.count).to.not.eql(0);
        });
        pm.test("header", () => pm.response.to.have.header("Location"));
        "#,
    );
    assert_eq!((t.counted, t.translated()), (7, 7), "{:?}", t.skipped);
    let Cond::All(conds) = &t.scripts.checks[0].cond else {
        panic!("{:?}", t.scripts.checks)
    };
    assert_eq!(conds[0], status(201));
    assert_eq!(conds[1], Cond::IsType(json("/id"), "string".into()));
    assert_eq!(conds[2], Cond::Cmp(json("/name"), Op::Eq, text("Ada")));
    assert_eq!(
        conds[3],
        Cond::OneOf(Value::Status, vec![num(200), num(201)])
    );
    assert_eq!(
        conds[5],
        Cond::Not(Box::new(Cond::Cmp(json("/count"), Op::Eq, num(0))))
    );
    assert_eq!(
        t.scripts.checks[1].cond,
        Cond::Exists(Value::Header("Location".into()))
    );
}

#[test]
fn guarded_sets_carry_their_condition() {
    let t = test(
        r#"if (pm.response.code === 200) { pm.environment.set("id", pm.response.json().id); }"#,
    );
    assert_eq!(t.scripts.after[0].when, Some(status(200)));
}

#[test]
fn pre_request_sets_from_literals_and_dynamic_values() {
    let t = translate(
        r#"pm.environment.set("a", "x"); pm.variables.set("b", pm.variables.replaceIn("{{$guid}}"));
           pm.globals.set("c", pm.environment.get("a")); pm.environment.set("d", pm.response.code);"#,
        false,
    );
    assert_eq!(t.scripts.before.len(), 3);
    assert_eq!(
        t.scripts.before[1].value,
        Some(Value::Template("{{$guid}}".into()))
    );
    assert_eq!(t.scripts.before[2].value, Some(Value::Var("a".into())));
    assert_eq!(t.skipped.len(), 1);
    assert!(t.skipped[0].why.contains("pre-request"), "{:?}", t.skipped);
}

#[test]
fn what_is_left_out_says_why() {
    let t = test(
        r#"
        for (var i = 0; i < 3; i++) { pm.environment.set("x" + i, i); }
        pm.environment.set("y", CryptoJS.MD5("x").toString());
        postman.setNextRequest("Next");
        console.log("ignored");
        pm.expect(pm.response.json().ip).to.match(/^[0-9.]+(?=:)/);
        "#,
    );
    assert_eq!(t.counted, 3);
    assert_eq!(t.translated(), 0);
    let whys: Vec<&str> = t.skipped.iter().map(|s| s.why.as_str()).collect();
    assert!(whys[0].contains("loop"), "{whys:?}");
    assert!(whys[1].contains("CryptoJS.MD5"), "{whys:?}");
    assert!(whys[3].contains("lookaround"), "{whys:?}");
    assert_eq!(t.skipped[2].text, r#"postman.setNextRequest("Next");"#);
    assert!(!t.skipped[2].counted);
    assert_eq!(t.skipped.len(), 4, "{:?}", t.skipped);
}

#[test]
fn a_script_that_does_not_parse_is_an_error() {
    let t = translate("pm.test('x', function () {", true);
    assert!(t.error.is_some());
}

#[test]
fn an_early_return_guards_what_follows() {
    let t = test(
        r#"if (pm.response.code !== 200) { return; }
           pm.environment.set("id", pm.response.json().id);"#,
    );
    assert_eq!(
        t.scripts.after[0].when,
        Some(Cond::Not(Box::new(Cond::Not(Box::new(status(200))))))
    );
}

#[test]
fn defaults_choices_and_string_methods() {
    use crate::model::script::TextOp;
    let t = test(
        r#"var json = pm.response.json();
           pm.environment.set("token", json.access_token || json.token);
           pm.environment.set("kind", pm.response.code === 201 ? "new" : "old");
           var ref = json.transaction.id.split(".")[1];
           pm.environment.set("ref", ref);
           pm.environment.set("name", json.name.trim().toLowerCase());
           pm.environment.set("short", json.name.slice(0, -2));"#,
    );
    assert_eq!(t.translated(), 5, "{:?}", t.skipped);
    let after = &t.scripts.after;
    assert_eq!(
        after[0].value,
        Some(Value::Or(vec![json("/access_token"), json("/token")]))
    );
    assert_eq!(
        after[1].value,
        Some(Value::If(
            Box::new(status(201)),
            Box::new(text("new")),
            Box::new(text("old"))
        ))
    );
    assert_eq!(
        after[2].value,
        Some(Value::Text(
            Box::new(json("/transaction/id")),
            TextOp::Split(".".into(), 1)
        ))
    );
    assert_eq!(
        after[3].value,
        Some(Value::Text(
            Box::new(Value::Text(Box::new(json("/name")), TextOp::Trim)),
            TextOp::Lower
        ))
    );
    assert_eq!(
        after[4].value,
        Some(Value::Slice(
            Box::new(json("/name")),
            Box::new(Value::Const("0".into())),
            Some(Box::new(Value::Const("-2".into())))
        ))
    );
}

#[test]
fn times_numbers_and_literals_are_read() {
    use crate::model::script::{Arith, NumberParse, Shift, TimeFormat, TimeUnit};
    let t = translate(
        r#"
        const moment = require('moment');
        var dateNow = new Date();
        pm.variables.set("start", dateNow.toISOString());
        pm.variables.set("due", moment(dateNow).add(2, 'months').subtract(1, 'd').toISOString());
        pm.variables.set("ms", Date.now());
        pm.variables.set("s", moment().add(1, 'Q').unix());
        pm.variables.set("graph", (new Date()).toISOString());
        var count = parseInt(postman.getEnvironmentVariable("count"));
        postman.setEnvironmentVariable("count", isNaN(count) ? 0 : count + 1);
        pm.variables.set("cents", pm.variables.get("amount") * 100);
        pm.variables.set("weird", new Date().addDays(7).toISOString());
        pm.variables.set("local", new Date().toLocaleString());
        pm.variables.set("date", new Date());
        "#,
        false,
    );
    assert_eq!(t.error, None);
    assert_eq!(t.counted, 10);
    assert_eq!(t.translated(), 7, "{:?}", t.skipped);
    let now = |shifts: Vec<(i64, TimeUnit)>, format| {
        let shifts = shifts
            .into_iter()
            .map(|(amount, unit)| Shift { amount, unit })
            .collect();
        Some(Value::Now(shifts, format))
    };
    let before = &t.scripts.before;
    assert_eq!(before[0].value, now(vec![], TimeFormat::Iso));
    assert_eq!(
        before[1].value,
        now(
            vec![(2, TimeUnit::Months), (-1, TimeUnit::Days)],
            TimeFormat::Iso
        )
    );
    assert_eq!(before[2].value, now(vec![], TimeFormat::Millis));
    assert_eq!(
        before[3].value,
        now(vec![(3, TimeUnit::Months)], TimeFormat::Seconds)
    );
    assert_eq!(before[4].value, now(vec![], TimeFormat::Iso));
    let count = Value::Number(Box::new(Value::Var("count".into())), NumberParse::Int);
    assert_eq!(
        before[5].value,
        Some(Value::If(
            Box::new(Cond::IsNaN(count.clone())),
            Box::new(Value::Const("0".into())),
            Box::new(Value::Arith(
                Box::new(count),
                Arith::Add,
                Box::new(Value::Const("1".into()))
            ))
        ))
    );
    assert_eq!(
        before[6].value,
        Some(Value::Arith(
            Box::new(Value::Var("amount".into())),
            Arith::Mul,
            Box::new(Value::Const("100".into()))
        ))
    );
    let why: Vec<&str> = t.skipped.iter().map(|s| s.why.as_str()).collect();
    assert_eq!(
        why,
        [
            "the time method `addDays`",
            "the time method `toLocaleString`",
            "a `Date` object rather than its text (postgen reads `toISOString()`, `getTime()`)"
        ]
    );
    // Without `require("moment")`, `moment` is no function of Postman's sandbox.
    let t = translate(r#"pm.variables.set("x", moment().toISOString());"#, false);
    assert_eq!(t.translated(), 0);
}

#[test]
fn literal_objects_and_variable_presence_are_asserted() {
    let t = test(
        r#"
        pm.test("body", function () {
            pm.expect(pm.response.json().data).to.eql({ some: 'json', n: [1, -2, null], "k": true });
            pm.expect(pm.environment.has('token')).to.be.true;
            pm.expect(pm.response.headers.has("content-type")).true;
        });
        pm.expect(pm.response.json()).to.eql({ id: pm.variables.get("id") });
        "#,
    );
    assert_eq!(t.counted, 4);
    assert_eq!(t.translated(), 3, "{:?}", t.skipped);
    assert_eq!(
        t.scripts.checks[0].cond,
        Cond::All(vec![
            Cond::Cmp(
                json("/data"),
                Op::Eq,
                Value::Const(r#"{"some":"json","n":[1,-2,null],"k":true}"#.into())
            ),
            Cond::Exists(Value::Var("token".into())),
            Cond::Exists(Value::Header("content-type".into())),
        ])
    );
    assert_eq!(t.skipped[0].why, "an object literal of other than literals");
    let t = test("pm.expect(pm.response.responseTime).to.be.below(200);");
    assert_eq!(
        t.scripts.checks[0].cond,
        Cond::Cmp(Value::ResponseTime, Op::Lt, num(200))
    );
}

#[test]
fn found_elements_loops_and_switches_are_read() {
    let t = test(
        r#"
        let j = {};
        try { j = pm.response.json(); } catch (_) {}
        const def = j.accounts.find(a => a.is_default) || j.accounts[0];
        if (def && def.account_id) pm.environment.set('account_id', def.account_id);
        j.plugins.forEach(Item => {
            switch (Item.Name) {
                case "Users":
                case "People":
                    pm.collectionVariables.set("UsersId", Item.PluginId);
                    break;
                default:
                    pm.collectionVariables.set("OtherId", Item.PluginId);
            }
        });
        _.each(j.plugins, function (p) { pm.expect(p.PluginId).to.be.a('string'); });
        j.plugins.forEach(p => { p.items.forEach(i => pm.environment.set("deep", i.id)); });
        "#,
    );
    assert_eq!(t.counted, 5);
    assert_eq!(t.translated(), 4, "{:?}", t.skipped);
    assert_eq!(t.skipped[0].why, "inside a loop inside a loop");
    let item = |p: &str| Value::Item(p.into());
    let first_default = Value::Find(
        Box::new(json("/accounts")),
        Box::new(Cond::Truthy(item("/is_default"))),
        false,
    );
    let def = Value::Or(vec![first_default, json("/accounts/0")]);
    let after = &t.scripts.after;
    assert_eq!(
        after[0].value,
        Some(Value::At(Box::new(def.clone()), "/account_id".into()))
    );
    assert_eq!(
        after[0].when,
        Some(Cond::All(vec![
            Cond::Truthy(def.clone()),
            Cond::Truthy(Value::At(Box::new(def), "/account_id".into())),
        ]))
    );
    // The set that stays is the last matching element's.
    let name = |n: &str| Cond::Cmp(item("/Name"), Op::Eq, text(n));
    let users = Value::Find(
        Box::new(json("/plugins")),
        Box::new(Cond::Any(vec![name("Users"), name("People")])),
        true,
    );
    assert_eq!(
        after[1].value,
        Some(Value::At(Box::new(users.clone()), "/PluginId".into()))
    );
    assert_eq!(after[1].when, Some(Cond::Exists(users)));
    let other = Value::Find(
        Box::new(json("/plugins")),
        Box::new(Cond::Not(Box::new(Cond::Any(vec![
            name("Users"),
            name("People"),
        ])))),
        true,
    );
    assert_eq!(after[2].when, Some(Cond::Exists(other)));
    // An assertion in a loop holds for every element: none fails it.
    let failing = Value::Find(
        Box::new(json("/plugins")),
        Box::new(Cond::Not(Box::new(Cond::IsType(
            item("/PluginId"),
            "string".into(),
        )))),
        false,
    );
    assert_eq!(
        t.scripts.checks[0].cond,
        Cond::Not(Box::new(Cond::Exists(failing)))
    );
}

#[test]
fn a_legacy_test_assigned_in_a_condition_is_a_check_and_the_guard() {
    let t = test(
        r#"
        if (tests["Status code is 200"] = responseCode.code === 200) {
            var search = JSON.parse(responseBody);
            postman.setEnvironmentVariable("since_id", search.search_metadata.max_id_str);
        }
        "#,
    );
    assert_eq!((t.counted, t.translated()), (2, 2), "{:?}", t.skipped);
    assert_eq!(t.scripts.checks[0].name, "Status code is 200");
    assert_eq!(t.scripts.checks[0].cond, status(200));
    assert_eq!(t.scripts.after[0].when, Some(status(200)));
    assert_eq!(
        t.scripts.after[0].value,
        Some(json("/search_metadata/max_id_str"))
    );
}

fn boxed(v: Value) -> Box<Value> {
    Box::new(v)
}

fn boxed_cond(c: Cond) -> Box<Cond> {
    Box::new(c)
}

/// The condition of the check named `name`.
fn check(t: &Translated, name: &str) -> Cond {
    let found = t.scripts.checks.iter().find(|c| c.name == name);
    found.map(|c| c.cond.clone()).unwrap_or(Cond::Const(false))
}

#[test]
fn positions_found_at_run_time_cut_texts() {
    // newman's own digest test reads the realm out of `WWW-Authenticate`.
    let t = test(
        r#"
        var h = postman.getResponseHeader('WWW-Authenticate'),
            start = h.indexOf('"', h.indexOf("realm")) + 1,
            end = h.indexOf('"', start),
            realm = h.slice(start, end);
        postman.setGlobalVariable('realm', realm);
        pm.globals.set("tail", pm.response.json().items.slice(-2));
        tests["after the third"] = pm.response.json().tags.indexOf("x") > 2;
        "#,
    );
    assert_eq!((t.counted, t.translated()), (3, 3), "{:?}", t.skipped);
    let h = || boxed(Value::Header("WWW-Authenticate".into()));
    let start = Value::Arith(
        boxed(Value::IndexOf(
            h(),
            boxed(text("\"")),
            Some(boxed(Value::IndexOf(h(), boxed(text("realm")), None))),
        )),
        crate::model::script::Arith::Add,
        boxed(Value::Const("1".into())),
    );
    let end = Value::IndexOf(h(), boxed(text("\"")), Some(boxed(start.clone())));
    assert_eq!(
        t.scripts.after[0].value,
        Some(Value::Slice(h(), boxed(start), Some(boxed(end))))
    );
    assert_eq!(
        t.scripts.after[1].value,
        Some(Value::Slice(
            boxed(json("/items")),
            boxed(Value::Const("-2".into())),
            None
        ))
    );
    assert_eq!(
        t.scripts.checks[0].cond,
        Cond::Cmp(
            Value::IndexOf(boxed(json("/tags")), boxed(text("x")), None),
            Op::Gt,
            num(2)
        )
    );
}

#[test]
fn regular_expressions_are_translated_to_regex_lite() {
    // Adyen's terminal API answers `a=1&b=2`, which its scripts make JSON with two replaces.
    let t = test(
        r#"
        var s = pm.response.json().additional;
        var j = JSON.parse('{"' + s.replace(/&/g, '", "').replace(/=/g, '": "') + '"}');
        pm.globals.set("token", j["recurring.token"]);
        pm.test("ip", () => pm.expect(pm.response.json().ip).to.match(/^\d+\.\d+$/i));
        tests["guid"] = /^[0-9a-f]{8}$/.test(pm.response.json().id);
        tests["gzip"] = pm.response.text().match(/gzip/) !== null;
        pm.test("body", () => pm.response.to.have.body(/ok./));
        pm.globals.set("swapped", pm.response.json().name.replace(/(\w+) (\w+)/, "$2, $1 ($&)"));
        "#,
    );
    assert_eq!((t.counted, t.translated()), (6, 6), "{:?}", t.skipped);
    let s = || boxed(json("/additional"));
    let replaced = Value::ReplaceMatches(
        boxed(Value::ReplaceMatches(
            s(),
            re("&", "/&/g"),
            "\", \"".into(),
            true,
        )),
        re("=", "/=/g"),
        "\": \"".into(),
        true,
    );
    let parsed = Value::ParseJson(boxed(Value::Concat(vec![
        text("{\""),
        replaced,
        text("\"}"),
    ])));
    assert_eq!(
        t.scripts.after[0].value,
        Some(Value::At(boxed(parsed), "/recurring.token".into()))
    );
    assert_eq!(
        check(&t, "ip"),
        Cond::Matches(json("/ip"), re(r"(?i)^\d+\x{2E}\d+$", r"/^\d+\.\d+$/i"))
    );
    assert_eq!(
        check(&t, "guid"),
        Cond::Matches(json("/id"), re("^[0-9a-f]{8}$", "/^[0-9a-f]{8}$/"))
    );
    // `match(...) !== null`: a match, as a condition.
    assert_eq!(
        check(&t, "gzip"),
        Cond::Not(Box::new(Cond::Not(Box::new(Cond::Matches(
            Value::Body,
            re("gzip", "/gzip/")
        )))))
    );
    assert_eq!(
        check(&t, "body"),
        Cond::Matches(Value::Body, re(r"ok[^\n\r\x{2028}\x{2029}]", "/ok./"))
    );
    assert_eq!(
        t.scripts.after[1].value,
        Some(Value::ReplaceMatches(
            boxed(json("/name")),
            re(r"(\w+) (\w+)", r"/(\w+) (\w+)/"),
            "${2}, ${1} (${0})".into(),
            false
        ))
    );
    assert!(t.scripts.uses_regex());
}

#[test]
fn math_fixed_places_and_joined_texts() {
    let t = test(
        r#"
        let amount = Number(pm.response.json().value) / 100;
        amount = amount.toFixed(2);
        pm.globals.set("amount", amount);
        pm.globals.set("cents", Math.round(pm.response.json().total * 100));
        pm.globals.set("id", "Scan_".concat(Math.floor(Math.random() * 10000)));
        tests["data url"] = _.startsWith(pm.response.json().file, "data:");
        tests["png"] = pm.response.json().file.endsWith(".png");
        tests["list"] = _.isArray(pm.response.json().items);
        tests["native"] = !("jumpy".endsWith("MPY"));
        pm.test("echo", () => pm.response.to.have.body({ ok: true }));
        pm.test("anything", () => pm.response.to.have.jsonBody({ ok: true }));
        pm.environment.set("optional", "a"?.length);
        pm.environment.set("guid", pm.response.json().ActivityId.substr(44, 42));
        pm.environment.set("called", (1 + 2)?.toFixed());
        "#,
    );
    assert_eq!((t.counted, t.translated()), (12, 10), "{:?}", t.skipped);
    assert_eq!(
        t.scripts.after[3].value,
        Some(Value::Text(
            boxed(json("/ActivityId")),
            crate::model::script::TextOp::Slice(44, Some(86))
        ))
    );
    use crate::model::script::{Arith, MathFn, NumberParse};
    let after = &t.scripts.after;
    assert_eq!(
        after[0].value,
        Some(Value::Fixed(
            boxed(Value::Arith(
                boxed(Value::Number(boxed(json("/value")), NumberParse::Whole)),
                Arith::Div,
                boxed(num(100))
            )),
            2
        ))
    );
    assert_eq!(
        after[1].value,
        Some(Value::Math(
            boxed(Value::Arith(
                boxed(json("/total")),
                Arith::Mul,
                boxed(num(100))
            )),
            MathFn::Round
        ))
    );
    assert_eq!(
        after[2].value,
        Some(Value::Concat(vec![
            text("Scan_"),
            Value::Math(
                boxed(Value::Arith(
                    boxed(Value::Random),
                    Arith::Mul,
                    boxed(Value::Const("10000".into()))
                )),
                MathFn::Floor
            )
        ]))
    );
    assert_eq!(
        check(&t, "data url"),
        Cond::Cmp(
            Value::Slice(boxed(json("/file")), boxed(num(0)), Some(boxed(num(5)))),
            Op::Eq,
            text("data:")
        )
    );
    assert_eq!(
        check(&t, "png"),
        Cond::Cmp(
            Value::Slice(boxed(json("/file")), boxed(Value::Const("-4".into())), None),
            Op::Eq,
            text(".png")
        )
    );
    assert_eq!(
        check(&t, "list"),
        Cond::IsType(json("/items"), "array".into())
    );
    let jumpy = Value::Slice(boxed(text("jumpy")), boxed(Value::Const("-3".into())), None);
    assert_eq!(
        check(&t, "native"),
        Cond::Not(boxed_cond(Cond::Cmp(jumpy, Op::Eq, text("MPY"))))
    );
    // chai-postman compares a plain object with the JSON body, and `jsonBody` of anything but
    // a path checks nothing more than that there is a response.
    assert_eq!(
        check(&t, "echo"),
        Cond::Cmp(json(""), Op::Eq, Value::Const(r#"{"ok":true}"#.into()))
    );
    assert_eq!(check(&t, "anything"), Cond::Const(true));
    assert!(!t.scripts.uses_regex());
}

fn re(pattern: &str, written: &str) -> Regex {
    Regex {
        pattern: pattern.into(),
        written: written.into(),
    }
}

#[test]
fn json_built_from_values_is_written_in_its_order_and_encoded() {
    // Adyen's terminal scripts: `btoa(JSON.stringify({ ... }))` with values read at run time.
    let t = test(
        r#"
        const id = "Scan_".concat(pm.response.json().n);
        const si = { "Session": { "Id": id, "Type": "Once" }, "Ops": [{ "Ms": 15000 }, id] };
        pm.globals.set("sessionId", si.Session.Id);
        pm.globals.set("server", btoa(JSON.stringify(si)));
        pm.globals.set("plain", JSON.stringify({ b: 1, a: [true, null] }));
        pm.globals.set("one", JSON.stringify(pm.response.json().name));
        pm.globals.set("whole", si);
        pm.globals.set("absent", si.Other);
        "#,
    );
    assert_eq!((t.counted, t.translated()), (6, 4), "{:?}", t.skipped);
    let id = Value::Concat(vec![text("Scan_"), json("/n")]);
    let after = &t.scripts.after;
    assert_eq!(after[0].value, Some(id.clone()));
    let id_json = || Value::JsonText(boxed(id.clone()));
    assert_eq!(
        after[1].value,
        Some(Value::Base64(boxed(Value::Concat(vec![
            text(r#"{"Session":{"Id":"#),
            id_json(),
            text(r#","Type":"Once"},"Ops":[{"Ms":15000},"#),
            id_json(),
            text("]}"),
        ]))))
    );
    // Keys in the order written, as JavaScript keeps them.
    assert_eq!(after[2].value, Some(text(r#"{"b":1,"a":[true,null]}"#)));
    assert_eq!(after[3].value, Some(Value::JsonText(boxed(json("/name")))));
    let whys: Vec<&str> = t.skipped.iter().map(|s| s.why.as_str()).collect();
    assert!(whys[0].contains("read whole"), "{whys:?}");
    assert!(whys[1].contains("`Other`"), "{whys:?}");
}

#[test]
fn a_local_built_with_compound_assignments_keeps_what_it_held() {
    // Brightspace's quiz link: `x += ...` used to bind `x` to the right side alone.
    let t = test(
        r#"
        var url = "/link?ou=";
        url += pm.environment.get("Course1Id");
        url += "&rcode=" + pm.response.json().id.substr(2, 3);
        pm.collectionVariables.set("link", url);
        var n = pm.response.json().count;
        n *= 2;
        n -= 1;
        pm.collectionVariables.set("n", n);
        var flag = 1;
        flag **= 2;
        pm.collectionVariables.set("flag", flag);
        "#,
    );
    assert_eq!((t.counted, t.translated()), (3, 2), "{:?}", t.skipped);
    use crate::model::script::{Arith, TextOp};
    assert_eq!(
        t.scripts.after[0].value,
        Some(Value::Concat(vec![
            text("/link?ou="),
            Value::Var("Course1Id".into()),
            text("&rcode="),
            Value::Text(boxed(json("/id")), TextOp::Slice(2, Some(5))),
        ]))
    );
    let doubled = Value::Arith(boxed(json("/count")), Arith::Mul, boxed(num(2)));
    assert_eq!(
        t.scripts.after[1].value,
        Some(Value::Arith(boxed(doubled), Arith::Sub, boxed(num(1))))
    );
    assert!(t.skipped[0].why.contains("`**=`"), "{:?}", t.skipped);
}

#[test]
fn a_local_changed_where_it_may_not_run_is_not_read_as_before() {
    // Adyen's `str += ...` in a `for`: what a loop left in a local is not its value before it;
    // `splitCounter++` is one more, as a number; after an `if`, a local holds one branch's value or the other's.
    let t = test(
        r#"
        var s = "";
        for (var n = 0; n < 4; n += 2) { s += "x"; }
        pm.environment.set("s", s);
        var i = 1;
        i++;
        pm.environment.set("i", i);
        var j = "a";
        if (pm.response.code === 200) { j = "b"; }
        pm.environment.set("j", j);
        var c = "";
        if (pm.response.code === 201) { c = pm.response.json().x; } else { c = foo(); }
        pm.environment.set("c", c);
        var kept = "k";
        for (var m = 0; m < 2; m++) {}
        pm.environment.set("kept", kept);
        "#,
    );
    assert_eq!((t.counted, t.translated()), (5, 3), "{:?}", t.skipped);
    let whys: Vec<&str> = t.skipped.iter().map(|s| s.why.as_str()).collect();
    assert!(
        whys[0].contains("`s` may be changed inside a loop"),
        "{whys:?}"
    );
    assert!(
        whys[1].contains("`c` changed under a condition"),
        "{whys:?}"
    );
    use crate::model::script::{Arith, NumberParse};
    let counted = Value::Number(boxed(num(1)), NumberParse::Whole);
    assert_eq!(
        t.scripts.after[0].value,
        Some(Value::Arith(boxed(counted), Arith::Add, boxed(num(1))))
    );
    let Some(Value::If(_, yes, no)) = &t.scripts.after[1].value else {
        panic!("{:?}", t.scripts.after[1]);
    };
    assert_eq!((&**yes, &**no), (&text("b"), &text("a")));
    assert_eq!(t.scripts.after[2].value, Some(text("k")));
}

#[test]
fn a_local_a_catch_changes_is_the_catchs_value_when_the_body_is_not_json() {
    // The `catch` runs when `JSON.parse` throws: its value is not dropped after it.
    let t = test(
        r#"
        var id = "none";
        try { id = pm.response.json().id; } catch (e) { id = "not json"; }
        pm.environment.set("id", id);
        "#,
    );
    assert_eq!((t.counted, t.translated()), (1, 1), "{:?}", t.skipped);
    let Some(Value::If(cond, yes, no)) = &t.scripts.after[0].value else {
        panic!("{:?}", t.scripts.after[0]);
    };
    // `.id` of a body that is JSON `null` throws too.
    let body = || Value::Json(String::new());
    let null = Cond::IsType(body(), "null".into());
    let read = Cond::All(vec![Cond::Exists(body()), Cond::Not(Box::new(null))]);
    assert_eq!(**cond, read);
    assert_eq!((&**yes, &**no), (&json("/id"), &text("not json")));
}

#[test]
fn a_member_of_a_local_a_catch_sets_to_a_literal_is_read_from_either() {
    // The commonest `catch` of all: the body parsed, else an object literal. A member is the
    // body's member when it is JSON, the literal's (`ok`'s `false`, or `undefined` as the
    // member of a body that is not JSON) when it is not; `typeof j` is an object either way.
    let t = test(
        r#"
        var j;
        try { j = JSON.parse(responseBody); } catch (e) { j = { ok: false }; }
        pm.environment.set("id", j.args.id);
        pm.environment.set("ok", j.ok);
        tests["an object"] = typeof j === "object";
        "#,
    );
    assert_eq!((t.counted, t.translated()), (3, 3), "{:?}", t.skipped);
    let json_body = Box::new(Cond::Exists(json("")));
    // `j.args.id` is missing when the body is not JSON, whichever `j` was chosen.
    assert_eq!(t.scripts.after[0].value, Some(json("/args/id")));
    assert_eq!(
        t.scripts.after[1].value,
        Some(Value::If(
            json_body.clone(),
            Box::new(json("/ok")),
            Box::new(Value::Const("false".into()))
        ))
    );
    let literal = Value::Const(r#"{"ok":false}"#.into());
    let j = Value::If(json_body, Box::new(json("")), Box::new(literal));
    // JavaScript's `typeof` says "object" of arrays and `null` too.
    let types = ["object", "array", "null"].map(|k| Cond::IsType(j.clone(), k.into()));
    assert_eq!(t.scripts.checks[0].cond, Cond::Any(types.to_vec()));
}

#[test]
fn a_local_a_declared_function_may_change_is_unknown_once_the_function_may_have_run() {
    // The body of a function is not walked: a call may change what its source names. A
    // function is hoisted, and one may call another.
    let t = test(
        r#"
        var token = "none";
        var id = "kept";
        var count = 1;
        pm.environment.set("before", token);
        refresh();
        pm.environment.set("token", token);
        pm.environment.set("id", id);
        const bump = () => { count = count + 1; };
        [1, 2].map(bump);
        pm.environment.set("count", count);
        function refresh() { inner(); }
        function inner() { token = pm.response.json().token; }
        "#,
    );
    assert_eq!(
        sets(&t),
        [("before", &Some(text("none"))), ("id", &Some(text("kept")))],
        "{:?}",
        t.skipped
    );
    left_out_for(
        &t.skipped,
        &[
            "`token` may be changed by the function `inner`",
            "`count` may be changed by the function `bump`",
        ],
    );
}

#[test]
fn a_catch_of_anything_but_the_body_parse_is_not_read_as_the_body_not_being_json() {
    // Before a request there is no response: a `catch` runs when its `try` throws, which here
    // has nothing to do with a body. So is a `try` that does more than parse the body (a
    // member of a body without it throws too).
    let pre = translate(
        r#"
        var cfg = "none";
        try { cfg = JSON.parse(pm.environment.get("cfg")); } catch (e) { cfg = {}; }
        pm.environment.set("tenant", cfg.tenant);
        try { JSON.parse(pm.environment.get("c")); } catch (e) { pm.environment.set("c", "{}"); }
        "#,
        false,
    );
    assert_eq!(pre.error, None);
    assert_eq!((pre.counted, pre.translated()), (2, 0), "{:?}", pre.scripts);
    left_out_for(
        &pre.skipped,
        &[
            "`cfg` changed under a condition",
            "inside a `catch` of a `try`",
        ],
    );
    let t = test(
        r#"
        var id = "none";
        try { var j = pm.response.json(); id = j.data.id; } catch (e) { id = "missing"; }
        pm.environment.set("id", id);
        "#,
    );
    assert_eq!((t.counted, t.translated()), (1, 0), "{:?}", t.scripts);
}

#[test]
fn a_local_changed_in_place_is_not_read_as_it_was() {
    // Members of a literal are read where it is written; a statement that changes the local in
    // place (an assignment to a member, `push`, `delete`, `Object.assign`) leaves it unknown.
    let t = test(
        r#"
        var out = {};
        out.token = pm.response.json().token;
        pm.environment.set("token", out.token);
        var ids = [];
        ids.push(pm.response.json().id);
        pm.environment.set("id", ids[0]);
        var o = { a: pm.response.json().x, b: "kept" };
        o.a = 7;
        pm.environment.set("a", o.a);
        var p = { a: "x" };
        delete p.a;
        pm.environment.set("pa", p.a);
        var q = { a: "x" };
        Object.assign(q, { a: "y" });
        pm.environment.set("qa", q.a);
        var r = { a: "x", n: 1 };
        pm.environment.set("ra", r.a);
        "#,
    );
    assert_eq!(sets(&t), [("ra", &Some(text("x")))], "{:?}", t.skipped);
    let reasons = ["out", "ids", "o", "p", "q"].map(|local| format!("`{local}` changed"));
    left_out_for(&t.skipped, &reasons.each_ref().map(String::as_str));
}

#[test]
fn a_catch_after_reading_a_member_of_the_body_runs_when_a_value_on_the_way_is_missing() {
    // `pm.response.json().data.id` throws when the body is not JSON, or is `null`, or has no
    // `data`, or a `null` one.
    let t = test(
        r#"
        let id;
        try { id = pm.response.json().data.id; } catch (e) { id = "none"; }
        pm.environment.set("id", id);
        "#,
    );
    assert_eq!((t.counted, t.translated()), (1, 1), "{:?}", t.skipped);
    let not_null = |p: &str| Cond::Not(Box::new(Cond::IsType(json(p), "null".into())));
    let read = Cond::All(vec![
        Cond::Exists(json("")),
        not_null(""),
        Cond::Exists(json("/data")),
        not_null("/data"),
    ]);
    assert_eq!(
        t.scripts.after[0].value,
        Some(Value::If(
            Box::new(read),
            Box::new(json("/data/id")),
            Box::new(text("none"))
        ))
    );
}

#[test]
fn a_try_that_parses_the_body_and_assigns_what_cannot_throw_is_read_as_the_body_parse() {
    // postman-code-generators' fixtures: the assignments after the parse run only when it
    // did not throw, and the `catch` when it did.
    let t = test(
        r#"
        var responseJSON;
        try {
            responseJSON = JSON.parse(responseBody);
            tests['response is valid JSON'] = true;
            tests['has args'] = responseBody.has("args");
        } catch (e) {
            responseJSON = {};
            tests['response is valid JSON'] = false;
        }
        tests['args'] = _.has(responseJSON, 'args');
        "#,
    );
    assert_eq!((t.counted, t.translated()), (4, 4), "{:?}", t.skipped);
    // Whether the body is JSON decides `valid JSON`; `args` reads `{}` when it is not.
    let holds = |name: &str, body: &str| {
        let served = super::Served {
            status: 200,
            content_type: None,
            body,
            items: Default::default(),
        };
        served.holds(&check(&t, name))
    };
    assert!(holds("response is valid JSON", r#"{"args": {}}"#));
    assert!(!holds("response is valid JSON", "<html>"));
    assert!(holds("args", r#"{"args": {}}"#));
    assert!(!holds("args", r#"{"form": {}}"#));
    assert!(!holds("args", "<html>"));
}

#[test]
fn a_local_a_function_in_an_untranslated_statement_may_change_is_unknown() {
    let t = test(
        r#"
        var total = 0;
        [1, 2].map(function (x) { total += x; });
        pm.environment.set("total", total);
        var token = "a";
        (() => { token = pm.response.json().token; })();
        pm.environment.set("token", token);
        var kept = "k";
        pm.environment.set("kept", kept);
        "#,
    );
    assert_eq!(sets(&t), [("kept", &Some(text("k")))], "{:?}", t.skipped);
}

#[test]
fn a_local_a_function_reached_another_way_may_change_is_unknown_after_its_call() {
    // A method of an object literal, a function assigned rather than declared, another name
    // for a declared one.
    let t = test(
        r#"
        var a = "a", b = "b", c = "c", d = "d";
        var u = { f() { a = pm.response.json().a; } };
        u.f();
        pm.environment.set("a", a);
        var g;
        g = function () { b = pm.response.json().b; };
        g();
        pm.environment.set("b", b);
        function h() { c = pm.response.json().c; }
        var alias = h;
        alias();
        pm.environment.set("c", c);
        pm.environment.set("d", d);
        "#,
    );
    assert_eq!(sets(&t), [("d", &Some(text("d")))], "{:?}", t.skipped);
    left_out_for(
        &t.skipped,
        &[
            "`a` may be changed by the function `u`",
            "`b` may be changed by the function `g`",
            "`c` may be changed by the function",
        ],
    );
}
