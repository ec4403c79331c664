//! The [`Document`]: one article's immutable text and one layer of spans per kind of fact.

use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Where a document came from and what its metadata says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Stable identifier (file name, JSONL `id`, WARC record id, ...).
    pub id: String,
    /// The input it was read from (a path, `-` for stdin, `file.warc.gz@1234`).
    pub source: String,
    /// Canonical URL when known.
    pub url: Option<String>,
    /// Publication date (ISO 8601, `YYYY-MM-DD`) when known.
    pub date: Option<String>,
    /// Headline given by the source's metadata (HTML `<h1>`, `og:title`, JSON-LD, JSONL `title`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Authors named by the page (byline, `author` meta tags, JSON-LD), in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Language of the page (BCP 47 tag as the page gives it, e.g. `en-US`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The page's `<link rel=canonical>` (or `og:url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// The publication's name (`og:site_name`, JSON-LD publisher).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// When the page was fetched (a WARC record's `WARC-Date`, ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
}

/// A map from offsets in [`Document::text`] back to byte offsets in the source the text was
/// extracted from (an HTML page): one entry per run of text copied from the source, sorted by
/// text offset. Text between two entries came from the source after the first entry's source
/// offset; whitespace is collapsed in the text, so inside a run the map is approximate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMap {
    /// `(text_offset, source_offset)` pairs, sorted by `text_offset` (and by `source_offset`).
    pub runs: Vec<(u32, u32)>,
}

impl SourceMap {
    /// The source byte offset of the run holding text offset `offset`, plus the distance
    /// into the run (exact when the run had no entities or collapsed whitespace). `None` when
    /// the map is empty or the offset precedes every run.
    pub fn source_offset(&self, offset: u32) -> Option<u32> {
        let i = self.runs.partition_point(|r| r.0 <= offset);
        let (t, s) = *self.runs.get(i.checked_sub(1)?)?;
        Some(s + (offset - t))
    }

    /// True when no run is recorded (the text is the source itself or no map was kept).
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

/// What a block of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The headline.
    Title,
    /// A paragraph of the article body.
    Body,
    /// A photo caption.
    Caption,
    /// A photo credit (`Photo: Jacquelyn Martin / AP`).
    Credit,
    /// The author / agency signature (`lpz/dpa`, `-- AFP`).
    Signature,
    /// A dateline with its agency tag (`WASHINGTON (AP) --`).
    Dateline,
    /// Web boilerplate kept out of the body (`Enlarge image`, `Advertisement`).
    Boilerplate,
}

/// A block of article structure. Blocks are sorted by start and never overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's text, trimmed of surrounding whitespace.
    pub span: Span,
    /// Credits: the photographer; signatures: the author or initials.
    pub who: Option<Span>,
    /// Credits, signatures and datelines: the agency (`AP`, `dpa`, `Reuters`).
    pub agency: Option<Span>,
    /// Datelines: the place (`WASHINGTON`).
    pub place: Option<Span>,
}

impl Block {
    /// A block with no parts.
    pub fn new(kind: BlockKind, span: Span) -> Block {
        Block {
            kind,
            span,
            who: None,
            agency: None,
            place: None,
        }
    }
}

/// What a token is, as far as the tokenizer can tell without a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods (`U.S.`, `don't`).
    Word,
    /// Digits with separators (`1,000`, `3.5`, `2024-03-25`).
    Number,
    /// A quotation mark of any style (`"`, `“`, `”`, `‘`, `’`, `«`, `»`, `„`, `'`).
    Quote,
    /// A dash (`-`, `--`, `–`, `—`) standing alone.
    Dash,
    /// An ellipsis (`...`, `…`).
    Ellipsis,
    /// Other punctuation.
    Punct,
    /// Anything else (symbols, emoji, currency).
    Symbol,
}

/// A token: a span and its kind. Tokens are sorted, never overlap, and lie inside sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// The token's bytes.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

