"""The treaty-process timeline: dated events (``treaty_events.csv``) and the Expert Group's
meetings, with the report's own meeting marked.

The chart takes the two tables as frames; every label, range and caption is computed from them
and from the meeting marked (``highlight``). Every event shows how it is known
(``event_basis``): a filled marker for an event read in an official record, an open marker
for one known only from secondary reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from ..checks import require_frame, require_str
from ..vocab import BASIS_LABELS, NOT_RECORDED
from .palettes import TRACK_COLOURS
from .render import Chart, View, escape_text, hover_wrap, render, style

__all__ = [
    "Event",
    "TRACKS",
    "event_basis",
    "event_list",
    "meeting_events",
    "timeline",
    "timeline_figure",
]


@dataclass(frozen=True)
class Event:
    """A dated event of the treaty process, with the document that records it and how the
    event is known (``basis``: 'official' or 'secondary', :func:`event_basis`)."""

    date: str
    track: str
    label: str
    detail: str
    source: str
    short: str = ""
    above: bool = True
    anchor: str = "center"
    current: bool = False
    basis: str = ""


TRACKS = ("Treaties", "General Assembly", "Ad Hoc Committee", "Expert Group")
_EVENT_COLUMNS = ["event", "date", "end_date", "place", "detail", "source"]
_MEETING_COLUMNS = ["meeting", "dates", "venue", "topics_or_agenda", "source"]


def _check_inputs(meetings: object, events: object, highlight: object) -> None:
    require_frame("meetings", meetings, _MEETING_COLUMNS, what="expert_group_meetings()")
    require_frame("events", events, _EVENT_COLUMNS, what="treaty_events()")
    require_str("highlight", highlight, allow_none=True)


#: Short labels drawn on the chart for the events that frame the debate (the others are on
#: hover): pattern on the event text -> (label, above the marker?, anchor).
_SHORT: tuple[tuple[str, str, bool, str], ...] = (
    (r"^Budapest Convention .*opened for signature", "Budapest Convention", True, "left"),
    (r"^Draft UN convention", "Draft UN convention", False, "right"),
    (r"^General Assembly adopts resolution (\d+/\d+)", r"\1", False, "right"),
    (r"^General Assembly adopts the UN Convention", "UN Convention<br>adopted", True, "right"),
    (r"^UN Convention .*opened for signature", "{place} signing", False, "right"),
)


#: The beginning of a source that is the UN's, UNODC's or the Council of Europe's own record:
#: a UN document symbol (``A/C.3/72/12``, "preamble of A/RES/74/247"), the UN Treaty
#: Collection, a UN press release, a UNODC page (or a dated copy of it), the Council of
#: Europe treaty office.
OFFICIAL_SOURCE = re.compile(
    r"^(?:preamble of |paragraph \d+ of )?"
    r"(?:[AE]/[A-Z0-9.]+/|UN Treaty Collection\b|UN press release\b|UNODC\b|unodc\.org\b"
    r"|Council of Europe treaty office\b)"
)


def event_basis(source: str) -> str:
    """How an event is known, from its ``source`` cell: 'official' or 'secondary'.

    The rule: the cell lists its sources separated by semicolons (a semicolon inside
    parentheses does not separate). A source is an official record when it *begins* with
    the name of the UN's, UNODC's or the Council of Europe's own record
    (:data:`OFFICIAL_SOURCE`); any other source is a secondary report: news agencies,
    ministries' press releases, research data sets such as Voeten's, reports of sessions,
    a third party's copy of a document ("technodocbox copy of EG.4/2017/4"). An event is
    'official' when at least one of its sources is an official record (its occurrence and
    date are then read in the record; the hover names every source), else 'secondary'. An
    empty cell gives '' (no source recorded).
    """
    parts = [p.strip() for p in re.split(r";(?![^()]*\))", str(source)) if p.strip()]
    if not parts:
        return ""
    return "official" if any(OFFICIAL_SOURCE.match(p) for p in parts) else "secondary"


def known_from(basis: str) -> str:
    """'official record', 'secondary report', or 'no source recorded' for an empty basis."""
    return BASIS_LABELS.get(basis, "no source recorded")


def _track(event: str) -> str | None:
    if event.startswith("Expert Group"):
        return None  # the meetings table gives the Expert Group's track
    if event.startswith("Ad Hoc Committee"):
        return "Ad Hoc Committee"
    if event.startswith(("General Assembly", "Third Committee")):
        return "General Assembly"
    return "Treaties"


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _day(value: object) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def event_list(events: pd.DataFrame) -> list[Event]:
    """The rows of ``treaty_events`` as timeline events (Expert Group rows left to the
    meetings table). The hover text gives the place, the detail, the source and, when it is
    not 'high', the confidence of the row; ``basis`` grades the source (:func:`event_basis`)."""
    require_frame("events", events, _EVENT_COLUMNS, what="treaty_events()")
    out = []
    for row in events.itertuples(index=False):
        track = _track(str(row.event))
        if track is None:
            continue
        start, end = _day(row.date), _day(row.end_date)
        place, detail = _text(row.place), _text(row.detail)
        when = f"{start} to {end}" if end and end != start else start
        text = ". ".join(p for p in (f"{when}, {place}" if place else when, detail) if p) + "."
        if str(row.confidence) != "high":
            text += f" Confidence: {row.confidence} (one source found)."
        short, above, anchor = "", True, "center"
        for pattern, label, up, side in _SHORT:
            m = re.search(pattern, str(row.event))
            if m:
                short = m.expand(label).replace("{place}", place or "")
                above, anchor = up, side
                break
        source = _text(row.source)
        out.append(
            Event(
                start,
                track,
                str(row.event),
                text,
                source,
                short,
                above,
                anchor,
                basis=event_basis(source),
            )
        )
    return out


def meeting_events(meetings: pd.DataFrame, highlight: str | None = None) -> list[Event]:
    """Turn the Expert Group meetings table into timeline events.

    ``meetings`` has the columns of ``expert_group_meetings.csv`` (``data/external``): ``meeting``,
    ``dates`` (``YYYY-MM-DD/YYYY-MM-DD``, possibly followed by a note), ``venue`` and
    ``topics_or_agenda``. Empty cells are shown as "not recorded". The meeting called
    ``highlight`` (e.g. '5th') is the report's: it is drawn as a star. ``basis`` grades the
    ``source`` cell (:func:`event_basis`).
    """
    require_frame("meetings", meetings, _MEETING_COLUMNS, what="expert_group_meetings()")
    require_str("highlight", highlight, allow_none=True)
    events = []
    for row in meetings.itertuples(index=False):
        dates = str(row.dates)
        start, _, rest = dates.partition("/")
        end = rest[:10]
        venue = _text(row.venue) or f"venue {NOT_RECORDED}"
        topics = _text(row.topics_or_agenda) or f"topics {NOT_RECORDED}"
        current = highlight is not None and str(row.meeting).split(" ")[0] == highlight
        name = f"{row.meeting} meeting" + (" (this report)" if current else "")
        source = _text(row.source)
        events.append(
            Event(
                start[:10],
                "Expert Group",
                name,
                f"{start[:10]} to {end}, {venue}. {topics}.",
                source or NOT_RECORDED,
                f"{str(row.meeting).split(' ')[0]} meeting" if current else "",
                current=current,
                basis=event_basis(source),
            )
        )
    return events


#: Width of the timeline's plot area on the book's page at 1280 px, and of one character of
#: a label (font size 11), in pixels: to tell whether two labels would meet.
PLOT_PX = 700
CHAR_PX = 6.5


def label_box(e: Event, start: pd.Timestamp, per_px: float) -> tuple[float, float]:
    """The days (from ``start``) that the label of ``e`` covers at ``per_px`` days per pixel,
    as placed by its anchor; its width is estimated from its longest line."""
    x = (pd.Timestamp(e.date) - start).days
    width = (max(len(line) for line in e.short.split("<br>")) * CHAR_PX + 8) * per_px
    lo = {"right": x - width, "left": x, "center": x - width / 2}[e.anchor]
    return lo, lo + width


def label_scale(events: list[Event]) -> tuple[pd.Timestamp, float]:
    """The first date of ``events`` and the days per pixel of the whole period on the page
    (:data:`PLOT_PX`; the axis adds a year on each side)."""
    dates = [pd.Timestamp(e.date) for e in events]
    start = min(dates)
    return start, max((max(dates) - start).days, 1) * 1.1 / PLOT_PX


def _spread(events: list[Event]) -> list[Event]:
    """The events, each label placed where it meets no label placed before it on its track.

    Labels are placed in date order. Each keeps its side (above or below the marker) and
    anchor when it fits there; else the first of: the other anchor, the other side, the other
    side with the other anchor (:func:`label_box`). When none fits, it keeps its own place.
    """
    if not events:
        return []
    start, per_px = label_scale(events)
    flip = {"right": "left", "left": "right", "center": "center"}
    taken: dict[tuple[str, bool], list[tuple[float, float]]] = {}

    def fits(e: Event) -> bool:
        lo, hi = label_box(e, start, per_px)
        return not any(a < hi and lo < b for a, b in taken.get((e.track, e.above), []))

    out = []
    for e in sorted(events, key=lambda e: (e.track, e.date)):
        if e.short:
            tries = [
                replace(e, above=above, anchor=anchor)
                for above in (e.above, not e.above)
                for anchor in (e.anchor, flip[e.anchor])
            ]
            e = next((t for t in tries if fits(t)), e)
            taken.setdefault((e.track, e.above), []).append(label_box(e, start, per_px))
        out.append(e)
    return out


def symbol(e: Event) -> str:
    """The marker of an event: a star for the report's meeting, else a circle; filled when the
    event is read in an official record, open ('-open') otherwise."""
    shape = "star" if e.current else "circle"
    return shape if e.basis == "official" else f"{shape}-open"


def _shapes(events: list[Event]) -> str:
    """The caption's sentence on the markers' shapes, with the counts of each."""
    official = sum(e.basis == "official" for e in events)
    other = len(events) - official
    return (
        f"A filled marker is an event read in an official record, the UN's, UNODC's or the "
        f"Council of Europe's own ({official} events); an open marker, an event known only from "
        f"secondary reports such as news agencies, ministries' press releases or research "
        f"data sets ({other} events). "
    )


def _years(events: list[Event]) -> tuple[int, int]:
    years = [int(e.date[:4]) for e in events]
    return min(years), max(years)


def timeline_figure(
    meetings: pd.DataFrame, events: pd.DataFrame, highlight: str | None = None
) -> go.Figure:
    """Build the timeline figure: one row per track, one marker per dated event.

    Buttons above the chart switch between the whole period and the six years around the
    report's meeting (``highlight``; without it, around the General Assembly votes).
    """
    _check_inputs(meetings, events, highlight)
    all_events = event_list(events) + meeting_events(meetings, highlight)
    tracks = [t for t in TRACKS if any(e.track == t for e in all_events)]
    fig = go.Figure()
    for track in tracks:
        rows = sorted((e for e in all_events if e.track == track), key=lambda e: e.date)
        fig.add_trace(
            go.Scatter(
                x=[e.date for e in rows],
                y=[track] * len(rows),
                mode="markers",
                name=track,
                showlegend=False,  # the row says the track
                # one colour (MARK); the shape says how the event is known: filled when it
                # is read in an official record, open when known only from secondary reports
                marker={
                    "size": [20 if e.current else 13 for e in rows],
                    "color": TRACK_COLOURS[track],
                    "symbol": [symbol(e) for e in rows],
                    "line": {
                        "width": [1 if e.basis == "official" else 2 for e in rows],
                        "color": "#ffffff",
                    },
                },
                customdata=[
                    [
                        escape_text(e.label),
                        hover_wrap(e.detail, 60),
                        hover_wrap(e.source, 60),
                        escape_text(known_from(e.basis)),
                    ]
                    for e in rows
                ],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>%{x|%d %B %Y}<br>%{customdata[1]}"
                    "<br>Known from: %{customdata[3]}"
                    "<br><i>Source: %{customdata[2]}</i><extra></extra>"
                ),
            )
        )
    for e in _spread(all_events):
        if e.short:
            fig.add_annotation(
                x=e.date,
                y=e.track,
                text="<br>".join(escape_text(line) for line in e.short.split("<br>")),
                # on a phone (plotly-config.js) only the star's label stays; hover tells the rest
                name=None if e.current else "cyb-wide-only",
                showarrow=False,
                xanchor=e.anchor,
                yshift=16 if e.above else -16,
                font={"size": 11},
            )
    first, last = _years(all_events)
    whole, process, middle = _ranges(all_events)
    fig.update_layout(
        title={"text": _range_title(first, last)},
        xaxis={"title": {"text": "Date"}, "type": "date", "range": whole},
        yaxis={
            "title": {"text": "Track"},
            "categoryorder": "array",
            "categoryarray": tracks,
            "range": [-0.6, len(tracks) - 0.4],
        },
    )
    return style(fig)


def _ranges(events: list[Event]) -> tuple[list[str], list[str], int]:
    """The whole period, the six years around the report's meeting, and the middle year."""
    first, last = _years(events)
    current = [e for e in events if e.current]
    middle = int(current[0].date[:4]) if current else (first + last) // 2
    whole = [f"{first - 1}-01-01", f"{last + 1}-12-31"]
    process = [f"{middle - 3}-01-01", f"{middle + 2}-12-31"]
    return whole, process, middle


