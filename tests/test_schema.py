"""One schema at every door: a store that does not conform is refused by every command with one line naming
file, table, record and field; verify lists the same problems; the schema's rules one by one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import fact, invoke, write_store

from factcli.model import Problem, conformance, record_problems, store_problems

Store = dict[str, Any]


def damaged(tmp_path: Path, change: Callable[[Store], Any]) -> Path:
    path = write_store(tmp_path / "data.json", [fact(), fact(measure="share", unit="%", value=30,
                                                          evidence="占地区生产总值30%")])
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def set_fact(field: str, value: Any, key: str = "1") -> Callable[[Store], Any]:
    return lambda data: data["facts"][key].__setitem__(field, value)


DAMAGE = [
    (set_fact("period", 2024), "facts/doc-001: period must be text, not 2024"),
    (set_fact("scope", 7), "facts/doc-001: scope must be text, not 7"),
    (set_fact("evidence", 500), "facts/doc-001: evidence must be text, not 500"),
    (lambda d: d["facts"]["1"].pop("unit"), "facts/doc-001: missing field 'unit'"),
    (lambda d: d["facts"]["1"].pop("id"), "facts/#1: missing field 'id'"),
    (set_fact("value", "100"), "facts/doc-001: value '100' is not a number"),
    (set_fact("value", [100]), "facts/doc-001: value [100] is not a number"),
    (set_fact("value", None), "facts/doc-001: value is null"),
    (set_fact("region", ["alpha"]), "facts/doc-001: region must be text, not ['alpha']"),
    (set_fact("unit", "亿刀"), "facts/doc-001: unknown unit '亿刀'"),
    (set_fact("source", "nope"), "facts/doc-001: source 'nope' does not exist"),
    (lambda d: d["facts"].__setitem__("1", "x"), "facts/#1: the record is text, not an object"),
    (lambda d: d["facts"].__setitem__("1", None), "facts/#1: the record is null, not an object"),
    (lambda d: d.__setitem__("facts", []), "facts: the table is not an object of records"),
    (lambda d: d.__setitem__("extra", {}), "extra: unknown table 'extra'"),
    (set_fact("period", "２０２４"), "facts/doc-001: period '２０２４' is not YYYY or YYYY-YYYY"),
    (set_fact("period", "0000"), "facts/doc-001: period '0000' is outside 1949–2100"),
    (set_fact("period", "9999"), "facts/doc-001: period '9999' is outside 1949–2100"),
    (set_fact("period", "2025-2021"), "facts/doc-001: period '2025-2021' ends before it starts"),
    (set_fact("value", -29.5, "2"), "facts/doc-002: a share lies within 0–100 % (got -29.5 %)"),
    (set_fact("value", -5), "facts/doc-001: a level in 亿元 is not negative (a fall is a growth)"),
    (set_fact("basis", "yoy"), "facts/doc-001: basis is for a level over a span (YYYY-YYYY) only"),
    (set_fact("rank_of", "level"), "facts/doc-001: rank_of is for rank facts only"),
    (set_fact("aspirational", "no"), "facts/doc-001: aspirational must be true or false"),
    (set_fact("colour", "red"), "facts/doc-001: unknown field 'colour'"),
    (set_fact("id", "doc-002"), "facts/doc-002: duplicate id"),
    (lambda d: d["sources"]["1"].__setitem__("date", "2026-13-45"),
     "sources/doc: date '2026-13-45' is not a real date"),
    (lambda d: d["regions"]["1"].__setitem__("admin_code", "1411"),
     "regions/alpha: admin_code '1411' is not 6 digits of GB/T 2260"),
    (lambda d: d["regions"]["1"].__setitem__("name_en", " "), "regions/alpha: name_en is empty"),
    (lambda d: d["indicators"]["1"].__setitem__("topics", ["氢能"]),
     "indicators/gdp: topic '氢能' is not 中文/english"),
]


@pytest.mark.parametrize(("change", "line"), DAMAGE)
def test_every_command_refuses_a_damaged_store_in_one_line(tmp_path: Path, change: Callable[[Store], Any],
                                                           line: str) -> None:
    db = damaged(tmp_path, change)
    before = db.read_bytes()
    for args in (["show", "alpha"], ["get", "alpha", "gdp", "2024"], ["export"], ["check"], ["search", "gdp"],
                 ["compare", "gdp", "alpha", "beta"], ["targets", "2024"], ["cite", "doc-001"]):
        result = invoke(*args, "--db", str(db))
        assert (result.exit_code, result.stdout) == (4, ""), args
        assert result.stderr == f"factcli: {db}: {line}\n", args
    written = invoke("remove", "doc-001", "--yes", "--db", str(db))
    assert (written.exit_code, written.stderr) == (4, f"factcli: {db}: {line}\n")
    verified = invoke("verify", "--sources", str(tmp_path), "--db", str(db))
    assert verified.exit_code == 4 and line in verified.stdout.splitlines()
    assert db.read_bytes() == before


@pytest.mark.parametrize(("raw", "message"), [
    ('{"facts": {"1": {"id": "a", "id": "b"}}}', "corrupt store: duplicate key 'id' (in the object with id 'b')"),
    ('{"facts": {"1": {}, "1": {}}}', "corrupt store: duplicate key '1'"),
    ('{"facts": {"1": {"value": NaN}}}', "corrupt store: NaN is not a number JSON allows"),
    ('{"facts": {"1": {"note": ' + "[" * 100_000 + "]" * 100_000 + "}}}", "corrupt store: nested too deeply"),
    ('{"facts": {"1": {"note": "\\ud800"}}}', "corrupt store: escaped lone surrogate \\ud800 (at byte 26)"),
    ("[]", "corrupt store: expected an object of tables"),
])
def test_json_that_would_lose_data_is_refused(tmp_path: Path, raw: str, message: str) -> None:
    db = tmp_path / "data.json"
    db.write_text(raw, encoding="utf-8")
    for args in (["show", "alpha"], ["verify", "--sources", str(tmp_path)]):
        result = invoke(*args, "--db", str(db))
        assert (result.exit_code, result.stdout, result.stderr) == (4, "", f"factcli: {db}: {message}\n")


def test_invalid_utf8_store(tmp_path: Path) -> None:
    db = tmp_path / "data.json"
    db.write_bytes(b'{"facts": {"\xff": {}}}')
    result = invoke("show", "alpha", "--db", str(db))
    assert (result.exit_code, result.stderr) == (4, f"factcli: {db}: not UTF-8 text (byte 12)\n")


def test_a_huge_integer_is_not_a_number(tmp_path: Path) -> None:
    db = damaged(tmp_path, lambda d: None)
    db.write_text(db.read_text(encoding="utf-8").replace('"value": 100', '"value": 1' + "0" * 400), encoding="utf-8")
    result = invoke("get", "alpha", "gdp", "2024", "--db", str(db))
    assert (result.exit_code, result.stderr) == (4, f"factcli: {db}: facts/doc-001: value is not a finite number\n")


def test_many_problems_are_counted_on_the_one_line(tmp_path: Path) -> None:
    db = damaged(tmp_path, lambda d: [d["facts"][k].pop("unit") for k in ("1", "2")])
    result = invoke("show", "alpha", "--db", str(db))
    assert result.stderr == (f"factcli: {db}: facts/doc-001: missing field 'unit' "
                             "(and 1 more; `factcli verify` lists them)\n")


def test_store_text_in_problems_is_made_safe(tmp_path: Path) -> None:
    db = damaged(tmp_path, set_fact("unit", "\x1b[2J\u202e"))
    result = invoke("show", "alpha", "--db", str(db))
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert result.exit_code == 4


# -- the model's rules, as the writers and verify apply them --------------------------------------


TABLES: dict[str, dict[str, Any]] = {"regions": {"alpha": {"id": "alpha"}}, "indicators": {"gdp": {"id": "gdp"}},
                                     "sources": {"doc": {"id": "doc"}}}


def messages(**fields: Any) -> list[str]:
    return [p.message for p in record_problems("facts", dict(fact(**fields), id="x"), TABLES)]


def test_a_good_fact_has_no_problems() -> None:
    assert messages() == []


@pytest.mark.parametrize(("fields", "expected"), [
    ({"period": "2021-2025"}, ["a level over a span needs basis annual_avg or cumulative"]),
    ({"period": "2021-2025", "basis": "annual_avg"}, []),
    ({"period": "2021-2025", "basis": "yoy"}, ["basis of a level is one of annual_avg, cumulative"]),
    ({"measure": "count", "unit": "个", "period": "2021-2025", "basis": "cumulative"}, []),
    ({"measure": "growth", "unit": "%", "basis": "annual_avg"}, []),
    ({"measure": "share", "unit": "%", "basis": "yoy"}, ["basis is not for share facts"]),
    ({"measure": "rank", "unit": "rank", "value": 1, "evidence": "全省第一的生产总值"},
     ["a rank fact needs rank_of (level, growth, share)"]),
    ({"measure": "rank", "unit": "rank", "value": 1, "rank_of": "growth", "evidence": "全省第一的生产总值"}, []),
    ({"measure": "rank", "unit": "rank", "value": 1, "rank_of": "size", "evidence": "全省第一的生产总值"},
     ["rank_of 'size' is not one of level, growth, share"]),
    ({"measure": "rank", "unit": "rank", "value": 0, "rank_of": "level", "evidence": "全省第0的生产总值"},
     ["a rank is 1 or more"]),
    ({"measure": "share", "unit": "成", "value": 11, "evidence": "地区生产总值的11成"},
     ["a share lies within 0–100 % (got 11 成)"]),
    ({"measure": "level", "unit": "%", "value": -0.5, "evidence": "物价下降0.5%的生产总值"}, []),
    ({"value": 100, "value_high": 90, "evidence": "地区生产总值90~100亿元"}, ["value_high is below value"]),
    ({"value": 10**400}, ["value is not a finite number"]),
    ({"value": float("nan")}, ["value is not a finite number"]),
    ({"evidence": "100亿元"}, ["evidence is 5 characters (allowed 6–60)"]),
    ({"note": "bad \udcff"}, ["note is not valid UTF-8 text"]),
    ({"region": "gamma"}, ["region 'gamma' does not exist"]),
])
def test_fact_rules(fields: dict[str, Any], expected: list[str]) -> None:
    assert messages(**fields) == expected


def test_topics_are_chinese_slash_english() -> None:
    indicator = {"id": "hydrogen_output", "name_zh": "氢气产量", "name_en": "Hydrogen output",
                 "aliases": ["氢气"], "category": "energy", "topics": ["氢能/hydrogen", "/coal", "煤炭/ "]}
    assert [p.message for p in record_problems("indicators", indicator, TABLES)] == [
        "topic '/coal' is not 中文/english", "topic '煤炭/ ' is not 中文/english"]


def test_problems_are_structured() -> None:
    data = {"facts": {"1": dict(fact(unit="亿刀"), id="f1")}, **{name: {"1": dict(r, id=i)} for name, (i, r) in {
        "regions": ("alpha", {"name_zh": "甲", "name_en": "A", "level": "county", "aliases": ["甲"]}),
        "indicators": ("gdp", {"name_zh": "总值", "name_en": "GDP", "aliases": [], "category": "economy"}),
        "sources": ("doc", {"file": "d.txt", "sha256": "0" * 64, "title_zh": "报告", "title_en": "Report",
                            "region": "alpha", "date": "2025", "kind": "article"}),
    }.items()}}
    assert conformance(data) == [Problem("facts", "f1", "unit", "unknown unit '亿刀'")]
    assert store_problems(data) == [Problem("facts", "f1", "unit", "unknown unit '亿刀'")]
