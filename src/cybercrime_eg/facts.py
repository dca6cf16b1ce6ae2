"""What the book says about a report: its meeting, dates, lists, items and positions.

Frames in, plain values out: the report's front matter (``report_info``), paragraphs,
participants, recommendations and theme tags, and the meetings reference table. The book
computes every date, count, name and label it prints about the report from
:func:`report_facts`, so that it reads right for any report of the series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .positions import treaty_positions

__all__ = [
    "ReportFacts",
    "continued_sections",
    "endorsement_clause",
    "meeting_dates",
    "report_facts",
    "this_meeting",
]

# "A. Law enforcement and investigations (*continued*)": a section heading marked continued
_CONTINUED = re.compile(
    r"^\s*([A-Z])\.\s+(.+?)\s*\(\s*\*?continued\*?\s*\)\s*$", re.IGNORECASE | re.MULTILINE
)
# "their inclusion does not imply their endorsement by the Expert Group"
_ENDORSEMENT = re.compile(r"[^.;:,]*\bdoes not imply their endorsement by the [^,.;:]+")


def continued_sections(raw_text: str | None) -> set[tuple[str, str]]:
    """``(letter, title)`` of every section heading the report marks "(continued)".

    The parser keeps the mark out of ``section_title``; the book shows it wherever a heading
    is shown, since such a section continues one of the main report.
    """
    if not raw_text:
        return set()
    return {(m.group(1), " ".join(m.group(2).split())) for m in _CONTINUED.finditer(raw_text)}


def endorsement_clause(paragraphs: pd.DataFrame, ids: list[str]) -> str | None:
    """The report's own words that its items are not endorsed ('their inclusion does not imply
    their endorsement by the Expert Group'), from the paragraphs ``ids``; ``None`` if absent."""
    text = " ".join(paragraphs.loc[paragraphs["id"].astype(str).isin(ids), "text"].astype(str))
    m = _ENDORSEMENT.search(text)
    return " ".join(m.group(0).split()) if m else None


_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MONTH = "(" + "|".join(_MONTHS) + ")"
_DASH = r"\s*(?:[-–—]|to)\s*"
# "27–29 March 2019", "30 March–1 April 2019", "27 March 2019"
_DATES = re.compile(
    rf"(\d{{1,2}})(?:\s+{_MONTH})?(?:{_DASH}(\d{{1,2}})(?:\s+{_MONTH})?)?\s+{_MONTH}?\s*(\d{{4}})"
)


