"""The book's shell, made light: no widget manager and no fontawesome.js in the static book.

* ipywidgets cannot run without a kernel: in the static HTML each output that carries
  ``application/vnd.jupyter.widget-view+json`` is replaced by a short note with a link that
  launches the chapter's notebook on Binder (URL built, as the theme's launch button builds it,
  from ``repository.url``, ``repository.branch``, ``repository.path_to_book`` and
  ``launch_buttons`` of ``_config.yml``). myst-nb's widget state and its widget scripts
  (require.js, the html-manager) are dropped from every page. The notebooks keep their widgets
  for Jupyter and Binder.
* pydata-sphinx-theme loads ``fontawesome.js`` (1.5 MB, 543 KB gzipped) on every page to draw a
  score of icons. ``templates/static/webpack-macros.html`` drops that script, and
  ``cyb-icons.css`` (written here from the theme's own copy of Font Awesome, same version) draws
  the icons the pages use as CSS masks. The build fails if a page still loads ``fontawesome.js``
  or shows an icon that the subset lacks.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TEMPLATES = Path(__file__).parent / "templates"

#: Icons of the theme the pages show (``fa-NAME`` classes in the HTML and in the theme's
#: scripts), by Font Awesome style: ``fab`` brands, ``fas`` solid.
ICONS = {
    "fas": (
        "angle-left angle-right arrow-up bars chevron-down circle-half-stroke download expand "
        "compress file file-pdf lightbulb list magnifying-glass moon outdent rocket sun xmark "
        "arrow-up-right-from-square bell circle-info circle-exclamation triangle-exclamation "
        "circle-xmark share pencil magnifying-glass-minus"
    ).split(),
    "fab": ["github", "gitlab", "bitbucket"],
}
#: ``fa-*`` classes that name a style or a size, not an icon.
FA_MODIFIERS = {
    "fa-solid",
    "fa-regular",
    "fa-brands",
    "fa-lg",
    "fa-fw",
    "fa-xs",
    "fa-sm",
    "fa-xl",
    "fa-2x",
}


# ---------------------------------------------------------------------------------------------
# ipywidgets -> "runs live in Jupyter or on Binder"


def binder_url(app: Sphinx, docname: str) -> str | None:
    """Binder URL that opens ``docname``'s notebook, or None without a GitHub repository."""
    opts = app.config.html_theme_options or {}
    launch = opts.get("launch_buttons") or {}
    hub = (launch.get("binderhub_url") or "").strip("/")
    repo_url = (opts.get("repository_url") or "").strip("/")
    parts = urlsplit(repo_url)
    path = [p for p in parts.path.split("/") if p]
    if not hub or parts.netloc != "github.com" or len(path) < 2:
        return None
    org, repo = path[0], path[1].removesuffix(".git")
    branch = opts.get("repository_branch") or "main"
    ui = {"classic": "tree", "jupyterlab": "lab/tree"}[launch.get("notebook_interface", "classic")]
    book = (opts.get("path_to_docs") or "").strip("/")
    notebook = f"{book + '/' if book else ''}{docname}.ipynb"
    return f"{hub}/v2/gh/{org}/{repo}/{branch}?urlpath={ui}/{notebook}"


def live_note(app: Sphinx, docname: str) -> str:
    """HTML of the note shown in place of an ipywidget in the static book."""
    notebook = f"{docname}.ipynb"
    url = binder_url(app, docname)
    launch = (
        f'<a class="cyb-live-link" href="{html.escape(url)}">Launch this chapter on Binder</a> '
        f"(a live copy of <code>{html.escape(notebook)}</code>, opens in a new session)"
        if url
        else f"Open <code>{html.escape(notebook)}</code> from the repository in Jupyter"
    )
    return (
        '<div class="cyb-live-note" role="note">'
        "<p><strong>This explorer runs live in Jupyter or on Binder.</strong> "
        "It is an ipywidget, which needs a Python kernel; the static book shows the results "
        f"above. {launch}.</p></div>"
    )


