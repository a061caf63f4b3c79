"""The bench's synthetic stores are stores factcli accepts whole: every command it times would otherwise
time a refusal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, invoke


@pytest.mark.parametrize("kind", ["json", "sqlite"])
def test_a_synthetic_store_verifies_against_its_texts(tmp_path: Path, kind: str) -> None:
    store = tmp_path / f"store.{kind}"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_store.py"), "300", str(store), "--texts",
                    str(tmp_path / "texts"), *(["--sqlite"] if kind == "sqlite" else [])], check=True)
    result = invoke("verify", "--sources", str(tmp_path / "texts"), "--db", str(store))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "", "ok: 300 facts, 8 indicators, 121 regions, 200 sources; every excerpt found verbatim in its source\n")
