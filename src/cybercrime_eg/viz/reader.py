"""The report as a reading view, the data dictionary and the download links (chapter 2).

Everything taken from the report is HTML-escaped before it is placed in markup: a report that
contains ``<script>`` or ``<img onerror=...>`` is shown as text.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..text import clean_with_offsets

ENTITY_KINDS = ("state", "instrument", "document", "organization", "company")
ENTITY_LABELS = {
    "state": "State",
    "instrument": "legal instrument",
    "document": "document",
    "organization": "organization",
    "company": "company",
}


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


def _esc(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _slug(item_id: str) -> str:
    keep = [c if c.isalnum() else "-" for c in str(item_id)]
    return "item-" + "-".join(p for p in "".join(keep).split("-") if p)


def annotate(raw: str, start: int, end: int, mentions: pd.DataFrame | None = None) -> str:
    """Cleaned text of ``raw[start:end]`` as escaped HTML with the mentions inside it marked.

    ``mentions`` has raw-file offsets (``start``, ``end``), an ``entity`` and a ``kind``; a
    mention is marked where the cleaned characters come from its raw span.
    """
    text, offsets = clean_with_offsets(raw[start:end], base=start)
    marks: list[tuple[int, int, str, str]] = []
    if mentions is not None and len(mentions):
        inside = mentions[(mentions["start"] >= start) & (mentions["end"] <= end)]
        for m in inside.sort_values("start").itertuples(index=False):
            idx = [i for i, o in enumerate(offsets) if m.start <= o < m.end]
            if not idx:
                continue
            a, b = idx[0], idx[-1] + 1
            if marks and a < marks[-1][1]:
                continue  # overlapping mention: keep the first
            marks.append((a, b, str(m.kind), str(m.entity)))
    out, pos = [], 0
    for a, b, kind, entity in marks:
        out.append(_esc(text[pos:a]))
        label = ENTITY_LABELS.get(kind, kind)
        out.append(
            f'<mark class="cyb-entity cyb-{_esc(kind)}" title="{_esc(label)}: {_esc(entity)}">'
            f"{_esc(text[a:b])}</mark>"
        )
        pos = b
    out.append(_esc(text[pos:]))
    return "".join(out)


def theme_chips(theme_ids: Iterable[str], labels: dict[str, str] | None = None) -> str:
    """Escaped HTML chips, one per theme."""
    labels = labels or {}
    chips = [
        f'<span class="cyb-chip" data-theme="{_esc(t)}">{_esc(labels.get(t, t))}</span>'
        for t in theme_ids
    ]
    if not chips:
        return ""
    return '<span class="cyb-chips" aria-label="themes"> ' + "".join(chips) + "</span>"


def compare_html(raw: str, start: int, end: int, line: object = None, title: str = "") -> str:
    """Side-by-side panel: the cleaned text, and the raw source slice with its offsets."""
    text, _ = clean_with_offsets(raw[start:end], base=start)
    where = f"characters {start}–{end}"
    if line is not None and not (isinstance(line, float) and pd.isna(line)) and line is not pd.NA:
        where += f", line {int(line)}"
    head = f'<p class="cyb-compare-title"><strong>{_esc(title)}</strong></p>' if title else ""
    return (
        f'{head}<div class="cyb-compare">'
        f'<div><p class="cyb-compare-title">Cleaned text ({len(text)} characters)</p>'
        f"<pre>{_esc(text)}</pre></div>"
        f'<div><p class="cyb-compare-title">Raw source, {_esc(where)}</p>'
        f"<pre>{_esc(raw[start:end])}</pre></div>"
        "</div>"
    )


def _themes_by_item(themes: pd.DataFrame | None) -> dict[str, list[str]]:
    if themes is None or not len(themes):
        return {}
    out: dict[str, list[str]] = {}
    for row in themes.itertuples(index=False):
        ids = out.setdefault(str(row.item_id), [])
        if str(row.theme) not in ids:
            ids.append(str(row.theme))
    return out


def _item_block(
    row,
    raw: str,
    mentions: pd.DataFrame,
    themes: dict[str, list[str]],
    labels: dict[str, str],
    children: list[str],
    css: str,
) -> str:
    body = annotate(raw, int(row.start), int(row.end), mentions)
    chips = theme_chips(themes.get(str(row.id), []), labels)
    label = _esc(getattr(row, "label", None) or f"{row.number}.")
    panel = compare_html(raw, int(row.start), int(row.end), getattr(row, "line", None))
    inner = "".join(children)
    return (
        f'<div class="cyb-item {css}" id="{_slug(str(row.id))}">'
        f'<details><summary><span class="cyb-label">{label}</span>{body} {chips}</summary>'
        f"{panel}</details>{inner}</div>"
    )


def report_view(
    paragraphs: pd.DataFrame,
    recommendations: pd.DataFrame,
    mentions: pd.DataFrame,
    raw: str,
    *,
    info: pd.DataFrame | None = None,
    themes: pd.DataFrame | None = None,
    theme_labels: dict[str, str] | None = None,
) -> HtmlBlock:
    """The whole report as a reading view.

    Each paragraph and each lettered item is a ``<details>`` element: its cleaned text, with
    the named States, instruments, documents and organizations marked and the item's themes as
    chips; opening it shows the cleaned text beside the raw source, with the character offsets
    and line number. Works in the static book without a kernel.

    Args:
        paragraphs, recommendations, mentions: the report tables (``cybercrime_eg.paragraphs()``
            etc.).
        raw: the raw report text the offsets point into (``cybercrime_eg.raw_text()``).
        info: the one-row front matter (``cybercrime_eg.report_info()``), shown as a header.
        themes: item-theme rows with ``item_id`` and ``theme`` columns (optional).
        theme_labels: theme id -> label for the chips.
    """
    labels = theme_labels or {}
    by_item = _themes_by_item(themes)
    parts = ['<div class="cyb-report" role="region" aria-label="The report, annotated">']
    if info is not None and len(info):
        r = info.iloc[0]
        parts.append(
            '<p class="cyb-heading">'
            f"{_esc(r.get('body'))}<br>{_esc(r.get('venue'))}, {_esc(r.get('meeting_dates'))}"
            f"<br>{_esc(r.get('title'))}</p>"
        )
    legend = " ".join(
        f'<mark class="cyb-entity cyb-{k}">{_esc(ENTITY_LABELS[k])}</mark>' for k in ENTITY_KINDS
    )
    parts.append(
        f'<p class="cyb-legend">Marked in the text: {legend}. Theme chips follow each '
        "recommendation. Open a paragraph or an item to see its cleaned text beside the raw "
        "source, with character offsets.</p>"
    )
    recs = recommendations.copy()
    heading = None
    for para in paragraphs.sort_values("start").itertuples(index=False):
        this = (para.chapter, para.chapter_title, para.section, para.section_title)
        if this != heading:
            heading = this
            parts.append(
                f'<p class="cyb-heading">{_esc(para.chapter)}. {_esc(para.chapter_title)}<br>'
                f"{_esc(para.section)}. {_esc(para.section_title)}</p>"
            )
        items = recs[recs["paragraph_id"] == para.id]
        children = []
        top = items[items["parent_id"].isna()].sort_values("start")
        for item in top.itertuples(index=False):
            subs = items[items["parent_id"] == item.id].sort_values("start")
            sub_blocks = [
                _item_block(s, raw, mentions, by_item, labels, [], "cyb-rec cyb-sub")
                for s in subs.itertuples(index=False)
            ]
            children.append(
                _item_block(item, raw, mentions, by_item, labels, sub_blocks, "cyb-rec")
            )
        parts.append(_item_block(para, raw, mentions, by_item, labels, children, "cyb-para"))
    parts.append("</div>")
    return HtmlBlock("".join(parts))


def data_dictionary(datapackage: str | Path) -> pd.DataFrame:
    """One row per field of every table in a Frictionless ``datapackage.json``."""
    desc = json.loads(Path(datapackage).read_text(encoding="utf-8"))
    rows = []
    for res in desc["resources"]:
        for f in res["schema"]["fields"]:
            rows.append(
                {
                    "table": res.get("path", res["name"]),
                    "field": f["name"],
                    "type": f.get("type", "any"),
                    "required": bool(f.get("constraints", {}).get("required", False)),
                    "description": f.get("description", ""),
                }
            )
    return pd.DataFrame(rows)


_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+")


def _cell_html(value: object) -> str:
    """One escaped table cell: several lines become a numbered list ("1. ...") or line breaks."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return '<span class="cyb-missing">not recorded</span>'
    lines = [line for line in str(value).splitlines() if line.strip()]
    if len(lines) > 1 and all(_NUMBERED.match(line) for line in lines):
        items = "".join(f"<li>{_esc(_NUMBERED.sub('', line, count=1))}</li>" for line in lines)
        return f'<ol class="cyb-list">{items}</ol>'
    return "<br>".join(_esc(line) for line in lines) if len(lines) > 1 else _esc(value)


