//! The tokenizer: one left-to-right pass over a block's bytes, ASCII fast paths, no
//! allocation beyond pushing to the output vector.
//!
//! Conventions (Penn-Treebank-like, offsets kept):
//! - clitics split off: `do` `n't`, `Israel` `'s`, `we` `'re` (with `'` and `’`);
//! - hyphenated words, `AT&T`, `example.com`, URLs, e-mails, `@handles`, `#hashtags`
//!   are one [`TokenKind::Word`];
//! - abbreviations keep their period (`U.S.`, `Gen.`, `J.`, `No.` before a number);
//! - numbers keep their separators (`1,000`, `3.5`, `10:30`, `9/11`, `2024-03-25`, `'90s`),
//!   `%` and `$` are separate [`TokenKind::Symbol`]s;
//! - quote marks are [`TokenKind::Quote`]; an apostrophe after a word (`players'`) is
//!   [`TokenKind::Punct`], never a quote;
//! - `...`, `…` are [`TokenKind::Ellipsis`]; `-` standing alone, `--`, `–`, `—` are
//!   [`TokenKind::Dash`].

use crate::Lexicon;
use newsgraph_core::{Span, Token, TokenKind};

/// `ALNUM[b]` is true for ASCII letters and digits.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// True for combining marks and format characters that continue a word.
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x200C | 0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// True for characters a word is made of.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// The char at byte `i` of `s` and its length in bytes. `i` must be a char boundary.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    s.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
}

#[inline]
fn word_char_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(b) if *b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_at(s, i).is_some_and(|(c, _)| is_word_char(c)),
    }
}

#[inline]
fn letter_at(s: &str, i: usize) -> Option<(char, usize)> {
    match s.as_bytes().get(i) {
        None => None,
        Some(b) if *b < 0x80 => b.is_ascii_alphabetic().then_some((*b as char, 1)),
        Some(_) => char_at(s, i).filter(|(c, _)| c.is_alphabetic()),
    }
}

/// An apostrophe (`'` or `’`) at byte `i`: its length in bytes.
#[inline]
fn apostrophe_at(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'\'') => 1,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x99) => 3,
        _ => 0,
    }
}

/// A hyphen continuing a word at byte `i` (`-`, U+2010 `‐`, U+2011 `‑`): its length.
#[inline]
fn hyphen_at(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'-') => 1,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x90 | 0x91)) => 3,
        _ => 0,
    }
}

/// `s`, `re`, `ll`, `ve`, `m`, `d` in any case.
#[inline]
fn is_clitic(r: &str) -> bool {
    matches!(r.len(), 1 | 2)
        && ["s", "re", "ll", "ve", "m", "d"]
            .iter()
            .any(|c| c.eq_ignore_ascii_case(r))
}

/// A single-quote-like character's role, decided from its context.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Preceded by whitespace, the block start, an opening bracket or another quote.
    Open,
    /// Directly after a word or number.
    AfterWord,
    /// Directly after closing punctuation (`.'`, `,’`).
    AfterPunct,
}

pub(crate) struct Tokenizer<'a> {
    lex: &'a Lexicon,
    s: &'a str,
    b: &'a [u8],
    base: usize,
    /// Index in `out` of this block's first token.
    first: usize,
    /// A single quote (`'`, `‘`) was opened and not closed yet.
    open_single: bool,
}

impl<'a> Tokenizer<'a> {
    /// Tokenizes `s`, whose first byte is at `base` in the document, appending to `out`.
    pub(crate) fn run(lex: &'a Lexicon, s: &'a str, base: usize, out: &mut Vec<Token>) {
        let mut t = Tokenizer {
            lex,
            s,
            b: s.as_bytes(),
            base,
            first: out.len(),
            open_single: false,
        };
        t.all(out);
    }

    #[inline]
    fn push(&self, out: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind) {
        debug_assert!(start < end);
        out.push(Token {
            span: Span::new(self.base + start, self.base + end),
            kind,
        });
    }

