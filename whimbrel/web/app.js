// The whimbrel dashboard: filters, timeline, map, event table, event and article views.
// Every piece of stored text reaches the page through text nodes (never as HTML), so an
// article quoting markup shows the markup instead of running it.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const FILTER_NAMES = ["date_from", "date_to", "plover", "country", "modality", "actor", "q", "bbox"];
const PAGE_SIZE = 50;
const PALETTE = ["#c0392b", "#2471a3", "#d68910", "#7d3c98", "#138d75", "#a04000", "#2e4053", "#b03a2e",
  "#1f618d", "#9a7d0a", "#6c3483", "#117864", "#873600", "#5d6d7e", "#cb4335", "#2874a6"];

const state = { filters: {}, page: 1, sort: "-date", colors: new Map(), world: null, total: 0 };

// ---------------------------------------------------------------------------------------------
// DOM helpers: elements built from parts; strings always become text nodes.

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** Only http(s) links are followed: a stored "javascript:" URL must not become a link. */
function safeUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function setStatus(message, isError = false) {
  const status = document.getElementById("status");
  status.textContent = message;
  status.classList.toggle("error", isError);
}

// ---------------------------------------------------------------------------------------------
// API

async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) query.append(key, value);
  }
  const response = await fetch(query.toString() ? `${path}?${query}` : path);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = Array.isArray(body.detail) ? body.detail.map((d) => d.msg).join("; ") : body.detail;
    throw new Error(detail || `${response.status} ${response.statusText}`);
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// Filters: the form, the URL (so a view can be bookmarked or shared) and the state agree.

function readForm() {
  const form = document.getElementById("filters");
  const filters = {};
  for (const name of FILTER_NAMES) {
    const value = form.elements[name].value.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

function writeForm(filters) {
  const form = document.getElementById("filters");
  for (const name of FILTER_NAMES) {
    const field = form.elements[name];
    const value = filters[name] || "";
    if (field.tagName === "SELECT" && value && ![...field.options].some((o) => o.value === value)) {
      field.appendChild(el("option", { value }, value));
    }
    field.value = value;
  }
}

function filtersFromUrl() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const name of FILTER_NAMES) if (params.get(name)) filters[name] = params.get(name);
  state.page = Math.max(1, Number(params.get("page")) || 1);
  state.sort = params.get("sort") || "-date";
  return filters;
}

function syncUrl() {
  const params = new URLSearchParams(state.filters);
  if (state.page > 1) params.set("page", state.page);
  if (state.sort !== "-date") params.set("sort", state.sort);
  const search = params.toString();
  history.replaceState(null, "", `${window.location.pathname}${search ? "?" + search : ""}${window.location.hash}`);
}

function applyFilters(filters) {
  state.filters = filters;
  state.page = 1;
  writeForm(filters);
  refresh();
}

// ---------------------------------------------------------------------------------------------
// Loading

async function loadFacets() {
  const stats = await api("/api/stats");
  const form = document.getElementById("filters");
  const plover = form.elements.plover;
  stats.by_plover.forEach((row, i) => {
    if (!row.key) return;
    state.colors.set(row.key, PALETTE[i % PALETTE.length]);
    plover.appendChild(el("option", { value: row.key }, `${row.key} (${row.count})`));
  });
  const country = form.elements.country;
  for (const row of stats.by_country) {
    if (row.key) country.appendChild(el("option", { value: row.key }, `${row.key} (${row.count})`));
  }
}

async function loadWorld() {
  try {
    state.world = await api("world.geojson");
  } catch {
    state.world = { features: [] };
  }
}

async function refresh() {
  syncUrl();
  const params = { ...state.filters };
  setStatus("Loading…");
  try {
    const [stats, page] = await Promise.all([
      api("/api/stats", params),
      api("/api/events", { ...params, sort: state.sort, page: state.page, page_size: PAGE_SIZE }),
    ]);
    state.total = page.total;
    drawTimeline(stats.by_day);
    drawMap(stats.by_place, page.items);
    drawTable(page);
    setStatus(`${page.total.toLocaleString()} events` + (Object.keys(state.filters).length ? " match the filters" : ""));
  } catch (err) {
    setStatus(`Could not load events: ${err.message}`, true);
  }
}

// ---------------------------------------------------------------------------------------------
// Timeline: events per day (per week or month when the range is long), hand-drawn SVG bars.

