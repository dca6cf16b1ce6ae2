"""Chart and widget builders of cybercrime_eg.viz: checks, escaping, callbacks."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

import cybercrime_eg as eg
from cybercrime_eg import viz

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MARKUP = FIXTURES / "report-with-markup.txt"
DANGEROUS = ("<script", "<img", "<b>bold")
render_mod = importlib.import_module("cybercrime_eg.viz.render")


def _bar(**layout) -> go.Figure:
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    fig.update_layout(**layout)
    return fig


def _labelled() -> go.Figure:
    return _bar(title="T", xaxis_title="X", yaxis_title="Y")


# --- render -----------------------------------------------------------------------------------


def test_render_needs_title_axes_caption_alt():
    with pytest.raises(viz.FigureCheckError, match="title"):
        viz.render(_bar(xaxis_title="X", yaxis_title="Y"), caption="c", alt="a")
    with pytest.raises(viz.FigureCheckError, match="yaxis"):
        viz.render(_bar(title="T", xaxis_title="X"), caption="c", alt="a")
    with pytest.raises(viz.FigureCheckError, match="caption"):
        viz.render(_labelled(), caption=" ", alt="a")
    with pytest.raises(viz.FigureCheckError, match="alt"):
        viz.render(_labelled(), caption="c", alt="")


def test_hidden_axes_need_no_title():
    fig = _bar(title="T", xaxis_title="X")
    fig.update_yaxes(visible=False)
    viz.render(fig, caption="c", alt="a")


def test_render_html_is_accessible_offline_and_deterministic():
    chart = viz.render(_labelled(), caption='Caption "quoted" <b>', alt="Alt <img src=x>")
    html = chart._repr_html_()
    assert 'role="img"' in html
    assert 'aria-label="Alt &lt;img src=x&gt;"' in html
    assert "<figcaption" in html and "Caption &quot;quoted&quot; &lt;b&gt;" in html
    assert "<script src" not in html and "cdn" not in html.lower()
    assert "mathjax" not in html.lower()
    assert '"displayModeBar": false' in html or '"displayModeBar":false' in html
    again = viz.render(_labelled(), caption='Caption "quoted" <b>', alt="Alt <img src=x>")
    assert again.html == html


def test_mimebundle_in_book_and_in_jupyter(monkeypatch):
    chart = viz.render(_labelled(), caption="c", alt="a")
    monkeypatch.setenv("CYBERCRIME_EG_CHARTS", "book")
    assert set(chart._repr_mimebundle_()) == {"text/html"}
    monkeypatch.setenv("CYBERCRIME_EG_CHARTS", "jupyter")
    bundle = chart._repr_mimebundle_()
    assert set(bundle) == {"text/html", "application/vnd.plotly.v1+json"}
    assert bundle["application/vnd.plotly.v1+json"]["config"]["displayModeBar"] is False


def test_importing_the_data_api_does_not_import_plotly_or_ipywidgets():
    code = (
        "import sys, cybercrime_eg as eg; eg.recommendations(); "
        "print(json.dumps([m for m in ('plotly', 'ipywidgets') if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == []


def test_hover_text_is_escaped_and_wrapped():
    assert viz.escape_text("<script>") == "&lt;script&gt;"
    wrapped = render_mod.hover_wrap("a <b> " + "word " * 30, width=20)
    assert "<b>" not in wrapped and "&lt;b&gt;" in wrapped and "<br>" in wrapped


# --- timeline ---------------------------------------------------------------------------------


def test_timeline_has_every_event_and_range_buttons():
    meetings = eg.external.expert_group_meetings()
    events = eg.external.treaty_events()
    fig = viz.timeline_figure(meetings, events, highlight="5th")
    tracks = ["Treaties", "General Assembly", "Ad Hoc Committee", "Expert Group"]
    assert [t.name for t in fig.data] == tracks
    # every event row but the Expert Group's own (the meetings table gives those)
    own = events["event"].str.startswith("Expert Group").sum()
    assert sum(len(t.x) for t in fig.data) == len(meetings) + len(events) - own
    dates = {x for t in fig.data for x in t.x}
    for day in ("2001-11-23", "2017-10-11", "2018-12-17", "2019-12-27", "2024-12-24", "2025-10-25"):
        assert day in dates
    views = viz.timeline(meetings, events, highlight="5th").views
    assert [v.label for v in views] == ["2001-2025", "2016-2021"]
    stars = [s for t in fig.data for s in t.marker.symbol if s == "star"]
    assert stars == ["star"]
    # labels of close events on one track sit on either side of their markers
    sides = {a.text: a.xanchor for a in fig.layout.annotations}
    assert (sides["73/187"], sides["74/247"]) == ("right", "left")
    chart = viz.timeline(meetings, events, highlight="5th")
    assert "the 5th meeting of the Expert Group (Vienna, 2019-03-27 to 2019-03-29)" in chart.caption
    assert "73/187 on 17 December 2018" in chart.alt
    hover = " ".join(c[1] for t in fig.data for c in t.customdata).replace("<br>", " ")
    assert "Confidence: medium" in hover  # a row known from one secondary source says so


def test_timeline_without_the_reports_meeting_has_no_star():
    meetings = eg.external.expert_group_meetings()
    chart = viz.timeline(meetings, eg.external.treaty_events(), highlight=None)
    assert not [s for t in chart.figure.data for s in t.marker.symbol if s == "star"]
    assert "not in the meetings table" in chart.caption


def test_timeline_shows_missing_venue_as_not_recorded():
    meetings = pd.DataFrame(
        {
            "meeting": ["9th"],
            "dates": ["2030-01-01/2030-01-02"],
            "venue": [pd.NA],
            "topics_or_agenda": [pd.NA],
            "source": [pd.NA],
        }
    )
    fig = viz.timeline_figure(meetings, eg.external.treaty_events().head(0))
    detail = fig.data[0].customdata[0][1].replace("<br>", " ")
    assert "venue not recorded" in detail and "topics not recorded" in detail


# --- reading view, fixture with markup --------------------------------------------------------


@pytest.fixture(scope="module")
def markup_tables():
    return {
        "paragraphs": eg.paragraphs(MARKUP),
        "recommendations": eg.recommendations(MARKUP),
        "mentions": eg.mentions(MARKUP),
        "raw": eg.raw_text(MARKUP),
        "info": eg.report_info(MARKUP),
    }


def _assert_escaped(html: str) -> None:
    for bad in DANGEROUS:
        assert bad not in html, f"unescaped {bad!r} in output"
    assert "&lt;script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_report_view_escapes_markup_in_the_report(markup_tables):
    t = markup_tables
    raw = t["raw"]
    assert "<script>" in raw and "onerror" in raw  # the fixture is what we think it is
    themes = pd.DataFrame({"item_id": ["1(a)"], "theme": ["<script>x</script>"]})
    view = viz.report_view(
        t["paragraphs"], t["recommendations"], t["mentions"], raw, info=t["info"], themes=themes
    )
    _assert_escaped(view._repr_html_())


def test_report_view_marks_entities_and_themes():
    view = viz.report_view(
        eg.paragraphs(),
        eg.recommendations(),
        eg.mentions(),
        eg.raw_text(),
        themes=pd.DataFrame({"item_id": ["1(b)"], "theme": ["new-instrument"]}),
        theme_labels={"new-instrument": "New global instrument"},
    )
    html = view.html
    assert html.count("<details>") == len(eg.paragraphs()) + len(eg.recommendations())
    assert 'class="cyb-entity cyb-instrument"' in html and ">Budapest Convention</mark>" in html
    assert ">New global instrument</span>" in html
    assert "characters 710–1226" in html  # offsets of 1(a) shown in its compare panel


def test_chart_hover_escapes_report_text(markup_tables):
    recs = markup_tables["recommendations"]
    fig = go.Figure(
        go.Bar(
            x=list(recs["id"]),
            y=[1] * len(recs),
            hovertext=[render_mod.hover_wrap(t) for t in recs["text"]],
        )
    )
    fig.update_layout(title="T", xaxis_title="X", yaxis_title="Y")
    html = viz.render(fig, caption="c", alt="a").html
    payload = html[html.index("Plotly.newPlot") :]
    assert "<script>alert" not in payload and "\\u003cscript\\u003ealert" not in payload
    assert "\\u0026lt;script\\u0026gt;" in payload or "&lt;script&gt;" in payload


# --- widgets: drive the callbacks -------------------------------------------------------------


def test_report_reader_callback_changes_the_view():
    box = viz.report_reader(eg.paragraphs(), eg.recommendations(), eg.mentions(), eg.raw_text())
    chooser, view = box.children
    assert chooser.value == ("item", "1(a)")
    before = view.value
    assert "characters 710–1226" in before
    chooser.value = ("item", "1(k)(iii)")
    assert view.value != before
    assert "Item 1(k)(iii)" in view.value and "traffic data" in view.value
    chooser.value = ("paragraph", "7")
    assert "Armenia" in view.value


def test_report_reader_escapes(markup_tables):
    t = markup_tables
    box = viz.report_reader(t["paragraphs"], t["recommendations"], t["mentions"], t["raw"])
    chooser, view = box.children
    chooser.value = ("item", "1(b)")
    for bad in DANGEROUS:
        assert bad not in view.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.value


@pytest.fixture()
def items() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["1(a)", "1(b)", "1(c)"],
            "text": [
                "Negotiate a new treaty",
                "Use the Budapest Convention",
                "Train <b>police</b>",
            ],
            "themes": [["new-instrument"], ["existing-instruments"], ["capacity-building"]],
            "instruments": [[], ["Budapest Convention"], []],
            "actors": [["Member States"], ["Member States"], ["UNODC"]],
        }
    )


def test_filter_table(items):
    assert list(viz.filter_table(items, theme="new-instrument")["id"]) == ["1(a)"]
    assert list(viz.filter_table(items, instrument="Budapest Convention")["id"]) == ["1(b)"]
    assert list(viz.filter_table(items, actor="Member States")["id"]) == ["1(a)", "1(b)"]
    assert list(viz.filter_table(items, text="TRAIN")["id"]) == ["1(c)"]
    assert viz.filter_table(items, theme="new-instrument", text="budapest").empty


def test_theme_explorer_callbacks_change_the_table(items):
    box = viz.theme_explorer(items, {"new-instrument": "New global instrument"})
    filters, text, out = box.children
    theme, instrument, actor = filters.children
    assert "3 item(s)" in out.value
    assert "<b>police" not in out.value and "&lt;b&gt;police" in out.value
    theme.value = "new-instrument"
    assert "1 item(s)" in out.value and "Negotiate" in out.value
    theme.value = ""
    actor.value = "UNODC"
    assert "1 item(s)" in out.value and "Train" in out.value
    actor.value = ""
    text.value = "nothing like this"
    assert "No recommendation matches" in out.value
    text.value = ""
    instrument.value = "Budapest Convention"
    assert "1 item(s)" in out.value and "Budapest" in out.value


def test_state_comparison_callback_changes_the_columns():
    profiles = pd.DataFrame(
        {
            "iso3": ["ARM", "EST", "PER"],
            "name": ["Armenia", "Estonia", "Peru <script>"],
            "budapest": ["party", "party", pd.NA],
        }
    )
    box = viz.state_comparison(profiles)
    select, out = box.children
    assert select.value == ("ARM", "EST")
    assert "Armenia" in out.value and "Peru" not in out.value
    select.value = ("ARM", "EST", "PER")
    assert "Peru &lt;script&gt;" in out.value and "not recorded" in out.value
    select.value = ()
    assert "Select one or more States" in out.value


def test_state_comparison_shows_states_in_the_lists_order_first_and_after_a_change():
    """The first table and the table after re-selecting the same States are the same: columns in
    the list's order, whatever order ``initial`` gives (JupyterLab sends values in that order)."""
    profiles = pd.DataFrame(
        {"iso3": ["ARM", "CRI", "MYS"], "name": ["Armenia", "Costa Rica", "Malaysia"]}
    )
    box = viz.state_comparison(profiles, initial=["MYS", "ARM"])
    select, out = box.children
    first = out.value
    assert select.value == ("ARM", "MYS")
    assert first.index("Armenia") < first.index("Malaysia")
    select.value = ("CRI",)
    select.value = ("MYS", "ARM")
    assert out.value == first


