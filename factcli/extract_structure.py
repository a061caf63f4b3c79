"""A document's layout as a curator reads it: clauses, headings, and the period and kind each section sets.

Everything is found in one pass over the text and looked up by bisection, so reading a document takes
time linear in its length however many figures it prints.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from factcli.numerals import chinese_to_int

REACH = 200  # the most of a clause either side of a figure that is read: longer ones are not sentences
_CLAUSE_END = re.compile(r"[。；;！!？?\n]")
_PART_END = re.compile(r"[。；;！!？?\n，,：:]")
_LIST_END = re.compile(r"[。；;！!？?\n，,：:、（(）)]")
_HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}\s+(?=\D)|#+\s*)")
_REVIEW = ("回顾", "成就", "答卷", "成绩", "总结", "怎么样", "回眸", "成效")
_PLAN = ("安排", "目标", "任务", "计划", "怎么干", "部署", "展望", "思路", "重点抓好")
# a paragraph that opens with a year (2020 年全年…, 2024年，…) speaks of that year until the next heading
_YEAR_OPENING = re.compile(r"\s*(20\d\d)\s*年(?:全年|以来|，|,|\s*我们|\s*我市|\s*全市)")


class Context(NamedTuple):
    """What a section or paragraph says about the figures under it."""

    period: str
    kind: str
    why: str


def span_words(text: str, year: int) -> tuple[str, str] | None:
    """A span that words name (十三五, 十四五, 五年来, 近三年), with the words, or None."""
    if "十三五" in text:
        return "2016-2020", "十三五"
    if "十四五以来" in text or "十四五”以来" in text:
        return f"2021-{year - 1}", "十四五以来"
    if "十四五" in text:
        return "2021-2025", "十四五"
    if "五年来" in text or "过去五年" in text:
        return f"{year - 5}-{year - 1}", "五年来"
    if "近三年" in text:
        return f"{year - 3}-{year - 1}", "近三年"
    return None


def heading_context(heading: str, year: int) -> Context | None:
    """The period and kind a heading sets, when its words say them."""
    heading = re.sub(r"\s+", "", heading)
    found = re.search(r"(20\d\d)\s*年", heading)
    span = span_words(heading, year)
    if span and (not found or heading.find(span[1]) < found.start()):
        period, words = span
    elif found:
        period, words = found.group(1), found.group(0)
    elif "今年" in heading:
        period, words = str(year), "今年"
    elif "去年" in heading:
        period, words = str(year - 1), "去年"
    elif any(w in heading for w in _PLAN):
        period, words = str(year), next(w for w in _PLAN if w in heading)
    else:
        return None
    if any(w in heading for w in _REVIEW):
        kind = "actual"
    elif any(w in heading for w in _PLAN):
        kind = "target"
    else:
        kind = "actual" if int(period[-4:]) < year else "target"
    return Context(period, kind, f"section “{heading.strip()[:24]}” ({words})")


def heading_number(marker: str) -> tuple[bool, int] | None:
    """A top-level heading's number, and whether it is printed in digits (4) or in Chinese (四、)."""
    marker = marker.strip().rstrip("、是")
    if marker.isdigit():
        return True, int(marker)
    value = chinese_to_int(marker)
    return (False, value) if value else None


def opening_context(paragraph: str, year: int) -> tuple[Context | None, bool]:
    """The context a paragraph's first words set, and whether it lasts beyond the paragraph."""
    found = _YEAR_OPENING.match(paragraph)
    if found:
        period = found.group(1)
        kind = "actual" if int(period) < year else "target"
        return Context(period, kind, f"paragraph opens with {period}年"), True
    opening = re.split(r"[，,。：:]", paragraph, maxsplit=1)[0][:16]
    span = span_words(opening, year)
    # a named span (五年来, 十三五时期) reviews the paragraph; 近三年 describes only its own clause
    if span and span[1] != "近三年":
        kind = "actual" if int(span[0][-4:]) < year else "target"
        return Context(span[0], kind, f"paragraph opens with {span[1]}"), False
    if opening.lstrip().startswith("去年"):
        return Context(str(year - 1), "actual", "paragraph opens with 去年"), False
    if opening.lstrip().startswith(("今年", "年内")):
        return Context(str(year), "target", "paragraph opens with 今年"), False
    return None, False


