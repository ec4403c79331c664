//! Expanding the command line's inputs (files, directories, `-`) into documents.

use newsgraph_core::{Document, Error, ErrorKind};
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

/// Extensions read from directories: plain text and HTML pages.
const READABLE: &[&str] = &["txt", "html", "htm", "xhtml"];

/// Expands arguments: `-` is stdin, a directory is walked recursively for article files
/// (`.txt`, `.html`, `.htm`, `.xhtml`)
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
