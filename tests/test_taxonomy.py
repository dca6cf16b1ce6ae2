"""The taxonomy file: loading, validation errors, the pattern language."""

from __future__ import annotations

import copy

import pytest
import yaml

from cybercrime_eg.taxonomy import (
    DuplicateKeyError,
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
        (_with(patterns=["beta", "gamma", 3]), "theme 'beta': pattern 3 is a number"),
        (_with(patterns=["beta", 2.5]), "pattern 2 is a number (2.5), expected text"),
        (_with(patterns=[True]), "pattern 1 is a boolean"),
        (_with(patterns=[["a", "b"]]), "pattern 1 is a list, expected text"),
        (
            _with(patterns={"a": "b"}),
            "theme 'beta': patterns must be a list of phrases, got a mapping",
        ),
        (_with(exclude={"a": 1}), "theme 'beta': exclude must be a list of phrases, got a mapping"),
        (_with(exclude=["x", 7]), "exclude phrase 2 is a number"),
    ],
)
def test_bad_theme_is_named_with_its_problem(data, message):
    with pytest.raises(TaxonomyError, match=_escape(message)):
        parse_taxonomy(data)


def _escape(text: str) -> str:
    import re

    return re.escape(text)


def test_theme_errors_name_the_source():
    with pytest.raises(TaxonomyError, match=_escape("my.yml: theme 'beta': pattern 1 is a number")):
        parse_taxonomy(_with(patterns=[3]), source="my.yml")


def _write(tmp_path, text):
    path = tmp_path / "taxonomy.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_numeric_pattern_in_a_file_names_file_theme_and_position(tmp_path):
    path = _write(
        tmp_path,
        "themes:\n  - id: alpha\n    label: A\n    definition: d\n    patterns: [a, b, 3]\n",
    )
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(path)
    message = str(info.value)
    assert str(path) in message and "theme 'alpha'" in message
    assert "pattern 3 is a number" in message and "expected text" in message
    assert "empty pattern" not in message


def test_patterns_as_mapping_in_a_file_is_rejected(tmp_path):
    path = _write(
        tmp_path,
        "themes:\n  - id: alpha\n    label: A\n    definition: d\n"
        "    patterns:\n      first: a\n      second: b\n",
    )
    with pytest.raises(TaxonomyError, match="theme 'alpha': patterns must be a list"):
        load_taxonomy(path)


@pytest.mark.parametrize(
    ("text", "where", "key"),
    [
        (
            "themes:\n  - id: alpha\n    label: A\n    definition: d\n    patterns: [a]\n"
            "    patterns: [b]\n",
            "theme 'alpha'",
            "'patterns'",
        ),
        (
            "themes:\n  - id: alpha\n    label: A\n    label: B\n    definition: d\n"
            "    patterns: [a]\n",
            "theme 'alpha'",
            "'label'",
        ),
        (
            "default_window: 3\ndefault_window: 5\nthemes:\n  - id: alpha\n    label: A\n"
            "    definition: d\n    patterns: [a]\n",
            "top level",
            "'default_window'",
        ),
    ],
)
def test_duplicate_yaml_key_is_an_error(tmp_path, text, where, key):
    path = _write(tmp_path, text)
    with pytest.raises(DuplicateKeyError) as info:
        load_taxonomy(path)
    message = str(info.value)
    assert str(path) in message
    assert f"{where}: duplicate key {key}" in message
    assert "line" in message


def test_shipped_file_has_no_duplicate_keys():
    # The loader with the duplicate-key check accepts the shipped file.
    assert len(load_taxonomy(default_taxonomy_path())) == 13


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
