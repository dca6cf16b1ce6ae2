"""State profiles: the report's States against the reference data, with a source for every fact.

One row per UN Member State (``un_regional_groups_all.csv``) and per State named in the report:
regional group, whether the report lists it as a speaker or side-event organiser, its Budapest
Convention status on the meeting date, its recorded votes on A/RES/73/187 (2018) and
A/RES/74/247 (2019), and its signature of the 2024 UN Convention against Cybercrime.

Missing is missing. A State without a vote row was absent or did not vote: its vote is ``<NA>``
("no recorded vote"), never "no". A State not in ``budapest_status.csv`` has status ``<NA>``
("not verified"), never "none". :func:`label_missing` spells these out for display and
:func:`missing_facts` counts them.

Caveat: the report attributes positions (a) and (b) on a new treaty to no State. Nothing here
says which State held which position; the votes are later, external facts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, overload

import pandas as pd

from .schema import field as _field

__all__ = [
    "CAVEAT",
    "MISSING_LABELS",
    "RESOLUTIONS",
    "SIMILARITY_ATTRIBUTES",
    "STATES_SCHEMA",
    "budapest_by_vote",
    "build_states_table",
    "crosstab",
    "label_missing",
    "missing_facts",
    "most_similar",
    "participant_profiles",
    "regional_group_by_vote",
    "select_states",
    "similarity_matrix",
    "state_similarity",
    "states",
    "unmatched_states",
    "vote_change_counts",
    "vote_changes",
    "vote_transitions",
]

log = logging.getLogger(__name__)

CAVEAT = (
    "The report attributes positions (a) and (b) on a new treaty to no State; the votes, "
    "Budapest status and signatures shown are external facts about States, not their "
    "positions at the meeting."
)

# Resolution symbol -> (column, adoption date, roll-call note from SOURCES.md).
RESOLUTIONS: dict[str, tuple[str, str, str]] = {
    "A/RES/73/187": ("vote_73_187", "2018-12-17", "TidyTuesday UN Votes rcid 6138"),
    "A/RES/74/247": ("vote_74_247", "2019-12-27", "TidyTuesday UN Votes rcid 9087"),
}
_RES_ALIASES = {"2018": "A/RES/73/187", "73/187": "A/RES/73/187",
                "2019": "A/RES/74/247", "74/247": "A/RES/74/247"}  # fmt: skip

MISSING_LABELS: dict[str, str] = {
    "regional_group": "not recorded",
    "budapest_status": "not verified",
    "budapest_signature_date": "not recorded",
    "budapest_ratification_or_accession_date": "not recorded",
    "budapest_entry_into_force_date": "not recorded",
    "vote_73_187": "no recorded vote (absent or did not vote)",
    "vote_74_247": "no recorded vote (absent or did not vote)",
    "un_convention_signature": "not verified",
    "un_convention_signature_date": "not recorded",
}

SIMILARITY_ATTRIBUTES: tuple[str, ...] = (
    "regional_group",
    "budapest_status",
    "vote_73_187",
    "vote_74_247",
    "un_convention_signature",
)

_GROUPS = {
    "African Group": "African",
    "Asia-Pacific Group": "Asia-Pacific",
    "Eastern European Group": "Eastern European",
    "GRULAC": "Latin American and Caribbean",
    "WEOG": "Western European and Others",
}
_CANONICAL = list(_GROUPS.values())

_ALL_FILE = "un_regional_groups_all.csv (openclimatedata/countrygroups, commit 69605440)"
_VOTES_FILE = "unga_cybercrime_votes.csv"
_BUDAPEST_FILE = "budapest_status.csv"
_SIGN_FILE = "un_convention_signatures.csv"
_GROUPS_FILE = "un_regional_groups.csv"


STATES_SCHEMA: dict = {
    "fields": [
        _field("iso3", "string", "ISO 3166-1 alpha-3 code.", True),
        _field("name", "string", "Name (as in the report where it names the State).", True),
        _field("name_source", "string", "Where the name comes from.", True),
        _field("un_member", "boolean", "Listed among the 193 UN Member States.", True),
        _field("un_member_source", "string", "Where un_member comes from.", True),
        _field(
            "regional_group",
            "string",
            "UN regional group; two groups are joined by '; ' (Turkey). Empty = not recorded.",
        ),
        _field("regional_group_source", "string", "Where regional_group comes from.", True),
        _field(
            "spoke_in_report",
            "boolean",
            "Listed in the report as making a statement. False = not listed in this report "
            "(the statement list is continued from other parts of the meeting report).",
            True,
        ),
        _field("spoke_in_report_source", "string", "Report paragraph of the list.", True),
        _field(
            "side_event_organizer_in_report",
            "boolean",
            "Named in the report as organiser of the side event.",
            True,
        ),
        _field("side_event_organizer_in_report_source", "string", "Report paragraph.", True),
        _field(
            "budapest_status",
            "string",
            "Budapest Convention status on 2019-03-27. Empty = not verified, never 'none'.",
            False,
            ["party", "signatory", "invited", "none"],
        ),
        _field("budapest_signature_date", "date", "Signature date; empty = not recorded."),
        _field(
            "budapest_ratification_or_accession_date",
            "date",
            "Ratification or accession date; empty = not recorded.",
        ),
        _field("budapest_entry_into_force_date", "date", "Entry into force; empty = not recorded."),
        _field(
            "budapest_source",
            "string",
            "Source of budapest_status and the three Budapest dates.",
            True,
        ),
        _field(
            "vote_73_187",
            "string",
            "Recorded vote on A/RES/73/187 (2018-12-17). Empty = no recorded vote (absent or "
            "did not vote), never 'no'.",
            False,
            ["yes", "no", "abstain"],
        ),
        _field("vote_73_187_source", "string", "Where vote_73_187 comes from.", True),
        _field(
            "vote_74_247",
            "string",
            "Recorded vote on A/RES/74/247 (2019-12-27). Empty = no recorded vote (absent or "
            "did not vote), never 'no'.",
            False,
            ["yes", "no", "abstain"],
        ),
        _field("vote_74_247_source", "string", "Where vote_74_247 comes from.", True),
        _field(
            "un_convention_signature",
            "string",
            "Signature of the 2024 UN Convention against Cybercrime as recorded ('yes', 'not in "
            "list', 'no (not at Hanoi)'). Empty = not verified.",
        ),
        _field("un_convention_signature_date", "date", "Signature date; empty = not recorded."),
        _field(
            "un_convention_source",
            "string",
            "Source of un_convention_signature and its date.",
            True,
        ),
        _field(
            "in_reference_data",
            "boolean",
            "Whether any reference table (data/external) has a row for this State.",
            True,
        ),
    ],
    "primaryKey": ["iso3"],
}

_COLUMNS = [f["name"] for f in STATES_SCHEMA["fields"]]
_DTYPES = {
    f["name"]: {"boolean": "boolean", "integer": "Int64"}.get(f["type"], "string")
    for f in STATES_SCHEMA["fields"]
}


# --- building -------------------------------------------------------------------------------


def _ext(external_dir: str | Path | None):
    from . import external

    return {
        "votes": external.votes(external_dir),
        "budapest": external.budapest_status(external_dir),
        "signatures": external.un_signatures(external_dir),
        "groups": external.regional_groups(external_dir),
        "groups_all": external.regional_groups_all(external_dir),
    }


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


def _state_rows(participants: pd.DataFrame) -> pd.DataFrame:
    if participants is None or participants.empty:
        return pd.DataFrame(columns=["name", "iso3", "role", "paragraph_id"])
    kind = participants["kind"] if "kind" in participants.columns else "state"
    return participants[pd.Series(kind, index=participants.index).eq("state")]


def unmatched_states(
    participants: pd.DataFrame, external_dir: str | Path | None = None
) -> pd.DataFrame:
    """States named in the report that the reference data lacks, and which tables lack them.

    Columns ``name, iso3, roles, paragraphs, missing_from, source`` (files, '; '-joined). A
    State whose name resolved to no ISO code has ``iso3`` missing and ``missing_from`` 'all
    (no ISO code)'. ``source`` names the report paragraphs the State comes from and the
    reference files checked. Nothing is dropped: :func:`build_states_table` keeps every State
    that has an ISO code.

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    ext = _ext(external_dir)
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
        roles = "; ".join(dict.fromkeys(grp["role"].astype(str)))
        paras = "; ".join(dict.fromkeys(grp["paragraph_id"].astype(str)))
        if pd.isna(iso3):
            missing = "all (no ISO code)"
        else:
            missing = "; ".join(f for f, codes in tables.items() if iso3 not in codes)
        if missing:
            source = (
                f"report participants, paragraph(s) {paras}; checked against data/external: "
                + ", ".join(tables)
            )
            rows.append((name, iso3, roles, paras, missing, source))
    return pd.DataFrame(
        rows, columns=["name", "iso3", "roles", "paragraphs", "missing_from", "source"]
    ).astype("string")


