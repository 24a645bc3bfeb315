// The review page's behaviour: filters (kept in the URL fragment), j/k between findings, the
// glossary tab, and the editor's decisions (kept in localStorage, downloaded as a baseline).
// Input text is only ever set with textContent: nothing read from the data becomes markup.
(function () {
  "use strict";
  var DIMENSIONS = ["check", "severity", "file"];
  var STORE = "checker-review/decisions";
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var elements = Array.prototype.slice.call(document.querySelectorAll("[data-fingerprint]"));
  var cards = elements.filter(function (e) { return e.classList.contains("finding"); });
  var units = Array.prototype.slice.call(document.querySelectorAll("section.unit"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var onlyFindings = document.getElementById("only-findings");
  var hideDecided = document.getElementById("hide-decided");
  var byFingerprint = {};
  cards.forEach(function (c) { byFingerprint[c.dataset.fingerprint] = c; });

  // --- filters and the fragment -------------------------------------------------------------

  function readFragment() {
    // "#check=omission,addition&severity=error": a key absent means every value; null when the
    // fragment is not filter state (an anchor such as #unit-3 or #f-<fingerprint>).
    if (location.hash.indexOf("=") < 0) return null;
    var state = { tab: "units", only: false, hideDecided: false };
    location.hash.slice(1).split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 0) return;
      var key = part.slice(0, eq);
      var value = part.slice(eq + 1);
      if (DIMENSIONS.indexOf(key) >= 0) {
        state[key] = value === "" ? [] : value.split(",").map(decodeURIComponentSafe).filter(function (v) { return v !== null; });
      } else if (key === "tab") {
        state.tab = value === "glossary" ? "glossary" : "units";
      } else if (key === "units") {
        state.only = value === "with-findings";
      } else if (key === "decided") {
        state.hideDecided = value === "hide";
      }
    });
    return state;
  }

  function decodeURIComponentSafe(text) {
    try { return decodeURIComponent(text); } catch (e) { return null; }
  }

  function stateFromBoxes() {
    var state = { tab: currentTab(), only: onlyFindings.checked, hideDecided: hideDecided.checked };
    DIMENSIONS.forEach(function (d) {
      var mine = boxes.filter(function (b) { return b.dataset.filter === d; });
      var on = mine.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (on.length < mine.length) state[d] = on;
    });
    return state;
  }

  function fragmentOf(state) {
    var parts = [];
    DIMENSIONS.forEach(function (d) {
      if (state[d]) parts.push(d + "=" + state[d].map(encodeURIComponent).join(","));
    });
    if (state.only) parts.push("units=with-findings");
    if (state.hideDecided) parts.push("decided=hide");
    if (state.tab === "glossary") parts.push("tab=glossary");
    return parts.join("&");
  }

  function apply(state) {
    boxes.forEach(function (b) {
      var allowed = state[b.dataset.filter];
      b.checked = !allowed || allowed.indexOf(b.value) >= 0;
    });
    onlyFindings.checked = !!state.only;
    hideDecided.checked = !!state.hideDecided;
    elements.forEach(function (e) {
      var shown = DIMENSIONS.every(function (d) {
        return !state[d] || state[d].indexOf(e.dataset[d]) >= 0;
      }) && !(state.hideDecided && decided(e.dataset.fingerprint));
      if (e.hidden === shown) e.hidden = !shown;
    });
    units.forEach(function (u) {
      var empty = state.only && !u.querySelector(".finding:not([hidden])");
      if (u.hidden !== empty) u.hidden = empty;
    });
    showTab(state.tab || "units");
    var visible = cards.filter(function (c) { return !c.hidden; }).length;
    document.getElementById("shown").textContent = visible + " of " + cards.length + " findings shown";
  }

  function filtersChanged() {
    var state = stateFromBoxes();
    var fragment = fragmentOf(state);
    history.replaceState(null, "", fragment ? "#" + fragment : location.pathname + location.search);
    apply(state);
  }

  boxes.forEach(function (b) { b.addEventListener("change", filtersChanged); });
  onlyFindings.addEventListener("change", filtersChanged);
  hideDecided.addEventListener("change", filtersChanged);

  function followFragment() {
    var state = readFragment();
    if (state) { apply(state); return; }
    var id = location.hash.slice(1);
    var card = id.indexOf("f-") === 0 ? document.getElementById(id) : null;
    if (card) {
      if (card.hidden) apply({ tab: "units", only: false, hideDecided: false });
      showTab("units");
      focusCard(card);
    }
  }
  window.addEventListener("hashchange", followFragment);

  // --- tabs ---------------------------------------------------------------------------------

  function currentTab() {
    return document.getElementById("glossary-tab").hidden ? "units" : "glossary";
  }

  function showTab(name) {
    document.getElementById("units-tab").hidden = name !== "units";
    document.getElementById("glossary-tab").hidden = name !== "glossary";
    document.querySelectorAll("button[data-tab]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.tab === name));
    });
  }

  document.querySelectorAll("button[data-tab]").forEach(function (b) {
    b.addEventListener("click", function () { showTab(b.dataset.tab); filtersChanged(); });
  });

  var termFilter = document.getElementById("term-filter");
  if (termFilter) {
    var terms = Array.prototype.slice.call(document.querySelectorAll("tr.term"));
    var onlyVaried = document.getElementById("only-varied");
    var filterTerms = function () {
      var wanted = termFilter.value.trim().toLowerCase();
      terms.forEach(function (row) {
        row.hidden = (wanted !== "" && row.dataset.term.indexOf(wanted) < 0)
          || (onlyVaried.checked && !row.classList.contains("varied"));
      });
    };
    termFilter.addEventListener("input", filterTerms);
    onlyVaried.addEventListener("change", filterTerms);
  }

  // --- moving between findings ----------------------------------------------------------------

  var current = null;

  function focusCard(card) {
    if (current) current.classList.remove("current");
    document.querySelectorAll(".hl.current").forEach(function (m) { m.classList.remove("current"); });
    current = card;
    card.classList.add("current");
    document.querySelectorAll('.hl[data-for="' + card.id + '"]').forEach(function (m) { m.classList.add("current"); });
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "center" });
  }

  function isVisible(card) {
    return !card.hidden && !card.closest("[hidden]");
  }

  function step(direction) {
    var at = current ? cards.indexOf(current) : -1;
    for (var i = at + direction; i >= 0 && i < cards.length; i += direction) {
      if (isVisible(cards[i])) { focusCard(cards[i]); return; }
    }
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
    if (event.key === "j") { step(1); event.preventDefault(); }
    else if (event.key === "k") { step(-1); event.preventDefault(); }
  });

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest(".hl[data-for]");
    if (mark && !mark.hidden) {
      var card = document.getElementById(mark.dataset.for);
      if (card) focusCard(card);
    }
  });

  // --- decisions ------------------------------------------------------------------------------

  var storageWorks = true;
  var decisions = {};
  try {
    decisions = JSON.parse(localStorage.getItem(STORE) || "{}") || {};
  } catch (e) {
    storageWorks = false;
  }

  function save() {
    if (!storageWorks) return;
    try {
      localStorage.setItem(STORE, JSON.stringify(decisions));
    } catch (e) {
      storageWorks = false;
      document.getElementById("storage-note").textContent = " (this browser keeps no local storage for the page: decisions last until it closes)";
    }
  }

  function decided(fingerprint) {
    var decision = decisions[fingerprint];
    return !!(decision && decision.decision);
  }

  function show(fingerprint) {
    var card = byFingerprint[fingerprint];
    if (!card) return;
    var decision = decisions[fingerprint];
    if (decision && decision.decision) card.dataset.decision = decision.decision;
    else delete card.dataset.decision;
    var comment = card.querySelector("input.comment");
    var text = decision ? decision.comment || "" : "";
    if (comment.value !== text) comment.value = text;
  }

  function countDecided() {
    var n = cards.filter(function (c) { return c.dataset.decision; }).length;
    document.getElementById("decided").textContent = n + " decided";
    document.getElementById("download").disabled = n === 0;
  }

  function cardOf(element) {
    return element.closest(".finding");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-decide]");
    if (!button) return;
    var fingerprint = cardOf(button).dataset.fingerprint;
    var entry = decisions[fingerprint] || { decision: "", comment: "" };
    entry.decision = entry.decision === button.dataset.decide ? "" : button.dataset.decide;
    if (entry.decision || entry.comment) decisions[fingerprint] = entry;
    else delete decisions[fingerprint];
    save();
    show(fingerprint);
    countDecided();
    if (hideDecided.checked) apply(stateFromBoxes());
  });

  document.addEventListener("input", function (event) {
    if (!event.target.classList || !event.target.classList.contains("comment")) return;
    var fingerprint = cardOf(event.target).dataset.fingerprint;
    var entry = decisions[fingerprint] || { decision: "", comment: "" };
    entry.comment = event.target.value;
    if (entry.decision || entry.comment) decisions[fingerprint] = entry;
    else delete decisions[fingerprint];
    save();
  });

  function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function baseline() {
    // The baseline format of --write-baseline; only the findings of this page with a decision.
    var entries = [];
    Object.keys(decisions).forEach(function (fingerprint) {
      var found = data.findings[fingerprint];
      var decision = decisions[fingerprint];
      if (!found || !decision.decision) return;
      entries.push({
        fingerprint: fingerprint, check: found.check, file: found.file, line: found.line,
        severity: found.severity, text: found.text, expected: found.expected,
        decision: decision.decision, comment: decision.comment || ""
      });
    });
    entries.sort(function (a, b) {
      return compare(a.file, b.file) || a.line - b.line || compare(a.check, b.check) || compare(a.fingerprint, b.fingerprint);
    });
    return JSON.stringify({ checker_baseline: 1, signature: data.signature, findings: entries }, null, 2) + "\n";
  }

  document.getElementById("download").addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob([baseline()], { type: "application/json" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = "checker-baseline.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  document.getElementById("clear-decisions").addEventListener("click", function () {
    if (!window.confirm("Forget every decision on this page?")) return;
    cards.forEach(function (c) { delete decisions[c.dataset.fingerprint]; show(c.dataset.fingerprint); });
    save();
    countDecided();
  });

  if (!storageWorks) {
    document.getElementById("storage-note").textContent = " (this browser keeps no local storage for the page: decisions last until it closes)";
  }
  cards.forEach(function (c) { show(c.dataset.fingerprint); });
  countDecided();
  followFragment();
  if (!readFragment()) apply(stateFromBoxes());
}());
