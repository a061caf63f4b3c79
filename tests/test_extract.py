"""extract's rules on small texts: what counts as a figure, and the guesses a curator reviews."""

from __future__ import annotations

from factcli.extract import extract

INDICATORS = [{"id": "gdp", "name_zh": "地区生产总值", "aliases": ["生产总值"]},
              {"id": "coal_output", "name_zh": "原煤产量", "aliases": ["煤炭年产量"]},
              {"id": "pm25_concentration", "name_zh": "PM2.5平均浓度", "aliases": []}]


def figures(text: str, year: int = 2025) -> list[tuple]:
    return [(c["number"], c["unit"], c["measure"], c["indicator"], c["kind"], c["qualifier"], c["period"])
            for c in extract(text, year, INDICATORS, [])]


def test_estimate_with_hedge_and_growth() -> None:
    assert figures("全市地区生产总值预计突破500亿元，同比增长5%左右。") == [
        ("500", "亿元", "level", "gdp", "estimate", "above", "2024"),
        ("5", "%", "growth", "gdp", "estimate", "approx", "2024"),
    ]


def test_targets_and_periods() -> None:
    assert figures("今年力争地区生产总值增长6%以上。")[0][4:] == ("target", "at_least", "2025")
    assert figures("近三年吕梁煤炭年产量保持在1.6亿吨左右,建成智能化煤矿42座。")[0] == (
        "1.6", "亿吨", "level", "coal_output", "actual", "approx", "2022-2024")
    assert figures("“十四五”末，地区生产总值达到460亿元以上。", year=2021)[0][5:] == ("at_least", "2025")


def test_ranks_need_a_place() -> None:
    assert figures("第一时间召开市委常委会议。") == []
    assert [f[:3] for f in figures("地区生产总值居全省第二。")] == [("二", "rank", "rank")]
    (top,) = figures("PM2.5平均浓度均居全省前三。")
    assert (top[1], top[5]) == ("rank", "at_most")


def test_counts_in_chinese_numerals() -> None:
    assert [(f[0], f[1]) for f in figures("部署九项重点任务，占比近三成。")] == [("九", "项"), ("三", "成")]
    assert figures("深化治本攻坚三年行动，重点抓好七方面工作。") == []


def test_names_dates_and_labels_are_not_figures() -> None:
    assert figures("全面落实“民营经济 16条”，强化12345便民热线，推进5G建设，PM2.5下降。") == []
    assert figures("2024年12月完成。ad1 webp") == []
