//! Curated word lists, read from the TSV files under `crates/actors/data/` and compiled into
//! one hash map keyed by the lowercase word, so that finding mentions costs one lookup per
//! token. Multiword phrases (`the United States`, `Prime Minister`) hang off their first word.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The files, compiled in. A user extends them by editing the TSV files and rebuilding.
pub const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");
/// International organizations, national bodies, news agencies and outlets.
pub const ORGANIZATIONS_TSV: &str = include_str!("../data/organizations.tsv");
/// Regions, territories, cities, US states.
pub const PLACES_TSV: &str = include_str!("../data/places.tsv");
/// Titles and roles.
pub const TITLES_TSV: &str = include_str!("../data/titles.tsv");
/// Given names with gender.
pub const FIRST_NAMES_TSV: &str = include_str!("../data/first_names.tsv");
/// Third-person pronouns.
pub const PRONOUNS_TSV: &str = include_str!("../data/pronouns.tsv");
/// Word classes (organization heads, speech verbs, stop words, connectors, place cues).
pub const WORDS_TSV: &str = include_str!("../data/words.tsv");

/// A small fast hasher for short string keys (FxHash); the keys are our own lexicon words,
/// so hash flooding is not a concern.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut b = bytes;
        while b.len() >= 8 {
            let w = u64::from_le_bytes(b[..8].try_into().unwrap());
            h = (h.rotate_left(5) ^ w).wrapping_mul(K);
            b = &b[8..];
        }
        if b.len() >= 4 {
            let w = u32::from_le_bytes(b[..4].try_into().unwrap()) as u64;
            h = (h.rotate_left(5) ^ w).wrapping_mul(K);
            b = &b[4..];
        }
        for &x in b {
            h = (h.rotate_left(5) ^ x as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The [`FxHasher`] hash of a string (to reject phrase candidates without comparing bytes).
#[inline]
pub fn fxhash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// The [`FxHasher`] hash of bytes (equal to [`fxhash`] of the same string).
#[inline]
pub fn fxhash_bytes(s: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(s);
    h.finish()
}

/// A hash map with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, _: &[u8]) {
        unreachable!("IdHasher only hashes u64 keys")
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Grammatical gender a name, title or pronoun tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gender {
    /// Unknown or either.
    #[default]
    Unknown,
    /// Male.
    Male,
    /// Female.
    Female,
}

impl Gender {
    fn parse(s: &str) -> Gender {
        match s {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => Gender::Unknown,
        }
    }
    /// True unless one is male and the other female.
    pub fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// What a lexicon entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A country.
    Country,
    /// An organization of the given kind.
    Org(OrgKind),
    /// A place that is not a country.
    Place,
}

/// Kinds of organizations in `organizations.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgKind {
    /// International organization.
    Igo,
    /// National institution.
    Body,
    /// News agency.
    Agency,
    /// News outlet.
    Media,
    /// Armed or political movement.
    Group,
    /// Political party.
    Party,
    /// Company.
    Company,
}

/// A country, organization or place of the lexicon.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Canonical name.
    pub name: String,
    /// Country, organization or place.
    pub kind: EntryKind,
    /// ISO alpha-3 code of its country.
    pub iso3: Option<String>,
    /// Ambiguous name that needs a second cue in the article.
    pub weak: bool,
}

/// How a phrase refers to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A name or alias.
    Name,
    /// A capital or seat of government standing for the country.
    Metonym,
    /// An adjective (`Israeli`).
    Adjective,
    /// A word for its people (`Israelis`).
    Demonym,
}

/// What a phrase of the lexicon stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An entry (country, organization, place), referred to in some role.
    Entry(u32, Role),
    /// A title (index into [`Lexicon::titles`]).
    Title(u32),
}

/// A title or role.
#[derive(Debug, Clone)]
pub struct Title {
    /// The title as listed.
    pub text: String,
    /// The gender it tells.
    pub gender: Gender,
    /// Role, abbreviated title or honorific.
    pub kind: TitleKind,
}

