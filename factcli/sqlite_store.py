"""The store as a SQLite database, for scale: the tables and records of data.json, indexed.

A store is SQLite when its file starts with SQLite's header, whatever its name. The layout is made from
model.SCHEMA (one column per field, NOT NULL for required fields, CHECK constraints for allowed values
and numbers), so a row written by another tool (datasette, sqlite-utils) is held to the schema too.

Validation is paid for what is read, not for the size of the store: opening checks the layout (the
tables, their columns, the layout version), and every row a command reads is checked against the
schema, references included, before the command sees it, so a store whose rows a lookup uses do not
conform is exit 4 naming table, record and field. `verify` checks every row. Writes are checked by the
writers in full and once more here, row by row, before they are committed.

Reads never write: the connection is query_only, and the file's bytes and time stay as they were.
Writes are one transaction (BEGIN IMMEDIATE) under the same lock file as the JSON store, so concurrent
writers take turns and a killed writer leaves the database as it was before. The first write puts the
database in WAL mode, where readers never wait for a writer; a new store is one plain file until then.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import repeat
from typing import Any

from factcli.errors import StoreError
from factcli.export import derived
from factcli.model import EXPORT_FIELDS, REFERENCES, SCHEMA, Problem, Record, describe, reference_problems
from factcli.model import table_problems as schema_problems
from factcli.store import Store

LAYOUT = 1  # PRAGMA user_version: the layout below; a database without it is not a factcli store
TABLES = ("regions", "indicators", "sources", "facts", "retired")  # referenced before referencing
DERIVED = {"source_file": "TEXT", "value_base": "REAL", "base_unit": "TEXT"}  # the export's extra columns
COLUMNS = {table: EXPORT_FIELDS if table == "facts" else tuple(SCHEMA[table]) for table in TABLES}
FIELDS = {table: tuple(SCHEMA[table]) for table in TABLES}  # what a record holds: the columns less DERIVED
# lists of names, kept as JSON text
LISTS = {table: tuple(c for c, spec in SCHEMA[table].items() if spec.type == "names") for table in TABLES}
TEXT_INDEX = "facts_text"  # FTS5 over each fact's searchable text (query.searchable), by the fact's rowid
INDEXES = f"""
CREATE INDEX facts_region_indicator ON facts(region, indicator, period);
CREATE INDEX facts_indicator ON facts(indicator);
CREATE INDEX facts_source ON facts(source);
CREATE VIRTUAL TABLE {TEXT_INDEX} USING fts5(text, tokenize = 'trigram');
"""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def column_sql(table: str, name: str) -> str:
    """One column of the layout, from the schema: its type, NOT NULL, its allowed values, its reference."""
    if name in DERIVED:
        return f"{name} {DERIVED[name]}"
    spec = SCHEMA[table][name]
    # a number keeps its own type (2 stays 2, 2.5 stays 2.5): no column affinity converts it
    parts = [name, {"text": "TEXT", "number": "", "bool": "INTEGER", "names": "TEXT"}[spec.type]]
    if name == "id":
        parts.append("PRIMARY KEY")
    if spec.required:
        parts.append("NOT NULL")
    if spec.allowed:
        rule = f"{name} IN ({', '.join(map(_quote, spec.allowed))})"
    else:
        rule = {"number": f"typeof({name}) IN ('integer', 'real')", "bool": f"{name} IN (0, 1)",
                "text": f"typeof({name}) = 'text'", "names": ""}[spec.type]
    if rule:
        parts.append(f"CHECK ({rule})" if spec.required else f"CHECK ({name} IS NULL OR {rule})")
    target = dict(REFERENCES.get(table, ())).get(name)
    if target:
        parts.append(f"REFERENCES {target}(id)")
    return " ".join(p for p in parts if p)


def layout() -> str:
    """The CREATE statements of a new store."""
    tables = [f"CREATE TABLE {table} ({', '.join(column_sql(table, c) for c in COLUMNS[table])});"
              for table in TABLES]
    return "\n".join(tables) + INDEXES + f"PRAGMA user_version = {LAYOUT};\n"


def to_row(table: str, record: Record, extra: Mapping[str, Any] | None = None) -> tuple[Any, ...]:
    values = dict(record, **(extra or {}))
    return tuple(json.dumps(v, ensure_ascii=False) if c in LISTS[table] and v is not None else v
                 for c in COLUMNS[table] for v in (values.get(c),))


def to_record(table: str, row: Iterable[Any]) -> Record:
    """A row of the table's FIELDS as the record data.json would hold: absent optional fields omitted,
    lists from their JSON, flags as true/false (anything else is left for the schema to name)."""
    record = {column: value for column, value in zip(FIELDS[table], row, strict=True) if value is not None}
    flag = record.get("aspirational")
    if type(flag) is int and flag in (0, 1):
        record["aspirational"] = bool(flag)
    for column in LISTS[table]:
        if type(record.get(column)) is str:
            with contextlib.suppress(ValueError):
                record[column] = json.loads(record[column])
    return record


def connect(path: str, timeout: float) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as err:
        raise StoreError(f"{path}: cannot open database: {err}") from None
    return conn


def check_layout(path: str, conn: sqlite3.Connection) -> None:
    """Cheap structural checks on open: the layout version, and every table with every column."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        found = {table: [row[1] for row in conn.execute(f"PRAGMA table_info({table})")] for table in TABLES}
        has_index = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TEXT_INDEX,)).fetchone()
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{path}: corrupt database: {err}") from None
    if version != LAYOUT:
        raise StoreError(f"{path}: not a factcli store (layout version {version}, expected {LAYOUT}); "
                         "make one with `factcli convert`")
    for table, columns in found.items():
        missing = [c for c in COLUMNS[table] if c not in columns]
        if not columns or missing:
            what = "the table" if not columns else f"column {missing[0]!r}"
            raise StoreError(f"{path}: corrupt store: {table}: {what} is missing")
    if not has_index:
        raise StoreError(f"{path}: corrupt store: the text index {TEXT_INDEX} is missing")


