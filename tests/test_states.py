"""State profiles: the states table, missing facts, cross-tabulations, vote changes, similarity."""

from __future__ import annotations

import inspect
import logging

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg.schema import STATES_SCHEMA
from cybercrime_eg.states import (
    budapest_by_vote,
    crosstab,
    label_missing,
    missing_facts,
    most_similar,
    participant_profiles,
    regional_group_by_vote,
    select_states,
    similarity_matrix,
    state_similarity,
    vote_change_counts,
    vote_changes,
    vote_transitions,
)
from cybercrime_eg.states import build as st_build
from cybercrime_eg.states import profiles as st_profiles
from cybercrime_eg.states import similarity as st_similarity
from cybercrime_eg.states import votes as st_votes
from cybercrime_eg.vocab import CAVEAT, MISSING_LABELS

REFERENCE = eg.external.reference()


def build_states_table(participants):
    return st_build.build_states_table(participants, REFERENCE)


def unmatched_states(participants):
    return st_build.unmatched_states(participants, REFERENCE)


SPEAKERS = {"ARM", "CRI", "DOM", "EST", "GEO", "MYS", "MEX", "MAR", "PRY", "PER", "PHL", "SVK",
            "ESP", "THA", "ARE"}  # fmt: skip
ORGANISERS = {"AUS", "DOM", "WSM", "USA", "VUT"}


@pytest.fixture(scope="module")
def table():
    return build_states_table(eg.participants())


def _row(table, iso3):
    return table.set_index("iso3").loc[iso3]


def _participants(rows):
    return pd.DataFrame(rows, columns=["name", "iso3", "kind", "role", "paragraph_id"]).astype(
        "string"
    )


def test_one_row_per_member_state(table):
    assert len(table) == 193
    assert table["iso3"].is_unique
    assert list(table.columns) == [f["name"] for f in STATES_SCHEMA["fields"]]
    assert table["un_member"].all()


def test_every_fact_has_a_filled_source(table):
    for col in table.columns:
        if col.endswith("_source"):
            assert table[col].notna().all(), col
            assert (table[col].str.len() > 0).all(), col
    facts = ["regional_group", "listed_in_addendum", "side_event_organizer_in_report",
             "vote_73_187", "vote_74_247", "name", "un_member"]  # fmt: skip
    for fact in facts:
        assert f"{fact}_source" in table.columns


def test_report_roles(table):
    assert set(table.loc[table["listed_in_addendum"], "iso3"]) == SPEAKERS
    assert set(table.loc[table["side_event_organizer_in_report"], "iso3"]) == ORGANISERS
    assert _row(table, "ARM")["listed_in_addendum_source"] == "report paragraph 7"
    assert _row(table, "USA")["side_event_organizer_in_report_source"] == "report paragraph 4"


def test_missing_stays_missing(table):
    # Paraguay's Budapest status is not verified: missing, not "none".
    assert pd.isna(_row(table, "PRY")["budapest_status"])
    assert "UNVERIFIED" in _row(table, "PRY")["budapest_source"]
    # France is not in budapest_status.csv: missing, not "none".
    assert pd.isna(_row(table, "FRA")["budapest_status"])
    assert "not verified" in _row(table, "FRA")["budapest_source"]
    # Malaysia's "none" is a recorded fact and stays.
    assert _row(table, "MYS")["budapest_status"] == "none"
    # Samoa did not vote on 74/247: missing, never "no".
    assert pd.isna(_row(table, "WSM")["vote_74_247"])
    assert "absent or did not vote" in _row(table, "WSM")["vote_74_247_source"]
    # UAE's signature is recorded as "unknown": missing.
    assert pd.isna(_row(table, "ARE")["un_convention_signature"])
    assert "not verified" in _row(table, "ARE")["un_convention_source"]
    assert not table["budapest_status"].isin(["", "unknown"]).any()
    assert set(table["vote_74_247"].dropna()) == {"yes", "no", "abstain"}


def test_vote_tallies_match_sources(table):
    assert table["vote_74_247"].value_counts().to_dict() == {"yes": 79, "no": 60, "abstain": 33}
    assert table["vote_73_187"].value_counts().to_dict() == {"yes": 94, "no": 59, "abstain": 33}
    assert table["vote_74_247"].isna().sum() == 193 - 172


def test_namibia_and_turkey(table):
    assert _row(table, "NAM")["vote_74_247"] == "yes"
    assert _row(table, "TUR")["regional_group"] == "Asia-Pacific; Western European and Others"
    assert "both groups" in _row(table, "TUR")["regional_group_source"]


