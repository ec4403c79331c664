//! `newsgraph read` on web inputs as a user runs it: a WARC archive (gzip per record) with
//! more pages than one parallel batch, a JSON Lines file with a bad line, and an HTML page
//! found in a directory. Output order follows the inputs; bad records and lines are named
//! with their offsets; the run exits 1.

use std::io::Write;
use std::process::Command;

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn response(uri: &str, body: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}");
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-26T10:15:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[test]
fn warc_jsonl_and_html_inputs_in_order() {
    let dir = std::env::temp_dir().join(format!("newsgraph-web-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pages")).unwrap();
    let mut warc = Vec::new();
    for i in 0..70 {
        let page = format!(
            "<html><body><article><h1>Story number {i} of the day</h1><p>Story {i}: the mayor said on Tuesday that the bridge would reopen, officials said.</p></article></body></html>"
        );
        warc.extend(gz(&response(&format!("https://x.example/{i}"), &page)));
    }
    let cut_at = warc.len();
    warc.extend_from_slice(&gz(&response("https://x.example/cut", "<p>cut</p>"))[..40]);
    std::fs::write(dir.join("crawl.warc.gz"), &warc).unwrap();
    std::fs::write(
        dir.join("arts.jsonl"),
        "{\"id\": \"j1\", \"text\": \"Kirby said: \\\"We don't have that.\\\"\"}\nnot json\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("pages/p.html"),
        "<!doctype html><html><body><article><h1>A page found in a folder here</h1><p>It is read like any page, the reader said.</p></article></body></html>",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["read", "--format", "jsonl"])
        .arg(dir.join("crawl.warc.gz"))
        .arg(dir.join("arts.jsonl"))
        .arg(dir.join("pages"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let docs: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 72, "{err}");
    for (i, d) in docs.iter().take(70).enumerate() {
        assert_eq!(d["url"], format!("https://x.example/{i}"));
        assert_eq!(d["title"], format!("Story number {i} of the day"));
        assert_eq!(d["fetched"], "2024-03-26T10:15:00Z");
        assert!(d["quotes"].as_array().is_some());
    }
    assert_eq!(docs[70]["id"], "j1");
    assert_eq!(docs[71]["title"], "A page found in a folder here");
    assert!(
        err.contains(&format!("crawl.warc.gz (byte {cut_at}): truncated")),
        "{err}"
    );
    assert!(
        err.contains("arts.jsonl (byte ") && err.contains("line 2: not a JSON object"),
        "{err}"
    );
    assert!(err.contains("2 of 74"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
