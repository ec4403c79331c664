//! Word lists outside the tagged training data, as part-of-speech features: which parts of
//! speech WordNet 3.0 gives a word (with regular and listed irregular inflections of its
//! lemmas), whether WordNet knows it as a proper noun, and whether a spelling dictionary
//! lists it in lower case or capitalised. Read once at training time (`train pos
//! --wordnet DIR --words FILE`, Debian packages `wordnet-base` and `wamerican`) and copied
//! into the model as hashes, so tagging needs neither.

use crate::feats;
use std::path::Path;

/// A noun lemma.
pub const NOUN: u16 = 1;
/// A regular or listed plural of a noun lemma.
pub const NOUN_PLURAL: u16 = 1 << 1;
/// A verb lemma.
pub const VERB: u16 = 1 << 2;
/// A verb's `-s` form.
pub const VERB_S: u16 = 1 << 3;
/// A verb's `-ed` form (or a listed irregular form).
pub const VERB_ED: u16 = 1 << 4;
/// A verb's `-ing` form.
pub const VERB_ING: u16 = 1 << 5;
/// An adjective lemma.
pub const ADJ: u16 = 1 << 6;
/// An adjective's comparative or superlative.
pub const ADJ_MORE: u16 = 1 << 7;
/// An adverb.
pub const ADV: u16 = 1 << 8;
/// A proper noun in WordNet (a capitalised noun lemma).
pub const PROPER: u16 = 1 << 9;
/// The dictionary lists the word in lower case.
pub const DICT_LOWER: u16 = 1 << 10;
/// The dictionary lists the word capitalised.
pub const DICT_CAP: u16 = 1 << 11;

/// The key of a word in the model's word list: the high half of its lower-case hash.
#[inline]
pub fn key(lower: u64) -> u32 {
    (lower >> 32) as u32
}

/// The bits of a lower-case hash in a word list sorted by key, keys strictly increasing
/// (0: not listed).
///
/// The keys are hash halves, spread evenly over `u32`, so interpolation finds a key's place
/// in two or three probes of a 200,000-entry list, where a binary search makes about 18
/// dependent loads across the whole list (most of them cache misses: it was 6% of `read`).
/// A few interpolation steps narrow the range; a binary search finishes it.
#[inline]
pub fn get(list: &[(u32, u16)], lower: u64) -> u16 {
    let k = key(lower);
    // Invariant: every key in list[lo..hi] lies in klo..khi, and so does k if it is listed.
    let (mut lo, mut hi) = (0usize, list.len());
    let (mut klo, mut khi) = (0u64, 1u64 << 32);
    let kk = u64::from(k);
    for _ in 0..4 {
        let n = hi - lo;
        if n <= 16 || kk < klo || kk >= khi {
            break;
        }
        let off = ((kk - klo) as u128 * n as u128 / (khi - klo) as u128) as usize;
        let pos = lo + off.min(n - 1);
        let pk = u64::from(list[pos].0);
        match pk.cmp(&kk) {
            std::cmp::Ordering::Equal => return list[pos].1,
            std::cmp::Ordering::Less => {
                lo = pos + 1;
                klo = pk + 1;
            }
            std::cmp::Ordering::Greater => {
                hi = pos;
                khi = pk;
            }
        }
    }
    list[lo..hi]
        .binary_search_by_key(&k, |e| e.0)
        .map_or(0, |i| list[lo + i].1)
}

fn vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Ends in consonant + `y`.
fn cons_y(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !vowel(b[b.len() - 2])
}

/// Consonant-vowel-consonant ending whose last consonant doubles (`stop` -> `stopped`).
fn doubles(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    n >= 3
        && b[n - 1].is_ascii_alphabetic()
        && !vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && vowel(b[n - 2])
        && !vowel(b[n - 3])
}

fn sibilant(w: &str) -> bool {
    ["s", "x", "z", "ch", "sh"].iter().any(|e| w.ends_with(e))
}

/// Word lists being built: lower-case form -> bits.
#[derive(Default)]
struct Builder {
    bits: std::collections::BTreeMap<String, u16>,
}

impl Builder {
    fn add(&mut self, w: String, b: u16) {
        *self.bits.entry(w).or_default() |= b;
    }

