"""Benchmark of the book build and of the built pages. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_book.py            # clean build, rebuild, sizes, draw time
    .venv/bin/python benchmarks/bench_book.py --no-build # only sizes and draw time of _build/html

Figures:

* clean build time (``_build`` removed: every notebook executed, jupyter-cache empty) and
  no-change rebuild time (best of 3), both with ``jupyter-book build . -W -n --keep-going``,
  beside the time Python takes just to import jupyter-book, Sphinx and myst-nb (the floor of a
  rebuild), and the no-change time of ``make book`` (target < 1 s), which runs no step when no
  input is newer than the built book;
* HTML size of each page (target: at most 0.5 MB), the number of plotly charts on it, and whether
  plotly.js is loaded once from the shared static copy (never inlined);
* first-visit weight of each page (target: at most 1.0 MB): every resource the page loads in
  headless Chromium with the network cut off and an empty cache (HTML, CSS, scripts, fonts,
  images, the map topojson, the search index), each gzipped (level 6, as a web server would) and
  summed; the heaviest resources of the heaviest page are listed;
* time until every chart on the heaviest page has drawn its SVG in headless Chromium, from the
  start of navigation (target: at most 2 s), median of several loads.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
JB = ROOT / ".venv" / "bin" / "jupyter-book"
PAGE_TARGET = 0.5 * 1024 * 1024
DRAW_TARGET_S = 2.0
WEIGHT_TARGET = 1.0 * 1000 * 1000
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"]


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


def make_book() -> float:
    """Time of the README's build command, ``make book``: with nothing changed since the last
    build, make finds every output newer than its inputs and runs no step."""
    start = time.perf_counter()
    subprocess.run(["make", "book"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def import_floor() -> float:
    """Time to start Python and import what every ``jupyter-book build`` imports: the part of a
    no-change rebuild that the book's configuration cannot remove."""
    code = (
        "import jupyter_book.cli.main, jupyter_book.sphinx, myst_nb.sphinx_ext, "
        "sphinx_book_theme, sphinxcontrib.bibtex"
    )
    start = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c", code], cwd=ROOT, check=True)
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _serve() -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(SITE))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@functools.cache
def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def first_visit(paths: list[str]) -> dict[str, dict[str, int]]:
    """For each page, the gzipped size of every resource it loads on a first visit.

    Each page opens in a fresh browser context (empty cache) with every request outside the
    local server aborted; the page is followed until every chart has drawn (maps fetch their
    topojson then) and for one more second. A resource is measured as the file
    the server sent, gzipped.
    """
    from playwright.sync_api import sync_playwright

    server, base = _serve()
    out: dict[str, dict[str, int]] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for path in paths:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith(base) else r.abort(),
                )
                loaded: dict[str, int] = {}

                def on_response(resp, loaded=loaded) -> None:
                    if not resp.url.startswith(base) or resp.status >= 400:
                        return
                    rel = unquote(urlsplit(resp.url).path).lstrip("/")
                    file = SITE / rel
                    if file.is_dir():
                        file = file / "index.html"
                    if file.is_file():
                        loaded[rel or "index.html"] = gzipped_size(file)

                page = context.new_page()
                page.on("response", on_response)
                page.goto(base + path, wait_until="load")
                page.wait_for_function(
                    """() => [...document.querySelectorAll('div.plotly-graph-div')].every(d =>
                        d.querySelector('svg.main-svg') &&
                        (!d.querySelector('g.geo') || d.querySelector('.choroplethlocation')))""",
                    polling=50,
                    timeout=30000,
                )
                page.wait_for_timeout(1000)
                out[path] = loaded
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def draw_time(path: str, runs: int = 5) -> list[float]:
    from playwright.sync_api import sync_playwright

    server, base = _serve()
    times = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
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
        rebuilds = [build() for _ in range(3)]
        floors = [import_floor() for _ in range(3)]
        make_book()  # brings the data, assets and stamp up to date
        makes = [make_book() for _ in range(3)]
        print(f"clean build:        {clean:6.1f} s")
        print(
            f"no-change rebuild:  {min(rebuilds):6.2f} s (best of 3; target < 1 s), of which "
            f"starting Python and importing jupyter-book, Sphinx and myst-nb: {min(floors):.2f} s"
        )
        print(
            f"no-change `make book`: {min(makes):6.2f} s (best of 3; target < 1 s): nothing "
            "changed, so no step runs"
        )
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

    redirects = [r[0] for r in rows if 'http-equiv="Refresh"' in (SITE / r[0]).read_text()[:2000]]
    weights = first_visit([r[0] for r in rows if r[0] not in redirects])
    print()
    print(f"first visit, everything the page loads, gzipped (target {WEIGHT_TARGET / 1e6:.1f} MB)")
    print(f"{'page':32s} {'KB gz':>8s} {'files':>5s}")
    for name, loaded in weights.items():
        total = sum(loaded.values())
        flag = "" if total <= WEIGHT_TARGET else "  OVER 1.0 MB"
        print(f"{name:32s} {total / 1000:8.1f} {len(loaded):5d}{flag}")
    for name in redirects:
        print(f"{name:32s} (redirect stub, measured as the page it leads to)")
    worst = max(weights, key=lambda n: sum(weights[n].values()))
    total = sum(weights[worst].values())
    print(f"max: {worst} {total / 1000:.1f} KB gz ({total / 1e6:.2f} MB); its largest files:")
    for rel, size in sorted(weights[worst].items(), key=lambda kv: -kv[1])[:6]:
        print(f"  {rel:60s} {size / 1000:8.1f} KB gz")

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
