//! Direct quotations and their attribution: a cue after the quote (`"...," said X`,
//! `"...," X said`, `"...", according to X`), before it (`X said: "..."`, `X told
//! reporters "..."`), a colon after a name (`X: "..."` in captions and headlines); scare
//! quotes and titles are dropped.

use crate::cues::{cue_at, verb_context_ok};
use crate::lexicon::{self as lx, CueClass};
use crate::view::{Ctx, Para, Subj, BOUNDARY, CAP, COLON, COMMA, DASH, END, NONE, SEMI, WORD};
use newsgraph_core::{ActorId, ActorKind, MentionKind, QuoteKind, Span};

/// What attributes a quotation: its cue and the subject next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attr {
    /// The cue's bytes.
    pub cue: Span,
    /// The speaker phrase, when one was found.
    pub subj: Option<Subj>,
    /// A participle (`, adding that`): the speaker is the subject of the sentence starting at
    /// this token.
    pub inherit_sentence: Option<usize>,
    /// The cue names rather than quotes (`called it "..."`): only good for long quotes.
    pub weak: bool,
}

/// How a quoted region is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionUse {
    /// Not claimed by reported speech.
    Free,
    /// Part of a mixed quotation: not reported again.
    Consumed,
    /// The whole clause of a cue (`X said "..."`): a direct quote with that cue.
    Whole(Attr),
}

/// A quotation found, before speakers are settled.
#[derive(Debug, Clone, Copy)]
pub struct Cand {
    pub kind: QuoteKind,
    pub span: Span,
    pub para: usize,
    /// The quoted region of a direct quote, NONE otherwise.
    pub region: u32,
    /// Its own attribution, if any.
    pub attr: Option<Attr>,
    /// Settled speaker.
    pub speaker: Option<ActorId>,
    /// Settled speaker mention.
    pub mention: Option<Span>,
}

fn attr(cue: Span, subj: Option<Subj>, inherit: Option<usize>) -> Attr {
    Attr {
        cue,
        subj,
        inherit_sentence: inherit,
        weak: false,
    }
}

fn weak(mut a: Attr, w: bool) -> Attr {
    a.weak = w;
    a
}

