"""HTML blocks for the book: tables, the static explorers, and download links.

Everything taken from the data is escaped (:func:`~cybercrime_eg.viz.render.escape_text`, which is
``html.escape``) before it is placed in markup. The explorers work in the static page
without a kernel (``book/_assets/explorer.js``).
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..checks import require_frame, require_mapping, require_path, require_str
from ..states import representative_states
from ..vocab import BUDAPEST_STATUS_DATE, NOT_RECORDED, NOT_VERIFIED, RESOLUTIONS
from .render import escape_text

__all__ = [
    "HtmlBlock",
    "MystBlock",
    "comparison_html",
    "download_links",
    "explorer_html",
    "state_grid",
    "symbol_link",
    "symbol_url",
    "table_html",
]

_FACTS = "report_state_facts()"


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
    multi-line cells with line breaks. On a phone (``cyb.css``) each row becomes a card, every
    value under its column's name; between phone and desktop widths the table scrolls sideways
    inside a focusable, labelled region and its first column stays in view.
    """
    require_frame("frame", frame)
    require_str("caption", caption, allow_none=True)
    head = "".join(f'<th scope="col">{escape_text(c)}</th>' for c in frame.columns)
    names = [escape_text(c) for c in frame.columns]
    rows = []
    for row in frame.itertuples(index=False):
        cells = [_cell_html(v) for v in row]
        first = f'<th scope="row">{cells[0]}</th>' if cells else ""
        rest = "".join(
            f'<td data-label="{n}">{c}</td>' for n, c in zip(names[1:], cells[1:], strict=True)
        )
        rows.append(f"<tr>{first}{rest}</tr>")
    label = escape_text(caption) if caption else "Table"
    cap = f"<caption>{escape_text(caption)}</caption>" if caption else ""
    return HtmlBlock(
        f'<div class="cyb-scroll cyb-block" tabindex="0" role="region" aria-label="{label}">'
        '<table class="cyb-table cyb-cards table" '
        f'style="--cyb-cols: {max(1, len(frame.columns))}">'
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
    require_mapping("descriptor", descriptor, what="a data package descriptor (dict)")
    require_path("folder", folder, "dir", must_exist=False)
    require_str("zip_path", zip_path, allow_none=True)
    rel = Path(os.path.relpath(Path(folder), Path.cwd())).as_posix()
    lines = []
    if zip_path:
        lines.append(f"- {{download}}`The whole data package (zip) <{zip_path}>`")
    lines.append(f"- {{download}}`datapackage.json <{rel}/datapackage.json>`: the descriptor")
    for res in descriptor["resources"]:
        description = _markdown_text(str(res.get("description", "")))
        lines.append(f"- {{download}}`{res['path']} <{rel}/{res['path']}>`: {description}")
    return MystBlock("\n".join(lines))


def _markdown_text(text: str) -> str:
    """``text`` as MyST Markdown that shows exactly these characters: a span in backticks
    (``<fact>_basis``) stays inline code, and ``<``, ``>`` and ``&`` elsewhere are escaped
    (``html.escape``), so that no name in angle brackets is read as an HTML tag. An unpaired
    backtick is shown as it is."""
    flat = " ".join(text.split())
    parts = flat.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code span
        return html.escape(flat, quote=False).replace("`", "\\`")
    return "".join(
        f"`{part}`" if i % 2 else html.escape(part, quote=False) for i, part in enumerate(parts)
    )


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
        '<div class="cyb-explorer cyb-block" id="explorer-items" data-explorer="items">'
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
    :func:`~cybercrime_eg.states.profiles.representative_states`). As in :func:`state_grid`,
    an external value is followed by how it is known, in words (official, secondary,
    inferred; from the ``<fact>_basis`` columns that
    :func:`~cybercrime_eg.viz.states.with_basis` adds), and a regional group by the State's
    caveat (``group_note``: the United States is an observer in WEOG). Works without a kernel
    (``book/_assets/explorer.js`` shows the chosen columns).
    """
    require_frame("facts", facts, ["iso3", "name"], what=_FACTS)
    from .states import basis, for_display

    facts = for_display(facts)
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
    graded = {col for col, _ in _grid_columns()} - {"role"}
    bases = {col: basis(facts, col) for col, _ in fields if col in graded}
    body = []
    for col, title in fields:
        cells = []
        for i, r in enumerate(facts.itertuples(index=False)):
            v = getattr(r, col)
            text = escape_text(v) or NOT_RECORDED
            if col == "regional_group":
                text += _group_note(r)
            if col in bases:
                text += _basis_tag(bases[col].iloc[i])
            cells.append(
                f'<td data-state="{escape_text(r.iso3)}"'
                f"{'' if r.iso3 in chosen else ' hidden'}>{text}</td>"
            )
        body.append(f"<tr><th>{escape_text(title)}</th>{''.join(cells)}</tr>")
    return (
        '<div class="cyb-statecompare cyb-block" id="state-compare">'
        "<label>States to compare (hold Ctrl or Shift to choose several)<br>"
        f'<select multiple size="8" data-compare="states">{options}</select></label>'
        '<div class="cyb-scroll" tabindex="0" role="region" aria-label="States compared">'
        '<table class="cyb-table table"><thead><tr><th>Fact</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        f"{_sources_note(dates=True)}</div>"
    )


#: Official pages of the primary documents: a UN symbol's page and each treaty's depositary.
UNDOCS = "https://undocs.org/"
BUDAPEST_URL = "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=185"
UN_CONVENTION_URL = (
    "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18"
    "&clang=_en"
)


def symbol_url(symbol: str) -> str:
    """The official page of a UN document symbol (``A/RES/74/247`` -> ``undocs.org``)."""
    return UNDOCS + str(symbol).strip()


def symbol_link(symbol: str, text: str | None = None) -> str:
    """An escaped link to the official page of a UN document symbol."""
    return (
        f'<a class="cyb-doc" href="{escape_text(symbol_url(symbol))}">'
        f"{escape_text(text or symbol)}</a>"
    )


#: Columns of the States grid: fact column -> (header, kind of colour).
def _grid_columns() -> list[tuple[str, str]]:
    old, new = sorted(RESOLUTIONS.values(), key=lambda r: r.date)
    return [
        ("role", "Role in the report"),
        ("regional_group", "UN regional group"),
        ("budapest_status", f"Budapest status ({BUDAPEST_STATUS_DATE})"),
        (old.column, f"Vote on {old.short} ({old.year})"),
        (new.column, f"Vote on {new.short} ({new.year})"),
        ("un_convention_signature", "UN Convention signature"),
    ]


def _order(fact: str, value: str) -> str:
    """Sort key of a category: its place in the book's order, then its text."""
    from .palettes import FACT_COLOURS, ROLE_COLOURS

    kind = "vote" if fact.startswith("vote") else fact
    known = list(FACT_COLOURS.get(kind, ROLE_COLOURS if fact == "role" else {}))
    place = known.index(value) if value in known else len(known)
    return f"{place:02d} {value}"


