"""The factcli command line: thin click commands over the domain functions.

Each command parses its options, calls one domain function and hands rows to `render`. Errors raised
by domain code are reported once, in FactcliGroup.invoke, as one line on stderr and an exit status.
"""

from __future__ import annotations

import sys
from typing import Any, ClassVar

import click

from factcli import __version__
from factcli.errors import FactcliError

# Every command lives in a module of its kind, imported only when the command runs (or help lists it):
# a lookup from a script pays for the lookups, not for the curators' or the analysts' commands.
LAZY = {
    "show": "cli_lookup:show", "get": "cli_lookup:get", "targets": "cli_lookup:targets",
    "search": "cli_lookup:search", "cite": "cli_lookup:cite", "regions": "cli_lookup:regions",
    "indicators": "cli_lookup:indicators", "sources": "cli_lookup:sources",
    "topics": "cli_lookup:topics",
    "diff": "cli_analysis:diff", "compare": "cli_analysis:compare", "track": "cli_analysis:track",
    "check": "cli_analysis:check",
    "export": "cli_store:export", "verify": "cli_store:verify",
    "add": "cli_curate:add", "edit": "cli_curate:edit", "remove": "cli_curate:remove", "import": "cli_curate:import_",
    "extract": "cli_curate:extract",
}
LAZY_ADD = {"sources": "cli_curate:sources_add", "regions": "cli_curate:regions_add",
            "indicators": "cli_curate:indicators_add"}


def lazy_command(target: str) -> click.Command:
    import importlib

    module, attribute = target.split(":")
    command: click.Command = getattr(importlib.import_module(f"factcli.{module}"), attribute)
    return command


class FactcliGroup(click.Group):
    """Translates domain errors into exit codes, loads commands on demand, and routes `sources add`,
    `regions add` and `indicators add` to the curators' commands."""

    lazy: ClassVar[dict[str, str]] = LAZY

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.lazy)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return lazy_command(self.lazy[cmd_name]) if cmd_name in self.lazy else None

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                             list[str]]:
        if len(args) >= 2 and args[1] == "add" and args[0] in LAZY_ADD:
            return f"{args[0]} add", lazy_command(LAZY_ADD[args[0]]), args[2:]
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactcliError as err:
            click.echo(f"factcli: {err}", err=True)
            for line in err.details:
                click.echo(f"  {line}", err=True)
            ctx.exit(int(err.status))
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=FactcliGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcli")
def cli() -> None:
    """Figures and targets from Shanxi cities' government work reports, each with its source.

    \b
    factcli show xiaoyi gdp            Xiaoyi's GDP over the years
    factcli get lvliang gdp 2024       one value, for scripts: 2643.2
    factcli targets 2025               every target set for 2025
    factcli search 氢能                 hydrogen figures

    Exit codes: 0 success, 1 nothing matched, 2 usage error, 3 ambiguous, 4 store or source problem.
    """


def main() -> None:
    cli(prog_name="factcli")
