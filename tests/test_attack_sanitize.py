"""Attack regressions: store text that reaches the terminal through a side channel is sanitized too."""

from __future__ import annotations

from pathlib import Path

from conftest import fact, invoke, write_store

EVIL = "\x1b]0;pwn\x07\u202e\x9b31m\n"


def test_get_says_a_scope_and_a_note_without_escapes(tmp_path: Path) -> None:
    store = write_store(tmp_path / "data.json", [fact(scope="city" + EVIL + "proper", note="n" + EVIL)])
    result = invoke("get", "alpha", "gdp", "2024", "--db", str(store))
    assert (result.exit_code, result.stdout) == (0, "100\n")
    assert result.stderr == "factcli: note: scope: city]0;pwn31m proper (地区生产总值100亿元) — n]0;pwn31m \n"
