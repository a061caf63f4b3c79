"""factcli's one table style, drawn in the very bytes rich's `Table` prints for it, without rich's machinery.

rich lays out any renderable in any box: every cell becomes a Padding around a Text, rendered to segments,
split into lines, styled, cropped and padded again, which made drawing `targets 2025` (~140 rows) cost
more than the rest of the command, and importing rich's Console and Table cost more again. The style here
is fixed (box.SIMPLE_HEAD, no edge, no edge padding, one cell of padding right of each column but the
last, bold headers, a centred title that rich leaves unstyled, a dim legend), so a cell that fits its
column is its text and some spaces; only a cell too long for its column is wrapped, with rich's own word
breaking and cell measures. tests/test_table.py proves the output equals rich's on random tables.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size

BOLD, DIM = "1", "2"
_TRAILING_SPACE = re.compile(r"\s+$")


def paint(text: str, code: str | None) -> str:
    """Text in an SGR style, as rich writes a styled segment: empty text stays empty."""
    return f"\x1b[{code}m{text}\x1b[0m" if code and text else text


def wrap(text: str, width: int, justify: str = "default", fold: bool = True) -> list[str]:
    """The lines rich's `Text.wrap` makes of one-style text without tabs: broken at spaces (a word longer
    than the line folded) unless `fold` is off, each justified ("left", "right", "center" fill the width,
    "default" leaves it ragged) and cropped to `width` cells."""
    lines = []
    for line in text.split("\n"):
        if fold and (len(line) > width or cell_len(line) > width):
            pieces = _divide(line, width)
        else:  # a line that fits is not divided: the usual case, and the speed of this module
            pieces = [line]
        for piece in pieces:
            if justify == "left":
                piece = _truncate(piece, width, pad=True)
            elif justify == "right":
                piece = _truncate(piece.rstrip(), width)
                piece = " " * (width - cell_len(piece)) + piece
            elif justify == "center":
                piece = _truncate(piece.rstrip(), width)
                piece = " " * ((width - cell_len(piece)) // 2) + piece
                piece += " " * (width - cell_len(piece))
            lines.append(_truncate(piece, width))
    return lines


def _divide(line: str, width: int) -> list[str]:
    """A line too long for `width` broken where rich breaks it; whitespace that pushes a piece past the width
    (in characters, as rich counts it there) is dropped."""
    from rich._wrap import divide_line

    offsets = [0, *divide_line(line, width, fold=True), len(line)]
    pieces = []
    for start, end in itertools.pairwise(offsets):
        piece = line[start:end]
        excess = len(piece) - width
        if excess > 0 and (space := _TRAILING_SPACE.search(piece)):
            piece = piece[:len(piece) - min(len(space.group()), excess)]
        pieces.append(piece)
    return pieces


def _truncate(text: str, width: int, pad: bool = False) -> str:
    length = cell_len(text)
    if length > width:
        text = set_cell_size(text, width)
    return text + " " * (width - length) if pad and length < width else text


def column_widths(sizes: Sequence[int], width: int) -> list[int]:
    """Each column's width with its padding, as rich's Table gives fixed-width columns: whole while the table
    fits `width`, else all narrowed evenly (this layout keeps them whole unless the terminal is very narrow)."""
    last = len(sizes) - 1
    room = width - last  # a divider between each two columns
    padded = [size + 1 for size in sizes[:last]] + [sizes[last]]
    widths = [(min(size, room) if room >= 1 else 0) or 1 for size in padded]
    if sum(widths) > room:
        from rich._ratio import ratio_reduce

        widths = ratio_reduce(sum(widths) - room, [1] * len(widths), widths, widths)
    return widths


Segment = tuple[str, str | None]  # text and its style, as rich writes it: each styled on its own


def draw(title: str, headers: Sequence[str], columns: Sequence[Sequence[str]], sizes: Sequence[int],
         right: Sequence[bool], fold: Sequence[bool], width: int, styled: bool) -> str:
    """The table: a centred title (wrapped when wider than the table), bold headers on their bottom line,
    a rule, then the rows, each cell top-aligned. `columns` holds each column's cells; `sizes` its text
    width; `right` whether it is right-justified; `fold` whether it wraps."""
    widths = column_widths(sizes, width)
    table_width = sum(widths) + len(widths) - 1
    last = len(widths) - 1
    justify = ["right" if r else "left" for r in right]
    lines: list[list[Segment]] = [[(line, None)] for line in wrap(title, table_width, "center")
                                  ] if title and table_width >= 1 else []

    def row(cells: Sequence[str], code: str | None, bottom: bool) -> None:
        blocks = []
        for i, (text, size) in enumerate(zip(cells, widths, strict=True)):
            pad: list[Segment] = [(" ", code)] if i != last else []
            inner = size - len(pad)
            # rich's segments: the text, spaces where rich measures it short of its width, the padding
            blocks.append([_fit(_fit([(line, code)] if line else [], inner, code) + pad, size, code)
                           for line in wrap(text, inner, justify[i], fold[i])] if inner >= 1 else [])
        height = max(map(len, blocks))
        for i, block in enumerate(blocks):
            # a row of cells all too narrow to show anything is one unstyled blank line, as rich shapes it
            blank = [[(" " * widths[i], code if height else None)]] * (max(height, 1) - len(block))
            blocks[i] = blank + block if bottom else block + blank
        for cell_lines in zip(*blocks, strict=True):
            line = list(cell_lines[0])
            for segments in cell_lines[1:]:
                line.append((" ", None))
                line.extend(segments)
            lines.append(line)

    row(headers, BOLD if styled else None, bottom=True)
    lines.append([("─" * table_width, None)])
    for cells in zip(*columns, strict=True):
        row(cells, None, bottom=False)
    if table_width > width:  # columns too many for the terminal: rich crops each line
        lines = [_fit(line, width, None, pad=False) for line in lines]
    return "".join("".join(paint(text, code) for text, code in line) + "\n" for line in lines)


def _fit(segments: list[Segment], width: int, code: str | None, pad: bool = True) -> list[Segment]:
    """Segments padded (in the style `code`) or cropped to `width` cells, measured one by one as rich
    measures them (a joiner hides the character after it, so text rich padded may still measure short)."""
    length = sum(cell_len(text) for text, _ in segments)
    if length < width:
        return [*segments, (" " * (width - length), code)] if pad else segments
    if length == width:
        return segments
    kept: list[Segment] = []
    length = 0
    for text, style in segments:
        if length + cell_len(text) >= width:
            kept.append((set_cell_size(text, width - length), style))
            break
        kept.append((text, style))
        length += cell_len(text)
    return kept


def paragraph(text: str, width: int, code: str | None = None) -> str:
    """Text printed on its own at `width`, as rich's `Console.print` prints it: wrapped, ragged, each line
    in the style `code`."""
    return "".join(paint(line, code) + "\n" for line in wrap(text, width))