const DAY_MS = 86400000;

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function binOf(dayMs, unit) {
  const d = new Date(dayMs);
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (unit === "week") return dayMs - ((d.getUTCDay() + 6) % 7) * DAY_MS; // weeks start on Monday
  return dayMs;
}

function binEnd(startMs, unit) {
  if (unit === "month") {
    const d = new Date(startMs);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - DAY_MS;
  }
  return unit === "week" ? startMs + 6 * DAY_MS : startMs;
}

function bins(byDay) {
  const days = byDay.map((r) => ({ ms: Date.parse(r.date), count: r.count }));
  const span = (days[days.length - 1].ms - days[0].ms) / DAY_MS;
  const unit = span > 1000 ? "month" : span > 150 ? "week" : "day";
  const counts = new Map();
  for (const { ms, count } of days) {
    const key = binOf(ms, unit);
    counts.set(key, (counts.get(key) || 0) + count);
  }
  const out = [];
  for (let ms = binOf(days[0].ms, unit); ms <= days[days.length - 1].ms; ms = binEnd(ms, unit) + DAY_MS) {
    out.push({ start: ms, end: binEnd(ms, unit), count: counts.get(ms) || 0 });
  }
  return { unit, bins: out };
}

function drawTimeline(byDay) {
  const chart = document.getElementById("timeline");
  clear(chart);
  const width = Math.max(chart.clientWidth, 280);
  const height = 150;
  const pad = { left: 34, right: 8, top: 10, bottom: 22 };
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!byDay.length) {
    chart.appendChild(svg("text", { x: width / 2, y: height / 2, class: "empty", "text-anchor": "middle" }, "No dated events"));
    return;
  }
  const { unit, bins: data } = bins(byDay);
  const max = Math.max(...data.map((b) => b.count));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const step = plotW / data.length;
  chart.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: pad.top + plotH, y2: pad.top + plotH, class: "axis" }));
  chart.appendChild(svg("text", { x: pad.left - 4, y: pad.top + 8, "text-anchor": "end", class: "tick" }, max));
  chart.appendChild(svg("text", { x: pad.left - 4, y: pad.top + plotH, "text-anchor": "end", class: "tick" }, 0));
  data.forEach((bin, i) => {
    const h = bin.count ? Math.max(1, (bin.count / max) * plotH) : 0;
    const label = unit === "day" ? isoDay(bin.start) : `${isoDay(bin.start)} – ${isoDay(bin.end)}`;
    const bar = svg("rect", {
      x: pad.left + i * step + step * 0.1,
      y: pad.top + plotH - h,
      width: Math.max(step * 0.8, 0.5),
      height: h,
      class: "bar",
      tabindex: bin.count ? 0 : null,
      onclick: () => applyFilters({ ...state.filters, date_from: isoDay(bin.start), date_to: isoDay(bin.end) }),
    }, svg("title", {}, `${label}: ${bin.count} event${bin.count === 1 ? "" : "s"}`));
    chart.appendChild(bar);
  });
  const ticks = Math.min(data.length, Math.max(2, Math.floor(plotW / 110)));
  for (let t = 0; t < ticks; t++) {
    const i = ticks === 1 ? 0 : Math.round((t * (data.length - 1)) / (ticks - 1));
    const x = pad.left + i * step + step / 2;
    const anchor = t === 0 ? "start" : t === ticks - 1 ? "end" : "middle";
    const text = unit === "month" ? isoDay(data[i].start).slice(0, 7) : isoDay(data[i].start);
    chart.appendChild(svg("text", { x, y: height - 6, "text-anchor": anchor, class: "tick" }, text));
  }
}

// ---------------------------------------------------------------------------------------------
// Map: equirectangular projection, x = lon + 180, y = 90 - lat (viewBox units are degrees).

function project(lon, lat) {
  return [lon + 180, 90 - lat];
}

function ringPath(ring) {
  return ring.map(([lon, lat], i) => {
    const [x, y] = project(lon, lat);
    return `${i ? "L" : "M"}${x.toFixed(2)},${y.toFixed(2)}`;
  }).join("") + "Z";
}

function countryPaths() {
  return (state.world.features || []).map((feature) => {
    const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const d = polygons.map((polygon) => polygon.map(ringPath).join("")).join("");
    return svg("path", { d, class: "land" }, svg("title", {}, feature.properties.name || feature.properties.iso3));
  });
}

