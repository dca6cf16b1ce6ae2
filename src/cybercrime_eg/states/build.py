"""Building ``states.csv``: the report's States against the reference data, each fact sourced.

One row per UN Member State (``un_regional_groups_all.csv``) and per State named in the report:
regional group, whether this addendum lists it as making a statement (a list continued from
the main report) or as a side-event organiser, its Budapest
Convention status on the meeting date, its recorded votes on A/RES/73/187 (2018) and
A/RES/74/247 (2019), and its signature of the 2024 UN Convention against Cybercrime. Each
external fact has a ``<fact>_source`` and a ``<fact>_basis`` column: official, secondary or
inferred, from the project's grading in ``data/annotations/fact_basis.csv``.

Missing is missing. A State without a vote row was absent or did not vote: its vote is ``<NA>``
("no recorded vote"), never "no". A State not in ``budapest_status.csv`` has status ``<NA>``
("not verified"), never "none".

The reference tables come in as frames (``reference``: table name -> frame, as
:func:`~cybercrime_eg.external.reference` reads them); nothing here reads a file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import pandas as pd

from ..checks import require_frame, type_name
from ..schema import GRADED_FACTS, REFERENCE_TABLES, STATES_SCHEMA, typed
from ..vocab import RESOLUTIONS, with_caveat
from .names import display_name

__all__ = [
    "Reference",
    "build_states_table",
    "unmatched_states",
]

log = logging.getLogger(__name__)

Reference = Mapping[str, pd.DataFrame]

_GROUPS = {
    "African Group": "African",
    "Asia-Pacific Group": "Asia-Pacific",
    "Eastern European Group": "Eastern European",
    "GRULAC": "Latin American and Caribbean",
    "WEOG": "Western European and Others",
}
_CANONICAL = list(_GROUPS.values())

ALL_FILE = "un_regional_groups_all.csv (openclimatedata/countrygroups, commit 69605440)"
VOTES_FILE = "unga_cybercrime_votes.csv"
BUDAPEST_FILE = "budapest_status.csv"
SIGN_FILE = "un_convention_signatures.csv"
GROUPS_FILE = "un_regional_groups.csv"
_ALL_FILE, _VOTES_FILE, _BUDAPEST_FILE = ALL_FILE, VOTES_FILE, BUDAPEST_FILE
_SIGN_FILE, _GROUPS_FILE = SIGN_FILE, GROUPS_FILE
_COLUMNS = [f["name"] for f in STATES_SCHEMA["fields"]]


def _ext(reference: Reference) -> dict[str, pd.DataFrame]:
    expected = "the reference tables by name (cybercrime_eg.external.reference())"
    if not isinstance(reference, Mapping):
        raise TypeError(f"reference: expected {expected}, got {type_name(reference)}")
    missing = [n for n in REFERENCE_TABLES if n not in reference]
    if missing:
        raise ValueError(f"reference: expected {expected}, got one missing {missing}")
    return {
        "votes": reference["unga_cybercrime_votes"],
        "budapest": reference["budapest_status"],
        "signatures": reference["un_convention_signatures"],
        "groups": reference["un_regional_groups"],
        "groups_all": reference["un_regional_groups_all"],
    }


BASIS_FILE = "data/annotations/fact_basis.csv"


class _Basis:
    """The grading of ``fact_basis.csv``, checked against the reference tables it grades."""

    def __init__(self, frame: pd.DataFrame | None, ext: Mapping[str, pd.DataFrame]) -> None:
        self.known = frame is not None
        self.rows: dict[tuple[str, str, str], str] = {}
        if frame is None:
            log.warning("no fact_basis table given: the *_basis columns stay empty")
            return
        values = {
            ("budapest_status", "budapest_status"): ("budapest", "status_2019_03"),
            ("un_convention_signatures", "un_convention_signature"): (
                "signatures",
                "signed_un_cybercrime_convention",
            ),
        }
        for line, r in enumerate(frame.itertuples(index=False), start=2):
            key = (str(r.table), str(r.iso3), str(r.fact))
            if r.iso3 != "*" and (r.table, r.fact) in values:
                name, col = values[(r.table, r.fact)]
                table = ext[name]
                found = table.loc[table["iso3"] == r.iso3, col]
                actual = None if found.empty or pd.isna(found.iloc[0]) else str(found.iloc[0])
                if actual != str(r.value):
                    raise ValueError(
                        f"{BASIS_FILE}:{line}: grades {r.fact}='{r.value}' for {r.iso3}, "
                        f"but {r.table}.csv has {actual!r}: expected the table's value"
                    )
            self.rows[key] = str(r.basis)

    def __call__(self, table: str, iso3: str, fact: str, value: object) -> object:
        """The basis of ``fact`` = ``value`` of ``iso3`` read from ``table``; <NA> if empty."""
        if value is None or pd.isna(value) or not self.known:
            return pd.NA
        for key in ((table, iso3, fact), (table, "*", fact)):
            if key in self.rows:
                return self.rows[key]
        raise ValueError(
            f"{BASIS_FILE}: no row grades {fact}='{value}' of {iso3} from {table}.csv: "
            "expected one (official, secondary or inferred, with a reason)"
        )


def _iso_date(value: object) -> object:
    if value is None or pd.isna(value):
        return pd.NA
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)[:10]


def _canonical_group(value: str) -> str:
    value = value.strip()
    if value in _GROUPS:
        return _GROUPS[value]
    for name in _CANONICAL:
        if value.startswith(name):
            return name
    return value


def _check_participants(participants: object) -> None:
    """``participants`` is None, an empty frame, or the participants table with its columns."""
    if participants is None:
        return
    require_frame("participants", participants, what="the participants table")
    if not participants.empty:
        require_frame("participants", participants, _PEOPLE, what="the participants table")


_PEOPLE = ["name", "iso3", "role", "paragraph_id"]


def _state_rows(participants: pd.DataFrame) -> pd.DataFrame:
    if participants is None or participants.empty:
        return pd.DataFrame(columns=["name", "iso3", "role", "paragraph_id"])
    kind = participants["kind"] if "kind" in participants.columns else "state"
    return participants[pd.Series(kind, index=participants.index).eq("state")]


@with_caveat
def unmatched_states(participants: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """States named in the report that the reference data lacks, and which tables lack them.

    Columns ``name, iso3, roles, paragraphs, missing_from, source``; ``roles``,
    ``paragraphs`` and ``missing_from`` are lists. A State whose name resolved to no ISO code
    has ``iso3`` missing and ``missing_from`` ``['all (no ISO code)']``. ``source`` names the
    report paragraphs the State comes from and the reference files checked. Nothing is
    dropped: :func:`build_states_table` keeps every State that has an ISO code.
    ``reference`` holds the reference tables by name (:func:`~cybercrime_eg.external.reference`).
    """
    _check_participants(participants)
    ext = _ext(reference)
    tables = {
        _ALL_FILE.split(" ")[0]: set(ext["groups_all"]["Code"]),
        _VOTES_FILE: set(ext["votes"]["iso3"]),
        _BUDAPEST_FILE: set(ext["budapest"]["iso3"]),
        _SIGN_FILE: set(ext["signatures"]["iso3"]),
        _GROUPS_FILE: set(ext["groups"]["iso3"]),
    }
    rows = []
    for (name, iso3), grp in _state_rows(participants).groupby(
        ["name", "iso3"], dropna=False, sort=True
    ):
        roles = list(dict.fromkeys(grp["role"].astype(str)))
        paras = list(dict.fromkeys(grp["paragraph_id"].astype(str)))
        if pd.isna(iso3):
            missing = ["all (no ISO code)"]
        else:
            missing = [f for f, codes in tables.items() if iso3 not in codes]
        if missing:
            source = (
                f"report participants, paragraph(s) {'; '.join(paras)}; checked against "
                "data/external: " + ", ".join(tables)
            )
            rows.append((name, iso3, roles, paras, missing, source))
    frame = pd.DataFrame(
        rows, columns=["name", "iso3", "roles", "paragraphs", "missing_from", "source"]
    )
    return typed(frame, keep=("roles", "paragraphs", "missing_from"))


@with_caveat
def build_states_table(participants: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """``states.csv``: one row per UN Member State and per State named in the report.

    ``participants`` is the report's participants table; ``reference`` holds the reference
    tables by name (:func:`~cybercrime_eg.external.reference`). Every fact has a ``*_source``
    column. Missing facts stay ``<NA>`` (see :data:`~cybercrime_eg.vocab.MISSING_LABELS`).
    States named in the report without an ISO code cannot be keyed and are logged; see
    :func:`unmatched_states`, which also lists States that some reference table lacks.
    """
    _check_participants(participants)
    ext = _ext(reference)
    groups_all = ext["groups_all"]
    member_groups: dict[str, list[str]] = {}
    member_names: dict[str, str] = {}
    for code, name, region in groups_all[["Code", "Name", "Region"]].itertuples(index=False):
        member_groups.setdefault(code, []).append(str(region))
        member_names.setdefault(code, str(name))
    groups22 = {r.iso3: r for r in ext["groups"].itertuples(index=False)}
    budapest = {r.iso3: r for r in ext["budapest"].itertuples(index=False)}
    signatures = {r.iso3: r for r in ext["signatures"].itertuples(index=False)}
    votes: dict[str, dict[str, str]] = {res: {} for res in RESOLUTIONS}  # symbol -> iso3 -> vote
    for res, iso3, vote in ext["votes"][["resolution", "iso3", "vote"]].itertuples(index=False):
        if res in votes:
            votes[res][iso3] = vote

    basis = _Basis(reference.get("fact_basis"), ext)
    people = _state_rows(participants)
    unresolved = people[people["iso3"].isna()]
    if not unresolved.empty:
        log.warning(
            "States named in the report without an ISO code (not in states.csv): %s",
            ", ".join(unresolved["name"].astype(str)),
        )
    people = people[people["iso3"].notna()]
    report_name: dict[str, str] = {}
    listed: dict[str, str] = {}
    organisers: dict[str, str] = {}
    for row in people.itertuples(index=False):
        report_name.setdefault(row.iso3, str(row.name))
        para = f"report paragraph {row.paragraph_id}"
        if row.role == "statement":
            listed[row.iso3] = para
        elif row.role == "side-event-organizer":
            organisers[row.iso3] = para
    statement_paras = sorted(set(listed.values())) or ["report: no statement list found"]
    organiser_paras = sorted(set(organisers.values())) or ["report: no side-event organisers"]

    codes = sorted(set(member_groups) | set(report_name))
    rows = []
    for iso3 in codes:
        row: dict[str, object] = {"iso3": iso3}
        if iso3 in report_name:
            row["name"], row["name_source"] = report_name[iso3], "report (participants)"
        elif iso3 in groups22:
            row["name"], row["name_source"] = groups22[iso3].country, _GROUPS_FILE
        else:
            row["name"], row["name_source"] = member_names[iso3], _ALL_FILE
        shown = display_name(str(row["name"]), iso3)
        if shown != row["name"]:
            row["name"] = shown
            row["name_source"] = f"{row['name_source']}; current name: ISO 3166 (pycountry)"
        row["un_member"] = iso3 in member_groups
        row["un_member_source"] = _ALL_FILE + (
            "" if iso3 in member_groups else ": not listed among the UN Member States"
        )
        # regional group
        if iso3 in groups22:
            g = groups22[iso3]
            row["regional_group"] = _canonical_group(str(g.un_regional_group))
            row["regional_group_source"] = f"{_GROUPS_FILE}: '{g.un_regional_group}'; {g.source}"
            row["regional_group_basis"] = basis(
                "un_regional_groups", iso3, "regional_group", row["regional_group"]
            )
        elif iso3 in member_groups:
            groups = [_canonical_group(x) for x in member_groups[iso3]]
            row["regional_group"] = "; ".join(groups)
            note = " (listed in both groups in the source)" if len(groups) > 1 else ""
            row["regional_group_source"] = _ALL_FILE + note
            row["regional_group_basis"] = basis(
                "un_regional_groups_all", iso3, "regional_group", row["regional_group"]
            )
        else:
            row["regional_group"] = pd.NA
            row["regional_group_source"] = f"not in {_GROUPS_FILE} or {_ALL_FILE}: not recorded"
        # report roles
        row["listed_in_addendum"] = iso3 in listed
        row["listed_in_addendum_source"] = listed.get(
            iso3, "not in the statement list of " + ", ".join(statement_paras)
        )
        row["side_event_organizer_in_report"] = iso3 in organisers
        row["side_event_organizer_in_report_source"] = organisers.get(
            iso3, "not among the organisers in " + ", ".join(organiser_paras)
        )
        # Budapest
        if iso3 in budapest:
            b = budapest[iso3]
            row["budapest_status"] = b.status_2019_03 if not pd.isna(b.status_2019_03) else pd.NA
            row["budapest_signature_date"] = _iso_date(b.signature_date)
            row["budapest_ratification_or_accession_date"] = _iso_date(
                b.ratification_or_accession_date
            )
            row["budapest_entry_into_force_date"] = _iso_date(b.entry_into_force_date)
            row["budapest_source"] = f"{_BUDAPEST_FILE}: {b.source}"
            row["budapest_status_basis"] = basis(
                "budapest_status", iso3, "budapest_status", row["budapest_status"]
            )
        else:
            for col in (
                "budapest_status",
                "budapest_signature_date",
                "budapest_ratification_or_accession_date",
                "budapest_entry_into_force_date",
            ):
                row[col] = pd.NA
            row["budapest_source"] = f"not in {_BUDAPEST_FILE}: status not verified"
        # votes
        for res, spec in sorted(RESOLUTIONS.items()):
            col, date, rcid = spec.column, spec.date, spec.roll_call
            vote = votes[res].get(iso3)
            row[col] = vote if vote is not None else pd.NA
            row[f"{col}_basis"] = basis("unga_cybercrime_votes", iso3, col, row[col])
            if vote is not None:
                row[f"{col}_source"] = f"{_VOTES_FILE}: {res} ({date}), {rcid}"
            elif iso3 in member_groups:
                row[f"{col}_source"] = (
                    f"{_VOTES_FILE}: no row for {res} ({date}): absent or did not vote"
                )
            else:
                row[f"{col}_source"] = f"{_VOTES_FILE}: no row for {res}; not a Member State"
        # UN convention
        if iso3 in signatures:
            s = signatures[iso3]
            value = s.signed_un_cybercrime_convention
            unknown = pd.isna(value) or str(value).strip().lower() == "unknown"
            row["un_convention_signature"] = pd.NA if unknown else str(value)
            row["un_convention_signature_date"] = _iso_date(s.signature_date)
            note = " (recorded as 'unknown': not verified)" if unknown else ""
            row["un_convention_source"] = f"{_SIGN_FILE}{note}: {s.source}"
            row["un_convention_signature_basis"] = basis(
                "un_convention_signatures",
                iso3,
                "un_convention_signature",
                row["un_convention_signature"],
            )
        else:
            row["un_convention_signature"] = pd.NA
            row["un_convention_signature_date"] = pd.NA
            row["un_convention_source"] = f"not in {_SIGN_FILE}: not verified"
        row["in_reference_data"] = (
            iso3 in member_groups
            or iso3 in groups22
            or iso3 in budapest
            or iso3 in signatures
            or any(iso3 in v for v in votes.values())
        )
        rows.append(row)
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    for fact in GRADED_FACTS:  # rows without the fact (not verified) have no basis
        col = f"{fact}_basis"
        frame[col] = frame[col].where(frame[fact].notna(), pd.NA)
    missing_ref = frame.loc[~frame["in_reference_data"], "iso3"].tolist()
    if missing_ref:
        log.warning(
            "States named in the report but absent from the reference data: %s",
            ", ".join(missing_ref),
        )
    return typed(frame, schema=STATES_SCHEMA).reset_index(drop=True)
