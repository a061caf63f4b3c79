"""Candidate figures in a document's text, with guesses a curator reviews before `import`.

The guesses are rules a careful reader applies: the nearest known indicator alias before the number,
预计 for estimates, 力争/确保/今年 for targets, 左右/以上/突破 for the hedge, 去年/今年/十四五 for the
period. `evaluate` measures them against facts already curated by hand.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from typing import Any

from factcli.numerals import chinese_to_int
from factcli.units import UNITS

Record = dict[str, Any]
FIELDS = ("number", "value", "unit", "measure", "indicator", "kind", "qualifier", "aspirational", "period",
          "region", "source", "evidence", "context", "offset", "stored")

_UNIT_NAMES = sorted((u for u in UNITS if u != "rank"), key=len, reverse=True)
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(个百分点|" + "|".join(map(re.escape, _UNIT_NAMES)) + r")?")
# a rank is a position somewhere (全省第二, 居第三); a bare 第一 is mostly an idiom (第一时间, 第一责任人)
_RANK = re.compile(r"(?:省|全市|全国|全区|居|列|排名|吕梁|晋中|平原|县|、)\s*第\s*([一二三四五六七八九十]+|\d+)")
_TOP = re.compile(r"(?:省|市|国|居)\s*前\s*([一二三四五六七八九十]+|\d+)")  # 居全省前三: rank 3 at most
# counts written in Chinese numerals (九项, 三成); only classifiers of things, since 三年, 七方面, 二十届
# and the like are phrases, not figures
_CHINESE_COUNT = re.compile(r"(?<![一二三四五六七八九十百千两])([二三四五六七八九十两][一二三四五六七八九十百千]*)"
                            r"(个|家|户|所|件|座|套|条|项|场|处|台|辆|张|批|株|栋|村|镇|类|成)")
_QUOTED = re.compile(r"[“\"][^”\"]{0,12}[”\"]")
_CLAUSE_END = re.compile(r"[。；;！!？?\n]")
_ESTIMATE = ("预计", "初步", "有望")
_TARGET = ("力争", "确保", "预期目标", "目标", "今年", "年内", "计划", "争取", "要", "将", "推动", "加快", "新建")
_ASPIRATIONAL = ("力争", "争取")
_AFTER = (("以上", "at_least"), ("左右", "approx"), ("以内", "at_most"), ("以下", "at_most"), ("多", "above"),
          ("余", "above"))
_BEFORE = (("不低于", "at_least"), ("不少于", "at_least"), ("控制在", "at_most"), ("不超过", "at_most"),
           ("突破", "above"), ("超过", "above"), ("跨上", "above"), ("超", "above"), ("约", "approx"),
           ("接近", "approx"), ("近", "approx"))
_GROWTH_WORDS = ("增长", "增速", "提高", "下降", "降低", "减少", "增加", "上涨")


@functools.lru_cache(maxsize=1)
def clause_ends(text: str) -> list[int]:
    """Where each clause of the text ends (just after its mark), found once per text: scanning the text
    from its start for every number made extract quadratic in the length of the text."""
    return [m.end() for m in _CLAUSE_END.finditer(text)]


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence or clause holding text[start:end]."""
    ends = clause_ends(text)
    before = bisect.bisect_right(ends, start)
    after = bisect.bisect_left(ends, end + 1)  # the first mark at or after `end`
    return ends[before - 1] if before else 0, ends[after] - 1 if after < len(ends) else len(text)


def is_noise(text: str, start: int, end: int, unit: str | None) -> bool:
    """Years, dates, ordinals, list labels and names like 5G or PM2.5."""
    after = text[end:end + 2]
    token = text[start:end]
    if not unit and re.match(r"\s*(年|月|日|时|届|号|周年)", text[end:end + 3]):
        return True
    if unit == "年" and len(token) == 4:
        return True
    if text[max(0, start - 2):start].endswith(("PM", "第")) or after[:1] in ("G", "A", "K", "k"):
        return True
    if start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        return True  # part of a name such as ad1, G5
    if token == "12345" or any(m.start() < start < m.end() for m in _QUOTED.finditer(text, max(0, start - 13),
                                                                                      end + 13)):
        return True  # the 12345 hotline; programme names in quotes (“民营经济 16条”)
    line_start = text.rfind("\n", 0, start) + 1
    if not unit and text[line_start:start].strip() == "" and len(token) == 1:
        return True
    return text[start - 1:start] in ("“", '"') or after[:1] in ("”", '"')


def guess_indicator(text: str, start: int, aliases: list[tuple[str, str]]) -> str | None:
    """The indicator whose alias ends closest before the number, within its clause."""
    left, _ = clause_around(text, start, start)
    window = text[max(left, start - 40):start]
    best, best_pos = None, -1
    for alias, iid in aliases:
        pos = window.rfind(alias)
        if pos >= 0 and pos + len(alias) > best_pos:
            best, best_pos = iid, pos + len(alias)
    return best


def guess_period(clause: str, year: int, kind: str) -> str:
    """The period a figure is for, from the words of its clause and the document's year.

    Words naming a span (近三年, 十四五以来) bind only to the comma-delimited part they stand in.
    """
    part = re.split(r"[,，]", clause)[-1]
    if "近三年" in part:
        return f"{year - 3}-{year - 1}"
    if "年均" in part and ("十四五以来" in clause or "十四五”以来" in clause):
        return f"2021-{year - 1}"
    if "十四五末" in clause or "十四五”末" in clause:
        return "2025"
    if "十四五" in clause:
        return "2021-2025"
    if "十三五" in clause:
        return "2016-2020"
    if "五年来" in clause or "过去五年" in clause:
        return f"{year - 5}-{year - 1}"
    if "去年" in clause:
        return str(year - 1)
    explicit = re.findall(r"(20\d\d)\s*年", clause)
    if explicit:
        return explicit[-1]
    if kind == "target" or "今年" in clause or "年内" in clause:
        return str(year)
    return str(year - 1)


