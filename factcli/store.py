"""The store: `data.json` through TinyDB, read-only for lookups and atomic for writes.

TinyDB's default JSONStorage creates and rewrites the file in place, unlocked, and re-parses it on
every query. factcli uses two storages of its own instead: one that parses once and can never write,
and one that writes a temporary file in the same folder, fsyncs it and renames it over the store,
all under an exclusive lock on a separate lock file.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from factcli.errors import StoreError

TABLES = ("facts", "indicators", "regions", "sources")
Record = dict[str, Any]
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


def parse(path: StrPath) -> dict[str, dict[str, Record]]:
    """Read and parse the store, reporting problems with file, line and column."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise StoreError(f"{path}: store not found") from None
    except OSError as err:
        raise StoreError(f"{path}: cannot read store: {err.strerror}") from None
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as err:
        raise StoreError(f"{path}: not UTF-8 text (byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise StoreError(f"{path}:{err.lineno}:{err.colno}: corrupt store: {err.msg}") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreError(f"{path}: corrupt store: expected an object of tables")
    return data


def serialize(data: dict[str, dict[str, Record]]) -> bytes:
    """Pretty-printed, sorted, UTF-8: a curator's change is a small readable diff."""
    ordered = {name: dict(sorted(table.items(), key=lambda item: int(item[0])))
               for name, table in sorted(data.items())}
    return (json.dumps(ordered, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class ReadOnlyStorage(Storage):
    """Parses the file once and refuses to write: lookups never touch the store."""

    def __init__(self, path: StrPath) -> None:
        self._data = parse(path)

    def read(self) -> dict[str, dict[str, Record]]:
        return self._data

    def write(self, data: dict[str, dict[str, Record]]) -> None:
        raise StoreError("the store is open read-only")


class AtomicStorage(Storage):
    """Holds changes in memory; commit() replaces the file atomically and durably."""

    def __init__(self, path: StrPath) -> None:
        self.path = os.fspath(path)
        self._data = parse(path)
        self.dirty = False

    def read(self) -> dict[str, dict[str, Record]]:
        return self._data

    def write(self, data: dict[str, dict[str, Record]]) -> None:
        self._data = data
        self.dirty = True

    def commit(self) -> None:
        if not self.dirty:
            return
        import tempfile

        payload = serialize(self._data)
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(self.path)}.", suffix=".tmp", dir=folder)
        except OSError as err:
            raise StoreError(f"{self.path}: cannot write store: {err.strerror}") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            with contextlib.suppress(OSError):
                os.chmod(tmp, os.stat(self.path).st_mode & 0o777)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        self.dirty = False


@contextlib.contextmanager
def exclusive_lock(path: str, timeout: float | None = None) -> Iterator[None]:
    """An exclusive lock on `<store>.lock`, so concurrent curators take turns."""
    import fcntl
    import time

    if timeout is None:
        timeout = float(os.environ.get("FACTCLI_LOCK_TIMEOUT", "10"))
    lock_path = path + ".lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise StoreError(f"{lock_path}: cannot open lock file: {err.strerror}") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(f"{path}: store is locked by another writer "
                                     f"(gave up after {timeout:g} s)") from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)


class Store:
    """The four tables of one data.json, as plain records."""

    def __init__(self, path: str, db: TinyDB) -> None:
        self.path = path
        self.db = db

    def all(self, table: str) -> list[Record]:
        """Every record of a table, read through the storage.

        TinyDB's Table wraps each document in a new Document on every read, which on a large store costs
        more than parsing it; the records the storage parsed are returned as they are, never to be changed.
        """
        return list((self.db.storage.read() or {}).get(table, {}).values())

    def facts(self) -> list[Record]:
        return self.all("facts")

    def regions(self) -> list[Record]:
        return self.all("regions")

    def indicators(self) -> list[Record]:
        return self.all("indicators")

    def sources(self) -> list[Record]:
        return self.all("sources")


def open_store(db: StrPath | None = None) -> Store:
    """Open the store read-only: its bytes and mtime never change."""
    path = resolve_path(db)
    return Store(path, TinyDB(path, storage=ReadOnlyStorage))


@contextlib.contextmanager
def writing(db: StrPath | None = None) -> Iterator[Store]:
    """Read-modify-write under the lock; the file changes only if the block completes."""
    path = resolve_path(db)
    if not os.path.exists(path):
        raise StoreError(f"{path}: store not found")
    if not os.access(os.path.dirname(os.path.abspath(path)), os.W_OK) or not os.access(path, os.W_OK):
        raise StoreError(f"{path}: store is not writable")
    with exclusive_lock(path):
        db = TinyDB(path, storage=AtomicStorage)
        storage = db.storage
        assert isinstance(storage, AtomicStorage)
        yield Store(path, db)
        storage.commit()