/// Kinds of titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// A role, kept in `actor.titles`.
    Role,
    /// An abbreviated title before a name (`Sen.`), kept.
    Abbr,
    /// An honorific (`Mr.`), marks a person only.
    Honorific,
}

/// A multiword (or single-word) phrase, matched token by token.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// Tokens as written in the lexicon.
    pub toks: Box<[Box<str>]>,
    /// Tokens that must match exactly (written with capitals in the lexicon); the others
    /// match ignoring case.
    pub exact: Box<[bool]>,
    /// What it stands for.
    pub target: Target,
    /// [`fxhash`] of each token's lowercase form.
    pub hashes: Box<[u64]>,
}

/// Word class bits.
pub mod flags {
    /// Makes a capitalised name an organization.
    pub const ORG_HEAD: u16 = 1;
    /// Speech verb.
    pub const SPEECH: u16 = 2;
    /// Never a name.
    pub const STOP: u16 = 4;
    /// Lowercase word allowed inside a name.
    pub const CONNECTOR: u16 = 8;
    /// A capitalised name after it is a place.
    pub const PLACE_CUE: u16 = 16;
    /// A given name.
    pub const FIRST_NAME: u16 = 32;
    /// A third-person pronoun.
    pub const PRONOUN: u16 = 64;
    /// A single-word title (also a head of compound titles).
    pub const TITLE: u16 = 128;
    /// Makes a capitalised name a place (`Street`, `River`).
    pub const PLACE_HEAD: u16 = 256;
    /// Makes a capitalised name a thing, never a person (`Agreement`, `Act`).
    pub const THING_HEAD: u16 = 512;
}

/// Everything known about one lowercase word.
#[derive(Debug, Clone, Default)]
pub struct WordInfo {
    /// The lowercase word.
    pub key: Box<str>,
    /// Sorted hashes of the second tokens of its multiword phrases (quick rejection).
    pub seconds: Vec<u64>,
    /// It has a single-word phrase.
    pub single: bool,
    /// Bits of [`flags`].
    pub flags: u16,
    /// Gender of a given name or pronoun.
    pub gender: Gender,
    /// Pronoun: plural (`they`).
    pub plural: bool,
    /// Title index when a single-word title.
    pub title: Option<u32>,
    /// Phrases starting with this word, longest first.
    pub phrases: Vec<Phrase>,
}

impl WordInfo {
    /// True when the word has all the bits.
    #[inline]
    pub fn is(&self, f: u16) -> bool {
        self.flags & f == f
    }
}

/// All word lists, compiled.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Countries, organizations and places.
    pub entries: Vec<Entry>,
    /// Titles.
    pub titles: Vec<Title>,
    /// [`fxhash`] of the lowercase word -> what it is (one hash per token lookup).
    pub words: HashMap<u64, WordInfo, BuildHasherDefault<IdHasher>>,
    /// Lowercase whole alias -> entry (for credit and signature strings).
    pub aliases: FxMap<Box<str>, (u32, Role)>,
    /// Compact snapshot of `words` for the per-token lookup, built by [`Lexicon::finish`]
    /// (empty until then, and again after a word is added).
    index: WordIndex,
}

/// An open-addressing table of the words' hashes (8 bytes a slot, so that the lookup of
/// every token touches little memory), with the words' keys in one arena and their
/// [`WordInfo`] in a vector.
#[derive(Debug, Clone, Default)]
struct WordIndex {
    /// Hash per slot (0: empty).
    hashes: Vec<u64>,
    /// Word per slot: index into `infos`, its flags, whether it starts phrases.
    slot_word: Vec<(u32, u16, bool)>,
    /// The words' lowercase keys, one after the other.
    keys: String,
    /// Per word: end of its key in `keys` (the start is the previous end).
    key_end: Vec<u32>,
    /// Per word: what it is (a copy of the `words` value).
    infos: Vec<WordInfo>,
}

