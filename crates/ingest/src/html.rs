//! HTML pages to articles: main text, structure and metadata.
//!
//! [`extract`] parses a page with html5ever (through `scraper`'s DOM), a full WHATWG
//! parser, so that misnested and unclosed markup gives the tree a browser would build. Then:
//!
//! 1. The page is walked once. Every block-level element (`p`, `div`, `li`, `h2`,
//!    `figcaption`, ...) closes a paragraph of inline text. Hidden elements, scripts, forms
//!    controls, navigation and `aside`s are skipped; elements whose `class`/`id` names web
//!    furniture (`share`, `related`, `newsletter`, `cookie`, `comments`, ...) mark their
//!    paragraphs as boilerplate. Metadata is read on the way: `<title>`, `<meta>` tags
//!    (Open Graph, Dublin Core, `article:*`, Parsely, Sailthru), `<link rel=canonical>`,
//!    `<html lang>`, `<time>`, bylines and JSON-LD.
//! 2. The main container is chosen by a text-density score (as Readability does): every
//!    paragraph of real prose (long enough, few links, commas) scores for its block and,
//!    halved, for the blocks above it; the best block and its siblings that scored well form
//!    the article. When the page's JSON-LD carries an `articleBody` that agrees with the page,
//!    the paragraphs it covers decide instead.
//!    The selection is then cleaned by general rules: one article per headline when a page
//!    streams several (`h1`s in separate wrappers), sections opened by a furniture heading
//!    (`8 Comments`, `Related`, `Editors' picks`; `data/section_labels.txt`) dropped with
//!    their container, teaser cards (in a list item or a small box of their own), embedded
//!    posts and repeated paragraphs dropped (also from a JSON-LD-chosen body), the
//!    standfirst or lede under the headline (past a byline and a photo) added. Author bios
//!    (`bio` classes), disclosures, republication and editor's notes, follow prompts and
//!    bare time stamps are not body. Text inside `itemprop="articleBody"` stays even when a
//!    paywall hides it; elsewhere hidden elements (attribute, style, `hidden` class) are
//!    skipped. A furniture mark over most of the page's prose is lifted, except a cookie or
//!    privacy dialog's.
//! 3. The article's paragraphs (title first, then body paragraphs, captions and credits in
//!    page order, separated by blank lines) become the document's text; the plain-text
//!    structure rules ([`crate::TextStructure`]) classify datelines, signatures, credit parts
//!    and boilerplate lines inside it, and what the markup says (title, `figcaption`) wins.
//!
//! Before parsing, the contents of `<script>`, `<style>` and `<svg>` elements and comments
//! are cut out (JSON-LD scripts are kept aside first): they hold three quarters of a news
//! page's bytes and no article text, and html5ever would copy them into the tree. A list of
//! kept segments maps offsets back to the page.
//!
//! Offsets: [`Extraction::source_map`] maps each run of text back to the byte offset in the
//! page (in the decoded UTF-8 page; for UTF-8 pages these are the file's own bytes).

use crate::input::Limits;
use crate::structure::TextStructure;
use newsgraph_core::{Block, BlockKind, Document, Error, ErrorKind, Meta, Result, SourceMap, Span};
use scraper::node::Node;
use std::borrow::Cow;

/// What the extractor read from a page.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The article text: title, then paragraphs separated by blank lines.
    pub text: String,
    /// Article structure over `text`.
    pub blocks: Vec<Block>,
    /// Title, authors, date, language, canonical URL, site name (`url` = canonical URL).
    pub meta: Meta,
    /// Text offsets back to byte offsets of the (decoded) page.
    pub source_map: SourceMap,
    /// The spans of the article's body paragraphs in `text` (datelines included), in order.
    pub body: Vec<Span>,
}

impl Extraction {
    /// The body paragraphs joined by newlines (what extraction benchmarks score).
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for s in &self.body {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&self.text[s.range()]);
        }
        out
    }

    /// Makes a document of the extraction, blocks already filled.
    pub fn into_document(self) -> Document {
        let mut doc = Document::new(self.text);
        doc.blocks = self.blocks;
        doc.meta = self.meta;
        doc.source_map = self.source_map;
        doc
    }
}

/// True when bytes look like an HTML page: after a byte-order mark, whitespace and comments,
/// they open with `<!doctype html` or `<html`, or an `<html` / `<head` / `<body` tag appears
/// in the first kilobyte.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let mut b = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    loop {
        while let Some((c, rest)) = b.split_first() {
            if c.is_ascii_whitespace() {
                b = rest;
            } else {
                break;
            }
        }
        if b.starts_with(b"<!--") {
            match memchr::memmem::find(b, b"-->") {
                Some(e) => b = &b[e + 3..],
                None => return false,
            }
        } else {
            break;
        }
    }
    if starts_with_ci(b, b"<!doctype html") || starts_with_ci(b, b"<html") {
        return true;
    }
    let head = &b[..b.len().min(1024)];
    [&b"<html"[..], b"<head", b"<body"]
        .iter()
        .any(|t| find_ci(head, 0, t).is_some())
}

/// Decodes a page: byte-order mark, then the charset given by the transport (HTTP
/// `Content-Type`), then a `<meta charset>` in the first 4 KiB, then UTF-8 (invalid bytes
/// become U+FFFD). Borrows when the page is valid UTF-8.
pub fn decode<'b>(
    bytes: &'b [u8],
    charset_hint: Option<&str>,
) -> (Cow<'b, str>, &'static encoding_rs::Encoding) {
    use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
    let (enc, bom) = match Encoding::for_bom(bytes) {
        Some((e, n)) => (e, n),
        None => {
            let from_hint = charset_hint.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
            let e = from_hint
                .or_else(|| meta_charset(&bytes[..bytes.len().min(4096)]))
                .unwrap_or(UTF_8);
            // A page cannot declare UTF-16 in its own ASCII markup (HTML spec, 13.2.3.2).
            let e = if (e == UTF_16LE || e == UTF_16BE) && from_hint.is_none() {
                UTF_8
            } else {
                e
            };
            (e, 0)
        }
    };
    let body = &bytes[bom..];
    if enc == UTF_8 {
        if let Ok(s) = std::str::from_utf8(body) {
            return (Cow::Borrowed(s), enc);
        }
    }
    let (s, _) = enc.decode_without_bom_handling(body);
    (s, enc)
}

fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let mut from = 0;
    while let Some(p) = find_ci(head, from, b"charset") {
        from = p + 7;
        let mut i = from;
        while i < head.len()
            && (head[i] == b' ' || head[i] == b'=' || head[i] == b'"' || head[i] == b'\'')
        {
            i += 1;
        }
        let start = i;
        while i < head.len() && (head[i].is_ascii_alphanumeric() || b"-_:.".contains(&head[i])) {
            i += 1;
        }
        if i > start {
            if let Some(e) = encoding_rs::Encoding::for_label(&head[start..i]) {
                return Some(e);
            }
        }
    }
    None
}

/// Reads an HTML page into a document with blocks, metadata and a source map. `source`
/// names the input in errors and becomes `meta.source`.
pub fn html_document(
    bytes: &[u8],
    source: &str,
    limits: Limits,
    charset_hint: Option<&str>,
) -> Result<Document> {
    let fail = |kind, msg: String| Error::new(kind, msg).with_path(source);
    if bytes.len() > limits.max_bytes {
        return Err(fail(
            ErrorKind::TooLarge,
            format!(
                "page is {} bytes, above the limit of {} bytes for one article; raise --max-bytes",
                bytes.len(),
                limits.max_bytes
            ),
        ));
    }
    let (html, _) = decode(bytes, charset_hint);
    let ex = extract(&html);
    if ex.text.trim().is_empty() {
        return Err(fail(
            ErrorKind::Empty,
            "the page has no visible text: nothing to read (is it a script-only page or an error page?)".into(),
        ));
    }
    let mut doc = ex.into_document();
    doc.meta.source = source.to_string();
    doc.meta.id = std::path::Path::new(source)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.to_string());
    Ok(doc)
}

/// A page read from a container (a WARC record, a JSON Lines line) whose extraction is left
/// to the caller, so that it can run on another thread: [`HtmlPage::read`] extracts it and
/// applies the metadata the container gave.
#[derive(Debug, Clone)]
pub struct HtmlPage {
    /// The page's bytes.
    pub bytes: Vec<u8>,
    /// Charset given by the container (HTTP header), if any.
    pub charset: Option<String>,
    /// `meta.source` of the document and the input named in errors.
    pub source: String,
    /// The input's path, for errors.
    pub path: String,
    /// Byte offset of the record or line in the input, for errors.
    pub offset: u64,
    /// Prefix of error messages (`line 3: `, `https://x.org/a: `).
    pub context: String,
    /// Metadata that replaces the page's own where set: `id`, `url`, `title`, `authors`,
    /// `fetched` and `date`.
    pub meta: Meta,
    /// Date used when neither `meta.date` nor the page gives one (the crawl date).
    pub date_fallback: Option<String>,
}

impl HtmlPage {
    /// Extracts the page into a document.
    pub fn read(self, limits: Limits) -> Result<Document> {
        let mut doc = html_document(&self.bytes, &self.source, limits, self.charset.as_deref())
            .map_err(|e| {
                Error::new(e.kind, format!("{}{}", self.context, e.message))
                    .with_path(&self.path)
                    .at(self.offset)
            })?;
        let m = self.meta;
        if !m.id.is_empty() {
            doc.meta.id = m.id;
        }
        doc.meta.source = self.source;
        doc.meta.url = m.url.or(doc.meta.url);
        doc.meta.title = m.title.or(doc.meta.title);
        if !m.authors.is_empty() {
            doc.meta.authors = m.authors;
        }
        doc.meta.fetched = m.fetched.or(doc.meta.fetched);
        doc.meta.date = m.date.or(doc.meta.date).or(self.date_fallback);
        Ok(doc)
    }
}

/// A document, or a page still to extract.
// Items are moved a few times on their way to a worker thread; boxing the document would
// add an allocation per item for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Pending {
    /// Read already (plain text).
    Ready(Document),
    /// An HTML page to extract ([`HtmlPage::read`]).
    Html(Box<HtmlPage>),
}

