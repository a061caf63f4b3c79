"""`--lang zh` is complete: headers, areas, levels, kinds, statuses, rates, citations, check messages and
legends read in Chinese; only the store's own English (ids, curators' notes and scopes) stays."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import fact, invoke, terminal, write_store

ENGLISH_LABELS = ("actual", "estimate", "target", "strive", "per year", "/yr", "total", "Source", "Region",
                  "Indicator", "Period", "Kind", "Value", "Growth", "Rank", "Status", "Outcome", "Gap", "Area",
                  "economy", "energy", "prefecture", "behind", "not yet due", "no outcome", "need", "did",
                  "Units", "Note", "Excerpt", "Fact id", "Date", "issued", "level", "count", "Targets", "Scope",
                  "Severity", "Finding", "warning", "error", "rounding", "within", "Name", "Facts", "top")

COMMANDS = [("show", "alpha"), ("show", "alpha", "gdp"), ("targets", "2025", "--track"), ("track",),
            ("regions",), ("indicators",), ("diff", "alpha"), ("search", "总值"), ("compare", "gdp", "alpha", "beta"),
            ("cite", "doc-009"), ("cite", "doc-011"), ("sources",), ("show", "alpha", "coal_output", "--chart")]


@pytest.mark.usefixtures("small")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_english_label_in_a_chinese_table(args: tuple[str, ...]) -> None:
    result = invoke(*args, "--lang", "zh", obj=terminal(120))
    assert result.exit_code == 0 and result.stdout
    found = [word for word in ENGLISH_LABELS if re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])",
                                                         result.stdout)]
    assert found == []


def test_span_figures_rates_and_check_messages_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_store(tmp_path / "zh.json", [
        fact(id="a", period="2022-2024", value=1.6, unit="亿吨", indicator="coal_output", basis="annual_avg",
             evidence="原煤产量年均1.6亿吨"),
        fact(id="b", period="2016-2020", value=128.8, basis="cumulative", evidence="累计128.8亿元"),
        fact(id="c", measure="rank", unit="rank", value=3, qualifier="at_most", evidence="全省前三"),
        fact(id="d", source="other", period="2024", value=31.7, evidence="地区生产总值31.7亿元"),
        fact(id="e", period="2024", value=32, evidence="地区生产总值32亿元"),
    ], sources=[
        {"id": "doc", "file": "doc.txt", "sha256": "0" * 64, "title_zh": "报告", "title_en": "Report",
         "region": "alpha", "date": "2025-01-01", "kind": "government_work_report"},
        {"id": "other", "file": "o.txt", "sha256": "1" * 64, "title_zh": "另一报告", "title_en": "Other",
         "region": "alpha", "date": "2025-02-01", "kind": "government_work_report"},
    ])
    monkeypatch.setenv("FACTCLI_DB", str(path))
    shown = invoke("show", "alpha", "--lang", "zh", obj=terminal(100)).stdout
    assert "1.6 亿吨/年" in shown and "累计128.8 亿元" in shown and "前3" in shown
    check = invoke("check", "--lang", "zh", "--format", "jsonl").stdout
    assert "alpha gdp 2024 level: 31.7 亿元 (other) vs 32 亿元 (doc)：在印出精度之内" in check
