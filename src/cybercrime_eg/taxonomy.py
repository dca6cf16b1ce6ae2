"""The recommendation-theme taxonomy: load ``data/taxonomy.yml``, validate it, compile its patterns.

The file is meant to be edited by people who do not write regular expressions. A pattern is a
phrase; this module turns it into a regular expression. The small pattern language:

``judicial oversight``
    the words in this order, whole words, any case. Between two words any run of white space
    or a hyphen is accepted, so ``capacity-building`` also finds "capacity building".
``train*``
    a trailing ``*`` accepts any ending: train, trained, training, trainers.
``(search|seizure)``
    alternatives; each alternative may be several words: ``(service|internet) provider*``.
``A ... B``
    B follows A with at most the file's ``default_window`` words between them (``...3``: at most
    3). The gap never crosses ``.``, ``;`` or ``:``.
``A ~ B``
    A and B in either order, at most ``default_window`` words apart (``~3``: at most 3).
    ``...`` and ``~`` cannot be mixed in one pattern; ``~`` joins at most three parts.

A theme may also list ``exclude`` phrases: a match that overlaps one of them is not counted
(for example the name "Organized Crime Convention" is not evidence of organised crime).

Errors are raised as :class:`TaxonomyError`, naming the theme and the problem.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "DuplicateKeyError",
    "Taxonomy",
    "TaxonomyError",
    "Theme",
    "compile_pattern",
    "default_taxonomy_path",
    "load_taxonomy",
    "parse_taxonomy",
    "taxonomy_table",
]


def default_taxonomy_path() -> Path:
    """``data/taxonomy.yml`` of the project (follows ``$CYBERCRIME_EG_DATA``)."""
    from . import paths

    return paths.repo_data_dir() / "taxonomy.yml"


_TOP_KEYS = {"version", "description", "default_window", "themes"}
_THEME_KEYS = {"id", "label", "definition", "patterns", "exclude"}
_REQUIRED_THEME_KEYS = ("id", "label", "definition", "patterns")
_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_WORD = re.compile(r"^[\w'’./-]+\*?$")
_GAP_OP = re.compile(r"^(\.\.\.|~)(\d*)$")
_MAX_WINDOW = 20

# Word separators in the text: white space and/or one hyphen or dash.
_SEP = r"(?:\s*[-‐‑–—]\s*|\s+)"
# A gap of words that never crosses sentence or clause punctuation (. ; :).
_GAP_SEP = r"[^\w.;:]+"
_GAP_WORD = r"[\w'’]+"


class TaxonomyError(ValueError):
    """A problem in the taxonomy file; the message names the theme and the problem."""


@dataclass(frozen=True)
class Theme:
    """One theme: id, label, one-line definition, its phrases and their compiled forms."""

    id: str
    label: str
    definition: str
    patterns: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    regexes: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    exclude_regexes: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)


@dataclass(frozen=True)
class Taxonomy:
    """The validated taxonomy: themes in file order."""

    themes: tuple[Theme, ...]
    default_window: int = 4
    source: str = "<memory>"

    @property
    def ids(self) -> list[str]:
        """Theme ids in file order."""
        return [t.id for t in self.themes]

    @property
    def labels(self) -> dict[str, str]:
        """Theme id -> label, in file order."""
        return {t.id: t.label for t in self.themes}

    def __getitem__(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def __len__(self) -> int:
        return len(self.themes)


def _word_regex(word: str, where: str) -> str:
    if not _WORD.match(word):
        raise TaxonomyError(f"{where}: malformed word {word!r} (letters, digits, ' . / - only)")
    star = word.endswith("*")
    stem = word[:-1] if star else word
    if not stem.strip("-./'’"):
        raise TaxonomyError(f"{where}: malformed word {word!r} (no letters)")
    pieces = [re.escape(p) for p in re.split(r"-", stem) if p]
    body = _SEP.join(pieces)
    return body + (r"\w*" if star else r"(?!\w)")


def _phrase_regex(words: list[str], where: str) -> str:
    if not words:
        raise TaxonomyError(f"{where}: empty phrase")
    return _SEP.join(_word_regex(w, where) for w in words)


def _tokens(pattern: str, where: str) -> list[str]:
    """Split a pattern into words, operators and ``(a|b)`` groups (kept whole)."""
    tokens: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "(":
            close = pattern.find(")", i)
            if close < 0:
                raise TaxonomyError(f"{where}: unbalanced '(' in {pattern!r}")
            inner = pattern[i + 1 : close]
            if "(" in inner:
                raise TaxonomyError(f"{where}: nested '(' in {pattern!r}")
            tokens.append(pattern[i : close + 1])
            i = close + 1
            continue
        if ch == ")":
            raise TaxonomyError(f"{where}: unbalanced ')' in {pattern!r}")
        j = i
        while j < n and not pattern[j].isspace() and pattern[j] not in "()":
            j += 1
        tokens.append(pattern[i:j])
        i = j
    return tokens


def _part_regex(tokens: list[str], where: str) -> str:
    out: list[str] = []
    words: list[str] = []
    for tok in tokens:
        if tok.startswith("("):
            if words:
                out.append(_phrase_regex(words, where))
                words = []
            alts = [a.split() for a in tok[1:-1].split("|")]
            if len(alts) < 2 or any(not a for a in alts):
                raise TaxonomyError(f"{where}: malformed alternatives {tok!r} (use (a|b))")
            out.append("(?:" + "|".join(_phrase_regex(a, where) for a in alts) + ")")
        else:
            if "|" in tok:
                raise TaxonomyError(f"{where}: '|' outside parentheses in {tok!r}")
            words.append(tok)
    if words:
        out.append(_phrase_regex(words, where))
    if not out:
        raise TaxonomyError(f"{where}: empty part around an operator")
    return _SEP.join(out)


def _gap(window: int) -> str:
    return rf"{_GAP_SEP}(?:{_GAP_WORD}{_GAP_SEP}){{0,{window}}}?"


@lru_cache(maxsize=4096)
def leading_literals(pattern: str) -> tuple[str, ...]:
    """Lower-case literals one of which every match of ``pattern`` starts with.

    Used to find the places where a pattern can match without running its regular
    expression at every character; empty when no such literals are known.
    """
    try:
        tokens = _tokens(pattern, "pattern")
    except TaxonomyError:
        return ()
    parts: list[list[str]] = [[]]
    tilde = False
    for tok in tokens:
        if m := _GAP_OP.match(tok):
            tilde = tilde or m.group(1) == "~"
            parts.append([])
        else:
            parts[-1].append(tok)
    firsts = [p[0] for p in (parts if tilde else parts[:1]) if p]
    words: list[str] = []
    for tok in firsts:
        if tok.startswith("("):
            words += [alt.split()[0] for alt in tok[1:-1].split("|") if alt.split()]
        else:
            words.append(tok)
    literals = []
    for word in words:
        stem = word[:-1] if word.endswith("*") else word
        pieces = [p for p in stem.split("-") if p]
        if not pieces:
            return ()
        literals.append(pieces[0].lower())
    return tuple(sorted(set(literals)))


def compile_pattern(
    pattern: str, default_window: int = 4, where: str = "pattern"
) -> re.Pattern[str]:
    """Compile one taxonomy phrase to a case-insensitive regular expression."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise TaxonomyError(f"{where}: empty pattern")
    tokens = _tokens(pattern, where)
    parts: list[list[str]] = [[]]
    ops: list[tuple[str, int]] = []
    for tok in tokens:
        m = _GAP_OP.match(tok)
        if m:
            window = int(m.group(2)) if m.group(2) else default_window
            if window > _MAX_WINDOW:
                raise TaxonomyError(
                    f"{where}: window {window} in {pattern!r} exceeds {_MAX_WINDOW}"
                )
            ops.append((m.group(1), window))
            parts.append([])
        elif "..." in tok or "~" in tok or (not tok.startswith("(") and "*" in tok[:-1]):
            raise TaxonomyError(f"{where}: malformed token {tok!r} in {pattern!r}")
        else:
            parts[-1].append(tok)
    if any(not p for p in parts):
        raise TaxonomyError(f"{where}: operator without a phrase on both sides in {pattern!r}")
    kinds = {op for op, _ in ops}
    if len(kinds) > 1:
        raise TaxonomyError(f"{where}: '...' and '~' mixed in {pattern!r}")
    regexes = [_part_regex(p, where) for p in parts]
    if not ops:
        body = regexes[0]
    elif kinds == {"..."}:
        body = regexes[0]
        for (_, window), rx in zip(ops, regexes[1:], strict=True):
            body += _gap(window) + rx
    else:
        if len(parts) > 3:
            raise TaxonomyError(f"{where}: '~' joins at most three parts in {pattern!r}")
        window = max(w for _, w in ops)
        alts = []
        for perm in itertools.permutations(regexes):
            alts.append(_gap(window).join(f"(?:{rx})" for rx in perm))
        body = "(?:" + "|".join(alts) + ")"
    try:
        return re.compile(rf"(?<!\w)(?:{body})", re.IGNORECASE)
    except re.error as exc:  # pragma: no cover - the syntax above should prevent this
        raise TaxonomyError(f"{where}: malformed pattern {pattern!r}: {exc}") from exc