def _range_title(first: int, last: int) -> str:
    return f"Where does the Expert Group's meeting sit in the treaty process, {first}-{last}?"


def _long_date(day: str) -> str:
    return f"{pd.Timestamp(day).day} {pd.Timestamp(day):%B %Y}"


def timeline(meetings: pd.DataFrame, events: pd.DataFrame, highlight: str | None = None) -> Chart:
    """The rendered timeline chart with its caption and alt text.

    ``meetings`` is ``expert_group_meetings``, ``events`` is ``treaty_events`` (both from
    :mod:`cybercrime_eg.external`); ``highlight`` names the report's meeting ('5th'), or
    ``None`` when the report's meeting is not in the table.
    """
    _check_inputs(meetings, events, highlight)
    fig = timeline_figure(meetings, events, highlight)
    all_events = event_list(events) + meeting_events(meetings, highlight)
    first, last = _years(all_events)
    current = [e for e in all_events if e.current]
    if current:
        row = meetings[meetings["meeting"].astype(str).str.split(" ").str[0] == highlight].iloc[0]
        start, _, rest = str(row.dates).partition("/")
        venue = _text(row.venue) or NOT_RECORDED
        star = (
            f"Star: the {highlight} meeting of the Expert Group ({venue}, {start[:10]} to "
            f"{rest[:10]}), whose report this book analyses. "
        )
    else:
        star = "The report's meeting is not in the meetings table. "
    per_track = []
    for track in [t for t in TRACKS if any(e.track == t for e in all_events)]:
        named = [e for e in all_events if e.track == track and e.short and not e.current]
        listed = "; ".join(f"{e.short.replace('<br>', ' ')} on {_long_date(e.date)}" for e in named)
        n = sum(e.track == track for e in all_events)
        per_track.append(f"{track}: {n} events" + (f", among them {listed}" if listed else ""))
    meeting_years = sorted(e.date[:4] for e in all_events if e.track == "Expert Group")
    whole, process, middle = _ranges(all_events)
    inside = [e for e in all_events if process[0] <= e.date <= process[1]]
    shapes = _shapes(all_events)
    n_open = sum(e.basis != "official" for e in all_events)
    main_caption = (
        f"Dated events of the treaty process, {first}-{last}. {star}{shapes}Hover a marker for "
        "the date, a description, how it is known and the source. Sources: "
        "data/external/treaty_events.csv and data/external/expert_group_meetings.csv "
        "(see data/external/SOURCES.md)."
    )

    views = [
        View(
            label=f"{first}-{last}",
            key=f"{first}-{last}",
            title=_range_title(first, last),
            caption=main_caption,
            layout={"xaxis.range": whole},
        ),
        View(
            label=f"{middle - 3}-{middle + 2}",
            key=f"{middle - 3}-{middle + 2}",
            title=_range_title(middle - 3, middle + 2),
            caption=(
                f"Dated events of the treaty process, {middle - 3}-{middle + 2}: the "
                f"{len(inside)} events of the years around the meeting. {star}"
                f"{_shapes(inside)}Hover a marker for the date, a description, how it is known "
                "and the source. Sources: "
                "data/external/treaty_events.csv and data/external/expert_group_meetings.csv "
                "(see data/external/SOURCES.md)."
            ),
            layout={"xaxis.range": process},
        ),
    ]
    return render(
        fig,
        caption=main_caption,
        alt=(
            f"Timeline {first}-{last} in {len(per_track)} rows. "
            + ". ".join(per_track)
            + (
                f". The meetings table records {len(meeting_years)} Expert Group meetings from "
                f"{meeting_years[0]} to {meeting_years[-1]}."
                if meeting_years
                else "."
            )
            + (
                f" Open markers: the {n_open} events known only from secondary reports; filled "
                "markers: events read in an official record."
                if n_open
                else " Every event is read in an official record (filled markers)."
            )
        ),
        height=460,
        views=views,
        view_label="Period",
        data=pd.DataFrame(
            [
                {
                    "date": e.date,
                    "track": e.track,
                    "event": e.label,
                    "detail": e.detail,
                    "known from": known_from(e.basis),
                    "source": e.source,
                }
                for e in sorted(all_events, key=lambda e: (e.date, e.track))
            ]
        ),
        name="timeline",
    )
