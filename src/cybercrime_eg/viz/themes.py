"""Charts of the recommendations' themes: matrix, frequency, co-occurrence, tagger agreement.

Each builder takes the report's frames (theme tags, recommendations, scores) and theme labels;
every title, caption and dropdown entry is computed from them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from .palettes import OKABE_ITO, SEQUENTIAL
from .render import (
    COLORBAR_BELOW,
    Chart,
    above_right,
    escape_text,
    hover_wrap,
    render,
    style,
    wrap_words,
)

__all__ = [
    "agreement_chart",
    "item_subsets",
    "theme_cooccurrence",
    "theme_frequency",
    "theme_matrix",
]


def _theme_label(labels: dict[str, str], theme: str) -> str:
    return labels.get(theme, theme)


def _series(words: Sequence[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def _paragraph_phrase(recommendations: pd.DataFrame) -> str:
    """'item of paragraph 1' or 'items of paragraphs 1 and 3'."""
    paras = list(dict.fromkeys(recommendations.sort_values("start")["paragraph_id"].astype(str)))
    if len(paras) == 1:
        return f"item of paragraph {paras[0]}"
    return f"item of paragraphs {_series(paras)}"


def item_subsets(recommendations: pd.DataFrame) -> dict[str, list[str]]:
    """The views of the theme matrix, named from the report's own labels.

    'All items and sub-items', then, when the report has sub-items, its lettered items
    ('Items (a) to (q)') and the sub-items of each item that has them ('Sub-items of (k)').
    When the items sit in several paragraphs their labels repeat, so the views are named by
    item id ('Items 12(a) to 14(c)', 'Sub-items of 12(b)').
    """
    recs = recommendations.sort_values("start")
    ids = list(recs["id"].astype(str))
    subs = recs[recs["level"] == 2]
    views = {"All items and sub-items" if len(subs) else "All items": ids}
    if subs.empty:
        return views
    one_paragraph = recs["paragraph_id"].nunique() == 1
    name = dict(zip(ids, recs["label" if one_paragraph else "id"].astype(str), strict=True))
    top = [i for i, level in zip(ids, recs["level"], strict=True) if level == 1]
    views[f"Items {name[top[0]]} to {name[top[-1]]}"] = top
    for parent, grp in subs.groupby("parent_id", sort=False):
        views[f"Sub-items of {name.get(str(parent), parent)}"] = list(grp["id"].astype(str))
    return views


def theme_matrix(
    tags: pd.DataFrame, recommendations: pd.DataFrame, labels: dict[str, str], order: Sequence[str]
) -> Chart:
    """Theme by recommendation matrix; hover shows the evidence; a dropdown picks the items."""
    items = list(recommendations.sort_values("start")["id"].astype(str))
    evidence: dict[tuple[str, str], list[str]] = {}
    for row in tags.itertuples(index=False):
        evidence.setdefault((str(row.theme), str(row.item_id)), []).append(str(row.evidence))
    themes = [t for t in order if any(k[0] == t for k in evidence)]
    ylabels = [_theme_label(labels, t) for t in themes]

    def grid(cols: list[str]):
        z, text = [], []
        for t in themes:
            z.append([1 if (t, c) in evidence else 0 for c in cols])
            text.append(
                [
                    hover_wrap("; ".join(evidence[(t, c)]), 60) if (t, c) in evidence else "—"
                    for c in cols
                ]
            )
        return z, text

    subsets = item_subsets(recommendations)
    z, text = grid(items)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=items,
            y=ylabels,
            text=text,
            zmin=0,
            zmax=1,
            colorscale=[[0, "rgba(128,128,128,0.08)"], [1, OKABE_ITO[0]]],
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="<b>%{y}</b> in item %{x}<br>Evidence: %{text}<extra></extra>",
        )
    )
    buttons = []
    for name, cols in subsets.items():
        zz, tt = grid(cols)
        buttons.append(
            {"label": name, "method": "update", "args": [{"z": [zz], "x": [cols], "text": [tt]}]}
        )
    menu = {"buttons": buttons, "direction": "down", "showactive": True}
    fig.update_layout(
        title={"text": "Themes of each recommendation"},
        xaxis={
            "title": {"text": f"Recommendation ({_paragraph_phrase(recommendations)})"},
            "type": "category",
            "dtick": 1,
        },
        yaxis={"title": {"text": "Theme"}, "autorange": "reversed"},
        updatemenus=[above_right(menu)] if len(buttons) > 1 else [],
    )
    n_pairs = len(evidence)
    views = list(subsets)
    dropdown = (
        "; the dropdown shows " + _series([v[0].lower() + v[1:] for v in views], "or")
        if len(views) > 1
        else ""
    )
    return render(
        style(fig),
        caption=(
            f"Each filled cell is a theme found in a recommendation ({n_pairs} item-theme pairs). "
            f"Hover a cell for the words that signalled the theme{dropdown}. Source: themes "
            "table (cybercrime_eg.themes.tag_items on this report)."
        ),
        alt=(
            f"Matrix of {len(themes)} themes by {len(items)} recommendations and sub-items, with "
            f"{n_pairs} filled cells marking which themes each recommendation addresses."
        ),
        height=max(420, 34 * len(themes) + 200),
        min_width=620,
    )


def theme_frequency(
    tags: pd.DataFrame, labels: dict[str, str], order: Sequence[str], n_items: int
) -> Chart:
    """How many recommendations carry each theme; buttons switch to the number of matches."""
    items = tags.groupby("theme")["item_id"].nunique()
    matches = tags.groupby("theme").size()
    themes = [t for t in order if t in items.index]
    themes.sort(key=lambda t: (items[t], matches[t]))
    names = [_theme_label(labels, t) for t in themes]
    fig = go.Figure(
        go.Bar(
            x=[int(items[t]) for t in themes],
            y=names,
            orientation="h",
            marker={"color": OKABE_ITO[0]},
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": "How often each theme occurs"},
        xaxis={"title": {"text": "Recommendations and sub-items"}},
        yaxis={"title": {"text": "Theme"}},
        updatemenus=[
            above_right(
                {
                    "type": "buttons",
                    "direction": "right",
                    "buttons": [
                        {
                            "label": "Items",
                            "method": "update",
                            "args": [
                                {"x": [[int(items[t]) for t in themes]]},
                                {"xaxis.title.text": "Recommendations and sub-items"},
                            ],
                        },
                        {
                            "label": "Matches",
                            "method": "update",
                            "args": [
                                {"x": [[int(matches[t]) for t in themes]]},
                                {"xaxis.title.text": "Phrases matched (evidence)"},
                            ],
                        },
                    ],
                }
            )
        ],
    )
    top = names[-1] if names else "none"
    return render(
        style(fig),
        caption=(
            f"Number of the report's {n_items} recommendations and sub-items tagged with each "
            "theme; the buttons switch between items and matched phrases (an item can match a "
            "theme more than once)."
        ),
        alt=f"Horizontal bar chart of {len(themes)} themes; the most frequent is {top}.",
        height=max(380, 36 * len(themes) + 200),
    )


def theme_cooccurrence(tags: pd.DataFrame, labels: dict[str, str], order: Sequence[str]) -> Chart:
    """Theme by theme: items carrying both; buttons switch to the share of the row's items."""
    by_theme = tags.groupby("theme")["item_id"].apply(lambda s: set(s.astype(str)))
    themes = [t for t in order if t in by_theme.index]
    names = [_theme_label(labels, t) for t in themes]
    counts, shares, hover = [], [], []
    for a in themes:
        crow, srow, hrow = [], [], []
        for b in themes:
            both = sorted(by_theme[a] & by_theme[b])
            crow.append(len(both))
            srow.append(round(len(both) / len(by_theme[a]), 3) if by_theme[a] else None)
            hrow.append(escape_text(", ".join(both)) or "none")
        counts.append(crow)
        shares.append(srow)
        hover.append(hrow)
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=names,
            y=names,
            text=hover,
            colorscale=SEQUENTIAL,
            colorbar=dict(COLORBAR_BELOW, title={"text": "Items", "side": "right"}),
            hovertemplate="<b>%{y}</b> with <b>%{x}</b>: %{z}<br>Items: %{text}<extra></extra>",
        )
    )
    numbers = [str(k) for k in range(1, len(names) + 1)]
    fig.update_layout(
        title={"text": "Themes that occur together"},
        # Columns are numbered as the rows: 13 long names side by side cannot be read on a phone.
        xaxis={
            "title": {"text": "Theme (numbered as the rows)"},
            "tickmode": "array",
            "tickvals": names,
            "ticktext": numbers,
            "tickangle": 0,
            "side": "bottom",
        },
        yaxis={
            "title": {"text": "Theme"},
            "autorange": "reversed",
            "tickmode": "array",
            "tickvals": names,
            "ticktext": [wrap_words(f"{k}. {n}", 24) for k, n in zip(numbers, names, strict=True)],
        },
        updatemenus=[
            above_right(
                {
                    "type": "buttons",
                    "direction": "right",
                    "buttons": [
                        {
                            "label": "Items in common",
                            "method": "restyle",
                            "args": [{"z": [counts], "colorbar.title.text": "Items"}],
                        },
                        {
                            "label": "Share of row",
                            "method": "restyle",
                            "args": [{"z": [shares], "colorbar.title.text": "Share"}],
                        },
                    ],
                }
            )
        ],
    )
    return render(
        style(fig),
        caption=(
            "Number of recommendations and sub-items tagged with both themes (the diagonal is "
            "each theme's own count). Hover a cell for the items; the buttons switch to the "
            "share of the row theme's items that also carry the column theme ('Share of row')."
        ),
        alt=f"Symmetric heatmap of co-occurrence counts between {len(themes)} themes.",
        height=max(480, 38 * len(themes) + 220),
        min_width=560,
    )


