//! The `newsgraph train pos|ner` and `newsgraph eval pos|ner` commands.

use crate::corpus;
use crate::ner::{Gazetteer, NerConfig, NerModel};
use crate::pos::{PosConfig, PosModel};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// An error of a command, with its explanation.
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<crate::ModelError> for Error {
    fn from(e: crate::ModelError) -> Self {
        Error(e.to_string())
    }
}

/// `newsgraph train ...`
#[derive(clap::Subcommand, Debug)]
pub enum TrainCommand {
    /// Train the part-of-speech tagger on CoNLL-U (UD English-EWT train split).
    Pos(TrainPosArgs),
    /// Train the named-entity tagger on CoNLL-2003 format (eng.train).
    Ner(TrainNerArgs),
    /// Learn word classes from raw text (features of both taggers).
    Clusters(TrainClustersArgs),
}

/// Options of `train clusters`.
#[derive(clap::Args, Debug)]
pub struct TrainClustersArgs {
    /// Tokenised text: CoNLL-U files (`.gz` allowed; word column), repeatable.
    #[arg(long, default_values = [
        "../shared/data/corpora/ud-english-ewt/en_ewt-ud-train.conllu",
        "../shared/data/corpora/gum/gum-train.conllu.gz",
    ])]
    pub conllu: Vec<PathBuf>,
    /// Keep only these genres of GUM files (as `train pos`).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "academic,bio,court,interview,news,voyage"
    )]
    pub genres: Vec<String>,
    /// Raw text: JSON objects of articles with an `articleBody` (NAEB), repeatable.
    #[arg(long, default_values = ["../shared/data/extraction/naeb/articles.json"])]
    pub articles: Vec<PathBuf>,
    /// Tokenised text: CoNLL-2003 files (word column), repeatable.
    #[arg(long)]
    pub conll2003: Vec<PathBuf>,
    /// Raw text files (one paragraph a line), repeatable.
    #[arg(long)]
    pub text: Vec<PathBuf>,
    /// Where to write the classes (TSV).
    #[arg(long, default_value = "crates/tagger/models/clusters.tsv")]
    pub out: PathBuf,
    /// Words seen fewer times get no class.
    #[arg(long, default_value_t = 2)]
    pub min_count: usize,
    /// Number of coarse classes.
    #[arg(long, default_value_t = 64)]
    pub coarse: usize,
    /// Number of fine classes.
    #[arg(long, default_value_t = 256)]
    pub fine: usize,
    /// Exchange iterations.
    #[arg(long, default_value_t = 8)]
    pub iterations: usize,
}

/// Options of `train pos`.
#[derive(clap::Args, Debug)]
pub struct TrainPosArgs {
    /// Training file (CoNLL-U).
    #[arg(
        long,
        default_value = "../shared/data/corpora/ud-english-ewt/en_ewt-ud-train.conllu"
    )]
    pub train: PathBuf,
    /// More training data (CoNLL-U, `.gz` allowed), e.g. GUM's train split; repeatable.
    #[arg(long)]
    pub extra: Vec<PathBuf>,
    /// Keep only these genres of the --extra files (documents whose `# newdoc id`
    /// contains `_GENRE_`), comma-separated; empty keeps all.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "academic,bio,court,interview,news,voyage"
    )]
    pub extra_genres: Vec<String>,
    /// Development file (CoNLL-U), scored after each epoch.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "crates/tagger/models/pos.ngt")]
    pub out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = PosConfig::default().epochs)]
    pub epochs: usize,
    /// Shuffling seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// log2 of the weight table's rows.
    #[arg(long, default_value_t = PosConfig::default().bits)]
    pub bits: u8,
    /// Use only the first N sentences (0: all), for quick experiments.
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// Train one left-to-right pass only (faster tagging, lower accuracy).
    #[arg(long)]
    pub one_pass: bool,
    /// Average this many perceptrons trained on different shuffles into each table
    /// (same model size and tagging speed, training takes this many times longer).
    #[arg(long, default_value_t = PosConfig::default().ensemble)]
    pub ensemble: usize,
    /// Word classes (`train clusters`); copied into the model. A missing file means none.
    #[arg(long, default_value = "crates/tagger/models/clusters.tsv")]
    pub clusters: PathBuf,
    /// WordNet 3.0 database folder (`data.noun`, `noun.exc`, ...: Debian `wordnet-base`):
    /// the parts of speech it lists for a word are features, copied into the model.
    #[arg(long, default_value = "/usr/share/wordnet")]
    pub wordnet: PathBuf,
    /// Spelling dictionary, one word per line (Debian `wamerican`): whether it lists a
    /// word in lower case or capitalised is a feature, copied into the model.
    #[arg(long, default_value = "/usr/share/dict/american-english")]
    pub words: PathBuf,
    /// Train without the WordNet and dictionary word lists.
    #[arg(long)]
    pub no_word_lists: bool,
    /// The ambiguity classes of training tokens come from the other folds of this many
    /// (jackknifed); 1: from all the training data.
    #[arg(long, default_value_t = PosConfig::default().lex_folds)]
    pub lex_folds: usize,
}

