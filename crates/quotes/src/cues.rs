//! Cues: a speech verb from the lexicon, or `according to`.

use crate::lexicon::{self as lx, CueClass};
use crate::view::{Ctx, Para, CAP, NONE};
use newsgraph_core::BlockKind;
use newsgraph_core::Span;

/// A cue found at a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    /// First token of the cue.
    pub first: usize,
    /// Last token of the cue (`to` of `according to`).
    pub last: usize,
    /// What the verb introduces (`according to`: a clause after its noun phrase).
    pub class: CueClass,
    /// `saying`, `adding`: a participle.
    pub ing: bool,
    /// `according to`.
    pub according: bool,
    /// Also a common noun here (`recall`, `reports`).
    pub noun: bool,
    /// Names rather than quotes (`called it "..."`).
    pub weak: bool,
}

impl CueHit {
    /// The cue's bytes.
    pub fn span(&self, ctx: &Ctx) -> Span {
        Span {
            start: ctx.toks[self.first].start,
            end: ctx.toks[self.last].end,
        }
    }
}

/// The cue starting at token `i`, if any (outside quotes).
#[inline]
pub fn cue_at(ctx: &Ctx, p: &Para, i: usize) -> Option<CueHit> {
    let t = ctx.toks[i];
    if t.region != NONE {
        return None;
    }
    if t.cue != 0 {
        let c = ctx.lex.cue(t.cue)?;
        // `Keene State`, `Post`: a capitalized cue only starts a sentence or a headline.
        if t.flags & CAP != 0 && p.kind != BlockKind::Title && ctx.sentence_start(p, i) != i {
            return None;
        }
        // `call for`, `call on`: not naming words.
        if c.weak
            && i + 1 < p.t1
            && matches!(
                ctx.tt(i + 1),
                "for" | "on" | "off" | "up" | "upon" | "in" | "out" | "back" | "to"
            )
        {
            return None;
        }
        return Some(CueHit {
            first: i,
            last: i,
            class: c.class,
            ing: c.ing,
            according: false,
            noun: c.noun,
            weak: c.weak,
        });
    }
    if t.class & lx::ACCORDING != 0 && i + 1 < p.t1 && ctx.lower_is(i + 1, "to") {
        return Some(CueHit {
            first: i,
            last: i + 1,
            class: CueClass::Clause,
            ing: false,
            according: true,
            noun: false,
            weak: false,
        });
    }
    None
}

/// Is the verb at `i` used as speech here? Rules out `is said to`, `the said company`,
/// `declined to say`, `did not say`, `when asked`.
pub fn verb_context_ok(ctx: &Ctx, p: &Para, i: usize) -> bool {
    if i > p.t0 {
        let prev = ctx.toks[i - 1];
        if prev.class & (lx::PASSIVE | lx::NEG | lx::DET) != 0 && prev.class & lx::THAT == 0 {
            return false;
        }
        if ctx.lower_is(i - 1, "to") || ctx.lower_is(i - 1, "when") || ctx.lower_is(i - 1, "if") {
            return false;
        }
        if i > p.t0 + 1 && ctx.is(i - 2, lx::NEG) && ctx.is(i - 1, lx::AUX) {
            return false;
        }
    }
    true
}
