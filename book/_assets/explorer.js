/* Static explorers of the book (no kernel needed):
   - .cyb-explorer: filter table rows by theme, instrument, actor (select) and free text;
   - .cyb-statecompare: show the columns of the States chosen in a multiple select;
   - .cyb-grid: sort the States grid by a column (header buttons; aria-sort says the order).
   Each keeps its selection in the page address (#ID:STATE), so that a link reproduces the view.
   Values are read from data- attributes and compared as text; nothing is inserted as markup. */
(function () {
  "use strict";
  function remember(root, state) {
    if (root.id) { history.replaceState(null, "", "#" + root.id + ":" + state); }
  }
  function stateFor(root) {
    var m = /^#([\w-]+):(.*)$/.exec(decodeURIComponent(location.hash || ""));
    return m && root.id === m[1] ? m[2] : null;
  }
  function initExplorer(root) {
    var controls = root.querySelectorAll("[data-filter]");
    var saved = stateFor(root);
    if (saved) {
      new URLSearchParams(saved).forEach(function (value, key) {
        var c = root.querySelector('[data-filter="' + key + '"]');
        if (c) { c.value = value; }
      });
    }
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
    function save() {
      var q = new URLSearchParams();
      controls.forEach(function (c) { if (c.value.trim()) { q.set(c.getAttribute("data-filter"), c.value.trim()); } });
      remember(root, q.toString());
    }
    controls.forEach(function (c) {
      c.addEventListener("input", function () { apply(); save(); });
      c.addEventListener("change", function () { apply(); save(); });
    });
    apply();
    if (saved) { root.scrollIntoView(); }
  }
  function initGrid(root) {
    var table = root.querySelector("table");
    var body = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    function key(row, k) { var cell = row.children[k]; return cell ? cell.getAttribute("data-sort") || cell.textContent : ""; }
    function sort(k, dir, save) {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, k), y = key(b, k);
        var c = x < y ? -1 : x > y ? 1 : 0;
        if (c === 0) { c = key(a, 0) < key(b, 0) ? -1 : 1; }
        return dir === "descending" ? -c : c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
      heads.forEach(function (th, i) { th.setAttribute("aria-sort", i === k ? dir : "none"); });
      if (save) { remember(root, "sort=" + k + "-" + (dir === "descending" ? "desc" : "asc")); }
    }
    heads.forEach(function (th, k) {
      var b = th.querySelector("button");
      if (!b) { return; }
      b.addEventListener("click", function () {
        sort(k, th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending", true);
      });
    });
    var saved = stateFor(root);
    var m = saved && /^sort=(\d+)-(asc|desc)$/.exec(saved);
    if (m && heads[Number(m[1])]) {
      sort(Number(m[1]), m[2] === "desc" ? "descending" : "ascending", false);
      root.scrollIntoView();
    }
  }
  function initCompare(root) {
    var select = root.querySelector("select[data-compare]");
    var saved = stateFor(root);
    if (saved) {
      var want = saved.replace(/^states=/, "").split(",");
      Array.prototype.forEach.call(select.options, function (o) { o.selected = want.indexOf(o.value) >= 0; });
    }
    function apply() {
      var chosen = Array.prototype.map.call(select.selectedOptions, function (o) { return o.value; });
      root.querySelectorAll("[data-state]").forEach(function (cell) {
        cell.hidden = chosen.indexOf(cell.getAttribute("data-state")) < 0;
      });
    }
    select.addEventListener("change", function () {
      apply();
      remember(root, "states=" + Array.prototype.map.call(select.selectedOptions, function (o) { return o.value; }).join(","));
    });
    apply();
  }
  function init() {
    document.querySelectorAll(".cyb-explorer").forEach(initExplorer);
    document.querySelectorAll(".cyb-statecompare").forEach(initCompare);
    document.querySelectorAll(".cyb-grid").forEach(initGrid);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else { init(); }
})();
