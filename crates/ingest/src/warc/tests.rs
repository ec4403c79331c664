use super::*;
use std::io::Write;

fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-26T10:15:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

fn response(uri: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        &http(headers, body),
    )
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn page(title: &str, para: &str) -> String {
    format!("<!doctype html><html lang=en><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{para}</p><p>A second paragraph of the story, long enough to be prose, officials said on Tuesday.</p></article></body></html>")
}

fn read_all(data: &[u8], limits: Limits) -> Vec<Result<Document>> {
    WarcReader::new(data, "crawl.warc", limits).collect()
}

#[test]
fn plain_warc_response_records_become_documents() {
    let mut w = record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    );
    w.extend(record(
        "request",
        "https://a.example/1",
        "application/http; msgtype=request",
        b"GET /1 HTTP/1.1\r\n\r\n",
    ));
    let latin = page(
        "Caf\u{e9} owners count the cost of the flood",
        "The caf\u{e9} was flooded on Monday, its owner said, and will stay closed.",
    );
    let (latin_bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
    w.extend(response(
        "https://a.example/1",
        "Content-Type: text/html; charset=ISO-8859-1\r\n",
        &latin_bytes,
    ));
    let image_at = w.len() as u64;
    w.extend(response(
        "https://a.example/logo.png",
        "Content-Type: image/png\r\n",
        b"\x89PNG\r\n\x1a\n....",
    ));
    let items = read_all(&w, Limits::default());
    assert_eq!(items.len(), 2);
    let d = items[0].as_ref().unwrap();
    assert_eq!(d.meta.url.as_deref(), Some("https://a.example/1"));
    assert_eq!(d.meta.fetched.as_deref(), Some("2024-03-26T10:15:00Z"));
    assert_eq!(d.meta.date.as_deref(), Some("2024-03-26"));
    assert!(d.meta.source.starts_with("crawl.warc@"));
    assert_eq!(
        d.meta.id,
        "response-".to_string()
            + &format!(
                "{}",
                http(
                    "Content-Type: text/html; charset=ISO-8859-1\r\n",
                    &latin_bytes
                )
                .len()
            )
    );
    assert!(d.text.contains("The caf\u{e9} was flooded"), "{}", d.text);
    let e = items[1].as_ref().unwrap_err();
    assert_eq!((e.kind, e.offset), (ErrorKind::Unsupported, Some(image_at)));
    assert!(
        e.to_string()
            .contains("not an HTML page (Content-Type image/png)"),
        "{e}"
    );
}

#[test]
fn gzip_per_record_with_chunked_and_compressed_bodies() {
    let p1 = page(
        "Storm hits the coast of England",
        "A storm hit the coast on Thursday, flooding streets, officials said.",
    );
    // chunked transfer coding over a gzip content coding
    let z = gz(p1.as_bytes());
    let mut chunked = Vec::new();
    for c in z.chunks(100) {
        chunked.extend(format!("{:x}\r\n", c.len()).as_bytes());
        chunked.extend_from_slice(c);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let r1 = response(
        "https://b.example/storm",
        "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        &chunked,
    );
    // charset only in <meta>
    let p2 = "<html><head><meta charset=\"windows-1252\"><title>x</title></head><body><p>Na\u{ef}ve caf\u{e9} owners said the flood had ruined their season, and asked for help.</p></body></html>";
    let (b2, _, _) = encoding_rs::WINDOWS_1252.encode(p2);
    let r2 = response("https://b.example/cafe", "Content-Type: text/html\r\n", &b2);
    // a wrong charset: the header says UTF-8, the bytes are Latin-1
    let r3 = response(
        "https://b.example/wrong",
        "Content-Type: text/html; charset=utf-8\r\n",
        &b2,
    );
    let mut w = gz(&record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"x: y\r\n",
    ));
    w.extend(gz(&r1));
    w.extend(gz(&r2));
    w.extend(gz(&r3));
    let items = read_all(&w, Limits::default());
    assert_eq!(items.len(), 3, "{items:?}");
    let d1 = items[0].as_ref().unwrap();
    assert!(d1.text.contains("A storm hit the coast on Thursday"));
    assert_eq!(
        d1.meta.title.as_deref(),
        Some("Storm hits the coast of England")
    );
    let d2 = items[1].as_ref().unwrap();
    assert!(
        d2.text.contains("Na\u{ef}ve caf\u{e9} owners"),
        "{}",
        d2.text
    );
    let d3 = items[2].as_ref().unwrap();
    assert!(d3.text.contains("caf\u{fffd} owners"), "{}", d3.text);
    d3.validate().unwrap();
}

