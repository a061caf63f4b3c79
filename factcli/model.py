"""The data model of DESIGN.md: allowed values, required fields, and record checks that need no source text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

KINDS = ("actual", "estimate", "target")
MEASURES = ("level", "growth", "share", "rank", "count")
BASES = ("yoy", "cumulative", "annual_avg")
SPAN_BASES = ("cumulative", "annual_avg")
RANK_OF = ("level", "growth", "share")
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "above", "below")
LEVELS = ("province", "prefecture_city", "county_city", "county", "district")
SOURCE_KINDS = ("government_work_report", "party_conference", "article", "news_report",
                "statistical_bulletin", "plan")
CATEGORIES = ("economy", "fiscal", "investment", "consumption", "income", "industry", "energy",
              "agriculture", "environment", "employment", "education", "health", "infrastructure",
              "governance", "tourism", "technology", "trade", "finance", "housing", "welfare", "culture",
              "transport")

QUALIFIER_SYMBOLS = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤", "above": ">", "below": "<"}

FACT_REQUIRED = ("id", "region", "indicator", "source", "period", "kind", "measure", "value", "unit",
                 "qualifier", "aspirational", "evidence")
FACT_OPTIONAL = ("basis", "rank_of", "value_high", "scope", "note")
FACT_FIELDS = FACT_REQUIRED + FACT_OPTIONAL
EXPORT_FIELDS = (*FACT_FIELDS, "source_file", "value_base", "base_unit")
REGION_REQUIRED = ("id", "name_zh", "name_en", "level", "aliases")
INDICATOR_REQUIRED = ("id", "name_zh", "name_en", "aliases", "category")
SOURCE_REQUIRED = ("id", "file", "sha256", "title_zh", "title_en", "region", "date", "kind")
REQUIRED = {"facts": FACT_REQUIRED, "regions": REGION_REQUIRED, "indicators": INDICATOR_REQUIRED,
            "sources": SOURCE_REQUIRED}

PERIOD = re.compile(r"(\d{4})(?:-(\d{4}))?")
TOPIC = re.compile(r"[^/\s][^/]*/[^/\s][^/]*")  # "中文/english"
EVIDENCE_LENGTH = (6, 60)

Record = dict[str, Any]


def period_span(period: str) -> tuple[int, int]:
    """'2024' -> (2024, 2024); '2021-2025' -> (2021, 2025)."""
    match = PERIOD.fullmatch(period)
    if not match:
        raise ValueError(f"invalid period {period!r} (expected YYYY or YYYY-YYYY)")
    start = int(match.group(1))
    return start, int(match.group(2) or start)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def fact_problems(fact: Record, *, regions: Iterable[str], indicators: Iterable[str],
                  sources: Iterable[str]) -> list[str]:
    """Everything wrong with one fact that can be seen without its source text."""
    from factcli.numerals import printed_in
    from factcli.units import UNITS

    problems = [f"missing field {name!r}" for name in FACT_REQUIRED if fact.get(name) in (None, "")
                and not (name == "aspirational" and fact.get(name) is False)]
    unknown = sorted(set(fact) - set(FACT_FIELDS))
    if unknown:
        problems.append(f"unknown field(s) {', '.join(unknown)}")
    for name, allowed in (("kind", KINDS), ("measure", MEASURES), ("qualifier", QUALIFIERS)):
        if fact.get(name) is not None and fact[name] not in allowed:
            problems.append(f"{name} {fact[name]!r} is not one of {', '.join(allowed)}")
    spans = "-" in str(fact.get("period", ""))
    if fact.get("measure") in ("level", "count") and spans:
        if fact.get("basis") not in SPAN_BASES:
            problems.append(f"a {fact['measure']} over a span needs basis {' or '.join(SPAN_BASES)}")
    elif fact.get("basis") is not None:
        if fact.get("measure") != "growth":
            problems.append("basis is for growth facts and for levels and counts over a span only")
        elif fact["basis"] not in BASES:
            problems.append(f"basis {fact['basis']!r} is not one of {', '.join(BASES)}")
    if fact.get("measure") == "rank" and fact.get("rank_of") not in RANK_OF:
        problems.append(f"a rank fact needs rank_of {', '.join(RANK_OF)}")
    elif fact.get("measure") != "rank" and fact.get("rank_of") is not None:
        problems.append("rank_of is for rank facts only")
    for name, known in (("region", regions), ("indicator", indicators), ("source", sources)):
        if fact.get(name) is not None and fact[name] not in known:
            problems.append(f"{name} {fact[name]!r} does not exist")
    if fact.get("period") is not None:
        try:
            start, end = period_span(str(fact["period"]))
            if end < start:
                problems.append(f"period {fact['period']!r} ends before it starts")
        except ValueError as err:
            problems.append(str(err))
    if fact.get("value") is not None and not is_number(fact["value"]):
        problems.append(f"value {fact['value']!r} is not a number")
    if fact.get("value_high") is not None:
        if not is_number(fact["value_high"]):
            problems.append(f"value_high {fact['value_high']!r} is not a number")
        elif is_number(fact.get("value")) and fact["value_high"] < fact["value"]:
            problems.append("value_high is below value")
    if fact.get("unit") is not None and fact["unit"] not in UNITS:
        problems.append(f"unknown unit {fact['unit']!r}")
    if fact.get("measure") == "rank" and fact.get("unit") != "rank":
        problems.append("a rank fact takes unit 'rank'")
    if fact.get("aspirational") is not None and not isinstance(fact["aspirational"], bool):
        problems.append("aspirational must be true or false")
    evidence = fact.get("evidence")
    if isinstance(evidence, str):
        if not EVIDENCE_LENGTH[0] <= len(evidence) <= EVIDENCE_LENGTH[1]:
            problems.append(f"evidence is {len(evidence)} characters (allowed {EVIDENCE_LENGTH[0]}–"
                            f"{EVIDENCE_LENGTH[1]})")
        for name in ("value", "value_high"):
            if is_number(fact.get(name)) and not printed_in(fact[name], evidence):
                problems.append(f"{name} {fact[name]} is not printed in the evidence")
    return problems


def evidence_problems(fact: Record, text: str) -> list[str]:
    """Is the evidence verbatim in its source text?"""
    evidence = fact.get("evidence") or ""
    return [] if evidence in text else ["evidence not found verbatim in the source"]
