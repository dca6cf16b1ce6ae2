"""ISO codes: pycountry first, a small alias table only for UN names it does not know."""

from __future__ import annotations

import pycountry
import pytest

from cybercrime_eg.countries import UN_ALIASES, _key, resolve_state
from cybercrime_eg.external import regional_groups_all


def _pycountry_knows(name: str) -> bool:
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value and _key(value) == _key(name):
                return True
    return False


@pytest.mark.parametrize("alias", sorted(UN_ALIASES))
def test_alias_is_needed_and_right(alias):
    assert not _pycountry_knows(alias), f"{alias!r} is known to pycountry: drop the alias"
    assert pycountry.countries.get(alpha_3=UN_ALIASES[alias]) is not None
    assert resolve_state(alias) == UN_ALIASES[alias]


def test_every_member_state_resolves_by_its_pycountry_name():
    codes = set(regional_groups_all()["Code"])
    assert len(codes) == 193
    for code in codes:
        assert resolve_state(pycountry.countries.get(alpha_3=code).name) == code


@pytest.mark.parametrize(
    "name, code",
    [
        ("the United States", "USA"),
        ("Türkiye", "TUR"),
        ("Viet Nam", "VNM"),
        ("Côte d’Ivoire", "CIV"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("Republic of Moldova", "MDA"),
    ],
)
def test_un_short_names(name, code):
    assert resolve_state(name) == code


@pytest.mark.parametrize("name", ["Atlantis", "PE", "Georgia on my mind", ""])
def test_unknown_names_are_none(name):
    assert resolve_state(name) is None
