//! Quotations: direct, indirect and mixed, with cue and speaker.
//!
//! [`QuoteAttributor`] is the pipeline stage. It reads article structure (blocks), tokens
//! and sentences, and the actors' mentions, and fills [`Document::quotes`]:
//!
//! 1. quote marks of every style are paired into top-level regions per paragraph
//!    (`direct.rs`); a quote left open at a paragraph's end continues when the next
//!    paragraph reopens it, else it is reported as an `unclosed-quote` diagnostic;
//! 2. speech cues (`lexicon.rs`, `data/speech_verbs.txt`, plus `according to`) introduce
//!    reported speech (`indirect.rs`); a reported clause holding a quoted part is one
//!    mixed quotation;
//! 3. every other quoted region is attributed by a cue after it, before it, or a colon after
//!    a name (`attribution.rs`); scare quotes and titles with no cue are dropped;
//! 4. speakers are settled in text order: pronouns the actor stage left unresolved fall back
//!    to the current speaker, and quotes with no cue continue the previous speaker of their
//!    paragraph, or of the previous paragraph when they open theirs.
//!
//! Part-of-speech tags (`Document::pos`, from the tagger) are optional: the stage does not
//! require the layer, and without it the rules use the word lists alone. With tags:
//! - a `that`-only cue also reports a clause whose `that` is left out when a noun phrase and
//!   a finite verb follow (`added the bridge would reopen`, not `announced the plan on
//!   Monday`), and a wh-clause (`explained why ...`);
//! - a common noun before a preposition and a name is the speaker, not the name (`an
//!   Israeli liaison officer with Gaza said`);
//! - a lowercase finite verb ends the noun phrase after a cue (`told POLITICO there were`);
//! - an inverted tail (`..., said X.`) needs a verb or a quote before its comma (`Martin
//!   Griffiths, the U.N. humanitarian affairs chief, lamented the world's inaction` is no
//!   report).
//!
//! Tags are not trusted where the tagger is weak on news text: `-s` verbs after a noun (`the
//! lawsuit claims`, tagged as plural nouns), `that` (often tagged as a pronoun before a
//! clause), `said`/`told` as past participles; rules that relied on them lost recall.
//!
//! ```
//! use newsgraph_core::{Document, Stage};
//! let mut doc = Document::new("No tokens, so only the quotes themselves: \"We will win.\"");
//! newsgraph_quotes::QuoteAttributor::default().run(&mut doc);
//! assert_eq!(doc.slice(doc.quotes[0].span), "We will win.");
//! ```
#![deny(missing_docs)]

mod attribution;
mod cues;
mod direct;
mod indirect;
mod lexicon;
mod speakers;
mod unnamed;
mod view;

pub use lexicon::SPEECH_VERBS;

use attribution::{Cand, RegionUse};
use newsgraph_core::{ActorId, ActorKind, BlockKind, Document, Layer, MentionKind, Quote, Stage};
use view::{Ctx, BOUNDARY, NONE};

/// Finds quotations and attributes them to speakers.
#[derive(Debug, Default, Clone)]
pub struct QuoteAttributor {
    lex: lexicon::Lexicon,
}

impl QuoteAttributor {
    /// A stage with a custom speech-verb list (format of `data/speech_verbs.txt`).
    pub fn with_speech_verbs(list: &str) -> Result<Self, newsgraph_core::Error> {
        let lex = lexicon::Lexicon::parse(list).map_err(|m| {
            newsgraph_core::Error::new(
                newsgraph_core::ErrorKind::Config,
                format!("speech verbs: {m}"),
            )
        })?;
        Ok(QuoteAttributor { lex })
    }
}

impl Stage for QuoteAttributor {
    fn name(&self) -> &'static str {
        "QuoteAttributor"
    }
    fn requires(&self) -> &[Layer] {
        &[
            Layer::Blocks,
            Layer::Sentences,
            Layer::Tokens,
            Layer::Actors,
        ]
    }
    fn produces(&self) -> &[Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Document) {
        let (quotes, diags) = {
            let ctx = Ctx::build(&self.lex, doc);
            find(&ctx)
        };
        doc.quotes = quotes;
        unnamed::name_speakers(doc);
        for (span, msg) in diags {
            doc.diagnose("unclosed-quote", Some(span), msg);
        }
    }
}

/// The next body paragraph after `pi`, skipping captions and credits in between.
fn next_body(ctx: &Ctx, pi: usize) -> Option<usize> {
    let mut j = pi + 1;
    while j < ctx.paras.len() {
        match ctx.paras[j].kind {
            BlockKind::Body => return Some(j),
            BlockKind::Caption => j += 1,
            _ => return None,
        }
    }
    None
}

