"""Lookups: show, get, targets, search, cite and the lists of regions, indicators and sources."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from factcli.context import Environment, pass_env
from factcli.errors import NoMatchError, UsageError
from factcli.lazy import ListingGroup
from factcli.options import (
    category_option,
    check_period,
    evidence_option,
    format_option,
    indicator_arg,
    kind_option,
    lang_option,
    listing,
    measure_option,
    optional_indicator_arg,
    optional_region_arg,
    period_option,
    region_arg,
    source_filter,
    store_option,
)


@click.command()
@region_arg
@optional_indicator_arg
@period_option
@kind_option
@measure_option
@source_filter
@category_option
@evidence_option
@click.option("--chart", is_flag=True, help="Draw the series as bars (needs INDICATOR).")
@listing
@pass_env
def show(env: Environment, region: str, indicator: str | None, period: str | None, kind: str | None,
         measure: str | None, source: str | None, category: str | None, with_evidence: bool, chart: bool) -> None:
    """Facts of a region, or one indicator's series over the periods.

    A table shows each value as printed with its hedge (≈ about, ≥ at least, > above, "strive" for
    力争), its growth and rank beside it, and the source. Machine formats give one fact per row.

    \b
    factcli show xiaoyi gdp
    factcli show 吕梁 --period 2025 --kind target
    factcli show lvliang coal_output --chart
    factcli show jinzhong --format json
    """
    from factcli import query, views

    region_id = env.region(region)
    indicator_id = env.indicator(indicator) if indicator is not None else None
    filters = query.Filters(region=region_id, indicator=indicator_id, period=period, kind=kind, measure=measure,
                            source=source, category=category)
    facts = query.select(env.store.facts(), filters, env.categories())
    if chart:
        if not indicator:
            raise UsageError("--chart needs an INDICATOR")
        env.chart(views.chart(facts, env.lang))
        if not facts:
            raise NoMatchError("nothing matched")
        return
    env.output(views.show(facts, env, region_id, indicator_id, with_evidence))


@click.command()
@region_arg
@indicator_arg
@click.argument("period", required=False)
@kind_option
@measure_option
@source_filter
@click.option("--field", default="value", show_default=True,
              help="The field to print: value, unit, qualifier, evidence, source, id, period, kind, "
                   "value_base, base_unit, or any stored field.")
@store_option
@pass_env
def get(env: Environment, region: str, indicator: str, period: str | None, kind: str | None, measure: str | None,
        source: str | None, field: str) -> None:
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

    store = env.store
    filters = query.Filters(region=env.region(region), indicator=env.indicator(indicator),
                            period=check_period(period), kind=kind, measure=measure, source=source)
    dates = {s["id"]: s.get("date", "") for s in store.sources()}
    fact = query.one_fact(store.facts(), filters, dates)
    if field in ("value_base", "base_unit"):
        from factcli.units import lookup, to_base

        emit_value(to_base(fact["value"], fact["unit"]) if field == "value_base" else lookup(fact["unit"]).base)
    elif field in fact or field in ("basis", "value_high", "scope", "note"):
        emit_value(fact.get(field))
    else:
        raise UsageError(f"unknown field {field!r}")


@click.command()
@click.argument("year", type=int)
@optional_region_arg
@click.option("--track", "with_status", is_flag=True, help="Add each target's status against outcomes.")
@evidence_option
@listing
@pass_env
def targets(env: Environment, year: int, region: str | None, with_status: bool, with_evidence: bool) -> None:
    """Every target set for YEAR (and plan-period targets ending in it).

    Hedges are marked: ≥ at least (以上), ≈ about (左右), > above (突破), ≤ at most (以内);
    "strive" (力争, 争取) marks a soft target, the rest are binding.

    \b
    factcli targets 2025
    factcli targets 2025 吕梁 --track
    factcli targets 2021 xiaoyi --format csv
    """
    from factcli import query, views

    region_id = env.region(region) if region else None
    facts = query.targets(env.store.facts(), year, region_id)
    statuses = None
    if with_status:
        from factcli.track import track

        statuses = {t.target["id"]: t for t in track(env.store.facts(), region=region_id, year=year)}
    env.output(views.targets(facts, env, year, region_id, statuses, with_evidence))


@click.command()
@click.argument("text")
@evidence_option
@listing
@pass_env
def search(env: Environment, text: str, with_evidence: bool) -> None:
    """Facts whose indicator (Chinese or English names and aliases), region, evidence or note
    contains TEXT.

    \b
    factcli search 氢能
    factcli search hydrogen
    factcli search "smart coal" --format jsonl
    """
    from factcli import query, views

    store = env.store
    hits = query.search(text, store.facts(), store.indicators(), store.regions())
    env.output(views.search(hits, env, text, with_evidence))


@click.command()
@click.argument("fact_id")
@listing
@pass_env
def cite(env: Environment, fact_id: str) -> None:
    """A full citation of one fact: document, date, issuer and the verbatim excerpt.

    \b
    factcli cite lvliang-2025-gwr-001
    factcli cite xiaoyi-2025-conf-001 --format json
    """
    from factcli import views

    fact = next((f for f in env.store.facts() if f["id"] == fact_id), None)
    if fact is None:
        close = env.resolver("facts").suggest(fact_id)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UsageError(f"unknown fact id {fact_id!r}{hint}")
    env.output(views.cite(fact, env.sources()[fact["source"]], env))


def list_group(add: str) -> Callable[[Callable[..., None]], click.Group]:
    """A list with an `add` subcommand (`factcli regions`, `factcli regions add`): the list runs only
    when no subcommand is given."""

    def decorate(func: Callable[..., None]) -> click.Group:
        @functools.wraps(func)
        def callback(*args: Any, **kwargs: Any) -> None:
            if click.get_current_context().invoked_subcommand is None:
                func(*args, **kwargs)

        group = click.group(cls=ListingGroup, lazy={"add": add})(pass_env(callback))
        # the list's own arguments and options first, then --db, --format and --lang, as on every list
        for option in (store_option, format_option, lang_option):
            group = option(group)
        return group

    return decorate


@list_group("cli_curate:regions_add")
def regions(env: Environment) -> None:
    """The regions, with their aliases and counts of facts. `factcli regions add` adds one.

    \b
    factcli regions
    factcli regions --format json
    """
    from factcli import views

    env.output(views.regions(env.store.regions(), env.store.facts(), env))


@list_group("cli_curate:indicators_add")
@optional_region_arg
@click.option("--category", help="Only indicators of this category.")
def indicators(env: Environment, region: str | None, category: str | None) -> None:
    """The indicators (of one region, if given), with aliases and counts of facts.
    `factcli indicators add` adds one.

    \b
    factcli indicators
    factcli indicators 孝义 --category energy
    """
    from factcli import views

    facts = env.store.facts()
    if region:
        region_id = env.region(region)
        facts = [f for f in facts if f["region"] == region_id]
    env.output(views.indicators(env.store.indicators(), facts, env, bool(region), category))


@list_group("cli_curate:sources_add")
def sources(env: Environment) -> None:
    """The source documents, with dates and counts of facts. `factcli sources add` adds one.

    \b
    factcli sources
    factcli sources --format csv
    """
    from factcli import views

    env.output(views.sources(env.store.sources(), env.store.facts(), env))
