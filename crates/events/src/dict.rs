//! The event pattern dictionary (`data/verbs.tsv`, `data/irregular.tsv`), compiled into one
//! map from a lowercase word form to the patterns it can start.

use newsgraph_actors::lexicon::FxMap;
use newsgraph_core::EventType;

/// The built-in patterns.
pub const VERBS_TSV: &str = include_str!("../data/verbs.tsv");
/// Irregular verb forms.
pub const IRREGULAR_TSV: &str = include_str!("../data/irregular.tsv");
/// Object classes (`obj=CLASS`).
pub const OBJECTS_TSV: &str = include_str!("../data/objects.tsv");

/// Where the target of a pattern is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetRule {
    /// The first actor after the trigger in the clause (`tgt=obj`).
    Object,
    /// Only an actor after to / with / on / against / toward / from (`tgt=pp`).
    Prep,
    /// No target (`tgt=none`).
    None,
}

/// One pattern of the dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The words after the first (particles, prepositions, noun compounds), lowercase.
    pub rest: Vec<String>,
    /// A noun pattern (`n:`).
    pub noun: bool,
    /// PLOVER type.
    pub kind: EventType,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// CAMEO root code.
    pub cameo: String,
    /// Goldstein value.
    pub goldstein: f32,
    /// Where the target is.
    pub target: TargetRule,
    /// With no target, the place becomes the target (`tgt+place`).
    pub place_as_target: bool,
    /// With no target after the trigger, a relative clause's antecedent is the target
    /// (`a plan that X rejects`) (`tgt+of`).
    pub antecedent_target: bool,
    /// The source follows `of` (nouns: `the cancellation of X's trip`).
    pub source_of: bool,
    /// The bare form is also a noun or adjective: it counts only after a modal, `to`, `not`.
    pub no_base: bool,
    /// With no actor target, a word of this object class (bit) must stand near (`obj=`).
    pub object: Option<u32>,
    /// A commissive verb (`vow`, `pledge`): an event noun as its object is the event.
    pub commit: bool,
    /// With no target, the voting body last named in the paragraph (`tgt+body`).
    pub body_target: bool,
    /// No event without a target (`needtgt`).
    pub need_target: bool,
    /// Not followed by `to` (`seek to` is an attempt, not a request) (`notto`).
    pub not_to: bool,
    /// A possessive before the noun is its target (`the president's assassination`)
    /// (`poss=tgt`).
    pub poss_target: bool,
    /// `X to do Y` after the target makes it a demand (`warned Georgia to shelve`)
    /// (`toreq`).
    pub to_request: bool,
    /// With no source, the authorities of the country of context (`src+state`: `she was
    /// arrested`).
    pub state_source: bool,
    /// With no source, the voting body (an IGO or legislature) last named in the paragraph
    /// (`src+body`: `the resolution was adopted`).
    pub body_source: bool,
    /// With no target, the authorities of the country of context (`tgt+state`: `pleaded
    /// guilty`).
    pub state_target: bool,
    /// An event only with `to <verb>` after the target, then a REQUEST (`needto`: `told her to
    /// leave`; `told reporters` is none).
    pub need_to: bool,
}

/// A word form starting a pattern: which pattern, and whether the form is the bare lemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    /// Index in [`Dictionary::patterns`].
    pub pattern: u32,
    /// The form is the bare lemma (matters for `nobase`).
    pub base: bool,
    /// The form is a past tense or participle (`-ed` or irregular past).
    pub past: bool,
}

/// The compiled dictionary.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    /// Every pattern, in file order.
    pub patterns: Vec<Pattern>,
    /// First-word form (lowercase) -> the patterns it starts, longest patterns first.
    pub starts: FxMap<String, Vec<Start>>,
    /// Object words (lowercase, singular and plural) -> the classes (bits) they belong to.
    pub objects: FxMap<String, u32>,
    /// Prefilter over (first letter, last letter or `.`) of the first-word forms: a bit per
    /// byte length (capped at 31); a word whose bit is clear starts no pattern.
    pub filter: Vec<u32>,
    /// The same prefilter over the time words of [`crate::dates::TIME_WORDS`].
    pub time_filter: Vec<u32>,
}

/// The prefilter slot of a word (`None`: it starts with no ASCII letter, or ends with
/// neither a letter nor `.`).
#[inline]
pub fn filter_key(w: &[u8]) -> Option<usize> {
    let f = *w.first()?;
    let l = *w.last()?;
    if !f.is_ascii_alphabetic() {
        return None;
    }
    let li = if l.is_ascii_alphabetic() {
        (l | 0x20) - b'a'
    } else if l == b'.' {
        26
    } else {
        return None;
    };
    Some(((f | 0x20) - b'a') as usize * 27 + li as usize)
}

