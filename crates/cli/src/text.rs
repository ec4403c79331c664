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
        let mut line = format!("  {} ({:?}", a.name, a.kind).to_lowercase();
        line = format!("  {}{}", a.name, &line[2 + a.name.len()..]);
        if let Some(c) = &a.country {
            let _ = write!(line, ", {c}");
        }
        if !a.titles.is_empty() {
            let _ = write!(line, "; {}", a.titles.join("; "));
        }
        let _ = writeln!(s, "{line}) {n} mention{}", if n == 1 { "" } else { "s" });
    }
    for d in &doc.diagnostics {
        let _ = writeln!(s, "note: {} ({})", d.message, d.code);
    }
    s
}
