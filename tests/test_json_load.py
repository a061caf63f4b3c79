"""The JSON store's strict parse: a repeated key is found on small stores and on large ones, where
counting colons proves most stores clean without the slow pairs hook."""

from __future__ import annotations

import json
import re

import pytest

from factcli.store import COUNTED, _no_repeated_keys, default_path, strict_json

FILLER = "x" * COUNTED  # makes a text large enough to be counted


@pytest.mark.parametrize(("text", "message"), [
    ('{"facts": {"1": {"id": "a", "id": "b"}}}', "duplicate key 'id' (in the object with id 'b')"),
    ('{"facts": {"1": {"note": "OCR: jumbled", "note": "x"}}}', "duplicate key 'note'"),
    ('{"a": "x:y:z", "a": 1}', "duplicate key 'a'"),
    ('{"a\\u003a": 1, "a\\u003A": 2}', "duplicate key 'a:'"),
    ('{"facts": {"1": {"scope": {"b": 1, "b": 2}}}}', "duplicate key 'b'"),
    ('[{"a": 1, "a": 2}]', "duplicate key 'a'"),
    ('{"a" : 1, "a"\n:\t2}', "duplicate key 'a'"),
])
@pytest.mark.parametrize("large", [False, True])
def test_a_repeated_key_is_always_found(text: str, message: str, large: bool) -> None:
    if large:  # the same damage in a text past the size where counting starts
        text = text[:-1] + f', "filler": "{FILLER}"' + text[-1] if text.startswith("{") else text + " " * COUNTED
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)") + "$"):
        strict_json(text)


@pytest.mark.parametrize("text", ['{"a": "x:y", "b": 1}', '{"a\\u003a": 1, "a": 2}', '{"facts": {"1": {}}}', "[]",
                                  f'{{"t": {{"1": {{"a": ["p:q", "r"], "f": "{FILLER}"}}}}}}'])
def test_colons_in_strings_are_not_keys(text: str) -> None:
    assert strict_json(text) == json.loads(text)


def test_counting_proves_a_clean_store_and_declines_what_it_cannot_tell() -> None:
    tables = {"facts": {str(n): {"id": f"f{n}", "evidence": "增长5%", "value": n} for n in range(1, 50)},
              "regions": {"1": {"id": "r", "aliases": ["甲", "乙"]}}}
    text = json.dumps(tables, ensure_ascii=False, indent=2)
    assert _no_repeated_keys(text, tables)
    assert not _no_repeated_keys(text.replace('"r"', '"r:"'), tables)  # a colon inside a string
    assert not _no_repeated_keys('{"t": {"1": {"a": 1, "a": 2}}}', {"t": {"1": {"a": 2}}})
    with open(default_path(), encoding="utf-8") as handle:
        shipped = handle.read()
    assert not _no_repeated_keys(shipped, json.loads(shipped))  # its notes have colons: the hook decides


@pytest.mark.parametrize(("text", "message"), [
    ('{"a": "\\ud800"}', "escaped lone surrogate \\ud800 (at byte 7)"),
    ('{"a": "\\ud83d\\ud83d\\ude00"}', "escaped lone surrogate \\ud83d (at byte 7)"),  # the first half unpaired
    ('{"a": "\\\\ud83d\\ude00"}', "escaped lone surrogate \\ude00 (at byte 14)"),  # \\ud83d is plain text
    ('{"a": "\\ud83d\\\\\\ude00"}', "escaped lone surrogate \\ud83d (at byte 7)"),  # a backslash between
])
def test_a_lone_surrogate_escape_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        strict_json(text)


@pytest.mark.parametrize("text", ['{"a": "C:\\\\udc00 and C:\\\\ud800"}', '{"a": "\\ud83d\\ude00 \\uD83D\\uDE00"}',
                                  '{"a": "\\\\\\ud83d\\ude00"}'])
def test_escaped_backslashes_and_pairs_are_not_lone_surrogates(text: str) -> None:
    assert strict_json(text) == json.loads(text)


@pytest.mark.parametrize("raw", ['{"a": "x"}'.encode("utf-16"), b'{"a": "\xed\xa0\x80"}'])
def test_a_store_that_is_not_utf_8_is_refused(raw: bytes) -> None:
    with pytest.raises(UnicodeDecodeError):
        strict_json(raw)
