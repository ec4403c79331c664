//! The part-of-speech tagger: greedy left-to-right averaged perceptron over joint
//! UPOS+XPOS classes, with a tag dictionary for frequent unambiguous words and ambiguity
//! classes of the surrounding words.

use crate::clusters::Clusters;
use crate::corpus::PosSentence;
use crate::feats::{self, f1, f2, f3, Tok, END, START};
use crate::hash::{self, HashMap};
use crate::model::{self, argmax, ensemble_note, Dense, Kind, Reader, Trainer, Writer};
use crate::wordlist;
use newsgraph_core::{Pos, Upos, Xpos};

/// Number of UPOS classes (class id = `Upos as usize`).
const NU: usize = Upos::ALL.len();
/// Number of XPOS classes (class id = `Xpos as usize`).
const NX: usize = Xpos::ALL.len();

/// One lexicon entry (keyed by the hash of the lower-case form).
#[derive(Clone, Copy, Debug, PartialEq)]
struct LexEntry {
    /// Hash of the set of (UPOS, XPOS) pairs seen with the form.
    amb: u32,
    /// UPOS + 1 for frequent words (nearly) always seen with one UPOS, else 0.
    dict: u16,
    /// Word-list bits ([`crate::wordlist`]).
    wl: u16,
}

/// A trained part-of-speech model: UPOS by one or two greedy passes over 17 classes, then
/// the Penn Treebank tag chosen among those seen with the word and its UPOS (a third, small
/// model scores only the tokens left with more than one candidate).
#[derive(Clone, Debug)]
pub struct PosModel {
    lin: Dense,
    /// Second pass (sees the first pass's tags on both sides), if trained.
    lin2: Option<Dense>,
    /// XPOS given UPOS.
    xlin: Dense,
    lex: HashMap<LexEntry>,
    /// `xkey(lower, upos)` -> mask of the XPOS seen with that word and UPOS (twice or more).
    xlex: HashMap<u64>,
    /// Per UPOS: mask of the XPOS seen with it (for words not in `xlex`).
    xdef: [u64; NU],
    /// Word classes learned from raw text.
    pub clusters: Clusters,
    /// Word lists: ([`wordlist::key`] of the lower-case form, bits) sorted by key, for words
    /// not in `lex`.
    wlex: Vec<(u32, u16)>,
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
    /// Word classes (features; saved with the model).
    pub clusters: Clusters,
    /// Perceptrons trained on different shuffles of the data whose averaged weights are
    /// averaged again into one table (same tagging cost; training takes this many times
    /// longer). 1: a single perceptron.
    pub ensemble: usize,
    /// Ambiguity classes of the training tokens are computed from the other folds of this
    /// many (jackknifed, so that unknown and rare words are as common as on new text);
    /// 0 or 1: from all the training data.
    pub lex_folds: usize,
    /// Word lists ([`wordlist::read`]: lower-case word, bits); copied into the model.
    pub words: Vec<(String, u16)>,
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
            clusters: Clusters::default(),
            ensemble: 3,
            lex_folds: 10,
            words: Vec::new(),
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
    /// UPOS class ids.
    pub(crate) tags: Vec<u16>,
    /// XPOS class ids.
    pub(crate) xtags: Vec<u16>,
    /// Pass 1 was sure of the token's tag.
    pub(crate) sure: Vec<bool>,
}

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

#[inline]
fn xkey(lower: u64, upos: u16) -> u64 {
    hash::mix(lower, u64::from(upos) + 0x55)
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
    if w.amb == 0 {
        // Word classes, for words unknown to the lexicon only.
        out.extend_from_slice(&[
            f1(33, u64::from(w.cf)),
            f1(34, u64::from(w.cc)),
            f1(35, u64::from(w.cr)),
            f2(38, p1, u64::from(w.cc)),
        ]);
        let wl = u64::from(w.wl);
        out.extend_from_slice(&[
            f1(44, u64::from(n1.cc)),
            f1(45, u64::from(m1.cc)),
            f2(46, u64::from(w.cf), p1),
            f2(47, u64::from(w.cr), n1.amb),
            // Word lists.
            f1(60, wl),
            f2(61, wl, fl & u64::from(feats::FIRST | feats::CAP)),
            f2(62, wl, p1),
            f2(63, wl, w.suf[1]),
            f1(66, u64::from(n1.wl)),
            f1(67, u64::from(m1.wl)),
        ]);
    }
    out.extend_from_slice(&[
        f1(52, m1.amb),
        f2(53, m1.amb, w.amb),
        f1(54, n1.shape),
        f1(64, u64::from(w.wl)),
        f2(
            65,
            u64::from(w.wl),
            fl & u64::from(feats::FIRST | feats::CAP),
        ),
    ]);
}

