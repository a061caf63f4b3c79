"""`factcli verify`: every record of the store against the data model and its source texts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcli.model import CATEGORIES, LEVELS, REQUIRED, SOURCE_KINDS, TOPIC, evidence_problems, fact_problems

Record = dict[str, Any]


@dataclass(frozen=True)
class Problem:
    table: str
    record: str
    message: str

    def __str__(self) -> str:
        return f"{self.table}/{self.record}: {self.message}"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_source_texts(sources: list[Record], folder: Path) -> tuple[dict[str, str], list[Problem]]:
    """The text of each source whose file exists and whose sha256 matches the store."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for source in sources:
        sid = str(source.get("id"))
        path = folder / str(source.get("file"))
        try:
            raw = path.read_bytes()
        except OSError:
            problems.append(Problem("sources", sid, f"source file {path} not found or unreadable"))
            continue
        if hashlib.sha256(raw).hexdigest() != source.get("sha256"):
            problems.append(Problem("sources", sid, f"sha256 of {path} does not match the store"))
            continue
        texts[sid] = raw.decode("utf-8")
    return texts, problems


def record_problems(tables: dict[str, list[Record]]) -> list[Problem]:
    """Required fields, allowed values, unique ids and references: no source text needed."""
    problems: list[Problem] = []
    ids: dict[str, set[str]] = {}
    for table, required in REQUIRED.items():
        seen: set[str] = set()
        for record in tables.get(table, []):
            rid = str(record.get("id"))
            if rid in seen:
                problems.append(Problem(table, rid, "duplicate id"))
            seen.add(rid)
            if table != "facts":
                problems += [Problem(table, rid, f"missing field {name!r}") for name in required
                             if record.get(name) in (None, "")]
        ids[table] = seen
    for region in tables.get("regions", []):
        rid = str(region.get("id"))
        if region.get("level") not in LEVELS:
            problems.append(Problem("regions", rid, f"level {region.get('level')!r} is not allowed"))
        if region.get("parent") and region["parent"] not in ids["regions"]:
            problems.append(Problem("regions", rid, f"parent {region['parent']!r} does not exist"))
    for indicator in tables.get("indicators", []):
        if indicator.get("category") not in CATEGORIES:
            problems.append(Problem("indicators", str(indicator.get("id")),
                                    f"category {indicator.get('category')!r} is not allowed"))
        topics = indicator.get("topics", [])
        if not isinstance(topics, list) or not all(isinstance(t, str) and TOPIC.fullmatch(t) for t in topics):
            problems.append(Problem("indicators", str(indicator.get("id")),
                                    "topics must be a list of '中文/english' strings"))
    for source in tables.get("sources", []):
        sid = str(source.get("id"))
        if source.get("kind") not in SOURCE_KINDS:
            problems.append(Problem("sources", sid, f"kind {source.get('kind')!r} is not allowed"))
        if source.get("region") not in ids["regions"]:
            problems.append(Problem("sources", sid, f"region {source.get('region')!r} does not exist"))
    problems += shared_names(tables)
    for fact in tables.get("facts", []):
        problems += [Problem("facts", str(fact.get("id")), message) for message in
                     fact_problems(fact, regions=ids["regions"], indicators=ids["indicators"],
                                   sources=ids["sources"])]
    return problems


def shared_names(tables: dict[str, list[Record]]) -> list[Problem]:
    """A name or alias that two regions (or two indicators) answer to makes lookups ambiguous."""
    from factcli.names import names_of, normalize

    problems = []
    for table in ("regions", "indicators"):
        owner: dict[str, str] = {}
        for record in tables.get(table, []):
            for name in dict.fromkeys(normalize(n) for n in names_of(record) if n):
                other = owner.setdefault(name, str(record.get("id")))
                if other != record.get("id"):
                    problems.append(Problem(table, str(record.get("id")), f"alias {name!r} also names {other!r}"))
    return problems


def verify(tables: dict[str, list[Record]], folder: Path) -> list[Problem]:
    """Every problem of the store, checked against the source texts in folder."""
    problems = record_problems(tables)
    texts, source_problems = load_source_texts(tables.get("sources", []), folder)
    problems += source_problems
    for fact in tables.get("facts", []):
        text = texts.get(str(fact.get("source")))
        if text is not None:
            problems += [Problem("facts", str(fact.get("id")), message)
                         for message in evidence_problems(fact, text)]
    return problems
