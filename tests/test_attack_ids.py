"""Attack regression: a hand-edited id with thousands of digits does not stop the next write."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import fact, invoke, write_store

from factcli.store import serialize


def test_an_absurdly_long_numbered_id_does_not_break_numbering(tmp_path: Path) -> None:
    store = write_store(tmp_path / "data.json", [fact()])
    tables = json.loads(store.read_text(encoding="utf-8"))
    tables["retired"] = {"1": {"id": "doc-" + "9" * 5000, "removed": "2025-01-01"}}
    store.write_bytes(serialize(tables))
    result = invoke("add", "--region", "alpha", "--indicator", "gdp", "--period", "2025", "--kind", "target",
                    "--measure", "level", "--value", "120", "--unit", "亿元", "--source", "doc",
                    "--evidence", "地区生产总值120亿元", "--no-evidence-check", "--db", str(store))
    assert (result.exit_code, result.stdout) == (0, "doc-002\n")
