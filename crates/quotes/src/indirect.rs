//! Indirect (reported) speech: `X said (that) ...`, `X told reporters (that) ...`,
//! `..., X said.`, `According to X, ...`, `..., adding that ...`; mixed when the reported
//! clause holds a quoted part.

use crate::attribution::{Attr, Cand, RegionUse};
use crate::cues::{cue_at, verb_context_ok, CueHit};
use crate::lexicon::{self as lx, CueClass};
use crate::view::{
    trim_content, Ctx, Para, Subj, BOUNDARY, CAP, COLON, COMMA, DASH, END, NONE, QUOTE, SEMI, WORD,
};
use newsgraph_core::{QuoteKind, Span, Upos, Xpos};

/// Finds indirect and mixed quotations; marks the quoted regions they swallow.
pub fn find(ctx: &Ctx, uses: &mut [RegionUse], out: &mut Vec<Cand>) {
    for (pi, p) in ctx.paras.iter().enumerate() {
        let mut i = p.t0;
        let mut skip_until = p.t0;
        while i < p.t1 {
            let Some(c) = cue_at(ctx, p, i) else {
                i += 1;
                continue;
            };
            let asks = matches!(lemma(ctx, &c), "ask" | "urge" | "beg");
            if i < skip_until || c.class == CueClass::Direct && !c.according && !asks {
                i = c.last + 1;
                continue;
            }
            if !c.according && !verb_context_ok(ctx, p, i) {
                i += 1;
                continue;
            }
            let found = if c.according {
                according(ctx, p, &c)
            } else if c.ing {
                participle(ctx, p, &c)
            } else {
                verb(ctx, p, &c)
            };
            if let Some((c0, last, attr)) = found {
                if let Some(cand) = emit(ctx, pi, c0, last, attr, uses, out) {
                    if cand > c.last {
                        skip_until = cand + 1;
                    }
                }
            }
            i = c.last + 1;
        }
    }
}

/// The last token of the clause starting at `c0`: to the sentence end, a `;`, or a
/// `, adding`/`, according to` that starts another report.
fn clause_end(ctx: &Ctx, p: &Para, c0: usize) -> Option<usize> {
    let mut k = c0;
    let mut last = None;
    while k < p.t1 {
        let t = ctx.toks[k];
        if t.region != NONE {
            let r = t.region;
            let mut e = k;
            while e + 1 < p.t1 && ctx.toks[e + 1].region == r {
                e += 1;
            }
            last = Some(e);
            k = e + 1;
            if ctx.region_ends_sentence(r as usize, p) {
                break;
            }
            continue;
        }
        if t.flags & BOUNDARY != 0 {
            break;
        }
        if t.flags & (SEMI | COLON) != 0 {
            break;
        }
        // `... to "stop yelling" and also tells the bystander ...`: a new report.
        if k > c0 && (ctx.lower_is(k, "and") || ctx.lower_is(k, "but")) {
            let mut q = k + 1;
            while q < p.t1 && (ctx.is(q, lx::AUX) || ctx.is_adverb(q)) {
                q += 1;
            }
            if q < p.t1 && cue_at(ctx, p, q).is_some_and(|h| !h.ing && !h.noun) {
                break;
            }
        }
        if t.flags & COMMA != 0 && k + 1 < p.t1 {
            if let Some(h) = cue_at(ctx, p, k + 1) {
                if h.ing || h.according {
                    break;
                }
            }
            // `..., and he pointed to ...`, `..., but the members ...`: the reporter's own
            // words go on after the reported clause.
            if k > c0
                && ctx.is(k + 1, lx::CONJ)
                && !ctx.lower_is(k + 1, "or")
                && !(k + 2 < p.t1 && ctx.is(k + 2, lx::THAT))
            {
                break;
            }
        }
        last = Some(k);
        k += 1;
        if t.flags & END != 0 {
            break;
        }
    }
    last
}

