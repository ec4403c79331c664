//! Learned part-of-speech and named-entity taggers for news English.
//!
//! Both are greedy left-to-right averaged perceptrons over hashed features (one row of
//! class weights per hash bucket, i16 weights), trained here from open corpora
//! ([`PosModel::train`] on UD English-EWT CoNLL-U, [`NerModel::train`] on CoNLL-2003 style
//! files) and stored in a compact, versioned, checksummed binary format ([`model`]). The
//! trained models ship inside the binary (`models/*.ngt`, `include_bytes!`); [`Tagger`] is
//! the pipeline stage that fills [`Document::pos`] and [`Document::entities`].
#![deny(missing_docs)]

pub mod clusters;
pub mod corpus;
pub mod eval;
pub mod feats;
pub mod hash;
pub mod model;
pub mod ner;
pub mod pos;
pub mod run;
mod stage;
pub mod wordlist;

pub use model::ModelError;
pub use ner::{NerConfig, NerModel};
pub use pos::{PosConfig, PosModel, PosScore};
pub use stage::Tagger;

#[allow(unused_imports)]
use newsgraph_core::Document;

/// The part-of-speech model compiled into the binary.
pub const EMBEDDED_POS: &[u8] = include_bytes!("../models/pos.ngt");
/// The named-entity model compiled into the binary.
pub const EMBEDDED_NER: &[u8] = include_bytes!("../models/ner.ngt");

/// The embedded part-of-speech model, parsed once per process.
pub fn embedded_pos() -> Result<&'static PosModel, ModelError> {
    static M: std::sync::OnceLock<Result<PosModel, ModelError>> = std::sync::OnceLock::new();
    M.get_or_init(|| PosModel::from_bytes(EMBEDDED_POS, "embedded:crates/tagger/models/pos.ngt"))
        .as_ref()
        .map_err(Clone::clone)
}

/// The embedded named-entity model, parsed once per process.
pub fn embedded_ner() -> Result<&'static NerModel, ModelError> {
    static M: std::sync::OnceLock<Result<NerModel, ModelError>> = std::sync::OnceLock::new();
    M.get_or_init(|| NerModel::from_bytes(EMBEDDED_NER, "embedded:crates/tagger/models/ner.ngt"))
        .as_ref()
        .map_err(Clone::clone)
}

pub(crate) fn progress_bar(show: bool, len: u64, what: &str) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{prefix} [{elapsed_precise}] {wide_bar} {pos}/{len} sentences (eta {eta})",
        )
        .unwrap(),
    );
    bar.set_prefix(format!("training {what}"));
    bar
}