pub(crate) fn prev_body(ctx: &Ctx, pi: usize) -> Option<usize> {
    let mut j = pi;
    while j > 0 {
        j -= 1;
        match ctx.paras[j].kind {
            BlockKind::Body => return Some(j),
            BlockKind::Caption => {}
            _ => return None,
        }
    }
    None
}

/// Does a region left open at its paragraph's end continue in the next paragraph?
fn continues(ctx: &Ctx, r: usize) -> bool {
    let pi = ctx.region_para[r] as usize;
    let Some(nj) = next_body(ctx, pi) else {
        return false;
    };
    let np = &ctx.paras[nj];
    np.r0 < np.r1 && ctx.regions[np.r0].open == np.span.start
}

type Diag = (newsgraph_core::Span, String);

fn find(ctx: &Ctx) -> (Vec<Quote>, Vec<Diag>) {
    let mut diags: Vec<Diag> = ctx
        .unclosed
        .iter()
        .map(|&s| (s, "quotation opened here is never closed".to_string()))
        .collect();
    let mut uses = vec![RegionUse::Free; ctx.regions.len()];
    for (r, reg) in ctx.regions.iter().enumerate() {
        if reg.close.is_none() && !continues(ctx, r) {
            if reg.family == direct::Family::Single {
                // Most likely an apostrophe (`'90s`, `rock 'n' roll`), not a quote.
                uses[r] = RegionUse::Consumed;
            } else {
                diags.push((
                    newsgraph_core::Span {
                        start: reg.open,
                        end: reg.open_end,
                    },
                    "quotation opened here is not closed before the paragraph ends (and the next paragraph does not reopen it)"
                        .to_string(),
                ));
            }
        }
    }
    let mut cands = Vec::new();
    indirect::find(ctx, &mut uses, &mut cands);
    attribution::direct(ctx, &uses, &mut cands);
    cands.sort_by_key(|c| (c.span.start, c.span.end));
    settle(ctx, &mut cands);
    let quotes = cands
        .iter()
        .map(|c| Quote {
            kind: c.kind,
            span: c.span,
            speaker: c.speaker,
            speaker_mention: c.mention,
            cue: c.attr.map(|a| a.cue),
        })
        .collect();
    (quotes, diags)
}

fn attributed(c: &Cand) -> bool {
    c.speaker.is_some() || c.mention.is_some()
}

fn is_person(ctx: &Ctx, a: ActorId) -> bool {
    ctx.actor_kind(a) == ActorKind::Person
}

/// A `he`/`she` the actor stage left unresolved: the current speaker, else the nearest
/// person named before it (within this and the two previous paragraphs).
fn fallback_person(ctx: &Ctx, cands: &[Cand], idx: usize, pos: u32) -> Option<ActorId> {
    let pi = cands[idx].para;
    for c in cands[..idx].iter().rev() {
        if c.para + 2 < pi {
            break;
        }
        if let Some(a) = c.speaker.filter(|&a| is_person(ctx, a)) {
            return Some(a);
        }
    }
    let lo = ctx.paras[pi.saturating_sub(2)].span.start;
    let ms = &ctx.doc.mentions;
    let hi = ms.partition_point(|m| m.span.start < pos);
    for m in ms[..hi].iter().rev() {
        if m.span.start < lo {
            break;
        }
        if m.kind == MentionKind::Name && m.actor.is_some_and(|a| is_person(ctx, a)) {
            let ti = ctx.toks.partition_point(|t| t.end <= m.span.start);
            if ti < ctx.toks.len() && ctx.toks[ti].region != NONE {
                continue;
            }
            return m.actor;
        }
    }
    None
}

/// Does a person other than `speaker` get named in a sentence between `from` and `to`?
fn other_person_between(
    ctx: &Ctx,
    pi: usize,
    from: u32,
    to: u32,
    speaker: Option<ActorId>,
) -> bool {
    let p = &ctx.paras[pi];
    // Start at the first sentence boundary after `from`: the attribution sentence itself
    // may name others (`said Kirby, speaking next to Biden`).
    let mut k = ctx.tok_at_or_after(p, from);
    while k < p.t1 && ctx.toks[k].start < to && ctx.toks[k].flags & (BOUNDARY | view::END) == 0 {
        k += 1;
    }
    if k >= p.t1 {
        return false;
    }
    let from = ctx.toks[k].end;
    ctx.mentions_within(p, from, to).any(|m| {
        m.kind == MentionKind::Name
            && m.actor
                .is_some_and(|a| is_person(ctx, a) && Some(a) != speaker)
            && ctx.toks[ctx
                .tok_at_or_after(p, m.span.start)
                .min(p.t1.saturating_sub(1))]
            .region
                == NONE
    })
}

