//! Quotes with no cue that continue the speaker before them.

mod common;
use common::*;

#[test]
fn next_quote_in_paragraph_after_direct() {
    check(
        "\"We are proud,\" said coach Ben Miller. \"The players gave everything.\"",
        &[
            (Direct, "We are proud", Some("Ben Miller")),
            (Direct, "The players gave everything.", Some("Ben Miller")),
        ],
    );
}

#[test]
fn next_quote_in_paragraph_after_indirect() {
    check(
        "Ben Miller said the team had played well. \"We are proud of them.\"",
        &[
            (Indirect, "the team had played well", Some("Ben Miller")),
            (Direct, "We are proud of them.", Some("Ben Miller")),
        ],
    );
}

#[test]
fn bare_quote_paragraph_after_attributed_paragraph() {
    check(
        "\"We are proud,\" said coach Ben Miller.\n\n\"The players gave everything.\"",
        &[
            (Direct, "We are proud", Some("Ben Miller")),
            (Direct, "The players gave everything.", Some("Ben Miller")),
        ],
    );
}

#[test]
fn bare_quote_paragraph_after_indirect_paragraph() {
    check(
        "Ben Miller said the team had played well.\n\n“We are proud of them. They gave everything.”",
        &[
            (Indirect, "the team had played well", Some("Ben Miller")),
            (Direct, "We are proud of them. They gave everything.", Some("Ben Miller")),
        ],
    );
}

#[test]
fn no_continuation_after_a_paragraph_without_quotes() {
    check(
        "\"We are proud,\" said coach Ben Miller.\n\nThe team flies home on Monday.\n\n\"Nobody expected this.\"",
        &[(Direct, "We are proud", Some("Ben Miller")), (Direct, "Nobody expected this.", None)],
    );
}

#[test]
fn no_continuation_when_another_person_is_named_in_between() {
    check(
        "\"We are proud,\" said coach Ben Miller. Captain Tom Harris scored twice. \"It was easy.\"",
        &[(Direct, "We are proud", Some("Ben Miller")), (Direct, "It was easy.", None)],
    );
}

#[test]
fn continuation_keeps_going_over_several_quotes() {
    check(
        "Ben Miller said: \"We are proud.\" \"They gave everything.\" \"Now we rest.\"",
        &[
            (Direct, "We are proud.", Some("Ben Miller")),
            (Direct, "They gave everything.", Some("Ben Miller")),
            (Direct, "Now we rest.", Some("Ben Miller")),
        ],
    );
}

#[test]
fn continuation_has_no_cue() {
    let q = quotes("\"We are proud,\" said Ben Miller. \"They gave everything.\"");
    assert_eq!(q[0].cue.as_deref(), Some("said"));
    assert_eq!(q[1].cue, None);
}

#[test]
fn pronoun_resolved_speaker_continues() {
    check(
        "Paul Miller coaches the team.\n\n\"We are proud,\" he said. \"They gave everything.\"",
        &[
            (Direct, "We are proud", Some("Paul Miller")),
            (Direct, "They gave everything.", Some("Paul Miller")),
        ],
    );
}

#[test]
fn multi_paragraph_quote_attributed_at_the_end() {
    check(
        "\"We never gave up.\n\n\"Not once,\" said Ben Miller.",
        &[
            (Direct, "We never gave up.", Some("Ben Miller")),
            (Direct, "Not once", Some("Ben Miller")),
        ],
    );
}
