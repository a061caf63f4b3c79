"""Write a synthetic store of N facts: realistic fields, Chinese evidence, many regions and indicators.

    python bench/make_store.py 100000 store-100k.json
    python bench/make_store.py 1000000 store-1m.sqlite --sqlite --texts texts/

--sqlite writes a SQLite store instead of JSON; --texts DIR also writes each source's text (every
excerpt it is cited for, verbatim), with the sha256 in the store, so `verify --sources DIR` passes.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from pathlib import Path

from factcli.sqlite_store import create
from factcli.store import serialize

COUNTIES = ["离石", "孝义", "汾阳", "文水", "交城", "兴县", "临县", "柳林", "石楼", "岚县", "方山", "中阳", "交口",
            "榆次", "太谷", "祁县", "平遥", "介休", "灵石", "寿阳", "昔阳", "和顺", "左权", "榆社"]
INDICATORS = [("gdp", "地区生产总值", "亿元"), ("general_budget_revenue", "一般公共预算收入", "亿元"),
              ("retail_sales", "社会消费品零售总额", "亿元"), ("coal_output", "原煤产量", "万吨"),
              ("grain_output", "粮食产量", "万吨"), ("fixed_asset_investment", "固定资产投资", "亿元"),
              ("urban_disposable_income", "城镇居民人均可支配收入", "元"),
              ("rural_disposable_income", "农村居民人均可支配收入", "元")]
KINDS = ["actual", "actual", "estimate", "target"]
SOURCES = 200


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
                "kind": "government_work_report"} for i in range(SOURCES)]
    facts = []
    for n in range(count):
        iid, zh, unit = rng.choice(INDICATORS)
        region = rng.choice(regions[1:])
        measure = rng.choice(["level", "level", "growth"])
        value = round(rng.uniform(1, 5000), 1) if measure == "level" else round(rng.uniform(-5, 15), 1)
        unit = unit if measure == "level" else "%"
        source = sources[n % len(sources)]
        verb = "达到" if measure == "level" else "下降" if value < 0 else "增长"  # a fall says so, as verify asks
        facts.append({"id": f"{source['id']}-{n:06d}", "region": region["id"], "indicator": iid,
                      "source": source["id"], "period": str(2015 + n % 11), "kind": rng.choice(KINDS),
                      "measure": measure, "value": value, "unit": unit, "qualifier": rng.choice(["exact", "approx"]),
                      "aspirational": False, "evidence": f"全{region['name_zh']}{zh}{verb}{abs(value)}{unit}",
                      **({"basis": "yoy"} if measure == "growth" else {})})

    def table(records: list[dict]) -> dict[str, dict]:
        return {str(i): r for i, r in enumerate(records, 1)}

    return {"facts": table(facts), "regions": table(regions), "indicators": table(indicators),
            "sources": table(sources)}


def write_texts(tables: dict[str, dict[str, dict]], folder: Path) -> None:
    """Each source's text: the excerpts it is cited for, one a line; its sha256 goes into the store."""
    lines: dict[str, list[str]] = {}
    for fact in tables["facts"].values():
        lines.setdefault(fact["source"], []).append(fact["evidence"])
    folder.mkdir(parents=True, exist_ok=True)
    for source in tables["sources"].values():
        raw = ("\n".join(lines.get(source["id"], ["空"])) + "\n").encode("utf-8")
        (folder / source["file"]).write_bytes(raw)
        source["sha256"] = hashlib.sha256(raw).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--sqlite", action="store_true", help="write a SQLite store")
    parser.add_argument("--texts", type=Path, help="also write the source texts here")
    args = parser.parse_args()
    tables = build(args.count)
    if args.texts:
        write_texts(tables, args.texts)
    if args.sqlite:
        args.out.unlink(missing_ok=True)
        create(str(args.out), tables)
    else:
        args.out.write_bytes(serialize(tables))


if __name__ == "__main__":
    main()
