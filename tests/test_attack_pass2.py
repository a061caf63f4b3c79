"""Attack regressions, second pass: the options, commands and terminal handling added since the first."""

from __future__ import annotations

from conftest import invoke


def test_an_extra_argument_is_echoed_without_control_characters() -> None:
    result = invoke("topics", "a\x07b\u202ec\x1b[2J")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: Got unexpected extra argument (abc[2J)"
