//! Indirect (reported) speech and mixed quotations.

mod common;
use common::*;

#[test]
fn said_bare_clause() {
    check(
        "Mayor Anna Keller said the bridge would reopen in May.",
        &[(
            Indirect,
            "the bridge would reopen in May",
            Some("Anna Keller"),
        )],
    );
}

#[test]
fn said_that_drops_that() {
    check(
        "Anna Keller said that the bridge would reopen in May.",
        &[(
            Indirect,
            "the bridge would reopen in May",
            Some("Anna Keller"),
        )],
    );
}

#[test]
fn said_on_monday_that() {
    check(
        "Anna Keller said on Monday that the bridge would reopen in May.",
        &[(
            Indirect,
            "the bridge would reopen in May",
            Some("Anna Keller"),
        )],
    );
}

#[test]
fn according_to_at_sentence_start() {
    check(
        "According to Anna Keller, the bridge will reopen in May.",
        &[(
            Indirect,
            "the bridge will reopen in May",
            Some("Anna Keller"),
        )],
    );
}

#[test]
fn according_to_at_sentence_end() {
    check(
        "The bridge will reopen in May, according to Anna Keller.",
        &[(
            Indirect,
            "The bridge will reopen in May",
            Some("Anna Keller"),
        )],
    );
}

#[test]
fn according_to_a_report_is_not_a_speaker() {
    check(
        "According to the report, the bridge will reopen in May.",
        &[],
    );
}

#[test]
fn tail_cue_x_said() {
    check(
        "The bridge will reopen in May, Anna Keller said.",
        &[(
            Indirect,
            "The bridge will reopen in May",
            Some("Anna Keller"),
        )],
    );
}

#[test]
fn tail_cue_said_x() {
    check(
        "The bridge will reopen in May, said Anna Keller.",
        &[(
            Indirect,
            "The bridge will reopen in May",
            Some("Anna Keller"),
        )],
    );
}

#[test]
fn tail_cue_told_reporters() {
    check(
        "The bridge will reopen in May, Anna Keller told reporters on Tuesday.",
        &[(
            Indirect,
            "The bridge will reopen in May",
            Some("Anna Keller"),
        )],
    );
}

#[test]
fn warned_that() {
    check(
        "Emma Thomas warned that prices would rise further.",
        &[(Indirect, "prices would rise further", Some("Emma Thomas"))],
    );
}

#[test]
fn warned_object_that() {
    check(
        "Emma Thomas warned investors that prices would rise further.",
        &[(Indirect, "prices would rise further", Some("Emma Thomas"))],
    );
}

#[test]
fn denied_that() {
    check(
        "The company denied that it had misled regulators.",
        &[(Indirect, "it had misled regulators", Some("company"))],
    );
    check(
        "Emma Thomas denied that she had misled regulators.",
        &[(Indirect, "she had misled regulators", Some("Emma Thomas"))],
    );
}

#[test]
fn denied_with_object_is_not_speech_content() {
    check("Emma Thomas denied the allegations.", &[]);
}

#[test]
fn insisted_bare_clause() {
    check(
        "Emma Thomas insisted the plan was legal.",
        &[(Indirect, "the plan was legal", Some("Emma Thomas"))],
    );
}

#[test]
fn told_reporters_that() {
    check(
        "Emma Thomas told reporters that the plan was legal.",
        &[(Indirect, "the plan was legal", Some("Emma Thomas"))],
    );
}

#[test]
fn told_reporters_bare_clause() {
    check(
        "Emma Thomas told reporters the plan was legal.",
        &[(Indirect, "the plan was legal", Some("Emma Thomas"))],
    );
}

#[test]
fn told_him_to_reports_the_infinitive() {
    // The gold guidelines annotate instructions (`told X (not) to ...`) as reported speech.
    check(
        "Emma Thomas told him to leave the building.",
        &[(Indirect, "to leave the building", Some("Emma Thomas"))],
    );
}

#[test]
fn pronoun_said_clause() {
    check(
        "Emma Thomas leads the union. She said the strike would continue.",
        &[(Indirect, "the strike would continue", Some("Emma Thomas"))],
    );
}

#[test]
fn appositive_subject_indirect() {
    check(
        "Jane Doe, the company's chief executive, said sales had doubled.",
        &[(Indirect, "sales had doubled", Some("Jane Doe"))],
    );
}

#[test]
fn relative_who_said() {
    check(
        "The plan was drafted by Jane Doe, who said it would save money.",
        &[(Indirect, "it would save money", Some("Jane Doe"))],
    );
}

#[test]
fn adding_that_continues_the_speaker() {
    check(
        "Jane Doe said sales had doubled, adding that the company would hire 200 people.",
        &[
            (Indirect, "sales had doubled", Some("Jane Doe")),
            (
                Indirect,
                "the company would hire 200 people",
                Some("Jane Doe"),
            ),
        ],
    );
}

