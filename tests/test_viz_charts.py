"""Chart builders of chapters 3 to 6 (cybercrime_eg.viz.charts)."""

from __future__ import annotations

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg import positions, states, themes
from cybercrime_eg.taxonomy import load_taxonomy
from cybercrime_eg.viz import charts


@pytest.fixture(scope="module")
def ctx():
    taxonomy = load_taxonomy()
    recs = eg.recommendations()
    raw = eg.raw_text()
    tags = themes.tag_items(recs, raw, taxonomy)
    return {
        "labels": {t.id: t.label for t in taxonomy.themes},
        "order": taxonomy.ids,
        "recs": recs,
        "raw": raw,
        "tags": tags,
        "states": states.states(),
    }


def _has_controls(chart) -> bool:
    return bool(chart.figure.layout.updatemenus)


def test_theme_charts(ctx):
    m = charts.theme_matrix(ctx["tags"], ctx["recs"], ctx["labels"], ctx["order"])
    assert list(m.figure.data[0].x) == list(ctx["recs"].sort_values("start")["id"])
    assert [b.label for b in m.figure.layout.updatemenus[0].buttons] == [
        "All items and sub-items",
        "Items (a) to (q)",
        "Sub-items of (k)",
    ]
    f = charts.theme_frequency(ctx["tags"], ctx["labels"], ctx["order"], len(ctx["recs"]))
    c = charts.theme_cooccurrence(ctx["tags"], ctx["labels"], ctx["order"])
    for chart in (m, f, c):
        assert _has_controls(chart) and chart.caption and chart.alt
    z = c.figure.data[0].z
    assert all(z[i][j] == z[j][i] for i in range(len(z)) for j in range(len(z)))


def test_explorer_items_and_html_escape():
    recs = pd.DataFrame(
        {"id": ["1(a)"], "start": [0], "end": [60], "level": [1], "parent_id": [pd.NA]}
    )
    raw = "Member States <script>alert(1)</script> should use the Budapest Convention."
    mentions = pd.DataFrame(
        {
            "entity": ["Budapest Convention"],
            "kind": ["instrument"],
            "start": [raw.index("Budapest")],
            "end": [raw.index("Budapest") + 19],
        }
    )
    recs.loc[0, "end"] = len(raw)
    tags = pd.DataFrame({"item_id": ["1(a)"], "theme": ["<img src=x onerror=alert(1)>"]})
    items = charts.explorer_items(recs, tags, mentions, raw)
    assert items.loc[0, "instruments"] == ["Budapest Convention"]
    assert "Member States" in items.loc[0, "actors"]
    html = charts.explorer_html(items, {})
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_shipped_explorer_items(ctx):
    items = charts.explorer_items(ctx["recs"], ctx["tags"], eg.mentions(), ctx["raw"])
    assert len(items) == len(ctx["recs"])
    row_b = items.set_index("id").loc["1(b)"]
    assert "Budapest Convention" in row_b["instruments"]
    assert "UNODC" in items.set_index("id").loc["1(d)"]["actors"]


def test_positions_chart_states_the_caveat(ctx):
    chart = charts.position_profile(positions.treaty_positions(), ctx["labels"])
    assert "attributes positions (a) and (b) to no State" in chart.caption
    assert len(chart.figure.data[0].x) == 2


def test_vote_map_counts_and_not_recorded(ctx):
    chart = charts.vote_map(ctx["states"])
    fig = chart.figure
    choropleths = [t for t in fig.data if t.type == "choropleth"]
    assert len(choropleths) == 8  # 4 vote labels x 2 resolutions
    visible = [t for t in choropleths if t.visible]
    assert sum(len(t.locations) for t in visible) == 193
    names = [t.name.split(" (")[0] for t in visible]
    assert names == ["yes", "no", "abstain", "not recorded"]
    assert dict(zip(names, [len(t.locations) for t in visible], strict=True))["yes"] == 79
    assert "no State" in chart.caption
    assert [t.name.split(" (")[0] for t in fig.data if t.type == "scattergeo"] == [
        "spoke at the meeting",
        "organised the side event",
    ]


def test_vote_charts(ctx):
    st = ctx["states"]
    b = charts.budapest_by_vote_chart(
        {r: states.budapest_by_vote(st, r) for r in charts.RESOLUTIONS}
    )
    g = charts.regional_group_by_vote_chart(
        {r: states.regional_group_by_vote(st, r) for r in charts.RESOLUTIONS}
    )
    v = charts.vote_change_chart(st)
    for chart in (b, g, v):
        assert _has_controls(chart) and "no State" in chart.caption
    visible_total = sum(sum(t.y) for t in b.figure.data if t.visible)
    assert visible_total == 19
    assert sum(map(sum, v.figure.data[0].z)) == 193


def test_state_charts_and_comparison(ctx):
    facts = charts.report_state_facts(ctx["states"])
    assert len(facts) == 19
    assert set(facts["budapest_status"]) <= set(charts.BUDAPEST_ORDER)
    assert "no" not in set(facts["un_convention_signature"]) - {"no (not at Hanoi)"}
    m = charts.state_map(facts)
    assert len(m.figure.layout.updatemenus[0].buttons) == len(charts.STATE_FACETS)
    charts.state_facets_chart(facts)
    charts.budapest_dates_chart(facts)
    html = charts.comparison_html(facts, initial=["EST", "MEX"])
    assert html.count("<option") == 19 and html.count(" selected") == 2
    assert 'data-state="EST">' in html and 'data-state="ARM" hidden>' in html


def test_agreement_chart(ctx):
    gold = themes.load_gold(report="eg-cybercrime-2019-draft-report-addendum")
    scores = themes.evaluate(ctx["tags"], gold)
    chart = charts.agreement_chart(scores, ctx["labels"])
    assert [t.name for t in chart.figure.data] == ["precision", "recall", "F1"]
