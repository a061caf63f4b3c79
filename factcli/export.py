"""The store for other tools: export rows per DESIGN.md's contract, a SQLite store, one CSV per table."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from factcli.errors import StoreError
from factcli.model import EXPORT_FIELDS, FACT_FIELDS, Record
from factcli.units import UNITS, to_base

if TYPE_CHECKING:
    from factcli.store import Store

FORCE = " (--force replaces it)"
TABLE_COLUMNS = {
    "regions": ("id", "name_zh", "name_en", "level", "parent", "aliases", "admin_code"),
    "indicators": ("id", "name_zh", "name_en", "category", "aliases", "topics"),
    "sources": ("id", "file", "sha256", "title_zh", "title_en", "region", "date", "kind", "publisher", "author"),
    "facts": EXPORT_FIELDS,
}


def export_row(fact: Record, files: dict[str, str]) -> Record:
    return {**{name: fact.get(name) for name in FACT_FIELDS}, **derived(fact, files)}


def derived(fact: Record, files: Mapping[Any, Any]) -> dict[str, Any]:
    """The export's extra columns of a fact: its source's file, its value in the base unit (None where a
    record not yet checked has no known unit or no number)."""
    unit = UNITS.get(str(fact.get("unit")))
    value: Any = fact.get("value")
    return {"source_file": files.get(fact.get("source")),
            "value_base": to_base(value, fact["unit"]) if unit and type(value) in (int, float) else None,
            "base_unit": unit.base if unit else None}


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
    """A new SQLite store with every table (facts in the export's shape, with indexes, foreign keys and a
    text index), written under a temporary name and then renamed: factcli opens it as a store, datasette,
    sqlite-utils and DuckDB as a database."""
    from factcli import sqlite_store
    from factcli.files import new_file

    tables = {name: {str(n): r for n, r in enumerate(store.all(name), 1)} for name in sqlite_store.TABLES}
    with new_file(path, replace=force, what="database", hint=FORCE) as tmp:
        sqlite_store.create(tmp, tables)


def to_csv_folder(store: Store, folder: str, *, force: bool = False) -> None:
    """One CSV per table (facts.csv, regions.csv, indicators.csv, sources.csv) in folder, which is made
    when missing and never reached through a link; existing files are kept unless force."""
    import csv  # here, not at the top: the SQLite store and `get --json` import this module for `derived`
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


FACT_COLUMNS = {
    "period": "the year the figure is for, or a span (2021-2025)",
    "kind": "actual, estimate (预计, 初步) or target",
    "measure": "level, growth (% change), share, rank or count",
    "basis": "growth: yoy, cumulative (over the span) or annual_avg; a level over a span: annual_avg or cumulative",
    "value": "as printed, in `unit`; a decline is negative",
    "value_high": "the upper end of a printed range, in `unit`",
    "unit": "the unit as printed (亿元, 万吨, %, rank …)",
    "qualifier": "the number's relation to the truth: exact, approx (左右), at_least (以上), at_most (以内), "
                 "above (突破), below",
    "aspirational": "1 for a strive target (力争, 争取), 0 for a binding one or an outcome",
    "evidence": "the verbatim excerpt of the source that prints the figure",
    "scope": "the part the figure covers, when not the whole region",
    "source_file": "the source text's file name",
    "value_base": "the value in the dimension's base unit (`base_unit`): 亿元 → 元, 万吨 → kg",
}


def datasette_metadata(path: str) -> Record:
    """datasette's metadata for a SQLite store at path: regions, indicators and sources shown by their
    English names and titles wherever a fact refers to them, every fact column described (units
    included), the text index hidden."""
    import os

    name = os.path.splitext(os.path.basename(path))[0]
    tables: Record = {
        "facts": {"description": "One figure a document prints, with its hedge, kind and verbatim evidence.",
                  "label_column": "id", "columns": FACT_COLUMNS,
                  "facets": ["region", "indicator", "kind", "measure", "period"]},
        "regions": {"label_column": "name_en", "description": "Regions; aliases are every way a person types "
                    "the name.", "columns": {"level": "province, prefecture_city, county_city, county, district",
                                              "aliases": "JSON list of names"}},
        "indicators": {"label_column": "name_en", "description": "What is measured (the concept; how is the "
                       "fact's measure).", "columns": {"aliases": "JSON list of names",
                                                        "topics": "JSON list of 中文/english tags"}},
        "sources": {"label_column": "title_en", "description": "The documents facts cite.",
                    "columns": {"sha256": "of the source text, so verify checks the very text cited"}},
        "retired": {"description": "Ids of removed facts, never reused."},
        "facts_text": {"hidden": True},
    }
    return {"title": "factcli", "description": "Figures and targets from government work reports, each with "
            "its source", "databases": {name: {"tables": tables}}}
