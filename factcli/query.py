"""Lookups over fact records: selection, one value, targets of a year, search. No I/O, no click."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from factcli.errors import AmbiguousError, NoMatchError, UsageError
from factcli.model import Record, period_span
from factcli.names import names_of, normalize, simplified
from factcli.numerals import decimals, precision

if TYPE_CHECKING:
    from factcli.answer import Answer

KIND_ORDER = {"actual": 0, "estimate": 1, "target": 2}
MEASURE_ORDER = {"level": 0, "count": 1, "growth": 2, "share": 3, "rank": 4}


class Filters:
    """What a lookup asks for; None means any. `aspirational` True keeps strive targets (力争), False the
    binding ones and every outcome; `scope` keeps the facts whose scope contains it."""

    __slots__ = ("aspirational", "basis", "category", "indicator", "kind", "measure", "period", "region", "scope",
                 "source")

    def __init__(self, region: str | None = None, indicator: str | None = None, period: str | None = None,
                 kind: str | None = None, measure: str | None = None, source: str | None = None,
                 category: str | None = None, basis: str | None = None, aspirational: bool | None = None,
                 scope: str | None = None) -> None:
        self.region, self.indicator, self.period, self.kind = region, indicator, period, kind
        self.measure, self.source, self.category = measure, source, category
        self.basis, self.aspirational, self.scope = basis, aspirational, scope
        if scope is not None and not normalize(scope):
            # blank or all separators: it would match every figure, the whole as well as its parts
            raise UsageError(f"--scope {scope!r} names no part: give words a scope contains")


def period_matches(period: str, wanted: str) -> bool:
    """A year matches its own facts and the plan periods ending in it; a span matches the periods within it."""
    if period == wanted:
        return True
    start, end = period_span(wanted)
    first, last = period_span(period)
    if start == end:
        return first != last and last == end
    return start <= first and last <= end


def basis_of(fact: Record) -> str | None:
    """A growth without a stated basis is year on year; other measures have a basis only over a span."""
    return fact.get("basis") or ("yoy" if fact["measure"] == "growth" else None)


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
        if filters.basis and basis_of(fact) != filters.basis:
            continue
        if filters.aspirational is not None and bool(fact.get("aspirational")) != filters.aspirational:
            continue
        if filters.scope and normalize(filters.scope) not in normalize(fact.get("scope") or ""):
            continue
        if filters.category and (categories or {}).get(fact["indicator"]) != filters.category:
            continue
        if filters.period and not period_matches(fact["period"], filters.period):
            continue
        chosen.append(fact)
    return sorted(chosen, key=fact_order)


def latest_period(facts: Iterable[Record]) -> str | None:
    return max((f["period"] for f in facts), key=lambda p: period_span(p)[::-1], default=None)


def step(fact: Record) -> float:
    """The printed precision in base units: 31.7 亿立方米 is finer than 32 亿方."""
    from factcli.units import lookup

    return 10.0 ** -decimals(fact["value"]) * lookup(fact["unit"]).factor


def one_figure(fine: Record, coarse: Record) -> bool:
    """Do two facts print one figure? The finer one, in the coarser one's unit, rounds to the coarser."""
    from factcli.units import lookup, to_base

    if fine.get("qualifier") != coarse.get("qualifier") or lookup(fine["unit"]).dimension != \
            lookup(coarse["unit"]).dimension or (fine.get("value_high") is None) != (coarse.get("value_high") is None):
        return False
    factor = lookup(coarse["unit"]).factor
    return all(abs(to_base(fine[k], fine["unit"]) / factor - coarse[k]) <= precision(coarse[k]) + 1e-9
               for k in ("value", "value_high") if coarse.get(k) is not None)


WANTED = ("level", "count")


