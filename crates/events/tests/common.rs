#![allow(dead_code)]
use newsgraph_core::{Document, PipelineBuilder};

/// Runs the rule stages (no tagger) plus the event coder on `text` dated `date`.
pub fn run_dated(text: &str, date: Option<&str>) -> Document {
    run_with(text, date, false)
}

/// Runs the stages of `newsgraph read` on `text` dated `date`, with the learned tagger when
/// `tagger` (as `read` does) or without it.
pub fn run_with(text: &str, date: Option<&str>, tagger: bool) -> Document {
    let mut doc = Document::new(text);
    doc.meta.date = date.map(str::to_string);
    let mut b = PipelineBuilder::new()
        .stage(newsgraph_ingest::TextStructure::default())
        .stage(newsgraph_nlp::Segmenter::default());
    if tagger {
        b = b.stage(newsgraph_tagger::Tagger::default());
    }
    b.stage(newsgraph_actors::ActorFinder::default())
        .stage(newsgraph_quotes::QuoteAttributor::default())
        .stage(newsgraph_events::EventCoder::default())
        .build()
        .unwrap()
        .run(&mut doc);
    doc.validate().unwrap();
    doc
}

/// One line per event: `date SRC TYPE TGT neg modality trigger`.
pub fn lines(doc: &Document) -> Vec<String> {
    let code = |a: Option<newsgraph_core::ActorId>| {
        a.and_then(|a| doc.actor_codes[a.0 as usize].code())
            .unwrap_or_else(|| "-".into())
    };
    doc.events
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}{}{} [{}]",
                e.date.as_deref().unwrap_or("-"),
                code(e.source),
                e.kind,
                code(e.target),
                if e.negated { " NEG" } else { "" },
                match e.modality {
                    newsgraph_core::Modality::Asserted => "".to_string(),
                    m => format!(" {m:?}").to_lowercase(),
                },
                doc.slice(e.trigger)
            )
        })
        .collect()
}
