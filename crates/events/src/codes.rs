//! Actor coding: a country (ISO 3166 alpha-3 or `IGO`), a sector and an organisation code for
//! every actor, from the actor lexicon, `data/organizations.tsv`, `data/sectors.tsv`, titles
//! and context.

use crate::dict::tsv_lines;
use newsgraph_actors::lexicon::{FxMap, COUNTRIES_TSV, ORGANIZATIONS_TSV};
use newsgraph_core::{ActorCode, ActorKind, Document, MentionKind};

/// Title and role words with the sector they imply.
pub const SECTORS_TSV: &str = include_str!("../data/sectors.tsv");
/// Codes of organisations.
pub const ORGANIZATIONS_CODES_TSV: &str = include_str!("../data/organizations.tsv");
/// Common nouns standing for collective actors, with their sector.
pub const GROUPS_TSV: &str = include_str!("../data/groups.tsv");
/// Well-known persons with their country and sector.
pub const PEOPLE_TSV: &str = include_str!("../data/people.tsv");

/// Codes of one organisation from the data files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgCode {
    /// Country, `IGO`, or `None` to keep the actor's.
    pub country: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// Organisation code.
    pub org: Option<String>,
}

/// The coding knowledge, parsed once.
#[derive(Debug, Clone, Default)]
pub struct Codebook {
    /// Title phrases (lowercase, space-separated words) with their sector, in file order.
    pub sectors: Vec<(String, String)>,
    /// Organisation name (lowercase) -> codes.
    pub orgs: FxMap<String, OrgCode>,
    /// Seats of government and capitals standing for a country (lowercase, without `the`).
    pub metonyms: FxMap<String, String>,
    /// `sectors` by phrase: (file rank, sector).
    pub sector_index: FxMap<String, (usize, String)>,
    /// Collective common nouns (lowercase) -> sector (`police` -> COP).
    pub groups: FxMap<String, String>,
    /// Prefilter of `groups` (see [`crate::dict::filter_key`]).
    pub group_filter: Vec<u32>,
    /// Well-known persons by name and alias (lowercase) -> country and sector
    /// (`data/people.tsv`).
    pub people: FxMap<String, OrgCode>,
    /// Country adjectives and demonyms as written (`Colombian`, `Israelis`) -> ISO code.
    pub nationalities: FxMap<String, String>,
}

fn dash(s: &str) -> Option<String> {
    (s != "-" && !s.is_empty()).then(|| s.to_string())
}

