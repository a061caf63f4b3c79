"""The factcli command line: the root group, where each command is found, and errors -> exit codes.

Each command parses its options, queries the domain functions, builds its view (views.py) and hands
it to `env.output`. Errors raised by domain code are reported once, in FactcliGroup.invoke, as one
sanitized line on stderr and an exit status.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from typing import Any

import click

from factcli import __version__
from factcli.context import Environment
from factcli.errors import FactcliError, UsageError
from factcli.lazy import LazyGroup
from factcli.render import clean

# Every command lives in a module of its kind, imported only when it runs (see factcli/lazy.py).
LAZY = {
    "show": "cli_lookup:show", "get": "cli_lookup:get",
    "targets": "cli_browse:targets", "search": "cli_browse:search", "cite": "cli_browse:cite",
    "regions": "cli_browse:regions", "indicators": "cli_browse:indicators", "sources": "cli_browse:sources",
    "topics": "cli_browse:topics",
    "diff": "cli_analysis:diff", "compare": "cli_analysis:compare", "track": "cli_analysis:track",
    "check": "cli_analysis:check",
    "export": "cli_store:export", "verify": "cli_store:verify",
    "init": "cli_store:init", "convert": "cli_store:convert",
    "add": "cli_curate:add", "edit": "cli_curate:edit", "remove": "cli_curate:remove", "import": "cli_curate:import_",
    "extract": "cli_curate:extract",
}


class FactcliGroup(LazyGroup):
    """Translates domain errors into exit codes, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactcliError as err:
            click.echo(f"factcli: {clean(str(err))}", err=True)
            for line in err.details:
                # details may be tab-separated columns (the candidates of an ambiguous `get`)
                click.echo("  " + "\t".join(clean(part) for part in line.split("\t")), err=True)
            ctx.exit(int(err.status))
        except click.UsageError as err:
            # click quotes most values it rejects, but an extra argument is echoed as typed
            raise click.UsageError(clean(err.format_message()), err.ctx) from None
        except UnicodeEncodeError as err:
            # undecodable bytes in an argument, or an output encoding (PYTHONIOENCODING=ascii) without CJK
            problem = ("an argument is not valid UTF-8 text" if "surrogate" in err.reason else
                       f"the output's encoding ({err.encoding}) cannot show this text: use a UTF-8 locale "
                       "or PYTHONIOENCODING=utf-8")
            click.echo(f"factcli: {problem}", err=True)
            ctx.exit(int(UsageError.status))
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)
        except OSError as err:
            if err.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF):
                raise
            unwritable(err)
            ctx.exit(4)


def show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"factcli, version {__version__}", color=ctx.color)
        ctx.exit()


def unwritable(err: OSError) -> None:
    """The answer could not be written (stdout on a full disk, /dev/full): a failure, not a traceback."""
    click.echo(f"factcli: cannot write the output: {clean(err.strerror or str(err))}", err=True)
    sys.stdout = open(os.devnull, "w")  # what stayed buffered is dropped, not raised again at exit


@click.group(cls=FactcliGroup, lazy=LAZY, context_settings={"help_option_names": ["-h", "--help"]})
# click.version_option would pass its message and help through gettext at import (see factcli/lazy.py)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=show_version,
              help="Show the version and exit.")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Figures and targets from Shanxi cities' government work reports, each with its source.

    \b
    factcli show xiaoyi gdp            Xiaoyi's GDP over the years
    factcli get lvliang gdp 2024       one value, for scripts: 2643.2
    factcli targets 2025               every target set for 2025
    factcli search 氢能                 hydrogen figures

    Exit codes: 0 success, 1 nothing matched, 2 usage error, 3 ambiguous, 4 store or source problem.
    """
    # the terminal is read once, here; a test passes its own Environment as obj
    ctx.ensure_object(Environment)


def main() -> None:
    if sys.stdout is None:  # started with stdout closed (>&-): nowhere to answer
        if sys.stderr is not None:
            sys.stderr.write("factcli: standard output is closed\n")
        sys.exit(4)
    try:
        cli(prog_name="factcli")
    finally:
        # Python's exit would search every object once more for reference cycles to free (~5 ms: as much as
        # importing the lookups); the process is ending, and the system takes its memory back anyway. The
        # finalizers of objects in cycles then never run: nothing relies on one (stores are closed by the
        # context's close callbacks and by `writing`, files by their `with` blocks)
        gc.freeze()
        # a short answer, or a header before "nothing matched", meets a full disk only when flushed
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            sys.stdout = open(os.devnull, "w")  # the reader stopped reading (| head): that is no failure
        except OSError as err:
            unwritable(err)
            raise SystemExit(4) from None
