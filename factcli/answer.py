"""One answer for `get`, and how its caveats read.

An answer is the fact chosen plus the other printings of the same figure. stdout carries only the bare
value; everything that changes what the value means (a hedge, an estimate, a span, a scope, a strive
target, the curator's note) is said here, in one line, so a person reading stderr learns what the
source says and no more.
"""

from __future__ import annotations

import re

from factcli.model import Record, period_span
from factcli.numerals import format_number, printed_in

HEDGES = {"approx": "about", "at_least": "at least", "at_most": "at most", "above": "above", "below": "below"}
RANK_OF = {"level": "rank by size", "growth": "growth-rate rank", "share": "rank by share"}
# clauses of an excerpt; a pattern string, compiled on the first note rather than at every start-up
CLAUSES = r"[，。；;,:：]"


class Answer:
    """The fact `get` answers with, and the facts that print the same figure less precisely or alike
    but differently (32 亿方 beside 31.7 亿立方米)."""

    __slots__ = ("also", "fact")

    def __init__(self, fact: Record, also: list[Record] | None = None) -> None:
        self.fact, self.also = fact, also or []


def reading(fact: Record) -> str:
    """The value in words as printed: 'above 500 亿元', 'about 5%', '1–2 条', '3' (a rank)."""
    text = format_number(fact["value"])
    if fact.get("value_high") is not None:
        text += "–" + format_number(fact["value_high"])
    unit = fact["unit"]
    if unit != "rank":
        text += unit if unit in ("%", "成") else f" {unit}"
    hedge = HEDGES.get(fact.get("qualifier") or "exact")
    return f"{hedge} {text}" if hedge else text


def span_meaning(fact: Record) -> str:
    """What a figure for a span is: a yearly average, a total, growth over the whole span."""
    start, end = period_span(fact["period"])
    basis = fact.get("basis")
    if fact["measure"] == "growth":
        if basis == "cumulative":
            return f"growth over the whole of {fact['period']}"
        if basis == "annual_avg":
            return f"average growth per year over {fact['period']}"
        return f"growth over {fact['period']}" if start != end else ""
    if start == end:
        return ""
    if basis == "annual_avg":
        return f"a yearly average over {fact['period']}"
    if basis == "cumulative":
        return f"a total over {fact['period']}"
    return f"for {fact['period']} as a whole (per year or in total not recorded)"


def kind_words(fact: Record, asked_kind: str | None = None) -> str:
    """'an estimate', 'a strive target' (力争), 'a target' unless targets were asked for."""
    if fact.get("aspirational"):
        return "a strive target"
    if fact["kind"] == "estimate":
        return "an estimate"
    if fact["kind"] == "target" and asked_kind != "target":
        return "a target"
    return ""


def excerpt(fact: Record) -> str:
    """The clause of the evidence that prints the value: 预计突破500亿元 rather than the whole sentence."""
    text = re.sub(r"\s*[\r\n]+\s*", "", fact.get("evidence") or "")
    clause = next((c.strip() for c in re.split(CLAUSES, text) if printed_in(fact["value"], c)), text)
    return clause


def caveat(fact: Record, asked_kind: str | None = None) -> str:
    """Everything that changes what the bare value means, in one line; '' when it means just itself."""
    parts = [reading(fact)] if fact.get("qualifier") not in (None, "exact") or fact.get("value_high") is not None \
        else []
    parts += [kind_words(fact, asked_kind), span_meaning(fact)]
    if fact["measure"] == "rank" and fact.get("rank_of") in ("growth", "share"):
        parts.append(RANK_OF[fact["rank_of"]])
    if fact.get("scope"):
        parts.append(f"scope: {fact['scope']}")
    text = ", ".join(p for p in parts if p)
    if text:
        text += f" ({excerpt(fact)})"
    if fact.get("note"):  # printed through render.clean with the rest of the line
        text = f"{text} — {fact['note']}" if text else fact["note"]
    return text


def notes(answer: Answer, asked_kind: str | None = None) -> list[str]:
    """The lines `get` says on stderr after 'factcli: note: ': the caveat, then the other printings."""
    lines = [caveat(answer.fact, asked_kind)]
    if answer.also:
        lines.append("also printed as " + ", ".join(f"{reading(f)} ({f['id']})" for f in answer.also))
    return [line for line in lines if line]


def describe(fact: Record) -> str:
    """A fact in a refusal's list of what exists: 'rank 3 (growth-rate rank)', 'growth about 5% (estimate)'."""
    tags = [fact["kind"] if fact["kind"] != "actual" else "", "strive" if fact.get("aspirational") else "",
            RANK_OF.get(fact.get("rank_of") or "", "") if fact["measure"] == "rank" else "", span_meaning(fact),
            fact.get("scope") or ""]
    shown = ", ".join(t for t in tags if t)
    return f"{fact['measure']} {reading(fact)}" + (f" ({shown})" if shown else "")
