//! The readable "who said what" listing of `newsgraph read --format text`.

use newsgraph_core::{BlockKind, Document, QuoteKind};
use std::fmt::Write;

/// Renders a document as a listing for a person at a terminal.
pub fn render(doc: &Document) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "== {} ==",
        if doc.meta.source.is_empty() {
            "article"
        } else {
            &doc.meta.source
        }
    );
    if let Some(t) = doc.blocks_of(BlockKind::Title).next() {
        let _ = writeln!(s, "Title: {}", doc.slice(t.span));
    }
    for (label, kind) in [
        ("Caption", BlockKind::Caption),
        ("Credit", BlockKind::Credit),
        ("Signature", BlockKind::Signature),
    ] {
        for b in doc.blocks_of(kind) {
            let _ = writeln!(s, "{label}: {}", doc.slice(b.span));
        }
    }
    let _ = writeln!(s, "\nWho said what ({} quotations):", doc.quotes.len());
    for (i, q) in doc.quotes.iter().enumerate() {
        let who = q
            .speaker
            .map(|a| doc.actor(a).name.as_str())
            .unwrap_or("(unknown speaker)");
        let cue = q.cue.map(|c| doc.slice(c)).unwrap_or("-");
        let text = doc.slice(q.span);
        let body = match q.kind {
            QuoteKind::Direct => format!("\u{201c}{text}\u{201d}"),
            _ => text.to_string(),
        };
        let kind = match q.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        };
        let _ = writeln!(s, "{:>3}. {who} [{kind}, cue: {cue}]\n     {body}", i + 1);
    }
    let _ = writeln!(s, "\nActors ({}):", doc.actors.len());
    for a in &doc.actors {
        let n = doc
            .mentions
            .iter()
            .filter(|m| m.actor == Some(a.id))
            .count();
        let mut line = format!("  {} ({}", a.name, format!("{:?}", a.kind).to_lowercase());
        if let Some(c) = &a.country {
            let _ = write!(line, ", {c}");
        }
        if !a.titles.is_empty() {
            let _ = write!(line, "; {}", a.titles.join("; "));
        }
        let _ = writeln!(s, "{line}) {n} mention{}", if n == 1 { "" } else { "s" });
    }
    let _ = writeln!(s, "\nWho did what to whom ({} events):", doc.events.len());
    for e in &doc.events {
        let _ = writeln!(s, "  {}", event_line(doc, e));
    }
    for d in &doc.diagnostics {
        let _ = writeln!(s, "note: {} ({})", d.message, d.code);
    }
    s
}

/// One event as a line: `2024-03-25 ISR GOV (Netanyahu) SANCTION USA: canceled a planned trip
/// to Washington`, with `not`, the modality and the quote when they apply.
pub fn event_line(doc: &Document, e: &newsgraph_core::Event) -> String {
    let code = |a: Option<newsgraph_core::ActorId>| -> String {
        let Some(a) = a else { return "-".into() };
        let c = doc.actor_codes.get(a.0 as usize);
        let country = c.and_then(|c| c.country.as_deref()).unwrap_or("---");
        let sector = c.and_then(|c| c.org.as_deref().or(c.sector.as_deref()));
        let actor = doc.actor(a);
        let who = match actor.kind {
            newsgraph_core::ActorKind::Person => {
                format!(
                    " ({})",
                    actor.name.rsplit(' ').next().unwrap_or(&actor.name)
                )
            }
            _ => String::new(),
        };
        match sector {
            Some(s) if s != country => format!("{country} {s}{who}"),
            _ => format!("{country}{who}"),
        }
    };
    let date = e.date.as_deref().unwrap_or("----------");
    let mut what = e.kind.as_str().to_string();
    if e.negated {
        what = format!("not {what}");
    }
    if e.modality != newsgraph_core::Modality::Asserted {
        let _ = write!(what, " ({})", format!("{:?}", e.modality).to_lowercase());
    }
    // the evidence from the trigger to the end of its clause
    let rest = &doc.text[e.trigger.start as usize..e.evidence.end as usize];
    let cut = rest
        .char_indices()
        .find(|&(i, c)| {
            i > 0 && matches!(c, '.' | ';' | ',' | '\u{2013}' | '\u{2014}')
                || rest[i..].starts_with(" - ")
        })
        .map_or(rest.len(), |(i, _)| i);
    let target = match e.target {
        None => "-".to_string(),
        Some(a) => {
            let c = doc
                .actor_codes
                .get(a.0 as usize)
                .and_then(|c| c.country.as_deref());
            let actor = doc.actor(a);
            match (c, actor.kind) {
                (Some(c), newsgraph_core::ActorKind::Person) => format!("{c} ({})", actor.name),
                (Some(c), _) => c.to_string(),
                (None, _) => actor.name.clone(),
            }
        }
    };
    let mut line = format!(
        "{date} {} {what} {target}: {}",
        code(e.source),
        rest[..cut].trim()
    );
    if let Some(q) = e.quote {
        let _ = write!(line, " [quote {}]", q + 1);
    }
    line
}
