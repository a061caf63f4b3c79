"""show, get, targets, search, cite and the lists, on the shipped store and on small hand-made ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import fact, invoke, jsonl, write_store


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


def test_unknown_region_suggests() -> None:
    result = invoke("show", "xiaoyii")
    assert result.exit_code == 2
    assert result.stderr == "factcli: unknown region 'xiaoyii' (did you mean xiaoyi?)\n"


def test_unknown_indicator_suggests() -> None:
    result = invoke("get", "lvliang", "coal_outptu")
    assert result.exit_code == 2
    assert "did you mean coal_output" in result.stderr


def test_bad_period_is_usage_error() -> None:
    result = invoke("show", "xiaoyi", "--period", "last year")
    assert result.exit_code == 2
    assert "invalid period" in result.stderr


def test_bad_option_is_usage_error() -> None:
    assert invoke("show", "xiaoyi", "--format", "xml").exit_code == 2


def test_show_piped_is_tsv_with_header() -> None:
    result = invoke("show", "xiaoyi", "gdp")
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:5] == ["id", "region", "indicator", "period", "kind"]
    assert any("\t2024\testimate\tlevel\t\t500\t\t亿元\tabove\t" in line for line in lines)
    assert "─" not in result.stdout and "\x1b" not in result.stdout


def test_show_table_has_hedges_and_legend() -> None:
    out = invoke("show", "xiaoyi", "gdp", "--format", "table").stdout
    assert "> 500 亿元" in out
    assert "≥ 460 亿元" in out
    assert "(strive)" in out
    assert "≈ +5%" in out
    assert "xiaoyi-2021-gwr (2021-04-20)" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_show_table_chinese_labels() -> None:
    out = invoke("show", "xiaoyi", "gdp", "--format", "table", "--lang", "zh").stdout
    assert "孝义市 · 地区生产总值" in out
    assert "预计" in out and "力争" in out


def test_show_filters() -> None:
    rows = jsonl(invoke("show", "lvliang", "--period", "2025", "--kind", "target", "--format", "jsonl").stdout)
    assert rows and {r["kind"] for r in rows} == {"target"} and {r["period"] for r in rows} == {"2025"}
    energy = jsonl(invoke("show", "lvliang", "--category", "energy", "-f", "jsonl").stdout)
    assert "smart_coal_mines" in {r["indicator"] for r in energy}
    assert "gdp" not in {r["indicator"] for r in energy}


def test_show_json_is_empty_list_when_nothing_matches() -> None:
    result = invoke("show", "jinzhong", "gdp", "--format", "json")
    assert (result.exit_code, result.stdout) == (1, "[]\n")


def test_show_chart() -> None:
    out = invoke("show", "lvliang", "gdp", "--chart").stdout
    assert "2024 act" in out and "█" in out and "2643.2 亿元" in out


def test_csv_quotes_commas() -> None:
    out = invoke("show", "lvliang", "gdp", "--format", "csv").stdout
    assert out.splitlines()[0].startswith("id,region,indicator,period")
    assert '"' in out  # evidence with a comma is quoted


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


def test_search_nothing() -> None:
    assert invoke("search", "不存在的东西").exit_code == 1


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
    out = invoke("show", "xiaoyi", "gdp", "-f", "table", env={"FACTCLI_LANG": "zh"}).stdout
    assert "时期" in out


def test_shell_completion_lists_ids() -> None:
    from click.testing import CliRunner

    from factcli.cli import cli

    env = {"_FACTCLI_COMPLETE": "bash_complete", "COMP_WORDS": "factcli show xia", "COMP_CWORD": "2"}
    assert CliRunner().invoke(cli, [], prog_name="factcli", env=env).stdout.split() == ["plain,xiaoyi"]
    env = {"_FACTCLI_COMPLETE": "bash_complete", "COMP_WORDS": "factcli show xiaoyi gd", "COMP_CWORD": "3"}
    assert "plain,gdp" in CliRunner().invoke(cli, [], prog_name="factcli", env=env).stdout.split()


def test_default_format_is_table_on_a_terminal_and_tsv_in_a_pipe() -> None:
    import io

    from factcli.render import default_format

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert default_format(Terminal()) == "table"
    assert default_format(io.StringIO()) == "tsv"


def test_empty_indicator_and_backward_period_are_usage_errors() -> None:
    assert invoke("show", "xiaoyi", "").stderr == "factcli: unknown indicator ''\n"
    result = invoke("show", "xiaoyi", "gdp", "--period", "2024-2020")
    assert (result.exit_code, result.stderr) == (2, "factcli: invalid period '2024-2020': it ends before it starts\n")
