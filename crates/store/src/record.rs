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
    /// The JSON contract of the document with an empty `text` (the text is in `text`): the
    /// structure, mentions and events are stored only here, read back whole.
    pub document_json: String,
    /// Number of events.
    pub event_count: usize,
    /// Number of mentions of an actor (pronouns that resolve to none are not counted).
    pub mention_count: usize,
    /// Actors.
    pub actors: Vec<RecordActor>,
    /// Quotations.
    pub quotes: Vec<RecordQuote>,
}

/// The form of a name actors are merged by: lower case, dots dropped (`U.S.` = `US`),
/// whitespace collapsed. Two people merge only when their whole canonical names agree, so
/// `Sara Netanyahu` never merges with `Benjamin Netanyahu`.
pub fn normalize_name(name: &str) -> String {
    if !name.is_ascii() {
        // `str::to_lowercase` knows the cases one character cannot tell (a final sigma).
        let lower = name.to_lowercase().replace(['.', '\u{2019}'], "");
        return lower.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    // The same in one pass for the usual ASCII name.
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for b in name.bytes() {
        match b {
            b'.' => {}
            _ if b.is_ascii_whitespace() || b == 0x0b => gap = !out.is_empty(),
            _ => {
                if gap {
                    out.push(' ');
                    gap = false;
                }
                out.push(b.to_ascii_lowercase() as char);
            }
        }
    }
    out
}

/// The JSON string a unit enum value serializes to (`person`, `direct`), without quotes.
fn lower_json<T: serde::Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string(v).unwrap_or_default();
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        s.pop();
        s.remove(0);
        s
    } else {
        String::new()
    }
}

impl ArticleRecord {
    /// Flattens a processed document.
    pub fn from_document(doc: &Document) -> Self {
        let mut view = newsgraph_core::json::view(doc);
        // The text has its own column; the stored contract leaves it out, and the text of
        // each span too (stores put both back when reading, see `crate::fill_texts`): the
        // contract repeats the article's words about twice over in blocks, mentions and
        // quotations, which made it 2.5 times the text and its serializing a third of the
        // cost of turning a document into a record.
        view.text = "";
        blank_span_texts(&mut view);
        let document_json = stored_json(&mut view);
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
        let mut mention_count = 0;
        for m in &doc.mentions {
            let Some(a) = m.actor else { continue };
            mention_count += 1;
            if m.kind == MentionKind::Name {
                let text = doc.slice(m.span);
                let aliases = &mut actors[a.0 as usize].aliases;
                if !aliases.iter().any(|x| x == text) {
                    aliases.push(text.to_string());
                }
            }
        }
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
            hash: sha1_hex(doc.text.as_bytes()),
            document_json,
            event_count: doc.events.len(),
            mention_count,
            actors,
            quotes,
        }
    }
}