/// After the closing mark: `, said X`, `, X said`, `, according to X`, `?" asked X`.
fn post(ctx: &Ctx, p: &Para, r: usize, content: Span) -> Option<Attr> {
    let reg = ctx.regions[r];
    let (_, c1) = reg.close?;
    let mut a = ctx.tok_at_or_after(p, c1);
    let mut skipped = 0;
    while a < p.t1 && skipped < 2 && ctx.toks[a].flags & (COMMA | DASH) != 0 {
        a += 1;
        skipped += 1;
    }
    if a >= p.t1 || ctx.toks[a].region != NONE {
        return None;
    }
    let inner = &ctx.text[content.range()];
    let ends_period = inner.ends_with('.') || inner.ends_with('…');
    // After a full stop the attribution must be a short tail (`"..." Kirby said.`), not a
    // new sentence that reports something else.
    let ends_here = |j: usize| ctx.ends_before(p, j) || ctx.flag(j, COMMA);
    // A short quote right after an article is part of a noun phrase (`the "Alien
    // Superstar" singer said`): a title, not the words of the subject that follows. And
    // `on "communion," he suggested ...`: a short term inside a sentence.
    let after_article = ctx
        .tok_before(p, reg.open)
        .is_some_and(|b| ctx.toks[b].region == NONE && ctx.is(b, lx::DET) && !ctx.is(b, lx::THAT));
    if (after_article || !region_starts_sentence(ctx, p, r)) && short(inner) {
        return None;
    }
    if let Some(at) = appositive_cue(ctx, p, a) {
        return Some(at);
    }
    if let Some(c) = cue_at(ctx, p, a) {
        if c.ing {
            return None;
        }
        let (subj, j) = ctx.np_after(p, c.last + 1)?;
        if ends_period && !ends_here(ctx.skip_adverbials(p, ctx.skip_paren(p, j))) {
            return None;
        }
        return Some(weak(attr(c.span(ctx), Some(subj), None), c.weak));
    }
    let mut k = a;
    while k < p.t1 && k - a <= 16 {
        let t = ctx.toks[k];
        // `"..." Ann Lee (D-Del.) said`: a short parenthesis, abbreviation periods and all.
        if k > a && ctx.tt(k) == "(" {
            if let Some(e) = (k + 2..p.t1.min(k + 8)).find(|&e| ctx.tt(e) == ")") {
                if (k + 1..e).all(|i| ctx.toks[i].region == NONE && ctx.toks[i].cue == 0) {
                    k = e + 1;
                    continue;
                }
            }
        }
        // `D-Del.,`: a period before a comma ends an abbreviation, not the sentence.
        let abbr = |i: usize| ctx.tt(i) == "." && i + 1 < p.t1 && ctx.flag(i + 1, COMMA);
        if t.region != NONE
            || t.flags & (SEMI | COLON) != 0
            || t.flags & BOUNDARY != 0 && !abbr(k)
            || k > a && ctx.flag(k - 1, END) && !abbr(k - 1) && !abbr(k)
        {
            return None;
        }
        if let Some(c) = cue_at(ctx, p, k) {
            if c.ing || c.according || !verb_context_ok(ctx, p, k) {
                return None;
            }
            let subj = ctx.subject_before(p, k)?;
            // `a special report on ...`: a noun, unless a name or pronoun is its subject.
            if c.noun && subj.actor.is_none() && subj.pronoun == 0 {
                return None;
            }
            // `"...." Oppenheimer once said, "..."`: a new sentence that introduces the next
            // quote, not a tail of this one.
            if ends_period && ctx.flag(a, CAP) {
                let j = ctx.skip_adverbials(p, c.last + 1);
                if j + 1 < p.t1
                    && ctx.toks[j].flags & (COMMA | COLON) != 0
                    && ctx.toks[j + 1].region != NONE
                {
                    return None;
                }
            }
            // Only conjunctions, adverbs or a title may come before the subject
            // (`Finance Minister Clara Weiss said`).
            // Before a person's name, a longer role may stand (`Florida State board
            // chairman Peter Collins said`, `Board of Trustees chairman X said`).
            let named_person = subj.pronoun == 0
                && subj
                    .actor
                    .is_some_and(|x| ctx.actor_kind(x) == ActorKind::Person)
                && subj.first - a <= 8;
            let lead_ok = subj.first >= a
                && (a..subj.first).all(|q| {
                    ctx.is(q, lx::CONJ | lx::TITLE | lx::DET)
                        || ctx.is_adverb(q)
                        || ctx.flag(q, CAP)
                        || matches!(ctx.tt(q), "'s" | "’s" | "-")
                        || named_person
                            && ctx.flag(q, WORD)
                            && (!ctx.is(
                                q,
                                lx::PREP | lx::REL | lx::THAT | lx::AUX | lx::PASSIVE | lx::NEG,
                            ) || ctx.lower_is(q, "of"))
                            && ctx.toks[q].cue == 0
                });
            if !lead_ok {
                return None;
            }
            if ends_period {
                let mut j = c.last + 1;
                if c.class == CueClass::Object && !ctx.ends_before(p, j) {
                    // `told reporters`, `told Reuters`
                    while j < p.t1
                        && ctx.flag(j, WORD)
                        && j - c.last <= 3
                        && !ctx.is(j, lx::PREP | lx::THAT)
                    {
                        j += 1;
                        if ctx.flag(j - 1, END) {
                            break;
                        }
                    }
                }
                if !ends_here(ctx.skip_adverbials(p, j)) {
                    return None;
                }
            }
            return Some(weak(attr(c.span(ctx), Some(subj), None), c.weak));
        }
        k += 1;
    }
    None
}

