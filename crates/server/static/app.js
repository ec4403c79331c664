// The newsgraph web page: quotation search, article view, actor page with a timeline, and
// the timeline of two actors mentioned together.
// Every piece of article text reaches the page through textContent or createTextNode
// (never parsed as markup), so a <script> in an article shows as text.
"use strict";

const view = document.getElementById("view");
let chart = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.code + ": " + body.error.message : r.statusText);
  return body;
}

// Puts nodes in the view; null entries are left out.
function show(...nodes) {
  view.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined));
}

function showError(e) {
  view.replaceChildren(el("p", { class: "error", text: String(e.message || e) }));
}

function params(hash) {
  const i = hash.indexOf("?");
  return new URLSearchParams(i < 0 ? "" : hash.slice(i + 1));
}

function quoteItem(q, withArticle) {
  const text = q.kind === "direct" ? "\u201c" + q.text + "\u201d" : q.text;
  const meta = el("div", { class: "meta" });
  if (q.speaker_id !== null) {
    meta.append(el("a", { class: "speaker", href: "#/actor/" + q.speaker_id, text: q.speaker }));
  } else {
    meta.append(el("span", { class: "muted", text: "(unknown speaker)" }));
  }
  if (q.cue) meta.append(" " + q.cue);
  if (q.date) meta.append(" \u00b7 " + q.date);
  if (withArticle) {
    meta.append(" \u00b7 ", el("a", { class: "article-link", href: "#/article/" + q.article_id + "?quote=" + q.index,
      text: q.title || q.url || q.source }));
  }
  return el("li", { class: "quote-item" }, el("div", { class: "qtext", text }), meta);
}

function pager(hash, p, page) {
  const box = el("div", { class: "pager" });
  const at = (off) => {
    const n = new URLSearchParams(p);
    n.set("offset", off);
    return hash.split("?")[0] + "?" + n.toString();
  };
  if (page.offset > 0) box.append(el("a", { href: at(Math.max(0, page.offset - page.limit)), text: "\u2190 previous" }));
  if (page.next_offset !== null) box.append(el("a", { class: "next", href: at(page.next_offset), text: "next \u2192" }));
  return box;
}

async function showSearch(hash) {
  const p = params(hash);
  for (const k of ["about", "speaker", "since", "until"]) {
    document.getElementById("q-" + k).value = p.get(k) || "";
  }
  const q = new URLSearchParams();
  for (const [k, v] of p) if (v) q.set(k, v);
  const page = await api("/api/quotes?" + q.toString());
  const title = p.get("about") || p.get("speaker") ? "Quotations" : "Latest quotations";
  const list = el("ul", { class: "quotes", id: "results" }, ...page.items.map((x) => quoteItem(x, true)));
  const parts = [el("h1", { text: title })];
  if (page.items.length === 0) parts.push(el("p", { class: "muted", text: "No quotation matches." }));
  parts.push(list, pager("#/search", p, page));
  if (!p.get("about") && !p.get("speaker")) {
    const actors = await api("/api/actors?limit=15");
    const t = el("table", { id: "top-actors" }, el("tr", {}, el("th", { text: "Most quoted" }), el("th", { text: "quotes" }), el("th", { text: "articles" })));
    for (const a of actors.items) {
      t.append(el("tr", {}, el("td", {}, el("a", { href: "#/actor/" + a.id, text: a.name })),
        el("td", { text: String(a.quotes) }), el("td", { text: String(a.articles) })));
    }
    parts.push(el("h2", { text: "Actors" }), t);
  }
  view.replaceChildren(...parts);
}

// Byte offsets (UTF-8) of the JSON contract to pieces of the JS string.
function byteSlicer(text) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  return (a, b) => dec.decode(bytes.subarray(a, b));
}

