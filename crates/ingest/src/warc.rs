//! WARC archives (`.warc`, `.warc.gz` with one gzip member per record, as Common Crawl's
//! CC-NEWS writes them): every `response` record holding an HTML page becomes a document
//! with the record's `WARC-Target-URI` as URL and its `WARC-Date` as fetch time.
//!
//! Records are read one at a time from a stream (memory stays bounded by the largest
//! accepted page, whatever the archive's size). HTTP headers are parsed; chunked transfer
//! coding and gzip/deflate content coding are undone; the charset comes from the HTTP
//! `Content-Type`, then the page's `<meta>`. A bad record (truncated, not WARC, oversized,
//! broken gzip, broken chunking) is an error naming the record's byte offset in the file,
//! and reading goes on with the next record where the format allows.

use crate::html::{looks_like_html, HtmlPage, Pending};
use crate::input::Limits;
use newsgraph_core::{Document, Error, ErrorKind, Result};
use std::io::{BufRead, BufReader, Read};

/// Counts the bytes read from the inner reader.
struct Counting<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

type Raw<R> = BufReader<Counting<R>>;
type Member<R> = BufReader<flate2::bufread::GzDecoder<Raw<R>>>;

// One value per reader, replaced at each gzip member: its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Src<R: Read> {
    /// Uncompressed WARC, or between gzip members.
    Raw(Raw<R>),
    /// Inside a gzip member that starts at the given offset.
    Member(Member<R>, u64),
    Done,
}

/// One WARC record's headers and (bounded) block.
struct Record {
    offset: u64,
    headers: Vec<(String, String)>,
    block: Vec<u8>,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads documents from a WARC stream.
pub struct WarcReader<R: Read> {
    src: Src<R>,
    gz: bool,
    path: String,
    limits: Limits,
    /// Records read (for ids when a record has none).
    records: u64,
}

const MAX_HEADER: usize = 64 << 10;

impl<R: Read> WarcReader<R> {
    /// A reader; gzip is detected from the first bytes, not the file name.
    pub fn new(reader: R, path: &str, limits: Limits) -> Self {
        let mut raw = BufReader::with_capacity(
            64 << 10,
            Counting {
                inner: reader,
                count: 0,
            },
        );
        let gz = raw
            .fill_buf()
            .map(|b| b.starts_with(&[0x1f, 0x8b]))
            .unwrap_or(false);
        WarcReader {
            src: Src::Raw(raw),
            gz,
            path: path.to_string(),
            limits,
            records: 0,
        }
    }

    fn err(&self, kind: ErrorKind, offset: u64, msg: String) -> Error {
        Error::new(kind, msg).with_path(&self.path).at(offset)
    }

    /// The next record (or a record-level error), `None` at the end.
    fn next_record(&mut self) -> Option<Result<Record>> {
        loop {
            match std::mem::replace(&mut self.src, Src::Done) {
                Src::Done => return None,
                Src::Raw(mut raw) => {
                    let pos = raw.get_ref().count - raw.buffer().len() as u64;
                    if !self.gz {
                        let r = read_record(&mut raw, pos, self.limits);
                        match r {
                            Ok(None) => return None,
                            Ok(Some(rec)) => {
                                self.src = Src::Raw(raw);
                                return Some(Ok(rec));
                            }
                            Err((kind, msg, fatal)) => {
                                if !fatal {
                                    // Find the next record.
                                    resync_plain(&mut raw);
                                    self.src = Src::Raw(raw);
                                }
                                return Some(Err(self.err(kind, pos, msg)));
                            }
                        }
                    }
                    match raw.fill_buf() {
                        Ok([]) => return None,
                        Ok(b) if !b.starts_with(&[0x1f, 0x8b]) => {
                            let skipped = resync_gzip(&mut raw);
                            self.src = Src::Raw(raw);
                            return Some(Err(self.err(
                                ErrorKind::Malformed,
                                pos,
                                format!("not a gzip member ({skipped} bytes skipped to the next one); is the file a .warc.gz written one member per record?"),
                            )));
                        }
                        Ok(_) => {
                            let dec = flate2::bufread::GzDecoder::new(raw);
                            self.src = Src::Member(BufReader::with_capacity(64 << 10, dec), pos);
                        }
                        Err(e) => {
                            return Some(Err(self.err(
                                ErrorKind::Io,
                                pos,
                                format!("cannot read: {e}"),
                            )))
                        }
                    }
                }
                Src::Member(mut m, start) => match read_record(&mut m, start, self.limits) {
                    Ok(Some(rec)) => {
                        self.src = Src::Member(m, start);
                        return Some(Ok(rec));
                    }
                    Ok(None) => {
                        // End of this member: back to the raw stream for the next one.
                        self.src = Src::Raw(m.into_inner().into_inner());
                    }
                    Err((kind, msg, _)) => {
                        // The member is unusable; skip to the next gzip header.
                        let mut raw = m.into_inner().into_inner();
                        resync_gzip(&mut raw);
                        self.src = Src::Raw(raw);
                        return Some(Err(self.err(kind, start, msg)));
                    }
                },
            }
        }
    }

