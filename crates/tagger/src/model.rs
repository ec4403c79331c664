//! The linear model (a hashed weight table, one row of class weights per bucket), its
//! averaged-perceptron trainer, and the versioned binary file format.
//!
//! File layout (little-endian):
//! ```text
//! magic     8 bytes  "NGTAGGER"
//! version   u32      FORMAT_VERSION
//! kind      u8       1 = part of speech, 2 = named entities
//! body_len  u64
//! body      body_len bytes (see `PosModel::write` / `NerModel::write`)
//! checksum  u64      hash::bytes(0, body)
//! ```
//! The weight table inside the body is stored sparsely (runs of zeros, then a value), as
//! i16 weights with one f32 scale; most entries of a perceptron's table are zero.

use crate::hash;
use std::fmt;

/// The magic bytes that open every model file.
pub const MAGIC: &[u8; 8] = b"NGTAGGER";
/// The current format version.
pub const FORMAT_VERSION: u32 = 3;

/// A model file that cannot be used: names the file and says what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    /// The file (or `embedded:NAME` for a model compiled into the binary).
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "model file {}: {}", self.path, self.message)
    }
}

impl std::error::Error for ModelError {}

/// What kind of model a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Part of speech.
    Pos = 1,
    /// Named entities.
    Ner = 2,
}

/// Wraps a model body into the file envelope.
pub fn envelope(kind: Kind, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 29);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.push(kind as u8);
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(&hash::bytes(0, body).to_le_bytes());
    out
}

/// Checks the envelope and returns the body. Errors are messages without the file name.
pub fn open(kind: Kind, data: &[u8]) -> Result<&[u8], String> {
    if data.len() < 21 {
        return Err(format!(
            "truncated: {} bytes, shorter than the 21-byte header",
            data.len()
        ));
    }
    if &data[..8] != MAGIC {
        return Err("not a newsgraph tagger model (bad magic bytes)".into());
    }
    let version = u32::from_le_bytes(data[8..12].try_into().unwrap());
    if version != FORMAT_VERSION {
        return Err(format!(
            "format version {version}, this build reads version {FORMAT_VERSION}: retrain the model"
        ));
    }
    let k = data[12];
    if k != kind as u8 {
        let name = |k: u8| match k {
            1 => "part-of-speech",
            2 => "named-entity",
            _ => "unknown",
        };
        return Err(format!(
            "holds a {} model, expected a {} model",
            name(k),
            name(kind as u8)
        ));
    }
    let len = u64::from_le_bytes(data[13..21].try_into().unwrap());
    let expected = 21u64.saturating_add(len).saturating_add(8);
    if (data.len() as u64) < expected {
        return Err(format!(
            "truncated: {} bytes, the header announces {expected}",
            data.len()
        ));
    }
    if (data.len() as u64) > expected {
        return Err(format!(
            "{} trailing bytes after the model",
            data.len() as u64 - expected
        ));
    }
    let body = &data[21..21 + len as usize];
    let sum = u64::from_le_bytes(data[21 + len as usize..].try_into().unwrap());
    if hash::bytes(0, body) != sum {
        return Err("checksum mismatch: the file is corrupt".into());
    }
    Ok(body)
}

/// Appends values to a body.
#[derive(Default)]
pub struct Writer(pub Vec<u8>);

