/* Timeline report: events table, detail panel, filters, the chart and its hover texts.
   Everything comes from the JSON blocks (the data, a chart per view; deflated ones are inflated here). Article text is only ever inserted with textContent /
   createTextNode, never as HTML; the hover texts plotly renders as HTML are escaped with esc(). */
(function () {
  "use strict";
  var PAGE = 200;
  var WRITTEN_SHOWN = 3;
  var KIND_TEXT = {
    reported: " (someone says it happened)",
    planned: " (announced or expected, not yet happened)",
    hypothetical: " (might happen, if…)",
    negated: " (said not to have happened)"
  };

  /* A data block's JSON: plain, or (data-encoding="deflate") deflated and base64-encoded, inflated here by
     the browser's own DecompressionStream (no network, no library). A promise either way. */
  function readBlock(block) {
    if (block.getAttribute("data-encoding") !== "deflate") {
      return Promise.resolve(JSON.parse(block.textContent));
    }
    if (typeof DecompressionStream !== "function") {
      return Promise.reject(new Error("this browser cannot inflate the chart's data (DecompressionStream)"));
    }
    var binary = atob(block.textContent);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) { bytes[i] = binary.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(JSON.parse);
  }

  var data = { events: [], conflicts: [], articles: [] };  /* until the data block is read (start) */
  var byId = Object.create(null);

  var panel = document.getElementById("detail-panel");
  var panelTitle = document.getElementById("detail-title");
  var panelBody = document.getElementById("detail-body");
  var closeButton = document.getElementById("detail-close");
  var tbody = document.getElementById("events-body");
  var moreButton = document.getElementById("events-more");
  var textInput = document.getElementById("filter-text");
  var sourceSelect = document.getElementById("filter-source");
  var actorInput = document.getElementById("filter-actor");
  var actorList = document.getElementById("actor-list");
  var conflictsOnly = document.getElementById("filter-conflicts");
  var countOutput = document.getElementById("filter-count");
  var lastOpener = null;
  var activeId = null;
  var matches = [];
  var visible = null;
  var limit = PAGE;
  var rows = [];

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function conflictOf(ev) {
    return ev.conflict === null || ev.conflict === undefined ? null : data.conflicts[ev.conflict];
  }

  function articleOf(m) { return data.articles[m.article]; }

  function plural(n, word) { return n + " " + (n === 1 ? word : word + "s"); }

  /* ---- detail panel ---- */

  function sourceNode(a) {
    if (a.url) {
      var link = el("a", a.source);
      link.href = a.url;
      link.rel = "noopener noreferrer";
      return link;
    }
    return el("strong", a.source);
  }

  function mentionItem(m) {
    var a = articleOf(m);
    var li = el("li");
    var head = el("p");
    head.appendChild(sourceNode(a));
    head.appendChild(document.createTextNode(
      " \u2014 published " + (a.published || "unknown") + " (" + a.origin + ")"));
    li.appendChild(head);
    var quote = el("blockquote");
    if (m.mark) {
      quote.appendChild(document.createTextNode(m.sentence.slice(0, m.mark[0])));
      quote.appendChild(el("mark", m.sentence.slice(m.mark[0], m.mark[1])));
      quote.appendChild(document.createTextNode(m.sentence.slice(m.mark[1])));
    } else {
      quote.textContent = m.sentence;
    }
    li.appendChild(quote);
    if (m.kind) { li.appendChild(el("p", "Told as " + m.kind + KIND_TEXT[m.kind], "anchor")); }
    li.appendChild(el("p", m.anchor_text, "anchor"));
    return li;
  }

  function conflictBox(c) {
    var box = el("div", null, "detail-conflict");
    box.appendChild(el("strong", "Sources disagree on the date"));
    if (c.explanation) { box.appendChild(el("p", c.explanation, "explanation")); }
    var list = el("ul");
    c.claims.forEach(function (claim) {
      var li = el("li", claim.source + ": \u2018" + claim.words + "\u2019 \u2192 " + claim.date +
        (claim.anchor ? ", " + claim.anchor : ""));
      if (claim.chosen) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", "kept", "badge kept"));
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    box.appendChild(el("p", "Why: " + c.reason));
    return box;
  }

  function markActive(id) {
    activeId = id;
    rows.forEach(function (row) {
      var on = row.getAttribute("data-event-id") === id;
      row.classList.toggle("active", on);
      if (on) { row.setAttribute("aria-current", "true"); } else { row.removeAttribute("aria-current"); }
    });
  }

  function openEvent(id, opener) {
    var ev = byId[id];
    if (!ev) { return; }
    lastOpener = opener || null;
    panelTitle.textContent = ev.title;
    panelBody.textContent = "";
    var when = ev.date + " (" + ev.granularity + (ev.start === ev.end ? "" : ": " + ev.start + " to " + ev.end) + ")";
    panelBody.appendChild(el("p", "Date: " + when));
    panelBody.appendChild(el("p", ev.n_sources + " source(s), " + ev.n_mentions + " mention(s)"));
    if (ev.actors.length) { panelBody.appendChild(el("p", "Actors: " + ev.actors.join("; "))); }
    if (ev.kind) { panelBody.appendChild(el("p", "Kind: " + ev.kind + KIND_TEXT[ev.kind])); }
    var conflict = conflictOf(ev);
    if (conflict) { panelBody.appendChild(conflictBox(conflict)); }
    panelBody.appendChild(el("h3", "What each source says"));
    var list = el("ol");
    ev.mentions.forEach(function (m) { list.appendChild(mentionItem(m)); });
    panelBody.appendChild(list);
    panel.hidden = false;
    markActive(id);
    panelTitle.focus();
  }

  function openStack(ids, lane, opener) {
    lastOpener = opener || null;
    panelTitle.textContent = ids.length + " events at one spot of the lane “" + lane + "”";
    panelBody.textContent = "";
    panelBody.appendChild(el("p", "These events share a date and were drawn as one mark. Pick one:"));
    var list = el("ul", null, "stack-list");
    ids.forEach(function (id) {
      var ev = byId[id];
      if (!ev) { return; }
      var li = el("li");
      var button = el("button", ev.date + " — " + ev.title, "link");
      button.type = "button";
      button.addEventListener("click", function () { openEvent(id, opener); });
      li.appendChild(button);
      list.appendChild(li);
    });
    panelBody.appendChild(list);
    panel.hidden = false;
    markActive(null);
    panelTitle.focus();
  }

  function closePanel() {
    panel.hidden = true;
    markActive(null);
    if (lastOpener && document.body.contains(lastOpener)) { lastOpener.focus(); }
    lastOpener = null;
  }

  /* ---- events table: a page of rows at a time ---- */

  function eventRow(ev) {
    var tr = el("tr", null, "event-row");
    tr.setAttribute("tabindex", "0");
    tr.setAttribute("data-event-id", ev.id);
    tr.setAttribute("aria-haspopup", "dialog");
    var date = el("td", null, "date");
    var time = el("time", ev.date);
    time.setAttribute("datetime", ev.start);
    date.appendChild(time);
    if (ev.start !== ev.end) { date.appendChild(el("span", ev.start + " to " + ev.end, "range")); }
    tr.appendChild(date);
    tr.appendChild(el("td", ev.title));
    tr.appendChild(el("td", ev.actors.join("; ")));
    var sources = el("td", ev.sources.join("; "));
    sources.appendChild(el("span", plural(ev.n_sources, "source") + ", " + plural(ev.n_mentions, "mention"), "range"));
    tr.appendChild(sources);
    var flag = el("td");
    var conflict = conflictOf(ev);
    if (conflict) {
      var badge = el("span", "conflict", "badge conflict");
      badge.setAttribute("title", conflict.summary);
      flag.appendChild(badge);
    }
    tr.appendChild(flag);
    tr.addEventListener("click", function () { openEvent(ev.id, tr); });
    tr.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        openEvent(ev.id, tr);
      }
    });
    return tr;
  }

  function renderRows() {
    if (!tbody) { return; }
    var fragment = document.createDocumentFragment();
    rows = matches.slice(0, limit).map(eventRow);
    rows.forEach(function (row) { fragment.appendChild(row); });
    tbody.textContent = "";
    tbody.appendChild(fragment);
    var rest = matches.length - rows.length;
    moreButton.hidden = rest <= 0;
    if (rest > 0) {
      moreButton.textContent = "Show " + Math.min(PAGE, rest) + " more (" + rest + " not shown yet)";
    }
    markActive(activeId);
  }

  if (moreButton) {
    moreButton.addEventListener("click", function () {
      limit += PAGE;
      renderRows();
    });
  }

  /* ---- conflict cards past the first ones: built when their disclosure is opened ---- */

  function conflictCard(c) {
    var card = el("article", null, "conflict-card");
    card.setAttribute("data-conflict-id", c.id);
    var heading = el("h3");
    if (c.has_event) {
      var button = el("button", c.title, "link open-event");
      button.type = "button";
      button.addEventListener("click", function () { openEvent(c.event_id, button); });
      heading.appendChild(button);
    } else {
      heading.textContent = c.title;
    }
    card.appendChild(heading);
    if (c.explanation) { card.appendChild(el("p", c.explanation, "explanation")); }
    var table = el("table", null, "claims");
    var head = el("tr");
    ["Source", "Words", "Resolved date", "How it was read", "Kept"].forEach(function (name) {
      var th = el("th", name);
      th.setAttribute("scope", "col");
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    c.claims.forEach(function (claim) {
      var tr = el("tr", null, claim.chosen ? "chosen" : "");
      tr.appendChild(el("td", claim.source));
      tr.appendChild(el("td", claim.words));
      var date = el("td");
      var time = el("time", claim.date);
      time.setAttribute("datetime", claim.start);
      date.appendChild(time);
      if (claim.start !== claim.end) { date.appendChild(el("span", claim.start + " to " + claim.end, "range")); }
      tr.appendChild(date);
      tr.appendChild(el("td", claim.anchor));
      var kept = el("td");
      if (claim.chosen) { kept.appendChild(el("span", "kept", "badge kept")); }
      tr.appendChild(kept);
      body.appendChild(tr);
    });
    table.appendChild(body);
    card.appendChild(table);
    var why = el("p");
    why.appendChild(el("strong", "Why:"));
    why.appendChild(document.createTextNode(" " + c.reason));
    card.appendChild(why);
    return card;
  }

  var moreConflicts = document.getElementById("more-conflicts");

  function buildMoreConflicts() {
    var body = document.getElementById("more-conflicts-body");
    if (!body || body.children.length) { return; }
    var fragment = document.createDocumentFragment();
    data.conflicts.slice(Number(moreConflicts.getAttribute("data-from"))).forEach(function (c) {
      fragment.appendChild(conflictCard(c));
    });
    body.appendChild(fragment);
  }

  if (moreConflicts) {
    moreConflicts.addEventListener("toggle", function () {
      if (moreConflicts.open) { buildMoreConflicts(); }
    });
  }

  /* ---- printing: every event the filters match (not only the rows shown so far), every conflict ---- */

  var screenLimit = null;
  window.addEventListener("beforeprint", function () {
    if (screenLimit === null) { screenLimit = limit; }
    limit = Math.max(limit, matches.length);
    renderRows();
    if (moreConflicts) {
      buildMoreConflicts();
      moreConflicts.open = true;
    }
  });
  window.addEventListener("afterprint", function () {
    if (screenLimit === null) { return; }
    limit = screenLimit;
    screenLimit = null;
    renderRows();
  });

  Array.prototype.forEach.call(document.querySelectorAll("button.open-event"), function (button) {
    button.addEventListener("click", function () { openEvent(button.getAttribute("data-event-id"), button); });
  });
  closeButton.addEventListener("click", closePanel);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) { closePanel(); }
  });

  /* ---- the chart ---- */

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function spanText(value, granularity, start, end) {
    if (start === end) { return value + " (" + granularity + ")"; }
    return value + " (" + granularity + ": " + start + " to " + end + ")";
  }

  /* "kind: planned" for what is not plainly asserted or reported (hover.kind_line in Python). */
  function kindLines(kind) {
    return kind && kind !== "asserted" && kind !== "reported" ? ["kind: " + kind] : [];
  }

  /* The distinct date words the sources used, "; "-joined (writtenLine in hover.py). */
  function writtenLine(ev) {
    var seen = [];
    ev.mentions.forEach(function (m) {
      if (m.words && seen.indexOf(m.words) === -1) { seen.push(m.words); }
    });
    var shown = seen.slice(0, WRITTEN_SHOWN).join("; ") + (seen.length > WRITTEN_SHOWN ? "; \u2026" : "");
    return "date as written: " + esc(shown || "(no date words)");
  }

  function mergedHover(ev) {
    var lines = [
      "<b>" + esc(ev.title) + "</b>",
      writtenLine(ev),
      "resolved: " + esc(spanText(ev.date, ev.granularity, ev.start, ev.end)),
      ev.n_sources + " source(s), " + ev.n_mentions + " mention(s)"
    ].concat(kindLines(ev.kind));
    var conflict = conflictOf(ev);
    if (conflict) { lines.push("conflicting dates: " + esc(conflict.summary)); }
    return lines.join("<br>");
  }

  function laneHover(ev, m) {
    var a = articleOf(m);
    var resolved = m.start ? spanText(m.date, m.granularity, m.start, m.end)
      : spanText(ev.date, ev.granularity, ev.start, ev.end);
    return [
      "<b>" + esc(ev.title) + "</b>",
      "date as written: " + esc(m.words || "(no date words)"),
      "resolved: " + esc(resolved),
      "source: " + esc(a.source) + ", published " + (a.published || "unknown") + " (" + esc(a.origin) + ")"
    ].concat(kindLines(m.kind), [ev.n_sources + " source(s) for this event"]).join("<br>");
  }

  function claimHover(conflict, claim) {
    return [
      "<b>Conflicting dates: " + esc(conflict.title) + "</b>",
      esc(claim.source) + " says: " + esc(claim.words),
      "resolved: " + esc(spanText(claim.date, claim.granularity, claim.start, claim.end)),
      esc(claim.anchor),
      claim.chosen ? "this date was kept" : "this date was not kept"
    ].join("<br>");
  }

  function stackOf(trace, i) {
    var stacks = trace.meta && trace.meta.stacks;
    return stacks ? stacks[String(i)] || null : null;
  }

  function hoverText(kind, ref, id) {
    if (ref === null || ref === undefined) { return null; }
    if (kind === "conflict" || kind === "kept") {
      var conflict = data.conflicts[ref[0]];
      return conflict ? claimHover(conflict, conflict.claims[ref[1]]) : null;
    }
    var ev = byId[id];
    if (!ev) { return null; }
    var m = ref >= 0 ? ev.mentions[ref] : null;
    return m ? laneHover(ev, m) : mergedHover(ev);
  }

  function chart() {
    var gd = document.getElementById("timeline-chart");
    return gd && window.Plotly && gd.data ? gd : null;
  }

  function syncChart(visible) {
    var gd = chart();
    if (!gd) { return; }
    var selected = gd.data.map(function (trace) {
      if (!visible) { return null; }
      var keep = [];
      (trace.customdata || []).forEach(function (id, i) {
        var stack = stackOf(trace, i);
        var on = (id !== null && visible[id]) ||
          (stack !== null && stack.some(function (entry) { return visible[entry[0]]; }));
        if (on) { keep.push(i); }
      });
      return keep;
    });
    window.Plotly.restyle(gd, { selectedpoints: selected });
  }

  function bindChart(gd) {
    if (!gd || typeof gd.on !== "function") { return; }
    gd.on("plotly_click", function (e) {
      var point = e && e.points && e.points[0];
      if (!point || typeof point.customdata !== "string") { return; }
      if (point.data && point.data.hoverinfo === "skip") { return; }
      var stack = point.data ? stackOf(point.data, point.pointNumber) : null;
      if (stack) {
        openStack([point.customdata].concat(stack.map(function (entry) { return entry[0]; })),
          point.data.meta.lane, null);
      } else {
        openEvent(point.customdata, null);
      }
    });
    /* the key chart's titles and conflict lines are annotations named "key:ID" / "conflict:ID" */
    gd.on("plotly_clickannotation", function (e) {
      var name = e && e.annotation && e.annotation.name;
      if (typeof name !== "string") { return; }
      var id = name.slice(name.indexOf(":") + 1);
      if (byId[id]) { openEvent(id, null); }
    });
  }

  /* When the chart is drawn: milliseconds since navigation start (tests and benchmarks wait for it). */
  function markDrawn(gd) {
    var now = window.performance && performance.now ? Math.round(performance.now()) : 0;
    gd.setAttribute("data-drawn-ms", String(now));
  }

  /* ---- lanes: one figure per lane mode, each parsed (and its hover texts built) when first shown ---- */

  var laneSelect = document.getElementById("chart-lanes");
  var allButton = document.getElementById("chart-all");
  var showAll = allButton.getAttribute("aria-pressed") === "true";

  /* The page opens on the key events; the button (or picking lanes) shows all events in lanes. */
  function currentMode() { return showAll ? laneSelect.value : "key"; }

  function setShowAll(on) {
    showAll = on;
    allButton.setAttribute("aria-pressed", on ? "true" : "false");
    allButton.textContent = allButton.getAttribute(on ? "data-key" : "data-all");
  }
  var laneStatus = document.getElementById("lanes-status");
  var figures = Object.create(null);
  var drawnMode = null;
  var drawRequest = 0;

  function eventIdOf(ref) {
    if (typeof ref !== "number") { return ref; }
    return data.events[ref] ? data.events[ref].id : null;
  }

  function prepareFigure(figure) {
    figure.data.forEach(function (trace) {
      var meta = trace.meta;
      /* marks name their event by its index in data.events (a smaller page): put the ids back */
      trace.customdata = (trace.customdata || []).map(eventIdOf);
      if (meta && meta.stacks) {
        Object.keys(meta.stacks).forEach(function (key) {
          meta.stacks[key] = meta.stacks[key].map(function (entry) { return [eventIdOf(entry[0]), entry[1]]; });
        });
      }
      if (!meta || !meta.refs) { return; }
      trace.hovertext = meta.refs.map(function (ref, i) {
        var text = hoverText(meta.kind, ref, trace.customdata ? trace.customdata[i] : null);
        var stack = stackOf(trace, i);
        if (text && stack) {
          text += "<br><i>+" + stack.length + " more here (click to list them)</i>";
        }
        return text;
      });
    });
    return figure;
  }

  /* A mode's figure, read (and its hover texts built) the first time it is asked for: a promise. */
  function figureFor(mode) {
    if (!figures[mode]) {
      var block = document.getElementById("timeline-figure-" + mode);
      figures[mode] = block ? readBlock(block).then(prepareFigure) : Promise.resolve(null);
    }
    return figures[mode];
  }

  function showLaneNotes(mode, figure) {
    Array.prototype.forEach.call(document.querySelectorAll(".legend .lane-note"), function (li) {
      li.hidden = li.getAttribute("data-lanes") !== mode;
    });
    if (mode === "key") {
      var titled = (figure.layout.annotations || []).filter(function (a) {
        return typeof a.name === "string" && a.name.indexOf("key:") === 0;
      }).length;
      laneStatus.textContent = plural(titled, "key event") + " titled; " +
        plural(data.events.length - titled, "other event") + " untitled (hover or click them)";
      return;
    }
    var n = figure.layout.yaxis && figure.layout.yaxis.ticktext ? figure.layout.yaxis.ticktext.length : 0;
    var title = laneSelect.options[laneSelect.selectedIndex].textContent;
    laneStatus.textContent = plural(n, "lane") + " by " + title;
  }

  /* After plotly has drawn a mode: bind clicks once, re-apply the filters, say which mode is shown. */
  function afterDraw(gd, mode, first) {
    if (first) { bindChart(gd); }
    /* a figure shown before keeps the dimming it had then: re-apply the current filters to it */
    if (visible || !first) { syncChart(visible); }
    drawnMode = mode;
    gd.setAttribute("data-lanes", mode);
    if (first) { markDrawn(gd); }
  }

  function drawChart() {
    var gd = document.getElementById("timeline-chart");
    if (!gd) { return; }
    if (!window.Plotly) {
      gd.style.height = "auto";
      gd.appendChild(el("p", "The chart could not be drawn: plotly.js did not load (it comes from " +
        "cdn.plot.ly unless the report was built with --plotlyjs inline). The tables hold the same dates.", "empty"));
      laneSelect.disabled = true;
      allButton.disabled = true;
      return;
    }
    var mode = currentMode();
    var request = (drawRequest += 1);
    figureFor(mode).then(function (figure) {
      if (!figure || request !== drawRequest) { return; }  /* a later choice replaced this one */
      var first = drawnMode === null;
      gd.style.height = figure.layout.height + "px";
      showLaneNotes(mode, figure);
      var draw = first ? window.Plotly.newPlot : window.Plotly.react;
      var drawn = draw(gd, figure.data, figure.layout, figure.config);
      if (drawn && typeof drawn.then === "function") {
        drawn.then(function () { afterDraw(gd, mode, first); });
      } else {
        afterDraw(gd, mode, first);
      }
    }, function (error) {
      laneStatus.textContent = "This chart could not be read: " + error.message + ". The tables hold the same dates.";
    });
  }

  laneSelect.addEventListener("change", function () {
    setShowAll(true);
    drawChart();
  });
  allButton.addEventListener("click", function () {
    setShowAll(!showAll);
    drawChart();
  });
  document.getElementById("chart-controls").addEventListener("submit", function (e) { e.preventDefault(); });

  /* ---- filters ---- */

  /* Every actor with its number of events, most frequent first (ties by name): filled by start. */
  var actorCounts = Object.create(null);
  var actorNames = [];
  var actorKeys = Object.create(null);

  /* The actor box's suggestions, built the first time it is focused (a big report has thousands). */
  function fillActorList() {
    if (!actorList || actorList.children.length) { return; }
    var fragment = document.createDocumentFragment();
    actorNames.forEach(function (name) {
      var option = el("option");
      option.value = name;
      option.label = plural(actorCounts[name], "event");
      fragment.appendChild(option);
    });
    actorList.appendChild(fragment);
  }

  /* An actor named exactly ("Israel") matches only that actor; any other text, actors containing it. */
  function actorMatcher(text) {
    if (!text) { return null; }
    if (actorKeys[text]) {
      return function (ev) { return ev.actorKeys.indexOf(text) !== -1; };
    }
    return function (ev) { return ev.actorKeys.some(function (key) { return key.indexOf(text) !== -1; }); };
  }

  /* About: the events an entity takes part in, named, abbreviated or referred to, as `timeline build
     --about` keeps them; computed when the report was built (data.about: names and event indexes). */
  var aboutSelect = document.getElementById("filter-about");
  var aboutSets = [];

  /* Called once the data block is read (start): one option and one event set per entity. */
  function fillAbout() {
    if (!aboutSelect) { return; }
    aboutSets = (data.about || []).map(function (entry, index) {
      var option = document.createElement("option");
      option.value = String(index);
      option.textContent = entry.name + " (" + plural(entry.events.length, "event") + ")";
      aboutSelect.appendChild(option);
      var set = Object.create(null);
      entry.events.forEach(function (i) { set[data.events[i].id] = true; });
      return set;
    });
    if (!aboutSets.length) { aboutSelect.parentNode.hidden = true; }
  }

  function applyFilters() {
    var query = textInput.value.trim().toLowerCase();
    var actorOf = actorMatcher(actorInput ? actorInput.value.trim().toLowerCase() : "");
    var about = aboutSelect && aboutSelect.value !== "" ? aboutSets[Number(aboutSelect.value)] || null : null;
    var source = sourceSelect.value;
    var onlyConflicts = conflictsOnly.checked;
    var shown = Object.create(null);
    matches = data.events.filter(function (ev) {
      var ok = (!query || ev.search.indexOf(query) !== -1) &&
        (!actorOf || actorOf(ev)) &&
        (!about || about[ev.id] === true) &&
        (!source || ev.sources.indexOf(source) !== -1) &&
        (!onlyConflicts || conflictOf(ev) !== null);
      if (ok) { shown[ev.id] = true; }
      return ok;
    });
    visible = query || actorOf || about || source || onlyConflicts ? shown : null;
    limit = PAGE;
    renderRows();
    countOutput.textContent = "Showing " + matches.length + " of " + data.events.length + " events";
    syncChart(visible);
  }

  document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  textInput.addEventListener("input", applyFilters);
  if (actorInput) {
    actorInput.addEventListener("input", applyFilters);
    actorInput.addEventListener("focus", fillActorList);
  }
  if (aboutSelect) { aboutSelect.addEventListener("change", applyFilters); }
  sourceSelect.addEventListener("change", applyFilters);
  conflictsOnly.addEventListener("change", applyFilters);

  /* The data block read: index the events (search text, actors), fill the table, draw the chart. */
  function start(loaded) {
    data = loaded;
    data.events.forEach(function (ev) {
      byId[ev.id] = ev;
      var words = [ev.date, ev.start, ev.end, ev.title].concat(ev.actors, ev.sources);
      ev.mentions.forEach(function (m) { words.push(m.sentence, m.words); });
      ev.search = words.join(" ").toLowerCase();
      ev.actorKeys = ev.actors.map(function (name) { return name.toLowerCase(); });
      ev.actors.forEach(function (name) { actorCounts[name] = (actorCounts[name] || 0) + 1; });
    });
    actorNames = Object.keys(actorCounts).sort(function (a, b) {
      return actorCounts[b] - actorCounts[a] || (a < b ? -1 : a > b ? 1 : 0);
    });
    actorNames.forEach(function (name) { actorKeys[name.toLowerCase()] = true; });
    fillAbout();
    applyFilters();  /* the browser may have restored the filters' values on reload */
    drawChart();
  }

  readBlock(document.getElementById("timeline-data")).then(start, function (error) {
    countOutput.textContent = "The events could not be read: " + error.message +
      ". events.csv and mentions.csv hold the same dates, sources and sentences.";
  });
})();