async function showArticle(id, hash) {
  const art = await api("/api/articles/" + encodeURIComponent(id));
  const doc = art.document;
  const slice = byteSlicer(doc.text);
  const focus = params(hash).get("quote");
  const quotes = doc.quotes.map((q, i) => ({ ...q, i, actor: art.quote_speakers[i] }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const body = el("div", { class: "article-text", id: "article-text" });
  let at = 0;
  for (const q of quotes) {
    if (q.start < at) continue; // nested in the previous highlight
    body.append(slice(at, q.start));
    const mark = el("mark", { class: "quote " + q.kind, id: "q" + q.i, "data-quote": String(q.i),
      title: (q.speaker || "unknown speaker") + (q.cue ? " \u2014 " + q.cue : "") }, slice(q.start, q.end));
    body.append(mark);
    if (q.actor !== null && q.actor !== undefined) {
      body.append(el("a", { class: "speaker-tag", href: "#/actor/" + q.actor, text: q.speaker }));
    }
    at = q.end;
  }
  body.append(slice(at, new TextEncoder().encode(doc.text).length));
  const meta = el("p", { class: "meta" }, [art.date, art.url, art.source].filter(Boolean).join(" \u00b7 "));
  const speakers = new Map();
  doc.quotes.forEach((q, i) => {
    const a = art.quote_speakers[i];
    if (a !== null && a !== undefined) speakers.set(a, { name: q.speaker, n: (speakers.get(a)?.n || 0) + 1 });
  });
  const sp = el("ul", { id: "speakers" });
  for (const [aid, s] of speakers) {
    sp.append(el("li", {}, el("a", { class: "speaker", href: "#/actor/" + aid, text: s.name }), " (" + s.n + ")"));
  }
  view.replaceChildren(
    el("h1", { text: art.title || art.url || art.source.split("/").pop() || "Article " + art.id }), meta,
    el("h2", { text: "Speakers" }), sp,
    el("h2", { text: doc.quotes.length + " quotation(s), highlighted" }), body);
  if (focus !== null) {
    const m = document.getElementById("q" + focus);
    if (m) m.scrollIntoView({ block: "center" });
  }
}

async function showActor(id, hash) {
  const p = params(hash);
  const a = await api("/api/actors/" + encodeURIComponent(id));
  const q = new URLSearchParams({ actor: String(a.id), limit: "50", offset: p.get("offset") || "0" });
  const [quotes, tl] = await Promise.all([
    api("/api/quotes?" + q.toString()),
    api("/api/actors/" + a.id + "/timeline" + (p.get("by") ? "?by=" + encodeURIComponent(p.get("by")) : "")),
  ]);
  const facts = el("table", { id: "actor-facts" });
  const row = (k, v) => facts.append(el("tr", {}, el("th", { text: k }), el("td", { text: v })));
  row("kind", a.kind + (a.country ? ", " + a.country : ""));
  row("quotations", String(a.quotes));
  row("articles", String(a.articles));
  row("seen", a.first_seen ? a.first_seen + " \u2013 " + a.last_seen : "in no dated article");
  if (a.aliases.length) row("called", a.aliases.join(", "));
  const titles = el("ul", { id: "titles" }, ...a.titles.map((t) =>
    el("li", {}, t.title, el("span", { class: "muted", text: " " + (t.first_seen || "") +
      (t.last_seen && t.last_seen !== t.first_seen ? " \u2013 " + t.last_seen : "") + " (" + t.articles + " article(s))" }))));
  const canvas = el("canvas", { id: "timeline" });
  show(
    el("h1", { text: a.name }), facts,
    el("h2", { text: "Titles" }), a.titles.length ? titles : el("p", { class: "muted", text: "none seen" }),
    el("h2", { text: "Timeline" }), tl.points.length ? byLinks(p, "#/actor/" + a.id, new URLSearchParams()) : null,
    tl.points.length ? el("div", { class: "chart-box" }, canvas) : undated(),
    el("h2", { text: "Mentioned together" }), el("div", { id: "co-pick-box", class: "co-pick" }),
    el("h2", { text: "Quotations" }),
    el("ul", { class: "quotes", id: "actor-quotes" }, ...quotes.items.map((x) => quoteItem(x, true))),
    pager("#/actor/" + a.id, p, quotes));
  barChart(canvas, tl.points.map((x) => x.period), [
    { label: "quotations by " + a.name, data: tl.points.map((x) => x.quotes), backgroundColor: "#e0b400" },
    { label: "articles mentioning", data: tl.points.map((x) => x.mentions), backgroundColor: "#1d4f91" },
  ], [224, 180, 0]);
  await coActorPicker(a, document.getElementById("co-pick-box"));
}

// A Chart.js bar chart over `labels` (one per date bucket) on `canvas`, replacing the
// previous one; nothing is drawn when there is no bucket. `rgb` is the first series' colour;
// `onBar(i)`, when given, is called with the bucket index of a clicked bar.
function barChart(canvas, labels, datasets, rgb, onBar) {
  if (chart) chart.destroy();
  chart = null;
  canvas.setAttribute("data-points", String(labels.length));
  if (labels.length === 0) return;
  chart = new Chart(canvas, {
    type: "bar",
    data: { labels, datasets },
    options: {
      animation: false, maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      onClick: onBar ? (_ev, els) => { if (els.length) onBar(els[0].index); } : undefined,
      onHover: onBar ? (ev, els) => { ev.native.target.style.cursor = els.length ? "pointer" : "default"; } : undefined,
    },
  });
  reportPainted(canvas, rgb);
}

// Timelines count dated articles only.
function undated() {
  return el("p", { class: "muted undated", text: "No dated article here: the timeline counts articles with a date " +
    "(from the page, the feed or JSON Lines, or newsgraph ingest --date YYYY-MM-DD)." });
}

// For tests and the curious: how many pixels the chart painted (data-painted), and how
// many of them have the colour of the first data series (data-bar-pixels), i.e. were drawn
// for data points rather than axes and labels.
function reportPainted(canvas, rgb) {
  setTimeout(() => {
    try {
      const px = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      let bars = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3] === 0) continue;
        n++;
        if (px[i] === rgb[0] && px[i + 1] === rgb[1] && px[i + 2] === rgb[2]) bars++;
      }
      canvas.setAttribute("data-painted", String(n));
      canvas.setAttribute("data-bar-pixels", String(bars));
    } catch (e) {
      canvas.setAttribute("data-painted", "error");
    }
  }, 200);
}

