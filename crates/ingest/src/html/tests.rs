use super::*;
use newsgraph_core::assert_span;

const PAGE: &str = r##"<!doctype html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Storm hits coast | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://example.com/2023/05/04/storm">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Storm hits coast","datePublished":"2023-05-04T08:00:00Z",
 "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}]}</script>
<style>p { color: red }</style>
</head><body>
<nav class="menu"><a href="/">Home</a><a href="/news">News</a></nav>
<div class="cookie-consent">We use cookies. Accept?</div>
<article class="story">
  <h1>Storm hits coast</h1>
  <div class="byline">By Jane Doe and John Roe</div>
  <figure><img src="a.jpg"><figcaption>Waves break over the pier in Brighton. <span class="credit">Photo: Ann Smith / Reuters</span></figcaption></figure>
  <div class="story-body">
    <p>BRIGHTON (Reuters) -- A storm hit the south coast on Thursday, flooding streets and cutting power to thousands of homes, officials said.</p>
    <div class="share-bar"><a href="#">Share this article</a></div>
    <p>Winds of up to 90 mph were recorded, the Met Office said, and more rain is expected over the weekend in the region.</p>
    <p>&ldquo;We have never seen anything like it,&rdquo; said caf&eacute; owner Tom Hill, whose shop was flooded.</p>
    <div class="related-links"><h3>Related</h3><ul><li><a href="/x">Earlier storms in pictures and a long list of them</a></li></ul></div>
  </div>
</article>
<aside><p>Most read: something else entirely that is long enough to look like a paragraph.</p></aside>
<footer>Copyright 2023 The Daily Example</footer>
</body></html>"##;

fn kinds(doc: &Document) -> Vec<(BlockKind, &str)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, doc.slice(b.span)))
        .collect()
}

