"""The gazetteer of named entities the report series mentions, and the matcher that finds them.

Each entry is a canonical name, a kind and the phrases that name it. Phrases are matched in
clean text (white space already folded) as whole words, case-sensitively (acronyms).
UN document symbols are found by pattern rather than by list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Entity", "GAZETTEER", "find_entities", "match_organization"]


@dataclass(frozen=True)
class Entity:
    """One gazetteer entry."""

    name: str
    kind: str
    phrases: tuple[str, ...]


GAZETTEER: tuple[Entity, ...] = (
    Entity(
        "Budapest Convention",
        "instrument",
        (
            "Budapest Convention",
            "Convention on Cybercrime of the Council of Europe",
            "Council of Europe Convention on Cybercrime",
        ),
    ),
    Entity(
        "Organized Crime Convention",
        "instrument",
        (
            "Organized Crime Convention",
            "United Nations Convention against Transnational Organized Crime",
        ),
    ),
    Entity(
        "Draft UN convention on cooperation in combating cybercrime (2017)",
        "instrument",
        (
            "proposed draft United Nations convention on cooperation in combating cybercrime",
            "draft United Nations convention on cooperation in combating cybercrime",
        ),
    ),
    Entity(
        "United Nations Convention against Cybercrime",
        "instrument",
        ("United Nations Convention against Cybercrime",),
    ),
    Entity(
        "Practical Guide for Requesting Electronic Evidence Across Borders",
        "document",
        ("Practical Guide for Requesting Electronic Evidence Across Borders",),
    ),
    Entity(
        "UNODC",
        "organization",
        (
            "United Nations Office on Drugs and Crime (UNODC)",
            "United Nations Office on Drugs and Crime",
            "UNODC",
        ),
    ),
    Entity(
        "CTED",
        "organization",
        (
            "United Nations Counter-Terrorism Committee Executive Directorate (CTED)",
            "Counter-Terrorism Committee Executive Directorate (CTED)",
            "Counter-Terrorism Committee Executive Directorate",
            "CTED",
        ),
    ),
    Entity(
        "IAP",
        "organization",
        (
            "International Association of Prosecutors (IAP)",
            "International Association of Prosecutors",
            "IAP",
        ),
    ),
    Entity(
        "Commission on Crime Prevention and Criminal Justice",
        "organization",
        ("Commission on Crime Prevention and Criminal Justice", "CCPCJ"),
    ),
    Entity("SHERLOC", "resource", ("SHERLOC Portal", "SHERLOC")),  # UNODC's portal, not a body
    Entity(
        "Expert Group",
        "organization",
        (
            "Expert Group to Conduct a Comprehensive Study on Cybercrime",
            "Expert Group",
        ),
    ),
    Entity("United Nations", "organization", ("United Nations",)),
    Entity("Council of Europe", "organization", ("Council of Europe",)),
    Entity("European Union", "organization", ("European Union",)),
    Entity(
        "INTERPOL",
        "organization",
        (
            "International Criminal Police Organization (INTERPOL)",
            "International Criminal Police Organization",
            "INTERPOL",
        ),
    ),
    Entity("Facebook", "company", ("Facebook",)),
    Entity("Google", "company", ("Google",)),
    Entity("Microsoft", "company", ("Microsoft",)),
    Entity("Uber", "company", ("Uber",)),
)

# A UN document symbol: A/C.3/72/12, A/RES/74/247, E/CN.15/2019/1, UNODC/CCPCJ/EG.4/2019/2.
_SYMBOL = re.compile(r"(?<![\w/])(?:A|E|S|UNODC|CTOC)(?:/[A-Z0-9][A-Za-z0-9.]*)+(?![\w/])")


@lru_cache(maxsize=1)
def _phrases() -> list[tuple[str, Entity]]:
    pairs = [(" ".join(p.split()), e) for e in GAZETTEER for p in e.phrases]
    return sorted(pairs, key=lambda pe: -len(pe[0]))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def find_entities(text: str) -> list[tuple[Entity, int, int]]:
    """Gazetteer entities and document symbols in clean ``text`` as ``(entity, start, end)``.

    Phrases match as whole words; where two overlap, the longer wins (so "United Nations
    Office on Drugs and Crime (UNODC)" is one mention, not two).
    """
    hits: list[tuple[int, int, Entity]] = []
    for phrase, entity in _phrases():
        at = text.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if (at == 0 or not _is_word(text[at - 1])) and (
                end == len(text) or not _is_word(text[end])
            ):
                hits.append((at, end, entity))
            at = text.find(phrase, at + 1)
    for m in _SYMBOL.finditer(text) if "/" in text else ():  # a symbol has a '/'
        hits.append((m.start(), m.end(), Entity(m.group(0), "document", (m.group(0),))))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    found: list[tuple[Entity, int, int]] = []
    last_end = -1
    for start, end, entity in hits:
        if start >= last_end:
            found.append((entity, start, end))
            last_end = end
    return found


def match_organization(name: str) -> str | None:
    """Canonical name of an organisation named exactly by ``name`` (a leading "the" ignored)."""
    bare = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.IGNORECASE)
    for entity in GAZETTEER:
        if entity.kind == "organization" and bare in entity.phrases:
            return entity.name
    return None
