"""Targets against outcomes: did they hit it, and are plan-period targets on track?

Statuses are judged against what the store holds:
- met: the outcome for the target's period satisfies the target's qualifier; "about" targets are met
  within ±TOLERANCE_POINTS for rates and shares and ±TOLERANCE_RELATIVE for levels.
- missed: the outcome for the target's period does not satisfy it.
- unclear: the outcome's own hedge leaves it open ("近460" or "below 500" against "at least 460"): the
  store cannot say whether the target was met, so it does not.
- met_early: a level or count target (at least, above, or an exact figure to reach) that an outcome
  reported after the target was set already satisfies before the target's period ends, as the
  documents themselves say 提前完成: the 14th plan's "GDP ≥ 460 亿元 by 2025", set in 2021, against the
  2024 estimate "> 500 亿元". An outcome already known when the target was set (last year's figure
  beside this year's goal) is its baseline, never an early success.
- on_track / behind: for a level, only an earlier outcome exists; the compound rate needed from it to
  the target is compared with the rate achieved so far (the reported growth of the latest year, else
  the compound rate between the earliest and latest outcomes). A baseline already at the target needs
  no growth and is on track.
- not_yet_due: an earlier outcome exists but cannot be projected: a rate, a share, a count (most counts
  in work reports are things done within the year), or a level with no achieved rate to judge it by.
- no_outcome: no outcome of the same region, indicator, measure and scope in the store (for a plan-period
  target such as 2021-2025, none for that same span).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from factcli.diff import outcomes
from factcli.model import Record, period_span
from factcli.numerals import Figure, difference
from factcli.query import basis_of, targets
from factcli.units import lookup, to_base

# an "about" target is met within ±0.5 percentage points for rates and shares, ±2 % for levels
TOLERANCE_POINTS = 0.5
TOLERANCE_RELATIVE = 0.02


@dataclass(frozen=True)
class Tracked:
    target: Record
    outcome: Record | None
    status: str
    gap: float | None = None
    gap_unit: str = ""
    gap_percent: float | None = None
    required_rate: float | None = None
    achieved_rate: float | None = None


def is_rate(fact: Record) -> bool:
    return fact["measure"] in ("growth", "share") or lookup(fact["unit"]).dimension in ("percent", "points")


def verdict(outcome: Record, target: Record) -> bool | None:
    """Does the outcome satisfy the target's qualifier? None when the outcome's own hedge leaves it open.

    Both are compared in base units as ranges: an outcome "about X" may lie anywhere within the tolerance
    of X, "at least X" anywhere above it, and so on; it satisfies the target only if all of its range does,
    and misses it only if none of it does.
    """
    got = to_base(outcome["value"], outcome["unit"])
    want = to_base(target["value"], target["unit"])
    allowed = TOLERANCE_POINTS if is_rate(target) else abs(want) * TOLERANCE_RELATIVE
    hedge = outcome["qualifier"]
    low = got - allowed if hedge == "approx" else -math.inf if hedge in ("at_most", "below") else got
    high = got + allowed if hedge == "approx" else math.inf if hedge in ("at_least", "above") else got
    qualifier = target["qualifier"]
    if qualifier == "approx":
        return judged(want - allowed <= low and high <= want + allowed, high < want - allowed or low > want + allowed)
    if qualifier == "at_most":
        return judged(high <= want, low > want or (low == want and hedge == "above"))
    if qualifier == "below":
        return judged(high < want or (high == want and hedge == "below"), low >= want)
    if qualifier == "above":
        # an outcome printed as "above X" clears "above Y" when X >= Y
        return judged(low > want or (low == want and hedge == "above"), high <= want)
    # at_least, and an exact figure promised is a floor to reach
    return judged(low >= want, high < want or (high == want and hedge == "below"))


def judged(met: bool, missed: bool) -> bool | None:
    return True if met else False if missed else None


def met_or_missed(outcome: Record, target: Record) -> str:
    return {True: "met", False: "missed", None: "unclear"}[verdict(outcome, target)]


def comparable(outcome: Record, target: Record) -> bool:
    return lookup(outcome["unit"]).dimension == lookup(target["unit"]).dimension


def track(facts: list[Record], region: str | None = None, year: int | None = None,
          source_dates: dict[str, str] | None = None) -> list[Tracked]:
    """Every target (of a region, ending in a year), paired with the outcomes that bear on it. The
    sources' dates (ISO) tell when each target was set; without them nothing is met early."""
    by_series: dict[tuple[str, str], list[Record]] = {}
    for fact in facts:
        if fact["kind"] != "target":
            by_series.setdefault((fact["region"], fact["indicator"]), []).append(fact)
    dates = source_dates or {}
    return [judge(t, facts_for(by_series, t), set_in=int(dates[t["source"]][:4]) if dates.get(t["source"]) else None)
            for t in targets(facts, year, region)]


