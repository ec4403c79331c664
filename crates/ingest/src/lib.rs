//! Readers that turn input files into [`newsgraph_core::Document`]s with article structure.
#![deny(missing_docs)]

pub mod input;

pub use input::{text_document, Limits};
use newsgraph_core::{Document, Layer, Stage};

/// Splits plain text into title, body paragraphs, captions, credits, signature, datelines
/// and boilerplate. (Skeleton: to be filled.)
#[derive(Debug, Default, Clone)]
pub struct TextStructure;

impl Stage for TextStructure {
    fn name(&self) -> &'static str {
        "TextStructure"
    }
    fn requires(&self) -> &[Layer] {
        &[Layer::Text]
    }
    fn produces(&self) -> &[Layer] {
        &[Layer::Blocks]
    }
    fn run(&self, _doc: &mut Document) {}
}
