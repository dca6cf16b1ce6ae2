"""The book's sentences about a report (cybercrime_eg.viz.prose) and report-agnostic captions."""

from __future__ import annotations

from pathlib import Path

import cybercrime_eg as eg
from cybercrime_eg import states, viz
from cybercrime_eg.viz import prose
from cybercrime_eg.viz.themes import item_subsets
from cybercrime_eg.vocab import CAVEAT, caveat

FIXTURES = Path(__file__).parent / "fixtures"
COOPERATION = FIXTURES / "eg-2020-international-cooperation.txt"


def _text(block) -> str:
    return block._repr_markdown_()


def test_shipped_sentences_read_as_before():
    facts = eg.report_facts()
    opening = _text(prose.opening(facts))
    assert "the draft report addendum of the fifth meeting of the **Expert Group" in opening
    assert "held in Vienna on 27–29 March 2019 {cite:p}`eg2019draftaddendum`" in opening
    assert "preliminary recommendations and conclusions (17 items with five sub-items)" in opening
    assert '"Law enforcement and investigations (continued)"' in opening
    assert '"Statements (continued)"' in opening
    assert "their inclusion does not imply their endorsement by the Expert Group" in opening
    guide = _text(prose.reading_guide(facts))
    assert "items (a) and (b) side by side" in guide
    assert (
        "the 15 States listed in the addendum as making a statement and the five that "
        "organized the side event" in guide
    )
    # each symbol linked to its official page
    assert (
        "[73/187](https://undocs.org/A/RES/73/187) (adopted 17 December 2018, before the meeting)"
        in guide
    )
    assert (
        "[74/247](https://undocs.org/A/RES/74/247) (adopted 27 December 2019, after the meeting)"
        in guide
    )
    states_text = _text(prose.states_intro(facts))
    assert "(paragraph 7, a list that continues one in the main report" in states_text
    assert "(paragraph 4)" in states_text
    assert "one State is in both lists (Dominican Republic)" in states_text
    assert "One organization also made a statement (Council of Europe)" in states_text
    intro = _text(prose.positions_intro(facts))
    assert "**The report attributes positions (a) and (b) to no State.**" in intro
    assert '(a) begins "On the one hand it was suggested"' in intro
    assert '(b) begins "On the other hand it was suggested"' in intro


def test_fixture_sentences_are_that_reports():
    facts = eg.report_facts(COOPERATION)
    opening = _text(prose.opening(facts))
    assert "sixth meeting" in opening and "27–29 July 2020" in opening
    assert "{cite:p}" not in opening  # no bibliography entry for this report
    assert "2019" not in opening
    assert prose.positions_intro(facts) is None  # the section says it, once
    assert prose.positions_sentence(facts).startswith(
        "This report sets out no position on a new treaty"
    )
    states_text = _text(prose.states_intro(facts))
    assert "the seven States" in states_text and "Brazil" not in states_text  # names in charts
    assert "(paragraph 15)" in states_text and "(paragraph 17)" in states_text
    steps = _text(prose.parsing_steps(facts, eg.paragraphs(COOPERATION)))
    assert "`12.` to `17.`" in steps and "recommendation (b) has two" in steps
    assert "(a) and (b)" not in _text(prose.methods_limits(facts))


def test_report_without_states_or_dates_says_so():
    facts = eg.report_facts(FIXTURES / "minimal-report.txt")
    assert "names no State" in _text(prose.states_intro(facts))
    meetings, events = eg.external.expert_group_meetings(), eg.external.treaty_events()
    assert "cannot be placed on the timeline" in _text(prose.context(facts, meetings, events))
    assert "(this report has none)" in _text(
        prose.parsing_steps(facts, eg.paragraphs(FIXTURES / "minimal-report.txt"))
    )


def test_context_places_the_meeting_between_two_dated_steps():
    meetings, events = eg.external.expert_group_meetings(), eg.external.treaty_events()
    text = _text(prose.context(eg.report_facts(), meetings, events))
    assert "records seven meetings from 2011 to 2021, six of them in Vienna" in text
    assert "the venue of one meeting is not recorded" in text
    assert (
        'came after the step "General Assembly adopts resolution 73/187" (17 December 2018)' in text
    )


def test_caveat_names_the_reports_own_positions():
    assert caveat(["(a)", "(b)"]) == CAVEAT
    assert "positions (c) and (d) to no State" in caveat(["(c)", "(d)"])
    assert caveat([]).startswith("The report sets out no position on a new treaty")


def test_item_subsets_are_named_from_the_report():
    assert list(item_subsets(eg.recommendations())) == [
        "All items and sub-items",
        "Items (a) to (q)",
        "Sub-items of (k)",
    ]
    assert list(item_subsets(eg.recommendations(COOPERATION))) == [
        "All items and sub-items",
        "Items 12(a) to 14(c)",
        "Sub-items of 12(b)",
    ]
    assert list(item_subsets(eg.recommendations(FIXTURES / "minimal-report.txt"))) == ["All items"]


def test_theme_matrix_for_a_report_without_sub_items_has_no_dropdown():
    path = FIXTURES / "minimal-report.txt"
    recs = eg.recommendations(path)
    chart = viz.theme_matrix(eg.themes_table(path), recs, {}, [])
    assert not chart.figure.layout.updatemenus
    assert "dropdown" not in chart.caption


def test_state_captions_are_computed_from_the_states_named():
    table = eg.states_table(COOPERATION)
    facts = states.report_state_facts(table)
    chart = viz.state_map(facts)
    assert f"The {len(facts)} States" in chart.caption
    assert "paragraphs 15 and 17" in chart.caption
    bars = viz.budapest_by_vote_chart(table, caveat=caveat([]))
    assert "7 States listed as making a statement and the 2 side-event organisers" in bars.caption
    assert "(a) and (b)" not in bars.caption
