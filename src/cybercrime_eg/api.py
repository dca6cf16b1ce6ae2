"""One call per table: the shipped tables, or the tables of any report parsed fresh.

Every loader returns a typed DataFrame (nullable ``string`` and ``Int64`` columns; an empty
cell is ``<NA>``, a missing value, never "no").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .model import Report
from .package import DERIVED_TABLES
from .parser import parse_report
from .schema import EXTERNAL_TABLES, REPORT_TABLES, Schema, date_fields, pandas_dtypes
from .tables import report_tables

__all__ = [
    "DataError",
    "load_report",
    "read_table",
    "report_info",
    "paragraphs",
    "recommendations",
    "participants",
    "mentions",
    "raw_text",
    "themes_table",
    "states_table",
    "crosswalk",
]

PathLike = str | Path


def _schema(name: str) -> Schema:
    for registry in (REPORT_TABLES, EXTERNAL_TABLES):
        if name in registry:
            return registry[name][1]
    if name in DERIVED_TABLES:
        return DERIVED_TABLES[name][1]
    raise KeyError(f"unknown table {name!r}")


class DataError(ValueError):
    """A table that does not match its schema: names the file, the line and the expectation."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def read_table(path: PathLike, name: str | None = None) -> pd.DataFrame:
    """Read a table CSV with the dtypes of its schema (``name`` defaults to the file stem).

    The table is checked against its schema: column names, required values, allowed values
    (enums) and ISO dates. A mismatch raises :class:`DataError` naming the file and line.
    """
    path = Path(path)
    schema = _schema(name or path.stem)
    expected = [f["name"] for f in schema["fields"]]
    try:
        frame = pd.read_csv(
            path,
            dtype=pandas_dtypes(schema),
            keep_default_na=False,  # Namibia's iso2 is the string "NA"
            na_values=[""],
            encoding="utf-8",
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataError(
            path, 1, f"cannot read as a CSV table '{name or path.stem}': {exc}"
        ) from None
    if list(frame.columns) != expected:
        raise DataError(path, 1, f"expected columns {expected}, found {list(frame.columns)}")
    for f in schema["fields"]:
        col, constraints = f["name"], f.get("constraints", {})
        if constraints.get("required") and frame[col].isna().any():
            row = int(frame.index[frame[col].isna()][0])
            raise DataError(path, row + 2, f"column '{col}' is empty: expected a value")
        if enum := constraints.get("enum"):
            bad = frame[col].notna() & ~frame[col].isin(enum)
            if bad.any():
                row = int(frame.index[bad][0])
                raise DataError(
                    path,
                    row + 2,
                    f"'{frame.at[row, col]}' in column '{col}': expected one of {enum}",
                )
    for col in date_fields(schema):
        parsed = pd.to_datetime(frame[col], format="%Y-%m-%d", errors="coerce")
        bad = parsed.isna() & frame[col].notna()
        if bad.any():
            row = int(frame.index[bad][0])
            raise DataError(
                path,
                row + 2,
                f"'{frame.at[row, col]}' in column '{col}': expected a date YYYY-MM-DD",
            )
        frame[col] = parsed
    return frame


@lru_cache(maxsize=8)
def _parsed(path: str, mtime_ns: int, size: int) -> Report:
    return parse_report(path)


def load_report(report: PathLike | None = None) -> Report:
    """The parsed document model of ``report`` (default: the shipped report)."""
    path = Path(report) if report is not None else paths.raw_report_path()
    stat = path.stat()
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size)


def _table(name: str, report: PathLike | None) -> pd.DataFrame:
    if report is not None:
        return report_tables(load_report(report))[name].copy()
    return read_table(paths.processed_dir() / f"{name}.csv", name)


def report_info(report: PathLike | None = None) -> pd.DataFrame:
    """The report's front matter (one row): body, venue, dates, title, file hash."""
    return _table("report", report)


def paragraphs(report: PathLike | None = None) -> pd.DataFrame:
    """Numbered paragraphs: id, chapter, section, number, text, start, end, line."""
    return _table("paragraphs", report)


def recommendations(report: PathLike | None = None) -> pd.DataFrame:
    """Lettered items and sub-items: id, parent_id, label, paragraph_id, text, offsets."""
    return _table("recommendations", report)


def participants(report: PathLike | None = None) -> pd.DataFrame:
    """States and organisations that spoke or organised the side event, with ISO codes."""
    return _table("participants", report)


def mentions(report: PathLike | None = None) -> pd.DataFrame:
    """Named instruments, documents, organisations, companies and States, with offsets."""
    return _table("mentions", report)


def raw_text(report: PathLike | None = None) -> str:
    """The raw report text that every ``start``/``end`` offset points into."""
    return load_report(report).raw


def themes_table(report: PathLike | None = None) -> pd.DataFrame:
    """Theme tags: item_id, theme, evidence (matched phrase), start, end (raw offsets)."""
    if report is not None:
        from .themes import build_themes_table

        return build_themes_table(recommendations(report), raw_text(report))
    return read_table(paths.processed_dir() / "themes.csv", "themes")


def states_table(report: PathLike | None = None) -> pd.DataFrame:
    """One row per UN Member State and per State named in the report, each fact sourced.

    Caveat: the report attributes positions (a) and (b) on a new treaty to no State; votes,
    Budapest status and signatures are external facts, not positions taken at the meeting.
    Empty cells are not recorded or not verified, never "no".
    """
    if report is not None:
        from .states import build_states_table

        return build_states_table(participants(report), paths.external_dir())
    return read_table(paths.processed_dir() / "states.csv", "states")


def crosswalk(report: PathLike | None = None) -> pd.DataFrame:
    """Budapest Convention articles each recommendation asks for, one row per (item, article).

    Columns ``item_id, instrument, article, relation, evidence, start, end``: ``relation`` is
    ``provides`` (the item's words name what the article provides), ``related`` (the article
    touches the request only partly) or ``none`` (one row with empty article for an item with no
    counterpart); ``evidence`` is the item's matched words, at raw offsets ``start``/``end``.
    With ``report``, that report is parsed and matched fresh (rules of
    ``data/crosswalk_rules.yml``); without, the shipped table is read. Article titles: join
    :func:`~cybercrime_eg.budapest_crosswalk.load_articles` on ``instrument, article``.

    Caveat: matching wording is not legal equivalence; the report attributes positions (a) and
    (b) to no State.
    """
    if report is not None:
        from .budapest_crosswalk import build_crosswalk, load_articles

        return build_crosswalk(recommendations(report), raw_text(report), None, load_articles())
    return read_table(paths.processed_dir() / "crosswalk.csv", "crosswalk")
