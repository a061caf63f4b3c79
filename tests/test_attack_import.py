"""Attack regressions: an import file whose fields are not a fact's is refused, never half-read."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import fact, invoke, write_store

NEW = {k: v for k, v in fact(period="2025", value=120, evidence="地区生产总值120亿元").items()}


def run_import(tmp_path: Path, name: str, content: str) -> tuple[int, str, bool]:
    store = write_store(tmp_path / "data.json", [fact()])
    before = store.read_bytes()
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = invoke("import", str(tmp_path / name), "--no-evidence-check", "--db", str(store))
    return result.exit_code, result.stderr.replace(str(tmp_path), "DIR"), store.read_bytes() == before


def test_a_misspelt_field_is_refused_not_dropped(tmp_path: Path) -> None:
    line = json.dumps(dict(NEW, scop="urban residents"), ensure_ascii=False)
    assert run_import(tmp_path, "new.jsonl", line + "\n") == (
        2, "factcli: DIR/new.jsonl: 1 problem(s); nothing written\n  line 1: unknown field 'scop'\n", True)


def test_extract_and_export_columns_are_still_ignored(tmp_path: Path) -> None:
    line = json.dumps(dict(NEW, number="120", context="…", offset=3, stored=None, base_unit="元"), ensure_ascii=False)
    code, stderr, unchanged = run_import(tmp_path, "new.jsonl", line + "\n")
    assert (code, stderr, unchanged) == (0, "imported 1 fact(s): doc-002 … doc-002\n", False)


def test_a_tsv_header_of_unknown_names_is_refused_even_without_rows(tmp_path: Path) -> None:
    # a JSON line in a file named .tsv, or a first line that is not a header at all
    for content in (json.dumps(NEW, ensure_ascii=False) + "\n", "[1, 2]\n", "\0\0\0\n", "\t\t\n1\t2\t3\n"):
        code, stderr, unchanged = run_import(tmp_path, "new.tsv", content)
        assert (code, stderr.splitlines()[0], unchanged) == (2, "factcli: DIR/new.tsv: 1 problem(s); nothing "
                                                                "written", True)
        assert stderr.splitlines()[1].startswith(("  line 1: unknown field ", "  line 2: unknown field '1'"))
        assert stderr.splitlines()[1].endswith(" in the header")


def test_a_column_named_twice_is_refused_not_overwritten(tmp_path: Path) -> None:
    header = [*NEW, "value"]
    row = [str(v).lower() if isinstance(v, bool) else str(v) for v in NEW.values()] + ["130"]
    code, stderr, unchanged = run_import(tmp_path, "new.tsv", "\t".join(header) + "\n" + "\t".join(row) + "\n")
    assert (code, stderr, unchanged) == (2, "factcli: DIR/new.tsv: 1 problem(s); nothing written\n"
                                            "  line 1: field 'value' appears twice in the header\n", True)


def test_numbers_are_ascii_as_printed(tmp_path: Path) -> None:
    for cell in ("１２０", "1_20"):
        row = dict(NEW, value=cell, aspirational="false")
        content = "\t".join(row) + "\n" + "\t".join(str(v) for v in row.values()) + "\n"
        code, stderr, unchanged = run_import(tmp_path, "new.tsv", content)
        assert (code, stderr, unchanged) == (2, "factcli: DIR/new.tsv: 1 problem(s); nothing written\n"
                                                f"  line 2: value '{cell}' is not a number\n", True)
    store = write_store(tmp_path / "data.json", [fact()])
    result = invoke("edit", "doc-001", "--value", "１００", "--no-evidence-check", "--db", str(store))
    assert (result.exit_code, result.stderr) == (2, "factcli: --value '１００' is not a number\n")
