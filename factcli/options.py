"""Options shared by many commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from factcli.render import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    return click.option("--db", "db", type=click.Path(readable=False), envvar="FACTCLI_DB",
                        help="The store to use (default: $FACTCLI_DB, then the data.json shipped "
                             "with factcli).")(func)


def format_option(func: F) -> F:
    return click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
                        help="Output format (default: table on a terminal, tsv otherwise).")(func)


def lang_option(func: F) -> F:
    return click.option("--lang", type=click.Choice(("en", "zh")), envvar="FACTCLI_LANG",
                        default="en", show_default=True,
                        help="Language of labels and names (or $FACTCLI_LANG).")(func)


def sources_option(func: F) -> F:
    return click.option("--sources", "sources_dir", type=click.Path(file_okay=False),
                        envvar="FACTCLI_SOURCES",
                        help="Folder holding the source texts (or $FACTCLI_SOURCES).")(func)


def listing(func: F) -> F:
    """--db, --format and --lang: what every listing command takes."""
    return db_option(format_option(lang_option(func)))