def _wrapped_joins(text: str) -> list[tuple[int, int]]:
    """Line breaks inside sentences, when the text is wrapped at a width (OCR of a printed column): the
    (start, end) of each run of white space holding them.

    A text is wrapped when most of its lines end without punctuation; there, a break between two pieces
    of text joins them (even a name: 天然⏎⏎气), and only punctuation ends a clause.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    open_ended = sum(1 for line in lines if not re.search(r"[。；;！!？?：:”）)]\s*$", line))
    if not lines or open_ended < 0.6 * len(lines):
        return []
    return [m.span() for m in re.finditer(r"(?<=[^\s。；;！!？?：:])[ \t\u3000]*\n\s*(?=\S)", text)]


class Layout:
    """Clause and part boundaries and section contexts of one text, for lookups by offset."""

    def __init__(self, text: str, year: int) -> None:
        self.text = text
        self.joins = _wrapped_joins(text)
        breaks = {at for start, end in self.joins for at in range(start, end)}
        self.joined, self._positions, self._shifts = self._join()
        self.clause_ends = [m.start() for m in _CLAUSE_END.finditer(text) if m.start() not in breaks]
        self.part_ends = [m.start() for m in _PART_END.finditer(text) if m.start() not in breaks]
        self.list_ends = [m.start() for m in _LIST_END.finditer(text) if m.start() not in breaks]
        self.starts: list[int] = []
        self.contexts: list[Context | None] = []
        self.planning: list[bool] = []
        self._read_sections(year)

    def _read_sections(self, year: int) -> None:
        section: Context | None = None  # from the last top-level heading
        sub: Context | None = None  # from a second-level heading (（一）…)
        running: Context | None = None  # from a paragraph opening with a year, until the next heading
        planning = False  # after a heading of plans (工作安排, 主要预期目标) and before one of results
        numbered: tuple[bool, int] | None = None  # the last top-level heading's numbering: digits?, number
        at = 0
        for line in self.text.split("\n"):
            start, at = at, at + len(line) + 1
            if not line.strip():
                continue
            marker = _HEADING.match(line)
            heading = re.split(r"[。]", line, maxsplit=1)[0]
            short = len(heading.strip()) <= 30 and heading == line and not re.search(r"[，,、：:；;]", line)
            if marker and (short or not marker.group().strip()[:1].isdigit()):
                # a numbered heading opens a section: its own words, or (top level) none at all
                own = heading_context(heading, year)
                if marker.group().strip().startswith(("（", "(")) or marker.group().strip().endswith("是"):
                    sub, numbered = own, None  # a list under each sub-heading starts over by right
                else:
                    section, sub = own, None
                    number = heading_number(marker.group())
                    # a numbering that starts over (… 7, then 4) is another list than the plan's: the plan
                    # ended (results printed after it, as a report's back pages are), unless it says otherwise
                    if own is None and number and numbered and number[0] == numbered[0] and number[1] <= numbered[1]:
                        planning = False
                    numbered = number
                running = None
            elif short and any(w in heading for w in _REVIEW + _PLAN) and (own := heading_context(heading, year)):
                section, sub, running, numbered = own, None, None, None
            for own in (section, sub):
                if own is not None:
                    planning = own.kind == "target"
            opening, lasting = opening_context(line, year)
            if lasting:
                running = opening
            self.starts.append(start)
            self.contexts.append(opening or running or sub or section)
            self.planning.append(planning)

    def context(self, pos: int) -> Context | None:
        """The context of the paragraph holding pos."""
        i = bisect_right(self.starts, pos) - 1
        return self.contexts[i] if i >= 0 else None

    def _join(self) -> tuple[str, list[int], list[int]]:
        """The text with the wrapped line breaks taken out (names and units whole again), with where each
        break was taken out and how many characters were taken out up to there."""
        if not self.joins:
            return self.text, [], []
        pieces, positions, shifts = [], [], []
        at = removed = 0
        for start, end in self.joins:
            pieces.append(self.text[at:start])
            removed += end - start
            positions.append(start - removed + (end - start))
            shifts.append(removed)
            at = end
        pieces.append(self.text[at:])
        return "".join(pieces), positions, shifts

    def original(self, offset: int) -> int:
        """An offset in the joined text as an offset in the text."""
        i = bisect_right(self._positions, offset) - 1
        return offset + (self._shifts[i] if i >= 0 else 0)

    def paragraph_start(self, pos: int) -> int:
        """Where the line holding pos begins."""
        i = bisect_right(self.starts, pos) - 1
        return self.starts[i] if i >= 0 else 0

    def planning_at(self, pos: int) -> bool:
        """Whether pos stands after a heading of plans (and before one of results): there a figure with no
        words of its own and no section context is a target."""
        i = bisect_right(self.starts, pos) - 1
        return self.planning[i] if i >= 0 else False

    def clause(self, pos: int) -> tuple[int, int]:
        """The sentence or clause holding pos: between the nearest 。；！？ or line breaks."""
        return self._between(self.clause_ends, pos)

    def part(self, pos: int) -> tuple[int, int]:
        """The comma-delimited part of the clause holding pos."""
        return self._between(self.part_ends, pos)

    def item(self, pos: int) -> tuple[int, int]:
        """The list item holding pos: a part further cut at 、 and brackets."""
        return self._between(self.list_ends, pos)

    def _between(self, ends: list[int], pos: int) -> tuple[int, int]:
        # cut at REACH either side, so that text without punctuation costs each figure bounded work
        i = bisect_left(ends, pos)
        left = ends[i - 1] + 1 if i > 0 else 0
        right = ends[i] if i < len(ends) else len(self.text)
        return max(left, pos - REACH), min(right, pos + REACH)
