"""One invocation's world, decided once and handed to every command (like httpie's `Environment`).

The terminal (is stdout one, how wide, may it be coloured) is read from the process when the
Environment is made; the options that shape an invocation (--db, --lang, --format) are recorded on
it as click parses them; the store, names and resolvers are opened on first use, once. Tests pass
their own Environment (`CliRunner().invoke(cli, args, obj=Environment(is_terminal=True, width=120))`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING

import click

from factcli.errors import NoMatchError

if TYPE_CHECKING:
    from factcli.model import Record
    from factcli.names import Resolver
    from factcli.present import Names
    from factcli.store import Store
    from factcli.views import Chart, View

DEFAULT_WIDTH = 80


def columns_from(environ: Mapping[str, str]) -> int | None:
    """COLUMNS when it is a positive whole number. Anything else is ignored, as rich, shutil and Python
    itself ignore it: a stray shell variable should not stop a lookup."""
    text = environ.get("COLUMNS", "")
    return int(text) if text.isascii() and text.isdigit() and int(text) >= 1 else None


class Environment:
    """Output settings, language and the store of one invocation."""

    def __init__(self, *, is_terminal: bool | None = None, width: int | None = None, styled: bool | None = None,
                 height: int | None = None, environ: Mapping[str, str] | None = None) -> None:
        environ = os.environ if environ is None else environ
        self.is_terminal = sys.stdout.isatty() if is_terminal is None else is_terminal
        self._width = width or columns_from(environ)
        self._height = height
        # as git: FACTCLI_PAGER, else PAGER, else less; set to nothing, no pager
        self.pager_command = environ.get("FACTCLI_PAGER", environ.get("PAGER", "less -FRX")).strip() or None
        self.paging = True  # --no-pager turns it off
        # bold and dim where they will be shown: on a terminal, or wherever FORCE_COLOR asks for them, unless
        # TERM names a terminal without styles (as rich's Console decided it)
        shows_styles = environ.get("TERM", "").lower() not in ("dumb", "unknown")
        self.styled = ((self.is_terminal or bool(environ.get("FORCE_COLOR"))) and shows_styles
                       if styled is None else styled)
        self.db: str | None = None
        self.lang = "en"
        self.requested_format: str | None = None
        self._store: Store | None = None
        self._names: Names | None = None
        self._resolvers: dict[str, Resolver] = {}
        self._categories: dict[str, str] | None = None
        self._sources: dict[str, Record] | None = None

    @property
    def stdout(self) -> IO[str]:
        # read at write time: click's test runner swaps sys.stdout for each invocation
        return sys.stdout

    @property
    def format(self) -> str:
        """The output format: as asked, else a table for people at a terminal and TSV for pipes."""
        return self.requested_format or ("table" if self.is_terminal else "tsv")

    @property
    def width(self) -> int:
        """Table width: COLUMNS, else the terminal's, else 80 (a pipe has no width of its own)."""
        if self._width is None:
            try:
                self._width = os.get_terminal_size(self.stdout.fileno()).columns if self.is_terminal else None
            except (OSError, ValueError):
                self._width = None
            self._width = self._width or DEFAULT_WIDTH
        return self._width

    @property
    def height(self) -> int | None:
        """The terminal's lines, where there is a terminal that says."""
        if self._height is None and self.is_terminal:
            try:
                self._height = os.get_terminal_size(self.stdout.fileno()).lines
            except (OSError, ValueError):
                self._height = None
        return self._height

    def pager(self, lines: int) -> str | None:
        """The pager for output of so many lines: only on a terminal it would overflow, as git does."""
        height = self.height
        if not (self.is_terminal and self.paging and self.pager_command and height):
            return None
        return self.pager_command if lines > height else None

    def page(self, text: str) -> None:
        """Write text, through the pager when it is taller than the screen."""
        command = self.pager(text.count("\n"))
        if command is None:
            self.stdout.write(text)
        else:
            from factcli.pager import page

            page(text, command, self.stdout)

    @property
    def store(self) -> Store:
        if self._store is None:
            from factcli.store import open_store

            self._store = open_store(self.db)
            ctx = click.get_current_context(silent=True)
            if ctx is not None:  # a SQLite store's connection ends with the command, leaving no -wal or -shm
                ctx.call_on_close(self._store.close)
        return self._store

    @property
    def names(self) -> Names:
        if self._names is None:
            from factcli.present import Names

            self._names = Names(self.store.regions(), self.store.indicators(), self.lang)
        return self._names

    def resolver(self, table: str) -> Resolver:
        if table not in self._resolvers:
            self._resolvers[table] = resolver(self.store, table)
        return self._resolvers[table]

    def region(self, name: str) -> str:
        """The id of the region a person typed (孝义, Xiaoyi, xiaoyi city), or exit 2 with suggestions."""
        return self.resolver("regions").resolve(name)

    def indicator(self, name: str) -> str:
        return self.resolver("indicators").resolve(name)

    def categories(self) -> dict[str, str]:
        """Each indicator's category, by indicator id."""
        if self._categories is None:
            self._categories = {i["id"]: i.get("category", "") for i in self.store.indicators()}
        return self._categories

    def sources(self) -> dict[str, Record]:
        """The source documents by id."""
        if self._sources is None:
            self._sources = {s["id"]: s for s in self.store.sources()}
        return self._sources

    def source_dates(self) -> dict[str, str]:
        """Each source document's date, by id: what tells a target from the outcomes reported after it."""
        return {sid: source.get("date", "") for sid, source in self.sources().items()}

    def output(self, view: View) -> None:
        """Write a view in the invocation's format; an empty result that should not be is exit 1."""
        from factcli import render

        fmt = self.format
        if fmt == "table" and view.text is not None:
            self.stdout.write(view.text + "\n")
        elif fmt == "table":
            import io

            buffer = io.StringIO()
            render.emit_table(view.rows, view.table or view.columns, lang=self.lang, title=view.title,
                              caption=view.legend, out=buffer, width=self.width, styled=self.styled)
            self.page(buffer.getvalue())
        else:
            render.emit(view.rows, view.columns, fmt, out=self.stdout)
        if not view.rows and not view.empty_ok:
            raise NoMatchError("nothing matched")

    def chart(self, chart: Chart) -> None:
        """Bars for each measure of a series; a chart is for people, so it has no machine format."""
        from factcli.render import emit_chart

        for measure, points in chart:
            click.echo(f"{measure}:", file=self.stdout)
            emit_chart(points, out=self.stdout)


pass_env = click.make_pass_decorator(Environment, ensure=True)


def resolver(store: Store, table: str) -> Resolver:
    from factcli.names import Resolver

    return Resolver(store.all(table), table.removesuffix("s"))


# Writers resolve names against the store they hold locked, not the invocation's read-only one.
def resolve_region(store: Store, name: str) -> str:
    return resolver(store, "regions").resolve(name)


def resolve_indicator(store: Store, name: str) -> str:
    return resolver(store, "indicators").resolve(name)
