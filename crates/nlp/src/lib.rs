//! Sentences and tokens for news English.
//!
//! [`Segmenter`] is the pipeline stage: it fills [`Document::sentences`] and
//! [`Document::tokens`] for every title, body and caption block (or, when a document has
//! no blocks, for every blank-line-separated paragraph of its text). Tokenization follows
//! Penn-Treebank conventions while keeping byte offsets (see the `tokens` module docs);
//! sentence splitting is rule-based (see the `sentences` module docs). Word lists live in
//! `crates/nlp/data/*.txt` and are compiled in.
//!
//! ```
//! use newsgraph_core::{Document, Stage};
//! use newsgraph_nlp::{Segmenter, token_text};
//! let mut doc = Document::new("Gen. J. Smith said the U.S. side didn't move. \"It's over.\" He left.");
//! Segmenter::default().run(&mut doc);
//! assert_eq!(doc.sentences.len(), 3);
//! let words: Vec<&str> = doc.tokens.iter().map(|t| token_text(&doc, t)).collect();
//! assert_eq!(&words[..6], ["Gen.", "J.", "Smith", "said", "the", "U.S."]);
//! ```
#![deny(missing_docs)]

mod sentences;
mod tokens;

use newsgraph_core::{BlockKind, Document, Layer, Span, Stage, Token, TokenKind};
use std::collections::HashSet as StdHashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: word-list lookups hash short keys, where SipHash dominates the cost.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

type HashSet<T> = StdHashSet<T, BuildHasherDefault<Fnv>>;

/// The compiled-in word lists, parsed once.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    /// Abbreviations followed by a name (`Gen`, `Mr`), stored without the period.
    pub(crate) title: HashSet<&'static str>,
    /// Abbreviations that may end a sentence (`Inc`, `etc`, `Jan`).
    pub(crate) general: HashSet<&'static str>,
    /// Abbreviations that end a sentence before any capitalised word (`Jr`, `etc`).
    pub(crate) final_: HashSet<&'static str>,
    /// Abbreviations keeping their period only before a number (`No`).
    pub(crate) numeric: HashSet<&'static str>,
    /// Common sentence-initial words (`The`, `He`).
    pub(crate) starters: HashSet<&'static str>,
    /// Words with a leading apostrophe (`em`, `til`).
    pub(crate) elisions: Vec<&'static str>,
}

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.strip_suffix('.').unwrap_or(l))
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon {
            title: entries(include_str!("../data/title_abbreviations.txt")).collect(),
            general: entries(include_str!("../data/abbreviations.txt")).collect(),
            final_: entries(include_str!("../data/final_abbreviations.txt")).collect(),
            numeric: entries(include_str!("../data/number_abbreviations.txt")).collect(),
            starters: entries(include_str!("../data/sentence_starters.txt")).collect(),
            elisions: entries(include_str!("../data/elisions.txt")).collect(),
        }
    }
}

/// What kind of abbreviation a word is (see [`Segmenter::abbreviation`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbreviation {
    /// Usually followed by a name (`Gen.`, `Mr.`, `Sen.`): never ends a sentence.
    Title,
    /// May end a sentence (`Inc.`, `etc.`, `Jr.`, `Jan.`, dotted acronyms like `U.S.`).
    General,
    /// Keeps its period only before a number (`No. 1`).
    Numeric,
    /// A single capital letter: an initial (`J.` in `John F. Kennedy`).
    Initial,
}

/// Splits title, body and caption blocks into sentences and tokens.
///
/// Cheap to share: build it once (`Segmenter::default()`) and run it on many documents,
/// from many threads.
#[derive(Debug, Default, Clone)]
pub struct Segmenter {
    lex: Lexicon,
}