/// Declares a tag enum with its CoNLL-U spelling, `as_str`, `parse` and `ALL`.
macro_rules! tagset {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum $name { $($(#[$vm])* $v),* }

        impl $name {
            /// Every tag, in declaration order (`ALL[t as usize] == t`).
            pub const ALL: &'static [$name] = &[$($name::$v),*];
            /// The tag as written in CoNLL-U.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),* }
            }
            /// The tag written `s` in CoNLL-U, if it is one.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$v),)* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

tagset! {
    /// A Universal Dependencies part-of-speech tag (UPOS).
    Upos {
        /// Adjective.
        Adj = "ADJ",
        /// Adposition.
        Adp = "ADP",
        /// Adverb.
        Adv = "ADV",
        /// Auxiliary.
        Aux = "AUX",
        /// Coordinating conjunction.
        Cconj = "CCONJ",
        /// Determiner.
        Det = "DET",
        /// Interjection.
        Intj = "INTJ",
        /// Noun.
        Noun = "NOUN",
        /// Numeral.
        Num = "NUM",
        /// Particle.
        Part = "PART",
        /// Pronoun.
        Pron = "PRON",
        /// Proper noun.
        Propn = "PROPN",
        /// Punctuation.
        Punct = "PUNCT",
        /// Subordinating conjunction.
        Sconj = "SCONJ",
        /// Symbol.
        Sym = "SYM",
        /// Verb.
        Verb = "VERB",
        /// Other.
        X = "X",
    }
}

tagset! {
    /// A Penn Treebank part-of-speech tag, as extended in the English Web Treebank (XPOS).
    Xpos {
        /// `$`
        Dollar = "$",
        /// Opening quotation mark.
        OpenQuote = "``",
        /// Closing quotation mark.
        CloseQuote = "''",
        /// Comma.
        Comma = ",",
        /// Left bracket.
        Lrb = "-LRB-",
        /// Right bracket.
        Rrb = "-RRB-",
        /// Sentence-final punctuation.
        Period = ".",
        /// Colon, semicolon, dash, ellipsis.
        Colon = ":",
        /// Address (URL, e-mail).
        Add = "ADD",
        /// Affix.
        Afx = "AFX",
        /// Coordinating conjunction.
        Cc = "CC",
        /// Cardinal number.
        Cd = "CD",
        /// Determiner.
        Dt = "DT",
        /// Existential there.
        Ex = "EX",
        /// Foreign word.
        Fw = "FW",
        /// Goes-with (split word).
        Gw = "GW",
        /// Hyphen.
        Hyph = "HYPH",
        /// Preposition or subordinating conjunction.
        In = "IN",
        /// Adjective.
        Jj = "JJ",
        /// Comparative adjective.
        Jjr = "JJR",
        /// Superlative adjective.
        Jjs = "JJS",
        /// List item marker.
        Ls = "LS",
        /// Modal.
        Md = "MD",
        /// Superfluous punctuation.
        Nfp = "NFP",
        /// Singular or mass noun.
        Nn = "NN",
        /// Singular proper noun.
        Nnp = "NNP",
        /// Plural proper noun.
        Nnps = "NNPS",
        /// Plural noun.
        Nns = "NNS",
        /// Predeterminer.
        Pdt = "PDT",
        /// Possessive ending.
        Pos = "POS",
        /// Personal pronoun.
        Prp = "PRP",
        /// Possessive pronoun.
        PrpS = "PRP$",
        /// Adverb.
        Rb = "RB",
        /// Comparative adverb.
        Rbr = "RBR",
        /// Superlative adverb.
        Rbs = "RBS",
        /// Particle.
        Rp = "RP",
        /// Symbol.
        Sym = "SYM",
        /// `to`.
        To = "TO",
        /// Interjection.
        Uh = "UH",
        /// Verb, base form.
        Vb = "VB",
        /// Verb, past tense.
        Vbd = "VBD",
        /// Verb, gerund or present participle.
        Vbg = "VBG",
        /// Verb, past participle.
        Vbn = "VBN",
        /// Verb, non-3rd person singular present.
        Vbp = "VBP",
        /// Verb, 3rd person singular present.
        Vbz = "VBZ",
        /// Wh-determiner.
        Wdt = "WDT",
        /// Wh-pronoun.
        Wp = "WP",
        /// Possessive wh-pronoun.
        WpS = "WP$",
        /// Wh-adverb.
        Wrb = "WRB",
        /// Unknown.
        Xx = "XX",
    }
}

/// The part-of-speech tags of one token (`Document::pos[i]` belongs to `Document::tokens[i]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Pos {
    /// Universal POS.
    pub upos: Upos,
    /// Penn Treebank POS.
    pub xpos: Xpos,
}

/// The type of a named entity found by a tagger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityLabel {
    /// A person.
    Person,
    /// An organization.
    Organization,
    /// A location or geo-political entity.
    Location,
    /// A nationality or demonym word (`Israeli`).
    Nationality,
    /// Another name (events, works, nationalities not recognised as such).
    Misc,
}

/// A named entity: a span of whole tokens and its type. Entities are sorted and never overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The entity's bytes.
    pub span: Span,
    /// Its type.
    pub label: EntityLabel,
}

/// Index of an actor in [`Document::actors`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ActorId(pub u32);

/// What an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A person.
    Person,
    /// An organization, institution, company, agency, party.
    Organization,
    /// A country (or its government when it acts).
    Country,
    /// A city, region or other place.
    Place,
    /// A group of people (`the Israelis`, `protesters`).
    Group,
}

