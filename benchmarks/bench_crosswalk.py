"""Budapest crosswalk: agreement with the hand labels, items with no counterpart, and timing.

Prints micro precision, recall and F1 of
``cybercrime_eg.budapest_crosswalk.build_crosswalk`` against hand labels, scored three ways:
over (item, article) pairs ("pair"), over (item, article, relation) triples ("pair+relation":
a pair with the wrong strength is one false positive and one false negative), and over the set
of items with no counterpart ("none"). Then the number of items with no counterpart, the
disagreements, and the time to load the rules and build the table.

Honesty notes.

* Shipped report (data/annotations/crosswalk_gold.csv, 22 items): the labels were committed
  before any rule existed, but the rules in data/crosswalk_rules.yml were then written after
  reading the report and the labels. Its scores are TRAINING scores: they show the rules
  reproduce the labels, not that they generalise. Target F1 >= 0.85.
* Held-out (data/annotations/crosswalk_heldout_gold.csv, the 32 sentences of
  data/annotations/heldout_recommendations.csv): labelled and committed before the rules were
  written and before they were run on these sentences. The sentences had been read (to label
  them), so they are held out from the rules' evaluation, not from their author's eyes. First
  and only run, no rule changed afterwards: pair P 0.889 R 0.889 F1 0.889 (tp 32, fp 4, fn 4);
  pair+relation P 0.750 R 0.750 F1 0.750; none-items P 0.889 R 0.941 F1 0.914. Known misses left
  unfixed to keep the figure honest: "acceding" is not matched by "accede*" (h11, Art. 37),
  "online fraud" in a sentence about reporting platforms gives Art. 8 (h24), "criminalizes
  offences" gives the general Arts 9-10 on top of the named ones (h01). One change came after
  that run, and it touches no held-out sentence (the figures printed are still the first run's):
  an exclude for the title "Practical Guide for Requesting Electronic Evidence Across Borders",
  which had given a fixture item Art. 25 from a document's name. * Fixture reports: no labels;
  their rows are printed for inspection.

    .venv/bin/python benchmarks/bench_crosswalk.py
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

import cybercrime_eg as eg
from cybercrime_eg import budapest_crosswalk as cw

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "external" / "budapest_articles.csv"
HELDOUT_TEXTS = ROOT / "data" / "annotations" / "heldout_recommendations.csv"
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.txt"))
REPEAT = 20


def _fmt(value: object) -> str:
    return "   n/a" if pd.isna(value) else f"{float(value):6.3f}"


def _print_scores(title: str, scores: pd.DataFrame) -> None:
    print(f"\n## {title}")
    print(f"{'score':15} {'gold':>4} {'pred':>4} {'tp':>3} {'fp':>3} {'fn':>3}  "
          f"{'P':>6} {'R':>6} {'F1':>6}")  # fmt: skip
    for row in scores.itertuples(index=False):
        print(
            f"{row.score:15} {row.support:4d} {row.predicted:4d} {row.tp:3d} {row.fp:3d} "
            f"{row.fn:3d}  {_fmt(row.precision)} {_fmt(row.recall)} {_fmt(row.f1)}"
        )


def _print_disagreements(table: pd.DataFrame, gold: pd.DataFrame) -> None:
    dis = cw.disagreements(table, gold)
    print("disagreements:", "none" if dis.empty else "")
    for row in dis.itertuples(index=False):
        print(
            f"  {row.kind:8} {row.item_id} Art. {row.article}: "
            f"rules {row.predicted or '-'}, gold {row.gold or '-'}"
        )


def _print_none(table: pd.DataFrame, items: pd.DataFrame) -> None:
    summary = cw.crosswalk_summary(table, items)
    print(
        f"items with an article that provides them: {summary['n_provides']}; "
        f"only related: {summary['n_related_only']}; "
        f"no counterpart: {summary['n_none']} of {summary['n_items']}"
    )
    print("  no counterpart:", ", ".join(summary["none_items"]) or "-")


def main() -> None:
    t0 = time.perf_counter()
    rules = cw.load_rules()
    t_load = time.perf_counter() - t0
    articles = pd.read_csv(ARTICLES, dtype="string")
    cw.check_rules(rules, articles)

    rec, raw = eg.recommendations(), eg.raw_text()
    t0 = time.perf_counter()
    for _ in range(REPEAT):
        table = cw.build_crosswalk(rec, raw, rules)
    t_ship = (time.perf_counter() - t0) / REPEAT
    gold = cw.load_gold()
    _print_scores(
        f"shipped report ({len(rec)} items): TRAINING score (rules written after the labels)",
        cw.evaluate(table, gold),
    )
    _print_disagreements(table, gold)
    _print_none(table, rec)

    held = pd.read_csv(HELDOUT_TEXTS, dtype="string").rename(columns={"item_id": "id"})
    held_items = held[["id", "text"]]
    t0 = time.perf_counter()
    held_table = cw.build_crosswalk(held_items, None, rules)
    t_held = time.perf_counter() - t0
    held_gold = cw.load_gold(cw.default_gold_path(heldout=True))
    _print_scores(
        f"held-out ({len(held_items)} sentences, labelled before the rules were written or run)",
        cw.evaluate(held_table, held_gold),
    )
    _print_disagreements(held_table, held_gold)
    _print_none(held_table, held_items)

    pooled = pd.concat(
        [table.assign(item_id="ship:" + table["item_id"]),
         held_table.assign(item_id="held:" + held_table["item_id"])]
    )  # fmt: skip
    pooled_gold = pd.concat(
        [gold.assign(item_id="ship:" + gold["item_id"]),
         held_gold.assign(item_id="held:" + held_gold["item_id"])]
    )  # fmt: skip
    _print_scores("shipped and held-out pooled", cw.evaluate(pooled, pooled_gold))

    print("\n## fixture reports (no labels: rows for inspection)")
    for path in FIXTURES:
        f_rec, f_raw = eg.recommendations(path), eg.raw_text(path)
        f_table = cw.build_crosswalk(f_rec, f_raw, rules, articles)
        print(f"{path.name}: {len(f_rec)} items, {len(f_table)} rows")
        for row in f_table.itertuples(index=False):
            art = "-" if pd.isna(row.article) else f"Art. {row.article}"
            ev = "" if pd.isna(row.evidence) else f'  "{row.evidence}"'
            print(f"  {row.item_id:10} {art:8} {row.relation:8}{ev}")

    print("\n## timing")
    print(f"load and compile rules: {t_load * 1000:.1f} ms ({len(rules)} articles)")
    print(f"crosswalk of the shipped report: {t_ship * 1000:.2f} ms ({len(table)} rows)")
    print(f"crosswalk of the held-out sentences: {t_held * 1000:.2f} ms ({len(held_table)} rows)")


if __name__ == "__main__":
    main()
