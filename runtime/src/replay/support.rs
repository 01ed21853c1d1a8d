// What the `replay` example of every client does with variables and its command line:
// values as newman takes them, and substitution as Postman's runner substitutes.
//
// Copied into every client's `examples/replay.rs` after its constants (`COLLECTION_VARIABLES`,
// `BASE_ORIGIN`); here compiled in the `replay` module of this crate and tested in
// `src/tests/replay.rs`. Items only, as the runtime's files: `//` comments are not copied. As
// in the harness, `crate_under_test` names the client.

/// Every variable's value: the collection's, then those given on the command line.
static VARIABLES: std::sync::OnceLock<std::collections::BTreeMap<String, String>> = std::sync::OnceLock::new();

/// `text` with each `{{name}}` that has a value, or is a dynamic variable, replaced by it, as
/// Postman substitutes (see `runtime::substitute`).
#[allow(dead_code)]
fn vars(text: &str) -> String {
    let values = VARIABLES.get_or_init(Default::default);
    crate_under_test::runtime::substitute(text, |name| values.get(name).cloned().or_else(|| crate_under_test::runtime::dynamic(name)))
}

/// The value of the environment variable `name`, or the collection's (its variables
/// substituted).
#[allow(dead_code)]
fn credential(name: &str, collection: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| vars(collection))
}

/// What the command line asks for.
struct Options {
    base_url: Option<String>,
    bodies: bool,
    /// `--no-scripts`: the collection's scripts are not run.
    no_scripts: bool,
    /// Values given with `--environment` and `--env-var`, in order: a later one wins.
    values: Vec<(String, String)>,
}

/// Reads the command line's arguments `args` (without the program), or says what is wrong
/// with them.
fn options(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options { base_url: None, bodies: false, no_scripts: false, values: Vec::new() };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bodies" => options.bodies = true,
            "--no-scripts" => options.no_scripts = true,
            "--env-var" => {
                let pair = args.next().ok_or("--env-var needs NAME=VALUE")?;
                let (name, value) = pair.split_once('=').ok_or_else(|| format!("--env-var {pair:?}: expected NAME=VALUE"))?;
                options.values.push((name.to_string(), value.to_string()));
            }
            "--environment" => {
                let path = args.next().ok_or("--environment needs a file")?;
                options.values.extend(environment(&path)?);
            }
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ if options.base_url.is_none() => options.base_url = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    Ok(options)
}

/// The enabled values of a Postman environment file, as newman reads them.
fn environment(path: &str) -> Result<Vec<(String, String)>, String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("{path}: {error}"))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|error| format!("{path}: {error}"))?;
    let Some(values) = json.get("values").and_then(|values| values.as_array()) else {
        return Err(format!("{path}: a Postman environment has a `values` list"));
    };
    Ok(values
        .iter()
        .filter(|entry| entry.get("enabled").and_then(|enabled| enabled.as_bool()) != Some(false))
        .filter_map(|entry| {
            let key = entry.get("key")?.as_str()?.to_string();
            let value = match entry.get("value") {
                Some(serde_json::Value::String(text)) => text.clone(),
                None | Some(serde_json::Value::Null) => String::new(),
                Some(other) => other.to_string(),
            };
            Some((key, value))
        })
        .collect())
}

/// What the run found: checks made and failed, and 2xx responses that did not decode.
#[derive(Default)]
struct Tally {
    checks: usize,
    failed: usize,
    undecoded: usize,
    /// The check lines of the response being reported, printed after its status line.
    pending: Vec<String>,
}

static TALLY: std::sync::Mutex<Tally> = std::sync::Mutex::new(Tally { checks: 0, failed: 0, undecoded: 0, pending: Vec::new() });

fn tally() -> std::sync::MutexGuard<'static, Tally> {
    TALLY.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Records what a response's test scripts checked, as newman lists assertions.
fn observe(report: &crate_under_test::runtime::ScriptReport) {
    let mut tally = tally();
    for check in &report.checks {
        tally.checks += 1;
        let line = match &check.failure {
            None => format!("  \u{2713} {}", check.name),
            Some(why) => {
                tally.failed += 1;
                format!("  \u{2717} {}: {why}", check.name)
            }
        };
        tally.pending.push(line);
    }
}

/// Prints the check lines of the response just reported.
fn flush_checks() {
    for line in std::mem::take(&mut tally().pending) {
        println!("{line}");
    }
}

/// The summary line, and whether every check passed and every 2xx response decoded.
fn summary(requests: usize) -> (String, bool) {
    let tally = tally();
    let line = format!(
        "replay: {requests} requests, {} checks, {} failed, {} responses that did not decode",
        tally.checks, tally.failed, tally.undecoded
    );
    (line, tally.failed == 0 && tally.undecoded == 0)
}
