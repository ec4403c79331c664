//! Scores: token accuracy, and entity-level precision / recall / F1 as conlleval computes
//! them (an entity counts when its span and type both match exactly).

use std::collections::BTreeMap;

/// Entity spans `(type, first token, end token)` from a tag sequence in IOB1, IOB2, IOBES or
/// BILOU (conlleval's chunk rules: a chunk starts at B/S/U, at I after O or another type).
pub fn chunks(tags: &[&str]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, ty) = match t.split_once('-') {
            Some((p, ty)) if *t != "O" => (p, ty),
            _ => ("O", ""),
        };
        let starts = match prefix {
            "B" | "S" | "U" => true,
            "I" | "E" | "L" => !matches!(&open, Some((ot, _)) if ot == ty),
            _ => false,
        };
        if prefix == "O" || starts {
            if let Some((ot, s)) = open.take() {
                out.push((ot, s, i));
            }
        }
        if starts {
            open = Some((ty.to_string(), i));
        }
        if matches!(prefix, "S" | "U" | "E" | "L") {
            if let Some((ot, s)) = open.take() {
                out.push((ot, s, i + 1));
            }
        }
    }
    if let Some((ot, s)) = open {
        out.push((ot, s, tags.len()));
    }
    out
}

pub use newsgraph_core::Prf;

/// Entity-level scores, overall and per type.
#[derive(Debug, Clone, Default)]
pub struct NerScore {
    /// All types.
    pub all: Prf,
    /// Per type.
    pub by_type: BTreeMap<String, Prf>,
    /// Tokens whose tag matched.
    pub tokens_correct: usize,
    /// Tokens.
    pub tokens: usize,
}

impl NerScore {
    /// Adds one sentence.
    pub fn add(&mut self, gold: &[&str], pred: &[&str]) {
        let g = chunks(gold);
        let p = chunks(pred);
        for (ty, _, _) in &g {
            self.all.gold += 1;
            self.by_type.entry(ty.clone()).or_default().gold += 1;
        }
        for c in &p {
            self.all.pred += 1;
            let e = self.by_type.entry(c.0.clone()).or_default();
            e.pred += 1;
            if g.contains(c) {
                e.tp += 1;
                self.all.tp += 1;
            }
        }
        self.tokens += gold.len();
        self.tokens_correct += gold
            .iter()
            .zip(pred)
            .filter(|(a, b)| normal(a) == normal(b))
            .count();
    }

    /// A conlleval-like report.
    pub fn report(&self) -> String {
        let mut s = format!(
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.\n",
            self.tokens, self.all.gold, self.all.pred, self.all.tp
        );
        s += &format!(
            "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
            100.0 * self.tokens_correct as f64 / self.tokens.max(1) as f64,
            100.0 * self.all.p(),
            100.0 * self.all.r(),
            100.0 * self.all.f1()
        );
        for (ty, c) in &self.by_type {
            s += &format!(
                "{ty:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}\n",
                100.0 * c.p(),
                100.0 * c.r(),
                100.0 * c.f1(),
                c.pred
            );
        }
        s
    }
}

/// A tag in IOB2 terms, for token accuracy across encodings.
fn normal(t: &str) -> String {
    match t.split_once('-') {
        Some(("U" | "S", ty)) => format!("B-{ty}"),
        Some(("L" | "E", ty)) => format!("I-{ty}"),
        _ => t.to_string(),
    }
}