def _replace_widgets(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    marker = f'<script type="{WIDGET_VIEW}">'
    for raw in list(doctree.findall(nodes.raw)):
        if raw.astext().lstrip().startswith(marker):
            raw.replace_self(nodes.raw("", live_note(app, docname), format="html"))
    # myst-nb registers the widget state and its scripts for the page in the environment
    metadata = getattr(app.env, "nb_metadata", {}).get(docname, {})
    js_files = metadata.get("js_files", {})
    for key in [k for k in js_files if k.startswith("ipywidgets")]:
        del js_files[key]


# ---------------------------------------------------------------------------------------------
# Font Awesome subset


def _fontawesome_js() -> Path:
    import pydata_sphinx_theme

    return (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme"
        / "pydata_sphinx_theme"
        / "static"
        / "scripts"
        / "fontawesome.js"
    )


def icon_paths(source: str) -> dict[str, tuple[int, int, str]]:
    """``{name: (width, height, svg path)}`` of :data:`ICONS`, read from fontawesome.js."""
    out: dict[str, tuple[int, int, str]] = {}
    for prefix, names in ICONS.items():
        end = source.find(f'd("{prefix}",p)')
        start = source.rfind("var p={", 0, end)
        if end < 0 or start < 0:
            raise ExtensionError(f"no '{prefix}' icon pack in the theme's fontawesome.js")
        pack = source[start:end]
        for name in names:
            m = re.search(
                r'[{,]"?' + re.escape(name) + r'"?:\[(\d+),(\d+),\[[^\]]*\],"[^"]*","([^"]+)"\]',
                pack,
            )
            if not m:
                raise ExtensionError(f"no icon '{prefix} {name}' in the theme's fontawesome.js")
            out[name] = (int(m[1]), int(m[2]), m[3])
    return out


#: Pseudo-elements that the theme's CSS draws with the Font Awesome web fonts (which would cost
#: 270 KB gzipped): each gets the same icon as a mask instead (selector, icon).
THEME_PSEUDO = [
    ("a.reference.download::before", "download"),
    ("a.github::before", "github"),
    ("a.gitlab::before", "gitlab"),
    (".nav-link.nav-external::after", "arrow-up-right-from-square"),
    ("nav.bd-links li>a.reference.external::after", "arrow-up-right-from-square"),
    ("ul.bd-breadcrumbs li.breadcrumb-item:not(.breadcrumb-home)::before", "angle-right"),
    ("div#searchbox p.highlight-link a::before", "magnifying-glass-minus"),
    ("span.versionmodified::before", "circle-exclamation"),
    (".admonition>.admonition-title::after", "bell"),
    (".admonition.note>.admonition-title::after", "circle-info"),
    (".admonition.attention>.admonition-title::after", "circle-exclamation"),
    (".admonition.important>.admonition-title::after", "circle-exclamation"),
    (".admonition.caution>.admonition-title::after", "triangle-exclamation"),
    (".admonition.warning>.admonition-title::after", "triangle-exclamation"),
    (".admonition.danger>.admonition-title::after", "triangle-exclamation"),
    (".admonition.error>.admonition-title::after", "circle-xmark"),
    (".admonition.hint>.admonition-title::after", "lightbulb"),
    (".admonition.tip>.admonition-title::after", "lightbulb"),
    (".admonition.seealso>.admonition-title::after", "share"),
    (".admonition.admonition-todo>.admonition-title::after", "pencil"),
]


def icons_css(paths: dict[str, tuple[int, int, str]]) -> str:
    """CSS drawing each icon as a mask of ``currentColor`` (follows the theme's text colour)."""
    names = sorted(paths)
    mask = "var(--cyb-icon) no-repeat center/contain"
    uris = []
    for name in names:
        w, h, d = paths[name]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {w} {h}'><path d='{d}'/></svg>"
        uris.append(f'--cyb-i-{name}:url("data:image/svg+xml,{quote(svg, safe=" =/:,.-")}")')
    lines = [
        "/* Icons of the theme, drawn from Font Awesome Free 6 (CC BY 4.0) path data: a subset",
        "   written by book/_ext/cyb_shell.py in place of fontawesome.js and its web fonts. */",
        ":root{" + ";".join(uris) + "}",
        # no element is drawn in the web fonts any more (an empty box in them still loads them)
        ".fa,.fas,.far,.fab,.fa-solid,.fa-regular,.fa-brands,.fa-classic"
        "{font-family:inherit!important;font-weight:inherit!important}",
        ",".join(f".fa-{n}::before" for n in names)
        + '{content:""!important;font:inherit!important;display:inline-block;height:1em;'
        "vertical-align:-0.125em;"
        f"background-color:currentColor;-webkit-mask:{mask};mask:{mask}}}",
        ",".join(sel for sel, _ in THEME_PSEUDO)
        + '{content:""!important;font:inherit!important;display:inline-block;min-width:1em;'
        f"min-height:1em;background-color:currentColor;-webkit-mask:{mask};mask:{mask}}}",
    ]
    for name in names:
        w, h, _ = paths[name]
        lines.append(f".fa-{name}::before{{width:{w / h:.4g}em;--cyb-icon:var(--cyb-i-{name})}}")
    for sel, name in THEME_PSEUDO:
        lines.append(f"{sel}{{--cyb-icon:var(--cyb-i-{name})}}")
    return "\n".join(lines) + "\n"


def _write_icons(app: Sphinx) -> None:
    """Write ``_static/cyb-icons.css``; skipped when the icon list and the theme are unchanged
    (parsing fontawesome.js is the slowest step of a no-change rebuild otherwise)."""
    if app.builder.format != "html":
        return
    source = _fontawesome_js()
    stat = source.stat()
    key = f"/* key {stat.st_size}-{stat.st_mtime_ns}-{hash_icons()} */\n"
    target = Path(app.outdir) / "_static" / "cyb-icons.css"
    if target.is_file():
        with target.open(encoding="utf-8") as f:
            if f.readline() == key:
                return
    css = key + icons_css(icon_paths(source.read_text(encoding="utf-8")))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css, encoding="utf-8")