/// The stored JSON of a document's view (span texts blanked): what `serde_json` writes,
/// but the actors and their mentions (the bulk of it) and the structure's blocks written
/// here. `MentionOut` and `BlockOut` flatten their span, and serde serializes a flattened
/// struct as a map, key by key (blocks: 81 allocations per NAEB article): that made
/// serializing a third of the cost of turning a document into a record.
fn stored_json(view: &mut newsgraph_core::json::DocumentOut<'_>) -> String {
    use newsgraph_core::json::StructureOut;
    let actors = std::mem::take(&mut view.actors);
    let empty = || StructureOut {
        title: None,
        body: Vec::new(),
        captions: Vec::new(),
        credits: Vec::new(),
        signature: None,
        datelines: Vec::new(),
        boilerplate: Vec::new(),
    };
    let structure = std::mem::replace(&mut view.structure, empty());
    let json = serde_json::to_string(&*view).expect("the JSON view serializes");
    view.actors = actors;
    view.structure = structure;
    // The only `"structure":{...}` and `"actors":[]` outside a string: inside one, their
    // quotes would be escaped.
    let empty_structure = format!(
        "\"structure\":{}",
        serde_json::to_string(&empty()).expect("a structure serializes")
    );
    let s_at = json
        .find(&empty_structure)
        .expect("the view has a structure");
    let a_at = json
        .find("\"actors\":[]")
        .expect("the view has an actors list")
        + "\"actors\":[".len();
    assert!(s_at < a_at, "the structure comes before the actors");
    let mut out = Vec::with_capacity(json.len() + 1024 + view.actors.len() * 200);
    out.extend_from_slice(&json.as_bytes()[..s_at]);
    write_structure(&mut out, &view.structure);
    out.extend_from_slice(&json.as_bytes()[s_at + empty_structure.len()..a_at]);
    write_actors(&mut out, &view.actors);
    out.extend_from_slice(&json.as_bytes()[a_at..]);
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// `"structure":{...}` as serde writes it, span texts left empty (they are blanked in the
/// stored view).
fn write_structure(out: &mut Vec<u8>, s: &newsgraph_core::json::StructureOut<'_>) {
    use newsgraph_core::json::{BlockOut, SpanText};
    fn span(out: &mut Vec<u8>, sp: &SpanText<'_>) {
        debug_assert!(sp.text.is_empty());
        out.extend_from_slice(b"\"start\":");
        value(out, &sp.start);
        out.extend_from_slice(b",\"end\":");
        value(out, &sp.end);
        out.extend_from_slice(b",\"text\":\"\"");
    }
    fn block(out: &mut Vec<u8>, b: &BlockOut<'_>) {
        out.push(b'{');
        span(out, &b.span);
        for (name, part) in [
            (&b",\"who\":{"[..], &b.who),
            (&b",\"agency\":{"[..], &b.agency),
            (&b",\"place\":{"[..], &b.place),
        ] {
            if let Some(p) = part {
                out.extend_from_slice(name);
                span(out, p);
                out.push(b'}');
            }
        }
        out.push(b'}');
    }
    fn one(out: &mut Vec<u8>, b: &Option<BlockOut<'_>>) {
        match b {
            Some(b) => block(out, b),
            None => out.extend_from_slice(b"null"),
        }
    }
    fn list(out: &mut Vec<u8>, bs: &[BlockOut<'_>]) {
        out.push(b'[');
        for (i, b) in bs.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            block(out, b);
        }
        out.push(b']');
    }
    out.extend_from_slice(b"\"structure\":{\"title\":");
    one(out, &s.title);
    out.extend_from_slice(b",\"body\":");
    list(out, &s.body);
    out.extend_from_slice(b",\"captions\":");
    list(out, &s.captions);
    out.extend_from_slice(b",\"credits\":");
    list(out, &s.credits);
    out.extend_from_slice(b",\"signature\":");
    one(out, &s.signature);
    out.extend_from_slice(b",\"datelines\":");
    list(out, &s.datelines);
    out.extend_from_slice(b",\"boilerplate\":");
    list(out, &s.boilerplate);
    out.push(b'}');
}

/// The actors of a view as JSON list items (without the brackets), as serde writes them,
/// span texts left empty (they are blanked in the stored view).
fn write_actors(out: &mut Vec<u8>, actors: &[newsgraph_core::json::ActorOut<'_>]) {
    // The JSON of each mention kind met so far (serde's names, written once each).
    let mut kinds: Vec<(newsgraph_core::MentionKind, Vec<u8>)> = Vec::new();
    for (i, a) in actors.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"id\":");
        value(out, &a.id);
        out.extend_from_slice(b",\"name\":");
        value(out, &a.name);
        out.extend_from_slice(b",\"kind\":");
        value(out, &a.kind);
        out.extend_from_slice(b",\"titles\":");
        value(out, &a.titles);
        out.extend_from_slice(b",\"country\":");
        value(out, &a.country);
        if let Some(sector) = a.sector {
            out.extend_from_slice(b",\"sector\":");
            value(out, &sector);
        }
        if let Some(code) = &a.code {
            out.extend_from_slice(b",\"code\":");
            value(out, code);
        }
        out.extend_from_slice(b",\"mentions\":[");
        for (j, m) in a.mentions.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            debug_assert!(m.span.text.is_empty());
            out.extend_from_slice(b"{\"start\":");
            value(out, &m.span.start);
            out.extend_from_slice(b",\"end\":");
            value(out, &m.span.end);
            out.extend_from_slice(b",\"text\":\"\",\"kind\":");
            let kind = match kinds.iter().position(|(k, _)| *k == m.kind) {
                Some(k) => k,
                None => {
                    kinds.push((
                        m.kind,
                        serde_json::to_vec(&m.kind).expect("a kind serializes"),
                    ));
                    kinds.len() - 1
                }
            };
            out.extend_from_slice(&kinds[kind].1);
            out.push(b'}');
        }
        out.extend_from_slice(b"]}");
    }
}

