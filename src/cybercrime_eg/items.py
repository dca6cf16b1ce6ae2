"""Per-recommendation summaries for the explorers: themes, instruments named, actors.

Frames in, a frame out: the report's recommendations, theme tags, mentions and raw text.
"""

from __future__ import annotations

import re

import pandas as pd

from .checks import require_frame, require_str
from .text import clean_with_offsets

__all__ = ["ACTOR_PATTERNS", "explorer_items"]

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


#: Between an instrument's name and its document symbol: the rest of its clause (no sentence
#: end) and an opening parenthesis, as in "the draft convention ... submitted to the
#: Secretary-General on 11 October 2017 ([A/C.3/72/12](#))".
_SYMBOL_OF = re.compile(r"[^.;()]{0,120}\(\[?$")


def _instruments(mine: pd.DataFrame, raw: str) -> set[str]:
    """The instruments and documents an item names, a document symbol given in parentheses
    after an instrument's name folded into it ("Draft UN convention ... (2017), A/C.3/72/12"),
    so that one document is one entry of the explorer's filter."""
    inst = mine[mine["kind"] == "instrument"].sort_values("start")
    out = set(inst["entity"].astype(str))
    for d in mine[mine["kind"] == "document"].itertuples(index=False):
        before = inst[inst["end"] <= d.start]
        if len(before) and _SYMBOL_OF.fullmatch(raw[int(before["end"].iloc[-1]) : int(d.start)]):
            name = str(before["entity"].iloc[-1])
            out.discard(name)
            out.add(f"{name}, {d.entity}")
        else:
            out.add(str(d.entity))
    return out


def explorer_items(
    recommendations: pd.DataFrame, tags: pd.DataFrame, mentions: pd.DataFrame, raw: str
) -> pd.DataFrame:
    """One row per recommendation with list columns ``themes``, ``instruments``, ``actors``.

    Instruments are the instruments and documents the item names (``mentions``); actors are
    the organizations, companies and States it names plus the addressees found by
    :data:`ACTOR_PATTERNS` in its cleaned text.
    """
    require_frame("recommendations", recommendations, ["id", "start", "end"])
    require_frame("tags", tags, ["item_id", "theme"], what="the themes table")
    require_frame("mentions", mentions, ["start", "end", "kind", "entity"])
    require_str("raw", raw)
    rows = []
    for r in recommendations.sort_values("start").itertuples(index=False):
        text, _ = clean_with_offsets(raw[int(r.start) : int(r.end)], base=int(r.start))
        mine = mentions[(mentions["start"] >= r.start) & (mentions["end"] <= r.end)]
        inst = sorted(_instruments(mine, raw))
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
