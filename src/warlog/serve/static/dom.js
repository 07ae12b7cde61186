// DOM helpers. Every piece of data becomes a text node: report text comes from sites we do not
// control, so nothing here ever parses a string as HTML.
"use strict";

const W = {};

// el("td", {class: "x"}, "text", childNode, ...): attributes by setAttribute, children as text nodes.
W.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) throw new Error("event handlers go through addEventListener");
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

// Only http(s) links leave the page; anything else (javascript:, data:) is shown as text.
W.safeUrl = function (url) {
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (e) {
    return null;
  }
};

W.clear = function (node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
};

W.api = async function (path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (Array.isArray(value)) value.forEach((v) => query.append(key, v));
    else if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const qs = query.toString();
  const response = await fetch(path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
  }
  return response.json();
};

W.TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
W.colour = (type) => W.TYPE_COLOURS[type] || "#7f7f7f";

W.toll = function (e) {
  const low = e.fatalities_low, high = e.fatalities_high, best = e.fatalities_best;
  if (low === null && high === null && best === null) return "unknown";
  if (low !== null && high !== null && low !== high) return `${low}–${high}` + (best !== null ? ` (best ${best})` : "");
  return String(best !== null ? best : low !== null ? low : high);
};

W.where = (e) => [e.location, e.admin1, e.country].filter((x) => x).join(", ") || "place unknown";
