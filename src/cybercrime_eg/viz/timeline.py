"""The treaty-process timeline of chapter 1."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from .palettes import TRACK_COLOURS
from .render import Chart, above_right, escape_text, hover_wrap, render, style


@dataclass(frozen=True)
class Event:
    """A dated event of the treaty process, with the document that records it."""

    date: str
    track: str
    label: str
    detail: str
    source: str


#: Background dates, each verified (see ``data/external/SOURCES.md``).
TREATY_EVENTS: tuple[Event, ...] = (
    Event(
        "2001-11-23",
        "Treaties",
        "Budapest Convention opened for signature",
        "Council of Europe Convention on Cybercrime (ETS No. 185) opened for signature in "
        "Budapest.",
        "Council of Europe, ETS No. 185",
    ),
    Event(
        "2017-10-11",
        "Treaties",
        "Draft UN convention submitted",
        "Draft United Nations convention on cooperation in combating cybercrime submitted to the "
        "Secretary-General.",
        "A/C.3/72/12, annex",
    ),
    Event(
        "2018-12-17",
        "General Assembly",
        "Resolution 73/187",
        "Countering the use of information and communications technologies for criminal purposes "
        "(recorded vote: 94 yes, 59 no, 33 abstain).",
        "A/RES/73/187",
    ),
    Event(
        "2019-12-27",
        "General Assembly",
        "Resolution 74/247",
        "Established the Ad Hoc Committee to elaborate a new convention (recorded vote: 79 yes, "
        "60 no, 33 abstain).",
        "A/RES/74/247",
    ),
    Event(
        "2024-12-24",
        "General Assembly",
        "UN Convention adopted",
        "United Nations Convention against Cybercrime adopted by the General Assembly.",
        "A/RES/79/243",
    ),
    Event(
        "2025-10-25",
        "Treaties",
        "UN Convention opened for signature (Hanoi)",
        "Opened for signature in Hanoi on 25 October 2025; enters into force 90 days after the "
        "40th ratification (article 65(1)).",
        "UN Treaty Collection, chapter XVIII-16",
    ),
)

TRACKS = ("Treaties", "General Assembly", "Expert Group")


def meeting_events(meetings: pd.DataFrame, highlight: str = "5th") -> list[Event]:
    """Turn the Expert Group meetings table into timeline events.

    ``meetings`` has the columns of ``data/external/expert_group_meetings.csv``: ``meeting``,
    ``dates`` (``YYYY-MM-DD/YYYY-MM-DD``, possibly followed by a note), ``venue`` and
    ``topics_or_agenda``. Empty cells are shown as "not recorded".
    """
    events = []
    for row in meetings.itertuples(index=False):
        dates = str(row.dates)
        start, _, rest = dates.partition("/")
        end = rest[:10]
        venue = row.venue if isinstance(row.venue, str) and row.venue else "venue not recorded"
        topics = row.topics_or_agenda
        topics = topics if isinstance(topics, str) and topics else "topics not recorded"
        name = f"{row.meeting} meeting"
        if str(row.meeting).startswith(highlight):
            name += " (this report)"
        events.append(
            Event(
                start[:10],
                "Expert Group",
                name,
                f"{start[:10]} to {end}, {venue}. {topics}.",
                str(row.source) if isinstance(row.source, str) else "not recorded",
            )
        )
    return events


def timeline_figure(meetings: pd.DataFrame, highlight: str = "5th") -> go.Figure:
    """Build the timeline figure: one row per track, one marker per dated event.

    Buttons above the chart switch between the whole period (2001-2025) and the years of the
    Expert Group's workplan and the General Assembly resolutions (2017-2020).
    """
    events = list(TREATY_EVENTS) + meeting_events(meetings, highlight)
    fig = go.Figure()
    for track in TRACKS:
        rows = [e for e in events if e.track == track]
        rows.sort(key=lambda e: e.date)
        is_current = [e.label.endswith("(this report)") for e in rows]
        fig.add_trace(
            go.Scatter(
                x=[e.date for e in rows],
                y=[track] * len(rows),
                mode="markers",
                name=track,
                marker={
                    "size": [20 if c else 13 for c in is_current],
                    "color": TRACK_COLOURS[track],
                    "symbol": ["star" if c else "circle" for c in is_current],
                    "line": {"width": 1, "color": "#ffffff"},
                },
                customdata=[
                    [escape_text(e.label), hover_wrap(e.detail, 60), escape_text(e.source)]
                    for e in rows
                ],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>%{x|%d %B %Y}<br>%{customdata[1]}"
                    "<br><i>Source: %{customdata[2]}</i><extra></extra>"
                ),
            )
        )
    # Short labels for the events that frame this report.
    # (text, above?, anchor): anchors keep labels of close events apart and inside the plot.
    labelled = {
        "Budapest Convention opened for signature": ("Budapest Convention", True, "left"),
        "Draft UN convention submitted": ("Draft UN convention", False, "right"),
        "Resolution 73/187": ("73/187", False, "right"),
        "Resolution 74/247": ("74/247", False, "left"),
        "UN Convention adopted": ("UN Convention<br>adopted", True, "right"),
        "UN Convention opened for signature (Hanoi)": ("Hanoi signing", False, "right"),
    }
    for e in events:
        if e.label in labelled or e.label.endswith("(this report)"):
            text, above, anchor = labelled.get(e.label, ("5th meeting", True, "center"))
            fig.add_annotation(
                x=e.date,
                y=e.track,
                text="<br>".join(escape_text(line) for line in text.split("<br>")),
                # on a phone (plotly-config.js) only the star's label stays; hover tells the rest
                name="cyb-wide-only" if e.label in labelled else None,
                showarrow=False,
                xanchor=anchor,
                yshift=16 if above else -16,
                font={"size": 11},
            )
    whole = ["2000-01-01", "2026-12-31"]
    process = ["2016-09-01", "2021-12-31"]
    fig.update_layout(
        title={"text": "The Expert Group on Cybercrime in the treaty process, 2001-2025"},
        xaxis={"title": {"text": "Date"}, "type": "date", "range": whole},
        yaxis={
            "title": {"text": "Track"},
            "categoryorder": "array",
            "categoryarray": list(TRACKS),
            "range": [-0.6, 2.6],
        },
        updatemenus=[
            above_right(
                {
                    "type": "buttons",
                    "direction": "right",
                    "showactive": True,
                    "buttons": [
                        {
                            "label": "2001-2025",
                            "method": "relayout",
                            "args": [{"xaxis.range": whole}],
                        },
                        {
                            "label": "2016-2021",
                            "method": "relayout",
                            "args": [{"xaxis.range": process}],
                        },
                    ],
                }
            )
        ],
    )
    return style(fig)


def timeline(meetings: pd.DataFrame, highlight: str = "5th") -> Chart:
    """The rendered timeline chart with its caption and alt text."""
    fig = timeline_figure(meetings, highlight)
    n = len(meetings)
    return render(
        fig,
        caption=(
            "Dated events of the treaty process. Star: the fifth meeting of the Expert Group "
            "(Vienna, 27-29 March 2019), whose draft report this book analyses. Hover a marker "
            "for the date, a description and the source; the buttons switch between the whole "
            "period and 2016-2021. Sources: data/external/expert_group_meetings.csv and the "
            "background dates verified in data/external/SOURCES.md."
        ),
        alt=(
            "Timeline in three rows. Treaties: Budapest Convention opened for signature on "
            "23 November 2001; draft UN convention submitted on 11 October 2017; UN Convention "
            "against Cybercrime opened for signature in Hanoi on 25 October 2025. General "
            "Assembly: resolution 73/187 on 17 December 2018, resolution 74/247 on 27 December "
            "2019, UN Convention adopted on 24 December 2024. Expert Group: "
            f"{n} meetings from January 2011 to April 2021, the fifth in March 2019."
        ),
        height=420,
    )
