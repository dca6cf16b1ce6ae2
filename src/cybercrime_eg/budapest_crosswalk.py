"""Crosswalk: which articles of the Budapest Convention each recommendation asks for.

Named ``budapest_crosswalk`` (not ``crosswalk``) so that the module never shadows the API function
``cybercrime_eg.crosswalk()`` on the package.

Rules in ``data/crosswalk_rules.yml`` list, per article of the Budapest Convention (ETS 185), the
phrases that signal it in the text of a recommendation, in two strengths: ``provides`` (the
phrase names what the article itself provides) and ``related`` (the article touches the request
only partly), with ``exclude`` phrases. Phrases use the pattern language of the theme taxonomy
(``cybercrime_eg.taxonomy.compile_pattern``).

:func:`build_crosswalk` applies the rules to every item of a report and returns the rows of
``crosswalk.csv``: one per (item, article) pair, ``relation`` ``provides`` or ``related``, the
matched words as ``evidence`` with their raw offsets (``clean(raw[start:end]) == evidence``), and
one ``none`` row (empty article) for an item that matches no article. A parent item (``1(k)``) is
matched on its own words only: a match inside one of its sub-items belongs to the sub-item.

Matching wording is not legal equivalence: a row says that an item's words name what an article
provides, not that the article meets the request in law or in practice. The report attributes
positions (a) and (b) to no State. Quality is measured against hand labels with :func:`evaluate`
(``data/annotations/crosswalk_gold.csv``, written before the rules).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .checks import require_frame, require_str, type_name
from .schema import CROSSWALK_RELATIONS as RELATIONS
from .schema import CROSSWALK_SCHEMA
from .taxonomy import TaxonomyError, compile_pattern
from .text import clean_with_offsets
from .themes import (  # linear-time matching, as the tagger does
    PhraseIndex,
    _children,  # raw spans of each parent item's sub-items, as themes uses
    _lowered,
    _merged,
    built_once,
)

__all__ = [
    "COLUMNS",
    "CROSSWALK_SCHEMA",
    "RELATIONS",
    "ArticleRule",
    "CrosswalkRules",
    "CrosswalkRulesError",
    "build_crosswalk",
    "check_rules",
    "crosswalk_summary",
    "default_articles_path",
    "default_gold_path",
    "default_rules_path",
    "disagreements",
    "evaluate",
    "item_relations",
    "load_articles",
    "load_gold",
    "load_rules",
    "match_text",
    "parse_rules",
    "rules_table",
    "with_articles",
]

COLUMNS = ["item_id", "instrument", "article", "relation", "evidence", "start", "end"]
_DTYPES = {"item_id": "string", "instrument": "string", "article": "string",
           "relation": "string", "evidence": "string", "start": "Int64",
           "end": "Int64"}  # fmt: skip

_TOP_KEYS = {"version", "description", "instrument", "default_window", "articles"}
_ARTICLE_KEYS = {"article", "concept", "provides", "related", "exclude"}
_ARTICLE_NO = re.compile(r"^[1-9][0-9]{0,2}$")
_MAX_WINDOW = 20


class CrosswalkRulesError(TaxonomyError):
    """A problem in the crosswalk rules file: the message names the file, the article and the
    problem (a :class:`~cybercrime_eg.taxonomy.TaxonomyError`, so one handler catches both)."""


@dataclass(frozen=True)
class ArticleRule:
    """One article: number, one-line concept, its phrases by strength and their compiled forms."""

    article: str
    concept: str
    provides: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    provides_regexes: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    related_regexes: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    exclude_regexes: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)


@dataclass(frozen=True)
class CrosswalkRules:
    """The validated rules of one instrument, articles in file order."""

    instrument: str
    articles: tuple[ArticleRule, ...]
    default_window: int = 4
    source: str = "<memory>"

    @property
    def ids(self) -> list[str]:
        """Article numbers in file order."""
        return [a.article for a in self.articles]

    def __getitem__(self, article: str | int) -> ArticleRule:
        for rule in self.articles:
            if rule.article == str(article):
                return rule
        raise KeyError(article)

    def __len__(self) -> int:
        return len(self.articles)


def default_rules_path() -> Path:
    """``data/crosswalk_rules.yml`` of the project (follows ``$CYBERCRIME_EG_DATA``)."""
    from . import paths

    return paths.repo_data_dir() / "crosswalk_rules.yml"


def default_articles_path() -> Path:
    """``data/external/budapest_articles.csv``: the 48 articles of ETS 185, with sources."""
    from . import paths

    return paths.external_dir() / "budapest_articles.csv"


def load_articles(path: str | Path | None = None) -> pd.DataFrame:
    """The instrument's articles table: ``instrument, article, title, chapter, provides,
    source`` (default ``data/external/budapest_articles.csv``), all text; empty cells missing.
    """
    path = Path(path) if path is not None else default_articles_path()
    table = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    missing = {"instrument", "article", "title", "chapter"} - set(table.columns)
    if missing:
        raise ValueError(f"{path}:1: missing column(s) {sorted(missing)}")
    return table


def default_gold_path(heldout: bool = False) -> Path:
    """``data/annotations/crosswalk_gold.csv`` (or ``crosswalk_heldout_gold.csv``)."""
    from . import paths

    name = "crosswalk_heldout_gold.csv" if heldout else "crosswalk_gold.csv"
    return paths.repo_data_dir() / "annotations" / name


# --- the rules file ------------------------------------------------------------------------


def _article_name(raw: Any, index: int) -> str:
    if isinstance(raw, Mapping) and "article" in raw and not isinstance(raw["article"], bool):
        return f"article {raw['article']}"
    return f"article entry #{index + 1}"


def _phrases(raw: Any, key: str, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str) or not isinstance(raw, list | tuple):
        raise CrosswalkRulesError(
            f"{where}: '{key}' must be a list of phrases (one '- ' line each), "
            f"got {type(raw).__name__}"
        )
    out: list[str] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, str) or isinstance(item, bool):
            raise CrosswalkRulesError(
                f"{where}: {key} phrase {number} is a {type(item).__name__} ({item!r}), "
                "expected text (put it in quotes)"
            )
        text = " ".join(item.split())
        if not text:
            raise CrosswalkRulesError(f"{where}: {key} phrase {number} is empty")
        if text in out:
            raise CrosswalkRulesError(f"{where}: duplicate phrase {text!r} in '{key}'")
        out.append(text)
    return tuple(out)


def _compile(phrases: tuple[str, ...], window: int, where: str, key: str) -> tuple:
    out = []
    for phrase in phrases:
        try:
            out.append(compile_pattern(phrase, window, f"{where}, {key} {phrase!r}"))
        except TaxonomyError as exc:
            raise CrosswalkRulesError(str(exc)) from None
    return tuple(out)


def parse_rules(data: Any, source: str = "<memory>") -> CrosswalkRules:
    """Validate the parsed YAML mapping and compile it into :class:`CrosswalkRules`.

    Raises :class:`CrosswalkRulesError` naming ``source``, the article and the problem.
    """
    if not isinstance(data, Mapping):
        raise CrosswalkRulesError(f"{source}: the rules must be a mapping with an 'articles' list")
    unknown = sorted(map(str, set(data) - _TOP_KEYS))
    if unknown:
        raise CrosswalkRulesError(f"{source}: unknown top-level key(s) {', '.join(unknown)}")
    instrument = data.get("instrument")
    if not isinstance(instrument, str) or not instrument.strip():
        raise CrosswalkRulesError(f"{source}: missing 'instrument' (the instrument's name)")
    window = data.get("default_window", 4)
    if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= _MAX_WINDOW:
        raise CrosswalkRulesError(f"{source}: default_window must be an integer 0-{_MAX_WINDOW}")
    raw_articles = data.get("articles")
    if not isinstance(raw_articles, list) or not raw_articles:
        raise CrosswalkRulesError(f"{source}: 'articles' must be a non-empty list")
    rules: list[ArticleRule] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_articles):
        where = f"{source}: {_article_name(raw, index)}"
        if not isinstance(raw, Mapping):
            raise CrosswalkRulesError(f"{where}: each entry must be a mapping")
        unknown = sorted(map(str, set(raw) - _ARTICLE_KEYS))
        if unknown:
            raise CrosswalkRulesError(f"{where}: unknown key(s) {', '.join(unknown)}")
        for key in ("article", "concept"):
            if key not in raw:
                raise CrosswalkRulesError(f"{where}: missing key {key!r}")
        number = raw["article"]
        if isinstance(number, bool) or not _ARTICLE_NO.match(str(number)):
            raise CrosswalkRulesError(f"{where}: article must be a number such as 16")
        number = str(number)
        if number in seen:
            raise CrosswalkRulesError(f"{where}: duplicate entry for article {number}")
        seen.add(number)
        concept = raw["concept"]
        if not isinstance(concept, str) or not concept.strip():
            raise CrosswalkRulesError(f"{where}: empty concept")
        if "\n" in concept.strip():
            raise CrosswalkRulesError(f"{where}: concept must be one line")
        provides = _phrases(raw.get("provides"), "provides", where)
        related = _phrases(raw.get("related"), "related", where)
        exclude = _phrases(raw.get("exclude"), "exclude", where)
        if not provides and not related:
            raise CrosswalkRulesError(
                f"{where}: no phrases (give 'provides' or 'related', or both)"
            )
        both = sorted(set(provides) & set(related))
        if both:
            raise CrosswalkRulesError(
                f"{where}: phrase {both[0]!r} is both in 'provides' and in 'related'"
            )
        rules.append(
            ArticleRule(
                article=number,
                concept=concept.strip(),
                provides=provides,
                related=related,
                exclude=exclude,
                provides_regexes=_compile(provides, window, where, "provides"),
                related_regexes=_compile(related, window, where, "related"),
                exclude_regexes=_compile(exclude, window, where, "exclude"),
            )
        )
    return CrosswalkRules(
        instrument=instrument.strip(),
        articles=tuple(rules),
        default_window=window,
        source=source,
    )


def _unique_key_loader() -> type:
    """A :class:`yaml.SafeLoader` that refuses a key given twice in one mapping (YAML would keep
    the last one silently)."""
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):  # type: ignore[override]
            if isinstance(node, yaml.MappingNode):
                self.flatten_mapping(node)
                seen: dict[object, int] = {}
                entry = next(
                    (v.value for k, v in node.value if getattr(k, "value", None) == "article"),
                    None,
                )
                for key_node, _ in node.value:
                    key = self.construct_object(key_node, deep=True)
                    line = key_node.start_mark.line + 1
                    if key in seen:
                        what = f"article {entry}" if entry is not None else "top level"
                        raise CrosswalkRulesError(
                            f"{what}: duplicate key {key!r} (line {line}; first given on line "
                            f"{seen[key]}); YAML would silently keep only the last value"
                        )
                    seen[key] = line
            return super().construct_mapping(node, deep=deep)

    return UniqueKeyLoader


def load_rules(path: str | Path | None = None) -> CrosswalkRules:
    """Read and validate a crosswalk rules file (default ``data/crosswalk_rules.yml``)."""
    import yaml

    path = Path(path) if path is not None else default_rules_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CrosswalkRulesError(f"{path}: cannot read the rules file: {exc.strerror}") from None
    try:
        data = yaml.load(text, Loader=_unique_key_loader())  # noqa: S506
    except CrosswalkRulesError as exc:
        raise CrosswalkRulesError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise CrosswalkRulesError(f"{path}: not valid YAML: {exc}") from None
    return parse_rules(data, source=str(path))


def check_rules(rules: CrosswalkRules, articles: pd.DataFrame) -> None:
    """Raise :class:`CrosswalkRulesError` unless every rule's article is in the reference table.

    ``articles`` is the reference table (``budapest_articles.csv``: ``instrument, article,
    title, ...``); only its rows of ``rules.instrument`` count.
    """
    rows = articles[articles["instrument"].astype(str) == rules.instrument]
    if rows.empty:
        raise CrosswalkRulesError(
            f"{rules.source}: instrument {rules.instrument!r} has no row in the articles table"
        )
    known = set(rows["article"].astype(str))
    for rule in rules.articles:
        if rule.article not in known:
            raise CrosswalkRulesError(
                f"{rules.source}: article {rule.article}: not an article of {rules.instrument} "
                f"(the articles table lists {len(known)})"
            )


def rules_table(rules: CrosswalkRules) -> pd.DataFrame:
    """One row per article rule: article, concept, and its phrases joined by '; '."""
    rows = [
        {
            "article": r.article,
            "concept": r.concept,
            "provides": "; ".join(r.provides),
            "related": "; ".join(r.related),
            "exclude": "; ".join(r.exclude),
        }
        for r in rules.articles
    ]
    return pd.DataFrame(
        rows, columns=["article", "concept", "provides", "related", "exclude"]
    ).astype("string")


# --- matching -----------------------------------------------------------------------------


def _article_key(article: object) -> tuple[int, str]:
    text = str(article)
    return (int(text), text) if text.isdigit() else (10**6, text)


_PLANS: dict[int, tuple[object, tuple[PhraseIndex, list]]] = {}


def _plan(rules: CrosswalkRules) -> tuple[PhraseIndex, list]:
    """Every phrase of ``rules`` in one :class:`~cybercrime_eg.themes.PhraseIndex` (found in
    linear time, as the theme tagger does), and per article its exclude, provides and related
    phrases as positions in it; built once per rules object."""
    return built_once(_PLANS, rules, lambda: _build_plan(rules))


def _build_plan(rules: CrosswalkRules) -> tuple[PhraseIndex, list]:
    phrases: list[tuple[str, re.Pattern[str]]] = []
    plan = []
    for rule in rules.articles:
        groups = []
        for words, regexes in (
            (rule.exclude, rule.exclude_regexes),
            (rule.provides, rule.provides_regexes),
            (rule.related, rule.related_regexes),
        ):
            groups.append(list(range(len(phrases), len(phrases) + len(words))))
            phrases += zip(words, regexes, strict=True)
        plan.append((rule.article, *groups))
    return PhraseIndex(phrases), plan


def match_text(
    text: str, rules: CrosswalkRules, skip: list[tuple[int, int]] | None = None
) -> list[tuple[str, str, int, int]]:
    """The articles ``text`` asks for: ``(article, relation, start, end)``, offsets into ``text``.

    One tuple per matched article: ``provides`` when a ``provides`` phrase matches, else
    ``related``; the evidence is the leftmost (then longest) match of that strength. A match
    overlapping one of the article's ``exclude`` phrases, or one of the ``skip`` spans (offsets
    into ``text``), does not count.
    """
    skip = skip or []
    out: list[tuple[str, str, int, int]] = []
    index, plan = _plan(rules)
    lowered, cache = _lowered(text), {}
    active = index.candidates(lowered)
    for article, exclude, provides, related in plan:
        if active is not None:  # phrases whose literals the text lacks cannot match
            provides = [i for i in provides if i in active]
            related = [i for i in related if i in active]
            if not provides and not related:
                continue
            exclude = [i for i in exclude if i in active]
        excluded = _merged(
            [sp for i in exclude for sp in index.spans(i, text, lowered, cache)] + skip
        )
        for relation, group in (("provides", provides), ("related", related)):
            # the leftmost (then longest) match of the group: each phrase's first match
            firsts = [index.first_span(i, text, lowered, cache, excluded) for i in group]
            found = [f for f in firsts if f is not None]
            if found:
                start, end = min(found, key=lambda se: (se[0], -se[1]))
                out.append((article, relation, start, end))
                break
    return out


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in _DTYPES.items()})


def build_crosswalk(
    recommendations: pd.DataFrame,
    raw_text: str | None,
    rules: CrosswalkRules | None = None,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``crosswalk.csv``: the articles of the instrument that each item asks for.

    Args:
        recommendations: the items, with ``id`` and raw offsets ``start``/``end`` into
            ``raw_text`` (and ``parent_id``, so that a sub-item's words stay with the sub-item);
            or, when ``raw_text`` is None, a ``text`` column (offsets are then missing).
        raw_text: the raw report text the offsets point into.
        rules: the compiled rules (default: :func:`load_rules` of ``data/crosswalk_rules.yml``).
        articles: the instrument's articles table (``budapest_articles.csv``); when given, every
            rule's article must be in it (:func:`check_rules`).

    Returns:
        ``item_id, instrument, article, relation, evidence, start, end``: one row per (item,
        article) pair, in document order of the items and article order; an item that matches
        no article gets one row with relation ``none`` and empty article, evidence and offsets.
        Every item has at least one row. ``clean(raw_text[start:end]) == evidence``.
    """
    require_str("raw_text", raw_text, allow_none=True)
    columns = ["id", "start", "end"] if raw_text is not None else ["id", "text"]
    require_frame("recommendations", recommendations, columns)
    if rules is not None and not isinstance(rules, CrosswalkRules):
        expected = "CrosswalkRules (load_rules()) or None"
        raise TypeError(f"rules: expected {expected}, got {type_name(rules)}")
    if articles is not None:
        require_frame("articles", articles, ["instrument", "article"], what="the articles table")
    rules = rules if rules is not None else load_rules()
    if articles is not None:
        check_rules(rules, articles)
    kids = _children(recommendations) if raw_text is not None else {}
    rows: list[tuple[object, ...]] = []
    for row in recommendations.itertuples(index=False):
        item_id = str(row.id)
        skip: list[tuple[int, int]] = []
        offs: list[int] = []
        if raw_text is not None:
            start, end = int(row.start), int(row.end)
            text, offs = clean_with_offsets(raw_text[start:end], base=start)
            for cs, ce in kids.get(item_id, []):
                lo, hi = bisect_left(offs, cs), bisect_left(offs, ce)  # offsets increase
                if lo < hi:
                    skip.append((lo, hi))
        else:
            text = str(row.text)
        found = sorted(match_text(text, rules, skip), key=lambda m: _article_key(m[0]))
        if not found:
            rows.append((item_id, rules.instrument, pd.NA, "none", pd.NA, pd.NA, pd.NA))
            continue
        for article, relation, s, e in found:
            raw_start: object = offs[s] if offs else pd.NA
            raw_end: object = offs[e - 1] + 1 if offs else pd.NA
            rows.append(
                (item_id, rules.instrument, article, relation, text[s:e], raw_start, raw_end)
            )
    if not rows:
        return _empty()
    return pd.DataFrame(rows, columns=COLUMNS).astype(_DTYPES).reset_index(drop=True)


