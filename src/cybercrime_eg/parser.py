"""Parser for the draft reports of the UNODC Expert Group on Cybercrime.

The text is read as blocks (runs of non-blank lines). A block is a header field, a chapter
heading (``II. Title``), a section heading (``A. Title (continued)``), a numbered paragraph
(``7. Text``), a lettered item (``(a) Text``), a roman sub-item under an item (``(iii) Text``)
or the continuation of the previous block across a page break. Every element keeps its raw
character offsets. Anything else is a :class:`ParseError` that names the file, the line and
what was expected.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .checks import require_str, type_name
from .entities import find_entities
from .errors import ParseError
from .model import Header, Item, Mention, Paragraph, Report
from .reading import DEFAULT_MAX_BYTES, check_text, read_report_text
from .statements import find_participants
from .text import clean, clean_with_offsets, shown

__all__ = ["ParseError", "parse_report", "parse_text", "read_report_text"]


# --- blocks ------------------------------------------------------------------------------


@dataclass
class _Block:
    start: int  # offset of the first non-blank character
    end: int  # offset just past the last non-blank character
    line: int  # 1-based line of ``start``
    text: str  # the raw slice


_WS = " \t\r\f\v\ufeff"  # white space within a line (a BOM or form feed is not text)


_LINE = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")


def _blocks(raw: str) -> list[_Block]:
    """Runs of non-blank lines. A line ends at "\n", "\r\n" or a lone "\r", as in editors."""
    blocks: list[_Block] = []
    cur: list[int] | None = None  # [start, end, line]
    for lineno, m in enumerate(_LINE.finditer(raw), start=1):
        line, pos = m.group(1), m.start()
        body = line.strip(_WS)
        if body:
            lead = len(line) - len(line.lstrip(_WS))
            end = pos + len(line.rstrip(_WS))
            if cur is None:
                cur = [pos + lead, end, lineno]
            else:
                cur[1] = end
        elif cur is not None:
            blocks.append(_Block(cur[0], cur[1], cur[2], raw[cur[0] : cur[1]]))
            cur = None
    if cur is not None:
        blocks.append(_Block(cur[0], cur[1], cur[2], raw[cur[0] : cur[1]]))
    return blocks


# --- labels ------------------------------------------------------------------------------

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _roman_value(s: str) -> int | None:
    s = s.lower()
    for n in range(1, 400):
        if _roman(n) == s:
            return n
    return None


def _letter(n: int) -> str:
    """The n-th item letter (1-based): a..z, then aa, bb, ... as in UN documents."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_CHAPTER = re.compile(r"([IVXLC]+)\.\s+(\S.*)", re.DOTALL)
_SECTION = re.compile(r"([A-Z])\.\s+(\S.*)", re.DOTALL)
_PARAGRAPH = re.compile(r"(\d{1,4})\.\s+(\S.*)", re.DOTALL)
# An item label: one letter repeated as in UN documents ((a) ... (z), (aa) ... (zz), (aaa) ...),
# any two letters (reported as out of order), or a roman numeral of a sub-item.
_ITEM = re.compile(
    r"\((?P<label>(?P<ch>[a-z])(?P=ch)*|[a-z]{2}|[ivxlc]{1,6})\)\s+(?P<body>\S.*)", re.DOTALL
)
_CONTINUED = re.compile(r"\s*\(continued\)\s*$", re.IGNORECASE)
_HEADING_MAX = 200  # a longer block is never a heading

_DISTR = re.compile(r"Distr\.:\s*(.+)")
_ORIGINAL = re.compile(r"Original:\s*(.+)")
_DATE = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}")
_VENUE = re.compile(r"([A-Z][\w .'-]+),\s+(\d{1,2}(?:\s*[–-]\s*\d{1,2})?(?: [A-Z][a-z]+)?"
                    r"(?:\s*[–-]\s*\d{1,2} [A-Z][a-z]+)? \d{4})")  # fmt: skip
_SYMBOL_LINE = re.compile(r"(?:[A-Z]+/)+[A-Z0-9.]+(?:/[A-Za-z0-9.]+)*")
_BOLD = re.compile(r"\*\*(.+)\*\*", re.DOTALL)


def _snippet(text: str, width: int = 40) -> str:
    return shown(text, width)


# --- the parser --------------------------------------------------------------------------


class _Parser:
    def __init__(self, raw: str, source: str) -> None:
        self.raw = raw
        self.source = source
        self.header: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.paragraphs: list[Paragraph] = []
        self.items: list[Item] = []
        self.chapter = ("", "")  # numeral, title
        self.chapter_line = 0
        self.chapter_value = 0
        self.section = ("", "")  # letter, title
        self.section_line = 0
        self.section_has_paragraphs = True
        self.chapter_has_content = True
        self.in_body = False
        self.last: Paragraph | Item | None = None  # the element a continuation extends
        self.letters: list[Item] = []  # lettered items of the current paragraph
        self.subs: list[Item] = []  # sub-items of the current lettered item
        self.closing_from: Item | Paragraph | None = None  # the element that may end "; and"
        self.sub_closed = False
        # Elements extended by a continuation block whose ``text`` is not cleaned yet: cleaned
        # once when needed, so that many continuation blocks cost linear time.
        self.stale: dict[int, Paragraph | Item] = {}

    def text_of(self, elem: Paragraph | Item) -> str:
        """The cleaned text of ``elem``, brought up to date if continuations extended it."""
        if self.stale.pop(id(elem), None) is not None:
            elem.text = clean(self.raw[elem.start : elem.end])
        return elem.text

    def ends_with(self, elem: Paragraph | Item, endings: tuple[str, ...]) -> bool:
        """Whether the cleaned text of ``elem`` ends with one of the one-character ``endings``.

        The last raw character decides unless it may be markup (``*``, ``)``, ``]``) or space.
        """
        if id(elem) in self.stale:
            last = self.raw[elem.end - 1]
            if last not in "*)]" and not last.isspace():
                return last in endings
        return self.text_of(elem).endswith(endings)

    def sub_closing(self) -> bool:
        """The open sub-list's previous sub-item ended "; and": the next one is the last."""
        last = self.closing_from
        return (
            isinstance(last, Item)
            and last.parent_id is not None
            and self.text_of(last).endswith(" and")
        )

    def error(self, line: int, message: str) -> ParseError:
        return ParseError(self.source, line, message)

    # header ------------------------------------------------------------------------------
    def header_block(self, b: _Block) -> None:
        if "**" in b.text:  # a bold title may wrap over several lines
            self.header_field(" ".join(b.text.split()))
        else:
            for line in b.text.splitlines():
                if line.strip():
                    self.header_field(" ".join(line.split()))

    def header_field(self, text: str) -> None:
        text = text.strip(_WS)
        if m := _DISTR.fullmatch(text):
            self.header.setdefault("distribution", m.group(1))
        elif m := _ORIGINAL.fullmatch(text):
            self.header.setdefault("language", m.group(1))
        elif _DATE.fullmatch(text) and "date" not in self.header:
            self.header["date"] = text
        elif _SYMBOL_LINE.fullmatch(text) and "symbol" not in self.header:
            self.header["symbol"] = text
        elif (m := _BOLD.fullmatch(text)) and "body" not in self.header:
            self.header["body"] = clean(m.group(1))
        elif (m := _VENUE.fullmatch(text)) and "venue" not in self.header:
            self.header["venue"], self.header["meeting_dates"] = m.group(1), m.group(2)
        else:
            self.title_parts.append(clean(text))

    # structure ---------------------------------------------------------------------------
    def close_section(self, next_line: int, what: str) -> None:
        if not self.section_has_paragraphs:
            letter, title = self.section
            raise self.error(
                self.section_line,
                f"section '{letter}. {title}' has no paragraphs: expected a numbered paragraph "
                f"after it, found {what} at line {next_line}",
            )

    def close_chapter(self, next_line: int, what: str) -> None:
        self.close_section(next_line, what)
        if not self.chapter_has_content:
            numeral, title = self.chapter
            raise self.error(
                self.chapter_line,
                f"chapter '{numeral}. {title}' is empty: expected a section or a numbered "
                f"paragraph after it, found {what} at line {next_line}",
            )

    def is_chapter(self, numeral: str) -> bool:
        """Whether a heading 'X. Title' is a chapter (roman numeral) rather than a section.

        I, V, X, L, C are both. A chapter comes in sequence (the next numeral; the first one
        may be any up to XX); a single letter that is the next section letter, or any other
        single letter, is a section.
        """
        value = _roman_value(numeral)
        if value is None:
            return False
        if len(numeral) > 1:
            return value > self.chapter_value
        if self.section[0] and ord(numeral) == ord(self.section[0]) + 1:
            return False  # the next section letter (I after H, V after U, ...)
        if self.chapter_value == 0:
            return value <= 20
        return value == self.chapter_value + 1

    def chapter_block(self, b: _Block, numeral: str, title: str) -> None:
        what = f"chapter heading '{numeral}.'"
        if self.in_body:
            self.close_chapter(b.line, what)
        value = _roman_value(numeral) or 0
        if value <= self.chapter_value:
            raise self.error(
                b.line,
                f"expected a chapter after {_roman(self.chapter_value).upper()}, "
                f"found chapter {numeral}",
            )
        self.in_body = True
        title = _CONTINUED.sub("", clean(title))
        self.chapter, self.chapter_line, self.chapter_value = (numeral, title), b.line, value
        self.section = ("", "")
        self.chapter_has_content = False
        self.section_has_paragraphs = True
        self.last = None

    def section_block(self, b: _Block, letter: str, title: str) -> None:
        if self.in_body:
            self.close_section(b.line, f"section heading '{letter}.'")
        self.in_body = True
        title = _CONTINUED.sub("", clean(title))
        self.section, self.section_line = (letter, title), b.line
        self.section_has_paragraphs = False
        self.chapter_has_content = True
        self.last = None

    def paragraph_block(self, b: _Block, number: int, body_start: int) -> None:
        if self.paragraphs and number != self.paragraphs[-1].number + 1:
            prev = self.paragraphs[-1].number
            raise self.error(
                b.line, f"expected paragraph {prev + 1} after paragraph {prev}, found {number}"
            )
        self.in_body = True
        self.section_has_paragraphs = self.chapter_has_content = True
        para = Paragraph(
            number=number,
            chapter=self.chapter[0],
            chapter_title=self.chapter[1],
            section=self.section[0],
            section_title=self.section[1],
            text=clean(self.raw[body_start : b.end]),
            start=body_start,
            end=b.end,
            line=b.line,
        )
        self.paragraphs.append(para)
        self.letters, self.subs = [], []
        self.last = para
        self.sub_closed = False

    def item_block(self, b: _Block, label: str, body_start: int, next_label: str | None) -> None:
        if not self.paragraphs or self.last is None:
            raise self.error(b.line, f"expected a numbered paragraph before item ({label})")
        para = self.paragraphs[-1]
        letters = self.letters  # the lettered items of this paragraph so far
        prev_item = letters[-1] if letters else None
        subs = self.subs  # the sub-items of prev_item so far
        next_letter = _letter(len(letters) + 1)
        next_roman = _roman(len(subs) + 1)
        sub_closing = self.sub_closing()
        sub_open = (
            prev_item is not None
            and not self.sub_closed
            and bool(subs or self.ends_with(prev_item, (":",)))
        )
        can_sub = sub_open and label == next_roman
        can_letter = label == next_letter
        if can_sub and can_letter:  # (i) after (h), (v) after (u), (x) after (w): look ahead
            if next_label == _roman(len(subs) + 2):
                as_sub = True
            elif next_label == _letter(len(letters) + 2):
                as_sub = False
            elif sub_closing:  # the previous sub-item ended "; and": this is the last
                as_sub = True
            else:
                as_sub = not (subs and self.ends_with(subs[-1], (".",)))
        else:
            as_sub = can_sub
        if not as_sub and not can_letter:
            expected = f"item ({next_letter})"
            if sub_open:
                expected += f" or sub-item ({next_roman})"
            after = f" after {subs[-1].id if subs else prev_item.id}" if prev_item else ""
            raise self.error(
                b.line, f"expected {expected}{after} in paragraph {para.number}, found ({label})"
            )
        parent = prev_item if as_sub else None
        item = Item(
            id=f"{parent.id if parent else para.id}({label})",
            parent_id=parent.id if parent else None,
            label=f"({label})",
            paragraph_id=para.id,
            chapter=para.chapter,
            section=para.section,
            text=clean(self.raw[body_start : b.end]),
            start=body_start,
            end=b.end,
            line=b.line,
        )
        if as_sub:
            self.sub_closed = sub_closing
            self.subs.append(item)
        else:
            self.sub_closed = False
            self.letters.append(item)
            self.subs = []
        self.items.append(item)
        self.last = item

    def continuation_block(self, b: _Block) -> None:
        """A block without a marker continues the paragraph or item before it (a page break)."""
        last = self.last
        if last is None:
            raise self.error(
                b.line,
                "expected a numbered paragraph, a lettered item such as (a) or a heading, "
                f"found '{_snippet(b.text)}'",
            )
        last.end = b.end
        self.stale[id(last)] = last

    # driver ------------------------------------------------------------------------------
    @staticmethod
    def shape(b: _Block) -> tuple[str, re.Match[str] | None]:
        """What a block looks like: chapter, section, paragraph, item or text."""
        if m := _ITEM.match(b.text):
            return "item", m
        if m := _PARAGRAPH.match(b.text):
            return "paragraph", m
        if len(b.text) <= _HEADING_MAX:
            heading = " ".join(b.text.split())
            if heading.startswith("**") and heading.endswith("**"):
                heading = heading[2:-2].strip()
            if not heading.endswith((".", ";", ",")):
                if m := _CHAPTER.fullmatch(heading):
                    return "chapter", m
                if m := _SECTION.fullmatch(heading):
                    return "section", m
        return "text", None

    def page_break_number(self, number: int) -> bool:
        """A block like '2017. The Guide …' after a page break, inside an unfinished sentence."""
        return (
            bool(self.paragraphs)
            and number != self.paragraphs[-1].number + 1
            and self.last is not None
            and not self.ends_with(self.last, (".", ";", ":"))
        )

    def run(self) -> Report:
        blocks = _blocks(self.raw)
        if not blocks:
            raise self.error(1, "empty file: expected the text of a UN report")
        kinds = [self.shape(b) for b in blocks]
        next_labels: list[str | None] = [None] * len(blocks)
        upcoming: str | None = None
        for i in range(len(blocks) - 1, -1, -1):
            next_labels[i] = upcoming
            kind, m = kinds[i]
            if kind == "item":
                upcoming = m.group("label")
            elif kind != "text":
                upcoming = None
        for b, (kind, m), next_label in zip(blocks, kinds, next_labels, strict=True):
            if kind == "chapter" and self.is_chapter(m.group(1)):
                self.chapter_block(b, m.group(1), m.group(2))
            elif kind in ("chapter", "section"):
                self.section_block(b, m.group(1), m.group(2))
            elif kind == "paragraph" and not self.page_break_number(int(m.group(1))):
                self.paragraph_block(b, int(m.group(1)), b.start + m.start(2))
            elif kind == "item" and self.in_body:
                self.item_block(b, m.group("label"), b.start + m.start("body"), next_label)
                self.closing_from = self.last
                continue
            elif not self.in_body:
                self.header_block(b)
                continue
            else:
                self.continuation_block(b)
                self.closing_from = self.last
                continue
            self.closing_from = None
        for elem in list(self.stale.values()):
            self.text_of(elem)
        if not self.paragraphs:
            raise self.error(
                blocks[-1].line, "expected at least one numbered paragraph such as '1. Text'"
            )
        self.close_chapter(blocks[-1].line + 1, "the end of the file")
        header = Header(
            symbol=self.header.get("symbol"),
            distribution=self.header.get("distribution"),
            date=self.header.get("date"),
            language=self.header.get("language"),
            body=self.header.get("body"),
            venue=self.header.get("venue"),
            meeting_dates=self.header.get("meeting_dates"),
            title=" — ".join(self.title_parts) or None,
        )
        report = Report(self.source, self.raw, header, self.paragraphs, self.items)
        report.participants, report.unparsed = find_participants(report, self.error)
        report.mentions = _mentions(report)
        return report


# --- mentions ----------------------------------------------------------------------------


def _mentions(report: Report) -> list[Mention]:
    out: list[Mention] = []
    spans: list[tuple[str, int, int]] = [(p.id, p.start, p.end) for p in report.paragraphs]
    spans += [(it.id, it.start, it.end) for it in report.items]
    # An item's text is not part of its parent's span except for sub-items inside item text,
    # which never overlap: the chapeau of a paragraph ends before its first item.
    for item_id, start, end in spans:
        text, offs = clean_with_offsets(report.raw[start:end], start)
        for entity, s, e in find_entities(text):
            out.append(Mention(entity.name, entity.kind, item_id, offs[s], offs[e - 1] + 1,
                               text[s:e]))  # fmt: skip
    for p in report.participants:
        if p.kind == "state":
            out.append(Mention(p.name, "state", p.paragraph_id, p.start, p.end, p.name))
    out.sort(key=lambda m: (m.start, m.end, m.entity))
    return out


# --- entry points ------------------------------------------------------------------------


def parse_text(raw: str, source: str = "<text>") -> Report:
    """Parse report text already in memory (control characters are refused)."""
    if not isinstance(raw, str):
        raise TypeError(f"raw: expected the report text as a str, got {type_name(raw)}")
    require_str("source", source)
    check_text(raw, source)
    return _Parser(raw, source).run()


def parse_report(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Parse a report file (or ``"-"``, standard input) into a :class:`Report`."""
    if isinstance(path, bytes) or not isinstance(path, str | os.PathLike):
        raise TypeError(
            f"path: expected the path of a report text file (str or pathlib.Path) or '-', "
            f"got {type_name(path)}"
        )
    return parse_text(
        read_report_text(path, max_bytes), "<stdin>" if str(path) == "-" else str(path)
    )
