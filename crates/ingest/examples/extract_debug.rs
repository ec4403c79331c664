//! Prints what the HTML extractor saw in a page, paragraph by paragraph (for tuning).
fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: extract_debug PAGE.html");
    let bytes = std::fs::read(&path).expect("readable page");
    let (html, _) = newsgraph_ingest::html::decode(&bytes, None);
    print!("{}", newsgraph_ingest::html::debug(&html));
}
