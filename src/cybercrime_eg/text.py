"""Cleaning of UN report text, with a map from every cleaned character back to the raw file.

The report text carries markdown artefacts (``**bold**``, ``*italic*``, ``[A/C.3/72/12](#)``)
and layout artefacts (line and page breaks). :func:`clean` removes them; :func:`clean_with_offsets`
does the same and also says, for each character it keeps, where that character stands in the raw
file, so that any span found in clean text can be cited by raw offsets.

Every function here runs in time linear in the text (up to a log factor for the ``*`` runs):
a report is input from anyone, and a quadratic regular expression is a denial of service.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache

from .checks import type_name

__all__ = ["OffsetMap", "clean", "clean_with_offsets", "raw_span", "shown"]

# [label]( — a candidate link; the label holds no bracket and no line break, so the search
# never rescans a label. The target is found by matching parentheses (see _link_cuts).
_LINK_OPEN = re.compile(r"\[([^\[\]\n]+)\]\(")
_TOKEN = re.compile(r"\s+|\S+")
_LONG_SPACE = re.compile(r"\s\s+")


def _closing_parens(raw: str) -> dict[int, int]:
    """For every '(' of ``raw``, the offset of its matching ')' on the same line."""
    match: dict[int, int] = {}
    stack: list[int] = []
    for m in re.finditer(r"[()\n]", raw):
        ch, at = m.group(), m.start()
        if ch == "(":
            stack.append(at)
        elif ch == ")":
            if stack:
                match[stack.pop()] = at
        else:  # a link target never spans lines
            stack.clear()
    return match


def _link_cuts(raw: str) -> list[tuple[int, int]]:
    """Delimiters of ``[label](target)`` links: the label is kept whatever the target.

    The target ends at the ')' that matches its '(' (so ``javascript:alert(1)`` is one
    target); a '(' without a match on its line is not a link.
    """
    if "](" not in raw:
        return []
    closing = _closing_parens(raw)
    cuts: list[tuple[int, int]] = []
    pos = 0
    while m := _LINK_OPEN.search(raw, pos):
        close = closing.get(m.end() - 1)
        if close is None:
            pos = m.start() + 1
            continue
        cuts += [(m.start(), m.start(1)), (m.end(1), close + 1)]
        pos = close + 1
    return cuts


def _emphasis_cuts(raw: str) -> list[tuple[int, int]]:
    """Delimiters of ``**strong**`` and ``*emphasis*`` (inside not starting or ending in space).

    Same result as the regular expression ``(\\*\\*|\\*)(?=\\S)(.+?)(?<=\\S)\\1`` applied
    left to right, but each opener finds its closer by bisection in the list of ``*``
    positions instead of by scanning, so the time stays near-linear for any input.
    """
    stars = [m.start() for m in re.finditer(r"\*", raw)]
    if len(stars) < 2:
        return []
    n = len(raw)
    singles = [m.start() for m in re.finditer(r"(?<=\S)\*", raw)]  # may close '*'
    doubles = [m.start() for m in re.finditer(r"(?<=\S)\*(?=\*)", raw)]  # may close '**'
    cuts: list[tuple[int, int]] = []
    k = 0
    while k < len(stars):
        p = stars[k]
        end = -1
        if p + 2 < n and raw[p + 1] == "*" and not raw[p + 2].isspace():
            i = bisect_left(doubles, p + 3)
            if i < len(doubles):
                j = doubles[i]
                cuts += [(p, p + 2), (j, j + 2)]
                end = j + 2
        if end < 0 and p + 1 < n and not raw[p + 1].isspace():
            i = bisect_left(singles, p + 2)
            if i < len(singles):
                j = singles[i]
                cuts += [(p, p + 1), (j, j + 1)]
                end = j + 1
        if end < 0:
            k += 1
        else:
            k = bisect_left(stars, end, k + 1)
    return cuts


def _kept_segments(raw: str) -> list[tuple[int, int]]:
    """The spans of ``raw`` that are text, in order (markup delimiters cut out)."""
    cuts = _link_cuts(raw)
    if "*" in raw:
        cuts += _emphasis_cuts(raw)
    segments, pos = [], 0
    for a, b in sorted(cuts):
        if a > pos:
            segments.append((pos, a))
        pos = max(pos, b)
    if pos < len(raw):
        segments.append((pos, len(raw)))
    return segments


def _has_markup(raw: str) -> bool:
    return "*" in raw or "](" in raw


class OffsetMap(Sequence[int]):
    """For each character of a cleaned text, its offset in the raw file (read-only list).

    Stored as runs (clean index, raw offset) within which both advance together, so the
    map of a 10 MB text holds two numbers per word rather than one object per character.
    """

    __slots__ = ("_clean", "_raw", "_len")

    def __init__(self, clean_starts: list[int], raw_starts: list[int], length: int) -> None:
        self._clean, self._raw, self._len = clean_starts, raw_starts, length

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - int or slice, as a list
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("offset map index out of range")
        k = bisect_right(self._clean, index) - 1
        return self._raw[k] + index - self._clean[k]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the clean span ``[start, end)``: ``(self[start],
        self[end - 1] + 1)`` in one call."""
        if not 0 <= start < end <= self._len:
            raise ValueError(f"span {start}:{end} outside a text of {self._len} characters")
        cs, rs = self._clean, self._raw
        if len(cs) == 1:  # one run: no search
            return rs[0] + start, rs[0] + end
        k = bisect_right(cs, start) - 1
        j = bisect_right(cs, end - 1, k) - 1
        return rs[k] + start - cs[k], rs[j] + end - cs[j]

    def __iter__(self) -> Iterator[int]:
        if not self._clean:
            return
        bounds = [*self._clean[1:], self._len]
        for c, r, nxt in zip(self._clean, self._raw, bounds, strict=True):
            yield from range(r, r + nxt - c)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == self._len and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OffsetMap({list(self)!r})"


