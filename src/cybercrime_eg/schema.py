"""Table Schemas (Frictionless) of every table the project writes or ships: one registry.

One source of truth: the extract step writes ``datapackage.json`` from these dicts, the
loaders derive pandas dtypes from them (:func:`pandas_dtypes`, :func:`typed`), and the book's
data dictionary is generated from the written package. :func:`table_spec` finds any table by
name: the report tables, the tables derived from them (themes, states) and the external
reference tables.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CROSSWALK_RELATIONS",
    "CROSSWALK_SCHEMA",
    "DERIVED_SPECS",
    "UNPARSED_SCHEMA",
    "REFERENCE_TABLES",
    "EXTERNAL_TABLES",
    "ANNOTATION_TABLES",
    "BASIS",
    "GRADED_FACTS",
    "REPORT_TABLES",
    "STATES_SCHEMA",
    "Schema",
    "THEMES_SCHEMA",
    "date_fields",
    "field",
    "pandas_dtypes",
    "table_spec",
    "typed",
]

Schema = dict[str, Any]


def field(
    name: str,
    type_: str = "string",
    description: str = "",
    required: bool = False,
    enum: list[str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A Table Schema field descriptor."""
    out: dict[str, Any] = {"name": name, "type": type_}
    if description:
        out["description"] = description
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if enum:
        constraints["enum"] = enum
    if constraints:
        out["constraints"] = constraints
    out.update(extra)
    return out


_OFFSETS = [
    field(
        "start", "integer", "Offset (characters) of the first character in the raw report.", True
    ),
    field("end", "integer", "Offset just past the last character in the raw report.", True),
]
_LINE = field("line", "integer", "1-based line of `start` in the raw report.", True)

