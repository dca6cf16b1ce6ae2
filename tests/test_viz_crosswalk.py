"""Charts and blocks of the Budapest crosswalk chapter (cybercrime_eg.viz.crosswalk)."""

from __future__ import annotations

import html as _html
import io
import re
import urllib.parse

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg import budapest_crosswalk as cw
from cybercrime_eg.viz import crosswalk as cxv


@pytest.fixture(scope="module")
def inputs():
    rec = eg.recommendations()
    articles = cw.load_articles()
    table = cw.build_crosswalk(rec, eg.raw_text(), cw.load_rules(), articles)
    return rec, articles, table


@pytest.fixture(scope="module")
def plotted(inputs):
    rec, articles, table = inputs
    return cxv.matrix_data(table, rec, articles)


def test_matrix_data_is_the_crosswalk_with_titles_in_document_order(inputs, plotted):
    rec, _, table = inputs
    assert len(plotted) == len(table)
    assert list(dict.fromkeys(plotted["item_id"])) == rec["id"].tolist()
    matched = plotted[plotted["relation"] != "none"]
    assert matched["title"].notna().all() and matched["chapter"].notna().all()
    assert plotted.loc[plotted["relation"] == "none", "title"].isna().all()
    assert plotted["item_text"].notna().all()


def test_matrix_plots_exactly_the_rows_of_its_frame(plotted):
    chart = cxv.crosswalk_matrix(plotted)
    fig = chart.figure
    assert sum(len(t.x) for t in fig.data) == len(plotted)
    by_name = {t.name: t for t in fig.data}
    none = by_name[cxv.RELATION_LABELS["none"]]
    assert set(none.x) == {cxv.NONE_COLUMN}
    assert set(none.y) == set(plotted.loc[plotted["relation"] == "none", "item_id"])
    provides = by_name[cxv.RELATION_LABELS["provides"]]
    assert ("II·16", "1(k)(i)") in set(zip(provides.x, provides.y, strict=True))
    # columns: chapter·article in article order, then the 'none' column
    columns = list(fig.layout.xaxis.categoryarray)
    assert columns[-1] == cxv.NONE_COLUMN
    numbers = [int(c.split("·")[1]) for c in columns[:-1]]
    assert numbers == sorted(numbers)
    assert fig.layout.title.text.endswith("?")


def test_matrix_caption_and_alt_are_computed_from_the_data(inputs, plotted):
    rec, _, table = inputs
    summary = cw.crosswalk_summary(table, rec)
    chart = cxv.crosswalk_matrix(plotted)
    assert f"{summary['n_none']} of {len(rec)} items have no counterpart" in chart.caption
    assert f"{summary['n_pairs_provides']} pairs where the article provides" in chart.caption
    assert f"{summary['n_provides']} items have an article that provides them" in chart.alt
    assert "not legal equivalence" in chart.caption
    # fewer rows, other numbers
    smaller = plotted[plotted["item_id"] != "1(a)"]
    other = cxv.crosswalk_matrix(smaller)
    assert f"{summary['n_none'] - 1} of {len(rec) - 1} items" in other.caption


def test_hover_text_is_escaped(plotted):
    data = plotted.copy()
    row = data.index[data["relation"] == "none"][0]
    data.loc[row, "item_text"] = 'Text <script>alert("x")</script>'
    chart = cxv.crosswalk_matrix(data)
    texts = [t for trace in chart.figure.data for t in trace.text]
    assert not any("<script>" in t for t in texts)
    assert any("&lt;script&gt;" in t for t in texts)


def test_csv_download_holds_exactly_the_plotted_rows(plotted):
    block = cxv.csv_download(plotted, "crosswalk.csv", "Download")
    href = re.search(r'href="([^"]+)"', block.html).group(1)
    assert href.startswith("data:text/csv;charset=utf-8,")

    text = urllib.parse.unquote(_html.unescape(href).split(",", 1)[1])
    back = pd.read_csv(io.StringIO(text), dtype="string", keep_default_na=False, na_values=[""])
    assert list(back.columns) == list(plotted.columns)
    assert len(back) == len(plotted)
    assert back["item_id"].tolist() == plotted["item_id"].tolist()
    assert back["evidence"].fillna("").tolist() == plotted["evidence"].fillna("").tolist()
    assert f"({len(plotted)} rows" in block.html
    assert 'download="crosswalk.csv"' in block.html


def test_none_themes_count_the_items_without_counterpart(inputs):
    _, _, table = inputs
    themes = eg.themes_table()
    out = cxv.none_themes(table, themes, {"capacity-building": "Capacity-building"})
    none_items = set(table.loc[table["relation"] == "none", "item_id"])
    for row in out.itertuples(index=False):
        ids = set(row.items.split(", "))
        assert ids <= none_items and len(ids) == row.n_items
        tagged = set(themes.loc[themes["theme"] == row.theme, "item_id"])
        assert ids == tagged & none_items
    assert out["n_items"].is_monotonic_decreasing
    assert "Capacity-building" in out["label"].tolist()


def test_summary_and_claim_quote_the_report_and_compute_every_number(inputs):
    rec, _, table = inputs
    summary = cw.crosswalk_summary(table, rec)
    themes_of_none = cxv.none_themes(table, eg.themes_table())
    block = cxv.claim_html(rec, "1(b)", cxv.summary_html(summary, themes_of_none))
    text_b = rec.set_index("id").loc["1(b)", "text"]

    assert _html.escape(text_b, quote=True) in block.html
    assert "attributes it to no State" in block.html
    assert "not legal equivalence" in block.html
    assert f"<strong>{summary['n_none']}</strong> have no counterpart" in block.html
    numbers = {int(n) for n in re.findall(r"<strong>(\d+)</strong>", block.html)}
    assert numbers == {summary["n_provides"], summary["n_related_only"], summary["n_none"]}
    with pytest.raises(KeyError):
        cxv.claim_html(rec, "9(z)", cxv.summary_html(summary, themes_of_none))


def test_item_table_has_one_row_per_item(plotted):
    block = cxv.item_table_html(plotted)
    assert block.html.count('<th scope="row">') == plotted["item_id"].nunique()
    assert "no counterpart" in block.html
    assert 'tabindex="0"' in block.html and "aria-label" in block.html


def test_scores_table_formats_every_score(inputs):
    rec, _, table = inputs
    scores = cw.evaluate(table, cw.load_gold())
    block = cxv.scores_html({"shipped": scores}, caption="Agreement")
    assert block.html.count('<th scope="row">') == len(scores)
    assert "<caption>Agreement</caption>" in block.html