/// Records the quotation for content tokens `c0..=last`. Returns the last token used.
#[allow(clippy::too_many_arguments)]
fn emit(
    ctx: &Ctx,
    pi: usize,
    c0: usize,
    last: usize,
    attr: Attr,
    uses: &mut [RegionUse],
    out: &mut Vec<Cand>,
) -> Option<usize> {
    if last < c0 {
        return None;
    }
    let words = (c0..=last)
        .filter(|&k| ctx.toks[k].flags & WORD != 0 && ctx.toks[k].region == NONE)
        .count();
    let first_region = ctx.toks[c0].region;
    // The clause is exactly one quote: a direct quote with this cue.
    if first_region != NONE && ctx.toks[last].region == first_region {
        let r = first_region as usize;
        if matches!(uses[r], RegionUse::Free) {
            uses[r] = RegionUse::Whole(attr);
        }
        return Some(last);
    }
    // A quote whose opening mark pairs with nothing (`"We will appeal, said X.`): the
    // reported words are a direct quote.
    let stray = ctx.toks[c0].flags & QUOTE != 0 && first_region == NONE;
    let from = if stray {
        ctx.toks[c0].end
    } else {
        ctx.toks[c0].start
    };
    let span = trim_content(ctx.text, from as usize, ctx.toks[last].end as usize);
    if span.is_empty() {
        return None;
    }
    let mut mixed = false;
    for k in c0..=last {
        let r = ctx.toks[k].region;
        if r != NONE {
            mixed = true;
            uses[r as usize] = RegionUse::Consumed;
        }
    }
    if words < 2 && !mixed {
        return None;
    }
    out.push(Cand {
        kind: if stray && !mixed {
            QuoteKind::Direct
        } else if mixed {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        },
        span,
        para: pi,
        region: NONE,
        attr: Some(attr),
        speaker: None,
        mention: None,
    });
    Some(last)
}

/// Skips the addressee of `tell`-like verbs: `reporters`, `Reuters`, `the BBC`, `him`.
fn skip_object(ctx: &Ctx, p: &Para, j: usize) -> Option<usize> {
    if j >= p.t1 {
        return None;
    }
    let t = ctx.toks[j];
    if t.region != NONE || t.flags & WORD == 0 {
        return None;
    }
    if let Some(m) = ctx
        .mentions(p)
        .iter()
        .filter(|m| m.span.start == t.start)
        .max_by_key(|m| m.span.end)
    {
        // `told Czech TV`: capitalized words that go on the name.
        let mut k = ctx.tok_at_or_after(p, m.span.end);
        let e = k + 3;
        while k < p.t1
            && k < e
            && ctx.toks[k].region == NONE
            && ctx.flag(k, WORD)
            && ctx.flag(k, CAP)
            && ctx.toks[k].class & (lx::PRON_SG | lx::PRON_PL | lx::PRON_OTHER) == 0
            && !ctx
                .mentions(p)
                .iter()
                .any(|m| m.span.start == ctx.toks[k].start)
            && !ctx.flag(k - 1, END)
        {
            k += 1;
        }
        return Some(k);
    }
    if t.class & lx::OBJ != 0 {
        return Some(j + 1);
    }
    if t.class & lx::DET != 0 && t.class & lx::THAT == 0 {
        let mut k = j + 1;
        while k < p.t1 && k - j <= 4 {
            let q = ctx.toks[k];
            if q.flags & WORD == 0 || q.class & (lx::THAT | lx::PREP | lx::REL) != 0 || q.cue != 0 {
                break;
            }
            k += 1;
        }
        return (k > j + 1).then_some(k);
    }
    if t.flags & CAP != 0 {
        let mut k = j;
        while k < p.t1 && ctx.flag(k, CAP) && ctx.flag(k, WORD) && k - j < 5 {
            k += 1;
        }
        return Some(k);
    }
    None
}

fn attr_of(ctx: &Ctx, c: &CueHit, subj: Option<Subj>, inherit: Option<usize>) -> Attr {
    Attr {
        cue: c.span(ctx),
        subj,
        inherit_sentence: inherit,
        weak: false,
    }
}

/// `that` within a few tokens (`warned Israel that`, `pointed out that`).
fn that_ahead(ctx: &Ctx, p: &Para, j: usize, max: usize) -> Option<usize> {
    let mut k = j;
    while k < p.t1 && k - j <= max {
        let t = ctx.toks[k];
        if t.region != NONE
            || t.flags & (BOUNDARY | END | COMMA | COLON | SEMI | DASH) != 0
            || t.cue != 0
        {
            return None;
        }
        if t.class & lx::THAT != 0 {
            return Some(k);
        }
        k += 1;
    }
    None
}

