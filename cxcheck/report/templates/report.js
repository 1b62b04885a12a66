
// Filters for the findings. Without this script every finding stays visible.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var showing = document.getElementById("showing");
  if (!form || !showing) return;
  var search = document.getElementById("search");
  var noMatch = document.getElementById("no-match");
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".finding-group"));
  // Read each finding's text once: search compares against it on every key press.
  var texts = findings.map(function (el) { return el.textContent.toLowerCase(); });

  function checked(name) {
    var values = {};
    form.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (box) {
      values[box.value] = true;
    });
    return values;
  }

  function apply() {
    var severities = checked("severity");
    var areas = checked("area");
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    findings.forEach(function (el, i) {
      var visible = Boolean(severities[el.dataset.severity] && areas[el.dataset.area]) &&
        words.every(function (word) { return texts[i].indexOf(word) !== -1; });
      el.hidden = !visible;
      if (visible) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("article.finding:not([hidden])");
    });
    showing.textContent = "Showing " + shown + " of " + findings.length + " findings";
    noMatch.hidden = shown !== 0;
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // "reset" fires before the boxes change back: filter once they have.
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();

// Print every collapsed list open, then close again what was closed.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
