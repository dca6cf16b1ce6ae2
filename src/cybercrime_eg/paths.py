"""Where the shipped data lives.

Three places, tried in this order:

1. ``$CYBERCRIME_EG_DATA``, when set: a folder laid out like the project's ``data/``;
2. a checkout (the package imported from ``<checkout>/src/cybercrime_eg``, as after
   ``pip install -e .``): the checkout's own ``data/``, so ``make data`` output is what is read;
3. an installed wheel: the copy of ``data/`` shipped inside the package
   (``cybercrime_eg/_data``, found with :mod:`importlib.resources`).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = [
    "repo_data_dir",
    "processed_dir",
    "external_dir",
    "raw_report_path",
    "taxonomy_path",
    "package_data_dir",
    "checkout_root",
]

_ENV = "CYBERCRIME_EG_DATA"
_PACKAGE = "cybercrime_eg"


def _package_dir() -> Path:
    return Path(str(resources.files(_PACKAGE)))


def checkout_root() -> Path | None:
    """The project checkout the package is imported from, or ``None`` when it is installed.

    A checkout is recognised by its src layout: ``<root>/src/cybercrime_eg`` beside
    ``<root>/pyproject.toml`` and ``<root>/data/raw``.
    """
    package = _package_dir().resolve()
    if package.parent.name != "src":
        return None
    root = package.parent.parent
    if (root / "pyproject.toml").is_file() and (root / "data" / "raw").is_dir():
        return root
    return None


def package_data_dir() -> Path | None:
    """The data shipped inside an installed wheel (``cybercrime_eg/_data``), if there is one."""
    shipped = resources.files(_PACKAGE) / "_data"
    if shipped.is_dir():
        return Path(str(shipped))
    return None


def repo_data_dir() -> Path:
    """The data folder: ``$CYBERCRIME_EG_DATA``, else the checkout's ``data/``, else the wheel's."""
    if env := os.environ.get(_ENV):
        return Path(env)
    if (root := checkout_root()) is not None:
        return root / "data"
    if (shipped := package_data_dir()) is not None:
        return shipped
    raise FileNotFoundError(
        f"cannot find the data of {_PACKAGE}: this install carries no cybercrime_eg/_data "
        f"(install a wheel built from the repository, or pip install -e . in a checkout) "
        f"and {_ENV} is not set"
    )


def processed_dir() -> Path:
    """``data/processed``: the generated tables and data package."""
    return repo_data_dir() / "processed"


def external_dir() -> Path:
    """``data/external``: the reference tables with their SOURCES.md."""
    return repo_data_dir() / "external"


def taxonomy_path() -> Path:
    """``data/taxonomy.yml``: the recommendation-theme taxonomy."""
    return repo_data_dir() / "taxonomy.yml"


def raw_report_path() -> Path:
    """The shipped report text (the only ``.txt`` in ``data/raw``)."""
    found = sorted((repo_data_dir() / "raw").glob("*.txt"))
    if len(found) != 1:
        raise FileNotFoundError(
            f"expected one report in {repo_data_dir() / 'raw'}, found {len(found)}"
        )
    return found[0]
