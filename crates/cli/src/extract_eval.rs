//! `newsgraph eval extract`: HTML main-text extraction against a benchmark's gold, scored
//! exactly as `../shared/tools/score_extract.py` scores (token bag and 4-gram shingles of the
//! body, per page then averaged; title, author set and same-day date accuracy), and
//! `newsgraph bench-extract`: pages/s of extraction alone, HTML already in memory.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::Instant;
use unicode_normalization::UnicodeNormalization;

/// Options of `newsgraph eval extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractEvalArgs {
    /// Dataset layout (only `naeb`: articles.json + html/<id>.html).
    #[arg(long, default_value = "naeb")]
    pub dataset: String,
    /// The dataset's folder.
    #[arg(long, default_value = "../shared/data/extraction/naeb")]
    pub root: PathBuf,
    /// Write predictions in score_extract.py's format ({id: {articleBody, title, author, date}}).
    #[arg(long)]
    pub pred_out: Option<PathBuf>,
    /// Write one line per page (tab-separated: id, body P, R, F1, predicted and gold date,
    /// date right) for diagnostics.
    #[arg(long)]
    pub pages_out: Option<PathBuf>,
    /// Print the pages with the lowest body F1 (this many).
    #[arg(long, default_value_t = 0)]
    pub worst: usize,
    /// Only the first N pages.
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
}

/// Options of `newsgraph bench-extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractBenchArgs {
    /// Folder of .html pages (NAEB's html/ by default).
    #[arg(long, default_value = "../shared/data/extraction/naeb/html")]
    pub html: PathBuf,
    /// Minimum measuring time in seconds (after one warm-up pass).
    #[arg(long, default_value_t = 3.0)]
    pub seconds: f64,
}

#[derive(Deserialize)]
struct Gold {
    #[serde(default, rename = "articleBody")]
    body: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    authors: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// One page's prediction.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Pred {
    /// The extracted body.
    #[serde(rename = "articleBody")]
    pub body: String,
    /// Title.
    pub title: Option<String>,
    /// Authors joined by `, `.
    pub author: Option<String>,
    /// YYYY-MM-DD.
    pub date: Option<String>,
}

/// CPU time of the calling thread in seconds (Linux `/proc/thread-self/schedstat`), so that
/// figures on a shared machine count this thread's work only; wall time elsewhere.
fn thread_seconds(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|n| n.parse::<u64>().ok())
        })
        .map_or_else(|| wall.elapsed().as_secs_f64(), |ns| ns as f64 / 1e9)
}

fn predict(html: &[u8]) -> Pred {
    let (s, _) = newsgraph_ingest::html::decode(html, None);
    let ex = newsgraph_ingest::extract(&s);
    Pred {
        body: ex.body_text(),
        title: ex.meta.title.clone(),
        author: (!ex.meta.authors.is_empty()).then(|| ex.meta.authors.join(", ")),
        date: ex.meta.date.clone(),
    }
}

// --- the script's metrics ------------------------------------------------------------

fn prf(gold: &HashMap<&str, i64>, pred: &HashMap<&str, i64>) -> (f64, f64, f64) {
    let nt: i64 = gold.values().sum();
    let np: i64 = pred.values().sum();
    if nt == 0 && np == 0 {
        return (1.0, 1.0, 1.0);
    }
    let tp: i64 = pred
        .iter()
        .map(|(k, &v)| v.min(*gold.get(k).unwrap_or(&0)))
        .sum();
    let p = if np > 0 { tp as f64 / np as f64 } else { 0.0 };
    let r = if nt > 0 { tp as f64 / nt as f64 } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn bag<'a>(it: impl Iterator<Item = &'a str>) -> HashMap<&'a str, i64> {
    let mut m = HashMap::new();
    for t in it {
        *m.entry(t).or_insert(0) += 1;
    }
    m
}

/// Python's `str.split()` whitespace.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn py_split(s: &str) -> impl Iterator<Item = &str> {
    s.split(py_space).filter(|t| !t.is_empty())
}