REPORT_TABLES: dict[str, tuple[str, Schema]] = {
    "report": (
        "The report's front matter: one row.",
        {
            "fields": [
                field("source_file", "string", "File name of the parsed report.", True),
                field("sha256", "string", "SHA-256 of the report file's UTF-8 text.", True),
                field("characters", "integer", "Length of the raw text in characters.", True),
                field("symbol", "string", "UN document symbol, where the text gives one."),
                field("distribution", "string", "Distribution (e.g. Limited)."),
                field("date", "string", "Date of the document as printed."),
                field("language", "string", "Original language."),
                field("body", "string", "The body that met."),
                field("venue", "string", "City of the meeting."),
                field("meeting_dates", "string", "Dates of the meeting as printed."),
                field("title", "string", "Title lines of the document."),
            ],
            "primaryKey": ["source_file"],
        },
    ),
    "paragraphs": (
        "Numbered paragraphs; `text` is the chapeau before any lettered item.",
        {
            "fields": [
                field("id", "string", "Citable id: the paragraph number.", True),
                field("chapter", "string", "Chapter numeral (II, III, ...)."),
                field("chapter_title", "string", "Chapter title."),
                field("section", "string", "Section letter (A, B, ...)."),
                field("section_title", "string", "Section title without '(continued)'."),
                field("number", "integer", "Paragraph number.", True),
                field("text", "string", "Cleaned text (markup removed, white space folded).", True),
                *_OFFSETS,
                _LINE,
            ],
            "primaryKey": ["id"],
        },
    ),
    "recommendations": (
        "Lettered items (a), (b), ... and their roman sub-items (i), (ii), ...",
        {
            "fields": [
                field("id", "string", "Citable id: paragraph and labels, e.g. 1(k)(iii).", True),
                field(
                    "parent_id", "string", "Id of the item a sub-item belongs to; empty for items."
                ),
                field("label", "string", "Label as printed, e.g. (a) or (iii).", True),
                field("level", "integer", "1 for an item, 2 for a sub-item.", True),
                field("paragraph_id", "string", "Paragraph the item belongs to.", True),
                field("chapter", "string", "Chapter numeral."),
                field("section", "string", "Section letter."),
                field("text", "string", "Cleaned text (markup removed, white space folded).", True),
                *_OFFSETS,
                _LINE,
            ],
            "primaryKey": ["id"],
            "foreignKeys": [
                {
                    "fields": ["paragraph_id"],
                    "reference": {"resource": "paragraphs", "fields": ["id"]},
                },
                {"fields": ["parent_id"], "reference": {"resource": "", "fields": ["id"]}},
            ],
        },
    ),
    "participants": (
        "States and organisations the report lists as making a statement (in this addendum, "
        "a list continued from the main report) or as organising the side event.",
        {
            "fields": [
                field("name", "string", "Name as written in the report (without 'the').", True),
                field("iso3", "string", "ISO 3166-1 alpha-3 code; empty for organisations."),
                field("kind", "string", "state or organization.", True, ["state", "organization"]),
                field(
                    "role",
                    "string",
                    "What the report says they did.",
                    True,
                    ["statement", "side-event-organizer"],
                ),
                field("paragraph_id", "string", "Paragraph that names them.", True),
                *_OFFSETS,
            ],
            "primaryKey": ["name", "role", "paragraph_id"],
            "foreignKeys": [
                {
                    "fields": ["paragraph_id"],
                    "reference": {"resource": "paragraphs", "fields": ["id"]},
                },
            ],
        },
    ),
    "mentions": (
        "Named instruments, documents, organisations, resources (such as a portal), companies "
        "and States, with offsets.",
        {
            "fields": [
                field("entity", "string", "Canonical name.", True),
                field(
                    "kind",
                    "string",
                    "Kind of entity.",
                    True,
                    ["instrument", "document", "organization", "resource", "company", "state"],
                ),
                field("item_id", "string", "Recommendation or paragraph id that holds it.", True),
                field("paragraph_id", "string", "Paragraph that holds it.", True),
                *_OFFSETS,
                field("text", "string", "The words as they stand in the cleaned text.", True),
            ],
            "primaryKey": ["start", "end", "entity"],
            "foreignKeys": [
                {
                    "fields": ["paragraph_id"],
                    "reference": {"resource": "paragraphs", "fields": ["id"]},
                },
            ],
        },
    ),
}

THEMES_SCHEMA: Schema = {
    "fields": [
        field("item_id", "string", "Recommendation or sub-item id, e.g. 1(k)(iii).", True),
        field("theme", "string", "Theme id from data/taxonomy.yml.", True),
        field("evidence", "string", "The matched phrase (cleaned text).", True),
        field(
            "start", "integer", "Offset of the phrase's first character in the raw report.", True
        ),
        field("end", "integer", "Offset just past the phrase's last character.", True),
    ],
    "primaryKey": ["item_id", "theme", "start"],
    "foreignKeys": [
        {"fields": ["item_id"], "reference": {"resource": "recommendations", "fields": ["id"]}}
    ],
}


#: How an external fact is known (definitions in data/external/SOURCES.md, "How each fact is
#: known"): the depositary's or the UN's own record, a reliable report of it, or reasoned.
BASIS: tuple[str, ...] = ("official", "secondary", "inferred")

#: Columns of the states table whose value is graded by basis (``<column>_basis``).
GRADED_FACTS: tuple[str, ...] = (
    "regional_group",
    "budapest_status",
    "vote_73_187",
    "vote_74_247",
    "un_convention_signature",
)

