"""Writing the tables and their Frictionless ``datapackage.json``: complete, or not at all.

The package is built and validated in a staging folder and published by
:func:`cybercrime_eg.publish.publish` (ownership manifest, lock, atomic swap).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import external
from .budapest_crosswalk import (
    CrosswalkRules,
    build_crosswalk,
    default_rules_path,
    load_articles,
    load_rules,
)
from .checks import require_path, type_name
from .model import Report
from .publish import PublishError, publish
from .schema import DERIVED_SPECS, EXTERNAL_TABLES, REPORT_TABLES, Schema
from .statements import unparsed_table
from .states import build_states_table
from .tables import report_tables
from .taxonomy import Taxonomy, default_taxonomy_path, load_taxonomy
from .themes import build_themes_table

__all__ = [
    "DERIVED_TABLES",
    "OutputError",
    "PackageError",
    "SPREADSHEET_NOTE",
    "write_csv",
    "write_package",
    "package_descriptor",
]

# Tables derived from the report tables (and the external data): name ->
# (description, schema, builder(tables, report, external_dir) -> DataFrame).
DerivedBuilder = Callable[[dict[str, pd.DataFrame], Report, Path | None], pd.DataFrame | None]


@lru_cache(maxsize=4)
def _taxonomy(path: str, mtime_ns: int) -> Taxonomy:
    return load_taxonomy(path)


def _themes(tables: dict[str, pd.DataFrame], report: Report, ext: Path | None) -> pd.DataFrame:
    path = default_taxonomy_path()
    taxonomy = _taxonomy(str(path), path.stat().st_mtime_ns)  # compiled once per file version
    return build_themes_table(tables["recommendations"], report.raw, taxonomy)


@lru_cache(maxsize=4)
def _crosswalk_rules(path: str, mtime_ns: int) -> CrosswalkRules:
    return load_rules(path)


def _crosswalk(tables: dict[str, pd.DataFrame], report: Report, ext: Path | None) -> pd.DataFrame:
    path = default_rules_path()
    rules = _crosswalk_rules(str(path), path.stat().st_mtime_ns)  # compiled once per version
    articles = None
    if ext is not None and (ext / "budapest_articles.csv").exists():
        articles = load_articles(ext / "budapest_articles.csv")  # every rule's article must exist
    return build_crosswalk(tables["recommendations"], report.raw, rules, articles)


def _states(
    tables: dict[str, pd.DataFrame], report: Report, ext: Path | None
) -> pd.DataFrame | None:
    if ext is None:
        return None
    return build_states_table(tables["participants"], external.reference(ext))


def _unparsed(
    tables: dict[str, pd.DataFrame], report: Report, ext: Path | None
) -> pd.DataFrame | None:
    return unparsed_table(report)


_BUILDERS: dict[str, DerivedBuilder] = {
    "themes": _themes,
    "states": _states,
    "crosswalk": _crosswalk,
    "unparsed_sentences": _unparsed,
}
DERIVED_TABLES: dict[str, tuple[str, Schema, DerivedBuilder]] = {
    name: (description, schema, _BUILDERS[name])
    for name, (description, schema) in DERIVED_SPECS.items()
}


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` as UTF-8 CSV, LF line ends, missing values as empty cells."""
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def _resource(name: str, description: str, schema: Schema, **extra: object) -> dict:
    return {
        "name": name.replace("_", "-"),
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": description,
        **extra,
        "schema": _resource_schema(schema),
    }


def _resource_schema(schema: Schema) -> Schema:
    out = dict(schema)
    if "foreignKeys" in out:  # resource names in the package use dashes
        out["foreignKeys"] = [
            {
                "fields": fk["fields"],
                "reference": {
                    "resource": fk["reference"]["resource"].replace("_", "-"),
                    "fields": fk["reference"]["fields"],
                },
            }
            for fk in out["foreignKeys"]
        ]
    return out


