"""check's scope_wording: scopes of one indicator that say the same thing in different words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import fact, invoke, write_store

from factcli.check import scope_words

INCOME = {"id": "urban_income", "name_zh": "城镇居民人均可支配收入",
          "name_en": "Per capita disposable income of urban residents",
          "aliases": ["城镇居民人均可支配收入", "urban income"], "category": "income"}
GDP = {"id": "gdp", "name_zh": "地区生产总值", "name_en": "GDP", "aliases": ["地区生产总值"], "category": "economy"}


def scoped(scope: str | None, **fields: Any) -> dict[str, Any]:
    return fact(**({"scope": scope} if scope else {}), **fields)


def findings(tmp_path: Path, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    db = write_store(tmp_path / "data.json", facts, indicators=[GDP, INCOME])
    result = invoke("check", "--db", str(db), "-f", "json")
    assert result.exit_code == 0, result.output
    return [f for f in json.loads(result.stdout) if f["check"] == "scope_wording"]


def test_wording_variants_are_one_finding_with_every_fact(tmp_path: Path) -> None:
    found = findings(tmp_path, [scoped("city proper (市区)", period="2023"), scoped("City proper", period="2024"),
                                scoped("the city proper (市区范围)", period="2022")])
    assert found == [{"severity": "warning", "check": "scope_wording", "facts": ["doc-002", "doc-001", "doc-003"],
                      "message": "gdp: scopes differ only in wording: 'City proper' / 'city proper (市区)' / "
                                 "'the city proper (市区范围)'"}]


def test_a_scope_that_repeats_the_indicator_name_is_no_scope(tmp_path: Path) -> None:
    found = findings(tmp_path, [scoped("urban residents, per capita", indicator="urban_income", unit="元"),
                                scoped(None, indicator="urban_income", unit="元", period="2020")])
    assert [f["message"] for f in found] == [
        "urban_income: scopes differ only in wording: (no scope) / 'urban residents, per capita'"]


def test_real_differences_are_not_wording(tmp_path: Path) -> None:
    facts = [scoped("by the end of the first quarter (一季度)"), scoped("by the end of the first half (上半年)"),
             scoped("nationally assessed sections (国考断面)"), scoped("provincially assessed sections (省考断面)"),
             scoped("among Shanxi's cities (全省)"), scoped("among Shanxi's counties (全省)"),
             scoped("provincial-level (省级)"), scoped(None)]
    assert findings(tmp_path, facts) == []


def test_scopes_of_different_indicators_are_not_compared(tmp_path: Path) -> None:
    assert findings(tmp_path, [scoped("rural (农村)"), scoped("Rural", indicator="urban_income", unit="元")]) == []


def test_scope_words() -> None:
    assert scope_words("rank in Shanxi") == scope_words("Rank within Shanxi's") == frozenset({"rank", "shanxi"})
    assert scope_words("among Shanxi's counties (全省)") == frozenset({"shanxi", "county"})
    assert scope_words("（城中村）") == frozenset({"城中村"})  # a scope printed only in Chinese keeps its words
    assert scope_words("城镇居民", INCOME) == frozenset()
    assert scope_words("农村居民", INCOME) == frozenset({"农村"})


def test_shipped_store_has_no_wording_variants() -> None:
    result = invoke("check", "-f", "json")
    assert [f for f in json.loads(result.stdout) if f["check"] == "scope_wording"] == []
