//! The JSON contract: a [`Document`] serialized as its text plus layers with byte offsets.
//!
//! Later issues add fields; they never rename or remove one. See the README for the
//! contract's description.

use crate::document::{BlockKind, Document};
use crate::span::Span;
use serde::Serialize;

/// A span with its text.
#[derive(Debug, Serialize)]
pub struct SpanText<'a> {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// `&text[start..end]`.
    pub text: &'a str,
}

impl<'a> SpanText<'a> {
    fn new(doc: &'a Document, s: Span) -> Self {
        SpanText {
            start: s.start,
            end: s.end,
            text: doc.slice(s),
        }
    }
}

/// A block with its parts (credit: person and agency; signature: author and agency;
/// dateline: place and agency).
#[derive(Debug, Serialize)]
pub struct BlockOut<'a> {
    /// The whole block.
    #[serde(flatten)]
    pub span: SpanText<'a>,
    /// Photographer of a credit, author of a signature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who: Option<SpanText<'a>>,
    /// Agency of a credit, signature or dateline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<SpanText<'a>>,
    /// Place of a dateline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<SpanText<'a>>,
}

/// The `structure` object.
#[derive(Debug, Serialize)]
pub struct StructureOut<'a> {
    /// The headline, if any.
    pub title: Option<BlockOut<'a>>,
    /// Body paragraphs in order.
    pub body: Vec<BlockOut<'a>>,
    /// Photo captions.
    pub captions: Vec<BlockOut<'a>>,
    /// Photo credits.
    pub credits: Vec<BlockOut<'a>>,
    /// The author/agency signature, if any.
    pub signature: Option<BlockOut<'a>>,
    /// Datelines (`WASHINGTON (AP) --`).
    pub datelines: Vec<BlockOut<'a>>,
    /// Boilerplate kept out of the body.
    pub boilerplate: Vec<BlockOut<'a>>,
}

/// A mention in the `actors[].mentions` list.
#[derive(Debug, Serialize)]
pub struct MentionOut<'a> {
    /// The mention's span and text.
    #[serde(flatten)]
    pub span: SpanText<'a>,
    /// name | nationality | pronoun | nominal.
    pub kind: crate::MentionKind,
}

/// An entry of `actors`.
#[derive(Debug, Serialize)]
pub struct ActorOut<'a> {
    /// Actor id, referenced by `quotes[].speaker_id`.
    pub id: u32,
    /// Canonical name.
    pub name: &'a str,
    /// person | organization | country | place | group.
    pub kind: crate::ActorKind,
    /// Titles and roles.
    pub titles: &'a [String],
    /// ISO 3166 alpha-3 code.
    pub country: Option<&'a str>,
    /// Event-coding sector (GOV, MIL, IGO, ...), when events were coded and the text tells.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<&'a str>,
    /// Event-coding actor code: country (or `IGO`) then sector or organisation (`ISRGOV`,
    /// `IGOUNO`), when events were coded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Every mention, in text order.
    pub mentions: Vec<MentionOut<'a>>,
}

/// An entry of `quotes`.
#[derive(Debug, Serialize)]
pub struct QuoteOut<'a> {
    /// Index in `quotes`.
    pub id: usize,
    /// direct | indirect | mixed.
    pub kind: crate::QuoteKind,
    /// The quoted content without the outer quote marks.
    pub text: &'a str,
    /// First byte of the content.
    pub start: u32,
    /// One past the last byte of the content.
    pub end: u32,
    /// Canonical name of the speaker, or null.
    pub speaker: Option<&'a str>,
    /// Actor id of the speaker, or null.
    pub speaker_id: Option<u32>,
    /// The mention that names the speaker for this quote (`he`, `Kirby`), or null.
    pub speaker_mention: Option<SpanText<'a>>,
    /// Cue text, or null.
    pub cue: Option<&'a str>,
    /// Cue start, or null.
    pub cue_start: Option<u32>,
    /// Cue end, or null.
    pub cue_end: Option<u32>,
}