def agreement_chart(scores: pd.DataFrame, labels: dict[str, str]) -> Chart:
    """Per-theme precision, recall and F1 of the tagger against the hand labels."""
    per = scores[~scores["theme"].isin(["micro", "macro"])]
    names = [_theme_label(labels, t) for t in per["theme"]]
    fig = go.Figure()
    for k, metric in enumerate(("precision", "recall", "f1")):
        fig.add_trace(
            go.Bar(
                y=names,
                x=list(
                    per[metric].astype("Float64").astype(object).where(per[metric].notna(), None)
                ),
                orientation="h",
                name=metric if metric != "f1" else "F1",
                marker={"color": OKABE_ITO[k]},
                hovertemplate="%{y}: %{x:.2f}<extra>" + metric + "</extra>",
            )
        )
    # Horizontal bars: the theme names stay readable on a phone.
    fig.update_layout(
        barmode="group",
        bargap=0.25,
        title={"text": "Agreement of the theme tagger with a hand reading"},
        yaxis={"title": {"text": "Theme"}, "autorange": "reversed"},
        xaxis={"title": {"text": "Score (0 to 1)"}, "range": [0, 1.05]},
        height=max(420, 44 * len(names) + 200),
    )
    micro = scores[scores["theme"] == "micro"].iloc[0]
    return render(
        style(fig),
        caption=(
            "Precision, recall and F1 per theme of the automatic tags against the hand labels "
            "in data/annotations/gold_themes.csv (written before the patterns). Click a legend "
            "entry to hide a measure. Pooled over all themes: "
            f"precision {float(micro['precision']):.2f}, "
            f"recall {float(micro['recall']):.2f}, F1 {float(micro['f1']):.2f}."
        ),
        alt=(
            f"Grouped bar chart of precision, recall and F1 for {len(per)} themes; pooled F1 is "
            f"{float(micro['f1']):.2f}."
        ),
    )
