"""Candidate facts in a document's text, with the guesses a curator reviews before `import`.

A candidate is a fact record (the fields `import` reads) plus review-only fields. The guesses are the rules
a careful reader applies: the section a figure stands under sets its period and kind (extract_structure),
unless its own clause says otherwise (去年, 2020年, 十四五末, 预计, 力争 …); the region is the document's
unless the figure's list item names another owner (省政府 11 件); the indicator is the known name that
heads the figure (before it, or after a count's classifier), or a new one is proposed; a figure shared by
several names (A、B均达90%) is one candidate each, and names listed before 分别 take the figures after it in
order. The whole text is read in time linear in its length:
every figure is read from a bounded neighbourhood, found by bisection in boundaries found in one pass.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Any, NamedTuple

from factcli.extract_structure import REACH, Layout, span_words
from factcli.model import Record
from factcli.numerals import chinese_to_int
from factcli.units import UNITS

# the fact fields, named as `import` reads them, then the fields only a reviewer needs
FACT_FIELDS = ("region", "indicator", "source", "period", "kind", "measure", "basis", "value", "value_high",
               "unit", "qualifier", "aspirational", "scope", "evidence", "note", "rank_of")
REVIEW_FIELDS = ("new_indicator", "number", "stored", "offset", "context")
FIELDS = FACT_FIELDS + REVIEW_FIELDS

_UNIT_NAMES = sorted((u for u in UNITS if u != "rank"), key=len, reverse=True)
_RANGE = r"(?:\s*[~～至]\s*(\d+(?:\.\d+)?))?"
# units whole as printed: 万吨标准煤 is not 万吨 of coal
_COMPOUND = r"(?:标准煤|标煤|二氧化碳当量)?"
_UNIT = r"(?:个百分点|(?:" + "|".join(map(re.escape, _UNIT_NAMES)) + r")" + _COMPOUND + r")"
# 30多个, 600余辆: the hedge stands between the number and its unit
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)" + _RANGE + r"(?:\s*[多余](?=\s*" + _UNIT + r"))?\s*(" + _UNIT
                     + r")?")
_PLACE = re.compile(r"第\s*(\d+)\s*[名位]")  # 全国县级第 67 名
_NUMERAL = "一二三四五六七八九十"
# a rank is a position somewhere (全省第二, 居第三); a bare 第一 is mostly an idiom (第一时间, 第一责任人)
_RANK = re.compile(rf"(?:省|全市|全国|全区|居|列|排名|排|吕梁|晋中|平原|流域|县|、)\s*第\s*([{_NUMERAL}]+|\d+)")
_TOP = re.compile(rf"(?:省|市|国|居)\s*前\s*([{_NUMERAL}]+|\d+)")  # 居全省前三: rank 3 at most
# counts written in Chinese numerals (九项, 三成); only classifiers of things, since 三年, 七方面, 二十届
# and the like are phrases, not figures
_CHINESE_COUNT = re.compile(r"(?<![一二三四五六七八九十百千两])([二三四五六七八九十两][一二三四五六七八九十百千]*)"
                            r"(个|家|户|所|件|座|套|条|项|场|处|台|辆|张|批|株|栋|村|镇|类|成)")
# N大 + a noun counts things (3大产业集群); 大于, 大幅, 大约 are words of their own
_GREAT = re.compile(r"大(?![于幅约概力量批部多])[\u4e00-\u9fff]")
# from one rank to the next of the same thing in another place: 全省第三、全国第十 (numeral, 、, place, 第)
_ANOTHER_PLACE = re.compile(r"[一二三四五六七八九十\d]*\s*、\s*(?!\S*(?:增|率|比|量|规模))[\u4e00-\u9fff]{0,5}"
                            r"(?:省|市|国|县|区|平原|流域|地区|城市)\s*第\s*")
# a quoted term spelled out: “三区”即3个示范区
_DEFINITION = re.compile(r"[”\"]\s*即\s*$")
# the figures of a list after 分别 (5%、8%; 第一、第二)
_EACH_FIGURE = re.compile(r"\d+(?:\.\d+)?|第\s*[一二三四五六七八九十]+")
_QUOTED = re.compile(r"[“\"][^”\"]{0,12}[”\"]")
_ESTIMATE = ("预计", "初步", "有望")
_STRONG_TARGET = ("力争", "确保", "预期目标", "目标是", "争取", "计划", "年内", "今年", "明年")
_PAST = ("去年", "已", "累计", "目前", "了", "实现", "成功")
# what is still to be done, in a text without sections to say so: 再打造 (another … more), and a quota for
# each place (每县培育1个): results are counted in totals, plans are handed out per place
_DEEDS = r"(?:打造|建设|新建|建成|培育|实施|新增|创建|改造|壮大|布局|发展)"
_FORWARD = re.compile(r"再" + _DEEDS + r"|每个?(?:县|乡镇|镇|村|社区|区)[^，,。；;\d]{0,4}?" + _DEEDS)
_ASPIRATIONAL = ("力争", "争取")
_AFTER = (("以上", "at_least"), ("左右", "approx"), ("以内", "at_most"), ("以下", "at_most"), ("多", "above"),
          ("余", "above"))
_BEFORE = (("不低于", "at_least"), ("不少于", "at_least"), ("至少", "at_least"), ("控制在", "at_most"),
           ("不超过", "at_most"), ("突破", "above"), ("超过", "above"), ("跨上", "above"), ("超", "above"),
           ("约", "approx"), ("接近", "approx"), ("近", "approx"))
_RISE = ("增长", "增速", "增幅", "涨幅", "提高", "提升", "上升", "上涨", "增加", "净增", "增")
_FALL = ("下降", "降低", "减少", "回落", "下滑", "降")
_SHARE = ("占比", "比重", "比例", "占", "率", "覆盖率")
# a stock at the end of a span takes the end year; a flow over it keeps the span
_STOCK = ("达到", "达", "拓展到", "增至", "提高到", "提升到", "降至", "降到", "跨上", "突破", "稳居", "为", "总数")
_FLOW = ("新增", "累计", "完成", "培育", "实施", "建成", "压减", "淘汰", "打造", "办理", "改造", "转移", "年均",
         "每年", "新建", "开展", "举办", "减少", "增长", "提高")
# words that make a different indicator of a shorter name (调查失业率 is not 登记失业率)
_DISTINGUISHING = ("调查", "登记", "城镇", "农村", "城市", "乡村", "规上", "规模以上", "人均")
# what may stand between a name and its number: verbs, hedges, places to rank in, other figures of a list
_GAP = re.compile(r"预计|初步|同比|比上年|较上年|分别|累计|全年|年均|总量|规模|增速|增幅|增长率|增长|下降|提高到|提高|"
                  r"上升|回落|跨上|拓展到|增至|占到|数量|均|降至|目标任务|降低|达到|达|为|突破|超过|超|完成|实现|"
                  r"约|近|接近|稳定|保持在|稳定在|控制在|每人每月|每人每年|不低于|不少于|至少|力争|确保|争取|的|了|"
                  r"是|和|有|均居|居|连续|"
                  r"建成|运行|合并|调整|净增|新增|新建|改扩建|实施|开展|举办|培育|引进|建设|打造|完工|投产|开工|"
                  r"稳居|位居|排名|位列|跃居|保持|全省|全市|全国|第|前|后|占比|比重|比例|以上|左右|年|"
                  r"[\d.\s、，,%:：一二三四五六七八九十两“”\"]|" + "|".join(map(re.escape, _UNIT_NAMES)))
# words that may end a noun phrase after a count's classifier (100个重点村建设, 283个小区改造完成)
_TAIL = r"建设|改造|完工|投产|开工|建成|落地|挂牌|开放|成型|全部|基本|达到|完成|创建|纳入|入选|任务|的基础|等"
# words that may stand right before a name without narrowing it (新建项目 is still 项目)
_OPENERS = (r"(?:新建|建设|实施|推进|推动|完成|累计|全市|全县|全年|年内|启动|开工|签约|引进|新增|建成|的|和|及|与|"
            r"在|有|其中)")
_CONTENT = re.compile(r"[\u4e00-\u9fff]{2}")
# what a product (or a set of projects) is measured by: a report names it once (推进煤炭稳产保供, 重点项目达
# 150个) and then the bare measure (全年产量稳定在8000万吨, 概算总投资450亿元); the names ending in one give the
# products it is of (原煤产量: 原煤)
_ATTRIBUTES = ("产量", "产能", "总投资", "概算总投资")
_NAME_TRIM = re.compile(r"^(?:其中|全市|全县|全区|全年|累计|新增|新建|建成|完成|实现|力争|确保|争取|推动|推进|加快|"
                        r"实施|启动|开工|打造|培育|引进|开展|举办|建设|达到|达|共|有|年内|今年|去年|同比|比上年|较上年|分别)+|"
                        r"(?:达到|达|为|突破|超过|超|增长|下降|提高到|提高|上升|回落|降至|降低|同比|比上年|较上年|完成|"
                        r"实现|约|近|接近|保持在|稳定在|控制在|不低于|不少于|至少|分别|的|了|是|和|有|居|排名|均|即|"
                        r"全省第|全市第|第)+$")


def alias_pattern(indicators: Iterable[Record]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for every Chinese name of every indicator (two characters or more), longest first.

    An urban and a rural indicator of one name (城镇/农村居民人均可支配收入) also answer, as a pair, to the
    names that print both (城乡居民…, 城镇和农村居民…): their id is the two ids joined by "|".
    """
    names: dict[str, str] = {}
    for record in indicators:
        for alias in [record.get("name_zh", ""), *record.get("aliases", [])]:
            if isinstance(alias, str) and len(alias) >= 2 and re.search(r"[\u4e00-\u9fff]", alias):
                names.setdefault(alias, record["id"])
    for alias, urban in list(names.items()):
        rural = names.get(alias.replace("城镇", "农村")) if "城镇" in alias else None
        if rural and rural != urban:
            for both in (alias.replace("城镇", "城乡"), alias.replace("城镇", "城镇和农村")):
                names.setdefault(both, f"{urban}|{rural}")
    if not names:
        return None, names
    ordered = sorted(names, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered))), names