/// Options of `train ner`.
#[derive(clap::Args, Debug)]
pub struct TrainNerArgs {
    /// Training file (CoNLL-2003: `word POS chunk NER`, IOB tags).
    #[arg(long, default_value = "../shared/data/corpora/conll2003-en/eng.train")]
    pub train: PathBuf,
    /// Development file, scored after each epoch.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "crates/tagger/models/ner.ngt")]
    pub out: PathBuf,
    /// Part-of-speech model whose tags are features (default: the embedded one).
    #[arg(long)]
    pub pos: Option<PathBuf>,
    /// Directory of word lists (countries.tsv, places.tsv, organizations.tsv,
    /// first_names.tsv); they are copied into the model.
    #[arg(long, default_value = "crates/actors/data")]
    pub gazetteers: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = NerConfig::default().epochs)]
    pub epochs: usize,
    /// Shuffling seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// log2 of the weight table's rows.
    #[arg(long, default_value_t = 19)]
    pub bits: u8,
    /// Use only the first N documents (0: all), for quick experiments.
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// Train the first stage only (the second stage sees the first stage's labels over the
    /// whole document: +0.4 F1 on eng.testa, about 20% more tagging instructions).
    #[arg(long)]
    pub one_stage: bool,
    /// Average this many perceptrons trained on different shuffles into each table
    /// (same model size and tagging speed, training takes this many times longer).
    #[arg(long, default_value_t = NerConfig::default().ensemble)]
    pub ensemble: usize,
    /// Word classes for the entity tagger (`train clusters`), copied into the model; when
    /// the file is missing, the part-of-speech model's classes are used.
    #[arg(long, default_value = "crates/tagger/models/clusters-ner.tsv")]
    pub clusters: PathBuf,
}

/// Options of `eval pos`.
#[derive(clap::Args, Debug)]
pub struct EvalPosArgs {
    /// Gold file (CoNLL-U).
    #[arg(
        long,
        default_value = "../shared/data/corpora/ud-english-ewt/en_ewt-ud-dev.conllu"
    )]
    pub gold: PathBuf,
    /// Model file (default: the embedded one).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Options of `eval ner`.
#[derive(clap::Args, Debug)]
pub struct EvalNerArgs {
    /// Gold file (CoNLL-2003 format).
    #[arg(long, default_value = "../shared/data/corpora/conll2003-en/eng.testa")]
    pub gold: PathBuf,
    /// Model file (default: the embedded one).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Part-of-speech model (default: the embedded one).
    #[arg(long)]
    pub pos: Option<PathBuf>,
}

fn read(path: &Path) -> Result<String, Error> {
    if path.extension().is_some_and(|e| e == "gz") {
        use std::io::Read;
        let f = std::fs::File::open(path)
            .map_err(|e| Error(format!("cannot read {}: {e}", path.display())))?;
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(f)
            .read_to_string(&mut s)
            .map_err(|e| Error(format!("cannot decompress {}: {e}", path.display())))?;
        return Ok(s);
    }
    corpus::read_file(path).map_err(Error)
}