# --- views ----------------------------------------------------------------------------------


def with_articles(crosswalk: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The crosswalk with each article's ``title`` and ``chapter`` from the reference table.

    ``chapter`` is shortened to the chapter's own heading (e.g. "Chapter III – International
    co-operation"); ``none`` rows keep empty title and chapter.
    """
    ref = articles[["instrument", "article", "title", "chapter"]].copy()
    ref["article"] = ref["article"].astype("string")
    ref["instrument"] = ref["instrument"].astype("string")
    ref["chapter"] = ref["chapter"].astype("string").str.split(" / ").str[0]
    out = crosswalk.merge(ref, on=["instrument", "article"], how="left", validate="many_to_one")
    return out.astype({"title": "string", "chapter": "string"})


def item_relations(crosswalk: pd.DataFrame, recommendations: pd.DataFrame) -> pd.DataFrame:
    """One row per item: its strongest relation and the articles behind it.

    Columns ``item_id``, ``relation`` (``provides`` if any article provides the item, else
    ``related`` if any is related, else ``none``), ``provides`` and ``related`` (article numbers
    joined by ", "). Items in document order (``recommendations`` order).
    """
    rows = []
    for item in recommendations["id"].astype(str):
        sub = crosswalk[crosswalk["item_id"] == item]
        prov = [str(a) for a in sub.loc[sub["relation"] == "provides", "article"]]
        rel = [str(a) for a in sub.loc[sub["relation"] == "related", "article"]]
        relation = "provides" if prov else "related" if rel else "none"
        rows.append((item, relation, ", ".join(prov), ", ".join(rel)))
    return pd.DataFrame(rows, columns=["item_id", "relation", "provides", "related"]).astype(
        "string"
    )


def crosswalk_summary(crosswalk: pd.DataFrame, recommendations: pd.DataFrame) -> dict[str, Any]:
    """Counts for prose: items by strongest relation, their ids, and pairs by relation.

    Keys: ``n_items``, ``n_provides``, ``n_related_only``, ``n_none``, ``provides_items``,
    ``related_only_items``, ``none_items`` (lists of item ids in document order),
    ``n_pairs_provides``, ``n_pairs_related``, ``n_articles`` (distinct articles matched).
    """
    per_item = item_relations(crosswalk, recommendations)

    def ids(relation: str) -> list[str]:
        return per_item.loc[per_item["relation"] == relation, "item_id"].tolist()

    pairs = crosswalk[crosswalk["relation"] != "none"]
    return {
        "n_items": len(per_item),
        "n_provides": len(ids("provides")),
        "n_related_only": len(ids("related")),
        "n_none": len(ids("none")),
        "provides_items": ids("provides"),
        "related_only_items": ids("related"),
        "none_items": ids("none"),
        "n_pairs_provides": int((pairs["relation"] == "provides").sum()),
        "n_pairs_related": int((pairs["relation"] == "related").sum()),
        "n_articles": int(pairs["article"].nunique()),
    }


# --- evaluation against hand labels ---------------------------------------------------------


def load_gold(path: str | Path | None = None) -> pd.DataFrame:
    """Hand labels: ``item_id, article, relation, reason`` (default: the shipped report's)."""
    path = Path(path) if path is not None else default_gold_path()
    gold = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    missing = {"item_id", "article", "relation"} - set(gold.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
    bad = gold["relation"].notna() & ~gold["relation"].isin(RELATIONS)
    if bad.any():
        line = int(gold.index[bad][0]) + 2
        raise ValueError(f"{path}:{line}: relation must be one of {list(RELATIONS)}")
    return gold


def _pairs(frame: pd.DataFrame, strict: bool, items: set[str] | None = None) -> set[tuple]:
    out = set()
    for row in frame.itertuples(index=False):
        if row.relation == "none" or pd.isna(row.article):
            continue
        if items is not None and str(row.item_id) not in items:
            continue
        key = (str(row.item_id), str(row.article))
        out.add((*key, str(row.relation)) if strict else key)
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[object, object, object]:
    precision = tp / (tp + fp) if tp + fp else pd.NA
    recall = tp / (tp + fn) if tp + fn else pd.NA
    if pd.isna(precision) or pd.isna(recall):
        return precision, recall, pd.NA
    total = precision + recall  # type: ignore[operator]
    return precision, recall, (2 * precision * recall / total if total else 0.0)  # type: ignore[operator]


def evaluate(crosswalk: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Micro precision, recall and F1 of ``crosswalk`` against hand labels.

    Only items in ``gold`` are scored. Three rows: ``pair`` ((item, article) pairs, relation
    ignored), ``pair+relation`` ((item, article, relation) triples: a pair with the wrong
    strength counts as one false positive and one false negative) and ``none`` (items with no
    counterpart, as a set). A score with an empty denominator is missing, not zero.
    """
    items = {str(i) for i in gold["item_id"]}
    rows = []
    for name, strict in (("pair", False), ("pair+relation", True)):
        truth, pred = _pairs(gold, strict), _pairs(crosswalk, strict, items)
        tp, fp, fn = len(truth & pred), len(pred - truth), len(truth - pred)
        rows.append((name, len(truth), len(pred), tp, fp, fn, *_prf(tp, fp, fn)))
    truth_none = {
        str(i) for i, r in zip(gold["item_id"], gold["relation"], strict=True) if r == "none"
    }
    pred_items = {str(i) for i in crosswalk["item_id"]} & items
    matched = {
        str(i)
        for i, r in zip(crosswalk["item_id"], crosswalk["relation"], strict=True)
        if r != "none"
    }
    pred_none = pred_items - matched
    tp, fp, fn = (
        len(truth_none & pred_none),
        len(pred_none - truth_none),
        len(truth_none - pred_none),
    )
    rows.append(("none", len(truth_none), len(pred_none), tp, fp, fn, *_prf(tp, fp, fn)))
    out = pd.DataFrame(
        rows,
        columns=["score", "support", "predicted", "tp", "fp", "fn", "precision", "recall", "f1"],
    )
    return out.astype(
        {
            "score": "string",
            "support": "Int64",
            "predicted": "Int64",
            "tp": "Int64",
            "fp": "Int64",
            "fn": "Int64",
            "precision": "Float64",
            "recall": "Float64",
            "f1": "Float64",
        }  # fmt: skip
    )


def disagreements(crosswalk: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Where rules and labels differ: ``item_id, article, kind, predicted, gold``.

    ``kind`` is ``fp`` (the rules give a pair the labels do not), ``fn`` (the reverse) or
    ``relation`` (both give the pair, with different strengths).
    """
    items = {str(i) for i in gold["item_id"]}

    def rel(frame: pd.DataFrame, only: set[str] | None) -> dict[tuple[str, str], str]:
        return {(p[0], p[1]): p[2] for p in _pairs(frame, True, only)}

    truth, pred = rel(gold, None), rel(crosswalk, items)
    rows = []
    for key in sorted(set(truth) | set(pred), key=lambda k: (k[0], _article_key(k[1]))):
        p, g = pred.get(key), truth.get(key)
        if p == g:
            continue
        kind = "fp" if g is None else "fn" if p is None else "relation"
        rows.append((*key, kind, p or "", g or ""))
    return pd.DataFrame(rows, columns=["item_id", "article", "kind", "predicted", "gold"]).astype(
        "string"
    )
