"""Chart views, data links and colours: one colour per meaning on every chart of the book."""

from __future__ import annotations

import html
import io
import json
import re
from urllib.parse import unquote

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg import paths, positions, states, viz, vocab
from cybercrime_eg.taxonomy import load_taxonomy
from cybercrime_eg.viz import palettes
from cybercrime_eg.viz.findings import key_findings
from cybercrime_eg.viz.render import View


@pytest.fixture(scope="module")
def charts():
    taxonomy = load_taxonomy()
    recs, tags, table = eg.recommendations(), eg.themes_table(), eg.states_table()
    facts = viz.with_basis(states.report_state_facts(table), table)
    treaty = positions.treaty_positions(recs, eg.raw_text(), tags, eg.mentions())
    meetings, events = eg.external.expert_group_meetings(), eg.external.treaty_events()
    return {
        "theme-matrix": viz.theme_matrix(tags, recs, taxonomy.labels, taxonomy.ids),
        "theme-frequency": viz.theme_frequency(tags, taxonomy.labels, taxonomy.ids, len(recs)),
        "positions": viz.position_profile(treaty, taxonomy.labels),
        "vote-map": viz.vote_map(table),
        "budapest-by-vote": viz.budapest_by_vote_chart(table),
        "regional-group-by-vote": viz.regional_group_by_vote_chart(table),
        "vote-changes": viz.vote_change_chart(table),
        "state-map": viz.state_map(facts),
        "state-facts": viz.state_facets_chart(facts),
        "budapest-dates": viz.budapest_dates_chart(facts),
        "timeline": viz.timeline(meetings, events, highlight="5th"),
    }


def _csv(chart) -> pd.DataFrame:
    href = html.unescape(re.search(r'class="cyb-csv"[^>]*href="([^"]+)"', chart.html).group(1))
    assert href.startswith("data:text/csv;charset=utf-8,")
    return pd.read_csv(io.StringIO(unquote(href.split(",", 1)[1])), keep_default_na=False)


def test_every_chart_has_a_stable_anchor_csv_and_png(charts):
    for name, chart in charts.items():
        assert f'id="fig-{name}"' in chart.html and f'href="#fig-{name}"' in chart.html
        assert "Download image (PNG)" in chart.html
        rows = _csv(chart)
        assert len(rows) == len(chart.data) > 0 and "source" in rows.columns
        assert rows["source"].astype(str).str.strip().ne("").all(), name


def test_no_plotly_menus_and_no_controls_inside_the_image(charts):
    for chart in charts.values():
        assert not chart.figure.layout.updatemenus
        img = re.search(r'<div class="cyb-chart" role="img".*?</div>', chart.html, re.S).group(0)
        assert "<button" not in img and "<select" not in img


def test_views_are_html_controls_that_change_title_and_caption(charts):
    for name, chart in charts.items():
        if len(chart.views) < 2:
            continue
        spec = json.loads(html.unescape(re.search(r"data-views='([^']+)'", chart.html).group(1)))
        assert [v["key"] for v in spec] == [v.key for v in chart.views]
        assert len({v["title"] for v in spec}) == len(spec), name
        assert len({v["caption"] for v in spec}) == len(spec), name
        assert "cyb-view-button" in chart.html or "cyb-view-select" in chart.html
        assert chart.views[0].caption == chart.caption


def test_timeline_title_follows_the_period_and_matches_keep_their_order(charts):
    t = charts["timeline"].views
    assert t[0].title.endswith("2001-2025?") and t[1].title.endswith("2016-2021?")
    assert t[1].layout["xaxis.range"][0].startswith("2016")
    f = charts["theme-frequency"].views
    matches = f[1].data["x"][0]
    assert matches == sorted(matches)  # ascending on a horizontal bar: largest at the top
    assert f[1].data["y"][0] != f[0].data["y"][0] or matches == f[0].data["x"][0]


