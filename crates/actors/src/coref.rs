//! Merging candidate mentions into actors: lexicon entries by id, persons by full name and
//! surname, organizations by name and acronym, nominals by title, pronouns by salience.
//! Works from any list of [`Candidate`]s, whatever produced them.

use crate::lexicon::{EntryKind, Gender, Lexicon, Role};
use crate::mentions::{Candidate, Class};
use newsgraph_core::{Actor, ActorId, ActorKind, Document, Mention, MentionKind};
use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Build {
    name: String,
    kind: ActorKind,
    titles: Vec<String>,
    country: Option<String>,
    gender: Gender,
    /// Lowercase name tokens (persons).
    toks: Vec<String>,
    /// Every mention is the bare name of a weak (ambiguous) entry.
    weak_only: bool,
    /// `Prime Minister's Office`: the title whose holder's country it takes.
    office_of: Option<String>,
}

impl Build {
    fn new(name: String, kind: ActorKind) -> Build {
        Build {
            name,
            kind,
            titles: Vec::new(),
            country: None,
            gender: Gender::Unknown,
            toks: Vec::new(),
            weak_only: false,
            office_of: None,
        }
    }

    fn absorb(&mut self, c: &Candidate) {
        for t in &c.titles {
            if c.class == Class::Person && !self.titles.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                self.titles.push(t.clone());
            }
        }
        if self.country.is_none() {
            self.country = c.country.clone();
        }
        if self.gender == Gender::Unknown {
            self.gender = c.gender;
        }
    }
}

fn name_tokens(s: &str) -> Vec<String> {
    s.split_whitespace().map(crate::lexicon::lower).collect()
}

/// True when `title` (an actor's title) is a form of the nominal's title: equal, or ending
/// with it after a word that is not a modifier changing the role (`vice`, `deputy`).
pub fn title_matches(title: &str, nominal: &str) -> bool {
    let t = crate::lexicon::lower(title);
    let n = crate::lexicon::lower(nominal);
    if t == n {
        return true;
    }
    match t.strip_suffix(&n) {
        Some(rest) if rest.ends_with(' ') => {
            let prev = rest.trim_end().rsplit(' ').next().unwrap_or("");
            !matches!(
                prev,
                "vice" | "deputy" | "former" | "assistant" | "under" | "acting" | "co" | "ex"
            )
        }
        _ => false,
    }
}