def _fold_with_offsets(raw: str, base: int) -> tuple[str, OffsetMap]:
    """:func:`clean_with_offsets` of text without markup: white space folded.

    A single white-space character between two words becomes the one space that stands for
    it, so raw and clean offsets advance together across it: a run of the map ends only at
    a run of two or more white-space characters. The words are never visited one by one
    (``str.split`` and one regular-expression scan), so a 10 MB line costs milliseconds.
    """
    text = " ".join(raw.split())
    if not text:
        return text, OffsetMap([], [], 0)
    first = len(raw) - len(raw.lstrip())
    last = len(raw.rstrip())
    clean_starts, raw_starts = [0], [base + first]
    shift = first  # raw offset minus clean index within the current run
    for m in _LONG_SPACE.finditer(raw, first, last):
        at = m.start() - shift  # the clean index of the space standing for this run
        shift = m.end() - at - 1
        clean_starts.append(at + 1)
        raw_starts.append(base + m.end())
    return text, OffsetMap(clean_starts, raw_starts, len(text))


def clean_with_offsets(raw: str, base: int = 0) -> tuple[str, OffsetMap]:
    """Clean ``raw`` and return the text with, for each of its characters, its raw offset.

    ``base`` is added to every offset, so passing the slice's start in the file gives
    offsets into the whole file. A run of white space (line and page breaks included)
    becomes one space mapped to the run's first character; leading and trailing white
    space is dropped. The offsets come as an :class:`OffsetMap`, indexed like a list.
    """
    if not isinstance(raw, str):
        raise TypeError(f"raw: expected a str, got {type_name(raw)}")
    if len(raw) >= _LARGE:  # the parser, the tagger and the crosswalk clean the same item
        return _cached_offsets(raw, base)
    if not _has_markup(raw):  # fast path: one segment, words separated by white space
        return _fold_with_offsets(raw, base)
    return _markup_offsets(raw, base)


#: From this length on, the cleaning of a text is kept (for the next caller).
_LARGE = 100_000


@lru_cache(maxsize=2)
def _cached_offsets(raw: str, base: int) -> tuple[str, OffsetMap]:
    """:func:`clean_with_offsets` remembered for the last two large texts (an
    :class:`OffsetMap` is read-only, so callers may share it)."""
    if not _has_markup(raw):
        return _fold_with_offsets(raw, base)
    return _markup_offsets(raw, base)


def _markup_offsets(raw: str, base: int) -> tuple[str, OffsetMap]:
    """:func:`clean_with_offsets` of a text with markup."""
    parts: list[str] = []
    clean_starts: list[int] = []
    raw_starts: list[int] = []
    size = 0
    expect = -1  # the raw offset that would continue the current run

    def emit(raw_at: int, length: int) -> None:
        nonlocal size, expect
        if raw_at != expect:
            clean_starts.append(size)
            raw_starts.append(raw_at)
        size += length
        expect = raw_at + length

    pending_space = -1
    for a, b in _kept_segments(raw):
        for m in _TOKEN.finditer(raw, a, b):
            s, e = m.span()
            if raw[s].isspace():
                if pending_space < 0:
                    pending_space = s
                continue
            if pending_space >= 0:
                if parts:
                    parts.append(" ")
                    emit(base + pending_space, 1)
                pending_space = -1
            parts.append(raw[s:e])
            emit(base + s, e - s)
    return "".join(parts), OffsetMap(clean_starts, raw_starts, size)


def clean(raw: str) -> str:
    """Return ``raw`` without markdown markup and with white space folded to single spaces."""
    if not isinstance(raw, str):
        raise TypeError(f"raw: expected a str, got {type_name(raw)}")
    if not _has_markup(raw):
        return " ".join(raw.split())
    return " ".join("".join(raw[a:b] for a, b in _kept_segments(raw)).split())


def raw_span(offsets: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Raw ``(start, end)`` of the clean-text span ``[start, end)`` given its offset map."""
    if not 0 <= start < end <= len(offsets):
        raise ValueError(f"span {start}:{end} outside a text of {len(offsets)} characters")
    return offsets[start], offsets[end - 1] + 1


def shown(text: str, width: int = 80) -> str:
    """``text`` as an error message may show it: white space folded, characters that a
    terminal would act on made visible (``\\x1b``, ``\\u202e``), cut to about ``width``.

    Report text is input from anyone; echoing it raw could move the cursor, recolour or
    flood the terminal.
    """
    flat = " ".join(text[: width * 4].split()) if len(text) > width * 4 else " ".join(text.split())
    out: list[str] = []
    size = 0
    for ch in flat:
        piece = ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
        if size + len(piece) > width - 1:
            out.append("…")
            break
        out.append(piece)
        size += len(piece)
    return "".join(out)
