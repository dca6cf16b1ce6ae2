"""Tag every recommendation and sub-item with themes of the taxonomy, with evidence and offsets.

The tagger matches each theme's phrases (``data/taxonomy.yml``, see :mod:`.taxonomy`) on the
cleaned text of each item and cites every match by its character offsets in the raw report,
so ``clean(raw[start:end]) == evidence``. A parent item (``1(k)``) is tagged on its own words
only: a match inside one of its sub-items belongs to the sub-item.

Quality is measured against human labels (``data/annotations/gold_themes.csv``, loaded by
:func:`~cybercrime_eg.api.gold_labels`) with :func:`evaluate`. Frames in, frames out: nothing here
reads the report or the labels from a file.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, TypeVar, overload

import pandas as pd

from .checks import require_frame, require_str
from .schema import THEMES_SCHEMA, pandas_dtypes, typed
from .taxonomy import _GAP_OP, Taxonomy, TaxonomyError, _tokens, leading_literals, load_taxonomy
from .text import clean, clean_with_offsets

_T = TypeVar("_T")

__all__ = [
    "ThemeCoverage",
    "build_themes_table",
    "coverage_report",
    "coverage_summary",
    "disagreements",
    "evaluate",
    "item_themes",
    "tag_items",
    "tag_text",
    "themes_schema",
    "untagged_items",
]

log = logging.getLogger(__name__)

COLUMNS = ["item_id", "theme", "evidence", "start", "end"]
_DTYPES = pandas_dtypes(THEMES_SCHEMA)


def themes_schema(taxonomy: Taxonomy | None = None) -> dict:
    """:data:`THEMES_SCHEMA` with the theme ids of ``taxonomy`` as an enum constraint."""
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    schema = {**THEMES_SCHEMA, "fields": [dict(f) for f in THEMES_SCHEMA["fields"]]}
    theme_field = schema["fields"][1]
    theme_field["constraints"] = {**theme_field.get("constraints", {}), "enum": taxonomy.ids}
    return schema


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in _DTYPES.items()})


def _select_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, leftmost first and, at one start, the longest."""
    chosen: list[tuple[int, int]] = []
    for s, minus_e in sorted({(s, -e) for s, e in spans}):  # by start, then longest first
        if chosen and s < chosen[-1][1]:
            continue
        chosen.append((s, -minus_e))
    return chosen


def tag_text(text: str, taxonomy: Taxonomy) -> list[tuple[str, int, int]]:
    """All theme matches in ``text``: ``(theme_id, start, end)`` offsets into ``text``.

    Overlapping matches of one theme are merged to the leftmost-longest; a match that
    overlaps one of the theme's ``exclude`` phrases is dropped.
    """
    index, themes = _plan(taxonomy)
    out: list[tuple[str, int, int]] = []
    lowered = _lowered(text)
    cache: dict[object, list[int]] = {}
    active = index.candidates(lowered)
    for theme_id, exclude, patterns in themes:
        if active is not None:
            patterns = [i for i in patterns if i in active]
            if not patterns:
                continue
            exclude = [i for i in exclude if i in active]
        excluded = _merged([sp for i in exclude for sp in index.spans(i, text, lowered, cache)])
        starts = [xs for xs, _ in excluded]
        spans = [
            (s, e)
            for i in patterns
            for s, e in index.spans(i, text, lowered, cache)
            if e > s and not (excluded and _overlaps(excluded, starts, s, e))
        ]
        out.extend((theme_id, s, e) for s, e in _select_spans(spans))
    return out


