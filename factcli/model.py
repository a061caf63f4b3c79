"""The data model of DESIGN.md as one schema: every table's fields, types, allowed values, ranges and
cross-field rules, checked by one validator that returns structured problems.

Two levels of the same schema:
- `conformance` is what every load applies: structure, types, allowed values, ranges, unique ids and
  references. A store that fails it would break some command, so it is not opened at all (exit 4).
- `completeness` adds what a curated record must also have to pass `verify`: evidence of the allowed
  length that prints the value, `basis` on span levels, `rank_of` on ranks, no name shared by two records.
  Writes (add, edit, import) apply both to what they write; `verify` applies both to everything.
"""

from __future__ import annotations

import math
import operator
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from functools import cache, partial
from itertools import chain, repeat
from operator import itemgetter, methodcaller
from typing import Any, NamedTuple

from factcli.units import SIGNED, UNITS

KINDS = ("actual", "estimate", "target")
MEASURES = ("level", "growth", "share", "rank", "count")
BASES = ("yoy", "cumulative", "annual_avg")
SPAN_BASES = ("annual_avg", "cumulative")  # a level or count over a span: per year, or the total
RANKED = ("level", "growth", "share")  # what a rank fact ranks
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "above", "below")
LEVELS = ("province", "prefecture_city", "county_city", "county", "district")
SOURCE_KINDS = ("government_work_report", "party_conference", "article", "news_report",
                "statistical_bulletin", "plan")
CATEGORIES = ("economy", "fiscal", "investment", "consumption", "income", "industry", "energy",
              "agriculture", "environment", "employment", "education", "health", "infrastructure",
              "governance", "tourism", "technology", "trade", "finance", "housing", "welfare", "culture",
              "transport")

QUALIFIER_SYMBOLS = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤", "above": ">", "below": "<"}

YEARS = (1949, 2100)
PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{4}))?")
DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
EVIDENCE_LENGTH = (6, 60)
# a negative value is a decline, which its excerpt must say (下降 4.7 个百分点): 增长5% is never −5
DECLINE = r"[降减少负落缩亏−-]|下滑|收窄"  # a pattern, compiled by re when a write first needs it
SLUG = re.compile(r"[a-z][a-z0-9_\-]*")
SNAKE = re.compile(r"[a-z][a-z0-9_]*")
SHA256 = re.compile(r"[0-9a-f]{64}")
ADMIN_CODE = re.compile(r"[0-9]{6}")
KEY_DIGITS = 18  # TinyDB's document keys are integers; thousands of digits are beyond what int() will read

Record = dict[str, Any]
Tables = Mapping[str, Mapping[str, Record]]


class Problem(NamedTuple):
    """One thing wrong with one record; `field` is empty when the record as a whole is wrong."""

    table: str
    record: str
    field: str
    message: str


class Field(NamedTuple):
    """One field of a table: its type, whether it must be there, and the values it may take."""

    type: str  # text, number, bool, names (a list of texts)
    required: bool = True
    allowed: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    hint: str = ""  # what the pattern means, for the message
    may_be_empty: bool = False  # publisher and author: "empty otherwise"
    check: Callable[[str, str], str | None] | None = None  # (field, value) -> what else is wrong with it


def _text(**options: Any) -> Field:
    return Field("text", **options)


def _choice(allowed: tuple[str, ...], required: bool = True) -> Field:
    return Field("text", required, allowed)


def _period(name: str, period: str) -> str | None:
    start, end = period_span(period)
    if not (YEARS[0] <= start <= YEARS[1] and YEARS[0] <= end <= YEARS[1]):
        return f"{name} {period!r} is outside {YEARS[0]}–{YEARS[1]}"
    return f"{name} {period!r} ends before it starts" if end < start else None


def _date(name: str, date: str) -> str | None:
    import datetime

    parts = [int(p) for p in date.split("-")]
    if not YEARS[0] <= parts[0] <= YEARS[1]:
        return f"{name} {date!r} is outside {YEARS[0]}–{YEARS[1]}"
    try:
        datetime.date(parts[0], *([*parts[1:], 1, 1])[:2])
    except ValueError:
        return f"{name} {date!r} is not a real date"
    return None


