"""The Budapest crosswalk: rules file, matching, the table's invariants, evaluation."""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg import budapest_crosswalk as cw
from cybercrime_eg.text import clean

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
ARTICLES = ROOT / "data" / "external" / "budapest_articles.csv"
INSTRUMENT = "Budapest Convention (ETS 185)"

BASE = {
    "version": 1,
    "instrument": INSTRUMENT,
    "default_window": 4,
    "articles": [
        {"article": 16, "concept": "Preservation.", "provides": ["expedited preservation"]},
        {"article": 23, "concept": "Cooperation.", "related": ["cooperat*"]},
    ],
}


def _with(**changes):
    data = copy.deepcopy(BASE)
    data["articles"][1].update(changes)
    return data


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return pd.read_csv(ARTICLES, dtype="string")


@pytest.fixture(scope="module")
def rules():
    return cw.load_rules()


@pytest.fixture(scope="module")
def shipped(rules, articles):
    rec, raw = eg.recommendations(), eg.raw_text()
    return rec, raw, cw.build_crosswalk(rec, raw, rules, articles)


def _rows(frame: pd.DataFrame, item: str) -> dict[str, str]:
    sub = frame[frame["item_id"] == item]
    return {str(a): str(r) for a, r in zip(sub["article"], sub["relation"], strict=True)}


def _one(text: str, rules) -> dict[str, str]:
    items = pd.DataFrame({"id": ["x"], "text": [text]})
    return _rows(cw.build_crosswalk(items, None, rules), "x")


# --- the shipped rules file ----------------------------------------------------------------


def test_rules_file_loads_and_every_article_is_in_the_reference_table(rules, articles):
    assert rules.instrument == INSTRUMENT
    cw.check_rules(rules, articles)
    assert len(rules) == len(set(rules.ids)) >= 30
    for rule in rules.articles:
        assert rule.concept and "\n" not in rule.concept
        assert rule.provides or rule.related


def test_rules_table_has_one_row_per_article(rules):
    table = cw.rules_table(rules)
    assert table["article"].tolist() == rules.ids
    assert table.loc[table["article"] == "16", "provides"].iloc[0].startswith("(expedited")


# --- the shipped report --------------------------------------------------------------------


def test_every_shipped_item_has_a_row_and_none_means_no_other_row(shipped):
    rec, _, table = shipped
    assert list(table.columns) == cw.COLUMNS
    assert set(table["item_id"]) == set(rec["id"])
    for item, sub in table.groupby("item_id"):
        if (sub["relation"] == "none").any():
            assert len(sub) == 1, item
            assert sub[["article", "evidence", "start", "end"]].isna().all(axis=None)
        else:
            assert sub["article"].notna().all() and sub["evidence"].notna().all()
    assert not table.duplicated(["item_id", "instrument", "article"]).any()
    assert set(table["relation"]) <= set(cw.RELATIONS)
    assert (table["instrument"] == INSTRUMENT).all()


def test_shipped_evidence_is_the_raw_text_at_its_offsets_and_inside_its_item(shipped):
    rec, raw, table = shipped
    spans = {
        str(i): (int(s), int(e))
        for i, s, e in zip(rec["id"], rec["start"], rec["end"], strict=True)
    }
    kids = rec[rec["parent_id"].notna()]
    matched = table.dropna(subset=["start"])
    assert len(matched) > 20
    for row in matched.itertuples(index=False):
        assert clean(raw[int(row.start) : int(row.end)]) == row.evidence
        s, e = spans[row.item_id]
        assert s <= row.start < row.end <= e
        # a parent's row never cites words of one of its sub-items
        for kid in kids[kids["parent_id"] == row.item_id].itertuples(index=False):
            assert row.end <= kid.start or row.start >= kid.end


def test_shipped_procedural_sub_items_map_to_their_articles(shipped):
    _, _, table = shipped
    assert _rows(table, "1(k)(i)") == {"16": "provides"}
    assert _rows(table, "1(k)(ii)") == {"19": "provides"}
    assert _rows(table, "1(k)(iii)") == {"18": "provides"}
    assert _rows(table, "1(k)(iv)") == {"20": "provides", "21": "provides"}
    assert _rows(table, "1(k)(v)") == {"23": "provides"}
    # the chapeau of (k) keeps its own words: safeguards, not the sub-items' powers
    assert _rows(table, "1(k)") == {"14": "related", "15": "provides"}