def one_fact(facts: list[Record], filters: Filters, source_dates: dict[str, str]) -> Answer:
    """Exactly one answer for `get`, or a refusal that says what exists.

    The period matches only itself (2020 is not 2016-2020); without one, the latest period with an
    outcome of the wanted measure (targets too when --kind target). Without a measure, the level, else
    the count; never another measure. A figure for the whole beats figures for a part (a scope). Facts
    that print one figure within printed precision are one answer: the most precise, then an actual
    over an estimate, then the most recently published; the others are named in the answer.
    """
    from factcli.answer import Answer, reading  # get's alone: the listings never pay for it

    chosen = select(facts, filters)
    pool = [f for f in chosen if f["measure"] in ((filters.measure,) if filters.measure else WANTED)]
    period = filters.period or latest_period(f for f in pool if f["kind"] != "target" or filters.kind == "target")
    what = " ".join(x for x in (filters.kind, filters.measure or "level or count") if x)
    subject = f"{filters.region} {filters.indicator}"
    narrowed = [f"{name} {value}" for name, value in (("basis", filters.basis), ("scope", filters.scope),
                                                       ("source", filters.source)) if value]
    if filters.aspirational is not None:
        narrowed.insert(0, "strive" if filters.aspirational else "binding")
    what += f" ({', '.join(narrowed)})" if narrowed else ""
    if period is None:
        periods = sorted({f["period"] for f in chosen}, key=lambda p: period_span(p)[::-1])
        raise NoMatchError(f"no {what} for {subject}",
                           details=[f"periods with facts: {', '.join(periods)}"] if periods else [])
    candidates = [f for f in pool if f["period"] == period]
    if not filters.measure:
        candidates = [f for f in candidates if f["measure"] == "level"] or candidates
    if not candidates:
        raise NoMatchError(f"no {what} for {subject} {period}", details=existing(facts, filters, period))
    candidates = [f for f in candidates if not f.get("scope")] or candidates
    # a yearly average and a total, or a binding and a strive target, are never one figure, even printed alike
    meanings = {(basis_of(f), bool(f.get("aspirational"))) for f in candidates}
    by_date = sorted(candidates, key=lambda f: (source_dates.get(f["source"], ""), f["id"]), reverse=True)
    # the same printing in several documents (the common case) needs no unit arithmetic
    alike = len({reading(f) + f["unit"] for f in candidates}) == 1
    best = min(by_date, key=lambda f: (0.0 if alike else step(f), KIND_ORDER.get(f["kind"], 9)))
    others = [f for f in by_date if f is not best]
    if len(meanings) > 1 or (not alike and not all(one_figure(best, f) for f in others)):
        differ = "meanings" if alike else "values"
        raise AmbiguousError(f"{len(candidates)} facts match with different {differ}; {narrowing(candidates)}",
                             details=[candidate_line(f) for f in candidates])
    also: dict[str, Record] = {}
    for fact in others:
        if reading(fact) != reading(best):
            also.setdefault(reading(fact), fact)
    return Answer(best, list(also.values()))


def existing(facts: list[Record], filters: Filters, period: str) -> list[str]:
    """What the store holds for the region and indicator: in the period asked, else the periods it has."""
    from factcli.answer import describe

    series = select(facts, Filters(region=filters.region, indicator=filters.indicator))
    there = list(dict.fromkeys(describe(f) for f in series if f["period"] == period))
    if there:
        return [f"{period} has: {'; '.join(there)}"]
    periods = sorted({f["period"] for f in series}, key=lambda p: period_span(p)[::-1])
    return [f"periods with facts: {', '.join(periods)}"] if periods else []


NARROWING = (("kind", "--kind"), ("measure", "--measure"), ("aspirational", "--binding or --strive"),
             ("basis", "--basis"), ("scope", "--scope"), ("source", "--source"))


def narrowing(candidates: list[Record]) -> str:
    """The options that would tell the candidates apart."""
    options = [option for name, option in NARROWING if len({str(f.get(name)) for f in candidates}) > 1]
    return f"narrow with {', '.join(options)}" if options else "the documents disagree"


def candidate_line(fact: Record) -> str:
    from factcli.answer import reading

    tags = "; ".join(t for t in ("strive" if fact.get("aspirational") else "", basis_of(fact) or "",
                                 f"scope: {fact['scope']}" if fact.get("scope") else "") if t)
    return "\t".join([fact["id"], fact["period"], fact["kind"], fact["measure"], reading(fact), fact["source"],
                      *([tags] if tags else [])])


def targets(facts: Iterable[Record], year: int | None, region: str | None = None) -> list[Record]:
    """Every target set for the year (any year: None), and the plan-period targets that end in it."""
    chosen = [f for f in facts if f["kind"] == "target" and (year is None or period_span(f["period"])[1] == year)
              and (region is None or f["region"] == region)]
    return sorted(chosen, key=fact_order)