/// Where the reported clause starts after the cue and its complements, or `Err(j)` when the
/// sentence ends there (a tail cue: `..., X said.`), `None` when there is no clause.
/// The cue's lemma (`told` → `tell`); empty for `according to`.
fn lemma<'a>(ctx: &'a Ctx, c: &CueHit) -> &'a str {
    ctx.lex
        .cue(ctx.toks[c.first].cue)
        .map_or("", |cue| ctx.lex.lemmas[cue.lemma as usize].as_str())
}

/// Verbs that report with an infinitive (`vowed to fight`, `told them not to come`).
fn takes_infinitive(lemma: &str) -> bool {
    matches!(
        lemma,
        "vow"
            | "promise"
            | "pledge"
            | "threaten"
            | "tell"
            | "ask"
            | "urge"
            | "warn"
            | "order"
            | "instruct"
            | "demand"
            | "beg"
    )
}

/// `to` + a verb (or `not to` + a verb) at `j`: the start of a reported infinitive.
fn infinitive_at(ctx: &Ctx, p: &Para, j: usize) -> Option<usize> {
    let to = if j + 1 < p.t1 && ctx.lower_is(j, "not") && ctx.lower_is(j + 1, "to") {
        j + 1
    } else {
        j
    };
    if to + 1 >= p.t1 || !ctx.lower_is(to, "to") {
        return None;
    }
    let v = ctx.toks[to + 1];
    if v.region != NONE {
        // `told him to "stop yelling"`
        let content = ctx.region_content(v.region as usize);
        return ctx.text[content.range()]
            .starts_with(char::is_lowercase)
            .then_some(j);
    }
    (v.flags & (WORD | CAP) == WORD
        && v.class & (lx::DET | lx::PREP | lx::PRON_SG | lx::PRON_PL | lx::OBJ) == 0)
        .then_some(j)
}

/// An addressee of lowercase words before an infinitive (`asked fans not to ...`).
fn object_then_infinitive(ctx: &Ctx, p: &Para, j: usize) -> Option<usize> {
    let mut k = j;
    while k < p.t1 && k - j < 4 {
        if let Some(x) = infinitive_at(ctx, p, k) {
            return (k > j).then_some(x);
        }
        let t = ctx.toks[k];
        if t.region != NONE
            || t.flags & (WORD | CAP) != WORD
            || t.cue != 0
            || t.class & (lx::PREP | lx::THAT | lx::REL | lx::CONJ | lx::AUX | lx::PASSIVE) != 0
        {
            return None;
        }
        k += 1;
    }
    None
}

/// `told members of Congress that ...`: an addressee with an `of` phrase, then `that`
/// and a clause whose first word opens a subject (not a relative `that` + verb). The
/// clause's first token.
fn object_of_then_that(ctx: &Ctx, p: &Para, j: usize) -> Option<usize> {
    let k = that_ahead(ctx, p, j, 6)?;
    if !(j..k).any(|i| ctx.lower_is(i, "of")) || k + 1 >= p.t1 {
        return None;
    }
    opens_subject(ctx, k + 1).then_some(k + 1)
}

/// Does token `k` open a clause's subject (a determiner, a pronoun, a name, a quantifier),
/// so that a `that` before it is a conjunction, not a relative pronoun?
fn opens_subject(ctx: &Ctx, k: usize) -> bool {
    let n = ctx.toks[k];
    let subject = n.class & (lx::DET | lx::PRON_SG | lx::PRON_PL) != 0 && n.class & lx::THAT == 0
        || n.flags & CAP != 0
        || ["few", "many", "most", "some", "all", "both", "no"]
            .iter()
            .any(|w| ctx.lower_is(k, w))
        || ctx.lower_is(k, "there")
        || ctx.lower_is(k, "it");
    n.region == NONE && n.flags & WORD != 0 && subject
}