/// What a mention is, grammatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name (`John Kirby`, `Kirby`, `the United States`, `USA`).
    Name,
    /// A nationality or demonym word (`Israeli`, `Israelis`).
    Nationality,
    /// A pronoun (`he`, `she`, `they`).
    Pronoun,
    /// A common-noun description (`the spokesman`, `the prime minister`).
    Nominal,
}

/// A mention of an actor in the text. Mentions are sorted by start; they may nest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The mention's bytes (the name only, without the title).
    pub span: Span,
    /// Name, nationality, pronoun or nominal.
    pub kind: MentionKind,
    /// The actor it refers to, once resolved.
    pub actor: Option<ActorId>,
}

/// A real-world actor: all its mentions merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Its index in [`Document::actors`].
    pub id: ActorId,
    /// Canonical name (`John Kirby`, `United States`, `UN Security Council`).
    pub name: String,
    /// Person, organization, country, place or group.
    pub kind: ActorKind,
    /// Titles and roles read from the text (`National Security Council Communications
    /// Director`, `photographer`), as spans into the text or as lexicon words.
    pub titles: Vec<String>,
    /// ISO 3166 alpha-3 country code when known.
    pub country: Option<String>,
}

/// How a quotation reports speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words between quote marks.
    Direct,
    /// Reported speech without quote marks (`Kirby said the office ...`).
    Indirect,
    /// Reported speech containing a quoted part.
    Mixed,
}

/// A quotation: what was said, by whom, with which cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The quoted content, without the outer quote marks.
    pub span: Span,
    /// The speaker, when attributed.
    pub speaker: Option<ActorId>,
    /// The mention of the speaker that attributes this quote (`he`, `Kirby`), if any.
    pub speaker_mention: Option<Span>,
    /// The cue (`said`, `emphasized`, `according to`, the `:` of a caption).
    pub cue: Option<Span>,
}

/// Event-coding codes of one actor (`Document::actor_codes[i]` belongs to `actors[i]`), in
/// the CAMEO style: a country (ISO 3166 alpha-3, or `IGO` for an international
/// organisation), a sector (`GOV`, `MIL`, `LEG`, `JUD`, `POL`, `IGO`, `NGO`, `MED`, `BUS`,
/// `REB`, `CVL`, ...) and, for international organisations, an organisation code (`UNO`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorCode {
    /// ISO 3166 alpha-3 code, or `IGO`.
    pub country: Option<String>,
    /// Sector, when the text tells.
    pub sector: Option<String>,
    /// Organisation code of an international organisation (`UNO`, `EUR`, `NATO`).
    pub org: Option<String>,
}