    fn all(&mut self, out: &mut Vec<Token>) {
        let b = self.b;
        let n = b.len();
        let mut i = 0;
        while i < n {
            let c = b[i];
            if c < 0x80 {
                i = match c {
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => i + 1,
                    b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => self.word(out, i),
                    b'"' | b'`' => {
                        self.push(out, i, i + 1, TokenKind::Quote);
                        i + 1
                    }
                    b'\'' => self.single_quote(out, i, 1, false),
                    b'.' => {
                        let e = run_of(b, i, b'.');
                        let kind = if e - i >= 3 {
                            TokenKind::Ellipsis
                        } else {
                            TokenKind::Punct
                        };
                        self.push(out, i, e, kind);
                        e
                    }
                    b'-' => {
                        let e = run_of(b, i, b'-');
                        self.push(out, i, e, TokenKind::Dash);
                        e
                    }
                    b'?' | b'!' => {
                        let mut e = i + 1;
                        while e < n && matches!(b[e], b'?' | b'!') {
                            e += 1;
                        }
                        self.push(out, i, e, TokenKind::Punct);
                        e
                    }
                    b'@' | b'#' => {
                        let mut e = i + 1;
                        loop {
                            if e < n && (b[e].is_ascii_alphanumeric() || b[e] == b'_') {
                                e += 1;
                            } else if c == b'#' && e < n && b[e] >= 0x80 && word_char_at(self.s, e)
                            {
                                e += char_at(self.s, e).map_or(1, |x| x.1);
                            } else {
                                break;
                            }
                        }
                        if e > i + 1 {
                            self.push(out, i, e, TokenKind::Word);
                        } else {
                            self.push(out, i, e, TokenKind::Symbol);
                        }
                        e
                    }
                    b'$' | b'%' | b'&' | b'+' | b'<' | b'=' | b'>' | b'^' | b'|' | b'~' => {
                        self.push(out, i, i + 1, TokenKind::Symbol);
                        i + 1
                    }
                    0x21..=0x7e => {
                        self.push(out, i, i + 1, TokenKind::Punct);
                        i + 1
                    }
                    _ => {
                        // Control characters that are not whitespace.
                        self.push(out, i, i + 1, TokenKind::Symbol);
                        i + 1
                    }
                };
                continue;
            }
            let (ch, len) = char_at(self.s, i).expect("char boundary");
            if ch.is_whitespace() {
                i += len;
                continue;
            }
            if ch.is_alphanumeric() {
                i = self.word(out, i);
                continue;
            }
            i = match ch {
                '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '‚' | '‛' | '「' | '」' | '『'
                | '』' => {
                    self.push(out, i, i + len, TokenKind::Quote);
                    i + len
                }
                '’' => self.single_quote(out, i, len, false),
                '‘' => self.single_quote(out, i, len, true),
                '…' => {
                    let mut e = i + len;
                    while self.s[e..].starts_with('…') {
                        e += len;
                    }
                    self.push(out, i, e, TokenKind::Ellipsis);
                    e
                }
                '‐' | '‑' | '‒' | '–' | '—' | '―' | '⸺' | '⸻' | '﹘' | '－' => {
                    let mut e = i + len;
                    while self.s[e..].starts_with(ch) {
                        e += len;
                    }
                    self.push(out, i, e, TokenKind::Dash);
                    e
                }
                '¡'
                | '¿'
                | '·'
                | '§'
                | '¶'
                | '\u{2016}'..='\u{2027}'
                | '\u{2030}'..='\u{205E}'
                | '\u{3001}'..='\u{3003}'
                | '\u{3008}'..='\u{3011}'
                | '\u{FF01}'..='\u{FF0F}'
                | '\u{FF1A}'..='\u{FF1F}' => {
                    self.push(out, i, i + len, TokenKind::Punct);
                    i + len
                }
                _ => {
                    let e = self.symbol_end(i + len);
                    self.push(out, i, e, TokenKind::Symbol);
                    e
                }
            };
        }
    }

