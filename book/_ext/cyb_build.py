"""Sphinx extension of the book: settings for the notebooks executed during the build.

* Sets ``CYBERCRIME_EG_CHARTS=book`` in the build's environment, inherited by the kernels that
  execute the notebooks: :class:`cybercrime_eg.viz.Chart` then emits only ``text/html`` (drawn by
  the one shared plotly.js of the book). Outside the build (Jupyter, Binder) charts also carry
  the plotly JSON, which JupyterLab draws with its plotly extension.
* Fails early, with the command to run, when the vendored JavaScript is missing.
* Brings ``_static`` up to date with ``book/_assets`` on incremental builds (Sphinx 7.4 neither
  overwrites an existing static file nor copies static files when no page is rewritten, so an
  updated asset would otherwise be ignored).
* Re-executes the notebooks when the code or data they run on changed: jupyter-cache keys its
  cache on the notebooks' own text only, so a change in ``src/``, ``data/`` or the gold labels
  clears the cache and marks every notebook out of date.
* Writes the data package (``data/processed``) and the raw report that every offset points
  into (``data/raw/*.txt``, under ``raw/``) as one zip file, byte-deterministic, to
  ``_build/downloads/cybercrime-eg-data.zip``, offered for download in chapter 2.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

VENDORED = ("plotly.min.js", "world_110m.json")


def _check_assets(app: Sphinx) -> None:
    vendor = Path(app.confdir) / "book" / "_assets" / "vendor"
    missing = [name for name in VENDORED if not (vendor / name).is_file()]
    if missing:
        raise ExtensionError(
            f"vendored JavaScript missing from {vendor}: {', '.join(missing)}; run `make assets`"
        )


def _sync_static(app: Sphinx) -> None:
    source = Path(app.confdir) / "book" / "_assets"
    target = Path(app.outdir) / "_static"
    if not target.is_dir():
        return
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        copy = target / path.relative_to(source)
        data = path.read_bytes()
        if not copy.is_file() or copy.read_bytes() != data:
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(data)


def _write_zip(app: Sphinx) -> None:
    source = Path(app.confdir) / "data" / "processed"
    target = Path(app.confdir) / "_build" / "downloads" / "cybercrime-eg-data.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in source.iterdir() if p.is_file() and not p.name.startswith("."))
    if not any(p.name == "datapackage.json" for p in files):
        raise ExtensionError(f"no datapackage.json in {source}; run `make data`")
    raw = sorted((Path(app.confdir) / "data" / "raw").glob("*.txt"))
    if not raw:
        raise ExtensionError(f"no raw report in {Path(app.confdir) / 'data' / 'raw'}")
    entries = [(f"cybercrime-eg-data/{p.name}", p) for p in files]
    entries += [(f"cybercrime-eg-data/raw/{p.name}", p) for p in raw]
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, path in entries:
            info = zipfile.ZipInfo(name, date_time=(2019, 3, 29, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    if target.exists() and target.read_bytes() == tmp.read_bytes():
        tmp.unlink()
    else:
        tmp.replace(target)


INPUTS = ("src/cybercrime_eg/**/*.py", "data/**/*", "tests/gold_themes.csv")
STAMP = "_build/.cyb-inputs.sha256"
CACHE = "_build/.jupyter_cache"


def inputs_digest(root: Path) -> str:
    """SHA-256 over the paths and bytes of every file the notebooks run on."""
    digest = hashlib.sha256()
    files = sorted({p for pattern in INPUTS for p in root.glob(pattern) if p.is_file()})
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    if not getattr(app, "_cyb_inputs_changed", False):
        return []
    return [d for d in env.found_docs if env.doc2path(d, base=False).endswith(".ipynb")]


def _write_stamp(app: Sphinx, exception: Exception | None) -> None:
    if exception is None:
        stamp = Path(app.confdir) / STAMP
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(app._cyb_inputs_digest + "\n")


def setup(app: Sphinx) -> dict:
    os.environ["CYBERCRIME_EG_CHARTS"] = "book"
    root = Path(app.confdir)
    digest = inputs_digest(root)
    stamp = root / STAMP
    previous = stamp.read_text().strip() if stamp.is_file() else None
    app._cyb_inputs_digest = digest
    app._cyb_inputs_changed = previous != digest
    if app._cyb_inputs_changed and (root / CACHE).exists():
        shutil.rmtree(root / CACHE)
    app.setup_extension("cyb_shell")
    app.setup_extension("cyb_glossary")
    app.setup_extension("cyb_cite")
    app.setup_extension("cyb_search")
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _write_stamp)
    app.connect("builder-inited", _check_assets)
    app.connect("builder-inited", _sync_static)
    app.connect("builder-inited", _write_zip)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
