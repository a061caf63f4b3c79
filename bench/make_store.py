"""Write a synthetic store of N facts: realistic fields, Chinese evidence, many regions and indicators.

    python bench/make_store.py 100000 store-100k.json
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from factcli.store import serialize

COUNTIES = ["离石", "孝义", "汾阳", "文水", "交城", "兴县", "临县", "柳林", "石楼", "岚县", "方山", "中阳", "交口",
            "榆次", "太谷", "祁县", "平遥", "介休", "灵石", "寿阳", "昔阳", "和顺", "左权", "榆社"]
INDICATORS = [("gdp", "地区生产总值", "亿元"), ("general_budget_revenue", "一般公共预算收入", "亿元"),
              ("retail_sales", "社会消费品零售总额", "亿元"), ("coal_output", "原煤产量", "万吨"),
              ("grain_output", "粮食产量", "万吨"), ("fixed_asset_investment", "固定资产投资", "亿元"),
              ("urban_disposable_income", "城镇居民人均可支配收入", "元"),
              ("rural_disposable_income", "农村居民人均可支配收入", "元")]
KINDS = ["actual", "actual", "estimate", "target"]


def build(count: int, seed: int = 7) -> dict[str, dict[str, dict]]:
    rng = random.Random(seed)
    regions = [{"id": "shanxi", "name_zh": "山西省", "name_en": "Shanxi", "level": "province", "aliases": ["山西"]}]
    for i, name in enumerate(COUNTIES * 5):
        rid = f"county{i:03d}"
        regions.append({"id": rid, "name_zh": f"{name}{i}县", "name_en": f"County {i}", "level": "county",
                        "parent": "shanxi", "aliases": [f"{name}{i}"]})
    indicators = [{"id": iid, "name_zh": zh, "name_en": iid.replace("_", " "), "aliases": [zh],
                   "category": "economy"} for iid, zh, _ in INDICATORS]
    sources = [{"id": f"src{i:03d}", "file": f"{i:03d}.txt", "sha256": "0" * 64, "title_zh": f"政府工作报告{i}",
                "title_en": f"Report {i}", "region": "shanxi", "date": f"{2015 + i % 10}-01-15",
                "kind": "government_work_report"} for i in range(200)]
    facts = []
    for n in range(count):
        iid, zh, unit = rng.choice(INDICATORS)
        region = rng.choice(regions[1:])
        measure = rng.choice(["level", "level", "growth"])
        value = round(rng.uniform(1, 5000), 1) if measure == "level" else round(rng.uniform(-5, 15), 1)
        unit = unit if measure == "level" else "%"
        source = sources[n % len(sources)]
        verb = "增长" if measure == "growth" else "达到"
        facts.append({"id": f"{source['id']}-{n:06d}", "region": region["id"], "indicator": iid,
                      "source": source["id"], "period": str(2015 + n % 11), "kind": rng.choice(KINDS),
                      "measure": measure, "value": value, "unit": unit, "qualifier": rng.choice(["exact", "approx"]),
                      "aspirational": False, "evidence": f"全{region['name_zh']}{zh}{verb}{abs(value)}{unit}",
                      **({"basis": "yoy"} if measure == "growth" else {})})

    def table(records: list[dict]) -> dict[str, dict]:
        return {str(i): r for i, r in enumerate(records, 1)}

    return {"facts": table(facts), "regions": table(regions), "indicators": table(indicators),
            "sources": table(sources)}


if __name__ == "__main__":
    Path(sys.argv[2]).write_bytes(serialize(build(int(sys.argv[1]))))