/** The part of the world to show: the area filter, else the events (with a margin), else everything. */
function mapExtent(points) {
  if (state.filters.bbox) {
    const [minLon, minLat, maxLon, maxLat] = state.filters.bbox.split(",").map(Number);
    if (minLon <= maxLon) return { minLon, minLat, maxLon, maxLat };
  }
  if (!points.length) return { minLon: -180, minLat: -60, maxLon: 180, maxLat: 85 };
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  const margin = 6;
  return {
    minLon: Math.max(-180, Math.min(...lons) - margin),
    maxLon: Math.min(180, Math.max(...lons) + margin),
    minLat: Math.max(-90, Math.min(...lats) - margin),
    maxLat: Math.min(90, Math.max(...lats) + margin),
  };
}

function drawMap(places, events) {
  const map = document.getElementById("map");
  clear(map);
  const located = events.filter((e) => e.lat !== null && e.lon !== null);
  const ext = mapExtent(places.length ? places : located);
  // Keep the shown area at least 30 x 15 degrees so one event does not fill the map.
  const w = Math.max(ext.maxLon - ext.minLon, 30);
  const h = Math.max(ext.maxLat - ext.minLat, 15);
  const [cx, cy] = project((ext.minLon + ext.maxLon) / 2, (ext.minLat + ext.maxLat) / 2);
  map.setAttribute("viewBox", `${cx - w / 2} ${cy - h / 2} ${w} ${h}`);
  map.setAttribute("preserveAspectRatio", "xMidYMid meet");
  // Dot radii are in degrees: scale them so they look the same size at any zoom.
  const unit = Math.max(w / Math.max(map.clientWidth, 1), h / Math.max(map.clientHeight, 1));
  map.appendChild(svg("rect", { x: 0, y: 0, width: 360, height: 180, class: "sea" }));
  map.appendChild(svg("g", {}, countryPaths()));
  const background = svg("g", { class: "places" });
  for (const p of places) {
    const [x, y] = project(p.lon, p.lat);
    background.appendChild(svg("circle", { cx: x, cy: y, r: unit * (1.5 + Math.sqrt(p.events)), class: "place" },
      svg("title", {}, `${p.place || "?"} (${p.country || "?"}): ${p.events} events, ${p.sources} source reports`)));
  }
  map.appendChild(background);
  const dots = svg("g", { class: "dots" });
  for (const e of located) {
    const [x, y] = project(e.lon, e.lat);
    dots.appendChild(svg("circle", {
      cx: x, cy: y, r: unit * (2.5 + 2 * Math.sqrt(e.n_sources || 1)),
      class: "dot", fill: state.colors.get(e.plover) || "#444", tabindex: 0, "data-event": e.event_id,
      onclick: () => openEvent(e.event_id),
      onkeydown: (ev) => { if (ev.key === "Enter") openEvent(e.event_id); },
    }, svg("title", {}, `${e.date || "undated"} ${e.plover} in ${e.event_place || "?"}: ${e.n_sources} source(s)`)));
  }
  map.appendChild(dots);
  enableAreaSelection(map);
}

/** Dragging a rectangle on the map filters by that area (the bbox parameter). */
function enableAreaSelection(map) {
  let start = null;
  let box = null;
  const toMap = (ev) => {
    const pt = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(map.getScreenCTM().inverse());
    return [pt.x, pt.y];
  };
  map.onpointerdown = (ev) => {
    if (ev.target.classList.contains("dot")) return;
    start = toMap(ev);
    box = svg("rect", { class: "selection", x: start[0], y: start[1], width: 0, height: 0 });
    map.appendChild(box);
    map.setPointerCapture(ev.pointerId);
  };
  map.onpointermove = (ev) => {
    if (!start) return;
    const [x, y] = toMap(ev);
    setAttrs(box, { x: Math.min(x, start[0]), y: Math.min(y, start[1]), width: Math.abs(x - start[0]), height: Math.abs(y - start[1]) });
  };
  map.onpointerup = (ev) => {
    if (!start) return;
    const [x, y] = toMap(ev);
    const [x0, y0] = start;
    start = null;
    box.remove();
    if (Math.abs(x - x0) < 0.5 || Math.abs(y - y0) < 0.5) return; // a click, not a drag
    const clampLon = (v) => Math.min(180, Math.max(-180, v - 180));
    const clampLat = (v) => Math.min(90, Math.max(-90, 90 - v));
    const bbox = [clampLon(Math.min(x, x0)), clampLat(Math.max(y, y0)), clampLon(Math.max(x, x0)), clampLat(Math.min(y, y0))];
    applyFilters({ ...state.filters, bbox: bbox.map((v) => v.toFixed(2)).join(",") });
  };
}