#[test]
fn beliefs_are_not_speech() {
    check(
        "Jane Doe believes the company will grow. She thinks sales will double. She wants more staff.",
        &[],
    );
}

#[test]
fn said_used_otherwise() {
    check(
        "The so-called reform was said to be popular. Jane Doe declined to say whether she agreed.",
        &[],
    );
    check("That said, the company kept growing.", &[]);
}

#[test]
fn when_asked_is_not_a_quote() {
    check(
        "When asked, Jane Doe said the company would grow.",
        &[(Indirect, "the company would grow", Some("Jane Doe"))],
    );
}

#[test]
fn mixed_quote_reported_once() {
    check(
        "Jane Doe said the merger was \"a great day for our workers\" and that more jobs would follow.",
        &[(
            Mixed,
            "the merger was \"a great day for our workers\" and that more jobs would follow",
            Some("Jane Doe"),
        )],
    );
}

#[test]
fn mixed_quote_with_short_quoted_word() {
    check(
        "Jane Doe said the deal was “dead” for now.",
        &[(Mixed, "the deal was “dead” for now", Some("Jane Doe"))],
    );
}

#[test]
fn mixed_quote_ending_the_sentence() {
    check(
        "Jane Doe said the company would \"fight this all the way.\" The case goes to court in May.",
        &[(Mixed, "the company would \"fight this all the way.\"", Some("Jane Doe"))],
    );
}

#[test]
fn said_then_whole_quote_is_direct() {
    check(
        "Jane Doe said \"the company will fight this all the way.\"",
        &[(
            Direct,
            "the company will fight this all the way.",
            Some("Jane Doe"),
        )],
    );
}

#[test]
fn headline_says_clause() {
    check(
        "Biden says US will keep supporting Ukraine\n\nPresident Joe Biden spoke on Monday.",
        &[(
            Indirect,
            "US will keep supporting Ukraine",
            Some("Joe Biden"),
        )],
    );
}

#[test]
fn us_abbreviation_inside_reported_clause() {
    check(
        "Jane Doe said the U.S. market would recover. Her company is based in Ohio.",
        &[(Indirect, "the U.S. market would recover", Some("Jane Doe"))],
    );
}

#[test]
fn reported_clause_ending_with_abbreviation() {
    check(
        "Jane Doe said the company would move to the U.S. Its workers were not told.",
        &[(
            Indirect,
            "the company would move to the U.S.",
            Some("Jane Doe"),
        )],
    );
}

#[test]
fn said_comma_quote_is_not_a_tail_report() {
    check(
        "When asked about the plan, Jane Doe said, \"It will work.\"",
        &[(Direct, "It will work.", Some("Jane Doe"))],
    );
}

#[test]
fn leading_comma_after_that_is_dropped() {
    check(
        "Jane Doe explained that, though the plan seems complex, it is cheap.",
        &[(
            Indirect,
            "though the plan seems complex, it is cheap",
            Some("Jane Doe"),
        )],
    );
}

#[test]
fn inverted_tail_needs_a_noun_phrase() {
    // Not `, claim that the fees ...` read as `..., said X.` with X = `that the fees`.
    let q = quotes("Many students, as well as Jane Doe, claim that the fees are too high.");
    assert!(q.iter().all(|q| !q.text.contains("as well as")), "{q:?}");
}

#[test]
fn tail_with_article_before_the_speaker() {
    check(
        "Two pumps failed overnight, the Harbor Water Authority said in a statement Friday.",
        &[(
            Indirect,
            "Two pumps failed overnight",
            Some("Harbor Water Authority"),
        )],
    );
}

#[test]
fn coordinated_said_takes_the_sentence_subject() {
    check(
        "Anna Keller opposed the plan and said the bridge was safe.",
        &[(Indirect, "the bridge was safe", Some("Anna Keller"))],
    );
}

#[test]
fn base_form_after_and_is_an_instruction() {
    check(
        "You should call the office and explain that the payment is late.",
        &[],
    );
}

#[test]
fn reported_clause_ends_before_comma_and_new_clause() {
    check(
        "Anna Keller said that the bridge was safe, but the council voted to close it.",
        &[(Indirect, "the bridge was safe", Some("Anna Keller"))],
    );
}

#[test]
fn parenthesis_between_subject_and_cue() {
    check(
        "Sen. Mark Dole (R-Ky.) said he did not expect the bill to pass.",
        &[(
            Indirect,
            "he did not expect the bill to pass",
            Some("Mark Dole"),
        )],
    );
    check(
        "Rep. Ann Lee (D-Calif.) told reporters the vote was delayed.",
        &[(Indirect, "the vote was delayed", Some("Ann Lee"))],
    );
    check(
        "Mark Dole (R-KY) said the vote was delayed.",
        &[(Indirect, "the vote was delayed", Some("Mark Dole"))],
    );
}

