"""The package as a researcher installs it: a wheel in a fresh virtual environment, no network.

The wheel is built from a copy of the checkout (so no ``build/`` is left behind) with the lock's
setuptools, then installed into a new venv outside the checkout with ``pip --no-index`` from the
lock's wheels that ``make env`` keeps in ``.wheelhouse/``. There, the README's "Use the data"
example and the command line must give exactly what the checkout gives, read from the data the
wheel carries (never from the checkout's ``data/``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WHEELHOUSE = ROOT / ".wheelhouse"
FIXTURE_REPORT = ROOT / "tests" / "fixtures" / "eg-2020-international-cooperation.txt"
#: Folders of the checkout a build never needs (and that are large or generated).
NOT_BUILD_INPUTS = shutil.ignore_patterns(
    ".git", ".venv", ".wheelhouse", "_build", "node_modules", "build", "dist", "*.egg-info",
    "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", ".ipynb_checkpoints",
)  # fmt: skip


def _setup_module():
    spec = importlib.util.spec_from_file_location("cyb_setup", ROOT / "setup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without the user's pip settings or data override."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "CYBERCRIME_EG_"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    return env


def _run(args: list, cwd: Path, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=_clean_env(), **kw
    )
    assert proc.returncode == 0, f"{args} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("checkout") / "cybercrime-eg"
    shutil.copytree(ROOT, copy, ignore=NOT_BUILD_INPUTS)
    return copy


@pytest.fixture(scope="module")
def wheel(source_copy, tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "-w", dist, "."],
        cwd=source_copy,
    )  # fmt: skip
    (found,) = dist.glob("cybercrime_eg-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv outside the checkout with the wheel installed offline."""
    if not any(WHEELHOUSE.glob("pandas-*.whl")):
        pytest.fail(f"{WHEELHOUSE} holds no wheels of the lock: run `make env`")
    home = tmp_path_factory.mktemp("fresh")
    assert ROOT not in home.parents
    _run([sys.executable, "-m", "venv", "--without-pip", home / "venv"], cwd=home)
    # the checkout's pip installs into the new venv (pip --python): no network, no ensurepip
    _run(
        [sys.executable, "-m", "pip", "--python", home / "venv" / "bin" / "python", "install",
         "--quiet", "--no-compile", "--no-index", "--find-links", WHEELHOUSE, wheel],
        cwd=home,
    )  # fmt: skip
    return home / "venv"


@pytest.fixture()
def workdir(tmp_path) -> Path:
    """A folder outside the checkout holding ``other-report.txt``, as in the README example."""
    shutil.copyfile(FIXTURE_REPORT, tmp_path / "other-report.txt")
    return tmp_path


def readme_example() -> str:
    """The first ``python`` block of the README's "Use the data" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Use the data\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert section, "README.md has no '## Use the data' section"
    block = re.search(r"^```python\n(.*?)^```", section.group(1), re.M | re.S)
    assert block, "README.md 'Use the data' has no python block"
    return block.group(1)


#: Runs a snippet statement by statement and reports every expression's value as JSON, plus
#: where the package and its data were found; a few helper calls beyond the README follow.
PROBE = r"""
import ast, json, sys
import pandas as pd

source = open(sys.argv[1], encoding="utf-8").read()
ns = {}
values = []
for node in ast.parse(source).body:
    if isinstance(node, ast.Expr):
        value = eval(compile(ast.Expression(node.value), "example", "eval"), ns)
        assert isinstance(value, pd.DataFrame), (ast.unparse(node), type(value))
        values.append({"code": ast.unparse(node), "rows": len(value),
                       "csv": value.to_csv(index=False)})
    else:
        exec(compile(ast.Module([node], []), "example", "exec"), ns)

import cybercrime_eg as eg
from cybercrime_eg import paths, themes
from cybercrime_eg.taxonomy import load_taxonomy

