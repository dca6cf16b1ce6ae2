"""A former name in a source shown next to today's: "Swaziland (now Eswatini)".

The reference tables use their own data sets' names, some of them former names (the
regional-group list has "Swaziland"; the vote data has "Cape Verde" and "Turkey"). Which names
are former names is recorded here; the current name comes from ISO 3166 through pycountry, not
from a hand table.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["FORMER_NAMES", "current_name", "display_name"]

#: ISO alpha-3 -> names the reference data may use that the State no longer bears.
FORMER_NAMES: dict[str, tuple[str, ...]] = {
    "SWZ": ("Swaziland",),  # Eswatini since 2018
    "MKD": ("Macedonia", "The former Yugoslav Republic of Macedonia"),  # North Macedonia, 2019
    "TUR": ("Turkey",),  # Türkiye at the UN since 2022
    "CPV": ("Cape Verde",),  # Cabo Verde since 2013
}


@lru_cache(maxsize=256)
def current_name(iso3: str) -> str | None:
    """Today's short name of ``iso3`` from ISO 3166 (pycountry); ``None`` if unknown."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def display_name(name: str, iso3: object) -> str:
    """``name`` with today's name beside it when ``name`` is a former name of ``iso3``."""
    if not isinstance(iso3, str) or name not in FORMER_NAMES.get(iso3, ()):
        return name
    now = current_name(iso3)
    return f"{name} (now {now})" if now and now != name else name
