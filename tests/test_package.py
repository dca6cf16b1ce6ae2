"""Extract, then load: the data package round trip, its validity and its determinism."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from frictionless import validate

import cybercrime_eg as eg
from cybercrime_eg.package import write_package
from cybercrime_eg.tables import report_tables

ROOT = Path(__file__).resolve().parents[1]
PROCESSED = ROOT / "data" / "processed"
EXTERNAL = ROOT / "data" / "external"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, report_path) -> Path:
    out = tmp_path_factory.mktemp("extract")
    write_package(eg.load_report(report_path), out, EXTERNAL)
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_extract_is_byte_identical_run_to_run(extracted, tmp_path, report_path):
    write_package(eg.load_report(report_path), tmp_path, EXTERNAL)
    assert _files(tmp_path) == _files(extracted)


def test_committed_tables_are_what_extract_writes(extracted):
    assert _files(PROCESSED) == _files(extracted), "run `make data` and commit data/processed"


def test_round_trip(extracted, report_path):
    fresh = report_tables(eg.load_report(report_path))
    for name, frame in fresh.items():
        loaded = eg.read_table(extracted / f"{name}.csv", name)
        pd.testing.assert_frame_equal(loaded, frame, check_dtype=True)


def test_loaders_read_the_shipped_tables(report_path):
    recs = eg.recommendations()
    assert recs.shape[0] == 22 and recs["id"].is_unique
    assert str(recs["start"].dtype) == "Int64" and str(recs["text"].dtype) == "string"
    assert recs["parent_id"].isna().sum() == 17
    pd.testing.assert_frame_equal(recs, eg.recommendations(report_path))
    assert eg.participants()["iso3"].notna().sum() == 20
    assert eg.raw_text().startswith("\n\nDistr.: Limited")


def test_data_package_is_valid(extracted):
    report = validate(extracted / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = {
        r["name"] for r in json.loads((extracted / "datapackage.json").read_text())["resources"]
    }
    assert {"paragraphs", "recommendations", "participants", "mentions", "report"} <= names
    assert {"themes", "states"} <= names
    assert {"unga-cybercrime-votes", "budapest-status", "un-regional-groups-all"} <= names


def test_validation_catches_a_broken_foreign_key(extracted, tmp_path):
    broken = tmp_path / "pkg"
    shutil.copytree(extracted, broken)
    recs = (broken / "recommendations.csv").read_text()
    (broken / "recommendations.csv").write_text(recs.replace(",1(k),(i),2,1,", ",1(k),(i),2,99,"))
    report = validate(broken / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {e[0] for e in report.flatten(["type"])}


def test_external_tables_keep_namibia_and_missing_values():
    votes = eg.external.votes()
    assert set(votes.loc[votes["iso3"] == "NAM", "iso2"]) == {"NA"}
    assert votes.groupby("resolution")["vote"].value_counts().loc["A/RES/74/247"].to_dict() == {
        "yes": 79,
        "no": 60,
        "abstain": 33,
    }
    budapest = eg.external.budapest_status().set_index("iso3")
    assert pd.isna(budapest.loc["PRY", "status_2019_03"])  # not verified, not "none"
    assert budapest.loc["MYS", "status_2019_03"] == "none"
    assert str(budapest["entry_into_force_date"].dtype).startswith("datetime64")


def test_extract_any_report_of_the_series(tmp_path):
    code = subprocess.run(
        [sys.executable, "-m", "cybercrime_eg", "extract",
         str(FIXTURES / "eg-2020-international-cooperation.txt"), "--out", str(tmp_path)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert code.returncode == 0, code.stderr
    assert validate(tmp_path / "datapackage.json").valid
    recs = eg.read_table(tmp_path / "recommendations.csv")
    assert list(recs["id"]) == ["12(a)", "12(b)", "12(b)(i)", "12(b)(ii)", "12(c)", "12(d)",
                                "14(a)", "14(b)", "14(c)"]  # fmt: skip
    assert not (tmp_path / "unga_cybercrime_votes.csv").exists()  # no --external, no context


def test_import_is_light():
    code = (
        "import sys, cybercrime_eg as eg; eg.recommendations(); eg.participants();"
        "heavy = [m for m in ('plotly', 'ipywidgets') if m in sys.modules];"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