impl Codebook {
    /// The built-in codebook.
    pub fn builtin() -> Codebook {
        let mut c = Codebook::default();
        for (_, cols) in tsv_lines(SECTORS_TSV) {
            if cols.len() >= 2 {
                c.sectors
                    .push((cols[0].to_lowercase(), cols[1].to_string()));
            }
        }
        for (rank, (p, s)) in c.sectors.iter().enumerate() {
            c.sector_index.entry(p.clone()).or_insert((rank, s.clone()));
        }
        // the actor lexicon's kinds give a default sector
        for (_, cols) in tsv_lines(ORGANIZATIONS_TSV) {
            if cols.len() < 3 {
                continue;
            }
            let sector = match cols[1] {
                "igo" => "IGO",
                "body" => "GOV",
                "agency" | "media" => "MED",
                "group" => "REB",
                "party" => "POL",
                "company" => "BUS",
                _ => continue,
            };
            let country = if cols[1] == "igo" {
                Some("IGO".to_string())
            } else {
                dash(cols[2])
            };
            c.orgs.insert(
                cols[0].to_lowercase(),
                OrgCode {
                    country,
                    sector: Some(sector.into()),
                    org: None,
                },
            );
        }
        for (_, cols) in tsv_lines(ORGANIZATIONS_CODES_TSV) {
            if cols.len() >= 4 {
                c.orgs.insert(
                    cols[0].to_lowercase(),
                    OrgCode {
                        country: dash(cols[1]),
                        sector: dash(cols[2]),
                        org: dash(cols[3]),
                    },
                );
            }
        }
        c.group_filter = vec![0; 26 * 27];
        for (_, cols) in tsv_lines(GROUPS_TSV) {
            if cols.len() >= 2 {
                let w = cols[0].to_lowercase();
                if let Some(k) = crate::dict::filter_key(w.as_bytes()) {
                    c.group_filter[k] |= crate::dict::filter_bit(w.as_bytes());
                }
                c.groups.insert(w, cols[1].to_string());
            }
        }
        for (_, cols) in tsv_lines(PEOPLE_TSV) {
            if cols.len() >= 3 {
                let code = OrgCode {
                    country: dash(cols[1]),
                    sector: dash(cols[2]),
                    org: None,
                };
                let aliases = cols.get(3).copied().unwrap_or("-");
                for n in std::iter::once(cols[0]).chain(aliases.split('|')) {
                    if n != "-" && !n.is_empty() {
                        c.people.insert(n.to_lowercase(), code.clone());
                    }
                }
            }
        }
        for (_, cols) in tsv_lines(COUNTRIES_TSV) {
            if cols.len() >= 5 {
                for w in cols[3].split('|').chain(cols[4].split('|')) {
                    if w != "-" && !w.is_empty() {
                        c.nationalities
                            .entry(w.to_string())
                            .or_insert_with(|| cols[1].to_string());
                    }
                }
            }
            if cols.len() >= 6 {
                for m in cols[5].split('|').filter(|m| *m != "-") {
                    let m = m.to_lowercase();
                    let m = m.strip_prefix("the ").unwrap_or(&m).to_string();
                    c.metonyms.insert(m, cols[1].to_string());
                }
            }
        }
        c
    }

    /// A well-known person of `data/people.tsv` by the name the actor stage gives: the full
    /// name, else the name without middle initials and suffixes (`Vladimir V. Putin`,
    /// `Joseph R. Biden Jr.`), else a surname the file lists as an alias after an honorific
    /// (`Mr. Putin`).
    fn person(&self, name: &str) -> Option<&OrgCode> {
        let lower = name.to_lowercase();
        if let Some(p) = self.people.get(&lower) {
            return Some(p);
        }
        let words: Vec<&str> = lower
            .split_whitespace()
            .filter(|w| {
                let core = w.trim_end_matches('.');
                !(core.chars().count() == 1 || matches!(core, "jr" | "sr" | "ii" | "iii"))
            })
            .collect();
        if words.len() >= 2 {
            if let Some(p) = self.people.get(&words.join(" ")) {
                return Some(p);
            }
        }
        // `Mr. Putin`: a listed surname after honorifics only (`Ann Harris` is not Kamala
        // Harris)
        let (last, rest) = words.split_last()?;
        rest.iter()
            .all(|w| matches!(w.trim_end_matches('.'), "mr" | "mrs" | "ms" | "dr"))
            .then(|| self.people.get(*last))
            .flatten()
    }

    /// The sector a title or name implies: the longest phrase of `sectors.tsv` found in it on
    /// word boundaries.
    pub fn sector_of(&self, title: &str) -> Option<&str> {
        // every run of up to 4 words of the title, looked up; the longest found wins
        let lower = title.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let mut best: Option<(&str, usize, usize)> = None; // (sector, bytes, rank)
        let mut key = String::new();
        for i in 0..words.len() {
            key.clear();
            for (n, w) in words[i..].iter().take(4).enumerate() {
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(w.trim_matches(|c: char| c == ',' || c == '(' || c == ')'));
                if let Some(&(rank, ref s)) = self.sector_index.get(key.as_str()) {
                    let better = match best {
                        None => true,
                        Some((_, len, r)) => key.len() > len || (key.len() == len && rank < r),
                    };
                    if better {
                        best = Some((s.as_str(), key.len(), rank));
                    }
                }
            }
        }
        best.map(|(s, _, _)| s)
    }

