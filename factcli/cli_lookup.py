"""Lookups: show, get, targets, search, cite and the lists of regions, indicators and sources."""

from __future__ import annotations

import sys
from collections import Counter

import click

from factcli.cli_common import (
    basis_option,
    binding_option,
    check_period,
    complete_indicator,
    complete_region,
    draw_series,
    indicator_arg,
    kind_option,
    load,
    measure_option,
    names_for,
    output,
    region_arg,
    resolve_indicator,
    resolve_region,
    single_period,
    source_filter,
)
from factcli.errors import NoMatchError, UsageError
from factcli.options import db_option, format_option, lang_option, listing
from factcli.render import Column, emit, emit_value


@click.command()
@region_arg
@click.argument("indicator", required=False, shell_complete=complete_indicator)
@click.option("--period", "--year", "period",
              help="A year (also matches plan periods ending in it) or a span (the periods within it).")
@kind_option
@measure_option
@basis_option
@binding_option
@source_filter
@click.option("--category", help="Only indicators of this category (economy, fiscal, energy ...).")
@click.option("--evidence", "-e", "with_evidence", is_flag=True, help="Add the verbatim excerpt to the table.")
@click.option("--chart", is_flag=True, help="Draw the series as bars (needs INDICATOR).")
@listing
def show(region: str, indicator: str | None, period: str | None, kind: str | None, measure: str | None,
         basis: str | None, binding: bool | None, source: str | None, category: str | None, with_evidence: bool,
         chart: bool, db: str | None, fmt: str | None, lang: str) -> None:
    """Facts of a region, or one indicator's series over the periods.

    A table shows each value as printed with its hedge (≈ about, ≥ at least, > above, "strive" for
    力争), its growth and rank beside it, and the source. Machine formats give one fact per row.

    \b
    factcli show xiaoyi gdp
    factcli show 吕梁 --period 2025 --kind target
    factcli show lvliang coal_output --chart
    factcli show jinzhong --format json
    """
    from factcli import present, query

    store = load(db)
    region_id = resolve_region(store, region)
    indicator_id = resolve_indicator(store, indicator) if indicator is not None else None
    filters = query.Filters(region=region_id, indicator=indicator_id, period=check_period(period), kind=kind,
                            measure=measure, source=source, category=category, basis=basis,
                            aspirational=None if binding is None else not binding)
    categories = {i["id"]: i.get("category", "") for i in store.indicators()}
    facts = query.select(store.facts(), filters, categories)
    names = names_for(store, lang)
    if chart:
        if not indicator:
            raise UsageError("--chart needs an INDICATOR")
        draw_series(facts, lang)
        if not facts:
            raise NoMatchError("nothing matched")
        return
    from factcli.render import default_format

    fmt = fmt or default_format()
    title = f"{names.region(region_id)} · {names.indicator(indicator_id)}" if indicator_id else \
        names.region(region_id)
    if fmt == "table":
        # people scan a table by name; the sort is stable, so each indicator keeps its period order
        rows = sorted(present.grouped_rows(facts, names), key=lambda r: r["indicator_name"].casefold())
        columns = [c for c in present.SHOW_TABLE if not (indicator and c.key == "indicator_name")]
        if with_evidence:
            columns.append(Column("evidence", "Evidence", "原文", wide=True))
            evidence = {f["id"]: f["evidence"] for f in facts}
            for row in rows:
                row["evidence"] = " | ".join(dict.fromkeys(evidence[i] for i in row["ids"]))
        output(rows, columns, fmt, lang, title=title, store=store)
    else:
        output([present.fact_row(f, names) for f in facts], present.FACT_COLUMNS, fmt, lang)


@click.command()
@region_arg
@indicator_arg
@click.argument("period", required=False)
@kind_option
@measure_option
@basis_option
@binding_option
@click.option("--scope", help="Only figures whose scope contains this text (a part: a project, the city proper).")
@source_filter
@click.option("--field", "fields", multiple=True, metavar="FIELD",
              help="Print this field instead of the value (repeatable: a tab-separated line): unit, qualifier, "
                   "kind, evidence, source, id, period, scope, note, value_base, base_unit, source_file ...")
