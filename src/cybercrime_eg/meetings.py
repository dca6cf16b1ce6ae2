"""The report's meeting: its dates, its row in the Expert Group's meetings table, its lists.

Frames in, plain values out: the report's front matter (``report_info``), participants and
recommendations, and the meetings reference table. The book computes every date, count and
list it prints about the report from :func:`report_facts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["ReportFacts", "meeting_dates", "report_facts", "this_meeting"]

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
    speakers: list[str] = field(default_factory=list)
    speaker_paragraphs: list[str] = field(default_factory=list)
    organisations_speaking: list[str] = field(default_factory=list)
    organisers: list[str] = field(default_factory=list)
    organiser_paragraphs: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)
    n_items: int = 0
    n_sub_items: int = 0
    item_paragraphs: list[str] = field(default_factory=list)
    paragraphs: int = 0

    @property
    def states(self) -> list[str]:
        """Every State the report names as speaker or organiser, in report order."""
        return list(dict.fromkeys(self.speakers + self.organisers))

    @property
    def year(self) -> str | None:
        """Year of the meeting."""
        return str(self.start.year) if self.start is not None else None


def _clean(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def report_facts(
    info: pd.DataFrame,
    participants: pd.DataFrame,
    recommendations: pd.DataFrame,
    paragraphs: pd.DataFrame,
    meetings: pd.DataFrame | None = None,
) -> ReportFacts:
    """The report's meeting, dates, speakers, side-event organisers and item counts."""
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

    speakers, speaker_paras = who("statement")
    organisers, organiser_paras = who("side-event-organizer")
    orgs, _ = who("statement", "organization")
    level = (
        recommendations["level"].astype(int) if len(recommendations) else pd.Series([], dtype=int)
    )
    return ReportFacts(
        source_file=str(row.get("source_file", "")),
        body=_clean(row.get("body")),
        venue=_clean(row.get("venue")),
        meeting_dates=_clean(row.get("meeting_dates")),
        start=start,
        end=end,
        ordinal=ordinal,
        speakers=speakers,
        speaker_paragraphs=speaker_paras,
        organisations_speaking=orgs,
        organisers=organisers,
        organiser_paragraphs=organiser_paras,
        both=[s for s in speakers if s in organisers],
        n_items=int((level == 1).sum()),
        n_sub_items=int((level == 2).sum()),
        item_paragraphs=list(dict.fromkeys(recommendations["paragraph_id"].astype(str))),
        paragraphs=len(paragraphs),
    )