/// With the tagger: does a clause start at `j`, a noun phrase (determiner, adjectives,
/// nouns, names, numbers, possessives) followed by a finite verb or modal (`added the
/// company would appeal`, not `announced the plan on Monday`)?
fn tagged_clause_at(ctx: &Ctx, p: &Para, j: usize) -> bool {
    let Some(first) = ctx.upos(j) else {
        return false;
    };
    if !matches!(
        first,
        Upos::Det | Upos::Propn | Upos::Noun | Upos::Num | Upos::Adj
    ) {
        return false;
    }
    let mut k = j;
    while k < p.t1 && k - j < 8 && ctx.toks[k].region == NONE {
        let np = match ctx.upos(k) {
            Some(Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num) => true,
            Some(Upos::Pron) => ctx.xpos(k) == Some(Xpos::PrpS),
            Some(Upos::Part) => ctx.xpos(k) == Some(Xpos::Pos),
            Some(Upos::Punct) => ctx.xpos(k) == Some(Xpos::Hyph),
            _ => false,
        };
        if !np || ctx.flag(k, END) {
            break;
        }
        // A plural noun before another noun phrase (`noted the comparisons critics have
        // made`) ends a noun phrase that a relative clause modifies: no clause.
        if ctx.xpos(k) == Some(Xpos::Nns)
            && k + 1 < p.t1
            && matches!(ctx.upos(k + 1), Some(Upos::Noun | Upos::Propn | Upos::Det))
        {
            return false;
        }
        k += 1;
    }
    k > j
        && k < p.t1
        && ctx.toks[k].region == NONE
        && matches!(ctx.upos(k), Some(Upos::Verb | Upos::Aux))
        && matches!(
            ctx.xpos(k),
            Some(Xpos::Vbd | Xpos::Vbz | Xpos::Vbp | Xpos::Md)
        )
}

