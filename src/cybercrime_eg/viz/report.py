"""The report as a reading view: annotated text, theme chips, cleaned text beside the raw source.

Everything taken from the report is HTML-escaped before it is placed in markup: a report that
contains ``<script>`` or ``<img onerror=...>`` is shown as text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import pandas as pd

from ..checks import require_frame, require_int, require_str, type_name
from ..facts import continued_sections
from ..text import clean, clean_with_offsets
from .html import BUDAPEST_URL, HtmlBlock, symbol_url, table_html
from .render import escape_text as esc

__all__ = [
    "ENTITY_KINDS",
    "ENTITY_LABELS",
    "annotate",
    "compare_html",
    "report_view",
    "theme_chips",
    "unparsed_view",
]

#: A UN document symbol (``A/C.3/72/12``, ``A/RES/74/247``, ``E/CN.15/2019/...``).
UN_SYMBOL = re.compile(r"[A-Z]{1,4}(?:/[A-Z0-9.]+)+")

ENTITY_KINDS = ("state", "instrument", "document", "organization", "resource", "company")
ENTITY_LABELS = {
    "state": "State",
    "instrument": "legal instrument",
    "document": "document",
    "organization": "organization",
    "resource": "resource (portal)",
    "company": "company",
}


def _slug(item_id: str) -> str:
    keep = [c if c.isalnum() else "-" for c in str(item_id)]
    return "item-" + "-".join(p for p in "".join(keep).split("-") if p)


_UNPARSED = ["paragraph_id", "line", "sentence", "reason"]


def _check_span(raw: object, start: object, end: object) -> None:
    """``raw`` a str, ``start`` and ``end`` offsets into it (``start <= end``)."""
    require_str("raw", raw)
    require_int("start", start)
    require_int("end", end, minimum=int(start))  # type: ignore[call-overload]


def annotate(raw: str, start: int, end: int, mentions: pd.DataFrame | None = None) -> str:
    """Cleaned text of ``raw[start:end]`` as escaped HTML with the mentions inside it marked.

    ``mentions`` has raw-file offsets (``start``, ``end``), an ``entity`` and a ``kind``; a
    mention is marked where the cleaned characters come from its raw span.
    """
    _check_span(raw, start, end)
    if mentions is not None:
        require_frame("mentions", mentions, _MENTION_COLUMNS, what="the mentions table")
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
        out.append(esc(text[pos:a]))
        label = ENTITY_LABELS.get(kind, kind)
        mark = (
            f'<mark class="cyb-entity cyb-{esc(kind)}" title="{esc(label)}: {esc(entity)}">'
            f"{esc(text[a:b])}</mark>"
        )
        out.append(mark)
        pos = b
    out.append(esc(text[pos:]))
    return "".join(out)


def primary_url(kind: str, entity: str) -> str | None:
    """The official page of a document or treaty the report names: a UN symbol's page on
    undocs.org, the depositary's page of the Budapest Convention; None for anything else."""
    if kind == "document" and UN_SYMBOL.fullmatch(str(entity).strip()):
        return symbol_url(entity)
    if kind == "instrument" and str(entity) == "Budapest Convention":
        return BUDAPEST_URL
    return None


def _doc_links(mentions: pd.DataFrame | None, start: int, end: int) -> str:
    """Links to the official pages of the documents and treaties named in ``[start, end)``
    (outside the ``<summary>``: a link inside it would nest two controls)."""
    if mentions is None or not len(mentions):
        return ""
    inside = mentions[(mentions["start"] >= start) & (mentions["end"] <= end)]
    links = {}
    for m in inside.itertuples(index=False):
        url = primary_url(str(m.kind), str(m.entity))
        if url:
            links.setdefault(url, str(m.entity))
    if not links:
        return ""
    items = "; ".join(f'<a class="cyb-doc" href="{esc(u)}">{esc(t)}</a>' for u, t in links.items())
    return f'<p class="cyb-docs">Official pages: {items}.</p>'


def theme_chips(theme_ids: Iterable[str], labels: dict[str, str] | None = None) -> str:
    """Escaped HTML chips, one per theme."""
    labels = labels or {}
    chips = [
        f'<span class="cyb-chip" data-theme="{esc(t)}">{esc(labels.get(t, t))}</span>'
        for t in theme_ids
    ]
    if not chips:
        return ""
    return '<span class="cyb-chips" aria-label="themes"> ' + "".join(chips) + "</span>"


