/* Accessibility fixes for markup of the theme and its extensions (checked with axe-core in the
   browser tests): accessible names that match the visible text, names for icon-only
   <summary> toggles, and list semantics for the bibliography. Idempotent; runs after the
   theme's and sphinx-togglebutton's own start-up code. */
(function () {
  "use strict";
  function fix() {
    // Buttons whose aria-label hides part of their visible text ("Search Ctrl+K").
    document.querySelectorAll(".search-button-field[aria-label]").forEach(function (b) {
      b.removeAttribute("aria-label");
    });
    // The colour-mode switch shows icons with titles; name it by a hidden text plus the icon.
    document.querySelectorAll(".theme-switch-button[aria-label]").forEach(function (b) {
      var label = b.getAttribute("aria-label");
      b.removeAttribute("aria-label");
      if (!b.querySelector(".cyb-sr-only")) {
        var span = document.createElement("span");
        span.className = "cyb-sr-only";
        span.textContent = label;
        b.insertBefore(span, b.firstChild);
      }
    });
    // sphinx-togglebutton: the summary's visible text ("Show code cell source") is its name.
    document.querySelectorAll("summary[aria-label='Toggle hidden content']").forEach(function (s) {
      if (s.textContent.trim()) { s.removeAttribute("aria-label"); }
    });
    // Icon-only toggles of the navigation tree.
    document.querySelectorAll("li.has-children > details > summary").forEach(function (s) {
      if (s.textContent.trim() || s.hasAttribute("aria-label")) { return; }
      var link = s.parentElement.parentElement.querySelector(":scope > a");
      var name = link ? link.textContent.trim() : "this chapter";
      s.setAttribute("aria-label", "Sections of " + name);
    });
    // Bibliography: a list must contain list items.
    document.querySelectorAll(".citation-list[role='list'] > .citation").forEach(function (c) {
      c.setAttribute("role", "listitem");
    });
  }
  if (document.readyState === "complete") { fix(); }
  window.addEventListener("load", function () { fix(); setTimeout(fix, 0); });
  document.addEventListener("DOMContentLoaded", fix);
})();