STATES_SCHEMA: Schema = {
    "fields": [
        field("iso3", "string", "ISO 3166-1 alpha-3 code.", True),
        field("name", "string", "Name (as in the report where it names the State).", True),
        field("name_source", "string", "Where the name comes from.", True),
        field(
            "un_member",
            "boolean",
            "Listed among the UN Member States (un_regional_groups_all.csv).",
            True,
        ),
        field("un_member_source", "string", "Where un_member comes from.", True),
        field(
            "regional_group",
            "string",
            "UN regional group; two groups are joined by '; ' (Türkiye). Empty = not recorded.",
        ),
        field("regional_group_source", "string", "Where regional_group comes from.", True),
        field(
            "regional_group_basis",
            "string",
            "How regional_group is known (data/annotations/fact_basis.csv): "
            "official, secondary or inferred. Empty where it is empty.",
            False,
            list(BASIS),
        ),
        field(
            "listed_in_addendum",
            "boolean",
            "Listed in this addendum as making a statement. The list continues one in the main "
            "report, which this project does not hold: False = not listed in this addendum, "
            "not 'made no statement'.",
            True,
        ),
        field("listed_in_addendum_source", "string", "Addendum paragraph of the list.", True),
        field(
            "side_event_organizer_in_report",
            "boolean",
            "Named in the report as organiser of the side event.",
            True,
        ),
        field("side_event_organizer_in_report_source", "string", "Report paragraph.", True),
        field(
            "budapest_status",
            "string",
            "Budapest Convention status on 2019-03-27. Empty = not verified, never 'none'.",
            False,
            ["party", "signatory", "invited", "none"],
        ),
        field("budapest_signature_date", "date", "Signature date; empty = not recorded."),
        field(
            "budapest_ratification_or_accession_date",
            "date",
            "Ratification or accession date; empty = not recorded.",
        ),
        field("budapest_entry_into_force_date", "date", "Entry into force; empty = not recorded."),
        field(
            "budapest_source",
            "string",
            "Source of budapest_status and the three Budapest dates.",
            True,
        ),
        field(
            "budapest_status_basis",
            "string",
            "How budapest_status is known (data/annotations/fact_basis.csv): "
            "official, secondary or inferred. Empty where it is empty.",
            False,
            list(BASIS),
        ),
        field(
            "vote_73_187",
            "string",
            "Recorded vote on A/RES/73/187 (2018-12-17). Empty = no recorded vote (absent or "
            "did not vote), never 'no'.",
            False,
            ["yes", "no", "abstain"],
        ),
        field("vote_73_187_source", "string", "Where vote_73_187 comes from.", True),
        field(
            "vote_73_187_basis",
            "string",
            "How vote_73_187 is known (data/annotations/fact_basis.csv): "
            "official, secondary or inferred. Empty where it is empty.",
            False,
            list(BASIS),
        ),
        field(
            "vote_74_247",
            "string",
            "Recorded vote on A/RES/74/247 (2019-12-27). Empty = no recorded vote (absent or "
            "did not vote), never 'no'.",
            False,
            ["yes", "no", "abstain"],
        ),
        field("vote_74_247_source", "string", "Where vote_74_247 comes from.", True),
        field(
            "vote_74_247_basis",
            "string",
            "How vote_74_247 is known (data/annotations/fact_basis.csv): "
            "official, secondary or inferred. Empty where it is empty.",
            False,
            list(BASIS),
        ),
        field(
            "un_convention_signature",
            "string",
            "Signature of the 2024 UN Convention against Cybercrime as recorded ('yes', 'not in "
            "list', 'no (not at Hanoi)'). Empty = not verified.",
        ),
        field("un_convention_signature_date", "date", "Signature date; empty = not recorded."),
        field(
            "un_convention_source",
            "string",
            "Source of un_convention_signature and its date.",
            True,
        ),
        field(
            "un_convention_signature_basis",
            "string",
            "How un_convention_signature is known (data/annotations/fact_basis.csv): "
            "official, secondary or inferred. Empty where it is empty.",
            False,
            list(BASIS),
        ),
        field(
            "in_reference_data",
            "boolean",
            "Whether any reference table (data/external) has a row for this State.",
            True,
        ),
    ],
    "primaryKey": ["iso3"],
}

