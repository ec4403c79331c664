//! Word classes learned from raw text with the predictive exchange algorithm (Uszkoreit &
//! Brants 2008): each word (lower case, digits as `0`) is put in the class that maximises
//! the likelihood of a class bigram model `p(w | v) = p(class(w) | v) p(w | class(w))`, so
//! words preceded by the same words share a class. Deterministic; two granularities.

use crate::feats;
use crate::hash::HashMap;

/// Word classes: `lower_hash(word)` -> (coarse class + 1, fine class + 1, right class + 1).
/// The coarse and fine classes group words by the words before them; the right classes by
/// the words after them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    /// `(word, [coarse, fine, right])` as computed or loaded (kept to save them).
    pub words: Vec<(String, [u16; 3])>,
    index: HashMap<[u16; 3]>,
}

impl Clusters {
    /// From `(word, [coarse, fine, right])` rows.
    pub fn new(mut words: Vec<(String, [u16; 3])>) -> Clusters {
        words.sort();
        words.dedup_by(|a, b| a.0 == b.0);
        let mut buf = String::new();
        let index = words
            .iter()
            .map(|(w, c)| (feats::lower_hash(w, &mut buf), c.map(|c| c + 1)))
            .collect();
        Clusters { words, index }
    }

    /// Classes (+1; 0 when the word has none) of a lower-case hash.
    #[inline]
    pub fn get(&self, lower: u64) -> [u16; 3] {
        self.index.get(&lower).copied().unwrap_or([0; 3])
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// No words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Parses the TSV form (`word<TAB>coarse<TAB>fine`).
    pub fn from_tsv(text: &str, name: &str) -> Result<Clusters, String> {
        let mut words = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut it = line.split('\t');
            let (Some(w), Some(c), Some(f), Some(r)) = (it.next(), it.next(), it.next(), it.next())
            else {
                return Err(format!(
                    "{name}:{}: expected word, coarse, fine, right",
                    n + 1
                ));
            };
            let num = |s: &str| {
                s.parse::<u16>()
                    .ok()
                    .filter(|&v| v < u16::MAX - 1)
                    .ok_or_else(|| format!("{name}:{}: bad class {s:?}", n + 1))
            };
            words.push((w.to_string(), [num(c)?, num(f)?, num(r)?]));
        }
        Ok(Clusters::new(words))
    }

    /// The TSV form.
    pub fn to_tsv(&self) -> String {
        let mut s = String::from(
            "# word\tcoarse class\tfine class\tright class (newsgraph train clusters)\n",
        );
        for (w, [c, f, r]) in &self.words {
            s.push_str(&format!("{w}\t{c}\t{f}\t{r}\n"));
        }
        s
    }

    /// Learns classes from tokenised sentences: words seen `min_count` times or more get a
    /// coarse class (of `coarse`) and a fine one (of `fine`).
    pub fn learn(
        sentences: &[Vec<String>],
        min_count: usize,
        coarse: usize,
        fine: usize,
        iterations: usize,
        progress: bool,
    ) -> Clusters {
        let mut buf = String::new();
        let mut counts: std::collections::HashMap<String, usize> = Default::default();
        for s in sentences {
            for w in s {
                normalise(w, &mut buf);
                *counts.entry(buf.clone()).or_default() += 1;
            }
        }
        let mut vocab: Vec<(String, usize)> = counts
            .into_iter()
            .filter(|(_, n)| *n >= min_count)
            .collect();
        vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let ids: std::collections::HashMap<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (w.as_str(), i as u32))
            .collect();
        let v = vocab.len();
        let (unk, bos) = (v as u32, v as u32 + 1);
        let mut seqs: Vec<Vec<u32>> = Vec::with_capacity(sentences.len());
        for s in sentences {
            let mut seq = vec![bos];
            for w in s {
                normalise(w, &mut buf);
                seq.push(*ids.get(buf.as_str()).unwrap_or(&unk));
            }
            seqs.push(seq);
        }
        let c1 = exchange(&seqs, v, coarse, iterations, progress);
        let c2 = exchange(&seqs, v, fine, iterations, progress);
        for s in &mut seqs {
            s[1..].reverse();
        }
        let c3 = exchange(&seqs, v, fine, iterations, progress);
        let words = vocab
            .into_iter()
            .enumerate()
            .map(|(i, (w, _))| (w, [c1[i], c2[i], c3[i]]))
            .collect();
        Clusters::new(words)
    }
}