def open_store(path: str) -> SQLiteStore:
    """A read-only store: query_only, so not even a stray statement could write."""
    conn = connect(path, timeout=5.0)
    check_layout(path, conn)
    conn.execute("PRAGMA query_only = ON")
    # a lookup reads each row's page once: SQLite's default cache (2 MiB) would only have a fresh process
    # fault in memory it never reuses; 64 pages keep the indexes' upper levels
    conn.execute("PRAGMA cache_size = 64")
    return SQLiteStore(path, conn)


@contextlib.contextmanager
def writing(path: str, timeout: float) -> Iterator[SQLiteStore]:
    """One transaction: committed if the block completes, rolled back (the database as it was) if not."""
    conn = connect(path, timeout)
    try:
        check_layout(path, conn)
        conn.execute("BEGIN IMMEDIATE")
        yield SQLiteStore(path, conn, writable=True)
        conn.execute("COMMIT")
        # after the first commit, not before it: a refused write leaves every byte as it was
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as err:
        raise StoreError(f"{path}: write failed, nothing written: {err}") from None
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


class SQLiteStore(Store):
    """The tables of one SQLite store; the rows a command asks for are read, checked and returned."""

    def __init__(self, path: str, conn: sqlite3.Connection, writable: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.writable = writable
        self._tables: dict[str, list[Record]] = {}
        self._known: dict[str, set[str]] = {}  # each table's ids, for the references of the rows read

    def _read(self, table: str, where: str = "", params: Iterable[Any] = ()) -> list[Record]:
        columns = ", ".join(FIELDS[table])
        try:
            # in document order, sorted here: ORDER BY rowid would lead the planner away from the index
            rows = sorted(self.conn.execute(f"SELECT rowid, {columns} FROM {table} {where}", tuple(params)))
            documents = {str(row[0]): to_record(table, row[1:]) for row in rows}
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: corrupt database: {err}") from None
        self._check(table, documents)
        return list(documents.values())

    def _check(self, table: str, documents: Mapping[str, Any]) -> None:
        """The one schema over the rows read, and their references against the ids of the tables they name
        (their rows are checked where a command reads them)."""
        problems = schema_problems(table, documents)
        references = REFERENCES.get(table, ())
        if not problems and references:
            records = documents.values()
            known = {target: self._ids(target) | ({r["id"] for r in records} if target == table else set())
                     for _, target in references}
            # each distinct reference looked up once (a series names one region a thousand times); the
            # records are named only when one is unknown
            if any({v for v in map(dict.get, records, repeat(field)) if type(v) is str} - known[target]
                   for field, target in references):
                problems = reference_problems(table, references, known, records)
        if problems:
            raise StoreError(self._refusal(problems))

    def _refusal(self, problems: list[Problem]) -> str:
        more = f" (and {len(problems) - 1} more; `factcli verify` lists them)" if len(problems) > 1 else ""
        return f"{self.path}: {describe(problems[0])}{more}"

    def _ids(self, table: str) -> set[str]:
        if table not in self._known:
            self._known[table] = {row[0] for row in self.conn.execute(f"SELECT id FROM {table}")}
        return self._known[table]

    def all(self, table: str) -> list[Record]:
        if table == "facts" or table not in self._tables:
            records = self._read(table)
            if table == "facts":
                return records  # a million facts are read when asked for, never kept
            self._tables[table] = records
        return self._tables[table]

    def select(self, region: str | Collection[str] | None = None,
               indicator: str | Collection[str] | None = None) -> list[Record]:
        clauses, params = [], []
        for column, wanted in (("region", region), ("indicator", indicator)):
            if isinstance(wanted, str):
                clauses.append(f"{column} = ?")
                params.append(wanted)
            elif wanted is not None:
                clauses.append(f"{column} IN ({', '.join('?' * len(wanted))})")
                params += sorted(wanted)
        return self._read("facts", f"WHERE {' AND '.join(clauses)}" if clauses else "", params)

    def fact(self, fact_id: str) -> Record | None:
        found = self._read("facts", "WHERE id = ?", (fact_id,))
        return found[0] if found else None

    def ids(self, table: str, prefix: str) -> set[str]:
        if not prefix:
            return set(self._ids(table))
        # a range of the primary key's index: every text from prefix up to prefix with its last character next
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return {row[0] for row in self.conn.execute(f"SELECT id FROM {table} WHERE id >= ? AND id < ?",
                                                    (prefix, upper))}

    def containing(self, key: str) -> list[Record]:
        # the trigram index finds substrings of three characters or more; shorter keys scan its text
        if len(key) >= 3:
            match = f"SELECT rowid FROM {TEXT_INDEX} WHERE {TEXT_INDEX} MATCH ?", ['"' + key.replace('"', '""') + '"']
        else:
            match = f"SELECT rowid FROM {TEXT_INDEX} WHERE instr(text, ?) > 0", [key]
        return self._read("facts", f"WHERE rowid IN ({match[0]})", match[1])

    def close(self) -> None:
        self.conn.close()

    # -- writes -------------------------------------------------------------------------------

    def _writable(self) -> None:
        if not self.writable:
            raise StoreError("the store is open read-only")

    def _guard(self, table: str, records: list[Record]) -> None:
        """The writers validate first; this is the last guard before the database."""
        try:
            self._check(table, {str(n): r for n, r in enumerate(records, 1)})
        except StoreError as err:
            raise StoreError(str(err).replace(f"{self.path}: ", f"{self.path}: not written: ", 1)) from None

    def _fact_extra(self, fact: Record) -> dict[str, Any]:
        return derived(fact, {s["id"]: s["file"] for s in self.all("sources")})

    def insert(self, table: str, records: list[Record]) -> None:
        self._writable()
        self._guard(table, records)
        insert_rows(self.conn, table, records, self._fact_extra if table == "facts" else None)
        self._tables.pop(table, None)
        self._known.pop(table, None)

    def update(self, table: str, record: Record) -> None:
        from factcli.errors import UsageError
        from factcli.query import searchable

        self._writable()
        self._guard(table, [record])
        extra = self._fact_extra(record) if table == "facts" else None
        columns = COLUMNS[table]
        found = self.conn.execute(f"SELECT rowid FROM {table} WHERE id = ?", (record["id"],)).fetchone()
        if found is None:
            raise UsageError(f"unknown {table[:-1]} id {record['id']!r}")
        self.conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE rowid = ?",
                          (*to_row(table, record, extra), found[0]))
        if table == "facts":
            self.conn.execute(f"UPDATE {TEXT_INDEX} SET text = ? WHERE rowid = ?", (searchable(record), found[0]))
        self._tables.pop(table, None)
        self._known.pop(table, None)

    def remove(self, table: str, record_ids: list[str]) -> None:
        self._writable()
        marks = ", ".join("?" * len(record_ids))
        if table == "facts":
            self.conn.execute(f"DELETE FROM {TEXT_INDEX} WHERE rowid IN (SELECT rowid FROM facts WHERE id IN "
                              f"({marks}))", record_ids)
        self.conn.execute(f"DELETE FROM {table} WHERE id IN ({marks})", record_ids)
        self._tables.pop(table, None)
        self._known.pop(table, None)