def test_csv_rows_are_the_rows_plotted(charts):
    votes = _csv(charts["vote-map"])
    assert len(votes) == 2 * 193 and set(votes["resolution"]) == {"73/187", "74/247"}
    shown = [t for t in charts["vote-map"].figure.data if t.type == "choropleth" and t.visible]
    assert sum(len(t.locations) for t in shown) == (votes["resolution"] == "74/247").sum()
    dates = _csv(charts["budapest-dates"])
    plotted = sum(len(t.x) for t in charts["budapest-dates"].figure.data)
    assert len(dates) == plotted


def _colours(chart) -> dict[str, str]:
    """Legend entry (category) -> marker colour of every trace of a chart."""
    out = {}
    for t in chart.figure.data:
        if not t.name or t.showlegend is False:
            continue
        name = re.sub(r" \(\d+\)$", "", t.name)
        if t.type == "choropleth":
            colour = t.colorscale[0][1]
        else:
            colour = t.marker.color
        out[name] = colour
    return out


def test_one_colour_per_category_on_every_chart(charts):
    seen: dict[tuple[str, str], set[str]] = {}
    kinds = {
        "vote-map": "vote",
        "budapest-by-vote": "vote",
        "regional-group-by-vote": "vote",
    }
    for name, kind in kinds.items():
        for category, colour in _colours(charts[name]).items():
            seen.setdefault((kind, category), set()).add(colour)
            assert colour == palettes.category_colour(kind, category), (name, category)
    # the State map draws every fact in its own view: each category in the book's colour
    sm = charts["state-map"]
    for view in sm.views:
        visible = [i for i, v in enumerate(view.data["visible"]) if v]
        for i in visible:
            t = sm.figure.data[i]
            if t.type != "choropleth":
                continue
            category = re.sub(r" \(\d+\)$", "", t.name).removesuffix(" (inferred)")
            fact = view.key.replace("-", "_")
            expected = palettes.category_colour(fact, category)
            fill = t.colorscale[0][1]
            assert fill in (expected, palettes.lighter(expected)), (view.key, category)
    assert all(len(c) == 1 for c in seen.values())
    # votes and Budapest statuses never share a colour
    assert not set(palettes.VOTE_COLOURS.values()) - {palettes.NOT_RECORDED} & set(
        palettes.BUDAPEST_COLOURS.values()
    )


def test_marks_that_stand_for_no_category_take_no_categorys_colour(charts):
    """The timeline's events and the crosswalk's cells are told apart by row, column and shape;
    their one colour is none of the colours of a vote, a status, a signature, a role or a group."""
    categories = {
        c
        for family in palettes.FACT_COLOURS.values()
        if family is not palettes.TRACK_COLOURS
        for c in family.values()
    } | set(palettes.ROLE_COLOURS.values())
    assert palettes.MARK not in categories
    timeline = [t for t in charts["timeline"].figure.data if t.type == "scatter"]
    assert timeline and {t.marker.color for t in timeline} == {palettes.MARK}
    assert not any(t.showlegend is not False for t in timeline)  # the rows name the tracks
    # the themes and positions matrices, the theme bars and the Budapest dates: no category
    for name in ("theme-matrix", "positions"):
        heat = [t for t in charts[name].figure.data if t.type == "heatmap"]
        assert heat and all(t.colorscale[-1][1] == palettes.MARK for t in heat), name
    bars = [t for t in charts["theme-frequency"].figure.data if t.type == "bar"]
    assert bars and {t.marker.color for t in bars} == {palettes.MARK}
    dates = charts["budapest-dates"].figure.data
    assert {t.marker.color for t in dates} == {palettes.MARK}
    assert len({t.marker.symbol for t in dates}) == len(dates)  # told apart by shape
    from cybercrime_eg import budapest_crosswalk as cw
    from cybercrime_eg.viz import crosswalk as cxv

    data = cxv.matrix_data(eg.crosswalk(), eg.recommendations(), cw.load_articles())
    matrix = cxv.crosswalk_matrix(data).figure
    assert {t.marker.color for t in matrix.data} == {palettes.MARK}
    symbols = [t.marker.symbol for t in matrix.data]
    assert len(set(symbols)) == len(symbols) == data["relation"].nunique()


