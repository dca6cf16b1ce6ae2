/* Static explorers of the book (no kernel needed):
   - .cyb-explorer: filter table rows by theme, instrument, actor (select) and free text;
   - .cyb-statecompare: show the columns of the States chosen in a multiple select.
   Values are read from data- attributes and compared as text; nothing is inserted as markup. */
(function () {
  "use strict";
  function initExplorer(root) {
    var controls = root.querySelectorAll("[data-filter]");
    var rows = root.querySelectorAll("tbody tr");
    var count = root.querySelector(".cyb-count");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = true;
        controls.forEach(function (c) {
          var want = c.value.trim();
          if (!want) { return; }
          var key = c.getAttribute("data-filter");
          if (key === "text") {
            ok = ok && row.textContent.toLowerCase().indexOf(want.toLowerCase()) >= 0;
          } else {
            var have = (row.getAttribute("data-" + key) || "").split("|");
            ok = ok && have.indexOf(want) >= 0;
          }
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + rows.length + " items"; }
    }
    controls.forEach(function (c) {
      c.addEventListener("input", apply);
      c.addEventListener("change", apply);
    });
    apply();
  }
  function initCompare(root) {
    var select = root.querySelector("select[data-compare]");
    function apply() {
      var chosen = Array.prototype.map.call(select.selectedOptions, function (o) { return o.value; });
      root.querySelectorAll("[data-state]").forEach(function (cell) {
        cell.hidden = chosen.indexOf(cell.getAttribute("data-state")) < 0;
      });
    }
    select.addEventListener("change", apply);
    apply();
  }
  function init() {
    document.querySelectorAll(".cyb-explorer").forEach(initExplorer);
    document.querySelectorAll(".cyb-statecompare").forEach(initCompare);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else { init(); }
})();
