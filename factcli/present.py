"""How facts read to people: the value as printed with its hedges, names in the chosen language,
the cells a tracked target or a change adds to its row, a citation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcli.model import QUALIFIER_SYMBOLS, Record
from factcli.numerals import format_number

if TYPE_CHECKING:
    from factcli.diff import Change
    from factcli.track import Tracked

BASIS_LABELS = {"en": {"cumulative": "over period", "annual_avg": "per year avg"},
                "zh": {"cumulative": "累计", "annual_avg": "年均"}}
KIND_LABELS = {"en": {"actual": "actual", "estimate": "estimate", "target": "target"},
               "zh": {"actual": "实际", "estimate": "预计", "target": "目标"}}
STRIVE = {"en": "strive", "zh": "力争"}


def shown_value(fact: Record, lang: str = "en") -> str:
    """'≥ 460 亿元', '> 500 亿元 (strive)', '+5.9% over period', '#2'."""
    value = format_number(fact["value"])
    if fact.get("value_high") is not None:
        value += "–" + format_number(fact["value_high"])
    unit = fact["unit"]
    if fact["measure"] == "rank":
        text = f"第{value}" if lang == "zh" else f"#{value}"
    elif fact["measure"] == "growth":
        sign = "+" if fact["value"] > 0 and unit in ("%", "百分点") else ""
        text = f"{sign}{value}{unit}" if unit == "%" else f"{sign}{value} {unit}"
        basis = BASIS_LABELS[lang].get(fact.get("basis") or "")
        if basis:
            text += f" {basis}"
    else:
        text = f"{value}{unit}" if unit in ("%", "成") else f"{value} {unit}"
    symbol = QUALIFIER_SYMBOLS.get(fact.get("qualifier") or "exact", "")
    if symbol:
        text = f"{symbol} {text}"
    if fact.get("aspirational"):
        text += f" ({STRIVE[lang]})"
    return text


def name(record: Record | None, lang: str, fallback: str = "") -> str:
    if record is None:
        return fallback
    return str(record.get("name_zh" if lang == "zh" else "name_en") or record["id"])


class Names:
    """Display names of regions and indicators, by id, in one language."""

    def __init__(self, regions: list[Record], indicators: list[Record], lang: str) -> None:
        self.lang = lang
        self.regions = {r["id"]: r for r in regions}
        self.indicators = {i["id"]: i for i in indicators}

    def region(self, rid: str) -> str:
        return name(self.regions.get(rid), self.lang, rid)

    def indicator(self, iid: str) -> str:
        return name(self.indicators.get(iid), self.lang, iid)


def fact_row(fact: Record, names: Names) -> Record:
    """A fact with every stored field plus what a person reads."""
    row = dict(fact)
    row.update(region_name=names.region(fact["region"]), indicator_name=names.indicator(fact["indicator"]),
               shown=shown_value(fact, names.lang),
               kind_label=KIND_LABELS[names.lang][fact["kind"]])
    return row


def grouped_rows(facts: list[Record], names: Names) -> list[Record]:
    """One row per indicator, period, kind, source and scope: the level beside its growth and rank."""
    groups: dict[tuple[str, ...], Record] = {}
    first: dict[tuple[str, ...], tuple[str, ...]] = {}
    for fact in facts:
        base = (fact["region"], fact["indicator"], fact["period"], fact["kind"], fact["source"])
        slot = {"growth": "growth", "rank": "rank"}.get(fact["measure"], "value")
        # a growth or rank joins the first row of its figure; levels of different scopes stay apart
        key = (*base, fact.get("scope") or "") if slot == "value" else first.get(base, (*base, ""))
        first.setdefault(base, key)
        row = groups.get(key)
        if row is None:
            row = groups[key] = {"region_name": names.region(fact["region"]),
                                 "indicator_name": names.indicator(fact["indicator"]),
                                 "period": fact["period"], "kind_label": KIND_LABELS[names.lang][fact["kind"]],
                                 "source": fact["source"], "scope": fact.get("scope") or "",
                                 "value": [], "growth": [], "rank": [], "ids": []}
        row[slot].append(shown_value(fact, names.lang))
        row["ids"].append(fact["id"])
    for row in groups.values():
        for slot in ("value", "growth", "rank"):
            row[slot] = "; ".join(row[slot])
    return list(groups.values())


def citation(fact: Record, source: Record, names: Names) -> Record:
    """A full citation: the fact as read, the document, and the verbatim excerpt."""
    title = source.get("title_zh") if names.lang == "zh" else source.get("title_en")
    issuer = source.get("publisher") or source.get("author") or names.region(source["region"])
    lines = [
        f"{names.region(fact['region'])} · {names.indicator(fact['indicator'])} · {fact['period']} "
        f"({KIND_LABELS[names.lang][fact['kind']]}, {fact['measure']}): {shown_value(fact, names.lang)}",
        f"Source: {title} ({source.get('title_zh')})" if names.lang == "en" else f"来源：{title}",
        f"Date: {source.get('date')}; issued by: {issuer}; file: {source.get('file')}",
        f"Excerpt: “{fact['evidence']}”",
    ]
    if fact.get("scope"):
        lines.append(f"Scope: {fact['scope']}")
    if fact.get("note"):
        lines.append(f"Note: {fact['note']}")
    lines.append(f"Fact id: {fact['id']}")
    from factcli.render import clean

    return {"id": fact["id"], "value": fact["value"], "unit": fact["unit"], "shown": shown_value(fact, names.lang),
            "title": title, "date": source.get("date"), "issuer": issuer, "source": source["id"],
            "source_file": source.get("file"), "evidence": fact["evidence"],
            "text": "\n".join(clean(line) for line in lines)}


def footnote_sources(rows: list[Record], sources: dict[str, Record], lang: str) -> str:
    """Replace each row's source id by a short [n] key; return the legend that resolves the keys."""
    keys: dict[str, str] = {}
    for row in rows:
        sid = row.get("source")
        if sid:
            row["source"] = keys.setdefault(sid, f"[{len(keys) + 1}]")
    legend = []
    for sid, key in keys.items():
        source = sources.get(sid, {})
        title = source.get("title_zh" if lang == "zh" else "title_en") or ""
        legend.append(f"{key} {sid} ({source.get('date', '')}): {title}")
    return "\n".join(legend)


