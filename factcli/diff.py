"""Changes between periods of one series, computed in base units, beside the growth the documents report."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from factcli.model import Record, period_span
from factcli.numerals import Figure, decimals, difference
from factcli.query import KIND_ORDER
from factcli.units import lookup, to_base

RATE_DIMENSIONS = ("percent", "points")


@dataclass(frozen=True)
class Point:
    period: str
    fact: Record
    base_value: float


@dataclass(frozen=True)
class Change:
    scope: str
    measure: str
    start: Point
    end: Point
    change: float
    unit: str
    percent: float | None
    annual_rate: float | None
    reported: list[Record]
    hedged: bool

    @property
    def years(self) -> int:
        return period_span(self.end.period)[1] - period_span(self.start.period)[1]


def series(facts: Iterable[Record]) -> list[Point]:
    """One point per period and kind, in period order; the first fact listed for a period wins."""
    points: dict[tuple[str, str], Point] = {}
    for fact in facts:
        key = (fact["period"], fact["kind"])
        if key not in points:
            points[key] = Point(fact["period"], fact, to_base(fact["value"], fact["unit"]))
    return sorted(points.values(), key=lambda p: (period_span(p.period)[::-1], KIND_ORDER[p.fact["kind"]]))


def outcomes(facts: Iterable[Record]) -> list[Point]:
    """Single-year outcomes, one per year: an actual beats an estimate; among equals the most precise."""
    best: dict[str, Record] = {}
    for fact in facts:
        start, end = period_span(fact["period"])
        if fact["kind"] == "target" or start != end:
            continue
        current = best.get(fact["period"])
        if current is None or rank(fact) < rank(current):
            best[fact["period"]] = fact
    return [Point(p, f, to_base(f["value"], f["unit"])) for p, f in sorted(best.items())]


def rank(fact: Record) -> tuple[int, int, int]:
    return (KIND_ORDER[fact["kind"]], 0 if fact["qualifier"] == "exact" else 1, -decimals(fact["value"]))


def series_keys(facts: Iterable[Record]) -> dict[tuple[str, str, str], list[Record]]:
    """Facts split into comparable series: by measure, unit dimension and scope."""
    groups: dict[tuple[str, str, str], list[Record]] = {}
    for fact in facts:
        if fact["measure"] not in ("level", "count", "share"):
            continue
        key = (fact["measure"], lookup(fact["unit"]).dimension, fact.get("scope") or "")
        groups.setdefault(key, []).append(fact)
    return groups


def diffs(facts: list[Record], start: str | None = None, end: str | None = None) -> list[Change]:
    """Changes for one region and indicator: consecutive outcome years, or START to END."""
    growth = [f for f in facts if f["measure"] == "growth"]
    changes = []
    for (measure, _dimension, scope), members in sorted(series_keys(facts).items()):
        points = outcomes(members)
        if start and end:
            chosen = {p.period: p for p in points}
            pairs = [(chosen[start], chosen[end])] if start in chosen and end in chosen else []
        else:
            pairs = list(itertools.pairwise(points))
        changes += [compare(a, b, measure, scope, growth) for a, b in pairs]
    return changes


def compare(a: Point, b: Point, measure: str, scope: str, growth: list[Record]) -> Change:
    unit = lookup(b.fact["unit"])
    years = period_span(b.period)[1] - period_span(a.period)[1]
    # a change reads to the finer of the two figures (in the later unit), rates to one decimal
    change = difference(b.base_value, a.base_value, unit.factor)
    percent = annual = None
    if unit.dimension in RATE_DIMENSIONS:
        shown_unit = "百分点"
    else:
        shown_unit = b.fact["unit"]
        if a.base_value > 0 and b.base_value > 0:
            percent = Figure((b.base_value / a.base_value - 1) * 100, 1)
            if years > 1:
                annual = Figure(((b.base_value / a.base_value) ** (1 / years) - 1) * 100, 1)
    return Change(scope=scope, measure=measure, start=a, end=b, change=change, unit=shown_unit, percent=percent,
                  annual_rate=annual, reported=reported_growth(growth, a.period, b.period),
                  hedged=any(p.fact["qualifier"] != "exact" for p in (a, b)))


def reported_growth(growth: list[Record], start: str, end: str) -> list[Record]:
    """The growth the documents state for the same stretch: yoy for one year, a span's rate for more."""
    first, last = int(start), int(end)
    found = []
    for fact in growth:
        if fact["kind"] == "target":
            continue
        span = period_span(fact["period"])
        basis = fact.get("basis") or "yoy"
        if last - first == 1 and span == (last, last) and basis == "yoy":
            found.append(fact)
        elif last - first > 1 and span in ((first + 1, last), (first, last)) and basis != "yoy":
            found.append(fact)
    return found
