"""What the book says about a report, computed from its tables (cybercrime_eg.facts)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg.facts import meeting_dates, this_meeting

FIXTURES = Path(__file__).parent / "fixtures"
COOPERATION = FIXTURES / "eg-2020-international-cooperation.txt"


@pytest.mark.parametrize(
    ("printed", "start", "end"),
    [
        ("27–29 March 2019", "2019-03-27", "2019-03-29"),
        ("27-29 July 2020", "2020-07-27", "2020-07-29"),
        ("30 March–1 April 2019", "2019-03-30", "2019-04-01"),
        ("3 April 2018", "2018-04-03", "2018-04-03"),
    ],
)
def test_meeting_dates(printed, start, end):
    assert meeting_dates(printed) == (pd.Timestamp(start), pd.Timestamp(end))


@pytest.mark.parametrize("printed", [None, pd.NA, "", "spring", "31–33 March 2019"])
def test_meeting_dates_missing_or_unreadable(printed):
    assert meeting_dates(printed) == (None, None)


def test_the_meeting_of_each_report_is_found_in_the_meetings_table():
    meetings = eg.external.expert_group_meetings()
    assert this_meeting(eg.report_info(), meetings)["meeting"] == "5th"
    assert str(this_meeting(eg.report_info(COOPERATION), meetings)["meeting"]) == "6th"
    assert this_meeting(eg.report_info(FIXTURES / "minimal-report.txt"), meetings) is None


def test_shipped_report_facts():
    facts = eg.report_facts()
    people = eg.participants()
    states = people[people["kind"] == "state"]
    assert facts.ordinal == "5th" and facts.venue == "Vienna"
    assert set(facts.listed) == set(states.loc[states["role"] == "statement", "name"])
    assert facts.both == ["Dominican Republic"]
    assert len(facts.states) == len(set(states["name"]))
    assert facts.side_event.startswith("Approaches in Tackling Cybercrime")
    recs = eg.recommendations()
    assert facts.n_items + facts.n_sub_items == len(recs)
    assert facts.sub_items == {"(k)": ["(i)", "(ii)", "(iii)", "(iv)", "(v)"]}
    assert facts.positions == {"(a)": "new-instrument", "(b)": "existing-instruments"}
    assert facts.opposed
    assert facts.paragraphs == len(eg.paragraphs())


def test_fixture_report_facts():
    facts = eg.report_facts(COOPERATION)
    assert facts.ordinal == "6th" and facts.year == "2020"
    assert facts.organisers == ["Brazil", "Japan"] and facts.both == []
    assert facts.side_event is None  # the paragraph quotes no title
    assert facts.positions == {} and not facts.opposed
    assert facts.item_paragraphs == ["12", "14"]


def test_minimal_report_facts():
    facts = eg.report_facts(FIXTURES / "minimal-report.txt")
    assert facts.ordinal is None and facts.start is None
    assert facts.states == [] and facts.sub_items == {}
