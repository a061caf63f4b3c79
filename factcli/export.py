"""The store for other tools: export rows per DESIGN.md's contract, SQLite, one CSV per table."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

from factcli.errors import StoreError
from factcli.model import EXPORT_FIELDS, FACT_FIELDS
from factcli.units import lookup, to_base

Record = dict[str, Any]

SCHEMA = """
CREATE TABLE regions (id TEXT PRIMARY KEY, name_zh TEXT, name_en TEXT, level TEXT,
    parent TEXT REFERENCES regions(id), aliases TEXT, admin_code TEXT);
CREATE TABLE indicators (id TEXT PRIMARY KEY, name_zh TEXT, name_en TEXT, category TEXT, aliases TEXT,
    topics TEXT);
CREATE TABLE sources (id TEXT PRIMARY KEY, file TEXT, sha256 TEXT, title_zh TEXT, title_en TEXT,
    region TEXT REFERENCES regions(id), date TEXT, kind TEXT, publisher TEXT, author TEXT);
CREATE TABLE facts (id TEXT PRIMARY KEY, region TEXT NOT NULL REFERENCES regions(id),
    indicator TEXT NOT NULL REFERENCES indicators(id), source TEXT NOT NULL REFERENCES sources(id),
    period TEXT NOT NULL, kind TEXT NOT NULL, measure TEXT NOT NULL, basis TEXT, rank_of TEXT, value REAL NOT NULL,
    value_high REAL, unit TEXT NOT NULL, qualifier TEXT NOT NULL, aspirational INTEGER NOT NULL, scope TEXT,
    evidence TEXT NOT NULL, note TEXT, source_file TEXT, value_base REAL, base_unit TEXT);
CREATE INDEX facts_region_indicator ON facts(region, indicator, period);
CREATE INDEX facts_indicator ON facts(indicator);
CREATE INDEX facts_source ON facts(source);
"""
TABLE_COLUMNS = {
    "regions": ("id", "name_zh", "name_en", "level", "parent", "aliases", "admin_code"),
    "indicators": ("id", "name_zh", "name_en", "category", "aliases", "topics"),
    "sources": ("id", "file", "sha256", "title_zh", "title_en", "region", "date", "kind", "publisher", "author"),
    "facts": EXPORT_FIELDS,
}


def export_row(fact: Record, files: dict[str, str]) -> Record:
    row = {name: fact.get(name) for name in FACT_FIELDS}
    row.update(source_file=files.get(fact["source"]), value_base=to_base(fact["value"], fact["unit"]),
               base_unit=lookup(fact["unit"]).base)
    return row


def export_rows(store: Any) -> list[Record]:
    from factcli.query import fact_order

    files = {s["id"]: s.get("file") for s in store.sources()}
    return [export_row(f, files) for f in sorted(store.facts(), key=fact_order)]


def table_rows(store: Any) -> dict[str, list[Record]]:
    """Every table as flat rows: lists joined as JSON, facts in the export shape."""
    tables = {"facts": export_rows(store)}
    for name in ("regions", "indicators", "sources"):
        tables[name] = [{column: json.dumps(r[column], ensure_ascii=False) if isinstance(r.get(column), list)
                         else r.get(column) for column in TABLE_COLUMNS[name]}
                        for r in sorted(store.all(name), key=lambda r: r["id"])]
    return tables


def to_sqlite(store: Any, path: Path) -> None:
    """A new SQLite database with every table; an existing file is never overwritten."""
    if path.exists():
        raise StoreError(f"{path}: already exists; not overwriting")
    tables = table_rows(store)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with sqlite3.connect(tmp) as conn:
            conn.executescript(SCHEMA)
            for name in ("regions", "indicators", "sources", "facts"):
                columns = TABLE_COLUMNS[name]
                conn.executemany(
                    f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [tuple(row[c] for c in columns) for row in tables[name]])
        conn.close()
        tmp.replace(path)
    except (OSError, sqlite3.Error) as err:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write database: {err}") from None


def to_csv_folder(store: Any, folder: Path) -> None:
    """One CSV per table (facts.csv, regions.csv, indicators.csv, sources.csv) in folder."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in table_rows(store).items():
            with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(TABLE_COLUMNS[name]), lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
    except OSError as err:
        raise StoreError(f"{folder}: cannot write: {err.strerror}") from None