def table_html(frame: pd.DataFrame, caption: str | None = None) -> HtmlBlock:
    """An escaped HTML table (``<NA>`` shown as "not recorded"), in a sideways-scrolling box.

    A cell of several numbered lines ("1. ...\\n2. ...") is shown as a numbered list, other
    multi-line cells with line breaks. On a narrow screen the table scrolls sideways inside a
    focusable, labelled region and its first column stays in view.
    """
    head = "".join(f'<th scope="col">{_esc(c)}</th>' for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False):
        cells = [_cell_html(v) for v in row]
        first = f'<th scope="row">{cells[0]}</th>' if cells else ""
        rows.append(f"<tr>{first}{''.join(f'<td>{c}</td>' for c in cells[1:])}</tr>")
    label = _esc(caption) if caption else "Table"
    cap = f"<caption>{_esc(caption)}</caption>" if caption else ""
    return HtmlBlock(
        f'<div class="cyb-scroll cyb-block" tabindex="0" role="region" aria-label="{label}">'
        f'<table class="cyb-table table" style="--cyb-cols: {max(1, len(frame.columns))}">'
        f"{cap}<thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def download_links(datapackage: str | Path, zip_path: str | None = None) -> MystBlock:
    """MyST download links for every table of the package and for ``datapackage.json``.

    Paths are written relative to the current directory (the notebook's folder during the book
    build), so Sphinx copies each file into the book's ``_downloads``.
    """
    datapackage = Path(datapackage)
    rel = Path(os.path.relpath(datapackage.parent, Path.cwd())).as_posix()
    desc = json.loads(datapackage.read_text(encoding="utf-8"))
    lines = []
    if zip_path:
        lines.append(f"- {{download}}`The whole data package (zip) <{zip_path}>`")
    lines.append(f"- {{download}}`datapackage.json <{rel}/datapackage.json>`: the descriptor")
    for res in desc["resources"]:
        description = str(res.get("description", "")).replace("`", "'").replace("\n", " ")
        lines.append(f"- {{download}}`{res['path']} <{rel}/{res['path']}>`: {description}")
    return MystBlock("\n".join(lines))
