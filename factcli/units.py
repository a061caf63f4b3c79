"""The unit registry: every unit the store may use, with its dimension and base unit.

Units are code, not data, so that an unknown unit is an error at write time and values in
different units of one dimension (亿斤 and 万公斤, 亿方 and 亿立方米) compare correctly.
"""

from __future__ import annotations


class UnknownUnitError(ValueError):
    """A unit that the registry does not know."""


class Unit:
    """A unit, its dimension, the dimension's base unit and what one of it is in the base unit."""

    # a plain class: a NamedTuple costs a compile at start-up, and every command loads the registry
    __slots__ = ("base", "dimension", "factor", "name")

    def __init__(self, name: str, dimension: str, base: str, factor: float) -> None:
        self.name, self.dimension, self.base, self.factor = name, dimension, base, factor


def _units() -> dict[str, Unit]:
    groups: dict[tuple[str, str], dict[str, float]] = {
        ("money", "元"): {"元": 1, "万元": 1e4, "亿元": 1e8, "万亿元": 1e12, "美元": 1, "万美元": 1e4,
                         "亿美元": 1e8},
        ("mass", "kg"): {"公斤": 1, "万公斤": 1e4, "斤": 0.5, "万斤": 5e3, "亿斤": 5e7, "吨": 1e3,
                         "万吨": 1e7, "亿吨": 1e11},
        ("volume", "立方米"): {"立方米": 1, "万立方米": 1e4, "亿立方米": 1e8, "亿方": 1e8, "万方": 1e4,
                              "方": 1, "千升": 1, "万千升": 1e4, "吨/日": 1},
        ("area", "平方米"): {"平方米": 1, "万平方米": 1e4, "平方公里": 1e6, "亩": 666.6666666666666,
                            "万亩": 6666666.666666667, "公顷": 1e4},
        ("length", "米"): {"米": 1, "公里": 1e3, "千米": 1e3},
        ("power", "千瓦"): {"千瓦": 1, "万千瓦": 1e4, "兆瓦": 1e3, "MW": 1e3, "吉瓦": 1e6},
        ("energy", "千瓦时"): {"千瓦时": 1, "度": 1, "万千瓦时": 1e4, "亿千瓦时": 1e8},
        ("people", "人"): {"人": 1, "万人": 1e4, "名": 1, "万名": 1e4, "人次": 1, "万人次": 1e4},
        ("count", "个"): {"个": 1, "万个": 1e4, "家": 1, "户": 1, "万户": 1e4, "所": 1, "件": 1, "座": 1,
                         "套": 1, "万套": 1e4, "条": 1, "项": 1, "场": 1, "次": 1, "处": 1, "台": 1,
                         "辆": 1, "万辆": 1e4, "张": 1, "间": 1, "批": 1, "支": 1, "株": 1, "万株": 1e4,
                         "头": 1, "万头": 1e4, "只": 1, "万只": 1e4, "口": 1, "眼": 1, "孔": 1, "栋": 1,
                         "部": 1, "种": 1, "期": 1, "届": 1, "类": 1, "段": 1, "片": 1,
                         "万片": 1e4, "亿片": 1e8, "村": 1, "镇": 1, "乡镇": 1, "所学校": 1, "张床位": 1},
        ("percent", "%"): {"%": 1, "成": 10},
        ("points", "百分点"): {"百分点": 1},
        ("multiple", "倍"): {"倍": 1},
        ("duration", "天"): {"天": 1, "日": 1, "个工作日": 1, "小时": 1 / 24, "分钟": 1 / 1440,
                            "年": 365, "个月": 30},
        ("rank", "rank"): {"rank": 1},
    }
    return {
        name: Unit(name, dimension, base, float(factor))
        for (dimension, base), factors in groups.items()
        for name, factor in factors.items()
    }


UNITS: dict[str, Unit] = _units()
# dimensions whose level may be negative (an inflation rate, a balance in points); amounts and counts may not
SIGNED = frozenset({"percent", "points"})


def lookup(name: str) -> Unit:
    try:
        return UNITS[name]
    except KeyError:
        raise UnknownUnitError(f"unknown unit {name!r}") from None


def to_base(value: float, unit: str) -> float:
    """The value in its dimension's base unit, without float noise (2643.2 亿元 -> 264320000000.0)."""
    return float(f"{value * lookup(unit).factor:.12g}")
