"""Chart builders for chapters 3 to 6. Each returns a rendered :class:`~.render.Chart`.

Every chart has a title, axis labels, a caption and an alt text, uses colour-blind-safe colours
and carries its own static-page controls (plotly dropdowns or buttons, hover, legend clicks).
Text from the report is escaped before it reaches a hover label. Missing facts are shown as
"not recorded" or "not verified", never as "no".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..text import clean_with_offsets
from .palettes import BUDAPEST_COLOURS, NOT_RECORDED, OKABE_ITO, SEQUENTIAL, VOTE_COLOURS
from .render import Chart, above_right, escape_text, hover_wrap, render, style, wrap_words

POSITIONS_CAVEAT = (
    "The report attributes positions (a) and (b) to no State ('it was suggested'); the votes "
    "shown are later, external facts, not positions taken at the meeting."
)

RESOLUTIONS = {
    "A/RES/74/247": ("vote_74_247", "74/247 (27 December 2019)"),
    "A/RES/73/187": ("vote_73_187", "73/187 (17 December 2018)"),
}
VOTE_ORDER = ("yes", "no", "abstain", "not recorded")

#: A colour bar laid flat under the plot (in the figure's bottom margin), so that a heatmap keeps
#: the chart's whole width on a phone.
COLORBAR_BELOW = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "xref": "container",
    "y": 0,
    "yanchor": "bottom",
    "yref": "container",
    "len": 220,
    "lenmode": "pixels",
    "thickness": 12,
}
BUDAPEST_ORDER = ("party", "signatory", "invited", "none", "not verified")

#: Who a recommendation addresses or names, found by these phrases in its cleaned text.
ACTOR_PATTERNS: dict[str, str] = {
    "Member States": r"\bMember States\b",
    "States and countries": r"\b(?<!Member )(States|Countries|countries)\b",
    "Law enforcement": r"\blaw enforcement\b|\bpolice\b|\binvestigators\b",
    "Prosecutors and judiciary": r"\bprosecut\w*|\bjudiciary\b|\bjudges\b",
    "Service providers and industry": r"\bservice providers\b|\bprivate industry\b|\bindustry\b",
    "UNODC": r"\bUNODC\b",
    "Academia": r"\bacademia\b",
}


def _vote_label(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "not recorded"
    text = str(value)
    return text if text in ("yes", "no", "abstain") else "not recorded"


def _budapest_label(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "not verified"
    text = str(value)
    return text if text in BUDAPEST_ORDER else "not verified"


def _item_order(recommendations: pd.DataFrame) -> list[str]:
    return list(recommendations.sort_values("start")["id"].astype(str))


def _theme_label(labels: dict[str, str], theme: str) -> str:
    return labels.get(theme, theme)


# --- chapter 3: themes ------------------------------------------------------------------------


def theme_matrix(
    tags: pd.DataFrame, recommendations: pd.DataFrame, labels: dict[str, str], order: Sequence[str]
) -> Chart:
    """Theme by recommendation matrix; hover shows the evidence; a dropdown picks the items."""
    items = _item_order(recommendations)
    level = dict(zip(recommendations["id"].astype(str), recommendations["level"], strict=True))
    evidence: dict[tuple[str, str], list[str]] = {}
    for row in tags.itertuples(index=False):
        evidence.setdefault((str(row.theme), str(row.item_id)), []).append(str(row.evidence))
    themes = [t for t in order if any(k[0] == t for k in evidence)]
    ylabels = [_theme_label(labels, t) for t in themes]

    def grid(cols: list[str]):
        z, text = [], []
        for t in themes:
            z.append([1 if (t, c) in evidence else 0 for c in cols])
            text.append(
                [
                    hover_wrap("; ".join(evidence[(t, c)]), 60) if (t, c) in evidence else "—"
                    for c in cols
                ]
            )
        return z, text

    subsets = {
        "All items and sub-items": items,
        "Items (a) to (q)": [i for i in items if int(level[i]) == 1],
        "Sub-items of (k)": [i for i in items if int(level[i]) == 2],
    }
    z, text = grid(items)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=items,
            y=ylabels,
            text=text,
            zmin=0,
            zmax=1,
            colorscale=[[0, "rgba(128,128,128,0.08)"], [1, OKABE_ITO[0]]],
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="<b>%{y}</b> in item %{x}<br>Evidence: %{text}<extra></extra>",
        )
    )
    buttons = []
    for name, cols in subsets.items():
        zz, tt = grid(cols)
        buttons.append(
            {"label": name, "method": "update", "args": [{"z": [zz], "x": [cols], "text": [tt]}]}
        )
    fig.update_layout(
        title={"text": "Themes of each recommendation"},
        xaxis={
            "title": {"text": "Recommendation (item of paragraph 1)"},
            "type": "category",
            "dtick": 1,
        },
        yaxis={"title": {"text": "Theme"}, "autorange": "reversed"},
        updatemenus=[
            above_right(
                {
                    "buttons": buttons,
                    "direction": "down",
                    "showactive": True,
                }
            )
        ],
    )
    n_pairs = len(evidence)
    return render(
        style(fig),
        caption=(
            f"Each filled cell is a theme found in a recommendation ({n_pairs} item-theme pairs). "
            "Hover a cell for the words that signalled the theme; the dropdown shows all items, "
            "the lettered items only, or the sub-items of (k). Source: themes table "
            "(cybercrime_eg.themes.tag_items on the shipped report)."
        ),
        alt=(
            f"Matrix of {len(themes)} themes by {len(items)} recommendations and sub-items, with "
            f"{n_pairs} filled cells marking which themes each recommendation addresses."
        ),
        height=max(420, 34 * len(themes) + 200),
        min_width=620,
    )


def theme_frequency(
    tags: pd.DataFrame, labels: dict[str, str], order: Sequence[str], n_items: int
) -> Chart:
    """How many recommendations carry each theme; buttons switch to the number of matches."""
    items = tags.groupby("theme")["item_id"].nunique()
    matches = tags.groupby("theme").size()
    themes = [t for t in order if t in items.index]
    themes.sort(key=lambda t: (items[t], matches[t]))
    names = [_theme_label(labels, t) for t in themes]
    fig = go.Figure(
        go.Bar(
            x=[int(items[t]) for t in themes],
            y=names,
            orientation="h",
            marker={"color": OKABE_ITO[0]},
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": "How often each theme occurs"},
        xaxis={"title": {"text": "Recommendations and sub-items"}},
        yaxis={"title": {"text": "Theme"}},
        updatemenus=[
            above_right(
                {
                    "type": "buttons",
                    "direction": "right",
                    "buttons": [
                        {
                            "label": "Items",
                            "method": "update",
                            "args": [
                                {"x": [[int(items[t]) for t in themes]]},
                                {"xaxis.title.text": "Recommendations and sub-items"},
                            ],
                        },
                        {
                            "label": "Matches",
                            "method": "update",
                            "args": [
                                {"x": [[int(matches[t]) for t in themes]]},
                                {"xaxis.title.text": "Phrases matched (evidence)"},
                            ],
                        },
                    ],
                }
            )
        ],
    )
    top = names[-1] if names else "none"
    return render(
        style(fig),
        caption=(
            f"Number of the report's {n_items} recommendations and sub-items tagged with each "
            "theme; the buttons switch between items and matched phrases (an item can match a "
            "theme more than once)."
        ),
        alt=f"Horizontal bar chart of {len(themes)} themes; the most frequent is {top}.",
        height=max(380, 36 * len(themes) + 200),
    )


def theme_cooccurrence(tags: pd.DataFrame, labels: dict[str, str], order: Sequence[str]) -> Chart:
    """Theme by theme: items carrying both; buttons switch to the share of the row's items."""
    by_theme = tags.groupby("theme")["item_id"].apply(lambda s: set(s.astype(str)))
    themes = [t for t in order if t in by_theme.index]
    names = [_theme_label(labels, t) for t in themes]
    counts, shares, hover = [], [], []
    for a in themes:
        crow, srow, hrow = [], [], []
        for b in themes:
            both = sorted(by_theme[a] & by_theme[b])
            crow.append(len(both))
            srow.append(round(len(both) / len(by_theme[a]), 3) if by_theme[a] else None)
            hrow.append(escape_text(", ".join(both)) or "none")
        counts.append(crow)
        shares.append(srow)
        hover.append(hrow)
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=names,
            y=names,
            text=hover,
            colorscale=SEQUENTIAL,
            colorbar=dict(COLORBAR_BELOW, title={"text": "Items", "side": "right"}),
            hovertemplate="<b>%{y}</b> with <b>%{x}</b>: %{z}<br>Items: %{text}<extra></extra>",
        )
    )
    numbers = [str(k) for k in range(1, len(names) + 1)]
    fig.update_layout(
        title={"text": "Themes that occur together"},
        # Columns are numbered as the rows: 13 long names side by side cannot be read on a phone.
        xaxis={
            "title": {"text": "Theme (numbered as the rows)"},
            "tickmode": "array",
            "tickvals": names,
            "ticktext": numbers,
            "tickangle": 0,
            "side": "bottom",
        },
        yaxis={
            "title": {"text": "Theme"},
            "autorange": "reversed",
            "tickmode": "array",
            "tickvals": names,
            "ticktext": [wrap_words(f"{k}. {n}", 24) for k, n in zip(numbers, names, strict=True)],
        },
        updatemenus=[
            above_right(
                {
                    "type": "buttons",
                    "direction": "right",
                    "buttons": [
                        {
                            "label": "Items in common",
                            "method": "restyle",
                            "args": [{"z": [counts], "colorbar.title.text": "Items"}],
                        },
                        {
                            "label": "Share of row",
                            "method": "restyle",
                            "args": [{"z": [shares], "colorbar.title.text": "Share"}],
                        },
                    ],
                }
            )
        ],
    )
    return render(
        style(fig),
        caption=(
            "Number of recommendations and sub-items tagged with both themes (the diagonal is "
            "each theme's own count). Hover a cell for the items; the buttons switch to the "
            "share of the row theme's items that also carry the column theme ('Share of row')."
        ),
        alt=f"Symmetric heatmap of co-occurrence counts between {len(themes)} themes.",
        height=max(480, 38 * len(themes) + 220),
        min_width=560,
    )