impl Writer {
    /// A byte.
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    /// A u32.
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// A u64.
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// An f32.
    pub fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// An unsigned LEB128 varint.
    pub fn var(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    /// A length-prefixed string.
    pub fn str(&mut self, s: &str) {
        self.var(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// Reads values from a body; every read checks bounds.
pub struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Reads `b` from its start.
    pub fn new(b: &'a [u8]) -> Self {
        Reader { b, at: 0 }
    }
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], String> {
        if self.b.len() - self.at < n {
            return Err(format!(
                "truncated body while reading {what} at byte {}",
                self.at
            ));
        }
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }
    /// A byte.
    pub fn u8(&mut self, what: &str) -> Result<u8, String> {
        Ok(self.take(1, what)?[0])
    }
    /// A u32.
    pub fn u32(&mut self, what: &str) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }
    /// A u64.
    pub fn u64(&mut self, what: &str) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8, what)?.try_into().unwrap()))
    }
    /// An f32.
    pub fn f32(&mut self, what: &str) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }
    /// A varint.
    pub fn var(&mut self, what: &str) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8(what)?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(format!("malformed number in {what} at byte {}", self.at))
    }
    /// A length-prefixed UTF-8 string.
    pub fn str(&mut self, what: &str) -> Result<&'a str, String> {
        let n = self.var(what)? as usize;
        let b = self.take(n, what)?;
        std::str::from_utf8(b).map_err(|_| format!("{what} is not UTF-8"))
    }
    /// A count, refused when larger than `max`.
    pub fn count(&mut self, what: &str, max: usize) -> Result<usize, String> {
        let n = self.var(what)?;
        if n > max as u64 {
            return Err(format!("{what}: {n} is more than the limit {max}"));
        }
        Ok(n as usize)
    }
    /// Fails unless every byte was read.
    pub fn end(&self) -> Result<(), String> {
        if self.at != self.b.len() {
            return Err(format!(
                "{} unread bytes at the end of the body",
                self.b.len() - self.at
            ));
        }
        Ok(())
    }
}

/// One non-zero weight of a row: its class and quantized value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Class.
    pub c: u16,
    /// Weight (real weight = `w * scale`).
    pub w: i16,
}

/// A trained linear model: a hashed table of `2^bits` rows of `ncls` quantized weights.
/// A perceptron's rows are mostly zeros (a feature only ever moves the weights of the
/// classes it was confused between), so rows are stored sparsely: row `r` is
/// `entries[start[r]..start[r + 1]]`. Scoring a feature touches one or two cache lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Linear {
    /// log2 of the number of rows.
    pub bits: u8,
    /// Number of classes.
    pub ncls: usize,
    start: Vec<u32>,
    entries: Vec<Entry>,
    /// Real weight = `w * scale`.
    pub scale: f32,
}

impl Linear {
    /// A model with no weights.
    pub fn empty(bits: u8, ncls: usize) -> Linear {
        Linear {
            bits,
            ncls,
            start: vec![0; (1usize << bits) + 1],
            entries: vec![],
            scale: 1.0,
        }
    }

    /// From a dense table (`w[row * ncls + class]`).
    pub fn from_dense(bits: u8, ncls: usize, w: &[i16], scale: f32) -> Linear {
        let rows = 1usize << bits;
        let mut start = Vec::with_capacity(rows + 1);
        let mut entries = Vec::new();
        for r in 0..rows {
            start.push(entries.len() as u32);
            for (c, &v) in w[r * ncls..(r + 1) * ncls].iter().enumerate() {
                if v != 0 {
                    entries.push(Entry { c: c as u16, w: v });
                }
            }
        }
        start.push(entries.len() as u32);
        Linear {
            bits,
            ncls,
            start,
            entries,
            scale,
        }
    }

    /// Number of non-zero weights.
    pub fn nonzero(&self) -> usize {
        self.entries.len()
    }

    /// The row of a feature hash.
    #[inline(always)]
    pub fn row(bits: u8, h: u64) -> usize {
        (h >> (64 - bits as u32)) as usize
    }

