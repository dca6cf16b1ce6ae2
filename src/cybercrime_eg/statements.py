"""Who made statements and who organised the side event: the participants of a report.

Every sentence of a statements paragraph (a paragraph of a "Statements" section, or one that
speaks of statements) and of a side-event paragraph either yields participants or is listed
as *unparsed*, with its paragraph, line and offsets and the reason: nothing is dropped
silently. The forms read:

- ``Statements were (also) made by experts of the following States: A, B and C.``
  (a strict list: a name that is not a known State or organisation is an error);
- ``Statements were made by the observers for A and B.`` (roles per name);
- ``A, an intergovernmental organization, (also) made a statement.`` and
  ``The observers for A and B made statements.`` (singular or plural, several names);
- ``The side event was organized (jointly) by the Government of A, B and C.``

A list ``A, B and C`` is split with a dynamic programme over its separators, computed
iteratively from the right in time linear in the list (a name spans at most a few
separators, as "Bosnia and Herzegovina" does).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

import pandas as pd

from .countries import resolve_state
from .entities import match_organization
from .errors import ParseError
from .model import Paragraph, Participant, Report, UnparsedSentence
from .schema import DERIVED_SPECS
from .text import clean_with_offsets, shown

__all__ = [
    "UNPARSED_DESCRIPTION",
    "UNPARSED_SCHEMA",
    "find_participants",
    "split_names",
    "unparsed_table",
]

ErrorFactory = Callable[[int, str], ParseError]

_STATEMENTS = re.compile(
    r"Statements were (?:also )?made by (?:the )?(?:experts|representatives|observers)"
    r"(?: and \w+)? (?:of|for) the following ((?:[\w-]+ ){0,6}?(?:States?|organizations?)"
    r"(?: and (?:[\w-]+ ){0,6}?(?:States?|organizations?))?)\s*:\s*"
)
_MADE_BY = re.compile(
    r"^(?:Statements?|A statement) (?:was|were) (?:also )?(?:made|delivered) by (?P<list>.+?)\.?$"
)
_APPOSITION = re.compile(
    r", (?:an?|both|all|two|three) (?:[\w-]+ ){0,6}?(?:organi[sz]ations?|States?|bod(?:y|ies)),"
)
_SUBJECT = re.compile(
    r"^(?P<list>.+?) (?:also |each |both |all |then )*(?:made|delivered|gave) "
    r"(?:a |an |one |their |its |joint )?(?:[\w-]+ )?statements?\b"
)
_EVENT = re.compile(r"\bevents?\b", re.IGNORECASE)
_ORGANIZED_BY = re.compile(
    r"\b(?:co-)?(?:organi[sz]ed|hosted|convened) (?:jointly )?by (?P<list>.+?)\.?$"
)
_CUE = re.compile(r"\bstatements?\b|\bevents?\b", re.IGNORECASE)
_SENTENCE = re.compile(r"\S.*?(?:\.(?=\s+[A-Z“\"(]|\s*$)|$)")
_ROLE = re.compile(
    r"^(?:the )?(?:observers?|representatives?|delegations?|experts?|delegates?)"
    r"(?: and \w+)? (?:for|of) (?:the )?",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(r"^(?:the )?Governments? of ", re.IGNORECASE)
_ARTICLE = re.compile(r"^the ", re.IGNORECASE)
_SEPARATOR = re.compile(r",? and |, ")
_MAX_PIECES = 6  # a name spans at most this many separators ("A, B and C" style names)

UNPARSED_DESCRIPTION, UNPARSED_SCHEMA = DERIVED_SPECS["unparsed_sentences"]


def _bare(name: str) -> str:
    return _ARTICLE.sub("", _GOVERNMENT.sub("", _ROLE.sub("", name.strip())))


def _known(name: str) -> bool:
    bare = _bare(name)
    return bool(resolve_state(bare) or match_organization(bare))


def split_names(listing: str, known: Callable[[str], bool] = _known) -> list[tuple[str, bool]]:
    """Split ``'A, B and C'`` into ``(name, known)`` pairs; " and " may stand inside a name.

    The listing is cut at every ", ", " and " and ", and "; consecutive pieces (at most
    ``_MAX_PIECES``) are joined back into names. Of all readings the one with the fewest
    unknown pieces wins, and among those the one with the longest names first. Iterative,
    linear in the number of pieces.
    """
    pieces: list[str] = []
    seps: list[str] = []
    pos = 0
    for m in _SEPARATOR.finditer(listing):
        pieces.append(listing[pos : m.start()])
        seps.append(m.group())
        pos = m.end()
    pieces.append(listing[pos:])
    n = len(pieces)
    # best[i]: (unknown pieces, next index j, known?) for the reading of pieces[i:]
    cost = [0] * (n + 1)
    step: list[tuple[int, bool]] = [(n, True)] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice: tuple[int, int, bool] | None = None
        name = pieces[i]
        names = [name]
        for k in range(i + 1, min(n, i + _MAX_PIECES)):
            name = name + seps[k - 1] + pieces[k]
            names.append(name)
        for j in range(len(names), 0, -1):  # longest first
            if known(names[j - 1].strip()) and (choice is None or cost[i + j] < choice[0]):
                choice = (cost[i + j], i + j, True)
        if choice is None or cost[i + 1] + 1 < choice[0]:
            choice = (cost[i + 1] + 1, i + 1, False)
        cost[i], step[i] = choice[0], (choice[1], choice[2])
    out: list[tuple[str, bool]] = []
    i = 0
    while i < n:
        j, ok = step[i]
        name = pieces[i] + "".join(seps[k] + pieces[k + 1] for k in range(i, j - 1))
        if name.strip():
            out.append((name.strip(), ok))
        i = j
    return out


class _ParagraphNames:
    """Finds the participants named in one paragraph, and the sentences it cannot read."""

    def __init__(self, raw: str, para: Paragraph, error: ErrorFactory, lines: list[int]):
        self.para = para
        self.error = error
        self.lines = lines
        self.text, self.offs = clean_with_offsets(raw[para.start : para.end], para.start)
        self.found: list[Participant] = []
        self.seen: set[tuple[str, str]] = set()
        self.unparsed: list[UnparsedSentence] = []
        self.statements_section = "statement" in (para.section_title or "").lower()

    def add(self, name: str, iso3: str | None, kind: str, role: str, at: int) -> int:
        if (name, role) in self.seen:
            raise self.error(
                self.para.line,
                f"'{shown(name)}' is listed twice in paragraph {self.para.number}: expected "
                "each name once",
            )
        self.seen.add((name, role))
        pos = self.text.find(name, at)
        start, end = self.offs[pos], self.offs[pos + len(name) - 1] + 1
        self.found.append(Participant(name, iso3, kind, role, self.para.id, start, end))
        return pos + len(name)

    def skip(self, s: int, e: int, reason: str) -> None:
        start, end = self.offs[s], self.offs[e - 1] + 1
        line = bisect_right(self.lines, start) + 1
        self.unparsed.append(
            UnparsedSentence(self.para.id, line, self.text[s:e], reason, start, end)
        )

    def run(self) -> tuple[list[Participant], list[UnparsedSentence]]:
        text = self.text
        for m in _SENTENCE.finditer(text):
            s, e = m.start(), m.end()
            sentence = m.group()
            if not sentence.strip():
                continue
            if not (self.statements_section or _CUE.search(sentence)):
                continue
            before = len(self.found)
            reason = self.sentence(sentence, s)
            if len(self.found) == before:
                if reason is None:
                    what = "no organiser of the event" if _EVENT.search(sentence) else "no one"
                    reason = (
                        f"names {what} in a form the parser reads ('Statements were made by A "
                        "and B.', 'A made a statement.', 'organized by A, B and C.')"
                    )
                self.skip(s, e, reason)
            elif reason:
                self.skip(s, e, reason)
        return self.found, self.unparsed

    def sentence(self, sentence: str, at: int) -> str | None:
        """Add the participants of one sentence; returns why some were not read, if so."""
        para = self.para
        if m := _STATEMENTS.search(sentence):
            group = m.group(1)
            kind = None if "State" in group and "organization" in group else (
                "state" if "State" in group else "organization"
            )  # fmt: skip
            if not sentence.endswith("."):
                raise self.error(
                    para.line,
                    f"statement list of paragraph {para.number} does not end: expected "
                    f"'... and <name>.', found '…{shown(sentence[-30:], 30)}'",
                )
            return self.listing(sentence[m.end() : -1], at + m.end(), kind, "statement", True)
        if m := _MADE_BY.match(sentence):
            return self.listing(m.group("list"), at + m.start("list"), None, "statement")
        if m := _SUBJECT.match(sentence):
            listing = m.group("list")
            kind = None
            if a := _APPOSITION.search(listing):
                if "organi" in a.group():
                    kind = "organization"
                listing = listing[: a.start()]
            return self.listing(listing, at + m.start("list"), kind, "statement")
        if _EVENT.search(sentence) and (m := _ORGANIZED_BY.search(sentence)):
            return self.listing(m.group("list"), at + m.start("list"), None,
                                "side-event-organizer")  # fmt: skip
        return None

    def listing(
        self, listing: str, at: int, kind: str | None, role: str, strict: bool = False
    ) -> str | None:
        """Add every name of 'A, B and C' (kind None: States or known organisations).

        An unknown name is an error in a ``strict`` list ("of the following States: ...");
        otherwise the known names are added and the unknown ones returned as the reason.
        """
        para = self.para
        unknown: list[str] = []
        cursor = at
        for name, ok in split_names(listing):
            bare = _bare(name)
            iso3 = resolve_state(bare) if ok else None
            org = match_organization(bare) if ok else None
            if ok and kind == "organization" and org is None:
                ok = False
            if ok and kind == "state" and iso3 is None:
                ok = False
            if not ok:
                if strict:
                    raise self.error(
                        para.line,
                        f"unknown name '{shown(name)}' in paragraph {para.number}: expected "
                        "the UN short name of a State (or a known organisation) in a list "
                        "'A, B and C.'",
                    )
                unknown.append(name)
                continue
            if iso3 is not None and kind != "organization":
                cursor = self.add(bare, iso3, "state", role, cursor)
            else:
                cursor = self.add(bare, None, "organization", role, cursor)
        if unknown:
            names = ", ".join(f"'{shown(n, 60)}'" for n in unknown[:3])
            more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
            return (
                f"unknown name {names}{more}: expected the UN short name of a State or a "
                "known organisation"
            )
        return None


def find_participants(
    report: Report, error: ErrorFactory
) -> tuple[list[Participant], list[UnparsedSentence]]:
    """The participants of every paragraph, and the sentences no participant was read from."""
    from .reading import line_ends

    lines: list[int] | None = None
    found: list[Participant] = []
    unparsed: list[UnparsedSentence] = []
    for para in report.paragraphs:
        if "statement" not in (para.section_title or "").lower() and not _CUE.search(para.text):
            continue
        if lines is None:
            lines = line_ends(report.raw)
        names = _ParagraphNames(report.raw, para, error, lines)
        got, missed = names.run()
        found.extend(got)
        unparsed.extend(missed)
    return found, unparsed


def unparsed_table(report: Report) -> pd.DataFrame:
    """The sentences of ``report`` that yielded no participant (columns of ``UNPARSED_SCHEMA``).

    Empty when every sentence of the statements and side-event paragraphs was read.
    """
    from .schema import pandas_dtypes

    dtypes = pandas_dtypes(UNPARSED_SCHEMA)
    rows = [
        {"paragraph_id": u.paragraph_id, "line": u.line, "sentence": u.sentence,
         "reason": u.reason, "start": u.start, "end": u.end}
        for u in report.unparsed
    ]  # fmt: skip
    return pd.DataFrame(
        {col: pd.array([r[col] for r in rows], dtype=dt) for col, dt in dtypes.items()}
    )
