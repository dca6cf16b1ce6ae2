"""Build hook: ship the project's ``data/`` folders inside the wheel as package data.

Everything else about the package is declared in ``pyproject.toml``. A wheel (``pip install .``,
``pip wheel .``) carries the files matched by :data:`SHIPPED` under ``cybercrime_eg/_data/``,
where :mod:`cybercrime_eg.paths` finds them with :mod:`importlib.resources`. An editable install
(``pip install -e .``) copies nothing: a checkout reads its own ``data/``. The globs take whole
folders, so files other tools add to them later are shipped without a change here; the sdist
gets the same folders from ``MANIFEST.in`` (``tests/test_wheel.py`` checks both agree).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent

#: Globs, relative to ``data/``, of every file the wheel ships.
SHIPPED = (
    "*.yml",  # taxonomy.yml, crosswalk rules and any other top-level configuration
    "raw/**/*",  # the report text, as published
    "processed/**/*",  # the generated tables and datapackage.json
    "external/**/*",  # the reference tables and their SOURCES.md
    "annotations/**/*",  # hand-made annotations, when present
)


def shipped_files(data: Path = HERE / "data") -> list[Path]:
    """The files of ``data`` the wheel ships, sorted, without caches or hidden files."""
    found = {p for pattern in SHIPPED for p in data.glob(pattern) if p.is_file()}
    return sorted(
        p
        for p in found
        if not any(
            part.startswith(".") or part == "__pycache__" for part in p.relative_to(data).parts
        )
    )


class BuildPyWithData(build_py):
    """``build_py`` that also copies the shipped data into ``cybercrime_eg/_data``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        data = HERE / "data"
        target = Path(self.build_lib) / "cybercrime_eg" / "_data"
        if target.exists():
            shutil.rmtree(target)  # build/ is ours: a stale copy must not leak into the wheel
        for src in shipped_files(data):
            dest = target / src.relative_to(data)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)


if __name__ == "__main__":  # run by the build backend; importing it (tests) builds nothing
    setup(cmdclass={"build_py": BuildPyWithData})
