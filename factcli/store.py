"""The store: `data.json` through TinyDB, read-only for lookups and atomic for writes; or, for scale, a
SQLite database with the same tables (sqlite_store.py), recognised by its header. Both kinds answer one
API (`Store`), so no command knows which one it has.

TinyDB's default JSONStorage creates and rewrites the file in place, unlocked, and re-parses it on
every query. factcli uses two storages of its own instead: one that parses once and can never write,
and one that writes a temporary file in the same folder, fsyncs it and renames it over the store,
all under an exclusive lock on a separate lock file.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
from collections.abc import Collection, Iterator, MutableMapping
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from factcli.errors import StoreError, UsageError
from factcli.model import Record, conformance, describe

TABLES = ("facts", "indicators", "regions", "sources")
# paths are plain strings here: pathlib costs a lookup several milliseconds at start-up
StrPath = str | os.PathLike[str]


def default_path() -> str:
    """The data.json that ships with the package (installed), or the checkout's own (development)."""
    here = os.path.dirname(os.path.abspath(__file__))
    installed = os.path.join(here, "data", "data.json")
    checkout = os.path.join(os.path.dirname(here), "data.json")
    return checkout if not os.path.exists(installed) and os.path.exists(checkout) else installed


def resolve_path(db: StrPath | None) -> str:
    """--db, then FACTCLI_DB, then the packaged store."""
    return os.fspath(db or os.environ.get("FACTCLI_DB") or default_path())


