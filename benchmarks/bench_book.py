"""Benchmark of the book build and of the built pages. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_book.py            # clean build, rebuild, sizes, draw time
    .venv/bin/python benchmarks/bench_book.py --no-build # only sizes and draw time of _build/html

Figures:

* clean build time (``_build`` removed: every notebook executed, jupyter-cache empty) and
  no-change rebuild time, both with ``jupyter-book build . -W -n --keep-going``;
* HTML size of each page (target: at most 0.5 MB), the number of plotly charts on it, and whether
  plotly.js is loaded once from the shared static copy (never inlined);
* time until every chart on the heaviest page has drawn its SVG in headless Chromium, from the
  start of navigation (target: at most 2 s), median of several loads.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
JB = ROOT / ".venv" / "bin" / "jupyter-book"
PAGE_TARGET = 0.5 * 1024 * 1024
DRAW_TARGET_S = 2.0


def build() -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(JB), "build", ".", "-W", "-n", "--keep-going"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def pages() -> list[Path]:
    skip = ("_static", "_sources", "_downloads", "_images")
    return sorted(p for p in SITE.rglob("*.html") if p.relative_to(SITE).parts[0] not in skip)


def page_table() -> list[tuple[str, int, int, int, bool]]:
    rows = []
    for page in pages():
        text = page.read_text(encoding="utf-8")
        charts = text.count('class="plotly-graph-div"')
        shared = len(re.findall(r'<script src="[^"]*_static/vendor/plotly\.min\.js', text))
        inlined = "plotly.js v" in text
        rows.append(
            (page.relative_to(SITE).as_posix(), page.stat().st_size, charts, shared, inlined)
        )
    return rows


#: Records, from the start of navigation, when each chart drew its SVG (and, for maps, its
#: country shapes): the time until every chart has drawn is the latest of these.
DRAW_OBSERVER = """
window.__drawn = {};
new MutationObserver(() => {
  document.querySelectorAll('div.plotly-graph-div').forEach(d => {
    if (window.__drawn[d.id]) return;
    const svg = d.querySelector('svg.main-svg');
    const map = d.querySelector('g.geo');
    if (svg && (!map || d.querySelector('.choroplethlocation'))) {
      window.__drawn[d.id] = performance.now();
    }
  });
}).observe(document, {childList: true, subtree: true});
"""


def draw_time(path: str, runs: int = 5) -> list[float]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    times = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"],
            )
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith(base) else r.abort(),
                )
                page = context.new_page()
                page.add_init_script(DRAW_OBSERVER)
                page.goto(base + path, wait_until="load")
                handle = page.wait_for_function(
                    """() => {
                        const divs = [...document.querySelectorAll('div.plotly-graph-div')];
                        const done = divs.length > 0 && divs.every(d =>
                            d.querySelector('svg.main-svg') &&
                            (!d.querySelector('g.geo') || d.querySelector('.choroplethlocation')));
                        return done ? Math.max(...Object.values(window.__drawn)) : false;
                    }""",
                    polling=50,
                    timeout=30000,
                )
                times.append(handle.json_value() / 1000)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="measure the existing build")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    if not args.no_build:
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
        clean = build()
        rebuild = build()
        print(f"clean build:        {clean:6.1f} s")
        print(f"no-change rebuild:  {rebuild:6.1f} s")
    if not (SITE / "index.html").is_file():
        print("no built book in _build/html", file=sys.stderr)
        return 1

    rows = page_table()
    print()
    print(f"{'page':32s} {'HTML KB':>8s} {'charts':>6s}  plotly.js")
    for name, size, charts, shared, inlined in rows:
        flag = "" if size <= PAGE_TARGET else "  OVER 0.5 MB"
        how = "inlined!" if inlined else (f"shared copy x{shared}" if shared else "-")
        print(f"{name:32s} {size / 1024:8.1f} {charts:6d}  {how}{flag}")
    plotly = SITE / "_static" / "vendor" / "plotly.min.js"
    if plotly.is_file():
        print(f"shared plotly.min.js: {plotly.stat().st_size / 1024 / 1024:.2f} MB (once, cached)")

    with_charts = [r for r in rows if r[2]]
    if with_charts:
        heaviest = max(with_charts, key=lambda r: (r[2], r[1]))
        times = draw_time(heaviest[0], args.runs)
        median = statistics.median(times)
        print()
        print(
            f"all {heaviest[2]} charts of {heaviest[0]} drawn after "
            f"{median:.2f} s (median of {len(times)}; min {min(times):.2f}, max {max(times):.2f}; "
            f"target {DRAW_TARGET_S:.0f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
