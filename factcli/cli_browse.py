"""Browsing the store: the targets of a year, search, a citation, the topics, and the lists of regions,
indicators and sources."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from factcli.context import Environment, pass_env
from factcli.errors import UsageError
from factcli.lazy import Command, ListingGroup
from factcli.options import (
    basis_option,
    binding_option,
    category_option,
    complete_region,
    evidence_option,
    format_option,
    lang_option,
    listing,
    measures_option,
    optional_region_arg,
    pager_option,
    sources_filter,
    store_option,
    strive,
)


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
