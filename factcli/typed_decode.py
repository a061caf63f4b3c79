"""A large JSON store decoded and type-checked in one pass, in C: msgspec types generated from the one
schema (`model.SCHEMA`), so a store of 100,000 facts is read faster than `json.loads` alone reads it.

The decoder proves or gives up. It proves each record's shape (required fields, no others), every
value's type and the choices' allowed values; `model.conformance(tables, proven=True)` then checks the
rest (texts, patterns, ranges, dates, units, unique ids, references, rules between fields). Anything it does
not accept whole, the strict parser and the full schema read again and word the problem: a damaged
store costs a second reading, and so, rarely, does a sound one the decoder cannot prove: an integer
beyond 64 bits, an escape \\u003X.

Importing msgspec costs ~4 ms, more than the Python checks cost on a small store, so the store
module uses this only from a size on (store.TYPED).
"""

from __future__ import annotations

import sys
from typing import Annotated, Any, Literal, TypedDict

import msgspec

from factcli.model import KEY_DIGITS, SCHEMA, Field, Tables

if sys.version_info >= (3, 11):
    from typing import NotRequired
else:  # pragma: no cover - the typing backport, for Python 3.10
    from typing_extensions import NotRequired

# An integer beyond 64 bits goes to the full schema, which finds whether it is finite as a float (no
# store has one, so that slower reading costs nothing in practice). Floats are finite: JSON has no NaN
# or infinity, and msgspec refuses a number beyond floats.
INT64 = msgspec.Meta(ge=-(2**63), le=2**63 - 1)


def value_type(spec: Field) -> Any:
    """The msgspec type of one field: its JSON type and, for a choice, its allowed values. Patterns,
    blank texts and `check`s are left to conformance, which checks each distinct text once: msgspec would
    call Python's re for every value."""
    base: Any
    if spec.type == "number":  # msgspec refuses true and false here
        base = Annotated[int, INT64] | float
    elif spec.type == "bool":
        base = bool
    elif spec.type == "names":
        base = list[str]
    else:
        base = Literal[spec.allowed] if spec.allowed else str
    return base if spec.required else NotRequired[base | None]  # an optional field may be null


# TinyDB's document keys: conformance checks that they are digits, the decode that they are not too long
KEY = Annotated[str, msgspec.Meta(min_length=1, max_length=KEY_DIGITS)]


def store_type() -> Any:
    """The whole store as one type: an object of tables, each an object of records."""
    typed_dict: Any = TypedDict  # the types are built at run time from SCHEMA, which mypy cannot follow
    tables: dict[str, Any] = {}
    for table, fields in SCHEMA.items():
        record: Any = typed_dict(table, {name: value_type(spec) for name, spec in fields.items()})
        tables[table] = NotRequired[dict[KEY, record]]
    return typed_dict("Store", tables)


DECODER = msgspec.json.Decoder(store_type())
ENCODER = msgspec.json.Encoder()


def decode(raw: bytes) -> Tables | None:
    """The store's tables when the decode proves their shape and types, None when it cannot.

    A TypedDict decode drops unknown keys and keeps the last of repeated ones, so both are ruled out by
    counting: every key is followed by one colon and every other colon lies inside a string, so when
    the text holds no more colons than the decoded tables encode to, no key was dropped or repeated.
    An escaped colon (\\u003a) would decode to one the text does not hold: the count then cannot tell.
    """
    if b"\\u003" in raw:  # \u003a or \u003A, and \u0030-\u003f with them (no writer escapes those): one scan
        return None
    try:
        tables: Tables = DECODER.decode(raw)
        encoded = ENCODER.encode(tables)
    except (msgspec.MsgspecError, ValueError, OverflowError, RecursionError):  # malformed, mistyped, not UTF-8
        return None
    return tables if raw.count(b":") == encoded.count(b":") else None
