use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use newsgraph::inputs::expand;
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
    /// Read articles (.txt, .html, .jsonl, .warc, .warc.gz files, directories of them, or - for
    /// stdin) and print what they say; documents are processed in parallel, output in input order.
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
    /// Time the pipeline on one thread over the NAEB article bodies: docs/s, words/s, MB/s,
    /// and the time of each stage.
    Bench(newsgraph::bench::BenchArgs),
    /// Ingest against read on the same input (NAEB bodies + seed) and threads: docs/s, MB/s,
    /// the ratio, and where ingest's extra time goes.
    BenchIngest(newsgraph::bench_ingest::BenchIngestArgs),
    /// Time HTML main-text extraction alone on one thread: pages/s and MB/s.
    BenchExtract(newsgraph::extract_eval::ExtractBenchArgs),
    /// Score a capability against gold data (precision / recall / F1).
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Train a learned tagger (part of speech, named entities) from a corpus.
    Train {
        #[command(subcommand)]
        what: newsgraph_tagger::run::TrainCommand,
    },
    /// Read articles like `read` and store them (SQLite file or PostgreSQL): --db.
    Ingest(newsgraph::store_cmd::IngestArgs),
    /// Stored quotations: --speaker, --about (words), --since, --until.
    Quotes(newsgraph::store_cmd::QuotesArgs),
    /// Stored actors with titles, quote counts, first and last seen: --search.
    Actors(newsgraph::store_cmd::ActorsArgs),
    /// One stored article with its quotations.
    Article(newsgraph::store_cmd::ArticleArgs),
    /// Serve the store: JSON API under /api (description at /openapi.json) and a web page.
    Serve(newsgraph::store_cmd::ServeArgs),
    /// Poll RSS/Atom feeds over HTTP and store their new articles (conditional requests,
    /// robots.txt, a per-host rate limit): --db, --interval, --once, --rate, --user-agent.
    Watch(newsgraph::watch_cmd::WatchArgs),
}

#[derive(Subcommand)]
enum EvalCommand {
    /// HTML main-text extraction: body P/R/F1 (as score_extract.py), title, authors, date.
    Extract(newsgraph::extract_eval::ExtractEvalArgs),
    /// Part-of-speech accuracy (UPOS, XPOS) on a CoNLL-U file, and tagging speed.
    Pos(newsgraph_tagger::run::EvalPosArgs),
    /// Named-entity precision / recall / F1 (conlleval rules) on a CoNLL-2003 file.
    Ner(newsgraph_tagger::run::EvalNerArgs),
    /// Events against the paragraph gold (eval/gold/events/GUIDELINES.md).
    Events(EvalEventsArgs),
    /// Quotations against the hand-made gold (eval/gold/quotes/GUIDELINES.md).
    Quotes {
        /// Directory of gold files.
        #[arg(long, default_value = "eval/gold/quotes/naeb")]
        gold: std::path::PathBuf,
        /// NAEB articles.json holding the article texts.
        #[arg(long, default_value = "../shared/data/extraction/naeb/articles.json")]
        naeb: std::path::PathBuf,
        /// Score on a PolNeAR split instead (e.g. ../shared/data/quotes/polnear/dev): speech
        /// attributions, then all attributions.
        #[arg(long)]
        polnear: Option<std::path::PathBuf>,
        /// Print each miss, wrong span, wrong speaker and false alarm.
        #[arg(long)]
        verbose: bool,
        /// Exit non-zero when below the targets: direct F1 0.95 and speaker 0.90 (overlap
        /// match), indirect F1 0.75.
        #[arg(long)]
        check: bool,
    },
}

#[derive(clap::Args)]
struct EvalEventsArgs {
    /// Gold directory (every *.jsonl) or one file (eval/gold/events/GUIDELINES.md).
    #[arg(long, default_value = "eval/gold/events")]
    gold: std::path::PathBuf,
    /// NAEB articles.json holding the NAEB texts.
    #[arg(long, default_value = "../shared/data/extraction/naeb/articles.json")]
    naeb: std::path::PathBuf,
    /// PolNeAR directory holding <split>/text/<article>.txt.
    #[arg(long, default_value = "../shared/data/quotes/polnear")]
    polnear: std::path::PathBuf,
    /// Print each paragraph whose triples differ from the gold: gold and predicted events
    /// aligned by trigger, each error classified, with its sentence; then the error classes.
    #[arg(long, alias = "errors")]
    verbose: bool,
    /// Exit non-zero below the targets: type F1 0.75, triple F1 0.60.
    #[arg(long)]
    check: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Jsonl,
    Text,
}

