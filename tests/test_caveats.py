"""Tables say what changes a figure's meaning: scope, binding or strive, a curator's note, a span's basis;
and no two rows of a table look alike while their facts differ."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import fact, invoke, terminal, write_store

from factcli import render
from factcli.model import Record

CAVEATS = [
    fact(id="rev", indicator="gdp", value=8605.8, unit="万元", scope="rural tourism key villages",
         note="from the villages' own count", evidence="营收8605.8万元"),
    fact(id="avg", indicator="coal_output", period="2022-2024", value=1.6, unit="亿吨", qualifier="approx",
         basis="annual_avg", evidence="原煤产量保持在1.6亿吨左右"),
    fact(id="sum", indicator="gdp", period="2016-2020", measure="level", value=128.8, unit="亿元",
         basis="cumulative", evidence="累计完成128.8亿元"),
    fact(id="top", indicator="gdp", measure="rank", unit="rank", value=3, qualifier="at_most", rank_of="growth",
         scope="among Shanxi's cities (全省)", evidence="增速全省前三"),
]


@pytest.fixture
def caveats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = write_store(tmp_path / "caveats.json", CAVEATS)
    monkeypatch.setenv("FACTCLI_DB", str(path))
    return path


@pytest.mark.usefixtures("caveats")
def test_show_reads_scope_note_span_basis_and_top_n() -> None:
    assert invoke("show", "alpha", obj=terminal(100)).stdout.splitlines() == [
        '                                               Alpha                                                ',
        'Indicator                   Period     Kind               Value  Rank                         Source',
        '────────────────────────────────────────────────────────────────────────────────────────────────────',
        'Coal output                 2022-2024  actual     ≈ 1.6 亿吨/yr                               [1]   ',
        'GDP                         2016-2020  actual  128.8 亿元 total                               [1]   ',
        'GDP — rural tourism key     2024       actual    8605.8 万元 *1                               [1]   ',
        'villages                                                                                            ',
        'GDP                         2024       actual                    top 3 in growth among        [1]   ',
        "                                                                 Shanxi's cities (全省)             ",
        '[1] doc (2025-01-01): Report',
        "*1 from the villages' own count",
        'Units: 亿吨 = 100 million tonnes; 万元 = 10,000 yuan; 亿元 = 100 million yuan',
    ]


@pytest.mark.usefixtures("caveats")
def test_show_in_chinese_reads_per_year_and_total() -> None:
    assert invoke("show", "alpha", "--lang", "zh", obj=terminal(100)).stdout.splitlines() == [
        '                                                甲市                                                ',
        '指标                           时期       类型            数值  排名                            来源',
        '────────────────────────────────────────────────────────────────────────────────────────────────────',
        '原煤产量                       2022-2024  实际   ≈ 1.6 亿吨/年                                  [1] ',
        '地区生产总值                   2016-2020  实际  累计128.8 亿元                                  [1] ',
        '地区生产总值 — rural tourism   2024       实际  8605.8 万元 *1                                  [1] ',
        'key villages                                                                                        ',
        "地区生产总值                   2024       实际                  前3（增速） among Shanxi's      [1] ",
        '                                                                cities (全省)                       ',
        '[1] doc (2025-01-01): 报告',
        "*1 from the villages' own count",
    ]


def visible_rows(monkeypatch: pytest.MonkeyPatch, *args: str) -> list[tuple[str, ...]]:
    """The cells each row of a table shows, after the head of its group."""
    seen: list[tuple[list[Record], list[Any]]] = []
    monkeypatch.setattr(render, "emit_table", lambda rows, columns, **_: seen.append((list(rows), list(columns))))
    invoke(*args, obj=terminal(120))
    rows, columns = seen[0]
    head = ""
    visible = []
    for row in rows:
        if len(row) == 1:  # a group's head (region and area) stands for every row under it
            head = render.cell(next(iter(row.values())))
        else:
            visible.append((head, *(render.cell(row.get(c.key)) for c in columns)))
    return visible


def shipped_tables() -> list[tuple[str, ...]]:
    import json

    from factcli.store import default_path

    with open(default_path(), encoding="utf-8") as handle:
        data = json.load(handle)
    regions = sorted(r["id"] for r in data["regions"].values())
    years = sorted({int(f["period"][-4:]) for f in data["facts"].values() if f["kind"] == "target"})
    return ([("show", r) for r in regions] + [("targets", str(y)) for y in years]
            + [("targets", str(y), "--track") for y in years] + [("track",), ("search", "亿元")])


@pytest.mark.parametrize("args", shipped_tables(), ids=" ".join)
def test_no_two_rows_differ_only_in_what_the_table_hides(monkeypatch: pytest.MonkeyPatch,
                                                         args: tuple[str, ...]) -> None:
    rows = visible_rows(monkeypatch, *args)
    assert rows
    twins = {row for row in rows if rows.count(row) > 1}
    assert not twins


def test_units_are_explained_from_the_registry() -> None:
    from factcli.present import unit_glosses

    assert unit_glosses(["亿元", "万亩", "万千升", "亿斤", "%", "rank", "个", "座", "百分点", "万人", "MW"]) == [
        "万亩 = 10,000 mu ≈ 667 ha",
        "亿斤 = 100 million jin ≈ 50000 t",
        "亿元 = 100 million yuan",
        "万人 = 10,000 people",
        "百分点 = percentage points",
        "万千升 = 10,000 kilolitres",
        "个 座: counters (a number of things)",
    ]


def test_every_unit_in_the_shipped_store_is_explained_or_a_counter() -> None:
    import json

    from factcli.present import unit_glosses
    from factcli.store import default_path

    with open(default_path(), encoding="utf-8") as handle:
        units = {f["unit"] for f in json.load(handle)["facts"].values()} - {"%", "rank", "MW"}
    glossed = unit_glosses(units)
    counters = glossed[-1].split(":")[0].split()
    assert sorted({g.split(" = ")[0] for g in glossed[:-1]} | set(counters)) == sorted(units)
