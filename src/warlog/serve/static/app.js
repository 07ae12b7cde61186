// The dashboard: filters -> map + list + tallies; the timeline brushes the date range.
// Filters live in the URL hash so a view can be bookmarked or sent to a colleague.
"use strict";

(function () {
  const FILTERS = ["since", "until", "event_type", "country", "admin1", "actor", "q"];
  const MAP_PAGES = 2;  // events drawn on the map: up to MAP_PAGES x 1000, newest first
  const form = document.getElementById("filters");
  const listBody = document.querySelector("#events tbody");
  const more = document.getElementById("more");
  const detail = document.getElementById("tab-detail");
  let state = {};
  let nextCursor = null;
  let loadedBounds = L.latLngBounds([]);  // of the events on the map (cluster bounds lag behind chunked loading)
  let generation = 0;  // drops answers to requests that a newer filter change superseded

  // --- map -----------------------------------------------------------------------------------
  const map = L.map("map", { minZoom: 2, maxZoom: 13, worldCopyJump: true, zoomSnap: 0.5 }).setView([30, 30], 3);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries: Natural Earth, GeoNames");
  const countries = L.geoJSON(null, { style: { color: "#9aa5b1", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
    interactive: false }).addTo(map);
  const admin1 = L.geoJSON(null, { style: { color: "#c3c9d0", weight: 0.6, fill: false, dashArray: "2 3" },
    interactive: false }).addTo(map);
  const clusters = L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 40, spiderfyOnMaxZoom: true,
    showCoverageOnHover: false });
  map.addLayer(clusters);
  fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json()).then((topo) => {
    countries.addData(topojson.feature(topo, topo.objects.countries));
    countries.bringToBack();
  }).catch((err) => console.warn("basemap:", err));

  function marker(e) {
    const deaths = e.fatalities_best || 0;
    const m = L.circleMarker([e.latitude, e.longitude], {
      radius: Math.min(18, 4 + Math.sqrt(deaths) * 2), color: "#333", weight: 0.6,
      fillColor: W.colour(e.event_type), fillOpacity: 0.8,
    });
    m.bindTooltip(W.el("div", {}, W.el("strong", {}, e.event_date || "undated"), " ", e.sub_event_type,
      W.el("br"), W.where(e), W.el("br"), "deaths: ", W.toll(e)));
    m.on("click", () => openEvent(e.event_id));
    return m;
  }

  // --- legend --------------------------------------------------------------------------------
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    const box = W.el("div", { class: "legend" });
    for (const [type, colour] of Object.entries(W.TYPE_COLOURS)) {
      const sw = W.el("span", { class: "swatch" });
      sw.style.background = colour;
      box.appendChild(W.el("div", {}, sw, type));
    }
    box.appendChild(W.el("div", { class: "muted" }, "size: deaths"));
    return box;
  };
  legend.addTo(map);

  // --- filters and the URL hash -------------------------------------------------------------
  function readHash() {
    const params = new URLSearchParams(window.location.hash.slice(1));
    const s = {};
    for (const f of FILTERS) if (params.get(f)) s[f] = params.get(f);
    return { filters: s, event: params.get("event") };
  }

  function writeHash(eventId) {
    const params = new URLSearchParams();
    for (const f of FILTERS) if (state[f]) params.set(f, state[f]);
    if (eventId) params.set("event", eventId);
    history.replaceState(null, "", "#" + params.toString());
  }

  function fillForm() {
    for (const f of FILTERS) if (form.elements[f]) form.elements[f].value = state[f] || "";
  }

  function readForm() {
    const s = {};
    for (const f of FILTERS) { const v = form.elements[f].value.trim(); if (v) s[f] = v; }
    return s;
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); state = readForm(); refresh(); });
  form.addEventListener("reset", () => setTimeout(() => { state = {}; fillAdmin1(); refresh(); }, 0));
  form.elements.country.addEventListener("change", () => { fillAdmin1(); form.elements.admin1.value = ""; });
  for (const name of ["event_type", "admin1"]) {
    form.elements[name].addEventListener("change", () => { state = readForm(); refresh(); });
  }

  let places = [];
  function option(value, label) { return W.el("option", { value }, label || value); }
  function fillAdmin1() {
    const select = W.clear(form.elements.admin1);
    select.appendChild(option("", "all"));
    const country = form.elements.country.value;
    for (const p of places) if (p.admin1 && (!country || p.country === country)) select.appendChild(option(p.admin1));
    if (state.admin1) select.value = state.admin1;
  }

  // --- tabs ----------------------------------------------------------------------------------
  function showTab(name) {
    for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.tab === name);
    for (const t of document.querySelectorAll(".tab")) t.classList.toggle("active", t.id === "tab-" + name);
  }
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));

  function openEvent(eventId) {
    showTab("detail");
    writeHash(eventId);
    W.showEvent(detail, eventId).then((e) => {
      if (e && e.latitude !== null && e.longitude !== null) map.setView([e.latitude, e.longitude], Math.max(map.getZoom(), 7));
    });
  }

  // --- loading -------------------------------------------------------------------------------
  function rowFor(e) {
    const sw = W.el("span", { class: "swatch" });
    sw.style.background = W.colour(e.event_type);
    const tr = W.el("tr", { tabindex: 0, "data-event": e.event_id },
      W.el("td", {}, e.event_date || "—"), W.el("td", {}, sw, e.sub_event_type),
      W.el("td", {}, W.where(e)), W.el("td", { class: "num" }, W.toll(e)));
    tr.addEventListener("click", () => openEvent(e.event_id));
    tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter") openEvent(e.event_id); });
    return tr;
  }

  async function loadList(cursor, mine) {
    const page = await W.api("/api/events", Object.assign({ limit: 1000, cursor }, state));
    if (mine !== generation) return null;
    nextCursor = page.next_cursor;
    more.hidden = !nextCursor;
    const rows = document.createDocumentFragment();
    for (const e of page.events) rows.appendChild(rowFor(e));
    listBody.appendChild(rows);
    const placed = page.events.filter((e) => e.latitude !== null && e.longitude !== null);
    for (const e of placed) loadedBounds.extend([e.latitude, e.longitude]);
    clusters.addLayers(placed.map(marker));
    return page;
  }

  async function refresh(keepTimeline) {
    const mine = ++generation;
    writeHash();
    fillForm();
    W.clear(listBody);
    clusters.clearLayers();
    loadedBounds = L.latLngBounds([]);
    const status = document.getElementById("list-count");
    status.textContent = "Loading…";
    const undated = Object.assign({}, state);
    delete undated.since; delete undated.until;
    try {
      const [byType, page] = await Promise.all([
        W.api("/api/tallies", Object.assign({ by: "event_type" }, state)),
        loadList(null, mine),
        keepTimeline ? null : W.api("/api/tallies", Object.assign({ by: "day" }, undated))
          .then((t) => mine === generation && timeline.setData(t.tallies, [state.since, state.until])),
      ]);
      if (mine !== generation || !page) return;
      const total = byType.tallies.reduce((n, t) => n + t.events, 0);
      status.textContent = `${total.toLocaleString()} events match; newest ${listBody.rows.length.toLocaleString()} listed`;
      for (let i = 1; i < MAP_PAGES && nextCursor && mine === generation; i++) await loadList(nextCursor, mine);
      renderTallies(byType.tallies, mine);
      if (loadedBounds.isValid() && !keepTimeline) map.fitBounds(loadedBounds, { maxZoom: 9, padding: [20, 20] });
    } catch (err) {
      if (mine === generation) status.textContent = "Error: " + err.message;
    }
  }

  async function renderTallies(byType, mine) {
    const box = document.getElementById("tab-tallies");
    const byAdmin = await W.api("/api/tallies", Object.assign({ by: "admin1" }, state));
    if (mine !== generation) return;
    W.clear(box);
    box.appendChild(tallyTable("By event type", byType, true));
    const top = byAdmin.tallies.sort((a, b) => b.events - a.events).slice(0, 20);
    box.appendChild(tallyTable("Top admin-1 areas", top, false));
  }

  function tallyTable(title, rows, coloured) {
    const max = Math.max(1, ...rows.map((r) => r.events));
    return W.el("section", { class: "tally" }, W.el("h3", {}, title), W.el("table", {},
      W.el("thead", {}, W.el("tr", {}, W.el("th", {}, ""), W.el("th", {}, "Events"), W.el("th", {}, "Deaths"), W.el("th", {}, ""))),
      W.el("tbody", {}, rows.map((r) => {
        const bar = W.el("span", { class: "bar" });
        bar.style.width = Math.round(r.events / max * 100) + "%";
        if (coloured) bar.style.background = W.colour(r.key);
        return W.el("tr", {}, W.el("td", {}, r.key), W.el("td", { class: "num" }, r.events.toLocaleString()),
          W.el("td", { class: "num" }, r.fatalities.toLocaleString()), W.el("td", { class: "barcell" }, bar));
      }))));
  }

  more.addEventListener("click", () => { if (nextCursor) loadList(nextCursor, generation); });

  const timeline = new W.Timeline(document.getElementById("timeline"), (from, to) => {
    if (from) state.since = from; else delete state.since;
    if (to) state.until = to; else delete state.until;
    refresh(true);
  });

  // --- start ---------------------------------------------------------------------------------
  async function start() {
    const initial = readHash();
    state = initial.filters;
    try {
      const stats = await W.api("/api/stats");
      const c = stats.counts;
      document.getElementById("stats").textContent =
        `${c.events.toLocaleString()} events · ${c.reports.toLocaleString()} reports · ${c.articles.toLocaleString()} articles`
        + (stats.first_event_date ? ` · ${stats.first_event_date} to ${stats.last_event_date}` : "")
        + (stats.read_only ? " · read-only" : "");
      const types = [...new Set(stats.types.map((t) => t.event_type))];
      for (const t of types) form.elements.event_type.appendChild(option(t));
      places = stats.places;
      const countryNames = [...new Set(places.map((p) => p.country))];
      for (const name of countryNames) form.elements.country.appendChild(option(name));
      fillAdmin1();
      if (countryNames.length) {
        W.api("/api/basemap/admin1", { country: countryNames.slice(0, 30) })
          .then((g) => admin1.addData(g)).catch((err) => console.warn("admin1:", err));
      }
    } catch (err) {
      document.getElementById("stats").textContent = "Error: " + err.message;
    }
    await refresh();
    if (initial.event) openEvent(initial.event);
  }
  start();
})();
