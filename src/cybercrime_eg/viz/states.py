"""Charts of the States the report names: map, facts compared, Budapest Convention dates.

Each builder takes :func:`~cybercrime_eg.states.profiles.report_state_facts` (one row per
State, every fact with a display label); counts, captions and the report's paragraphs come from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..checks import require_frame
from ..states.profiles import FACT_SOURCE, SOURCE_COLUMN
from ..vocab import (
    BASIS_LABELS,
    BUDAPEST_STATUS_DATE,
    RESOLUTIONS,
    ROLE_BOTH,
    ROLE_LISTED,
    ROLE_ORGANISER,
    basis_label,
    group_caveat,
    group_caveats,
)
from ..vocab import with_basis as tag_basis
from .geo import geo_layout, solid_choropleth, state_markers
from .palettes import (
    BUDAPEST_COLOURS,
    FACT_COLOURS,
    INFERRED_PATTERN,
    MARK,
    NOT_RECORDED,
    VOTE_COLOURS,
    category_colour,
    lighter,
    role_colour,
)
from .render import Chart, View, escape_text, hover_wrap, render, slug, style
from .themes import _series as _join

__all__ = [
    "STATE_FACETS",
    "basis",
    "budapest_dates_chart",
    "state_facets_chart",
    "state_map",
    "with_basis",
]

#: Fact column -> (title, fixed colours); the first is what the map shows first.
STATE_FACETS: dict[str, tuple[str, dict[str, str] | None]] = {
    "role": ("Role in the report", None),
    "regional_group": ("UN regional group", None),
    "budapest_status": (f"Budapest status ({BUDAPEST_STATUS_DATE})", BUDAPEST_COLOURS),
    **{r.column: (f"Vote on {r.short} ({r.year})", VOTE_COLOURS) for r in RESOLUTIONS.values()},
    "un_convention_signature": ("UN Convention signature", None),
}
_FACTS = "report_state_facts()"
_FACT_COLUMNS = ["iso3", "name", *STATE_FACETS]
_DATE_COLUMNS = [
    "budapest_signature_date",
    "budapest_ratification_or_accession_date",
    "budapest_entry_into_force_date",
]


#: Words that begin a proper name: a label that begins with one keeps its capital when it
#: runs on in a sentence ("coloured by Budapest status", never "budapest status").
PROPER_NAMES: tuple[str, ...] = (
    "Budapest",
    "Council of Europe",
    "United Nations",
    "General Assembly",
    "Expert Group",
    "Ad Hoc Committee",
    "Third Committee",
    "Member State",
    "Hanoi",
    "Vienna",
)
_PROPER = re.compile(r"(?:{})\b".format("|".join(map(re.escape, PROPER_NAMES))))


def lower_first(label: str) -> str:
    """``label`` with its first letter lower-cased to run on in a sentence, unless it begins
    with an acronym ("UN regional group" stays) or a proper name of :data:`PROPER_NAMES`
    ("Budapest status" stays); "Vote on 74/247" becomes "vote on 74/247"."""
    if len(label) > 1 and label[1].isupper():
        return label
    if _PROPER.match(label):
        return label
    return label[:1].lower() + label[1:]


def _did(facts: pd.DataFrame) -> str:
    """'are listed as making a statement or organised the side event', for the roles present."""
    roles = set(facts["role"])
    listed = roles & {ROLE_LISTED, ROLE_BOTH}
    organised = roles & {ROLE_ORGANISER, ROLE_BOTH}
    parts = (["are listed in this addendum as making a statement"] if listed else []) + (
        ["organised the side event"] if organised else []
    )
    return " or ".join(parts) or "the report names"


def _paragraphs(facts: pd.DataFrame) -> str:
    """'paragraphs 4 and 7': the report paragraphs that list the States."""
    paras = sorted({p for ps in facts["paragraphs"] for p in ps}, key=lambda p: (len(p), p))
    word = "paragraph" if len(paras) == 1 else "paragraphs"
    return f"{word} {_join(paras)}"


def _colour(facet: str, value: str) -> str:
    """The book's one colour for ``value`` of ``facet`` (grey for a missing fact)."""
    try:
        return category_colour(facet, value)
    except KeyError:
        return NOT_RECORDED if str(value).startswith("not ") else MARK


