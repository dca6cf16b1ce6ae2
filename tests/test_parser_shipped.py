"""The shipped report: counts, contents, ids and the provenance property of every element."""

from __future__ import annotations

import string

from cybercrime_eg.text import clean

SPEAKERS = {
    "Armenia": "ARM",
    "Costa Rica": "CRI",
    "Dominican Republic": "DOM",
    "Estonia": "EST",
    "Georgia": "GEO",
    "Malaysia": "MYS",
    "Mexico": "MEX",
    "Morocco": "MAR",
    "Paraguay": "PRY",
    "Peru": "PER",
    "Philippines": "PHL",
    "Slovakia": "SVK",
    "Spain": "ESP",
    "Thailand": "THA",
    "United Arab Emirates": "ARE",
}
ORGANISERS = {
    "Australia": "AUS",
    "Dominican Republic": "DOM",
    "Samoa": "WSM",
    "United States": "USA",
    "Vanuatu": "VUT",
}


def test_header(report):
    h = report.header
    assert h.distribution == "Limited"
    assert h.date == "28 March 2019"
    assert h.language == "English"
    assert h.body == "Expert Group to Conduct a Comprehensive Study on Cybercrime"
    assert h.venue == "Vienna"
    assert h.meeting_dates == "27–29 March 2019"
    assert h.title == "Draft report — Addendum"


def test_structure(report):
    assert [p.number for p in report.paragraphs] == list(range(1, 9))
    chapters = [(p.chapter, p.section) for p in report.paragraphs]
    assert chapters[0] == ("II", "A")
    assert chapters[1:6] == [("III", "A")] * 5
    assert chapters[6:] == [("IV", "B")] * 2
    assert (
        report.paragraphs[0].chapter_title == "List of preliminary recommendations and conclusions"
    )
    assert report.paragraphs[6].section_title == "Statements"  # "(continued)" dropped


def test_seventeen_items_and_five_sub_items(report):
    items = [it for it in report.items if it.parent_id is None]
    subs = [it for it in report.items if it.parent_id is not None]
    assert [it.label for it in items] == [f"({c})" for c in string.ascii_lowercase[:17]]
    assert [it.id for it in subs] == [f"1(k)({r})" for r in ("i", "ii", "iii", "iv", "v")]
    assert {it.parent_id for it in subs} == {"1(k)"}
    assert all(it.paragraph_id == "1" for it in report.items)
    assert len({it.id for it in report.items}) == 22


def test_item_texts(report):
    assert report.item("1(a)").text.startswith("On the one hand it was suggested")
    assert report.item("1(a)").text.endswith("(A/C.3/72/12, annex);")
    assert report.item("1(i)").text.startswith("Bearing in mind")  # letter (i), not roman
    assert report.item("1(k)").text.endswith("domestic legislation to authorize:")
    assert report.item("1(o)").text.count("inter alia") == 1  # emphasis markup removed
    assert "*" not in "".join(it.text for it in report.items)


def test_page_breaks_are_joined(report):
    d = report.item("1(d)")
    assert "by concluding bilateral agreements using the principle of reciprocity" in d.text
    assert "was made available to Member States" in report.paragraphs[5].text


def test_offsets_reproduce_every_text(report, raw):
    assert report.raw == raw
    for el in [*report.paragraphs, *report.items]:
        assert clean(raw[el.start : el.end]) == el.text, el
        assert raw[el.start] not in " \n" and raw[el.end - 1] not in " \n"
        assert raw.count("\n", 0, el.start) + 1 == el.line


def test_speaking_states_with_iso_codes(report):
    states = {p.name: p.iso3 for p in report.participants if p.role == "statement" and p.iso3}
    assert states == SPEAKERS


def test_council_of_europe(report):
    orgs = [p for p in report.participants if p.kind == "organization"]
    assert [(p.name, p.role, p.paragraph_id) for p in orgs] == [
        ("Council of Europe", "statement", "8")
    ]


def test_side_event_organisers(report):
    org = {p.name: p.iso3 for p in report.participants if p.role == "side-event-organizer"}
    assert org == ORGANISERS


def test_participant_offsets(report, raw):
    for p in report.participants:
        assert raw[p.start : p.end] == p.name


def test_mentions(report, raw):
    found = {(m.entity, m.kind, m.item_id) for m in report.mentions}
    expected = (
        {
            (
                "Draft UN convention on cooperation in combating cybercrime (2017)",
                "instrument",
                "1(a)",
            ),
            ("A/C.3/72/12", "document", "1(a)"),
            ("Budapest Convention", "instrument", "1(b)"),
            ("Organized Crime Convention", "instrument", "1(c)"),
            ("UNODC", "organization", "1(d)"),
            ("UNODC", "organization", "1(e)"),
            ("UNODC", "organization", "1(f)"),
            ("Commission on Crime Prevention and Criminal Justice", "organization", "3"),
            ("UNODC", "organization", "5"),
            ("Practical Guide for Requesting Electronic Evidence Across Borders", "document", "6"),
            ("UNODC", "organization", "6"),
            ("CTED", "organization", "6"),
            ("IAP", "organization", "6"),
            ("SHERLOC", "resource", "6"),  # a portal, not an organization
            ("Expert Group", "organization", "1"),
            ("Expert Group", "organization", "3"),
            ("Expert Group", "organization", "4"),
            ("United Nations", "organization", "1(a)"),
            ("Facebook", "company", "6"),
            ("Google", "company", "6"),
            ("Microsoft", "company", "6"),
            ("Uber", "company", "6"),
            ("Council of Europe", "organization", "8"),
        }
        | {(n, "state", "7") for n in SPEAKERS}
        | {(n, "state", "4") for n in ORGANISERS}
    )
    assert found == expected
    budapest = [m for m in report.mentions if m.entity == "Budapest Convention"]
    assert len(budapest) == 2
    for m in report.mentions:
        assert clean(raw[m.start : m.end]) == m.text
