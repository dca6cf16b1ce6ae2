"""Controls for every hand, States you can see, cite-download-link: the built book in headless
Chromium with the network cut off, at 1280 and 390 px and in dark mode."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from .conftest import site_pages, wait_for_charts

PAGES = site_pages()
CHART_PAGES = [
    p
    for p in (
        "book/01_introduction.html",
        "book/03_themes.html",
        "book/04_positions.html",
        "book/05_states.html",
        "book/07_reuse.html",
        "book/08_crosswalk.html",
    )
    if p in PAGES
]
MAP_PAGES = [p for p in ("book/04_positions.html", "book/05_states.html") if p in PAGES]
WIDTHS = (1280, 390)

#: Legend entries whose colour is a meaning of the book: the same on every chart.
CATEGORIES = (
    "yes",
    "no",
    "abstain",
    "not recorded",
    "party",
    "signatory",
    "invited",
    "none",
    "not verified",
)


def _state(page, fig) -> str:
    """What a figure shows: its traces' visibility and data sizes, axis range, title, caption."""
    return fig.evaluate(
        """f => { const gd = document.getElementById(f.dataset.plot);
            return JSON.stringify([
              (gd.data || []).map(t => [t.visible, t.x && [...t.x].slice(0, 3),
                                        t.y && [...t.y].slice(0, 3), t.z && t.z.length]),
              gd.layout.xaxis && gd.layout.xaxis.range, gd.layout.title.text,
              f.querySelector('figcaption').textContent]); }"""
    )


def _title(fig) -> str:
    return fig.evaluate(
        "f => document.getElementById(f.dataset.plot).querySelector('.gtitle').textContent"
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", CHART_PAGES)
def test_tab_reaches_every_chart_control_and_keys_change_the_chart(open_page, path, width):
    page, log = open_page(path, width=width)
    figs = page.locator("figure.cyb-figure[data-views]")
    for i in range(figs.count()):
        fig = figs.nth(i)
        fig.scroll_into_view_if_needed()
        anchor = fig.locator(".cyb-anchor").first
        anchor.focus()
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.className, document.activeElement.tagName]"
        )
        assert focused[0] in ("cyb-view-button", "cyb-view-select"), (
            f"Tab from the anchor of figure {i} on {path} reached {focused}, not its control"
        )
        box = page.evaluate("() => document.activeElement.getBoundingClientRect().toJSON()")
        assert box["left"] >= 0 and box["right"] <= width + 1, f"control off-screen: {box}"
        before, title = _state(page, fig), _title(fig)
        caption = fig.locator("figcaption").inner_text()
        page.keyboard.press("ArrowDown" if focused[1] == "SELECT" else "ArrowRight")
        page.wait_for_timeout(400)
        assert _state(page, fig) != before, f"the keys changed nothing in figure {i} on {path}"
        assert _title(fig) != title, f"figure {i} on {path}: the title kept the old view"
        assert fig.locator("figcaption").inner_text() != caption, "the caption kept the old view"
        fig_id = fig.get_attribute("id")
        assert page.evaluate("() => location.hash").startswith(f"#{fig_id}:")
        if focused[1] == "BUTTON":
            pressed = fig.locator("button.cyb-view-button[aria-pressed=true]")
            assert (
                pressed.count() == 1
                and page.evaluate("() => document.activeElement.getAttribute('aria-pressed')")
                == "true"
            )
            page.keyboard.press("Enter")  # Enter on a pressed view keeps it
            page.keyboard.press("ArrowLeft")
            page.wait_for_timeout(300)
            assert _title(fig) == title, "arrow back did not return to the first view"
    assert not log.unexpected_console_errors(), log.unexpected_console_errors()


@pytest.mark.parametrize("path", CHART_PAGES)
def test_no_control_inside_an_image_and_no_plotly_menus(open_page, path):
    page, _ = open_page(path)
    inside = page.locator("[role=img] button, [role=img] select, [role=img] input, [role=img] a")
    assert inside.count() == 0
    assert page.locator("g.updatemenu-container, .modebar").count() == 0


def test_a_link_with_a_view_reproduces_it(open_page):
    page, _ = open_page("book/04_positions.html#fig-vote-map:73-187")
    page.wait_for_timeout(800)
    fig = page.locator("#fig-vote-map")
    assert "73/187" in _title(fig)
    pressed = fig.locator("button.cyb-view-button[aria-pressed=true]")
    assert "73/187" in pressed.inner_text()
    assert "73/187" in fig.locator("figcaption").inner_text()


def test_timeline_title_and_caption_follow_the_period(open_page):
    page, _ = open_page("book/01_introduction.html")
    fig = page.locator("#fig-timeline")
    buttons = fig.locator("button.cyb-view-button")
    last = buttons.nth(buttons.count() - 1)
    period = last.inner_text()
    last.click()
    page.wait_for_timeout(500)
    assert period in _title(fig) and period in fig.locator("figcaption").inner_text()
    rng = fig.evaluate("f => document.getElementById(f.dataset.plot).layout.xaxis.range")
    assert str(rng[0]).startswith(period[:4])


