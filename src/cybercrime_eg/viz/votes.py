"""Charts of the General Assembly votes: the vote map, Budapest status and regional group by
vote, and vote changes from 2018 to 2019.

Each builder takes the states table; counts, captions and dropdowns are computed from it and
from the resolutions of :mod:`cybercrime_eg.vocab`. Missing votes are "not recorded", never
"no".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go

from ..checks import require_frame, require_str
from ..states import budapest_by_vote, regional_group_by_vote, select_states
from ..states.profiles import budapest_label, vote_label
from ..vocab import (
    BASIS_LABELS,
    BUDAPEST_STATUS_DATE,
    BUDAPEST_STATUSES,
    CAVEAT,
    NOT_RECORDED,
    NOT_VERIFIED,
    RESOLUTIONS,
    US_WEOG_CAVEAT,
    VOTES,
    Resolution,
    basis_label,
    role_label,
)
from ..vocab import with_basis as tag_basis
from .geo import geo_layout, solid_choropleth, state_markers
from .palettes import INFERRED_PATTERN, SEQUENTIAL, VOTE_COLOURS
from .render import COLORBAR_BELOW, Chart, View, escape_text, hover_wrap, render, slug, style
from .states import _known_counts, names_by_basis
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
_ID = ["iso3", "name"]
_FLAGS = ["listed_in_addendum", "side_event_organizer_in_report"]
_STATES = "the states table"


def _report_mask(frame: pd.DataFrame) -> pd.Series:
    return frame["listed_in_addendum"].fillna(False).astype(bool) | frame[
        "side_event_organizer_in_report"
    ].fillna(False).astype(bool)


def vote_map(states_df: pd.DataFrame, *, caveat: str = CAVEAT) -> Chart:
    """World map of the recorded votes on 74/247 and 73/187 (one view each).

    Every UN Member State is coloured by its vote; the States the report names also get a
    circle in the same colour (several of them are too small to see as shapes), whose hover
    gives the State, its vote and its role in the report.
    """
    require_frame("states_df", states_df, [*_ID, "un_member", *_FLAGS], what=_STATES)
    require_str("caveat", caveat)
    members = states_df[states_df["un_member"].fillna(False).astype(bool)]
    in_report = _report_mask(members)
    roles = {
        r.iso3: role_label(bool(s), bool(o))
        for r, s, o in zip(
            members.itertuples(index=False),
            members["listed_in_addendum"].fillna(False),
            members["side_event_organizer_in_report"].fillna(False),
            strict=True,
        )
    }
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
                    hover=f"Vote on {spec.short}: {vote}",
                    legendgroup=vote,
                )
            )
            marked = sub[in_report[labels == vote]]
            idx.append(len(fig.data))
            fig.add_trace(
                state_markers(
                    marked,
                    VOTE_COLOURS[vote],
                    visible=res == _DEFAULT.symbol,
                    hover=[
                        f"Vote on {spec.short}: {vote}<br>{escape_text(roles[i])}"
                        for i in marked["iso3"]
                    ],
                    legendgroup=vote,
                )
            )
        per_res.append(idx)
    n = len(fig.data)
    geo_layout(fig)

    def title(spec) -> str:
        return f"How did each UN Member State vote on resolution {spec.title}?"

    fig.update_layout(
        title={"text": title(_DEFAULT)},
        margin={"l": 8, "r": 8},
        legend={"title": {"text": "Recorded vote (Member States)"}},
    )

    def caption(spec) -> str:
        counts = members[spec.column].map(vote_label).value_counts()
        tally = ", ".join(f"{counts.get(v, 0)} {v}" for v in VOTE_ORDER)
        return (
            f"UN Member States coloured by their recorded vote on {spec.short} ({tally}); 'not "
            "recorded' means absent or did not vote. Circles mark the "
            f"{int(in_report.sum())} States named in the report, filled with their vote. "
            "Source: unga_cybercrime_votes.csv (Voeten et al., via TidyTuesday). "
            + _vote_basis(states_df, spec)
            + caveat
        )

    views = _resolution_views(title, caption, per_res, n)
    rows = []
    for spec in RESOLUTIONS.values():
        for r, named in zip(members.itertuples(index=False), in_report, strict=True):
            rows.append(
                {
                    "resolution": spec.short,
                    "State": r.name,
                    "iso3": r.iso3,
                    "vote": vote_label(getattr(r, spec.column)),
                    "named in the report": bool(named),
                    "source": getattr(r, f"{spec.column}_source"),
                }
            )
    counts = members[_DEFAULT.column].map(vote_label).value_counts()
    return render(
        style(fig),
        caption=views[0].caption,
        alt=(
            f"World map of the vote on resolution {_DEFAULT.short}: "
            + ", ".join(f"{counts.get(v, 0)} {v}" for v in VOTE_ORDER)
            + "; the States named in the report are marked with circles."
        ),
        height=560,
        views=views,
        view_label="Resolution",
        data=pd.DataFrame(rows),
        name="vote-map",
    )


def _stacked(
    x: str,
    x_order: Sequence[str],
    title: Callable[[Resolution], str],
    caption: Callable[[Resolution], str],
    xtitle: str,
    res_frames: dict[str, pd.DataFrame],
    hover_col: str | None,
    hatched: frozenset[str] = frozenset(),
) -> tuple[go.Figure, list[View]]:
    """Stacked bars of ``x`` by recorded vote, one view per resolution.

    The categories in ``hatched`` (facts known only by inference, named '... (inferred)') are
    drawn by their own traces with :data:`~cybercrime_eg.viz.palettes.INFERRED_PATTERN`, in
    the legend group of their vote (the vote is recorded; the category is inferred).
    """
    fig = go.Figure()
    traces_per_res = []
    parts = [(list(c for c in x_order if c not in hatched), False)]
    if hatched:
        parts.append(([c for c in x_order if c in hatched], True))
    for res, sub in res_frames.items():
        idx = []
        for vote in VOTE_ORDER:
            part = sub[sub["vote"] == vote].set_index(x)
            for xs, inferred in parts:
                if inferred and not any(c in part.index for c in xs):
                    continue
                idx.append(len(fig.data))
                ys = [int(part["n"].get(c, 0)) if c in part.index else 0 for c in xs]
                hover = (
                    [str(part[hover_col].get(c, "")) if c in part.index else "" for c in xs]
                    if hover_col
                    else None
                )
                marker: dict = {"color": VOTE_COLOURS[vote]}
                if inferred:
                    marker["pattern"] = dict(INFERRED_PATTERN)
                fig.add_trace(
                    go.Bar(
                        x=xs,
                        y=ys,
                        name=f"{vote}: Budapest status (inferred)" if inferred else vote,
                        legendgroup=vote,
                        showlegend=not inferred,
                        marker=marker,
                        visible=res == _DEFAULT.symbol,
                        customdata=hover,
                        hovertemplate=(
                            f"<b>%{{x}}</b>: %{{y}} {vote}"
                            + ("<br>%{customdata}" if hover_col else "")
                            + "<extra></extra>"
                        ),
                    )
                )
        traces_per_res.append(idx)
    n = len(fig.data)
    views = _resolution_views(title, caption, traces_per_res, n)
    fig.update_layout(
        barmode="stack",
        title={"text": title(_DEFAULT)},
        xaxis={
            "title": {"text": xtitle},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(x_order),
        },
        yaxis={"title": {"text": "States"}},
        legend={"title": {"text": "Recorded vote"}},
    )
    return fig, views


def _long_rows(
    res_frames: dict[str, pd.DataFrame], x: str, x_name: str, extra: dict[str, str]
) -> pd.DataFrame:
    """The bars of a stacked vote chart, one row per resolution, category and vote."""
    rows = []
    for res, frame in res_frames.items():
        for r in frame.itertuples(index=False):
            row = {"resolution": RESOLUTIONS[res].short, x_name: getattr(r, x)}
            row.update({"vote": r.vote, "States": int(r.n)})
            row.update({name: getattr(r, col) for col, name in extra.items()})
            row["source"] = r.source
            rows.append(row)
    columns = ["resolution", x_name, "vote", "States", *extra.values(), "source"]
    return pd.DataFrame(rows, columns=columns)


def _norm_vote_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["vote"] = out["vote"].map(vote_label)
    return out


def _budapest_rows(states_df: pd.DataFrame) -> pd.DataFrame:
    """The report's States with their Budapest status as charted ('none (inferred)' when the
    status is inferred) and how it is known (``budapest_status_basis``, '' when not verified)."""
    rows = select_states(states_df, "report")
    status = rows["budapest_status"].map(budapest_label)
    if "budapest_status_basis" in rows.columns:
        how = rows["budapest_status_basis"].map(lambda b: b if isinstance(b, str) else "")
    else:
        how = pd.Series([""] * len(rows), index=rows.index, dtype="object")
    out = rows.assign(status=status, basis=how)
    out["category"] = [tag_basis(s, b) for s, b in zip(status, how, strict=True)]
    return out


def budapest_by_vote_chart(states_df: pd.DataFrame, *, caveat: str = CAVEAT) -> Chart:
    """Budapest status (on the meeting date) of the report's States by recorded vote, one view
    per resolution.

    ``states_df`` is the states table (with ``budapest_status_basis`` when known). A status
    known only by inference is a category of its own ('none (inferred)'), drawn hatched;
    hover a bar for its States, grouped by how their status is known (official record,
    secondary report, inferred). The counts are those of
    :func:`~cybercrime_eg.states.votes.budapest_by_vote`, split by basis.
    """
    require_frame("states_df", states_df, [*_ID, "budapest_status"], what=_STATES)
    require_str("caveat", caveat)
    rows = _budapest_rows(states_df)
    frames = {}
    for res, spec in RESOLUTIONS.items():
        sources = budapest_by_vote(states_df, res)["source"]
        source = str(sources.iloc[0]) if len(sources) else ""
        voted = rows.assign(vote=rows[spec.column].map(vote_label))
        out = []
        for (cat, vote), grp in voted.groupby(["category", "vote"], sort=True):
            grp = grp.sort_values("name")
            out.append(
                {
                    "budapest_status": cat,
                    "vote": vote,
                    "n": len(grp),
                    "states": names_by_basis(grp["name"], grp["basis"]),
                    "known": "; ".join(
                        f"{n} ({basis_label(b) if b else NOT_VERIFIED})"
                        for n, b in zip(grp["name"], grp["basis"], strict=True)
                    ),
                    "source": source,
                }
            )
        frames[res] = pd.DataFrame(
            out, columns=["budapest_status", "vote", "n", "states", "known", "source"]
        )
    present = set(rows["category"])
    order = [c for b in BUDAPEST_ORDER for c in (b, tag_basis(b, "inferred")) if c in present]
    hatched = frozenset(c for c in order if c != c.removesuffix(" (inferred)"))
    n = len(rows)
    inferred = rows[rows["basis"] == "inferred"]

    def title(spec: Resolution) -> str:
        return (
            "Did the report's States that were party to the Budapest Convention vote "
            f"differently on {spec.short}?"
        )

    def caption(spec: Resolution) -> str:
        return (
            f"The {n} States the report names ({_roles_phrase(states_df)}), by their Budapest "
            f"Convention status on {BUDAPEST_STATUS_DATE} and their recorded vote on "
            f"{spec.short} ({spec.year}). Hover a bar for its States and how each status is "
            f"known{_known_counts(rows['basis'])}. 'Not verified': the status could not be "
            "checked. " + _budapest_basis(inferred) + _vote_basis(states_df, spec) + caveat
        )

    fig, views = _stacked(
        "budapest_status",
        order,
        title,
        caption,
        f"Budapest Convention status ({BUDAPEST_STATUS_DATE})",
        frames,
        "states",
        hatched,
    )
    return render(
        style(fig),
        caption=views[0].caption,
        alt=(
            "Stacked bar chart of the report's States by Budapest status and recorded vote"
            + (
                f"; the {len(inferred)} statuses known only by inference are hatched bars of "
                "their own, named '(inferred)'."
                if len(inferred) > 1
                else "; the one status known only by inference is a hatched bar of its own, "
                "named '(inferred)'."
                if len(inferred)
                else "."
            )
        ),
        views=views,
        view_label="Resolution",
        data=_long_rows(
            frames,
            "budapest_status",
            f"Budapest Convention status ({BUDAPEST_STATUS_DATE})",
            {"known": "States named (how the status is known)"},
        ),
        name="budapest-by-vote",
    )


def _resolution_views(
    title: Callable[[Resolution], str],
    caption: Callable[[Resolution], str],
    per_res: list[list[int]],
    n: int,
) -> list[View]:
    """One view per resolution: its traces (``per_res``, indices among ``n``) visible, the
    others hidden, with the resolution's title and caption."""
    return [
        View(
            label=f"Vote on {spec.short} ({spec.year})",
            key=slug(spec.short),
            title=title(spec),
            caption=caption(spec),
            data={"visible": [i in idx for i in range(n)]},
        )
        for spec, idx in zip(RESOLUTIONS.values(), per_res, strict=True)
    ]


