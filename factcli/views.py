"""What each command shows: its rows, the columns scripts get, the columns a table shows, its title and
its legend. Commands query, hand the results here, and give the View to `env.output`.

A table is for people: rows are grouped, source ids become [n] keys resolved in a legend, and
columns that would only repeat the title are left out. Machine formats get one record a row with
every field, whatever the terminal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from factcli import present
from factcli.render import Column

if TYPE_CHECKING:
    from factcli.check import Finding
    from factcli.context import Environment
    from factcli.diff import Change
    from factcli.model import Record
    from factcli.query import Hit
    from factcli.track import Tracked

Chart = list[tuple[str, list[tuple[str, float, str]]]]


class View:
    """Rows and how to show them. `table` is the table's columns when they differ from the machine
    columns; `text` replaces the table altogether (a citation reads as prose)."""

    __slots__ = ("columns", "empty_ok", "legend", "rows", "table", "text", "title")

    def __init__(self, rows: list[Record], columns: Sequence[Column], *, table: Sequence[Column] | None = None,
                 title: str | None = None, legend: str | None = None, text: str | None = None,
                 empty_ok: bool = False) -> None:
        self.rows, self.columns, self.table = rows, columns, table
        self.title, self.legend, self.text, self.empty_ok = title, legend, text, empty_ok


def machine(*keys: str) -> list[Column]:
    """Columns for scripts: labelled by their keys in every language."""
    return [Column(key, key, key) for key in keys]


FACT_COLUMNS = machine("id", "region", "region_name", "indicator", "indicator_name", "period", "kind", "measure",
                       "basis", "rank_of", "value", "value_high", "unit", "qualifier", "aspirational", "scope",
                       "source", "evidence", "note")
TRACK_COLUMNS = machine("status", "outcome_id", "outcome_period", "outcome_kind", "outcome_value", "outcome_unit",
                        "outcome_qualifier", "gap", "gap_unit", "gap_percent", "required_rate", "achieved_rate")
DIFF_COLUMNS = machine("region", "region_name", "indicator", "indicator_name", "measure", "scope", "from_period",
                       "to_period", "years", "from_value", "from_unit", "from_qualifier", "to_value", "to_unit",
                       "to_qualifier", "change", "change_unit", "percent", "annual_rate", "hedged", "reported_growth",
                       "reported_ids")
CITE_COLUMNS = machine("id", "value", "unit", "shown", "title", "date", "issuer", "source", "source_file", "evidence")
LIST_COLUMNS = {
    "regions": machine("id", "name_zh", "name_en", "level", "parent", "aliases", "admin_code", "facts"),
    "indicators": machine("id", "name_zh", "name_en", "category", "aliases", "topics", "facts"),
    "sources": machine("id", "date", "region", "kind", "file", "sha256", "title_zh", "title_en", "publisher",
                       "author", "facts"),
}

# The columns people read, each defined once and picked by key.
REGION = Column("region_name", "Region", "地区")
INDICATOR = Column("indicator_shown", "Indicator", "指标", wide=True)
SCOPE = Column("scope", "Scope", "范围", wide=True)
PERIOD = Column("period", "Period", "时期")
KIND = Column("kind_label", "Kind", "类型")
VALUE = Column("shown", "Value", "数值", numeric=True)
TARGET = Column("shown", "Target", "目标", numeric=True)
SOURCE = Column("source", "Source", "来源")
EVIDENCE = Column("evidence", "Evidence", "原文", wide=True)
FACTS = Column("facts", "Facts", "事实数", numeric=True)
GROUPED = [INDICATOR, PERIOD, KIND, Column("value", "Value", "数值", numeric=True),
           Column("growth", "Growth", "增长", numeric=True), Column("rank", "Rank", "排名", wide=True), SOURCE]
OUTCOME = Column("outcome_shown", "Outcome", "实际", numeric=True)
STATUS = Column("status_shown", "Status", "状态", wide=True)
TRACK_TABLE = [REGION, INDICATOR, PERIOD, TARGET, OUTCOME, Column("gap_shown", "Gap", "差距", numeric=True), STATUS,
               SOURCE]
DIFF_TABLE = [
    INDICATOR,
    Column("from_period", "From", "起"),
    Column("to_period", "To", "止"),
    Column("from_shown", "Was", "起值", numeric=True),
    Column("to_shown", "Now", "止值", numeric=True),
    Column("change_shown", "Change", "变化", numeric=True),
    Column("percent_shown", "Computed %", "计算增幅", numeric=True),
    Column("annual_shown", "Per year", "年均", numeric=True),
    Column("reported_shown", "Reported growth", "报告增速", wide=True),
]
LIST_TABLES = {
    "regions": [Column("id", "Id", "代码"), Column("name", "Name", "名称"), Column("level_shown", "Level", "级别"),
                Column("parent", "Parent", "上级"), FACTS, Column("aliases", "Aliases", "别名", wide=True)],
    "indicators": [Column("id", "Id", "代码"), Column("name", "Name", "名称", wide=True), FACTS],
    "sources": [Column("id", "Id", "代码"), Column("date", "Date", "日期"), FACTS,
                Column("title", "Title", "标题", wide=True)],
}
CHECK_COLUMNS = [Column("severity", "Severity", "级别"), Column("check", "Check", "检查"),
                 Column("facts", "Facts", "事实"), Column("message", "Finding", "说明", wide=True)]
EXTRACT_GUESSES = [Column("number", "Number", "数字", numeric=True), Column("unit", "Unit", "单位"),
                   Column("guess", "Indicator?", "指标?"), Column("measure", "Measure?", "度量?"),
                   Column("kind", "Kind?", "类型?"), Column("period", "Period?", "时期?")]
EXTRACT_CHECKS = [Column("qualifier", "Hedge?", "限定?"), Column("stored", "Stored", "已存")]
EXTRACT_REPORT = [Column("measure", "Measure", "指标"), Column("value", "Value", "数值", numeric=True)]
CHART_MEASURES = ("level", "count", "growth", "share", "rank")


def without(columns: Iterable[Column], *keys: str | None) -> list[Column]:
    return [c for c in columns if c.key not in keys]


def with_evidence(columns: list[Column], wanted: bool) -> list[Column]:
    return [*columns, EVIDENCE] if wanted else columns


def heading(env: Environment, region: str, indicator: str | None = None) -> str:
    names = env.names
    return f"{names.region(region)} · {names.indicator(indicator)}" if indicator else names.region(region)


def single_period(rows: list[Record], year: int | None) -> bool:
    """Every row is for the year in the title, so a period column would only repeat it."""
    return year is not None and all(row["period"] == str(year) for row in rows)


def fact_rows(facts: Iterable[Record], env: Environment) -> list[Record]:
    """The facts with everything a table shows of them; machine formats need only `named_rows`."""
    return [present.fact_row(f, env.names) for f in facts]


def named_rows(facts: list[Record], env: Environment) -> list[Record]:
    """The facts as FACT_COLUMNS take them: what a person reads beyond the names (the value as printed, the
    labels) is for tables, and a series of a thousand facts names its region and indicator once each."""
    names = env.names
    regions = {r: names.region(r) for r in {f["region"] for f in facts}}
    indicators = {i: names.indicator(i) for i in {f["indicator"] for f in facts}}
    return [dict(f, region_name=regions[f["region"]], indicator_name=indicators[f["indicator"]]) for f in facts]


def grouped(facts: list[Record], env: Environment, columns: list[Column], title: str, *, by_name: bool = False,
            evidence: bool = False) -> View:
    """A table of one row per figure (its level beside its growth and rank) for people, facts for scripts."""
    if env.format != "table":
        return View(named_rows(facts, env), FACT_COLUMNS)
    marks = present.NoteMarks()
    rows = present.grouped_rows(facts, env.names, marks)
    if by_name:
        # people scan a table by name; the sort is stable, so each indicator keeps its period order
        rows.sort(key=lambda r: r["indicator_name"].casefold())
    if evidence:
        excerpts = {f["id"]: f["evidence"] for f in facts}
        for row in rows:
            row["evidence"] = " | ".join(dict.fromkeys(excerpts[i] for i in row["ids"]))
    view = View(rows, FACT_COLUMNS, table=with_evidence(columns, evidence), title=title)
    return cited(view, env, marks, facts)


def show(facts: list[Record], env: Environment, region: str, indicator: str | None, evidence: bool) -> View:
    # one indicator's series: its name is the title, so a scope needs a column of its own
    columns = [*GROUPED[1:], SCOPE] if indicator else GROUPED
    return grouped(facts, env, columns, heading(env, region, indicator), by_name=True, evidence=evidence)


def compare(facts: list[Record], env: Environment, indicator: str) -> View:
    return grouped(facts, env, [REGION, *GROUPED[1:], SCOPE], env.names.indicator(indicator))


def targets(facts: list[Record], env: Environment, year: int, region: str | None,
            statuses: dict[str, Tracked] | None, evidence: bool) -> View:
    """Targets by region and area, each marked binding or strive; with statuses, beside their outcomes."""
    tracked = statuses is not None
    categories = env.categories()
    rows = fact_rows(facts, env)
    for row in rows:
        row.update(binding="strive" if row["aspirational"] else "binding",
                   category=categories.get(row["indicator"], ""))
        if statuses is not None and row["id"] in statuses:
            row.update(present.track_cells(statuses[row["id"]], env.names))
    rows.sort(key=lambda r: (r["region"], r["category"], r["indicator_name"].casefold(), r["period"]))
    columns = [*FACT_COLUMNS, *machine("binding", "category"), *(TRACK_COLUMNS if tracked else [])]
    table = [INDICATOR, PERIOD, TARGET, *([OUTCOME, STATUS] if tracked else []), SOURCE]
    table = without(table, "period" if single_period(rows, year) else None)
    title = targets_title(rows, env, year, region)
    outcomes = {i: statuses[i].outcome for i in statuses} if statuses else {}
    view = marked(View(rows, columns, table=with_evidence(table, evidence), title=title), env, outcomes)
    if env.format == "table":
        view.rows = headed(view.rows, env, by_region=region is None)
    return view


def headed(rows: list[Record], env: Environment, by_region: bool) -> list[Record]:
    """In a table the region and the area head their group on a line of their own, rather than taking two
    columns of width on every row."""
    shown: list[Record] = []
    previous = None
    for row in rows:
        group = (row["region"], row["category"])
        if group != previous:
            area = present.category_label(row["category"], env.lang)
            head = f"{row['region_name']} · {area}" if by_region else area
            shown.append({"indicator_shown": head + ("：" if env.lang == "zh" else ":")})
            previous = group
        shown.append(row)
    return shown


def targets_title(rows: list[Record], env: Environment, year: int, region: str | None) -> str:
    title = f"Targets for {year}" if env.lang == "en" else f"{year}年目标"
    if region:
        title += f" · {env.names.region(region)}"
    strive = sum(1 for row in rows if row["aspirational"])
    return title + (f" — {len(rows)} targets, {strive} marked strive (力争)" if env.lang == "en"
                    else f" — 共{len(rows)}项，其中力争{strive}项")


def cited(view: View, env: Environment, marks: present.NoteMarks | None = None,
          facts: Iterable[Record] = ()) -> View:
    """In a table, each row's source becomes a short [n] key, and the legend below resolves the keys, the
    note marks, and (for English readers) the Chinese units the facts use."""
    if env.format == "table":
        view.rows = [dict(row) for row in view.rows]
        legend = [present.footnote_sources(view.rows, env.sources(), env.lang)]
        if marks:
            legend += marks.legend()
        if env.lang == "en":
            glosses = present.unit_glosses(f["unit"] for f in facts)
            if glosses:
                legend.append("Units: " + "; ".join(glosses))
        view.legend = "\n".join(line for line in legend if line)
    return view


def marked(view: View, env: Environment, outcomes: dict[str, Record | None] | None = None) -> View:
    """A table of facts, one a row: a note mark on each value (and outcome) that carries a note."""
    if env.format != "table":
        return view
    marks = present.NoteMarks()
    facts = list(view.rows)
    for row in view.rows:
        row["shown"] += marks.mark(row)
        outcome = (outcomes or {}).get(row["id"])
        if outcome is not None:
            facts.append(outcome)
            if row.get("outcome_shown"):
                row["outcome_shown"] += marks.mark(outcome)
    return cited(view, env, marks, facts)


def track(items: Iterable[Tracked], env: Environment, region: str | None, year: int | None) -> View:
    rows = []
    outcomes = {}
    for item in items:
        row = present.fact_row(item.target, env.names)
        row.update(present.track_cells(item, env.names))
        rows.append(row)
        outcomes[row["id"]] = item.outcome
    table = without(TRACK_TABLE, "region_name" if region else None, "period" if single_period(rows, year) else None)
    title = ("Targets vs outcomes" if env.lang == "en" else "目标与实际") + (f" · {year}" if year else "")
    return marked(View(rows, [*FACT_COLUMNS, *TRACK_COLUMNS], table=table, title=title), env, outcomes)


def search(hits: Iterable[Hit], env: Environment, text: str, evidence: bool) -> View:
    rows = [dict(present.fact_row(hit.fact, env.names), matched=hit.matched) for hit in hits]
    table = with_evidence([REGION, INDICATOR, PERIOD, KIND, VALUE, SOURCE], evidence)
    return marked(View(rows, [*FACT_COLUMNS, *machine("matched")], table=table, title=f"“{text}”"), env)


def cite(fact: Record, source: Record, env: Environment) -> View:
    record = present.citation(fact, source, env.names)
    return View([record], CITE_COLUMNS, text=record["text"])


def diff(changes: Iterable[tuple[str, Change]], env: Environment, region: str, indicator: str | None) -> View:
    rows = [present.change_row(change, env.names, region, iid) for iid, change in changes]
    table = [*DIFF_TABLE[1:], SCOPE] if indicator else DIFF_TABLE
    return View(rows, DIFF_COLUMNS, table=table, title=heading(env, region, indicator))


def chart(facts: list[Record], lang: str) -> Chart:
    """Each measure's series as (label, value in base units, value as printed) bars."""
    from factcli.diff import series

    bars = []
    for measure in CHART_MEASURES:
        points = series([f for f in facts if f["measure"] == measure])
        if points:
            kinds = present.KIND_LABELS["zh"] if lang == "zh" else {k: k[:3] for k in present.KIND_LABELS["en"]}
            bars.append((present.MEASURE_LABELS[lang][measure],
                         [(f"{p.period} {kinds[p.fact['kind']]}", p.base_value, present.shown_value(p.fact, lang))
                          for p in points]))
    return bars


