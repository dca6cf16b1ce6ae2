"""Render plotly figures as accessible, offline HTML for the book and for Jupyter.

:func:`render` checks that a figure has a title and labelled axes, and returns a :class:`Chart`:
an object that Jupyter and the book build display as

* ``text/html``: the figure written by :func:`plotly.io.to_html` *without* plotly.js or MathJax
  (the book loads one shared local copy of plotly.js on every page), in a ``<figure>`` that
  holds, in this order: a visible anchor link, the chart's views as real HTML controls (buttons
  or a select, ``View``), the plot (``role="img"`` with the alt text as its name; it holds
  no control), the ``<figcaption>``, and the chart's tools: "Download data (CSV)" (exactly the
  rows it plots, with their source) and "Download image (PNG)";
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .palettes import OKABE_ITO, SEQUENTIAL

#: Plotly config shared by every chart. The mode bar is off: its buttons would be focusable
#: elements inside the ``role="img"`` container (an accessibility violation); the chart's own
#: HTML controls and tools (views, CSV, PNG) stand outside it. The wheel never zooms (it scrolls
#: the page) and the layout turns drag-zoom off (``dragmode=False``), so no chart needs a reset.
CONFIG: dict[str, Any] = {
    "displayModeBar": False,
    "responsive": True,
    "displaylogo": False,
    "scrollZoom": False,
    "doubleClick": False,
}

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
        "dragmode": False,
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


@dataclass(frozen=True)
class View:
    """One view of a chart, chosen with an HTML control above it.

    ``data`` and ``layout`` are the two arguments of ``Plotly.update`` (trace attributes, one
    value per trace, and layout attributes in ``a.b`` form); ``title`` and ``caption`` replace
    the chart's title and caption in this view. ``key`` names the view in the page address
    (``#fig-NAME:KEY``), so that a link reproduces it.
    """

    label: str
    key: str
    title: str
    caption: str
    data: dict[str, Any] = field(default_factory=dict)
    layout: dict[str, Any] = field(default_factory=dict)


def slug(text: str) -> str:
    """Lower-case letters, digits and single hyphens.

    ``'Vote on 74/247'`` -> ``'vote-on-74-247'``.
    """
    keep = "".join(c.lower() if c.isalnum() else "-" for c in str(text))
    return "-".join(p for p in keep.split("-") if p) or "view"


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
    * the top margin is sized for the title's lines (the chart's controls are HTML, above it).
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
    layout.margin.t = 20 + 22 * lines + 6
    # plotly lifts a title of several lines by about 15 px (one line by 4): its top stays 6 px
    # inside the chart (the book's plotly-config.js titlePad does the same on a phone)
    layout.title.pad.t = 21 if lines > 1 else 10
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
    """A rendered figure: ``html`` for the book, ``figure`` for live Jupyter front ends.

    ``views`` are the chart's views (the first is the one drawn), ``data`` the rows it plots
    (offered as CSV), ``name`` the stable part of its anchor (``#fig-NAME``).
    """

    figure: go.Figure
    caption: str
    alt: str
    html: str
    div_id: str
    config: dict[str, Any] = field(default_factory=lambda: dict(CONFIG))
    views: tuple[View, ...] = ()
    data: pd.DataFrame | None = None
    name: str = ""

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


#: Name of the column that says where each row of a chart's CSV comes from.
SOURCE_COLUMN = "source"


def csv_text(frame: pd.DataFrame) -> str:
    """The rows of a chart as CSV text (UTF-8, ``\n`` line ends, empty cell for a missing value)."""
    return frame.to_csv(index=False, lineterminator="\n")


def csv_href(frame: pd.DataFrame) -> str:
    """A ``data:`` URL of :func:`csv_text`: the download needs no file and no server."""
    return "data:text/csv;charset=utf-8," + quote(csv_text(frame), safe="")


def _controls(views: Sequence[View], label: str, fig_id: str) -> str:
    """Buttons (up to three short views) or a select: real, labelled HTML controls."""
    if len(views) < 2:
        return ""
    label_e = html.escape(label, quote=True)
    if len(views) <= 3 and sum(len(v.label) for v in views) <= 48:
        buttons = "".join(
            f'<button type="button" class="cyb-view-button" data-view="{k}" '
            f'aria-pressed="{"true" if k == 0 else "false"}">{html.escape(v.label)}</button>'
            for k, v in enumerate(views)
        )
        return (
            f'<div class="cyb-views" role="group" aria-label="{label_e}">'
            f'<span class="cyb-views-label" aria-hidden="true">{html.escape(label)}:</span>'
            f"{buttons}</div>"
        )
    options = "".join(
        f'<option value="{k}"{" selected" if k == 0 else ""}>{html.escape(v.label)}</option>'
        for k, v in enumerate(views)
    )
    return (
        f'<div class="cyb-views"><label for="{fig_id}-view">{html.escape(label)}</label> '
        f'<select id="{fig_id}-view" class="cyb-view-select">{options}</select></div>'
    )


def render(
    fig: go.Figure,
    *,
    caption: str,
    alt: str,
    height: int | None = None,
    div_id: str | None = None,
    config: dict[str, Any] | None = None,
    min_width: int | None = None,
    views: Sequence[View] = (),
    view_label: str = "View",
    data: pd.DataFrame | None = None,
    name: str | None = None,
) -> Chart:
    """Check, style and render a figure as accessible offline HTML.

    Args:
        fig: the plotly figure; it must have a title and a title on every axis it draws on,
            and no plotly ``updatemenus`` (views are HTML controls: ``views``).
        caption: shown under the chart (``<figcaption>``); plain text, escaped.
        alt: text alternative read by screen readers (``aria-label`` of the ``role="img"``
            plot); plain text, escaped.
        height: chart height in pixels (default: the figure's height or 460).
        div_id: id of the plot element (default: derived from ``name`` or from the figure, so
            that rebuilding gives the same HTML).
        config: plotly config overrides.
        min_width: narrowest width of the chart in pixels, for dense matrices that cannot be
            read narrower: on a narrower screen the chart scrolls sideways (in a focusable,
            labelled region, with a visible cue) instead of shrinking.
        views: the chart's views; the first is the figure as built. Two or more are offered as
            buttons or a select (labelled ``view_label``) that call ``Plotly.update`` and
            change the title and the caption.
        data: the rows the chart plots, columns named as on the chart, with a ``source``
            column; offered as "Download data (CSV)".
        name: stable name of the chart: its anchor is ``#fig-NAME`` and its CSV ``NAME.csv``.

    Returns:
        A :class:`Chart` that displays itself in Jupyter and in the book.
    """
    if not caption or not caption.strip():
        raise FigureCheckError("the chart has no caption")
    if not alt or not alt.strip():
        raise FigureCheckError("the chart has no alt text")
    check_figure(fig)
    if fig.layout.updatemenus:
        raise FigureCheckError(
            "plotly updatemenus are not accessible controls: pass views=[View(...)] instead"
        )
    if data is not None and SOURCE_COLUMN not in data.columns:
        raise FigureCheckError(f"the chart's data has no {SOURCE_COLUMN!r} column")
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
    name = slug(name) if name else None
    div_id = div_id or (f"chart-{name}" if name else _div_id(fig))
    fig_id = f"fig-{name}" if name else f"fig-{div_id}"
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
            '<p class="cyb-scroll-cue" aria-hidden="true">Scroll sideways to see the whole '
            "chart &#8594;</p>"
            '<div class="cyb-wide" tabindex="0" role="region" '
            'aria-label="Chart (scroll sideways on a narrow screen)">'
            f"{chart}</div>"
        )
    views = tuple(views)
    if len(views) > 1:
        keys = [v.key for v in views]
        if len(set(keys)) != len(keys):
            raise FigureCheckError(f"views need distinct keys: {keys}")
    title_text = html.escape(_title(fig.layout).replace("<br>", " "))
    spec = [
        {
            "key": v.key,
            "label": v.label,
            "title": wrap_words(v.title, TITLE_WRAP),
            "caption": v.caption,
            "data": v.data,
            "layout": {**v.layout, "title.text": wrap_words(v.title, TITLE_WRAP)},
        }
        for v in views
    ]
    views_attr = f" data-views='{html.escape(dumps(spec), quote=True)}'" if len(views) > 1 else ""
    file_name = f"{name or div_id}.csv"
    tools = []
    if data is not None:
        tools.append(
            f'<a class="cyb-csv" download="{html.escape(file_name)}" '
            f'href="{html.escape(csv_href(data), quote=True)}" '
            f'data-rows="{len(data)}">Download data (CSV)</a>'
        )
    tools.append(
        f'<button type="button" class="cyb-png" data-file="{html.escape(name or div_id)}">'
        "Download image (PNG)</button>"
    )
    markup = (
        f'<figure class="cyb-figure" id="{fig_id}" data-plot="{div_id}"{views_attr}>'
        f'<div class="cyb-figure-head"><a class="cyb-anchor" href="#{fig_id}" '
        f'title="Link to this chart" aria-label="Link to the chart: {title_text}">#</a>'
        f"{_controls(views, view_label, fig_id)}</div>"
        f"{chart}"
        f'<figcaption class="cyb-caption">{html.escape(caption)}</figcaption>'
        f'<p class="cyb-tools">{" ".join(tools)}</p>'
        "</figure>"
    )
    return Chart(
        figure=fig,
        caption=caption,
        alt=alt,
        html=markup,
        div_id=div_id,
        config=cfg,
        views=views,
        data=data,
        name=name or div_id,
    )


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
