"""Argument checks at the public boundary: one-line ``TypeError``/``ValueError`` messages.

A public function checks its arguments on entry, so that a wrong argument fails at once with a
message that names the argument, what was expected and what was given (a type name, never the
repr of a large value), instead of an ``AttributeError`` or ``KeyError`` from deep inside.

>>> require_positive_int("n", 0)
Traceback (most recent call last):
ValueError: n: expected an integer of at least 1, got 0

Nothing here imports pandas at module level: ``import cybercrime_eg`` stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "require_frame",
    "require_int",
    "require_mapping",
    "require_path",
    "require_positive_int",
    "require_str",
    "type_name",
]

PathKind = Literal["file", "dir", "any"]


def type_name(value: object) -> str:
    """The name of ``value``'s type, as a message shows it (``DataFrame``, ``int``, ``None``)."""
    return "None" if value is None else type(value).__name__


def _short(text: str, width: int = 80) -> str:
    """``text`` with control characters escaped, cut to about ``width`` characters."""
    flat = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _require_type(name: str, value: object, kind: type, what: str, allow_none: bool) -> object:
    """``value`` if it is a ``kind`` (or None when ``allow_none``); else ``TypeError`` saying
    ``what`` was expected."""
    if value is None and allow_none:
        return None
    if not isinstance(value, kind):
        none = " or None" if allow_none else ""
        raise TypeError(f"{name}: expected {what}{none}, got {type_name(value)}")
    return value


def require_str(name: str, value: object, *, allow_none: bool = False) -> str | None:
    """``value`` if it is a ``str`` (or None when ``allow_none``); else ``TypeError``."""
    return _require_type(name, value, str, "a str", allow_none)  # type: ignore[return-value]


def require_positive_int(name: str, value: object) -> int:
    """``value`` if it is an integer of at least 1 (``bool`` is not a number here)."""
    return require_int(name, value, minimum=1)


def require_int(name: str, value: object, *, minimum: int = 0) -> int:
    """``value`` if it is an integer of at least ``minimum`` (``bool`` is not a number here)."""
    import numbers

    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        expected = f"an integer of at least {minimum}"
        raise TypeError(f"{name}: expected {expected}, got {type_name(value)}")
    if value < minimum:
        raise ValueError(f"{name}: expected an integer of at least {minimum}, got {int(value)}")
    return int(value)


def require_mapping(
    name: str, value: object, *, what: str = "a dict", allow_none: bool = False
) -> Mapping | None:
    """``value`` if it is a mapping (a ``dict``; or None when ``allow_none``); else ``TypeError``.
    ``what`` says what it maps (``"a dict of theme id to label"``)."""
    return _require_type(name, value, Mapping, what, allow_none)  # type: ignore[return-value]


def require_path(
    name: str,
    value: object,
    kind: PathKind = "file",
    *,
    what: str = "",
    must_exist: bool = True,
) -> Path:
    """``value`` as a :class:`~pathlib.Path`, checked: a ``str`` or ``os.PathLike`` naming an
    existing regular file (``kind='file'``), folder (``'dir'``) or either (``'any'``).

    ``what`` says what the path is for (``"a report text file"``); ``must_exist=False``
    accepts a path that does not exist yet (an output folder), but never one of the wrong
    kind.
    """
    noun = what or {"file": "a file", "dir": "a folder", "any": "a file or folder"}[kind]
    if isinstance(value, bytes) or not isinstance(value, str | os.PathLike):
        raise TypeError(
            f"{name}: expected the path of {noun} (str or pathlib.Path), got {type_name(value)}"
        )
    path = Path(value)
    if str(value) == "":
        raise ValueError(f"{name}: expected the path of {noun}, got an empty string")
    shown = _short(str(path))
    if not path.exists():
        if must_exist:
            raise ValueError(
                f"{name}: expected the path of {noun}, got a path that does not exist: {shown}"
            )
        return path
    if kind == "file" and path.is_dir():
        raise ValueError(f"{name}: expected the path of {noun}, got a folder: {shown}")
    if kind == "file" and not path.is_file():
        raise ValueError(f"{name}: expected the path of {noun}, got a special file: {shown}")
    if kind == "dir" and not path.is_dir():
        raise ValueError(f"{name}: expected the path of {noun}, got a file: {shown}")
    return path


def require_frame(
    name: str,
    value: object,
    columns: Iterable[str] = (),
    *,
    what: str = "",
    allow_empty: bool = True,
) -> pd.DataFrame:
    """``value`` if it is a pandas ``DataFrame`` with ``columns`` (and rows, unless
    ``allow_empty``); ``what`` names the table expected (``"the paragraphs table"``)."""
    import pandas as pd

    noun = f" ({what})" if what else ""
    wanted = list(columns)
    if not isinstance(value, pd.DataFrame):
        cols = f" with columns {wanted}" if wanted else ""
        raise TypeError(f"{name}: expected a DataFrame{noun}{cols}, got {type_name(value)}")
    missing = [c for c in wanted if c not in value.columns]
    if missing:
        raise ValueError(
            f"{name}: expected a DataFrame{noun} with columns {wanted}, got one missing {missing}"
        )
    if not allow_empty and value.empty:
        raise ValueError(f"{name}: expected a DataFrame{noun} with rows, got an empty one")
    return value