fn clause_start(ctx: &Ctx, p: &Para, c: &CueHit) -> Option<Result<usize, usize>> {
    let mut j = c.last + 1;
    let lemma = lemma(ctx, c);
    let inf = takes_infinitive(lemma);
    // `asked (him) whether ...`, `urged them to ...`: the only reports of these verbs.
    let asks = matches!(lemma, "ask" | "urge" | "beg");
    if c.class == CueClass::Object || asks {
        if inf {
            if let Some(k) = object_then_infinitive(ctx, p, j) {
                return Some(Ok(k));
            }
        }
        if let Some(k) = skip_object(ctx, p, j) {
            j = k;
        } else if c.class == CueClass::Object {
            return object_of_then_that(ctx, p, j).map(Ok);
        }
        if c.class == CueClass::Object && j < p.t1 && ctx.lower_is(j, "of") {
            // `told a meeting of local leaders that ...`
            return object_of_then_that(ctx, p, j).map(Ok);
        }
        if inf {
            if let Some(k) = infinitive_at(ctx, p, j) {
                return Some(Ok(k));
            }
        }
        if asks {
            let t = ctx.toks[j.min(p.t1 - 1)];
            let wh = j < p.t1
                && t.region == NONE
                && ["whether", "if", "why", "how", "what", "when", "where"]
                    .iter()
                    .any(|w| ctx.lower_is(j, w));
            return wh.then_some(Ok(j));
        }
        if j < p.t1 && (ctx.lower_is(j, "to") || ctx.lower_is(j, "about") || ctx.lower_is(j, "of"))
        {
            return None;
        }
    } else if inf {
        if let Some(k) = infinitive_at(ctx, p, j) {
            return Some(Ok(k));
        }
    }
    // `said at least 14 people ...`: a quantifier, not a prepositional phrase.
    if c.class != CueClass::That
        && j + 1 < p.t1
        && ctx.lower_is(j, "at")
        && (ctx.lower_is(j + 1, "least") || ctx.lower_is(j + 1, "most"))
    {
        return Some(Ok(j));
    }
    j = ctx.skip_adverbials(p, j);
    // `said of the plan that ...`, `..., X said of the plan.`: the topic, then the report.
    if c.class != CueClass::Object && j == c.last + 1 && j < p.t1 && ctx.lower_is(j, "of") {
        let mut k = j + 1;
        while k < p.t1 && k - j <= 8 {
            let q = ctx.toks[k];
            if q.region != NONE
                || q.flags & (BOUNDARY | COMMA | COLON | SEMI | DASH) != 0
                || q.class & lx::THAT != 0 && !ctx.is(k - 1, lx::DET)
                || q.cue != 0
            {
                break;
            }
            if q.flags & END != 0 {
                k += 1;
                break;
            }
            k += 1;
        }
        let relative =
            k < p.t1 && ctx.is(k, lx::THAT) && (k + 1 >= p.t1 || !opens_subject(ctx, k + 1));
        if k - j <= 8 && k > j + 1 && !relative {
            j = ctx.skip_adverbials(p, k);
        }
    }
    if ctx.ends_before(p, j) || ctx.flag(j, SEMI) {
        return Some(Err(j));
    }
    if ctx.flag(j, COMMA) && j > c.last + 1 {
        // `said at a stop in Dover, Delaware, that ...`: a place's state or country
        // between commas ends the skipped phrase.
        let mut k = j + 1;
        while k < p.t1 && k - j <= 3 && ctx.flag(k, WORD) && ctx.flag(k, CAP) {
            k += 1;
        }
        if k > j + 1
            && k + 1 < p.t1
            && ctx.flag(k, COMMA)
            && ctx.toks[k + 1].region == NONE
            && ctx.is(k + 1, lx::THAT)
            && k + 2 < p.t1
            && !ctx.flag(k + 2, END)
            && (j + 1..k).all(|i| ctx.toks[i].region == NONE)
        {
            return Some(Ok(k + 2));
        }
    }
    if ctx.flag(j, COMMA) {
        // `X said, "..."` introduces a direct quote; it is not a tail cue, unless the quote
        // goes on a sentence around the cue (`This, he said, "mirrors ..."`).
        if j + 1 < p.t1 && ctx.toks[j + 1].region != NONE {
            let content = ctx.region_content(ctx.toks[j + 1].region as usize);
            if !ctx.text[content.range()].starts_with(char::is_lowercase) {
                return None;
            }
        }
        return Some(Err(j));
    }
    if ctx.flag(j, COLON) || ctx.flag(j, DASH) {
        return None;
    }
    let t = ctx.toks[j];
    if t.class & lx::THAT != 0 {
        // `said that` + clause; `that` as a subject (`said that was wrong`) is kept.
        if j + 1 < p.t1
            && ctx.toks[j + 1].flags & WORD != 0
            && ctx.toks[j + 1].class & (lx::PASSIVE | lx::AUX) != 0
        {
            return Some(Ok(j));
        }
        return Some(Ok(j + 1));
    }
    if t.region != NONE {
        // `said on Fox News's "Morning Show"`: a possessive ends a skipped phrase before a
        // title, not a quote.
        if j > c.last + 1 && (ctx.tt(j - 1) == "'s" || ctx.tt(j - 1) == "’s") {
            return None;
        }
        // `wrote in "Book Title" that ...`, `said on "Show"`: a quoted title after `in` or
        // `on`; the report is the `that` clause after it, if any.
        if j > c.last + 1 && (ctx.lower_is(j - 1, "in") || ctx.lower_is(j - 1, "on")) {
            let mut k = j;
            while k < p.t1 && ctx.toks[k].region == t.region {
                k += 1;
            }
            if k < p.t1 && ctx.is(k, lx::THAT) && !ctx.flag(k, COMMA) {
                return Some(Ok(k + 1));
            }
            return None;
        }
        return Some(Ok(j));
    }
    match c.class {
        CueClass::Clause | CueClass::Object => {
            // `said 139 soldiers ...`, `said at least 14 people ...`
            if ctx.tt(j).starts_with(|ch: char| ch.is_ascii_digit())
                || ctx.lower_is(j, "at")
                    && j + 1 < p.t1
                    && (ctx.lower_is(j + 1, "least") || ctx.lower_is(j + 1, "most"))
            {
                return Some(Ok(j));
            }
            // `said neither the mayor nor ...`: a correlative subject, not a negation.
            let neither = ctx.lower_is(j, "neither")
                && j + 1 < p.t1
                && ctx.toks[j + 1].region == NONE
                && ctx.flag(j + 1, WORD);
            if t.flags & WORD == 0
                || t.class & (lx::PREP | lx::NEG | lx::CONJ) != 0 && !neither
                || t.cue != 0
                || ctx.lower_is(j, "so")
                || ctx.lower_is(j, "yes")
                || ctx.lower_is(j, "no") && j + 1 < p.t1 && ctx.flag(j + 1, BOUNDARY)
            {
                return None;
            }
            Some(Ok(j))
        }
        CueClass::That => that_ahead(ctx, p, j, 6).map(|k| Ok(k + 1)).or_else(|| {
            // A clause whose subject can only be a subject (`added he would`, `reported
            // there is`): `that` left out.
            let subj = t.class & (lx::PRON_SG | lx::PRON_PL) != 0
                || ctx.lower_is(j, "i")
                || ctx.lower_is(j, "there");
            (subj
                && j + 1 < p.t1
                && ctx.toks[j + 1].region == NONE
                && ctx.toks[j + 1].flags & (WORD | CAP) == WORD)
                .then_some(Ok(j))
                .or_else(|| tagged_clause_at(ctx, p, j).then_some(Ok(j)))
                .or_else(|| {
                    // `explained why ...`, `noted how ...`: a reported question (a wh-adverb
                    // by its tag, or `whether`).
                    (t.region == NONE
                        && (ctx.xpos(j) == Some(Xpos::Wrb) || ctx.lower_is(j, "whether"))
                        && j + 1 < p.t1
                        && ctx.toks[j + 1].region == NONE
                        && ctx.flag(j + 1, WORD))
                    .then_some(Ok(j))
                })
        }),
        CueClass::Direct => None,
    }
}