def test_matches_view_keeps_its_sort_order(open_page):
    page, _ = open_page("book/03_themes.html")
    fig = page.locator("#fig-theme-frequency")
    fig.locator("button.cyb-view-button", has_text="Matches").click()
    page.wait_for_timeout(500)
    xs = fig.evaluate("f => [...document.getElementById(f.dataset.plot).data[0].x]")
    assert xs == sorted(xs), f"the Matches view is not sorted: {xs}"


@pytest.mark.parametrize("path", MAP_PAGES)
def test_the_wheel_over_a_map_scrolls_the_page(open_page, path):
    page, _ = open_page(path)
    maps = page.locator("div.plotly-graph-div:has(g.geo)")
    for i in range(maps.count()):
        gd = maps.nth(i)
        gd.scroll_into_view_if_needed()
        page.evaluate("() => window.scrollBy(0, -100)")
        box = gd.bounding_box()
        scale = gd.evaluate("gd => gd._fullLayout.geo._subplot.projection.scale()")
        y0 = page.evaluate("() => window.scrollY")
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(400)
        assert page.evaluate("() => window.scrollY") > y0, f"map {i} on {path} kept the wheel"
        assert gd.evaluate("gd => gd._fullLayout.geo._subplot.projection.scale()") == scale
        # dragging does not pan either: nothing to reset
        assert gd.evaluate("gd => gd._fullLayout.dragmode") is False


def test_small_states_carry_their_category_on_the_map(open_page):
    page, _ = open_page("book/05_states.html")
    fig = page.locator("#fig-state-map")
    select = fig.locator("select.cyb-view-select")
    labels = select.locator("option").all_inner_texts()
    select.select_option(label=next(x for x in labels if x.startswith("Budapest")))
    page.wait_for_timeout(500)
    samoa = fig.evaluate(
        """f => { const gd = document.getElementById(f.dataset.plot);
            return gd.data.filter(t => t.type === 'scattergeo' && t.visible === true
                                  && t.locations.includes('WSM'))
                          .map(t => [t.marker.color,
                               t.customdata[t.locations.indexOf('WSM')]]); }"""
    )
    assert len(samoa) == 1, samoa
    colour, hover = samoa[0]
    assert "Budapest" in hover and "none" in hover
    assert colour.upper() == "#F0E442"


def _csv_rows(link) -> list[dict]:
    href = link.get_attribute("href")
    assert href.startswith("data:text/csv;charset=utf-8,")
    return list(csv.DictReader(io.StringIO(unquote(href.split(",", 1)[1]))))


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_links_its_csv_and_png(open_page, path):
    page, _ = open_page(path)
    figs = page.locator("figure.cyb-figure")
    assert figs.count() >= 1
    for i in range(figs.count()):
        fig = figs.nth(i)
        link = fig.locator("a.cyb-csv")
        assert link.count() == 1 and link.inner_text() == "Download data (CSV)", f"figure {i}"
        rows = _csv_rows(link)
        assert len(rows) == int(link.get_attribute("data-rows")) > 0
        assert all(r["source"].strip() for r in rows), f"figure {i} on {path}: row without source"
        assert fig.locator(".cyb-anchor").get_attribute("href") == "#" + fig.get_attribute("id")
        # a named anchor, not a hash of the figure that changes with the data
        assert not re.fullmatch(r"fig-chart-[0-9a-f]{12}", fig.get_attribute("id")), path
        png = fig.locator("button.cyb-png")
        assert png.count() == 1
    first = figs.first
    first.scroll_into_view_if_needed()
    with page.expect_download() as download:
        first.locator("button.cyb-png").click()
    assert (
        download.value.suggested_filename
        == first.get_attribute("id")[4:]
        + (
            "-" + json.loads(first.get_attribute("data-views"))[0]["key"]
            if first.get_attribute("data-views")
            else ""
        )
        + ".png"
    )
    image = Path(download.value.path()).read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    # decoded by the browser: opaque (white under the chart, readable on a dark slide), twice
    # the chart's width, and a source line under the chart (dark pixels in the last rows)
    seen = page.evaluate(
        """src => new Promise(done => { const img = new Image(); img.onload = () => {
              const c = document.createElement('canvas'); c.width = img.width;
              c.height = img.height; const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
              const px = ctx.getImageData(0, 0, c.width, c.height).data;
              let alpha = 255, dark = 0;
              for (let i = 0; i < px.length; i += 4) alpha = Math.min(alpha, px[i + 3]);
              const foot = ctx.getImageData(0, c.height - 40, c.width, 40).data;
              for (let i = 0; i < foot.length; i += 4) if (foot[i] < 100) dark++;
              done({alpha, dark, width: img.width}); }; img.src = src; })""",
        "data:image/png;base64," + base64.b64encode(image).decode(),
    )
    box = first.locator(".plotly-graph-div").bounding_box()
    assert seen["alpha"] == 255 and seen["dark"] > 50, seen
    assert abs(seen["width"] - 2 * box["width"]) <= 4, (seen, box)


