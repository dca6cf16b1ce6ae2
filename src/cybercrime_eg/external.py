"""The external reference tables (votes, Budapest status, regional groups, ...), typed.

Empty cells stay missing (``<NA>``): in these tables an empty cell means "not verified",
never "no". Provenance is in each table's ``source`` column (where it has one) and in
``data/external/SOURCES.md``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .checks import require_path, require_str
from .io import read_table
from .schema import REFERENCE_TABLES

__all__ = [
    "load",
    "reference",
    "fact_basis",
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
    require_str("name", name)
    folder = (
        require_path("external_dir", external_dir, "dir", what="the reference tables' folder")
        if external_dir is not None
        else paths.external_dir()
    )
    if external_dir is not None and not (folder / f"{name}.csv").is_file():
        raise ValueError(f"external_dir: expected a folder holding {name}.csv, got {folder}")
    return read_table(folder / f"{name}.csv", name)


def votes(external_dir: str | Path | None = None) -> pd.DataFrame:
    """Recorded votes on A/RES/73/187 and A/RES/74/247; no row = absent or did not vote."""
    return load("unga_cybercrime_votes", external_dir)


def budapest_status(external_dir: str | Path | None = None) -> pd.DataFrame:
    """Budapest status on 2019-03-27 and dates of the States the book profiles (empty: not
    verified)."""
    return load("budapest_status", external_dir)


def un_signatures(external_dir: str | Path | None = None) -> pd.DataFrame:
    """Signature of the 2024 UN Convention against Cybercrime, for the States the book profiles."""
    return load("un_convention_signatures", external_dir)


def regional_groups(external_dir: str | Path | None = None) -> pd.DataFrame:
    """UN regional group of the States the book profiles, with sources."""
    return load("un_regional_groups", external_dir)


def regional_groups_all(external_dir: str | Path | None = None) -> pd.DataFrame:
    """UN regional group of every UN Member State (Türkiye appears in two groups)."""
    return load("un_regional_groups_all", external_dir)


def expert_group_meetings(external_dir: str | Path | None = None) -> pd.DataFrame:
    """The Expert Group's meetings, as far as the sources read record them."""
    return load("expert_group_meetings", external_dir)


def instrument_articles(external_dir: str | Path | None = None) -> pd.DataFrame:
    """Article numbers of the Budapest and UN conventions ('NOT VERIFIED' rows are not facts)."""
    return load("instrument_articles", external_dir)


def treaty_events(external_dir: str | Path | None = None) -> pd.DataFrame:
    """Dated events of the treaty process, each with its source and a confidence."""
    return load("treaty_events", external_dir)


def fact_basis(path: str | Path | None = None) -> pd.DataFrame:
    """How each external fact is known (``data/annotations/fact_basis.csv``), checked.

    One row per graded fact: ``table, iso3, fact, value, basis, reason``; ``basis`` is
    official, secondary or inferred (see SOURCES.md, "How each fact is known"); ``*`` in
    ``iso3`` and ``value`` grades every row of ``table``.
    """
    path = Path(path) if path is not None else paths.repo_data_dir() / "annotations"
    if path.is_dir():
        path = path / "fact_basis.csv"
    return read_table(path, "fact_basis")


def reference(external_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """The reference tables the states table is built from, by name (file stem), and the
    project's grading of their facts (``fact_basis``, from ``data/annotations``)."""
    tables = {name: load(name, external_dir) for name in REFERENCE_TABLES}
    tables["fact_basis"] = fact_basis()
    return tables


def sources_text(external_dir: str | Path | None = None) -> str:
    """The text of SOURCES.md: where every external table comes from."""
    folder = Path(external_dir) if external_dir is not None else paths.external_dir()
    return (folder / "SOURCES.md").read_text(encoding="utf-8")