def basis(facts: pd.DataFrame, facet: str) -> pd.Series:
    """How each State's ``facet`` is known ('official', 'secondary', 'inferred'), from the
    ``<facet>_basis`` column; empty strings when the frame has no such column."""
    col = f"{facet}_basis"
    if col not in facts.columns:
        return pd.Series([""] * len(facts), index=facts.index, dtype="object")
    return facts[col].astype("object").where(facts[col].notna(), "").astype(str)


def with_basis(facts: pd.DataFrame, states_df: pd.DataFrame) -> pd.DataFrame:
    """``facts`` with the ``*_basis`` columns of the states table (by ``iso3``) it lacks."""
    require_frame("facts", facts, ["iso3"], what=_FACTS)
    require_frame("states_df", states_df, ["iso3"], what="the states table")
    extra = {c: c for c in states_df.columns if c.endswith("_basis") and c not in facts.columns}
    for fact, col in SOURCE_COLUMN.items():
        if fact in facts.columns and col in states_df.columns:
            extra.setdefault(f"{fact}_source", col)
    if not extra:
        return facts
    lookup = states_df.drop_duplicates("iso3").set_index("iso3")
    out = facts.copy()
    for new, col in extra.items():
        if new not in out.columns:
            out[new] = out["iso3"].map(lookup[col]).values
    return out


#: Values shown under another name: a signature "yes" is "signed" (a "yes" is a vote's colour).
DISPLAY_VALUES: dict[str, dict[str, str]] = {"un_convention_signature": {"yes": "signed"}}


def for_display(facts: pd.DataFrame) -> pd.DataFrame:
    """``facts`` with the values of :data:`DISPLAY_VALUES` renamed for charts and tables."""
    require_frame("facts", facts, what=_FACTS)
    out = facts.copy()
    for col, names in DISPLAY_VALUES.items():
        if col in out.columns:
            out[col] = out[col].map(lambda v, n=names: n.get(v, v) if isinstance(v, str) else v)
    return out


def _is_inferred(value: str) -> bool:
    return str(value).strip().lower() == "inferred"


def _source(facts: pd.DataFrame, facet: str) -> pd.Series:
    col = {"role": None}.get(facet, f"{facet}_source")
    if col and col in facts.columns:
        return facts[col].astype("object").fillna("").astype(str)
    if facet == "role":
        return pd.Series(
            [
                f"the report, {'paragraphs' if len(p) > 1 else 'paragraph'} {', '.join(p)}"
                for p in facts["paragraphs"]
            ],
            index=facts.index,
        )
    return pd.Series([FACT_SOURCE.get(facet, "data/external")] * len(facts), index=facts.index)