// "Mentioned together with": the actors sharing most articles with `a`, each a link to the
// co-mention timeline of the two, and a picker over the same list.
async function coActorPicker(a, box, current) {
  const co = await api("/api/actors/" + a.id + "/co-actors?limit=100");
  if (co.items.length === 0) {
    box.replaceChildren(el("p", { class: "muted", text: "No other actor is mentioned in the same articles." }));
    return;
  }
  const pick = el("select", { id: "co-pick", "aria-label": "actor mentioned together with " + a.name });
  pick.append(el("option", { value: "", text: "choose an actor…" }));
  for (const c of co.items) {
    const o = el("option", { value: String(c.id), text: c.name + " (" + c.articles + ")" });
    if (String(c.id) === String(current)) o.selected = true;
    pick.append(o);
  }
  pick.addEventListener("change", () => {
    if (pick.value) location.hash = "#/actor/" + a.id + "/with/" + pick.value;
  });
  const links = el("ul", { class: "co-actors", id: "co-actors" }, ...co.items.slice(0, 12).map((c) =>
    el("li", {}, el("a", { class: "co-link", href: "#/actor/" + a.id + "/with/" + c.id, text: c.name }),
      el("span", { class: "muted", text: " " + c.articles + " article(s)" }))));
  box.replaceChildren(el("label", { for: "co-pick", text: "Mentioned together with " }), pick);
  if (current === undefined) box.append(links);
}

// "Group by: auto day week month" links to `base` with the query `q` and each `by`, the
// current one (`p`'s, auto when none) in bold.
function byLinks(p, base, q) {
  const links = el("p", { class: "by-links" }, "Group by: ");
  for (const by of ["auto", "day", "week", "month"]) {
    const n = new URLSearchParams(q);
    if (by === "auto") n.delete("by"); else n.set("by", by);
    const current = (p.get("by") || "auto") === by;
    links.append(current ? el("strong", { text: by }) :
      el("a", { href: base + (n.toString() ? "?" + n.toString() : ""), text: by }), " ");
  }
  return links;
}

