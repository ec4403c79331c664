//! The WARC reader: any bytes, plain or gzip, must give documents, record-level errors with
//! an offset, or nothing, never a panic or an endless loop.
//!
//! The first input byte chooses how the rest is fed: as it is (plain WARC, or gzip members
//! the fuzzer mutated, mostly broken), or re-compressed here with one gzip member per
//! `WARC/` record, as CC-NEWS writes them, so the fuzzer also reaches the record parser
//! behind valid gzip members.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_ingest::warc::WarcReader;
use newsgraph_ingest::Limits;
use std::io::Write;

fn gzip_per_record(data: &[u8]) -> Vec<u8> {
    let mut starts: Vec<usize> = (0..data.len())
        .filter(|&i| data[i..].starts_with(b"WARC/"))
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.push(data.len());
    let mut out = Vec::new();
    for w in starts.windows(2) {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&data[w[0]..w[1]]).expect("in memory");
        out.extend(e.finish().expect("in memory"));
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let input = if mode & 1 == 1 {
        gzip_per_record(rest)
    } else {
        rest.to_vec()
    };
    // Small limits so that the size checks are reached by small inputs.
    let limits = Limits {
        max_bytes: if mode & 2 == 2 { 256 } else { 1 << 16 },
    };
    let mut n = 0usize;
    for item in WarcReader::new(&input[..], "fuzz.warc.gz", limits) {
        n += 1;
        // Every item consumes input: more items than bytes means the reader stopped moving.
        assert!(
            n <= input.len() + 1,
            "more items than input bytes: the reader loops"
        );
        match item {
            Ok(doc) => {
                if let Err(e) = doc.validate() {
                    panic!("document from a WARC record is invalid: {e:?}");
                }
            }
            Err(e) => {
                assert!(e.offset.is_some(), "a record error without an offset: {e}");
                assert!(
                    e.offset.unwrap() <= input.len() as u64,
                    "offset past the end: {e}"
                );
            }
        }
    }
});
