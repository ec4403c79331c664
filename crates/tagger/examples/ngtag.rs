//! The tagger's train / eval commands without the rest of the CLI (same code as
//! `newsgraph train|eval pos|ner`): `cargo run --release -p newsgraph-tagger --example ngtag -- eval pos`.

use clap::{Parser, Subcommand};
use newsgraph_tagger::run;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train a model.
    Train {
        #[command(subcommand)]
        what: run::TrainCommand,
    },
    /// Score a model.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    Pos(run::EvalPosArgs),
    Ner(run::EvalNerArgs),
}

fn main() -> std::process::ExitCode {
    let r = match Cli::parse().command {
        Command::Train { what } => run::train(&what),
        Command::Eval {
            what: EvalCommand::Pos(a),
        } => run::eval_pos(&a).map(|s| print!("{s}")),
        Command::Eval {
            what: EvalCommand::Ner(a),
        } => run::eval_ner(&a).map(|s| print!("{s}")),
    };
    match r {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ngtag: error: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
