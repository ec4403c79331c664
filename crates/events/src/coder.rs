//! Finding events: dictionary triggers on the tokens, then source, target, place, negation,
//! modality and date around each trigger, within its sentence.

use crate::codes::Codebook;
use crate::dates::{self, Day, TimeExpr, When};
use crate::dict::{Dictionary, Pattern, Start, TargetRule};
use newsgraph_core::{
    ActorId, ActorKind, Document, Event, EventType, MentionKind, Modality, QuoteKind, Span,
    TokenKind, Upos,
};
use std::cell::RefCell;

/// An argument candidate: an actor mention, or a first-person pronoun inside a quotation.
#[derive(Debug, Clone, Copy)]
struct Arg {
    span: Span,
    /// Resolved actor (None: an unresolved pronoun or name, which blocks the subject search).
    actor: Option<ActorId>,
    nationality: bool,
    /// First and one-past-last token (indices into `doc.tokens`).
    tok: usize,
    tok_end: usize,
    /// The quotation it lies in.
    quote: Option<usize>,
    /// A collective common noun (`Chinese police`, `officials`): made an actor when used.
    group: Option<Group>,
}

impl Arg {
    /// A one-token argument (a pronoun) at token `i` of `doc`.
    fn token(doc: &Document, i: usize, actor: Option<ActorId>, quote: Option<usize>) -> Arg {
        Arg {
            span: doc.tokens[i].span,
            actor,
            nationality: false,
            tok: i,
            tok_end: i + 1,
            quote,
            group: None,
        }
    }
}

/// A collective common-noun phrase and where its country comes from.
#[derive(Debug, Clone, Copy)]
struct Group {
    /// Token of the head noun.
    head: usize,
    /// The actor whose country it takes (a modifier or a place in the sentence); `None`:
    /// the article's dominant country.
    country_of: Option<ActorId>,
}

/// An actor the coder adds for a collective common noun.
#[derive(Debug, Clone)]
pub(crate) struct NewGroup {
    pub name: String,
    head: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// The noun phrases that name it in the text (none for implicit `authorities`).
    pub spans: Vec<Span>,
}

/// Per event: what the document-level passes need.
#[derive(Debug, Clone, Copy)]
struct Meta {
    sent: usize,
    block: Option<u32>,
    noun: bool,
    /// The noun is a definite reference (`the cancellation`, `Netanyahu's cancellation`).
    definite: bool,
    /// The definite reference names its actor (`Netanyahu's cancellation`, `the U.S.
    /// rejection`): it may restate an act of an earlier paragraph; a bare `the massacres`
    /// restates one of its own paragraph only.
    owned: bool,
    /// The source is a nationality adjective of the noun (`Israeli strikes`), not a clause
    /// subject or agent.
    adj_source: bool,
}

/// Verb forms that end a noun phrase walking back (`CCTV said police ...`).
const IRREGULAR_PAST: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "made",
    "took",
    "gave",
    "held",
    "met",
    "saw",
    "got",
    "went",
    "came",
    "left",
    "put",
    "set",
    "sent",
    "won",
    "lost",
    "thought",
    "knew",
    "found",
    "felt",
    "kept",
    "brought",
    "began",
    "ran",
    "led",
    "paid",
    "spent",
    "stood",
    "heard",
    "meant",
    "sought",
    "fought",
    "built",
    "let",
    "does",
    "did",
    "do",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "than",
    "according",
    "also",
    "not",
    "only",
    "even",
    "just",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "these", "those",
    "other", "such", "any", "no", "several", "many", "some", "more", "new", "every", "each",
];
/// Words after which a bare verb form is the verb (`demand that`, `back the plan`).
const OBJECT_STARTS: &[&str] = &[
    "the", "a", "an", "that", "their", "its", "his", "her", "them", "him", "it", "us", "all",
    "any", "this", "these", "those", "our", "my", "your",
];

const PREPS: &[&str] = &[
    "of", "to", "in", "at", "with", "for", "from", "by", "toward", "towards", "against", "on",
    "about", "between", "into", "over", "under", "like", "than", "among", "near", "across",
    "inside", "outside", "through", "around", "after", "before", "without", "within", "via",
];
const TARGET_PREPS: &[&str] = &[
    "to", "with", "on", "against", "toward", "towards", "from", "for", "over", "into", "between",
    "among", "upon",
];
const PLACE_PREPS: &[&str] = &["in", "at", "near", "inside", "across", "outside"];
const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "whether", "because", "while", "when", "although",
    "though", "but", "if", "unless", "since", "until", "where", "after", "before", "as",
];
const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];
const MODALS: &[&str] = &[
    "will", "would", "could", "can", "may", "might", "should", "must", "shall", "to", "not", "did",
    "didn't", "don't", "doesn't", "won't", "cannot", "wouldn't", "couldn't", "never",
];
const HYPOTHETICAL: &[&str] = &[
    "could", "would", "may", "might", "should", "can", "if", "unless", "wouldn't", "couldn't",
    "cannot", "must",
];
const PLANNED_VERB_STEMS: &[&str] = &[
    "plan", "schedul", "intend", "want", "aim", "prepar", "expect", "seek", "sought", "hope",
    "propos", "threaten", "set", "going", "due", "decid", "agree", "vow", "pledg", "promis",
];
const LIGHT_VERBS: &[&str] = &[
    "have",
    "has",
    "had",
    "launch",
    "launched",
    "launches",
    "launching",
    "hold",
    "held",
    "holds",
    "holding",
    "issue",
    "issued",
    "issues",
    "make",
    "made",
    "makes",
    "impose",
    "imposed",
    "imposes",
    "announce",
    "announced",
    "announces",
    "conduct",
    "conducted",
    "conducts",
    "carry",
    "carried",
    "begin",
    "began",
    "begun",
    "begins",
    "start",
    "started",
    "starts",
    "stage",
    "staged",
    "sign",
    "signed",
    "reach",
    "reached",
    "continue",
    "continued",
    "continues",
    "expand",
    "expanded",
    "give",
    "gave",
    "given",
    "offer",
    "offered",
    "send",
    "sent",
    "step",
    "stepped",
    "escalate",
    "escalated",
    "intensify",
    "intensified",
    "resume",
    "resumed",
    "order",
    "ordered",
    "extend",
    "extended",
    "provide",
    "provided",
    "provides",
    "providing",
    "render",
    "rendered",
    "rendering",
    "file",
    "filed",
    "files",
    "vow",
    "vowed",
    "vows",
    "vowing",
    "pledge",
    "pledged",
    "pledges",
    "pledging",
    "promise",
    "promised",
    "promises",
    "promising",
    "reaffirm",
    "reaffirmed",
    "reaffirms",
    "reaffirming",
    "express",
    "expressed",
    "expresses",
    "expressing",
    "voice",
    "voiced",
    "reach",
    "reaches",
    "reaching",
    "impose",
    "imposing",
    "put",
    "puts",
    "putting",
    "mount",
    "mounted",
    "plan",
    "planned",
    "plans",
    "planning",
    "prepare",
    "prepared",
    "preparing",
];

fn is_any(w: &str, set: &[&str]) -> bool {
    set.iter().any(|s| w.eq_ignore_ascii_case(s))
}

/// Sectors of civil society: a group of them named without a country shares the country of
/// the one named before (`Polish farmers ... truckers`).
fn is_civil(sector: &str) -> bool {
    matches!(sector, "CVL" | "LAB" | "OPP" | "BUS" | "EDU" | "HLH")
}

/// Nouns whose `no ... that` denies the clause after them.
const DENIED_CONTENT: &[&str] = &[
    "sign",
    "signs",
    "indication",
    "indications",
    "evidence",
    "proof",
    "suggestion",
];

fn negator(w: &str) -> bool {
    is_any(w, &["not", "never", "no", "without", "neither", "nor"])
        || w.len() > 3 && (w.ends_with("n't") || w.ends_with("n\u{2019}t"))
}

/// The coding stage's per-document work.
pub(crate) struct Coder<'a> {
    pub dict: &'a Dictionary,
    pub codes: &'a Codebook,
    pub doc: &'a Document,
    article: Option<Day>,
    /// Keep verb events whose subject is no actor (source null), as the gold does.
    pub allow_unknown_source: bool,
    /// The article's dominant country (the country of context).
    pub dominant: Option<String>,
    /// Actors made for collective common nouns (ids follow `doc.actors`).
    groups: RefCell<Vec<NewGroup>>,
}

fn lower_buf<'b>(w: &'b str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let b = w.as_bytes();
    if !b.iter().any(u8::is_ascii_uppercase) {
        return Some(w);
    }
    if b.len() > buf.len() {
        return None;
    }
    let out = &mut buf[..b.len()];
    out.copy_from_slice(b);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

struct Found {
    pat: u32,
    start: Start,
    tok: usize,
    tok_end: usize,
    /// The next verb trigger coordinated after this one (`shut down accounts and punished
    /// people`): the forward target search stops there.
    stop: usize,
}

impl<'a> Coder<'a> {
    pub fn new(
        dict: &'a Dictionary,
        codes: &'a Codebook,
        doc: &'a Document,
        dominant: Option<String>,
    ) -> Self {
        let article = doc.meta.date.as_deref().and_then(dates::parse_iso);
        Coder {
            dict,
            codes,
            doc,
            article,
            allow_unknown_source: true,
            dominant,
            groups: RefCell::new(Vec::new()),
        }
    }

    /// The actor of an argument: its resolved actor, or the collective actor of a group
    /// noun phrase (made on first use, one per head noun and country).
    fn id_of(&self, x: &Arg) -> Option<ActorId> {
        if x.actor.is_some() {
            return x.actor;
        }
        let g = x.group?;
        let doc = self.doc;
        let head = self.word(g.head).to_lowercase();
        let country = match g.country_of {
            Some(id) => self.country_code(id),
            None => {
                // civil society named before with a country (`Polish farmers ...
                // truckers`), else the article's country
                let sector = self.codes.groups.get(&head);
                let civil = sector.is_some_and(|s| is_civil(s));
                let groups = self.groups.borrow();
                civil
                    .then(|| {
                        groups
                            .iter()
                            .rev()
                            .find(|n| n.sector.as_ref() == sector && n.country.is_some())
                            .and_then(|n| n.country.clone())
                    })
                    .flatten()
                    .or_else(|| self.dominant.clone())
            }
        };
        let mut groups = self.groups.borrow_mut();
        // a bare noun refers back to the group named before (`Polish farmers ... farmers`)
        let reuse = g
            .country_of
            .is_none()
            .then(|| groups.iter().position(|n| n.head == head))
            .flatten();
        let name = doc.slice(x.span).to_string();
        let k = match reuse.or_else(|| {
            groups.iter().position(|n| {
                n.head == head
                    && n.country == country
                    && (g.country_of.is_none() || n.name.eq_ignore_ascii_case(&name))
            })
        }) {
            Some(k) => k,
            None => {
                groups.push(NewGroup {
                    name,
                    sector: self.codes.groups.get(&head).cloned(),
                    head,
                    country,
                    spans: Vec::new(),
                });
                groups.len() - 1
            }
        };
        if !groups[k].spans.contains(&x.span) {
            groups[k].spans.push(x.span);
        }
        Some(ActorId((doc.actors.len() + k) as u32))
    }

    /// The subject of an absolute phrase `with X V-ing` (`with the Indian leader emphasising
    /// the need`, `with the commander of the IRGC vowing support`): the first actor after
    /// `with`, when `verb` is an -ing form in the same clause.
    fn absolute_subject(
        &self,
        verb: usize,
        a: usize,
        args: &[Arg],
        usable: &dyn Fn(&Arg) -> bool,
    ) -> Option<usize> {
        if !self.word(verb).ends_with("ing") {
            return None;
        }
        let mut j = verb;
        while j > a && verb - j < 14 {
            j -= 1;
            let t = self.doc.tokens[j];
            let w = self.word(j);
            if w.eq_ignore_ascii_case("with") {
                return args.iter().position(|x| {
                    x.tok > j
                        && x.tok < verb
                        && usable(x)
                        && (x.actor.is_some() || x.group.is_some())
                });
            }
            if (t.kind == TokenKind::Punct && !matches!(w, "(" | ")" | "-"))
                || is_any(w, CLAUSE_WORDS)
                || is_any(w, BE)
            {
                return None;
            }
        }
        None
    }

    /// The voting body (an IGO or a legislature, not a country) last named in the paragraph
    /// before `trigger`, other than `not`; with `before`, else the last one named before the
    /// paragraph.
    fn voting_body(
        &self,
        trigger: Span,
        sent: Span,
        not: Option<ActorId>,
        before: bool,
    ) -> Option<ActorId> {
        let doc = self.doc;
        let lo = doc
            .block_at(trigger.start as usize)
            .map(|b| b.span.start)
            .unwrap_or(sent.start);
        let hi = doc
            .mentions
            .partition_point(|m| m.span.start < trigger.start);
        let from = doc.mentions.partition_point(|m| m.span.start < lo);
        let body = |id: &ActorId| {
            doc.actor_codes.get(id.0 as usize).is_some_and(|c| {
                c.country.as_deref() == Some("IGO")
                    || matches!(c.sector.as_deref(), Some("LEG") | Some("IGO"))
            }) && doc.actor(*id).kind != ActorKind::Country
                && Some(*id) != not
        };
        // in the paragraph, else the body the story is about (`The resolution was adopted`
        // a paragraph after `The U.N. Security Council voted`)
        doc.mentions[from..hi]
            .iter()
            .rev()
            .filter_map(|m| m.actor)
            .find(body)
            .or_else(|| {
                if !before {
                    return None;
                }
                doc.mentions[..from]
                    .iter()
                    .rev()
                    .take(40)
                    .filter_map(|m| m.actor)
                    .find(body)
            })
    }

    /// The country code of an actor, existing or added for a collective noun.
    fn country_code(&self, id: ActorId) -> Option<String> {
        let i = id.0 as usize;
        match self.doc.actor_codes.get(i) {
            Some(c) => c.country.clone(),
            None => self
                .groups
                .borrow()
                .get(i - self.doc.actors.len())?
                .country
                .clone(),
        }
    }

    /// The implicit `authorities` of the country of `place` (else the article's dominant
    /// country).
    fn authorities(&self, place: Option<ActorId>) -> Option<ActorId> {
        let country = match place {
            Some(id) => self
                .doc
                .actor_codes
                .get(id.0 as usize)
                .and_then(|c| c.country.clone()),
            None => self.dominant.clone(),
        };
        country.as_ref()?;
        let mut groups = self.groups.borrow_mut();
        let k = match groups
            .iter()
            .position(|n| n.head == "authorities" && n.country == country)
        {
            Some(k) => k,
            None => {
                groups.push(NewGroup {
                    name: "authorities".into(),
                    head: "authorities".into(),
                    country,
                    sector: Some("GOV".into()),
                    spans: Vec::new(),
                });
                groups.len() - 1
            }
        };
        Some(ActorId((self.doc.actors.len() + k) as u32))
    }

    /// The sector code of an actor (existing or new).
    fn sector(&self, id: ActorId) -> Option<String> {
        let i = id.0 as usize;
        match self.doc.actor_codes.get(i) {
            Some(c) => c.sector.clone(),
            None => self
                .groups
                .borrow()
                .get(i - self.doc.actors.len())
                .and_then(|g| g.sector.clone()),
        }
    }