    /// The country of an organisation named in a title (`NSC spokesman`, `spokesman for the
    /// National Security Council`): runs of up to 6 whole words looked up.
    pub fn org_country_in(&self, title: &str) -> Option<String> {
        let lower = title.to_lowercase();
        let words: Vec<&str> = lower
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| c == ',' || c == '(' || c == ')'))
            .collect();
        let mut key = String::new();
        for i in 0..words.len() {
            key.clear();
            for (n, w) in words[i..].iter().take(6).enumerate() {
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(w);
                if key.len() > 3 {
                    if let Some(c) = self.orgs.get(key.as_str()).and_then(|o| o.country.clone()) {
                        return Some(c);
                    }
                }
            }
        }
        None
    }

    /// The country of a nationality word in a title (`ex-Colombian soldier` -> COL): words
    /// split at spaces and hyphens, looked up as written.
    pub fn nationality_in(&self, title: &str) -> Option<String> {
        title
            .split(|c: char| c.is_whitespace() || c == '-')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
            .find_map(|w| self.nationalities.get(w).cloned())
    }

    /// Whether a mention's text names a government (`Washington`, `the White House`, `the US
    /// government`, `the U.S. side`, `the administration`).
    pub fn is_government_mention(&self, text: &str) -> bool {
        let t = text.to_lowercase();
        let t = t.strip_prefix("the ").unwrap_or(&t);
        self.metonyms.contains_key(t)
            || [
                "government",
                "administration",
                "side",
                "authorities",
                "leadership",
                "cabinet",
            ]
            .iter()
            .any(|w| t.ends_with(w))
    }

    /// Codes every actor of `doc` into `doc.actor_codes`; returns the article's dominant
    /// country (the country of context for actors the text gives none).
    pub fn code_actors(&self, doc: &mut Document) -> Option<String> {
        let mut codes: Vec<ActorCode> = Vec::with_capacity(doc.actors.len());
        for a in &doc.actors {
            let mut c = ActorCode {
                country: a.country.clone(),
                sector: None,
                org: None,
            };
            match a.kind {
                ActorKind::Person => {
                    for t in &a.titles {
                        if let Some(s) = self.sector_of(t) {
                            c.sector = Some(s.to_string());
                            break;
                        }
                    }
                    if c.country.is_none() {
                        // an organisation named in the title (`NSC spokesman`)
                        // looked up by runs of whole words: `Senator` holds no `NATO`
                        c.country = a.titles.iter().find_map(|t| self.org_country_in(t));
                    }
                    if c.country.is_none() {
                        // a nationality in the title (`ex-Colombian soldier`, `retired
                        // Belgian general`)
                        c.country = a.titles.iter().find_map(|t| self.nationality_in(t));
                    }
                    if c.country.is_none() {
                        // a well-known person (`President Obama`)
                        if let Some(p) = self.person(&a.name) {
                            c.country = p.country.clone();
                            if c.sector.is_none() {
                                c.sector = p.sector.clone();
                            }
                        }
                    }
                }
                ActorKind::Organization | ActorKind::Group => {
                    if let Some(o) = self.orgs.get(&a.name.to_lowercase()) {
                        if o.country.is_some() {
                            c.country = o.country.clone();
                        }
                        c.sector = o.sector.clone();
                        c.org = o.org.clone();
                    } else {
                        c.sector = self.sector_of(&a.name).map(str::to_string);
                    }
                }
                ActorKind::Country => {}
                ActorKind::Place => {}
            }
            codes.push(c);
        }
        // countries acting through their government (`Washington`, `the White House`)
        for m in &doc.mentions {
            if let Some(id) = m.actor {
                let i = id.0 as usize;
                if doc.actors[i].kind == ActorKind::Country
                    && codes[i].sector.is_none()
                    && matches!(m.kind, MentionKind::Name | MentionKind::Nominal)
                    && self.is_government_mention(doc.slice(m.span))
                {
                    codes[i].sector = Some("GOV".into());
                }
            }
        }
        // a person without a country coordinated with one who has it: `Israeli Minister Ron
        // Dermer and national security adviser Tzachi Hanegbi`
        for (k, m) in doc.mentions.iter().enumerate() {
            let Some(id) = m.actor else { continue };
            let i = id.0 as usize;
            if doc.actors[i].kind != ActorKind::Person
                || codes[i].country.is_some()
                || m.kind != MentionKind::Name
            {
                continue;
            }
            let prev = doc.mentions[..k]
                .iter()
                .rev()
                .find(|p| p.span.end <= m.span.start);
            let Some(p) = prev else { continue };
            let Some(pid) = p.actor else { continue };
            if doc.actors[pid.0 as usize].kind != ActorKind::Person {
                continue;
            }
            let between = &doc.text[p.span.end as usize..m.span.start as usize];
            let words: Vec<&str> = between.split_whitespace().collect();
            if words.first() == Some(&"and")
                && words.len() <= 6
                && !between.contains(['.', ',', ';', '"', '\n'])
            {
                if let Some(c) = codes[pid.0 as usize].country.clone() {
                    codes[i].country = Some(c);
                }
            }
        }
        // a person whose name follows a nationality in its phrase (`his Israeli counterpart
        // Benjamin Netanyahu`)
        for (k, m) in doc.mentions.iter().enumerate() {
            let Some(id) = m.actor else { continue };
            let i = id.0 as usize;
            if doc.actors[i].kind != ActorKind::Person
                || codes[i].country.is_some()
                || m.kind != MentionKind::Name
            {
                continue;
            }
            let Some(p) = doc.mentions[..k]
                .iter()
                .rev()
                .find(|p| p.span.end <= m.span.start)
            else {
                continue;
            };
            let Some(pid) = p.actor else { continue };
            if p.kind != MentionKind::Nationality {
                continue;
            }
            let between = &doc.text[p.span.end as usize..m.span.start as usize];
            if between.split_whitespace().count() <= 3
                && !between.contains(['.', ',', ';', '"', '\n', '(', ')'])
            {
                if let Some(c) = codes[pid.0 as usize].country.clone() {
                    codes[i].country = Some(c);
                }
            }
        }
        // the article's dominant country: the one most mentioned (through its own mentions
        // and those of its people and organisations); persons, organisations and places the
        // text gives no country are coded with it (the country of context)
        let dominant = dominant_country(doc, &codes);
        if let Some(d) = &dominant {
            for (i, a) in doc.actors.iter().enumerate() {
                if codes[i].country.is_none() && a.kind != ActorKind::Country {
                    codes[i].country = Some(d.clone());
                }
            }
        }
        doc.actor_codes = codes;
        dominant
    }
}

/// The country (not `IGO`) with the most mentions of its actors; ties go to the first
/// mentioned.
pub fn dominant_country(doc: &Document, codes: &[ActorCode]) -> Option<String> {
    let mut counts: Vec<(&str, usize, usize)> = Vec::new(); // (country, count, first)
    for (k, m) in doc.mentions.iter().enumerate() {
        let Some(id) = m.actor else { continue };
        let Some(c) = codes.get(id.0 as usize).and_then(|c| c.country.as_deref()) else {
            continue;
        };
        if c == "IGO" {
            continue;
        }
        // people, organisations and places say where the story is; country names and
        // nationalities also name foreign topics
        let w = match doc.actors[id.0 as usize].kind {
            ActorKind::Country => 1,
            _ if m.kind == MentionKind::Nationality => 1,
            _ => 2,
        };
        match counts.iter_mut().find(|x| x.0 == c) {
            Some(x) => x.1 += w,
            None => counts.push((c, w, k)),
        }
    }
    counts
        .iter()
        .max_by_key(|x| (x.1, std::cmp::Reverse(x.2)))
        .map(|x| x.0.to_string())
}