impl Segmenter {
    /// A segmenter with the compiled-in word lists (same as `Default`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Tokenizes `text` alone; token offsets are relative to `text`. Quote-state (an open
    /// single quote) starts fresh, as at the start of a block.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 4 + 1);
        self.tokenize_into(text, 0, &mut out);
        out
    }

    /// Tokenizes `text`, whose first byte is at offset `base` of the document, appending
    /// the tokens (with offsets shifted by `base`) to `out`.
    pub fn tokenize_into(&self, text: &str, base: usize, out: &mut Vec<Token>) {
        tokens::Tokenizer::run(&self.lex, text, base, out);
    }

    /// Segments one block: appends its sentences and tokens. `span` must lie on char
    /// boundaries of `text`. When `list` is true, every line is its own sentence.
    pub fn segment_span(
        &self,
        text: &str,
        span: Span,
        list: bool,
        sentences: &mut Vec<Span>,
        tokens: &mut Vec<Token>,
    ) {
        let first = tokens.len();
        self.tokenize_into(&text[span.range()], span.start as usize, tokens);
        sentences::split(&self.lex, text, &tokens[first..], list, sentences);
    }

    /// Splits `text` into sentences (offsets relative to `text`), treating it as one block.
    pub fn sentences(&self, text: &str) -> Vec<Span> {
        let mut sentences = Vec::new();
        let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
        let span = Span::new(0, text.len());
        self.segment_span(
            text,
            span,
            sentences::is_list(text),
            &mut sentences,
            &mut tokens,
        );
        sentences
    }

    /// The abbreviation class of a word, with or without its final period (`Gen.`, `U.S`,
    /// `No`). Case-sensitive. `None` for words that are not abbreviations.
    pub fn abbreviation(&self, word: &str) -> Option<Abbreviation> {
        let w = word.strip_suffix('.').unwrap_or(word);
        if w.is_empty() {
            return None;
        }
        if self.lex.title.contains(w) {
            Some(Abbreviation::Title)
        } else if self.lex.general.contains(w) || self.lex.final_.contains(w) {
            Some(Abbreviation::General)
        } else if self.lex.numeric.contains(w) {
            Some(Abbreviation::Numeric)
        } else if w.contains('.')
            && w.split('.').all(|s| {
                !s.is_empty() && s.chars().count() <= 2 && s.chars().all(char::is_alphabetic)
            })
        {
            Some(Abbreviation::General)
        } else {
            let mut cs = w.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if c.is_uppercase() => Some(Abbreviation::Initial),
                _ => None,
            }
        }
    }

    /// True for a common sentence-initial word (`The`, `He`, `But`), case-sensitive.
    pub fn is_sentence_starter(&self, word: &str) -> bool {
        self.lex.starters.contains(word)
    }
}

/// The blocks the segmenter reads when a document has none: the text's paragraphs,
/// separated by blank lines (lines holding only whitespace), trimmed.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut para: Option<(usize, usize)> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some((a, b)) = para.take() {
                out.push(Span::new(a, b));
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            let s = pos + lead;
            let e = s + trimmed.len();
            para = Some(match para {
                Some((a, _)) => (a, e),
                None => (s, e),
            });
        }
        pos += line.len();
    }
    if let Some((a, b)) = para {
        out.push(Span::new(a, b));
    }
    out
}

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "Segmenter"
    }
    fn requires(&self) -> &[Layer] {
        &[Layer::Blocks]
    }
    fn produces(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }
    fn run(&self, doc: &mut Document) {
        let mut sentences = std::mem::take(&mut doc.sentences);
        let mut tokens = std::mem::take(&mut doc.tokens);
        sentences.clear();
        tokens.clear();
        tokens.reserve(doc.text.len() / 5 + 16);
        sentences.reserve(doc.text.len() / 120 + 4);
        let text = doc.text.as_str();
        let spans: Vec<Span> = if doc.blocks.is_empty() {
            paragraphs(text)
        } else {
            doc.blocks
                .iter()
                .filter(|b| {
                    matches!(
                        b.kind,
                        BlockKind::Title | BlockKind::Body | BlockKind::Caption
                    )
                })
                .map(|b| b.span)
                .collect()
        };
        let mut prev_end = 0usize;
        for span in spans {
            // Skip blocks that are out of bounds, off char boundaries or out of order:
            // the sentence and token layers must stay valid whatever the block layer holds.
            if doc.span(span.start as usize, span.end as usize).is_none()
                || (span.start as usize) < prev_end
                || span.is_empty()
            {
                continue;
            }
            prev_end = span.end as usize;
            let list = sentences::is_list(&text[span.range()]);
            self.segment_span(text, span, list, &mut sentences, &mut tokens);
        }
        doc.sentences = sentences;
        doc.tokens = tokens;
    }
}