def _unit(name: str, unit: str) -> str | None:
    return None if unit in UNITS else f"unknown unit {unit!r:.40}"


def _file(name: str, file: str) -> str | None:
    bare = file not in (".", "..") and "/" not in file and "\\" not in file
    return None if bare else f"{name} {file!r:.40} must be a bare file name"


SCHEMA: dict[str, dict[str, Field]] = {
    "facts": {  # in the order of the export's columns
        "id": _text(), "region": _text(), "indicator": _text(), "source": _text(),
        "period": _text(pattern=PERIOD, hint="YYYY or YYYY-YYYY", check=_period),
        "kind": _choice(KINDS), "measure": _choice(MEASURES), "value": Field("number"),
        "unit": _text(check=_unit), "qualifier": _choice(QUALIFIERS), "aspirational": Field("bool"),
        "evidence": _text(), "basis": _choice(BASES, False), "rank_of": _choice(RANKED, False),
        "value_high": Field("number", False), "scope": _text(required=False), "note": _text(required=False),
    },
    "sources": {
        "id": _text(pattern=SLUG, hint="lowercase letters, digits, - and _"), "file": _text(check=_file),
        "sha256": _text(pattern=SHA256, hint="64 lowercase hex digits"), "title_zh": _text(), "title_en": _text(),
        "region": _text(), "date": _text(pattern=DATE, hint="YYYY, YYYY-MM or YYYY-MM-DD", check=_date),
        "kind": _choice(SOURCE_KINDS), "publisher": _text(required=False, may_be_empty=True),
        "author": _text(required=False, may_be_empty=True),
    },
    "regions": {
        "id": _text(pattern=SLUG, hint="a pinyin slug"), "name_zh": _text(), "name_en": _text(),
        "level": _choice(LEVELS), "parent": _text(required=False), "aliases": Field("names"),
        "admin_code": _text(required=False, pattern=ADMIN_CODE, hint="6 digits of GB/T 2260"),
    },
    "indicators": {
        "id": _text(pattern=SNAKE, hint="snake_case English"), "name_zh": _text(), "name_en": _text(),
        "aliases": Field("names"), "category": _choice(CATEGORIES), "topics": Field("names", False),
    },
    "retired": {"id": _text(), "removed": _text(pattern=DATE, hint="YYYY-MM-DD", check=_date)},
}
REQUIRED = {table: frozenset(name for name, spec in fields.items() if spec.required)
            for table, fields in SCHEMA.items()}
FACT_FIELDS = tuple(SCHEMA["facts"])
EXPORT_FIELDS = (*FACT_FIELDS, "source_file", "value_base", "base_unit")
REFERENCES = {"facts": (("region", "regions"), ("indicator", "indicators"), ("source", "sources")),
              "sources": (("region", "regions"),), "regions": (("parent", "regions"),)}


@cache  # a store repeats a few dozen periods: sorting and selecting thousands of facts parses each once
def period_span(period: str) -> tuple[int, int]:
    """'2024' -> (2024, 2024); '2021-2025' -> (2021, 2025)."""
    match = PERIOD.fullmatch(period)
    if not match:
        raise ValueError(f"invalid period {period!r} (expected YYYY or YYYY-YYYY)")
    start = int(match.group(1))
    return start, int(match.group(2) or start)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_finite(value: Any) -> bool:
    try:
        return is_number(value) and math.isfinite(value)
    except OverflowError:  # an integer beyond any float (10**400)
        return False