def compare_html(raw: str, start: int, end: int, line: object = None, title: str = "") -> str:
    """Side-by-side panel: the cleaned text, and the raw source slice with its offsets."""
    _check_span(raw, start, end)
    require_str("title", title)
    text, _ = clean_with_offsets(raw[start:end], base=start)
    where = f"characters {start}–{end}"
    if line is not None and not (isinstance(line, float) and pd.isna(line)) and line is not pd.NA:
        where += f", line {int(line)}"
    head = f'<p class="cyb-compare-title"><strong>{esc(title)}</strong></p>' if title else ""
    return (
        f'{head}<div class="cyb-compare">'
        f'<div><p class="cyb-compare-title">Cleaned text ({len(text)} characters)</p>'
        f"<pre>{esc(text)}</pre></div>"
        f'<div><p class="cyb-compare-title">Raw source, {esc(where)}</p>'
        f"<pre>{esc(raw[start:end])}</pre></div>"
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
    label = esc(getattr(row, "label", None) or f"{row.number}.")
    panel = compare_html(raw, int(row.start), int(row.end), getattr(row, "line", None))
    panel += _doc_links(mentions, int(row.start), int(row.end))
    inner = "".join(children)
    anchor = _slug(str(row.id))
    what = "paragraph" if "cyb-para" in css else "item"
    return (
        f'<div class="cyb-item {css}" id="{anchor}">'
        f'<a class="cyb-anchor cyb-item-anchor" href="#{anchor}" '
        f'aria-label="Link to {what} {esc(str(row.id))}">#</a>'
        f'<details><summary><span class="cyb-label">{label}</span>{body} {chips}</summary>'
        f"{panel}</details>{inner}</div>"
    )


_PARAGRAPH_COLUMNS = ["id", "chapter", "chapter_title", "section", "section_title", "number",
                      "start", "end"]  # fmt: skip
_ITEM_COLUMNS = ["id", "parent_id", "paragraph_id", "label", "start", "end"]
_MENTION_COLUMNS = ["entity", "kind", "start", "end"]


def _check_view_args(
    paragraphs: object,
    recommendations: object,
    mentions: object,
    raw: object,
    info: object,
    themes: object,
    theme_labels: object,
) -> None:
    """The arguments of :func:`report_view`, checked; then that ``raw`` is the tables' text."""
    require_frame("paragraphs", paragraphs, _PARAGRAPH_COLUMNS, what="the paragraphs table",
                  allow_empty=False)  # fmt: skip
    require_frame("recommendations", recommendations, _ITEM_COLUMNS,
                  what="the recommendations table")  # fmt: skip
    require_frame("mentions", mentions, _MENTION_COLUMNS, what="the mentions table")
    require_str("raw", raw)
    if info is not None:
        require_frame("info", info, what="the report_info table", allow_empty=False)
    if themes is not None:
        require_frame("themes", themes, ["item_id", "theme"], what="the themes table")
    if theme_labels is not None and not isinstance(theme_labels, dict):
        raise TypeError(
            f"theme_labels: expected a dict of theme id to label, got {type_name(theme_labels)}"
        )
    _check_raw(paragraphs, recommendations, mentions, raw, info)  # type: ignore[arg-type]


def _check_raw(
    paragraphs: pd.DataFrame,
    recommendations: pd.DataFrame,
    mentions: pd.DataFrame,
    raw: str,
    info: pd.DataFrame | None,
) -> None:
    """``ValueError`` when ``raw`` is not the text the tables were parsed from.

    With ``info`` (``report_info()``, which records the SHA-256 of the raw text), the hashes
    are compared; otherwise every offset must fall inside ``raw`` and every paragraph's and
    item's slice of ``raw`` must clean to its ``text``.
    """
    why = "raw: is not the text these tables were parsed from"
    if info is not None and "sha256" in info.columns and not pd.isna(info["sha256"].iloc[0]):
        want = str(info["sha256"].iloc[0])
        got = hashlib.sha256(raw.encode("utf-8")).hexdigest()
        if got != want:
            raise ValueError(
                f"{why}: expected the text whose SHA-256 info records ({want[:16]}…), got a "
                f"text of {len(raw)} characters with SHA-256 {got[:16]}…"
            )
        return
    for name, frame in (
        ("paragraphs", paragraphs),
        ("recommendations", recommendations),
        ("mentions", mentions),
    ):
        ends = pd.to_numeric(frame["end"], errors="coerce").dropna()
        if len(ends) and int(ends.max()) > len(raw):
            raise ValueError(
                f"{why}: expected a text of at least {int(ends.max())} characters (the last "
                f"offset of {name}), got {len(raw)} characters"
            )
    for name, frame in (("paragraphs", paragraphs), ("recommendations", recommendations)):
        if "text" not in frame.columns:
            continue
        for row in frame[["id", "start", "end", "text"]].itertuples(index=False):
            if pd.isna(row.start) or pd.isna(row.end) or pd.isna(row.text):
                continue
            if clean(raw[int(row.start) : int(row.end)]) != str(row.text):
                raise ValueError(
                    f"{why}: expected characters {int(row.start)}–{int(row.end)} to read as "
                    f"{name} {row.id}, got other words"
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

    Raises ``TypeError``/``ValueError`` naming the argument when a table lacks its columns, and
    ``ValueError`` when ``raw`` is not the text the tables were parsed from (its SHA-256 differs
    from ``info``'s; without ``info``, an offset falls outside ``raw`` or a paragraph's or
    item's slice of ``raw`` does not clean to its text): the view would show wrong slices.
    """
    _check_view_args(paragraphs, recommendations, mentions, raw, info, themes, theme_labels)
    labels = theme_labels or {}
    by_item = _themes_by_item(themes)
    parts = ['<div class="cyb-report" role="region" aria-label="The report, annotated">']
    if info is not None and len(info):
        r = info.iloc[0]
        parts.append(
            '<p class="cyb-heading">'
            f"{esc(r.get('body'))}<br>{esc(r.get('venue'))}, {esc(r.get('meeting_dates'))}"
            f"<br>{esc(r.get('title'))}</p>"
        )
    legend = " ".join(
        f'<mark class="cyb-entity cyb-{k}">{esc(ENTITY_LABELS[k])}</mark>' for k in ENTITY_KINDS
    )
    parts.append(
        f'<p class="cyb-legend">Marked in the text: {legend}. Theme chips follow each '
        "recommendation. Open a paragraph or an item to see its cleaned text beside the raw "
        "source, with character offsets.</p>"
    )
    recs = recommendations.copy()
    continued = continued_sections(raw)  # "(continued)" is kept wherever a heading is shown
    heading = None
    for para in paragraphs.sort_values("start").itertuples(index=False):
        this = (para.chapter, para.chapter_title, para.section, para.section_title)
        if this != heading:
            heading = this
            parts.append(
                f'<p class="cyb-heading">{esc(para.chapter)}. {esc(para.chapter_title)}<br>'
                f"{esc(para.section)}. {esc(para.section_title)}"
                + (" (continued)" if (para.section, para.section_title) in continued else "")
                + "</p>"
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


def unparsed_view(unparsed: pd.DataFrame) -> HtmlBlock:
    """The sentences of the statements and side-event paragraphs that named no participant in a
    form the parser reads (``eg.unparsed_sentences()``), listed so that nothing is dropped
    silently; one sentence when every such sentence was read."""
    require_frame("unparsed", unparsed, what="unparsed_sentences()")
    if not unparsed.empty:
        require_frame("unparsed", unparsed, _UNPARSED, what="unparsed_sentences()")
    if unparsed.empty:
        return HtmlBlock(
            "<p>Every sentence of the paragraphs that list statements and side-event organisers "
            "yielded at least one participant.</p>"
        )
    n = len(unparsed)
    intro = (
        f"<p>{n} sentence{'' if n == 1 else 's'} of the paragraphs that list statements and "
        "side-event organisers named no participant in a form the parser reads. "
        f"{'It is' if n == 1 else 'They are'} listed here, with "
        f"{'its' if n == 1 else 'their'} place in the report, rather than dropped:</p>"
    )
    shown = unparsed[["paragraph_id", "line", "sentence", "reason"]].rename(
        columns={"paragraph_id": "paragraph", "line": "line of the raw file"}
    )
    return HtmlBlock(
        intro + table_html(shown, caption="Sentences that yielded no participant").html
    )