def state_map(facts: pd.DataFrame) -> Chart:
    """Map of the report's States, one view per fact (role, group, status, votes, signature).

    ``facts`` is :func:`cybercrime_eg.states.profiles.report_state_facts` (with ``*_basis``
    columns when known: a fact known only by inference is drawn lighter, with an open circle and
    "(inferred)" in its legend entry). Every State also gets a circle in its category's colour,
    since several are too small to see as shapes; hover gives the value and how it is known.
    """
    require_frame("facts", facts, _FACT_COLUMNS, what=_FACTS)
    facts = for_display(facts)
    fig = go.Figure()
    groups = []
    rows = []
    for facet, (title, _) in STATE_FACETS.items():
        values = sorted(set(facts[facet]), key=lambda v: (v.startswith("not "), v))
        how = basis(facts, facet)
        src = _source(facts, facet)
        idx = []
        for v in values:
            colour = _colour(facet, v)
            for inferred in (False, True):
                mask = (facts[facet] == v) & (how.map(_is_inferred) == inferred)
                sub = facts[mask]
                if sub.empty:
                    continue
                tag = " (inferred)" if inferred else ""
                hover = [
                    f"{escape_text(title)}: {escape_text(v)}"
                    + (f"<br>known: {escape_text(basis_label(b))}" if b else "")
                    + (
                        f"<br>{hover_wrap(f'Note: {group_caveat(iso3)}', 60)}"
                        if facet == "regional_group" and group_caveat(iso3)
                        else ""
                    )
                    for b, iso3 in zip(how[mask], sub["iso3"], strict=True)
                ]
                idx.append(len(fig.data))
                fig.add_trace(
                    solid_choropleth(
                        sub,
                        lighter(colour) if inferred else colour,
                        name=f"{v}{tag} ({len(sub)})",
                        visible=facet == "role",
                        border=0.5,
                        hover=f"{escape_text(title)}: {escape_text(v)}{tag}",
                        legendgroup=f"{v}{tag}",
                    )
                )
                idx.append(len(fig.data))
                fig.add_trace(
                    state_markers(
                        sub,
                        colour,
                        visible=facet == "role",
                        hover=hover,
                        inferred=inferred,
                        legendgroup=f"{v}{tag}",
                    )
                )
        for r, b, s_ in zip(facts.itertuples(index=False), how, src, strict=True):
            rows.append(
                {
                    "fact": title,
                    "State": r.name,
                    "iso3": r.iso3,
                    "value": getattr(r, facet),
                    "known": b,
                    "source": s_,
                }
            )
        groups.append((facet, title, idx))
    n = len(fig.data)
    notes = "".join(f" Regional group: {c}." for c in group_caveats(facts["iso3"]))

    def view_title(title: str) -> str:
        return f"Where are the States named in the report? Coloured by {lower_first(title)}"

    def caption(facet: str, title: str) -> str:
        counts = facts[facet].value_counts()
        tally = "; ".join(f"{v}: {counts[v]}" for v in sorted(counts.index))
        return (
            f"The {len(facts)} States that {_did(facts)}, coloured by {lower_first(title)}"
            f" ({tally}). Every State has a circle in its colour (several are too "
            "small to see as shapes); an open circle and a lighter fill mark a fact known only "
            "by inference; grey is a fact not recorded or not verified. Sources: the report "
            f"({_paragraphs(facts)}) and data/external."
            + (notes if facet == "regional_group" else "")
        )

    views = [
        View(
            label=title,
            key=slug(facet),
            title=view_title(title),
            caption=caption(facet, title),
            data={"visible": [i in idx for i in range(n)]},
            layout={"legend.title.text": title},
        )
        for facet, title, idx in groups
    ]
    geo_layout(fig)
    fig.update_layout(
        title={"text": views[0].title},
        margin={"l": 8, "r": 8},
        legend={"title": {"text": STATE_FACETS["role"][0]}},
    )
    return render(
        style(fig),
        caption=views[0].caption,
        alt=(
            f"World map of the {len(facts)} States named in the report, from the "
            f"{_join(sorted(set(facts['regional_group'])))} regional groups, coloured by role."
        ),
        height=540,
        views=views,
        view_label="Colour by",
        data=pd.DataFrame(rows),
        name="state-map",
    )


def names_by_basis(names: Sequence[str], bases: Sequence[str], width: int = 60) -> str:
    """Hover text naming States by how their fact is known, one line per basis, e.g.
    ``official record: Armenia, Estonia<br>secondary report: Australia<br>inferred: Peru``.

    ``bases`` holds 'official', 'secondary', 'inferred' or '' (no basis: a fact from the
    report, or one not recorded), named without a label. Escaped and wrapped at ``width``;
    'none' when no State is named.
    """
    groups: dict[str, list[str]] = {}
    for name, how in zip(names, bases, strict=True):
        key = str(how).strip().lower() if isinstance(how, str) else ""
        groups.setdefault(BASIS_LABELS.get(key, key), []).append(str(name))
    order = [*BASIS_LABELS.values(), *sorted(k for k in groups if k not in BASIS_LABELS.values())]
    lines = [(f"{k}: " if k else "") + ", ".join(groups[k]) for k in order if k in groups]
    return "<br>".join(hover_wrap(line, width) for line in lines) or "none"