fn main() -> ExitCode {
    // Output piped into `head` or `less` that closes early should end the program quietly,
    // as it does for other Unix tools, not panic on the next print.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
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
        Command::Bench(args) => newsgraph::bench::main(args),
        Command::BenchIngest(args) => newsgraph::bench_ingest::main(args),
        Command::Ingest(a) => newsgraph::store_cmd::ingest(a),
        Command::Quotes(a) => newsgraph::store_cmd::quotes(a),
        Command::Actors(a) => newsgraph::store_cmd::actors(a),
        Command::Article(a) => newsgraph::store_cmd::article(a),
        Command::Serve(a) => newsgraph::store_cmd::serve(a),
        Command::Watch(a) => newsgraph::watch_cmd::watch(a),
        Command::BenchExtract(args) => {
            print!("{}", newsgraph::extract_eval::bench_extract(&args)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what: EvalCommand::Extract(args),
        } => {
            print!("{}", newsgraph::extract_eval::eval_extract(&args)?.0);
            Ok(ExitCode::SUCCESS)
        }
        Command::Train { what } => {
            newsgraph_tagger::run::train(&what)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what: EvalCommand::Pos(args),
        } => {
            print!("{}", newsgraph_tagger::run::eval_pos(&args)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what: EvalCommand::Ner(args),
        } => {
            print!("{}", newsgraph_tagger::run::eval_ner(&args)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what: EvalCommand::Events(a),
        } => {
            let (report, s) =
                newsgraph::eval_events::eval_events(&a.gold, &a.naeb, &a.polnear, a.verbose)?;
            print!("{report}");
            if a.check && (s.types.f1() < 0.75 || s.triples.f1() < 0.60) {
                eprintln!(
                    "newsgraph: event figures are below the targets (type F1 0.75, triple F1 0.60)"
                );
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what:
                EvalCommand::Quotes {
                    gold,
                    naeb,
                    polnear,
                    verbose,
                    check,
                },
        } => {
            use newsgraph::eval::{eval_quotes, load_naeb_gold, load_polnear, PolnearSet};
            if let Some(split) = polnear {
                for (set, label) in [
                    (PolnearSet::Speech, "speech attributions"),
                    (PolnearSet::All, "all attributions"),
                ] {
                    let g = load_polnear(&split, set, newsgraph_quotes::SPEECH_VERBS)?;
                    let (report, _) = eval_quotes(
                        &g,
                        &format!("PolNeAR {}, {label}", split.display()),
                        verbose,
                    )?;
                    println!("{report}");
                }
                return Ok(ExitCode::SUCCESS);
            }
            let g = load_naeb_gold(&gold, &naeb)?;
            let (report, s) = eval_quotes(&g, &gold.display().to_string(), verbose)?;
            print!("{report}");
            let (direct, indirect) = (&s[0], &s[1]);
            let ok = direct.overlap.f1() >= 0.95
                && direct.speaker_accuracy() >= 0.90
                && indirect.overlap.f1() >= 0.75;
            if check && !ok {
                eprintln!("newsgraph: quotation figures are below the targets (direct F1 0.95, speaker 0.90, indirect F1 0.75)");
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
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
    // One pretty JSON object when a single article is read; JSON Lines otherwise.
    let single = inputs.len() == 1
        && newsgraph::inputs::kind_of(&inputs[0]) == newsgraph::inputs::Kind::Single;
    let prepare = |doc: &mut newsgraph_core::Document| {
        if date.is_some() {
            // The command line's date wins; otherwise keep the one the page gave.
            doc.meta.date = date.clone();
        }
    };
    let counts = newsgraph::inputs::process(&inputs, limits, &pipeline, &prepare, &mut |item| {
        let doc = match item {
            Ok(d) => d,
            Err(e) if e.kind == newsgraph_core::ErrorKind::Unsupported => {
                eprintln!("newsgraph: note: {e}");
                return Ok(());
            }
            Err(e) => {
                eprintln!("newsgraph: {e}");
                return Ok(());
            }
        };
        match format {
            Format::Json if single => {
                serde_json::to_writer_pretty(&mut out, &newsgraph_core::json::view(doc))?;
                writeln!(out)?;
            }
            Format::Json | Format::Jsonl => {
                writeln!(out, "{}", newsgraph_core::json::to_json_line(doc))?
            }
            Format::Text => writeln!(out, "{}", newsgraph::text::render(doc))?,
        }
        Ok(())
    })?;
    out.flush()?;
    if counts.failed > 0 {
        eprintln!(
            "newsgraph: {} of {} input(s) could not be read (counting JSON Lines lines and WARC records as inputs)",
            counts.failed,
            counts.failed + counts.documents
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
