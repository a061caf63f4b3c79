"""factcli verify: the shipped store against the real sources, and each kind of problem it catches."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import fact, invoke, write_store

pytestmark = pytest.mark.usefixtures("store_kind")  # every test on every kind of store


def test_shipped_store_verifies_against_the_sources(seeds: Path) -> None:
    result = invoke("verify", "--sources", str(seeds))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("ok: ")


def test_sources_from_environment(seeds: Path) -> None:
    assert invoke("verify", env={"FACTCLI_SOURCES": str(seeds)}).exit_code == 0


def test_no_sources_folder_is_a_usage_error() -> None:
    result = invoke("verify")
    assert result.exit_code == 2
    assert "--sources" in result.stderr


def small_source(tmp_path: Path, text: str) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return folder, {"id": "doc", "file": "doc.txt", "sha256": sha, "title_zh": "报告", "title_en": "Report",
                    "region": "alpha", "date": "2025-01-01", "kind": "government_work_report"}


def run_verify(tmp_path: Path, facts: list[dict], text: str = "全市地区生产总值100亿元，增长第二。") -> str:
    folder, source = small_source(tmp_path, text)
    db = write_store(tmp_path / "data.json", facts, sources=[source])
    result = invoke("verify", "--sources", str(folder), "--db", str(db))
    return f"{result.exit_code}\n{result.stdout}"


def test_clean_small_store(tmp_path: Path) -> None:
    assert run_verify(tmp_path, [fact()]) == "0\n"


def test_evidence_not_verbatim(tmp_path: Path) -> None:
    out = run_verify(tmp_path, [fact(evidence="地区生产总值 100 亿元")])
    assert out == "4\nfacts/doc-001: evidence not found verbatim in the source\n"


def test_value_not_in_evidence(tmp_path: Path) -> None:
    out = run_verify(tmp_path, [fact(value=101)])
    assert out == "4\nfacts/doc-001: value 101 is not printed in the evidence\n"


def test_chinese_numeral_rank_counts(tmp_path: Path) -> None:
    ranked = fact(measure="rank", rank_of="growth", unit="rank", value=2, evidence="亿元，增长第二")
    assert run_verify(tmp_path, [ranked]) == "0\n"


@pytest.mark.json_only
def test_unknown_unit_reference_and_values(tmp_path: Path) -> None:
    out = run_verify(tmp_path, [fact(unit="亿刀", region="gamma", kind="guess", qualifier="maybe")])
    lines = out.splitlines()
    assert lines[0] == "4"
    assert "facts/doc-001: unknown unit '亿刀'" in lines
    assert "facts/doc-001: region 'gamma' does not exist" in lines
    assert any(line.startswith("facts/doc-001: kind 'guess' is not one of") for line in lines)
    assert any(line.startswith("facts/doc-001: qualifier 'maybe' is not one of") for line in lines)


@pytest.mark.json_only
def test_duplicate_ids_and_missing_fields(tmp_path: Path) -> None:
    twin = fact(id="same")
    broken = fact(id="same")
    del broken["evidence"]
    out = run_verify(tmp_path, [twin, broken])
    assert "facts/same: duplicate id" in out
    assert "facts/same: missing field 'evidence'" in out


def test_sha256_mismatch(tmp_path: Path) -> None:
    folder, source = small_source(tmp_path, "全市地区生产总值100亿元")
    source["sha256"] = "f" * 64
    db = write_store(tmp_path / "data.json", [fact()], sources=[source])
    result = invoke("verify", "--sources", str(folder), "--db", str(db))
    assert result.exit_code == 4
    assert "sources/doc: sha256 of" in result.stdout


def test_alias_shared_by_two_indicators(tmp_path: Path) -> None:
    folder, source = small_source(tmp_path, "全市地区生产总值100亿元，增长第二。")
    indicators = [{"id": "gdp", "name_zh": "地区生产总值", "name_en": "GDP", "aliases": ["产值"],
                   "category": "economy"},
                  {"id": "industrial_output", "name_zh": "工业总产值", "name_en": "Industrial output",
                   "aliases": ["产值"], "category": "industry"}]
    db = write_store(tmp_path / "data.json", [fact()], sources=[source], indicators=indicators)
    result = invoke("verify", "--sources", str(folder), "--db", str(db))
    assert result.exit_code == 4
    assert result.stdout == "indicators/industrial_output: alias '产值' also names 'gdp'\n"
