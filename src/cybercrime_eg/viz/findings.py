"""The "Key findings" box that opens the book: every finding computed from the data, each
linking to the chapter and the chart or table that shows it.

Takes :class:`cybercrime_eg.facts.ReportFacts` and the states table; nothing is typed by hand
but the wording around the numbers and the report's own words quoted for each position. An
external fact says how it is known: the Budapest statuses are counted with those inferred named
as such, and the votes' basis is read from the ``*_basis`` columns. A resolution is placed
before or after the meeting by comparing its date with the meeting's first day.
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

#: What each stance suggests, in the report's own words (quoted; a test finds every quotation
#: in the report's text).
_STANCES = {
    "new-instrument": (
        'that Member States "should pursue new international responses against cybercrime by '
        "considering the negotiation of a new global legal instrument on cybercrime within the "
        'framework of the United Nations"'
    ),
    "existing-instruments": (
        'that "it was not necessary or appropriate to consider a new global treaty" and that '
        'Member States "should continue using and/or joining existing multilateral legal '
        'instruments on cybercrime such as the Budapest Convention"'
    ),
}

#: How a basis reads after "known from": (one fact, several facts).
_KNOWN_FROM = {
    "official": ("an official record", "official records"),
    "secondary": ("a secondary report", "secondary reports"),
    "inferred": ("inference from other facts", "inference from other facts"),
}


def _tally(values: pd.Series, order: tuple[str, ...]) -> str:
    counts = values.value_counts()
    parts = [f"{int(counts[v])} {v}" for v in order if v in counts.index]
    parts += [f"{int(counts[v])} {v}" for v in sorted(counts.index) if v not in order]
    return _series(parts)


def _basis_of(frame: pd.DataFrame, column: str) -> pd.Series:
    """The ``<column>_basis`` of each row ('' where the fact is not verified or not graded)."""
    col = f"{column}_basis"
    if col not in frame.columns:
        return pd.Series([""] * len(frame), index=frame.index, dtype="object")
    return frame[col].map(lambda b: b if isinstance(b, str) else "")


def _status_tally(status: pd.Series, how: pd.Series, order: tuple[str, ...]) -> str:
    """'11 party, 2 invited (1 of them inferred), 5 none (all 5 inferred) and 1 not verified'."""
    parts = []
    counts = status.value_counts()
    for value in [v for v in order if v in counts.index] + sorted(set(counts.index) - set(order)):
        k = int(counts[value])
        inferred = int(((status == value) & (how == "inferred")).sum())
        tag = ""
        if inferred and inferred == k:
            tag = " (inferred)" if k == 1 else f" (all {k} inferred)"
        elif inferred:
            tag = f" ({inferred} of them inferred)"
        parts.append(f"{k} {value}{tag}")
    return _series(parts)


def _known_sentence(how: pd.Series, names: pd.Series) -> str:
    """'How each is known: 5 from official records, 7 from secondary reports and 6 by
    inference from other facts (Malaysia, ...), not read in a record.'"""
    counts = how[how != ""].value_counts()
    if counts.empty:
        return ""
    parts = []
    for basis, (one, several) in _KNOWN_FROM.items():
        k = int(counts.get(basis, 0))
        if not k:
            continue
        phrase = one if k == 1 else several
        if basis == "inferred":
            listed = ", ".join(sorted(names[how == "inferred"].astype(str)))
            parts.append(f"{k} by {phrase} ({listed}), not read in a record")
        else:
            parts.append(f"{k} from {phrase}")
    return f"How each is known: {_series(parts)}. "


def _votes_known(rep: pd.DataFrame) -> str:
    """'The votes are known from a secondary report (a research data set built from the
    General Assembly's record), not from the official record itself. ', from the bases of the
    recorded votes; '' when none is graded."""
    bases: set[str] = set()
    for spec in RESOLUTIONS.values():
        how = _basis_of(rep, spec.column)
        bases |= set(how[how != ""])
    if not bases:
        return ""
    known = _series([_KNOWN_FROM.get(b, (b,))[0] for b in sorted(bases)], last="or")
    extra = (
        " (a research data set built from the General Assembly's record), not read in the "
        "official record itself"
        if bases == {"secondary"}
        else ""
    )
    return f"The votes are known from {known}{extra}. "


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
            f"{escape_text(k)} {escape_text(_STANCES.get(v, f'a position read as {v}'))}"
            for k, v in facts.positions.items()
        ]
        listed = "; ".join(said[:-1]) + ("; and " if len(said) > 1 else "") + said[-1]
        items.append(
            f"{len(said)} positions on a new treaty: it was suggested {listed}. "
            "The report attributes "
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
            + escape_text(_votes_known(rep))
            + _link("05_states.html#state-grid", "See each State")
            + "; "
            + _link("04_positions.html#fig-budapest-by-vote", "votes by Budapest status")
            + "."
        )
        how = _basis_of(rep, "budapest_status")
        status = _status_tally(
            rep["budapest_status"].map(budapest_label),
            how,
            ("party", "signatory", "invited", "none", "not verified"),
        )
        items.append(
            f"Budapest Convention status of these {n} States on {BUDAPEST_STATUS_DATE}, "
            f"as the meeting opened: {escape_text(status)}. "
            + escape_text(_known_sentence(how, rep["name"]))
            + _link("05_states.html#fig-state-map:budapest-status", "See them on the map")
            + "."
        )
    body = "".join(f"<li>{i}</li>" for i in items)
    return HtmlBlock(
        '<section class="cyb-findings" aria-labelledby="key-findings">'
        '<h2 id="key-findings">Key findings</h2>'
        f"<ul>{body}</ul></section>"
    )
