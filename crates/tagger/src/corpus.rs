//! Readers for the training corpora: CoNLL-U (part of speech) and CoNLL-2003 (entities).

/// A sentence with gold part-of-speech tags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PosSentence {
    /// Word forms (syntactic words; multiword-token lines and empty nodes are skipped).
    pub words: Vec<String>,
    /// UPOS tags.
    pub upos: Vec<String>,
    /// XPOS tags.
    pub xpos: Vec<String>,
}

/// Parses CoNLL-U text. `name` is used in error messages.
pub fn read_conllu(text: &str, name: &str) -> Result<Vec<PosSentence>, String> {
    let mut out = Vec::new();
    let mut cur = PosSentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            return Err(format!(
                "{name}:{}: expected 10 tab-separated CoNLL-U columns, found {}",
                n + 1,
                cols.len()
            ));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        cur.words.push(cols[1].to_string());
        cur.upos.push(cols[3].to_string());
        cur.xpos.push(cols[4].to_string());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// A document of sentences with IOB2 (or IOB1) entity tags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerDocument {
    /// Sentences of words.
    pub sentences: Vec<Vec<String>>,
    /// The entity tag of each word (`O`, `B-PER`, `I-ORG`, ...).
    pub tags: Vec<Vec<String>>,
}

/// Parses CoNLL-2003 text (`word POS chunk NER` per line; blank lines between sentences;
/// `-DOCSTART-` between documents). Two-column `word TAG` files are read too.
pub fn read_conll2003(text: &str, name: &str) -> Result<Vec<NerDocument>, String> {
    let mut docs = Vec::new();
    let mut doc = NerDocument::default();
    let (mut words, mut tags) = (Vec::new(), Vec::new());
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            if !words.is_empty() {
                doc.sentences.push(std::mem::take(&mut words));
                doc.tags.push(std::mem::take(&mut tags));
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols[0] == "-DOCSTART-" {
            if !words.is_empty() {
                doc.sentences.push(std::mem::take(&mut words));
                doc.tags.push(std::mem::take(&mut tags));
            }
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if cols.len() < 2 {
            return Err(format!(
                "{name}:{}: expected `word ... TAG` columns, found one",
                n + 1
            ));
        }
        words.push(cols[0].to_string());
        tags.push(cols[cols.len() - 1].to_string());
    }
    if !words.is_empty() {
        doc.sentences.push(words);
        doc.tags.push(tags);
    }
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Reads a file (gzip is not supported: decompress first).
pub fn read_file(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}