/// Is token `k` the comma before a tail cue: a `,`, or the closing mark of a quote ending
/// with a comma inside when the sentence starts before the quote (`there should not be "a
/// battle," Hollerich said`: one mixed report from the sentence start).
fn tail_comma(ctx: &Ctx, p: &Para, k: usize) -> bool {
    if ctx.flag(k, COMMA) {
        return true;
    }
    let r = ctx.toks[k].region;
    if r == NONE {
        return false;
    }
    let Some((c0, c1)) = ctx.regions[r as usize].close else {
        return false;
    };
    if ctx.toks[k].end != c1 || !ctx.text[..c0 as usize].trim_end().ends_with(',') {
        return false;
    }
    let s0 = ctx.sentence_start(p, k);
    ctx.toks[s0].region != r
}

/// Token range of a tail report: from the sentence start to the comma before `comma` (or
/// to the closing mark, see [`tail_comma`]).
fn tail(ctx: &Ctx, p: &Para, comma: usize) -> Option<(usize, usize)> {
    if comma <= p.t0 || !tail_comma(ctx, p, comma) {
        return None;
    }
    let s0 = ctx.sentence_start(p, comma);
    let last = if ctx.flag(comma, COMMA) {
        comma - 1
    } else {
        comma
    };
    (s0 < comma).then_some((s0, last))
}

/// With the tagger: do tokens `a..=b` hold a clause (a finite verb or modal) or a quote?
/// A tail of a name and its title (`Martin Griffiths, the U.N. humanitarian affairs chief,
/// lamented the world's inaction`) reports nothing. True without tags.
fn has_clause(ctx: &Ctx, a: usize, b: usize) -> bool {
    ctx.toks[a].pos.is_none()
        || (a..=b).any(|k| {
            ctx.toks[k].region != NONE
                || matches!(
                    ctx.xpos(k),
                    Some(Xpos::Vbd | Xpos::Vbz | Xpos::Vbp | Xpos::Md)
                )
                // An `-s` word tagged as a plural noun right before a determiner is a verb
                // the tagger took for a noun (`This evidence highlights the benefits`).
                || ctx.xpos(k) == Some(Xpos::Nns)
                    && k < b
                    && matches!(ctx.xpos(k + 1), Some(Xpos::Dt | Xpos::PrpS))
        })
}

/// `The talks, he said, failed`, `This, he said, "mirrors ..."`: the sentence goes on after
/// the cue's closing comma at `j`, so the report is the whole sentence around the cue.
/// `a..=b` is the part before the cue. Returns the report's last token.
fn parenthetical_end(ctx: &Ctx, p: &Para, a: usize, b: usize, j: usize) -> Option<usize> {
    if j + 1 >= p.t1 || !ctx.flag(j, COMMA) {
        return None;
    }
    // `"We will," he said, "win."` is a direct quote split by its attribution.
    let ra = ctx.toks[a].region;
    if ra != NONE && ctx.toks[b].region == ra {
        return None;
    }
    let t = j + 1;
    let tok = ctx.toks[t];
    if tok.region != NONE {
        let content = ctx.region_content(tok.region as usize);
        if !ctx.text[content.range()].starts_with(char::is_lowercase) {
            return None;
        }
    } else if tok.flags & WORD == 0
        || tok.flags & CAP != 0
        || tok.class & (lx::PREP | lx::CONJ | lx::NEG | lx::ACCORDING) != 0
        || tok.cue != 0
        || ctx.tt(t).ends_with("ing")
        || ctx.lower_is(t, "who")
        || ctx.lower_is(t, "whom")
    {
        return None;
    }
    clause_end(ctx, p, t)
}