/// The speaker of the most recent quote before `idx` in its paragraph or the previous one,
/// and where that quote and its attribution end.
fn current_speaker(ctx: &Ctx, cands: &[Cand], idx: usize) -> Option<(ActorId, u32)> {
    let pi = cands[idx].para;
    let pp = prev_body(ctx, pi);
    for c in cands[..idx].iter().rev() {
        if c.para != pi && Some(c.para) != pp {
            break;
        }
        if let Some(a) = c.speaker.filter(|&a| is_person(ctx, a)) {
            let end = c
                .attr
                .map_or(c.span.end, |x| x.cue.end.max(c.span.end))
                .max(c.mention.map_or(0, |m| m.end));
            return Some((a, end));
        }
    }
    None
}

/// `it said`: the organization or country that spoke last (in this paragraph or the
/// previous one), else the one named last before `pos` there.
fn it_speaker(ctx: &Ctx, cands: &[Cand], idx: usize, pos: u32) -> Option<ActorId> {
    let pi = cands[idx].para;
    let pp = prev_body(ctx, pi);
    let org = |a: ActorId| {
        matches!(
            ctx.actor_kind(a),
            ActorKind::Organization | ActorKind::Country | ActorKind::Group
        )
    };
    for c in cands[..idx].iter().rev() {
        if c.para != pi && Some(c.para) != pp {
            break;
        }
        if let Some(a) = c.speaker {
            if org(a) {
                return Some(a);
            }
            break;
        }
    }
    let lo = ctx.paras[pp.unwrap_or(pi)].span.start;
    let ms = &ctx.doc.mentions;
    let hi = ms.partition_point(|m| m.span.start < pos);
    ms[..hi]
        .iter()
        .rev()
        .take_while(|m| m.span.start >= lo)
        .filter(|m| m.kind == MentionKind::Name)
        .filter_map(|m| m.actor)
        .find(|&a| org(a))
}

/// Is a person other than `who` named (outside quotes) in `[from, to)`?
fn named_since(ctx: &Ctx, from: u32, to: u32, who: ActorId) -> bool {
    let ms = &ctx.doc.mentions;
    let lo = ms.partition_point(|m| m.span.start < from);
    ms[lo..].iter().take_while(|m| m.span.start < to).any(|m| {
        m.span.end <= to
            && m.kind == MentionKind::Name
            && {
                // Named where a subject stands (among the first words of a sentence), not
                // in a by-phrase (`a story shared by Hugo Gloss, she ...`).
                let pi = ctx.paras.partition_point(|p| p.span.end <= m.span.start);
                pi < ctx.paras.len() && {
                    let p = &ctx.paras[pi];
                    let ti = ctx.tok_at_or_after(p, m.span.start);
                    ti < p.t1 && ti - ctx.sentence_start(p, ti) <= 6
                }
            }
            && m.actor.is_some_and(|a| a != who && is_person(ctx, a))
            && {
                let ti = ctx.toks.partition_point(|t| t.end <= m.span.start);
                ti < ctx.toks.len() && ctx.toks[ti].region == NONE
            }
    })
}

