"""Positions (a) and (b) on a new treaty: stance, claims, citations, comparison."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg import positions as pos
from cybercrime_eg.positions import (
    compare_positions,
    compare_positions_long,
    find_citations,
    position_citations,
    position_claims,
    position_records,
    split_claims,
    stance_label,
    stance_of,
    treaty_positions,
)
from cybercrime_eg.states import build as st_build
from cybercrime_eg.states import profiles as st_profiles
from cybercrime_eg.states import similarity as st_similarity
from cybercrime_eg.states import votes as st_votes
from cybercrime_eg.text import clean
from cybercrime_eg.vocab import CAVEAT


def _frames():
    return eg.recommendations(), eg.raw_text(), eg.themes_table()


@pytest.fixture(scope="module")
def shipped():
    return treaty_positions(*_frames(), eg.mentions())


def test_two_positions_with_opposite_stances(shipped):
    assert shipped["item_id"].tolist() == ["1(a)", "1(b)"]
    assert shipped["stance"].tolist() == ["new-instrument", "existing-instruments"]
    assert shipped["stance_label"].tolist() == ["new-instrument", "existing-instruments"]
    # Both stances rest on evidence quoted from the text.
    assert shipped.loc[0, "stance_evidence"] == "negotiation of a new global legal instrument"
    assert shipped.loc[1, "stance_evidence"] == "not necessary or appropriate"
    assert (shipped["stance_evidence"].str.len() > 0).all()
    assert (shipped["attribution"] == "it was suggested").all()


def test_every_row_names_its_source(shipped):
    assert shipped["source"].str.contains("attributed to no State").all()
    assert shipped["source"].str.contains("report paragraph 1").all()
    claims, cites = position_claims(*_frames()), position_citations(*_frames(), eg.mentions())
    for frame in (claims, cites, compare_positions_long(shipped)):
        assert "source" in frame.columns
        assert frame["source"].notna().all() and (frame["source"].str.len() > 0).all()
        assert frame["source"].str.contains("attributed to no State").all()


def _public(module):
    """Every public function and class defined in ``module`` (found by introspection)."""
    return [
        obj
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and (inspect.isfunction(obj) or inspect.isclass(obj))
        and obj.__module__ == module.__name__
    ]


@pytest.mark.parametrize(
    "module",
    [pos, st_build, st_profiles, st_votes, st_similarity],
    ids=["positions", "states.build", "states.profiles", "states.votes", "states.similarity"],
)
def test_caveat_in_every_public_function(module):
    public = _public(module)
    assert len(public) >= 2
    missing = [
        obj.__name__
        for obj in public
        if "attributes positions (a) and (b) to no State"
        not in " ".join((obj.__doc__ or "").split())
    ]
    assert missing == []


def test_introspection_finds_new_functions():
    names = {obj.__name__ for obj in _public(pos)}
    assert {"stance_of", "split_claims", "find_citations", "compare_positions_long"} <= names
    assert "tag_items" not in names  # imported, not defined here


def test_claims_are_separate_statements_with_raw_offsets():
    claims = position_claims(*_frames())
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
    assert any("convention" in i.lower() for i in shipped.loc[0, "instruments"])
    cites = position_citations(*_frames(), eg.mentions())
    assert set(cites["kind"]) <= {"instrument", "document"}
    assert set(cites["item_id"]) == {"1(a)", "1(b)"}


def test_themes_each_touches(shipped):
    assert shipped.loc[0, "themes"][0] == "new-instrument"
    themes_b = shipped.loc[1, "themes"]
    assert {"existing-instruments", "capacity-building"} <= set(themes_b)


def test_side_by_side_long(shipped):
    long = compare_positions_long(shipped)
    assert list(long.columns) == ["position", "aspect", "value", "source"]
    assert len(long) == 2 * 8
    stance = long[long["aspect"] == "stance"].set_index("position")["value"]
    assert stance.to_dict() == {"(a)": "new-instrument", "(b)": "existing-instruments"}
    assert long["source"].str.contains("report paragraph 1, item").all()


def test_side_by_side(shipped):
    table = compare_positions(shipped)
    assert list(table.columns) == ["(a)", "(b)"]
    assert table.loc["stance", "(b)"] == "existing-instruments"
    assert table.loc["claims", "(b)"][0].startswith("it was not necessary")
    assert len(table.loc["claims", "(b)"]) == 4  # a list until it is shown
    assert "source" in table.index
    assert table.attrs["caveat"] == CAVEAT


def test_compare_from_records():
    table = compare_positions(position_records(*_frames()))
    assert table.loc["stance", "(a)"] == "new-instrument"


def test_fallback_citations_without_mentions():
    rec, raw = eg.recommendations(), eg.raw_text()
    frame = treaty_positions(rec, raw)  # no mentions table given
    assert frame.loc[1, "instruments"] == ["Budapest Convention"]
    assert frame.loc[0, "documents"] == ["A/C.3/72/12"]
    assert not any("submitted" in i for i in frame.loc[0, "instruments"])


def test_find_citations():
    found = find_citations(
        "the United Nations Convention against Transnational Organized Crime and A/RES/74/247"
    )
    assert [f[:2] for f in found] == [
        ("instrument", "United Nations Convention against Transnational Organized Crime"),
        ("document", "A/RES/74/247"),
    ]


@pytest.mark.parametrize(
    ("text", "stance", "evidence"),
    [
        ("it was suggested that a new treaty was not needed", "existing-instruments",
         "not needed"),
        ("there was no need for a new convention", "existing-instruments", "no need"),
        ("States should negotiate a new convention", "new-instrument",
         "negotiate a new convention"),
        ("Countries should not develop a new convention on cybercrime.",
         "existing-instruments", "should not develop"),
        ("Member States should rely on the Budapest Convention rather than negotiate a new "
         "treaty.", "existing-instruments", "rather than negotiate"),
        ("Some speakers expressed reservations about negotiating a new global instrument.",
         "existing-instruments", "reservations about negotiating"),
        ("A new treaty would be premature.", "existing-instruments", "premature"),
        # "rather than" cuts both ways: here it is the existing instruments that are set aside.
        ("States should negotiate a new treaty rather than rely on regional instruments.",
         "new-instrument", "negotiate a new treaty"),
        ("States should continue using and joining the Budapest Convention.",
         "existing-instruments", "continue using and joining the Budapest Convention"),
        # The report's own sentences (a) and (b), as they read in the cleaned text.
        ("On the one hand it was suggested that Member States should pursue new international "
         "responses against cybercrime by considering the negotiation of a new global legal "
         "instrument on cybercrime within the framework of the United Nations which will take "
         "into account the concerns and interests of all Member States",
         "new-instrument", "negotiation of a new global legal instrument"),
        ("On the other hand it was suggested that it was not necessary or appropriate to "
         "consider a new global treaty because the challenges of cybercrime are best met with "
         "capacity-building and the use of existing tools, such as the Budapest Convention.",
         "existing-instruments", "not necessary or appropriate"),
    ],
)  # fmt: skip
def test_stance(text, stance, evidence):
    assert stance_of(text) == (stance, evidence)


@pytest.mark.parametrize(
    "text",
    [
        "States discussed training and capacity-building.",
        "The Budapest Convention was mentioned.",
        "",
    ],
)
def test_no_evidence_means_no_stance(text):
    found, evidence = stance_of(text)
    assert found is pd.NA and evidence == ""
    assert stance_label(found) == "unclear"


def test_unclear_position_stays_missing_in_tables():
    raw = "(x) It was suggested that a new treaty should be discussed further.\n"
    rec = pd.DataFrame({"id": ["1(x)"], "label": ["(x)"], "start": [0], "end": [len(raw) - 1]})
    frame = treaty_positions(rec, raw, item_ids=["1(x)"])
    assert frame.loc[0, "stance_label"] == "new-instrument"  # "a new treaty" is evidence
    raw = "(y) It was suggested that the question of a treaty be discussed further.\n"
    rec = pd.DataFrame({"id": ["1(y)"], "label": ["(y)"], "start": [0], "end": [len(raw) - 1]})
    frame = treaty_positions(rec, raw, item_ids=["1(y)"])
    assert pd.isna(frame.loc[0, "stance"])
    assert frame.loc[0, "stance_label"] == "unclear"
    assert frame.loc[0, "stance_evidence"] == ""
    assert compare_positions(frame).loc["stance", "(y)"] == "unclear"


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
    assert frame.loc[0, "claims"] == ["States should negotiate a new global treaty"]
    with pytest.raises(KeyError):
        treaty_positions(rec, raw, item_ids=["9(z)"])


def test_fixture_report_without_positions():
    path = "tests/fixtures/eg-2020-international-cooperation.txt"
    frame = treaty_positions(eg.recommendations(path), eg.raw_text(path))
    assert frame.empty
    assert list(frame.columns)[:3] == ["item_id", "label", "stance"]


def test_theme_labels_replace_ids_in_the_comparison(shipped):
    labels = {"new-instrument": "New global instrument"}
    table = compare_positions(shipped, theme_labels=labels)
    assert table.loc["themes", "(a)"][0] == "New global instrument"
    assert compare_positions(shipped).loc["themes", "(a)"][0] == "new-instrument"


def test_analysis_modules_do_not_import_plotting():
    """A fresh interpreter importing the analysis layer loads neither plotly nor ipywidgets."""
    code = (
        "import sys\n"
        "import cybercrime_eg.positions, cybercrime_eg.states, cybercrime_eg.themes, "
        "cybercrime_eg.taxonomy\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('plotly', 'ipywidgets'))\n"
        "print(','.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, f"imported: {done.stdout.strip()} {done.stderr[-2000:]}"


def test_plotting_check_can_fail():
    """The subprocess check sees a module that is imported (so the test above can fail)."""
    code = "import sys, json\nprint('json' in sys.modules)\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.stdout.strip() == "True"


def test_a_symbol_in_parentheses_after_an_instrument_is_one_explorer_entry():
    from cybercrime_eg.items import explorer_items

    items = explorer_items(eg.recommendations(), eg.themes_table(), eg.mentions(), eg.raw_text())
    first = items.set_index("id").loc["1(a)", "instruments"]
    assert first == [
        "Draft UN convention on cooperation in combating cybercrime (2017), A/C.3/72/12"
    ]
    # a symbol that does not follow an instrument's name in its clause stays its own entry
    raw = "(a) The Convention applies. See also A/C.3/72/12 for the text."
    recs = pd.DataFrame({"id": ["1(a)"], "start": [0], "end": [len(raw)]})
    mentions = pd.DataFrame(
        {
            "start": [raw.index("Convention"), raw.index("A/C")],
            "end": [raw.index("Convention") + 10, raw.index("A/C") + 11],
            "kind": ["instrument", "document"],
            "entity": ["Budapest Convention", "A/C.3/72/12"],
        }
    )
    tags = pd.DataFrame({"item_id": pd.Series([], dtype=str), "theme": pd.Series([], dtype=str)})
    other = explorer_items(recs, tags, mentions, raw)
    assert other.loc[0, "instruments"] == ["A/C.3/72/12", "Budapest Convention"]
