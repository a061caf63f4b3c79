"""The factcli command line: thin click commands over the domain functions.

Each command parses its options, calls one domain function and hands rows to `render`. Errors raised
by domain code are reported once, in FactcliGroup.invoke, as one line on stderr and an exit status.
"""

from __future__ import annotations

import sys
from typing import Any, ClassVar

import click

from factcli import __version__
from factcli.errors import FactcliError, NoMatchError, UsageError
from factcli.model import period_span
from factcli.options import db_option, format_option, lang_option, listing, sources_option
from factcli.render import Column

Record = dict[str, Any]


# Curators' commands live in cli_curate and are imported only when one of them runs.
LAZY = {"add": "add", "edit": "edit", "remove": "remove", "import": "import_", "extract": "extract"}
LAZY_ADD = {"sources": "sources_add", "regions": "regions_add", "indicators": "indicators_add"}


def lazy_command(attribute: str) -> click.Command:
    from factcli import cli_curate

    command: click.Command = getattr(cli_curate, attribute)
    return command


class FactcliGroup(click.Group):
    """Translates domain errors into exit codes, loads curators' commands on demand, and routes
    `sources add`, `regions add` and `indicators add` to them."""

    lazy: ClassVar[dict[str, str]] = LAZY

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            return lazy_command(self.lazy[cmd_name])
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                             list[str]]:
        if len(args) >= 2 and args[1] == "add" and args[0] in LAZY_ADD:
            return f"{args[0]} add", lazy_command(LAZY_ADD[args[0]]), args[2:]
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactcliError as err:
            click.echo(f"factcli: {err}", err=True)
            for line in err.details:
                click.echo(f"  {line}", err=True)
            ctx.exit(int(err.status))
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=FactcliGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcli")
def cli() -> None:
    """Figures and targets from Shanxi cities' government work reports, each with its source.

    \b
    factcli show xiaoyi gdp            Xiaoyi's GDP over the years
    factcli get lvliang gdp 2024       one value, for scripts: 2643.2
    factcli targets 2025               every target set for 2025
    factcli search 氢能                 hydrogen figures

    Exit codes: 0 success, 1 nothing matched, 2 usage error, 3 ambiguous, 4 store or source problem.
    """


def main() -> None:
    cli(prog_name="factcli")


# ---- shared helpers -------------------------------------------------------------------------


def load(db: str | None) -> Any:
    from factcli.store import open_store

    return open_store(db)


def names_for(store: Any, lang: str) -> Any:
    from factcli.present import Names

    return Names(store.regions(), store.indicators(), store.sources(), lang)


def resolve_region(store: Any, name: str) -> str:
    from factcli.names import Resolver

    return Resolver(store.regions(), "region").resolve(name)


def resolve_indicator(store: Any, name: str) -> str:
    from factcli.names import Resolver

    return Resolver(store.indicators(), "indicator").resolve(name)


def check_period(period: str | None) -> str | None:
    if period is None:
        return None
    try:
        start, end = period_span(period)
    except ValueError as err:
        raise UsageError(str(err)) from None
    if end < start:
        raise UsageError(f"invalid period {period!r}: it ends before it starts")
    return period


def output(rows: list[Record], columns: list[Any], fmt: str | None, lang: str, *,
           table_columns: list[Any] | None = None, title: str | None = None,
           empty_is_error: bool = True, store: Any = None) -> None:
    """Emit rows; in a table whose rows cite sources (store given), as [n] keys with a legend."""
    from factcli.render import default_format, emit

    fmt = fmt or default_format()
    caption = None
    if fmt == "table" and store is not None:
        from factcli.present import footnote_sources

        rows = [dict(row) for row in rows]
        caption = footnote_sources(rows, {s["id"]: s for s in store.sources()}, lang)
    emit(rows, columns, fmt, lang=lang, title=title, table_columns=table_columns, caption=caption)
    if empty_is_error and not rows:
        raise NoMatchError("nothing matched")


