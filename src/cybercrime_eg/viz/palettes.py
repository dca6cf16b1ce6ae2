"""Colour-blind-safe palettes used by every chart and table of the book: one colour per meaning.

Categorical colours are the Okabe-Ito palette (Okabe and Ito, *Color Universal Design*, 2002),
distinguishable under the common forms of colour-vision deficiency. Sequential scales are
``cividis``, designed to be perceived uniformly with and without colour-vision deficiency. Every
colour is legible on the book's light and dark backgrounds: the charts draw on a transparent
background and the book's stylesheet recolours text and grid lines in dark mode.

A category keeps its colour on every chart (:func:`category_colour`, checked by the tests): the
recorded votes and the Budapest statuses never share a colour, so blue always means "yes" and
green always means "party". A fact that is missing is grey, never the colour of "no" or "none".
A fact known only by inference keeps its category's colour but is drawn hatched (bars, table
swatches) or lighter with "(inferred)" in its name (maps), never with the mark of an official
fact; on a bar chart the inferred value is a category of its own ("none (inferred)"). A mark in
:data:`MARK` tells how it is known by its shape, never by its colour: a timeline event read in
an official record is a filled marker, one known only from secondary reports an open marker.
"""

from __future__ import annotations

#: Okabe-Ito, without black (which disappears in dark mode).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
)

#: Neutral grey for facts that are not recorded or not verified (never shown as "no").
NOT_RECORDED = "#9A9A9A"

#: Sequential colour scale for counts and matrices.
SEQUENTIAL = "cividis"

#: Recorded votes on the General Assembly resolutions.
VOTE_COLOURS: dict[str, str] = {
    "yes": "#0072B2",
    "no": "#D55E00",
    "abstain": "#E69F00",
    "not recorded": NOT_RECORDED,
}

#: Status under the Budapest Convention on the day the meeting opened (no colour of a vote).
BUDAPEST_COLOURS: dict[str, str] = {
    "party": "#009E73",
    "signatory": "#56B4E9",
    "invited": "#CC79A7",
    "none": "#F0E442",
    "not verified": NOT_RECORDED,
}

#: Signature of the UN Convention against Cybercrime (the signing ceremony and the status list):
#: "signed" shares the green of a commitment ("party"), "no (not at Hanoi)" the yellow of
#: "none", and "not in list" (no signature found, on weaker evidence) a darker yellow, which
#: stays visible on the map's grey land even in the lighter fill of an inferred fact; no colour
#: of a vote.
SIGNATURE_COLOURS: dict[str, str] = {
    "signed": "#009E73",
    "no (not at Hanoi)": "#F0E442",
    "not in list": "#B8A300",
    "not verified": NOT_RECORDED,
}

#: Who a State is, not what it did: its role in the report and its regional group are drawn in
#: colours of Paul Tol's "muted" scheme (also safe under colour-vision deficiency), none of them
#: a colour of a vote or of a Budapest status, so that a colour on a chart of roles or groups is
#: never read as "yes", "no" or "party".
TOL_MUTED: tuple[str, ...] = (
    "#CC6677",  # rose
    "#332288",  # indigo
    "#DDCC77",  # sand
    "#117733",  # green
    "#88CCEE",  # cyan
    "#882255",  # wine
    "#44AA99",  # teal
    "#999933",  # olive
    "#AA4499",  # purple
)

#: A State's role in the report (the roles of :mod:`cybercrime_eg.vocab`, by their first words).
ROLE_COLOURS: dict[str, str] = {
    "statement": "#999933",
    "organiser": "#882255",
    "both": "#CC6677",
}

#: The UN regional groups.
GROUP_COLOURS: dict[str, str] = {
    "African": "#DDCC77",
    "Asia-Pacific": "#44AA99",
    "Eastern European": "#AA4499",
    "Latin American and Caribbean": "#332288",
    "Western European and Others": "#88CCEE",
    "Asia-Pacific; Western European and Others": "#117733",
    "not recorded": NOT_RECORDED,
}

#: The colour of a mark that stands for no category: its row, column, length and shape say what
#: it is (a dated event on the timeline, a cell of the Budapest crosswalk or of a theme matrix, a
#: bar counting themes). Brown, which no category of
#: the book has, so that no such mark reads as "yes", "party" or a regional group.
MARK = "#8B5A2B"

#: Tracks of the timeline chart: each has its own labelled row, so every track's events are
#: drawn in :data:`MARK`.
TRACK_COLOURS: dict[str, str] = {
    "Expert Group": MARK,
    "General Assembly": MARK,
    "Treaties": MARK,
    "Ad Hoc Committee": MARK,
}

#: How an external fact is known.
BASES: tuple[str, ...] = ("official", "secondary", "inferred")

#: Plotly bar pattern of a fact known only by inference (hatched): the bars of the States
#: charts and of the Budapest status by vote chart, and the swatches of the State grid.
INFERRED_PATTERN: dict[str, object] = {
    "shape": "/",
    "fillmode": "overlay",  # the bar keeps its colour under the hatching ("replace" blanks it)
    "fgcolor": "#ffffff",
    "size": 6,
    "solidity": 0.35,
}

#: Colours of each kind of fact: the meaning of a category depends on the fact it answers.
FACT_COLOURS: dict[str, dict[str, str]] = {
    "vote": VOTE_COLOURS,
    "budapest_status": BUDAPEST_COLOURS,
    "un_convention_signature": SIGNATURE_COLOURS,
    "regional_group": GROUP_COLOURS,
    "track": TRACK_COLOURS,
}


def role_colour(role: str) -> str:
    """The colour of a role in the report ('... and organised the side event' is 'both')."""
    text = str(role).lower()
    if "organis" in text and ("statement" in text or "listed" in text):
        return ROLE_COLOURS["both"]
    return ROLE_COLOURS["organiser" if "organis" in text else "statement"]


def category_colour(fact: str, value: str) -> str:
    """The one colour of ``value`` of ``fact`` ('vote', 'budapest_status', 'role', ...).

    A vote column (``vote_73_187``) is a 'vote'; a value that starts with "not " or "no recorded"
    and is not in the palette is grey. Raises ``KeyError`` for a category without a colour.
    """
    if fact == "role":
        return role_colour(value)
    kind = "vote" if fact.startswith("vote") else fact
    colours = FACT_COLOURS[kind]
    if value in colours:
        return colours[value]
    if str(value).startswith(("not ", "no recorded")):
        return NOT_RECORDED
    raise KeyError(f"no colour for {value!r} of {fact!r}")


def lighter(colour: str, alpha: float = 0.6) -> str:
    """``#RRGGBB`` as ``rgba`` at ``alpha``: the map fill of a fact known only by inference."""
    c = colour.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def categorical(n: int) -> list[str]:
    """Return ``n`` categorical colours, cycling through Okabe-Ito when ``n`` exceeds seven."""
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]
