"""Where the shipped data lives."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["repo_data_dir", "processed_dir", "external_dir", "raw_report_path"]

_ENV = "CYBERCRIME_EG_DATA"


def repo_data_dir() -> Path:
    """The project's ``data/`` folder (``$CYBERCRIME_EG_DATA`` overrides it)."""
    if env := os.environ.get(_ENV):
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "data" / "raw").is_dir() and (parent / "pyproject.toml").exists():
            return parent / "data"
    raise FileNotFoundError(
        "cannot find the project's data/ folder: install the package from a checkout "
        f"(pip install -e .) or set {_ENV} to the data folder"
    )


def processed_dir() -> Path:
    """``data/processed``: the generated tables and data package."""
    return repo_data_dir() / "processed"


def external_dir() -> Path:
    """``data/external``: the reference tables with their SOURCES.md."""
    return repo_data_dir() / "external"


def raw_report_path() -> Path:
    """The shipped report text (the only ``.txt`` in ``data/raw``)."""
    found = sorted((repo_data_dir() / "raw").glob("*.txt"))
    if len(found) != 1:
        raise FileNotFoundError(
            f"expected one report in {repo_data_dir() / 'raw'}, found {len(found)}"
        )
    return found[0]
