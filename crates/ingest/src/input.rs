//! Turning raw bytes from a file or stdin into a [`Document`], refusing what is not an
//! article: empty input, binary data, invalid UTF-8, oversized input.

use newsgraph_core::{Document, Error, ErrorKind, Result};

/// Default upper bound on one document's size: a news article is rarely above 200 KB;
/// 8 MiB leaves room for long transcripts while refusing dumps fed in by mistake.
pub const DEFAULT_MAX_BYTES: usize = 8 << 20;

/// Limits applied when reading input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest accepted document, in bytes.
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Checks raw bytes and makes a document of them. `source` names the input in errors and
/// becomes `meta.source`; `meta.id` is the file name without its directory.
pub fn text_document(bytes: Vec<u8>, source: &str, limits: Limits) -> Result<Document> {
    let fail = |kind, msg: String| Error::new(kind, msg).with_path(source);
    if bytes.len() > limits.max_bytes {
        return Err(fail(
            ErrorKind::TooLarge,
            format!(
                "input is {} bytes, above the limit of {} bytes for one article; split it or raise --max-bytes",
                bytes.len(),
                limits.max_bytes
            ),
        ));
    }
    if let Some(pos) = memchr_nul(&bytes) {
        return Err(fail(
            ErrorKind::Binary,
            "input holds a NUL byte: this looks like a binary file, not an article".into(),
        )
        .at(pos as u64));
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return Err(fail(
                ErrorKind::Utf8,
                "input is not valid UTF-8; convert it first (for example with iconv -f latin1 -t utf-8)".into(),
            )
            .at(at as u64));
        }
    };
    if text.starts_with('\u{feff}') {
        // A byte-order mark is not part of the article; dropping it keeps offsets aligned
        // with what an editor shows.
        text.drain(..3);
    }
    if text.trim().is_empty() {
        return Err(fail(
            ErrorKind::Empty,
            "input is empty: there is no article to read".into(),
        ));
    }
    let mut doc = Document::new(text);
    doc.meta.source = source.to_string();
    doc.meta.id = std::path::Path::new(source)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.to_string());
    Ok(doc)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bad_input_with_the_source_named() {
        let l = Limits::default();
        let e = text_document(Vec::new(), "a.txt", l).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Empty);
        assert!(e.to_string().starts_with("a.txt: "));
        let e = text_document(b"ab\0cd".to_vec(), "b.bin", l).unwrap_err();
        assert_eq!((e.kind, e.offset), (ErrorKind::Binary, Some(2)));
        let e = text_document(b"caf\xe9 au lait".to_vec(), "c.txt", l).unwrap_err();
        assert_eq!((e.kind, e.offset), (ErrorKind::Utf8, Some(3)));
        let e = text_document(vec![b'a'; 100], "d.txt", Limits { max_bytes: 10 }).unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooLarge);
        let d = text_document("\u{feff}Hello.".as_bytes().to_vec(), "dir/e.txt", l).unwrap();
        assert_eq!((d.text.as_str(), d.meta.id.as_str()), ("Hello.", "e.txt"));
    }
}
