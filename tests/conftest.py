"""Shared fixtures: the shipped report and the fixture reports."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "data" / "raw" / "eg-cybercrime-2019-draft-report-addendum.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def report_path() -> Path:
    return REPORT


@pytest.fixture(scope="session")
def report():
    from cybercrime_eg.parser import parse_report

    return parse_report(REPORT)


@pytest.fixture(scope="session")
def raw() -> str:
    return REPORT.read_text(encoding="utf-8")
