"""Every command is registered where the registry says, has help with real examples, and is in the README."""

from __future__ import annotations

import importlib
from pathlib import Path

import click
import pytest
from conftest import invoke

from factcli.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMAND_MODULES = ("cli_lookup", "cli_browse", "cli_analysis", "cli_store", "cli_curate")


def reachable(group: click.Group, path: tuple[str, ...] = ()) -> dict[str, click.Command]:
    """Every command the registry leads to from `group`, by its path (`regions add`)."""
    found: dict[str, click.Command] = {}
    for name in group.list_commands(click.Context(group)):
        command = group.get_command(click.Context(group), name)
        assert command is not None, f"`{' '.join((*path, name))}` is listed but does not load"
        found[" ".join((*path, name))] = command
        if isinstance(command, click.Group):
            found.update(reachable(command, (*path, name)))
    return found


COMMANDS = reachable(cli)


def defined() -> list[click.Command]:
    modules = [importlib.import_module(f"factcli.{name}") for name in COMMAND_MODULES]
    return [value for module in modules for value in vars(module).values() if isinstance(value, click.Command)]


def test_every_defined_command_is_registered_and_every_registered_one_is_defined() -> None:
    registered = {id(command) for command in COMMANDS.values()}
    missing = [command.name for command in defined() if id(command) not in registered]
    assert missing == [], f"defined but not reachable from factcli: {missing}"
    assert registered == {id(command) for command in defined()}


def test_every_command_is_listed() -> None:
    assert {"show", "get", "targets", "diff", "compare", "search", "regions", "indicators", "sources", "cite",
            "export", "verify", "track", "check", "add", "edit", "remove", "import", "extract", "regions add",
            "indicators add", "sources add"} <= set(COMMANDS)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_command_has_help_with_examples(path: str) -> None:
    result = invoke(*path.split(), "--help")
    assert result.exit_code == 0
    assert f"factcli {path}" in result.stdout, f"{path} --help shows no example"


@pytest.mark.parametrize("name", ["regions", "indicators", "sources"])
def test_list_help_shows_its_add_subcommand(name: str) -> None:
    out = invoke(name, "--help").stdout
    assert "Commands:" in out and "\n  add " in out


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_command_is_in_the_readme(path: str) -> None:
    assert f"factcli {path}" in README, f"README does not document `factcli {path}`"


def test_readme_starts_with_install_and_test_commands() -> None:
    first = [line.strip() for line in README.splitlines()[1:5] if line.strip()]
    assert first[0].endswith("factcli show xiaoyi gdp")
    assert "pytest" in first[1]


def test_subcommand_usage_names_its_path_only() -> None:
    usage = invoke("indicators", "add", "--help").stdout.splitlines()[0]
    assert usage.endswith(" indicators add [OPTIONS]") and "[REGION]" not in usage