def test_csv_holds_the_rows_the_map_plots(open_page):
    page, _ = open_page("book/04_positions.html")
    fig = page.locator("#fig-vote-map")
    rows = _csv_rows(fig.locator("a.cyb-csv"))
    shown = fig.evaluate(
        """f => document.getElementById(f.dataset.plot).data
                 .filter(t => t.type === 'choropleth' && t.visible === true)
                 .reduce((n, t) => n + t.locations.length, 0)"""
    )
    assert sum(r["resolution"] == "74/247" for r in rows) == shown


def _legend_colours(page) -> dict[str, set[str]]:
    """Legend entry -> the colours its traces are drawn in (as the browser computes them)."""
    return page.evaluate(
        """() => { const out = {};
            const norm = c => { const p = document.createElement('span'); p.style.color = c;
                                document.body.appendChild(p); const v = getComputedStyle(p).color;
                                p.remove(); return v; };
            document.querySelectorAll('div.plotly-graph-div').forEach(gd => {
              (gd.data || []).forEach(t => {
                if (t.visible !== true && t.visible !== undefined) return;
                if (t.showlegend === false || !t.name) return;
                const name = t.name.replace(/ \\(\\d+\\)$/, '');
                const colour = t.type === 'choropleth' ? t.colorscale[0][1]
                             : t.marker && t.marker.color;
                if (typeof colour !== 'string') return;
                (out[name] = out[name] || []).push(norm(colour));
              });
            });
            return out; }"""
    )


def test_a_category_has_one_colour_on_every_chart(open_page):
    seen: dict[str, set[str]] = {}
    for path in MAP_PAGES:
        page, _ = open_page(path)
        figs = page.locator("figure.cyb-figure[data-views]")
        # every view of every chart
        for i in range(figs.count()):
            fig = figs.nth(i)
            n = fig.evaluate("f => JSON.parse(f.dataset.views).length")
            for k in range(n):
                fig.evaluate(f"f => window.cybCharts.apply(f, {k}, false)")
                page.wait_for_timeout(150)
                for name, fills in _legend_colours(page).items():
                    if name in CATEGORIES:
                        seen.setdefault(name, set()).update(fills)
    assert {"yes", "no", "party"} <= set(seen), seen
    clashes = {k: v for k, v in seen.items() if len(v) != 1}
    assert not clashes, f"a category drawn in several colours: {clashes}"
    votes = {next(iter(seen[k])) for k in ("yes", "no", "abstain") if k in seen}
    statuses = {next(iter(seen[k])) for k in ("party", "signatory", "invited", "none") if k in seen}
    assert not votes & statuses, "a vote and a Budapest status share a colour"


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("width", WIDTHS)
def test_state_grid_sorts_by_keyboard_and_keeps_it_in_the_link(open_page, width, dark):
    page, _ = open_page("book/05_states.html", width=width, dark=dark)
    grid = page.locator("#state-grid")
    rows = grid.locator("tbody tr")
    assert rows.count() >= 10
    # the whole grid is in view: no column cut off at the edge of its region
    table = grid.locator("table") if grid.evaluate("g => g.tagName") != "TABLE" else grid
    fits = table.evaluate("t => t.getBoundingClientRect().width <= t.parentElement.clientWidth + 1")
    assert fits, table.evaluate(
        "t => [t.getBoundingClientRect().width, t.parentElement.clientWidth]"
    )
    names = grid.locator("tbody th").all_inner_texts()
    assert names == sorted(names, key=str.casefold) or names == sorted(names)
    header = grid.locator("thead th").nth(3)  # Budapest status
    header.locator("button").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    assert header.get_attribute("aria-sort") == "ascending"
    first = grid.locator("tbody tr").first.locator("td").nth(2).inner_text()
    assert first.startswith("party"), first
    page.keyboard.press(" ")
    page.wait_for_timeout(200)
    assert header.get_attribute("aria-sort") == "descending"
    hash_ = page.evaluate("() => location.hash")
    assert hash_ == "#state-grid:sort=3-desc"
    # each row: an anchor, and a swatch in the charts' colour
    assert grid.locator("tbody tr[id^=state-] .cyb-anchor").count() == rows.count()
    swatch = grid.locator("tbody tr td .cyb-swatch").first
    assert swatch.evaluate("s => getComputedStyle(s).backgroundColor") or swatch.evaluate(
        "s => getComputedStyle(s).backgroundImage"
    )
    doc_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert doc_width <= width + 1
    if width < 600:
        display = grid.locator("tbody tr").first.evaluate("r => getComputedStyle(r).display")
        assert display == "block", "the grid's rows are not cards on a phone"
        label = grid.locator("tbody td").first.evaluate(
            "c => getComputedStyle(c, '::before').content"
        )
        assert "Role" in label
    page2, _ = open_page("book/05_states.html" + hash_, width=width)
    again = page2.locator("#state-grid thead th").nth(3).get_attribute("aria-sort")
    assert again == "descending"


