"""How facts read to people: the value as printed with its hedges, names in the chosen language,
the cells a tracked target or a change adds to its row, a citation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from factcli.model import CATEGORIES, QUALIFIER_SYMBOLS, SPAN_BASES, Record
from factcli.numerals import format_number

if TYPE_CHECKING:
    from factcli.diff import Change
    from factcli.track import Tracked

# a growth rate over a span: per year on average (/yr, as a tracked target's needed rate reads), or in all
BASIS_LABELS = {"en": {"cumulative": " over period", "annual_avg": "/yr"},
                "zh": {"cumulative": " 累计", "annual_avg": "/年"}}
KIND_LABELS = {"en": {"actual": "actual", "estimate": "estimate", "target": "target"},
               "zh": {"actual": "实际", "estimate": "预计", "target": "目标"}}
STRIVE = {"en": "strive", "zh": "力争"}
MEASURE_LABELS = {"en": {m: m for m in ("level", "growth", "share", "rank", "count")},
                  "zh": {"level": "总量", "growth": "增速", "share": "占比", "rank": "排名", "count": "数量"}}
CITE_LABELS = {
    "en": {"source": "Source: ", "date": "Date: ", "issuer": "issued by: ", "file": "file: ", "excerpt": "Excerpt: ",
           "scope": "Scope: ", "note": "Note: ", "id": "Fact id: "},
    "zh": {"source": "来源：", "date": "日期：", "issuer": "发布：", "file": "文件：", "excerpt": "原文：",
           "scope": "范围：", "note": "备注：", "id": "事实编号："},
}
# a level or count over a span is a yearly average or a total: the number alone does not say which
SPAN_LABELS = {"en": {"annual_avg": "/yr", "cumulative": " total"}, "zh": {"annual_avg": "/年", "cumulative": "累计"}}
RANK_OF = {"en": {"growth": " in growth", "share": " in share"}, "zh": {"growth": "（增速）", "share": "（占比）"}}
# the one place categories get their Chinese names; --category accepts either
CATEGORY_ZH = {"economy": "经济", "fiscal": "财政", "investment": "投资", "consumption": "消费", "income": "收入",
               "industry": "工业", "energy": "能源", "agriculture": "农业", "environment": "生态环境",
               "employment": "就业", "education": "教育", "health": "卫生健康", "infrastructure": "基础设施",
               "governance": "社会治理", "welfare": "民生保障", "technology": "科技", "tourism": "文旅",
               "housing": "住房", "trade": "商贸", "finance": "金融", "culture": "文化", "transport": "交通"}
LEVEL_LABELS = {"en": {"province": "province", "prefecture_city": "prefecture city", "county_city": "county city",
                       "county": "county", "district": "district"},
                "zh": {"province": "省", "prefecture_city": "地级市", "county_city": "县级市", "county": "县",
                       "district": "区"}}


def category_label(category: str, lang: str) -> str:
    return CATEGORY_ZH.get(category, category) if lang == "zh" else category


def category_names() -> dict[str, str]:
    """Every name a category is typed by (its id, its Chinese name), to its id."""
    return {**{c: c for c in CATEGORIES}, **{CATEGORY_ZH[c]: c for c in CATEGORIES if c in CATEGORY_ZH}}


def shown_value(fact: Record, lang: str = "en") -> str:
    """'≥ 460 亿元', '> 500 亿元 (strive)', '+5.9% over period', '#2'."""
    value = format_number(fact["value"])
    if fact.get("value_high") is not None:
        value += "–" + format_number(fact["value_high"])
    unit = fact["unit"]
    if fact["measure"] == "rank":
        # 前三 is "at most third": people say "top 3"
        if fact.get("qualifier") == "at_most":
            text = f"前{value}" if lang == "zh" else f"top {value}"
        else:
            text = f"第{value}" if lang == "zh" else f"#{value}"
        text += RANK_OF[lang].get(fact.get("rank_of") or "", "")
        if fact.get("aspirational"):
            text += f" ({STRIVE[lang]})"
        symbol = QUALIFIER_SYMBOLS.get(fact.get("qualifier") or "exact", "")
        return f"{symbol} {text}" if symbol and fact.get("qualifier") != "at_most" else text
    elif fact["measure"] == "growth":
        sign = "+" if fact["value"] > 0 and unit in ("%", "百分点") else ""
        text = f"{sign}{value}{unit}" if unit == "%" else f"{sign}{value} {unit}"
        text += BASIS_LABELS[lang].get(fact.get("basis") or "", "")
    else:
        text = f"{value}{unit}" if unit in ("%", "成") else f"{value} {unit}"
        span = SPAN_LABELS[lang].get(fact.get("basis") or "") if fact.get("basis") in SPAN_BASES else None
        if span == "累计":
            text = span + text
        elif span:
            text += span
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


def split_scope(scope: str) -> tuple[str, str]:
    """A scope's part that narrows the figure, and the population a rank is among ("among Shanxi's cities")."""
    parts = [p.strip() for p in scope.split(";") if p.strip()]
    among = [p for p in parts if p.startswith("among ")]
    return "; ".join(p for p in parts if p not in among), "; ".join(among)


