"""Guards on what the book prints, scanned in its sources (notebook markdown, book/*.md, the
strings of the chart and prose builders). The built pages are scanned by
tests/browser/test_book_wording.py after `make book`."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from wording import SPEAKER_WORDING, TYPED_TIME, hand_typed_numbers

import cybercrime_eg as eg
from cybercrime_eg import facts as report_facts_module
from cybercrime_eg.states import FORMER_NAMES, current_name, display_name
from cybercrime_eg.viz import prose
from cybercrime_eg.vocab import RESOLUTIONS

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
VIZ = ROOT / "src" / "cybercrime_eg" / "viz"
SRC = ROOT / "src" / "cybercrime_eg"


README = ROOT / "README.md"
#: The provenance of the reference tables, shown verbatim in the methods chapter. Its counts are
#: typed (it travels with the tables), so each is recomputed from the tables below.
SOURCES = ROOT / "data" / "external" / "SOURCES.md"
EXTERNAL = SOURCES.parent


def _repo_markdown() -> list[tuple[str, str]]:
    """(where, text) of the Markdown outside book/ that readers see: the README (the
    repository's and the package's front page) and data/external/SOURCES.md (in chapter 6)."""
    return [
        (p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8")) for p in (README, SOURCES)
    ]


def _markdown() -> list[tuple[str, str]]:
    """(where, text) of every markdown cell of book/*.ipynb and of book/*.md."""
    out = []
    for nb in sorted(BOOK.glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                out.append((f"{nb.name} cell {i}", "".join(cell["source"])))
    for md in sorted(BOOK.glob("*.md")):
        if md.name != "api.md":  # generated from docstrings, scanned below with the source
            out.append((md.name, md.read_text(encoding="utf-8")))
    return out


_FORMAT_SPEC = re.compile(r"^[<>^=+ ,.\d]*[bcdeEfFgGnosxX%]?$")


def _constants(node: ast.AST) -> list[str]:
    """The literal text of a string or f-string (the typed parts only; format specs such as
    ``.2f`` are not text)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [] if _FORMAT_SPEC.match(node.value) else [node.value]
    if isinstance(node, ast.JoinedStr):
        return [
            v.value
            for v in node.values
            if isinstance(v, ast.Constant) and not _FORMAT_SPEC.match(v.value)
        ]
    if isinstance(node, ast.BinOp):
        return _constants(node.left) + _constants(node.right)
    return []


_TEMPLATES = {"caption", "alt", "title", "text", "name", "label"}


def _templates() -> list[tuple[str, str]]:
    """(where, text) of every caption, alt text and title template in the chart builders."""
    out = []
    for path in sorted(VIZ.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg in _TEMPLATES:
                        for sub in ast.walk(kw.value):
                            for text in _constants(sub):
                                out.append((f"{path.name}:{kw.value.lineno} {kw.arg}", text))
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value in _TEMPLATES:
                        for sub in ast.walk(value):
                            for text in _constants(sub):
                                out.append((f"{path.name}:{value.lineno} {key.value}", text))
    return out


def _prose_strings() -> list[tuple[str, str]]:
    """(where, text) of every string the prose module writes into the book (not docstrings)."""
    path = VIZ / "prose.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and n.body
        and isinstance(n.body[0], ast.Expr)
    }
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and id(node) not in docstrings:
            for text in _constants(node):
                out.append((f"prose.py:{node.lineno}", text))
    return out


def _all_strings() -> list[tuple[str, str]]:
    """(where, text) of every string literal of the package, docstrings included (the API
    page is generated from them); regular expressions for the report's own words excluded."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "parser.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            for text in _constants(node) if isinstance(node, ast.Constant) else []:
                if "(?:" in text or "\\b" in text:  # a regex matching the report's text
                    continue
                if " " not in text.strip():  # a single word: a key or matcher, not prose
                    continue
                out.append((f"{path.relative_to(SRC)}:{node.lineno}", text))
    return out


# --- the rules are real -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Budapest status of the 22 States the book profiles",
        "Timeline with dates from 2001 to 2019 in 3 rows",
        "Each filled cell (38 item-theme pairs)",
        "buttons 2017-2020 and 15 speakers",
    ],
)
def test_counts_rule_catches_hand_typed_counts(text):
    assert hand_typed_numbers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Resolution 73/187 (A/RES/73/187) was adopted on 17 December 2018.",
        "Items 1(a) and 1(k)(iii) of paragraph 1; article 65(1); ETS No. 185; 2019-03-27.",
        "The 5th meeting, held on 27–29 March 2019, see [chapter](02_report.ipynb).",
        "1. **Introduction**\n2. [**The report**](02_report.ipynb)",
    ],
)
def test_counts_rule_allows_labels_years_and_symbols(text):
    assert hand_typed_numbers(text) == []


def test_time_and_speaker_rules_catch_the_old_wording():
    assert TYPED_TIME.search("## The votes that followed")
    assert TYPED_TIME.search("are later, external facts")
    assert SPEAKER_WORDING.search("spoke at the meeting (15)")
    assert SPEAKER_WORDING.search("no speaking State")
    assert not SPEAKER_WORDING.search("listed in this addendum as making a statement")


# --- hand-typed counts ------------------------------------------------------------------------


def test_no_hand_typed_count_in_book_markdown():
    found = [(w, hand_typed_numbers(t)) for w, t in _markdown() if hand_typed_numbers(t)]
    assert found == []


def test_no_hand_typed_count_in_chart_templates():
    found = [(w, t) for w, t in _templates() if hand_typed_numbers(t)]
    assert found == []


def test_no_hand_typed_count_in_prose():
    found = [(w, t) for w, t in _prose_strings() if hand_typed_numbers(t)]
    assert found == []


def test_no_hand_typed_count_in_the_readme():
    from cybercrime_eg.reading import DEFAULT_MAX_BYTES

    text = README.read_text(encoding="utf-8")
    # the one quantity it gives is the CLI's default limit, checked against the code
    limit = re.search(r"reports over (\d+) MB are refused", text)
    assert limit and int(limit.group(1)) * 10**6 == DEFAULT_MAX_BYTES
    assert hand_typed_numbers(text.replace(limit.group(0), " ")) == []


def test_readme_says_the_items_are_not_endorsed_suggestions():
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "their inclusion does not imply their endorsement by the Expert Group" in text
    assert "attributes to no State" in text


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(EXTERNAL / name, dtype=str, keep_default_na=False)


def _sources_counts() -> list[tuple[str, tuple[object, ...]]]:
    """(pattern in SOURCES.md, the values its groups must read, computed from the tables) for
    every count and range that SOURCES.md gives."""
    votes = _read("unga_cybercrime_votes.csv")
    budapest, groups = _read("budapest_status.csv"), _read("un_regional_groups.csv")
    people = eg.participants()
    people = people[people["iso3"].notna()]
    listed = set(people.loc[people["role"] == "statement", "iso3"])
    organisers = set(people.loc[people["role"] == "side-event-organizer", "iso3"])
    others = set(budapest["iso3"]) - listed - organisers
    # the prose names the two profiled States that the report does not list
    assert others == {"RUS", "CHN"} and listed & organisers == {"DOM"}
    assert set(groups["iso3"]) == set(budapest["iso3"])  # "the same" States
    events, meetings = _read("treaty_events.csv"), _read("expert_group_meetings.csv")
    meeting_years = meetings["dates"].str[:4]
    ordinal = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}
    unplaced = [ordinal.get(m, m) for m in meetings.loc[meetings["venue"] == "", "meeting"]]
    checks = [
        (
            rf"{r.short} = (\d+) yes, (\d+) no, (\d+) abstain",
            tuple(
                str((votes.loc[votes["resolution"] == r.symbol, "vote"] == v).sum())
                for v in ("yes", "no", "abstain")
            ),
        )
        for r in RESOLUTIONS.values()
    ]
    checks += [
        (r"of the (\d+) States the book profiles", (str(len(budapest)),)),
        (r"the (\d+) States listed in the addendum as making statements", (str(len(listed)),)),
        (r"the (\d+) other side-event organisers", (str(len(organisers - listed)),)),
        (r"of the same (\d+) States", (str(len(groups)),)),
        (
            r"of all (\d+) Member States",
            (str(_read("un_regional_groups_all.csv")["Code"].nunique()),),
        ),
        (
            r"All (\d+) articles of the Budapest Convention",
            (str(len(_read("budapest_articles.csv"))),),
        ),
        (
            r"process from (\d{4}) to (\d{4})",
            (events["date"].str[:4].min(), events["date"].str[:4].max()),
        ),
        (r"meetings from (\d{4}) to (\d{4})", (meeting_years.min(), meeting_years.max())),
        (r"The venue of the (\w+) meeting is not recorded", tuple(unplaced)),
    ]
    return checks


def test_every_count_in_sources_md_is_recomputed_from_the_tables():
    text = " ".join(SOURCES.read_text(encoding="utf-8").split())
    for pattern, expected in _sources_counts():
        found = re.search(pattern, text)
        assert found, f"SOURCES.md no longer says {pattern!r}: update the check"
        assert found.groups() == expected, (pattern, found.groups(), expected)
        text = text.replace(found.group(0), " ")
    # no other count: a new number in SOURCES.md needs a check above (or is a label)
    assert hand_typed_numbers(text) == []


def test_sources_md_names_only_what_each_table_holds():
    """A State name that SOURCES.md gives as an example of a table's names is in that table
    (it once said the vote data uses "Swaziland", which it does not), and a former name is
    followed by today's name, as the book writes it everywhere else."""
    text = SOURCES.read_text(encoding="utf-8")
    names = {n: iso3 for iso3, ns in FORMER_NAMES.items() for n in ns}
    names |= {current_name(iso3): iso3 for iso3 in FORMER_NAMES}
    rows = re.findall(r"^\| `([\w.]+\.csv)` \|(.*)$", text, flags=re.M)
    assert len(rows) == len(list(EXTERNAL.glob("*.csv")))
    for file, row in rows:
        plain = re.sub(r" \(now [^)]*\)", " ", row)
        table = (EXTERNAL / file).read_text(encoding="utf-8")
        for name in names:
            if re.search(rf"(?<!North )\b{re.escape(name)}\b", plain):
                assert name in table, f"SOURCES.md says {file} has {name!r}; it does not"
    for iso3, former in FORMER_NAMES.items():
        for name in former:
            for m in re.finditer(rf"(?<!North )\b{re.escape(name)}\b", text):
                after = text[m.end() : m.end() + 40]
                assert after.startswith(f" (now {current_name(iso3)})"), f"{name}{after[:20]}"


def test_treaty_events_confidence_follows_its_definition():
    """Confidence "high": an official record, or more than one source; "medium": a row, or a
    part of it, resting on one report that is not an official record (SOURCES.md, the data
    dictionary)."""
    official = ("Council of Europe treaty office", "UN Treaty Collection", "UNODC", "A/C.3/72/12")
    for row in _read("treaty_events.csv").itertuples(index=False):
        sources = [s.strip() for s in row.source.split(";")]
        single = " only" in row.source or (
            len(sources) == 1 and not any(o in sources[0] for o in official)
        )
        assert row.confidence == ("medium" if single else "high"), (row.date, row.source)
    definition = eg.data_dictionary().query(
        "table == 'treaty_events.csv' and field == 'confidence'"
    )
    said = " ".join(definition["description"].iloc[0].split())
    sources_md = " ".join(SOURCES.read_text(encoding="utf-8").split())
    for claim in (
        "more than one source that agree",
        "rests on a single report that is not an official record",
    ):
        assert claim in said and claim in sources_md


def _glossary_entry(term: str) -> str:
    """The definition of ``term`` in book/glossary.md, on one line."""
    text = (BOOK / "glossary.md").read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(term)}\n(?:\S.*\n)*((?:  .*\n)+)", text, flags=re.M)
    assert found, term
    return " ".join(found.group(1).split())


def test_glossary_says_where_the_report_names_unodc():
    entry = _glossary_entry("UNODC")
    named = eg.mentions().query("entity == 'UNODC'")
    for item in set(named["item_id"]):
        label = re.sub(r"^\d+", "", item) if "(" in item else f"paragraph {item}"
        assert label in entry, f"the report names UNODC in {item}; the glossary does not say so"


def test_glossary_describes_each_resolution_by_what_it_did():
    for r in RESOLUTIONS.values():
        did = r.did.split(" that ")[0].replace(
            "the Ad Hoc Committee", "the {term}`Ad Hoc Committee`"
        )
        assert did in _glossary_entry(r.short), r.short


def test_glossary_gives_the_fifth_meeting_its_recorded_topics():
    meetings = _read("expert_group_meetings.csv").set_index("meeting")
    entry = _glossary_entry("Expert Group")
    for topic in meetings.loc["5th", "topics_or_agenda"].split(";"):
        assert topic.strip() in entry, topic


def test_methods_says_which_hand_labels_were_decided_later():
    """Hand labels decided after a dispute about the tagger's output (their note starts
    "DECIDED") are not presented as written before any pattern; the chapter lists them."""
    gold = eg.gold_labels(report=Path(eg.report_facts().source_file).stem)
    assert gold["note"].str.startswith("DECIDED", na=False).any()
    cells = json.loads((BOOK / "06_methods.ipynb").read_text(encoding="utf-8"))["cells"]
    prose_text = " ".join(
        " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown").split()
    )
    code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert "Some were decided later" in prose_text
    assert 'startswith("DECIDED"' in code and "viz.table_html(" in code


# --- before/after wording ---------------------------------------------------------------------


def test_no_typed_time_wording_in_sources():
    texts = _markdown() + _repo_markdown() + _all_strings()
    assert [(w, t) for w, t in texts if TYPED_TIME.search(t)] == []


def test_before_and_after_are_computed_from_the_dates():
    facts = eg.report_facts()
    start, end = f"{facts.start:%Y-%m-%d}", f"{facts.end:%Y-%m-%d}"
    when = {r.short: r.when(start, end) for r in RESOLUTIONS.values()}
    assert when == {"73/187": "before", "74/247": "after"}
    text = prose.resolutions_phrase(facts)
    for r in RESOLUTIONS.values():
        link = f"[{r.short}](https://undocs.org/{r.symbol})"
        assert f"{link} (adopted {r.long_date}, {when[r.short]} the meeting)" in text
        assert r.did in text
    # a meeting after both votes reads "after" for both: nothing is typed
    moved = report_facts_module.ReportFacts(
        **{**facts.__dict__, "start": pd.Timestamp("2020-03-01"), "end": None}
    )
    assert prose.resolutions_phrase(moved).count("before the meeting") == len(RESOLUTIONS)


# --- "speakers" wording -----------------------------------------------------------------------


def test_no_speaker_wording_in_sources():
    texts = _markdown() + _repo_markdown() + _all_strings()
    assert [(w, t) for w, t in texts if SPEAKER_WORDING.search(t)] == []


# --- old names ------------------------------------------------------------------------------


def test_former_names_carry_the_current_name():
    states = eg.states_table().set_index("iso3")
    for iso3, names in FORMER_NAMES.items():
        if iso3 in states.index:
            name = states.loc[iso3, "name"]
            assert name not in names, f"{name}: former name without the current name"
            if any(name.startswith(n + " ") for n in names):
                assert f"(now {current_name(iso3)})" in name, iso3
    assert display_name("Swaziland", "SWZ") == "Swaziland (now Eswatini)"
    assert (
        display_name("The former Yugoslav Republic of Macedonia", "MKD")
        == "The former Yugoslav Republic of Macedonia (now North Macedonia)"
    )
    assert display_name("Spain", "ESP") == "Spain"


def test_every_former_name_in_the_reference_data_is_known():
    """A name of the reference data that pycountry does not know and that is not a known
    short form must be listed as former (or shown to be a plain variant here)."""
    variants = {"&", "St.", "DR ", "Congo - ", "(Burma)", "Brunei", "Russia", "Micronesia", "’"}
    votes = eg.external.votes()[["country", "iso3"]].drop_duplicates()
    import pycountry

    for name, iso3 in votes.itertuples(index=False):
        country = pycountry.countries.get(alpha_3=iso3)
        known = {country.name, getattr(country, "common_name", None)}
        if name in known or any(v in name for v in variants):
            continue
        assert name in FORMER_NAMES.get(iso3, ()), f"{name} ({iso3}): former name not listed"
