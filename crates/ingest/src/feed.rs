//! RSS 2.0 and Atom feed files: one document per item (`<item>` / `<entry>`), read from
//! its full content (`content:encoded`, Atom `content`) or else its description/summary,
//! with the item's title, link, date, author and id as metadata.

use crate::html::{parse_date, HtmlPage, Pending};
use newsgraph_core::{Error, ErrorKind, Meta, Result};
use quick_xml::events::Event;

/// One feed item as the feed gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedItem {
    /// Title.
    pub title: Option<String>,
    /// Link to the article page.
    pub link: Option<String>,
    /// Date as written (`pubDate`, `published`, `updated`, `dc:date`).
    pub date: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// `guid` / `id`.
    pub id: Option<String>,
    /// Full content (HTML), if the feed carries it.
    pub content: Option<String>,
    /// Description or summary (HTML or text).
    pub summary: Option<String>,
}

/// True when the bytes look like an RSS or Atom feed (`<rss`, `<feed`, `<rdf:RDF` near the top).
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    [&b"<rss"[..], b"<feed", b"<rdf:RDF"]
        .iter()
        .any(|t| memchr::memmem::find(head, t).is_some())
}

/// Parses a feed's items. `Err` with the byte offset where the XML is broken.
pub fn parse_feed(xml: &[u8]) -> std::result::Result<Vec<FeedItem>, (u64, String)> {
    let mut r = quick_xml::Reader::from_reader(xml);
    r.config_mut().trim_text(true);
    let mut items = Vec::new();
    let mut cur: Option<FeedItem> = None;
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut text = String::new();
    let mut buf = Vec::new();
    loop {
        let ev = r
            .read_event_into(&mut buf)
            .map_err(|e| (r.buffer_position(), format!("broken XML: {e}")))?;
        match ev {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if (name == b"item" || name == b"entry") && cur.is_none() {
                    cur = Some(FeedItem::default());
                } else if let Some(it) = cur.as_mut() {
                    if name == b"link" {
                        link_attr(&e, it);
                    }
                }
                path.push(name);
                text.clear();
            }
            Event::Empty(e) => {
                if let Some(it) = cur.as_mut() {
                    if e.local_name().as_ref().eq_ignore_ascii_case(b"link") {
                        link_attr(&e, it);
                    }
                }
            }
            Event::Text(t) if cur.is_some() => {
                let s = t
                    .unescape()
                    .map(|c| c.into_owned())
                    .unwrap_or_else(|_| String::from_utf8_lossy(&t).into_owned());
                text.push_str(&s);
            }
            Event::CData(t) if cur.is_some() => {
                text.push_str(&String::from_utf8_lossy(&t));
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                if name == b"item" || name == b"entry" {
                    if let Some(it) = cur.take() {
                        items.push(it);
                    }
                } else if let Some(it) = cur.as_mut() {
                    let value = std::mem::take(&mut text).trim().to_string();
                    let parent = path.last().map(Vec::as_slice).unwrap_or(b"");
                    if !value.is_empty() {
                        match name.as_slice() {
                            b"title"
                                if it.title.is_none()
                                    && (parent == b"item" || parent == b"entry") =>
                            {
                                it.title = Some(value)
                            }
                            b"link" if it.link.is_none() => it.link = Some(value),
                            b"pubdate" | b"published" | b"date" | b"issued" => {
                                it.date.get_or_insert(value);
                            }
                            b"updated" | b"modified" => {
                                it.date.get_or_insert(value);
                            }
                            b"guid" | b"id" if it.id.is_none() => it.id = Some(value),
                            b"creator" => it.authors.push(value),
                            b"name" if parent == b"author" => it.authors.push(value),
                            b"author" if it.authors.is_empty() => {
                                // RSS `author` is an e-mail, often `jane@x.org (Jane Doe)`.
                                let v = match (value.find('('), value.rfind(')')) {
                                    (Some(a), Some(b)) if a < b => value[a + 1..b].to_string(),
                                    _ => value,
                                };
                                it.authors.push(v);
                            }
                            b"encoded" | b"content" => it.content = Some(value),
                            b"description" | b"summary" => it.summary = Some(value),
                            _ => {}
                        }
                    }
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(items)
}

fn link_attr(e: &quick_xml::events::BytesStart, it: &mut FeedItem) {
    let mut href = None;
    let mut rel = None;
    for a in e.attributes().flatten() {
        let v = a
            .unescape_value()
            .map(|v| v.into_owned())
            .unwrap_or_default();
        match a.key.local_name().as_ref() {
            b"href" => href = Some(v),
            b"rel" => rel = Some(v),
            _ => {}
        }
    }
    if let Some(h) = href {
        if rel.as_deref().is_none_or(|r| r == "alternate") && it.link.is_none() {
            it.link = Some(h);
        }
    }
}

/// The items of a feed file as pages to extract (or one error for a broken feed).
pub fn feed_pages(bytes: &[u8], path: &str) -> Vec<Result<Pending>> {
    let items = match parse_feed(bytes) {
        Ok(i) => i,
        Err((at, msg)) => {
            return vec![Err(Error::new(
                ErrorKind::Malformed,
                format!("{msg}; is it an RSS or Atom feed?"),
            )
            .with_path(path)
            .at(at))]
        }
    };
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    items
        .into_iter()
        .enumerate()
        .map(|(n, it)| {
            let n = n + 1;
            let body = it.content.clone().or(it.summary.clone()).unwrap_or_default();
            if body.trim().is_empty() {
                return Err(Error::new(
                    ErrorKind::Empty,
                    format!("item {n} ({}) has no content or description to read", it.title.as_deref().unwrap_or("untitled")),
                )
                .with_path(path));
            }
            let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
            let title = it.title.as_deref().map(esc).unwrap_or_default();
            let page = format!(
                "<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
            );
            let date = it.date.as_deref().and_then(parse_date);
            Ok(Pending::Html(Box::new(HtmlPage {
                bytes: page.into_bytes(),
                charset: Some("utf-8".into()),
                source: format!("{path}#{n}"),
                path: path.to_string(),
                offset: 0,
                context: format!("item {n}: "),
                meta: Meta {
                    id: it.id.or(it.link.clone()).unwrap_or_else(|| format!("{file}#{n}")),
                    url: it.link,
                    title: it.title,
                    date,
                    authors: it.authors,
                    ..Default::default()
                },
                date_fallback: None,
            })))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Limits;
    use newsgraph_core::BlockKind;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title><link>https://x.org/</link>
<item><title>Storm hits the coast &amp; floods towns</title><link>https://x.org/storm</link>
<pubDate>Fri, 22 Dec 2023 10:00:00 GMT</pubDate><dc:creator>Jane Doe</dc:creator><guid>x-1</guid>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>A storm hit the coast on Thursday, flooding towns, officials said.</p><p>"We have never seen this," the mayor said.</p>]]></content:encoded></item>
<item><title>Only a teaser</title><link>https://x.org/teaser</link><description>&lt;p&gt;The council met on Monday and voted to close the bridge, a spokesman said.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://x.org/empty</link></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<entry><title>Bridge reopens after repairs</title><link rel="alternate" href="https://b.org/bridge"/><id>tag:b.org,2023:1</id>
<published>2023-12-20T08:00:00Z</published><author><name>John Roe</name></author>
<content type="html">&lt;p&gt;The bridge reopened on Wednesday after months of repairs, the city said.&lt;/p&gt;</content></entry>
</feed>"#;

    #[test]
    fn rss_items_become_documents() {
        assert!(looks_like_feed(RSS.as_bytes()) && looks_like_feed(ATOM.as_bytes()));
        let docs: Vec<_> = feed_pages(RSS.as_bytes(), "news.rss")
            .into_iter()
            .map(|p| p.and_then(|p| p.finish(Limits::default())))
            .collect();
        assert_eq!(docs.len(), 3);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(
            d.meta.title.as_deref(),
            Some("Storm hits the coast & floods towns")
        );
        assert_eq!(d.meta.url.as_deref(), Some("https://x.org/storm"));
        assert_eq!(d.meta.date.as_deref(), Some("2023-12-22"));
        assert_eq!(d.meta.authors, ["Jane Doe"]);
        assert_eq!(d.meta.id, "x-1");
        assert_eq!(d.meta.source, "news.rss#1");
        assert_eq!(d.blocks[0].kind, BlockKind::Title);
        assert!(
            d.text.contains("A storm hit the coast on Thursday")
                && !d.text.contains("Short teaser")
        );
        let t = docs[1].as_ref().unwrap();
        assert!(t.text.contains("The council met on Monday"), "{}", t.text);
        let e = docs[2].as_ref().unwrap_err();
        assert!(
            e.to_string().contains("item 3 (Empty) has no content"),
            "{e}"
        );
    }

    #[test]
    fn atom_entries_become_documents() {
        let docs: Vec<_> = feed_pages(ATOM.as_bytes(), "blog.atom")
            .into_iter()
            .map(|p| p.and_then(|p| p.finish(Limits::default())))
            .collect();
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.meta.url.as_deref(), Some("https://b.org/bridge"));
        assert_eq!(d.meta.date.as_deref(), Some("2023-12-20"));
        assert_eq!(d.meta.authors, ["John Roe"]);
        assert!(d.text.contains("The bridge reopened on Wednesday"));
    }

    #[test]
    fn broken_feed_is_one_error_with_an_offset() {
        let r = feed_pages(b"<rss><channel><item><title>x</titl></item>", "bad.rss");
        assert_eq!(r.len(), 1);
        let e = r[0].as_ref().unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed);
        assert!(e.offset.is_some());
    }
}
