
// Filters for the findings, kept in the address's fragment (#severity=major&area=speed&q=x) so
// a filtered view can be shared. Every count on the filter bar and the group headings follows
// the filter; long groups show their first few findings and a "Show N more" button. Without
// this script every finding stays visible.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var showing = document.getElementById("showing");
  if (!form || !showing) return;
  var search = document.getElementById("search");
  var noMatch = document.getElementById("no-match");
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".finding-group"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  // Read each finding's text once: search compares against it on every key press.
  var texts = findings.map(function (el) { return el.textContent.toLowerCase(); });

  function checked(name) {
    var values = {};
    boxes.forEach(function (box) {
      if (box.name === name && box.checked) values[box.value] = true;
    });
    return values;
  }

  function words() {
    return search.value.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function matches(i, severities, areas, said) {
    var el = findings[i];
    return Boolean(severities[el.dataset.severity] && areas[el.dataset.area]) &&
      said.every(function (word) { return texts[i].indexOf(word) !== -1; });
  }

  // A box's count: the findings it would show with the other filters as they are.
  function facetCounts(severities, areas, said) {
    var all = {};
    boxes.forEach(function (box) { all[box.value] = true; });
    var counts = {};
    findings.forEach(function (el, i) {
      var sev = el.dataset.severity, area = el.dataset.area;
      if (matches(i, all, areas, said)) counts[sev] = (counts[sev] || 0) + 1;
      if (matches(i, severities, all, said)) counts[area] = (counts[area] || 0) + 1;
    });
    form.querySelectorAll(".chip-count").forEach(function (span) {
      span.textContent = "(" + (counts[span.dataset.facet] || 0) + ")";
    });
  }

  function fold(group) {
    var limit = parseInt(group.dataset.fold, 10) || 0;
    var open = group.dataset.expanded === "yes";
    var matching = group.querySelectorAll("article.finding:not([hidden])");
    Array.prototype.forEach.call(matching, function (el, i) {
      el.classList.toggle("folded", !open && limit > 0 && i >= limit);
    });
    var more = group.querySelector(".show-more");
    var rest = matching.length - limit;
    if (more) {
      more.hidden = open || limit <= 0 || rest <= 0;
      more.textContent = "Show " + rest + " more";
    }
    var count = group.querySelector(".group-count");
    if (count) {
      var total = count.dataset.total;
      count.textContent = "(" + (String(matching.length) === total ? total : matching.length + " of " + total) + ")";
    }
  }

  function isDefault() {
    return boxes.every(function (box) { return box.checked; }) && !search.value;
  }

  function fragment() {
    if (isDefault()) return "";
    var params = new URLSearchParams();
    ["severity", "area"].forEach(function (name) {
      var all = boxes.filter(function (box) { return box.name === name; });
      if (all.every(function (box) { return box.checked; })) return;
      params.set(name, Object.keys(checked(name)).join(",") || "none");
    });
    if (search.value) params.set("q", search.value);
    return "#" + params.toString().replace(/%2C/g, ",");
  }

  function apply(remember) {
    var severities = checked("severity");
    var areas = checked("area");
    var said = words();
    var shown = 0;
    findings.forEach(function (el, i) {
      var visible = matches(i, severities, areas, said);
      el.hidden = !visible;
      if (visible) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("article.finding:not([hidden])");
      fold(group);
    });
    facetCounts(severities, areas, said);
    showing.textContent = "Showing " + shown + " of " + findings.length + " findings";
    noMatch.hidden = shown !== 0;
    if (remember) {
      var hash = fragment();
      if (hash !== location.hash && (hash || location.hash.indexOf("=") !== -1)) {
        history.replaceState(null, "", hash || location.pathname + location.search);
      }
    }
  }

  // "#severity=major,minor&area=speed&q=boots": tick exactly what it names.
  function restore(hash) {
    var params = new URLSearchParams(hash.slice(1));
    ["severity", "area"].forEach(function (name) {
      if (!params.has(name)) return;
      var wanted = params.get(name).split(",");
      boxes.forEach(function (box) {
        if (box.name === name) box.checked = wanted.indexOf(box.value) !== -1;
      });
    });
    search.value = params.get("q") || "";
  }

  // A jump to a finding the filters hide, or a fold holds, shows it first.
  function reveal(id) {
    var target = id && document.getElementById(id);
    if (!target) return;
    if (target.classList.contains("finding-group")) {
      target.dataset.expanded = "yes";
      fold(target);
      return;
    }
    var card = target.closest ? target.closest("article.finding") : null;
    if (!card) return;
    if (card.hidden) {
      form.reset();
      boxes.forEach(function (box) { box.checked = true; });
      search.value = "";
      apply(false);
    }
    if (card.classList.contains("folded")) {
      var group = card.closest(".finding-group");
      group.dataset.expanded = "yes";
      fold(group);
    }
    target.scrollIntoView();
  }

  function onHash() {
    var hash = location.hash;
    if (hash.indexOf("=") !== -1) {
      restore(hash);
      apply(false);
    } else if (hash.length > 1) {
      reveal(decodeURIComponent(hash.slice(1)));
    }
  }

  groups.forEach(function (group) {
    var more = group.querySelector(".show-more");
    if (!more) return;
    more.addEventListener("click", function () {
      group.dataset.expanded = "yes";
      fold(group);
    });
  });
  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // "reset" fires before the boxes change back: filter once they have.
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  window.addEventListener("hashchange", onHash);
  form.hidden = false;
  if (location.hash.indexOf("=") !== -1) restore(location.hash);
  apply(false);
  if (location.hash.length > 1 && location.hash.indexOf("=") === -1) onHash();
})();

// Jumps land below the sticky bar (however many lines it wraps to); a table wider than the
// screen says that it scrolls sideways.
(function () {
  "use strict";
  var bar = document.querySelector(".toc");
  var wraps = Array.prototype.slice.call(document.querySelectorAll(".table-wrap"));
  function measure() {
    if (bar) {
      var sticky = getComputedStyle(bar).position === "sticky";
      document.documentElement.style.setProperty("--bar-height", sticky ? bar.offsetHeight + "px" : "0px");
    }
    wraps.forEach(function (wrap) {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.classList.toggle("is-scrollable", wide);
      var hint = wrap.previousElementSibling;
      if (hint && hint.classList.contains("scroll-hint")) hint.classList.toggle("is-shown", wide);
    });
  }
  window.addEventListener("resize", measure);
  document.addEventListener("toggle", measure, true);
  measure();
})();

// Print every collapsed list open (and every folded finding), then restore what was closed.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.slice.call(document.querySelectorAll("details:not([open]):not(.tech)"));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
