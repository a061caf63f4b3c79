"""The SQLite store: made from JSON and back, the same answers as JSON, lookups that read only what they
need, rows checked against the one schema, writes kept in its indexes, datasette's view of it."""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from conftest import fact, invoke, jsonl, write_store

from factcli.sqlite_store import SQLiteStore
from factcli.store import default_path, open_store, parse, read_tables


@pytest.fixture
def shipped_sqlite(tmp_path: Path) -> Path:
    out = tmp_path / "facts.sqlite"
    result = invoke("convert", default_path(), str(out))
    assert result.exit_code == 0, result.stderr
    return out


def sql(path: Path, statement: str, *params: object) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(statement, params)


def test_convert_to_sqlite_and_back_keeps_every_record(tmp_path: Path, shipped_sqlite: Path) -> None:
    assert shipped_sqlite.read_bytes()[:16] == b"SQLite format 3\x00"
    back = tmp_path / "back.json"
    result = invoke("convert", str(shipped_sqlite), str(back))
    assert (result.exit_code, result.stderr) == (0, f"{back}: JSON store with 444 facts, 281 indicators, 6 regions, "
                                                    "5 sources\n")
    assert parse(back) == parse(default_path())  # the same records under the same document keys


def test_convert_never_overwrites_without_force_and_refuses_a_bad_store(tmp_path: Path) -> None:
    target = tmp_path / "x.sqlite"
    target.write_text("keep")
    result = invoke("convert", default_path(), str(target))
    assert (result.exit_code, result.stderr) == (4, f"factcli: {target}: already exists; not overwriting "
                                                    "(--force replaces it)\n")
    assert target.read_text() == "keep"
    assert invoke("convert", default_path(), str(target), "--force").exit_code == 0
    bad = write_store(tmp_path / "bad.json", [fact(unit="亿刀")])
    result = invoke("convert", str(bad), str(tmp_path / "bad.sqlite"))
    assert (result.exit_code, result.stderr) == (4, f"factcli: {bad}: not converted: facts/doc-001: unknown unit "
                                                    "'亿刀'\n")
    assert not (tmp_path / "bad.sqlite").exists()


def test_export_sqlite_is_a_store(tmp_path: Path) -> None:
    out = tmp_path / "factcli.db"
    assert invoke("export", "--format", "sqlite", "--out", str(out)).exit_code == 0
    result = invoke("get", "lvliang", "gdp", "2024", "--db", str(out))
    assert (result.exit_code, result.stdout) == (0, "2643.2\n")


@pytest.mark.parametrize("args", [
    ["show", "xiaoyi", "gdp"], ["show", "吕梁", "--period", "2025", "--kind", "target"], ["show", "lvliang", "-e"],
    ["get", "lvliang", "gdp", "2024"], ["get", "xiaoyi", "gdp", "2024", "--json"], ["get", "xiaoyi", "gdp", "2019"],
    ["search", "氢能"], ["search", "hydrogen"], ["search", "左右"], ["search", "smart coal"], ["search", "孝義"],
    ["targets", "2025"], ["targets", "2025", "吕梁", "--track"], ["cite", "lvliang-2025-gwr-001"], ["regions"],
    ["indicators", "孝义"], ["sources"], ["topics"], ["track", "2025"], ["check"], ["compare", "gdp", "lvliang",
    "xiaoyi"], ["diff", "lvliang"], ["export"], ["export", "--format", "csv"],
])
def test_every_read_gives_the_same_answer_on_both_kinds(shipped_sqlite: Path, args: list[str]) -> None:
    on_json = invoke(*args, "--db", default_path())
    on_sqlite = invoke(*args, "--db", str(shipped_sqlite))
    assert (on_sqlite.exit_code, on_sqlite.stdout, on_sqlite.stderr) == (
        on_json.exit_code, on_json.stdout, on_json.stderr.replace(default_path(), str(shipped_sqlite)))
    assert on_json.stdout or on_json.exit_code == 1


def test_reads_leave_the_database_and_its_folder_as_they_were(shipped_sqlite: Path) -> None:
    sql(shipped_sqlite, "PRAGMA journal_mode = WAL")  # as after a first write
    before = (shipped_sqlite.read_bytes(), os.stat(shipped_sqlite).st_mtime_ns)
    for args in (["get", "lvliang", "gdp", "2024"], ["show", "xiaoyi"], ["search", "氢能"], ["regions"]):
        assert invoke(*args, "--db", str(shipped_sqlite)).exit_code == 0
    assert (shipped_sqlite.read_bytes(), os.stat(shipped_sqlite).st_mtime_ns) == before
    assert sorted(p.name for p in shipped_sqlite.parent.iterdir()) == ["facts.sqlite"]