impl Pending {
    /// The document, extracting the page if needed.
    pub fn finish(self, limits: Limits) -> Result<Document> {
        match self {
            Pending::Ready(d) => Ok(d),
            Pending::Html(p) => p.read(limits),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Pre-stripping scripts, styles, SVG and comments.

struct Stripped {
    html: String,
    /// `(offset in html, offset in the page)` at the start of each kept segment.
    segs: Vec<(u32, u32)>,
    json_ld: Vec<String>,
}

impl Stripped {
    fn page_offset(&self, off: usize) -> u32 {
        let i = self.segs.partition_point(|s| s.0 as usize <= off);
        match i.checked_sub(1) {
            Some(i) => self.segs[i].1 + (off as u32 - self.segs[i].0),
            None => off as u32,
        }
    }
}

fn starts_with_ci(b: &[u8], pat: &[u8]) -> bool {
    b.len() >= pat.len() && b[..pat.len()].eq_ignore_ascii_case(pat)
}

/// First occurrence of an ASCII pattern (lowercase) at or after `from`, ignoring case.
fn find_ci(hay: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    let first = pat[0];
    let mut i = from;
    while i < hay.len() {
        let p = i + memchr::memchr2(first, first.to_ascii_uppercase(), &hay[i..])?;
        if starts_with_ci(&hay[p..], pat) {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

/// End of a start tag beginning at `p` (index after its `>`), aware of quoted values.
fn tag_end(b: &[u8], p: usize) -> usize {
    let mut i = p + 1;
    let mut quote = 0u8;
    while i < b.len() {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

/// Attributes kept on elements (what [`Attrs`] reads, plus `charset` and `type`).
fn kept_attribute(name: &[u8], tag: &[u8]) -> bool {
    let is = |x: &[u8]| name.eq_ignore_ascii_case(x);
    let tag_is = |x: &[u8]| tag.eq_ignore_ascii_case(x);
    is(b"class")
        || is(b"id")
        || is(b"itemprop")
        || is(b"rel")
        || is(b"datetime")
        || is(b"lang")
        || is(b"xml:lang")
        || is(b"hidden")
        || is(b"aria-hidden")
        || is(b"style")
        || is(b"charset")
        || is(b"type")
        || is(b"content")
        || ((is(b"name") || is(b"property") || is(b"http-equiv")) && tag_is(b"meta"))
        || (is(b"href") && tag_is(b"link"))
}

/// Scans the start tag at `p`, calling `cut(a, b)` for each attribute to drop; returns the
/// index after the tag.
fn drop_attributes(src: &str, p: usize, cut: &mut dyn FnMut(usize, usize)) -> usize {
    let b = src.as_bytes();
    let mut i = p + 1;
    while i < b.len() && !(b[i].is_ascii_whitespace() || b[i] == b'>' || b[i] == b'/') {
        i += 1;
    }
    let tag = &b[p + 1..i];
    loop {
        let attr_start = i;
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return b.len();
        }
        if b[i] == b'>' {
            return i + 1;
        }
        let name_start = i;
        i += 1; // a name may start with `=`
        while i < b.len()
            && !(b[i].is_ascii_whitespace() || b[i] == b'>' || b[i] == b'/' || b[i] == b'=')
        {
            i += 1;
        }
        let name = &b[name_start..i];
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                j = memchr::memchr(q, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e + 1);
            } else {
                while j < b.len() && !(b[j].is_ascii_whitespace() || b[j] == b'>') {
                    j += 1;
                }
            }
            i = j;
        }
        if !kept_attribute(name, tag)
            && src.is_char_boundary(attr_start)
            && src.is_char_boundary(i.min(b.len()))
        {
            cut(attr_start, i.min(b.len()));
        }
    }
}

fn prestrip(src: &str) -> Stripped {
    let b = src.as_bytes();
    let mut out = Stripped {
        html: String::with_capacity(src.len() / 3),
        segs: Vec::new(),
        json_ld: Vec::new(),
    };
    let mut keep_from = 0usize;
    let mut i = 0usize;
    let cut = |out: &mut Stripped, keep_from: &mut usize, a: usize, b_: usize| {
        if a > *keep_from {
            out.segs.push((out.html.len() as u32, *keep_from as u32));
            out.html.push_str(&src[*keep_from..a]);
        }
        *keep_from = b_;
    };
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let p = i + off;
        let rest = &b[p..];
        if rest.starts_with(b"<!--") {
            let end = memchr::memmem::find(&rest[4..], b"-->").map_or(b.len(), |e| p + 4 + e + 3);
            cut(&mut out, &mut keep_from, p, end);
            i = end;
            continue;
        }
        let raw_text = [&b"script"[..], b"style", b"svg"].iter().any(|n| {
            starts_with_ci(&rest[1..], n)
                && rest
                    .get(1 + n.len())
                    .is_none_or(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
        });
        if rest.len() > 1 && rest[1].is_ascii_alphabetic() && !raw_text {
            // An ordinary start tag: drop the attributes nothing reads (srcset, data-*,
            // onclick, ...); they are most of a page's markup and the parser copies them.
            i = drop_attributes(src, p, &mut |a, b_| cut(&mut out, &mut keep_from, a, b_));
            continue;
        }
        let name: &[u8] = if starts_with_ci(&rest[1..], b"script") {
            b"script"
        } else if starts_with_ci(&rest[1..], b"style") {
            b"style"
        } else if starts_with_ci(&rest[1..], b"svg") {
            b"svg"
        } else {
            i = p + 1;
            continue;
        };
        let after = rest.get(1 + name.len()).copied().unwrap_or(b'>');
        if !(after.is_ascii_whitespace() || after == b'>' || after == b'/') {
            i = p + 1;
            continue;
        }
        let open_end = tag_end(b, p);
        let mut close_pat = Vec::with_capacity(name.len() + 2);
        close_pat.extend_from_slice(b"</");
        close_pat.extend_from_slice(name);
        let close = find_ci(b, open_end, &close_pat).unwrap_or(b.len());
        if name == b"script" && find_ci(&b[p..open_end], 0, b"ld+json").is_some() {
            out.json_ld.push(src[open_end..close].to_string());
        }
        if name == b"svg" {
            let end = if close < b.len() {
                tag_end(b, close)
            } else {
                close
            };
            cut(&mut out, &mut keep_from, p, end);
            i = end;
        } else {
            // Keep the tags so the parser sees the element; drop what is inside.
            cut(&mut out, &mut keep_from, open_end, close);
            i = close.min(b.len());
            if i >= b.len() {
                break;
            }
            i += 1;
        }
    }
    if keep_from < src.len() {
        out.segs.push((out.html.len() as u32, keep_from as u32));
        out.html.push_str(&src[keep_from..]);
    }
    out
}

// ---------------------------------------------------------------------------------------
// The walk.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Heading(u8),
    Caption,
    Credit,
    Byline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    Li,
    Quote,
    Pre,
    Td,
    Other,
}

struct Elem {
    parent: u32,
    score: f32,
    weight: f32,
}

struct Para {
    text: String,
    link: u32,
    /// The nearest block element.
    block: u32,
    tag: Tag,
    role: Role,
    /// Outermost furniture element above, if any.
    boiler: Option<u32>,
    /// `(offset in text, offset in the page)`.
    anchors: Vec<(u32, u32)>,
}

#[derive(Clone, Copy)]
struct Ctx {
    block: u32,
    tag: Tag,
    link: bool,
    role: Role,
    boiler: Option<u32>,
    /// Inside the element the page marks as its article body (`itemprop="articleBody"`).
    in_body: bool,
}

/// A date seen in the page's markup: a `<time datetime>` or the text of a date element.
struct Seen {
    text: String,
    /// Paragraphs read before it (its position among the paragraphs).
    at: u32,
    /// Marked as the time of an update (`class="...modified..."`, `Updated Dec 3`).
    updated: bool,
}

#[derive(Default)]
struct MetaFound {
    lang: Option<String>,
    title_tag: Option<String>,
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    times: Vec<Seen>,
    bylines: Vec<String>,
    h1: Vec<(String, u32)>,
    /// Text of small elements whose class names a date (`date`, `time`, `published`).
    date_texts: Vec<Seen>,
}

impl MetaFound {
    fn meta(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }
}

struct Walker<'a> {
    src: &'a Stripped,
    cursor: usize,
    elems: Vec<Elem>,
    paras: Vec<Para>,
    cur: Para,
    pending_space: bool,
    found: MetaFound,
    /// Furniture roots whose class or id names a cookie or privacy dialog.
    consent: Vec<u32>,
}

fn is_block(name: &str) -> Option<Tag> {
    Some(match name {
        "p" => Tag::P,
        "li" | "dd" | "dt" => Tag::Li,
        "blockquote" => Tag::Quote,
        "pre" => Tag::Pre,
        "td" | "th" => Tag::Td,
        "div" | "section" | "article" | "main" | "header" | "footer" | "ul" | "ol" | "dl"
        | "table" | "tbody" | "thead" | "tfoot" | "tr" | "figure" | "figcaption" | "h1" | "h2"
        | "h3" | "h4" | "h5" | "h6" | "hr" | "address" | "details" | "summary" | "center"
        | "body" | "html" | "fieldset" | "caption" | "picture" | "hgroup" => Tag::Other,
        _ => return None,
    })
}

fn skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "nav"
            | "aside"
            | "button"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "label"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "head"
            | "dialog"
            | "menu"
            | "math"
            | "form"
            | "footer"
    )
}

/// Words in a `class` or `id` that name web furniture, not article text (matched inside
/// each class name, folded to lowercase).
const FURNITURE: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscri",
    "signup",
    "sign-up",
    "cookie",
    "consent",
    "banner",
    "advert",
    "sponsor",
    "promo",
    "sidebar",
    "breadcrumb",
    "navbar",
    "popup",
    "modal",
    "recirc",
    "recommend",
    "outbrain",
    "taboola",
    "trending",
    "most-popular",
    "mostpopular",
    "donat",
    "paywall",
    "toolbar",
    "skip-link",
    "visually-hidden",
    "sr-only",
    "screen-reader",
    "footer",
    "masthead",
    "widget",
    "more-from",
    "read-more",
    "readmore",
    "also-read",
    "see-also",
    "tag-list",
    "taglist",
    "author-bio",
    "disclaimer",
    "playlist",
    "lightbox",
    "slideshow",
    "carousel",
    "timestamp",
    "newsletter",
    "nav-",
    "-nav",
    "menu",
    "twitter-tweet",
    "instagram-media",
    "tiktok-embed",
    "social-embed",
    "pullquote",
    "pull-quote",
];

/// Classification of an element's class and id.
#[derive(Default, Clone, Copy)]
struct ClassInfo {
    furniture: bool,
    caption: bool,
    credit: bool,
    byline: bool,
    positive: bool,
}

/// The attributes the extractor reads, gathered in one pass (`Element::attr` interns its
/// argument on every call).
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    style: Option<&'a str>,
    itemprop: Option<&'a str>,
    rel: Option<&'a str>,
    content: Option<&'a str>,
    datetime: Option<&'a str>,
    lang: Option<&'a str>,
    property: Option<&'a str>,
    name: Option<&'a str>,
    href: Option<&'a str>,
    http_equiv: Option<&'a str>,
    hidden: bool,
    /// Hidden by a class or inline style only (not by `hidden` / `aria-hidden`).
    style_hidden_only: bool,
}

impl<'a> Attrs<'a> {
    fn of(el: &'a scraper::node::Element) -> Attrs<'a> {
        let mut a = Attrs::default();
        for (n, v) in el.attrs() {
            match n {
                "class" => a.class = Some(v),
                "id" => a.id = Some(v),
                "style" => a.style = Some(v),
                "itemprop" => a.itemprop = Some(v),
                "rel" => a.rel = Some(v),
                "content" => a.content = Some(v),
                "datetime" => a.datetime = Some(v),
                "lang" | "xml:lang" => a.lang = Some(v),
                "property" => a.property = Some(v),
                "name" => a.name = Some(v),
                "href" => a.href = Some(v),
                "http-equiv" => a.http_equiv = Some(v),
                "hidden" => a.hidden = true,
                "aria-hidden" => a.hidden |= v == "true",
                _ => {}
            }
        }
        let marked = a.hidden;
        // Utility classes that hide an element (`class="cli hidden"`): a banner the page's
        // scripts may show, not article text.
        if let Some(c) = a.class {
            a.hidden |= c.split_ascii_whitespace().any(|t| {
                ["hidden", "hide", "d-none", "is-hidden", "display-none"]
                    .iter()
                    .any(|h| t.eq_ignore_ascii_case(h))
            });
        }
        if let Some(st) = a.style {
            let st = st.to_ascii_lowercase().replace(' ', "");
            a.hidden |= st.contains("display:none") || st.contains("visibility:hidden");
        }
        a.style_hidden_only = a.hidden && !marked;
        a
    }
}

fn furniture_matcher() -> &'static aho_corasick::AhoCorasick {
    static M: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(FURNITURE)
            .expect("furniture words build")
    })
}

/// A furniture word in a class name. `subscriber-only`, `subscriber-content` name who may
/// read the text (a paywalled article), not a subscription prompt.
fn furniture_word(t: &str) -> bool {
    furniture_matcher().find_iter(t).any(|m| {
        !(FURNITURE[m.pattern().as_usize()] == "subscri"
            && starts_with_ci(&t.as_bytes()[m.start()..], b"subscriber"))
    })
}

