//! `newsgraph eval events`: event coding against the paragraph gold of
//! `eval/gold/events/*.jsonl` (format in eval/gold/events/GUIDELINES.md).
//!
//! Events are matched per paragraph as multisets (a predicted event belongs to the paragraph
//! holding its trigger): event types; (type, source country, target country) triples; and
//! (type, date) pairs over events with a single-day date (precision over predicted events with
//! a day date, recall over gold events with a date). The gold's `date` is a day or null, and its
//! annotators left ranges (`this week`, `in February`, `last year`) null, so a predicted range
//! can be neither right nor wrong against it: ranges are counted and reported, not scored.

use anyhow::{bail, Context, Result};
use newsgraph_core::Document;
use newsgraph_core::Prf;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize)]
struct GoldEvent {
    #[serde(rename = "type")]
    kind: String,
    source: Option<String>,
    source_country: Option<String>,
    target: Option<String>,
    target_country: Option<String>,
    date: Option<String>,
    trigger: Option<Span>,
}

#[derive(Debug, Deserialize)]
struct GoldParagraph {
    corpus: String,
    article: String,
    article_date: Option<String>,
    paragraph: Span,
    text_sha1: Option<String>,
    events: Vec<GoldEvent>,
}

/// Adds the counts of one paragraph: gold and predicted items matched as multisets.
fn add_multiset<K: std::hash::Hash + Eq>(prf: &mut Prf, gold: Vec<K>, pred: Vec<K>) {
    prf.gold += gold.len();
    prf.pred += pred.len();
    let mut m: HashMap<K, i64> = HashMap::new();
    for g in gold {
        *m.entry(g).or_default() += 1;
    }
    for p in pred {
        if let Some(c) = m.get_mut(&p) {
            if *c > 0 {
                *c -= 1;
                prf.tp += 1;
            }
        }
    }
}

/// The three scores.
#[derive(Debug, Default, Clone, Copy)]
pub struct EventScores {
    /// Event types.
    pub types: Prf,
    /// (type, source country, target country).
    pub triples: Prf,
    /// (type, date) over events with a single-day date.
    pub dates: Prf,
    /// Predicted events dated by a range (not scored: the gold has days only).
    pub ranges: usize,
    /// Paragraphs scored.
    pub paragraphs: usize,
}

fn load_texts(naeb: &Path) -> Result<HashMap<String, (String, Option<String>)>> {
    #[derive(Deserialize)]
    struct A {
        #[serde(rename = "articleBody")]
        body: String,
        date: Option<String>,
    }
    let bytes = std::fs::read(naeb)
        .with_context(|| format!("{}: cannot read the NAEB articles", naeb.display()))?;
    let m: HashMap<String, A> = serde_json::from_slice(&bytes)
        .with_context(|| format!("{}: not a NAEB articles.json", naeb.display()))?;
    Ok(m.into_iter().map(|(k, v)| (k, (v.body, v.date))).collect())
}

