//! Candidate mentions from rules: capitalised token runs split into nationality, organization,
//! title and name parts; lexicon phrases; pronouns; nominals (`the prime minister`); photo
//! credits. The output is a flat list of [`Candidate`]s that [`crate::coref`] merges into
//! actors, whatever produced them.

use crate::lexicon::{flags, EntryKind, Gender, Lexicon, Role, Target, TitleKind, WordInfo};
use crate::titles;
use newsgraph_core::{
    BlockKind, Document, Entity, EntityLabel, MentionKind, Span, Token, TokenKind,
};

/// What a candidate mention seems to be before merging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A person's name.
    Person,
    /// An organization.
    Org,
    /// A country (or its government).
    Country,
    /// A place.
    Place,
    /// A group of people.
    Group,
    /// A capitalised name of unknown kind; kept only when merging finds what it is.
    Unknown,
    /// A third-person pronoun.
    Pronoun {
        /// `they`, `them`.
        plural: bool,
    },
    /// A common-noun description with a title (`the prime minister`).
    Nominal,
}

/// A mention with what the rules found out about it, the input of [`crate::coref::merge`].
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The mention's bytes.
    pub span: Span,
    /// Name, nationality, pronoun or nominal.
    pub mention: MentionKind,
    /// What it seems to be.
    pub class: Class,
    /// Lexicon entry (countries, organizations, places) and how it was referred to.
    pub entry: Option<(u32, Role)>,
    /// Canonical name when the rules built one (`Prime Minister's Office`).
    pub name: Option<String>,
    /// Titles and roles read next to it (for nominals: the title).
    pub titles: Vec<String>,
    /// ISO alpha-3 country read next to it.
    pub country: Option<String>,
    /// Gender from given name, title or pronoun.
    pub gender: Gender,
    /// Subject of a speech verb (`Kirby said`, `said ... Kirby`).
    pub speaker: bool,
    /// First person or pronoun of its sentence outside quotes (subject position).
    pub subject: bool,
    /// Starts its sentence (capitalisation may be positional only).
    pub initial: bool,
    /// Inside quotation marks.
    pub in_quote: bool,
    /// Index of its first token in `doc.tokens` (`u32::MAX` outside tokens).
    pub token: u32,
    /// Index of its sentence (`u32::MAX` outside sentences).
    pub sentence: u32,
}

impl Candidate {
    /// A bare candidate.
    pub fn new(span: Span, mention: MentionKind, class: Class) -> Candidate {
        Candidate {
            span,
            mention,
            class,
            entry: None,
            name: None,
            titles: Vec::new(),
            country: None,
            gender: Gender::Unknown,
            speaker: false,
            subject: false,
            initial: false,
            in_quote: false,
            token: u32::MAX,
            sentence: u32::MAX,
        }
    }
}

/// The tokens of a document with their lowercase forms and lexicon information.
pub struct TokenView<'a> {
    /// The text.
    pub text: &'a str,
    /// The tokens.
    pub toks: &'a [Token],
    /// The text lowercased in ASCII, then the lowercase forms of the non-ASCII tokens.
    lc: String,
    /// Per token: lowercase form, hash, flags, class.
    td: Vec<Td>,
    /// Longest phrase match per token within its sentence (length 0: none).
    memo: Vec<(u8, Target)>,
    /// Lexicon information per token.
    pub info: Vec<Option<&'a WordInfo>>,
    /// Sentence index per token.
    pub sent: Vec<u32>,
    /// Sentence bounds in token indices.
    pub sent_bounds: Vec<(u32, u32)>,
    /// Inside double quotation marks.
    pub in_quote: Vec<bool>,
    /// Number of tokens with [`C_LOWER`].
    n_lower: usize,
    /// Open-addressing set of the hashes of the word tokens starting with an ASCII lowercase
    /// letter (0 marks an empty slot; the flag says whether hash 0 itself is in), built on
    /// first use by [`TokenView::seen_lowercase`].
    lower_set: std::cell::OnceCell<(Vec<u64>, bool)>,
}

/// What the view knows about one token, computed once.
#[derive(Debug, Clone, Copy, Default)]
struct Td {
    /// [`crate::lexicon::fxhash`] of the lowercase form.
    hash: u64,
    /// Byte range of the lowercase form in `TokenView::lc`.
    lc: (u32, u32),
    /// Lexicon [`flags`] (0 without lexicon information).
    fl: u16,
    /// Class bits: [`C_WORD`], [`C_CAP`], [`C_LOWER`], [`C_PHRASES`].
    cls: u8,
}

/// A word token.
const C_WORD: u8 = 1;
/// A word token starting with an uppercase letter.
const C_CAP: u8 = 2;
/// A word token starting with an ASCII lowercase letter.
const C_LOWER: u8 = 4;
/// A token whose lexicon word starts phrases.
const C_PHRASES: u8 = 8;

