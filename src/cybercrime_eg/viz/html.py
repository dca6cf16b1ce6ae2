"""HTML blocks for the book: tables, the static explorers, and download links.

Everything taken from the data is escaped (:func:`~cybercrime_eg.viz.render.escape_text`, which is
``html.escape``) before it is placed in markup. The explorers work in the static page
without a kernel (``book/_assets/explorer.js``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..states import representative_states
from ..vocab import BUDAPEST_STATUS_DATE, NOT_RECORDED, RESOLUTIONS
from .render import escape_text

__all__ = [
    "HtmlBlock",
    "MystBlock",
    "comparison_html",
    "download_links",
    "explorer_html",
    "table_html",
]


@dataclass
class HtmlBlock:
    """A block of HTML that Jupyter and the book display as ``text/html``."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


@dataclass
class MystBlock:
    """MyST Markdown that the book renders (roles included), shown as Markdown in Jupyter."""

    text: str

    def _repr_markdown_(self) -> str:
        return self.text


def _cell_html(value: object) -> str:
    """One escaped table cell: a list of several values becomes a numbered list, other
    multi-line text gets line breaks, a missing value reads "not recorded"."""
    if isinstance(value, (list, tuple)):
        if len(value) > 1:
            items = "".join(f"<li>{escape_text(v)}</li>" for v in value)
            return f'<ol class="cyb-list">{items}</ol>'
        return escape_text(value[0]) if value else ""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return f'<span class="cyb-missing">{NOT_RECORDED}</span>'
    lines = [line for line in str(value).splitlines() if line.strip()]
    return (
        "<br>".join(escape_text(line) for line in lines) if len(lines) > 1 else escape_text(value)
    )


