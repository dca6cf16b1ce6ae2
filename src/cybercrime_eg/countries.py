"""State names as written in UN documents, resolved to ISO 3166-1 alpha-3 codes with pycountry."""

from __future__ import annotations

import re
from functools import lru_cache

from .checks import type_name

__all__ = ["UN_ALIASES", "resolve_state", "state_name"]

# UN short names (UNTERM / UN Protocol, and older forms still found in UN documents) that
# pycountry does not carry as a name, official name or common name. Nothing else: whatever
# pycountry knows ("Türkiye", "Viet Nam", "Republic of Moldova", ...) it resolves itself;
# tests/test_countries.py checks that no alias here duplicates pycountry.
UN_ALIASES: dict[str, str] = {
    "Bolivia (Plurinational State of)": "BOL",
    "Iran (Islamic Republic of)": "IRN",
    "Venezuela (Bolivarian Republic of)": "VEN",
    "Micronesia (Federated States of)": "FSM",
    "Republic of Korea": "KOR",
    "Democratic Republic of the Congo": "COD",
    "Netherlands (Kingdom of the)": "NLD",
    "Holy See": "VAT",
    "Gambia (Republic of The)": "GMB",
    "Turkey": "TUR",
    "Swaziland": "SWZ",
    "The former Yugoslav Republic of Macedonia": "MKD",
}

_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def _key(name: str) -> str:
    return " ".join(_ARTICLE.sub("", name.translate(_APOSTROPHES)).split()).casefold()


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    import pycountry  # imported on first use: it loads a large JSON database

    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                index.setdefault(_key(value), country.alpha_3)
    for alias, code in UN_ALIASES.items():
        index[_key(alias)] = code
    return index


def resolve_state(name: str) -> str | None:
    """ISO alpha-3 code of a State named as in a UN document, or None when unknown.

    A leading "the" is ignored ("the United States"); matching is exact otherwise
    (case-insensitive, spaces folded): no fuzzy guessing.
    """
    if not isinstance(name, str):
        raise TypeError(f"name: expected a State's name as a str, got {type_name(name)}")
    return _index().get(_key(name))


@lru_cache(maxsize=256)
def state_name(iso3: str) -> str:
    """pycountry's English short name for an alpha-3 code."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise KeyError(f"unknown ISO 3166-1 alpha-3 code {iso3!r}")
    return str(country.name)
