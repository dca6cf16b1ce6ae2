"""Every page of the built book, in headless Chromium with the network cut off."""

from __future__ import annotations

import html.parser
import json
import posixpath
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from .conftest import AXE, site_pages

PAGES = site_pages() or ["<no built book: run make book>"]
BOOK_PAGES = [p for p in PAGES if p.startswith("book/")]
#: Pages whose charts carry plotly controls (dropdowns, buttons, sliders) or ipywidgets.
EXPLORER_PAGES = [
    "book/01_introduction.html",
    "book/03_themes.html",
    "book/04_positions.html",
    "book/05_states.html",
]
#: Pages with ipywidgets explorers (a launch note in their place in the static book).
WIDGET_PAGES = ["book/02_report.html", "book/03_themes.html", "book/05_states.html"]
#: Pages with world maps.
MAP_PAGES = ["book/04_positions.html", "book/05_states.html"]


def _luminance(rgb: str) -> float:
    nums = [float(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    return (0.2126 * nums[0] + 0.7152 * nums[1] + 0.0722 * nums[2]) / 255


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors(open_page, path):
    page, log = open_page(path)
    assert not log.failed, f"failed or blocked requests on {path}: {log.failed}"
    assert not log.unexpected_console_errors(), (
        f"console errors on {path}: {log.unexpected_console_errors()}"
    )
    assert not log.dialogs, f"dialogs opened on {path}: {log.dialogs}"


@pytest.mark.parametrize("path", BOOK_PAGES)
def test_every_chart_draws_with_caption_and_alt(open_page, path):
    page, _ = open_page(path)
    charts = page.locator("div.plotly-graph-div")
    figures = page.locator("figure.cyb-figure")
    assert charts.count() == figures.count(), "every chart is wrapped in a captioned figure"
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.locator("svg.main-svg").count() >= 1, f"chart {i} on {path} drew no SVG"
        assert chart.locator(".gtitle").count() == 1, f"chart {i} on {path} has no title"
    for i in range(figures.count()):
        fig = figures.nth(i)
        label = fig.locator("[role=img]").get_attribute("aria-label")
        assert label and len(label) > 20, f"figure {i} on {path} has no alt text"
        assert fig.locator("figcaption").inner_text().strip(), f"figure {i} has no caption"


@pytest.mark.parametrize("path", [p for p in MAP_PAGES if p in PAGES])
def test_maps_draw_country_shapes(open_page, path):
    page, log = open_page(path)
    maps = page.locator("div.plotly-graph-div:has(g.geo)")
    assert maps.count() >= 1, f"no map on {path}"
    for i in range(maps.count()):
        gd = maps.nth(i)
        expected = gd.evaluate(
            """gd => gd.data.filter(t => t.type === 'choropleth' && t.visible !== false)
                         .reduce((n, t) => n + t.locations.length, 0)"""
        )
        drawn = gd.locator(".choroplethlocation").count()
        assert expected > 0 and drawn == expected, (
            f"map {i} on {path}: {drawn} country shapes drawn for {expected} locations"
        )
        outlines = gd.evaluate(
            "gd => [...gd.querySelectorAll('g.geo path')].filter(p => "
            "(p.getAttribute('d') || '').length > 1000).length"
        )
        assert outlines > 0, f"map {i} on {path} drew no land or country outlines"
    assert not log.failed


def _chart_state(chart) -> str:
    return chart.evaluate(
        """gd => JSON.stringify([
            gd.querySelector('.main-svg') && gd.querySelector('.main-svg').innerHTML.length,
            (gd.data || []).map(t => [t.visible, t.z && t.z.length, t.x && t.x.length,
                                      t.locations && t.locations.length]),
            gd.layout && gd.layout.xaxis && gd.layout.xaxis.range,
            gd.layout && gd.layout.title && gd.layout.title.text,
            [...gd.querySelectorAll('.main-svg')].map(s => s.innerHTML).join('').length,
        ])"""
    )


def _use_control(page, chart) -> bool:
    """Use the view control of ``chart`` (the HTML buttons or select of its figure): choose its
    last view; False when the chart has a single view."""
    fig = chart.locator("xpath=ancestor::figure[1]")
    select = fig.locator("select.cyb-view-select")
    if select.count():
        values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
        select.select_option(values[-1])
        return True
    buttons = fig.locator("button.cyb-view-button")
    if buttons.count() >= 2:
        buttons.nth(buttons.count() - 1).click()
        return True
    return False


@pytest.mark.parametrize("path", [p for p in EXPLORER_PAGES if p in PAGES])
def test_using_a_control_changes_the_chart(open_page, path):
    page, log = open_page(path)
    charts = page.locator("div.plotly-graph-div")
    used = 0
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        before = _chart_state(chart)
        if not _use_control(page, chart):
            continue
        page.wait_for_timeout(700)
        after = _chart_state(chart)
        assert after != before, f"using the control of chart {i} on {path} changed nothing"
        used += 1
    widgets = page.locator(".cyb-live-note").count()
    assert used or widgets, f"{path} is an explorer page but has no control"
    assert not log.unexpected_console_errors()


@pytest.mark.parametrize("path", [p for p in WIDGET_PAGES if p in PAGES])
def test_widgets_become_launch_notes(open_page, path):
    """In the static book each ipywidget is a note with a working launch link, not a control."""
    page, log = open_page(path)
    notes = page.locator(".cyb-live-note")
    assert notes.count() >= 1, f"no live-explorer note on {path}"
    notebook = path.removesuffix(".html") + ".ipynb"
    for i in range(notes.count()):
        note = notes.nth(i)
        assert "runs live in Jupyter or on Binder" in note.inner_text()
        assert note.locator("input, select, button, textarea, [role=slider]").count() == 0
        href = note.locator("a.cyb-live-link").get_attribute("href")
        assert href.startswith("https://mybinder.org/v2/gh/") and href.endswith(notebook), href
    assert page.locator(".jupyter-widgets, .widget-vbox").count() == 0
    assert page.locator("script[type^='application/vnd.jupyter.widget']").count() == 0
    assert not log.failed


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.views: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "figure" and a.get("id") and a.get("data-views"):
            self.views[a["id"]] = [v["key"] for v in json.loads(a["data-views"])]
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(site):
    cache: dict[Path, _Links] = {}
    broken = []
    for page in site_pages():
        file = site / page
        parsed = cache.setdefault(file, _parse(file))
        for href in parsed.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target_path, fragment = urldefrag(href)
            if target_path:
                rel = posixpath.normpath(posixpath.join(posixpath.dirname(page), target_path))
                target = site / rel
                if target.is_dir():
                    target = target / "index.html"
            else:
                target = file
            if not target.is_file():
                broken.append(f"{page}: {href} (no file)")
                continue
            if fragment and target.suffix == ".html":
                ids = cache.setdefault(target, _parse(target)).ids
                # '#fig-NAME:VIEW' is the anchor of a chart and the view it opens with
                anchor, _, view = fragment.partition(":")
                if view and anchor.startswith("fig-"):
                    views = cache[target].views.get(anchor, [])
                    if view not in views:
                        broken.append(f"{page}: {href} (no view {view!r} of {anchor})")
                    fragment = anchor
                if fragment not in ids:
                    broken.append(f"{page}: {href} (no anchor)")
    assert not broken, "broken internal links:\n" + "\n".join(broken)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(open_page, path):
    page, _ = open_page(path)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))"""
    )
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not bad, f"accessibility violations on {path}: {bad}"


def test_report_text_with_markup_renders_as_text(open_page):
    page, log = open_page("book/07_reuse.html")
    assert not log.dialogs, "a script from the report ran"
    text = page.locator("article").inner_text()
    assert '<script>alert("xss")</script>' in text
    assert "<img src=x onerror=alert(1)>" in text
    assert page.locator("article img[src=x]").count() == 0


@pytest.mark.parametrize("path", ["book/01_introduction.html"])
def test_charts_are_legible_in_dark_mode(open_page, path):
    page, _ = open_page(path, dark=True)
    title_fill = page.evaluate(
        "getComputedStyle(document.querySelector('.cyb-chart .gtitle')).fill"
    )
    assert _luminance(title_fill) > 0.6, f"chart title fill {title_fill} in dark mode"
    bg = page.evaluate(
        "getComputedStyle(document.querySelector('.cyb-figure').closest('.output')).backgroundColor"
    )
    assert bg in ("rgba(0, 0, 0, 0)", "transparent"), f"chart sits on {bg} in dark mode"


def test_static_explorer_filters_the_recommendations(open_page):
    page, log = open_page("book/03_themes.html")
    explorer = page.locator(".cyb-explorer")
    total = explorer.locator("tbody tr").count()

    def shown() -> int:
        return explorer.locator("tbody tr:not([hidden])").count()

    assert total >= 20 and shown() == total
    explorer.locator("select[data-filter=themes]").select_option(index=1)
    by_theme = shown()
    assert 0 < by_theme < total
    explorer.locator("select[data-filter=themes]").select_option(index=0)
    explorer.locator("select[data-filter=instruments]").select_option("Budapest Convention")
    assert shown() == 1
    explorer.locator("select[data-filter=instruments]").select_option(index=0)
    explorer.locator("input[data-filter=text]").fill("capacity")
    assert 0 < shown() < total
    assert explorer.locator(".cyb-count").inner_text() == f"{shown()} of {total} items"
    assert not log.unexpected_console_errors()


def test_static_state_comparison_shows_the_chosen_states(open_page):
    page, log = open_page("book/05_states.html")
    box = page.locator(".cyb-statecompare")
    assert box.locator("thead th:not([hidden])").count() == 4  # "Fact" and three States
    box.locator("select").select_option(["ARM", "PER"])
    headers = box.locator("thead th:not([hidden])")
    assert [headers.nth(i).inner_text() for i in range(headers.count())] == [
        "Fact",
        "Armenia",
        "Peru",
    ]
    assert not log.unexpected_console_errors()


#: Finds text that a reader cannot read: chart text outside its chart, axis titles, tick labels,
#: legend entries, chart titles, colour bars and controls overlapping one another, a legend over
#: the plot area, and a page wider than the screen.
LAYOUT_AUDIT = r"""
() => {
  const out = [];
  const R = e => e.getBoundingClientRect();
  const meet = (a, b) => !(a.right <= b.left + 1 || b.right <= a.left + 1 ||
                           a.bottom <= b.top + 1 || b.bottom <= a.top + 1);
  const kind = t => t.closest('.g-xtitle,.g-ytitle,.g-x2title,.g-y2title') ? 'axis title'
    : t.closest('.xtick,.ytick') ? 'tick' : t.closest('.legend') ? 'legend'
    : t.closest('.gtitle') ? 'title' : t.closest('.updatemenu-container') ? 'control'
    : t.closest('.colorbar') ? 'colour bar' : t.closest('.annotation') ? 'annotation' : null;
  document.querySelectorAll('div.plotly-graph-div').forEach((gd, i) => {
    const box = R(gd);
    const texts = [...gd.querySelectorAll('text')].filter(t => t.textContent.trim() &&
      R(t).width > 0 && !t.closest('.hoverlayer, .updatemenu-dropdown-button-group'));
    for (const t of texts) {
      const r = R(t);
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 ||
          r.bottom > box.bottom + 1) {
        out.push(`chart ${i}: '${t.textContent.slice(0, 40)}' is cut off`);
      }
    }
    const rotated = t => /rotate\((?!0[,)])/.test(t.getAttribute('transform') || '');
    for (let a = 0; a < texts.length; a++) {
      for (let b = a + 1; b < texts.length; b++) {
        const ka = kind(texts[a]), kb = kind(texts[b]);
        if (!ka || !kb) continue;
        // tilted tick labels have overlapping boxes without overlapping letters
        if (ka === 'tick' && kb === 'tick' && (rotated(texts[a]) || rotated(texts[b]))) continue;
        if (meet(R(texts[a]), R(texts[b]))) {
          out.push(`chart ${i}: ${ka} '${texts[a].textContent.slice(0, 30)}' overlaps ` +
                   `${kb} '${texts[b].textContent.slice(0, 30)}'`);
        }
      }
    }
    const legend = gd.querySelector('.legend .bg'), area = gd.querySelector('.nsewdrag');
    if (legend && area && meet(R(legend), R(area))) out.push(`chart ${i}: legend over the plot`);
  });
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) {
    out.push(`the page is ${doc.scrollWidth} px wide on a ${doc.clientWidth} px screen`);
  }
  return out;
}
"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", BOOK_PAGES)
def test_text_is_not_cut_off_or_overlapping(open_page, path, width):
    page, _ = open_page(path, width=width)
    page.wait_for_timeout(500)  # charts re-break an overflowing axis title after drawing
    problems = page.evaluate(LAYOUT_AUDIT)
    assert not problems, f"{path} at {width} px:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", [p for p in EXPLORER_PAGES if p in PAGES])
