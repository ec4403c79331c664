//! The seed article (tests/golden/seed/input.txt, a copy of shared/seed/article.txt): exactly
//! the ten quotations a reader expects, all by John Kirby, and nothing else.

mod common;
use common::*;

#[test]
fn seed_article_gives_the_ten_expected_quotations() {
    let text = include_str!("../../../tests/golden/seed/input.txt");
    let doc = run(text);
    let got = quotes_of(&doc);
    let expected: &[(newsgraph_core::QuoteKind, &str, Option<&str>)] = &[
        (Direct, "Still behind Israel", Some(":")),
        (Direct, "I have to tell you...we're pretty perplexed", Some("said")),
        (Indirect, "the prime minister's office seemed to indicate through its public statements that the U.S. side had changed course toward Israel", Some("said")),
        (Direct, "We don't have that.", None),
        (Direct, "Of course we still support Israel", Some("emphasized")),
        (Direct, "Israel remains a close ally and a friend.", None),
        (Direct, "That doesn't mean we agree on everything, and my goodness, we don't.", Some("added")),
        (Indirect, "Biden and Netanyahu had not spoken to each other on Monday", Some("said")),
        (Mixed, "there were no signs \"that the Israelis are immediately preparing to conduct a ground operation in Rafah\" and that this could happen in the coming days", Some("said")),
        (Direct, "It seems that they are still a long way from entering Rafah.", None),
    ];
    assert_eq!(got.len(), expected.len(), "got {got:#?}");
    for (g, e) in got.iter().zip(expected) {
        assert_eq!(
            (g.kind, g.text.as_str(), g.cue.as_deref()),
            (e.0, e.1, e.2),
            "{g:?}"
        );
        assert_eq!(g.speaker.as_deref(), Some("John Kirby"), "{g:?}");
    }
    // The caption quote is in the caption, the rest in the body.
    let cap = doc
        .blocks_of(newsgraph_core::BlockKind::Caption)
        .next()
        .unwrap();
    assert!(cap.span.contains(doc.quotes[0].span));
    assert!(doc.diagnostics.iter().all(|d| d.code != "unclosed-quote"));
    // `immediate ceasefire` is a partial quote of a document, not speech.
    assert!(got.iter().all(|q| !q.text.contains("immediate ceasefire")));
}
