"""Attack regressions, second pass: the options, commands and terminal handling added since the first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fact, invoke, write_store

from factcli.context import Environment


def test_an_extra_argument_is_echoed_without_control_characters() -> None:
    result = invoke("topics", "a\x07b\u202ec\x1b[2J")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: Got unexpected extra argument (abc[2J)"


@pytest.mark.usefixtures("small")
def test_a_pager_that_cannot_be_run_prints_the_table_itself(tmp_path: Path) -> None:
    def screen(height: int, **environ: str) -> Environment:
        return Environment(is_terminal=True, width=80, height=height, styled=False, environ=environ)
    result = invoke("show", "alpha", obj=screen(5, FACTCLI_PAGER=str(tmp_path)))  # a folder: the shell says 126
    assert (result.exit_code, result.stdout) == (0, invoke("show", "alpha", obj=screen(200)).stdout)


def test_a_negative_value_needs_a_decline_in_its_evidence(tmp_path: Path) -> None:
    store = write_store(tmp_path / "data.json", [fact()])
    before = store.read_bytes()
    grew = fact(period="2025", measure="growth", unit="%", value=-5, evidence="地区生产总值增长5%")
    (tmp_path / "new.jsonl").write_text(json.dumps(grew, ensure_ascii=False) + "\n", encoding="utf-8")
    result = invoke("import", str(tmp_path / "new.jsonl"), "--no-evidence-check", "--db", str(store))
    assert (result.exit_code, result.stderr.replace(str(tmp_path), "DIR")) == (
        2, "factcli: DIR/new.jsonl: 1 problem(s); nothing written\n"
           "  line 1: value -5 is negative but the evidence names no decline\n")
    assert store.read_bytes() == before
    fell = dict(grew, evidence="地区生产总值下降5%")
    (tmp_path / "new.jsonl").write_text(json.dumps(fell, ensure_ascii=False) + "\n", encoding="utf-8")
    assert invoke("import", str(tmp_path / "new.jsonl"), "--no-evidence-check", "--db", str(store)).exit_code == 0


@pytest.mark.parametrize("scope", ["", " ", "·-"])
def test_a_blank_scope_is_refused_not_a_match_for_the_whole(tmp_path: Path, scope: str) -> None:
    store = write_store(tmp_path / "data.json", [fact()])
    result = invoke("get", "alpha", "gdp", "2024", "--scope", scope, "--db", str(store))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"factcli: --scope {scope!r} names no part: give words a scope contains\n"


def test_extracts_regions_add_line_quotes_a_typed_name_a_shell_would_split(tmp_path: Path) -> None:
    (tmp_path / "new.txt").write_text("去年地区生产总值增长5%。\n", encoding="utf-8")
    store = write_store(tmp_path / "data.json", [fact()])
    result = invoke("extract", str(tmp_path / "new.txt"), "--date", "2026", "--region", "丁县; rm -rf ~",
                    "--db", str(store))
    assert (result.exit_code, result.stderr) == (0, "factcli: region '丁县; rm -rf ~' is not in the store; add it, "
                                                    "then extract again:\n  factcli regions add --id PINYIN "
                                                    "--name-zh '丁县; rm -rf ~' --name-en ENGLISH --level LEVEL\n")


def test_an_answer_that_cannot_be_written_is_one_line_and_exit_4(small: Path) -> None:
    with open("/dev/full", "w") as full:  # a device every write to fails with ENOSPC
        # buffered, as a script's stdout is: the short answer fails only when flushed
        environ = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        result = subprocess.run([sys.executable, "-m", "factcli", "get", "alpha", "gdp", "2024"],
                                env=environ, stdout=full, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 4
    assert result.stderr == ("factcli: note: above 120 亿元, an estimate (地区生产总值突破120亿元)\n"
                             "factcli: cannot write the output: No space left on device\n")


def test_a_closed_stdout_is_one_line_and_exit_4(small: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "factcli", "get", "alpha", "gdp", "2024"], env=dict(os.environ),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: os.close(1))
    assert (result.returncode, result.stderr) == (4, "factcli: standard output is closed\n")


def test_a_header_before_nothing_matched_on_a_full_disk_is_exit_4(small: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "factcli", "targets", "1990"], env=environ, stdout=full,
                                stderr=subprocess.PIPE, text=True)
    assert result.returncode == 4
    assert result.stderr == "factcli: nothing matched\nfactcli: cannot write the output: No space left on device\n"


def test_a_reader_that_stops_early_is_no_failure(small: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write: every write is a broken pipe
    try:
        result = subprocess.run([sys.executable, "-m", "factcli", "topics"], env=environ, stdout=write_end,
                                stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, "")
