//! Who did what to whom: actors coded by country and sector, events coded to PLOVER types
//! (with CAMEO root codes and Goldstein values), and their dates.
//!
//! [`EventCoder`] is the stage. It reads tokens, mentions and actors (and quotations, whose
//! speakers stand behind `we` and whose reported speech makes events `claimed`), and fills
//! `doc.actor_codes` ([`codes::Codebook`]: `data/sectors.tsv`, `data/organizations.tsv`
//! plus the actor lexicon) and `doc.events` ([`dict::Dictionary`]: `data/verbs.tsv`,
//! `data/irregular.tsv`). Time expressions are resolved against `doc.meta.date`
//! ([`dates`]).
//!
//! Coding decisions (the data files carry the word lists):
//!
//! - **Collective common nouns are actors.** `officials`, `the police`, `troops`, `the court`,
//!   `protesters` (`data/groups.tsv`, with a sector each) become actors of kind `group` when
//!   an event uses them as source or target, named by their noun phrase (`Chinese police`)
//!   and coded with the country of context: a nationality, country, place or organisation
//!   modifier in the phrase; else a country the sentence places them in (`to the United
//!   States to meet with officials`); else the group named before with the same noun
//!   (`Polish farmers ... farmers`); else the nearest actor of the sentence with a country;
//!   else the article's dominant country.
//! - **The dominant country** (most mentions of a country's actors, people, organisations and
//!   places counting double) codes persons, organisations and places the text gives no
//!   country; a person right after a nationality (`his Israeli counterpart X`) takes that.
//! - **Agentless legal acts** (`she was arrested`, `no one has been charged in Haiti`;
//!   `src+state` in verbs.tsv) have the authorities of the place or the article's country
//!   as source.
//! - **REJECT needs an actor or a policy object** (`obj=policy`): `rejected the proposal` is
//!   REJECT, `rejected various questions` is no event. Likewise `end`, `ease`, `halt`,
//!   `suspend` code CONCEDE or SANCTION only with a hostility, restriction or relations
//!   object (`data/objects.tsv`).
//! - **A planned offensive is coded once.** `a ground offensive planned by Israel in ...
//!   Rafah` is ASSAULT, modality `planned`, target the place's country; a later planned or
//!   hypothetical noun event of the same type between the same countries within three
//!   paragraphs (`preparing to conduct a ground operation in Rafah`) restates the plan and
//!   is dropped. `a plan that the US rejects` takes the planner (the source of the noun
//!   event the relative clause hangs on) as REJECT target.
//! - **Nominalisations restating an event are merged**: a definite noun (`Netanyahu's
//!   cancellation of the trip`) of the same type and mode as a verb event between the same
//!   countries within three paragraphs is the same act.
//! - **What is asked for is no event**: a verb after `to`/`be` following a REQUEST verb
//!   (`called on X to apologize`, `demand that the hostages be released`), after an
//!   agreement or request noun (`an agreement to end the blockades`), or restating the
//!   same type as a purpose (`traveled to Egypt to discuss`). A commissive verb's event
//!   noun is the event (`vowed support` is SUPPORT); a noun that is the object of an event
//!   verb is not one of its own (`ended their blockade`).
//! - **Civilians obstructing** (a COERCE whose source is a CVL/OPP/LAB actor: `drivers
//!   blocking crossings`) is PROTEST, mode `obstruct`.
//! - **Quotations that blame are accusations.** Reported speech telling that another
//!   country's actor attacked, coerced or threatened the speaker's side (`the spokesman said:
//!   "the occupation forces committed 17 massacres"`) adds ACCUSE speaker → that actor,
//!   triggered by the cue; not when a nationality adjective only describes the act (`the
//!   toll of the Israeli aggression`), nor for `according to`.
//! - **Descriptions refer back**: `the strip` is the place named before whose name ends in
//!   that word (`Gaza Strip`); `the country` the country (or a national organisation's
//!   country) last named in the paragraph; `in all areas of X`, `in parts of X` place in X.
//! - **Who holds a meeting**: a meeting noun in a phrase of a clause (`Xi told Biden during
//!   their summit`, `in a group meeting`) is the clause subject's, its object the partner;
//!   `attended by` names participants; `between X and Y` after an event noun is X → Y.
//! - **Complaints and requests**: a complaint's `by`/`from` phrase is its source (a name in
//!   apposition to a title counts; `from his American counterpart` is American) and the
//!   subject of its `that` clause the accused; a verb request's addressee stands before its
//!   infinitive (`called on CEOs to treat workers fairly`).
//! - **Faced acts are the state's**: `X faces a life sentence before Judge Y`, `faces
//!   charges`: the court or judge (else the authorities of the place) → X.
//! - **Means and purposes**: `killed in an Israeli airstrike` is one event (the noun's
//!   nationality its agent); `the number of journalists killed` targets the journalists; a
//!   purpose (`aimed at cracking down`, `designed to punish`, `in order to`) is no event yet;
//!   an event noun modifying a common noun names a thing (`withdrawal penalties`).
//!
//! ```
//! use newsgraph_core::{Document, Stage};
//! use newsgraph_events::EventCoder;
//! let mut doc = Document::new("");
//! EventCoder::default().run(&mut doc);
//! assert!(doc.events.is_empty());
//! ```
#![deny(missing_docs)]

