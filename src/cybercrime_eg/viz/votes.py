"""Charts of the General Assembly votes: the vote map, Budapest status and regional group by
vote, and vote changes from 2018 to 2019.

Each builder takes the states table; counts, captions and dropdowns are computed from it and
from the resolutions of :mod:`cybercrime_eg.vocab`. Missing votes are "not recorded", never
"no".
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..states import budapest_by_vote, regional_group_by_vote, select_states
from ..states.profiles import budapest_label, vote_label
from ..vocab import (
    BUDAPEST_STATUS_DATE,
    BUDAPEST_STATUSES,
    CAVEAT,
    NOT_RECORDED,
    NOT_VERIFIED,
    RESOLUTIONS,
    ROLE_ORGANISER,
    ROLE_SPEAKER,
    VOTES,
)
from .geo import geo_layout, solid_choropleth
from .palettes import SEQUENTIAL, VOTE_COLOURS
from .render import COLORBAR_BELOW, Chart, above_right, escape_text, hover_wrap, render, style
from .themes import _series as _join

__all__ = [
    "BUDAPEST_ORDER",
    "VOTE_ORDER",
    "budapest_by_vote_chart",
    "regional_group_by_vote_chart",
    "vote_change_chart",
    "vote_map",
]

VOTE_ORDER = (*VOTES, NOT_RECORDED)
BUDAPEST_ORDER = (*BUDAPEST_STATUSES, NOT_VERIFIED)
_DEFAULT = next(iter(RESOLUTIONS.values()))  # the newest vote, shown first
_OLD, _NEW = sorted(RESOLUTIONS.values(), key=lambda r: r.date)


def vote_map(states_df: pd.DataFrame, *, caveat: str = CAVEAT) -> Chart:
    """World map of the recorded votes on 74/247 and 73/187 (dropdown), speakers marked."""
    members = states_df[states_df["un_member"].fillna(False).astype(bool)]
    fig = go.Figure()
    per_res = []
    for res, spec in RESOLUTIONS.items():
        idx = []
        labels = members[spec.column].map(vote_label)
        for vote in VOTE_ORDER:
            sub = members[labels == vote]
            idx.append(len(fig.data))
            fig.add_trace(
                solid_choropleth(
                    sub,
                    VOTE_COLOURS[vote],
                    name=f"{vote} ({len(sub)})",
                    visible=res == _DEFAULT.symbol,
                    border=0.4,
                    hover=f"{res}: {vote}",
                    legendgroup=vote,
                )
            )
        per_res.append(idx)
    report = select_states(states_df, "report")
    marks = []
    for role, col, symbol in (
        (ROLE_SPEAKER, "spoke_in_report", "circle"),
        (ROLE_ORGANISER, "side_event_organizer_in_report", "diamond"),
    ):
        sub = report[report[col].fillna(False).astype(bool)]
        if sub.empty:
            continue
        marks.append(len(fig.data))
        fig.add_trace(
            go.Scattergeo(
                locations=list(sub["iso3"]),
                locationmode="ISO-3",
                mode="markers",
                name=f"{role} ({len(sub)})",
                marker={
                    "symbol": symbol,
                    "size": 9,
                    "color": "#000000" if symbol == "circle" else "#F0E442",
                    "line": {"color": "#ffffff", "width": 1.2},
                },
                text=[escape_text(n) for n in sub["name"]],
                hovertemplate=f"<b>%{{text}}</b><br>{role}<extra></extra>",
            )
        )
    n = len(fig.data)
    buttons = []
    for spec, idx in zip(RESOLUTIONS.values(), per_res, strict=True):
        visible = [i in idx or i in marks for i in range(n)]
        buttons.append(
            {
                "label": f"Vote on {spec.short} ({spec.year})",
                "method": "update",
                "args": [
                    {"visible": visible},
                    {"title.text": f"Recorded votes on resolution {spec.title}"},
                ],
            }
        )
    geo_layout(fig)
    fig.update_layout(
        title={"text": f"Recorded votes on resolution {_DEFAULT.title}"},
        margin={"l": 8, "r": 8},
        legend={"title": {"text": "Vote (States) and role in the report"}},
        updatemenus=[
            above_right(
                {
                    "buttons": buttons,
                    "direction": "down",
                }
            )
        ],
    )
    counts = members[_DEFAULT.column].map(vote_label).value_counts()
    marked = {
        ROLE_SPEAKER: "Circles: States that made statements at the meeting",
        ROLE_ORGANISER: "diamonds: organisers of the side event",
    }
    shown = [text for role, text in marked.items() if any(role in str(t.name) for t in fig.data)]
    marks_text = "; ".join(shown) + ". " if shown else ""
    marks_text = marks_text[:1].upper() + marks_text[1:]
    return render(
        style(fig),
        caption=(
            "UN Member States coloured by their recorded vote; 'not recorded' means absent or "
            f"did not vote. {marks_text}The dropdown switches resolution; click a legend "
            "entry to hide it. Source: unga_cybercrime_votes.csv (Voeten et al., via "
            "TidyTuesday). " + caveat
        ),
        alt=(
            f"World map of the vote on resolution {_DEFAULT.short}: "
            + ", ".join(f"{counts.get(v, 0)} {v}" for v in VOTE_ORDER)
            + "; the States named in the report are marked."
        ),
        height=560,
    )


def _stacked(
    frame: pd.DataFrame,
    x: str,
    x_order: Sequence[str],
    title: str,
    xtitle: str,
    res_frames: dict[str, pd.DataFrame],
    hover_col: str | None,
) -> go.Figure:
    fig = go.Figure()
    traces_per_res = []
    for res, sub in res_frames.items():
        idx = []
        for vote in VOTE_ORDER:
            part = sub[sub["vote"] == vote].set_index(x)
            idx.append(len(fig.data))
            ys = [int(part["n"].get(c, 0)) if c in part.index else 0 for c in x_order]
            hover = (
                [
                    escape_text(part[hover_col].get(c, "")) if c in part.index else ""
                    for c in x_order
                ]
                if hover_col
                else None
            )
            fig.add_trace(
                go.Bar(
                    x=list(x_order),
                    y=ys,
                    name=vote,
                    legendgroup=vote,
                    marker={"color": VOTE_COLOURS[vote]},
                    visible=res == _DEFAULT.symbol,
                    customdata=hover,
                    hovertemplate=(
                        f"%{{x}}: %{{y}} {vote}"
                        + ("<br>%{customdata}" if hover_col else "")
                        + "<extra></extra>"
                    ),
                )
            )
        traces_per_res.append(idx)
    n = len(fig.data)
    buttons = []
    for spec, idx in zip(RESOLUTIONS.values(), traces_per_res, strict=True):
        buttons.append(
            {
                "label": f"Vote on {spec.short} ({spec.year})",
                "method": "update",
                "args": [{"visible": [i in idx for i in range(n)]}],
            }
        )
    fig.update_layout(
        barmode="stack",
        title={"text": title},
        xaxis={"title": {"text": xtitle}, "type": "category"},
        yaxis={"title": {"text": "States"}},
        legend={"title": {"text": "Recorded vote"}},
        updatemenus=[
            above_right(
                {
                    "buttons": buttons,
                    "direction": "down",
                }
            )
        ],
    )
    return fig


def _norm_vote_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["vote"] = out["vote"].map(vote_label)
    return out


def budapest_by_vote_chart(states_df: pd.DataFrame, *, caveat: str = CAVEAT) -> Chart:
    """Budapest status (on the meeting date) of the report's States by recorded vote (dropdown).

    ``states_df`` is the states table; the counts are
    :func:`~cybercrime_eg.states.votes.budapest_by_vote` for each resolution.
    """
    frames = {}
    for res in RESOLUTIONS:
        f = _norm_vote_frame(budapest_by_vote(states_df, res))
        f["budapest_status"] = f["budapest_status"].map(budapest_label)
        frames[res] = f.groupby(["budapest_status", "vote"], as_index=False).agg(
            n=("n", "sum"), states=("states", lambda s: "; ".join(n for names in s for n in names))
        )
    order = [
        b for b in BUDAPEST_ORDER if any((f["budapest_status"] == b).any() for f in frames.values())
    ]
    fig = _stacked(
        frames[_DEFAULT.symbol],
        "budapest_status",
        order,
        "Budapest Convention status of the report's States, by vote",
        f"Budapest Convention status ({BUDAPEST_STATUS_DATE})",
        frames,
        "states",
    )
    n = int(frames[_DEFAULT.symbol]["n"].sum())
    return render(
        style(fig),
        caption=(
            f"The {n} States the report names ({_roles_phrase(states_df)}), by "
            f"their Budapest Convention status on {BUDAPEST_STATUS_DATE} and their recorded vote; "
            "the dropdown switches resolution. Hover a bar for the States. 'Not verified': the "
            "status could not be checked. " + caveat
        ),
        alt="Stacked bar chart of the report's States by Budapest status and recorded vote.",
    )


def _roles_phrase(states_df: pd.DataFrame) -> str:
    """'15 speakers and the 5 side-event organisers', from the states table."""
    n_speakers = int(select_states(states_df, "speakers").shape[0])
    n_org = int(select_states(states_df, "organizers").shape[0])
    parts = [f"{n_speakers} speakers"] if n_speakers else []
    if n_org:
        parts.append(
            f"the {n_org} side-event organisers" if parts else f"{n_org} side-event organisers"
        )
    return " and ".join(parts) or "no speaker or organiser"


def regional_group_by_vote_chart(states_df: pd.DataFrame, *, caveat: str = CAVEAT) -> Chart:
    """All Member States by UN regional group and recorded vote (dropdown).

    ``states_df`` is the states table; the counts are
    :func:`~cybercrime_eg.states.votes.regional_group_by_vote` for each resolution.
    """
    frames = {}
    for res in RESOLUTIONS:
        f = _norm_vote_frame(regional_group_by_vote(states_df, res))
        frames[res] = f.groupby(["regional_group", "vote"], as_index=False).agg(
            n=("n", "sum"),
            speaking_states=(
                "speaking_states",
                lambda s: "; ".join(n for names in s for n in names),
            ),
        )
    groups = sorted(set(frames[_DEFAULT.symbol]["regional_group"]))
    for f in frames.values():
        f["speaking_states"] = f["speaking_states"].map(
            lambda s: f"speaking States: {s}" if s else "no speaking State"
        )
    fig = _stacked(
        frames[_DEFAULT.symbol],
        "regional_group",
        groups,
        "UN regional groups by recorded vote",
        "UN regional group",
        frames,
        "speaking_states",
    )
    members = select_states(states_df, "members")
    twice = sorted(members.loc[members["regional_group"].str.contains("; ", na=False), "name"])
    note = (
        f" ({_join(twice)}, listed in two groups by the source, "
        f"{'is' if len(twice) == 1 else 'are'} counted in both)"
        if twice
        else ""
    )
    return render(
        style(fig),
        caption=(
            f"All {len(members)} UN Member States by regional group and recorded vote{note}. "
            "Hover a bar for the speaking States in it; the dropdown switches resolution. " + caveat
        ),
        alt=(
            "Stacked bar chart of UN regional groups by recorded vote on "
            + " and ".join(r.short for r in RESOLUTIONS.values())
            + "."
        ),
    )


def vote_change_chart(states_df: pd.DataFrame, *, caveat: str = CAVEAT) -> Chart:
    """2018 vote by 2019 vote; buttons switch between all Member States and the report's."""
    members = select_states(states_df, "members").copy()
    members["v18"] = members[_OLD.column].map(vote_label)
    members["v19"] = members[_NEW.column].map(vote_label)
    in_report = members["iso3"].isin(select_states(states_df, "report")["iso3"])

    def grid(frame: pd.DataFrame):
        z, text = [], []
        for v18 in VOTE_ORDER:
            zr, tr = [], []
            for v19 in VOTE_ORDER:
                sub = frame[(frame["v18"] == v18) & (frame["v19"] == v19)]
                zr.append(len(sub))
                names = list(sub["name"])
                shown = ", ".join(names[:12]) + (
                    f" and {len(names) - 12} more" if len(names) > 12 else ""
                )
                tr.append(hover_wrap(shown, 60) or "none")
            z.append(zr)
            text.append(tr)
        return z, text

    z_all, t_all = grid(members)
    z_rep, t_rep = grid(members[in_report])
    fig = go.Figure(
        go.Heatmap(
            z=z_all,
            x=[f"{_NEW.year}: {v}" for v in VOTE_ORDER],
            y=[f"{_OLD.year}: {v}" for v in VOTE_ORDER],
            text=t_all,
            texttemplate="%{z}",
            colorscale=SEQUENTIAL,
            colorbar=dict(COLORBAR_BELOW, title={"text": "States", "side": "right"}),
            hovertemplate="%{y} → %{x}: %{z}<br>%{text}<extra></extra>",
        )
    )
    fig.update_layout(
        title={
            "text": f"Vote changes from {_OLD.short} ({_OLD.year}) to {_NEW.short} ({_NEW.year})"
        },
        xaxis={
            "title": {"text": f"Vote on {_NEW.short} ({_NEW.year})"},
            "tickmode": "array",
            "tickvals": [f"{_NEW.year}: {v}" for v in VOTE_ORDER],
            "ticktext": [v.replace(" ", "<br>") for v in VOTE_ORDER],
            "tickangle": 0,
        },
        yaxis={
            "title": {"text": f"Vote on {_OLD.short} ({_OLD.year})"},
            "autorange": "reversed",
            "tickmode": "array",
            "tickvals": [f"{_OLD.year}: {v}" for v in VOTE_ORDER],
            "ticktext": list(VOTE_ORDER),
        },
        updatemenus=[
            above_right(
                {
                    "type": "buttons",
                    "direction": "right",
                    "buttons": [
                        {
                            "label": "All Member States",
                            "method": "restyle",
                            "args": [{"z": [z_all], "text": [t_all]}],
                        },
                        {
                            "label": "States in the report",
                            "method": "restyle",
                            "args": [{"z": [z_rep], "text": [t_rep]}],
                        },
                    ],
                }
            )
        ],
    )
    changed = sum(z_all[i][j] for i in range(3) for j in range(3) if i != j)
    return render(
        style(fig),
        caption=(
            "Each cell counts the States that voted as the row says in 2018 and as the column "
            "says in 2019; off the diagonal, the vote changed. 'Not recorded' (absent or did not "
            "vote) is not a change. Hover for the States; the buttons restrict the count to the "
            "States the report names. " + caveat
        ),
        alt=(
            f"Four by four matrix of {_OLD.year} votes against {_NEW.year} votes; {changed} "
            "Member States "
            "changed between yes, no and abstain."
        ),
        height=480,
    )