// Two actors: how many articles mention both, per day, week or month.
async function showPair(id, other, hash) {
  const p = params(hash);
  const q = new URLSearchParams();
  for (const k of ["by", "since", "until"]) if (p.get(k)) q.set(k, p.get(k));
  const base = "#/actor/" + encodeURIComponent(id) + "/with/" + encodeURIComponent(other);
  const pairApi = "/api/actors/" + encodeURIComponent(id) + "/co-mentions/" + encodeURIComponent(other);
  const aq = new URLSearchParams({ limit: "20", offset: p.get("offset") || "0" });
  for (const k of ["since", "until"]) if (p.get(k)) aq.set(k, p.get(k));
  const [a, tl, arts] = await Promise.all([
    api("/api/actors/" + encodeURIComponent(id)),
    api(pairApi + "?" + q.toString()),
    api(pairApi + "/articles?" + aq.toString()),
  ]);
  const range = p.get("since") || p.get("until")
    ? " from " + (p.get("since") || "the start") + " to " + (p.get("until") || "the end") : "";
  const list = el("ul", { class: "quotes", id: "co-articles" }, ...arts.items.map((x) =>
    el("li", {}, el("a", { class: "article-link", href: "#/article/" + x.id,
      text: x.title || x.url || x.source.split("/").pop() || "Article " + x.id }),
    el("div", { class: "meta", text: [x.date || "undated", x.quotes + " quotation(s)", x.url || x.source].join(" \u00b7 ") }))));
  const canvas = el("canvas", { id: "co-timeline" });
  const summary = tl.articles + " dated article(s) mention both" +
    (tl.points.length ? ", " + tl.points[0].period + " – " + tl.points[tl.points.length - 1].period + ", by " + tl.by : "");
  show(
    el("h1", {}, el("a", { href: "#/actor/" + tl.actor, text: tl.actor_name }), " and ",
      el("a", { href: "#/actor/" + tl.other, text: tl.other_name })),
    el("p", { class: "meta", id: "co-summary", text: summary }),
    el("div", { id: "co-pick-box", class: "co-pick" }),
    el("h2", { text: "Mentioned together over time" }), byLinks(p, base, q),
    tl.points.length ? el("div", { class: "chart-box" }, canvas) : undated(),
    tl.points.length ? el("p", { class: "muted", text: "Click a bar for its articles." }) : null,
    el("h2", { text: "Articles mentioning both" + range }),
    range ? el("p", {}, el("a", { href: base, text: "all dates" })) : null,
    arts.items.length ? list : el("p", { class: "muted", text: "None." }),
    pager(base, p, arts));
  barChart(canvas, tl.points.map((x) => x.period), [
    { label: "articles mentioning " + tl.actor_name + " and " + tl.other_name,
      data: tl.points.map((x) => x.articles), backgroundColor: "#c0392b" },
  ], [192, 57, 43], (i) => {
    const pt = tl.points[i];
    location.hash = base + "?" + new URLSearchParams({ since: pt.start, until: pt.end }).toString();
  });
  canvas.setAttribute("data-nonzero", String(tl.points.filter((x) => x.articles > 0).length));
  await coActorPicker(a, document.getElementById("co-pick-box"), tl.other);
}

async function route() {
  const hash = location.hash || "#/";
  try {
    let m;
    if ((m = hash.match(/^#\/article\/(\d+)/))) await showArticle(m[1], hash);
    else if ((m = hash.match(/^#\/actor\/(\d+)\/with\/(\d+)/))) await showPair(m[1], m[2], hash);
    else if ((m = hash.match(/^#\/actor\/(\d+)/))) await showActor(m[1], hash);
    else await showSearch(hash);
    document.body.setAttribute("data-ready", hash);
  } catch (e) {
    showError(e);
    document.body.setAttribute("data-ready", "error");
  }
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = new URLSearchParams();
  for (const k of ["about", "speaker", "since", "until"]) {
    const v = document.getElementById("q-" + k).value.trim();
    if (v) q.set(k, v);
  }
  location.hash = "#/search?" + q.toString();
});
window.addEventListener("hashchange", route);
api("/api/stats").then((s) => {
  document.getElementById("stats").textContent = s.articles + " articles \u00b7 " + s.quotes + " quotations \u00b7 " + s.actors + " actors";
}).catch(() => {});
route();
