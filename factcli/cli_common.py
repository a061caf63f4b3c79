"""What the command modules share: loading the store, resolving names, emitting rows, common options."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from factcli.errors import FactcliError, NoMatchError, UsageError
from factcli.model import period_span

if TYPE_CHECKING:
    from factcli.present import Names
    from factcli.store import Store

Record = dict[str, Any]


def load(db: str | None) -> Store:
    from factcli.store import open_store

    return open_store(db)


def names_for(store: Store, lang: str) -> Names:
    from factcli.present import Names

    return Names(store.regions(), store.indicators(), lang)


def resolve_region(store: Store, name: str) -> str:
    from factcli.names import Resolver

    return Resolver(store.regions(), "region").resolve(name)


def resolve_indicator(store: Store, name: str) -> str:
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
           empty_is_error: bool = True, store: Store | None = None) -> None:
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
basis_option = click.option("--basis", type=click.Choice(("yoy", "cumulative", "annual_avg")),
                            help="Only growth of this basis, or span figures that are a total (cumulative) or a "
                                 "yearly average (annual_avg).")
binding_option = click.option("--binding/--strive", "binding", default=None,
                              help="Only binding figures (确保, and every outcome) or only strive targets (力争).")
region_arg = click.argument("region", shell_complete=complete_region)
indicator_arg = click.argument("indicator", shell_complete=complete_indicator)


def draw_series(facts: list[Record], lang: str) -> None:
    from factcli.diff import series
    from factcli.present import shown_value
    from factcli.render import emit_chart

    for measure in ("level", "count", "growth", "share", "rank"):
        points = series([f for f in facts if f["measure"] == measure])
        if points:
            click.echo(f"{measure}:")
            emit_chart([(f"{p.period} {p.fact['kind'][:3]}", p.base_value, shown_value(p.fact, lang))
                        for p in points])


def single_period(rows: list[Record], year: int | None) -> bool:
    """Every row is for the year in the title, so a period column would only repeat it."""
    return year is not None and all(row["period"] == str(year) for row in rows)