def test_groups_are_canonical(table):
    groups = set(table["regional_group"].str.split("; ").explode())
    assert groups == {"African", "Asia-Pacific", "Eastern European",
                      "Latin American and Caribbean", "Western European and Others"}  # fmt: skip
    assert "observer" in _row(table, "USA")["regional_group_source"]


def test_dates_are_iso_strings(table):
    usa = _row(table, "USA")
    assert usa["budapest_signature_date"] == "2001-11-23"
    assert usa["budapest_entry_into_force_date"] == "2007-01-01"
    assert _row(table, "CRI")["un_convention_signature_date"] == "2025-10-25"


def test_deterministic_csv(table):
    again = build_states_table(eg.participants().iloc[::-1])
    kw = {"index": False, "lineterminator": "\n"}
    assert table.to_csv(**kw) == again.to_csv(**kw)


def test_state_missing_from_reference_is_kept_and_reported(caplog):
    people = _participants(
        [
            ("State of Palestine", "PSE", "state", "statement", "7"),
            ("Atlantis", pd.NA, "state", "statement", "7"),
            ("Council of Europe", pd.NA, "organization", "statement", "8"),
            ("Armenia", "ARM", "state", "statement", "7"),
        ]
    )
    with caplog.at_level(logging.WARNING, logger="cybercrime_eg.states"):
        table = build_states_table(people)
    assert "Atlantis" in caplog.text and "PSE" in caplog.text
    row = _row(table, "PSE")
    assert not row["in_reference_data"] and not row["un_member"]
    assert row["listed_in_addendum"]
    assert pd.isna(row["regional_group"]) and pd.isna(row["vote_74_247"])
    assert len(table) == 194
    report = unmatched_states(people)
    assert set(report["name"]) == {"State of Palestine", "Atlantis"}
    assert report.set_index("name").loc["Atlantis", "missing_from"] == ["all (no ISO code)"]
    assert "budapest_status.csv" in report.set_index("name").loc["State of Palestine",
                                                                 "missing_from"]  # fmt: skip


def test_unmatched_on_shipped_and_fixture():
    assert unmatched_states(eg.participants()).empty
    fixture = eg.participants("tests/fixtures/eg-2020-international-cooperation.txt")
    report = unmatched_states(fixture)
    assert "TUR" in set(report["iso3"])
    assert report["missing_from"].map(lambda files: "budapest_status.csv" in files).all()


def test_label_missing_and_counts(table):
    shown = label_missing(table)
    assert _row(shown, "WSM")["vote_74_247"] == MISSING_LABELS["vote_74_247"]
    assert _row(shown, "PRY")["budapest_status"] == "not verified"
    assert not shown[list(MISSING_LABELS)].isna().any().any()
    counts = missing_facts(table, "report").set_index("fact")
    assert counts.loc["budapest_status", "n_missing"] == 1
    assert counts.loc["vote_74_247", "n_missing"] == 2
    assert counts.loc["budapest_status", "n_rows"] == 19


def test_profiles(table):
    prof = participant_profiles(table)
    assert len(prof) == 19
    assert (
        prof.set_index("iso3").loc["DOM", "role"]
        == "listed as making a statement and organised the side event"
    )
    assert prof["budapest_source"].notna().all()
    assert "attributes positions (a) and (b) to no State" in " ".join(
        participant_profiles.__doc__.split()
    )


def test_budapest_by_vote(table):
    long = budapest_by_vote(table)
    assert long["n"].sum() == 19
    assert long["source"].str.contains("budapest_status.csv").all()
    row = long[(long["budapest_status"] == "not verified")]
    assert row["states"].tolist() == [["Paraguay"]]
    wide = crosstab(long, "budapest_status", "vote")
    assert int(wide.to_numpy().sum()) == 19
    assert "unga_cybercrime_votes.csv" in wide.attrs["source"]
    wide2, cells = crosstab(long, "budapest_status", "vote", with_source=True)
    assert wide2.equals(wide)
    assert list(cells.columns) == ["budapest_status", "vote", "n", "source"]
    assert len(cells) == wide.size and cells["n"].sum() == 19
    assert cells["source"].str.contains("unga_cybercrime_votes.csv").all()
    by2018 = budapest_by_vote(table, "2018", which="listed")
    assert by2018["n"].sum() == 15


def test_regional_group_by_vote(table):
    long = regional_group_by_vote(table)
    assert long["n"].sum() == 194  # Turkey counted in both of its groups
    assert long["n_listed"].sum() == 15
    assert long["source"].notna().all()
    grulac_abstain = long[(long["regional_group"] == "Latin American and Caribbean")
                          & (long["vote"] == "abstain")].iloc[0]  # fmt: skip
    assert "Costa Rica" in grulac_abstain["listed_states"]
    with pytest.raises(ValueError):
        regional_group_by_vote(table, "A/RES/1/1")


