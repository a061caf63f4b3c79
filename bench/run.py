"""factcli's speed, as ratios against floors measured in the same run (whole-process timings).

    python bench/run.py                 # everything, results printed and written to bench/RESULTS.md
    python bench/run.py --runs 5 --sizes 1000,10000

Floors: scripting paths against `python -c "import click, tinydb"` plus parsing the store; table paths
against the same plus importing rich's Console and Table; `show` on synthetic JSON stores against merely
parsing that store's JSON; get and show on the largest SQLite store against the same commands on the
shipped store. Growth: get, show, search, add and verify on synthetic stores of each size and both kinds
(bench/make_store.py), drawn in docs/bench-growth.png when matplotlib is installed (a bench-only
dependency). Medians of --runs runs (fewer on large stores); peak memory from the child's rusage.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
PARSE = "import json,sys; json.loads(open(sys.argv[1],'rb').read())"
FLOOR = "import click, tinydb, json, sys; json.loads(open(sys.argv[1],'rb').read())"
FLOOR_TABLE = FLOOR + "; from rich.console import Console; from rich.table import Table"


READING = """
## Reading the results

- Ratios within a few hundredths of a target move from run to run on a shared 2-core machine: compare
  the floors and medians, not only the yes/no column.
- Measure a normal install (`pip install .`). An editable install, or PYTHONDONTWRITEBYTECODE with one,
  compiles factcli's modules afresh on every run, which costs more than everything measured here.
- The table floor imports rich's Console and Table. factcli draws its one table style itself (table.py)
  and takes from rich only its cell measures and word breaking, so its table paths cost less than that
  floor: `targets 2025` (~140 rows) draws in ~4 ms where rich's Table took ~27.
- On small stores the `show` target compares a whole command with a bare JSON parse: factcli's fixed
  start-up (importing click, shown above, and the command's own modules) dominates a parse of a few
  milliseconds. The ratio falls as the store grows.
- A JSON store costs every command a parse and a schema check of the whole file, so each command grows
  with the store (and `add` rewrites it). From 1 MiB on, the store is decoded by msgspec with types made
  from the schema (typed_decode.py), faster than `json.loads` alone, and the schema checks what types
  cannot say a column at a time; that check is most of what is left above the parse. A SQLite store
  costs a lookup only the rows it reads: `get` and `show` read one region's indicator through an index,
  `search` the facts its text index finds, `add` the facts of one region and indicator (for duplicates)
  and one transaction. `verify` checks every row and every excerpt on both kinds, so it grows on both.
  The synthetic stores put ~1,000 facts in each region's indicator series at 1,000,000 facts; a real
  store's series are far shorter. Printing a thousand rows is work of its own, so `show` is measured for
  a year's rows as well as the whole series.
"""


GET = ["get", "county007", "gdp", "2024", "--kind", "actual", "--source", "src002"]
SHOW = ["show", "county007", "gdp", "-f", "tsv"]  # the whole series: ~1,000 rows at 1,000,000 facts
SHOW_PERIOD = ["show", "county007", "gdp", "--period", "2024", "-f", "tsv"]  # a year's rows, ~100 at 1,000,000


def commands(store: Path, texts: Path) -> list[tuple[str, list[str]]]:
    """The commands of the growth table, each without --db (added per store)."""
    return [("get", GET), ("show", SHOW), ("search", ["search", "柳林7县原煤", "-f", "tsv"]),
            ("verify", ["verify", "--sources", str(texts)]),  # before add, whose excerpts are in no text
            ("add", ["add", "--region", "county007", "--indicator", "gdp", "--period", "2026", "--kind", "target",
                     "--measure", "level", "--unit", "亿元", "--source", "src001", "--no-evidence-check", "--evidence",
                     "力争地区生产总值突破VALUE亿元", "--value", "VALUE"])]


def plot(growth: dict[tuple[int, str, str], tuple[float, int]], sizes: list[int], names: list[str]) -> None:
    """Cost against size, both kinds, one panel per command, in docs/bench-growth.png."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot (pip install matplotlib)", file=sys.stderr)
        return
    fig, axes = plt.subplots(1, len(names), figsize=(3.2 * len(names), 3.4), sharey=True)
    for axis, name in zip(axes, names, strict=True):
        for kind, style in (("JSON", "o-"), ("SQLite", "s-")):
            axis.plot(sizes, [growth[size, kind, name][0] for size in sizes], style, label=kind)
        axis.set(xscale="log", yscale="log", title=name, xlabel="facts")
        axis.grid(True, which="major", alpha=0.3)
    axes[0].set_ylabel("seconds (whole run)")
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(HERE.parent / "docs" / "bench-growth.png", dpi=110)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in MiB of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    assert proc.stderr is not None
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(argv)}: {proc.stderr.read().decode()}")
    proc.stderr.close()
    return elapsed, usage.ru_maxrss // 1024


