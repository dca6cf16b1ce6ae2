"""The book's sentences about the report, written from its facts (MyST Markdown).

Every number, name, date and label a chapter prints about the report comes from
:class:`~cybercrime_eg.facts.ReportFacts` (and the reference tables passed in), so the same
chapters read right for any report of the series. When the report lacks a chapter's subject
(no position on a new treaty, no side event, no sub-items, no hand labels), the sentence says
so instead.
"""

from __future__ import annotations

import pandas as pd

from ..facts import ReportFacts
from ..vocab import BUDAPEST_STATUS_DATE, REPORT_CITATIONS, caveat
from .html import MystBlock

__all__ = [
    "context",
    "join",
    "methods_limits",
    "opening",
    "ordinal_word",
    "parsing_steps",
    "positions_sentence",
    "positions_intro",
    "reader_note",
    "reading_guide",
    "report_intro",
    "states_intro",
    "themes_intro",
    "votes_closing",
    "votes_intro",
]

_ORDINALS = {
    "1st": "first",
    "2nd": "second",
    "3rd": "third",
    "4th": "fourth",
    "5th": "fifth",
    "6th": "sixth",
    "7th": "seventh",
    "8th": "eighth",
    "9th": "ninth",
    "10th": "tenth",
}
_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def ordinal_word(ordinal: str | None) -> str | None:
    """'5th' -> 'fifth' (other ordinals stay as they are)."""
    return None if ordinal is None else _ORDINALS.get(ordinal, ordinal)


def _count(n: int) -> str:
    """A count in words up to twelve, in digits above."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def join(words: list[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{_count(n)} {one if n == 1 else (many or one + 's')}"


def _cite(facts: ReportFacts) -> str:
    key = REPORT_CITATIONS.get(facts.source_file)
    return f" {{cite:p}}`{key}`" if key else ""


def _document(facts: ReportFacts) -> str:
    """'draft report addendum' from the printed title 'Draft report — Addendum'."""
    title = (facts.title or "report").replace("—", " ").replace("-", " ")
    return " ".join(title.lower().split())


def _noun(facts: ReportFacts) -> str:
    """What the document is called in a sentence: 'the addendum' or 'the report'."""
    return "the addendum" if "addendum" in _document(facts) else "the report"


def _meeting(facts: ReportFacts) -> str:
    """'the fifth meeting of the **Expert Group ...**, held in Vienna on 27–29 March 2019'."""
    body = f"**{facts.body}**" if facts.body else "the body that met"
    ordinal = ordinal_word(facts.ordinal)
    where = f"held in {facts.venue}" if facts.venue else "at a venue not recorded"
    when = f" on {facts.meeting_dates}" if facts.meeting_dates else ""
    meeting = f"the {ordinal} meeting of the {body}" if ordinal else f"a meeting of the {body}"
    return f"{meeting}, {where}{when}"


def _positions_phrase(facts: ReportFacts) -> str:
    return join(list(facts.positions))


def opening(facts: ReportFacts) -> MystBlock:
    """The book's first paragraph: which document, which meeting, what it lists."""
    items = _plural(facts.n_items, "recommendation")
    if facts.n_sub_items:
        items += f" with {_plural(facts.n_sub_items, 'sub-item')}"
    sections = join([f'"{s}"' for s in facts.sections])
    agenda = f" under {sections}" if sections else ""
    records = []
    if facts.speakers:
        records.append("which States made statements")
    if facts.organisers:
        records.append("which organized a side event")
    listed = f" and records {join(records)}" if records else ""
    text = (
        "This book turns one United Nations document into data and reads it closely: the "
        f"{_document(facts)} of {_meeting(facts)}{_cite(facts)}. In "
        f"{_plural(facts.paragraphs, 'numbered paragraph')}, {_noun(facts)} sets out "
        f"{items}{agenda}{listed}."
    )
    return MystBlock(text)


def _event(row: pd.Series) -> str:
    day = pd.Timestamp(row["date"])
    return f'"{row["event"]}" ({day.day} {day:%B %Y})'


