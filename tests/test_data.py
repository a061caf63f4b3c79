"""The shipped store's own values: what a user of the curated data.json gets. A data edit may change
these; the code tests (test_lookup.py, test_analysis.py) run on small hand-made stores instead."""

from __future__ import annotations

import json

import pytest
from conftest import invoke, jsonl, terminal
from syrupy.assertion import SnapshotAssertion

from factcli.track import track


def test_get_lvliang_gdp_2024() -> None:
    result = invoke("get", "lvliang", "gdp", "2024")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "2643.2\n", "")


@pytest.mark.parametrize("region", ["lvliang", "吕梁", "吕梁市", "Lüliang", "LVLIANG", "luliang", "lǚliáng",
                                    "Ｌｖｌｉａｎｇ"])
def test_region_aliases(region: str) -> None:
    assert invoke("get", region, "GDP", "2024").stdout == "2643.2\n"


@pytest.mark.parametrize("indicator", ["gdp", "GDP", "地区生产总值", "gross regional product"])
def test_indicator_aliases(indicator: str) -> None:
    assert invoke("get", "孝义", indicator, "2024", "--field", "qualifier").stdout == "above\n"


def test_get_fields() -> None:
    assert invoke("get", "xiaoyi", "gdp", "2024", "--field", "kind").stdout == "estimate\n"
    assert invoke("get", "xiaoyi", "gdp", "2024", "--field", "unit").stdout == "亿元\n"
    assert invoke("get", "xiaoyi", "gdp", "2024", "--field", "value_base").stdout == "50000000000\n"
    assert invoke("get", "lvliang", "gdp", "2024", "--measure", "rank").stdout == "2\n"
    evidence = invoke("get", "xiaoyi", "gdp", "2024", "--field", "evidence").stdout
    assert "预计突破500亿元" in evidence


def test_get_same_figure_in_two_documents_is_one_value() -> None:
    assert invoke("get", "lvliang", "gdp", "2024", "--field", "source").stdout == "lvliang-2025-qianjin\n"


def test_get_ambiguous_is_exit_3_with_candidates() -> None:
    result = invoke("get", "xiaoyi", "gdp", "2025", "--kind", "target", "--measure", "level")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "2 facts match" in result.stderr
    assert "xiaoyi-2021-gwr" in result.stderr and "460" in result.stderr and "500" in result.stderr


def test_get_no_match_is_exit_1() -> None:
    result = invoke("get", "jinzhong", "gdp", "1999")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "factcli: no level or count for jinzhong gdp 1999\n"


def test_unknown_indicator_suggests() -> None:
    result = invoke("get", "lvliang", "coal_outptu")
    assert result.exit_code == 2
    assert "did you mean coal_output" in result.stderr


def test_show_table_has_hedges_and_legend() -> None:
    out = invoke("show", "xiaoyi", "gdp", "--format", "table").stdout
    assert "> 500 亿元" in out
    assert "≥ 460 亿元" in out
    assert "(strive)" in out
    assert "≈ +5%" in out
    assert "xiaoyi-2021-gwr (2021-04-20)" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_show_filters() -> None:
    rows = jsonl(invoke("show", "lvliang", "--period", "2025", "--kind", "target", "--format", "jsonl").stdout)
    assert rows and {r["kind"] for r in rows} == {"target"} and {r["period"] for r in rows} == {"2025"}
    energy = jsonl(invoke("show", "lvliang", "--category", "energy", "-f", "jsonl").stdout)
    assert "smart_coal_mines" in {r["indicator"] for r in energy}
    assert "gdp" not in {r["indicator"] for r in energy}


def test_targets_2025() -> None:
    rows = jsonl(invoke("targets", "2025", "--format", "jsonl").stdout)
    assert len(rows) > 80
    assert {r["kind"] for r in rows} == {"target"}
    assert {"xiaoyi", "lvliang", "jinzhong"} <= {r["region"] for r in rows}
    plan = [r for r in rows if r["period"] == "2021-2025"]
    assert plan, "plan-period targets ending in 2025 are included"
    gdp = [r for r in rows if (r["region"], r["indicator"]) == ("xiaoyi", "gdp") and r["measure"] == "level"]
    assert {(r["value"], r["binding"]) for r in gdp} == {(460, "binding"), (500, "strive")}


def test_targets_region_table() -> None:
    out = invoke("targets", "2025", "吕梁", "--format", "table").stdout
    assert "Targets for 2025 · Lüliang — " in out and "marked strive (力争)" in out
    assert "≥ 1.55 亿吨" in out


def test_search_chinese_and_english_find_hydrogen() -> None:
    zh = {r["id"] for r in jsonl(invoke("search", "氢能", "-f", "jsonl").stdout)}
    en = {r["id"] for r in jsonl(invoke("search", "hydrogen", "-f", "jsonl").stdout)}
    assert zh and en
    assert len(zh & en) >= 3


