"""ipywidgets explorers for Jupyter and Binder.

In a live kernel every control answers. In the static book, the widget state is embedded by
myst-nb and drawn by the locally served widget manager: the reader sees the default view (the
plotly charts next to them carry the static-page interactivity). All text from the report is
HTML-escaped before it goes into an ``HTML`` widget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import ipywidgets as widgets
import pandas as pd

from ..checks import require_frame, require_mapping, require_str
from ..vocab import NOT_RECORDED
from .render import escape_text
from .report import annotate, compare_html, theme_chips

_LABELS = "a dict of theme id to label"
_ITEM_LISTS = ["themes", "instruments", "actors"]


def _item_options(paragraphs: pd.DataFrame, recommendations: pd.DataFrame) -> list[tuple]:
    rows = []
    for p in paragraphs.itertuples(index=False):
        rows.append((int(p.start), f"Paragraph {p.number}", ("paragraph", str(p.id))))
    for r in recommendations.itertuples(index=False):
        rows.append((int(r.start), f"Item {r.id}", ("item", str(r.id))))
    rows.sort()
    return [(label, key) for _, label, key in rows]


def report_reader(
    paragraphs: pd.DataFrame,
    recommendations: pd.DataFrame,
    mentions: pd.DataFrame,
    raw: str,
    *,
    themes: pd.DataFrame | None = None,
    theme_labels: dict[str, str] | None = None,
    initial: str | None = None,
) -> widgets.VBox:
    """Choose a paragraph or item: see its annotated text, then cleaned text beside raw source.

    Args:
        paragraphs, recommendations, mentions, raw: the report tables and raw text.
        themes: item-theme rows (``item_id``, ``theme``), optional.
        theme_labels: theme id -> label.
        initial: the item id shown first (default: the first recommendation).

    Returns:
        ``VBox([Dropdown, HTML])``; ``children[0]`` is the chooser, ``children[1]`` the view.
    """
    require_frame("paragraphs", paragraphs, ["id", "number", "start", "end"])
    require_frame("recommendations", recommendations, ["id", "start", "end"])
    require_frame("mentions", mentions, ["start", "end"])
    require_str("raw", raw)
    if themes is not None:
        require_frame("themes", themes, ["item_id", "theme"], what="the themes table")
    require_mapping("theme_labels", theme_labels, what=_LABELS, allow_none=True)
    require_str("initial", initial, allow_none=True)
    options = _item_options(paragraphs, recommendations)
    by_item: dict[str, list[str]] = {}
    if themes is not None:
        for row in themes.itertuples(index=False):
            by_item.setdefault(str(row.item_id), [])
            if str(row.theme) not in by_item[str(row.item_id)]:
                by_item[str(row.item_id)].append(str(row.theme))
    tables = {
        "paragraph": paragraphs.set_index("id"),
        "item": recommendations.set_index("id"),
    }

    def view(key: tuple[str, str]) -> str:
        kind, ident = key
        row = tables[kind].loc[ident]
        start, end = int(row["start"]), int(row["end"])
        chips = theme_chips(by_item.get(ident, []), theme_labels)
        title = f"Paragraph {ident}" if kind == "paragraph" else f"Item {ident}"
        return (
            '<div class="cyb-report">'
            f"<p><strong>{escape_text(title)}</strong> {chips}</p>"
            f"<p>{annotate(raw, start, end, mentions)}</p>"
            f"{compare_html(raw, start, end, row.get('line'))}"
            "</div>"
        )

    default = options[0][1]
    if initial is not None:
        default = next((k for _, k in options if k[1] == initial), default)
    elif len(recommendations):
        default = ("item", str(recommendations.sort_values("start").iloc[0]["id"]))
    chooser = widgets.Dropdown(
        options=options,
        value=default,
        description="Show",
        layout=widgets.Layout(width="22rem"),
    )
    out = widgets.HTML(value=view(default))

    def on_change(change: dict) -> None:
        out.value = view(change["new"])

    chooser.observe(on_change, names="value")
    return widgets.VBox([chooser, out])


def _filter_select(
    description: str, values: Iterable[str], labels: dict[str, str] | None = None
) -> widgets.Dropdown:
    labels = labels or {}
    opts = [("(any)", "")] + [(labels.get(v, v), v) for v in values]
    return widgets.Dropdown(options=opts, value="", description=description)


def filter_table(
    frame: pd.DataFrame,
    *,
    theme: str = "",
    instrument: str = "",
    actor: str = "",
    text: str = "",
) -> pd.DataFrame:
    """Rows of an explorer table matching every filter (empty filter = any).

    ``frame`` has list-valued ``themes``, ``instruments`` and ``actors`` columns and a ``text``
    column; ``text`` is matched case-insensitively as a substring.
    """
    require_frame("frame", frame, _ITEM_LISTS, what="explorer_items()")
    for name, value in (("theme", theme), ("instrument", instrument), ("actor", actor)):
        require_str(name, value)
    require_str("text", text)
    keep = pd.Series(True, index=frame.index)
    if theme:
        keep &= frame["themes"].map(lambda xs: theme in xs)
    if instrument:
        keep &= frame["instruments"].map(lambda xs: instrument in xs)
    if actor:
        keep &= frame["actors"].map(lambda xs: actor in xs)
    if text:
        needle = text.casefold()
        keep &= frame["text"].map(lambda s: needle in str(s).casefold())
    return frame[keep]


def _rows_html(
    frame: pd.DataFrame, labels: dict[str, str], columns: Sequence[tuple[str, str]]
) -> str:
    if not len(frame):
        return '<p class="cyb-missing">No recommendation matches these filters.</p>'
    head = "".join(f"<th>{escape_text(title)}</th>" for _, title in columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for col, _ in columns:
            value = getattr(row, col)
            if col == "themes":
                cells.append(f"<td>{theme_chips(value, labels)}</td>")
            elif isinstance(value, list | tuple):
                cells.append(f"<td>{escape_text(', '.join(value)) or 'none named'}</td>")
            else:
                cells.append(f"<td>{escape_text(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<p>{len(frame)} item(s)</p><table class="cyb-table table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def theme_explorer(items: pd.DataFrame, theme_labels: dict[str, str] | None = None) -> widgets.VBox:
    """Filter the recommendations by theme, instrument, actor and free text.

    Args:
        items: one row per recommendation with ``id``, ``text`` and list-valued ``themes``,
            ``instruments`` and ``actors`` columns (see
            :func:`~cybercrime_eg.items.explorer_items`).
        theme_labels: theme id -> label.

    Returns:
        ``VBox([HBox(filters), Text, HTML])``: ``children[0].children`` are the theme,
        instrument and actor dropdowns, ``children[1]`` the free-text box and ``children[2]``
        the result table.
    """
    require_frame("items", items, _ITEM_LISTS, what="explorer_items()")
    require_mapping("theme_labels", theme_labels, what=_LABELS, allow_none=True)
    labels = theme_labels or {}

    def values(col: str) -> list[str]:
        return sorted({v for xs in items[col] for v in xs})

    theme = _filter_select("Theme", values("themes"), labels)
    instrument = _filter_select("Instrument", values("instruments"))
    actor = _filter_select("Actor", values("actors"))
    text = widgets.Text(value="", description="Text", placeholder="words in the recommendation")
    columns = [("id", "Item"), ("themes", "Themes"), ("text", "Text")]
    out = widgets.HTML(value=_rows_html(items, labels, columns))

    def update(_change: dict | None = None) -> None:
        shown = filter_table(
            items,
            theme=theme.value,
            instrument=instrument.value,
            actor=actor.value,
            text=text.value.strip(),
        )
        out.value = _rows_html(shown, labels, columns)

    for control in (theme, instrument, actor, text):
        control.observe(update, names="value")
    filters = widgets.HBox([theme, instrument, actor], layout=widgets.Layout(flex_flow="row wrap"))
    return widgets.VBox([filters, text, out])


def state_comparison(
    profiles: pd.DataFrame,
    *,
    key: str = "iso3",
    label: str = "name",
    initial: Sequence[str] = (),
    fields: Sequence[str] | None = None,
    formatter: Callable[[object], str] | None = None,
) -> widgets.VBox:
    """Compare any two or more States side by side.

    Args:
        profiles: one row per State; ``key`` identifies a State, ``label`` names it.
        initial: keys selected at first (default: the first two rows), shown in the list's order.
        fields: the columns to compare (default: all but ``key``, ``label`` and list columns).
        formatter: turns a cell into text (default: missing values become "not recorded").

    Returns:
        ``VBox([SelectMultiple, HTML])``: select States; the table shows one column per State.
    """
    require_str("key", key)
    require_str("label", label)
    require_frame("profiles", profiles, [key, label])
    lists = {c for c in profiles.columns if profiles[c].map(lambda v: isinstance(v, list)).any()}
    fields = list(fields or [c for c in profiles.columns if c not in {key, label} | lists])
    fmt = formatter or (lambda v: NOT_RECORDED if v is None or pd.isna(v) else str(v))
    options = [(str(r[label]), str(r[key])) for _, r in profiles.iterrows()]
    order = [k for _, k in options]

    def in_list_order(keys: Sequence[str]) -> tuple[str, ...]:
        """Keys in the order of the list, whatever order they were chosen in."""
        picked = set(keys)
        return tuple(k for k in order if k in picked)

    chosen = in_list_order(initial) or tuple(order[:2])
    select = widgets.SelectMultiple(
        options=options,
        value=chosen,
        description="States",
        rows=min(10, max(4, len(options))),
    )
    indexed = profiles.set_index(key)

    def table(keys: Sequence[str]) -> str:
        if not keys:
            return '<p class="cyb-missing">Select one or more States.</p>'
        head = "".join(f"<th>{escape_text(indexed.loc[k, label])}</th>" for k in keys)
        rows = []
        for f in fields:
            cells = "".join(f"<td>{escape_text(fmt(indexed.loc[k, f]))}</td>" for k in keys)
            rows.append(f"<tr><th>{escape_text(f.replace('_', ' '))}</th>{cells}</tr>")
        return (
            '<table class="cyb-table table"><thead><tr><th>Fact</th>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    out = widgets.HTML(value=table(chosen))

    def on_change(change: dict) -> None:
        out.value = table(in_list_order(change["new"]))

    select.observe(on_change, names="value")
    return widgets.VBox([select, out])
