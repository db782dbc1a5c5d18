"""Aid-region designations from a CSV file (region code, kind, valid from, valid until, source):
every row is checked first; one bad row and nothing is loaded, each error named by its row."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organizations.models import Region

from .models import AidDesignation, AidKind

COLUMNS = ("region_code", "kind", "valid_from", "valid_until", "source")
# A kind may be written as its code or as its official name.
KINDS = {**{kind.value: kind for kind in AidKind}, **{str(kind.label): kind for kind in AidKind}}


@dataclass
class Loaded:
    designations: list[AidDesignation] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is not text in UTF-8 or GB18030."))


def _date(value: str, column: str, errors: list[str], row: int) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(_("Row %(row)d: %(column)s “%(value)s” is not a date (YYYY-MM-DD).") % locals())
        return None


def read_designations(data: bytes) -> Loaded:
    """The designations of the file, unsaved, or the errors of its rows."""
    loaded = Loaded()
    try:
        text = _text(data)
    except ValidationError as error:
        loaded.errors.extend(error.messages)
        return loaded
    if "\x00" in text:
        loaded.errors.append(_("The file is not a CSV file."))
        return loaded
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip() for cell in next(reader, [])]
    if tuple(header) != COLUMNS:
        loaded.errors.append(_("The first row must name the columns: %(columns)s.") % {"columns": ",".join(COLUMNS)})
        return loaded
    regions = {region.code: region for region in Region.objects.all()}
    seen = set()
    for row, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(COLUMNS):
            loaded.errors.append(_("Row %(row)d: %(count)d columns, expected 5.") % {"row": row, "count": len(cells)})
            continue
        code, kind_text, start, until, source = (cell.strip() for cell in cells)
        errors: list[str] = []
        region = regions.get(code)
        if region is None:
            errors.append(_("Row %(row)d: no region has the code “%(code)s”.") % {"row": row, "code": code})
        kind = KINDS.get(kind_text)
        if kind is None:
            errors.append(_("Row %(row)d: unknown designation “%(kind)s”.") % {"row": row, "kind": kind_text})
        valid_from = _date(start, "valid_from", errors, row)
        valid_until = _date(until, "valid_until", errors, row) if until else None
        if not source:
            errors.append(_("Row %(row)d: name the source of the designation.") % {"row": row})
        if errors or kind is None or valid_from is None:
            loaded.errors.extend(errors)
            continue
        designation = AidDesignation(
            region=region, kind=kind, valid_from=valid_from, valid_until=valid_until, source=source[:300]
        )
        key = (code, kind, valid_from)
        try:
            designation.full_clean()
            if key in seen:
                raise ValidationError(_("the same designation appears twice in the file."))
        except ValidationError as error:
            loaded.errors.append(
                _("Row %(row)d: %(errors)s") % {"row": row, "errors": " ".join(str(m) for m in error.messages)}
            )
            continue
        seen.add(key)
        loaded.designations.append(designation)
    if not loaded.designations and not loaded.errors:
        loaded.errors.append(_("The file has no designations."))
    return loaded
