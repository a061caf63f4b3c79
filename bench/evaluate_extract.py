"""How well `extract` reads a document the store has never seen: leave-one-out over the curated sources.

    python bench/evaluate_extract.py --sources DIR            # print the results
    python bench/evaluate_extract.py --sources DIR --write    # also replace bench/RESULTS.md's extract section

For each source, the store loses that source's facts and every indicator only those facts use (a new
document brings new concepts; aliases that other documents' indicators gained from its wording cannot be
told apart and stay). `extract` then reads the text, and each curated fact is matched to the candidate
whose number lies inside the fact's evidence and prints its value. A field is right when the candidate's
guess equals the curator's; for a fact whose indicator was removed, the indicator is right when extract
proposes a new one instead of guessing an existing one. A fact no candidate matches is wrong in every field.
"Fully right" is region, period, kind and measure all right.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

from factcli.extract import extract, match_facts

HERE = Path(__file__).resolve().parent
FIELDS = ("region", "period", "kind", "measure", "indicator", "unit", "qualifier")
FULL = ("region", "period", "kind", "measure")
SECONDARY = ("basis", "rank_of")  # scored on the facts that have them
Record = dict[str, Any]


def leave_one_out(data: dict[str, dict[str, Record]], sources_dir: Path) -> list[tuple[Record, Record]]:
    """(source, per-field counts) for every source in the store."""
    facts = list(data["facts"].values())
    results = []
    for source in sorted(data["sources"].values(), key=lambda s: s["id"]):
        own = [f for f in facts if f["source"] == source["id"]]
        others = [f for f in facts if f["source"] != source["id"]]
        kept = {f["indicator"] for f in others}
        indicators = [i for i in data["indicators"].values() if i["id"] in kept]
        text = (sources_dir / source["file"]).read_text(encoding="utf-8")
        candidates = extract(text, year=int(source["date"][:4]), region=source["region"], source=source["id"],
                             indicators=indicators, regions=list(data["regions"].values()), stored=[],
                             facts=others)
        counts: Record = dict.fromkeys((*FIELDS, *SECONDARY, *(f"{n} curated" for n in SECONDARY), "full",
                                        "proposed"), 0)
        counts.update(facts=len(own), candidates=len(candidates), new_indicators=sum(f["indicator"] not in kept
                                                                                      for f in own))
        for fact, candidate in match_facts(candidates, own, text):
            if candidate is None:
                continue
            counts["proposed"] += 1
            right = {name: candidate.get(name) == fact.get(name) for name in FIELDS}
            if fact["indicator"] not in kept:
                right["indicator"] = not candidate.get("indicator") and bool(candidate.get("new_indicator"))
            for name in FIELDS:
                counts[name] += right[name]
            counts["full"] += all(right[name] for name in FULL)
            for name in SECONDARY:  # only where the curator set them
                if fact.get(name) is not None:
                    counts[f"{name} curated"] += 1
                    counts[name] += candidate.get(name) == fact[name]
        results.append((source, counts))
    return results


def known_indicators(data: dict[str, dict[str, Record]], sources_dir: Path) -> tuple[int, int]:
    """Indicators guessed exactly when the store already holds every indicator (its facts still removed)."""
    facts = list(data["facts"].values())
    right = total = 0
    for source in data["sources"].values():
        own = [f for f in facts if f["source"] == source["id"]]
        text = (sources_dir / source["file"]).read_text(encoding="utf-8")
        candidates = extract(text, year=int(source["date"][:4]), region=source["region"], source=source["id"],
                             indicators=list(data["indicators"].values()), regions=list(data["regions"].values()),
                             stored=[], facts=[f for f in facts if f["source"] != source["id"]])
        for fact, candidate in match_facts(candidates, own, text):
            total += 1
            right += candidate is not None and candidate["indicator"] == fact["indicator"]
    return right, total


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "n/a"


def table(results: list[tuple[Record, Record]]) -> list[str]:
    head = "| document | facts | proposed | fully right | " + " | ".join(FIELDS) + " |"
    lines = [head, "|" + "---|" * (4 + len(FIELDS))]
    total: Record = {}
    for source, counts in results:
        for key, value in counts.items():
            total[key] = total.get(key, 0) + value
        lines.append(row(source["id"], counts))
    lines.append(row("**all**", total))
    lines.append("")
    lines.append("Where the curator set them: " + "; ".join(
        f"`{name}` right for {total[name]} of {total[f'{name} curated']} ({pct(total[name], total[f'{name} curated'])})"
        for name in SECONDARY) + ".")
    return lines


def row(label: str, counts: Record) -> str:
    n = counts["facts"]
    cells = [label, str(n), pct(counts["proposed"], n), pct(counts["full"], n),
             *(pct(counts[name], n) for name in FIELDS)]
    return "| " + " | ".join(cells) + " |"


def write_section(path: Path, lines: list[str]) -> None:
    """Replace (or append) the '## extract' section of RESULTS.md, leaving the other sections alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# factcli benchmark results\n"
    section = "\n".join(lines) + "\n"
    pattern = re.compile(r"^## extract: .*?(?=^## (?!extract)|\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def linearity(data: dict[str, dict[str, Record]], sources_dir: Path, sizes: list[int]) -> list[str]:
    """Seconds per size: the five documents repeated to each size, read against the whole store."""
    texts = [(sources_dir / s["file"]).read_text(encoding="utf-8") for s in data["sources"].values()]
    base = "\n".join(texts)
    lines = ["| text | figures | time | per KB |", "|---|---|---|---|"]
    for kb in sizes:
        text = base * (kb * 1024 // len(base.encode()) + 1)
        text = text[:int(len(text) * kb * 1024 / len(text.encode()))]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            candidates = extract(text, year=2025, region="lvliang", source=None,
                                 indicators=list(data["indicators"].values()), regions=list(data["regions"].values()),
                                 stored=list(data["facts"].values()), facts=list(data["facts"].values()))
            best = min(best, time.perf_counter() - start)
        lines.append(f"| {kb:,} KB | {len(candidates):,} | {best:.2f} s | {best / kb * 1000:.2f} ms |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, required=True, help="Folder holding the source texts.")
    parser.add_argument("--db", type=Path, default=HERE.parent / "data.json")
    parser.add_argument("--write", action="store_true", help="Write the results into bench/RESULTS.md.")
    parser.add_argument("--sizes", default="100,250,500,1000,2000",
                        help="Text sizes in KB for the linear-time measurement.")
    args = parser.parse_args()
    data = json.loads(args.db.read_text(encoding="utf-8"))
    start = time.perf_counter()
    results = leave_one_out(data, args.sources)
    took = time.perf_counter() - start
    lines = ["## extract: leave-one-out over the curated documents", "",
             "`python bench/evaluate_extract.py --sources DIR`: each document read with its own facts, and the "
             "indicators only they use, removed from the store; every curated fact matched to the candidate "
             "inside its evidence. Percentages are of all curated facts (a fact extract does not propose counts "
             "as wrong in every field); for facts whose indicator was removed, proposing a new indicator is "
             "right. Fully right: region, period, kind and measure all right.", "",
             *table(results), "", f"All five documents read in {took:.2f} s.", "",
             "When the store already holds every indicator (each document's facts still removed, so only the "
             "names are known), the indicator is guessed exactly for "
             f"{pct(*known_indicators(data, args.sources))} of the curated facts.", "",
             "### extract: time against the text's length", "",
             "The five documents repeated to each size and read against the whole store (best of 3 runs). "
             "Time per KB stays flat: every figure is read from a bounded neighbourhood (at most 200 characters "
             "either side), clause and section boundaries are found in one pass and looked up by bisection. "
             "Before this (every figure's clause found by scanning from the text's start), the same texts took "
             "0.38 s at 100 KB, 1.64 s at 250 KB and 9.84 s at 500 KB on this machine: time grew with the square "
             "of the length.", "",
             *linearity(data, args.sources, [int(s) for s in args.sizes.split(",")])]
    print("\n".join(lines))
    if args.write:
        write_section(HERE / "RESULTS.md", lines)


if __name__ == "__main__":
    main()