class PhraseIndex:
    """Phrases of the pattern language (:func:`~cybercrime_eg.taxonomy.compile_pattern`),
    indexed by the literals every match of each starts with.

    Matching many phrases on many texts in linear time: per text, one substring test per
    literal picks the phrases that can match at all (:meth:`candidates`); a phrase's
    regular expression is then tried only where one of its literals starts a word
    (:meth:`spans`), never at every character. Same matches as ``rx.finditer(text)``, except
    that a literal is found through ``str.lower`` (as the tagger always did): a letter that
    the case-insensitive expression folds but ``lower`` does not (the long s 'ſ' for 's')
    does not start a match.
    """

    __slots__ = ("regexes", "literals", "_required", "_choices", "_by_literal", "_always")

    def __init__(self, phrases: Iterable[tuple[str, re.Pattern[str]]]) -> None:
        self.regexes: list[re.Pattern[str]] = []
        self.literals: list[tuple[str, ...]] = []
        self._required: list[tuple[str, ...]] = []  # literals every match holds
        self._choices: list[tuple[tuple[tuple[str, ...], ...], ...]] = []  # (a|b) groups
        self._by_literal: dict[str, list[int]] = {}
        self._always: list[int] = []
        for i, (pattern, rx) in enumerate(phrases):
            ours = rx.pattern.startswith(_WORD_START)  # compiled by compile_pattern
            literals = leading_literals(pattern) if ours else ()
            self.regexes.append(rx)
            self.literals.append(literals)
            groups = required_literals(pattern) if ours else ()
            lead = literals[0] if len(literals) == 1 else None  # known present when tried
            self._required.append(
                tuple(lit for g in groups if len(g) == 1 for lit in g[0] if lit != lead)
            )
            self._choices.append(tuple(g for g in groups if len(g) > 1))
            for lit in literals:
                self._by_literal.setdefault(lit, []).append(i)
            if not literals:
                self._always.append(i)

    def candidates(self, lowered: str | None) -> set[int] | None:
        """The phrases that may match the text whose lower case is ``lowered`` (None: all):
        one of its leading literals occurs, and so does every word it requires."""
        if lowered is None:
            return None
        active = set(self._always)
        if len(lowered) < _MANY_CHARS:  # a short text: the substring test is cheapest
            present: Callable[[str], bool] = lowered.__contains__
            for lit, phrases in self._by_literal.items():
                if lit in lowered:
                    active.update(phrases)
        else:
            present = _presence(lowered)
            for lit, phrases in self._by_literal.items():
                if present(lit):
                    active.update(phrases)
        required, choices = self._required, self._choices
        return {
            i
            for i in active
            if all(map(present, required[i]))
            and (
                not choices[i]
                or all(any(all(map(present, alt)) for alt in group) for group in choices[i])
            )
        }

    def spans(
        self, i: int, text: str, lowered: str | None, cache: dict[object, list[int]]
    ) -> list[tuple[int, int]]:
        """``[m.span() for m in rx.finditer(text)]`` of phrase ``i``, tried only where one
        of its literals starts a word (``cache`` keeps those places for the text)."""
        rx, literals = self.regexes[i], self.literals[i]
        if lowered is None or not literals:
            return [m.span() for m in rx.finditer(text)]
        if len(literals) == 1:
            places = _places(lowered, literals[0], cache)
        else:
            places = cache.get(literals)
            if places is None:
                # merged sorted runs (timsort: linear); a place twice is tried twice, harmless
                places = sorted([at for lit in literals for at in _places(lowered, lit, cache)])
                cache[literals] = places
        out: list[tuple[int, int]] = []
        last, match = 0, rx.match
        for at in places:
            if at < last:
                continue
            m = match(text, at)
            if m is not None:
                span = m.span()
                out.append(span)
                last = span[1] if span[1] > at else at + 1
        return out

    def first_span(
        self,
        i: int,
        text: str,
        lowered: str | None,
        cache: dict[object, list[int]],
        excluded: list[tuple[int, int]],
    ) -> tuple[int, int] | None:
        """The first non-empty span of :meth:`spans` that overlaps none of the sorted
        disjoint ``excluded`` spans (None if none): the text after it is not searched."""
        starts = [xs for xs, _ in excluded]
        rx, literals = self.regexes[i], self.literals[i]
        if lowered is None or not literals:
            matches: Iterable[tuple[int, int]] = (m.span() for m in rx.finditer(text))
        else:
            matches = self._lazy_spans(rx, literals, text, lowered, cache)
        for s, e in matches:
            if e > s and not (excluded and _overlaps(excluded, starts, s, e)):
                return s, e
        return None

    def _lazy_spans(
        self,
        rx: re.Pattern[str],
        literals: tuple[str, ...],
        text: str,
        lowered: str,
        cache: dict[object, list[int]],
    ) -> Iterator[tuple[int, int]]:
        places = (
            _places(lowered, literals[0], cache)
            if len(literals) == 1
            else sorted([at for lit in literals for at in _places(lowered, lit, cache)])
        )
        last = 0
        for at in places:
            if at >= last and (m := rx.match(text, at)) is not None:
                span = m.span()
                yield span
                last = span[1] if span[1] > at else at + 1