def test_capacity_building_and_partnerships_have_no_counterpart(shipped):
    _, _, table = shipped
    for item in ("1(a)", "1(e)", "1(f)", "1(p)", "1(q)"):
        assert _rows(table, item) == {"<NA>": "none"}


def test_summary_counts_partition_the_items(shipped):
    rec, _, table = shipped
    s = cw.crosswalk_summary(table, rec)
    assert s["n_provides"] + s["n_related_only"] + s["n_none"] == s["n_items"] == len(rec)
    assert set(s["none_items"]) == set(table.loc[table["relation"] == "none", "item_id"])
    assert "1(k)(i)" in s["provides_items"] and "1(a)" in s["none_items"]
    per_item = cw.item_relations(table, rec)
    assert per_item["item_id"].tolist() == rec["id"].tolist()
    assert per_item.set_index("item_id").loc["1(k)(iv)", "provides"] == "20, 21"


def test_with_articles_joins_title_and_chapter(shipped, articles):
    _, _, table = shipped
    out = cw.with_articles(table, articles)
    assert len(out) == len(table)
    row = out[(out["item_id"] == "1(k)(i)")].iloc[0]
    assert row["title"] == "Expedited preservation of stored computer data"
    assert row["chapter"].startswith("Chapter II")
    assert out.loc[out["relation"] == "none", "title"].isna().all()
    assert out.loc[out["relation"] != "none", "title"].notna().all()


# --- matching behaviour --------------------------------------------------------------------


def test_excludes_keep_international_preservation_out_of_article_16(rules):
    domestic = _one("States should provide for the expedited preservation of stored data.", rules)
    assert domestic == {"16": "provides"}
    abroad = _one("A State may request another State to preserve stored computer data.", rules)
    assert "29" in abroad and "16" not in abroad


def test_illegal_interception_is_an_offence_not_an_investigative_power(rules):
    found = _one("States should criminalize illegal interception of computer data.", rules)
    assert found.get("3") == "provides"
    assert "21" not in found


def test_the_draft_un_convention_title_is_not_evidence_of_cooperation(rules):
    found = _one("the draft convention on international cooperation in combating cybercrime", rules)
    assert "23" not in found


def test_provides_wins_over_related_and_unmatched_text_is_none(rules):
    both = _one("Human rights and due process must be respected.", rules)
    assert both == {"15": "provides"}
    assert _one("Due process must be respected.", rules) == {"15": "related"}
    assert _one("Countries should hold awareness campaigns in schools.", rules) == {"<NA>": "none"}


def test_text_without_raw_offsets_gives_missing_offsets(rules):
    items = pd.DataFrame({"id": ["x", "y"], "text": ["Extradition treaties.", "Nothing here."]})
    table = cw.build_crosswalk(items, None, rules)
    assert table["start"].isna().all() and table["end"].isna().all()
    assert table["relation"].tolist() == ["provides", "none"]
    assert table.loc[0, "evidence"] == "Extradition"


def test_empty_items_give_an_empty_typed_table(rules):
    items = pd.DataFrame({"id": pd.Series(dtype="string"), "text": pd.Series(dtype="string")})
    table = cw.build_crosswalk(items, None, rules)
    assert table.empty and list(table.columns) == cw.COLUMNS
    assert str(table["start"].dtype) == "Int64"


# --- other reports of the series -------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_every_fixture_item_gets_a_row_with_valid_offsets(name, rules, articles):
    path = FIXTURES / name
    rec, raw = eg.recommendations(path), eg.raw_text(path)
    table = cw.build_crosswalk(rec, raw, rules, articles)
    assert set(table["item_id"]) == set(rec["id"])
    for row in table.dropna(subset=["start"]).itertuples(index=False):
        assert clean(raw[int(row.start) : int(row.end)]) == row.evidence


