//! The `postgen` command: a thin front end over the library.
//!
//! Exit codes: 0 success; 1 the input could not be generated from (or a file could not be
//! written); 2 usage error; 3 `--check` found stale files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
        /// Write nothing; exit with status 3 and name each file that is missing or differs.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let Command::Generate {
        input,
        out,
        name,
        env,
        check,
    } = Cli::parse().command;
    let options = postgen::Options {
        crate_name: name,
        environment: env,
    };
    let generated = match postgen::generate(&input, &options) {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(if matches!(error, postgen::Error::Usage(_)) {
                2
            } else {
                1
            });
        }
    };
    for warning in &generated.warnings {
        eprintln!("warning: {}: {warning}", input.display());
    }
    let out = out.unwrap_or_else(|| PathBuf::from("generated").join(&generated.crate_name));
    if check {
        let stale = postgen::write::check(&out, &generated.files);
        if stale.is_empty() {
            println!("{} is up to date", out.display());
            return ExitCode::SUCCESS;
        }
        for file in &stale {
            let why = match file.why {
                postgen::write::Staleness::Missing => "missing",
                postgen::write::Staleness::Differs => "differs from what would be generated",
            };
            eprintln!("stale: {} ({why})", file.path.display());
        }
        eprintln!(
            "{} file(s) stale: run `postgen generate {}` to update them",
            stale.len(),
            input.display()
        );
        return ExitCode::from(3);
    }
    match postgen::write::write(&out, &generated.files) {
        Ok(report) => {
            for path in &report.written {
                println!("wrote {}", path.display());
            }
            if report.written.is_empty() {
                println!("{} is up to date", out.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}