#[test]
fn extracts_article_structure_and_metadata() {
    let doc = html_document(PAGE.as_bytes(), "dir/storm.html", Limits::default(), None).unwrap();
    doc.validate().unwrap();
    assert_eq!(doc.meta.id, "storm.html");
    assert_eq!(doc.meta.title.as_deref(), Some("Storm hits coast"));
    assert_eq!(doc.meta.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(doc.meta.date.as_deref(), Some("2023-05-04"));
    assert_eq!(doc.meta.language.as_deref(), Some("en-GB"));
    assert_eq!(
        doc.meta.canonical_url.as_deref(),
        Some("https://example.com/2023/05/04/storm")
    );
    assert_eq!(doc.meta.site_name.as_deref(), Some("The Daily Example"));
    let k = kinds(&doc);
    assert_eq!(k[0], (BlockKind::Title, "Storm hits coast"));
    assert_eq!(
        k[1],
        (BlockKind::Caption, "Waves break over the pier in Brighton.")
    );
    assert_eq!(k[2].0, BlockKind::Credit);
    let credit = doc.blocks[2];
    assert_span!(doc, credit.who.unwrap(), "Ann Smith");
    assert_span!(doc, credit.agency.unwrap(), "Reuters");
    assert_eq!(k[3].0, BlockKind::Dateline);
    assert_eq!(doc.blocks[3].place.map(|p| doc.slice(p)), Some("BRIGHTON"));
    let body: Vec<&str> = k
        .iter()
        .filter(|(k, _)| *k == BlockKind::Body)
        .map(|(_, t)| *t)
        .collect();
    assert_eq!(body.len(), 3, "{k:?}");
    assert!(body[0].starts_with("A storm hit"));
    assert!(body[2]
        .starts_with("\u{201c}We have never seen anything like it,\u{201d} said caf\u{e9} owner"));
    for junk in [
        "Home",
        "cookies",
        "Share this",
        "Related",
        "Earlier storms",
        "Most read",
        "Copyright",
        "By Jane",
    ] {
        assert!(
            !doc.text.contains(junk),
            "{junk:?} leaked into {:?}",
            doc.text
        );
    }
}

#[test]
fn source_map_points_back_into_the_page() {
    let ex = extract(PAGE);
    assert!(
        ex.source_map.runs.len() >= 5,
        "{:?} {:?}",
        ex.source_map,
        ex.text
    );
    assert!(ex
        .source_map
        .runs
        .windows(2)
        .all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
    for needle in [
        "A storm hit",
        "Winds of up to 90 mph",
        "Waves break over",
        "Storm hits coast",
    ] {
        let t = ex.text.find(needle).unwrap() as u32;
        let h = ex.source_map.source_offset(t).unwrap() as usize;
        assert_eq!(&PAGE[h..h + needle.len()], needle, "offset of {needle:?}");
    }
    // Inside a run: the distance carries over where nothing was decoded.
    let t = ex.text.find("flooding streets").unwrap() as u32;
    let h = ex.source_map.source_offset(t).unwrap() as usize;
    assert_eq!(&PAGE[h..h + 16], "flooding streets");
    // A run that starts with an entity is anchored after it.
    let t = ex.text.find("We have never").unwrap() as u32;
    let h = ex.source_map.source_offset(t).unwrap() as usize;
    assert_eq!(&PAGE[h..h + 13], "We have never");
}

#[test]
fn body_text_is_what_benchmarks_score() {
    let ex = extract(PAGE);
    let body = ex.body_text();
    assert!(body.starts_with("BRIGHTON (Reuters) -- A storm hit"));
    assert_eq!(body.lines().count(), 3);
    assert!(!body.contains("Waves break"));
}

#[test]
fn json_ld_article_body_selects_the_paragraphs_it_holds() {
    let body = "First paragraph of the real story, with enough words to count as prose here. Second paragraph of the real story goes on with more words about the matter at hand. Third paragraph ends it all with a final quote from someone who was there and saw it.";
    let page = format!(
        r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{body}"}}</script></head><body>
        <div class="a"><p>First paragraph of the real story, with enough words to count as prose here.</p>
        <p>Second paragraph of the real story goes on with more words about the matter at hand.</p></div>
        <div class="teaser"><p>An unrelated teaser paragraph with many, many, many, many commas, and words, to score.</p></div>
        <div class="b"><p>Third paragraph ends it all with a final quote from someone who was there and saw it.</p></div>
        </body></html>"#
    );
    let ex = extract(&page);
    let b = ex.body_text();
    assert_eq!(b.lines().count(), 3, "{b}");
    assert!(!b.contains("teaser"));
}

#[test]
fn decodes_charsets() {
    let page =
        b"<html><head><meta charset=\"windows-1252\"></head><body><p>caf\xe9</p></body></html>";
    assert!(decode(page, None).0.contains("caf\u{e9}"));
    let page = b"<html><body><p>caf\xe9</p></body></html>";
    assert!(decode(page, Some("iso-8859-1")).0.contains("caf\u{e9}"));
    assert!(decode(page, None).0.contains("caf\u{fffd}"));
    let bom = b"\xef\xbb\xbf<html><body>ok</body></html>";
    assert!(decode(bom, Some("latin1")).0.starts_with("<html>"));
    // A page cannot declare UTF-16 in ASCII markup.
    let page = b"<meta charset=utf-16><p>hi</p>";
    assert!(decode(page, None).0.contains("<p>hi</p>"));
}

#[test]
fn sniffs_html() {
    assert!(looks_like_html(b"\xef\xbb\xbf  <!DOCTYPE html><html>"));
    assert!(looks_like_html(b"<!-- x --><html lang=en>"));
    assert!(looks_like_html(b"<meta charset=utf-8><head></head>"));
    assert!(!looks_like_html(
        b"WASHINGTON (AP) -- Kirby said <b>no</b>."
    ));
    assert!(!looks_like_html(b""));
}

#[test]
fn parses_dates() {
    for (s, want) in [
        ("2023-12-17T23:30:00-05:00", "2023-12-17"),
        ("Published 2023/1/5", ""),
        ("https://x.com/2023/12/17/story", "2023-12-17"),
        ("December 17, 2023 at 5 pm", "2023-12-17"),
        ("Sun 17 Dec 2023 10.00 GMT", "2023-12-17"),
        ("20231217", "2023-12-17"),
        ("no date here 12345678901", ""),
    ] {
        assert_eq!(parse_date(s).unwrap_or_default(), want, "{s}");
    }
    assert_eq!(
        url_date("https://x.com/2023/12/17/story").as_deref(),
        Some("2023-12-17")
    );
}

#[test]
fn prestrip_drops_scripts_and_keeps_offsets() {
    let page = "<p>a</p><script>var x = '<p>no</p>';</script><!-- c --><p>bcde</p><SCRIPT type=\"application/ld+json\">{}</SCRIPT><svg><text>no</text></svg><p>fghi</p>";
    let s = prestrip(page);
    assert!(!s.html.contains("no"));
    assert_eq!(s.json_ld, ["{}"]);
    for n in ["bcde", "fghi"] {
        let at = s.html.find(n).unwrap();
        let p = s.page_offset(at) as usize;
        assert_eq!(&page[p..p + 4], n);
    }
    // Unclosed script and comment at the end.
    assert!(!prestrip("<p>x</p><script>var a").html.contains("var"));
    assert!(!prestrip("<p>x</p><!-- open").html.contains("open"));
}

#[test]
fn bad_pages_do_not_panic() {
    let mut seed = 0x2545f491u32;
    let pieces = [
        "<p>",
        "</p>",
        "<div class=\"share\">",
        "</div>",
        "<script>",
        "</script",
        "<!--",
        "-->",
        "&amp;",
        "text words, ",
        "\u{e9}",
        "<h1>",
        "<figcaption>",
        "<a href=x>",
        "<svg",
        ">",
        "\"",
        "<table><td>",
        "<br>",
    ];
    for _ in 0..300 {
        let mut page = String::new();
        for _ in 0..40 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            page.push_str(pieces[seed as usize % pieces.len()]);
        }
        let ex = extract(&page);
        let doc = ex.into_document();
        doc.validate().unwrap();
    }
    let e = html_document(
        b"<html><body><script>x</script></body></html>",
        "e.html",
        Limits::default(),
        None,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Empty);
}

/// Prose paragraphs long enough to score as article text.
fn prose(topic: &str, n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>The {topic} report number {i} said on Tuesday that the plan, which was \
                 announced last year, would go ahead, officials said, despite objections.</p>"
            )
        })
        .collect()
}

