//! Finding events: dictionary triggers on the tokens, then source, target, place, negation,
//! modality and date around each trigger, within its sentence.

use crate::dates::{self, Day, TimeExpr, When};
use crate::dict::{Dictionary, Pattern, Start, TargetRule};
use newsgraph_core::{
    ActorId, ActorKind, Document, Event, EventType, MentionKind, Modality, Span, TokenKind, Upos,
};

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
}

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
];

fn is_any(w: &str, set: &[&str]) -> bool {
    set.iter().any(|s| w.eq_ignore_ascii_case(s))
}

fn negator(w: &str) -> bool {
    is_any(w, &["not", "never", "no", "without", "neither", "nor"])
        || w.len() > 3 && (w.ends_with("n't") || w.ends_with("n\u{2019}t"))
}

/// The coding stage's per-document work.
pub(crate) struct Coder<'a> {
    pub dict: &'a Dictionary,
    pub doc: &'a Document,
    /// Sentence index -> the block it lies in (paragraph index).
    article: Option<Day>,
    /// Keep verb events whose subject is no actor (source null), as the gold does.
    pub allow_unknown_source: bool,
}

struct Found {
    pat: u32,
    start: Start,
    tok: usize,
    tok_end: usize,
}

impl<'a> Coder<'a> {
    pub fn new(dict: &'a Dictionary, doc: &'a Document) -> Self {
        let article = doc.meta.date.as_deref().and_then(dates::parse_iso);
        Coder {
            dict,
            doc,
            article,
            allow_unknown_source: true,
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

    /// Every event of the document, sorted by trigger.
    pub fn run(&self) -> Vec<Event> {
        let doc = self.doc;
        let mut events = Vec::new();
        let mut lower = String::new();
        // the last single-day time expression of the current paragraph (narrative date)
        let mut narrative: Option<(usize, TimeExpr)> = None;
        for (si, sent) in doc.sentences.iter().enumerate() {
            let a = doc.tokens.partition_point(|t| t.span.start < sent.start);
            let b = doc.tokens.partition_point(|t| t.span.end <= sent.end);
            if a >= b {
                continue;
            }
            // triggers first: most sentences have none, and then nothing else is computed
            let mut found: Vec<Found> = Vec::new();
            let mut has_time = false;
            let mut i = a;
            while i < b {
                let t = doc.tokens[i];
                if t.kind != TokenKind::Word {
                    if t.kind == TokenKind::Number && !has_time {
                        has_time = dates::is_time_word(doc.slice(t.span));
                    }
                    i += 1;
                    continue;
                }
                let w = doc.slice(t.span);
                lower.clear();
                lower.push_str(w);
                lower.make_ascii_lowercase();
                has_time = has_time
                    || (dates::is_time_word(&lower)
                        && (!matches!(lower.as_str(), "may" | "march")
                            || w.starts_with(|c: char| c.is_ascii_uppercase())));
                let Some(starts) = self.dict.starts.get(lower.as_str()) else {
                    i += 1;
                    continue;
                };
                let mut hit = None;
                for s in starts {
                    let p = &self.dict.patterns[s.pattern as usize];
                    if let Some(end) = self.match_rest(p, i + 1, b) {
                        if self.accept(p, *s, i) {
                            hit = Some(Found {
                                pat: s.pattern,
                                start: *s,
                                tok: i,
                                tok_end: end,
                            });
                            break;
                        }
                    }
                }
                match hit {
                    Some(f) => {
                        i = f.tok_end;
                        found.push(f);
                    }
                    None => i += 1,
                }
            }
            let block = doc.block_at(sent.start as usize).map(|b| b.span.start);
            if narrative.is_some_and(|(blk, _)| Some(blk) != block.map(|x| x as usize)) {
                narrative = None;
            }
            let times = if !has_time {
                Vec::new()
            } else {
                dates::find(doc, &doc.tokens[a..b], a, self.article)
            };
            if !found.is_empty() {
                let args = self.args(*sent, a, b);
                for f in &found {
                    if let Some(e) = self.event(f, *sent, a, b, &args, &times, narrative) {
                        events.push(e);
                    }
                }
            }
            if let (Some(blk), Some(t)) = (
                block,
                times
                    .iter()
                    .rev()
                    .find(|t| matches!(t.when, Some(When::Day(_)))),
            ) {
                narrative = Some((blk as usize, *t));
            }
            let _ = si;
        }
        events.sort_by_key(|e| e.trigger.start);
        events
    }

    fn match_rest(&self, p: &Pattern, from: usize, b: usize) -> Option<usize> {
        let mut j = from;
        for r in &p.rest {
            // skip one adverb between a verb and its particle (`called urgently for`)
            if j < b
                && !self.word(j).eq_ignore_ascii_case(r)
                && self.word(j).ends_with("ly")
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

    fn accept(&self, p: &Pattern, s: Start, i: usize) -> bool {
        if !self.doc.pos.is_empty() {
            // with a tagger, verbs must be tagged as verbs and nouns as nouns
            let u = self.doc.pos[i].upos;
            if p.noun && !matches!(u, Upos::Noun | Upos::Propn) {
                return false;
            }
            if !p.noun && !matches!(u, Upos::Verb | Upos::Aux) {
                return false;
            }
            return true;
        }
        if p.no_base && s.base {
            let prev = if i > 0 { self.word(i - 1) } else { "" };
            let prev2 = if i > 1 { self.word(i - 2) } else { "" };
            let modal = |w: &str| is_any(w, MODALS) || w.ends_with("n't");
            return modal(prev)
                || (prev.ends_with("ly") && modal(prev2))
                || is_any(prev, &["we", "they", "i", "you"]);
        }
        // a verb form directly after a determiner is a noun or adjective (`the planned visit`)
        if !p.noun
            && i > 0
            && is_any(
                self.word(i - 1),
                &["the", "a", "an", "its", "their", "his", "her"],
            )
        {
            return false;
        }
        true
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
            });
        }
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
                            out.insert(
                                pos,
                                Arg {
                                    span: s,
                                    actor: Some(sp),
                                    nationality: false,
                                    tok: i,
                                    tok_end: i + 1,
                                    quote: Some(q),
                                },
                            );
                        }
                    }
                }
            }
        }
        out
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
    ) -> Option<Event> {
        let doc = self.doc;
        let p = &self.dict.patterns[f.pat as usize];
        let trigger = doc.tokens[f.tok].span.cover(doc.tokens[f.tok_end - 1].span);
        let tq = self.quote_at(trigger.start);
        // an argument must lie in the same quotation as the trigger (or both outside any)
        let usable = |x: &Arg| x.quote == tq;
        let passive = !p.noun
            && f.start.past
            && ((f.tok > a
                && (is_any(self.word(f.tok - 1), BE)
                    || (self.word(f.tok - 1).ends_with("ly")
                        && f.tok > a + 1
                        && is_any(self.word(f.tok - 2), BE))))
                || self.word(f.tok_end).eq_ignore_ascii_case("by"));
        // clause end for the forward search
        let mut clause_end = b;
        for i in f.tok_end..b {
            if self.is_boundary(i) {
                clause_end = i;
                break;
            }
        }
        // --- source
        let mut source: Option<&Arg> = None;
        let mut subject_idx: Option<usize> = None;
        let backward = |from_tok: usize| -> Option<usize> {
            // nearest usable argument before `from_tok` that is not the object of a preposition
            let mut k = args.partition_point(|x| x.tok_end <= from_tok);
            while k > 0 {
                k -= 1;
                let x = &args[k];
                if !usable(x) {
                    continue;
                }
                // a semicolon ends the search
                if (x.tok_end..from_tok).any(|i| self.word(i) == ";") {
                    return None;
                }
                let pw = self.prev_word(x.tok, a);
                if is_any(pw, PREPS) {
                    continue;
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
        if p.noun {
            // possessive or adjective right before the noun (`Netanyahu's cancellation`,
            // `Israeli strikes`)
            let k = args.partition_point(|x| x.tok_end <= f.tok);
            if k > 0 {
                let x = &args[k - 1];
                let gap = f.tok - x.tok_end.min(f.tok);
                let after = &doc.text[x.span.end as usize..];
                let poss = after.starts_with("'s")
                    || after.starts_with("\u{2019}s")
                    || after.starts_with("' ");
                let tokgap = if poss {
                    gap <= 3
                } else {
                    gap <= 2 && x.nationality
                };
                if tokgap && usable(x) && x.actor.is_some() && (poss || x.nationality) {
                    subject_idx = Some(k - 1);
                }
            }
            if subject_idx.is_none() {
                // `planned by Israel`
                for (k, x) in args.iter().enumerate() {
                    if x.tok >= f.tok_end
                        && x.tok <= f.tok_end + 3
                        && self.word(x.tok - 1).eq_ignore_ascii_case("by")
                        && usable(x)
                    {
                        subject_idx = Some(k);
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
            if subject_idx.is_none() {
                // object of a light verb: `Israel launched an offensive`
                let lv = (f.tok.saturating_sub(4).max(a)..f.tok)
                    .rev()
                    .find(|&i| is_any(self.word(i), LIGHT_VERBS));
                if let Some(lv) = lv {
                    subject_idx = backward(lv);
                }
            }
        } else if passive {
            subject_idx = args.iter().position(|x| {
                x.tok > f.tok_end
                    && x.tok < clause_end.max(f.tok_end + 1)
                    && self.word(x.tok - 1).eq_ignore_ascii_case("by")
                    && usable(x)
            });
        } else {
            subject_idx = backward(f.tok);
        }
        if let Some(k) = subject_idx {
            source = Some(&args[k]);
        }
        let mut source_id = source.and_then(|s| s.actor);
        if source_id.is_none()
            && (p.noun
                || source.is_some()
                || !self.allow_unknown_source
                || f.tok < a + 2
                || is_any(self.word(f.tok - 1), CLAUSE_WORDS))
        {
            return None;
        }
        // --- target and place
        let mut target: Option<ActorId> = None;
        let mut place: Option<ActorId> = None;
        if passive {
            target = backward(f.tok)
                .and_then(|k| args[k].actor)
                .filter(|t| Some(*t) != source_id);
        }
        let first_after = args.partition_point(|x| x.tok < f.tok_end);
        for x in &args[first_after..] {
            if x.tok >= clause_end {
                break;
            }
            if !usable(x) || Some(x).map(|x| x.span) == source.map(|s| s.span) {
                continue;
            }
            let Some(id) = x.actor else { continue };
            let pw = self.prev_word(x.tok, a);
            let pw_np = if x.tok > a + 1 && is_any(pw, &["the", "a", "an"]) {
                self.word(x.tok - 2)
            } else {
                pw
            };
            if is_any(pw_np, PLACE_PREPS) {
                if place.is_none()
                    && matches!(doc.actor(id).kind, ActorKind::Place | ActorKind::Country)
                {
                    place = Some(id);
                }
                continue;
            }
            if pw.eq_ignore_ascii_case("by") || Some(id) == source_id || target.is_some() {
                continue;
            }
            match p.target {
                TargetRule::None => {}
                TargetRule::Prep => {
                    if is_any(pw_np, TARGET_PREPS) {
                        target = Some(id);
                    }
                }
                TargetRule::Object => target = Some(id),
            }
        }
        if p.target == TargetRule::None {
            target = None;
        }
        if target.is_none() && p.target != TargetRule::None {
            if p.place_as_target {
                target = place;
            }
            if target.is_none() && p.antecedent_target {
                if let Some(s) = source {
                    let mut j = s.tok;
                    while j > a && is_any(self.word(j - 1), &["the", "a", "an"]) {
                        j -= 1;
                    }
                    if j > a && is_any(self.word(j - 1), &["that", "which"]) {
                        target = args
                            .iter()
                            .rev()
                            .filter(|x| x.tok_end < j && usable(x))
                            .filter_map(|x| x.actor)
                            .find(|id| {
                                Some(*id) != source_id && doc.actor(*id).kind != ActorKind::Place
                            });
                    }
                }
            }
            if target.is_none() && !p.noun {
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
                        .filter_map(|x| x.actor)
                        .find(|id| Some(*id) != source_id);
                }
            }
        }
        // coordinated subjects of a reciprocal verb: `Biden and Netanyahu had not spoken`,
        // `President X and Chancellor Y met`
        if p.kind == EventType::Consult && target.is_none() {
            if let Some(k) = subject_idx {
                let x = &args[k];
                if k > 0 {
                    let y = &args[k - 1];
                    let and = y.tok_end;
                    if and < x.tok
                        && x.tok - and <= 4
                        && self.word(and).eq_ignore_ascii_case("and")
                        && (and + 1..x.tok)
                            .all(|i| self.word(i).starts_with(|c: char| c.is_uppercase()))
                    {
                        if let Some(first) = y.actor {
                            target = source_id;
                            source_id = Some(first);
                        }
                    }
                }
            }
        }
        if target.is_some() && target == source_id {
            target = None;
        }
        // interactions need a partner
        if target.is_none()
            && matches!(
                p.kind,
                EventType::Agree | EventType::Consult | EventType::Cooperate | EventType::Aid
            )
        {
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
                        f.start.past && !p.noun && tq.is_none() && modality == Modality::Asserted
                    })
                    .map(|(_, t)| t)
            });
        Some(Event {
            kind: p.kind,
            mode: p.mode.clone(),
            cameo: p.cameo.clone(),
            goldstein: p.goldstein,
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