def explorer_items(
    recommendations: pd.DataFrame, tags: pd.DataFrame, mentions: pd.DataFrame, raw: str
) -> pd.DataFrame:
    """One row per recommendation with list columns ``themes``, ``instruments``, ``actors``.

    Instruments are the instruments and documents the item names (``mentions``); actors are
    the organizations, companies and States it names plus the addressees found by
    :data:`ACTOR_PATTERNS` in its cleaned text.
    """
    rows = []
    for r in recommendations.sort_values("start").itertuples(index=False):
        text, _ = clean_with_offsets(raw[int(r.start) : int(r.end)], base=int(r.start))
        mine = mentions[(mentions["start"] >= r.start) & (mentions["end"] <= r.end)]
        inst = sorted(set(mine.loc[mine["kind"].isin(["instrument", "document"]), "entity"]))
        named = set(mine.loc[mine["kind"].isin(["organization", "company", "state"]), "entity"])
        actors = {a for a, pat in ACTOR_PATTERNS.items() if re.search(pat, text)}
        item_themes = list(dict.fromkeys(tags.loc[tags["item_id"] == r.id, "theme"].astype(str)))
        rows.append(
            {
                "id": str(r.id),
                "text": text,
                "themes": item_themes,
                "instruments": [str(i) for i in inst],
                "actors": sorted(actors | {str(n) for n in named}),
            }
        )
    return pd.DataFrame(rows)


