"""Theme tagger: agreement with the human labels of data/annotations/gold_themes.csv, and timing.

Prints per-theme precision, recall and F1 and the micro and macro averages separately for
(1) the shipped report, (2) the fixture reports of the series, pooled, and (3) the held-out
set ``heldout-2026`` (data/annotations/heldout_recommendations.csv), then all of them pooled,
then the time to load the taxonomy and tag each report.

Honesty notes.

* Shipped report: the patterns were written after reading it, so its scores are training
  scores.
* Fixtures: labelled before the tagger was first run on them; that first run gave micro
  P 0.941, R 0.800, F1 0.865 (20 gold pairs). Phrases were later added from the theme
  definitions (first "central authorit*", "across borders"; then, after a review, a wider set:
  points of contact, memorandums of understanding, foreign counterparts, joint
  investigations, reporting to the police, review of legislation, ...), one of which fixed
  minimal-report 1(c). Fixture scores printed now are no longer held out.
* Held-out ``heldout-2026``: 32 recommendation sentences in the style of the series, written
  and labelled by hand (50 gold pairs; the commit that added them says 51, a miscount) and
  committed before the tagger was run on them, after the widening above. First and only
  run: micro P 0.978, R 0.900, F1 0.938 (tp 45, fp 1, fn 5); macro F1 0.943. Per theme
  (P/R/F1): new-instrument 1.000/0.500/0.667, international-cooperation
  1.000/0.714/0.833, procedural-powers 0.900/0.900/0.900, investigation-practice
  1.000/0.750/0.857, every other theme 1.000/1.000/1.000. One sentence (h12, "possible
  elaboration of a comprehensive international convention") got no theme. No pattern was
  changed after this measurement until the review below.
* Review of disputed pairs (issue 9), decided against the taxonomy's definitions and recorded
  as "DECIDED" notes in the gold file: 1(k)(iii) is not safeguards ("less privacy protection"
  describes data); 1(b) is neither substantive-law nor procedural-powers ("of both substantive
  and procedural nature" describes the Budapest Convention); 1(g) is procedural-powers ("to
  obtain critical evidence"), not international-cooperation ("cooperation mechanisms" not
  said to cross borders); (a) has no cooperation tag (the word is in a cited title). The
  taxonomy changed with them: the bare "cooperation mechanism*" phrase was removed, excludes
  "both substantive and procedural" (substantive-law, procedural-powers) and "less privacy
  protection" (safeguards) were added, and "obtain* ...3 evidence" joined procedural-powers.
  Shipped report before -> after: 38 -> 35 gold pairs, still 1.000 (a training score: gold
  and patterns moved together). The fixture and held-out figures did not change (fixtures
  micro F1 0.927; held-out micro P 0.978, R 0.900, F1 0.938), so the held-out figures printed
  are still those of the first run on text the patterns were not written for.

    .venv/bin/python benchmarks/bench_themes.py
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

import cybercrime_eg as eg
from cybercrime_eg.taxonomy import load_taxonomy
from cybercrime_eg.themes import disagreements, evaluate, tag_items

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = "eg-cybercrime-2019-draft-report-addendum"
FIXTURES = ["eg-2020-international-cooperation", "minimal-report", "report-with-markup"]
HELDOUT = "heldout-2026"
REPEAT = 20


def _fmt(value: object) -> str:
    return "   n/a" if pd.isna(value) else f"{float(value):6.3f}"


def _print_scores(title: str, scores: pd.DataFrame) -> None:
    print(f"\n## {title}")
    print(f"{'theme':28} {'gold':>4} {'pred':>4} {'tp':>3} {'fp':>3} {'fn':>3}  "
          f"{'P':>6} {'R':>6} {'F1':>6}")  # fmt: skip
    for row in scores.itertuples(index=False):
        print(
            f"{row.theme:28} {row.support:4d} {row.predicted:4d} {row.tp:3d} {row.fp:3d} "
            f"{row.fn:3d}  {_fmt(row.precision)} {_fmt(row.recall)} {_fmt(row.f1)}"
        )


def _print_disagreements(tags: pd.DataFrame, gold: pd.DataFrame) -> None:
    dis = disagreements(tags, gold)
    print("disagreements:", "none" if dis.empty else "")
    for row in dis.itertuples(index=False):
        print(f"  {row.kind}: {row.item_id} {row.theme}")


def main() -> None:
    t0 = time.perf_counter()
    taxonomy = load_taxonomy()
    t_load = time.perf_counter() - t0

    gold = eg.gold_labels()
    reports = {SHIPPED: None, **{n: ROOT / "tests" / "fixtures" / f"{n}.txt" for n in FIXTURES}}
    all_tags, all_gold, timings = [], [], {}
    for name, path in reports.items():
        rec, raw = eg.recommendations(path), eg.raw_text(path)
        t0 = time.perf_counter()
        for _ in range(REPEAT):
            tags = tag_items(rec, raw, taxonomy)
        timings[name] = ((time.perf_counter() - t0) / REPEAT, len(rec), len(tags))
        g = gold[gold["report"] == name]
        if name == SHIPPED:
            _print_scores(f"shipped: {name} ({len(rec)} items)", evaluate(tags, g, taxonomy.ids))
            _print_disagreements(tags, g)
        all_tags.append(tags.assign(item_id=name + ":" + tags["item_id"]))
        all_gold.append(g.assign(item_id=name + ":" + g["item_id"]))

    fixture_tags = pd.concat(all_tags[1:], ignore_index=True)
    fixture_gold = pd.concat(all_gold[1:], ignore_index=True)
    n_fix = fixture_gold["item_id"].nunique()
    _print_scores(
        f"fixtures: {', '.join(FIXTURES)} pooled ({n_fix} items)",
        evaluate(fixture_tags, fixture_gold, taxonomy.ids),
    )
    _print_disagreements(fixture_tags, fixture_gold)

    held = eg.heldout_texts()
    held = held[held["report"] == HELDOUT].reset_index(drop=True)
    held_items = held.rename(columns={"item_id": "id"})[["id", "text"]]
    t0 = time.perf_counter()
    held_tags = tag_items(held_items, None, taxonomy)
    timings[HELDOUT] = (time.perf_counter() - t0, len(held_items), len(held_tags))
    held_gold = gold[gold["report"] == HELDOUT]
    _print_scores(
        f"held-out: {HELDOUT} ({len(held_items)} sentences, labelled before tagging)",
        evaluate(held_tags, held_gold, taxonomy.ids),
    )
    _print_disagreements(held_tags, held_gold)
    untagged = sorted(set(held_items["id"]) - set(held_tags["item_id"]))
    print("held-out sentences with no theme:", ", ".join(untagged) or "none")

    _print_scores(
        "all reports and held-out, pooled",
        evaluate(
            pd.concat([*all_tags, held_tags.assign(item_id=HELDOUT + ":" + held_tags["item_id"])]),
            pd.concat([*all_gold, held_gold.assign(item_id=HELDOUT + ":" + held_gold["item_id"])]),
            taxonomy.ids,
        ),
    )

    print("\n## timing")
    print(f"load and compile taxonomy: {t_load * 1000:.1f} ms")
    for name, (sec, n_items, n_tags) in timings.items():
        print(f"tag {name}: {sec * 1000:.2f} ms ({n_items} items, {n_tags} matches)")


if __name__ == "__main__":
    main()
