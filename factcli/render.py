"""Every way factcli prints rows: table, tsv, csv, json, jsonl, a bare value, a bar chart.

Commands build rows of machine values and hand them here; nothing else prints results. rich is
imported only on the table path, so scripts that pipe output never pay for it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Sequence
from typing import IO, Any

from factcli.numerals import format_number

FORMATS = ("table", "tsv", "csv", "json", "jsonl")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")

Row = dict[str, Any]


class Column:
    """One column: its machine key, its labels, and how a table lays it out (wide columns wrap)."""

    # a plain class: a NamedTuple costs a compile at start-up, on every command
    __slots__ = ("en", "key", "numeric", "wide", "zh")

    def __init__(self, key: str, en: str, zh: str, wide: bool = False, numeric: bool = False) -> None:
        self.key, self.en, self.zh, self.wide, self.numeric = key, en, zh, wide, numeric

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def default_format(stream: IO[str] | None = None) -> str:
    """A table for people at a terminal, TSV for pipes and files."""
    stream = stream or sys.stdout
    return "table" if stream.isatty() else "tsv"


def clean(text: str) -> str:
    """Store text made safe for a terminal: no control sequences, one line."""
    return _CONTROL.sub("", _LINE_BREAKS.sub(" ", text))


def clean_lines(text: str) -> str:
    return "\n".join(clean(line) for line in text.splitlines())


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    return clean(str(value))


def emit(rows: Sequence[Row], columns: Sequence[Column], fmt: str, *, lang: str = "en",
         title: str | None = None, table_columns: Sequence[Column] | None = None,
         caption: str | None = None, out: IO[str] | None = None) -> None:
    """Write rows in fmt. Machine formats use the column keys; a table uses the (human) labels."""
    out = out or sys.stdout
    keys = [c.key for c in columns]
    if fmt == "json":
        out.write(json.dumps([{k: row.get(k) for k in keys} for row in rows], ensure_ascii=False,
                             indent=2) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({k: row.get(k) for k in keys}, ensure_ascii=False) + "\n")
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
    elif fmt == "table":
        emit_table(rows, table_columns or columns, lang=lang, title=title, caption=caption, out=out)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def console(out: IO[str] | None = None) -> Any:
    """A rich Console built per call, so NO_COLOR and COLUMNS are read at run time."""
    from rich.console import Console

    width = None if (out or sys.stdout).isatty() else int(os.environ.get("COLUMNS", "80"))
    return Console(file=out or sys.stdout, width=width, no_color="NO_COLOR" in os.environ or None,
                   highlight=False, emoji=False, markup=False)


def emit_table(rows: Sequence[Row], columns: Sequence[Column], *, lang: str, title: str | None,
               caption: str | None = None, out: IO[str] | None = None) -> None:
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
        widths: dict[str, Any]
        if column.wide:
            widths = {"min_width": min(10, words)}
        elif column.numeric:
            widths = {"min_width": min(words, natural), "max_width": natural}
        else:
            widths = {"width": natural, "no_wrap": True}
        table.add_column(Text(column.label(lang)), justify="right" if column.numeric else "left",
                         overflow="fold", **widths)
    for row in rows:
        table.add_row(*(Text(cell(row.get(c.key))) for c in columns))
    target = console(out)
    if not rows:
        target.print(Text("(no rows)" if lang != "zh" else "（无结果）"))
        return
    target.print(table)


def longest_word(rows: Sequence[Row], key: str) -> int:
    """Width of the longest unbreakable piece of a column, so short columns are never folded."""
    from rich.cells import cell_len

    return max((cell_len(word) for row in rows for word in cell(row.get(key)).split()), default=0)


def emit_value(*values: Any, out: IO[str] | None = None) -> None:
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
