"""Check that environment.yml installs cleanly on top of Binder's own environment.

repo2docker (what mybinder.org runs) starts from a base conda environment that brings
JupyterLab, Notebook, jupyter_server and JupyterHub's single-user server, then runs
``mamba env update`` with our ``environment.yml``, whose pip section pins every version of
``requirements.lock``. pip replaces the base packages we pin but does not check the base
packages we do not pin; if one of those requires a version we move (for example Notebook 7.4
requires JupyterLab < 4.5), the image builds but breaks. This tool takes repo2docker's locked
base environment for Python 3.11 (from the ``jupyter-repo2docker`` wheel on PyPI), keeps every
base package we do not pin at its base version, adds all our pins, and asks uv whether that
set resolves. Needs PyPI (``make binder-check``); prints what it found and exits 1 on a conflict.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from sync_environment import locked_pins  # noqa: E402

#: conda-forge names whose PyPI name differs; None: not a pip package we could conflict with.
CONDA_TO_PYPI = {
    "jupyterhub-base": "jupyterhub",
    "nbconvert-core": "nbconvert",
    "python-fastjsonschema": "fastjsonschema",
    "brotli-python": "brotli",
    "pip": None,
    "setuptools": None,
    "wheel": None,
}


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def base_packages(wheel: Path, python: str = "3.11") -> dict[str, str]:
    """Python packages of repo2docker's base environment: PyPI name -> version."""
    member = f"repo2docker/buildpacks/conda/environment.py-{python}-linux-64.lock"
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read(member).decode()
    found = {}
    for url in re.findall(r"^https://\S+", text, re.M):
        file = url.rsplit("/", 1)[1].split("#")[0]
        m = re.fullmatch(r"(.+)-([^-]+)-([^-]+)\.(conda|tar\.bz2)", file)
        if not m or not re.match(r"py(h|\d)", m.group(3)):  # only Python packages
            continue
        name = CONDA_TO_PYPI.get(norm(m.group(1)), norm(m.group(1)))
        if name:
            found[name] = m.group(2)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo2docker", default="", help="a version of jupyter-repo2docker")
    args = ap.parse_args()
    uv = ROOT / ".venv" / "bin" / "uv"
    if not uv.exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "uv"], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        spec = "jupyter-repo2docker" + (f"=={args.repo2docker}" if args.repo2docker else "")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", tmp, spec],
            check=True,
        )
        (wheel,) = Path(tmp).glob("jupyter_repo2docker-*.whl")
        base = base_packages(wheel)
        ours = {norm(p.split("==")[0]): p.split("==")[1] for p in locked_pins()}
        moved = {n: (v, ours[n]) for n, v in base.items() if n in ours and ours[n] != v}
        kept = {n: v for n, v in base.items() if n not in ours}
        reqs = Path(tmp) / "binder.in"
        reqs.write_text("".join(f"{n}=={v}\n" for n, v in {**kept, **ours}.items()))
        result = subprocess.run(
            [str(uv), "pip", "compile", str(reqs), "--python-version", "3.11", "--no-header",
             "--quiet", "-o", str(Path(tmp) / "binder.txt")],
            capture_output=True, text=True,
        )  # fmt: skip
    print(f"{wheel.name}: base environment for Python 3.11 has {len(base)} Python packages")
    print(f"our pins replace {len(moved)} of them, for example:")
    for n in ("jupyterlab", "notebook", "jupyter-server", "ipywidgets", "jupyterlab-widgets"):
        if n in moved:
            print(f"  {n}: {moved[n][0]} -> {moved[n][1]}")
    print(f"{len(kept)} base packages stay as they are: {', '.join(sorted(kept))}")
    if result.returncode != 0:
        print("CONFLICT: environment.yml does not fit Binder's base environment:")
        print(result.stderr.strip())
        return 1
    print("OK: every pin of environment.yml is compatible with the base packages it leaves alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
