//! Speaker helpers for settling: the gender a document's pronouns give its actors, the
//! person a definite description refers to (`the director`, `the 25-year-old`), and the
//! person a sentence is about.

use crate::view::{Ctx, NONE};
use newsgraph_core::{ActorId, ActorKind, MentionKind, Span};

/// Male / female bits per actor, from the pronouns the actor stage linked to it.
pub struct Genders(Vec<u8>);

pub const MALE: u8 = 1;
pub const FEMALE: u8 = 2;

/// The gender bit of a pronoun (`he` → MALE), 0 for others.
pub fn pronoun_gender(w: &str) -> u8 {
    if ["he", "him", "his", "himself"]
        .iter()
        .any(|p| w.eq_ignore_ascii_case(p))
    {
        MALE
    } else if ["she", "her", "hers", "herself"]
        .iter()
        .any(|p| w.eq_ignore_ascii_case(p))
    {
        FEMALE
    } else {
        0
    }
}

impl Genders {
    pub fn of(ctx: &Ctx) -> Genders {
        let mut g = vec![0u8; ctx.doc.actors.len()];
        for m in &ctx.doc.mentions {
            if m.kind != MentionKind::Pronoun {
                continue;
            }
            if let Some(a) = m.actor {
                if let Some(x) = g.get_mut(a.0 as usize) {
                    *x |= pronoun_gender(&ctx.text[m.span.range()]);
                }
            }
        }
        Genders(g)
    }

    /// Can a pronoun of gender `bit` refer to `a`? Unknown and mixed evidence are compatible.
    pub fn compatible(&self, a: ActorId, bit: u8) -> bool {
        let x = self.0.get(a.0 as usize).copied().unwrap_or(0);
        bit == 0 || x == 0 || x == (MALE | FEMALE) || x & bit != 0
    }
}

/// Role and description nouns that, with `the`, stand for a person the article named
/// (`the singer`, `the director`, `the 25-year-old`).
#[rustfmt::skip]
const PERSON_NOUNS: &[&str] = &[
    "singer", "director", "actor", "actress", "star", "rapper", "musician", "artist",
    "filmmaker", "writer", "author", "player", "coach", "comedian", "host", "researcher",
    "professor", "scientist", "economist", "superstar", "legend", "veteran", "novelist", "poet",
    "designer", "entrepreneur", "billionaire", "activist", "historian", "producer",
    "quarterback", "striker", "midfielder", "goalkeeper", "pitcher", "boxer", "fighter",
    "wrestler", "cyclist", "swimmer", "runner", "athlete", "teenager", "songwriter",
    "dietitian", "founder", "ceo", "chef", "photographer",
];

/// Offices that the actor stage records as titles (`the senator` → the person titled
/// senator); without such a title they may be someone unnamed.
#[rustfmt::skip]
const OFFICE_NOUNS: &[&str] = &[
    "senator", "president", "governor", "mayor", "minister", "chancellor", "cardinal", "pope",
    "archbishop", "bishop", "judge", "lawyer", "attorney", "spokesman", "spokeswoman",
    "chairman", "chairwoman", "leader", "pastor", "priest", "candidate", "doctor", "manager",
    "executive", "lawmaker", "congressman", "congresswoman", "premier", "prosecutor", "officer",
    "chief", "sheriff", "captain", "relator", "moderator", "official", "diplomat", "envoy",
    "ambassador", "general", "commander", "rector", "principal", "secretary",
];

/// Heads that, with `the`, stand for the organization just named (`the company said`).
#[rustfmt::skip]
const ORG_NOUNS: &[&str] = &[
    "company", "organization", "organisation", "agency", "firm", "group", "ministry",
    "department", "startup", "network", "broadcaster", "retailer", "carrier", "airline",
    "automaker", "bank", "club", "charity", "union", "league", "federation", "association",
];

/// The head noun of a definite description: `the director` → `director`, `the
/// 25-year-old` → `25-year-old`. Only short phrases starting with `the`.
fn definite_head(phrase: &str) -> Option<String> {
    let rest = phrase
        .strip_prefix("the ")
        .or_else(|| phrase.strip_prefix("The "))?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    if words.iter().any(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || matches!(*w, "of" | "for" | "at" | "with" | "from" | "in" | "on")
    }) {
        return None;
    }
    let h = words
        .last()?
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    (!h.is_empty()).then(|| h.to_lowercase())
}