/// Scores the pipeline on every `*.jsonl` under `gold` (a directory or one file). `verbose`
/// lists each paragraph's gold and predicted triples.
pub fn eval_events(
    gold: &Path,
    naeb: &Path,
    polnear: &Path,
    verbose: bool,
) -> Result<(String, EventScores)> {
    let files: Vec<PathBuf> = if gold.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(gold)
            .with_context(|| format!("{}: cannot read the gold directory", gold.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        v.sort();
        v
    } else {
        vec![gold.to_path_buf()]
    };
    if files.is_empty() {
        bail!("{}: no gold files (*.jsonl) found", gold.display());
    }
    let mut paragraphs = Vec::new();
    for f in &files {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("{}: cannot read", f.display()))?;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let p: GoldParagraph = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not a gold paragraph", f.display(), i + 1))?;
            paragraphs.push(p);
        }
    }
    let naeb_texts = if paragraphs.iter().any(|p| p.corpus == "naeb") {
        load_texts(naeb)?
    } else {
        HashMap::new()
    };
    let pipeline = crate::pipeline();
    let mut docs: HashMap<(String, String), Document> = HashMap::new();
    let mut s = EventScores::default();
    let mut out = String::new();
    let coder = newsgraph_events::EventCoder::default();
    let dict = coder.dictionary();
    let mut errors: Vec<(&'static str, usize)> = Vec::new();
    for p in &paragraphs {
        let key = (p.corpus.clone(), p.article.clone());
        if !docs.contains_key(&key) {
            let (text, date) = match p.corpus.as_str() {
                "naeb" => naeb_texts.get(&p.article).cloned().with_context(|| {
                    format!("gold article {} is not in {}", p.article, naeb.display())
                })?,
                "polnear" => {
                    let path = ["dev", "train", "test"]
                        .iter()
                        .map(|split| {
                            polnear
                                .join(split)
                                .join("text")
                                .join(format!("{}.txt", p.article))
                        })
                        .find(|f| f.exists())
                        .with_context(|| {
                            format!(
                                "gold article {} is not under {}",
                                p.article,
                                polnear.display()
                            )
                        })?;
                    (std::fs::read_to_string(&path)?, None)
                }
                c => bail!("unknown corpus `{c}` in the gold"),
            };
            if let Some(h) = &p.text_sha1 {
                let got = sha1_smol::Sha1::from(text.as_bytes()).digest().to_string();
                if &got != h {
                    bail!(
                        "gold article {}: the corpus text changed (sha1 {got}, gold made on {h})",
                        p.article
                    );
                }
            }
            let mut doc = Document::new(text);
            doc.meta.date = p.article_date.clone().or(date);
            pipeline.run(&mut doc);
            docs.insert(key.clone(), doc);
        }
        let doc = &docs[&key];
        let pred: Vec<&newsgraph_core::Event> = doc
            .events
            .iter()
            .filter(|e| {
                (e.trigger.start as usize) >= p.paragraph.start
                    && (e.trigger.start as usize) < p.paragraph.end
            })
            .collect();
        let country = |a: Option<newsgraph_core::ActorId>| {
            a.and_then(|a| doc.actor_codes.get(a.0 as usize))
                .and_then(|c| c.country.clone())
        };
        s.paragraphs += 1;
        add_multiset(
            &mut s.types,
            p.events.iter().map(|e| e.kind.clone()).collect(),
            pred.iter().map(|e| e.kind.as_str().to_string()).collect(),
        );
        let gt: Vec<_> = p
            .events
            .iter()
            .map(|e| {
                (
                    e.kind.clone(),
                    e.source_country.clone(),
                    e.target_country.clone(),
                )
            })
            .collect();
        let pt: Vec<_> = pred
            .iter()
            .map(|e| {
                (
                    e.kind.as_str().to_string(),
                    country(e.source),
                    country(e.target),
                )
            })
            .collect();
        if verbose && gt != pt {
            explain(doc, p, &pred, dict, &mut errors, &mut out);
        }
        add_multiset(&mut s.triples, gt, pt);
        add_multiset(
            &mut s.dates,
            p.events
                .iter()
                .filter_map(|e| e.date.clone().map(|d| (e.kind.clone(), d)))
                .collect(),
            pred.iter()
                .filter_map(|e| {
                    let d = e.date.clone().filter(|d| !d.contains('/'))?;
                    Some((e.kind.as_str().to_string(), d))
                })
                .collect(),
        );
        s.ranges += pred
            .iter()
            .filter(|e| e.date.as_deref().is_some_and(|d| d.contains('/')))
            .count();
    }
    let _ = writeln!(
        out,
        "events against {} ({} paragraphs)",
        gold.display(),
        s.paragraphs
    );
    for (name, x) in [
        ("type", s.types),
        ("type+source+target", s.triples),
        ("type+date", s.dates),
    ] {
        let _ = writeln!(
            out,
            "  {name:<20} P {:.3}  R {:.3}  F1 {:.3}  (tp {}, pred {}, gold {})",
            x.p(),
            x.r(),
            x.f1(),
            x.tp,
            x.pred,
            x.gold
        );
    }
    let _ = writeln!(
        out,
        "  ({} predicted events dated by a range, not scored: the gold dates days only)",
        s.ranges
    );
    if verbose {
        let _ = writeln!(out, "  error classes (events aligned by trigger):");
        errors.sort_by_key(|e| std::cmp::Reverse(e.1));
        for (class, n) in &errors {
            let _ = writeln!(out, "    {n:>4}  {class}");
        }
    }
    Ok((out, s))
}

/// The country code of an actor of `doc`.
fn country_of(doc: &Document, a: Option<newsgraph_core::ActorId>) -> Option<String> {
    a.and_then(|a| doc.actor_codes.get(a.0 as usize))
        .and_then(|c| c.country.clone())
}

