"""The recorded General Assembly votes of the States: cross-tabulations and vote changes.

Every table has a ``source`` column. A missing vote (absent or did not vote) is counted under
its label, never as "no", and is never a change: it makes a State "not comparable".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, overload

import pandas as pd

from ..checks import require_frame, require_str
from ..schema import typed
from ..vocab import NOT_COMPARABLE, RESOLUTIONS, with_caveat
from ..vocab import resolution as _resolution
from .build import ALL_FILE, BUDAPEST_FILE, GROUPS_FILE, VOTES_FILE
from .profiles import _names, label_missing, select_states

__all__ = [
    "budapest_by_vote",
    "crosstab",
    "regional_group_by_vote",
    "vote_change_counts",
    "vote_changes",
    "vote_transitions",
]

_OLD, _NEW = sorted(RESOLUTIONS.values(), key=lambda r: r.date)
_BOTH_SOURCE = f"{VOTES_FILE} ({_OLD.symbol} {_OLD.roll_call}; {_NEW.symbol} {_NEW.roll_call})"
_WHAT = "the states table"
_FLAGS = ["listed_in_addendum", "side_event_organizer_in_report"]
#: The columns of the states table that :func:`vote_changes` reads.
_CHANGE_COLUMNS = [
    "iso3",
    "name",
    _OLD.column,
    _NEW.column,
    f"{_OLD.column}_source",
    f"{_NEW.column}_source",
    *_FLAGS,
]


@with_caveat
def budapest_by_vote(
    states_df: pd.DataFrame,
    resolution: str = "A/RES/74/247",
    which: str | Iterable[str] = "report",
) -> pd.DataFrame:
    """Budapest status (2019-03-27) by recorded vote, long form with a ``source`` column.

    Columns ``budapest_status, vote, n, states, source`` (``states`` is a list of names);
    missing facts are counted under their labels ('not verified', 'no recorded vote ...').
    Default rows: the States the report names (listed as making a statement, or side-event
    organisers). A recorded vote, before or after the meeting, is not a position taken at it.
    """
    require_frame("states_df", states_df, ["iso3", "name", "budapest_status"], what=_WHAT)
    res = _resolution(resolution)
    rows = label_missing(select_states(states_df, which))
    out = [
        (status, vote, len(grp), _names(grp))
        for (status, vote), grp in rows.groupby(["budapest_status", res.column], sort=True)
    ]
    frame = pd.DataFrame(out, columns=["budapest_status", "vote", "n", "states"])
    frame["source"] = (
        f"Budapest status: {BUDAPEST_FILE} (Council of Europe treaty office and sources per "
        f"row); vote: {VOTES_FILE}, {res.symbol} ({res.roll_call})"
    )
    return typed(frame, integer=("n",), keep=("states",))


def _report_paragraphs(states_df: pd.DataFrame) -> str:
    listed = states_df.loc[
        states_df["listed_in_addendum"].astype(bool), "listed_in_addendum_source"
    ]
    org = states_df.loc[
        states_df["side_event_organizer_in_report"].astype(bool),
        "side_event_organizer_in_report_source",
    ]
    paras = sorted(set(listed.astype(str)) | set(org.astype(str)))
    return ", ".join(paras).replace("report paragraph ", "")


@with_caveat
def regional_group_by_vote(
    states_df: pd.DataFrame, resolution: str = "A/RES/74/247"
) -> pd.DataFrame:
    """Regional group by recorded vote for all UN Member States, with the States listed in the
    addendum as making a statement and the side-event organisers named.

    Columns ``regional_group, vote, n, n_listed, listed_states, side_event_organizers,
    source`` (the two name columns are lists). A State listed in two groups (Türkiye) is counted
    in both. The United States is counted in the Western European and Others Group, which it
    attends as an observer (:data:`~cybercrime_eg.vocab.US_WEOG_CAVEAT`).
    """
    columns = ["iso3", "name", "regional_group", *_FLAGS, *(f"{c}_source" for c in _FLAGS)]
    require_frame("states_df", states_df, columns, what=_WHAT)
    res = _resolution(resolution)
    rows = label_missing(select_states(states_df, "members"))
    rows = rows.assign(regional_group=rows["regional_group"].str.split("; ")).explode(
        "regional_group"
    )
    out = []
    for (group, vote), grp in rows.groupby(["regional_group", res.column], sort=True):
        listed = grp[grp["listed_in_addendum"].astype(bool)]
        org = grp[grp["side_event_organizer_in_report"].astype(bool)]
        out.append((group, vote, len(grp), len(listed), _names(listed), _names(org)))
    columns = [
        "regional_group",
        "vote",
        "n",
        "n_listed",
        "listed_states",
        "side_event_organizers",
    ]
    frame = pd.DataFrame(out, columns=columns)
    frame["source"] = (
        f"group: {ALL_FILE} and {GROUPS_FILE}; vote: {VOTES_FILE}, {res.symbol} "
        f"({res.roll_call}); listed as making a statement, and organisers: report paragraphs "
        + _report_paragraphs(states_df)
    )
    return typed(frame, integer=("n", "n_listed"), keep=("listed_states", "side_event_organizers"))


@overload
def crosstab(
    long: pd.DataFrame,
    index: str,
    columns: str,
    values: str = ...,
    *,
    with_source: Literal[False] = ...,
) -> pd.DataFrame: ...


@overload
def crosstab(
    long: pd.DataFrame,
    index: str,
    columns: str,
    values: str = ...,
    *,
    with_source: Literal[True],
) -> tuple[pd.DataFrame, pd.DataFrame]: ...


@with_caveat
def crosstab(
    long: pd.DataFrame,
    index: str,
    columns: str,
    values: str = "n",
    *,
    with_source: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Pivot a long count table to a wide one (zeros where no State).

    A count matrix has no room for a source column, so the sources come alongside: with
    ``with_source=True`` the result is ``(wide, cells)`` where ``cells`` is the tidy form,
    one row per cell (``index, columns, values, source``; zero cells included, with the
    source of the whole table). The wide table also keeps ``attrs['source']``.
    """
    for name, value in (("index", index), ("columns", columns), ("values", values)):
        require_str(name, value)
    require_frame("long", long, [index, columns, values], what="a long count table")
    wide = long.pivot_table(
        index=index, columns=columns, values=values, aggfunc="sum", fill_value=0, observed=True
    ).astype("Int64")
    wide.columns.name = columns
    has_source = "source" in long.columns
    table_source = "; ".join(dict.fromkeys(long["source"].astype(str))) if has_source else ""
    if table_source:
        wide.attrs["source"] = table_source
    if not with_source:
        return wide
    by_cell: dict[tuple[object, object], str] = {}
    if has_source:
        for (i, c), grp in long.groupby([index, columns], sort=False):
            by_cell[(i, c)] = "; ".join(dict.fromkeys(grp["source"].astype(str)))
    cells = [
        (i, c, wide.loc[i, c], by_cell.get((i, c), table_source) or "not given")
        for i in wide.index
        for c in wide.columns
    ]
    tidy = pd.DataFrame(cells, columns=[index, columns, values, "source"])
    return wide, typed(tidy, integer=(values,))


