/* Plotly set-up for the book's charts.
   1. Maps read the world topojson served with the book (book/_assets/vendor/), whatever the depth
      of the page: the URL is computed from this script's own address.
   2. Charts fit a phone. Plotly.newPlot is wrapped so that, before a chart of the book
      (inside .cyb-chart) is first drawn narrower than NARROW px, its layout is adapted: the
      title is broken into lines that fit, the top margin follows, a map's height follows its
      width (no empty band above and below the map), and annotations named "cyb-wide-only" are
      hidden (their text is in the hover). After drawing, an axis title that still runs out of
      the chart is broken into shorter lines. Wide charts are drawn as written, with no extra
      work. The data are never changed. */
(function () {
  "use strict";
  var script = document.currentScript;
  var Plotly = window.Plotly;
  if (!script || !Plotly) { return; }
  var base = new URL("vendor/", script.src).href;
  Plotly.setPlotConfig({ topojsonURL: base });

  var NARROW = 560;

  function wrap(text, width) {
    return String(text).split(/<br\s*\/?>/i).map(function (part) {
      var lines = [], line = "";
      part.split(/\s+/).filter(Boolean).forEach(function (word) {
        if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; }
        else { line = line ? line + " " + word : word; }
      });
      lines.push(line);
      return lines.join("<br>");
    }).join("<br>");
  }

  function titleText(t) { return t && (typeof t === "string" ? t : t.text) || ""; }

  function narrowLayout(width, data, layout) {
    var out = Object.assign({}, layout);
    var title = Object.assign({}, typeof layout.title === "string" ? { text: layout.title } : layout.title);
    var size = (title.font && title.font.size) || 16;
    var text = wrap(titleText(title).replace(/<br\s*\/?>/gi, " "), Math.max(16, Math.floor((width - 12) / (size * 0.56))));
    var lines = text.split("<br>").length;
    title.text = text;
    title.pad = Object.assign({}, title.pad, { t: 10 + 11 * (lines - 1) });
    out.title = title;
    var menusAbove = (layout.updatemenus || []).some(function (m) { return m.visible !== false && (m.y === undefined || m.y >= 1); });
    out.margin = Object.assign({}, layout.margin, { t: 20 + 22 * lines + (menusAbove ? 46 : 6) });
    if (layout.annotations) {
      out.annotations = layout.annotations.map(function (a) {
        return a.name === "cyb-wide-only" ? Object.assign({}, a, { visible: false }) : a;
      });
    }
    // Category labels of an x axis (broken into lines by the book's Python side, through
    // tickvals/ticktext) are broken again to fit their share of the width, and kept level.
    Object.keys(layout).forEach(function (key) {
      var axis = layout[key];
      if (!/^xaxis\d*$/.test(key) || !axis || !axis.tickvals || !axis.ticktext) { return; }
      var ref = "x" + key.slice(5);
      var shown = Math.max.apply(null, data.map(function (t) {
        return (t.xaxis || "x") === ref && t.x ? t.x.length : 0;
      }).concat([1]));
      var share = Math.floor((width - 80) / Math.min(shown, axis.tickvals.length) / 7.5);
      if (share < 4) { return; }
      out[key] = Object.assign({}, axis, {
        tickangle: 0,
        tickfont: Object.assign({}, axis.tickfont, { size: 11 }),
        ticktext: axis.tickvals.map(function (v, i) {
          var flat = String(axis.ticktext[i]).replace(/<br\s*\/?>/gi, " ");
          if (flat.length <= share) { return String(axis.ticktext[i]); }
          // a hyphenated word may break after its hyphen ("Asia-Pacific")
          return wrap(flat.replace(/(\w)-(?=\w)/g, "$1-\u0001 "), share).replace(/\u0001 ?/g, "");
        }),
      });
    });
    // Legend entries of a narrow chart stand one under the other: make room for them.
    var entries = 0, groups = {};
    data.forEach(function (t) {
      if (t.showlegend === false || t.visible === false) { return; }
      if (t.legendgroup) { if (groups[t.legendgroup]) { return; } groups[t.legendgroup] = true; }
      if (data.length > 1 || t.showlegend) { entries += 1; }
    });
    var isMap = data.some(function (t) { return t.type === "choropleth" || t.type === "scattergeo"; });
    if (isMap) {
      // natural earth: about 0.55 as high as wide
      out.height = Math.round(out.margin.t + width * 0.55 + 50 + 24 * entries);
    } else if (entries > 1 && layout.height) {
      out.height = layout.height + 20 * entries;
    }
    return out;
  }

  function fitAxisTitles(gd) {
    var box = gd.getBoundingClientRect();
    var size = gd._fullLayout && gd._fullLayout._size;
    if (!size) { return; }
    var update = {};
    gd.querySelectorAll(".g-xtitle text, .g-x2title text").forEach(function (t) {
      var r = t.getBoundingClientRect();
      if (r.width && (r.left < box.left - 1 || r.right > box.right + 1)) {
        var name = t.closest(".g-x2title") ? "xaxis2" : "xaxis";
        var axis = gd.layout[name] || {};
        // the title is centred on the plot area: it must fit on both sides of that centre
        var centre = box.left + size.l + size.w / 2;
        var room = 2 * Math.min(centre - box.left, box.right - centre) - 8;
        // width of a character of this title, measured on its longest line
        var longest = Math.max.apply(null, (titleText(gd.layout[name] && gd.layout[name].title) || "x")
          .split(/<br\s*\/?>/i).map(function (l) { return l.length; }));
        var width = Math.max(8, Math.floor(room / (r.width / Math.max(1, longest))));
        update[name + ".title.text"] = wrap(titleText(axis.title).replace(/<br\s*\/?>/gi, " "), width);
      }
    });
    if (Object.keys(update).length) { return Plotly.relayout(gd, update); }
  }

  var newPlot = Plotly.newPlot;
  Plotly.newPlot = function (gd, data, layout, config) {
    var el = typeof gd === "string" ? document.getElementById(gd) : gd;
    if (!el || !el.closest || !el.closest(".cyb-chart") || !Array.isArray(data)) {
      return newPlot.apply(Plotly, arguments);
    }
    var width = el.clientWidth;
    if (!width || width >= NARROW) { return newPlot.call(Plotly, el, data, layout, config); }
    var adapted = narrowLayout(width, data, layout || {});
    if (adapted.height && adapted.height !== (layout || {}).height) {
      [el, el.parentElement].forEach(function (node) {
        if (node && node.style.height) { node.style.height = adapted.height + "px"; }
      });
    }
    return newPlot.call(Plotly, el, data, adapted, config).then(function (g) {
      fitAxisTitles(g);
      return g;
    });
  };
})();