/// The offset of the first byte at or after `from` that is not ASCII (`usize::MAX`: none),
/// eight bytes at a time.
fn first_non_ascii(bytes: &[u8], from: usize) -> usize {
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= bytes.len() {
        let w = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
        if w & HI != 0 {
            return i + ((w & HI).trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    bytes[i.min(bytes.len())..]
        .iter()
        .position(|&b| b >= 128)
        .map_or(usize::MAX, |p| i + p)
}

/// `s` with ASCII letters lowercased, eight bytes at a time (other bytes unchanged).
fn ascii_lowercase(s: &str) -> String {
    const LO: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut v = s.as_bytes().to_vec();
    let mut chunks = v.chunks_exact_mut(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes((&*c).try_into().unwrap());
        let h = w & LO;
        // Bit 7 of each byte: at least `A`, above `Z`, ASCII.
        let ge_a = h.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
        let gt_z = h.wrapping_add(0x2525_2525_2525_2525);
        let upper = (ge_a ^ gt_z) & !w & HI;
        c.copy_from_slice(&(w | (upper >> 2)).to_le_bytes());
    }
    chunks.into_remainder().make_ascii_lowercase();
    String::from_utf8(v).expect("ASCII lowercasing keeps UTF-8")
}

fn is_double_quote(s: &str) -> bool {
    matches!(
        s,
        "\"" | "\u{201c}" | "\u{201d}" | "\u{ab}" | "\u{bb}" | "\u{201e}" | "``" | "''"
    )
}

impl<'a> TokenView<'a> {
    /// Builds the view: one lowercase arena and one hash lookup per token.
    pub fn new(lex: &'a Lexicon, doc: &'a Document) -> TokenView<'a> {
        let text = doc.text.as_str();
        let toks = doc.tokens.as_slice();
        let n = toks.len();
        // The lowercase forms: ASCII tokens are their own span of the lowercased text, others
        // (typographic apostrophes, non-ASCII letters) go after it.
        let mut lc = ascii_lowercase(text);
        let mut extra = String::new();
        let mut td = vec![Td::default(); n];
        let mut info: Vec<Option<&'a WordInfo>> = vec![None; n];
        let mut in_quote = vec![false; n];
        let mut n_lower = 0;
        let bytes = text.as_bytes();
        let non_ascii_from = |from: usize| first_non_ascii(bytes, from);
        // The first non-ASCII byte at or after `na_from` (at most the current token's start).
        let mut na_from = 0;
        let mut next_na = non_ascii_from(0);
        // Quote state, reset at every block and at every sentence that is not in one.
        let mut inside = false;
        let mut block_end = 0u32;
        for ((t, d), (w_out, q_out)) in toks
            .iter()
            .zip(td.iter_mut())
            .zip(info.iter_mut().zip(in_quote.iter_mut()))
        {
            let (a, b) = (t.span.start as usize, t.span.end as usize);
            if next_na < a || na_from > a {
                na_from = a;
                next_na = non_ascii_from(a);
            }
            let (s, e) = if next_na >= b {
                (a, b)
            } else {
                let s = text.len() + extra.len();
                crate::lexicon::push_lower(&text[a..b], &mut extra);
                (s, text.len() + extra.len())
            };
            let form = if s < text.len() {
                &lc.as_bytes()[s..e]
            } else {
                &extra.as_bytes()[s - text.len()..e - text.len()]
            };
            let h = crate::lexicon::fxhash_bytes(form);
            let mut c = 0;
            let mut fl = 0;
            if t.kind == TokenKind::Word || t.kind == TokenKind::Punct {
                if let Some((w, f, phrases)) = lex.lookup_token(form, h) {
                    *w_out = Some(w);
                    fl = f;
                    if phrases {
                        c |= C_PHRASES;
                    }
                }
            }
            if t.kind == TokenKind::Word {
                c |= C_WORD;
                let b0 = bytes[a];
                if b0 < 128 {
                    if b0.is_ascii_uppercase() {
                        c |= C_CAP;
                    } else if b0.is_ascii_lowercase() {
                        c |= C_LOWER;
                        n_lower += 1;
                    }
                } else if text[a..b].chars().next().is_some_and(char::is_uppercase) {
                    c |= C_CAP;
                }
            }
            *d = Td {
                hash: h,
                lc: (s as u32, e as u32),
                fl,
                cls: c,
            };
            if t.span.start >= block_end {
                inside = false;
                block_end = doc
                    .block_at(t.span.start as usize)
                    .map_or(u32::MAX, |b| b.span.end);
            }
            if t.kind == TokenKind::Quote {
                let q = &text[a..b];
                if is_double_quote(q) {
                    inside = match q {
                        "\u{201c}" | "\u{201e}" | "\u{ab}" | "``" => true,
                        "\u{201d}" | "\u{bb}" | "''" => false,
                        _ => !inside,
                    };
                    continue; // *q_out stays false
                }
            }
            *q_out = inside;
        }
        lc.push_str(&extra);
        let mut sent = vec![u32::MAX; n];
        let mut sent_bounds = Vec::with_capacity(doc.sentences.len());
        let mut ti = 0usize;
        for (si, s) in doc.sentences.iter().enumerate() {
            while ti < n && toks[ti].span.start < s.start {
                ti += 1;
            }
            let a = ti;
            while ti < n && toks[ti].span.end <= s.end {
                sent[ti] = si as u32;
                ti += 1;
            }
            sent_bounds.push((a as u32, ti as u32));
        }
        let mut v = TokenView {
            text,
            toks,
            lc,
            td,
            memo: Vec::new(),
            info,
            sent,
            sent_bounds,
            in_quote,
            n_lower,
            lower_set: std::cell::OnceCell::new(),
        };
        let mut memo = vec![(0u8, Target::Title(0)); n];
        for &(a, b) in &v.sent_bounds {
            let (a, b) = (a as usize, b as usize);
            for (i, slot) in (a..b).zip(&mut memo[a..b]) {
                if v.td[i].cls & C_PHRASES != 0 {
                    if let Some((n, t)) = v.match_phrase(i, b) {
                        *slot = (n as u8, t);
                    }
                }
            }
        }
        v.memo = memo;
        v
    }

    /// Number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when there are no tokens.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Lowercase form of token `i`.
    #[inline]
    pub fn lc(&self, i: usize) -> &str {
        let (a, b) = self.td[i].lc;
        &self.lc[a as usize..b as usize]
    }

    /// Text of token `i`.
    #[inline]
    pub fn raw(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].span.range()]
    }

    /// Token `i` has the flag.
    #[inline]
    pub fn is(&self, i: usize, f: u16) -> bool {
        self.td.get(i).is_some_and(|d| d.fl & f != 0)
    }

    /// Word token starting with an uppercase letter.
    #[inline]
    pub fn cap(&self, i: usize) -> bool {
        self.td[i].cls & C_CAP != 0
    }

    /// A word token.
    #[inline]
    pub fn word(&self, i: usize) -> bool {
        self.td[i].cls & C_WORD != 0
    }

    /// Token `i` is written in lowercase elsewhere in the document (`Critics said` when the
    /// article also says `critics`): a common noun, not a name.
    #[inline]
    pub fn seen_lowercase(&self, i: usize) -> bool {
        let h = self.td[i].hash;
        if self.td[i].cls & C_LOWER != 0 {
            // Token `i` is in the set itself: look for another one.
            return self
                .td
                .iter()
                .enumerate()
                .any(|(j, d)| d.hash == h && j != i && d.cls & C_LOWER != 0);
        }
        let (set, zero) = self.lower_set.get_or_init(|| {
            // At most half full: `n_lower` counts repeated words once each time.
            let mut set = vec![0u64; (self.n_lower * 2).next_power_of_two().max(16)];
            let m = set.len() - 1;
            let mut zero = false;
            for &Td {
                hash: x, cls: c, ..
            } in &self.td
            {
                if c & C_LOWER != 0 {
                    if x == 0 {
                        zero = true;
                        continue;
                    }
                    let mut k = (x >> 40) as usize & m;
                    while set[k] != 0 && set[k] != x {
                        k = (k + 1) & m;
                    }
                    set[k] = x;
                }
            }
            (set, zero)
        });
        if h == 0 {
            return *zero;
        }
        let m = set.len() - 1;
        let mut k = (h >> 40) as usize & m;
        loop {
            match set[k] {
                0 => return false,
                x if x == h => return true,
                _ => k = (k + 1) & m,
            }
        }
    }

    /// The possessive clitic `'s`.
    #[inline]
    pub fn possessive(&self, i: usize) -> bool {
        i < self.len() && matches!(self.lc(i), "'s" | "'")
    }

    /// The span of tokens `a..b`.
    #[inline]
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span {
            start: self.toks[a].span.start,
            end: self.toks[b - 1].span.end,
        }
    }

    /// The longest lexicon phrase starting at token `i` and ending before `end`.
    #[inline]
    pub fn phrase_at(&self, i: usize, end: usize) -> Option<(usize, Target)> {
        match self.memo.get(i) {
            Some(&(0, _)) => None,
            Some(&(n, t)) if i + n as usize <= end => Some((n as usize, t)),
            _ => self.match_phrase(i, end),
        }
    }

    fn match_phrase(&self, i: usize, end: usize) -> Option<(usize, Target)> {
        let info = self.info[i]?;
        if !info.single
            && (i + 1 >= end || info.seconds.binary_search(&self.td[i + 1].hash).is_err())
        {
            return None;
        }
        'p: for p in &info.phrases {
            let n = p.toks.len();
            if i + n > end {
                continue;
            }
            if (1..n).any(|k| p.hashes[k] != self.td[i + k].hash) {
                continue;
            }
            for k in 0..n {
                let ok = if p.exact[k] {
                    crate::lexicon::same_apos(self.raw(i + k), &p.toks[k])
                } else {
                    self.lc(i + k) == &*p.toks[k]
                };
                if !ok {
                    continue 'p;
                }
            }
            return Some((n, p.target));
        }
        None
    }
}