/// XPOS features of token `i` (UPOS tags `u`, previous XPOS `px`).
#[inline]
fn xfeatures(s: &[Tok], u: &[u16], i: usize, px: u64, out: &mut Vec<u64>) {
    let ii = i as isize;
    let w = &s[i];
    let t = |j: isize| -> u64 {
        if j < 0 {
            TAG_START
        } else {
            u.get(j as usize).map_or(TAG_START2, |&c| u64::from(c))
        }
    };
    let (m1, n1) = (at(s, ii - 1), at(s, ii + 1));
    let ut = t(ii);
    out.clear();
    out.extend_from_slice(&[
        f1(201, ut),
        f2(202, ut, w.lower),
        f1(203, w.suf[0]),
        f1(204, w.suf[1]),
        f1(205, w.suf[2]),
        f1(206, w.shape),
        f2(
            207,
            ut,
            u64::from(w.flags & (feats::CAP | feats::FIRST | feats::ALLCAPS)),
        ),
        f2(208, ut, t(ii - 1)),
        f2(209, ut, t(ii + 1)),
        f3(210, ut, t(ii - 1), t(ii + 1)),
        f1(211, m1.lower),
        f1(212, n1.lower),
        f1(213, px),
        f1(214, at(s, ii - 2).lower),
        f3(215, ut, t(ii - 2), t(ii - 1)),
        f1(216, w.amb),
        f2(217, px, t(ii + 1)),
        f2(218, m1.lower, w.lower),
    ]);
}

impl PosModel {
    /// Number of rows x classes of the UPOS table, and lexicon entries.
    pub fn size(&self) -> (usize, usize, usize) {
        (1 << self.lin.bits, self.lin.ncls, self.lex.len())
    }

    /// The tag pair of UPOS and XPOS class ids.
    #[inline]
    pub(crate) fn pair(u: u16, x: u16) -> Pos {
        Pos {
            upos: Upos::ALL[u as usize],
            xpos: Xpos::ALL[x as usize],
        }
    }

    /// Describes a sentence's words into `sc.toks`.
    pub(crate) fn prepare(&self, words: &[&str], sc: &mut Scratch) {
        sc.toks.clear();
        sc.toks.reserve(words.len());
        for w in words {
            let mut t = feats::describe(w, &mut sc.buf);
            if let Some(e) = self.lex.get(&t.lower) {
                t.amb = u64::from(e.amb);
                t.dict = e.dict;
                t.wl = e.wl;
            } else {
                t.wl = wordlist::get(&self.wlex, t.lower);
            }
            [t.cc, t.cf, t.cr] = self.clusters.get(t.lower);
            sc.toks.push(t);
        }
        feats::sentence_flags(&mut sc.toks, words);
        // A capitalised word inside a sentence may be a name: score it.
        for t in &mut sc.toks {
            if t.flags & (feats::CAP | feats::INNERCAP) != 0 && t.flags & feats::FIRST == 0 {
                t.dict = 0;
            }
        }
    }

    /// Tags prepared tokens (`sc.toks`) into `sc.tags` (UPOS ids) and `sc.xtags` (XPOS ids).
    pub(crate) fn tag_prepared(&self, sc: &mut Scratch) {
        let Scratch {
            toks,
            feats,
            scores,
            tags,
            xtags,
            sure,
            ..
        } = sc;
        tag_pass_sure(&self.lin, 1, toks, feats, scores, tags, Some(sure));
        if let Some(lin2) = &self.lin2 {
            for (t, &c) in toks.iter_mut().zip(tags.iter()) {
                t.pos = c;
            }
            tag_pass_sure(lin2, 2, toks, feats, scores, tags, Some(sure));
        }
        self.tag_xpos(toks, tags, feats, scores, xtags);
    }