def table_html(frame: pd.DataFrame, caption: str | None = None) -> HtmlBlock:
    """An escaped HTML table (``<NA>`` shown as "not recorded"), in a sideways-scrolling box.

    A cell of several numbered lines ("1. ...\\n2. ...") is shown as a numbered list, other
    multi-line cells with line breaks. On a narrow screen the table scrolls sideways inside a
    focusable, labelled region and its first column stays in view.
    """
    head = "".join(f'<th scope="col">{escape_text(c)}</th>' for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False):
        cells = [_cell_html(v) for v in row]
        first = f'<th scope="row">{cells[0]}</th>' if cells else ""
        rows.append(f"<tr>{first}{''.join(f'<td>{c}</td>' for c in cells[1:])}</tr>")
    label = escape_text(caption) if caption else "Table"
    cap = f"<caption>{escape_text(caption)}</caption>" if caption else ""
    return HtmlBlock(
        f'<div class="cyb-scroll cyb-block" tabindex="0" role="region" aria-label="{label}">'
        f'<table class="cyb-table table" style="--cyb-cols: {max(1, len(frame.columns))}">'
        f"{cap}<thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def download_links(descriptor: dict, folder: str | Path, zip_path: str | None = None) -> MystBlock:
    """MyST download links for every table of a data package and for its ``datapackage.json``.

    ``descriptor`` is the package's ``datapackage.json`` (as a dict, e.g.
    :func:`~cybercrime_eg.api.datapackage`) and ``folder`` the folder that holds it. Paths are
    written relative to the current directory (the notebook's folder during the book build),
    so Sphinx copies each file into the book's ``_downloads``.
    """
    rel = Path(os.path.relpath(Path(folder), Path.cwd())).as_posix()
    lines = []
    if zip_path:
        lines.append(f"- {{download}}`The whole data package (zip) <{zip_path}>`")
    lines.append(f"- {{download}}`datapackage.json <{rel}/datapackage.json>`: the descriptor")
    for res in descriptor["resources"]:
        description = str(res.get("description", "")).replace("`", "'").replace("\n", " ")
        lines.append(f"- {{download}}`{res['path']} <{rel}/{res['path']}>`: {description}")
    return MystBlock("\n".join(lines))


def explorer_html(items: pd.DataFrame, labels: dict[str, str]) -> str:
    """Static explorer: theme, instrument and actor filters and a free-text box over a table.

    Works without a kernel (``book/_assets/explorer.js``); every value is escaped and carried in
    ``data-`` attributes, never inserted as markup by the script.
    """

    def opts(values: Sequence[str], lab: dict[str, str] | None = None) -> str:
        lab = lab or {}
        return "".join(
            f'<option value="{escape_text(v)}">{escape_text(lab.get(v, v))}</option>'
            for v in values
        )

    themes = sorted({t for ts in items["themes"] for t in ts}, key=lambda t: labels.get(t, t))
    instruments = sorted({t for ts in items["instruments"] for t in ts})
    actors = sorted({t for ts in items["actors"] for t in ts})
    rows = []
    for r in items.itertuples(index=False):
        chips = "".join(
            f'<span class="cyb-chip">{escape_text(labels.get(t, t))}</span>' for t in r.themes
        )
        rows.append(
            f'<tr data-themes="{escape_text("|".join(r.themes))}" '
            f'data-instruments="{escape_text("|".join(r.instruments))}" '
            f'data-actors="{escape_text("|".join(r.actors))}">'
            f"<td>{escape_text(r.id)}</td><td>{chips}</td>"
            f"<td>{escape_text(', '.join(r.instruments)) or 'none named'}</td>"
            f"<td>{escape_text(r.text)}</td></tr>"
        )
    return (
        '<div class="cyb-explorer cyb-block" data-explorer="items">'
        '<div class="cyb-controls">'
        '<label>Theme <select data-filter="themes"><option value="">(any)</option>'
        f"{opts(themes, labels)}</select></label>"
        '<label>Instrument <select data-filter="instruments"><option value="">(any)</option>'
        f"{opts(instruments)}</select></label>"
        '<label>Actor <select data-filter="actors"><option value="">(any)</option>'
        f"{opts(actors)}</select></label>"
        '<label>Text <input type="search" data-filter="text" '
        'placeholder="words in the recommendation"></label>'
        "</div>"
        f'<p class="cyb-count" aria-live="polite">{len(items)} of {len(items)} items</p>'
        '<div class="cyb-scroll" tabindex="0" role="region" aria-label="Recommendations">'
        '<table class="cyb-table table"><thead><tr><th>Item</th><th>Themes</th>'
        "<th>Instruments named</th><th>Text</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></div>"
    )


def comparison_html(facts: pd.DataFrame, initial: Sequence[str] = ()) -> str:
    """Static selector: choose two or more States, see their facts side by side.

    ``facts`` is :func:`~cybercrime_eg.states.profiles.report_state_facts`; ``initial`` the
    ISO codes shown first (default:
    :func:`~cybercrime_eg.states.profiles.representative_states`). Works without a kernel
    (``book/_assets/explorer.js`` shows the chosen columns).
    """
    old, new = sorted(RESOLUTIONS.values(), key=lambda r: r.date)
    fields = [
        ("role", "Role in the report"),
        ("regional_group", "UN regional group"),
        ("budapest_status", f"Budapest status ({BUDAPEST_STATUS_DATE})"),
        ("budapest_signature_date", "Budapest signature"),
        ("budapest_ratification_or_accession_date", "Budapest ratification or accession"),
        ("budapest_entry_into_force_date", "Budapest entry into force"),
        (old.column, f"Vote on {old.short} ({old.year})"),
        (new.column, f"Vote on {new.short} ({new.year})"),
        ("un_convention_signature", "UN Convention signature"),
        ("un_convention_signature_date", "UN Convention signature date"),
    ]
    chosen = list(initial) or representative_states(facts)
    options = "".join(
        f'<option value="{escape_text(r.iso3)}"{" selected" if r.iso3 in chosen else ""}>'
        f"{escape_text(r.name)}</option>"
        for r in facts.itertuples(index=False)
    )
    head = "".join(
        f'<th data-state="{escape_text(r.iso3)}"'
        f"{'' if r.iso3 in chosen else ' hidden'}>{escape_text(r.name)}</th>"
        for r in facts.itertuples(index=False)
    )
    body = []
    for col, title in fields:
        cells = []
        for r in facts.itertuples(index=False):
            v = getattr(r, col)
            text = escape_text(v) or NOT_RECORDED
            cells.append(
                f'<td data-state="{escape_text(r.iso3)}"'
                f"{'' if r.iso3 in chosen else ' hidden'}>{text}</td>"
            )
        body.append(f"<tr><th>{escape_text(title)}</th>{''.join(cells)}</tr>")
    return (
        '<div class="cyb-statecompare cyb-block">'
        "<label>States to compare (hold Ctrl or Shift to choose several)<br>"
        f'<select multiple size="8" data-compare="states">{options}</select></label>'
        '<div class="cyb-scroll" tabindex="0" role="region" aria-label="States compared">'
        '<table class="cyb-table table"><thead><tr><th>Fact</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div></div>"
    )