    fn lemma(&mut self, w: &str, pos: char) {
        let stem = &w[..w.len() - 1];
        match pos {
            'n' => {
                self.add(w.into(), NOUN);
                let plural = if cons_y(w) {
                    format!("{stem}ies")
                } else if sibilant(w) {
                    format!("{w}es")
                } else {
                    format!("{w}s")
                };
                self.add(plural, NOUN_PLURAL);
            }
            'P' => self.add(w.into(), PROPER),
            'v' => {
                self.add(w.into(), VERB);
                if cons_y(w) {
                    self.add(format!("{stem}ies"), VERB_S);
                    self.add(format!("{stem}ied"), VERB_ED);
                } else if sibilant(w) || w.ends_with('o') {
                    self.add(format!("{w}es"), VERB_S);
                } else {
                    self.add(format!("{w}s"), VERB_S);
                }
                if w.ends_with('e') {
                    self.add(format!("{w}d"), VERB_ED);
                    self.add(format!("{stem}ing"), VERB_ING);
                } else {
                    if !cons_y(w) {
                        self.add(format!("{w}ed"), VERB_ED);
                    }
                    self.add(format!("{w}ing"), VERB_ING);
                    if doubles(w) {
                        let last = &w[w.len() - 1..];
                        self.add(format!("{w}{last}ed"), VERB_ED);
                        self.add(format!("{w}{last}ing"), VERB_ING);
                    }
                }
            }
            'a' => {
                self.add(w.into(), ADJ);
                let forms = if cons_y(w) {
                    vec![format!("{stem}ier"), format!("{stem}iest")]
                } else if w.ends_with('e') {
                    vec![format!("{w}r"), format!("{w}st")]
                } else if doubles(w) {
                    let last = &w[w.len() - 1..];
                    vec![
                        format!("{w}er"),
                        format!("{w}est"),
                        format!("{w}{last}er"),
                        format!("{w}{last}est"),
                    ]
                } else {
                    vec![format!("{w}er"), format!("{w}est")]
                };
                for f in forms {
                    self.add(f, ADJ_MORE);
                }
            }
            _ => self.add(w.into(), ADV),
        }
    }
}

fn read_text(path: &Path) -> Result<String, String> {
    let b = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    // WordNet's files are Latin-1 in places (glosses); the lemmas are ASCII.
    Ok(b.iter().map(|&c| c as char).collect())
}

/// Reads WordNet's `data.noun|verb|adj|adv` and `noun|verb|adj.exc` in `wordnet` and a
/// dictionary of one word per line (`words`), and returns lower-case form -> bits.
/// Multi-word lemmas and possessives are skipped.
pub fn read(wordnet: &Path, words: &Path) -> Result<Vec<(String, u16)>, String> {
    let mut b = Builder::default();
    for (pos, file) in [('n', "noun"), ('v', "verb"), ('a', "adj"), ('r', "adv")] {
        let path = wordnet.join(format!("data.{file}"));
        let text = read_text(&path)?;
        let mut n_lines = 0;
        for (ln, line) in text.lines().enumerate() {
            if line.starts_with("  ") || line.is_empty() {
                continue;
            }
            let bad = || format!("{}:{}: not a WordNet synset line", path.display(), ln + 1);
            let f: Vec<&str> = line.split(' ').collect();
            let n = f
                .get(3)
                .and_then(|c| usize::from_str_radix(c, 16).ok())
                .ok_or_else(bad)?;
            for i in 0..n {
                let w = *f.get(4 + 2 * i).ok_or_else(bad)?;
                // Adjective markers: `big(a)`.
                let w = w.split('(').next().unwrap_or(w);
                if w.is_empty() || w.contains('_') {
                    continue;
                }
                let proper = pos == 'n' && w.starts_with(|c: char| c.is_uppercase());
                let lower = w.to_lowercase();
                b.lemma(&lower, if proper { 'P' } else { pos });
            }
            n_lines += 1;
        }
        if n_lines == 0 {
            return Err(format!("{}: no synsets", path.display()));
        }
    }
    for (file, bit) in [("noun", NOUN_PLURAL), ("verb", VERB_ED), ("adj", ADJ_MORE)] {
        let path = wordnet.join(format!("{file}.exc"));
        for line in read_text(&path)?.lines() {
            if let Some(w) = line.split(' ').next() {
                if !w.is_empty() && !w.contains('_') {
                    b.add(w.to_lowercase(), bit);
                }
            }
        }
    }
    let text = std::fs::read_to_string(words)
        .map_err(|e| format!("cannot read {}: {e}", words.display()))?;
    for w in text.lines().map(str::trim) {
        if w.is_empty() || w.contains('\'') {
            continue;
        }
        let bit = if w.starts_with(|c: char| c.is_uppercase()) {
            DICT_CAP
        } else {
            DICT_LOWER
        };
        b.add(w.to_lowercase(), bit);
    }
    Ok(b.bits.into_iter().collect())
}

