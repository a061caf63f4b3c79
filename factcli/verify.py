"""`factcli verify`: every record of the store against the schema and its source texts.

The schema (model.store_problems) is what every load and every write checks, plus the completeness rules;
verify adds the source texts: each file present with the sha256 the store records, each excerpt verbatim
in it. So verify flags every store any other command would refuse.
"""

from __future__ import annotations

import hashlib
import os

from factcli.model import Problem, Record, Tables, evidence_problems, store_problems
from factcli.store import read_regular


def load_source_texts(sources: list[Record], folder: str) -> tuple[dict[str, str], list[Problem]]:
    """The text of each source whose file exists and whose sha256 matches the store."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for source in sources:
        sid = source["id"]
        path = os.path.join(folder, source["file"])
        try:
            raw = read_regular(path)
        except OSError:
            problems.append(Problem("sources", sid, "file", f"source file {path} not found or unreadable"))
            continue
        if hashlib.sha256(raw).hexdigest() != source["sha256"]:
            problems.append(Problem("sources", sid, "sha256", f"sha256 of {path} does not match the store"))
            continue
        texts[sid] = raw.decode("utf-8", "replace")
    return texts, problems


def verify(tables: Tables, folder: str) -> list[Problem]:
    """Every problem of the store, checked against the source texts in folder."""
    problems = store_problems(tables)
    if any(p.field in ("", "id") for p in problems):  # records without a usable shape or id: texts can wait
        return problems
    broken = {(p.table, p.record) for p in problems}
    sources = [s for s in tables.get("sources", {}).values() if ("sources", s["id"]) not in broken]
    texts, source_problems = load_source_texts(sources, folder)
    problems += source_problems
    for fact in tables.get("facts", {}).values():
        text = texts.get(fact["source"]) if ("facts", fact["id"]) not in broken else None
        if text is not None:
            problems += evidence_problems(fact, text)
    return problems
