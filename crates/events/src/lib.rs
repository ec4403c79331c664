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
use newsgraph_core::{Document, Layer, Stage};
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
        self.codes.code_actors(doc);
        doc.events = coder::Coder::new(&self.dict, doc).run();
    }
}

#[cfg(test)]
mod tests;
