"""Search that finds UN document symbols and shows readable snippets.

Sphinx's English search splits "74/247" into "74" and "247" and then drops both as numbers, and
splits "A/C.3/72/12" into single letters and numbers that match every page. Here:

* :class:`SymbolSearchEnglish` (the ``en`` search language of the book) indexes a symbol such as
  ``A/RES/74/247`` as a whole, its trailing number pair (``74/247``) and its words, and its
  ``splitQuery`` keeps a typed symbol in one piece, so both queries find the pages that use them;
* raw HTML of the notebooks (tables, lists made by the helpers) gets a space between adjacent
  cells, rows and list items, so that neither the index nor the snippet runs cells together
  (whitespace between these elements does not change how they are drawn);
* ``cyb-search.js`` makes the snippet text from the page with a separator between table cells
  and line breaks between blocks, and leaves out code and charts.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import search
from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish
from sphinx.transforms.post_transforms import SphinxPostTransform

#: A UN symbol (``A/C.3/72/12``, ``A/RES/74/247``, ``UNODC/CCPCJ/EG.4/2017/4``), a number pair
#: (``74/247``), or a plain word.
SYMBOL = r"[A-Za-z]+(?:/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)+|\d+(?:/\d+)+"
WORD = re.compile(rf"{SYMBOL}|\w+")
IS_SYMBOL = re.compile(rf"^(?:{SYMBOL})$")
TAIL = re.compile(r"\d+/\d+$")

JS_SPLITTER = r"""
function splitQuery(query) {
  const re = /[A-Za-z]+(?:\/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)+|\d+(?:\/\d+)+|[\p{L}\p{N}_]+/gu;
  return query.match(re) || [];
}
"""


class SymbolSearchEnglish(SearchEnglish):
    """English search that keeps UN symbols whole (see the module docstring)."""

    js_splitter_code = JS_SPLITTER

    def split(self, input: str) -> list[str]:
        out: list[str] = []
        for token in WORD.findall(input):
            out.append(token)
            if IS_SYMBOL.match(token):
                tail = TAIL.search(token)
                if tail and tail.group(0) != token:
                    out.append(tail.group(0))
                out.extend(re.findall(r"\w+", token))
        return out


_ADJACENT = re.compile(r"(?<=>)(?=<(?:td|th|tr|li|dt|dd|option)\b)", re.IGNORECASE)
_SCRIPT = re.compile(r"(<script\b.*?</script>|<pre\b.*?</pre>)", re.IGNORECASE | re.DOTALL)


def space_cells(markup: str) -> str:
    """``markup`` with a space between adjacent cells, rows and list items (not in scripts)."""
    parts = _SCRIPT.split(markup)
    return "".join(p if i % 2 else _ADJACENT.sub(" ", p) for i, p in enumerate(parts))


class SpaceRawCells(SphinxPostTransform):
    """Put a space between adjacent table cells and list items of raw HTML outputs."""

    default_priority = 950
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            text = raw.astext()
            spaced = space_cells(text)
            if spaced != text:
                raw.replace_self(nodes.raw("", spaced, format=raw["format"]))


def setup(app: Sphinx) -> dict:
    search.languages["en"] = SymbolSearchEnglish
    app.add_post_transform(SpaceRawCells)
    app.add_js_file("cyb-search.js")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