@click.option("--format", "-f", "fmt", type=click.Choice(("value", "json")), default="value", show_default=True,
              help="json: the whole fact as one JSON object, in the export's shape.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--quiet", "-q", is_flag=True, help="No notes on stderr.")
@db_option
def get(region: str, indicator: str, period: str | None, kind: str | None, measure: str | None, basis: str | None,
        binding: bool | None, scope: str | None, source: str | None, fields: tuple[str, ...], fmt: str,
        as_json: bool, quiet: bool, db: str | None) -> None:
    """Exactly one value on stdout, or a refusal: for scripts and $(…).

    PERIOD matches only itself: 2020 is not 2016-2020, a span is asked for by its span. Without
    PERIOD, the latest period with an outcome of that measure. Without --measure, the level (or
    count), never another measure: when there is none, exit 1 and stderr lists what the period
    has. Two printings of one figure within rounding (31.7 亿立方米, 32 亿方) are one answer, the more
    precise; figures that really differ exit 3 with the candidates on stderr.

    What changes the value's meaning — a hedge, an estimate, a span, a scope, a strive target, a
    curator's note — is said on stderr in one line (`factcli: note: …`); --quiet drops it.

    \b
    factcli get lvliang gdp 2024                           2643.2
    factcli get xiaoyi gdp 2024                            500 (note: above 500 亿元, an estimate)
    factcli get xiaoyi gdp 2025 --kind target --binding    460
    factcli get lvliang gdp 2024 --measure rank            2
    factcli get lvliang gdp 2024 --field value --field unit
    factcli get lvliang gdp 2024 --json
    """
    from factcli import query
    from factcli.answer import notes

    store = load(db)
    filters = query.Filters(region=resolve_region(store, region), indicator=resolve_indicator(store, indicator),
                            period=check_period(period), kind=kind, measure=measure, source=source, basis=basis,
                            aspirational=None if binding is None else not binding, scope=scope)
    answer = query.one_fact(store.facts(), filters, {s["id"]: s.get("date", "") for s in store.sources()})
    fact = answer.fact
    if as_json or fmt == "json" or any(f not in fact for f in fields):
        from factcli.export import export_row

        whole = export_row(fact, {s["id"]: str(s.get("file", "")) for s in store.sources()})
        fact = dict(whole, **{k: v for k, v in fact.items() if k not in whole})
        unknown = [f for f in fields if f not in fact]
        if unknown:
            raise UsageError(f"unknown field {unknown[0]!r} (fields: {', '.join(fact)})")
    if as_json or fmt == "json":
        keys = list(fields or fact)
        emit([fact], [Column(k, k, k) for k in keys], "jsonl")
    else:
        emit_value(*(fact.get(f) for f in fields or ("value",)))
    if not quiet:
        for line in notes(answer, kind):
            click.echo(f"factcli: note: {line}", err=True)