fn normalise(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        if c.is_ascii_digit() {
            buf.push('0');
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

#[inline]
fn xlogx(x: i64, table: &[f64]) -> f64 {
    if (x as usize) < table.len() {
        table[x as usize]
    } else {
        let x = x as f64;
        x * x.ln()
    }
}

/// Predictive exchange over word ids `0..v` (`v` = unknown, `v + 1` = sentence start).
fn exchange(
    seqs: &[Vec<u32>],
    v: usize,
    ncls: usize,
    iterations: usize,
    progress: bool,
) -> Vec<u16> {
    let nw = v + 2;
    // Left contexts of each predicted word: (context id, count).
    let mut pairs: std::collections::HashMap<(u32, u32), i64> = Default::default();
    let mut freq = vec![0i64; nw];
    for s in seqs {
        for k in 1..s.len() {
            *pairs.entry((s[k], s[k - 1])).or_default() += 1;
            freq[s[k] as usize] += 1;
        }
    }
    let mut ctx: Vec<Vec<(u32, i64)>> = vec![Vec::new(); nw];
    let mut keys: Vec<_> = pairs.into_iter().collect();
    keys.sort_unstable();
    for ((w, c), n) in keys {
        ctx[w as usize].push((c, n));
    }
    // Initial classes: round robin by frequency rank; unknown and start get classes too.
    let mut cls: Vec<u32> = (0..nw).map(|i| (i % ncls) as u32).collect();
    let mut ncv = vec![0i64; nw * ncls]; // N(context, class)
    let mut nc = vec![0i64; ncls];
    for w in 0..nw {
        for &(c, n) in &ctx[w] {
            ncv[c as usize * ncls + cls[w] as usize] += n;
        }
        nc[cls[w] as usize] += freq[w];
    }
    let table: Vec<f64> = (0..1 << 16)
        .map(|x| {
            if x == 0 {
                0.0
            } else {
                x as f64 * (x as f64).ln()
            }
        })
        .collect();
    let mut gain = vec![0f64; ncls];
    for it in 0..iterations {
        let mut moved = 0usize;
        for w in 0..v {
            if ctx[w].is_empty() {
                continue;
            }
            let a = cls[w] as usize;
            for &(c, n) in &ctx[w] {
                ncv[c as usize * ncls + a] -= n;
            }
            nc[a] -= freq[w];
            for (b, g) in gain.iter_mut().enumerate() {
                *g = xlogx(nc[b], &table) - xlogx(nc[b] + freq[w], &table);
            }
            for &(c, n) in &ctx[w] {
                let row = &ncv[c as usize * ncls..(c as usize + 1) * ncls];
                for (g, &x) in gain.iter_mut().zip(row) {
                    *g += xlogx(x + n, &table) - xlogx(x, &table);
                }
            }
            let mut best = a;
            for b in 0..ncls {
                if gain[b] > gain[best] + 1e-9 {
                    best = b;
                }
            }
            if best != a {
                moved += 1;
            }
            cls[w] = best as u32;
            for &(c, n) in &ctx[w] {
                ncv[c as usize * ncls + best] += n;
            }
            nc[best] += freq[w];
        }
        if progress {
            eprintln!("{ncls} classes, iteration {}: {moved} words moved", it + 1);
        }
        if moved == 0 {
            break;
        }
    }
    cls[..v].iter().map(|&c| c as u16).collect()
}

/// Splits raw text into tokens roughly as the treebanks do (punctuation apart, `n't` and
/// `'s` apart).
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        let mut w = raw;
        let mut tail = Vec::new();
        while let Some(c) = w.chars().next() {
            if "\"“‘'([{«".contains(c) && w.len() > c.len_utf8() {
                out.push(c.to_string());
                w = &w[c.len_utf8()..];
            } else {
                break;
            }
        }
        while let Some(c) = w.chars().last() {
            let keep_period = c == '.' && w[..w.len() - 1].contains('.');
            if ",;:!?\"”’')]}».".contains(c) && w.len() > c.len_utf8() && !keep_period {
                tail.push(c.to_string());
                w = &w[..w.len() - c.len_utf8()];
            } else {
                break;
            }
        }
        let lower = w.to_lowercase();
        let mut split = None;
        for suf in ["n't", "'s", "’s", "'re", "'ve", "'ll", "'d", "'m"] {
            if lower.ends_with(suf) && lower.len() > suf.len() {
                split = Some(w.len() - suf.len());
                break;
            }
        }
        match split {
            Some(k) if w.is_char_boundary(k) => {
                out.push(w[..k].to_string());
                out.push(w[k..].to_string());
            }
            _ => out.push(w.to_string()),
        }
        out.extend(tail.into_iter().rev());
    }
    out
}
