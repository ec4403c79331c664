//! [`TextStructure`]: a plain-text article to [`Block`]s of article structure.
//!
//! Every non-blank line is a paragraph (extracted text separates paragraphs by blank lines
//! or by single newlines, and both occur). The stage works in passes over the lines:
//!
//! 1. each line is classified on its own: boilerplate (`Advertisement`), image markers
//!    (`Enlarge image`), credits (`Photo: Jacquelyn Martin / AP`, `(AP Photo/Evan Vucci)`),
//!    captions (`Caption: ...`, a caption ending in an embedded credit), or body;
//! 2. context: the line before a credit (or after it, when there is none before) and the
//!    line after an image marker are captions;
//! 3. the last lines are checked for an agency signature (`lpz/dpa`, `-- AFP`,
//!    `Reporting by ...; Editing by ...`);
//! 4. the first line may be a title (short, no final period, followed by a blank line);
//! 5. the first body paragraph may open with a dateline (`WASHINGTON (AP) --`), which is
//!    split off as its own block.
//!
//! Word lists live in `data/*.txt` and are parsed once per process. When in doubt a line
//! stays body: dropping real body text is worse than keeping a boilerplate line.

use newsgraph_core::{Block, BlockKind, Document, Layer, Span, Stage};
use std::collections::HashMap;
use std::sync::OnceLock;

const BOILERPLATE: &str = include_str!("../data/boilerplate.txt");
const CREDIT_PREFIXES: &str = include_str!("../data/credit_prefixes.txt");
const CAPTION_PREFIXES: &str = include_str!("../data/caption_prefixes.txt");
const AGENCIES: &str = include_str!("../data/agencies.txt");

/// Longest line (in bytes) looked up in the exact boilerplate list.
const FOLD_MAX: usize = 96;
/// Longest line that a prefix (credit, caption, boilerplate) can classify.
const PREFIX_MAX: usize = 200;
/// Longest line that can be a caption because of its neighbours.
const CAPTION_MAX: usize = 300;
/// Longest caption taken from the line *after* a credit (a weaker clue).
const CAPTION_AFTER_MAX: usize = 250;
/// How many trailing lines may be signatures.
const MAX_SIGNATURE_LINES: usize = 4;

/// Splits plain text into title, body paragraphs, captions, credits, signature, datelines
/// and boilerplate, filling [`Document::blocks`] when no reader filled them already (the
/// HTML extractor does; its blocks are kept).
///
/// ```
/// use newsgraph_core::{assert_span, BlockKind, Document, Stage};
/// use newsgraph_ingest::TextStructure;
/// let mut doc = Document::new("WASHINGTON (AP) -- Kirby spoke.\n\nlpz/dpa");
/// TextStructure::default().run(&mut doc);
/// let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
/// assert_eq!(kinds, [BlockKind::Dateline, BlockKind::Body, BlockKind::Signature]);
/// assert_span!(doc, doc.blocks[0].place.unwrap(), "WASHINGTON");
/// assert_span!(doc, doc.blocks[1].span, "Kirby spoke.");
/// assert!(doc.validate().is_ok());
/// ```
#[derive(Clone, Copy)]
pub struct TextStructure {
    lex: &'static Lexicon,
}

impl Default for TextStructure {
    /// The stage with the built-in word lists (parsed on first use, then shared).
    fn default() -> Self {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        TextStructure {
            lex: LEXICON.get_or_init(Lexicon::builtin),
        }
    }
}

impl std::fmt::Debug for TextStructure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextStructure")
            .field("boilerplate_lines", &self.lex.exact.len())
            .field("agencies", &self.lex.agencies.len())
            .finish()
    }
}

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
    fn run(&self, doc: &mut Document) {
        // A reader that knows the structure (the HTML extractor) has filled the blocks
        // already; what it read from the markup beats what lines of text suggest.
        if !doc.blocks.is_empty() {
            return;
        }
        let blocks = self.structure(&doc.text);
        doc.blocks = blocks;
    }
}

/// The word lists, parsed from `data/*.txt`.
struct Lexicon {
    /// Folded whole lines -> is an image marker.
    exact: HashMap<Box<[u8]>, bool>,
    /// Lowercased prefixes of boilerplate lines.
    bp_prefixes: Vec<Box<[u8]>>,
    credit_prefixes: Vec<Box<[u8]>>,
    caption_prefixes: Vec<Box<[u8]>>,
    /// Agency name (as written, and all uppercase) -> photo-only agency.
    agencies: HashMap<Box<str>, bool>,
}

fn data_lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn lower_bytes(s: &str) -> Box<[u8]> {
    s.as_bytes().to_ascii_lowercase().into_boxed_slice()
}

impl Lexicon {
    fn builtin() -> Lexicon {
        let mut exact = HashMap::new();
        let mut bp_prefixes = Vec::new();
        let mut buf = [0u8; FOLD_MAX];
        for l in data_lines(BOILERPLATE) {
            if let Some(p) = l.strip_suffix('*') {
                bp_prefixes.push(lower_bytes(p));
            } else {
                let (marker, l) = match l.strip_prefix('!') {
                    Some(rest) => (true, rest),
                    None => (false, l),
                };
                let f = fold(l, &mut buf).expect("boilerplate entry longer than FOLD_MAX");
                exact.insert(f.to_vec().into_boxed_slice(), marker);
            }
        }
        let prefixes = |src| data_lines(src).map(lower_bytes).collect::<Vec<_>>();
        let mut agencies = HashMap::new();
        for l in data_lines(AGENCIES) {
            let (name, photo) = match l.split_once('|') {
                Some((n, tag)) => (n.trim(), tag.trim() == "photo"),
                None => (l, false),
            };
            agencies.insert(name.to_uppercase().into_boxed_str(), photo);
            agencies.insert(name.into(), photo);
        }
        Lexicon {
            exact,
            bp_prefixes,
            credit_prefixes: prefixes(CREDIT_PREFIXES),
            caption_prefixes: prefixes(CAPTION_PREFIXES),
            agencies,
        }
    }
}

/// Folds a short line for the exact boilerplate lookup: ASCII lowercase, digit runs to `0`,
/// whitespace runs to one space, leading bullets and trailing `:` `.` `›` `»` `|` `…` dropped.
/// `None` when longer than the buffer.
fn fold<'b>(s: &str, buf: &'b mut [u8; FOLD_MAX]) -> Option<&'b [u8]> {
    let s = strip_bullets(s).trim_end_matches(|c: char| {
        matches!(c, ':' | '.' | '›' | '»' | '>' | '|' | '…' | '→') || c.is_whitespace()
    });
    if s.len() > FOLD_MAX {
        return None;
    }
    let (mut n, mut prev_space, mut prev_digit) = (0, false, false);
    for &b in s.as_bytes() {
        let out = if b.is_ascii_digit() {
            if prev_digit {
                continue;
            }
            b'0'
        } else if b.is_ascii_whitespace() {
            if prev_space {
                continue;
            }
            b' '
        } else {
            b.to_ascii_lowercase()
        };
        prev_digit = b.is_ascii_digit();
        prev_space = b.is_ascii_whitespace();
        buf[n] = out;
        n += 1;
    }
    Some(&buf[..n])
}

fn strip_bullets(s: &str) -> &str {
    s.trim_start_matches(|c: char| {
        matches!(c, '›' | '»' | '>' | '•' | '|' | '*' | '-' | '→' | '·') || c.is_whitespace()
    })
}

fn is_trim_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

/// Length of the prefix of `line` matched by one of `prefixes` (ASCII case folded; an entry
/// ending in a letter or digit must end a word in the line).
fn prefix_len(prefixes: &[Box<[u8]>], line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let first = b.first()?.to_ascii_lowercase();
    prefixes.iter().find_map(|p| {
        let n = p.len();
        (p[0] == first
            && b.len() >= n
            && b[..n].eq_ignore_ascii_case(p)
            && (!p[n - 1].is_ascii_alphanumeric()
                || !b.get(n).is_some_and(u8::is_ascii_alphanumeric)))
        .then_some(n)
    })
}

/// One non-blank line, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// A blank line (or the end of the text) follows.
    blank_after: bool,
}