SEVERITY_ZH = {"error": "错误", "warning": "警告"}


def check(findings: Iterable[Finding], lang: str) -> View:
    rows = [f.as_row(lang) for f in findings]
    for row in rows:
        row["severity_shown"] = SEVERITY_ZH.get(row["severity"], row["severity"]) if lang == "zh" else row["severity"]
    table = [Column("severity_shown", "Severity", "级别"), *without(CHECK_COLUMNS, "facts", "severity")]
    return View(rows, CHECK_COLUMNS, table=table, title="factcli check", empty_ok=True)


def extract(candidates: list[Record], fields: Sequence[str], name: str, explain: bool, region: str | None) -> View:
    """Candidates for review: the known indicator or the one proposed in one column; the region only where
    some figure belongs to another than the document's; the reasons with --explain."""
    for candidate in candidates:
        candidate["guess"] = candidate["indicator"] or (f"new: {candidate['new_indicator']}"
                                                        if candidate["new_indicator"] else "")
    others = any(c["region"] != region for c in candidates)
    table = [*EXTRACT_GUESSES, *([Column("region", "Region?", "地区?")] if others else []), *EXTRACT_CHECKS,
             Column("why", "Why", "依据", wide=True) if explain else EVIDENCE]
    keys = [*fields, "why"] if explain else list(fields)
    return View(candidates, machine(*keys), table=table, title=f"Candidate figures: {name}")


