"""Tables that fit: no wider than the terminal, ids, periods, keys and numbers whole, names wrapped between
words, the legend at the terminal's width."""

from __future__ import annotations

import json

import pytest
from conftest import invoke, terminal
from rich.cells import cell_len

from factcli.store import default_path


def shipped(table: str) -> list[dict]:
    with open(default_path(), encoding="utf-8") as handle:
        return list(json.load(handle)[table].values())


def test_every_indicator_id_is_whole_at_80_columns() -> None:
    lines = invoke("indicators", obj=terminal(80)).stdout.splitlines()
    words = {word for line in lines for word in line.split()}
    assert all(cell_len(line.rstrip()) <= 80 for line in lines)
    assert sorted(i["id"] for i in shipped("indicators") if i["id"] not in words) == []


@pytest.mark.parametrize("args", [("track",), ("targets", "2025", "--track"), ("show", "lvliang"),
                                  ("search", "coal"), ("compare", "gdp", "lvliang", "xiaoyi")], ids=" ".join)
@pytest.mark.parametrize("width", [80, 100])
def test_headers_keys_periods_and_ids_stay_whole(args: tuple[str, ...], width: int) -> None:
    lines = invoke(*args, obj=terminal(width)).stdout.splitlines()
    assert all(cell_len(line.rstrip()) <= width for line in lines)
    header = lines[1].split()
    assert header[-1] == "Source" and ("Indicator" in header or "Region" in header)
    rows = [line for line in lines[3:] if line.rstrip().endswith("]") and "[" in line]
    assert rows and all(line.split()[-1][1:-1].isdigit() for line in rows)  # each row's source key, whole


def test_the_legend_uses_the_terminal_width_not_the_table_s() -> None:
    lines = invoke("show", "lvliang", "smart_coal_mines", "--kind", "target", obj=terminal(160)).stdout.splitlines()
    table_width = cell_len(lines[2])
    legend = lines[lines.index(next(line for line in lines if line.startswith("[1]"))):]
    assert table_width < 80 < max(cell_len(line) for line in legend)
