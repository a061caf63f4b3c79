"""The store: found, opened read-only, reported when missing or corrupt, and its real contents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import fact, invoke, jsonl, write_store

from factcli.store import open_store

pytestmark = pytest.mark.usefixtures("store_kind")  # every test on every kind of store


def test_export_contract_fields(shipped: Path) -> None:
    rows = jsonl(invoke("export", "--format", "jsonl").output)
    assert len(rows) > 300
    assert set(rows[0]) == {"id", "region", "indicator", "source", "period", "kind", "measure", "basis", "rank_of",
                            "value", "value_high", "unit", "qualifier", "aspirational", "scope", "evidence", "note",
                            "source_file", "value_base", "base_unit"}
    assert len({r["id"] for r in rows}) == len(rows)


def test_lvliang_2024_gdp_in_two_documents() -> None:
    rows = [r for r in jsonl(invoke("export").output)
            if (r["region"], r["indicator"], r["period"], r["measure"]) == ("lvliang", "gdp", "2024", "level")]
    assert sorted(r["source"] for r in rows) == ["lvliang-2025-gwr", "lvliang-2025-qianjin"]
    assert {r["value"] for r in rows} == {2643.2}
    assert {r["value_base"] for r in rows} == {2643.2e8}
    assert {r["base_unit"] for r in rows} == {"元"}
    assert all(r["kind"] == "actual" for r in rows)


def test_xiaoyi_2024_gdp_is_an_estimate_above_500() -> None:
    rows = [r for r in jsonl(invoke("export").output)
            if (r["region"], r["indicator"], r["period"], r["measure"]) == ("xiaoyi", "gdp", "2024", "level")]
    assert [(r["kind"], r["value"], r["unit"], r["qualifier"]) for r in rows] == [("estimate", 500, "亿元", "above")]
    assert "预计" in rows[0]["evidence"]


def test_xiaoyi_five_year_gdp_target_binding_and_aspirational() -> None:
    rows = [r for r in jsonl(invoke("export").output)
            if (r["region"], r["indicator"], r["period"], r["kind"], r["measure"])
            == ("xiaoyi", "gdp", "2025", "target", "level") and r["source"] == "xiaoyi-2021-gwr"]
    assert sorted((r["value"], r["qualifier"], r["aspirational"]) for r in rows) == [
        (460, "at_least", False), (500, "above", True)]


def test_unconventional_gas_two_documents_two_facts() -> None:
    rows = [r for r in jsonl(invoke("export").output)
            if (r["region"], r["indicator"], r["measure"]) == ("lvliang", "unconventional_gas_output", "level")
            and r["period"] == "2024"]
    assert {(r["source"], r["value"], r["unit"]) for r in rows} >= {("lvliang-2025-gwr", 31.7, "亿立方米")}


def test_every_evidence_is_in_its_source(seeds: Path) -> None:
    files = {p.name: p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    for row in jsonl(invoke("export").output):
        assert row["evidence"] in files[row["source_file"]], row["id"]


def test_read_commands_do_not_touch_the_store(tmp_path: Path) -> None:
    path = write_store(tmp_path / "data.json", [fact()])
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        for args in (["show", "alpha"], ["show", "alpha", "gdp", "-f", "table"], ["get", "alpha", "gdp"],
                     ["export"], ["targets", "2024"], ["targets", "2025", "--track", "-f", "table"],
                     ["search", "gdp"], ["regions"], ["indicators"], ["sources"], ["cite", "doc-001"],
                     ["diff", "alpha"], ["compare", "gdp", "alpha", "beta"], ["track"], ["check"],
                     ["verify", "--sources", str(tmp_path)], ["extract", str(path), "--date", "2025"]):
            result = invoke(*args, "--db", str(path))
            assert result.exit_code in (0, 1, 4), (args, result.output)
    finally:
        tmp_path.chmod(0o755)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json"]


def test_missing_store_is_exit_4(tmp_path: Path) -> None:
    result = invoke("show", "xiaoyi", "--db", str(tmp_path / "nope.json"))
    assert result.exit_code == 4
    assert result.stderr == f"factcli: {tmp_path / 'nope.json'}: store not found\n"
    assert not (tmp_path / "nope.json").exists()


def test_corrupt_store_is_exit_4_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"facts": {\n  "1": {"id": "x",,}\n}}\n', encoding="utf-8")
    result = invoke("show", "xiaoyi", "--db", str(path))
    assert result.exit_code == 4
    assert result.stderr.startswith(f"factcli: {path}:2:")
    assert "corrupt store" in result.stderr
    assert "Traceback" not in result.output


def test_store_from_environment(tmp_path: Path) -> None:
    path = write_store(tmp_path / "mine.json", [fact(value=123, evidence="地区生产总值123亿元")])
    result = invoke("get", "alpha", "gdp", env={"FACTCLI_DB": str(path)})
    assert result.output == "123\n"


def test_open_store_parses_once(tmp_path: Path) -> None:
    path = write_store(tmp_path / "data.json", [fact()])
    store = open_store(path)
    path.unlink()
    assert store.facts()[0]["value"] == 100


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable_store_is_exit_4(tmp_path: Path) -> None:
    path = write_store(tmp_path / "data.json", [fact()])
    path.chmod(0)
    assert invoke("show", "alpha", "--db", str(path)).exit_code == 4


def test_store_writes_insert_update_remove(tmp_path: Path) -> None:
    from factcli.store import writing

    path = write_store(tmp_path / "data.json", [fact()])
    with writing(path) as store:
        store.insert("facts", [dict(fact(value=7, evidence="地区生产总值7亿元"), id="doc-002")])
        store.update("facts", dict(fact(qualifier="approx"), id="doc-001"))
    assert [(f["id"], f["value"], f["qualifier"]) for f in open_store(path).facts()] == [
        ("doc-001", 100, "approx"), ("doc-002", 7, "exact")]
    with writing(path) as store:
        store.remove("facts", ["doc-001"])
    assert [f["id"] for f in open_store(path).facts()] == ["doc-002"]


def test_a_write_that_would_break_the_schema_is_never_committed(tmp_path: Path) -> None:
    from factcli.errors import StoreError
    from factcli.store import writing

    path = write_store(tmp_path / "data.json", [fact()])
    before = path.read_bytes()
    with pytest.raises(StoreError) as raised, writing(path) as store:
        store.insert("facts", [dict(fact(period=2024), id="doc-002")])
    assert str(raised.value) == f"{path}: not written: facts/doc-002: period must be text, not 2024"
    assert path.read_bytes() == before


def test_reads_never_import_the_write_path(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = write_store(tmp_path / "data.json", [fact()])
    script = ("import sys; from factcli.cli import cli; cli(['get', 'alpha', 'gdp', '--db', sys.argv[1]], "
              "standalone_mode=False); print(sorted(m for m in ('filelock', 'factcli.files', 'factcli.curate', "
              "'tempfile') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True, text=True, check=True)
    assert result.stdout == "100\n[]\n"
