#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/seeds/ from the repository's test data (no shared data).

HTML seeds: the seed article page (tests/golden/seed-html), the extractor's unit-test page,
and small pages for charsets, JSON-LD, live-blog lists and broken markup. WARC seeds: plain
and gzip-per-record archives with response, request, warcinfo, non-HTML, chunked, gzip
content coding, wrong charset and truncated records. The first byte of every seed is the
target's mode byte (see fuzz_targets/*.rs), except for the feed target.

Feed seeds: the RSS and Atom samples of crates/ingest/src/feed.rs's tests, and variants
(RDF, entities, CDATA, relative links, a broken feed).
"""
import gzip, os, re

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)

def write(target, name, data):
    d = os.path.join(here, "seeds", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

seed_page = open(os.path.join(root, "tests/golden/seed-html/input.html"), "rb").read()
tests = open(os.path.join(root, "crates/ingest/src/html/tests.rs"), encoding="utf-8").read()
unit_page = re.search(r'const PAGE: &str = r##"(.*?)"##;', tests, re.S).group(1).encode()

small = [
    b"<!doctype html><html lang=en><head><title>Bridge reopens | Example</title>"
    b"<meta property='article:published_time' content='2024-03-26T10:00:00Z'></head><body>"
    b"<article><h1>Bridge reopens</h1><p class=byline>By Ann Lee</p><p>The bridge reopened on Monday,"
    b" the city said.</p><p>\"It is safe,\" the mayor said.</p></article></body></html>",
    "<html><head><meta charset=windows-1252><title>Caf\u00e9</title></head><body><p>Caf\u00e9 owners "
    "count the cost, the owner said \u00ab quietly \u00bb.</p></body></html>".encode("cp1252"),
    b"<html><body><div id=live><ul><li><time datetime='2024-01-01'>10:00</time><p>Update one, "
    b"officials said.</p></li><li><p>Update two</p></li></ul></div><table><tr><td>cell</td></tr>"
    b"</table></body></html>",
    b"<p>unclosed <b>bold <i>italic</b> text &amp; &#x2014; &notanentity; <figure><figcaption>"
    b"Photo: A / AP</figcaption></figure><script>var x = '</p>';</script><!-- comment <p>x</p>",
    b"<html><head><script type=application/ld+json>{\"@type\":\"NewsArticle\",\"headline\":\"H\","
    b"\"articleBody\":\"Body text of the article, said Ann.\",\"author\":{\"name\":\"Ann\"},"
    b"\"datePublished\":\"2024-02-03\"}</script></head><body><p>teaser</p></body></html>",
]
for i, (hint, page) in enumerate([(0, seed_page), (1, unit_page)] + [(i % 6, p) for i, p in enumerate(small)]):
    write("html", f"page{i}.html", bytes([hint]) + page)

def record(kind, uri, ctype, block):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{len(block)}>\r\n"
            f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-26T10:15:00Z\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"

def response(uri, headers, body, status="200 OK"):
    return record("response", uri, "application/http; msgtype=response",
                  f"HTTP/1.1 {status}\r\n{headers}\r\n".encode() + body)

page = small[0]
chunked = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in [page[:40], page[40:]]) + b"0\r\n\r\n"
records = [
    record("warcinfo", "", "application/warc-fields", b"software: seeds\r\n"),
    record("request", "https://a.example/1", "application/http; msgtype=request", b"GET /1 HTTP/1.1\r\n\r\n"),
    response("https://a.example/1", "Content-Type: text/html; charset=utf-8\r\n", page),
    response("https://a.example/2", "Content-Type: text/html; charset=ISO-8859-1\r\n", small[1]),
    response("https://a.example/3", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", chunked),
    response("https://a.example/4", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gzip.compress(page, mtime=0)),
    response("https://a.example/logo.png", "Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n...."),
    response("https://a.example/gone", "Content-Type: text/html\r\n", b"<html>gone</html>", "404 Not Found"),
    response("https://a.example/5", "Content-Type: text/html; charset=utf-16le\r\n", page),
    record("resource", "https://a.example/6.html", "text/html", small[3]),
]
plain = b"".join(records)
write("warc", "plain.warc", b"\x00" + plain)
write("warc", "plain-regzipped.warc", b"\x01" + plain)
write("warc", "plain-small-limit.warc", b"\x02" + plain)
members = b"".join(gzip.compress(r, mtime=0) for r in records)
write("warc", "members.warc.gz", b"\x00" + members)
write("warc", "truncated.warc.gz", b"\x00" + members[: len(members) - 30])
write("warc", "truncated.warc", b"\x00" + plain[: len(plain) - 100])
write("warc", "garbage-between.warc.gz", b"\x00" + gzip.compress(records[2], mtime=0) + b"not gzip at all" + gzip.compress(records[3], mtime=0))
write("warc", "bad-length.warc", b"\x00" + records[2].replace(b"Content-Length: ", b"Content-Length: 9") + records[3])

feed_tests = open(os.path.join(root, "crates/ingest/src/feed.rs"), encoding="utf-8").read()
for name in ("RSS", "ATOM"):
    body = re.search(r'const %s: &str = r#"(.*?)"#;' % name, feed_tests, re.S).group(1)
    write("feed", name.lower() + ".xml", body.encode())
write("feed", "rdf.xml", b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
      b'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><item rdf:about="https://x.org/1">'
      b'<title>A &amp; B</title><link>/relative/1</link><dc:date>2024-03-26</dc:date><dc:creator>Ann Lee</dc:creator>'
      b'<description><![CDATA[<p>"Yes," she said. &eacute;</p>]]></description></item></rdf:RDF>')
write("feed", "broken.rss", b"<rss><channel><item><title>x</titl></item>")
