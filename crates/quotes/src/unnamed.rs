//! Speakers the actor stage did not name: `the spokesman`, `police`, `health officials`, `a
//! lawyer for the family`. The guidelines name such speakers by their phrase, so the quote
//! stage makes an actor of the phrase (one per distinct phrase) and a nominal mention of it,
//! and the quotation gets a speaker instead of null.

use newsgraph_core::{Actor, ActorId, ActorKind, Document, Mention, MentionKind};

/// Words that are never a speaker on their own (pronouns, reflexives, bare determiners).
#[rustfmt::skip]
const NOT_SPEAKER: &[&str] = &[
    "he", "she", "they", "we", "i", "it", "you", "him", "her", "them", "us", "me", "himself",
    "herself", "themselves", "itself", "myself", "ourselves", "who", "which", "that", "this",
    "these", "those", "there", "one", "some", "all", "both", "each", "others", "other", "a",
    "an", "the",
];

/// Heads that are times, places or things, not speakers (`at the time said`).
#[rustfmt::skip]
const NOT_HEAD: &[&str] = &[
    "time", "times", "day", "days", "week", "weeks", "month", "months", "year", "years",
    "moment", "night", "morning", "afternoon", "evening", "weekend", "scene", "interview",
    "meeting", "conference", "hearing", "event", "end", "point", "past", "way", "time's",
];

/// Heads of organizations and institutions (`the military`, `the ministry`, `the lawsuit`).
#[rustfmt::skip]
const ORG_HEAD: &[&str] = &[
    "military", "army", "navy", "government", "ministry", "department", "agency", "office",
    "company", "firm", "court", "council", "committee", "commission", "administration",
    "authority", "union", "university", "school", "college", "hospital", "embassy", "party",
    "campaign", "team", "club", "board", "network", "newspaper", "outlet", "group", "league",
    "bank", "lawsuit", "suit", "complaint", "statement", "organization", "organisation",
    "institute", "service", "regime", "cabinet", "parliament", "legislature", "senate",
    "house", "district", "city", "county", "state", "prosecution", "company's", "website",
    "magazine", "publication", "channel", "station", "studio", "brand", "firm's", "strategy",
];

/// Plural heads that do not end in `s`.
#[rustfmt::skip]
const GROUP_HEAD: &[&str] = &["people", "police", "staff", "personnel", "children", "men", "women"];

fn article_stripped(s: &str) -> &str {
    for a in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(r) = s.strip_prefix(a) {
            return r.trim_start();
        }
    }
    s
}

/// The head noun of a speaker phrase: the last word before a post-modifier (`a lawyer for
/// the family` → `lawyer`, `people familiar with the plans` → `people`).
fn head(name: &str) -> Option<String> {
    let mut last = None;
    for w in name.split_whitespace() {
        let lw = w.to_lowercase();
        if matches!(
            lw.as_str(),
            "of" | "for"
                | "with"
                | "to"
                | "from"
                | "at"
                | "in"
                | "on"
                | "who"
                | "close"
                | "familiar"
                | "representing"
                | "involved"
                | "working"
                | "speaking"
        ) && last.is_some()
        {
            break;
        }
        last = Some(lw);
    }
    last.map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .to_string()
    })
}

fn kind_of(head: &str) -> ActorKind {
    if ORG_HEAD.contains(&head) {
        ActorKind::Organization
    } else if GROUP_HEAD.contains(&head)
        || (head.len() > 3 && head.ends_with('s') && !head.ends_with("ss"))
    {
        ActorKind::Group
    } else {
        ActorKind::Person
    }
}

/// Is this phrase usable as a speaker name? Returns the name (article dropped) and kind.
pub fn speaker_phrase(phrase: &str) -> Option<(String, ActorKind)> {
    let phrase = phrase.trim();
    if !phrase.chars().any(|c| c.is_alphabetic()) || phrase.len() > 80 {
        return None;
    }
    let lower = phrase.to_lowercase();
    if NOT_SPEAKER.contains(&lower.as_str()) {
        return None;
    }
    let name = article_stripped(phrase);
    if name.is_empty() {
        return None;
    }
    let h = head(name)?;
    if h.is_empty()
        || NOT_SPEAKER.contains(&h.as_str())
        || NOT_HEAD.contains(&h.as_str())
        || !h.chars().next().is_some_and(|c| c.is_alphabetic())
    {
        return None;
    }
    Some((name.to_string(), kind_of(&h)))
}

/// Gives every quotation whose speaker phrase has no actor an actor named by the phrase.
pub fn name_speakers(doc: &mut Document) {
    if !doc
        .quotes
        .iter()
        .any(|q| q.speaker.is_none() && q.speaker_mention.is_some())
    {
        return;
    }
    let mut made: Vec<(String, ActorId)> = Vec::new();
    for qi in 0..doc.quotes.len() {
        let q = doc.quotes[qi];
        let (None, Some(span)) = (q.speaker, q.speaker_mention) else {
            continue;
        };
        // A pronoun the actor stage could not resolve stays unnamed.
        let mi = doc.mentions.partition_point(|m| m.span < span);
        let existing = doc.mentions.get(mi).filter(|m| m.span == span).copied();
        if existing.is_some_and(|m| m.kind == MentionKind::Pronoun) {
            continue;
        }
        if let Some(a) = existing.and_then(|m| m.actor) {
            doc.quotes[qi].speaker = Some(a);
            continue;
        }
        let Some((name, kind)) = speaker_phrase(doc.slice(span)) else {
            continue;
        };
        let key = name.to_lowercase();
        let id = match made.iter().find(|(k, _)| *k == key) {
            Some(&(_, id)) => id,
            None => {
                let id = ActorId(doc.actors.len() as u32);
                doc.actors.push(Actor {
                    id,
                    name,
                    kind,
                    titles: Vec::new(),
                    country: None,
                });
                made.push((key, id));
                id
            }
        };
        match existing {
            Some(_) => doc.mentions[mi].actor = Some(id),
            None => doc.mentions.insert(
                mi,
                Mention {
                    span,
                    kind: MentionKind::Nominal,
                    actor: Some(id),
                },
            ),
        }
        doc.quotes[qi].speaker = Some(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases() {
        assert_eq!(
            speaker_phrase("the spokesman"),
            Some(("spokesman".into(), ActorKind::Person))
        );
        assert_eq!(
            speaker_phrase("health officials"),
            Some(("health officials".into(), ActorKind::Group))
        );
        assert_eq!(
            speaker_phrase("The military"),
            Some(("military".into(), ActorKind::Organization))
        );
        assert_eq!(
            speaker_phrase("a lawyer for the family"),
            Some(("lawyer for the family".into(), ActorKind::Person))
        );
        assert_eq!(speaker_phrase("he"), None);
        assert_eq!(speaker_phrase("the time"), None);
        assert_eq!(speaker_phrase("a"), None);
    }
}
