"""Charts show how each external fact is known (issue 9): an inferred fact is named and hatched,
never drawn with the mark of a recorded one; hovers tell official from secondary; timeline
events are graded by a stated rule; the key findings count what is inferred."""

from __future__ import annotations

import html
import importlib
import re

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg import states, viz
from cybercrime_eg.viz import palettes
from cybercrime_eg.viz import states as viz_states
from cybercrime_eg.viz.findings import _STANCES, key_findings
from cybercrime_eg.vocab import basis_label

tl = importlib.import_module("cybercrime_eg.viz.timeline")  # viz.timeline is the chart


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return eg.states_table()


@pytest.fixture(scope="module")
def report(table) -> pd.DataFrame:
    return states.select_states(table, "report")


def _hatched(trace) -> bool:
    pattern = trace.marker.pattern
    return bool(pattern and pattern.shape)


def _regraded(table: pd.DataFrame, iso3: str, fact: str, basis: str) -> pd.DataFrame:
    out = table.copy()
    out.loc[out["iso3"] == iso3, f"{fact}_basis"] = basis
    return out


# --- lower_first ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Budapest status (27 March 2019)", "Budapest status (27 March 2019)"),
        ("UN regional group", "UN regional group"),
        ("UN Convention signature", "UN Convention signature"),
        ("General Assembly vote", "General Assembly vote"),
        ("Vote on 74/247 (2019)", "vote on 74/247 (2019)"),
        ("Role in the report", "role in the report"),
        ("Budapestish word", "budapestish word"),  # a proper name is a whole word
    ],
)
def test_lower_first_keeps_proper_names_and_acronyms(label, expected):
    assert viz_states.lower_first(label) == expected


def test_state_chart_titles_keep_budapest_capitalised(table):
    facts = states.report_state_facts(table)
    for build in (viz.state_map, viz.state_facets_chart):
        view = next(v for v in build(facts).views if v.key == "budapest-status")
        assert "Budapest status" in view.title and "Budapest status" in view.caption
        assert "budapest status" not in (view.title + view.caption)


# --- hovers by basis ----------------------------------------------------------------------------


def test_names_by_basis_groups_states_by_how_their_fact_is_known():
    text = viz_states.names_by_basis(
        ["Peru", "Armenia", "Spain", "Paraguay", "Estonia"],
        ["inferred", "official", "secondary", "", "official"],
    )
    assert text.split("<br>") == [
        "official record: Armenia, Estonia",
        "secondary report: Spain",
        "inferred: Peru",
        "Paraguay",
    ]
    assert viz_states.names_by_basis([], []) == "none"
    assert "&lt;b&gt;" in viz_states.names_by_basis(["<b>"], ["official"])


# --- Budapest status by vote (04) ---------------------------------------------------------------


def test_budapest_by_vote_hatches_and_names_every_inferred_status(table, report):
    chart = viz.budapest_by_vote_chart(table)
    inferred = set(report.loc[report["budapest_status_basis"] == "inferred", "name"])
    assert inferred  # the shipped data has inferred statuses (Peru, the five "none")
    for k, view in enumerate(chart.views):
        shown = [t for t, v in zip(chart.figure.data, view.data["visible"], strict=True) if v]
        assert sum(sum(t.y) for t in shown) == len(report)
        in_hatched, in_solid = set(), set()
        for t in shown:
            names = {
                n.strip()
                for hover, y in zip(t.customdata, t.y, strict=True)
                if y
                for line in html.unescape(hover).split("<br>")
                for n in line.split(":")[-1].split(",")
            }
            if _hatched(t):
                assert all(x.endswith(" (inferred)") for x in t.x), t.x
                assert dict(t.marker.pattern.to_plotly_json()) == palettes.INFERRED_PATTERN
                assert t.showlegend is False and "(inferred)" in t.name
                in_hatched |= names
            else:
                assert not any(x.endswith("(inferred)") for x in t.x)
                in_solid |= names
        assert inferred <= in_hatched, k
        assert not inferred & in_solid, k
    # the legend keeps one entry per vote, in the vote's colour
    legend = {t.name for t in chart.figure.data if t.showlegend is not False}
    assert legend <= set(palettes.VOTE_COLOURS)


def test_budapest_by_vote_hovers_tell_official_from_secondary(table, report):
    chart = viz.budapest_by_vote_chart(table)
    hovers = " ".join(html.unescape(h) for t in chart.figure.data for h in t.customdata)
    hovers = hovers.replace("<br>", " ")
    graded = report.dropna(subset=["budapest_status_basis"])
    for basis, label in (("official", "official record:"), ("secondary", "secondary report:")):
        name = graded.loc[graded["budapest_status_basis"] == basis, "name"].iloc[0]
        assert re.search(re.escape(label) + r"[^:]*" + re.escape(name), hovers), name
    rows = chart.data
    assert "(inferred)" in " ".join(rows.iloc[:, 1])  # the CSV names the inferred statuses