def test_render_refuses_menus_and_data_without_source():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=[1], y=[1]))
    fig.update_layout(title="T", xaxis_title="X", yaxis_title="Y")
    with pytest.raises(viz.FigureCheckError, match="source"):
        viz.render(fig, caption="c", alt="a", data=pd.DataFrame({"x": [1]}))
    fig.update_layout(updatemenus=[{"buttons": [{"label": "a", "method": "update", "args": []}]}])
    with pytest.raises(viz.FigureCheckError, match="updatemenus"):
        viz.render(fig, caption="c", alt="a")
    fig = go.Figure(go.Bar(x=[1], y=[1]))
    fig.update_layout(title="T", xaxis_title="X", yaxis_title="Y")
    views = [View("A", "a", "T a", "c a"), View("B", "a", "T b", "c b")]
    with pytest.raises(viz.FigureCheckError, match="distinct keys"):
        viz.render(fig, caption="c a", alt="a", views=views)


def test_state_grid_rows_sortable_coloured_and_linked():
    table = eg.states_table()
    facts = viz.with_basis(states.report_state_facts(table), table)
    grid = viz.state_grid(facts).html
    assert grid.count('<tr id="state-') == len(facts)
    assert grid.count('data-sort="') >= len(facts) * 7
    assert f"--cyb-swatch:{palettes.BUDAPEST_COLOURS['party']}" in grid
    assert "https://undocs.org/A/RES/74/247" in grid and "treatynum=185" in grid
    assert "mtdsg_no=XVIII-16" in grid


def _cells(block: str, iso3: str) -> list[str]:
    """The cells of one State's column in the comparison table, in row order."""
    return re.findall(rf'<td data-state="{iso3}"(?: hidden)?>(.*?)</td>', block)


def test_state_comparison_gives_each_external_value_its_basis_and_the_us_caveat():
    table = eg.states_table()
    facts = viz.with_basis(states.report_state_facts(table), table)
    block = viz.comparison_html(facts)
    rows = re.findall(r"<tr><th>([^<]*)</th>", block.split("<tbody>")[1])
    graded = {
        "UN regional group": "regional_group",
        f"Budapest status ({vocab.BUDAPEST_STATUS_DATE})": "budapest_status",
        "UN Convention signature": "un_convention_signature",
    }
    graded |= {f"Vote on {r.short} ({r.year})": r.column for r in vocab.RESOLUTIONS.values()}
    assert set(graded) <= set(rows)
    by_iso = table.drop_duplicates("iso3").set_index("iso3")
    for iso3 in facts["iso3"]:
        cells = dict(zip(rows, _cells(block, iso3), strict=True))
        for title, fact in graded.items():
            how = by_iso.loc[iso3, f"{fact}_basis"]
            tag = re.findall(r'<span class="cyb-basis cyb-basis-(\w+)">(\w+)</span>', cells[title])
            if isinstance(how, str) and how:
                # the basis is written out, not told by colour alone
                assert tag == [(how, how)], (iso3, title, cells[title])
            else:
                assert tag == [], (iso3, title)
        note = cells["UN regional group"]
        assert ("observer" in note) == (iso3 == "USA"), iso3
        if iso3 == "USA":
            assert html.unescape(re.sub("<[^>]+>", "", note)).endswith(
                f"({vocab.group_caveat('USA')})" + " secondary"
            )
    # every inferred fact of the States shown reads "inferred" in its cell
    inferred = sum(
        (by_iso.loc[list(facts["iso3"]), f"{fact}_basis"] == "inferred").sum()
        for fact in graded.values()
    )
    assert inferred and block.count(">inferred</span>") == inferred
    # the line under the table says where the votes were read, as SOURCES.md does
    sources = (paths.external_dir() / "SOURCES.md").read_text(encoding="utf-8")
    footer = re.search(r'<p class="cyb-grid-sources">(.*?)</p>', block).group(1)
    for claim in ("TidyTuesday", "Voeten"):
        assert claim in footer and claim in sources
    assert "Digital Library" not in footer and "Digital Library" not in sources
    assert "not graded" in footer  # the dates are the row's source's, not graded


