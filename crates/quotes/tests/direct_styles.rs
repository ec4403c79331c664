//! Direct quotes in every quote style, nesting, apostrophes, paragraphs, unbalanced marks.

mod common;
use common::*;

#[test]
fn straight_double_quotes() {
    check(
        "\"We will rebuild the bridge,\" said Mayor Anna Keller.",
        &[(Direct, "We will rebuild the bridge", Some("Anna Keller"))],
    );
}

#[test]
fn curly_double_quotes() {
    check(
        "“We will rebuild the bridge,” said Mayor Anna Keller.",
        &[(Direct, "We will rebuild the bridge", Some("Anna Keller"))],
    );
}

#[test]
fn curly_single_quotes() {
    check(
        "‘We will rebuild the bridge,’ said Mayor Anna Keller.",
        &[(Direct, "We will rebuild the bridge", Some("Anna Keller"))],
    );
}

#[test]
fn straight_single_quotes() {
    check(
        "'We will rebuild the bridge,' said Mayor Anna Keller.",
        &[(Direct, "We will rebuild the bridge", Some("Anna Keller"))],
    );
}

#[test]
fn guillemets() {
    check(
        "«We will rebuild the bridge», said Mayor Anna Keller.",
        &[(Direct, "We will rebuild the bridge", Some("Anna Keller"))],
    );
}

#[test]
fn german_low_high_quotes() {
    check(
        "„We will rebuild the bridge“, said Mayor Anna Keller.",
        &[(Direct, "We will rebuild the bridge", Some("Anna Keller"))],
    );
}

#[test]
fn nested_single_inside_double_is_one_quote() {
    check(
        "“They told us ‘go home’ and we did not,” said Tom Harris.",
        &[(
            Direct,
            "They told us ‘go home’ and we did not",
            Some("Tom Harris"),
        )],
    );
}

#[test]
fn nested_straight_quotes() {
    check(
        "\"The sign said 'closed' all week,\" said Tom Harris.",
        &[(
            Direct,
            "The sign said 'closed' all week",
            Some("Tom Harris"),
        )],
    );
}

#[test]
fn apostrophes_inside_single_quotes() {
    check(
        "‘We don’t know where the workers’ money went,’ said Tom Harris.",
        &[(
            Direct,
            "We don’t know where the workers’ money went",
            Some("Tom Harris"),
        )],
    );
}

#[test]
fn apostrophes_are_not_quotes() {
    check(
        "The farmers' union isn't worried about the '90s rules, Tom Harris's office said.",
        &[(
            Indirect,
            "The farmers' union isn't worried about the '90s rules",
            Some("Tom Harris"),
        )],
    );
}

#[test]
fn clitic_after_closing_quote() {
    check(
        "\"Oppenheimer\"'s success surprised the studio. “It was a gamble,” said producer Emma Thomas.",
        &[(Direct, "It was a gamble", Some("Emma Thomas"))],
    );
}

#[test]
fn trailing_punctuation_inside_marks() {
    check(
        "“Is this the end?” asked Maria Lopez.",
        &[(Direct, "Is this the end?", Some("Maria Lopez"))],
    );
    check(
        "Maria Lopez said: “We are not done yet!”",
        &[(Direct, "We are not done yet!", Some("Maria Lopez"))],
    );
}

#[test]
fn quote_running_over_paragraphs() {
    check(
        "Maria Lopez described the night of the flood.\n\n\
         “We heard the water first. Then the lights went out.\n\n\
         “By morning the whole street was gone,” she said.",
        &[
            (
                Direct,
                "We heard the water first. Then the lights went out.",
                Some("Maria Lopez"),
            ),
            (
                Direct,
                "By morning the whole street was gone",
                Some("Maria Lopez"),
            ),
        ],
    );
}

#[test]
fn quote_running_over_three_paragraphs_attributed_first() {
    check(
        "Maria Lopez said: \"We heard the water first.\n\n\
         \"Then the lights went out.\n\n\
         \"By morning the street was gone.\"\n\n\
         The city has promised new barriers.",
        &[
            (Direct, "We heard the water first.", Some("Maria Lopez")),
            (Direct, "Then the lights went out.", Some("Maria Lopez")),
            (
                Direct,
                "By morning the street was gone.",
                Some("Maria Lopez"),
            ),
        ],
    );
}

#[test]
fn unclosed_quote_is_diagnosed_and_does_not_swallow_the_article() {
    let text = "Tom Harris said: \"We will appeal the ruling.\n\n\
                The court did not comment.\n\n\
                \"It is a sad day,\" said Maria Lopez.";
    let doc = run(text);
    assert!(doc.diagnostics.iter().any(|d| d.code == "unclosed-quote"));
    let q = quotes_of(&doc);
    assert_eq!(q.last().unwrap().text, "It is a sad day");
    assert_eq!(q.last().unwrap().speaker.as_deref(), Some("Maria Lopez"));
    assert!(q.iter().all(|q| !q.text.contains("court")));
}

#[test]
fn reopened_quote_without_close_is_diagnosed() {
    let text = "\"We will appeal, said Tom Harris. \"It is a sad day,\" he added.";
    let doc = run(text);
    assert!(doc.diagnostics.iter().any(|d| d.code == "unclosed-quote"));
    let q = quotes_of(&doc);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!((q[0].kind, q[0].text.as_str()), (Direct, "We will appeal"));
    assert_eq!(q[0].speaker.as_deref(), Some("Tom Harris"));
    assert_eq!(q[1].text, "It is a sad day");
    assert_eq!(q[1].speaker.as_deref(), Some("Tom Harris"));
}

#[test]
fn inch_marks_are_not_quotes() {
    check("The new phone has a 6.1\" screen and costs $799.", &[]);
}

#[test]
fn ellipsis_inside_quote() {
    check(
        "“I have to tell you...we’re pretty perplexed,” said John Kirby.",
        &[(
            Direct,
            "I have to tell you...we’re pretty perplexed",
            Some("John Kirby"),
        )],
    );
}
