/* Tell require.js where the vendored widget manager lives, so that the font files it loads are
   fetched from book/_assets/vendor/ (served as _static/vendor/), whatever the depth of the page. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || typeof window.require === "undefined" || !window.require.config) { return; }
  var vendor = new URL("vendor", script.src).href;
  window.require.config({
    paths: { "@jupyter-widgets/html-manager/dist": vendor, "@jupyter-widgets": vendor },
  });
})();