impl ActorCode {
    /// The joined code: country then organisation or sector (`ISRGOV`, `IGOUNO`, `USA`);
    /// `None` when nothing is known.
    pub fn code(&self) -> Option<String> {
        let mut s = self.country.clone().unwrap_or_default();
        if let Some(x) = self.org.as_deref().or(self.sector.as_deref()) {
            if s != x {
                s.push_str(x);
            }
        }
        (!s.is_empty()).then_some(s)
    }
}

/// A PLOVER event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    /// Agree, sign an agreement.
    Agree,
    /// Meet, talk, visit, negotiate.
    Consult,
    /// Express support, praise, endorse.
    Support,
    /// Make a concession, ease restrictions, release.
    Concede,
    /// Cooperate materially or diplomatically.
    Cooperate,
    /// Give aid.
    Aid,
    /// Withdraw, retreat.
    Retreat,
    /// Ask, demand, call for, appeal.
    Request,
    /// Accuse, blame, criticise.
    Accuse,
    /// Reject, refuse, deny, veto.
    Reject,
    /// Threaten, warn.
    Threaten,
    /// Protest, demonstrate.
    Protest,
    /// Sanction, cut ties, cancel, expel.
    Sanction,
    /// Mobilise, deploy, put on alert.
    Mobilize,
    /// Arrest, detain, seize, restrict.
    Coerce,
    /// Attack, strike, kill.
    Assault,
}

impl EventType {
    /// Every type, in PLOVER order.
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    /// The PLOVER name (`SANCTION`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// The type named `s` (PLOVER name, any case).
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the text asserts an event, plans it, supposes it, or reports someone's claim of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact.
    #[default]
    Asserted,
    /// Planned, scheduled, intended (`planned to fly`, `will meet`).
    Planned,
    /// Possible or conditional (`could happen`, `would talk`).
    Hypothetical,
    /// Reported as someone's claim (inside reported speech about another actor).
    Claimed,
}

/// An event: who did what to whom, when and where, with the words that say so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// PLOVER type.
    pub kind: EventType,
    /// PLOVER mode where the ontology defines one (`cancel-visit`, `ceasefire`).
    pub mode: Option<String>,
    /// CAMEO root code (`01`..`20`).
    pub cameo: String,
    /// Goldstein value of the CAMEO code (-10..10).
    pub goldstein: f32,
    /// Who acts.
    pub source: Option<ActorId>,
    /// Who is acted upon.
    pub target: Option<ActorId>,
    /// `YYYY-MM-DD`, or a range `YYYY-MM-DD/YYYY-MM-DD`, when the text gives a time.
    pub date: Option<String>,
    /// The time expression the date was resolved from (`On Monday`).
    pub date_text: Option<Span>,
    /// Where, when the text says (`in Rafah`).
    pub place: Option<ActorId>,
    /// The text says it did not happen (`had not spoken`).
    pub negated: bool,
    /// Asserted, planned, hypothetical or claimed.
    pub modality: Modality,
    /// The triggering words (`canceled`, `calling for`).
    pub trigger: Span,
    /// The sentence that says so.
    pub evidence: Span,
    /// Index in `quotes` when the event is stated inside a quotation.
    pub quote: Option<u32>,
}

/// A problem found in the input that did not stop processing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable machine-readable code (`empty-document`, `unclosed-quote`).
    pub code: &'static str,
    /// Where, when it is a place in the text.
    pub span: Option<Span>,
    /// Human-readable explanation.
    pub message: String,
}

