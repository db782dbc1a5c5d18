"""Every row checked before anything is written: what is wrong, in which column, said so that
the person can correct it. Rows are checked in batches, each batch asking the database once per
kind of thing it names (existing enterprises, existing authorisations)."""

import datetime
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from organizations.credit_code import normalize_credit_code, validate_credit_code
from organizations.models import Enterprise

from ..models import Declaration, ProductCategory, ProtectedProduct
from .columns import ImportKind, column
from .lookups import Products, RegionRef, Regions
from .reading import Row, as_text

BATCH = 1000


@dataclass
class RowResult:
    row: Row
    record: dict | None = None  # what would be written; None when the row has errors or changes nothing
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column header, message)
    unchanged: bool = False  # already in the register as the row says

    def error(self, key: str, message: str, kind: ImportKind) -> None:
        self.errors.append((column(kind, key).zh, message))


def batches(rows: Iterable[Row], size: int = BATCH) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


# ---------------------------------------------------------------- values

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日")


def parse_date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = "".join(as_text(value).split())
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if not 1949 <= parsed.year <= 2100:
            break
        return parsed
    raise ValueError(_("“%(value)s” is not a date: write it as 2019-05-20.") % {"value": text[:40]})


def _labels(choices, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every way a person may write a choice: its value, its Chinese and its English label."""
    labels = {}
    for value, label in choices:
        labels[value.lower()] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                labels["".join(str(label).split()).lower()] = value
    labels.update(extra or {})
    return labels


CATEGORY_WORDS = {"茶叶": ProductCategory.TEA, "茶": ProductCategory.TEA, "酒类": ProductCategory.ALCOHOL}
PRODUCT_STATUS_WORDS = {
    "受保护": "protected",
    "保护": "protected",
    "有效": "protected",
    "已撤销": "revoked",
    "撤销": "revoked",
}
ROUTE_WORDS = {"核准": "approved", "核准使用": "approved", "自我声明": "self_declared", "自愿声明": "self_declared"}
USE_STATUS_WORDS = {
    "有效": Declaration.Status.PUBLISHED,
    "正常": Declaration.Status.PUBLISHED,
    "暂停": Declaration.Status.SUSPENDED,
    "暂停使用": Declaration.Status.SUSPENDED,
    "已撤销": Declaration.Status.REVOKED,
    "撤销": Declaration.Status.REVOKED,
    "注销": Declaration.Status.REVOKED,
}


def _choice(value: object, words: Mapping[str, str], what: str) -> str:
    key = "".join(as_text(value).split()).lower()
    if key in words:
        return words[key]
    allowed = "、".join(sorted({word for word in words if not word.isascii()}))
    raise ValueError(
        _("“%(value)s” is not a %(what)s: write one of %(allowed)s.")
        % {"value": key[:40], "what": what, "allowed": allowed}
    )


def _text(result: RowResult, kind: ImportKind, key: str, limit: int) -> str:
    value = as_text(result.row.values.get(key, ""))
    if key in result.row.formulas:
        return ""  # said once, by Checker.formulas
    if column(kind, key).required and not value:
        result.error(key, _("This column must be filled."), kind)
    elif len(value) > limit:
        result.error(
            key, _("At most %(limit)d characters; this has %(count)d.") % {"limit": limit, "count": len(value)}, kind
        )
    return value


def _region_in(ref: RegionRef, prefixes: list[str]) -> bool:
    return any(ref.code.startswith(prefix) for prefix in prefixes)


def _outside(result: RowResult, kind: ImportKind, key: str, ref: RegionRef, prefixes: list[str]) -> None:
    if not _region_in(ref, prefixes):
        result.error(
            key,
            _("%(region)s lies outside your jurisdiction: you may import rows of your own region only.")
            % {"region": ref.full_name},
            kind,
        )


# ---------------------------------------------------------------- the kinds


class SeenKeys:
    """The keys a file has shown so far, with the first row of each (and a value to compare):
    kept in a private temporary SQLite file, not in Python objects, so checking 100,000 rows
    takes the memory that checking 10,000 does."""

    def __init__(self) -> None:
        # "" is SQLite's private temporary database: on disk, deleted when closed.
        self.db = sqlite3.connect("")
        self.db.execute("CREATE TABLE seen (key TEXT PRIMARY KEY, row INTEGER, value TEXT) WITHOUT ROWID")

    def first(self, key: str, row: int, value: str = "") -> tuple[int, str]:
        """The first row that showed `key` and its value; this row's when it is the first."""
        found = self.db.execute("SELECT row, value FROM seen WHERE key = ?", (key,)).fetchone()
        if found is not None:
            return found[0], found[1]
        self.db.execute("INSERT INTO seen VALUES (?, ?, ?)", (key, row, value))
        return row, value


class Checker:
    kind: ImportKind

    def __init__(self, prefixes: list[str]) -> None:
        self.prefixes = prefixes  # the regions the importing person may write in; "" is the country
        self.regions = Regions()
        self.seen = SeenKeys()  # natural key → first row, for duplicates inside the file

    def duplicate(self, result: RowResult, key_column: str, key: object) -> bool:
        first, _value = self.seen.first(repr(key), result.row.number)
        if first != result.row.number:
            result.error(
                key_column, _("The same as row %(row)d: each appears once in a file.") % {"row": first}, self.kind
            )
            return True
        return False

    def check(self, rows: list[Row]) -> list[RowResult]:
        raise NotImplementedError

    def formulas(self, result: RowResult) -> None:
        """A formula's value is whatever the spreadsheet last computed, if it did: not a record."""
        for key in sorted(result.row.formulas):
            result.error(
                key, _("The cell holds a formula: paste its value instead (Paste Special → Values)."), self.kind
            )


class ProductChecker(Checker):
    kind = ImportKind.PRODUCTS
    categories = _labels(ProductCategory.choices, CATEGORY_WORDS)

    def check(self, rows: list[Row]) -> list[RowResult]:
        results = [self._row(row) for row in rows]
        names = [r.record["name"] for r in results if r.record]
        existing = {
            p.name: p for p in ProtectedProduct.objects.filter(name__in=names).prefetch_related("protected_area")
        }
        for result in results:
            if result.record and result.record["name"] in existing:
                self._against(result, existing[result.record["name"]])
        return results

    def _row(self, row: Row) -> RowResult:
        result = RowResult(row)
        self.formulas(result)
        kind = self.kind
        name = _text(result, kind, "name", 100)
        record: dict = {"name": name, "name_en": _text(result, kind, "name_en", 200)}
        record["standard"] = _text(result, kind, "standard", 100)
        record["announcement_number"] = _text(result, kind, "announcement_number", 40)
        for key, words, what in (
            ("category", self.categories, _("product category")),
            ("status", PRODUCT_STATUS_WORDS, _("status")),
        ):
            raw = row.values.get(key, "")
            if key == "status" and not as_text(raw):
                record[key] = "protected"
                continue
            try:
                record[key] = _choice(raw, words, str(what))
            except ValueError as error:
                result.error(key, str(error), kind)
        try:
            areas = self.regions.find_many(_text(result, kind, "area", 2000) or "")
        except ValueError as error:
            result.error("area", str(error), kind)
        else:
            provinces = {ref.province_code for ref in areas}
            if len(provinces) > 1:
                result.error(
                    "area", _("The protected area lies in several provinces: import it under one province."), kind
                )
            for ref in areas:
                _outside(result, kind, "area", ref, self.prefixes)
            record["area"] = areas
            record["province_code"] = areas[0].province_code
        raw_date = row.values.get("protected_since", "")
        record["protected_since"] = None
        if as_text(raw_date):
            try:
                record["protected_since"] = parse_date(raw_date)
            except ValueError as error:
                result.error("protected_since", str(error), kind)
        if name:
            self.duplicate(result, "name", name)
        result.record = None if result.errors else record
        return result

    def _against(self, result: RowResult, product: ProtectedProduct) -> None:
        record = result.record or {}
        area = sorted(ref.code for ref in record["area"])
        differences = []
        if sorted(region.code for region in product.protected_area.all()) != area:
            differences.append(column(self.kind, "area").zh)
        if product.category != record["category"]:
            differences.append(column(self.kind, "category").zh)
        if differences:
            result.error(
                "name",
                _("%(name)s is already registered with another %(columns)s: correct the row or the register.")
                % {"name": product.name, "columns": "、".join(differences)},
                self.kind,
            )
            result.record = None
        else:
            result.unchanged, result.record = True, None


class EnterpriseChecker(Checker):
    kind = ImportKind.ENTERPRISES
    name_key = "name"

    def check(self, rows: list[Row]) -> list[RowResult]:
        results = [self._row(row) for row in rows]
        codes = [r.record["credit_code"] for r in results if r.record]
        existing = dict(Enterprise.objects.filter(credit_code__in=codes).values_list("credit_code", "name"))
        for result in results:
            if result.record and result.record["credit_code"] in existing:
                self._existing_enterprise(result, existing[result.record["credit_code"]])
        return results

    def _enterprise_columns(self, result: RowResult) -> dict:
        kind, row = self.kind, result.row
        record: dict = {"name": _text(result, kind, self.name_key, 200), "address": _text(result, kind, "address", 300)}
        code = normalize_credit_code(as_text(row.values.get("credit_code", "")))
        if "credit_code" in row.formulas:
            result.error(
                "credit_code", _("The cell holds a formula: paste its value instead (Paste Special → Values)."), kind
            )
        elif not code:
            result.error("credit_code", _("This column must be filled."), kind)
        else:
            try:
                validate_credit_code(code)
            except ValidationError as error:
                result.error("credit_code", " ".join(error.messages), kind)
        record["credit_code"] = code
        try:
            region = self.regions.find(_text(result, kind, "region", 100) or "")
        except ValueError as error:
            result.error("region", str(error), kind)
        else:
            _outside(result, kind, "region", region, self.prefixes)
            record["region"] = region
        return record

    def _row(self, row: Row) -> RowResult:
        result = RowResult(row)
        self.formulas(result)
        record = self._enterprise_columns(result)
        record["legal_representative"] = _text(result, self.kind, "legal_representative", 100)
        record["contact_phone"] = _text(result, self.kind, "contact_phone", 30)
        if record["credit_code"]:
            self.duplicate(result, "credit_code", record["credit_code"])
        result.record = None if result.errors else record
        return result

    def _existing_enterprise(self, result: RowResult, name: str) -> None:
        record = result.record or {}
        if name != record["name"]:
            result.error(
                self.name_key,
                _("The register has this credit code under the name “%(name)s”: correct the name or the code.")
                % {"name": name},
                self.kind,
            )
            result.record = None
        elif self.kind == ImportKind.ENTERPRISES:
            result.unchanged, result.record = True, None
        else:
            record["enterprise_exists"] = True


class UserChecker(EnterpriseChecker):
    """An authorised user: the enterprise (created when the register does not know it yet) and its
    right to use the mark on one product, by approval (核准) or by self-declaration."""

    kind = ImportKind.USERS
    name_key = "enterprise_name"

    def __init__(self, prefixes: list[str]) -> None:
        super().__init__(prefixes)
        self.products = Products()
        self.names = SeenKeys()  # credit code → (first row, name), within the file

    def _row(self, row: Row) -> RowResult:
        result = RowResult(row)
        self.formulas(result)
        kind = self.kind
        record = self._enterprise_columns(result)
        try:
            product = self.products.find(_text(result, kind, "product", 100) or "")
        except ValueError as error:
            result.error("product", str(error), kind)
        else:
            record["product"] = product
            region = record.get("region")
            if region is not None and not any(region.code.startswith(prefix) for prefix in product.area_prefixes):
                result.error(
                    "region",
                    _("%(region)s lies outside the protected area of %(product)s.")
                    % {"region": region.full_name, "product": product.name},
                    kind,
                )
        try:
            record["route"] = _choice(row.values.get("route", ""), ROUTE_WORDS, str(_("route")))
        except ValueError as error:
            result.error("route", str(error), kind)
        record["approval_document"] = _text(result, kind, "approval_document", 100)
        if record.get("route") == "approved" and not record["approval_document"]:
            result.error("approval_document", _("An approved use names its approval document."), kind)
        try:
            record["approval_date"] = (
                None if "approval_date" in row.formulas else parse_date(row.values.get("approval_date", ""))
            )
        except ValueError as error:
            result.error(
                "approval_date",
                str(error) if as_text(row.values.get("approval_date")) else _("This column must be filled."),
                kind,
            )
        raw_status = row.values.get("status", "")
        record["status"] = Declaration.Status.PUBLISHED
        if as_text(raw_status):
            try:
                record["status"] = _choice(raw_status, USE_STATUS_WORDS, str(_("status")))
            except ValueError as error:
                result.error("status", str(error), kind)
        code = record["credit_code"]
        if code and record["name"]:
            first_row, first_name = self.names.first(code, row.number, record["name"])
            if first_name != record["name"]:
                result.error(
                    self.name_key,
                    _("Row %(row)d gives this credit code the name “%(name)s”.")
                    % {"row": first_row, "name": first_name},
                    kind,
                )
        if code and "product" in record:
            self.duplicate(result, "product", (code, record["product"].id))
        result.record = None if result.errors else record
        return result

    def check(self, rows: list[Row]) -> list[RowResult]:
        results = super().check(rows)
        wanted = [(r.record["credit_code"], r.record["product"].id) for r in results if r.record]
        codes = {code for code, _product in wanted}
        held = {
            (code, product_id): (reference, route)
            for code, product_id, reference, route in Declaration.objects.filter(enterprise__credit_code__in=codes)
            .exclude(status__in=(Declaration.Status.DRAFT, Declaration.Status.WITHDRAWN))
            .values_list("enterprise__credit_code", "product_id", "reference", "route")
        }
        for result in results:
            if not result.record:
                continue
            found = held.get((result.record["credit_code"], result.record["product"].id))
            if found is None:
                continue
            reference, route = found
            if route == result.record["route"]:
                result.unchanged, result.record = True, None
            else:
                result.error(
                    "route",
                    _(
                        "The register already holds this enterprise's use of %(product)s under %(reference)s, "
                        "by another route."
                    )
                    % {"product": result.record["product"].name, "reference": reference},
                    self.kind,
                )
                result.record = None
        return results


CHECKERS: dict[ImportKind, type[Checker]] = {
    ImportKind.PRODUCTS: ProductChecker,
    ImportKind.ENTERPRISES: EnterpriseChecker,
    ImportKind.USERS: UserChecker,
}