def guess_kind(clause: str) -> str:
    if any(word in clause for word in _ESTIMATE):
        return "estimate"
    if any(word in clause for word in _TARGET):
        return "target"
    return "actual"


def guess_qualifier(text: str, start: int, end: int) -> str:
    after = text[end:end + 3].lstrip()
    for word, qualifier in _AFTER:
        if after.startswith(word):
            return qualifier
    before = text[max(0, start - 4):start]
    for word, qualifier in _BEFORE:
        if before.endswith(word):
            return qualifier
    return "exact"


def guess_measure(unit: str | None, before: str) -> str:
    if unit in ("%", "百分点"):
        return "growth" if any(w in before[-8:] for w in _GROWTH_WORDS) else "share"
    if unit and UNITS[unit].dimension in ("count",):
        return "count"
    return "level"


def evidence_span(text: str, start: int, end: int, indicator_at: int | None) -> str:
    left, right = clause_around(text, start, end)
    begin = max(left, indicator_at if indicator_at is not None else start - 16, end - 60)
    finish = min(right, end + 2)
    return text[begin:finish]


def alias_table(indicators: Iterable[Record]) -> list[tuple[str, str]]:
    """Chinese aliases (two characters or more) of known indicators, longest first."""
    pairs = []
    for record in indicators:
        for alias in [record.get("name_zh", ""), *record.get("aliases", [])]:
            if len(alias) >= 2 and re.search(r"[\u4e00-\u9fff]", alias):
                pairs.append((alias, record["id"]))
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def extract(text: str, year: int, indicators: Iterable[Record], stored: list[Record], *,
            region: str | None = None, source: str | None = None) -> list[Record]:
    """Every candidate figure of the text, in reading order."""
    aliases = alias_table(indicators)
    spans = stored_spans(text, stored)
    found = []
    matches = [(m.start(1), m.end(1), m.group(1), m.group(2)) for m in _NUMBER.finditer(text)]
    matches += [(m.start(1), m.end(1), m.group(1), "rank") for m in _RANK.finditer(text)]
    matches += [(m.start(1), m.end(1), m.group(1), "rank") for m in _TOP.finditer(text)]
    matches += [(m.start(1), m.end(1), m.group(1), m.group(2)) for m in _CHINESE_COUNT.finditer(text)]
    for start, end, number, unit in sorted(matches, key=lambda m: m[:2]):
        if unit == "个百分点":
            unit = "百分点"
        if unit != "rank" and is_noise(text, start, end, unit):
            continue
        value = float(number) if number[0].isdigit() else float(chinese_to_int(number) or 0)
        left, _ = clause_around(text, start, end)
        kind = guess_kind(text[left:end + 4])
        indicator = guess_indicator(text, start, aliases)
        indicator_at = None
        if indicator:
            window_start = max(left, start - 40)
            hits = [text.rfind(a, window_start, start) for a, i in aliases if i == indicator]
            indicator_at = max(hits) if hits else None
        measure = "rank" if unit == "rank" else guess_measure(unit, text[left:start])
        found.append({
            "number": number, "value": int(value) if value.is_integer() else value, "unit": unit or "",
            "measure": measure, "indicator": indicator, "kind": kind,
            "qualifier": "at_most" if text[max(0, start - 2):start].rstrip().endswith("前")
            else guess_qualifier(text, start, end + len(unit or "")),
            "aspirational": any(w in text[left:start] for w in _ASPIRATIONAL),
            "period": guess_period(text[left:end], year, kind), "region": region, "source": source,
            "evidence": evidence_span(text, start, end + len(unit or ""), indicator_at),
            "context": text[max(0, start - 20):min(len(text), end + 12)],
            "offset": start,
            "stored": next((fid for s, e, fid in spans if s <= start and end <= e), None),
        })
    return found


def stored_spans(text: str, facts: Iterable[Record]) -> list[tuple[int, int, str]]:
    spans = []
    for fact in facts:
        evidence = fact.get("evidence") or ""
        at = text.find(evidence) if evidence else -1
        while at >= 0:
            spans.append((at, at + len(evidence), fact["id"]))
            at = text.find(evidence, at + 1)
    return spans


def evaluate(candidates: list[Record], facts: list[Record], text: str) -> dict[str, Any]:
    """How many curated facts extract proposes, and how often its guesses agree with the curator's."""
    proposed = 0
    agree = dict.fromkeys(("indicator", "kind", "qualifier", "period", "measure"), 0)
    for fact in facts:
        spans = [(s, e) for s, e, fid in stored_spans(text, [fact])]
        match = next((c for c in candidates for s, e in spans
                      if s <= c["offset"] < e and abs(abs(fact["value"]) - c["value"]) < 1e-9), None)
        if match is None:
            continue
        proposed += 1
        for name in agree:
            agree[name] += match[name] == fact[name]
    total = len(facts)
    report: dict[str, Any] = {
        "curated facts": total,
        "candidates": len(candidates),
        "curated facts proposed": f"{proposed} ({pct(proposed, total)})",
        "candidates not curated": sum(1 for c in candidates if not c["stored"]),
    }
    for name, hits in agree.items():
        report[f"{name} guessed right"] = f"{hits}/{proposed} ({pct(hits, proposed)})"
    return report


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"