mod coder;
pub mod codes;
pub mod dates;
pub mod dict;

use codes::Codebook;
use dict::Dictionary;
use newsgraph_core::{
    Actor, ActorCode, ActorId, ActorKind, Document, Layer, Mention, MentionKind, Stage,
};
use std::sync::{Arc, OnceLock};

/// Codes actors and finds events.
#[derive(Clone)]
pub struct EventCoder {
    dict: Arc<Dictionary>,
    codes: Arc<Codebook>,
}

impl std::fmt::Debug for EventCoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventCoder")
            .field("patterns", &self.dict.patterns.len())
            .finish()
    }
}

impl Default for EventCoder {
    /// The built-in data files, parsed once per process and shared.
    fn default() -> Self {
        static DATA: OnceLock<(Arc<Dictionary>, Arc<Codebook>)> = OnceLock::new();
        let (dict, codes) = DATA
            .get_or_init(|| {
                (
                    Arc::new(Dictionary::builtin()),
                    Arc::new(Codebook::builtin()),
                )
            })
            .clone();
        EventCoder { dict, codes }
    }
}

impl EventCoder {
    /// A coder with custom data (built with [`Dictionary::parse`] and a [`Codebook`]).
    pub fn with_data(dict: Dictionary, codes: Codebook) -> EventCoder {
        EventCoder {
            dict: Arc::new(dict),
            codes: Arc::new(codes),
        }
    }

    /// The pattern dictionary.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// The actor codebook.
    pub fn codebook(&self) -> &Codebook {
        &self.codes
    }
}

impl Stage for EventCoder {
    fn name(&self) -> &'static str {
        "EventCoder"
    }
    fn requires(&self) -> &[Layer] {
        &[
            Layer::Sentences,
            Layer::Tokens,
            Layer::Actors,
            Layer::Quotes,
        ]
    }
    fn produces(&self) -> &[Layer] {
        &[Layer::Events]
    }
    fn run(&self, doc: &mut Document) {
        let dominant = self.codes.code_actors(doc);
        let (events, groups) = coder::Coder::new(&self.dict, &self.codes, doc, dominant).run();
        // collective common nouns used as sources or targets become actors of their own
        let mut added_mentions = false;
        for g in groups {
            let id = ActorId(doc.actors.len() as u32);
            for &span in &g.spans {
                // A group named by a phrase that already is a mention (of nothing) takes it.
                match doc.mentions.iter_mut().find(|m| m.span == span) {
                    Some(m) if m.actor.is_none() => m.actor = Some(id),
                    Some(_) => {}
                    None => {
                        doc.mentions.push(Mention {
                            span,
                            kind: MentionKind::Nominal,
                            actor: Some(id),
                        });
                        added_mentions = true;
                    }
                }
            }
            doc.actors.push(Actor {
                id,
                name: g.name,
                kind: ActorKind::Group,
                titles: Vec::new(),
                country: g.country.clone(),
            });
            doc.actor_codes.push(ActorCode {
                country: g.country,
                sector: g.sector,
                org: None,
            });
        }
        if added_mentions {
            doc.mentions.sort_by_key(|m| m.span);
        }
        doc.events = events;
    }
}

#[cfg(test)]
mod tests;
