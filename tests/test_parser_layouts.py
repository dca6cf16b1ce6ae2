"""Layouts of the series that the shipped report does not show, each on a small report."""

from __future__ import annotations

import pytest

from cybercrime_eg.parser import ParseError, parse_text
from cybercrime_eg.text import clean

HEAD = "Draft report\n\nII. Recommendations\n\nA. Topic\n\n"


def _parse(body: str, head: str = HEAD):
    report = parse_text(head + body, "t.txt")
    for el in [*report.paragraphs, *report.items]:
        assert clean(report.raw[el.start : el.end]) == el.text
    return report


def _ids(report) -> list[str]:
    return [it.id for it in report.items]


def _items(*labels: str, colon_at: str = "", dot_at: str = "") -> str:
    out = []
    for label in labels:
        end = ":" if label == colon_at else "." if label == dot_at else ";"
        out.append(f"({label}) Text of {label}{end}\n\n")
    return "".join(out)


def test_letter_after_sub_list_found_by_looking_ahead():
    letters = [chr(c) for c in range(ord("a"), ord("w") + 1)]  # (a) .. (w)
    body = "1. Intro:\n\n" + _items(*letters[:21], colon_at="u")  # (a)..(u), (u) ends ':'
    body += _items("i", "ii", "iii", "iv", dot_at="iv") + _items("v", "w")
    r = _parse(body)
    assert _ids(r)[-6:] == ["1(u)(i)", "1(u)(ii)", "1(u)(iii)", "1(u)(iv)", "1(v)", "1(w)"]
    assert r.item("1(v)").parent_id is None


def test_roman_i_after_h_is_a_sub_item_when_ii_follows():
    body = (
        "1. Intro:\n\n" + _items(*"abcdefgh", colon_at="h") + _items("i", "ii") + _items("i", "j")
    )
    r = _parse(body)
    assert _ids(r)[-4:] == ["1(h)(i)", "1(h)(ii)", "1(i)", "1(j)"]


def test_letter_i_after_h_ending_with_colon_when_j_follows():
    body = "1. Intro:\n\n" + _items(*"abcdefgh", colon_at="h") + _items("i", "j")
    assert _ids(_parse(body))[-2:] == ["1(i)", "1(j)"]


def test_section_c_right_after_chapter_iv():
    r = _parse(
        "1. Text.\n\nIV. Organization of the meeting\n\nC. Statements (*continued*)\n\n2. More.\n"
    )
    assert [(p.chapter, p.section, p.section_title) for p in r.paragraphs][-1] == (
        "IV",
        "C",
        "Statements",
    )


def test_wrapped_and_bold_headings():
    head = "Draft report\n\nII. List of preliminary recommendations\nand conclusions\n\n"
    r = _parse("**A. Law enforcement (*continued*)**\n\n1. Text.\n", head)
    p = r.paragraphs[0]
    assert p.chapter_title == "List of preliminary recommendations and conclusions"
    assert (p.section, p.section_title) == ("A", "Law enforcement")
    assert r.header.title == "Draft report"


def test_page_break_between_sentences_and_before_a_year():
    body = (
        "1. The Guide was launched in\n\n\n\n2017. It was made available.\n\n\n\n"
        "It helps.\n\n2. Next.\n"
    )
    r = _parse(body)
    assert [p.number for p in r.paragraphs] == [1, 2]
    assert (
        r.paragraphs[0].text == "The Guide was launched in 2017. It was made available. It helps."
    )


def test_bom_crlf_and_form_feed_keep_offsets_and_lines():
    text = (
        "\ufeffDistr.: Limited\r\n\r\n"
        + HEAD.replace("\n", "\r\n")
        + "1. One\r\n\x0c\r\ntwo.\r\n\r\n(a) x;\r\n"
    )
    r = parse_text(text, "t.txt")
    assert r.header.distribution == "Limited"
    assert r.paragraphs[0].text == "One two."
    assert r.paragraphs[0].start == text.index("One")
    assert r.items[0].line == 13  # only "\n" ends a line: the form feed is no line break


def test_statement_variants():
    body = (
        "1. Statements were made by representatives of the following Member States: Chile, "
        "Côte d’Ivoire, and Trinidad and Tobago. Other speakers were thanked.\n\n"
        "2. Statements were also made by the observers for the following States: Holy See and "
        "State of Palestine.\n\n"
        "3. The observer for the Council of Europe, an intergovernmental organization, also made "
        "a statement.\n\n"
        "4. A side event was organized by the Governments of Australia and Samoa, and UNODC. "
        "Markets organized by criminal groups were discussed.\n"
    )
    r = _parse(body)
    got = [(p.name, p.iso3, p.kind, p.role, p.paragraph_id) for p in r.participants]
    assert got == [
        ("Chile", "CHL", "state", "statement", "1"),
        ("Côte d’Ivoire", "CIV", "state", "statement", "1"),
        ("Trinidad and Tobago", "TTO", "state", "statement", "1"),
        ("Holy See", "VAT", "state", "statement", "2"),
        ("State of Palestine", "PSE", "state", "statement", "2"),
        ("Council of Europe", None, "organization", "statement", "3"),
        ("Australia", "AUS", "state", "side-event-organizer", "4"),
        ("Samoa", "WSM", "state", "side-event-organizer", "4"),
        ("UNODC", None, "organization", "side-event-organizer", "4"),
    ]
    for p in r.participants:
        assert r.raw[p.start : p.end] == p.name


def test_mixed_list_of_states_and_organizations():
    body = (
        "1. Statements were made by representatives of the following States and organizations: "
        "the Council of Europe, Armenia and the European Union.\n"
    )
    kinds = [(p.name, p.kind) for p in _parse(body).participants]
    assert kinds == [
        ("Council of Europe", "organization"),
        ("Armenia", "state"),
        ("European Union", "organization"),
    ]


def test_duplicate_state_is_an_error():
    body = (
        "1. Statements were made by experts of the following States: Armenia, Peru and Armenia.\n"
    )
    with pytest.raises(ParseError, match=r"t\.txt:7: 'Armenia' is listed twice in paragraph 1"):
        _parse(body)
