"""Whole outputs of every command in every format, on the small hand-made store.

Tables are taken on fake terminals 80 and 120 columns wide. A change of output shows here as a
snapshot diff; `pytest --snapshot-update` records an intended one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke, terminal
from syrupy.assertion import SnapshotAssertion

pytestmark = pytest.mark.usefixtures("small")

LISTINGS = [
    ("show", "alpha"), ("show", "alpha", "gdp", "--evidence"), ("targets", "2025"),
    ("targets", "2025", "alpha", "--track", "--evidence"), ("search", "总值"), ("cite", "doc-009"),
    ("regions",), ("indicators",), ("sources",), ("diff", "alpha"), ("compare", "gdp", "alpha", "beta"),
    ("track",), ("check",),
]
FORMATS = ["tsv", "csv", "json", "jsonl"]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
@pytest.mark.parametrize("width", [80, 120])
def test_table(args: tuple[str, ...], width: int, snapshot: SnapshotAssertion) -> None:
    result = invoke(*args, obj=terminal(width))
    assert (result.exit_code, result.stdout, result.stderr) == snapshot


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
@pytest.mark.parametrize("fmt", FORMATS)
def test_machine_format(args: tuple[str, ...], fmt: str, snapshot: SnapshotAssertion) -> None:
    result = invoke(*args, "--format", fmt)
    assert (result.exit_code, result.stdout, result.stderr) == snapshot


@pytest.mark.parametrize("args", [("targets", "2025", "--lang", "zh"), ("track", "--lang", "zh"),
                                  ("show", "alpha", "coal_output", "--chart"), ("diff", "alpha", "gdp", "--chart")],
                         ids=" ".join)
def test_chinese_tables_and_charts(args: tuple[str, ...], snapshot: SnapshotAssertion) -> None:
    result = invoke(*args, obj=terminal(100))
    assert (result.exit_code, result.stdout, result.stderr) == snapshot


@pytest.mark.parametrize("args", [("get", "alpha", "gdp", "2024"), ("get", "alpha", "gdp", "2025", "--kind", "target"),
                                  ("export",)], ids=" ".join)
def test_scripting_commands(args: tuple[str, ...], snapshot: SnapshotAssertion) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout, result.stderr) == snapshot


# extract and verify are being reworked elsewhere: one snapshot each of their shapes, to regenerate with them.
@pytest.mark.parametrize("fmt", ["table", "jsonl"])
def test_extract(tmp_path: Path, fmt: str, snapshot: SnapshotAssertion) -> None:
    text = tmp_path / "new.txt"
    text.write_text("2024年，地区生产总值突破120亿元，增长5%左右。2025年原煤产量1.3亿吨左右。\n", encoding="utf-8")
    result = invoke("extract", str(text), "--date", "2025-01-10", "--region", "alpha", "--format", fmt,
                    obj=terminal(100))
    assert (result.exit_code, result.stdout, result.stderr) == snapshot


def test_verify_reports_each_problem(tmp_path: Path, snapshot: SnapshotAssertion) -> None:
    (tmp_path / "doc.txt").write_text("地区生产总值100亿元\n", encoding="utf-8")
    result = invoke("verify", "--sources", str(tmp_path))
    outputs = (result.stdout, result.stderr)
    assert (result.exit_code, *(out.replace(str(tmp_path), "TMP") for out in outputs)) == snapshot
