//! Where extraction time goes: pre-strip, parse, whole extraction, over a folder of pages.
/// CPU time of this thread (what a benchmark on a shared machine can trust).
struct Instant(u64);
impl Instant {
    fn now() -> Instant {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
        Instant(s.split_whitespace().next().unwrap().parse().unwrap())
    }
    fn elapsed(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(Instant::now().0 - self.0)
    }
}
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/extraction/naeb/html".into());
    let mut pages = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        pages.push(std::fs::read(e.path()).unwrap());
    }
    let decoded: Vec<String> = pages
        .iter()
        .map(|p| newsgraph_ingest::html::decode(p, None).0.into_owned())
        .collect();
    for round in 0..2 {
        let t = Instant::now();
        let mut n = 0;
        for d in &decoded {
            n += newsgraph_ingest::html::prestrip_len(d);
        }
        let a = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for d in &decoded {
            n += newsgraph_ingest::html::parse_only(d);
        }
        let b = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for d in &decoded {
            n += scraper::Html::parse_document(d).tree.nodes().count();
        }
        let raw = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for d in &decoded {
            n += newsgraph_ingest::extract(d).text.len();
        }
        let c = t.elapsed().as_secs_f64();
        let k = decoded.len() as f64;
        println!("round {round}: prestrip {:.2} ms/page, prestrip+parse {:.2}, parse of the whole page {:.2}, extract {:.2} ({:.0} pages/s per CPU second) [{n}]", a * 1e3 / k, b * 1e3 / k, raw * 1e3 / k, c * 1e3 / k, k / c);
    }
}