/// One JSON value written by serde_json into a byte buffer.
fn value<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    serde_json::to_writer(out, v).expect("a JSON value serializes");
}

/// SHA-1 of `bytes` in lower-case hex: an article's content identity.
pub(crate) fn sha1_hex(bytes: &[u8]) -> String {
    use sha1::Digest;
    let digest = sha1::Sha1::digest(bytes);
    let mut out = String::with_capacity(40);
    for b in digest.iter() {
        out.push(char::from_digit((b >> 4) as u32, 16).expect("a nibble"));
        out.push(char::from_digit((b & 15) as u32, 16).expect("a nibble"));
    }
    out
}

/// Empties the `text` of every span of the contract that has `start` and `end` (blocks and
/// their parts, mentions, quotations, speaker mentions, cues): they are slices of the
/// article text, put back by [`crate::fill_texts`] when the document is read.
fn blank_span_texts(view: &mut newsgraph_core::json::DocumentOut<'_>) {
    use newsgraph_core::json::BlockOut;
    fn block(b: &mut BlockOut<'_>) {
        b.span.text = "";
        for part in [&mut b.who, &mut b.agency, &mut b.place]
            .into_iter()
            .flatten()
        {
            part.text = "";
        }
    }
    let s = &mut view.structure;
    s.title.iter_mut().for_each(block);
    s.signature.iter_mut().for_each(block);
    for list in [
        &mut s.body,
        &mut s.captions,
        &mut s.credits,
        &mut s.datelines,
        &mut s.boilerplate,
    ] {
        list.iter_mut().for_each(block);
    }
    for a in &mut view.actors {
        for m in &mut a.mentions {
            m.span.text = "";
        }
    }
    for q in &mut view.quotes {
        q.text = "";
        if q.cue.is_some() {
            q.cue = Some("");
        }
        if let Some(m) = &mut q.speaker_mention {
            m.text = "";
        }
    }
}