class JSONProblem(ValueError):
    """JSON that json.loads would take but the store refuses: a duplicate key, NaN or Infinity, an escaped
    lone surrogate, nesting beyond the interpreter's limit."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                break
            seen.add(key)
        where = f" (in the object with id {record['id']!r:.40})" if isinstance(record.get("id"), str) else ""
        raise JSONProblem(f"duplicate key {key!r:.40}{where}")
    return record


def _no_constant(name: str) -> Any:
    raise JSONProblem(f"{name} is not a number JSON allows")


# an escaped UTF-16 half (\ud800) that no escaped backslash before it turns into plain text; a pattern that
# re compiles only for a store that has such escapes at all
_SURROGATE_ESCAPE = r"(?<!\\)((?:\\\\)*)\\u([dD][89a-fA-F][0-9a-fA-F]{2})"


def _lone_surrogate(text: str) -> tuple[str, int] | None:
    """The first escaped surrogate that is not half of an escaped pair, which json.loads would decode to text
    that can never be written back as UTF-8, and where it starts; None when every one is paired."""
    escapes = [(found.start() + len(found.group(1)), int(found.group(2), 16))
               for found in re.finditer(_SURROGATE_ESCAPE, text)]
    for i, (start, unit) in enumerate(escapes):
        if unit < 0xDC00:  # a high half, paired when a low half follows at once
            paired = i + 1 < len(escapes) and escapes[i + 1][0] == start + 6 and escapes[i + 1][1] >= 0xDC00
        else:  # a low half, paired when a high half comes just before it
            paired = i > 0 and escapes[i - 1][0] == start - 6 and escapes[i - 1][1] < 0xDC00
        if not paired:
            return text[start:start + 6], start
    return None


def strict_json(raw: bytes | str) -> Any:
    """json.loads that refuses what would silently lose data: duplicate keys (the last one would win),
    NaN and Infinity, escaped lone surrogates, bytes that are not UTF-8 (UnicodeDecodeError); raises
    ValueError (JSONDecodeError with a position)."""
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw  # not json.loads' guess among UTF-8/16/32
    if "\\u" in text and (lone := _lone_surrogate(text)):
        escape, start = lone
        at = len(text[:start].encode("utf-8", "surrogatepass"))
        raise JSONProblem(f"escaped lone surrogate {escape} (at byte {at})")
    try:
        if len(text) < COUNTED:
            return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        parsed = json.loads(text, parse_constant=_no_constant)
        if not _no_repeated_keys(text, parsed):  # look closely only where the cheap count cannot tell
            json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        return parsed
    except RecursionError:
        raise JSONProblem("nested too deeply") from None


def read_regular(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file. A FIFO would block until some writer opens it and a device may never end,
    so anything but a regular file is an OSError ("not a regular file") at once."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
        return handle.read()


# From this size on, duplicate keys are ruled out by counting, which costs a tenth of the pairs hook on a
# large store; below it the hook costs a few milliseconds and counting could not save them.
COUNTED = 1 << 20


def _no_repeated_keys(text: str, parsed: Any) -> bool:
    """True when counting proves that no object of the text repeats a key; False when it cannot tell.

    Every key is followed by exactly one colon outside strings, and no other colon is, so the text holds
    no more keys than it has colons. When the parsed tables of records hold as many keys as that, none
    was repeated. A colon inside a string (a note that says "OCR: …") leaves the question to the hook.
    """
    if type(parsed) is not dict or not all(type(t) is dict for t in parsed.values()):
        return False
    tables = parsed.values()
    if not all(type(r) is dict for t in tables for r in t.values()):
        return False
    return text.count(":") == len(parsed) + sum(len(t) + sum(map(len, t.values())) for t in tables)


def _read(path: StrPath) -> bytes:
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise StoreError(f"{path}: store not found") from None
    except OSError as err:
        raise StoreError(f"{path}: cannot read store: {err.strerror}") from None


def parse(path: StrPath, raw: bytes | None = None) -> dict[str, dict[str, Record]]:
    """Read and parse the store as JSON, reporting problems with file, line and column (no schema yet)."""
    if raw is None:
        raw = _read(path)
    try:
        data = strict_json(raw)
    except UnicodeDecodeError as err:
        raise StoreError(f"{path}: not UTF-8 text (byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise StoreError(f"{path}:{err.lineno}:{err.colno}: corrupt store: {err.msg}") from None
    except ValueError as err:
        raise StoreError(f"{path}: corrupt store: {err}") from None
    if not isinstance(data, dict):
        raise StoreError(f"{path}: corrupt store: expected an object of tables")
    return data


# From this size on, a store is decoded by typed_decode (msgspec), which is faster than json.loads and
# proves most of the schema as it goes; below it, importing msgspec would cost more than it saves.
TYPED = 1 << 20


def load(path: StrPath) -> dict[str, dict[str, Record]]:
    """Parse the store and apply the schema: a store that does not conform is not opened."""
    raw = _read(path)
    if len(raw) >= TYPED:
        from factcli.typed_decode import decode

        tables = decode(raw)
        if tables is not None and not conformance(tables, proven=True):
            return tables  # type: ignore[return-value]
    data = parse(path, raw)  # the strict parser and the whole schema find and word what is wrong
    problems = conformance(data)
    if problems:
        more = f" (and {len(problems) - 1} more; `factcli verify` lists them)" if len(problems) > 1 else ""
        raise StoreError(f"{path}: {describe(problems[0])}{more}")
    return data


def serialize(data: dict[str, dict[str, Record]]) -> bytes:
    """Pretty-printed, sorted, UTF-8: a curator's change is a small readable diff."""
    ordered = {name: dict(sorted(table.items(), key=lambda item: int(item[0])))
               for name, table in sorted(data.items())}
    return (json.dumps(ordered, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class ReadOnlyStorage(Storage):
    """Parses and validates the file once and refuses to write: lookups never touch the store."""

    def __init__(self, path: StrPath) -> None:
        self._data = load(path)

    def read(self) -> dict[str, dict[str, Record]]:
        return self._data

    def write(self, data: dict[str, dict[str, Record]]) -> None:
        raise StoreError("the store is open read-only")


class AtomicStorage(Storage):
    """Holds changes in memory; commit() replaces the file atomically and durably."""

    def __init__(self, path: StrPath) -> None:
        self.path = os.fspath(path)
        self._data = load(path)
        self.dirty = False

    def read(self) -> dict[str, dict[str, Record]]:
        return self._data

    def write(self, data: dict[str, dict[str, Record]]) -> None:
        self._data = data
        self.dirty = True

    def commit(self) -> None:
        """Write the tables beside the store and rename them over it, if they still conform."""
        from factcli.files import new_file

        if not self.dirty:
            return
        problems = conformance(self._data)
        if problems:  # the callers validate first; this is the last guard before the disk
            raise StoreError(f"{self.path}: not written: {describe(problems[0])}")
        payload = serialize(self._data)
        with new_file(self.path, replace=True, what="store") as tmp:
            with open(tmp, "wb") as handle:
                handle.write(payload)
            with contextlib.suppress(OSError):
                os.chmod(tmp, os.stat(self.path).st_mode & 0o777)
        self.dirty = False


def lock_timeout() -> float:
    """$FACTCLI_LOCK_TIMEOUT in seconds (default 10): a finite number, 0 or more."""
    import math

    text = os.environ.get("FACTCLI_LOCK_TIMEOUT", "10")
    try:
        timeout = float(text)
    except ValueError:
        timeout = math.nan
    if not (math.isfinite(timeout) and timeout >= 0):
        raise UsageError(f"FACTCLI_LOCK_TIMEOUT {text!r:.40} is not a number of seconds (0 or more)")
    return timeout


@contextlib.contextmanager
def exclusive_lock(path: str, timeout: float) -> Iterator[None]:
    """An exclusive lock on `<store>.lock`, so concurrent curators take turns.

    filelock locks with fcntl on POSIX and msvcrt on Windows; where neither exists it falls back to a lock
    file created exclusively (and says so in a warning, which is not for the user).
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from filelock import FileLock, Timeout

    lock_path = path + ".lock"
    if os.path.islink(lock_path):
        raise StoreError(f"{lock_path}: the lock file is a symbolic link; remove it")
    lock = FileLock(lock_path, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise StoreError(f"{path}: store is locked by another writer (gave up after {timeout:g} s)") from None
    except OSError as err:
        raise StoreError(f"{lock_path}: cannot open lock file: {err.strerror}") from None
    try:
        yield
    finally:
        lock.release()


class Store:
    """The tables of one store, as plain records never to be changed by the caller; writes only when
    opened by `writing()`. Lookups ask for the facts they need (`select`, `fact`, `containing`), which
    a SQLite store answers from its indexes and the JSON store by filtering the records it parsed."""

    path: str

    def all(self, table: str) -> list[Record]:
        raise NotImplementedError

    def facts(self) -> list[Record]:
        return self.all("facts")

    def regions(self) -> list[Record]:
        return self.all("regions")

    def indicators(self) -> list[Record]:
        return self.all("indicators")

    def sources(self) -> list[Record]:
        return self.all("sources")

    def select(self, region: str | Collection[str] | None = None,
               indicator: str | Collection[str] | None = None) -> list[Record]:
        """The facts of a region (or any of several) and an indicator (or any of several); None is any."""
        from factcli.query import Listed

        return Listed(self.facts()).select({region} if isinstance(region, str) else region,
                                           {indicator} if isinstance(indicator, str) else indicator)

    def fact(self, fact_id: str) -> Record | None:
        """The fact with this id, or None."""
        return next((f for f in self.facts() if f["id"] == fact_id), None)

    def ids(self, table: str, prefix: str) -> set[str]:
        """The ids in a table that start with prefix."""
        return {r["id"] for r in self.all(table) if r["id"].startswith(prefix)}

    def containing(self, key: str) -> list[Record]:
        """The facts whose searchable text (query.searchable: evidence, scope, note, normalized) holds key."""
        from factcli.query import Listed

        return Listed(self.facts()).containing(key)

    def close(self) -> None:
        """Let go of the store's file (a SQLite connection); reading after it is an error."""

    def insert(self, table: str, records: list[Record]) -> None:
        """Add records to a table (the caller has validated them); committed when `writing()` ends."""
        raise NotImplementedError

    def update(self, table: str, record: Record) -> None:
        """Make the record with record["id"] exactly `record` (fields absent from it are dropped)."""
        raise NotImplementedError

    def remove(self, table: str, record_ids: list[str]) -> None:
        """Remove the records with these ids from a table."""
        raise NotImplementedError


class JSONStore(Store):
    """The tables of one data.json."""

    def __init__(self, path: str, db: TinyDB) -> None:
        self.path = path
        self.db = db

    def all(self, table: str) -> list[Record]:
        """Every record of a table, read through the storage.

        TinyDB's Table wraps each document in a new Document on every read, which on a large store costs
        more than parsing it; the records the storage parsed are returned as they are, never to be changed.
        """
        return list((self.db.storage.read() or {}).get(table, {}).values())

    def insert(self, table: str, records: list[Record]) -> None:
        self.db.table(table).insert_multiple(records)

    def update(self, table: str, record: Record) -> None:
        documents = self._documents(table, [record["id"]])
        if not documents:
            raise UsageError(f"unknown {table[:-1]} id {record['id']!r}")

        def replace(document: MutableMapping[str, Any]) -> None:
            document.clear()
            document.update(record)

        self.db.table(table).update(replace, doc_ids=documents)

    def remove(self, table: str, record_ids: list[str]) -> None:
        self.db.table(table).remove(doc_ids=self._documents(table, record_ids))

    def _documents(self, table: str, record_ids: list[str]) -> list[int]:
        """TinyDB's own document ids (reused by TinyDB, so never shown) of the records with these ids."""
        wanted = set(record_ids)
        documents = (self.db.storage.read() or {}).get(table, {})
        return [int(key) for key, record in documents.items() if record["id"] in wanted]


def is_sqlite(path: str) -> bool:
    """Is the store a SQLite database? Its header says so, not its name; sqlite3 is imported only then."""
    try:  # opened without blocking: a FIFO or a device is no store, and the JSON path says so at once
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:  # the JSON path reports a missing or unreadable store
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, 16) == b"SQLite format 3\x00"
    finally:
        os.close(fd)


def open_store(db: StrPath | None = None) -> Store:
    """Open the store read-only: its bytes and mtime never change."""
    path = resolve_path(db)
    if is_sqlite(path):
        from factcli import sqlite_store

        return sqlite_store.open_store(path)
    return JSONStore(path, TinyDB(path, storage=ReadOnlyStorage))


def read_tables(db: StrPath | None = None) -> dict[str, dict[str, Record]]:
    """Every table of the store, documents keyed by number, without the schema: for `verify` and
    conversions, which check it in full."""
    path = resolve_path(db)
    if is_sqlite(path):
        from factcli import sqlite_store

        return sqlite_store.read_tables(path)
    return parse(path)


def writable_path(db: StrPath | None) -> str:
    """The real file a write goes to: --db or $FACTCLI_DB, never the packaged store; a symbolic link is
    followed to its target, so the link stays a link."""
    chosen = db or os.environ.get("FACTCLI_DB")
    packaged = os.path.realpath(default_path())
    if not chosen or os.path.realpath(chosen) == packaged:
        raise UsageError("the packaged store is read-only: make a working copy with `factcli init PATH`, "
                         "then write to it with --db PATH (or FACTCLI_DB=PATH)")
    path = os.path.realpath(os.fspath(chosen))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise StoreError(f"{chosen}: store not found") from None
    except OSError as err:
        raise StoreError(f"{chosen}: cannot read store: {err.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{chosen}: not a store file")
    if info.st_nlink > 1:
        why = ("SQLite keeps its journal beside one of the names only" if is_sqlite(path)
               else "a safe write replaces the file, which would split them")
        raise StoreError(f"{chosen}: the store has {info.st_nlink} hard links, and {why}; write to a copy (cp) "
                         "instead")
    if not os.access(os.path.dirname(path), os.W_OK) or not os.access(path, os.W_OK):
        raise StoreError(f"{chosen}: store is not writable")
    return path


@contextlib.contextmanager
def writing(db: StrPath | None = None) -> Iterator[Store]:
    """Read-modify-write under the lock; the file changes only if the block completes."""
    from factcli.files import remove_stale

    timeout = lock_timeout()
    path = writable_path(db)
    with exclusive_lock(path, timeout):
        if is_sqlite(path):
            from factcli import sqlite_store

            with sqlite_store.writing(path, timeout) as store:
                yield store
            return
        remove_stale(path)
        db = TinyDB(path, storage=AtomicStorage)
        storage = db.storage
        assert isinstance(storage, AtomicStorage)
        yield JSONStore(path, db)
        storage.commit()