/// The length bit of a word for [`filter_key`] slots.
#[inline]
pub fn filter_bit(w: &[u8]) -> u32 {
    1u32 << w.len().min(31)
}

fn add_filter(filter: &mut [u32], w: &str) {
    if let Some(k) = filter_key(w.as_bytes()) {
        filter[k] |= filter_bit(w.as_bytes());
    }
}

/// A problem in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError(pub String);

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DataError {}

/// Data lines of a TSV file: `(line number, columns)`, comments and blank lines skipped.
pub fn tsv_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim_end_matches('\r');
        (!l.trim().is_empty() && !l.starts_with('#'))
            .then(|| (i + 1, l.split('\t').map(str::trim).collect()))
    })
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Regular inflections of a verb lemma, generously (both `canceled` and `cancelled`): the
/// forms are only compared with words that occur in text.
pub fn verb_forms(lemma: &str) -> Vec<(String, bool)> {
    let b = lemma.as_bytes();
    let last = *b.last().unwrap_or(&b'x');
    let mut forms = vec![(lemma.to_string(), false)];
    let stem_e = lemma.strip_suffix('e');
    // -s
    if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || last == b'x'
        || last == b'z'
        || last == b'o'
    {
        forms.push((format!("{lemma}es"), false));
    } else if last == b'y' && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        forms.push((format!("{}ies", &lemma[..lemma.len() - 1]), false));
    } else {
        forms.push((format!("{lemma}s"), false));
    }
    // -ed, -ing
    if let Some(stem) = stem_e {
        forms.push((format!("{lemma}d"), true));
        forms.push((format!("{stem}ing"), false));
    } else if last == b'y' && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        let stem = &lemma[..lemma.len() - 1];
        forms.push((format!("{stem}ied"), true));
        forms.push((format!("{lemma}ing"), false));
    } else {
        forms.push((format!("{lemma}ed"), true));
        forms.push((format!("{lemma}ing"), false));
        // consonant doubling (ban -> banned, cancel -> cancelled, veto stays)
        let n = b.len();
        if n >= 3
            && !is_vowel(last)
            && !matches!(last, b'w' | b'x' | b'y')
            && is_vowel(b[n - 2])
            && !is_vowel(b[n - 3])
        {
            forms.push((format!("{lemma}{}ed", last as char), true));
            forms.push((format!("{lemma}{}ing", last as char), false));
        }
    }
    forms
}

fn plural(noun: &str) -> String {
    let b = noun.as_bytes();
    let last = *b.last().unwrap_or(&b'x');
    if noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch") || last == b'x' {
        format!("{noun}es")
    } else if last == b'y' && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    }
}

impl Dictionary {
    /// The built-in dictionary.
    pub fn builtin() -> Dictionary {
        Dictionary::parse(VERBS_TSV, IRREGULAR_TSV).expect("the built-in event patterns parse")
    }

    /// Parses a pattern file and an irregular-forms file (object classes: the built-in
    /// `data/objects.tsv`).
    pub fn parse(verbs: &str, irregular: &str) -> Result<Dictionary, DataError> {
        Dictionary::parse_with_objects(verbs, irregular, OBJECTS_TSV)
    }