def _presence(lowered: str) -> Callable[[str], bool]:
    """A test of whether a literal occurs in the long text ``lowered`` where a phrase can
    use it: the text is read once, its distinct words sorted; a literal of word characters
    is there when a word starts with it (bisection), since in a match it always starts a
    word; any other literal is searched for.
    """
    memo: dict[str, bool] = {}
    words = _sorted_words(lowered)

    def present_long(lit: str) -> bool:
        found = memo.get(lit)
        if found is None:
            if _WORDS.fullmatch(lit):
                i = bisect_left(words, lit)
                found = i < len(words) and words[i].startswith(lit)
            else:
                found = lit in lowered
            memo[lit] = found
        return found

    return present_long


@lru_cache(maxsize=2)
def _sorted_words(lowered: str) -> list[str]:
    """The distinct words of a long text, sorted (kept for the tagger and the crosswalk,
    which read the same item)."""
    return sorted(set(_WORDS.findall(lowered)))


@lru_cache(maxsize=4096)
def required_literals(pattern: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """What every match of ``pattern`` contains: per word or ``(a|b)`` group, the
    alternatives, each the lower-case pieces (split at hyphens, ``*`` dropped) of its words.

    ``"(electronic|digital) evidence"`` gives ``((("electronic",), ("digital",)),
    (("evidence",),))``. Empty when the pattern does not parse.
    """
    try:
        tokens = _tokens(pattern, "pattern")
    except TaxonomyError:
        return ()

    def pieces(words: list[str]) -> tuple[str, ...]:
        out: list[str] = []
        for word in words:
            stem = word[:-1] if word.endswith("*") else word
            out += [p.lower() for p in stem.split("-") if p]
        return tuple(out)

    groups = []
    for tok in tokens:
        if _GAP_OP.match(tok):
            continue
        if tok.startswith("("):
            groups.append(tuple(pieces(alt.split()) for alt in tok[1:-1].split("|")))
        else:
            groups.append((pieces([tok]),))
    return tuple(groups)


#: From this length on, :meth:`PhraseIndex.candidates` reads the text's words once.
_MANY_CHARS = 100_000
_WORDS = re.compile(r"\w+")

#: How every regular expression of the pattern language starts (a match starts a word).
_WORD_START = "(?<!\\w)"


def built_once(cache: dict[int, tuple[object, _T]], owner: object, build: Callable[[], _T]) -> _T:
    """``build()``, once per ``owner`` object (the plan of a taxonomy or of crosswalk rules).

    Keyed by identity; the owner is kept beside its value to prove the key is still its own.
    At most eight owners are kept: then the cache starts over."""
    hit = cache.get(id(owner))
    if hit is not None and hit[0] is owner:
        return hit[1]
    value = build()
    if len(cache) >= 8:
        cache.clear()
    cache[id(owner)] = (owner, value)
    return value


_Plan = tuple[PhraseIndex, list[tuple[str, list[int], list[int]]]]
_PLANS: dict[int, tuple[object, _Plan]] = {}


def _plan(taxonomy: Taxonomy) -> _Plan:
    """The taxonomy's phrases in one :class:`PhraseIndex`, and per theme (id, exclude
    phrases, phrases) as positions in it; built once per taxonomy object."""
    return built_once(_PLANS, taxonomy, lambda: _build_plan(taxonomy))


def _build_plan(taxonomy: Taxonomy) -> _Plan:
    phrases: list[tuple[str, re.Pattern[str]]] = []
    themes = []
    for theme in taxonomy.themes:
        first = len(phrases)
        phrases += zip(theme.exclude, theme.exclude_regexes, strict=True)
        middle = len(phrases)
        phrases += zip(theme.patterns, theme.regexes, strict=True)
        themes.append((theme.id, list(range(first, middle)), list(range(middle, len(phrases)))))
    return PhraseIndex(phrases), themes


def _lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset (None when a character's lower case is
    longer, e.g. 'İ': then :class:`PhraseIndex` takes no shortcut)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def _places(lowered: str, literal: str, cache: dict[object, list[int]]) -> list[int]:
    """Offsets where ``literal`` occurs in ``lowered`` and starts a word (no word character
    before it), found once per text: the only places where a phrase that starts with
    ``literal`` can match (its expressions start with ``(?<!\\w)``)."""
    if literal not in cache:
        finder = _literal_finder(literal)
        if literal not in lowered:
            cache[literal] = []
        elif finder is None:
            found, at, find = [], lowered.find(literal), lowered.find
            while at >= 0:
                if at == 0 or not _WORD_CHAR.match(lowered, at - 1):
                    found.append(at)
                at = find(literal, at + 1)
            cache[literal] = found
        else:
            cache[literal] = [m.start() for m in finder.finditer(lowered)]
    return cache[literal]


_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=4096)
def _literal_finder(literal: str) -> re.Pattern[str] | None:
    """Finds ``literal`` not preceded by a word character, by a scan in C (the literal
    first, so the regular-expression engine skips ahead to it; the look-behind after it
    spans the literal and the character before). None for a literal that can overlap
    itself (``finditer`` returns non-overlapping matches): those are found one by one."""
    n = len(literal)
    if any(literal[k:] == literal[: n - k] for k in range(1, n)):
        return None
    return re.compile(re.escape(literal) + rf"(?<!\w.{{{n}}})", re.DOTALL)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint spans covering the same characters as ``spans``."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps one of the sorted disjoint ``spans`` (by bisection)."""
    i = bisect_left(starts, e) - 1  # the last span starting before e
    return i >= 0 and spans[i][1] > s