    fn word(&self, i: usize) -> &'a str {
        self.doc
            .tokens
            .get(i)
            .map(|t| self.doc.slice(t.span))
            .unwrap_or("")
    }

    fn quote_at(&self, offset: u32) -> Option<usize> {
        // quotes are few: a linear scan is cheaper than an index
        self.doc
            .quotes
            .iter()
            .position(|q| q.span.start <= offset && offset < q.span.end)
    }

    /// Every event of the document, sorted by trigger, and the collective actors they use.
    pub fn run(&self) -> (Vec<Event>, Vec<NewGroup>) {
        let doc = self.doc;
        let mut events: Vec<Event> = Vec::new();
        let mut metas: Vec<Meta> = Vec::new();
        let mut buf = [0u8; 32];
        // the last single-day time expression of the current paragraph (narrative date)
        let mut narrative: Option<(usize, TimeExpr)> = None;
        let text = doc.text.as_bytes();
        let tokens = &doc.tokens;
        // sentences come in order: token bounds by a cursor, not a search per sentence
        let mut cursor = 0usize;
        for (si, sent) in doc.sentences.iter().enumerate() {
            while cursor < tokens.len() && tokens[cursor].span.start < sent.start {
                cursor += 1;
            }
            let a = cursor;
            let mut b = a;
            while b < tokens.len() && tokens[b].span.end <= sent.end {
                b += 1;
            }
            if a >= b {
                continue;
            }
            // triggers first: most sentences have none, and then nothing else is computed
            let mut found: Vec<Found> = Vec::new();
            let mut has_time = false;
            let mut i = a;
            while i < b {
                let t = tokens[i];
                if t.kind != TokenKind::Word {
                    if t.kind == TokenKind::Number && !has_time && t.span.len() == 10 {
                        has_time = dates::is_time_word(doc.slice(t.span));
                    }
                    i += 1;
                    continue;
                }
                // most words start no pattern and name no time: a bit test on the raw bytes
                // says so before any slicing, lowercasing or hashing
                let wb = &text[t.span.start as usize..t.span.end as usize];
                let Some(key) = crate::dict::filter_key(wb) else {
                    i += 1;
                    continue;
                };
                let bit = crate::dict::filter_bit(wb);
                let trig = self.dict.filter[key] & bit != 0;
                let time = !has_time && self.dict.time_filter[key] & bit != 0;
                if !trig && !time {
                    i += 1;
                    continue;
                }
                let w = doc.slice(t.span);
                let Some(lower) = lower_buf(w, &mut buf) else {
                    i += 1;
                    continue;
                };
                if time {
                    has_time = dates::is_time_word(lower)
                        && (!matches!(lower, "may" | "march")
                            || w.starts_with(|c: char| c.is_ascii_uppercase()));
                }
                if !trig {
                    i += 1;
                    continue;
                }
                let Some(starts) = self.dict.starts.get(lower) else {
                    i += 1;
                    continue;
                };
                let mut hit = None;
                for s in starts {
                    let p = &self.dict.patterns[s.pattern as usize];
                    if let Some(end) = self.match_rest(p, i + 1, b) {
                        if self.accept(p, *s, i, a, b) && self.object_ok(p, i, end, a, b) {
                            hit = Some(Found {
                                pat: s.pattern,
                                start: *s,
                                tok: i,
                                tok_end: end,
                                stop: b,
                            });
                            break;
                        }
                    }
                }
                // a trigger word that names the kind of a unit is no act (`North Korean
                // hacking groups`, `attack squads`)
                let hit = hit.filter(|f| {
                    f.tok_end >= b
                        || !is_any(
                            self.word(f.tok_end),
                            &[
                                "group", "groups", "unit", "units", "cell", "cells", "team",
                                "teams", "squad", "squads", "network", "networks",
                            ],
                        )
                });
                // an event noun modifying the noun after it names a thing, not an act
                // (`withdrawal penalties`, `attack helicopters`, `protest movement`)
                let hit = hit.filter(|f| {
                    let p = &self.dict.patterns[f.pat as usize];
                    !p.noun
                        || f.tok_end >= b
                        || doc.pos.is_empty()
                        || !(doc.pos[f.tok_end].upos == Upos::Noun
                            && self.word(f.tok_end).starts_with(char::is_lowercase)
                            && !self.dict.starts.contains_key(self.word(f.tok_end)))
                });
                match hit {
                    Some(f) => {
                        i = f.tok_end;
                        found.push(f);
                    }
                    None => i += 1,
                }
            }
            let block = if narrative.is_some() || has_time || !found.is_empty() {
                doc.block_at(sent.start as usize).map(|b| b.span.start)
            } else {
                None
            };
            if narrative.is_some_and(|(blk, _)| Some(blk) != block.map(|x| x as usize)) {
                narrative = None;
            }
            let times = if !has_time {
                Vec::new()
            } else {
                dates::find(doc, &doc.tokens[a..b], a, self.article)
            };
            let first_of_sentence = events.len();
            if !found.is_empty() {
                self.prune_found(&mut found, a);
                for k in 1..found.len() {
                    let pk = &self.dict.patterns[found[k].pat as usize];
                    let tk = found[k].tok;
                    if !pk.noun
                        && (found[k - 1].tok_end..tk)
                            .any(|i| is_any(self.word(i), &["and", "or"]) || self.word(i) == ",")
                    {
                        found[k - 1].stop = tk;
                    }
                }
                let args = self.args(*sent, a, b);
                let first = events.len();
                // a sentence that names a year of its own (`In 2012, she was arrested`) is not
                // the narrative's day, even when the year is not resolved to a date
                let narrative = narrative.filter(|_| {
                    !(a..b).any(|i| {
                        let t = tokens[i];
                        t.kind == TokenKind::Number && t.span.len() == 4 && {
                            let w = doc.slice(t.span);
                            w.starts_with("19") || w.starts_with("20")
                        }
                    })
                });
                for f in &found {
                    let p = &self.dict.patterns[f.pat as usize];
                    if self.request_content(f, &found, &events[first..]) {
                        continue;
                    }
                    let prev = &events[first..];
                    let prev_noun = &metas[first..];
                    if let Some(e) =
                        self.event(f, *sent, a, b, &args, &times, narrative, prev, prev_noun)
                    {
                        let before = if f.tok > a { self.word(f.tok - 1) } else { "" };
                        // a possessive or a name right before the noun
                        let owned = p.noun
                            && (before.ends_with("'s")
                                || before.ends_with("\u{2019}s")
                                || (f.tok > a
                                    && doc.tokens[f.tok - 1].span.end
                                        == doc.tokens[f.tok].span.start
                                    && before == "'")
                                || e.source.is_some_and(|s| {
                                    args.iter().any(|x| {
                                        x.tok_end <= f.tok
                                            && x.tok_end + 2 >= f.tok
                                            && x.actor == Some(s)
                                            && !x.nationality
                                    })
                                }));
                        // a nationality adjective of the noun, or of the noun phrase
                        // subject of the verb (`the Israeli aggression had killed`)
                        let adj_source = e.source.is_some()
                            && args.iter().any(|x| {
                                x.nationality
                                    && x.actor == e.source
                                    && x.tok_end <= f.tok
                                    && if p.noun {
                                        x.tok_end + 2 >= f.tok
                                    } else {
                                        x.tok_end < f.tok
                                            && self.word(x.tok_end).starts_with(char::is_lowercase)
                                            && !(x.tok_end..f.tok).any(|i| self.is_boundary(i))
                                    }
                            });
                        metas.push(Meta {
                            sent: si,
                            block,
                            noun: p.noun,
                            definite: p.noun && (is_any(before, &["the", "this", "that"]) || owned),
                            owned,
                            adj_source,
                        });
                        // `was killed in a bombing`, `died in an Israeli airstrike`: the
                        // noun names how the verb's act was done; one event, whose agent
                        // the noun's nationality may give
                        if p.noun
                            && self.manner_of_last(
                                &e,
                                f,
                                a,
                                &events[first..],
                                &metas[first..metas.len() - 1],
                            )
                        {
                            metas.pop();
                            let last = events.last_mut().expect("manner_of_last checked");
                            if last.source.is_none() && adj_source && e.source != last.target {
                                last.source = e.source;
                            }
                            continue;
                        }
                        let extra = self.conjunct_events(&e, f, &args);
                        let m = *metas.last().expect("pushed above");
                        events.push(e);
                        for x in extra {
                            metas.push(m);
                            events.push(x);
                        }
                    }
                }
                // a time expression after the main verb does not date a relative clause
                // before it (`a soldier who attended a meeting ... pleaded guilty Friday`:
                // the plea, not the meeting)
                if events.len() > first + 1 && !times.is_empty() {
                    let verbs: Vec<usize> = events[first..]
                        .iter()
                        .zip(&metas[first..])
                        .filter(|(_, m)| !m.noun)
                        .map(|(e, _)| doc.token_index_at(e.trigger.start as usize))
                        .collect();
                    for e in &mut events[first..] {
                        let Some(t) = e.date_text.and_then(|d| times.iter().find(|t| t.span == d))
                        else {
                            continue;
                        };
                        let me = doc.token_index_at(e.trigger.start as usize);
                        let relative = (me.saturating_sub(3).max(a)..me)
                            .any(|i| is_any(self.word(i), &["who", "which", "that"]));
                        if relative && verbs.iter().any(|&v| me < v && v < t.tok) {
                            e.date = None;
                            e.date_text = None;
                        }
                    }
                }
            }
            // the narrative day is a past day told outside quotations: a quoted `tomorrow
            // morning` does not date what the reporter tells next
            if !times.is_empty() && !found.is_empty() {
                self.date_by_nearest_verb(
                    &mut events[first_of_sentence..],
                    &metas[first_of_sentence..],
                    &times,
                    a,
                    b,
                );
            }
            if let (Some(blk), Some(t)) = (
                block,
                times.iter().rev().find(|t| {
                    matches!(t.when, Some(When::Day(d)) if self.article.is_none_or(|x| d <= x))
                        && self.quote_at(t.span.start).is_none()
                }),
            ) {
                narrative = Some((blk as usize, *t));
            }
        }
        self.quoted_accusations(&mut events, &mut metas);
        self.merge_nominalisations(&mut events, &metas);
        events.sort_by_key(|e| e.trigger.start);
        // keep only the collective actors some event uses, renumbered in order of use
        let groups = self.groups.take();
        let base = doc.actors.len() as u32;
        let mut map: Vec<Option<u32>> = vec![None; groups.len()];
        let mut kept: Vec<NewGroup> = Vec::new();
        for e in &mut events {
            for id in [&mut e.source, &mut e.target, &mut e.place]
                .into_iter()
                .flatten()
            {
                if id.0 >= base {
                    let k = (id.0 - base) as usize;
                    let n = *map[k].get_or_insert_with(|| {
                        kept.push(groups[k].clone());
                        (kept.len() - 1) as u32
                    });
                    *id = ActorId(base + n);
                }
            }
        }
        (events, kept)
    }

    /// Copies of `e` for the other members of a coordinated source or target (`the U.S. and
    /// Russia abstaining`, `in talks with France, Cyprus and other countries`): one event per
    /// named actor, as event coders record them. Only named actors joined by commas and
    /// `and`/`or` count, not nationality adjectives or common nouns, and not when the
    /// coordination already gave the source and target of a reciprocal act (`Modi and
    /// Netanyahu discussed`).
    fn conjunct_events(&self, e: &Event, f: &Found, args: &[Arg]) -> Vec<Event> {
        let mut out = Vec::new();
        let pick = |id: Option<ActorId>, before: bool| -> Option<usize> {
            let id = id?;
            (0..args.len())
                .filter(|&k| {
                    let x = &args[k];
                    // a collective noun phrase stands for the group made of it (`Netanyahu
                    // and other Israeli leaders`)
                    let base = self.doc.actors.len();
                    (x.actor == Some(id)
                        || (x.actor.is_none()
                            && x.group.is_some()
                            && (id.0 as usize)
                                .checked_sub(base)
                                .and_then(|g| {
                                    self.groups
                                        .borrow()
                                        .get(g)
                                        .map(|g| g.spans.contains(&x.span))
                                })
                                .unwrap_or(false)))
                        && !x.nationality
                })
                .filter(|&k| {
                    if before {
                        args[k].tok_end <= f.tok
                    } else {
                        args[k].tok >= f.tok_end
                    }
                })
                .min_by_key(|&k| args[k].tok.abs_diff(f.tok))
        };
        let src = pick(e.source, true).or_else(|| pick(e.source, false));
        let tgt = pick(e.target, false);
        if let Some(k) = src {
            let others = self.conjuncts(args, k);
            if !others.iter().any(|&o| Some(o) == e.target) {
                for o in others {
                    if Some(o) != e.source {
                        out.push(Event {
                            source: Some(o),
                            ..e.clone()
                        });
                    }
                }
            }
        }
        if let Some(k) = tgt.filter(|&k| Some(k) != src) {
            for o in self.conjuncts(args, k) {
                if Some(o) != e.target && Some(o) != e.source {
                    out.push(Event {
                        target: Some(o),
                        ..e.clone()
                    });
                }
            }
        }
        out
    }

    /// The named actors coordinated with `args[k]` (see `conjunct_events`).
    fn conjuncts(&self, args: &[Arg], k: usize) -> Vec<ActorId> {
        // (joined, by a conjunction)
        let link = |x: &Arg, y: &Arg| -> (bool, bool) {
            if x.quote != y.quote || y.tok < x.tok_end || y.tok - x.tok_end > 3 {
                return (false, false);
            }
            let mut conj = false;
            let mut any = false;
            for i in x.tok_end..y.tok {
                let w = self.word(i);
                if is_any(w, &["and", "or"]) {
                    conj = true;
                } else if !(w == "," || is_any(w, &["the"])) {
                    return (false, false);
                }
                any |= w != "the";
            }
            (any, conj)
        };
        let mut lo = k;
        let mut has_conj = false;
        while lo > 0 {
            let (j, c) = link(&args[lo - 1], &args[lo]);
            if !j {
                break;
            }
            has_conj |= c;
            lo -= 1;
        }
        let mut hi = k;
        while hi + 1 < args.len() {
            let (j, c) = link(&args[hi], &args[hi + 1]);
            if !j {
                break;
            }
            has_conj |= c;
            hi += 1;
        }
        // the rest of the list may go on with a common noun (`France, Cyprus and other
        // countries`): the last link must be a conjunction
        if !has_conj {
            let x = &args[hi];
            has_conj = (x.tok_end..(x.tok_end + 2).min(self.doc.tokens.len()))
                .any(|i| is_any(self.word(i), &["and", "or"]));
        }
        if !has_conj || lo == hi {
            return Vec::new();
        }
        (lo..=hi)
            .filter(|&i| i != k && !args[i].nationality)
            .filter_map(|i| args[i].actor)
            .filter(|&id| args[k].actor != Some(id))
            .fold(Vec::new(), |mut v, id| {
                if !v.contains(&id) {
                    v.push(id);
                }
                v
            })
    }

    /// Drops found triggers that another one covers: a noun that is the object of an event
    /// verb (`ended their blockade`, `ease trade sanctions`) is no event of its own, and a
    /// commissive verb with an event noun as object (`vowed support`) gives way to the noun.
    fn prune_found(&self, found: &mut Vec<Found>, a: usize) {
        if found.len() < 2 {
            return;
        }
        let _ = a;
        let mut drop = vec![false; found.len()];
        for k in 1..found.len() {
            let g = &found[k];
            let pg = &self.dict.patterns[g.pat as usize];
            // a noun, or a verb's -s form used as one (`end truck blockades`)
            if !pg.noun && (g.start.base || g.start.past || !self.word(g.tok).ends_with('s')) {
                continue;
            }
            let f = &found[k - 1];
            let pf = &self.dict.patterns[f.pat as usize];
            if pf.noun || g.tok < f.tok_end || g.tok - f.tok_end > 3 {
                continue;
            }
            // nothing but words and quote marks between
            if (f.tok_end..g.tok).any(|i| {
                !matches!(self.doc.tokens[i].kind, TokenKind::Word | TokenKind::Quote)
                    || is_any(self.word(i), CLAUSE_WORDS)
                    || is_any(self.word(i), PREPS)
            }) {
                continue;
            }
            if pf.commit {
                drop[k - 1] = true;
            } else if !self.own_source(f.tok_end, g.tok, g.tok_end) {
                drop[k] = true;
            }
        }
        let mut k = 0;
        found.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
    }

    /// Whether an event noun at `n..n_end`, object of a verb ending at `from`, names an actor
    /// of its own (`rejected Russia's amendment`, `rejected a request from Democrats`): then
    /// it is an event of its own, not only the verb's object.
    fn own_source(&self, from: usize, n: usize, n_end: usize) -> bool {
        let doc = self.doc;
        let named = |i: usize| {
            let s = doc.tokens[i].span.start;
            let m = doc.mentions.partition_point(|m| m.span.start < s);
            doc.mentions
                .get(m)
                .is_some_and(|m| m.span.start == s && m.kind != MentionKind::Pronoun)
        };
        (from..n).any(|i| {
            let w = self.word(i);
            w.ends_with("'s") || w.ends_with("\u{2019}s") || named(i)
        }) || (n_end + 1 < doc.tokens.len()
            && is_any(self.word(n_end), &["from", "by"])
            && (named(n_end + 1)
                || (is_any(self.word(n_end + 1), &["the", "his", "her", "its", "their"])
                    && n_end + 2 < doc.tokens.len()
                    && named(n_end + 2))))
    }

    /// A verb stated as the content of a request before it in the sentence (`called on X
    /// to apologize`, `demand that the hostages be released`) is no event.
    fn request_content(&self, f: &Found, found: &[Found], prev: &[Event]) -> bool {
        let p = &self.dict.patterns[f.pat as usize];
        if p.noun {
            return false;
        }
        // the word before the trigger, over adverbs and quote marks
        let mut j = f.tok;
        while j > 1
            && (self.doc.tokens[j - 1].kind == TokenKind::Quote || self.word(j - 1).ends_with("ly"))
        {
            j -= 1;
        }
        let w = if j > 0 { self.word(j - 1) } else { "" };
        // a purpose is no deed yet (`a partnership aimed at cracking down on`, `a law
        // designed to punish`, `in order to isolate`)
        if j > 1
            && ((is_any(w, &["to", "at"])
                && is_any(
                    self.word(j - 2),
                    &["aimed", "aiming", "designed", "intended", "meant"],
                ))
                || (w == "to" && self.word(j - 2).eq_ignore_ascii_case("order")))
        {
            return true;
        }
        if !is_any(w, &["to", "be", "for"]) {
            return false;
        }
        // the content of a proposal or plan no pattern codes (`Trump's proposal to ban
        // Muslims`, `taking more steps to halt the war`): what is proposed, not done
        if w == "to"
            && j > 1
            && is_any(
                self.word(j - 2),
                &[
                    "proposal",
                    "proposals",
                    "plan",
                    "plans",
                    "steps",
                    "effort",
                    "efforts",
                    "bid",
                    "attempt",
                    "attempts",
                    "idea",
                    "chance",
                    "ability",
                ],
            )
        {
            return true;
        }
        // `an agreement to end the blockades`, `calls to withdraw`
        let content_noun = w == "to"
            && found.iter().any(|r| {
                let pr = &self.dict.patterns[r.pat as usize];
                pr.noun
                    && matches!(pr.kind, EventType::Agree | EventType::Request)
                    && r.tok_end <= f.tok
                    && f.tok - r.tok_end <= 8
                    && (r.tok_end..f.tok).all(|i| {
                        let t = self.doc.tokens[i];
                        matches!(t.kind, TokenKind::Word | TokenKind::Quote)
                    })
            });
        if content_noun {
            return true;
        }
        found.iter().any(|r| {
            let pr = &self.dict.patterns[r.pat as usize];
            r.tok_end <= f.tok
                && !pr.noun
                // a request's content (`called for banning Muslims`), or a purpose restating
                // the same act (`traveled to Egypt to discuss`)
                && (pr.kind == EventType::Request || (pr.kind == p.kind && w == "to"))
                && (w != "for" || r.tok_end + 1 >= j)
                && prev
                    .iter()
                    .any(|e| e.trigger.start == self.doc.tokens[r.tok].span.start)
                && (r.tok_end..f.tok).all(|i| {
                    let t = self.doc.tokens[i];
                    matches!(t.kind, TokenKind::Word | TokenKind::Quote)
                        || (t.kind == TokenKind::Punct && self.word(i) == ",")
                })
        })
    }

    /// Reported speech that blames another party for violence, coercion or threats is an
    /// accusation of the speaker (PLOVER ACCUSE, CAMEO 11), triggered by the speech cue:
    /// `the spokesman said: "the occupation forces committed 17 massacres"` is ACCUSE from
    /// the spokesman's country to the forces'. Only when the act's source is a clause
    /// subject or agent of another country than the speaker's (a nationality adjective on a
    /// noun, `the toll from the Israeli aggression`, describes rather than blames), the
    /// speaker's side is the one acted on, and the act is asserted as having happened (not
    /// negated, planned or hypothetical). One accusation per quotation and accused country.
    fn quoted_accusations(&self, events: &mut Vec<Event>, metas: &mut Vec<Meta>) {
        let doc = self.doc;
        let mut out: Vec<(Event, Meta)> = Vec::new();
        for (e, m) in events.iter().zip(metas.iter()) {
            let Some(q) = e.quote else { continue };
            let quote = &doc.quotes[q as usize];
            let (Some(speaker), Some(cue)) = (quote.speaker, quote.cue) else {
                continue;
            };
            // `according to X` sources the reporter's account; it is no statement of X's
            if doc.slice(cue).to_ascii_lowercase().starts_with("according") {
                continue;
            }
            if !matches!(
                e.kind,
                EventType::Assault | EventType::Coerce | EventType::Threaten
            ) || e.negated
                || m.adj_source
                || !matches!(e.modality, Modality::Asserted | Modality::Claimed)
            {
                continue;
            }
            let (Some(src), Some(tgt)) = (e.source, e.target) else {
                continue;
            };
            let (Some(cs), Some(ct), Some(csp)) = (
                self.country_code(src),
                self.country_code(tgt),
                self.country_code(speaker),
            ) else {
                continue;
            };
            if cs == csp || ct != csp {
                continue;
            }
            let dup = out.iter().any(|(x, _)| {
                x.quote == Some(q)
                    && x.target.and_then(|t| self.country_code(t)) == Some(cs.clone())
            }) || events.iter().any(|x| {
                x.kind == EventType::Accuse
                    && x.quote.is_none()
                    && x.source.and_then(|s| self.country_code(s)).as_deref() == Some(&csp)
                    && x.target.and_then(|t| self.country_code(t)).as_deref() == Some(&cs)
                    && x.evidence.start <= cue.start
                    && cue.start < x.evidence.end
            });
            if dup {
                continue;
            }
            let Some(sent) = doc
                .sentences
                .iter()
                .find(|s| s.start <= cue.start && cue.start < s.end)
            else {
                continue;
            };
            let si = doc.sentences.partition_point(|s| s.start < sent.start);
            let accuse = self
                .dict
                .patterns
                .iter()
                .find(|p| p.kind == EventType::Accuse);
            let (cameo, goldstein) = accuse
                .map(|p| (p.cameo.clone(), p.goldstein))
                .unwrap_or_else(|| ("11".to_string(), -2.0));
            out.push((
                Event {
                    kind: EventType::Accuse,
                    mode: None,
                    cameo,
                    goldstein,
                    source: Some(speaker),
                    target: Some(src),
                    date: None,
                    date_text: None,
                    place: None,
                    negated: false,
                    modality: Modality::Asserted,
                    trigger: cue,
                    evidence: *sent,
                    quote: Some(q),
                },
                Meta {
                    sent: si,
                    block: doc.block_at(cue.start as usize).map(|b| b.span.start),
                    noun: false,
                    definite: false,
                    owned: false,
                    adj_source: false,
                },
            ));
        }
        for (e, m) in out {
            events.push(e);
            metas.push(m);
        }
    }

    /// A definite noun (`the cancellation of the trip`, `Netanyahu's cancellation`) that
    /// restates a verb event of the same type and mode between the same countries within
    /// three paragraphs is the same act: it is dropped. So is a planned or hypothetical
    /// noun event restating an earlier planned one (`a ground offensive planned by Israel`
    /// ... `preparing to conduct a ground operation`: one plan).
    fn merge_nominalisations(&self, events: &mut Vec<Event>, metas: &[Meta]) {
        if events.len() < 2 {
            return;
        }
        let country = |a: Option<ActorId>| -> Option<String> {
            let a = a?;
            match self.doc.actor_codes.get(a.0 as usize) {
                Some(c) => c.country.clone(),
                None => self
                    .groups
                    .borrow()
                    .get(a.0 as usize - self.doc.actors.len())
                    .and_then(|g| g.country.clone()),
            }
        };
        let para = |m: &Meta| {
            m.block
                .map(|s| self.doc.blocks.partition_point(|b| b.span.start < s))
                .unwrap_or(m.sent)
        };
        let mut drop = vec![false; events.len()];
        // a noun event that is the subject of a verb event of the same type is that event
        // (`Israeli attacks on Gaza have so far killed 20,000 civilians`)
        for (n, mn) in metas.iter().enumerate() {
            if !mn.noun {
                continue;
            }
            let en = &events[n];
            let same = events.iter().zip(metas).any(|(ev, mv)| {
                !mv.noun
                    && mv.sent == mn.sent
                    && ev.kind == en.kind
                    && ev.trigger.start >= en.trigger.end
                    && (ev.source.is_none() || country(ev.source) == country(en.source))
                    && {
                        let between =
                            &self.doc.text[en.trigger.end as usize..ev.trigger.start as usize];
                        between.split_whitespace().count() <= 8
                            && !between.contains([',', ';', ':', '(', '"'])
                            && !between
                                .split_whitespace()
                                .any(|w| is_any(w, CLAUSE_WORDS) || is_any(w, &["and", "or"]))
                    }
            });
            if same {
                drop[n] = true;
            }
        }
        let planned = |e: &Event| matches!(e.modality, Modality::Planned | Modality::Hypothetical);
        for (n, mn) in metas.iter().enumerate() {
            let en = &events[n];
            if !mn.noun || !(mn.definite || planned(en)) {
                continue;
            }
            // another party's words about the act are an event of their own record (`bad
            // feelings over the U.S. rejection of the cease-fire text`, said an analyst)
            let quoted_other = en.quote.is_some_and(|q| {
                let sp = self.doc.quotes[q as usize].speaker;
                sp.is_some() && country(sp) != country(en.source)
            });
            if quoted_other && !planned(en) {
                continue;
            }
            let same = events.iter().zip(metas).enumerate().any(|(v, (ev, mv))| {
                v != n
                    && (!mv.noun || (v < n && (mn.definite || (planned(en) && planned(ev)))))
                    && !drop[v]
                    && ev.kind == en.kind
                    && ev.mode == en.mode
                    && para(mv).abs_diff(para(mn)) <= if mn.owned { 3 } else { 0 }
                    && (en.source.is_none()
                        || en.source == ev.source
                        || country(en.source) == country(ev.source))
                    && (en.target.is_none()
                        || ev.target.is_none()
                        || country(en.target) == country(ev.target))
            });
            if same {
                drop[n] = true;
            }
        }
        let mut k = 0;
        events.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
    }

    /// `obj=CLASS`: a word of the class near the trigger (8 words before, 6 after, in the
    /// sentence), or a name right after it (a possible actor target).
    fn object_ok(&self, p: &Pattern, i: usize, end: usize, a: usize, b: usize) -> bool {
        let Some(bit) = p.object else { return true };
        let mut buf = [0u8; 32];
        let hi = (end + 6).min(b);
        for j in i.saturating_sub(8).max(a)..hi {
            if j >= i && j < end {
                continue;
            }
            let w = self.word(j);
            if let Some(l) = lower_buf(w, &mut buf) {
                if self.dict.objects.get(l).is_some_and(|c| c & bit != 0) {
                    return true;
                }
            }
        }
        // a name right after the trigger (`rejected Russia's amendment`)
        let mut j = end;
        if j < b && is_any(self.word(j), &["the", "a", "an"]) {
            j += 1;
        }
        j < b
            && self.doc.tokens[j].kind == TokenKind::Word
            && self.word(j).starts_with(|c: char| c.is_uppercase())
    }

    fn match_rest(&self, p: &Pattern, from: usize, b: usize) -> Option<usize> {
        let mut j = from;
        for r in &p.rest {
            // skip one adverb or day between a verb and its particle (`called urgently for`,
            // `ruled Friday against`)
            if j < b
                && !self.word(j).eq_ignore_ascii_case(r)
                && (self.word(j).ends_with("ly")
                    || is_any(
                        self.word(j),
                        &[
                            "monday",
                            "tuesday",
                            "wednesday",
                            "thursday",
                            "friday",
                            "saturday",
                            "sunday",
                            "today",
                            "yesterday",
                        ],
                    ))
                && j + 1 < b
            {
                j += 1;
            }
            if j >= b || !self.word(j).eq_ignore_ascii_case(r) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// The first token of the verb group ending at verb `v`: up to three adverbs in -ly,
    /// modals, forms of `be`, `has`/`have`/`had` and `also` before it, not before `a`.
    fn verb_group_start(&self, v: usize, a: usize) -> usize {
        let mut j = v;
        while j > a
            && v - j < 4
            && (self.word(j - 1).ends_with("ly")
                || is_any(self.word(j - 1), MODALS)
                || is_any(self.word(j - 1), BE)
                || is_any(self.word(j - 1), &["has", "have", "had", "also"]))
        {
            j -= 1;
        }
        j
    }

    /// Whether the trigger at token `t` sits in the clause of `no sign(s) / indication /
    /// evidence (that|of) ...` earlier in its sentence (a quote mark may stand between).
    fn denied_content(&self, t: usize) -> bool {
        let doc = self.doc;
        let mut j = t;
        while j > 0 && t - j < 30 {
            j -= 1;
            let w = self.word(j);
            if doc.tokens[j].kind == TokenKind::Punct && matches!(w, "." | "!" | "?" | ";") {
                return false;
            }
            if !(w.eq_ignore_ascii_case("that") || w.eq_ignore_ascii_case("of")) {
                continue;
            }
            let mut k = j;
            while k > 0
                && matches!(doc.tokens[k - 1].kind, TokenKind::Punct | TokenKind::Quote)
                && t - k < 30
            {
                k -= 1;
            }
            if k >= 2
                && is_any(self.word(k - 1), DENIED_CONTENT)
                && is_any(self.word(k - 2), &["no"])
            {
                return true;
            }
        }
        false
    }

    fn accept(&self, p: &Pattern, s: Start, i: usize, a: usize, b: usize) -> bool {
        if !self.doc.pos.is_empty() {
            // with a tagger, verbs must be tagged as verbs and nouns as nouns, unless the
            // words around say otherwise (taggers err on news headlines' noun stacks: `the
            // compromise calls for`, `a deal to extend`)
            let u = self.doc.pos[i].upos;
            let prev = if i > a { self.word(i - 1) } else { "" };
            let after_det =
                is_any(prev, DETERMINERS) || prev.ends_with("'s") || prev.ends_with("\u{2019}s");
            if p.noun {
                // a compound's head is its last word (`sharp words`, `air strikes`)
                let h = (i + p.rest.len()).min(b.saturating_sub(1));
                let u = if p.rest.is_empty() {
                    u
                } else {
                    self.doc.pos[h].upos
                };
                return matches!(u, Upos::Noun | Upos::Propn) || after_det;
            }
            if after_det {
                return false;
            }
            // a participle after a preposition is an adjective (`group of deployed
            // commandos`, `for alleged cyberbullying`)
            if s.past && is_any(prev, PREPS) && !prev.eq_ignore_ascii_case("by") {
                return false;
            }
            if !matches!(u, Upos::Verb | Upos::Aux) {
                if is_any(prev, PREPS) {
                    return false;
                }
                let next = if i + 1 < b { self.word(i + 1) } else { "" };
                let next_word = i + 1 < b && self.doc.tokens[i + 1].kind == TokenKind::Word;
                // a verb with its particle (`calls for`, `called on`); a form after a modal,
                // `to` or a verbal adverb (`further ease`); a gerund with a direct object
                // (`spent weeks shooting drones`, not `a shooting at`, `targeting of`)
                // a manner adverb between a subject and the word (`the US government
                // vehemently rejects`): adverbs in -ly modify verbs, not nouns
                let after_manner_adverb = i >= a + 2
                    && prev.len() > 4
                    && prev.ends_with("ly")
                    && self.doc.pos[i - 1].upos == Upos::Adv
                    && matches!(
                        self.doc.pos[i - 2].upos,
                        Upos::Noun | Upos::Propn | Upos::Pron
                    );
                return !p.rest.is_empty()
                    || after_manner_adverb
                    || is_any(prev, MODALS)
                    || is_any(prev, &["further", "also", "we", "they", "i", "you"])
                    || (self.word(i).ends_with("ing")
                        && !self.in_noun_phrase(i, a)
                        && next_word
                        && !is_any(next, PREPS)
                        && !is_any(next, CLAUSE_WORDS)
                        && !is_any(next, &["and", "or"]));
            }
            if p.not_to && i + 1 < b && self.word(i + 1).eq_ignore_ascii_case("to") {
                return false;
            }
            return true;
        }
        if p.noun {
            return true;
        }
        let prev = if i > a { self.word(i - 1) } else { "" };
        let prev2 = if i > a + 1 { self.word(i - 2) } else { "" };
        let next = if i + 1 < b { self.word(i + 1) } else { "" };
        // a verb form directly after a determiner or a possessive is a noun or adjective
        // (`the planned visit`, `other charges`, `Burma's appeal`)
        if is_any(prev, DETERMINERS)
            || prev.ends_with("'s")
            || prev.ends_with("\u{2019}s")
            || ((prev2.ends_with("'s") || prev2.ends_with("\u{2019}s"))
                && prev.starts_with(|c: char| c.is_lowercase()))
        {
            return false;
        }
        // a participle after a preposition is an adjective (`of deployed commandos`)
        if s.past && is_any(prev, PREPS) && !prev.eq_ignore_ascii_case("by") {
            return false;
        }
        // an -ing form ending a noun phrase is a noun (`in a group meeting`)
        if self.word(i).ends_with("ing") && self.in_noun_phrase(i, a) {
            return false;
        }
        // a form followed by a collective noun modifies it (`a federal appeals court`); an
        // -s form after a preposition or a nationality is a plural noun (`through attacks`,
        // `Israeli attacks`)
        if !s.base && !s.past && self.word(i).ends_with('s') {
            if self.is_group_word(next) || is_any(prev, PREPS) {
                return false;
            }
            if i > a {
                let ps = self.doc.tokens[i - 1].span;
                let m = self
                    .doc
                    .mentions
                    .partition_point(|m| m.span.start < ps.start);
                if self.doc.mentions[m..]
                    .iter()
                    .take_while(|m| m.span.start == ps.start)
                    .any(|m| m.kind == MentionKind::Nationality)
                {
                    return false;
                }
            }
        }
        if s.base {
            // the bare form after a light verb is a noun (`provide material support`)
            let lo = i.saturating_sub(3).max(a);
            // (not `have`: `have shut down` is a perfect)
            if let Some(lv) = (lo..i).rev().find(|&j| {
                is_any(self.word(j), LIGHT_VERBS) && !is_any(self.word(j), &["have", "has", "had"])
            }) {
                if !(lv + 1..i).any(|j| self.word(j).eq_ignore_ascii_case("to")) {
                    return false;
                }
            }
        }
        if p.not_to && next.eq_ignore_ascii_case("to") {
            return false;
        }
        if p.no_base && s.base {
            let modal = |w: &str| is_any(w, MODALS) || w.ends_with("n't");
            return modal(prev)
                || (prev.ends_with("ly") && modal(prev2))
                || is_any(prev, &["we", "they", "i", "you", "further", "also"])
                || is_any(next, OBJECT_STARTS);
        }
        true
    }

    /// Whether token `i`, an -ing form that is also an event noun, follows a determiner and
    /// one lowercase modifier (`a group meeting`): then it heads a noun phrase.
    fn in_noun_phrase(&self, i: usize, a: usize) -> bool {
        // only for a form the dictionary also has as an event noun (`meeting`), not a
        // participle after a noun (`a resolution calling for`)
        let mut buf = [0u8; 32];
        let noun = lower_buf(self.word(i), &mut buf)
            .and_then(|w| self.dict.starts.get(w))
            .is_some_and(|v| {
                v.iter()
                    .any(|s| self.dict.patterns[s.pattern as usize].noun)
            });
        noun && i > a + 1
            && is_any(
                self.word(i - 2),
                &["a", "an", "the", "their", "its", "his", "her"],
            )
            && self.doc.tokens[i - 1].kind == TokenKind::Word
            && self.word(i - 1).starts_with(char::is_lowercase)
            && !self.word(i - 1).ends_with("ly")
            && !is_any(self.word(i - 1), BE)
            && !is_any(self.word(i - 1), MODALS)
    }

    /// Whether the event noun `e` (at `f`) is the means of the verb event right before it in
    /// the sentence (`prev`), of the same type: `killed in a bombing`, `were wounded in an
    /// Israeli air strike`, `died during the shelling` (a preposition, then at most three
    /// determiners, numbers or modifiers).
    fn manner_of_last(
        &self,
        e: &Event,
        f: &Found,
        a: usize,
        prev: &[Event],
        metas: &[Meta],
    ) -> bool {
        let (Some(v), Some(m)) = (prev.last(), metas.last()) else {
            return false;
        };
        if m.noun || v.kind != e.kind || v.trigger.end > self.doc.tokens[f.tok].span.start {
            return false;
        }
        let vend = self.doc.token_index_at(v.trigger.end as usize - 1) + 1;
        if vend >= f.tok || f.tok - vend > 4 || vend < a {
            return false;
        }
        is_any(self.word(vend), &["in", "during", "by", "from"])
            && (vend + 1..f.tok).all(|i| {
                let t = self.doc.tokens[i];
                matches!(t.kind, TokenKind::Word | TokenKind::Number)
                    && !is_any(self.word(i), PREPS)
                    && !is_any(self.word(i), CLAUSE_WORDS)
                    && !is_any(self.word(i), BE)
            })
    }

    fn is_group_word(&self, w: &str) -> bool {
        let mut buf = [0u8; 32];
        crate::dict::filter_key(w.as_bytes()).is_some_and(|k| {
            self.codes.group_filter[k] & crate::dict::filter_bit(w.as_bytes()) != 0
        }) && lower_buf(w, &mut buf).is_some_and(|l| self.codes.groups.contains_key(l))
    }

    /// `him` / `her` as an object: the nearest person named before it in the sentence, else
    /// (when no stage resolved it) earlier in the paragraph, passing over a person that is the
    /// subject of the verb right after it (`Putin met with him`: not Putin). `her` before a
    /// word is a possessive and left alone.
    fn resolve_object_pronouns(&self, sent: Span, b: usize, out: &mut [Arg]) {
        let doc = self.doc;
        for k in 0..out.len() {
            let x = out[k];
            if x.group.is_some() || x.tok_end != x.tok + 1 {
                continue;
            }
            let w = self.word(x.tok);
            let object = w.eq_ignore_ascii_case("him")
                || (w.eq_ignore_ascii_case("her")
                    && (x.tok_end >= b
                        || doc.tokens[x.tok_end].kind != TokenKind::Word
                        || is_any(self.word(x.tok_end), PREPS)
                        || is_any(self.word(x.tok_end), &["and", "or", "that", "to"])));
            if !object {
                continue;
            }
            let subject_of_next_verb = |end: usize| {
                end < b && {
                    let n = self.word(end);
                    if doc.pos.is_empty() {
                        n.ends_with("ed") || is_any(n, IRREGULAR_PAST) || is_any(n, MODALS)
                    } else {
                        matches!(doc.pos[end].upos, Upos::Verb | Upos::Aux)
                    }
                }
            };
            let person = |id: ActorId| doc.actor(id).kind == ActorKind::Person;
            let in_sentence = out[..k]
                .iter()
                .rev()
                .filter(|y| y.quote == x.quote && y.actor.is_some_and(person))
                .find(|y| !subject_of_next_verb(y.tok_end))
                .and_then(|y| y.actor);
            let earlier = || {
                let blk = doc.block_at(sent.start as usize)?.span.start;
                let lo = doc.mentions.partition_point(|m| m.span.start < blk);
                let hi = doc.mentions.partition_point(|m| m.span.start < sent.start);
                doc.mentions[lo..hi]
                    .iter()
                    .rev()
                    .filter_map(|m| m.actor)
                    .find(|&id| person(id))
            };
            // a person of the sentence over the coreference stage's answer, which may be the
            // clause's own subject (`Netanyahu ... will meet with him`)
            if in_sentence.is_some() {
                out[k].actor = in_sentence;
            } else if x.actor.is_none() {
                out[k].actor = earlier();
            }
        }
    }

    fn args(&self, sent: Span, a: usize, b: usize) -> Vec<Arg> {
        let doc = self.doc;
        let lo = doc.mentions.partition_point(|m| m.span.start < sent.start);
        let hi = doc.mentions.partition_point(|m| m.span.start < sent.end);
        let mut out: Vec<Arg> = Vec::new();
        for m in &doc.mentions[lo..hi] {
            if m.span.end > sent.end {
                continue;
            }
            // keep the outermost of nested mentions (`the U.S. side` over `U.S.`)
            if let Some(last) = out.last() {
                if last.span.contains(m.span) {
                    continue;
                }
                if m.span.contains(last.span) {
                    out.pop();
                }
            }
            if m.actor.is_none() && m.kind != MentionKind::Pronoun && m.kind != MentionKind::Name {
                continue;
            }
            let tok = doc.token_index_at(m.span.start as usize);
            let tok_end = doc.tokens.partition_point(|t| t.span.start < m.span.end);
            out.push(Arg {
                span: m.span,
                actor: m.actor,
                nationality: m.kind == MentionKind::Nationality,
                tok,
                tok_end,
                quote: self.quote_at(m.span.start),
                group: None,
            });
        }
        // object pronouns no stage resolved (`will meet with him`, `for accusing him`)
        self.resolve_object_pronouns(sent, b, &mut out);
        // first-person pronouns inside quotations stand for the speaker
        if !doc.quotes.is_empty() {
            for i in a..b {
                let w = self.word(i);
                if is_any(w, &["we", "i", "us"])
                    || w.eq_ignore_ascii_case("we're")
                    || w.eq_ignore_ascii_case("we've")
                {
                    let s = doc.tokens[i].span;
                    if let Some(q) = self.quote_at(s.start) {
                        if let Some(sp) = doc.quotes[q].speaker {
                            let pos = out.partition_point(|x| x.span.start < s.start);
                            out.insert(pos, Arg::token(doc, i, Some(sp), Some(q)));
                        }
                    }
                }
            }
        }
        // the subject pronoun that opens reported speech stands for its speaker when no stage
        // resolved it (`the Al-Qassam Brigades said that it renewed its bombardment`, `they
        // had bombed`): `it` for an organisation or country, `they` for an organisation or
        // group (`Greek truckers said they`: the truckers, a group named before, not Greece)
        for (q, quote) in doc.quotes.iter().enumerate() {
            let Some(sp) = quote.speaker else { continue };
            if quote.kind == QuoteKind::Direct
                || quote.span.start < sent.start
                || quote.span.start >= sent.end
            {
                continue;
            }
            let i = doc.token_index_at(quote.span.start as usize);
            if i < a || i >= b || doc.tokens[i].span.start != quote.span.start {
                continue;
            }
            let w = self.word(i);
            let kind = doc.actor(sp).kind;
            let fits = (w.eq_ignore_ascii_case("it")
                && matches!(kind, ActorKind::Organization | ActorKind::Country))
                || (w.eq_ignore_ascii_case("they")
                    && matches!(kind, ActorKind::Organization | ActorKind::Group));
            if !fits {
                continue;
            }
            let s = doc.tokens[i].span;
            let pos = out.partition_point(|x| x.span.start < s.start);
            match out.get_mut(pos).filter(|x| x.span.start == s.start) {
                Some(x) if x.actor.is_none() => x.actor = Some(sp),
                Some(_) => {}
                None => out.insert(pos, Arg::token(doc, i, Some(sp), Some(q))),
            }
        }
        // plural pronouns no stage resolved: placeholders a group named before may fill
        for i in a..b {
            let w = self.word(i);
            if is_any(w, &["they", "them"]) && !out.iter().any(|x| x.tok <= i && i < x.tok_end) {
                let s = doc.tokens[i].span;
                let pos = out.partition_point(|x| x.tok < i);
                out.insert(pos, Arg::token(doc, i, None, self.quote_at(s.start)));
            }
        }
        self.add_descriptions(sent, a, b, &mut out);
        self.add_groups(a, b, &mut out);
        out
    }

    /// Definite descriptions of a place or country named before: `the strip` (the head word
    /// of a place's name, `Gaza Strip`, named earlier in the article) and `the country` (the
    /// country last named in the paragraph, by name or nationality: `Israeli officials say
    /// soldiers were killed during the country's invasion`).
    fn add_descriptions(&self, sent: Span, a: usize, b: usize, out: &mut Vec<Arg>) {
        let doc = self.doc;
        for i in a..b.saturating_sub(1) {
            if !self.word(i).eq_ignore_ascii_case("the")
                || doc.tokens[i + 1].kind != TokenKind::Word
                || out.iter().any(|x| x.tok <= i + 1 && i < x.tok_end)
            {
                continue;
            }
            let head = self.word(i + 1);
            // `the country` (or `the country's`) is a noun phrase of its own, not `the
            // country music`
            let next = self.word(i + 2);
            let noun_next = doc
                .tokens
                .get(i + 2)
                .is_some_and(|t| t.kind == TokenKind::Word)
                && next.starts_with(|c: char| c.is_lowercase())
                && if doc.pos.is_empty() {
                    !is_any(next, PREPS)
                        && !is_any(next, CLAUSE_WORDS)
                        && !is_any(next, BE)
                        && !is_any(next, MODALS)
                        && !is_any(
                            next,
                            &["and", "or", "has", "have", "had", "again", "too", "now"],
                        )
                        && !next.ends_with("ed")
                        && !next.ends_with("ly")
                } else {
                    matches!(doc.pos[i + 2].upos, Upos::Noun | Upos::Propn)
                };
            if noun_next {
                continue;
            }
            let at = doc.tokens[i].span.start;
            let before = doc.mentions.partition_point(|m| m.span.start < at);
            let actor = if head.eq_ignore_ascii_case("country") {
                let lo = doc
                    .block_at(at as usize)
                    .map(|blk| blk.span.start)
                    .unwrap_or(sent.start);
                // a country, or a national organisation standing for it (`Israeli military
                // officials say ... the country's invasion`)
                let code = |id: ActorId| {
                    doc.actor_codes
                        .get(id.0 as usize)
                        .and_then(|c| c.country.as_deref())
                        .filter(|c| *c != "IGO")
                };
                doc.mentions[..before]
                    .iter()
                    .rev()
                    .take_while(|m| m.span.start >= lo)
                    .filter_map(|m| m.actor)
                    .find(|&id| {
                        matches!(
                            doc.actor(id).kind,
                            ActorKind::Country | ActorKind::Organization
                        ) && code(id).is_some()
                    })
                    .map(|id| {
                        (0..doc.actors.len() as u32)
                            .map(ActorId)
                            .find(|&c| {
                                doc.actor(c).kind == ActorKind::Country && code(c) == code(id)
                            })
                            .unwrap_or(id)
                    })
            } else if head.len() > 3
                && !is_any(
                    head,
                    &["bank", "banks", "government", "state", "party", "council"],
                )
                // (the few actors first: most heads end no place's name)
                && doc.actors.iter().any(|x| {
                    x.kind == ActorKind::Place
                        && x.name.rsplit(' ').next().is_some_and(|w| {
                            w.len() < x.name.len() && w.eq_ignore_ascii_case(head)
                        })
                })
            {
                doc.mentions[..before]
                    .iter()
                    .rev()
                    .filter_map(|m| m.actor)
                    .find(|&id| {
                        let actor = doc.actor(id);
                        actor.kind == ActorKind::Place
                            && actor.name.contains(' ')
                            && actor
                                .name
                                .rsplit(' ')
                                .next()
                                .is_some_and(|w| w.eq_ignore_ascii_case(head))
                    })
            } else {
                None
            };
            let Some(actor) = actor else { continue };
            let span = doc.tokens[i].span.cover(doc.tokens[i + 1].span);
            let pos = out.partition_point(|x| x.tok < i);
            out.insert(
                pos,
                Arg {
                    span,
                    actor: Some(actor),
                    nationality: false,
                    tok: i,
                    tok_end: i + 2,
                    quote: self.quote_at(span.start),
                    group: None,
                },
            );
        }
    }

    /// Collective common nouns of the sentence (`Chinese police`, `senior government
    /// officials`) as arguments: the noun phrase replaces the mentions it holds, and its
    /// country comes from a modifier, a place the sentence puts it in, or the article.
    fn add_groups(&self, a: usize, b: usize, out: &mut Vec<Arg>) {
        let doc = self.doc;
        let mut buf = [0u8; 32];
        let mut i = a;
        while i < b {
            let t = doc.tokens[i];
            i += 1;
            let h = i - 1;
            if t.kind != TokenKind::Word || t.span.len() < 4 {
                continue;
            }
            let w = doc.slice(t.span);
            let in_filter = crate::dict::filter_key(w.as_bytes()).is_some_and(|k| {
                self.codes.group_filter[k] & crate::dict::filter_bit(w.as_bytes()) != 0
            });
            if !in_filter {
                continue;
            }
            let Some(l) = lower_buf(w, &mut buf) else {
                continue;
            };
            if !self.codes.groups.contains_key(l) {
                continue;
            }
            // part of a name or a mention already
            if out.iter().any(|x| x.tok <= h && h < x.tok_end) {
                continue;
            }
            // a modifier of the next noun (`government officials`, `police chief`)
            if h + 1 < b
                && doc.tokens[h + 1].kind == TokenKind::Word
                && (self.is_group_word(self.word(h + 1))
                    || self
                        .codes
                        .sector_index
                        .contains_key(self.word(h + 1).to_ascii_lowercase().as_str()))
            {
                continue;
            }
            // walk back over the noun phrase: modifiers, coordinated nationalities, a
            // determiner
            let mut start = h;
            let mut modifier: Option<ActorId> = None;
            let mut j = h;
            let mut steps = 0;
            while j > a && steps < 6 {
                steps += 1;
                if let Some(k) = out.iter().rposition(|x| x.tok_end == j && x.tok < j) {
                    let x = out[k];
                    let has_country = x.actor.is_some_and(|id| {
                        doc.actor_codes
                            .get(id.0 as usize)
                            .is_some_and(|c| c.country.is_some())
                    });
                    if x.group.is_some() || !has_country || x.quote != self.quote_at(t.span.start) {
                        break;
                    }
                    modifier = x.actor;
                    start = x.tok;
                    j = x.tok;
                    continue;
                }
                let pt = doc.tokens[j - 1];
                let pw = self.word(j - 1);
                let coord = |j: usize| j > a && out.iter().any(|x| x.tok_end == j - 1);
                match pt.kind {
                    TokenKind::Punct if pw == "," && modifier.is_some() && coord(j) => {
                        j -= 1;
                    }
                    TokenKind::Word => {
                        let mut lb = [0u8; 32];
                        let lw = lower_buf(pw, &mut lb).unwrap_or("");
                        if (lw == "and" || lw == "or") && modifier.is_some() && coord(j) {
                            j -= 1;
                        } else if is_any(lw, DETERMINERS) {
                            start = j - 1;
                            break;
                        } else if is_any(lw, PREPS)
                            || is_any(lw, CLAUSE_WORDS)
                            || is_any(lw, BE)
                            || is_any(lw, MODALS)
                            || is_any(
                                lw,
                                &[
                                    "and", "or", "have", "has", "had", "he", "she", "it", "they",
                                    "we", "i", "you",
                                ],
                            )
                            || is_any(lw, IRREGULAR_PAST)
                            || negator(lw)
                            || lw.ends_with("ed")
                            || lw.ends_with("ing")
                            || self.dict.starts.contains_key(lw)
                        {
                            break;
                        } else {
                            j -= 1;
                            start = j;
                        }
                    }
                    _ => break,
                }
            }
            let l_head = w.to_lowercase();
            // `the regime`, `the government` with no modifier: the country named last
            // before it (`condemned Israel ..., saying the regime is killing`)
            let country_of = modifier.or_else(|| {
                let l = lower_buf(w, &mut buf)?;
                let definite = start + 1 == h && self.word(start).eq_ignore_ascii_case("the");
                if !definite
                    || !is_any(
                        l,
                        &[
                            "regime",
                            "government",
                            "administration",
                            "ministry",
                            "leadership",
                            "junta",
                            "cabinet",
                        ],
                    )
                {
                    return None;
                }
                let lo = doc
                    .sentences
                    .partition_point(|s| s.end <= t.span.start)
                    .saturating_sub(2);
                let from = doc.sentences.get(lo).map_or(0, |s| s.start);
                let k = doc
                    .mentions
                    .partition_point(|m| m.span.start < t.span.start);
                doc.mentions[..k]
                    .iter()
                    .rev()
                    .take_while(|m| m.span.start >= from)
                    .filter_map(|m| m.actor)
                    .find(|&id| {
                        doc.actor(id).kind == ActorKind::Country
                            && self.country_code(id).is_some_and(|c| c != "IGO")
                    })
            });
            // `the occupation army`, `occupation soldiers` with no nationality: the country
            // the article names as the occupier before (`the Israeli occupation ...`)
            let country_of = country_of.or_else(|| {
                if !(start..h).any(|j| is_any(self.word(j), &["occupation", "occupying"])) {
                    return None;
                }
                let k = doc
                    .mentions
                    .partition_point(|m| m.span.start < t.span.start);
                doc.mentions[..k]
                    .iter()
                    .rev()
                    .filter(|m| m.kind == MentionKind::Nationality)
                    .find(|m| {
                        let after = doc.text[m.span.end as usize..].trim_start();
                        after.starts_with("occupation") || after.starts_with("occupying")
                    })
                    .and_then(|m| m.actor)
            });
            // no modifier: a country or place the sentence puts it in (`to the United
            // States to meet with officials`, `attacks on Gaza killed civilians`); not for
            // armed forces, which fight abroad (`Israeli military officials say 137 soldiers
            // have been killed ... in Gaza`: Israel's soldiers, from the next rule)
            let armed = self
                .codes
                .groups
                .get(l_head.as_str())
                .is_some_and(|s| s == "MIL");
            // armed forces in reported speech with no modifier are the speaker's own
            // (`Israeli military officials say 137 soldiers have been killed`)
            let country_of = country_of.or_else(|| {
                if !armed {
                    return None;
                }
                let q = self.quote_at(t.span.start)?;
                doc.quotes[q]
                    .speaker
                    .filter(|&id| self.country_code(id).is_some_and(|c| c != "IGO"))
            });
            let country_of = country_of.or_else(|| {
                if armed {
                    return None;
                }
                out.iter()
                    .filter(|x| {
                        x.actor.is_some_and(|id| {
                            matches!(doc.actor(id).kind, ActorKind::Country | ActorKind::Place)
                                && doc
                                    .actor_codes
                                    .get(id.0 as usize)
                                    .is_some_and(|c| c.country.is_some())
                        })
                    })
                    .filter(|x| {
                        let pw = self.prev_word(x.tok, a);
                        let pw = if is_any(pw, &["the", "a", "an"]) && x.tok > a + 1 {
                            self.word(x.tok - 2)
                        } else {
                            pw
                        };
                        is_any(
                            pw,
                            &["to", "in", "at", "on", "from", "inside", "across", "into"],
                        )
                    })
                    .min_by_key(|x| x.tok.abs_diff(h))
                    .and_then(|x| x.actor)
            });
            // else the nearest actor of the sentence with a country, before it first, not a
            // counterpart after `with` or `against` (`farmers demanded government
            // subsidies`: that country's government; `Polish farmers ... but truckers`)
            let country_of = country_of.or_else(|| {
                // civil society named before with a country takes precedence (see `id_of`)
                let sector = self.codes.groups.get(l_head.as_str());
                if sector.is_some_and(|s| is_civil(s))
                    && self
                        .groups
                        .borrow()
                        .iter()
                        .any(|n| n.sector.as_ref() == sector && n.country.is_some())
                {
                    return None;
                }
                out.iter()
                    .filter(|x| x.quote == self.quote_at(t.span.start))
                    .filter(|x| x.tok < h || x.tok <= h + 8)
                    .filter(|x| {
                        !is_any(
                            self.pp_word(x, a),
                            &["with", "against", "between", "toward"],
                        )
                    })
                    // armed forces lend no country to the people they act on (`the occupation
                    // army ... arrested several doctors`: not the army's country)
                    .filter(|x| {
                        armed
                            || x.group.is_none_or(|g| {
                                self.codes
                                    .groups
                                    .get(self.word(g.head).to_lowercase().as_str())
                                    .is_none_or(|s| s != "MIL")
                            })
                    })
                    .filter_map(|x| {
                        let id = if x.group.is_some() && x.actor.is_none() {
                            self.id_of(x)?
                        } else {
                            x.actor.or(x.group.and_then(|g| g.country_of))?
                        };
                        let c = self.country_code(id)?;
                        (c != "IGO").then_some(((x.tok > h, x.tok.abs_diff(h)), id))
                    })
                    .min_by_key(|x| x.0)
                    .map(|x| x.1)
            });
            let span = doc.tokens[start].span.cover(t.span);
            out.retain(|x| !(x.tok >= start && x.tok_end <= h + 1));
            let pos = out.partition_point(|x| x.tok < start);
            out.insert(
                pos,
                Arg {
                    span,
                    actor: None,
                    nationality: false,
                    tok: start,
                    tok_end: h + 1,
                    quote: self.quote_at(span.start),
                    group: Some(Group {
                        head: h,
                        country_of,
                    }),
                },
            );
        }
    }

    /// Whether an argument is the object of a preposition, looking back over determiners
    /// and capitalised title words (`on the House Intelligence Committee`, `with Vice
    /// President Biden`).
    fn pp_word(&self, x: &Arg, a: usize) -> &'a str {
        let mut j = x.tok;
        let mut steps = 0;
        while j > a && steps < 6 {
            let t = self.doc.tokens[j - 1];
            let w = self.word(j - 1);
            // quantities (`more than 20`, `about 40`) belong to the phrase
            let next_number = self
                .doc
                .tokens
                .get(j)
                .is_some_and(|n| n.kind == TokenKind::Number)
                || is_any(self.word(j), &["than", "least"]);
            let skip = t.kind == TokenKind::Number
                || (t.kind == TokenKind::Word
                    && (is_any(w, &["the", "a", "an", "more", "less", "fewer", "some"])
                        || (next_number
                            && is_any(w, &["than", "about", "nearly", "almost", "at", "least"]))
                        || (j - 1 > a && w.starts_with(|c: char| c.is_uppercase()))));
            if skip {
                j -= 1;
                steps += 1;
                continue;
            }
            return w;
        }
        ""
    }

    /// The place preposition of a phrase naming a part of the place at token `x`: `in` for
    /// `in all areas of the Gaza Strip`, `across` for `across much of southern Lebanon`
    /// (the part noun right before `of`, then at most four determiners, quantifiers or
    /// adjectives back to the preposition).
    fn part_of_place(&self, x: usize, a: usize) -> Option<&'a str> {
        let mut j = x;
        while j > a
            && is_any(
                self.word(j - 1),
                &[
                    "the", "northern", "southern", "eastern", "western", "central",
                ],
            )
        {
            j -= 1;
        }
        if j < a + 3 || !self.word(j - 1).eq_ignore_ascii_case("of") {
            return None;
        }
        let part = self.word(j - 2).to_ascii_lowercase();
        let part = part.strip_suffix('s').unwrap_or(&part);
        if !is_any(
            part,
            &[
                "area",
                "part",
                "region",
                "district",
                "neighbourhood",
                "neighborhood",
                "town",
                "citie",
                "city",
                "village",
                "province",
                "outskirt",
                "street",
                "much",
                "most",
                "rest",
                "corner",
                "side",
                "half",
                "center",
                "centre",
                "heart",
            ],
        ) {
            return None;
        }
        let mut k = j - 2;
        while k > a && j - 2 - k < 4 {
            let w = self.word(k - 1);
            if is_any(w, PLACE_PREPS) {
                return Some(w);
            }
            if self.doc.tokens[k - 1].kind != TokenKind::Word
                || !w.starts_with(|c: char| c.is_lowercase())
                || is_any(w, PREPS)
                || is_any(w, CLAUSE_WORDS)
                || is_any(w, BE)
            {
                return None;
            }
            k -= 1;
        }
        None
    }

    /// The first country or place argument in `from..end` that a place preposition
    /// introduces (`in Haiti`, `near Rafah`).
    fn place_arg(&self, args: &[Arg], from: usize, end: usize, a: usize) -> Option<ActorId> {
        args.iter()
            .filter(|x| x.tok >= from && x.tok < end)
            .find(|x| {
                is_any(self.prev_word(x.tok, a), PLACE_PREPS)
                    && x.actor.is_some_and(|id| {
                        matches!(
                            self.doc.actor(id).kind,
                            ActorKind::Country | ActorKind::Place
                        )
                    })
            })
            .and_then(|x| x.actor)
    }

    fn prev_word(&self, tok: usize, a: usize) -> &'a str {
        if tok > a {
            self.word(tok - 1)
        } else {
            ""
        }
    }

    fn is_boundary(&self, i: usize) -> bool {
        let t = self.doc.tokens[i];
        match t.kind {
            TokenKind::Dash => true,
            TokenKind::Punct => matches!(
                self.doc.slice(t.span),
                ";" | ":" | "." | "?" | "!" | "(" | ")"
            ),
            TokenKind::Word => is_any(self.doc.slice(t.span), CLAUSE_WORDS),
            _ => false,
        }
    }

    /// A time expression dates the verb it stands next to: an event separated from it by
    /// another verb gets no date from it (`Axelrod on Wednesday called on Dean to apologize
    /// ... for accusing him`: the call, not the accusation; `the ship that was seized ... on
    /// December 14`: the seizure, not the interception told before it). A time that opens
    /// the sentence (`On Monday, the Council issued a resolution calling for ...`) dates the
    /// whole sentence; verbs joined by `and` share one (`killed 1,200 people and seized 240
    /// hostages Oct. 7`).
    fn date_by_nearest_verb(
        &self,
        events: &mut [Event],
        metas: &[Meta],
        times: &[TimeExpr],
        a: usize,
        b: usize,
    ) {
        let doc = self.doc;
        if doc.pos.is_empty() {
            return;
        }
        for (e, m) in events.iter_mut().zip(metas) {
            let Some(t) = e.date_text.and_then(|d| times.iter().find(|t| t.span == d)) else {
                continue;
            };
            let t_end = doc.token_index_at(t.span.end as usize - 1) + 1;
            let fronted = t.tok <= a + 1 && t_end < b && self.word(t_end) == ",";
            if fronted {
                continue;
            }
            let s = doc.token_index_at(e.trigger.start as usize);
            let en = doc.token_index_at(e.trigger.end as usize - 1) + 1;
            // a verb joined by `and` to the dated one (`voted Friday to speed up the aid and
            // demand ...`), or the verb of `with X V-ing` (`discussed ... on December 19 with
            // the Indian leader emphasising`), shares its time
            let joined = s > a && is_any(self.word(s - 1), &["and", "or"]);
            let absolute = self.word(s).ends_with("ing")
                && (s.saturating_sub(5).max(a)..s)
                    .any(|i| self.word(i).eq_ignore_ascii_case("with"));
            if (joined || absolute) && !m.noun {
                continue;
            }
            // the cue of the reported speech a verb stands in is the time's verb too (`said
            // late Wednesday that he "rejects ..."`)
            let cue = self
                .quote_at(e.trigger.start)
                .and_then(|q| doc.quotes[q].cue)
                .filter(|_| !m.noun);
            let (lo, hi) = if t.tok >= en { (en, t.tok) } else { (t_end, s) };
            let blocked = (lo..hi.min(b)).any(|i| {
                doc.pos[i].upos == Upos::Verb
                    && !(i > a && is_any(self.word(i - 1), &["and", "or"]))
                    && !cue.is_some_and(|c| c.contains(doc.tokens[i].span))
            });
            if blocked {
                e.date = None;
                e.date_text = None;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        f: &Found,
        sent: Span,
        a: usize,
        b: usize,
        args: &[Arg],
        times: &[TimeExpr],
        narrative: Option<(usize, TimeExpr)>,
        prev: &[Event],
        prev_meta: &[Meta],
    ) -> Option<Event> {
        let doc = self.doc;
        let p = &self.dict.patterns[f.pat as usize];
        let trigger = doc.tokens[f.tok].span.cover(doc.tokens[f.tok_end - 1].span);
        let tq = self.quote_at(trigger.start);
        // an argument must lie in the same quotation as the trigger (or both outside any)
        let usable = |x: &Arg| x.quote == tq;
        // a target may also lie in the reported speech the trigger itself introduces
        // (`demanded that the European Union reinstate ...`)
        let usable_target = |x: &Arg| {
            x.quote == tq
                || x.quote.is_some_and(|q| {
                    doc.quotes[q]
                        .cue
                        .is_some_and(|c| c.start < trigger.end && trigger.start < c.end)
                })
        };
        // a participle right after the object of a preposition is a reduced passive relative
        // clause on it (`the number of journalists killed`, `the bodies of people killed in
        // the strike`): its target, with no agent unless a `by` phrase follows
        let usable_arg = |x: &Arg| x.quote == tq;
        let reduced_rel = (!p.noun && f.start.past && f.tok > a)
            .then(|| {
                args.iter().position(|x| {
                    x.tok_end == f.tok
                        && (x.actor.is_some() || x.group.is_some())
                        && usable_arg(x)
                        && is_any(self.pp_word(x, a), &["of", "among", "including"])
                        && !is_any(self.word(f.tok_end), DETERMINERS)
                        && !is_any(self.word(f.tok_end), OBJECT_STARTS)
                        && doc
                            .tokens
                            .get(f.tok_end)
                            .is_none_or(|t| t.kind != TokenKind::Number)
                })
            })
            .flatten();
        let passive = !p.noun
            && f.start.past
            && (reduced_rel.is_some()
                || (f.tok > a
                    && (is_any(self.word(f.tok - 1), BE)
                        || (self.word(f.tok - 1).ends_with("ly")
                            && f.tok > a + 1
                            && is_any(self.word(f.tok - 2), BE))))
                || self.word(f.tok_end).eq_ignore_ascii_case("by"));
        // `a meeting attended by officials`: the participle restates the meeting noun
        if passive
            && f.tok > a
            && prev.last().zip(prev_meta.last()).is_some_and(|(e, m)| {
                m.noun && e.kind == p.kind && e.trigger.end == doc.tokens[f.tok - 1].span.end
            })
        {
            return None;
        }
        // clause end for the forward search
        let mut clause_end = f.stop.min(b);
        for i in f.tok_end..clause_end {
            // `demanding that the European Union reinstate`: the addressee follows `that`
            if i == f.tok_end
                && p.kind == EventType::Request
                && self.word(i).eq_ignore_ascii_case("that")
            {
                continue;
            }
            if self.is_boundary(i) {
                clause_end = i;
                break;
            }
        }
        // --- source
        let mut source: Option<&Arg> = None;
        let mut subject_idx: Option<usize> = None;
        let mut poss_target: Option<ActorId> = None;
        let mut participle_source: Option<ActorId> = None;
        let mut conj_source: Option<ActorId> = None;
        // the object of the clause a meeting noun stands in (`Xi told Biden during their
        // summit`): the partner
        let mut clause_partner: Option<usize> = None;
        // a relative clause closing right before the trigger (`Britain, which has Europe's
        // largest army, long blocked`): its arguments are not the subject
        let rel_clause: Option<(usize, usize)> = (|| {
            let mut c = f.tok;
            while c > a && c + 3 > f.tok {
                c -= 1;
                if self.word(c) == "," {
                    break;
                }
                if doc.tokens[c].kind != TokenKind::Word {
                    return None;
                }
            }
            if self.word(c) != "," {
                return None;
            }
            let mut r = c;
            while r > a + 1 && c - r < 20 {
                r -= 1;
                if self.word(r) == "," {
                    return None;
                }
                if is_any(self.word(r), &["which", "who"]) && self.word(r - 1) == "," {
                    return Some((r, c));
                }
            }
            None
        })();
        let backward = |from_tok: usize| -> Option<usize> {
            // nearest usable argument before `from_tok` that is not the object of a preposition
            let mut k = args.partition_point(|x| x.tok_end <= from_tok);
            let nearest = k.checked_sub(1);
            while k > 0 {
                k -= 1;
                let x = &args[k];
                if !usable(x) {
                    continue;
                }
                if rel_clause.is_some_and(|(r, c)| x.tok > r && x.tok < c && from_tok > c) {
                    continue;
                }
                // a semicolon ends the search
                if (x.tok_end..from_tok).any(|i| self.word(i) == ";") {
                    return None;
                }
                let pw = self.prev_word(x.tok, a);
                let ppw = self.pp_word(x, a);
                // `after 16 people were charged`: a conjunction, not a preposition, when the
                // phrase is the nearest before the trigger
                let conj = Some(k) == nearest
                    && is_any(ppw, &["after", "before", "since", "until"])
                    && !(x.tok_end..from_tok).any(|i| is_any(self.word(i), PREPS));
                // a parenthesised acronym restates the name before it
                if (!conj && (is_any(pw, PREPS) || is_any(ppw, PREPS))) || pw == "(" {
                    continue;
                }
                // the second conjunct of a prepositional object (`with Biden and
                // congressional leaders`)
                if k > 0 && is_any(pw, &["and", "or"]) && x.tok > a + 1 {
                    let y = &args[k - 1];
                    if y.tok_end + 1 == x.tok && is_any(self.pp_word(y, a), PREPS) {
                        continue;
                    }
                }
                // a nationality adjective inside a noun phrase that is itself a prepositional
                // object (`to an Israeli delegation`) is skipped too
                if x.nationality
                    && x.tok > a + 1
                    && is_any(pw, &["a", "an", "the"])
                    && is_any(self.word(x.tok - 2), PREPS)
                {
                    continue;
                }
                return Some(k);
            }
            None
        };
        // a legal or punitive act someone faces is done to them by the state (`he faces up
        // to a life sentence before U.S. District Judge X`, `facing dozens of indictments`,
        // `faces charges`): the one who faces it is the target; the court or judge of the
        // sentence, else the authorities of the place the clause names or of the article, the
        // source
        // (a verb form right after `faces` is the noun: `faces charges`)
        let after_face =
            f.tok > a && is_any(self.word(f.tok - 1), &["face", "faces", "faced", "facing"]);
        let facing = ((p.noun || after_face)
            && matches!(
                p.kind,
                EventType::Accuse | EventType::Coerce | EventType::Sanction
            ))
        .then(|| {
            let mut j = f.tok;
            while j > a + 1
                && f.tok - j < 6
                && matches!(doc.tokens[j - 1].kind, TokenKind::Word | TokenKind::Number)
                && (self.word(j - 1).starts_with(char::is_lowercase)
                    || doc.tokens[j - 1].kind == TokenKind::Number)
                && !is_any(self.word(j - 1), CLAUSE_WORDS)
                && !is_any(self.word(j - 1), &["face", "faces", "faced", "facing"])
            {
                j -= 1;
            }
            let v = j.checked_sub(1)?;
            if !is_any(self.word(v), &["face", "faces", "faced", "facing"]) {
                return None;
            }
            let t = backward(v).and_then(|k| self.id_of(&args[k]))?;
            let court = args
                .iter()
                .filter(|x| x.tok >= f.tok_end && usable(x))
                .filter_map(|x| x.actor)
                .find(|&id| self.sector(id).as_deref() == Some("JUD"));
            let place = self.place_arg(args, f.tok_end, clause_end, a);
            let s = court.or_else(|| self.authorities(place))?;
            (s != t).then_some((s, t))
        })
        .flatten();
        if p.noun && facing.is_none() {
            // possessive, adjective or name right before the noun (`Netanyahu's
            // cancellation`, `Israeli strikes`, `the U.S. rejection`, `Hamas' Oct. 7 terror
            // attack`)
            let k = args.partition_point(|x| x.tok_end <= f.tok);
            if k > 0 {
                let x = &args[k - 1];
                let gap = f.tok - x.tok_end.min(f.tok);
                let after = &doc.text[x.span.end as usize..];
                let poss = after.starts_with("'s")
                    || after.starts_with("\u{2019}s")
                    || after.starts_with("' ")
                    || after.starts_with("\u{2019} ");
                // only modifiers between: no verb, preposition or clause word
                let np_gap = (x.tok_end..f.tok).all(|i| {
                    let t = doc.tokens[i];
                    let w = self.word(i);
                    match t.kind {
                        TokenKind::Word => {
                            !is_any(w, PREPS)
                                && !is_any(w, CLAUSE_WORDS)
                                && !is_any(w, BE)
                                && !is_any(w, &["and", "or", "has", "have", "had"])
                                && !is_any(w, IRREGULAR_PAST)
                                && !w.ends_with("ed")
                        }
                        TokenKind::Number => true,
                        TokenKind::Punct => matches!(w, "." | "'" | "\u{2019}"),
                        _ => false,
                    }
                });
                let name_modifier = gap == 0
                    && !x.nationality
                    && x.actor.is_some_and(|id| {
                        matches!(
                            doc.actor(id).kind,
                            ActorKind::Country | ActorKind::Organization
                        )
                    });
                let tokgap = if poss {
                    gap <= 6 && np_gap
                } else {
                    (gap <= 2 && x.nationality) || name_modifier
                };
                if tokgap
                    && usable(x)
                    && x.actor.is_some()
                    && (poss || x.nationality || name_modifier)
                {
                    if p.poss_target && poss {
                        poss_target = x.actor;
                    } else {
                        subject_idx = Some(k - 1);
                    }
                }
            }
            // a possessive pronoun (`her meeting with Obama`, `its deliberate targeting`):
            // the pronoun's actor, else the nearest actor of the sentence before it that can
            // own it (`its`: a country or organisation; `their`: a group)
            if subject_idx.is_none() && poss_target.is_none() {
                let mut j = f.tok;
                while j > a + 1
                    && f.tok - j < 2
                    && doc.tokens[j - 1].kind == TokenKind::Word
                    && self.word(j - 1).starts_with(|c: char| c.is_lowercase())
                    && !is_any(self.word(j - 1), &["his", "her", "its", "their"])
                    && !is_any(self.word(j - 1), PREPS)
                    && !is_any(self.word(j - 1), DETERMINERS)
                {
                    j -= 1;
                }
                if j > a {
                    let pw = self.word(j - 1);
                    if is_any(pw, &["his", "her", "its", "their"]) {
                        let pron = args.iter().position(|x| {
                            x.tok == j - 1 && x.tok_end == j && x.actor.is_some() && usable(x)
                        });
                        subject_idx = pron.or_else(|| {
                            let want_org = pw.eq_ignore_ascii_case("its");
                            let want_group = pw.eq_ignore_ascii_case("their");
                            if !want_org && !want_group {
                                return None;
                            }
                            args[..args.partition_point(|x| x.tok_end < j)]
                                .iter()
                                .rposition(|x| {
                                    usable(x)
                                        && match x.actor {
                                            Some(id) => {
                                                let k = doc.actor(id).kind;
                                                if want_org {
                                                    matches!(
                                                        k,
                                                        ActorKind::Country
                                                            | ActorKind::Organization
                                                    )
                                                } else {
                                                    k == ActorKind::Group
                                                }
                                            }
                                            None => want_group && x.group.is_some(),
                                        }
                                })
                        });
                    }
                }
            }
            if subject_idx.is_none() {
                // `planned by Israel`
                // not the agent of a participle that is no doing of the act (`a meeting
                // attended by officials`, `an attack condemned by the UN`)
                let other_agent = (f.tok_end..(f.tok_end + 3).min(b)).any(|i| {
                    is_any(
                        self.word(i),
                        &[
                            "attended",
                            "witnessed",
                            "condemned",
                            "criticized",
                            "criticised",
                            "denounced",
                            "welcomed",
                            "reported",
                            "confirmed",
                            "denied",
                            "opposed",
                            "rejected",
                            "hosted",
                            "mediated",
                            "brokered",
                        ],
                    )
                });
                // `complaints by the secretary of the Treasury, Jacob J. Lew`: the name in
                // apposition to a title after `by`
                let by = self.word(f.tok_end).eq_ignore_ascii_case("by");
                if by && !other_agent {
                    let mut i = f.tok_end + 1;
                    while i < clause_end.min(f.tok_end + 10)
                        && doc.tokens[i].kind == TokenKind::Word
                        && !is_any(self.word(i), CLAUSE_WORDS)
                        && !args.iter().any(|x| x.tok == i)
                    {
                        i += 1;
                    }
                    if i > f.tok_end + 1 && self.word(i) == "," {
                        subject_idx = args
                            .iter()
                            .position(|x| x.tok == i + 1 && x.actor.is_some() && usable(x));
                    }
                }
                for (k, x) in args.iter().enumerate() {
                    if subject_idx.is_some() {
                        break;
                    }
                    // `from his Chinese counterpart`: over the possessive
                    let pw = if x.nationality
                        && x.tok > a + 1
                        && is_any(self.word(x.tok - 1), &["his", "her", "its", "their"])
                    {
                        self.word(x.tok - 2)
                    } else {
                        self.pp_word(x, a)
                    };
                    if !other_agent
                        && x.tok >= f.tok_end
                        && x.tok <= f.tok_end + 3
                        && (pw.eq_ignore_ascii_case("by")
                            || (pw.eq_ignore_ascii_case("from")
                                && x.actor
                                    .is_some_and(|id| doc.actor(id).kind != ActorKind::Place)))
                        && usable(x)
                    {
                        // `from his American counterpart`: the nationality of the head noun,
                        // not the possessive's owner
                        let next_nat = args
                            .get(k + 1)
                            .is_some_and(|y| y.nationality && y.tok == x.tok_end && usable(y));
                        let poss_pron = x.tok_end == x.tok + 1
                            && is_any(self.word(x.tok), &["his", "her", "its", "their"]);
                        subject_idx = Some(if poss_pron && next_nat { k + 1 } else { k });
                        break;
                    }
                }
            }
            if subject_idx.is_none()
                && p.source_of
                && self.word(f.tok_end).eq_ignore_ascii_case("of")
            {
                subject_idx = args
                    .iter()
                    .position(|x| x.tok > f.tok_end && x.tok < clause_end && usable(x));
            }
            if subject_idx.is_none() && poss_target.is_none() {
                // a noun in a time or state phrase of its clause: the clause subject took part
                // (`X said after a Thursday evening meeting`, `X is on the cusp of a deal`)
                // a meeting is held by all who take part: `Xi told Biden during their summit`,
                // `in a group meeting`, `at the talks` (the subject, and the object as partner)
                let meeting = p.kind == EventType::Consult;
                let mut j = f.tok;
                while j > a
                    && f.tok - j < 5
                    && matches!(doc.tokens[j - 1].kind, TokenKind::Word | TokenKind::Number)
                    && !is_any(self.word(j - 1), PREPS)
                    && !is_any(self.word(j - 1), &["during", "following"])
                    && !is_any(self.word(j - 1), CLAUSE_WORDS)
                    && (!is_any(self.word(j - 1), &["his", "her", "its", "their"])
                        || (meeting && self.word(j - 1).eq_ignore_ascii_case("their")))
                {
                    j -= 1;
                }
                let pw = if j > a { self.word(j - 1) } else { "" };
                let state_of = pw.eq_ignore_ascii_case("of")
                    && j > a + 2
                    && is_any(self.word(j - 2), &["cusp", "verge", "brink", "eve"]);
                if (is_any(pw, &["after", "during", "following", "before"])
                    || (meeting && is_any(pw, &["in", "at"]))
                    || state_of)
                    && j > a + 1
                {
                    let from = if state_of { j - 3 } else { j - 1 };
                    // over `the`, `on` before `the cusp`
                    let from = (a..=from)
                        .rev()
                        .find(|&i| !is_any(self.word(i), &["the", "on", "at", "a"]))
                        .map(|i| i + 1)
                        .unwrap_or(from);
                    // the subject, not an object (`Merkel told reporters after the meeting`)
                    let mut from = from;
                    subject_idx = loop {
                        let Some(k) = backward(from) else { break None };
                        let x = &args[k];
                        // over determiners and a title (`told President Joe Biden`)
                        let mut q = x.tok;
                        while q > a
                            && (is_any(self.word(q - 1), &["the", "a", "an"])
                                || (q - 1 > a
                                    && doc.tokens[q - 1].kind == TokenKind::Word
                                    && self.word(q - 1).starts_with(char::is_uppercase)))
                        {
                            q -= 1;
                        }
                        let pw = if q > a { self.word(q - 1) } else { "" };
                        let object = q > a
                            && doc.tokens[q - 1].kind == TokenKind::Word
                            && pw.starts_with(|c: char| c.is_lowercase())
                            && (pw.ends_with("ed") || is_any(pw, IRREGULAR_PAST))
                            && !is_any(pw, BE);
                        if object {
                            if meeting && clause_partner.is_none() && x.actor.is_some() {
                                clause_partner = Some(k);
                            }
                            from = x.tok;
                            continue;
                        }
                        break (x.actor.is_some() || x.group.is_some()).then_some(k);
                    };
                }
            }
            if subject_idx.is_none() {
                // object of a light verb: `Israel launched an offensive`
                let lv = (f.tok.saturating_sub(4).max(a)..f.tok)
                    .rev()
                    .find(|&i| is_any(self.word(i), LIGHT_VERBS));
                if let Some(lv) = lv {
                    subject_idx = self
                        .absolute_subject(lv, a, args, &usable)
                        .or_else(|| backward(lv));
                }
            }
            // not the head of a compound (`released from house arrest`, `end truck
            // blockades`): the compound names a state or a thing, not an act of someone
            let compound = f.tok > a
                && !doc.pos.is_empty()
                && doc.pos[f.tok - 1].upos == Upos::Noun
                && self.word(f.tok - 1).starts_with(|c: char| c.is_lowercase());
            if subject_idx.is_none() && !compound {
                // the object of another verb, or of a preposition after it, has that verb's
                // subject (`the occupation forces committed 17 massacres`, `has unveiled a
                // flurry of sanctions against`, `Greece, which is in talks with France`)
                let mut v = None;
                let mut i = f.tok;
                while i > a && f.tok - i < 6 {
                    i -= 1;
                    let t = doc.tokens[i];
                    let w = self.word(i);
                    if !matches!(t.kind, TokenKind::Word | TokenKind::Number)
                        || is_any(w, CLAUSE_WORDS)
                        || is_any(w, &["and", "or", "but"])
                        || args.iter().any(|x| x.tok <= i && i < x.tok_end)
                    {
                        break;
                    }
                    let verb = if doc.pos.is_empty() {
                        (w.ends_with("ed") && !is_any(self.prev_word(i, a), DETERMINERS))
                            || is_any(w, IRREGULAR_PAST)
                    } else {
                        matches!(doc.pos[i].upos, Upos::Verb)
                    } || is_any(w, BE);
                    if verb {
                        v = Some(i);
                        break;
                    }
                }
                if let Some(v) = v {
                    let j = self.verb_group_start(v, a);
                    subject_idx = if j > a + 1 && is_any(self.word(j - 1), &["which", "who"]) {
                        let r = j - 1;
                        let end = if self.word(r - 1) == "," { r - 1 } else { r };
                        args.iter().position(|x| {
                            x.tok_end == end
                                && usable(x)
                                && (x.actor.is_some() || x.group.is_some())
                        })
                    } else {
                        self.absolute_subject(v, a, args, &usable)
                            .or_else(|| backward(j))
                    };
                }
            }
        } else if facing.is_some() {
            // faced by the clause subject: source and target from `facing`
        } else if passive {
            // the agent is the first `by` phrase (`adopted by a vote of 13-0 ..., by the U.S.
            // and Russia`: no agent)
            let first_by = (f.tok_end..clause_end.max(f.tok_end + 1).min(b))
                .find(|&i| self.word(i).eq_ignore_ascii_case("by"));
            subject_idx = first_by.and_then(|by| {
                args.iter().position(|x| {
                    x.tok > by
                        && x.tok <= by + 3
                        && (by + 1..x.tok).all(|i| doc.tokens[i].kind == TokenKind::Word)
                        && self.pp_word(x, a).eq_ignore_ascii_case("by")
                        && usable(x)
                })
            });
        } else {
            let mut j = f.tok;
            while j > a
                && f.tok - j < 4
                && (self.word(j - 1).ends_with("ly")
                    || is_any(
                        self.word(j - 1),
                        &[
                            "also", "then", "later", "has", "have", "had", "not", "never", "still",
                        ],
                    ))
            {
                j -= 1;
            }
            if j > a + 1 && is_any(self.word(j - 1), &["which", "who", "that"]) {
                let r = j - 1;
                let end = if self.word(r - 1) == "," { r - 1 } else { r };
                subject_idx = args.iter().position(|x| {
                    x.tok_end == end && usable(x) && (x.actor.is_some() || x.group.is_some())
                });
            }
            if subject_idx.is_none() {
                subject_idx = self.absolute_subject(f.tok, a, args, &usable);
            }
            // `had breakfast with Biden before visiting the Oval Office`: the participle's
            // subject is the main verb's
            if subject_idx.is_none()
                && self.word(f.tok).ends_with("ing")
                && f.tok > a
                && is_any(
                    self.word(f.tok - 1),
                    &["before", "after", "while", "since", "without", "by", "when"],
                )
            {
                if let Some(e) = prev.last().filter(|e| e.source.is_some()) {
                    participle_source = e.source;
                }
            }
            // `lashed out at Turkey for having shot down a bomber`, `accused Iran of
            // attacking`: the gerund's subject is the previous event's target
            if subject_idx.is_none()
                && (self.word(f.tok).ends_with("ing")
                    || (f.tok > a && self.word(f.tok - 1).eq_ignore_ascii_case("having")))
            {
                let mut j = f.tok;
                if j > a && self.word(j - 1).eq_ignore_ascii_case("having") {
                    j -= 1;
                }
                if j > a && is_any(self.word(j - 1), &["for", "of"]) {
                    let at = doc.tokens[j - 1].span.start;
                    conj_source = prev
                        .iter()
                        .zip(prev_meta)
                        .rev()
                        .find(|(e, _)| e.trigger.end <= at)
                        .filter(|(e, m)| {
                            !m.noun
                                && matches!(e.kind, EventType::Accuse | EventType::Support)
                                && e.target.is_some()
                                && doc.text[e.trigger.end as usize..at as usize]
                                    .split_whitespace()
                                    .count()
                                    <= 6
                        })
                        .and_then(|(e, _)| e.target);
                }
            }
            // a verb phrase joined by `and`/`but` to the previous event verb of the sentence
            // has its subject (`Hamas killed 1,200 people and seized 240 hostages`,
            // `rejects Trump's remarks but will meet with him`)
            if subject_idx.is_none() && participle_source.is_none() && conj_source.is_none() {
                let mut j = f.tok;
                while j > a
                    && f.tok - j < 4
                    && (self.word(j - 1).ends_with("ly")
                        || is_any(self.word(j - 1), MODALS)
                        || is_any(
                            self.word(j - 1),
                            &[
                                "also", "then", "later", "has", "have", "had", "not", "never",
                            ],
                        ))
                {
                    j -= 1;
                }
                if j > a && is_any(self.word(j - 1), &["and", "but"]) {
                    let conj = doc.tokens[j - 1].span.start;
                    // not an embedded non-finite verb (`lashed out at Turkey for having shot
                    // down a bomber, and dared the Turks`: the one who lashed out dared)
                    let embedded = |e: &Event| {
                        let t = doc.token_index_at(e.trigger.start as usize);
                        self.word(t).ends_with("ing")
                            || (t > a
                                && is_any(self.word(t - 1), &["having", "to", "for", "of", "by"]))
                    };
                    conj_source = prev
                        .iter()
                        .zip(prev_meta)
                        .rev()
                        .find(|(e, m)| e.trigger.end <= conj && (m.noun || !embedded(e)))
                        .filter(|(e, m)| {
                            !m.noun
                                && e.source.is_some()
                                && !doc.text[e.trigger.end as usize..conj as usize]
                                    .contains([';', ':', '"', '\u{201c}'])
                        })
                        .and_then(|(e, _)| e.source);
                    // no event verb before: the subject of the verb the conjunction joins it
                    // to (`the forces turned the hospital into a base and detained 240 people`)
                    if conj_source.is_none() && !doc.pos.is_empty() {
                        let c = j - 1;
                        let v = (c.saturating_sub(12).max(a)..c)
                            .rev()
                            .take_while(|&i| {
                                !is_any(self.word(i), CLAUSE_WORDS)
                                    && !matches!(self.word(i), ";" | ":" | "\"" | "\u{201c}")
                            })
                            .find(|&i| {
                                doc.pos[i].upos == Upos::Verb && !self.word(i).ends_with("ing")
                            });
                        if let Some(v) = v {
                            let k = self.verb_group_start(v, a);
                            if !(k > a && is_any(self.word(k - 1), &["who", "which", "that"])) {
                                subject_idx = self
                                    .absolute_subject(v, a, args, &usable)
                                    .or_else(|| backward(k));
                            }
                        }
                    }
                }
            }
            if subject_idx.is_none() && conj_source.is_none() {
                subject_idx = backward(f.tok);
            }
            if conj_source.is_some() {
                participle_source = conj_source;
            }
        }
        // an unresolved `they` stands for the group named before it in the sentence
        // (`Polish farmers said that they would suspend the protest`)
        if let Some(k) = subject_idx {
            let x = &args[k];
            if x.actor.is_none() && x.group.is_none() && is_any(self.word(x.tok), &["they", "them"])
            {
                if let Some(g) = args[..k].iter().rposition(|y| {
                    y.group.is_some()
                        || y.actor
                            .is_some_and(|id| doc.actor(id).kind == ActorKind::Group)
                }) {
                    subject_idx = Some(g);
                }
            }
        }
        if let Some(k) = subject_idx {
            source = Some(&args[k]);
        }
        let mut source_id = source.and_then(|s| self.id_of(s)).or(participle_source);
        if let Some((s, _)) = facing {
            source = None;
            source_id = Some(s);
        }
        // an act `between X and Y` names both its parties (`talks between Israel and Hamas`,
        // `clashes between occupation soldiers and Palestinian factions`): X to Y
        let party = |x: &Arg| usable(x) && (x.actor.is_some() || x.group.is_some());
        let between = (p.noun && self.word(f.tok_end).eq_ignore_ascii_case("between"))
            .then(|| {
                let x = args
                    .iter()
                    .position(|x| x.tok > f.tok_end && x.tok <= f.tok_end + 4 && party(x))?;
                let and = args[x].tok_end;
                if !self.word(and).eq_ignore_ascii_case("and") {
                    return None;
                }
                let y = args
                    .iter()
                    .position(|y| y.tok > and && y.tok <= and + 4 && party(y))?;
                let (sx, ty) = (self.id_of(&args[x])?, self.id_of(&args[y])?);
                (sx != ty).then_some((x, sx, ty))
            })
            .flatten();
        let mut between_target = None;
        if let Some((x, sx, ty)) = between {
            source = Some(&args[x]);
            source_id = Some(sx);
            between_target = Some(ty);
        }
        // agentless arrests, charges, sentences: the state's authorities, of the country the
        // sentence places the act in, else the article's (`she was arrested`, `no one has
        // been charged in Haiti`)
        if source_id.is_none() && source.is_none() && p.state_source && (passive || !p.noun) {
            let place = self.place_arg(args, f.tok_end, clause_end, a);
            // else the country of the person acted on (`she was released from house
            // arrest`: her country's authorities)
            let place = place.or_else(|| {
                let t = if passive {
                    backward(f.tok).map(|k| &args[k])
                } else {
                    args[args.partition_point(|x| x.tok < f.tok_end)..]
                        .iter()
                        .find(|x| x.tok < clause_end && usable(x))
                }?;
                let id = t.actor?;
                (doc.actor(id).kind == ActorKind::Person && self.country_code(id).is_some())
                    .then_some(id)
            });
            source_id = self.authorities(place);
        }
        // a resolution or draft that calls for something speaks for the body that adopts it
        // (`The compromise calls for`)
        if source_id.is_none()
            && source.is_none()
            && !p.noun
            && p.kind == EventType::Request
            && (f.tok.saturating_sub(3).max(a)..f.tok).any(|i| {
                is_any(
                    self.word(i),
                    &[
                        "resolution",
                        "compromise",
                        "draft",
                        "text",
                        "measure",
                        "declaration",
                    ],
                )
            })
        {
            source_id = self.voting_body(trigger, sent, None, true);
        }
        if source_id.is_none() && p.body_source {
            // the body the clause places the vote in (`the resolution passed in the U.N.
            // Security Council`), else the one last named
            source_id = args
                .iter()
                .filter(|x| x.tok >= f.tok_end && x.tok < clause_end && usable(x))
                .filter(|x| is_any(self.pp_word(x, a), &["in", "at", "by"]))
                .filter_map(|x| x.actor)
                .find(|&id| {
                    doc.actor(id).kind != ActorKind::Country
                        && doc.actor_codes.get(id.0 as usize).is_some_and(|c| {
                            c.country.as_deref() == Some("IGO")
                                || matches!(c.sector.as_deref(), Some("LEG") | Some("IGO"))
                        })
                })
                .or_else(|| self.voting_body(trigger, sent, None, true));
        }
        // an attack by someone the text does not name (`a drone attack`, `an attack by an
        // unmanned aerial system`) is still an attack
        let unknown_attack = p.noun
            && p.kind == EventType::Assault
            && (f.tok.saturating_sub(2).max(a)..f.tok).any(|i| is_any(self.word(i), &["a", "an"]))
            && (f.tok.saturating_sub(2).max(a)..f.tok).all(|i| {
                matches!(doc.tokens[i].kind, TokenKind::Word | TokenKind::Quote)
                    && !is_any(self.word(i), PREPS)
            });
        if source_id.is_none()
            && !unknown_attack
            && (p.noun
                || source.is_some()
                || !self.allow_unknown_source
                || f.tok < a + 2
                || is_any(self.word(f.tok - 1), CLAUSE_WORDS)
                || self.word(f.tok - 1).eq_ignore_ascii_case("to"))
        {
            return None;
        }
        // --- target and place
        let mut target: Option<ActorId> = poss_target;
        let mut place: Option<ActorId> = None;
        // coordinated subjects of a reciprocal verb: `Biden and Netanyahu had not spoken`,
        // `Prime Minister X and his Israeli counterpart Y on Tuesday discussed`
        let mut coordinated = false;
        if between_target.is_some() {
            target = between_target;
            coordinated = true;
        }
        // a pattern with its own particle (`meet with`, `talk to`) names its partner
        let reciprocal = p.rest.is_empty()
            || (self.word(f.tok_end).eq_ignore_ascii_case("each")
                && self.word(f.tok_end + 1).eq_ignore_ascii_case("other"))
            || (self.word(f.tok_end).eq_ignore_ascii_case("one")
                && self.word(f.tok_end + 1).eq_ignore_ascii_case("another"));
        if p.kind == EventType::Consult && !p.noun && !passive && reciprocal {
            if let Some(k) = subject_idx {
                let x = &args[k];
                let y = args[..k].iter().rev().find(|y| {
                    let and = y.tok_end;
                    and < x.tok
                        && x.tok - and <= 5
                        && self.word(and).eq_ignore_ascii_case("and")
                        && (and + 1..x.tok).all(|i| {
                            doc.tokens[i].kind == TokenKind::Word
                                && !is_any(self.word(i), CLAUSE_WORDS)
                                && !is_any(self.word(i), PREPS)
                        })
                });
                if let Some(y) = y.filter(|y| usable(y) && !is_any(self.pp_word(y, a), PREPS)) {
                    if let Some(first) = self.id_of(y) {
                        if Some(first) != source_id {
                            target = source_id;
                            source_id = Some(first);
                            coordinated = true;
                        }
                    }
                }
            }
        }
        if passive {
            // within the clause, but `an amendment that was vetoed` takes its antecedent
            target = backward(f.tok)
                .filter(|&k| {
                    !(args[k].tok_end..f.tok).any(|i| {
                        self.is_boundary(i)
                            && !(i + 4 > f.tok && is_any(self.word(i), &["that", "which", "who"]))
                    })
                })
                .and_then(|k| self.id_of(&args[k]))
                .filter(|t| Some(*t) != source_id);
            if let Some(k) = reduced_rel {
                target = self.id_of(&args[k]).filter(|t| Some(*t) != source_id);
            }
        }
        // a request's addressee comes before what it is asked to do: `called on CEOs to treat
        // workers fairly` asks nothing of the workers
        let target_end = if p.kind == EventType::Request && !p.noun {
            (f.tok_end + 1..clause_end)
                .find(|&i| {
                    self.word(i).eq_ignore_ascii_case("to")
                        && i + 1 < b
                        && doc.tokens[i + 1].kind == TokenKind::Word
                        && if doc.pos.is_empty() {
                            self.word(i + 1).starts_with(char::is_lowercase)
                                && !is_any(self.word(i + 1), DETERMINERS)
                                && !is_any(self.word(i + 1), OBJECT_STARTS)
                        } else {
                            doc.pos[i + 1].upos == Upos::Verb
                        }
                })
                .unwrap_or(clause_end)
        } else {
            clause_end
        };
        let first_after = args.partition_point(|x| x.tok < f.tok_end);
        for x in &args[first_after..] {
            if x.tok >= target_end {
                break;
            }
            if !usable_target(x) || Some(x).map(|x| x.span) == source.map(|s| s.span) {
                continue;
            }
            if x.actor.is_none() && x.group.is_none() {
                continue;
            }
            // `from his American counterpart`: the head's nationality, not the possessive's
            // owner
            if x.tok_end == x.tok + 1
                && is_any(self.word(x.tok), &["his", "her", "its", "their"])
                && args
                    .iter()
                    .any(|y| y.tok == x.tok_end && y.nationality && usable_target(y))
            {
                continue;
            }
            // and the nationality takes the possessive's preposition
            let pw = if x.nationality
                && x.tok > a + 1
                && is_any(self.word(x.tok - 1), &["his", "her", "its", "their"])
            {
                self.word(x.tok - 2)
            } else {
                self.prev_word(x.tok, a)
            };
            let pw_np = if x.tok > a + 1 && is_any(pw, &["the", "a", "an"]) {
                self.word(x.tok - 2)
            } else {
                pw
            };
            // `with President Emmanuel Macron`
            let pw_np = if !is_any(pw_np, PREPS) && is_any(self.pp_word(x, a), PREPS) {
                self.pp_word(x, a)
            } else {
                pw_np
            };
            // `in the southern Gaza city of Rafah`
            let pw_np = if !is_any(pw_np, PREPS) && x.tok > a + 2 {
                let mut j = x.tok - 1;
                while j > a + 1
                    && x.tok - j < 3
                    && doc.tokens[j].kind == TokenKind::Word
                    && !is_any(self.word(j), PREPS)
                    && !is_any(self.word(j), CLAUSE_WORDS)
                    && !is_any(self.word(j), BE)
                {
                    j -= 1;
                }
                let w = self.word(j);
                // `in the southern Gaza city of`, `in northern Gaza`
                if is_any(w, PLACE_PREPS)
                    && (is_any(self.word(j + 1), &["the", "a", "an"])
                        || (j + 1..x.tok)
                            .all(|i| self.word(i).starts_with(|c: char| c.is_lowercase())))
                {
                    w
                } else {
                    pw_np
                }
            } else {
                pw_np
            };
            // `in all areas of the Gaza Strip`, `in parts of northern Syria`: a part of a
            // place is in that place
            let pw_np = if !is_any(pw_np, PLACE_PREPS) {
                self.part_of_place(x.tok, a).unwrap_or(pw_np)
            } else {
                pw_np
            };
            // `in Israel's ongoing war`: a possessive owns the next noun, it is no place
            let possessive = {
                let after = &doc.text[x.span.end as usize..];
                after.starts_with("'s") || after.starts_with("\u{2019}s")
            };
            let is_place = !possessive
                && x.actor.is_some_and(|id| {
                    matches!(doc.actor(id).kind, ActorKind::Place | ActorKind::Country)
                });
            // the pattern's own preposition introduces its target, not a place (`lashed out
            // at Turkey`)
            let pattern_prep = !p.rest.is_empty()
                && is_any(self.word(f.tok_end - 1), PLACE_PREPS)
                && (f.tok_end..x.tok).all(|i| is_any(self.word(i), &["the", "a", "an"]));
            if is_any(pw_np, PLACE_PREPS)
                && !pattern_prep
                && (is_place || !pw_np.eq_ignore_ascii_case("at"))
            {
                if place.is_none() && is_place {
                    place = x.actor;
                }
                continue;
            }
            if pw.eq_ignore_ascii_case("by") || target.is_some() || coordinated {
                continue;
            }
            // nouns take their target from a prepositional phrase (`the cancellation of the
            // trip to Washington surprised diplomats`: not the diplomats); patterns with an
            // object class not from a phrase on that object (`ended their blockade of the
            // crossings between Ukraine and Poland`)
            // `a protest at the crossing with Ukraine`: a `with` phrase after a common noun
            // belongs to the noun, unless the act is reciprocal (`a deal with Iran`)
            // a charge's `with` phrase is the offence (`charged in Haiti with the
            // president's assassination`)
            let charge_with = p.kind == EventType::Accuse && is_any(pw_np, &["with"]);
            let noun_with = !p.noun
                && is_any(pw_np, &["with"])
                && !matches!(
                    p.kind,
                    EventType::Agree | EventType::Consult | EventType::Cooperate
                )
                && {
                    let mut j = x.tok;
                    while j > f.tok_end && !self.word(j - 1).eq_ignore_ascii_case("with") {
                        j -= 1;
                    }
                    j > f.tok_end + 1
                        && doc.tokens[j - 2].kind == TokenKind::Word
                        && self.word(j - 2).starts_with(|c: char| c.is_lowercase())
                };
            let attached_elsewhere = noun_with || charge_with;
            // one complains, warns or is concerned `about` someone
            let prep_ok = (is_any(pw_np, TARGET_PREPS)
                || (p.kind == EventType::Accuse && pw_np.eq_ignore_ascii_case("about")))
                && !attached_elsewhere
                && !(p.object.is_some() && is_any(pw_np, &["between", "among", "into"]));
            let ok = match p.target {
                TargetRule::None => false,
                TargetRule::Prep => prep_ok,
                TargetRule::Object => (!p.noun && !attached_elsewhere) || prep_ok,
            };
            if ok {
                let id = self.id_of(x);
                if id != source_id {
                    target = id;
                }
            }
        }
        // a complaint's content names the accused: `complaints from X that China's glut of
        // factories was overwhelming markets`, `complained that Russia had meddled`
        if target.is_none()
            && p.kind == EventType::Accuse
            && p.target != TargetRule::None
            && clause_end < b
            && clause_end <= f.tok_end + 12
            && self.word(clause_end).eq_ignore_ascii_case("that")
        {
            target = args
                .iter()
                .find(|x| {
                    x.tok > clause_end
                        && x.tok <= clause_end + 2
                        && usable_target(x)
                        && !x.nationality
                        && x.actor.is_some_and(|id| {
                            matches!(
                                doc.actor(id).kind,
                                ActorKind::Country | ActorKind::Organization | ActorKind::Person
                            )
                        })
                })
                .and_then(|x| x.actor)
                .filter(|&t| Some(t) != source_id);
        }
        if target.is_none() {
            target = clause_partner
                .and_then(|k| self.id_of(&args[k]))
                .filter(|&t| Some(t) != source_id);
        }
        // the `of` phrase of an act done to someone is its target (`the release of the
        // imprisoned tycoon X`, `its bombardment of Tel Aviv`, `the arrest of two activists`)
        if target.is_none()
            && p.noun
            && !p.source_of
            && matches!(
                p.kind,
                EventType::Assault | EventType::Coerce | EventType::Concede | EventType::Sanction
            )
            && self.word(f.tok_end).eq_ignore_ascii_case("of")
        {
            target = args[first_after..]
                .iter()
                .take_while(|x| x.tok < clause_end && x.tok <= f.tok_end + 6)
                .find(|x| {
                    usable(x)
                        && (x.actor.is_some() || x.group.is_some())
                        && (f.tok_end + 1..x.tok).all(|i| {
                            doc.tokens[i].kind == TokenKind::Word
                                && !is_any(self.word(i), PREPS)
                                && !is_any(self.word(i), CLAUSE_WORDS)
                                && !is_any(self.word(i), BE)
                        })
                })
                .and_then(|x| self.id_of(x))
                .filter(|&t| Some(t) != source_id);
        }
        if p.target == TargetRule::None {
            target = None;
        }
        if target.is_none() && p.target != TargetRule::None {
            if p.place_as_target {
                target = place;
            }
            if target.is_none() && p.antecedent_target {
                // `a ground offensive planned by Israel - a plan that the US rejects`: the
                // source of the noun event the relative clause hangs on
                if let Some(s) = source {
                    let mut j = s.tok;
                    while j > a && is_any(self.word(j - 1), &["the", "a", "an"]) {
                        j -= 1;
                    }
                    if j > a && is_any(self.word(j - 1), &["that", "which"]) {
                        let that = doc.tokens[j - 1].span.start;
                        target = prev
                            .iter()
                            .zip(prev_meta)
                            .rev()
                            .find(|(e, m)| m.noun && e.trigger.end <= that)
                            .and_then(|(e, _)| e.source)
                            .or_else(|| {
                                // the antecedent is itself an actor
                                args.iter()
                                    .find(|x| x.tok_end + 1 == j && usable(x))
                                    .and_then(|x| self.id_of(x))
                            })
                            .filter(|id| Some(*id) != source_id);
                    }
                }
            }
            if target.is_none() && !p.noun && p.kind == EventType::Consult {
                // `scheduled to fly to the United States to meet with officials`
                if let Some(s) = source {
                    target = args
                        .iter()
                        .filter(|x| x.tok > s.tok_end && x.tok_end <= f.tok && usable(x))
                        .filter(|x| {
                            is_any(
                                self.prev_word(x.tok, a),
                                &["to", "with", "toward", "towards"],
                            )
                        })
                        .filter_map(|x| self.id_of(x))
                        .find(|id| Some(*id) != source_id);
                }
            }
        }
        let vote_object = !p.noun
            && target.is_none()
            && p.target != TargetRule::None
            && (f.tok_end..clause_end.min(f.tok_end + 6)).any(|i| {
                // `agreed to draft a plan`: a verb, not a draft resolution
                !self.word(i - 1).eq_ignore_ascii_case("to")
                    && is_any(
                        self.word(i),
                        &[
                            "resolution",
                            "resolution's",
                            "measure",
                            "amendment",
                            "motion",
                            "draft",
                        ],
                    )
            });
        if target.is_none() && (p.body_target || vote_object) {
            // `abstained`, `vetoed`: the voting body last named in the paragraph
            target = self.voting_body(trigger, sent, source_id, p.body_target);
        }
        // a verb coordinated with an event verb of the same source shares its target (`would
        // end the emergency against Burma and further ease trade sanctions`)
        if target.is_none() && !p.noun && p.target != TargetRule::None && source_id.is_some() {
            if let Some(e) = prev.last() {
                let between =
                    &doc.text[e.trigger.end.min(trigger.start) as usize..trigger.start as usize];
                // `and` right before the verb, over adverbs and auxiliaries
                let and_before = (f.tok.saturating_sub(3).max(a)..f.tok)
                    .rev()
                    .take_while(|&i| {
                        doc.tokens[i].kind == TokenKind::Word
                            && !self.word(i).eq_ignore_ascii_case("to")
                            && self.word(i).starts_with(|c: char| c.is_lowercase())
                    })
                    .any(|i| self.word(i).eq_ignore_ascii_case("and"));
                if e.source == source_id
                    && e.target.is_some()
                    && and_before
                    && between.split_whitespace().count() <= 12
                    && !between.contains([';', ':', '"'])
                    && !between
                        .split_whitespace()
                        .any(|w| is_any(w, CLAUSE_WORDS) && !is_any(w, &["as"]))
                {
                    target = e.target;
                }
            }
        }
        // a plea is made to the state: a government or court actor of the sentence, a
        // country the clause places it in, else the article's country (`tgt+state`)
        if target.is_none() && p.state_target {
            target = args
                .iter()
                .filter(|x| usable(x))
                .filter_map(|x| self.id_of(x))
                .find(|&id| {
                    // institutions and judges, not a country or a head of state named in
                    // passing (`the assassination of Haiti's president`)
                    let kind = doc.actors.get(id.0 as usize).map(|x| x.kind);
                    let wanted: &[&str] = match kind {
                        Some(ActorKind::Country) => &[],
                        Some(ActorKind::Person) => &["JUD"],
                        _ => &["GOV", "JUD", "COP"],
                    };
                    Some(id) != source_id
                        && self
                            .sector(id)
                            .is_some_and(|s| wanted.contains(&s.as_str()))
                        && self.country_code(id).is_some_and(|c| c != "IGO")
                })
                .or_else(|| {
                    let place = place.or_else(|| self.place_arg(args, f.tok_end, usize::MAX, a));
                    self.authorities(place)
                });
        }
        // a request that is the object of an answer (`rejected a request from Democrats`,
        // `granted Russia's request`) was made to the one who answers
        if target.is_none() && p.noun && p.kind == EventType::Request {
            target = prev
                .iter()
                .rev()
                .find(|e| {
                    e.trigger.end <= trigger.start
                        && doc.text[e.trigger.end as usize..trigger.start as usize]
                            .split_whitespace()
                            .count()
                            <= 3
                })
                .and_then(|e| e.source);
        }
        // violence in a place is violence against its people (`were killed in Gaza`, `the
        // Israeli massacres in northern Gaza`)
        if target.is_none() && p.kind == EventType::Assault && p.target != TargetRule::None {
            target = place;
        }
        if let Some((_, t)) = facing {
            target = Some(t);
        }
        if target.is_some() && target == source_id {
            target = None;
        }
        // talking to reporters is speaking to the public, not consulting
        if p.kind == EventType::Consult
            && target.is_some_and(|t| {
                t.0 as usize >= doc.actors.len() && self.sector(t).as_deref() == Some("MED")
            })
        {
            return None;
        }
        if target.is_none() && p.need_target {
            return None;
        }
        // interactions need a partner (gatherings need none: `attended a meeting`), unless
        // the source is collective, so the partners are its members (`leaders had agreed
        // to`, `the EU ministers met`), or a meeting noun has a source (`after a Thursday
        // evening meeting`, said by the ambassador)
        let collective = source.is_some_and(|s| s.group.is_some())
            || source_id.is_some_and(|id| {
                let i = id.0 as usize;
                i >= doc.actors.len()
                    || doc.actors[i].kind == ActorKind::Group
                    || doc
                        .actor_codes
                        .get(i)
                        .is_some_and(|c| c.country.as_deref() == Some("IGO"))
            });
        if target.is_none()
            && p.target != TargetRule::None
            && matches!(
                p.kind,
                EventType::Agree | EventType::Consult | EventType::Cooperate | EventType::Aid
            )
            && !(matches!(p.kind, EventType::Agree | EventType::Consult)
                && (collective || (p.noun && p.kind == EventType::Consult && source_id.is_some())))
        {
            return None;
        }
        // `warned X to do Y` is a demand
        let to_request = p.to_request
            && (f.tok_end..clause_end.min(f.tok_end + 8)).any(|i| {
                self.word(i).eq_ignore_ascii_case("to")
                    && i + 1 < b
                    && self.word(i + 1).starts_with(|c: char| c.is_lowercase())
                    && !is_any(self.word(i + 1), DETERMINERS)
            });
        if p.need_to && !to_request {
            return None;
        }
        // the content of a charge or plea is no event (`pleaded guilty to conspiring to
        // provide material support to kill the president`)
        if (f.tok.saturating_sub(14).max(a)..f.tok).any(|i| {
            let w = self.word(i);
            let next = self.word(i + 1);
            w.get(..7)
                .is_some_and(|x| x.eq_ignore_ascii_case("conspir"))
                || is_any(w, &["plotting", "plotted"])
                || (is_any(w, &["guilty"]) && is_any(next, &["to", "of"]))
                || (is_any(w, &["charged", "convicted", "indicted"])
                    && is_any(next, &["with", "of", "for", "on"]))
        }) {
            return None;
        }
        // --- negation and modality: look back from the trigger within the clause
        let stop = source
            .map(|s| s.tok_end)
            .filter(|&e| e <= f.tok)
            .unwrap_or(a);
        let mut negated = false;
        let mut modality = Modality::Asserted;
        let mut j = f.tok;
        let mut steps = 0;
        while j > stop && steps < 10 {
            j -= 1;
            steps += 1;
            let w = self.word(j);
            let t = doc.tokens[j];
            if t.kind == TokenKind::Punct && w != ","
                || (t.kind == TokenKind::Word
                    && is_any(w, CLAUSE_WORDS)
                    && !w.eq_ignore_ascii_case("as"))
            {
                break;
            }
            if steps <= 5 && negator(w) {
                negated = true;
            }
            if steps <= 5
                && is_any(
                    w,
                    &[
                        "refused", "refuses", "refuse", "declined", "declines", "failed", "fails",
                    ],
                )
                && self.word(j + 1).eq_ignore_ascii_case("to")
            {
                negated = true;
            }
            if modality == Modality::Asserted {
                let lw = w.to_ascii_lowercase();
                if is_any(w, HYPOTHETICAL) {
                    modality = Modality::Hypothetical;
                } else if is_any(w, &["will", "won't", "shall"])
                    || lw.ends_with("'ll")
                    || lw.ends_with("\u{2019}ll")
                    || (self.word(j + 1).eq_ignore_ascii_case("to")
                        && (lw == "going" || PLANNED_VERB_STEMS.iter().any(|s| lw.starts_with(s))))
                {
                    modality = Modality::Planned;
                } else if is_any(w, &["allegedly", "reportedly", "purportedly"]) {
                    modality = Modality::Claimed;
                }
            }
        }
        if p.noun
            && modality == Modality::Asserted
            && (f.tok.saturating_sub(3).max(a)..f.tok).any(|i| {
                is_any(
                    self.word(i),
                    &[
                        "planning",
                        "preparing",
                        "prepares",
                        "plans",
                        "threatening",
                        "threatens",
                    ],
                )
            })
        {
            modality = Modality::Planned;
        }
        if p.noun && modality == Modality::Asserted {
            let before = if f.tok > a { self.word(f.tok - 1) } else { "" };
            let after = self.word(f.tok_end);
            if [
                "planned",
                "proposed",
                "threatened",
                "expected",
                "possible",
                "potential",
                "upcoming",
                "scheduled",
            ]
            .iter()
            .any(|x| before.eq_ignore_ascii_case(x) || after.eq_ignore_ascii_case(x))
            {
                modality = Modality::Planned;
            }
            if f.tok > a && is_any(before, &["no"]) {
                negated = true;
            }
        }
        // the content of `no sign(s) / indication / evidence that ...` is denied (`there were
        // no signs "that the Israelis are preparing to conduct a ground operation"`)
        if !negated && self.denied_content(f.tok) {
            negated = true;
        }
        // a condition is no event (`unless Israel halted the fighting`, `if Turkey attacks`),
        // nor a hypothetical act in a clause describing a noun (`a ceasefire which could end
        // the war`, `a deal that would have secured the release of 40 hostages`)
        if !p.noun || modality != Modality::Asserted {
            let mut j = f.tok;
            while j > a && f.tok - j < 12 {
                j -= 1;
                let w = self.word(j);
                if doc.tokens[j].kind == TokenKind::Punct && !matches!(w, "," | "'" | "\u{2019}") {
                    break;
                }
                if is_any(w, &["unless", "if"])
                    && !(j > a && is_any(self.word(j - 1), &["as", "even", "whether"]))
                {
                    return None;
                }
                if is_any(w, &["which", "that"]) {
                    // a common noun, not a time (`said on Saturday that they would`)
                    let prev = if j > a { self.word(j - 1) } else { "" };
                    let noun_before = j > a
                        && if doc.pos.is_empty() {
                            doc.tokens[j - 1].kind == TokenKind::Word
                                && !prev.ends_with("ed")
                                && !is_any(prev, IRREGULAR_PAST)
                                && !is_any(prev, BE)
                                && !is_any(prev, DETERMINERS)
                        } else {
                            doc.pos[j - 1].upos == Upos::Noun
                        }
                        && prev.starts_with(|c: char| c.is_lowercase())
                        && !dates::is_time_word(&prev.to_lowercase());
                    // `a deal with the Houthis which could end the war`: `which` with no comma
                    // after a name describes the phrase it ends
                    let name_before = w.eq_ignore_ascii_case("which")
                        && j > a + 1
                        && doc.tokens[j - 1].kind == TokenKind::Word
                        && prev.starts_with(char::is_uppercase);
                    if (noun_before || name_before) && modality == Modality::Hypothetical {
                        return None;
                    }
                    break;
                }
                if is_any(w, CLAUSE_WORDS) {
                    break;
                }
            }
        }
        // inside reported speech about another actor's deeds: claimed
        if let Some(q) = tq {
            let speaker = doc.quotes[q].speaker;
            if modality == Modality::Asserted && speaker.is_some() && speaker != source_id {
                modality = Modality::Claimed;
            }
        }
        // --- date: the nearest time expression of the sentence; else the paragraph's
        // narrative date for a past-tense verb outside quotations
        let te = times
            .iter()
            .min_by_key(|t| (t.tok as i64 - f.tok as i64).unsigned_abs())
            .copied()
            .or_else(|| {
                narrative
                    .filter(|_| {
                        f.start.past
                            && !p.noun
                            && tq.is_none()
                            && modality == Modality::Asserted
                            && !(f.tok.saturating_sub(2).max(a)..f.tok).any(|i| {
                                is_any(
                                    self.word(i),
                                    &["originally", "previously", "earlier", "initially", "once"],
                                )
                            })
                    })
                    .map(|(_, t)| t)
            });
        // civilians blocking roads protest; they do not coerce (PLOVER PROTEST, obstruct)
        let civil = source_id
            .and_then(|s| self.sector(s))
            .is_some_and(|s| matches!(s.as_str(), "CVL" | "OPP" | "LAB"));
        let (kind, mode, cameo, goldstein) = if p.kind == EventType::Coerce && civil {
            (
                EventType::Protest,
                Some("obstruct".to_string()),
                "14".to_string(),
                -6.5,
            )
        } else if to_request {
            (EventType::Request, None, "10".to_string(), -5.0)
        } else {
            (p.kind, p.mode.clone(), p.cameo.clone(), p.goldstein)
        };
        Some(Event {
            kind,
            mode,
            cameo,
            goldstein,
            source: source_id,
            target,
            date: te.and_then(|t| t.when).map(When::format),
            date_text: te.map(|t| t.span),
            place,
            negated,
            modality,
            trigger,
            evidence: sent,
            quote: tq.map(|q| q as u32),
        })
    }
}