/// The text of a token.
#[inline]
pub fn token_text<'a>(doc: &'a Document, token: &Token) -> &'a str {
    &doc.text[token.span.range()]
}

/// The tokens of sentence number `index` (empty when out of range).
pub fn sentence_tokens(doc: &Document, index: usize) -> &[Token] {
    doc.sentences
        .get(index)
        .map_or(&[][..], |&s| doc.tokens_in(s))
}

/// True when the first character is uppercase or titlecase (`Kirby`, `Élysée`, `U.S.`).
#[inline]
pub fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// True when the string has at least one letter and no lowercase letter (`NATO`, `U.S.`).
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters |= c.is_alphabetic();
    }
    letters
}

/// True for a quotation-mark character of any style (`"`, `'`, `“`, `”`, `‘`, `’`, `«`,
/// `»`, `„`, `‚`, `‹`, `›`, `‟`, `‛`, `` ` ``, `「`, `」`, `『`, `』`).
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '„'
            | '‚'
            | '‹'
            | '›'
            | '‟'
            | '‛'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// True for a clitic token split off its word (`'s`, `n't`, `'re`, `'ll`, `'ve`, `'m`,
/// `'d`, with `'` or `’`, any case).
pub fn is_clitic(s: &str) -> bool {
    let rest = s
        .strip_prefix('\'')
        .or_else(|| s.strip_prefix('’'))
        .map(|r| {
            ["s", "re", "ll", "ve", "m", "d"]
                .iter()
                .any(|c| c.eq_ignore_ascii_case(r))
        });
    match rest {
        Some(b) => b,
        None => {
            let l = s.len();
            (l == 3 || l == 5)
                && (s.as_bytes()[0] | 0x20) == b'n'
                && matches!(&s[1..l - 1], "'" | "’")
                && (s.as_bytes()[l - 1] | 0x20) == b't'
        }
    }
}

/// True for the possessive clitic `'s` / `’s` or a possessive apostrophe after a plural
/// (`players'`, a [`TokenKind::Punct`] token).
pub fn is_possessive(doc: &Document, token: &Token) -> bool {
    let s = token_text(doc, token);
    match token.kind {
        TokenKind::Word => matches!(s, "'s" | "’s" | "'S" | "’S"),
        TokenKind::Punct => matches!(s, "'" | "’"),
        _ => false,
    }
}

/// Whether a quote mark opens or closes a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteRole {
    /// Starts a quotation.
    Opening,
    /// Ends a quotation.
    Closing,
}

/// The role of the quote token `doc.tokens[index]`, from its style (`„`, `‚` always open)
/// and its context: a quote preceded by whitespace, the block start, an opening bracket,
/// a dash or another opening quote opens; one attached to the preceding text closes.
/// `None` when the token is not a [`TokenKind::Quote`].
pub fn quote_role(doc: &Document, index: usize) -> Option<QuoteRole> {
    let t = doc.tokens.get(index)?;
    if t.kind != TokenKind::Quote {
        return None;
    }
    let s = token_text(doc, t);
    if matches!(s, "„" | "‚" | "「" | "『") {
        return Some(QuoteRole::Opening);
    }
    if matches!(s, "」" | "』") {
        return Some(QuoteRole::Closing);
    }
    let opens = |c: Option<char>| match c {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/'),
    };
    let before = doc.text[..t.span.start as usize].chars().next_back();
    let opening = match before {
        Some(c)
            if is_quote_char(c) && index > 0 && doc.tokens[index - 1].span.end == t.span.start =>
        {
            // `"'`: nested opening right after an opening quote.
            let p = doc.tokens[index - 1].span.start as usize;
            opens(doc.text[..p].chars().next_back())
        }
        c => opens(c),
    };
    Some(if opening {
        QuoteRole::Opening
    } else {
        QuoteRole::Closing
    })
}

#[cfg(test)]
mod tests;