/// One article: its text, which never changes once read, and layers of spans into it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The article text all offsets index (UTF-8, byte offsets).
    pub text: String,
    /// Metadata.
    pub meta: Meta,
    /// Article structure, sorted, non-overlapping.
    pub blocks: Vec<Block>,
    /// Sentences, sorted, non-overlapping, inside title/body/caption blocks.
    pub sentences: Vec<Span>,
    /// Tokens, sorted, non-overlapping, inside sentences.
    pub tokens: Vec<Token>,
    /// Part-of-speech tags, parallel to `tokens` (empty until a tagger ran).
    pub pos: Vec<Pos>,
    /// Named entities found by a tagger, sorted, non-overlapping.
    pub entities: Vec<Entity>,
    /// Mentions of actors, sorted by (start, end).
    pub mentions: Vec<Mention>,
    /// Actors; `actors[i].id == ActorId(i)`.
    pub actors: Vec<Actor>,
    /// Quotations, sorted by start.
    pub quotes: Vec<Quote>,
    /// Event-coding codes of actors, parallel to `actors` (empty until events are coded).
    pub actor_codes: Vec<ActorCode>,
    /// Events (who did what to whom), sorted by trigger start.
    pub events: Vec<Event>,
    /// Problems found along the way.
    pub diagnostics: Vec<Diagnostic>,
    /// Where each run of `text` came from in the source (HTML pages); empty for plain text,
    /// whose offsets are the source's own.
    pub source_map: SourceMap,
}