#: The reference tables (file stems in data/external) that the states table is built from.
REFERENCE_TABLES = (
    "unga_cybercrime_votes",
    "budapest_status",
    "un_convention_signatures",
    "un_regional_groups",
    "un_regional_groups_all",
)

#: Tables derived from the report tables (and the reference data): name -> (description,
#: schema). Their builders are registered by :mod:`.package`.
#: Relation of a report item to an article of an instrument, strongest first.
CROSSWALK_RELATIONS: tuple[str, ...] = ("provides", "related", "none")

CROSSWALK_SCHEMA: dict = {
    "fields": [
        field("item_id", "string", "Recommendation or sub-item id, e.g. 1(k)(iii).", True),
        field("instrument", "string", "The instrument the item is compared with.", True),
        field(
            "article",
            "string",
            "Article number in the instrument; empty when the relation is 'none'.",
        ),
        field(
            "relation",
            "string",
            "provides: the item's words name what the article provides; related: the article "
            "touches the item only partly; none: no article matched (one row, article empty). "
            "Matching wording is not legal equivalence.",
            True,
            list(CROSSWALK_RELATIONS),
        ),
        field(
            "evidence",
            "string",
            "The item's words that matched (cleaned text); empty when the relation is 'none'.",
        ),
        field(
            "start",
            "integer",
            "Offset of the evidence's first character in the raw report; empty for 'none'.",
        ),
        field(
            "end", "integer", "Offset just past the evidence's last character; empty for 'none'."
        ),
    ],
    "primaryKey": ["item_id", "instrument", "article"],
    "foreignKeys": [
        {"fields": ["item_id"], "reference": {"resource": "recommendations", "fields": ["id"]}}
    ],
}

UNPARSED_SCHEMA: Schema = {
    "fields": [
        field("paragraph_id", "string", "Paragraph of the sentence.", True),
        field("line", "integer", "1-based line of the sentence's first character.", True),
        field("sentence", "string", "The sentence (cleaned text).", True),
        field("reason", "string", "Why no participant was read from it.", True),
        field("start", "integer", "Offset of the sentence's first character.", True),
        field("end", "integer", "Offset just past the sentence's last character.", True),
    ],
    "primaryKey": ["start"],
    "foreignKeys": [
        {"fields": ["paragraph_id"], "reference": {"resource": "paragraphs", "fields": ["id"]}}
    ],
}

DERIVED_SPECS: dict[str, tuple[str, Schema]] = {
    "themes": (
        "Themes of every recommendation and sub-item (data/taxonomy.yml), each with the matched "
        "phrase as evidence and its offsets in the raw report.",
        THEMES_SCHEMA,
    ),
    "states": (
        "One row per UN Member State and per State named in the report: regional group, what "
        "the addendum lists it for (a statement, the side event), Budapest status, votes on "
        "73/187 and 74/247, UN Convention signature, each with its source and how it is known "
        "(`<fact>_basis`: official, secondary or inferred). Empty = not recorded or not "
        "verified, never 'no'. The report "
        "attributes positions (a) and (b) to no State.",
        STATES_SCHEMA,
    ),
    "crosswalk": (
        "Articles of the Budapest Convention (ETS 185) that each recommendation and sub-item asks "
        "for (data/crosswalk_rules.yml, reviewed by hand): relation 'provides' or 'related', the "
        "item's matched words as evidence with their offsets in the raw report; one 'none' row "
        "(empty article) for an item with no counterpart. Matching wording is not legal "
        "equivalence; article titles are in budapest_articles.csv (data/external).",
        CROSSWALK_SCHEMA,
    ),
    "unparsed_sentences": (
        "Sentences of the statements and side-event paragraphs from which the parser read no "
        "participant; empty when every such sentence was read. Each row names its "
        "paragraph, line and raw offsets, and why.",
        UNPARSED_SCHEMA,
    ),
}

_SOURCE = field("source", "string", "Where the row's facts come from.")
_DATE = "Date (ISO 8601); empty = not verified."

