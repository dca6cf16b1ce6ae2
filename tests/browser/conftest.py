"""Browser checks of the built book: headless Debian Chromium driven by Playwright.

The book (``_build/html``, made by ``make book``) is served on 127.0.0.1 on a free port; every
request to any other address is aborted and counted as a failure. Every test in this folder is
marked ``browser`` (``make unit`` runs ``-m "not browser"``).
"""

from __future__ import annotations

import functools
import http.server
import posixpath
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
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
#: Console errors allowed on a page: none (book/_ext/cyb_shell.py drops sphinx-thebe's doubled
#: configuration, and _config.yml gives the theme a colour mode).
KNOWN_CONSOLE_ERRORS: tuple[re.Pattern[str], ...] = ()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: checks of the built book in headless Chromium (needs `make book`)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def site_pages() -> list[str]:
    """Every HTML page of the built book, relative to the site root."""
    if not SITE.is_dir():
        return []
    skip = ("_static", "_sources", "_downloads", "_images")
    return sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if p.relative_to(SITE).parts[0] not in skip
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"{SITE} has no built book: run `make book` first")
    return SITE


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright import sync_api as playwright_api  # in the lock: a missing one must fail

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make chromium`")
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class PageLog:
    """What a page did: requests that failed or were blocked, console errors, dialogs."""

    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def unexpected_console_errors(self) -> list[str]:
        """Console errors and uncaught exceptions (none is expected)."""
        return [
            m
            for m in self.console_errors + self.page_errors
            if not any(p.search(m) for p in KNOWN_CONSOLE_ERRORS)
        ]


@pytest.fixture()
def open_page(browser, base_url):
    """Open a page of the book: ``page, log = open_page("book/x.html", dark=False, width=1280)``.

    ``width`` below 600 opens it as a phone (mobile viewport, touch).
    """
    contexts = []

    def _open(path: str, dark: bool = False, wait_charts: bool = True, width: int = 1280):
        phone = width < 600
        context = browser.new_context(
            viewport={"width": width, "height": 844 if phone else 900},
            color_scheme="dark" if dark else "light",
            is_mobile=phone,
            has_touch=phone,
        )
        contexts.append(context)
        log = PageLog()

        def route(r):
            if r.request.url.startswith(base_url):
                r.continue_()
            else:
                log.failed.append(f"blocked: {r.request.url}")
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("requestfailed", lambda req: log.failed.append(f"failed: {req.url}"))
        page.on(
            "response",
            lambda resp: (
                log.failed.append(f"HTTP {resp.status}: {resp.url}") if resp.status >= 400 else None
            ),
        )
        page.on(
            "console",
            lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))

        def on_dialog(dialog):
            log.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(base_url + path, wait_until="load")
        refresh = re.search(
            r'http-equiv="Refresh" content="0; url=([^"]+)"',
            (SITE / re.split(r"[?#]", path, maxsplit=1)[0]).read_text(
                encoding="utf-8", errors="replace"
            )[:2000],
        )
        if refresh:  # a redirect stub (index.html): wait for the page it leads to
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), refresh[1]))
            page.wait_for_url(base_url + target)
            page.wait_for_load_state("load")
        if dark:
            page.evaluate("document.documentElement.dataset.theme = 'dark'")
        if wait_charts:
            wait_for_charts(page)
        page.wait_for_timeout(300)
        return page, log

    yield _open
    for context in contexts:
        context.close()


def wait_for_charts(page, timeout: float = 15000) -> None:
    """Wait until every plotly chart on the page has drawn its SVG."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('div.plotly-graph-div')]
                 .every(d => d.querySelector('svg.main-svg'))""",
        timeout=timeout,
    )