def hash_icons() -> str:
    """Digest of the icon subset and of the CSS code that draws it."""
    import hashlib
    import inspect

    text = repr(sorted((k, sorted(v)) for k, v in ICONS.items())) + repr(THEME_PSEUDO)
    text += inspect.getsource(icons_css)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


_CLASS = re.compile(r'class="([^"]*\bfa-[^"]*)"')
_FONTAWESOME = re.compile(r"<script[^>]+fontawesome\.js")


def check_pages(outdir: Path, pages: list[Path] | None = None) -> list[str]:
    """Problems of the written pages (all of ``outdir`` unless ``pages`` is given):
    fontawesome.js loaded, an icon missing from the subset."""
    known = {n for names in ICONS.values() for n in names}
    problems = []
    if pages is None:
        pages = [
            p
            for p in outdir.rglob("*.html")
            if p.relative_to(outdir).parts[0] not in ("_static", "_sources")
        ]
    for page in sorted(pages):
        if not page.is_file():
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        name = page.relative_to(outdir).as_posix()
        if _FONTAWESOME.search(text):
            problems.append(f"{name}: loads fontawesome.js")
        for classes in _CLASS.findall(text):
            for cls in classes.split():
                if cls.startswith("fa-") and cls not in FA_MODIFIERS and cls[3:] not in known:
                    problems.append(f"{name}: icon '{cls}' is not in the subset of cyb_shell.py")
    return problems


def _thebe(asset: object) -> bool:
    """A script or stylesheet of sphinx-thebe (its file, or its inline configuration)."""
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "sphinx-thebe" in str(getattr(asset, "filename", asset)) or "THEBE_JS_URL" in body


def _note_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Record the page, and drop sphinx-thebe's assets: the book has no live-code button, and
    Jupyter Book emits thebe's inline configuration twice ("THEBE_JS_URL has already been
    declared" on every page) with a CDN address in it."""
    app._cyb_pages = getattr(app, "_cyb_pages", set()) | {pagename}
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _thebe(a)]


def _check_built(app: Sphinx, exception: Exception | None) -> None:
    """Check the pages written by this build (none on a no-change rebuild)."""
    written = getattr(app, "_cyb_pages", set())
    if exception is None and app.builder.format == "html" and written:
        pages = [Path(app.outdir) / app.builder.get_target_uri(name) for name in written]
        problems = check_pages(Path(app.outdir), pages)
        if problems:
            raise ExtensionError("; ".join(sorted(set(problems))[:10]))


def _config_inited(app: Sphinx, config) -> None:
    if str(TEMPLATES) not in [str(p) for p in config.templates_path]:
        config.templates_path = [str(TEMPLATES), *config.templates_path]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _config_inited)
    app.connect("doctree-read", _replace_widgets)
    app.connect("builder-inited", _write_icons)
    app.connect("html-page-context", _note_page)
    app.connect("build-finished", _check_built)
    app.add_css_file("cyb-icons.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
