//! Named mentions, titles and roles, and actors with their mentions merged.
//!
//! [`ActorFinder`] is the stage. It works in two separable steps:
//! [`mentions::find_candidates`] reads tokens and blocks and proposes [`mentions::Candidate`]s
//! with rules and the curated word lists of [`lexicon`] (countries with aliases, adjectives,
//! demonyms and capitals; organizations; places; titles; given names; pronouns), and
//! [`coref::merge`] merges any list of candidates into `doc.mentions` and `doc.actors`
//! (lexicon ids, full names and surnames, acronyms, nominals by title, pronouns by salience).
//! A statistical tagger can add its own candidates and call [`ActorFinder::merge`]; when a
//! tagger stage ran before this one (`doc.entities` is filled, as in the default pipeline),
//! its person entities classify names the rules left unknown.
//!
//! For the quotation stage: [`mention_at`], [`resolve_speaker`] and [`last_speaker_before`].
//!
//! ```
//! use newsgraph_actors::ActorFinder;
//! use newsgraph_core::{Document, Stage};
//! let finder = ActorFinder::default();
//! let doc = Document::new("");
//! let mut doc = doc;
//! finder.run(&mut doc);
//! assert!(doc.actors.is_empty());
//! ```
#![deny(missing_docs)]

pub mod coref;
pub mod lexicon;
pub mod mentions;
pub mod titles;

use lexicon::Lexicon;
use mentions::Candidate;
use newsgraph_core::{ActorId, ActorKind, Document, Layer, Mention, MentionKind, Span, Stage};
use std::sync::{Arc, OnceLock};

/// Finds mentions of people, organizations, countries, places and nationalities and merges
/// them into actors.
#[derive(Clone)]
pub struct ActorFinder {
    lex: Arc<Lexicon>,
}

impl std::fmt::Debug for ActorFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActorFinder")
            .field("entries", &self.lex.entries.len())
            .field("words", &self.lex.words.len())
            .finish()
    }
}

impl Default for ActorFinder {
    /// The built-in word lists, parsed once per process and shared.
    fn default() -> Self {
        static LEX: OnceLock<Arc<Lexicon>> = OnceLock::new();
        ActorFinder {
            lex: LEX.get_or_init(|| Arc::new(Lexicon::builtin())).clone(),
        }
    }
}

impl ActorFinder {
    /// A finder with a custom lexicon (built-in lists extended with `Lexicon::load_*`).
    pub fn with_lexicon(lex: Lexicon) -> ActorFinder {
        ActorFinder { lex: Arc::new(lex) }
    }

    /// The word lists.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Step 1: candidate mentions from the rules.
    pub fn candidates(&self, doc: &Document) -> Vec<Candidate> {
        mentions::find_candidates(&self.lex, doc)
    }

    /// Step 2: merges candidates (from the rules, a tagger, or both) into mentions and actors.
    pub fn merge(&self, doc: &mut Document, candidates: Vec<Candidate>) {
        coref::merge(&self.lex, doc, candidates)
    }
}

impl Stage for ActorFinder {
    fn name(&self) -> &'static str {
        "ActorFinder"
    }
    fn requires(&self) -> &[Layer] {
        &[Layer::Blocks, Layer::Sentences, Layer::Tokens]
    }
    fn produces(&self) -> &[Layer] {
        &[Layer::Actors]
    }
    fn run(&self, doc: &mut Document) {
        let cands = self.candidates(doc);
        self.merge(doc, cands);
    }
}

/// The innermost mention containing a byte offset, preferring one resolved to an actor.
pub fn mention_at(doc: &Document, offset: usize) -> Option<&Mention> {
    let end = doc
        .mentions
        .partition_point(|m| (m.span.start as usize) <= offset);
    doc.mentions[..end]
        .iter()
        .filter(|m| m.span.contains_offset(offset))
        .min_by_key(|m| (m.actor.is_none(), m.span.len()))
}

/// The actor a speaker phrase names, and the mention naming it: inside `span` (the subject
/// of a cue: `National Security Council Communications Director John Kirby`, `he`, `the
/// prime minister`, `Washington`), a person is preferred, then an organization or country;
/// among persons, the widest mention (the name, not a nested nationality).
pub fn resolve_speaker(doc: &Document, span: Span) -> Option<(ActorId, Span)> {
    let a = doc.mentions.partition_point(|m| m.span.start < span.start);
    let b = doc.mentions.partition_point(|m| m.span.start < span.end);
    doc.mentions[a..b]
        .iter()
        .filter(|m| m.span.end <= span.end)
        .filter_map(|m| m.actor.map(|id| (id, m)))
        .max_by_key(|(id, m)| {
            let rank = match doc.actor(*id).kind {
                ActorKind::Person => 3,
                ActorKind::Organization | ActorKind::Group => 2,
                ActorKind::Country => 1,
                ActorKind::Place => 0,
            };
            let kind = match m.kind {
                MentionKind::Name => 3,
                MentionKind::Pronoun | MentionKind::Nominal => 2,
                MentionKind::Nationality => 0,
            };
            (rank, kind, m.span.len())
        })
        .map(|(id, m)| (id, m.span))
}

/// The most recent person mention resolved to an actor that ends before `offset` (for a
/// quotation that continues without a cue), looking back at most `max_bytes`.
pub fn last_speaker_before(
    doc: &Document,
    offset: usize,
    max_bytes: usize,
) -> Option<(ActorId, Span)> {
    let end = doc
        .mentions
        .partition_point(|m| (m.span.start as usize) < offset);
    doc.mentions[..end]
        .iter()
        .rev()
        .take_while(|m| offset.saturating_sub(m.span.end as usize) <= max_bytes)
        .filter(|m| (m.span.end as usize) <= offset)
        .find_map(|m| {
            m.actor
                .filter(|id| doc.actor(*id).kind == ActorKind::Person)
                .map(|id| (id, m.span))
        })
}

#[cfg(test)]
mod tests;
