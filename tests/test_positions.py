"""Positions (a) and (b) on a new treaty: stance, claims, citations, comparison."""

from __future__ import annotations

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg import positions as pos
from cybercrime_eg.positions import (
    CAVEAT,
    compare_positions,
    find_citations,
    position_citations,
    position_claims,
    position_records,
    split_claims,
    stance_of,
    treaty_positions,
)
from cybercrime_eg.text import clean


@pytest.fixture(scope="module")
def shipped():
    return treaty_positions()


def test_two_positions_with_opposite_stances(shipped):
    assert shipped["item_id"].tolist() == ["1(a)", "1(b)"]
    assert shipped["stance"].tolist() == ["new-instrument", "existing-instruments"]
    assert shipped.loc[1, "stance_evidence"] == "not necessary or appropriate"
    assert (shipped["attribution"] == "it was suggested").all()


def test_every_row_names_its_source_and_the_caveat(shipped):
    assert shipped["source"].str.contains("attributed to no State").all()
    assert shipped["source"].str.contains("report paragraph 1").all()
    for fn in (treaty_positions, position_claims, position_citations, compare_positions,
               position_records):  # fmt: skip
        assert "attributes positions (a) and (b) to no State" in " ".join(fn.__doc__.split())


def test_claims_are_separate_statements_with_raw_offsets():
    claims = position_claims()
    raw = eg.raw_text()
    a = claims[claims["item_id"] == "1(a)"]["claim"].tolist()
    b = claims[claims["item_id"] == "1(b)"]["claim"].tolist()
    assert len(a) == 3 and len(b) == 4
    assert a[0].startswith("Member States should pursue new international responses")
    assert b[0] == "it was not necessary or appropriate to consider a new global treaty"
    assert b[1].startswith("the challenges of cybercrime")  # "because" trimmed
    assert b[2].startswith("Member States should continue using")  # connective trimmed
    for claim, s, e in zip(claims["claim"], claims["start"], claims["end"], strict=True):
        assert clean(raw[s:e]) == claim
    assert claims["source"].str.contains("attributed to no State").all()


def test_citations(shipped):
    assert "Budapest Convention" in shipped.loc[1, "instruments"]
    assert "A/C.3/72/12" in shipped.loc[0, "documents"]
    assert "convention" in shipped.loc[0, "instruments"].lower()
    cites = position_citations()
    assert set(cites["kind"]) <= {"instrument", "document"}
    assert set(cites["item_id"]) == {"1(a)", "1(b)"}


def test_themes_each_touches(shipped):
    assert shipped.loc[0, "themes"].split("; ")[0] == "new-instrument"
    themes_b = shipped.loc[1, "themes"].split("; ")
    assert {"existing-instruments", "capacity-building"} <= set(themes_b)


def test_side_by_side(shipped):
    table = compare_positions(shipped)
    assert list(table.columns) == ["(a)", "(b)"]
    assert table.loc["stance", "(b)"] == "existing-instruments"
    assert table.loc["claims", "(b)"].startswith("1. it was not necessary")
    assert "source" in table.index
    assert table.attrs["caveat"] == CAVEAT


def test_compare_from_records():
    table = compare_positions(position_records())
    assert table.loc["stance", "(a)"] == "new-instrument"


def test_fallback_citations_without_mentions():
    rec, raw = eg.recommendations(), eg.raw_text()
    frame = treaty_positions(rec, raw)  # no mentions table given
    assert frame.loc[1, "instruments"] == "Budapest Convention"
    assert frame.loc[0, "documents"] == "A/C.3/72/12"
    assert "submitted" not in frame.loc[0, "instruments"]


def test_find_citations():
    found = find_citations(
        "the United Nations Convention against Transnational Organized Crime and A/RES/74/247"
    )
    assert [f[:2] for f in found] == [
        ("instrument", "United Nations Convention against Transnational Organized Crime"),
        ("document", "A/RES/74/247"),
    ]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("it was suggested that a new treaty was not needed", "existing-instruments"),
        ("there was no need for a new convention", "existing-instruments"),
        ("States should negotiate a new convention", "new-instrument"),
    ],
)
def test_stance(text, stance):
    assert stance_of(text)[0] == stance


def test_split_claims_hand_made():
    text = (
        "(c) Some speakers suggested that a new treaty was premature because existing tools "
        "suffice. Moreover, States should join the Budapest Convention, which is open to all;"
    )
    attribution, spans = split_claims(text)
    assert attribution == "Some speakers suggested"
    assert [text[s:e] for s, e in spans] == [
        "a new treaty was premature",
        "existing tools suffice",
        "States should join the Budapest Convention",
        "which is open to all",
    ]


def test_hand_made_frames_and_explicit_items():
    raw = "(x) It was suggested that States should negotiate a new global treaty.\n(y) Train."
    rec = pd.DataFrame(
        {
            "id": ["1(x)", "1(y)"],
            "label": ["(x)", "(y)"],
            "paragraph_id": ["1", "1"],
            "start": [0, 71],
            "end": [70, len(raw)],
        }  # fmt: skip
    )
    frame = treaty_positions(rec, raw)
    assert frame["item_id"].tolist() == ["1(x)"]
    assert frame.loc[0, "stance"] == "new-instrument"
    assert frame.loc[0, "claims"] == "States should negotiate a new global treaty"
    with pytest.raises(KeyError):
        treaty_positions(rec, raw, item_ids=["9(z)"])


def test_fixture_report_without_positions():
    path = "tests/fixtures/eg-2020-international-cooperation.txt"
    frame = treaty_positions(eg.recommendations(path), eg.raw_text(path))
    assert frame.empty
    assert list(frame.columns)[:3] == ["item_id", "label", "stance"]


def test_module_does_not_import_plotting():
    import sys

    assert pos.__name__ in sys.modules
    source = open(pos.__file__, encoding="utf-8").read()
    assert "plotly" not in source and "ipywidgets" not in source
