//! Word lists: speech cue verbs (data, `data/speech_verbs.txt`) and the few function-word
//! classes the attribution rules look at. Parsed once when the stage is built; lookups hash
//! a lowercased copy of the word on the stack, so nothing is allocated per token.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The bundled speech-verb list.
pub const SPEECH_VERBS: &str = include_str!("../data/speech_verbs.txt");

/// What a cue verb can introduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// A bare clause or a `that` clause (`say`, `claim`).
    Clause,
    /// An addressee, then a clause (`tell`).
    Object,
    /// Only a `that` clause (`add`, `warn`).
    That,
    /// Direct quotes only (`ask`, `shout`).
    Direct,
}

/// One inflected form of a cue verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Index of the lemma in [`Lexicon::lemmas`].
    pub lemma: u16,
    /// What the verb introduces.
    pub class: CueClass,
    /// The `-ing` form (`saying`, `adding`): a participle whose subject is the sentence's.
    pub ing: bool,
    /// A base or -s form that is also a common noun (`recall`, `reports`).
    pub noun: bool,
    /// Names rather than quotes (`call`, `describe`).
    pub weak: bool,
}

// Function-word classes (bit flags).
pub const DET: u32 = 1 << 0;
pub const PREP: u32 = 1 << 1;
pub const AUX: u32 = 1 << 2;
pub const PASSIVE: u32 = 1 << 3;
pub const ADV: u32 = 1 << 4;
pub const NEG: u32 = 1 << 5;
pub const THAT: u32 = 1 << 6;
pub const REL: u32 = 1 << 7;
pub const TEMPORAL: u32 = 1 << 8;
pub const ACCORDING: u32 = 1 << 9;
pub const PRON_SG: u32 = 1 << 10;
pub const PRON_PL: u32 = 1 << 11;
pub const PRON_OTHER: u32 = 1 << 12;
pub const OBJ: u32 = 1 << 13;
pub const NAMING: u32 = 1 << 14;
pub const DOC_NOUN: u32 = 1 << 15;
pub const TO: u32 = 1 << 16;
pub const CONJ: u32 = 1 << 17;
pub const WEEKDAY: u32 = 1 << 18;
pub const TITLE: u32 = 1 << 19;
pub const NONSUBJ: u32 = 1 << 20;

