/* Plotly set-up for the book's charts.
   1. Maps read the world topojson served with the book (book/_assets/vendor/), whatever the depth
      of the page: the URL is computed from this script's own address.
   2. Charts fit a phone. Plotly.newPlot is wrapped so that, before a chart of the book
      (inside .cyb-chart) is first drawn narrower than NARROW px, its layout is adapted: the
      title is broken into lines that fit, the top margin follows, a map's height follows its
      width (no empty band above and below the map), and annotations named "cyb-wide-only" are
      hidden (their text is in the hover), and long legend entries are broken into lines.
      After drawing, an axis title or a title that still runs out of the chart is broken into
      shorter lines. Wide charts are drawn as written, with no extra work. The data values are
      never changed. */
(function () {
  "use strict";
  // Shared with the chart views below (function declarations are hoisted): one wrapping rule
  // for a chart's first drawing and for every view.
  window.cybText = { wrap: wrap, titleChars: titleChars, titlePad: titlePad, fitTitle: fitTitle,
                     visibleWidth: visibleWidth };
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

  // Characters per line of a chart title on a narrow screen: one rule for the first drawing
  // and for every view, so that a view shown again is wrapped as it was at first.
  // Space above a title: plotly lifts a title of several lines by about 15 px (one line by 4),
  // so that its top stays 6 px inside the chart (cybercrime_eg.viz.render.style does the same).
  function titlePad(lines) { return lines > 1 ? 21 : 10; }
  function titleChars(width, size) { return Math.max(16, Math.floor((width - 24) / (size * 0.66))); }

  function titleText(t) { return t && (typeof t === "string" ? t : t.text) || ""; }

  // The width of a chart that the reader sees: a dense chart wider than the screen scrolls
  // sideways inside its .cyb-wide region, and its title must fit what is shown, not the chart.
  function visibleWidth(el) {
    var width = el.clientWidth, scroller = el.closest && el.closest(".cyb-wide");
    return scroller && scroller.clientWidth ? Math.min(width, scroller.clientWidth) : width;
  }

  // The title wrapped to ``width`` characters' worth of pixels, with room above the plot.
  function titleLayout(layout, width) {
    var out = Object.assign({}, layout);
    var title = Object.assign({}, typeof layout.title === "string" ? { text: layout.title } : layout.title);
    var size = (title.font && title.font.size) || 16;
    var text = wrap(titleText(title).replace(/<br\s*\/?>/gi, " "), titleChars(width, size));
    var lines = text.split("<br>").length;
    title.text = text;
    title.pad = Object.assign({}, title.pad, { t: titlePad(lines) });
    out.title = title;
    var menusAbove = (layout.updatemenus || []).some(function (m) { return m.visible !== false && (m.y === undefined || m.y >= 1); });
    out.margin = Object.assign({}, layout.margin, { t: 20 + 22 * lines + (menusAbove ? 46 : 6) });
    return out;
  }

  function narrowLayout(width, visible, data, layout) {
    var out = titleLayout(layout, visible);
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

  // After drawing: a title line still wider than the chart (wide letters) is broken again, at
  // the width of a character measured on the drawn title. Also run after every change of view.
  function fitTitle(gd) {
    var t = gd && gd.querySelector && gd.querySelector(".gtitle");
    if (!t || !gd.layout) { return; }
    var box = gd.getBoundingClientRect(), r = t.getBoundingClientRect(), shown = visibleWidth(gd);
    if (!r.width || (r.left >= box.left && r.right <= box.left + shown)) { return; }
    var text = titleText(gd.layout.title);
    var longest = Math.max.apply(null, text.split(/<br\s*\/?>/i).map(function (l) { return l.length; }));
    var chars = Math.max(12, Math.floor((shown - 24) / (r.width / Math.max(1, longest))));
    var wrapped = wrap(text.replace(/<br\s*\/?>/gi, " "), chars);
    var lines = wrapped.split("<br>").length;
    return Plotly.relayout(gd, { "title.text": wrapped, "title.pad.t": titlePad(lines),
                                 "margin.t": 20 + 22 * lines + 6 });
  }

  // Legend entries of a narrow chart stand one under the other; a long one is broken into lines.
  function narrowNames(width, data) {
    var chars = Math.max(16, Math.floor((width - 60) / 7));
    return data.map(function (t) {
      return t && typeof t.name === "string" && t.name.length > chars
        ? Object.assign({}, t, { name: wrap(t.name, chars) }) : t;
    });
  }

  var newPlot = Plotly.newPlot;
  Plotly.newPlot = function (gd, data, layout, config) {
    var el = typeof gd === "string" ? document.getElementById(gd) : gd;
    if (!el || !el.closest || !el.closest(".cyb-chart") || !Array.isArray(data)) {
      return newPlot.apply(Plotly, arguments);
    }
    var width = el.clientWidth, visible = visibleWidth(el);
    if (!width || (width >= NARROW && visible >= width)) {
      return newPlot.call(Plotly, el, data, layout, config);
    }
    if (width >= NARROW) {  // a wide chart scrolled sideways: only its title is fitted
      return newPlot.call(Plotly, el, data, titleLayout(layout || {}, visible), config)
        .then(function (g) { return Promise.resolve(fitTitle(g)).then(function () { return g; }); });
    }
    var adapted = narrowLayout(width, visible, data, layout || {});
    if (adapted.height && adapted.height !== (layout || {}).height) {
      [el, el.parentElement].forEach(function (node) {
        if (node && node.style.height) { node.style.height = adapted.height + "px"; }
      });
    }
    return newPlot.call(Plotly, el, narrowNames(width, data), adapted, config).then(function (g) {
      return Promise.resolve(fitAxisTitles(g)).then(function () { return fitTitle(g); })
        .then(function () { return g; });
    });
  };
})();

/* Chart views, tools and links (cybercrime_eg.viz.render): the buttons or select above a chart
   switch its view with Plotly.update and change its title and caption; arrow keys move between
   the buttons of a group; the view is kept in the page address (#fig-NAME:KEY) so that a link
   reproduces it; "Download image (PNG)" uses Plotly.downloadImage. Before printing, every other
   view of a chart is drawn under it (and removed after), so that a printout shows them all. */
(function () {
  "use strict";
  var Plotly = window.Plotly;
  if (!Plotly) { return; }
  var NARROW = 560;

  var shared = window.cybText || {};
  var wrap = shared.wrap, titleChars = shared.titleChars, titlePad = shared.titlePad;
  var fitTitle = shared.fitTitle || function () {};
  var visibleWidth = shared.visibleWidth || function (el) { return el.clientWidth; };

  function plotOf(fig) { return document.getElementById(fig.getAttribute("data-plot")); }
  function viewsOf(fig) {
    if (!fig._cybViews) { fig._cybViews = JSON.parse(fig.getAttribute("data-views") || "[]"); }
    return fig._cybViews;
  }

  function layoutFor(gd, view) {
    var layout = Object.assign({}, view.layout);
    var title = view.title;
    var width = gd.clientWidth || 0, visible = width && visibleWidth(gd);
    if (width && (width < NARROW || visible < width)) {
      var font = gd.layout && gd.layout.title && gd.layout.title.font;
      title = wrap(String(title).replace(/<br\s*\/?>/gi, " "), titleChars(visible, (font && font.size) || 16));
    }
    var lines = String(title).split(/<br\s*\/?>/i).length;
    layout["title.text"] = title;
    layout["title.pad.t"] = titlePad(lines);
    layout["margin.t"] = 20 + 22 * lines + 6;
    return layout;
  }

  function apply(fig, k, remember) {
    var views = viewsOf(fig), view = views[k], gd = plotOf(fig);
    if (!view || !gd) { return; }
    fig.setAttribute("data-current", String(k));
    fig.querySelectorAll(".cyb-view-button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(Number(b.getAttribute("data-view")) === k));
    });
    var select = fig.querySelector(".cyb-view-select");
    if (select && select.value !== String(k)) { select.value = String(k); }
    var caption = fig.querySelector(".cyb-caption");
    if (caption) { caption.textContent = view.caption; }
    if (remember) { history.replaceState(null, "", "#" + fig.id + ":" + view.key); }
    return Plotly.update(gd, view.data || {}, layoutFor(gd, view)).then(function () {
      return fitTitle(gd);
    });
  }

  function init(fig) {
    var buttons = Array.prototype.slice.call(fig.querySelectorAll(".cyb-view-button"));
    buttons.forEach(function (b, i) {
      b.addEventListener("click", function () { apply(fig, Number(b.getAttribute("data-view")), true); });
      b.addEventListener("keydown", function (ev) {
        var to = null;
        if (ev.key === "ArrowRight" || ev.key === "ArrowDown") { to = (i + 1) % buttons.length; }
        if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") { to = (i - 1 + buttons.length) % buttons.length; }
        if (ev.key === "Home") { to = 0; }
        if (ev.key === "End") { to = buttons.length - 1; }
        if (to === null) { return; }
        ev.preventDefault();
        buttons[to].focus();
        apply(fig, Number(buttons[to].getAttribute("data-view")), true);
      });
    });
    var select = fig.querySelector(".cyb-view-select");
    if (select) {
      select.addEventListener("change", function () { apply(fig, Number(select.value), true); });
    }
  }

  function fromHash() {
    var m = /^#(fig-[\w-]+):([\w.-]+)$/.exec(decodeURIComponent(location.hash || ""));
    if (!m) { return; }
    var fig = document.getElementById(m[1]);
    if (!fig) { return; }
    var k = viewsOf(fig).map(function (v) { return v.key; }).indexOf(m[2]);
    if (k < 0) { return; }
    var done = apply(fig, k, false);
    fig.scrollIntoView();
    return done;
  }

  function png(button) {
    var fig = button.closest(".cyb-figure"), gd = fig && plotOf(fig);
    if (!gd) { return; }
    var view = viewsOf(fig)[Number(fig.getAttribute("data-current") || 0)];
    var name = button.getAttribute("data-file") + (view ? "-" + view.key : "");
    // On white (the page's background is not in the chart: a transparent image is unreadable on
    // a dark slide), at twice the size, with a line under it that says where it comes from.
    var white = { paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff" };
    var figure = { data: gd.data, layout: Object.assign({}, gd.layout, white) };
    var scale = 2, foot = 24;
    var source = "Source: " + document.title + ", " + location.href.split("#")[0] + "#" + fig.id;
    return Plotly.toImage(figure, {
      format: "png", width: gd.clientWidth, height: gd.clientHeight, scale: scale,
    }).then(function (url) {
      return new Promise(function (resolve) {
        var img = new Image();
        img.onload = function () {
          var canvas = document.createElement("canvas");
          canvas.width = img.width; canvas.height = img.height + foot * scale;
          var ctx = canvas.getContext("2d");
          ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
          ctx.drawImage(img, 0, 0);
          ctx.fillStyle = "#1f2328"; ctx.font = 11 * scale + "px system-ui, sans-serif";
          ctx.fillText(source, 8 * scale, img.height + 16 * scale, canvas.width - 16 * scale);
          var a = document.createElement("a");
          a.href = canvas.toDataURL("image/png"); a.download = name + ".png";
          document.body.appendChild(a); a.click(); a.remove();
          resolve(name);
        };
        img.src = url;
      });
    });
  }

  // Print: draw every view that is not shown under its chart, as a static copy.
  function beforePrint() {
    document.querySelectorAll(".cyb-figure[data-views]").forEach(function (fig) {
      var gd = plotOf(fig), views = viewsOf(fig);
      var current = Number(fig.getAttribute("data-current") || 0);
      if (!gd || !gd.data) { return; }
      views.forEach(function (view, k) {
        if (k === current) { return; }
        var box = document.createElement("div");
        box.className = "cyb-print-view";
        var plot = document.createElement("div");
        plot.style.width = "680px";
        plot.style.height = (gd.clientHeight || 460) + "px";
        var cap = document.createElement("p");
        cap.className = "cyb-caption";
        cap.textContent = view.label + ". " + view.caption;
        box.appendChild(plot);
        box.appendChild(cap);
        fig.appendChild(box);
        var data = JSON.parse(JSON.stringify(gd.data));
        var layout = JSON.parse(JSON.stringify(gd.layout));
        Plotly.newPlot(plot, data, layout, { staticPlot: true, displayModeBar: false });
        Plotly.update(plot, JSON.parse(JSON.stringify(view.data || {})), layoutFor(plot, view));
      });
    });
  }
  function afterPrint() {
    document.querySelectorAll(".cyb-print-view").forEach(function (box) {
      var plot = box.firstChild;
      if (plot) { Plotly.purge(plot); }
      box.remove();
    });
  }

  function start() {
    document.querySelectorAll(".cyb-figure[data-views]").forEach(init);
    document.addEventListener("click", function (ev) {
      var b = ev.target.closest && ev.target.closest(".cyb-png");
      if (b) { png(b); }
    });
    window.addEventListener("hashchange", fromHash);
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
    window.cybCharts = { apply: apply, beforePrint: beforePrint, afterPrint: afterPrint };
    if (document.readyState === "complete") { fromHash(); }
    else { window.addEventListener("load", fromHash); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