def context(facts: ReportFacts, meetings: pd.DataFrame, events: pd.DataFrame) -> MystBlock:
    """Where the report's meeting sits: the Expert Group's meetings and the treaty process."""
    years = sorted(str(d)[:4] for d in meetings["dates"].dropna())
    venues = sorted(set(meetings["venue"].dropna().astype(str)))
    where = f" in {join(venues)}" if len(venues) == 1 else ""
    parts = [
        "The Expert Group is an open-ended intergovernmental group that met "
        f"{_count(len(meetings))} times{where} between {years[0]} and {years[-1]}."
    ]
    if facts.start is not None:
        steps = events[~events["event"].astype(str).str.startswith("Expert Group")]
        dates = pd.to_datetime(steps["date"])
        before = steps[dates < facts.start].sort_values("date").tail(1)
        after = steps[dates > facts.start].sort_values("date").head(1)
        ordinal = ordinal_word(facts.ordinal) or "report's"
        sentence = f"Its {ordinal} meeting, in {facts.start:%B %Y}, came after the step "
        sentence += _event(before.iloc[0]) if len(before) else "no recorded step of the process"
        if len(after):
            sentence += f" and before the step {_event(after.iloc[0])}"
        parts.append(sentence + ".")
    else:
        parts.append("The report prints no meeting dates, so it cannot be placed on the timeline.")
    return MystBlock(" ".join(parts))


def positions_sentence(facts: ReportFacts) -> str:
    """Whether the report sets the two positions on a new treaty side by side."""
    if facts.opposed:
        return (
            f"Recommendations {_positions_phrase(facts)} of this report set the two positions "
            "side by side: negotiate a new global instrument, or keep using and joining "
            "existing ones such as the Budapest Convention."
        )
    if facts.positions:
        many = len(facts.positions) > 1
        return (
            f"Recommendation{'s' if many else ''} {_positions_phrase(facts)} of this report "
            f"speak{'' if many else 's'} of a new instrument, but the report does not set out "
            "opposed positions."
        )
    return (
        "This report sets out no position on a new treaty: none of its recommendations speaks "
        "of a new instrument."
    )


def reading_guide(facts: ReportFacts) -> MystBlock:
    """The numbered list of chapters, with what each shows for this report."""
    if facts.opposed:
        positions = f"recommendations {_positions_phrase(facts)} side by side, and"
    else:
        positions = "what the report says about a new treaty (here: no opposed positions), and"
    who = []
    if facts.speakers:
        who.append(f"the {_count(len(facts.speakers))} States that made statements")
    if facts.organisers:
        who.append(f"the {_count(len(facts.organisers))} that organized the side event")
    states = join(who) + ", compared" if who else "the States it names (here: none)"
    lines = [
        "1. **Introduction** (this page).",
        "2. [**The report, annotated**](02_report.ipynb): the whole report as a reading view, "
        "with the themes of each recommendation and the States, instruments and organizations "
        "it names; how the text becomes tables; the data dictionary and downloads.",
        "3. [**Recommendation themes**](03_themes.ipynb): which themes the recommendations "
        "address and how often themes occur together.",
        f"4. [**Positions on a new treaty**](04_positions.ipynb): {positions} the General "
        "Assembly votes that followed.",
        f"5. [**Speaking States**](05_states.ipynb): {states}.",
        "6. [**Methods and limitations**](06_methods.ipynb): how tagging works, how well it "
        "agrees with a hand reading, and what is verified, inferred or missing.",
        "7. [**Reuse the helpers**](07_reuse.ipynb): the Python API on this report and on a "
        "report you supply.",
    ]
    return MystBlock("\n".join(lines))


def report_intro(facts: ReportFacts) -> MystBlock:
    """Chapter 2's first sentence: the whole report, cited."""
    return MystBlock(f"Below is the whole report{_cite(facts)} as this project reads it.")


