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
        "unknown State 'Atlantis' in paragraph 7: expected a UN short name",
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
