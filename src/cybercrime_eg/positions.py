"""The report's two positions on a new treaty, as structured records and a side-by-side table.

Recommendations (a) and (b) of the shipped report set out two positions: negotiate a new
global legal instrument within the United Nations, or rely on existing instruments such as
the Budapest Convention. This module finds such items (those tagged ``new-instrument``),
decides their stance, splits each into separate claims, lists the instruments and documents
each cites and the themes each touches. Every row carries its raw offsets and a ``source``.

The module is longer than most (about 550 lines) because the cue-word regexes of :func:`stance_of`
and :func:`split_claims` are half of it; they are read together with the functions that use
them, so they stay in one file.

Every function takes the report's frames (recommendations, raw text, theme tags, mentions)
and returns frames; nothing here loads a file. List-valued fields (claims, instruments,
documents, themes) stay lists.

Caveat: the report attributes positions (a) and (b) to no State ("it was suggested"). Nothing
here, and nothing in :mod:`cybercrime_eg.states`, says which State held which position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .checks import require_frame, require_str, type_name
from .schema import typed
from .taxonomy import Taxonomy, load_taxonomy
from .text import clean_with_offsets
from .themes import tag_items
from .vocab import CAVEAT, STANCE_UNCLEAR, with_caveat

__all__ = [
    "Position",
    "compare_positions",
    "compare_positions_long",
    "find_citations",
    "position_citations",
    "position_claims",
    "position_records",
    "split_claims",
    "stance_label",
    "stance_of",
    "treaty_positions",
]

_LABEL = re.compile(r"^\(\w{1,5}\)\s*")
_LEAD_IN = re.compile(
    r"(?:On the (?:one|other) hand,?\s+)?"
    r"(?P<attr>it was (?:also )?(?:suggested|proposed|stated|noted|argued|said|considered|"
    r"recommended|expressed)|(?:some|many|other|several|a number of) (?:speakers|States|"
    r"experts|delegations|participants) (?:suggested|proposed|stated|noted|argued|said|"
    r"considered|recommended|expressed the view))\s+that\s+",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
# Where one claim ends and the next begins inside a sentence.
_BREAKS = re.compile(
    r"\s+(?=because\b)"
    r"|,?\s+(?=which\s+(?:will|would|is|are|was|were|has|have|can|could|should)\b)"
    r"|,\s+(?=taking\b)"
)
_CONNECTIVE = re.compile(
    r"(?:because|following this suggestion,?|moreover,?|in addition,?|furthermore,?|"
    r"therefore,?|thus,?)\s+",
    re.IGNORECASE,
)
# Positive evidence of the new-instrument question: a new (global ...) instrument, treaty or
# convention, with the verb that governs it when there is one ("negotiation of a new global
# legal instrument"), or the elaboration of a global/comprehensive convention.
_NEW_INSTRUMENT = re.compile(
    r"\b(?:(?:negotiat\w*|elaborat\w*|draft\w*|develop\w*|adopt\w*|conclu\w*|consider\w*|"
    r"pursu\w*|launch\w*|start\w*|creat\w*|establish\w*)\s+(?:(?:of|on|the|a|an)\s+){0,3})?"
    r"new\s+(?:[\w-]+\s+){0,3}?(?:instruments?|treaty|treaties|conventions?)\b"
    r"|\b(?:negotiat\w*|elaborat\w*|draft\w*)\s+(?:of\s+)?(?:a|an)\s+(?:(?:global|international|"
    r"universal|comprehensive|binding|legally|United|Nations|UN|legal)\s+){1,4}"
    r"(?:instrument|treaty|convention)\b",
    re.IGNORECASE,
)
_ACTION = (
    r"(?:negotiat|elaborat|draft|develop|adopt|pursu|launch|start|begin|creat|establish|seek|"
    r"consider|conclu)\w*"
)
# Evidence against a new instrument, looked for in the sentence that mentions one.
_AGAINST = re.compile(
    r"\bnot\s+(?:\w+\s+){0,2}(?:necessary|appropriate|needed|required|advisable|useful|"
    r"warranted|justified|desirable|the\s+right\s+time)\b"
    r"|\bno\s+(?:\w+\s+)?need\b|\bunnecessary\b|\bpremature\b|\bnot\s+(?:\w+\s+)?support\w*"
    r"|\boppos\w+|\bagainst\s+(?:the\s+)?(?:" + _ACTION + r"|(?:a|any)\s+new)"
    r"|\b(?:should|must|need|could|would|do|does|did|will|shall|can)\s*(?:not|n't)\s+"
    r"(?:\w+\s+){0,2}?"
    + _ACTION
    + r"|\b(?:rather\s+than|instead\s+of)\s+(?:\w+\s+){0,3}?(?:"
    + _ACTION
    + r"|(?:a|any)\s+new)"
    r"|\b(?:reservations?|concerns?|doubts?|scepticism|skepticism|misgivings)\s+(?:\w+\s+)?"
    r"(?:about|regarding|over|on|concerning|as\s+to|with\s+regard\s+to)\s+(?:\w+\s+){0,2}?"
    r"(?:" + _ACTION + r"|(?:a|any|the)\s+new|new|such\s+an?|the\s+proposed)"
    r"|\b(?:sceptical|skeptical|wary)\s+(?:about|of|regarding)"
    r"|\bno\s+new\s+(?:\w+\s+){0,2}?(?:instrument|treaty|convention)",
    re.IGNORECASE,
)
# Without any mention of a new instrument: a stated preference for existing instruments.
_PREFER_EXISTING = re.compile(
    r"\b(?:rel(?:y|ies|ied|ying)\s+(?:more\s+)?on|build\w*\s+on|draw\w*\s+on|"
    r"continu\w*\s+(?:using|to\s+use|joining|to\s+join)|(?:make|making)\s+(?:better|more|full|"
    r"greater)\s+use\s+of|accede\w*\s+to|accession\s+to)\s+(?:[\w/-]+\s+){0,4}?"
    r"(?:existing\s+(?:\w+\s+){0,2}?(?:instruments?|tools?|frameworks?|conventions?|treaties|"
    r"mechanisms?)|(?:the\s+)?Budapest\s+Convention|(?:the\s+)?Organized\s+Crime\s+Convention)"
    r"|\bexisting\s+(?:\w+\s+){0,2}?(?:instruments?|tools?|frameworks?)\s+(?:\w+\s+){0,2}?"
    r"(?:sufficient|adequate|suffice)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.;])\s+")
_DOC_SYMBOL = re.compile(r"\b(?:[A-Z]{1,6}(?:\.\d+)?/)+(?:[A-Z0-9.]+/)*[A-Z0-9.]*\d[A-Z0-9.]*\b")
_INSTRUMENT = re.compile(
    r"\b(?:(?:[A-Z][a-z]+|United Nations)\s+){1,4}Convention(?:\s+(?:on|against|for)"
    r"(?:(?:\s+(?:the|of|and|in))*\s+[A-Z][\w-]*(?![\w/]))+)?"
    r"|\bdraft\s+(?:[A-Z]\w*\s+){0,3}(?:convention|treaty)"
    r"(?:\s+on(?:\s+(?!submitted|adopted|presented|proposed|which|that)[a-z]+){1,6})?",
)


@with_caveat
@dataclass
class Position:
    """One position on a new treaty.

    ``stance`` is 'new-instrument', 'existing-instruments' or ``<NA>`` (no evidence either
    way, shown as 'unclear'); ``source`` names where every field comes from.
    """

    item_id: str
    label: str
    stance: object
    stance_evidence: str
    attribution: str
    claims: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0
    source: str = ""


@with_caveat
def stance_of(text: str) -> tuple[object, str]:
    """The stance of a text on a new treaty, and the words that show it: ``(stance, evidence)``.

    Evidence is needed both ways; nothing is defaulted.

    * ``'existing-instruments'``: a sentence that mentions a new instrument also argues
      against it ("not necessary or appropriate", "should not develop", "rather than
      negotiate", "reservations about negotiating", "no need", "premature", ...), or, when
      no new instrument is mentioned at all, the text prefers existing instruments ("rely on
      the Budapest Convention", "continue using existing instruments"). The evidence is the
      cue.
    * ``'new-instrument'``: a new instrument is mentioned ("negotiation of a new global legal
      instrument") and no sentence mentioning it argues against it. The evidence is that
      phrase.
    * neither: ``(<NA>, '')``, shown as ``'unclear'``
      (:data:`~cybercrime_eg.vocab.STANCE_UNCLEAR`).

    A stance found here is the stance of a text, not of any State.
    """
    require_str("text", text)
    news = list(_NEW_INSTRUMENT.finditer(text))
    if news:
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text) + 1]
        for new in news:
            s = max(b for b in starts if b <= new.start())
            e = min(b for b in starts if b > new.start())
            against = _AGAINST.search(text[s:e])
            if against:
                return "existing-instruments", against.group(0)
        return "new-instrument", news[0].group(0)
    prefer = _PREFER_EXISTING.search(text)
    if prefer:
        return "existing-instruments", prefer.group(0)
    return pd.NA, ""


@with_caveat
def stance_label(stance: object) -> str:
    """``stance`` for display: the stance id, or ``'unclear'`` when it is missing."""
    return STANCE_UNCLEAR if stance is None or pd.isna(stance) else str(stance)


@with_caveat
def split_claims(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Attribution phrase and claim spans (offsets into ``text``) of one recommendation.

    The attribution found here is an impersonal phrase ("it was suggested"), never a State.
    The lead-in ("On the one hand it was suggested that") is the attribution, not a claim.
    Claims are split at sentences and at "because", a relative "which will/is ..." and a
    participial ", taking ..."; connectives ("because", "Following this suggestion") and
    trailing punctuation are trimmed.
    """
    require_str("text", text)
    pos = 0
    m = _LABEL.match(text)
    if m:
        pos = m.end()
    attribution = ""
    m = _LEAD_IN.match(text, pos)
    if m:
        attribution = m.group("attr")
        pos = m.end()
    cuts = [pos]
    body = text[pos:]
    for rx in (_SENTENCE, _BREAKS):
        for b in rx.finditer(body):
            cuts.append(pos + b.end())
    cuts = sorted(set(cuts)) + [len(text)]
    spans: list[tuple[int, int]] = []
    for s, e in zip(cuts, cuts[1:], strict=False):
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        c = _CONNECTIVE.match(seg, lead)
        if c:
            lead = c.end()
        trail = len(seg.rstrip(" \t;,.:"))
        if trail > lead:
            spans.append((s + lead, s + trail))
    return attribution, spans


@with_caveat
def find_citations(text: str) -> list[tuple[str, str, int, int]]:
    """Instruments and document symbols named in ``text``: ``(kind, name, start, end)``.

    A fallback for when no ``mentions`` table is given.
    Citing an instrument is not a State's position.
    """
    require_str("text", text)
    found = [("instrument", m.group(0), m.start(), m.end()) for m in _INSTRUMENT.finditer(text)]
    found += [("document", m.group(0), m.start(), m.end()) for m in _DOC_SYMBOL.finditer(text)]
    return sorted(found, key=lambda f: (f[2], f[3]))


def _check_inputs(
    recommendations: object,
    raw_text: object,
    tags: object = None,
    mentions: object = None,
) -> None:
    """The report's tables and text as the position functions read them (one-line errors)."""
    require_frame("recommendations", recommendations, ["id", "start", "end"])
    require_str("raw_text", raw_text)
    if tags is not None:
        require_frame("tags", tags, ["item_id", "theme"], what="the themes table")
    if mentions is not None:
        require_frame("mentions", mentions, ["item_id", "kind", "entity"])


def _inputs(
    tags: pd.DataFrame | None,
    recommendations: pd.DataFrame,
    raw_text: str,
    taxonomy: Taxonomy | None,
) -> tuple[pd.DataFrame, Taxonomy]:
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    if tags is None:
        tags = tag_items(recommendations, raw_text, taxonomy)
    return tags, taxonomy


def _position_items(
    recommendations: pd.DataFrame, tags: pd.DataFrame, item_ids: Sequence[str] | None
) -> pd.DataFrame:
    if item_ids is None:
        tagged = set(tags.loc[tags["theme"] == "new-instrument", "item_id"].astype(str))
        item_ids = [i for i in recommendations["id"].astype(str) if i in tagged]
    rows = recommendations[recommendations["id"].astype(str).isin(list(item_ids))]
    missing = set(item_ids) - set(rows["id"].astype(str))
    if missing:
        raise KeyError(f"no recommendation(s) {sorted(missing)}")
    return rows


def _source(row: pd.Series) -> str:
    label = row["label"] if "label" in row.index and not pd.isna(row["label"]) else row["id"]
    para = row["paragraph_id"] if "paragraph_id" in row.index else None
    where = f"report paragraph {para}, item {label}" if para is not None else f"item {label}"
    return f"{where} (raw characters {int(row['start'])}-{int(row['end'])}); attributed to no State"


@with_caveat
def position_records(
    recommendations: pd.DataFrame,
    raw_text: str,
    tags: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    item_ids: Sequence[str] | None = None,
    taxonomy: Taxonomy | None = None,
) -> list[Position]:
    """The positions of a report as :class:`Position` records.

    ``recommendations`` and ``raw_text`` are the report's; ``tags`` its theme tags (the
    themes table; tagged here with ``taxonomy`` when not given). ``item_ids`` defaults to every
    item tagged ``new-instrument``. Instruments and documents come from ``mentions`` (the
    report's mentions table) or, without it, from :func:`find_citations`.
    """
    _check_inputs(recommendations, raw_text, tags, mentions)
    tags, taxonomy = _inputs(tags, recommendations, raw_text, taxonomy)
    order = {t: i for i, t in enumerate(taxonomy.ids)}
    out = []
    for _, row in _position_items(recommendations, tags, item_ids).iterrows():
        item_id = str(row["id"])
        start, end = int(row["start"]), int(row["end"])
        text, offs = clean_with_offsets(raw_text[start:end], base=start)
        stance, evidence = stance_of(text)
        attribution, spans = split_claims(text)
        if mentions is not None:
            mine = mentions[mentions["item_id"].astype("string") == item_id]
            instruments = list(dict.fromkeys(mine.loc[mine["kind"] == "instrument", "entity"]))
            documents = list(dict.fromkeys(mine.loc[mine["kind"] == "document", "entity"]))
        else:
            cites = find_citations(text)
            instruments = list(dict.fromkeys(c[1] for c in cites if c[0] == "instrument"))
            documents = list(dict.fromkeys(c[1] for c in cites if c[0] == "document"))
        themes = sorted(
            set(tags.loc[tags["item_id"].astype(str) == item_id, "theme"].astype(str)),
            key=lambda t: order.get(t, len(order)),
        )
        label = str(row["label"]) if "label" in row.index else item_id
        out.append(
            Position(
                item_id=item_id,
                label=label,
                stance=stance,
                stance_evidence=evidence,
                attribution=attribution,
                claims=[text[s:e] for s, e in spans],
                instruments=[str(x) for x in instruments],
                documents=[str(x) for x in documents],
                themes=themes,
                start=start,
                end=end,
                source=_source(row),
            )
        )
    return out


@with_caveat
def treaty_positions(
    recommendations: pd.DataFrame,
    raw_text: str,
    tags: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    item_ids: Sequence[str] | None = None,
    taxonomy: Taxonomy | None = None,
) -> pd.DataFrame:
    """One row per position: stance, claims, instruments, documents, themes, offsets, source.

    ``claims``, ``instruments``, ``documents`` and ``themes`` are lists. ``stance`` is
    missing when the text gives no evidence either way (:func:`stance_of`); ``stance_label``
    then reads 'unclear'.
    The ``source`` column says that the report attributes the position to no State.
    """
    _check_inputs(recommendations, raw_text, tags, mentions)
    records = position_records(recommendations, raw_text, tags, mentions, item_ids, taxonomy)
    rows = [
        {
            "item_id": p.item_id,
            "label": p.label,
            "stance": p.stance,
            "stance_label": stance_label(p.stance),
            "stance_evidence": p.stance_evidence,
            "attribution": p.attribution,
            "n_claims": len(p.claims),
            "claims": p.claims,
            "instruments": p.instruments,
            "documents": p.documents,
            "themes": p.themes,
            "start": p.start,
            "end": p.end,
            "source": p.source,
        }
        for p in records
    ]
    columns = [
        *("item_id", "label", "stance", "stance_label", "stance_evidence", "attribution"),
        "n_claims",
        *("claims", "instruments", "documents", "themes", "start", "end", "source"),
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return typed(
        frame,
        integer=("n_claims", "start", "end"),
        keep=("claims", "instruments", "documents", "themes"),
    )


@with_caveat
def position_claims(
    recommendations: pd.DataFrame,
    raw_text: str,
    tags: pd.DataFrame | None = None,
    item_ids: Sequence[str] | None = None,
    taxonomy: Taxonomy | None = None,
) -> pd.DataFrame:
    """The claims of each position, one row each, with raw offsets and the themes they touch.

    Columns ``item_id, stance, claim_no, claim, themes, start, end, source`` (``themes`` is a
    list). ``tags`` are the report's theme tags (tagged here when not given).
    """
    _check_inputs(recommendations, raw_text, tags)
    tags, taxonomy = _inputs(tags, recommendations, raw_text, taxonomy)
    order = {t: i for i, t in enumerate(taxonomy.ids)}
    rows = []
    for _, row in _position_items(recommendations, tags, item_ids).iterrows():
        item_id = str(row["id"])
        start, end = int(row["start"]), int(row["end"])
        text, offs = clean_with_offsets(raw_text[start:end], base=start)
        stance, _ = stance_of(text)
        mine = tags[tags["item_id"].astype(str) == item_id]
        for no, (s, e) in enumerate(split_claims(text)[1], start=1):
            rs, re_ = offs[s], offs[e - 1] + 1
            inside = mine[(mine["start"] >= rs) & (mine["end"] <= re_)]
            themes = sorted(set(inside["theme"].astype(str)), key=lambda t: order.get(t, 99))
            rows.append((item_id, stance, no, text[s:e], themes, rs, re_, _source(row)))
    columns = ["item_id", "stance", "claim_no", "claim", "themes", "start", "end", "source"]
    frame = pd.DataFrame(rows, columns=columns)
    return typed(frame, integer=("claim_no", "start", "end"), keep=("themes",))


@with_caveat
def position_citations(
    recommendations: pd.DataFrame,
    raw_text: str,
    tags: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    item_ids: Sequence[str] | None = None,
    taxonomy: Taxonomy | None = None,
) -> pd.DataFrame:
    """Instruments and documents each position cites: ``item_id, stance, kind, entity, text,
    start, end, source``. Without ``mentions`` the citations come from
    :func:`find_citations`.
    """
    _check_inputs(recommendations, raw_text, tags, mentions)
    tags, _ = _inputs(tags, recommendations, raw_text, taxonomy)
    rows = []
    for _, row in _position_items(recommendations, tags, item_ids).iterrows():
        item_id = str(row["id"])
        start, end = int(row["start"]), int(row["end"])
        text, offs = clean_with_offsets(raw_text[start:end], base=start)
        stance, _ = stance_of(text)
        if mentions is not None:
            mine = mentions[
                (mentions["item_id"].astype("string") == item_id)
                & mentions["kind"].isin(["instrument", "document"])
            ]
            for m in mine.itertuples(index=False):
                rows.append(
                    (
                        item_id,
                        stance,
                        m.kind,
                        m.entity,
                        m.text,
                        m.start,
                        m.end,
                        _source(row) + "; mentions table",
                    )
                )
        else:
            for kind, name, s, e in find_citations(text):
                rows.append(
                    (item_id, stance, kind, name, name, offs[s], offs[e - 1] + 1, _source(row))
                )
    columns = ["item_id", "stance", "kind", "entity", "text", "start", "end", "source"]
    return typed(pd.DataFrame(rows, columns=columns), integer=("start", "end"))


_POSITIONS = "treaty_positions() or a list of Position records"


def _positions_frame(positions: pd.DataFrame | Iterable[Position]) -> pd.DataFrame:
    if isinstance(positions, pd.DataFrame):
        return require_frame("positions", positions, ["label", "source"], what=_POSITIONS)
    if isinstance(positions, str | bytes) or not isinstance(positions, Iterable):
        raise TypeError(f"positions: expected {_POSITIONS}, got {type_name(positions)}")
    positions = list(positions)
    wrong = next((p for p in positions if not isinstance(p, Position)), None)
    if wrong is not None:
        raise TypeError(f"positions: expected {_POSITIONS}, got a {type_name(wrong)} among them")
    return pd.DataFrame(
        [
            {
                "label": p.label,
                "stance": p.stance,
                "stance_evidence": p.stance_evidence,
                "attribution": p.attribution,
                "claims": p.claims,
                "instruments": p.instruments,
                "documents": p.documents,
                "themes": p.themes,
                "source": p.source,
            }
            for p in positions
        ]
    )


_ASPECTS = [
    ("stance", "stance", "stance_of(): cue words in the item text"),
    ("stance evidence", "stance_evidence", "stance_of(): the words quoted, from the item text"),
    ("attribution", "attribution", "split_claims(): the item's lead-in phrase"),
    ("claims", "claims", "split_claims(): the item text split into statements"),
    ("instruments cited", "instruments", "mentions table of the report (or find_citations())"),
    ("documents cited", "documents", "mentions table of the report (or find_citations())"),
    ("themes", "themes", "theme tagger (data/taxonomy.yml) on the item text"),
    ("source", "source", "the report item and its raw character offsets"),
]


def _aspect_value(row: pd.Series, key: str, theme_labels: Mapping[str, str]) -> object:
    """A cell: the stance label, a list (claims, instruments, documents, themes), or text."""
    value = row[key]
    if key == "stance":
        return stance_label(value)
    if isinstance(value, (list, tuple)):
        if key == "themes":
            return [theme_labels.get(t, t) for t in value]
        return list(value)
    return "" if value is None or pd.isna(value) else str(value)


@with_caveat
def compare_positions(
    positions: pd.DataFrame | Iterable[Position],
    theme_labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Side-by-side table: one column per position (its label), one row per aspect.

    ``positions`` is :func:`treaty_positions` (or :class:`Position` records). Aspects: stance
    ('unclear' when the text gives no evidence), stance evidence, attribution, claims,
    instruments cited, documents cited, themes (shown by their ``theme_labels`` when given),
    source; list aspects stay lists. The ``source`` row names the report item of each
    position; :func:`compare_positions_long` is the tidy form with a ``source`` column for
    every cell.
    """
    positions = _positions_frame(positions)
    labels = theme_labels or {}
    table: dict[str, list[object]] = {}
    for _, row in positions.iterrows():
        table[str(row["label"])] = [_aspect_value(row, key, labels) for _, key, _ in _ASPECTS]
    out = pd.DataFrame(table, index=[a for a, _, _ in _ASPECTS], dtype=object)
    out.index.name = "aspect"
    out.attrs["caveat"] = CAVEAT
    return out


@with_caveat
def compare_positions_long(
    positions: pd.DataFrame | Iterable[Position],
    theme_labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """:func:`compare_positions` in tidy form: ``position, aspect, value, source``.

    ``source`` names, for every cell, the report item (with raw offsets, attributed to no
    State) and how the value was derived from it; ``value`` is text or a list.
    """
    positions = _positions_frame(positions)
    labels = theme_labels or {}
    rows = []
    for _, row in positions.iterrows():
        item_source = "" if pd.isna(row["source"]) else str(row["source"])
        for aspect, key, how in _ASPECTS:
            value = _aspect_value(row, key, labels)
            rows.append((str(row["label"]), aspect, value, f"{item_source}; {how}"))
    frame = pd.DataFrame(rows, columns=["position", "aspect", "value", "source"])
    return typed(frame, keep=("value",))
