"""Every option, argument and completion that more than one command takes, defined once.

The options that shape an invocation (--db, --lang, --format) record themselves on the Environment
as they are parsed, so a command reads them from `env` and the output format is decided in one place.
Every choice is taken from `model`, never copied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from factcli.context import Environment
from factcli.errors import FactcliError, UsageError
from factcli.model import BASES, KINDS, MEASURES, period_span
from factcli.render import FORMATS

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

F = TypeVar("F", bound=Callable[..., Any])


def _record(attribute: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A callback that puts the option's value on the invocation's Environment and passes it on."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        setattr(ctx.ensure_object(Environment), attribute, value)
        return value

    return callback


def complete_file(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The shell completes a file name."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file")]


def _store_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # an empty --db (a variable that was never set, quoted) would otherwise fall back to another store
    if value == "":
        raise UsageError("--db needs a path, not an empty string")
    return _record("db")(ctx, param, value)


# --db is a path that is only passed on: as click.Path(readable=False) would take it, which checks nothing,
# but without the gettext lookup a click.Path makes for its name (see factcli/lazy.py)
def _db(expose: bool) -> Callable[[F], F]:
    return click.option("--db", "db", metavar="PATH", envvar="FACTCLI_DB", expose_value=expose,
                        callback=_store_path, shell_complete=complete_file,
                        help="The store to use (default: $FACTCLI_DB, then the data.json shipped with factcli).")


# Writers name the store themselves (`writing(db)`); readers take it from env.store.
db_option = _db(expose=True)
store_option = _db(expose=False)
format_option = click.option("--format", "-f", "requested_format", type=click.Choice(FORMATS), default=None,
                             expose_value=False, callback=_record("requested_format"),
                             help="Output format (default: table on a terminal, tsv otherwise).")
lang_option = click.option("--lang", type=click.Choice(("en", "zh")), envvar="FACTCLI_LANG", default="en",
                           show_default=True, expose_value=False, callback=_record("lang"),
                           help="Language of labels and names (or $FACTCLI_LANG).")


def sources_option(func: F) -> F:
    """--sources, made when a command that takes it is defined: its click.Path looks its name up with gettext
    (see factcli/lazy.py), which no lookup should pay for."""
    return click.option("--sources", "sources_dir", type=click.Path(file_okay=False), envvar="FACTCLI_SOURCES",
                        help="Folder holding the source texts (or $FACTCLI_SOURCES).")(func)


pager_option = click.option("--no-pager", "paging", flag_value=False, default=True, expose_value=False,
                            callback=_record("paging"),
                            help="Never page a long table (also FACTCLI_PAGER= or PAGER= set to nothing).")


def listing(func: F) -> F:
    """--db, --format, --lang and --no-pager: what every listing command takes."""
    return store_option(format_option(lang_option(pager_option(func))))


def check_period(period: str | None) -> str | None:
    """A period as typed, refused with exit 2 when it is not YYYY or YYYY-YYYY going forward."""
    if period is None:
        return None
    try:
        start, end = period_span(period)
    except ValueError as err:
        raise UsageError(str(err)) from None
    if end < start:
        raise UsageError(f"invalid period {period!r}: it ends before it starts")
    return period


def complete_ids(table: str) -> Callable[[click.Context, click.Parameter, str], list[str]]:
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        try:
            store = ctx.ensure_object(Environment).store
            return sorted(r["id"] for r in store.all(table) if r["id"].startswith(incomplete.lower()))
        except FactcliError:
            return []

    return complete


complete_region = complete_ids("regions")
complete_indicator = complete_ids("indicators")

kind_option = click.option("--kind", type=click.Choice(KINDS), help="Only facts of this kind.")
measure_option = click.option("--measure", type=click.Choice(MEASURES), help="Only facts of this measure.")
source_filter = click.option("--source", "source", help="Only facts from this source id.")
# listings take a filter more than once, as a union: --kind actual --kind estimate
kinds_option = click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True,
                            help="Only facts of this kind (repeatable: any of them).")
measures_option = click.option("--measure", "measures", type=click.Choice(MEASURES), multiple=True,
                               help="Only facts of this measure (repeatable).")
sources_filter = click.option("--source", "sources", multiple=True, help="Only facts from this source id (repeatable).")
basis_option = click.option("--basis", type=click.Choice(BASES),
                            help="Only growth of this basis, or span figures that are a total (cumulative) or a "
                                 "yearly average (annual_avg).")
binding_option = click.option("--binding/--strive", "binding", default=None,
                              help="Only binding figures (确保, and every outcome) or only strive targets (力争).")


def strive(binding: bool | None) -> bool | None:
    """--binding / --strive as the `aspirational` value asked for (None: either)."""
    return None if binding is None else not binding


period_option = click.option("--period", "--year", "period", callback=lambda ctx, param, value: check_period(value),
                             help="A year (also matches plan periods ending in it) or a span.")


def check_categories(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Categories as typed, in English or Chinese (energy, 能源), as their ids; an unknown one is exit 2."""
    if not values:
        return values
    from factcli.present import category_names

    names = category_names()
    known = []
    for value in values:
        category = names.get(value.strip().lower()) or names.get(value.strip())
        if category is None:
            import difflib

            close = difflib.get_close_matches(value.strip().lower(), names, n=3, cutoff=0.75)
            hint = f" (did you mean {', '.join(dict.fromkeys(names[c] for c in close))}?)" if close else ""
            raise UsageError(f"unknown category {value!r}{hint}")
        known.append(category)
    return tuple(dict.fromkeys(known))


category_option = click.option("--category", "categories", multiple=True, callback=check_categories,
                               help="Only indicators of this category, in English or Chinese (energy, 能源; "
                                    "repeatable).")
evidence_option = click.option("--evidence", "-e", "with_evidence", is_flag=True,
                               help="Add the verbatim excerpt to the table.")
region_arg = click.argument("region", shell_complete=complete_region)
optional_region_arg = click.argument("region", required=False, shell_complete=complete_region)
indicator_arg = click.argument("indicator", shell_complete=complete_indicator)
optional_indicator_arg = click.argument("indicator", required=False, shell_complete=complete_indicator)


def names_options(what: str) -> Callable[[F], F]:
    """--id, --name-zh, --name-en and repeatable --alias: how a region or an indicator is named."""
    examples = {"region": ("Pinyin slug, e.g. fenyang.", "Another way people type it (repeatable)."),
                "indicator": ("snake_case English, e.g. coal_output.", "Another name people type (repeatable).")}
    id_help, alias_help = examples[what]

    def decorate(func: F) -> F:
        for option in reversed((click.option("--id", f"{what}_id", required=True, help=id_help),
                                click.option("--name-zh", required=True), click.option("--name-en", required=True),
                                click.option("--alias", "aliases", multiple=True, help=alias_help))):
            func = option(func)
        return func

    return decorate