def explorer_html(items: pd.DataFrame, labels: dict[str, str]) -> str:
    """Static explorer: theme, instrument and actor filters and a free-text box over a table.

    Works without a kernel (``book/_assets/explorer.js``); every value is escaped and carried in
    ``data-`` attributes, never inserted as markup by the script.
    """

    def opts(values: Sequence[str], lab: dict[str, str] | None = None) -> str:
        lab = lab or {}
        return "".join(
            f'<option value="{escape_text(v)}">{escape_text(lab.get(v, v))}</option>'
            for v in values
        )

    themes = sorted({t for ts in items["themes"] for t in ts}, key=lambda t: labels.get(t, t))
    instruments = sorted({t for ts in items["instruments"] for t in ts})
    actors = sorted({t for ts in items["actors"] for t in ts})
    rows = []
    for r in items.itertuples(index=False):
        chips = "".join(
            f'<span class="cyb-chip">{escape_text(labels.get(t, t))}</span>' for t in r.themes
        )
        rows.append(
            f'<tr data-themes="{escape_text("|".join(r.themes))}" '
            f'data-instruments="{escape_text("|".join(r.instruments))}" '
            f'data-actors="{escape_text("|".join(r.actors))}">'
            f"<td>{escape_text(r.id)}</td><td>{chips}</td>"
            f"<td>{escape_text(', '.join(r.instruments)) or 'none named'}</td>"
            f"<td>{escape_text(r.text)}</td></tr>"
        )
    return (
        '<div class="cyb-explorer cyb-block" data-explorer="items">'
        '<div class="cyb-controls">'
        '<label>Theme <select data-filter="themes"><option value="">(any)</option>'
        f"{opts(themes, labels)}</select></label>"
        '<label>Instrument <select data-filter="instruments"><option value="">(any)</option>'
        f"{opts(instruments)}</select></label>"
        '<label>Actor <select data-filter="actors"><option value="">(any)</option>'
        f"{opts(actors)}</select></label>"
        '<label>Text <input type="search" data-filter="text" '
        'placeholder="words in the recommendation"></label>'
        "</div>"
        f'<p class="cyb-count" aria-live="polite">{len(items)} of {len(items)} items</p>'
        '<div class="cyb-scroll" tabindex="0" role="region" aria-label="Recommendations">'
        '<table class="cyb-table table"><thead><tr><th>Item</th><th>Themes</th>'
        "<th>Instruments named</th><th>Text</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></div>"
    )