    /// Extends a symbol (emoji) over marks, variation selectors, skin tones, tags, ZWJ
    /// sequences and regional-indicator pairs.
    fn symbol_end(&self, mut e: usize) -> usize {
        let first_ri = self.s[..e]
            .chars()
            .next_back()
            .is_some_and(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c));
        if first_ri {
            if let Some((c, l)) = char_at(self.s, e) {
                if ('\u{1F1E6}'..='\u{1F1FF}').contains(&c) {
                    return e + l;
                }
            }
        }
        while let Some((c, l)) = char_at(self.s, e) {
            if is_mark(c)
                || ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
                || ('\u{E0020}'..='\u{E007F}').contains(&c)
                || c == '\u{20E3}'
            {
                e += l;
                if c == '\u{200D}' {
                    if let Some((c2, l2)) = char_at(self.s, e) {
                        if !c2.is_whitespace() {
                            e += l2;
                        }
                    }
                }
            } else {
                break;
            }
        }
        e
    }

    /// The context before byte `i`.
    fn side(&self, out: &[Token], i: usize) -> Side {
        match out[self.first..].last() {
            Some(t) if t.span.end as usize == self.base + i => match t.kind {
                TokenKind::Word | TokenKind::Number => Side::AfterWord,
                TokenKind::Punct => {
                    let p = self.b[t.span.end as usize - self.base - 1];
                    if matches!(p, b'(' | b'[' | b'{') {
                        Side::Open
                    } else {
                        Side::AfterPunct
                    }
                }
                TokenKind::Ellipsis => Side::AfterPunct,
                _ => Side::Open,
            },
            _ => Side::Open,
        }
    }

    /// `'`, `’` or `‘` (when `left`) outside a word: a quote mark, a possessive apostrophe
    /// (`players'`), or the start of `'90s` / `'em`.
    fn single_quote(&mut self, out: &mut Vec<Token>, i: usize, len: usize, left: bool) -> usize {
        let b = self.b;
        let n = b.len();
        let e = i + len;
        let side = self.side(out, i);
        if side == Side::Open || left {
            // '90s, '08
            if e + 1 < n && b[e].is_ascii_digit() && b[e + 1].is_ascii_digit() {
                let mut f = e + 2;
                if f < n && b[f] == b's' {
                    f += 1;
                }
                if !word_char_at(self.s, f) {
                    self.push(out, i, f, TokenKind::Number);
                    return f;
                }
            }
            if !left {
                // 'em, 'til, rock 'n' roll
                let mut f = e;
                while let Some((_, l)) = letter_at(self.s, f) {
                    f += l;
                }
                if f > e && !word_char_at(self.s, f) {
                    let w = &self.s[e..f];
                    if self.lex.elisions.iter().any(|x| x.eq_ignore_ascii_case(w)) {
                        if w.eq_ignore_ascii_case("n") && apostrophe_at(b, f) > 0 {
                            f += apostrophe_at(b, f);
                        }
                        self.push(out, i, f, TokenKind::Word);
                        return f;
                    }
                }
            }
        }
        let followed_by_space =
            e >= n || char_at(self.s, e).is_some_and(|(c, _)| c.is_whitespace());
        if left {
            self.open_single = true;
            self.push(out, i, e, TokenKind::Quote);
            return e;
        }
        match side {
            Side::AfterWord if !self.open_single => {
                // players' / Jones' / goin'
                self.push(out, i, e, TokenKind::Punct);
            }
            Side::AfterWord | Side::AfterPunct => {
                self.open_single = false;
                self.push(out, i, e, TokenKind::Quote);
            }
            Side::Open => {
                if !followed_by_space {
                    self.open_single = true;
                }
                self.push(out, i, e, TokenKind::Quote);
            }
        }
        e
    }

    /// A word, number, URL, e-mail address or abbreviation starting at byte `start`; may
    /// push a clitic after it. Returns the end.
    fn word(&mut self, out: &mut Vec<Token>, start: usize) -> usize {
        let b = self.b;
        let n = b.len();
        if let Some(e) = self.url(start) {
            self.push(out, start, e, TokenKind::Word);
            return e;
        }
        let starts_digit = b[start].is_ascii_digit()
            || (b[start] >= 0x80 && char_at(self.s, start).is_some_and(|(c, _)| c.is_numeric()));
        let mut hyphen_alpha = false;
        let mut inner_period = false;
        let mut seg_start = start;
        let mut j = start;
        loop {
            // Scan the word's body.
            while j < n {
                let c = b[j];
                if ALNUM[c as usize] {
                    j += 1;
                    continue;
                }
                if c >= 0x80 {
                    let (ch, l) = char_at(self.s, j).expect("char boundary");
                    if is_word_char(ch) {
                        j += l;
                        continue;
                    }
                }
                let h = hyphen_at(b, j);
                if h > 0 {
                    if word_char_at(self.s, j + h) {
                        if letter_at(self.s, j + h).is_some() {
                            hyphen_alpha = true;
                        }
                        j += h;
                        continue;
                    }
                    break;
                }
                let a = apostrophe_at(b, j);
                if a > 0 {
                    let k = j + a;
                    let mut e = k;
                    while let Some((_, l)) = letter_at(self.s, e) {
                        e += l;
                    }
                    if e == k {
                        break;
                    }
                    if !word_char_at(self.s, e) {
                        let r = &self.s[k..e];
                        if is_clitic(r) {
                            self.push(out, start, j, word_kind(starts_digit, hyphen_alpha));
                            self.push(out, j, e, TokenKind::Word);
                            return e;
                        }
                        if r.eq_ignore_ascii_case("t")
                            && j >= start + 2
                            && matches!(b[j - 1], b'n' | b'N')
                        {
                            self.push(out, start, j - 1, word_kind(starts_digit, hyphen_alpha));
                            self.push(out, j - 1, e, TokenKind::Word);
                            return e;
                        }
                    }
                    j = e;
                    continue;
                }
                match c {
                    b'.' if j + 1 < n => {
                        let nb = b[j + 1];
                        if nb.is_ascii_digit() && b[j - 1].is_ascii_digit() {
                            j += 1;
                            continue;
                        }
                        if let Some((nc, _)) = letter_at(self.s, j + 1) {
                            if nc.is_lowercase() || j - seg_start <= 2 {
                                inner_period = true;
                                j += 1;
                                seg_start = j;
                                continue;
                            }
                        }
                        break;
                    }
                    b',' | b':' | b'/'
                        if j + 1 < n && b[j - 1].is_ascii_digit() && b[j + 1].is_ascii_digit() =>
                    {
                        j += 1;
                    }
                    b'&' if j + 1 < n
                        && b[j - 1].is_ascii_uppercase()
                        && b[j + 1].is_ascii_uppercase() =>
                    {
                        j += 1;
                    }
                    _ => break,
                }
            }
            // E-mail address?
            if j < n && matches!(b[j], b'@' | b'_' | b'+' | b'%' | b'.' | b'-') {
                if let Some(e) = email(b, start) {
                    self.push(out, start, e, TokenKind::Word);
                    return e;
                }
            }
            // Abbreviation period?
            if j < n && b[j] == b'.' && b.get(j + 1) != Some(&b'.') {
                let w = &self.s[start..j];
                if self.keeps_period(w, inner_period, j + 1) {
                    j += 1;
                    let h = hyphen_at(b, j);
                    if h > 0 && word_char_at(self.s, j + h) {
                        // U.S.-led
                        j += h;
                        hyphen_alpha = true;
                        seg_start = j;
                        continue;
                    }
                    // U.S.'s
                    let a = apostrophe_at(b, j);
                    if a > 0
                        && matches!(b.get(j + a), Some(b's' | b'S'))
                        && !word_char_at(self.s, j + a + 1)
                    {
                        self.push(out, start, j, word_kind(starts_digit, hyphen_alpha));
                        self.push(out, j, j + a + 1, TokenKind::Word);
                        return j + a + 1;
                    }
                }
            }
            break;
        }
        self.push(out, start, j, word_kind(starts_digit, hyphen_alpha));
        j
    }

    /// Does the word `w`, followed by a period whose next byte is at `after`, keep it?
    fn keeps_period(&self, w: &str, inner_period: bool, after: usize) -> bool {
        let lex = self.lex;
        if inner_period
            && w.split('.').all(|seg| {
                !seg.is_empty()
                    && seg.chars().count() <= 2
                    && !seg.bytes().any(|x| x.is_ascii_digit())
            })
        {
            return true;
        }
        if lex.title.contains(w) || lex.general.contains(w) || lex.final_.contains(w) {
            return true;
        }
        let mut cs = w.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            if c.is_uppercase() {
                return true; // an initial
            }
        }
        if lex.numeric.contains(w) {
            let rest = &self.s[after..];
            let rest = rest.trim_start();
            return rest.as_bytes().first().is_some_and(|x| x.is_ascii_digit());
        }
        false
    }

    /// A URL starting at `start` (`http://`, `https://`, `ftp://`, `www.`): its end.
    fn url(&self, start: usize) -> Option<usize> {
        let b = self.b;
        let rest = &b[start..];
        let first = b[start] | 0x20;
        if first != b'h' && first != b'w' && first != b'f' {
            return None;
        }
        let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        if !(starts(b"http://") || starts(b"https://") || starts(b"ftp://") || starts(b"www.")) {
            return None;
        }
        let mut e = start;
        let mut parens = 0i32;
        while let Some((c, l)) = char_at(self.s, e) {
            if c.is_whitespace() || matches!(c, '"' | '<' | '>' | '“' | '”' | '‘' | '’' | '«' | '»')
            {
                break;
            }
            match c {
                '(' => parens += 1,
                ')' if parens == 0 => break,
                ')' => parens -= 1,
                _ => {}
            }
            e += l;
        }
        while e > start && matches!(b[e - 1], b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'') {
            e -= 1;
        }
        // Require something after the scheme.
        (e > start + 4).then_some(e)
    }
}

