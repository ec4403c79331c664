//! The part-of-speech tagger: greedy left-to-right averaged perceptron over joint
//! UPOS+XPOS classes, with a tag dictionary for frequent unambiguous words and ambiguity
//! classes of the surrounding words.

use crate::corpus::PosSentence;
use crate::feats::{self, f1, f2, f3, Tok, END, START};
use crate::hash::{self, HashMap};
use crate::model::{self, argmax, Kind, Linear, Reader, Trainer, Writer};
use newsgraph_core::{Pos, Upos, Xpos};

/// One lexicon entry (keyed by the hash of the lower-case form).
#[derive(Clone, Copy, Debug, PartialEq)]
struct LexEntry {
    amb: u32,
    dict: u16,
}

/// A trained part-of-speech model.
#[derive(Clone, Debug)]
pub struct PosModel {
    classes: Vec<Pos>,
    lin: Linear,
    /// Second pass (sees the first pass's tags on both sides), if trained.
    lin2: Option<Linear>,
    lex: HashMap<LexEntry>,
    /// Free text saved with the model (corpus, settings).
    pub meta: String,
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct PosConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Shuffling seed.
    pub seed: u64,
    /// log2 of the weight table's rows.
    pub bits: u8,
    /// Use only the first N training sentences (0: all).
    pub limit: usize,
    /// Show a progress bar.
    pub progress: bool,
    /// Train a second pass that sees the first pass's tags on both sides.
    pub two_pass: bool,
}

impl Default for PosConfig {
    fn default() -> Self {
        PosConfig {
            epochs: 8,
            seed: 1,
            bits: 16,
            limit: 0,
            progress: false,
            two_pass: true,
        }
    }
}

/// Reusable buffers for tagging (no allocation per sentence once warm).
#[derive(Default)]
pub struct Scratch {
    pub(crate) buf: String,
    pub(crate) toks: Vec<Tok>,
    pub(crate) feats: Vec<u64>,
    pub(crate) scores: Vec<i32>,
    pub(crate) tags: Vec<u16>,
}

#[allow(dead_code)]
static XX: String = String::new();
const TAG_START: u64 = 0xffff_0001;
const TAG_START2: u64 = 0xffff_0002;

#[inline]
fn at(toks: &[Tok], i: isize) -> &Tok {
    if i < 0 {
        &START
    } else {
        toks.get(i as usize).unwrap_or(&END)
    }
}

/// The features of token `i` given the two previous tags.
#[inline]
fn features(s: &[Tok], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    let ii = i as isize;
    let w = &s[i];
    let (m1, m2, n1, n2) = (at(s, ii - 1), at(s, ii - 2), at(s, ii + 1), at(s, ii + 2));
    let fl = u64::from(w.flags & !feats::CAPS_SENTENCE);
    out.clear();
    out.extend_from_slice(&[
        f1(1, 0),
        f1(2, w.form),
        f1(3, w.lower),
        f1(4, w.suf[0]),
        f1(5, w.suf[1]),
        f1(6, w.suf[2]),
        f1(7, w.suf[3]),
        f1(8, w.pre[0]),
        f1(9, w.pre[1]),
        f1(10, w.pre[2]),
        f1(11, w.shape),
        f1(12, fl),
        f1(13, w.amb),
        f1(14, p1),
        f1(15, p2),
        f2(16, p1, p2),
        f2(17, p1, w.lower),
        f1(18, m1.lower),
        f1(19, m1.suf[2]),
        f1(20, m2.lower),
        f1(21, n1.lower),
        f1(22, n1.suf[2]),
        f1(23, n2.lower),
        f1(24, n1.amb),
        f1(25, n2.amb),
        f2(26, w.lower, n1.lower),
        f2(27, m1.lower, w.lower),
        f3(28, m1.short, w.short, n1.short),
        f2(29, w.amb, n1.amb),
        f2(30, p1, w.amb),
        f2(31, p1, n1.amb),
        f2(32, w.suf[2], fl & u64::from(feats::FIRST | feats::CAP)),
    ]);
}

impl PosModel {
    /// The classes (UPOS and XPOS pairs), by class id.
    pub fn classes(&self) -> &[Pos] {
        &self.classes
    }

