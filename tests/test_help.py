"""Every command's help and click's usage errors, word for word: what people read stays the same when the
options under it are made differently (factcli's own --help and --version, --db without click.Path)."""

from __future__ import annotations

import pytest
from conftest import invoke
from syrupy.assertion import SnapshotAssertion
from test_docs import COMMANDS

USAGE_ERRORS = [
    ("get",), ("get", "lvliang", "gdp", "--nope"), ("show", "xiaoyi", "-x"), ("show", "xiaoyi", "--format", "xml"),
    ("verify", "--sources", "README.md"), ("nope",), ("regions", "--db"),
]


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_help(path: str, snapshot: SnapshotAssertion) -> None:
    result = invoke(*path.split(), "--help")
    assert (result.exit_code, result.stdout) == snapshot
    assert invoke(*path.split(), "-h").stdout == result.stdout


def test_root_help_and_version(snapshot: SnapshotAssertion) -> None:
    assert [(r.exit_code, r.stdout) for r in (invoke("--help"), invoke("--version"))] == snapshot


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=" ".join)
def test_usage_error(args: tuple[str, ...], snapshot: SnapshotAssertion) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout, result.stderr) == snapshot
