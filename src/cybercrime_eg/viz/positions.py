"""The chart of the report's positions on a new treaty: themes and instruments side by side.

Takes :func:`~cybercrime_eg.positions.treaty_positions` (list columns) and theme labels; the
title and caption name the report's own position labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..checks import require_frame, require_mapping, require_str
from ..vocab import CAVEAT
from .palettes import MARK
from .render import Chart, escape_text, render, shorten, style
from .themes import _series, _theme_label

__all__ = ["position_profile"]

_WORDS = {1: "One", 2: "Two", 3: "Three", 4: "Four", 5: "Five"}


def _count_word(n: int) -> str:
    return _WORDS.get(n, str(n))


def position_profile(
    positions: pd.DataFrame, labels: dict[str, str], *, caveat: str = CAVEAT
) -> Chart:
    """The positions on a new treaty: which themes and instruments each touches, side by side.

    ``positions`` is :func:`~cybercrime_eg.positions.treaty_positions`; ``caveat`` ends the
    caption (default: :data:`~cybercrime_eg.vocab.CAVEAT`).
    """
    require_frame("positions", positions, ["themes", "instruments", "documents"])
    require_mapping("labels", labels, what="a dict of theme id to label")
    require_str("caveat", caveat)
    kinds = {"Theme": "themes", "Instrument": "instruments", "Document": "documents"}
    aspects: list[tuple[str, str]] = []
    for kind, col in kinds.items():
        for row in positions.itertuples(index=False):
            for v in getattr(row, col):
                if (kind, v) not in aspects:
                    aspects.append((kind, v))
    cols = [
        f"({str(r.label).strip('()')}) {str(r.stance_label).replace('-', ' ')}"
        for r in positions.itertuples()
    ]
    both = _series([str(r.label) for r in positions.itertuples(index=False)])
    names = [f"{k}: {_theme_label(labels, v) if k == 'Theme' else v}" for k, v in aspects]
    short = [shorten(n, 34) for n in names]
    z, text = [], []
    for kind, v in aspects:
        zr, tr = [], []
        for row in positions.itertuples(index=False):
            vals = getattr(row, kinds[kind])
            zr.append(1 if v in vals else 0)
            tr.append("named" if v in vals else "not named")
        z.append(zr)
        text.append(tr)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=cols,
            y=[escape_text(n) for n in short],
            text=text,
            customdata=[[escape_text(n)] * len(cols) for n in names],
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=3,
            ygap=3,
            colorscale=[[0, "rgba(128,128,128,0.08)"], [1, MARK]],
            hovertemplate="%{x}<br>%{customdata}: %{text}<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": f"Which themes and instruments does each of positions {both} name?"},
        xaxis={
            "title": {"text": f"Position: {escape_text(', '.join(cols))}"},
            "tickangle": 0,
            "tickmode": "array",
            "tickvals": cols,
            "ticktext": [c.split(" ")[0] for c in cols],
        },
        yaxis={"title": {"text": "Theme or instrument"}, "autorange": "reversed"},
    )
    return render(
        style(fig),
        caption=(
            "Filled cells: the themes each position touches and the instruments and documents "
            f"it cites, found in the text of recommendations {both}. " + caveat
        ),
        alt=(
            f"{_count_word(len(cols))}-column grid comparing positions {both} on {len(aspects)} "
            "themes, instruments and documents."
        ),
        height=max(380, 40 * len(aspects) + 220),
        data=pd.DataFrame(
            [
                {
                    "position": col,
                    "kind": kind,
                    "theme or instrument": name,
                    "named": "named" if v in getattr(row, kinds[kind]) else "not named",
                    "source": f"the report, item {row.id}" if hasattr(row, "id") else "the report",
                }
                for (kind, v), name in zip(aspects, names, strict=True)
                for col, row in zip(cols, positions.itertuples(index=False), strict=True)
            ]
        ),
        name="positions",
    )
