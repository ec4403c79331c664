//! RSS/Atom feeds (files, and what `newsgraph watch` downloads): any bytes give pages or one
//! error with an offset, and every page extracts to a valid document or an error; no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_ingest::feed::{feed_pages, parse_feed};
use newsgraph_ingest::Limits;

fuzz_target!(|data: &[u8]| {
    let items = parse_feed(data);
    let pages = feed_pages(data, "fuzz.rss");
    match items {
        Ok(items) => assert_eq!(items.len(), pages.len(), "one page per item"),
        Err((at, _)) => {
            assert!(at <= data.len() as u64, "error offset {at} past the end");
            assert_eq!(pages.len(), 1, "a broken feed is one error");
        }
    }
    for p in pages {
        if let Ok(doc) = p.and_then(|p| p.finish(Limits { max_bytes: 1 << 20 })) {
            if let Err(e) = doc.validate() {
                panic!("document from a feed item is invalid: {e:?}");
            }
        }
    }
});
