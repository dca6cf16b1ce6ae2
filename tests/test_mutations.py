"""Hypothesis: lines of the report deleted, duplicated or swapped never crash the parser."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cybercrime_eg.parser import ParseError, parse_text
from cybercrime_eg.text import clean

REPORT = (
    Path(__file__).resolve().parents[1] / "data/raw/eg-cybercrime-2019-draft-report-addendum.txt"
)
LINES = REPORT.read_text(encoding="utf-8").splitlines(keepends=True)
N = len(LINES)

mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, N - 1), st.just(0)),
    st.tuples(st.just("duplicate"), st.integers(0, N - 1), st.just(0)),
    st.tuples(st.just("swap"), st.integers(0, N - 1), st.integers(0, N - 1)),
)


def _apply(lines: list[str], ops: list[tuple[str, int, int]]) -> str:
    lines = list(lines)
    for op, i, j in ops:
        i %= len(lines) or 1
        j %= len(lines) or 1
        if not lines:
            break
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        else:
            lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_report_parses_or_fails_cleanly(ops):
    text = _apply(LINES, ops)
    try:
        report = parse_text(text, "mutated.txt")
    except ParseError as exc:
        assert str(exc).startswith("mutated.txt:")
        assert 1 <= exc.line <= text.count("\n") + 2
        return
    for el in [*report.paragraphs, *report.items]:
        assert clean(text[el.start : el.end]) == el.text
    ids = [it.id for it in report.items]
    assert len(ids) == len(set(ids))
