"""The three kinds of file and their columns: the Chinese header people fill, the English one
beside it (second header row of the templates), and whether a value is required."""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class ImportKind(StrEnum):
    PRODUCTS = "products"
    ENTERPRISES = "enterprises"
    USERS = "users"


KIND_LABELS = {
    ImportKind.PRODUCTS: _("protected products"),
    ImportKind.ENTERPRISES: _("enterprises"),
    ImportKind.USERS: _("authorised users of the GI mark"),
}


@dataclass(frozen=True)
class Column:
    key: str
    zh: str  # the header people type and read; Chinese whatever the interface language
    en: str
    required: bool = False
    example: str = ""


COLUMNS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.PRODUCTS: (
        Column("name", "产品名称", "Product name", True, "西湖龙井"),
        Column("category", "产品类别", "Category", True, "茶叶"),
        Column("area", "保护范围", "Protected area (region codes or names, separated by 、)", True, "330106、330110"),
        Column("standard", "产品标准", "Product standard", False, "GB/T 18650-2008"),
        Column("announcement_number", "批准公告号", "Approval announcement number", False, "2001年第139号"),
        Column("protected_since", "批准公告日期", "Approval announcement date", False, "2001-12-29"),
        Column("status", "保护状态", "Status (受保护 / 已撤销)", False, "受保护"),
        Column("name_en", "英文名称", "English name", False, "Xihu Longjing Tea"),
    ),
    ImportKind.ENTERPRISES: (
        Column("name", "企业名称", "Enterprise name", True, "杭州西湖龙井茶业有限公司"),
        Column("credit_code", "统一社会信用代码", "Unified social credit code", True, "91330106MA2H3K4L5X"),
        Column("region", "所在地区", "Region (code or name)", True, "330106"),
        Column("address", "地址", "Address", False, "杭州市西湖区龙井路1号"),
        Column("legal_representative", "法定代表人", "Legal representative", False, "俞杰"),
        Column("contact_phone", "联系电话", "Contact phone", False, "0571-87654321"),
    ),
    ImportKind.USERS: (
        Column("enterprise_name", "企业名称", "Enterprise name", True, "杭州西湖龙井茶业有限公司"),
        Column("credit_code", "统一社会信用代码", "Unified social credit code", True, "91330106MA2H3K4L5X"),
        Column("region", "所在地区", "Region of the enterprise (code or name)", True, "330106"),
        Column("address", "地址", "Address", False, "杭州市西湖区龙井路1号"),
        Column("product", "地理标志产品", "GI product (name, pinyin or announcement number)", True, "西湖龙井"),
        Column("route", "使用途径", "Route (核准 / 自我声明)", True, "核准"),
        Column("approval_document", "批准文件", "Approval document", False, "国家知识产权局公告第123号"),
        Column("approval_date", "批准日期", "Approval or declaration date", True, "2019-05-20"),
        Column("status", "使用状态", "Status (有效 / 暂停 / 已撤销)", False, "有效"),
    ),
}


def column(kind: ImportKind, key: str) -> Column:
    return next(c for c in COLUMNS[kind] if c.key == key)