#[test]
fn said_neither_nor_clause() {
    check(
        "Anna Keller says neither the mayor nor her staff knew about the plan.",
        &[(
            Indirect,
            "neither the mayor nor her staff knew about the plan",
            Some("Anna Keller"),
        )],
    );
}

#[test]
fn told_members_of_a_body_that() {
    check(
        "Anna Keller told members of the council that the budget was too small.",
        &[(Indirect, "the budget was too small", Some("Anna Keller"))],
    );
    // A relative `that` after the addressee: no report.
    check(
        "Anna Keller told members of the council that met on Monday about the budget.",
        &[],
    );
}

#[test]
fn time_phrases_after_the_cue() {
    let w = "the ferry would run again";
    check(
        "Anna Keller said last week that the ferry would run again.",
        &[(Indirect, w, Some("Anna Keller"))],
    );
    check(
        "Anna Keller said this month the ferry would run again.",
        &[(Indirect, w, Some("Anna Keller"))],
    );
    check(
        "Anna Keller said Friday evening that the ferry would run again.",
        &[(Indirect, w, Some("Anna Keller"))],
    );
    check(
        "The ferry would run again, Anna Keller said this week.",
        &[(Indirect, "The ferry would run again", Some("Anna Keller"))],
    );
}

#[test]
fn show_title_after_a_skipped_phrase_is_not_a_quote() {
    check(
        "Anna Keller said Sunday night on Radio Nine’s “Good Day.”",
        &[],
    );
}

#[test]
fn quoted_title_after_in_then_that_clause() {
    check(
        "Anna Keller wrote in “River Days” that the town had been poor for decades.",
        &[(
            Indirect,
            "the town had been poor for decades",
            Some("Anna Keller"),
        )],
    );
    // A quote after another phrase still opens the report.
    check(
        "Anna Keller said in a statement “we are done here.”",
        &[(Direct, "we are done here.", Some("Anna Keller"))],
    );
}

#[test]
fn time_spans_after_the_cue() {
    let w = "the ferry would run again";
    check(
        "Anna Keller said several months after the storm that the ferry would run again.",
        &[(Indirect, w, Some("Anna Keller"))],
    );
    check(
        "Anna Keller said two years ago the ferry would run again.",
        &[(Indirect, w, Some("Anna Keller"))],
    );
    check("Anna Keller said three years later.", &[]);
}

#[test]
fn place_between_commas_then_that() {
    check(
        "Anna Keller says at a town meeting in Dover, Delaware, that the ferry would run again.",
        &[(Indirect, "the ferry would run again", Some("Anna Keller"))],
    );
    check(
        "The ferry would run again, Anna Keller said in Dover, Delaware, that week.",
        &[],
    );
}

#[test]
fn said_of_a_topic() {
    check(
        "The budget is a mess, Anna Keller said of the harbor plan.",
        &[(Indirect, "The budget is a mess", Some("Anna Keller"))],
    );
    check(
        "Anna Keller said of the harbor plan that it would fail.",
        &[(Indirect, "it would fail", Some("Anna Keller"))],
    );
    // A relative `that` after the topic: only the quote is reported.
    check(
        "“It could not hold,” Anna Keller said of a draft that covered every pier.",
        &[(Direct, "It could not hold", Some("Anna Keller"))],
    );
}

#[test]
fn told_a_meeting_of_leaders_that_few() {
    check(
        "Anna Keller told a meeting of harbor leaders that few boats had left.",
        &[(Indirect, "few boats had left", Some("Anna Keller"))],
    );
}

#[test]
fn told_outlet_on_weekday_then_bare_clause() {
    check(
        "Anna Keller also told Radio Nine on Sunday the ferry would run again.",
        &[(Indirect, "the ferry would run again", Some("Anna Keller"))],
    );
    check("Anna Keller spoke on Monday.", &[]);
}

#[test]
fn inverted_tail_with_parenthesis() {
    check(
        "The ferry would run again, said Anna Keller (D-Del.).",
        &[(Indirect, "The ferry would run again", Some("Anna Keller"))],
    );
}

#[test]
fn date_after_the_cue() {
    let w = "the ferry would run again";
    check(
        "Anna Keller said Sept. 12 that the ferry would run again.",
        &[(Indirect, w, Some("Anna Keller"))],
    );
    check(
        "Anna Keller said May 5 the ferry would run again.",
        &[(Indirect, w, Some("Anna Keller"))],
    );
    check(
        "The ferry would run again, Anna Keller said Sept. 12.",
        &[(Indirect, "The ferry would run again", Some("Anna Keller"))],
    );
    // The date is the clause's subject.
    check(
        "Anna Keller said March 12 was the deadline.",
        &[(Indirect, "March 12 was the deadline", Some("Anna Keller"))],
    );
}