def insert_rows(conn: sqlite3.Connection, table: str, records: Iterable[Record], extra: Any = None,
                documents: Iterable[int] | None = None, chunk: int = 20000) -> None:
    """Insert records, a chunk at a time (with their document numbers as rowids, when given), and each
    fact's searchable text."""
    from itertools import islice

    from factcli.query import searchable

    columns = COLUMNS[table]
    numbered = documents is not None
    names = ", ".join(("rowid", *columns) if numbered else columns)
    statement = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * (len(columns) + numbered))})"
    pairs = iter(zip(documents, records, strict=True) if documents is not None else ((None, r) for r in records))
    while batch := list(islice(pairs, chunk)):
        rows = [to_row(table, r, extra(r) if extra else None) for _, r in batch]
        conn.executemany(statement, [(doc, *row) for (doc, _), row in zip(batch, rows, strict=True)] if numbered
                         else rows)
        if table == "facts":
            rowids = [doc if numbered else conn.execute("SELECT rowid FROM facts WHERE id = ?", (r["id"],))
                      .fetchone()[0] for doc, r in batch]
            conn.executemany(f"INSERT INTO {TEXT_INDEX} (rowid, text) VALUES (?, ?)",
                             [(rowid, searchable(r)) for rowid, (_, r) in zip(rowids, batch, strict=True)])


