"""Comparisons: diff, compare, track, check."""

from __future__ import annotations

import click

from factcli.context import Environment, pass_env
from factcli.errors import NoMatchError, UsageError
from factcli.lazy import Command
from factcli.model import YEARS, Record, period_span
from factcli.options import (
    category_option,
    complete_region,
    indicator_arg,
    kinds_option,
    listing,
    optional_indicator_arg,
    period_option,
    region_arg,
)
from factcli.present import STATUS_LABELS


@click.command(cls=Command)
@region_arg
@optional_indicator_arg
@click.argument("start", required=False, metavar="[FROM")
@click.argument("end", required=False, metavar="TO]")
@click.option("--chart", is_flag=True, help="Draw each series as bars (needs INDICATOR).")
@listing
@pass_env
def diff(env: Environment, region: str, indicator: str | None, start: str | None, end: str | None,
         chart: bool) -> None:
    """Change between periods: absolute, percent and compound annual rate, in base units, beside
    the growth the documents themselves report (reported vs computed).

    Without FROM and TO, each pair of consecutive years with an outcome; without INDICATOR, every
    indicator of the region with two or more. A change between hedged figures (≈, ≥, >) is marked ≈.

    \b
    factcli diff lvliang gdp 2020 2024
    factcli diff lvliang gdp --chart
    factcli diff xiaoyi --format json
    """
    from factcli import views
    from factcli.diff import diffs

    region_id = env.region(region)
    indicator_id = env.indicator(indicator) if indicator is not None else None
    if (start is None) != (end is None):
        raise UsageError("give both FROM and TO, or neither")
    for year in (start, end):
        if year is not None and not (year.isascii() and year.isdigit() and len(year) == 4):
            raise UsageError(f"invalid year {year!r} (expected YYYY)")
    if start and end and start >= end:
        raise UsageError(f"FROM ({start}) must come before TO ({end})")
    facts = env.store.select(region=region_id, indicator=indicator_id)
    by_indicator: dict[str, list[Record]] = {}
    for fact in facts:
        by_indicator.setdefault(fact["indicator"], []).append(fact)
    changes = [(iid, change) for iid, members in sorted(by_indicator.items()) for change in diffs(members, start, end)]
    if chart:
        if not indicator_id:
            raise UsageError("--chart needs an INDICATOR")
        env.chart(views.chart([f for f in facts if f["kind"] != "target"], env.lang))
        if not changes:
            raise NoMatchError("fewer than two periods to compare")
        return
    env.output(views.diff(changes, env, region_id, indicator_id))


@click.command(cls=Command)
@indicator_arg
@click.argument("regions", nargs=-1, required=True, shell_complete=complete_region)
@period_option
@kinds_option
@listing
@pass_env
def compare(env: Environment, indicator: str, regions: tuple[str, ...], period: str | None,
            kinds: tuple[str, ...]) -> None:
    """One indicator side by side across regions and periods.

    \b
    factcli compare gdp lvliang xiaoyi jinzhong
    factcli compare smart_coal_mines 吕梁 晋中 --period 2024
    """
    from factcli import query, views
    from factcli.selection import any_of

    indicator_id = env.indicator(indicator)
    region_ids = [env.region(r) for r in regions]
    facts = any_of(query.select(env.store.select(region=region_ids, indicator=indicator_id),
                                query.Filters(period=period)), {}, kind=kinds)
    facts.sort(key=lambda f: (period_span(f["period"])[::-1], region_ids.index(f["region"])))
    env.output(views.compare(facts, env, indicator_id))


@click.command(cls=Command)
@click.argument("first", metavar="[REGION]", required=False, shell_complete=complete_region)
@click.argument("second", metavar="[YEAR]", required=False, shell_complete=complete_region)
@click.option("--year", "year_option", type=click.IntRange(*YEARS),
              help="Only targets for this year (or plan periods ending in it).")
@click.option("--status", type=click.Choice(tuple(STATUS_LABELS["en"])), multiple=True,
              help="Only these statuses (repeatable).")
@category_option
@listing
@pass_env
def track(env: Environment, first: str | None, second: str | None, year_option: int | None,
          status: tuple[str, ...], categories: tuple[str, ...]) -> None:
    """Targets against outcomes: did they hit it?

    Each target is paired with the outcome of the same region, indicator and measure for its
    period or, before it ends, the latest earlier one. Status: met / missed (judged by the target's
    qualifier; "about" targets within ±0.5 points for rates, ±2% for levels), unclear (the outcome's
    own hedge leaves it open: "近460" against "at least 460"), met_early (a level or
    count already reached, by an outcome reported after the target was set: 提前完成), on_track /
    behind (the compound rate needed from the latest outcome vs the rate achieved), not_yet_due,
    no_outcome.

    \b
    factcli track 2025
    factcli track xiaoyi 2025          (or 2025 xiaoyi, or xiaoyi --year 2025)
    factcli track lvliang --status behind --format json
    """
    from factcli import views
    from factcli.selection import year_and_region
    from factcli.track import track as run

    year, region = year_and_region(first, second)
    if year is not None and year_option is not None and year != year_option:
        raise UsageError(f"two years given: {year} and --year {year_option}")
    year = year if year is not None else year_option
    region_id = env.region(region) if region else None
    categories_of = env.categories()
    items = [item for item in run(env.store.facts(), region=region_id, year=year,
                                 source_dates=env.source_dates())
             if (not status or item.status in status)
             and (not categories or categories_of.get(item.target["indicator"]) in categories)]
    env.output(views.track(items, env, region_id, year))


@click.command(cls=Command)
@click.option("--errors-only", is_flag=True, help="Leave out warnings.")
@listing
@pass_env
def check(env: Environment, errors_only: bool) -> None:
    """The store's own consistency: one figure quoted differently by two documents (rounding or not),
    growth contradicting its levels, tenfold jumps (unit slips), a
    county above its prefecture, mixed units, an outcome dated after its document, a target long past
    its document, scopes of one indicator that differ only in wording. Exit 4 when any finding is an error.

    \b
    factcli check
    factcli check --format json
    """
    from factcli import views
    from factcli.check import check as run
    from factcli.errors import StoreError

    store = env.store
    findings = [f for f in run(store.facts(), store.regions(), store.sources(), store.indicators())
                if not errors_only or f.severity == "error"]
    env.output(views.check(findings, env.lang))
    errors = sum(1 for f in findings if f.severity == "error")
    if errors:
        raise StoreError(f"{errors} error(s), {len(findings) - errors} warning(s)")