EXTERNAL_TABLES: dict[str, tuple[str, Schema]] = {
    "unga_cybercrime_votes": (
        "Recorded votes on A/RES/73/187 (2018) and A/RES/74/247 (2019). A Member State without "
        "a row was absent or did not vote.",
        {
            "fields": [
                field("resolution", "string", "Resolution symbol.", True),
                field("date", "date", "Date of the vote.", True),
                field("country", "string", "Country name as in the source dataset.", True),
                field("iso2", "string", "ISO alpha-2 (Namibia is the string NA)."),
                field("iso3", "string", "ISO alpha-3.", True),
                field("vote", "string", "Recorded vote.", True, ["yes", "no", "abstain"]),
            ],
            "primaryKey": ["resolution", "iso3"],
        },
    ),
    "budapest_status": (
        "Budapest Convention status of the States listed in the addendum as making a statement, "
        "the side-event organisers, the Russian Federation and China. Empty = not verified, "
        "never 'no'.",
        {
            "fields": [
                field("country", "string", "Country.", True),
                field("iso3", "string", "ISO alpha-3.", True),
                field(
                    "status_2019_03",
                    "string",
                    "Status on 2019-03-27; empty = not verified.",
                    False,
                    ["party", "signatory", "invited", "none"],
                ),
                field("signature_date", "date", _DATE),
                field("ratification_or_accession_date", "date", _DATE),
                field("entry_into_force_date", "date", _DATE),
                _SOURCE,
            ],
            "primaryKey": ["iso3"],
        },
    ),
    "un_convention_signatures": (
        "Signature of the 2024 UN Convention against Cybercrime ('unknown' = not verified).",
        {
            "fields": [
                field("country", "string", "Country.", True),
                field("iso3", "string", "ISO alpha-3.", True),
                field(
                    "signed_un_cybercrime_convention", "string", "As recorded in the source.", True
                ),
                field("signature_date", "date", _DATE),
                _SOURCE,
            ],
            "primaryKey": ["iso3"],
        },
    ),
    "un_regional_groups": (
        "UN regional group of the States of budapest_status.csv, with sources.",
        {
            "fields": [
                field("country", "string", "Country.", True),
                field("iso3", "string", "ISO alpha-3.", True),
                field("un_regional_group", "string", "UN regional group.", True),
                _SOURCE,
            ],
            "primaryKey": ["iso3"],
        },
    ),
    "un_regional_groups_all": (
        "UN regional group of every UN Member State (Türkiye is listed in two groups).",
        {
            "fields": [
                field("Code", "string", "ISO alpha-3.", True),
                field("Name", "string", "Name as in the source.", True),
                field("Region", "string", "UN regional group.", True),
            ],
            "primaryKey": ["Code", "Region"],
        },
    ),
    "instrument_articles": (
        "Article numbers of the Budapest Convention and the UN Convention ('NOT VERIFIED' rows "
        "are not facts).",
        {
            "fields": [
                field("instrument", "string", "Instrument.", True),
                field("article", "string", "Article number."),
                field("title", "string", "Article title."),
                field("topic", "string", "Topic."),
                _SOURCE,
            ],
        },
    ),
    "treaty_events": (
        "Dated events of the treaty process (Budapest Convention, General Assembly, "
        "Ad Hoc Committee, UN Convention), each with its source and a confidence.",
        {
            "fields": [
                field("date", "date", "Date of the event (first day).", True),
                field("end_date", "date", "Last day of a meeting; empty for a one-day event."),
                field("event", "string", "What happened.", True),
                field("place", "string", "Where; empty = not recorded."),
                field("detail", "string", "Recorded vote, document or note."),
                field("source", "string", "Where the row's facts come from.", True),
                field(
                    "confidence",
                    "string",
                    "How firmly the row is known (data/external/SOURCES.md). high: read in an "
                    "official record (the depositary's, the UN's or UNODC's own page or "
                    "document) or in more than one source that agree; medium: the row, or a "
                    "part of it, rests on a single report that is not an official record (a "
                    "news agency, a government's press release, a session report). Not the "
                    "official/secondary/inferred grade: a high row may rest on secondary "
                    "reports that agree.",
                    True,
                    ["high", "medium", "low"],
                ),
            ],
            "primaryKey": ["date", "event"],
        },
    ),
    "expert_group_meetings": (
        "Meetings of the Expert Group, as far as the sources read record them.",
        {
            "fields": [
                field("meeting", "string", "Meeting.", True),
                field("report_symbol", "string", "Report symbol, where known."),
                field("dates", "string", "Start/end dates (ISO 8601 interval)."),
                field("venue", "string", "Venue."),
                field("topics_or_agenda", "string", "Topics."),
                field("states_making_statements", "string", "As recorded."),
                field("recommendations_count", "string", "As recorded."),
                _SOURCE,
                field("full_text_found", "string", "Whether the full report was read."),
            ],
            "primaryKey": ["meeting"],
        },
    ),
}