def build_states_table(
    participants: pd.DataFrame, external_dir: str | Path | None = None
) -> pd.DataFrame:
    """``states.csv``: one row per UN Member State and per State named in the report.

    Every fact has a ``*_source`` column. Missing facts stay ``<NA>`` (see
    :data:`MISSING_LABELS`). States named in the report without an ISO code cannot be keyed
    and are logged; see :func:`unmatched_states`, which also lists States that some reference
    table lacks.

    Caveat: the report attributes positions (a) and (b) to no State; the votes and treaty
    facts here are external facts, not positions taken at the meeting.
    """
    ext = _ext(external_dir)
    groups_all = ext["groups_all"]
    member_groups: dict[str, list[str]] = {}
    member_names: dict[str, str] = {}
    for code, name, region in groups_all[["Code", "Name", "Region"]].itertuples(index=False):
        member_groups.setdefault(code, []).append(str(region))
        member_names.setdefault(code, str(name))
    groups22 = {r.iso3: r for r in ext["groups"].itertuples(index=False)}
    budapest = {r.iso3: r for r in ext["budapest"].itertuples(index=False)}
    signatures = {r.iso3: r for r in ext["signatures"].itertuples(index=False)}
    votes: dict[str, dict[str, str]] = {res: {} for res in RESOLUTIONS}
    for res, iso3, vote in ext["votes"][["resolution", "iso3", "vote"]].itertuples(index=False):
        if res in votes:
            votes[res][iso3] = vote

    people = _state_rows(participants)
    unresolved = people[people["iso3"].isna()]
    if not unresolved.empty:
        log.warning(
            "States named in the report without an ISO code (not in states.csv): %s",
            ", ".join(unresolved["name"].astype(str)),
        )
    people = people[people["iso3"].notna()]
    report_name: dict[str, str] = {}
    speakers: dict[str, str] = {}
    organisers: dict[str, str] = {}
    for row in people.itertuples(index=False):
        report_name.setdefault(row.iso3, str(row.name))
        para = f"report paragraph {row.paragraph_id}"
        if row.role == "statement":
            speakers[row.iso3] = para
        elif row.role == "side-event-organizer":
            organisers[row.iso3] = para
    statement_paras = sorted(set(speakers.values())) or ["report: no statement list found"]
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
        row["un_member"] = iso3 in member_groups
        row["un_member_source"] = _ALL_FILE + (
            "" if iso3 in member_groups else ": not listed among the 193 Member States"
        )
        # regional group
        if iso3 in groups22:
            g = groups22[iso3]
            row["regional_group"] = _canonical_group(str(g.un_regional_group))
            row["regional_group_source"] = f"{_GROUPS_FILE}: '{g.un_regional_group}'; {g.source}"
        elif iso3 in member_groups:
            groups = [_canonical_group(x) for x in member_groups[iso3]]
            row["regional_group"] = "; ".join(groups)
            note = " (listed in both groups in the source)" if len(groups) > 1 else ""
            row["regional_group_source"] = _ALL_FILE + note
        else:
            row["regional_group"] = pd.NA
            row["regional_group_source"] = f"not in {_GROUPS_FILE} or {_ALL_FILE}: not recorded"
        # report roles
        row["spoke_in_report"] = iso3 in speakers
        row["spoke_in_report_source"] = speakers.get(
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
        for res, (col, date, rcid) in RESOLUTIONS.items():
            vote = votes[res].get(iso3)
            row[col] = vote if vote is not None else pd.NA
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
    missing_ref = frame.loc[~frame["in_reference_data"], "iso3"].tolist()
    if missing_ref:
        log.warning("States named in the report but absent from the reference data: %s",
                    ", ".join(missing_ref))  # fmt: skip
    return frame.astype(_DTYPES).reset_index(drop=True)


def states(
    report: str | Path | None = None, external_dir: str | Path | None = None
) -> pd.DataFrame:
    """:func:`build_states_table` for the shipped report (or ``report`` parsed fresh).

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    from .api import participants

    return build_states_table(participants(report), external_dir)


# --- selecting and labelling ----------------------------------------------------------------


def select_states(states_df: pd.DataFrame, which: str | Iterable[str] = "report") -> pd.DataFrame:
    """Rows of ``states_df``: 'report' (speakers or organisers), 'speakers', 'organizers',
    'members' (UN Member States), 'all', or an iterable of ISO codes.

    The rows keep every ``*_source`` column of ``states_df``.

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    if isinstance(which, str):
        if which == "all":
            return states_df

        def flag(col: str) -> pd.Series:
            return states_df[col].fillna(False).astype(bool)

        masks = {
            "report": lambda: flag("spoke_in_report") | flag("side_event_organizer_in_report"),
            "speakers": lambda: flag("spoke_in_report"),
            "organizers": lambda: flag("side_event_organizer_in_report"),
            "members": lambda: flag("un_member"),
        }
        if which not in masks:
            raise ValueError(f"which must be 'all', one of {sorted(masks)} or a list of ISO codes")
        return states_df[masks[which]()]
    codes = list(which)
    return states_df[states_df["iso3"].isin(codes)]


def label_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """A display copy with missing facts spelled out ('not verified', 'no recorded vote' ...).

    Columns not in :data:`MISSING_LABELS` are left as they are (so every ``*_source``
    column stays). Dates become ISO strings.

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    out = frame.copy()
    for col, label in MISSING_LABELS.items():
        if col in out.columns:
            values = out[col].map(_iso_date) if col.endswith("_date") else out[col]
            out[col] = values.astype("string").fillna(label)
    return out


def missing_facts(states_df: pd.DataFrame, which: str | Iterable[str] = "all") -> pd.DataFrame:
    """How many rows lack each fact: ``fact, n_missing, n_rows, label, source_column, source``.

    The label is how the missing value is shown (:data:`MISSING_LABELS`); missing is never
    read as "no" or "none". ``source`` names the reference file the fact comes from and
    ``source_column`` the column of ``states_df`` that gives the source row by row.

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    rows = select_states(states_df, which)
    out = [
        (
            col,
            int(rows[col].isna().sum()),
            len(rows),
            label,
            _SOURCE_COLUMN[col],
            _FACT_SOURCE[col],
        )  # fmt: skip
        for col, label in MISSING_LABELS.items()
        if col in rows.columns
    ]
    columns = ["fact", "n_missing", "n_rows", "label", "source_column", "source"]
    return pd.DataFrame(out, columns=columns).astype(
        {c: "string" for c in columns} | {"n_missing": "Int64", "n_rows": "Int64"}
    )


_SOURCE_COLUMN: dict[str, str] = {
    "regional_group": "regional_group_source",
    "budapest_status": "budapest_source",
    "budapest_signature_date": "budapest_source",
    "budapest_ratification_or_accession_date": "budapest_source",
    "budapest_entry_into_force_date": "budapest_source",
    "vote_73_187": "vote_73_187_source",
    "vote_74_247": "vote_74_247_source",
    "un_convention_signature": "un_convention_source",
    "un_convention_signature_date": "un_convention_source",
}
_FACT_SOURCE: dict[str, str] = {
    "regional_group": f"{_GROUPS_FILE}; {_ALL_FILE}",
    "budapest_status": f"{_BUDAPEST_FILE} (status on 2019-03-27)",
    "budapest_signature_date": _BUDAPEST_FILE,
    "budapest_ratification_or_accession_date": _BUDAPEST_FILE,
    "budapest_entry_into_force_date": _BUDAPEST_FILE,
    "vote_73_187": f"{_VOTES_FILE}: A/RES/73/187 ({RESOLUTIONS['A/RES/73/187'][2]})",
    "vote_74_247": f"{_VOTES_FILE}: A/RES/74/247 ({RESOLUTIONS['A/RES/74/247'][2]})",
    "un_convention_signature": _SIGN_FILE,
    "un_convention_signature_date": _SIGN_FILE,
}


def _resolution(resolution: str) -> tuple[str, str]:
    res = _RES_ALIASES.get(resolution, resolution)
    if res not in RESOLUTIONS:
        raise ValueError(f"unknown resolution {resolution!r}; use one of {sorted(RESOLUTIONS)}")
    return res, RESOLUTIONS[res][0]


# --- profiles and cross-tabulations ----------------------------------------------------------


def participant_profiles(states_df: pd.DataFrame, labelled: bool = True) -> pd.DataFrame:
    """The speaking States and side-event organisers with their facts and sources.

    Caveat: the report attributes positions (a) and (b) to no State; these are external
    facts (regional group, Budapest status, later votes and signatures), each with its
    ``*_source`` column. With ``labelled`` missing facts are spelled out.
    """
    rows = select_states(states_df, "report").copy()
    spoke = rows["spoke_in_report"].astype(bool)
    org = rows["side_event_organizer_in_report"].astype(bool)
    rows.insert(
        2,
        "role",
        pd.Series(
            [
                "statement and side-event organiser"
                if s and o
                else "statement"
                if s
                else "side-event organiser"
                for s, o in zip(spoke, org, strict=True)
            ],
            index=rows.index,
            dtype="string",
        ),
    )
    rows = rows.sort_values(["role", "name"], kind="stable").reset_index(drop=True)
    return label_missing(rows) if labelled else rows


def _names(frame: pd.DataFrame) -> str:
    return "; ".join(sorted(frame["name"].astype(str)))


def budapest_by_vote(
    states_df: pd.DataFrame,
    resolution: str = "A/RES/74/247",
    which: str | Iterable[str] = "report",
) -> pd.DataFrame:
    """Budapest status (2019-03-27) by recorded vote, long form with a ``source`` column.

    Columns ``budapest_status, vote, n, states, source``; missing facts are counted under
    their labels ('not verified', 'no recorded vote ...'). Default rows: the States the
    report names (speakers and organisers).

    Caveat: the report attributes positions (a) and (b) to no State; a vote cast months
    later is not a position taken at the meeting.
    """
    res, col = _resolution(resolution)
    rows = label_missing(select_states(states_df, which))
    out = []
    for (status, vote), grp in rows.groupby(["budapest_status", col], sort=True):
        out.append((status, vote, len(grp), _names(grp)))
    frame = pd.DataFrame(out, columns=["budapest_status", "vote", "n", "states"])
    frame["source"] = (
        f"Budapest status: {_BUDAPEST_FILE} (Council of Europe treaty office and sources per "
        f"row); vote: {_VOTES_FILE}, {res} ({RESOLUTIONS[res][2]})"
    )
    return frame.astype({"budapest_status": "string", "vote": "string", "n": "Int64",
                         "states": "string", "source": "string"})  # fmt: skip


def regional_group_by_vote(
    states_df: pd.DataFrame, resolution: str = "A/RES/74/247"
) -> pd.DataFrame:
    """Regional group by recorded vote for all UN Member States, speaking States marked.

    Columns ``regional_group, vote, n, n_speaking, speaking_states, side_event_organizers,
    source``. A State listed in two groups (Turkey) is counted in both.

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    res, col = _resolution(resolution)
    rows = label_missing(select_states(states_df, "members"))
    rows = rows.assign(regional_group=rows["regional_group"].str.split("; ")).explode(
        "regional_group"
    )
    out = []
    for (group, vote), grp in rows.groupby(["regional_group", col], sort=True):
        speaking = grp[grp["spoke_in_report"].astype(bool)]
        org = grp[grp["side_event_organizer_in_report"].astype(bool)]
        out.append((group, vote, len(grp), len(speaking), _names(speaking), _names(org)))
    frame = pd.DataFrame(
        out,
        columns=[
            "regional_group",
            "vote",
            "n",
            "n_speaking",
            "speaking_states",
            "side_event_organizers",
        ],  # fmt: skip
    )
    frame["source"] = (
        f"group: {_ALL_FILE} and {_GROUPS_FILE}; vote: {_VOTES_FILE}, {res} "
        f"({RESOLUTIONS[res][2]}); speakers and organisers: report paragraphs "
        + ", ".join(
            sorted(
                set(
                    states_df.loc[
                        states_df["spoke_in_report"].astype(bool), "spoke_in_report_source"
                    ].astype(str)
                )  # fmt: skip
                | set(
                    states_df.loc[
                        states_df["side_event_organizer_in_report"].astype(bool),
                        "side_event_organizer_in_report_source",
                    ].astype(str)
                )
            )
        ).replace("report paragraph ", "")
    )
    return frame.astype({"regional_group": "string", "vote": "string", "n": "Int64",
                         "n_speaking": "Int64", "speaking_states": "string",
                         "side_event_organizers": "string", "source": "string"})  # fmt: skip


@overload
def crosstab(
    long: pd.DataFrame,
    index: str,
    columns: str,
    values: str = ...,
    *,
    with_source: Literal[False] = ...,
) -> pd.DataFrame: ...


@overload
def crosstab(
    long: pd.DataFrame,
    index: str,
    columns: str,
    values: str = ...,
    *,
    with_source: Literal[True],
) -> tuple[pd.DataFrame, pd.DataFrame]: ...


def crosstab(
    long: pd.DataFrame,
    index: str,
    columns: str,
    values: str = "n",
    *,
    with_source: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Pivot a long count table to a wide one (zeros where no State).

    A count matrix has no room for a source column, so the sources come alongside: with
    ``with_source=True`` the result is ``(wide, cells)`` where ``cells`` is the tidy form,
    one row per cell (``index, columns, values, source``; zero cells included, with the
    source of the whole table). The wide table also keeps ``attrs['source']``.

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    wide = long.pivot_table(index=index, columns=columns, values=values, aggfunc="sum",
                            fill_value=0, observed=True)  # fmt: skip
    wide = wide.astype("Int64")
    wide.columns.name = columns
    table_source = (
        "; ".join(dict.fromkeys(long["source"].astype(str))) if "source" in long.columns else ""
    )
    if table_source:
        wide.attrs["source"] = table_source
    if not with_source:
        return wide
    by_cell: dict[tuple[object, object], str] = {}
    if "source" in long.columns:
        for (i, c), grp in long.groupby([index, columns], sort=False):
            by_cell[(i, c)] = "; ".join(dict.fromkeys(grp["source"].astype(str)))
    cells = [
        (i, c, wide.loc[i, c], by_cell.get((i, c), table_source) or "not given")
        for i in wide.index
        for c in wide.columns
    ]
    tidy = pd.DataFrame(cells, columns=[index, columns, values, "source"])
    return wide, tidy.astype({index: "string", columns: "string", values: "Int64",
                              "source": "string"})  # fmt: skip


_NOT_COMPARABLE = "not comparable"
_YEARS = {"vote_73_187": "2018", "vote_74_247": "2019"}


def _change(va: object, vb: object) -> tuple[str, str, object]:
    """``(status, change, changed)`` for one State's 2018 and 2019 votes."""
    if pd.isna(va) and pd.isna(vb):
        return _NOT_COMPARABLE, f"{_NOT_COMPARABLE}: no recorded vote in 2018 or 2019", pd.NA
    if pd.isna(va):
        return _NOT_COMPARABLE, f"{_NOT_COMPARABLE}: no recorded vote in 2018", pd.NA
    if pd.isna(vb):
        return _NOT_COMPARABLE, f"{_NOT_COMPARABLE}: no recorded vote in 2019", pd.NA
    if str(va) == str(vb):
        return "unchanged", "unchanged", False
    return "changed", f"{va} -> {vb}", True


def vote_changes(states_df: pd.DataFrame, which: str | Iterable[str] = "members") -> pd.DataFrame:
    """Each State's vote on A/RES/73/187 (2018) and A/RES/74/247 (2019) and how it changed.

    Columns ``iso3, name, vote_73_187, vote_74_247, status, change, changed,
    spoke_in_report, side_event_organizer_in_report, source``. ``status`` is 'changed',
    'unchanged' or 'not comparable'. A missing vote (absent or did not vote) is not a
    change: such a row has ``changed`` missing and ``change`` 'not comparable: no recorded
    vote in 2019' (or 2018, or '2018 or 2019'); :func:`vote_change_counts` counts them
    separately. ``change`` reads e.g. 'yes -> abstain' or 'unchanged' otherwise.

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    rows = select_states(states_df, which)
    labelled = label_missing(rows)
    parts = [_change(va, vb) for va, vb in zip(rows["vote_73_187"], rows["vote_74_247"],
                                               strict=True)]  # fmt: skip
    out = pd.DataFrame(
        {
            "iso3": rows["iso3"].to_numpy(),
            "name": rows["name"].to_numpy(),
            "vote_73_187": labelled["vote_73_187"].to_numpy(),
            "vote_74_247": labelled["vote_74_247"].to_numpy(),
            "status": [p[0] for p in parts],
            "change": [p[1] for p in parts],
            "changed": pd.array([p[2] for p in parts], dtype="boolean"),
            "spoke_in_report": rows["spoke_in_report"].to_numpy(),
            "side_event_organizer_in_report": rows["side_event_organizer_in_report"].to_numpy(),
            "source": [
                f"{x}; {y}"
                for x, y in zip(
                    rows["vote_73_187_source"], rows["vote_74_247_source"], strict=True
                )  # fmt: skip
            ],
        }
    )
    return out.astype(
        {
            "iso3": "string",
            "name": "string",
            "vote_73_187": "string",
            "vote_74_247": "string",
            "status": "string",
            "change": "string",
            "changed": "boolean",
            "spoke_in_report": "boolean",
            "side_event_organizer_in_report": "boolean",
            "source": "string",
        }  # fmt: skip
    ).reset_index(drop=True)


def vote_change_counts(
    states_df: pd.DataFrame, which: str | Iterable[str] = "members"
) -> pd.DataFrame:
    """How many States changed their vote, kept it, or cannot be compared (a missing vote).

    Columns ``status, change, n, n_in_report, states_in_report, source``; one row per
    'changed' / 'unchanged' and per kind of 'not comparable' (no recorded vote in 2018, in
    2019, in both), so States without a recorded vote are counted apart, never as changes.

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    changes = vote_changes(states_df, which)
    kind = changes["change"].where(changes["status"] == _NOT_COMPARABLE, changes["status"])
    in_report = changes["spoke_in_report"] | changes["side_event_organizer_in_report"]
    order = ["changed", "unchanged", f"{_NOT_COMPARABLE}: no recorded vote in 2018",
             f"{_NOT_COMPARABLE}: no recorded vote in 2019",
             f"{_NOT_COMPARABLE}: no recorded vote in 2018 or 2019"]  # fmt: skip
    out = []
    for k in order:
        grp = changes[kind == k]
        rep = grp[in_report[kind == k].astype(bool)]
        status = k.split(":")[0]
        out.append((status, k, len(grp), len(rep), _names(rep)))
    frame = pd.DataFrame(out, columns=["status", "change", "n", "n_in_report", "states_in_report"])
    frame["source"] = (
        f"{_VOTES_FILE} (A/RES/73/187 {RESOLUTIONS['A/RES/73/187'][2]}; "
        f"A/RES/74/247 {RESOLUTIONS['A/RES/74/247'][2]}); no row = no recorded vote"
    )
    return frame.astype({"status": "string", "change": "string", "n": "Int64",
                         "n_in_report": "Int64", "states_in_report": "string",
                         "source": "string"})  # fmt: skip


def vote_transitions(
    states_df: pd.DataFrame, which: str | Iterable[str] = "members"
) -> pd.DataFrame:
    """Counts of 2018 -> 2019 vote pairs: ``vote_73_187, vote_74_247, status, n,
    n_in_report, states_in_report, source``.

    ``status`` is 'changed', 'unchanged' or 'not comparable' (a vote not recorded in one of
    the years: not a change).

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    changes = vote_changes(states_df, which)
    in_report = changes["spoke_in_report"] | changes["side_event_organizer_in_report"]
    out = []
    for (va, vb, status), grp in changes.assign(_r=in_report).groupby(
        ["vote_73_187", "vote_74_247", "status"], sort=True
    ):
        rep = grp[grp["_r"].astype(bool)]
        out.append((va, vb, status, len(grp), len(rep), _names(rep)))
    frame = pd.DataFrame(
        out,
        columns=["vote_73_187", "vote_74_247", "status", "n", "n_in_report", "states_in_report"],
    )
    frame["source"] = f"{_VOTES_FILE} (A/RES/73/187 rcid 6138; A/RES/74/247 rcid 9087)"
    return frame.astype({"vote_73_187": "string", "vote_74_247": "string", "status": "string",
                         "n": "Int64", "n_in_report": "Int64", "states_in_report": "string",
                         "source": "string"})  # fmt: skip


# --- similarity -----------------------------------------------------------------------------


def state_similarity(
    states_df: pd.DataFrame,
    which: str | Iterable[str] = "report",
    attributes: Sequence[str] = SIMILARITY_ATTRIBUTES,
) -> pd.DataFrame:
    """Pairwise agreement of States on ``attributes``, long form (both orders), for a widget.

    For each ordered pair: ``n_compared`` attributes known for both, ``n_agree`` of those
    equal, ``similarity`` = n_agree / n_compared (missing when nothing can be compared), and
    which attributes agree, differ or could not be compared. A missing fact is never treated
    as a value: it makes the attribute not comparable.

    Caveat: the report attributes positions (a) and (b) to no State; similarity here is on
    external facts only.
    """
    unknown = [a for a in attributes if a not in states_df.columns]
    if unknown:
        raise ValueError(f"unknown attribute(s): {unknown}")
    rows = select_states(states_df, which).sort_values("iso3").reset_index(drop=True)
    records = rows[["iso3", "name", *attributes]].to_dict("records")
    out = []
    for a in records:
        for b in records:
            if a["iso3"] == b["iso3"]:
                continue
            agree, differ, skipped = [], [], []
            for attr in attributes:
                va, vb = a[attr], b[attr]
                if pd.isna(va) or pd.isna(vb):
                    skipped.append(attr)
                elif va == vb:
                    agree.append(attr)
                else:
                    differ.append(attr)
            n = len(agree) + len(differ)
            out.append(
                (
                    a["iso3"],
                    a["name"],
                    b["iso3"],
                    b["name"],
                    n,
                    len(agree),
                    len(agree) / n if n else pd.NA,
                    "; ".join(agree),
                    "; ".join(differ),
                    "; ".join(skipped),
                )  # fmt: skip
            )
    frame = pd.DataFrame(
        out,
        columns=[
            "iso3_a",
            "name_a",
            "iso3_b",
            "name_b",
            "n_compared",
            "n_agree",
            "similarity",
            "agree_on",
            "differ_on",
            "not_compared",
        ],  # fmt: skip
    )
    described = []
    for a in attributes:
        col = _SOURCE_COLUMN.get(a, f"{a}_source")
        if col in states_df.columns:
            where = f"; {_FACT_SOURCE[a]}" if a in _FACT_SOURCE else ""
            described.append(f"{a} (per State: column {col}{where})")
        else:
            described.append(f"{a} (no source column given)")
    frame["source"] = "states table: " + "; ".join(described)
    return frame.astype(
        {
            "iso3_a": "string",
            "name_a": "string",
            "iso3_b": "string",
            "name_b": "string",
            "n_compared": "Int64",
            "n_agree": "Int64",
            "similarity": "Float64",
            "agree_on": "string",
            "differ_on": "string",
            "not_compared": "string",
            "source": "string",
        }  # fmt: skip
    )


@overload
def similarity_matrix(
    states_df: pd.DataFrame,
    which: str | Iterable[str] = ...,
    attributes: Sequence[str] = ...,
    *,
    with_source: Literal[False] = ...,
) -> pd.DataFrame: ...


@overload
def similarity_matrix(
    states_df: pd.DataFrame,
    which: str | Iterable[str] = ...,
    attributes: Sequence[str] = ...,
    *,
    with_source: Literal[True],
) -> tuple[pd.DataFrame, pd.DataFrame]: ...


def similarity_matrix(
    states_df: pd.DataFrame,
    which: str | Iterable[str] = "report",
    attributes: Sequence[str] = SIMILARITY_ATTRIBUTES,
    *,
    with_source: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Square matrix of :func:`state_similarity` (names on both axes, 1.0 on the diagonal).

    A matrix has no room for a source column, so with ``with_source=True`` the result is
    ``(matrix, pairs)`` where ``pairs`` is the tidy :func:`state_similarity` table with its
    ``source`` column (and which attributes agree, differ or were not compared). The matrix
    also keeps ``attrs['source']``.

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    long = state_similarity(states_df, which, attributes)
    names = sorted(select_states(states_df, which)["name"].astype(str))
    wide = long.pivot(index="name_a", columns="name_b", values="similarity")
    wide = wide.reindex(index=names, columns=names).astype("Float64")
    for name in names:
        wide.loc[name, name] = 1.0
    wide.index.name, wide.columns.name = "state", "state"
    wide.attrs["source"] = str(long["source"].iloc[0]) if len(long) else ""
    if with_source:
        return wide, long
    return wide


def most_similar(
    states_df: pd.DataFrame,
    iso3: str,
    n: int = 5,
    which: str | Iterable[str] = "report",
    attributes: Sequence[str] = SIMILARITY_ATTRIBUTES,
) -> pd.DataFrame:
    """The ``n`` States most similar to ``iso3`` (ties broken by more attributes compared).

    Caveat: the report attributes positions (a) and (b) to no State.
    """
    pool = select_states(states_df, which)
    if iso3 not in set(pool["iso3"]):
        pool = pd.concat([pool, states_df[states_df["iso3"] == iso3]])
        if iso3 not in set(pool["iso3"]):
            raise KeyError(f"no State {iso3!r} in the states table")
    long = state_similarity(pool, "all", attributes)
    mine = long[long["iso3_a"] == iso3]
    mine = mine.sort_values(
        ["similarity", "n_compared", "name_b"], ascending=[False, False, True], na_position="last"
    )
    return mine.head(n).reset_index(drop=True)
