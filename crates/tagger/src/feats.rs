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
    /// Predicted part-of-speech class (UPOS id in the POS passes; XPOS id for NER).
    pub pos: u16,
    /// Predicted UPOS id (set for NER).
    pub upos: u16,
    /// Coarse word class + 1 (0: none).
    pub cc: u16,
    /// Fine word class + 1 (0: none).
    pub cf: u16,
    /// Right-context word class + 1 (0: none).
    pub cr: u16,
    /// Gazetteer bits (NER).
    pub gaz: u32,
    /// Document bits (NER).
    pub doc: u32,
    /// First-stage entity class (NER stage 2).
    pub s1: u16,
    /// First-stage majority type of this form over the whole document, + 1 (0: none).
    pub agg: u16,
    /// Word-list lexicon bits (POS), 0: not listed.
    pub wl: u16,
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
    upos: 0xfffe,
    cc: 0xfffe,
    cf: 0xfffe,
    cr: 0xfffe,
    gaz: 0,
    doc: 0,
    s1: 0,
    agg: 0,
    wl: 0,
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
    upos: 0xffff,
    cc: 0xffff,
    cf: 0xffff,
    cr: 0xffff,
    gaz: 0,
    doc: 0,
    s1: 0,
    agg: 0,
    wl: 0,
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
    if word.is_ascii() && !word.is_empty() && word.len() <= 64 {
        return describe_ascii(word.as_bytes());
    }
    describe_any(word, buf)
}

#[inline]
fn ascii_class(c: u8) -> u64 {
    match c {
        b'A'..=b'Z' => 'X' as u64,
        b'a'..=b'z' => 'x' as u64,
        b'0'..=b'9' => 'd' as u64,
        _ => c as u64,
    }
}

/// [`describe`] for ASCII words (most words): one pass over the bytes, same result.
fn describe_ascii(word: &[u8]) -> Tok {
    let mut low = [0u8; 64];
    let n = word.len();
    let mut t = Tok {
        form: bytes(1, word),
        ..Tok::default()
    };
    let (mut shape, mut short) = (3u64, 4u64);
    let (mut last, mut run) = (0u64, 0u32);
    let (mut letters, mut uppers, mut digits, mut others) = (0u32, 0u32, 0u32, 0u32);
    for (i, &c) in word.iter().enumerate() {
        low[i] = if c.is_ascii_digit() {
            b'0'
        } else {
            c.to_ascii_lowercase()
        };
        let k = ascii_class(c);
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
        if c.is_ascii_alphabetic() {
            letters += 1;
            if c.is_ascii_uppercase() {
                uppers += 1;
                t.flags |= if i == 0 { CAP } else { INNERCAP };
            }
        } else if c.is_ascii_digit() {
            digits += 1;
        } else {
            others += 1;
            if c == b'-' {
                t.flags |= HYPHEN;
            } else if c == b'.' {
                t.flags |= PERIOD;
            }
        }
    }
    let low = &low[..n];
    t.lower = bytes(2, low);
    for k in 0..4 {
        t.pre[k] = bytes(10 + k as u64, &low[..(k + 1).min(n)]);
        t.suf[k] = bytes(20 + k as u64, &low[n.saturating_sub(k + 1)..]);
    }
    t.shape = fin(shape);
    t.short = fin(short);
    t.flags |= class_flags(letters, uppers, digits, others, n);
    t
}

fn describe_any(word: &str, buf: &mut String) -> Tok {
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
    t.flags |= class_flags(letters, uppers, digits, others, n);
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

const G: u64 = 0x9e37_79b9_7f4a_7c15;
const K1: u64 = 0xff51_afd7_ed55_8ccd;
const K2: u64 = 0xc4ce_b9fe_1a85_ec53;
const K3: u64 = 0xd6e8_feb8_6659_fd93;

/// Feature hash of a template with one value. Weight rows are taken from the top bits of a
/// hash, and the top bits of a product depend on every bit of its operands, so one
/// multiplication per value is enough.
#[inline(always)]
pub fn f1(t: u64, a: u64) -> u64 {
    (a ^ t.wrapping_mul(G)).wrapping_mul(K1)
}

/// Feature hash of a template with two values.
#[inline(always)]
pub fn f2(t: u64, a: u64, b: u64) -> u64 {
    (f1(t, a) ^ b).wrapping_mul(K2)
}

/// Feature hash of a template with three values.
#[inline(always)]
pub fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    (f2(t, a, b) ^ c).wrapping_mul(K3)
}

/// The character-class flags of a word from its counts of letters, upper-case letters,
/// digits and other characters, and its length in characters.
fn class_flags(letters: u32, uppers: u32, digits: u32, others: u32, n: usize) -> u32 {
    let mut f = 0;
    if letters > 0 && uppers == letters {
        f |= ALLCAPS;
    }
    if digits > 0 {
        f |= DIGIT;
        if letters == 0 {
            f |= NUMBER;
        }
    }
    if letters == 0 && digits == 0 && others > 0 {
        f |= PUNCT;
    }
    if n == 1 {
        f |= SINGLE;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_matches_the_general_one() {
        let mut buf = String::new();
        for w in [
            "a",
            "The",
            "U.S.",
            "iPhone",
            "1,000",
            "--",
            "McDonald's",
            "NATO",
            "x-ray",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "2024-01-02",
            "AbC9",
        ] {
            let a = describe_ascii(w.as_bytes());
            let b = describe_any(w, &mut buf);
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{w}");
        }
    }
}
