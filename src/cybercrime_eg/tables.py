"""From a parsed :class:`~cybercrime_eg.model.Report` to typed pandas tables."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .model import Report
from .schema import REPORT_TABLES, pandas_dtypes

__all__ = ["report_tables", "typed_frame"]


def typed_frame(rows: list[dict], name: str) -> pd.DataFrame:
    """A DataFrame with the columns, order and dtypes of the report table ``name``.

    Empty strings and None become ``<NA>``: a missing value.
    """
    dtypes = pandas_dtypes(REPORT_TABLES[name][1])
    return pd.DataFrame(
        {
            col: pd.array([row[col] if row[col] != "" else None for row in rows], dtype=dtype)
            for col, dtype in dtypes.items()
        }
    )


def report_tables(report: Report) -> dict[str, pd.DataFrame]:
    """Every report table of ``report``, keyed by table name, rows in document order."""
    paragraph_of = {it.id: it.paragraph_id for it in report.items}
    h = report.header
    tables = {
        "report": typed_frame(
            [
                {
                    "source_file": Path(report.source).name,
                    "sha256": hashlib.sha256(report.raw.encode("utf-8")).hexdigest(),
                    "characters": len(report.raw),
                    "symbol": h.symbol,
                    "distribution": h.distribution,
                    "date": h.date,
                    "language": h.language,
                    "body": h.body,
                    "venue": h.venue,
                    "meeting_dates": h.meeting_dates,
                    "title": h.title,
                }
            ],
            "report",
        ),
        "paragraphs": typed_frame(
            [
                {
                    "id": p.id,
                    "chapter": p.chapter,
                    "chapter_title": p.chapter_title,
                    "section": p.section,
                    "section_title": p.section_title,
                    "number": p.number,
                    "text": p.text,
                    "start": p.start,
                    "end": p.end,
                    "line": p.line,
                }
                for p in report.paragraphs
            ],
            "paragraphs",
        ),
        "recommendations": typed_frame(
            [
                {
                    "id": it.id,
                    "parent_id": it.parent_id,
                    "label": it.label,
                    "level": it.level,
                    "paragraph_id": it.paragraph_id,
                    "chapter": it.chapter,
                    "section": it.section,
                    "text": it.text,
                    "start": it.start,
                    "end": it.end,
                    "line": it.line,
                }
                for it in report.items
            ],
            "recommendations",
        ),
        "participants": typed_frame(
            [
                {
                    "name": p.name,
                    "iso3": p.iso3,
                    "kind": p.kind,
                    "role": p.role,
                    "paragraph_id": p.paragraph_id,
                    "start": p.start,
                    "end": p.end,
                }
                for p in report.participants
            ],
            "participants",
        ),
        "mentions": typed_frame(
            [
                {
                    "entity": m.entity,
                    "kind": m.kind,
                    "item_id": m.item_id,
                    "paragraph_id": paragraph_of.get(m.item_id, m.item_id),
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                }
                for m in report.mentions
            ],
            "mentions",
        ),
    }
    return tables