def test_fixture_2020_cooperation_report(rules):
    path = FIXTURES / "eg-2020-international-cooperation.txt"
    table = cw.build_crosswalk(eg.recommendations(path), eg.raw_text(path), rules)
    first = _rows(table, "12(a)")
    assert first["25"] == "provides"  # mutual legal assistance
    assert first["35"] == "provides"  # 24/7 networks
    assert first["29"] == "provides"  # preserve electronic evidence across borders
    assert _rows(table, "12(b)(i)") == {"27": "provides"}  # central authorities
    assert _rows(table, "12(b)(ii)") == {"18": "related"}  # subscriber data, no order
    # a document's title ("... Electronic Evidence Across Borders") is not evidence
    assert _rows(table, "12(d)") == {"15": "provides"}


def test_minimal_report_illegal_access(rules):
    path = FIXTURES / "minimal-report.txt"
    table = cw.build_crosswalk(eg.recommendations(path), eg.raw_text(path), rules)
    item = table["item_id"].iloc[0]
    assert _rows(table, item)["2"] == "provides"


# --- validation of the rules file ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with(colour="red"), "article 23: unknown key(s) colour"),
        ({k: v for k, v in BASE.items() if k != "instrument"}, "missing 'instrument'"),
        ({**BASE, "articles": []}, "'articles' must be a non-empty list"),
        ({**BASE, "extra": 1}, "unknown top-level key(s) extra"),
        ({**BASE, "default_window": 99}, "default_window must be an integer"),
        (_with(concept=""), "article 23: empty concept"),
        (_with(concept="two\nlines"), "article 23: concept must be one line"),
        (_with(article=16), "article 16: duplicate entry for article 16"),
        (_with(article="Art. 23"), "article must be a number"),
        (_with(related=None), "article 23: no phrases"),
        (_with(related="cooperat*"), "'related' must be a list of phrases"),
        (_with(related=["cooperat*", 7]), "related phrase 2 is a int"),
        (_with(related=["cooperat*", "cooperat*"]), "duplicate phrase 'cooperat*'"),
        (_with(related=["a ... "]), "article 23, related 'a ...'"),
        (_with(related=["(a|b"]), "unbalanced '('"),
        (_with(provides=["x"], related=["x"]), "both in 'provides' and in 'related'"),
        (_with(exclude=[""]), "exclude phrase 1 is empty"),
    ],
)
def test_bad_rules_name_the_article_and_the_problem(data, message):
    with pytest.raises(cw.CrosswalkRulesError) as info:
        cw.parse_rules(data, source="rules.yml")
    assert message in str(info.value)
    assert str(info.value).startswith("rules.yml: ")


def test_rules_error_is_a_taxonomy_error():
    from cybercrime_eg.taxonomy import TaxonomyError

    assert issubclass(cw.CrosswalkRulesError, TaxonomyError)


def test_duplicate_yaml_key_names_file_and_article(tmp_path):
    path = tmp_path / "rules.yml"
    path.write_text(
        "instrument: X\narticles:\n  - article: 5\n    concept: c\n"
        "    provides: [a]\n    provides: [b]\n",
        encoding="utf-8",
    )
    with pytest.raises(
        cw.CrosswalkRulesError, match=r"rules\.yml: article 5: duplicate key 'provides'"
    ):
        cw.load_rules(path)


