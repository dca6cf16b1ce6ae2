"""The project's domain words, in one place: resolutions, the caveat, missing-value labels, roles.

Every module that names a resolution, says what a missing fact means, or names what the report
lists a State for takes the words from here, so the tables, the charts and the book say the same
thing. Nothing here imports pandas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CAVEAT",
    "BASIS_LABELS",
    "BUDAPEST_STATUSES",
    "US_WEOG_CAVEAT",
    "basis_label",
    "group_caveat",
    "group_caveats",
    "with_basis",
    "BUDAPEST_STATUS_DATE",
    "REPORT_CITATIONS",
    "caveat",
    "MISSING_LABELS",
    "NOT_COMPARABLE",
    "NOT_ENDORSED",
    "NOT_RECORDED",
    "NOT_VERIFIED",
    "NO_RECORDED_VOTE",
    "RESOLUTIONS",
    "ROLE_BOTH",
    "ROLE_ORGANISER",
    "ROLE_LISTED",
    "Resolution",
    "STANCE_UNCLEAR",
    "VOTES",
    "resolution",
    "role_label",
    "with_caveat",
    "EXTERNAL_NOTE",
]

_FACTS = (
    "external facts about States, from records other than the report, not positions taken at "
    "the meeting."
)
_EXTERNAL = f"the votes, Budapest status and signatures shown are {_FACTS}"


def caveat(labels: list[str] | tuple[str, ...] = ("(a)", "(b)")) -> str:
    """The book's caveat, for a report whose positions on a new treaty carry ``labels``."""
    if not labels:
        return f"The report sets out no position on a new treaty; {_EXTERNAL}"
    named = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"
    noun = "position" if len(labels) == 1 else "positions"
    return f"The report attributes {noun} {named} to no State ('it was suggested'); {_EXTERNAL}"


#: The one caveat of the book (the report names no State for either position on a new treaty).
CAVEAT = caveat()

#: The caveat's second half in one sentence, for the captions of the charts of a chapter that
#: states the whole caveat once, at its top (a caveat repeated under every chart is not read).
EXTERNAL_NOTE = f"These are {_FACTS}"

#: What the report's items are (paragraph 1 of the 2019 addendum says "their inclusion does not
#: imply their endorsement by the Expert Group"), said wherever items are counted or charted.
NOT_ENDORSED = (
    "The items are suggestions submitted by Member States and compiled in the report; their "
    "inclusion does not imply their endorsement by the Expert Group."
)

#: The date of the Budapest Convention statuses in the reference data (``status_2019_03``).
BUDAPEST_STATUS_DATE = "27 March 2019"

#: Report file -> its key in references.bib (the chapters cite the report they analyse).
REPORT_CITATIONS: dict[str, str] = {
    "eg-cybercrime-2019-draft-report-addendum.txt": "eg2019draftaddendum",
}

#: A missing fact that was not recorded (never shown as "no" or "none").
NOT_RECORDED = "not recorded"
#: A missing fact that could not be verified.
NOT_VERIFIED = "not verified"
#: A Member State without a row in the roll call.
NO_RECORDED_VOTE = "no recorded vote (absent or did not vote)"
#: A vote change that cannot be judged because one of the two votes is missing.
NOT_COMPARABLE = "not comparable"
#: A text that gives no evidence for a stance on a new treaty.
STANCE_UNCLEAR = "unclear"

#: The recorded votes, in display order (a missing vote is :data:`NOT_RECORDED` in charts).
VOTES: tuple[str, ...] = ("yes", "no", "abstain")
#: Budapest Convention statuses on the meeting date, in display order.
BUDAPEST_STATUSES: tuple[str, ...] = ("party", "signatory", "invited", "none")

#: Column of the states table -> how its missing value is shown.
MISSING_LABELS: dict[str, str] = {
    "regional_group": NOT_RECORDED,
    "budapest_status": NOT_VERIFIED,
    "budapest_signature_date": NOT_RECORDED,
    "budapest_ratification_or_accession_date": NOT_RECORDED,
    "budapest_entry_into_force_date": NOT_RECORDED,
    "vote_73_187": NO_RECORDED_VOTE,
    "vote_74_247": NO_RECORDED_VOTE,
    "un_convention_signature": NOT_VERIFIED,
    "un_convention_signature_date": NOT_RECORDED,
}