def test_vote_changes(table):
    ch = vote_changes(table, "report").set_index("iso3")
    assert ch.loc["MAR", "change"] == "yes -> abstain" and ch.loc["MAR", "changed"]
    assert ch.loc["MAR", "status"] == "changed"
    assert ch.loc["PRY", "change"] == "abstain -> no"
    assert ch.loc["ARM", "change"] == "unchanged" and not ch.loc["ARM", "changed"]
    assert ch["source"].str.contains("unga_cybercrime_votes.csv").all()
    trans = vote_transitions(table)
    assert trans["n"].sum() == 193
    assert trans["n_in_report"].sum() == 19


def test_missing_vote_is_not_a_change(table):
    ch = vote_changes(table, "report").set_index("iso3")
    # Samoa abstained in 2018 and has no recorded vote in 2019: not comparable, not a change.
    assert ch.loc["WSM", "change"] == "not comparable: no recorded vote in 2019"
    assert ch.loc["WSM", "status"] == "not comparable"
    assert pd.isna(ch.loc["WSM", "changed"])
    assert ch.loc["WSM", "vote_74_247"] == MISSING_LABELS["vote_74_247"]
    allv = vote_changes(table)
    one_missing = allv[allv["vote_73_187"].str.startswith("no recorded")
                       ^ allv["vote_74_247"].str.startswith("no recorded")]  # fmt: skip
    assert len(one_missing) == 20
    assert one_missing["changed"].isna().all()
    assert (one_missing["status"] == "not comparable").all()
    both_missing = allv[allv["change"] == "not comparable: no recorded vote in 2018 or 2019"]
    assert len(both_missing) == 4 and both_missing["changed"].isna().all()
    # Only real changes (a recorded vote both years, different) are True.
    changed = allv[allv["changed"].fillna(False)]
    assert len(changed) == 20
    assert not changed["vote_73_187"].str.startswith("no recorded").any()
    assert not changed["vote_74_247"].str.startswith("no recorded").any()
    counts = vote_change_counts(table).set_index("change")
    assert counts.loc["changed", "n"] == 20
    assert counts.loc["unchanged", "n"] == 149
    assert counts.loc["not comparable: no recorded vote in 2019", "n"] == 17
    assert counts.loc["not comparable: no recorded vote in 2018", "n"] == 3
    assert counts.loc["not comparable: no recorded vote in 2018 or 2019", "n"] == 4
    assert counts["n"].sum() == 193
    rep = vote_change_counts(table, "report").set_index("change")
    assert rep.loc["not comparable: no recorded vote in 2019", "states_in_report"] == [
        "Samoa",
        "Vanuatu",
    ]
    assert rep.loc["changed", "states_in_report"] == ["Morocco", "Paraguay"]
    trans = vote_transitions(table)
    yes_missing = trans[(trans["vote_73_187"] == "yes")
                        & trans["vote_74_247"].str.startswith("no recorded")]  # fmt: skip
    assert yes_missing["status"].tolist() == ["not comparable"]
    assert trans.loc[trans["status"] == "changed", "n"].sum() == 20


def test_vote_changes_hand_made():
    frame = pd.DataFrame(
        {
            "iso3": ["A", "B", "C", "D"],
            "name": ["a", "b", "c", "d"],
            "un_member": [True] * 4,
            "listed_in_addendum": [True, False, False, False],
            "side_event_organizer_in_report": [False] * 4,
            "vote_73_187": ["yes", "yes", pd.NA, "no"],
            "vote_74_247": ["no", pd.NA, "yes", "no"],
            "vote_73_187_source": ["s1"] * 4,
            "vote_74_247_source": ["s2"] * 4,
        }
    ).astype({"vote_73_187": "string", "vote_74_247": "string"})
    ch = vote_changes(frame).set_index("iso3")
    assert ch["status"].to_dict() == {"A": "changed", "B": "not comparable",
                                      "C": "not comparable", "D": "unchanged"}  # fmt: skip
    assert ch.loc["C", "change"] == "not comparable: no recorded vote in 2018"
    assert ch["changed"].tolist()[0] is True and pd.isna(ch.loc["B", "changed"])


