//! Merging candidate mentions into actors: lexicon entries by id, persons by full name and
//! surname, organizations by name and acronym, nominals by title, pronouns by salience.
//! Works from any list of [`Candidate`]s, whatever produced them.

use crate::lexicon::{EntryKind, FxMap, Gender, Lexicon, Role};
use crate::mentions::{Candidate, Class};
use newsgraph_core::{Actor, ActorId, ActorKind, Document, Mention, MentionKind};

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

/// Writes the lowercase name key of `text` into `buf`: its whitespace-separated words
/// lowercased and joined by single spaces. Returns the number of words.
fn name_key(text: &str, buf: &mut String) -> usize {
    buf.clear();
    let mut n = 0;
    for w in text.split_whitespace() {
        if n > 0 {
            buf.push(' ');
        }
        crate::lexicon::push_lower(w, buf);
        n += 1;
    }
    n
}

/// Fills `doc.mentions` and `doc.actors` from candidates.
pub fn merge(lex: &Lexicon, doc: &mut Document, mut cands: Vec<Candidate>) {
    cands.sort_by_key(|c| (c.span.start, c.span.end));
    let mut actors: Vec<Build> = Vec::new();
    let mut assigned: Vec<Option<usize>> = vec![None; cands.len()];
    // Lowercase canonical name -> actor per kind (indexed by `ActorKind as usize`).
    let mut by_name: FxMap<String, [usize; 5]> = FxMap::default();
    let mut buf = String::new();

    // 1. Lexicon entries and named organizations / places, by canonical name.
    for (i, c) in cands.iter().enumerate() {
        let (kind, name, weak): (ActorKind, &str, bool) = match (c.class, c.entry) {
            (Class::Country | Class::Org | Class::Place, Some((id, role))) => {
                let e = lex.entry(id);
                let kind = match e.kind {
                    EntryKind::Country => ActorKind::Country,
                    EntryKind::Org(_) => ActorKind::Organization,
                    EntryKind::Place => ActorKind::Place,
                };
                (kind, &e.name, e.weak && role == Role::Name)
            }
            (Class::Org, None) => {
                let text = doc.slice(c.span);
                let name = c.name.as_deref().unwrap_or_else(|| {
                    text.strip_prefix("the ")
                        .or_else(|| text.strip_prefix("The "))
                        .unwrap_or(text)
                });
                (ActorKind::Organization, name, false)
            }
            (Class::Place, None) => {
                let name = c.name.as_deref().unwrap_or_else(|| doc.slice(c.span));
                (ActorKind::Place, name, false)
            }
            _ => continue,
        };
        buf.clear();
        crate::lexicon::push_lower(name, &mut buf);
        let slots = match by_name.get_mut(buf.as_str()) {
            Some(slots) => slots,
            None => by_name.entry(buf.clone()).or_insert([usize::MAX; 5]),
        };
        let slot = &mut slots[kind as usize];
        if *slot == usize::MAX {
            let mut b = Build::new(name.to_string(), kind);
            b.weak_only = true;
            actors.push(b);
            *slot = actors.len() - 1;
        }
        let idx = *slot;
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
    let mut persons: FxMap<String, usize> = FxMap::default();
    let mut surnames: FxMap<String, Vec<usize>> = FxMap::default();
    // Given name -> persons (in creation order) whose full name of two or more words starts
    // with it.
    let mut given: FxMap<String, Vec<usize>> = FxMap::default();
    for pass in 0..2 {
        for (i, c) in cands.iter().enumerate() {
            if c.class != Class::Person || assigned[i].is_some() {
                continue;
            }
            let text = c.name.as_deref().unwrap_or(doc.slice(c.span));
            let ntoks = name_key(text, &mut buf);
            if (pass == 0) != (ntoks >= 2) {
                continue;
            }
            let key = buf.as_str();
            // `Das Sarma` after `Sankar Das Sarma`: a multiword surname.
            let suffix_of = || {
                (ntoks >= 2
                    && !lex
                        .get(key.split(' ').next().unwrap_or(""))
                        .is_some_and(|w| w.is(crate::lexicon::flags::FIRST_NAME)))
                .then(|| {
                    actors.iter().position(|a| {
                        a.kind == ActorKind::Person
                            && a.toks.len() > ntoks
                            && a.toks[a.toks.len() - ntoks..]
                                .iter()
                                .map(String::as_str)
                                .eq(key.split(' '))
                    })
                })
                .flatten()
            };
            let idx = if let Some(&idx) = persons.get(key) {
                idx
            } else if let Some(idx) = suffix_of() {
                idx
            } else if let Some(options) = surnames.get(key).filter(|_| ntoks == 1) {
                nearest(options, &assigned, i)
            } else if let Some(idx) = given_name_of(&given, key, &assigned, i) {
                idx
            } else {
                actors.push(Build::new(text.to_string(), ActorKind::Person));
                let idx = actors.len() - 1;
                let toks: Vec<String> = if ntoks == 0 {
                    Vec::new()
                } else {
                    key.split(' ').map(str::to_string).collect()
                };
                if toks.len() >= 2 {
                    given.entry(toks[0].clone()).or_default().push(idx);
                }
                surnames
                    .entry(toks.last().cloned().unwrap_or_default())
                    .or_default()
                    .push(idx);
                persons.insert(key.to_string(), idx);
                actors[idx].toks = toks;
                idx
            };
            actors[idx].absorb(c);
            assigned[i] = Some(idx);
        }
    }

    // 3. Unknown names: a person's full name or surname, or an organization's acronym.
    let mut acronyms: Option<Vec<Option<String>>> = None;
    for (i, c) in cands.iter().enumerate() {
        if c.class != Class::Unknown || assigned[i].is_some() {
            continue;
        }
        let text = doc.slice(c.span);
        let ntoks = name_key(text, &mut buf);
        let key = buf.as_str();
        if let Some(&idx) = persons.get(key) {
            assigned[i] = Some(idx);
            actors[idx].absorb(c);
        } else if let Some(options) = surnames.get(key).filter(|_| ntoks == 1) {
            let idx = nearest(options, &assigned, i);
            assigned[i] = Some(idx);
            actors[idx].absorb(c);
        } else if let Some(idx) = given_name_of(&given, key, &assigned, i) {
            assigned[i] = Some(idx);
            actors[idx].absorb(c);
        } else if ntoks == 1 && text.len() >= 2 && text.chars().all(|ch| ch.is_ascii_uppercase()) {
            // No actor is created in this step: the organizations' acronyms are computed once.
            let acr = acronyms.get_or_insert_with(|| {
                actors
                    .iter()
                    .map(|a| (a.kind == ActorKind::Organization).then(|| acronym(&a.name)))
                    .collect()
            });
            if let Some(idx) = acr.iter().position(|x| x.as_deref() == Some(text)) {
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
                // Each actor is output once: its fields move.
                let b = &mut actors[a];
                out_actors.push(Actor {
                    id: ActorId(out_actors.len() as u32),
                    name: std::mem::take(&mut b.name),
                    kind: b.kind,
                    titles: std::mem::take(&mut b.titles),
                    country: b.country.take(),
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
/// `key` (the one mentioned nearest before candidate `i` when several do); `given` maps a
/// first name token to the persons of two or more name tokens starting with it.
fn given_name_of(
    given: &FxMap<String, Vec<usize>>,
    key: &str,
    assigned: &[Option<usize>],
    i: usize,
) -> Option<usize> {
    if key.contains(' ') {
        return None;
    }
    given
        .get(key)
        .filter(|o| !o.is_empty())
        .map(|options| nearest(options, assigned, i))
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