#: What the report names a State for, as the book names it. The addendum's list of States
#: making statements continues one in the main report, which this project does not hold: it
#: does not name everyone who made a statement at the meeting.
ROLE_LISTED = "listed in this addendum as making a statement"
ROLE_ORGANISER = "organised the side event"
ROLE_BOTH = "listed as making a statement and organised the side event"


def role_label(listed: bool, organised: bool) -> str:
    """What the report names a State for: listed as making a statement, organiser, or both."""
    if listed and organised:
        return ROLE_BOTH
    return ROLE_LISTED if listed else ROLE_ORGANISER


#: How an external fact is known -> how the book labels it (definitions in SOURCES.md).
BASIS_LABELS: dict[str, str] = {
    "official": "official record",
    "secondary": "secondary report",
    "inferred": "inferred",
}


def with_basis(value: str, basis: object) -> str:
    """A fact's label with its basis shown when it is not read in a record.

    ``'none'`` graded inferred -> ``'none (inferred)'``; official and secondary facts keep
    their label (the basis is shown beside them in hovers and tables, see :func:`basis_label`).
    """
    return f"{value} (inferred)" if basis == "inferred" else value


def basis_label(basis: object) -> str:
    """'official record', 'secondary report', 'inferred', or 'not verified' for no basis."""
    return BASIS_LABELS.get(str(basis), NOT_VERIFIED) if isinstance(basis, str) else NOT_VERIFIED


#: The United States' place in the regional groups, shown wherever its group is shown.
US_WEOG_CAVEAT = (
    "the United States is not a member of any regional group: it attends the Western European "
    "and Others Group as an observer and is counted there for electoral purposes"
)


def group_caveat(iso3: str) -> str | None:
    """The caveat to show beside a State's regional group, if any (the United States)."""
    return US_WEOG_CAVEAT if iso3 == "USA" else None


def group_caveats(iso3s: Iterable[str]) -> list[str]:
    """The caveats to show beside the regional groups of these States: each once, in order
    (none when no State shown needs one)."""
    return list(dict.fromkeys(c for c in map(group_caveat, iso3s) if c))


@dataclass(frozen=True)
class Resolution:
    """A General Assembly resolution on the treaty question, and its recorded vote."""

    symbol: str
    column: str
    date: str
    year: str
    short: str
    long_date: str
    roll_call: str
    did: str = ""

    @property
    def title(self) -> str:
        """``74/247 (27 December 2019)``."""
        return f"{self.short} ({self.long_date})"

    def when(self, start: str, end: str | None = None) -> str:
        """'before' or 'after' a meeting held from ``start`` to ``end`` (ISO dates), computed.

        'during' when the vote falls within the meeting.
        """
        end = end or start
        if self.date < start:
            return "before"
        return "after" if self.date > end else "during"


#: The two recorded votes, newest first (the order of the charts' dropdowns).
RESOLUTIONS: dict[str, Resolution] = {
    r.symbol: r
    for r in (
        Resolution(
            "A/RES/74/247",
            "vote_74_247",
            "2019-12-27",
            "2019",
            "74/247",
            "27 December 2019",
            "TidyTuesday UN Votes rcid 9087",
            "established the Ad Hoc Committee that drafted a new UN cybercrime convention",
        ),
        Resolution(
            "A/RES/73/187",
            "vote_73_187",
            "2018-12-17",
            "2018",
            "73/187",
            "17 December 2018",
            "TidyTuesday UN Votes rcid 6138",
            "asked the Secretary-General to seek Member States' views",
        ),
    )
}


def resolution(name: str) -> Resolution:
    """The resolution called ``name``: its symbol, short symbol ('74/247') or year ('2019')."""
    for r in RESOLUTIONS.values():
        if name in (r.symbol, r.short, r.year):
            return r
    raise ValueError(f"unknown resolution {name!r}; use one of {sorted(RESOLUTIONS)}")


def with_caveat(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator: append :data:`CAVEAT` to ``func``'s docstring (written once, shown everywhere)."""
    doc = (func.__doc__ or "").rstrip()
    rest = [line for line in doc.splitlines()[1:] if line.strip()]
    indent = min((len(line) - len(line.lstrip()) for line in rest), default=0)
    func.__doc__ = f"{doc}\n\n{' ' * indent}Caveat: {CAVEAT}\n"
    return func
