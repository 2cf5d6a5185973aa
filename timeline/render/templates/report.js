/* Timeline report: detail panel, table filters, chart <-> table linking.
   Article text is only ever inserted with textContent / createTextNode, never as HTML. */
(function () {
  "use strict";
  var dataNode = document.getElementById("timeline-data");
  var data = JSON.parse(dataNode.textContent);
  var byId = Object.create(null);
  data.events.forEach(function (ev) { byId[ev.id] = ev; });

  var panel = document.getElementById("detail-panel");
  var panelTitle = document.getElementById("detail-title");
  var panelBody = document.getElementById("detail-body");
  var closeButton = document.getElementById("detail-close");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.event-row"));
  var textInput = document.getElementById("filter-text");
  var sourceSelect = document.getElementById("filter-source");
  var conflictsOnly = document.getElementById("filter-conflicts");
  var countOutput = document.getElementById("filter-count");
  var lastOpener = null;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function sourceNode(m) {
    if (m.url) {
      var a = el("a", m.source);
      a.href = m.url;
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("strong", m.source);
  }

  function mentionItem(m) {
    var li = el("li");
    var head = el("p");
    head.appendChild(sourceNode(m));
    head.appendChild(document.createTextNode(
      " \u2014 published " + (m.published || "unknown") + " (" + m.origin + ")"));
    li.appendChild(head);
    var quote = el("blockquote");
    if (m.mark) {
      quote.appendChild(document.createTextNode(m.before));
      quote.appendChild(el("mark", m.mark));
      quote.appendChild(document.createTextNode(m.after));
    } else {
      quote.textContent = m.sentence;
    }
    li.appendChild(quote);
    li.appendChild(el("p", m.anchor_text, "anchor"));
    return li;
  }

  function conflictBox(c) {
    var box = el("div", null, "detail-conflict");
    box.appendChild(el("strong", "Sources disagree on the date"));
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
    if (c.explanation) { box.appendChild(el("p", c.explanation)); }
    return box;
  }

  function markActive(id) {
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
    if (ev.conflict) { panelBody.appendChild(conflictBox(ev.conflict)); }
    panelBody.appendChild(el("h3", "What each source says"));
    var list = el("ol");
    ev.mentions.forEach(function (m) { list.appendChild(mentionItem(m)); });
    panelBody.appendChild(list);
    panel.hidden = false;
    markActive(id);
    panelTitle.focus();
  }

  function closePanel() {
    panel.hidden = true;
    markActive(null);
    if (lastOpener && document.body.contains(lastOpener)) { lastOpener.focus(); }
    lastOpener = null;
  }

  rows.forEach(function (row) {
    row.addEventListener("click", function () { openEvent(row.getAttribute("data-event-id"), row); });
    row.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        openEvent(row.getAttribute("data-event-id"), row);
      }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.open-event"), function (button) {
    button.addEventListener("click", function () { openEvent(button.getAttribute("data-event-id"), button); });
  });
  closeButton.addEventListener("click", closePanel);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) { closePanel(); }
  });

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
      (trace.customdata || []).forEach(function (id, i) { if (visible[id]) { keep.push(i); } });
      return keep;
    });
    window.Plotly.restyle(gd, { selectedpoints: selected });
  }

  function applyFilters() {
    var query = textInput.value.trim().toLowerCase();
    var source = sourceSelect.value;
    var onlyConflicts = conflictsOnly.checked;
    var visible = Object.create(null);
    var shown = 0;
    rows.forEach(function (row) {
      var ev = byId[row.getAttribute("data-event-id")];
      var ok = !!ev &&
        (!query || ev.search.indexOf(query) !== -1) &&
        (!source || ev.sources.indexOf(source) !== -1) &&
        (!onlyConflicts || !!ev.conflict);
      row.hidden = !ok;
      if (ok) { visible[ev.id] = true; shown += 1; }
    });
    countOutput.textContent = "Showing " + shown + " of " + rows.length + " events";
    syncChart(query || source || onlyConflicts ? visible : null);
  }

  document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  textInput.addEventListener("input", applyFilters);
  sourceSelect.addEventListener("change", applyFilters);
  conflictsOnly.addEventListener("change", applyFilters);

  function bindChart() {
    var gd = chart();
    if (!gd || typeof gd.on !== "function") { return; }
    gd.on("plotly_click", function (e) {
      var point = e && e.points && e.points[0];
      if (point && typeof point.customdata === "string") { openEvent(point.customdata, null); }
    });
  }
  if (document.readyState === "complete") { bindChart(); } else { window.addEventListener("load", bindChart); }
})();