    /// Adds the rows of `feats` (feature hashes) into `scores` (length `ncls`). The rows
    /// are fetched in three sweeps (row starts, then entries, then sums) with prefetches, so
    /// the cache misses of all features overlap instead of following one another.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        let scores = &mut scores[..self.ncls];
        scores.fill(0);
        for chunk in feats.chunks(64) {
            let mut rows = [0usize; 64];
            for (r, &f) in rows.iter_mut().zip(chunk) {
                *r = Linear::row(self.bits, f);
                prefetch(self.start.as_ptr().wrapping_add(*r));
            }
            let mut spans = [(0usize, 0usize); 64];
            for (sp, &r) in spans.iter_mut().zip(&rows[..chunk.len()]) {
                *sp = (self.start[r] as usize, self.start[r + 1] as usize);
                prefetch(self.entries.as_ptr().wrapping_add(sp.0));
            }
            for &(a, b) in &spans[..chunk.len()] {
                for e in &self.entries[a..b] {
                    scores[e.c as usize] += i32::from(e.w);
                }
            }
        }
    }

    /// Writes the table (as runs of zeros and values over the dense table).
    pub fn write(&self, out: &mut Writer) {
        out.u8(self.bits);
        out.var(self.ncls as u64);
        out.f32(self.scale);
        out.var(self.entries.len() as u64);
        let mut next = 0usize; // dense index after the last value written
        for r in 0..(1usize << self.bits) {
            for e in &self.entries[self.start[r] as usize..self.start[r + 1] as usize] {
                let at = r * self.ncls + e.c as usize;
                out.var((at - next) as u64);
                let z = (i32::from(e.w) << 1) ^ (i32::from(e.w) >> 31);
                out.var(z as u64);
                next = at + 1;
            }
        }
    }

    /// Reads a table written by [`Linear::write`].
    pub fn read(r: &mut Reader) -> Result<Linear, String> {
        let bits = r.u8("table size")?;
        if !(8..=24).contains(&bits) {
            return Err(format!("table size 2^{bits} is out of range (2^8..2^24)"));
        }
        let ncls = r.count("class count", 4096)?;
        let scale = r.f32("weight scale")?;
        if !scale.is_finite() || scale <= 0.0 {
            return Err(format!("weight scale {scale} is not a positive number"));
        }
        let rows = 1usize << bits;
        let len = rows * ncls;
        let nonzero = r.count("weight count", len)?;
        let mut start = vec![0u32; rows + 1];
        let mut entries = Vec::with_capacity(nonzero);
        let mut at = 0usize;
        let mut row = 0usize;
        let mut row_end = ncls; // (row + 1) * ncls: no division per weight
        for _ in 0..nonzero {
            let run = r.var("weights")? as usize;
            let z = r.var("weights")?;
            at = at.saturating_add(run);
            if at >= len || z > u64::from(u16::MAX) || z == 0 {
                return Err("weights run past the end of the table".into());
            }
            let z = z as i32;
            while at >= row_end {
                row += 1;
                start[row] = entries.len() as u32;
                row_end += ncls;
            }
            entries.push(Entry {
                c: (at + ncls - row_end) as u16,
                w: ((z >> 1) ^ -(z & 1)) as i16,
            });
            at += 1;
        }
        while row < rows {
            row += 1;
            start[row] = entries.len() as u32;
        }
        Ok(Linear {
            bits,
            ncls,
            start,
            entries,
            scale,
        })
    }
}

/// Averaged perceptron weights during training (integer updates, exact averaging).
pub struct Trainer {
    bits: u8,
    ncls: usize,
    w: Vec<i32>,
    u: Vec<i64>,
    /// Number of examples seen (the averaging clock).
    pub c: i64,
}

impl Trainer {
    /// Zero weights.
    pub fn new(bits: u8, ncls: usize) -> Trainer {
        let len = (1usize << bits) * ncls;
        Trainer {
            bits,
            ncls,
            w: vec![0; len],
            u: vec![0; len],
            c: 1,
        }
    }