#[test]
fn a_class_that_hides_an_element_keeps_it_out() {
    let page = format!(
        "<html><body><article><h1>Budget vote</h1>{}<div class=\"cli hidden\"><p>Support \
         our newsroom, which depends on readers like you, by giving as little as $1 today, \
         please.</p></div></article></body></html>",
        prose("budget", 4)
    );
    let body = extract(&page).body_text();
    assert!(body.contains("budget report number 3"), "{body}");
    assert!(!body.contains("Support our newsroom"), "{body}");
}

#[test]
fn a_stream_of_articles_keeps_the_one_the_page_is_about() {
    // Two posts, each under its own h1 in its own wrapper; the metadata names the second.
    let post = |title: &str, topic: &str| {
        format!(
            "<div class=\"post\"><div class=\"head\"><div><h1>{title}</h1></div></div>\
             <div class=\"wrap\"><div class=\"inner\"><div class=\"text\">{}</div></div></div></div>",
            prose(topic, 4)
        )
    };
    let page = format!(
        "<html><head><meta property=\"og:title\" content=\"Harbour bridge reopens\"></head>\
         <body><main>{}{}</main></body></html>",
        post("Mayor wins second term", "election"),
        post("Harbour bridge reopens", "bridge")
    );
    let body = extract(&page).body_text();
    assert!(body.contains("bridge report number 0"), "{body}");
    assert!(!body.contains("election report"), "{body}");
}

#[test]
fn an_h1_used_as_a_section_heading_does_not_split_the_article() {
    let page = format!(
        "<html><head><meta property=\"og:title\" content=\"Words that give AI away\"></head>\
         <body><article><h1>Words that give AI away</h1>{}<h1>Final thoughts</h1>{}</article>\
         </body></html>",
        prose("first", 4),
        prose("second", 4)
    );
    let body = extract(&page).body_text();
    assert!(body.contains("first report number 0"), "{body}");
    assert!(body.contains("second report number 3"), "{body}");
}

#[test]
fn a_comments_heading_ends_the_article_text() {
    let page = format!(
        "<html><body><div class=\"main\"><h1>Intruder jailed</h1><div class=\"text\">{}</div>\
         <div class=\"talk\"><div><h4>8 COMMENTS</h4></div><ul><li><div><p>I think the \
         homeowner was right to defend his family, and so would anyone else, frankly.</p>\
         </div></li><li><div><p>Please consider dialing back on your glee, which is not \
         becoming of anyone, in my view, really.</p></div></li></ul></div></div></body></html>",
        prose("court", 5)
    );
    let body = extract(&page).body_text();
    assert!(body.contains("court report number 4"), "{body}");
    assert!(!body.contains("homeowner"), "{body}");
    assert!(!body.contains("COMMENTS"), "{body}");
}

#[test]
fn a_related_heading_in_the_flow_takes_its_list_but_not_the_text_after_it() {
    let page = format!(
        "<html><body><article><h1>Storm</h1>{}<h3>Related</h3><div class=\"cards\"><div>\
         <p>Earlier storms and the damage they did to the coast over the last ten years, \
         in pictures.</p></div></div>{}</article></body></html>",
        prose("storm", 3),
        prose("flood", 3)
    );
    let body = extract(&page).body_text();
    assert!(!body.contains("Earlier storms"), "{body}");
    assert!(body.contains("flood report number 2"), "{body}");
    assert!(section_label("Editors' Recommendations"));
    assert!(section_label("12 Comments:"));
    assert!(section_label("More from The Daily Example"));
    assert!(!section_label("More fromage than ever"));
    assert!(!section_label("Related work in the field shows that"));
}

#[test]
fn json_shown_as_text_is_not_body() {
    assert!(code_like(
        r#"\n\n","providerName":"Twitter","providerUrl":"https://twitter.com","type":"oembed""#
    ));
    assert!(!code_like(
        "\u{201c}We will\u{201d}, she said, \u{201c}go ahead.\u{201d} \"Yes,\" he said: \"no\"."
    ));
    // An embed's escaped HTML shown as text.
    let page = format!(
        "<html><body><article><h1>Coach expects back</h1>{}<p>&lt;a \
         href=\"https://twitter.com/hashtag/Fins\"&gt;#Fins&lt;/a&gt; coach told reporters \
         that he expects the back to return on Sunday against the rivals.</p></article>\
         </body></html>",
        prose("coach", 4)
    );
    let b = extract(&page).body_text();
    assert!(
        b.contains("coach report number 3") && !b.contains("href"),
        "{b}"
    );
}