/// A broken layer invariant, found by [`Document::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub String);

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Document {
    /// A document over `text` with no layers filled.
    pub fn new(text: impl Into<String>) -> Document {
        Document {
            text: text.into(),
            ..Document::default()
        }
    }

    /// The text of a span.
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// A span from byte offsets, or `None` when out of bounds or not on char boundaries.
    pub fn span(&self, start: usize, end: usize) -> Option<Span> {
        (start <= end
            && end <= self.text.len()
            && self.text.is_char_boundary(start)
            && self.text.is_char_boundary(end))
        .then(|| Span::new(start, end))
    }

    /// The actor with this id.
    #[inline]
    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[id.0 as usize]
    }

    /// Blocks of one kind, in order.
    pub fn blocks_of(&self, kind: BlockKind) -> impl Iterator<Item = &Block> + '_ {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }

    /// The block that contains a byte offset, if any.
    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let i = self
            .blocks
            .partition_point(|b| (b.span.end as usize) <= offset);
        self.blocks
            .get(i)
            .filter(|b| b.span.contains_offset(offset))
    }

    /// Index of the first token that ends after `offset` (binary search).
    pub fn token_index_at(&self, offset: usize) -> usize {
        self.tokens
            .partition_point(|t| (t.span.end as usize) <= offset)
    }

    /// The tokens inside a span.
    pub fn tokens_in(&self, span: Span) -> &[Token] {
        let a = self.tokens.partition_point(|t| t.span.start < span.start);
        let b = self.tokens.partition_point(|t| t.span.end <= span.end);
        &self.tokens[a..b.max(a)]
    }

    /// Index of the sentence containing a byte offset, if any.
    pub fn sentence_index_at(&self, offset: usize) -> Option<usize> {
        let i = self
            .sentences
            .partition_point(|s| (s.end as usize) <= offset);
        (i < self.sentences.len() && self.sentences[i].contains_offset(offset)).then_some(i)
    }

    /// Records a diagnostic.
    pub fn diagnose(&mut self, code: &'static str, span: Option<Span>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            code,
            span,
            message: message.into(),
        });
    }

    /// Checks every layer's invariants: spans in bounds and on char boundaries, layers
    /// sorted, blocks and tokens non-overlapping, ids in range. Tests call it after every stage.
    pub fn validate(&self) -> Result<(), Invalid> {
        let check = |what: &str, s: Span| -> Result<(), Invalid> {
            if self.span(s.start as usize, s.end as usize).is_none() {
                return Err(Invalid(format!(
                    "{what} {}..{} is out of bounds or not on a char boundary (text is {} bytes)",
                    s.start,
                    s.end,
                    self.text.len()
                )));
            }
            Ok(())
        };
        let disjoint_sorted = |what: &str, spans: &mut dyn Iterator<Item = Span>| {
            let mut prev_end = 0u32;
            for s in spans {
                check(what, s)?;
                if s.start < prev_end {
                    return Err(Invalid(format!(
                        "{what} {}..{} overlaps or precedes the previous one (ending at {prev_end})",
                        s.start, s.end
                    )));
                }
                prev_end = s.end;
            }
            Ok::<(), Invalid>(())
        };
        disjoint_sorted("block", &mut self.blocks.iter().map(|b| b.span))?;
        for b in &self.blocks {
            for part in [b.who, b.agency, b.place].into_iter().flatten() {
                check("block part", part)?;
                if !b.span.contains(part) {
                    return Err(Invalid(format!(
                        "block part {}..{} outside its block",
                        part.start, part.end
                    )));
                }
            }
        }
        disjoint_sorted("sentence", &mut self.sentences.iter().copied())?;
        disjoint_sorted("token", &mut self.tokens.iter().map(|t| t.span))?;
        if !self.pos.is_empty() && self.pos.len() != self.tokens.len() {
            return Err(Invalid(format!(
                "{} part-of-speech tags for {} tokens (the layer must be empty or parallel to tokens)",
                self.pos.len(),
                self.tokens.len()
            )));
        }
        disjoint_sorted("entity", &mut self.entities.iter().map(|e| e.span))?;
        let mut prev = Span::default();
        for m in &self.mentions {
            check("mention", m.span)?;
            if m.span < prev {
                return Err(Invalid(format!(
                    "mention {}..{} out of order",
                    m.span.start, m.span.end
                )));
            }
            prev = m.span;
            if let Some(a) = m.actor {
                if a.0 as usize >= self.actors.len() {
                    return Err(Invalid(format!("mention refers to missing actor {}", a.0)));
                }
            }
        }
        for (i, a) in self.actors.iter().enumerate() {
            if a.id.0 as usize != i {
                return Err(Invalid(format!("actor at index {i} has id {}", a.id.0)));
            }
        }
        let mut prev_start = 0u32;
        for q in &self.quotes {
            check("quote", q.span)?;
            if q.span.start < prev_start {
                return Err(Invalid(format!(
                    "quote {}..{} out of order",
                    q.span.start, q.span.end
                )));
            }
            prev_start = q.span.start;
            for s in [q.cue, q.speaker_mention].into_iter().flatten() {
                check("quote cue/speaker", s)?;
            }
            if let Some(a) = q.speaker {
                if a.0 as usize >= self.actors.len() {
                    return Err(Invalid(format!("quote refers to missing actor {}", a.0)));
                }
            }
        }
        if !self.actor_codes.is_empty() && self.actor_codes.len() != self.actors.len() {
            return Err(Invalid(format!(
                "{} actor codes for {} actors (the layer must be empty or parallel to actors)",
                self.actor_codes.len(),
                self.actors.len()
            )));
        }
        let mut prev_start = 0u32;
        for e in &self.events {
            check("event trigger", e.trigger)?;
            check("event evidence", e.evidence)?;
            if let Some(s) = e.date_text {
                check("event date text", s)?;
            }
            if e.trigger.start < prev_start {
                return Err(Invalid(format!(
                    "event trigger {}..{} out of order",
                    e.trigger.start, e.trigger.end
                )));
            }
            prev_start = e.trigger.start;
            if !e.evidence.contains(e.trigger) {
                return Err(Invalid(format!(
                    "event trigger {}..{} outside its evidence {}..{}",
                    e.trigger.start, e.trigger.end, e.evidence.start, e.evidence.end
                )));
            }
            for a in [e.source, e.target, e.place].into_iter().flatten() {
                if a.0 as usize >= self.actors.len() {
                    return Err(Invalid(format!("event refers to missing actor {}", a.0)));
                }
            }
            if let Some(q) = e.quote {
                if q as usize >= self.quotes.len() {
                    return Err(Invalid(format!("event refers to missing quote {q}")));
                }
            }
        }
        for d in &self.diagnostics {
            if let Some(s) = d.span {
                check("diagnostic", s)?;
            }
        }
        Ok(())
    }
}

/// Asserts that a span's text equals the expected string, with a readable message.
#[macro_export]
macro_rules! assert_span {
    ($doc:expr, $span:expr, $expected:expr) => {{
        let span: $crate::Span = $span;
        assert_eq!(
            &$doc.text[span.range()],
            $expected,
            "span {}..{} does not hold the expected text",
            span.start,
            span.end
        );
    }};
}
