"""Rules for what the book may print, shared by the source scans and the built-HTML scans.

Each rule is a class of error that a reading of the book against its sources found once:
hand-typed counts, before/after wording typed rather than computed, "speakers" wording for the
States listed in the addendum, and former names in a source shown without today's name.
"""

from __future__ import annotations

import re

# --- hand-typed counts ---------------------------------------------------------------------
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: Numbers that are labels, not counts: years, dates, resolution and document symbols,
#: paragraph and item labels, article numbers, list markers and the like.
ALLOWED_NUMBERS = [
    r"```(?!\{)[^\n]*\n(?s:.*?)```",  # code fences (not MyST directives such as {glossary})
    r"\{[a-z:-]+\}`[^`\n]*`",  # MyST roles ({cite:p}`ares73_187`)
    r"`[^`\n]*`",  # inline code
    r"\]\([^)]*\)",  # link targets (02_report.ipynb)
    r"https?://\S+",
    r"\b[\w-]+\.(?:ipynb|md|csv|txt|yml|json|py|bib)\b",  # file names
    r"\b\d{4}-\d{2}-\d{2}\b",  # ISO dates
    rf"\b\d{{1,2}}(?:[–-]\d{{1,2}})?\s+(?:{_MONTHS})\b",  # 27–29 March
    r"\b(?:A|E|S|UNODC|CTOC|A/C\.\d)(?:/[A-Za-z0-9.]+)+",  # document symbols
    r"\b\d{2}/\d{3}\b",  # resolution symbols 73/187
    r"\b\d+(?:\([a-z]{1,2}\))+(?:\([ivx]+\))?",  # item labels 1(k)(iii)
    r"\b(?:[Pp]aragraphs?|[Aa]rticles?|[Cc]hapter|ETS(?: No\.)?|No\.|rcid|[Ss]ection"
    r"|agenda item)\s+\d+"
    r"(?:\(\d+\))?(?:\s*(?:,|and|to)\s*\d+)*",
    r"\b(?:19|20)\d{2}s?\b",  # years
    r"^\s*\d+\.\s",  # list markers
    r"\b\d+(?:st|nd|rd|th)\b",  # ordinals as labels (5th meeting)
    r"\b24/7\b",
    r"\b[Ff]1\b",
    r"\bISO 3166(?:-1)?\b|\balpha-[23]\b|\bUTF-8\b|\bSHA-256\b",
    r"\b\d+\s?px\b",
    r"\b0 to 1\b",  # a score scale
    r"\b\d\.\d International\b|\bCC BY(?:-SA)? \d\.\d\b|\bAttribution \d\.\d\b",  # licences
    r"\bcommit [0-9a-f]{7,40}\b",  # a repository's commit
    r"\b[IVXL]+-\d+\b",  # a UN Treaty Collection chapter (XVIII-16)
    r"\bPython \d+\.\d+\b|\bv\d+\b",  # software versions (Jupyter Book v1)
    r"\bexit status \d\b",
]
_ALLOWED = re.compile("|".join(f"(?:{p})" for p in ALLOWED_NUMBERS), re.MULTILINE)
_DIGITS = re.compile(r"\d+")


def hand_typed_numbers(text: str) -> list[str]:
    """The numbers in ``text`` that are neither labels nor dates: counts typed by hand."""
    rest = _ALLOWED.sub(" ", text)
    return [m.group(0) for m in _DIGITS.finditer(rest)]


# --- before/after wording -------------------------------------------------------------------
#: Time words that must be computed from dates, never typed about the votes.
TYPED_TIME = re.compile(
    r"votes? that followed|later votes?|later,? external|the later (?:votes?|resolutions?)"
    r"|cast months later|votes? (?:came|cast) (?:after|later)|subsequent votes?",
    re.IGNORECASE,
)

# --- "speakers" wording -----------------------------------------------------------------------
#: Words that present the States listed in the addendum as the meeting's speakers.
SPEAKER_WORDING = re.compile(
    r"spoke at the meeting|speaking States?|\bspeakers?\b|States that spoke|who spoke"
    r"|made statements under the agenda item|statements at the meeting|\bspoke\b",
    re.IGNORECASE,
)
