"""Curators' writes: new sources, regions, indicators and facts; edits, removals and bulk imports.

Every function here validates first and changes the in-memory tables only when nothing is wrong, so a
refused write leaves the store byte-identical. The caller commits through `store.writing()`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from factcli.errors import StoreError, UsageError
from factcli.model import CATEGORIES, FACT_FIELDS, LEVELS, SOURCE_KINDS, evidence_problems, fact_problems

Record = dict[str, Any]
SLUG = re.compile(r"[a-z][a-z0-9_\-]*")
# one document stating one figure: a second fact like this is a duplicate, whatever excerpt it quotes
IN_BATCH = ""  # the owner of an identity first seen among the facts being added
IDENTITY = ("region", "indicator", "source", "period", "kind", "measure", "value", "value_high", "unit",
            "qualifier", "scope")


class Curator:
    """Validated changes to the tables of one open store."""

    def __init__(self, store: Any, sources_dir: Path | None = None) -> None:
        self.store = store
        self.db = store.db
        self.sources_dir = sources_dir
        self._texts: dict[Any, str | None] = {}

    def ids(self, table: str) -> set[str]:
        return {r["id"] for r in self.store.all(table)}

    # -- reference tables --------------------------------------------------------------------

    def add_source(self, path: Path, record: Record) -> Record:
        if not SLUG.fullmatch(record["id"]):
            raise UsageError(f"invalid source id {record['id']!r} (lowercase letters, digits, - and _)")
        if record["id"] in self.ids("sources"):
            raise UsageError(f"source {record['id']!r} already exists")
        if record["region"] not in self.ids("regions"):
            raise UsageError(f"region {record['region']!r} does not exist")
        if record["kind"] not in SOURCE_KINDS:
            raise UsageError(f"kind {record['kind']!r} is not one of {', '.join(SOURCE_KINDS)}")
        try:
            raw = path.read_bytes()
            raw.decode("utf-8")
        except OSError as err:
            raise StoreError(f"{path}: cannot read source text: {err.strerror}") from None
        except UnicodeDecodeError:
            raise UsageError(f"{path}: source text is not UTF-8") from None
        record = dict(record, file=path.name, sha256=hashlib.sha256(raw).hexdigest())
        self.db.table("sources").insert(record)
        return record

    def add_region(self, record: Record) -> Record:
        if not SLUG.fullmatch(record["id"]):
            raise UsageError(f"invalid region id {record['id']!r} (pinyin slug: lowercase letters and digits)")
        if record["id"] in self.ids("regions"):
            raise UsageError(f"region {record['id']!r} already exists")
        if record["level"] not in LEVELS:
            raise UsageError(f"level {record['level']!r} is not one of {', '.join(LEVELS)}")
        if record.get("parent") and record["parent"] not in self.ids("regions"):
            raise UsageError(f"parent {record['parent']!r} does not exist")
        self.refuse_shared_names("regions", record)
        self.db.table("regions").insert(record)
        return record

    def add_indicator(self, record: Record) -> Record:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", record["id"]):
            raise UsageError(f"invalid indicator id {record['id']!r} (snake_case English)")
        if record["id"] in self.ids("indicators"):
            raise UsageError(f"indicator {record['id']!r} already exists")
        if record["category"] not in CATEGORIES:
            raise UsageError(f"category {record['category']!r} is not one of {', '.join(CATEGORIES)}")
        self.refuse_shared_names("indicators", record)
        self.db.table("indicators").insert(record)
        return record

    def refuse_shared_names(self, table: str, record: Record) -> None:
        from factcli.verify import shared_names

        clashes = [p.message for p in shared_names({table: [*self.store.all(table), record]})
                   if p.record == record["id"]]
        if clashes:
            raise UsageError(f"{record['id']}: {'; '.join(clashes)}")

    # -- facts ---------------------------------------------------------------------------------

    def problems(self, fact: Record, seen: dict[tuple[Any, ...], str]) -> list[str]:
        """What verify would say of this fact, plus a duplicate of one in `seen` (identity -> fact id)."""
        found = fact_problems(fact, regions=self.ids("regions"), indicators=self.ids("indicators"),
                              sources=self.ids("sources"))
        text = self.source_text(fact.get("source"))
        if text is not None:
            found += evidence_problems(fact, text)
        twin = seen.get(identity(fact))
        if twin == IN_BATCH:
            found.append("duplicate of an earlier fact in this batch")
        elif twin is not None and twin != fact.get("id"):
            found.append(f"duplicate of fact {twin}")
        return found

    def stored_identities(self) -> dict[tuple[Any, ...], str]:
        return {identity(f): f["id"] for f in self.store.facts()}

    def source_text(self, source_id: Any) -> str | None:
        """The source's text when a sources folder is at hand and holds the very file cited (read once)."""
        if self.sources_dir is None:
            return None
        if source_id not in self._texts:
            self._texts[source_id] = self.read_source(source_id)
        return self._texts[source_id]

    def read_source(self, source_id: Any) -> str | None:
        assert self.sources_dir is not None
        source = next((s for s in self.store.sources() if s["id"] == source_id), None)
        if source is None:
            return None
        path = self.sources_dir / source["file"]
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(raw).hexdigest() != source.get("sha256"):
            raise StoreError(f"{path}: sha256 does not match source {source_id!r}")
        return raw.decode("utf-8")

    def next_ids(self, source: str, count: int) -> list[str]:
        """New ids after every id the source ever had, removed ones included: ids are never reused."""
        used = {r["id"] for r in self.store.facts()} | {r["id"] for r in self.store.all("retired")}
        numbers = [int(m.group(1)) for i in used if (m := re.fullmatch(re.escape(source) + r"-(\d+)", i))]
        start = max(numbers, default=0) + 1
        return [f"{source}-{n:03d}" for n in range(start, start + count)]

    def add_facts(self, facts: list[Record]) -> list[str]:
        """Validate every fact (all or nothing) and insert them; the problems are listed per fact."""
        prepared: list[Record] = []
        report: list[str] = []
        seen = self.stored_identities()
        for n, fact in enumerate(facts, 1):
            fact = dict(clean_fact(fact), id="pending")
            report += [f"{n}: {p}" for p in self.problems(fact, seen)]
            seen.setdefault(identity(fact), IN_BATCH)
            prepared.append(fact)
        if report:
            raise UsageError(f"{len(report)} problem(s); nothing written", details=report)
        by_source: dict[str, list[Record]] = {}
        for fact in prepared:
            by_source.setdefault(fact["source"], []).append(fact)
        for source, members in by_source.items():
            for fact, new_id in zip(members, self.next_ids(source, len(members)), strict=True):
                fact["id"] = new_id
        self.db.table("facts").insert_multiple(prepared)
        return [f["id"] for f in prepared]

    def edit_fact(self, fact_id: str, changes: Record) -> Record:
        from tinydb import Query

        table = self.db.table("facts")
        current = table.get(Query().id == fact_id)
        if current is None:
            raise UsageError(f"unknown fact id {fact_id!r}")
        if "id" in changes:
            raise UsageError("a fact's id never changes")
        updated = clean_fact({**dict(current), **changes})
        problems = self.problems(updated, self.stored_identities())
        if problems:
            raise UsageError(f"{fact_id}: {'; '.join(problems)}; nothing written")
        table.update(replaced_by(updated), Query().id == fact_id)
        return updated

    def remove_facts(self, fact_ids: list[str], when: str) -> None:
        from tinydb import Query

        known = {f["id"] for f in self.store.facts()}
        unknown = [i for i in fact_ids if i not in known]
        if unknown:
            raise UsageError(f"unknown fact id(s): {', '.join(unknown)}; nothing removed")
        self.db.table("facts").remove(Query().id.one_of(fact_ids))
        self.db.table("retired").insert_multiple({"id": i, "removed": when} for i in fact_ids)


def replaced_by(record: Record) -> Callable[[Record], None]:
    """A TinyDB update operation that makes a document exactly `record` (removed fields go too)."""
    def transform(doc: Record) -> None:
        doc.clear()
        doc.update(record)

    return transform


def clean_fact(fact: Record) -> Record:
    """Drop empty optional fields so stored facts stay minimal; keep unknown fields for verify to flag."""
    return {k: v for k, v in fact.items() if not (k in FACT_FIELDS and k not in ("aspirational", "value")
                                                   and v in (None, ""))}


def identity(fact: Record) -> tuple[Any, ...]:
    basis = (fact.get("basis") or "yoy") if fact.get("measure") == "growth" else None
    return (*(fact.get(k) for k in IDENTITY), basis)