fn class_info(a: &Attrs) -> ClassInfo {
    let mut ci = ClassInfo::default();
    let mut check = |t: &str| {
        let has = |w: &str| {
            t.as_bytes()
                .windows(w.len())
                .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
        };
        if has("caption") {
            ci.caption = true;
        } else if bio_class(t) {
            // An author's biography (`author-bio__description`, `author-content_bio`): about
            // the writer, not the story, even though it names the author.
            ci.furniture = true;
        } else if has("credit") || has("copyright") || has("attribution") {
            ci.credit = true;
        } else if has("byline") || has("author") {
            ci.byline = true;
        } else if t.eq_ignore_ascii_case("ad")
            || t.eq_ignore_ascii_case("ads")
            || starts_with_ci(t.as_bytes(), b"ad-")
            || starts_with_ci(t.as_bytes(), b"ad_")
            || (t.len() > 3 && t.as_bytes()[t.len() - 3..].eq_ignore_ascii_case(b"-ad"))
            || has("-ad-")
            || has("-ads")
            || (furniture_word(t)
                && !has("body")
                // `has-sidebar`, `with-comments`, `no-ads`: the element's layout, not furniture.
                && !(starts_with_ci(t.as_bytes(), b"has")
                    || starts_with_ci(t.as_bytes(), b"with")
                    || starts_with_ci(t.as_bytes(), b"no-")))
        {
            ci.furniture = true;
        } else if [
            "article", "story", "content", "body", "entry", "main", "post", "text",
        ]
        .iter()
        .any(|g| has(g))
        {
            ci.positive = true;
        }
    };
    if let Some(c) = a.class {
        c.split_ascii_whitespace().for_each(&mut check);
    }
    if let Some(id) = a.id {
        check(id);
    }
    ci
}

/// A class name with `bio` as one of its parts between `-` and `_`: `bio`,
/// `author-bio__text`, `author-content_bio`, `bios` (not `biography`, `symbiosis`).
fn bio_class(t: &str) -> bool {
    t.split(['-', '_'])
        .any(|w| w.eq_ignore_ascii_case("bio") || w.eq_ignore_ascii_case("bios"))
}

/// A class or id naming a cookie, consent or privacy dialog: a part of a name (between
/// spaces, `-` and `_`) opens with `cookie`, `consent`, `privacy` or `gdpr` (`privacy-modal`,
/// `cookie-banner`, `onetrust-consent-sdk`; not a page wrapper's `enableConsentCheck`).
fn consent_class(a: &Attrs) -> bool {
    [a.class, a.id].into_iter().flatten().any(|v| {
        v.split(|c: char| c.is_ascii_whitespace() || c == '-' || c == '_')
            .any(|part| {
                ["cookie", "consent", "privacy", "gdpr"]
                    .iter()
                    .any(|w| starts_with_ci(part.as_bytes(), w.as_bytes()))
            })
    })
}

/// A class or id naming the time of an update (`date-modified`, `updated-at`).
fn class_says_update(a: &Attrs) -> bool {
    [a.class, a.id].into_iter().flatten().any(|v| {
        find_ci(v.as_bytes(), 0, b"modif").is_some()
            || find_ci(v.as_bytes(), 0, b"updat").is_some()
            || find_ci(v.as_bytes(), 0, b"mod-time").is_some()
    })
}

/// A date text that gives the time of an update (`Updated Dec 13, 2023`).
fn says_update(t: &str) -> bool {
    let l = t.trim_start().as_bytes();
    starts_with_ci(l, b"updated")
        || starts_with_ci(l, b"last updated")
        || starts_with_ci(l, b"modified")
}

fn class_says_date(a: &Attrs) -> bool {
    [a.class, a.id].into_iter().flatten().any(|v| {
        find_ci(v.as_bytes(), 0, b"date").is_some()
            || find_ci(v.as_bytes(), 0, b"publish").is_some()
            || find_ci(v.as_bytes(), 0, b"timestamp").is_some()
    })
}

impl<'a> Walker<'a> {
    fn new_para(block: u32, tag: Tag, role: Role, boiler: Option<u32>) -> Para {
        Para {
            text: String::new(),
            link: 0,
            block,
            tag,
            role,
            boiler,
            anchors: Vec::new(),
        }
    }

    fn flush(&mut self, next: Ctx) {
        let p = std::mem::replace(
            &mut self.cur,
            Self::new_para(next.block, next.tag, next.role, next.boiler),
        );
        self.pending_space = false;
        if !p.text.is_empty() {
            self.paras.push(p);
        }
    }

    fn text(&mut self, raw: &str, ctx: Ctx) {
        if self.cur.text.is_empty() {
            // Paragraph attributes follow the context of its first text.
            self.cur.block = ctx.block;
            self.cur.tag = ctx.tag;
            self.cur.role = ctx.role;
            self.cur.boiler = ctx.boiler;
        }
        let trimmed = raw.trim_start();
        if trimmed.len() < raw.len() {
            self.pending_space = true;
        }
        if trimmed.is_empty() {
            return;
        }
        if self.pending_space && !self.cur.text.is_empty() {
            self.cur.text.push(' ');
        }
        self.pending_space = false;
        let before = self.cur.text.len();
        let mut space = false;
        // Anchors: at the node's first word and again after any character that may have
        // been written as an entity (non-ASCII, `&`, quotes), so offsets stay exact.
        let mut reanchor = true;
        let mut anchors = 0;
        for (i, c) in trimmed.char_indices() {
            if c.is_whitespace() {
                if space || c != ' ' {
                    reanchor = true; // collapsed whitespace shifts the offsets
                }
                space = true;
                continue;
            }
            if space {
                self.cur.text.push(' ');
                space = false;
            }
            if c.is_ascii_alphanumeric() {
                if reanchor && anchors < 8 {
                    let at = self.cur.text.len() as u32;
                    if self.anchor(&trimmed[i..], at) {
                        anchors += 1;
                    }
                }
                reanchor = false;
            } else if !c.is_ascii() || matches!(c, '&' | '"' | '\'' | '<' | '>') {
                reanchor = true;
            }
            self.cur.text.push(if c == '\u{a0}' { ' ' } else { c });
        }
        self.pending_space = space;
        if ctx.link {
            self.cur.link += (self.cur.text.len() - before) as u32;
        }
    }

    /// Finds where a piece of text starts in the page, searching forward from the last one.
    fn anchor(&mut self, text: &str, at: u32) -> bool {
        let probe_len = text
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == ' ' || c == ',' || c == '.'))
            .map_or(text.len(), |(i, _)| i)
            .min(32);
        if probe_len < 4 {
            return false;
        }
        let probe = &text.as_bytes()[..probe_len];
        let hay = self.src.html.as_bytes();
        let mut from = self.cursor;
        for _ in 0..4 {
            let window = &hay[from..hay.len().min(from + (256 << 10))];
            let Some(p) = memchr::memmem::find(window, probe) else {
                return false;
            };
            let pos = from + p;
            let before = &hay[self.cursor.max(pos.saturating_sub(4096))..pos];
            let lt = memchr::memrchr(b'<', before);
            let gt = memchr::memrchr(b'>', before);
            if lt.is_some() && (gt.is_none() || lt > gt) {
                from = pos + 1;
                continue;
            }
            self.cursor = pos + probe_len;
            self.cur.anchors.push((at, self.src.page_offset(pos)));
            return true;
        }
        false
    }

    fn walk(&mut self, node: ego_tree::NodeRef<'_, Node>, ctx: Ctx) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.text(&t.text, ctx),
                Node::Element(el) => self.element(child, el, ctx),
                _ => {}
            }
        }
    }

    fn element(
        &mut self,
        node: ego_tree::NodeRef<'_, Node>,
        el: &scraper::node::Element,
        ctx: Ctx,
    ) {
        let name = el.name();
        let at = Attrs::of(el);
        match name {
            "html" => {
                if let Some(l) = at.lang {
                    self.found.lang = Some(l.trim().to_string());
                }
            }
            "meta" => {
                let key = at.property.or(at.name).or(at.itemprop).or(at.http_equiv);
                if let (Some(k), Some(v)) = (key, at.content) {
                    if self.found.metas.len() < 400 {
                        self.found
                            .metas
                            .push((k.to_ascii_lowercase(), v.to_string()));
                    }
                }
                return;
            }
            "link" => {
                if let (Some(rel), Some(href)) = (at.rel, at.href) {
                    if rel.eq_ignore_ascii_case("canonical") && self.found.canonical.is_none() {
                        self.found.canonical = Some(href.trim().to_string());
                    }
                }
                return;
            }
            "title" => {
                if self.found.title_tag.is_none() {
                    self.found.title_tag = Some(collapse(&node_text(node, 1000)));
                }
                return;
            }
            "time" => {
                let t = collapse(&node_text(node, 120));
                let updated = class_says_update(&at) || says_update(&t);
                if let Some(dt) = at.datetime {
                    if self.found.times.len() < 20 {
                        self.found.times.push(Seen {
                            text: dt.to_string(),
                            at: self.paras.len() as u32,
                            updated,
                        });
                    }
                }
                if self.found.date_texts.len() < 10 && t.len() < 120 {
                    self.found.date_texts.push(Seen {
                        text: t,
                        at: self.paras.len() as u32,
                        updated,
                    });
                }
            }
            "br" => {
                self.flush(ctx);
                return;
            }
            "img" => return,
            _ => {}
        }
        if name == "head" {
            self.walk_head(node, ctx);
            return;
        }
        // A paywall hides the rest of the article from readers without a subscription
        // (`style="display:none"`), but the page still marks it as the article body.
        let hidden = at.hidden && !(ctx.in_body && at.style_hidden_only);
        if skipped(name) || hidden {
            if name == "footer" || name == "form" {
                // Bylines and times sometimes sit in an article footer; keep reading those.
                self.scan_meta_only(node);
            }
            return;
        }
        let ci = class_info(&at);
        if self.found.date_texts.len() < 10 && class_says_date(&at) {
            let t = node_text(node, 120);
            if t.len() < 120 {
                let t = collapse(&t);
                let at_para = self.paras.len() as u32;
                // A date inside an element that gives the update time (`<div
                // class="updated">Updated <span class="date">Dec. 23</span></div>`).
                let inside_update = self
                    .found
                    .date_texts
                    .iter()
                    .any(|d| d.at == at_para && d.updated && d.text.contains(t.as_str()));
                self.found.date_texts.push(Seen {
                    updated: inside_update || class_says_update(&at) || says_update(&t),
                    text: t,
                    at: at_para,
                });
            }
        }
        if at.itemprop == Some("author") || at.rel == Some("author") {
            let t = collapse(&node_text(node, 300));
            if !t.is_empty() && t.len() < 200 && self.found.bylines.len() < 20 {
                self.found.bylines.push(t);
            }
        }
        if at.itemprop == Some("datePublished") {
            if let Some(c) = at.content.or(at.datetime) {
                self.found
                    .metas
                    .push(("itemprop:datepublished".into(), c.to_string()));
            }
        }
        let block = is_block(name);
        let mut inner = ctx;
        if at.itemprop == Some("articleBody") {
            inner.in_body = true;
        }
        if let Some(tag) = block {
            let id = self.elems.len() as u32;
            let weight =
                if ci.positive { 10.0 } else { 0.0 } - if ci.furniture { 25.0 } else { 0.0 };
            self.elems.push(Elem {
                parent: ctx.block,
                score: 0.0,
                weight,
            });
            inner.block = id;
            if tag != Tag::Other || ctx.tag == Tag::Other {
                inner.tag = tag;
            }
            if let Some(l) = name.strip_prefix('h').and_then(|d| d.parse::<u8>().ok()) {
                if (1..=6).contains(&l) {
                    inner.role = Role::Heading(l);
                }
            }
        }
        let mut bad_root = matches!(name, "body" | "html" | "main" | "article");
        if !bad_root && (ci.caption || ci.credit || ci.byline) {
            // A class names a caption, credit or byline only on a small element; a wrapper
            // whose class mentions `author` holds the article, not a byline.
            let limit = if ci.caption { 800 } else { 300 };
            bad_root = node_text(node, limit).len() >= limit;
        }
        if name == "figcaption" || (ci.caption && !bad_root && ctx.role != Role::Credit) {
            inner.role = Role::Caption;
        }
        if ci.credit && !bad_root {
            inner.role = Role::Credit;
        }
        if ci.byline && !bad_root && ctx.role == Role::Body {
            inner.role = Role::Byline;
            let t = collapse(&node_text(node, 300));
            if !t.is_empty() && t.len() < 200 && self.found.bylines.len() < 20 {
                self.found.bylines.push(t);
            }
        }
        if ci.furniture && !bad_root && inner.boiler.is_none() {
            inner.boiler = Some(inner.block);
            if consent_class(&at) {
                self.consent.push(inner.block);
            }
        }
        if name == "a" {
            inner.link = true;
        }
        // Roles other than the enclosing one make their own paragraphs.
        let own_para = block.is_some() || inner.role != ctx.role;
        if own_para {
            self.flush(inner);
        }
        if name == "h1" {
            let t = collapse(&node_text(node, 1000));
            if !t.is_empty() {
                self.found.h1.push((t, self.paras.len() as u32));
            }
        }
        self.walk(node, inner);
        if own_para {
            self.flush(ctx);
        }
    }

    fn walk_head(&mut self, node: ego_tree::NodeRef<'_, Node>, ctx: Ctx) {
        for child in node.children() {
            if let Node::Element(el) = child.value() {
                if matches!(el.name(), "meta" | "link" | "title") {
                    self.element(child, el, ctx);
                }
            }
        }
    }

    fn scan_meta_only(&mut self, node: ego_tree::NodeRef<'_, Node>) {
        for d in node.descendants() {
            if let Node::Element(el) = d.value() {
                if el.name() == "time" {
                    if let Some(dt) = el.attr("datetime") {
                        self.found.times.push(Seen {
                            text: dt.to_string(),
                            at: self.paras.len() as u32,
                            updated: false,
                        });
                    }
                }
            }
        }
    }
}

