"""The public API checks its arguments: a wrong one fails at once with a one-line TypeError or
ValueError that names the argument and what was expected, never an AttributeError, KeyError or
IsADirectoryError from deep inside; ``report_view`` refuses the raw text of another report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import cybercrime_eg as eg
from cybercrime_eg import checks, external
from cybercrime_eg.package import OutputError
from cybercrime_eg.states import most_similar, similarity_matrix, state_similarity

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OTHER_REPORT = FIXTURES / "eg-2020-international-cooperation.txt"
WRONG = {
    "None": None,
    "int": 3,
    "empty DataFrame": pd.DataFrame(),
    "directory": "<dir>",
}


def _report_kw(name: str):
    return lambda value: getattr(eg, name)(report=value)


def _viz(name: str):
    def call(**kwargs):
        from cybercrime_eg import viz

        return getattr(viz, name)(**kwargs)

    return call


# (label, call with the wrong value, argument name, values for which None is the default)
# Every function re-exported by ``cybercrime_eg`` that takes an argument, the loaders of
# ``cybercrime_eg.external`` that take a folder, the similarity functions and report_view.
LOADERS = [
    "report_info",
    "paragraphs",
    "recommendations",
    "participants",
    "mentions",
    "unparsed_sentences",
    "raw_text",
    "themes_table",
    "states_table",
    "crosswalk",
    "load_report",
    "report_facts",
]
CASES: list[tuple[str, object, str, bool]] = [
    *[(f"eg.{name}", _report_kw(name), "report", True) for name in LOADERS],
    ("eg.parse_report", lambda v: eg.parse_report(v), "path", False),
    ("eg.parse_text", lambda v: eg.parse_text(v), "raw", False),
    ("eg.clean", lambda v: eg.clean(v), "raw", False),
    ("eg.resolve_state", lambda v: eg.resolve_state(v), "name", False),
    ("eg.read_table", lambda v: eg.read_table(v), "path", False),
    ("eg.data_dictionary", lambda v: eg.data_dictionary(v), "datapackage", True),
    ("eg.datapackage", lambda v: eg.datapackage(v), "folder", True),
    ("eg.gold_labels", lambda v: eg.gold_labels(path=v), "path", True),
    ("eg.heldout_texts", lambda v: eg.heldout_texts(v), "path", True),
    (
        "eg.write_package(report)",
        lambda v: eg.write_package(v, "/nonexistent-out"),
        "report",
        False,
    ),
    ("external.load", lambda v: external.load("votes_73_187", v), "external_dir", True),
    ("external.votes", lambda v: external.votes(v), "external_dir", True),
    ("external.reference", lambda v: external.reference(v), "external_dir", True),
    ("state_similarity", lambda v: state_similarity(v), "states_df", False),
    ("similarity_matrix", lambda v: similarity_matrix(v), "states_df", False),
    ("most_similar", lambda v: most_similar(v, "EST"), "states_df", False),
]


@pytest.fixture(scope="module")
def shipped():
    return {
        "paragraphs": eg.paragraphs(),
        "recommendations": eg.recommendations(),
        "mentions": eg.mentions(),
        "raw": eg.raw_text(),
        "info": eg.report_info(),
        "themes": eg.themes_table(),
    }


def _view_case(argument: str):
    def call(value, tables):
        from cybercrime_eg import viz

        kwargs = {k: tables[k] for k in ("paragraphs", "recommendations", "mentions", "raw")}
        kwargs[argument] = value
        return viz.report_view(**kwargs)

    return call


VIEW_ARGUMENTS = ["paragraphs", "recommendations", "mentions", "raw"]


def _value(label: str, tmp_path: Path) -> object:
    value = WRONG[label]
    return str(tmp_path) if isinstance(value, str) and value == "<dir>" else value


def _assert_named(exc: BaseException, argument: str, value: object) -> None:
    message = str(exc)
    assert isinstance(exc, TypeError | ValueError), f"{type(exc).__name__}: {message}"
    assert "\n" not in message
    assert message.startswith(f"{argument}:") or f"{argument}:" in message.split(" ")[0], message
    assert "expected" in message
    if value is not None and not isinstance(value, str):
        assert type(value).__name__ in message  # what was given: its type, not its repr


def _applies(case: tuple[str, object, str, bool], label: str) -> bool:
    """None is the default of some arguments (the shipped tables), and a folder's name is a
    str, which the functions that take text or a name accept as such."""
    name, _, _, none_ok = case
    if label == "None" and none_ok:
        return False
    return not (label == "directory" and name in ("eg.parse_text", "eg.clean", "eg.resolve_state"))


PAIRS = [(case, label) for case in CASES for label in WRONG if _applies(case, label)]


@pytest.mark.parametrize(
    ("case", "label"), PAIRS, ids=[f"{case[0]}-{label}" for case, label in PAIRS]
)
def test_public_functions_name_the_wrong_argument(tmp_path, case, label):
    name, call, argument, _ = case
    value = _value(label, tmp_path)
    if name == "eg.parse_report" and label == "directory":
        with pytest.raises(eg.ParseError, match="is a folder: expected a report text file"):
            call(value)
        return
    with pytest.raises((TypeError, ValueError)) as info:
        call(value)
    _assert_named(info.value, argument, value)


@pytest.mark.parametrize("label", list(WRONG))
@pytest.mark.parametrize("argument", VIEW_ARGUMENTS)
def test_report_view_names_the_wrong_argument(tmp_path, shipped, argument, label):
    value = _value(label, tmp_path)
    if argument == "raw" and label == "directory":
        value = 3.5  # a str would be text; the folder case is a number here
    with pytest.raises((TypeError, ValueError)) as info:
        _view_case(argument)(value, shipped)
    _assert_named(info.value, argument, value)


def test_report_view_accepts_the_tables_with_their_text(shipped):
    from cybercrime_eg import viz

    view = viz.report_view(**shipped)
    assert "cyb-report" in view.html
    plain = {k: shipped[k] for k in VIEW_ARGUMENTS}
    assert viz.report_view(**plain).html.count("cyb-para") == len(shipped["paragraphs"])


@pytest.mark.parametrize("with_info", [True, False], ids=["hash in info", "no info: offsets"])
def test_report_view_refuses_another_reports_text(shipped, with_info):
    from cybercrime_eg import viz

    other = OTHER_REPORT.read_text(encoding="utf-8")
    kwargs = {**shipped, "raw": other}
    if not with_info:
        kwargs["info"] = None
    with pytest.raises(ValueError, match="^raw: is not the text these tables were parsed from"):
        viz.report_view(**kwargs)


def test_report_view_refuses_a_longer_text_of_another_report(shipped):
    """The other way round: the 2020 tables with the (longer) shipped text, no info."""
    from cybercrime_eg import viz

    tables = {
        "paragraphs": eg.paragraphs(OTHER_REPORT),
        "recommendations": eg.recommendations(OTHER_REPORT),
        "mentions": eg.mentions(OTHER_REPORT),
    }
    assert len(shipped["raw"]) > int(tables["paragraphs"]["end"].max())  # offsets all fit
    viz.report_view(**tables, raw=eg.raw_text(OTHER_REPORT))  # its own text is accepted
    with pytest.raises(ValueError, match="to read as paragraphs"):
        viz.report_view(**tables, raw=shipped["raw"])
    info = eg.report_info(OTHER_REPORT)
    with pytest.raises(ValueError, match="SHA-256"):
        viz.report_view(**tables, raw=shipped["raw"], info=info)


def test_report_view_refuses_one_changed_character(shipped):
    from cybercrime_eg import viz

    raw = shipped["raw"]
    end = int(shipped["paragraphs"]["end"].iloc[-1])
    changed = raw[: end - 2] + ("x" if raw[end - 2] != "x" else "y") + raw[end - 1 :]
    plain = {k: shipped[k] for k in ("paragraphs", "recommendations", "mentions")}
    with pytest.raises(ValueError, match="^raw: is not the text"):
        viz.report_view(**plain, raw=changed)
    with pytest.raises(ValueError, match="SHA-256"):
        viz.report_view(**plain, raw=changed, info=shipped["info"])


@pytest.fixture(scope="module")
def states():
    return eg.states_table()


@pytest.mark.parametrize("n", [0, -1, -100])
def test_most_similar_needs_n_of_at_least_one(states, n):
    with pytest.raises(ValueError, match=rf"^n: expected an integer of at least 1, got {n}$"):
        most_similar(states, "EST", n=n)


@pytest.mark.parametrize("n", [2.5, "3", True, None])
def test_most_similar_needs_an_integer_n(states, n):
    with pytest.raises(TypeError, match="^n: expected an integer of at least 1, got"):
        most_similar(states, "EST", n=n)


def test_most_similar_returns_n_rows(states):
    assert len(most_similar(states, "EST", n=1)) == 1
    assert len(most_similar(states, "EST", n=3)) == 3


def test_similarity_attributes_must_be_a_list(states):
    with pytest.raises(TypeError, match="^attributes: expected a list of column names, got str"):
        state_similarity(states, attributes="regional_group")


def test_a_frame_without_the_columns_names_them(states):
    with pytest.raises(ValueError, match=r"^states_df: .*missing \['name'\]"):
        state_similarity(states.drop(columns=["name"]))


def test_a_missing_report_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="^report: expected the path of a report text file, got a"):
        eg.paragraphs(tmp_path / "no-such-report.txt")


def test_an_unknown_table_name_is_named(tmp_path):
    with pytest.raises(ValueError, match="^name: expected the name of a table"):
        eg.read_table(tmp_path / "x.csv", "no_such_table")


def test_write_package_checks_out_and_external_dir(tmp_path, report):
    afile = tmp_path / "a-file"
    afile.write_text("x")
    with pytest.raises(TypeError, match="^out: expected the path of an output folder .*got int"):
        eg.write_package(report, 3)
    with pytest.raises(OutputError, match="exists and is not a folder"):
        eg.write_package(report, afile)
    assert afile.read_text() == "x"
    with pytest.raises(TypeError, match="^external_dir: expected .*got int"):
        eg.write_package(report, tmp_path / "out", 3)
    assert not (tmp_path / "out").exists()  # nothing written


def test_external_dir_without_the_table_is_named(tmp_path):
    with pytest.raises(ValueError, match="^external_dir: expected a folder holding votes_73_187"):
        external.load("votes_73_187", tmp_path)


def test_a_huge_value_is_not_echoed(tmp_path):
    """Messages name the type, never the repr of a big value; a long path is cut."""
    big = pd.DataFrame({"x": range(100_000)})
    with pytest.raises(TypeError) as info:
        eg.paragraphs(big)
    assert len(str(info.value)) < 200
    long = tmp_path / ("d" * 200)
    long.mkdir()
    with pytest.raises(ValueError) as info:
        eg.paragraphs(long)
    assert len(str(info.value)) < 200 and "…" in str(info.value)


def test_checks_helpers():
    assert checks.require_positive_int("n", 1) == 1
    assert checks.type_name(None) == "None" and checks.type_name(pd.DataFrame()) == "DataFrame"
    with pytest.raises(TypeError, match="^k: expected a str or None, got bytes$"):
        checks.require_str("k", b"x", allow_none=True)
    with pytest.raises(ValueError, match="^p: expected the path of a folder, got a file"):
        checks.require_path("p", __file__, "dir")
    assert checks.require_path("p", Path(__file__)) == Path(__file__)
    with pytest.raises(ValueError, match="with rows, got an empty one"):
        checks.require_frame("f", pd.DataFrame({"a": []}), ["a"], allow_empty=False)


def test_a_fifo_is_not_a_file(tmp_path):
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match="^report: .*got a special file"):
        eg.paragraphs(fifo)


def test_a_copy_of_the_shipped_report_is_accepted(tmp_path, report_path):
    copy = tmp_path / report_path.name
    shutil.copyfile(report_path, copy)
    assert len(eg.paragraphs(copy)) == len(eg.paragraphs())


def test_theme_functions_check_their_frames():
    from cybercrime_eg.themes import build_themes_table, evaluate, tag_items

    with pytest.raises(TypeError, match="^items: expected a DataFrame .*got None"):
        tag_items(None, "raw")
    with pytest.raises(ValueError, match=r"^items: .*missing \['start', 'end'\]"):
        tag_items(pd.DataFrame({"id": ["1(a)"]}), "raw")
    with pytest.raises(ValueError, match=r"^items: .*missing \['text'\]"):
        tag_items(pd.DataFrame({"id": ["1(a)"]}), None)
    with pytest.raises(TypeError, match="^raw_text: expected a str, got int"):
        build_themes_table(eg.recommendations(), 3)
    with pytest.raises(ValueError, match=r"^gold: .*missing \['item_id', 'theme'\]"):
        evaluate(eg.themes_table(), pd.DataFrame())
    assert len(tag_items(pd.DataFrame({"id": ["x"], "text": ["electronic evidence"]}), None))


# --- The rest of the public API: the States, positions, crosswalk and chart builders ---------


@pytest.fixture(scope="module")
def valid():
    """Valid arguments for every builder below, from the shipped tables."""
    from cybercrime_eg import budapest_crosswalk as cw
    from cybercrime_eg import states as st
    from cybercrime_eg.items import explorer_items
    from cybercrime_eg.positions import treaty_positions
    from cybercrime_eg.viz import crosswalk as cxv

    table = eg.states_table()
    recs, raw, tags, mentions = (
        eg.recommendations(),
        eg.raw_text(),
        eg.themes_table(),
        eg.mentions(),
    )
    articles = cw.load_articles()
    crosswalk = cw.build_crosswalk(recs, raw, cw.load_rules(), articles)
    return {
        "states": table,
        "facts": st.report_state_facts(table),
        "recs": recs,
        "raw": raw,
        "tags": tags,
        "mentions": mentions,
        "paragraphs": eg.paragraphs(),
        "participants": eg.participants(),
        "reference": external.reference(),
        "positions": treaty_positions(recs, raw, tags, mentions),
        "data": cxv.matrix_data(crosswalk, recs, articles),
        "crosswalk": crosswalk,
        "articles": articles,
        "summary": cw.crosswalk_summary(crosswalk, recs),
        "none_themes": cxv.none_themes(crosswalk, tags),
        "items": explorer_items(recs, tags, mentions, raw),
        "meetings": external.expert_group_meetings(),
        "events": external.treaty_events(),
        "report_facts": eg.report_facts(),
        "labels": {"new-instrument": "New instrument"},
    }


def _builder(module: str, name: str, argument: str, /, *others: str, **fixed: object):
    """Call ``module.name`` with ``argument`` set to the wrong value and every name in
    ``others`` taken from the ``valid`` fixture (``"param=key"`` or ``"key"``)."""

    def call(value, v):
        import importlib

        kwargs = {}
        for other in others:
            param, _, key = other.partition("=")
            kwargs[param] = v[key or param]
        kwargs[argument] = value
        return getattr(importlib.import_module(module), name)(**kwargs, **fixed)

    return call


ST, POS, CW = "cybercrime_eg.states", "cybercrime_eg.positions", "cybercrime_eg.budapest_crosswalk"
V = "cybercrime_eg.viz"
NOT_NONE, NOT_EMPTY, NOT_DIR = "None", "empty DataFrame", "directory"
# (case id, argument, call(value, valid), labels of WRONG that are valid for this argument)
BUILDER_CASES: list[tuple[str, str, object, set[str]]] = [
    *[
        (f"states.{fn}", "states_df", _builder(ST, fn, "states_df"), set())
        for fn in (
            "select_states",
            "missing_facts",
            "participant_profiles",
            "report_state_facts",
            "budapest_by_vote",
            "regional_group_by_vote",
            "vote_changes",
            "vote_change_counts",
            "vote_transitions",
        )
    ],
    ("states.label_missing", "frame", _builder(ST, "label_missing", "frame"), {NOT_EMPTY}),
    (
        "states.representative_states",
        "facts",
        _builder(ST, "representative_states", "facts"),
        set(),
    ),
    (
        "states.crosstab(long)",
        "long",
        _builder(ST, "crosstab", "long", index="budapest_status", columns="vote"),
        set(),
    ),
    (
        "states.crosstab(index)",
        "index",
        lambda value, v: __import__(ST, fromlist=["x"]).crosstab(pd.DataFrame(), value, "vote"),
        {NOT_DIR},
    ),
    (
        "states.build_states_table(participants)",
        "participants",
        _builder(ST, "build_states_table", "participants", "reference"),
        {NOT_NONE, NOT_EMPTY},
    ),
    (
        "states.build_states_table(reference)",
        "reference",
        _builder(ST, "build_states_table", "reference", "participants"),
        set(),
    ),
    (
        "states.unmatched_states(participants)",
        "participants",
        _builder(ST, "unmatched_states", "participants", "reference"),
        {NOT_NONE, NOT_EMPTY},
    ),
    *[
        (f"positions.{fn}(recommendations)", "recommendations", call, set())
        for fn in ("position_records", "treaty_positions", "position_claims", "position_citations")
        for call in [
            _builder(
                POS,
                fn,
                "recommendations",
                "raw_text=raw",
                "tags",
                *(["mentions"] if fn != "position_claims" else []),
            )
        ]  # fmt: skip
    ],
    *[
        (f"positions.{fn}(raw_text)", "raw_text", call, {NOT_DIR})
        for fn in ("treaty_positions", "position_claims")
        for call in [_builder(POS, fn, "raw_text", "recommendations=recs", "tags")]
    ],
    (
        "positions.treaty_positions(tags)",
        "tags",
        _builder(POS, "treaty_positions", "tags", "recommendations=recs", "raw_text=raw"),
        {NOT_NONE},
    ),
    (
        "positions.treaty_positions(mentions)",
        "mentions",
        _builder(POS, "treaty_positions", "mentions", "recommendations=recs", "raw_text=raw"),
        {NOT_NONE},
    ),
    *[
        (f"positions.{fn}", "text", _builder(POS, fn, "text"), {NOT_DIR})
        for fn in ("stance_of", "split_claims", "find_citations")
    ],
    *[
        (f"positions.{fn}", "positions", _builder(POS, fn, "positions"), set())
        for fn in ("compare_positions", "compare_positions_long")
    ],
    *[
        (f"items.explorer_items({arg})", arg, call, set())
        for arg in ("recommendations", "tags", "mentions")
        for call in [
            _builder(
                "cybercrime_eg.items",
                "explorer_items",
                arg,
                *[
                    f"{a}={k}"
                    for a, k in (("recommendations", "recs"), ("tags", "tags"))
                    if a != arg
                ],  # fmt: skip
                *(["mentions"] if arg != "mentions" else []),
                "raw",
            )
        ]
    ],
    (
        "build_crosswalk(recommendations)",
        "recommendations",
        _builder(CW, "build_crosswalk", "recommendations", "raw_text=raw"),
        set(),
    ),
    (
        "build_crosswalk(raw_text)",
        "raw_text",
        _builder(CW, "build_crosswalk", "raw_text", "recommendations=recs"),
        {NOT_NONE, NOT_DIR},
    ),
    (
        "build_crosswalk(articles)",
        "articles",
        _builder(CW, "build_crosswalk", "articles", "recommendations=recs", "raw_text=raw"),
        {NOT_NONE},
    ),
    (
        "build_crosswalk(rules)",
        "rules",
        _builder(CW, "build_crosswalk", "rules", "recommendations=recs", "raw_text=raw"),
        {NOT_NONE},
    ),
    # viz
    (
        "viz.item_subsets",
        "recommendations",
        _builder(f"{V}.themes", "item_subsets", "recommendations"),
        set(),
    ),
    (
        "viz.theme_matrix(tags)",
        "tags",
        _builder(V, "theme_matrix", "tags", "recommendations=recs", "labels", order=[]),
        set(),
    ),
    (
        "viz.theme_matrix(recommendations)",
        "recommendations",
        _builder(V, "theme_matrix", "recommendations", "tags", "labels", order=[]),
        set(),
    ),
    (
        "viz.theme_matrix(labels)",
        "labels",
        _builder(V, "theme_matrix", "labels", "tags", "recommendations=recs", order=[]),
        set(),
    ),
    (
        "viz.theme_frequency(tags)",
        "tags",
        _builder(V, "theme_frequency", "tags", "labels", order=[], n_items=1),
        set(),
    ),
    (
        "viz.theme_frequency(n_items)",
        "n_items",
        _builder(V, "theme_frequency", "n_items", "tags", "labels", order=[]),
        {"int"},  # 3 is a valid value
    ),
    ("viz.agreement_chart", "scores", _builder(V, "agreement_chart", "scores", "labels"), set()),
    *[
        (f"viz.{fn}", "facts", _builder(V, fn, "facts"), set())
        for fn in (
            "state_map",
            "state_facets_chart",
            "budapest_dates_chart",
            "comparison_html",
            "state_grid",
        )
    ],
    ("viz.for_display", "facts", _builder(f"{V}.states", "for_display", "facts"), {NOT_EMPTY}),
    (
        "viz.with_basis(facts)",
        "facts",
        _builder(V, "with_basis", "facts", "states_df=states"),
        set(),
    ),
    (
        "viz.with_basis(states_df)",
        "states_df",
        _builder(V, "with_basis", "states_df", "facts"),
        set(),
    ),
    *[
        (f"viz.{fn}", "states_df", _builder(V, fn, "states_df"), set())
        for fn in (
            "vote_map",
            "budapest_by_vote_chart",
            "regional_group_by_vote_chart",
            "vote_change_chart",
        )
    ],
    (
        "viz.vote_map(caveat)",
        "caveat",
        _builder(V, "vote_map", "caveat", "states_df=states"),
        {NOT_DIR},
    ),
    (
        "viz.matrix_data(crosswalk)",
        "crosswalk",
        _builder(f"{V}.crosswalk", "matrix_data", "crosswalk", "recommendations=recs", "articles"),
        set(),
    ),
    (
        "viz.matrix_data(recommendations)",
        "recommendations",
        _builder(f"{V}.crosswalk", "matrix_data", "recommendations", "crosswalk", "articles"),
        set(),
    ),
    (
        "viz.matrix_data(articles)",
        "articles",
        _builder(f"{V}.crosswalk", "matrix_data", "articles", "crosswalk", "recommendations=recs"),
        set(),
    ),
    ("viz.crosswalk_matrix", "data", _builder(f"{V}.crosswalk", "crosswalk_matrix", "data"), set()),
    ("viz.item_table_html", "data", _builder(f"{V}.crosswalk", "item_table_html", "data"), set()),
    (
        "viz.summary_html(summary)",
        "summary",
        _builder(f"{V}.crosswalk", "summary_html", "summary", "themes_of_none=none_themes"),
        set(),
    ),
    (
        "viz.summary_html(themes_of_none)",
        "themes_of_none",
        _builder(f"{V}.crosswalk", "summary_html", "themes_of_none", "summary"),
        set(),
    ),
    (
        "viz.position_profile(positions)",
        "positions",
        _builder(V, "position_profile", "positions", "labels"),
        set(),
    ),
    (
        "viz.position_profile(labels)",
        "labels",
        _builder(V, "position_profile", "labels", "positions"),
        set(),
    ),
    (
        "viz.key_findings(facts)",
        "facts",
        _builder(f"{V}.findings", "key_findings", "facts", "states_df=states"),
        set(),
    ),
    (
        "viz.key_findings(states_df)",
        "states_df",
        _builder(f"{V}.findings", "key_findings", "states_df", "facts=report_facts"),
        set(),
    ),
    ("viz.event_list", "events", _builder(f"{V}.timeline", "event_list", "events"), set()),
    (
        "viz.meeting_events",
        "meetings",
        _builder(f"{V}.timeline", "meeting_events", "meetings"),
        set(),
    ),
    *[
        (f"viz.{fn}({arg})", arg, _builder(V, fn, arg, *({"meetings", "events"} - {arg})), set())
        for fn in ("timeline", "timeline_figure")
        for arg in ("meetings", "events")
    ],
    (
        "viz.timeline(highlight)",
        "highlight",
        _builder(V, "timeline", "highlight", "meetings", "events"),
        {NOT_NONE, NOT_DIR},
    ),
    *[
        (
            f"viz.report_reader({arg})",
            arg,
            _builder(
                V,
                "report_reader",
                arg,
                *({"paragraphs", "recommendations=recs", "mentions", "raw"} - {arg, f"{arg}=recs"}),
            ),
            set() if arg != "raw" else {NOT_DIR},
        )
        for arg in ("paragraphs", "recommendations", "mentions", "raw")
    ],
    ("viz.filter_table", "frame", _builder(V, "filter_table", "frame"), set()),
    ("viz.theme_explorer", "items", _builder(V, "theme_explorer", "items"), set()),
    ("viz.state_comparison", "profiles", _builder(V, "state_comparison", "profiles"), set()),
    ("viz.table_html", "frame", _builder(V, "table_html", "frame"), {NOT_EMPTY}),
    (
        "viz.download_links(descriptor)",
        "descriptor",
        _builder(V, "download_links", "descriptor", folder="."),
        set(),
    ),
    (
        "viz.download_links(folder)",
        "folder",
        lambda value, v: __import__(V, fromlist=["x"]).download_links({"resources": []}, value),
        {NOT_DIR},
    ),
    *[
        (
            f"viz.{fn}",
            "states",
            _builder(f"{V}.geo", fn, "states", colour="#000000", visible=True, **extra),
            set(),
        )
        for fn, extra in (
            ("solid_choropleth", {"name": "x", "border": 1.0, "hover": ""}),
            ("state_markers", {"hover": []}),
        )
    ],
    (
        "viz.annotate(raw)",
        "raw",
        _builder(f"{V}.report", "annotate", "raw", start=0, end=1),
        {NOT_DIR},
    ),
    (
        "viz.annotate(start)",
        "start",
        _builder(f"{V}.report", "annotate", "start", "raw", end=1),
        {"int"},  # 3 is a valid value
    ),
    (
        "viz.annotate(mentions)",
        "mentions",
        _builder(f"{V}.report", "annotate", "mentions", "raw", start=0, end=1),
        {NOT_NONE},
    ),
    (
        "viz.compare_html(end)",
        "end",
        _builder(f"{V}.report", "compare_html", "end", "raw", start=0),
        {"int"},  # 3 is a valid value
    ),
    ("viz.unparsed_view", "unparsed", _builder(V, "unparsed_view", "unparsed"), {NOT_EMPTY}),
]
BUILDER_PAIRS = [(case, label) for case in BUILDER_CASES for label in WRONG if label not in case[3]]


@pytest.mark.parametrize(
    ("case", "label"), BUILDER_PAIRS, ids=[f"{case[0]}-{label}" for case, label in BUILDER_PAIRS]
)
def test_builders_name_the_wrong_argument(tmp_path, valid, case, label):
    _, argument, call, _ = case
    value = _value(label, tmp_path)
    with pytest.raises((TypeError, ValueError)) as info:
        call(value, valid)
    _assert_named(info.value, argument, value)


def test_offsets_and_counts_are_checked():
    from cybercrime_eg import viz
    from cybercrime_eg.viz.report import annotate, compare_html

    with pytest.raises(ValueError, match="^end: expected an integer of at least 5, got 2$"):
        compare_html("some text", 5, 2)
    with pytest.raises(ValueError, match="^start: expected an integer of at least 0, got -1$"):
        annotate("some text", -1, 2)
    with pytest.raises(ValueError, match="^n_items: expected an integer of at least 0, got -1$"):
        viz.theme_frequency(eg.themes_table(), {}, [], -1)
    with pytest.raises(ValueError, match=r"^reference: expected the reference tables .*missing"):
        from cybercrime_eg.states import build_states_table

        build_states_table(eg.participants(), {})
    assert "some" in compare_html("some text", 0, 4)


def test_position_records_must_be_positions():
    from cybercrime_eg.positions import compare_positions

    with pytest.raises(TypeError, match="^positions: expected .*got a dict among them$"):
        compare_positions([{"label": "(a)"}])