def test_lookups_read_only_the_facts_they_need(shipped_sqlite: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def everything(self: SQLiteStore, table: str) -> list[dict[str, object]]:
        assert table != "facts", "read every fact"
        return original(self, table)

    original = SQLiteStore.all
    monkeypatch.setattr(SQLiteStore, "all", everything)
    for args, out in ((["get", "lvliang", "gdp", "2024"], "2643.2\n"), (["show", "xiaoyi", "gdp", "-f", "tsv"], None),
                      (["search", "氢能", "-f", "tsv"], None), (["cite", "lvliang-2025-gwr-001", "-f", "tsv"], None)):
        result = invoke(*args, "--db", str(shipped_sqlite))
        assert result.exit_code == 0 and (out is None or result.stdout == out), (args, result.stderr)


def test_a_row_that_does_not_conform_is_exit_4_where_it_is_read(tmp_path: Path) -> None:
    """Rows are checked as they are read: a bad row stops the lookups that read it, not the others."""
    db = write_store(tmp_path / "s.db", [fact(), fact(indicator="coal_output", unit="万吨", evidence="原煤100万吨")])
    db.unlink()
    invoke("convert", str(write_store(tmp_path / "s.json", [fact(), fact(indicator="coal_output", unit="万吨",
                                                                       evidence="原煤100万吨")])), str(db))
    sql(db, "UPDATE facts SET unit = '亿刀', period = '20x4' WHERE id = 'doc-002'")
    result = invoke("show", "alpha", "coal_output", "--db", str(db))
    assert (result.exit_code, result.stdout, result.stderr) == (
        4, "", f"factcli: {db}: facts/doc-002: period '20x4' is not YYYY or YYYY-YYYY (and 1 more; `factcli verify` "
               "lists them)\n")
    assert invoke("get", "alpha", "gdp", "2024", "--db", str(db)).stdout == "100\n"
    result = invoke("verify", "--db", str(db), "--sources", str(tmp_path))
    assert result.exit_code == 4
    assert result.stdout.splitlines()[:2] == ["facts/doc-002: period '20x4' is not YYYY or YYYY-YYYY",
                                              "facts/doc-002: unknown unit '亿刀'"]


def test_the_database_refuses_what_the_schema_forbids(tmp_path: Path) -> None:
    invoke("convert", str(write_store(tmp_path / "s.json", [fact()])), str(tmp_path / "s.db"))
    for statement in ("UPDATE facts SET kind = 'guess'", "UPDATE facts SET value = 'lots'",
                      "UPDATE facts SET aspirational = 2", "UPDATE facts SET evidence = NULL",
                      "INSERT INTO facts SELECT * FROM facts"):
        with pytest.raises(sqlite3.IntegrityError):
            sql(tmp_path / "s.db", statement)


@pytest.mark.parametrize(("content", "message"), [
    (None, "not a factcli store (layout version 0, expected 1); make one with `factcli convert`"),
    (b"SQLite format 3\x00" + b"\x00" * 200, "corrupt database: file is not a database"),
])
def test_a_database_that_is_not_a_store_is_exit_4(tmp_path: Path, content: bytes | None, message: str) -> None:
    db = tmp_path / "other.db"
    if content is None:
        sql(db, "CREATE TABLE facts (id TEXT)")
    else:
        db.write_bytes(content)
    for args in (["get", "lvliang", "gdp"], ["remove", "x", "--yes"]):
        result = invoke(*args, "--db", str(db))
        assert (result.exit_code, result.stderr) == (4, f"factcli: {db}: {message}\n")


def test_a_missing_column_is_exit_4(shipped_sqlite: Path) -> None:
    sql(shipped_sqlite, "ALTER TABLE sources DROP COLUMN author")
    result = invoke("get", "lvliang", "gdp", "--db", str(shipped_sqlite))
    assert (result.exit_code, result.stderr) == (
        4, f"factcli: {shipped_sqlite}: corrupt store: sources: column 'author' is missing\n")


def test_writes_keep_the_text_index_and_the_export_columns(shipped_sqlite: Path) -> None:
    db = str(shipped_sqlite)
    added = invoke("add", "--region", "xiaoyi", "--indicator", "gdp", "--period", "2026", "--kind", "target",
                   "--measure", "level", "--unit", "亿元", "--source", "xiaoyi-2025-conf", "--value", "530",
                   "--evidence", "力争独角兽指标530亿元", "--no-evidence-check", "--db", db)
    assert added.exit_code == 0, added.stderr
    new_id = added.stdout.strip()
    assert [r["id"] for r in jsonl(invoke("search", "独角兽指标", "-f", "jsonl", "--db", db).stdout)] == [new_id]
    assert invoke("edit", new_id, "--evidence", "力争麒麟指标530亿元", "--no-evidence-check", "--db", db).exit_code == 0
    assert invoke("search", "独角兽指标", "--db", db).exit_code == 1
    assert invoke("search", "麒麟", "--db", db).exit_code == 0
    row = json.loads(invoke("get", "xiaoyi", "gdp", "2026", "--kind", "target", "--json", "--db", db).stdout)
    source_file = next(s["file"] for s in open_store(db).sources() if s["id"] == "xiaoyi-2025-conf")
    assert (row["value_base"], row["base_unit"], row["source_file"]) == (53000000000.0, "元", source_file)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT value_base, base_unit, source_file FROM facts WHERE id = ?",
                            (new_id,)).fetchone() == (53000000000.0, "元", source_file)
    assert invoke("remove", new_id, "--yes", "--db", db).exit_code == 0
    assert invoke("search", "麒麟", "--db", db).exit_code == 1
    assert read_tables(db)["retired"]["1"]["id"] == new_id


