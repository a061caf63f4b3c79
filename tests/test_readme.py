"""Every `$ factcli …` example in the README is a real run: the output block under it is what the command
prints (stdout, then stderr, then the exit line where the example echoes it). Tables are as on a terminal
80 columns wide, as the README says; piped examples get no terminal. The curating examples write a store
and are left out; so are the figures of "Speed and size", which come from bench/run.py."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from conftest import invoke, terminal

README = Path(__file__).resolve().parent.parent / "README.md"
WIDTH = 80
SOURCES = "texts/"  # how the README names the folder of source texts


def examples(text: str) -> list[tuple[str, str]]:
    """(command line, the output shown under it) for each example before the curating section."""
    found: list[tuple[str, str]] = []
    prefix = None
    for line in text.split("\n## Curating")[0].splitlines():
        stripped = line.lstrip(" ")
        if stripped.startswith("$ factcli "):
            prefix = line[: len(line) - len(stripped)]
            found.append((stripped[2:], ""))
        elif prefix is not None and line.startswith(prefix) and line.strip() and not stripped.startswith("$ "):
            found[-1] = (found[-1][0], found[-1][1] + line[len(prefix):].rstrip() + "\n")
        else:
            prefix = None
    return found


def run(command: str, sources: str | None = None) -> str:
    """What the example prints, as the README shows it."""
    line, _, echo = command.partition(";")
    line, _, pipe = line.partition("|")
    args = [sources if arg == SOURCES and sources else arg for arg in shlex.split(line)[1:]]
    result = invoke(*args, obj=None if pipe else terminal(WIDTH))
    stdout = result.stdout
    if pipe:
        head = re.fullmatch(r"head -(\d+)", pipe.strip())
        assert head is not None, f"the README pipes only into head -N: {command}"
        stdout = "".join(stdout.splitlines(keepends=True)[: int(head.group(1))])
    if not echo:
        assert result.exit_code == 0, result.stderr
    shown = stdout + result.stderr + (f"exit {result.exit_code}\n" if echo else "")
    return "".join(line.rstrip() + "\n" for line in shown.splitlines())


EXAMPLES = examples(README.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("command", "shown"), [e for e in EXAMPLES if SOURCES not in e[0]],
                         ids=[e[0] for e in EXAMPLES if SOURCES not in e[0]])
def test_readme_examples_are_real_runs(command: str, shown: str) -> None:
    assert run(command) == shown


@pytest.mark.parametrize(("command", "shown"), [e for e in EXAMPLES if SOURCES in e[0]],
                         ids=[e[0] for e in EXAMPLES if SOURCES in e[0]])
def test_readme_examples_that_read_the_source_texts(seeds: Path, command: str, shown: str) -> None:
    assert run(command, str(seeds)) == shown


def test_the_readme_shows_what_issue_nine_asked_for() -> None:
    commands = " ".join(command for command, _ in EXAMPLES)
    outputs = "".join(shown for _, shown in EXAMPLES)
    assert "factcli: no level or count for" in outputs  # get's refusal
    assert "factcli: note:" in outputs  # a stderr note
    assert " — " in outputs  # a scope beside its indicator in a table
    assert "met early" in outputs and "factcli topics" in commands
    assert "--no-pager" in README.read_text(encoding="utf-8")


def test_the_figures_the_readme_quotes_are_the_store_s() -> None:
    text = README.read_text(encoding="utf-8")
    facts = json.loads(invoke("export", "--format", "json").stdout)
    assert f"holds **{len(facts)} facts**" in text
    statuses = [row["status"] for row in json.loads(invoke("track", "--format", "json").stdout)]
    quoted = re.search(r"Of the store's (\d+) targets, (\d+) are met early, (\d+) on track,\s+(\d+) not yet due "
                       r"and (\d+) have no comparable outcome", text)
    assert quoted is not None
    assert [int(n) for n in quoted.groups()] == [len(statuses), statuses.count("met_early"),
                                                 statuses.count("on_track"), statuses.count("not_yet_due"),
                                                 statuses.count("no_outcome")]
    targets_2025 = json.loads(invoke("targets", "2025", "--format", "json").stdout)
    assert f"{len(targets_2025)} targets for 2025" in text


def test_the_readme_names_no_folder_outside_the_project() -> None:
    assert "../" not in README.read_text(encoding="utf-8")