#[test]
fn truncated_last_record_and_garbage_are_reported_with_offsets() {
    let good = gz(&response(
        "https://c.example/1",
        "Content-Type: text/html\r\n",
        page(
            "First story of the day here",
            "The first story, told in full, officials said.",
        )
        .as_bytes(),
    ));
    let second = gz(&response(
        "https://c.example/2",
        "Content-Type: text/html\r\n",
        page(
            "Second story of the day here",
            "The second story, cut off, officials said.",
        )
        .as_bytes(),
    ));
    let mut w = good.clone();
    w.extend_from_slice(b"garbage between members");
    let second_at = w.len() as u64;
    w.extend_from_slice(&second[..second.len() / 2]);
    let items = read_all(&w, Limits::default());
    assert!(items[0].is_ok());
    let errs: Vec<&Error> = items.iter().filter_map(|i| i.as_ref().err()).collect();
    assert_eq!(errs.len(), 2, "{items:?}");
    assert_eq!(errs[0].offset, Some(good.len() as u64));
    assert!(
        errs[0].to_string().contains("not a gzip member"),
        "{}",
        errs[0]
    );
    assert_eq!(errs[1].offset, Some(second_at));
    assert!(errs[1].to_string().contains("truncated"), "{}", errs[1]);

    // Uncompressed: a record cut short, after one that is not WARC at all.
    let mut w = b"HTTP/1.1 200 OK\r\n\r\nnot warc\r\n".to_vec();
    let ok_at = w.len();
    w.extend(response(
        "https://c.example/3",
        "Content-Type: text/html\r\n",
        page(
            "Third story of the day here",
            "The third story, told in full, officials said.",
        )
        .as_bytes(),
    ));
    let cut_at = w.len() as u64;
    let r = response(
        "https://c.example/4",
        "Content-Type: text/html\r\n",
        page("Fourth", "Cut.").as_bytes(),
    );
    w.extend_from_slice(&r[..r.len() - 40]);
    let items = read_all(&w, Limits::default());
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap_err().offset, Some(0));
    assert!(items[1]
        .as_ref()
        .unwrap()
        .meta
        .source
        .ends_with(&format!("@{ok_at}")));
    let e = items[2].as_ref().unwrap_err();
    assert_eq!(e.offset, Some(cut_at));
    assert!(e.to_string().contains("truncated record"), "{e}");
}

#[test]
fn a_20_mb_page_is_refused_and_reading_goes_on() {
    let big_body = "<p>word word word word word word word word.</p>".repeat((20 << 20) / 40);
    let mut w = response(
        "https://d.example/big",
        "Content-Type: text/html\r\n",
        format!("<html><body>{big_body}</body></html>").as_bytes(),
    );
    assert!(w.len() > 20 << 20);
    w.extend(response(
        "https://d.example/small",
        "Content-Type: text/html\r\n",
        page(
            "A small page after the big one",
            "It is read, officials said.",
        )
        .as_bytes(),
    ));
    let items = read_all(&w, Limits::default());
    assert_eq!(items.len(), 2);
    let e = items[0].as_ref().unwrap_err();
    assert_eq!((e.kind, e.offset), (ErrorKind::TooLarge, Some(0)));
    assert!(items[1].is_ok());
    // Compressed, with a small limit: the decompressed body is bounded too.
    let z = gz(format!("<html><body>{}</body></html>", &big_body[..100_000]).as_bytes());
    let w = gz(&response(
        "https://d.example/z",
        "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
        &z,
    ));
    let items = read_all(&w, Limits { max_bytes: 50_000 });
    let e = items[0].as_ref().unwrap_err();
    assert!(e.to_string().contains("above the limit"), "{e}");
}

#[test]
fn corrupted_archives_never_panic() {
    let mut w = Vec::new();
    for i in 0..4 {
        w.extend(gz(&response(
            &format!("https://e.example/{i}"),
            "Content-Type: text/html\r\n",
            page("Some story about something", "Text, officials said.").as_bytes(),
        )));
    }
    let mut seed = 0x9e3779b9u32;
    for round in 0..200 {
        let mut c = w.clone();
        for _ in 0..(1 + round % 5) {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let i = seed as usize % c.len();
            c[i] ^= (seed >> 8) as u8 | 1;
        }
        if round % 3 == 0 {
            c.truncate(seed as usize % c.len());
        }
        for d in WarcReader::new(&c[..], "fuzz.warc.gz", Limits::default()).flatten() {
            d.validate().unwrap();
        }
    }
}

#[test]
fn http_helpers() {
    assert_eq!(
        dechunk(b"4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\n\r\n").unwrap(),
        b"Wikipedia"
    );
    assert!(dechunk(b"zz\r\nWiki").is_err());
    assert_eq!(
        split_content_type("Text/HTML; Charset=\"ISO-8859-1\""),
        ("text/html".into(), Some("ISO-8859-1".into()))
    );
    let h = parse_http(b"HTTP/1.1 301 Moved\r\nLocation: x\r\n\r\n", 100).unwrap();
    assert_eq!(h.status, 301);
    assert!(parse_http(b"garbage", 100).is_err());
}
