"""Writing the tables and their Frictionless ``datapackage.json``: complete, or not at all."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import external
from .model import Report
from .schema import DERIVED_SPECS, EXTERNAL_TABLES, REPORT_TABLES, Schema
from .states import build_states_table
from .tables import report_tables
from .taxonomy import Taxonomy, default_taxonomy_path, load_taxonomy
from .themes import build_themes_table

__all__ = ["DERIVED_TABLES", "OutputError", "write_csv", "write_package", "package_descriptor"]

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


def _states(
    tables: dict[str, pd.DataFrame], report: Report, ext: Path | None
) -> pd.DataFrame | None:
    if ext is None:
        return None
    return build_states_table(tables["participants"], external.reference(ext))


_BUILDERS: dict[str, DerivedBuilder] = {"themes": _themes, "states": _states}
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
            "Empty cells are missing values: not verified, never 'no'."
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


class OutputError(OSError):
    """The output folder cannot take the tables (names the path and what was expected)."""


def _previous_resources(out: Path) -> set[str]:
    """File names a previous extract into ``out`` wrote (from its datapackage.json)."""
    try:
        old = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
        names = {Path(r["path"]).name for r in old.get("resources", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()
    return names | {"SOURCES.md"}


def write_package(
    report: Report, out: str | Path, external_dir: str | Path | None = None
) -> list[Path]:
    """Write every table of ``report`` (and the external tables, if given) with the package.

    Everything is first written to a temporary folder and checked; only then are the files
    moved into ``out``, so a report or table that fails leaves ``out`` as it was. Tables that
    an earlier extract into ``out`` wrote and this one does not are removed, so the folder
    always matches its ``datapackage.json``. Returns the written paths.
    """
    out = Path(out)
    ext = Path(external_dir) if external_dir is not None else None
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder: expected a folder for the tables")
    tables = report_tables(report)
    for name, (_, _, build) in DERIVED_TABLES.items():
        frame = build(tables, report, ext)
        if frame is not None:
            tables[name] = frame
    external = []
    if ext is not None:
        external = [n for n in EXTERNAL_TABLES if (ext / f"{n}.csv").exists()]
    with tempfile.TemporaryDirectory(prefix="cybercrime-eg-extract-") as tmp:
        staging = Path(tmp)
        for name, frame in tables.items():
            write_csv(frame, staging / f"{name}.csv")
        for name in external:
            shutil.copyfile(ext / f"{name}.csv", staging / f"{name}.csv")
        if ext is not None and (ext / "SOURCES.md").exists():
            shutil.copyfile(ext / "SOURCES.md", staging / "SOURCES.md")
        descriptor = package_descriptor(report, list(tables), external)
        text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        (staging / "datapackage.json").write_text(text, encoding="utf-8")
        files = sorted(staging.iterdir())
        for path in files:
            target = out / path.name
            if target.exists() and not target.is_file():
                raise OutputError(f"{target}: exists and is not a file: expected to write a table")
        stale = _previous_resources(out) - {p.name for p in files}
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for path in files:
            target = out / path.name
            shutil.move(path, target)
            written.append(target)
        for name in sorted(stale):
            if (out / name).is_file():
                (out / name).unlink()
        return written