const WORDS: &[(&str, u32)] = &[
    ("the", DET),
    ("a", DET),
    ("an", DET),
    ("this", DET),
    ("these", DET),
    ("those", DET),
    ("his", DET),
    ("her", DET | OBJ),
    ("its", DET),
    ("their", DET),
    ("our", DET),
    ("my", DET),
    ("another", DET),
    ("some", DET),
    ("one", DET),
    ("in", PREP),
    ("on", PREP),
    ("at", PREP),
    ("during", PREP),
    ("after", PREP),
    ("before", PREP),
    ("from", PREP),
    ("via", PREP),
    ("through", PREP),
    ("with", PREP),
    ("by", PREP),
    ("over", PREP),
    ("under", PREP),
    ("about", PREP),
    ("since", PREP),
    ("amid", PREP),
    ("following", PREP),
    ("into", PREP),
    ("for", PREP),
    ("of", PREP),
    ("while", PREP),
    ("when", PREP),
    ("as", PREP),
    ("outside", PREP),
    ("inside", PREP),
    ("to", PREP | TO),
    ("has", AUX),
    ("had", AUX),
    ("have", AUX),
    ("would", AUX),
    ("will", AUX),
    ("could", AUX),
    ("may", AUX),
    ("might", AUX),
    ("should", AUX),
    ("can", AUX),
    ("did", AUX),
    ("does", AUX),
    ("do", AUX),
    ("must", AUX),
    ("'ve", AUX),
    ("'d", AUX),
    ("'ll", AUX),
    ("’ve", AUX),
    ("’d", AUX),
    ("’ll", AUX),
    ("is", PASSIVE),
    ("was", PASSIVE),
    ("were", PASSIVE),
    ("are", PASSIVE),
    ("be", PASSIVE),
    ("been", PASSIVE),
    ("being", PASSIVE),
    ("'s", PASSIVE),
    ("’s", PASSIVE),
    ("get", PASSIVE),
    ("got", PASSIVE),
    ("gets", PASSIVE),
    ("also", ADV),
    ("later", ADV | TEMPORAL),
    ("then", ADV),
    ("again", ADV),
    ("further", ADV),
    ("previously", ADV),
    ("recently", ADV | TEMPORAL),
    ("separately", ADV),
    ("earlier", ADV | TEMPORAL),
    ("once", ADV),
    ("repeatedly", ADV),
    ("reportedly", ADV),
    ("publicly", ADV),
    ("privately", ADV),
    ("simply", ADV),
    ("only", ADV),
    ("just", ADV),
    ("still", ADV),
    ("often", ADV),
    ("already", ADV),
    ("now", ADV | TEMPORAL),
    ("yesterday", TEMPORAL),
    ("today", TEMPORAL),
    ("tonight", TEMPORAL),
    ("late", TEMPORAL),
    ("last", TEMPORAL),
    ("monday", TEMPORAL | WEEKDAY),
    ("tuesday", TEMPORAL | WEEKDAY),
    ("wednesday", TEMPORAL | WEEKDAY),
    ("thursday", TEMPORAL | WEEKDAY),
    ("friday", TEMPORAL | WEEKDAY),
    ("saturday", TEMPORAL | WEEKDAY),
    ("sunday", TEMPORAL | WEEKDAY),
    ("not", NEG),
    ("n't", NEG),
    ("n’t", NEG),
    ("never", NEG),
    ("neither", NEG),
    ("nor", NEG),
    ("that", THAT | DET),
    ("who", REL),
    ("which", REL),
    ("whom", REL),
    ("according", ACCORDING),
    ("he", PRON_SG),
    ("she", PRON_SG),
    ("they", PRON_PL),
    ("we", PRON_PL),
    ("i", PRON_OTHER),
    ("it", PRON_OTHER),
    ("you", PRON_OTHER | OBJ),
    ("him", OBJ),
    ("them", OBJ),
    ("us", OBJ),
    ("me", OBJ),
    ("reporters", OBJ),
    ("journalists", OBJ),
    ("lawmakers", OBJ),
    ("supporters", OBJ),
    ("listeners", OBJ),
    ("viewers", OBJ),
    ("readers", OBJ),
    ("parliament", OBJ),
    ("congress", OBJ),
    ("so-called", NAMING),
    ("dubbed", NAMING),
    ("called", NAMING),
    ("named", NAMING),
    ("titled", NAMING),
    ("entitled", NAMING),
    ("term", NAMING),
    ("terms", NAMING),
    ("word", NAMING),
    ("words", NAMING),
    ("phrase", NAMING),
    ("hashtag", NAMING),
    ("film", NAMING),
    ("movie", NAMING),
    ("book", NAMING),
    ("song", NAMING),
    ("album", NAMING),
    ("series", NAMING),
    ("show", NAMING),
    ("novel", NAMING),
    ("slogan", NAMING),
    ("motto", NAMING),
    ("operation", NAMING),
    ("labelled", NAMING),
    ("labeled", NAMING),
    ("branded", NAMING),
    ("nicknamed", NAMING),
    ("known", NAMING),
    ("headlined", NAMING),
    ("podcast", NAMING),
    ("documentary", NAMING),
    ("episode", NAMING),
    ("play", NAMING),
    ("exhibition", NAMING),
    ("program", NAMING),
    ("programme", NAMING),
    ("label", NAMING),
    ("brand", NAMING),
    ("nickname", NAMING),
    ("logo", NAMING),
    ("report", DOC_NOUN),
    ("reports", DOC_NOUN),
    ("data", DOC_NOUN),
    ("figures", DOC_NOUN),
    ("statistics", DOC_NOUN),
    ("estimates", DOC_NOUN),
    ("poll", DOC_NOUN),
    ("polls", DOC_NOUN),
    ("survey", DOC_NOUN),
    ("study", DOC_NOUN),
    ("research", DOC_NOUN),
    ("documents", DOC_NOUN),
    ("document", DOC_NOUN),
    ("records", DOC_NOUN),
    ("analysis", DOC_NOUN),
    ("filings", DOC_NOUN),
    ("filing", DOC_NOUN),
    ("census", DOC_NOUN),
    ("forecast", DOC_NOUN),
    ("forecasts", DOC_NOUN),
    ("website", DOC_NOUN),
    ("index", DOC_NOUN),
    ("map", DOC_NOUN),
    ("and", CONJ),
    ("but", CONJ),
    ("or", CONJ),
    ("so", CONJ),
    ("yet", CONJ),
    ("spokesman", TITLE),
    ("spokeswoman", TITLE),
    ("spokesperson", TITLE),
    ("minister", TITLE),
    ("president", TITLE),
    ("secretary", TITLE),
    ("director", TITLE),
    ("adviser", TITLE),
    ("advisor", TITLE),
    ("chief", TITLE),
    ("head", TITLE),
    ("leader", TITLE),
    ("official", TITLE),
    ("ambassador", TITLE),
    ("envoy", TITLE),
    ("commander", TITLE),
    ("general", TITLE),
    ("senator", TITLE),
    ("governor", TITLE),
    ("mayor", TITLE),
    ("chairman", TITLE),
    ("chairwoman", TITLE),
    ("chair", TITLE),
    ("ceo", TITLE),
    ("founder", TITLE),
    ("analyst", TITLE),
    ("professor", TITLE),
    ("lawyer", TITLE),
    ("attorney", TITLE),
    ("coach", TITLE),
    ("manager", TITLE),
    ("executive", TITLE),
    ("officer", TITLE),
    ("representative", TITLE),
    ("deputy", TITLE),
    ("former", TITLE),
    ("vice", TITLE),
    ("senior", TITLE),
    ("national", TITLE),
    ("security", TITLE),
    ("foreign", TITLE),
    ("prime", TITLE),
    ("state", TITLE),
    ("communications", TITLE),
    ("press", TITLE),
    ("economist", TITLE),
    ("researcher", TITLE),
    ("scientist", TITLE),
    ("expert", TITLE),
    ("author", TITLE),
    ("co-founder", TITLE),
    ("there", NONSUBJ),
    ("here", NONSUBJ),
    ("what", NONSUBJ),
    ("how", NONSUBJ),
    ("why", NONSUBJ),
    ("where", NONSUBJ),
    ("whether", NONSUBJ),
    ("if", NONSUBJ),
];

