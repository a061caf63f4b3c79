"""The kinds of command factcli is made of: groups whose commands are imported only when they run (or
help lists them), and commands whose --help costs no gettext lookup.

A lookup from a script pays for the lookups, not for the curators' or the analysts' commands: each
command module costs milliseconds to import, a large part of a start-up that scripts pay on every
call. The price is a registry of names that could drift from the definitions; tests/test_docs.py
proves that every command defined in a command module is reachable from `factcli` and documented.

click makes each command's --help option with its help text passed through gettext, and a process's first
gettext call imports `locale` and searches the disk for message catalogues: about a millisecond of a
lookup's start-up, for catalogues neither click nor factcli ships. `Command` makes the same option with
the same text, untranslated.
"""

from __future__ import annotations

import importlib
from typing import Any

import click


def show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class Command(click.Command):
    """A command whose --help option is made without gettext (see above); otherwise click's own."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        # click's cache of the option: its parameters are told apart by identity, so it is made once
        if self._help_option is None:
            self._help_option = click.Option(names, is_flag=True, expose_value=False, is_eager=True,
                                             help="Show this message and exit.", callback=show_help)
        return self._help_option


def load_command(target: str) -> click.Command:
    """'cli_lookup:show' -> the command object `show` of factcli.cli_lookup."""
    module, attribute = target.split(":")
    command: click.Command = getattr(importlib.import_module(f"factcli.{module}"), attribute)
    return command


class LazyGroup(Command, click.Group):
    """A group whose subcommands are named here and imported on first use."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            return load_command(self.lazy[cmd_name])
        return super().get_command(ctx, cmd_name)


class ListingGroup(LazyGroup):
    """A list that also has subcommands: `factcli regions` lists, `factcli regions add` adds.

    The group's own argument (`indicators [REGION]`) would swallow the subcommand's name, so a first
    word that names a subcommand is taken as one; anything else is the list's own arguments and options,
    in any order, as before these lists had subcommands.
    """

    allow_interspersed_args = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, invoke_without_command=True, subcommand_metavar="[add ...]", **kwargs)

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        if ctx.command is self:
            return params
        # asked for a subcommand's usage line, which is `factcli indicators add`: the list's own arguments
        # do not come before the subcommand's name
        return [p for p in params if not isinstance(p, click.Argument)]

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] in self.list_commands(ctx):
            super().parse_args(ctx, [])
            # what click.Group.parse_args does with a subcommand's name (click >= 8.2)
            ctx._protected_args, ctx.args = args[:1], args[1:]
            return ctx.args
        return super().parse_args(ctx, args)