/// Fills `doc.mentions` and `doc.actors` from candidates.
pub fn merge(lex: &Lexicon, doc: &mut Document, mut cands: Vec<Candidate>) {
    cands.sort_by_key(|c| (c.span.start, c.span.end));
    let mut actors: Vec<Build> = Vec::new();
    let mut assigned: Vec<Option<usize>> = vec![None; cands.len()];
    let mut by_name: HashMap<(u8, String), usize> = HashMap::new();
    let kind_code = |k: ActorKind| k as u8;

    // 1. Lexicon entries and named organizations / places, by canonical name.
    for (i, c) in cands.iter().enumerate() {
        let (kind, name, weak) = match (c.class, c.entry) {
            (Class::Country | Class::Org | Class::Place, Some((id, role))) => {
                let e = lex.entry(id);
                let kind = match e.kind {
                    EntryKind::Country => ActorKind::Country,
                    EntryKind::Org(_) => ActorKind::Organization,
                    EntryKind::Place => ActorKind::Place,
                };
                (kind, e.name.clone(), e.weak && role == Role::Name)
            }
            (Class::Org, None) => {
                let text = doc.slice(c.span);
                let name = c.name.clone().unwrap_or_else(|| {
                    text.strip_prefix("the ")
                        .or_else(|| text.strip_prefix("The "))
                        .unwrap_or(text)
                        .to_string()
                });
                (ActorKind::Organization, name, false)
            }
            (Class::Place, None) => {
                let name = c
                    .name
                    .clone()
                    .unwrap_or_else(|| doc.slice(c.span).to_string());
                (ActorKind::Place, name, false)
            }
            _ => continue,
        };
        let key = (kind_code(kind), crate::lexicon::lower(&name));
        let idx = *by_name.entry(key).or_insert_with(|| {
            let mut b = Build::new(name, kind);
            b.weak_only = true;
            actors.push(b);
            actors.len() - 1
        });
        let a = &mut actors[idx];
        a.weak_only &= weak;
        if a.country.is_none() {
            a.country = c
                .entry
                .and_then(|(id, _)| lex.entry(id).iso3.clone())
                .or(c.country.clone());
        }
        if c.class == Class::Org && c.entry.is_none() && !c.titles.is_empty() {
            a.office_of = c.titles.first().cloned();
        }
        assigned[i] = Some(idx);
    }

    // 2. Persons with full names, then single names that no full name explains.
    let mut persons: HashMap<String, usize> = HashMap::new();
    let mut surnames: HashMap<String, Vec<usize>> = HashMap::new();
    for pass in 0..2 {
        for (i, c) in cands.iter().enumerate() {
            if c.class != Class::Person || assigned[i].is_some() {
                continue;
            }
            let text = c.name.as_deref().unwrap_or(doc.slice(c.span));
            let toks = name_tokens(text);
            if (pass == 0) != (toks.len() >= 2) {
                continue;
            }
            let key = toks.join(" ");
            // `Das Sarma` after `Sankar Das Sarma`: a multiword surname.
            let suffix_of = || {
                (toks.len() >= 2
                    && !lex
                        .get(&toks[0])
                        .is_some_and(|w| w.is(crate::lexicon::flags::FIRST_NAME)))
                .then(|| {
                    actors.iter().position(|a| {
                        a.kind == ActorKind::Person
                            && a.toks.len() > toks.len()
                            && a.toks.ends_with(&toks)
                    })
                })
                .flatten()
            };
            let idx = if let Some(&idx) = persons.get(&key) {
                idx
            } else if let Some(idx) = suffix_of() {
                idx
            } else if toks.len() == 1 && surnames.contains_key(&key) {
                nearest(&surnames[&key], &assigned, i)
            } else if let Some(idx) = given_name_of(&actors, &key, &assigned, i) {
                idx
            } else {
                actors.push(Build::new(text.to_string(), ActorKind::Person));
                let idx = actors.len() - 1;
                actors[idx].toks = toks.clone();
                persons.insert(key, idx);
                surnames
                    .entry(toks.last().cloned().unwrap_or_default())
                    .or_default()
                    .push(idx);
                idx
            };
            actors[idx].absorb(c);
            assigned[i] = Some(idx);
        }
    }

    // 3. Unknown names: a person's full name or surname, or an organization's acronym.
    for (i, c) in cands.iter().enumerate() {
        if c.class != Class::Unknown || assigned[i].is_some() {
            continue;
        }
        let text = doc.slice(c.span);
        let toks = name_tokens(text);
        let key = toks.join(" ");
        if let Some(&idx) = persons.get(&key) {
            assigned[i] = Some(idx);
            actors[idx].absorb(c);
        } else if toks.len() == 1 && surnames.contains_key(&key) {
            let idx = nearest(&surnames[&key], &assigned, i);
            assigned[i] = Some(idx);
            actors[idx].absorb(c);
        } else if let Some(idx) = given_name_of(&actors, &key, &assigned, i) {
            assigned[i] = Some(idx);
            actors[idx].absorb(c);
        } else if toks.len() == 1
            && text.len() >= 2
            && text.chars().all(|ch| ch.is_ascii_uppercase())
        {
            if let Some(idx) = actors
                .iter()
                .position(|a| a.kind == ActorKind::Organization && acronym(&a.name) == text)
            {
                assigned[i] = Some(idx);
            }
        }
    }

    // 4. Offices take their holder's country (`the prime minister's office` -> ISR).
    for k in 0..actors.len() {
        if let (Some(t), None) = (actors[k].office_of.clone(), &actors[k].country) {
            let country = actors
                .iter()
                .find(|a| {
                    a.kind == ActorKind::Person && a.titles.iter().any(|x| title_matches(x, &t))
                })
                .and_then(|a| a.country.clone());
            actors[k].country = country;
        }
    }

    // 5. Nominals and pronouns, in text order, with a salience list of person mentions.
    #[derive(Clone, Copy)]
    struct Seen {
        actor: usize,
        sentence: u32,
        token: u32,
        speaker: bool,
        subject: bool,
        in_quote: bool,
    }
    let mut seen: Vec<Seen> = Vec::new();
    for i in 0..cands.len() {
        let c = &cands[i];
        match c.class {
            Class::Nominal if assigned[i].is_none() => {
                let t = c.titles.first().map(String::as_str).unwrap_or("");
                let holder = seen
                    .iter()
                    .rev()
                    .map(|s| s.actor)
                    .find(|&a| actors[a].titles.iter().any(|x| title_matches(x, t)))
                    .or_else(|| {
                        actors.iter().position(|a| {
                            a.kind == ActorKind::Person
                                && a.titles.iter().any(|x| title_matches(x, t))
                        })
                    });
                assigned[i] = holder;
            }
            Class::Pronoun { plural: false } => {
                let g = c.gender;
                let mut best: Option<(f32, usize)> = None;
                for s in seen.iter().rev() {
                    if s.token >= c.token || c.sentence == u32::MAX || s.sentence == u32::MAX {
                        continue;
                    }
                    let dist = c.sentence.saturating_sub(s.sentence);
                    if dist > 4 {
                        break;
                    }
                    if !actors[s.actor].gender.compatible(g) {
                        continue;
                    }
                    // Recency first: a subject of the pronoun's own sentence or the one before
                    // beats a speaker further back (`Durkin said ... Kevin shared his feelings`).
                    let mut score = 100.0 - 30.0 * dist as f32;
                    if s.speaker {
                        score += 25.0;
                    }
                    if s.subject {
                        score += 20.0;
                    }
                    if s.in_quote {
                        score -= 20.0;
                    }
                    score += s.token as f32 * 1e-6;
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, s.actor));
                    }
                }
                assigned[i] = best.map(|(_, a)| a);
            }
            _ => {}
        }
        if let Some(a) = assigned[i] {
            if actors[a].kind == ActorKind::Person {
                seen.push(Seen {
                    actor: a,
                    sentence: c.sentence,
                    token: c.token,
                    speaker: c.speaker,
                    subject: c.subject,
                    in_quote: c.in_quote,
                });
            }
        }
    }

    // 6. Canonical person names: the fullest name in the article.
    for (i, c) in cands.iter().enumerate() {
        if let Some(a) = assigned[i] {
            if actors[a].kind == ActorKind::Person && c.mention == MentionKind::Name {
                let text = c.name.as_deref().unwrap_or(doc.slice(c.span));
                let n = text.split_whitespace().count();
                let cur = actors[a].name.split_whitespace().count();
                if n > cur || (n == cur && text.len() > actors[a].name.len()) {
                    actors[a].name = text.to_string();
                }
            }
        }
    }

    // 7. Output: actors in order of first mention, weak-only countries dropped.
    let mut remap: Vec<Option<u32>> = vec![None; actors.len()];
    let mut out_actors: Vec<Actor> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::with_capacity(cands.len());
    for (i, c) in cands.iter().enumerate() {
        let actor = match assigned[i] {
            Some(a) if actors[a].weak_only => continue,
            Some(a) => Some(*remap[a].get_or_insert_with(|| {
                let b = &actors[a];
                out_actors.push(Actor {
                    id: ActorId(out_actors.len() as u32),
                    name: b.name.clone(),
                    kind: b.kind,
                    titles: b.titles.clone(),
                    country: b.country.clone(),
                });
                (out_actors.len() - 1) as u32
            })),
            None if matches!(c.class, Class::Pronoun { .. } | Class::Nominal) => None,
            None => continue,
        };
        if mentions.last().is_some_and(|m: &Mention| m.span == c.span) {
            continue;
        }
        mentions.push(Mention {
            span: c.span,
            kind: c.mention,
            actor: actor.map(ActorId),
        });
    }
    doc.mentions = mentions;
    doc.actors = out_actors;
}

/// `Nariman` after `Nariman Tashakor`: the person whose full name starts with the given name
/// `key` (the one mentioned nearest before candidate `i` when several do).
fn given_name_of(
    actors: &[Build],
    key: &str,
    assigned: &[Option<usize>],
    i: usize,
) -> Option<usize> {
    if key.contains(' ') {
        return None;
    }
    let options: Vec<usize> = actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == ActorKind::Person && a.toks.len() >= 2 && a.toks[0] == key)
        .map(|(k, _)| k)
        .collect();
    (!options.is_empty()).then(|| nearest(&options, assigned, i))
}

/// The actor among `options` with a mention nearest before candidate `i`, else the first.
fn nearest(options: &[usize], assigned: &[Option<usize>], i: usize) -> usize {
    if options.len() > 1 {
        for j in (0..i).rev() {
            if let Some(a) = assigned[j] {
                if options.contains(&a) {
                    return a;
                }
            }
        }
    }
    options[0]
}

/// Initials of the capitalised words of a name (`Drug Enforcement Administration` -> `DEA`).
pub fn acronym(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}
