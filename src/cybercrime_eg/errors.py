"""The error every malformed input raises: file, 1-based line and what was expected."""

from __future__ import annotations

__all__ = ["ParseError"]


class ParseError(ValueError):
    """Malformed report text: names the file, the 1-based line and what was expected."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message
