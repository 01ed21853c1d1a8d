//! Rendered Rust text -> syn -> prettyplease, with errors that show where the text went wrong.

use crate::error::Error;

/// Parses `source` as a Rust file and pretty-prints it. A parse failure is a bug in a template or
/// in postgen, never something a collection can cause, so the error shows the rendered text
/// around the failing line for whoever fixes the template.
pub fn rust(template: &str, source: &str) -> Result<String, Error> {
    let file = syn::parse_file(source).map_err(|e| {
        let line = e.span().start().line;
        let context: Vec<String> = source
            .lines()
            .enumerate()
            .skip(line.saturating_sub(4))
            .take(7)
            .map(|(i, text)| format!("{:>5} | {text}", i + 1))
            .collect();
        Error::Render {
            template: template.to_string(),
            message: format!(
                "rendered text is not valid Rust ({e}) at line {line}:\n{}",
                context.join("\n")
            ),
        }
    })?;
    Ok(prettyplease::unparse(&file))
}