fn bump(errors: &mut Vec<(&'static str, usize)>, class: &'static str) {
    match errors.iter_mut().find(|e| e.0 == class) {
        Some(e) => e.1 += 1,
        None => errors.push((class, 1)),
    }
}

/// The sentence holding `offset`, with `[` `]` around `mark`, on one line.
fn evidence(doc: &Document, offset: usize, mark: (usize, usize)) -> String {
    let (a, b) = doc
        .sentences
        .iter()
        .find(|s| (s.start as usize) <= offset && offset < s.end as usize)
        .map(|s| (s.start as usize, s.end as usize))
        .unwrap_or((offset, (offset + 1).min(doc.text.len())));
    let t = &doc.text;
    let (ms, me) = (mark.0.clamp(a, b), mark.1.clamp(a, b));
    if !t.is_char_boundary(ms) || !t.is_char_boundary(me) {
        return t[a..b].replace('\n', " ");
    }
    format!("{}[{}]{}", &t[a..ms], &t[ms..me], &t[me..b]).replace('\n', " ")
}

/// Lists one paragraph's errors: gold and predicted events aligned by trigger (overlapping
/// triggers, else the same type in the same sentence), each difference classified (missed:
/// no pattern starts with the trigger word / a pattern does but coded nothing; wrong type;
/// wrong or missing source; wrong or missing target; false trigger), with the evidence
/// sentence.
fn explain(
    doc: &Document,
    p: &GoldParagraph,
    pred: &[&newsgraph_core::Event],
    dict: &newsgraph_events::dict::Dictionary,
    errors: &mut Vec<(&'static str, usize)>,
    out: &mut String,
) {
    let _ = writeln!(
        out,
        "{} {}..{}",
        p.article, p.paragraph.start, p.paragraph.end
    );
    let name =
        |a: Option<newsgraph_core::ActorId>| a.map(|a| doc.actor(a).name.as_str()).unwrap_or("-");
    let sent_of = |o: usize| {
        doc.sentences
            .iter()
            .position(|s| (s.start as usize) <= o && o < s.end as usize)
    };
    let mut used = vec![false; pred.len()];
    let mut pair: Vec<Option<usize>> = vec![None; p.events.len()];
    // overlapping triggers first, then the same type in the same sentence
    for (g, e) in p.events.iter().enumerate() {
        let Some(t) = &e.trigger else { continue };
        if let Some(k) = (0..pred.len()).find(|&k| {
            !used[k]
                && (pred[k].trigger.start as usize) < t.end
                && t.start < pred[k].trigger.end as usize
        }) {
            used[k] = true;
            pair[g] = Some(k);
        }
    }
    for (g, e) in p.events.iter().enumerate() {
        let Some(t) = &e.trigger else { continue };
        if pair[g].is_some() {
            continue;
        }
        if let Some(k) = (0..pred.len()).find(|&k| {
            !used[k]
                && pred[k].kind.as_str() == e.kind
                && sent_of(pred[k].trigger.start as usize) == sent_of(t.start)
        }) {
            used[k] = true;
            pair[g] = Some(k);
        }
    }
    let c = |x: &Option<String>| x.clone().unwrap_or_else(|| "-".into());
    for (g, e) in p.events.iter().enumerate() {
        let (ts, te) = e
            .trigger
            .as_ref()
            .map(|t| (t.start, t.end))
            .unwrap_or((p.paragraph.start, p.paragraph.start));
        let gold = format!(
            "{} {} ({}) > {} ({})",
            e.kind,
            c(&e.source_country),
            e.source.as_deref().unwrap_or("-"),
            c(&e.target_country),
            e.target.as_deref().unwrap_or("-")
        );
        let mut classes: Vec<&'static str> = Vec::new();
        let predicted = match pair[g] {
            None => {
                let word = doc
                    .text
                    .get(ts..te)
                    .and_then(|w| w.split_whitespace().next())
                    .unwrap_or("")
                    .to_lowercase();
                classes.push(if dict.starts.contains_key(word.as_str()) {
                    "missed: trigger in the dictionary, no event coded"
                } else {
                    "missed: no pattern for the trigger"
                });
                String::new()
            }
            Some(k) => {
                let x = pred[k];
                if x.kind.as_str() != e.kind {
                    classes.push("wrong type");
                } else {
                    let (sc, tc) = (country_of(doc, x.source), country_of(doc, x.target));
                    if sc != e.source_country {
                        classes.push(match (&sc, &e.source_country) {
                            (None, _) => "source: none coded",
                            (_, None) => "source: coded, gold has none",
                            _ => "source: wrong country",
                        });
                    }
                    if tc != e.target_country {
                        classes.push(match (&tc, &e.target_country) {
                            (None, _) => "target: none coded",
                            (_, None) => "target: coded, gold has none",
                            _ => "target: wrong country",
                        });
                    }
                }
                if x.date != e.date {
                    classes.push(match (&x.date, &e.date) {
                        (None, _) => "date: none coded",
                        (_, None) => "date: coded, gold has none",
                        _ => "date: wrong",
                    });
                }
                format!(
                    " | pred {} {} ({}) > {} ({}) date {} (gold {})",
                    x.kind.as_str(),
                    c(&country_of(doc, x.source)),
                    name(x.source),
                    c(&country_of(doc, x.target)),
                    name(x.target),
                    x.date.as_deref().unwrap_or("-"),
                    e.date.as_deref().unwrap_or("-")
                )
            }
        };
        for cl in &classes {
            bump(errors, cl);
        }
        let status = if classes.is_empty() {
            "ok".to_string()
        } else {
            classes.join("; ")
        };
        let _ = writeln!(
            out,
            "  [{status}] gold {gold}{predicted}\n      {}",
            evidence(doc, ts, (ts, te))
        );
    }
    for (k, x) in pred.iter().enumerate() {
        if used[k] {
            continue;
        }
        bump(errors, "false trigger");
        let (ts, te) = (x.trigger.start as usize, x.trigger.end as usize);
        let _ = writeln!(
            out,
            "  [false trigger] pred {} {} ({}) > {} ({})\n      {}",
            x.kind.as_str(),
            c(&country_of(doc, x.source)),
            name(x.source),
            c(&country_of(doc, x.target)),
            name(x.target),
            evidence(doc, ts, (ts, te))
        );
    }
}