@click.command()
@click.argument("year", type=int)
@click.argument("region", required=False, shell_complete=complete_region)
@basis_option
@binding_option
@click.option("--track", "with_status", is_flag=True, help="Add each target's status against outcomes.")
@click.option("--evidence", "-e", "with_evidence", is_flag=True, help="Add the verbatim excerpt to the table.")
@listing
def targets(year: int, region: str | None, basis: str | None, binding: bool | None, with_status: bool,
            with_evidence: bool, db: str | None, fmt: str | None, lang: str) -> None:
    """Every target set for YEAR (and plan-period targets ending in it).

    Hedges are marked: ≥ at least (以上), ≈ about (左右), > above (突破), ≤ at most (以内);
    "strive" (力争, 争取) marks a soft target, the rest are binding.

    \b
    factcli targets 2025
    factcli targets 2025 吕梁 --track
    factcli targets 2021 xiaoyi --format csv
    """
    from factcli import present, query

    store = load(db)
    region_id = resolve_region(store, region) if region else None
    facts = query.select(query.targets(store.facts(), year, region_id),
                         query.Filters(basis=basis, aspirational=None if binding is None else not binding))
    names = names_for(store, lang)
    rows = [present.fact_row(f, names) for f in facts]
    categories = {i["id"]: i.get("category", "") for i in store.indicators()}
    rows.sort(key=lambda r: (r["region"], categories.get(r["indicator"], ""), r["indicator_name"].casefold(),
                             r["period"]))
    previous: tuple[str, str] = ("", "")
    for row in rows:
        row["binding"] = "strive" if row["aspirational"] else "binding"
        row["category"] = categories.get(row["indicator"], "")
        # in a table the region and the area head their group instead of repeating on every row
        row["region_shown"] = row["region_name"] if row["region"] != previous[0] else ""
        row["category_shown"] = row["category"] if (row["region"], row["category"]) != previous else ""
        previous = (row["region"], row["category"])
    columns = [*present.FACT_COLUMNS, Column("binding", "binding", "binding"),
               Column("category", "category", "category")]
    table = [c for c in present.TARGET_TABLE if (region_id is None or c.key != "region_shown")
             and not (c.key == "period" and single_period(rows, year))]
    if with_status:
        from factcli.track import track

        dates = {s["id"]: s.get("date", "") for s in store.sources()}
        statuses = {t.target["id"]: t for t in track(store.facts(), region=region_id, year=year, source_dates=dates)}
        for row in rows:
            status = statuses.get(row["id"])
            row.update(present.track_cells(status, names) if status else {})
        columns = columns + present.TRACK_EXTRA
        table = table[:-1] + [c for c in present.TRACK_TABLE if c.key in ("outcome_shown", "status_shown")] \
            + table[-1:]
    if with_evidence:
        table = [*table, Column("evidence", "Evidence", "原文", wide=True)]
    title = f"Targets for {year}" if lang == "en" else f"{year}年目标"
    if region_id:
        title += f" · {names.region(region_id)}"
    strive = sum(1 for row in rows if row["aspirational"])
    title += (f" — {len(rows)} targets, {strive} marked strive (力争)" if lang == "en"
              else f" — 共{len(rows)}项，其中力争{strive}项")
    output(rows, columns, fmt, lang, table_columns=table, title=title, store=store)


@click.command()
@click.argument("text")
@click.option("--evidence", "-e", "with_evidence", is_flag=True, help="Add the verbatim excerpt to the table.")
@listing
def search(text: str, with_evidence: bool, db: str | None, fmt: str | None, lang: str) -> None:
    """Facts whose indicator (Chinese or English names, aliases and topics such as 氢能/hydrogen),
    region, evidence, scope or note contains TEXT; traditional characters are read as simplified.

    \b
    factcli search 氢能
    factcli search hydrogen
    factcli search "smart coal" --format jsonl
    """
    from factcli import present, query

    store = load(db)
    names = names_for(store, lang)
    hits = query.search(text, store.facts(), store.indicators(), store.regions())
    rows = []
    for hit in hits:
        row = present.fact_row(hit.fact, names)
        row["matched"] = hit.matched
        rows.append(row)
    table = [Column("region_name", "Region", "地区"), *present.FACT_TABLE[:4],
             Column("source", "Source", "来源")]
    if with_evidence:
        table.append(Column("evidence", "Evidence", "原文", wide=True))
    output(rows, [*present.FACT_COLUMNS, Column("matched", "matched", "matched")], fmt, lang,
           table_columns=table, title=f"“{text}”", store=store)


@click.command()
@click.argument("fact_id")
@format_option
@db_option
@lang_option
def cite(fact_id: str, fmt: str | None, db: str | None, lang: str) -> None:
    """A full citation of one fact: document, date, issuer and the verbatim excerpt.

    \b
    factcli cite lvliang-2025-gwr-001
    factcli cite xiaoyi-2025-conf-001 --format json
    """
    from factcli.present import citation

    store = load(db)
    fact = next((f for f in store.facts() if f["id"] == fact_id), None)
    if fact is None:
        from factcli.names import Resolver

        close = Resolver(store.facts(), "fact").suggest(fact_id)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UsageError(f"unknown fact id {fact_id!r}{hint}")
    sources = {s["id"]: s for s in store.sources()}
    record = citation(fact, sources[fact["source"]], names_for(store, lang))
    if fmt in (None, "table") and not (fmt is None and not sys.stdout.isatty()):
        click.echo(record["text"])
    else:
        from factcli.present import CITE_COLUMNS

        output([record], CITE_COLUMNS, fmt, lang)


