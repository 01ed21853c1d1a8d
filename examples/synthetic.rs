//! Prints the synthetic benchmark collection with N requests (default 1,000) as JSON.
//!
//! `cargo run --release --example synthetic -- 1000 > /tmp/synthetic-1000.json`; used by
//! `benches/generate.sh`.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() -> std::process::ExitCode {
    let requests = match std::env::args().nth(1).map(|arg| arg.parse::<usize>()) {
        None => 1_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("usage: synthetic [REQUESTS]: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    println!("{}", synthetic::collection(requests));
    std::process::ExitCode::SUCCESS
}
