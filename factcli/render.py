"""Every way factcli prints rows: table, tsv, csv, json, jsonl, a bare value, a bar chart.

Commands build rows of machine values and hand them here; nothing else prints results. rich is
imported only on the table path, so scripts that pipe output never pay for it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from factcli.numerals import format_number

if TYPE_CHECKING:
    from rich.console import Console

    from factcli.model import Record

FORMATS = ("table", "tsv", "csv", "json", "jsonl")
# Characters that would let store text steer a terminal or a reader's eye: C0 and C1 controls, and the
# bidirectional marks, embeddings, overrides and isolates that can make "500" display as "005".
_BIDI_AND_C1 = r"\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# patterns, not compiled here: re compiles and caches each on first use, so a path that never prints
# text (`get` printing a number) never pays for compiling them
_CONTROL = rf"[\x00-\x1f{_BIDI_AND_C1}]"
_LINE_BREAKS = r"[\t\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+"
# json.dumps escapes C0 itself; the rest would reach a terminal raw (U+2028/9 also break JavaScript)
_JSON_UNSAFE = rf"[{_BIDI_AND_C1}\u2028\u2029]"


class Column:
    """One column: its machine key, its labels, and how a table lays it out (wide columns wrap)."""

    # a plain class: a NamedTuple costs a compile at start-up, on every command
    __slots__ = ("en", "key", "numeric", "wide", "zh")

    def __init__(self, key: str, en: str, zh: str, wide: bool = False, numeric: bool = False) -> None:
        self.key, self.en, self.zh, self.wide, self.numeric = key, en, zh, wide, numeric

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def clean(text: str) -> str:
    """Text from the store or the command line made safe to print: one line, no control characters,
    no bidirectional overrides. Every string factcli prints passes through here."""
    return re.sub(_CONTROL, "", re.sub(_LINE_BREAKS, " ", text))


def to_json(value: object, indent: int | None = None) -> str:
    """JSON that keeps Chinese readable but escapes whatever could act on a terminal as \\uXXXX."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return re.sub(_JSON_UNSAFE, lambda match: f"\\u{ord(match.group()):04x}", text)


def clean_lines(text: str) -> str:
    return "\n".join(clean(line) for line in text.splitlines())


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    return clean(str(value))


def emit(rows: Sequence[Record], columns: Sequence[Column], fmt: str, *, out: IO[str] | None = None) -> None:
    """Write rows in a machine format, keyed by the columns' keys (a table is `emit_table`)."""
    out = out or sys.stdout
    keys = [c.key for c in columns]
    if fmt == "json":
        out.write(to_json([{k: row.get(k) for k in keys} for row in rows], indent=2) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(to_json({k: row.get(k) for k in keys}) + "\n")
    elif fmt == "tsv":
        out.write("\t".join(keys) + "\n")
        for row in rows:
            out.write("\t".join(cell(row.get(k)) for k in keys) + "\n")
    elif fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(keys)
        writer.writerows([cell(row.get(k)) for k in keys] for row in rows)
        out.write(buffer.getvalue())
    else:
        raise ValueError(f"unknown format {fmt!r}")


def console(out: IO[str], width: int, no_color: bool, styled: bool) -> Console:
    """A rich Console on the invocation's settings: nothing in the store is read as markup or emoji."""
    from rich.console import Console

    return Console(file=out, width=width, no_color=no_color or None, force_terminal=styled,
                   highlight=False, emoji=False, markup=False)


def emit_table(rows: Sequence[Record], columns: Sequence[Column], *, lang: str, title: str | None,
               caption: str | None = None, out: IO[str], width: int, no_color: bool = False,
               styled: bool = False) -> None:
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(clean(title)) if title else None, box=box.SIMPLE_HEAD, expand=False,
                  header_style="bold", title_style="bold", show_edge=False, pad_edge=False, padding=(0, 1, 0, 0),
                  caption=Text(clean_lines(caption)) if caption else None, caption_justify="left",
                  caption_style="dim")
    # a column that is empty in every row only costs width
    columns = [c for c in columns if any(cell(row.get(c.key)) for row in rows)] or list(columns)
    for column in columns:
        natural = max([cell_len(column.label(lang))] + [cell_len(cell(row.get(column.key))) for row in rows])
        words = max(4, longest_word(rows, column.key))
        fixed: int | None = None
        min_width: int | None = None
        max_width: int | None = None
        if column.wide:
            min_width = min(10, words)
        elif column.numeric:
            min_width, max_width = min(words, natural), natural
        else:
            fixed = natural
        table.add_column(Text(column.label(lang)), justify="right" if column.numeric else "left", overflow="fold",
                         width=fixed, min_width=min_width, max_width=max_width, no_wrap=fixed is not None)
    for row in rows:
        table.add_row(*(Text(cell(row.get(c.key))) for c in columns))
    target = console(out, width, no_color, styled)
    if not rows:
        target.print(Text("(no rows)" if lang != "zh" else "（无结果）"))
        return
    target.print(table)


def longest_word(rows: Sequence[Record], key: str) -> int:
    """Width of the longest unbreakable piece of a column, so short columns are never folded."""
    from rich.cells import cell_len

    return max((cell_len(word) for row in rows for word in cell(row.get(key)).split()), default=0)


def emit_value(*values: object, out: IO[str] | None = None) -> None:
    """Bare values for scripts: one, or several on a tab-separated line."""
    (out or sys.stdout).write("\t".join(cell(value) for value in values) + "\n")


def emit_chart(points: Sequence[tuple[str, float, str]], *, width: int = 40,
               out: IO[str] | None = None) -> None:
    """Horizontal bars, one per (label, value, shown value): a series at a glance, no colour needed."""
    out = out or sys.stdout
    if not points:
        return
    top = max(abs(v) for _, v, _ in points) or 1.0
    label_width = max(len(label) for label, _, _ in points)
    for label, value, shown in points:
        cells = abs(value) / top * width
        bar = "█" * int(cells) + ("▌" if cells - int(cells) >= 0.5 else "")
        out.write(f"{clean(label).ljust(label_width)}  {bar or '▏'} {clean(shown)}\n")
