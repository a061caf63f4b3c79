"""Finding things: traditional characters, topics in search, the topics list."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fact, invoke, jsonl, write_store

from factcli.names import Resolver, simplified
from factcli.query import search, topic_sides, topics

pytestmark = pytest.mark.usefixtures("store_kind")  # every test on every kind of store

REGIONS = [{"id": "xiaoyi", "name_zh": "孝义市", "name_en": "Xiaoyi", "level": "county_city",
            "aliases": ["孝义", "孝义市"]}]
INDICATORS = [
    {"id": "h2_stations", "name_zh": "加氢站", "name_en": "Hydrogen refuelling stations", "aliases": [],
     "category": "energy", "topics": ["氢能/hydrogen", "交通/transport"]},
    {"id": "h2_capacity", "name_zh": "制氢产能", "name_en": "Production capacity", "aliases": [],
     "category": "energy", "topics": ["氢能/hydrogen"]},
    {"id": "gdp", "name_zh": "地区生产总值", "name_en": "GDP", "aliases": [], "category": "economy"},
]
SOURCES = [{"id": "doc", "file": "doc.txt", "sha256": "0" * 64, "title_zh": "报告", "title_en": "Report",
            "region": "xiaoyi", "date": "2025-01-01", "kind": "government_work_report"}]
FACTS = [
    fact(id="s1", region="xiaoyi", indicator="h2_stations", measure="count", value=11, unit="座",
         evidence="建成加氢站11座"),
    fact(id="c1", region="xiaoyi", indicator="h2_capacity", value=2, unit="万吨", evidence="产能2万吨"),
    fact(id="c2", region="xiaoyi", indicator="h2_capacity", value=3, unit="万吨", period="2025", kind="target",
         evidence="产能3万吨"),
    fact(id="g1", region="xiaoyi", indicator="gdp", value=500, evidence="地区生产总值500亿元"),
]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(write_store(tmp_path / "data.json", FACTS, regions=REGIONS, indicators=INDICATORS, sources=SOURCES))


def test_traditional_characters_resolve() -> None:
    resolver = Resolver(REGIONS, "region")
    assert resolver.resolve("孝義") == "xiaoyi"
    assert resolver.resolve("孝義市") == "xiaoyi"
    assert simplified("呂梁") == "吕梁"


def test_traditional_name_on_the_command_line(db: str) -> None:
    result = invoke("get", "孝義", "gdp", "2024", "--db", db)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "500\n", "")
    assert invoke("get", "孝義", "gdp", "2024").stdout == "500\n"  # the shipped store


def test_an_unknown_traditional_name_is_still_a_usage_error(db: str) -> None:
    result = invoke("get", "臺北", "gdp", "--db", db)
    assert (result.exit_code, result.stderr) == (2, "factcli: unknown region '臺北'\n")


def test_a_plain_get_loads_no_converter_renderer_or_exporter() -> None:
    # --quiet, not -q: click looks a short option up as a long one first, and its miss imports difflib
    code = ("import sys; from factcli.cli import main\n"
            "sys.argv = ['factcli', 'get', 'xiaoyi', 'gdp', '2024', '--quiet']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = ('opencc', 'rich', 'factcli.export', 'sqlite3', 'difflib', 'unicodedata')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (result.stdout, result.stderr) == ("500\n", "[]\n")


def test_topic_sides() -> None:
    assert topic_sides("氢能/hydrogen") == ("氢能", "hydrogen")
    assert topic_sides("白酒") == ("白酒", "白酒")


def test_search_matches_topics_in_both_languages_and_traditional() -> None:
    by_topic = [(h.fact["id"], h.matched) for h in search("氢能", FACTS, INDICATORS, REGIONS)]
    assert by_topic == [("c1", "topic"), ("c2", "topic"), ("s1", "topic")]
    assert [h.fact["id"] for h in search("Hydrogen", FACTS, INDICATORS, REGIONS)] == ["c1", "c2", "s1"]
    assert [h.fact["id"] for h in search("氫能", FACTS, INDICATORS, REGIONS)] == ["c1", "c2", "s1"]
    assert [(h.fact["id"], h.matched) for h in search("加氢站", FACTS, INDICATORS, REGIONS)] == [
        ("s1", "indicator")]


def test_search_without_topics_in_the_store() -> None:
    plain = [dict(i, topics=[]) for i in INDICATORS]
    assert search("氢能", FACTS, plain, REGIONS) == []


def test_search_cli_says_topic(db: str) -> None:
    rows = jsonl(invoke("search", "hydrogen", "--db", db, "-f", "jsonl").stdout)
    assert [(r["id"], r["matched"]) for r in rows] == [("c1", "topic"), ("c2", "topic"), ("s1", "indicator")]


def test_topics_domain() -> None:
    assert topics(INDICATORS, FACTS) == [
        {"topic": "氢能/hydrogen", "zh": "氢能", "en": "hydrogen", "indicators": 2, "facts": 3,
         "indicator_ids": ["h2_capacity", "h2_stations"]},
        {"topic": "交通/transport", "zh": "交通", "en": "transport", "indicators": 1, "facts": 1,
         "indicator_ids": ["h2_stations"]},
    ]


def test_topics_cli_formats(db: str) -> None:
    result = invoke("topics", "--db", db)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == ("topic\tzh\ten\tindicators\tfacts\tindicator_ids\n"
                             "氢能/hydrogen\t氢能\thydrogen\t2\t3\th2_capacity, h2_stations\n"
                             "交通/transport\t交通\ttransport\t1\t1\th2_stations\n")
    records = json.loads(invoke("topics", "--db", db, "-f", "json").stdout)
    assert [r["indicator_ids"] for r in records] == [["h2_capacity", "h2_stations"], ["h2_stations"]]


def test_topics_table_in_english_and_chinese(db: str) -> None:
    en = invoke("topics", "--db", db, "-f", "table").stdout
    assert en.splitlines()[1].split() == ["Topic", "中文", "Indicators", "Facts", "Indicator", "ids"]
    assert en.splitlines()[3].split()[:4] == ["hydrogen", "氢能", "2", "3"]
    zh = invoke("topics", "--db", db, "-f", "table", "--lang", "zh").stdout
    assert zh.splitlines()[1].split() == ["主题", "English", "指标数", "事实数", "指标代码"]
    assert zh.splitlines()[3].split()[:4] == ["交通", "transport", "1", "1"]


def test_topics_of_a_store_without_topics_is_empty_not_an_error(tmp_path: Path) -> None:
    db = str(write_store(tmp_path / "data.json", [fact()]))
    result = invoke("topics", "--db", db, "-f", "json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
