"""The built pages say what the sources say (issue 9): scanned as HTML, no browser needed.

Runs after `make book` with the other checks of the built book (`make test`, or
``pytest -m browser tests/browser``). The same rules are applied to the sources by
tests/test_wording.py; here they are checked on what a reader actually gets, including the
hover texts inside the charts' data.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from wording import SPEAKER_WORDING, TYPED_TIME

import cybercrime_eg as eg
from cybercrime_eg.states import FORMER_NAMES, current_name

from .conftest import site_pages


class _Text(HTMLParser):
    """Visible text of a page (scripts and styles kept apart)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag in ("script", "style"):
            self._in = tag

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag == self._in:
            self._in = None

    def handle_data(self, data):  # noqa: ANN001
        if self._in == "script":
            self.scripts.append(data)
        elif self._in is None:
            self.text.append(data)


def _page(site: Path, name: str) -> tuple[str, str]:
    parser = _Text()
    parser.feed((site / name).read_text(encoding="utf-8"))
    text = " ".join(" ".join(parser.text).split())
    for curly, straight in (("“", '"'), ("”", '"'), ("’", "'")):
        text = text.replace(curly, straight)
    return text, "\n".join(parser.scripts)


PAGES = [p for p in site_pages() if not p.startswith(("genindex", "search", "py-modindex"))]
#: The API page shows the table of former names itself (states.names.FORMER_NAMES).
NAMED_PAGES = [p for p in PAGES if p != "book/api.html"]


def _report_words() -> str:
    """The report's own text (quoted in the reading view), folded for comparison."""
    texts = list(eg.paragraphs()["text"]) + list(eg.recommendations()["text"])
    return " ".join(" ".join(texts).split()).lower()


REPORT = _report_words()


def _quoted(text: str, start: int, end: int) -> bool:
    """True when the words around a match are the report's own (a quotation of it): the
    match with the three words before it, or with the three words after it."""
    before = text[max(0, start - 60) : start].split()[-3:]
    after = text[end : end + 60].split()[:3]
    match = text[start:end]
    return any(
        " ".join(words).lower().replace(" ,", ",") in REPORT
        for words in (before + [match], [match] + after)
    )


def test_pages_were_built(site):
    assert "book/05_states.html" in PAGES and "book/01_introduction.html" in PAGES


@pytest.mark.parametrize("name", PAGES)
def test_no_typed_time_and_no_speaker_wording(site, name):
    text, _ = _page(site, name)
    assert [m.group(0) for m in TYPED_TIME.finditer(text)] == []
    speakers = [
        text[max(0, m.start() - 60) : m.end() + 60]
        for m in SPEAKER_WORDING.finditer(text)
        if not _quoted(text, m.start(), m.end())
    ]
    assert speakers == []


@pytest.mark.parametrize("name", NAMED_PAGES)
def test_former_names_carry_the_current_name(site, name):
    text, scripts = _page(site, name)
    for iso3, names in FORMER_NAMES.items():
        now = current_name(iso3)
        for old in names:
            for where in (text, scripts):
                for m in re.finditer(re.escape(old), where):
                    after = where[m.end() : m.end() + 40]
                    before = where[max(0, m.start() - 45) : m.start()]
                    if old == "Macedonia" and before.endswith(("Republic of ", "North ")):
                        continue  # part of a longer name (former or current), checked as such
                    forms = (f" (now {now})", f" (now {json.dumps(now)[1:-1]})")  # JSON: \u00fc
                    assert after.startswith(forms), f"{name}: {old!r}{after[:20]!r}"


def test_headings_keep_continued(site):
    text, _ = _page(site, "book/02_report.html")
    assert "Law enforcement and investigations (continued)" in text
    assert "Statements (continued)" in text


def test_introduction_says_the_items_are_not_endorsed(site):
    text, _ = _page(site, "book/01_introduction.html")
    assert "does not imply their endorsement by the Expert Group" in text


def test_the_votes_are_placed_before_and_after_the_meeting(site):
    text, _ = _page(site, "book/04_positions.html")
    assert "17 December 2018, before the meeting" in text
    assert "27 December 2019, after the meeting" in text


def test_positions_are_quoted_exactly(site):
    text, _ = _page(site, "book/04_positions.html")
    assert '"On the one hand it was suggested"' in text
    assert '"On the other hand it was suggested"' in text


def test_wherever_weog_is_shown_the_us_caveat_is_too(site):
    for name in PAGES:
        text, scripts = _page(site, name)
        if "United States" in text + scripts and "Western European" in text + scripts:
            assert "observer" in text + scripts, name


def test_inferred_facts_are_shown_as_inferred(site):
    text, scripts = _page(site, "book/05_states.html")
    assert "inferred" in text + scripts


def test_bibliography_keeps_proper_names(site):
    found = [
        name
        for name in PAGES
        if "russian federation" in _page(site, name)[0].lower()
        and "Russian Federation" not in _page(site, name)[0]
    ]
    assert found == []
