//! Speaker attribution of direct quotes by cue position, pronouns, nominals, captions and
//! headlines.

mod common;
use common::*;

#[test]
fn said_after_name_after_quote() {
    check(
        "\"The budget is balanced,\" Finance Minister Claire Weiss said.",
        &[(Direct, "The budget is balanced", Some("Claire Weiss"))],
    );
}

#[test]
fn said_before_name_after_quote() {
    check(
        "\"The budget is balanced,\" said Finance Minister Claire Weiss.",
        &[(Direct, "The budget is balanced", Some("Claire Weiss"))],
    );
}

#[test]
fn name_said_colon_quote() {
    check(
        "Claire Weiss said: \"The budget is balanced.\"",
        &[(Direct, "The budget is balanced.", Some("Claire Weiss"))],
    );
}

#[test]
fn name_said_comma_quote() {
    check(
        "Claire Weiss said, “The budget is balanced.”",
        &[(Direct, "The budget is balanced.", Some("Claire Weiss"))],
    );
}

#[test]
fn according_to_after_quote() {
    check(
        "“The budget is balanced”, according to Claire Weiss.",
        &[(Direct, "The budget is balanced", Some("Claire Weiss"))],
    );
}

#[test]
fn told_reporters_before_quote() {
    check(
        "Claire Weiss told reporters \"the budget is balanced.\"",
        &[(Direct, "the budget is balanced.", Some("Claire Weiss"))],
    );
}

#[test]
fn told_agency_after_quote() {
    check(
        "\"The budget is balanced,\" Claire Weiss told Reuters.",
        &[(Direct, "The budget is balanced", Some("Claire Weiss"))],
    );
}

#[test]
fn added_with_adverb() {
    check(
        "\"We will cut taxes next year,\" Claire Weiss later added.",
        &[(Direct, "We will cut taxes next year", Some("Claire Weiss"))],
    );
}

#[test]
fn caption_name_colon_quote() {
    check(
        "Finance Minister Claire Weiss in Berlin: \"No new debt\"\n\nPhoto: Max Braun / dpa\n\nThe budget passed on Friday.",
        &[(Direct, "No new debt", Some("Claire Weiss"))],
    );
}

#[test]
fn headline_name_colon_quote() {
    check(
        "Weiss: ‘The budget is balanced’\n\nFinance Minister Claire Weiss presented the budget on Friday.",
        &[(Direct, "The budget is balanced", Some("Claire Weiss"))],
    );
}

#[test]
fn headline_quote_says_name() {
    check(
        "'We will not back down,' says Zelensky\n\nUkrainian President Volodymyr Zelensky spoke in Kyiv on Monday.",
        &[(Direct, "We will not back down", Some("Zelensky"))],
    );
}

#[test]
fn split_quote_around_cue() {
    check(
        "\"We tried everything,\" he said. \"Nothing worked.\"",
        &[
            (Direct, "We tried everything", None),
            (Direct, "Nothing worked.", None),
        ],
    );
    check(
        "Coach Ben Miller was blunt. \"We tried everything,\" he said. \"Nothing worked.\"",
        &[
            (Direct, "We tried everything", Some("Ben Miller")),
            (Direct, "Nothing worked.", Some("Ben Miller")),
        ],
    );
}

#[test]
fn split_quote_with_comma_continuation() {
    check(
        "\"We tried everything,\" said Ben Miller, \"and nothing worked.\"",
        &[
            (Direct, "We tried everything", Some("Ben Miller")),
            (Direct, "and nothing worked.", Some("Ben Miller")),
        ],
    );
}

#[test]
fn question_quote_asked() {
    check(
        "\"Where is the money?\" asked opposition leader Paul Grant.",
        &[(Direct, "Where is the money?", Some("Paul Grant"))],
    );
}

#[test]
fn appositive_between_name_and_cue() {
    check(
        "\"Sales doubled,\" Jane Doe, the company's chief executive, said on Tuesday.",
        &[(Direct, "Sales doubled", Some("Jane Doe"))],
    );
}

#[test]
fn name_comma_title_comma_said_before_quote() {
    check(
        "Jane Doe, the company's CEO, said: \"Sales doubled.\"",
        &[(Direct, "Sales doubled.", Some("Jane Doe"))],
    );
}

#[test]
fn said_name_who_relative_clause() {
    check(
        "\"Sales doubled,\" said Jane Doe, who founded the company in 2010.",
        &[(Direct, "Sales doubled", Some("Jane Doe"))],
    );
}

#[test]
fn speaker_after_a_long_quote() {
    check(
        "\"We spent three years building this plant, hiring people from the town, training them, \
         and convincing the banks that it would work. Now it is running at full speed and we are \
         hiring again,\" said plant manager Rosa Diaz.",
        &[(
            Direct,
            "We spent three years building this plant, hiring people from the town, training them, \
             and convincing the banks that it would work. Now it is running at full speed and we are \
             hiring again",
            Some("Rosa Diaz"),
        )],
    );
}

#[test]
fn pronoun_she_resolved() {
    check(
        "Rosa Diaz runs the plant. \"We are hiring again,\" she said.",
        &[(Direct, "We are hiring again", Some("Rosa Diaz"))],
    );
}

