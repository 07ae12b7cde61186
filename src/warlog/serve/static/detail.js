// The event panel: every source, the toll range and its history, and the evidence sentences
// highlighted in each source text (offsets from the API, text nodes only).
"use strict";

W.showEvent = async function (panel, eventId) {
  W.clear(panel).appendChild(W.el("p", { class: "muted" }, "Loading ", eventId, "…"));
  let event;
  try {
    event = await W.api("/api/events/" + eventId.split("/").map(encodeURIComponent).join("/"));
  } catch (err) {
    W.clear(panel).appendChild(W.el("p", { class: "error" }, "Could not load ", eventId, ": ", err.message));
    return null;
  }
  W.clear(panel);
  const swatch = W.el("span", { class: "swatch" });
  swatch.style.background = W.colour(event.event_type);
  panel.appendChild(W.el("h2", { class: "event-title" }, swatch, event.event_type, " — ", event.sub_event_type));
  const facts = [
    ["Event", event.event_id],
    ["Date", event.event_date + (event.date_earliest && event.date_earliest !== event.date_latest
      ? ` (between ${event.date_earliest} and ${event.date_latest})` : "")],
    ["Where", W.where(event) + (event.latitude !== null ? ` (${event.latitude}, ${event.longitude})` : "")],
    ["Actor 1", event.actor1 || "not named"],
    ["Actor 2", event.actor2 || "—"],
    ["Deaths", W.toll(event)],
    ["Weapons", (event.weapons || []).join(", ") || "—"],
    ["Sources", `${event.sources.length} (${event.n_independent_sources} independent)`],
  ];
  panel.appendChild(W.el("dl", { class: "facts" }, facts.map(([k, v]) => [W.el("dt", {}, k), W.el("dd", {}, v)])));

  const attribution = Object.entries(event.attribution || {});
  if (attribution.length > 1) {
    panel.appendChild(W.el("h3", {}, "Who did it, by source"));
    panel.appendChild(W.el("ul", {}, attribution.map(([actor, ids]) => W.el("li", {}, actor, ": ", ids.join(", ")))));
  }

  panel.appendChild(W.el("h3", {}, "Toll history"));
  if (event.history.length) {
    panel.appendChild(W.el("table", { class: "history" },
      W.el("thead", {}, W.el("tr", {}, ["Published", "Outlet", "Deaths", "Actor 1"].map((h) => W.el("th", {}, h)))),
      W.el("tbody", {}, event.history.map((h) => W.el("tr", {},
        W.el("td", {}, h.published || "?"), W.el("td", {}, h.outlet || h.article_id),
        W.el("td", {}, h.fatalities === null ? "—" : (h.fatalities_high && h.fatalities_high !== h.fatalities
          ? `${h.fatalities}–${h.fatalities_high}` : String(h.fatalities))),
        W.el("td", {}, (h.actor1 || "—") + (h.actor1_hedge ? ` (${h.actor1_hedge})` : "")))))));
  } else {
    panel.appendChild(W.el("p", { class: "muted" }, "No toll recorded."));
  }

  panel.appendChild(W.el("h3", {}, "Sources"));
  for (const source of event.sources) {
    const reports = event.reports.filter((r) => r.article_id === source.article_id);
    panel.appendChild(W.sourceBlock(source, reports));
  }
  return event;
};

W.sourceBlock = function (source, reports) {
  const href = source.url ? W.safeUrl(source.url) : null;
  const title = source.title || source.article_id;
  const box = W.el("section", { class: "source", "data-article": source.article_id },
    W.el("h4", {}, href ? W.el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, title) : title),
    W.el("p", { class: "muted" }, [source.outlet || "unknown outlet", source.published || "no date"].join(" · ")));
  for (const r of reports) {
    box.appendChild(W.el("p", { class: "report-line" },
      `${r.report_id}: ${r.event_type} / ${r.sub_event_type}; deaths ${r.fatalities === null ? "—" : r.fatalities}`
      + (r.actor1 ? `; actor1 ${r.actor1}` : "") + (r.actor1_hedge ? ` (${r.actor1_hedge})` : "")
      + (r.source ? `; citing ${r.source}` : "")));
  }
  const textBox = W.el("div", { class: "source-text" }, W.el("p", { class: "muted" }, "Loading source text…"));
  box.appendChild(textBox);
  const spans = reports.flatMap((r) => r.evidence.map((s) => Object.assign({ report: r.report_id }, s)));
  W.api("/api/articles/" + source.article_id.split("/").map(encodeURIComponent).join("/"))
    .then((article) => W.clear(textBox).appendChild(W.highlight(article.text, spans)))
    .catch((err) => W.clear(textBox).appendChild(W.el("p", { class: "error" }, "Source text unavailable: ", err.message)));
  return box;
};

// The article text with each evidence span in a <mark>; overlapping spans merge, labels list every field.
W.highlight = function (text, spans) {
  const cuts = spans
    .filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged = [];
  for (const s of cuts) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (!last.fields.includes(s.field)) last.fields.push(s.field);
    } else {
      merged.push({ start: s.start, end: s.end, fields: [s.field] });
    }
  }
  const out = W.el("div", { class: "article-text" });
  let at = 0;
  for (const m of merged) {
    if (m.start > at) out.appendChild(document.createTextNode(text.slice(at, m.start)));
    out.appendChild(W.el("mark", { title: "evidence: " + m.fields.join(", ") }, text.slice(m.start, m.end)));
    at = m.end;
  }
  if (at < text.length) out.appendChild(document.createTextNode(text.slice(at)));
  return out;
};
