"""Every notebook of the book, run live in JupyterLab; every ipywidgets control used.

For each notebook: open it, run all cells, check that every code cell ran without an error,
that every plotly figure drew and every widget rendered; then find the ipywidgets controls by
their DOM classes (dropdowns, multi-selects, text boxes, buttons, checkboxes), use each one and
check that the widget's output changes to what the data says it must show. What a control is
for is recognised from its options compared with the data (theme labels, instruments, actors,
report items, State names), and the expected output is computed from the package's tables, not
copied from the notebooks. A control the test cannot recognise still has to change the output
and show the chosen option; a kind of control the test does not know fails the test.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import pytest

from .conftest import book_notebooks

NOTEBOOKS = book_notebooks()
CHANGE_TIMEOUT = 20  # s, for a widget's output to answer a change (about 1 s when idle)
RUN_TIMEOUT = 240_000  # ms, for all cells of a notebook to run

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_ROOT = ".jp-OutputArea-output:has(> .jupyter-widgets)"
RESULT = ".widget-html-content, .widget-output .jp-OutputArea"

# JavaScript run in the JupyterLab page (exposed as window.jupyterapp by the server option
# --LabApp.expose_app_in_browser).
JS_PANEL = "(id) => [...window.jupyterapp.shell.widgets('main')].find(w => w.id === id)"
JS_OPEN = """async (path) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await panel.context.ready;
  await panel.sessionContext.ready;
  app.shell.activateById(panel.id);
  return panel.id;
}"""
JS_IDLE = f"""(id) => {{
  const p = ({JS_PANEL})(id);
  const k = p && p.sessionContext.session && p.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}}"""
JS_RUN_ALL = f"""async (id) => {{
  const app = window.jupyterapp;
  app.shell.activateById(id);
  await app.commands.execute('notebook:run-all-cells');
  return ({JS_PANEL})(id).sessionContext.session.kernel.id;
}}"""
JS_ALL_RAN = f"""(id) => {{
  const p = ({JS_PANEL})(id);
  return p.sessionContext.session.kernel.status === 'idle' &&
    [...p.content.model.cells].every(c => c.type !== 'code' || c.executionCount !== null);
}}"""
JS_CELLS = f"""(id) => [...({JS_PANEL})(id).content.model.cells]
  .filter(c => c.type === 'code')
  .map(c => ({{count: c.executionCount, outputs: c.outputs.toJSON().map(o => ({{
    type: o.output_type, ename: o.ename || null, evalue: o.evalue || null,
    mimes: Object.keys(o.data || {{}})}}))}}))"""
JS_CLOSE = f"""async (id) => {{
  const p = ({JS_PANEL})(id);
  if (!p) return;
  await p.sessionContext.shutdown();
  p.context.model.dirty = false;
  p.dispose();
}}"""
JS_CONTROLS = """(root) => [...root.querySelectorAll('select, input, textarea, button')].map(el => {
  if (el.tagName === 'SELECT') return el.multiple ? 'multi' : 'dropdown';
  if (el.tagName === 'TEXTAREA') return 'text';
  if (el.tagName === 'BUTTON') return 'button';
  const type = (el.getAttribute('type') || 'text').toLowerCase();
  if (['text', 'search'].includes(type)) return 'text';
  if (type === 'checkbox') return 'checkbox';
  return 'unknown input type=' + type;
})"""
JS_TABLE_IDS = """(root) => [...root.querySelectorAll('.widget-html-content table tbody tr')]
  .map(tr => (tr.querySelector('td') || {}).textContent).filter(Boolean).map(s => s.trim())"""
JS_TABLE_ROWS = """(root) => [...root.querySelectorAll('.widget-html-content table tbody tr')]
  .map(tr => [...tr.children].map(td => td.textContent.trim()))"""
JS_TABLE_HEAD = """(root) => [...root.querySelectorAll('.widget-html-content table thead th')]
  .map(th => th.textContent.trim())"""
LOCATORS = {
    "dropdown": "select:not([multiple])",
    "multi": "select[multiple]",
    "text": "input[type=text], input[type=search], input:not([type]), textarea",
    "button": "button",
    "checkbox": "input[type=checkbox]",
}


def norm(text: str) -> str:
    """Whitespace collapsed (non-breaking spaces included), for comparing rendered text."""
    return " ".join(str(text).replace("\xa0", " ").split())


class Data:
    """What the widgets must show, computed from the package's tables."""

    @cached_property
    def recommendations(self):
        import cybercrime_eg as eg

        return eg.recommendations()

    @cached_property
    def paragraphs(self):
        import cybercrime_eg as eg

        return eg.paragraphs()

    @cached_property
    def mentions(self):
        import cybercrime_eg as eg

        return eg.mentions()

    @cached_property
    def theme_items(self) -> dict[str, set[str]]:
        """Theme label -> ids of the recommendations tagged with it."""
        import cybercrime_eg as eg
        from cybercrime_eg.taxonomy import load_taxonomy

        labels = {t.id: t.label for t in load_taxonomy().themes}
        tags = eg.themes_table()
        ids = set(self.recommendations["id"].astype(str))
        out: dict[str, set[str]] = {}
        for row in tags.itertuples(index=False):
            if str(row.item_id) in ids:
                out.setdefault(labels[str(row.theme)], set()).add(str(row.item_id))
        return out

    def naming(self, entity: str, kinds: tuple[str, ...]) -> set[str]:
        """Ids of the recommendations whose text names ``entity`` (a mention of those kinds)."""
        m = self.mentions[
            (self.mentions["entity"].astype(str) == entity) & self.mentions["kind"].isin(kinds)
        ]
        return {
            str(r.id)
            for r in self.recommendations.itertuples(index=False)
            if ((m["start"] >= r.start) & (m["end"] <= r.end)).any()
        }

    def entities(self, kinds: tuple[str, ...]) -> set[str]:
        return set(self.mentions.loc[self.mentions["kind"].isin(kinds), "entity"].astype(str))

    def containing(self, word: str) -> set[str]:
        """Ids of the recommendations whose text contains ``word`` (any case)."""
        w = word.casefold()
        return {
            str(r.id)
            for r in self.recommendations.itertuples(index=False)
            if w in str(r.text).casefold()
        }

    @cached_property
    def search_word(self) -> str:
        """A word in some recommendations but not most: a free-text search must narrow."""
        n = len(self.recommendations)
        counts: Counter[str] = Counter()
        for text in self.recommendations["text"].astype(str):
            counts.update({w.casefold() for w in re.findall(r"[A-Za-z]{7,}", text)})
        fits = sorted((c, w) for w, c in counts.items() if 2 <= c <= n // 3)
        return fits[len(fits) // 2][1]

    @cached_property
    def report_units(self) -> dict[str, str]:
        """Recommendation ids and paragraph numbers -> their text."""
        units = {str(r.id): str(r.text) for r in self.recommendations.itertuples(index=False)}
        for p in self.paragraphs.itertuples(index=False):
            units.setdefault(str(p.number), str(p.text))
        return units

    def state_facts(self, names: list[str]) -> dict[str, list[str | None]]:
        """States-table column -> its value (text, or None when missing) for each State."""
        import cybercrime_eg as eg

        table = eg.states_table().drop_duplicates("name").set_index("name")
        out: dict[str, list[str | None]] = {}
        for col in table.columns:
            values = [table.at[n, col] if n in table.index else None for n in names]
            out[col] = [
                None
                if v is None or v is pd.NA or pd.isna(v)
                else v.strftime("%Y-%m-%d")
                if hasattr(v, "strftime")
                else str(v)
                for v in values
            ]
        return out

    @cached_property
    def state_names(self) -> set[str]:
        import cybercrime_eg as eg

        return set(eg.states_table()["name"].astype(str)) | set(
            eg.participants()["name"].astype(str)
        )


DATA = Data()


@dataclass
class Explorer:
    """One ipywidgets output in the notebook: its root element in the page."""

    page: object
    root: object

    def result(self) -> str:
        return norm(" ".join(self.root.locator(RESULT).all_inner_texts()))

    def ids(self) -> list[str]:
        return self.root.evaluate(JS_TABLE_IDS)

    def rows(self) -> list[list[str]]:
        return [[norm(c) for c in row] for row in self.root.evaluate(JS_TABLE_ROWS)]

    def head(self) -> list[str]:
        return [norm(h) for h in self.root.evaluate(JS_TABLE_HEAD)]

    def wait_change(self, before: str, what: str) -> str:
        deadline = CHANGE_TIMEOUT * 1000
        waited = 0
        while waited < deadline:
            now = self.result()
            if now != before:
                self.page.wait_for_timeout(300)  # let the rest of the update land
                return self.result()
            self.page.wait_for_timeout(200)
            waited += 200
        raise AssertionError(f"{what}: the output did not change in {CHANGE_TIMEOUT} s")


def _options(select) -> list[tuple[str, bool]]:
    """(value, selected) of every option; a Dropdown's option value is its label."""
    return select.evaluate("s => [...s.options].map(o => [o.value, o.selected])")


def _filter_kind(labels: set[str]) -> str | None:
    """Which explorer filter a dropdown is, from its options compared with the data."""
    if not labels:
        return None
    if labels <= set(DATA.theme_items):
        return "theme"
    if labels <= DATA.entities(("instrument", "document")):
        return "instrument"
    if labels & DATA.entities(("organization", "company", "state")):
        return "actor"
    return None


def _use_dropdown(ex: Explorer, select, name: str) -> None:
    options = _options(select)
    values = [v for v, _ in options]
    initial = next(v for v, sel in options if sel)
    before = ex.result()
    any_value = next((v for v in values if norm(v).startswith("(")), None)
    filters = {v for v in values if v != any_value}
    kind = _filter_kind(filters) if any_value is not None else None
    units = DATA.report_units
    if kind == "theme":
        # the theme with the fewest recommendations: the filter must narrow the table
        choice = min(filters, key=lambda v: (len(DATA.theme_items[v]), v))
        expected = DATA.theme_items[choice]
    elif kind == "instrument":
        choice = sorted(filters)[0]
        expected = DATA.naming(choice, ("instrument", "document"))
    elif kind == "actor":
        named = sorted(filters & DATA.entities(("state", "company")))
        choice = named[0] if named else sorted(filters & DATA.entities(("organization",)))[0]
        expected = DATA.naming(choice, ("organization", "company", "state"))
    else:
        choice = next(v for v in reversed(values) if v != initial)
        expected = None
    select.select_option(value=choice)
    after = ex.wait_change(before, f"{name}: choosing {choice!r}")
    if kind is not None:
        assert set(ex.ids()) == expected, f"{name} = {choice!r}: wrong recommendations shown"
        assert expected, f"{name} = {choice!r}: the data names no recommendation"
    elif all(norm(v).split(" ")[-1] in units for v in values):
        # a report-item chooser ("Item 1(k)(v)", "Paragraph 8"): it shows that unit's text
        unit, was = norm(choice).split(" ")[-1], norm(initial).split(" ")[-1]
        assert norm(units[unit]) in after, f"{name} = {choice!r}: the item's text is not shown"
        assert norm(choice) in after
        if norm(units[was]) not in norm(units[unit]):
            assert norm(units[was]) not in after, f"{name}: {initial!r} still shown"
    else:
        assert norm(choice) in after, f"{name}: {choice!r} chosen but not shown"
    # back to where it was: the output is a function of the choice
    select.select_option(value=initial)
    ex.wait_change(after, f"{name}: back to {initial!r}")
    assert ex.result() == before, f"{name}: returning to {initial!r} did not restore the output"


def _use_multi(ex: Explorer, select, name: str) -> None:
    options = _options(select)
    values = [v for v, _ in options]
    initial = [v for v, sel in options if sel]
    before = ex.result()
    choice = [v for v in values if v not in initial][-2:]
    assert choice, f"{name}: nothing left to select"
    select.select_option(value=choice)
    after = ex.wait_change(before, f"{name}: selecting {choice}")
    if set(values) <= DATA.state_names:
        # a comparison of States: one column per chosen State, in the list's order, and each
        # fact that is a column of the States table shows that table's value for the State
        chosen = [v for v in values if v in choice]
        assert ex.head()[1:] == [norm(v) for v in chosen], name
        facts = DATA.state_facts(chosen)
        checked = 0
        for row in ex.rows():
            assert len(row) == 1 + len(chosen), f"{name}: row {row[0]!r} is incomplete"
            key = row[0].casefold().replace(" ", "_")
            if key in facts:
                for cell, value in zip(row[1:], facts[key], strict=True):
                    if value is not None:
                        assert cell == value, f"{name}: {row[0]} shows {cell!r}, data {value!r}"
                        checked += 1
        assert checked >= 2 * len(chosen), f"{name}: too few facts to check ({checked})"
    for v in choice:
        assert norm(v) in after, f"{name}: {v!r} selected but not shown"
    select.select_option(value=initial)
    ex.wait_change(after, f"{name}: back to {initial}")
    assert ex.result() == before


def _use_text(ex: Explorer, box, name: str) -> None:
    before = ex.result()
    initial = box.input_value()
    word = DATA.search_word
    box.click()
    box.fill(word)
    box.press("Enter")
    after = ex.wait_change(before, f"{name}: typing {word!r}")
    shown = set(ex.ids())
    expected = DATA.containing(word)
    if shown or expected:
        assert shown == expected, f"{name} = {word!r}: wrong recommendations shown"
    else:
        assert word in after.casefold()
    box.fill(initial)
    box.press("Enter")
    ex.wait_change(after, f"{name}: cleared")
    assert ex.result() == before


def _use_click(ex: Explorer, control, name: str) -> None:
    before = ex.result()
    control.click()
    ex.wait_change(before, f"{name}: clicked")


USE = {
    "dropdown": _use_dropdown,
    "multi": _use_multi,
    "text": _use_text,
    "button": _use_click,
    "checkbox": _use_click,
}


@pytest.fixture()
def notebook(lab, lab_server):
    """Open a notebook in the session's JupyterLab page; shut its kernel down afterwards."""
    opened: list[str] = []

    def _open(path: str) -> str:
        panel = lab.page.evaluate(JS_OPEN, path)
        opened.append(panel)
        lab.page.wait_for_function(JS_IDLE, arg=panel, timeout=120_000)
        return panel

    yield _open
    for panel in opened:
        lab.page.evaluate(JS_CLOSE, panel)
    left = [k["id"] for k in lab_server.kernels()]
    assert not left, f"kernels still running after the notebook closed: {left}"


def test_lab_has_the_widget_and_plotly_extensions(lab):
    names = lab.page.evaluate(
        "() => JSON.parse(document.getElementById('jupyter-config-data').textContent)"
        ".federated_extensions.map(e => e.name)"
    )
    assert "@jupyter-widgets/jupyterlab-manager" in names
    assert "jupyterlab-plotly" in names


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 2, NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_runs_live_and_its_widgets_answer(lab, notebook, path):
    page = lab.page
    blocked, page_errors = len(lab.blocked), len(lab.page_errors)
    panel = notebook(path)
    page.evaluate(JS_RUN_ALL, panel)
    page.wait_for_function(JS_ALL_RAN, arg=panel, timeout=RUN_TIMEOUT)

    cells = page.evaluate(JS_CELLS, panel)
    assert all(c["count"] is not None for c in cells), "a code cell did not run"
    errors = [f"{o['ename']}: {o['evalue']}" for c in cells for o in c["outputs"] if o["ename"]]
    errors += [o["type"] for c in cells for o in c["outputs"] if o["type"] == "error"]
    assert not errors, f"{path}: cells raised {errors}"

    scope = page.locator(f"#{panel}")
    n_plotly = sum(PLOTLY_MIME in o["mimes"] for c in cells for o in c["outputs"])
    n_widgets = sum(WIDGET_MIME in o["mimes"] for c in cells for o in c["outputs"])
    drawn = scope.locator(".js-plotly-plot:has(svg.main-svg)")
    if n_plotly:
        drawn.nth(n_plotly - 1).wait_for(state="attached")
    assert drawn.count() == n_plotly, f"{path}: {drawn.count()} of {n_plotly} figures drew"
    roots = scope.locator(WIDGET_ROOT)
    if n_widgets:
        roots.nth(n_widgets - 1).wait_for(state="attached")
    assert roots.count() == n_widgets, f"{path}: {roots.count()} of {n_widgets} widgets rendered"

    used = Counter()
    for i in range(n_widgets):
        ex = Explorer(page, roots.nth(i))
        kinds = ex.root.evaluate(JS_CONTROLS)
        unknown = [k for k in kinds if k not in USE]
        assert not unknown, f"{path}: widget {i} has controls this test cannot use: {unknown}"
        for kind in dict.fromkeys(kinds):
            controls = ex.root.locator(LOCATORS[kind])
            assert controls.count() == kinds.count(kind)
            for j in range(controls.count()):
                control = controls.nth(j)
                control.scroll_into_view_if_needed()
                USE[kind](ex, control, f"{path} widget {i} {kind} {j}")
                used[kind] += 1
    assert sum(used.values()) == sum(
        len(Explorer(page, roots.nth(i)).root.evaluate(JS_CONTROLS)) for i in range(n_widgets)
    )
    assert not lab.blocked[blocked:], f"{path}: requests left 127.0.0.1: {lab.blocked[blocked:]}"
    assert not lab.page_errors[page_errors:], lab.page_errors[page_errors:]


def test_some_notebook_has_each_kind_of_explorer():
    """The widgets this test exists for are still in the book (a vacuous pass would hide it)."""
    import json

    from .conftest import BOOK

    sources = "\n".join(
        "".join(c["source"])
        for nb in NOTEBOOKS
        for c in json.loads((BOOK / nb).read_text())["cells"]
        if c["cell_type"] == "code"
    )
    for builder in ("report_reader", "theme_explorer", "state_comparison"):
        assert f"{builder}(" in sources, f"no notebook builds the {builder} widget any more"
