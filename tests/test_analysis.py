"""diff, compare, track and check: the rules on hand-made facts, the commands on a small hand-made store."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fact, invoke, jsonl, terminal, write_store

from factcli.check import check
from factcli.diff import diffs
from factcli.track import judge

pytestmark = pytest.mark.usefixtures("store_kind")  # every test on every kind of store


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


@pytest.mark.usefixtures("small")
def test_diff_command_in_base_units_beside_reported_growth() -> None:
    assert invoke("diff", "alpha", "gdp", "2023", "2024", obj=terminal()).stdout.splitlines() == [
        "                               Alpha · GDP                               ",
        "From  To         Was         Now      Change  Computed %  Reported growth",
        "─────────────────────────────────────────────────────────────────────────",
        "2023  2024  100 亿元  > 120 亿元  ≈ +20 亿元    ≈ +20.0%  ≈ +5% (doc)    ",
    ]
    (row,) = jsonl(invoke("diff", "alpha", "-f", "jsonl").stdout)
    assert (row["indicator"], row["change"], row["hedged"], row["reported_ids"]) == ("gdp", 20, True, ["doc-003"])
    assert row["percent"] == pytest.approx(20)


@pytest.mark.usefixtures("small")
def test_diff_needs_both_years_and_four_digits() -> None:
    assert invoke("diff", "alpha", "gdp", "2020").stderr == "factcli: give both FROM and TO, or neither\n"
    assert invoke("diff", "alpha", "gdp", "20", "2024").stderr == "factcli: invalid year '20' (expected YYYY)\n"
    result = invoke("diff", "alpha", "coal_output", "2030", "2031")
    assert (result.exit_code, result.stdout) == (1, "region\tregion_name\tindicator\tindicator_name\tmeasure\tscope\t"
                                                     "from_period\tto_period\tyears\tfrom_value\tfrom_unit\t"
                                                     "from_qualifier\tto_value\tto_unit\tto_qualifier\tchange\tchange_unit\tpercent\t"
                                                     "annual_rate\thedged\treported_growth\treported_ids\n")


@pytest.mark.usefixtures("small")
def test_compare_orders_by_period_then_regions_as_given() -> None:
    rows = jsonl(invoke("compare", "gdp", "beta", "甲", "--period", "2024", "-f", "jsonl").stdout)
    assert [r["id"] for r in rows] == ["doc-011", "doc-002", "doc-003", "doc-004"]
    table = invoke("compare", "gdp", "alpha", "beta", "--period", "2024", obj=terminal()).stdout.splitlines()
    assert table[3:5] == [
        "Alpha   2024    estimate  > 120 亿元   ≈ +5%  #2    [1]   ",
        "Beta    2024    actual    30 亿元 *1                [1]   ",
    ]


@pytest.mark.usefixtures("small")
def test_track_command_filters_status_and_reads_a_year_as_year() -> None:
    rows = jsonl(invoke("track", "2025", "--status", "behind", "-f", "jsonl").stdout)
    assert [(r["id"], r["outcome_id"], r["gap"]) for r in rows] == [("doc-005", "doc-002", -20),
                                                                    ("doc-006", "doc-002", -30)]
    assert invoke("track", "alpha", "--status", "met").exit_code == 1


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


def test_check_part_whole_units() -> None:
    assert ("error", "part_above_whole") in findings_of([fact(region="alpha", value=100),
                                                        fact(region="beta", value=150)])
    assert ("error", "mixed_dimensions") in findings_of([fact(unit="亿元"), fact(unit="万吨", period="2023")])
    assert ("warning", "percent_and_points") in findings_of([fact(measure="share", unit="%", value=5),
                                                            fact(measure="share", unit="百分点", value=2)])


def test_check_cli_exit_4_on_error(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact(period="2026")])  # an outcome after its document (2025)
    result = invoke("check", "--db", str(db))
    assert result.exit_code == 4
    assert "outcome_after_document" in result.stdout
    assert result.stderr == "factcli: 1 error(s), 0 warning(s)\n"