def test_phone_legends_sit_under_the_plot(open_page, path):
    page, _ = open_page(path, width=390)
    below = page.evaluate(
        """() => [...document.querySelectorAll('div.plotly-graph-div')].map(gd => {
            const legend = gd.querySelector('.legend .bg');
            const plot = gd.querySelector('.nsewdrag, g.geo .bg');
            if (!legend || !plot) return true;
            return legend.getBoundingClientRect().top >= plot.getBoundingClientRect().bottom - 1;
        })"""
    )
    assert all(below), f"a legend on {path} is not under its chart at 390 px: {below}"


@pytest.mark.parametrize("path", ["book/04_positions.html", "book/05_states.html"])
def test_wide_tables_scroll_in_their_own_box_on_a_phone(open_page, path):
    page, _ = open_page(path, width=390)
    boxes = page.locator(".cyb-scroll")
    assert boxes.count() >= 1
    for i in range(boxes.count()):
        box = boxes.nth(i)
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
        assert box.evaluate("b => getComputedStyle(b).overflowX") == "auto"
        assert box.evaluate("b => b.getBoundingClientRect().right") <= 390


def test_claims_are_numbered_lists(open_page):
    page, _ = open_page("book/04_positions.html")
    table = page.locator("table.cyb-table").first
    assert "\\n" not in table.inner_text()
    claims = table.locator("tr:has(th:text-is('claims')) ol.cyb-list")
    assert claims.count() == 2
    assert claims.first.locator("li").count() >= 2


def test_heatmap_cell_text_keeps_its_contrast_in_dark_mode(open_page):
    page, _ = open_page("book/04_positions.html", dark=True)
    fills = page.evaluate(
        """() => [...document.querySelectorAll('.heatmaplayer text')]
                 .map(t => [t.textContent, getComputedStyle(t).fill])"""
    )
    assert fills, "no heatmap cell text on chapter 4"
    brightest = dict(fills)["73"]  # the yes -> yes cell, the brightest of the scale
    assert _luminance(brightest) < 0.5, f"light text {brightest} on the brightest cell"


def test_map_land_is_dark_in_dark_mode(open_page):
    page, _ = open_page("book/05_states.html", dark=True)
    land = page.evaluate("getComputedStyle(document.querySelector('.geo .layer.land path')).fill")
    assert _luminance(land) < 0.4, f"land fill {land} in dark mode"
