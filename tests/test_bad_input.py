"""Malformed reports: one clear line naming file, line and expectation; nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cybercrime_eg.cli import main

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "data" / "raw" / "eg-cybercrime-2019-draft-report-addendum.txt"
TEXT = REPORT.read_text(encoding="utf-8")


def _line_of(needle: str, text: str = TEXT) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _replace(old: str, new: str) -> str:
    assert TEXT.count(old) == 1, old
    return TEXT.replace(old, new)


CASES = {
    "item-out-of-order": (
        _replace("(d) Member States should promote", "(e) Member States should promote"),
        _line_of("(d) Member States should promote"),
        "expected item (d) after 1(c) in paragraph 1, found (e)",
    ),
    "section-without-items": (
        _replace(
            "III. Summary of deliberations", "B. An empty section\n\nIII. Summary of deliberations"
        ),
        _line_of("III. Summary of deliberations"),
        "section 'B. An empty section' has no paragraphs: expected a numbered paragraph",
    ),
    "statement-list-does-not-end": (
        _replace("Thailand and the United Arab Emirates.", "Thailand and the United Arab Emirates"),
        _line_of("7. Statements were made"),
        "statement list of paragraph 7 does not end: expected '... and <name>.'",
    ),
    "unknown-state": (
        _replace("Paraguay, Peru,", "Paraguay, Atlantis,"),
        _line_of("7. Statements were made"),
        "unknown name 'Atlantis' in paragraph 7: expected the UN short name of a State",
    ),
    "unknown-name-in-final-pair": (
        _replace("Thailand and the United Arab Emirates.", "Thailand and Atlantis."),
        _line_of("7. Statements were made"),
        "unknown name 'Atlantis' in paragraph 7: expected the UN short name of a State",
    ),
    "paragraph-number-skipped": (
        _replace("5. Support was expressed", "9. Support was expressed"),
        _line_of("5. Support was expressed"),
        "expected paragraph 5 after paragraph 4, found 9",
    ),
    "stray-text-after-heading": (
        _replace(
            "III. Summary of deliberations\n", "III. Summary of deliberations\n\nStray text.\n"
        ),
        _line_of("III. Summary of deliberations") + 2,
        "expected a numbered paragraph, a lettered item such as (a) or a heading, found 'Stray",
    ),
    "sub-item-out-of-order": (
        _replace("(iii) Orders to produce", "(iv) Orders to produce"),
        _line_of("(iii) Orders to produce"),
        "expected item (l) or sub-item (iii) after 1(k)(ii) in paragraph 1, found (iv)",
    ),
    "empty-file": ("", 1, "empty file: expected the text of a UN report"),
    "blank-file": ("\n\n   \n", 1, "empty file: expected the text of a UN report"),
    "no-paragraphs": ("Draft report\n\nAddendum\n", 3, "expected at least one numbered paragraph"),
}


def _run(tmp_path: Path, data: bytes, capsys) -> tuple[int, str, Path]:
    src = tmp_path / "bad-report.txt"
    src.write_bytes(data)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.csv").write_text("untouched\n")
    code = main(["extract", str(src), "--out", str(out)])
    err = capsys.readouterr().err
    return code, err, out


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_report(case, tmp_path, capsys):
    text, line, message = CASES[case]
    code, err, out = _run(tmp_path, text.encode("utf-8"), capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: {tmp_path / 'bad-report.txt'}:{line}: "), lines[0]
    assert message in lines[0]
    assert sorted(p.name for p in out.iterdir()) == ["keep.csv"]  # nothing written, not even half


def test_bytes_that_are_not_utf8(tmp_path, capsys):
    data = TEXT.encode("utf-8")
    at = data.index(b"(f) States are encouraged")
    code, err, out = _run(tmp_path, data[:at] + b"\xff\xfe" + data[at:], capsys)
    assert code == 2
    assert f":{_line_of('(f) States are encouraged')}: byte 0xff is not UTF-8" in err
    assert sorted(p.name for p in out.iterdir()) == ["keep.csv"]


def test_missing_file(tmp_path, capsys):
    code = main(["extract", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out")])
    assert code == 2
    assert "nope.txt:0: no such file" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_command_line_entry_point_gives_no_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(CASES["item-out-of-order"][0], encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "cybercrime_eg", "extract", str(bad), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "found (e)" in proc.stderr


EXTERNAL = ROOT / "data" / "external"


def _extract(args: list[str], capsys) -> tuple[int, str]:
    code = main(["extract", *args])
    return code, capsys.readouterr().err


def test_report_that_is_a_folder(tmp_path, capsys):
    code, err = _extract([str(tmp_path), "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and "is a folder: expected a report text file" in err


def test_out_that_is_a_file(tmp_path, capsys):
    (tmp_path / "o").write_text("x")
    code, err = _extract([str(REPORT), "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and "exists and is not a folder: expected a folder" in err
    assert (tmp_path / "o").read_text() == "x"


def test_out_with_a_folder_in_the_way_writes_nothing(tmp_path, capsys):
    out = tmp_path / "o"
    (out / "paragraphs.csv").mkdir(parents=True)
    code, err = _extract([str(REPORT), "--out", str(out)], capsys)
    assert code == 2 and "holds files this program did not write ('paragraphs.csv'" in err
    assert [p.name for p in out.iterdir()] == ["paragraphs.csv"]
    code, err = _extract([str(REPORT), "--out", str(out), "--force"], capsys)
    assert code == 2 and "'paragraphs.csv' is not a file this program wrote" in err
    assert [p.name for p in out.iterdir()] == ["paragraphs.csv"]


@pytest.mark.parametrize(
    "table, old, new, message",
    [
        ("unga_cybercrime_votes", "date,country,iso2,iso3,vote\n", "date,country,iso2,iso3,votes\n",
         "unga_cybercrime_votes.csv:1: expected columns"),
        ("unga_cybercrime_votes", "Albania,AL,ALB,no", "Albania,AL,ALB,maybe",
         "unga_cybercrime_votes.csv:2: 'maybe' in column 'vote': expected one of"),
        ("budapest_status", "2006-10-12", "12/10/2006",
         "budapest_status.csv:2: '12/10/2006' in column 'ratification_or_accession_date': "
         "expected a date YYYY-MM-DD"),
    ],
)  # fmt: skip
def test_bad_reference_tables(tmp_path, capsys, table, old, new, message):
    ext = tmp_path / "ext"
    ext.mkdir()
    for f in EXTERNAL.iterdir():
        (ext / f.name).write_bytes(f.read_bytes())
    text = (ext / f"{table}.csv").read_text(encoding="utf-8")
    assert old in text
    (ext / f"{table}.csv").write_text(text.replace(old, new, 1), encoding="utf-8")
    code, err = _extract(
        [str(REPORT), "--out", str(tmp_path / "o"), "--external", str(ext)], capsys
    )
    assert code == 2, err
    assert err.count("\n") == 1 and message in err
    assert not (tmp_path / "o").exists()


def test_re_extract_removes_tables_of_the_previous_extract(tmp_path, capsys):
    out = tmp_path / "o"
    assert _extract([str(REPORT), "--out", str(out), "--external", str(EXTERNAL)], capsys)[0] == 0
    assert (out / "states.csv").exists()
    minimal = Path(__file__).parent / "fixtures" / "minimal-report.txt"
    assert _extract([str(minimal), "--out", str(out)], capsys)[0] == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        ["datapackage.json", "report.csv", "paragraphs.csv", "recommendations.csv",
         "participants.csv", "mentions.csv", "themes.csv", "crosswalk.csv",
         "unparsed_sentences.csv", "cybercrime-eg-manifest.json"]
    )  # fmt: skip


def test_re_extract_with_force_keeps_the_users_files(tmp_path, capsys):
    out = tmp_path / "o"
    assert _extract([str(REPORT), "--out", str(out), "--external", str(EXTERNAL)], capsys)[0] == 0
    (out / "notes.txt").write_text("mine")
    minimal = Path(__file__).parent / "fixtures" / "minimal-report.txt"
    code, err = _extract([str(minimal), "--out", str(out)], capsys)
    assert code == 2 and "'notes.txt'" in err and (out / "states.csv").exists()
    assert _extract([str(minimal), "--out", str(out), "--force"], capsys)[0] == 0
    assert (out / "notes.txt").read_text() == "mine"
    assert not (out / "states.csv").exists()  # the previous extract's table, by its manifest