def test_budapest_by_vote_follows_the_basis_column(table, report):
    mexico = report.loc[report["iso3"] == "MEX"].iloc[0]
    assert mexico["budapest_status"] == "invited" and mexico["budapest_status_basis"] != "inferred"
    regraded = viz.budapest_by_vote_chart(_regraded(table, "MEX", "budapest_status", "inferred"))
    cats = set(regraded.figure.layout.xaxis.categoryarray)
    assert "invited (inferred)" in cats and "invited" not in cats
    n_inferred = int((report["budapest_status_basis"] == "inferred").sum())
    assert f"the {n_inferred + 1} statuses known only by inference" in regraded.alt
    assert "Mexico" in regraded.caption
    # without basis columns nothing is hatched or named inferred
    bare = viz.budapest_by_vote_chart(table.drop(columns=["budapest_status_basis"]))
    assert not any(_hatched(t) for t in bare.figure.data)
    assert not any("(inferred)" in x for x in bare.figure.layout.xaxis.categoryarray)


def test_state_map_hovers_say_how_each_fact_is_known_and_the_us_caveat(table):
    facts = states.report_state_facts(table)
    chart = viz.state_map(facts)
    hovers = {}
    for view in chart.views:
        for t, v in zip(chart.figure.data, view.data["visible"], strict=True):
            if v and t.type == "scattergeo":
                for iso3, hover in zip(t.locations, t.customdata, strict=True):
                    hovers[(view.key, iso3)] = html.unescape(hover).replace("<br>", " ")
    graded = facts.set_index("iso3")["budapest_status_basis"].dropna()
    for iso3, how in graded.items():
        assert f"known: {basis_label(how)}" in hovers[("budapest-status", iso3)], iso3
    assert "observer" in hovers[("regional-group", "USA")]
    assert not any("observer" in h for (k, i), h in hovers.items() if i != "USA")


# --- State facts (05) ---------------------------------------------------------------------------


def test_state_facets_tag_the_inferred_value_not_the_role(table):
    facts = viz_states.with_basis(states.report_state_facts(table), table)
    chart = viz.state_facets_chart(facts)
    roles = set(facts["role"])
    legend = {t.name for t in chart.figure.data if t.showlegend is not False}
    assert legend <= roles  # roles only, never "role (inferred)"
    for view in chart.views:
        shown = [t for t, v in zip(chart.figure.data, view.data["visible"], strict=True) if v]
        for t in shown:
            if _hatched(t):
                assert t.x and all(x.endswith(" (inferred)") for x in t.x)
                assert t.showlegend is False
            else:
                assert not any(x.endswith("(inferred)") for x in t.x)
    budapest = next(v for v in chart.views if v.key == "budapest-status")
    n_inferred = int((facts["budapest_status_basis"] == "inferred").sum())
    shown = [t for t, v in zip(chart.figure.data, budapest.data["visible"], strict=True) if v]
    assert sum(sum(t.y) for t in shown if _hatched(t)) == n_inferred
    assert "none (inferred)" in budapest.layout["xaxis.categoryarray"]
    # the categories come in the same order as on the Budapest status by vote chart
    by_vote = viz.budapest_by_vote_chart(table).figure.layout.xaxis.categoryarray
    assert budapest.layout["xaxis.categoryarray"] == list(by_vote)
    hovers = " ".join(html.unescape(h) for t in shown for h in t.customdata)
    assert "official record:" in hovers and "secondary report:" in hovers
    assert "inferred:" in hovers
    counts = facts["budapest_status_basis"].value_counts()
    assert f"official record: {counts['official']}" in budapest.caption
    assert f"inferred: {counts['inferred']}" in budapest.caption
    known = chart.data.loc[chart.data["fact"] == budapest.label]
    assert set(known.loc[known["value"].str.endswith("(inferred)"), "known"]) == {"inferred"}