def with_scope(name: str, scope: str) -> str:
    """'Tourism revenue — rural-tourism key villages': the scope read beside the indicator it narrows."""
    return f"{name} — {scope}" if scope else name


class NoteMarks:
    """A mark (*1, *2 …) on each fact that carries a curator's note; one mark per distinct note."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}

    def mark(self, fact: Record | None) -> str:
        note = (fact or {}).get("note")
        if not note:
            return ""
        return " " + self.keys.setdefault(note, f"*{len(self.keys) + 1}")

    def legend(self) -> list[str]:
        return [f"{key} {note}" for note, key in self.keys.items()]


def fact_row(fact: Record, names: Names) -> Record:
    """A fact with every stored field plus what a person reads."""
    row = dict(fact)
    name = names.indicator(fact["indicator"])
    row.update(region_name=names.region(fact["region"]), indicator_name=name,
               indicator_shown=with_scope(name, fact.get("scope") or ""),
               shown=shown_value(fact, names.lang),
               kind_label=KIND_LABELS[names.lang][fact["kind"]])
    return row


def grouped_rows(facts: list[Record], names: Names, marks: NoteMarks) -> list[Record]:
    """One row per indicator, period, kind, source and scope: the level beside its growth and rank.

    A growth or rank joins the row of the figure with the same scope (a rank's "among …" is its own,
    shown in its cell); one of another scope gets a row of its own, so no cell speaks for a part it
    does not cover."""
    groups: dict[tuple[str, ...], Record] = {}
    for fact in facts:
        figure, among = split_scope(fact.get("scope") or "")
        key = (fact["region"], fact["indicator"], fact["period"], fact["kind"], fact["source"], figure)
        slot = {"growth": "growth", "rank": "rank"}.get(fact["measure"], "value")
        row = groups.get(key)
        if row is None:
            name = names.indicator(fact["indicator"])
            row = groups[key] = {"region_name": names.region(fact["region"]), "indicator_name": name,
                                 "indicator_shown": with_scope(name, figure), "scope": figure,
                                 "period": fact["period"], "kind_label": KIND_LABELS[names.lang][fact["kind"]],
                                 "source": fact["source"], "value": [], "growth": [], "rank": [], "ids": []}
        shown = shown_value(fact, names.lang)
        if among and slot == "rank":
            shown += f" {among}"
        elif among:
            shown += f" ({among})"
        row[slot].append(shown + marks.mark(fact))
        row["ids"].append(fact["id"])
    for row in groups.values():
        for slot in ("value", "growth", "rank"):
            row[slot] = "; ".join(row[slot])
    return list(groups.values())


def citation(fact: Record, source: Record, names: Names) -> Record:
    """A full citation: the fact as read, the document, and the verbatim excerpt."""
    title = source.get("title_zh") if names.lang == "zh" else source.get("title_en")
    issuer = source.get("publisher") or source.get("author") or names.region(source["region"])
    words = CITE_LABELS[names.lang]
    measure = MEASURE_LABELS[names.lang][fact["measure"]]
    lines = [
        f"{names.region(fact['region'])} · {names.indicator(fact['indicator'])} · {fact['period']} "
        f"({KIND_LABELS[names.lang][fact['kind']]}, {measure}): {shown_value(fact, names.lang)}",
        f"{words['source']}{title} ({source.get('title_zh')})" if names.lang == "en" else f"{words['source']}{title}",
        f"{words['date']}{source.get('date')}; {words['issuer']}{issuer}; {words['file']}{source.get('file')}",
        f"{words['excerpt']}“{fact['evidence']}”",
    ]
    if fact.get("scope"):
        lines.append(f"{words['scope']}{fact['scope']}")
    if fact.get("note"):
        lines.append(f"{words['note']}{fact['note']}")
    lines.append(f"{words['id']}{fact['id']}")
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
    "en": {"met": "met", "met_early": "met early", "missed": "missed", "unclear": "unclear", "on_track": "on track",
           "behind": "behind", "not_yet_due": "not yet due", "no_outcome": "no outcome"},
    "zh": {"met": "已完成", "met_early": "提前完成", "missed": "未完成", "unclear": "无法判定", "on_track": "进度正常",
           "behind": "进度落后", "not_yet_due": "未到期", "no_outcome": "暂无实际"},
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
        "region": region, "region_name": names.region(region), "indicator": indicator,
        "indicator_name": names.indicator(indicator),
        "indicator_shown": with_scope(names.indicator(indicator), change.scope or ""),
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
        "annual_shown": approx + percent(change.annual_rate) + SPAN_LABELS[names.lang]["annual_avg"]
        if change.annual_rate is not None else "",
        "reported_shown": reported,
    }


# English words for the Chinese units; with the registry's factors they make the legend's glosses
UNIT_WORDS = {"元": "yuan", "美元": "US dollars", "吨": "tonnes", "公斤": "kg", "斤": "jin", "亩": "mu",
              "方": "cubic metres", "立方米": "cubic metres", "千升": "kilolitres", "千瓦": "kW", "千瓦时": "kWh",
              "平方米": "square metres", "平方公里": "square kilometres", "公里": "km", "千米": "km", "米": "metres",
              "人": "people", "名": "people", "人次": "visits", "户": "households", "兆瓦": "MW", "吉瓦": "GW",
              "百分点": "percentage points", "成": "tenths (3 成 = 30%)", "倍": "times", "天": "days",
              "日": "days", "年": "years", "个月": "months", "小时": "hours", "度": "kWh", "吨/日": "tonnes a day"}
PREFIXES = (("万亿", "1 trillion"), ("亿", "100 million"), ("万", "10,000"))
# where a unit's own word is not metric, the metric equivalent a reader knows: dimension → (unit, its base factor)
METRIC = {"area": ("ha", 1e4), "mass": ("t", 1e3)}


def unit_glosses(units: Iterable[str]) -> list[str]:
    """'亿元 = 100 million yuan', '万亩 = 10,000 mu ≈ 667 ha': what the Chinese units in a table mean."""
    from factcli.units import UNITS

    glosses = []
    counts = []
    for unit in sorted(set(units), key=lambda u: (UNITS[u].dimension if u in UNITS else "", u)):
        if unit not in UNITS or unit.isascii() or unit == "%":
            continue
        if UNITS[unit].dimension == "count" and unit not in UNIT_WORDS:
            counts.append(unit)
            continue
        prefix, word = next(((p, unit[len(p):]) for p, _ in PREFIXES
                             if unit.startswith(p) and unit[len(p):] in UNIT_WORDS),
                            ("", unit))
        words = UNIT_WORDS.get(word)
        if words is None:
            continue
        multiplier = dict(PREFIXES)[prefix] + " " if prefix else ""
        gloss = f"{unit} = {multiplier}{words}"
        metric = METRIC.get(UNITS[unit].dimension)
        if metric and words not in ("kg", "tonnes"):
            converted = float(f"{UNITS[unit].factor / metric[1]:.3g}")
            gloss += f" ≈ {format_number(converted)} {metric[0]}"
        glosses.append(gloss)
    if counts:
        glosses.append(f"{' '.join(counts)}: counters (a number of things)")
    return glosses
