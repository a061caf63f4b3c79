"""`factcli check`: the store's own consistency, beyond what `verify` can see in a single record.

Each finding is an error (the store is wrong somewhere) or a warning (a careful reader should know).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from factcli.diff import outcomes
from factcli.model import Record, period_span
from factcli.numerals import format_number, precision
from factcli.units import lookup, to_base

JUMP_FACTOR = 10.0  # a series that moves tenfold between consecutive years has probably slipped a unit
GROWTH_SLACK = 1.0  # points by which a stated growth may differ from its levels (real vs nominal, rounding)
LEVELS_RANK = {"province": 0, "prefecture_city": 1, "county_city": 2, "county": 2, "district": 2}
# Words that change how a scope reads, not what it covers ("rank in Shanxi" = "rank within Shanxi").
SCOPE_FILLER = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "within", "among",
                          "and", "or", "resident"})
SCOPE_FILLER_ZH = ("居民", "的")
GLOSS = re.compile(r"[(（][^)）]*[)）]")
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Finding:
    severity: str
    check: str
    facts: tuple[str, ...]
    message: str
    zh: str = ""  # the message for Chinese readers

    def as_row(self, lang: str = "en") -> Record:
        message = self.zh if lang == "zh" and self.zh else self.message
        return {"severity": self.severity, "check": self.check, "facts": list(self.facts), "message": message}


def conflicting_values(facts: list[Record]) -> list[Finding]:
    """One figure quoted with different values by different documents."""
    groups: dict[tuple[Any, ...], list[Record]] = defaultdict(list)
    for fact in facts:
        groups[(fact["region"], fact["indicator"], fact["period"], fact["kind"], fact["measure"],
                lookup(fact["unit"]).dimension)].append(fact)
    findings = []
    for members in groups.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a["source"] == b["source"]:
                    continue
                va, vb = to_base(a["value"], a["unit"]), to_base(b["value"], b["unit"])
                if va == vb:
                    continue
                slack = max(precision(a["value"]) * lookup(a["unit"]).factor,
                            precision(b["value"]) * lookup(b["unit"]).factor)
                hedged = "approx" in (a["qualifier"], b["qualifier"])
                label = (f"{a['region']} {a['indicator']} {a['period']} {a['measure']}: "
                         f"{format_number(a['value'])} {a['unit']} ({a['source']}) vs "
                         f"{format_number(b['value'])} {b['unit']} ({b['source']})")
                if abs(va - vb) <= slack or (hedged and abs(va - vb) <= max(abs(va), abs(vb)) * 0.05):
                    findings.append(Finding("warning", "rounding", (a["id"], b["id"]),
                                            f"{label}: within the printed precision", f"{label}：在印出精度之内"))
                elif (a.get("scope") or "") != (b.get("scope") or ""):
                    findings.append(Finding("warning", "different_values", (a["id"], b["id"]),
                                            f"{label}: scopes differ", f"{label}：范围不同"))
                else:
                    findings.append(Finding("error", "different_values", (a["id"], b["id"]),
                                            f"{label}: beyond rounding", f"{label}：超出四舍五入"))
    return findings


def growth_against_levels(facts: list[Record]) -> list[Finding]:
    """A stated yoy growth that the two levels around it contradict."""
    findings = []
    by_series: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for fact in facts:
        by_series[(fact["region"], fact["indicator"])].append(fact)
    for members in by_series.values():
        levels = {p.period: p for p in outcomes(f for f in members if f["measure"] == "level"
                                                and not f.get("scope"))}
        for growth in members:
            if growth["measure"] != "growth" or growth["kind"] == "target" or growth.get("scope") \
                    or (growth.get("basis") or "yoy") != "yoy" or growth["unit"] != "%":
                continue
            year = period_span(growth["period"])[1]
            before, after = levels.get(str(year - 1)), levels.get(str(year))
            if not before or not after or before.base_value <= 0:
                continue
            computed = (after.base_value / before.base_value - 1) * 100
            if abs(computed - growth["value"]) > GROWTH_SLACK + precision(growth["value"]):
                findings.append(Finding(
                    "warning", "growth_vs_levels", (growth["id"], before.fact["id"], after.fact["id"]),
                    f"{growth['region']} {growth['indicator']} {year}: stated growth "
                    f"{format_number(growth['value'])}% but the levels give {computed:.1f}% (stated rates may be "
                    "in comparable prices)",
                    f"{growth['region']} {growth['indicator']} {year}：报告增速{format_number(growth['value'])}%，"
                    f"按总量计算为{computed:.1f}%（报告增速可能按可比价计算）"))
    return findings


def magnitude_jumps(facts: list[Record]) -> list[Finding]:
    findings = []
    groups: dict[tuple[Any, ...], list[Record]] = defaultdict(list)
    for fact in facts:
        if fact["measure"] in ("level", "count"):
            groups[(fact["region"], fact["indicator"], fact["measure"], fact.get("scope") or "",
                    lookup(fact["unit"]).dimension)].append(fact)
    for members in groups.values():
        points = outcomes(members)
        for a, b in itertools.pairwise(points):
            if a.base_value > 0 and b.base_value > 0:
                ratio = b.base_value / a.base_value
                if ratio > JUMP_FACTOR or ratio < 1 / JUMP_FACTOR:
                    findings.append(Finding("error", "magnitude_jump", (a.fact["id"], b.fact["id"]),
                                            f"{a.fact['region']} {a.fact['indicator']}: {a.period} → {b.period} "
                                            f"changes {ratio:.3g}× (unit slip?)",
                                            f"{a.fact['region']} {a.fact['indicator']}：{a.period} → {b.period} "
                                            f"变化{ratio:.3g}倍（单位有误？）"))
    return findings


def county_above_prefecture(facts: list[Record], regions: list[Record]) -> list[Finding]:
    parent = {r["id"]: r.get("parent") for r in regions}
    level = {r["id"]: LEVELS_RANK.get(r.get("level", ""), 9) for r in regions}
    index: dict[tuple[Any, ...], list[Record]] = defaultdict(list)
    for fact in facts:
        if fact["measure"] == "level" and not fact.get("scope"):
            index[(fact["region"], fact["indicator"], fact["period"], fact["kind"])].append(fact)
    findings = []
    for (region, indicator, period, kind), members in index.items():
        up = parent.get(region)
        if not up or level.get(up, 9) >= level.get(region, 9):
            continue
        for child in members:
            for whole in index.get((up, indicator, period, kind), []):
                if lookup(child["unit"]).dimension != lookup(whole["unit"]).dimension:
                    continue
                if to_base(child["value"], child["unit"]) > to_base(whole["value"], whole["unit"]):
                    findings.append(Finding("error", "part_above_whole", (child["id"], whole["id"]),
                                            f"{region} {indicator} {period}: {format_number(child['value'])} "
                                            f"{child['unit']} exceeds {up}'s {format_number(whole['value'])} "
                                            f"{whole['unit']}",
                                            f"{region} {indicator} {period}：{format_number(child['value'])}"
                                            f"{child['unit']}超过{up}的{format_number(whole['value'])}"
                                            f"{whole['unit']}"))
    return findings


def mixed_units(facts: list[Record]) -> list[Finding]:
    groups: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for fact in facts:
        groups[(fact["indicator"], fact["measure"])].append(fact)
    findings = []
    for (indicator, measure), members in sorted(groups.items()):
        dimensions = defaultdict(list)
        for fact in members:
            dimensions[lookup(fact["unit"]).dimension].append(fact["id"])
        if {"percent", "points"} <= set(dimensions):
            findings.append(Finding("warning", "percent_and_points", tuple(dimensions["points"]),
                                    f"{indicator} {measure}: % mixed with 百分点",
                                    f"{indicator} {measure}：% 与百分点混用"))
        others = set(dimensions) - {"percent", "points"}
        if len(others) > 1 or (others and {"percent", "points"} & set(dimensions)):
            ids = tuple(i for d in sorted(dimensions) for i in dimensions[d])
            findings.append(Finding("error", "mixed_dimensions", ids,
                                    f"{indicator} {measure}: units of {', '.join(sorted(dimensions))}",
                                    f"{indicator} {measure}：单位量纲不一（{'、'.join(sorted(dimensions))}）"))
    return findings


def periods_against_documents(facts: list[Record], sources: list[Record]) -> list[Finding]:
    """An outcome cannot be for a year after its document; a target long past its document is suspect."""
    years = {s["id"]: int(str(s.get("date", ""))[:4]) for s in sources if str(s.get("date", ""))[:4].isdigit()}
    findings = []
    for fact in facts:
        year = years.get(fact["source"])
        if year is None:
            continue
        start, end = period_span(fact["period"])
        if fact["kind"] != "target" and start > year:
            findings.append(Finding("error", "outcome_after_document", (fact["id"],),
                                    f"{fact['id']}: an {fact['kind']} for {fact['period']} in a document of {year}",
                                    f"{fact['id']}：{year}年的文件中有{fact['period']}年的实际数（{fact['kind']}）"))
        elif fact["kind"] == "target" and end < year - 1:
            findings.append(Finding("warning", "target_before_document", (fact["id"],),
                                    f"{fact['id']}: a target for {fact['period']} in a document of {year}",
                                    f"{fact['id']}：{year}年的文件中有{fact['period']}年的目标"))
    return findings


def stem(word: str) -> str:
    """Singular of a plural, enough to make "counties" and "county" one word."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def scope_words(scope: str, indicator: Record | None = None) -> frozenset[str]:
    """What a scope says, apart from its wording: its words without case, punctuation, plurals, filler, the
    Chinese gloss in parentheses (unless the scope is only Chinese) and the indicator's own name (a Chinese word
    that is part of the indicator's Chinese name or aliases)."""
    text = scope.casefold().replace("'s", "").replace("’s", "")
    outer = GLOSS.sub(" ", text)
    if not WORD.search(outer):
        outer = text
    names = [] if indicator is None else [indicator.get("name_zh", ""), indicator.get("name_en", ""),
                                          *indicator.get("aliases", [])]
    named_zh = [n.casefold() for n in names if n and not n.isascii()]
    named_en = {stem(w) for n in names if n.isascii() for w in WORD.findall(n.casefold())}
    words: set[str] = set()
    for word in map(stem, WORD.findall(outer)):
        if not word.isascii():
            for filler in SCOPE_FILLER_ZH:
                word = word.replace(filler, "")
            if not word or any(word in name for name in named_zh):
                continue
        if word not in SCOPE_FILLER and word not in named_en:
            words.add(word)
    return frozenset(words)


