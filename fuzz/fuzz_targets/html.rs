//! HTML extraction: any bytes, with or without a charset from the transport, must give a
//! document whose layers pass `Document::validate` or a clear error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_core::{Pipeline, PipelineBuilder};
use newsgraph_ingest::{html_document, Limits, TextStructure};
use std::sync::OnceLock;

/// Charsets a server may claim; the first input byte picks one (or none).
const HINTS: &[Option<&str>] = &[
    None,
    Some("utf-8"),
    Some("windows-1252"),
    Some("shift_jis"),
    Some("utf-16le"),
    Some("x-no-such-charset"),
];

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&first, page)) = data.split_first() else {
        return;
    };
    let hint = HINTS[first as usize % HINTS.len()];
    let limits = Limits { max_bytes: 1 << 20 };
    if let Ok(mut doc) = html_document(page, "fuzz.html", limits, hint) {
        if let Err(e) = doc.validate() {
            panic!("extracted document is invalid: {e:?}");
        }
        // The structure stage runs on every extracted page in `newsgraph read`.
        PIPELINE
            .get_or_init(|| {
                PipelineBuilder::new()
                    .stage(TextStructure::default())
                    .build()
                    .expect("one stage")
            })
            .run(&mut doc);
        if let Err(e) = doc.validate() {
            panic!("document is invalid after TextStructure: {e:?}");
        }
    }
});
