"""diff, compare, track and check: on the real documents and on hand-made facts that trip each rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import fact, invoke, jsonl, write_store

from factcli.check import check
from factcli.diff import diffs
from factcli.track import judge, track


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


def test_diff_compares_in_base_units() -> None:
    facts = [fact(indicator="coal_output", unit="亿斤", value=1, period="2023", evidence="原煤1亿斤"),
             fact(indicator="coal_output", unit="万公斤", value=6000, period="2024", evidence="原煤6000万公斤"),
             fact(indicator="coal_output", measure="growth", unit="%", value=20, period="2024", evidence="增长20%")]
    (change,) = diffs(facts)
    assert change.change == pytest.approx(1000)  # 6000万公斤 - 5000万公斤, in the later unit
    assert change.percent == pytest.approx(20)
    assert [f["value"] for f in change.reported] == [20]


def test_diff_rates_in_points(tmp_path: Path) -> None:
    facts = [fact(measure="share", unit="%", value=40, period="2020", evidence="占比40%"),
             fact(measure="share", unit="%", value=45.5, period="2021", evidence="占比45.5%")]
    (change,) = diffs(facts)
    assert (change.change, change.unit, change.percent) == (pytest.approx(5.5), "百分点", None)


def test_diff_needs_both_years() -> None:
    assert invoke("diff", "lvliang", "gdp", "2020").exit_code == 2


def test_compare_regions() -> None:
    rows = jsonl(invoke("compare", "gdp", "lvliang", "xiaoyi", "-f", "jsonl").stdout)
    assert {r["region"] for r in rows} == {"lvliang", "xiaoyi"}
    out = invoke("compare", "gdp", "吕梁", "孝义", "-f", "table").stdout
    assert "Lüliang" in out and "Xiaoyi" in out and "2643.2 亿元" in out


def tracked(target: dict, *outcomes: dict) -> str:
    target = dict(target, kind="target", id="t")
    return judge(target, [dict(o, id=f"o{i}") for i, o in enumerate(outcomes)]).status


def test_status_met_at_least() -> None:
    assert tracked(fact(value=460, qualifier="at_least", period="2025"),
                   fact(value=500, qualifier="above", kind="estimate", period="2025")) == "met"


def test_status_missed() -> None:
    assert tracked(fact(value=460, qualifier="at_least", period="2025"), fact(value=450, period="2025")) == "missed"


def test_status_approx_tolerance() -> None:
    target = fact(measure="growth", unit="%", value=5, qualifier="approx", period="2025")
    assert tracked(target, fact(measure="growth", unit="%", value=5.4, period="2025")) == "met"
    assert tracked(target, fact(measure="growth", unit="%", value=4.4, period="2025")) == "missed"


def test_status_at_most() -> None:
    target = fact(measure="share", unit="%", value=5.5, qualifier="at_most", period="2025")
    assert tracked(target, fact(measure="share", unit="%", value=5.1, period="2025")) == "met"


def test_status_on_track_and_behind() -> None:
    target = fact(value=200, period="2025")
    # 100 -> 150 over 2020-2023 is +14.5%/yr; 150 -> 200 over two years needs +15.5%/yr
    assert tracked(target, fact(value=100, period="2020"), fact(value=150, period="2023")) == "behind"
    assert tracked(target, fact(value=100, period="2020"), fact(value=170, period="2023")) == "on_track"


def test_status_not_yet_due_and_no_outcome() -> None:
    assert tracked(fact(value=200, period="2025"), fact(value=150, period="2024")) == "not_yet_due"
    assert tracked(fact(measure="count", unit="个", value=10, period="2025"),
                   fact(measure="count", unit="个", value=16, period="2024")) == "not_yet_due"
    assert tracked(fact(value=200, period="2025")) == "no_outcome"


def test_plan_period_total_needs_an_outcome_for_the_span() -> None:
    target = fact(unit="万人", value=2, qualifier="at_least", period="2021-2025", evidence="新增就业2万人以上")
    assert tracked(target, fact(unit="人", value=4762, period="2020")) == "no_outcome"
    assert tracked(target, fact(unit="万人", value=2.3, period="2021-2025")) == "met"


def test_level_already_reached_is_on_track() -> None:
    assert tracked(fact(value=460, qualifier="at_least", period="2025"),
                   fact(value=500, qualifier="above", period="2024")) == "on_track"


def test_required_rate_uses_reported_growth() -> None:
    result = judge(dict(fact(value=121, period="2025"), kind="target", id="t"),
                   [dict(fact(value=100, period="2023"), id="a"),
                    dict(fact(measure="growth", unit="%", value=12, period="2023"), id="g")])
    assert result.status == "on_track"
    assert result.required_rate == pytest.approx(10)
    assert result.achieved_rate == 12


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
    out = invoke("track", "2025", "-f", "table").stdout
    assert "Targets vs outcomes · 2025" in out and "on track" in out and "no outcome" in out


def test_targets_track_column() -> None:
    rows = jsonl(invoke("targets", "2025", "xiaoyi", "--track", "-f", "jsonl").stdout)
    assert {r["status"] for r in rows} == {"met_early", "no_outcome"}


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


def findings_of(facts: list[dict], regions: list[dict] | None = None) -> list[tuple[str, str]]:
    numbered = [dict(f, id=f"f{i}") for i, f in enumerate(facts)]
    regions = regions or [{"id": "alpha", "level": "prefecture_city"},
                          {"id": "beta", "level": "county", "parent": "alpha"}]
    sources = [{"id": "doc", "date": "2025-01-15"}]
    return [(f.severity, f.check) for f in check(numbered, regions, sources)]


def test_check_periods_against_the_document() -> None:
    assert findings_of([fact(period="2026")]) == [("error", "outcome_after_document")]
    assert findings_of([fact(period="2022", kind="target")]) == [("warning", "target_before_document")]
    assert findings_of([fact(period="2025"), fact(period="2021-2025", kind="target", value=5)]) == []


def test_check_conflict_beyond_rounding() -> None:
    found = findings_of([fact(value=31.7, source="a"), fact(value=35, source="b")])
    assert ("error", "different_values") in found
    assert findings_of([fact(value=31.7, source="a"), fact(value=32, source="b")]) == [("warning", "rounding")]


def test_check_growth_against_levels() -> None:
    found = findings_of([fact(value=100, period="2023"), fact(value=110, period="2024"),
                         fact(measure="growth", unit="%", value=25, period="2024")])
    assert found == [("warning", "growth_vs_levels")]


def test_check_magnitude_jump() -> None:
    assert findings_of([fact(value=100, period="2023"), fact(value=10500, period="2024")]) == [
        ("error", "magnitude_jump")]


def test_check_share_rank_part_whole_units() -> None:
    assert ("error", "share_above_100") in findings_of([fact(measure="share", unit="%", value=120)])
    assert ("error", "rank_below_1") in findings_of([fact(measure="rank", unit="rank", value=0)])
    assert ("error", "part_above_whole") in findings_of([fact(region="alpha", value=100),
                                                        fact(region="beta", value=150)])
    assert ("error", "mixed_dimensions") in findings_of([fact(unit="亿元"), fact(unit="万吨", period="2023")])
    assert ("warning", "percent_and_points") in findings_of([fact(measure="share", unit="%", value=5),
                                                            fact(measure="share", unit="百分点", value=2)])


def test_check_cli_exit_4_on_error(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact(measure="share", unit="%", value=120, evidence="占比120%")])
    result = invoke("check", "--db", str(db))
    assert result.exit_code == 4
    assert "share_above_100" in result.stdout
    assert result.stderr == "factcli: 1 error(s), 0 warning(s)\n"