def reader_note(facts: ReportFacts) -> MystBlock:
    """What the item reader shows in the static page."""
    first = facts.item_labels[0] if facts.item_labels else None
    shown = f"recommendation {first}" if first else "the first paragraph"
    return MystBlock(
        "In Jupyter or on Binder, the reader below shows any paragraph or item on its own: "
        f"choose it in the list. In this static page it shows {shown}, the default view."
    )


def parsing_steps(facts: ReportFacts, paragraphs: pd.DataFrame) -> MystBlock:
    """How the parser reads this report, with examples taken from it."""
    first = paragraphs.sort_values("start").iloc[0] if len(paragraphs) else None
    if first is not None and not pd.isna(first["chapter"]):
        chapter = f"(`{first['chapter']}. {first['chapter_title']}`)"
    else:
        chapter = "(none in this report)"
    if first is not None and not pd.isna(first["section"]):
        section = (
            f" and sections in capital letters (`{first['section']}. {first['section_title']}`)"
        )
    else:
        section = ""
    numbers = facts.paragraph_numbers
    span = f"`{numbers[0]}.` to `{numbers[-1]}.`" if numbers else "none"
    if facts.sub_items:
        subs = join(
            [f"recommendation {p} has {_count(len(s))}" for p, s in facts.sub_items.items()]
        )
        roman = f", and **roman sub-items** `(i)`, `(ii)`, … inside an item: {subs}"
    else:
        roman = (
            "; roman sub-items `(i)`, `(ii)`, … inside an item are read too (this report has none)"
        )
    lines = [
        "The parser (`cybercrime_eg.parse_report`) reads the text file once, top to bottom:",
        "",
        "1. **Front matter**: distribution, date, language, the body's name, venue and dates of "
        f'the meeting, and the title ("{facts.title or "not printed"}").',
        f"2. **Headings**: chapters in roman numerals {chapter}{section}; a `(continued)` mark "
        "is kept out of the title.",
        f"3. **Numbered paragraphs** ({span}), each with its chapter and section.",
        f"4. **Lettered items** `(a)`, `(b)`, … inside a paragraph{roman}. A page break inside "
        "an item does not end it.",
        "5. **Names**: States (matched to ISO 3166 codes), instruments, documents, "
        "organizations and companies, each found in the cleaned text and cited by raw offsets.",
    ]
    return MystBlock("\n".join(lines))


def themes_intro(facts: ReportFacts) -> MystBlock:
    """Chapter 3's first sentence."""
    n = facts.n_items + facts.n_sub_items
    kind = "recommendations and sub-items" if facts.n_sub_items else "recommendations"
    paras = facts.item_paragraphs
    where = f"paragraph {paras[0]}" if len(paras) == 1 else f"paragraphs {join(paras)}"
    return MystBlock(
        f"Each of the {n} {kind} of {where} was tagged with the themes of a small taxonomy "
        "(`data/taxonomy.yml`): a theme is found when one of its phrases occurs in the item's "
        "cleaned text, and every match is kept as evidence with its offsets in the raw report. "
        "How well the tags agree with a hand reading is measured in "
        "[Methods and limitations](06_methods.ipynb)."
    )


def positions_intro(facts: ReportFacts) -> MystBlock | None:
    """Chapter 4's opening, with the caveat (``None`` when the report has no opposed
    positions: the section below then says so in one sentence)."""
    if not facts.opposed:
        return None
    both = _positions_phrase(facts)
    return MystBlock(
        f"Recommendations {both} of the report set out the two positions of the debate: "
        "negotiate a new global legal instrument on cybercrime within the United Nations, or "
        "keep using and joining existing instruments such as the Budapest Convention.\n\n"
        ":::{important}\n"
        f"**The report attributes positions {both} to no State.** "
        f'{"Both begin" if len(facts.positions) == 2 else "Each begins"} "it was suggested". '
        "Nothing in this book says which State held which position. The General Assembly votes "
        "further down are later, external facts, not positions taken at the meeting.\n"
        ":::"
    )