    fn document(&self, rec: Record) -> Result<Option<Pending>> {
        let kind = rec.header("WARC-Type").unwrap_or("").to_ascii_lowercase();
        if kind != "response" && kind != "resource" {
            return Ok(None); // warcinfo, request, metadata: nothing to read
        }
        let uri = rec
            .header("WARC-Target-URI")
            .map(|u| u.trim_matches(['<', '>']).to_string());
        let what = uri.clone().unwrap_or_else(|| "record".into());
        let at = rec.offset;
        let record_id = rec.header("WARC-Record-ID").map(|i| {
            i.trim_matches(['<', '>'])
                .trim_start_matches("urn:uuid:")
                .to_string()
        });
        let fetched = rec.header("WARC-Date").map(str::to_string);
        let (payload, ctype) = if kind == "response"
            && rec
                .header("Content-Type")
                .is_some_and(|c| c.to_ascii_lowercase().starts_with("application/http"))
        {
            let http = parse_http(&rec.block, self.limits.max_bytes)
                .map_err(|m| self.err(ErrorKind::Malformed, at, format!("{what}: {m}")))?;
            if !(200..300).contains(&http.status) {
                return Err(self.err(
                    ErrorKind::Unsupported,
                    at,
                    format!("{what}: HTTP status {}, not a page; skipped", http.status),
                ));
            }
            (http.body, http.content_type)
        } else {
            let ct = rec.header("Content-Type").map(str::to_string);
            (rec.block, ct)
        };
        let (media, charset) = split_content_type(ctype.as_deref().unwrap_or(""));
        let html_type = media == "text/html" || media == "application/xhtml+xml";
        if !html_type
            && !((media.is_empty() || media.starts_with("text/")) && looks_like_html(&payload))
        {
            return Err(self.err(
                ErrorKind::Unsupported,
                at,
                format!(
                    "{what}: not an HTML page (Content-Type {}); skipped",
                    if media.is_empty() { "missing" } else { &media }
                ),
            ));
        }
        let source = format!("{}@{at}", self.path);
        Ok(Some(Pending::Html(Box::new(HtmlPage {
            bytes: payload,
            charset,
            source: source.clone(),
            path: self.path.clone(),
            offset: at,
            context: format!("{what}: "),
            meta: newsgraph_core::Meta {
                id: record_id.unwrap_or(source),
                url: uri,
                fetched: fetched.clone(),
                ..Default::default()
            },
            date_fallback: fetched.as_deref().and_then(crate::html::parse_date),
        }))))
    }
}

impl<R: Read> WarcReader<R> {
    /// The next HTML page, still to extract (for callers that extract on other threads), or
    /// a record-level error.
    pub fn next_pending(&mut self) -> Option<Result<Pending>> {
        loop {
            let rec = match self.next_record()? {
                Ok(r) => r,
                Err(e) => return Some(Err(e)),
            };
            self.records += 1;
            match self.document(rec) {
                Ok(Some(d)) => return Some(Ok(d)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        let limits = self.limits;
        Some(self.next_pending()?.and_then(|p| p.finish(limits)))
    }
}

/// Reads one line (up to `\n`) into `buf`, at most `MAX_HEADER` bytes.
fn read_line(r: &mut dyn BufRead, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    buf.clear();
    r.take(MAX_HEADER as u64).read_until(b'\n', buf)
}

/// `Err((kind, message, fatal))`: fatal when nothing after it can be read.
type RecResult = std::result::Result<Option<Record>, (ErrorKind, String, bool)>;

fn read_record(r: &mut dyn BufRead, offset: u64, limits: Limits) -> RecResult {
    let io = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            (
                ErrorKind::Malformed,
                "truncated record: the file ends inside it".to_string(),
                true,
            )
        } else {
            (
                ErrorKind::Malformed,
                format!("cannot read the record: {e}"),
                true,
            )
        }
    };
    let mut line = Vec::new();
    // Skip blank lines between records.
    loop {
        if read_line(r, &mut line).map_err(io)? == 0 {
            return Ok(None);
        }
        if !line.trim_ascii().is_empty() {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        return Err((
            ErrorKind::Malformed,
            "not a WARC record: expected a `WARC/1.x` line".into(),
            false,
        ));
    }
    let mut headers = Vec::new();
    let mut total = 0;
    loop {
        let n = read_line(r, &mut line).map_err(io)?;
        if n == 0 {
            return Err((
                ErrorKind::Malformed,
                "truncated record: the file ends in its headers".into(),
                true,
            ));
        }
        total += n;
        if total > MAX_HEADER {
            return Err((
                ErrorKind::Malformed,
                "record headers longer than 64 KiB".into(),
                false,
            ));
        }
        let l = String::from_utf8_lossy(line.trim_ascii_end());
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let len: u64 = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.parse().ok())
        .ok_or((
            ErrorKind::Malformed,
            "record without a valid Content-Length".to_string(),
            false,
        ))?;
    // A page plus its HTTP headers; larger blocks are skipped without being held.
    let cap = limits.max_bytes as u64 + (1 << 20);
    if len > cap {
        let skipped = std::io::copy(&mut r.take(len), &mut std::io::sink()).map_err(io)?;
        if skipped < len {
            return Err((
                ErrorKind::Malformed,
                format!("truncated record: {skipped} of {len} bytes"),
                true,
            ));
        }
        skip_record_end(r);
        return Err((
            ErrorKind::TooLarge,
            format!("record of {len} bytes, above the limit of {cap} bytes for one page; skipped (raise --max-bytes to read it)"),
            false,
        ));
    }
    let mut block = Vec::with_capacity(len as usize);
    let got = r.take(len).read_to_end(&mut block).map_err(io)?;
    if (got as u64) < len {
        return Err((
            ErrorKind::Malformed,
            format!("truncated record: {got} of {len} bytes of content; the file ends inside it"),
            true,
        ));
    }
    skip_record_end(r);
    Ok(Some(Record {
        offset,
        headers,
        block,
    }))
}

/// Consumes the `\r\n\r\n` after a record block.
fn skip_record_end(r: &mut dyn BufRead) {
    for _ in 0..4 {
        match r.fill_buf() {
            Ok([b'\r' | b'\n', ..]) => r.consume(1),
            _ => break,
        }
    }
}

/// Skips to the next line starting with `WARC/` (uncompressed archives).
fn resync_plain(r: &mut dyn BufRead) {
    loop {
        match r.fill_buf() {
            Ok(b) if b.starts_with(b"WARC/") => return,
            Ok([]) | Err(_) => return,
            Ok(b) => {
                let n = memchr::memchr(b'\n', b).map_or(b.len(), |i| i + 1);
                r.consume(n);
            }
        }
    }
}

/// Skips to the next gzip header (`1f 8b 08`); returns the bytes skipped.
fn resync_gzip<R: Read>(r: &mut Raw<R>) -> u64 {
    let mut skipped = 0u64;
    let mut first = true;
    loop {
        let b = match r.fill_buf() {
            Ok([]) | Err(_) => return skipped,
            Ok(b) => b,
        };
        let start = usize::from(first);
        first = false;
        match memchr::memmem::find(&b[start.min(b.len())..], &[0x1f, 0x8b, 0x08]) {
            Some(i) => {
                r.consume(start + i);
                return skipped + (start + i) as u64;
            }
            None => {
                // Keep two bytes in case the magic straddles the buffer end.
                let n = b.len().saturating_sub(2).max(1);
                r.consume(n);
                skipped += n as u64;
            }
        }
    }
}

struct Http {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

fn parse_http(block: &[u8], max_bytes: usize) -> std::result::Result<Http, String> {
    let end = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or("HTTP response without the blank line that ends its headers")?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            format!(
                "bad HTTP status line {:?}",
                status_line.chars().take(60).collect::<String>()
            )
        })?;
    let mut content_type = None;
    let mut chunked = false;
    let mut encoding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
            match k.as_str() {
                "content-type" => content_type = Some(v.to_string()),
                "transfer-encoding" => chunked |= v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => encoding = v.to_ascii_lowercase(),
                _ => {}
            }
        }
    }
    let raw = &block[end.1..];
    let dechunked;
    let body: &[u8] = if chunked {
        dechunked = dechunk(raw)?;
        &dechunked
    } else {
        raw
    };
    let limit = max_bytes as u64 + 1;
    let mut out = Vec::new();
    let decoded = match encoding.as_str() {
        // Archives often hold the decoded body with the original header: trust the bytes.
        "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
            flate2::read::MultiGzDecoder::new(body)
                .take(limit)
                .read_to_end(&mut out)
                .map(|_| true)
        }
        "deflate" => {
            let z = flate2::read::ZlibDecoder::new(body)
                .take(limit)
                .read_to_end(&mut out);
            if z.is_err() {
                out.clear();
                flate2::read::DeflateDecoder::new(body)
                    .take(limit)
                    .read_to_end(&mut out)
                    .map(|_| true)
            } else {
                z.map(|_| true)
            }
        }
        "br" | "zstd" => return Err(format!("content coding {encoding} is not supported")),
        _ => Ok(false),
    }
    .map_err(|e| format!("broken {encoding} content coding: {e}"))?;
    if decoded && out.len() as u64 >= limit {
        return Err(format!(
            "decompressed page above the limit of {max_bytes} bytes"
        ));
    }
    Ok(Http {
        status,
        content_type,
        body: if decoded { out } else { body.to_vec() },
    })
}

fn dechunk(mut b: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let nl = memchr::memchr(b'\n', b).ok_or("chunked body: a chunk size line is cut off")?;
        let size_line = String::from_utf8_lossy(&b[..nl]);
        let hex = size_line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(hex, 16)
            .map_err(|_| format!("chunked body: bad chunk size {hex:?}"))?;
        b = &b[nl + 1..];
        if size == 0 {
            return Ok(out);
        }
        if size > b.len() {
            // A truncated last chunk: keep what there is.
            out.extend_from_slice(b);
            return Ok(out);
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size..];
        b = b
            .strip_prefix(b"\r\n")
            .or_else(|| b.strip_prefix(b"\n"))
            .unwrap_or(b);
        if b.is_empty() {
            return Ok(out);
        }
    }
}

/// `text/html; charset=ISO-8859-1` -> (`text/html`, `Some("ISO-8859-1")`).
fn split_content_type(ct: &str) -> (String, Option<String>) {
    let mut parts = ct.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    });
    (media, charset)
}

#[cfg(test)]
mod tests;
