"""show, get, targets, search, cite and the lists, on small hand-made stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import fact, invoke, jsonl, terminal, write_store

from factcli.cli import cli

pytestmark = pytest.mark.usefixtures("store_kind", "small")  # on every kind of store

SHOW_GDP_TSV = """\
id\tregion\tregion_name\tindicator\tindicator_name\tperiod\tkind\tmeasure\tbasis\trank_of\tvalue\tvalue_high\tunit\tqualifier\taspirational\tscope\tsource\tevidence\tnote
doc-001\talpha\tAlpha\tgdp\tGDP\t2023\tactual\tlevel\t\t\t100\t\t亿元\texact\tfalse\t\tdoc\t地区生产总值100亿元\t
doc-002\talpha\tAlpha\tgdp\tGDP\t2024\testimate\tlevel\t\t\t120\t\t亿元\tabove\tfalse\t\tdoc\t地区生产总值突破120亿元\t
doc-003\talpha\tAlpha\tgdp\tGDP\t2024\testimate\tgrowth\t\t\t5\t\t%\tapprox\tfalse\t\tdoc\t地区生产总值增长5%左右\t
doc-004\talpha\tAlpha\tgdp\tGDP\t2024\testimate\trank\t\t\t2\t\trank\texact\tfalse\t\tdoc\t地区生产总值全省第2\t
doc-007\talpha\tAlpha\tgdp\tGDP\t2021-2025\ttarget\tgrowth\tannual_avg\t\t6\t\t%\texact\tfalse\t\tplan\t地区生产总值年均增长6%\t
doc-005\talpha\tAlpha\tgdp\tGDP\t2025\ttarget\tlevel\t\t\t140\t\t亿元\tat_least\tfalse\t\tdoc\t地区生产总值140亿元以上\t
doc-006\talpha\tAlpha\tgdp\tGDP\t2025\ttarget\tlevel\t\t\t150\t\t亿元\tabove\ttrue\t\tdoc\t力争地区生产总值突破150亿元\t
"""


def test_show_piped_is_tsv_with_header_every_fact_in_order() -> None:
    result = invoke("show", "alpha", "gdp")
    assert (result.exit_code, result.stdout, result.stderr) == (0, SHOW_GDP_TSV, "")


def test_show_table_on_a_terminal_groups_growth_and_rank_beside_the_level() -> None:
    result = invoke("show", "alpha", "gdp", "--lang", "zh", obj=terminal(80))
    assert result.stdout.splitlines() == [
        '                       甲市 · 地区生产总值                        ',
        '时期       类型                           数值    增长  排名  来源',
        '──────────────────────────────────────────────────────────────────',
        '2023       实际                       100 亿元                [1] ',
        '2024       预计                     > 120 亿元   ≈ +5%  第2   [1] ',
        '2021-2025  目标                                 +6%/年        [2] ',
        '2025       目标  ≥ 140 亿元; > 150 亿元 (力争)                [1] ',
        '[1] doc (2025-01-01): 报告',
        '[2] plan (2021-03-01): 十四五规划',
    ]


def test_show_filters() -> None:
    rows = jsonl(invoke("show", "alpha", "--period", "2025", "--kind", "target", "-f", "jsonl").stdout)
    assert [(r["id"], r["period"]) for r in rows] == [("doc-010", "2025"), ("doc-007", "2021-2025"),
                                                       ("doc-005", "2025"), ("doc-006", "2025")]
    energy = jsonl(invoke("show", "alpha", "--category", "energy", "-f", "jsonl").stdout)
    assert [r["id"] for r in energy] == ["doc-008", "doc-009", "doc-010"]


def test_show_json_is_empty_list_when_nothing_matches() -> None:
    result = invoke("show", "beta", "coal_output", "--format", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "[]\n", "factcli: nothing matched\n")


def test_show_chart() -> None:
    assert invoke("show", "alpha", "coal_output", "--chart").stdout == (
        "level:\n"
        "2023 act  █████████████████████████████████▌ 1.1 亿吨\n"
        "2024 act  ████████████████████████████████████▌ 1.2 亿吨\n"
        "2025 tar  ████████████████████████████████████████ ≈ 1.3 亿吨\n")
    assert invoke("show", "alpha", "--chart").stderr == "factcli: --chart needs an INDICATOR\n"


def test_csv_quotes_commas(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact(note="up, then down")])
    assert invoke("show", "alpha", "--db", str(db), "-f", "csv").stdout.splitlines()[1].endswith(
        ',地区生产总值100亿元,"up, then down"')


def test_unknown_region_suggests() -> None:
    result = invoke("show", "alpah")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "factcli: unknown region 'alpah' (did you mean alpha?)\n")


def test_bad_period_and_option_are_usage_errors() -> None:
    result = invoke("show", "alpha", "--period", "last year")
    assert (result.exit_code, result.stderr) == (
        2, "factcli: invalid period 'last year' (expected YYYY or YYYY-YYYY)\n")
    assert invoke("show", "alpha", "--format", "xml").exit_code == 2


def test_empty_indicator_and_backward_period_are_usage_errors() -> None:
    assert invoke("show", "alpha", "").stderr == "factcli: unknown indicator ''\n"
    result = invoke("show", "alpha", "gdp", "--period", "2024-2020")
    assert (result.exit_code, result.stderr) == (2, "factcli: invalid period '2024-2020': it ends before it starts\n")


def test_get_one_value_and_refusals() -> None:
    assert invoke("get", "甲", "GDP", "2024").stdout == "120\n"
    assert invoke("get", "alpha", "gdp", "2024", "--field", "qualifier").stdout == "above\n"
    assert invoke("get", "alpha", "gdp", "2024", "--field", "value_base").stdout == "12000000000\n"
    result = invoke("get", "alpha", "gdp", "2025", "--kind", "target", "--measure", "level")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.splitlines()[1:] == ["  doc-005\t2025\ttarget\tlevel\tat least 140 亿元\tdoc",
                                              "  doc-006\t2025\ttarget\tlevel\tabove 150 亿元\tdoc\tstrive"]
    assert invoke("get", "alpha", "gdp", "1999").exit_code == 1


def test_targets_heads_groups_and_counts_strive() -> None:
    result = invoke("targets", "2025", obj=terminal(80))
    assert result.stdout.splitlines() == [
        '  Targets for 2025 — 4 targets, 1 marked strive (力争)  ',
        'Indicator         Period                  Target  Source',
        '────────────────────────────────────────────────────────',
        'Alpha · economy:                                        ',
        'GDP               2021-2025               +6%/yr  [1]   ',
        'GDP               2025                ≥ 140 亿元  [2]   ',
        'GDP               2025       > 150 亿元 (strive)  [2]   ',
        'Alpha · energy:                                         ',
        'Coal output       2025                ≈ 1.3 亿吨  [2]   ',
        '[1] plan (2021-03-01): Five-year plan',
        '[2] doc (2025-01-01): Report',
        'Units: 亿吨 = 100 million tonnes; 亿元 = 100 million yuan',
    ]
    rows = jsonl(invoke("targets", "2025", "-f", "jsonl").stdout)
    assert [(r["id"], r["binding"], r["category"]) for r in rows] == [
        ("doc-007", "binding", "economy"), ("doc-005", "binding", "economy"), ("doc-006", "strive", "economy"),
        ("doc-010", "binding", "energy")]


def test_targets_track_adds_status() -> None:
    rows = jsonl(invoke("targets", "2025", "alpha", "--track", "-f", "jsonl").stdout)
    assert [(r["id"], r["status"], r["outcome_id"]) for r in rows] == [
        ("doc-007", "no_outcome", None), ("doc-005", "behind", "doc-002"), ("doc-006", "behind", "doc-002"),
        ("doc-010", "not_yet_due", "doc-008")]


def test_search_matches_names_and_says_where() -> None:
    rows = jsonl(invoke("search", "原煤", "-f", "jsonl").stdout)
    assert [(r["id"], r["matched"]) for r in rows] == [("doc-008", "indicator"), ("doc-009", "indicator"),
                                                       ("doc-010", "indicator")]
    assert invoke("search", "不存在的东西").exit_code == 1


def test_lists_count_facts() -> None:
    assert invoke("regions").stdout == (
        "id\tname_zh\tname_en\tlevel\tparent\taliases\tadmin_code\tfacts\n"
        "alpha\t甲市\tAlpha\tprefecture_city\t\t甲市, 甲\t\t10\n"
        "beta\t乙县\tBeta\tcounty\talpha\t乙县\t\t1\n")
    assert [(s["id"], s["facts"]) for s in json.loads(invoke("sources", "-f", "json").stdout)] == [
        ("plan", 1), ("doc", 10)]
    assert invoke("indicators", "beta").stdout == (
        "id\tname_zh\tname_en\tcategory\taliases\ttopics\tfacts\ngdp\t地区生产总值\tGDP\teconomy\t地区生产总值\t\t1\n")
    assert invoke("indicators", "beta", "--category", "energy").exit_code == 1


def test_cite() -> None:
    assert invoke("cite", "doc-009", obj=terminal()).stdout == (
        "Alpha · Coal output · 2024 (actual, level): 1.2 亿吨\n"
        "Source: Report (报告)\n"
        "Date: 2025-01-01; issued by: Alpha; file: doc.txt\n"
        "Excerpt: “原煤产量1.2亿吨”\n"
        "Scope: large mines\n"
        "Fact id: doc-009\n")
    (record,) = json.loads(invoke("cite", "doc-009", "--format", "json").stdout)
    assert (record["source_file"], record["shown"]) == ("doc.txt", "1.2 亿吨")
    result = invoke("cite", "doc-02")
    assert (result.exit_code, result.stderr) == (
        2, "factcli: unknown fact id 'doc-02' (did you mean doc-002, doc-011, doc-010?)\n")


def test_markup_and_control_characters_shown_literally(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact(scope="[bold red]x[/] \x1b[31m", note=":smile: [link]")],
                     indicators=[{"id": "gdp", "name_zh": "[b]生产总值[/b]", "name_en": "[red]GDP[/red]",
                                  "aliases": [], "category": "economy"}])
    out = invoke("show", "alpha", "--db", str(db), "--format", "table").stdout
    assert "[red]GDP[/red]" in out
    assert "\x1b" not in out
    tsv = invoke("show", "alpha", "--db", str(db)).stdout
    assert "[bold red]x[/] [31m" in tsv and "\x1b" not in tsv


def test_no_color_and_force_color(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    coloured = invoke("show", "alpha", "--db", str(db), "-f", "table", env={"FORCE_COLOR": "1"}).stdout
    plain = invoke("show", "alpha", "--db", str(db), "-f", "table", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" in coloured
    assert "\x1b[3" not in plain  # no colour codes, only (optional) bold


def test_lang_from_environment() -> None:
    out = invoke("show", "alpha", "gdp", "-f", "table", env={"FACTCLI_LANG": "zh"}).stdout
    assert out.splitlines()[1].split() == ["时期", "类型", "数值", "增长", "排名", "来源"]


def test_shell_completion_lists_ids() -> None:
    env = {"_FACTCLI_COMPLETE": "bash_complete", "COMP_WORDS": "factcli show al", "COMP_CWORD": "2"}
    assert CliRunner().invoke(cli, [], prog_name="factcli", env=env).stdout.split() == ["plain,alpha"]
    env = {"_FACTCLI_COMPLETE": "bash_complete", "COMP_WORDS": "factcli show alpha c", "COMP_CWORD": "3"}
    assert CliRunner().invoke(cli, [], prog_name="factcli", env=env).stdout.split() == ["plain,coal_output"]


def test_the_format_follows_the_terminal() -> None:
    assert invoke("regions", obj=terminal()).stdout.splitlines()[0].split() == [
        "Id", "Name", "Level", "Parent", "Facts", "Aliases"]
    assert invoke("regions").stdout.startswith("id\tname_zh\t")
