"""Attack regressions: arguments and output encodings that used to end in a traceback or a wrong exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import SMALL_FACTS, SMALL_SOURCES, fact, invoke, write_store

UNDECODABLE = os.fsdecode(b"\xff")  # what Python makes of a byte that is not UTF-8 in argv


def test_undecodable_bytes_in_a_name_are_a_usage_error(small: Path) -> None:
    for args in (["show", UNDECODABLE], ["get", "alpha", UNDECODABLE], ["search", UNDECODABLE],
                 ["compare", "gdp", "alpha", UNDECODABLE]):
        result = invoke(*args)
        assert (result.exit_code, result.stderr) == (2, "factcli: an argument is not valid UTF-8 text\n")


def test_undecodable_alias_is_refused_before_the_store_is_written(tmp_path: Path) -> None:
    store = write_store(tmp_path / "data.json", [fact()])
    before = store.read_bytes()
    result = invoke("regions", "add", "--id", "gamma", "--name-zh", "丙县", "--name-en", "Gamma", "--level", "county",
                    "--alias", UNDECODABLE, "--db", str(store))
    assert (result.exit_code, result.stderr) == (2, "factcli: 1 problem(s); nothing written\n"
                                                    "  aliases is not valid UTF-8 text\n")
    assert store.read_bytes() == before


def test_an_output_encoding_without_cjk_is_one_line(tmp_path: Path) -> None:
    store = write_store(tmp_path / "data.json", SMALL_FACTS, sources=SMALL_SOURCES)
    env = dict(os.environ, PYTHONIOENCODING="ascii", FACTCLI_DB=str(store))
    result = subprocess.run([sys.executable, "-m", "factcli", "show", "alpha"], capture_output=True, text=True,
                            env=env, check=False)
    assert (result.returncode, result.stderr) == (2, "factcli: the output's encoding (ascii) cannot show this "
                                                     "text: use a UTF-8 locale or PYTHONIOENCODING=utf-8\n")


def test_init_prints_the_path_without_control_characters(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "a\x1b[2J\u202eb.json"))
    assert result.exit_code == 0
    assert result.stdout == f"{tmp_path}/a[2Jb.json\n"


def test_edit_refuses_setting_and_unsetting_one_field(tmp_path: Path) -> None:
    store = write_store(tmp_path / "data.json", [fact(value_high=120, evidence="地区生产总值100~120亿元")])
    before = store.read_bytes()
    result = invoke("edit", "doc-001", "--value-high", "130", "--unset", "value_high", "--no-evidence-check",
                    "--db", str(store))
    assert (result.exit_code, result.stderr) == (2, "factcli: --value-high and --unset value_high contradict "
                                                    "each other\n")
    assert store.read_bytes() == before


def test_remove_at_end_of_input_refuses_on_a_line_of_its_own(tmp_path: Path) -> None:
    store = write_store(tmp_path / "data.json", [fact()])
    result = invoke("remove", "doc-001", "--db", str(store), input="")
    assert result.exit_code == 2
    assert result.stderr == "Remove 1 fact(s): doc-001? [y/N]: \nfactcli: not confirmed; nothing removed\n"


def test_years_out_of_range_or_not_ascii_are_usage_errors(small: Path) -> None:
    assert invoke("track", "--year", "-1").exit_code == 2
    assert invoke("track", "--year", "99999").exit_code == 2
    result = invoke("track", "²⁰²⁵")  # digits to str.isdigit, not to int()
    assert (result.exit_code, result.stderr) == (2, "factcli: unknown region '²⁰²⁵'\n")
    result = invoke("diff", "alpha", "gdp", "２０２３", "２０２４")
    assert (result.exit_code, result.stderr) == (2, "factcli: invalid year '２０２３' (expected YYYY)\n")


def test_an_empty_db_is_refused_rather_than_read_as_another_store() -> None:
    result = invoke("show", "xiaoyi", "gdp", "--db", "")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "factcli: --db needs a path, not an empty string\n")