# --- timeline -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "basis"),
    [
        ("Council of Europe treaty office (ETS 185)", "official"),
        ("A/C.3/72/12", "official"),
        ("UN Treaty Collection MTDSG chapter XVIII-16; UN press release GA/12671", "official"),
        ("UNODC Ad Hoc Committee home page (copy of 12 May 2024)", "official"),
        ("UNODC Expert Group page; preamble of A/RES/74/247", "official"),
        ("unodc.org ...cybercrime2019.html", "official"),
        ("Sputnik 14 Nov 2018 (Third Committee vote)", "secondary"),
        ("Russian MFA 22 Nov 2019", "secondary"),
        ("Voeten UNGA voting data (unvotes rcid 6138); Russian MFA press release", "secondary"),
        # a third party's copy of a UN document is not the UN's own record
        ("technodocbox.com/73710661-Unodc-ccpcj-eg-4-2017-4.html (opening only)", "secondary"),
        ("readkong copy of UNODC/CCPCJ/EG.4/2021/CRP.1", "secondary"),
        # an official record among the sources makes the event official
        ("readkong copy of UNODC/CCPCJ/EG.4/2021/CRP.1; unodc.org ..._2021.html", "official"),
        # a semicolon inside parentheses does not separate sources
        ("TASS (see UNODC; the press); SCMP", "secondary"),
        ("", ""),
    ],
)
def test_event_basis_rule(source, basis):
    assert tl.event_basis(source) == basis


def test_timeline_marks_secondary_events_open_and_says_how_each_is_known():
    meetings = eg.external.expert_group_meetings()
    events = eg.external.treaty_events()
    chart = viz.timeline(meetings, events, highlight="5th")
    marks = {}
    for t in chart.figure.data:
        assert t.marker.color == palettes.MARK  # colour keeps one meaning; shape tells the basis
        for x, symbol, data in zip(t.x, t.marker.symbol, t.customdata, strict=True):
            marks[(x, html.unescape(data[0]))] = (symbol, data[3])
            assert ("Known from: %{customdata[3]}") in t.hovertemplate
    adopted = {k: v for k, v in marks.items() if k[1].startswith("General Assembly adopts res")}
    assert adopted and all(v == ("circle-open", "secondary report") for v in adopted.values())
    budapest = next(v for k, v in marks.items() if k[1].startswith("Budapest Convention (ETS"))
    assert budapest == ("circle", "official record")
    star = [v for v in marks.values() if v[0].startswith("star")]
    assert star == [("star", "official record")]
    n_open = sum(v[0].endswith("-open") for v in marks.values())
    assert n_open == sum(tl.event_basis(s) != "official" for s in chart.data["source"])
    assert f"({n_open} events)" in chart.caption and f"the {n_open} events" in chart.alt
    assert set(chart.data["known from"]) == {"official record", "secondary report"}


def test_timeline_basis_follows_the_source_cell():
    meetings = eg.external.expert_group_meetings()
    events = eg.external.treaty_events().copy()
    row = events["event"].str.startswith("General Assembly adopts resolution 74/247")
    events.loc[row, "source"] = "A/74/PV.52 (official record of the plenary meeting)"
    fig = viz.timeline_figure(meetings, events, highlight="5th")
    ga = next(t for t in fig.data if t.name == "General Assembly")
    symbol = dict(zip(ga.x, ga.marker.symbol, strict=True))
    assert symbol["2019-12-27"] == "circle" and symbol["2018-12-17"] == "circle-open"


# --- key findings (01) --------------------------------------------------------------------------


def _text(box: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", box))


def test_key_findings_count_the_inferred_statuses(table, report):
    facts = eg.report_facts()
    text = _text(key_findings(facts, table).html)
    how = report["budapest_status_basis"]
    none = report["budapest_status"] == "none"
    n_none = int(none.sum())
    assert n_none and int((none & (how == "inferred")).sum()) == n_none
    assert f"{n_none} none (all {n_none} inferred)" in text
    n_inferred = int((how == "inferred").sum())
    assert f"{n_inferred} by inference from other facts" in text
    assert f"{int((how == 'official').sum())} from official records" in text
    assert "The votes are known from a secondary report" in text
    # regrade one status: the sentence follows the data
    text2 = _text(key_findings(facts, _regraded(table, "MEX", "budapest_status", "inferred")).html)
    n_inv = int((report["budapest_status"] == "invited").sum())
    assert f"{n_inv} invited (all {n_inv} inferred)" in text2
    assert f"{n_inferred + 1} by inference from other facts" in text2


def test_key_findings_quote_the_positions_in_the_reports_words():
    raw = " ".join(eg.raw_text().split())
    for stance in _STANCES.values():
        quotes = re.findall(r'"([^"]+)"', stance)
        assert quotes
        for quote in quotes:
            assert quote in raw, quote
    text = _text(key_findings(eg.report_facts(), eg.states_table()).html)
    assert (
        "considering the negotiation of a new global legal instrument on cybercrime within the "
        "framework of the United Nations" in text
    )
    assert "for a new UN instrument" not in text