    fn xmask(&self, t: &Tok, u: u16) -> u64 {
        self.xlex
            .get(&xkey(t.lower, u))
            .copied()
            .unwrap_or(self.xdef[u as usize])
    }

    fn tag_xpos(
        &self,
        toks: &[Tok],
        tags: &[u16],
        feats: &mut Vec<u64>,
        scores: &mut Vec<i32>,
        xtags: &mut Vec<u16>,
    ) {
        xtags.clear();
        scores.resize(NX.max(NU), 0);
        let mut px = TAG_START;
        for (i, &u) in tags.iter().enumerate() {
            let mask = self.xmask(&toks[i], u);
            let x = if mask.count_ones() <= 1 {
                mask.trailing_zeros().min(NX as u32 - 1) as u16
            } else {
                xfeatures(toks, tags, i, px, feats);
                self.xlin.score(feats, scores);
                argmax(&scores[..NX], |c| mask >> c & 1 == 1) as u16
            };
            xtags.push(x);
            px = u64::from(x);
        }
    }

    /// Tags one sentence of words.
    pub fn tag(&self, words: &[&str], sc: &mut Scratch) -> Vec<Pos> {
        self.prepare(words, sc);
        self.tag_prepared(sc);
        sc.tags
            .iter()
            .zip(&sc.xtags)
            .map(|(&u, &x)| Self::pair(u, x))
            .collect()
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
        if train.is_empty() {
            return Err("no training sentences".into());
        }
        // Gold class ids.
        let mut gold: Vec<(Vec<u16>, Vec<u16>)> = Vec::with_capacity(train.len());
        for s in train {
            let mut u = Vec::with_capacity(s.words.len());
            let mut x = Vec::with_capacity(s.words.len());
            for (a, b) in s.upos.iter().zip(&s.xpos) {
                let p = parse_pair(a, b)?;
                u.push(p.upos as u16);
                x.push(p.xpos as u16);
            }
            gold.push((u, x));
        }
        // Lexicon: per lower-case form, counts of (UPOS, XPOS) pairs.
        let mut buf = String::new();
        let mut seen: HashMap<std::collections::BTreeMap<(u16, u16), u32>> = HashMap::default();
        for (s, (gu, gx)) in train.iter().zip(&gold) {
            for (w, (&u, &x)) in s.words.iter().zip(gu.iter().zip(gx)) {
                let h = feats::lower_hash(w, &mut buf);
                *seen.entry(h).or_default().entry((u, x)).or_default() += 1;
            }
        }
        let wlex = wordlist::index(&cfg.words);
        let mut lex = HashMap::default();
        let mut xlex = HashMap::default();
        let mut xdef = [0u64; NU];
        for (h, pairs) in &seen {
            let n: u32 = pairs.values().sum();
            let mut per_u = [0u32; NU];
            let mut amb = 17u64;
            for (&(u, x), &k) in pairs {
                per_u[u as usize] += k;
                amb = hash::mix(amb, u64::from(u) * 64 + u64::from(x));
                xdef[u as usize] |= 1 << x;
            }
            for (u, &k) in per_u.iter().enumerate() {
                if k >= 2 {
                    let mask = pairs
                        .keys()
                        .filter(|(pu, _)| *pu as usize == u)
                        .fold(0u64, |m, &(_, x)| m | 1 << x);
                    xlex.insert(xkey(*h, u as u16), mask);
                }
            }
            if n < 2 {
                continue;
            }
            let (best, &k) = per_u
                .iter()
                .enumerate()
                .max_by_key(|(c, &k)| (k, usize::MAX - c))
                .unwrap();
            let dict = if n >= 20 && k as f64 / n as f64 >= 0.97 {
                best as u16 + 1
            } else {
                0
            };
            lex.insert(
                *h,
                LexEntry {
                    amb: (hash::fin(amb) as u32) | 1,
                    dict,
                    wl: wordlist::get(&wlex, *h),
                },
            );
        }
        let mut model = PosModel {
            lin: Dense::from_linear(model::Linear::empty(8, NU))?,
            lin2: None,
            xlin: Dense::from_linear(model::Linear::empty(8, NX))?,
            lex,
            xlex,
            xdef,
            clusters: cfg.clusters.clone(),
            wlex: wlex.clone(),
            meta: String::new(),
        };
        // Describe every sentence once.
        let mut sc = Scratch::default();
        let mut data: Vec<(Vec<Tok>, Vec<u16>)> = train
            .iter()
            .zip(&gold)
            .map(|(s, (gu, _))| {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                model.prepare(&words, &mut sc);
                (sc.toks.clone(), gu.clone())
            })
            .collect();
        if cfg.lex_folds > 1 {
            jackknife_amb(train, &gold, &mut data, cfg.lex_folds);
        }
        // The word-list bits of lexicon words are in their entries.
        let known: std::collections::HashSet<u32> =
            model.lex.keys().map(|&h| wordlist::key(h)).collect();
        model.wlex = wlex
            .into_iter()
            .filter(|(k, _)| !known.contains(k))
            .collect();
        let mut rng = hash::Rng::new(cfg.seed);
        let folds = 4usize;
        let total = cfg.epochs
            * data.len()
            * if cfg.two_pass {
                1 + (2 + folds) * cfg.ensemble.max(1)
            } else {
                1 + cfg.ensemble.max(1)
            };
        let bar = crate::progress_bar(cfg.progress, total as u64, "pos");
        let all: Vec<usize> = (0..data.len()).collect();
        let say = |msg: String| {
            if cfg.progress {
                bar.suspend(|| eprintln!("{msg}"));
            }
        };
        // XPOS given (gold) UPOS.
        model.xlin = train_xpos(&model, &data, &gold, cfg, &mut rng, &bar)?;
        let score_dev = |m: &PosModel, what: String| {
            if let Some(dev) = dev {
                let s = m.evaluate(dev);
                say(format!(
                    "{what}: dev UPOS {:.2}% XPOS {:.2}%",
                    100.0 * s.upos(),
                    100.0 * s.xpos()
                ));
            }
        };
        // Pass 1 on everything.
        let lin = train_pass(&data, &all, cfg, 1, &mut rng, &bar, &mut |lin, epoch| {
            let m = PosModel {
                lin: lin.clone(),
                lin2: None,
                ..model.clone()
            };
            score_dev(&m, format!("pass 1 epoch {epoch}"));
        });
        model.lin = lin;
        if cfg.two_pass {
            // Jackknifed pass-1 tags for the training data, so that pass 2 learns from
            // tags as wrong as they will be on new text.
            for k in 0..folds {
                let train_idx: Vec<usize> =
                    all.iter().copied().filter(|i| i % folds != k).collect();
                let lin = train_pass(&data, &train_idx, cfg, 1, &mut rng, &bar, &mut |_, _| {});
                let mut sc = Scratch::default();
                for i in all.iter().copied().filter(|i| i % folds == k) {
                    let Scratch {
                        feats,
                        scores,
                        tags,
                        ..
                    } = &mut sc;
                    tag_pass(&lin, 1, &data[i].0, feats, scores, tags);
                    for (t, &c) in data[i].0.iter_mut().zip(tags.iter()) {
                        t.pos = c;
                    }
                }
            }
            let lin2 = train_pass(&data, &all, cfg, 2, &mut rng, &bar, &mut |lin, epoch| {
                let m = PosModel {
                    lin2: Some(lin.clone()),
                    ..model.clone()
                };
                score_dev(&m, format!("pass 2 epoch {epoch}"));
            });
            model.lin2 = Some(lin2);
        }
        bar.finish_and_clear();
        model.meta = format!(
            "trained on {} sentences, {} epochs, seed {}{}, 2^{} rows, {}, {} word-list entries",
            data.len(),
            cfg.epochs,
            cfg.seed,
            ensemble_note(cfg.ensemble),
            cfg.bits,
            if cfg.two_pass {
                "two passes"
            } else {
                "one pass"
            },
            cfg.words.len(),
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
                s.dict += usize::from(tok.dict > 0);
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
        w.var(NU as u64);
        for u in Upos::ALL {
            w.str(u.as_str());
        }
        w.var(NX as u64);
        for x in Xpos::ALL {
            w.str(x.as_str());
        }
        let mut keys: Vec<_> = self.lex.iter().collect();
        keys.sort_by_key(|(k, _)| **k);
        w.var(keys.len() as u64);
        for (k, e) in keys {
            w.u64(*k);
            w.u32(e.amb);
            w.var(u64::from(e.dict));
            w.var(u64::from(e.wl));
        }
        let mut keys: Vec<_> = self.xlex.iter().collect();
        keys.sort_by_key(|(k, _)| **k);
        w.var(keys.len() as u64);
        for (k, m) in keys {
            w.u64(*k);
            w.var(*m);
        }
        for m in &self.xdef {
            w.var(*m);
        }
        w.var(self.clusters.words.len() as u64);
        for (word, c) in &self.clusters.words {
            w.str(word);
            for c in c {
                w.var(u64::from(*c));
            }
        }
        w.var(self.wlex.len() as u64);
        let mut last = 0u32;
        for &(k, b) in &self.wlex {
            w.var(u64::from(k - last));
            w.var(u64::from(b));
            last = k;
        }
        self.lin.write(&mut w);
        match &self.lin2 {
            Some(l) => {
                w.u8(1);
                l.write(&mut w);
            }
            None => w.u8(0),
        }
        self.xlin.write(&mut w);
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
        let n = r.count("UPOS class count", 4096)?;
        if n != NU {
            return Err(format!("{n} UPOS classes, this build expects {NU}"));
        }
        for u in Upos::ALL {
            let name = r.str("UPOS class")?;
            if name != u.as_str() {
                return Err(format!("UPOS class {name:?}, expected {:?}", u.as_str()));
            }
        }
        let n = r.count("XPOS class count", 4096)?;
        if n != NX {
            return Err(format!("{n} XPOS classes, this build expects {NX}"));
        }
        for x in Xpos::ALL {
            let name = r.str("XPOS class")?;
            if name != x.as_str() {
                return Err(format!("XPOS class {name:?}, expected {:?}", x.as_str()));
            }
        }
        let n = r.count("lexicon size", 10_000_000)?;
        let mut lex = HashMap::with_capacity_and_hasher(n, hash::Prehashed);
        for _ in 0..n {
            let k = r.u64("lexicon")?;
            let amb = r.u32("lexicon")?;
            let dict = r.var("lexicon")?;
            if dict > NU as u64 {
                return Err(format!(
                    "lexicon refers to UPOS class {dict}, there are {NU}"
                ));
            }
            let wl = r.var("lexicon")?;
            if wl > u64::from(u16::MAX) {
                return Err(format!("lexicon holds word-list bits {wl:#x}"));
            }
            lex.insert(
                k,
                LexEntry {
                    amb,
                    dict: dict as u16,
                    wl: wl as u16,
                },
            );
        }
        let valid = |m: u64| m != 0 && m >> NX == 0;
        let n = r.count("XPOS lexicon size", 10_000_000)?;
        let mut xlex = HashMap::with_capacity_and_hasher(n, hash::Prehashed);
        for _ in 0..n {
            let k = r.u64("XPOS lexicon")?;
            let m = r.var("XPOS lexicon")?;
            if !valid(m) {
                return Err(format!("XPOS lexicon holds an invalid tag set {m:#x}"));
            }
            xlex.insert(k, m);
        }
        let mut xdef = [0u64; NU];
        for d in &mut xdef {
            *d = r.var("XPOS defaults")?;
            if *d >> NX != 0 {
                return Err(format!("XPOS defaults hold an invalid tag set {d:#x}"));
            }
        }
        let n = r.count("word class count", 10_000_000)?;
        let mut words = Vec::with_capacity(n);
        for _ in 0..n {
            let word = r.str("word classes")?.to_string();
            let mut c = [0u16; 3];
            for c in &mut c {
                *c = r.count("word class", 65_000)? as u16;
            }
            words.push((word, c));
        }
        let clusters = Clusters::new(words);
        let n = r.count("word-list size", 10_000_000)?;
        let mut wlex = Vec::with_capacity(n);
        let mut k = 0u32;
        for i in 0..n {
            let d = r.var("word list")?;
            if i > 0 && d == 0 {
                return Err("word list keys are not increasing".into());
            }
            k = u32::try_from(d)
                .ok()
                .and_then(|d| k.checked_add(d))
                .ok_or("word list key out of range")?;
            let b = r.var("word list")?;
            if b > u64::from(u16::MAX) {
                return Err(format!("word list holds bits {b:#x}"));
            }
            wlex.push((k, b as u16));
        }
        let check = |l: &Dense, n: usize, what: &str| {
            if l.ncls != n {
                Err(format!("{what} table has {} classes, expected {n}", l.ncls))
            } else {
                Ok(())
            }
        };
        let lin = Dense::read(&mut r)?;
        check(&lin, NU, "UPOS")?;
        let lin2 = match r.u8("second pass flag")? {
            0 => None,
            1 => {
                let l = Dense::read(&mut r)?;
                check(&l, NU, "second-pass UPOS")?;
                Some(l)
            }
            f => return Err(format!("second pass flag is {f}, expected 0 or 1")),
        };
        let xlin = Dense::read(&mut r)?;
        check(&xlin, NX, "XPOS")?;
        r.end()?;
        Ok(PosModel {
            lin,
            lin2,
            xlin,
            lex,
            xlex,
            xdef,
            clusters,
            wlex,
            meta,
        })
    }
}

/// The ambiguity class hash of a set of (UPOS, XPOS) pairs (as in the lexicon).
fn amb_hash<'a>(pairs: impl Iterator<Item = &'a (u16, u16)>) -> u32 {
    let mut amb = 17u64;
    for &(u, x) in pairs {
        amb = hash::mix(amb, u64::from(u) * 64 + u64::from(x));
    }
    (hash::fin(amb) as u32) | 1
}

