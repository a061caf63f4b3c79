"""Attack regression: extract reads its text's clause marks once, not once per number (it was quadratic:
850 KB took 54 s, 1.4 MB over 300 s)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from factcli import extract


class Counting:
    """The clause-mark pattern, counting how often the text is scanned."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.scans = pattern, 0

    def finditer(self, *args: Any) -> Any:
        self.scans += 1
        return self.pattern.finditer(*args)

    def search(self, *args: Any) -> Any:
        self.scans += 1
        return self.pattern.search(*args)


def test_the_text_is_scanned_for_clauses_once(monkeypatch: pytest.MonkeyPatch) -> None:
    counting = Counting(extract._CLAUSE_END)
    monkeypatch.setattr(extract, "_CLAUSE_END", counting)
    extract.clause_ends.cache_clear()
    text = "".join(f"第{n}段：地区生产总值增长{n % 9 + 1}%，原煤产量{n}万吨。\n" for n in range(1, 400))
    found = extract.extract(text, 2025, [], [])
    assert len(found) == 798
    assert [(f["value"], f["unit"], f["period"]) for f in found[:2]] == [(2, "%", "2024"), (1, "万吨", "2024")]
    assert counting.scans == 1


def test_clauses_are_where_their_marks_say() -> None:
    text = "甲。乙增长5%；丙"
    assert extract.clause_around(text, 4, 5) == (2, 7)
    assert extract.clause_around(text, 0, 1) == (0, 1)
    assert extract.clause_around(text, 8, 9) == (8, 9)
