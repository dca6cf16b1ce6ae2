"""Benchmark of the parser and extract step. Prints figures; asserts nothing.

Targets (issue 2): shipped report extracted in-process under 50 ms; a corpus of 1,000
generated reports under 10 s on the 2-core machine, time growing linearly with size;
the cost of ``import cybercrime_eg``.

    .venv/bin/python benchmarks/bench_extract.py [--reports 1000]
"""

from __future__ import annotations

import argparse
import random
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1000)
    args = ap.parse_args()

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


if __name__ == "__main__":
    main()
