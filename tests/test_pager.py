"""A table taller than the terminal goes through a pager, as git's output does; never when piped."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from conftest import invoke

from factcli.context import Environment

pytestmark = pytest.mark.usefixtures("small")


def copier(path: Path) -> str:
    """A pager that writes what it is given to a file, so a test can read what a reader would see."""
    script = f"import sys; open({str(path)!r}, 'w', encoding='utf-8').write(sys.stdin.read())"
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(script)}"


def screen(height: int, **environ: str) -> Environment:
    return Environment(is_terminal=True, width=80, height=height, styled=False, environ=environ)


def test_a_table_taller_than_the_screen_goes_to_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    whole = invoke("show", "alpha", obj=screen(200)).stdout
    result = invoke("show", "alpha", obj=screen(5, PAGER=copier(paged)))
    assert (result.exit_code, result.stdout) == (0, "")
    assert paged.read_text(encoding="utf-8") == whole
    assert whole.count("\n") > 5


def test_factcli_pager_comes_before_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    result = invoke("show", "alpha", obj=screen(5, FACTCLI_PAGER=copier(paged), PAGER="false"))
    assert result.stdout == "" and paged.read_text(encoding="utf-8").startswith("  ")


@pytest.mark.parametrize(("args", "environ"), [
    ((), {"PAGER": "false"}),  # fits on the screen
    (("--no-pager",), {"PAGER": "false"}),
    ((), {"PAGER": ""}),
    ((), {"FACTCLI_PAGER": "", "PAGER": "false"}),
])
def test_no_pager(args: tuple[str, ...], environ: dict[str, str]) -> None:
    height = 200 if not args and environ == {"PAGER": "false"} else 5
    result = invoke("show", "alpha", *args, obj=screen(height, **environ))
    assert result.stdout == invoke("show", "alpha", obj=screen(200)).stdout


def test_never_when_piped() -> None:
    env = Environment(is_terminal=False, height=5, environ={"PAGER": "false"})
    assert env.pager(1000) is None
    assert invoke("show", "alpha", obj=env).stdout.startswith("id\tregion\t")


def test_less_by_default_and_only_when_the_output_overflows() -> None:
    env = screen(24)
    assert (env.pager(24), env.pager(25)) == (None, "less -FRX")


def test_a_pager_that_cannot_be_found_prints_the_table_itself() -> None:
    result = invoke("show", "alpha", obj=screen(5, PAGER="no-such-pager-anywhere"))
    assert result.stdout == invoke("show", "alpha", obj=screen(200)).stdout


@pytest.mark.parametrize("args", [["get", "lvliang", "gdp", "2024"], ["show", "xiaoyi", "gdp", "-f", "tsv"]])
def test_scripting_paths_never_import_the_pager_or_rich(tmp_path: Path, args: list[str]) -> None:
    import os
    import subprocess

    environ = {k: v for k, v in os.environ.items() if not k.startswith("FACTCLI_")}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "factcli", *args], cwd=tmp_path,
                            capture_output=True, text=True, env=environ)
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "factcli.cli" in imported and imported.isdisjoint({"rich", "subprocess", "shlex"})
