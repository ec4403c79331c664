use super::*;
use newsgraph_core::{assert_span, Block};

fn seg() -> Segmenter {
    Segmenter::default()
}

/// Token texts of `text` tokenized alone.
fn toks(text: &str) -> Vec<String> {
    seg()
        .tokenize(text)
        .iter()
        .map(|t| text[t.span.range()].to_string())
        .collect()
}

/// (text, kind) pairs.
fn kinds(text: &str) -> Vec<(String, TokenKind)> {
    seg()
        .tokenize(text)
        .iter()
        .map(|t| (text[t.span.range()].to_string(), t.kind))
        .collect()
}

fn kind_of(text: &str, token: &str) -> TokenKind {
    kinds(text)
        .into_iter()
        .find(|(t, _)| t == token)
        .unwrap_or_else(|| panic!("no token {token:?} in {:?}", toks(text)))
        .1
}

/// Sentence texts of `text` as one body block.
fn sents(text: &str) -> Vec<String> {
    let mut doc = Document::new(text);
    doc.blocks.push(Block::new(BlockKind::Body, Span::new(0, text.len())));
    seg().run(&mut doc);
    check_invariants(&doc);
    doc.sentences.iter().map(|&s| doc.slice(s).to_string()).collect()
}

/// Checks every invariant the segmenter promises.
fn check_invariants(doc: &Document) {
    doc.validate().unwrap_or_else(|e| panic!("invalid: {e} in {:?}", doc.text));
    let blocks: Vec<Span> = if doc.blocks.is_empty() {
        paragraphs(&doc.text)
    } else {
        doc.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Title | BlockKind::Body | BlockKind::Caption))
            .map(|b| b.span)
            .collect()
    };
    for (i, &s) in doc.sentences.iter().enumerate() {
        assert!(!s.is_empty(), "empty sentence {i} in {:?}", doc.text);
        let st = doc.slice(s);
        assert_eq!(st, st.trim(), "untrimmed sentence {st:?}");
        assert!(
            blocks.iter().any(|b| b.contains(s)),
            "sentence {st:?} not inside one block in {:?}",
            doc.text
        );
        if i > 0 {
            assert!(doc.sentences[i - 1].end <= s.start);
        }
        // Every non-whitespace char is inside a token.
        let ts = doc.tokens_in(s);
        let mut covered = s.start as usize;
        let mut k = 0;
        for (off, c) in st.char_indices() {
            let pos = s.start as usize + off;
            while k < ts.len() && (ts[k].span.end as usize) <= pos {
                k += 1;
            }
            if !c.is_whitespace() {
                assert!(
                    k < ts.len() && ts[k].span.contains_offset(pos),
                    "char {c:?} at {pos} not in a token; text {:?}; tokens {:?}",
                    doc.text,
                    ts.iter().map(|t| doc.slice(t.span)).collect::<Vec<_>>()
                );
            }
            covered = pos;
        }
        let _ = covered;
    }
    for t in &doc.tokens {
        assert!(!t.span.is_empty(), "empty token");
        assert!(
            doc.sentence_index_at(t.span.start as usize)
                .is_some_and(|i| doc.sentences[i].contains(t.span)),
            "token {:?} outside sentences in {:?}",
            doc.slice(t.span),
            doc.text
        );
        // Tokens hold no whitespace.
        assert!(
            !doc.slice(t.span).chars().any(char::is_whitespace),
            "token with whitespace {:?}",
            doc.slice(t.span)
        );
    }
}

#[test]
fn debug_seed() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed/article.txt"));
    if let Ok(text) = text {
        let mut doc = Document::new(text);
        seg().run(&mut doc);
        for s in &doc.sentences {
            println!("[{}]", doc.slice(*s));
        }
        println!("{:?}", doc.tokens.iter().map(|t| token_text(&doc, t)).collect::<Vec<_>>());
    }
}
