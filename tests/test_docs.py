"""Every command has help with real examples and is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from conftest import invoke

from factcli.cli import LAZY_ADD, cli, lazy_command

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.list_commands(click.Context(cli)))


def test_every_command_is_listed() -> None:
    assert {"show", "get", "targets", "diff", "compare", "search", "regions", "indicators", "sources", "cite",
            "export", "verify", "track", "check", "add", "edit", "remove", "import", "extract"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_examples(name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0
    assert f"factcli {name}" in result.stdout, f"{name} --help shows no example"


@pytest.mark.parametrize("name", sorted(LAZY_ADD))
def test_add_subcommands_have_help(name: str) -> None:
    result = invoke(name, "add", "--help")
    assert result.exit_code == 0 and f"factcli {name} add" in result.stdout
    assert lazy_command(LAZY_ADD[name]).help


@pytest.mark.parametrize("name", [*COMMANDS, *(f"{n} add" for n in LAZY_ADD)])
def test_command_is_in_the_readme(name: str) -> None:
    assert f"factcli {name}" in README, f"README does not document `factcli {name}`"


def test_readme_starts_with_install_and_test_commands() -> None:
    first = [line.strip() for line in README.splitlines()[1:5] if line.strip()]
    assert first[0].endswith("factcli show xiaoyi gdp")
    assert "pytest" in first[1]