def _vote_basis(states_df: pd.DataFrame, spec: Resolution) -> str:
    """How the recorded votes are known, from the ``<vote>_basis`` column: one sentence."""
    col = f"{spec.column}_basis"
    if col not in states_df.columns:
        return ""
    bases = sorted(set(states_df[col].dropna().astype(str)))
    if not bases:
        return ""
    labels = " and ".join(BASIS_LABELS.get(b, b) for b in bases)
    return (
        f"How the votes are known: {labels} (see data/annotations/fact_basis.csv; "
        "'secondary': a research data set built from the General Assembly's record). "
    )


def _budapest_basis(inferred: pd.DataFrame) -> str:
    """One sentence naming the States (rows) whose Budapest status is inferred."""
    if inferred.empty:
        return ""
    names = ", ".join(sorted(inferred["name"].astype(str)))
    return (
        "Hatched bars, named '(inferred)': a status inferred from other facts, not read in a "
        f"record ({names}). "
    )


def _roles_phrase(states_df: pd.DataFrame) -> str:
    """'the N States listed as making a statement and the M side-event organisers'."""
    n_listed = int(select_states(states_df, "listed").shape[0])
    n_org = int(select_states(states_df, "organizers").shape[0])
    parts = [f"{n_listed} States listed as making a statement"] if n_listed else []
    if n_org:
        parts.append(
            f"the {n_org} side-event organisers" if parts else f"{n_org} side-event organisers"
        )
    return " and ".join(parts) or "no State listed as making a statement or organising"


