"""The theme tagger: shipped report, fixtures, hand-made frames, evaluation."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cybercrime_eg as eg
from cybercrime_eg.schema import THEMES_SCHEMA
from cybercrime_eg.taxonomy import load_taxonomy, parse_taxonomy
from cybercrime_eg.text import clean
from cybercrime_eg.themes import (
    build_themes_table,
    coverage_report,
    disagreements,
    evaluate,
    item_themes,
    tag_items,
    tag_text,
    themes_schema,
    untagged_items,
)

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED = "eg-cybercrime-2019-draft-report-addendum"


@pytest.fixture(scope="module")
def shipped():
    rec = eg.recommendations()
    raw = eg.raw_text()
    return rec, raw, build_themes_table(rec, raw)


def test_columns_and_dtypes(shipped):
    _, _, tags = shipped
    assert list(tags.columns) == ["item_id", "theme", "evidence", "start", "end"]
    assert str(tags["start"].dtype) == "Int64"
    assert str(tags["theme"].dtype) == "string"
    assert [f["name"] for f in THEMES_SCHEMA["fields"]] == list(tags.columns)


def test_every_item_gets_a_theme_and_every_theme_is_used(shipped):
    rec, _, tags = shipped
    cov = coverage_report(tags, rec)
    assert cov.untagged_items == []
    assert cov.unused_themes == []
    assert cov.ok
    assert set(rec["id"]) == set(tags["item_id"])


def test_evidence_is_cited_by_raw_offsets(shipped):
    _, raw, tags = shipped
    for ev, s, e in zip(tags["evidence"], tags["start"], tags["end"], strict=True):
        assert clean(raw[s:e]) == ev


def test_primary_key_is_unique(shipped):
    _, _, tags = shipped
    assert not tags.duplicated(["item_id", "theme", "start"]).any()


def test_output_is_deterministic(shipped):
    rec, raw, tags = shipped
    again = build_themes_table(rec.sample(frac=1, random_state=1).sort_index(), raw)
    a = tags.to_csv(index=False, lineterminator="\n")
    assert a == again.to_csv(index=False, lineterminator="\n")


def test_parent_item_is_tagged_on_its_own_words():
    raw = "(k) Laws must respect privacy:\n(i) Expedited preservation of data;"
    items = pd.DataFrame(
        {
            "id": ["1(k)", "1(k)(i)"],
            "parent_id": [pd.NA, "1(k)"],
            "start": [0, 31],
            "end": [len(raw), len(raw)],
        }  # fmt: skip
    )
    tags = tag_items(items, raw)
    by_item = tags.groupby("item_id")["theme"].apply(set).to_dict()
    assert by_item["1(k)"] == {"safeguards"}
    assert by_item["1(k)(i)"] == {"procedural-powers"}


def test_key_sentences_of_the_shipped_report(shipped):
    _, _, tags = shipped
    pairs = set(zip(tags["item_id"], tags["theme"], strict=True))
    assert ("1(a)", "new-instrument") in pairs
    assert ("1(b)", "new-instrument") in pairs
    assert ("1(b)", "existing-instruments") in pairs
    assert ("1(o)", "jurisdiction") in pairs
    assert ("1(k)(i)", "procedural-powers") in pairs


def test_text_only_frame_without_raw_text():
    items = pd.DataFrame({"id": ["x"], "text": ["Countries should train judges."]})
    tags = tag_items(items, None)
    assert tags["theme"].tolist() == ["capacity-building"]
    assert tags["start"].isna().all()


def test_no_match_gives_empty_typed_frame_and_coverage_reports_it():
    items = pd.DataFrame({"id": ["x"], "text": ["The meeting was opened."]})
    tags = tag_items(items, None)
    assert tags.empty and list(tags.columns) == ["item_id", "theme", "evidence", "start", "end"]
    cov = coverage_report(tags, items)
    assert cov.untagged_items == ["x"]
    assert len(cov.unused_themes) == 13
    assert "items with no theme: x" in cov.summary()


def test_exclude_phrase_suppresses_a_match():
    tax = parse_taxonomy(
        {
            "themes": [
                {
                    "id": "organized-crime",
                    "label": "OC",
                    "definition": "d",
                    "patterns": ["organized crime"],
                    "exclude": ["Organized Crime Convention"],
                }
            ]
        }
    )
    assert tag_text("the Organized Crime Convention", tax) == []
    assert tag_text("organized crime groups", tax) == [("organized-crime", 0, 15)]


def test_overlapping_matches_are_merged():
    tax = load_taxonomy()
    hits = [h for h in tag_text("information and evidence sharing", tax)]
    assert hits == [("international-cooperation", 0, 32)]


def test_item_themes_collapses_matches(shipped):
    _, _, tags = shipped
    per = item_themes(tags)
    assert not per.duplicated(["item_id", "theme"]).any()
    assert per["n_matches"].sum() == len(tags)
    assert per["evidence"].map(len).sum() == len(tags)  # the phrases stay a list


def test_themes_schema_enum():
    schema = themes_schema()
    assert schema["fields"][1]["constraints"]["enum"] == load_taxonomy().ids
    assert "enum" not in THEMES_SCHEMA["fields"][1].get("constraints", {})


def test_gold_file_is_well_formed():
    gold = eg.gold_labels()
    ids = set(load_taxonomy().ids)
    themes = set(gold["theme"].dropna())
    assert themes <= ids
    assert not gold.duplicated(["report", "item_id", "theme"]).any()
    shipped_gold = eg.gold_labels(report=SHIPPED)
    assert set(shipped_gold["item_id"]) == set(eg.recommendations()["id"])


def test_agreement_with_gold_on_shipped_report(shipped):
    _, _, tags = shipped
    scores = evaluate(tags, eg.gold_labels(report=SHIPPED)).set_index("theme")
    assert scores.loc["micro", "f1"] >= 0.85


@pytest.mark.parametrize(
    "name", ["eg-2020-international-cooperation", "minimal-report", "report-with-markup"]
)
def test_fixture_reports(name):
    path = FIXTURES / f"{name}.txt"
    rec, raw = eg.recommendations(path), eg.raw_text(path)
    tags = tag_items(rec, raw)
    for ev, s, e in zip(tags["evidence"], tags["start"], tags["end"], strict=True):
        assert clean(raw[s:e]) == ev
    scores = evaluate(tags, eg.gold_labels(report=name)).set_index("theme")
    assert scores.loc["micro", "f1"] >= 0.7


def test_evaluate_on_hand_made_frames():
    gold = pd.DataFrame({"item_id": ["a", "a", "b", "c"], "theme": ["x", "y", "x", pd.NA]})
    tags = pd.DataFrame({"item_id": ["a", "b", "b", "c", "z"], "theme": ["x", "x", "y", "y", "x"]})
    scores = evaluate(tags, gold, themes=["x", "y"]).set_index("theme")
    assert scores.loc["x", "tp"] == 2 and scores.loc["x", "fp"] == 0
    assert scores.loc["y", "tp"] == 0 and scores.loc["y", "fp"] == 2 and scores.loc["y", "fn"] == 1
    assert scores.loc["micro", "precision"] == pytest.approx(2 / 4)
    assert scores.loc["micro", "recall"] == pytest.approx(2 / 3)
    assert scores.loc["y", "f1"] == 0.0
    dis = disagreements(tags, gold)
    assert set(zip(dis["item_id"], dis["kind"], strict=True)) == {("b", "fp"), ("c", "fp"),
                                                                  ("a", "fn")}  # fmt: skip


def test_undefined_scores_are_missing_not_zero():
    gold = pd.DataFrame({"item_id": ["a"], "theme": ["x"]})
    tags = pd.DataFrame({"item_id": pd.Series(dtype="string"), "theme": pd.Series(dtype="string")})
    scores = evaluate(tags, gold, themes=["x", "y"]).set_index("theme")
    assert pd.isna(scores.loc["x", "precision"])
    assert scores.loc["x", "recall"] == 0.0
    assert pd.isna(scores.loc["y", "recall"])


def test_themes_table_validates_against_its_schema(shipped, tmp_path):
    from frictionless import Resource, Schema

    _, _, tags = shipped
    path = tmp_path / "themes.csv"
    tags.to_csv(path, index=False, lineterminator="\n")
    descriptor = {k: v for k, v in themes_schema().items() if k != "foreignKeys"}
    resource = Resource(
        path=path.name, basepath=str(tmp_path), schema=Schema.from_descriptor(descriptor)
    )
    report = resource.validate()
    assert report.valid, report.flatten(["type", "note"])


_WORDS = ["the", "new", "global", "treaty", "training", "privacy", "data", "evidence", "sharing",
          "of", "and", "*inter alia*", "capacity-building", "service", "providers", ";", ".",
          "\n\n", "organized", "groups", "[A/C.3/72/12](#)"]  # fmt: skip


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40))
@settings(max_examples=150, deadline=None)
def test_offsets_always_map_back(words):
    raw = "xx " + " ".join(words) + " yy"
    items = pd.DataFrame({"id": ["1(a)"], "parent_id": [pd.NA], "start": [3],
                          "end": [len(raw) - 3]})  # fmt: skip
    tags = tag_items(items, raw)
    for ev, s, e in zip(tags["evidence"], tags["start"], tags["end"], strict=True):
        assert 3 <= s < e <= len(raw) - 3
        assert ev.strip() == ev and ev
        assert clean(raw[s:e]) == ev or "*" in raw[s:e] or "[" in raw[s:e]
    for _, grp in tags.groupby("theme"):
        spans = sorted(zip(grp["start"], grp["end"], strict=True))
        assert all(
            a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False)
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Member States should establish 24/7 points of contact to facilitate expeditious "
            "cooperation",
            {"international-cooperation"},
        ),
        (
            "conclude memorandums of understanding with foreign counterparts",
            {"international-cooperation"},
        ),
        ("encourage victims to report cyber-enabled fraud to the police", {"prevention-awareness"}),
        ("joint investigation teams", {"international-cooperation", "investigation-practice"}),
        ("Legislation should be reviewed regularly.", {"substantive-law"}),
        # Procedural legislation is not substantive law; law enforcement is not legislation.
        ("States should enact procedural laws on the preservation of data", {"procedural-powers"}),
        (
            "authorization for domestic law enforcement to cooperate internationally",
            {"international-cooperation"},
        ),  # fmt: skip
    ],
)
def test_phrases_from_the_theme_definitions(text, expected):
    assert {t for t, _, _ in tag_text(text, load_taxonomy())} == expected


def test_minimal_report_item_c_gets_a_theme():
    path = FIXTURES / "minimal-report.txt"
    tags = tag_items(eg.recommendations(path), eg.raw_text(path))
    assert set(tags.loc[tags["item_id"] == "1(c)", "theme"]) == {"substantive-law"}


def test_shipped_report_has_full_coverage_exposed(shipped):
    rec, raw, tags = shipped
    assert tags.attrs["coverage"]["ok"] is True
    assert tags.attrs["coverage"]["untagged_items"] == []
    assert tags.attrs["coverage"]["n_items"] == len(rec) == tags.attrs["coverage"]["n_tagged_items"]
    table, cov = build_themes_table(rec, raw, with_coverage=True)
    assert cov.ok and cov.untagged_items == [] and cov.unused_themes == []
    assert table.equals(tags)
    assert untagged_items(tags, rec, raw).empty


def test_incomplete_coverage_is_returned_not_only_logged(caplog):
    raw = "(a) States should train judges.\n(b) The meeting was opened.\n"
    items = pd.DataFrame(
        {"id": ["1(a)", "1(b)"], "label": ["(a)", "(b)"], "start": [0, 32], "end": [31, 59]}
    )
    with caplog.at_level("WARNING", logger="cybercrime_eg.themes"):
        tags, cov = build_themes_table(items, raw, with_coverage=True)
    assert "items with no theme: 1(b)" in caplog.text
    assert not cov.ok and cov.untagged_items == ["1(b)"]
    assert tags.attrs["coverage"]["untagged_items"] == ["1(b)"]
    assert tags.attrs["coverage"]["ok"] is False
    missing = untagged_items(tags, items, raw)
    assert missing["item_id"].tolist() == ["1(b)"]
    assert missing.loc[0, "text"] == "(b) The meeting was opened."
    assert list(missing.columns) == ["item_id", "label", "start", "end", "text"]
    text_only = pd.DataFrame({"id": ["x", "y"], "text": ["Train judges.", "Hello."]})
    none = untagged_items(tag_items(text_only, None), text_only)
    assert none["item_id"].tolist() == ["y"] and none.loc[0, "text"] == "Hello."


# --- linear-time matching: same matches as the regular expressions themselves ---------------

_TRICKY = [
    "Member States should strengthen cooperation on electronic evidence and capacity-building",
    "capacity building, capacity - building, capacity–building; capacitybuilding",
    "e-learning and e learning; elearning, workshops, curricula; mentoring",
    "subcooperation cooperatively cooperation internationally (cooperation) 'cooperation'",
    "24/7 networks, 24/724/7, a24/7, 24/7.",
    "BUDAPEST CONVENTION, Budapest Convention, the Organized Crime Convention",
    "data stored abroad; evidence held overseas or in the cloud; information sharing",
    "İstanbul: electronic evidence",  # lower() changes the length: no shortcut
    "",
    "strengthen. capacity",  # a gap never crosses '.'
]


def _all_phrases():
    from cybercrime_eg.budapest_crosswalk import load_rules

    taxonomy = load_taxonomy()
    phrases = [
        (p, rx)
        for t in taxonomy.themes
        for p, rx in [
            *zip(t.patterns, t.regexes, strict=True),
            *zip(t.exclude, t.exclude_regexes, strict=True),
        ]
    ]
    for a in load_rules().articles:
        for words, regexes in (
            (a.provides, a.provides_regexes),
            (a.related, a.related_regexes),
            (a.exclude, a.exclude_regexes),
        ):
            phrases += zip(words, regexes, strict=True)
    return phrases


@pytest.mark.parametrize("text", _TRICKY + [" ".join(_TRICKY) * 3])
def test_phrase_index_finds_what_finditer_finds(text):
    from cybercrime_eg.themes import PhraseIndex, _lowered

    phrases = _all_phrases()
    index = PhraseIndex(phrases)
    lowered, cache = _lowered(text), {}
    active = index.candidates(lowered)
    found = 0
    for i, (_, rx) in enumerate(phrases):
        expected = [m.span() for m in rx.finditer(text)]
        found += len(expected)
        assert index.spans(i, text, lowered, cache) == expected
        if active is not None and i not in active:
            assert expected == [], phrases[i][0]  # a phrase left out could not match
        first = index.first_span(i, text, lowered, cache, [])
        assert first == next(((s, e) for s, e in expected if e > s), None)
    if len(text) > 1000:  # all the texts at once
        assert found > 20  # they exercise the phrases


def test_long_text_takes_the_word_list_path(monkeypatch):
    """Above the length threshold, presence is read from the text's words: same result."""
    from cybercrime_eg import themes

    text = " ".join(_TRICKY[:7]) * 2
    short = themes.tag_text(text, load_taxonomy())
    monkeypatch.setattr(themes, "_MANY_CHARS", 10)
    assert themes.tag_text(text, load_taxonomy()) == short and short


def test_required_literals():
    from cybercrime_eg.themes import required_literals

    assert required_literals("(electronic|digital) evidence") == (
        (("electronic",), ("digital",)),
        (("evidence",),),
    )
    assert required_literals("build* ...2 capacit*") == ((("build",),), (("capacit",),))
    assert required_literals("(e-learning|skills)") == ((("e", "learning"), ("skills",)),)
    assert required_literals("(unbalanced") == ()


def test_self_overlapping_literal_is_found_at_every_place():
    from cybercrime_eg.themes import _literal_finder, _places

    assert _literal_finder("a.a") is None and _literal_finder("member") is not None
    text = "a.a.a x a.a"
    assert _places(text, "a.a", {}) == [0, 2, 8]
    assert _places("xmember member", "member", {}) == [8]  # only where a word starts