def _change(va: object, vb: object) -> tuple[str, str, object]:
    """``(status, change, changed)`` for one State's votes in the two years."""
    if pd.isna(va) and pd.isna(vb):
        return (
            NOT_COMPARABLE,
            f"{NOT_COMPARABLE}: no recorded vote in {_OLD.year} or {_NEW.year}",
            pd.NA,
        )
    if pd.isna(va):
        return NOT_COMPARABLE, f"{NOT_COMPARABLE}: no recorded vote in {_OLD.year}", pd.NA
    if pd.isna(vb):
        return NOT_COMPARABLE, f"{NOT_COMPARABLE}: no recorded vote in {_NEW.year}", pd.NA
    if str(va) == str(vb):
        return "unchanged", "unchanged", False
    return "changed", f"{va} -> {vb}", True


@with_caveat
def vote_changes(states_df: pd.DataFrame, which: str | Iterable[str] = "members") -> pd.DataFrame:
    """Each State's vote on A/RES/73/187 (2018) and A/RES/74/247 (2019) and how it changed.

    Columns ``iso3, name, vote_73_187, vote_74_247, status, change, changed,
    listed_in_addendum, side_event_organizer_in_report, source``. ``status`` is 'changed',
    'unchanged' or 'not comparable'. A missing vote (absent or did not vote) is not a
    change: such a row has ``changed`` missing and ``change`` 'not comparable: no recorded
    vote in 2019' (or 2018, or '2018 or 2019'); :func:`vote_change_counts` counts them
    separately. ``change`` reads e.g. 'yes -> abstain' or 'unchanged' otherwise.
    """
    require_frame("states_df", states_df, _CHANGE_COLUMNS, what=_WHAT)
    rows = select_states(states_df, which)
    labelled = label_missing(rows)
    old, new = rows[_OLD.column], rows[_NEW.column]
    parts = [_change(va, vb) for va, vb in zip(old, new, strict=True)]
    out = pd.DataFrame(
        {
            "iso3": rows["iso3"].to_numpy(),
            "name": rows["name"].to_numpy(),
            _OLD.column: labelled[_OLD.column].to_numpy(),
            _NEW.column: labelled[_NEW.column].to_numpy(),
            "status": [p[0] for p in parts],
            "change": [p[1] for p in parts],
            "changed": pd.array([p[2] for p in parts], dtype="boolean"),
            "listed_in_addendum": rows["listed_in_addendum"].to_numpy(),
            "side_event_organizer_in_report": rows["side_event_organizer_in_report"].to_numpy(),
            "source": [
                f"{x}; {y}"
                for x, y in zip(
                    rows[f"{_OLD.column}_source"], rows[f"{_NEW.column}_source"], strict=True
                )
            ],
        }
    )
    flags = ("changed", "listed_in_addendum", "side_event_organizer_in_report")
    return typed(out, boolean=flags).reset_index(drop=True)


