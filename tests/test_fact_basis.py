"""How each external fact is known: data/annotations/fact_basis.csv and the *_basis columns."""

from __future__ import annotations

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg.io import DataError
from cybercrime_eg.schema import BASIS, GRADED_FACTS
from cybercrime_eg.states import build as st_build

REFERENCE = eg.external.reference()


@pytest.fixture(scope="module")
def table():
    return st_build.build_states_table(eg.participants(), REFERENCE).set_index("iso3")


def test_every_row_has_a_reason_and_a_known_basis():
    basis = REFERENCE["fact_basis"]
    assert set(basis["basis"]) <= set(BASIS)
    assert basis["reason"].str.len().min() > 20
    assert not basis.duplicated(["table", "iso3", "fact"]).any()


def test_every_present_fact_has_a_basis_and_every_missing_fact_none(table):
    for fact in GRADED_FACTS:
        present = table[fact].notna()
        assert table.loc[present, f"{fact}_basis"].notna().all(), fact
        assert table.loc[~present, f"{fact}_basis"].isna().all(), fact


@pytest.mark.parametrize(
    ("iso3", "fact", "basis"),
    [
        ("PER", "budapest_status", "inferred"),  # from its accession procedure
        ("MYS", "budapest_status", "inferred"),  # absence from a 2026 list
        ("THA", "budapest_status", "inferred"),
        ("ARE", "budapest_status", "inferred"),
        ("ARM", "budapest_status", "official"),  # Council of Europe chart
        ("ARM", "un_convention_signature", "inferred"),  # "not in list": absence
        ("CHN", "un_convention_signature", "official"),  # UN Treaty Collection
        ("FRA", "vote_74_247", "secondary"),  # research data set built from the record
    ],
)
def test_grades(table, iso3, fact, basis):
    assert table.loc[iso3, f"{fact}_basis"] == basis


def test_paraguay_stays_not_verified(table):
    assert pd.isna(table.loc["PRY", "budapest_status"])
    assert pd.isna(table.loc["PRY", "budapest_status_basis"])


def test_stale_grade_stops_the_build():
    ref = dict(REFERENCE)
    budapest = ref["budapest_status"].copy()
    budapest.loc[budapest["iso3"] == "PER", "status_2019_03"] = "party"
    ref["budapest_status"] = budapest
    with pytest.raises(ValueError, match=r"fact_basis.csv:\d+: grades budapest_status='invited'"):
        st_build.build_states_table(eg.participants(), ref)


def test_ungraded_fact_stops_the_build():
    ref = dict(REFERENCE)
    basis = ref["fact_basis"]
    ref["fact_basis"] = basis[~((basis["iso3"] == "MEX") & (basis["fact"] == "budapest_status"))]
    with pytest.raises(ValueError, match="no row grades budapest_status='invited' of MEX"):
        st_build.build_states_table(eg.participants(), ref)


def test_bad_basis_names_file_and_line(tmp_path):
    path = tmp_path / "fact_basis.csv"
    path.write_text(
        "table,iso3,fact,value,basis,reason\n"
        "budapest_status,PER,budapest_status,invited,guessed,because\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"fact_basis.csv:2: 'guessed' in column 'basis'"):
        eg.external.fact_basis(path)


def test_report_state_facts_label_the_basis():
    facts = eg.states.report_state_facts(
        st_build.build_states_table(eg.participants(), REFERENCE)
    ).set_index("iso3")
    assert facts.loc["PER", "budapest_status_basis_label"] == "inferred"
    assert facts.loc["ARM", "budapest_status_basis_label"] == "official record"
    assert facts.loc["PRY", "budapest_status_basis_label"] == "not verified"
    assert "observer" in facts.loc["USA", "group_note"]
    assert pd.isna(facts.loc["ESP", "group_note"])
