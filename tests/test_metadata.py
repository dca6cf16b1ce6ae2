"""The repository address has one source, and every place that needs it agrees with it.

``pyproject.toml`` ``[project.urls] Repository`` is the source; ``tools/sync_metadata.py``
(``make metadata``) writes ``_config.yml`` ``repository.url``, ``CITATION.cff`` and the README's
link blocks. The built book's launch buttons must open each chapter's notebook on Binder.
"""

from __future__ import annotations

import html
import importlib.util
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"


def _tool():
    spec = importlib.util.spec_from_file_location("sync_metadata", ROOT / "tools/sync_metadata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sync = _tool()


def _toc_notebooks() -> list[str]:
    """Repository paths of the notebooks of the book, in ``_toc.yml`` order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    todo = list(toc.get("chapters", [])) + [s for p in toc.get("parts", []) for s in p["chapters"]]
    while todo:
        entry = todo.pop(0)
        files.append(entry["file"])
        todo[0:0] = entry.get("sections", [])
    return [f"{f}.ipynb" for f in files if (ROOT / f"{f}.ipynb").is_file()]


@pytest.mark.parametrize("name", ["_config.yml", "CITATION.cff", "README.md"])
def test_file_is_what_the_tool_writes(name):
    want = sync.outputs()[ROOT / name]
    assert (ROOT / name).read_text(encoding="utf-8") == want, "run `make metadata`"


def test_book_reads_the_one_repository_address():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    url = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Repository"]
    assert config["repository"]["url"] == url
    assert config["launch_buttons"]["binderhub_url"].rstrip("/") == sync.BINDER
    assert config["launch_buttons"]["notebook_interface"] == "jupyterlab"


def test_the_address_is_written_nowhere_else():
    """No tracked file but the generated ones carries the address (it would go stale)."""
    owner, repo = sync.owner_repo()
    needles = [f"github.com/{owner}/{repo}", f"/v2/gh/{owner}/{repo}", f"{owner.lower()}.github.io"]
    generated = {"pyproject.toml", "_config.yml", "CITATION.cff", "README.md"}
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    offenders = []
    for rel in filter(None, tracked):
        path = ROOT / rel
        if rel in generated or rel.startswith("tests/") or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        offenders += [f"{rel}: {n}" for n in needles if n in text]
    assert not offenders, f"repository address typed by hand: {offenders}"


def test_citation():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    import cybercrime_eg

    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "date-released", "license"):
        assert cff[key], key
    assert cff["version"] == meta["version"] == cybercrime_eg.__version__
    assert cff["authors"] == [{"name": "cybercrime-eg contributors"}]
    assert cff["license"] == meta["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")
    assert cff["repository-code"] == meta["urls"]["Repository"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cff["date-released"])
    assert cff["title"] == yaml.safe_load((ROOT / "_config.yml").read_text())["title"]


def test_readme_binder_links_open_notebooks_of_the_book():
    readme = (ROOT / "README.md").read_text()
    targets = re.findall(
        r"\(https://mybinder\.org/v2/gh/[^)\s]*?urlpath=lab/tree/([^)\s]+)\)", readme
    )
    assert targets, "README.md has no Binder link to a notebook"
    assert set(targets) <= set(_toc_notebooks()), targets


def test_pages_workflow_builds_with_the_lock_and_deploys_with_the_official_actions():
    flow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    steps = [s for job in flow["jobs"].values() for s in job.get("steps", [])]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact",
                   "actions/deploy-pages"):  # fmt: skip
        assert action in uses, action
    assert any(s.get("run", "").strip() == "make book" for s in steps)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert str(python["with"]["python-version"]) == "3.11"  # the lock is resolved for 3.11


@pytest.mark.browser
@pytest.mark.parametrize("notebook", _toc_notebooks())
def test_launch_buttons_open_the_chapter_notebook(notebook):
    page = SITE / Path(notebook).with_suffix(".html")
    if not (SITE / "index.html").is_file():
        pytest.fail(f"{SITE} has no built book: run `make book` first")
    links = {html.unescape(h) for h in re.findall(r'href="([^"]+)"', page.read_text())}
    assert sync.binder_url(notebook) in links, f"{page.name}: no Binder button for {notebook}"
    assert sync.repository_url() in links, f"{page.name}: no repository button"
