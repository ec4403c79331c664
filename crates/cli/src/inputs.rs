//! Expanding the command line's inputs (files, directories, `-`) into documents: plain text,
//! HTML pages, JSON Lines (one article per line) and WARC archives (one document per HTML
//! response record), and processing them in parallel with results in input order.

use newsgraph_core::{Document, Error, ErrorKind};
use newsgraph_ingest::html::Pending;
use newsgraph_ingest::{html_document, looks_like_html, text_document, Limits};
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input named on the command line, or found in a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// How the input is named in messages and `meta.source`.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// Extensions read from directories: plain text, HTML pages, JSON Lines, WARC (`.warc.gz`
/// ends in `gz`, checked with the name).
const READABLE: &[&str] = &[
    "txt", "html", "htm", "xhtml", "jsonl", "warc", "rss", "atom",
];

/// Expands arguments: `-` is stdin, a directory is walked recursively for article files
/// (`.txt`, `.html`, `.htm`, `.xhtml`, `.jsonl`, `.warc`, `.warc.gz`, `.rss`, `.atom`)
/// (sorted, so runs are reproducible), anything else is a file. A missing path is kept as an
/// input so that reading it reports the error in order with the others.
pub fn expand(args: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    for a in args {
        if a == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let p = Path::new(a);
        if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files);
            files.sort();
            out.extend(files.into_iter().map(Input::File));
        } else {
            out.push(Input::File(p.to_path_buf()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| READABLE.iter().any(|r| x.eq_ignore_ascii_case(r)))
            || p.to_string_lossy()
                .to_ascii_lowercase()
                .ends_with(".warc.gz")
        {
            out.push(p);
        }
    }
}

/// Reads an input into an unprocessed document, checking it is a text article.
pub fn load(input: &Input, limits: Limits) -> Result<Document, Error> {
    let name = input.name();
    let bytes = match input {
        Input::Stdin => {
            let mut b = Vec::new();
            std::io::stdin()
                .lock()
                .take(limits.max_bytes as u64 + 1)
                .read_to_end(&mut b)
                .map_err(|e| io_error(e, &name))?;
            b
        }
        Input::File(p) => {
            let meta = std::fs::metadata(p).map_err(|e| io_error(e, &name))?;
            if meta.len() > limits.max_bytes as u64 {
                return Err(Error::new(
                    ErrorKind::TooLarge,
                    format!(
                        "file is {} bytes, above the limit of {} bytes for one article; split it or raise --max-bytes",
                        meta.len(),
                        limits.max_bytes
                    ),
                )
                .with_path(&name));
            }
            std::fs::read(p).map_err(|e| io_error(e, &name))?
        }
    };
    if is_html(input, &bytes) {
        return html_document(&bytes, &name, limits, None);
    }
    text_document(bytes, &name, limits)
}

/// HTML by extension (`.html`, `.htm`, `.xhtml`), or by content (`<!doctype html`, `<html`)
/// for anything but a `.txt` file.
fn is_html(input: &Input, bytes: &[u8]) -> bool {
    let ext = match input {
        Input::File(p) => p
            .extension()
            .and_then(|x| x.to_str())
            .map(str::to_ascii_lowercase),
        Input::Stdin => None,
    };
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml") => true,
        Some("txt") => false,
        _ => looks_like_html(bytes),
    }
}

fn io_error(e: std::io::Error, name: &str) -> Error {
    let msg = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file; check the path".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    };
    Error::new(ErrorKind::Io, msg).with_path(name)
}

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One article: plain text or an HTML page (sniffed).
    Single,
    /// JSON Lines, one article per line.
    Jsonl,
    /// A WARC archive, compressed or not.
    Warc,
    /// An RSS or Atom feed file, one document per item.
    Feed,
}

/// The kind of an input from its name: `.jsonl`, `.warc`, `.warc.gz`, `.rss`, `.atom`, `.xml`;
/// anything else is one article (stdin included).
pub fn kind_of(input: &Input) -> Kind {
    let Input::File(p) = input else {
        return Kind::Single;
    };
    let name = p.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".jsonl") {
        Kind::Jsonl
    } else if name.ends_with(".warc") || name.ends_with(".warc.gz") {
        Kind::Warc
    } else if name.ends_with(".rss") || name.ends_with(".atom") || name.ends_with(".xml") {
        Kind::Feed
    } else {
        Kind::Single
    }
}

/// Every document of an input, in order: one for a text or HTML file, one per line of a
/// JSON Lines file, one per HTML response of a WARC archive. Errors name the input and the
/// line or record offset; reading goes on after them where the format allows.
pub fn documents(
    input: &Input,
    limits: Limits,
) -> impl Iterator<Item = Result<Document, Error>> + Send {
    pending(input, limits).map(move |p| p.and_then(|p| p.finish(limits)))
}

