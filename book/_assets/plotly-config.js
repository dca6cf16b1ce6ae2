/* Point plotly's maps at the world topojson served with the book (book/_assets/vendor/),
   whatever the depth of the page: the URL is computed from this script's own address. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.Plotly) { return; }
  var base = new URL("vendor/", script.src).href;
  window.Plotly.setPlotConfig({ topojsonURL: base });
})();
