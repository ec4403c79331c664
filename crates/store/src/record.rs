//! A document flattened into the rows a store writes.

use newsgraph_core::{Document, MentionKind};

/// An actor of one article, before it is merged with the store's actors.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordActor {
    /// Canonical name in the article.
    pub name: String,
    /// [`normalize_name`] of `name`: with kind and country, what merges actors across
    /// articles.
    pub key: String,
    /// person | organization | country | place | group.
    pub kind: String,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    /// Titles read in the article.
    pub titles: Vec<String>,
    /// Distinct name mentions (`John Kirby`, `Kirby`).
    pub aliases: Vec<String>,
}

/// A mention of an article actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordMention {
    /// Index into [`ArticleRecord::actors`] (only resolved mentions are kept).
    pub actor: Option<u32>,
    /// name | nationality | pronoun | nominal.
    pub kind: String,
    /// Byte offsets.
    pub start: u32,
    /// End offset.
    pub end: u32,
    /// The mention's text.
    pub text: String,
}

/// A quotation of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordQuote {
    /// direct | indirect | mixed.
    pub kind: String,
    /// Content offsets.
    pub start: u32,
    /// End offset.
    pub end: u32,
    /// Content.
    pub text: String,
    /// Index into [`ArticleRecord::actors`].
    pub speaker: Option<u32>,
    /// Cue text.
    pub cue: Option<String>,
}

/// Everything a store keeps of one article. Built from a processed [`Document`] outside the
/// store's transaction, so writing is only inserting.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRecord {
    /// Where it was read from.
    pub source: String,
    /// URL (or canonical URL) when known: the first identity of an article.
    pub url: Option<String>,
    /// `YYYY-MM-DD` when known.
    pub date: Option<String>,
    /// Headline: metadata title, else the title block.
    pub title: Option<String>,
    /// The text.
    pub text: String,
    /// SHA-1 of the text, hex: the second identity of an article.
    pub hash: String,
    /// The JSON contract of the document with an empty `text` (the text is in `text`).
    pub document_json: String,
    /// The `events` array as JSON, when the document has events.
    pub events_json: Option<String>,
    /// Number of events.
    pub event_count: usize,
    /// Actors.
    pub actors: Vec<RecordActor>,
    /// Mentions.
    pub mentions: Vec<RecordMention>,
    /// Quotations.
    pub quotes: Vec<RecordQuote>,
}

/// The form of a name actors are merged by: lower case, dots dropped (`U.S.` = `US`),
/// whitespace collapsed. Two people merge only when their whole canonical names agree, so
/// `Sara Netanyahu` never merges with `Benjamin Netanyahu`.
pub fn normalize_name(name: &str) -> String {
    let lower = name.to_lowercase().replace(['.', '\u{2019}'], "");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn lower_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl ArticleRecord {
    /// Flattens a processed document.
    pub fn from_document(doc: &Document) -> Self {
        let mut view = newsgraph_core::json::view(doc);
        // The text has its own column; the stored contract leaves it out (stores put it
        // back when reading) so the article is not written twice.
        view.text = "";
        let document_json = serde_json::to_string(&view).expect("the JSON view serializes");
        let events_json = (!view.events.is_empty())
            .then(|| serde_json::to_string(&view.events).expect("events serialize"));
        let title = doc.meta.title.clone().or_else(|| {
            doc.blocks_of(newsgraph_core::BlockKind::Title)
                .next()
                .map(|b| doc.slice(b.span).to_string())
        });
        let mut actors: Vec<RecordActor> = doc
            .actors
            .iter()
            .map(|a| RecordActor {
                name: a.name.clone(),
                key: normalize_name(&a.name),
                kind: lower_json(&a.kind),
                country: a.country.clone(),
                titles: a.titles.clone(),
                aliases: Vec::new(),
            })
            .collect();
        // Mentions of no actor (an unresolved `it`) tell the store nothing.
        let mentions = doc
            .mentions
            .iter()
            .filter(|m| m.actor.is_some())
            .map(|m| {
                let text = doc.slice(m.span).to_string();
                if let (Some(a), MentionKind::Name) = (m.actor, m.kind) {
                    let aliases = &mut actors[a.0 as usize].aliases;
                    if !aliases.contains(&text) {
                        aliases.push(text.clone());
                    }
                }
                RecordMention {
                    actor: m.actor.map(|a| a.0),
                    kind: lower_json(&m.kind),
                    start: m.span.start,
                    end: m.span.end,
                    text,
                }
            })
            .collect();
        let quotes = doc
            .quotes
            .iter()
            .map(|q| RecordQuote {
                kind: lower_json(&q.kind),
                start: q.span.start,
                end: q.span.end,
                text: doc.slice(q.span).to_string(),
                speaker: q.speaker.map(|a| a.0),
                cue: q.cue.map(|c| doc.slice(c).to_string()),
            })
            .collect();
        ArticleRecord {
            source: doc.meta.source.clone(),
            url: doc
                .meta
                .url
                .clone()
                .or_else(|| doc.meta.canonical_url.clone())
                .filter(|u| !u.is_empty()),
            date: doc.meta.date.clone().filter(|d| !d.is_empty()),
            title,
            text: doc.text.clone(),
            hash: sha1_smol::Sha1::from(doc.text.as_bytes())
                .digest()
                .to_string(),
            document_json,
            events_json,
            event_count: doc.events.len(),
            actors,
            mentions,
            quotes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalize() {
        assert_eq!(normalize_name(" John  Kirby"), "john kirby");
        assert_eq!(normalize_name("U.S."), "us");
        assert_ne!(
            normalize_name("Sara Netanyahu"),
            normalize_name("Benjamin Netanyahu")
        );
    }
}
