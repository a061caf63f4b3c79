"""What every reading command shares, checked for each: a missing or corrupt store is exit 4 in one line,
an empty store is an empty result in every format, and nothing is ever written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke, write_store

pytestmark = pytest.mark.usefixtures("store_kind")  # every test on every kind of store

# each reading command with arguments that are valid on a store holding regions alpha and beta
READERS = {
    "show": ("show", "alpha"), "targets": ("targets", "2025"), "search": ("search", "总值"),
    "regions": ("regions",), "indicators": ("indicators",), "sources": ("sources",), "diff": ("diff", "alpha"),
    "compare": ("compare", "gdp", "alpha"), "track": ("track",), "check": ("check",),
}
# the lists show the store's regions, indicators and sources even without facts; check finds nothing, fine
LISTS = {"regions", "indicators", "sources"}


@pytest.fixture(params=sorted(READERS))
def reader(request: pytest.FixtureRequest) -> tuple[str, tuple[str, ...]]:
    return request.param, READERS[request.param]


def test_missing_store_is_exit_4_in_one_line(tmp_path: Path, reader: tuple[str, tuple[str, ...]]) -> None:
    _, args = reader
    result = invoke(*args, "--db", str(tmp_path / "none.json"))
    assert (result.exit_code, result.stdout, result.stderr) == (
        4, "", f"factcli: {tmp_path / 'none.json'}: store not found\n")


def test_corrupt_store_is_exit_4_in_one_line(tmp_path: Path, reader: tuple[str, tuple[str, ...]]) -> None:
    _, args = reader
    path = tmp_path / "data.json"
    path.write_text('{"facts": {', encoding="utf-8")
    result = invoke(*args, "--db", str(path))
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr.startswith(f"factcli: {path}:1:12: corrupt store") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("fmt", ["json", "jsonl", "tsv"])
def test_store_without_facts_gives_an_empty_result(tmp_path: Path, reader: tuple[str, tuple[str, ...]],
                                                    fmt: str) -> None:
    name, args = reader
    path = write_store(tmp_path / "data.json", [])
    before = path.read_bytes()
    result = invoke(*args, "--db", str(path), "--format", fmt)
    if name in LISTS:
        assert result.exit_code == 0 and result.stdout not in ("", "[]\n")
        return
    assert result.exit_code == (0 if name == "check" else 1)
    if fmt == "json":
        assert result.stdout == "[]\n"
    elif fmt == "jsonl":
        assert result.stdout == ""
    else:
        assert result.stdout.count("\n") == 1  # the header alone
    assert path.read_bytes() == before
