"""extract's rules on small texts written for these tests, and the review flow through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import fact, invoke, jsonl, write_store

from factcli.extract import FACT_FIELDS, document_region, extract
from factcli.extract_structure import REACH
from factcli.store import open_store

INDICATORS = [{"id": "gdp", "name_zh": "地区生产总值", "aliases": ["生产总值"]},
              {"id": "coal_output", "name_zh": "原煤产量", "aliases": ["煤炭年产量"]},
              {"id": "pm25_concentration", "name_zh": "PM2.5平均浓度", "aliases": []},
              {"id": "registered_unemployment", "name_zh": "城镇登记失业率", "aliases": ["登记失业率", "失业率"]},
              {"id": "schools", "name_zh": "学校", "aliases": ["中小学校"]}]
REGIONS = [{"id": "ding", "name_zh": "丁省", "level": "province", "aliases": ["丁省"]},
           {"id": "alpha", "name_zh": "甲市", "level": "prefecture_city", "aliases": ["甲市"]},
           {"id": "beta", "name_zh": "乙县", "level": "county", "parent": "alpha", "aliases": ["乙县"]}]


def read(text: str, year: int = 2025, **fields: Any) -> list[dict[str, Any]]:
    return extract(text, year=year, region="beta", source="doc", indicators=INDICATORS, regions=REGIONS,
                   stored=fields.get("stored", []))


def guesses(text: str, *names: str, year: int = 2025) -> list[tuple[Any, ...]]:
    return [tuple(c[n] for n in ("number", *names)) for c in read(text, year)]


# ---- what counts as a figure ----------------------------------------------------------------


def test_ranks_need_a_place() -> None:
    assert guesses("第一时间召开常务会议。", "unit") == []
    assert guesses("地区生产总值居全省第二。", "unit", "measure", "value") == [("二", "rank", "rank", 2)]
    assert guesses("PM2.5平均浓度均居全省前三。", "unit", "qualifier", "indicator") == [
        ("三", "rank", "at_most", "pm25_concentration")]


def test_counts_in_chinese_numerals() -> None:
    assert guesses("部署九项重点任务，占比近三成。", "unit") == [("九", "项"), ("三", "成")]
    assert guesses("深化治本攻坚三年行动，重点抓好七方面工作。") == []


def test_names_dates_and_labels_are_not_figures() -> None:
    assert guesses("全面落实“民营经济 16条”，强化12345便民热线，推进5G建设，PM2.5下降。") == []
    assert guesses("2024年12月完成。ad1 webp") == []


def test_a_number_before_da_counts_things() -> None:
    indicators = [{"id": "clusters", "name_zh": "产业集群", "aliases": []}]
    text = "培育新材料、装备制造2大产业集群，全年增幅大于6%。"
    rows = extract(text, year=2025, region="beta", source=None, indicators=indicators, regions=REGIONS, stored=[])
    assert [(c["number"], c["unit"], c["measure"], c["indicator"], c["evidence"]) for c in rows] == [
        ("2", "个", "count", "clusters", "培育新材料、装备制造2大产业集群"),
        ("6", "%", "growth", None, "全年增幅大于6%")]


def test_a_printed_range_is_one_figure() -> None:
    assert guesses("每年整治背街小巷1~2条。", "value", "value_high", "unit") == [("1", 1, 2, "条")]


# ---- period and kind from the document's structure -------------------------------------------

SECTIONS = ("一、“十三五”时期工作回顾\n"
            "五年来，新建中小学校12所，地区生产总值达到300亿元。\n"
            "2020年全年，地区生产总值增长3%。\n"
            "新建中小学校4所。\n"
            "二、2021年工作安排\n"
            "新建中小学校5所，地区生产总值增长6%左右。\n")


def test_a_section_carries_period_and_kind_to_every_figure_under_it() -> None:
    assert guesses(SECTIONS, "period", "kind", "measure", "basis", year=2021) == [
        ("12", "2016-2020", "actual", "count", "cumulative"),   # a flow over the span keeps the span
        ("300", "2020", "actual", "level", None),               # a stock (达到) takes the span's end year
        ("3", "2020", "actual", "growth", "yoy"),               # the paragraph names its own year …
        ("4", "2020", "actual", "count", None),                 # … which lasts until the next heading
        ("5", "2021", "target", "count", None),
        ("6", "2021", "target", "growth", "yoy"),
    ]


def test_the_clause_overrides_its_section() -> None:
    text = "一、2021年工作安排\n去年新建中小学校3所。\n新建中小学校5所，预计全年地区生产总值增长7%。\n"
    assert guesses(text, "period", "kind", year=2021) == [
        ("3", "2020", "actual"), ("5", "2021", "target"), ("7", "2021", "estimate")]


def test_a_numbering_that_starts_over_leaves_the_plan() -> None:
    # a report whose plan (1…3) is followed by its results, numbered anew, as back pages are printed
    text = ("2025年重点工作安排\n1 做强产业\n新建中小学校5所。\n3 改善民生\n新建中小学校6所。\n"
            "2 发展成效\n新建中小学校7所，地区生产总值增长5%。\n")
    assert guesses(text, "period", "kind") == [
        ("5", "2025", "target"), ("6", "2025", "target"), ("7", "2024", "actual"), ("5", "2024", "actual")]
    chinese = "二、2025年工作安排\n新建中小学校5所。\n三、抓好民生\n新建中小学校6所。\n"
    assert guesses(chinese, "period", "kind") == [("5", "2025", "target"), ("6", "2025", "target")]
    # a list under each sub-heading numbers from 1 again without leaving the plan
    nested = "二、2025年工作安排\n（一）产业\n1 园区\n新建中小学校5所。\n（二）民生\n1 教育\n新建中小学校6所。\n"
    assert guesses(nested, "period", "kind") == [("5", "2025", "target"), ("6", "2025", "target")]


def test_without_sections_more_to_do_and_quotas_per_place_are_plans() -> None:
    text = ("全市建成示范村20个，再建设15个示范村。每个乡镇培育2个特色产业，每县已建成3个园区。\n"
            "一、2024年工作回顾\n每县建设1个园区。\n")
    assert guesses(text, "period", "kind") == [
        ("20", "2024", "actual"), ("15", "2025", "target"), ("2", "2025", "target"), ("3", "2024", "actual"),
        ("1", "2024", "actual")]
    assert read(text)[2]["why"].split("; ")[3] == "kind target: 每个乡镇培育 (more to do, or a quota for each place)"


def test_a_term_spelled_out_counts_what_there_is() -> None:
    text = "二、2025年工作安排\n做强“一心三园”，“三园”即3个省级开发区，新建2个产业园。\n"
    rows = read(text)
    assert [(c["number"], c["period"], c["kind"], c["new_indicator"]) for c in rows] == [
        ("3", "2024", "actual", "省级开发区"), ("2", "2025", "target", "产业园")]
    assert "kind actual: a definition (“…”即): what there is" in rows[0]["why"]


def test_under_a_section_of_outcomes_only_the_figures_own_part_makes_a_goal() -> None:
    text = "一、2024年工作回顾\n积极争取上级支持，新建中小学校6所、力争明年再建4所。\n"
    assert guesses(text, "period", "kind") == [("6", "2024", "actual"), ("4", "2026", "target")]


def test_the_basis_of_a_growth() -> None:
    text = ("五年来，地区生产总值增长40%，年均增长7%。\n"
            "去年一产占比较上年提高0.6个百分点，与2020年相比，原煤产量增长12%。\n")
    assert guesses(text, "period", "basis") == [
        ("40", "2020-2024", "cumulative"), ("7", "2020-2024", "annual_avg"), ("0.6", "2024", "yoy"),
        ("12", "2024", "cumulative")]


def test_relative_time() -> None:
    text = "去年地区生产总值增长4.5%。今年力争增长6%以上。近三年新建中小学校9所。年内再建中小学校2所。"
    assert guesses(text, "period", "kind", "aspirational") == [
        ("4.5", "2024", "actual", False), ("6", "2025", "target", True),
        ("9", "2022-2024", "actual", False), ("2", "2025", "target", False)]


def test_a_span_binds_to_its_own_part_and_a_comparison_is_not_a_period() -> None:
    text = "近三年煤炭年产量保持在1.6亿吨左右，建成智能化煤矿42座。与2020年相比，地区生产总值增长30%。"
    assert guesses(text, "period", "basis", "qualifier") == [
        ("1.6", "2022-2024", "annual_avg", "approx"), ("42", "2024", None, "exact"),
        ("30", "2024", "cumulative", "exact")]


# ---- region, measure, units and indicators --------------------------------------------------


def test_region_is_the_documents_unless_the_clause_names_the_owner() -> None:
    text = "完成丁省下达的8件实事、甲市政府3件实事，地区生产总值居全省第三，乙县新建中小学校2所。"
    assert guesses(text, "region") == [("8", "ding"), ("3", "alpha"), ("三", "beta"), ("2", "beta")]
    text = "全省地区生产总值增长5%，全县增长6%，高于全省1个百分点，在全省率先建成示范村3个。"
    assert guesses(text, "region") == [("5", "ding"), ("6", "beta"), ("1", "beta"), ("3", "beta")]


def test_one_thing_ranked_in_two_places() -> None:
    text = "PM2.5平均浓度居全省第三、黄河流域第一，地区生产总值全省第二、增速全省第五。"
    rows = read(text)
    assert [(c["number"], c["indicator"], c["new_indicator"], c["rank_of"]) for c in rows] == [
        ("三", "pm25_concentration", None, "level"), ("一", "pm25_concentration", None, "level"),
        ("二", "gdp", None, "level"), ("五", "gdp", None, "growth")]
    assert rows[1]["why"].startswith("indicator: of the rank before it, in another place; measure rank")


def test_a_rank_says_what_it_ranks() -> None:
    text = "地区生产总值总量居全省第三，增速排名全市第五，城镇化率占比居全省第二。"
    assert guesses(text, "rank_of") == [("三", "level"), ("五", "growth"), ("二", "share")]
    # what is ranked may be named only before the figure, or by each of several names sharing the place
    indicators = [{"id": "forest_cover", "name_zh": "森林覆盖率", "aliases": []},
                  {"id": "exports", "name_zh": "进出口总额", "aliases": []}]
    text = "森林覆盖率达到35%，居全省第二。进出口总额、增速均居全省第四。"
    rows = extract(text, year=2025, region="beta", source=None, indicators=indicators, regions=REGIONS, stored=[])
    assert [(c["number"], c["indicator"], c["new_indicator"], c["rank_of"]) for c in rows] == [
        ("35", "forest_cover", None, None), ("二", "forest_cover", None, "share"), ("四", "exports", None, "level"),
        ("四", None, "增速", "growth")]
    assert rows[3]["why"].endswith("rank of the growth")


def test_growth_verbs_make_a_growth_and_a_fall_is_negative() -> None:
    text = "规上工业增加值同比上升7.4%，居民消费价格回落0.5个百分点，城镇化率提高到65%，二产占比下降4.7个百分点。"
    assert guesses(text, "measure", "value", "unit") == [
        ("7.4", "growth", 7.4, "%"), ("0.5", "growth", -0.5, "百分点"), ("65", "share", 65, "%"),
        ("4.7", "growth", -4.7, "百分点")]


def test_hedges_around_verbs_and_on_declines() -> None:
    text = "低保标准每人每月至少提高20元，事故起数下降30%以上，约占全市总量的40%，近三年累计投资超过50亿元。"
    assert guesses(text, "value", "qualifier", "measure") == [
        ("20", 20, "at_least", "growth"), ("30", -30, "at_most", "growth"), ("40", 40, "approx", "share"),
        ("50", 50, "above", "level")]
    # OCR breaks a hedge apart; a verb may stand after it
    assert guesses("每个乡镇至 少办好2所幼儿园，不少于新建3所。", "qualifier") == [("2", "at_least"), ("3", "at_least")]


def test_done_against_a_target_is_an_actual_share() -> None:
    assert guesses("全年招商引资完成目标任务的103.1%。", "kind", "measure") == [("103.1", "actual", "share")]


def test_units_stay_whole_as_printed() -> None:
    (candidate,) = read("能源消费总量控制在120万吨标准煤以内。")
    assert (candidate["unit"], candidate["qualifier"]) == ("万吨标准煤", "at_most")
    assert candidate["note"] is None and candidate["why"].endswith("; unit 万吨标准煤 is not in the unit registry")


def test_surveyed_unemployment_is_not_registered_unemployment() -> None:
    assert guesses("城镇调查失业率5.2%，城镇登记失业率3%。", "indicator", "new_indicator") == [
        ("5.2", None, "城镇调查失业率"), ("3", "registered_unemployment", None)]


def test_no_known_indicator_proposes_a_new_one() -> None:
    text = "新建充电桩300个，8 户中小学校挂牌，光伏项目装机容量达到20万千瓦。"
    assert guesses(text, "indicator", "new_indicator") == [
        ("300", None, "充电桩"), ("8", "schools", None), ("20", None, "光伏项目装机容量")]


def test_an_amount_is_not_given_to_an_indicator_measured_otherwise() -> None:
    indicators = [{"id": "fixed_asset_investment", "name_zh": "固定资产投资", "aliases": ["投资"]},
                  {"id": "projects", "name_zh": "项目", "aliases": []}]
    facts = [fact(indicator="projects", unit="个", measure="count", value=12)]
    text = "签约项目 30 亿元，完成投资 8 亿元，概算总投资 5 亿元，投资 2 亿元建成体育馆。"
    rows = extract(text, year=2025, region="beta", source=None, indicators=indicators, regions=REGIONS, stored=[],
                   facts=facts)
    assert [(c["number"], c["indicator"]) for c in rows] == [
        ("30", None), ("8", "fixed_asset_investment"), ("5", None), ("2", None)]


def test_topics_point_to_related_indicators_without_guessing_one() -> None:
    indicators = [{"id": "gdp", "name_zh": "地区生产总值", "aliases": [], "topics": ["宏观/macro"]},
                  {"id": "hydrogen_stations", "name_zh": "加氢站", "aliases": [], "topics": ["氢能/hydrogen"]}]
    (candidate,) = extract("投运氢能重卡120辆。", year=2025, region="beta", source=None, indicators=indicators,
                           regions=REGIONS, stored=[])
    assert (candidate["indicator"], candidate["new_indicator"]) == (None, "投运氢能重卡")
    assert candidate["why"].startswith("indicator: no known name before the number; new: 投运氢能重卡; "
                                       "related by topic: hydrogen_stations; measure count: 辆")


def test_evidence_is_the_name_to_the_number_and_its_hedge() -> None:
    (level, growth) = read("全市地区生产总值预计突破500亿元，同比增长5%左右。")
    assert (level["evidence"], level["kind"], level["qualifier"]) == ("地区生产总值预计突破500亿元", "estimate",
                                                                      "above")
    assert (growth["evidence"], growth["indicator"], growth["period"]) == (
        "地区生产总值预计突破500亿元，同比增长5%左右", "gdp", "2024")


def test_why_names_the_reason_for_each_guess() -> None:
    (candidate,) = read("一、2021年工作安排\n新建中小学校5所。\n", year=2021)
    assert candidate["why"] == ("indicator: 中小学校; measure count: 所; kind target: section “一、2021年工作安排” "
                                "(2021年); period 2021: section “一、2021年工作安排” (2021年)")


def test_candidates_are_fact_records_with_review_fields(tmp_path: Path) -> None:
    (candidate,) = read("全市地区生产总值达到120亿元。")
    # every field of the export contract but the derived ones, by the same names
    exported = set(jsonl(invoke("export", "--format", "jsonl", "--db", str(write_store(tmp_path / "s.json",
                                                                                       [fact()]))).stdout)[0])
    assert exported - {"id", "source_file", "value_base", "base_unit"} <= set(FACT_FIELDS)
    assert {k: candidate[k] for k in FACT_FIELDS} == {
        "region": "beta", "indicator": "gdp", "source": "doc", "period": "2024", "kind": "actual",
        "measure": "level", "basis": None, "value": 120, "value_high": None, "unit": "亿元", "qualifier": "exact",
        "aspirational": False, "scope": None, "evidence": "地区生产总值达到120亿元", "note": None, "rank_of": None}


def test_stored_figures_are_marked() -> None:
    stored = [fact(id="doc-007", value=120, evidence="地区生产总值达到120亿元")]
    assert [c["stored"] for c in read("全市地区生产总值达到120亿元，增长5%。", stored=stored)] == ["doc-007", None]


def test_urban_and_rural_printed_together() -> None:
    indicators = [{"id": "urban_income", "name_zh": "城镇居民人均可支配收入", "aliases": []},
                  {"id": "rural_income", "name_zh": "农村居民人均可支配收入", "aliases": []}]
    text = "城乡居民人均可支配收入分别达4.1万元和2.2万元，同比增长4%、6%。"
    rows = extract(text, year=2025, region="beta", source=None, indicators=indicators, regions=REGIONS, stored=[])
    assert [(c["number"], c["indicator"], c["measure"]) for c in rows] == [
        ("4.1", "urban_income", "level"), ("2.2", "rural_income", "level"), ("4", "urban_income", "growth"),
        ("6", "rural_income", "growth")]


def test_names_listed_before_fenbie_take_the_figures_in_order() -> None:
    indicators = [{"id": "exports", "name_zh": "出口额", "aliases": []},
                  {"id": "urban_income", "name_zh": "城镇居民人均可支配收入", "aliases": []},
                  {"id": "rural_income", "name_zh": "农村居民人均可支配收入", "aliases": []}]
    text = ("出口额、进口额分别增长12%、7%，开工率和竣工率分别居全市第二、第五，"
            "高新技术企业、专精特新企业分别新增20家以上。城乡居民人均可支配收入分别增长5%、6%。")
    rows = extract(text, year=2025, region="beta", source=None, indicators=indicators, regions=REGIONS, stored=[])
    assert [(c["number"], c["indicator"], c["new_indicator"], c["evidence"]) for c in rows] == [
        ("12", "exports", None, "出口额、进口额分别增长12%"), ("7", None, "进口额", "进口额分别增长12%、7%"),
        ("二", None, "开工率", "开工率和竣工率分别居全市第二"), ("五", None, "竣工率", "竣工率分别居全市第二、第五"),
        ("20", None, "高新技术企业", "高新技术企业、专精特新企业分别新增20家以上"),
        ("20", None, "专精特新企业", "专精特新企业分别新增20家以上"),
        ("5", "urban_income", None, "城乡居民人均可支配收入分别增长5%"),
        ("6", "rural_income", None, "城乡居民人均可支配收入分别增长5%、6%")]
    assert [c["rank_of"] for c in rows[2:4]] == ["share", "share"]
    assert rows[1]["why"].startswith("indicator: new: 进口额, name 2 of 2, figure 2 after 分别;")


def test_a_figure_shared_by_several_names_is_one_candidate_each() -> None:
    text = "地区生产总值、原煤产量、营商环境指数均居全省前三，增速均达5%以上。"
    rows = read(text)
    assert [(c["number"], c["indicator"], c["new_indicator"], c["measure"], c["qualifier"], c["evidence"])
            for c in rows] == [
        ("三", "gdp", None, "rank", "at_most", "地区生产总值、原煤产量、营商环境指数均居全省前三"),
        ("三", "coal_output", None, "rank", "at_most", "原煤产量、营商环境指数均居全省前三"),
        ("三", None, "营商环境指数", "rank", "at_most", "营商环境指数均居全省前三"),
        ("5", None, "增速", "growth", "at_least", "增速均达5%以上")]  # whose growth: the reviewer decides
    assert rows[2]["why"].startswith("indicator: new: 营商环境指数, one of 3 names sharing the figure (均)")
    stored = [fact(id="doc-001", indicator="coal_output", measure="rank", unit="rank", value=3,
                   evidence="原煤产量、营商环境指数均居全省前三")]
    assert [c["stored"] for c in read(text, stored=stored)] == [None, "doc-001", None, None]


def test_hedges_places_and_ratios() -> None:
    text = "建成街心公园30多个，营商环境位列全国县级第 67 名，三次产业结构调整为5.1:50.3:44.6。"
    assert guesses(text, "unit", "qualifier", "measure") == [
        ("30", "个", "above", "count"), ("67", "rank", "exact", "rank"), ("5.1", "%", "exact", "share"),
        ("50.3", "%", "exact", "share"), ("44.6", "%", "exact", "share")]


def test_the_terms_of_the_industrial_structure_are_the_three_shares() -> None:
    indicators = [{"id": "secondary_share", "name_zh": "第二产业比重", "aliases": []},
                  {"id": "tertiary_share", "name_zh": "三产占比", "aliases": []}]
    text = "全县三次产业结构优化为6.3：41.2：52.5，城乡人口比例为3:2。"
    rows = extract(text, year=2025, region="beta", source=None, indicators=indicators, regions=REGIONS, stored=[])
    assert [(c["number"], c["indicator"], c["new_indicator"], c["measure"], c["unit"]) for c in rows] == [
        ("6.3", None, "第一产业占比", "share", "%"), ("41.2", "secondary_share", None, "share", "%"),
        ("52.5", "tertiary_share", None, "share", "%"), ("3", None, "城乡人口比例", "share", ""),
        ("2", None, "城乡人口比例", "share", "")]
    assert rows[1]["why"].startswith("indicator: 第二产业比重, a term of 三次产业结构;")


def test_an_average_per_year_takes_a_span() -> None:
    text = "十四五以来，全市动能持续增强。\n制造业增加值年均增长8.5%，规上工业增加值占比60%。\n"
    assert guesses(text, "period", "measure", "basis") == [
        ("8.5", "2021-2024", "growth", "annual_avg"), ("60", "2024", "share", None)]
    assert guesses("制造业增加值年均增长8.5%。", "period", year=2021) == [("8.5", "2016-2020")]


def test_names_after_a_classifier_and_narrower_names() -> None:
    indicators = [{"id": "projects", "name_zh": "项目", "aliases": []},
                  {"id": "villages", "name_zh": "示范村", "aliases": []}]
    text = "建成12个示范村，新开工转型项目9个，启动6个示范村建设，新建3个示范村食堂。"
    rows = extract(text, year=2025, region="beta", source=None, indicators=indicators, regions=REGIONS, stored=[])
    assert [(c["number"], c["indicator"], c["new_indicator"], c["evidence"]) for c in rows] == [
        ("12", "villages", None, "建成12个示范村"), ("9", None, "新开工转型项目", "新开工转型项目9个"),
        ("6", "villages", None, "启动6个示范村"), ("3", None, "示范村食堂", "新建3个示范村食堂")]


def test_a_bare_output_is_of_the_product_its_sentence_named() -> None:
    indicators = [{"id": "coal_output", "name_zh": "原煤产量", "aliases": ["煤炭产量"]},
                  {"id": "wine_output", "name_zh": "葡萄酒产量", "aliases": []},
                  {"id": "coke_capacity", "name_zh": "焦炭产能", "aliases": []}]
    text = ("推动煤炭安全稳产，新建智能化工作面6个，全年产量稳定在8000万吨左右，产量全市第一。"
            "扶持葡萄酒企业做大，力争产量达到3万千升。焦炭行业先进产能占比达80%。全年产量增长5%。")
    rows = extract(text, year=2025, region="beta", source=None, indicators=indicators, regions=REGIONS, stored=[])
    assert [(c["number"], c["indicator"], c["new_indicator"]) for c in rows] == [
        ("6", None, "智能化工作面"), ("8000", "coal_output", None), ("一", "coal_output", None),
        ("3", "wine_output", None), ("80", None, "焦炭行业先进产能占比"), ("5", None, "产量")]
    assert rows[1]["why"].startswith("indicator: 产量 of 煤炭;")
    indicators = [{"id": "key_projects", "name_zh": "重点项目", "aliases": []},
                  {"id": "key_projects_investment", "name_zh": "重点项目总投资", "aliases": ["重点项目概算总投资"]}]
    text = "全年安排重点项目120个，概算总投资450亿元。启动总投资30亿元的园区建设。"
    rows = extract(text, year=2025, region="beta", source=None, indicators=indicators, regions=REGIONS, stored=[])
    assert [(c["number"], c["indicator"], c["new_indicator"]) for c in rows] == [
        ("120", "key_projects", None), ("450", "key_projects_investment", None), ("30", None, "总投资")]


def test_a_figure_that_names_nothing_shares_the_new_name_before_it() -> None:
    text = "园区企业总营收突破300亿元、增长12%，累计培训18期、2.5万人次。技工人数增长8%。"
    assert guesses(text, "indicator", "new_indicator") == [
        ("300", None, "园区企业总营收"), ("12", None, "园区企业总营收"), ("18", None, "培训"),
        ("2.5", None, "培训"), ("8", None, "技工人数")]
    assert guesses("全市新增经营主体900家。同比增长6%。", "new_indicator") == [("900", "经营主体"), ("6", None)]
    assert read(text)[1]["why"].startswith("indicator: no known name before the number; new: 园区企业总营收, as the "
                                           "figure before it;")


def test_a_list_of_counts_shares_the_name_after_the_last() -> None:
    indicators = [{"id": "livelihood_projects", "name_zh": "民生实事", "aliases": []},
                  {"id": "schools", "name_zh": "学校", "aliases": []}]
    text = "办好丁省8件、甲市6件民生实事，新建学校3所、改扩建2所，建成4个学校、2个园区。"
    rows = extract(text, year=2025, region="beta", source=None, indicators=indicators, regions=REGIONS, stored=[])
    assert [(c["number"], c["indicator"], c["new_indicator"], c["region"]) for c in rows] == [
        ("8", "livelihood_projects", None, "ding"), ("6", "livelihood_projects", None, "alpha"),
        ("3", "schools", None, "beta"), ("2", "schools", None, "beta"), ("4", "schools", None, "beta"),
        ("2", None, "园区", "beta")]


def test_words_between_a_name_and_its_number() -> None:
    indicators = [{"id": "allowance", "name_zh": "特困人员供养标准", "aliases": []},
                  {"id": "education_spending", "name_zh": "教育支出占比", "aliases": []}]
    text = "特困人员供养标准每人每月提高60元，教育支出占比稳定保持在15%以上。"
    rows = extract(text, year=2025, region="beta", source=None, indicators=indicators, regions=REGIONS, stored=[])
    assert [(c["number"], c["indicator"], c["measure"], c["qualifier"]) for c in rows] == [
        ("60", "allowance", "growth", "exact"), ("15", "education_spending", "share", "at_least")]


def test_a_wrapped_text_keeps_its_sentences_and_names_whole() -> None:
    # lines cut at a width, as OCR of a printed column gives them: a break is not a clause end
    text = "全年力争地区生产总\n值增长6%，原煤\n\n产量保持在1.2亿\n吨以上，新建学\n校8所\n"
    assert guesses(text, "indicator", "kind", "period", "qualifier") == [
        ("6", "gdp", "target", "2025", "exact"), ("1.2", "coal_output", "target", "2025", "at_least"),
        ("8", "schools", "target", "2025", "exact")]


# ---- linear time ----------------------------------------------------------------------------


class CountingText(str):
    """A text that records the longest slice taken of it: reading must stay local to each figure."""

    longest = 0

    def __getitem__(self, key: Any) -> str:
        result = str.__getitem__(self, key)
        if isinstance(key, slice):
            CountingText.longest = max(CountingText.longest, len(result))
        return result


def test_each_figure_is_read_from_a_bounded_neighbourhood() -> None:
    # a quadratic reader scans from the text's start (or across an unpunctuated text) for every figure;
    # here 2 MB without a single clause end, so any such scan shows as a slice far longer than REACH
    sentence = "全市地区生产总值增长5%" + "甲乙丙丁" * 20
    text = CountingText(sentence * (2_000_000 // (3 * len(sentence))))
    CountingText.longest = 0
    candidates = extract(text, year=2025, region="beta", source=None, indicators=INDICATORS, regions=REGIONS,
                         stored=[])
    assert len(candidates) == text.count("5%")
    assert 0 < CountingText.longest <= 2 * REACH + 20
    assert {(c["indicator"], c["measure"], c["value"]) for c in candidates} == {("gdp", "growth", 5)}


# ---- the review flow through the CLI --------------------------------------------------------


def small(tmp_path: Path) -> Path:
    return write_store(tmp_path / "data.json", [fact()])


def registered(tmp_path: Path, text: str) -> tuple[Path, Path]:
    path = tmp_path / "new.txt"
    path.write_text(text, encoding="utf-8")
    db = small(tmp_path)
    invoke("sources", "add", str(path), "--id", "new", "--title", "新", "--title-en", "New", "--date", "2026-01-05",
           "--region", "alpha", "--db", str(db))
    return path, db


def test_extract_output_imports(tmp_path: Path) -> None:
    path, db = registered(tmp_path, "2025年全市地区生产总值预计达到120亿元，增长6%左右。")
    out = invoke("extract", str(path), "--source", "new", "--db", str(db), "-f", "jsonl").stdout
    candidates = tmp_path / "c.jsonl"
    candidates.write_text(out, encoding="utf-8")
    result = invoke("import", str(candidates), "--sources", str(tmp_path), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    added = [f for f in open_store(db).facts() if f["source"] == "new"]
    assert sorted((f["value"], f["kind"], f["qualifier"], f["period"], f["region"]) for f in added) == [
        (6, "estimate", "approx", "2025", "alpha"), (120, "estimate", "exact", "2025", "alpha")]


def test_extract_tsv_has_fact_field_names_and_empty_cells(tmp_path: Path) -> None:
    path, db = registered(tmp_path, "全市地区生产总值达到120亿元。")
    lines = invoke("extract", str(path), "--source", "new", "--db", str(db), "-f", "tsv").stdout.splitlines()
    header, row = lines[0].split("\t"), lines[1].split("\t")
    assert header[:16] == list(FACT_FIELDS) and "why" not in header
    assert dict(zip(header, row, strict=True)) == {
        "region": "alpha", "indicator": "gdp", "source": "new", "period": "2025", "kind": "actual",
        "measure": "level", "basis": "", "value": "120", "value_high": "", "unit": "亿元", "qualifier": "exact",
        "aspirational": "false", "scope": "", "evidence": "地区生产总值达到120亿元", "note": "", "rank_of": "",
        "new_indicator": "", "number": "120", "stored": "", "offset": "10", "context": "全市地区生产总值达到120亿元。"}


def test_extract_explain_and_new_only(tmp_path: Path) -> None:
    path, db = registered(tmp_path, "全市地区生产总值达到100亿元，新建学校3所。")
    invoke("add", "--region", "alpha", "--indicator", "gdp", "--period", "2025", "--kind", "actual", "--measure",
           "level", "--value", "100", "--unit", "亿元", "--source", "new", "--evidence", "地区生产总值达到100亿元",
           "--no-evidence-check", "--db", str(db))
    rows = jsonl(invoke("extract", str(path), "--source", "new", "--db", str(db), "--new-only", "--explain",
                        "-f", "jsonl").stdout)
    assert [(r["number"], r["indicator"], r["new_indicator"], r["why"]) for r in rows] == [
        ("3", None, "学校", "indicator: no known name before the number; new: 学校; measure count: 所; "
                           "kind actual: no plan words; period 2025: the year before the document")]


def test_units_the_registry_lacks_are_said(tmp_path: Path) -> None:
    path, db = registered(tmp_path, "能源消费总量控制在120万吨标准煤以内，地区生产总值100亿元。")
    result = invoke("extract", str(path), "--source", "new", "--db", str(db), "-f", "jsonl")
    assert result.stderr == ("factcli: printed in units the registry lacks (import refuses them until fixed): "
                             "万吨标准煤\n")
    assert [r["unit"] for r in jsonl(result.stdout)] == ["万吨标准煤", "亿元"]


def test_an_unknown_region_is_said_with_the_line_that_adds_it(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    path.write_text("丙县2026年政府工作报告\n甲市下辖的丙县，去年地区生产总值增长5%。\n", encoding="utf-8")
    result = invoke("extract", str(path), "--date", "2026-01-10", "--db", str(small(tmp_path)), "-f", "jsonl")
    assert result.exit_code == 0
    assert result.stderr == ("factcli: region '丙县' is not in the store; add it, then extract again:\n"
                             "  factcli regions add --id PINYIN --name-zh 丙县 --name-en ENGLISH --level county "
                             "--parent alpha\n")
    assert [(r["region"], r["period"]) for r in jsonl(result.stdout)] == [(None, "2025")]


def test_an_unknown_region_given_is_said_too(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    path.write_text("去年地区生产总值增长5%。\n", encoding="utf-8")
    result = invoke("extract", str(path), "--date", "2026", "--region", "丁丁", "--db", str(small(tmp_path)))
    assert result.stderr == ("factcli: region '丁丁' is not in the store; add it, then extract again:\n"
                             "  factcli regions add --id PINYIN --name-zh 丁丁 --name-en ENGLISH --level LEVEL\n")


def test_a_region_name_from_the_command_line_reaches_stderr_without_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    path.write_text("去年地区生产总值增长5%。\n", encoding="utf-8")
    result = invoke("extract", str(path), "--date", "2026", "--region", "丁\x1b[2J丁", "--db", str(small(tmp_path)))
    assert "\x1b" not in result.stderr and "--name-zh '丁[2J丁'" in result.stderr


def test_the_documents_region_is_read_from_its_opening(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    path.write_text("乙县人民政府工作报告\n去年地区生产总值增长5%。\n", encoding="utf-8")
    result = invoke("extract", str(path), "--date", "2026", "--db", str(small(tmp_path)), "-f", "jsonl")
    assert result.stderr == "factcli: the document's region, from its opening: beta\n"
    assert [r["region"] for r in jsonl(result.stdout)] == ["beta"]


@pytest.mark.parametrize("opening, found", [
    ("乙县人民政府工作报告", ("beta", None)),
    ("政府工作报告\n——2026年1月10日在乙县第十届人民代表大会上", ("beta", None)),
    ("政府工作报告\n——2026年1月10日在丙县第十届人民代表大会上", (None, "丙县")),
    ("全县经济运行平稳", (None, None)),
])
def test_the_documents_region_from_its_opening(opening: str, found: tuple[str | None, str | None]) -> None:
    assert document_region(opening + "\n去年地区生产总值增长5%。", REGIONS) == found


def test_extract_needs_the_documents_year(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    path.write_text("地区生产总值增长5%。", encoding="utf-8")
    result = invoke("extract", str(path), "--db", str(small(tmp_path)))
    assert (result.exit_code, result.stderr) == (2, "factcli: the document's year is needed: give --source or "
                                                    "--date\n")


# ---- on the source texts --------------------------------------------------------------------


def test_extract_finds_figures_and_guesses(seeds: Path) -> None:
    rows = jsonl(invoke("extract", str(seeds / "000_46e3abeaba9588cc.txt"), "--source", "xiaoyi-2025-conf",
                        "-f", "jsonl").stdout)
    gdp = next(r for r in rows if r["number"] == "500" and "预计突破500亿元" in r["context"])
    assert (gdp["unit"], gdp["indicator"], gdp["kind"], gdp["qualifier"], gdp["period"], gdp["region"]) == (
        "亿元", "gdp", "estimate", "above", "2024", "xiaoyi")
    assert gdp["stored"] == "xiaoyi-2025-conf-001"


def test_extract_evaluate_reports_agreement(seeds: Path) -> None:
    rows = json.loads(invoke("extract", str(seeds / "002_4b8b50f164369672.txt"), "--source", "lvliang-2025-gwr",
                             "--evaluate", "-f", "json").stdout)
    report = {r["measure"]: r["value"] for r in rows}
    assert report["curated facts"] > 100
    assert int(report["curated facts proposed"].split()[0]) > 0.9 * report["curated facts"]
    assert list(report)[4:] == ["fully right (region, period, kind, measure)", *(
        f"{name} guessed right" for name in ("region", "period", "kind", "measure", "indicator", "unit", "qualifier"))]


def test_every_excerpt_is_verbatim_and_prints_its_number(seeds: Path, shipped: Path) -> None:
    from factcli.model import EVIDENCE_LENGTH
    from factcli.numerals import printed_in

    store = open_store(shipped)
    for source in store.sources():
        text = (seeds / source["file"]).read_text(encoding="utf-8")
        for c in extract(text, year=int(source["date"][:4]), region=source["region"], source=source["id"],
                         indicators=store.indicators(), regions=store.regions(), stored=[]):
            assert c["evidence"] in text and printed_in(c["value"], c["evidence"]), c
            assert EVIDENCE_LENGTH[0] <= len(c["evidence"]) <= EVIDENCE_LENGTH[1], c


def test_figures_under_a_five_year_review_are_the_span(seeds: Path) -> None:
    text = (seeds / "001_fd8cac7d7c6b68e6.txt").read_text(encoding="utf-8")
    rows = jsonl(invoke("extract", str(seeds / "001_fd8cac7d7c6b68e6.txt"), "--source", "xiaoyi-2021-gwr",
                        "-f", "jsonl").stdout)
    first = next(r for r in rows if r["offset"] > text.index("五年来") and r["measure"] == "growth")
    assert (first["period"], first["basis"], first["kind"]) == ("2016-2020", "cumulative", "actual")


def test_the_onboarding_walkthrough(tmp_path: Path, store_copy: Path) -> None:
    """docs/onboarding.md, step by step, on its own example text."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "onboarding.md").read_text(encoding="utf-8")
    block = doc.split("`texts/wenshui-2025.txt`:\n\n", 1)[1].split("\n## ", 1)[0]
    texts = tmp_path / "texts"
    texts.mkdir()
    text = texts / "wenshui-2025.txt"
    text.write_text("".join(line[4:] + "\n" for line in block.rstrip().splitlines()), encoding="utf-8")
    db = ["--db", str(store_copy)]
    first = invoke("extract", str(text), "--date", "2025-01-20", "-f", "tsv", *db)
    assert ("factcli regions add --id PINYIN --name-zh 文水县 --name-en ENGLISH --level county --alias 文水"
            in first.stderr)
    invoke("regions", "add", "--id", "wenshui", "--name-zh", "文水县", "--name-en", "Wenshui", "--level", "county",
           "--parent", "lvliang", "--alias", "文水", *db)
    invoke("sources", "add", "wenshui-2025.txt", "--sources", str(texts), "--id", "wenshui-2025-gwr", "--title",
           "文水县2025年政府工作报告", "--title-en", "Wenshui 2025 government work report", "--date", "2025-01-20",
           "--region", "文水", *db)
    rows = jsonl(invoke("extract", str(text), "--source", "wenshui-2025-gwr", "-f", "jsonl", *db).stdout)
    assert [(r["number"], r["indicator"] or "new: " + r["new_indicator"], r["measure"], r["kind"], r["period"],
             r["qualifier"]) for r in rows] == [
        ("165.3", "gdp", "level", "actual", "2024", "exact"), ("5.2", "gdp", "growth", "actual", "2024", "exact"),
        ("三", "gdp", "rank", "actual", "2024", "exact"),
        ("12.6", "general_budget_revenue", "level", "actual", "2024", "exact"),
        ("103.1", "general_budget_revenue", "share", "actual", "2024", "exact"),
        ("5.1", "new: 城镇调查失业率", "share", "actual", "2024", "exact"),
        ("120", "new: 充电桩", "count", "actual", "2024", "exact"),
        ("95", "new: 能源消费总量", "level", "actual", "2024", "at_most"),
        ("5.5", "gdp", "growth", "target", "2025", "approx"),
        ("6", "fixed_asset_investment", "growth", "target", "2025", "at_least"),
        ("80", "retail_sales", "level", "target", "2025", "above"),
        ("3", "schools_built_or_expanded", "count", "target", "2025", "exact")]
    assert [r["rank_of"] for r in rows if r["rank_of"]] == ["growth"]
    invoke("indicators", "add", "--id", "surveyed_urban_unemployment_rate", "--name-zh", "城镇调查失业率", "--name-en",
           "Surveyed urban unemployment rate", "--category", "employment", "--alias", "调查失业率", *db)
    invoke("indicators", "add", "--id", "ev_charging_piles", "--name-zh", "充电桩", "--name-en", "EV charging piles",
           "--category", "infrastructure", *db)
    out = invoke("extract", str(text), "--source", "wenshui-2025-gwr", "-f", "jsonl", *db).stdout
    reviewed = tmp_path / "reviewed.jsonl"
    reviewed.write_text("".join(line + "\n" for line in out.splitlines() if "万吨标准煤" not in line), encoding="utf-8")
    result = invoke("import", str(reviewed), "--sources", str(texts), *db)
    assert (result.exit_code, result.stderr) == (
        0, "imported 11 fact(s): wenshui-2025-gwr-001 … wenshui-2025-gwr-011\n")
    added = [f for f in open_store(store_copy).facts() if f["source"] == "wenshui-2025-gwr"]
    assert sorted({f["indicator"] for f in added}) == [
        "ev_charging_piles", "fixed_asset_investment", "gdp", "general_budget_revenue", "retail_sales",
        "schools_built_or_expanded", "surveyed_urban_unemployment_rate"]