/// `"...," Dustin Pusch, a partner at the law firm representing Ozy, said` and `"...,"
/// tourist Joe Hyland, 18, from Truro, told the BBC`: a person's name right after the quote,
/// then appositives, then the cue. Returns the attribution with the name as speaker.
fn appositive_cue(ctx: &Ctx, p: &Para, a: usize) -> Option<Attr> {
    // The name, after at most two title words (`tourist`, `attorney`).
    let lim = ctx.toks[(a + 2).min(p.t1 - 1)].start;
    let m = ctx.mentions(p).iter().find(|m| {
        m.span.start >= ctx.toks[a].start
            && m.span.start <= lim
            && m.kind == MentionKind::Name
            && m.actor
                .is_some_and(|x| ctx.actor_kind(x) == ActorKind::Person)
    })?;
    let first = ctx.tok_at_or_after(p, m.span.start);
    if (a..first).any(|q| ctx.flag(q, COMMA | BOUNDARY | END) || ctx.toks[q].cue != 0) {
        return None;
    }
    let last = ctx.tok_before(p, m.span.end)?;
    // A comma within two tokens after the name (`Kelly Jones MS, RD, ...`).
    let comma = (last + 1..(last + 4).min(p.t1)).find(|&q| ctx.flag(q, COMMA))?;
    if (last + 1..comma).any(|q| !ctx.flag(q, CAP)) {
        return None;
    }
    let mut k = comma + 1;
    while k < p.t1 && k - comma <= 40 {
        let t = ctx.toks[k];
        if t.region != NONE || t.flags & (BOUNDARY | SEMI | COLON) != 0 || ctx.flag(k - 1, END) {
            return None;
        }
        if let Some(c) = cue_at(ctx, p, k) {
            if c.ing || c.according || !verb_context_ok(ctx, p, k) {
                return None;
            }
            // The cue must close the appositive (`..., said`, `... dietitian told`), and the
            // report ends there (`told Health.`).
            let mut j = c.last + 1;
            if c.class == CueClass::Object {
                while j < p.t1
                    && ctx.flag(j, WORD)
                    && j - c.last <= 3
                    && !ctx.is(j, lx::PREP | lx::THAT)
                {
                    j += 1;
                    if ctx.flag(j - 1, END) {
                        break;
                    }
                }
            }
            let j = ctx.skip_adverbials(p, j);
            if !(ctx.ends_before(p, j) || ctx.flag(j, COMMA)) {
                return None;
            }
            let subj = Subj {
                actor: m.actor,
                mention: m.span,
                pronoun: 0,
                first,
                last,
            };
            return Some(weak(attr(c.span(ctx), Some(subj), None), c.weak));
        }
        k += 1;
    }
    None
}

/// Does the quote follow a colon in its paragraph?
fn after_colon(ctx: &Ctx, p: &Para, r: usize) -> bool {
    ctx.tok_before(p, ctx.regions[r].open)
        .is_some_and(|b| ctx.toks[b].region == NONE && ctx.flag(b, COLON))
}

/// Before the opening mark: `X said: "`, `X said, "`, `X told reporters "`, `X said that "`,
/// `According to X, "`, or a colon after a name (`X: "`).
fn pre(ctx: &Ctx, p: &Para, r: usize) -> Option<Attr> {
    let reg = ctx.regions[r];
    let Some(b) = ctx.tok_before(p, reg.open) else {
        // `She said:` ending the previous paragraph, the quote opening this one.
        let pi = ctx.region_para[r] as usize;
        let pp = &ctx.paras[crate::prev_body(ctx, pi)?];
        if pp.t1 == pp.t0 || !ctx.flag(pp.t1 - 1, COLON) || ctx.toks[pp.t1 - 1].region != NONE {
            return None;
        }
        return pre_at(ctx, pp, pp.t1 - 1);
    };
    pre_at(ctx, p, b)
}