fn node_text(node: ego_tree::NodeRef<'_, Node>, max: usize) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(&t.text);
            if s.len() > max {
                break;
            }
        }
        if let Node::Element(el) = d.value() {
            if matches!(el.name(), "p" | "div" | "br" | "li") {
                s.push(' ');
            }
        }
    }
    s
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.replace('\u{a0}', " ")
}

// ---------------------------------------------------------------------------------------
// Choosing the article.

fn is_prose(p: &Para) -> bool {
    p.role == Role::Body
        && p.text.len() >= 25
        && (p.link as usize) * 2 < p.text.len()
        && p.boiler.is_none()
}

struct Analysis {
    elems: Vec<Elem>,
    paras: Vec<Para>,
    found: MetaFound,
    ld: JsonLd,
}

fn analyze(stripped: &Stripped) -> Analysis {
    let dom = scraper::Html::parse_document(&stripped.html);
    let mut w = Walker {
        src: stripped,
        cursor: 0,
        elems: vec![Elem {
            parent: 0,
            score: 0.0,
            weight: 0.0,
        }],
        paras: Vec::new(),
        cur: Walker::new_para(0, Tag::Other, Role::Body, None),
        pending_space: false,
        found: MetaFound::default(),
        consent: Vec::new(),
    };
    let ctx = Ctx {
        block: 0,
        tag: Tag::Other,
        link: false,
        role: Role::Body,
        boiler: None,
        in_body: false,
    };
    w.walk(dom.tree.root(), ctx);
    w.flush(ctx);
    let Walker {
        elems,
        mut paras,
        found,
        consent,
        ..
    } = w;
    let ld = JsonLd::parse(&stripped.json_ld);

    // Furniture marks that would drop most of the page's prose are wrong (a wrapper whose
    // class happens to say `has-sidebar`): lift them. A cookie or privacy dialog's mark
    // stays: on a page with little text its notices are the longest prose there is.
    let total: usize = paras
        .iter()
        .filter(|p| p.role == Role::Body && p.text.len() >= 80 && p.tag == Tag::P)
        .map(|p| p.text.len())
        .sum();
    if total > 0 {
        let mut by_root: std::collections::HashMap<u32, usize> = Default::default();
        for p in &paras {
            if let Some(b) = p.boiler {
                if p.role == Role::Body && p.text.len() >= 80 && p.tag == Tag::P {
                    *by_root.entry(b).or_default() += p.text.len();
                }
            }
        }
        for p in &mut paras {
            if let Some(b) = p.boiler {
                if by_root.get(&b).is_some_and(|&n| n * 5 >= total * 2) && !consent.contains(&b) {
                    p.boiler = None;
                }
            }
        }
    }
    Analysis {
        elems,
        paras,
        found,
        ld,
    }
}

/// Extracts the article of a decoded page.
pub fn extract(html: &str) -> Extraction {
    let stripped = prestrip(html);
    let Analysis {
        mut elems,
        paras,
        found,
        ld,
    } = analyze(&stripped);
    let mut selected = select(&mut elems, &paras, &found, &ld);
    add_captions(&paras, &mut selected, &found);
    add_dek(&paras, &mut selected, &found);
    assemble(&paras, &selected, &found, &ld, html)
}

#[doc(hidden)]
pub fn prestrip_len(html: &str) -> usize {
    prestrip(html).html.len()
}

#[doc(hidden)]
pub fn parse_only(html: &str) -> usize {
    let s = prestrip(html);
    scraper::Html::parse_document(&s.html).tree.nodes().count()
}

/// One line per paragraph of the page (selected or not) with what the extractor saw; for
/// tuning (`cargo run --example extract_debug -- page.html`).
#[doc(hidden)]
pub fn debug(html: &str) -> String {
    let stripped = prestrip(html);
    let Analysis {
        mut elems,
        paras,
        found,
        ld,
    } = analyze(&stripped);
    let sel = select(&mut elems, &paras, &found, &ld);
    let seen = |v: &[Seen]| -> Vec<String> {
        v.iter()
            .map(|t| {
                format!(
                    "{}@{}{}",
                    t.text,
                    t.at,
                    if t.updated { " (updated)" } else { "" }
                )
            })
            .collect()
    };
    let mut out = format!(
        "json-ld body: {:?}\njson-ld date: {:?} modified {:?}\nmetas: {:?}\nbylines: {:?}\n\
         times: {:?}\ndate texts: {:?}\n",
        ld.body.as_ref().map(|b| b.len()),
        ld.date,
        ld.modified,
        found.metas.iter().take(60).collect::<Vec<_>>(),
        found.bylines,
        seen(&found.times),
        seen(&found.date_texts),
    );
    for (i, p) in paras.iter().enumerate() {
        let mut chain = vec![p.block];
        let mut e = p.block as usize;
        while e != 0 && chain.len() < 6 {
            e = elems[e].parent as usize;
            chain.push(e as u32);
        }
        out.push_str(&format!(
            "{} {:?} {:?} {:?} link {} boiler {:?} chain {:?} score {:.1} | {}\n",
            if sel.contains(&i) { "+" } else { "-" },
            p.tag,
            p.role,
            p.text.len(),
            p.link,
            p.boiler,
            chain,
            elems[p.block as usize].score,
            p.text.chars().take(90).collect::<String>()
        ));
    }
    out
}

/// Indices of the article's paragraphs.
fn select(elems: &mut [Elem], paras: &[Para], found: &MetaFound, ld: &JsonLd) -> Vec<usize> {
    let mut by_density = select_by_density(elems, paras);
    one_article(elems, paras, &mut by_density, found, ld);
    drop_end_sections(elems, paras, &mut by_density);
    drop_repeats(paras, &mut by_density);
    drop_cards(elems, paras, &mut by_density);
    drop_embedded_posts(elems, paras, &mut by_density);
    // A JSON-LD body decides only when it is the whole article: a teaser or a paywall
    // excerpt is much shorter than the prose the page shows.
    let words = |sel: &[usize]| -> usize {
        sel.iter()
            .map(|&i| paras[i].text.split_whitespace().count())
            .sum()
    };
    if let Some(body) = ld.body.as_deref() {
        if body.split_whitespace().count() * 10 >= words(&by_density) * 6 {
            if let Some(mut sel) = select_by_body(paras, body) {
                // The JSON-LD body of some sites holds what the page embeds in the text
                // (posts, link cards): the same rules drop them.
                drop_cards(elems, paras, &mut sel);
                drop_embedded_posts(elems, paras, &mut sel);
                return sel;
            }
        }
    }
    by_density
}

fn select_by_density(elems: &mut [Elem], paras: &[Para]) -> Vec<usize> {
    for p in paras.iter().filter(|p| is_prose(p)) {
        let commas = p.text.matches(',').count() as f32;
        let s = 1.0 + commas + (p.text.len() as f32 / 100.0).min(3.0);
        let s = if p.tag == Tag::P { s } else { s * 0.5 };
        // The paragraph's container scores, not the paragraph element itself.
        let mut e = elems[p.block as usize].parent as usize;
        let mut div = 1.0;
        for _ in 0..3 {
            elems[e].score += s / div;
            if e == 0 {
                break;
            }
            e = elems[e].parent as usize;
            div *= 2.0;
        }
    }
    // Link density of each element's text.
    let mut text_len = vec![0u32; elems.len()];
    let mut link_len = vec![0u32; elems.len()];
    for p in paras {
        let mut e = p.block as usize;
        loop {
            text_len[e] += p.text.len() as u32;
            link_len[e] += p.link;
            if e == 0 {
                break;
            }
            e = elems[e].parent as usize;
        }
    }
    let final_score = |i: usize, elems: &[Elem]| {
        let ld = if text_len[i] > 0 {
            link_len[i] as f32 / text_len[i] as f32
        } else {
            0.0
        };
        (elems[i].score
            + if elems[i].score > 0.0 {
                elems[i].weight
            } else {
                0.0
            })
            * (1.0 - ld)
    };
    let Some(top) = (1..elems.len())
        .filter(|&i| elems[i].score > 0.0)
        .max_by(|&a, &b| final_score(a, elems).total_cmp(&final_score(b, elems)))
    else {
        return Vec::new();
    };
    // Walk up while the parent holds clearly more prose: an article split into sections
    // (one container per subheading) scores each section apart.
    let mut prose = vec![0u32; elems.len()];
    for p in paras
        .iter()
        .filter(|p| is_prose(p) && p.tag == Tag::P && p.text.len() >= 60)
    {
        let mut e = p.block as usize;
        loop {
            prose[e] += p.text.len() as u32;
            if e == 0 {
                break;
            }
            e = elems[e].parent as usize;
        }
    }
    // Wrappers around single paragraphs hold no more prose than the paragraph: look a
    // few levels up for the ancestor that does.
    let mut top = top;
    'up: loop {
        let mut a = top;
        for _ in 0..4 {
            a = elems[a].parent as usize;
            if a == 0 {
                break 'up;
            }
            let ld = link_len[a] as f32 / text_len[a].max(1) as f32;
            if ld > 0.35 {
                break 'up;
            }
            if prose[a] * 4 >= prose[top] * 5 {
                top = a;
                continue 'up;
            }
        }
        break;
    }
    let top_score = final_score(top, elems);
    let parent = elems[top].parent as usize;
    let threshold = (top_score * 0.2).max(10.0);
    let mut chosen = vec![false; elems.len()];
    chosen[top] = true;
    for i in 1..elems.len() {
        if i != top && elems[i].parent as usize == parent && parent != top {
            let sc = final_score(i, elems);
            if sc >= threshold {
                chosen[i] = true;
            }
        }
    }
    // Propagate: an element is in the article when it or an ancestor is chosen (elements
    // are numbered in document order, parents first).
    let mut inside = chosen.clone();
    for i in 1..elems.len() {
        if inside[elems[i].parent as usize] {
            inside[i] = true;
        }
    }
    // Sibling paragraphs of prose directly under the parent (Readability keeps those).
    paras
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            inside[p.block as usize]
                || (p.tag == Tag::P
                    && elems[p.block as usize].parent as usize == parent
                    && p.text.len() > 80
                    && (p.link as usize) * 4 < p.text.len())
        })
        .filter(|(_, p)| keep(p))
        .map(|(i, _)| i)
        .collect()
}

/// Whether element `e` is `anc` or inside it (elements are numbered in document order,
/// parents first).
fn descends(elems: &[Elem], mut e: usize, anc: usize) -> bool {
    while e > anc {
        e = elems[e].parent as usize;
    }
    e == anc
}

/// The nearest element holding both `a` and `b`.
fn common_ancestor(elems: &[Elem], mut a: usize, mut b: usize) -> usize {
    while a != b {
        if a > b {
            a = elems[a].parent as usize;
        } else {
            b = elems[b].parent as usize;
        }
    }
    a
}

