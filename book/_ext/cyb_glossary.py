"""Glossary links: the first use of each glossary term on a page links to its entry.

The terms are those of the ``glossary`` directives of ``book/glossary.md`` (Sphinx's standard
domain records each with its anchor ``term-…``); a glossary entry with several terms (``WEOG`` /
``Western European and Others Group``) is linked once per page, at the first use of any of them.
Terms with a capital letter or a digit match exactly (``UNODC``, ``74/247``); lower-case terms
match in any case (``recorded vote``). Code, headings, captions, existing links, API signatures,
citations and raw HTML (charts, tables made by the helpers) are left alone, so the chapters need
no edits. The glossary page itself is not linked to itself.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

GLOSSARY_DOC = "book/glossary"

#: Text inside these nodes is never linked.
SKIP = (
    nodes.reference,
    nodes.literal,
    nodes.FixedTextElement,
    nodes.title,
    nodes.subtitle,
    nodes.caption,
    nodes.rubric,
    nodes.raw,
    nodes.comment,
    nodes.term,
    nodes.target,
    nodes.citation,
    nodes.citation_reference,
    nodes.footnote,
    nodes.footnote_reference,
    nodes.field_name,
    nodes.abbreviation,
    addnodes.desc,
    addnodes.pending_xref,
    addnodes.toctree,
    addnodes.compact_paragraph,
)


def term_targets(env) -> dict[str, tuple[str, str]]:
    """``{term text: (docname, anchor)}`` of every glossary term of the book."""
    std = env.get_domain("std")
    return {
        name: (docname, anchor)
        for (objtype, name), (docname, anchor) in std.objects.items()
        if objtype == "term"
    }


def entry_of(env, app) -> dict[str, str]:
    """``{anchor: anchor of the entry's first term}``: terms of one entry count as one."""
    cached = getattr(app, "_cyb_glossary_entries", None)
    if cached is not None:
        return cached
    entries: dict[str, str] = {}
    if GLOSSARY_DOC in env.all_docs:
        for item in env.get_doctree(GLOSSARY_DOC).findall(nodes.definition_list_item):
            ids = [i for term in item.findall(nodes.term) for i in term["ids"]]
            for anchor in ids:
                entries[anchor] = ids[0]
    app._cyb_glossary_entries = entries
    return entries


def term_pattern(terms: list[str]) -> re.Pattern[str]:
    """One regex matching any term as a whole word, longest terms first."""
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in term.split())
        if term == term.lower() and not any(c.isdigit() for c in term):
            body = f"(?i:{body})"
        parts.append(f"(?P<t{len(parts)}>{body})")
    return re.compile(r"(?<![\w/.-])(?:" + "|".join(parts) + r")(?![\w/-])")


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SKIP):
            return True
        classes = parent.get("classes", []) if isinstance(parent, nodes.Element) else []
        if "cell_input" in classes or "toctree-wrapper" in classes:
            return True
        parent = parent.parent
    return False


class GlossaryLinks(SphinxPostTransform):
    """Link the first use of each glossary entry on a page to the glossary."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        docname = self.env.docname
        targets = term_targets(self.env)
        if not targets or docname == GLOSSARY_DOC:
            return
        terms = sorted(targets)
        pattern = term_pattern(terms)
        entries = entry_of(self.env, self.app)
        done: set[str] = set()
        total = len({entries.get(anchor, anchor) for _, anchor in targets.values()})
        for text in list(self.document.findall(nodes.Text)):
            if len(done) == total:
                break
            if _skipped(text):
                continue
            self._link(text, pattern, terms, targets, entries, done, docname)

    def _link(self, text, pattern, terms, targets, entries, done, docname) -> None:
        source = str(text)
        pieces: list[nodes.Node] = []
        last = 0
        for m in pattern.finditer(source):
            term = terms_by_group(m, terms)
            target = targets[term]
            entry = entries.get(target[1], target[1])
            if entry in done:
                continue
            done.add(entry)
            uri = self.app.builder.get_relative_uri(docname, target[0]) + "#" + target[1]
            if m.start() > last:
                pieces.append(nodes.Text(source[last : m.start()]))
            pieces.append(
                nodes.reference(
                    "",
                    m.group(0),
                    internal=True,
                    refuri=uri,
                    reftitle=f"Glossary: {term}",
                    classes=["cyb-glossary-link"],
                )
            )
            last = m.end()
        if pieces:
            if last < len(source):
                pieces.append(nodes.Text(source[last:]))
            text.parent.replace(text, pieces)


def terms_by_group(match: re.Match[str], terms: list[str]) -> str:
    """The term (as written in the glossary) that ``match`` found."""
    ordered = sorted(terms, key=len, reverse=True)
    for name, value in match.groupdict().items():
        if value is not None:
            return ordered[int(name[1:])]
    raise ValueError(match.group(0))


def _outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    """A changed glossary changes the links of every page: rewrite them all."""
    if GLOSSARY_DOC in added | changed | removed:
        return sorted(env.found_docs)
    return []


def setup(app: Sphinx) -> dict:
    app.add_post_transform(GlossaryLinks)
    app.connect("env-get-outdated", _outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