def median(argv: list[str], runs: int, env: dict[str, str]) -> tuple[float, int]:
    timed(argv, env)  # warm the page cache
    samples = [timed(argv, env) for _ in range(runs)]
    return statistics.median(t for t, _ in samples), max(m for _, m in samples)


def importtime(args: list[str], env: dict[str, str], top: int = 6) -> str:
    """The heaviest imports of one command, from python -X importtime."""
    result = subprocess.run([PY, "-X", "importtime", "-m", "factcli", *args], capture_output=True, text=True,
                            env=env)
    rows = []
    for line in result.stderr.splitlines()[1:]:
        if "|" in line:
            _, cumulative, name = (part.strip() for part in line.split(":", 1)[1].split("|"))
            if not name.startswith(" "):
                rows.append((int(cumulative), name))
    rows.sort(reverse=True)
    return ", ".join(f"{name} {us / 1000:.1f} ms" for us, name in rows[:top])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCLI_")}
    import factcli
    from factcli.store import default_path

    if HERE.parent in Path(factcli.__file__).resolve().parents:
        print("warning: factcli is imported from the checkout (an editable install?): its modules may be "
              "compiled afresh on every run; measure a normal install (pip install .)", file=sys.stderr)

    store = str(default_path())
    # the console script, as users run it; `python -m factcli` adds runpy's few milliseconds
    script = Path(PY).parent / "factcli"
    factcli = [str(script)] if script.exists() else [PY, "-m", "factcli"]
    lines = ["# factcli benchmark results\n",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
             f"Python {platform.python_version()}; medians of {args.runs} whole-process runs; "
             f"run `python bench/run.py` to reproduce.\n"]

    def section(title: str, floor: list[str], cases: list[tuple[str, list[str]]], target: float,
                floor_label: str = "") -> None:
        # floor and commands take turns, round after round, so drift on a shared machine hits all alike
        argvs = [floor] + [argv for _, argv in cases]
        for argv in argvs:
            timed(argv, env)
        samples: list[list[tuple[float, int]]] = [[] for _ in argvs]
        for _ in range(args.runs):
            for i, argv in enumerate(argvs):
                samples[i].append(timed(argv, env))
        medians = [(statistics.median(t for t, _ in runs), max(m for _, m in runs)) for runs in samples]
        base, base_mem = medians[0]
        lines.append(f"\n## {title}\n\nFloor{f' ({floor_label})' if floor_label else ''}: {base * 1000:.1f} ms "
                     f"({base_mem} MiB). Target: at most {target}× "
                     "the floor.\n\n| command | median | ratio | peak memory | target met |\n|---|---|---|---|---|")
        for (label, _), (took, mem) in zip(cases, medians[1:], strict=True):
            ratio = took / base
            lines.append(f"| `{label}` | {took * 1000:.1f} ms | {ratio:.2f}× | {mem} MiB | "
                         f"{'yes' if ratio <= target else 'NO'} |")

    section("Scripting paths (shipped store)", [PY, "-c", FLOOR, store],
            [("factcli get lvliang gdp 2024", [*factcli, "get", "lvliang", "gdp", "2024"]),
             ("factcli show xiaoyi gdp --format tsv", [*factcli, "show", "xiaoyi", "gdp", "--format", "tsv"]),
             ("factcli show xiaoyi gdp --format json", [*factcli, "show", "xiaoyi", "gdp", "--format", "json"])],
            1.15)
    section("Table paths (shipped store)", [PY, "-c", FLOOR_TABLE, store],
            [("factcli show xiaoyi gdp --format table", [*factcli, "show", "xiaoyi", "gdp", "--format", "table"]),
             ("factcli targets 2025 --format table", [*factcli, "targets", "2025", "--format", "table"])],
            1.25)
    lines.append("\n## What each path imports (python -X importtime, heaviest first)\n")
    for label, cmd in (("get", ["get", "lvliang", "gdp", "2024"]), ("show tsv", ["show", "xiaoyi", "gdp"]),
                       ("show table", ["show", "xiaoyi", "gdp", "-f", "table"])):
        lines.append(f"- `{label}`: {importtime(cmd, env)}")
    bare, _ = median([PY, "-c", "pass"], args.runs, env)
    with_click, _ = median([PY, "-c", "import click"], args.runs, env)
    lines.append(f"\nStart-up for reference: `python -c pass` {bare * 1000:.1f} ms; `import click` adds "
                 f"{(with_click - bare) * 1000:.1f} ms.")
    lines.append("\n## Large stores: `show REGION INDICATOR` against parsing the same JSON\n\nTarget: at most "
                 "1.5× the parse.\n\n| facts | file | parse | show | ratio | show peak memory | target met |\n"
                 "|---|---|---|---|---|---|---|")
    sizes = [int(s) for s in args.sizes.split(",")]
    growth: dict[tuple[int, str, str], tuple[float, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            json_store, sqlite_store, texts = (Path(tmp) / f"store-{size}.json", Path(tmp) / f"store-{size}.sqlite",
                                               Path(tmp) / f"texts-{size}")
            subprocess.run([PY, str(HERE / "make_store.py"), str(size), str(json_store), "--texts", str(texts)],
                           check=True)
            subprocess.run([PY, str(HERE / "make_store.py"), str(size), str(sqlite_store), "--sqlite", "--texts",
                            str(texts)], check=True)
            runs = max(3, args.runs // (20 if size >= 1000000 else 3 if size >= 100000 else 1))
            parse, _ = median([PY, "-c", PARSE, str(json_store)], runs, env)
            show, mem = median([*factcli, *SHOW, "--db", str(json_store)], runs, env)
            lines.append(f"| {size:,} | {json_store.stat().st_size / 2**20:.1f} MiB | {parse * 1000:.0f} ms | "
                         f"{show * 1000:.0f} ms | {show / parse:.2f}× | {mem} MiB | "
                         f"{'yes' if show / parse <= 1.5 else 'NO'} |")
            for kind, path in (("JSON", json_store), ("SQLite", sqlite_store)):
                for name, argv in commands(path, texts):
                    if name == "add":  # a new figure each run, or the second would be refused as a duplicate
                        samples = [timed([*factcli, *(a.replace("VALUE", f"{n + 0.5}") for a in argv), "--db",
                                          str(path)], env) for n in range(runs)]
                        growth[size, kind, name] = (statistics.median(t for t, _ in samples),
                                                    max(m for _, m in samples))
                    else:
                        growth[size, kind, name] = median([*factcli, *argv, "--db", str(path)], runs, env)
            if size == sizes[-1]:
                for name, shipped, argvs in (
                        ("get", ["get", "lvliang", "gdp", "2024"], [GET]),
                        ("show", ["show", "xiaoyi", "gdp", "-f", "tsv"], [SHOW_PERIOD, SHOW])):
                    section(f"`{name}` on a SQLite store of {size:,} facts against `{name}` on the shipped store",
                            [*factcli, *shipped],
                            [(f"factcli {' '.join(argv)} (SQLite, {size:,} facts)",
                              [*factcli, *argv, "--db", str(sqlite_store)]) for argv in argvs],
                            1.3, floor_label=f"`factcli {' '.join(shipped)}` on the shipped store")
    lines.append("\n## Growth: each command on synthetic stores of both kinds\n\nMedian wall time and peak "
                 "memory of whole runs (`add` writes a new fact each run; `verify` checks every record and "
                 "every excerpt against the source texts).\n")
    names = [name for name, _ in commands(Path("x"), Path("x"))]
    lines.append("| facts | kind | " + " | ".join(names) + " |\n|---|---|" + "---|" * len(names))
    for size in sizes:
        for kind in ("JSON", "SQLite"):
            cells = [f"{growth[size, kind, n][0] * 1000:,.0f} ms, {growth[size, kind, n][1]} MiB" for n in names]
            lines.append(f"| {size:,} | {kind} | " + " | ".join(cells) + " |")
    plot(growth, sizes, names)
    lines.append(READING)
    text = "\n".join(lines) + "\n"
    # the extract sections are evaluate_extract.py's: kept as they are
    previous = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    kept = previous.find("\n## extract: ")
    args.out.write_text(text + (previous[kept:] if kept >= 0 else ""), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
