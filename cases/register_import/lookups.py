"""What a row names, found once per file: regions (code, full name or a unique short name) and
products (name, pinyin or announcement number). Read whole into memory: 3,000-odd regions and a
few thousand products, against one query per row for 50,000 rows."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from organizations.models import Region

from ..common.pinyin import normalize_query
from ..models import ProtectedProduct

SEPARATORS = re.compile(r"[、,，;；\s]+")


@dataclass(frozen=True)
class RegionRef:
    id: int
    code: str
    name: str
    prefix: str
    level: int
    full_name: str  # 浙江省杭州市西湖区

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


class Regions:
    def __init__(self) -> None:
        rows = list(Region.objects.values_list("id", "code", "name", "prefix", "level", "parent_id"))
        by_id = {row[0]: row for row in rows}

        def full_name(row) -> str:
            names = []
            while row is not None:
                names.append(row[2])
                row = by_id.get(row[5])
            return "".join(reversed(names))

        self.by_code: dict[str, RegionRef] = {}
        self.by_name: dict[str, list[RegionRef]] = {}
        for row in rows:
            ref = RegionRef(row[0], row[1], row[2], row[3], row[4], full_name(row))
            self.by_code[ref.code] = ref
            self.by_name.setdefault(ref.full_name, []).append(ref)
            if ref.name != ref.full_name:
                self.by_name.setdefault(ref.name, []).append(ref)
            parent = by_id.get(row[5])
            if parent is not None and parent[5] is not None:  # 杭州市西湖区, without the province
                self.by_name.setdefault(parent[2] + ref.name, []).append(ref)

    def find(self, text: str) -> RegionRef:
        """The region a cell names; ValueError with the message for the person."""
        text = "".join(str(text).split())
        if re.fullmatch(r"\d{6}", text):
            ref = self.by_code.get(text)
            if ref is None:
                raise ValueError(_("“%(code)s” is not an administrative division code (GB/T 2260).") % {"code": text})
            return ref
        found = self.by_name.get(text, [])
        if not found:
            raise ValueError(
                _("No region is called “%(name)s”: write its 6-digit code or its full name.") % {"name": text}
            )
        if len({ref.code for ref in found}) > 1:
            choices = "、".join(f"{ref.full_name}（{ref.code}）" for ref in found[:5])
            raise ValueError(
                _("“%(name)s” names several regions (%(choices)s): write the full name or the code.")
                % {"name": text, "choices": choices}
            )
        return found[0]

    def find_many(self, text: str) -> list[RegionRef]:
        parts = [part for part in SEPARATORS.split(str(text)) if part]
        if not parts:
            raise ValueError(_("Name at least one region."))
        return [self.find(part) for part in parts]


@dataclass(frozen=True)
class ProductRef:
    id: int
    name: str
    area_prefixes: tuple[str, ...]
    province_code: str


class Products:
    def __init__(self) -> None:
        areas: dict[int, list[str]] = {}
        for product_id, prefix in ProtectedProduct.protected_area.through.objects.values_list(
            "protectedproduct_id", "region__prefix"
        ):
            areas.setdefault(product_id, []).append(prefix)
        self.by_key: dict[str, list[ProductRef]] = {}
        for pk, name, pinyin, number, province in ProtectedProduct.objects.filter(
            status=ProtectedProduct.Status.PROTECTED
        ).values_list("id", "name", "name_pinyin", "announcement_number", "province__code"):
            ref = ProductRef(pk, name, tuple(areas.get(pk, ())), province)
            keys = {normalize_query(name)}
            if pinyin:
                keys.add(pinyin.split()[0])
            if number:
                keys.add(normalize_query(number))
            for key in keys:
                self.by_key.setdefault(key, []).append(ref)

    def find(self, text: str) -> ProductRef:
        key = normalize_query(str(text))
        found = self.by_key.get(key, [])
        if not found:
            raise ValueError(
                _("No protected product is called “%(text)s” (by name, pinyin or announcement number).")
                % {"text": text}
            )
        if len({ref.id for ref in found}) > 1:
            names = "、".join(sorted({ref.name for ref in found}))
            raise ValueError(
                _("“%(text)s” matches several products (%(names)s): write the product's name.")
                % {"text": text, "names": names}
            )
        return found[0]