    /// Number of rows x classes in the weight table, and lexicon entries.
    pub fn size(&self) -> (usize, usize, usize) {
        (1 << self.lin.bits, self.lin.ncls, self.lex.len())
    }

    /// Describes a sentence's words into `sc.toks`.
    pub(crate) fn prepare(&self, words: &[&str], sc: &mut Scratch) {
        sc.toks.clear();
        for w in words {
            let mut t = feats::describe(w, &mut sc.buf);
            if let Some(e) = self.lex.get(&t.lower) {
                t.amb = u64::from(e.amb);
                t.dict = e.dict;
            }
            sc.toks.push(t);
        }
        feats::sentence_flags(&mut sc.toks, words);
    }

    /// Tags prepared tokens (`sc.toks`) into `sc.tags` (class ids).
    pub(crate) fn tag_prepared(&self, sc: &mut Scratch) {
        let Scratch {
            toks,
            feats,
            scores,
            tags,
            ..
        } = sc;
        tag_pass(&self.lin, 1, toks, feats, scores, tags);
        if let Some(lin2) = &self.lin2 {
            for (t, &c) in toks.iter_mut().zip(tags.iter()) {
                t.pos = c;
            }
            tag_pass(lin2, 2, toks, feats, scores, tags);
        }
    }

    fn clone_meta(&self) -> PosModel {
        PosModel {
            classes: self.classes.clone(),
            lin: Linear::empty(8, 0),
            lin2: None,
            lex: self.lex.clone(),
            meta: self.meta.clone(),
        }
    }

    /// Tags one sentence of words.
    pub fn tag(&self, words: &[&str], sc: &mut Scratch) -> Vec<Pos> {
        self.prepare(words, sc);
        self.tag_prepared(sc);
        sc.tags.iter().map(|&c| self.classes[c as usize]).collect()
    }