/// Pages that stream several articles (an infinite scroll, a feed of posts) put each under
/// its own `h1`. When the selection crosses two or more headlines that each lead a body of
/// prose, only the article under the headline that the page's metadata names (else the
/// first) is kept.
fn one_article(
    elems: &[Elem],
    paras: &[Para],
    sel: &mut Vec<usize>,
    found: &MetaFound,
    ld: &JsonLd,
) {
    let (Some(&first), Some(&last)) = (sel.first(), sel.last()) else {
        return;
    };
    // A headline opens another article only when it stands apart from the text before it:
    // an `h1` beside the paragraphs (a section heading written as `h1`) does not.
    let apart = |h: usize| {
        let Some(&prev) = sel.iter().rev().find(|&&i| i < h && is_prose(&paras[i])) else {
            return false;
        };
        let (pb, hb) = (paras[prev].block as usize, paras[h].block as usize);
        let lca = common_ancestor(elems, pb, hb);
        let mut e = pb;
        let mut depth = 0;
        while e != lca {
            e = elems[e].parent as usize;
            depth += 1;
        }
        depth >= 4
    };
    let heads: Vec<usize> = found
        .h1
        .iter()
        .map(|&(_, i)| i as usize)
        .filter(|&i| i > first && i <= last && i < paras.len() && apart(i))
        .collect();
    if heads.is_empty() {
        return;
    }
    // Segment k holds the selected paragraphs from its headline to the next one; segment 0
    // the ones before the first headline inside the selection.
    let seg_of = |i: usize| heads.partition_point(|&h| h <= i);
    let mut prose = vec![0usize; heads.len() + 1];
    for &i in sel.iter() {
        if is_prose(&paras[i]) {
            prose[seg_of(i)] += paras[i].text.len();
        }
    }
    if prose.iter().filter(|&&n| n >= 400).count() < 2 {
        return;
    }
    let refs: Vec<String> = [
        found.meta("og:title"),
        found.meta("twitter:title"),
        ld.headline.as_deref(),
        found.title_tag.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(norm_title)
    .filter(|s| s.len() >= 10)
    .collect();
    let names_page = |h: usize| {
        found
            .h1
            .iter()
            .find(|&&(_, i)| i as usize == h)
            .is_some_and(|(t, _)| {
                let n = norm_title(t);
                n.len() >= 10
                    && refs
                        .iter()
                        .any(|r| r.contains(&n) || n.contains(r.as_str()))
            })
    };
    let head_before_first = found
        .h1
        .iter()
        .map(|&(_, i)| i as usize)
        .filter(|&i| i <= first)
        .max();
    let keep = (0..prose.len())
        .filter(|&k| prose[k] >= 400)
        .find(|&k| {
            let h = if k == 0 {
                head_before_first
            } else {
                Some(heads[k - 1])
            };
            h.is_some_and(names_page)
        })
        .unwrap_or_else(|| (0..prose.len()).find(|&k| prose[k] >= 400).unwrap_or(0));
    sel.retain(|&i| seg_of(i) == keep);
}

fn section_labels() -> &'static (std::collections::HashSet<String>, Vec<String>) {
    static L: std::sync::OnceLock<(std::collections::HashSet<String>, Vec<String>)> =
        std::sync::OnceLock::new();
    L.get_or_init(|| {
        let (mut exact, mut prefix) = (std::collections::HashSet::new(), Vec::new());
        for line in include_str!("../data/section_labels.txt").lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            match l.strip_suffix('*') {
                Some(p) => prefix.push(fold_label(p)),
                None => {
                    exact.insert(fold_label(l));
                }
            }
        }
        (exact, prefix)
    })
}

/// Lowercase, digit runs as `0`, spaces collapsed, trailing `:`/`.`/`›`/`»` dropped.
fn fold_label(t: &str) -> String {
    let mut out = String::new();
    let mut digit = false;
    for c in t
        .trim()
        .trim_end_matches([':', '.', '\u{2026}', '\u{203a}', '\u{bb}', ' '])
        .chars()
    {
        if c.is_ascii_digit() {
            if !digit {
                out.push('0');
            }
            digit = true;
            continue;
        }
        digit = false;
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out.trim().to_string()
}

/// A heading that opens comments, related links or a tag list (`data/section_labels.txt`).
fn section_label(t: &str) -> bool {
    if t.len() > 80 || t.split_whitespace().count() > 6 {
        return false;
    }
    let f = fold_label(t);
    let (exact, prefix) = section_labels();
    exact.contains(&f)
        || prefix
            .iter()
            .any(|p| f.starts_with(p.as_str()) && f.as_bytes().get(p.len()) == Some(&b' '))
}

/// Drops the sections that a furniture heading opens inside the selection (comments,
/// related links): the heading, and after it what lies in the container it opens; a
/// heading standing in the article's flow takes the lists and teasers after it, up to the
/// next paragraph of article prose.
fn drop_end_sections(elems: &[Elem], paras: &[Para], sel: &mut Vec<usize>) {
    let (Some(&first), Some(&last)) = (sel.first(), sel.last()) else {
        return;
    };
    let mut drop = vec![false; last + 1];
    for li in first..=last {
        let l = &paras[li];
        if drop[li] || !section_label(&l.text) {
            continue;
        }
        drop[li] = true;
        let Some(&prev) = sel
            .iter()
            .rev()
            .find(|&&i| i < li && !drop[i] && paras[i].role == Role::Body && is_prose(&paras[i]))
        else {
            continue;
        };
        let lb = l.block as usize;
        let lca = common_ancestor(elems, paras[prev].block as usize, lb);
        let mut c = lb;
        while c != lca && elems[c].parent as usize != lca {
            c = elems[c].parent as usize;
        }
        if c == lca {
            continue;
        }
        if c == lb {
            for j in li + 1..=last {
                let p = &paras[j];
                if is_prose(p) && p.tag == Tag::P && elems[p.block as usize].parent as usize == lca
                {
                    break;
                }
                drop[j] = true;
            }
        } else {
            // Text right in the container, outside the labelled box, is the article's (an
            // unclosed box element makes the parser nest the text after it).
            for j in li + 1..=last {
                let b = paras[j].block as usize;
                if descends(elems, b, c) && !(b == c && is_prose(&paras[j])) {
                    drop[j] = true;
                }
            }
        }
    }
    sel.retain(|&i| !drop[i]);
}

/// Teaser cards in a list of other stories: a list item holding a headline that is all
/// link and, inside the same item, a summary. The summary is not the article's text.
fn drop_cards(elems: &[Elem], paras: &[Para], sel: &mut Vec<usize>) {
    let linked = |h: &Para| h.text.len() >= 20 && (h.link as usize) * 10 >= h.text.len() * 9;
    // A card of its own: the linked headline, perhaps a byline or date, and the summary in
    // a small box that holds nothing else (at most five paragraphs, all around these).
    let small_box = |j: usize, i: usize| {
        let a = common_ancestor(elems, paras[j].block as usize, paras[i].block as usize);
        let inside = |k: usize| descends(elems, paras[k].block as usize, a);
        let before = (j.saturating_sub(3)..j).filter(|&k| inside(k)).count();
        let after = (i + 1..(i + 4).min(paras.len()))
            .filter(|&k| inside(k))
            .count();
        before == 0 && after <= 1 && i - j <= 3
    };
    let card = |i: usize| {
        let p = &paras[i];
        p.role == Role::Body
            && p.link == 0
            && (i.saturating_sub(4)..i).any(|j| {
                let h = &paras[j];
                linked(h)
                    && h.block != p.block
                    && ((h.tag == Tag::Li && descends(elems, p.block as usize, h.block as usize))
                        || small_box(j, i))
            })
    };
    sel.retain(|&i| !card(i));
}

/// The signature line of an embedded social-media post: `— Name (@handle) December 8,
/// 2023`.
fn post_signature(t: &str) -> bool {
    let t = t.trim();
    if t.len() > 200
        || !(t.starts_with('\u{2014}') || t.starts_with("- ") || t.contains(" \u{2014} "))
    {
        return false;
    }
    let Some(at) = t.rfind("(@") else {
        return false;
    };
    let Some(close) = t[at..].find(')') else {
        return false;
    };
    let handle = &t[at + 2..at + close];
    !handle.is_empty()
        && handle
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && parse_date(&t[at + close..]).is_some()
}

/// Embedded posts (a tweet quoted in a `blockquote`): the signature line and the text of
/// the post it closes, which sits inside the same element.
fn drop_embedded_posts(elems: &[Elem], paras: &[Para], sel: &mut Vec<usize>) {
    let mut drop = Vec::new();
    for &i in sel.iter() {
        if post_signature(&paras[i].text) {
            let b = paras[i].block as usize;
            drop.push(i);
            drop.extend((i.saturating_sub(6)..i).filter(|&j| {
                paras[j].block as usize != b && descends(elems, paras[j].block as usize, b)
            }));
        }
    }
    if !drop.is_empty() {
        sel.retain(|i| !drop.contains(i));
    }
}

/// A paragraph shown twice (a summary above the text that repeats its first paragraph,
/// a teaser of the same story, with or without a dateline before it): only the fuller copy
/// stays, the first of equal ones.
fn drop_repeats(paras: &[Para], sel: &mut Vec<usize>) {
    let body: Vec<usize> = sel
        .iter()
        .copied()
        .filter(|&i| paras[i].role == Role::Body && paras[i].text.len() >= 100)
        .collect();
    if body.len() < 2 || body.len() > 400 {
        return;
    }
    let mut drop = Vec::new();
    for &i in &body {
        let t = paras[i].text.as_str();
        let repeated = body.iter().any(|&j| {
            let u = paras[j].text.as_str();
            j != i
                && (u.len() > t.len() || (u.len() == t.len() && j < i))
                && (u.ends_with(t) || u.starts_with(t))
        });
        if repeated {
            drop.push(i);
        }
    }
    sel.retain(|i| !drop.contains(i));
}

/// The standfirst (dek): a sentence right under the headline, above the article's text
/// container, that sums the story up. It is part of the article.
fn add_dek(paras: &[Para], sel: &mut Vec<usize>, found: &MetaFound) {
    let Some(&top) = sel.first() else {
        return;
    };
    let Some(h) = found
        .h1
        .iter()
        .map(|&(_, i)| i as usize)
        .filter(|&i| i < top && top - i <= 8)
        .max()
    else {
        return;
    };
    // The first paragraph of text (captions and credits above it may have joined already).
    let Some(&first) = sel
        .iter()
        .find(|&&i| !matches!(paras[i].role, Role::Caption | Role::Credit))
    else {
        return;
    };
    // Bylines, photo captions and credits may stand between the headline and the dek.
    let Some(j) = (h + 1..first).find(|&j| {
        !matches!(paras[j].role, Role::Byline | Role::Caption | Role::Credit)
            && paras[j].boiler.is_none()
    }) else {
        return;
    };
    let dek = (j..first.min(j + 3)).find(|&j| {
        let p = &paras[j];
        matches!(p.role, Role::Body | Role::Heading(2..=6))
            && p.link == 0
            && p.boiler.is_none()
            && p.text.len() < 400
            && p.text.split_whitespace().count() >= 6
            && parse_date(&p.text).is_none()
            && !says_update(&p.text)
            && !note_line(&p.text)
            && !starts_with_ci(p.text.as_bytes(), b"published")
            && !section_label(&p.text)
    });
    if let Some(j) = dek {
        let at = sel.partition_point(|&i| i < j);
        if sel.get(at) != Some(&j) {
            sel.insert(at, j);
        }
    }
}

/// Photo captions and credits between the headline (or the first body paragraph) and the
/// last body paragraph belong to the article even outside its text container.
fn add_captions(paras: &[Para], sel: &mut Vec<usize>, found: &MetaFound) {
    let (Some(&first), Some(&last)) = (sel.first(), sel.last()) else {
        return;
    };
    let lo = found
        .h1
        .iter()
        .map(|&(_, i)| i as usize)
        .filter(|&i| i <= first)
        .max()
        .unwrap_or(first);
    let mut add: Vec<usize> = (lo..last)
        .filter(|&i| {
            matches!(paras[i].role, Role::Caption | Role::Credit) && paras[i].text.len() < 600
        })
        .collect();
    if add.is_empty() {
        return;
    }
    add.extend_from_slice(sel);
    add.sort_unstable();
    add.dedup();
    *sel = add;
}

/// A line of at most three words that does not end a sentence: a label, counter or button
/// text left in the article container (`View All`, `8 COMMENTS`, `Pros`, `23`).
fn stub(t: &str) -> bool {
    t.split_whitespace().count() <= 3
        && !t
            .trim_end()
            .ends_with(['.', '!', '?', '"', '\u{201d}', ')', ':'])
}

/// Lines that news pages put under an article but that are not its text: contact
/// addresses, copyright notices, citation and contribution notes, promotion labels.
fn furniture_line(t: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "copyright",
        "\u{a9}",
        "(c) ",
        "contributing:",
        "citation:",
        "more information:",
        "don't miss",
        "don\u{2019}t miss",
        "read more:",
        "related:",
        "see also:",
        "watch:",
        "watch |",
        "listen:",
        "listen |",
        "follow us",
        "sign up",
        "subscribe",
        "click here",
        "get the latest",
    ];
    let l = t.trim_start().to_lowercase();
    if PREFIXES.iter().any(|p| l.starts_with(p)) {
        return true;
    }
    let words = t.split_whitespace().count();
    // `Contact Jane Doe at jane@example.com.`, `... All rights reserved.`
    (words <= 40
        && t.split_whitespace()
            .any(|w| w.contains('@') && w.contains('.') && !w.starts_with('@')))
        || (words <= 30 && (l.contains("all rights reserved") || l.contains("\u{a9} 20")))
        || note_line(t)
        || stamp_only(&l)
}

