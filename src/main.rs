//! The `postgen` command: a thin front end over [`postgen::Config`] and [`postgen::diff`].
//!
//! Exit codes: 0 success; 1 the input could not be generated from (or a file could not be
//! written); 2 usage error; 3 `--check` found stale files; 4 `diff --fail-on-breaking` found a
//! breaking change; 5 `--deny-warnings` found warnings (nothing was written).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use postgen::write::Staleness;

// Generation allocates millions of small strings and syntax nodes; mimalloc makes the whole
// command about a fifth faster than glibc's malloc (benches/generate.sh).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc returns memory freed by the program to the system only a second later by default.
/// Generation frees the parsed input while it builds the model and the model's pieces as they
/// are rendered; held for a second, the freed pages made the peak 15 % higher. After 10 ms they
/// cost no measurable time (with 0, purging took 8 % more time).
#[cfg(feature = "mimalloc")]
fn return_freed_memory_sooner() {
    /// `mi_option_purge_delay` in mimalloc.h (the crate's bindings do not name it).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets one of mimalloc's global options before any other thread starts.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) };
}

#[derive(Parser)]
#[command(
    name = "postgen",
    version,
    about = "Generate a typed Rust API client from a Postman collection"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a client crate from a collection (v2.0, v2.1, an export wrapper or one item).
    Generate {
        /// The collection file.
        input: PathBuf,
        /// The crate's directory [default: generated/<name>].
        #[arg(long)]
        out: Option<PathBuf>,
        /// The crate's package name [default: the input file's stem].
        #[arg(long)]
        name: Option<String>,
        /// A Postman environment export whose variable values override the collection's.
        #[arg(long, value_name = "FILE")]
        env: Option<PathBuf>,
        /// A directory of templates replacing the built-in ones of the same name.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Corrections to the collection [default: <stem>.postgen.toml beside it, if present].
        #[arg(long, value_name = "FILE")]
        overrides: Option<PathBuf>,
        /// How many saved examples must show an object the API returns before the keys they
        /// all show are required fields; with fewer, every field of it is an `Option`.
        #[arg(long, value_name = "N", default_value_t = postgen::lower::DEFAULT_REQUIRED_EVIDENCE,
              value_parser = clap::value_parser!(u32).range(1..))]
        required_evidence: u32,
        /// Write nothing; exit with status 3 and name each file that is missing, differs or
        /// would be removed.
        #[arg(long)]
        check: bool,
        /// Print no warnings (only the line that counts them) and no list of written files.
        #[arg(long, short)]
        quiet: bool,
        /// Fail (status 5) when there is any warning, before anything is written: for CI.
        #[arg(long)]
        deny_warnings: bool,
        /// Refuse the whole collection when one item cannot be read or one request cannot be
        /// represented, instead of leaving it out with a warning.
        #[arg(long)]
        strict: bool,
    },
    /// Report what changed in the generated API between two versions of a collection.
    Diff {
        /// The old collection.
        old: PathBuf,
        /// The new collection.
        new: PathBuf,
        /// A Postman environment export whose variable values override both collections', as
        /// `generate --env` reads it.
        #[arg(long, value_name = "FILE")]
        env: Option<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Exit with status 4 when a change is breaking.
        #[arg(long)]
        fail_on_breaking: bool,
    },
}

fn main() -> ExitCode {
    #[cfg(feature = "mimalloc")]
    return_freed_memory_sooner();
    match Cli::parse().command {
        Command::Generate {
            input,
            out,
            name,
            env,
            templates,
            overrides,
            required_evidence,
            check,
            quiet,
            deny_warnings,
            strict,
        } => {
            let mut config = postgen::Config::new(input)
                .required_evidence(required_evidence)
                .strict(strict)
                .deny_warnings(deny_warnings);
            if let Some(out) = out {
                config = config.out(out);
            }
            if let Some(name) = name {
                config = config.name(name);
            }
            if let Some(env) = env {
                config = config.environment(env);
            }
            if let Some(templates) = templates {
                config = config.templates(templates);
            }
            if let Some(overrides) = overrides {
                config = config.overrides(overrides);
            }
            generate(&config, check, quiet).unwrap_or_else(|error| failed(&error))
        }
        Command::Diff {
            old,
            new,
            env,
            json,
            fail_on_breaking,
        } => {
            let config = |collection: PathBuf| {
                let config = postgen::Config::new(collection);
                match &env {
                    Some(env) => config.environment(env),
                    None => config,
                }
            };
            report_diff(&config(old), &config(new), json, fail_on_breaking)
        }
    }
}

/// Prints what changed between the APIs of `old` and `new`.
fn report_diff(
    old: &postgen::Config,
    new: &postgen::Config,
    json: bool,
    fail_on_breaking: bool,
) -> ExitCode {
    match postgen::diff::diff(old, new) {
        Ok(diff) => {
            if json {
                let text = serde_json::to_string_pretty(&diff)
                    .expect("a diff serializes: strings, numbers and booleans only");
                println!("{text}");
            } else {
                print!("{}", diff.report());
            }
            if fail_on_breaking && diff.breaking > 0 {
                ExitCode::from(4)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => failed(&error),
    }
}

fn generate(
    config: &postgen::Config,
    check: bool,
    quiet: bool,
) -> Result<ExitCode, postgen::Error> {
    let file = postgen::error::visible_path(config.collection());
    let warn = |warnings: &[postgen::Problem], scripts: postgen::ScriptCounts| {
        if !quiet {
            for warning in postgen::error::grouped(warnings) {
                eprintln!("warning: {file}: {warning}");
            }
        }
        if let Some(summary) = postgen::error::summary(warnings) {
            eprintln!("warning: {file}: {summary}");
        }
        if scripts.statements > 0 && !quiet {
            eprintln!(
                "scripts: translated {} of {} variable sets and assertions ({:.1} %)",
                scripts.translated,
                scripts.statements,
                100.0 * scripts.translated as f64 / scripts.statements as f64
            );
        }
    };
    // Each file is compared with disk, or staged beside its target, as it is formatted.
    if check {
        let checked = config.generate_and_check()?;
        warn(&checked.warnings, checked.scripts);
        if checked.stale.is_empty() {
            if !quiet {
                println!("{} is up to date", checked.out.display());
            }
            return Ok(ExitCode::SUCCESS);
        }
        for file in &checked.stale {
            let why = match file.why {
                Staleness::Missing => "missing",
                Staleness::Differs => "differs from what would be generated",
                Staleness::Obsolete => "generated earlier, no longer produced",
            };
            eprintln!("stale: {} ({why})", file.path.display());
        }
        eprintln!(
            "{} file(s) stale: run `{}` to update them",
            checked.stale.len(),
            config.command_line()
        );
        return Ok(ExitCode::from(3));
    }
    let written = config.generate_and_write()?;
    warn(&written.warnings, written.scripts);
    let report = &written.report;
    for path in report.written.iter().filter(|_| !quiet) {
        println!("wrote {}", path.display());
    }
    for path in report.removed.iter().filter(|_| !quiet) {
        println!("removed {}", path.display());
    }
    for path in &report.kept {
        eprintln!(
            "warning: {} is no longer generated but was edited (no @generated header): left in place",
            path.display()
        );
    }
    if report.written.is_empty() && report.removed.is_empty() && !quiet {
        println!("{} is up to date", written.out.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn failed(error: &postgen::Error) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::from(match error {
        postgen::Error::Usage(_) => 2,
        postgen::Error::Warnings { .. } => 5,
        _ => 1,
    })
}