def encodable(text: str) -> bool:
    """False for lone surrogates (undecodable bytes in an argument): such text cannot be written."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _field_problem(name: str, spec: Field, value: Any) -> str | None:
    """What is wrong with one value, judged by its field alone."""
    if value is None:
        return None if not spec.required else f"{name} is null"
    if spec.type == "text":
        if type(value) is not str:
            return f"{name} must be text, not {value!r:.40}"
        return _text_problem(name, spec, value)
    if spec.type == "number":
        if not is_number(value):
            return f"{name} {value!r:.40} is not a number"
        return None if is_finite(value) else f"{name} is not a finite number"
    if spec.type == "bool":
        return None if isinstance(value, bool) else f"{name} must be true or false"
    if not isinstance(value, list) or not all(type(v) is str for v in value):
        return f"{name} must be a list of texts"
    return f"{name} holds an empty name" if any(not v.strip() for v in value) else None


def _text_problem(name: str, spec: Field, value: str) -> str | None:
    if not value.strip():
        return None if spec.may_be_empty else f"{name} is empty"
    if spec.allowed and value not in spec.allowed:
        return f"{name} {value!r:.40} is not one of {', '.join(spec.allowed)}"
    if spec.pattern is not None and not spec.pattern.fullmatch(value):
        return f"{name} {value!r:.40} is not {spec.hint}"
    return spec.check(name, value) if spec.check is not None else None


def _fact_rules(fact: Record) -> list[tuple[str, str]]:
    """Rules between the fields of one fact."""
    found = []
    period, measure, unit = fact.get("period"), fact.get("measure"), fact.get("unit")
    if measure == "rank" and unit != "rank":
        found.append(("unit", "a rank fact takes unit 'rank'"))
    span = isinstance(period, str) and "-" in period
    basis = fact.get("basis")
    if basis is not None:
        if measure in ("share", "rank"):
            found.append(("basis", f"basis is not for {measure} facts"))
        elif measure in ("level", "count") and not span:
            found.append(("basis", f"basis is for a {measure} over a span (YYYY-YYYY) only"))
        elif measure in ("level", "count") and basis not in SPAN_BASES:
            found.append(("basis", f"basis of a {measure} is one of {', '.join(SPAN_BASES)}"))
    if fact.get("rank_of") is not None and measure != "rank":
        found.append(("rank_of", "rank_of is for rank facts only"))
    value: Any = fact.get("value")
    high: Any = fact.get("value_high")
    if is_finite(value):
        if is_finite(high) and high < value:
            found.append(("value_high", "value_high is below value"))
        found += _range_rules(measure, unit, value, fact.get("scope"))
    return found


def _range_rules(measure: Any, unit: Any, value: float, scope: Any) -> list[tuple[str, str]]:
    known = UNITS.get(unit) if isinstance(unit, str) else None
    # a share of a target (完成目标任务的103.1%) may pass 100 %, and then its scope names that target
    ceiling = 100 if not (isinstance(scope, str) and ("target" in scope or "目标" in scope)) else float("inf")
    if measure == "share" and known is not None and not 0 <= value * known.factor <= ceiling:
        return [("value", f"a share lies within 0–100 % (got {value:g} {unit})")]
    if measure in ("level", "count") and value < 0 and not (known and known.dimension in SIGNED):
        return [("value", f"a {measure} in {unit} is not negative (a fall is a growth)")]
    if measure == "rank" and value < 1:
        return [("value", "a rank is 1 or more")]
    return []


def _indicator_rules(indicator: Record) -> list[tuple[str, str]]:
    topics = indicator.get("topics")
    if not isinstance(topics, list):
        return []
    bad = [t for t in topics if isinstance(t, str) and not _is_topic(t)]
    return [("topics", f"topic {t!r:.40} is not 中文/english") for t in bad]


def _is_topic(topic: str) -> bool:
    zh, slash, en = topic.partition("/")
    return bool(slash and zh.strip() and en.strip())


RULES: dict[str, Callable[[Record], list[tuple[str, str]]]] = {"facts": _fact_rules, "indicators": _indicator_rules}


def _ruled_facts(documents: Mapping[str, Any]) -> list[tuple[str, Record]]:
    """The facts that could break a rule between fields. Most cannot (a level of 0 or more, a growth with
    any basis), and skipping them, in one comprehension, keeps large stores fast."""
    return [(key, fact) for key, fact in documents.items() if type(fact) is dict and (
        ("basis" in fact and fact.get("measure") != "growth") or "rank_of" in fact or "value_high" in fact
        or fact.get("measure") in ("share", "rank")
        or not (isinstance(value := fact.get("value"), (int, float))
                and (value >= 0 or fact.get("measure") == "growth")))]


def _ruled_indicators(documents: Mapping[str, Any]) -> list[tuple[str, Record]]:
    """The indicators holding a topic that is not 中文/english: each distinct topic is read once."""
    held = [(key, record, topics) for key, record in documents.items()
            if type(record) is dict and type(topics := record.get("topics")) is list]
    bad = {t for t in {t for _, _, topics in held for t in topics if type(t) is str} if not _is_topic(t)}
    return [(key, record) for key, record, topics in held
            if any(t in bad for t in topics if type(t) is str)] if bad else []


RULED: dict[str, Callable[[Mapping[str, Any]], list[tuple[str, Record]]]] = {
    "facts": _ruled_facts, "indicators": _ruled_indicators}


def json_type(value: Any) -> str:
    """What a JSON value is, in JSON's words."""
    names = {str: "text", bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def label(key: str, record: Any) -> str:
    """How a problem names a record: its id, or its document key when it has no usable id."""
    rid = record.get("id") if isinstance(record, dict) else None
    return rid if isinstance(rid, str) and rid.strip() else f"#{key}"


def ids(tables: Tables, table: str) -> set[str]:
    return {r["id"] for r in tables.get(table, {}).values() if isinstance(r, dict) and isinstance(r.get("id"), str)}


def conformance(tables: Any, proven: bool = False) -> list[Problem]:
    """Everything that would break a command: what every load checks. `proven`: the tables come from
    typed_decode, whose types have proved each record's fields, true-or-false values and choices."""
    if not isinstance(tables, dict):
        return [Problem("", "", "", "expected an object of tables")]
    problems = [Problem(name, "", "", f"unknown table {name!r:.40}") for name in tables if name not in SCHEMA]
    for table in SCHEMA:
        documents = tables.get(table, {})
        if not isinstance(documents, dict):
            problems.append(Problem(table, "", "", "the table is not an object of records"))
            continue
        problems += table_problems(table, documents, proven)
    if any(p.record == "" for p in problems):
        return problems
    known = {table: ids(tables, table) for table in ("regions", "indicators", "sources")}
    for table, references in REFERENCES.items():
        # with no problem found, every record is an object and every reference a text (or an absent option)
        records = list(tables.get(table, {}).values()) if not problems else [
            r for r in tables.get(table, {}).values() if type(r) is dict]
        for field, target in references:
            if problems:
                named = {v for v in map(dict.get, records, repeat(field)) if type(v) is str}
            else:
                named = set(map(reader(field, SCHEMA[table][field]), records))
                named.discard(None)
            if named - known[target]:
                problems += reference_problems(table, references=[(field, target)], known=known, records=records)
    return problems


def table_problems(table: str, documents: Mapping[str, Any], proven: bool = False) -> list[Problem]:
    """One table's records against the schema, a field at a time: each check runs over a whole column, and
    each distinct text is checked once, which keeps every load fast; records are named only when wrong."""
    schema, rules = SCHEMA[table], RULES.get(table)
    problems = shape_problems(table, documents, proven)
    shaped = not problems  # every record an object with its required fields: columns are read in C
    records = list(documents.values()) if shaped else [r for r in documents.values() if type(r) is dict]
    for field, spec in schema.items():
        if proven and not needs_checking(table, field, spec):
            continue
        values: Iterable[Any]
        if shaped:  # an absent optional field reads as None, which column_ok lets pass
            values = map(reader(field, spec), records)
        else:
            values = [record[field] for record in records if field in record]
        if not column_ok(spec, values):
            problems += [Problem(table, label(key, record), field, message) for key, record in documents.items()
                         if type(record) is dict and field in record
                         and (message := _field_problem(field, spec, record[field]))]
    if rules is not None:
        flagged = {(p.record, p.field) for p in problems}
        problems += [Problem(table, name, field, message) for key, record in RULED[table](documents)
                     for field, message in rules(record) if (name := label(key, record), field) not in flagged]
    return problems


def reader(field: str, spec: Field) -> Callable[[Record], Any]:
    """Reads one field of records known to be objects holding their required fields, in C: an absent
    optional field reads as None."""
    return itemgetter(field) if spec.required else methodcaller("get", field)


def needs_checking(table: str, field: str, spec: Field) -> bool:
    """Is a field of a decoded table (typed_decode) still to be checked? Its types proved choices, true or
    false and numbers; a reference, which only an existing id passes, is checked with the references."""
    if spec.allowed or spec.type in ("bool", "number"):
        return False
    return spec.pattern is not None or spec.check is not None or field not in dict(REFERENCES.get(table, ()))


def shape_problems(table: str, documents: Mapping[str, Any], proven: bool = False) -> list[Problem]:
    """Document keys, records that are not objects, missing and unknown fields, duplicate ids (`proven`:
    the fields are known to be right)."""
    schema, required = SCHEMA[table], REQUIRED[table]
    keys = "".join(documents)
    records = documents.values()
    try:  # a whole column at a time, in C: each record an object with an id, required ⊆ fields ⊆ schema
        ids = list(map(itemgetter("id"), records))
        unique = len(set(ids)) == len(ids)
        # a record without a required field is a KeyError; one field name beyond the schema, a larger set
        if not proven:
            deque(map(itemgetter(*required), records), maxlen=0)
        shaped = proven or set(chain.from_iterable(records)) <= schema.keys()
    except (TypeError, KeyError):  # a record that is no object, without an id, or an id that is a list
        unique = shaped = False
    short = proven or max(map(len, documents), default=0) <= KEY_DIGITS
    if unique and shaped and short and keys.isdigit() and keys.isascii():
        return []
    problems: list[Problem] = []
    seen: set[str] = set()
    for key, record in documents.items():
        name = label(key, record)
        if not (key.isdigit() and key.isascii() and len(key) <= KEY_DIGITS):
            problems.append(Problem(table, name, "", f"document key {key!r:.40} is not a number of at most "
                                                     f"{KEY_DIGITS} digits"))
        if name in seen and not name.startswith("#"):
            problems.append(Problem(table, name, "id", "duplicate id"))
        seen.add(name)
        if type(record) is not dict:
            problems.append(Problem(table, name, "", f"the record is {json_type(record)}, not an object"))
            continue
        problems += [Problem(table, name, field, f"missing field {field!r}") for field in required
                     if field not in record]
        problems += [Problem(table, name, field, f"unknown field {field!r:.40}") for field in record
                     if field not in schema]
    return problems


def column_ok(spec: Field, values: Iterable[Any]) -> bool:
    """Are all values of one field good? Each distinct text is checked once: a store repeats its values.
    None passes where the field is optional (absent or null)."""
    if spec.type == "text":
        return _texts_ok(spec, values)
    if not spec.required:
        values = filter(partial(operator.is_not, None), values)
    if spec.type == "number":
        numbers = list(values)
        try:  # a sum that is finite has no infinity, NaN or integer beyond floats among its terms
            return set(map(type, numbers)) <= {int, float} and math.isfinite(math.fsum(numbers))
        except OverflowError:
            return False
    if spec.type == "bool":
        return set(map(type, values)) <= {bool}
    lists = list(values)  # names
    if not set(map(type, lists)) <= {list}:
        return False
    names = list(chain.from_iterable(lists))
    return set(map(type, names)) <= {str} and all(map(str.strip, names))


def _texts_ok(spec: Field, values: Iterable[Any]) -> bool:
    plain = not (spec.allowed or spec.pattern or spec.check or spec.may_be_empty)
    try:
        if plain and spec.required:  # no text blank; a set would cost more than it saves on a column of excerpts
            return all(map(str.strip, values))
        distinct = set(values)
        if not spec.required:
            distinct.discard(None)
        if spec.allowed:
            return distinct <= set(spec.allowed)
        if plain:
            return all(map(str.strip, distinct))
        if spec.pattern is not None and spec.check is None:  # no pattern matches a blank text
            return all(map(spec.pattern.fullmatch, distinct))
    except TypeError:  # something other than text, or a list or an object where text belongs
        return False
    return not any(_field_problem("", spec, v) for v in distinct)


def reference_problems(table: str, references: Iterable[tuple[str, str]], known: Mapping[str, set[str]],
                       records: Iterable[Record]) -> list[Problem]:
    return [Problem(table, label("new", record), field, f"{field} {record[field]!r:.40} does not exist")
            for record in records for field, target in references
            if type(record.get(field)) is str and record[field] not in known[target]]


def completeness(table: str, record: Record) -> list[tuple[str, str]]:
    """What a curated record must have beyond conformance: verify's and the writers' extra rules."""
    if table != "facts":
        return []
    from factcli.numerals import printed_in

    found = []
    measure, period, evidence = record.get("measure"), record.get("period"), record.get("evidence")
    if measure in ("level", "count") and isinstance(period, str) and "-" in period and record.get("basis") is None:
        found.append(("basis", f"a {measure} over a span needs basis {' or '.join(SPAN_BASES)}"))
    if measure == "rank" and record.get("rank_of") is None:
        found.append(("rank_of", f"a rank fact needs rank_of ({', '.join(RANKED)})"))
    if isinstance(evidence, str):
        if not EVIDENCE_LENGTH[0] <= len(evidence) <= EVIDENCE_LENGTH[1]:
            found.append(("evidence", f"evidence is {len(evidence)} characters (allowed {EVIDENCE_LENGTH[0]}–"
                                      f"{EVIDENCE_LENGTH[1]})"))
        for name in ("value", "value_high"):
            if is_finite(record.get(name)) and not printed_in(record[name], evidence):
                found.append((name, f"{name} {record[name]} is not printed in the evidence"))
        if is_finite(record.get("value")) and record["value"] < 0 and not re.search(DECLINE, evidence):
            found.append(("value", f"value {record['value']} is negative but the evidence names no decline"))
    return found


def store_problems(tables: Tables) -> list[Problem]:
    """Conformance and completeness of a whole store (no source texts): verify's first half."""
    problems = conformance(tables)
    if any(p.record == "" for p in problems):
        return problems
    broken = {(p.table, p.record) for p in problems}
    sound = {table: {key: record for key, record in tables.get(table, {}).items()
                     if (table, label(key, record)) not in broken} for table in SCHEMA}
    for table, records in sound.items():
        for record in records.values():
            problems += [Problem(table, record["id"], field, message) for field, message in completeness(table, record)]
    return problems + shared_names(sound)


def shared_names(tables: Tables) -> list[Problem]:
    """A name or alias that two regions (or two indicators) answer to makes lookups ambiguous."""
    from factcli.names import names_of, normalize

    problems = []
    for table in ("regions", "indicators"):
        owner: dict[str, str] = {}
        for record in tables.get(table, {}).values():
            for name in dict.fromkeys(normalize(n) for n in names_of(record) if n):
                other = owner.setdefault(name, record["id"])
                if other != record["id"]:
                    problems.append(Problem(table, record["id"], "aliases", f"alias {name!r} also names {other!r}"))
    return problems


def record_problems(table: str, record: Record, tables: Tables) -> list[Problem]:
    """Everything wrong with one new or changed record, against the rest of the store: what writes check."""
    name = label("new", record)
    found = [(p.field, p.message) for p in table_problems(table, {"0": record})]
    found += [(field, f"{field} is not valid UTF-8 text") for field, value in record.items()
              if not all(encodable(text) for text in (value if isinstance(value, list) else [value])
                         if isinstance(text, str))]
    found += [(field, message) for field, message in completeness(table, record)
              if not any(field == seen for seen, _ in found)]
    problems = [Problem(table, name, field, message) for field, message in found]
    known = {target: ids(tables, target) for _, target in REFERENCES.get(table, ())}
    return problems + reference_problems(table, REFERENCES.get(table, ()), known, [record])


def evidence_problems(fact: Record, text: str) -> list[Problem]:
    """Is the evidence verbatim in its source text?"""
    evidence = fact.get("evidence")
    if isinstance(evidence, str) and evidence in text:
        return []
    return [Problem("facts", label("new", fact), "evidence", "evidence not found verbatim in the source")]


def describe(problem: Problem) -> str:
    """A problem as one printable line: `table/record: message`, store text made safe for a terminal."""
    from factcli.render import clean

    where = f"{problem.table}/{problem.record}" if problem.record else problem.table or "store"
    return clean(f"{where}: {problem.message}")