#[test]
fn the_date_shown_in_the_article_header_beats_other_dates_on_the_page() {
    // The metadata's UTC timestamp is a day after the local date the header shows; a
    // teaser's `<time>` in the sidebar, before the article, does not count.
    let page = format!(
        "<html><head><meta property=\"article:published_time\" content=\"2023-12-23T03:22:07Z\">\
         </head><body><aside><p><time datetime=\"2023-12-24T10:00:00-05:00\">Dec 24</time></p>\
         </aside><div class=\"side\"><p>Another story</p></div>\
         <article><h1>Late news</h1><time datetime=\"2023-12-22T22:22:07-05:00\">December 22, \
         2023 10:22 PM EST</time>{}</article></body></html>",
        prose("late", 4)
    );
    assert_eq!(extract(&page).meta.date.as_deref(), Some("2023-12-22"));
    // Without a shown date the metadata decides; an update time in the header is skipped.
    let page = format!(
        "<html><head><meta property=\"article:published_time\" content=\"2023-12-23T03:22:07Z\">\
         </head><body><article><h1>Late news</h1><time class=\"date-modified\" \
         datetime=\"2023-12-24T08:00:00-05:00\">Updated December 24, 2023</time>{}</article>\
         </body></html>",
        prose("late", 4)
    );
    assert_eq!(extract(&page).meta.date.as_deref(), Some("2023-12-23"));
}

#[test]
fn paywalled_text_marked_as_the_article_body_is_kept() {
    // The page hides the rest of the article from readers without a subscription; the
    // hidden part is still in `itemprop="articleBody"`. Outside it, hidden text stays out.
    let page = format!(
        "<html><body><h1>Old mill</h1><div itemprop=\"articleBody\" class=\"subscriber-premium\">\
         <div class=\"subscriber-preview\"><p>SPRINGFIELD (AP) \u{2014} It was the dog, stuck \
         atop the silos, that forced his hand, the retired fire marshal said on Sunday.</p></div>\
         {}<div class=\"subscriber-only\" style=\"display:none\"><p>A year later, Richmond and \
         allies emerged with a nonprofit and a five-year plan to raze the plant, he said.</p>\
         </div></div><div style=\"display:none\"><p>Log in to keep reading this article, which \
         is only for subscribers, and many more like it, today.</p></div></body></html>",
        prose("mill", 3)
    );
    let body = extract(&page).body_text();
    assert!(body.contains("It was the dog"), "{body}");
    assert!(body.contains("A year later, Richmond"), "{body}");
    assert!(!body.contains("Log in to keep reading"), "{body}");
    assert!(furniture_word("subscribe-box"));
    assert!(!furniture_word("subscriber-only"));
}

#[test]
fn a_paragraph_shown_twice_and_the_repeated_headline_are_dropped() {
    let lead = "Chinese police have shut down 34,000 online accounts and punished more than \
                6,300 people for allegedly spreading rumours, state media reported on Friday.";
    let page = format!(
        "<html><head><title>China shuts down 34,000 online accounts</title></head><body>\
         <div class=\"story\"><p>China shuts down 34,000 online accounts</p><p>{lead}</p>\
         <p>SHANGHAI: {lead}</p>{}</div></body></html>",
        prose("censorship", 3)
    );
    let ex = extract(&page);
    let body = ex.body_text();
    assert_eq!(
        body.matches("Chinese police have shut down").count(),
        1,
        "{body}"
    );
    assert!(body.starts_with("SHANGHAI: Chinese police"), "{body}");
    assert_eq!(
        ex.meta.title.as_deref(),
        Some("China shuts down 34,000 online accounts")
    );
}

#[test]
fn teaser_cards_in_a_list_of_other_stories_are_not_body() {
    let card = |title: &str, summary: &str| {
        format!(
            "<li><a href=\"/x\">{title}</a><div><p>{summary}</p></div><span>Bengt Halvorson, \
             February 16, 2024</span></li>"
        )
    };
    let page = format!(
        "<html><body><div class=\"page\"><div class=\"col\"><h1>Tariffs on EVs</h1>{}</div>\
         <ul class=\"stories\">{}{}</ul></div></body></html>",
        prose("tariff", 5),
        card(
            "Kia dealers are already gouging away on EV9 prices",
            "As first EV9 models arrive to strong demand, markups of up to $7,000 over MSRP are \
             already typical, and some dealerships may be pocketing even more, a report says."
        ),
        card(
            "Survey suggests lack of experience with EVs is slowing adoption",
            "The recent survey suggests most Americans don't have much experience with EVs, and \
             some are unwilling to make choices for the environment, its authors said."
        )
    );
    let body = extract(&page).body_text();
    assert!(body.contains("tariff report number 4"), "{body}");
    assert!(!body.contains("markups of up to"), "{body}");
    assert!(!body.contains("The recent survey"), "{body}");
}