// ---------------------------------------------------------------------------------------------
// Event table

function actorLabel(actor) {
  return actor.name || actor.text || actor.code || "";
}

function dateLabel(e) {
  if (!e.date) return "undated";
  return e.date_end && e.date_end !== e.date ? `${e.date} – ${e.date_end}` : e.date;
}

function drawTable(page) {
  const body = document.querySelector("#events tbody");
  clear(body);
  if (!page.items.length) {
    body.appendChild(el("tr", {}, el("td", { colspan: 8, class: "empty" }, "No events match these filters.")));
  }
  for (const e of page.items) {
    const open = () => openEvent(e.event_id);
    body.appendChild(el("tr", {
      tabindex: 0, class: "row", "data-event": e.event_id, onclick: open,
      onkeydown: (ev) => { if (ev.key === "Enter") open(); },
    },
    el("td", { class: "nowrap" }, dateLabel(e)),
    el("td", {}, el("span", { class: "type" }, typeSwatch(e.plover), e.plover || "?"), el("small", {}, ` ${e.cameo || ""}`)),
    el("td", {}, actorLabel(e.source), e.source.code ? el("small", {}, ` ${e.source.code}`) : null),
    el("td", { class: "wide" }, actorLabel(e.target), e.target.code ? el("small", {}, ` ${e.target.code}`) : null),
    el("td", {}, e.event_place || "", e.event_country ? el("small", {}, ` ${e.event_country}`) : null),
    el("td", { class: "wide" }, el("span", { class: `modality m-${e.modality}` }, e.modality || "")),
    el("td", { class: "num" }, e.n_sources ?? "", e.disputed ? el("span", { class: "disputed", title: "reports disagree" }, " ⚑") : null),
    el("td", { class: "wide report" }, e.mention ? e.mention.sentence : "")));
  }
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  document.getElementById("page-info").textContent = `page ${page.page} of ${pages.toLocaleString()}`;
  document.getElementById("prev").disabled = page.page <= 1;
  document.getElementById("next").disabled = page.page >= pages;
}

function typeSwatch(plover) {
  const swatch = el("i", { class: "swatch" });
  swatch.style.backgroundColor = state.colors.get(plover) || "#888"; // CSSOM, allowed by the page's CSP
  return swatch;
}

// ---------------------------------------------------------------------------------------------
// Highlighting: a sentence split into text and <mark> parts. Overlapping spans: the trigger wins,
// then source, target and places, so every character is shown exactly once.

function highlighted(sentence, spans) {
  const accepted = [];
  for (const span of spans) {
    if (span.start === null || span.start === undefined || span.end <= span.start) continue;
    if (accepted.some((a) => span.start < a.end && a.start < span.end)) continue;
    accepted.push(span);
  }
  accepted.sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const span of accepted) {
    out.push(sentence.slice(at, span.start));
    const open = span.eventId ? () => openEvent(span.eventId) : null;
    out.push(el("mark", {
      class: open ? `${span.cls} link` : span.cls, title: span.title, tabindex: open ? 0 : null, onclick: open,
      onkeydown: open ? (ev) => { if (ev.key === "Enter") open(); } : null,
    }, sentence.slice(span.start, span.end)));
    at = span.end;
  }
  out.push(sentence.slice(at));
  return el("p", { class: "sentence" }, out);
}

function mentionSpans(m) {
  const spans = [{ ...m.trigger, cls: "trigger", title: `trigger (${m.pattern_id || "pattern"})` }];
  if (m.source) spans.push({ ...m.source, cls: "source", title: `source: ${m.source.code || m.source.name || ""}` });
  if (m.target) spans.push({ ...m.target, cls: "target", title: `target: ${m.target.code || m.target.name || ""}` });
  for (const p of m.places) spans.push({ ...p, cls: `place role-${p.role}`, title: `${p.role} place: ${p.name || p.text}` });
  return spans;
}

function field(label, ...value) {
  return el("div", { class: "field" }, el("dt", {}, label), el("dd", {}, ...value));
}