def test_similarity(table):
    long = state_similarity(table)
    assert len(long) == 19 * 18
    est_geo = long[(long["iso3_a"] == "EST") & (long["iso3_b"] == "GEO")].iloc[0]
    assert est_geo["similarity"] == 1.0
    # Paraguay's unverified Budapest status is not compared, not counted as a difference.
    pry = long[(long["iso3_a"] == "PRY") & (long["iso3_b"] == "PER")].iloc[0]
    assert "budapest_status" in pry["not_compared"] and pry["n_compared"] == 4
    sym = long.set_index(["iso3_a", "iso3_b"])["similarity"]
    assert sym[("MYS", "THA")] == sym[("THA", "MYS")]
    matrix = similarity_matrix(table)
    assert matrix.shape == (19, 19)
    assert (matrix.to_numpy().diagonal() == 1.0).all()
    matrix2, pairs = similarity_matrix(table, with_source=True)
    assert matrix2.equals(matrix)
    assert "source" in pairs.columns and pairs["source"].str.contains("budapest_source").all()
    top = most_similar(table, "EST", n=3)
    assert top.iloc[0]["iso3_b"] == "GEO"
    with pytest.raises(KeyError):
        most_similar(table, "XXX")
    with pytest.raises(ValueError):
        state_similarity(table, attributes=["colour"])


def test_similarity_hand_made():
    frame = pd.DataFrame(
        {
            "iso3": ["A", "B", "C"],
            "name": ["a", "b", "c"],
            "x": ["1", "1", pd.NA],
            "y": ["p", "q", "p"],
        }  # fmt: skip
    ).astype("string")
    long = state_similarity(frame, which="all", attributes=["x", "y"]).set_index(
        ["iso3_a", "iso3_b"]
    )
    assert long.loc[("A", "B"), "similarity"] == 0.5
    assert long.loc[("A", "C"), "similarity"] == 1.0 and long.loc[("A", "C"), "n_compared"] == 1


def test_select_states(table):
    assert len(select_states(table, "organizers")) == 5
    assert len(select_states(table, ["ARM", "ESP"])) == 2
    with pytest.raises(ValueError):
        select_states(table, "everyone")


def _public_functions(module):
    return [
        obj
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and inspect.isfunction(obj)
        and obj.__module__ == module.__name__
    ]


def test_caveat_in_every_state_function():
    functions = [
        fn for m in (st_build, st_profiles, st_votes, st_similarity) for fn in _public_functions(m)
    ]
    names = {fn.__name__ for fn in functions}
    # The introspection finds the functions the review named (and any added later).
    assert {"select_states", "label_missing", "missing_facts", "unmatched_states", "crosstab",
            "similarity_matrix", "vote_changes", "vote_change_counts"} <= names  # fmt: skip
    for fn in functions:
        doc = " ".join((fn.__doc__ or "").split())
        assert "attributes positions (a) and (b) to no State" in doc, fn.__name__
    assert "no State" in CAVEAT


def test_every_returned_table_has_a_source_column(table):
    people = _participants([("Atlantis", pd.NA, "state", "statement", "7")])
    long = budapest_by_vote(table)
    tables = {
        "build_states_table": table,
        "select_states": select_states(table),
        "label_missing": label_missing(table),
        "participant_profiles": participant_profiles(table),
        "missing_facts": missing_facts(table),
        "unmatched_states": unmatched_states(people),
        "budapest_by_vote": long,
        "regional_group_by_vote": regional_group_by_vote(table),
        "crosstab (cells)": crosstab(long, "budapest_status", "vote", with_source=True)[1],
        "vote_changes": vote_changes(table),
        "vote_change_counts": vote_change_counts(table),
        "vote_transitions": vote_transitions(table),
        "state_similarity": state_similarity(table),
        "similarity_matrix (pairs)": similarity_matrix(table, with_source=True)[1],
        "most_similar": most_similar(table, "EST"),
    }
    for name, frame in tables.items():
        sources = [c for c in frame.columns if c == "source" or c.endswith("_source")]
        assert sources, name
        for col in sources:
            assert frame[col].notna().all() and (frame[col].str.len() > 0).all(), (name, col)
    assert unmatched_states(people).loc[0, "source"].startswith("report participants")


def test_reads_back_dates_as_datetimes(table, tmp_path):
    """Functions accept a table whose date columns were parsed to datetimes."""
    parsed = table.copy()
    parsed["budapest_signature_date"] = pd.to_datetime(parsed["budapest_signature_date"])
    shown = label_missing(parsed)
    assert _row(shown, "USA")["budapest_signature_date"] == "2001-11-23"
    assert _row(shown, "FRA")["budapest_signature_date"] == "not recorded"


def test_states_table_validates_against_its_schema(table, tmp_path):
    from frictionless import Resource, Schema

    path = tmp_path / "states.csv"
    table.to_csv(path, index=False, lineterminator="\n")
    schema = Schema.from_descriptor(STATES_SCHEMA)
    report = Resource(path=path.name, basepath=str(tmp_path), schema=schema).validate()
    assert report.valid, report.flatten(["type", "note"])
