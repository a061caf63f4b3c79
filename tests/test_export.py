"""Exports other tools open: SQLite with every fact and reference, one CSV per table."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from conftest import invoke, jsonl


def test_sqlite_round_trips_every_fact(tmp_path: Path) -> None:
    out = tmp_path / "factcli.db"
    assert invoke("export", "--format", "sqlite", "--out", str(out)).exit_code == 0
    facts = {f["id"]: f for f in jsonl(invoke("export").stdout)}
    conn = sqlite3.connect(out)
    conn.row_factory = sqlite3.Row
    rows = {r["id"]: dict(r) for r in conn.execute("SELECT * FROM facts")}
    assert rows.keys() == facts.keys()
    for fid, fact in facts.items():
        row = rows[fid]
        for key, value in fact.items():
            if key == "aspirational":
                assert row[key] == int(value)
            else:
                assert row[key] == value, (fid, key)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "facts_region_indicator" in names
    (gdp,) = conn.execute("SELECT value FROM facts WHERE region = 'lvliang' AND indicator = 'gdp' AND period = '2024'"
                          " AND measure = 'level' AND source = 'lvliang-2025-gwr'").fetchone()
    assert gdp == 2643.2
    aliases = json.loads(conn.execute("SELECT aliases FROM regions WHERE id = 'lvliang'").fetchone()[0])
    assert "吕梁" in aliases


def test_sqlite_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "x.db"
    out.write_text("keep")
    (tmp_path / "x.db.tmp").write_text("the user's own file")
    result = invoke("export", "--format", "sqlite", "--out", str(out))
    assert (result.exit_code, result.stderr) == (
        4, f"factcli: {out}: already exists; not overwriting (--force replaces it)\n")
    assert out.read_text() == "keep"
    assert invoke("export", "--format", "sqlite", "--out", str(out), "--force").exit_code == 0
    assert sqlite3.connect(out).execute("SELECT count(*) FROM regions").fetchone() == (6,)
    assert (tmp_path / "x.db.tmp").read_text() == "the user's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db", "x.db.tmp"]


def test_exports_never_write_through_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep")
    link = tmp_path / "out.db"
    link.symlink_to(victim)
    assert invoke("export", "--format", "sqlite", "--out", str(link)).exit_code == 4
    dangling = tmp_path / "dangling.db"
    dangling.symlink_to(tmp_path / "nowhere")
    assert invoke("export", "--format", "sqlite", "--out", str(dangling)).exit_code == 4
    assert not (tmp_path / "nowhere").exists()
    assert invoke("export", "--format", "sqlite", "--out", str(link), "--force").exit_code == 0
    assert not link.is_symlink() and victim.read_text() == "keep"
    folder_link = tmp_path / "tables"
    folder_link.symlink_to(tmp_path)
    result = invoke("export", "--format", "csv", "--out", str(folder_link))
    assert (result.exit_code, result.stderr) == (
        4, f"factcli: {folder_link}: is a symbolic link; give the folder itself\n")


def test_csv_folder_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "regions.csv").write_text("keep")
    refused = invoke("export", "--format", "csv", "--out", str(tmp_path / "t"))
    assert (refused.exit_code, refused.stderr) == (
        4, f"factcli: {tmp_path / 't' / 'regions.csv'}: already exists; not overwriting (--force replaces it)\n")
    assert [p.name for p in (tmp_path / "t").iterdir()] == ["regions.csv"]
    assert invoke("export", "--format", "csv", "--out", str(tmp_path / "t"), "--force").exit_code == 0
    assert (tmp_path / "t" / "regions.csv").read_text(encoding="utf-8").startswith("id,name_zh,")


def test_csv_folder(tmp_path: Path) -> None:
    assert invoke("export", "--format", "csv", "--out", str(tmp_path / "t")).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == ["facts.csv", "indicators.csv", "regions.csv",
                                                                  "sources.csv"]
    with open(tmp_path / "t" / "facts.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(jsonl(invoke("export").stdout))


def test_sqlite_needs_out() -> None:
    assert invoke("export", "--format", "sqlite").exit_code == 2