/// Replaces the ambiguity class of every training token by the one computed from the other
/// folds of the training data (sentence `i` is in fold `i % folds`).
fn jackknife_amb(
    train: &[PosSentence],
    gold: &[(Vec<u16>, Vec<u16>)],
    data: &mut [(Vec<Tok>, Vec<u16>)],
    folds: usize,
) {
    use std::collections::BTreeMap;
    let mut buf = String::new();
    // Per form: per fold counts of each pair.
    let mut seen: HashMap<BTreeMap<(u16, u16), Vec<u32>>> = HashMap::default();
    for (i, (s, (gu, gx))) in train.iter().zip(gold).enumerate() {
        for (w, (&u, &x)) in s.words.iter().zip(gu.iter().zip(gx)) {
            let h = feats::lower_hash(w, &mut buf);
            seen.entry(h)
                .or_default()
                .entry((u, x))
                .or_insert_with(|| vec![0; folds])[i % folds] += 1;
        }
    }
    for (i, (s, (toks, _))) in train.iter().zip(data.iter_mut()).enumerate() {
        let k = i % folds;
        for (w, t) in s.words.iter().zip(toks.iter_mut()) {
            let h = feats::lower_hash(w, &mut buf);
            let pairs = &seen[&h];
            let n: u32 = pairs.values().map(|c| c.iter().sum::<u32>() - c[k]).sum();
            t.amb = if n < 2 {
                0
            } else {
                u64::from(amb_hash(
                    pairs
                        .iter()
                        .filter(|(_, c)| c.iter().sum::<u32>() > c[k])
                        .map(|(p, _)| p),
                ))
            };
        }
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
    /// Tokens tagged by the tag dictionary (no scoring).
    pub dict: usize,
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
    lin: &Dense,
    pass: u8,
    toks: &[Tok],
    feats: &mut Vec<u64>,
    scores: &mut Vec<i32>,
    tags: &mut Vec<u16>,
) {
    tag_pass_sure(lin, pass, toks, feats, scores, tags, None)
}

/// A tagging pass. In pass 1, `sure` (when given) receives whether the best score beats the
/// second by [`SURE_MARGIN`]; in pass 2 such tokens keep their pass-1 tag unscored.
fn tag_pass_sure(
    lin: &Dense,
    pass: u8,
    toks: &[Tok],
    feats: &mut Vec<u64>,
    scores: &mut Vec<i32>,
    tags: &mut Vec<u16>,
    mut sure: Option<&mut Vec<bool>>,
) {
    tags.clear();
    scores.resize(NX.max(NU), 0);
    if pass == 1 {
        if let Some(s) = sure.as_deref_mut() {
            s.clear();
        }
    }
    let margin = (SURE_MARGIN / f64::from(lin.scale)) as i32;
    let (mut p1, mut p2) = (TAG_START, TAG_START2);
    for i in 0..toks.len() {
        let c = if toks[i].dict > 0 {
            if pass == 1 {
                if let Some(s) = sure.as_deref_mut() {
                    s.push(true);
                }
            }
            toks[i].dict - 1
        } else if pass == 2 && sure.as_deref().is_some_and(|s| s[i]) {
            toks[i].pos
        } else {
            features(toks, i, p1, p2, feats);
            if pass == 2 {
                features2(toks, i, feats);
            }
            lin.score(feats, scores);
            let best = argmax(&scores[..NU], |_| true);
            if pass == 1 {
                if let Some(s) = sure.as_deref_mut() {
                    let second = scores[..NU]
                        .iter()
                        .enumerate()
                        .filter(|&(c, _)| c != best)
                        .map(|(_, &v)| v)
                        .max()
                        .unwrap_or(i32::MIN);
                    s.push(scores[best].saturating_sub(second) >= margin);
                }
            }
            best as u16
        };
        tags.push(c);
        p2 = p1;
        p1 = u64::from(c);
    }
}

/// Pass-1 margin (in averaged-perceptron weight units) above which pass 2 leaves a tag
/// alone: on EWT dev, 10 skips most pass-2 scoring (POS + NER: 302 -> 259 M instructions on
/// eng.testa) and changes UPOS accuracy by +0.04 (94.97 -> 95.01 %).
const SURE_MARGIN: f64 = 10.0;

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

fn train_pass(
    data: &[(Vec<Tok>, Vec<u16>)],
    idx: &[usize],
    cfg: &PosConfig,
    pass: u8,
    rng: &mut hash::Rng,
    bar: &indicatif::ProgressBar,
    after_epoch: &mut dyn FnMut(&Dense, usize),
) -> Dense {
    let k = cfg.ensemble.max(1);
    let mut trs: Vec<Trainer> = (0..k).map(|_| Trainer::new(cfg.bits, NU)).collect();
    let mut order = idx.to_vec();
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0i32; NU];
    for epoch in 0..cfg.epochs {
        for tr in &mut trs {
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
        }
        after_epoch(
            &Dense::from_linear(Trainer::average_many(&trs)).unwrap(),
            epoch + 1,
        );
    }
    Dense::from_linear(Trainer::average_many(&trs)).unwrap()
}