def percent(value: float | None, signed: bool = True) -> str:
    if value is None:
        return ""
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    text = ("+" if value > 0 else "") + format_number(value)
    return f"{text} {unit}".strip()


def track_cells(item: Tracked, names: Names) -> Record:
    """What a tracked target adds to its row: the outcome, the gap, the rates and the status."""
    outcome = item.outcome
    return {
        "status": item.status,
        "outcome_id": outcome["id"] if outcome else None,
        "outcome_period": outcome["period"] if outcome else None,
        "outcome_kind": outcome["kind"] if outcome else None,
        "outcome_value": outcome["value"] if outcome else None,
        "outcome_unit": outcome["unit"] if outcome else None,
        "outcome_qualifier": outcome["qualifier"] if outcome else None,
        "outcome_shown": f"{shown_value(outcome, names.lang)} ({outcome['period']} "
                         f"{KIND_LABELS[names.lang][outcome['kind']]})"
        if outcome else "",
        "gap": item.gap, "gap_unit": item.gap_unit or None, "gap_percent": item.gap_percent,
        "gap_shown": "; ".join(x for x in (number(item.gap, item.gap_unit), percent(item.gap_percent)) if x),
        "required_rate": item.required_rate, "achieved_rate": item.achieved_rate,
        "status_shown": " ".join(x for x in (STATUS_LABELS[names.lang][item.status], rates(item, names.lang)) if x),
    }


STATUS_LABELS = {
    "en": {"met": "met", "met_early": "met early", "missed": "missed", "on_track": "on track", "behind": "behind",
           "not_yet_due": "not yet due", "no_outcome": "no outcome"},
    "zh": {"met": "已完成", "met_early": "提前完成", "missed": "未完成", "on_track": "进度正常", "behind": "进度落后",
           "not_yet_due": "未到期", "no_outcome": "暂无实际"},
}


RATE_WORDS = {"en": ("need {}/yr", "did {}"), "zh": ("需年均{}", "实际{}")}


def rates(item: Tracked, lang: str = "en") -> str:
    """'(need +12.0%/yr, did +5.0%)': the compound rate a target needs beside the rate achieved."""
    need, did = RATE_WORDS[lang]
    parts = []
    if item.required_rate is not None:
        parts.append(need.format(percent(item.required_rate)))
    if item.achieved_rate is not None:
        parts.append(did.format(percent(item.achieved_rate)))
    return f"({', '.join(parts)})" if parts else ""


def change_row(change: Change, names: Names, region: str, indicator: str) -> Record:
    """A diff between two periods: machine values and what a person reads."""
    reported = "; ".join(f"{shown_value(f, names.lang)} ({f['source']})" for f in change.reported)
    approx = "≈ " if change.hedged else ""
    return {
        "region": region, "indicator": indicator, "indicator_name": names.indicator(indicator),
        "measure": change.measure, "scope": change.scope or None,
        "from_period": change.start.period, "to_period": change.end.period, "years": change.years,
        "from_value": change.start.fact["value"], "from_unit": change.start.fact["unit"],
        "from_qualifier": change.start.fact["qualifier"], "to_value": change.end.fact["value"],
        "to_unit": change.end.fact["unit"], "to_qualifier": change.end.fact["qualifier"],
        "change": change.change, "change_unit": change.unit, "percent": change.percent,
        "annual_rate": change.annual_rate, "hedged": change.hedged,
        "reported_growth": [f["value"] for f in change.reported],
        "reported_ids": [f["id"] for f in change.reported],
        "from_shown": shown_value(change.start.fact, names.lang), "to_shown": shown_value(change.end.fact, names.lang),
        "change_shown": approx + number(change.change, change.unit),
        "percent_shown": approx + percent(change.percent) if change.percent is not None else "",
        "annual_shown": approx + percent(change.annual_rate) + "/yr" if change.annual_rate is not None else "",
        "reported_shown": reported,
    }
