"""Reading a table of the project from its CSV: typed, and checked against its schema.

The checks (required values, allowed values, dates, and every other constraint of the Table
Schema) are Frictionless's; a mismatch becomes one :class:`DataError` naming the file, the
line and what was expected.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .checks import require_path, require_str
from .schema import Schema, date_fields, pandas_dtypes, table_spec
from .text import shown

__all__ = ["DataError", "read_table", "validate_table"]

PathLike = str | Path


class DataError(ValueError):
    """A table that does not match its schema: names the file, the line and the expectation."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def _message(error, schema: Schema) -> str:  # noqa: ANN001 - a frictionless error
    """Our one-line wording of a Frictionless cell error."""
    col, cell = error.field_name, error.cell
    fields = {f["name"]: f for f in schema["fields"]}
    constraints = fields.get(col, {}).get("constraints", {})
    if error.type == "constraint-error" and "required" in error.note:
        return f"column '{col}' is empty: expected a value"
    if error.type == "constraint-error" and "enum" in error.note:
        return f"'{cell}' in column '{col}': expected one of {constraints.get('enum')}"
    if fields.get(col, {}).get("type") == "date":
        return f"'{cell}' in column '{col}': expected a date YYYY-MM-DD"
    return f"'{cell}' in column '{col}': {error.note}"


def validate_table(path: PathLike, name: str | None = None) -> None:
    """Check the CSV at ``path`` against the schema of table ``name`` with Frictionless.

    Raises :class:`DataError` at the first error (file, line, expectation). Keys are not
    checked here (a single table cannot check a foreign key): the package test does.
    """
    from frictionless import Checklist, Resource
    from frictionless import Schema as FrictionlessSchema

    path = Path(path)
    _, schema = table_spec(name or path.stem)
    fields = {k: v for k, v in schema.items() if k in ("fields", "missingValues")}
    resource = Resource(
        path=path.name,
        basepath=str(path.parent),
        schema=FrictionlessSchema.from_descriptor(fields),
        encoding="utf-8",
        format="csv",
    )
    checks = Checklist(skip_errors=["blank-row", "duplicate-label"])
    report = resource.validate(checks)
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            if row is not None and getattr(error, "field_name", None):
                raise DataError(path, row, _message(error, schema))
            if error.type in ("incorrect-label", "missing-label", "extra-label", "blank-label"):
                continue  # column names are checked by read_table, with their expected list
            raise DataError(path, row or 1, error.note or error.title)


def _schema_of(name: str) -> Schema:
    """The schema of table ``name``; ``ValueError`` naming the known tables otherwise."""
    from .schema import ANNOTATION_TABLES, DERIVED_SPECS, EXTERNAL_TABLES, REPORT_TABLES

    try:
        return table_spec(name)[1]
    except KeyError:
        known = sorted({*REPORT_TABLES, *DERIVED_SPECS, *EXTERNAL_TABLES, *ANNOTATION_TABLES})
        raise ValueError(
            f"name: expected the name of a table of the project (one of {known}), "
            f"got {shown(name)!r}"
        ) from None


def read_table(path: PathLike, name: str | None = None) -> pd.DataFrame:
    """Read a table CSV with the dtypes of its schema (``name`` defaults to the file stem).

    The table is checked against its schema: column names (here), then required values,
    allowed values (enums), types and ISO dates (Frictionless, see ``validate_table``). A
    mismatch raises :class:`DataError` naming the file and line. Empty cells are ``<NA>``;
    Namibia's ISO code "NA" stays a string.
    """
    if require_str("name", name, allow_none=True) is not None:
        _schema_of(name)  # an unknown name is the first error, before the path
    path = require_path("path", path, "file", what="a table CSV file")
    name = name or path.stem
    schema = _schema_of(name)
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
        raise DataError(path, 1, f"cannot read as a CSV table '{name}': {exc}") from None
    if list(frame.columns) != expected:
        raise DataError(path, 1, f"expected columns {expected}, found {list(frame.columns)}")
    validate_table(path, name)
    for col in date_fields(schema):
        frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
    return frame
