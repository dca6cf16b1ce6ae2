"""Participants: the common forms are read, and every other sentence is listed, never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from cybercrime_eg.cli import main
from cybercrime_eg.parser import ParseError, parse_text
from cybercrime_eg.statements import split_names, unparsed_table
from cybercrime_eg.text import clean

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "data" / "raw" / "eg-cybercrime-2019-draft-report-addendum.txt"
TEXT = REPORT.read_text(encoding="utf-8")
P8 = "8. The Council of Europe, an intergovernmental organization, also made a statement."


def _with_p8(body: str):
    assert TEXT.count(P8) == 1
    return parse_text(TEXT.replace(P8, f"8. {body}"), "r.txt")


def _names(report, paragraph: str = "8") -> list[tuple[str, str, str | None]]:
    return [(p.name, p.kind, p.iso3) for p in report.participants if p.paragraph_id == paragraph]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("The observers for the European Union and INTERPOL made statements.",
         [("European Union", "organization", None), ("INTERPOL", "organization", None)]),
        ("The European Union, the Council of Europe and INTERPOL, all intergovernmental "
         "organizations, also made statements.",
         [("European Union", "organization", None), ("Council of Europe", "organization", None),
          ("INTERPOL", "organization", None)]),
        ("The representative of the Council of Europe made a statement.",
         [("Council of Europe", "organization", None)]),
        ("Representatives of Bosnia and Herzegovina and Trinidad and Tobago made statements.",
         [("Bosnia and Herzegovina", "state", "BIH"), ("Trinidad and Tobago", "state", "TTO")]),
        ("Statements were also made by the observers for the European Union and the "
         "representative of UNODC.",
         [("European Union", "organization", None), ("UNODC", "organization", None)]),
        ("A statement was made by the observer for the Holy See.",
         [("Holy See", "state", "VAT")]),
        ("Statements were also made by representatives of the following intergovernmental "
         "organizations: European Union and INTERPOL.",
         [("European Union", "organization", None), ("INTERPOL", "organization", None)]),
    ],
)  # fmt: skip
def test_common_statement_forms(body, expected):
    report = _with_p8(body)
    assert _names(report) == expected
    assert report.unparsed[1:] == []  # only paragraph 4's sentence without organisers
    for p in report.participants:
        assert clean(report.raw[p.start : p.end]) == p.name


def test_a_sentence_in_an_unknown_form_is_listed_with_paragraph_line_and_text():
    report = _with_p8(
        "The Council of Europe, an intergovernmental organization, also made a statement. "
        "Several non-governmental organizations took the floor."
    )
    assert _names(report) == [("Council of Europe", "organization", None)]
    missed = [u for u in report.unparsed if u.paragraph_id == "8"]
    assert len(missed) == 1
    u = missed[0]
    assert u.sentence == "Several non-governmental organizations took the floor."
    assert u.line == TEXT[: TEXT.index(P8)].count("\n") + 1
    assert report.raw[u.start : u.end] == u.sentence
    frame = unparsed_table(report)
    assert list(frame.columns) == ["paragraph_id", "line", "sentence", "reason", "start", "end"]
    assert frame["sentence"].tolist()[-1] == u.sentence


def test_unknown_names_outside_a_strict_list_keep_the_known_ones_and_say_so():
    report = _with_p8("Statements were made by the observers for UNODC and the Foo Institute.")
    assert _names(report) == [("UNODC", "organization", None)]
    (u,) = [u for u in report.unparsed if u.paragraph_id == "8"]
    assert "unknown name 'the Foo Institute'" in u.reason


def test_side_event_sentence_without_organisers_is_listed_in_the_shipped_report():
    report = parse_text(TEXT)
    assert [(u.paragraph_id, u.line) for u in report.unparsed] == [("4", 79)]
    assert report.unparsed[0].sentence.startswith("Reference was made to a side event")
    assert {p.name for p in report.participants if p.role == "side-event-organizer"} == {
        "Australia", "Dominican Republic", "Samoa", "United States", "Vanuatu"
    }  # fmt: skip


def test_unparsed_sentences_are_reported_on_stderr_and_in_the_package(tmp_path, capsys):
    src = tmp_path / "r.txt"
    src.write_text(TEXT.replace(P8, "8. Nobody else made a statement, it seems."), encoding="utf-8")
    assert main(["extract", str(src), "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    line = TEXT[: TEXT.index(P8)].count("\n") + 1
    assert f"warning: {src}:{line}: paragraph 8: no participant read from 'Nobody else" in err
    table = (tmp_path / "o" / "unparsed_sentences.csv").read_text()
    assert "Nobody else made a statement, it seems." in table


def test_a_strict_list_still_refuses_an_unknown_state():
    with pytest.raises(ParseError, match="unknown name 'Atlantis' in paragraph 7"):
        parse_text(TEXT.replace("Paraguay, Peru,", "Paraguay, Atlantis,"), "r.txt")


def test_name_splitting_is_iterative_for_long_lists():
    names = [f"Name{n}" for n in range(5000)]
    listing = ", ".join(names[:-1]) + " and " + names[-1]
    got = split_names(listing, lambda s: s.startswith("Name") and " " not in s)
    assert [n for n, ok in got] == names and all(ok for _, ok in got)


def test_name_splitting_prefers_fewest_unknown_then_longest_names():
    got = split_names("Bosnia and Herzegovina, Atlantis and Trinidad and Tobago")
    assert got == [("Bosnia and Herzegovina", True), ("Atlantis", False),
                   ("Trinidad and Tobago", True)]  # fmt: skip


def test_a_two_thousand_name_statement_list_parses(tmp_path):
    import pycountry

    states = sorted(c.name for c in pycountry.countries if "," not in c.name)
    names = [states[n % len(states)] for n in range(2000)]
    listing = ", ".join(names[:-1]) + " and " + names[-1] + "."
    text = TEXT.replace(
        "Armenia, Costa Rica, Dominican Republic, Estonia, Georgia, Malaysia, Mexico, Morocco, "
        "Paraguay, Peru, Philippines, Slovakia, Spain, Thailand and the United Arab Emirates.",
        listing,
    )
    with pytest.raises(ParseError, match="is listed twice in paragraph 7"):
        parse_text(text)  # a real list names each State once; this one repeats them


def test_api_lists_the_unparsed_sentences_of_the_shipped_and_of_any_report(tmp_path):
    """eg.unparsed_sentences() reads the shipped table, or parses a given report fresh."""
    import cybercrime_eg as eg
    from cybercrime_eg.statements import unparsed_table

    shipped = eg.unparsed_sentences()
    fresh = unparsed_table(eg.load_report())
    assert shipped.reset_index(drop=True).equals(fresh.reset_index(drop=True))
    raw = eg.raw_text()
    for row in shipped.itertuples():
        assert row.sentence.startswith(raw[row.start : row.start + 20].strip()[:10])
    report = tmp_path / "r.txt"
    report.write_text(
        raw.replace("Statements were made by", "Unusual words were said by", 1), encoding="utf-8"
    )
    assert len(eg.unparsed_sentences(report)) > len(shipped)