/// The aliases and titles the store keeps on article actor `i`'s link row: when several
/// article actors are one store actor (`ids`, parallel to `actors`), the first of them carries
/// the names of all, each once, and the others none.
pub(crate) fn names_of<'a>(
    actors: &'a [RecordActor],
    ids: &[i64],
    i: usize,
) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut aliases, mut titles) = (Vec::new(), Vec::new());
    if ids[..i].contains(&ids[i]) {
        return (aliases, titles);
    }
    for (a, _) in actors[i..]
        .iter()
        .zip(&ids[i..])
        .filter(|(_, id)| **id == ids[i])
    {
        for x in &a.aliases {
            if !aliases.contains(&x.as_str()) {
                aliases.push(x.as_str());
            }
        }
        for x in &a.titles {
            if !titles.contains(&x.as_str()) {
                titles.push(x.as_str());
            }
        }
    }
    (aliases, titles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha1_is_sha1() {
        // Known digests (FIPS 180 "abc"; Python's hashlib for the second): stored hashes of
        // schema 1, written with another SHA-1 implementation, still identify the texts.
        assert_eq!(sha1_hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(
            sha1_hex("Kirby said \u{201c}no.\u{201d}".as_bytes()),
            "77dd7b312f05919f9d497ed5dd159e5f9a026357"
        );
    }

    /// The stored JSON is byte for byte what serde writes for the same (blanked) view:
    /// actors with and without country, sector and code, names and titles that need
    /// escaping, mentions of every kind, an actor without mentions; blocks of every kind,
    /// with and without who, agency and place.
    #[test]
    fn stored_json_is_what_serde_writes() {
        use newsgraph_core::{
            Actor, ActorCode, ActorId, ActorKind, Block, BlockKind, Document, Mention, MentionKind,
            Span,
        };
        let text = "John \"Kirby\" said he and the U.S. officials met Hamas in Doha.";
        let mut d = Document::new(text);
        d.meta.source = "test \"quoted\" \u{1F}".into();
        d.meta.title = Some("A title".into());
        let actor = |i: u32, name: &str, kind, country: Option<&str>| Actor {
            id: ActorId(i),
            name: name.into(),
            kind,
            titles: if i == 0 {
                vec!["spokes\"man\\".into(), "admiral".into()]
            } else {
                Vec::new()
            },
            country: country.map(str::to_string),
        };
        d.actors = vec![
            actor(0, "John \"Kirby\"", ActorKind::Person, Some("USA")),
            actor(1, "U.S. officials", ActorKind::Group, None),
            actor(2, "Hamas", ActorKind::Organization, None),
            actor(3, "Doha", ActorKind::Place, Some("QAT")),
        ];
        d.actor_codes = vec![
            ActorCode {
                country: Some("USA".into()),
                sector: Some("GOV".into()),
                org: None,
            },
            ActorCode::default(),
            ActorCode {
                country: None,
                sector: Some("REB".into()),
                org: None,
            },
        ];
        let m = |start: usize, end: usize, kind, actor: Option<u32>| Mention {
            span: Span::new(start, end),
            kind,
            actor: actor.map(ActorId),
        };
        d.mentions = vec![
            m(0, 13, MentionKind::Name, Some(0)),
            m(19, 21, MentionKind::Pronoun, Some(0)),
            m(30, 34, MentionKind::Nationality, Some(1)),
            m(26, 44, MentionKind::Nominal, Some(1)),
            m(49, 54, MentionKind::Name, None),
        ];
        type Part = Option<(usize, usize)>;
        let block = |kind, span: (usize, usize), who: Part, agency: Part, place: Part| Block {
            kind,
            span: Span::new(span.0, span.1),
            who: who.map(|(s, e)| Span::new(s, e)),
            agency: agency.map(|(s, e)| Span::new(s, e)),
            place: place.map(|(s, e)| Span::new(s, e)),
        };
        let no: Part = None;
        d.blocks = vec![
            block(BlockKind::Title, (0, 4), no, no, no),
            block(
                BlockKind::Dateline,
                (0, 12),
                no,
                Some((5, 12)),
                Some((0, 4)),
            ),
            block(BlockKind::Body, (0, 30), no, no, no),
            block(BlockKind::Body, (31, 62), no, no, no),
            block(BlockKind::Caption, (13, 17), no, no, no),
            block(
                BlockKind::Credit,
                (18, 30),
                Some((18, 22)),
                Some((23, 30)),
                no,
            ),
            block(BlockKind::Signature, (49, 54), Some((49, 50)), no, no),
            block(BlockKind::Boilerplate, (58, 62), no, no, no),
        ];
        let mut view = newsgraph_core::json::view(&d);
        view.text = "";
        blank_span_texts(&mut view);
        let serde = serde_json::to_string(&view).unwrap();
        assert!(serde.contains("\"who\":{") && serde.contains("\"place\":{"));
        assert_eq!(stored_json(&mut view), serde);
        // And with no actor at all.
        let d = Document::new("Nothing here.");
        let mut view = newsgraph_core::json::view(&d);
        blank_span_texts(&mut view);
        let serde = serde_json::to_string(&view).unwrap();
        assert_eq!(stored_json(&mut view), serde);
    }

    #[test]
    fn names_normalize_as_before() {
        // The one-pass ASCII path gives the keys stored actors were merged by before.
        let before = |name: &str| {
            let lower = name.to_lowercase().replace(['.', '\u{2019}'], "");
            lower.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        for name in [
            "",
            " ",
            ".",
            " John  Kirby ",
            "U.S.",
            "U. S. Army",
            "\tA\nB\rC\x0bD\x0cE",
            "O'Neill",
            "Sara Netanyahu.",
            "  . .  X",
            "Ali Ba\u{2019}ath",
            "\u{039F}\u{0394}\u{03A3} \u{03A3}",
            "Ren\u{00C9}e\u{00A0}Smith",
        ] {
            assert_eq!(normalize_name(name), before(name), "{name:?}");
        }
        assert_eq!(lower_json(&newsgraph_core::ActorKind::Person), "person");
        assert_eq!(lower_json(&newsgraph_core::QuoteKind::Mixed), "mixed");
    }

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