/// FxHash (rustc's hasher): fast on short keys, no DoS concern for a fixed word list.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut b = bytes;
        while b.len() >= 8 {
            let v = u64::from_le_bytes(b[..8].try_into().unwrap());
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
            b = &b[8..];
        }
        if b.len() >= 4 {
            let v = u32::from_le_bytes(b[..4].try_into().unwrap()) as u64;
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
            b = &b[4..];
        }
        for &x in b {
            h = (h.rotate_left(5) ^ x as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// What the lexicon knows about a lowercased word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// Function-word class bits.
    pub class: u32,
    /// Cue id + 1 (0: not a cue).
    pub cue: u16,
}

/// Longest word the lexicon holds (longer words are never looked up).
const MAX_LEN: usize = 24;

/// Speech verbs and function words.
#[derive(Debug, Clone)]
pub struct Lexicon {
    words: FxMap<Box<[u8]>, WordInfo>,
    cues: Vec<Cue>,
    /// Lemmas, in file order.
    #[allow(dead_code)]
    pub lemmas: Vec<String>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::parse(SPEECH_VERBS).expect("the bundled speech-verb list parses")
    }
}

impl Lexicon {
    /// Parses a speech-verb list in the format of `data/speech_verbs.txt`.
    pub fn parse(src: &str) -> Result<Lexicon, String> {
        let mut words: FxMap<Box<[u8]>, WordInfo> = FxMap::default();
        for &(w, c) in WORDS {
            words.entry(w.as_bytes().into()).or_default().class |= c;
        }
        let mut cues = Vec::new();
        let mut lemmas = Vec::new();
        for (n, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (forms, class) = line
                .split_once(';')
                .ok_or_else(|| format!("line {}: missing `; class`", n + 1))?;
            let mut flags = class.split_whitespace();
            let class = flags.next().unwrap_or("");
            let (mut noun, mut weak) = (false, false);
            for f in flags {
                match f {
                    "noun" => noun = true,
                    "weak" => weak = true,
                    other => return Err(format!("line {}: unknown flag `{other}`", n + 1)),
                }
            }
            let class = match class {
                "clause" => CueClass::Clause,
                "object" => CueClass::Object,
                "that" => CueClass::That,
                "direct" => CueClass::Direct,
                other => return Err(format!("line {}: unknown class `{other}`", n + 1)),
            };
            let mut it = forms.split_whitespace();
            let lemma = it
                .next()
                .ok_or_else(|| format!("line {}: no lemma", n + 1))?;
            let lemma_id = lemmas.len() as u16;
            lemmas.push(lemma.to_ascii_lowercase());
            for (fi, form) in it.enumerate() {
                let form = form.to_ascii_lowercase();
                // Forms are listed base, -s, past, ...: the first two are the noun-like ones.
                let nounish = noun && fi < 2 && !form.ends_with("ed");
                if form.len() > MAX_LEN {
                    return Err(format!("line {}: `{form}` is too long", n + 1));
                }
                let cue = Cue {
                    lemma: lemma_id,
                    class,
                    ing: form.ends_with("ing"),
                    noun: nounish,
                    weak,
                };
                let e = words.entry(form.as_bytes().into()).or_default();
                if e.cue == 0 {
                    cues.push(cue);
                    e.cue = cues.len() as u16;
                }
            }
        }
        Ok(Lexicon {
            words,
            cues,
            lemmas,
        })
    }