def complete_region(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    return complete_ids("regions", ctx, incomplete)


def complete_indicator(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    return complete_ids("indicators", ctx, incomplete)


def complete_ids(table: str, ctx: click.Context, incomplete: str) -> list[str]:
    try:
        store = load(ctx.params.get("db"))
        return sorted(r["id"] for r in store.all(table) if r["id"].startswith(incomplete.lower()))
    except FactcliError:
        return []


kind_option = click.option("--kind", type=click.Choice(("actual", "estimate", "target")),
                           help="Only facts of this kind.")
measure_option = click.option("--measure", type=click.Choice(("level", "growth", "share", "rank", "count")),
                              help="Only facts of this measure.")
source_filter = click.option("--source", "source", help="Only facts from this source id.")
region_arg = click.argument("region", shell_complete=complete_region)
indicator_arg = click.argument("indicator", shell_complete=complete_indicator)


# ---- lookups ----------------------------------------------------------------------------------


@cli.command()
@region_arg
@click.argument("indicator", required=False, shell_complete=complete_indicator)
@click.option("--period", "--year", "period", help="A year (also matches plan periods ending in it) or a span.")
@kind_option
@measure_option
@source_filter
@click.option("--category", help="Only indicators of this category (economy, fiscal, energy ...).")
@click.option("--evidence", "-e", "with_evidence", is_flag=True, help="Add the verbatim excerpt to the table.")
@click.option("--chart", is_flag=True, help="Draw the series as bars (needs INDICATOR).")
@listing
def show(region: str, indicator: str | None, period: str | None, kind: str | None, measure: str | None,
         source: str | None, category: str | None, with_evidence: bool, chart: bool, db: str | None,
         fmt: str | None, lang: str) -> None:
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
    filters = query.Filters(region=resolve_region(store, region),
                            indicator=resolve_indicator(store, indicator) if indicator is not None else None,
                            period=check_period(period), kind=kind, measure=measure, source=source,
                            category=category)
    categories = {i["id"]: i.get("category") for i in store.indicators()}
    facts = query.select(store.facts(), filters, categories)
    names = names_for(store, lang)
    if chart:
        if not indicator:
            raise UsageError("--chart needs an INDICATOR")
        draw_series(facts, names, lang)
        if not facts:
            raise NoMatchError("nothing matched")
        return
    from factcli.render import default_format

    fmt = fmt or default_format()
    title = f"{names.region(filters.region)} · {names.indicator(filters.indicator)}" if indicator else \
        names.region(filters.region)
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


def draw_series(facts: list[Record], names: Any, lang: str) -> None:
    from factcli.diff import series
    from factcli.present import shown_value
    from factcli.render import emit_chart

    for measure in ("level", "count", "growth", "share", "rank"):
        points = series([f for f in facts if f["measure"] == measure])
        if points:
            click.echo(f"{measure}:")
            emit_chart([(f"{p.period} {p.fact['kind'][:3]}", p.base_value, shown_value(p.fact, lang))
                        for p in points])


@cli.command()
@region_arg
@indicator_arg
@click.argument("period", required=False)
@kind_option
@measure_option
@source_filter
@click.option("--field", default="value", show_default=True,
              help="The field to print: value, unit, qualifier, evidence, source, id, period, kind, "
                   "value_base, base_unit, or any stored field.")
@db_option
def get(region: str, indicator: str, period: str | None, kind: str | None, measure: str | None,
        source: str | None, field: str, db: str | None) -> None:
    """Exactly one value on stdout, nothing else: for scripts and $(…).

    Without PERIOD, the latest period with an outcome; without --measure, the level (or count) where
    there is one. The same figure printed by several documents counts as one (the most recent
    document's is used). No match exits 1; several different matches exit 3 with the candidates
    on stderr.

    \b
    factcli get lvliang gdp 2024                 2643.2
    factcli get xiaoyi gdp 2024 --field qualifier  at_least
    factcli get lvliang gdp 2024 --measure rank   2
    factcli get xiaoyi gdp 2025 --kind target --field evidence
    """
    from factcli import query
    from factcli.render import emit_value
    from factcli.units import lookup, to_base

    store = load(db)
    filters = query.Filters(region=resolve_region(store, region), indicator=resolve_indicator(store, indicator),
                            period=check_period(period), kind=kind, measure=measure, source=source)
    dates = {s["id"]: s.get("date", "") for s in store.sources()}
    fact = query.one_fact(store.facts(), filters, dates)
    if field == "value_base":
        emit_value(to_base(fact["value"], fact["unit"]))
    elif field == "base_unit":
        emit_value(lookup(fact["unit"]).base)
    elif field in fact or field in ("basis", "value_high", "scope", "note"):
        emit_value(fact.get(field))
    else:
        raise UsageError(f"unknown field {field!r}")


@cli.command()
@click.argument("year", type=int)
@click.argument("region", required=False, shell_complete=complete_region)
@click.option("--track", "with_status", is_flag=True, help="Add each target's status against outcomes.")
@click.option("--evidence", "-e", "with_evidence", is_flag=True, help="Add the verbatim excerpt to the table.")
@listing
def targets(year: int, region: str | None, with_status: bool, with_evidence: bool, db: str | None,
            fmt: str | None, lang: str) -> None:
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
    facts = query.targets(store.facts(), year, region_id)
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

        statuses = {t.target["id"]: t for t in track(store.facts(), region=region_id, year=year)}
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


def single_period(rows: list[Record], year: int | None) -> bool:
    """Every row is for the year in the title, so a period column would only repeat it."""
    return year is not None and all(row["period"] == str(year) for row in rows)


@cli.command()
@click.argument("text")
@click.option("--evidence", "-e", "with_evidence", is_flag=True, help="Add the verbatim excerpt to the table.")
@listing
def search(text: str, with_evidence: bool, db: str | None, fmt: str | None, lang: str) -> None:
    """Facts whose indicator (Chinese or English names and aliases), region, evidence or note
    contains TEXT.

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


@cli.command()
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


@cli.command()
@listing
def regions(db: str | None, fmt: str | None, lang: str) -> None:
    """The regions, with their aliases and counts of facts. `factcli regions add --help` adds one.

    \b
    factcli regions
    factcli regions --format json
    """
    from factcli.present import LISTS

    store = load(db)
    counts = count_by(store.facts(), "region")
    rows = [dict(r, facts=counts.get(r["id"], 0), name=names_for(store, lang).region(r["id"]))
            for r in sorted(store.regions(), key=lambda r: r["id"])]
    output(rows, LISTS["regions"], fmt, lang, table_columns=LISTS["regions_table"], empty_is_error=False)


@cli.command()
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
    counts = count_by(facts, "indicator")
    names = names_for(store, lang)
    rows = [dict(i, facts=counts.get(i["id"], 0), name=names.indicator(i["id"]))
            for i in sorted(store.indicators(), key=lambda i: (i.get("category", ""), i["id"]))
            if (not region or i["id"] in counts) and (not category or i.get("category") == category)]
    output(rows, LISTS["indicators"], fmt, lang, table_columns=LISTS["indicators_table"])


@cli.command()
@listing
def sources(db: str | None, fmt: str | None, lang: str) -> None:
    """The source documents, with dates and counts of facts. `factcli sources add --help` adds one.

    \b
    factcli sources
    factcli sources --format csv
    """
    from factcli.present import LISTS

    store = load(db)
    counts = count_by(store.facts(), "source")
    rows = [dict(s, facts=counts.get(s["id"], 0), title=s["title_zh" if lang == "zh" else "title_en"])
            for s in sorted(store.sources(), key=lambda s: (s.get("date", ""), s["id"]))]
    output(rows, LISTS["sources"], fmt, lang, table_columns=LISTS["sources_table"], empty_is_error=False)


def count_by(facts: list[Record], field: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for fact in facts:
        counts[fact[field]] = counts.get(fact[field], 0) + 1
    return counts


# ---- the store as a whole -----------------------------------------------------------------------


@cli.command()
@click.option("--format", "-f", "fmt", type=click.Choice(("jsonl", "json", "csv", "tsv", "sqlite")),
              default="jsonl", show_default=True, help="jsonl/json/csv/tsv: the facts; sqlite: every table.")
@click.option("--out", "out", type=click.Path(),
              help="sqlite: the database file; csv: a folder for one CSV per table (otherwise stdout).")
@db_option
def export(fmt: str, out: str | None, db: str | None) -> None:
    """Every fact with every field, plus source_file, value_base and base_unit.

    The field names are a contract: scripts rely on them. `--format sqlite --out facts.db` writes all
    four tables, with indexes and foreign keys, for datasette, sqlite-utils or DuckDB.

    \b
    factcli export --format jsonl > facts.jsonl
    factcli export --format sqlite --out factcli.db
    factcli export --format csv --out tables/
    """
    from pathlib import Path

    from factcli import export as exporter
    from factcli.model import EXPORT_FIELDS
    from factcli.render import emit

    store = load(db)
    if fmt == "sqlite":
        if not out:
            raise UsageError("--format sqlite needs --out FILE")
        exporter.to_sqlite(store, Path(out))
        return
    if fmt == "csv" and out:
        exporter.to_csv_folder(store, Path(out))
        return
    if out:
        raise UsageError("--out is for --format sqlite or csv")
    emit(exporter.export_rows(store), [Column(k, k, k) for k in EXPORT_FIELDS], fmt)


@cli.command()
@sources_option
@db_option
def verify(sources_dir: str | None, db: str | None) -> None:
    """Check every record: fields, allowed values, references, ids, units, and each excerpt verbatim
    in its source text (whose sha256 must match) holding the value as printed. Exit 4 on any problem.

    \b
    factcli verify --sources ../shared/seeds
    FACTCLI_SOURCES=texts/ factcli verify
    """
    from pathlib import Path

    from factcli.errors import StoreError
    from factcli.store import TABLES
    from factcli.verify import verify as run

    if not sources_dir:
        raise UsageError("no sources folder: pass --sources DIR or set FACTCLI_SOURCES")
    folder = Path(sources_dir)
    if not folder.is_dir():
        raise StoreError(f"{folder}: sources folder not found")
    store = load(db)
    tables = {name: store.all(name) for name in TABLES}
    problems = run(tables, folder)
    for problem in problems:
        click.echo(str(problem))
    counts = ", ".join(f"{len(tables[t])} {t}" for t in TABLES)
    if problems:
        raise StoreError(f"{len(problems)} problem(s) in {store.path} ({counts})")
    click.echo(f"ok: {counts}; every excerpt found verbatim in its source", err=True)


# ---- comparisons -----------------------------------------------------------------------------


@cli.command()
@region_arg
@click.argument("indicator", required=False, shell_complete=complete_indicator)
@click.argument("start", required=False, metavar="[FROM")
@click.argument("end", required=False, metavar="TO]")
@click.option("--chart", is_flag=True, help="Draw each series as bars (needs INDICATOR).")
@listing
def diff(region: str, indicator: str | None, start: str | None, end: str | None, chart: bool, db: str | None,
         fmt: str | None, lang: str) -> None:
    """Change between periods: absolute, percent and compound annual rate, in base units, beside
    the growth the documents themselves report (reported vs computed).

    Without FROM and TO, each pair of consecutive years with an outcome; without INDICATOR, every
    indicator of the region with two or more. A change between hedged figures (≈, ≥, >) is marked ≈.

    \b
    factcli diff lvliang gdp 2020 2024
    factcli diff lvliang gdp --chart
    factcli diff xiaoyi --format json
    """
    from factcli import present
    from factcli.diff import diffs

    store = load(db)
    region_id = resolve_region(store, region)
    indicator_id = resolve_indicator(store, indicator) if indicator is not None else None
    if (start is None) != (end is None):
        raise UsageError("give both FROM and TO, or neither")
    for year in (start, end):
        if year is not None and not (year.isdigit() and len(year) == 4):
            raise UsageError(f"invalid year {year!r} (expected YYYY)")
    facts = [f for f in store.facts() if f["region"] == region_id
             and (indicator_id is None or f["indicator"] == indicator_id)]
    names = names_for(store, lang)
    by_indicator: dict[str, list[Record]] = {}
    for fact in facts:
        by_indicator.setdefault(fact["indicator"], []).append(fact)
    rows = [present.change_row(change, names, region_id, iid)
            for iid, members in sorted(by_indicator.items()) for change in diffs(members, start, end)]
    if chart:
        if not indicator_id:
            raise UsageError("--chart needs an INDICATOR")
        draw_series([f for f in facts if f["kind"] != "target"], names, lang)
        if not rows:
            raise NoMatchError("fewer than two periods to compare")
        return
    table = [c for c in present.DIFF_TABLE if not (indicator_id and c.key == "indicator_name")]
    title = f"{names.region(region_id)} · {names.indicator(indicator_id)}" if indicator_id else names.region(region_id)
    output(rows, present.DIFF_COLUMNS, fmt, lang, table_columns=table, title=title)


@cli.command()
@indicator_arg
@click.argument("regions", nargs=-1, required=True, shell_complete=complete_region)
@click.option("--period", "--year", "period", help="Only this year (or span).")
@kind_option
@listing
def compare(indicator: str, regions: tuple[str, ...], period: str | None, kind: str | None, db: str | None,
            fmt: str | None, lang: str) -> None:
    """One indicator side by side across regions and periods.

    \b
    factcli compare gdp lvliang xiaoyi jinzhong
    factcli compare smart_coal_mines 吕梁 晋中 --period 2024
    """
    from factcli import present, query

    store = load(db)
    indicator_id = resolve_indicator(store, indicator)
    region_ids = [resolve_region(store, r) for r in regions]
    facts = [f for f in query.select(store.facts(), query.Filters(indicator=indicator_id, period=check_period(period),
                                                                  kind=kind))
             if f["region"] in region_ids]
    facts.sort(key=lambda f: (period_span(f["period"])[::-1], region_ids.index(f["region"])))
    names = names_for(store, lang)
    if (fmt or "") == "table" or (fmt is None and sys.stdout.isatty()):
        rows = present.grouped_rows(facts, names)
        table = [Column("region_name", "Region", "地区")] + \
            [c for c in present.SHOW_TABLE if c.key != "indicator_name"]
        output(rows, [], "table", lang, table_columns=table, title=names.indicator(indicator_id), store=store)
    else:
        output([present.fact_row(f, names) for f in facts], present.FACT_COLUMNS, fmt, lang)


@cli.command()
@click.argument("region", required=False, shell_complete=complete_region)
@click.option("--year", type=int, help="Only targets for this year (or plan periods ending in it).")
@click.option("--status", type=click.Choice(("met", "missed", "on_track", "behind", "not_yet_due", "no_outcome")),
              multiple=True, help="Only these statuses (repeatable).")
@listing
def track(region: str | None, year: int | None, status: tuple[str, ...], db: str | None, fmt: str | None,
          lang: str) -> None:
    """Targets against outcomes: did they hit it?

    Each target is paired with the outcome of the same region, indicator and measure for its
    period or, before it ends, the latest earlier one. Status: met / missed (judged by the target's
    qualifier; "about" targets within ±0.5 points for rates, ±2% for levels), on_track / behind (the
    compound rate needed from the latest outcome vs the rate achieved), not_yet_due, no_outcome.

    \b
    factcli track 2025                 (a year alone is read as --year)
    factcli track xiaoyi --year 2025
    factcli track lvliang --status behind --format json
    """
    from factcli import present
    from factcli.track import track as run

    store = load(db)
    if region and region.isdigit() and len(region) == 4 and year is None:
        year = int(region)
        region = None
    region_id = resolve_region(store, region) if region else None
    names = names_for(store, lang)
    rows = []
    for item in run(store.facts(), region=region_id, year=year):
        if status and item.status not in status:
            continue
        row = present.fact_row(item.target, names)
        row.update(present.track_cells(item, names))
        rows.append(row)
    table = [c for c in present.TRACK_TABLE if not (region_id and c.key == "region_name")
             and not (c.key == "period" and single_period(rows, year))]
    title = "Targets vs outcomes" if lang == "en" else "目标与实际"
    output(rows, present.FACT_COLUMNS + present.TRACK_EXTRA, fmt, lang, table_columns=table,
           title=title + (f" · {year}" if year else ""), store=store)


@cli.command()
@click.option("--errors-only", is_flag=True, help="Leave out warnings.")
@listing
def check(errors_only: bool, db: str | None, fmt: str | None, lang: str) -> None:
    """The store's own consistency: one figure quoted differently by two documents (rounding or not),
    growth contradicting its levels, tenfold jumps (unit slips), shares above 100, ranks below 1, a
    county above its prefecture, mixed units. Exit 4 when any finding is an error.

    \b
    factcli check
    factcli check --format json
    """
    from factcli.check import check as run
    from factcli.errors import StoreError

    store = load(db)
    findings = [f for f in run(store.facts(), store.regions()) if not errors_only or f.severity == "error"]
    rows = [f.as_row() for f in findings]
    columns = [Column("severity", "Severity", "级别"), Column("check", "Check", "检查"),
               Column("facts", "Facts", "事实"), Column("message", "Finding", "说明", wide=True)]
    output(rows, columns, fmt, lang, table_columns=[columns[0], columns[1], columns[3]], title="factcli check",
           empty_is_error=False)
    errors = sum(1 for f in findings if f.severity == "error")
    if errors:
        raise StoreError(f"{errors} error(s), {len(findings) - errors} warning(s)")

