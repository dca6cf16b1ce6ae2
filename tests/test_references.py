"""The bibliography keeps the capitals of proper names and links every document to its source."""

from __future__ import annotations

from pathlib import Path

import pytest
from pybtex.database import parse_file
from pybtex.plugin import find_plugin

BIB = Path(__file__).resolve().parents[1] / "references.bib"


@pytest.fixture(scope="module")
def entries():
    return parse_file(str(BIB)).entries


def _formatted(entries) -> dict[str, str]:
    """Each entry as the book's style ('plain', as in _config.yml) renders it, as plain text."""
    style = find_plugin("pybtex.style.formatting", "plain")()
    return {e.key: e.text.render_as("text") for e in style.format_entries(entries.values())}


@pytest.mark.parametrize(
    "key, proper_name",
    [
        ("ac3_72_12", "Russian Federation"),
        ("ac3_72_12", "United Nations"),
        ("ares79_243", "United Nations Convention against Cybercrime"),
        ("budapest2001", "Convention on Cybercrime"),
        ("voeten_unvotes", "United Nations General Assembly Voting Data"),
    ],
)
def test_rendered_titles_keep_proper_names(entries, key, proper_name):
    assert proper_name in _formatted(entries)[key]


def test_every_title_is_protected_from_case_changes(entries):
    raw = BIB.read_text(encoding="utf-8")
    for key in entries:
        block = raw[raw.index("{" + key + ",") :]
        title_line = next(line for line in block.splitlines() if line.strip().startswith("title"))
        assert "= {{" in title_line, f"{key}: title not wrapped in double braces"


def test_un_documents_and_treaties_link_to_their_official_pages(entries):
    for key, entry in entries.items():
        symbol = entry.fields.get("howpublished", "")
        url = entry.fields.get("url", "")
        if "A/RES/" in symbol or symbol.startswith("A/C."):
            document = symbol.split(", ")[1] if "A/RES/" in symbol else symbol
            assert url == f"https://undocs.org/{document}", key
    assert "coe.int" in entries["budapest2001"].fields["url"]
    assert "treaties.un.org" in entries["untc_xviii16"].fields["url"]


def test_the_opening_sentence_allows_for_documents_without_a_symbol(entries):
    """references.md says that a UN document links to its symbol's page when its symbol is
    known; the one entry of a UN body that links elsewhere is the report itself, whose symbol
    is not known (report.csv), and the page says so."""
    import cybercrime_eg as eg

    page = " ".join((BIB.parent / "book" / "references.md").read_text(encoding="utf-8").split())
    assert "Every United Nations document with a known official symbol links" in page
    un_bodies = ("United Nations", "Expert Group")
    elsewhere = {
        key
        for key, e in entries.items()
        if any(b in str(p) for p in e.persons.get("author", []) for b in un_bodies)
        and not e.fields.get("url", "").startswith(
            ("https://undocs.org/", "https://treaties.un.org/")
        )
    }
    assert elsewhere == {"eg2019draftaddendum"}
    symbol = eg.report_info()["symbol"].iloc[0]
    assert not isinstance(symbol, str) or not symbol.strip(), "the report has a symbol now"
    assert "The draft report addendum this book reads has no known symbol" in page