def _group_note(row: object) -> str:
    """The United States' WEOG caveat after its regional group (``group_note``)."""
    note = getattr(row, "group_note", None)
    if not isinstance(note, str) or not note:
        return ""
    return f' <span class="cyb-note">({escape_text(note)})</span>'


def _basis_tag(how: str) -> str:
    """The tag after an external value saying how it is known (official, secondary,
    inferred), in words; empty when the fact has no grade (not verified)."""
    how = str(how).strip()
    if not how:
        return ""
    return (
        f' <span class="cyb-basis cyb-basis-{escape_text(how.lower())}">{escape_text(how)}</span>'
    )


def _sources_note(*, swatches: bool = False, dates: bool = False) -> str:
    """The line under the States grid and the comparison: the primary records, where the
    votes were read (as data/external/SOURCES.md says), and what the basis tags mean."""
    old, new = sorted(RESOLUTIONS.values(), key=lambda r: r.date)
    hatched = "; its swatch is hatched" if swatches else ""
    undated = (
        " Dates are as each row's source gives them (budapest_status.csv, "
        "un_convention_signatures.csv) and are not graded separately."
        if dates
        else ""
    )
    return (
        '<p class="cyb-grid-sources">Primary records: '
        f'<a href="{escape_text(BUDAPEST_URL)}">Budapest Convention, Council of Europe treaty '
        f"office</a>; {symbol_link(old.symbol)} and {symbol_link(new.symbol)} (the resolutions; "
        "each State's recorded vote is read in Erik Voeten's United Nations General Assembly "
        "voting data, through the TidyTuesday unvotes table); "
        f'<a href="{escape_text(UN_CONVENTION_URL)}">UN Convention against Cybercrime, UN Treaty '
        "Collection</a>. A tag after a value says how it is known: official (the depositary's "
        "or the UN's own record), secondary (a reliable report of it) or inferred (reasoned "
        f'from other facts{hatched}). A value that reads "{NOT_VERIFIED}" carries no tag.'
        f"{undated}</p>"
    )


