"""Reading an agreement list (CSV) into checked rows: every problem is collected with its line, and
nothing is entered unless the whole file is clean (docs/adr/0052)."""

import csv
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.models import ProtectedProduct

from .models import CHINESE_ANNEXES, AgreementEntry, Annex, Country

COLUMNS = ("annex", "name", "transcription", "product_class", "country", "domestic_product", "decision_reference")
REQUIRED = ("annex", "name", "product_class", "country")
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000


@dataclass(frozen=True)
class ListRow:
    line: int
    annex: str
    name: str
    transcription: str
    product_class: str
    country: str
    product: ProtectedProduct | None
    decision_reference: str


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark, as Excel saves it) or GB18030 (the Chinese
    Windows default); anything else is refused, never guessed."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    if b"\x00" in data:
        raise ValidationError(_("The file is not a CSV text file (it contains NUL bytes)."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is neither UTF-8 nor GB18030 text; save it as CSV (UTF-8) and try again."))


def _field_limit(name: str) -> int:
    field = AgreementEntry._meta.get_field(name)
    return int(field.max_length or 0)


def read_list(data: bytes) -> list[ListRow]:
    """The checked rows of the file, or a ValidationError listing every problem with its line."""
    text = decode(data)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        # "product class" or "Product-Class" is the column product_class: the page names them in words.
        header = [re.sub(r"[\s-]+", "_", (name or "").strip().lower()) for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise ValidationError(_("Line 1: %(error)s") % {"error": error}) from None
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ValidationError(
            _("The first line must name the columns; missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    products = {product.name: product for product in ProtectedProduct.objects.all()}
    rows: list[ListRow] = []
    errors: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    try:
        for record in reader:
            line = reader.line_num
            if len(rows) + len(errors) >= MAX_ROWS:
                errors.append(_("More than %(count)s rows: split the file.") % {"count": MAX_ROWS})
                break
            values = {column: (record.get(column) or "").strip() for column in COLUMNS}
            if not any(values.values()):
                continue
            problems = _check(values, products, seen, line)
            if problems:
                errors.extend(_("Line %(line)s: %(problem)s") % {"line": line, "problem": p} for p in problems)
                continue
            seen[(values["annex"], values["name"])] = line
            rows.append(
                ListRow(
                    line=line,
                    annex=values["annex"],
                    name=values["name"],
                    transcription=values["transcription"],
                    product_class=values["product_class"],
                    country=values["country"].upper(),
                    product=products.get(values["domestic_product"]),
                    decision_reference=values["decision_reference"],
                )
            )
    except csv.Error as error:
        errors.append(_("Line %(line)s: %(problem)s") % {"line": reader.line_num, "problem": error})
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError(_("The file has no rows."))
    return rows


def _check(values: dict, products: dict, seen: dict, line: int) -> list[str]:
    problems = []
    for column in REQUIRED:
        if not values[column]:
            problems.append(_("the column “%(column)s” is empty.") % {"column": column})
    annex, country = values["annex"], values["country"].upper()
    if annex and annex not in Annex.values:
        problems.append(_("unknown annex “%(annex)s” (III, IV, V or VI).") % {"annex": annex})
    if country and country not in Country.values:
        problems.append(_("unknown country code “%(code)s”.") % {"code": values["country"]})
    elif annex in Annex.values and country and (annex in CHINESE_ANNEXES) != (country == "CN"):
        problems.append(_("annexes III and V list Chinese names, annexes IV and VI names of the EU."))
    if values["domestic_product"]:
        if annex not in CHINESE_ANNEXES:
            problems.append(_("only a Chinese name links to a domestic GI record."))
        elif values["domestic_product"] not in products:
            problems.append(
                _("no protected product named “%(name)s” in the register.") % {"name": values["domestic_product"]}
            )
    for column in ("name", "transcription", "product_class", "decision_reference"):
        limit = _field_limit(column)
        if len(values[column]) > limit:
            problems.append(_("“%(column)s” is longer than %(limit)s characters.") % {"column": column, "limit": limit})
    key = (annex, values["name"])
    if values["name"] and key in seen:
        problems.append(_("the same name is on line %(line)s.") % {"line": seen[key]})
    return problems
