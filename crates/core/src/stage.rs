//! Stages fill layers; a [`Pipeline`] runs them in an order checked when it is built.

use crate::document::Document;

/// A layer of the [`Document`] that a stage reads or fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Layer {
    /// `text` and `meta`: present from the start.
    Text,
    /// `blocks`: article structure.
    Blocks,
    /// `sentences`.
    Sentences,
    /// `tokens`.
    Tokens,
    /// `mentions` and `actors`.
    Actors,
    /// `quotes`.
    Quotes,
    /// `pos`: part-of-speech tags parallel to `tokens`.
    Pos,
    /// `entities`: named entities.
    Entities,
    /// `events` and `actor_codes`: coded actors and events.
    Events,
}

/// One step of the pipeline. Stages never fail on a badly written article: they record a
/// [`crate::Diagnostic`] and finish. They are immutable once built and shared across threads.
pub trait Stage: Send + Sync {
    /// A short name, by purpose (`QuoteAttributor`).
    fn name(&self) -> &'static str;
    /// Layers that must be filled before this stage runs.
    fn requires(&self) -> &[Layer];
    /// Layers this stage fills.
    fn produces(&self) -> &[Layer];
    /// Fills `produces()` layers of `doc`.
    fn run(&self, doc: &mut Document);
}

/// A pipeline whose stage order was checked by [`PipelineBuilder::build`].
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

/// Assembles a [`Pipeline`], refusing a stage whose inputs no earlier stage produces.
#[derive(Default)]
pub struct PipelineBuilder {
    stages: Vec<Box<dyn Stage>>,
}

/// A stage added before the layers it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingLayer {
    /// The stage that cannot run.
    pub stage: &'static str,
    /// The layer nothing earlier produces.
    pub layer: Layer,
}

impl std::fmt::Display for MissingLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "stage {} requires layer {:?}, which no earlier stage produces; add a stage that produces it before {}",
            self.stage, self.layer, self.stage
        )
    }
}

impl std::error::Error for MissingLayer {}

impl PipelineBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a stage.
    pub fn stage(mut self, stage: impl Stage + 'static) -> Self {
        self.stages.push(Box::new(stage));
        self
    }

    /// Appends a boxed stage (for stages chosen at run time).
    pub fn boxed(mut self, stage: Box<dyn Stage>) -> Self {
        self.stages.push(stage);
        self
    }

    /// Checks that every stage's inputs are produced by an earlier stage.
    pub fn build(self) -> Result<Pipeline, MissingLayer> {
        let mut have = vec![Layer::Text];
        for s in &self.stages {
            for l in s.requires() {
                if !have.contains(l) {
                    return Err(MissingLayer {
                        stage: s.name(),
                        layer: *l,
                    });
                }
            }
            have.extend_from_slice(s.produces());
        }
        Ok(Pipeline {
            stages: self.stages,
        })
    }
}

impl Pipeline {
    /// Runs every stage on the document, in order.
    pub fn run(&self, doc: &mut Document) {
        for s in &self.stages {
            s.run(doc);
            debug_assert!(
                doc.validate().is_ok(),
                "stage {} left an invalid document: {}",
                s.name(),
                doc.validate().unwrap_err()
            );
        }
    }

    /// Names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }
}