/// (key of the lower-case hash, bits) sorted by key (entries whose keys collide are merged).
pub fn index(words: &[(String, u16)]) -> Vec<(u32, u16)> {
    let mut buf = String::new();
    let mut m = std::collections::BTreeMap::<u32, u16>::new();
    for (w, bits) in words {
        *m.entry(key(feats::lower_hash(w, &mut buf))).or_default() |= bits;
    }
    m.into_iter().collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn interpolated_lookup_agrees_with_binary_search() {
        // Keys spread as hash halves are, plus clustered and extreme keys.
        let mut keys: Vec<u32> = (0..50_000u64)
            .map(|i| (crate::hash::fin(i) >> 32) as u32)
            .chain([0, 1, 2, 3, u32::MAX - 1, u32::MAX])
            .chain(1000..1100)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let list: Vec<(u32, u16)> = keys.iter().map(|&k| (k, (k % 65_521) as u16 | 1)).collect();
        let probe = |k: u32| super::get(&list, u64::from(k) << 32);
        for (i, &(k, b)) in list.iter().enumerate() {
            assert_eq!(probe(k), b, "listed key {k} at {i}");
        }
        for i in 0..50_000u64 {
            let k = (crate::hash::fin(i + 1_000_000) >> 32) as u32;
            let want = list
                .binary_search_by_key(&k, |e| e.0)
                .map_or(0, |j| list[j].1);
            assert_eq!(probe(k), want, "key {k}");
        }
        assert_eq!(super::get(&[], 7 << 32), 0);
        assert_eq!(super::get(&[(5, 9)], 5 << 32), 9);
        assert_eq!(super::get(&[(5, 9)], 6 << 32), 0);
    }

    use super::*;

    #[test]
    fn reads_wordnet_files_and_a_dictionary() {
        let dir = std::env::temp_dir().join(format!("ng-wordlist-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let header = "  1 This software and database is being provided\n";
        let files = [
            ("data.noun", "02084071 05 n 02 dog 0 domestic_dog 0 001 @ 02083346 n 0000 | a dog\n09044862 15 n 01 Texas 0 001 @i 08655464 n 0000 | a state\n"),
            ("data.verb", "01904930 38 v 01 walk 0 000 | go on foot\n01927447 38 v 01 stop 0 000 | halt\n"),
            ("data.adj", "01384212 00 a 01 big(a) 0 000 | large\n"),
            ("data.adv", "00072012 02 r 01 quickly 0 000 | fast\n"),
            ("noun.exc", "mice mouse\n"),
            ("verb.exc", "went go\n"),
            ("adj.exc", "worse bad\n"),
        ];
        for (name, body) in files {
            std::fs::write(dir.join(name), format!("{header}{body}")).unwrap();
        }
        std::fs::write(dir.join("words"), "dog\nDallas\nBob's\n").unwrap();
        let list = read(&dir, &dir.join("words")).unwrap();
        let get = |w: &str| list.iter().find(|(x, _)| x == w).map_or(0, |e| e.1);
        assert_eq!(get("dog"), NOUN | DICT_LOWER);
        assert_eq!(get("dogs"), NOUN_PLURAL);
        assert_eq!(get("domestic_dog"), 0, "multi-word lemmas are skipped");
        assert_eq!(get("texas"), PROPER);
        assert_eq!(get("walked"), VERB_ED);
        assert_eq!(get("stopping"), VERB_ING);
        assert_eq!(get("big"), ADJ);
        assert_eq!(get("biggest"), ADJ_MORE);
        assert_eq!(get("quickly"), ADV);
        assert_eq!(get("mice"), NOUN_PLURAL);
        assert_eq!(get("went"), VERB_ED);
        assert_eq!(get("worse"), ADJ_MORE);
        assert_eq!(get("dallas"), DICT_CAP);
        assert_eq!(get("bob's"), 0);
        let index = index(&list);
        let mut buf = String::new();
        assert_eq!(get_bits(&index, "Dogs", &mut buf), NOUN_PLURAL);
        assert_eq!(get_bits(&index, "cats", &mut buf), 0);
        // A missing file is named.
        std::fs::remove_file(dir.join("data.adv")).unwrap();
        let e = read(&dir, &dir.join("words")).unwrap_err();
        assert!(e.contains("data.adv"), "{e}");
        std::fs::write(dir.join("data.adv"), "not a synset\n").unwrap();
        let e = read(&dir, &dir.join("words")).unwrap_err();
        assert!(e.contains("data.adv:1"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn get_bits(index: &[(u32, u16)], w: &str, buf: &mut String) -> u16 {
        get(index, feats::lower_hash(w, buf))
    }

    #[test]
    fn inflections_of_lemmas() {
        let mut b = Builder::default();
        b.lemma("stop", 'v');
        b.lemma("carry", 'v');
        b.lemma("bake", 'v');
        b.lemma("box", 'n');
        b.lemma("city", 'n');
        b.lemma("big", 'a');
        b.lemma("happy", 'a');
        let get = |w: &str| b.bits.get(w).copied().unwrap_or(0);
        assert_eq!(get("stopped"), VERB_ED);
        assert_eq!(get("stopping"), VERB_ING);
        assert_eq!(get("stops"), VERB_S);
        assert_eq!(get("carries"), VERB_S);
        assert_eq!(get("carried"), VERB_ED);
        assert_eq!(get("carryed"), 0);
        assert_eq!(get("baking"), VERB_ING);
        assert_eq!(get("baked"), VERB_ED);
        assert_eq!(get("bakeing"), 0);
        assert_eq!(get("boxes"), NOUN_PLURAL);
        assert_eq!(get("cities"), NOUN_PLURAL);
        assert_eq!(get("bigger"), ADJ_MORE);
        assert_eq!(get("happiest"), ADJ_MORE);
    }
}
