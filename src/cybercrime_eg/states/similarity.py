"""How alike the States are on external facts: pairwise agreement, a matrix, the nearest States.

A missing fact is never treated as a value: it makes the attribute not comparable for that
pair, and is skipped rather than counted as a difference.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, overload

import pandas as pd

from ..checks import require_frame, require_positive_int, require_str, type_name
from ..schema import typed
from ..vocab import with_caveat
from .profiles import FACT_SOURCE, SOURCE_COLUMN, select_states

__all__ = ["SIMILARITY_ATTRIBUTES", "most_similar", "similarity_matrix", "state_similarity"]

SIMILARITY_ATTRIBUTES: tuple[str, ...] = (
    "regional_group",
    "budapest_status",
    "vote_73_187",
    "vote_74_247",
    "un_convention_signature",
)


def _check_states(states_df: object, which: object, attributes: object) -> None:
    """The arguments every similarity function shares, checked (one-line errors)."""
    require_frame("states_df", states_df, ["iso3", "name"], what="the states table")
    if not isinstance(which, str) and not isinstance(which, Iterable):
        raise TypeError(
            f"which: expected 'report', 'listed', 'organizers', 'members', 'all' or a list of "
            f"ISO codes, got {type_name(which)}"
        )
    if isinstance(attributes, str) or not isinstance(attributes, Iterable):
        raise TypeError(f"attributes: expected a list of column names, got {type_name(attributes)}")


@with_caveat
def state_similarity(
    states_df: pd.DataFrame,
    which: str | Iterable[str] = "report",
    attributes: Sequence[str] = SIMILARITY_ATTRIBUTES,
) -> pd.DataFrame:
    """Pairwise agreement of States on ``attributes``, long form (both orders), for a widget.

    For each ordered pair: ``n_compared`` attributes known for both, ``n_agree`` of those
    equal, ``similarity`` = n_agree / n_compared (missing when nothing can be compared), and
    which attributes agree, differ or could not be compared. A missing fact is never treated
    as a value: it makes the attribute not comparable.

    Similarity here is on external facts only. ``agree_on``, ``differ_on`` and
    ``not_compared`` are lists of attributes.
    """
    _check_states(states_df, which, attributes)
    unknown = [a for a in attributes if a not in states_df.columns]
    if unknown:
        raise ValueError(f"unknown attribute(s): {unknown}")
    rows = select_states(states_df, which).sort_values("iso3").reset_index(drop=True)
    records = rows[["iso3", "name", *attributes]].to_dict("records")
    out = []
    for a in records:
        for b in records:
            if a["iso3"] == b["iso3"]:
                continue
            agree, differ, skipped = [], [], []
            for attr in attributes:
                va, vb = a[attr], b[attr]
                if pd.isna(va) or pd.isna(vb):
                    skipped.append(attr)
                elif va == vb:
                    agree.append(attr)
                else:
                    differ.append(attr)
            n = len(agree) + len(differ)
            out.append(
                (
                    a["iso3"],
                    a["name"],
                    b["iso3"],
                    b["name"],
                    n,
                    len(agree),
                    len(agree) / n if n else pd.NA,
                    agree,
                    differ,
                    skipped,
                )
            )
    frame = pd.DataFrame(
        out,
        columns=[
            "iso3_a",
            "name_a",
            "iso3_b",
            "name_b",
            "n_compared",
            "n_agree",
            "similarity",
            "agree_on",
            "differ_on",
            "not_compared",
        ],
    )
    described = []
    for a in attributes:
        col = SOURCE_COLUMN.get(a, f"{a}_source")
        if col in states_df.columns:
            where = f"; {FACT_SOURCE[a]}" if a in FACT_SOURCE else ""
            described.append(f"{a} (per State: column {col}{where})")
        else:
            described.append(f"{a} (no source column given)")
    frame["source"] = "states table: " + "; ".join(described)
    return typed(
        frame,
        integer=("n_compared", "n_agree"),
        number=("similarity",),
        keep=("agree_on", "differ_on", "not_compared"),
    )


@overload
def similarity_matrix(
    states_df: pd.DataFrame,
    which: str | Iterable[str] = ...,
    attributes: Sequence[str] = ...,
    *,
    with_source: Literal[False] = ...,
) -> pd.DataFrame: ...


@overload
def similarity_matrix(
    states_df: pd.DataFrame,
    which: str | Iterable[str] = ...,
    attributes: Sequence[str] = ...,
    *,
    with_source: Literal[True],
) -> tuple[pd.DataFrame, pd.DataFrame]: ...


@with_caveat
def similarity_matrix(
    states_df: pd.DataFrame,
    which: str | Iterable[str] = "report",
    attributes: Sequence[str] = SIMILARITY_ATTRIBUTES,
    *,
    with_source: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Square matrix of :func:`state_similarity` (names on both axes, 1.0 on the diagonal).

    A matrix has no room for a source column, so with ``with_source=True`` the result is
    ``(matrix, pairs)`` where ``pairs`` is the tidy :func:`state_similarity` table with its
    ``source`` column (and which attributes agree, differ or were not compared). The matrix
    also keeps ``attrs['source']``.
    """
    _check_states(states_df, which, attributes)
    long = state_similarity(states_df, which, attributes)
    names = sorted(select_states(states_df, which)["name"].astype(str))
    wide = long.pivot(index="name_a", columns="name_b", values="similarity")
    wide = wide.reindex(index=names, columns=names).astype("Float64")
    for name in names:
        wide.loc[name, name] = 1.0
    wide.index.name, wide.columns.name = "state", "state"
    wide.attrs["source"] = str(long["source"].iloc[0]) if len(long) else ""
    if with_source:
        return wide, long
    return wide


@with_caveat
def most_similar(
    states_df: pd.DataFrame,
    iso3: str,
    n: int = 5,
    which: str | Iterable[str] = "report",
    attributes: Sequence[str] = SIMILARITY_ATTRIBUTES,
) -> pd.DataFrame:
    """The ``n`` States most similar to ``iso3`` (ties broken by more attributes compared).

    ``n`` is at least 1; an ``iso3`` not in the table raises ``KeyError``.
    """
    _check_states(states_df, which, attributes)
    require_str("iso3", iso3)
    n = require_positive_int("n", n)
    pool = select_states(states_df, which)
    if iso3 not in set(pool["iso3"]):
        pool = pd.concat([pool, states_df[states_df["iso3"] == iso3]])
        if iso3 not in set(pool["iso3"]):
            raise KeyError(f"no State {iso3!r} in the states table")
    long = state_similarity(pool, "all", attributes)
    mine = long[long["iso3_a"] == iso3]
    mine = mine.sort_values(
        ["similarity", "n_compared", "name_b"], ascending=[False, False, True], na_position="last"
    )
    return mine.head(n).reset_index(drop=True)