def _children(items: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    if "parent_id" not in items.columns:
        return {}
    kids: dict[str, list[tuple[int, int]]] = {}
    for row in items.itertuples(index=False):
        parent = row.parent_id
        if isinstance(parent, str) and parent and not pd.isna(row.start):
            kids.setdefault(parent, []).append((int(row.start), int(row.end)))
    return kids


def tag_items(
    items: pd.DataFrame, raw_text: str | None, taxonomy: Taxonomy | None = None
) -> pd.DataFrame:
    """Theme matches of every item: ``item_id, theme, evidence, start, end``.

    ``items`` needs ``id`` and either raw offsets ``start``/``end`` into ``raw_text`` or, when
    ``raw_text`` is None, a ``text`` column (offsets are then missing). ``parent_id`` is used
    to leave a sub-item's words to the sub-item. Rows are sorted by item order in the
    document, then taxonomy order of themes, then offsets. Items with no match have no row:
    see :func:`coverage_report`.
    """
    require_str("raw_text", raw_text, allow_none=True)
    columns = ["id", "start", "end"] if raw_text is not None else ["id", "text"]
    require_frame("items", items, columns, what="the recommendations table")
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    order = {t: i for i, t in enumerate(taxonomy.ids)}
    kids = _children(items) if raw_text is not None else {}
    rows: list[tuple[int, int, int, str, str, str, object, object]] = []
    for pos, row in enumerate(items.itertuples(index=False)):
        item_id = str(row.id)
        if raw_text is not None:
            start, end = int(row.start), int(row.end)
            text, offs = clean_with_offsets(raw_text[start:end], base=start)
        else:
            text, offs = str(row.text), []
        child_spans = kids.get(item_id, [])
        for theme, s, e in tag_text(text, taxonomy):
            raw_start: object = pd.NA
            raw_end: object = pd.NA
            if offs:
                raw_start, raw_end = offs.raw_span(s, e)
                if child_spans and any(raw_start < ce and cs < raw_end for cs, ce in child_spans):
                    continue
            rows.append((pos, order[theme], s, item_id, theme, text[s:e], raw_start, raw_end))
    if not rows:
        return _empty()
    rows.sort(key=_first_three)  # (item, theme, start) is unique: spans of a theme never overlap
    frame = pd.DataFrame([r[3:] for r in rows], columns=COLUMNS).astype(_DTYPES)
    return frame.reset_index(drop=True)


def _first_three(row: tuple) -> tuple:
    return row[:3]


def item_themes(tags: pd.DataFrame) -> pd.DataFrame:
    """One row per (item, theme): ``item_id, theme, n_matches, evidence`` (a list)."""
    columns = ["item_id", "theme", "n_matches", "evidence"]
    if tags.empty:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    else:
        out = (
            tags.groupby(["item_id", "theme"], sort=False)
            .agg(n_matches=("evidence", "size"), evidence=("evidence", list))
            .reset_index()
        )
    return typed(out, integer=("n_matches",), keep=("evidence",))


@dataclass
class ThemeCoverage:
    """Which themes tag which items; items tagged with nothing; themes that tag nothing."""

    by_theme: pd.DataFrame
    untagged_items: list[str] = field(default_factory=list)
    unused_themes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every item has a theme and every theme tags an item."""
        return not self.untagged_items and not self.unused_themes

    def summary(self) -> str:
        """A few readable lines for logs and the command line."""
        lines = [
            f"{len(self.by_theme)} themes; "
            f"{int((self.by_theme['n_items'] > 0).sum())} tag at least one item"
        ]
        if self.unused_themes:
            lines.append("themes that tag nothing: " + ", ".join(self.unused_themes))
        if self.untagged_items:
            lines.append("items with no theme: " + ", ".join(self.untagged_items))
        return "\n".join(lines)


def coverage_report(
    tags: pd.DataFrame, items: pd.DataFrame, taxonomy: Taxonomy | None = None
) -> ThemeCoverage:
    """Per theme: number of items and matches; list untagged items and unused themes."""
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    rows = []
    for theme in taxonomy.themes:
        sub = tags[tags["theme"] == theme.id]
        ids = list(dict.fromkeys(sub["item_id"].tolist()))
        rows.append(
            {
                "theme": theme.id,
                "label": theme.label,
                "n_items": len(ids),
                "n_matches": len(sub),
                "items": ids,
            }
        )
    by_theme = typed(pd.DataFrame(rows), integer=("n_items", "n_matches"), keep=("items",))
    tagged = set(tags["item_id"].tolist())
    untagged = [str(i) for i in items["id"].tolist() if str(i) not in tagged]
    unused = by_theme.loc[by_theme["n_items"] == 0, "theme"].tolist()
    return ThemeCoverage(by_theme=by_theme, untagged_items=untagged, unused_themes=unused)


def untagged_items(
    tags: pd.DataFrame, items: pd.DataFrame, raw_text: str | None = None
) -> pd.DataFrame:
    """The items that got no theme, one row each, in document order.

    Columns ``item_id`` and, when ``items`` has them, ``label``, ``paragraph_id``, ``start``,
    ``end``; then ``text`` (the cleaned item text: from ``raw_text`` by offsets, else the
    ``text`` column, else missing). An empty frame means full coverage.
    """
    tagged = set(tags["item_id"].astype(str)) if len(tags) else set()
    keep = [str(i) not in tagged for i in items["id"]]
    rows = items[keep]
    out = pd.DataFrame({"item_id": rows["id"].astype(str).to_numpy()})
    for col in ("label", "paragraph_id", "start", "end"):
        if col in rows.columns:
            out[col] = rows[col].to_numpy()
    if raw_text is not None and {"start", "end"} <= set(rows.columns):
        texts: list[object] = [
            clean(raw_text[int(s) : int(e)])
            for s, e in zip(rows["start"], rows["end"], strict=True)
        ]
    elif "text" in rows.columns:
        texts = list(rows["text"])
    else:
        texts = [pd.NA] * len(rows)
    out["text"] = texts
    ints = tuple(c for c in ("start", "end") if c in out.columns)
    return typed(out, integer=ints).reset_index(drop=True)


def coverage_summary(coverage: ThemeCoverage, n_items: int) -> dict[str, object]:
    """A plain-dict view of a :class:`ThemeCoverage` (kept in ``DataFrame.attrs``)."""
    return {
        "n_items": int(n_items),
        "n_tagged_items": int(n_items) - len(coverage.untagged_items),
        "untagged_items": list(coverage.untagged_items),
        "unused_themes": list(coverage.unused_themes),
        "ok": coverage.ok,
    }


@overload
def build_themes_table(
    recommendations: pd.DataFrame,
    raw_text: str,
    taxonomy: Taxonomy | None = ...,
    *,
    with_coverage: Literal[False] = ...,
) -> pd.DataFrame: ...


@overload
def build_themes_table(
    recommendations: pd.DataFrame,
    raw_text: str,
    taxonomy: Taxonomy | None = ...,
    *,
    with_coverage: Literal[True],
) -> tuple[pd.DataFrame, ThemeCoverage]: ...


def build_themes_table(
    recommendations: pd.DataFrame,
    raw_text: str,
    taxonomy: Taxonomy | None = None,
    *,
    with_coverage: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, ThemeCoverage]:
    """``themes.csv`` for the data package: :func:`tag_items` plus its coverage.

    "Every item gets at least one theme" is not enforced (other reports of the series may
    have items no pattern reaches), but it is never hidden: the coverage is logged as a
    warning when incomplete, attached to the table as ``attrs['coverage']`` (a dict, see
    :func:`coverage_summary`) and, with ``with_coverage=True``, returned as
    ``(tags, ThemeCoverage)``. :func:`untagged_items` lists the items without a theme.
    """
    require_str("raw_text", raw_text)
    require_frame("recommendations", recommendations, ["id", "start", "end"],
                  what="the recommendations table")  # fmt: skip
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    tags = tag_items(recommendations, raw_text, taxonomy)
    coverage = coverage_report(tags, recommendations, taxonomy)
    if not coverage.ok:
        log.warning("theme coverage: %s", coverage.summary())
    tags.attrs["coverage"] = coverage_summary(coverage, len(recommendations))
    if with_coverage:
        return tags, coverage
    return tags


# --- evaluation against human labels -------------------------------------------------------


def _prf(tp: int, fp: int, fn: int) -> tuple[object, object, object]:
    precision = tp / (tp + fp) if tp + fp else pd.NA
    recall = tp / (tp + fn) if tp + fn else pd.NA
    if pd.isna(precision) or pd.isna(recall):
        f1: object = pd.NA
    elif precision + recall == 0:  # type: ignore[operator]
        f1 = 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)  # type: ignore[operator]
    return precision, recall, f1


def _pairs(
    tags: pd.DataFrame, gold: pd.DataFrame
) -> tuple[set[str], set[tuple[str, str]], set[tuple[str, str]]]:
    """Scored items, gold (item, theme) pairs and predicted pairs for those items.

    A gold row with an empty theme puts its item in scope with no theme of its own.
    """
    items = {str(i) for i in gold["item_id"]}
    truth = {
        (str(i), str(t))
        for i, t in zip(gold["item_id"], gold["theme"], strict=True)
        if not pd.isna(t) and str(t)
    }
    pred = {
        (str(i), str(t))
        for i, t in zip(tags["item_id"], tags["theme"], strict=True)
        if str(i) in items
    }
    return items, truth, pred


def evaluate(
    tags: pd.DataFrame, gold: pd.DataFrame, themes: Iterable[str] | None = None
) -> pd.DataFrame:
    """Precision, recall and F1 per theme of ``tags`` against ``gold`` (item, theme) labels.

    Only items that appear in ``gold`` are scored. Rows: one per theme (``themes``, default
    the taxonomy's order), then ``micro`` (pooled counts) and ``macro`` (mean of the defined
    per-theme scores). A score with an empty denominator is missing, not zero.
    """
    require_frame("tags", tags, ["item_id", "theme"], what="the themes table")
    require_frame("gold", gold, ["item_id", "theme"], what="the gold labels")
    items, truth, pred = _pairs(tags, gold)
    theme_ids = list(themes) if themes is not None else load_taxonomy().ids
    extra = sorted({t for _, t in truth | pred} - set(theme_ids))
    rows = []
    for theme in theme_ids + extra:
        t_set = {p for p in truth if p[1] == theme}
        p_set = {p for p in pred if p[1] == theme}
        tp, fp, fn = len(t_set & p_set), len(p_set - t_set), len(t_set - p_set)
        rows.append((theme, len(t_set), len(p_set), tp, fp, fn, *_prf(tp, fp, fn)))
    tp, fp, fn = len(truth & pred), len(pred - truth), len(truth - pred)
    rows.append(("micro", len(truth), len(pred), tp, fp, fn, *_prf(tp, fp, fn)))
    out = pd.DataFrame(
        rows,
        columns=["theme", "support", "predicted", "tp", "fp", "fn", "precision", "recall", "f1"],
    )
    per_theme = out.iloc[:-1]
    macro = {
        "theme": "macro",
        "support": int(per_theme["support"].sum()),
        "predicted": int(per_theme["predicted"].sum()),
        "tp": int(per_theme["tp"].sum()),
        "fp": int(per_theme["fp"].sum()),
        "fn": int(per_theme["fn"].sum()),
    }
    for col in ("precision", "recall", "f1"):
        vals = pd.to_numeric(per_theme[col], errors="coerce").dropna()
        macro[col] = float(vals.mean()) if len(vals) else pd.NA
    out = pd.concat([out, pd.DataFrame([macro])], ignore_index=True)
    counts = ("support", "predicted", "tp", "fp", "fn")
    return typed(out, integer=counts, number=("precision", "recall", "f1"))


def disagreements(tags: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The (item, theme) pairs where tagger and gold differ: ``kind`` is 'fp' or 'fn'."""
    items, truth, pred = _pairs(tags, gold)
    rows = [(i, t, "fp") for i, t in sorted(pred - truth)]
    rows += [(i, t, "fn") for i, t in sorted(truth - pred)]
    return typed(pd.DataFrame(rows, columns=["item_id", "theme", "kind"]))
