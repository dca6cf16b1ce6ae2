"""One call per table: the shipped tables, or the tables of any report parsed fresh.

Every loader returns a typed DataFrame (nullable ``string`` and ``Int64`` columns; an empty
cell is ``<NA>``, a missing value, never "no").
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import external, paths
from .budapest_crosswalk import build_crosswalk, load_articles
from .checks import require_path, require_str
from .facts import ReportFacts
from .facts import report_facts as _report_facts
from .io import DataError, read_table
from .model import Report
from .parser import parse_report
from .statements import unparsed_table
from .states import build_states_table
from .tables import report_tables
from .themes import build_themes_table
from .vocab import with_caveat

__all__ = [
    "DataError",
    "data_dictionary",
    "datapackage",
    "report_facts",
    "shipped_data",
    "gold_labels",
    "heldout_texts",
    "load_report",
    "read_table",
    "report_info",
    "paragraphs",
    "recommendations",
    "participants",
    "mentions",
    "unparsed_sentences",
    "crosswalk",
    "raw_text",
    "themes_table",
    "states_table",
]

PathLike = str | Path

_REPORT = "a report text file"


def _report_path(report: object) -> Path | None:
    """``report`` checked: None (the shipped tables) or the path of an existing text file."""
    if report is None:
        return None
    return require_path("report", report, "file", what=_REPORT)


@lru_cache(maxsize=8)
def _parsed(path: str, mtime_ns: int, size: int) -> Report:
    return parse_report(path)


def load_report(report: PathLike | None = None) -> Report:
    """The parsed document model of ``report`` (default: the shipped report)."""
    checked = _report_path(report)
    path = checked if checked is not None else paths.raw_report_path()
    stat = path.stat()
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size)


def _table(name: str, report: PathLike | None) -> pd.DataFrame:
    if _report_path(report) is not None:
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
    """States and organisations the report lists as making a statement or as organising the side
    event, with ISO codes."""
    return _table("participants", report)


def mentions(report: PathLike | None = None) -> pd.DataFrame:
    """Named instruments, documents, organisations, companies and States, with offsets."""
    return _table("mentions", report)


def unparsed_sentences(report: PathLike | None = None) -> pd.DataFrame:
    """Sentences of the statements and side-event paragraphs that named no participant in a
    form the parser reads: paragraph_id, line, sentence, reason, start, end (raw offsets).

    Empty when every such sentence was read; nothing is dropped silently.
    """
    if _report_path(report) is not None:
        return unparsed_table(load_report(report))
    return read_table(paths.processed_dir() / "unparsed_sentences.csv", "unparsed_sentences")


def raw_text(report: PathLike | None = None) -> str:
    """The raw report text that every ``start``/``end`` offset points into."""
    return load_report(report).raw


def themes_table(report: PathLike | None = None) -> pd.DataFrame:
    """Theme tags: item_id, theme, evidence (matched phrase), start, end (raw offsets)."""
    if _report_path(report) is not None:
        return build_themes_table(recommendations(report), raw_text(report))
    return read_table(paths.processed_dir() / "themes.csv", "themes")


@with_caveat
def states_table(report: PathLike | None = None) -> pd.DataFrame:
    """One row per UN Member State and per State named in the report, each fact sourced.

    Empty cells are not recorded or not verified, never "no".
    """
    if _report_path(report) is not None:
        return build_states_table(participants(report), external.reference())
    return read_table(paths.processed_dir() / "states.csv", "states")


def _annotations() -> Path:
    return paths.repo_data_dir() / "annotations"


def gold_labels(report: str | None = None, path: PathLike | None = None) -> pd.DataFrame:
    """Hand theme labels: ``report, item_id, theme, note`` (optionally of one report only).

    ``report`` is the report file's name without ``.txt`` (the ``report`` column);
    ``path`` defaults to ``data/annotations/gold_themes.csv``. An empty ``theme`` puts the
    item in scope with no theme (see :func:`~cybercrime_eg.themes.evaluate`).
    """
    require_str("report", report, allow_none=True)
    path = (
        require_path("path", path, "file", what="a gold labels CSV file")
        if path is not None
        else _annotations() / "gold_themes.csv"
    )
    gold = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    missing = {"item_id", "theme"} - set(gold.columns)
    if missing:
        raise DataError(
            path, 1, f"expected the columns item_id and theme, missing {sorted(missing)}"
        )
    if report is not None:
        if "report" not in gold.columns:
            raise DataError(path, 1, f"expected a 'report' column to select {report!r}")
        gold = gold[gold["report"] == report].reset_index(drop=True)
    return gold


def heldout_texts(path: PathLike | None = None) -> pd.DataFrame:
    """Held-out recommendation sentences (``report, item_id, text``), labelled in the gold file
    and never used to write a pattern (``heldout_recommendations.csv`` in
    ``data/annotations``)."""
    path = (
        require_path("path", path, "file", what="a held-out texts CSV file")
        if path is not None
        else _annotations() / "heldout_recommendations.csv"
    )
    return pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])


def data_dictionary(datapackage: PathLike | None = None) -> pd.DataFrame:
    """One row per field of every table in a ``datapackage.json`` (default: the shipped one)."""
    path = (
        require_path("datapackage", datapackage, "file", what="a datapackage.json file")
        if datapackage is not None
        else paths.processed_dir() / "datapackage.json"
    )
    desc = json.loads(path.read_text(encoding="utf-8"))
    rows = [  # one per field
        {
            "table": res.get("path", res["name"]),
            "field": f["name"],
            "type": f.get("type", "any"),
            "required": bool(f.get("constraints", {}).get("required", False)),
            "description": f.get("description", ""),
        }
        for res in desc["resources"]
        for f in res["schema"]["fields"]
    ]
    return pd.DataFrame(rows)


def datapackage(folder: PathLike | None = None) -> dict:
    """The ``datapackage.json`` descriptor of ``folder`` (default: the shipped tables)."""
    folder = (
        require_path("folder", folder, "dir", what="a folder holding a datapackage.json")
        if folder is not None
        else paths.processed_dir()
    )
    if not (folder / "datapackage.json").is_file():
        raise ValueError(f"folder: expected a folder holding a datapackage.json, got {folder}")
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def report_facts(report: PathLike | None = None) -> ReportFacts:
    """What the book says about the report: its meeting (matched in the Expert Group's
    meetings table), dates, the States listed as making a statement, side-event organisers and
    item counts."""
    _report_path(report)
    return _report_facts(
        report_info(report),
        participants(report),
        recommendations(report),
        paragraphs(report),
        external.expert_group_meetings(),
        raw_text(report),
        themes_table(report),
    )


def shipped_data() -> bool:
    """True when the tables read are the checkout's own ``data/processed`` (the shipped
    report), False when ``$CYBERCRIME_EG_DATA`` points the loaders at another report's."""
    checkout = Path(__file__).resolve().parents[2] / "data" / "processed"
    return paths.processed_dir().resolve() == checkout


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
    if _report_path(report) is not None:
        return build_crosswalk(recommendations(report), raw_text(report), None, load_articles())
    return read_table(paths.processed_dir() / "crosswalk.csv", "crosswalk")