/// Like [`documents`], but HTML pages from archives and JSON Lines come unextracted, so that
/// [`process`] extracts them on all cores.
pub fn pending(
    input: &Input,
    limits: Limits,
) -> Box<dyn Iterator<Item = Result<Pending, Error>> + Send> {
    let name = input.name();
    let kind = kind_of(input);
    if kind == Kind::Single {
        return Box::new(std::iter::once(load(input, limits).map(Pending::Ready)));
    }
    let Input::File(p) = input else {
        unreachable!("stdin is a single article")
    };
    if kind == Kind::Feed {
        // Feed files are small: read whole, one page per item.
        return match std::fs::read(p) {
            Ok(b) if b.len() as u64 > 4 * limits.max_bytes as u64 => {
                Box::new(std::iter::once(Err(Error::new(
                    ErrorKind::TooLarge,
                    format!(
                        "feed is {} bytes, above 4 x --max-bytes; split it or raise --max-bytes",
                        b.len()
                    ),
                )
                .with_path(&name))))
            }
            Ok(b) => Box::new(newsgraph_ingest::feed::feed_pages(&b, &name).into_iter()),
            Err(e) => Box::new(std::iter::once(Err(io_error(e, &name)))),
        };
    }
    let file = match std::fs::File::open(p) {
        Ok(f) => f,
        Err(e) => return Box::new(std::iter::once(Err(io_error(e, &name)))),
    };
    match kind {
        Kind::Jsonl => {
            let mut r = newsgraph_ingest::jsonl::JsonlReader::new(
                std::io::BufReader::with_capacity(1 << 16, file),
                &name,
                limits,
            );
            Box::new(std::iter::from_fn(move || r.next_pending()))
        }
        _ => {
            let mut r = newsgraph_ingest::warc::WarcReader::new(file, &name, limits);
            Box::new(std::iter::from_fn(move || r.next_pending()))
        }
    }
}

/// What [`process`] did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Documents read and processed.
    pub documents: usize,
    /// Inputs, lines or records that failed.
    pub failed: usize,
    /// Records skipped as not articles (WARC images, redirects).
    pub skipped: usize,
}

/// Reads all inputs, runs `pipeline` (after `prepare`) on the documents in parallel batches
/// on all cores, and gives each result to `emit` in input order: documents as they are
/// processed, errors where they occurred. A progress bar (documents/s, MB/s, errors) is drawn
/// on stderr when it is a terminal.
pub fn process(
    inputs: &[Input],
    limits: Limits,
    pipeline: &newsgraph_core::Pipeline,
    prepare: &(dyn Fn(&mut Document) + Sync),
    emit: &mut dyn FnMut(Result<&Document, &Error>) -> anyhow::Result<()>,
) -> anyhow::Result<Counts> {
    use rayon::prelude::*;
    use std::io::IsTerminal;
    // Large enough to keep every core busy, small enough to bound memory (a batch holds at
    // most BATCH documents of at most max_bytes each).
    const BATCH: usize = 64;
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} docs, {per_sec}, {msg} [{elapsed}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b
    });
    let started = std::time::Instant::now();
    let mut bytes = 0usize;
    let mut counts = Counts::default();
    let mut batch: Vec<Result<Pending, Error>> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Result<Pending, Error>>,
                     counts: &mut Counts,
                     bytes: &mut usize|
     -> anyhow::Result<()> {
        // Extraction and the stages run on all cores; results keep the input order.
        let done: Vec<Result<Document, Error>> = batch
            .par_drain(..)
            .map(|item| {
                let mut doc = item?.finish(limits)?;
                prepare(&mut doc);
                pipeline.run(&mut doc);
                Ok(doc)
            })
            .collect();
        for item in done {
            match &item {
                Ok(doc) => {
                    counts.documents += 1;
                    *bytes += doc.text.len();
                }
                Err(e) if e.kind == ErrorKind::Unsupported => counts.skipped += 1,
                Err(_) => counts.failed += 1,
            }
            emit(item.as_ref())?;
        }
        if let Some(b) = &bar {
            b.set_position(counts.documents as u64);
            let secs = started.elapsed().as_secs_f64().max(1e-3);
            b.set_message(format!(
                "{:.1} MB/s, {} errors, {} skipped",
                *bytes as f64 / secs / 1e6,
                counts.failed,
                counts.skipped
            ));
        }
        Ok(())
    };
    // Memory stays bounded by the batch: BATCH items or BATCH_BYTES of input, whichever
    // comes first (a WARC of 20 MB pages does not hold 64 of them).
    const BATCH_BYTES: usize = 64 << 20;
    let mut batch_bytes = 0usize;
    for input in inputs {
        for item in pending(input, limits) {
            batch_bytes += match &item {
                Ok(Pending::Html(p)) => p.bytes.len(),
                Ok(Pending::Ready(d)) => d.text.len(),
                Err(_) => 0,
            };
            batch.push(item);
            if batch.len() == BATCH || batch_bytes >= BATCH_BYTES {
                flush(&mut batch, &mut counts, &mut bytes)?;
                batch_bytes = 0;
            }
        }
    }
    flush(&mut batch, &mut counts, &mut bytes)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(counts)
}
