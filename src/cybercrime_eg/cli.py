"""Command line: ``python -m cybercrime_eg extract REPORT.txt --out DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m cybercrime_eg",
        description="Turn a report of the UNODC Expert Group on Cybercrime into tables.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="parse a report and write its tables and data package")
    ex.add_argument("report", type=Path, help="the report's text file (UTF-8)")
    ex.add_argument("--out", type=Path, required=True, help="folder for the CSV files")
    ex.add_argument(
        "--external",
        type=Path,
        default=None,
        help="folder of reference tables (votes, Budapest status, ...) to add to the package",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input)."""
    args = _parser().parse_args(argv)
    from .api import DataError
    from .package import write_package
    from .parser import ParseError, parse_report

    try:
        if args.report.is_dir():
            raise ParseError(str(args.report), 0, "is a folder: expected a report text file")
        if not args.report.exists():
            raise ParseError(str(args.report), 0, "no such file: expected a report text file")
        if args.external is not None and not args.external.is_dir():
            raise ParseError(str(args.external), 0, "no such folder: expected reference tables")
        report = parse_report(args.report)
        written = write_package(report, args.out, args.external)
    except (ParseError, DataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = exc.filename or args.out
        what = exc.strerror or str(exc)
        print(f"error: {where}: {what}" if exc.strerror else f"error: {what}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} files to {args.out}")
    return 0