def shown_values(facts: pd.DataFrame, facet: str) -> tuple[pd.Series, list[str]]:
    """Each State's ``facet`` as charted, with an inferred value named as such ('none
    (inferred)', :func:`cybercrime_eg.vocab.with_basis`), and the order of those categories:
    the values (in the order of the fact's colours, as on the other charts, missing facts
    last), each followed by its inferred variant."""
    how = basis(facts, facet).map(lambda b: "inferred" if _is_inferred(b) else b)
    shown = pd.Series(
        [tag_basis(str(v), b) for v, b in zip(facts[facet], how, strict=True)],
        index=facts.index,
        dtype="object",
    )
    fixed = list(STATE_FACETS.get(facet, ("", None))[1] or FACT_COLOURS.get(facet, {}))
    values = sorted(
        set(facts[facet].astype(str)),
        key=lambda v: (v.startswith("not "), fixed.index(v) if v in fixed else len(fixed), v),
    )
    present = set(shown)
    order = [c for v in values for c in (v, tag_basis(v, "inferred")) if c in present]
    return shown, order


def state_facets_chart(facts: pd.DataFrame) -> Chart:
    """Counts of the report's States by a chosen fact (one view per fact), split by role.

    A value known only by inference is its own category, named as such ('none (inferred)')
    and hatched: what is inferred is the value, not the State's role, which the report gives.
    Hover a bar for its States, grouped by how the fact is known (official record, secondary
    report, inferred).
    """
    require_frame("facts", facts, _FACT_COLUMNS, what=_FACTS)
    facts = for_display(facts)
    roles = sorted(set(facts["role"]))
    fig = go.Figure()
    facets = [f for f in STATE_FACETS if f != "role"]
    per = []
    rows = []
    for facet in facets:
        title, _ = STATE_FACETS[facet]
        shown, order = shown_values(facts, facet)
        how = basis(facts, facet)
        inferred_mask = how.map(_is_inferred)
        src = _source(facts, facet)
        idx = []
        for role in roles:
            for inferred in (False, True):
                mask = (facts["role"] == role) & (inferred_mask == inferred)
                if inferred and not mask.any():
                    continue
                xs = [c for c in order if (c in set(shown[inferred_mask])) == inferred]
                hover = [
                    names_by_basis(facts.loc[mask & (shown == c), "name"], how[mask & (shown == c)])
                    for c in xs
                ]
                marker: dict = {"color": role_colour(role)}
                if inferred:
                    marker["pattern"] = dict(INFERRED_PATTERN)
                idx.append(len(fig.data))
                fig.add_trace(
                    go.Bar(
                        x=xs,
                        y=[int((mask & (shown == c)).sum()) for c in xs],
                        # the role is the report's; "(inferred)" names the inferred value
                        name=role if not inferred else f"{role}: inferred value",
                        legendgroup=role,
                        showlegend=not inferred,
                        marker=marker,
                        visible=facet == facets[0],
                        customdata=hover,
                        hovertemplate="<b>%{x}</b>: %{y}<br>%{customdata}<extra>"
                        + escape_text(role)
                        + "</extra>",
                    )
                )
        for c in order:
            for role in roles:
                for how_label in dict.fromkeys(how):
                    sel = (shown == c) & (facts["role"] == role) & (how == how_label)
                    if sel.any():
                        rows.append(
                            {
                                "fact": title,
                                "value": c,
                                "role": role,
                                "known": basis_label(how_label) if how_label else "",
                                "States": int(sel.sum()),
                                "names": "; ".join(facts.loc[sel, "name"]),
                                "source": "; ".join(dict.fromkeys(src[sel])),
                            }
                        )
        per.append((facet, title, idx, order, _known_counts(how)))
    n = len(fig.data)
    notes = "".join(f" Regional group: {c}." for c in group_caveats(facts["iso3"]))

    def caption(title: str, known: str) -> str:
        return (
            f"The {len(facts)} States named in the report counted by {lower_first(title)}"
            f", stacked by role (a fact from the report). Hover a bar for the States, grouped by "
            f"how the fact is known{known}. A value known only by inference is a category of its "
            "own, named '(inferred)' and hatched; 'not recorded' and 'not verified' are kept "
            "apart, never counted as 'no'." + (notes if "group" in title.lower() else "")
        )

    views = [
        View(
            label=title,
            key=slug(facet),
            title=(
                f"How many of the report's States are in each category of {lower_first(title)}?"
            ),
            caption=caption(title, known),
            data={"visible": [i in idx for i in range(n)]},
            layout={"xaxis.title.text": title, "xaxis.categoryarray": order},
        )
        for facet, title, idx, order, known in per
    ]
    fig.update_layout(
        barmode="stack",
        title={"text": views[0].title},
        xaxis={
            "title": {"text": STATE_FACETS[facets[0]][0]},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": per[0][3],
        },
        yaxis={"title": {"text": "States"}},
        legend={"title": {"text": "Role in the report"}},
    )
    table = pd.DataFrame(
        rows, columns=["fact", "value", "role", "known", "States", "names", "source"]
    )
    n_inferred = sum(int(basis(facts, f).map(_is_inferred).sum()) for f in facets)
    return render(
        style(fig),
        caption=views[0].caption,
        alt=(
            f"Stacked bar chart of the {len(facts)} States named in the report by regional "
            "group, one bar per category of a fact"
            + (
                f"; across the facts, {n_inferred} values known only by inference are hatched "
                "and named '(inferred)'."
                if n_inferred
                else "."
            )
        ),
        views=views,
        view_label="Fact",
        data=table,
        name="state-facts",
    )


