"""Comparisons: diff, compare, track, check."""

from __future__ import annotations

import sys

import click

from factcli.cli_common import (
    Record,
    check_period,
    complete_indicator,
    complete_region,
    draw_series,
    indicator_arg,
    kind_option,
    load,
    names_for,
    output,
    region_arg,
    resolve_indicator,
    resolve_region,
    single_period,
)
from factcli.errors import NoMatchError, UsageError
from factcli.model import period_span
from factcli.options import listing
from factcli.render import Column


@click.command()
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
    if start and end and start >= end:
        raise UsageError(f"FROM ({start}) must come before TO ({end})")
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
        draw_series([f for f in facts if f["kind"] != "target"], lang)
        if not rows:
            raise NoMatchError("fewer than two periods to compare")
        return
    table = [c for c in present.DIFF_TABLE if not (indicator_id and c.key == "indicator_name")]
    title = f"{names.region(region_id)} · {names.indicator(indicator_id)}" if indicator_id else names.region(region_id)
    output(rows, present.DIFF_COLUMNS, fmt, lang, table_columns=table, title=title)


@click.command()
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


@click.command()
@click.argument("region", required=False, shell_complete=complete_region)
@click.option("--year", type=int, help="Only targets for this year (or plan periods ending in it).")
@click.option("--status", type=click.Choice(("met", "met_early", "missed", "on_track", "behind", "not_yet_due",
                                            "no_outcome")),
              multiple=True, help="Only these statuses (repeatable).")
@listing
def track(region: str | None, year: int | None, status: tuple[str, ...], db: str | None, fmt: str | None,
          lang: str) -> None:
    """Targets against outcomes: did they hit it?

    Each target is paired with the outcome of the same region, indicator and measure for its
    period or, before it ends, the latest earlier one. Status: met / missed (judged by the target's
    qualifier; "about" targets within ±0.5 points for rates, ±2% for levels), met_early (a level or
    count already reached, by an outcome reported after the target was set: 提前完成), on_track /
    behind (the compound rate needed from the latest outcome vs the rate achieved), not_yet_due,
    no_outcome.

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
    for item in run(store.facts(), region=region_id, year=year,
                    source_dates={s["id"]: s.get("date", "") for s in store.sources()}):
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


@click.command()
@click.option("--errors-only", is_flag=True, help="Leave out warnings.")
@listing
def check(errors_only: bool, db: str | None, fmt: str | None, lang: str) -> None:
    """The store's own consistency: one figure quoted differently by two documents (rounding or not),
    growth contradicting its levels, tenfold jumps (unit slips), shares above 100, ranks below 1, a
    county above its prefecture, mixed units, an outcome dated after its document, a target long past
    its document. Exit 4 when any finding is an error.

    \b
    factcli check
    factcli check --format json
    """
    from factcli.check import check as run
    from factcli.errors import StoreError

    store = load(db)
    findings = [f for f in run(store.facts(), store.regions(), store.sources())
                if not errors_only or f.severity == "error"]
    rows = [f.as_row() for f in findings]
    columns = [Column("severity", "Severity", "级别"), Column("check", "Check", "检查"),
               Column("facts", "Facts", "事实"), Column("message", "Finding", "说明", wide=True)]
    output(rows, columns, fmt, lang, table_columns=[columns[0], columns[1], columns[3]], title="factcli check",
           empty_is_error=False)
    errors = sum(1 for f in findings if f.severity == "error")
    if errors:
        raise StoreError(f"{errors} error(s), {len(findings) - errors} warning(s)")