#[test]
fn the_standfirst_under_the_headline_joins_the_body_and_short_list_items_stay() {
    let page = format!(
        "<html><body><header><h1>Bars that won't charge a cover</h1><p>Eight places to have a \
         wild, affordable night while ringing in 2024.</p><div class=\"meta\">Dec. 21, 2023</div>\
         </header><div class=\"body\">{}<ul><li>2023: Victor Rivas</li><li>2022: Ismail \
         Elfath</li><li>2021: Robert Sibiga</li></ul>{}</div></body></html>",
        prose("bar", 3),
        prose("club", 2)
    );
    let body = extract(&page).body_text();
    assert!(body.starts_with("Eight places to have"), "{body}");
    assert!(body.contains("2022: Ismail Elfath"), "{body}");
    assert!(!body.contains("Dec. 21"), "{body}");
}

#[test]
fn a_dateline_in_plain_text_under_the_headline_dates_the_page() {
    let page = format!(
        "<html><body><h1>Bidenomics defined</h1><div class=\"info\">Dec 18, 2023 \
         <span>3 min read</span></div><div class=\"text\">{}</div></body></html>",
        prose("economy", 4)
    );
    assert_eq!(extract(&page).meta.date.as_deref(), Some("2023-12-18"));
}

#[test]
fn newsletter_and_affiliate_notes_in_the_container_are_not_body() {
    let page = format!(
        "<html><body><article><h1>Tights on sale</h1><div class=\"text\"><p>If you purchase a \
         product through a link on our site, we may receive compensation.</p>{}<p>Want more \
         movie news? Sign up for our free newsletter to get the latest trailers.</p>\
         <p>Advertisement - Page continues below</p>{}</div></article></body></html>",
        prose("sale", 3),
        prose("tights", 2)
    );
    let body = extract(&page).body_text();
    assert!(body.contains("tights report number 1"), "{body}");
    for junk in ["receive compensation", "newsletter", "Page continues"] {
        assert!(!body.contains(junk), "{junk}: {body}");
    }
}

#[test]
fn an_embedded_post_is_not_body() {
    let page = format!(
        "<html><body><article><h1>Community spotlight</h1>{}<blockquote><p>Jeff, you didn't \
         tell me you were in the new game!! pic.twitter.com/eRg6kWaOlS</p>\u{2014} Creaky Legs \
         (@CreakyLegs) <a href=\"https://twitter.com/x\">December 7, 2023</a></blockquote>{}\
         </article></body></html>",
        prose("game", 3),
        prose("blog", 2)
    );
    let body = extract(&page).body_text();
    assert!(body.contains("blog report number 1"), "{body}");
    assert!(!body.contains("pic.twitter.com"), "{body}");
    assert!(!body.contains("@CreakyLegs"), "{body}");
    assert!(!post_signature(
        "\u{2014} said the mayor, who spoke on December 7, 2023"
    ));
}

#[test]
fn a_meta_title_with_a_line_break_gives_one_valid_title_block() {
    // Found by the `html` fuzz target (fuzz/crashes/html/og-title-with-newline).
    for page in [
        "<meta property=\"og:title\" content=\"Storm&#10;hits\"><p>Storm hits the coast.</p>",
        " <meta property=\"og:title\"content=\">\n1\">",
    ] {
        let doc = html_document(page.as_bytes(), "t.html", Limits::default(), None).unwrap();
        doc.validate().unwrap();
        let titles = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Title)
            .count();
        assert!(titles <= 1, "{titles} title blocks for {page:?}");
    }
}

#[test]
fn link_cards_and_embedded_posts_stay_out_when_the_json_ld_body_holds_them() {
    // Some sites' JSON-LD `articleBody` repeats the related-story links and embedded posts
    // that the page shows inside the text.
    let paras = [
        "The city council voted on Tuesday to close the old bridge for repairs, officials said.",
        "Food | They got a tattoo and free tacos for life",
        "Jeff, you did not tell me you were in the new game pic.twitter.com/eRg6kWaOlS",
        "\u{2014} Creaky Legs (@CreakyLegs) December 7, 2023",
        "The repairs will take two years and cost about $40 million, the council said in a statement.",
        "Drivers will have to use the ring road, which adds about ten minutes to most trips.",
    ];
    let body = paras.join(" ");
    let page = format!(
        r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{body}"}}</script></head><body><article><h1>Bridge closes</h1>
        <p>{}</p><p><a href="/food/tacos">{}</a></p>
        <blockquote><p>{}</p>{}</blockquote><p>{}</p><p>{}</p></article></body></html>"#,
        paras[0], paras[1], paras[2], paras[3], paras[4], paras[5]
    );
    let b = extract(&page).body_text();
    assert!(b.contains("ring road"), "{b}");
    for junk in ["free tacos", "pic.twitter.com", "@CreakyLegs"] {
        assert!(!b.contains(junk), "{junk}: {b}");
    }
}