/// A bare span (`trigger`, `evidence` of an event).
#[derive(Debug, Serialize)]
pub struct StartEnd {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl From<Span> for StartEnd {
    fn from(s: Span) -> Self {
        StartEnd {
            start: s.start,
            end: s.end,
        }
    }
}

/// An entry of `events`.
#[derive(Debug, Serialize)]
pub struct EventOut<'a> {
    /// Index in `events`.
    pub id: usize,
    /// PLOVER event type.
    #[serde(rename = "type")]
    pub kind: crate::EventType,
    /// PLOVER mode, or null.
    pub mode: Option<&'a str>,
    /// CAMEO root code.
    pub cameo: &'a str,
    /// Goldstein value.
    pub goldstein: f32,
    /// Actor id of the source, or null.
    pub source: Option<u32>,
    /// Actor id of the target, or null.
    pub target: Option<u32>,
    /// `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`, or null.
    pub date: Option<&'a str>,
    /// The time expression the date comes from, or null.
    pub date_text: Option<&'a str>,
    /// Actor id of the place, or null.
    pub place: Option<u32>,
    /// The text says it did not happen.
    pub negated: bool,
    /// asserted | planned | hypothetical | claimed.
    pub modality: crate::Modality,
    /// The triggering words.
    pub trigger: StartEnd,
    /// The sentence that says so.
    pub evidence: StartEnd,
    /// Quote id when the event is stated inside a quotation, or null.
    pub quote: Option<u32>,
}

impl<'a> EventOut<'a> {
    fn new(doc: &'a Document, id: usize, e: &'a crate::Event) -> Self {
        EventOut {
            id,
            kind: e.kind,
            mode: e.mode.as_deref(),
            cameo: &e.cameo,
            goldstein: e.goldstein,
            source: e.source.map(|a| a.0),
            target: e.target.map(|a| a.0),
            date: e.date.as_deref(),
            date_text: e.date_text.map(|s| doc.slice(s)),
            place: e.place.map(|a| a.0),
            negated: e.negated,
            modality: e.modality,
            trigger: e.trigger.into(),
            evidence: e.evidence.into(),
            quote: e.quote,
        }
    }
}

/// A diagnostic.
#[derive(Debug, Serialize)]
pub struct DiagnosticOut<'a> {
    /// Stable code.
    pub code: &'a str,
    /// Explanation.
    pub message: &'a str,
    /// Start of the place in the text, if any.
    pub start: Option<u32>,
    /// End of the place in the text, if any.
    pub end: Option<u32>,
}

/// The whole document as the JSON contract.
#[derive(Debug, Serialize)]
pub struct DocumentOut<'a> {
    /// Document id.
    pub id: &'a str,
    /// Where it was read from.
    pub source: &'a str,
    /// URL, if known.
    pub url: Option<&'a str>,
    /// Publication date, if known.
    pub date: Option<&'a str>,
    /// Headline from the source's metadata, if any (HTML, JSONL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// Authors named by the source, if any.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub authors: &'a [String],
    /// Language of the page, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<&'a str>,
    /// Canonical URL of the page, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<&'a str>,
    /// Name of the publication, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<&'a str>,
    /// When the page was fetched (WARC-Date), if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched: Option<&'a str>,
    /// The text all offsets index.
    pub text: &'a str,
    /// For text extracted from HTML: `[text_offset, html_byte_offset]` for each run of text,
    /// sorted (absent for plain text).
    #[serde(skip_serializing_if = "<[(u32, u32)]>::is_empty")]
    pub source_map: &'a [(u32, u32)],
    /// Article structure.
    pub structure: StructureOut<'a>,
    /// Actors with their mentions.
    pub actors: Vec<ActorOut<'a>>,
    /// Quotations.
    pub quotes: Vec<QuoteOut<'a>>,
    /// Events: who did what to whom.
    pub events: Vec<EventOut<'a>>,
    /// Problems found in the input.
    pub diagnostics: Vec<DiagnosticOut<'a>>,
}

