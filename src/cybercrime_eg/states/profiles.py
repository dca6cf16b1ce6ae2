"""Selecting the States of the states table, spelling out missing facts, and State profiles.

Missing is missing: a fact that is ``<NA>`` is shown with its label from
:data:`~cybercrime_eg.vocab.MISSING_LABELS` ("not verified", "no recorded vote ..."), never
as "no" or "none". :func:`missing_facts` counts them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..checks import require_frame
from ..schema import GRADED_FACTS, typed
from ..vocab import (
    BUDAPEST_STATUSES,
    MISSING_LABELS,
    NOT_RECORDED,
    NOT_VERIFIED,
    RESOLUTIONS,
    VOTES,
    basis_label,
    group_caveat,
    role_label,
    with_caveat,
)
from .build import ALL_FILE, BUDAPEST_FILE, GROUPS_FILE, SIGN_FILE, VOTES_FILE, _iso_date

__all__ = [
    "FACT_SOURCE",
    "SOURCE_COLUMN",
    "budapest_label",
    "label_missing",
    "missing_facts",
    "participant_profiles",
    "report_state_facts",
    "representative_states",
    "select_states",
    "vote_label",
]

#: Fact column of the states table -> the column that gives its source row by row.
SOURCE_COLUMN: dict[str, str] = {
    "regional_group": "regional_group_source",
    "budapest_status": "budapest_source",
    "budapest_signature_date": "budapest_source",
    "budapest_ratification_or_accession_date": "budapest_source",
    "budapest_entry_into_force_date": "budapest_source",
    "vote_73_187": "vote_73_187_source",
    "vote_74_247": "vote_74_247_source",
    "un_convention_signature": "un_convention_source",
    "un_convention_signature_date": "un_convention_source",
}
#: Fact column -> the reference file it comes from.
FACT_SOURCE: dict[str, str] = {
    "regional_group": f"{GROUPS_FILE}; {ALL_FILE}",
    "budapest_status": f"{BUDAPEST_FILE} (status on 2019-03-27)",
    "budapest_signature_date": BUDAPEST_FILE,
    "budapest_ratification_or_accession_date": BUDAPEST_FILE,
    "budapest_entry_into_force_date": BUDAPEST_FILE,
    **{
        r.column: f"{VOTES_FILE}: {r.symbol} ({r.roll_call})"
        for r in sorted(RESOLUTIONS.values(), key=lambda r: r.date)
    },
    "un_convention_signature": SIGN_FILE,
    "un_convention_signature_date": SIGN_FILE,
}


_ID = ("iso3", "name")
_ROLE_FLAGS = ("listed_in_addendum", "side_event_organizer_in_report")


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, (list, tuple, str)) and bool(pd.isna(value)))


@with_caveat
def vote_label(value: object) -> str:
    """A recorded vote for a chart: 'yes', 'no', 'abstain', or 'not recorded'."""
    return str(value) if not _missing(value) and str(value) in VOTES else NOT_RECORDED


@with_caveat
def budapest_label(value: object) -> str:
    """A Budapest status for a chart: the status, or 'not verified'."""
    return str(value) if not _missing(value) and str(value) in BUDAPEST_STATUSES else NOT_VERIFIED


def _names(frame: pd.DataFrame) -> list[str]:
    """The ``name`` column of ``frame``, sorted."""
    return sorted(frame["name"].astype(str))


def _flag(states_df: pd.DataFrame, col: str) -> pd.Series:
    return states_df[col].fillna(False).astype(bool)


@with_caveat
def select_states(states_df: pd.DataFrame, which: str | Iterable[str] = "report") -> pd.DataFrame:
    """Rows of ``states_df``: 'report' (listed in the addendum as making a statement, or
    side-event organisers), 'listed' (listed as making a statement), 'organizers', 'members'
    (UN Member States), 'all', or an iterable of ISO codes.

    The rows keep every ``*_source`` column of ``states_df``.
    """
    require_frame("states_df", states_df, ["iso3", "name"], what="the states table")
    if isinstance(which, str):
        if which == "all":
            return states_df
        masks = {
            "report": lambda: (
                _flag(states_df, "listed_in_addendum")
                | _flag(states_df, "side_event_organizer_in_report")
            ),
            "listed": lambda: _flag(states_df, "listed_in_addendum"),
            "organizers": lambda: _flag(states_df, "side_event_organizer_in_report"),
            "members": lambda: _flag(states_df, "un_member"),
        }
        if which not in masks:
            raise ValueError(f"which must be 'all', one of {sorted(masks)} or a list of ISO codes")
        return states_df[masks[which]()]
    return states_df[states_df["iso3"].isin(list(which))]


@with_caveat
def label_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """A display copy with missing facts spelled out ('not verified', 'no recorded vote' ...).

    Columns not in :data:`~cybercrime_eg.vocab.MISSING_LABELS` are left as they are (so every
    ``*_source`` column stays). Dates become ISO strings.
    """
    require_frame("frame", frame)
    out = frame.copy()
    for col, label in MISSING_LABELS.items():
        if col in out.columns:
            values = out[col].map(_iso_date) if col.endswith("_date") else out[col]
            out[col] = values.astype("string").fillna(label)
    return out


@with_caveat
def missing_facts(states_df: pd.DataFrame, which: str | Iterable[str] = "all") -> pd.DataFrame:
    """How many rows lack each fact: ``fact, n_missing, n_rows, label, source_column, source``.

    The label is how the missing value is shown (:data:`~cybercrime_eg.vocab.MISSING_LABELS`);
    missing is never read as "no" or "none". ``source`` names the reference file the fact comes
    from and ``source_column`` the column of ``states_df`` that gives the source row by row.
    """
    require_frame("states_df", states_df, ["iso3", "name"], what="the states table")
    rows = select_states(states_df, which)
    out = [
        (col, int(rows[col].isna().sum()), len(rows), label, SOURCE_COLUMN[col], FACT_SOURCE[col])
        for col, label in MISSING_LABELS.items()
        if col in rows.columns
    ]
    columns = ["fact", "n_missing", "n_rows", "label", "source_column", "source"]
    return typed(pd.DataFrame(out, columns=columns), integer=("n_missing", "n_rows"))


def _roles(rows: pd.DataFrame) -> list[str]:
    listed = _flag(rows, "listed_in_addendum")
    org = _flag(rows, "side_event_organizer_in_report")
    return [role_label(s, o) for s, o in zip(listed, org, strict=True)]


@with_caveat
def participant_profiles(states_df: pd.DataFrame, labelled: bool = True) -> pd.DataFrame:
    """The States listed in the addendum as making a statement and the side-event organisers,
    with their facts and sources.

    These are external facts (regional group, Budapest status, votes and signatures), each with
    its ``*_basis`` (official, secondary or inferred) and
    its ``*_source`` column, plus the ``role`` of each State in the report
    (:func:`~cybercrime_eg.vocab.role_label`). With ``labelled`` missing facts are spelled out.
    """
    require_frame("states_df", states_df, [*_ID, *_ROLE_FLAGS], what="the states table")
    rows = select_states(states_df, "report").copy()
    rows.insert(2, "role", pd.Series(_roles(rows), index=rows.index, dtype="string"))
    rows = rows.sort_values(["role", "name"], kind="stable").reset_index(drop=True)
    return label_missing(rows) if labelled else rows


_DATES = (
    "budapest_signature_date",
    "budapest_ratification_or_accession_date",
    "budapest_entry_into_force_date",
    "un_convention_signature_date",
)

#: The columns of the states table that :func:`report_state_facts` reads.
_FACT_COLUMNS = [
    *_ID,
    *_ROLE_FLAGS,
    *(f"{c}_source" for c in _ROLE_FLAGS),
    "regional_group",
    "budapest_status",
    "vote_74_247",
    "vote_73_187",
    "un_convention_signature",
    *_DATES,
]


@with_caveat
def report_state_facts(states_df: pd.DataFrame) -> pd.DataFrame:
    """The report's States with a display label for every fact (missing facts spelled out).

    Columns ``iso3, name, role, regional_group, budapest_status, vote_74_247, vote_73_187,
    un_convention_signature``, the four dates (ISO strings or missing), ``paragraphs`` (the
    report paragraphs that name the State, a list), ``group_note`` (the United States' WEOG
    caveat, else missing) and, for each graded fact, ``<fact>_basis`` (official, secondary,
    inferred; missing where the fact is not verified) and ``<fact>_basis_label`` ('official
    record', 'secondary report', 'inferred', 'not verified'), sorted by name: the input of the
    State charts and comparisons.
    """
    require_frame("states_df", states_df, _FACT_COLUMNS, what="the states table")
    rep = select_states(states_df, "report")
    out = pd.DataFrame({"iso3": rep["iso3"].astype(str), "name": rep["name"].astype(str)})
    out["role"] = _roles(rep)
    out["regional_group"] = rep["regional_group"].fillna(NOT_RECORDED).astype(str).values
    out["budapest_status"] = rep["budapest_status"].map(budapest_label).values
    out["vote_74_247"] = rep["vote_74_247"].map(vote_label).values
    out["vote_73_187"] = rep["vote_73_187"].map(vote_label).values
    out["un_convention_signature"] = [
        NOT_VERIFIED if _missing(v) or str(v) == "unknown" else str(v)
        for v in rep["un_convention_signature"].astype("object")
    ]
    for col in _DATES:
        out[col] = [None if _missing(v) else str(v)[:10] for v in rep[col]]
    out["paragraphs"] = [
        [str(src).removeprefix("report paragraph ") for flag, src in pairs if flag]
        for pairs in zip(
            zip(_flag(rep, "listed_in_addendum"), rep["listed_in_addendum_source"], strict=True),
            zip(
                _flag(rep, "side_event_organizer_in_report"),
                rep["side_event_organizer_in_report_source"],
                strict=True,
            ),
            strict=True,
        )
    ]
    out["group_note"] = [group_caveat(i) for i in out["iso3"]]
    for fact in GRADED_FACTS:
        col = f"{fact}_basis"
        values = rep[col] if col in rep.columns else pd.Series(pd.NA, index=rep.index)
        out[col] = [None if _missing(v) else str(v) for v in values]
        out[f"{col}_label"] = [basis_label(v) for v in out[col]]
    return out.sort_values("name").reset_index(drop=True)


@with_caveat
def representative_states(facts: pd.DataFrame, n: int = 3) -> list[str]:
    """ISO codes of ``n`` States to compare first: the first State by name of each of the
    ``n`` regional groups with the most States in ``facts`` (ties by group name).

    ``facts`` is :func:`report_state_facts` (or any frame with ``iso3``, ``name`` and
    ``regional_group``); fewer than ``n`` groups give fewer States.
    """
    require_frame("facts", facts, ["iso3", "name", "regional_group"])
    sizes = facts.groupby("regional_group")["iso3"].size()
    groups = sorted(sizes.index, key=lambda g: (-int(sizes[g]), str(g)))[:n]
    picks = [
        facts[facts["regional_group"] == g].sort_values("name")["iso3"].iloc[0] for g in groups
    ]
    return [str(p) for p in picks]
