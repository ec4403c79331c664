//! Titles and roles next to names: before the name (`national security adviser Tzachi
//! Hanegbi`), in an appositive after it (`Ron Dermer, Israel's strategic affairs minister`),
//! and photo credits (`Photo: Jacquelyn Martin / AP`).

use crate::lexicon::{flags, Gender, Lexicon, Target, TitleKind};
use crate::mentions::TokenView;
use newsgraph_core::{Document, Span};

/// `prime minister` -> `Prime Minister`.
pub fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) if !matches!(w, "of" | "the" | "and" | "for") => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                Some(_) => w.to_string(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The longest title phrase that ends right before token `at` (not before the sentence
/// start `a`): its first token and title index.
pub fn title_ending_at(v: &TokenView, at: usize, a: usize) -> Option<(usize, u32)> {
    let lo = at.saturating_sub(5).max(a);
    for st in lo..at {
        if let Some((n, Target::Title(t))) = v.phrase_at(st, at) {
            if st + n == at {
                return Some((st, t));
            }
        }
    }
    None
}

/// A title read from an appositive.
#[derive(Debug, Clone)]
pub struct Appositive {
    /// The title as written (`strategic affairs minister`).
    pub title: String,
    /// The country it names (`Israel's` -> `ISR`).
    pub country: Option<String>,
    /// The gender it tells.
    pub gender: Gender,
}

/// Reads `, [the|a|an] [Country's|Nationality|Org's|word's] modifiers* title` after a name
/// ending at token `e`.
pub fn appositive(lex: &Lexicon, v: &TokenView, e: usize, b: usize) -> Option<Appositive> {
    if e >= b || v.raw(e) != "," {
        return None;
    }
    let mut k = e + 1;
    if k < b && matches!(v.lc(k), "the" | "a" | "an" | "its" | "their") {
        k += 1;
    }
    let mut country = None;
    if k < b {
        if let Some((n, Target::Entry(id, _))) = v.phrase_at(k, b) {
            country = lex.entry(id).iso3.clone();
            k += n;
            if v.possessive(k) {
                k += 1;
            }
        } else if k + 1 < b && v.word(k) && v.possessive(k + 1) {
            k += 2;
        }
    }
    let from = k;
    // Up to three modifiers, then a title.
    while k < b && k < from + 4 {
        if let Some((n, Target::Title(t))) = v.phrase_at(k, b) {
            let title = &lex.titles[t as usize];
            if title.kind == TitleKind::Honorific {
                return None;
            }
            // Take the longest chain of title phrases (`deputy chief of staff`).
            let mut end = k + n;
            while end < b {
                match v.phrase_at(end, b) {
                    Some((m, Target::Title(_))) => end += m,
                    _ => break,
                }
            }
            return Some(Appositive {
                title: v.text[v.span(from, end).range()].to_string(),
                country,
                gender: title.gender,
            });
        }
        if !v.word(k) || v.is(k, flags::STOP | flags::SPEECH | flags::PRONOUN) {
            return None;
        }
        k += 1;
    }
    None
}

/// Reads a credit line without parts marked by the structure stage: `Photo: Jacquelyn
/// Martin / AP` -> (who, agency).
pub fn parse_credit(lex: &Lexicon, doc: &Document, span: Span) -> (Option<Span>, Option<Span>) {
    let text = doc.slice(span);
    let base = span.start as usize;
    let mut body_start = 0;
    if let Some(colon) = text.find(':') {
        body_start = colon + 1;
    } else {
        for p in [
            "Photo by",
            "Photograph by",
            "Photos by",
            "Image by",
            "Credit",
            "Foto",
        ] {
            if let Some(rest) = text.strip_prefix(p) {
                body_start = text.len() - rest.len();
                break;
            }
        }
    }
    let trim = |a: usize, b: usize| -> Option<Span> {
        let s = &text[a..b];
        let lead = s.len() - s.trim_start().len();
        let t = s.trim();
        (!t.is_empty()).then(|| Span::new(base + a + lead, base + a + lead + t.len()))
    };
    let body = &text[body_start..];
    match body.rfind(['/', '|']) {
        Some(slash) => {
            let who = trim(body_start, body_start + slash);
            let agency = trim(body_start + slash + 1, text.len());
            (who, agency)
        }
        None => {
            let all = trim(body_start, text.len());
            match all {
                Some(s) if lex.lookup_alias(doc.slice(s)).is_some() => (None, Some(s)),
                other => (other, None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_keeps_small_words() {
        assert_eq!(title_case("prime minister"), "Prime Minister");
        assert_eq!(title_case("secretary of state"), "Secretary of State");
    }

    #[test]
    fn credit_lines_split_into_photographer_and_agency() {
        let lex = Lexicon::builtin();
        let doc = Document::new("Photo: Jacquelyn Martin / AP");
        let (who, agency) = parse_credit(&lex, &doc, Span::new(0, doc.text.len()));
        newsgraph_core::assert_span!(doc, who.unwrap(), "Jacquelyn Martin");
        newsgraph_core::assert_span!(doc, agency.unwrap(), "AP");
        let doc = Document::new("Photo: Reuters");
        let (who, agency) = parse_credit(&lex, &doc, Span::new(0, doc.text.len()));
        assert!(who.is_none());
        newsgraph_core::assert_span!(doc, agency.unwrap(), "Reuters");
    }
}
