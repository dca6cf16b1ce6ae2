""" "Cite this book" in the footer of every page, generated from ``CITATION.cff``.

APA-style text and a BibTeX entry, both with the version and release date of ``CITATION.cff``
(nothing typed by hand). The box goes into sphinx-book-theme's ``extra_footer``; a change of
``CITATION.cff`` changes that option, so Sphinx rewrites every page.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import yaml
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

REQUIRED = ("title", "version", "date-released", "authors")
#: The licence of the tables, charts and text the project writes (datapackage.json `licenses`).
DATA_LICENCE = "CC-BY-4.0"


def read_cff(path: Path) -> dict:
    """The fields of ``CITATION.cff`` the citation needs; a clear error when one is missing."""
    if not path.is_file():
        raise ExtensionError(f"{path}: missing (needed for the 'Cite this book' box)")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [key for key in REQUIRED if not data.get(key)]
    if missing:
        raise ExtensionError(f"{path}: expected the field(s) {', '.join(missing)}")
    released = data["date-released"]
    if isinstance(released, str):
        released = dt.date.fromisoformat(released)
    data["date-released"] = released
    return data


def _apa_name(author: dict) -> str:
    if author.get("name"):
        return author["name"]
    family = author.get("family-names", "")
    initials = " ".join(f"{part[0]}." for part in author.get("given-names", "").split() if part)
    return f"{family}, {initials}".strip(", ")


def apa(data: dict) -> str:
    """APA-style reference (plain text) of the book."""
    names = [_apa_name(a) for a in data["authors"]]
    if len(names) == 1:
        who = names[0]
    else:
        who = ", ".join(names[:-1]) + ", & " + names[-1]
    date = data["date-released"]
    url = data.get("repository-code") or data.get("url") or ""
    text = (
        f"{who} ({date.year}). {data['title']} (Version {data['version']}) "
        "[Online book, data set and software]."
    )
    return f"{text} {url}".strip()


def bibtex(data: dict) -> str:
    """BibTeX ``@software`` entry of the book."""
    date = data["date-released"]
    authors = " and ".join(
        "{" + a["name"] + "}"
        if a.get("name")
        else f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", ")
        for a in data["authors"]
    )
    repo = (data.get("repository-code") or "").rstrip("/").rsplit("/", 1)[-1]
    key = re.sub(r"[^a-z0-9]+", "", repo.lower()) + str(date.year)
    fields = [
        ("author", authors),
        ("title", "{" + data["title"] + "}"),
        ("version", data["version"]),
        ("year", str(date.year)),
        ("month", str(date.month)),
        ("date", date.isoformat()),
    ]
    if data.get("repository-code"):
        fields.append(("url", data["repository-code"]))
    if data.get("license"):  # the code's licence; the text and data: DATA_LICENCE
        fields.append(("note", f"Code: {data['license']}; text and data: {DATA_LICENCE}"))
    body = ",\n".join(f"  {name:<8}= {{{value}}}" for name, value in fields)
    return f"@software{{{key},\n{body}\n}}"


def cite_box(data: dict) -> str:
    """HTML of the box (a disclosure, closed by default, in the footer of every page)."""
    return (
        '<details class="cyb-cite" id="cite-this-book"><summary>Cite this book</summary>'
        f'<p class="cyb-cite-apa">{html.escape(apa(data))}</p>'
        '<p class="cyb-cite-label">BibTeX</p>'
        f'<pre class="cyb-cite-bibtex">{html.escape(bibtex(data))}</pre>'
        f'<p class="cyb-cite-source">Version {html.escape(str(data["version"]))}, released '
        f"{data['date-released'].isoformat()}; from <code>CITATION.cff</code>.</p></details>"
    )


def _config_inited(app: Sphinx, config) -> None:
    data = read_cff(Path(app.confdir) / "CITATION.cff")
    options = dict(config.html_theme_options or {})
    extra = options.get("extra_footer") or ""
    options["extra_footer"] = extra + cite_box(data)
    config.html_theme_options = options


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _config_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
