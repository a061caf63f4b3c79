"""Attack regressions: a name that is no regular file (a FIFO) where a store, an import file, a text to
extract or a source text belongs is refused at once, instead of waiting forever for a writer."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from conftest import fact, invoke, write_store

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")


def test_a_fifo_as_the_store_is_exit_4_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "data.json")
    for args in (["show", "alpha"], ["get", "alpha", "gdp", "2024"], ["export"]):
        result = invoke(*args, "--db", str(tmp_path / "data.json"))
        assert (result.exit_code, result.stderr) == (4, f"factcli: {tmp_path}/data.json: cannot read store: "
                                                        "not a regular file\n")


def test_a_fifo_to_import_or_extract_is_refused(tmp_path: Path) -> None:
    store = write_store(tmp_path / "data.json", [fact()])
    before = store.read_bytes()
    os.mkfifo(tmp_path / "new.jsonl")
    result = invoke("import", str(tmp_path / "new.jsonl"), "--no-evidence-check", "--db", str(store))
    assert (result.exit_code, result.stderr) == (2, f"factcli: {tmp_path}/new.jsonl: cannot read: "
                                                    "not a regular file\n")
    result = invoke("extract", str(tmp_path / "new.jsonl"), "--date", "2025", "--db", str(store))
    assert (result.exit_code, result.stderr) == (4, f"factcli: {tmp_path}/new.jsonl: cannot read text: "
                                                    "not a regular file\n")
    assert store.read_bytes() == before


def test_a_fifo_as_a_source_text_fails_verify_and_refuses_a_write(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    os.mkfifo(texts / "doc.txt")
    source = {"id": "doc", "file": "doc.txt", "sha256": hashlib.sha256(b"").hexdigest(), "title_zh": "报告",
              "title_en": "Report", "region": "alpha", "date": "2025-01-01", "kind": "government_work_report"}
    store = write_store(tmp_path / "data.json", [fact()], sources=[source])
    result = invoke("verify", "--sources", str(texts), "--db", str(store))
    assert result.exit_code == 4
    assert result.stdout == f"sources/doc: source file {texts}/doc.txt not found or unreadable\n"
    before = store.read_bytes()
    result = invoke("edit", "doc-001", "--note", "n", "--sources", str(texts), "--db", str(store))
    assert (result.exit_code, result.stderr) == (4, f"factcli: {texts}/doc.txt: cannot read the text of source "
                                                    "'doc' to check the excerpt: not a regular file\n")
    assert store.read_bytes() == before