def facts_for(by_series: dict[tuple[str, str], list[Record]], target: Record) -> list[Record]:
    """Outcomes of the target's region, indicator and scope: a figure for another part (a project, the
    city proper) never stands in for the whole."""
    members = by_series.get((target["region"], target["indicator"]), [])
    return [f for f in members if (f.get("scope") or "") == (target.get("scope") or "")]


def judge(target: Record, history: list[Record], set_in: int | None = None) -> Tracked:
    """The status of one target given the outcomes of its region and indicator and the year it was set."""
    end = period_span(target["period"])[1]
    # a yearly average never stands in for a total, nor a year-on-year rate for a whole span's growth
    same = [f for f in history if f["measure"] == target["measure"] and comparable(f, target)
            and basis_of(f) == basis_of(target)]
    start = period_span(target["period"])[0]
    if start != end:
        # a plan-period total (2万人 over 2021-2025) is judged only by an outcome for the same span
        outcome = next((f for f in same if f["kind"] != "target" and f["period"] == target["period"]), None)
        if outcome is None:
            return Tracked(target, None, "no_outcome")
        return Tracked(target, outcome, met_or_missed(outcome, target), *gaps(outcome, target))
    points = [p for p in outcomes(same) if int(p.period) <= end]
    if not points:
        return Tracked(target, None, "no_outcome")
    latest = points[-1]
    gap = gaps(latest.fact, target)
    if int(latest.period) == end:
        return Tracked(target, latest.fact, met_or_missed(latest.fact, target), *gap)
    floor = target["qualifier"] in ("at_least", "above", "exact")
    if (target["measure"] in ("level", "count") and floor and set_in is not None and int(latest.period) >= set_in
            and verdict(latest.fact, target)):
        return Tracked(target, latest.fact, "met_early", *gap)
    want = to_base(target["value"], target["unit"])
    if target["measure"] != "level" or latest.base_value <= 0 or want <= 0:
        return Tracked(target, latest.fact, "not_yet_due", *gap)
    required = Figure(((want / latest.base_value) ** (1 / (end - int(latest.period))) - 1) * 100, 1)
    achieved = achieved_rate(points, [f for f in history if f["measure"] == "growth"])
    if floor and verdict(latest.fact, target):
        return Tracked(target, latest.fact, "on_track", *gap, required_rate=required, achieved_rate=achieved)
    if achieved is None:
        return Tracked(target, latest.fact, "not_yet_due", *gap, required_rate=required)
    status = "on_track" if achieved >= required else "behind"
    return Tracked(target, latest.fact, status, *gap, required_rate=required, achieved_rate=achieved)


def achieved_rate(points: list[Any], growth: list[Record]) -> float | None:
    """The latest year's reported growth, else the compound rate between the first and latest outcomes."""
    latest = points[-1]
    reported = [f for f in growth if f["period"] == latest.period and basis_of(f) == "yoy"]
    if reported:
        return float(reported[0]["value"])
    first = points[0]
    years = int(latest.period) - int(first.period)
    if years > 0 and first.base_value > 0:
        return Figure(((latest.base_value / first.base_value) ** (1 / years) - 1) * 100, 1)
    return None


def gaps(outcome: Record, target: Record) -> tuple[float, str, float | None]:
    """Outcome minus target: in points for rates and shares, else in the target's unit and in percent."""
    unit = lookup(target["unit"])
    got = to_base(outcome["value"], outcome["unit"])
    want = to_base(target["value"], target["unit"])
    gap = difference(got, want, unit.factor)
    if is_rate(target):
        return gap, "百分点", None
    return gap, target["unit"], Figure((got / want - 1) * 100, 1) if want else None

