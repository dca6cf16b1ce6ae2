"""Reading a report: a regular file or standard input, within a size cap, as checked text.

The report is input from anyone. Before a byte is read the file's type is checked on an open
descriptor (a FIFO without a writer, ``/dev/zero`` or a folder is refused, never waited on);
at most ``max_bytes`` are read; the text must be UTF-8 without control characters other than
tab, line feed, carriage return and form feed. Every refusal is a :class:`ParseError` naming
the file, the line (and column) and what was expected.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from .checks import require_positive_int
from .errors import ParseError
from .text import shown

__all__ = ["DEFAULT_MAX_BYTES", "STDIN", "check_text", "line_ends", "read_report_text"]

DEFAULT_MAX_BYTES = 50_000_000
STDIN = "-"

# C0 controls except tab, LF, form feed and CR; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_LINE_END = re.compile(r"\r\n|\r|\n")


def line_ends(raw: str) -> list[int]:
    """Offsets just past every line end ("\\n", "\\r\\n" or a lone "\\r")."""
    return [m.end() for m in _LINE_END.finditer(raw)]


def line_and_column(raw: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` (any of the three line ends counts)."""
    line_start = 0
    line = 1
    for m in _LINE_END.finditer(raw, 0, offset):
        line += 1
        line_start = m.end()
    return line, offset - line_start + 1


def _name(ch: str) -> str:
    return {"\x00": "NUL", "\x1b": "ESC", "\x0b": "vertical tab", "\x7f": "DEL"}.get(
        ch, f"U+{ord(ch):04X}"
    )


def check_text(raw: str, source: str) -> None:
    """Refuse control characters other than tab, CR, LF and form feed (line and column)."""
    m = _CONTROL.search(raw)
    if m is None:
        return
    line, column = line_and_column(raw, m.start())
    before = raw[max(0, m.start() - 20) : m.start() + 1]
    raise ParseError(
        source,
        line,
        f"column {column}: control character {_name(m.group())} in '{shown(before, 40)}': "
        "expected text (tab, line breaks and form feed are the only control characters "
        "allowed)",
    )


def _read_capped(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ParseError(
            source,
            0,
            f"larger than {max_bytes:,} bytes: expected a report text file "
            "(raise the limit with --max-bytes)",
        )
    return data


def _open_regular(path: Path) -> int:
    """An open descriptor of ``path`` if it is a regular file (checked before any read).

    ``O_NONBLOCK`` makes opening a FIFO without a writer return at once; the type is then
    read from the open descriptor itself, so the file cannot be swapped in between.
    """
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ParseError(source, 0, "no such file: expected a report text file") from None
    except IsADirectoryError:
        raise ParseError(source, 0, "is a folder: expected a report text file") from None
    except PermissionError:
        raise ParseError(source, 0, "permission denied: expected a readable text file") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise ParseError(source, 0, "is a folder: expected a report text file")
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        raise ParseError(
            source,
            0,
            f"is {kind}: expected a regular text file, or '-' to read standard input",
        )
    os.set_blocking(fd, True)
    return fd


def read_report_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a report as checked UTF-8 text; ``"-"`` reads standard input.

    Raises :class:`ParseError` for a missing file, a folder, a FIFO or device, more than
    ``max_bytes`` bytes, bytes that are not UTF-8 and control characters.
    """
    require_positive_int("max_bytes", max_bytes)
    if str(path) == STDIN:
        source = "<stdin>"
        data = _read_capped(sys.stdin.buffer, source, max_bytes)
    else:
        source = str(path)
        fd = _open_regular(Path(path))
        with os.fdopen(fd, "rb") as stream:
            data = _read_capped(stream, source, max_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = len(_LINE_END.findall(data[: exc.start].decode("utf-8", "replace"))) + 1
        raise ParseError(
            source, line, f"byte 0x{data[exc.start]:02x} is not UTF-8: expected UTF-8 text"
        ) from None
    check_text(text, source)
    return text