#[test]
fn author_bios_disclosures_and_republication_notes_are_not_body() {
    let page = format!(
        "<html><body><article><h1>Bridge closes</h1>{}\
         <p>Herald correspondent Jane Roe contributed to this story.</p>\
         <p>This story was originally published December 22, 2023, 12:20 PM.</p>\
         <div class=\"author-bio\"><a class=\"author-bio__name\" href=\"/a/x\">John Doe</a>\
         <p class=\"author-bio__description\">Washington-based correspondent covering \
         transport, cities and the people who run them. Previously posted in Rio de Janeiro, \
         Sao Paulo and Santiago, Chile, where he reported on elections.</p></div>\
         <p class=\"disclosure\">If you purchase a product or register for an account through \
         a link on our site, we may receive compensation. By using this site, you consent to \
         our User Agreement and agree that your clicks, interactions, and personal information \
         may be collected, recorded, and stored by us and by social media and other third-party \
         partners in accordance with our Privacy Policy, which you can read at any time, and \
         which may change from time to time as the law and our services change.</p>\
         </article></body></html>",
        prose("bridge", 4)
    );
    let doc = html_document(page.as_bytes(), "b.html", Limits::default(), None).unwrap();
    doc.validate().unwrap();
    let ex = extract(&page);
    let b = ex.body_text();
    assert!(b.contains("bridge report number 3"), "{b}");
    for junk in [
        "contributed to this story",
        "originally published",
        "Washington-based",
        "receive compensation",
    ] {
        assert!(!b.contains(junk), "{junk}: {b}");
    }
    // The staff credit is the article's signature.
    assert!(kinds(&doc)
        .iter()
        .any(|&(k, t)| k == BlockKind::Signature && t.contains("Jane Roe")));
    // A long paragraph that mentions signing up is not a prompt.
    assert!(!furniture_line(
        "So the unit engages with New Yorkers through door knocking, phone banking, text \
         messages, emails and public events to share information about city services like \
         rent assistance, transport subsidies and health care, and helps people sign up for \
         them, which is what the office was set up to do in the first place, the mayor said."
    ));
    assert!(bio_class("author-content_bio") && !bio_class("biography") && !bio_class("symbiosis"));
}

#[test]
fn a_cookie_dialog_is_not_the_article_even_when_its_notices_are_the_longest_text() {
    // A podcast page: four short paragraphs of text, and a privacy dialog with long
    // paragraphs about cookies. The dialog's furniture mark must hold.
    let notice = "<p>When you visit our website, we store cookies on your browser to collect \
        information, which might relate to you, your preferences or your device, and is mostly \
        used to make the site work as you expect it to, and to give you a more personalized \
        web experience, though you can choose not to allow some types of cookies.</p>";
    let page = format!(
        "<html><body><article><h1>Podcast: the year in contracts</h1>\
         <p>The chief executive explains what drove the company to make two acquisitions in \
         quick succession.</p><p>She also explains how agencies work with industry on new \
         technology, and what it means for the market next year.</p></article>\
         <div class=\"privacy-modal\"><div class=\"box\">{}</div></div></body></html>",
        notice.repeat(4)
    );
    let b = extract(&page).body_text();
    assert!(b.contains("two acquisitions"), "{b}");
    assert!(!b.contains("cookies"), "{b}");
    // A wrapper whose class only mentions consent among many words is no dialog.
    let at = Attrs {
        class: Some("caas enableConsentCheck cluster"),
        ..Attrs::default()
    };
    assert!(!consent_class(&at));
}

#[test]
fn an_article_date_beats_a_video_upload_date_and_the_shown_date_beats_the_url() {
    // The only JSON-LD is a video's: the page's publication meta tag dates the story.
    let page = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@type\":\"VideoObject\",\
         \"uploadDate\":\"2023-12-06T10:55:00-06:00\"}}</script>\
         <meta itemprop=\"datePublished\" content=\"2023-12-22T09:42:00-06:00\"></head><body>\
         <article><h1>Chase ends in crash</h1>{}</article></body></html>",
        prose("chase", 4)
    );
    assert_eq!(extract(&page).meta.date.as_deref(), Some("2023-12-22"));
    // The URL keeps the day the story was filed; the header shows the day it ran.
    let page = format!(
        "<html><head><link rel=\"canonical\" href=\"https://example.com/news/2023/12/21/hackers\">\
         </head><body><article><h1>Hackers fund missiles</h1><p><time datetime=\"2023-12-22 \
         05:00:00\">12/22/2023 05:00 AM EST</time></p>{}</article></body></html>",
        prose("missile", 4)
    );
    assert_eq!(extract(&page).meta.date.as_deref(), Some("2023-12-22"));
}

