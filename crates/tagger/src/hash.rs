//! A small, fast, deterministic 64-bit hash for features (no allocation, no random state).

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Combines a running hash with a value (FxHash step).
#[inline(always)]
pub fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// Final avalanche (MurmurHash3's fmix64), so that the top bits are well distributed.
#[inline(always)]
pub fn fin(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Hashes bytes with a seed.
#[inline]
pub fn bytes(seed: u64, b: &[u8]) -> u64 {
    let mut h = mix(seed, b.len() as u64);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap()));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // The little-endian value of the zero-padded rest, without a `memcpy` call (most
        // words and affixes are shorter than 8 bytes: this is the common path).
        let v = rest
            .iter()
            .enumerate()
            .fold(0u64, |v, (i, &x)| v | u64::from(x) << (8 * i));
        h = mix(h, v);
    }
    fin(h)
}

/// Hashes a string.
#[inline]
pub fn str(seed: u64, s: &str) -> u64 {
    bytes(seed, s.as_bytes())
}

#[cfg(test)]
#[test]
fn the_rest_of_a_word_hashes_as_zero_padded_little_endian() {
    // The hash values are part of the model files: they must never change.
    let reference = |seed: u64, b: &[u8]| {
        let mut h = mix(seed, b.len() as u64);
        for c in b.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..c.len()].copy_from_slice(c);
            h = mix(h, u64::from_le_bytes(buf));
        }
        fin(h)
    };
    for w in [
        "",
        "a",
        "ab",
        "The",
        "house",
        "running",
        "Netanyahu",
        "über-cool",
        "0123456789abcdef0",
    ] {
        assert_eq!(bytes(7, w.as_bytes()), reference(7, w.as_bytes()), "{w}");
    }
}

/// A `BuildHasher` for keys that are already hashes (u64): passes them through.
#[derive(Default, Clone, Copy)]
pub struct Prehashed;

/// The hasher of [`Prehashed`].
#[derive(Default)]
pub struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, b: &[u8]) {
        self.0 = bytes(self.0, b);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

impl std::hash::BuildHasher for Prehashed {
    type Hasher = PassThrough;
    fn build_hasher(&self) -> PassThrough {
        PassThrough(0)
    }
}

/// A map keyed by a precomputed hash.
pub type HashMap<V> = std::collections::HashMap<u64, V, Prehashed>;

/// A deterministic pseudo-random generator (xorshift64*), for shuffling.
pub struct Rng(u64);

impl Rng {
    /// Seeded generator (a zero seed is replaced).
    pub fn new(seed: u64) -> Rng {
        Rng(fin(seed ^ 0x9e37_79b9_7f4a_7c15) | 1)
    }
    /// Next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