impl WordIndex {
    fn build(words: &HashMap<u64, WordInfo, BuildHasherDefault<IdHasher>>) -> WordIndex {
        if words.contains_key(&0) {
            return WordIndex::default(); // 0 marks empty slots: keep to the map.
        }
        let n = (words.len() * 2).next_power_of_two().max(16);
        let mut ix = WordIndex {
            hashes: vec![0; n],
            slot_word: vec![(0, 0, false); n],
            ..WordIndex::default()
        };
        let mut sorted: Vec<(&u64, &WordInfo)> = words.iter().collect();
        sorted.sort_unstable_by_key(|(h, _)| **h);
        for (&h, w) in sorted {
            let id = ix.infos.len() as u32;
            ix.keys.push_str(&w.key);
            ix.key_end.push(ix.keys.len() as u32);
            ix.infos.push(w.clone());
            let mut k = Self::slot(h, n);
            while ix.hashes[k] != 0 {
                k = (k + 1) & (n - 1);
            }
            ix.hashes[k] = h;
            ix.slot_word[k] = (id, w.flags, !w.phrases.is_empty());
        }
        ix
    }

    #[inline]
    fn slot(h: u64, n: usize) -> usize {
        // FxHash mixes the high bits best.
        (h >> 40) as usize & (n - 1)
    }

    /// `None` when there is no index; `Some(None)` when the word is not in it; else the
    /// word, its flags and whether it starts phrases.
    #[inline(always)]
    fn get(&self, lc: &[u8], h: u64) -> Option<Option<(&WordInfo, u16, bool)>> {
        let n = self.hashes.len();
        if n == 0 {
            return None;
        }
        let mut k = Self::slot(h, n);
        loop {
            let x = self.hashes[k];
            if x == h {
                let (id, flags, phrases) = self.slot_word[k];
                let id = id as usize;
                let a = if id == 0 {
                    0
                } else {
                    self.key_end[id - 1] as usize
                };
                let key = &self.keys.as_bytes()[a..self.key_end[id] as usize];
                return Some((key == lc).then(|| (&self.infos[id], flags, phrases)));
            }
            if x == 0 {
                return Some(None);
            }
            k = (k + 1) & (n - 1);
        }
    }
}

/// Splits a lexicon phrase into tokens the way the segmenter does: on whitespace, with
/// `'s` split off.
pub fn phrase_tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        let suffix = ["'s", "\u{2019}s"]
            .into_iter()
            .find(|x| w.len() > x.len() && w.ends_with(x));
        match suffix {
            Some(x) => {
                out.push(&w[..w.len() - x.len()]);
                out.push(&w[w.len() - x.len()..]);
            }
            None => out.push(w),
        }
    }
    out
}

/// Appends the lowercase form of `s` to `buf`, with typographic apostrophes made plain.
#[inline]
pub fn push_lower(s: &str, buf: &mut String) {
    if s.is_ascii() {
        let start = buf.len();
        buf.push_str(s);
        buf[start..].make_ascii_lowercase();
    } else {
        for c in s.chars() {
            if c == '\u{2019}' {
                buf.push('\'');
            } else {
                buf.extend(c.to_lowercase());
            }
        }
    }
}

/// Lowercase copy.
pub fn lower(s: &str) -> String {
    let mut b = String::with_capacity(s.len());
    push_lower(s, &mut b);
    b
}

/// Exact comparison, ignoring the difference between `'` and `’`.
#[inline]
pub fn same_apos(a: &str, b: &str) -> bool {
    a == b
        || (a.chars().map(|c| if c == '\u{2019}' { '\'' } else { c })).eq(b.chars().map(|c| {
            if c == '\u{2019}' {
                '\''
            } else {
                c
            }
        }))
}

fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn variants<'a>(col: Option<&&'a str>) -> impl Iterator<Item = &'a str> {
    col.copied()
        .unwrap_or("-")
        .split('|')
        .map(str::trim)
        .filter(|v| !v.is_empty() && *v != "-")
}