#[test]
fn a_teaser_card_box_after_the_article_is_not_body() {
    // A list of other stories: each card a linked headline, a byline and date, a summary.
    let card = |n: usize| {
        format!(
            "<div class=\"card\"><ul><li><a href=\"/s/{n}\">Another story number {n} about \
             electric cars and their prices</a></li><li><a href=\"/a\">Jo Bloggs</a> \
             February 16, 2024</li></ul><p>A summary of another story, number {n}, which is \
             long enough and has commas, clauses, and a full stop at the end.</p></div>"
        )
    };
    let page = format!(
        "<html><body><div class=\"page\"><article><h1>Electric car arrives</h1>{}</article>\
         <section class=\"more\">{}{}{}</section></div></body></html>",
        prose("car", 5),
        card(1),
        card(2),
        card(3)
    );
    let b = extract(&page).body_text();
    assert!(b.contains("car report number 4"), "{b}");
    assert!(!b.contains("summary of another story"), "{b}");
}

#[test]
fn the_first_paragraph_after_a_byline_and_a_photo_joins_the_body() {
    // The lede sits in its own box between the photo and the text container.
    let page = format!(
        "<html><body><main><div class=\"head\"><h1>Woman shot by police</h1>\
         <div class=\"byline\">By Jane Doe, Staff</div><figure><img src=\"a.jpg\">\
         <figcaption>Police on Morse Street, where the woman was shot.</figcaption></figure></div>\
         <div class=\"lede\"><p>Police shot a woman in a parking lot on Friday afternoon after \
         she pointed a gun at officers, the police chief said.</p></div>\
         <div class=\"text\">{}</div></main></body></html>",
        prose("police", 5)
    );
    let b = extract(&page).body_text();
    assert!(b.starts_with("Police shot a woman"), "{b}");
}

#[test]
fn stamps_follow_prompts_and_visit_notes_are_furniture() {
    for l in [
        "December 22, 2023 / 10:39 AM",
        "Dec. 21, 2023, 4:00 PM ET",
        "Friday, Dec. 22nd, 2023",
        "2 days ago",
        "Follow the News page on Facebook",
        "* Follow Mirror Celebs on Snapchat, Instagram , Twitter and Threads.",
        "For more Culture and Media coverage, visit example.com/media",
        "WATCH | Official trailer for the film:",
    ] {
        assert!(furniture_line(l), "{l}");
    }
    for l in [
        "The vote was on December 22, 2023.",
        "Bane joined the department in September 2019.",
        "2 days later, the storm hit the coast.",
        "Follow the money, the senator said, and you will find who paid for the ads.",
        "For more than a decade the site has been a place to visit for families.",
    ] {
        assert!(!furniture_line(l), "{l}");
    }
}

#[test]
fn an_about_the_author_section_is_not_body() {
    let page = format!(
        "<html><body><article><h1>How to handle a know-it-all</h1>{}<div class=\"after\">\
         <h3>About the author</h3><p>Jane Doe is a writer and the author of three books on \
         work, which have been translated into a dozen languages, and she lives in Ohio.</p>\
         </div></article></body></html>",
        prose("work", 5)
    );
    let b = extract(&page).body_text();
    assert!(b.contains("work report number 4"), "{b}");
    assert!(!b.contains("three books"), "{b}");
}

#[test]
fn the_shown_date_of_a_revised_story_and_the_published_part_of_a_date_line() {
    // The header shows the day of the last revision, within the metadata's span: it wins.
    let page = |shown: &str| {
        format!(
            "<html><head><meta property=\"article:published_time\" \
             content=\"2023-12-21T10:12:07Z\"><meta property=\"article:modified_time\" \
             content=\"2023-12-24T07:00:00Z\"></head><body><article><h1>Gown of the year</h1>\
             <time class=\"publish-date\" datetime=\"{shown}T07:00:00Z\">{shown}</time>{}\
             </article></body></html>",
            prose("gown", 4)
        )
    };
    assert_eq!(
        extract(&page("2023-12-24")).meta.date.as_deref(),
        Some("2023-12-24")
    );
    // A date outside the span is something else's.
    assert_eq!(
        extract(&page("2019-09-03")).meta.date.as_deref(),
        Some("2023-12-21")
    );
    // Without a shown date, the page's plain `date` meta tag in the span is the revision's.
    let page = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@type\":\"Article\",\
         \"datePublished\":\"2022-04-28T12:00:00+01:00\",\"dateModified\":\
         \"2023-12-22T20:11:21-08:00\"}}</script><meta name=\"date\" content=\"November 6, \
         2023\"></head><body><article><h1>Best VPN</h1>{}</article></body></html>",
        prose("vpn", 4)
    );
    assert_eq!(extract(&page).meta.date.as_deref(), Some("2023-11-06"));
    // `Updated ... / Published ...` in one line: the published day.
    assert_eq!(
        text_date("Updated Dec. 23, 2023 4:04AM EST / Published Dec. 22, 2023 12:16PM EST")
            .as_deref(),
        Some("2023-12-22")
    );
    assert_eq!(
        text_date("Dec. 20, 2023, updated Dec. 23, 2023").as_deref(),
        Some("2023-12-20")
    );
    // A date inside the update element is the update's, even in its own element.
    let page = format!(
        "<html><head><meta property=\"article:published_time\" content=\"2023-12-22T17:16:03Z\">\
         </head><body><article><h1>Corrected on air</h1><div class=\"pub-date\">\
         <div class=\"date-updated\">Updated <span class=\"date\">Dec. 23, 2023</span></div>\
         </div>{}</article></body></html>",
        prose("air", 4)
    );
    assert_eq!(extract(&page).meta.date.as_deref(), Some("2023-12-22"));
}