def extract_report(report: dict[str, float], source: str) -> View:
    rows: list[Record] = [{"measure": k, "value": v} for k, v in report.items()]
    return View(rows, EXTRACT_REPORT, title=f"extract vs the store: {source}")


def regions(regions: Iterable[Record], facts: Iterable[Record], env: Environment) -> View:
    counts = Counter(f["region"] for f in facts)
    levels = present.LEVEL_LABELS[env.lang]
    rows = [dict(r, facts=counts[r["id"]], name=env.names.region(r["id"]),
                 level_shown=levels.get(r["level"], r["level"]))
            for r in sorted(regions, key=by_id)]
    return View(rows, LIST_COLUMNS["regions"], table=LIST_TABLES["regions"], empty_ok=True)


def indicators(indicators: Iterable[Record], facts: Iterable[Record], env: Environment, only_counted: bool,
               categories: tuple[str, ...]) -> View:
    """Indicators by area; with only_counted, just those the facts hold."""
    counts = Counter(f["indicator"] for f in facts)
    rows = [dict(i, facts=counts[i["id"]], name=env.names.indicator(i["id"]))
            for i in sorted(indicators, key=lambda i: (i.get("category", ""), i["id"]))
            if (not only_counted or i["id"] in counts) and (not categories or i.get("category") in categories)]
    view = View(rows, LIST_COLUMNS["indicators"], table=LIST_TABLES["indicators"])
    if env.format == "table":
        # each area heads its indicators on a line of its own: a column for it would leave the ids no room
        shown: list[Record] = []
        for row in rows:
            if not shown or row.get("category") != rows[rows.index(row) - 1].get("category"):
                label = present.category_label(row.get("category", ""), env.lang)
                shown.append({"id": label + "：" if env.lang == "zh" else label.upper() + ":"})
            shown.append(row)
        view.rows = shown
    return view