function actorValue(actor) {
  if (!actor) return "—";
  const resolved = [actor.code, actor.name, actor.country, actor.group, actor.agent].filter(Boolean);
  return [actor.text, resolved.length ? el("small", {}, ` (${[...new Set(resolved)].join(", ")})`) : null];
}

function mentionCard(m) {
  const url = safeUrl(m.article.url);
  const chain = m.attribution.chain.length ? m.attribution.chain : [m.attribution.outlet, m.attribution.speaker].filter(Boolean);
  return el("article", { class: "mention" },
    el("header", {},
      el("a", { href: `#article/${encodeURIComponent(m.article.article_id)}`, class: "article-link" }, m.article.title || m.article.article_id),
      el("small", {}, ` ${m.article.outlet || "unknown outlet"}, ${m.article.published || "undated"}`),
      url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: "external" }, " original ↗") : null),
    highlighted(m.sentence, mentionSpans(m)),
    el("dl", { class: "fields" },
      field("Source", actorValue(m.source)),
      field("Target", actorValue(m.target)),
      field("Places", m.places.length ? m.places.map((p) => el("span", { class: `chip role-${p.role}` },
        `${p.name || p.text} `, el("small", {}, `${p.role}${p.country ? ", " + p.country : ""}`))) : "—"),
      field("According to", chain.length ? chain.join(" → ") : "the outlet itself"),
      field("Modality", el("span", { class: `modality m-${m.modality}` }, m.modality || "")),
      field("Date", m.date ? `${m.date}${m.date_end && m.date_end !== m.date ? " – " + m.date_end : ""}` : "undated",
        m.date_text ? el("small", {}, ` from “${m.date_text}”`) : null),
      field("Coded", `${m.plover || "?"} / CAMEO ${m.cameo || "?"}`, el("small", {}, ` confidence ${m.confidence ?? "?"}, ${m.sentence_kind || ""}`)),
      Object.keys(m.quantities).length ? field("Counts", Object.entries(m.quantities).map(([k, v]) => `${k}: ${v}`).join(", ")) : null));
}

const LEGEND = () => el("p", { class: "legend" },
  el("mark", { class: "trigger" }, "trigger"), " ", el("mark", { class: "source" }, "source"), " ",
  el("mark", { class: "target" }, "target"), " ", el("mark", { class: "place role-event" }, "event place"), " ",
  el("mark", { class: "place role-origin" }, "origin"), " ", el("mark", { class: "place role-mentioned" }, "mentioned place"));

// ---------------------------------------------------------------------------------------------
// Detail panel: event view and article view, addressed by the URL hash (#event/ID, #article/ID).

function showDetail(title, ...content) {
  document.getElementById("detail-title").textContent = title;
  const body = document.getElementById("detail-body");
  clear(body);
  append(body, content);
  const panel = document.getElementById("detail");
  panel.hidden = false;
  body.scrollTop = 0;
  document.body.classList.add("detail-open");
}

function closeDetail() {
  document.getElementById("detail").hidden = true;
  document.body.classList.remove("detail-open");
  if (window.location.hash) history.replaceState(null, "", window.location.pathname + window.location.search);
}

function openEvent(id) {
  window.location.hash = `event/${encodeURIComponent(id)}`;
}

async function showEvent(id) {
  try {
    const e = await api(`/api/events/${encodeURIComponent(id)}`);
    const killed = e.killed_max !== null ? (e.killed_min === e.killed_max ? `${e.killed_max}` : `${e.killed_min}–${e.killed_max}`) : null;
    showDetail(`${e.plover || "Event"}${e.plover_mode ? " (" + e.plover_mode + ")" : ""}`,
      el("dl", { class: "fields summary" },
        field("When", dateLabel(e), e.date_precision ? el("small", {}, ` (${e.date_precision})`) : null),
        field("Where", e.event_place || "unknown", e.event_country ? el("small", {}, ` ${e.event_country}`) : null),
        field("Who", `${actorLabel(e.source) || "unknown source"} → ${actorLabel(e.target) || "no target"}`),
        field("Codes", `CAMEO ${e.cameo || "?"}`, e.acled_event_type ? el("small", {}, ` ACLED ${e.acled_event_type}${e.acled_sub_event_type ? " / " + e.acled_sub_event_type : ""}`) : null),
        field("Modality", el("span", { class: `modality m-${e.modality}` }, e.modality || "")),
        field("Evidence", `${e.n_mentions} report(s) from ${e.n_sources} source(s)`, e.disputed ? el("strong", { class: "disputed" }, " — reports disagree") : null),
        killed ? field("Killed", killed) : null),
      LEGEND(),
      el("h3", {}, `Reports (${e.mentions.length})`),
      e.mentions.map(mentionCard));
  } catch (err) {
    showDetail("Event not found", el("p", { class: "error" }, err.message));
  }
}

