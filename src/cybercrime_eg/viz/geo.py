"""Map helpers shared by the vote and State maps.

The maps never take over the page: the wheel scrolls the page (``scrollZoom`` is off in
:data:`~cybercrime_eg.viz.render.CONFIG`) and dragging does not pan or zoom (``dragmode`` off),
so there is no zoomed state to reset. Several States the book is about are too small to colour
at world scale: :func:`state_markers` draws a circle on each, in its category's colour, whose
hover gives the value.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..checks import require_frame, require_str
from .render import escape_text

__all__ = ["geo_layout", "solid_choropleth", "state_markers"]


def geo_layout(fig: go.Figure) -> None:
    """The book's world map: natural earth projection, no frame, Antarctica cut off."""
    fig.update_geos(
        projection={"type": "natural earth"},
        showcountries=True,
        showland=True,
        landcolor="#d9d9d9",
        countrycolor="#ffffff",
        showframe=False,
        showcoastlines=False,
        bgcolor="rgba(0,0,0,0)",
        lataxis={"range": [-58, 85]},
    )
    fig.update_layout(dragmode=False)


def solid_choropleth(
    states: pd.DataFrame,
    colour: str,
    *,
    name: str,
    visible: bool,
    border: float,
    hover: str,
    **extra: object,
) -> go.Choropleth:
    """One legend entry of a categorical map: ``states`` (iso3, name) filled with ``colour``.

    ``hover`` is HTML shown under the State's name; escape any text in it.
    """
    require_frame("states", states, ["iso3"])
    require_str("colour", colour)
    return go.Choropleth(
        locations=list(states["iso3"]),
        z=[1] * len(states),
        locationmode="ISO-3",
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        name=name,
        showlegend=True,
        visible=visible,
        marker={"line": {"color": "#ffffff", "width": border}},
        text=[escape_text(n) for n in states["name"]],
        hovertemplate=f"<b>%{{text}}</b><br>{hover}<extra></extra>",
        **extra,
    )


def state_markers(
    states: pd.DataFrame,
    colour: str,
    *,
    visible: bool,
    hover: list[str],
    inferred: bool = False,
    **extra: object,
) -> go.Scattergeo:
    """Circles on ``states`` (iso3, name) in ``colour``, so that a small State carries its
    category; no legend entry of its own (``legendgroup`` ties it to its colour's entry).

    ``hover`` is one HTML line per State under its name (escape any text in it). A fact known
    only by inference is an open circle, never the filled mark of an official fact.
    """
    require_frame("states", states, ["iso3"])
    require_str("colour", colour)
    return go.Scattergeo(
        locations=list(states["iso3"]),
        locationmode="ISO-3",
        mode="markers",
        showlegend=False,
        visible=visible,
        marker={
            "symbol": "circle-open" if inferred else "circle",
            "size": 10 if inferred else 9,
            "color": colour,
            # a dark edge: on a large State of the same colour a filled dot is not read as
            # the open circle of an inferred fact
            "line": {"color": colour if inferred else "#1f2328", "width": 2.5 if inferred else 1},
        },
        text=[escape_text(n) for n in states["name"]],
        customdata=hover,
        hovertemplate="<b>%{text}</b><br>%{customdata}<extra></extra>",
        **extra,
    )