/// Trains the XPOS-given-UPOS model on gold UPOS tags.
fn train_xpos(
    model: &PosModel,
    data: &[(Vec<Tok>, Vec<u16>)],
    gold: &[(Vec<u16>, Vec<u16>)],
    cfg: &PosConfig,
    rng: &mut hash::Rng,
    bar: &indicatif::ProgressBar,
) -> Result<Dense, String> {
    let bits = cfg.bits.saturating_sub(2).max(8);
    let mut tr = Trainer::new(bits, NX);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0i32; NX];
    for _ in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for (k, &si) in order.iter().enumerate() {
            let (toks, gu) = &data[si];
            let gx = &gold[si].1;
            let mut px = TAG_START;
            for i in 0..toks.len() {
                let mask = model.xmask(&toks[i], gu[i]);
                let g = gx[i] as usize;
                let pred = if mask.count_ones() <= 1 {
                    g
                } else {
                    xfeatures(toks, gu, i, px, &mut feats);
                    tr.score(&feats, &mut scores);
                    let p = argmax(&scores, |c| mask >> c & 1 == 1);
                    tr.update(&feats, g, p);
                    p
                };
                tr.tick();
                px = pred as u64;
            }
            if k % 512 == 0 {
                bar.inc(512);
            }
        }
    }
    Dense::from_linear(tr.average())
}