    /// Current (not averaged) scores.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        let n = self.ncls;
        let scores = &mut scores[..n];
        scores.fill(0);
        for &f in feats {
            let r = Linear::row(self.bits, f) * n;
            for (s, &w) in scores.iter_mut().zip(&self.w[r..r + n]) {
                *s += w;
            }
        }
    }

    /// Perceptron update towards `gold`, away from `pred`.
    pub fn update(&mut self, feats: &[u64], gold: usize, pred: usize) {
        if gold == pred {
            return;
        }
        let n = self.ncls;
        for &f in feats {
            let r = Linear::row(self.bits, f) * n;
            self.w[r + gold] += 1;
            self.u[r + gold] += self.c;
            self.w[r + pred] -= 1;
            self.u[r + pred] -= self.c;
        }
    }

    /// Advances the averaging clock by one example.
    #[inline]
    pub fn tick(&mut self) {
        self.c += 1;
    }

    /// The averaged weights, quantized to i16.
    pub fn average(&self) -> Linear {
        Self::quantize(self.bits, self.ncls, &self.average_f64())
    }

    /// The averaged weights, unquantized.
    pub fn average_f64(&self) -> Vec<f64> {
        let c = self.c as f64;
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| w as f64 - u as f64 / c)
            .collect()
    }

    /// The mean of several trainers' averaged weights (same shape), quantized: a model
    /// averaged over several shuffles of the training data.
    pub fn average_many(trainers: &[Trainer]) -> Linear {
        let mut sum = trainers[0].average_f64();
        for t in &trainers[1..] {
            for (s, a) in sum.iter_mut().zip(t.average_f64()) {
                *s += a;
            }
        }
        let n = trainers.len() as f64;
        sum.iter_mut().for_each(|s| *s /= n);
        Self::quantize(trainers[0].bits, trainers[0].ncls, &sum)
    }

    fn quantize(bits: u8, ncls: usize, avg: &[f64]) -> Linear {
        let max = avg.iter().fold(0f64, |m, &a| m.max(a.abs())).max(1e-9);
        let scale = max / 32767.0;
        let w: Vec<i16> = avg
            .iter()
            .map(|&a| (a / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Linear::from_dense(bits, ncls, &w, scale as f32)
    }
}

/// `, K perceptrons averaged` for a model trained with `--ensemble K` (K > 1), else nothing
/// (so that models trained without it describe themselves as before, byte for byte).
pub(crate) fn ensemble_note(k: usize) -> String {
    if k > 1 {
        format!(", {k} perceptrons averaged")
    } else {
        String::new()
    }
}

/// Index of the best score among the allowed classes (`allowed(c)`), lowest index on ties.
#[inline]
pub fn argmax(scores: &[i32], allowed: impl Fn(usize) -> bool) -> usize {
    let mut best = usize::MAX;
    let mut bs = i32::MIN;
    for (c, &s) in scores.iter().enumerate() {
        if (best == usize::MAX || s > bs) && allowed(c) {
            best = c;
            bs = s;
        }
    }
    best.min(scores.len().saturating_sub(1))
}

#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// One 64-byte line of 32 quantized weights.
#[repr(C, align(64))]
#[derive(Clone, Copy, Debug, PartialEq)]
struct Line([i16; 32]);

/// `n` zeroed lines from the allocator's zeroed memory (`calloc`: large blocks come from
/// fresh pages, so lines never written are never touched), unlike `vec![Line(..); n]`,
/// which writes every line.
fn zeroed_lines(n: usize) -> Vec<Line> {
    if n == 0 {
        return Vec::new();
    }
    let layout = std::alloc::Layout::array::<Line>(n).expect("table size checked when read");
    // SAFETY: the layout is non-empty; an all-zero `Line` is valid (plain i16s); the
    // pointer comes from the global allocator with `Line`'s layout, length = capacity = n.
    unsafe {
        let p = std::alloc::alloc_zeroed(layout) as *mut Line;
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        Vec::from_raw_parts(p, n, n)
    }
}

/// A linear model for few classes, stored densely for fast scoring: each row is 16, 32 or
/// 64 i16 weights (half a 64-byte line, one or two lines, aligned), so a feature costs one
/// or two cache lines and a few vector additions into i32 accumulators. For 17 classes
/// (BILOU entity classes, UPOS) class 0's weights are subtracted from every class's in
/// each row ("shifted"): class 0 then always scores 0, the argmax does not change, and the
/// other 16 classes fit in 16 lanes (32 bytes a row). Stored in files as a [`Linear`].
#[derive(Clone, Debug, PartialEq)]
pub struct Dense {
    /// log2 of the number of rows.
    pub bits: u8,
    /// Number of classes.
    pub ncls: usize,
    /// Weights per row (16, 32 or 64).
    lanes: usize,
    /// Class 0 is implicit (always 0); lane `k` holds class `k + 1`.
    shifted: bool,
    w: Vec<Line>,
    /// Real weight = `w * scale`.
    pub scale: f32,
    /// The table as read or trained (kept to write it back unchanged).
    sparse: Linear,
}

impl Dense {
    /// Most classes a dense table holds.
    pub const MAX_CLASSES: usize = 64;

    /// From a sparse table; fails when it has more than [`Dense::MAX_CLASSES`] classes.
    pub fn from_linear(l: Linear) -> Result<Dense, String> {
        if l.ncls > Self::MAX_CLASSES || l.ncls == 0 {
            return Err(format!(
                "a dense table has 1 to {} classes, not {}",
                Self::MAX_CLASSES,
                l.ncls
            ));
        }
        let shifted = l.ncls == 17;
        let lanes = if shifted || l.ncls <= 16 {
            16
        } else if l.ncls <= 32 {
            32
        } else {
            64
        };
        let rows = 1usize << l.bits;
        let width = if shifted { l.ncls - 1 } else { l.ncls };
        // Largest weight after shifting, from the entries alone (entries are sorted by
        // class within a row): class k's shifted weight is w[k] - w[0], and a class without
        // an entry has w = 0, so -w[0].
        let mut max = 1i32;
        for r in 0..rows {
            let es = &l.entries[l.start[r] as usize..l.start[r + 1] as usize];
            let Some(first) = es.first() else { continue };
            let w0 = if shifted && first.c == 0 {
                i32::from(first.w)
            } else {
                0
            };
            let given = es.iter().filter(|e| !shifted || e.c != 0).count();
            if given < width {
                max = max.max(w0.abs());
            }
            for e in es.iter().filter(|e| !shifted || e.c != 0) {
                max = max.max((i32::from(e.w) - w0).abs());
            }
        }
        // Shifted weights may leave the i16 range: rescale.
        let (div, scale) = if max > 32767 {
            (i64::from(max), l.scale * (max as f32 / 32767.0))
        } else {
            (32767, l.scale)
        };
        // Rescaled values by table lookup (weights are i16, so shifted ones lie in
        // -65535..=65535): one division per possible value instead of one per weight.
        let lut: Vec<i16> = if div == 32767 {
            Vec::new()
        } else {
            (-65535i64..=65535)
                .map(|v| {
                    let v = v * 32767;
                    let half = if v < 0 { -div / 2 } else { div / 2 };
                    ((v + half) / div) as i16
                })
                .collect()
        };
        let q = |v: i32| -> i16 {
            if lut.is_empty() {
                v as i16
            } else {
                lut[(v + 65535) as usize]
            }
        };
        // Zeroed by the allocator (pages the kernel maps on first touch): only rows with
        // weights are written, which keeps loading fast for mostly empty tables.
        let mut w = zeroed_lines((rows * lanes).div_ceil(32));
        let flat: &mut [i16] = {
            // SAFETY: `Line` is 32 plain i16s with no padding.
            unsafe { std::slice::from_raw_parts_mut(w.as_mut_ptr() as *mut i16, w.len() * 32) }
        };
        for r in 0..rows {
            let es = &l.entries[l.start[r] as usize..l.start[r + 1] as usize];
            let Some(first) = es.first() else { continue };
            let row = &mut flat[r * lanes..r * lanes + width];
            if shifted {
                let w0 = if first.c == 0 { i32::from(first.w) } else { 0 };
                if w0 != 0 {
                    row.fill(q(-w0));
                }
                for e in es.iter().filter(|e| e.c != 0) {
                    row[e.c as usize - 1] = q(i32::from(e.w) - w0);
                }
            } else {
                for e in es {
                    row[e.c as usize] = q(i32::from(e.w));
                }
            }
        }
        Ok(Dense {
            bits: l.bits,
            ncls: l.ncls,
            lanes,
            shifted,
            w,
            scale,
            sparse: l,
        })
    }

    /// The sparse form (as trained or read).
    pub fn to_linear(&self) -> Linear {
        self.sparse.clone()
    }

    /// Writes the table (in the sparse [`Linear`] form).
    pub fn write(&self, out: &mut Writer) {
        self.sparse.write(out);
    }

    /// Reads a table written by [`Dense::write`].
    pub fn read(r: &mut Reader) -> Result<Dense, String> {
        Dense::from_linear(Linear::read(r)?)
    }

    /// Computes the scores of `feats` into `scores` (at least `ncls` long).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        // SAFETY: `Line` is 32 plain i16s with no padding.
        let flat: &[i16] =
            unsafe { std::slice::from_raw_parts(self.w.as_ptr() as *const i16, self.w.len() * 32) };
        match self.lanes {
            16 => {
                let acc = accumulate::<16>(flat, self.bits, feats);
                if self.shifted {
                    scores[0] = 0;
                    scores[1..self.ncls].copy_from_slice(&acc[..self.ncls - 1]);
                } else {
                    scores[..self.ncls].copy_from_slice(&acc[..self.ncls]);
                }
            }
            32 => {
                let acc = accumulate::<32>(flat, self.bits, feats);
                scores[..self.ncls].copy_from_slice(&acc[..self.ncls]);
            }
            _ => {
                let acc = accumulate::<64>(flat, self.bits, feats);
                scores[..self.ncls].copy_from_slice(&acc[..self.ncls]);
            }
        }
    }
}

