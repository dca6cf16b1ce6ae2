"""Chart builders by subject: viz.themes, viz.positions, viz.votes, viz.states, viz.html."""

from __future__ import annotations

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg import positions, states, themes, viz
from cybercrime_eg.items import explorer_items
from cybercrime_eg.taxonomy import load_taxonomy
from cybercrime_eg.viz import states as viz_states
from cybercrime_eg.viz import votes as viz_votes
from cybercrime_eg.vocab import US_WEOG_CAVEAT


@pytest.fixture(scope="module")
def ctx():
    taxonomy = load_taxonomy()
    recs = eg.recommendations()
    raw = eg.raw_text()
    tags = eg.themes_table()
    return {
        "labels": taxonomy.labels,
        "order": taxonomy.ids,
        "recs": recs,
        "raw": raw,
        "tags": tags,
        "states": eg.states_table(),
    }


def _has_controls(chart) -> bool:
    return len(chart.views) > 1 and not chart.figure.layout.updatemenus


def test_theme_charts(ctx):
    m = viz.theme_matrix(ctx["tags"], ctx["recs"], ctx["labels"], ctx["order"])
    assert list(m.figure.data[0].x) == list(ctx["recs"].sort_values("start")["id"])
    assert [v.label for v in m.views] == [
        "All items and sub-items",
        "Items (a) to (q)",
        "Sub-items of (k)",
    ]
    f = viz.theme_frequency(ctx["tags"], ctx["labels"], ctx["order"], len(ctx["recs"]))
    for chart in (m, f):
        assert _has_controls(chart) and chart.caption and chart.alt


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
    items = explorer_items(recs, tags, mentions, raw)
    assert items.loc[0, "instruments"] == ["Budapest Convention"]
    assert "Member States" in items.loc[0, "actors"]
    html = viz.explorer_html(items, {})
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_shipped_explorer_items(ctx):
    items = explorer_items(ctx["recs"], ctx["tags"], eg.mentions(), ctx["raw"])
    assert len(items) == len(ctx["recs"])
    row_b = items.set_index("id").loc["1(b)"]
    assert "Budapest Convention" in row_b["instruments"]
    assert "UNODC" in items.set_index("id").loc["1(d)"]["actors"]


def test_positions_chart_states_the_caveat(ctx):
    treaty = positions.treaty_positions(ctx["recs"], ctx["raw"], ctx["tags"], eg.mentions())
    chart = viz.position_profile(treaty, ctx["labels"])
    assert "attributes positions (a) and (b) to no State" in chart.caption
    assert len(chart.figure.data[0].x) == 2


def test_vote_map_counts_and_not_recorded(ctx):
    chart = viz.vote_map(ctx["states"])
    fig = chart.figure
    choropleths = [t for t in fig.data if t.type == "choropleth"]
    assert len(choropleths) == 8  # 4 vote labels x 2 resolutions
    assert [v.key for v in chart.views] == ["74-247", "73-187"]
    visible = [t for t in choropleths if t.visible]
    assert sum(len(t.locations) for t in visible) == 193
    names = [t.name.split(" (")[0] for t in visible]
    assert names == ["yes", "no", "abstain", "not recorded"]
    assert dict(zip(names, [len(t.locations) for t in visible], strict=True))["yes"] == 79
    assert "no State" in chart.caption
    # every State named in the report has a circle in its vote's colour, in each view
    markers = [t for t in fig.data if t.type == "scattergeo" and t.visible]
    assert sum(len(t.locations) for t in markers) == 19
    assert all(t.showlegend is False for t in markers)


def test_vote_charts(ctx):
    st = ctx["states"]
    b = viz.budapest_by_vote_chart(st)
    g = viz.regional_group_by_vote_chart(st)
    v = viz.vote_change_chart(st)
    for chart in (b, g, v):
        assert _has_controls(chart) and "no State" in chart.caption
    visible_total = sum(sum(t.y) for t in b.figure.data if t.visible)
    assert visible_total == 19
    assert sum(map(sum, v.figure.data[0].z)) == 193


def test_state_charts_and_comparison(ctx):
    facts = states.report_state_facts(ctx["states"])
    assert len(facts) == 19
    assert set(facts["budapest_status"]) <= set(viz_votes.BUDAPEST_ORDER)
    assert "no" not in set(facts["un_convention_signature"]) - {"no (not at Hanoi)"}
    m = viz.state_map(facts)
    assert len(m.views) == len(viz_states.STATE_FACETS)
    assert "paragraphs 4 and 7" in m.caption
    viz.state_facets_chart(facts)
    d = viz.budapest_dates_chart(facts, ("2019-03-27", "5th meeting"))
    assert d.figure.layout.annotations[0].text == "5th meeting"
    assert not viz.budapest_dates_chart(facts).figure.layout.annotations
    html = viz.comparison_html(facts, initial=["EST", "MEX"])
    assert html.count("<option") == 19 and html.count(" selected") == 2
    assert 'data-state="EST">' in html and 'data-state="ARM" hidden>' in html


def test_agreement_chart(ctx):
    gold = eg.gold_labels(report="eg-cybercrime-2019-draft-report-addendum")
    scores = themes.evaluate(ctx["tags"], gold)
    chart = viz.agreement_chart(scores, ctx["labels"])
    assert [t.name for t in chart.figure.data] == ["precision", "recall", "F1"]


def test_group_caveat_only_where_the_united_states_is_shown(ctx):
    facts = states.report_state_facts(ctx["states"])
    for build in (viz.state_map, viz.state_facets_chart):
        shown = build(facts).views
        hidden = build(facts[facts["iso3"] != "USA"]).views
        assert any(US_WEOG_CAVEAT in v.caption for v in shown), build.__name__
        assert not any(US_WEOG_CAVEAT in v.caption for v in hidden), build.__name__
        # "UN regional group" keeps its capitals when it runs on in a sentence
        group = [v for v in hidden if v.key == "regional-group"]
        assert group and "UN regional group" in group[0].title + group[0].caption


def test_lower_first_keeps_acronyms():
    assert viz_states.lower_first("UN regional group") == "UN regional group"
    # a proper name keeps its capital (issue 9: "coloured by budapest status" was printed)
    assert viz_states.lower_first("Budapest status (27 March 2019)") == (
        "Budapest status (27 March 2019)"
    )
    assert viz_states.lower_first("Vote on 74/247") == "vote on 74/247"
    assert viz_states.lower_first("") == ""
