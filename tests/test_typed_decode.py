"""The typed decoder (large JSON stores) proves or gives up, and never accepts what the strict parser and
the full schema refuse: both doors of store.load open the same stores, to the same tables, and refuse the
same ones with the same message."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, fact, invoke, write_store
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz import FUZZ, apply, mutation

from factcli import store
from factcli.errors import StoreError
from factcli.typed_decode import decode


def both_doors(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """What load gives through the typed decoder and through the strict parser: tables or the error."""
    outcomes = []
    for typed in (0, 1 << 62):
        monkeypatch.setattr(store, "TYPED", typed)
        try:
            outcomes.append(store.load(path))
        except StoreError as err:
            outcomes.append(str(err))
    return outcomes[0], outcomes[1]


def small_store(folder: Path) -> tuple[Path, dict[str, Any]]:
    path = write_store(folder / "data.json", [fact(), fact(measure="share", unit="%", value=30, evidence="占全省30%",
                                                         note="OCR: 30")])
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_the_shipped_store_is_decoded_whole() -> None:
    raw = (ROOT / "data.json").read_bytes()
    tables = decode(raw)
    assert tables == json.loads(raw)  # its notes and titles hold colons: the count still proves it
    assert [list(record) for record in tables["facts"].values()] == [
        list(record) for record in json.loads(raw)["facts"].values()]  # fields keep their order


@pytest.mark.parametrize("text", [
    '{"facts": {"1": {"id": "a", "id": "b"}}}',  # a repeated key: the decode would keep the last
    '{"regions": {}, "extra": {}}',  # an unknown table: the decode would drop it
    '{"indicators": {"1": {"id": "gdp", "name_zh": "总值", "name_en": "GDP", "aliases": [], '
    '"category": "economy", "colour": "red"}}}',  # an unknown field
    '{"regions": {"1": {"id": "a\\u003a"}}}',  # an escaped colon: the count cannot tell
    '{"facts": {"1": {"value": 18446744073709551616}}}',  # beyond 64 bits: the full schema decides
    '{"facts": {"1": {"value": true}}}',
    '{"facts": {"1234567890123456789": {}}}',  # a document key beyond TinyDB's integers
    '[]', '{"facts": NaN}', '{"facts": {"1": "\\ud800"}}', '{"facts": {"1": {}}',
])
def test_what_the_decoder_cannot_prove_it_leaves(text: str) -> None:
    assert decode(text.encode()) is None


def test_a_sound_store_reads_the_same_through_both_doors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, data = small_store(tmp_path)
    typed, strict = both_doors(path, monkeypatch)
    assert typed == strict == data


@pytest.mark.parametrize("damage", [
    lambda data: data["facts"]["1"].update(evidence=" \u3000"),  # blank: the types let it pass, the schema not
    lambda data: data["facts"]["1"].update(period="2025-2021"),
    lambda data: data["facts"]["1"].update(unit="斤"),
    lambda data: data["facts"]["1"].update(region="gamma"),
    lambda data: data["facts"]["2"].update(id="doc-001"),
    lambda data: data["facts"]["2"].update(value=130),
    lambda data: data["facts"]["1"].update(value=10**30),
    lambda data: data["facts"]["1"].update(value_high=None, scope=None),
    lambda data: data["regions"]["2"].update(parent="nowhere"),
    lambda data: data["indicators"]["1"].update(topics=["economy"]),
    lambda data: data["facts"].update({"x1": data["facts"].pop("1")}),
])
def test_a_damaged_store_is_refused_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Any) -> None:
    path, data = small_store(tmp_path)
    damage(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    typed, strict = both_doors(path, monkeypatch)
    assert typed == strict


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=3))
def test_random_damage_reads_alike(changes: list[tuple[str, str, str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as name, pytest.MonkeyPatch.context() as monkeypatch:
        path, data = small_store(Path(name))
        for change in changes:
            apply(data, change)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        typed, strict = both_doors(path, monkeypatch)
        assert typed == strict


def test_a_backslash_before_u_is_text_through_both_doors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, data = small_store(tmp_path)
    assert invoke("edit", "doc-001", "--note", "see C:\\udc00\\x 😀", "--no-evidence-check",
                  "--db", str(path)).exit_code == 0  # written as "see C:\\udc00\\x 😀": plain text
    data["facts"]["1"]["note"] = "see C:\\udc00\\x 😀"
    typed, strict = both_doors(path, monkeypatch)
    assert typed == strict == data