# --- chapter 4: positions and votes -----------------------------------------------------------


def position_profile(positions: pd.DataFrame, labels: dict[str, str]) -> Chart:
    """Positions (a) and (b): which themes and instruments each touches, side by side."""
    aspects: list[tuple[str, str]] = []
    for col, kind in (
        ("themes", "Theme"),
        ("instruments", "Instrument"),
        ("documents", "Document"),
    ):
        for row in positions.itertuples(index=False):
            value = getattr(row, col)
            if isinstance(value, str) and value:
                for v in value.split("; "):
                    if (kind, v) not in aspects:
                        aspects.append((kind, v))
    cols = [
        f"({str(r.label).strip('()')}) {str(r.stance_label).replace('-', ' ')}"
        for r in positions.itertuples()
    ]
    names = [f"{k}: {_theme_label(labels, v) if k == 'Theme' else v}" for k, v in aspects]
    short = [_shorten(n, 34) for n in names]
    z, text = [], []
    for kind, v in aspects:
        zr, tr = [], []
        col = {"Theme": "themes", "Instrument": "instruments", "Document": "documents"}[kind]
        for row in positions.itertuples(index=False):
            vals = str(getattr(row, col) or "").split("; ")
            zr.append(1 if v in vals else 0)
            tr.append("named" if v in vals else "not named")
        z.append(zr)
        text.append(tr)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=cols,
            y=[escape_text(n) for n in short],
            text=text,
            customdata=[[escape_text(n)] * len(cols) for n in names],
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=3,
            ygap=3,
            colorscale=[[0, "rgba(128,128,128,0.08)"], [1, OKABE_ITO[2]]],
            hovertemplate="%{x}<br>%{customdata}: %{text}<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": "Positions (a) and (b): themes and instruments"},
        xaxis={
            "title": {"text": f"Position: {escape_text(', '.join(cols))}"},
            "tickangle": 0,
            "tickmode": "array",
            "tickvals": cols,
            "ticktext": [c.split(" ")[0] for c in cols],
        },
        yaxis={"title": {"text": "Theme or instrument"}, "autorange": "reversed"},
    )
    return render(
        style(fig),
        caption=(
            "Filled cells: the themes each position touches and the instruments and documents "
            "it cites, found in the text of recommendations (a) and (b). " + POSITIONS_CAVEAT
        ),
        alt=(
            f"Two-column grid comparing positions (a) and (b) on {len(aspects)} themes, "
            "instruments and documents."
        ),
        height=max(380, 40 * len(aspects) + 220),
    )