impl Lexicon {
    /// Parses the built-in lists.
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::default();
        lex.load_countries(COUNTRIES_TSV);
        lex.load_organizations(ORGANIZATIONS_TSV);
        lex.load_places(PLACES_TSV);
        lex.load_titles(TITLES_TSV);
        lex.load_first_names(FIRST_NAMES_TSV);
        lex.load_pronouns(PRONOUNS_TSV);
        lex.load_words(WORDS_TSV);
        lex.finish();
        lex
    }

    fn word(&mut self, w: &str) -> &mut WordInfo {
        self.index = WordIndex::default();
        let k = lower(w);
        let w = self.words.entry(fxhash(&k)).or_default();
        if w.key.is_empty() {
            w.key = k.clone().into_boxed_str();
        }
        assert!(
            *w.key == *k,
            "hash collision between lexicon words {:?} and {k:?}",
            w.key
        );
        w
    }

    /// Adds a phrase; the first phrase added for a surface form wins (later duplicates
    /// with another target are ignored).
    pub fn add_phrase(&mut self, text: &str, target: Target, case_insensitive: bool) {
        let toks = phrase_tokens(text);
        if toks.is_empty() {
            return;
        }
        let exact: Box<[bool]> = toks
            .iter()
            .map(|t| !case_insensitive && t.chars().any(char::is_uppercase))
            .collect();
        let toks: Box<[Box<str>]> = toks
            .iter()
            .zip(exact.iter())
            .map(|(t, &x)| {
                if x {
                    Box::<str>::from(*t)
                } else {
                    lower(t).into_boxed_str()
                }
            })
            .collect();
        let first = toks[0].clone();
        let weak = |t: Target| matches!(t, Target::Entry(id, _) if self.entries[id as usize].weak);
        let new_weak = weak(target);
        let old_weak: Vec<bool> = self
            .words
            .get(&fxhash(&lower(&first)))
            .map(|w| w.phrases.iter().map(|p| weak(p.target)).collect())
            .unwrap_or_default();
        let info = self.word(&first);
        if let Some(i) = info
            .phrases
            .iter()
            .position(|p| p.toks == toks && p.exact == exact)
        {
            // The first target listed wins, except that a strong entry beats a weak one
            // (`Georgia` the US state over `Georgia` the country).
            if old_weak[i] && !new_weak {
                info.phrases[i].target = target;
                if let Target::Entry(id, role) = target {
                    self.aliases
                        .insert(lower(text).into_boxed_str(), (id, role));
                }
            }
            return;
        }
        let hashes = toks.iter().map(|t| fxhash(&lower(t))).collect();
        info.phrases.push(Phrase {
            toks,
            exact,
            target,
            hashes,
        });
        if let Target::Entry(id, role) = target {
            self.aliases
                .entry(lower(text).into_boxed_str())
                .or_insert((id, role));
        }
    }

    /// Adds an entry and returns its id.
    pub fn add_entry(&mut self, e: Entry) -> u32 {
        self.entries.push(e);
        (self.entries.len() - 1) as u32
    }

    /// Loads `countries.tsv`-formatted text.
    pub fn load_countries(&mut self, tsv: &str) {
        for r in rows(tsv) {
            let id = self.add_entry(Entry {
                name: r[0].to_string(),
                kind: EntryKind::Country,
                iso3: r.get(1).filter(|s| **s != "-").map(|s| s.to_string()),
                weak: r.get(6).is_some_and(|f| f.contains("weak")),
            });
            self.add_phrase(r[0], Target::Entry(id, Role::Name), false);
            for v in variants(r.get(2)) {
                self.add_phrase(v, Target::Entry(id, Role::Name), false);
            }
            for v in variants(r.get(5)) {
                self.add_phrase(v, Target::Entry(id, Role::Metonym), false);
            }
            for v in variants(r.get(3)) {
                self.add_phrase(v, Target::Entry(id, Role::Adjective), false);
            }
            for v in variants(r.get(4)) {
                self.add_phrase(v, Target::Entry(id, Role::Demonym), false);
            }
        }
    }

    /// Loads `organizations.tsv`-formatted text.
    pub fn load_organizations(&mut self, tsv: &str) {
        for r in rows(tsv) {
            let kind = match r.get(1).copied().unwrap_or("body") {
                "igo" => OrgKind::Igo,
                "agency" => OrgKind::Agency,
                "media" => OrgKind::Media,
                "group" => OrgKind::Group,
                "party" => OrgKind::Party,
                "company" => OrgKind::Company,
                _ => OrgKind::Body,
            };
            let id = self.add_entry(Entry {
                name: r[0].to_string(),
                kind: EntryKind::Org(kind),
                iso3: r.get(2).filter(|s| **s != "-").map(|s| s.to_string()),
                weak: false,
            });
            self.add_phrase(r[0], Target::Entry(id, Role::Name), false);
            for v in variants(r.get(3)) {
                self.add_phrase(v, Target::Entry(id, Role::Name), false);
            }
        }
    }

    /// Loads `places.tsv`-formatted text.
    pub fn load_places(&mut self, tsv: &str) {
        for r in rows(tsv) {
            let id = self.add_entry(Entry {
                name: r[0].to_string(),
                kind: EntryKind::Place,
                iso3: r.get(1).filter(|s| **s != "-").map(|s| s.to_string()),
                weak: false,
            });
            self.add_phrase(r[0], Target::Entry(id, Role::Name), false);
            for v in variants(r.get(2)) {
                self.add_phrase(v, Target::Entry(id, Role::Name), false);
            }
        }
    }

    /// Loads `titles.tsv`-formatted text.
    pub fn load_titles(&mut self, tsv: &str) {
        for r in rows(tsv) {
            let kind = match r.get(2).copied().unwrap_or("role") {
                "abbr" => TitleKind::Abbr,
                "honorific" => TitleKind::Honorific,
                _ => TitleKind::Role,
            };
            let idx = self.titles.len() as u32;
            self.titles.push(Title {
                text: r[0].to_string(),
                gender: Gender::parse(r.get(1).copied().unwrap_or("-")),
                kind,
            });
            if phrase_tokens(r[0]).len() == 1 {
                let w = self.word(r[0]);
                w.flags |= flags::TITLE;
                w.title.get_or_insert(idx);
            }
            self.add_phrase(r[0], Target::Title(idx), true);
        }
    }

    /// Loads `first_names.tsv`-formatted text.
    pub fn load_first_names(&mut self, tsv: &str) {
        for r in rows(tsv) {
            let g = Gender::parse(r.get(1).copied().unwrap_or("u"));
            let w = self.word(r[0]);
            w.flags |= flags::FIRST_NAME;
            w.gender = g;
        }
    }

    /// Loads `pronouns.tsv`-formatted text.
    pub fn load_pronouns(&mut self, tsv: &str) {
        for r in rows(tsv) {
            let g = Gender::parse(r.get(1).copied().unwrap_or("-"));
            let plural = r.get(2) == Some(&"pl");
            let w = self.word(r[0]);
            w.flags |= flags::PRONOUN;
            w.gender = g;
            w.plural = plural;
        }
    }

    /// Loads `words.tsv`-formatted text.
    pub fn load_words(&mut self, tsv: &str) {
        for r in rows(tsv) {
            let f = match r.get(1).copied().unwrap_or("") {
                "org_head" => flags::ORG_HEAD,
                "speech" => flags::SPEECH,
                "stop" => flags::STOP,
                "connector" => flags::CONNECTOR,
                "place_cue" => flags::PLACE_CUE,
                "place_head" => flags::PLACE_HEAD,
                "thing_head" => flags::THING_HEAD,
                _ => 0,
            };
            self.word(r[0]).flags |= f;
        }
    }

    /// Sorts phrases longest first. Call after loading.
    pub fn finish(&mut self) {
        for w in self.words.values_mut() {
            w.phrases.sort_by_key(|p| std::cmp::Reverse(p.toks.len()));
            w.single = w.phrases.iter().any(|p| p.toks.len() == 1);
            w.seconds = w
                .phrases
                .iter()
                .filter_map(|p| p.hashes.get(1).copied())
                .collect();
            w.seconds.sort_unstable();
            w.seconds.dedup();
        }
        self.index = WordIndex::build(&self.words);
    }

    /// What is known about a lowercase word.
    #[inline]
    pub fn get(&self, lc: &str) -> Option<&WordInfo> {
        self.get_hashed(lc, fxhash(lc))
    }

    /// What is known about a lowercase word whose [`fxhash`] is `h`.
    #[inline]
    pub fn get_hashed(&self, lc: &str, h: u64) -> Option<&WordInfo> {
        self.get_hashed_bytes(lc.as_bytes(), h)
    }

    /// What is known about a lowercase word given as bytes, whose [`fxhash`] is `h`.
    #[inline]
    pub fn get_hashed_bytes(&self, lc: &[u8], h: u64) -> Option<&WordInfo> {
        self.lookup_token(lc, h).map(|(w, _, _)| w)
    }

    /// [`Lexicon::get_hashed_bytes`] with the word's flags and whether it starts phrases.
    #[inline(always)]
    pub fn lookup_token(&self, lc: &[u8], h: u64) -> Option<(&WordInfo, u16, bool)> {
        match self.index.get(lc, h) {
            Some(found) => found,
            None => self.lookup_map(lc, h),
        }
    }

    #[cold]
    #[inline(never)]
    fn lookup_map(&self, lc: &[u8], h: u64) -> Option<(&WordInfo, u16, bool)> {
        self.words
            .get(&h)
            .filter(|w| w.key.as_bytes() == lc)
            .map(|w| (w, w.flags, !w.phrases.is_empty()))
    }

    /// Looks a whole string up among the entry aliases, ignoring case.
    pub fn lookup_alias(&self, s: &str) -> Option<(u32, Role)> {
        self.aliases.get(lower(s.trim()).as_str()).copied()
    }

    /// The entry with this id.
    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_and_cover_the_world() {
        let lex = Lexicon::builtin();
        let countries = lex
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::Country)
            .count();
        assert!(countries >= 190, "{countries} countries");
        assert!(lex
            .entries
            .iter()
            .all(|e| e.iso3.as_deref().is_none_or(|c| c.len() == 3)));
        assert!(lex.titles.len() > 100);
        let names = lex
            .words
            .values()
            .filter(|w| w.is(flags::FIRST_NAME))
            .count();
        assert!(names > 300, "{names} first names");
    }

    #[test]
    fn aliases_resolve_to_their_entry() {
        let lex = Lexicon::builtin();
        for (alias, name) in [
            ("U.S.", "United States"),
            ("the United States", "United States"),
            ("USA", "United States"),
            ("Washington", "United States"),
            ("Kremlin", "Russia"),
            ("World Security Council", "UN Security Council"),
            ("U.N. Security Council", "UN Security Council"),
            ("AP", "Associated Press"),
            ("dpa", "dpa"),
            ("Israelis", "Israel"),
        ] {
            let (id, _) = lex.lookup_alias(alias).unwrap_or_else(|| panic!("{alias}"));
            assert_eq!(lex.entry(id).name, name, "{alias}");
        }
        assert_eq!(
            lex.lookup_alias("National Security Council")
                .map(|(i, _)| lex.entry(i).iso3.clone()),
            Some(Some("USA".into()))
        );
    }

    #[test]
    fn phrase_tokens_split_possessive() {
        assert_eq!(
            phrase_tokens("Prime Minister's Office"),
            ["Prime", "Minister", "'s", "Office"]
        );
        assert_eq!(phrase_tokens("U.S. side"), ["U.S.", "side"]);
        assert_eq!(phrase_tokens("'s"), ["'s"]);
    }

    #[test]
    fn word_classes_and_genders() {
        let lex = Lexicon::builtin();
        assert!(lex.get("said").unwrap().is(flags::SPEECH));
        assert!(lex.get("council").unwrap().is(flags::ORG_HEAD));
        assert!(lex.get("monday").unwrap().is(flags::STOP));
        assert_eq!(lex.get("jacquelyn").unwrap().gender, Gender::Female);
        assert_eq!(lex.get("john").unwrap().gender, Gender::Male);
        assert!(lex.get("he").unwrap().is(flags::PRONOUN));
        assert!(lex.get("director").unwrap().is(flags::TITLE));
    }
}
