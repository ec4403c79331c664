//! `newsgraph eval quotes`: scores quotations against the hand-made gold of
//! `eval/gold/quotes/` (format in its GUIDELINES.md).

use anyhow::{bail, Context, Result};
use newsgraph_core::{Document, Quote, QuoteKind, Span};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

/// One gold quotation.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    /// direct | indirect | mixed.
    pub kind: QuoteKind,
    /// Content start (bytes).
    pub start: u32,
    /// Content end (bytes).
    pub end: u32,
    /// Speaker name, or null.
    pub speaker: Option<String>,
    /// Byte span of the source mention, when the gold marks it (PolNeAR).
    #[serde(skip)]
    pub source: Option<(u32, u32)>,
}

/// One gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    /// Article id in the corpus.
    pub article: String,
    /// Corpus name (`naeb`).
    #[serde(default)]
    pub corpus: String,
    /// SHA-1 of the article text.
    #[serde(default)]
    pub text_sha1: Option<String>,
    /// The quotations.
    pub quotes: Vec<GoldQuote>,
}

use newsgraph_core::Prf;

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores of one kind (or of all kinds together).
#[derive(Debug, Clone, Copy, Default)]
pub struct KindScore {
    /// Exact span match.
    pub exact: Prf,
    /// Overlap match (1:1, greedy by overlap size).
    pub overlap: Prf,
    /// Gold quotes with a speaker that an overlapping prediction matched.
    pub speaker_total: usize,
    /// ... whose predicted speaker has the same name.
    pub speaker_correct: usize,
}

impl KindScore {
    fn add(&mut self, o: &KindScore) {
        self.exact.add(o.exact);
        self.overlap.add(o.overlap);
        self.speaker_total += o.speaker_total;
        self.speaker_correct += o.speaker_correct;
    }
    /// Speaker accuracy over matched gold quotes with a speaker.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_correct, self.speaker_total)
    }
}

/// The four rows of the report: direct, indirect, mixed, all.
pub const ROWS: [&str; 4] = ["direct", "indirect", "mixed", "all"];

fn kind_filter(row: &str, k: QuoteKind) -> bool {
    match row {
        "direct" => k == QuoteKind::Direct,
        "indirect" => k == QuoteKind::Indirect,
        "mixed" => k == QuoteKind::Mixed,
        _ => true,
    }
}

/// Normalized speaker names match when equal, or when one is the other's surname, or when
/// every word of the shorter appears in the longer and they end with the same word.
pub fn same_speaker(gold: &str, pred: &str) -> bool {
    let norm = |s: &str| -> Vec<String> {
        let s = s.to_lowercase();
        let words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_end_matches("'s").to_string())
            .collect();
        words.into_iter().skip_while(|w| w == "the").collect()
    };
    let (g, p) = (norm(gold), norm(pred));
    if g.is_empty() || p.is_empty() {
        return false;
    }
    if g == p {
        return true;
    }
    let (short, long) = if g.len() <= p.len() {
        (&g, &p)
    } else {
        (&p, &g)
    };
    short.last() == long.last() && short.iter().all(|w| long.contains(w))
}

/// A predicted quote has the gold speaker when the names match, or, where the gold marks
/// the source mention, when the predicted speaker mention or any mention of the predicted
/// speaker overlaps it (a gold `he` is right when we resolved that `he`).
fn speaker_matches(
    doc: &Document,
    q: &Quote,
    gold_name: &str,
    gold_source: Option<(u32, u32)>,
) -> bool {
    let Some(a) = q.speaker else { return false };
    if same_speaker(gold_name, &doc.actor(a).name) {
        return true;
    }
    let Some((gs, ge)) = gold_source else {
        return false;
    };
    let src = Span { start: gs, end: ge };
    q.speaker_mention.is_some_and(|m| m.overlaps(src))
        || doc
            .mentions
            .iter()
            .any(|m| m.actor == Some(a) && m.span.overlaps(src))
}

