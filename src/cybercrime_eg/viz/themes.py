"""Charts of the recommendations' themes: matrix, frequency, tagger agreement.

(The theme co-occurrence matrix was cut: with one report, almost every cell was 0 or 1.)

Each builder takes the report's frames (theme tags, recommendations, scores) and theme labels;
every title, caption and dropdown entry is computed from them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..checks import require_frame, require_int, require_mapping
from ..vocab import NOT_ENDORSED
from .palettes import MARK, OKABE_ITO
from .render import Chart, View, hover_wrap, render, slug, style

__all__ = [
    "agreement_chart",
    "item_subsets",
    "theme_frequency",
    "theme_matrix",
]

_TAGS = "the themes table"
_LABELS = "a dict of theme id to label"


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
    require_frame("recommendations", recommendations, ["id", "start", "level"])
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
    """Theme by item matrix; hover shows the evidence; one view per item subset."""
    require_frame("tags", tags, ["item_id", "theme", "evidence"], what=_TAGS)
    require_frame("recommendations", recommendations, ["id", "start"])
    require_mapping("labels", labels, what=_LABELS)
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
            colorscale=[[0, "rgba(128,128,128,0.08)"], [1, MARK]],
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="<b>%{y}</b> in item %{x}<br>Evidence: %{text}<extra></extra>",
        )
    )

    def caption(name: str, cols: list[str]) -> str:
        pairs = sum(1 for k in evidence if k[1] in cols)
        return (
            f"{name}: each filled cell is a theme found in an item ({pairs} item-theme pairs in "
            f"{len(cols)} items). Hover a cell for the words that signalled the theme. "
            f"{NOT_ENDORSED} Source: themes table (cybercrime_eg.themes.tag_items on this report)."
        )

    views = []
    for name, cols in subsets.items():
        zz, tt = grid(cols)
        views.append(
            View(
                label=name,
                key=slug(name),
                title=f"Which themes does each suggested item address? {name}",
                caption=caption(name, cols),
                data={"z": [zz], "x": [cols], "text": [tt]},
            )
        )
    fig.update_layout(
        title={"text": views[0].title},
        xaxis={
            "title": {"text": f"Item ({_paragraph_phrase(recommendations)})"},
            "type": "category",
            "dtick": 1,
        },
        yaxis={"title": {"text": "Theme"}, "autorange": "reversed"},
    )
    by_item = {str(r.id): str(r.label) for r in recommendations.itertuples(index=False)}
    rows = [
        {
            "item": item,
            "label": by_item.get(item, ""),
            "theme": _theme_label(labels, t),
            "evidence": "; ".join(evidence[(t, item)]),
            "source": "themes table (cybercrime_eg.themes.tag_items on this report)",
        }
        for item in items
        for t in themes
        if (t, item) in evidence
    ]
    return render(
        style(fig),
        caption=views[0].caption,
        alt=(
            f"Matrix of {len(themes)} themes by {len(items)} items and sub-items, with "
            f"{len(evidence)} filled cells marking which themes each item addresses."
        ),
        height=max(420, 34 * len(themes) + 160),
        min_width=620,
        views=views,
        view_label="Items shown",
        data=pd.DataFrame(rows, columns=["item", "label", "theme", "evidence", "source"]),
        name="theme-matrix",
    )


def theme_frequency(
    tags: pd.DataFrame, labels: dict[str, str], order: Sequence[str], n_items: int
) -> Chart:
    """How many items carry each theme; a second view counts the matched phrases.

    Each view is sorted by its own count (the largest at the top).
    """
    require_frame("tags", tags, ["item_id", "theme"], what=_TAGS)
    require_mapping("labels", labels, what=_LABELS)
    require_int("n_items", n_items)
    items = tags.groupby("theme")["item_id"].nunique()
    matches = tags.groupby("theme").size()
    themes = [t for t in order if t in items.index]

    def ordered(counts: pd.Series, other: pd.Series) -> list[str]:
        return sorted(themes, key=lambda t: (int(counts[t]), int(other[t])))

    by_items = ordered(items, matches)
    by_matches = ordered(matches, items)
    names = [_theme_label(labels, t) for t in by_items]
    fig = go.Figure(
        go.Bar(
            x=[int(items[t]) for t in by_items],
            y=names,
            orientation="h",
            marker={"color": MARK},
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    top_items = names[-1] if names else "none"
    top_matches = _theme_label(labels, by_matches[-1]) if by_matches else "none"
    views = [
        View(
            label="Items",
            key="items",
            title="How many suggested items address each theme?",
            caption=(
                f"Number of the report's {n_items} items and sub-items tagged with each theme, "
                f"most frequent at the top ({top_items}). {NOT_ENDORSED}"
            ),
            data={"x": [[int(items[t]) for t in by_items]], "y": [names]},
            layout={"xaxis.title.text": "Items and sub-items"},
        ),
        View(
            label="Matches",
            key="matches",
            title="How many phrases match each theme?",
            caption=(
                "Number of phrases matched for each theme (an item can match a theme more than "
                f"once), most matched at the top ({top_matches}). {NOT_ENDORSED}"
            ),
            data={
                "x": [[int(matches[t]) for t in by_matches]],
                "y": [[_theme_label(labels, t) for t in by_matches]],
            },
            layout={"xaxis.title.text": "Phrases matched (evidence)"},
        ),
    ]
    fig.update_layout(
        title={"text": views[0].title},
        xaxis={"title": {"text": "Items and sub-items"}},
        yaxis={"title": {"text": "Theme"}, "type": "category"},
    )
    source = "themes table (cybercrime_eg.themes.tag_items on this report)"
    data = pd.DataFrame(
        [
            {
                "theme": _theme_label(labels, t),
                "Items and sub-items": int(items[t]),
                "Phrases matched (evidence)": int(matches[t]),
                "source": source,
            }
            for t in reversed(by_items)
        ]
    )
    return render(
        style(fig),
        caption=views[0].caption,
        alt=f"Horizontal bar chart of {len(themes)} themes; the most frequent is {top_items}.",
        height=max(380, 36 * len(themes) + 160),
        views=views,
        view_label="Count",
        data=data,
        name="theme-frequency",
    )


def agreement_chart(scores: pd.DataFrame, labels: dict[str, str]) -> Chart:
    """Per-theme precision, recall and F1 of the tagger against the hand labels."""
    require_frame("scores", scores, ["theme", "precision", "recall", "f1"])
    require_mapping("labels", labels, what=_LABELS)
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
    data = per[["theme", "precision", "recall", "f1"]].copy()
    data["theme"] = names
    data = data.rename(columns={"f1": "F1"})
    data["source"] = "data/annotations/gold_themes.csv against the themes table"
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
        data=data,
        name="tagger-agreement",
    )
