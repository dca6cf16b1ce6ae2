"""Charts of the States the report names: map, facts compared, Budapest Convention dates.

Each builder takes :func:`~cybercrime_eg.states.profiles.report_state_facts` (one row per
State, every fact with a display label); counts, captions and the report's paragraphs come from it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..vocab import BUDAPEST_STATUS_DATE, RESOLUTIONS, ROLE_BOTH, ROLE_ORGANISER, ROLE_SPEAKER
from .geo import geo_layout, solid_choropleth
from .palettes import BUDAPEST_COLOURS, NOT_RECORDED, OKABE_ITO, VOTE_COLOURS
from .render import Chart, above_right, escape_text, render, style
from .themes import _series as _join

__all__ = ["STATE_FACETS", "budapest_dates_chart", "state_facets_chart", "state_map"]

#: Fact column -> (title, fixed colours); the first is what the map shows first.
STATE_FACETS: dict[str, tuple[str, dict[str, str] | None]] = {
    "role": ("Role in the report", None),
    "regional_group": ("UN regional group", None),
    "budapest_status": (f"Budapest status ({BUDAPEST_STATUS_DATE})", BUDAPEST_COLOURS),
    **{r.column: (f"Vote on {r.short} ({r.year})", VOTE_COLOURS) for r in RESOLUTIONS.values()},
    "un_convention_signature": ("UN Convention signature", None),
}


def _did(facts: pd.DataFrame) -> str:
    """'made statements or organised the side event', for the roles present."""
    roles = set(facts["role"])
    spoke = roles & {ROLE_SPEAKER, ROLE_BOTH}
    organised = roles & {ROLE_ORGANISER, ROLE_BOTH}
    parts = (["made statements"] if spoke else []) + (
        ["organised the side event"] if organised else []
    )
    return " or ".join(parts) or "the report names"


def _paragraphs(facts: pd.DataFrame) -> str:
    """'paragraphs 4 and 7': the report paragraphs that list the States."""
    paras = sorted({p for ps in facts["paragraphs"] for p in ps}, key=lambda p: (len(p), p))
    word = "paragraph" if len(paras) == 1 else "paragraphs"
    return f"{word} {_join(paras)}"


def _facet_colours(values: Sequence[str], fixed: dict[str, str] | None) -> dict[str, str]:
    colours: dict[str, str] = {}
    spare = iter(OKABE_ITO * 2)
    for v in values:
        if fixed and v in fixed:
            colours[v] = fixed[v]
        elif v.startswith("not "):
            colours[v] = NOT_RECORDED
        else:
            colours[v] = next(spare)
    return colours


def state_map(facts: pd.DataFrame) -> Chart:
    """Map of the report's States; a dropdown colours them by role, group, status or vote.

    ``facts`` is :func:`~cybercrime_eg.states.profiles.report_state_facts`.
    """
    fig = go.Figure()
    groups = []
    for facet, (title, fixed) in STATE_FACETS.items():
        values = sorted(set(facts[facet]), key=lambda v: (v.startswith("not "), v))
        colours = _facet_colours(values, fixed)
        idx = []
        for v in values:
            sub = facts[facts[facet] == v]
            idx.append(len(fig.data))
            fig.add_trace(
                solid_choropleth(
                    sub,
                    colours[v],
                    name=f"{v} ({len(sub)})",
                    visible=facet == "role",
                    border=0.5,
                    hover=f"{escape_text(title)}: {escape_text(v)}",
                )
            )
        groups.append((facet, title, idx))
    # Small States (Samoa, Vanuatu...) hardly show as shapes: mark every State with a dot too.
    fig.add_trace(
        go.Scattergeo(
            locations=list(facts["iso3"]),
            locationmode="ISO-3",
            mode="markers",
            name="location",
            showlegend=False,
            marker={"size": 5, "color": "#000000", "line": {"color": "#ffffff", "width": 1}},
            text=[escape_text(n) for n in facts["name"]],
            hovertemplate="<b>%{text}</b><extra></extra>",
        )
    )
    n = len(fig.data)
    buttons = [
        {
            "label": title,
            "method": "update",
            "args": [
                {"visible": [i in idx or i == n - 1 for i in range(n)]},
                {"legend.title.text": title},
            ],
        }
        for _, title, idx in groups
    ]
    geo_layout(fig)
    fig.update_layout(
        title={"text": "The States named in the report"},
        margin={"l": 8, "r": 8},
        legend={"title": {"text": STATE_FACETS["role"][0]}},
        updatemenus=[
            above_right(
                {
                    "buttons": buttons,
                    "direction": "down",
                }
            )
        ],
    )
    return render(
        style(fig),
        caption=(
            f"The {len(facts)} States that {_did(facts)}. The "
            "dropdown colours them by role, regional group, Budapest status, vote or signature "
            "of the UN Convention; grey is a fact not recorded or not verified. Dots mark small "
            f"States. Sources: the report ({_paragraphs(facts)}) and data/external."
        ),
        alt=(
            f"World map of the {len(facts)} States named in the report, from the "
            f"{_join(sorted(set(facts['regional_group'])))} regional groups, coloured by role."
        ),
        height=540,
    )


def state_facets_chart(facts: pd.DataFrame) -> Chart:
    """Counts of the report's States by a chosen fact (dropdown), split by role."""
    roles = sorted(set(facts["role"]))
    fig = go.Figure()
    facets = [f for f in STATE_FACETS if f != "role"]
    per = []
    for facet in facets:
        title, _ = STATE_FACETS[facet]
        values = sorted(set(facts[facet]), key=lambda v: (v.startswith("not "), v))
        idx = []
        for k, role in enumerate(roles):
            sub = facts[facts["role"] == role]
            idx.append(len(fig.data))
            names = [
                escape_text(", ".join(sub.loc[sub[facet] == v, "name"])) or "none" for v in values
            ]
            fig.add_trace(
                go.Bar(
                    x=values,
                    y=[int((sub[facet] == v).sum()) for v in values],
                    name=role,
                    legendgroup=role,
                    showlegend=True,
                    marker={"color": OKABE_ITO[k % len(OKABE_ITO)]},
                    visible=facet == facets[0],
                    customdata=names,
                    hovertemplate="%{x}: %{y}<br>%{customdata}<extra>" + role + "</extra>",
                )
            )
        per.append((facet, title, idx))
    n = len(fig.data)
    fig.update_layout(
        barmode="stack",
        title={"text": "The report's States compared"},
        xaxis={"title": {"text": STATE_FACETS[facets[0]][0]}, "type": "category"},
        yaxis={"title": {"text": "States"}},
        legend={"title": {"text": "Role in the report"}},
        updatemenus=[
            above_right(
                {
                    "buttons": [
                        {
                            "label": title,
                            "method": "update",
                            "args": [
                                {"visible": [i in idx for i in range(n)]},
                                {"xaxis.title.text": title},
                            ],
                        }
                        for _, title, idx in per
                    ],
                    "direction": "down",
                }
            )
        ],
    )
    return render(
        style(fig),
        caption=(
            "The States named in the report counted by the fact chosen in the dropdown (regional "
            "group, Budapest status, votes, UN Convention signature), stacked by role. Hover a "
            "bar for the States; 'not recorded' and 'not verified' are kept apart, never "
            "counted as 'no'."
        ),
        alt=f"Stacked bar chart of the {len(facts)} States named in the report by regional group.",
    )