/// Keeps the documents of a CoNLL-U text whose `# newdoc id` contains `_GENRE_`.
fn filter_genres(text: &str, genres: &[String]) -> String {
    if genres.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut keep = false;
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            keep = genres.iter().any(|g| id.contains(&format!("_{g}_")));
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Loads a part-of-speech model file, or the embedded one.
pub fn load_pos(path: Option<&Path>) -> Result<PosModel, Error> {
    match path {
        None => Ok(crate::embedded_pos()?.clone()),
        Some(p) => {
            let b = std::fs::read(p)
                .map_err(|e| Error(format!("cannot read model file {}: {e}", p.display())))?;
            Ok(PosModel::from_bytes(&b, &p.display().to_string())?)
        }
    }
}

/// Loads a named-entity model file, or the embedded one.
pub fn load_ner(path: Option<&Path>) -> Result<NerModel, Error> {
    match path {
        None => Ok(crate::embedded_ner()?.clone()),
        Some(p) => {
            let b = std::fs::read(p)
                .map_err(|e| Error(format!("cannot read model file {}: {e}", p.display())))?;
            Ok(NerModel::from_bytes(&b, &p.display().to_string())?)
        }
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::write(path, bytes)
        .map_err(|e| Error(format!("cannot write model file {}: {e}", path.display())))
}

/// Runs `train pos|ner`.
pub fn train(cmd: &TrainCommand) -> Result<(), Error> {
    match cmd {
        TrainCommand::Pos(a) => {
            let t0 = Instant::now();
            let mut train = corpus::read_conllu(&read(&a.train)?, &a.train.display().to_string())
                .map_err(Error)?;
            for x in &a.extra {
                let text = filter_genres(&read(x)?, &a.extra_genres);
                let more = corpus::read_conllu(&text, &x.display().to_string()).map_err(Error)?;
                eprintln!("{}: {} sentences kept", x.display(), more.len());
                train.extend(more);
            }
            let dev = match &a.dev {
                Some(d) => {
                    Some(corpus::read_conllu(&read(d)?, &d.display().to_string()).map_err(Error)?)
                }
                None => None,
            };
            let cfg = PosConfig {
                epochs: a.epochs,
                seed: a.seed,
                bits: a.bits,
                limit: a.limit,
                progress: true,
                two_pass: !a.one_pass,
                ensemble: a.ensemble,
                lex_folds: a.lex_folds,
                words: if a.no_word_lists {
                    Vec::new()
                } else {
                    let w = crate::wordlist::read(&a.wordnet, &a.words).map_err(|e| {
                        Error(format!(
                            "word lists: {e} (Debian: apt-get install wordnet-base wamerican; \
                             or --no-word-lists)"
                        ))
                    })?;
                    eprintln!(
                        "word lists: {} forms from {} and {}",
                        w.len(),
                        a.wordnet.display(),
                        a.words.display()
                    );
                    w
                },
                clusters: if a.clusters.exists() {
                    let name = a.clusters.display().to_string();
                    crate::clusters::Clusters::from_tsv(&read(&a.clusters)?, &name)
                        .map_err(Error)?
                } else {
                    eprintln!(
                        "warning: no word classes ({} is missing)",
                        a.clusters.display()
                    );
                    Default::default()
                },
            };
            let model = PosModel::train(&train, dev.as_deref(), &cfg).map_err(Error)?;
            let bytes = model.to_bytes();
            write(&a.out, &bytes)?;
            eprintln!(
                "wrote {} ({} bytes, {}) in {:.1} s",
                a.out.display(),
                bytes.len(),
                model.meta,
                t0.elapsed().as_secs_f64()
            );
            Ok(())
        }
        TrainCommand::Clusters(a) => {
            let t0 = Instant::now();
            let mut sents: Vec<Vec<String>> = Vec::new();
            for f in &a.conllu {
                let mut text = read(f)?;
                if text.contains("# newdoc id = GUM_") {
                    text = filter_genres(&text, &a.genres);
                }
                let s = corpus::read_conllu(&text, &f.display().to_string()).map_err(Error)?;
                eprintln!("{}: {} sentences", f.display(), s.len());
                sents.extend(s.into_iter().map(|s| s.words));
            }
            for f in &a.articles {
                let v: serde_json::Value = serde_json::from_str(&read(f)?)
                    .map_err(|e| Error(format!("{}: {e}", f.display())))?;
                let mut n = 0;
                let mut keys: Vec<_> = v.as_object().into_iter().flatten().collect();
                keys.sort_by(|a, b| a.0.cmp(b.0));
                for (_, art) in keys {
                    if let Some(body) = art.get("articleBody").and_then(|b| b.as_str()) {
                        for para in body.lines().filter(|l| !l.trim().is_empty()) {
                            sents.push(crate::clusters::tokenize(para));
                        }
                        n += 1;
                    }
                }
                eprintln!("{}: {n} articles", f.display());
            }
            for f in &a.conll2003 {
                let docs =
                    corpus::read_conll2003(&read(f)?, &f.display().to_string()).map_err(Error)?;
                let before = sents.len();
                sents.extend(docs.into_iter().flat_map(|d| d.sentences));
                eprintln!("{}: {} sentences", f.display(), sents.len() - before);
            }
            for f in &a.text {
                for para in read(f)?.lines().filter(|l| !l.trim().is_empty()) {
                    sents.push(crate::clusters::tokenize(para));
                }
            }
            let ntok: usize = sents.iter().map(Vec::len).sum();
            let c = crate::clusters::Clusters::learn(
                &sents,
                a.min_count,
                a.coarse,
                a.fine,
                a.iterations,
                true,
            );
            write(&a.out, c.to_tsv().as_bytes())?;
            eprintln!(
                "wrote {} ({} words from {ntok} tokens) in {:.1} s",
                a.out.display(),
                c.len(),
                t0.elapsed().as_secs_f64()
            );
            Ok(())
        }
        TrainCommand::Ner(a) => {
            let t0 = Instant::now();
            let pos = load_pos(a.pos.as_deref())?;
            let train = corpus::read_conll2003(&read(&a.train)?, &a.train.display().to_string())
                .map_err(Error)?;
            let dev = match &a.dev {
                Some(d) => Some(
                    corpus::read_conll2003(&read(d)?, &d.display().to_string()).map_err(Error)?,
                ),
                None => None,
            };
            let gaz = Gazetteer::read_dir(&a.gazetteers);
            if gaz.is_empty() {
                eprintln!(
                    "warning: no gazetteer entries found in {}",
                    a.gazetteers.display()
                );
            }
            let cfg = NerConfig {
                epochs: a.epochs,
                seed: a.seed,
                bits: a.bits,
                limit: a.limit,
                progress: true,
                two_stage: !a.one_stage,
                ensemble: a.ensemble,
                clusters: if a.clusters.exists() {
                    let name = a.clusters.display().to_string();
                    crate::clusters::Clusters::from_tsv(&read(&a.clusters)?, &name)
                        .map_err(Error)?
                } else {
                    Default::default()
                },
            };
            let model = NerModel::train(&train, dev.as_deref(), &pos, gaz, &cfg).map_err(Error)?;
            let bytes = model.to_bytes();
            write(&a.out, &bytes)?;
            eprintln!(
                "wrote {} ({} bytes, {}) in {:.1} s",
                a.out.display(),
                bytes.len(),
                model.meta,
                t0.elapsed().as_secs_f64()
            );
            Ok(())
        }
    }
}

/// Runs `eval pos`: prints UPOS / XPOS accuracy and tagging speed.
pub fn eval_pos(a: &EvalPosArgs) -> Result<String, Error> {
    let t0 = Instant::now();
    let model = load_pos(a.model.as_deref())?;
    let load = t0.elapsed();
    let gold =
        corpus::read_conllu(&read(&a.gold)?, &a.gold.display().to_string()).map_err(Error)?;
    let s = model.evaluate(&gold);
    // Speed: tag the gold words again, best of 10, tags only.
    let sents: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let mut sc = crate::pos::Scratch::default();
    let mut best = f64::MAX;
    for _ in 0..10 {
        let t = Instant::now();
        for w in &sents {
            model.prepare(w, &mut sc);
            model.tag_prepared(&mut sc);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mut conf: Vec<_> = s.confusions.iter().collect();
    conf.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let conf: Vec<String> = conf
        .iter()
        .take(8)
        .map(|((g, p), n)| format!("{g}->{p} {n}"))
        .collect();
    Ok(format!(
        "{}: {} tokens\nUPOS accuracy {:.2}%  XPOS accuracy {:.2}%  both {:.2}%\nunknown words {} ({:.1}%), UPOS accuracy on them {:.2}%\ntag dictionary (no scoring) {:.1}% of tokens\ncommonest UPOS errors (gold->predicted): {}\nmodel loaded in {:.1} ms ({})\ntagging speed {:.0} tokens/s (one thread)\n",
        a.gold.display(),
        s.tokens,
        100.0 * s.upos(),
        100.0 * s.xpos(),
        100.0 * s.both_ok as f64 / s.tokens.max(1) as f64,
        s.unknown,
        100.0 * s.unknown as f64 / s.tokens.max(1) as f64,
        100.0 * s.unknown_upos_ok as f64 / s.unknown.max(1) as f64,
        100.0 * s.dict as f64 / s.tokens.max(1) as f64,
        conf.join(", "),
        load.as_secs_f64() * 1e3,
        model.meta,
        s.tokens as f64 / best
    ))
}

/// Runs `eval ner`: prints conlleval-style scores and the speed of POS + NER tagging.
pub fn eval_ner(a: &EvalNerArgs) -> Result<String, Error> {
    let t0 = Instant::now();
    let ner = load_ner(a.model.as_deref())?;
    let pos = load_pos(a.pos.as_deref())?;
    let load = t0.elapsed();
    let gold =
        corpus::read_conll2003(&read(&a.gold)?, &a.gold.display().to_string()).map_err(Error)?;
    let s = ner.evaluate(&pos, &gold);
    let docs: Vec<Vec<Vec<&str>>> = gold
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let mut best = f64::MAX;
    for _ in 0..10 {
        let t = Instant::now();
        for d in &docs {
            std::hint::black_box(ner.tag_document(&pos, d));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    Ok(format!(
        "{}\n{}models loaded in {:.1} ms ({})\ntagging speed (part of speech + entities) {:.0} tokens/s (one thread)\n",
        a.gold.display(),
        s.report(),
        load.as_secs_f64() * 1e3,
        ner.meta,
        s.tokens as f64 / best
    ))
}
