"""The JSON store's fast strict parse: a repeated key is found whether or not the cheap count can tell."""

from __future__ import annotations

import json

import pytest

from factcli.store import _no_repeated_keys, default_path, strict_json


@pytest.mark.parametrize(("text", "message"), [
    ('{"facts": {"1": {"id": "a", "id": "b"}}}', "duplicate key 'id' (in the object with id 'b')"),
    ('{"facts": {"1": {"note": "OCR: jumbled", "note": "x"}}}', "duplicate key 'note'"),
    ('{"a": "x:y:z", "a": 1}', "duplicate key 'a'"),
    ('{"a\\u003a": 1, "a\\u003A": 2}', "duplicate key 'a:'"),
    ('{"a": "\\u003a", "a": 1}', "duplicate key 'a'"),
    ('{"facts": {"1": {"scope": {"b": 1, "b": 2}}}}', "duplicate key 'b'"),
    ('[{"a": 1, "a": 2}]', "duplicate key 'a'"),
    ('{"a" : 1, "a"\n:\t2}', "duplicate key 'a'"),
])
def test_a_repeated_key_is_always_found(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)") + "$"):
        strict_json(text)


@pytest.mark.parametrize("text", ['{"a": "x:y", "b": 1}', '{"a\\u003a": 1, "a": 2}', '{"facts": {"1": {}}}', "[]",
                                  '{"t": {"1": {"a": ["p:q", "r"]}}}'])
def test_colons_in_strings_are_not_keys(text: str) -> None:
    assert strict_json(text) == json.loads(text)


def test_a_clean_store_is_proved_by_counting_alone() -> None:
    tables = {"facts": {str(n): {"id": f"f{n}", "evidence": "增长5%", "value": n} for n in range(1, 50)},
              "regions": {"1": {"id": "r", "aliases": ["甲", "乙"]}}}
    raw = json.dumps(tables, ensure_ascii=False, indent=2).encode()
    assert raw.count(b":") == 1 + 2 + 49 + 49 * 3 + 2  # the top, each table, each record's fields
    assert _no_repeated_keys(raw, tables)


def test_the_shipped_store_has_colons_in_its_notes_and_still_proves_clean() -> None:
    with open(default_path(), "rb") as handle:
        raw = handle.read()
    data = json.loads(raw)
    keys = len(data) + sum(len(table) + sum(map(len, table.values())) for table in data.values())
    assert raw.count(b":") > keys  # so the strings are searched for their colons
    assert _no_repeated_keys(raw, data)