/// Splits on `\n`, `\r\n`, lone `\r`, U+2028 and U+2029; trims each line.
fn split_lines(text: &str, out: &mut Vec<Line>) {
    let b = text.as_bytes();
    let mut start = 0;
    while start <= b.len() {
        let mut i = start;
        let (end, next) = loop {
            if i >= b.len() {
                break (b.len(), b.len() + 1);
            }
            let c = b[i];
            // One comparison for almost every byte.
            if c <= b'\r' || c == 0xE2 {
                match c {
                    b'\n' => break (i, i + 1),
                    b'\r' => {
                        break (
                            i,
                            if b.get(i + 1) == Some(&b'\n') {
                                i + 2
                            } else {
                                i + 1
                            },
                        )
                    }
                    0xE2 if b.get(i + 1) == Some(&0x80)
                        && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) =>
                    {
                        break (i, i + 3)
                    }
                    _ => {}
                }
            }
            i += 1;
        };
        let raw = &text[start..end];
        let t = raw.trim_start_matches(is_trim_char);
        let s = start + (raw.len() - t.len());
        let t = t.trim_end_matches(is_trim_char);
        if t.is_empty() {
            if let Some(last) = out.last_mut() {
                last.blank_after = true;
            }
        } else {
            out.push(Line {
                start: s,
                end: s + t.len(),
                blank_after: false,
            });
        }
        start = next;
    }
    if let Some(last) = out.last_mut() {
        last.blank_after = true;
    }
}

/// Photographer / author and agency of a credit or signature (absolute offsets).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Parts {
    who: Option<Span>,
    agency: Option<Span>,
    place: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Body,
    Title,
    Boilerplate,
    /// `Enlarge image`: boilerplate announcing a caption.
    ImageMarker,
    Caption,
    Credit(Parts),
    /// A caption with its credit at the end: `caption_end` and `credit_start` are absolute.
    CaptionCredit {
        caption_end: usize,
        credit_start: usize,
        parts: Parts,
    },
    Signature(Parts),
    /// A body paragraph opening with a dateline ending at `end`; the body starts at `body`.
    Dateline {
        end: usize,
        body: usize,
        parts: Parts,
    },
}

fn span(base: usize, r: (usize, usize)) -> Span {
    Span::new(base + r.0, base + r.1)
}

/// Relative range of `sub` (a subslice of `s`) in `s`.
fn range_in(s: &str, sub: &str) -> (usize, usize) {
    let a = sub.as_ptr() as usize - s.as_ptr() as usize;
    (a, a + sub.len())
}

/// Parts of a credit or signature line, split at `/ | , ; ( )` and ` - `, ` via `, ` for `.
/// Offsets are relative.
fn split_parts(s: &str) -> ([(usize, usize); 8], usize) {
    let mut out = [(0, 0); 8];
    let mut n = 0;
    let b = s.as_bytes();
    let mut push = |a: usize, e: usize, n: &mut usize| {
        let part = s[a..e].trim_matches(is_trim_char);
        if !part.is_empty() && *n < out.len() {
            out[*n] = range_in(s, part);
            *n += 1;
        }
    };
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let skip = match b[i] {
            b'/' | b'|' | b',' | b';' | b'(' | b')' => 1,
            b' ' => {
                let r = &b[i..];
                if r.starts_with(b" - ") || r.starts_with(b" via ") || r.starts_with(b" for ") {
                    r[1..].iter().position(|&c| c == b' ').unwrap() + 2
                } else if r.starts_with(" – ".as_bytes()) || r.starts_with(" — ".as_bytes()) {
                    5
                } else {
                    0
                }
            }
            _ => 0,
        };
        if skip > 0 {
            push(start, i, &mut n);
            i += skip;
            start = i;
        } else {
            i += 1;
        }
    }
    push(start, b.len(), &mut n);
    (out, n)
}

const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "do", "dos", "du", "la", "le",
    "bin", "al", "el", "ter", "zu", "and", "&", "y",
];

/// Looks like a person's name (`Jacquelyn Martin`, `Ludwig van Beethoven`).
fn name_like(p: &str) -> bool {
    if p.len() > 48 {
        return false;
    }
    let mut words = 0;
    for w in p.split_whitespace() {
        words += 1;
        let first = w.chars().next().unwrap_or(' ');
        let ok = if first.is_uppercase() {
            !w.bytes()
                .any(|b| b.is_ascii_digit() || matches!(b, b':' | b'!' | b'?'))
        } else {
            words > 1 && PARTICLES.contains(&w)
        };
        if !ok || words > 5 {
            return false;
        }
    }
    words > 0
}

/// Author initials in a signature (`lpz`, `fab`, `MA`).
fn initials(p: &str) -> bool {
    (1..=5).contains(&p.len())
        && (p.bytes().all(|b| b.is_ascii_lowercase())
            || (p.len() >= 2 && p.bytes().all(|b| b.is_ascii_uppercase())))
}

/// Words that may follow an agency name inside a credit part (`AP Photo`).
const AGENCY_TAIL: &[&str] = &[
    "Photo",
    "Photos",
    "photo",
    "Images",
    "Image",
    "Pictures",
    "Pool",
    "Wire",
    "Archive",
    "File",
    "Handout",
    "Foto",
    "Fotos",
    "Bild",
    "Bilder",
    "Agency",
    "News",
    "Staff",
    "Video",
    "Photographer",
];
/// Words that may precede an agency name inside a credit part (`Pool AP`).
const AGENCY_HEAD: &[&str] = &["Pool", "File", "Handout", "Courtesy", "via", "Photo"];

/// What the parts of a credit or signature are.
#[derive(Debug, Default)]
struct PartScan {
    who: Option<(usize, usize)>,
    agency: Option<(usize, usize)>,
    /// Initials parts, covered (signature `who`).
    initials: Option<(usize, usize)>,
    names: usize,
    agencies: usize,
    n_initials: usize,
    others: usize,
    photo_agency: bool,
}

fn cover(a: Option<(usize, usize)>, b: (usize, usize)) -> (usize, usize) {
    a.map_or(b, |a| (a.0.min(b.0), a.1.max(b.1)))
}

impl TextStructure {
    fn is_agency(&self, s: &str) -> bool {
        self.lex.agencies.contains_key(s)
    }

    /// The agency named by a credit part: the whole part, or its first / last words with at
    /// most two credit words around (`AP Photo`). Relative range and photo-only flag.
    fn agency_in_part(&self, p: &str) -> Option<(usize, usize, bool)> {
        if let Some(&photo) = self.lex.agencies.get(p) {
            return Some((0, p.len(), photo));
        }
        let mut ws = [(0usize, 0usize); 6];
        let mut n = 0;
        for w in p.split(' ').filter(|w| !w.is_empty()) {
            if n == ws.len() {
                return None;
            }
            ws[n] = range_in(p, w);
            n += 1;
        }
        for k in (1..n).rev() {
            let rest_ok = |words: &[(usize, usize)], list: &[&str]| {
                n - k <= 2 && words.iter().all(|&(a, b)| list.contains(&&p[a..b]))
            };
            let (a, b) = (ws[0].0, ws[k - 1].1);
            if let Some(&photo) = self.lex.agencies.get(&p[a..b]) {
                if rest_ok(&ws[k..n], AGENCY_TAIL) {
                    return Some((a, b, photo));
                }
            }
            let (a, b) = (ws[n - k].0, ws[n - 1].1);
            if let Some(&photo) = self.lex.agencies.get(&p[a..b]) {
                if rest_ok(&ws[..n - k], AGENCY_HEAD) {
                    return Some((a, b, photo));
                }
            }
        }
        None
    }