def test_a_hard_linked_sqlite_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    invoke("convert", str(write_store(tmp_path / "s.json", [fact()])), str(db))
    os.link(db, tmp_path / "other.db")
    result = invoke("remove", "doc-001", "--yes", "--db", str(db))
    assert (result.exit_code, result.stderr) == (4, (
        f"factcli: {db}: the store has 2 hard links, and SQLite keeps its journal beside one of the names only; "
        "write to a copy (cp) instead\n"))


def test_a_failed_write_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    from factcli.store import writing

    db = tmp_path / "s.db"
    invoke("convert", str(write_store(tmp_path / "s.json", [fact()])), str(db))
    before = db.read_bytes()
    with pytest.raises(RuntimeError), writing(str(db)) as store:
        store.remove("facts", ["doc-001"])
        store.insert("retired", [{"id": "doc-001", "removed": "2026-01-01"}])
        raise RuntimeError("the curator changed their mind")
    assert db.read_bytes() == before
    assert [f["id"] for f in open_store(db).facts()] == ["doc-001"]


def test_datasette_shows_labels_units_and_source_titles(shipped_sqlite: Path) -> None:
    datasette = pytest.importorskip("datasette.app", reason="datasette is not installed (pip install datasette, or "
                                                            "the `datasette` extra)")
    import asyncio

    metadata = json.loads(invoke("export", "--format", "datasette", "--db", str(shipped_sqlite)).stdout)

    async def fetch() -> tuple[list[dict[str, object]], dict[str, bool], str]:
        ds = datasette.Datasette([str(shipped_sqlite)], metadata=metadata)
        rows = (await ds.client.get("/facts/facts.json?_shape=array&_labels=on&id=lvliang-2025-gwr-001")).json()
        tables = {t["name"]: t["hidden"] for t in (await ds.client.get("/facts.json")).json()["tables"]}
        page = (await ds.client.get("/facts/facts")).text
        return rows, tables, page

    rows, tables, page = asyncio.run(fetch())
    (row,) = rows
    assert row["region"] == {"value": "lvliang", "label": "Lüliang"}
    assert row["source"] == {"value": "lvliang-2025-gwr", "label": "Lüliang 2025 government work report (summary "
                                                                   "graphic; OCR text, title supplied)"}
    assert (row["value"], row["unit"]) == (20, "件")
    assert tables["facts"] is False and tables["facts_text"] is True
    assert "as printed, in `unit`" in page



def test_every_row_of_a_series_is_checked_and_its_references_looked_up(tmp_path: Path) -> None:
    """A series is checked row by row: one damaged row anywhere in it, or a reference to what the store does
    not hold, is exit 4 in one line naming it. The tables a series only names are asked for their ids, so a
    damaged source stops what reads the source (a table's legend, a citation), not the series in tsv."""
    import shutil

    series = [fact(period=str(year), value=year - 1900, evidence=f"地区生产总值{year - 1900}亿元")
              for year in range(1990, 2026)]
    good = tmp_path / "good.db"
    assert invoke("convert", str(write_store(tmp_path / "s.json", series)), str(good)).exit_code == 0
    tsv, table = ["show", "alpha", "gdp", "-f", "tsv"], ["show", "alpha", "gdp", "-f", "table"]
    for statement, line, commands in (
        ("UPDATE facts SET source = 'nope' WHERE id = 'doc-020'", "facts/doc-020: source 'nope' does not exist",
         [tsv, table]),
        ("UPDATE facts SET indicator = 'nope' WHERE id = 'doc-036'", "facts/doc-036: indicator 'nope' does not exist",
         [["show", "alpha", "-f", "tsv"], ["show", "alpha", "-f", "table"]]),
        ("UPDATE facts SET kind = 'guess' WHERE id = 'doc-002'",
         "facts/doc-002: kind 'guess' is not one of actual, estimate, target", [tsv, table]),
        ("UPDATE sources SET sha256 = 'x'", "sources/doc: sha256 'x' is not 64 lowercase hex digits",
         [table, ["cite", "doc-001"]]),
    ):
        db = tmp_path / "damaged.db"
        shutil.copyfile(good, db)
        with closing(sqlite3.connect(db)) as conn, conn:
            conn.execute("PRAGMA ignore_check_constraints = ON")  # as another tool might have written it
            conn.execute(statement)
        for args in commands:
            result = invoke(*args, "--db", str(db))
            assert (result.exit_code, result.stdout, result.stderr) == (4, "", f"factcli: {db}: {line}\n"), args
    result = invoke(*tsv, "--db", str(db))  # the damaged source's id is all a series in tsv asks of it
    assert (result.exit_code, result.stdout) == (0, invoke(*tsv, "--db", str(good)).stdout)
