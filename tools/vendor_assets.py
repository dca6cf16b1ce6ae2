"""Vendor the JavaScript the offline book needs into ``book/_assets/vendor/``.

The book must build and display with no network. This script gathers, byte for byte:

* ``plotly.min.js``: a partial plotly.js bundle with only the trace types the book draws
  (:data:`cybercrime_eg.viz.render.BUNDLED_TRACES`), built with esbuild (npm, pinned in
  ``package-lock.json``) from the npm ``plotly.js`` package pinned to the version bundled in the
  Python ``plotly`` wheel. It is an immediately invoked function that sets ``window.Plotly``
  whether or not require.js is on the page (no UMD/AMD wrapper), and weighs ~1.4 MB instead of
  the 4.8 MB full bundle;
* ``world_110m.json``: the world topojson used by plotly maps, extracted with node from
  ``plotly.js/dist/plotly-geo-assets.js`` of the npm package pinned to the same plotly.js version
  (``plotly.js-dist`` ships no topojson);

The static book loads no widget manager (require.js, embed-amd.js): ipywidgets run live in
Jupyter or on Binder, and the book shows a launch note in their place (book/_ext/cyb_shell.py).

It runs ``npm ci`` when ``node_modules`` is missing or older than ``package-lock.json``. Output is
deterministic: the same lock files give the same bytes. Run it with the project's virtual
environment's Python (``make assets``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "book" / "_assets" / "vendor"

#: esbuild script: argv[1] = node_modules, argv[2] = project root, argv[3] = JSON list of traces.
#: The options follow plotly.js's own ``esbuild-config.js`` (``global`` is ``window``, AMD is
#: never detected) with the build-time plugins replaced: CSS (only required for ``map`` traces,
#: which are not bundled) becomes empty, ``process.env.NODE_DEBUG`` is false.
BUILD_PLOTLY = """
const esbuild = require(process.argv[1] + '/esbuild');
const traces = JSON.parse(process.argv[3]).filter(t => t !== 'scatter');  // scatter is in core
const entry = "var Plotly = require('plotly.js/lib/core');\\n" +
  "Plotly.register([" + traces.map(t => "require('plotly.js/lib/" + t + "')").join(', ') +
  "]);\\nmodule.exports = Plotly;\\n";
esbuild.build({
  stdin: {contents: entry, resolveDir: process.argv[2], sourcefile: 'plotly-book.js'},
  bundle: true, format: 'iife', globalName: 'Plotly', minify: true, write: false,
  target: 'es2016', platform: 'browser', logLevel: 'warning', legalComments: 'eof',
  define: {global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false'},
  alias: {stream: 'stream-browserify'}, loader: {'.css': 'empty'},
}).then(r => process.stdout.write(r.outputFiles[0].contents),
        e => { console.error(e.message); process.exit(1); });
"""

EXTRACT_TOPOJSON = """
globalThis.window = {};
const assets = require(process.argv[1]);
const world = assets.topojson.world_110m;
process.stdout.write(JSON.stringify(world));
"""


def plotly_wheel_js() -> tuple[Path, str]:
    """Path and version of the plotly.js bundle inside the installed Python plotly package."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("plotly is not installed in this Python; run `make env` first")
    js = Path(list(spec.submodule_search_locations)[0]) / "package_data" / "plotly.min.js"
    head = js.read_text(encoding="utf-8", errors="replace")[:400]
    marker = "plotly.js v"
    start = head.index(marker) + len(marker)
    version = head[start:].split()[0]
    return js, version


def plotly_partial_bundle(version: str) -> bytes:
    """The partial plotly.js bundle (bytes), with a licence and provenance banner."""
    from cybercrime_eg.viz.render import BUNDLED_TRACES

    traces = sorted(BUNDLED_TRACES)
    body = subprocess.run(
        ["node", "-e", BUILD_PLOTLY, str(NODE_MODULES), str(ROOT), json.dumps(traces)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    ).stdout
    if not body.startswith(b"var Plotly="):
        sys.exit("esbuild did not produce an immediately invoked bundle setting Plotly")
    banner = (
        "/**\n"
        f"* plotly.js v{version}, partial bundle of the book: {', '.join(traces)}\n"
        f"* built by tools/vendor_assets.py with esbuild {npm_version('esbuild')}\n"
        "* Copyright 2012-2026, Plotly, Inc. All rights reserved.\n"
        "* Licensed under the MIT license\n"
        "*/\n"
    )
    return banner.encode() + body


def npm_ci_if_needed() -> None:
    lock = ROOT / "package-lock.json"
    stamp = NODE_MODULES / ".package-lock.json"
    if stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
        cwd=ROOT,
        check=True,
    )


def npm_version(package: str) -> str:
    return json.loads((NODE_MODULES / package / "package.json").read_text())["version"]


def write_if_changed(dest: Path, data: bytes) -> bool:
    if dest.exists() and dest.read_bytes() == data:
        return False
    dest.write_bytes(data)
    return True


def main() -> int:
    npm_ci_if_needed()
    VENDOR.mkdir(parents=True, exist_ok=True)

    _, wheel_version = plotly_wheel_js()
    npm_plotly = npm_version("plotly.js")
    if npm_plotly != wheel_version:
        sys.exit(
            f"package.json pins plotly.js {npm_plotly} but the Python plotly wheel bundles "
            f"plotly.js {wheel_version}: pin the same version"
        )

    outputs: dict[str, bytes] = {"plotly.min.js": plotly_partial_bundle(wheel_version)}
    geo_assets = NODE_MODULES / "plotly.js" / "dist" / "plotly-geo-assets.js"
    topo = subprocess.run(
        ["node", "-e", EXTRACT_TOPOJSON, str(geo_assets)],
        check=True,
        capture_output=True,
    ).stdout
    json.loads(topo)  # must be valid JSON
    outputs["world_110m.json"] = topo

    stale = {p.name for p in VENDOR.iterdir()} - set(outputs)
    for name in sorted(stale):
        path = VENDOR / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    for name, data in outputs.items():
        changed = write_if_changed(VENDOR / name, data)
        digest = hashlib.sha256(data).hexdigest()[:12]
        state = "written" if changed else "unchanged"
        print(f"{name:32s} {len(data):>9d} B  sha256 {digest}  {state}")
    print(f"plotly.js {wheel_version}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