def state_grid(facts: pd.DataFrame) -> HtmlBlock:
    """The States named in the report as a labelled, sortable grid: one row per State.

    ``facts`` is :func:`cybercrime_eg.states.profiles.report_state_facts`, optionally with
    ``<fact>_basis`` columns (``cybercrime_eg.viz.states.with_basis``). Each cell shows
    the value with a swatch in the colour the charts give it and, for an external fact, how it
    is known (official, secondary, inferred; an inferred swatch is hatched). Column headers are
    buttons that sort the rows (``book/_assets/explorer.js``; the order is kept in the page
    address); each row has an anchor (``#state-ISO3``). On a phone each row is a card.
    """
    require_frame("facts", facts, ["iso3", "name"], what=_FACTS)
    from .palettes import role_colour
    from .states import _colour, basis, for_display

    facts = for_display(facts)
    columns = _grid_columns()
    head = (
        '<th scope="col" aria-sort="ascending"><button type="button" data-sort="0">State'
        "</button></th>"
        + "".join(
            f'<th scope="col" aria-sort="none"><button type="button" data-sort="{k}">'
            f"{escape_text(title)}</button></th>"
            for k, (_, title) in enumerate(columns, start=1)
        )
    )
    bases = {fact: basis(facts, fact) for fact, _ in columns}
    rows = []
    for i, r in enumerate(facts.itertuples(index=False)):
        iso = escape_text(r.iso3)
        cells = [
            f'<th scope="row" data-sort="{escape_text(r.name)}">'
            f'<a class="cyb-anchor" href="#state-{iso}" aria-label="Link to {escape_text(r.name)}">'
            f"#</a> {escape_text(r.name)}</th>"
        ]
        for fact, title in columns:
            value = str(getattr(r, fact))
            colour = role_colour(value) if fact == "role" else _colour(fact, value)
            how = bases[fact].iloc[i]
            inferred = how.strip().lower() == "inferred"
            cells.append(
                f'<td data-label="{escape_text(title)}" '
                f'data-sort="{escape_text(_order(fact, value))}">'
                f'<span class="cyb-swatch{" cyb-swatch-inferred" if inferred else ""}" '
                f'style="--cyb-swatch:{colour}" aria-hidden="true"></span>'
                f"{escape_text(value)}{_group_note(r) if fact == 'regional_group' else ''}"
                f"{_basis_tag(how)}</td>"
            )
        rows.append(f'<tr id="state-{iso}">{"".join(cells)}</tr>')
    return HtmlBlock(
        '<div class="cyb-grid cyb-block" id="state-grid">'
        '<p class="cyb-count">Sort by any column: press its header (again to reverse).</p>'
        '<div class="cyb-scroll" tabindex="0" role="region" '
        'aria-label="States named in the report">'
        '<table class="cyb-table cyb-state-grid table"><caption>The States named in the report, '
        f"one row each ({len(facts)})</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        f"{_sources_note(swatches=True)}</div>"
    )
