"""Render plotly figures as accessible, offline HTML for the book and for Jupyter.

:func:`render` checks that a figure has a title and labelled axes, and returns a :class:`Chart`:
an object that Jupyter and the book build display as

* ``text/html``: the figure written by :func:`plotly.io.to_html` *without* plotly.js or MathJax
  (the book loads one shared local copy of plotly.js on every page), wrapped in a ``<figure>``
  with ``role="img"``, an ``aria-label`` (the alt text) and a ``<figcaption>``;
* ``application/vnd.plotly.v1+json``: the figure itself, which JupyterLab and Binder draw with the
  plotly extension (where no shared plotly.js is loaded).

During the book build (``CYBERCRIME_EG_CHARTS=book``, set by ``book/_ext/cyb_build.py``) only the
``text/html`` form is emitted, so the build never meets a mime type it cannot render. All text
passed in (caption, alt text) is HTML-escaped.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import textwrap
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .palettes import OKABE_ITO, SEQUENTIAL

#: Plotly config shared by every chart. The mode bar is off: its buttons would be focusable
#: elements inside the ``role="img"`` container (an accessibility violation), and hover, legend
#: clicks and the charts' own dropdowns and buttons stay available.
CONFIG: dict[str, Any] = {"displayModeBar": False, "responsive": True, "displaylogo": False}

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
GRID = "rgba(128,128,128,0.28)"

#: A compact template (the stock templates add ~8 KB of trace defaults to every figure). Axis
#: titles stand off from the tick labels and every margin grows to fit its labels; the legend is
#: horizontal, under the plot, in the figure's own bottom margin (``yref="container"``), so it
#: never covers the data on a narrow screen; the title sits at the top of the figure and pushes
#: the plot down (:func:`fit_layout` sizes the top margin for the title and the controls).
TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": FONT, "size": 13, "color": "#1f2328"},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "colorway": list(OKABE_ITO),
        "colorscale": {"sequential": SEQUENTIAL},
        "title": {
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 10, "l": 4},
            "automargin": True,
            "font": {"size": 16},
        },
        "xaxis": {
            "gridcolor": GRID,
            "zerolinecolor": GRID,
            "automargin": True,
            "title": {"standoff": 12},
        },
        "yaxis": {
            "gridcolor": GRID,
            "zerolinecolor": GRID,
            "automargin": True,
            "title": {"standoff": 12},
        },
        "hoverlabel": {"bgcolor": "#ffffff", "font": {"color": "#1f2328"}, "align": "left"},
        "legend": {
            "bgcolor": "rgba(0,0,0,0)",
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 0,
            "yanchor": "bottom",
            "yref": "container",
            "title": {"side": "top"},
        },
        "margin": {"l": 16, "r": 16, "t": 72, "b": 16, "autoexpand": True},
        "geo": {
            "bgcolor": "rgba(0,0,0,0)",
            "showframe": False,
            "showcoastlines": False,
            "landcolor": "#d9d9d9",
            "showland": True,
            "showcountries": True,
            "countrycolor": "#ffffff",
            "projection": {"type": "natural earth"},
        },
    }
)

#: Longest line of a category tick label, of an axis title and of a chart title (characters);
#: longer text is broken at spaces (``<br>``). Chosen so that a chart fits the book's column on
#: a 390 px phone as well as at 1280 px.
LABEL_WRAP = 22
AXIS_TITLE_WRAP = 28
TITLE_WRAP = 60

#: The trace types of the book's partial plotly.js bundle (``make assets`` builds
#: ``book/_assets/vendor/plotly.min.js`` with exactly these). :func:`render` refuses any other
#: type during the book build, where it would draw nothing.
BUNDLED_TRACES: frozenset[str] = frozenset(
    {"bar", "heatmap", "scatter", "choropleth", "scattergeo"}
)

CARTESIAN = {
    "scatter",
    "scattergl",
    "bar",
    "heatmap",
    "histogram",
    "box",
    "violin",
    "line",
}


#: A colour bar laid flat under the plot (in the figure's bottom margin), so that a heatmap keeps
#: the chart's whole width on a phone.
COLORBAR_BELOW = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "xref": "container",
    "y": 0,
    "yanchor": "bottom",
    "yref": "container",
    "len": 220,
    "lenmode": "pixels",
    "thickness": 12,
}


class FigureCheckError(ValueError):
    """A figure lacks a title, an axis label, a caption or an alt text."""


def above_right(menu: dict[str, Any]) -> dict[str, Any]:
    """A plotly control (``updatemenus`` entry) placed where the book expects it: above the
    plot, right-aligned, so :func:`fit_layout` makes room for it and it never covers data."""
    return {**menu, "x": 1, "xanchor": "right", "y": 1.02, "yanchor": "bottom"}


def style(fig: go.Figure) -> go.Figure:
    """Apply the book's template (in place) and return the figure."""
    fig.update_layout(template=TEMPLATE)
    return fig