def test_data_dictionary_and_downloads(tmp_path, monkeypatch):
    from cybercrime_eg import paths

    package = paths.processed_dir() / "datapackage.json"
    dd = eg.data_dictionary()
    assert {"table", "field", "type", "required", "description"} <= set(dd.columns)
    assert "recommendations.csv" in set(dd["table"])
    monkeypatch.chdir(paths.processed_dir())
    links = viz.download_links(eg.datapackage(), paths.processed_dir(), zip_path="/x.zip")
    links = links._repr_markdown_()
    assert "{download}`datapackage.json <./datapackage.json>`" in links
    assert links.count("{download}") == len(json.loads(package.read_text())["resources"]) + 2


def test_table_html_lists_become_an_escaped_numbered_list():
    import pandas as pd

    from cybercrime_eg.viz import table_html

    frame = pd.DataFrame(
        {"aspect": ["claims", "note"], "(a)": [["first <b>", "second"], "one\ntwo"]}
    )
    html = table_html(frame, caption="Claims").html
    assert '<ol class="cyb-list"><li>first &lt;b&gt;</li><li>second</li></ol>' in html
    assert "one<br>two" in html and "\\n" not in html and "\n" not in html
    assert 'class="cyb-scroll' in html and 'tabindex="0"' in html and 'aria-label="Claims"' in html
    assert '<th scope="row">claims</th>' in html


