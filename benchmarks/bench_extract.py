"""Benchmark of the parser and extract step. Prints figures; asserts nothing.

Targets (issue 2): shipped report extracted in-process under 50 ms; a corpus of 1,000
generated reports under 10 s on the 2-core machine, time growing linearly with size;
the cost of ``import cybercrime_eg``.

Adversarial inputs (issue 7), targets on the 2-core machine: a 2,000-name statements list
< 1 s; a 10 MB single-line item < 5 s; 1 MB of repeated instrument names < 2 s; 20,000
continuation blocks in one paragraph; a 50 MB report within 2 GB of memory. Each prints
wall-clock and CPU time (CPU time is what an idle machine's wall clock would show when
other jobs share the cores).

    .venv/bin/python benchmarks/bench_extract.py [--reports 1000] [--adversarial-only] [--no-50mb]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "data" / "raw" / "eg-cybercrime-2019-draft-report-addendum.txt"


def _best(fn, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def synthetic_report(
    rng: random.Random, items: int, states: list[str], sentences: list[str]
) -> str:
    """A report of the series with ``items`` lettered items, 20 at most per paragraph."""
    from cybercrime_eg.parser import _letter, _roman

    out = ["Distr.: Limited", "1 April 2020", "", "**Expert Group to Conduct a",
           "Comprehensive Study on Cybercrime**", "", "Vienna, 1–3 April 2020", "",
           "Draft report", "", "I. Recommendations", "", "A. Topic", ""]  # fmt: skip
    number = 0
    while items > 0:
        number += 1
        count, items = min(items, 20), items - 20
        out += [f"{number}. The following suggestions were made:", ""]
        sub_at = rng.randrange(count)
        for n in range(1, count + 1):
            text = rng.choice(sentences).rstrip(";:.")
            if n - 1 == sub_at:
                out += [f"({_letter(n)}) {text}, as follows:", ""]
                for r in range(1, 4):
                    tail = "; and" if r == 2 else (";" if r < 3 else ".")
                    out += [f"({_roman(r)}) {rng.choice(sentences).rstrip(';:.')}{tail}", ""]
            else:
                out += [f"({_letter(n)}) {text};", ""]
    speakers = rng.sample(states, k=min(len(states), 5 + number))
    out += ["II. Organization of the meeting", "", "B. Statements", "",
            f"{number + 1}. Statements were made by experts of the following States: "
            + ", ".join(speakers[:-1]) + " and " + speakers[-1] + ".", ""]  # fmt: skip
    return "\n".join(out)


_HEAD = "Draft report\n\nI. Recommendations\n\n1. The following were suggested:\n\n"
_WORDS = "Member States should strengthen cooperation on electronic evidence and capacity-building "


def _pipeline(text: str) -> None:
    """Parse, tables and every derived table except ``states`` (no external folder)."""
    from cybercrime_eg.package import DERIVED_TABLES
    from cybercrime_eg.parser import parse_text
    from cybercrime_eg.tables import report_tables

    report = parse_text(text)
    tables = report_tables(report)
    for name, (_, _, build) in DERIVED_TABLES.items():
        if name != "states":
            build(tables, report, None)


def _peak_mb() -> float:
    """Peak resident memory of this process so far (``getrusage``; kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(label: str, fn, target: str = "") -> None:
    import logging

    logging.disable(logging.WARNING)  # the theme coverage log of degenerate reports
    w0, c0 = time.perf_counter(), time.process_time()
    try:
        fn()
        note = ""
    except Exception as exc:  # noqa: BLE001 - the figure is printed whatever the outcome
        note = f"  -> {type(exc).__name__}: {' '.join(str(exc).split())[:70]}"
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    aim = f" (target {target})" if target else ""
    print(
        f"  {label}: {wall:6.2f} s wall, {cpu:6.2f} s CPU{aim}; peak RSS so far "
        f"{_peak_mb():.0f} MB{note}",
        flush=True,
    )


def synthetic_50mb(path: Path, size: int = 50_000_000) -> None:
    """A report of about ``size`` bytes: paragraphs of 20 items, as in the series."""
    from cybercrime_eg.parser import _letter

    raw = REPORT.read_text(encoding="utf-8")
    from cybercrime_eg.parser import parse_text

    sentences = [it.text.rstrip(";:.") for it in parse_text(raw).items]
    rng = random.Random(50)
    out = ["Distr.: Limited", "", "Draft report", "", "I. Recommendations", "", "A. Topic", ""]
    total, number = 0, 0
    while total < size:
        number += 1
        block = [f"{number}. The following suggestions were made:", ""]
        for n in range(1, 21):
            block += [f"({_letter(n)}) {rng.choice(sentences)};", ""]
        text = "\n".join(block)
        out.append(text)
        total += len(text.encode("utf-8")) + 1
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def adversarial(big: bool = True) -> None:
    """The inputs of issue 7 that were quadratic or worse, with their figures."""
    import pycountry

    from cybercrime_eg.statements import split_names

    print("adversarial inputs:")
    raw = REPORT.read_text(encoding="utf-8")
    states = sorted(c.name for c in pycountry.countries if "," not in c.name)
    names = [states[n % len(states)] for n in range(2000)]
    listing = ", ".join(names[:-1]) + " and " + names[-1]
    _timed("2,000-name list, splitting (every name known)",
           lambda: split_names(listing), "< 1 s")  # fmt: skip
    p8 = "8. The Council of Europe, an intergovernmental organization, also made a statement."
    unknown = [f"Delegation {n}" for n in range(2000)]
    text = raw.replace(p8, "8. Statements were made by the observers for "
                       + ", ".join(unknown[:-1]) + " and " + unknown[-1] + ".")  # fmt: skip
    _timed("2,000-name list, whole parse (names unknown: listed as unparsed)",
           lambda: _pipeline(text), "< 1 s")  # fmt: skip
    strict = raw.replace(
        "Armenia, Costa Rica, Dominican Republic, Estonia, Georgia, Malaysia, Mexico, Morocco, "
        "Paraguay, Peru, Philippines, Slovakia, Spain, Thailand and the United Arab Emirates.",
        listing + ".",
    )
    _timed("2,000-name strict list, whole parse (ends in the 'listed twice' error)",
           lambda: _pipeline(strict), "< 1 s")  # fmt: skip
    item = _HEAD + "(a) " + _WORDS * (10_000_000 // len(_WORDS)) + ";\n"
    _timed(f"10 MB single-line item ({len(item) / 1e6:.1f} M chars, 3 theme phrases per line)",
           lambda: _pipeline(item), "< 5 s")  # fmt: skip
    names_1mb = "Budapest Convention, Organized Crime Convention, " * (1_000_000 // 50)
    _timed("1 MB of repeated instrument names (tagger excludes, mentions)",
           lambda: _pipeline(_HEAD + "(a) " + names_1mb + "end;\n"), "< 2 s")  # fmt: skip
    cont = _HEAD + "(a) Start of the item\n\n" + "\n\n".join(
        ["continued text of the item"] * 20000) + ";\n"  # fmt: skip
    _timed("20,000 continuation blocks in one item", lambda: _pipeline(cont))
    markup = _HEAD + "(a) " + " *x" * 1_000_000 + " [a](((" * 100_000 + ";\n"
    _timed("3.7 MB of unmatched markup (* and [a]( )", lambda: _pipeline(markup))
    if not big:
        return
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "report-50mb.txt"
        synthetic_50mb(big)
        size = big.stat().st_size
        code = (
            "import resource, sys, time; from cybercrime_eg.parser import parse_report; "
            "from cybercrime_eg.tables import report_tables; "
            "from cybercrime_eg.package import write_csv; t = time.perf_counter(); "
            "r = parse_report(sys.argv[1], max_bytes=60_000_000); tabs = report_tables(r); "
            "[write_csv(f, __import__('pathlib').Path(sys.argv[2]) / (n + '.csv')) "
            "for n, f in tabs.items()]; "
            "print(f'{time.perf_counter() - t:.1f} s, peak RSS '"
            "f'{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB')"
        )
        proc = subprocess.run([sys.executable, "-c", code, str(big), tmp],
                              capture_output=True, text=True)  # fmt: skip
        print(f"  50 MB report ({size / 1e6:.1f} MB): parse + report tables + CSV in a fresh "
              f"process: {proc.stdout.strip() or proc.stderr.strip()[-200:]} "
              "(target < 2 GB)")  # fmt: skip
        out = Path(tmp) / "out"
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(
                [sys.executable, __file__, "--extract-stages", str(big), str(out)],
                capture_output=True, text=True, timeout=1800,
            )  # fmt: skip
            lines = proc.stdout.strip().splitlines() or proc.stderr.strip().splitlines()[-2:]
            status = f"exit {proc.returncode}"
        except subprocess.TimeoutExpired:
            lines, status = [], "stopped after 1,800 s"
        print(f"  50 MB report, whole extract (themes, crosswalk, validation, publish) in a "
              f"fresh process: {time.perf_counter() - t0:.1f} s, {status} "
              "(target < 2 GB)")  # fmt: skip
        for line in lines:
            print(f"    {line}")


def extract_stages(report: str, out: str) -> None:
    """The command line's extract of ``report`` into ``out``, each stage timed, peak RSS."""
    import logging

    from cybercrime_eg import package
    from cybercrime_eg.parser import parse_report

    logging.disable(logging.WARNING)
    times: dict[str, float] = {}

    def timed(name: str, fn):
        def run(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0.0) + time.perf_counter() - t

        return run

    package.report_tables = timed("report tables", package.report_tables)
    for name, (description, schema, build) in list(package.DERIVED_TABLES.items()):
        package.DERIVED_TABLES[name] = (description, schema, timed(name, build))
    package._validate = timed("Frictionless validation", package._validate)
    t0 = time.perf_counter()
    report = timed("parse", parse_report)(report, max_bytes=60_000_000)
    timed("write_package", package.write_package)(report, out, ROOT / "data" / "external")
    times["whole"] = time.perf_counter() - t0
    print("; ".join(f"{k} {v:.1f} s" for k, v in times.items()))
    print(f"peak RSS {_peak_mb():.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--adversarial-only", action="store_true")
    ap.add_argument("--no-50mb", action="store_true", help="skip the 50 MB report (7 minutes)")
    ap.add_argument("--extract-stages", nargs=2, metavar=("REPORT", "OUT"),
                    help="time the stages of one extract (used for the 50 MB figure)")  # fmt: skip
    args = ap.parse_args()
    if args.extract_stages:
        extract_stages(*args.extract_stages)
        return
    if args.adversarial_only:
        adversarial(not args.no_50mb)
        return

    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import cybercrime_eg"], check=True)
    cold_process = time.perf_counter() - t0
    imp = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import cybercrime_eg"],
        capture_output=True,
        text=True,
        check=True,
    )
    pkg_us = [int(line.split("|")[1]) for line in imp.stderr.splitlines()
              if line.rstrip().endswith(" cybercrime_eg")]  # fmt: skip
    print(f"import cybercrime_eg: {pkg_us[-1] / 1000:.1f} ms (cumulative, -X importtime); "
          f"whole python process {cold_process * 1000:.0f} ms")  # fmt: skip

    import pycountry

    from cybercrime_eg.package import write_package
    from cybercrime_eg.parser import parse_report, parse_text
    from cybercrime_eg.tables import report_tables

    parse_report(REPORT)  # warm caches (pycountry index, regexes)
    parse_t = _best(lambda: parse_report(REPORT))
    tables_t = _best(lambda: report_tables(parse_report(REPORT)))
    with tempfile.TemporaryDirectory() as tmp:
        write_t = _best(lambda: write_package(parse_report(REPORT), tmp, ROOT / "data/external"), 5)
    print(f"shipped report: parse {parse_t * 1000:.1f} ms; "
          f"parse + tables {tables_t * 1000:.1f} ms (target < 50 ms); "
          f"full extract with CSV + datapackage {write_t * 1000:.1f} ms")  # fmt: skip

    rng = random.Random(2019)
    raw = REPORT.read_text(encoding="utf-8")
    report = parse_text(raw)
    sentences = [it.text for it in report.items]
    states = sorted(c.name for c in pycountry.countries if "," not in c.name)
    corpus = [synthetic_report(rng, rng.randint(5, 40), states, sentences)
              for _ in range(args.reports)]  # fmt: skip
    chars = sum(map(len, corpus))
    sizes = sorted({max(1, args.reports // 4), max(1, args.reports // 2), args.reports})
    for size in sizes:
        t0 = time.perf_counter()
        for text in corpus[:size]:
            report_tables(parse_text(text))
        total = time.perf_counter() - t0
        print(f"corpus: {size:5d} reports, parse + tables {total:6.2f} s, "
              f"{total / size * 1000:.2f} ms per report")  # fmt: skip
    print(f"corpus of {args.reports}: {chars / 1e6:.1f} M characters, {total:.2f} s "
          f"(target < 10 s), {chars / total / 1e6:.2f} M chars/s")  # fmt: skip

    print("linearity (parse + tables, one report of n items, best of 5):")
    per_item = []
    for n in (25, 50, 100, 200, 400):
        text = synthetic_report(random.Random(n), n, states, sentences)
        t = _best(lambda text=text: report_tables(parse_text(text)), 5)
        per_item.append(t / n)
        print(f"  n={n:4d} items: {t * 1000:7.1f} ms  ({t / n * 1e6:.0f} µs per item)")
    spread = max(per_item) / statistics.median(per_item)
    print(f"  per-item time max/median = {spread:.2f} (1.0 = perfectly linear)")
    adversarial(not args.no_50mb)


if __name__ == "__main__":
    main()
