"""Lookups of a region's figures: show (its facts, or an indicator's series) and get (one value).

These are the commands scripts call on every line of a loop, and importing a command module builds every
command in it (each option an object), so this module holds these two and nothing else; the other lookups
are in cli_browse.py.
"""

from __future__ import annotations

import click

from factcli.context import Environment, pass_env
from factcli.errors import NoMatchError, UsageError
from factcli.lazy import Command
from factcli.options import (
    basis_option,
    binding_option,
    category_option,
    check_period,
    evidence_option,
    indicator_arg,
    kind_option,
    kinds_option,
    listing,
    measure_option,
    measures_option,
    optional_indicator_arg,
    period_option,
    region_arg,
    source_filter,
    sources_filter,
    store_option,
    strive,
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
