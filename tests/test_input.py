"""Input: a regular file or standard input only, capped, checked, with escaped messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cybercrime_eg.cli import main
from cybercrime_eg.parser import ParseError, _letter, parse_text
from cybercrime_eg.reading import read_report_text
from cybercrime_eg.text import clean, clean_with_offsets, shown

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "data" / "raw" / "eg-cybercrime-2019-draft-report-addendum.txt"
TEXT = REPORT.read_text(encoding="utf-8")


def _cli(args: list[str], stdin: bytes | None = None, timeout: float = 60):
    return subprocess.run(
        [sys.executable, "-m", "cybercrime_eg", "extract", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
    )


def test_dash_reads_standard_input(tmp_path):
    proc = _cli(["-", "--out", str(tmp_path / "o")], stdin=TEXT.encode())
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o" / "recommendations.csv").read_text().count("\n") == 23


def test_fifo_without_a_writer_is_refused_at_once(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    proc = _cli([str(fifo), "--out", str(tmp_path / "o")], timeout=30)  # hangs = fails
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "is a FIFO (named pipe): expected a regular text file" in err
    assert not (tmp_path / "o").exists()


def test_a_device_is_refused_before_reading(tmp_path, capsys):
    code = main(["extract", "/dev/zero", "--out", str(tmp_path / "o")])
    assert code == 2
    assert "/dev/zero:0: is a device: expected a regular text file" in capsys.readouterr().err


def test_size_cap(tmp_path, capsys):
    src = tmp_path / "big.txt"
    src.write_text(TEXT, encoding="utf-8")
    code = main(["extract", str(src), "--out", str(tmp_path / "o"), "--max-bytes", "1000"])
    err = capsys.readouterr().err
    assert code == 2 and "larger than 1,000 bytes" in err and "--max-bytes" in err
    assert (
        main(["extract", str(src), "--out", str(tmp_path / "o"), "--max-bytes", "1_000_000"]) == 0
    )


def test_nul_before_distr_is_refused_with_line_and_column(tmp_path, capsys):
    src = tmp_path / "nul.txt"
    src.write_text(TEXT.replace("Distr.", "\x00Distr.", 1), encoding="utf-8")
    code = main(["extract", str(src), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"error: {src}:3: column 1: control character NUL" in err
    assert "\x00" not in err and not (tmp_path / "o").exists()


@pytest.mark.parametrize("ch", ["\x1b", "\x07", "\x0b", "\x7f", "\x85"])
def test_control_characters_are_refused_and_shown_escaped(tmp_path, ch):
    at = TEXT.index("Costa Rica")
    with pytest.raises(ParseError) as exc:
        parse_text(TEXT[:at] + ch + "[31m" + TEXT[at:], "r.txt")
    line = TEXT[:at].count("\n") + 1
    column = at - TEXT.rindex("\n", 0, at)
    assert str(exc.value).startswith(f"r.txt:{line}: column {column}: control character")
    assert ch not in str(exc.value)


def test_tab_form_feed_and_crlf_are_text():
    text = (
        TEXT.replace("\n", "\r\n")
        .replace("Vienna,", "Vienna,\t", 1)
        .replace("\r\n\r\nII.", "\r\n\f\r\nII.", 1)
    )
    report = parse_text(text)
    assert [it.id for it in report.items] == [it.id for it in parse_text(TEXT).items]


def test_cr_only_line_ends_parse_like_lf():
    cr = parse_text(TEXT.replace("\n", "\r"))
    lf = parse_text(TEXT)
    assert [(p.id, p.line, p.text) for p in cr.paragraphs] == [
        (p.id, p.line, p.text) for p in lf.paragraphs
    ]
    assert [(it.id, it.start, it.end, it.line) for it in cr.items] == [
        (it.id, it.start, it.end, it.line) for it in lf.items
    ]
    assert len(cr.participants) == len(lf.participants) == 21


def _many_items(labels: list[str]) -> str:
    body = "\n\n".join(f"({label}) Suggestion number {n};" for n, label in enumerate(labels, 1))
    return "Draft report\n\nI. Recommendations\n\n1. The following were suggested:\n\n" + body


def test_three_letter_labels_are_items():
    labels = [_letter(n) for n in range(1, 56)]
    assert labels[51:54] == ["zz", "aaa", "bbb"]
    report = parse_text(_many_items(labels))
    assert [it.label for it in report.items] == [f"({x})" for x in labels]
    assert report.item("1(aaa)").text == "Suggestion number 53;"


def test_a_wrong_three_letter_label_is_named_as_the_expected_one():
    labels = [_letter(n) for n in range(1, 53)] + ["bbb"]
    with pytest.raises(ParseError) as exc:
        parse_text(_many_items(labels))
    assert "expected item (aaa) after 1(zz) in paragraph 1, found (bbb)" in str(exc.value)


def test_link_text_is_kept_whatever_the_target():
    assert clean("[click me](javascript:alert(1)) now") == "click me now"
    assert clean("see [A/C.3/72/12](#) and [x](a(b)c(d)) end") == "see A/C.3/72/12 and x end"
    assert clean("[open](unbalanced( here") == "[open](unbalanced( here"
    text, offs = clean_with_offsets("[click me](javascript:alert(1)).", 10)
    assert (
        text == "click me."
        and offs[0] == 11
        and offs[-1] == 10 + len("[click me](javascript:alert(1))")
    )


def test_link_in_an_item_leaves_no_stray_parenthesis():
    text = TEXT.replace(
        "(f) States are encouraged", "(f) [States](javascript:alert(1)) are encouraged"
    )
    item = parse_text(text).item("1(f)")
    assert item.text.startswith("States are encouraged") and ")" not in item.text[:30]


def test_messages_escape_and_cut_report_text(tmp_path, capsys):
    name = "Atl\u202eantis" + "x" * 1_000_000
    src = tmp_path / "r.txt"
    src.write_text(TEXT.replace("Paraguay, Peru,", f"Paraguay, {name},"), encoding="utf-8")
    code = main(["extract", str(src), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "\u202e" not in err and "Atl\\u202eantis" in err
    assert len(err) < 400


def test_shown_makes_terminal_controls_visible():
    assert shown("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert len(shown("y" * 10_000)) == 80 and shown("y" * 10_000).endswith("…")


def test_reading_api_checks_its_arguments(tmp_path):
    with pytest.raises(ValueError, match="^max_bytes: expected an integer of at least 1, got 0$"):
        read_report_text(REPORT, max_bytes=0)
    with pytest.raises(TypeError, match="^max_bytes: expected an integer of at least 1, got str$"):
        read_report_text(REPORT, max_bytes="50")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^raw: expected the report text as a str, got bytes$"):
        parse_text(b"bytes")  # type: ignore[arg-type]


# --- cleaning with offsets: the fast paths give the same map --------------------------------


def _reference_offsets(raw: str, base: int) -> tuple[str, list[int]]:
    """Word by word, as the first version did: each word's characters, one space between."""
    import re

    words = [m.span() for m in re.finditer(r"\S+", raw)]
    text = " ".join(raw[s:e] for s, e in words)
    offs: list[int] = []
    for n, (s, e) in enumerate(words):
        if n:
            offs.append(base + words[n - 1][1])  # the space stands for the run's first char
        offs += range(base + s, base + e)
    return text, offs


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "a", " a  b\n\nc \t d ", "one two  three\nfour", "x\u00a0\u2003y  z", "a " * 50],
)
def test_fold_with_offsets_maps_every_character(raw):
    text, offs = clean_with_offsets(raw, 7)
    assert (text, list(offs)) == _reference_offsets(raw, 7)
    assert [offs[i] for i in range(len(offs))] == list(offs)
    for s in range(len(text)):
        for e in range(s + 1, len(text) + 1):
            assert offs.raw_span(s, e) == (offs[s], offs[e - 1] + 1)


def test_large_texts_are_cleaned_once_and_alike():
    """Above the cache threshold the result is the same, and the same object is returned."""
    words = "Member  States\nshould *strengthen* [cooperation](#) and capacity-building "
    raw = words * 3000
    text, offs = clean_with_offsets(raw, 5)
    again = clean_with_offsets((raw + " ")[:-1], 5)  # an equal text, another object
    assert again[1] is offs  # kept for the next caller (the tagger, the crosswalk)
    assert text == clean(raw)
    small = clean_with_offsets(words * 2, 5)
    assert text.startswith(small[0]) and list(offs)[: len(small[1])] == list(small[1])


def test_raw_span_refuses_a_span_outside_the_text():
    _, offs = clean_with_offsets("a b", 0)
    with pytest.raises(ValueError, match="outside a text of 3 characters"):
        offs.raw_span(2, 4)
