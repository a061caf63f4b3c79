"""Exit statuses and the domain exceptions that map onto them.

Domain code raises these; the CLI turns them into a one-line message and an exit code in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcli.model import Problem


class ExitStatus:
    """The exit statuses: plain ints, as an IntEnum would cost every start-up the building of its class."""

    SUCCESS = 0
    NO_MATCH = 1
    USAGE = 2
    AMBIGUOUS = 3
    STORE = 4


class FactcliError(Exception):
    """Base of every error the CLI reports as one line on stderr."""

    status = ExitStatus.USAGE

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


class UsageError(FactcliError):
    """An invalid value, an unknown name: exit 2."""


class NoMatchError(FactcliError):
    """A valid query that matched nothing: exit 1."""

    status = ExitStatus.NO_MATCH


class AmbiguousError(FactcliError):
    """A one-value command matched several facts: exit 3, the candidates in details."""

    status = ExitStatus.AMBIGUOUS


class StoreError(FactcliError):
    """The store or a source is missing, unreadable, corrupt or unverifiable, or a write was unsafe: exit 4."""

    status = ExitStatus.STORE


class RecordsRejected(UsageError):
    """A write refused because records fail the schema: each problem with the record's place in the batch
    (1-based), for the command to say where, as a line number or otherwise."""

    def __init__(self, problems: list[tuple[int, Problem]]) -> None:
        from factcli.render import clean  # the messages quote store and argument text

        super().__init__(f"{len(problems)} problem(s); nothing written", [clean(p.message) for _, p in problems])
        self.problems = problems
