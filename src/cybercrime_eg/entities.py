"""The gazetteer of named entities the report series mentions, and the matcher that finds them.

Each entry is a canonical name, a kind and the phrases that name it. Phrases are matched as
whole words, case-sensitively (acronyms), with any run of white space allowed between words.
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
    Entity("SHERLOC", "organization", ("SHERLOC Portal", "SHERLOC")),
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


def _phrase_regex(phrase: str) -> str:
    words = [re.escape(w) for w in phrase.split()]
    return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], list[Entity]]:
    pairs = [(p, e) for e in GAZETTEER for p in e.phrases]
    pairs.sort(key=lambda pe: -len(pe[0]))  # longest phrase first: no nested double counts
    pattern = "|".join(f"(?P<g{i}>{_phrase_regex(p)})" for i, (p, _) in enumerate(pairs))
    return re.compile(pattern), [e for _, e in pairs]


def find_entities(text: str) -> list[tuple[Entity, int, int]]:
    """Gazetteer entities and document symbols in ``text`` as ``(entity, start, end)``."""
    regex, entities = _matcher()
    found = [(entities[int(m.lastgroup[1:])], m.start(), m.end()) for m in regex.finditer(text)]
    for m in _SYMBOL.finditer(text):
        found.append((Entity(m.group(0), "document", (m.group(0),)), m.start(), m.end()))
    found.sort(key=lambda f: (f[1], f[2]))
    return found


def match_organization(name: str) -> str | None:
    """Canonical name of an organisation named exactly by ``name`` (a leading "the" ignored)."""
    bare = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.IGNORECASE)
    for entity in GAZETTEER:
        if entity.kind == "organization" and bare in entity.phrases:
            return entity.name
    return None