def _known_counts(how: pd.Series) -> str:
    """' (official record: 5; secondary report: 7; inferred: 6)', from the bases of a fact;
    '' when the fact has no basis (it is not an external fact)."""
    counts = how[how != ""].map(basis_label).value_counts()
    if counts.empty:
        return ""
    order = [label for label in BASIS_LABELS.values() if label in counts.index]
    order += sorted(set(counts.index) - set(order))
    return " (" + "; ".join(f"{k}: {int(counts[k])}" for k in order) + ")"


def budapest_dates_chart(facts: pd.DataFrame, meeting: tuple[str, str] | None = None) -> Chart:
    """Budapest signature, ratification or accession and entry into force dates per State.

    ``facts`` is :func:`~cybercrime_eg.states.profiles.report_state_facts`; ``meeting`` is the
    report's meeting as ``(first day 'YYYY-MM-DD', label)``, drawn as a dotted line when given.
    """
    require_frame("facts", facts, ["name", *_DATE_COLUMNS], what=_FACTS)
    kinds = (
        ("budapest_signature_date", "signature", "circle-open"),
        ("budapest_ratification_or_accession_date", "ratification or accession", "diamond"),
        ("budapest_entry_into_force_date", "entry into force", "square"),
    )
    order = list(facts.sort_values("name", ascending=False)["name"])
    fig = go.Figure()
    for col, label, symbol in kinds:
        sub = facts[facts[col].notna()]
        fig.add_trace(
            go.Scatter(
                x=list(sub[col]),
                y=[escape_text(n) for n in sub["name"]],
                mode="markers",
                name=label,
                # one colour, three shapes: a date is no category (blue is "yes")
                marker={"symbol": symbol, "size": 10, "color": MARK},
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
        title={
            "text": (
                "When did each of the report's States sign, join and apply the Budapest Convention?"
            )
        },
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
        data=pd.DataFrame(
            [
                {
                    "State": r["name"],
                    "date": r[col],
                    "kind of date": label,
                    "source": r.get(f"{col}_source") or FACT_SOURCE[col],
                }
                for col, label, _ in kinds
                for _, r in facts[facts[col].notna()].iterrows()
            ],
            columns=["State", "date", "kind of date", "source"],
        ),
        name="budapest-dates",
    )