@click.command()
@listing
def regions(db: str | None, fmt: str | None, lang: str) -> None:
    """The regions, with their aliases and counts of facts. `factcli regions add --help` adds one.

    \b
    factcli regions
    factcli regions --format json
    """
    from factcli.present import LISTS

    store = load(db)
    counts = Counter(f["region"] for f in store.facts())
    names = names_for(store, lang)
    rows = [dict(r, facts=counts[r["id"]], name=names.region(r["id"]))
            for r in sorted(store.regions(), key=lambda r: r["id"])]
    output(rows, LISTS["regions"], fmt, lang, table_columns=LISTS["regions_table"], empty_is_error=False)


@click.command()
@click.argument("region", required=False, shell_complete=complete_region)
@click.option("--category", help="Only indicators of this category.")
@listing
def indicators(region: str | None, category: str | None, db: str | None, fmt: str | None, lang: str) -> None:
    """The indicators (of one region, if given), with aliases and counts of facts.
    `factcli indicators add --help` adds one.

    \b
    factcli indicators
    factcli indicators 孝义 --category energy
    """
    from factcli.present import LISTS

    store = load(db)
    facts = store.facts()
    if region:
        region_id = resolve_region(store, region)
        facts = [f for f in facts if f["region"] == region_id]
    counts = Counter(f["indicator"] for f in facts)
    names = names_for(store, lang)
    rows = [dict(i, facts=counts[i["id"]], name=names.indicator(i["id"]))
            for i in sorted(store.indicators(), key=lambda i: (i.get("category", ""), i["id"]))
            if (not region or i["id"] in counts) and (not category or i.get("category") == category)]
    output(rows, LISTS["indicators"], fmt, lang, table_columns=LISTS["indicators_table"])


@click.command()
@listing
def sources(db: str | None, fmt: str | None, lang: str) -> None:
    """The source documents, with dates and counts of facts. `factcli sources add --help` adds one.

    \b
    factcli sources
    factcli sources --format csv
    """
    from factcli.present import LISTS

    store = load(db)
    counts = Counter(f["source"] for f in store.facts())
    rows = [dict(s, facts=counts[s["id"]], title=s["title_zh" if lang == "zh" else "title_en"])
            for s in sorted(store.sources(), key=lambda s: (s.get("date", ""), s["id"]))]
    output(rows, LISTS["sources"], fmt, lang, table_columns=LISTS["sources_table"], empty_is_error=False)


@click.command()
@listing
def topics(db: str | None, fmt: str | None, lang: str) -> None:
    """The topics that cut across indicators (氢能/hydrogen, 煤炭/coal …), with how many indicators
    and facts each covers. `factcli search TOPIC` lists the facts.

    \b
    factcli topics
    factcli topics --lang zh
    factcli topics --format json
    """
    from factcli.query import topics as run

    store = load(db)
    rows = run(store.indicators(), store.facts())
    first, second = ("zh", "en") if lang == "zh" else ("en", "zh")
    if lang == "zh":
        rows.sort(key=lambda r: r["zh"])
    columns = [Column(k, k, k) for k in ("topic", "zh", "en", "indicators", "facts", "indicator_ids")]
    table = [Column(first, "Topic", "主题"), Column(second, "中文", "English"),
             Column("indicators", "Indicators", "指标数", numeric=True),
             Column("facts", "Facts", "事实数", numeric=True),
             Column("indicator_ids", "Indicator ids", "指标代码", wide=True)]
    output(rows, columns, fmt, lang, table_columns=table, title="Topics" if lang == "en" else "主题",
           empty_is_error=False)
