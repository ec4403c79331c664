//! Token descriptions (hashes of the form, lowercase form, shapes, affixes; flags),
//! computed once per token without allocating; feature templates combine them.

use crate::hash::{bytes, fin, mix};

/// Initial capital letter.
pub const CAP: u32 = 1;
/// Letters, all upper case.
pub const ALLCAPS: u32 = 1 << 1;
/// Contains a digit.
pub const DIGIT: u32 = 1 << 2;
/// Contains a hyphen.
pub const HYPHEN: u32 = 1 << 3;
/// Contains a period.
pub const PERIOD: u32 = 1 << 4;
/// Only digits (and separators).
pub const NUMBER: u32 = 1 << 5;
/// No letter or digit.
pub const PUNCT: u32 = 1 << 6;
/// An upper-case letter after the first character (`McDonald`, `iPhone`).
pub const INNERCAP: u32 = 1 << 7;
/// First token of its sentence (or first after an opening quote).
pub const FIRST: u32 = 1 << 8;
/// Its sentence has no lower-case letter (a headline in capitals).
pub const CAPS_SENTENCE: u32 = 1 << 9;
/// Single character.
pub const SINGLE: u32 = 1 << 10;

/// What the feature templates know of one token.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tok {
    /// The form as written.
    pub form: u64,
    /// Lower case, digits replaced by `0`.
    pub lower: u64,
    /// Shape with runs capped at 3 (`Xxxx`, `dddd-dd`).
    pub shape: u64,
    /// Shape with runs collapsed (`Xx`, `d-d`).
    pub short: u64,
    /// Prefixes of the lower-case form, 1 to 4 characters.
    pub pre: [u64; 4],
    /// Suffixes of the lower-case form, 1 to 4 characters.
    pub suf: [u64; 4],
    /// `CAP`, `ALLCAPS`, ... bits.
    pub flags: u32,
    /// Part-of-speech ambiguity class (hash of the tags seen with the form in training), 0 when unknown.
    pub amb: u64,
    /// Tag-dictionary tag + 1 for frequent unambiguous words, else 0.
    pub dict: u16,
    /// Predicted part-of-speech class (NER uses it).
    pub pos: u16,
    /// Gazetteer bits (NER).
    pub gaz: u32,
    /// Document bits (NER).
    pub doc: u32,
    /// First-stage entity class (NER stage 2).
    pub s1: u16,
    /// First-stage majority type of this form over the whole document, + 1 (0: none).
    pub agg: u16,
}

/// Sentence boundary pseudo-tokens.
pub const START: Tok = Tok {
    form: 0x5354_4152_5431,
    lower: 0x5354_4152_5432,
    shape: 0x5354_4152_5433,
    short: 0x5354_4152_5434,
    pre: [1, 2, 3, 4],
    suf: [5, 6, 7, 8],
    flags: 0,
    amb: 0x5354_4152_5435,
    dict: 0,
    pos: 0xfffe,
    gaz: 0,
    doc: 0,
    s1: 0,
    agg: 0,
};
/// End of sentence pseudo-token.
pub const END: Tok = Tok {
    form: 0x454e_4431,
    lower: 0x454e_4432,
    shape: 0x454e_4433,
    short: 0x454e_4434,
    pre: [9, 10, 11, 12],
    suf: [13, 14, 15, 16],
    flags: 0,
    amb: 0x454e_4435,
    dict: 0,
    pos: 0xffff,
    gaz: 0,
    doc: 0,
    s1: 0,
    agg: 0,
};

#[inline]
fn class(c: char) -> u64 {
    if c.is_uppercase() {
        'X' as u64
    } else if c.is_lowercase() {
        'x' as u64
    } else if c.is_ascii_digit() {
        'd' as u64
    } else if c.is_ascii() {
        c as u64
    } else if c.is_alphabetic() {
        'a' as u64
    } else {
        'o' as u64
    }
}

/// Hash of the lower-case, digit-normalised form (what [`Tok::lower`] holds).
pub fn lower_hash(word: &str, buf: &mut String) -> u64 {
    normalise(word, buf);
    bytes(2, buf.as_bytes())
}

