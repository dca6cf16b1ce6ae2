"""environment.yml (Binder) pins exactly the versions of requirements.lock."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if m:
            pins[_norm(m.group(1))] = m.group(2)
    return pins


def _environment() -> tuple[list, dict[str, str]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    pip = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    pins = {}
    for spec in pip:
        name, sep, version = spec.partition("==")
        assert sep, f"environment.yml: {spec!r} is not pinned with =="
        pins[_norm(name)] = version
    return deps, pins


def _direct() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in ("viz", "book", "lab"):
        specs += project["optional-dependencies"][extra]
    return {_norm(re.split(r"[<>=!~;\[ ]", s, maxsplit=1)[0]) for s in specs}


def test_python_is_311():
    deps, _ = _environment()
    assert "python=3.11" in deps


def test_every_pin_matches_the_lock():
    lock = _lock()
    _, pins = _environment()
    drift = {n: (v, lock.get(n)) for n, v in pins.items() if lock.get(n) != v}
    assert not drift, f"environment.yml differs from requirements.lock: {drift}"


def test_every_locked_version_is_pinned():
    lock = _lock()
    _, pins = _environment()
    missing = sorted(set(lock) - set(pins))
    assert not missing, f"locked packages missing from environment.yml: {missing}"


def test_environment_is_what_the_sync_tool_writes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("sync", ROOT / "tools" / "sync_environment.py")
    sync = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sync)
    assert (ROOT / "environment.yml").read_text() == sync.environment_text(), (
        "run `.venv/bin/python tools/sync_environment.py`"
    )


def test_every_direct_dependency_is_pinned():
    _, pins = _environment()
    missing = sorted(_direct() - set(pins))
    assert not missing, f"direct dependencies missing from environment.yml: {missing}"


def test_postbuild_installs_the_package():
    post = ROOT / "postBuild"
    assert post.stat().st_mode & 0o111, "postBuild must be executable"
    assert "pip install --no-deps -e ." in post.read_text()


def test_binder_front_end_is_pinned_as_one_consistent_set():
    """Binder's base environment has its own JupyterLab *and* Notebook, and each Notebook
    release accepts one JupyterLab minor. Pinning JupyterLab alone would leave Binder's Notebook
    requiring another JupyterLab (`tools/check_binder.py` checks the whole base environment
    against PyPI); so both are pinned, and the pinned Notebook accepts the pinned JupyterLab."""
    from importlib.metadata import requires, version

    from packaging.requirements import Requirement

    _, pins = _environment()
    for name in ("jupyterlab", "notebook", "jupyter-server", "ipywidgets", "jupyterlab-widgets"):
        assert name in pins, f"{name} is not pinned in environment.yml"
    wants = [Requirement(r) for r in requires("notebook") if r.startswith("jupyterlab")]
    lab = next(r for r in wants if _norm(r.name) == "jupyterlab" and not r.marker)
    assert lab.specifier.contains(pins["jupyterlab"]), (lab, pins["jupyterlab"])
    assert version("notebook") == pins["notebook"] and version("jupyterlab") == pins["jupyterlab"]