/// `"...," Mark Rowe, a partner at the firm, said`: the tail starts with a quote closed by
/// a comma and goes on with words that describe the speaker, not reported speech.
fn quote_then_appositive(ctx: &Ctx, p: &Para, a: usize, b: usize) -> bool {
    let r = ctx.toks[a].region;
    if r == NONE || ctx.toks[b].region == r {
        return false;
    }
    let Some((c0, c1)) = ctx.regions[r as usize].close else {
        return false;
    };
    let inner = ctx.text[..c0 as usize].trim_end();
    let after = ctx.tok_at_or_after(p, c1);
    inner.ends_with(',') || after <= b && ctx.flag(after, COMMA)
}

fn verb(ctx: &Ctx, p: &Para, c: &CueHit) -> Option<(usize, usize, Attr)> {
    let i = c.first;
    // Inverted tail: `..., said Kirby.`
    if i > p.t0 && c.class != CueClass::Direct && tail_comma(ctx, p, i - 1) {
        let t = ctx.toks[(i + 1).min(p.t1 - 1)];
        let np_like = i + 1 < p.t1
            && t.region == NONE
            && (t.flags & CAP != 0
                || t.class & (lx::DET | lx::PRON_SG | lx::PRON_PL | lx::TITLE) != 0
                    && t.class & lx::THAT == 0);
        if let Some((subj, j)) = ctx.np_after(p, i + 1).filter(|_| np_like) {
            let j = ctx.skip_adverbials(p, ctx.skip_paren(p, j));
            if ctx.ends_before(p, j) || ctx.flag(j, COMMA) {
                let (a, b) = tail(ctx, p, i - 1)?;
                if quote_then_appositive(ctx, p, a, b) {
                    return None;
                }
                let b = parenthetical_end(ctx, p, a, b, j).unwrap_or(b);
                if !has_clause(ctx, a, b) {
                    return None;
                }
                return Some((a, b, attr_of(ctx, c, Some(subj), None)));
            }
        }
    }
    let Some(subj) = ctx.subject_before(p, i) else {
        // `X supports the text and said ...`: the sentence's subject speaks.
        let mut k = i;
        while k > p.t0 && (ctx.is(k - 1, lx::AUX) || ctx.is_adverb(k - 1)) {
            k -= 1;
        }
        if k <= p.t0 || !(ctx.lower_is(k - 1, "and") || ctx.lower_is(k - 1, "but")) {
            return None;
        }
        let s0 = ctx.sentence_start(p, i);
        // A base form is an instruction (`write to them and explain that ...`), not a report.
        let base = ctx
            .lex
            .cue(ctx.toks[i].cue)
            .is_some_and(|cue| ctx.lower_is(i, &ctx.lex.lemmas[cue.lemma as usize]));
        if s0 + 1 >= k || c.noun || base {
            return None;
        }
        let c0 = clause_start(ctx, p, c)?.ok()?;
        let last = clause_end(ctx, p, c0)?;
        return Some((c0, last, attr_of(ctx, c, None, Some(s0))));
    };
    // `the second recall`, `news reports`: a noun unless a name or pronoun is its subject.
    if c.noun && subj.actor.is_none() && subj.pronoun == 0 {
        return None;
    }
    match clause_start(ctx, p, c)? {
        Ok(c0) => {
            let last = clause_end(ctx, p, c0)?;
            Some((c0, last, attr_of(ctx, c, Some(subj), None)))
        }
        Err(j) => {
            // `..., X said.` / `..., X told reporters.` / `..., the X Department said.`
            let mut f = subj.first;
            while f > p.t0 && ctx.is(f - 1, lx::DET) && !ctx.is(f - 1, lx::THAT) {
                f -= 1;
            }
            if f <= p.t0 {
                return None;
            }
            let (a, b) = tail(ctx, p, f - 1)?;
            if quote_then_appositive(ctx, p, a, b) {
                return None;
            }
            let b = parenthetical_end(ctx, p, a, b, j).unwrap_or(b);
            Some((a, b, attr_of(ctx, c, Some(subj), None)))
        }
    }
}