/// A line that is only a time stamp: `December 22, 2023 / 10:39 AM`, `12/22/2023 05:00 AM
/// EST`, `2 days ago` (lowercased).
fn stamp_only(l: &str) -> bool {
    if l.len() > 100 {
        return false;
    }
    const ZONES: &[&str] = &[
        "am", "pm", "a", "m", "p", "utc", "gmt", "et", "est", "edt", "ct", "cst", "cdt", "pt",
        "pst", "pdt", "bst", "cet", "cest", "ist", "aest", "aedt",
    ];
    const AGO: &[&str] = &[
        "second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
        "day", "days", "week", "weeks", "month", "months",
    ];
    let words: Vec<&str> = l
        .split(|c: char| !(c.is_alphanumeric() || c == ':'))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 10 {
        return false;
    }
    if let [n, unit, "ago"] = words[..] {
        return n.bytes().all(|b| b.is_ascii_digit()) && AGO.contains(&unit);
    }
    let weekday = |w: &str| {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .any(|d| w.starts_with(d) && w.len() <= 9)
    };
    words.iter().all(|w| {
        w.bytes().all(|b| b.is_ascii_digit() || b == b':')
            || ["st", "nd", "rd", "th"].iter().any(|x| {
                w.strip_suffix(x)
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
            })
            || MONTHS.iter().any(|m| w.starts_with(m) && w.len() <= 9)
            || ZONES.contains(w)
            || weekday(w)
    }) && parse_date(l).is_some()
}

/// Notes that pages put in or under an article: newsletter, subscription and affiliate
/// notices, republication notes.
fn note_line(t: &str) -> bool {
    let words = t.split_whitespace().count();
    if words > 120 {
        return false;
    }
    // The phrases of notices, found in one search (case folded).
    let first_end = first_sentence(t).len();
    let notice = prompt_matcher().find_iter(t).any(|m| {
        // An affiliate disclosure may go on with the site's terms (`If you purchase a product
        // through a link on our site, we may receive compensation. By using this site, you
        // consent to our User Agreement...`).
        words <= 45 || (m.pattern().as_usize() >= PROMPTS.len() && m.end() <= first_end)
    });
    if notice {
        return true;
    }
    let opening = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    if words > 80 {
        return false;
    }
    // `Editor's note: This story first ran in...`: a note on the article, not its text.
    if [
        "editor's note",
        "editor\u{2019}s note",
        "editors' note",
        "editors\u{2019} note",
    ]
    .iter()
    .any(|p| starts_with_ci(opening.as_bytes(), p.as_bytes()))
    {
        return true;
    }
    if words > 45
        || !["this ", "follow ", "for more"]
            .iter()
            .any(|p| starts_with_ci(opening.as_bytes(), p.as_bytes()))
    {
        return false;
    }
    let l = t.trim_start().to_lowercase();
    // Republication notes: `This story was originally published December 22, 2023.`
    republished(&l)
        // `This interview has been edited for length and clarity.`
        || ((l.starts_with("this interview has been") || l.starts_with("this conversation has been"))
            && (l.contains("edited") || l.contains("condensed")))
        // `Follow the News page on Facebook`, `* Follow us on Instagram, X and Threads.`
        || (words <= 25 && social_follow(&l))
        // `For more coverage, visit example.com/media`
        || (words <= 25
            && l.starts_with("for more")
            && l.split(" visit ").nth(1).is_some_and(|r| {
                // A web address: `example.com/media`, `spie.org/pw`.
                r.trim_start_matches(':')
                    .split_whitespace()
                    .next()
                    .map(|w| w.trim_end_matches(['.', ',', ';']))
                    .is_some_and(|w| w.contains('.') && !w.contains(".."))
            }))
}

/// One matcher for [`PROMPTS`] then [`DISCLOSURES`] (pattern numbers in that order).
fn prompt_matcher() -> &'static aho_corasick::AhoCorasick {
    static M: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(PROMPTS.iter().chain(DISCLOSURES))
            .expect("prompt phrases build")
    })
}

/// A prompt to follow the site or a writer on social media (lowercased).
fn social_follow(l: &str) -> bool {
    let l = l.trim_start_matches(|c: char| !c.is_alphanumeric());
    l.starts_with("follow ")
        && l.split(|c: char| !c.is_alphanumeric()).any(|w| {
            [
                "facebook",
                "twitter",
                "instagram",
                "tiktok",
                "youtube",
                "snapchat",
                "threads",
                "linkedin",
                "x",
                "bluesky",
                "mastodon",
            ]
            .contains(&w)
        })
}

/// The text up to the end of its first sentence (`. `, `! `, `? `), or all of it.
fn first_sentence(l: &str) -> &str {
    let b = l.as_bytes();
    (1..b.len())
        .find(|&i| matches!(b[i - 1], b'.' | b'!' | b'?') && b[i] == b' ')
        .map_or(l, |i| &l[..i])
}

/// A note that the piece first appeared elsewhere or earlier (`this story was originally
/// published ...`, `this article originally appeared in ...`), lowercased.
fn republished(l: &str) -> bool {
    let l = l.trim_start();
    [
        "this story ",
        "this article ",
        "this post ",
        "this piece ",
        "this report ",
    ]
    .iter()
    .any(|p| l.starts_with(p))
        && [
            "originally published",
            "originally appeared",
            "first published",
            "first appeared",
        ]
        .iter()
        .any(|p| l.contains(p))
}

/// Phrases of the promotion and disclosure notes that pages put inside an article's
/// container (newsletter prompts, subscription appeals, affiliate disclosures, embeds
/// waiting for consent). A short paragraph holding one is not article text.
const PROMPTS: &[&str] = &[
    "to your inbox",
    "in your inbox",
    "sign up for our",
    "sign up for the",
    "subscribe to our",
    "free newsletter",
    "please subscribe",
    "subscribe today",
    "needs your support",
    "support our journalism",
    "waiting for your permission to load",
    "by clicking here",
    "this article is more than",
];

/// Phrases of affiliate disclosures: a paragraph whose first sentence holds one is the
/// disclosure, however long the terms that follow it.
const DISCLOSURES: &[&str] = &[
    "we may receive compensation",
    "we may earn a commission",
    "may earn a commission",
    "may receive a commission",
    "earn an affiliate commission",
    "affiliate link",
];

/// Serialized data or markup shown as text (a script's JSON after a stray `</script>`, an
/// embed's escaped HTML): several `":"`, `","` or `\"` in one paragraph, or a link's tags.
fn code_like(t: &str) -> bool {
    ["\":\"", "\",\"", "{\"@", "\\\""]
        .iter()
        .map(|m| t.matches(m).count())
        .sum::<usize>()
        >= 3
        || (t.contains("<a href=") && t.contains("</a>"))
}

/// Whether a paragraph inside the article stays (as body, caption or credit).
fn keep(p: &Para) -> bool {
    if p.boiler.is_some() && !matches!(p.role, Role::Caption | Role::Credit) {
        return false;
    }
    match p.role {
        Role::Byline => false,
        Role::Heading(1) => false,
        Role::Heading(_) => p.link * 2 < p.text.len() as u32,
        _ => {
            let n = p.text.len() as u32;
            !(p.link * 2 > n || (p.link > 0 && n < 40 && p.link * 4 > n) || code_like(&p.text))
        }
    }
}

/// With a JSON-LD `articleBody`: the paragraphs whose words it contains, when together they
/// cover most of it (so a teaser or a stale body does not decide).
fn select_by_body(paras: &[Para], body: &str) -> Option<Vec<usize>> {
    use std::collections::HashMap;
    let mut bag: HashMap<&str, i32> = HashMap::new();
    let mut total = 0;
    for w in body.split_whitespace() {
        *bag.entry(w).or_default() += 1;
        total += 1;
    }
    if total < 30 {
        return None;
    }
    let mut sel = Vec::new();
    let mut covered = 0;
    for (i, p) in paras.iter().enumerate() {
        if p.role == Role::Heading(1) || p.role == Role::Byline {
            continue;
        }
        // A paragraph that is mostly a link is a teaser card, even where the JSON-LD body
        // repeats it.
        if p.link * 2 > p.text.len() as u32 {
            continue;
        }
        let words: Vec<&str> = p.text.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let hit = words
            .iter()
            .filter(|w| bag.get(*w).is_some_and(|&n| n > 0))
            .count();
        if hit * 10 >= words.len() * 8 && (words.len() >= 4 || hit == words.len()) {
            for w in &words {
                if let Some(n) = bag.get_mut(w) {
                    if *n > 0 {
                        *n -= 1;
                        covered += 1;
                    }
                }
            }
            sel.push(i);
        }
    }
    (covered * 10 >= total * 8).then_some(sel)
}

// ---------------------------------------------------------------------------------------
// JSON-LD.

#[derive(Default, Debug)]
struct JsonLd {
    headline: Option<String>,
    date: Option<String>,
    /// `date` is an article's (`NewsArticle`, `BlogPosting`...), not a page's or a video's.
    article_date: bool,
    modified: Option<String>,
    authors: Vec<String>,
    /// Organizations given as authors (used when no person is named).
    org_authors: Vec<String>,
    body: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    lang: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "BlogPosting",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "SocialMediaPosting",
    "WebPage",
    "VideoObject",
    "Recipe",
    "Review",
];