def _theme_name(raw: Any, index: int) -> str:
    if isinstance(raw, Mapping) and isinstance(raw.get("id"), str) and raw.get("id"):
        return f"theme {raw['id']!r}"
    return f"theme #{index + 1}"


def _str_list(raw: Any, key: str, where: str, required: bool) -> tuple[str, ...]:
    if raw is None:
        if required:
            raise TaxonomyError(f"{where}: empty {key} (give at least one phrase)")
        return ()
    if isinstance(raw, Mapping):
        raise TaxonomyError(
            f"{where}: {key} must be a list of phrases, got a mapping (expected a list: "
            f"write each phrase on its own '- ' line)"
        )
    if isinstance(raw, str) or not isinstance(raw, list | tuple):
        raise TaxonomyError(f"{where}: {key} must be a list of phrases, got {type(raw).__name__}")
    items = list(raw)
    if required and not items:
        raise TaxonomyError(f"{where}: empty {key} (give at least one phrase)")
    out: list[str] = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, bool):
            raise TaxonomyError(
                f"{where}: {_singular(key)} {number} is a boolean ({item!r}), expected text"
            )
        if isinstance(item, int | float):
            raise TaxonomyError(
                f"{where}: {_singular(key)} {number} is a number ({item!r}), expected text "
                f"(put it in quotes)"
            )
        if item is None:
            raise TaxonomyError(f"{where}: {_singular(key)} {number} is empty")
        if not isinstance(item, str):
            raise TaxonomyError(
                f"{where}: {_singular(key)} {number} is a {type(item).__name__}, expected text"
            )
        if not item.strip():
            raise TaxonomyError(f"{where}: empty pattern in {key} ({_singular(key)} {number})")
        text = " ".join(item.split())
        if text in out:
            raise TaxonomyError(f"{where}: duplicate pattern {text!r} in {key}")
        out.append(text)
    return tuple(out)