def wrap_words(text: str, width: int) -> str:
    """Break ``text`` at spaces into lines of at most ``width`` characters joined by ``<br>``.

    The text is not escaped (it is already safe markup: an escaped label or a title written by
    the book); existing ``<br>`` breaks are kept. A single word longer than ``width`` stays whole.
    """
    return "<br>".join("<br>".join(_lines(part, width)) for part in str(text).split("<br>"))


def _lines(text: str, width: int) -> list[str]:
    """:func:`textwrap.wrap` on words: whole words, white space folded; ``['']`` when empty."""
    return textwrap.wrap(
        " ".join(text.split()), width, break_long_words=False, break_on_hyphens=False
    ) or [""]


def _categories(fig: go.Figure, axis: str) -> list[str]:
    """The text categories drawn on layout axis ``axis`` (e.g. ``yaxis2``), in first-seen order."""
    letter, suffix = axis[0], axis[5:]
    ref = letter + suffix
    seen: dict[str, None] = {}
    for trace in fig.data:
        if trace.type not in CARTESIAN or (getattr(trace, letter + "axis", None) or letter) != ref:
            continue
        values = getattr(trace, letter, None)
        if values is None:
            continue
        for v in values:
            if not isinstance(v, str):
                return []
            seen.setdefault(v, None)
    return list(seen)


def fit_layout(fig: go.Figure) -> go.Figure:
    """Make a figure fit a narrow column without overlapping text (in place; returns ``fig``).

    * long category tick labels are broken into lines of :data:`LABEL_WRAP` characters (through
      ``tickvals``/``ticktext``: the data, and so the hover text, keep the full label);
    * axis titles and the chart title are broken into lines (:data:`AXIS_TITLE_WRAP`,
      :data:`TITLE_WRAP`);
    * the top margin is sized for the title's lines and, when the chart has controls above the
      plot (``updatemenus`` anchored at the bottom of a position above the plot), for them too.
    """
    layout = fig.layout
    names = {k for k in layout.to_plotly_json() if k.startswith(("xaxis", "yaxis"))}
    for trace in fig.data:
        if trace.type in CARTESIAN:
            names.add("xaxis" + (getattr(trace, "xaxis", None) or "x")[1:])
            names.add("yaxis" + (getattr(trace, "yaxis", None) or "y")[1:])
    for name in sorted(names):
        axis = layout[name]
        if axis.title and axis.title.text:
            axis.title.text = wrap_words(axis.title.text, AXIS_TITLE_WRAP)
        if axis.type not in (None, "category") or axis.tickvals is not None:
            continue
        cats = _categories(fig, name)
        if cats and max(len(c) for c in cats) > LABEL_WRAP:
            axis.update(
                tickmode="array",
                tickvals=cats,
                ticktext=[wrap_words(c, LABEL_WRAP) for c in cats],
            )
    title = layout.title.text or ""
    layout.title.text = wrap_words(title, TITLE_WRAP)
    lines = layout.title.text.count("<br>") + 1
    menus_above = any(
        (m.y if m.y is not None else 1) >= 1 and m.visible is not False for m in layout.updatemenus
    )
    layout.margin.t = 20 + 22 * lines + (46 if menus_above else 6)
    # plotly lifts a title of several lines by about half a line per extra line
    layout.title.pad.t = 10 + 11 * (lines - 1)
    for menu in layout.updatemenus:
        # Controls above the plot are aligned on its right edge: aligned on its left edge they
        # would start after the tick labels and run out of a phone's narrow chart.
        if (menu.y if menu.y is not None else 1) >= 1:
            menu.update(x=1, xanchor="right")
    return fig


def _title(obj: Any) -> str:
    title = getattr(obj, "title", None)
    text = getattr(title, "text", None) if title is not None else None
    return (text or "").strip()


def check_figure(fig: go.Figure) -> None:
    """Raise :class:`FigureCheckError` unless the figure has a title and labelled axes.

    Every x and y axis that a cartesian trace draws on must have a title (or be hidden).
    """
    if not _title(fig.layout):
        raise FigureCheckError("the figure has no title")
    used: set[str] = set()
    for trace in fig.data:
        if trace.type in CARTESIAN:
            used.add("xaxis" + (getattr(trace, "xaxis", None) or "x")[1:])
            used.add("yaxis" + (getattr(trace, "yaxis", None) or "y")[1:])
    for name in sorted(used):
        axis = fig.layout[name]
        if axis.visible is False:
            continue
        if not _title(axis):
            raise FigureCheckError(f"{name} has no title")


