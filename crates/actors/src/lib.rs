//! Named mentions, titles and roles, and actors with their mentions merged.
#![deny(missing_docs)]

use newsgraph_core::{Document, Layer, Stage};

/// Finds mentions of people, organizations, countries, places and nationalities and merges
/// them into actors. (Skeleton.)
#[derive(Debug, Default, Clone)]
pub struct ActorFinder;

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
    fn run(&self, _doc: &mut Document) {}
}
