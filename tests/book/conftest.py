"""Tests that build the whole book (minutes, not seconds): marked ``book``.

``make test`` runs them; select them with ``-m book`` or leave them out with ``-m "not book"``.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "book: builds the whole book (slow; runs in `make test`)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/book/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.book)