    /// Classifies the parts of a credit or signature (relative offsets in `s`).
    fn scan_parts(&self, s: &str) -> PartScan {
        let (parts, n) = split_parts(s);
        let mut r = PartScan::default();
        let mut last_agency: Option<usize> = None;
        for (i, &(a, b)) in parts[..n].iter().enumerate() {
            let p = &s[a..b];
            if let Some((x, y, photo)) = self.agency_in_part(p) {
                r.agencies += 1;
                r.photo_agency |= photo;
                let here = (a + x, a + y);
                // Contiguous agency parts (`picture alliance / dpa`) make one agency span.
                r.agency = Some(match (r.agency, last_agency) {
                    (Some(prev), Some(j)) if j + 1 == i => cover(Some(prev), here),
                    (Some(prev), _) => prev,
                    (None, _) => here,
                });
                last_agency = Some(i);
            } else if initials(p) {
                r.n_initials += 1;
                r.initials = Some(cover(r.initials, (a, b)));
                if r.who.is_none() && p.bytes().all(|c| c.is_ascii_uppercase()) {
                    // Uppercase initials in a credit (`Photo: JM/AP`) name the photographer.
                    r.who = Some((a, b));
                }
            } else if name_like(p) {
                r.names += 1;
                if r.who.is_none() {
                    r.who = Some((a, b));
                }
            } else {
                r.others += 1;
            }
        }
        r
    }

    /// Photographer and agency of the text of a credit after its prefix.
    fn credit_parts(&self, s: &str, base: usize) -> Parts {
        let t = s.trim_matches(is_trim_char);
        let t = t
            .strip_prefix("by ")
            .or_else(|| t.strip_prefix("By "))
            .unwrap_or(t);
        let scan = self.scan_parts(t);
        let base = base + range_in(s, t).0;
        Parts {
            who: scan.who.map(|r| span(base, r)),
            agency: scan.agency.map(|r| span(base, r)),
            place: None,
        }
    }

    /// A credit inside parentheses (`AP Photo/Evan Vucci`, `Photo: John Smith/AP`).
    /// `strong` asks for a clear photo credit (for one that ends a longer line).
    fn paren_credit(&self, inner: &str, base: usize, strong: bool) -> Option<Parts> {
        let inner_t = inner.trim_matches(is_trim_char);
        if let Some(n) = prefix_len(&self.lex.credit_prefixes, inner_t) {
            return Some(self.credit_parts(&inner_t[n..], base + range_in(inner, inner_t).0 + n));
        }
        let scan = self.scan_parts(inner_t);
        let photo_word =
            inner_t.contains("Photo") || inner_t.contains("photo") || inner_t.contains("Foto");
        let ok = scan.agencies > 0
            && scan.others == 0
            && (scan.photo_agency
                || photo_word
                || (scan.names > 0 && (!strong || inner_t.contains('/'))));
        ok.then(|| self.credit_parts(inner_t, base + range_in(inner, inner_t).0))
    }

    /// A line that is only a credit without a prefix: `Getty Images`, `Reuters/John Smith`,
    /// `Jacquelyn Martin/AP`.
    fn bare_credit(&self, s: &str, base: usize) -> Option<Parts> {
        if s.len() > 80 || s.ends_with('.') {
            return None;
        }
        if self.lex.agencies.get(s) == Some(&true) {
            return Some(Parts {
                agency: Some(span(base, (0, s.len()))),
                ..Parts::default()
            });
        }
        if !s.contains('/') && !s.contains(" via ") {
            return None;
        }
        let scan = self.scan_parts(s);
        (scan.agencies > 0
            && scan.others == 0
            && scan.n_initials == 0
            && (scan.names > 0 || scan.photo_agency))
            .then(|| self.credit_parts(s, base))
    }

    /// A credit after a caption on the same line: `Kirby at the White House. Photo: J. Martin/AP`.
    fn inline_credit(&self, s: &str, base: usize) -> Option<Kind> {
        for (p, _) in s.match_indices(':').take(4) {
            let b = s.as_bytes();
            // The start of the one or two words before the colon.
            let mut starts = [None, None];
            let mut i = p;
            for slot in &mut starts {
                let end = i;
                while i > 0 && b[i - 1].is_ascii_alphabetic() {
                    i -= 1;
                }
                if i == end {
                    break;
                }
                *slot = Some(i);
                if i == 0 || b[i - 1] != b' ' {
                    break;
                }
                i -= 1;
            }
            for ws in starts.iter().rev().flatten().copied() {
                if ws == 0 || prefix_len(&self.lex.credit_prefixes, &s[ws..]) != Some(p + 1 - ws) {
                    continue;
                }
                let before = s[..ws].trim_end_matches(is_trim_char);
                let before_t = before
                    .trim_end_matches(['|', '–', '—'])
                    .trim_end_matches(is_trim_char);
                let closes = before_t.chars().last().is_some_and(|c| {
                    matches!(c, '.' | '!' | '?' | '"' | '”' | '’' | ')' | '»' | '“')
                });
                if before.len() < s[..ws].len() && !before_t.is_empty() && closes {
                    return Some(Kind::CaptionCredit {
                        caption_end: base + before_t.len(),
                        credit_start: base + ws,
                        parts: self.credit_parts(&s[p + 1..], base + p + 1),
                    });
                }
            }
        }
        None
    }

    /// What a line is on its own.
    fn classify(&self, s: &str, base: usize) -> Kind {
        let b = s.as_bytes();
        if !b.iter().any(u8::is_ascii_alphanumeric) && !s.chars().any(char::is_alphanumeric) {
            // `____`, `* * *`, `.`: separators, no text.
            return Kind::Boilerplate;
        }
        if s.len() <= PREFIX_MAX {
            let mut buf = [0u8; FOLD_MAX];
            if let Some(f) = fold(s, &mut buf) {
                if let Some(&marker) = self.lex.exact.get(f) {
                    return if marker {
                        Kind::ImageMarker
                    } else {
                        Kind::Boilerplate
                    };
                }
            }
            let t = strip_bullets(s);
            let tb = base + (s.len() - t.len());
            if let Some(n) = prefix_len(&self.lex.credit_prefixes, t) {
                return Kind::Credit(self.credit_parts(&t[n..], tb + n));
            }
            if prefix_len(&self.lex.caption_prefixes, t).is_some() {
                return Kind::Caption;
            }
            if prefix_len(&self.lex.bp_prefixes, t).is_some() {
                return Kind::Boilerplate;
            }
        }
        if s.len() <= 400 && s.ends_with(')') {
            if let Some(open) = matching_open_paren(s) {
                let inner = &s[open + 1..s.len() - 1];
                let caption = s[..open].trim_end_matches(is_trim_char);
                if let Some(parts) = self.paren_credit(inner, base + open + 1, !caption.is_empty())
                {
                    if caption.is_empty() {
                        return Kind::Credit(parts);
                    }
                    return Kind::CaptionCredit {
                        caption_end: base + caption.len(),
                        credit_start: base + open,
                        parts,
                    };
                }
            }
        }
        if s.len() <= 400 {
            if let Some(k) = self.inline_credit(s, base) {
                return k;
            }
        }
        if let Some(parts) = self.bare_credit(s, base) {
            return Kind::Credit(parts);
        }
        Kind::Body
    }

