"""Attack regressions, second pass: the options, commands and terminal handling added since the first."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke

from factcli.context import Environment


def test_an_extra_argument_is_echoed_without_control_characters() -> None:
    result = invoke("topics", "a\x07b\u202ec\x1b[2J")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: Got unexpected extra argument (abc[2J)"


@pytest.mark.usefixtures("small")
def test_a_pager_that_cannot_be_run_prints_the_table_itself(tmp_path: Path) -> None:
    def screen(height: int, **environ: str) -> Environment:
        return Environment(is_terminal=True, width=80, height=height, styled=False, environ=environ)
    result = invoke("show", "alpha", obj=screen(5, FACTCLI_PAGER=str(tmp_path)))  # a folder: the shell says 126
    assert (result.exit_code, result.stdout) == (0, invoke("show", "alpha", obj=screen(200)).stdout)
