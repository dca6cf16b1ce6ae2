/* Readable search snippets (book/_ext/cyb_search.py): Sphinx makes a result's snippet from the
   textContent of the page, which runs table cells and blocks together and includes code and
   chart data, and it fails on anchors that are not valid CSS selectors (#term-A-C.3-72-12).
   Replace Search.htmlToText before the search page runs its query. */
(function () {
  "use strict";
  var BLOCKS = "p, div, li, dt, dd, tr, h1, h2, h3, h4, h5, h6, pre, figcaption, caption, section, " +
    "br, label, option";
  function htmlToText(htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(".headerlink, script, style, .plotly-graph-div, .cell_input, " +
                         "details.hide, .cyb-cite, .modebar-container, .cyb-tools, .cyb-views, " +
                         ".header-article, .article-header-buttons, .bd-header-article, " +
                         ".cyb-live-note").forEach(function (el) {
      el.remove();
    });
    var main = doc.querySelector('[role="main"]');
    var root = main;
    if (main && anchor && anchor.charAt(0) === "#") {
      // glossary anchors such as #term-A-C.3-72-12 are not valid selectors unescaped
      root = main.querySelector("#" + CSS.escape(decodeURIComponent(anchor.slice(1)))) || main;
    }
    if (!root) { return ""; }
    root.querySelectorAll("td, th").forEach(function (cell) {
      if (cell.nextElementSibling) { cell.appendChild(doc.createTextNode(" \u00b7 ")); }
    });
    root.querySelectorAll(BLOCKS).forEach(function (el) {
      el.insertBefore(doc.createTextNode("\n"), el.firstChild);
      el.appendChild(doc.createTextNode("\n"));
    });
    return root.textContent.replace(/\s+/g, " ").trim();
  }
  function patch() {
    if (typeof Search !== "undefined" && Search.htmlToText) { Search.htmlToText = htmlToText; }
  }
  patch();
  document.addEventListener("DOMContentLoaded", patch);
})();