    /// An agency named anywhere in a short line (`© dpa-infocom`, `The Associated Press`).
    fn agency_token(&self, s: &str) -> Option<(usize, usize)> {
        let mut ws = [(0usize, 0usize); 24];
        let mut n = 0;
        for w in s.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !w.is_empty() && n < ws.len() {
                ws[n] = range_in(s, w);
                n += 1;
            }
        }
        for i in 0..n {
            for k in (1..=3.min(n - i)).rev() {
                let r = (ws[i].0, ws[i + k - 1].1);
                if self.is_agency(&s[r.0..r.1]) {
                    return Some(r);
                }
            }
        }
        None
    }

    /// A signature line: `lpz/dpa`, `(AFP)`, `-- AFP`, `© dpa-infocom`, `Reporting by X;
    /// Editing by Y`, `Associated Press writer X contributed to this report.`.
    /// `Err(())` for a copyright line without an agency (boilerplate).
    fn signature(&self, s: &str, base: usize, last: bool) -> Option<Result<Parts, ()>> {
        if s.len() > 300 {
            return None;
        }
        let mut t = s
            .trim_start_matches(['-', '—', '–', '―', ' '])
            .trim_start_matches(is_trim_char);
        if t.starts_with('(') && t.ends_with(')') {
            t = &t[1..t.len() - 1];
        }
        let tb = base + range_in(s, t).0;
        let sp = |r: (usize, usize)| span(tb, r);
        // © / Copyright
        let low_start = t.get(..9).unwrap_or("");
        if t.starts_with('©') || low_start.eq_ignore_ascii_case("copyright") {
            return Some(match self.agency_token(t) {
                Some(r) => Ok(Parts {
                    agency: Some(sp(r)),
                    ..Parts::default()
                }),
                None => Err(()),
            });
        }
        // initials/agency
        if t.len() <= 48 {
            let scan = self.scan_parts(t);
            if scan.agencies > 0 && scan.others == 0 && scan.names == 0 && !scan.photo_agency {
                return Some(Ok(Parts {
                    who: scan.initials.map(sp),
                    agency: scan.agency.map(sp),
                    place: None,
                }));
            }
        }
        // Reuters: Reporting by X; Editing by Y
        for lead in [
            "Reporting by ",
            "Additional reporting by ",
            "Writing by ",
            "Editing by ",
            "Compiled by ",
            "Reported by ",
        ] {
            if t.len() > lead.len()
                && t.as_bytes()[..lead.len()].eq_ignore_ascii_case(lead.as_bytes())
            {
                let rest = &t[lead.len()..];
                let who_end = rest.find([';', '(', ')']).unwrap_or(rest.len());
                let who = rest[..who_end].trim_end_matches(|c: char| c == '.' || is_trim_char(c));
                let agency = self.agency_token(t).map(sp);
                return Some(Ok(Parts {
                    who: (!who.is_empty()).then(|| sp(range_in(t, who))),
                    agency,
                    place: None,
                }));
            }
        }
        // AP: "Associated Press writer X contributed to this report."
        if let Some(c) = t.find(" contributed") {
            let tail = t[c + 12..].trim_end_matches(['.', ' ']);
            let tail_ok = [
                "",
                " to this report",
                " to this story",
                " reporting",
                " to this article",
            ]
            .contains(&tail);
            let agency = self.agency_token(&t[..c]);
            // Without an agency: a staff credit (`Herald correspondent Jane Doe contributed
            // to this story.`), as short as an agency's.
            let staff = t[..c].split_whitespace().count() <= 12;
            if tail_ok && (agency.is_some() || staff) {
                let head = &t[..c];
                let who = [
                    "writers ",
                    "writer ",
                    "reporters ",
                    "reporter ",
                    "correspondents ",
                    "correspondent ",
                    "journalists ",
                    "journalist ",
                ]
                .iter()
                .find_map(|k| head.find(k).map(|i| i + k.len()))
                .map(|i| {
                    let w = &head[i..];
                    let w = w.find(" in ").map_or(w, |j| &w[..j]);
                    range_in(t, w.trim())
                })
                .filter(|r| r.1 > r.0);
                return Some(Ok(Parts {
                    who: who.map(sp),
                    agency: agency.map(sp),
                    place: None,
                }));
            }
        }
        // The last line being bare uppercase initials (`MA`).
        if last && (2..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_uppercase()) {
            return Some(Ok(Parts {
                who: Some(sp((0, t.len()))),
                ..Parts::default()
            }));
        }
        None
    }

    /// A dateline opening a paragraph: relative end of the dateline (separator included),
    /// start of the body, place and agency.
    /// `strict` (for a paragraph after the first) asks for an all-caps place or an agency.
    fn dateline(&self, s: &str, strict: bool) -> Option<DatelineMatch> {
        let b = s.as_bytes();
        let after_sep =
            |i: usize| i + (s[i..].len() - s[i..].trim_start_matches(is_trim_char).len());
        let starts_ok = |i: usize| !s[i..].chars().next().is_some_and(char::is_lowercase);
        // `(CNN) —`, `(CNN)Ukraine's ...`
        if b.first() == Some(&b'(') {
            let close = b[..b.len().min(16)].iter().position(|&c| c == b')')?;
            let inner = &s[1..close];
            let tag_like = !inner.is_empty()
                && inner.len() <= 12
                && inner.as_bytes()[0].is_ascii_uppercase()
                && inner
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'-' | b'.' | b'&'));
            if !tag_like {
                return None;
            }
            let j = after_sep(close + 1);
            if let Some(n) = separator_at(b, j) {
                let body = after_sep(j + n);
                return starts_ok(body).then_some((j + n, body, None, Some((1, close))));
            }
            let next = s[j..].chars().next()?;
            let ok = self.is_agency(inner)
                && (next.is_uppercase() || next.is_ascii_digit() || "\"“'‘".contains(next));
            return ok.then_some((close + 1, j, None, Some((1, close))));
        }
        // `PLACE[, Region][, Date] [(AGENCY)] --`
        let limit = b.len().min(100);
        let mut i = 1;
        let (sep, n) = loop {
            if i >= limit {
                return None;
            }
            if let Some(n) = separator_at(b, i) {
                break (i, n);
            }
            if matches!(b[i], b'.' | b'!' | b'?' | b'"' | b':' | b';')
                && b.get(i + 1) == Some(&b' ')
            {
                // A sentence or clause boundary before any dash: not a dateline, except after
                // an abbreviation (`Fla.`, `ST.`).
                if b[i] != b'.' || !abbrev_before(b, i) {
                    return None;
                }
            }
            i += 1;
        };
        let head = s[..sep].trim_end_matches(is_trim_char);
        let body = after_sep(sep + n);
        if head.is_empty() || !starts_ok(body) {
            return None;
        }
        // Agency: `(AP)` or a trailing known agency word (`Hong Kong CNN`).
        let mut agency = None;
        let mut rest = head;
        if head.ends_with(')') {
            let open = head.rfind('(')?;
            let inner = head[open + 1..head.len() - 1].trim();
            let tag_like = !inner.is_empty()
                && inner.len() <= 12
                && inner.as_bytes()[0].is_ascii_uppercase()
                && !inner.contains(' ');
            if !(self.is_agency(inner) || tag_like) {
                return None;
            }
            agency = Some(range_in(s, inner));
            rest = head[..open].trim_end();
        } else if let Some(sp) = head.rfind(' ') {
            let last = &head[sp + 1..];
            if self.is_agency(last) && last.bytes().any(|c| c.is_ascii_uppercase()) {
                agency = Some(range_in(s, last));
                rest = head[..sp].trim_end();
            }
        }
        // Date: `, March 26` / `, Dec 23` / `, March 26, 2024`.
        let mut place = rest;
        while let Some(c) = place.rfind(',') {
            let seg = place[c + 1..].trim();
            let is_year = seg.len() == 4 && seg.bytes().all(|d| d.is_ascii_digit());
            if is_date(seg)
                || (is_year
                    && place[..c]
                        .rfind(',')
                        .is_some_and(|d| is_date(place[d + 1..c].trim())))
            {
                place = place[..c].trim_end();
            } else {
                break;
            }
        }
        if place.is_empty() {
            return agency.map(|a| (sep + n, body, None, Some(a)));
        }
        if !place_like(place, agency.is_some(), strict) {
            return None;
        }
        Some((sep + n, body, Some(range_in(s, place)), agency))
    }

    /// The blocks of a text.
    pub(crate) fn structure(&self, text: &str) -> Vec<Block> {
        let mut lines = Vec::with_capacity(text.len() / 256 + 4);
        split_lines(text, &mut lines);
        let mut kinds: Vec<Kind> = lines
            .iter()
            .map(|l| self.classify(&text[l.start..l.end], l.start))
            .collect();
        let len = |i: usize| lines[i].end - lines[i].start;
        let n = lines.len();

        // Signatures at the end.
        let mut i = n;
        let mut found = 0;
        let mut last = true;
        while i > 0 && found < MAX_SIGNATURE_LINES {
            i -= 1;
            let l = lines[i];
            match kinds[i] {
                Kind::Boilerplate | Kind::ImageMarker => continue,
                Kind::Body | Kind::Credit(_) => {}
                _ => break,
            }
            match self.signature(&text[l.start..l.end], l.start, last) {
                Some(Ok(parts)) => {
                    kinds[i] = Kind::Signature(parts);
                    found += 1;
                }
                Some(Err(())) => kinds[i] = Kind::Boilerplate,
                None if matches!(kinds[i], Kind::Credit(_)) => {}
                None => break,
            }
            last = false;
        }

        // Captions: around credits and after image markers.
        for i in 0..n {
            match kinds[i] {
                Kind::ImageMarker
                    if i + 1 < n && kinds[i + 1] == Kind::Body && len(i + 1) <= CAPTION_MAX =>
                {
                    kinds[i + 1] = Kind::Caption;
                }
                Kind::Credit(_) => {
                    let prev = i.checked_sub(1).map(|p| (p, kinds[p]));
                    match prev {
                        Some((p, Kind::Body)) if len(p) <= CAPTION_MAX => kinds[p] = Kind::Caption,
                        Some((_, Kind::Caption | Kind::CaptionCredit { .. })) => {}
                        _ => {
                            // Credit before its caption (`Enlarge image` / credit / caption):
                            // the next line, if it is short and not the last.
                            if i + 2 < n
                                && kinds[i + 1] == Kind::Body
                                && len(i + 1) <= CAPTION_AFTER_MAX
                            {
                                let l = &text[lines[i + 1].start..lines[i + 1].end];
                                if self.dateline(l, false).is_none() {
                                    kinds[i + 1] = Kind::Caption;
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }

        // Title: the first line, when it reads like a headline.
        if n >= 2 && kinds[0] == Kind::Body && lines[0].blank_after {
            let s = &text[lines[0].start..lines[0].end];
            if looks_like_title(s) && self.dateline(s, false).is_none() {
                kinds[0] = Kind::Title;
            }
        }

        // Dateline: opening the first body paragraph, or one of the next two when those
        // before it are short (a standfirst or a byline came first).
        let mut tries = 0;
        for i in 0..n {
            if kinds[i] != Kind::Body {
                continue;
            }
            let l = lines[i];
            let s = &text[l.start..l.end];
            if let Some((end, body, place, agency)) = self.dateline(s, tries > 0) {
                kinds[i] = Kind::Dateline {
                    end: l.start + end,
                    body: l.start + body,
                    parts: Parts {
                        who: None,
                        agency: agency.map(|r| span(l.start, r)),
                        place: place.map(|r| span(l.start, r)),
                    },
                };
                break;
            }
            tries += 1;
            if tries >= 3 || s.len() > CAPTION_MAX {
                break;
            }
        }

        let mut blocks = Vec::with_capacity(n + 4);
        for (l, k) in lines.iter().zip(&kinds) {
            let whole = Span::new(l.start, l.end);
            let with = |kind, span, p: Parts| Block {
                kind,
                span,
                who: p.who,
                agency: p.agency,
                place: p.place,
            };
            match *k {
                Kind::Body => blocks.push(Block::new(BlockKind::Body, whole)),
                Kind::Title => blocks.push(Block::new(BlockKind::Title, whole)),
                Kind::Boilerplate | Kind::ImageMarker => {
                    blocks.push(Block::new(BlockKind::Boilerplate, whole))
                }
                Kind::Caption => blocks.push(Block::new(BlockKind::Caption, whole)),
                Kind::Credit(p) => blocks.push(with(BlockKind::Credit, whole, p)),
                Kind::Signature(p) => blocks.push(with(BlockKind::Signature, whole, p)),
                Kind::CaptionCredit {
                    caption_end,
                    credit_start,
                    parts,
                } => {
                    blocks.push(Block::new(
                        BlockKind::Caption,
                        Span::new(l.start, caption_end),
                    ));
                    blocks.push(with(
                        BlockKind::Credit,
                        Span::new(credit_start, l.end),
                        parts,
                    ));
                }
                Kind::Dateline { end, body, parts } => {
                    blocks.push(with(BlockKind::Dateline, Span::new(l.start, end), parts));
                    if body < l.end {
                        blocks.push(Block::new(BlockKind::Body, Span::new(body, l.end)));
                    }
                }
            }
        }
        blocks
    }
}

/// A dateline found at the start of a paragraph (relative offsets): end of the dateline,
/// start of the body after it, place, agency.
type DatelineMatch = (usize, usize, Option<(usize, usize)>, Option<(usize, usize)>);

/// Length of a dateline separator (`--`, `—`, `–`, `―`, ` - `) at byte `i`.
fn separator_at(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'-' if b.get(i + 1) == Some(&b'-') => {
            Some(b[i..].iter().take_while(|&&c| c == b'-').count())
        }
        b'-' if i > 0 && b[i - 1] == b' ' && matches!(b.get(i + 1), Some(b' ') | None) => Some(1),
        0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x93..=0x95)) => Some(3),
        _ => None,
    }
}

/// True when the period at `i` ends a short abbreviation (`Fla.`, `ST.`, `D.C.`).
fn abbrev_before(b: &[u8], i: usize) -> bool {
    let mut j = i;
    while j > 0 && b[j - 1].is_ascii_alphabetic() {
        j -= 1;
    }
    let w = i - j;
    (1..=4).contains(&w) && b[j].is_ascii_uppercase()
}

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `March 26`, `Dec. 23`, `26 March`.
fn is_date(seg: &str) -> bool {
    let mut month = false;
    let mut day = false;
    let mut words = 0;
    for w in seg.split_whitespace() {
        words += 1;
        let w = w.trim_end_matches('.');
        if w.len() <= 2 && !w.is_empty() && w.bytes().all(|d| d.is_ascii_digit()) {
            day = true;
        } else if w.len() <= 9 && MONTHS.iter().any(|m| m.eq_ignore_ascii_case(w)) {
            month = true;
        } else {
            return false;
        }
    }
    month && day && words == 2
}

/// `WASHINGTON`, `TALLAHASSEE, Fla.`, `RAFAH, Gaza Strip`, or with `mixed_ok` (an agency
/// follows) `Hong Kong`; always allowed: `Santa Barbara, California`.
fn place_like(place: &str, agency: bool, strict: bool) -> bool {
    let mut segs = place.split(',').map(str::trim);
    let first = segs.next().unwrap_or("");
    if first.is_empty() {
        return false;
    }
    let mut words = 0;
    let mut lower_in_first = false;
    let mut letters = 0;
    let word_ok = |w: &str, words: usize| {
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
            && w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || (words > 1 && PARTICLES.contains(&w)))
    };
    for w in first.split_whitespace() {
        words += 1;
        if !word_ok(w, words) {
            return false;
        }
        letters += w.chars().filter(|c| c.is_alphabetic()).count();
        lower_in_first |= w.chars().skip(1).any(char::is_lowercase);
    }
    let mut n_segs = 1;
    for seg in segs {
        n_segs += 1;
        let mut seg_words = 0;
        for w in seg.split_whitespace() {
            seg_words += 1;
            words += 1;
            if !word_ok(w, seg_words) {
                return false;
            }
        }
        if seg_words == 0 || seg_words > 3 {
            return false;
        }
    }
    if words > 6 || n_segs > 3 {
        return false;
    }
    let all_caps = !lower_in_first && (letters >= 3 || agency);
    all_caps || agency || (n_segs >= 2 && !strict)
}

/// A headline: 2 to 22 words, one sentence, no final period, colon, comma, semicolon or
/// exclamation mark.
fn looks_like_title(s: &str) -> bool {
    if s.len() > 150 || s.starts_with("By ") {
        return false;
    }
    let first = s.chars().next().unwrap_or(' ');
    if first.is_lowercase() {
        return false;
    }
    let words = s.split_whitespace().count();
    if !(2..=22).contains(&words) {
        return false;
    }
    let core = s.trim_end_matches(['"', '”', '’', '\'', ')', '»', '“']);
    if core.ends_with(['.', ':', ';', ',', '!', '…', '-', '–', '—']) {
        return false;
    }
    // A second sentence (`said. The`, `ago? Here`) makes it body.
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if matches!(c, b'.' | b'!' | b'?') && b.get(i + 1) == Some(&b' ') {
            let next_upper = s[i + 2..].chars().next().is_some_and(char::is_uppercase);
            let mut j = i;
            while j > 0 && b[j - 1].is_ascii_lowercase() {
                j -= 1;
            }
            let word_end = c != b'.' || i - j >= 2;
            if next_upper && word_end {
                return false;
            }
        }
    }
    true
}

