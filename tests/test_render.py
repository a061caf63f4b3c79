"""render and the Environment: the sanitizer, JSON escaping, the format and width of one invocation."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import fact, invoke, terminal, write_store

from factcli.context import Environment
from factcli.render import Column, clean, emit, emit_chart, to_json

HOSTILE = "a\x1b[31mb\u202ec\u2066d\u200fe\u061cf\x9bg\x85h\x07i\x7fj"


def test_clean_strips_controls_and_bidi_and_keeps_one_line() -> None:
    assert clean(HOSTILE) == "a[31mbcdefg hij"
    assert clean("孝义\t市\r\n2024\u2028年") == "孝义 市 2024 年"


def test_json_escapes_what_could_act_on_a_terminal_but_keeps_chinese() -> None:
    text = to_json({"evidence": "增长5%\u202e\x1b\x85"})
    assert text == '{"evidence": "增长5%\\u202e\\u001b\\u0085"}'
    assert json.loads(text) == {"evidence": "增长5%\u202e\x1b\x85"}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "tsv", "csv"])
def test_machine_formats_never_carry_raw_controls(fmt: str) -> None:
    out = io.StringIO()
    emit([{"note": HOSTILE}], [Column("note", "note", "note")], fmt, out=out)
    assert not any(ch in out.getvalue() for ch in "\x1b\u202e\u2066\u200f\u061c\x9b\x85\x07\x7f")


def test_hostile_store_text_is_harmless_in_every_format(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact(note=HOSTILE, scope="\u202e005")])
    for args in (["-f", "table"], ["-f", "tsv"], ["-f", "json"], ["-f", "jsonl"], ["-f", "csv"]):
        out = invoke("show", "alpha", "--db", str(db), *args).stdout
        assert not any(ch in out for ch in "\x1b\u202e\u2066\u200f\u061c\x9b\x85\x07\x7f"), args


def test_errors_are_sanitized_on_stderr(tmp_path: Path) -> None:
    result = invoke("show", "alpha", "--db", str(tmp_path / "x\x1b[2J\u202e.json"))
    assert (result.exit_code, result.stderr) == (4, f"factcli: {tmp_path}/x[2J.json: store not found\n")


@pytest.mark.usefixtures("small")
def test_names_typed_by_the_user_are_quoted_escaped() -> None:
    result = invoke("show", "\x1b[2J\u202eevil")
    assert (result.exit_code, result.stderr) == (2, "factcli: unknown region '\\x1b[2J\\u202eevil'\n")


@pytest.mark.parametrize(("columns", "width"), [("100", 100), ("abc", 80), ("0", 80), ("-5", 80), ("", 80),
                                                ("１２０", 80)])
def test_columns_is_used_when_it_is_a_positive_number_else_80(columns: str, width: int) -> None:
    assert Environment(is_terminal=False, environ={"COLUMNS": columns}).width == width


@pytest.mark.usefixtures("small")
def test_invalid_columns_falls_back_instead_of_failing() -> None:
    result = invoke("regions", "-f", "table", env={"COLUMNS": "wide"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_environment_decides_format_once() -> None:
    env = terminal(120)
    assert (env.format, env.width) == ("table", 120)
    env.requested_format = "jsonl"
    assert env.format == "jsonl"
    assert Environment(is_terminal=False, environ={}).format == "tsv"


@pytest.mark.usefixtures("small")
@pytest.mark.parametrize("width", [80, 120])
def test_tables_fit_the_terminal(width: int) -> None:
    out = invoke("targets", "2025", "--track", "--evidence", obj=terminal(width)).stdout
    assert max(len(line) for line in out.splitlines()) <= width


def test_only_the_environment_asks_whether_stdout_is_a_terminal() -> None:
    package = Path(__file__).resolve().parent.parent / "factcli"
    assert [p.name for p in sorted(package.glob("*.py")) if "isatty" in p.read_text(encoding="utf-8")] == [
        "context.py"]


def test_text_that_is_printable_needs_no_cleaning_at_any_code_point() -> None:
    """clean() returns printable text as it is: no character either pattern removes or replaces is
    printable, over every code point, so printable text (whose every character is) matches neither."""
    import re
    import sys

    from factcli.render import _CONTROL, _LINE_BREAKS

    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    matched = set(re.findall(_CONTROL, everything)) | set("".join(re.findall(_LINE_BREAKS, everything)))
    assert len(matched) == 79  # C0 (32), DEL and C1 (33), the bidi marks (12), U+2028 and U+2029
    assert not [hex(ord(ch)) for ch in matched if ch.isprintable()]
    printable = "".join(ch for ch in everything if ch.isprintable())
    assert clean(printable) == re.sub(_CONTROL, "", re.sub(_LINE_BREAKS, " ", printable)) == printable


def test_clean_and_the_machine_formats_are_as_their_definitions_for_any_text() -> None:
    """clean() as its two patterns, and a tsv or csv row (built a column at a time) as the cells of its
    values one by one, whatever the text: controls, bidi marks and line breaks among CJK and numbers."""
    import csv
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from factcli.render import _CONTROL, _LINE_BREAKS, cell

    texts = st.text(st.sampled_from([*"a孝 .", *"\t\n\r\x0b\x1b\x7f\x85\x9b\u061c\u200e\u202e\u2028\u2066"])
                    | st.characters())
    values = (st.none() | st.booleans() | st.integers(-(10**20), 10**20)
              | st.floats(allow_nan=False, allow_infinity=False) | texts | st.lists(texts, max_size=3))
    keys = ["a", "b", "c"]
    columns = [Column(key, key, key) for key in keys]

    @settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @given(st.lists(st.dictionaries(st.sampled_from(keys), values), max_size=6), texts)
    def check(rows: list[dict[str, object]], text: str) -> None:
        assert clean(text) == re.sub(_CONTROL, "", re.sub(_LINE_BREAKS, " ", text))
        tsv, csv_out, expected_csv = io.StringIO(), io.StringIO(), io.StringIO()
        emit(rows, columns, "tsv", out=tsv)
        assert tsv.getvalue() == "".join("\t".join(line) + "\n"
                                         for line in [keys, *([cell(row.get(k)) for k in keys] for row in rows)])
        emit(rows, columns, "csv", out=csv_out)
        csv.writer(expected_csv, lineterminator="\n").writerows([keys, *([cell(row.get(k)) for k in keys]
                                                                         for row in rows)])
        assert csv_out.getvalue() == expected_csv.getvalue()

    check()


def test_a_chart_draws_falls_left_of_an_axis() -> None:
    out = io.StringIO()
    emit_chart([("2019 act", 5.0, "5%"), ("2020 act", -2.5, "-2.5%"), ("2021 act", 0, "0%")], width=15, out=out)
    assert out.getvalue() == ("2019 act       │██████████ 5%\n"
                              "2020 act  █████│ -2.5%\n"
                              "2021 act       │ 0%\n")
    out = io.StringIO()
    emit_chart([("a", -2.5, "-2.5"), ("b", 2.5, "2.5")], width=5, out=out)  # a half cell each side of the axis
    assert out.getvalue() == "a  ▐██│ -2.5\nb     │██▌ 2.5\n"
    out = io.StringIO()
    emit_chart([("2023 act", -4.0, "-4 百分点"), ("2024 act", -1.0, "-1 百分点")], width=8, out=out)
    assert out.getvalue() == ("2023 act  ████████│ -4 百分点\n"
                              "2024 act        ██│ -1 百分点\n")