    /// Trains a model. `dev`, when given, is scored after each epoch (shown, not used).
    pub fn train(
        train: &[PosSentence],
        dev: Option<&[PosSentence]>,
        cfg: &PosConfig,
    ) -> Result<PosModel, String> {
        let train = if cfg.limit > 0 && cfg.limit < train.len() {
            &train[..cfg.limit]
        } else {
            train
        };
        // Classes by frequency.
        let mut counts: std::collections::HashMap<(&str, &str), usize> = Default::default();
        for s in train {
            for (u, x) in s.upos.iter().zip(&s.xpos) {
                let x: &str = if std::env::var_os("NG_UPOS").is_some() {
                    "XX"
                } else {
                    x.as_str()
                };
                *counts.entry((u.as_str(), x)).or_default() += 1;
            }
        }
        let mut pairs: Vec<_> = counts.into_iter().collect();
        pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut classes = Vec::new();
        let mut index: std::collections::HashMap<(&str, &str), u16> = Default::default();
        for ((u, x), _) in &pairs {
            let pos = parse_pair(u, x)?;
            index.insert((u, x), classes.len() as u16);
            classes.push(pos);
        }
        if classes.is_empty() {
            return Err("no training sentences".into());
        }
        // Lexicon.
        let mut buf = String::new();
        let mut seen: HashMap<(usize, Vec<u32>)> = HashMap::default();
        for s in train {
            for (w, (u, x)) in s.words.iter().zip(s.upos.iter().zip(&s.xpos)) {
                let h = feats::lower_hash(w, &mut buf);
                let x: &str = if std::env::var_os("NG_UPOS").is_some() {
                    "XX"
                } else {
                    x.as_str()
                };
                let c = index[&(u.as_str(), x)] as usize;
                let e = seen.entry(h).or_insert_with(|| (0, vec![0; classes.len()]));
                e.0 += 1;
                e.1[c] += 1;
            }
        }
        let mut lex = HashMap::default();
        for (h, (n, per)) in &seen {
            if *n < 2 {
                continue;
            }
            let mut amb = 17u64;
            for (c, &k) in per.iter().enumerate() {
                if k > 0 {
                    amb = hash::mix(amb, c as u64);
                }
            }
            let (best, &k) = per
                .iter()
                .enumerate()
                .max_by_key(|(c, &k)| (k, usize::MAX - c))
                .unwrap();
            let dict = if std::env::var_os("NG_NODICT").is_none()
                && *n >= 20
                && k as f64 / *n as f64 >= 0.97
            {
                best as u16 + 1
            } else {
                0
            };
            lex.insert(
                *h,
                LexEntry {
                    amb: (hash::fin(amb) as u32) | 1,
                    dict,
                },
            );
        }
        let mut model = PosModel {
            classes,
            lin: Linear::empty(cfg.bits, 0),
            lin2: None,
            lex,
            meta: String::new(),
        };
        // Describe every sentence once.
        let mut sc = Scratch::default();
        let data: Vec<(Vec<Tok>, Vec<u16>)> = train
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                model.prepare(&words, &mut sc);
                let gold = s
                    .upos
                    .iter()
                    .zip(&s.xpos)
                    .map(|(u, x)| {
                        let x: &str = if std::env::var_os("NG_UPOS").is_some() {
                            "XX"
                        } else {
                            x.as_str()
                        };
                        index[&(u.as_str(), x)]
                    })
                    .collect();
                (sc.toks.clone(), gold)
            })
            .collect();
        let ncls = model.classes.len();
        let mut data = data;
        let mut rng = hash::Rng::new(cfg.seed);
        let folds = 4usize;
        let total = cfg.epochs * data.len() * if cfg.two_pass { 2 + folds } else { 1 };
        let bar = crate::progress_bar(cfg.progress, total as u64, "pos");
        let all: Vec<usize> = (0..data.len()).collect();
        let say = |msg: String| {
            if cfg.progress {
                bar.suspend(|| eprintln!("{msg}"));
            }
        };
        // Pass 1 on everything.
        model.lin = train_pass(
            &data,
            &all,
            ncls,
            cfg,
            1,
            &mut rng,
            &bar,
            &mut |lin, epoch| {
                if let Some(dev) = dev {
                    let m = PosModel {
                        lin: lin.clone(),
                        lin2: None,
                        ..model.clone_meta()
                    };
                    let s = m.evaluate(dev);
                    say(format!(
                        "pass 1 epoch {epoch}: dev UPOS {:.2}% XPOS {:.2}%",
                        100.0 * s.upos(),
                        100.0 * s.xpos()
                    ));
                }
            },
        );
        if cfg.two_pass {
            // Jackknifed pass-1 tags for the training data, so that pass 2 learns from
            // tags as wrong as they will be on new text.
            for k in 0..folds {
                let train_idx: Vec<usize> =
                    all.iter().copied().filter(|i| i % folds != k).collect();
                let lin = train_pass(
                    &data,
                    &train_idx,
                    ncls,
                    cfg,
                    1,
                    &mut rng,
                    &bar,
                    &mut |_, _| {},
                );
                let m = PosModel {
                    lin,
                    lin2: None,
                    ..model.clone_meta()
                };
                let mut sc = Scratch::default();
                for i in all.iter().copied().filter(|i| i % folds == k) {
                    sc.toks.clone_from(&data[i].0);
                    m.tag_prepared(&mut sc);
                    for (t, &c) in data[i].0.iter_mut().zip(&sc.tags) {
                        t.pos = c;
                    }
                }
            }
            let base = model.clone_meta();
            let lin1 = model.lin.clone();
            model.lin2 = Some(train_pass(
                &data,
                &all,
                ncls,
                cfg,
                2,
                &mut rng,
                &bar,
                &mut |lin, epoch| {
                    if let Some(dev) = dev {
                        let m = PosModel {
                            lin: lin1.clone(),
                            lin2: Some(lin.clone()),
                            ..base.clone_meta()
                        };
                        let s = m.evaluate(dev);
                        say(format!(
                            "pass 2 epoch {epoch}: dev UPOS {:.2}% XPOS {:.2}%",
                            100.0 * s.upos(),
                            100.0 * s.xpos()
                        ));
                    }
                },
            ));
        }
        bar.finish_and_clear();
        model.meta = format!(
            "trained on {} sentences, {} epochs, seed {}, 2^{} rows, {}",
            data.len(),
            cfg.epochs,
            cfg.seed,
            cfg.bits,
            if cfg.two_pass {
                "two passes"
            } else {
                "one pass"
            }
        );
        Ok(model)
    }

    /// Scores the model on gold sentences.
    pub fn evaluate(&self, gold: &[PosSentence]) -> PosScore {
        let mut s = PosScore::default();
        let mut sc = Scratch::default();
        let start = std::time::Instant::now();
        for sent in gold {
            let words: Vec<&str> = sent.words.iter().map(String::as_str).collect();
            let tags = self.tag(&words, &mut sc);
            for (((t, u), x), tok) in tags.iter().zip(&sent.upos).zip(&sent.xpos).zip(&sc.toks) {
                s.tokens += 1;
                if tok.amb == 0 {
                    s.unknown += 1;
                    s.unknown_upos_ok += usize::from(t.upos.as_str() == u);
                }
                if t.upos.as_str() != u {
                    *s.confusions
                        .entry((u.clone(), t.upos.as_str()))
                        .or_default() += 1;
                }
                s.upos_ok += usize::from(t.upos.as_str() == u);
                s.xpos_ok += usize::from(t.xpos.as_str() == x);
                s.both_ok += usize::from(t.upos.as_str() == u && t.xpos.as_str() == x);
            }
        }
        s.seconds = start.elapsed().as_secs_f64();
        s
    }

    /// Serializes the model into the file format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.str(&self.meta);
        w.var(self.classes.len() as u64);
        for c in &self.classes {
            w.str(c.upos.as_str());
            w.str(c.xpos.as_str());
        }
        let mut keys: Vec<_> = self.lex.iter().collect();
        keys.sort_by_key(|(k, _)| **k);
        w.var(keys.len() as u64);
        for (k, e) in keys {
            w.u64(*k);
            w.u32(e.amb);
            w.var(u64::from(e.dict));
        }
        self.lin.write(&mut w);
        match &self.lin2 {
            Some(l) => {
                w.u8(1);
                l.write(&mut w);
            }
            None => w.u8(0),
        }
        model::envelope(Kind::Pos, &w.0)
    }

    /// Parses a model file's bytes; `path` names the file in errors.
    pub fn from_bytes(data: &[u8], path: &str) -> Result<PosModel, model::ModelError> {
        Self::parse(data).map_err(|message| model::ModelError {
            path: path.to_string(),
            message,
        })
    }

    fn parse(data: &[u8]) -> Result<PosModel, String> {
        let body = model::open(Kind::Pos, data)?;
        let mut r = Reader::new(body);
        let meta = r.str("description")?.to_string();
        let n = r.count("class count", 4096)?;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let u = r.str("class")?;
            let x = r.str("class")?;
            classes.push(parse_pair(u, x)?);
        }
        let n = r.count("lexicon size", 10_000_000)?;
        let mut lex = HashMap::with_capacity_and_hasher(n, hash::Prehashed);
        for _ in 0..n {
            let k = r.u64("lexicon")?;
            let amb = r.u32("lexicon")?;
            let dict = r.var("lexicon")?;
            if dict > classes.len() as u64 {
                return Err(format!(
                    "lexicon refers to class {dict}, there are {}",
                    classes.len()
                ));
            }
            lex.insert(
                k,
                LexEntry {
                    amb,
                    dict: dict as u16,
                },
            );
        }
        let lin = Linear::read(&mut r)?;
        if lin.ncls != classes.len() {
            return Err(format!(
                "weight table has {} classes, the model lists {}",
                lin.ncls,
                classes.len()
            ));
        }
        let lin2 = match r.u8("second pass flag")? {
            0 => None,
            1 => {
                let l = Linear::read(&mut r)?;
                if l.ncls != classes.len() {
                    return Err("second-pass table has the wrong number of classes".into());
                }
                Some(l)
            }
            f => return Err(format!("second pass flag is {f}, expected 0 or 1")),
        };
        r.end()?;
        Ok(PosModel {
            classes,
            lin,
            lin2,
            lex,
            meta,
        })
    }
}