#[inline(always)]
fn accumulate<const L: usize>(w: &[i16], bits: u8, feats: &[u64]) -> [i32; L] {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            return unsafe { accumulate_avx2::<L>(w, bits, feats) };
        }
    }
    accumulate_plain::<L>(w, bits, feats)
}

#[inline(always)]
fn accumulate_plain<const L: usize>(w: &[i16], bits: u8, feats: &[u64]) -> [i32; L] {
    let mut acc = [0i32; L];
    for chunk in feats.chunks(64) {
        let mut rows = [0usize; 64];
        for (r, &f) in rows.iter_mut().zip(chunk) {
            *r = Linear::row(bits, f) * L;
            prefetch(w.as_ptr().wrapping_add(*r));
        }
        for &r in &rows[..chunk.len()] {
            let row: &[i16; L] = w[r..r + L].try_into().unwrap();
            for j in 0..L {
                acc[j] += i32::from(row[j]);
            }
        }
    }
    acc
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn accumulate_avx2<const L: usize>(w: &[i16], bits: u8, feats: &[u64]) -> [i32; L] {
    accumulate_plain::<L>(w, bits, feats)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sparse table with weights spread over rows (some rows empty, some without class 0,
    /// some near the i16 limits, which forces the shifted table to rescale).
    fn sparse(bits: u8, ncls: usize, seed: u64) -> Linear {
        let mut rng = crate::hash::Rng::new(seed);
        let rows = 1usize << bits;
        let w: Vec<i16> = (0..rows * ncls)
            .map(|_| match rng.next_u64() % 8 {
                0 => 32767,
                1 => -32767,
                2 | 3 => (rng.next_u64() % 2001) as i16 - 1000,
                _ => 0,
            })
            .collect();
        Linear::from_dense(bits, ncls, &w, 0.01)
    }

    /// The dense table scores like the sparse one: the same argmax and the same score
    /// differences to class 0 (in real units, up to rounding) for shifted tables.
    #[test]
    fn dense_tables_score_like_sparse_ones() {
        for (ncls, seed) in [(17, 1), (17, 2), (12, 3), (30, 4), (46, 5)] {
            let l = sparse(8, ncls, seed);
            let d = Dense::from_linear(l.clone()).unwrap();
            let mut rng = crate::hash::Rng::new(seed + 100);
            for _ in 0..200 {
                let feats: Vec<u64> = (0..20).map(|_| rng.next_u64()).collect();
                let mut a = vec![0i32; ncls];
                let mut b = vec![0i32; ncls];
                l.score(&feats, &mut a);
                d.score(&feats, &mut b);
                for c in 0..ncls {
                    let want = f64::from(a[c] - a[0]) * f64::from(l.scale);
                    let got = f64::from(b[c] - b[0]) * f64::from(d.scale);
                    let tol = 20.0 * 1.01 * f64::from(d.scale);
                    assert!((want - got).abs() <= tol, "class {c}: {want} vs {got}");
                }
            }
            assert_eq!(d.to_linear(), l);
        }
    }
}
