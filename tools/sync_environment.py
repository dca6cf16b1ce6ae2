"""Write environment.yml (Binder) from requirements.lock: every locked version, pinned.

Run after `make lock`; tests/test_environment_pins.py fails when the two differ.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = """\
# Binder (repo2docker) environment, generated from requirements.lock by
# tools/sync_environment.py: every version the lock resolves, pinned, so Binder runs what
# `make book` and `make test` install. tests/test_environment_pins.py fails on drift.
# postBuild installs the project's own package.
name: cybercrime-eg
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
"""


def locked_pins(lock: Path = ROOT / "requirements.lock") -> list[str]:
    """``name==version`` for every package of the lock, in the lock's order."""
    pins = []
    for line in lock.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^([A-Za-z0-9_.\-]+==[^\s;]+)", line):
            pins.append(m.group(1))
    return pins


def environment_text() -> str:
    """The text environment.yml must have."""
    return HEADER + "".join(f"      - {pin}\n" for pin in locked_pins())


if __name__ == "__main__":
    (ROOT / "environment.yml").write_text(environment_text(), encoding="utf-8")
    print(f"environment.yml: {len(locked_pins())} pins from requirements.lock")