/// `pre` with `b`, the token right before the opening mark.
fn pre_at(ctx: &Ctx, p: &Para, b: usize) -> Option<Attr> {
    if b < p.t0 || ctx.toks[b].region != NONE {
        return None;
    }
    // `users can ask questions ("...")`: an example, not the subject's words.
    if ctx.tt(b) == "(" {
        return None;
    }
    let colon = ctx.flag(b, COLON);
    let comma = ctx.flag(b, COMMA) || ctx.flag(b, DASH);
    let mut k = if colon || comma {
        if b == p.t0 {
            return None;
        }
        b - 1
    } else {
        b
    };
    if ctx.toks[k].region != NONE {
        return None;
    }
    if ctx.is(k, lx::THAT) && k > p.t0 {
        k -= 1;
    }
    // A cue within a few tokens.
    let mut c = k;
    loop {
        let t = ctx.toks[c];
        if t.region != NONE || t.flags & (BOUNDARY | END) != 0 || k - c > 10 {
            break;
        }
        if let Some(h) = cue_at(ctx, p, c).or_else(|| {
            (c > p.t0 && ctx.lower_is(c, "to"))
                .then(|| cue_at(ctx, p, c - 1))
                .flatten()
                .filter(|h| h.according)
        }) {
            let gap = k - h.last;
            if !(gap == 0 || colon || comma || gap <= 3) {
                return None;
            }
            if !h.according && !verb_context_ok(ctx, p, h.first) {
                return None;
            }
            // `The question asked of the synod is: "..."`: a participle, not a report.
            if !h.according && h.last + 1 < p.t1 && ctx.lower_is(h.last + 1, "of") {
                return None;
            }
            if h.ing {
                // `the singer can be heard telling the crowd, "..."`: the subject of the
                // perception verb speaks.
                let mut q = h.first;
                if q > p.t0
                    && ["heard", "seen", "filmed", "caught", "shown"]
                        .iter()
                        .any(|w| ctx.lower_is(q - 1, w))
                {
                    q -= 1;
                    while q > p.t0 && ctx.is(q - 1, lx::AUX | lx::PASSIVE) {
                        q -= 1;
                    }
                    if q + 1 < h.first {
                        if let Some(subj) = ctx.subject_before(p, q) {
                            return Some(weak(attr(h.span(ctx), Some(subj), None), h.weak));
                        }
                    }
                }
                let s0 = ctx.sentence_start(p, h.first);
                return Some(weak(attr(h.span(ctx), None, Some(s0)), h.weak));
            }
            // `... and also tells the bystander, "..."`: the sentence's subject speaks.
            if !h.according && ctx.subject_before(p, h.first).is_none() {
                let mut q = h.first;
                while q > p.t0 && (ctx.is(q - 1, lx::AUX) || ctx.is_adverb(q - 1)) {
                    q -= 1;
                }
                if q > p.t0 && (ctx.lower_is(q - 1, "and") || ctx.lower_is(q - 1, "but")) {
                    let s0 = ctx.sentence_start(p, h.first);
                    if s0 + 1 < q {
                        return Some(weak(attr(h.span(ctx), None, Some(s0)), h.weak));
                    }
                }
            }
            let subj = if h.according {
                ctx.np_after(p, h.last + 1).map(|x| x.0)
            } else {
                ctx.subject_before(p, h.first).or_else(|| {
                    (gap > 0)
                        .then(|| ctx.np_after(p, h.last + 1).map(|x| x.0))
                        .flatten()
                })
            };
            return Some(weak(attr(h.span(ctx), subj, None), h.weak));
        }
        if c == p.t0 {
            break;
        }
        c -= 1;
    }
    if !colon {
        return None;
    }
    // `National Security Council Communications Director John Kirby in the White House: "`
    let s0 = ctx.sentence_start(p, b);
    if b - s0 > 16 || s0 >= b {
        return None;
    }
    let (a0, a1) = (ctx.toks[s0].start, ctx.toks[b].start);
    let mut person = None;
    let mut other = None;
    for m in ctx.mentions_within(p, a0, a1) {
        let Some(id) = m.actor else { continue };
        if m.kind == MentionKind::Pronoun {
            continue;
        }
        match ctx.actor_kind(id) {
            ActorKind::Person => {
                if person.is_none() {
                    person = Some(m);
                }
            }
            ActorKind::Organization | ActorKind::Country | ActorKind::Group => {
                if other.is_none() {
                    other = Some(m);
                }
            }
            ActorKind::Place => {}
        }
    }
    let colon_span = Span {
        start: ctx.toks[b].start,
        end: ctx.toks[b].end,
    };
    if let Some(m) = person.or(other) {
        let first = ctx.tok_at_or_after(p, m.span.start);
        let last = ctx.tok_before(p, m.span.end).unwrap_or(first);
        let subj = Subj {
            actor: m.actor,
            mention: m.span,
            pronoun: 0,
            first,
            last,
        };
        return Some(attr(colon_span, Some(subj), None));
    }
    for q in s0..b {
        if ctx.flag(q, CAP) {
            if let Some(id) = ctx.person_by_surname(ctx.tt(q)) {
                let subj = Subj {
                    actor: Some(id),
                    mention: Span {
                        start: ctx.toks[q].start,
                        end: ctx.toks[q].end,
                    },
                    pronoun: 0,
                    first: q,
                    last: q,
                };
                return Some(attr(colon_span, Some(subj), None));
            }
        }
    }
    None
}

/// Words of a quote's content.
fn word_count(s: &str) -> usize {
    words_up_to(s, usize::MAX)
}

/// Words of a quote's content, counting no further than `max + 1`.
fn words_up_to(s: &str, max: usize) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .take(max.saturating_add(1))
        .count()
}

fn has_sentence_punct(s: &str) -> bool {
    s.ends_with(['.', '?', '!', '…']) || s.contains(". ") || s.contains("? ") || s.contains("! ")
}