    /// Parses a pattern file, an irregular-forms file and an object-class file.
    pub fn parse_with_objects(
        verbs: &str,
        irregular: &str,
        objects: &str,
    ) -> Result<Dictionary, DataError> {
        let mut classes: Vec<String> = Vec::new();
        let mut object_words: FxMap<String, u32> = FxMap::default();
        for (line, c) in tsv_lines(objects) {
            if c.len() < 2 {
                return Err(DataError(format!(
                    "objects.tsv line {line}: expected class and words separated by a TAB"
                )));
            }
            if classes.len() >= 32 {
                return Err(DataError(format!(
                    "objects.tsv line {line}: at most 32 classes"
                )));
            }
            let bit = 1u32 << classes.len();
            classes.push(c[0].to_string());
            for w in c[1].split('|').map(|w| w.trim().to_lowercase()) {
                if w.is_empty() {
                    continue;
                }
                *object_words.entry(plural(&w)).or_default() |= bit;
                *object_words.entry(w).or_default() |= bit;
            }
        }
        let mut irr: FxMap<String, Vec<String>> = FxMap::default();
        for (_, c) in tsv_lines(irregular) {
            if c.len() >= 2 {
                irr.entry(c[0].to_lowercase())
                    .or_default()
                    .extend(c[1].split('|').map(|s| s.to_lowercase()));
            }
        }
        let mut d = Dictionary {
            objects: object_words,
            ..Dictionary::default()
        };
        for (line, c) in tsv_lines(verbs) {
            if c.len() < 5 {
                return Err(DataError(format!(
                    "verbs.tsv line {line}: expected pattern, type, mode, cameo, goldstein[, roles] separated by TABs"
                )));
            }
            let kind = EventType::parse(c[1]).ok_or_else(|| {
                DataError(format!(
                    "verbs.tsv line {line}: `{}` is not a PLOVER event type",
                    c[1]
                ))
            })?;
            let goldstein: f32 = c[4].parse().map_err(|_| {
                DataError(format!(
                    "verbs.tsv line {line}: Goldstein value `{}` is not a number",
                    c[4]
                ))
            })?;
            let (noun, phrase) = match c[0].strip_prefix("n:") {
                Some(p) => (true, p),
                None => (false, c[0]),
            };
            let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() {
                return Err(DataError(format!("verbs.tsv line {line}: empty pattern")));
            }
            let roles = c.get(5).copied().unwrap_or("-");
            let mut p = Pattern {
                rest: words[1..].to_vec(),
                noun,
                kind,
                mode: (c[2] != "-").then(|| c[2].to_string()),
                cameo: c[3].to_string(),
                goldstein,
                target: TargetRule::Object,
                place_as_target: false,
                antecedent_target: false,
                source_of: false,
                no_base: false,
                object: None,
                commit: false,
                body_target: false,
                need_target: false,
                not_to: false,
                poss_target: false,
                to_request: false,
                state_source: false,
                body_source: false,
                state_target: false,
                need_to: false,
            };
            for r in roles
                .split(';')
                .map(str::trim)
                .filter(|r| !r.is_empty() && *r != "-")
            {
                match r {
                    "tgt=obj" => p.target = TargetRule::Object,
                    "tgt=pp" => p.target = TargetRule::Prep,
                    "tgt=none" => p.target = TargetRule::None,
                    "tgt+place" => p.place_as_target = true,
                    "tgt+of" => p.antecedent_target = true,
                    "src=of" => p.source_of = true,
                    "nobase" => p.no_base = true,
                    "commit" => p.commit = true,
                    "tgt+body" => p.body_target = true,
                    "needtgt" => p.need_target = true,
                    "notto" => p.not_to = true,
                    "poss=tgt" => p.poss_target = true,
                    "toreq" => p.to_request = true,
                    "src+state" => p.state_source = true,
                    "src+body" => p.body_source = true,
                    "tgt+state" => p.state_target = true,
                    "needto" => {
                        p.need_to = true;
                        p.to_request = true;
                    }
                    _ if r.starts_with("obj=") => {
                        let name = &r[4..];
                        let k = classes.iter().position(|c| c == name).ok_or_else(|| {
                            DataError(format!(
                                "verbs.tsv line {line}: unknown object class `{name}` (objects.tsv)"
                            ))
                        })?;
                        p.object = Some(1 << k);
                    }
                    _ => {
                        return Err(DataError(format!(
                            "verbs.tsv line {line}: unknown role `{r}`"
                        )))
                    }
                }
            }
            let id = d.patterns.len() as u32;
            let first = &words[0];
            let mut forms: Vec<(String, bool)> = if noun && words.len() == 1 {
                vec![(first.clone(), false), (plural(first), false)]
            } else if noun {
                vec![(first.clone(), false)]
            } else {
                let mut f = verb_forms(first);
                for x in irr.get(first).into_iter().flatten() {
                    f.push((x.clone(), !x.ends_with("ing") && !x.ends_with('s')));
                }
                f
            };
            // a multiword noun's last word takes the plural (`air strikes`)
            if noun && words.len() > 1 {
                let mut rest = p.rest.clone();
                let last = rest.pop().unwrap();
                let mut q = p.clone();
                rest.push(plural(&last));
                q.rest = rest;
                d.patterns.push(p);
                d.patterns.push(q);
                for pid in [id, id + 1] {
                    d.starts.entry(first.clone()).or_default().push(Start {
                        pattern: pid,
                        base: false,
                        past: false,
                    });
                }
                continue;
            }
            forms.dedup();
            d.patterns.push(p);
            for (f, past) in forms {
                let base = !noun && f == *first;
                d.starts.entry(f).or_default().push(Start {
                    pattern: id,
                    base,
                    past,
                });
            }
        }
        d.filter = vec![0; 26 * 27];
        for k in d.starts.keys() {
            add_filter(&mut d.filter, k);
        }
        d.time_filter = vec![0; 26 * 27];
        for w in crate::dates::TIME_WORDS {
            add_filter(&mut d.time_filter, w);
        }
        let pats = &d.patterns;
        for v in d.starts.values_mut() {
            v.sort_by_key(|s| std::cmp::Reverse(pats[s.pattern as usize].rest.len()));
        }
        Ok(d)
    }
}
