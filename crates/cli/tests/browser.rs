//! The web page in a real headless browser (Debian's chromium): ingest the examples, serve
//! them, search for a quotation, open its article (highlighted quotation and speaker), open
//! the speaker's actor page and check the chart painted, then the timeline of the speaker
//! and another actor mentioned together (bars drawn for the days with articles). Screenshots go to
//! `target/tmp/screenshots/`. Runs when NEWSGRAPH_TEST_BROWSER=1 (chromium at
//! /usr/bin/chromium or NEWSGRAPH_CHROMIUM); skipped otherwise.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");

struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromium() -> String {
    std::env::var("NEWSGRAPH_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

fn browser(profile: &Path, args: &[&str], url: &str) -> String {
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1280,1400",
            "--virtual-time-budget=8000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stderr(Stdio::null())
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium failed on {url}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The DOM after the page's scripts ran, and a screenshot of it.
fn visit(base: &str, hash: &str, shots: &Path, name: &str) -> String {
    let url = format!("{base}/{hash}");
    let profile = shots.join(format!("profile-{name}"));
    let dom = browser(&profile, &["--dump-dom"], &url);
    let png = shots.join(format!("{name}.png"));
    browser(
        &profile,
        &[&format!("--screenshot={}", png.display())],
        &url,
    );
    assert!(
        std::fs::metadata(&png)
            .map(|m| m.len() > 10_000)
            .unwrap_or(false),
        "no screenshot {}",
        png.display()
    );
    eprintln!("screenshot: {}", png.display());
    dom
}

/// The value of `attr="..."` in the first tag holding `marker`.
fn attr_near(dom: &str, marker: &str, attr: &str) -> Option<String> {
    let at = dom.find(marker)?;
    let tag_start = dom[..at].rfind('<')?;
    let tag_end = at + dom[at..].find('>')?;
    let tag = &dom[tag_start..tag_end];
    let key = format!("{attr}=\"");
    let v = tag.find(&key)? + key.len();
    Some(tag[v..v + tag[v..].find('"')?].replace("&amp;", "&"))
}

/// Pixels of a chart painted in its first data series' colour (`data-bar-pixels`).
fn bar_pixels(dom: &str, canvas: &str) -> usize {
    attr_near(dom, canvas, "data-bar-pixels")
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("the chart {canvas} reports no data-bar-pixels"))
}

#[test]
fn web_page_in_headless_chromium() {
    if std::env::var("NEWSGRAPH_TEST_BROWSER")
        .map(|v| v != "1")
        .unwrap_or(true)
    {
        eprintln!("NEWSGRAPH_TEST_BROWSER is not 1: skipping the browser test");
        return;
    }
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let shots = tmp.join("screenshots");
    let _ = std::fs::remove_dir_all(&shots);
    std::fs::create_dir_all(&shots).unwrap();
    let db = tmp.join("browser.db");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    let db = db.to_str().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    // The seed twice a month apart (two bars on the chart), and an article whose text
    // holds markup that must show as text.
    let seed = std::fs::read_to_string(examples.join("kirby-israel.txt")).unwrap();
    let inputs = tmp.join("browser-inputs");
    let _ = std::fs::remove_dir_all(&inputs);
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("a.txt"), &seed).unwrap();
    std::fs::write(
        inputs.join("b.txt"),
        format!("Follow-up from the briefing.\n\n{seed}"),
    )
    .unwrap();
    std::fs::write(
        inputs.join("c.txt"),
        "Hackers try <script>document.title='pwned'</script> markup\n\n\
         WASHINGTON (AP) -- The agency said \"<b>nothing</b> <img src=x onerror=alert(1)> happened\" on Monday.\n",
    )
    .unwrap();
    for (file, date) in [
        ("a.txt", "2024-03-05"),
        ("b.txt", "2024-04-10"),
        ("c.txt", "2024-04-11"),
    ] {
        let st = Command::new(BIN)
            .args(["ingest", "--quiet", "--db", db, "--date", date])
            .arg(inputs.join(file))
            .status()
            .unwrap();
        assert!(st.success());
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let _server = Serve(
        Command::new(BIN)
            .args(["serve", "--db", db, "--addr", &addr])
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let t = Instant::now();
    while TcpStream::connect(&addr).is_err() {
        assert!(t.elapsed() < Duration::from_secs(30), "serve did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let base = format!("http://{addr}");

    // 1. Search for a quotation.
    let dom = visit(
        &base,
        "#/search?about=Rafah&speaker=Kirby",
        &shots,
        "1-search",
    );
    assert!(
        dom.contains("data-ready=\"#/search?about=Rafah&amp;speaker=Kirby\""),
        "{dom}"
    );
    assert!(dom.contains("entering Rafah"), "the quotation is listed");
    let article = attr_near(&dom, "class=\"article-link\"", "href").expect("a link to the article");

    // 2. Open the article: the quotation highlighted, its speaker shown.
    let dom = visit(&base, &article, &shots, "2-article");
    assert!(
        dom.contains("<mark class=\"quote direct\""),
        "highlighted quotations"
    );
    assert!(dom.contains("It seems that they are still a long way from entering Rafah."));
    assert!(
        dom.contains("class=\"speaker-tag\""),
        "speaker shown at the quotation"
    );
    let actor = attr_near(&dom, "class=\"speaker-tag\"", "href").expect("a speaker link");
    assert!(dom.contains(">John Kirby</a>"));

    // 3. Click the speaker: the actor page with their quotations and the chart painted.
    let dom = visit(&base, &actor, &shots, "3-actor");
    assert!(dom.contains("<h1>John Kirby</h1>"), "{dom}");
    assert!(dom.contains("id=\"actor-quotes\""));
    // Auto buckets: the 37 days from 2024-03-05 to 2024-04-10, one bar per day.
    assert_eq!(
        attr_near(&dom, "id=\"timeline\"", "data-points").as_deref(),
        Some("37"),
        "one bucket per day on the timeline"
    );
    assert!(dom.contains("class=\"by-links\""), "the group-by links");
    let painted: usize = attr_near(&dom, "id=\"timeline\"", "data-painted")
        .and_then(|v| v.parse().ok())
        .expect("the chart reports its painted pixels");
    assert!(painted > 1000, "the chart painted {painted} pixels");
    let bars = bar_pixels(&dom, "id=\"timeline\"");
    assert!(bars > 1000, "the quotation bars cover {bars} pixels");
    let month = format!("{actor}?by=month");
    let dom_month = visit(&base, &month, &shots, "3-actor-by-month");
    assert_eq!(
        attr_near(&dom_month, "id=\"timeline\"", "data-points").as_deref(),
        Some("2"),
        "two months when grouped by month"
    );
    assert!(bar_pixels(&dom_month, "id=\"timeline\"") > 1000);

    // 4. From the actor page, the actor mentioned together with Kirby: the co-mention
    // timeline, one bar per day from 2024-03-05 to 2024-04-10, two of them non-zero.
    // The picker holds every actor sharing an article with Kirby (the links, the first 12).
    assert!(
        dom.contains("class=\"co-link\""),
        "links to co-mention timelines"
    );
    let picker = &dom[dom.find("id=\"co-pick\"").expect("the picker")..];
    let end = picker
        .find(">Benjamin Netanyahu (2)</option>")
        .expect("Netanyahu is mentioned together with Kirby in both articles");
    let option = &picker[picker[..end].rfind("<option").unwrap()..end];
    let other = option
        .split("value=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .expect("the option holds Netanyahu's id");
    let pair = format!("{actor}/with/{other}");
    assert!(pair.contains("/with/"), "{pair}");
    let dom = visit(&base, &pair, &shots, "4-co-mentions");
    assert!(dom.contains(&format!("data-ready=\"{pair}\"")), "{dom}");
    assert!(
        dom.contains(">John Kirby</a> and <a"),
        "both names in the heading"
    );
    assert!(dom.contains(">Benjamin Netanyahu</a></h1>"), "{dom}");
    assert_eq!(
        attr_near(&dom, "id=\"co-timeline\"", "data-points").as_deref(),
        Some("37"),
        "37 days"
    );
    assert_eq!(
        attr_near(&dom, "id=\"co-timeline\"", "data-nonzero").as_deref(),
        Some("2"),
        "two days with articles"
    );
    let bars = bar_pixels(&dom, "id=\"co-timeline\"");
    // The legend's colour box is about 500 pixels; two bars are far more.
    assert!(bars > 2000, "the co-mention bars cover {bars} pixels");
    assert!(dom.contains("2 dated article(s) mention both"), "{dom}");
    let listed = |dom: &str| -> usize {
        let list = &dom[dom
            .find("id=\"co-articles\"")
            .expect("the articles mentioning both are listed")..];
        list[..list.find("</ul>").unwrap()]
            .matches("class=\"article-link\"")
            .count()
    };
    assert_eq!(listed(&dom), 2, "both articles listed");

    // 5. A bar's days (what clicking it opens): one day, one article.
    let day = format!("{pair}?since=2024-04-10&until=2024-04-10");
    let dom = visit(&base, &day, &shots, "5-co-mentions-day");
    assert!(
        dom.contains(&format!("data-ready=\"{}\"", day.replace('&', "&amp;"))),
        "{dom}"
    );
    assert_eq!(
        attr_near(&dom, "id=\"co-timeline\"", "data-points").as_deref(),
        Some("1")
    );
    assert_eq!(listed(&dom), 1, "the article of that day");
    assert!(bar_pixels(&dom, "id=\"co-timeline\"") > 2000);

    // 6. Markup in an article shows as text.
    let dom = visit(&base, "#/search?about=nothing", &shots, "6-markup-search");
    assert!(dom.contains("&lt;b&gt;nothing&lt;/b&gt;"), "{dom}");
    let c = attr_near(&dom, "class=\"article-link\"", "href").unwrap();
    let dom = visit(&base, &c, &shots, "7-markup-article");
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
    assert!(
        !dom.contains("<img src=\"x\""),
        "no element made from the text"
    );
    assert!(!dom.contains("<title>pwned</title>"));
}