fn title_case(s: &str) -> bool {
    let mut n = 0;
    for w in s.split_whitespace() {
        let Some(c) = w.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        n += 1;
        if c.is_lowercase()
            && !matches!(
                w,
                "a" | "an"
                    | "the"
                    | "of"
                    | "and"
                    | "or"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "for"
                    | "with"
                    | "by"
                    | "from"
            )
        {
            return false;
        }
    }
    n > 0
}

/// Four words or fewer and not a sentence.
fn short(s: &str) -> bool {
    words_up_to(s, 4) <= 4 && !has_sentence_punct(s)
}

/// Is a quoted region with no cue a scare quote, a term or a title rather than speech?
fn not_speech(ctx: &Ctx, p: &Para, r: usize, content: Span) -> bool {
    let s = &ctx.text[content.range()];
    let punct = has_sentence_punct(s);
    if !punct && (word_count(s) <= 4 || title_case(s) && word_count(s) <= 10) {
        return true;
    }
    // A short phrase inside a sentence (`treated as "human-animals."`), even with the
    // period American style puts inside the marks.
    if word_count(s) <= 4
        && (!region_starts_sentence(ctx, p, r) || s.starts_with(char::is_lowercase))
    {
        return true;
    }
    let reg = ctx.regions[r];
    if let Some(b) = ctx.tok_before(p, reg.open) {
        for q in (b.saturating_sub(1).max(p.t0)..=b).rev() {
            // `... the film. "I think ..."`: a naming word of the previous sentence.
            if ctx.toks[q].flags & (BOUNDARY | END) != 0 {
                break;
            }
            if ctx.is(q, lx::NAMING) {
                return true;
            }
        }
    }
    false
}

/// Finds the direct quotations of every region not swallowed by reported speech.
pub fn direct(ctx: &Ctx, uses: &[RegionUse], out: &mut Vec<Cand>) {
    for (r, u) in uses.iter().enumerate() {
        let whole = match *u {
            RegionUse::Consumed => continue,
            RegionUse::Whole(a) => Some(a),
            RegionUse::Free => None,
        };
        let pi = ctx.region_para[r] as usize;
        let p = &ctx.paras[pi];
        let content = ctx.region_content(r);
        if content.is_empty()
            || !ctx.text[content.range()]
                .chars()
                .any(|c| c.is_alphanumeric())
        {
            continue;
        }
        let mut a = whole
            .or_else(|| post(ctx, p, r, content))
            .or_else(|| pre(ctx, p, r));
        let text = &ctx.text[content.range()];
        let wc = words_up_to(text, 10);
        if a.is_some_and(|a| a.weak) && wc <= 4 {
            a = None;
        }
        // A title (`"The Iron Claw" tells the story of`, `'It's a Wonderful Life: Live in
        // Chicago!'`) is nobody's words, whatever cue is near.
        if (2..=10).contains(&wc)
            && (a.is_some() || wc >= 3)
            && title_case(text)
            && !text.contains(". ")
            && (a.is_none() || !has_sentence_punct(text))
        {
            continue;
        }
        // A quote with no cue inside a sentence (`SBOMs are "a key building block"`) or
        // after a colon that names no speaker (`Example: "..."`) is a term, a title or a
        // document's words, not speech.
        if a.is_none()
            && (not_speech(ctx, p, r, content)
                || !region_starts_sentence(ctx, p, r)
                || after_colon(ctx, p, r))
        {
            continue;
        }
        out.push(Cand {
            kind: QuoteKind::Direct,
            span: content,
            para: pi,
            region: r as u32,
            attr: a,
            speaker: None,
            mention: None,
        });
    }
}

/// Does the quote start a sentence (paragraph start, after a sentence end, a colon, or
/// another quote)?
pub fn region_starts_sentence(ctx: &Ctx, p: &Para, r: usize) -> bool {
    let reg = ctx.regions[r];
    match ctx.tok_before(p, reg.open) {
        None => true,
        Some(b) => {
            let t = ctx.toks[b];
            t.region != NONE || t.flags & (BOUNDARY | END | COLON) != 0
        }
    }
}

/// Does the paragraph start with this region's opening mark?
pub fn opens_paragraph(ctx: &Ctx, r: usize) -> bool {
    let p = &ctx.paras[ctx.region_para[r] as usize];
    ctx.regions[r].open == p.span.start
}

#[allow(dead_code)]
fn is_word(ctx: &Ctx, i: usize) -> bool {
    ctx.flag(i, WORD)
}
