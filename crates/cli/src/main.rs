use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use newsgraph::inputs::{expand, load};
use newsgraph_ingest::Limits;
use std::io::Write;
use std::process::ExitCode;

/// newsgraph: who said what, who did what to whom, with the exact text behind every fact.
#[derive(Parser)]
#[command(name = "newsgraph", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (files, directories of .txt files, or - for stdin) and print what they say.
    Read {
        /// Output format: json (one object; JSON Lines when several articles), jsonl, text.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Publication date of the article(s), YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        /// Largest accepted article, in bytes.
        #[arg(long, default_value_t = newsgraph_ingest::input::DEFAULT_MAX_BYTES)]
        max_bytes: usize,
        /// Inputs.
        #[arg(required = true)]
        paths: Vec<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Jsonl,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsgraph: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Read {
            format,
            date,
            max_bytes,
            paths,
        } => read(format, date, Limits { max_bytes }, &paths),
    }
}

fn read(
    format: Format,
    date: Option<String>,
    limits: Limits,
    paths: &[String],
) -> Result<ExitCode> {
    let inputs = expand(paths);
    let pipeline = newsgraph::pipeline();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let single = inputs.len() == 1;
    for input in &inputs {
        let mut doc = match load(input, limits) {
            Ok(d) => d,
            Err(e) => {
                failed += 1;
                eprintln!("newsgraph: {e}");
                continue;
            }
        };
        doc.meta.date = date.clone();
        pipeline.run(&mut doc);
        match format {
            Format::Json if single => {
                serde_json::to_writer_pretty(&mut out, &newsgraph_core::json::view(&doc))?;
                writeln!(out)?;
            }
            Format::Json | Format::Jsonl => {
                writeln!(out, "{}", newsgraph_core::json::to_json_line(&doc))?
            }
            Format::Text => writeln!(out, "{}", newsgraph::text::render(&doc))?,
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!(
            "newsgraph: {failed} of {} input(s) could not be read",
            inputs.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
