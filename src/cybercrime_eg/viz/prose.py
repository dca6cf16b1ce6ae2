"""The book's sentences about the report, written from its facts (MyST Markdown).

Every number, name, date and label a chapter prints about the report comes from
:class:`~cybercrime_eg.facts.ReportFacts` (and the reference tables passed in), so the same
chapters read right for any report of the series. When the report lacks a chapter's subject
(no position on a new treaty, no side event, no sub-items, no hand labels), the sentence says
so instead.
"""

from __future__ import annotations

import pandas as pd

from ..countries import resolve_state
from ..facts import ReportFacts
from ..vocab import (
    BUDAPEST_STATUS_DATE,
    REPORT_CITATIONS,
    RESOLUTIONS,
    caveat,
    group_caveats,
)
from .html import MystBlock, symbol_url

__all__ = [
    "agreement_sentence",
    "context",
    "endorsement_note",
    "heading",
    "resolutions_phrase",
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
    items = _plural(facts.n_items, "item")
    if facts.n_sub_items:
        items += f" with {_plural(facts.n_sub_items, 'sub-item')}"
    sections = join([f'"{heading(facts, s)}"' for s in facts.sections])
    agenda = f" under {sections}" if sections else ""
    records = []
    if facts.listed:
        records.append("which States made statements (in this part of the list)")
    if facts.organisers:
        records.append("which organized a side event")
    listed = f", and records {join(records)}" if records else ""
    continued = ""
    if facts.continued:
        heads = join([f'"{heading(facts, t)}"' for t in facts.continued])
        continued = (
            f" {_noun(facts).capitalize()} continues the main report of the meeting, which this "
            f"project does not hold: its sections are headed {heads}."
        )
    text = (
        "This book turns one United Nations document into data and reads it closely: the "
        f"{_document(facts)} of {_meeting(facts)}{_cite(facts)}.{continued} In "
        f"{_plural(facts.paragraphs, 'numbered paragraph')}, {_noun(facts)} compiles "
        f"preliminary recommendations and conclusions ({items}){agenda}{listed}."
    )
    note = endorsement_note(facts)
    if note:
        text += f"\n\n:::{{important}}\n{note}\n:::"
    return MystBlock(text)


def heading(facts: ReportFacts, title: str) -> str:
    """A section title as the report prints it: 'Statements (continued)' when so marked."""
    return f"{title} (continued)" if title in facts.continued else title


def endorsement_note(facts: ReportFacts) -> str:
    """What the items are, in the report's words: suggestions by Member States, compiled, not
    endorsed by the Expert Group. Shown wherever the items are counted or charted."""
    paras = join(facts.item_paragraphs)
    where = f" (paragraph {paras})" if paras else ""
    if facts.endorsement:
        return (
            "The items are suggestions made by Member States and compiled in the report, not "
            f'recommendations of the Expert Group: "{facts.endorsement}"{where}.'
        )
    return (
        "The items are the suggestions the report compiles; the report does not say that "
        "the Expert Group endorsed them."
    )


def resolutions_phrase(facts: ReportFacts) -> str:
    """Each resolution by what it did and when, before or after the meeting (computed), its
    symbol linked to its official page (markdown)."""
    parts = []
    for r in sorted(RESOLUTIONS.values(), key=lambda r: r.date):
        when = ""
        if facts.start is not None:
            end = facts.end if facts.end is not None else facts.start
            rel = r.when(f"{facts.start:%Y-%m-%d}", f"{end:%Y-%m-%d}")
            when = f", {rel} the meeting" if rel != "during" else ", during the meeting"
        link = f"[{r.short}]({symbol_url(r.symbol)})"  # its official page
        parts.append(f"resolution {link} (adopted {r.long_date}{when}), which {r.did}")
    return "; ".join(parts[:-1]) + ("; and " if len(parts) > 1 else "") + parts[-1]


def _event(row: pd.Series) -> str:
    day = pd.Timestamp(row["date"])
    return f'"{row["event"]}" ({day.day} {day:%B %Y})'


def context(facts: ReportFacts, meetings: pd.DataFrame, events: pd.DataFrame) -> MystBlock:
    """Where the report's meeting sits: the Expert Group's meetings and the treaty process."""
    years = sorted(str(d)[:4] for d in meetings["dates"].dropna())
    venues = meetings["venue"].dropna().astype(str)
    where = ""
    if len(venues) and venues.nunique() == 1:
        unknown = len(meetings) - len(venues)
        if unknown == 0:
            where = f", all in {venues.iloc[0]}"
        else:
            where = (
                f", {_count(len(venues))} of them in {venues.iloc[0]}; the venue of "
                f"{_plural(unknown, 'meeting')} is not recorded in the sources read"
            )
    span = f"from {years[0]} to {years[-1]}" if years else "on dates not recorded"
    parts = [
        "The Expert Group is an open-ended intergovernmental group. The project's table of its "
        f"meetings records {_plural(len(meetings), 'meeting')} {span}{where}."
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
            f"Items {_positions_phrase(facts)} of this report, suggestions it compiles, set the "
            "two positions side by side: negotiate a new global instrument, or keep using and "
            "joining existing ones such as the Budapest Convention."
        )
    if facts.positions:
        many = len(facts.positions) > 1
        return (
            f"Item{'s' if many else ''} {_positions_phrase(facts)} of this report "
            f"speak{'' if many else 's'} of a new instrument, but the report does not set out "
            "opposed positions."
        )
    return (
        "This report sets out no position on a new treaty: none of its items speaks "
        "of a new instrument."
    )


def reading_guide(facts: ReportFacts) -> MystBlock:
    """The numbered list of chapters, with what each shows for this report."""
    if facts.opposed:
        positions = f"items {_positions_phrase(facts)} side by side, in their own words, and"
    else:
        positions = "what the report says about a new treaty (here: no opposed positions), and"
    who = []
    if facts.listed:
        who.append(
            f"the {_count(len(facts.listed))} States listed in {_noun(facts)} as making a statement"
        )
    if facts.organisers:
        who.append(f"the {_count(len(facts.organisers))} that organized the side event")
    states = join(who) + ", compared" if who else "the States it names (here: none)"
    lines = [
        "1. **Introduction** (this page).",
        "2. [**The report, annotated**](02_report.ipynb): the whole report as a reading view, "
        "with the themes of each item and the States, instruments and organizations "
        "it names; how the text becomes tables; the data dictionary and downloads.",
        "3. [**Themes of the suggestions**](03_themes.ipynb): which themes the compiled "
        "suggestions address.",
        f"4. [**Positions on a new treaty**](04_positions.ipynb): {positions} the General "
        f"Assembly's recorded votes on {resolutions_phrase(facts)}.",
        f"5. [**States named in the report**](05_states.ipynb): {states}.",
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
        "is kept out of the title column and shown with the heading wherever the book shows "
        "it.",
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
    kind = "items and sub-items" if facts.n_sub_items else "items"
    paras = facts.item_paragraphs
    where = f"paragraph {paras[0]}" if len(paras) == 1 else f"paragraphs {join(paras)}"
    return MystBlock(
        f"{endorsement_note(facts)}\n\n"
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
    openings = join(
        [f'{label} begins "{words}"' for label, words in facts.position_openings.items()]
    )
    begin = f" {openings[:1].upper()}{openings[1:]}." if openings else ""
    return MystBlock(
        f"Items {both} of the report set out the two positions of the debate: "
        "negotiate a new global legal instrument on cybercrime within the United Nations, or "
        "keep using and joining existing instruments such as the Budapest Convention. Like "
        "every item, they are suggestions compiled in the report, not endorsed by the Expert "
        "Group.\n\n"
        ":::{important}\n"
        f"**The report attributes positions {both} to no State.**{begin} "
        "Nothing in this book says which State held which position. The General Assembly votes "
        "further down are external facts, not positions taken at the meeting: "
        f"{resolutions_phrase(facts)}.\n"
        ":::"
    )


def votes_intro(facts: ReportFacts) -> MystBlock:
    """The paragraph before the vote map."""
    marked = []
    if facts.listed:
        marked.append(f"the States listed in {_noun(facts)} as making a statement")
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
    cites = " ".join(
        f"{{cite:p}}`ares{r.short.replace('/', '_')}`"
        for r in sorted(RESOLUTIONS.values(), key=lambda r: r.date)
    )
    return MystBlock(
        'The General Assembly held recorded votes on "Countering the use of information and '
        'communications technologies for criminal purposes": '
        f"{resolutions_phrase(facts)} {cites}. The map shows each Member State's recorded "
        f"vote {{cite:p}}`voeten_unvotes`{marks}. {again}"
    )


def _timing(facts: ReportFacts) -> str:
    """'73/187 before it, 74/247 after it', computed from the dates."""
    if facts.start is None:
        return join([r.short for r in RESOLUTIONS.values()])
    end = facts.end if facts.end is not None else facts.start
    return join(
        [
            f"{r.short} {r.when(f'{facts.start:%Y-%m-%d}', f'{end:%Y-%m-%d}')} it"
            for r in sorted(RESOLUTIONS.values(), key=lambda r: r.date)
        ]
    )


def votes_closing(facts: ReportFacts) -> MystBlock:
    """The closing note of chapter 4: when the votes were cast (the caveat is said here only
    when the chapter's opening, :func:`positions_intro`, is absent)."""
    text = f"These votes were cast on other texts and dates than the meeting: {_timing(facts)}."
    if not facts.opposed:
        text += " " + caveat(list(facts.positions))
    return MystBlock(":::{important}\n" + text + "\n:::")


def states_intro(facts: ReportFacts) -> MystBlock:
    """Chapter 5's first paragraph: which States the report lists, for what, where."""
    if not facts.states:
        return MystBlock(
            "The report names no State as making a statement or organising a side event."
        )
    parts = []
    if facts.listed:
        paras = join(facts.listed_paragraphs)
        cont = (
            ", a list that continues one in the main report, which this project does not hold"
            if facts.continued
            else ""
        )
        parts.append(
            f"the {_count(len(facts.listed))} States named as making a statement "
            f"(paragraph {paras}{cont})"
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
    if facts.organisations_listed:
        orgs = facts.organisations_listed
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
        f"Budapest Convention status on {BUDAPEST_STATUS_DATE}, recorded votes on "
        f"{_timing(facts).replace(' it', ' the meeting')}, signature of the UN Convention "
        "against Cybercrime), each with its source and how it is known: from an official "
        "record, from a secondary report, or inferred (marked as such). A fact that could not "
        'be verified is shown as "not verified" or "not recorded", never as "no". '
        + "".join(f"Note: {c}. " for c in group_caveats(_iso3s(facts.states)))
        + f"The report does not say what any of these States said{positions}.\n:::"
    )
    return MystBlock(f"{text}\n\n{note}")


def _iso3s(names: list[str]) -> set[str]:
    """The ISO codes of the States named (names that resolve to none are left out)."""
    return {code for code in map(resolve_state, names) if code}


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
        "the States listed as making a statement and the side-event organisers, the "
        "instruments, documents and "
        "organizations named.",
        f'- **Inferred**: themes (patterns, measured above); {stance}the "actors" of the '
        "explorer (names and addressee phrases).",
        f"- **Not in the report**: {missing}",
        "- **External** (`data/external`): each fact has a source; cells that could not be "
        'verified are empty and shown as "not verified" or "not recorded". The counts of '
        "missing facts for the States named in the report:",
    ]
    return MystBlock("\n".join(lines))


def agreement_sentence(scores: pd.DataFrame, shipped: bool = True) -> MystBlock:
    """One sentence on how the tags agree with the hand labels (the ``micro`` row of
    :func:`cybercrime_eg.themes.evaluate`), with what the figure can and cannot show."""
    micro = scores.set_index("theme").loc["micro"]
    tp, fp, fn = int(micro["tp"]), int(micro["fp"]), int(micro["fn"])
    f1 = micro["f1"]
    score = "not defined" if pd.isna(f1) else f"{float(f1):.2f}"
    text = (
        f"On this report the tagger finds {_plural(tp, 'item-theme pair')} that the hand labels "
        f"also have, adds {_count(fp) if fp else 'none'} they do not have and misses "
        f"{_count(fn) if fn else 'none'} (F1 {score})."
    )
    if shipped:
        text += (
            " This is a training score, not a measure of accuracy: the patterns were written and "
            "tuned on this very report, so it can only be an upper bound. The held-out "
            "sentences and fixture reports scored by `benchmarks/bench_themes.py` show how the "
            "patterns do on text they were not written for."
        )
    return MystBlock(text)
