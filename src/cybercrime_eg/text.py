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


def _dropped(raw: str) -> bytearray:
    """Mask of the characters of ``raw`` that are markup (1) rather than text (0)."""
    mask = bytearray(len(raw))
    for m in _LINK.finditer(raw):
        mask[m.start() : m.start(1)] = b"\x01" * (m.start(1) - m.start())
        mask[m.end(1) : m.end()] = b"\x01" * (m.end() - m.end(1))
    for m in _EMPHASIS.finditer(raw):
        width = len(m.group(1))
        mask[m.start() : m.start() + width] = b"\x01" * width
        mask[m.end() - width : m.end()] = b"\x01" * width
    return mask


def clean_with_offsets(raw: str, base: int = 0) -> tuple[str, list[int]]:
    """Clean ``raw`` and return the text with, for each of its characters, its raw offset.

    ``base`` is added to every offset, so passing the slice's start in the file gives
    offsets into the whole file. A run of white space (line and page breaks included)
    becomes one space mapped to the run's first character; leading and trailing white
    space is dropped.
    """
    mask = _dropped(raw)
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = -1
    for i, ch in enumerate(raw):
        if mask[i]:
            continue
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0:
            if chars:
                chars.append(" ")
                offsets.append(base + pending_space)
            pending_space = -1
        chars.append(ch)
        offsets.append(base + i)
    return "".join(chars), offsets


def clean(raw: str) -> str:
    """Return ``raw`` without markdown markup and with white space folded to single spaces."""
    return clean_with_offsets(raw)[0]


def raw_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Raw ``(start, end)`` of the clean-text span ``[start, end)`` given its offset map."""
    if not 0 <= start < end <= len(offsets):
        raise ValueError(f"span {start}:{end} outside a text of {len(offsets)} characters")
    return offsets[start], offsets[end - 1] + 1
