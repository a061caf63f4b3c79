"""The shipped store says what its sources say: span meaning, what a rank ranks, one wording per scope, topics."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from factcli.store import default_path


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict[str, Any]]]:
    data = json.loads(Path(default_path()).read_text(encoding="utf-8"))
    return {name: list(table.values()) for name, table in data.items()}


def by_id(tables: dict[str, list[dict[str, Any]]], fid: str) -> dict[str, Any]:
    (found,) = [f for f in tables["facts"] if f["id"] == fid]
    return found


def test_every_level_or_count_over_a_span_says_total_or_per_year(tables: dict[str, list[dict[str, Any]]]) -> None:
    spans = [f for f in tables["facts"] if "-" in f["period"] and f["measure"] in ("level", "count")]
    assert Counter(f["basis"] for f in spans) == {"cumulative": 31, "annual_avg": 3}
    assert by_id(tables, "xiaoyi-2021-gwr-038")["basis"] == "cumulative"  # 财政累计民生支出128.8亿元
    assert by_id(tables, "lvliang-2025-qianjin-022")["basis"] == "annual_avg"  # 年产量保持在1.6亿吨左右
    assert by_id(tables, "lvliang-2025-qianjin-027")["basis"] == "annual_avg"  # 年均产量稳定在30亿方左右


def test_every_rank_says_what_it_ranks(tables: dict[str, list[dict[str, Any]]]) -> None:
    ranks = [f for f in tables["facts"] if f["measure"] == "rank"]
    assert Counter(f["rank_of"] for f in ranks) == {"level": 31, "growth": 3, "share": 5}
    assert by_id(tables, "lvliang-2025-gwr-005")["rank_of"] == "growth"  # 固定资产投资增速全省第三
    assert by_id(tables, "lvliang-2025-gwr-003")["rank_of"] == "level"  # 地区生产总值…居全省第二
    assert [by_id(tables, i)["rank_of"] for i in ("lvliang-2025-gwr-044", "lvliang-2025-gwr-045")] == \
        ["level", "growth"]  # 外贸进出口总量、增速均居全省第三
    assert all(f["scope"].endswith(("(全省)", "(全省县)", "(吕梁)", "(全国县级)", "(汾渭平原)", "(全省后 20)"))
               for f in ranks)


def test_a_total_built_up_over_years_says_so(tables: dict[str, list[dict[str, Any]]]) -> None:
    # 累计 in one year's figure is a stock since an unprinted start, not that year's flow ("去年累计": a year's sum)
    totals = [f for f in tables["facts"] if f["measure"] in ("level", "count") and "累计" in f["evidence"]
              and "去年累计" not in f["evidence"]]
    assert sorted(f["id"] for f in totals if f.get("basis") != "cumulative") == [
        "lvliang-2025-gwr-018", "lvliang-2025-qianjin-050", "lvliang-2025-qianjin-051", "xiaoyi-2021-gwr-064",
        "xiaoyi-2021-gwr-082"]
    assert all("累计" in f.get("scope", "") + f.get("note", "") for f in totals if f.get("basis") != "cumulative")


def test_a_part_of_what_the_indicator_names_is_scoped(tables: dict[str, list[dict[str, Any]]]) -> None:
    # 4 所中小学改扩建完工 (2020) were rebuilt, unlike the 建成中小学校 4 所 planned for 2021: diff must not pair them
    assert by_id(tables, "xiaoyi-2021-gwr-093")["scope"] != by_id(tables, "xiaoyi-2021-gwr-177")["scope"]
    assert by_id(tables, "lvliang-2025-gwr-075")["scope"] == "to start (启动)"  # 启动 5个重大项目建设
    assert "开工" in by_id(tables, "xiaoyi-2021-gwr-063")["note"]  # a project started in 2020, not capacity producing


def test_xiaoyi_urban_incomes_of_2020_and_2024_share_their_scope(tables: dict[str, list[dict[str, Any]]]) -> None:
    incomes = [f for f in tables["facts"] if f["region"] == "xiaoyi" and f["indicator"] == "urban_disposable_income"
               and f["measure"] == "level"]
    assert sorted((f["period"], f.get("scope")) for f in incomes) == [("2020", None), ("2024", None)]


def test_topics_cut_across_indicators(tables: dict[str, list[dict[str, Any]]]) -> None:
    topics = {i["id"]: i["topics"] for i in tables["indicators"]}
    assert all(topics.values())
    used = Counter(t for ts in topics.values() for t in ts)
    assert len(used) == 52 and min(used.values()) >= 2
    hydrogen = {i for i, ts in topics.items() if "氢能/hydrogen" in ts}
    assert {"hydrogen_fuel_cell_vehicles", "hydrogen_refueling_stations", "hydrogen_production_capacity"} <= hydrogen
    coal = {i for i, ts in topics.items() if "煤炭/coal" in ts}
    assert {"coal_output", "smart_coal_mines", "advanced_coal_capacity_share", "key_coal_mine_projects",
            "coal_power_capacity_eliminated", "industries_100bn_yuan_scale"} <= coal
    assert "industries_100bn_yuan_scale" in hydrogen  # 以氢能、现代煤化工2大千亿级产业