#[test]
fn pronoun_he_with_two_possible_antecedents_prefers_the_subject() {
    check(
        "Senator Mark Young met Governor Tim Black on Monday. \"We agreed on the funding,\" he said.",
        &[(Direct, "We agreed on the funding", Some("Mark Young"))],
    );
}

#[test]
fn pronoun_continues_the_current_speaker() {
    check(
        "\"The talks were useful,\" said Senator Mark Young.\n\n\
         He met Governor Tim Black on Monday. \"We agreed on the funding,\" he added.",
        &[
            (Direct, "The talks were useful", Some("Mark Young")),
            (Direct, "We agreed on the funding", Some("Mark Young")),
        ],
    );
}

#[test]
fn plural_they_is_a_group_or_nobody() {
    let q = quotes("\"We will strike again,\" they said.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "We will strike again");
    assert_eq!(q[0].kind, Direct);
    assert_eq!(q[0].mention.as_deref(), Some("they"));
    assert!(q[0].speaker.is_none(), "{q:?}");
}

#[test]
fn nominal_speaker() {
    let q = quotes("\"No comment,\" the spokesman said.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!((q[0].kind, q[0].text.as_str()), (Direct, "No comment"));
    assert_eq!(q[0].mention.as_deref(), Some("the spokesman"));
}

#[test]
fn nominal_speaker_resolved_to_named_person() {
    check(
        "Army spokesman Daniel Hagari spoke on Tuesday. \"We are ready,\" the spokesman said.",
        &[(Direct, "We are ready", Some("Daniel Hagari"))],
    );
}

#[test]
fn two_speakers_in_one_paragraph() {
    check(
        "\"We won,\" said Anna Berg. \"They cheated,\" said Peter Holm.",
        &[
            (Direct, "We won", Some("Anna Berg")),
            (Direct, "They cheated", Some("Peter Holm")),
        ],
    );
}

#[test]
fn two_speakers_pre_and_post() {
    check(
        "Anna Berg said: \"We won.\" But Peter Holm disagreed. \"They cheated,\" Holm said.",
        &[
            (Direct, "We won.", Some("Anna Berg")),
            (Direct, "They cheated", Some("Peter Holm")),
        ],
    );
}

#[test]
fn organization_speaker() {
    check(
        "\"The product is safe,\" Boeing said in a statement.",
        &[(Direct, "The product is safe", Some("Boeing"))],
    );
}

#[test]
fn said_in_a_statement_colon() {
    check(
        "The White House said in a statement: \"The president is aware of the report.\"",
        &[(
            Direct,
            "The president is aware of the report.",
            Some("United States"),
        )],
    );
}

#[test]
fn wrote_on_social_media() {
    check(
        "Elon Musk wrote on X: \"This is a great day.\"",
        &[(Direct, "This is a great day.", Some("Elon Musk"))],
    );
}

#[test]
fn emphasized_warned_insisted_after_quote() {
    check(
        "\"We still support Israel,\" Kirby emphasized. \"Nobody will leave,\" Paul Grant insisted. \"It will get worse,\" warned Rosa Diaz.",
        &[
            (Direct, "We still support Israel", Some("Kirby")),
            (Direct, "Nobody will leave", Some("Paul Grant")),
            (Direct, "It will get worse", Some("Rosa Diaz")),
        ],
    );
}

#[test]
fn dash_before_attribution() {
    check(
        "\"We are done\" — Anna Berg said after the vote.",
        &[(Direct, "We are done", Some("Anna Berg"))],
    );
}

#[test]
fn short_quote_with_cue_is_kept() {
    check(
        "Asked whether she would resign, Anna Berg said: \"No.\"",
        &[(Direct, "No.", Some("Anna Berg"))],
    );
}

#[test]
fn colon_ending_the_previous_paragraph() {
    check(
        "Mayor Anna Keller spoke after the vote. She said:\n\n\"We have waited ten years for this bridge. Now it is ours.\"",
        &[(
            Direct,
            "We have waited ten years for this bridge. Now it is ours.",
            Some("Anna Keller"),
        )],
    );
}

#[test]
fn long_role_before_the_name_after_the_quote() {
    check(
        "\"We will not sign the contract,\" city council finance chairman Daniel Brooks said on Monday.",
        &[(Direct, "We will not sign the contract", Some("Daniel Brooks"))],
    );
}

#[test]
fn parenthesis_between_name_and_tail_cue() {
    check(
        "“The ferry will run again,” Anna Keller (D-Del.) said.",
        &[(Direct, "The ferry will run again", Some("Anna Keller"))],
    );
}

#[test]
fn inverted_tail_cue_with_parenthesis_after_full_stop() {
    check(
        "“The ferry will run again.” said Anna Keller (D-Del.).",
        &[(Direct, "The ferry will run again.", Some("Anna Keller"))],
    );
}

#[test]
fn party_abbreviation_between_commas() {
    check(
        "“The ferry will run again,” Rep. Anna Keller, D-Del., said.",
        &[(Direct, "The ferry will run again", Some("Anna Keller"))],
    );
    check(
        "Rep. Anna Keller, D-Del., said the ferry would run again.",
        &[(Indirect, "the ferry would run again", Some("Anna Keller"))],
    );
}
