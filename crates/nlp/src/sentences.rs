//! The sentence splitter: groups a block's tokens into sentences.
//!
//! A sentence ends after `.`, `?`, `!` or an ellipsis (with the closing quotes and brackets
//! directly after it) when whitespace and then an uppercase letter, a digit, an opening
//! quote or bracket follows. After an abbreviation that keeps its period it ends only when
//! a sentence starter (`The`, `He`, ...) or an opening quote and a capital follow (after
//! `Jr.` or `etc.`, any capitalised word), and never after one
//! usually followed by a name (`Gen.`, `Mr.`). A blank line always ends a sentence, and
//! in a list block every line is a sentence.

use crate::Lexicon;
use newsgraph_core::{Span, Token, TokenKind};

/// What kind of sentence end a token may be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    /// `.`, `?`, `!`, `?!`
    Stop,
    /// `...`, `…`
    Ellipsis,
    /// A word keeping its period (`U.S.`, `Gen.`, `J.`).
    Abbrev,
}

#[inline]
fn end_kind(text: &str, t: &Token) -> Option<End> {
    let b = &text.as_bytes()[t.span.range()];
    match t.kind {
        TokenKind::Word => (b.len() > 1 && b[b.len() - 1] == b'.').then_some(End::Abbrev),
        TokenKind::Punct => (b.iter().all(|&c| c == b'.')
            || b.iter().all(|&c| c == b'?' || c == b'!'))
        .then_some(End::Stop),
        TokenKind::Ellipsis => Some(End::Ellipsis),
        _ => None,
    }
}

/// Tokens that stay with the sentence they close when directly attached: quotes,
/// closing brackets, more terminal punctuation.
#[inline]
fn is_closer(text: &str, t: &Token) -> bool {
    match t.kind {
        TokenKind::Quote | TokenKind::Ellipsis => true,
        TokenKind::Punct => text[t.span.range()]
            .bytes()
            .all(|c| matches!(c, b')' | b']' | b'}' | b'.' | b'?' | b'!')),
        _ => false,
    }
}

/// Can this token start a sentence after a full stop?
#[inline]
fn starts_sentence(text: &str, t: &Token) -> bool {
    let s = &text[t.span.range()];
    match t.kind {
        TokenKind::Quote => true,
        TokenKind::Punct => matches!(s, "(" | "[" | "¿" | "¡"),
        TokenKind::Symbol => matches!(s, "$" | "€" | "£" | "¥"),
        _ => s
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric()),
    }
}

/// Splits `toks` (one block's tokens, offsets into `text`) into sentences appended to `out`.
pub(crate) fn split(lex: &Lexicon, text: &str, toks: &[Token], list: bool, out: &mut Vec<Span>) {
    let n = toks.len();
    if n == 0 {
        return;
    }
    let mut first = 0;
    let mut i = 0;
    while i + 1 < n {
        let t = &toks[i];
        let end = end_kind(text, t);
        let mut j = i;
        let mut quoted = false;
        if end.is_some() {
            while j + 1 < n
                && toks[j + 1].span.start == toks[j].span.end
                && is_closer(text, &toks[j + 1])
            {
                j += 1;
                quoted |= toks[j].kind == TokenKind::Quote;
            }
            if j + 1 >= n {
                break;
            }
        }
        let next = &toks[j + 1];
        let gap_start = toks[j].span.end as usize;
        let gap_end = next.span.start as usize;
        let mut brk = false;
        if gap_end > gap_start {
            if let Some(end) = end {
                brk = match end {
                    // `1. Buy milk` in a list: the item number, not a sentence end.
                    End::Stop
                        if list
                            && i > 0
                            && toks[i - 1].kind == TokenKind::Number
                            && toks[i - 1].span.end == t.span.start
                            && line_start(text, toks, i - 1) =>
                    {
                        false
                    }
                    End::Stop | End::Ellipsis => starts_sentence(text, next),
                    End::Abbrev if quoted => starts_sentence(text, next),
                    End::Abbrev => {
                        let w = &text[t.span.start as usize..t.span.end as usize - 1];
                        if lex.title.contains(w) {
                            false
                        } else if lex.final_.contains(w) {
                            starts_sentence(text, next)
                        } else if next.kind == TokenKind::Quote {
                            // `the U.N. "to monitor` continues; `the U.S. "We` splits.
                            toks.get(j + 2).is_some_and(|a| {
                                a.span.start == next.span.end && starts_sentence(text, a)
                            })
                        } else {
                            lex.starters.contains(&text[next.span.range()])
                        }
                    }
                };
            }
            if !brk && (list || gap_end - gap_start >= 2) {
                let newlines = text.as_bytes()[gap_start..gap_end]
                    .iter()
                    .filter(|&&c| c == b'\n')
                    .count();
                brk = newlines >= 2 || (list && newlines >= 1);
            }
        }
        if brk {
            out.push(Span::new(
                toks[first].span.start as usize,
                toks[j].span.end as usize,
            ));
            first = j + 1;
        }
        i = j + 1;
    }
    out.push(Span::new(
        toks[first].span.start as usize,
        toks[n - 1].span.end as usize,
    ));
}

/// Does token `i` start a line of its block?
fn line_start(text: &str, toks: &[Token], i: usize) -> bool {
    i == 0
        || text.as_bytes()[toks[i - 1].span.end as usize..toks[i].span.start as usize]
            .contains(&b'\n')
}

/// Is the block a list: at least two lines, each starting with a bullet or `1.` / `1)`?
pub(crate) fn is_list(s: &str) -> bool {
    if !s.contains('\n') {
        return false;
    }
    let mut lines = 0;
    for line in s.lines() {
        let l = line.trim_start();
        if l.is_empty() {
            continue;
        }
        lines += 1;
        let bullet = l.starts_with(['-', '*', '•', '–', '—', '·', '▪', '◦', '‣', '●']) || {
            let digits = l.bytes().take_while(|b| b.is_ascii_digit()).count();
            digits > 0 && digits < 4 && matches!(l.as_bytes().get(digits), Some(b'.' | b')'))
        };
        if !bullet {
            return false;
        }
    }
    lines >= 2
}
