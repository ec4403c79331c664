//! Reported speech: parentheticals, mixed reports whose cue follows the quoted part,
//! infinitives (`told X not to`, `vowed to`), `asked whether`, `it says`, multiword
//! addressees, clauses without `that`.

mod common;
use common::*;

#[test]
fn quoted_part_with_the_cue_after_is_one_mixed_report() {
    check(
        "At the meeting, there should not be “a fight between two camps,” Ben Miller told the members.",
        &[(
            Mixed,
            "At the meeting, there should not be “a fight between two camps,”",
            Some("Ben Miller"),
        )],
    );
}

#[test]
fn quoted_part_before_according_to_is_one_mixed_report() {
    check(
        "Talking to each other “builds trust and respect,” according to Ben Miller.",
        &[(
            Mixed,
            "Talking to each other “builds trust and respect,”",
            Some("Ben Miller"),
        )],
    );
}

#[test]
fn parenthetical_cue_reports_the_whole_sentence() {
    check(
        "The talks, Ben Miller said, failed because nobody listened.",
        &[(
            Indirect,
            "The talks, Ben Miller said, failed because nobody listened",
            Some("Ben Miller"),
        )],
    );
}

#[test]
fn parenthetical_cue_before_a_quoted_part() {
    check(
        "Ben Miller opened the bridge on Monday. This, he said, “changes everything for the town.”",
        &[(
            Mixed,
            "This, he said, “changes everything for the town.”",
            Some("Ben Miller"),
        )],
    );
}

#[test]
fn split_direct_quote_is_not_a_parenthetical() {
    check(
        "“We will,” said Ben Miller, “win this cup next year.”",
        &[
            (Direct, "We will", Some("Ben Miller")),
            (Direct, "win this cup next year.", Some("Ben Miller")),
        ],
    );
}

#[test]
fn according_to_in_mid_sentence() {
    check(
        "Food prices, according to Anna Berg, rose by a third last year.",
        &[(
            Indirect,
            "Food prices, according to Anna Berg, rose by a third last year",
            Some("Anna Berg"),
        )],
    );
}

#[test]
fn told_someone_not_to() {
    check(
        "Anna Berg told fans not to throw things on stage.",
        &[(Indirect, "not to throw things on stage", Some("Anna Berg"))],
    );
}

#[test]
fn vowed_to() {
    check(
        "Anna Berg has vowed to fight the ruling in court.",
        &[(Indirect, "to fight the ruling in court", Some("Anna Berg"))],
    );
}

#[test]
fn asked_whether() {
    check(
        "Ben Miller asked the mayor whether the bridge would reopen.",
        &[(
            Indirect,
            "whether the bridge would reopen",
            Some("Ben Miller"),
        )],
    );
}

#[test]
fn multiword_addressee() {
    check(
        "Anna Berg told Czech TV she had seen the car.",
        &[(Indirect, "she had seen the car", Some("Anna Berg"))],
    );
}

#[test]
fn it_says_is_the_organization() {
    check(
        "Acme Corp. said profits fell sharply. It says 300 jobs will go by March.",
        &[
            (Indirect, "profits fell sharply", Some("Acme Corp.")),
            (Indirect, "300 jobs will go by March", Some("Acme Corp.")),
        ],
    );
}

#[test]
fn said_at_least() {
    check(
        "Police said at least 14 people were hurt.",
        &[(Indirect, "at least 14 people were hurt", Some("Police"))],
    );
}

#[test]
fn that_verb_with_a_pronoun_clause() {
    check(
        "Ben Miller added he would stay for another season.",
        &[(
            Indirect,
            "he would stay for another season",
            Some("Ben Miller"),
        )],
    );
}

#[test]
fn and_also_tells_starts_a_new_report() {
    check(
        "An officer tells Ben Miller to “stop shouting” and also tells the crowd to go home.",
        &[
            (Mixed, "to “stop shouting”", Some("officer")),
            (Indirect, "to go home", Some("officer")),
        ],
    );
}

#[test]
fn participle_after_a_preposition_at_sentence_start() {
    check(
        "Ben Miller met the fans on Sunday. After saying he “would never leave,” he signed for a rival club.",
        &[(Mixed, "he “would never leave,”", Some("Ben Miller"))],
    );
}
