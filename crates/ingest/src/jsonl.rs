//! JSON Lines input: one article per line, `{"text": ...}` or `{"html": ...}` with optional
//! `id`, `url`, `date`, `title`. A bad line is an error naming the file, the line number and
//! its byte offset; the lines after it are still read.

use crate::html::{parse_date, HtmlPage, Pending};
use crate::input::{text_document, Limits};
use newsgraph_core::{Document, Error, ErrorKind, Result};
use serde::Deserialize;
use std::io::BufRead;

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// Reads articles from JSON Lines, one document (or error) per non-blank line.
pub struct JsonlReader<R> {
    reader: R,
    path: String,
    limits: Limits,
    line: u64,
    offset: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader over `reader`; `path` names the input in errors and sources.
    pub fn new(reader: R, path: &str, limits: Limits) -> Self {
        JsonlReader {
            reader,
            path: path.to_string(),
            limits,
            line: 0,
            offset: 0,
            buf: Vec::new(),
        }
    }

    fn parse(&self, bytes: &[u8], line: u64, at: u64) -> Result<Pending> {
        let fail = |kind, msg: String| {
            Error::new(kind, format!("line {line}: {msg}"))
                .with_path(&self.path)
                .at(at)
        };
        let l: Line = serde_json::from_slice(bytes).map_err(|e| {
            let what = e.to_string();
            let what = what.split(" at line ").next().unwrap_or(&what).to_string();
            fail(
                ErrorKind::Malformed,
                format!(
                    "not a JSON object with `text` or `html` ({what}, at column {}); each line must be one article",
                    e.column()
                ),
            )
        })?;
        let source = format!("{}:{line}", self.path);
        let mut meta = newsgraph_core::Meta {
            id: match l.id {
                Some(serde_json::Value::String(s)) => s,
                Some(v @ serde_json::Value::Number(_)) => v.to_string(),
                _ => format!("{}:{line}", file_name(&self.path)),
            },
            source: source.clone(),
            url: l.url.filter(|u| !u.is_empty()),
            date: l
                .date
                .filter(|d| !d.is_empty())
                .map(|d| parse_date(&d).unwrap_or(d)),
            title: l.title.filter(|t| !t.is_empty()),
            ..Default::default()
        };
        match (l.html, l.text) {
            (Some(h), _) if !h.trim().is_empty() => Ok(Pending::Html(Box::new(HtmlPage {
                bytes: h.into_bytes(),
                charset: Some("utf-8".into()),
                source,
                path: self.path.clone(),
                offset: at,
                context: format!("line {line}: "),
                meta,
                date_fallback: None,
            }))),
            (_, Some(t)) => {
                let mut doc = text_document(t.into_bytes(), &source, self.limits)
                    .map_err(|e| fail(e.kind, e.message))?;
                meta.authors = std::mem::take(&mut doc.meta.authors);
                doc.meta = meta;
                Ok(Pending::Ready(doc))
            }
            _ => Err(fail(
                ErrorKind::Malformed,
                "has neither `text` nor `html`: nothing to read".into(),
            )),
        }
    }

    /// The next line as a document or a page still to extract (for callers that extract
    /// on other threads).
    pub fn next_pending(&mut self) -> Option<Result<Pending>> {
        loop {
            self.buf.clear();
            let at = self.offset;
            // One line at most max_bytes (+ JSON overhead); a longer one is refused whole.
            let cap = (self.limits.max_bytes as u64) * 2 + 4096;
            let n =
                match std::io::Read::take(&mut self.reader, cap).read_until(b'\n', &mut self.buf) {
                    Ok(0) => return None,
                    Ok(n) => n,
                    Err(e) => {
                        return Some(Err(Error::new(ErrorKind::Io, format!("cannot read: {e}"))
                            .with_path(&self.path)
                            .at(at)))
                    }
                };
            self.offset += n as u64;
            self.line += 1;
            let line = self.line;
            if !self.buf.ends_with(b"\n") && n as u64 == cap {
                // Skip the rest of the oversized line.
                let mut skipped = 0u64;
                loop {
                    let chunk = match self.reader.fill_buf() {
                        Ok(c) if !c.is_empty() => c,
                        _ => break,
                    };
                    let (used, done) = match memchr::memchr(b'\n', chunk) {
                        Some(i) => (i + 1, true),
                        None => (chunk.len(), false),
                    };
                    self.reader.consume(used);
                    skipped += used as u64;
                    if done {
                        break;
                    }
                }
                self.offset += skipped;
                return Some(Err(Error::new(
                    ErrorKind::TooLarge,
                    format!("line {line}: longer than {cap} bytes; raise --max-bytes"),
                )
                .with_path(&self.path)
                .at(at)));
            }
            let bytes = self.buf.trim_ascii();
            if bytes.is_empty() {
                continue;
            }
            let bytes = bytes.to_vec();
            return Some(self.parse(&bytes, line, at));
        }
    }
}

fn file_name(p: &str) -> &str {
    p.rsplit(['/', '\\']).next().unwrap_or(p)
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        let limits = self.limits;
        Some(self.next_pending()?.and_then(|p| p.finish(limits)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::BlockKind;

    #[test]
    fn reads_text_and_html_lines_and_reports_bad_ones() {
        let data = concat!(
            "{\"id\": \"a1\", \"text\": \"Kirby spoke.\\n\\nHe left.\", \"url\": \"https://x.org/a\", \"date\": \"2024-03-26T10:00:00Z\", \"title\": \"Kirby\"}\n",
            "\n",
            "{\"text\": \"broken\"\n",
            "{\"html\": \"<html><body><article><h1>Storm hits the coast of England</h1><p>A storm hit the coast on Thursday, officials said in a statement.</p></article></body></html>\", \"id\": 7}\n",
            "{\"url\": \"https://x.org/none\"}\n",
            "{\"text\": \"Last one.\"}",
        );
        let docs: Vec<_> =
            JsonlReader::new(data.as_bytes(), "in/arts.jsonl", Limits::default()).collect();
        assert_eq!(docs.len(), 5);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.meta.id, "a1");
        assert_eq!(a.meta.source, "in/arts.jsonl:1");
        assert_eq!(a.meta.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(a.meta.date.as_deref(), Some("2024-03-26"));
        assert_eq!(a.meta.title.as_deref(), Some("Kirby"));
        assert_eq!(a.text, "Kirby spoke.\n\nHe left.");
        let e = docs[1].as_ref().unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed);
        let msg = e.to_string();
        assert!(msg.starts_with("in/arts.jsonl (byte "), "{msg}");
        assert!(msg.contains("line 3:"), "{msg}");
        assert_eq!(
            e.offset,
            Some(data.find("{\"text\": \"broken\"").unwrap() as u64)
        );
        let h = docs[2].as_ref().unwrap();
        assert_eq!(h.meta.id, "7");
        assert_eq!(h.blocks[0].kind, BlockKind::Title);
        assert!(h.text.contains("A storm hit the coast"));
        assert!(docs[3]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("line 5: has neither"));
        assert_eq!(docs[4].as_ref().unwrap().meta.id, "arts.jsonl:6");
    }

    #[test]
    fn oversized_line_is_refused_and_reading_goes_on() {
        let limits = Limits { max_bytes: 10 };
        let long = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"ok\"}}\n",
            "x".repeat(10_000)
        );
        let docs: Vec<_> = JsonlReader::new(long.as_bytes(), "big.jsonl", limits).collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].as_ref().unwrap_err().kind, ErrorKind::TooLarge);
        assert_eq!(docs[1].as_ref().unwrap().text, "ok");
    }
}
