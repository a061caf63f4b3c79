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


def test_a_document_key_of_thousands_of_digits_is_refused_at_the_door(tmp_path: Path) -> None:
    store = write_store(tmp_path / "data.json", [fact()])
    tables = json.loads(store.read_text(encoding="utf-8"))
    tables["facts"] = {"9" * 5000: tables["facts"]["1"]}
    store.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    before = store.read_bytes()
    message = "facts/doc-001: document key '" + "9" * 39 + " is not a number of at most 18 digits"
    result = invoke("show", "alpha", "--db", str(store))
    assert (result.exit_code, result.stderr) == (4, f"factcli: {store}: {message}\n")
    result = invoke("remove", "doc-001", "--yes", "--db", str(store))
    assert (result.exit_code, result.stderr) == (4, f"factcli: {store}: {message}\n")
    assert store.read_bytes() == before


def test_extract_refuses_a_year_of_digits_that_are_not_ascii(tmp_path: Path) -> None:
    store = write_store(tmp_path / "data.json", [fact()])
    (tmp_path / "new.txt").write_text("地区生产总值120亿元。", encoding="utf-8")
    result = invoke("extract", str(tmp_path / "new.txt"), "--date", "²⁰²⁵", "--db", str(store))
    assert (result.exit_code, result.stderr) == (2, "factcli: the document's year is needed: give --source or "
                                                    "--date\n")
