//! The pipeline stage: part-of-speech tags and named entities for a [`Document`].

use crate::ner::{NerModel, GAZ_NAT};
use crate::pos::{PosModel, Scratch};
use crate::ModelError;
use newsgraph_core::{Document, Entity, EntityLabel, Layer, Stage};

/// Fills [`Document::pos`] (one tag pair per token) and [`Document::entities`] with the
/// embedded (or given) models. A single-word MISC entity listed as a nationality in the
/// gazetteer (`Israeli`) becomes [`EntityLabel::Nationality`].
pub struct Tagger {
    pos: &'static PosModel,
    ner: &'static NerModel,
}

impl Tagger {
    /// The stage with the models compiled into the binary.
    pub fn embedded() -> Result<Tagger, ModelError> {
        Ok(Tagger {
            pos: crate::embedded_pos()?,
            ner: crate::embedded_ner()?,
        })
    }

    /// The stage with models loaded elsewhere (leaked: models live as long as the process).
    pub fn with_models(pos: PosModel, ner: NerModel) -> Tagger {
        Tagger {
            pos: Box::leak(Box::new(pos)),
            ner: Box::leak(Box::new(ner)),
        }
    }
}

impl Default for Tagger {
    /// The embedded models; they are checked by this crate's tests, so this cannot fail in
    /// a released build.
    fn default() -> Self {
        Tagger::embedded().expect("the embedded tagger models parse (checked by tests)")
    }
}

impl Stage for Tagger {
    fn name(&self) -> &'static str {
        "Tagger"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }

    fn produces(&self) -> &[Layer] {
        &[Layer::Pos, Layer::Entities]
    }

    fn run(&self, doc: &mut Document) {
        let mut sentences: Vec<Vec<&str>> = Vec::with_capacity(doc.sentences.len());
        let mut ranges = Vec::with_capacity(doc.sentences.len());
        for s in &doc.sentences {
            let a = doc.tokens.partition_point(|t| t.span.start < s.start);
            let b = doc.tokens.partition_point(|t| t.span.end <= s.end).max(a);
            ranges.push(a..b);
            sentences.push(
                doc.tokens[a..b]
                    .iter()
                    .map(|t| &doc.text[t.span.range()])
                    .collect(),
            );
        }
        // Tokens outside sentences (should not happen) get tagged as their own sentence.
        let mut sc = Scratch::default();
        let mut pos = Vec::with_capacity(doc.tokens.len());
        let prepared = NerModel::prepare_for_stage(self.ner, self.pos, &sentences, &mut sc);
        let mut covered = 0usize;
        for (r, p) in ranges.iter().zip(&prepared.pos) {
            while covered < r.start {
                let w = &doc.text[doc.tokens[covered].span.range()];
                pos.extend(self.pos.tag(&[w], &mut sc));
                covered += 1;
            }
            pos.extend_from_slice(p);
            covered = r.end;
        }
        while covered < doc.tokens.len() {
            let w = &doc.text[doc.tokens[covered].span.range()];
            pos.extend(self.pos.tag(&[w], &mut sc));
            covered += 1;
        }
        let mut entities = Vec::new();
        for ((r, spans), toks) in ranges.iter().zip(&prepared.spans).zip(&prepared.doc.sents) {
            for &(ty, s, e) in spans {
                let span = newsgraph_core::Span {
                    start: doc.tokens[r.start + s].span.start,
                    end: doc.tokens[r.start + e - 1].span.end,
                };
                let nat = e - s == 1 && toks[s].gaz & (0xf << (u32::from(GAZ_NAT) * 4)) != 0;
                let label = match ty {
                    0 => EntityLabel::Person,
                    1 => EntityLabel::Organization,
                    2 => EntityLabel::Location,
                    _ if nat => EntityLabel::Nationality,
                    _ => EntityLabel::Misc,
                };
                entities.push(Entity { span, label });
            }
        }
        doc.pos = pos;
        doc.entities = entities;
    }
}