def _singular(key: str) -> str:
    return {"patterns": "pattern", "exclude": "exclude phrase"}.get(key, key)


def parse_taxonomy(data: Any, source: str = "<memory>") -> Taxonomy:
    """Validate the parsed YAML mapping and compile it into a :class:`Taxonomy`."""
    if not isinstance(data, Mapping):
        raise TaxonomyError(f"{source}: the taxonomy must be a mapping with a 'themes' list")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise TaxonomyError(f"{source}: unknown top-level key(s) {', '.join(map(str, unknown))}")
    window = data.get("default_window", 4)
    if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= _MAX_WINDOW:
        raise TaxonomyError(f"{source}: default_window must be an integer 0-{_MAX_WINDOW}")
    raw_themes = data.get("themes")
    if not isinstance(raw_themes, list) or not raw_themes:
        raise TaxonomyError(f"{source}: 'themes' must be a non-empty list")
    themes: list[Theme] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_themes):
        where = f"{source}: {_theme_name(raw, index)}"
        if not isinstance(raw, Mapping):
            raise TaxonomyError(f"{where}: each theme must be a mapping")
        unknown = sorted(set(map(str, raw)) - _THEME_KEYS)
        if unknown:
            raise TaxonomyError(f"{where}: unknown key(s) {', '.join(unknown)}")
        for key in _REQUIRED_THEME_KEYS:
            if key not in raw:
                raise TaxonomyError(f"{where}: missing key {key!r}")
        theme_id = raw["id"]
        if not isinstance(theme_id, str) or not _ID.match(theme_id):
            raise TaxonomyError(f"{where}: id must be lower-case words joined by '-'")
        if theme_id in seen:
            raise TaxonomyError(f"{where}: duplicate id {theme_id!r}")
        seen.add(theme_id)
        for key in ("label", "definition"):
            value = raw[key]
            if not isinstance(value, str) or not value.strip():
                raise TaxonomyError(f"{where}: empty {key}")
            if key == "definition" and "\n" in value.strip():
                raise TaxonomyError(f"{where}: definition must be one line")
        patterns = _str_list(raw["patterns"], "patterns", where, required=True)
        exclude = _str_list(raw.get("exclude"), "exclude", where, required=False)
        regexes = tuple(compile_pattern(p, window, f"{where}, pattern {p!r}") for p in patterns)
        exclude_rx = tuple(compile_pattern(p, window, f"{where}, exclude {p!r}") for p in exclude)
        themes.append(
            Theme(
                id=theme_id,
                label=raw["label"].strip(),
                definition=raw["definition"].strip(),
                patterns=patterns,
                exclude=exclude,
                regexes=regexes,
                exclude_regexes=exclude_rx,
            )
        )
    return Taxonomy(themes=tuple(themes), default_window=window, source=source)


