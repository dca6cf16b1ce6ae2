"""The external reference tables (votes, Budapest status, regional groups, ...), typed.

Empty cells stay missing (``<NA>``): in these tables an empty cell means "not verified",
never "no". Provenance is in each table's ``source`` column (where it has one) and in
``data/external/SOURCES.md``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .io import read_table
from .schema import REFERENCE_TABLES

__all__ = [
    "load",
    "reference",
    "treaty_events",
    "votes",
    "budapest_status",
    "un_signatures",
    "regional_groups",
    "regional_groups_all",
    "expert_group_meetings",
    "instrument_articles",
    "sources_text",
]


def load(name: str, external_dir: str | Path | None = None) -> pd.DataFrame:
    """Read the external table ``name`` from ``external_dir`` (default ``data/external``)."""
    folder = Path(external_dir) if external_dir is not None else paths.external_dir()
    return read_table(folder / f"{name}.csv", name)


def votes(external_dir: str | Path | None = None) -> pd.DataFrame:
    """Recorded votes on A/RES/73/187 and A/RES/74/247; no row = absent or did not vote."""
    return load("unga_cybercrime_votes", external_dir)


def budapest_status(external_dir: str | Path | None = None) -> pd.DataFrame:
    """Budapest Convention status on 2019-03-27 and dates, for 22 States (empty = not verified)."""
    return load("budapest_status", external_dir)


def un_signatures(external_dir: str | Path | None = None) -> pd.DataFrame:
    """Signature of the 2024 UN Convention against Cybercrime, for 22 States."""
    return load("un_convention_signatures", external_dir)


def regional_groups(external_dir: str | Path | None = None) -> pd.DataFrame:
    """UN regional group of the 22 States, with sources."""
    return load("un_regional_groups", external_dir)


def regional_groups_all(external_dir: str | Path | None = None) -> pd.DataFrame:
    """UN regional group of all 193 Member States (Turkey appears in two groups)."""
    return load("un_regional_groups_all", external_dir)


def expert_group_meetings(external_dir: str | Path | None = None) -> pd.DataFrame:
    """The Expert Group's meetings 2011-2021."""
    return load("expert_group_meetings", external_dir)


def instrument_articles(external_dir: str | Path | None = None) -> pd.DataFrame:
    """Article numbers of the Budapest and UN conventions ('NOT VERIFIED' rows are not facts)."""
    return load("instrument_articles", external_dir)


def treaty_events(external_dir: str | Path | None = None) -> pd.DataFrame:
    """Dated events of the treaty process 2001-2025, each with its source and a confidence."""
    return load("treaty_events", external_dir)


def reference(external_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """The reference tables the states table is built from, by name (file stem)."""
    return {name: load(name, external_dir) for name in REFERENCE_TABLES}


def sources_text(external_dir: str | Path | None = None) -> str:
    """The text of SOURCES.md: where every external table comes from."""
    folder = Path(external_dir) if external_dir is not None else paths.external_dir()
    return (folder / "SOURCES.md").read_text(encoding="utf-8")
