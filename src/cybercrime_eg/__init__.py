"""The 2019 UNODC Expert Group on Cybercrime report as data.

``import cybercrime_eg`` is cheap: pandas and the parser load on first use, and plotly and
ipywidgets only through :mod:`cybercrime_eg.viz`.

>>> import cybercrime_eg as eg
>>> eg.recommendations().shape[0]       # the shipped tables
22
>>> eg.participants("my-report.txt")  # any report of the series, parsed fresh  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "ParseError": "parser",
    "parse_report": "parser",
    "parse_text": "parser",
    "Report": "model",
    "DataError": "api",
    "data_dictionary": "api",
    "datapackage": "api",
    "report_facts": "api",
    "shipped_data": "api",
    "gold_labels": "api",
    "heldout_texts": "api",
    "load_report": "api",
    "read_table": "api",
    "report_info": "api",
    "paragraphs": "api",
    "recommendations": "api",
    "participants": "api",
    "mentions": "api",
    "raw_text": "api",
    "themes_table": "api",
    "states_table": "api",
    "crosswalk": "api",
    "unparsed_sentences": "api",
    "write_package": "package",
    "clean": "text",
    "resolve_state": "countries",
}

__all__ = [
    "DataError",
    "ParseError",
    "Report",
    "clean",
    "data_dictionary",
    "datapackage",
    "crosswalk",
    "external",
    "gold_labels",
    "heldout_texts",
    "load_report",
    "mentions",
    "paragraphs",
    "parse_report",
    "parse_text",
    "participants",
    "raw_text",
    "read_table",
    "recommendations",
    "report_facts",
    "report_info",
    "resolve_state",
    "shipped_data",
    "states_table",
    "themes_table",
    "unparsed_sentences",
    "write_package",
]

if TYPE_CHECKING:  # pragma: no cover
    from . import external
    from .api import (
        DataError,
        crosswalk,
        data_dictionary,
        datapackage,
        gold_labels,
        heldout_texts,
        load_report,
        mentions,
        paragraphs,
        participants,
        raw_text,
        read_table,
        recommendations,
        report_facts,
        report_info,
        shipped_data,
        states_table,
        themes_table,
        unparsed_sentences,
    )
    from .countries import resolve_state
    from .model import Report
    from .package import write_package
    from .parser import ParseError, parse_report, parse_text
    from .text import clean


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    if name == "external":
        return importlib.import_module(".external", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
