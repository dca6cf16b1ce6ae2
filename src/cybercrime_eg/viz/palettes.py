"""Colour-blind-safe palettes used by every chart of the book.

Categorical colours are the Okabe-Ito palette (Okabe and Ito, *Color Universal Design*, 2002),
distinguishable under the common forms of colour-vision deficiency. Sequential scales are
``cividis``, designed to be perceived uniformly with and without colour-vision deficiency. Every
colour is legible on the book's light and dark backgrounds: the charts draw on a transparent
background and the book's stylesheet recolours text and grid lines in dark mode.
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

#: Status under the Budapest Convention on the day the meeting opened.
BUDAPEST_COLOURS: dict[str, str] = {
    "party": "#0072B2",
    "signatory": "#56B4E9",
    "invited": "#009E73",
    "none": "#E69F00",
    "not verified": NOT_RECORDED,
}

#: Tracks of the timeline chart.
TRACK_COLOURS: dict[str, str] = {
    "Expert Group": "#0072B2",
    "General Assembly": "#D55E00",
    "Treaties": "#009E73",
    "Ad Hoc Committee": "#CC79A7",
}


def categorical(n: int) -> list[str]:
    """Return ``n`` categorical colours, cycling through Okabe-Ito when ``n`` exceeds seven."""
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]