def package_descriptor(report: Report, names: list[str], external: list[str]) -> dict:
    """The ``datapackage.json`` descriptor for the given report and external tables."""
    resources = []
    for name in names:
        if name in REPORT_TABLES:
            description, schema = REPORT_TABLES[name]
        else:
            description, schema, _ = DERIVED_TABLES[name]
        resources.append(_resource(name, description, schema))
    for name in external:
        description, schema = EXTERNAL_TABLES[name]
        resources.append(
            _resource(
                name,
                description,
                schema,
                sources=[{"title": "Origin and caveats: SOURCES.md", "path": "SOURCES.md"}],
            )
        )
    return {
        "profile": "tabular-data-package",
        "name": "cybercrime-eg-report",
        "title": "UNODC Expert Group on Cybercrime report, as data",
        "description": (
            f"Tables extracted from {Path(report.source).name} by the cybercrime_eg parser; "
            "every row of the report tables carries character offsets into that file. "
            "Empty cells are missing values: not verified, never 'no'. "
            f"{SPREADSHEET_NOTE}"
        ),
        "sources": [{"title": f"{Path(report.source).name} (the report text, data/raw/)"}],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 (the tables this project writes; the "
                "report itself is a United Nations document, and the external tables keep "
                "their sources' terms: SOURCES.md)",
            }
        ],
        "resources": resources,
    }


SPREADSHEET_NOTE = (
    "Text cells keep the report's words verbatim (the offsets depend on it), so a cell may "
    "begin with =, +, - or @, which a spreadsheet program may run as a formula: open the "
    "CSV files through the program's text import (Data > From Text/CSV, every column typed "
    "as Text) rather than by double-clicking them, or read them with pandas or frictionless."
)

OutputError = PublishError  # the output folder cannot take the tables


class PackageError(ValueError):
    """The staged package fails its validation: names the file, the row and the problem."""


def _validate(staging: Path, out: Path) -> None:
    """Frictionless validation of the staged package (schemas, primary and foreign keys)."""
    from frictionless import validate

    report = validate(staging / "datapackage.json")
    if report.valid:
        return
    for task in report.tasks:
        for err in task.errors:
            row = getattr(err, "row_number", None) or 1
            raise PackageError(
                f"{out / Path(str(task.place)).name}:{row}: {err.type}: "
                f"{' '.join(str(err.message).split())[:200]} (nothing was published)"
            )
    raise PackageError(f"{out}: the data package is not valid (nothing was published)")


def write_package(
    report: Report,
    out: str | Path,
    external_dir: str | Path | None = None,
    *,
    force: bool = False,
) -> list[Path]:
    """Write every table of ``report`` (and the external tables, if given) with the package.

    The package is written to a staging folder beside ``out``, every external table is
    checked against its schema and the whole package is validated with Frictionless; only
    then is it swapped in whole (see :mod:`cybercrime_eg.publish` for what ``out`` may hold
    and what ``force`` allows). Returns the published paths.
    """
    from .io import read_table

    if not isinstance(report, Report):
        raise TypeError(
            "report: expected a parsed Report (cybercrime_eg.parse_report), "
            f"got {type_name(report)}"
        )
    # a path of any kind: what ``out`` may be (a new, empty or owned folder) is publish's rule
    out = require_path("out", out, "any", what="an output folder", must_exist=False)
    ext = (
        require_path("external_dir", external_dir, "dir", what="the reference tables' folder")
        if external_dir is not None
        else None
    )
    refuse: list[tuple[Path, str]] = []
    if ext is not None:
        refuse.append((ext, "the reference tables (--external)"))
    source = Path(report.source)
    if source.is_file():
        refuse.append((source.parent, f"the input report {source.name}"))
    tables = report_tables(report)
    for name, (_, _, build) in DERIVED_TABLES.items():
        frame = build(tables, report, ext)
        if frame is not None:
            tables[name] = frame
    external = []
    if ext is not None:
        external = [n for n in EXTERNAL_TABLES if (ext / f"{n}.csv").exists()]
        for name in external:
            read_table(ext / f"{name}.csv", name)  # DataError naming file and line

    def write(staging: Path) -> list[str]:
        for name, frame in tables.items():
            write_csv(frame, staging / f"{name}.csv")
        for name in external:
            shutil.copyfile(ext / f"{name}.csv", staging / f"{name}.csv", follow_symlinks=True)
        names = [f"{n}.csv" for n in [*tables, *external]]
        if ext is not None and (ext / "SOURCES.md").exists():
            shutil.copyfile(ext / "SOURCES.md", staging / "SOURCES.md")
            names.append("SOURCES.md")
        descriptor = package_descriptor(report, list(tables), external)
        text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        (staging / "datapackage.json").write_text(text, encoding="utf-8")
        return [*names, "datapackage.json"]

    return publish(out, write, lambda staging: _validate(staging, out), force=force, refuse=refuse)
