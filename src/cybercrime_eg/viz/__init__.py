"""Charts and explorers for the book (plotly and ipywidgets).

This subpackage is the only part of :mod:`cybercrime_eg` that imports plotly and ipywidgets;
``import cybercrime_eg`` alone does not.
"""

from __future__ import annotations

from .palettes import BUDAPEST_COLOURS, NOT_RECORDED, OKABE_ITO, SEQUENTIAL, VOTE_COLOURS
from .reader import HtmlBlock, MystBlock, data_dictionary, download_links, report_view, table_html
from .render import Chart, FigureCheckError, check_figure, escape_text, render, style
from .timeline import TREATY_EVENTS, timeline, timeline_figure
from .widgets import filter_table, report_reader, state_comparison, theme_explorer

__all__ = [
    "BUDAPEST_COLOURS",
    "NOT_RECORDED",
    "OKABE_ITO",
    "SEQUENTIAL",
    "TREATY_EVENTS",
    "VOTE_COLOURS",
    "Chart",
    "HtmlBlock",
    "MystBlock",
    "data_dictionary",
    "download_links",
    "filter_table",
    "report_reader",
    "report_view",
    "state_comparison",
    "table_html",
    "theme_explorer",
    "FigureCheckError",
    "check_figure",
    "escape_text",
    "render",
    "style",
    "timeline",
    "timeline_figure",
]
