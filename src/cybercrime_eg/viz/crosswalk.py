"""Charts and blocks of the chapter "Is it already in Budapest?" (the Budapest crosswalk).

Every builder takes frames (the crosswalk table of :mod:`~cybercrime_eg.budapest_crosswalk`,
the recommendations, the Budapest articles reference table) and returns something the book and
Jupyter display. The matrix is built from one frame, :func:`matrix_data`, and
:func:`csv_download` offers exactly that frame as CSV, so the download holds the plotted rows.
Counts in captions, alt texts and prose are computed from the data.

Matching wording is not legal equivalence; the report attributes positions (a) and (b) to no
State. This module imports only ``viz.render`` and ``viz.palettes`` of the ``viz`` package.
"""

from __future__ import annotations

import html
import urllib.parse
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ..checks import require_frame, require_mapping
from ..vocab import caveat
from .palettes import MARK
from .render import Chart, escape_text, hover_wrap, render, style

__all__ = [
    "CAVEAT",
    "RELATION_LABELS",
    "RELATION_SYMBOLS",
    "CrosswalkBlock",
    "claim_html",
    "crosswalk_matrix",
    "csv_download",
    "item_table_html",
    "matrix_data",
    "none_themes",
    "position_block",
    "scores_html",
    "summary_html",
]

#: The columns of :func:`matrix_data` that every builder of this module reads.
_DATA_COLUMNS = ["item_id", "article", "relation"]

#: A relation is told by the mark's shape, in the one colour of marks that stand for no category
#: (:data:`~cybercrime_eg.viz.palettes.MARK`): green here would read as "party" on the Budapest
#: status charts.
RELATION_SYMBOLS: dict[str, str] = {
    "provides": "square",
    "related": "square-open",
    "none": "x-thin-open",
}
RELATION_LABELS: dict[str, str] = {
    "provides": "an article provides it",
    "related": "an article is related (partly)",
    "none": "no counterpart",
}
#: The column of the matrix that holds the items with no counterpart.
NONE_COLUMN = "none"

CAVEAT = (
    "Matching wording is not legal equivalence: a cell says that an item's words name what an "
    "article provides, not that the article meets the request in law or in practice."
)

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