    /// Looks a word up, case-insensitively (ASCII; curly apostrophes are kept).
    #[inline]
    pub fn info(&self, word: &str) -> WordInfo {
        let b = word.as_bytes();
        if b.is_empty() || b.len() > MAX_LEN {
            return WordInfo::default();
        }
        let mut buf = [0u8; MAX_LEN];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        self.words.get(&buf[..b.len()]).copied().unwrap_or_default()
    }

    /// The cue of a [`WordInfo::cue`] id.
    #[inline]
    pub fn cue(&self, id: u16) -> Option<&Cue> {
        id.checked_sub(1).and_then(|i| self.cues.get(i as usize))
    }

    /// Number of cue forms.
    #[allow(dead_code)]
    pub fn cue_count(&self) -> usize {
        self.cues.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_list_parses() {
        let l = Lexicon::default();
        assert!(l.cue_count() > 200);
        let said = l.info("Said");
        assert_eq!(l.cue(said.cue).unwrap().class, CueClass::Clause);
        assert!(l.info("emphasized").cue > 0);
        assert!(l.info("adding").cue > 0 && l.cue(l.info("adding").cue).unwrap().ing);
        assert_eq!(l.info("think").cue, 0);
        assert_eq!(l.info("believe").cue, 0);
        assert!(l.info("the").class & DET != 0);
    }

    #[test]
    fn bad_class_is_an_error() {
        assert!(Lexicon::parse("say said ; blah").is_err());
        assert!(Lexicon::parse("say said").is_err());
    }
}