def meeting_dates(printed: object) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last day of a meeting from its printed dates ('27–29 March 2019').

    ``(None, None)`` when the text is missing or not a date range the series prints.
    """
    if printed is None or pd.isna(printed):
        return None, None
    m = _DATES.search(str(printed))
    if not m:
        return None, None
    d1, m1, d2, m2, m_end, year = m.groups()
    month_end = m2 or m_end or m1
    month_start = m1 or month_end
    if month_end is None:
        return None, None
    try:
        start = pd.Timestamp(f"{d1} {month_start} {year}")
        end = pd.Timestamp(f"{d2 or d1} {month_end} {year}")
    except ValueError:
        return None, None
    return start, end


def this_meeting(info: pd.DataFrame, meetings: pd.DataFrame) -> pd.Series | None:
    """The row of ``meetings`` (``expert_group_meetings``) whose first day is the report's.

    ``None`` when the report prints no meeting dates or no meeting starts on that day.
    """
    start, _ = meeting_dates(info["meeting_dates"].iloc[0] if len(info) else None)
    if start is None:
        return None
    firsts = pd.to_datetime(meetings["dates"].astype("string").str[:10], errors="coerce")
    hit = meetings[firsts == start]
    return hit.iloc[0] if len(hit) else None


@dataclass
class ReportFacts:
    """What the book says about a report, computed from its tables."""

    source_file: str
    body: str | None
    venue: str | None
    meeting_dates: str | None
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    ordinal: str | None
    listed: list[str] = field(default_factory=list)
    listed_paragraphs: list[str] = field(default_factory=list)
    organisations_listed: list[str] = field(default_factory=list)
    organisers: list[str] = field(default_factory=list)
    organiser_paragraphs: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)
    side_event: str | None = None
    n_items: int = 0
    n_sub_items: int = 0
    item_paragraphs: list[str] = field(default_factory=list)
    item_labels: list[str] = field(default_factory=list)
    sub_items: dict[str, list[str]] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    paragraph_numbers: list[int] = field(default_factory=list)
    positions: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    document_date: str | None = None
    continued: list[str] = field(default_factory=list)
    endorsement: str | None = None
    position_openings: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> int:
        """Number of numbered paragraphs."""
        return len(self.paragraph_numbers)

    @property
    def opposed(self) -> bool:
        """True when the report sets out positions for and against a new instrument."""
        return {"new-instrument", "existing-instruments"} <= set(self.positions.values())

    @property
    def states(self) -> list[str]:
        """Every State the report lists as making a statement or names as organiser, in order."""
        return list(dict.fromkeys(self.listed + self.organisers))

    @property
    def year(self) -> str | None:
        """Year of the meeting."""
        return str(self.start.year) if self.start is not None else None


def _clean(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


# "On the one hand it was suggested": the words a position begins with, up to its verb
_OPENING = re.compile(r"^(.{0,80}?\bit was (?:suggested|proposed|stated|noted))\b")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,})[”\"]")


def report_facts(
    info: pd.DataFrame,
    participants: pd.DataFrame,
    recommendations: pd.DataFrame,
    paragraphs: pd.DataFrame,
    meetings: pd.DataFrame | None = None,
    raw_text: str | None = None,
    tags: pd.DataFrame | None = None,
) -> ReportFacts:
    """The report's meeting, dates, listed States, side-event organisers, items and positions.

    ``positions`` (item label -> stance, 'unclear' when missing) needs ``raw_text`` and the
    theme ``tags``; the side event's title is the quoted title in the paragraph that names
    its organisers.
    """
    row = info.iloc[0] if len(info) else pd.Series(dtype=object)
    start, end = meeting_dates(row.get("meeting_dates"))
    meeting = this_meeting(info, meetings) if meetings is not None and len(info) else None
    ordinal = None if meeting is None else str(meeting["meeting"]).split(" ")[0]

    def who(role: str, kind: str = "state") -> tuple[list[str], list[str]]:
        sub = participants[(participants["role"] == role) & (participants["kind"] == kind)]
        return (
            list(dict.fromkeys(sub["name"].astype(str))),
            list(dict.fromkeys(sub["paragraph_id"].astype(str))),
        )

    listed, listed_paras = who("statement")
    organisers, organiser_paras = who("side-event-organizer")
    orgs, _ = who("statement", "organization")
    recs = recommendations.sort_values("start")
    level = recs["level"].astype(int)
    top = recs[level == 1]
    label_of = dict(zip(recs["id"].astype(str), recs["label"].astype(str), strict=True))
    sub_items: dict[str, list[str]] = {}
    for item in recs[level == 2].itertuples(index=False):
        parent = label_of.get(str(item.parent_id), str(item.parent_id))
        sub_items.setdefault(parent, []).append(str(item.label))
    paras = paragraphs.sort_values("start")
    item_paras = list(dict.fromkeys(recs["paragraph_id"].astype(str)))
    in_items = paras[paras["id"].astype(str).isin(item_paras)]
    side_event = None
    if organiser_paras:
        named = paras["id"].astype(str).isin(organiser_paras)
        m = _QUOTED.search(" ".join(paras.loc[named, "text"].astype(str)))
        side_event = m.group(1) if m else None
    positions: dict[str, str] = {}
    openings: dict[str, str] = {}
    if raw_text is not None and tags is not None and len(recs):
        treaty = treaty_positions(recs, raw_text, tags)
        positions = dict(zip(treaty["label"].astype(str), treaty["stance_label"], strict=True))
        texts = dict(zip(top["label"].astype(str), top["text"].astype(str), strict=True))
        for label in positions:
            m = _OPENING.match(texts.get(label, ""))
            if m:
                openings[label] = m.group(1)
    return ReportFacts(
        source_file=str(row.get("source_file", "")),
        body=_clean(row.get("body")),
        venue=_clean(row.get("venue")),
        meeting_dates=_clean(row.get("meeting_dates")),
        start=start,
        end=end,
        ordinal=ordinal,
        listed=listed,
        listed_paragraphs=listed_paras,
        organisations_listed=orgs,
        organisers=organisers,
        organiser_paragraphs=organiser_paras,
        both=[s for s in listed if s in organisers],
        side_event=side_event,
        n_items=int((level == 1).sum()),
        n_sub_items=int((level == 2).sum()),
        item_paragraphs=item_paras,
        item_labels=list(top["label"].astype(str)),
        sub_items=sub_items,
        sections=list(dict.fromkeys(in_items["section_title"].dropna().astype(str))),
        chapters=list(dict.fromkeys(paras["chapter_title"].dropna().astype(str))),
        paragraph_numbers=[int(n) for n in paras["number"]],
        positions=positions,
        title=_clean(row.get("title")),
        document_date=_clean(row.get("date")),
        continued=sorted({title for _, title in continued_sections(raw_text)}),
        endorsement=endorsement_clause(paragraphs, item_paras),
        position_openings=openings,
    )