def create(path: str, tables: Mapping[str, Mapping[str, Record]]) -> None:
    """Write a new SQLite store at path (a fresh file the caller publishes) from tables of documents."""
    files = {s["id"]: s.get("file") for s in tables.get("sources", {}).values()}

    def fact_extra(fact: Record) -> dict[str, Any]:
        return derived(fact, files)

    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.executescript(layout())
        conn.execute("BEGIN")
        for table in TABLES:
            documents = tables.get(table, {})
            insert_rows(conn, table, documents.values(), fact_extra if table == "facts" else None,
                        [int(key) for key in documents])
        conn.execute("COMMIT")
        conn.execute("ANALYZE")  # statistics, so the planner picks facts_region_indicator for a lookup
        conn.close()
    except sqlite3.Error as err:
        raise StoreError(f"{path}: cannot write database: {err}") from None


def read_tables(path: str) -> dict[str, dict[str, Record]]:
    """Every table of a SQLite store as data.json holds them (documents keyed by number), unchecked:
    what `verify` and a conversion to JSON check in full."""
    conn = connect(path, timeout=5.0)
    try:
        check_layout(path, conn)
        conn.execute("PRAGMA query_only = ON")
        tables = {}
        for table in TABLES:
            rows = conn.execute(f"SELECT rowid, {', '.join(FIELDS[table])} FROM {table} ORDER BY rowid")
            tables[table] = {str(row[0]): to_record(table, row[1:]) for row in rows}
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{path}: corrupt database: {err}") from None
    finally:
        conn.close()
    return tables
