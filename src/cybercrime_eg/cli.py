"""Command line: ``python -m cybercrime_eg extract REPORT.txt --out DIR``.

Exit status: 0 published; 2 bad input or an output folder it may not write (one line on
standard error, nothing changed); 130 or 143 stopped by SIGINT or SIGTERM (one line,
nothing changed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["main"]

_MAX_WARNINGS = 20


def _size(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of bytes, found {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number of bytes, found {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    from .reading import DEFAULT_MAX_BYTES

    p = argparse.ArgumentParser(
        prog="python -m cybercrime_eg",
        description="Turn a report of the UNODC Expert Group on Cybercrime into tables.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser(
        "extract",
        help="parse a report and write its tables and data package",
        description=(
            "Parse a report and publish its tables as a Frictionless data package in --out. "
            "--out must be new, empty, or hold a previous extract (its manifest "
            "cybercrime-eg-manifest.json names every file written, with its SHA-256); the "
            "package is validated, then swapped in whole."
        ),
    )
    ex.add_argument("report", help="the report's text file (UTF-8), or - for standard input")
    ex.add_argument("--out", type=Path, required=True, help="folder for the CSV files")
    ex.add_argument(
        "--external",
        type=Path,
        default=None,
        help="folder of reference tables (votes, Budapest status, ...) to add to the package",
    )
    ex.add_argument(
        "--force",
        action="store_true",
        help="replace the files of a previous extract even if edited, and keep other "
        "plain files in --out (never replaces a file the manifest does not name)",
    )
    ex.add_argument(
        "--max-bytes",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        help=f"largest report accepted, in bytes (default {DEFAULT_MAX_BYTES:,})",
    )
    return p


def _line(text: str) -> str:
    """One line, with characters a terminal would act on made visible."""
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


def _error(message: str) -> None:
    print(_line(f"error: {message}"), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input, 130/143 stopped)."""
    args = _parser().parse_args(argv)
    from .publish import Interrupted, _interruptible

    try:
        with _interruptible():
            return _extract(args)
    except Interrupted as exc:
        _error(f"interrupted by {exc}: {args.out} left as it was, nothing published")
        return exc.exit_status
    except KeyboardInterrupt:
        _error(f"interrupted by SIGINT: {args.out} left as it was, nothing published")
        return 130


def _extract(args: argparse.Namespace) -> int:
    from .api import DataError
    from .package import PackageError, write_package
    from .parser import ParseError, parse_report
    from .text import shown

    try:
        if args.external is not None and not args.external.is_dir():
            raise ParseError(str(args.external), 0, "no such folder: expected reference tables")
        report = parse_report(args.report, max_bytes=args.max_bytes)
        written = write_package(report, args.out, args.external, force=args.force)
    except (ParseError, DataError, PackageError) as exc:
        _error(str(exc))
        return 2
    except OSError as exc:
        if exc.strerror and exc.filename:
            _error(f"{exc.filename}: {exc.strerror}")
        else:
            _error(str(exc) or type(exc).__name__)
        return 2
    for n, u in enumerate(report.unparsed):
        if n == _MAX_WARNINGS:
            print(
                _line(
                    f"warning: {report.source}: {len(report.unparsed) - n} more sentences "
                    "without participants: see unparsed_sentences.csv"
                ),
                file=sys.stderr,
            )
            break
        print(
            _line(
                f"warning: {report.source}:{u.line}: paragraph {u.paragraph_id}: no "
                f"participant read from '{shown(u.sentence)}': {shown(u.reason, 120)} "
                "(listed in unparsed_sentences.csv)"
            ),
            file=sys.stderr,
        )
    print(_line(f"wrote {len(written)} files to {args.out}"))
    return 0