def scope_wording(facts: list[Record], indicators: Iterable[Record]) -> list[Finding]:
    """Facts of one indicator whose scopes say the same thing in different words: diff and track then fail to
    pair them. A scope that only repeats the indicator's name says the same as no scope."""
    named = {i["id"]: i for i in indicators}
    groups: dict[tuple[str, frozenset[str]], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        scope = fact.get("scope") or ""
        words = scope_words(scope, named.get(fact["indicator"]))
        groups[(fact["indicator"], words)][scope].append(fact["id"])
    findings = []
    for (indicator, _), scopes in sorted(groups.items(), key=lambda item: item[0][0]):
        if len(scopes) > 1:
            wordings = " / ".join(repr(s) if s else "(no scope)" for s in sorted(scopes))
            findings.append(Finding("warning", "scope_wording", tuple(i for s in sorted(scopes) for i in scopes[s]),
                                    f"{indicator}: scopes differ only in wording: {wordings}",
                                    f"{indicator}：范围仅措辞不同：{wordings}"))
    return findings


def check(facts: list[Record], regions: Iterable[Record], sources: Iterable[Record] = (),
          indicators: Iterable[Record] = ()) -> list[Finding]:
    """Every finding, errors first."""
    findings = (conflicting_values(facts) + growth_against_levels(facts) + magnitude_jumps(facts)
                + county_above_prefecture(facts, list(regions)) + mixed_units(facts)
                + periods_against_documents(facts, list(sources)) + scope_wording(facts, indicators))
    return sorted(findings, key=lambda f: (f.severity != "error", f.check, f.facts))
