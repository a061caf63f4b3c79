"""The store for other tools: export rows per DESIGN.md's contract, SQLite, one CSV per table."""

from __future__ import annotations

import csv
import json
import sqlite3
from typing import TYPE_CHECKING

from factcli.errors import StoreError
from factcli.model import EXPORT_FIELDS, FACT_FIELDS, Record
from factcli.units import lookup, to_base

if TYPE_CHECKING:
    from factcli.store import Store

FORCE = " (--force replaces it)"
SCHEMA = """
CREATE TABLE regions (id TEXT PRIMARY KEY, name_zh TEXT, name_en TEXT, level TEXT,
    parent TEXT REFERENCES regions(id), aliases TEXT, admin_code TEXT);
CREATE TABLE indicators (id TEXT PRIMARY KEY, name_zh TEXT, name_en TEXT, category TEXT, aliases TEXT,
    topics TEXT);
CREATE TABLE sources (id TEXT PRIMARY KEY, file TEXT, sha256 TEXT, title_zh TEXT, title_en TEXT,
    region TEXT REFERENCES regions(id), date TEXT, kind TEXT, publisher TEXT, author TEXT);
CREATE TABLE facts (id TEXT PRIMARY KEY, region TEXT NOT NULL REFERENCES regions(id),
    indicator TEXT NOT NULL REFERENCES indicators(id), source TEXT NOT NULL REFERENCES sources(id),
    period TEXT NOT NULL, kind TEXT NOT NULL, measure TEXT NOT NULL, basis TEXT, rank_of TEXT,
    value REAL NOT NULL,
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


def export_rows(store: Store) -> list[Record]:
    from factcli.query import fact_order

    files = {s["id"]: s["file"] for s in store.sources()}
    return [export_row(f, files) for f in sorted(store.facts(), key=fact_order)]


def table_rows(store: Store) -> dict[str, list[Record]]:
    """Every table as flat rows: lists joined as JSON, facts in the export shape."""
    tables = {"facts": export_rows(store)}
    for name in ("regions", "indicators", "sources"):
        tables[name] = [{column: json.dumps(r[column], ensure_ascii=False) if isinstance(r.get(column), list)
                         else r.get(column) for column in TABLE_COLUMNS[name]}
                        for r in sorted(store.all(name), key=lambda r: r["id"])]
    return tables


def to_sqlite(store: Store, path: str, *, force: bool = False) -> None:
    """A new SQLite database with every table, written under a temporary name and then renamed."""
    from factcli.files import new_file

    tables = table_rows(store)
    with new_file(path, replace=force, what="database", hint=FORCE) as tmp:
        try:
            conn = sqlite3.connect(tmp)
            with conn:
                conn.executescript(SCHEMA)
                for name in ("regions", "indicators", "sources", "facts"):
                    columns = TABLE_COLUMNS[name]
                    conn.executemany(
                        f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                        [tuple(row[c] for c in columns) for row in tables[name]])
            conn.close()
        except sqlite3.Error as err:
            raise StoreError(f"{path}: cannot write database: {err}") from None


def to_csv_folder(store: Store, folder: str, *, force: bool = False) -> None:
    """One CSV per table (facts.csv, regions.csv, indicators.csv, sources.csv) in folder, which is made
    when missing and never reached through a link; existing files are kept unless force."""
    import os

    from factcli.files import new_file

    if os.path.islink(folder):
        raise StoreError(f"{folder}: is a symbolic link; give the folder itself")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as err:
        raise StoreError(f"{folder}: cannot make the folder: {err.strerror}") from None
    targets = {name: os.path.join(folder, f"{name}.csv") for name in TABLE_COLUMNS}
    existing = [t for t in targets.values() if os.path.lexists(t)]
    if existing and not force:
        raise StoreError(f"{existing[0]}: already exists; not overwriting{FORCE}")
    for name, rows in table_rows(store).items():
        with new_file(targets[name], replace=force, what="CSV", hint=FORCE) as tmp:
            with open(tmp, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(TABLE_COLUMNS[name]), lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