def topic_index(indicators: Iterable[Record]) -> dict[str, list[str]]:
    """The indicators under each topic's Chinese word (topics read "氢能/hydrogen")."""
    index: dict[str, list[str]] = {}
    for record in indicators:
        for topic in record.get("topics") or []:
            word = topic.split("/")[0].strip() if isinstance(topic, str) else ""
            if len(word) >= 2:
                index.setdefault(word, []).append(record["id"])
    return index


def region_pattern(regions: Iterable[Record]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Chinese names of the regions, and 省 (the province) as an issuer (省政府, 省委, 省15件)."""
    names: dict[str, str] = {}
    province = None
    for record in regions:
        if record.get("level") == "province":
            province = record["id"]
        for alias in [record.get("name_zh", ""), *record.get("aliases", [])]:
            if isinstance(alias, str) and len(alias) >= 2 and re.search(r"[\u4e00-\u9fff]", alias):
                names.setdefault(alias, record["id"])
    if province:
        for issuer in ("省委", "省政府", "省"):
            names.setdefault(issuer, province)
    if not names:
        return None, names
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True)))), names


class Reader:
    """One document read once: its layout, and where indicator and region names stand."""

    def __init__(self, text: str, year: int, indicators: Iterable[Record], regions: Iterable[Record],
                 facts: Iterable[Record] = ()) -> None:
        self.text, self.year = text, year
        # what each indicator's amounts are measured in, from the store's facts: 亿元 is no count of projects
        self.dimensions: dict[str, set[str]] = {}
        for fact in facts:
            unit = UNITS.get(fact.get("unit") or "")
            if unit and fact.get("measure") in ("level", "count"):
                self.dimensions.setdefault(fact.get("indicator") or "", set()).add(unit.dimension)
        self.layout = Layout(text, year)
        indicators = list(indicators)
        self.topics = topic_index(indicators)
        pattern, self.indicator_names = alias_pattern(indicators)
        # names are matched in the text with wrapped line breaks taken out, and mapped back
        original = self.layout.original
        self.alias_hits = [(original(m.end() - 1) + 1, original(m.start()), m.group())
                           for m in pattern.finditer(self.layout.joined)] if pattern else []
        self.alias_ends = [h[0] for h in self.alias_hits]
        self.alias_by_start = sorted((at, end, name) for end, at, name in self.alias_hits)
        self.alias_starts = [h[0] for h in self.alias_by_start]
        pattern, self.region_names = region_pattern(regions)
        self.region_hits = [(m.end(), m.start(), m.group()) for m in pattern.finditer(text)] if pattern else []
        self.region_ends = [h[0] for h in self.region_hits]
        self.products: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {}
        for attribute in _ATTRIBUTES:
            of = {name[:-len(attribute)]: iid for name, iid in self.indicator_names.items()
                  if name.endswith(attribute) and len(name) - len(attribute) >= 2 and "|" not in iid}
            if of:
                self.products[attribute] = (re.compile("|".join(map(re.escape, sorted(of, key=len, reverse=True)))),
                                            of)

    def indicator(self, figure: Figure, part_start: int,
                  clause_start: int) -> tuple[str | None, tuple[int, int] | None, str]:
        """The indicator a figure is of, where its name stands, and the name.

        A count's name may follow its classifier (8 户高新技术企业); otherwise it is the name closest before
        the number in its part, or, when the part names nothing (同比增长 5%), in the clause before it. A name
        followed by other words before the number is a modifier (光伏项目装机容量: not 项目), not the head.
        """
        counted = figure.unit in UNITS and UNITS[figure.unit].dimension == "count"
        after = self._named_after(figure) if counted else None
        if after:
            return after
        # a part that names nothing (同比增长5%) takes its name from the clause before; a count named after its
        # classifier (3个示范村食堂) names its own
        part_end = self.layout.part(figure.start)[1]
        named_here = _CONTENT.search(_GAP.sub(" ", self.text[part_start:figure.start])) or (
            counted and _CONTENT.search(_GAP.sub(" ", self.text[figure.unit_end:self.layout.item(figure.unit_end)[1]])))
        left = part_start if named_here else max(clause_start, figure.start - 80)
        i = bisect_right(self.alias_ends, figure.start) - 1
        while i >= 0 and self.alias_hits[i][0] > left:
            end, at, name = self.alias_hits[i]
            iid = self.indicator_names[name]
            before = self.text[max(0, at - 4):at]
            head = not _CONTENT.search(_GAP.sub(" ", self.text[end:figure.start]))
            # a word before the name that makes another concept (调查失业率 is not 登记失业率; 转型项目, 总投资
            # are narrower than a two-character name), unless the indicator has that longer name itself
            modifier = next((w for w in _DISTINGUISHING if before.endswith(w)), None)
            if len(name) <= 2 and re.match(r"[\u4e00-\u9fff]", before[-1:] or " ") and \
                    not re.search(_OPENERS + "$", before):
                modifier = before[-1:]
            narrower = modifier is not None and not self._has_name(iid, modifier + name)
            # a two-character name with the amount's object after it (投资21亿元建成园区) is the object's
            objected = len(name) <= 2 and _CONTENT.search(_GAP.sub(" ", self.text[figure.unit_end:part_end]))
            if at >= left and head and not narrower and not objected and self._measured_in(iid, figure.unit):
                return self._one_of(iid, end, figure), (at, end), name
            if at >= left and not head:
                break  # the name closest before is a modifier: nothing further back is the head either
            i -= 1
        # an amount's name may follow it too (25 万吨甲醇): taken when none stands before
        after = None if counted or figure.unit in (None, "%", "百分点", "rank") else self._named_after(figure)
        return after or (None if counted else self._product_measured(figure, left)) or (None, None, "")

    def _product_measured(self, figure: Figure, left: int) -> tuple[str, tuple[int, int], str] | None:
        """A bare measure (产量) before the figure is of the product its sentence named last before it."""
        words = self.text[left:figure.start]
        # the last measure named, and of two ending together the longer (概算总投资, not 总投资)
        found = [(words.rfind(a) + len(a), len(a), a) for a in self.products if a in words]
        if not found:
            return None
        _, _, attribute = max(found)
        at = left + words.rfind(attribute)
        # only a bare measure: 先进产能 is a narrower concept than the product's capacity
        if _CONTENT.search(_GAP.sub(" ", self.text[self.layout.part(at)[0]:at])):
            return None
        clause_start = self.layout.clause(figure.start)[0]
        pattern, of = self.products[attribute]
        product = next(reversed(list(pattern.finditer(self.text, max(clause_start, figure.start - REACH), at))), None)
        if product is None:
            return None
        return of[product.group()], (at, at + len(attribute)), f"{attribute} of {product.group()}"

    def industry_share(self, figure: Figure, clause_start: int) -> tuple[str | None, str] | None:
        """The terms of 三次产业结构 4:50:46 are the first, second and third industries' shares of the
        economy, in per cent: the share's indicator where the store has it, and its name."""
        ratio = re.search(r"(?:产业结构|产业比例|产业比重)[^\d，,。；;]{0,8}((?:\d+(?:\.\d+)?[:：]){0,2})$",
                          self.text[max(clause_start, figure.start - 40):figure.start])
        if not ratio:
            return None
        ordinal = "一二三"[ratio.group(1).count(":") + ratio.group(1).count("：")]
        names = (f"第{ordinal}产业占比", f"第{ordinal}产业比重", f"{ordinal}产占比")
        known = next((n for n in names if "|" not in self.indicator_names.get(n, "|")), None)
        return (self.indicator_names[known], known) if known else (None, names[0])

    def _named_after(self, figure: Figure) -> tuple[str, tuple[int, int], str] | None:
        """The indicator named right after a figure's unit, when the name is a whole noun there; in a list of
        counts in one classifier (省8件、市6件民生实事), after the last."""
        unit_end = figure.unit_end
        if figure.unit:
            listed = re.match(r"(?:\s*、[^，,。；;、\d]{0,8}?\d+(?:\.\d+)?\s*" + re.escape(figure.unit) + ")+",
                              self.text[unit_end:unit_end + 60])
            unit_end += listed.end() if listed else 0
        i = bisect_left(self.alias_starts, unit_end)
        while i < len(self.alias_by_start) and self.alias_starts[i] <= unit_end + 2:
            at, end, name = self.alias_by_start[i]
            between, tail = self.text[unit_end:at], self.text[end:end + 8]
            # the whole noun after the unit: 5个社区食堂 is not 社区, 33个行政村的…工程 not 行政村
            whole = len(name) >= 4 or re.match(r"\s*(?:$|[，,。；;、：:）)”\"]|" + _TAIL + ")", tail)
            if not _GAP.sub(" ", between).strip() and not re.search(r"[，,。；;、]", between) and whole \
                    and self._measured_in(self.indicator_names[name], figure.unit):
                return self._one_of(self.indicator_names[name], end, figure), (at, end), name
            i += 1
        return None

    def _one_of(self, iid: str, name_end: int, figure: Figure) -> str:
        """Of a pair printed together (城乡居民收入分别增长 4%、5%), the first figure is the first's."""
        if "|" not in iid:
            return iid
        part_start, _ = self.layout.part(figure.start)
        ordinal = len(re.findall(r"\d+(?:\.\d+)?", self.text[max(part_start, name_end):figure.start]))
        return iid.split("|")[min(ordinal, 1)]

    def _measured_in(self, iid: str, unit: str | None) -> bool:
        """Whether an amount in unit can be of the indicator: money (投资, 营收) and things (项目, 公里) are
        different concepts, where the store has amounts of the indicator to tell."""
        dimension = UNITS[unit].dimension if unit in UNITS else None
        known = set().union(*(self.dimensions.get(one, set()) for one in iid.split("|")))
        if dimension in (None, "percent", "points", "rank") or not known:
            return True
        return (dimension == "money") == ("money" in known) or (dimension != "money" and known != {"money"})

    def _has_name(self, iid: str, word: str) -> bool:
        return any(word in name for name, other in self.indicator_names.items() if other == iid)

    def region(self, start: int, default: str | None) -> tuple[str | None, str]:
        """Another region named as the figure's owner in its list item (省政府 11 件, 吕梁市5件), or default."""
        left, _ = self.layout.item(start)
        i = bisect_right(self.region_ends, start) - 1
        while i >= 0 and self.region_hits[i][1] >= left:
            end, at, name = self.region_hits[i]
            before, after = self.text[max(0, at - 2):at], self.text[end:end + 2]
            # 全省 opening its item is the figure's owner (全省地区生产总值增长5%); elsewhere it is a place
            subject = name == "省" and before.endswith("全") and not _CONTENT.search(self.text[left:at - 1]) \
                and not re.search("[第前后平均率]", self.text[end:start])
            # 省级 (provincial-level), 13个省 (a count of provinces): not an issuer
            if name == "省" and not subject and (before.endswith(("全", "个")) or after[:1] in "级内外会份长"):
                i -= 1
                continue
            # 居全省第二, 高于全省, 全省前三: a place to rank or compare in, not the figure's owner
            if not subject and (before.endswith(("居", "列", "于", "比", "较", "全", "占"))
                                or after.lstrip()[:1] in "第前后平均"):
                i -= 1
                continue
            rid = self.region_names[name]
            return rid, (f"{name} names the owner" if rid != default else "")
        return default, ""


def extract(text: str, *, year: int, region: str | None, source: str | None, indicators: Iterable[Record],
            regions: Iterable[Record], stored: Iterable[Record], facts: Iterable[Record] = ()) -> list[Record]:
    """Every candidate figure of the text, in reading order, each with `why`: the reasons for its guesses.

    stored: the facts already curated from this text (a candidate they hold says so); facts: the store's
    facts, from which extract learns what each indicator is measured in.
    """
    reader = Reader(text, year, indicators, regions, facts)
    spans = stored_spans(text, stored)
    starts = [span[0] for span in spans]
    found: list[Record] = []
    for figure in figures(reader.layout):
        start, end = figure.start, figure.end
        if figure.unit != "rank" and is_noise(text, start, end, figure.unit):
            continue
        candidate = read_figure(reader, figure, region)
        if found and candidate["measure"] == "rank" and _ANOTHER_PLACE.fullmatch(text, found[-1]["offset"] + 1, start) \
                and found[-1]["measure"] == "rank":
            # 全省第三、黄河流域第一: one thing ranked in two places
            candidate.update({k: found[-1][k] for k in ("indicator", "new_indicator", "rank_of")})
            candidate["why"] = "; ".join(["indicator: of the rank before it, in another place", *(
                r for r in candidate["why"].split("; ") if not r.startswith(("indicator:", "new:", "related by")))])
        elif not candidate["indicator"] and not candidate["new_indicator"] and found:
            share_name(reader, found[-1], candidate)
        candidate["source"] = source
        each = shared(reader, figure, candidate)
        if len(each) == 1:
            each = respectively(reader, figure, candidate)
        for one in each:
            # of several candidates of one figure, each is held only by a fact of its own indicator
            held = [(fid, iid) for s, e, fid, iid, value in spans[bisect_left(starts, start - 60):
                                                                  bisect_right(starts, start)]
                    if s <= start and end <= e and abs(abs(value) - abs(one["value"])) < 1e-9]
            one["stored"] = next((fid for fid, iid in held if len(each) == 1 or iid == one["indicator"]), None)
            found.append(one)
    return found


def share_name(reader: Reader, previous: Record, candidate: Record) -> None:
    """A figure that names nothing (…300亿元、增长12%; 培训18期、2.5万人次) is of the new name the figure before
    it in its sentence proposed."""
    name = previous["new_indicator"]
    if name and not previous["indicator"] and \
            reader.layout.clause(previous["offset"]) == reader.layout.clause(candidate["offset"]):
        candidate["new_indicator"] = name
        candidate["why"] = candidate["why"].replace("new: ?", f"new: {name}, as the figure before it", 1)


def shared(reader: Reader, figure: Figure, candidate: Record) -> list[Record]:
    """One candidate for each name a figure is shared by (开工率、投产率、达产率均达90%: three), or the one."""
    text = reader.text
    part_start, _ = reader.layout.part(figure.start)
    before = text[part_start:figure.start]
    at = before.rfind("均")
    if at < 0 or _CONTENT.search(_GAP.sub(" ", before[at + 1:])):
        return [candidate]
    pieces, offset = [], part_start
    for piece in before[:at].split("、"):
        pieces.append((offset, offset + len(piece)))
        offset += len(piece) + 1
    if len(pieces) < 2 or any(not _CONTENT.search(text[a:b]) for a, b in pieces):
        return [candidate]
    return [named_by(reader, figure, candidate, a, b, before[at + 1:],
                     f"one of {len(pieces)} names sharing the figure (均)") for a, b in pieces]


def respectively(reader: Reader, figure: Figure, candidate: Record) -> list[Record]:
    """Names listed before 分别 take the figures after it in order (A、B分别增长5%、8%: 8% is B's); a single
    figure after it is each name's (A、B分别净增10户: one candidate each). A pair the store knows as one
    name (城乡居民收入分别…) is read by its pair rule instead."""
    text = reader.text
    part_start, part_end = reader.layout.part(figure.start)
    at = text.rfind("分别", part_start, figure.start)
    if at < 0 or _CONTENT.search(_GAP.sub(" ", text[at + 2:figure.start])):
        return [candidate]
    i = bisect_right(reader.alias_ends, at) - 1
    if i >= 0 and reader.alias_hits[i][1] >= part_start and "|" in reader.indicator_names[reader.alias_hits[i][2]]:
        return [candidate]
    pieces, offset = [], part_start
    for piece in re.split(r"[、和及与]", text[part_start:at]):
        pieces.append((offset, offset + len(piece)))
        offset += len(piece) + 1
    if len(pieces) < 2 or any(not _CONTENT.search(text[a:b]) for a, b in pieces):
        return [candidate]
    ordinal = len(_EACH_FIGURE.findall(text, at + 2, figure.start))
    total = len(_EACH_FIGURE.findall(text, at + 2, part_end))
    if total == 1:
        return [named_by(reader, figure, candidate, a, b, text[at:figure.start],
                         f"one of {len(pieces)} names the figure is each of (分别)") for a, b in pieces]
    if total != len(pieces):
        return [candidate]
    a, b = pieces[ordinal]
    return [named_by(reader, figure, candidate, a, b, text[at:figure.start],
                     f"name {ordinal + 1} of {len(pieces)}, figure {ordinal + 1} after 分别")]


def named_by(reader: Reader, figure: Figure, candidate: Record, a: int, b: int, verb: str, how: str) -> Record:
    """The candidate as the figure of the name printed in text[a:b]: the known name ending there, or a new one."""
    text = reader.text
    i = bisect_right(reader.alias_ends, b) - 1
    hit = reader.alias_hits[i] if i >= 0 and reader.alias_hits[i][1] >= a else None
    one = dict(candidate)
    if hit:
        end, name_at, name = hit
        one["indicator"], one["new_indicator"] = reader.indicator_names[name].split("|")[0], None
        reason, named = f"indicator: {name}", (name_at, end)
    else:
        # a name that is all verb to the trimmer (开工率 is not 开工 + 率) stays whole
        name = _trimmed(text[a:b])
        name = name if len(name) >= 2 else re.sub(r"[“”\"《》\s]", "", text[a:b])
        one["indicator"], one["new_indicator"] = None, name[-12:] or None
        reason, named = f"indicator: new: {one['new_indicator']}", (a, b)
    one["evidence"] = evidence_span(text, a, reader.layout.clause(figure.start)[1], figure.start, figure.unit_end,
                                    named)
    if one["rank_of"]:  # each name shares the place, not what is ranked (总量、增速均居第三)
        one["rank_of"] = ranked(text[a:b]) or ranked(verb) or "level"
    rest = [f"rank of the {one['rank_of']}" if r.startswith("rank of the") else r
            for r in candidate["why"].split("; ") if not r.startswith(("indicator:", "related by topic:"))]
    one["why"] = "; ".join([f"{reason}, {how}", *rest])
    return one


class Figure(NamedTuple):
    """A number as printed: where it stands, where its unit ends, the upper end of a range, the unit."""

    start: int
    end: int
    unit_end: int
    number: str
    high: str | None
    unit: str | None


def figures(layout: Layout) -> list[Figure]:
    """Every printed figure, in reading order (read with wrapped line breaks taken out: 1.2亿⏎吨 is 亿吨)."""
    text = layout.joined

    def figure(start: int, end: int, unit_end: int, number: str, high: str | None, unit: str | None) -> Figure:
        at = layout.original
        return Figure(at(start), at(end - 1) + 1, at(unit_end - 1) + 1, number, high, unit)

    found = []
    for m in _NUMBER.finditer(text):
        unit = m.group(3)
        end = m.end(2) if m.group(2) else m.end(1)
        unit_end = m.end(3) if unit else end
        if not unit and _GREAT.match(text, end):  # 2大产业集群: two clusters, counted as 个
            unit, unit_end = "个", end + 1
        found.append(figure(m.start(1), end, unit_end, m.group(1), m.group(2),
                            "百分点" if unit == "个百分点" else unit))
    for pattern in (_RANK, _TOP, _PLACE):
        found += [figure(m.start(1), m.end(1), m.end(1), m.group(1), None, "rank") for m in pattern.finditer(text)]
    found += [figure(m.start(1), m.end(1), m.end(2), m.group(1), None, m.group(2))
              for m in _CHINESE_COUNT.finditer(text)]
    return sorted(found, key=lambda f: (f.start, f.end))


def number_value(number: str) -> int | float:
    value = float(number) if number[0].isdigit() else float(chinese_to_int(number) or 0)
    return int(value) if value.is_integer() else value


def read_figure(reader: Reader, figure: Figure, region: str | None) -> Record:
    """One candidate: the figure and every guess about it, with the reasons."""
    text, layout = reader.text, reader.layout
    start, end, unit_end, number, high, unit = figure
    why: list[str] = []
    clause_start, clause_end = layout.clause(start)
    part_start, _ = layout.part(start)
    item_start, item_end = layout.item(start)
    before = text[clause_start:start]
    ratio = bool(re.match(r"[:：]\d", text[end:end + 2]) or re.search(r"\d[:：]$", text[max(0, start - 2):start]))
    indicator, named, name = reader.indicator(figure, part_start, clause_start)
    structure = reader.industry_share(figure, clause_start) if ratio else None
    new_indicator = None
    if structure and not indicator:
        indicator, new_indicator = structure[0], None if structure[0] else structure[1]
        why.append(f"indicator: {'' if indicator else 'new: '}{structure[1]}, a term of 三次产业结构")
    elif indicator:
        why.append(f"indicator: {name}")
    else:
        after_end = layout.item(unit_end)[1]
        after = text[unit_end:after_end]
        # a term spelled out (“三园”即3个开发区) counts the things named after it
        defined = _DEFINITION.search(text[part_start:start])
        proposal, follows = proposed_name("" if defined else text[item_start:start], after)
        new_indicator = proposal or None
        if follows:  # the excerpt must show the name: 新建3个示范村食堂
            named = (unit_end + after.find(proposal[0]), min(after_end, unit_end + 12))
        why.append(f"indicator: no known name before the number; new: {new_indicator or '?'}")
        # topics do not name an indicator, but point the curator to the ones it may belong with
        words = text[item_start:start] + after
        related = sorted({iid for topic, ids in reader.topics.items() if topic in words for iid in ids})
        if related:
            why.append("related by topic: " + ", ".join(related[:4]))

    measure, negative, measure_why = guess_measure(unit, text[part_start:start], text[item_start:start], ratio)
    why.append(measure_why)
    value = number_value(number)
    if negative:
        value = -value
    context = layout.context(start)
    if _DEFINITION.search(text[part_start:start]):
        # “两带”即2条…: a term of a plan spelled out counts what there is, whatever section it stands in
        context = None
        kind, kind_why = "actual", "kind actual: a definition (“…”即): what there is"
    else:
        kind, kind_why = guess_kind(text[clause_start:start], text[part_start:min(item_end, unit_end + 6)], context,
                                   layout.planning_at(start), measure == "rank")
    why.append(kind_why)
    period, basis, period_why = guess_period(text, layout, start, reader.year, kind, measure, context)
    why.append(period_why)
    owner, region_why = reader.region(start, region)
    if region_why:
        why.append(f"region: {region_why}")
    qualifier = "at_most" if text[max(0, start - 2):start].rstrip().endswith("前") else \
        "above" if re.search("[多余]", text[end:unit_end]) else guess_qualifier(text, start, unit_end, part_start)
    if negative:  # a hedge on a decline is on the signed value: 下降 50%以上 is −50 at most
        qualifier = _SIGNED.get(qualifier, qualifier)
    rank_of = None
    if measure == "rank":
        # the words ranked (增速排名第三), else the name of what is ranked (森林覆盖率35%，居全省第二)
        rank_of = ranked(text[max(item_start, named[1] if named else 0):start]) or \
            ranked(name or new_indicator or "") or "level"
        why.append(f"rank of the {rank_of}")
    unit_name = "rank" if measure == "rank" else "%" if structure else (unit or "")
    if unit_name and unit_name not in UNITS:
        why.append(f"unit {unit_name} is not in the unit registry")
    return {
        "region": owner, "indicator": indicator, "period": period, "kind": kind, "measure": measure,
        "basis": basis, "value": value, "value_high": number_value(high) if high else None, "unit": unit_name,
        "qualifier": qualifier, "aspirational": any(w in before for w in _ASPIRATIONAL),
        "scope": TARGET_SCOPE if any(TARGET_REASON in w for w in why) else None,
        "evidence": evidence_span(text, part_start, clause_end, start, unit_end, named),
        "note": None, "rank_of": rank_of, "new_indicator": new_indicator, "number": number, "stored": None,
        "offset": start, "context": text[max(0, start - 20):min(len(text), end + 12)], "why": "; ".join(why),
    }


def ranked(words: str) -> str | None:
    """What a rank ranks, when the words say: a growth (增速) or a share or rate (占比, 达标率)."""
    if any(w in words for w in ("增速", "增幅", "增长")):
        return "growth"
    if re.search(r"占比|比重|比例|率", words):
        return "share"
    return None


# a share of a target is measured against the target, not a whole, so it may pass 100 %: the scope says so
TARGET_REASON = "measure share: of a target (完成目标…的)"
TARGET_SCOPE = "of the target (目标任务)"


def proposed_name(before: str, after: str) -> tuple[str, bool]:
    """A new indicator's name: the words before the number without the verbs around them, or else the
    words after its unit (省15件民生实事 → 民生实事); and whether it came from after."""
    name = _trimmed(before)
    if len(name) >= 2 and not name.endswith(("政府", "市委", "省委")):
        return name[-12:], False
    name = _trimmed(after)[:10]
    return (name, True) if len(name) >= 2 else ("", False)


def _trimmed(words: str) -> str:
    name = re.sub(r"[“”\"《》\s]", "", words)
    previous = None
    while previous != name:
        previous, name = name, _NAME_TRIM.sub("", name)
    return name


def is_noise(text: str, start: int, end: int, unit: str | None) -> bool:
    """Years, dates, ordinals, list labels and names like 5G or PM2.5."""
    after = text[end:end + 2]
    token = text[start:end]
    if not unit and re.match(r"\s*(年|月|日|时|届|号|周年)", text[end:end + 3]):
        return True
    if unit == "年" and len(token) == 4:
        return True
    if (text[max(0, start - 2):start].endswith("PM") or after[:1] in ("G", "A", "K", "k")
            or (text[max(0, start - 3):start].rstrip().endswith("第") and unit != "rank")):
        return True
    if start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        return True  # part of a name such as ad1, G5
    if token == "12345" or any(m.start() < start < m.end() for m in _QUOTED.finditer(text, max(0, start - 13),
                                                                                      end + 13)):
        return True  # the 12345 hotline; programme names in quotes (“民营经济 16条”)
    back = start
    while back > 0 and start - back < 8 and text[back - 1] in " \t\u3000":
        back -= 1
    if not unit and len(token) == 1 and (back == 0 or text[back - 1] == "\n"):
        return True  # a list label at the start of a line
    return text[start - 1:start] in ("“", '"') or after[:1] in ("”", '"')


def guess_measure(unit: str | None, part: str, item: str, ratio: bool = False) -> tuple[str, bool, str]:
    """level, growth, share, rank or count; whether the figure is a decline; and why."""
    if unit == "rank":
        return "rank", False, "measure rank: a place (第…, 前…)"
    if ratio:
        return "share", False, "measure share: a term of a ratio (4:5:1)"
    verb, at = nearest(part.replace("增加值", "＿＿＿"), _RISE + _FALL)  # 增加值 (value added) is a noun
    share_word, share_at = nearest(part, _SHARE)
    changes = verb and part[at + len(verb):at + len(verb) + 1] not in ("到", "至", "为")
    fall = bool(changes and verb in _FALL)
    if unit in ("%", "百分点", "成"):
        if "完成" in item and "目标" in item:
            return "share", False, TARGET_REASON
        if unit == "百分点" and re.search(r"[高低]于", item):
            return "share", False, "measure share: a gap (高于/低于 … 百分点)"
        if changes and at >= share_at:
            return "growth", fall, f"measure growth: {verb}" + (" (a fall: negative)" if fall else "")
        return "share", False, f"measure share: {share_word or unit}"
    if unit and UNITS.get(unit) and UNITS[unit].dimension == "count":
        return "count", False, f"measure count: {unit}"
    if changes and re.search(r"同比|比上年|较上年|净增|每月", part):
        return "growth", fall, f"measure growth: {verb} in {unit}"
    return "level", False, f"measure level: {unit or 'no unit'}"


def nearest(text: str, words: Iterable[str]) -> tuple[str, int]:
    """The word of words that ends last in text, and where it starts ('' and -1 when none)."""
    best, best_at, best_end = "", -1, -1
    for word in words:
        at = text.rfind(word)
        if at >= 0 and (at + len(word) > best_end or (at + len(word) == best_end and len(word) > len(best))):
            best, best_at, best_end = word, at, at + len(word)
    return best, best_at


def guess_kind(clause: str, part: str, context: Any, planning: bool, is_rank: bool) -> tuple[str, str]:
    """actual, estimate or target: the clause's own words, else its section's, else plan words."""
    words = clause + part
    estimate = next((w for w in _ESTIMATE if w in words), None)
    if estimate:
        return "estimate", f"kind estimate: {estimate}"
    if "完成" in part and "目标" in part and "%" in part:
        return "actual", "kind actual: done against a target"
    if "去年" in clause:
        return "actual", "kind actual: 去年"
    # 争取 资金: funds secured, not a goal; under a section of outcomes, only the figure's own part can
    # make it a goal
    words = part if context is not None and context.kind == "actual" else clause
    strong = next((w for w in _STRONG_TARGET if w in re.sub(r"争取[^，,。]{0,12}(?:资金|国债|债券)", "", words)), None)
    if strong:
        return "target", f"kind target: {strong}"
    if context is not None:
        return context.kind, f"kind {context.kind}: {context.why}"
    past = next((w for w in _PAST if w in clause), None)
    forward = _FORWARD.search(part)
    if forward and not past:
        return "target", f"kind target: {forward.group()} (more to do, or a quota for each place)"
    if planning and not past and not is_rank:
        return "target", "kind target: after a heading of plans"
    return "actual", "kind actual: no plan words"


def guess_period(text: str, layout: Layout, start: int, year: int, kind: str, measure: str,
                 context: Any) -> tuple[str, str | None, str]:
    """The period a figure is for, its basis where the model asks for one, and why.

    Words in the figure's own part (近三年, 2020年的, 十四五末) win; then its sentence; then its section or
    paragraph; then the document's year (targets) or the year before (outcomes).
    """
    part_start, _ = layout.part(start)
    clause_start, _ = layout.clause(start)
    part = text[part_start:start]
    sentence = text[clause_start:start]
    # the comparison nearest before the figure (与2020年相比 names the base, not the period)
    compared = next(reversed(list(re.finditer(r"(?:与|较|比)[^，,。]{0,12}(?:相比|末|年)", sentence))), None)
    basis = None
    if measure == "growth":
        # 较上年 and 同比 compare with the year before; 与"十二五"末相比 with a span's start
        yearly = "同比" in part or (compared is not None and "上年" in compared.group())
        basis = "annual_avg" if "年均" in re.sub(r"\s", "", sentence) else \
            "cumulative" if compared and not yearly else "yoy"
    # a span (近三年, 十四五) binds to its own part; a year or 去年 to the rest of its sentence too
    own = period_words(part, year) or period_words(_without(sentence, compared), year, spans=False)
    if own is None and "年均" in part:
        # an average per year needs its span: the one named last before it in the paragraph (十四五以来 …)
        named = last_span(text[max(layout.paragraph_start(start), start - 3 * REACH):start], year)
        own = (named[0], f"年均 under {named[1]}") if named else plan_so_far(year)
    if own:
        period, why = own
    elif context is not None:
        period, why = context.period, context.why
    else:
        period = str(year) if kind == "target" else str(year - 1)
        why = "the document's year" if kind == "target" else "the year before the document"
    if "-" in period and measure == "growth" and basis == "yoy":
        basis = "cumulative"  # a change over a span of years is not a change on the year before
    if "-" in period and measure != "growth":
        verb, _ = nearest(part, _STOCK + _FLOW)
        if measure in ("share", "rank") or (verb in _STOCK and verb not in _FLOW):
            why += f", a stock ({verb or measure}): the end year"
            period = period[-4:]
        else:
            basis = "annual_avg" if re.search(r"年均|每年|保持在|稳定在", part) else "cumulative"
    return period, basis, f"period {period}: {why}"


def plan_so_far(year: int) -> tuple[str, str]:
    """The five-year plan's years before year (2025 → 2021-2024; in 2021, the plan just ended)."""
    first = 2016 + 5 * ((year - 1 - 2016) // 5)
    return f"{first}-{year - 1}", "年均 with no span named: the five-year plan so far"


def last_span(text: str, year: int) -> tuple[str, str] | None:
    """The span named last in text, and its words."""
    at = max(text.rfind(words) for words in ("十四五", "十三五", "五年来", "近三年"))
    return span_words(text[at:], year) if at >= 0 else None


def _without(sentence: str, compared: re.Match[str] | None) -> str:
    """The sentence without its comparison (与"十二五"末相比 names the base, not the period)."""
    return sentence[:compared.start()] + sentence[compared.end():] if compared else sentence


def period_words(text: str, year: int, spans: bool = True) -> tuple[str, str] | None:
    """The period the words nearest the end of text name, and the words."""
    if not spans:
        text = re.sub(r"近三年|十[三四]五|五年来|过去五年", "", text)
    if re.search(r"十四五”?末", text):
        return "2025", "十四五末"
    if "近三年" in text:
        return f"{year - 3}-{year - 1}", "近三年"
    if "年均" in text and re.search(r"十四五”?以来", text):
        return f"2021-{year - 1}", "十四五以来, 年均"
    years = list(re.finditer(r"(20\d\d)\s*年(?![0-9一二三四五六七八九十]+月)", text))
    relative = [(m.start(), w) for w in ("去年", "今年", "年内", "明年") for m in re.finditer(w, text)]
    span = span_words(text, year)
    last_year = years[-1] if years else None
    last_relative = max(relative) if relative else None
    candidates = []
    if last_year:
        candidates.append((last_year.start(), last_year.group(1), f"{last_year.group(1)}年"))
    if last_relative:
        at, word = last_relative
        value = {"去年": year - 1, "明年": year + 1}.get(word, year)
        candidates.append((at, str(value), word))
    if span:
        candidates.append((text.rfind(span[1]), span[0], span[1]))
    if not candidates:
        return None
    _, period, words = max(candidates)
    return period, words


def guess_qualifier(text: str, start: int, end: int, part_start: int) -> str:
    """The hedge printed around a figure: 以上 after it, 不低于 before it (a verb may stand between:
    至少提高 20 元), 约 opening its part (约占…的32%). Line breaks inside the words do not count."""
    after = re.sub(r"\s", "", text[end:end + 6])
    for word, qualifier in _AFTER:
        if after.startswith(word):
            return qualifier
    before = re.sub(r"\s", "", text[max(0, start - 10):start])
    before = re.sub(r"(?:提高|增长|下降|减少|降低|达到|达|完成|实现)$", "", before)
    for word, qualifier in _BEFORE:
        if before.endswith(word):
            return qualifier
    if re.search(r"(?:不低于|不少于|至少)[\u4e00-\u9fff]{1,2}$", before):  # 至少办好 1 所: a floor on a count
        return "at_least"
    return "approx" if re.match(r"\s*(?:大约|约)", text[part_start:start]) else "exact"


_SIGNED = {"at_least": "at_most", "at_most": "at_least", "above": "below", "below": "above"}


def evidence_span(text: str, left: int, right: int, start: int, end: int, name: tuple[int, int] | None) -> str:
    """The shortest span of the clause that shows the indicator's name (or, with none known, the figure's
    part up to it) and the number with its hedge: 6–60 characters."""
    finish = end + (2 if text[end:end + 2] in ("以上", "左右", "以内", "以下") else 0)
    if name is not None and name[0] > start:  # the name follows a count's classifier: 8 户高新技术企业
        begin, finish = min(start, max(left, name[1] - 60)), max(finish, name[1])
    else:
        begin = name[0] if name is not None else left
    begin = max(begin, finish - 60)
    finish = min(finish, max(right, end))
    if finish - begin < 6:
        begin = max(0, finish - 6)
    return text[begin:finish]


def stored_spans(text: str, facts: Iterable[Record]) -> list[tuple[int, int, str, str, float]]:
    """Where each stored fact's evidence stands in the text, with its id, indicator and value, by start."""
    spans = []
    for fact in facts:
        evidence = fact.get("evidence")
        if not isinstance(evidence, str) or not evidence or not isinstance(fact.get("value"), (int, float)):
            continue
        at = text.find(evidence)
        while at >= 0:
            spans.append((at, at + len(evidence), fact["id"], str(fact.get("indicator")), float(fact["value"])))
            at = text.find(evidence, at + 1)
    return sorted(spans)


def match_facts(candidates: list[Record], facts: Iterable[Record], text: str) -> list[tuple[Record, Record | None]]:
    """Each curated fact with the candidate whose number lies inside the fact's evidence and prints its value
    (of several for one figure, 开工率、投产率均达90%, the one of the fact's indicator)."""
    offsets = [c["offset"] for c in candidates]
    pairs = []
    for fact in facts:
        evidence = fact.get("evidence") or ""
        found: list[Record] = []
        at = text.find(evidence) if evidence else -1
        while at >= 0 and not found:
            i = bisect_left(offsets, at)
            while i < len(candidates) and offsets[i] < at + len(evidence):
                if abs(abs(candidates[i]["value"]) - abs(fact["value"])) < 1e-9 and (
                        not found or found[0]["offset"] == offsets[i]):
                    found.append(candidates[i])
                i += 1
            at = text.find(evidence, at + 1)
        pairs.append((fact, next((c for c in found if c["indicator"] == fact.get("indicator")),
                                 next((c for c in found if c["indicator"] is None), found[0] if found else None))))
    return pairs


def evaluate(candidates: list[Record], facts: list[Record], text: str) -> dict[str, Any]:
    """How many curated facts extract proposes, and how often its guesses agree with the curator's."""
    names = ("region", "period", "kind", "measure", "indicator", "unit", "qualifier")
    agree = dict.fromkeys(names, 0)
    proposed = full = 0
    for fact, match in match_facts(candidates, facts, text):
        if match is None:
            continue
        proposed += 1
        for name in names:
            agree[name] += match[name] == fact.get(name)
        full += all(match[name] == fact.get(name) for name in ("region", "period", "kind", "measure"))
    total = len(facts)
    report: dict[str, Any] = {
        "curated facts": total,
        "candidates": len(candidates),
        "curated facts proposed": f"{proposed} ({pct(proposed, total)})",
        "candidates not curated": sum(1 for c in candidates if not c["stored"]),
        "fully right (region, period, kind, measure)": f"{full}/{proposed} ({pct(full, proposed)})",
    }
    for name, hits in agree.items():
        report[f"{name} guessed right"] = f"{hits}/{proposed} ({pct(hits, proposed)})"
    return report


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"


def document_region(text: str, regions: Iterable[Record]) -> tuple[str | None, str | None]:
    """Whose document the text is, from the place named in its opening (孝义市2021年政府工作报告…).

    Returns (region id, None) when the place is in the store, or (None, the printed name) when it is not.
    """
    opening = text[:300]
    pattern, names = region_pattern(r for r in regions if r.get("level") != "province")
    unknown = None
    # every place name followed by what follows a place in a title: 文水县2025年…, 在文水县第十七届…, 孝义市人民政府
    for m in re.finditer(r"(?=([\u4e00-\u9fff]{1,4}?[市县区])(?:人民|政府|委|20\d\d|第|“|\s|：|:|，))", opening):
        printed = m.group(1).lstrip("在于的年月日号")
        for name in (printed, printed[:-1]):
            if name in names:
                return names[name], None
        if unknown is None and len(printed) >= 2 and not printed.startswith(("全", "本", "我", "该")):
            unknown = printed
    if unknown:
        return None, unknown
    known = pattern.search(opening) if pattern else None
    return (names[known.group()], None) if known else (None, None)


def region_proposal(printed: str, text: str, regions: Iterable[Record]) -> str:
    """A `factcli regions add` line for a region the store lacks, with what the text tells of it."""
    level = {"县": "county", "区": "district", "市": "county_city"}.get(printed[-1:], "LEVEL")
    records = list(regions)
    cities = [r for r in records if r.get("level") == "prefecture_city"]
    pattern, names = region_pattern(cities)
    counts: dict[str, int] = {}
    for m in pattern.finditer(text) if pattern else ():
        counts[names[m.group()]] = counts.get(names[m.group()], 0) + 1
    parent = max(counts, key=lambda rid: counts[rid]) if counts else None
    short = printed[:-1] if len(printed) > 2 and printed[-1] in "市县区" else printed
    return (f"factcli regions add --id PINYIN --name-zh {shell_word(printed)} --name-en ENGLISH --level {level}"
            + (f" --parent {parent}" if parent else "") + (f" --alias {shell_word(short)}" if short != printed else ""))


def shell_word(name: str) -> str:
    """A name as one word of a line a curator pastes into a shell: a typed --region may hold a space or a `;`."""
    import shlex

    return name if re.fullmatch(r"\w+", name) else shlex.quote(name)