fn according(ctx: &Ctx, p: &Para, c: &CueHit) -> Option<(usize, usize, Attr)> {
    let i = c.first;
    let (subj, j) = ctx.np_after(p, c.last + 1)?;
    let is_doc = (subj.first..=subj.last).any(|k| ctx.is(k, lx::DOC_NOUN))
        && subj
            .actor
            .is_none_or(|a| ctx.actor_kind(a) != newsgraph_core::ActorKind::Person);
    if is_doc {
        return None;
    }
    if ctx.sentence_start(p, i) == i {
        // `According to X, Y.`
        let mut k = j;
        while k < p.t1 && k - j < 8 && !ctx.flag(k, COMMA) {
            if ctx.flag(k, BOUNDARY) || ctx.flag(k, END) || ctx.toks[k].region != NONE {
                return None;
            }
            k += 1;
        }
        if k >= p.t1 || !ctx.flag(k, COMMA) {
            return None;
        }
        let last = clause_end(ctx, p, k + 1)?;
        return Some((k + 1, last, attr_of(ctx, c, Some(subj), None)));
    }
    // `Y, according to X.`, `Y, according to X, Z.`
    let j = ctx.skip_adverbials(p, j);
    if i > p.t0 && tail_comma(ctx, p, i - 1) && (ctx.ends_before(p, j) || ctx.flag(j, COMMA)) {
        let (a, b) = tail(ctx, p, i - 1)?;
        if !ctx.ends_before(p, j) {
            let e = parenthetical_end(ctx, p, a, b, j)?;
            return Some((a, e, attr_of(ctx, c, Some(subj), None)));
        }
        return Some((a, b, attr_of(ctx, c, Some(subj), None)));
    }
    None
}

fn participle(ctx: &Ctx, p: &Para, c: &CueHit) -> Option<(usize, usize, Attr)> {
    let i = c.first;
    // `, adding that ...`, `After saying he ...`, `... after noting that ...`
    let after_prep = i > p.t0
        && ["after", "before", "while", "since", "by", "when"]
            .iter()
            .any(|w| ctx.lower_is(i - 1, w));
    if i <= p.t0 || !(ctx.flag(i - 1, COMMA) || after_prep) {
        return None;
    }
    let s0 = ctx.sentence_start(p, i);
    let c0 = match clause_start(ctx, p, c)? {
        Ok(c0) => c0,
        Err(_) => return None,
    };
    let mut last = clause_end(ctx, p, c0)?;
    let mut s0 = s0;
    if after_prep && !ctx.flag(i - 1, COMMA) {
        // `After saying he "...", he confessed ...`: the adverbial clause ends at its comma,
        // and the main clause after it has the speaker.
        let end_of = |k: usize| {
            // (A comma glued to a closing mark belongs to the quote: `leave,"`.)
            let glued =
                k + 1 < p.t1 && ctx.flag(k + 1, QUOTE) && ctx.toks[k + 1].start == ctx.toks[k].end;
            if ctx.flag(k, COMMA) && ctx.toks[k].region == NONE && !glued {
                Some(k.checked_sub(1)?)
            } else if glued && ctx.flag(k, COMMA) {
                Some(k + 1)
            } else if ctx.toks[k].region != NONE && tail_comma(ctx, p, k) {
                Some(k)
            } else {
                None
            }
        };
        if let Some(k) = (c0..=last).find(|&k| end_of(k).is_some()) {
            let e = end_of(k)?;
            if e < c0 {
                return None;
            }
            last = e;
            if ctx.sentence_start(p, i) == s0 && i - s0 <= 1 {
                s0 = k + 1;
            }
        }
    }
    Some((c0, last, attr_of(ctx, c, None, Some(s0))))
}

#[allow(dead_code)]
fn span_of(ctx: &Ctx, a: usize, b: usize) -> Span {
    Span {
        start: ctx.toks[a].start,
        end: ctx.toks[b].end,
    }
}