taxonomy = load_taxonomy()
tags = themes.tag_items(eg.recommendations(), eg.raw_text(), taxonomy)
json.dump({
    "values": values,
    "module": eg.__file__,
    "data": str(paths.repo_data_dir()),
    "raw": eg.raw_text(),
    "taxonomy": list(taxonomy.ids),
    "tags": tags.to_csv(index=False),
    "sources": eg.external.sources_text(),
}, sys.stdout)
"""


def _probe(python: Path, workdir: Path) -> dict:
    (workdir / "example.py").write_text(readme_example(), encoding="utf-8")
    (workdir / "probe.py").write_text(PROBE, encoding="utf-8")
    out = _run([python, "probe.py", "example.py"], cwd=workdir).stdout
    return json.loads(out)


def test_wheel_carries_the_data(wheel):
    shipped = _setup_module().shipped_files(ROOT / "data")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for path in shipped:
            member = f"cybercrime_eg/_data/{path.relative_to(ROOT / 'data').as_posix()}"
            assert member in names, f"{member} missing from {wheel.name}"
            assert zf.read(member) == path.read_bytes(), f"{member} differs from {path}"
        data = {n for n in names if n.startswith("cybercrime_eg/_data/")}
    rels = {p.relative_to(ROOT / "data").as_posix() for p in shipped}
    assert data == {f"cybercrime_eg/_data/{r}" for r in rels}
    # what the helpers read, by name: a wheel without them is broken whatever the globs say
    for need in ("taxonomy.yml", "processed/datapackage.json", "external/SOURCES.md"):
        assert need in rels
    assert any(re.fullmatch(r"raw/[^/]+\.txt", r) for r in rels)
    for table in json.loads((ROOT / "data/processed/datapackage.json").read_text())["resources"]:
        assert f"processed/{table['path']}" in rels
    assert {p.name for p in (ROOT / "data/external").glob("*.csv")} <= {
        Path(r).name for r in rels if r.startswith("external/")
    }


def test_shipped_globs_take_new_files(tmp_path):
    data = tmp_path / "data"
    for rel in ("taxonomy.yml", "crosswalk_rules.yml", "raw/r.txt", "processed/x/new.csv",
                "external/new.csv", "annotations/a/b.yml", "annotations/.hidden",
                "processed/__pycache__/x.pyc", "scratch/notes.txt"):  # fmt: skip
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_text("x")
    got = {p.relative_to(data).as_posix() for p in _setup_module().shipped_files(data)}
    assert got == {"taxonomy.yml", "crosswalk_rules.yml", "raw/r.txt", "processed/x/new.csv",
                   "external/new.csv", "annotations/a/b.yml"}  # fmt: skip


def test_sdist_carries_what_the_wheel_ships(source_copy, tmp_path):
    """MANIFEST.in and setup.SHIPPED agree: a wheel built from the sdist has the same data."""
    _run(
        [sys.executable, "-c",
         f"from setuptools import build_meta; build_meta.build_sdist({str(tmp_path)!r})"],
        cwd=source_copy,
    )  # fmt: skip
    (sdist,) = tmp_path.glob("cybercrime_eg-*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = {m.name.split("/", 1)[1] for m in tf.getmembers() if m.isfile()}
    shipped = _setup_module().shipped_files(ROOT / "data")
    missing = [p for p in shipped if p.relative_to(ROOT).as_posix() not in names]
    assert not missing, f"sdist lacks {missing}: update MANIFEST.in"
    for required in ("LICENSE", "README.md", "pyproject.toml", "setup.py"):
        assert required in names


def test_readme_example_runs_in_the_installed_package(venv, workdir):
    installed = _probe(venv / "bin" / "python", workdir)
    assert Path(installed["module"]).is_relative_to(venv), installed["module"]
    assert Path(installed["data"]).is_relative_to(venv), installed["data"]
    assert Path(installed["data"]).name == "_data"
    assert all(v["rows"] > 0 for v in installed["values"]), "an empty table"
    # exactly what the checkout gives, call by call
    checkout = _probe(Path(sys.executable), workdir)
    assert Path(checkout["data"]) == ROOT / "data"
    assert [v["code"] for v in installed["values"]] == [v["code"] for v in checkout["values"]]
    for mine, theirs in zip(installed["values"], checkout["values"], strict=True):
        assert mine == theirs, f"{mine['code']} differs between the wheel and the checkout"
    for key in ("raw", "taxonomy", "tags", "sources"):
        assert installed[key] == checkout[key], key
    report = next(p for p in (ROOT / "data/raw").glob("*.txt"))
    assert installed["raw"] == report.read_text(encoding="utf-8")


def test_command_line_of_the_installed_package(venv, workdir):
    python = venv / "bin" / "python"
    where = _run(
        [python, "-c", "from cybercrime_eg import paths;"
         "print(paths.raw_report_path()); print(paths.external_dir())"],
        cwd=workdir,
    ).stdout.split("\n")  # fmt: skip
    report, external = Path(where[0]), Path(where[1])
    assert report.is_relative_to(venv) and external.is_relative_to(venv)
    # the console script, on the report the wheel carries: the committed tables, byte for byte
    out = workdir / "out"
    done = _run([venv / "bin" / "cybercrime-eg", "extract", report, "--out", out,
                 "--external", external], cwd=workdir)  # fmt: skip
    assert done.stdout.startswith("wrote ")
    committed = {p.name: p.read_bytes() for p in (ROOT / "data/processed").iterdir()}
    assert {p.name: p.read_bytes() for p in out.iterdir()} == committed
    # python -m on another report of the series, as the README shows
    _run([python, "-m", "cybercrime_eg", "extract", "other-report.txt", "--out", "mine"],
         cwd=workdir)  # fmt: skip
    package = json.loads((workdir / "mine" / "datapackage.json").read_text())
    assert "recommendations" in {r["name"] for r in package["resources"]}
    # bad input: one line, exit status 2, nothing written
    bad = subprocess.run([python, "-m", "cybercrime_eg", "extract", "missing.txt", "--out", "x"],
                         cwd=workdir, capture_output=True, text=True, env=_clean_env())  # fmt: skip
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "missing.txt" in bad.stderr
    assert not (workdir / "x").exists()