/// Scores one article's predictions against its gold, per row of [`ROWS`].
pub fn score_article(doc: &Document, gold: &[GoldQuote]) -> [KindScore; 4] {
    let mut out = [KindScore::default(); 4];
    for (i, row) in ROWS.iter().enumerate() {
        let g: Vec<&GoldQuote> = gold.iter().filter(|q| kind_filter(row, q.kind)).collect();
        let p: Vec<&Quote> = doc
            .quotes
            .iter()
            .filter(|q| kind_filter(row, q.kind))
            .collect();
        let s = &mut out[i];
        s.exact = Prf {
            gold: g.len(),
            pred: p.len(),
            tp: g
                .iter()
                .filter(|gq| {
                    p.iter().any(|pq| {
                        pq.span
                            == Span {
                                start: gq.start,
                                end: gq.end,
                            }
                    })
                })
                .count(),
        };
        let pairs = match_overlap(&g, &p);
        s.overlap = Prf {
            gold: g.len(),
            pred: p.len(),
            tp: pairs.len(),
        };
        for (gi, pi) in pairs {
            if let Some(name) = &g[gi].speaker {
                s.speaker_total += 1;
                if speaker_matches(doc, p[pi], name, g[gi].source) {
                    s.speaker_correct += 1;
                }
            }
        }
    }
    out
}

/// 1:1 matching of overlapping spans, largest overlap first.
fn match_overlap(g: &[&GoldQuote], p: &[&Quote]) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (gi, gq) in g.iter().enumerate() {
        for (pi, pq) in p.iter().enumerate() {
            let ov = gq.end.min(pq.span.end) as i64 - gq.start.max(pq.span.start) as i64;
            if ov > 0 {
                cands.push((ov, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gu, mut pu) = (vec![false; g.len()], vec![false; p.len()]);
    let mut out = Vec::new();
    for (_, gi, pi) in cands {
        if !gu[gi] && !pu[pi] {
            gu[gi] = true;
            pu[pi] = true;
            out.push((gi, pi));
        }
    }
    out
}

/// Loads every `*.json` gold file of a directory, sorted by name.
pub fn load_gold(dir: &Path) -> Result<Vec<GoldArticle>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read the gold directory", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let b = std::fs::read(f).with_context(|| format!("{}: cannot read", f.display()))?;
            serde_json::from_slice(&b)
                .with_context(|| format!("{}: not a gold quotation file", f.display()))
        })
        .collect()
}

/// One article of a gold corpus with its text.
pub struct GoldText {
    /// Article id.
    pub id: String,
    /// The article text the offsets index.
    pub text: String,
    /// Gold quotations.
    pub quotes: Vec<GoldQuote>,
}

/// Loads the hand-made NAEB gold (`--gold DIR`) with the article texts, checking hashes.
pub fn load_naeb_gold(dir: &Path, naeb: &Path) -> Result<Vec<GoldText>> {
    let gold = load_gold(dir)?;
    if gold.is_empty() {
        bail!("{}: no gold files (*.json) found", dir.display());
    }
    let texts = crate::bench::naeb_by_id(naeb)?;
    gold.into_iter()
        .map(|g| {
            let text = texts
                .get(&g.article)
                .with_context(|| {
                    format!("gold article {} is not in {}", g.article, naeb.display())
                })?
                .clone();
            if let Some(h) = &g.text_sha1 {
                let got = sha1_smol::Sha1::from(text.as_bytes()).digest().to_string();
                if &got != h {
                    bail!(
                        "gold article {}: the corpus text changed (sha1 {got}, gold made on {h})",
                        g.article
                    );
                }
            }
            Ok(GoldText {
                id: g.article,
                text,
                quotes: g.quotes,
            })
        })
        .collect()
}

/// Which PolNeAR attributions to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolnearSet {
    /// Attributions whose cue is a speech verb, `according to`, a colon or a dash.
    Speech,
    /// Every attribution, beliefs and intentions included.
    All,
}