def test_unreadable_and_invalid_rules_files(tmp_path):
    with pytest.raises(cw.CrosswalkRulesError, match="cannot read the rules file"):
        cw.load_rules(tmp_path / "missing.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("articles: [\n", encoding="utf-8")
    with pytest.raises(cw.CrosswalkRulesError, match=r"bad\.yml: not valid YAML"):
        cw.load_rules(bad)


def test_rules_for_an_article_the_instrument_lacks_are_refused(articles):
    rules = cw.parse_rules(_with(article=49), source="rules.yml")
    with pytest.raises(cw.CrosswalkRulesError, match="article 49: not an article of"):
        cw.check_rules(rules, articles)
    other = cw.parse_rules({**BASE, "instrument": "Another treaty"}, source="rules.yml")
    with pytest.raises(cw.CrosswalkRulesError, match="has no row in the articles table"):
        cw.build_crosswalk(pd.DataFrame({"id": ["x"], "text": ["t"]}), None, other, articles)


# --- the gold labels and the evaluation ------------------------------------------------------


def test_gold_labels_cover_every_shipped_item_with_valid_articles(articles):
    gold = cw.load_gold()
    assert set(gold["item_id"]) == set(eg.recommendations()["id"])
    known = set(articles["article"])
    none = gold[gold["relation"] == "none"]
    assert none["article"].isna().all()
    assert set(gold.loc[gold["relation"] != "none", "article"]) <= known
    assert not gold.duplicated(["item_id", "article"]).any()
    assert gold["reason"].notna().all()
    # an item labelled none has no other label
    for item in none["item_id"]:
        assert (gold["item_id"] == item).sum() == 1
    held = cw.load_gold(cw.default_gold_path(heldout=True))
    texts = pd.read_csv(
        ROOT / "data" / "annotations" / "heldout_recommendations.csv", dtype="string"
    )
    assert set(held["item_id"]) == set(texts["item_id"])


def test_evaluate_counts_pairs_relations_and_none_items():
    gold = pd.DataFrame(
        {
            "item_id": ["a", "a", "b", "c"],
            "article": ["16", "15", "23", pd.NA],
            "relation": ["provides", "related", "related", "none"],
        }
    ).astype("string")
    pred = pd.DataFrame(
        {
            "item_id": ["a", "a", "b", "c", "z"],
            "article": ["16", "15", "25", "24", "1"],
            "relation": ["provides", "provides", "related", "provides", "provides"],
        }
    ).astype("string")
    scores = cw.evaluate(pred, gold).set_index("score")
    pair = scores.loc["pair"]
    assert (pair["tp"], pair["fp"], pair["fn"]) == (2, 2, 1)  # z is not a gold item
    strict = scores.loc["pair+relation"]
    assert (strict["tp"], strict["fp"], strict["fn"]) == (1, 3, 2)
    none = scores.loc["none"]
    assert (none["support"], none["predicted"], none["tp"]) == (1, 0, 0)
    assert pd.isna(none["precision"]) and none["recall"] == 0
    dis = cw.disagreements(pred, gold)
    kinds = dict(zip(dis["item_id"] + ":" + dis["article"], dis["kind"], strict=True))
    assert kinds == {"a:15": "relation", "b:23": "fn", "b:25": "fp", "c:24": "fp"}


def test_load_gold_refuses_an_unknown_relation(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("item_id,article,relation,reason\nx,16,maybe,r\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.csv:2: relation must be one of"):
        cw.load_gold(path)


def test_shipped_rules_agree_with_the_gold_labels(shipped):
    """A training score: the rules were written after the labels, from the shipped report."""
    _, _, table = shipped
    scores = cw.evaluate(table, cw.load_gold()).set_index("score")
    assert scores.loc["pair", "f1"] >= 0.85


# --- the data package and the API (wiring) ---------------------------------------------------


def test_api_returns_the_shipped_table_equal_to_a_fresh_build(shipped):
    _, _, fresh = shipped
    table = eg.crosswalk()
    assert list(table.columns) == cw.COLUMNS
    pd.testing.assert_frame_equal(table, fresh, check_dtype=True)


def test_api_parses_any_report_of_the_series():
    path = FIXTURES / "eg-2020-international-cooperation.txt"
    table = eg.crosswalk(path)
    assert set(table["item_id"]) == set(eg.recommendations(path)["id"])
    assert _rows(table, "12(b)(i)") == {"27": "provides"}


def test_crosswalk_is_in_the_data_package_with_its_keys():
    import json

    desc = json.loads((ROOT / "data" / "processed" / "datapackage.json").read_text("utf-8"))
    res = {r["name"]: r for r in desc["resources"]}["crosswalk"]
    assert res["schema"]["primaryKey"] == ["item_id", "instrument", "article"]
    assert res["schema"]["foreignKeys"][0]["reference"]["resource"] == "recommendations"
    enum = {f["name"]: f for f in res["schema"]["fields"]}["relation"]["constraints"]["enum"]
    assert enum == list(cw.RELATIONS)
