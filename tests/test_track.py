"""track's met_early, and derived numbers (diff, track) read as a person writes them while JSON keeps them whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import fact, invoke, jsonl, write_store

from factcli.numerals import Figure, format_number
from factcli.track import judge, track

pytestmark = pytest.mark.usefixtures("store_kind")  # every test on every kind of store

SOURCES = [
    {"id": "plan", "file": "plan.txt", "sha256": "0" * 64, "title_zh": "规划", "title_en": "Plan", "region": "alpha",
     "date": "2021-04-20", "kind": "government_work_report"},
    {"id": "doc", "file": "doc.txt", "sha256": "1" * 64, "title_zh": "报告", "title_en": "Report", "region": "alpha",
     "date": "2025-01-15", "kind": "government_work_report"},
]


def status(target: dict, *outcomes: dict, set_in: int | None = 2021) -> str:
    target = dict(target, kind="target", id="t")
    return judge(target, [dict(o, id=f"o{i}") for i, o in enumerate(outcomes)], set_in=set_in).status


def test_a_level_reached_after_the_target_was_set_is_met_early() -> None:
    target = fact(value=460, qualifier="at_least", period="2025", source="plan")
    estimate = fact(value=500, qualifier="above", kind="estimate", period="2024")
    assert status(target, estimate) == "met_early"
    assert status(fact(value=500, qualifier="above", aspirational=True, period="2025"), estimate) == "met_early"


def test_a_count_reached_early_and_an_exact_figure_to_reach() -> None:
    assert status(fact(measure="count", unit="座", value=10, period="2025"),
                  fact(measure="count", unit="座", value=11, period="2023")) == "met_early"
    assert status(fact(value=100, period="2025"), fact(value=100, period="2023")) == "met_early"


def test_a_baseline_known_when_the_target_was_set_is_not_met_early() -> None:
    # "确保产量稳定在29亿立方米以上" for 2025, set in 2025, beside 2024's 31.7: a baseline, on track
    target = fact(value=29, unit="亿立方米", qualifier="at_least", period="2025")
    assert status(target, fact(value=31.7, unit="亿立方米", period="2024"), set_in=2025) == "on_track"
    assert status(target, fact(value=31.7, unit="亿立方米", period="2024"), set_in=None) == "on_track"


def test_caps_rates_and_abouts_are_never_met_early() -> None:
    assert status(fact(value=100, qualifier="at_most", period="2025"), fact(value=90, period="2023")) == "not_yet_due"
    assert status(fact(value=100, qualifier="approx", period="2025"), fact(value=100, period="2023")) == "not_yet_due"
    assert status(fact(measure="share", unit="%", value=30, qualifier="at_least", period="2025"),
                  fact(measure="share", unit="%", value=35, period="2023")) == "not_yet_due"


def test_not_reached_yet_stays_on_pace_or_behind() -> None:
    target = fact(value=200, period="2025")
    assert status(target, fact(value=100, period="2020"), fact(value=170, period="2023")) == "on_track"
    assert status(target, fact(value=100, period="2020"), fact(value=150, period="2023")) == "behind"


def test_an_outcome_of_another_scope_never_stands_in() -> None:
    facts = [dict(fact(value=460, qualifier="at_least", period="2025", kind="target", source="plan"), id="t"),
             dict(fact(value=500, period="2024", scope="city proper", source="doc"), id="o")]
    (item,) = track(facts, source_dates={"plan": "2021-04-20", "doc": "2025-01-15"})
    assert (item.status, item.outcome) == ("no_outcome", None)


@pytest.fixture
def db(tmp_path: Path) -> str:
    facts = [fact(id="t-gdp", value=460, qualifier="at_least", period="2025", kind="target", source="plan",
                  evidence="地区生产总值达到460亿元以上"),
             fact(id="o-gdp", value=500.37, period="2024", kind="estimate", source="doc",
                  evidence="地区生产总值500.37亿元"),
             fact(id="o-2020", value=381.1, period="2020", source="plan", evidence="地区生产总值381.1亿元")]
    return str(write_store(tmp_path / "data.json", facts, sources=SOURCES))


def test_track_cli_met_early(db: str) -> None:
    result = invoke("track", "alpha", "--status", "met_early", "--db", db, "-f", "tsv")
    header, row = result.stdout.splitlines()
    values = dict(zip(header.split("\t"), row.split("\t"), strict=True))
    assert (values["id"], values["status"], values["outcome_id"]) == ("t-gdp", "met_early", "o-gdp")
    assert (values["gap"], values["gap_unit"], values["gap_percent"]) == ("40.37", "亿元", "8.8")
    (record,) = json.loads(invoke("track", "alpha", "--db", db, "-f", "json").stdout)
    assert record["gap"] == pytest.approx(40.37)
    assert record["gap_percent"] == pytest.approx(8.776, abs=1e-3) and record["gap_percent"] != 8.8


def test_track_table_says_met_early_in_both_languages(db: str) -> None:
    en = invoke("track", "alpha", "--db", db, "-f", "table", env={"COLUMNS": "120"}).stdout
    zh = invoke("track", "alpha", "--db", db, "-f", "table", "--lang", "zh", env={"COLUMNS": "120"}).stdout
    assert "met early" in en and "+40.37 亿元; +8.8%" in en
    assert "提前完成" in zh


def test_diff_reads_as_printed_in_tsv_and_csv_and_whole_in_json(db: str) -> None:
    tsv = invoke("diff", "alpha", "gdp", "2020", "2024", "--db", db).stdout.splitlines()
    values = dict(zip(tsv[0].split("\t"), tsv[1].split("\t"), strict=True))
    # 381.1 -> 500.37: +119.27, +31.3% (31.2962…), +7.0%/yr (7.0441…)
    assert (values["change"], values["percent"], values["annual_rate"]) == ("119.27", "31.3", "7.0")
    csv = invoke("diff", "alpha", "gdp", "2020", "2024", "--db", db, "-f", "csv").stdout.splitlines()
    assert csv[1].split(",")[15:19] == ["119.27", "亿元", "31.3", "7.0"]
    (row,) = jsonl(invoke("diff", "alpha", "gdp", "2020", "2024", "--db", db, "-f", "jsonl").stdout)
    assert row["percent"] == pytest.approx(31.2962, abs=1e-4) and row["annual_rate"] == pytest.approx(7.0442, abs=1e-4)


def test_diff_from_after_to_is_a_usage_error(db: str) -> None:
    result = invoke("diff", "alpha", "gdp", "2024", "2020", "--db", db)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "factcli: FROM (2024) must come before TO (2020)\n")


def test_shipped_diff_lvliang_gdp_reads_to_one_decimal() -> None:
    out = invoke("diff", "lvliang", "gdp", "2020", "2024").stdout
    assert out.splitlines()[1].split("\t")[15:19] == ["1105.2", "亿元", "71.9", "14.5"]


def test_shipped_xiaoyi_five_year_gdp_goal_is_met_early() -> None:
    rows = jsonl(invoke("track", "xiaoyi", "--year", "2025", "--status", "met_early", "-f", "jsonl").stdout)
    assert {(r["id"], r["outcome_id"]) for r in rows} >= {("xiaoyi-2021-gwr-103", "xiaoyi-2025-conf-001")}


@pytest.mark.parametrize(("value", "places", "shown"), [
    (71.8595578673602, 1, "71.9"), (1105.2000000000003, 1, "1105.2"), (-0.04, 1, "0.0"), (40.0, 0, "40"),
    (3151.0, 0, "3151"), (-19.2, 1, "-19.2")])
def test_figures_print_to_their_places(value: float, places: int, shown: str) -> None:
    figure = Figure(value, places)
    assert format_number(figure) == shown
    assert json.dumps(figure) == json.dumps(value)


def test_a_span_total_is_judged_only_by_a_total_for_the_span() -> None:
    target = fact(unit="万人", value=2, qualifier="at_least", period="2021-2025", basis="cumulative")
    assert status(target, fact(unit="万人", value=2.3, period="2021-2025", basis="annual_avg")) == "no_outcome"
    assert status(target, fact(unit="万人", value=2.3, period="2021-2025", basis="cumulative")) == "met"


@pytest.mark.parametrize(("target", "outcome", "expected"), [
    (("at_least", 460), ("exact", 470), "met"),
    (("at_least", 460), ("exact", 450), "missed"),
    (("at_least", 460), ("above", 500), "met"),
    (("at_least", 460), ("approx", 500), "met"),  # about 500 is at least 490
    (("at_least", 460), ("approx", 460), "unclear"),  # 近460 may fall short of 460
    (("at_least", 460), ("below", 500), "unclear"),  # below 500 says nothing of reaching 460
    (("at_least", 460), ("below", 460), "missed"),
    (("above", 460), ("at_least", 460), "unclear"),  # 460 or more need not be above 460
    (("at_most", 100), ("at_least", 90), "unclear"),
    (("at_most", 100), ("above", 100), "missed"),
    (("approx", 100), ("exact", 101), "met"),
    (("approx", 100), ("above", 100), "unclear"),
])
def test_an_outcome_meets_a_target_only_where_its_own_hedge_proves_it(
        target: tuple[str, float], outcome: tuple[str, float], expected: str) -> None:
    """The outcome's hedge is a range: it meets the target only if all of it does, misses only if none does."""
    goal = fact(value=target[1], qualifier=target[0], period="2024", source="plan")
    assert status(goal, fact(value=outcome[1], qualifier=outcome[0], period="2024")) == expected