def regional_group_by_vote_chart(states_df: pd.DataFrame, *, caveat: str = CAVEAT) -> Chart:
    """All Member States by UN regional group and recorded vote, one view per resolution.

    ``states_df`` is the states table; the counts are
    :func:`~cybercrime_eg.states.votes.regional_group_by_vote` for each resolution.
    """
    require_frame("states_df", states_df, [*_ID, "regional_group"], what=_STATES)
    require_str("caveat", caveat)
    frames = {}
    for res in RESOLUTIONS:
        f = _norm_vote_frame(regional_group_by_vote(states_df, res))
        frames[res] = f.groupby(["regional_group", "vote"], as_index=False).agg(
            n=("n", "sum"),
            listed_states=(
                "listed_states",
                lambda s: "; ".join(n for names in s for n in names),
            ),
            source=("source", lambda s: "; ".join(dict.fromkeys(str(v) for v in s))),
        )
    groups = sorted(set(frames[_DEFAULT.symbol]["regional_group"]))
    for f in frames.values():
        f["listed_states"] = f["listed_states"].map(
            lambda s: (
                escape_text(f"listed in this addendum as making a statement: {s}") if s else ""
            )
        )
    members = select_states(states_df, "members")
    twice = sorted(members.loc[members["regional_group"].str.contains("; ", na=False), "name"])
    note = (
        f" ({_join(twice)}, listed in two groups by the source, "
        f"{'is' if len(twice) == 1 else 'are'} counted in both)"
        if twice
        else ""
    )

    def title(spec: Resolution) -> str:
        return f"How did each UN regional group vote on {spec.short} ({spec.year})?"

    def caption(spec: Resolution) -> str:
        return (
            f"All {len(members)} UN Member States by regional group and recorded vote on "
            f"{spec.short}{note}. Hover a bar for the States in it that this addendum lists "
            f"as making a statement. Note: {US_WEOG_CAVEAT}. " + caveat
        )

    fig, views = _stacked(
        "regional_group", groups, title, caption, "UN regional group", frames, "listed_states"
    )
    return render(
        style(fig),
        caption=views[0].caption,
        alt=(
            "Stacked bar chart of UN regional groups by recorded vote on "
            + " and ".join(r.short for r in RESOLUTIONS.values())
            + "."
        ),
        views=views,
        view_label="Resolution",
        data=_long_rows(
            frames,
            "regional_group",
            "UN regional group",
            {"listed_states": "States listed as making a statement"},
        ),
        name="regional-group-by-vote",
    )


