from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from factcli import store
from factcli.cli import cli
from factcli.context import Environment
from factcli.store import default_path, serialize

ROOT = Path(__file__).resolve().parent.parent
# The kind of store write_store and store_copy make: "json", or "sqlite" inside a test module marked with
# `pytestmark = pytest.mark.usefixtures("store_kind")`, which runs each of its tests on every kind.
KIND = {"store": "json"}
# The five source texts are others' writing and never ship with the project; CI points here at its copy.
SOURCES_ENV = "FACTCLI_TEST_SOURCES"


def invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None,
           obj: Environment | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False, obj=obj)


def terminal(width: int = 80) -> Environment:
    """A fake terminal of a given width, without bold or colour, so tables compare as text."""
    return Environment(is_terminal=True, width=width, styled=False, environ={})


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FACTCLI_DB", "FACTCLI_LANG", "FACTCLI_SOURCES", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def seeds() -> Path:
    """The folder of source texts, or a skip that says how to provide it."""
    folder = os.environ.get(SOURCES_ENV)
    if not folder or not Path(folder).is_dir():
        pytest.skip(f"needs the source texts: set {SOURCES_ENV} to the folder holding them")
    return Path(folder)


@pytest.fixture
def shipped() -> Path:
    return default_path()


@pytest.fixture(params=["json", "typed", "sqlite"])
def store_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test three times: on JSON stores, on JSON stores read as large ones are (typed_decode, which
    small ones never reach), and on SQLite ones (named alike: the header tells them apart). A test about
    the JSON file's own bytes carries `@pytest.mark.json_only`."""
    if request.param == "sqlite" and request.node.get_closest_marker("json_only"):
        pytest.skip("about the JSON file itself")
    if request.param == "typed":
        monkeypatch.setattr(store, "TYPED", 0)
    monkeypatch.setitem(KIND, "store", "json" if request.param == "typed" else request.param)
    return str(request.param)


def as_kind(path: Path) -> Path:
    """Rewrite the JSON store at path as a SQLite store at the same path when the test asks for SQLite."""
    if KIND["store"] == "sqlite":
        from factcli.sqlite_store import create
        from factcli.store import parse

        tables = parse(path)
        path.unlink()
        create(str(path), tables)
    return path


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped store."""
    path = tmp_path / "data.json"
    shutil.copy(default_path(), path)
    return as_kind(path)


def fact(**fields: Any) -> dict[str, Any]:
    base = {"region": "alpha", "indicator": "gdp", "source": "doc", "period": "2024", "kind": "actual",
            "measure": "level", "value": 100, "unit": "亿元", "qualifier": "exact", "aspirational": False,
            "evidence": "地区生产总值100亿元"}
    base.update(fields)
    return base


def write_store(path: Path, facts: list[dict[str, Any]], **extra: list[dict[str, Any]]) -> Path:
    """A small store: regions alpha (city) and beta (its county), indicators gdp and coal_output."""
    regions = extra.get("regions") or [
        {"id": "alpha", "name_zh": "甲市", "name_en": "Alpha", "level": "prefecture_city", "aliases": ["甲市", "甲"]},
        {"id": "beta", "name_zh": "乙县", "name_en": "Beta", "level": "county", "parent": "alpha",
         "aliases": ["乙县"]},
    ]
    indicators = extra.get("indicators") or [
        {"id": "gdp", "name_zh": "地区生产总值", "name_en": "GDP", "aliases": ["地区生产总值"], "category": "economy"},
        {"id": "coal_output", "name_zh": "原煤产量", "name_en": "Coal output", "aliases": ["原煤"],
         "category": "energy"},
    ]
    sources = extra.get("sources") or [
        {"id": "doc", "file": "doc.txt", "sha256": "0" * 64, "title_zh": "报告", "title_en": "Report",
         "region": "alpha", "date": "2025-01-01", "kind": "government_work_report"},
    ]
    numbered = [dict(f, id=f.get("id", f"doc-{i:03d}")) for i, f in enumerate(facts, 1)]

    def table(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {str(i): r for i, r in enumerate(records, 1)}

    path.write_bytes(serialize({"facts": table(numbered), "regions": table(regions),
                                "indicators": table(indicators), "sources": table(sources)}))
    return as_kind(path)


# A small store that exercises every way a fact reads: a level beside its growth and rank, hedges, a
# soft target, a plan-period rate, a scope, a note, a county under its city, and two documents.
SMALL_FACTS = [
    fact(period="2023", value=100, evidence="地区生产总值100亿元"),
    fact(period="2024", kind="estimate", value=120, qualifier="above", evidence="地区生产总值突破120亿元"),
    fact(period="2024", kind="estimate", measure="growth", unit="%", value=5, qualifier="approx",
         evidence="地区生产总值增长5%左右"),
    fact(period="2024", kind="estimate", measure="rank", unit="rank", value=2, evidence="地区生产总值全省第2"),
    fact(period="2025", kind="target", value=140, qualifier="at_least", evidence="地区生产总值140亿元以上"),
    fact(period="2025", kind="target", value=150, qualifier="above", aspirational=True,
         evidence="力争地区生产总值突破150亿元"),
    fact(period="2021-2025", kind="target", measure="growth", unit="%", value=6, basis="annual_avg",
         source="plan", evidence="地区生产总值年均增长6%"),
    fact(indicator="coal_output", period="2023", value=1.1, unit="亿吨", evidence="原煤产量1.1亿吨"),
    fact(indicator="coal_output", period="2024", value=1.2, unit="亿吨", scope="large mines",
         evidence="原煤产量1.2亿吨"),
    fact(indicator="coal_output", period="2025", kind="target", value=1.3, unit="亿吨", qualifier="approx",
         evidence="原煤产量1.3亿吨左右"),
    fact(region="beta", period="2024", value=30, note="county figure", evidence="地区生产总值30亿元"),
]
SMALL_SOURCES = [
    {"id": "doc", "file": "doc.txt", "sha256": "0" * 64, "title_zh": "报告", "title_en": "Report",
     "region": "alpha", "date": "2025-01-01", "kind": "government_work_report"},
    {"id": "plan", "file": "plan.txt", "sha256": "1" * 64, "title_zh": "十四五规划", "title_en": "Five-year plan",
     "region": "alpha", "date": "2021-03-01", "kind": "plan"},
]


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small store, made the default through FACTCLI_DB."""
    path = write_store(tmp_path / "small.json", SMALL_FACTS, sources=SMALL_SOURCES)
    monkeypatch.setenv("FACTCLI_DB", str(path))
    return path


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
