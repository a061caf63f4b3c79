"""Lookups over fact records: selection, one value, targets of a year, search. No I/O, no click."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from factcli.errors import AmbiguousError, NoMatchError
from factcli.model import period_span
from factcli.names import names_of, normalize

Record = dict[str, Any]
KIND_ORDER = {"actual": 0, "estimate": 1, "target": 2}
MEASURE_ORDER = {"level": 0, "count": 1, "growth": 2, "share": 3, "rank": 4}


class Filters:
    """What a lookup asks for; None means any."""

    __slots__ = ("category", "indicator", "kind", "measure", "period", "region", "source")

    def __init__(self, region: str | None = None, indicator: str | None = None, period: str | None = None,
                 kind: str | None = None, measure: str | None = None, source: str | None = None,
                 category: str | None = None) -> None:
        self.region, self.indicator, self.period, self.kind = region, indicator, period, kind
        self.measure, self.source, self.category = measure, source, category


def period_matches(period: str, wanted: str) -> bool:
    """A year matches its own facts and the plan periods ending in it; a span matches itself."""
    if period == wanted:
        return True
    start, end = period_span(wanted)
    return start == end and period_span(period)[1] == end


def fact_order(fact: Record) -> tuple[Any, ...]:
    start, end = period_span(fact["period"])
    return (fact["region"], fact["indicator"], end, start, MEASURE_ORDER.get(fact["measure"], 9),
            KIND_ORDER.get(fact["kind"], 9), fact["id"])


def select(facts: Iterable[Record], filters: Filters, categories: dict[str, str] | None = None
           ) -> list[Record]:
    """The facts passing every given filter, ordered by region, indicator, period, measure, kind."""
    chosen = []
    for fact in facts:
        if filters.region and fact["region"] != filters.region:
            continue
        if filters.indicator and fact["indicator"] != filters.indicator:
            continue
        if filters.kind and fact["kind"] != filters.kind:
            continue
        if filters.measure and fact["measure"] != filters.measure:
            continue
        if filters.source and fact["source"] != filters.source:
            continue
        if filters.category and (categories or {}).get(fact["indicator"]) != filters.category:
            continue
        if filters.period and not period_matches(fact["period"], filters.period):
            continue
        chosen.append(fact)
    return sorted(chosen, key=fact_order)


def latest_outcome_period(facts: Iterable[Record]) -> str | None:
    outcomes = [f["period"] for f in facts if f["kind"] != "target"]
    return max(outcomes, key=lambda p: period_span(p)[::-1], default=None)


def same_figure(a: Record, b: Record) -> bool:
    return all(a.get(k) == b.get(k) for k in ("value", "value_high", "unit", "qualifier"))


def one_fact(facts: list[Record], filters: Filters, source_dates: dict[str, str]) -> Record:
    """Exactly one fact for `get`.

    Without a period, the latest period with an outcome; without a measure, the level (or count) when
    there is one. Facts that print the same figure in several documents count as one: the most recently
    published document's is returned. Anything else that still matches several facts is ambiguous.
    """
    candidates = select(facts, filters)
    if not filters.period:
        latest = latest_outcome_period(candidates)
        if latest:
            candidates = [f for f in candidates if f["period"] == latest]
    if not filters.measure:
        for measure in ("level", "count"):
            if any(f["measure"] == measure for f in candidates):
                candidates = [f for f in candidates if f["measure"] == measure]
                break
    if not candidates:
        raise NoMatchError("no fact matches")
    if all(same_figure(candidates[0], f) for f in candidates[1:]):
        return max(candidates, key=lambda f: (source_dates.get(f["source"], ""), f["id"]))
    raise AmbiguousError(f"{len(candidates)} facts match; narrow with --period, --kind, --measure "
                         "or --source", details=[candidate_line(f) for f in candidates])


def candidate_line(fact: Record) -> str:
    from factcli.numerals import format_number

    return (f"{fact['id']}\t{fact['period']}\t{fact['kind']}\t{fact['measure']}\t"
            f"{format_number(fact['value'])} {fact['unit']}\t{fact['source']}")


def targets(facts: Iterable[Record], year: int, region: str | None = None) -> list[Record]:
    """Every target set for the year, and the plan-period targets that end in it."""
    chosen = [f for f in facts if f["kind"] == "target" and period_span(f["period"])[1] == year
              and (region is None or f["region"] == region)]
    return sorted(chosen, key=fact_order)


class Hit:
    """A fact found by search, and what matched: its indicator, its text, or its region."""

    __slots__ = ("fact", "matched")

    def __init__(self, fact: Record, matched: str) -> None:
        self.fact, self.matched = fact, matched


def search(text: str, facts: Iterable[Record], indicators: Iterable[Record], regions: Iterable[Record]
           ) -> list[Hit]:
    """Facts whose indicator's names, region's names, evidence, scope or note contain the text."""
    key = normalize(text)
    if not key:
        return []
    by_indicator = {i["id"]: i for i in indicators}
    by_region = {r["id"]: r for r in regions}
    indicator_hit = {iid for iid, rec in by_indicator.items() if any(key in normalize(n) for n in names_of(rec))}
    region_hit = {rid for rid, rec in by_region.items() if any(key == normalize(n) for n in names_of(rec))}
    hits = []
    for fact in sorted(facts, key=fact_order):
        if fact["indicator"] in indicator_hit:
            hits.append(Hit(fact, "indicator"))
        elif any(key in normalize(str(fact.get(name) or "")) for name in ("evidence", "scope", "note")):
            hits.append(Hit(fact, "text"))
        elif fact["region"] in region_hit:
            hits.append(Hit(fact, "region"))
    return hits
