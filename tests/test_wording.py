"""Guards on what the book prints, scanned in its sources (notebook markdown, book/*.md, the
strings of the chart and prose builders). The built pages are scanned by
tests/browser/test_book_wording.py after `make book`."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from wording import SPEAKER_WORDING, TYPED_TIME, hand_typed_numbers

import cybercrime_eg as eg
from cybercrime_eg import facts as report_facts_module
from cybercrime_eg.states import FORMER_NAMES, current_name, display_name
from cybercrime_eg.viz import prose
from cybercrime_eg.vocab import RESOLUTIONS

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
VIZ = ROOT / "src" / "cybercrime_eg" / "viz"
SRC = ROOT / "src" / "cybercrime_eg"


def _markdown() -> list[tuple[str, str]]:
    """(where, text) of every markdown cell of book/*.ipynb and of book/*.md."""
    out = []
    for nb in sorted(BOOK.glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                out.append((f"{nb.name} cell {i}", "".join(cell["source"])))
    for md in sorted(BOOK.glob("*.md")):
        if md.name != "api.md":  # generated from docstrings, scanned below with the source
            out.append((md.name, md.read_text(encoding="utf-8")))
    return out


_FORMAT_SPEC = re.compile(r"^[<>^=+ ,.\d]*[bcdeEfFgGnosxX%]?$")


def _constants(node: ast.AST) -> list[str]:
    """The literal text of a string or f-string (the typed parts only; format specs such as
    ``.2f`` are not text)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [] if _FORMAT_SPEC.match(node.value) else [node.value]
    if isinstance(node, ast.JoinedStr):
        return [
            v.value
            for v in node.values
            if isinstance(v, ast.Constant) and not _FORMAT_SPEC.match(v.value)
        ]
    if isinstance(node, ast.BinOp):
        return _constants(node.left) + _constants(node.right)
    return []


_TEMPLATES = {"caption", "alt", "title", "text", "name", "label"}


def _templates() -> list[tuple[str, str]]:
    """(where, text) of every caption, alt text and title template in the chart builders."""
    out = []
    for path in sorted(VIZ.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg in _TEMPLATES:
                        for sub in ast.walk(kw.value):
                            for text in _constants(sub):
                                out.append((f"{path.name}:{kw.value.lineno} {kw.arg}", text))
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value in _TEMPLATES:
                        for sub in ast.walk(value):
                            for text in _constants(sub):
                                out.append((f"{path.name}:{value.lineno} {key.value}", text))
    return out


def _prose_strings() -> list[tuple[str, str]]:
    """(where, text) of every string the prose module writes into the book (not docstrings)."""
    path = VIZ / "prose.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and n.body
        and isinstance(n.body[0], ast.Expr)
    }
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and id(node) not in docstrings:
            for text in _constants(node):
                out.append((f"prose.py:{node.lineno}", text))
    return out


def _all_strings() -> list[tuple[str, str]]:
    """(where, text) of every string literal of the package, docstrings included (the API
    page is generated from them); regular expressions for the report's own words excluded."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "parser.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            for text in _constants(node) if isinstance(node, ast.Constant) else []:
                if "(?:" in text or "\\b" in text:  # a regex matching the report's text
                    continue
                if " " not in text.strip():  # a single word: a key or matcher, not prose
                    continue
                out.append((f"{path.relative_to(SRC)}:{node.lineno}", text))
    return out


# --- the rules are real -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Budapest status of the 22 States the book profiles",
        "Timeline with dates from 2001 to 2019 in 3 rows",
        "Each filled cell (38 item-theme pairs)",
        "buttons 2017-2020 and 15 speakers",
    ],
)
def test_counts_rule_catches_hand_typed_counts(text):
    assert hand_typed_numbers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Resolution 73/187 (A/RES/73/187) was adopted on 17 December 2018.",
        "Items 1(a) and 1(k)(iii) of paragraph 1; article 65(1); ETS No. 185; 2019-03-27.",
        "The 5th meeting, held on 27–29 March 2019, see [chapter](02_report.ipynb).",
        "1. **Introduction**\n2. [**The report**](02_report.ipynb)",
    ],
)
def test_counts_rule_allows_labels_years_and_symbols(text):
    assert hand_typed_numbers(text) == []


def test_time_and_speaker_rules_catch_the_old_wording():
    assert TYPED_TIME.search("## The votes that followed")
    assert TYPED_TIME.search("are later, external facts")
    assert SPEAKER_WORDING.search("spoke at the meeting (15)")
    assert SPEAKER_WORDING.search("no speaking State")
    assert not SPEAKER_WORDING.search("listed in this addendum as making a statement")


# --- hand-typed counts ------------------------------------------------------------------------


def test_no_hand_typed_count_in_book_markdown():
    found = [(w, hand_typed_numbers(t)) for w, t in _markdown() if hand_typed_numbers(t)]
    assert found == []


def test_no_hand_typed_count_in_chart_templates():
    found = [(w, t) for w, t in _templates() if hand_typed_numbers(t)]
    assert found == []


def test_no_hand_typed_count_in_prose():
    found = [(w, t) for w, t in _prose_strings() if hand_typed_numbers(t)]
    assert found == []


# --- before/after wording ---------------------------------------------------------------------


def test_no_typed_time_wording_in_sources():
    texts = _markdown() + _all_strings()
    assert [(w, t) for w, t in texts if TYPED_TIME.search(t)] == []


def test_before_and_after_are_computed_from_the_dates():
    facts = eg.report_facts()
    start, end = f"{facts.start:%Y-%m-%d}", f"{facts.end:%Y-%m-%d}"
    when = {r.short: r.when(start, end) for r in RESOLUTIONS.values()}
    assert when == {"73/187": "before", "74/247": "after"}
    text = prose.resolutions_phrase(facts)
    for r in RESOLUTIONS.values():
        assert f"{r.short} (adopted {r.long_date}, {when[r.short]} the meeting)" in text
        assert r.did in text
    # a meeting after both votes reads "after" for both: nothing is typed
    moved = report_facts_module.ReportFacts(
        **{**facts.__dict__, "start": pd.Timestamp("2020-03-01"), "end": None}
    )
    assert prose.resolutions_phrase(moved).count("before the meeting") == len(RESOLUTIONS)


# --- "speakers" wording -----------------------------------------------------------------------


def test_no_speaker_wording_in_sources():
    texts = _markdown() + _all_strings()
    assert [(w, t) for w, t in texts if SPEAKER_WORDING.search(t)] == []


# --- old names ------------------------------------------------------------------------------


def test_former_names_carry_the_current_name():
    states = eg.states_table().set_index("iso3")
    for iso3, names in FORMER_NAMES.items():
        if iso3 in states.index:
            name = states.loc[iso3, "name"]
            assert name not in names, f"{name}: former name without the current name"
            if any(name.startswith(n + " ") for n in names):
                assert f"(now {current_name(iso3)})" in name, iso3
    assert display_name("Swaziland", "SWZ") == "Swaziland (now Eswatini)"
    assert (
        display_name("The former Yugoslav Republic of Macedonia", "MKD")
        == "The former Yugoslav Republic of Macedonia (now North Macedonia)"
    )
    assert display_name("Spain", "ESP") == "Spain"


def test_every_former_name_in_the_reference_data_is_known():
    """A name of the reference data that pycountry does not know and that is not a known
    short form must be listed as former (or shown to be a plain variant here)."""
    variants = {"&", "St.", "DR ", "Congo - ", "(Burma)", "Brunei", "Russia", "Micronesia", "’"}
    votes = eg.external.votes()[["country", "iso3"]].drop_duplicates()
    import pycountry

    for name, iso3 in votes.itertuples(index=False):
        country = pycountry.countries.get(alpha_3=iso3)
        known = {country.name, getattr(country, "common_name", None)}
        if name in known or any(v in name for v in variants):
            continue
        assert name in FORMER_NAMES.get(iso3, ()), f"{name} ({iso3}): former name not listed"
