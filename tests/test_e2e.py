"""The installed command, run as a user would: from another folder, with the store that ships inside."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "factcli"
pytestmark = pytest.mark.skipif(not BIN.exists(), reason="factcli is not installed in this environment")


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FACTCLI_")}
    return subprocess.run([str(BIN), *args], cwd=cwd, env={**clean, **(env or {})}, capture_output=True,
                          text=True, timeout=60)


def test_show_from_another_folder_uses_the_shipped_store(tmp_path: Path) -> None:
    result = run("show", "xiaoyi", "gdp", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("id\tregion\tregion_name\tindicator\tindicator_name\t")
    assert "\t500\t" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_shipped_store_is_inside_the_package(tmp_path: Path) -> None:
    where = subprocess.run([sys.executable, "-c", "from factcli.store import default_path; print(default_path())"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    assert where.endswith("data.json") and Path(where).is_file()


def test_get_and_exit_codes(tmp_path: Path) -> None:
    assert run("get", "lvliang", "gdp", "2024", cwd=tmp_path).stdout == "2643.2\n"
    assert run("get", "lvliang", "gdpp", cwd=tmp_path).returncode == 2
    assert run("get", "xiaoyi", "gdp", "2025", "--kind", "target", "--measure", "level", cwd=tmp_path
               ).returncode == 3
    missing = run("show", "xiaoyi", cwd=tmp_path, env={"FACTCLI_DB": str(tmp_path / "none.json")})
    assert missing.returncode == 4 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "factcli", "--version"], cwd=tmp_path, capture_output=True,
                            text=True)
    assert result.stdout.startswith("factcli, version ")


@pytest.mark.parametrize("args", [["get", "lvliang", "gdp", "2024"], ["show", "xiaoyi", "gdp", "-f", "tsv"],
                                  ["show", "xiaoyi", "gdp", "-f", "json"], ["export"], ["targets", "2025"]])
def test_scripting_paths_never_import_rich(tmp_path: Path, args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "factcli", *args], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "rich" not in imported and "factcli.cli" in imported


def test_table_path_imports_rich(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "factcli", "show", "xiaoyi", "gdp", "-f",
                             "table"], cwd=tmp_path, capture_output=True, text=True)
    assert "| rich" in result.stderr


@pytest.mark.skipif(not Path("/usr/bin/script").exists(), reason="needs script(1) for a pseudo-terminal")
def test_a_terminal_gets_a_table_a_pipe_gets_tsv(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "xterm"}
    env = {k: v for k, v in env.items() if not k.startswith("FACTCLI_")}
    terminal = subprocess.run(["/usr/bin/script", "-qec", f"{BIN} show xiaoyi gdp", "/dev/null"], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=60)
    assert "Xiaoyi · Gross regional product" in terminal.stdout
    assert "> 500 亿元" in terminal.stdout and "─" in terminal.stdout
    assert "\x1b[3" not in terminal.stdout  # NO_COLOR: no colours
    piped = run("show", "xiaoyi", "gdp", cwd=tmp_path)
    assert piped.stdout.startswith("id\tregion\t")


# What a script's lookup never needs: the table renderer, the converter for traditional characters, the
# SQLite driver, other stores' parsers, suggestions for mistyped names, the other commands and the writers;
# and `locale`, which the first gettext lookup imports (click translates its help and messages that way).
NOT_FOR_SCRIPTS = {"rich", "opencc", "sqlite3", "msgspec", "difflib", "locale", "csv", "dataclasses", "filelock",
                   "tempfile", "factcli.cli_browse", "factcli.cli_analysis", "factcli.cli_store", "factcli.cli_curate",
                   "factcli.sqlite_store", "factcli.export", "factcli.pager", "factcli.files"}


@pytest.mark.parametrize(("args", "first_line", "also_unneeded"), [
    (["get", "lvliang", "gdp", "2024"], "2643.2", {"factcli.views", "factcli.present", "factcli.selection"}),
    (["show", "xiaoyi", "gdp", "--format", "tsv"], "id\tregion\tregion_name", {"factcli.answer"}),
])
def test_scripting_paths_import_only_what_they_use(tmp_path: Path, args: list[str], first_line: str,
                                                   also_unneeded: set[str]) -> None:
    code = ("import sys; from factcli.cli import cli; cli(sys.argv[1:], standalone_mode=False); "
            "print(' '.join(sorted(sys.modules)), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True,
                            check=True)
    assert result.stdout.startswith(first_line)
    modules = set(result.stderr.split())
    assert "factcli.cli_lookup" in modules
    assert {m for m in modules if m in NOT_FOR_SCRIPTS | also_unneeded or m.split(".")[0] in NOT_FOR_SCRIPTS} == set()


def test_a_command_leaves_the_exits_cycle_search_undone(tmp_path: Path) -> None:
    # the objects main() leaves behind are frozen, so Python's exit does not search them all once more
    code = ("import atexit, gc, sys; from factcli.cli import main; "
            "atexit.register(lambda: print(gc.get_freeze_count() > 0, file=sys.stderr)); "
            "sys.argv = ['factcli', *sys.argv[1:]]; main()")
    result = subprocess.run([sys.executable, "-c", code, "get", "lvliang", "gdp", "2024"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "2643.2\n", "True\n")
