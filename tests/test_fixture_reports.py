"""Reports of the series with another structure than the shipped one."""

from __future__ import annotations

from pathlib import Path

from cybercrime_eg.parser import parse_report
from cybercrime_eg.text import clean

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_2020_style_report():
    r = parse_report(FIXTURES / "eg-2020-international-cooperation.txt")
    assert r.header.symbol == "UNODC/CCPCJ/EG.4/2020/L.1/Add.2"
    assert r.header.meeting_dates == "27–29 July 2020"
    assert [p.id for p in r.paragraphs] == ["12", "13", "14", "15", "16", "17"]
    assert [(p.chapter, p.section) for p in r.paragraphs] == [
        ("I", "B"), ("I", "B"), ("I", "C"), ("II", "A"), ("II", "A"), ("II", "A"),
    ]  # fmt: skip
    assert [it.id for it in r.items] == [
        "12(a)", "12(b)", "12(b)(i)", "12(b)(ii)", "12(c)", "12(d)", "14(a)", "14(b)", "14(c)",
    ]  # fmt: skip
    # an upper-case continuation after a page break joins the item it continues
    assert r.item("12(d)").text.endswith("in line with the Practical Guide for Requesting "
                                         "Electronic Evidence Across Borders.")  # fmt: skip
    states = {p.name: p.iso3 for p in r.participants if p.kind == "state" and p.role == "statement"}
    assert states == {
        "Bolivia (Plurinational State of)": "BOL",
        "Bosnia and Herzegovina": "BIH",
        "Iran (Islamic Republic of)": "IRN",
        "Türkiye": "TUR",
        "Viet Nam": "VNM",
        "Saint Kitts and Nevis": "KNA",
        "Trinidad and Tobago": "TTO",
    }
    orgs = {(p.name, p.role) for p in r.participants if p.kind == "organization"}
    assert orgs == {
        ("European Union", "statement"),
        ("INTERPOL", "statement"),
        ("UNODC", "side-event-organizer"),
    }
    organisers = [p.name for p in r.participants if p.role == "side-event-organizer"]
    assert organisers == ["Brazil", "Japan", "UNODC"]
    docs = {m.entity for m in r.mentions if m.kind == "document"}
    assert {"A/RES/74/247", "E/CN.15/2019/12"} <= docs
    instruments = {m.entity for m in r.mentions if m.item_id == "12(a)"}
    assert instruments == {"Budapest Convention", "Organized Crime Convention"}
    for el in [*r.paragraphs, *r.items]:
        assert clean(r.raw[el.start : el.end]) == el.text


def test_minimal_report_without_header_fields():
    r = parse_report(FIXTURES / "minimal-report.txt")
    assert r.header.title == "Draft report"
    assert r.header.venue is None and r.header.date is None
    assert [it.id for it in r.items] == ["1(a)", "1(b)", "1(c)"]
    assert r.participants == [] and r.mentions == []


def test_markup_report_keeps_html_as_text():
    r = parse_report(FIXTURES / "report-with-markup.txt")
    assert '<script>alert("xss")</script>' in r.item("1(a)").text
    assert "<img src=x onerror=alert(1)>" in r.item("1(b)").text
    assert [p.iso3 for p in r.participants] == ["CHL", "JPN"]
