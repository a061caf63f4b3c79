"""Attack regression: the README's curating session runs as printed, each command's output as shown."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, invoke

from factcli.store import default_path


def session() -> list[tuple[list[str], str]]:
    """(arguments, expected stdout) of each `$ factcli …` of the Curating section up to `import`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index("    $ factcli sources add 005.txt"):text.index("    $ factcli import candidates")]
    steps = []
    for chunk in re.split(r"^    \$ ", block, flags=re.M)[1:]:
        lines = chunk.splitlines()
        command = []
        while lines and lines[0].endswith("\\"):
            command.append(lines.pop(0)[:-1])
        command.append(lines.pop(0))
        output = "".join(line.strip() + "\n" for line in lines if line.strip())
        steps.append((shlex.split(" ".join(command))[1:], output))
    return steps


def test_the_readme_curating_session_runs_as_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "005.txt").write_text("吕梁市2026年政府工作报告\n全市地区生产总值达到2750.1亿元。\n", encoding="utf-8")
    store = tmp_path / "mystore.json"
    shutil.copy(default_path(), store)
    monkeypatch.setenv("FACTCLI_DB", str(store))
    monkeypatch.setenv("FACTCLI_SOURCES", str(texts))
    monkeypatch.chdir(tmp_path)
    steps = session()
    assert [args[:2] for args, _ in steps] == [["sources", "add"], ["regions", "add"], ["indicators", "add"],
                                            ["add", "--region"], ["edit", "lvliang-2026-gwr-001"],
                                            ["remove", "lvliang-2026-gwr-001"]]
    for args, output in steps:
        result = invoke(*args)
        assert (result.exit_code, result.stderr) == (0, "" if args[0] != "remove" else "removed 1 fact(s)\n"), args
        assert result.stdout == output or not output, args