/// Builds the serializable view of a document.
pub fn view(doc: &Document) -> DocumentOut<'_> {
    let block = |b: &crate::Block| BlockOut {
        span: SpanText::new(doc, b.span),
        who: b.who.map(|s| SpanText::new(doc, s)),
        agency: b.agency.map(|s| SpanText::new(doc, s)),
        place: b.place.map(|s| SpanText::new(doc, s)),
    };
    let of = |k: BlockKind| doc.blocks_of(k).map(block).collect::<Vec<_>>();
    let structure = StructureOut {
        title: doc.blocks_of(BlockKind::Title).next().map(block),
        body: of(BlockKind::Body),
        captions: of(BlockKind::Caption),
        credits: of(BlockKind::Credit),
        signature: doc.blocks_of(BlockKind::Signature).last().map(block),
        datelines: of(BlockKind::Dateline),
        boilerplate: of(BlockKind::Boilerplate),
    };
    let mut mentions: Vec<Vec<MentionOut>> = doc.actors.iter().map(|_| Vec::new()).collect();
    for m in &doc.mentions {
        if let Some(a) = m.actor {
            mentions[a.0 as usize].push(MentionOut {
                span: SpanText::new(doc, m.span),
                kind: m.kind,
            });
        }
    }
    let actors = doc
        .actors
        .iter()
        .zip(mentions)
        .map(|(a, mentions)| ActorOut {
            id: a.id.0,
            name: &a.name,
            kind: a.kind,
            titles: &a.titles,
            country: a.country.as_deref(),
            sector: doc
                .actor_codes
                .get(a.id.0 as usize)
                .and_then(|c| c.sector.as_deref()),
            code: doc.actor_codes.get(a.id.0 as usize).and_then(|c| c.code()),
            mentions,
        })
        .collect();
    let quotes = doc
        .quotes
        .iter()
        .enumerate()
        .map(|(id, q)| QuoteOut {
            id,
            kind: q.kind,
            text: doc.slice(q.span),
            start: q.span.start,
            end: q.span.end,
            speaker: q.speaker.map(|a| doc.actor(a).name.as_str()),
            speaker_id: q.speaker.map(|a| a.0),
            speaker_mention: q.speaker_mention.map(|s| SpanText::new(doc, s)),
            cue: q.cue.map(|c| doc.slice(c)),
            cue_start: q.cue.map(|c| c.start),
            cue_end: q.cue.map(|c| c.end),
        })
        .collect();
    let events = doc
        .events
        .iter()
        .enumerate()
        .map(|(id, e)| EventOut::new(doc, id, e))
        .collect();
    let diagnostics = doc
        .diagnostics
        .iter()
        .map(|d| DiagnosticOut {
            code: d.code,
            message: &d.message,
            start: d.span.map(|s| s.start),
            end: d.span.map(|s| s.end),
        })
        .collect();
    DocumentOut {
        id: &doc.meta.id,
        source: &doc.meta.source,
        url: doc.meta.url.as_deref(),
        date: doc.meta.date.as_deref(),
        title: doc.meta.title.as_deref(),
        authors: &doc.meta.authors,
        language: doc.meta.language.as_deref(),
        canonical_url: doc.meta.canonical_url.as_deref(),
        site_name: doc.meta.site_name.as_deref(),
        fetched: doc.meta.fetched.as_deref(),
        text: &doc.text,
        source_map: &doc.source_map.runs,
        structure,
        actors,
        quotes,
        events,
        diagnostics,
    }
}

/// Serializes a document to a JSON value.
pub fn to_json(doc: &Document) -> serde_json::Value {
    serde_json::to_value(view(doc)).expect("the JSON view always serializes")
}

/// Serializes a document as one line of JSON (JSON Lines).
pub fn to_json_line(doc: &Document) -> String {
    serde_json::to_string(&view(doc)).expect("the JSON view always serializes")
}