def _shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _geo_layout(fig: go.Figure) -> None:
    fig.update_geos(
        projection={"type": "natural earth"},
        showcountries=True,
        showland=True,
        landcolor="#d9d9d9",
        countrycolor="#ffffff",
        showframe=False,
        showcoastlines=False,
        bgcolor="rgba(0,0,0,0)",
        lataxis={"range": [-58, 85]},
    )


def _solid_choropleth(
    states: pd.DataFrame,
    colour: str,
    *,
    name: str,
    visible: bool,
    border: float,
    hover: str,
    **extra: object,
) -> go.Choropleth:
    """One legend entry of a categorical map: ``states`` (iso3, name) filled with ``colour``.

    ``hover`` is HTML shown under the State's name; escape any text in it.
    """
    return go.Choropleth(
        locations=list(states["iso3"]),
        z=[1] * len(states),
        locationmode="ISO-3",
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        name=name,
        showlegend=True,
        visible=visible,
        marker={"line": {"color": "#ffffff", "width": border}},
        text=[escape_text(n) for n in states["name"]],
        hovertemplate=f"<b>%{{text}}</b><br>{hover}<extra></extra>",
        **extra,
    )


def vote_map(states_df: pd.DataFrame) -> Chart:
    """World map of the recorded votes on 74/247 and 73/187 (dropdown), speakers marked."""
    members = states_df[states_df["un_member"].fillna(False).astype(bool)]
    fig = go.Figure()
    per_res = []
    for res, (col, _title) in RESOLUTIONS.items():
        idx = []
        labels = members[col].map(_vote_label)
        for vote in VOTE_ORDER:
            sub = members[labels == vote]
            idx.append(len(fig.data))
            fig.add_trace(
                _solid_choropleth(
                    sub,
                    VOTE_COLOURS[vote],
                    name=f"{vote} ({len(sub)})",
                    visible=res == "A/RES/74/247",
                    border=0.4,
                    hover=f"{res}: {vote}",
                    legendgroup=vote,
                )
            )
        per_res.append(idx)
    report = states_df[
        states_df["spoke_in_report"].fillna(False).astype(bool)
        | states_df["side_event_organizer_in_report"].fillna(False).astype(bool)
    ]
    marks = []
    for role, col, symbol in (
        ("spoke at the meeting", "spoke_in_report", "circle"),
        ("organised the side event", "side_event_organizer_in_report", "diamond"),
    ):
        sub = report[report[col].fillna(False).astype(bool)]
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
    for (_res, (_, title)), idx in zip(RESOLUTIONS.items(), per_res, strict=True):
        visible = [i in idx or i in marks for i in range(n)]
        buttons.append(
            {
                "label": f"Vote on {title.split(' (')[0]} ({title[-5:-1]})",
                "method": "update",
                "args": [
                    {"visible": visible},
                    {"title.text": f"Recorded votes on resolution {title}"},
                ],
            }
        )
    _geo_layout(fig)
    fig.update_layout(
        title={"text": f"Recorded votes on resolution {RESOLUTIONS['A/RES/74/247'][1]}"},
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
    counts = members["vote_74_247"].map(_vote_label).value_counts()
    return render(
        style(fig),
        caption=(
            "UN Member States coloured by their recorded vote; 'not recorded' means absent or "
            "did not vote. Circles: States that made statements at the meeting; diamonds: "
            "organisers of the side event. The dropdown switches resolution; click a legend "
            "entry to hide it. Source: unga_cybercrime_votes.csv (Voeten et al., via "
            "TidyTuesday). " + POSITIONS_CAVEAT
        ),
        alt=(
            "World map of the vote on resolution 74/247: "
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
                    visible=res == "A/RES/74/247",
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
    for (_res, (_, rtitle)), idx in zip(RESOLUTIONS.items(), traces_per_res, strict=True):
        buttons.append(
            {
                "label": f"Vote on {rtitle.split(' (')[0]} ({rtitle[-5:-1]})",
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
    out["vote"] = out["vote"].map(_vote_label)
    return out


def budapest_by_vote_chart(tables: dict[str, pd.DataFrame]) -> Chart:
    """Budapest status (2019-03-27) of the report's States by recorded vote (dropdown)."""
    frames = {}
    for res, frame in tables.items():
        f = _norm_vote_frame(frame)
        f["budapest_status"] = f["budapest_status"].map(_budapest_label)
        frames[res] = f.groupby(["budapest_status", "vote"], as_index=False).agg(
            n=("n", "sum"), states=("states", lambda s: "; ".join(x for x in s if x))
        )
    order = [
        b for b in BUDAPEST_ORDER if any((f["budapest_status"] == b).any() for f in frames.values())
    ]
    fig = _stacked(
        frames["A/RES/74/247"],
        "budapest_status",
        order,
        "Budapest Convention status of the report's States, by vote",
        "Budapest Convention status (27 March 2019)",
        frames,
        "states",
    )
    return render(
        style(fig),
        caption=(
            "The 19 States the report names (15 speakers and the side-event organisers), by "
            "their Budapest Convention status when the meeting opened and their recorded vote; "
            "the dropdown switches resolution. Hover a bar for the States. 'Not verified': the "
            "status could not be checked. " + POSITIONS_CAVEAT
        ),
        alt="Stacked bar chart of the report's States by Budapest status and recorded vote.",
    )


def regional_group_by_vote_chart(tables: dict[str, pd.DataFrame]) -> Chart:
    """All Member States by UN regional group and recorded vote (dropdown)."""
    frames = {}
    for res, frame in tables.items():
        f = _norm_vote_frame(frame)
        frames[res] = f.groupby(["regional_group", "vote"], as_index=False).agg(
            n=("n", "sum"),
            speaking_states=("speaking_states", lambda s: "; ".join(x for x in s if x)),
        )
    groups = sorted(set(frames["A/RES/74/247"]["regional_group"]))
    for f in frames.values():
        f["speaking_states"] = f["speaking_states"].map(
            lambda s: f"speaking States: {s}" if s else "no speaking State"
        )
    fig = _stacked(
        frames["A/RES/74/247"],
        "regional_group",
        groups,
        "UN regional groups by recorded vote",
        "UN regional group",
        frames,
        "speaking_states",
    )
    return render(
        style(fig),
        caption=(
            "All 193 UN Member States by regional group and recorded vote (Turkey, listed in two "
            "groups by the source, is counted in both). Hover a bar for the speaking States in "
            "it; the dropdown switches resolution. " + POSITIONS_CAVEAT
        ),
        alt="Stacked bar chart of UN regional groups by recorded vote on 74/247 and 73/187.",
    )


def vote_change_chart(states_df: pd.DataFrame) -> Chart:
    """2018 vote by 2019 vote; buttons switch between all Member States and the report's."""
    members = states_df[states_df["un_member"].fillna(False).astype(bool)].copy()
    members["v18"] = members["vote_73_187"].map(_vote_label)
    members["v19"] = members["vote_74_247"].map(_vote_label)
    in_report = members["spoke_in_report"].fillna(False).astype(bool) | members[
        "side_event_organizer_in_report"
    ].fillna(False).astype(bool)

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
            x=[f"2019: {v}" for v in VOTE_ORDER],
            y=[f"2018: {v}" for v in VOTE_ORDER],
            text=t_all,
            texttemplate="%{z}",
            colorscale=SEQUENTIAL,
            colorbar=dict(COLORBAR_BELOW, title={"text": "States", "side": "right"}),
            hovertemplate="%{y} → %{x}: %{z}<br>%{text}<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": "Vote changes from 73/187 (2018) to 74/247 (2019)"},
        xaxis={
            "title": {"text": "Vote on 74/247 (2019)"},
            "tickmode": "array",
            "tickvals": [f"2019: {v}" for v in VOTE_ORDER],
            "ticktext": [v.replace(" ", "<br>") for v in VOTE_ORDER],
            "tickangle": 0,
        },
        yaxis={
            "title": {"text": "Vote on 73/187 (2018)"},
            "autorange": "reversed",
            "tickmode": "array",
            "tickvals": [f"2018: {v}" for v in VOTE_ORDER],
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
            "States the report names. " + POSITIONS_CAVEAT
        ),
        alt=(
            f"Four by four matrix of 2018 votes against 2019 votes; {changed} Member States "
            "changed between yes, no and abstain."
        ),
        height=480,
    )


# --- chapter 5: speaking States ---------------------------------------------------------------

STATE_FACETS: dict[str, tuple[str, dict[str, str] | None]] = {
    "role": ("Role in the report", None),
    "regional_group": ("UN regional group", None),
    "budapest_status": ("Budapest status (27 March 2019)", BUDAPEST_COLOURS),
    "vote_74_247": ("Vote on 74/247 (2019)", VOTE_COLOURS),
    "vote_73_187": ("Vote on 73/187 (2018)", VOTE_COLOURS),
    "un_convention_signature": ("UN Convention signature", None),
}


def _role(row) -> str:
    spoke = bool(row["spoke_in_report"]) if pd.notna(row["spoke_in_report"]) else False
    org = (
        bool(row["side_event_organizer_in_report"])
        if pd.notna(row["side_event_organizer_in_report"])
        else False
    )
    if spoke and org:
        return "spoke and organised the side event"
    return "spoke at the meeting" if spoke else "organised the side event"


def report_state_facts(states_df: pd.DataFrame) -> pd.DataFrame:
    """The report's States with display labels for every facet (missing facts spelled out)."""
    rep = states_df[
        states_df["spoke_in_report"].fillna(False).astype(bool)
        | states_df["side_event_organizer_in_report"].fillna(False).astype(bool)
    ].copy()
    out = pd.DataFrame({"iso3": rep["iso3"].astype(str), "name": rep["name"].astype(str)})
    out["role"] = rep.apply(_role, axis=1).values
    out["regional_group"] = rep["regional_group"].fillna("not recorded").astype(str).values
    out["budapest_status"] = rep["budapest_status"].map(_budapest_label).values
    out["vote_74_247"] = rep["vote_74_247"].map(_vote_label).values
    out["vote_73_187"] = rep["vote_73_187"].map(_vote_label).values
    sig = rep["un_convention_signature"].astype("object")
    out["un_convention_signature"] = [
        "not verified" if (v is None or v is pd.NA or str(v) in ("unknown", "<NA>")) else str(v)
        for v in sig
    ]
    for col in (
        "budapest_signature_date",
        "budapest_ratification_or_accession_date",
        "budapest_entry_into_force_date",
        "un_convention_signature_date",
    ):
        out[col] = [
            None if (v is None or v is pd.NA or pd.isna(v)) else str(v)[:10] for v in rep[col]
        ]
    return out.sort_values("name").reset_index(drop=True)


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
    """Map of the report's States; a dropdown colours them by role, group, status or vote."""
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
                _solid_choropleth(
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
    _geo_layout(fig)
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
            f"The {len(facts)} States that made statements or organised the side event. The "
            "dropdown colours them by role, regional group, Budapest status, vote or signature "
            "of the UN Convention; grey is a fact not recorded or not verified. Dots mark small "
            "States. Sources: the report (paragraphs 4 and 7) and data/external."
        ),
        alt=(
            f"World map of the {len(facts)} States named in the report, in Latin America, "
            "Europe, Asia-Pacific, North Africa and the Middle East, coloured by role."
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


def budapest_dates_chart(facts: pd.DataFrame) -> Chart:
    """Budapest signature, ratification or accession and entry into force dates per State."""
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
    fig.add_vline(x="2019-03-27", line={"dash": "dot", "color": NOT_RECORDED})
    fig.add_annotation(
        x="2019-03-27", y=1.0, yref="paper", text="5th meeting", showarrow=False, yshift=10
    )
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
        alt="Dot chart of Budapest Convention dates from 2001 to 2019 for the report's States.",
    )


def comparison_html(facts: pd.DataFrame, initial: Sequence[str] = ()) -> str:
    """Static selector: choose two or more States, see their facts side by side.

    Works without a kernel (``book/_assets/explorer.js`` shows the chosen columns).
    """
    fields = [
        ("role", "Role in the report"),
        ("regional_group", "UN regional group"),
        ("budapest_status", "Budapest status (27 March 2019)"),
        ("budapest_signature_date", "Budapest signature"),
        ("budapest_ratification_or_accession_date", "Budapest ratification or accession"),
        ("budapest_entry_into_force_date", "Budapest entry into force"),
        ("vote_73_187", "Vote on 73/187 (2018)"),
        ("vote_74_247", "Vote on 74/247 (2019)"),
        ("un_convention_signature", "UN Convention signature"),
        ("un_convention_signature_date", "UN Convention signature date"),
    ]
    chosen = list(initial) or list(facts["iso3"][:2])
    options = "".join(
        f'<option value="{escape_text(r.iso3)}"{" selected" if r.iso3 in chosen else ""}>'
        f"{escape_text(r.name)}</option>"
        for r in facts.itertuples(index=False)
    )
    head = "".join(
        f'<th data-state="{escape_text(r.iso3)}"'
        f"{'' if r.iso3 in chosen else ' hidden'}>{escape_text(r.name)}</th>"
        for r in facts.itertuples(index=False)
    )
    body = []
    for col, title in fields:
        cells = []
        for r in facts.itertuples(index=False):
            v = getattr(r, col)
            text = "not recorded" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)
            cells.append(
                f'<td data-state="{escape_text(r.iso3)}"'
                f"{'' if r.iso3 in chosen else ' hidden'}>{escape_text(text)}</td>"
            )
        body.append(f"<tr><th>{escape_text(title)}</th>{''.join(cells)}</tr>")
    return (
        '<div class="cyb-statecompare cyb-block">'
        "<label>States to compare (hold Ctrl or Shift to choose several)<br>"
        f'<select multiple size="8" data-compare="states">{options}</select></label>'
        '<div class="cyb-scroll" tabindex="0" role="region" aria-label="States compared">'
        '<table class="cyb-table table"><thead><tr><th>Fact</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div></div>"
    )


# --- chapter 6: methods -----------------------------------------------------------------------


def agreement_chart(scores: pd.DataFrame, labels: dict[str, str]) -> Chart:
    """Per-theme precision, recall and F1 of the tagger against the hand labels."""
    per = scores[~scores["theme"].isin(["micro", "macro"])]
    names = [_theme_label(labels, t) for t in per["theme"]]
    fig = go.Figure()
    for k, metric in enumerate(("precision", "recall", "f1")):
        fig.add_trace(
            go.Bar(
                y=names,
                x=list(
                    per[metric].astype("Float64").astype(object).where(per[metric].notna(), None)
                ),
                orientation="h",
                name=metric if metric != "f1" else "F1",
                marker={"color": OKABE_ITO[k]},
                hovertemplate="%{y}: %{x:.2f}<extra>" + metric + "</extra>",
            )
        )
    # Horizontal bars: the theme names stay readable on a phone.
    fig.update_layout(
        barmode="group",
        bargap=0.25,
        title={"text": "Agreement of the theme tagger with a hand reading"},
        yaxis={"title": {"text": "Theme"}, "autorange": "reversed"},
        xaxis={"title": {"text": "Score (0 to 1)"}, "range": [0, 1.05]},
        height=max(420, 44 * len(names) + 200),
    )
    micro = scores[scores["theme"] == "micro"].iloc[0]
    return render(
        style(fig),
        caption=(
            "Precision, recall and F1 per theme of the automatic tags against the hand labels "
            "in tests/gold_themes.csv (written before the patterns). Click a legend entry to hide "
            f"a measure. Pooled over all themes: precision {float(micro['precision']):.2f}, "
            f"recall {float(micro['recall']):.2f}, F1 {float(micro['f1']):.2f}."
        ),
        alt=(
            f"Grouped bar chart of precision, recall and F1 for {len(per)} themes; pooled F1 is "
            f"{float(micro['f1']):.2f}."
        ),
    )