@dataclass
class Chart:
    """A rendered figure: ``html`` for the book, ``figure`` for live Jupyter front ends."""

    figure: go.Figure
    caption: str
    alt: str
    html: str
    div_id: str
    config: dict[str, Any] = field(default_factory=lambda: dict(CONFIG))

    def _repr_html_(self) -> str:
        return self.html

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        if book_mode():
            return {"text/html": self.html}
        fig = self.figure.to_plotly_json()
        fig["config"] = self.config
        return {"application/vnd.plotly.v1+json": fig, "text/html": self.html}


def book_mode() -> bool:
    """True while the book is built (``CYBERCRIME_EG_CHARTS=book``, set by the book's extension).

    In the book, charts are emitted as ``text/html`` only; elsewhere they also carry the plotly
    JSON for JupyterLab.
    """
    return os.environ.get("CYBERCRIME_EG_CHARTS", "jupyter") == "book"


def _div_id(fig: go.Figure) -> str:
    digest = hashlib.sha1(fig.to_json().encode("utf-8")).hexdigest()
    return f"chart-{digest[:12]}"


def render(
    fig: go.Figure,
    *,
    caption: str,
    alt: str,
    height: int | None = None,
    div_id: str | None = None,
    config: dict[str, Any] | None = None,
    min_width: int | None = None,
) -> Chart:
    """Check, style and render a figure as accessible offline HTML.

    Args:
        fig: the plotly figure; it must have a title and a title on every axis it draws on.
        caption: shown under the chart (``<figcaption>``); plain text, escaped.
        alt: text alternative read by screen readers (``aria-label`` of the ``role="img"``
            container); plain text, escaped.
        height: chart height in pixels (default: the figure's height or 460).
        div_id: id of the plot element (default: derived from the figure, so that rebuilding
            gives the same HTML).
        config: plotly config overrides.
        min_width: narrowest width of the chart in pixels, for dense matrices that cannot be
            read narrower: on a narrower screen the chart scrolls sideways (in a focusable,
            labelled region) instead of shrinking.

    Returns:
        A :class:`Chart` that displays itself in Jupyter and in the book.
    """
    if not caption or not caption.strip():
        raise FigureCheckError("the chart has no caption")
    if not alt or not alt.strip():
        raise FigureCheckError("the chart has no alt text")
    check_figure(fig)
    if book_mode():
        missing = sorted({t.type for t in fig.data} - BUNDLED_TRACES)
        if missing:
            raise FigureCheckError(
                f"trace type {', '.join(missing)} is not in the book's plotly.js bundle "
                f"({', '.join(sorted(BUNDLED_TRACES))}): add it to BUNDLED_TRACES and run "
                "`make assets`"
            )
    if fig.layout.template is None or fig.layout.template != TEMPLATE:
        style(fig)
    fit_layout(fig)
    height = height or fig.layout.height or 460
    fig.update_layout(height=height)
    cfg = dict(CONFIG, **(config or {}))
    div_id = div_id or _div_id(fig)
    plot = pio.to_html(
        fig,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        config=cfg,
        div_id=div_id,
        default_height=f"{height}px",
        default_width="100%",
        validate=True,
    )
    chart = (
        f'<div class="cyb-chart" role="img" aria-label="{html.escape(alt, quote=True)}"'
        + (f' style="min-width:{int(min_width)}px"' if min_width else "")
        + f">{plot}</div>"
    )
    if min_width:
        chart = (
            '<div class="cyb-wide" tabindex="0" role="region" '
            'aria-label="Chart (scroll sideways on a narrow screen)">'
            f"{chart}</div>"
        )
    markup = (
        f'<figure class="cyb-figure" id="fig-{div_id}">{chart}'
        f'<figcaption class="cyb-caption">{html.escape(caption)}</figcaption>'
        "</figure>"
    )
    return Chart(figure=fig, caption=caption, alt=alt, html=markup, div_id=div_id, config=cfg)


def escape_text(value: Any) -> str:
    """HTML-escape any value for hover text, tables and widgets (missing -> "")."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def hover_wrap(text: str, width: int = 72) -> str:
    """Escape ``text`` and break it into lines of at most ``width`` characters for hover labels."""
    return "<br>".join(escape_text(line) for line in _lines(str(text), width))


def shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis."""
    return textwrap.shorten(text, width, placeholder="…")


def dumps(value: Any) -> str:
    """JSON for embedding in HTML attributes and scripts (``<``, ``>`` and ``&`` escaped)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
