"""Curators' writes: new sources, regions, indicators and facts; edits, removals and bulk imports.

Every function here validates with the schema of model.py first, and changes the store only when nothing
is wrong, so a refused write leaves the store byte-identical. The store commits at the end of
`store.writing()`. An excerpt is checked against its source text, or the write is refused, unless the
curator turned the check off explicitly.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from factcli.errors import RecordsRejected, StoreError, UsageError
from factcli.model import FACT_FIELDS, Problem, Record, evidence_problems, record_problems
from factcli.store import Store, read_regular

# one document stating one figure: a second fact like this is a duplicate, whatever excerpt it quotes
IN_BATCH = ""  # the owner of an identity first seen among the facts being added
IDENTITY = ("region", "indicator", "source", "period", "kind", "measure", "value", "value_high", "unit",
            "qualifier", "scope", "rank_of")


class Curator:
    """Validated changes to the tables of one store opened by `writing()`.

    sources_dir: the folder of source texts; None writes facts without checking their excerpts, which the
    caller allows only when the curator asked for it (--no-evidence-check).
    """

    def __init__(self, store: Store, sources_dir: Path | None = None) -> None:
        self.store = store
        self.sources_dir = sources_dir
        self._texts: dict[str, str] = {}
        if sources_dir is not None and not sources_dir.is_dir():
            raise StoreError(f"{sources_dir}: sources folder not found")

    def tables(self) -> dict[str, dict[str, Record]]:
        """The store's tables keyed by id, as the schema's reference checks take them."""
        return {name: {r["id"]: r for r in self.store.all(name)} for name in ("regions", "indicators", "sources")}

    def refuse(self, table: str, record: Record) -> None:
        problems = record_problems(table, record, self.tables())
        if any(r["id"] == record.get("id") for r in self.store.all(table)):
            problems.append(Problem(table, record["id"], "id", f"{table[:-1]} {record['id']!r} already exists"))
        problems += self.shared_names(table, record)
        if problems:
            raise RecordsRejected([(1, p) for p in problems])

    # -- reference tables --------------------------------------------------------------------

    def add_source(self, path: Path, record: Record) -> Record:
        try:
            raw = read_regular(path)
            raw.decode("utf-8")
        except OSError as err:
            raise StoreError(f"{path}: cannot read source text: {err.strerror}") from None
        except UnicodeDecodeError:
            raise UsageError(f"{path}: source text is not UTF-8") from None
        record = dict(record, file=path.name, sha256=hashlib.sha256(raw).hexdigest())
        self.refuse("sources", record)
        self.store.insert("sources", [record])
        return record

    def add_region(self, record: Record) -> Record:
        self.refuse("regions", record)
        self.store.insert("regions", [record])
        return record

    def add_indicator(self, record: Record) -> Record:
        self.refuse("indicators", record)
        self.store.insert("indicators", [record])
        return record

    def shared_names(self, table: str, record: Record) -> list[Problem]:
        from factcli.model import shared_names

        if table not in ("regions", "indicators") or not isinstance(record.get("id"), str):
            return []
        others = {r["id"]: r for r in self.store.all(table)}
        return [p for p in shared_names({table: {**others, record["id"]: record}}) if p.record == record["id"]]

    # -- facts ---------------------------------------------------------------------------------

    def problems(self, fact: Record, seen: dict[tuple[Any, ...], str], tables: dict[str, Any]) -> list[Problem]:
        """What verify would say of this fact, plus a duplicate of one in `seen` (identity -> fact id)."""
        found = record_problems("facts", fact, tables)
        text = self.source_text(fact.get("source"), tables["sources"])
        if text is not None and isinstance(fact.get("evidence"), str):
            found += evidence_problems(fact, text)
        twin = seen.get(identity(fact))
        if twin == IN_BATCH:
            found.append(Problem("facts", fact["id"], "", "duplicate of an earlier fact in this batch"))
        elif twin is not None and twin != fact.get("id"):
            found.append(Problem("facts", fact["id"], "", f"duplicate of fact {twin}"))
        return found

    def stored_identities(self, facts: list[Record]) -> dict[tuple[Any, ...], str]:
        """The stored facts that could be twins of these: a twin has the same region and indicator."""
        regions = {f["region"] for f in facts if isinstance(f.get("region"), str)}
        indicators = {f["indicator"] for f in facts if isinstance(f.get("indicator"), str)}
        return {identity(f): f["id"] for f in self.store.select(region=regions, indicator=indicators)}

    def source_text(self, source_id: Any, sources: dict[str, Record]) -> str | None:
        """The text of the source a fact cites (read once), None when the check is off or the source is
        unknown (the schema says so); a folder that lacks the very text cited refuses the write."""
        if self.sources_dir is None or not isinstance(source_id, str) or source_id not in sources:
            return None
        if source_id not in self._texts:
            source = sources[source_id]
            path = self.sources_dir / source["file"]
            try:
                raw = read_regular(path)
            except OSError as err:
                raise StoreError(f"{path}: cannot read the text of source {source_id!r} to check the excerpt: "
                                 f"{err.strerror}") from None
            if hashlib.sha256(raw).hexdigest() != source["sha256"]:
                raise StoreError(f"{path}: sha256 does not match source {source_id!r}")
            self._texts[source_id] = raw.decode("utf-8", "replace")
        return self._texts[source_id]

    def next_ids(self, source: str, count: int) -> list[str]:
        """New ids after every id the source ever had, removed ones included: ids are never reused."""
        used = self.store.ids("facts", f"{source}-") | self.store.ids("retired", f"{source}-")
        # a hand-edited id of ten or more digits cannot collide with the next ids, and int() refuses thousands
        numbers = [int(m.group(1)) for i in used if (m := re.fullmatch(re.escape(source) + r"-([0-9]{1,9})", i))]
        start = max(numbers, default=0) + 1
        return [f"{source}-{n:03d}" for n in range(start, start + count)]

    def add_facts(self, facts: list[Record]) -> list[str]:
        """Validate every fact (all or nothing) and insert them; problems carry each fact's place (1-based)."""
        prepared: list[Record] = []
        report: list[tuple[int, Problem]] = []
        seen = self.stored_identities(facts)
        tables = self.tables()
        for n, fact in enumerate(facts, 1):
            fact = dict(clean_fact(fact), id="pending")
            report += [(n, p) for p in self.problems(fact, seen, tables)]
            seen.setdefault(identity(fact), IN_BATCH)
            prepared.append(fact)
        if report:
            raise RecordsRejected(report)
        by_source: dict[str, list[Record]] = {}
        for fact in prepared:
            by_source.setdefault(fact["source"], []).append(fact)
        for source, members in by_source.items():
            for fact, new_id in zip(members, self.next_ids(source, len(members)), strict=True):
                fact["id"] = new_id
        self.store.insert("facts", prepared)
        return [f["id"] for f in prepared]

    def edit_fact(self, fact_id: str, changes: Record) -> Record:
        current = self.store.fact(fact_id)
        if current is None:
            raise UsageError(f"unknown fact id {fact_id!r}")
        if "id" in changes:
            raise UsageError("a fact's id never changes")
        updated = clean_fact({**current, **changes})
        problems = self.problems(updated, self.stored_identities([updated]), self.tables())
        if problems:
            raise RecordsRejected([(1, p) for p in problems])
        self.store.update("facts", updated)
        return updated

    def remove_facts(self, fact_ids: list[str], when: str) -> list[str]:
        """Remove facts and retire their ids (each once, however often it is named)."""
        fact_ids = list(dict.fromkeys(fact_ids))
        unknown = [i for i in fact_ids if self.store.fact(i) is None]
        if unknown:
            raise UsageError(f"unknown fact id(s): {', '.join(map(repr, unknown))}; nothing removed")
        self.store.remove("facts", fact_ids)
        self.store.insert("retired", [{"id": i, "removed": when} for i in fact_ids])
        return fact_ids


def clean_fact(fact: Record) -> Record:
    """Strip text and drop empty optional fields, so stored facts stay minimal and `--scope " "` is no
    scope; keep unknown fields for the schema to flag."""
    stripped = {k: v.strip() if isinstance(v, str) else v for k, v in fact.items()}
    return {k: v for k, v in stripped.items() if not (k in FACT_FIELDS and k not in ("aspirational", "value")
                                                      and v in (None, ""))}


def identity(fact: Record) -> tuple[Any, ...]:
    basis = fact.get("basis") or ("yoy" if fact.get("measure") == "growth" else None)
    try:
        hash(key := (*(fact.get(k) for k in IDENTITY), basis))
    except TypeError:  # a list where a value belongs: the schema reports it, and it has no twin
        return (id(fact),)
    return key
