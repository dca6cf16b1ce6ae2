"""The book's shell in headless Chromium with the network cut off: a light first visit (no widget
manager, no fontawesome.js), icons that still show with their names, glossary links, the print
stylesheet, search for UN symbols, and the "Cite this book" box."""

from __future__ import annotations

import re
import urllib.parse

import pytest
import yaml

from .conftest import ROOT, site_pages

PAGES = site_pages() or ["<no built book: run make book>"]
CONTENT_PAGES = [p for p in PAGES if p != "index.html"]
HEAVY = re.compile(r"(require\.js|embed-amd\.js|fontawesome\.js|webfonts/fa-[\w-]+\.woff2?)")
#: Header buttons of the theme: each must show an icon and keep an accessible name.
HEADER_BUTTONS = [
    ".theme-switch-button",
    "button.search-button",
    ".btn-fullscreen-button",
    ".dropdown-launch-buttons > button",
    ".dropdown-download-buttons > button",
    "a.btn-source-repository-button, .dropdown-source-buttons > button",
    "button.primary-toggle",
]
GLOSSARY_TERMS = [
    "UNODC",
    "CCPCJ",
    "Expert Group",
    "Ad Hoc Committee",
    "recorded vote",
    "WEOG",
    "GRULAC",
    "African Group",
    "Asia-Pacific Group",
    "Eastern European Group",
    "signature",
    "ratification",
    "accession",
    "invitation",
    "Organized Crime Convention",
    "Budapest Convention",
    "A/C.3/72/12",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_widget_manager_or_fontawesome_is_loaded(open_page, path):
    page, log = open_page(path)
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    heavy = [url for url in loaded if HEAVY.search(url)]
    assert not heavy, f"{path} loads {heavy}"
    assert not log.failed


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("width", [1280, 390])
def test_header_icons_show_and_keep_their_names(open_page, width, dark):
    page, _ = open_page("book/04_positions.html", width=width, dark=dark)
    checked = 0
    for selector in HEADER_BUTTONS:
        buttons = page.locator(selector)
        for i in range(buttons.count()):
            button = buttons.nth(i)
            if not button.is_visible():
                continue
            icon = button.evaluate(
                """b => {
                  const els = [...b.querySelectorAll('i, span')].filter(e =>
                    [...e.classList].some(c => c.startsWith('fa-')));
                  const shown = els.filter(e => {
                    const s = getComputedStyle(e, '::before');
                    const r = e.getBoundingClientRect();
                    return s.content === '""' && s.maskImage.startsWith('url(') &&
                           parseFloat(s.width) > 4 && r.width > 4;
                  });
                  return {icons: els.length, shown: shown.length,
                          colour: shown.length ? getComputedStyle(shown[0], '::before')
                                                   .backgroundColor : null};
                }"""
            )
            assert icon["icons"] >= 1 and icon["shown"] >= 1, f"{selector}: no icon drawn {icon}"
            name = button.evaluate(
                "b => (b.getAttribute('aria-label') || b.getAttribute('title') || "
                "b.textContent).trim()"
            )
            assert name, f"{selector} has no accessible name"
            checked += 1
    assert checked >= 4, f"only {checked} header buttons visible at {width} px"


def test_icons_load_no_font_and_no_script(open_page):
    page, _ = open_page("book/02_report.html")
    fonts = page.evaluate(
        "[...document.fonts].filter(f => /Awesome/.test(f.family) && f.status === 'loaded')"
        ".map(f => f.family)"
    )
    assert fonts == [], f"Font Awesome web fonts loaded: {fonts}"
    # the download links of chapter 2 draw their icon from the subset too
    link = page.locator("a.reference.download").first
    style = link.evaluate(
        "a => { const s = getComputedStyle(a, '::before'); return [s.content, s.maskImage]; }"
    )
    assert style[0] == '""' and style[1].startswith("url(")


def test_glossary_has_an_anchor_for_every_term(open_page):
    page, _ = open_page("book/glossary.html", wait_charts=False)
    terms = page.locator("dl.glossary dt")
    texts = {terms.nth(i).inner_text().strip().rstrip("¶").strip() for i in range(terms.count())}
    for term in GLOSSARY_TERMS:
        assert term in texts, f"glossary has no entry '{term}'"
        anchor = page.locator("dl.glossary dt", has_text=term).first.get_attribute("id")
        assert anchor and anchor.startswith("term-")
    assert "observer" in page.locator("article").inner_text()


@pytest.mark.parametrize(
    "path", [p for p in PAGES if p.startswith("book/") and p != "book/glossary.html"]
)
def test_glossary_links_resolve_and_link_first_use_once(open_page, path):
    page, _ = open_page(path, wait_charts=False)
    links = page.locator("article a.cyb-glossary-link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) == len(set(hrefs)), f"a glossary term linked twice on {path}: {hrefs}"
    inside_code = page.locator(
        "article :is(pre, code, h1, h2, h3, .cyb-figure, .cell_input) a.cyb-glossary-link"
    )
    assert inside_code.count() == 0, f"glossary link inside code, a heading or a chart on {path}"
    if not hrefs:
        return
    href = hrefs[0]
    assert href.startswith("glossary.html#term-"), href
    links.first.click()
    page.wait_for_url(re.compile(r"glossary\.html#term-"))
    anchor = urllib.parse.unquote(page.url.split("#", 1)[1])
    target = page.locator(f"[id='{anchor}']")
    assert target.count() == 1 and target.is_visible()


def test_the_first_use_in_the_chapters_is_linked(open_page):
    page, _ = open_page("book/04_positions.html", wait_charts=False)
    link = page.locator("article a.cyb-glossary-link", has_text="Budapest Convention")
    assert link.count() == 1
    first_text = page.evaluate(
        """() => { const w = document.createTreeWalker(document.querySelector('article'),
                                                     NodeFilter.SHOW_TEXT);
                  let n; while ((n = w.nextNode())) {
                    if (n.textContent.includes('Budapest Convention') &&
                        !n.parentElement.closest('h1, h2, h3, pre, code, script, ' +
                          '.cyb-figure, .cell_input, .cyb-scroll, table, ' +
                          'a:not(.cyb-glossary-link)'))
                      return n.parentElement.classList.contains('cyb-glossary-link');
                  } return null; }"""
    )
    assert first_text is True, "the first prose use of 'Budapest Convention' is not the link"


@pytest.mark.parametrize("path", ["book/03_themes.html", "book/04_positions.html"])
def test_print_hides_controls_shows_urls_and_keeps_charts_whole(open_page, path):
    page, _ = open_page(path)
    page.emulate_media(media="print")
    visible = page.evaluate(
        """() => [...document.querySelectorAll(
             'article select, article input, article button, .cyb-controls, .cyb-live-note, ' +
             'details.hide.above-input, .cell_input, .bd-sidebar-primary, .bd-header')]
           .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none')
           .map(e => e.tagName + '.' + e.className)"""
    )
    assert visible == [], f"controls printed on {path}: {visible[:5]}"
    after = page.evaluate(
        """() => { const a = [...document.querySelectorAll('article a[href^="http"]')]
                     .find(a => !a.classList.contains('cyb-glossary-link'));
                   return a ? [a.href, getComputedStyle(a, '::after').content] : null; }"""
    )
    if after:
        assert after[0].rstrip("/") in after[1], f"link URL not printed: {after}"
    breaks = page.evaluate(
        "[...document.querySelectorAll('.cyb-figure')].map(f => getComputedStyle(f).breakInside)"
    )
    assert breaks and set(breaks) == {"avoid"}, breaks


def _search(open_page, query: str):
    page, log = open_page("search.html?q=" + urllib.parse.quote(query), wait_charts=False)
    page.wait_for_function(
        "() => /Search finished/.test(document.querySelector('#search-results')?.innerText || '')",
        timeout=20000,
    )
    # each result's snippet comes from a fetch of its page: wait until those fetches are done
    page.wait_for_load_state("networkidle")
    results = page.evaluate(
        """() => [...document.querySelectorAll('#search-results ul.search > li')].map(li => ({
              title: li.querySelector('a').innerText.trim(),
              href: li.querySelector('a').getAttribute('href'),
              snippet: (li.querySelector('p.context') || {innerText: ''}).innerText}))"""
    )
    return results, log


@pytest.mark.parametrize(
    ("query", "page_title"),
    [("74/247", "Positions on a new treaty"), ("A/C.3/72/12", "Positions on a new treaty")],
)
def test_search_finds_un_symbols_with_readable_snippets(open_page, query, page_title):
    results, log = _search(open_page, query)
    titles = [r["title"] for r in results]
    assert page_title in titles, f"{query}: {titles}"
    assert "Glossary" in titles
    found = [r for r in results if r["title"] == page_title][0]
    assert query in found["snippet"], found
    for r in results:
        if not r["snippet"]:
            continue
        # the symbol stands as a whole: never glued to the text of the next cell or word
        glued = re.search(r"\w" + re.escape(query) + r"|" + re.escape(query) + r"\w", r["snippet"])
        assert not glued, f"run-together snippet for {query}: {r['snippet']}"
        # the page's toolbar and the charts' tools are not text of the page
        for tool in ("Open issue", "Repository", "Download data (CSV)", "Download image (PNG)"):
            assert tool not in r["snippet"], f"{tool!r} in the snippet of {r['title']}"
    # the pages that only share a letter or a number with the symbol are not results
    assert len(results) < len(PAGES) + 4
    assert not log.unexpected_console_errors()


def test_search_snippet_separates_table_cells(open_page):
    results, _ = _search(open_page, "vote_74_247")
    # the data dictionary (chapter 2) holds the column in a table; the API reference names it in
    # docstring prose, which may rank first and has no cells to separate
    snippets = [
        r["snippet"]
        for r in results
        if "vote_74_247" in r["snippet"] and "02_report" in (r["href"] or "")
    ]
    assert snippets, results
    assert " · " in snippets[0], snippets[0]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["book/01_introduction.html", "book/05_states.html"])
def test_cite_box_carries_version_and_date_from_citation_cff(open_page, path, width):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    version, released = str(cff["version"]), str(cff["date-released"])
    page, _ = open_page(path, width=width, wait_charts=False)
    box = page.locator("details.cyb-cite")
    assert box.count() == 1
    box.locator("summary").click()
    apa = box.locator(".cyb-cite-apa").inner_text()
    bib = box.locator(".cyb-cite-bibtex").inner_text()
    assert f"(Version {version})" in apa and f"({released[:4]})" in apa and cff["title"] in apa
    assert re.search(r"version\s*=\s*\{" + re.escape(version) + r"\}", bib), bib
    assert re.search(r"date\s*=\s*\{" + re.escape(released) + r"\}", bib), bib
    assert bib.startswith("@software{")
    right = box.evaluate("b => b.getBoundingClientRect().right")
    assert right <= width, f"cite box wider than the {width} px screen"