/// Words that may join two capitalised words in a run without being a name connector;
/// a run that is not an organization is split at them (`Biden and Netanyahu`).
fn is_joiner(lc: &str) -> bool {
    matches!(lc, "and" | "for" | "to" | "on" | "&" | "the")
}

/// Words after a country that make a nominal mention of its government (`the U.S. side`).
fn is_government_noun(lc: &str) -> bool {
    matches!(
        lc,
        "side" | "government" | "administration" | "leadership" | "authorities"
    )
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Seg {
    Entry(u32, Role),
    Title(Option<u32>),
    Name,
}

/// Finds candidate mentions in a document's tokens and blocks.
pub fn find_candidates(lex: &Lexicon, doc: &Document) -> Vec<Candidate> {
    let v = TokenView::new(lex, doc);
    let mut out = Vec::with_capacity(v.len() / 8 + 8);
    let mut scratch = Scratch::default();
    for (si, &(a, b)) in v.sent_bounds.iter().enumerate() {
        let first = out.len();
        scan_sentence(
            lex,
            &v,
            a as usize,
            b as usize,
            si as u32,
            &mut out,
            &mut scratch,
        );
        if !doc.entities.is_empty() {
            use_entities(
                &v,
                &doc.entities,
                a as usize,
                b as usize,
                si as u32,
                &mut out,
                first,
            );
        }
        // Subject position: the first person, unknown name or pronoun outside quotes.
        if let Some(c) = out[first..].iter_mut().find(|c| {
            !c.in_quote
                && matches!(
                    c.class,
                    Class::Person | Class::Unknown | Class::Pronoun { .. }
                )
        }) {
            c.subject = true;
        }
    }
    credits(lex, doc, &mut out);
    out.sort_by_key(|c| (c.span.start, c.span.end));
    out
}

/// Uses a tagger's entities (`doc.entities`, when a tagger ran before this stage) in the
/// sentence `a..b`, whose rule candidates are `out[first..]`. Only persons: a name the rules
/// could not classify (`Class::Unknown`) with exactly a person entity's span becomes a
/// person (`Kash Patel`, `Hideo Kojima`), and a person the rules did not propose at all (a
/// sentence-initial name the article also writes in lower case) becomes a candidate. The
/// rules' own classes (lexicon entries, titles, given names) are kept: they are curated.
/// Other labels are not used: tagging an unknown acronym (`CISA`) as an organization made
/// it an actor of its own instead of joining the agency it abbreviates, and turning the
/// rules' organizations guessed from a verb (`Hayter reports`) into persons cost 0.02
/// direct-quote speaker accuracy on the NAEB gold (`the singer` then resolved to a
/// publicist named just before).
fn use_entities(
    v: &TokenView,
    ents: &[Entity],
    a: usize,
    b: usize,
    si: u32,
    out: &mut Vec<Candidate>,
    first: usize,
) {
    let (s0, s1) = (v.toks[a].span.start, v.toks[b - 1].span.end);
    let lo = ents.partition_point(|e| e.span.start < s0);
    let before = out.len();
    let persons = ents[lo..]
        .iter()
        .take_while(|e| e.span.end <= s1)
        .filter(|e| e.label == EntityLabel::Person);
    for e in persons {
        let mut overlapped = false;
        for c in &mut out[first..before] {
            if c.span.end <= e.span.start || c.span.start >= e.span.end {
                continue;
            }
            overlapped = true;
            if c.class == Class::Unknown && c.mention == MentionKind::Name && c.span == e.span {
                c.class = Class::Person;
            }
        }
        if overlapped {
            continue;
        }
        let ts = v.toks.partition_point(|t| t.span.start < e.span.start);
        let te = v.toks.partition_point(|t| t.span.end <= e.span.end);
        if ts >= te || te > b || !(ts..te).all(|t| v.cap(t)) {
            continue;
        }
        let mut c = Candidate::new(e.span, MentionKind::Name, Class::Person);
        c.token = ts as u32;
        c.sentence = si;
        c.in_quote = v.in_quote[ts];
        c.initial = ts == a;
        c.speaker = speech_after(v, te, b) || (ts > a && v.is(ts - 1, flags::SPEECH));
        out.push(c);
    }
    if out.len() > before {
        out[first..].sort_by_key(|c| (c.span.start, c.span.end));
    }
}

/// Buffers reused across runs.
#[derive(Default)]
struct Scratch {
    segs: Vec<(Seg, usize, usize)>,
    parts: Vec<(usize, usize)>,
}

fn scan_sentence(
    lex: &Lexicon,
    v: &TokenView,
    a: usize,
    b: usize,
    si: u32,
    out: &mut Vec<Candidate>,
    scratch: &mut Scratch,
) {
    let mut i = a;
    while i < b {
        let push = |out: &mut Vec<Candidate>, mut c: Candidate, t: usize| {
            c.token = t as u32;
            c.sentence = si;
            c.in_quote = v.in_quote[t];
            c.initial = t == a;
            out.push(c);
        };
        // Pronouns (the flags first: `info` is only read for a pronoun).
        if let Some(w) = v.info[i].filter(|_| v.is(i, flags::PRONOUN)) {
            if v.word(i) && (i == a || !v.cap(i) || v.raw(i).len() <= 2) {
                let mut c = Candidate::new(
                    v.toks[i].span,
                    MentionKind::Pronoun,
                    Class::Pronoun { plural: w.plural },
                );
                c.gender = w.gender;
                c.speaker = speech_after(v, i + 1, b);
                push(out, c, i);
                i += 1;
                continue;
            }
        }
        // Nominals: `the prime minister`, `the prime minister's office`.
        if v.lc(i) == "the" && i + 1 < b {
            if let Some((n, Target::Title(t))) = v.phrase_at(i + 1, b) {
                let j = i + 1 + n;
                let title = &lex.titles[t as usize];
                if title.kind == TitleKind::Role && !(j < b && v.cap(j) && !v.cap(i + 1)) {
                    let nominal_span = v.span(i, j);
                    let title_text = v.text[v.span(i + 1, j).range()].to_string();
                    if j + 1 < b && v.possessive(j) && v.lc(j + 1) == "office" {
                        let mut org =
                            Candidate::new(v.span(i, j + 2), MentionKind::Name, Class::Org);
                        org.name = Some(format!("{}'s Office", titles::title_case(&title.text)));
                        org.titles.push(title.text.clone());
                        push(out, org, i);
                    }
                    if !(j < b && v.cap(j)) {
                        let mut c =
                            Candidate::new(nominal_span, MentionKind::Nominal, Class::Nominal);
                        c.titles.push(title_text);
                        c.gender = title.gender;
                        c.speaker = speech_after(v, j, b);
                        push(out, c, i);
                        i = j;
                        continue;
                    }
                }
            }
        }
        let lexm = v.phrase_at(i, b);
        let starts_run = match lexm {
            Some((_, Target::Entry(..))) => true,
            Some((_, Target::Title(_))) => v.cap(i),
            None => v.cap(i) && !v.is(i, flags::STOP),
        };
        if starts_run {
            i = run(lex, v, i, a, b, si, out, scratch);
            continue;
        }
        i += 1;
    }
}

/// True when a speech verb follows at `j` (allowing one adverb: `Kirby also said`).
fn speech_after(v: &TokenView, j: usize, b: usize) -> bool {
    if j < b && v.is(j, flags::SPEECH) {
        return true;
    }
    j + 1 < b
        && v.word(j)
        && !v.cap(j)
        && (v.lc(j).ends_with("ly") || v.lc(j) == "also")
        && v.is(j + 1, flags::SPEECH)
}

/// Collects a capitalised run starting at `i`, splits it and classifies its parts.
/// Returns the index after the run.
#[allow(clippy::too_many_arguments)] // the sentence bounds, the output and reused buffers
fn run(
    lex: &Lexicon,
    v: &TokenView,
    start: usize,
    a: usize,
    b: usize,
    si: u32,
    out: &mut Vec<Candidate>,
    scratch: &mut Scratch,
) -> usize {
    // 1. Units: lexicon phrases, capitalised words, connectors.
    let mut segs = std::mem::take(&mut scratch.segs); // (kind, tok start, tok end)
    segs.clear();
    let mut pending: Option<usize> = None; // start of pending capitalised words
    let mut last_word_end = start;
    let mut j = start;
    let flush = |segs: &mut Vec<(Seg, usize, usize)>, pending: &mut Option<usize>, end: usize| {
        if let Some(p) = pending.take() {
            if end > p {
                segs.push((Seg::Name, p, end));
            }
        }
    };
    while j < b {
        let lexm = v.phrase_at(j, b);
        match lexm {
            Some((n, Target::Entry(id, role))) => {
                let e = lex.entry(id);
                // `Michael Jordan`, `Virginia Smith`: a single-word place or weak country next
                // to a given name is part of a person's name.
                let single_ambiguous =
                    n == 1 && (e.kind == EntryKind::Place || e.weak || role == Role::Metonym);
                let after_first_name =
                    pending.is_some_and(|p| v.is(p, flags::FIRST_NAME)) && j == last_word_end;
                let before_name = pending.is_none()
                    && v.is(j, flags::FIRST_NAME)
                    && j + 1 < b
                    && v.cap(j + 1)
                    && v.phrase_at(j + 1, b).is_none()
                    && !v.is(j + 1, flags::STOP | flags::TITLE | flags::ORG_HEAD);
                if single_ambiguous && (after_first_name || before_name) {
                    pending.get_or_insert(j);
                    j += 1;
                    last_word_end = j;
                    continue;
                }
                // An entry starting with lowercase `the` only starts a run.
                if j > start && !v.cap(j) {
                    break;
                }
                flush(&mut segs, &mut pending, last_word_end);
                segs.push((Seg::Entry(id, role), j, j + n));
                j += n;
                last_word_end = j;
            }
            Some((n, Target::Title(t))) if v.cap(j) => {
                // Pending capitalised words are the title's modifiers (`Communications
                // Director`), unless they hold a joiner or start with a given name, or the
                // title is an abbreviation (`Sen. Chuck Schumer and Gov. Gavin Newsom`).
                let modifiers = pending.is_some_and(|p| {
                    !v.is(p, flags::FIRST_NAME)
                        && (p..j).all(|t| v.cap(t))
                        && lex.titles[t as usize].kind == TitleKind::Role
                });
                if !modifiers {
                    flush(&mut segs, &mut pending, last_word_end);
                }
                let s = pending.take().unwrap_or(j);
                if let Some((Seg::Title(_), ps, pe)) = segs.last().copied() {
                    if pe == s {
                        segs.pop();
                        segs.push((Seg::Title(Some(t)), ps, j + n));
                        j += n;
                        last_word_end = j;
                        continue;
                    }
                }
                segs.push((Seg::Title(Some(t)), s, j + n));
                j += n;
                last_word_end = j;
            }
            _ => {
                if v.cap(j) && !v.is(j, flags::STOP) {
                    pending.get_or_insert(j);
                    j += 1;
                    last_word_end = j;
                } else if (v.is(j, flags::CONNECTOR) || is_joiner(v.lc(j)))
                    && j > start
                    && j + 1 < b
                    && !v.cap(j)
                    && ((v.cap(j + 1) && !v.is(j + 1, flags::STOP))
                        || (j + 2 < b && v.is(j + 1, flags::CONNECTOR) && v.cap(j + 2)))
                {
                    // Connectors join into the pending name; an entry after one ends the run.
                    if pending.is_none()
                        && matches!(v.phrase_at(j + 1, b), Some((_, Target::Entry(..))))
                    {
                        break;
                    }
                    if pending.is_none() {
                        break;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
        }
    }
    flush(&mut segs, &mut pending, last_word_end);
    let end = last_word_end.max(start + 1);
    if segs.is_empty() {
        scratch.segs = segs;
        return end;
    }
    // A run ending with a title whose first word is a given name is a name (`John Major`).
    if let Some((Seg::Title(_), s, e)) = segs.last().copied() {
        if v.is(s, flags::FIRST_NAME) && e - s >= 2 {
            segs.pop();
            segs.push((Seg::Name, s, e));
        }
    }

    // 2. Classify.
    let ctx = Ctx {
        lex,
        v,
        a,
        b,
        si,
        run_start: start,
        run_end: end,
    };
    let mut prev: Option<(Seg, usize, usize)> = None;
    let nsegs = segs.len();
    for (k, &(seg, s, e)) in segs.iter().enumerate() {
        match seg {
            Seg::Entry(id, role) => {
                let ent = lex.entry(id);
                let class = match ent.kind {
                    EntryKind::Country => Class::Country,
                    EntryKind::Org(_) => Class::Org,
                    EntryKind::Place => Class::Place,
                };
                let mention = match role {
                    Role::Adjective | Role::Demonym => MentionKind::Nationality,
                    _ => MentionKind::Name,
                };
                let mut c = ctx.cand(
                    Span {
                        start: v.toks[s].span.start,
                        end: v.toks[e - 1].span.end,
                    },
                    mention,
                    class,
                    s,
                );
                c.entry = Some((id, role));
                c.country = ent.iso3.clone();
                c.speaker = k + 1 == nsegs && speech_after(v, e, b);
                out.push(c);
                // `the U.S. side`, `the US government`.
                if class == Class::Country
                    && e < b
                    && is_government_noun(v.lc(e))
                    && s > a
                    && v.lc(s - 1) == "the"
                {
                    let mut n = ctx.cand(
                        v.span(s - 1, e + 1),
                        MentionKind::Nominal,
                        Class::Country,
                        s - 1,
                    );
                    n.entry = Some((id, Role::Name));
                    n.country = ent.iso3.clone();
                    out.push(n);
                }
            }
            Seg::Title(_) => {}
            Seg::Name => {
                ctx.name(&segs, k, prev, s, e, out, &mut scratch.parts);
            }
        }
        prev = Some((seg, s, e));
    }
    scratch.segs = segs;
    end
}

struct Ctx<'l, 'v, 'a> {
    lex: &'l Lexicon,
    v: &'v TokenView<'a>,
    a: usize,
    b: usize,
    si: u32,
    run_start: usize,
    run_end: usize,
}

impl Ctx<'_, '_, '_> {
    fn cand(&self, span: Span, mention: MentionKind, class: Class, t: usize) -> Candidate {
        let mut c = Candidate::new(span, mention, class);
        c.token = t as u32;
        c.sentence = self.si;
        c.in_quote = self.v.in_quote[t];
        c.initial = t == self.a;
        c
    }

    /// Classifies a name segment `s..e` of a run.
    #[allow(clippy::too_many_arguments)] // the run's segments, the output and a reused buffer
    fn name(
        &self,
        segs: &[(Seg, usize, usize)],
        k: usize,
        prev: Option<(Seg, usize, usize)>,
        s: usize,
        e: usize,
        out: &mut Vec<Candidate>,
        parts_buf: &mut Vec<(usize, usize)>,
    ) {
        let v = self.v;
        let lex = self.lex;
        let org_head = (s..e).any(|t| v.is(t, flags::ORG_HEAD)) && e - s != 1;
        if org_head {
            // `Georgia Board of Pharmacy`: a place or country right before belongs to the name.
            let mut os = s;
            let mut country = None;
            if let Some((Seg::Entry(id, _), ps, pe)) = prev {
                let ent = lex.entry(id);
                if pe == s && ent.kind != EntryKind::Org(crate::lexicon::OrgKind::Agency) {
                    country = ent.iso3.clone();
                    if ent.kind != EntryKind::Country || v.cap(ps) {
                        os = ps;
                    }
                }
            }
            let mut c = self.cand(v.span(os, e), MentionKind::Name, Class::Org, os);
            c.country = country;
            c.speaker = speech_after(v, e, self.b);
            out.push(c);
            return;
        }
        // Split at joiners (`Biden and Netanyahu`) and classify each part.
        let mut p = s;
        let mut t = s;
        let mut parts = std::mem::take(parts_buf);
        parts.clear();
        while t <= e {
            if t == e || (!v.cap(t) && is_joiner(v.lc(t))) {
                let mut pe = t;
                while pe > p && !v.cap(pe - 1) {
                    pe -= 1;
                }
                if pe > p {
                    parts.push((p, pe));
                }
                p = t + 1;
            }
            t += 1;
        }
        let nparts = parts.len();
        let couple = couple(v, &parts);
        for (pi, &(ps, pe)) in parts.iter().enumerate() {
            let first_part = pi == 0 && ps == s;
            let last_part = pi + 1 == nparts && pe == e && k + 1 == segs.len();
            let mut c = self.cand(v.span(ps, pe), MentionKind::Name, Class::Unknown, ps);
            let mut person = false;
            if let Some(surname) = couple {
                person = true;
                if pi == 0 {
                    c.name = Some(format!("{} {}", v.raw(ps), v.raw(surname)));
                    c.gender = v.info[ps].map_or(Gender::Unknown, |w| w.gender);
                }
            }
            // Title before, inside the run (`Prime Minister Benjamin Netanyahu`).
            if first_part {
                if let Some((Seg::Title(ti), ts, te)) = prev {
                    if te == s {
                        person = true;
                        // The title as written, with an organization right before it
                        // (`National Security Council Communications Director`).
                        let mut from = ts;
                        if k >= 2 {
                            if let (Seg::Entry(id, _), os, oe) = segs[k - 2] {
                                if oe == ts && matches!(lex.entry(id).kind, EntryKind::Org(_)) {
                                    from = os;
                                }
                            }
                        }
                        let kind = ti.map(|i| lex.titles[i as usize].kind);
                        if kind != Some(TitleKind::Honorific) {
                            c.titles.push(v.text[v.span(from, te).range()].to_string());
                        }
                        if let Some(i) = ti {
                            c.gender = lex.titles[i as usize].gender;
                        }
                        // Country from the nearest entry before the title.
                        c.country = segs[..k].iter().rev().find_map(|&(sg, _, _)| match sg {
                            Seg::Entry(id, _) => lex.entry(id).iso3.clone(),
                            _ => None,
                        });
                    }
                }
                // Lowercase title right before the run (`national security adviser Tzachi Hanegbi`).
                if ps == self.run_start {
                    if let Some((ts, ti)) = titles::title_ending_at(v, ps, self.a) {
                        person = true;
                        let t = &lex.titles[ti as usize];
                        if t.kind != TitleKind::Honorific {
                            c.titles.push(v.text[v.span(ts, ps).range()].to_string());
                        }
                        c.gender = t.gender;
                    }
                }
            }
            if v.is(ps, flags::FIRST_NAME) && pe - ps >= 2 {
                person = true;
                if c.gender == Gender::Unknown {
                    c.gender = v.info[ps].map_or(Gender::Unknown, |w| w.gender);
                }
            }
            // Speech verb after (`Kirby said`) or before the run (`said ... John Kirby`).
            let speaks_after = last_part && pe == self.run_end && speech_after(v, pe, self.b);
            let speaks_before = last_part
                && self.run_start > self.a
                && v.is(self.run_start - 1, flags::SPEECH)
                && (pe >= self.b || !v.word(pe));
            if speaks_after || speaks_before {
                person = true;
                c.speaker = true;
            }
            // Appositive title after (`Ron Dermer, Israel's strategic affairs minister`).
            if last_part && pe == self.run_end {
                if let Some(app) = titles::appositive(lex, v, pe, self.b) {
                    person = true;
                    c.titles.push(app.title);
                    if c.country.is_none() {
                        c.country = app.country;
                    }
                    if c.gender == Gender::Unknown {
                        c.gender = app.gender;
                    }
                }
            }
            // A sentence-initial word the article also writes in lowercase is a common noun
            // (`Critics said`, `Officials say`), unless a given name or title says otherwise.
            let single = pe - ps == 1;
            if single
                && ps == self.a
                && !v.is(ps, flags::FIRST_NAME)
                && c.titles.is_empty()
                && v.seen_lowercase(ps)
            {
                continue;
            }
            // A name followed by a verb and `his`/`her` is a person (`Adele lost her voice`).
            if single && !person {
                if let Some(g) = possessive_after(v, pe, self.b) {
                    person = true;
                    c.gender = g;
                }
            }
            // Not persons: things (`Free Trade Agreement`), acronyms (`ABV`), long runs.
            let words = (ps..pe).filter(|&t| v.cap(t)).count();
            let acronym =
                single && v.raw(ps).len() >= 2 && v.raw(ps).bytes().all(|x| x.is_ascii_uppercase());
            // The subject of a speech verb that is not a person's name is an organization:
            // acronyms (`the DEA said`), inner capitals (`VentureBeat reported`), `reported`.
            if c.speaker && single && !v.is(ps, flags::FIRST_NAME) {
                let inner_cap = v.raw(ps).chars().skip(1).any(char::is_uppercase);
                let reported = pe < self.b && matches!(v.lc(pe), "reported" | "reports");
                if acronym || inner_cap || reported {
                    c.class = Class::Org;
                    c.titles.clear();
                    out.push(c);
                    continue;
                }
            }
            if v.is(pe - 1, flags::THING_HEAD) || acronym || words > 4 {
                c.class = Class::Unknown;
                c.titles.clear();
                out.push(c);
                continue;
            }
            if v.is(pe - 1, flags::PLACE_HEAD) && pe - ps >= 2 {
                c.class = Class::Place;
            } else if person {
                c.class = Class::Person;
            } else if first_part && ps == self.run_start && self.run_start > self.a {
                let p1 = self.run_start - 1;
                let place_cue = v.is(p1, flags::PLACE_CUE)
                    || (v.lc(p1) == "of"
                        && p1 > self.a
                        && matches!(
                            v.lc(p1 - 1),
                            "city" | "town" | "village" | "province" | "region" | "county"
                        ));
                if place_cue {
                    c.class = Class::Place;
                }
            }
            out.push(c);
        }
        *parts_buf = parts;
    }
}

/// `Adele lost her voice`, `Kim broke his silence`: a lowercase verb right after a name and
/// `his`/`her` within the next two words; the gender the pronoun tells.
fn possessive_after(v: &TokenView, e: usize, b: usize) -> Option<Gender> {
    if e + 1 >= b || !v.word(e) || v.cap(e) || v.is(e, flags::STOP | flags::PRONOUN) {
        return None;
    }
    (e + 1..(e + 3).min(b))
        .take_while(|&t| v.word(t) && !v.cap(t))
        .find_map(|t| match v.lc(t) {
            "his" | "himself" => Some(Gender::Male),
            "her" | "herself" => Some(Gender::Female),
            _ => None,
        })
}

/// `Melody and Nariman Tashakor`, `Sara and Sameer Ahmed`: a lone given name joined by `and`
/// to a two- or three-word name shares its surname. Returns the surname's token.
fn couple(v: &TokenView, parts: &[(usize, usize)]) -> Option<usize> {
    let &[(a0, a1), (b0, b1)] = parts else {
        return None;
    };
    let ok = a1 - a0 == 1
        && (2..=3).contains(&(b1 - b0))
        && b0 == a1 + 1
        && v.lc(a1) == "and"
        && (v.is(a0, flags::FIRST_NAME) || v.is(b0, flags::FIRST_NAME))
        && (a0..b1).all(|t| {
            t == a1
                || (v.cap(t)
                    && v.info[t].is_none_or(|w| {
                        w.flags
                            & (flags::TITLE
                                | flags::ORG_HEAD
                                | flags::PLACE_HEAD
                                | flags::THING_HEAD)
                            == 0
                    }))
        });
    ok.then_some(b1 - 1)
}

/// Photo credits, signatures and datelines: persons with the title `photographer`, agencies.
fn credits(lex: &Lexicon, doc: &Document, out: &mut Vec<Candidate>) {
    for blk in &doc.blocks {
        if !matches!(
            blk.kind,
            BlockKind::Credit | BlockKind::Signature | BlockKind::Dateline
        ) {
            continue;
        }
        let (mut who, mut agency) = (blk.who, blk.agency);
        if blk.kind == BlockKind::Credit && who.is_none() && agency.is_none() {
            (who, agency) = titles::parse_credit(lex, doc, blk.span);
        }
        if blk.kind == BlockKind::Credit {
            if let Some(w) = who {
                let text = doc.slice(w);
                // Initials and agency names are not persons.
                if text.split_whitespace().count() >= 2 && lex.lookup_alias(text).is_none() {
                    let mut c = Candidate::new(w, MentionKind::Name, Class::Person);
                    c.titles.push("photographer".to_string());
                    let first = text.split_whitespace().next().unwrap_or("");
                    c.gender = lex
                        .get(&crate::lexicon::lower(first))
                        .map_or(Gender::Unknown, |i| i.gender);
                    out.push(c);
                }
            }
        }
        if let Some(ag) = agency {
            let text = doc.slice(ag);
            let mut c = Candidate::new(ag, MentionKind::Name, Class::Org);
            match lex.lookup_alias(text) {
                Some((id, role)) if matches!(lex.entry(id).kind, EntryKind::Org(_)) => {
                    c.entry = Some((id, role));
                    c.country = lex.entry(id).iso3.clone();
                }
                _ => c.name = Some(text.trim().to_string()),
            }
            out.push(c);
        }
        if blk.kind == BlockKind::Dateline {
            if let Some(pl) = blk.place {
                let text = doc.slice(pl);
                let mut c = Candidate::new(pl, MentionKind::Name, Class::Place);
                match lex.lookup_alias(text) {
                    Some((id, role)) => {
                        let e = lex.entry(id);
                        c.class = match e.kind {
                            EntryKind::Country => Class::Country,
                            EntryKind::Org(_) => Class::Org,
                            EntryKind::Place => Class::Place,
                        };
                        c.entry = Some((id, role));
                        c.country = e.iso3.clone();
                    }
                    None => c.name = Some(titles::title_case(text.trim())),
                }
                out.push(c);
            }
        }
    }
}