class Hit:
    """A fact found by search, and what matched: its indicator, a topic, its text, or its region."""

    __slots__ = ("fact", "matched")

    def __init__(self, fact: Record, matched: str) -> None:
        self.fact, self.matched = fact, matched


def topic_sides(topic: str) -> tuple[str, str]:
    """'氢能/hydrogen' -> ('氢能', 'hydrogen'); a tag without a slash reads the same in both languages."""
    zh, _, en = topic.partition("/")
    return zh.strip(), (en or zh).strip()


TEXT_FIELDS = ("evidence", "scope", "note")


def searchable(fact: Record) -> str:
    """A fact's text as search matches it: evidence, scope and note, normalized, one per line (a
    normalized search key has no line breaks, so it never matches across two fields)."""
    return "\n".join(normalize(str(fact.get(name) or "")) for name in TEXT_FIELDS)


@runtime_checkable
class Facts(Protocol):
    """What search asks of a store: the facts of some regions or indicators, the facts holding a text."""

    def select(self, region: Collection[str] | None = None, indicator: Collection[str] | None = None
               ) -> list[Record]: ...

    def containing(self, key: str) -> list[Record]: ...


class Listed:
    """Facts already in memory, asked as a store is asked."""

    def __init__(self, facts: Iterable[Record]) -> None:
        self.facts = list(facts)

    def select(self, region: Collection[str] | None = None, indicator: Collection[str] | None = None
               ) -> list[Record]:
        return [f for f in self.facts if (region is None or f["region"] in region)
                and (indicator is None or f["indicator"] in indicator)]

    def containing(self, key: str) -> list[Record]:
        return [f for f in self.facts if key in searchable(f)]


def search(text: str, facts: Facts | Iterable[Record], indicators: Iterable[Record], regions: Iterable[Record]
           ) -> list[Hit]:
    """Facts whose indicator's names or topics, region's names, evidence, scope or note contain the text.
    Text in traditional characters that finds nothing is tried again in simplified ones.

    Names and topics are matched in the small tables; the store is asked only for the facts of the
    indicators and regions found and for those whose text holds the key (an index, in a SQLite store)."""
    store = facts if isinstance(facts, Facts) else Listed(facts)
    indicators, regions = list(indicators), list(regions)
    key = normalize(text)
    if not key:
        return []
    indicator_hit = {i["id"] for i in indicators if any(key in normalize(n) for n in names_of(i))}
    topic_hit = {i["id"] for i in indicators
                 if any(key in normalize(side) for topic in i.get("topics") or () for side in topic_sides(topic))}
    region_hit = {r["id"] for r in regions if any(key == normalize(n) for n in names_of(r))}
    found = {f["id"]: f for f in (*(store.select(indicator=indicator_hit | topic_hit) if indicator_hit | topic_hit
                                     else ()),
                                   *(store.select(region=region_hit) if region_hit else ()), *store.containing(key))}
    hits = []
    for fact in sorted(found.values(), key=fact_order):
        if fact["indicator"] in indicator_hit:
            hits.append(Hit(fact, "indicator"))
        elif fact["indicator"] in topic_hit:
            hits.append(Hit(fact, "topic"))
        elif key in searchable(fact):
            hits.append(Hit(fact, "text"))
        elif fact["region"] in region_hit:
            hits.append(Hit(fact, "region"))
    if not hits and not text.isascii():
        plain = simplified(text)
        if plain != text:
            return search(plain, store, indicators, regions)
    return hits


def topics(indicators: Iterable[Record], facts: Iterable[Record]) -> list[Record]:
    """Every topic tag with its two sides, and how many indicators and facts it covers, by English name."""
    per_indicator = Counter(f["indicator"] for f in facts)
    covered: dict[str, list[str]] = {}
    for indicator in indicators:
        for topic in indicator.get("topics") or ():
            covered.setdefault(topic, []).append(indicator["id"])
    rows = []
    for topic, ids in covered.items():
        zh, en = topic_sides(topic)
        rows.append({"topic": topic, "zh": zh, "en": en, "indicators": len(ids),
                     "facts": sum(per_indicator[i] for i in ids), "indicator_ids": sorted(ids)})
    return sorted(rows, key=lambda r: (r["en"].casefold(), r["zh"]))