impl JsonLd {
    fn parse(scripts: &[String]) -> JsonLd {
        let mut out = JsonLd::default();
        let mut best_rank = usize::MAX;
        for s in scripts {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(s.trim()) else {
                continue;
            };
            let mut stack = vec![&v];
            let mut seen = 0;
            while let Some(v) = stack.pop() {
                seen += 1;
                if seen > 500 {
                    break;
                }
                match v {
                    serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
                    serde_json::Value::Object(o) => {
                        if let Some(g) = o.get("@graph") {
                            stack.push(g);
                        }
                        let rank = o
                            .get("@type")
                            .and_then(|t| match t {
                                serde_json::Value::String(s) => {
                                    ARTICLE_TYPES.iter().position(|a| a == s)
                                }
                                serde_json::Value::Array(a) => a
                                    .iter()
                                    .filter_map(|x| x.as_str())
                                    .filter_map(|s| ARTICLE_TYPES.iter().position(|a| *a == s))
                                    .min(),
                                _ => None,
                            })
                            .map(|r| if r < 13 { 0 } else { r });
                        let Some(rank) = rank else { continue };
                        if rank > best_rank {
                            continue;
                        }
                        let str_of = |k: &str| {
                            o.get(k)
                                .and_then(|x| x.as_str())
                                .map(|s| s.trim().to_string())
                                .filter(|s| !s.is_empty())
                        };
                        let better = rank < best_rank;
                        best_rank = rank;
                        let set = |slot: &mut Option<String>, val: Option<String>| {
                            if val.is_some() && (better || slot.is_none()) {
                                *slot = val;
                            }
                        };
                        set(
                            &mut out.headline,
                            str_of("headline").or_else(|| str_of("name")),
                        );
                        let date = str_of("datePublished")
                            .or_else(|| str_of("dateCreated"))
                            .or_else(|| str_of("uploadDate"));
                        if date.is_some() && (better || out.date.is_none()) {
                            out.article_date = rank == 0;
                        }
                        set(&mut out.date, date);
                        set(&mut out.body, str_of("articleBody"));
                        set(&mut out.modified, str_of("dateModified"));
                        set(
                            &mut out.url,
                            str_of("url").or_else(|| str_of("mainEntityOfPage")),
                        );
                        set(&mut out.lang, str_of("inLanguage"));
                        set(
                            &mut out.publisher,
                            o.get("publisher").and_then(|p| match p {
                                serde_json::Value::Object(p) => {
                                    p.get("name").and_then(|n| n.as_str()).map(str::to_string)
                                }
                                serde_json::Value::Array(a) => a
                                    .first()
                                    .and_then(|p| p.get("name"))
                                    .and_then(|n| n.as_str())
                                    .map(str::to_string),
                                _ => None,
                            }),
                        );
                        if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                            let (mut names, mut orgs) = (Vec::new(), Vec::new());
                            author_names(a, &mut names, &mut orgs);
                            if !names.is_empty() && (better || out.authors.is_empty()) {
                                out.authors = names;
                            }
                            if !orgs.is_empty() && (better || out.org_authors.is_empty()) {
                                out.org_authors = orgs;
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }
}

fn author_names(v: &serde_json::Value, out: &mut Vec<String>, orgs: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.trim().to_string()),
        serde_json::Value::Array(a) => a.iter().take(20).for_each(|x| author_names(x, out, orgs)),
        serde_json::Value::Object(o) => {
            let is_org = o
                .get("@type")
                .and_then(|t| t.as_str())
                .is_some_and(|t| t == "Organization" || t == "NewsMediaOrganization");
            if is_org {
                if let Some(n) = o.get("name").and_then(|n| n.as_str()) {
                    orgs.push(n.trim().to_string());
                }
                return;
            }
            if let Some(n) = o.get("name") {
                match n {
                    serde_json::Value::String(s) => out.push(s.trim().to_string()),
                    serde_json::Value::Array(a) => out.extend(
                        a.iter()
                            .filter_map(|x| x.as_str())
                            .map(|s| s.trim().to_string()),
                    ),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------
// Metadata.

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date in a string, as `YYYY-MM-DD`: ISO forms (`2023-12-17T10:00`), `2023/12/17`,
/// `December 17, 2023`, `17 Dec 2023`, `20231217`.
pub fn parse_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digits = |i: usize, n: usize| -> Option<u32> {
        (i + n <= b.len() && b[i..i + n].iter().all(u8::is_ascii_digit))
            .then(|| std::str::from_utf8(&b[i..i + n]).unwrap().parse().unwrap())
    };
    let valid = |y: u32, m: u32, d: u32| {
        (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
    };
    for i in 0..b.len().saturating_sub(7) {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        if let Some(y) = digits(i, 4) {
            let sep = b.get(i + 4).copied();
            if matches!(sep, Some(b'-') | Some(b'/') | Some(b'.')) {
                if let (Some(m), Some(d)) = (digits(i + 5, 2), digits(i + 8, 2)) {
                    if b.get(i + 7) == sep.as_ref()
                        && valid(y, m, d)
                        && !b.get(i + 10).is_some_and(u8::is_ascii_digit)
                    {
                        return Some(format!("{y:04}-{m:02}-{d:02}"));
                    }
                }
            } else if let (Some(m), Some(d)) = (digits(i + 4, 2), digits(i + 6, 2)) {
                if valid(y, m, d) && !b.get(i + 8).is_some_and(u8::is_ascii_digit) {
                    return Some(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
    }
    // Month names.
    let lower = s.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let Some(m) = MONTHS.iter().position(|m| w.starts_with(m) && w.len() <= 9) else {
            continue;
        };
        let num = |w: Option<&&str>| {
            w.and_then(|w| {
                w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .parse::<u32>()
                    .ok()
            })
        };
        // Month D, YYYY
        if let (Some(d), Some(y)) = (num(words.get(i + 1)), num(words.get(i + 2))) {
            if valid(y, m as u32 + 1, d) {
                return Some(format!("{y:04}-{:02}-{d:02}", m + 1));
            }
        }
        // D Month YYYY
        if i > 0 {
            if let (Some(d), Some(y)) = (num(words.get(i - 1)), num(words.get(i + 1))) {
                if valid(y, m as u32 + 1, d) {
                    return Some(format!("{y:04}-{:02}-{d:02}", m + 1));
                }
            }
        }
    }
    None
}

/// Splits a byline into names: drops `By`, roles after a comma or `|`, and e-mail addresses.
fn byline_names(s: &str) -> Vec<String> {
    let mut s = s.trim();
    for p in [
        "By ",
        "by ",
        "BY ",
        "Written by ",
        "Words by ",
        "Story by ",
        "Von ",
        "Par ",
    ] {
        if let Some(r) = s.strip_prefix(p) {
            s = r;
        }
    }
    let s = s
        .replace(" and ", ",")
        .replace(" & ", ",")
        .replace(" AND ", ",");
    let mut out = Vec::new();
    for part in s.split([',', ';', '|', '\n', '/']) {
        let n = part.trim().trim_end_matches(['.', ':']);
        let n = n.strip_prefix("By ").unwrap_or(n).trim();
        // Credentials and outlets after a name (`Jane Doe MS`, `Kayla Jimenez USA TODAY`),
        // and lone credentials (`RDN`), are not names.
        let mut words: Vec<&str> = n.split_whitespace().collect();
        // A role after the name (`Jon Talton Columnist`).
        const ROLES: &[&str] = &[
            "Columnist",
            "Correspondent",
            "Reporter",
            "Editor",
            "Contributor",
            "Writer",
            "Sponsored",
            "Staff",
        ];
        while words.len() > 2 && words.last().is_some_and(|w| ROLES.contains(w)) {
            words.pop();
        }
        let caps = |w: &str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(|c| c.is_lowercase())
                && !matches!(w, "II" | "III" | "IV" | "JR" | "SR")
        };
        let mixed = words.iter().take_while(|w| !caps(w)).count();
        let n = if mixed >= 2 && mixed < words.len() {
            words[..mixed].join(" ")
        } else if words.len() == 1 && caps(words[0]) && words[0].len() <= 4 {
            continue;
        } else {
            words.join(" ")
        };
        let n = n.as_str();
        // `Jane Doe, The Jersey Journal`: the outlet after a person is not an author.
        if !out.is_empty()
            && (n.starts_with("The ")
                || n.split_whitespace().any(|w| {
                    ["Chief", "Officer", "Sponsored", "Director", "President"].contains(&w)
                }))
        {
            continue;
        }
        if name_like(n) && !out.iter().any(|o: &String| o == n) {
            out.push(n.to_string());
        }
    }
    out
}

fn name_like(n: &str) -> bool {
    let words: Vec<&str> = n.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || n.len() > 60 {
        return false;
    }
    if n.contains('@') || n.contains("http") || n.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let lower = n.to_lowercase();
    const NOT: &[&str] = &[
        "editor",
        "reporter",
        "contributor",
        "correspondent",
        "updated",
        "published",
        "follow",
        "view",
        "more",
        "posted",
        "read",
        "share",
        "writer",
        "admin",
        "about",
        "email",
        "twitter",
        "instagram",
        "facebook",
        "linkedin",
        "photo",
        "photos",
        "video",
        "image",
    ];
    if NOT
        .iter()
        .any(|w| lower.split_whitespace().any(|x| x == *w))
    {
        return false;
    }
    words.iter().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || matches!(
                *w,
                "de" | "van" | "von" | "da" | "del" | "la" | "le" | "bin" | "al"
            )
    })
}

fn norm_title(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Paragraph positions from the article's headline (or a few paragraphs above its first
/// paragraph) to its last paragraph: where its dateline and byline elements sit.
fn article_range(found: &MetaFound, selected: &[usize]) -> std::ops::Range<u32> {
    let (Some(&first), Some(&last)) = (selected.first(), selected.last()) else {
        return 0..0;
    };
    let first = first as u32;
    let lo = found
        .h1
        .iter()
        .map(|&(_, i)| i)
        .filter(|&i| i <= first && first - i <= 30)
        .max()
        .unwrap_or(first.saturating_sub(5));
    lo.min(first.saturating_sub(5))..last as u32 + 1
}

fn choose_title(found: &MetaFound, ld: &JsonLd, first_selected: Option<usize>) -> Option<String> {
    let og = found
        .meta("og:title")
        .or_else(|| found.meta("twitter:title"))
        .map(str::to_string);
    let tag = found.title_tag.clone();
    let refs: Vec<String> = [og.clone(), ld.headline.clone(), tag.clone()]
        .into_iter()
        .flatten()
        .map(|s| norm_title(&s))
        .filter(|s| !s.is_empty())
        .collect();
    // An h1 that agrees with the metadata is the headline as shown.
    for (h, _) in &found.h1 {
        let n = norm_title(h);
        if n.len() >= 10
            && refs
                .iter()
                .any(|r| r.contains(&n) || n.contains(r.as_str()))
        {
            return Some(h.clone());
        }
    }
    // Otherwise the page's headline over the article (the metadata often carries an
    // SEO variant of it).
    if let Some(first) = first_selected {
        let h = found
            .h1
            .iter()
            .rfind(|&&(_, i)| (i as usize) <= first && first - (i as usize) <= 30);
        if let Some((h, _)) = h.filter(|(h, _)| h.split_whitespace().count() >= 3) {
            return Some(h.clone());
        }
    }
    if let Some(t) = og.or_else(|| ld.headline.clone()) {
        return Some(strip_site(&t, found));
    }
    if let Some((h, _)) = found.h1.first() {
        return Some(h.clone());
    }
    tag.map(|t| strip_site(&t, found))
}

/// `Headline | Site` -> `Headline`.
fn strip_site(t: &str, found: &MetaFound) -> String {
    let site = found.meta("og:site_name").map(norm_title);
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(p) = t.rfind(sep) {
            let (head, tail) = (&t[..p], &t[p + sep.len()..]);
            let tail_n = norm_title(tail);
            if site.as_ref().is_some_and(|s| {
                !s.is_empty() && (tail_n.contains(s.as_str()) || s.contains(&tail_n))
            }) || (tail.split_whitespace().count() <= 3 && head.split_whitespace().count() >= 4)
            {
                return strip_site(head.trim(), found);
            }
        }
    }
    t.trim().to_string()
}

/// The publication date. Precedence: JSON-LD `datePublished`, then the publication meta
/// tags, then a `<time>` or date element of the article's header (between the headline
/// and the end of the article; updates skipped), then one anywhere on the page, then the
/// URL. A page modified over 90 days later (and not dated by its URL) takes the
/// modification's day; a header that shows only an update, on the metadata's modification
/// day, takes the update's. `article` is the range of paragraph positions the article spans.
fn choose_date(
    found: &MetaFound,
    ld: &JsonLd,
    url: Option<&str>,
    article: std::ops::Range<u32>,
    header: &[&str],
) -> Option<String> {
    const KEYS: &[&str] = &[
        "article:published_time",
        "og:article:published_time",
        "itemprop:datepublished",
        "datepublished",
        "article.published",
        "published_time",
        "publish-date",
        "publishdate",
        "pubdate",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "dcterms.date",
        "date",
        "og:published_time",
        "article:published",
        "cxenseparse:recs:publishtime",
        "article_date_original",
        "displaydate",
    ];
    // An article's JSON-LD date, then the publication meta tags, then a JSON-LD date of the
    // page or of a video in it (a clip's `uploadDate` is not the story's date).
    let ld_date = ld.date.as_deref().and_then(parse_date);
    let meta_date = || KEYS.iter().find_map(|k| found.meta(k).and_then(parse_date));
    let published = if ld.article_date {
        ld_date.or_else(meta_date)
    } else {
        meta_date().or(ld_date)
    };
    let published = published
        .or_else(|| shown_date(found, &article, header, false))
        .or_else(|| {
            found
                .times
                .iter()
                .chain(&found.date_texts)
                .filter(|t| !t.updated)
                .find_map(|t| text_date(&t.text))
        })
        .or_else(|| url.and_then(url_date))
        .or_else(|| {
            found
                .times
                .iter()
                .chain(&found.date_texts)
                .find_map(|t| text_date(&t.text))
        });
    // A page updated long after it first appeared (an evergreen guide) shows the updated
    // text: its date is the update's.
    let modified = ld.modified.as_deref().and_then(parse_date).or_else(|| {
        [
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "itemprop:datemodified",
        ]
        .iter()
        .find_map(|k| found.meta(k).and_then(parse_date))
    });
    // A URL that names the publication day marks a dated story, not an evergreen page.
    let url_day = url.and_then(url_date);
    let chosen = match (&published, &modified) {
        (Some(p), Some(m)) if day_number(m) > day_number(p) + 90 && url_day.as_ref() != Some(p) => {
            Some(m.clone())
        }
        (p, _) => p.clone(),
    }?;
    // A revised story: the header (else the page's plain `date` meta tag) gives a date, not
    // labelled as an update, between the first publication and the last modification. The
    // site presents the article as of that day; a date outside that span is something
    // else's (a photo's, a quoted document's).
    if let (Some(p), Some(m)) = (&published, &modified) {
        let shown = shown_date(found, &article, header, false)
            .or_else(|| found.meta("date").and_then(parse_date));
        if let Some(s) = shown {
            let d = day_number(&s);
            if s != chosen && d >= day_number(p) && d <= day_number(m) {
                return Some(s);
            }
        }
    }
    // The header shows no publication time, only an update's, on the day the metadata gives
    // as the last modification (a day apart at most: one of them may be in UTC): the site
    // presents the article as of that update.
    if let (Some(p), Some(m)) = (&published, &modified) {
        if shown_date(found, &article, header, false).is_none() {
            let update = found
                .date_texts
                .iter()
                .chain(&found.times)
                .filter(|t| article.contains(&t.at) && t.updated)
                .find_map(|t| parse_date(&t.text));
            if let Some(u) = update {
                let d = day_number(&u);
                if d > day_number(p) && (d - day_number(m)).abs() <= 1 {
                    return Some(u);
                }
            }
        }
    }
    // Metadata times are often in UTC; the date the site shows (in its URL or in the
    // article's header) is in its own time zone. One day apart, the shown date is the
    // publication day. Dates elsewhere on the page (teasers' `1d ago`) do not count.
    // The date the reader sees in the header comes before the URL's (a URL keeps the day the
    // story was filed).
    let shown = shown_date(found, &article, header, true).or_else(|| url.and_then(url_date));
    match shown {
        Some(s) if (day_number(&s) - day_number(&chosen)).abs() == 1 => Some(s),
        _ => Some(chosen),
    }
}

/// The first publication date shown in the article's header: a date element's text, else
/// a `<time datetime>` (in local time only when `local`: a UTC timestamp is not the date the
/// reader sees), else a short line of plain text between the headline and the article's
/// text (`Dec 18, 2023 | 3 min read`). Update times are skipped.
fn shown_date(
    found: &MetaFound,
    article: &std::ops::Range<u32>,
    header: &[&str],
    local: bool,
) -> Option<String> {
    let inside = |t: &&Seen| article.contains(&t.at) && !t.updated;
    found
        .date_texts
        .iter()
        .filter(inside)
        .find_map(|t| text_date(&t.text))
        .or_else(|| {
            found
                .times
                .iter()
                .filter(inside)
                .filter(|t| !(local && utc_stamp(&t.text)))
                .find_map(|t| text_date(&t.text))
        })
        .or_else(|| header.iter().find_map(|t| text_date(t)))
}

/// The publication date in a date text: the one after `Published`/`Posted` when the text
/// names both (`Updated Dec. 23, 2023 / Published Dec. 22, 2023`), else the first one that
/// comes before an update label, else the first one.
fn text_date(t: &str) -> Option<String> {
    let l = t.to_ascii_lowercase();
    for key in ["published", "posted"] {
        if let Some(d) = l.find(key).and_then(|p| parse_date(&t[p..])) {
            return Some(d);
        }
    }
    match ["updated", "modified"].iter().find_map(|k| l.find(k)) {
        Some(u) => parse_date(&t[..u]).or_else(|| parse_date(t)),
        None => parse_date(t),
    }
}

/// An ISO timestamp in UTC (`...Z`, `...+00:00`).
fn utc_stamp(t: &str) -> bool {
    let t = t.trim();
    t.ends_with('Z') || t.ends_with("+00:00") || t.ends_with("+0000")
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (Howard Hinnant's civil-from-days inverse).
fn day_number(d: &str) -> i64 {
    let y: i64 = d[..4].parse().unwrap_or(0);
    let m: i64 = d[5..7].parse().unwrap_or(1);
    let day: i64 = d[8..10].parse().unwrap_or(1);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn url_date(u: &str) -> Option<String> {
    let parts: Vec<&str> = u.split('/').collect();
    for w in parts.windows(3) {
        if w[0].len() == 4 && w[1].len() <= 2 && w[2].len() <= 2 {
            if let (Ok(y), Ok(m), Ok(d)) = (
                w[0].parse::<u32>(),
                w[1].parse::<u32>(),
                w[2].parse::<u32>(),
            ) {
                if (1990..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                    return Some(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
    }
    None
}

fn choose_authors(found: &MetaFound, ld: &JsonLd, site: Option<&str>) -> Vec<String> {
    let _ = site;
    let clean = |names: Vec<String>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in names {
            for n in byline_names(&n) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    };
    let from_ld = clean(ld.authors.clone());
    if !from_ld.is_empty() {
        return from_ld;
    }
    for k in [
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "byl",
        "dcterms.creator",
        "twitter:creator",
    ] {
        let vals: Vec<String> = found
            .metas
            .iter()
            .filter(|(key, v)| key == k && !v.contains("http") && !v.starts_with('@'))
            .map(|(_, v)| v.clone())
            .collect();
        let names = clean(vals);
        if !names.is_empty() {
            return names;
        }
    }
    for b in &found.bylines {
        let names = clean(vec![b.clone()]);
        if !names.is_empty() {
            return names;
        }
    }
    // An agency or newspaper credited as the author.
    ld.org_authors.iter().take(1).cloned().collect()
}

// ---------------------------------------------------------------------------------------
// Assembling the text.

fn assemble(
    paras: &[Para],
    selected: &[usize],
    found: &MetaFound,
    ld: &JsonLd,
    _html: &str,
) -> Extraction {
    let mut ex = Extraction::default();
    let site = found
        .meta("og:site_name")
        .map(str::to_string)
        .or_else(|| ld.publisher.clone());
    let canonical = found
        .canonical
        .clone()
        .or_else(|| found.meta("og:url").map(str::to_string))
        .or_else(|| ld.url.clone());
    let title = choose_title(found, ld, selected.first().copied());
    let range = article_range(found, selected);
    // Datelines shown as plain text between the headline and the article's text.
    let header: Vec<&str> = match selected.first() {
        Some(&first) => paras[(range.start as usize).min(first)..first]
            .iter()
            .filter(|p| p.text.len() < 80 && p.link == 0 && !says_update(&p.text))
            .map(|p| p.text.as_str())
            .collect(),
        None => Vec::new(),
    };
    ex.meta.date = choose_date(found, ld, canonical.as_deref(), range, &header);
    ex.meta.authors = choose_authors(found, ld, site.as_deref());
    ex.meta.language = found
        .lang
        .clone()
        .or_else(|| found.meta("content-language").map(str::to_string))
        .or_else(|| ld.lang.clone())
        .or_else(|| found.meta("og:locale").map(|l| l.replace('_', "-")));
    ex.meta.url = canonical.clone();
    ex.meta.canonical_url = canonical;
    ex.meta.site_name = site;

    // Paragraph spans with their roles, in text order.
    let mut spans: Vec<(Span, Role)> = Vec::new();
    // Per span: an item of a list (no link) in the article, whose short text is content.
    let mut items: Vec<bool> = Vec::new();
    let mut push = |ex: &mut Extraction, text: &str, anchors: &[(u32, u32)], role: Role| {
        if !ex.text.is_empty() {
            ex.text.push_str("\n\n");
        }
        let start = ex.text.len() as u32;
        ex.text.push_str(text);
        for &(t, h) in anchors {
            ex.source_map.runs.push((start + t, h));
        }
        spans.push((Span::new(start as usize, ex.text.len()), role));
    };
    let title_para = title.as_ref().and_then(|t| {
        let n = norm_title(t);
        paras
            .iter()
            .position(|p| p.role == Role::Heading(1) && norm_title(&p.text) == n)
    });
    if let Some(t) = &title {
        match title_para {
            Some(i) => push(&mut ex, &paras[i].text, &paras[i].anchors, Role::Heading(1)),
            None => push(&mut ex, t, &[], Role::Heading(1)),
        }
        items.push(false);
    }
    let title_n = title.as_deref().map(norm_title).unwrap_or_default();
    for &i in selected {
        if Some(i) == title_para {
            continue;
        }
        let p = &paras[i];
        // The headline repeated inside the article's container is not body text.
        if !title_n.is_empty()
            && matches!(p.role, Role::Body | Role::Heading(_))
            && p.text.len() <= title_n.len() * 2 + 8
            && norm_title(&p.text) == title_n
        {
            continue;
        }
        // Notes under the article (disclosures, republication notes) are left out of the
        // text, so that the signature before them is still the text's last line.
        if p.role == Role::Body && note_line(&p.text) {
            continue;
        }
        push(&mut ex, &p.text, &p.anchors, p.role);
        items.push(p.tag == Tag::Li && p.link == 0);
    }
    ex.meta.title = title;

    // Structure: the plain-text rules on the assembled text, then what the markup knows.
    let ts = TextStructure::default();
    let mut blocks = ts.structure(&ex.text);
    let para_of = |s: Span| spans.partition_point(|(p, _)| p.end <= s.start);
    let mut body_paras = vec![false; spans.len()];
    let mut title_done = false;
    blocks.retain_mut(|b| {
        let i = para_of(b.span);
        let Some(&(pspan, role)) = spans.get(i) else {
            return true;
        };
        match role {
            Role::Heading(1) if i == 0 && ex.meta.title.is_some() => {
                // One title block over the whole heading, however many blocks the text
                // rules found in it (a meta title with a line break gives two).
                if title_done {
                    return false;
                }
                title_done = true;
                *b = Block::new(BlockKind::Title, pspan);
            }
            Role::Caption => {
                if b.kind != BlockKind::Credit {
                    *b = Block::new(BlockKind::Caption, b.span);
                }
            }
            Role::Credit => {
                if b.kind != BlockKind::Credit {
                    *b = Block::new(BlockKind::Credit, b.span);
                }
            }
            _ => {
                if b.kind == BlockKind::Title && i > 0 {
                    b.kind = BlockKind::Body;
                }
                // Labels and counters left in the container (`View All`, `8 COMMENTS`) are
                // furniture, unless the text rules found a signature or credit in them.
                // Short items of a list in the article (`2023: Victor Rivas`) are content.
                if b.kind == BlockKind::Body
                    && role == Role::Body
                    && ((stub(&ex.text[pspan.range()]) && !items[i])
                        || furniture_line(&ex.text[pspan.range()]))
                {
                    b.kind = BlockKind::Boilerplate;
                }
                if matches!(b.kind, BlockKind::Body | BlockKind::Dateline) {
                    body_paras[i] = true;
                }
            }
        }
        true
    });
    ex.blocks = blocks;
    ex.body = spans
        .iter()
        .zip(&body_paras)
        .filter(|(_, &b)| b)
        .map(|((s, _), _)| *s)
        .collect();
    ex
}

#[cfg(test)]
mod tests;