fn normalise(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        if c.is_ascii_digit() {
            buf.push('0');
        } else if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

/// Describes one word. `buf` is scratch space reused between calls.
pub fn describe(word: &str, buf: &mut String) -> Tok {
    let mut t = Tok {
        form: bytes(1, word.as_bytes()),
        ..Tok::default()
    };
    normalise(word, buf);
    t.lower = bytes(2, buf.as_bytes());
    // Affixes by characters.
    let mut starts = [0usize; 5];
    let mut n = 0usize;
    for (i, _) in buf.char_indices() {
        if n < 5 {
            starts[n] = i;
        }
        n += 1;
    }
    let len = buf.len();
    for k in 0..4 {
        let end = if n > k + 1 { starts[k + 1] } else { len };
        t.pre[k] = bytes(10 + k as u64, &buf.as_bytes()[..end]);
    }
    let mut ends = [len; 4];
    for (j, (i, _)) in buf.char_indices().rev().take(4).enumerate() {
        ends[j] = i;
    }
    for (k, (suf, &end)) in t.suf.iter_mut().zip(&ends).enumerate() {
        let start = if n > k { end } else { 0 };
        *suf = bytes(20 + k as u64, &buf.as_bytes()[start..]);
    }
    // Shapes and flags.
    let (mut shape, mut short) = (3u64, 4u64);
    let (mut last, mut run) = (0u64, 0u32);
    let (mut letters, mut uppers, mut digits, mut others) = (0u32, 0u32, 0u32, 0u32);
    for (i, c) in word.chars().enumerate() {
        let k = class(c);
        if k == last {
            run += 1;
        } else {
            run = 1;
            short = mix(short, k);
        }
        if run <= 3 {
            shape = mix(shape, k);
        }
        last = k;
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                uppers += 1;
                if i == 0 {
                    t.flags |= CAP;
                } else {
                    t.flags |= INNERCAP;
                }
            }
        } else if c.is_ascii_digit() {
            digits += 1;
        } else {
            others += 1;
            if c == '-' {
                t.flags |= HYPHEN;
            } else if c == '.' {
                t.flags |= PERIOD;
            }
        }
    }
    t.shape = fin(shape);
    t.short = fin(short);
    if letters > 0 && uppers == letters {
        t.flags |= ALLCAPS;
    }
    if digits > 0 {
        t.flags |= DIGIT;
        if letters == 0 {
            t.flags |= NUMBER;
        }
    }
    if letters == 0 && digits == 0 && others > 0 {
        t.flags |= PUNCT;
    }
    if n == 1 {
        t.flags |= SINGLE;
    }
    t
}

/// Marks sentence-level flags on a sentence's tokens: the first token (and the first after
/// an opening quote at the start), and capitals-only sentences.
pub fn sentence_flags(toks: &mut [Tok], words: &[&str]) {
    let caps = words.iter().any(|w| w.chars().any(char::is_alphabetic))
        && !words.iter().any(|w| w.chars().any(char::is_lowercase));
    let mut first = true;
    for (t, w) in toks.iter_mut().zip(words) {
        if first {
            t.flags |= FIRST;
        }
        first = t.flags & PUNCT != 0
            && matches!(*w, "\"" | "``" | "“" | "'" | "‘" | "(" | "-" | "--" | "—");
        if caps {
            t.flags |= CAPS_SENTENCE;
        }
    }
}

/// Feature hash of a template with one value.
#[inline(always)]
pub fn f1(t: u64, a: u64) -> u64 {
    fin(mix(mix(0x1234_5678, t), a))
}

/// Feature hash of a template with two values.
#[inline(always)]
pub fn f2(t: u64, a: u64, b: u64) -> u64 {
    fin(mix(mix(mix(0x8765_4321, t), a), b))
}

/// Feature hash of a template with three values.
#[inline(always)]
pub fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    fin(mix(mix(mix(mix(0x1357_9bdf, t), a), b), c))
}