def test_fit_layout_breaks_long_labels_and_keeps_the_data():
    import plotly.graph_objects as go

    from cybercrime_eg.viz import render

    names = ["Procedural powers and electronic evidence", "Short"]
    fig = go.Figure(go.Bar(x=[1, 2], y=names, orientation="h"))
    fig.update_layout(title="T", xaxis_title="Count", yaxis_title="Theme")
    chart = render(fig, caption="c", alt="a bar chart of two themes")
    layout = chart.figure.layout
    assert list(layout.yaxis.tickvals) == names
    assert layout.yaxis.ticktext[0] == "Procedural powers and<br>electronic evidence"
    assert list(chart.figure.data[0].y) == names  # hover keeps the full label
    assert layout.legend.orientation == "h" or layout.template.layout.legend.orientation == "h"


def test_book_build_refuses_trace_types_missing_from_the_bundle(monkeypatch):
    import plotly.graph_objects as go

    from cybercrime_eg.viz import FigureCheckError, render

    monkeypatch.setenv("CYBERCRIME_EG_CHARTS", "book")
    fig = go.Figure(go.Pie(values=[1, 2], labels=["a", "b"]))
    fig.update_layout(title="Pie")
    with pytest.raises(FigureCheckError, match="not in the book's plotly.js bundle"):
        render(fig, caption="c", alt="a pie chart of two parts")


def test_timeline_labels_on_one_track_and_side_do_not_meet():
    tl = importlib.import_module("cybercrime_eg.viz.timeline")  # viz.timeline is the chart

    events = tl.event_list(eg.external.treaty_events())
    events += tl.meeting_events(eg.external.expert_group_meetings(), "5th")
    placed = [e for e in tl._spread(events) if e.short]
    start, per_px = tl.label_scale(events)

    def box(e):
        return tl.label_box(e, start, per_px)

    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            if (a.track, a.above) == (b.track, b.above):
                (a0, a1), (b0, b1) = box(a), box(b)
                assert a1 <= b0 or b1 <= a0, (a.short, b.short)
    votes = {e.short: e for e in placed if e.short in ("73/187", "74/247")}
    assert len(votes) == 2  # the two resolutions a year apart are both labelled