def sources(sources: Iterable[Record], facts: Iterable[Record], env: Environment) -> View:
    counts = Counter(f["source"] for f in facts)
    title = "title_zh" if env.lang == "zh" else "title_en"
    rows = [dict(s, facts=counts[s["id"]], title=s[title]) for s in sorted(sources, key=lambda s: (s.get("date", ""),
                                                                                                   s["id"]))]
    return View(rows, LIST_COLUMNS["sources"], table=LIST_TABLES["sources"], empty_ok=True)


TOPIC_COLUMNS = machine("topic", "zh", "en", "indicators", "facts", "indicator_ids")


def topics(rows: list[Record], lang: str) -> View:
    """Each topic in the reader's language first; Chinese readers get them in their own order."""
    first, second = ("zh", "en") if lang == "zh" else ("en", "zh")
    if lang == "zh":
        rows = sorted(rows, key=lambda r: r["zh"])
    table = [Column(first, "Topic", "主题"), Column(second, "中文", "English"), Column("indicators", "Indicators",
             "指标数", numeric=True), FACTS, Column("indicator_ids", "Indicator ids", "指标代码", wide=True)]
    return View(rows, TOPIC_COLUMNS, table=table, title="Topics" if lang == "en" else "主题", empty_ok=True)


def by_id(record: Record) -> str:
    return str(record["id"])