fn settle(ctx: &Ctx, cands: &mut [Cand]) {
    let genders = speakers::Genders::of(ctx);
    for idx in 0..cands.len() {
        let c = cands[idx];
        if let Some(a) = c.attr {
            if let Some(s) = a.subj {
                let mut actor = s.actor;
                if s.pronoun == 1 {
                    // `he said` after a quote of someone: that speaker, when the pronoun
                    // fits, rather than whoever the actor stage found nearest.
                    let bit = speakers::pronoun_gender(&ctx.text[s.mention.range()]);
                    if let Some((cur, from)) = current_speaker(ctx, cands, idx) {
                        // Unless someone else was named since (`The rector, Milena
                        // Králícková, ... she told`).
                        if genders.compatible(cur, bit)
                            && !named_since(ctx, from, s.mention.start, cur)
                        {
                            actor = Some(cur);
                        }
                    }
                    if actor.is_none() {
                        actor = fallback_person(ctx, cands, idx, s.mention.start);
                    }
                } else if s.pronoun == 3
                    && actor.is_none()
                    && ctx.text[s.mention.range()].eq_ignore_ascii_case("it")
                {
                    actor = it_speaker(ctx, cands, idx, s.mention.start);
                } else if s.pronoun == 0 {
                    if let Some(x) = speakers::resolve_description(ctx, s.mention, actor, c.para) {
                        actor = Some(x);
                    }
                }
                cands[idx].speaker = actor;
                cands[idx].mention = Some(s.mention);
            } else if let Some(s0) = a.inherit_sentence {
                let start = ctx.toks[s0].start;
                let prev = cands[..idx]
                    .iter()
                    .rev()
                    .take_while(|d| d.para == c.para)
                    .find(|d| d.attr.is_some_and(|x| x.cue.start >= start) && attributed(d))
                    .copied();
                if let Some(d) = prev {
                    cands[idx].speaker = d.speaker;
                    cands[idx].mention = d.mention;
                } else {
                    // The sentence's subject: a mention at its start.
                    // The sentence's subject: a mention among its first words (after a
                    // title: `State Rep. Steve Xiarhos`).
                    let p = &ctx.paras[c.para];
                    let mut lim = ctx.toks[(s0 + 6).min(p.t1 - 1)].end;
                    if ctx.toks[s0].start < a.cue.start {
                        lim = lim.min(a.cue.start);
                    }
                    if let Some(m) = ctx
                        .mentions_within(p, ctx.toks[s0].start, lim)
                        .find(|m| m.actor.is_some() && m.kind != MentionKind::Nationality)
                    {
                        cands[idx].speaker = m.actor;
                        cands[idx].mention = Some(m.span);
                    } else if let Some(k) = (s0..ctx.tok_at_or_after(p, lim))
                        .find(|&k| ctx.is(k, lexicon::PRON_SG) && ctx.toks[k].region == NONE)
                    {
                        // An unresolved `he`/`she` subject: the current speaker.
                        cands[idx].speaker = fallback_person(ctx, cands, idx, ctx.toks[k].start);
                    }
                }
            }
            continue;
        }
        // A quote with no cue continues the speaker before it.
        // Only a quote that starts its sentence continues; a phrase quoted inside a
        // sentence (`calling it "..."`) is someone else's words or nobody's.
        if c.region != NONE
            && !attribution::region_starts_sentence(ctx, &ctx.paras[c.para], c.region as usize)
        {
            continue;
        }
        let qpos = if c.region != NONE {
            ctx.regions[c.region as usize].open
        } else {
            c.span.start
        };
        let prev = (idx > 0).then(|| cands[idx - 1]);
        if let Some(prev) = prev.filter(|d| d.para == c.para) {
            if attributed(&prev) {
                let from = prev
                    .attr
                    .map_or(prev.span.end, |a| a.cue.end.max(prev.span.end))
                    .max(prev.mention.map_or(0, |m| m.end));
                if from <= qpos && !other_person_between(ctx, c.para, from, qpos, prev.speaker) {
                    inherit(cands, idx, &prev);
                }
            }
            continue;
        }
        // The first quote of its paragraph: the person the sentence before it is about
        // (`Hollerich spoke of how ... "Communion is ..."`).
        if let Some((a, _)) = speakers::sentence_person(ctx, c.para, qpos) {
            cands[idx].speaker = Some(a);
            continue;
        }
        let pp = prev_body(ctx, c.para);
        match prev {
            // The last quote of the previous paragraph, unless someone else was named
            // after it.
            Some(prev) if Some(prev.para) == pp && attributed(&prev) => {
                let from = prev
                    .attr
                    .map_or(prev.span.end, |a| a.cue.end.max(prev.span.end))
                    .max(prev.mention.map_or(0, |m| m.end));
                let to = ctx.paras[prev.para].span.end;
                if !other_person_between(ctx, prev.para, from, to, prev.speaker) {
                    inherit(cands, idx, &prev);
                }
            }
            // A quote paragraph after a paragraph with no quote: the person its last
            // sentence is about (`Adele spoke out against ...` / `"Have you noticed ..."`).
            _ if c.region != NONE && attribution::opens_paragraph(ctx, c.region as usize) => {
                if let Some(pp) = pp.filter(|&pp| prev.is_none_or(|d| d.para != pp)) {
                    let end = ctx.paras[pp].span.end;
                    if let Some((a, _)) = speakers::sentence_person(ctx, pp, end) {
                        cands[idx].speaker = Some(a);
                    }
                }
            }
            _ => {}
        }
    }
    // A quote running over paragraphs whose attribution comes in a later piece.
    for idx in (0..cands.len().saturating_sub(1)).rev() {
        let (c, n) = (cands[idx], cands[idx + 1]);
        if attributed(&c) || c.region == NONE || n.region == NONE || !attributed(&n) {
            continue;
        }
        if ctx.regions[c.region as usize].close.is_none()
            && next_body(ctx, c.para) == Some(n.para)
            && attribution::opens_paragraph(ctx, n.region as usize)
        {
            inherit(cands, idx, &n);
        }
    }
}

fn inherit(cands: &mut [Cand], idx: usize, from: &Cand) {
    cands[idx].speaker = from.speaker;
    cands[idx].mention = if from.speaker.is_none() {
        from.mention
    } else {
        None
    };
}