def test_state_grid_footer_names_where_the_votes_were_read():
    table = eg.states_table()
    grid = viz.state_grid(viz.with_basis(states.report_state_facts(table), table)).html
    footer = re.search(r'<p class="cyb-grid-sources">(.*?)</p>', grid).group(1)
    assert "TidyTuesday unvotes table" in footer and "Voeten" in footer
    assert "Digital Library" not in footer and "hatched" in footer


def test_key_findings_are_computed_and_linked():
    facts = eg.report_facts()
    table = eg.states_table()
    box = key_findings(facts, table).html
    n = len(states.select_states(table, "report"))
    assert f"Of the {n} States named in the report" in box
    assert "before the meeting" in box and "after the meeting" in box
    for target in (
        "02_report.html",
        "04_positions.html",
        "05_states.html#state-grid",
    ):
        assert f'href="{target}' in box
    assert "endorsement by the Expert Group" in box


def test_report_view_links_un_symbols_and_anchors_items():
    view = viz.report_view(eg.paragraphs(), eg.recommendations(), eg.mentions(), eg.raw_text()).html
    assert 'href="https://undocs.org/A/C.3/72/12"' in view
    assert "treatynum=185" in view
    assert 'href="#item-1-a"' in view


def test_who_a_state_is_never_takes_a_colour_of_what_it_did():
    """Role and regional-group colours are none of the colours of a vote, a Budapest status or
    a signature, so that on the map's role or group view no colour reads as "yes" or "party"."""
    did = {
        c
        for family in (palettes.VOTE_COLOURS, palettes.BUDAPEST_COLOURS, palettes.SIGNATURE_COLOURS)
        for c in family.values()
    } - {palettes.NOT_RECORDED}
    who = set(palettes.ROLE_COLOURS.values()) | set(palettes.GROUP_COLOURS.values())
    assert not (who - {palettes.NOT_RECORDED}) & did
    assert len(set(palettes.ROLE_COLOURS.values())) == len(palettes.ROLE_COLOURS)
    groups = [c for g, c in palettes.GROUP_COLOURS.items() if g != "not recorded"]
    assert len(set(groups)) == len(groups)
    # a signature that is not in the list is not drawn as an abstention
    assert palettes.SIGNATURE_COLOURS["not in list"] not in palettes.VOTE_COLOURS.values()


def _visible(markdown: str) -> str:
    """What a reader sees of MyST-like Markdown: rendered by markdown-it (the parser under
    MyST), tags dropped, entities decoded."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark", {"typographer": True}).enable("smartquotes")
    return html.unescape(re.sub(r"<[^>]+>", "", rendered.render(markdown)))


def test_download_descriptions_show_every_character():
    """A name in angle brackets (``<fact>_basis`` in states.csv) is shown, not read as a tag."""
    descriptor = eg.datapackage()
    seen = _visible(viz.download_links(descriptor, paths.processed_dir()).text)
    assert not re.search(r"(^|[\s(])’", seen)  # no closing quote glyph opens a quotation
    plain = seen.replace("‘", "'").replace("’", "'")
    for res in descriptor["resources"]:
        description = " ".join(res["description"].replace("`", "").split())
        assert description in plain, res["path"]
    assert "(<fact>_basis: official" in seen
    odd = {"resources": [{"path": "x.csv", "description": "a <b>bold</b> & `c` and ` d"}]}
    assert "a <b>bold</b> & `c` and ` d" in _visible(viz.download_links(odd, ".").text)
