"""Map helpers shared by the vote and State maps."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .render import escape_text

__all__ = ["geo_layout", "solid_choropleth"]


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
