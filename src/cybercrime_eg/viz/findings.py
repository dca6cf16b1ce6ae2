"""The "Key findings" box that opens the book: every finding computed from the data, each
linking to the chapter and the chart or table that shows it.

Takes :class:`cybercrime_eg.facts.ReportFacts` and the states table; nothing is typed by hand
but the wording around the numbers. A resolution is placed before or after the meeting by
comparing its date with the meeting's first day.
"""

from __future__ import annotations

import pandas as pd

from ..checks import require_frame, type_name
from ..facts import ReportFacts
from ..states import select_states
from ..states.profiles import budapest_label, vote_label
from ..vocab import BUDAPEST_STATUS_DATE, RESOLUTIONS
from .html import HtmlBlock, symbol_link
from .render import escape_text
from .themes import _series

__all__ = ["key_findings"]

_STANCES = {
    "new-instrument": "a new UN instrument",
    "existing-instruments": "the existing instruments, such as the Budapest Convention",
}


def _tally(values: pd.Series, order: tuple[str, ...]) -> str:
    counts = values.value_counts()
    parts = [f"{int(counts[v])} {v}" for v in order if v in counts.index]
    parts += [f"{int(counts[v])} {v}" for v in sorted(counts.index) if v not in order]
    return _series(parts)


def _when(res_date: str, start: pd.Timestamp | None) -> str:
    """', before the meeting' or ', after the meeting', from the dates; '' without a date."""
    if start is None:
        return ""
    return ", before the meeting" if pd.Timestamp(res_date) < start else ", after the meeting"


def _link(href: str, text: str) -> str:
    return f'<a href="{escape_text(href)}">{escape_text(text)}</a>'


def key_findings(facts: ReportFacts, states_df: pd.DataFrame) -> HtmlBlock:
    """The key findings of the book, as an HTML box with a link per finding."""
    if not isinstance(facts, ReportFacts):
        raise TypeError(f"facts: expected ReportFacts (report_facts()), got {type_name(facts)}")
    require_frame("states_df", states_df, ["iso3", "name"], what="the states table")
    items = []
    n_sub = facts.n_sub_items
    labels = facts.item_labels
    span = f"{labels[0]} to {labels[-1]}" if labels else ""
    subs = (
        "".join(f", with {len(v)} sub-items under {k}" for k, v in facts.sub_items.items())
        if n_sub
        else ""
    )
    items.append(
        f"The addendum has {facts.paragraphs} numbered paragraphs. It lists "
        f"{facts.n_items} suggestions {escape_text(span)}{escape_text(subs)} on law enforcement "
        "and investigations, submitted by Member States: their inclusion does not imply their "
        "endorsement by the Expert Group. "
        + _link("02_report.html", "Read them annotated")
        + "; "
        + _link("03_themes.html#fig-theme-matrix", "see their themes")
        + "."
    )
    if facts.positions:
        said = [
            f"{escape_text(k)} for {escape_text(_STANCES.get(v, v))}"
            for k, v in facts.positions.items()
        ]
        items.append(
            f"{len(said)} positions on a new treaty: {_series(said)}. The report attributes "
            "them to no State. " + _link("04_positions.html", "Read each in its own words") + "."
        )
    rep = select_states(states_df, "report")
    n = len(rep)
    if n:
        votes = []
        for spec in sorted(RESOLUTIONS.values(), key=lambda r: r.date):
            tally = _tally(rep[spec.column].map(vote_label), ("yes", "no", "abstain"))
            votes.append(
                f"on {symbol_link(spec.symbol, spec.short)} ({spec.long_date}"
                f"{_when(spec.date, facts.start)}) {escape_text(tally)}"
            )
        items.append(
            f"Of the {n} States named in the report, the recorded votes were: "
            + "; ".join(votes)
            + ". "
            + _link("05_states.html#state-grid", "See each State")
            + "; "
            + _link("04_positions.html#fig-budapest-by-vote", "votes by Budapest status")
            + "."
        )
        status = _tally(
            rep["budapest_status"].map(budapest_label),
            ("party", "signatory", "invited", "none", "not verified"),
        )
        items.append(
            f"Budapest Convention status of these {n} States on {BUDAPEST_STATUS_DATE}, "
            f"as the meeting opened: {escape_text(status)}. "
            + _link("05_states.html#fig-state-map:budapest-status", "See them on the map")
            + "."
        )
    body = "".join(f"<li>{i}</li>" for i in items)
    return HtmlBlock(
        '<section class="cyb-findings" aria-labelledby="key-findings">'
        '<h2 id="key-findings">Key findings</h2>'
        f"<ul>{body}</ul></section>"
    )