/// Position of the `(` matching the `)` that ends `s`.
fn matching_open_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &c) in s.as_bytes().iter().enumerate().rev() {
        match c {
            b')' => depth += 1,
            b'(' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::assert_span;
    use BlockKind::*;

    const SEED: &str = include_str!("../../../tests/golden/seed/input.txt");

    fn run(text: &str) -> Document {
        let mut doc = Document::new(text);
        TextStructure::default().run(&mut doc);
        check(&doc);
        doc
    }

    /// Invariants every output must hold: valid, sorted, disjoint, trimmed, non-empty, and
    /// no letter or digit of the text outside a block.
    fn check(doc: &Document) {
        doc.validate()
            .unwrap_or_else(|e| panic!("{e} in {:?}", doc.text));
        let mut covered = 0usize;
        for b in &doc.blocks {
            let t = doc.slice(b.span);
            assert!(!t.is_empty(), "empty block in {:?}", doc.text);
            assert_eq!(
                t,
                t.trim_matches(is_trim_char),
                "untrimmed block in {:?}",
                doc.text
            );
            let gap = &doc.text[covered..b.span.start as usize];
            assert!(
                !gap.chars().any(char::is_alphanumeric),
                "text {gap:?} outside every block in {:?}",
                doc.text
            );
            covered = b.span.end as usize;
        }
        assert!(!doc.text[covered..].chars().any(char::is_alphanumeric));
    }

    fn kinds(doc: &Document) -> Vec<BlockKind> {
        doc.blocks.iter().map(|b| b.kind).collect()
    }

    fn texts(doc: &Document, kind: BlockKind) -> Vec<&str> {
        doc.blocks_of(kind).map(|b| doc.slice(b.span)).collect()
    }

    fn only(doc: &Document, kind: BlockKind) -> Block {
        let v: Vec<&Block> = doc.blocks_of(kind).collect();
        assert_eq!(
            v.len(),
            1,
            "expected one {kind:?} block in {:?}",
            kinds(doc)
        );
        *v[0]
    }

    #[test]
    fn stage_is_send_sync_and_lists_parse() {
        fn send_sync<T: Send + Sync + 'static>() {}
        send_sync::<TextStructure>();
        let s = TextStructure::default();
        for a in [
            "AP",
            "AFP",
            "Reuters",
            "dpa",
            "EFE",
            "ANSA",
            "Xinhua",
            "Kyodo",
            "UPI",
            "PA",
            "CNN",
            "Bloomberg",
            "TASS",
            "KNA",
            "epd",
            "REUTERS",
            "Getty Images",
        ] {
            assert!(s.is_agency(a), "{a} missing from agencies.txt");
        }
        assert!(s.lex.exact.len() > 100);
        assert_eq!(s.lex.exact.get(&b"enlarge image"[..]), Some(&true));
        assert!(!s.lex.credit_prefixes.is_empty() && !s.lex.caption_prefixes.is_empty());
        assert_eq!(s.name(), "TextStructure");
        assert_eq!(s.produces(), &[Layer::Blocks]);
    }

    #[test]
    fn seed_article_structure() {
        let doc = run(SEED);
        let k = kinds(&doc);
        assert_eq!(&k[..3], &[Boilerplate, Caption, Credit]);
        // The seed has 7 body paragraphs (lines 7 to 19 of the input).
        assert_eq!(&k[3..10], &[Body; 7]);
        assert_eq!(k[10], Signature);
        assert_eq!(k.len(), 11);
        assert!(doc.blocks_of(Title).next().is_none());
        assert!(doc.blocks_of(Dateline).next().is_none());
        assert_span!(doc, doc.blocks[0].span, "Enlarge image");
        assert_span!(
            doc,
            doc.blocks[1].span,
            "National Security Council Communications Director John Kirby in the White House: \"Still behind Israel\""
        );
        let credit = doc.blocks[2];
        assert_span!(doc, credit.span, "Photo: Jacquelyn Martin / AP");
        assert_span!(doc, credit.who.unwrap(), "Jacquelyn Martin");
        assert_span!(doc, credit.agency.unwrap(), "AP");
        let sig = doc.blocks[10];
        assert_span!(doc, sig.span, "lpz/dpa");
        assert_span!(doc, sig.who.unwrap(), "lpz");
        assert_span!(doc, sig.agency.unwrap(), "dpa");
        let body = texts(&doc, Body);
        assert!(body[0].starts_with("The cancellation of an Israeli delegation trip"));
        assert!(
            body[6].ends_with("\"It seems that they are still a long way from entering Rafah.\"")
        );
        // Every body paragraph of the input is a body block, whole.
        for para in SEED.split("\n\n").skip(3).take(7) {
            assert!(body.contains(&para.trim()), "{para:?} is not a body block");
        }
    }

    #[test]
    fn crlf_gives_the_same_blocks() {
        let crlf = SEED.replace('\n', "\r\n");
        let a = run(SEED);
        let b = run(&crlf);
        assert_eq!(kinds(&a), kinds(&b));
        for (x, y) in a.blocks.iter().zip(&b.blocks) {
            assert_eq!(a.slice(x.span), b.slice(y.span));
        }
        assert!(b.blocks.iter().all(|x| !b.slice(x.span).contains('\r')));
        assert_span!(b, b.blocks[10].who.unwrap(), "lpz");
        // Lone CR and Unicode separators break lines too.
        let doc = run("First paragraph.\rSecond one.\u{2029}Third one.\u{2028}lpz/dpa");
        assert_eq!(kinds(&doc), [Body, Body, Body, Signature]);
        assert_span!(doc, doc.blocks[2].span, "Third one.");
    }

    #[test]
    fn single_newlines_separate_paragraphs() {
        let text = SEED.replace("\n\n", "\n");
        let doc = run(&text);
        assert_eq!(kinds(&doc), kinds(&run(SEED)));
        let doc = run("Kirby spoke on Monday.\nHe said more.\nThen he left.");
        assert_eq!(
            texts(&doc, Body),
            ["Kirby spoke on Monday.", "He said more.", "Then he left."]
        );
    }

    #[test]
    fn one_line_texts() {
        let doc = run("Kirby says the US still supports Israel");
        assert_eq!(kinds(&doc), [Body], "a lone line is never a title");
        let doc = run("  Kirby spoke.  ");
        assert_eq!(kinds(&doc), [Body]);
        assert_span!(doc, doc.blocks[0].span, "Kirby spoke.");
        assert!(run("").blocks.is_empty());
        assert!(run(" \n\t\r\n ").blocks.is_empty());
        let doc = run("Advertisement");
        assert_eq!(kinds(&doc), [Boilerplate]);
    }

    #[test]
    fn whitespace_only_lines_are_blank() {
        let doc = run("\u{feff}  \n \t \nKirby spoke.\n   \n\u{a0}\u{200b}\n  He left.  \n \t");
        assert_eq!(texts(&doc, Body), ["Kirby spoke.", "He left."]);
        // A title needs a following blank line; a whitespace-only line counts as blank.
        let doc = run("Kirby says US still backs Israel\n \t \nKirby spoke on Monday.");
        assert_eq!(kinds(&doc), [Title, Body]);
    }

    #[test]
    fn title_only_when_it_reads_like_a_headline() {
        let doc = run("Kirby: \"Still behind Israel\"\n\nKirby spoke on Monday.");
        assert_eq!(kinds(&doc), [Title, Body]);
        assert_span!(doc, doc.blocks[0].span, "Kirby: \"Still behind Israel\"");
        let doc = run("Will Netanyahu cancel the trip?\n\nHe did.");
        assert_eq!(kinds(&doc), [Title, Body]);
        for text in [
            "Kirby says US still backs Israel.\n\nBody.",
            "Kirby says US still backs Israel\nBody follows without a blank line.",
            "Kirby said so. The US still backs Israel\n\nBody.",
            "Kirby says this:\n\nBody.",
            "Wow\n\nBody.",
            "It is over!\n\nBody.",
            "By John Smith\n\nBody.",
            "the prime minister's office seemed to indicate\n\nBody.",
        ] {
            let doc = run(text);
            assert_ne!(doc.blocks[0].kind, Title, "{text:?}");
        }
        // Not a title when a credit follows: then it is a caption.
        let doc = run("Kirby at the White House\n\nPhoto: Jacquelyn Martin / AP\n\nKirby spoke.");
        assert_eq!(kinds(&doc), [Caption, Credit, Body]);
    }

    #[test]
    fn credits_with_photographer_and_agency() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            (
                "Photo: Jacquelyn Martin / AP",
                Some("Jacquelyn Martin"),
                Some("AP"),
            ),
            ("Foto: Kay Nietfeld/dpa", Some("Kay Nietfeld"), Some("dpa")),
            (
                "Photograph: John Smith/Reuters",
                Some("John Smith"),
                Some("Reuters"),
            ),
            ("(AP Photo/Evan Vucci)", Some("Evan Vucci"), Some("AP")),
            ("Image: Getty Images", None, Some("Getty Images")),
            ("Credit: Reuters", None, Some("Reuters")),
            ("Getty Images", None, Some("Getty Images")),
            ("Reuters/John Smith", Some("John Smith"), Some("Reuters")),
            (
                "REUTERS/Evelyn Hockstein",
                Some("Evelyn Hockstein"),
                Some("REUTERS"),
            ),
            (
                "Saul Loeb/AFP via Getty Images",
                Some("Saul Loeb"),
                Some("AFP via Getty Images"),
            ),
            (
                "Photo: picture alliance / dpa / Kay Nietfeld",
                Some("Kay Nietfeld"),
                Some("picture alliance / dpa"),
            ),
            (
                "Photo by Chip Somodevilla/Getty Images",
                Some("Chip Somodevilla"),
                Some("Getty Images"),
            ),
            (
                "Photo: John Smith for The New York Times",
                Some("John Smith"),
                None,
            ),
            (
                "Photo: Ludwig van Beethoven",
                Some("Ludwig van Beethoven"),
                None,
            ),
        ];
        for &(line, who, agency) in cases {
            let text =
                format!("Kirby spoke on Monday and left.\n\n{line}\n\nHe came back on Tuesday.");
            let doc = run(&text);
            let c = only(&doc, Credit);
            assert_span!(doc, c.span, line);
            assert_eq!(c.who.map(|s| doc.slice(s)), who, "who of {line:?}");
            assert_eq!(c.agency.map(|s| doc.slice(s)), agency, "agency of {line:?}");
            assert_eq!(texts(&doc, Body).len(), 1, "{line:?}: {:?}", kinds(&doc));
            assert_eq!(
                texts(&doc, Caption),
                ["Kirby spoke on Monday and left."],
                "{line:?}"
            );
        }
    }

    #[test]
    fn captions() {
        // Caption prefixes.
        for line in [
            "Caption: Kirby in the White House",
            "Photo caption Kirby in the White House",
        ] {
            let doc = run(&format!("Kirby spoke.\n\n{line}\n\nHe left."));
            assert_eq!(kinds(&doc), [Body, Caption, Body], "{line:?}");
            assert_span!(doc, doc.blocks[1].span, line);
        }
        // A caption with an embedded credit: split in two.
        let doc = run("Kirby spoke.\n\nJohn Kirby speaks in the White House, March 25, 2024. (AP Photo/Evan Vucci)\n\nHe left.");
        assert_eq!(kinds(&doc), [Body, Caption, Credit, Body]);
        assert_span!(
            doc,
            doc.blocks[1].span,
            "John Kirby speaks in the White House, March 25, 2024."
        );
        assert_span!(doc, doc.blocks[2].span, "(AP Photo/Evan Vucci)");
        assert_span!(doc, doc.blocks[2].who.unwrap(), "Evan Vucci");
        assert_span!(doc, doc.blocks[2].agency.unwrap(), "AP");
        let doc = run(
            "Kirby spoke.\n\nKirby in the White House. Photo: Jacquelyn Martin / AP\n\nHe left.",
        );
        assert_eq!(kinds(&doc), [Body, Caption, Credit, Body]);
        assert_span!(doc, doc.blocks[1].span, "Kirby in the White House.");
        assert_span!(doc, doc.blocks[2].span, "Photo: Jacquelyn Martin / AP");
        assert_span!(doc, doc.blocks[2].who.unwrap(), "Jacquelyn Martin");
        // After an image marker, without a credit.
        let doc = run("Enlarge image\n\nKirby in the White House\n\nKirby spoke on Monday.");
        assert_eq!(kinds(&doc), [Boilerplate, Caption, Body]);
        // Credit first, caption after.
        let doc = run("Enlarge image\nPhoto: Jacquelyn Martin / AP\nKirby in the White House\nKirby spoke on Monday.\nHe left.");
        assert_eq!(kinds(&doc), [Boilerplate, Credit, Caption, Body, Body]);
        // A body paragraph ending in a parenthesis is not a caption.
        let doc = run("Kirby spoke (in Washington).\n\nThe poll (Reuters/Ipsos) was cited by the office (see below).");
        assert_eq!(kinds(&doc), [Body, Body]);
    }

    #[test]
    fn signatures() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("lpz/dpa", Some("lpz"), Some("dpa")),
            ("(lpz/dpa)", Some("lpz"), Some("dpa")),
            ("fab/dpa/AFP", Some("fab"), Some("dpa/AFP")),
            ("-- AFP", None, Some("AFP")),
            ("— Reuters", None, Some("Reuters")),
            ("(Reuters)", None, Some("Reuters")),
            ("AFP", None, Some("AFP")),
            ("© dpa-infocom, dpa:240326-99-471234/2", None, Some("dpa-infocom")),
            ("Copyright 2024 The Associated Press. All rights reserved.", None, Some("The Associated Press")),
            (
                "Reporting by Jeff Mason; Additional reporting by Steve Holland; Editing by Howard Goller",
                Some("Jeff Mason"),
                None,
            ),
            (
                "Associated Press writer Zeke Miller in Washington contributed to this report.",
                Some("Zeke Miller"),
                Some("Associated Press"),
            ),
        ];
        for &(line, who, agency) in cases {
            let text = format!("Kirby spoke on Monday.\n\nHe left on Tuesday.\n\n{line}\n");
            let doc = run(&text);
            assert_eq!(kinds(&doc), [Body, Body, Signature], "{line:?}");
            let s = doc.blocks[2];
            assert_span!(doc, s.span, line);
            assert_eq!(s.who.map(|x| doc.slice(x)), who, "who of {line:?}");
            assert_eq!(s.agency.map(|x| doc.slice(x)), agency, "agency of {line:?}");
        }
        // Reporting and editing on two lines, then trailing boilerplate.
        let doc = run(
            "Kirby spoke.\n\nReporting by Jeff Mason\nEditing by Howard Goller\n\nAdvertisement",
        );
        assert_eq!(kinds(&doc), [Body, Signature, Signature, Boilerplate]);
        // Only at the end: a last body sentence stays body, and so does a mid-text `AFP`.
        let doc = run("Kirby spoke.\n\nAFP\n\nHe said the agency contributed to the report.");
        assert_eq!(kinds(&doc), [Body, Body, Body]);
        // Copyright without an agency is boilerplate.
        let doc = run("Kirby spoke.\n\n© 2024 Example Media. All rights reserved.");
        assert_eq!(kinds(&doc), [Body, Boilerplate]);
    }

    #[test]
    fn datelines() {
        type Case<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, &'a str);
        let cases: &[Case] = &[
            (
                "WASHINGTON (AP) -- Kirby spoke.",
                "WASHINGTON (AP) --",
                Some("WASHINGTON"),
                Some("AP"),
                "Kirby spoke.",
            ),
            (
                "ATLANTA -- Federal officials warned.",
                "ATLANTA --",
                Some("ATLANTA"),
                None,
                "Federal officials warned.",
            ),
            (
                "LONDON (Reuters) - Markets fell.",
                "LONDON (Reuters) -",
                Some("LONDON"),
                Some("Reuters"),
                "Markets fell.",
            ),
            (
                "BERLIN, March 26 (Reuters) - Germany said.",
                "BERLIN, March 26 (Reuters) -",
                Some("BERLIN"),
                Some("Reuters"),
                "Germany said.",
            ),
            (
                "CLEAR LAKE, Iowa, Dec 23 (Reuters) - Haley rose.",
                "CLEAR LAKE, Iowa, Dec 23 (Reuters) -",
                Some("CLEAR LAKE, Iowa"),
                Some("Reuters"),
                "Haley rose.",
            ),
            (
                "(CNN) — Jack Ma waited.",
                "(CNN) —",
                None,
                Some("CNN"),
                "Jack Ma waited.",
            ),
            (
                "(CNN)Ukraine's army held.",
                "(CNN)",
                None,
                Some("CNN"),
                "Ukraine's army held.",
            ),
            (
                "KANSAS CITY, Mo. (AP) — A romance.",
                "KANSAS CITY, Mo. (AP) —",
                Some("KANSAS CITY, Mo."),
                Some("AP"),
                "A romance.",
            ),
            (
                "ST. LOUIS — A chase ended.",
                "ST. LOUIS —",
                Some("ST. LOUIS"),
                None,
                "A chase ended.",
            ),
            (
                "Hong Kong CNN  — Jack Ma waited.",
                "Hong Kong CNN  —",
                Some("Hong Kong"),
                Some("CNN"),
                "Jack Ma waited.",
            ),
            (
                "Santa Barbara, California—Reclusive, he worked.",
                "Santa Barbara, California—",
                Some("Santa Barbara, California"),
                None,
                "Reclusive, he worked.",
            ),
            (
                "SÃO PAULO – Brazil's real fell.",
                "SÃO PAULO –",
                Some("SÃO PAULO"),
                None,
                "Brazil's real fell.",
            ),
            (
                "VATICAN CITY (RNS) — The pope spoke.",
                "VATICAN CITY (RNS) —",
                Some("VATICAN CITY"),
                Some("RNS"),
                "The pope spoke.",
            ),
        ];
        for &(para, dl, place, agency, body) in cases {
            let text = format!("Kirby says US still backs Israel\n\n{para}\n\nSecond paragraph.");
            let doc = run(&text);
            assert_eq!(kinds(&doc), [Title, Dateline, Body, Body], "{para:?}");
            let d = doc.blocks[1];
            assert_span!(doc, d.span, dl);
            assert_eq!(d.place.map(|x| doc.slice(x)), place, "place of {para:?}");
            assert_eq!(d.agency.map(|x| doc.slice(x)), agency, "agency of {para:?}");
            assert_span!(doc, doc.blocks[2].span, body);
        }
        // A dateline alone on its line: no empty body block.
        let doc = run("New York CNN  — \n\nThe United States hit a milestone.");
        assert_eq!(kinds(&doc), [Dateline, Body]);
        assert_span!(doc, doc.blocks[0].place.unwrap(), "New York");
        // After a byline or a standfirst (then only with an all-caps place or an agency).
        let doc = run("By JOHN SMITH\n\nWASHINGTON (AP) — Kirby spoke.");
        assert_eq!(kinds(&doc), [Body, Dateline, Body]);
        let doc = run("The pope is angry.\n\nVATICAN CITY (RNS) — The pope spoke.");
        assert_eq!(kinds(&doc), [Body, Dateline, Body]);
        let doc = run("The pope is angry.\n\nSanta Barbara, California — Reclusive, he worked.");
        assert_eq!(kinds(&doc), [Body, Body]);
        // Only the first body paragraph; dashes in ordinary sentences are not datelines.
        for para in [
            "Babe, wake up — Glossier's sales are here.",
            "There's not long to wait – Happy Valley returns.",
            "The members of BTS are going solo — but don't worry.",
            "President Biden — who spoke on Monday — left.",
            "United Nations – The Security Council voted.",
            "Five of ESPN's top 10 heavyweights -- three of them former champions -- compete.",
            "Kirby said: \"We -- the US -- disagree.\"",
            "I - for one - disagree.",
            "The cancellation of an Israeli delegation trip to Washington is causing irritation there. It -- the trip -- was off.",
        ] {
            let doc = run(&format!("{para}\n\nSecond paragraph."));
            assert_eq!(kinds(&doc), [Body, Body], "{para:?}");
        }
        let long = "Kirby spoke at length. ".repeat(20);
        let doc = run(&format!("{long}\n\nWASHINGTON (AP) — Later paragraph."));
        assert_eq!(kinds(&doc), [Body, Body]);
        let doc = run("One.\n\nTwo.\n\nThree.\n\nWASHINGTON (AP) — Fourth paragraph.");
        assert_eq!(kinds(&doc), [Body, Body, Body, Body]);
    }

    #[test]
    fn boilerplate_lines() {
        for line in [
            "Advertisement",
            "ADVERTISEMENT",
            "Read more",
            "Read More: Kirby on the trip",
            "Share this article",
            "Share on Facebook",
            "Click here to subscribe",
            "Sign up for our newsletter",
            "Subscribe",
            "Related: Kirby on the trip",
            "Skip Advertisement",
            "Story continues below advertisement",
            "Image",
            "Open in app",
            "Listen to this article",
            "1 of 5",
            "Image 2 of 12",
            "View 50 Photos",
            "› Read more",
            "____",
            "* * *",
        ] {
            let doc = run(&format!(
                "Kirby spoke on Monday.\n\n{line}\n\nHe left on Tuesday."
            ));
            assert_eq!(kinds(&doc), [Body, Boilerplate, Body], "{line:?}");
            assert_span!(doc, doc.blocks[1].span, line);
        }
        // An image marker makes the short line after it a caption.
        let doc = run("Kirby spoke on Monday.\n\nEnlarge image\n\nHe left on Tuesday.");
        assert_eq!(kinds(&doc), [Body, Boilerplate, Caption]);
        // Sentences that merely start like boilerplate stay body.
        for line in [
            "Read more about the plan in the report.",
            "Subscribers to the service rose 5%.",
            "Share prices fell on Monday.",
            "Image quality matters, he said.",
            "Related issues were discussed.",
            "Photographs of the meeting were not released.",
            "Credit card debt rose.",
            "1 of 5 voters disagreed.",
        ] {
            let doc = run(&format!(
                "Kirby spoke on Monday.\n\n{line}\n\nHe left on Tuesday."
            ));
            assert_eq!(kinds(&doc), [Body, Body, Body], "{line:?}");
        }
    }

    /// Tricky inputs, built from fragments by a fixed pseudo-random sequence, must keep every
    /// invariant (see `check`) and never panic.
    #[test]
    fn property_blocks_are_valid_on_tricky_inputs() {
        const FRAGMENTS: &[&str] = &[
            "Enlarge image",
            "Photo: Jacquelyn Martin / AP",
            "lpz/dpa",
            "(AP Photo/Evan Vucci)",
            "WASHINGTON (AP) -- ",
            "(CNN) —",
            "(CNN)",
            "Kirby spoke.",
            "„Zitat“ – sagte er.",
            "Caption: x",
            "— ",
            "--",
            " - ",
            "(",
            ")",
            "/",
            "Photo:",
            "Foto: ",
            "©",
            "Ü",
            "日本語",
            "\u{200b}",
            "\u{a0}",
            "\u{feff}",
            "\r",
            "\n",
            "\n\n",
            "\r\n",
            "\u{2028}",
            " ",
            "\t",
            "Reporting by ",
            "contributed",
            "Advertisement",
            "1 of 5",
            "A",
            "é",
            "👍",
            ". ",
            ": ",
            "SÃO PAULO",
            ", March 26",
            "Getty Images",
            "Reuters/",
            "via ",
            "(Reuters)",
            "?",
            "\"",
            "“",
            "”",
            "«",
            "—AFP",
            "Mo. ",
            "(B/R) — ",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..next(24) {
                text.push_str(FRAGMENTS[next(FRAGMENTS.len())]);
            }
            run(&text);
        }
        // Each fragment alone, and the seed cut at every char boundary.
        for f in FRAGMENTS {
            run(f);
        }
        for (i, _) in SEED.char_indices().step_by(7) {
            run(&SEED[..i]);
            run(&SEED[i..]);
        }
    }

    #[test]
    fn blocks_filled_by_a_reader_are_kept() {
        let mut doc = Document::new("Headline\n\nWASHINGTON (AP) -- Body.");
        doc.blocks = vec![Block::new(BlockKind::Body, Span::new(0, 8))];
        TextStructure::default().run(&mut doc);
        assert_eq!(doc.blocks, [Block::new(BlockKind::Body, Span::new(0, 8))]);
    }

    #[test]
    fn rerun_replaces_blocks() {
        let mut doc = Document::new(SEED);
        let s = TextStructure::default();
        s.run(&mut doc);
        let first = doc.blocks.clone();
        s.run(&mut doc);
        assert_eq!(doc.blocks, first);
    }
}