def vote_change_chart(states_df: pd.DataFrame, *, caveat: str = CAVEAT) -> Chart:
    """2018 vote by 2019 vote; two views: all Member States and the States the report names."""
    require_frame("states_df", states_df, [*_ID, _OLD.column, _NEW.column], what=_STATES)
    require_str("caveat", caveat)
    members = select_states(states_df, "members").copy()
    members["v18"] = members[_OLD.column].map(vote_label)
    members["v19"] = members[_NEW.column].map(vote_label)
    in_report = members["iso3"].isin(select_states(states_df, "report")["iso3"])
    source = (
        f"unga_cybercrime_votes.csv: {_OLD.symbol} ({_OLD.roll_call}); "
        f"{_NEW.symbol} ({_NEW.roll_call})"
    )
    rows: list[dict] = []

    def grid(frame: pd.DataFrame, who: str):
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
                rows.append(
                    {
                        "States counted": who,
                        f"Vote on {_OLD.short} ({_OLD.year})": v18,
                        f"Vote on {_NEW.short} ({_NEW.year})": v19,
                        "States": len(sub),
                        "names": "; ".join(names),
                        "source": source,
                    }
                )
            z.append(zr)
            text.append(tr)
        return z, text

    z_all, t_all = grid(members, "All Member States")
    z_rep, t_rep = grid(members[in_report], "States named in the report")
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

    def title(who: str) -> str:
        return (
            f"Did {who} change their vote from {_OLD.short} ({_OLD.year}) to "
            f"{_NEW.short} ({_NEW.year})?"
        )

    def changed(z) -> int:
        return sum(z[i][j] for i in range(3) for j in range(3) if i != j)

    def caption(who: str, z) -> str:
        return (
            f"{who}: each cell counts the States that voted as the row says in {_OLD.year} and "
            f"as the column says in {_NEW.year}; off the diagonal, the vote changed "
            f"({changed(z)} changed between yes, no and abstain). 'Not recorded' (absent or did "
            "not vote) is not a change. Hover for the States. "
            + _vote_basis(states_df, _NEW)
            + caveat
        )

    views = [
        View(
            label="All Member States",
            key="all",
            title=title("UN Member States"),
            caption=caption("All Member States", z_all),
            data={"z": [z_all], "text": [t_all]},
        ),
        View(
            label="States in the report",
            key="report",
            title=title("the States named in the report"),
            caption=caption("States named in the report", z_rep),
            data={"z": [z_rep], "text": [t_rep]},
        ),
    ]
    fig.update_layout(
        title={"text": views[0].title},
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
    )
    return render(
        style(fig),
        caption=views[0].caption,
        alt=(
            f"Four by four matrix of {_OLD.year} votes against {_NEW.year} votes; "
            f"{changed(z_all)} Member States changed between yes, no and abstain."
        ),
        height=480,
        views=views,
        view_label="States counted",
        data=pd.DataFrame(rows),
        name="vote-changes",
    )
