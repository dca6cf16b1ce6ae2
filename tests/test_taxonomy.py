"""The taxonomy file: loading, validation errors, the pattern language."""

from __future__ import annotations

import copy

import pytest
import yaml

from cybercrime_eg.taxonomy import (
    TaxonomyError,
    compile_pattern,
    default_taxonomy_path,
    load_taxonomy,
    parse_taxonomy,
    taxonomy_table,
)

THEMES = [
    "new-instrument",
    "existing-instruments",
    "international-cooperation",
    "capacity-building",
    "specialized-capacity",
    "substantive-law",
    "procedural-powers",
    "safeguards",
    "public-private",
    "jurisdiction",
    "prevention-awareness",
    "organized-crime",
    "investigation-practice",
]

BASE = {
    "version": 1,
    "default_window": 4,
    "themes": [
        {"id": "alpha", "label": "Alpha", "definition": "First.", "patterns": ["alpha*"]},
        {"id": "beta", "label": "Beta", "definition": "Second.", "patterns": ["beta"]},
    ],
}


def _with(**changes):
    data = copy.deepcopy(BASE)
    data["themes"][1].update(changes)
    return data


def test_shipped_taxonomy_has_the_thirteen_themes():
    tax = load_taxonomy()
    assert tax.ids == THEMES
    for theme in tax.themes:
        assert theme.label and theme.definition and theme.patterns
        assert "\n" not in theme.definition


def test_table_lists_every_theme():
    table = taxonomy_table()
    assert table["id"].tolist() == THEMES
    assert (table["patterns"].str.len() > 0).all()


def test_default_path_is_data_taxonomy():
    assert default_taxonomy_path().name == "taxonomy.yml"
    assert default_taxonomy_path().parent.name == "data"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with(colour="red"), "theme 'beta': unknown key(s) colour"),
        (_with(patterns=[]), "theme 'beta': empty patterns"),
        (_with(patterns=None), "theme 'beta': empty patterns"),
        (_with(patterns=["  "]), "theme 'beta': empty pattern"),
        (_with(patterns="beta"), "theme 'beta': patterns must be a list"),
        (_with(id="alpha"), "theme 'alpha': duplicate id 'alpha'"),
        (_with(patterns=["(beta"]), "theme 'beta', pattern '(beta': unbalanced '('"),
        (_with(patterns=["beta)"]), "unbalanced ')'"),
        (_with(patterns=["be*ta"]), "malformed token 'be*ta'"),
        (_with(patterns=["beta ..."]), "operator without a phrase on both sides"),
        (_with(patterns=["a ... b ~ c"]), "'...' and '~' mixed"),
        (_with(patterns=["a ~ b ~ c ~ d"]), "at most three parts"),
        (_with(patterns=["(a)"]), "malformed alternatives"),
        (_with(patterns=["(a||b)"]), "malformed alternatives"),
        (_with(patterns=["a|b"]), "'|' outside parentheses"),
        (_with(patterns=["a ...99 b"]), "exceeds"),
        (_with(patterns=["beta", "beta"]), "duplicate pattern 'beta'"),
        (_with(patterns=["a$b"]), "malformed word 'a$b'"),
        (_with(exclude=[""]), "theme 'beta': empty pattern in exclude"),
        (_with(label=""), "theme 'beta': empty label"),
        (_with(definition="two\nlines"), "definition must be one line"),
        (_with(id="Beta Theme"), "id must be lower-case"),
    ],
)
def test_bad_theme_is_named_with_its_problem(data, message):
    with pytest.raises(TaxonomyError, match=_escape(message)):
        parse_taxonomy(data)


def _escape(text: str) -> str:
    import re

    return re.escape(text)


def test_missing_key_is_reported():
    data = copy.deepcopy(BASE)
    del data["themes"][1]["definition"]
    with pytest.raises(TaxonomyError, match="theme 'beta': missing key 'definition'"):
        parse_taxonomy(data)


def test_top_level_errors():
    with pytest.raises(TaxonomyError, match="unknown top-level key"):
        parse_taxonomy({**BASE, "extra": 1})
    with pytest.raises(TaxonomyError, match="non-empty list"):
        parse_taxonomy({"themes": []})
    with pytest.raises(TaxonomyError, match="default_window"):
        parse_taxonomy({**BASE, "default_window": "four"})
    with pytest.raises(TaxonomyError, match="mapping"):
        parse_taxonomy(["not", "a", "mapping"])


def test_invalid_yaml_file(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text("themes: [unclosed", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="not valid YAML"):
        load_taxonomy(path)


def test_load_from_file(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    tax = load_taxonomy(path)
    assert tax.ids == ["alpha", "beta"]
    assert tax["beta"].patterns == ("beta",)
    with pytest.raises(KeyError):
        tax["gamma"]


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("capacity-building", "more capacity building now", "capacity building"),
        ("capacity-building", "more capacity-building now", "capacity-building"),
        ("train*", "trained investigators", "trained"),
        ("train*", "restraint", None),
        ("human rights", "Human  Rights", "Human  Rights"),
        ("right", "rights", None),
        ("(search|seizure) order*", "a seizure orders list", "seizure orders"),
        ("evidence ~3 shar*", "sharing of electronic evidence", "sharing of electronic evidence"),
        ("evidence ~3 shar*", "information and evidence sharing", "evidence sharing"),
        ("new ...2 treaty", "a new global treaty", "new global treaty"),
        ("new ...2 treaty", "a new and binding global treaty", None),
        ("new ... treaty", "new rules; a treaty", None),
        ("real-time collection", "real time collection", "real time collection"),
        ("24/7 network*", "the 24/7 networks", "24/7 networks"),
    ],
)
def test_pattern_language(pattern, text, found):
    rx = compile_pattern(pattern, default_window=4)
    m = rx.search(text)
    assert (m.group(0) if m else None) == found
