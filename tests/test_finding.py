"""Finding things: YEAR and REGION in either order, repeated filters as unions, categories checked and
read in Chinese, names beside ids in every machine format."""

from __future__ import annotations

import pytest
from conftest import invoke, jsonl

pytestmark = pytest.mark.usefixtures("small")


def ids(*args: str) -> list[str]:
    result = invoke(*args, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in jsonl(result.stdout)]


@pytest.mark.parametrize(("one", "other"), [
    (("targets", "2025", "alpha"), ("targets", "alpha", "2025")),
    (("targets", "2025", "甲市", "--track"), ("targets", "甲市", "2025", "--track")),
    (("track", "alpha", "2025"), ("track", "2025", "alpha")),
    (("track", "alpha", "--year", "2025"), ("track", "2025", "alpha")),
])
def test_year_and_region_in_either_order(one: tuple[str, ...], other: tuple[str, ...]) -> None:
    first, second = invoke(*one), invoke(*other)
    assert (first.exit_code, first.stdout, first.stderr) == (second.exit_code, second.stdout, second.stderr)
    assert first.exit_code == 0 and first.stdout.count("\n") > 1


@pytest.mark.parametrize(("args", "message"), [
    (("targets", "alpha"), "factcli: missing YEAR (e.g. 2025)\n"),
    (("targets", "2024", "2025"), "factcli: give one YEAR and at most one REGION, not '2024 2025'\n"),
    (("track", "alpha", "2024", "--year", "2025"), "factcli: two years given: 2024 and --year 2025\n"),
])
def test_year_and_region_refusals(args: tuple[str, ...], message: str) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_repeated_filters_are_unions() -> None:
    assert ids("show", "alpha", "gdp", "--kind", "actual") == ["doc-001"]
    assert ids("show", "alpha", "gdp", "--kind", "actual", "--kind", "estimate") == [
        "doc-001", "doc-002", "doc-003", "doc-004"]
    assert ids("show", "alpha", "gdp", "--measure", "growth", "--measure", "rank") == [
        "doc-003", "doc-004", "doc-007"]
    assert ids("show", "alpha", "--source", "plan") == ["doc-007"]
    assert ids("show", "alpha", "--source", "plan", "--source", "doc", "--measure", "growth") == [
        "doc-003", "doc-007"]
    assert ids("compare", "gdp", "alpha", "beta", "--kind", "actual", "--kind", "target") == [
        "doc-001", "doc-011", "doc-007", "doc-005", "doc-006"]
    assert ids("targets", "2025", "--measure", "growth") == ["doc-007"]


def test_category_in_english_or_chinese_on_show_targets_track_and_indicators() -> None:
    assert ids("show", "alpha", "--category", "能源") == ids("show", "alpha", "--category", "energy") == [
        "doc-008", "doc-009", "doc-010"]
    assert ids("show", "alpha", "--category", "能源", "--category", "Economy", "--kind", "actual") == [
        "doc-008", "doc-009", "doc-001"]
    assert ids("targets", "2025", "--category", "经济") == ["doc-007", "doc-005", "doc-006"]
    assert ids("track", "--category", "energy") == ["doc-010"]
    assert ids("indicators", "--category", "能源") == ["coal_output"]


@pytest.mark.parametrize("command", [("show", "alpha"), ("targets", "2025"), ("track",), ("indicators",)])
def test_an_unknown_category_is_a_usage_error_with_suggestions(command: tuple[str, ...]) -> None:
    result = invoke(*command, "--category", "enviroment")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "factcli: unknown category 'enviroment' (did you mean environment?)\n")


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl"])
def test_machine_formats_carry_names_in_the_chosen_language(fmt: str) -> None:
    english = invoke("show", "beta", "--format", fmt).stdout
    chinese = invoke("show", "beta", "--format", fmt, "--lang", "zh").stdout
    assert "Beta" in english and "GDP" in english and "乙县" not in english
    assert "乙县" in chinese and "地区生产总值" in chinese and "Beta" not in chinese


def test_names_sit_beside_the_ids() -> None:
    row = jsonl(invoke("search", "原煤", "--format", "jsonl", "--lang", "zh").stdout)[0]
    assert list(row)[:5] == ["id", "region", "region_name", "indicator", "indicator_name"]
    assert (row["region_name"], row["indicator_name"]) == ("甲市", "原煤产量")


def test_diff_rows_carry_names_too() -> None:
    row = jsonl(invoke("diff", "alpha", "gdp", "--format", "jsonl", "--lang", "zh").stdout)[0]
    assert (row["region"], row["region_name"], row["indicator"], row["indicator_name"]) == (
        "alpha", "甲市", "gdp", "地区生产总值")