def test_inferred_facts_are_marked_as_inferred(open_page):
    page, _ = open_page("book/05_states.html")
    grid = page.locator("#state-grid")
    inferred = grid.locator(".cyb-basis-inferred")
    assert inferred.count() >= 1
    cell = inferred.first.locator("xpath=..")
    assert cell.locator(".cyb-swatch-inferred").count() == 1
    assert "hatched" not in cell.inner_text()  # the hatch is drawn, the tag is the word
    assert inferred.first.inner_text().strip().lower() == "inferred"


@pytest.mark.parametrize("path", ["book/04_positions.html", "book/05_states.html"])
def test_tables_become_cards_on_a_phone(open_page, path):
    page, _ = open_page(path, width=390)
    cards = page.locator("table.cyb-cards")
    assert cards.count() >= 1
    for i in range(cards.count()):
        row = cards.nth(i).locator("tbody tr").first
        assert row.evaluate("r => getComputedStyle(r).display") == "block"
        assert row.evaluate("r => r.getBoundingClientRect().right") <= 391


def test_wide_matrix_scrolls_with_a_visible_cue_on_a_phone(open_page):
    page, _ = open_page("book/03_themes.html", width=390)
    fig = page.locator("#fig-theme-matrix")
    cue = fig.locator(".cyb-scroll-cue")
    assert cue.is_visible() and "Scroll sideways" in cue.inner_text()
    box = fig.locator(".cyb-wide")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert (
        fig.locator(".cyb-view-select, .cyb-view-button").first.evaluate(
            "c => c.getBoundingClientRect().right"
        )
        <= 391
    )


def test_printing_draws_every_view(open_page):
    page, _ = open_page("book/04_positions.html")
    figs = page.locator("figure.cyb-figure[data-views]")
    expected = sum(
        figs.nth(i).evaluate("f => JSON.parse(f.dataset.views).length") - 1
        for i in range(figs.count())
    )
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    wait_for_charts(page)
    page.wait_for_timeout(1500)
    drawn = page.locator(".cyb-print-view svg.main-svg").evaluate_all(
        "ss => new Set(ss.map(s => s.closest('.cyb-print-view'))).size"
    )
    assert expected > 0 and drawn == expected
    page.emulate_media(media="print")
    assert page.locator(".cyb-print-view").first.is_visible()
    assert not page.locator(".cyb-views").first.is_visible()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".cyb-print-view").count() == 0


def test_key_findings_open_the_book_and_link_their_charts(open_page):
    page, _ = open_page("book/01_introduction.html")
    box = page.locator("section.cyb-findings")
    assert box.count() == 1
    first_output = page.locator("article .cell_output").first
    assert first_output.locator("section.cyb-findings").count() == 1
    hrefs = box.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert any(h.startswith("04_positions.html#fig-") for h in hrefs)
    assert any(h.startswith("05_states.html#state-grid") for h in hrefs)
    assert any(h.startswith("https://undocs.org/A/RES/") for h in hrefs)


def test_report_view_anchors_items_and_links_primary_documents(open_page):
    page, _ = open_page("book/02_report.html")
    assert page.locator(".cyb-item > a.cyb-anchor").count() >= 20
    links = page.locator("a.cyb-doc").evaluate_all("as => as.map(a => a.href)")
    assert "https://undocs.org/A/C.3/72/12" in links
    assert any("treatynum=185" in h for h in links)


@pytest.mark.parametrize("dark", [False, True])
def test_explorer_selection_is_kept_in_the_link(open_page, dark):
    page, _ = open_page("book/03_themes.html", dark=dark)
    explorer = page.locator("#explorer-items")
    select = explorer.locator("select[data-filter=instruments]")
    value = select.locator("option").nth(1).get_attribute("value")
    select.select_option(value)
    count = explorer.locator(".cyb-count").inner_text()
    hash_ = page.evaluate("() => location.hash")
    assert hash_.startswith("#explorer-items:")
    page2, _ = open_page("book/03_themes.html" + hash_, dark=dark)
    assert page2.locator("#explorer-items .cyb-count").inner_text() == count
    assert page2.locator("#explorer-items select[data-filter=instruments]").input_value() == value