#[test]
fn editors_notes_interview_notes_and_shoot_credits_are_not_body() {
    let page = format!(
        "<html><body><article><h1>Interview with a singer</h1>\
         <p><em>Editor\u{2019}s note: This story first appeared in the winter issue of the \
         magazine, which is on sale now.</em></p>{}\
         <p>This interview has been edited for length and clarity.</p>\
         <div class=\"end\"><h3>Photo Credits</h3><p>Photographer: Ann Smith</p>\
         <p>Stylist: Bo Lee</p><p>Makeup Artist: Cy Young</p></div>\
         <p>Want more music news? Sign up for the site's free newsletter to get the latest.</p>\
         </article></body></html>",
        prose("song", 5)
    );
    let b = extract(&page).body_text();
    assert!(b.contains("song report number 4"), "{b}");
    for junk in [
        "Editor\u{2019}s note",
        "edited for length",
        "Stylist",
        "free newsletter",
    ] {
        assert!(!b.contains(junk), "{junk}: {b}");
    }
}

#[test]
fn a_header_that_shows_only_the_update_dates_the_page_as_of_that_update() {
    // Published on the 12th, modified on the 13th; the header shows only the update.
    let page = |header: &str, modified: &str| {
        format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
             \"datePublished\":\"2023-12-12T21:02:36Z\",\"dateModified\":\"{modified}\"}}\
             </script></head><body><article><h1>Mock draft risers</h1>{header}{}</article>\
             </body></html>",
            prose("draft", 4)
        )
    };
    let only_update = "<div class=\"byline-date\">Updated on December 13, 2023 1:23 PM</div>";
    assert_eq!(
        extract(&page(only_update, "2023-12-13T18:23:10Z"))
            .meta
            .date
            .as_deref(),
        Some("2023-12-13")
    );
    // The update in the header is not the metadata's last modification: the first
    // publication stays.
    assert_eq!(
        extract(&page(only_update, "2023-12-20T10:00:00Z"))
            .meta
            .date
            .as_deref(),
        Some("2023-12-12")
    );
    // The header also shows the publication: the update does not replace it.
    let both = "<div class=\"byline-date\">Updated on December 13, 2023 1:23 PM</div>\
                <div class=\"publish-date\">December 12, 2023</div>";
    assert_eq!(
        extract(&page(both, "2023-12-13T18:23:10Z"))
            .meta
            .date
            .as_deref(),
        Some("2023-12-12")
    );
    // An update time in a `<time>` element counts alike.
    let time = "<time class=\"update-date\" datetime=\"2023-12-13T10:48:20-05:00\">Updated \
                December 13, 2023 10:48 AM</time>";
    assert_eq!(
        extract(&page(time, "2023-12-13T15:48:20Z"))
            .meta
            .date
            .as_deref(),
        Some("2023-12-13")
    );
}

#[test]
fn a_url_that_names_the_publication_day_keeps_a_long_revised_story_at_its_first_date() {
    let page = |url: &str| {
        format!(
            "<html><head><link rel=\"canonical\" href=\"{url}\"><script \
             type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"datePublished\":\
             \"2015-09-08T19:15:00Z\",\"dateModified\":\"2019-05-13T18:56:53Z\"}}</script>\
             </head><body><article><h1>Fight night</h1>{}</article></body></html>",
            prose("fight", 4)
        )
    };
    // Modified years later and dated by its URL: a news story of its first day.
    assert_eq!(
        extract(&page("https://example.com/2015/09/08/fight-night/"))
            .meta
            .date
            .as_deref(),
        Some("2015-09-08")
    );
    // Without a date in its URL it is an evergreen page, dated by its last revision.
    assert_eq!(
        extract(&page("https://example.com/guides/fight-night/"))
            .meta
            .date
            .as_deref(),
        Some("2019-05-13")
    );
}