def budapest_dates_chart(facts: pd.DataFrame, meeting: tuple[str, str] | None = None) -> Chart:
    """Budapest signature, ratification or accession and entry into force dates per State.

    ``facts`` is :func:`~cybercrime_eg.states.profiles.report_state_facts`; ``meeting`` is the
    report's meeting as ``(first day 'YYYY-MM-DD', label)``, drawn as a dotted line when given.
    """
    kinds = (
        ("budapest_signature_date", "signature", "circle-open"),
        ("budapest_ratification_or_accession_date", "ratification or accession", "diamond"),
        ("budapest_entry_into_force_date", "entry into force", "square"),
    )
    order = list(facts.sort_values("name", ascending=False)["name"])
    fig = go.Figure()
    for k, (col, label, symbol) in enumerate(kinds):
        sub = facts[facts[col].notna()]
        fig.add_trace(
            go.Scatter(
                x=list(sub[col]),
                y=[escape_text(n) for n in sub["name"]],
                mode="markers",
                name=label,
                marker={"symbol": symbol, "size": 10, "color": OKABE_ITO[k]},
                hovertemplate="<b>%{y}</b><br>" + label + ": %{x|%d %B %Y}<extra></extra>",
            )
        )
    missing = facts[facts[[c for c, _, _ in kinds]].isna().all(axis=1)]
    if meeting is not None:
        day, label = meeting
        fig.add_vline(x=day, line={"dash": "dot", "color": NOT_RECORDED})
        fig.add_annotation(
            x=day, y=1.0, yref="paper", text=escape_text(label), showarrow=False, yshift=10
        )
    dates = sorted(str(d) for c, _, _ in kinds for d in facts[c].dropna())
    span = f"from {dates[0][:4]} to {dates[-1][:4]}" if dates else "(none recorded)"
    fig.update_layout(
        title={"text": "Budapest Convention dates of the report's States"},
        xaxis={"title": {"text": "Date"}, "type": "date"},
        yaxis={
            "title": {"text": "State"},
            "categoryorder": "array",
            "categoryarray": [escape_text(n) for n in order],
        },
        height=max(420, 24 * len(facts) + 160),
    )
    return render(
        style(fig),
        caption=(
            "Dates of signature, ratification or accession and entry into force of the Budapest "
            "Convention; click a legend entry to hide a kind of date. States without a marker: "
            "no date recorded (not a party, or the date was not verified): "
            + (", ".join(missing["name"]) or "none")
            + ". Source: budapest_status.csv."
        ),
        alt=f"Dot chart of Budapest Convention dates {span} for the report's States.",
    )
