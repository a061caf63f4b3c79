"""How facts read to people: the value as printed with its hedges, names in the chosen language,
and the column sets that commands hand to the renderer."""

from __future__ import annotations

from typing import Any

from factcli.model import QUALIFIER_SYMBOLS
from factcli.numerals import format_number
from factcli.render import Column

Record = dict[str, Any]

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
    """Display names of regions, indicators and sources, by id."""

    def __init__(self, regions: list[Record], indicators: list[Record], sources: list[Record],
                 lang: str) -> None:
        self.lang = lang
        self.regions = {r["id"]: r for r in regions}
        self.indicators = {i["id"]: i for i in indicators}
        self.sources = {s["id"]: s for s in sources}

    def region(self, rid: str) -> str:
        return name(self.regions.get(rid), self.lang, rid)

    def indicator(self, iid: str) -> str:
        return name(self.indicators.get(iid), self.lang, iid)


def fact_row(fact: Record, names: Names) -> Record:
    """A fact with every stored field plus what a person reads."""
    row = dict(fact)
    row.update(region_name=names.region(fact["region"]), indicator_name=names.indicator(fact["indicator"]),
               shown=shown_value(fact, names.lang),
               kind_label=KIND_LABELS[names.lang][fact["kind"]],
               measure_label=fact["measure"])
    return row


FACT_COLUMNS = [Column(key, key, key) for key in
                ("id", "region", "indicator", "period", "kind", "measure", "basis", "value", "value_high",
                 "unit", "qualifier", "aspirational", "scope", "source", "evidence", "note")]
FACT_TABLE = [
    Column("indicator_name", "Indicator", "指标", wide=True),
    Column("period", "Period", "时期"),
    Column("kind_label", "Kind", "类型"),
    Column("shown", "Value", "数值", numeric=True),
    Column("source", "Source", "来源"),
    Column("evidence", "Evidence", "原文", wide=True),
]


def grouped_rows(facts: list[Record], names: Names) -> list[Record]:
    """One row per indicator, period, kind, source and scope: the level beside its growth and rank."""
    groups: dict[tuple[Any, ...], Record] = {}
    for fact in facts:
        base = (fact["region"], fact["indicator"], fact["period"], fact["kind"], fact["source"])
        slot = {"growth": "growth", "rank": "rank"}.get(fact["measure"], "value")
        # a growth or rank joins the first row of its figure; levels of different scopes stay apart
        key = (*base, fact.get("scope") or "") if slot == "value" else \
            next((k for k in groups if k[:5] == base), (*base, ""))
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


SHOW_TABLE = [
    Column("indicator_name", "Indicator", "指标", wide=True),
    Column("period", "Period", "时期"),
    Column("kind_label", "Kind", "类型"),
    Column("value", "Value", "数值", numeric=True),
    Column("growth", "Growth", "增长", numeric=True),
    Column("rank", "Rank", "排名"),
    Column("source", "Source", "来源"),
]

TARGET_TABLE = [
    Column("region_name", "Region", "地区"),
    Column("indicator_name", "Indicator", "指标", wide=True),
    Column("period", "Period", "时期"),
    Column("shown", "Target", "目标", numeric=True),
    Column("source", "Source", "来源"),
]


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


CITE_COLUMNS = [Column(k, k, k) for k in ("id", "value", "unit", "shown", "title", "date", "issuer", "source",
                                          "source_file", "evidence")]

LISTS = {
    "regions": [Column(k, k, k) for k in ("id", "name_zh", "name_en", "level", "parent", "aliases",
                                          "admin_code", "facts")],
    "regions_table": [Column("id", "Id", "代码"), Column("name", "Name", "名称"), Column("level", "Level", "级别"),
                      Column("parent", "Parent", "上级"), Column("facts", "Facts", "事实数", numeric=True),
                      Column("aliases", "Aliases", "别名", wide=True)],
    "indicators": [Column(k, k, k) for k in ("id", "name_zh", "name_en", "category", "aliases", "facts")],
    "indicators_table": [Column("id", "Id", "代码"), Column("name", "Name", "名称", wide=True),
                         Column("category", "Category", "类别"), Column("facts", "Facts", "事实数", numeric=True)],
    "sources": [Column(k, k, k) for k in ("id", "date", "region", "kind", "file", "sha256", "title_zh",
                                          "title_en", "publisher", "author", "facts")],
    "sources_table": [Column("id", "Id", "代码"), Column("date", "Date", "日期"), Column("kind", "Kind", "类型"),
                      Column("facts", "Facts", "事实数", numeric=True), Column("title", "Title", "标题", wide=True)],
}


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