@dataclass
class CrosswalkBlock:
    """A block of HTML that Jupyter and the book display as ``text/html``."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _chapter_numeral(chapter: object) -> str:
    """'Chapter III – International co-operation / ...' -> 'III'."""
    if chapter is None or pd.isna(chapter):
        return ""
    head = str(chapter).split(" / ")[0].split(" – ")[0].split(" - ")[0]
    return head.replace("Chapter", "").strip()


def _chapter_name(chapter: object) -> str:
    """'Chapter III – International co-operation / ...' -> 'International co-operation'."""
    if chapter is None or pd.isna(chapter):
        return ""
    head = str(chapter).split(" / ")[0]
    return head.split(" – ", 1)[1].strip() if " – " in head else head.strip()


def _article_sort(article: object) -> int:
    text = str(article)
    return int(text) if text.isdigit() else 10**6


def matrix_data(
    crosswalk: pd.DataFrame, recommendations: pd.DataFrame, articles: pd.DataFrame
) -> pd.DataFrame:
    """The rows the crosswalk matrix plots: the crosswalk with article title and chapter, and
    the item's cleaned text.

    Columns ``item_id, item_text, instrument, article, title, chapter, relation, evidence,
    start, end``, in document order of the items and article order. ``start``/``end`` are the
    evidence's offsets in the raw report.
    """
    require_frame("crosswalk", crosswalk, ["item_id", "instrument", "article", "relation"])
    require_frame("recommendations", recommendations, ["id", "text"])
    require_frame("articles", articles, ["instrument", "article", "title", "chapter"])
    ref = articles[["instrument", "article", "title", "chapter"]].astype("string")
    out = crosswalk.merge(ref, on=["instrument", "article"], how="left", validate="many_to_one")
    texts = dict(zip(recommendations["id"].astype(str), recommendations["text"], strict=True))
    order = {str(i): n for n, i in enumerate(recommendations["id"].astype(str))}
    out["item_text"] = [texts.get(str(i), pd.NA) for i in out["item_id"]]
    out["_item"] = [order.get(str(i), len(order)) for i in out["item_id"]]
    out["_art"] = [_article_sort(a) for a in out["article"]]
    out = out.sort_values(["_item", "_art"], kind="stable").drop(columns=["_item", "_art"])
    cols = ["item_id", "item_text", "instrument", "article", "title", "chapter", "relation",
            "evidence", "start", "end"]  # fmt: skip
    dtypes = {c: "string" for c in cols} | {"start": "Int64", "end": "Int64"}
    return out[cols].astype(dtypes).reset_index(drop=True)


def _column_labels(data: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """Article columns in article order: (keys, tick labels 'II·16', chapter numerals)."""
    arts = data.loc[data["relation"] != "none", ["article", "chapter"]].drop_duplicates("article")
    arts = arts.assign(_n=[_article_sort(a) for a in arts["article"]]).sort_values("_n")
    keys = [str(a) for a in arts["article"]]
    numerals = [_chapter_numeral(c) for c in arts["chapter"]]
    ticks = [f"{n}·{a}" if n else a for n, a in zip(numerals, keys, strict=True)]
    return keys, ticks, numerals


def _hover(row: pd.Series) -> str:
    item = escape_text(row["item_id"])
    if row["relation"] == "none":
        text = row["item_text"] if not pd.isna(row["item_text"]) else ""
        short = str(text) if len(str(text)) <= 220 else str(text)[:217].rsplit(" ", 1)[0] + " …"
        return f"<b>{item}</b>: no article matched<br>{hover_wrap(short, 60)}"
    title = "" if pd.isna(row["title"]) else str(row["title"])
    chapter = _chapter_name(row["chapter"])
    return (
        f"<b>{item}</b> · Article {escape_text(row['article'])}<br>{hover_wrap(title, 60)}"
        f"<br><i>{escape_text(chapter)}</i><br>{escape_text(RELATION_LABELS[str(row['relation'])])}"
        f"<br>Evidence: “{hover_wrap(str(row['evidence']), 60)}”"
    )


def crosswalk_matrix(data: pd.DataFrame) -> Chart:
    """Items (rows) against the Budapest articles they ask for (columns, grouped by chapter).

    ``data`` is :func:`matrix_data`; every row of it is one square of the chart (a ``none``
    row sits in the last column). Hover shows the article's title and the item's words that
    matched. Legend entries hide or show a relation.
    """
    require_frame("data", data, _DATA_COLUMNS, what="matrix_data()")
    keys, ticks, numerals = _column_labels(data)
    x_of = dict(zip(keys, ticks, strict=True))
    columns = ticks + ([NONE_COLUMN] if (data["relation"] == "none").any() else [])
    items = list(dict.fromkeys(data["item_id"].astype(str)))
    fig = go.Figure()
    for relation in ("provides", "related", "none"):
        sub = data[data["relation"] == relation]
        if sub.empty:
            continue
        xs = [NONE_COLUMN if relation == "none" else x_of[str(a)] for a in sub["article"]]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=sub["item_id"].astype(str).tolist(),
                mode="markers",
                name=RELATION_LABELS[relation],
                marker={
                    "symbol": RELATION_SYMBOLS[relation],
                    "size": 15 if relation != "none" else 11,
                    "color": MARK,
                    "line": {"width": 2, "color": MARK},
                },
                text=[_hover(r) for _, r in sub.iterrows()],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    # thin lines between the chapters (and before the 'none' column)
    bounds = [i for i in range(1, len(numerals)) if numerals[i] != numerals[i - 1]]
    if len(columns) > len(ticks):
        bounds.append(len(ticks))
    for b in bounds:
        fig.add_shape(
            type="line",
            xref="x",
            yref="paper",
            x0=b - 0.5,
            x1=b - 0.5,
            y0=0,
            y1=1,
            line={"color": "rgba(128,128,128,0.6)", "width": 1, "dash": "dot"},
        )
    n_items = len(items)
    fig.update_layout(
        title={"text": "Which suggestions does the Budapest Convention already provide for?"},
        xaxis={
            "title": {"text": "Budapest Convention: chapter·article"},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": columns,
            "range": [-0.5, len(columns) - 0.5],
            "showgrid": True,
        },
        yaxis={
            "title": {"text": "Suggestion (item of paragraph 1)"},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": items,
            "range": [n_items - 0.5, -0.5],
            "showgrid": True,
        },
    )
    summary = _counts(data)
    chapters = sorted(
        {(_chapter_numeral(c), _chapter_name(c)) for c in data["chapter"].dropna()},
        key=lambda nc: _ROMAN.get(nc[0], 99),
    )
    chapter_text = "; ".join(f"{n}: {name}" for n, name in chapters)
    caption = (
        f"Each mark pairs a suggestion with an article of the Budapest Convention whose subject "
        f"its words name: {summary['pairs_provides']} pairs where the article provides what "
        f"is asked, {summary['pairs_related']} where it is only related; "
        f"{summary['n_none']} of {n_items} items have no counterpart (a cross in the last column). "
        f"Columns are articles by chapter ({chapter_text}). Hover a mark for the article's "
        f"title and the item's words; click a legend entry to hide it. {CAVEAT} Source: "
        "crosswalk table (data/crosswalk_rules.yml applied to the shipped report, reviewed by "
        "hand) and budapest_articles.csv (English text of ETS 185)."
    )
    alt = (
        f"Matrix of {n_items} suggestions against {len(ticks)} articles of the Budapest "
        f"Convention. {summary['n_provides']} items have an article that provides them, "
        f"{summary['n_related_only']} only related articles and {summary['n_none']} none."
    )
    plotted = pd.DataFrame(
        {
            "Suggestion (item of paragraph 1)": data["item_id"].astype("string"),
            "Budapest Convention: chapter·article": [
                NONE_COLUMN if r == "none" else x_of[str(a)]
                for a, r in zip(data["article"], data["relation"], strict=True)
            ],
            "relation": [RELATION_LABELS[str(r)] for r in data["relation"]],
            "article title": data["title"],
            "item's words that matched": data["evidence"],
            "start": data["start"],
            "end": data["end"],
            "source": "crosswalk table; budapest_articles.csv (ETS 185)",
        }
    )
    return render(
        style(fig),
        caption=caption,
        alt=alt,
        height=max(460, 26 * n_items + 220),
        min_width=max(560, 20 * len(columns) + 130),
        data=plotted,
        name="budapest-crosswalk",
    )


def _counts(data: pd.DataFrame) -> dict[str, int]:
    best: dict[str, str] = {}
    for item, relation in zip(data["item_id"], data["relation"], strict=True):
        rank = {"provides": 0, "related": 1, "none": 2}[str(relation)]
        if (
            str(item) not in best
            or rank < {"provides": 0, "related": 1, "none": 2}[best[str(item)]]
        ):
            best[str(item)] = str(relation)
    values = list(best.values())
    return {
        "n_items": len(values),
        "n_provides": values.count("provides"),
        "n_related_only": values.count("related"),
        "n_none": values.count("none"),
        "pairs_provides": int((data["relation"] == "provides").sum()),
        "pairs_related": int((data["relation"] == "related").sum()),
    }


def csv_download(data: pd.DataFrame, filename: str, label: str) -> CrosswalkBlock:
    """A link that downloads ``data`` as CSV (a ``data:`` URI: no file, no network)."""
    text = data.to_csv(index=False, lineterminator="\n")
    href = "data:text/csv;charset=utf-8," + urllib.parse.quote(text)
    return CrosswalkBlock(
        f'<p class="cyb-download"><a href="{html.escape(href, quote=True)}" '
        f'download="{html.escape(filename, quote=True)}">{html.escape(label)}</a> '
        f"({len(data)} rows, the rows plotted above)</p>"
    )


def none_themes(
    crosswalk: pd.DataFrame, themes: pd.DataFrame, labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """The themes of the items with no counterpart: ``theme, label, n_items, items``.

    ``themes`` is the themes table (``item_id, theme, ...``). Sorted by number of items, then
    theme id. An item with no counterpart and no theme is not counted.
    """
    none_items = crosswalk.loc[crosswalk["relation"] == "none", "item_id"].astype(str).tolist()
    sub = themes[themes["item_id"].astype(str).isin(none_items)]
    rows = []
    for theme, group in sub.groupby("theme", sort=True):
        ids = [i for i in none_items if i in set(group["item_id"].astype(str))]
        label = (labels or {}).get(str(theme), str(theme))
        rows.append((str(theme), label, len(ids), ", ".join(ids)))
    out = pd.DataFrame(rows, columns=["theme", "label", "n_items", "items"])
    out = out.sort_values(["n_items", "theme"], ascending=[False, True], kind="stable")
    return out.astype({"theme": "string", "label": "string", "n_items": "Int64",
                       "items": "string"}).reset_index(drop=True)  # fmt: skip


def _ids(items: list[str]) -> str:
    return ", ".join(items) if items else "none"


def summary_html(summary: dict, themes_of_none: pd.DataFrame) -> CrosswalkBlock:
    """The chapter's computed summary: items by strongest relation and the themes of the
    items with no counterpart.

    ``summary`` comes from :func:`~cybercrime_eg.budapest_crosswalk.crosswalk_summary`,
    ``themes_of_none`` from :func:`none_themes`.
    """
    require_mapping("summary", summary, what="crosswalk_summary() (a dict)")
    require_frame("themes_of_none", themes_of_none, ["label", "n_items", "items"])
    n = summary["n_items"]
    theme_items = "".join(
        f"<li>{escape_text(r.label)}: {int(r.n_items)} ({escape_text(r.items)})</li>"
        for r in themes_of_none.itertuples(index=False)
    )
    parts = [
        f"<p>Of the report's {n} suggestions and sub-items:</p><ul>",
        f"<li><strong>{summary['n_provides']}</strong> have at least one article of the "
        f"Budapest Convention that provides what they ask "
        f"({escape_text(_ids(summary['provides_items']))});</li>",
        f"<li><strong>{summary['n_related_only']}</strong> have only related articles, which "
        f"touch the request partly ({escape_text(_ids(summary['related_only_items']))});</li>",
        f"<li><strong>{summary['n_none']}</strong> have no counterpart in the Convention's "
        f"articles ({escape_text(_ids(summary['none_items']))}).</li></ul>",
    ]
    if theme_items:
        parts.append(
            "<p>The items with no counterpart fall into these themes (an item can have "
            f"several):</p><ul>{theme_items}</ul>"
        )
    parts.append(
        f"<p>In all, {summary['n_pairs_provides']} item-article pairs are 'provides' and "
        f"{summary['n_pairs_related']} 'related', over {summary['n_articles']} distinct "
        "articles.</p>"
    )
    return CrosswalkBlock('<div class="cyb-crosswalk-summary">' + "".join(parts) + "</div>")


def claim_html(
    recommendations: pd.DataFrame,
    item_id: str,
    summary: CrosswalkBlock,
    labels: tuple[str, ...] = ("(a)", "(b)"),
) -> CrosswalkBlock:
    """Position ``item_id``'s words quoted exactly (from the recommendations table) beside the
    computed summary, with the caveats (matching wording is not legal equivalence; the report
    attributes the positions ``labels`` to no State). Two columns that stack on a narrow screen."""
    rows = recommendations[recommendations["id"].astype(str) == item_id]
    if rows.empty:
        raise KeyError(f"no item {item_id!r} in the recommendations")
    text = str(rows["text"].iloc[0])
    label = str(rows["label"].iloc[0]) if "label" in rows.columns else item_id
    quote = (
        '<blockquote class="cyb-claim" style="flex:1 1 18rem;margin:0">'
        f"<p>{escape_text(text)}</p>"
        f"<footer>Position {escape_text(label)}, paragraph "
        f"{escape_text(rows['paragraph_id'].iloc[0]) if 'paragraph_id' in rows.columns else ''}"
        " of the report (it was suggested; the report attributes it to no State).</footer>"
        "</blockquote>"
    )
    caveats = escape_text(f"{CAVEAT} {caveat(labels)}")
    body = f'<div style="flex:1 1 18rem">{summary.html}<p><em>{caveats}</em></p></div>'
    return CrosswalkBlock(
        f'<div class="cyb-side-by-side" style="display:flex;flex-wrap:wrap;gap:1.5rem">'
        f"{quote}{body}</div>"
    )


def position_block(
    recommendations: pd.DataFrame, positions: dict[str, str], summary: CrosswalkBlock
) -> CrosswalkBlock:
    """The claim for existing instruments quoted beside the summary, or the summary alone with
    one sentence when the report sets out no such position.

    ``positions`` maps an item label to its stance (``ReportFacts.positions``); the item whose
    stance is ``existing-instruments`` is quoted with :func:`claim_html`.
    """
    labels = [label for label, stance in positions.items() if stance == "existing-instruments"]
    rows = recommendations[recommendations["label"].astype(str).isin(labels)]
    if len(rows):
        return claim_html(recommendations, str(rows["id"].iloc[0]), summary, tuple(positions))
    note = (
        "<p>This report sets out no position for existing instruments such as the Budapest "
        "Convention, so no claim is quoted here: the crosswalk below compares its suggestions "
        "with the Convention's articles all the same.</p>"
    )
    return CrosswalkBlock(note + summary.html)


def item_table_html(data: pd.DataFrame) -> CrosswalkBlock:
    """Items left, their articles right (number, title, relation, the words that matched), in a
    table that scrolls in its own box on a narrow screen. ``data`` is :func:`matrix_data`."""
    require_frame("data", data, _DATA_COLUMNS, what="matrix_data()")
    rows = []
    for item, group in data.groupby("item_id", sort=False):
        if (group["relation"] == "none").all():
            arts = "<em>no counterpart</em>"
        else:
            arts = (
                "<ul>"
                + "".join(
                    f"<li>Art. {escape_text(r.article)} {escape_text(r.title)} "
                    f'<span class="cyb-rel">({escape_text(r.relation)})</span>: '
                    f"“{escape_text(r.evidence)}”</li>"
                    for r in group.itertuples(index=False)
                )
                + "</ul>"
            )
        rows.append(f'<tr><th scope="row">{escape_text(item)}</th><td>{arts}</td></tr>')
    return CrosswalkBlock(
        '<div class="cyb-scroll" tabindex="0" role="region" '
        'aria-label="Suggestions and their Budapest articles (scrolls sideways)">'
        '<table class="cyb-table"><caption>Each suggestion and the articles of the Budapest '
        "Convention its words name</caption>"
        '<thead><tr><th scope="col">Item</th><th scope="col">Articles '
        "(relation): the item's words</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )


def scores_html(scores: dict[str, pd.DataFrame], caption: str) -> CrosswalkBlock:
    """Agreement with the hand labels as a table: one row per (label set, score).

    ``scores`` maps a label set's name to :func:`~cybercrime_eg.budapest_crosswalk.evaluate` output.
    """

    def num(value: object) -> str:
        return "n/a" if pd.isna(value) else f"{float(value):.2f}"

    names = {"pair": "(item, article) pairs", "pair+relation": "pairs with their relation",
             "none": "items with no counterpart"}  # fmt: skip
    body = "".join(
        f'<tr><th scope="row">{escape_text(name)}</th>'
        f"<td>{escape_text(names.get(r.score, r.score))}</td><td>{int(r.support)}</td>"
        f"<td>{num(r.precision)}</td><td>{num(r.recall)}</td>"
        f"<td>{num(r.f1)}</td></tr>"
        for name, frame in scores.items()
        for r in frame.itertuples(index=False)
    )
    head = "".join(
        f'<th scope="col">{h}</th>'
        for h in ("Labels", "Scored", "Gold", "Precision", "Recall", "F1")
    )
    return CrosswalkBlock(
        '<div class="cyb-scroll" tabindex="0" role="region" aria-label="Agreement scores">'
        f'<table class="cyb-table"><caption>{escape_text(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )
