"""The document model of a parsed report: every element knows where it stands in the raw file."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Header", "Paragraph", "Item", "Participant", "UnparsedSentence", "Mention", "Report"]


@dataclass(frozen=True)
class Header:
    """The front matter of the report (fields the text does not give are None)."""

    symbol: str | None = None
    distribution: str | None = None
    date: str | None = None
    language: str | None = None
    body: str | None = None
    venue: str | None = None
    meeting_dates: str | None = None
    title: str | None = None


@dataclass
class Paragraph:
    """A numbered paragraph; ``text`` is its chapeau (the text before any lettered item)."""

    number: int
    chapter: str
    chapter_title: str
    section: str
    section_title: str
    text: str
    start: int
    end: int
    line: int

    @property
    def id(self) -> str:
        return str(self.number)


@dataclass
class Item:
    """A lettered item ``(a)`` of a paragraph, or a roman sub-item ``(iii)`` of an item."""

    id: str
    parent_id: str | None
    label: str
    paragraph_id: str
    chapter: str
    section: str
    text: str
    start: int
    end: int
    line: int

    @property
    def level(self) -> int:
        return 1 if self.parent_id is None else 2


@dataclass(frozen=True)
class Participant:
    """A State or organisation the report names as making a statement or organising an event."""

    name: str
    iso3: str | None
    kind: str  # "state" | "organization"
    role: str  # "statement" | "side-event-organizer"
    paragraph_id: str
    start: int
    end: int


@dataclass(frozen=True)
class UnparsedSentence:
    """A sentence of a statements or side-event paragraph that yielded no participant."""

    paragraph_id: str
    line: int
    sentence: str
    reason: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A named entity found in an item or paragraph, with its raw offsets."""

    entity: str
    kind: str  # instrument | document | organization | company | state
    item_id: str
    start: int
    end: int
    text: str


@dataclass
class Report:
    """A whole parsed report."""

    source: str
    raw: str
    header: Header
    paragraphs: list[Paragraph] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    unparsed: list[UnparsedSentence] = field(default_factory=list)

    def item(self, item_id: str) -> Item:
        """The item with this citable id, e.g. ``"1(k)(iii)"``."""
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)
