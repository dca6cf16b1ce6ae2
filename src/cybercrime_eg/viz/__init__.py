"""Charts and explorers for the book (plotly and ipywidgets), by subject.

Every builder takes frames (the tables of ``cybercrime_eg``) and never loads a file; titles,
captions and default selections are computed from the frames passed in.

* :mod:`.themes`: theme matrix, frequency, tagger agreement;
* :mod:`.positions`: the positions on a new treaty side by side;
* :mod:`.votes`: the General Assembly votes (map, by Budapest status and regional group,
  changes);
* :mod:`.states`: the States the report names (map, facts, Budapest dates);
* :mod:`.timeline`: the treaty process;
* :mod:`.html`: tables, the static explorers, download links;
* :mod:`.report`: the report as a reading view;
* :mod:`.widgets`: ipywidgets explorers for Jupyter and Binder;
* :mod:`.render`, ``palettes``, ``geo``: rendering, colours, maps.

This subpackage is the only part of ``cybercrime_eg`` that imports plotly and ipywidgets;
``import cybercrime_eg`` alone does not.
"""

from __future__ import annotations

from .html import (
    HtmlBlock,
    MystBlock,
    comparison_html,
    download_links,
    explorer_html,
    state_grid,
    table_html,
)
from .palettes import (
    BUDAPEST_COLOURS,
    MARK,
    NOT_RECORDED,
    OKABE_ITO,
    SEQUENTIAL,
    VOTE_COLOURS,
)
from .positions import position_profile
from .render import Chart, FigureCheckError, View, check_figure, escape_text, render, style
from .report import report_view, unparsed_view
from .states import budapest_dates_chart, state_facets_chart, state_map, with_basis
from .themes import agreement_chart, theme_frequency, theme_matrix
from .timeline import timeline, timeline_figure
from .votes import budapest_by_vote_chart, regional_group_by_vote_chart, vote_change_chart, vote_map
from .widgets import filter_table, report_reader, state_comparison, theme_explorer

__all__ = [
    "BUDAPEST_COLOURS",
    "MARK",
    "NOT_RECORDED",
    "OKABE_ITO",
    "SEQUENTIAL",
    "VOTE_COLOURS",
    "Chart",
    "View",
    "FigureCheckError",
    "HtmlBlock",
    "MystBlock",
    "agreement_chart",
    "budapest_by_vote_chart",
    "budapest_dates_chart",
    "check_figure",
    "comparison_html",
    "download_links",
    "escape_text",
    "explorer_html",
    "filter_table",
    "position_profile",
    "regional_group_by_vote_chart",
    "render",
    "report_reader",
    "report_view",
    "unparsed_view",
    "state_comparison",
    "state_facets_chart",
    "state_grid",
    "state_map",
    "style",
    "table_html",
    "theme_explorer",
    "theme_frequency",
    "theme_matrix",
    "timeline",
    "timeline_figure",
    "vote_change_chart",
    "vote_map",
    "with_basis",
]