class DuplicateKeyError(TaxonomyError):
    """A key given twice in one mapping of the taxonomy file (YAML would keep the last)."""


def _unique_key_loader() -> type:
    """A :class:`yaml.SafeLoader` that refuses a key given twice in one mapping.

    Plain YAML loading silently keeps the last value of a duplicated key, so a second
    ``patterns:`` under one theme would throw the first list away without a word.
    """
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):  # type: ignore[override]
            if isinstance(node, yaml.MappingNode):
                self.flatten_mapping(node)
                seen: dict[object, int] = {}
                for key_node, _ in node.value:
                    key = self.construct_object(key_node, deep=True)
                    line = key_node.start_mark.line + 1
                    if key in seen:
                        raise DuplicateKeyError(
                            f"{_mapping_context(node)}: duplicate key {key!r} (line {line}; "
                            f"first given on line {seen[key]}); YAML would silently keep "
                            f"only the last value"
                        )
                    seen[key] = line
            return super().construct_mapping(node, deep=deep)

    return UniqueKeyLoader


def _mapping_context(node: Any) -> str:
    """'theme 'x'' when the mapping is a theme (has an ``id``), else where it is."""
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id" and isinstance(
            getattr(value_node, "value", None), str
        ):
            return f"theme {value_node.value!r}"
    keys = {getattr(k, "value", None) for k, _ in node.value}
    if "themes" in keys:
        return "top level"
    return f"theme without an id (mapping at line {node.start_mark.line + 1})"


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and validate a taxonomy YAML file (default ``data/taxonomy.yml``).

    A key given twice in one mapping (e.g. two ``patterns:`` under a theme) is an error,
    not a silent override.
    """
    import yaml

    path = Path(path) if path is not None else default_taxonomy_path()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_unique_key_loader())  # noqa: S506
    except DuplicateKeyError as exc:
        raise DuplicateKeyError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{path}: not valid YAML: {exc}") from exc
    return parse_taxonomy(data, source=str(path))


def taxonomy_table(taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """One row per theme: id, label, definition, patterns and exclusions joined by '; '."""
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    rows = [
        {
            "id": t.id,
            "label": t.label,
            "definition": t.definition,
            "patterns": "; ".join(t.patterns),
            "exclude": "; ".join(t.exclude),
        }
        for t in taxonomy.themes
    ]
    return pd.DataFrame(rows, columns=["id", "label", "definition", "patterns", "exclude"]).astype(
        "string"
    )