fn parse_pair(u: &str, x: &str) -> Result<Pos, String> {
    let upos = Upos::parse(u).ok_or_else(|| format!("unknown UPOS tag {u:?}"))?;
    let xpos = Xpos::parse(x).ok_or_else(|| format!("unknown XPOS tag {x:?}"))?;
    Ok(Pos { upos, xpos })
}

/// Part-of-speech accuracy.
#[derive(Debug, Clone, Default)]
pub struct PosScore {
    /// Tokens whose form is not in the model's lexicon (seen fewer than twice in training).
    pub unknown: usize,
    /// Of those, correct UPOS.
    pub unknown_upos_ok: usize,
    /// UPOS errors: (gold, predicted) -> count.
    pub confusions: std::collections::HashMap<(String, &'static str), usize>,
    /// Tokens scored.
    pub tokens: usize,
    /// Correct UPOS.
    pub upos_ok: usize,
    /// Correct XPOS.
    pub xpos_ok: usize,
    /// Both correct.
    pub both_ok: usize,
    /// Time spent tagging (including feature extraction), seconds.
    pub seconds: f64,
}

impl PosScore {
    /// UPOS accuracy.
    pub fn upos(&self) -> f64 {
        self.upos_ok as f64 / self.tokens.max(1) as f64
    }
    /// XPOS accuracy.
    pub fn xpos(&self) -> f64 {
        self.xpos_ok as f64 / self.tokens.max(1) as f64
    }
}

fn tag_pass(
    lin: &Linear,
    pass: u8,
    toks: &[Tok],
    feats: &mut Vec<u64>,
    scores: &mut Vec<i32>,
    tags: &mut Vec<u16>,
) {
    tags.clear();
    scores.resize(lin.ncls, 0);
    let (mut p1, mut p2) = (TAG_START, TAG_START2);
    for i in 0..toks.len() {
        let c = if toks[i].dict > 0 {
            toks[i].dict - 1
        } else {
            features(toks, i, p1, p2, feats);
            if pass == 2 {
                features2(toks, i, feats);
            }
            lin.score(feats, scores);
            argmax(scores, |_| true) as u16
        };
        tags.push(c);
        p2 = p1;
        p1 = u64::from(c);
    }
}

/// Pass-2 features: the first pass's tags around the token.
#[inline]
fn features2(s: &[Tok], i: usize, out: &mut Vec<u64>) {
    let ii = i as isize;
    let t = |j: isize| u64::from(at(s, j).pos);
    let w = &s[i];
    out.extend_from_slice(&[
        f1(101, t(ii + 1)),
        f1(102, t(ii + 2)),
        f2(103, t(ii + 1), t(ii + 2)),
        f2(104, t(ii - 1), t(ii + 1)),
        f2(105, w.lower, t(ii + 1)),
        f2(106, w.suf[2], t(ii + 1)),
        f1(107, t(ii)),
        f2(108, t(ii), w.lower),
        f3(109, t(ii - 1), t(ii), t(ii + 1)),
    ]);
}

#[allow(clippy::too_many_arguments)]
fn train_pass(
    data: &[(Vec<Tok>, Vec<u16>)],
    idx: &[usize],
    ncls: usize,
    cfg: &PosConfig,
    pass: u8,
    rng: &mut hash::Rng,
    bar: &indicatif::ProgressBar,
    after_epoch: &mut dyn FnMut(&Linear, usize),
) -> Linear {
    let mut tr = Trainer::new(cfg.bits, ncls);
    let mut order = idx.to_vec();
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0i32; ncls];
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for (k, &si) in order.iter().enumerate() {
            let (toks, gold) = &data[si];
            let (mut p1, mut p2) = (TAG_START, TAG_START2);
            for i in 0..toks.len() {
                let g = gold[i] as usize;
                let pred = if toks[i].dict > 0 {
                    (toks[i].dict - 1) as usize
                } else {
                    features(toks, i, p1, p2, &mut feats);
                    if pass == 2 {
                        features2(toks, i, &mut feats);
                    }
                    tr.score(&feats, &mut scores);
                    let p = argmax(&scores, |_| true);
                    tr.update(&feats, g, p);
                    p
                };
                tr.tick();
                p2 = p1;
                p1 = pred as u64;
            }
            if k % 512 == 0 {
                bar.inc(512);
            }
        }
        after_epoch(&tr.average(), epoch + 1);
    }
    tr.average()
}