/// Python's `re` `\w+` over a str (Unicode word characters).
fn words(s: &str) -> Vec<&str> {
    let is_w = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (is_w(c), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push(&s[st..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

fn shingles(s: &str) -> HashMap<String, i64> {
    let w = words(s);
    let mut m = HashMap::new();
    if w.len() < 4 {
        if !w.is_empty() {
            m.insert(w.join("\u{1}"), 1);
        }
        return m;
    }
    for g in w.windows(4) {
        *m.entry(g.join("\u{1}")).or_insert(0) += 1;
    }
    m
}

fn sh4_counts(gold: &str, pred: &str) -> (f64, f64, f64) {
    let (t, p) = (shingles(gold), shingles(pred));
    let tp: i64 = p.iter().map(|(k, &v)| v.min(*t.get(k).unwrap_or(&0))).sum();
    let fp: i64 = p
        .iter()
        .map(|(k, &v)| (v - *t.get(k).unwrap_or(&0)).max(0))
        .sum();
    let fn_: i64 = t
        .iter()
        .map(|(k, &v)| (v - *p.get(k).unwrap_or(&0)).max(0))
        .sum();
    let s = (tp + fp + fn_) as f64;
    if s > 0.0 {
        (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

fn norm_meta(s: &str) -> String {
    let s: String = s.nfkc().collect::<String>().to_lowercase();
    let mut s = s.trim();
    for p in ["by", "von", "par", "por"] {
        if let Some(r) = s.strip_prefix(p) {
            if r.starts_with(char::is_whitespace) {
                s = r.trim_start();
                break;
            }
        }
    }
    let mut out = String::new();
    let mut gap = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

fn author_set(s: &str) -> Vec<String> {
    // Split on , ; / | & and the words and / und / et (any case).
    let mut parts = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    let is_w = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if ",;/|&".contains(c) {
            parts.push(std::mem::take(&mut cur));
            i += 1;
            continue;
        }
        let mut matched = 0;
        if i == 0 || !is_w(chars[i - 1]) {
            for w in ["and", "und", "et"] {
                let n = w.len();
                if i + n <= chars.len()
                    && chars[i..i + n].iter().collect::<String>().to_lowercase() == w
                    && (i + n == chars.len() || !is_w(chars[i + n]))
                {
                    matched = n;
                    break;
                }
            }
        }
        if matched > 0 {
            parts.push(std::mem::take(&mut cur));
            i += matched;
            continue;
        }
        cur.push(c);
        i += 1;
    }
    parts.push(cur);
    let mut set: Vec<String> = parts
        .iter()
        .map(|p| norm_meta(p))
        .filter(|n| !n.is_empty())
        .collect();
    set.sort();
    set.dedup();
    set
}

fn date_key(s: &str) -> String {
    let b = s.as_bytes();
    for i in 0..b.len().saturating_sub(9) {
        let d = |j: usize| b[i + j].is_ascii_digit();
        if d(0)
            && d(1)
            && d(2)
            && d(3)
            && b[i + 4] == b'-'
            && d(5)
            && d(6)
            && b[i + 7] == b'-'
            && d(8)
            && d(9)
        {
            return s[i..i + 10].to_string();
        }
    }
    String::new()
}

/// Scores of a run.
#[derive(Debug, Default)]
pub struct ExtractScores {
    /// Pages scored.
    pub pages: usize,
    /// Mean token precision.
    pub tok_p: f64,
    /// Mean token recall.
    pub tok_r: f64,
    /// F1 of the mean P and R (the benchmark's headline figure).
    pub tok_f1: f64,
    /// Mean of per-page F1.
    pub tok_f1_pages: f64,
    /// Shingle P, R, F1.
    pub sh4: (f64, f64, f64),
    /// Title, author, date accuracy with their counts.
    pub meta: [(usize, usize); 3],
    /// Pages/s of extraction on one core.
    pub pages_per_s: f64,
}

/// Runs the extractor over the dataset and scores it.
pub fn eval_extract(args: &ExtractEvalArgs) -> Result<(String, ExtractScores)> {
    if args.dataset != "naeb" {
        bail!("unknown dataset {:?}: only naeb is supported", args.dataset);
    }
    let gold_path = args.root.join("articles.json");
    let gold: BTreeMap<String, Gold> = serde_json::from_slice(
        &std::fs::read(&gold_path)
            .with_context(|| format!("cannot read {}", gold_path.display()))?,
    )
    .with_context(|| format!("{} is not the NAEB articles.json", gold_path.display()))?;
    let mut pages = Vec::new();
    for (id, g) in &gold {
        let p = args.root.join("html").join(format!("{id}.html"));
        if p.is_file() {
            pages.push((id.as_str(), g, std::fs::read(&p)?));
        }
        if args.limit > 0 && pages.len() >= args.limit {
            break;
        }
    }
    if pages.is_empty() {
        bail!("no pages under {}", args.root.join("html").display());
    }
    predict(&pages[0].2); // warm-up (word lists, allocator)
    let mut preds = BTreeMap::new();
    let wall = Instant::now();
    let cpu0 = thread_seconds(wall);
    for (id, _, html) in &pages {
        let p = predict(html);
        preds.insert(id.to_string(), p);
    }
    let seconds = thread_seconds(wall) - cpu0;
    if let Some(out) = &args.pred_out {
        std::fs::write(out, serde_json::to_vec(&preds)?)
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    let mut s = ExtractScores {
        pages: pages.len(),
        pages_per_s: pages.len() as f64 / seconds,
        ..Default::default()
    };
    let (mut ps, mut rs, mut fs, mut sh) = (vec![], vec![], vec![], vec![]);
    let mut per_page = Vec::new();
    let mut lines = String::from("id\tbody_p\tbody_r\tbody_f1\tdate\tgold_date\tdate_ok\n");
    for (id, g, _) in &pages {
        let p = &preds[*id];
        let (pp, rr, ff) = prf(&bag(py_split(&g.body)), &bag(py_split(&p.body)));
        ps.push(pp);
        rs.push(rr);
        fs.push(ff);
        per_page.push((ff, pp, rr, *id));
        sh.push(sh4_counts(&g.body, &p.body));
        let (gd, pd) = (
            date_key(g.date.as_deref().unwrap_or("")),
            date_key(p.date.as_deref().unwrap_or("")),
        );
        lines.push_str(&format!(
            "{id}\t{pp:.4}\t{rr:.4}\t{ff:.4}\t{pd}\t{gd}\t{}\n",
            !gd.is_empty() && gd == pd
        ));
        let checks = [
            (g.title.as_deref(), p.title.as_deref(), 0),
            (g.authors.as_deref(), p.author.as_deref(), 1),
            (g.date.as_deref(), p.date.as_deref(), 2),
        ];
        for (gold, got, k) in checks {
            let Some(gold) = gold.filter(|g| !g.is_empty()) else {
                continue;
            };
            let got = got.unwrap_or("");
            let ok = match k {
                0 => !norm_meta(gold).is_empty() && norm_meta(got) == norm_meta(gold),
                1 => !author_set(gold).is_empty() && author_set(got) == author_set(gold),
                _ => !date_key(gold).is_empty() && date_key(got) == date_key(gold),
            };
            s.meta[k].0 += ok as usize;
            s.meta[k].1 += 1;
        }
    }
    if let Some(out) = &args.pages_out {
        std::fs::write(out, lines).with_context(|| format!("cannot write {}", out.display()))?;
    }
    s.tok_p = mean(&ps);
    s.tok_r = mean(&rs);
    s.tok_f1 = if s.tok_p + s.tok_r > 0.0 {
        2.0 * s.tok_p * s.tok_r / (s.tok_p + s.tok_r)
    } else {
        0.0
    };
    s.tok_f1_pages = mean(&fs);
    let (mut precs, mut recs) = (vec![], vec![]);
    for &(tp, fp, fn_) in &sh {
        if fp == 0.0 && fn_ == 0.0 {
            precs.push(1.0);
            recs.push(1.0);
            continue;
        }
        if tp + fp > 0.0 {
            precs.push(tp / (tp + fp));
        }
        if tp + fn_ > 0.0 {
            recs.push(tp / (tp + fn_));
        }
    }
    let (p, r) = (mean(&precs), mean(&recs));
    s.sh4 = (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    );
    let acc = |k: usize| s.meta[k].0 as f64 / s.meta[k].1.max(1) as f64;
    let mut report = format!(
        "dataset {} ({} pages)\nbody tokens: P {:.3}  R {:.3}  F1 {:.3} (F1 of the means; mean of page F1 {:.3})\n\
         body 4-gram shingles: P {:.3}  R {:.3}  F1 {:.3}\n\
         title {:.3} ({}/{})  authors {:.3} ({}/{})  date {:.3} ({}/{})\n\
         speed: {:.0} pages/s per core (thread CPU time; extraction only, HTML in memory)\n",
        args.dataset,
        s.pages,
        s.tok_p,
        s.tok_r,
        s.tok_f1,
        s.tok_f1_pages,
        s.sh4.0,
        s.sh4.1,
        s.sh4.2,
        acc(0),
        s.meta[0].0,
        s.meta[0].1,
        acc(1),
        s.meta[1].0,
        s.meta[1].1,
        acc(2),
        s.meta[2].0,
        s.meta[2].1,
        s.pages_per_s
    );
    if args.worst > 0 {
        per_page.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f, p, r, id) in per_page.iter().take(args.worst) {
            report.push_str(&format!("  {id}  F1 {f:.3}  P {p:.3}  R {r:.3}\n"));
        }
    }
    Ok((report, s))
}

/// Times extraction alone over every `.html` file of a folder.
pub fn bench_extract(args: &ExtractBenchArgs) -> Result<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.html)
        .with_context(|| format!("cannot read {}", args.html.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html" || x == "htm"))
        .collect();
    files.sort();
    let pages: Vec<Vec<u8>> = files
        .iter()
        .map(std::fs::read)
        .collect::<std::io::Result<_>>()?;
    if pages.is_empty() {
        bail!("no .html files in {}", args.html.display());
    }
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mut sink = 0usize;
    for p in &pages {
        sink += predict(p).body.len();
    }
    let t = Instant::now();
    let cpu0 = thread_seconds(t);
    let mut n = 0usize;
    while t.elapsed().as_secs_f64() < args.seconds || n == 0 {
        for p in &pages {
            sink += predict(p).body.len();
        }
        n += pages.len();
    }
    let wall = t.elapsed().as_secs_f64();
    let secs = thread_seconds(t) - cpu0;
    assert!(sink > 0, "extraction produced no text");
    Ok(format!(
        "{} pages ({:.1} MB) from {}: {:.0} pages/s, {:.1} MB/s per core (thread CPU time; {} pages in {:.2} s CPU, {:.2} s wall: {:.0} pages/s wall)\n",
        pages.len(),
        bytes as f64 / 1e6,
        args.html.display(),
        n as f64 / secs,
        (bytes as f64 * (n / pages.len()) as f64) / secs / 1e6,
        n,
        secs,
        wall,
        n as f64 / wall
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_follow_the_script() {
        assert_eq!(
            author_set("By RALPH D. RUSSO and Bob Ferrante"),
            vec!["bob ferrante", "ralph d russo"]
        );
        assert_eq!(
            author_set("Anderson Cooper; Rand Paul"),
            vec!["anderson cooper", "rand paul"]
        );
        assert_eq!(norm_meta("Héllo, World!"), "héllo world");
        assert_eq!(date_key("2023-12-17T10:00:00Z"), "2023-12-17");
        let (p, r, f) = prf(&bag(py_split("a b c d")), &bag(py_split("a b x")));
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && f > 0.57);
        let (tp, fp, fn_) = sh4_counts("one two three four five", "one two three four");
        assert!((tp - 0.5).abs() < 1e-9 && fp == 0.0 && (fn_ - 0.5).abs() < 1e-9);
    }
}