/// Does an indefinite phrase with this head (`an officer`, `a police officer`) come before
/// `pos`? Then `the officer` is that unnamed person, not someone named.
fn introduced_indefinitely(ctx: &Ctx, head: &str, pos: u32) -> bool {
    let before = &ctx.text[..pos as usize];
    let mut from = 0;
    while let Some(i) = before[from..].find(head) {
        let at = from + i;
        from = at + head.len();
        let ok_end = before[from..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        let ok_start = before[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !(ok_end && ok_start) {
            continue;
        }
        // Up to three words before the head.
        let lead: Vec<&str> = before[..at].split_whitespace().rev().take(3).collect();
        if lead
            .iter()
            .any(|w| matches!(w.to_lowercase().as_str(), "a" | "an" | "another"))
        {
            return true;
        }
    }
    false
}

/// Has the actor a proper-name mention?
fn is_named(ctx: &Ctx, a: ActorId) -> bool {
    ctx.doc
        .mentions
        .iter()
        .any(|m| m.actor == Some(a) && m.kind == MentionKind::Name)
}

/// Is the mention inside a quoted region?
fn in_quote(ctx: &Ctx, m: Span) -> bool {
    let ti = ctx.toks.partition_point(|t| t.end <= m.start);
    ti < ctx.toks.len() && ctx.toks[ti].region != NONE
}

/// The named person or organization a definite description before `pos` refers to: the
/// most recent person whose titles hold the head noun, else, for a person noun, the most
/// recent person named outside quotes (within four paragraphs); `the company` → the most
/// recent organization. `None` when the description stands for someone unnamed.
pub fn resolve_description(
    ctx: &Ctx,
    phrase: Span,
    actor: Option<ActorId>,
    para: usize,
) -> Option<ActorId> {
    // Cheap tests first: most subjects are names, not `the` + a role noun.
    let head = definite_head(&ctx.text[phrase.range()])?;
    let person_noun = PERSON_NOUNS.contains(&head.as_str()) || head.ends_with("-year-old");
    let office = OFFICE_NOUNS.contains(&head.as_str());
    let org_noun = ORG_NOUNS.contains(&head.as_str());
    if !person_noun && !org_noun && !office {
        return None;
    }
    if actor.is_some_and(|a| is_named(ctx, a)) {
        return None;
    }
    let pos = phrase.start;
    if introduced_indefinitely(ctx, &head, pos) {
        return None;
    }
    let lo = ctx.paras[para.saturating_sub(4)].span.start;
    let ms = &ctx.doc.mentions;
    let hi = ms.partition_point(|m| m.span.start < pos);
    let want = if org_noun {
        ActorKind::Organization
    } else {
        ActorKind::Person
    };
    // A named actor with that title.
    if person_noun || office {
        for m in ms[..hi].iter().rev() {
            let Some(a) = m.actor else { continue };
            if m.kind == MentionKind::Name
                && ctx.actor_kind(a) == ActorKind::Person
                && ctx
                    .doc
                    .actor(a)
                    .titles
                    .iter()
                    .any(|t| t.split_whitespace().any(|w| w.eq_ignore_ascii_case(&head)))
            {
                return Some(a);
            }
        }
        if office {
            return None;
        }
    }
    for m in ms[..hi].iter().rev() {
        if m.span.start < lo {
            break;
        }
        let Some(a) = m.actor else { continue };
        if m.kind == MentionKind::Name && ctx.actor_kind(a) == want && !in_quote(ctx, m.span) {
            return Some(a);
        }
    }
    None
}

/// The person a paragraph's last sentence before `pos` is about: the first person mention
/// (a name, or a pronoun the actor stage resolved) among the first words of the last
/// sentence that mentions a person, outside quotes.
pub fn sentence_person(ctx: &Ctx, pi: usize, pos: u32) -> Option<(ActorId, Span)> {
    let p = &ctx.paras[pi];
    // (sentence start, is a name, actor, span)
    let mut best: Option<(usize, bool, ActorId, Span)> = None;
    for m in ctx.mentions(p) {
        if m.span.end > pos {
            break;
        }
        let Some(a) = m.actor else { continue };
        let name = m.kind == MentionKind::Name;
        if ctx.actor_kind(a) != ActorKind::Person
            || !(name
                || m.kind == MentionKind::Pronoun
                    && pronoun_gender(&ctx.text[m.span.range()]) != 0
                    && matches!(
                        ctx.text[m.span.range()].to_ascii_lowercase().as_str(),
                        "he" | "she"
                    ))
        {
            continue;
        }
        let ti = ctx.tok_at_or_after(p, m.span.start);
        if ti >= p.t1 || ctx.toks[ti].region != NONE {
            continue;
        }
        let s0 = ctx.sentence_start(p, ti);
        if ti - s0 > 8 {
            continue;
        }
        let better = match best {
            None => true,
            Some((s, n, _, _)) => s0 > s || s0 == s && name && !n,
        };
        if better {
            best = Some((s0, name, a, m.span));
        }
    }
    best.map(|(_, _, a, s)| (a, s))
}