def _in_report(changes: pd.DataFrame) -> pd.Series:
    return (changes["listed_in_addendum"] | changes["side_event_organizer_in_report"]).astype(bool)


@with_caveat
def vote_change_counts(
    states_df: pd.DataFrame, which: str | Iterable[str] = "members"
) -> pd.DataFrame:
    """How many States changed their vote, kept it, or cannot be compared (a missing vote).

    Columns ``status, change, n, n_in_report, states_in_report, source``
    (``states_in_report`` is a list of names); one row per 'changed' / 'unchanged' and per kind
    of 'not comparable' (no recorded vote in 2018, in 2019, in both), so States without a
    recorded vote are counted apart, never as changes.
    """
    require_frame("states_df", states_df, _CHANGE_COLUMNS, what=_WHAT)
    changes = vote_changes(states_df, which)
    kind = changes["change"].where(changes["status"] == NOT_COMPARABLE, changes["status"])
    in_report = _in_report(changes)
    order = [
        "changed",
        "unchanged",
        f"{NOT_COMPARABLE}: no recorded vote in {_OLD.year}",
        f"{NOT_COMPARABLE}: no recorded vote in {_NEW.year}",
        f"{NOT_COMPARABLE}: no recorded vote in {_OLD.year} or {_NEW.year}",
    ]
    out = []
    for k in order:
        grp = changes[kind == k]
        rep = grp[in_report[kind == k]]
        out.append((k.split(":")[0], k, len(grp), len(rep), _names(rep)))
    frame = pd.DataFrame(out, columns=["status", "change", "n", "n_in_report", "states_in_report"])
    frame["source"] = f"{_BOTH_SOURCE}; no row = no recorded vote"
    return typed(frame, integer=("n", "n_in_report"), keep=("states_in_report",))


@with_caveat
def vote_transitions(
    states_df: pd.DataFrame, which: str | Iterable[str] = "members"
) -> pd.DataFrame:
    """Counts of 2018 -> 2019 vote pairs: ``vote_73_187, vote_74_247, status, n,
    n_in_report, states_in_report, source`` (``states_in_report`` is a list of names).

    ``status`` is 'changed', 'unchanged' or 'not comparable' (a vote not recorded in one of
    the years: not a change).
    """
    require_frame("states_df", states_df, _CHANGE_COLUMNS, what=_WHAT)
    changes = vote_changes(states_df, which)
    out = []
    for (va, vb, status), grp in changes.assign(_r=_in_report(changes)).groupby(
        [_OLD.column, _NEW.column, "status"], sort=True
    ):
        rep = grp[grp["_r"]]
        out.append((va, vb, status, len(grp), len(rep), _names(rep)))
    columns = [_OLD.column, _NEW.column, "status", "n", "n_in_report", "states_in_report"]
    frame = pd.DataFrame(out, columns=columns)
    frame["source"] = _BOTH_SOURCE
    return typed(frame, integer=("n", "n_in_report"), keep=("states_in_report",))
