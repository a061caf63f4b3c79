"""Fuzzing the doors: random damage to a small store and random import lines. Every command exits 0–4 without
a traceback, verify flags every store another command refuses, and a refused write changes no byte.

The budget is small and fixed (derandomized, a set number of examples) so CI stays fast and stable.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from conftest import fact, invoke, write_store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcli.model import SCHEMA

TEXT = "全市地区生产总值100亿元，占全省30%。"
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([10**400, "2024", "2021-2025", "亿元",
                                                                          "alpha", "doc", "\x1b[2J", "\u202e", ""])
    | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)
fields = st.sampled_from(sorted({name for table in SCHEMA.values() for name in table} | {"extra"}))
tables = st.sampled_from(["facts", "regions", "indicators", "sources"])
mutation = st.one_of(
    st.tuples(st.just("set"), tables, fields, json_values),
    st.tuples(st.just("drop"), tables, fields, st.none()),
    st.tuples(st.just("record"), tables, st.just(""), json_values),
)


def base(folder: Path) -> dict[str, Any]:
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    source = {"id": "doc", "file": "doc.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
              "title_zh": "报告", "title_en": "Report", "region": "alpha", "date": "2025-01-01",
              "kind": "government_work_report"}
    path = write_store(folder / "data.json", [fact(), fact(measure="share", unit="%", value=30, evidence="占全省30%")],
                       sources=[source])
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def apply(data: dict[str, Any], change: tuple[str, str, str, Any]) -> None:
    action, table, field, value = change
    records = data[table]
    key = sorted(records)[0]
    if action == "record":
        records[key] = value
    elif isinstance(records[key], dict):
        if action == "set":
            records[key][field] = value
        else:
            records[key].pop(field, None)


def checked(*args: str) -> int:
    result = invoke(*args)
    assert 0 <= result.exit_code <= 4, (args, result.output)
    assert "Traceback" not in result.output
    return result.exit_code


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=3))
def test_damaged_stores(changes: list[tuple[str, str, str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        data = base(folder)
        for change in changes:
            apply(data, change)
        db = folder / "data.json"
        db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        before = db.read_bytes()
        refused = [checked(*args, "--db", str(db)) == 4
                   for args in (["show", "alpha"], ["get", "alpha", "gdp", "2024"], ["export"], ["targets", "2024"],
                                ["search", "gdp"], ["cite", "doc-001"], ["compare", "gdp", "alpha", "beta"])]
        checked("check", "--db", str(db))
        verified = checked("verify", "--sources", str(folder), "--db", str(db))
        if any(refused):
            assert verified == 4
        written = checked("edit", "doc-001", "--note", "fuzzed", "--sources", str(folder), "--db", str(db))
        if written != 0:
            assert db.read_bytes() == before


fact_fields = st.dictionaries(fields, json_values, max_size=4)


@FUZZ
@given(st.lists(fact_fields, min_size=1, max_size=3))
def test_random_import_lines(changes: list[dict[str, Any]]) -> None:
    records = [dict(fact(value=30, evidence="占全省30%"), **change) for change in changes]
    text = "".join(json.dumps({k: v for k, v in record.items() if k != "id"}, ensure_ascii=False) + "\n"
                   for record in records)
    imports_all_or_nothing("in.jsonl", text)


def imports_all_or_nothing(name: str, text: str) -> None:
    """An import either leaves the store byte-identical or leaves one that verifies."""
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        base(folder)
        db = folder / "data.json"
        before = db.read_bytes()
        lines = folder / name
        lines.write_text(text, encoding="utf-8", errors="surrogatepass")
        status = checked("import", str(lines), "--sources", str(folder), "--db", str(db))
        if status != 0:
            assert db.read_bytes() == before
        else:
            assert checked("verify", "--sources", str(folder), "--db", str(db)) == 0


HEADER = "region\tindicator\tsource\tperiod\tkind\tmeasure\tvalue\tunit\tqualifier\taspirational\tevidence"
cells = st.sampled_from(["alpha", "gdp", "doc", "2024", "２０２４", "actual", "level", "share", "30", "1e400", "-5",
                         "亿元", "%", "exact", "false", "true", "占全省30%", "", " ", "\x1b", "nan"])


@FUZZ
@given(st.lists(st.lists(cells, min_size=10, max_size=12).map("\t".join) | st.text(max_size=20), min_size=1,
                max_size=3))
def test_random_tsv_lines(rows: list[str]) -> None:
    imports_all_or_nothing("in.tsv", "\n".join([HEADER, *rows]) + "\n")
