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
    /// Values given with `--environment` and `--env-var`, in order: a later one wins.
    values: Vec<(String, String)>,
}

/// Reads the command line's arguments `args` (without the program), or says what is wrong
/// with them.
fn options(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options { base_url: None, bodies: false, values: Vec::new() };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bodies" => options.bodies = true,
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
