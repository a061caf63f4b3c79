"""Every way factcli prints rows: table, tsv, csv, json, jsonl, a bare value, a bar chart.

Commands build rows of machine values and hand them here; nothing else prints results. rich is
imported only on the table path, so scripts that pipe output never pay for it, and there only for its cell
measures and word breaking: `factcli.table` draws the table itself.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from itertools import repeat
from types import NoneType
from typing import IO, TYPE_CHECKING, Any

from factcli.numerals import format_number

if TYPE_CHECKING:
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
    # isprintable() is False for every character either pattern matches (C0, C1, line and paragraph
    # separators, bidi formats; tests/test_render.py proves it over all code points), so the printable
    # text that is nearly all of a store's needs neither regex scan
    if text.isprintable():
        return text
    return re.sub(_CONTROL, "", re.sub(_LINE_BREAKS, " ", text))


def to_json(value: object, indent: int | None = None) -> str:
    """JSON that keeps Chinese readable but escapes whatever could act on a terminal as \\uXXXX."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return re.sub(_JSON_UNSAFE, lambda match: f"\\u{ord(match.group()):04x}", text)


def clean_lines(text: str) -> str:
    return "\n".join(clean(line) for line in text.splitlines())


def cell(value: object) -> str:
    if type(value) is str:  # most cells, so first
        return clean(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    return clean(str(value))


def column_cells(rows: Sequence[Record], key: str) -> list[str]:
    """The cell of each row's `key`, a column at a time: a column of text (or nothing) needing no cleaning,
    as nearly all store text is, is checked in one pass instead of a call per cell."""
    values: list[Any] = list(map(dict.get, rows, repeat(key)))
    kinds = set(map(type, values))
    if kinds <= {str, NoneType}:
        texts: list[str] = [v or "" for v in values] if NoneType in kinds else values
        # isprintable() holds for a string exactly when it holds for each of its characters
        if "".join(texts).isprintable():
            return texts
    return [cell(v) for v in values]


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
        # one write of the whole text: a write a row costs a thousand-row series a thousand encodings
        lines = zip(*(column_cells(rows, k) for k in keys), strict=True)
        out.write("".join(["\t".join(keys) + "\n", *("\t".join(line) + "\n" for line in lines)]))
    elif fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(keys)
        writer.writerows(zip(*(column_cells(rows, k) for k in keys), strict=True))
        out.write(buffer.getvalue())
    else:
        raise ValueError(f"unknown format {fmt!r}")


def emit_table(rows: Sequence[Record], columns: Sequence[Column], *, lang: str, title: str | None,
               caption: str | None = None, out: IO[str], width: int, styled: bool = False) -> None:
    """A table no wider than `width`: ids, numbers and other short cells keep their natural width and never
    break; wide columns (names, excerpts) wrap at word boundaries. The legend below uses the whole width.
    Only bold and dim are drawn, never a colour, so NO_COLOR changes nothing here."""
    from factcli.table import DIM, draw, paragraph

    if not rows:
        out.write(paragraph("(no rows)" if lang != "zh" else "（无结果）", width))
        return
    cells = [column_cells(rows, column.key) for column in columns]
    # a column that is empty in every row only costs width
    kept = [i for i, texts in enumerate(cells) if any(texts)] or list(range(len(columns)))
    columns, cells = [columns[i] for i in kept], [cells[i] for i in kept]
    labels = [column.label(lang) for column in columns]
    out.write(draw(clean(title) if title else "", labels, cells, widths(cells, columns, labels, width),
                   [c.numeric for c in columns], [c.wide or c.numeric for c in columns], width, styled))
    if caption:
        out.write(paragraph(clean_lines(caption), width, DIM if styled else None))


def widths(cells: Sequence[Sequence[str]], columns: Sequence[Column], labels: Sequence[str], width: int) -> list[int]:
    """Each column (its cells given) as wide as its content, narrowed until the table fits `width`: wide
    columns (names, excerpts) down to twenty cells, numbers to ten, wide columns to twelve, numbers to their
    longest word (≥ 460 | 亿元) — never breaking a word so far; only then do wide columns break words, down
    to ten cells and at last to their header's longest word. Ids, periods and keys stay whole. Columns are
    two cells apart (a rule and a pad)."""
    from rich.cells import cell_len

    natural = [max(cell_len(text) for text in (label, *texts)) for label, texts in zip(labels, cells, strict=True)]
    excess = sum(natural) + 2 * (len(natural) - 1) - width
    if excess <= 0:  # the usual narrow table: no word needs measuring
        return natural
    words = [max((cell_len(word) for text in (label, *texts) for word in text.split()), default=1)
             for label, texts in zip(labels, cells, strict=True)]
    heads = [max(cell_len(word) for word in label.split()) for label in labels]
    sizes = list(natural)
    steps = (("wide", lambda i: min(20, natural[i])), ("numeric", lambda i: min(natural[i], max(10, words[i]))),
             ("wide", lambda i: min(natural[i], max(12, words[i]))), ("numeric", lambda i: words[i]),
             ("wide", lambda i: min(10, words[i])), ("wide", lambda i: heads[i]))
    for kind, least in steps:
        while excess > 0:
            narrowable = [i for i, c in enumerate(columns) if getattr(c, kind) and sizes[i] > least(i)]
            if not narrowable:
                break
            widest = max(narrowable, key=lambda i: sizes[i] - least(i))
            sizes[widest] -= 1
            excess -= 1
    return sizes


def emit_value(*values: object, out: IO[str] | None = None) -> None:
    """Bare values for scripts: one, or several on a tab-separated line."""
    (out or sys.stdout).write("\t".join(cell(value) for value in values) + "\n")


def emit_chart(points: Sequence[tuple[str, float, str]], *, width: int = 40,
               out: IO[str] | None = None) -> None:
    """Horizontal bars, one per (label, value, shown value): a series at a glance, no colour needed. A series
    with a fall in it draws falls left of an axis and rises right of it, so no fall reads as a rise."""
    out = out or sys.stdout
    if not points:
        return
    low = min(0.0, *(v for _, v, _ in points))
    span = (max(0.0, *(v for _, v, _ in points)) - low) or 1.0
    left = int(-low / span * width + 0.5)  # the cells left of the axis, rounded as the bars are
    label_width = max(len(label) for label, _, _ in points)
    for label, value, shown in points:
        cells = abs(value) / span * width
        half = cells - int(cells) >= 0.5
        if low == 0:
            drawn = "█" * int(cells) + ("▌" if half else "") or "▏"
        elif value < 0:
            drawn = (("▐" if half else "") + "█" * int(cells)).rjust(left) + "│"
        else:
            drawn = " " * left + "│" + "█" * int(cells) + ("▌" if half else "")
        out.write(f"{clean(label).ljust(label_width)}  {drawn} {clean(shown)}\n")
