"""Lookups: show, get, targets, search, cite, topics and the lists of regions, indicators and sources."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from factcli.context import Environment, pass_env
from factcli.errors import NoMatchError, UsageError
from factcli.lazy import Command, ListingGroup
from factcli.options import (
    basis_option,
    binding_option,
    category_option,
    check_period,
    complete_region,
    evidence_option,
    format_option,
    indicator_arg,
    kind_option,
    kinds_option,
    lang_option,
    listing,
    measure_option,
    measures_option,
    optional_indicator_arg,
    optional_region_arg,
    pager_option,
    period_option,
    region_arg,
    source_filter,
    sources_filter,
    store_option,
)


@click.command(cls=Command)
@region_arg
@optional_indicator_arg
@period_option
@kinds_option
@measures_option
@basis_option
@binding_option
@sources_filter
@category_option
@evidence_option
@click.option("--chart", is_flag=True, help="Draw the series as bars (needs INDICATOR).")
@listing
@pass_env
def show(env: Environment, region: str, indicator: str | None, period: str | None, kinds: tuple[str, ...],
         measures: tuple[str, ...], basis: str | None, binding: bool | None, sources: tuple[str, ...],
         categories: tuple[str, ...], with_evidence: bool, chart: bool) -> None:
    """Facts of a region, or one indicator's series over the periods.

    A table shows each value as printed with its hedge (≈ about, ≥ at least, > above, "strive" for
    力争), its growth and rank beside it, and the source. Machine formats give one fact per row.

    \b
    factcli show xiaoyi gdp
    factcli show 吕梁 --period 2025 --kind target
    factcli show xiaoyi --kind actual --kind estimate --category 能源
    factcli show lvliang coal_output --chart
    factcli show jinzhong --format json
    """
    from factcli import query, views
    from factcli.selection import any_of

    region_id = env.region(region)
    indicator_id = env.indicator(indicator) if indicator is not None else None
    filters = query.Filters(region=region_id, indicator=indicator_id, period=period, basis=basis,
                            aspirational=strive(binding))
    selected = query.select(env.store.select(region=region_id, indicator=indicator_id), filters, env.categories())
    facts = any_of(selected, env.categories(), kind=kinds, measure=measures, source=sources, category=categories)
    if chart:
        if not indicator:
            raise UsageError("--chart needs an INDICATOR")
        env.chart(views.chart(facts, env.lang))
        if not facts:
            raise NoMatchError("nothing matched")
        return
    env.output(views.show(facts, env, region_id, indicator_id, with_evidence))


@click.command(cls=Command)
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
@store_option
@pass_env
def get(env: Environment, region: str, indicator: str, period: str | None, kind: str | None, measure: str | None,
        basis: str | None, binding: bool | None, scope: str | None, source: str | None, fields: tuple[str, ...],
        fmt: str, as_json: bool, quiet: bool) -> None:
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
    from factcli.render import Column, clean, emit, emit_value

    filters = query.Filters(region=env.region(region), indicator=env.indicator(indicator),
                            period=check_period(period), kind=kind, measure=measure, source=source, basis=basis,
                            aspirational=strive(binding), scope=scope)
    answer = query.one_fact(env.store.select(region=filters.region, indicator=filters.indicator), filters,
                            env.source_dates())
    fact = answer.fact
    as_json = as_json or fmt == "json"
    if as_json or any(f not in fact for f in fields):
        from factcli.export import export_row

        whole = export_row(fact, {sid: str(s.get("file", "")) for sid, s in env.sources().items()})
        fact = dict(whole, **{k: v for k, v in fact.items() if k not in whole})
        unknown = [f for f in fields if f not in fact]
        if unknown:
            raise UsageError(f"unknown field {unknown[0]!r} (fields: {', '.join(fact)})")
    if as_json:
        emit([fact], [Column(k, k, k) for k in fields or fact], "jsonl")
    else:
        emit_value(*(fact.get(f) for f in fields or ("value",)))
    if not quiet:
        for line in notes(answer, kind):
            click.echo(f"factcli: note: {clean(line)}", err=True)


@click.command(cls=Command)
@click.argument("first", metavar="YEAR", shell_complete=complete_region)
@click.argument("second", metavar="[REGION]", required=False, shell_complete=complete_region)
@measures_option
@basis_option
@binding_option
@sources_filter
@category_option
@click.option("--track", "with_status", is_flag=True, help="Add each target's status against outcomes.")
@evidence_option
@listing
@pass_env
def targets(env: Environment, first: str, second: str | None, measures: tuple[str, ...], basis: str | None,
            binding: bool | None, sources: tuple[str, ...], categories: tuple[str, ...], with_status: bool,
            with_evidence: bool) -> None:
    """Every target set for YEAR (and plan-period targets ending in it); YEAR and REGION in either order.

    Hedges are marked: ≥ at least (以上), ≈ about (左右), > above (突破), ≤ at most (以内);
    "strive" (力争, 争取) marks a soft target, the rest are binding.

    \b
    factcli targets 2025
    factcli targets 2025 吕梁 --track
    factcli targets xiaoyi 2021 --format csv
    factcli targets 2025 --category energy --category 生态环境
    """
    from factcli import query, views
    from factcli.selection import any_of, year_and_region

    year, region = year_and_region(first, second)
    if year is None:
        raise UsageError("missing YEAR (e.g. 2025)")
    region_id = env.region(region) if region else None
    every = env.store.facts()
    facts = query.select(query.targets(every, year, region_id),
                         query.Filters(basis=basis, aspirational=strive(binding)))
    facts = any_of(facts, env.categories(), measure=measures, source=sources, category=categories)
    statuses = None
    if with_status:
        from factcli.track import track

        statuses = {t.target["id"]: t for t in track(every, region=region_id, year=year,
                                                          source_dates=env.source_dates())}
    env.output(views.targets(facts, env, year, region_id, statuses, with_evidence))


@click.command(cls=Command)
@click.argument("text")
@evidence_option
@listing
@pass_env
def search(env: Environment, text: str, with_evidence: bool) -> None:
    """Facts whose indicator (Chinese or English names, aliases and topics such as 氢能/hydrogen),
    region, evidence, scope or note contains TEXT; traditional characters are read as simplified.

    \b
    factcli search 氢能
    factcli search hydrogen
    factcli search "smart coal" --format jsonl
    """
    from factcli import query, views

    store = env.store
    hits = query.search(text, store, store.indicators(), store.regions())
    env.output(views.search(hits, env, text, with_evidence))


@click.command(cls=Command)
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

    fact = env.store.fact(fact_id)
    if fact is None:
        close = env.resolver("facts").suggest(fact_id)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UsageError(f"unknown fact id {fact_id!r}{hint}")
    env.output(views.cite(fact, env.sources()[fact["source"]], env))


def strive(binding: bool | None) -> bool | None:
    """--binding / --strive as the `aspirational` value asked for (None: either)."""
    return None if binding is None else not binding


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
        for option in (store_option, format_option, lang_option, pager_option):
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
@category_option
def indicators(env: Environment, region: str | None, categories: tuple[str, ...]) -> None:
    """The indicators (of one region, if given), with aliases and counts of facts.
    `factcli indicators add` adds one.

    \b
    factcli indicators
    factcli indicators 孝义 --category energy
    """
    from factcli import views

    facts = env.store.select(region=env.region(region)) if region else env.store.facts()
    env.output(views.indicators(env.store.indicators(), facts, env, bool(region), categories))


@list_group("cli_curate:sources_add")
def sources(env: Environment) -> None:
    """The source documents, with dates and counts of facts. `factcli sources add` adds one.

    \b
    factcli sources
    factcli sources --format csv
    """
    from factcli import views

    env.output(views.sources(env.store.sources(), env.store.facts(), env))


@click.command(cls=Command)
@listing
@pass_env
def topics(env: Environment) -> None:
    """The topics that cut across indicators (氢能/hydrogen, 煤炭/coal …), with how many indicators
    and facts each covers. `factcli search TOPIC` lists the facts.

    \b
    factcli topics
    factcli topics --lang zh
    factcli topics --format json
    """
    from factcli import views
    from factcli.query import topics as run

    env.output(views.topics(run(env.store.indicators(), env.store.facts()), env.lang))