/// Loads a PolNeAR split (`<split>/text/*.txt`, `<split>/attributions/*_<annotator>.ann`,
/// brat standoff with code-point offsets). One annotator per article (the first by name).
/// Each piece of a discontinuous content span is one gold quotation (newsgraph reports a
/// quote split by its cue as two); quote marks at a piece's ends are trimmed and the kind
/// is direct when the piece was wholly quoted, mixed when it contains a quote mark,
/// indirect otherwise. `speech_verbs` is the quote stage's verb list (cue filter).
pub fn load_polnear(split: &Path, set: PolnearSet, speech_verbs: &str) -> Result<Vec<GoldText>> {
    let forms: std::collections::HashSet<String> = speech_verbs
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split(';').next())
        .flat_map(|l| {
            l.split_whitespace()
                .skip(1)
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    let is_speech = |cue: &str| {
        let c = cue.to_lowercase();
        c.contains("according to")
            || c.trim().is_empty()
            || c.trim() == ":"
            || c.contains('―')
            || c.contains('—')
            || c.split(|ch: char| !ch.is_alphabetic())
                .any(|w| forms.contains(w))
    };
    let mut anns: Vec<_> = std::fs::read_dir(split.join("attributions"))
        .with_context(|| {
            format!(
                "{}: not a PolNeAR split (no attributions/)",
                split.display()
            )
        })?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for ann in anns {
        let stem = ann.file_stem().unwrap().to_string_lossy().into_owned();
        let article = stem
            .rsplit_once('_')
            .map(|(a, _)| a.to_string())
            .unwrap_or(stem.clone());
        if !seen.insert(article.clone()) {
            continue;
        }
        let tpath = split.join("text").join(format!("{article}.txt"));
        let text = std::fs::read_to_string(&tpath)
            .with_context(|| format!("{}: cannot read", tpath.display()))?;
        // Code point index -> byte offset.
        let mut byte_at: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        byte_at.push(text.len() as u32);
        let ann_text = std::fs::read_to_string(&ann)
            .with_context(|| format!("{}: cannot read", ann.display()))?;
        let mut spans: HashMap<&str, Vec<(u32, u32)>> = HashMap::new();
        for (n, line) in ann_text.lines().enumerate() {
            let mut f = line.split('\t');
            let (Some(id), Some(desc)) = (f.next(), f.next()) else {
                continue;
            };
            if !id.starts_with('T') {
                continue;
            }
            let mut parts = desc.splitn(2, ' ');
            let _label = parts.next();
            let mut pieces = Vec::new();
            for r in parts.next().unwrap_or("").split(';') {
                let mut se = r.split_whitespace().map(|x| x.parse::<usize>());
                match (se.next(), se.next()) {
                    (Some(Ok(s)), Some(Ok(e))) if s <= e && e < byte_at.len() => {
                        pieces.push((byte_at[s], byte_at[e]))
                    }
                    _ => bail!("{} line {}: bad span {:?}", ann.display(), n + 1, desc),
                }
            }
            spans.insert(id, pieces);
        }
        let mut quotes = Vec::new();
        for line in ann_text.lines().filter(|l| l.starts_with('E')) {
            let Some(args) = line.split('\t').nth(1) else {
                continue;
            };
            let role = |r: &str| {
                args.split_whitespace()
                    .find_map(|a| a.strip_prefix(r).and_then(|x| x.strip_prefix(':')))
                    .and_then(|t| spans.get(t))
            };
            let Some(content) = role("Content") else {
                continue;
            };
            let cue_text: String = role("Cue")
                .map(|c| {
                    c.iter()
                        .map(|&(s, e)| &text[s as usize..e as usize])
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            if set == PolnearSet::Speech && !is_speech(&cue_text) {
                continue;
            }
            let source = role("Source").map(|s| (s[0].0, s.last().unwrap().1));
            let speaker = source.map(|(s, e)| text[s as usize..e as usize].to_string());
            for &(s, e) in content {
                let piece = &text[s as usize..e as usize];
                let is_q = |c: char| matches!(c, '"' | '“' | '”' | '«' | '»' | '„');
                let t = piece.trim();
                let lead = piece.len() - piece.trim_start().len();
                let wholly = t.starts_with(is_q) && t.trim_end_matches(['.', ',']).ends_with(is_q);
                let inner = t
                    .trim_start_matches(is_q)
                    .trim_end_matches(|c: char| is_q(c) || c == ',');
                let kind = if wholly && !inner.contains(is_q) {
                    QuoteKind::Direct
                } else if t.contains(is_q) {
                    QuoteKind::Mixed
                } else {
                    QuoteKind::Indirect
                };
                let (qs, qe) = if kind == QuoteKind::Direct {
                    let off = s as usize + lead + (t.len() - t.trim_start_matches(is_q).len());
                    (off as u32, (off + inner.len()) as u32)
                } else {
                    (
                        (s as usize + lead) as u32,
                        (s as usize + lead + t.len()) as u32,
                    )
                };
                if qe > qs {
                    quotes.push(GoldQuote {
                        kind,
                        start: qs,
                        end: qe,
                        speaker: speaker.clone(),
                        source,
                    });
                }
            }
        }
        quotes.sort_by_key(|q| (q.start, q.end));
        out.push(GoldText {
            id: article,
            text,
            quotes,
        });
    }
    if out.is_empty() {
        bail!("{}: no PolNeAR articles found", split.display());
    }
    Ok(out)
}

/// Scores the default pipeline on gold articles; returns the report and per-row scores.
pub fn eval_quotes(
    gold: &[GoldText],
    label: &str,
    verbose: bool,
) -> Result<(String, [KindScore; 4])> {
    let pipeline = crate::pipeline();
    let mut total = [KindScore::default(); 4];
    let mut report = String::new();
    for g in gold {
        let mut doc = Document::new(g.text.as_str());
        doc.meta.id = g.id.clone();
        pipeline.run(&mut doc);
        for q in &g.quotes {
            if doc.span(q.start as usize, q.end as usize).is_none() {
                bail!(
                    "gold article {}: quote {}..{} is not a valid span of the text",
                    g.id,
                    q.start,
                    q.end
                );
            }
        }
        let s = score_article(&doc, &g.quotes);
        for (t, s) in total.iter_mut().zip(&s) {
            t.add(s);
        }
        if verbose {
            verbose_diff(&mut report, &doc, &g.id, &g.quotes);
        }
    }
    let n: usize = gold.iter().map(|g| g.quotes.len()).sum();
    let _ = writeln!(
        report,
        "quotations: {} articles, {} gold quotations ({label})",
        gold.len(),
        n
    );
    let _ = writeln!(
        report,
        "{:<9} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>8}",
        "kind", "gold", "pred", "exP", "exR", "exF1", "ovP", "ovR", "ovF1", "speaker"
    );
    for (row, s) in ROWS.iter().zip(&total) {
        let _ = writeln!(
            report,
            "{:<9} {:>5} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} | {:>8.3}",
            row,
            s.exact.gold,
            s.exact.pred,
            s.exact.p(),
            s.exact.r(),
            s.exact.f1(),
            s.overlap.p(),
            s.overlap.r(),
            s.overlap.f1(),
            s.speaker_accuracy()
        );
    }
    let _ = writeln!(
        report,
        "ex = exact span match; ov = any overlap, matched 1:1; speaker = accuracy over gold quotes \
         with a speaker that an overlapping prediction of the same kind matched"
    );
    Ok((report, total))
}

fn verbose_diff(out: &mut String, doc: &Document, id: &str, gold: &[GoldQuote]) {
    let clip = |s: &str| -> String {
        let s: String = s.chars().take(90).collect();
        s.replace('\n', " ")
    };
    let _ = writeln!(out, "--- {id}");
    for gq in gold {
        let hit = doc
            .quotes
            .iter()
            .find(|p| p.kind == gq.kind && p.span.start < gq.end && gq.start < p.span.end);
        let gt = clip(&doc.text[gq.start as usize..gq.end as usize]);
        match hit {
            None => {
                let _ = writeln!(
                    out,
                    "  MISS  {:?} [{}] {gt}",
                    gq.kind,
                    gq.speaker.as_deref().unwrap_or("-")
                );
            }
            Some(p) => {
                let who = p.speaker.map(|a| doc.actor(a).name.as_str()).unwrap_or("-");
                let exact = p.span.start == gq.start && p.span.end == gq.end;
                let sp_ok = gq.speaker.as_deref().is_none_or(|n| same_speaker(n, who));
                if !exact || !sp_ok {
                    let _ = writeln!(
                        out,
                        "  {}{} {:?} gold [{}] {gt}\n               pred [{who}] {}",
                        if exact { "    " } else { "SPAN" },
                        if sp_ok { "    " } else { " WHO" },
                        gq.kind,
                        gq.speaker.as_deref().unwrap_or("-"),
                        clip(doc.slice(p.span))
                    );
                }
            }
        }
    }
    for p in &doc.quotes {
        let any = gold
            .iter()
            .any(|gq| p.kind == gq.kind && p.span.start < gq.end && gq.start < p.span.end);
        if !any {
            let who = p.speaker.map(|a| doc.actor(a).name.as_str()).unwrap_or("-");
            let _ = writeln!(
                out,
                "  FALSE {:?} [{who}] {}",
                p.kind,
                clip(doc.slice(p.span))
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_names_match_forgivingly_but_not_across_people() {
        assert!(same_speaker("Andrew Turnage", "Turnage"));
        assert!(same_speaker("John Kirby", "john kirby"));
        assert!(same_speaker("the DEA", "DEA"));
        assert!(!same_speaker("Joe Biden", "Hunter Biden"));
        assert!(!same_speaker("John Kirby", "Benjamin Netanyahu"));
        assert!(!same_speaker("", "Kirby"));
    }

    #[test]
    fn scores_exact_and_overlap_matches_one_to_one() {
        let mut doc = Document::new("He said \"abc def\" and \"ghi\".");
        doc.actors.push(newsgraph_core::Actor {
            id: newsgraph_core::ActorId(0),
            name: "Kirby".into(),
            kind: newsgraph_core::ActorKind::Person,
            titles: vec![],
            country: None,
        });
        let q = |s: usize, e: usize| Quote {
            kind: QuoteKind::Direct,
            span: Span::new(s, e),
            speaker: Some(newsgraph_core::ActorId(0)),
            speaker_mention: None,
            cue: None,
        };
        doc.quotes = vec![q(9, 16), q(24, 26)];
        let gold = vec![
            GoldQuote {
                kind: QuoteKind::Direct,
                start: 9,
                end: 16,
                speaker: Some("John Kirby".into()),
                source: None,
            },
            GoldQuote {
                kind: QuoteKind::Direct,
                start: 23,
                end: 26,
                speaker: Some("Biden".into()),
                source: None,
            },
            GoldQuote {
                kind: QuoteKind::Indirect,
                start: 0,
                end: 2,
                speaker: None,
                source: None,
            },
        ];
        let s = score_article(&doc, &gold);
        assert_eq!(
            s[0].exact,
            Prf {
                gold: 2,
                pred: 2,
                tp: 1
            }
        );
        assert_eq!(
            s[0].overlap,
            Prf {
                gold: 2,
                pred: 2,
                tp: 2
            }
        );
        assert_eq!((s[0].speaker_correct, s[0].speaker_total), (1, 2));
        assert_eq!(
            s[1].overlap,
            Prf {
                gold: 1,
                pred: 0,
                tp: 0
            }
        );
        assert_eq!(
            s[3].overlap,
            Prf {
                gold: 3,
                pred: 2,
                tp: 2
            }
        );
    }
}
