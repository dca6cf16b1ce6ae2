"""Live checks: the book's notebooks in a real JupyterLab, driven by headless Chromium.

JupyterLab is started from the project's ``.venv`` on a free 127.0.0.1 port, with throwaway
config, runtime, data, settings and workspace folders (nothing of the user's is read or
written), a random token, and ``--allow-root`` (CI runs as root). It serves a *copy* of
``book/``, so no notebook in the checkout is ever saved with outputs. The browser aborts every
request that is not for that server. The server and every kernel it started are shut down at
the end.

Every test in this folder is marked ``live`` (``make unit`` leaves them out; ``make test`` and
``make live`` run them).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
JUPYTER_LAB = ROOT / ".venv" / "bin" / "jupyter-lab"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: JupyterLab settings for the run: every cell rendered (no windowing, so every output is in
#: the page), no autosave, no news or update checks.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}
#: In JupyterLab, plotly maps load the world topojson from plotly's CDN (the static book serves
#: its own copy). With the network cut, the browser is handed that same local copy instead
#: (made by `make assets`) and the substitution is recorded; every other outside request fails.
TOPOJSON = {
    "https://cdn.plot.ly/un/world_110m.json": BOOK / "_assets" / "vendor" / "world_110m.json",
}
START_TIMEOUT = 90  # s, until /api/status answers (a few seconds on an idle machine)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "live: notebooks run in a real JupyterLab in headless Chromium (needs .venv)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the live tests and run them first.

    Playwright's sync API runs one instance per thread at a time. The book's browser checks
    keep theirs for the whole session, so the live tests, whose Playwright lives only as long
    as their module, go before them.
    """
    here = Path(__file__).resolve().parent
    live = [i for i in items if here in Path(str(i.fspath)).resolve().parents]
    for item in live:
        item.add_marker(pytest.mark.live)
    chosen = set(map(id, live))
    items[:] = live + [i for i in items if id(i) not in chosen]


def book_notebooks() -> list[str]:
    """Every notebook of the book, relative to ``book/``."""
    return sorted(
        p.relative_to(BOOK).as_posix()
        for p in BOOK.rglob("*.ipynb")
        if not any(part.startswith((".", "_")) for part in p.relative_to(BOOK).parts)
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(url: str, token: str, method: str = "GET", timeout: float = 5) -> object:
    req = urllib.request.Request(
        url,
        method=method,
        data=b"" if method != "GET" else None,
        headers={"Authorization": f"token {token}"},
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        body = resp.read()
    return json.loads(body) if body else None


@dataclass
class LabServer:
    """A running JupyterLab: its base URL and token, the folder it serves and its process."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen
    log: Path

    def kernels(self) -> list[dict]:
        return _api(self.url + "api/kernels", self.token)  # type: ignore[return-value]

    def api(self, path: str, method: str = "GET", timeout: float = 5) -> object:
        return _api(self.url + path, self.token, method, timeout)

    def log_tail(self, n: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory) -> Iterator[LabServer]:
    if not JUPYTER_LAB.exists():
        pytest.fail(f"{JUPYTER_LAB} not found: run `make env` (JupyterLab is the lock's lab extra)")
    home = tmp_path_factory.mktemp("jupyterlab")
    root = home / "book"
    shutil.copytree(BOOK, root, ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints"))
    dirs = {name: home / name for name in ("config", "runtime", "data", "ipython", "workspaces")}
    for d in dirs.values():
        d.mkdir()
    settings = home / "settings"
    for plugin, values in LAB_SETTINGS.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    env.update(
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        IPYTHONDIR=str(dirs["ipython"]),
        JUPYTER_PLATFORM_DIRS="1",
    )
    port = _free_port()
    token = secrets.token_hex(16)  # REST calls that change state need it (or an XSRF cookie)
    log = home / "server.log"
    args = [
        str(JUPYTER_LAB),
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.workspaces_dir={dirs['workspaces']}",
        f"--LabApp.user_settings_dir={settings}",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, cwd=home, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = LabServer(f"http://127.0.0.1:{port}/", token, root, process, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"jupyter-lab exited with {process.returncode}:\n{server.log_tail()}")
            try:
                server.api("api/status", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"jupyter-lab did not answer in {START_TIMEOUT} s")
                time.sleep(0.5)
        yield server
    finally:
        _stop(server)


def _descendants(pid: int) -> set[int]:
    """Process ids of every descendant of ``pid`` (kernels run in sessions of their own)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if state[state.rindex(")") + 2] != "Z":
            alive.add(pid)
    return alive


def _stop(server: LabServer) -> None:
    """Shut down every kernel of the server, then the server; kill what does not stop.

    Fails when a kernel or any other process the server started outlives it.
    """
    process = server.process
    started = _descendants(process.pid)
    if process.poll() is None:
        try:
            for kernel in server.kernels():
                server.api(f"api/kernels/{kernel['id']}", method="DELETE", timeout=30)
            server.api("api/shutdown", method="POST", timeout=10)
        except OSError:
            pass
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    deadline = time.monotonic() + 10
    while (left := _alive(started)) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes of the JupyterLab session outlived the server: {sorted(left)}"


@pytest.fixture(scope="module")
def lab_browser():
    from playwright import sync_api as playwright_api  # in the lock: a missing one must fail

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make chromium`")
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class LabPage:
    """The JupyterLab page and what it did: blocked requests, console and page errors."""

    page: object
    blocked: list[str] = field(default_factory=list)
    substituted: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def lab(lab_server, lab_browser) -> Iterator[LabPage]:
    """One JupyterLab page for the whole session (notebooks are opened and closed in it)."""
    context = lab_browser.new_context(viewport={"width": 1400, "height": 1000})
    state = LabPage(page=None)

    missing = [str(p) for p in TOPOJSON.values() if not p.is_file()]
    if missing:
        pytest.fail(f"{missing} not found: run `make assets`")

    def route(r):
        if r.request.url.startswith(lab_server.url):
            r.continue_()
        elif r.request.url in TOPOJSON:
            state.substituted.append(r.request.url)
            r.fulfill(path=TOPOJSON[r.request.url], content_type="application/json")
        else:
            state.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: state.console_errors.append(m.text) if m.type == "error" else 0)
    page.on("pageerror", lambda e: state.page_errors.append(str(e)))
    page.set_default_timeout(60_000)
    page.goto(f"{lab_server.url}lab?reset&token={lab_server.token}")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.started !== undefined"
        " && document.querySelector('#jp-main-dock-panel') !== null",
        timeout=120_000,
    )
    page.evaluate("() => window.jupyterapp.restored")
    state.page = page
    try:
        yield state
    finally:
        context.close()
