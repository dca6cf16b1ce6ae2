"""`make book REPORT=...` builds the whole book for another report of the series.

The book is built (strict, ``-W``) for the 2020 fixture report into a temporary folder, so the
shipped book in ``_build/html`` stays as it is. Its pages must name that report's States and
meeting dates, and none of the shipped 2019 addendum's: every name, date and count comes from
the frames passed to the builders. The names and dates checked are read from the two reports
by the parser, not typed here.
"""

from __future__ import annotations

import re
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

import cybercrime_eg as eg
from cybercrime_eg.vocab import US_WEOG_CAVEAT

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "eg-2020-international-cooperation.txt"
#: The section of chapter 6 that quotes data/external/SOURCES.md verbatim: it describes how the
#: reference tables were compiled (for the 2019 meeting), so it names that meeting by design.
QUOTED_SECTION = "sources-of-the-external-tables"


class _Text(HTMLParser):
    """The text a reader sees: no <script> or <style>, no quoted SOURCES.md section."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self._quoted = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        if self._quoted:
            self._quoted += tag == "section"
        elif tag == "section" and dict(attrs).get("id") == QUOTED_SECTION:
            self._quoted = 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if self._quoted and tag == "section":
            self._quoted -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and not self._quoted:
            self.parts.append(data)


def _visible(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def _states(report: Path | None) -> set[str]:
    people = eg.participants(report)
    return set(people.loc[people["kind"] == "state", "name"].astype(str))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    out = tmp_path_factory.mktemp("report-book")
    started = time.perf_counter()
    done = subprocess.run(
        ["make", "book", f"REPORT={FIXTURE}", f"BOOK_OUT={out}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    html = out / "_build" / "html" / "book"
    chapters = sorted(p.stem for p in (ROOT / "book").glob("*.ipynb"))  # not the API reference
    pages = {name: _visible(html / f"{name}.html") for name in chapters}
    return {"pages": pages, "seconds": seconds, "log": done.stdout}


def test_the_report_book_builds_every_chapter(book):
    assert len(book["pages"]) == len(list((ROOT / "book").glob("*.ipynb")))
    assert all(len(text) > 1000 for text in book["pages"].values())
    assert "CYBERCRIME_EG_DATA=" in book["log"]  # the notebooks read the report's own tables


def test_pages_name_the_reports_states_and_dates(book):
    text = " ".join(book["pages"].values())
    info = eg.report_info(FIXTURE).iloc[0]
    assert info["meeting_dates"] in book["pages"]["01_introduction"]
    for state in _states(FIXTURE):
        assert state in book["pages"]["05_states"], state
    assert info["venue"] in text


def test_pages_name_none_of_the_2019_addendums_states_or_dates(book):
    shipped = eg.report_info().iloc[0]
    others = _states(None) - _states(FIXTURE)
    assert len(others) >= 10  # the check has something to find
    for name, text in book["pages"].items():
        # The regional-group chart counts all 193 Member States, so its note on the one
        # observer (not member) of a group names it in any report's book.
        text = text.replace(US_WEOG_CAVEAT, " ")
        for state in sorted(others):
            assert not re.search(rf"\b{re.escape(state)}\b", text), (name, state)
        for printed in (shipped["meeting_dates"], shipped["date"]):
            assert printed not in text, (name, printed)


def test_chapters_without_their_subject_say_so(book):
    pages = book["pages"]
    sentence = "This report sets out no position on a new treaty"
    assert pages["04_positions"].count(sentence) == 1  # said once, not repeated
    methods = pages["06_methods"]  # the fixture has hand labels: agreement is measured
    assert "that the hand labels also have" in methods
    assert "Precision, recall and F1 per theme" in methods
    assert "This is a training score" not in methods  # only the shipped report's is one
    assert "6th meeting" in pages["05_states"] or "sixth meeting" in pages["01_introduction"]