function articleText(article) {
  const text = article.text || "";
  if (!article.sentences.length) return el("div", { class: "article-text" }, text);
  const parts = [];
  let at = 0;
  for (const s of article.sentences) {
    if (s.start === null || s.start < at) continue;
    parts.push(text.slice(at, s.start));
    const triggers = article.mentions
      .filter((m) => m.trigger_start >= s.start && m.trigger_end <= s.end)
      .map((m) => ({
        start: m.trigger_start - s.start, end: m.trigger_end - s.start, cls: "trigger",
        title: `${m.plover} (${m.modality}): open the event`, eventId: m.event_id,
      }));
    const sentence = highlighted(text.slice(s.start, s.end), triggers);
    sentence.className = `sent kind-${s.kind}`;
    sentence.title = `${s.kind}${s.speaker ? " — " + s.speaker : ""}`;
    parts.push(sentence);
    at = s.end;
  }
  parts.push(text.slice(at));
  return el("div", { class: "article-text" }, parts);
}

async function showArticle(id) {
  try {
    const a = await api(`/api/articles/${encodeURIComponent(id)}`);
    const url = safeUrl(a.url);
    const kinds = ["reporting", "quotation", "background", "commentary", "furniture"];
    showDetail(a.title || a.article_id,
      el("p", { class: "meta" }, `${a.outlet || "unknown outlet"}, ${a.published || "undated"}`,
        url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: "external" }, " original ↗") : null,
        a.duplicate_of ? el("span", {}, ` — near-duplicate of ${a.duplicate_of}`) : null),
      el("p", { class: "legend" }, kinds.map((k) => el("span", { class: `sent kind-${k}` }, k)), " ", el("mark", { class: "trigger" }, "coded trigger")),
      articleText(a),
      el("h3", {}, `Lines dropped before coding (${a.dropped.length})`),
      a.dropped.length ? el("ul", { class: "dropped" }, a.dropped.map((d) => el("li", {}, el("small", {}, `line ${d.line_no}, ${d.reason}: `), d.text))) : el("p", {}, "none"));
  } catch (err) {
    showDetail("Article not found", el("p", { class: "error" }, err.message));
  }
}

function route() {
  const match = /^#(event|article)\/(.+)$/.exec(window.location.hash);
  if (!match) {
    document.getElementById("detail").hidden = true;
    document.body.classList.remove("detail-open");
    return;
  }
  const id = decodeURIComponent(match[2]);
  if (match[1] === "event") showEvent(id);
  else showArticle(id);
}

// ---------------------------------------------------------------------------------------------

function wire() {
  const form = document.getElementById("filters");
  form.addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(readForm()); });
  for (const name of ["plover", "country", "modality", "date_from", "date_to"]) {
    form.elements[name].addEventListener("change", () => applyFilters(readForm()));
  }
  document.getElementById("reset").addEventListener("click", () => applyFilters({}));
  document.getElementById("world").addEventListener("click", () => {
    const { bbox, ...rest } = state.filters;
    applyFilters(rest);
  });
  const sort = document.getElementById("sort");
  sort.value = state.sort;
  sort.addEventListener("change", () => { state.sort = sort.value; state.page = 1; refresh(); });
  document.getElementById("prev").addEventListener("click", () => { state.page -= 1; refresh(); });
  document.getElementById("next").addEventListener("click", () => { state.page += 1; refresh(); });
  document.getElementById("close").addEventListener("click", closeDetail);
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") closeDetail(); });
  window.addEventListener("hashchange", route);
  let resizeTimer = null;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(refresh, 250); });
}

async function main() {
  state.filters = filtersFromUrl();
  wire();
  try {
    await Promise.all([loadFacets(), loadWorld()]);
  } catch (err) {
    setStatus(`Could not reach the store: ${err.message}`, true);
    return;
  }
  writeForm(state.filters);
  await refresh();
  route();
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", main);