#: Hand-curated tables in data/annotations that the derived tables are built with.
ANNOTATION_TABLES: dict[str, tuple[str, Schema]] = {
    "fact_basis": (
        "How each external fact is known: the project's grading of the reference tables, one "
        "reason a row. '*' in iso3 and value grades every row of the table.",
        {
            "fields": [
                field("table", "string", "Reference table (file stem in data/external).", True),
                field("iso3", "string", "ISO alpha-3 of the State, or '*' for every row.", True),
                field("fact", "string", "Column of the states table.", True, list(GRADED_FACTS)),
                field("value", "string", "The graded value as in the table, or '*'.", True),
                field("basis", "string", "How the fact is known.", True, list(BASIS)),
                field("reason", "string", "Why, in one line.", True),
            ],
            "primaryKey": ["table", "iso3", "fact"],
        },
    ),
}

_PANDAS = {
    "string": "string",
    "integer": "Int64",
    "boolean": "boolean",
    "number": "Float64",
    "date": "string",
}


def pandas_dtypes(schema: Schema) -> dict[str, str]:
    """pandas dtypes for reading a table of this schema (dates are parsed afterwards)."""
    return {f["name"]: _PANDAS[f["type"]] for f in schema["fields"]}


def date_fields(schema: Schema) -> list[str]:
    """Names of the schema's date fields."""
    return [f["name"] for f in schema["fields"] if f["type"] == "date"]


def table_spec(name: str) -> tuple[str, Schema]:
    """``(description, schema)`` of the table called ``name`` (report, derived or external)."""
    for registry in (REPORT_TABLES, DERIVED_SPECS, EXTERNAL_TABLES, ANNOTATION_TABLES):
        if name in registry:
            return registry[name]
    raise KeyError(f"unknown table {name!r}")


def typed(
    frame: Any,
    *,
    integer: tuple[str, ...] | list[str] = (),
    number: tuple[str, ...] | list[str] = (),
    boolean: tuple[str, ...] | list[str] = (),
    keep: tuple[str, ...] | list[str] = (),
    schema: Schema | None = None,
) -> Any:
    """``frame`` with its output types, set once: nullable ``string`` for every column except
    those named ``integer`` (``Int64``), ``number`` (``Float64``), ``boolean`` or ``keep``
    (left as they are: lists, dates). With ``schema``, the types come from its fields."""
    if schema is not None:
        dtypes = {c: d for c, d in pandas_dtypes(schema).items() if c in frame.columns}
        return frame.astype(dtypes)
    kinds = {c: "Int64" for c in integer} | {c: "Float64" for c in number}
    kinds |= {c: "boolean" for c in boolean}
    dtypes = {c: kinds.get(c, "string") for c in frame.columns if c not in keep}
    return frame.astype(dtypes)