#[inline]
fn word_kind(starts_digit: bool, hyphen_alpha: bool) -> TokenKind {
    if starts_digit && !hyphen_alpha {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

#[inline]
fn run_of(b: &[u8], i: usize, c: u8) -> usize {
    let mut e = i + 1;
    while e < b.len() && b[e] == c {
        e += 1;
    }
    e
}

/// An e-mail address `local@domain.tld` starting at `start`: its end.
fn email(b: &[u8], start: usize) -> Option<usize> {
    let n = b.len();
    let mut j = start;
    while j < n
        && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'.' | b'_' | b'%' | b'+' | b'-'))
    {
        j += 1;
    }
    if j >= n || b[j] != b'@' || j == start {
        return None;
    }
    j += 1;
    let dstart = j;
    while j < n && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b'.') {
        j += 1;
    }
    // Trailing dots belong to the sentence.
    while j > dstart && b[j - 1] == b'.' {
        j -= 1;
    }
    let last_dot = b[dstart..j]
        .iter()
        .rposition(|&c| c == b'.')
        .map(|d| dstart + d);
    let dot = last_dot.filter(|&d| d + 1 < j)?;
    (dot > dstart && b[dot + 1..j].iter().all(|x| x.is_ascii_alphabetic()) && j - dot > 2)
        .then_some(j)
}
