"""factcli draws its tables itself (factcli/table.py) in the bytes rich's Table printed for them: random tables
and every shipped table view, plain and styled, compared with rich rendering the same table.

The budget is small and fixed (derandomized, a set number of examples) so CI stays fast and stable.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke, terminal
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcli import render
from factcli.context import Environment
from factcli.model import Record
from factcli.render import Column, cell, clean, clean_lines, emit_table, widths

FUZZ = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])


def rich_table(rows: Sequence[Record], columns: Sequence[Column], *, lang: str, title: str | None,
               caption: str | None, width: int, styled: bool, no_color: bool = False) -> str:
    """The table as rich draws it: what factcli printed before it drew tables itself."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, width=width, no_color=no_color or None, force_terminal=styled, highlight=False,
                      emoji=False, markup=False)
    if not rows:
        console.print(Text("(no rows)" if lang != "zh" else "（无结果）"))
        return out.getvalue()
    table = Table(title=Text(clean(title)) if title else None, box=box.SIMPLE_HEAD, expand=False,
                  header_style="bold", title_style="bold", show_edge=False, pad_edge=False, padding=(0, 1, 0, 0))
    columns = [c for c in columns if any(cell(row.get(c.key)) for row in rows)] or list(columns)
    labels = [column.label(lang) for column in columns]
    cells = [[cell(row.get(c.key)) for row in rows] for c in columns]
    for column, label, size in zip(columns, labels, widths(cells, columns, labels, width), strict=True):
        table.add_column(Text(label), justify="right" if column.numeric else "left", overflow="fold",
                         width=size, no_wrap=not (column.wide or column.numeric))
    for row in rows:
        table.add_row(*(Text(cell(row.get(c.key))) for c in columns))
    console.print(table)
    if caption:
        console.print(Text(clean_lines(caption), style="dim"))
    return out.getvalue()


def ours(rows: Sequence[Record], columns: Sequence[Column], *, lang: str, title: str | None, caption: str | None,
         width: int, styled: bool) -> str:
    out = io.StringIO()
    emit_table(rows, columns, lang=lang, title=title, caption=caption, out=out, width=width, styled=styled)
    return out.getvalue()


# ASCII, CJK (two cells), a half-width kana, accents, a combining mark, a joiner, an emoji and its variation
# selector, wide and narrow spaces: every width rich measures, and the spaces it breaks at
LETTERS = "abcxyz0159.,-—()%≥亿元孝义市生产总值ｱé\u0301\u200d😀\ufe0f"
SPACES = " \u3000\xa0"
words = st.text(alphabet=LETTERS, min_size=1, max_size=30)
texts = st.lists(st.one_of(words, st.sampled_from(["", " ", "  "])), max_size=8).map(" ".join) | st.sampled_from(
    ["", " ", "abc ", " abc", "a" * 45, "地区生产总值" * 5, "≥ 460 亿元", "x\u3000y\u3000" * 6, "a\xa0b " * 9])
values = st.one_of(st.none(), texts, st.integers(-10**9, 10**9), st.floats(-1e7, 1e7, allow_nan=False))
labels = st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=14), min_size=1, max_size=3).map(" ".join)
kinds = st.sampled_from([(False, False), (True, False), (False, True)])  # plain, wide, numeric
columns = st.lists(st.tuples(labels, labels, kinds), min_size=1, max_size=6).map(
    lambda specs: [Column(f"k{i}", en, zh, wide=wide, numeric=numeric)
                   for i, (en, zh, (wide, numeric)) in enumerate(specs)])
captions = st.none() | st.lists(texts, min_size=1, max_size=4).map("\n".join)


@st.composite
def tables(draw: Any) -> dict[str, Any]:
    chosen = draw(columns)
    rows = draw(st.lists(st.fixed_dictionaries({c.key: values for c in chosen}), max_size=8))
    return {"rows": rows, "columns": chosen, "lang": draw(st.sampled_from(["en", "zh"])),
            "title": draw(st.none() | texts), "caption": draw(captions),
            "width": draw(st.integers(8, 40) | st.integers(40, 160)), "styled": draw(st.booleans())}


@FUZZ
@given(tables(), st.booleans())
def test_random_tables_are_drawn_as_rich_draws_them(table: dict[str, Any], no_color: bool) -> None:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TERM", "xterm")  # a terminal that shows styles, whatever runs the tests
        try:
            expected = rich_table(**table, no_color=no_color)
        except Exception:  # a column narrowed to nothing, which rich cannot wrap either
            assume(False)
        assert ours(**table) == expected


@pytest.mark.parametrize("term", ["xterm-256color", "dumb", "unknown", ""])
def test_styles_are_written_where_rich_writes_them(monkeypatch: pytest.MonkeyPatch, term: str) -> None:
    monkeypatch.setenv("TERM", term)
    table: dict[str, Any] = {"rows": [{"k0": "孝义 gross regional product", "k1": 2643.2}],
                             "columns": [Column("k0", "Indicator", "指标", wide=True),
                                         Column("k1", "Target value", "数值", numeric=True)],
                             "lang": "en", "title": "Targets", "caption": "[1] a legend\n\nnext", "width": 24}
    styled = Environment(is_terminal=True, environ={"TERM": term}).styled
    assert styled is (term not in ("dumb", "unknown"))
    assert ours(**table, styled=styled) == rich_table(**table, styled=True)  # rich, forced, decides alike


VIEWS = [("targets", "2025"), ("targets", "2025", "--track", "--evidence"), ("show", "xiaoyi", "gdp"),
         ("show", "lvliang"), ("track",), ("indicators",), ("search", "coal"), ("compare", "gdp", "lvliang", "xiaoyi"),
         ("show", "xiaoyi", "gdp", "--period", "1999")]


@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shipped_views_are_drawn_as_rich_draws_them(monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...],
                                                    lang: str) -> None:
    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(render, "emit_table", lambda rows, columns, **kw: seen.append(
        {"rows": rows, "columns": columns, "lang": kw["lang"], "title": kw["title"], "caption": kw["caption"]}))
    invoke(*args, "--lang", lang, obj=terminal(120))
    monkeypatch.undo()
    monkeypatch.setenv("TERM", "xterm")
    for width, styled in ((50, False), (80, False), (120, False), (120, True)):
        assert ours(**seen[0], width=width, styled=styled) == rich_table(**seen[0], width=width, styled=styled)


def test_the_table_path_does_not_import_rich_s_console(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "factcli", "targets", "2025", "-f", "table"],
                            cwd=tmp_path, capture_output=True, text=True, check=True)
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "rich.cells" in imported and imported.isdisjoint({"rich.console", "rich.table", "rich.text"})