def test_lists_count_facts() -> None:
    regions = {r["id"]: r for r in json.loads(invoke("regions", "-f", "json").stdout)}
    assert regions["xiaoyi"]["facts"] > 200 and regions["xiaoyi"]["parent"] == "lvliang"
    sources = json.loads(invoke("sources", "-f", "json").stdout)
    assert sources[0]["id"] == "xiaoyi-2021-gwr"
    assert sum(s["facts"] for s in sources) == len(jsonl(invoke("export").stdout))
    indicators = jsonl(invoke("indicators", "jinzhong", "-f", "jsonl").stdout)
    assert indicators and all(i["facts"] > 0 for i in indicators)


def test_cite() -> None:
    fid = jsonl(invoke("show", "xiaoyi", "gdp", "--period", "2024", "--measure", "level", "-f", "jsonl").stdout)[0]
    out = invoke("cite", fid["id"], "--format", "table").stdout
    assert "预计突破500亿元" in out and "2025-01-15" in out and f"Fact id: {fid['id']}" in out
    record = json.loads(invoke("cite", fid["id"], "--format", "json").stdout)[0]
    assert record["source_file"] == "000_46e3abeaba9588cc.txt"
    assert invoke("cite", "nope-001").exit_code == 2


def test_diff_lvliang_gdp_2020_2024() -> None:
    (row,) = json.loads(invoke("diff", "lvliang", "gdp", "2020", "2024", "-f", "json").stdout)
    assert (row["from_value"], row["to_value"], row["years"]) == (1538, 2643.2, 4)
    assert row["change"] == pytest.approx(1105.2)
    assert row["percent"] == pytest.approx(71.86, abs=0.01)
    assert row["annual_rate"] == pytest.approx(14.50, abs=0.01)


def test_diff_table_and_chart() -> None:
    out = invoke("diff", "lvliang", "gdp", "-f", "table").stdout
    assert "+1105.2 亿元" in out and "+71.9%" in out and "+14.5%/yr" in out
    chart = invoke("diff", "lvliang", "gdp", "--chart").stdout
    assert chart.count("█") > 10


def test_compare_regions() -> None:
    rows = jsonl(invoke("compare", "gdp", "lvliang", "xiaoyi", "-f", "jsonl").stdout)
    assert {r["region"] for r in rows} == {"lvliang", "xiaoyi"}
    out = invoke("compare", "gdp", "吕梁", "孝义", obj=terminal(160)).stdout
    assert "Lüliang" in out and "Xiaoyi" in out and "2643.2 亿元" in out


def test_track_xiaoyi_five_year_gdp_goal_met_early_by_2024_estimate() -> None:
    rows = jsonl(invoke("track", "xiaoyi", "--year", "2025", "-f", "jsonl").stdout)
    gdp = {(r["value"], r["qualifier"]): r for r in rows if r["indicator"] == "gdp" and r["measure"] == "level"}
    floor = gdp[(460, "at_least")]
    assert (floor["status"], floor["outcome_value"], floor["outcome_kind"]) == ("met_early", 500, "estimate")
    assert floor["gap"] == pytest.approx(40)


def test_track_lvliang_liquor_target_against_2024() -> None:
    items = [t for t in track(_shipped_facts(), region="lvliang", year=2025) if t.target["indicator"] == "liquor_output"
             and t.target["measure"] == "level"]
    assert items and items[0].outcome is not None and items[0].outcome["period"] == "2024"
    assert items[0].required_rate is not None and items[0].required_rate > 0


def test_track_table_and_year_argument() -> None:
    out = invoke("track", "2025", obj=terminal(200)).stdout
    assert "Targets vs outcomes · 2025" in out and "on track" in out and "no outcome" in out


def test_targets_track_column() -> None:
    rows = jsonl(invoke("targets", "2025", "xiaoyi", "--track", "-f", "jsonl").stdout)
    assert {r["status"] for r in rows} == {"met_early", "no_outcome", "not_yet_due"}


def _shipped_facts() -> list[dict]:
    from factcli.store import open_store

    return open_store().facts()


def test_shipped_store_has_no_check_errors() -> None:
    result = invoke("check", "-f", "json")
    assert result.exit_code == 0, result.stdout
    findings = json.loads(result.stdout)
    assert all(f["severity"] == "warning" for f in findings)
    gas = [f for f in findings if "unconventional_gas_output" in f["message"]]
    assert gas and gas[0]["check"] == "rounding"


@pytest.mark.parametrize("args", [("show", "xiaoyi", "gdp"), ("targets", "2025", "吕梁", "--track"),
                                  ("track", "xiaoyi", "--year", "2025"), ("sources",)])
@pytest.mark.parametrize("width", [80, 120])
def test_shipped_tables(args: tuple[str, ...], width: int, snapshot: SnapshotAssertion) -> None:
    result = invoke(*args, obj=terminal(width))
    assert (result.exit_code, result.stdout, result.stderr) == snapshot


@pytest.mark.parametrize("args", [("show", "lvliang", "gdp", "-f", "tsv"), ("regions", "-f", "json")])
def test_shipped_machine_output(args: tuple[str, ...], snapshot: SnapshotAssertion) -> None:
    assert invoke(*args).stdout == snapshot
