"""Cleaning of UN report text, with a map from every cleaned character back to the raw file.

The report text carries markdown artefacts (``**bold**``, ``*italic*``, ``[A/C.3/72/12](#)``)
and layout artefacts (line and page breaks). :func:`clean` removes them; :func:`clean_with_offsets`
does the same and also says, for each character it keeps, where that character stands in the raw
file, so that any span found in clean text can be cited by raw offsets.
"""

from __future__ import annotations

import re

__all__ = ["clean", "clean_with_offsets", "raw_span"]

# [label](target): keep the label only.
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]*\)")
# **strong** or *emphasis*: drop the delimiters. The inside must not start or end with a space.
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)


_TOKEN = re.compile(r"\s+|\S+")
_WORD = re.compile(r"\S+")


def _kept_segments(raw: str) -> list[tuple[int, int]]:
    """The spans of ``raw`` that are text, in order (markup delimiters cut out)."""
    cuts: list[tuple[int, int]] = []
    for m in _LINK.finditer(raw):
        cuts += [(m.start(), m.start(1)), (m.end(1), m.end())]
    if "*" in raw:
        for m in _EMPHASIS.finditer(raw):
            width = len(m.group(1))
            cuts += [(m.start(), m.start() + width), (m.end() - width, m.end())]
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


def clean_with_offsets(raw: str, base: int = 0) -> tuple[str, list[int]]:
    """Clean ``raw`` and return the text with, for each of its characters, its raw offset.

    ``base`` is added to every offset, so passing the slice's start in the file gives
    offsets into the whole file. A run of white space (line and page breaks included)
    becomes one space mapped to the run's first character; leading and trailing white
    space is dropped.
    """
    parts: list[str] = []
    offsets: list[int] = []
    if not _has_markup(raw):  # fast path: one segment, words separated by white space
        prev_end = -1
        for m in _WORD.finditer(raw):
            s, e = m.span()
            if prev_end >= 0:
                offsets.append(base + prev_end)
            offsets.extend(range(base + s, base + e))
            parts.append(m.group())
            prev_end = e
        return " ".join(parts), offsets
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
                    offsets.append(base + pending_space)
                pending_space = -1
            parts.append(raw[s:e])
            offsets.extend(range(base + s, base + e))
    return "".join(parts), offsets


def clean(raw: str) -> str:
    """Return ``raw`` without markdown markup and with white space folded to single spaces."""
    if not _has_markup(raw):
        return " ".join(raw.split())
    return clean_with_offsets(raw)[0]


def raw_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Raw ``(start, end)`` of the clean-text span ``[start, end)`` given its offset map."""
    if not 0 <= start < end <= len(offsets):
        raise ValueError(f"span {start}:{end} outside a text of {len(offsets)} characters")
    return offsets[start], offsets[end - 1] + 1