def votes_intro(facts: ReportFacts) -> MystBlock:
    """The paragraph before the vote map."""
    marked = []
    if facts.speakers:
        marked.append("the States that spoke at the meeting")
    if facts.organisers:
        marked.append("the organisers of its side event")
    marks = f", with {join(marked)} marked" if marked else ""
    if facts.opposed:
        again = (
            "Again: the report does not say which of them, if any, supported "
            f"{join(list(facts.positions), 'or')}."
        )
    else:
        again = "The report does not say how any of them voted."
    return MystBlock(
        'The General Assembly voted on "Countering the use of information and communications '
        'technologies for criminal purposes" in December 2018 (resolution 73/187) '
        "{cite:p}`ares73_187` and in December 2019 (resolution 74/247, which set up the "
        "committee that drafted a new convention) {cite:p}`ares74_247`. The map shows each "
        f"Member State's recorded vote {{cite:p}}`voeten_unvotes`{marks}. {again}"
    )


def votes_closing(facts: ReportFacts) -> MystBlock:
    """The closing caveat of chapter 4."""
    return MystBlock(
        ":::{important}\n"
        "These votes were cast on a different text, at another time than the meeting. "
        + caveat(list(facts.positions))
        + "\n:::"
    )


def states_intro(facts: ReportFacts) -> MystBlock:
    """Chapter 5's first paragraph: who spoke, who organised the side event, where."""
    if not facts.states:
        return MystBlock("The report names no State as speaker or side-event organiser.")
    parts = []
    if facts.speakers:
        paras = join(facts.speaker_paragraphs)
        parts.append(
            f"the {_count(len(facts.speakers))} States whose experts made statements under the "
            f"agenda item (paragraph {paras})"
        )
    if facts.organisers:
        title = f' on "{facts.side_event}"' if facts.side_event else ""
        parts.append(
            f"the {_count(len(facts.organisers))} States that organised a side event{title} "
            f"(paragraph {join(facts.organiser_paragraphs)})"
        )
    text = f"The report lists {join(parts)}"
    if facts.both:
        one = len(facts.both) == 1
        text += f"; {_plural(len(facts.both), 'State')} {'is' if one else 'are'} in both lists"
        text += f" ({join(facts.both)})"
    text += "."
    if not facts.organisers:
        text += " The report names no side event."
    if facts.organisations_speaking:
        orgs = facts.organisations_speaking
        many = len(orgs) > 1
        text += (
            f" {_plural(len(orgs), 'organization').capitalize()} also made "
            f"{'statements' if many else 'a statement'} ({join(orgs)})."
        )
    positions = (
        f", nor which of them made suggestions {join(list(facts.positions), 'or')}"
        if facts.positions
        else ""
    )
    note = (
        ":::{note}\n"
        "The facts below come from the reference tables in `data/external` (regional group, "
        f"Budapest Convention status on {BUDAPEST_STATUS_DATE}, later votes and signatures), "
        "each with its source. A fact that could not be verified is shown as "
        '"not verified" or "not recorded", never as "no". The report does not say what any of '
        f"these States said{positions}.\n:::"
    )
    return MystBlock(f"{text}\n\n{note}")


def methods_limits(facts: ReportFacts) -> MystBlock:
    """What is verified, inferred or missing, for this report."""
    stance = (
        f"the stance of {_positions_phrase(facts)} (from cue words, quoted as evidence); "
        if facts.positions
        else ""
    )
    if facts.positions:
        missing = (
            f"which State made which suggestion. The report attributes positions "
            f"{_positions_phrase(facts)} to no State, and this book does not guess."
        )
    else:
        missing = "which State made which suggestion; this book does not guess."
    lines = [
        "- **From the report** (verified against the text, with offsets): paragraphs, items, "
        "the States that spoke and organised the side event, the instruments, documents and "
        "organizations named.",
        f'- **Inferred**: themes (patterns, measured above); {stance}the "actors" of the '
        "explorer (names and addressee phrases).",
        f"- **Not in the report**: {missing}",
        "- **External** (`data/external`): each fact has a source; cells that could not be "
        'verified are empty and shown as "not verified" or "not recorded". The counts of '
        "missing facts for the States named in the report:",
    ]
    return MystBlock("\n".join(lines))
