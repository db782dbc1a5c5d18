"""The whole file back with an error column (CSV, UTF-8 with a BOM so Excel opens it), written as
the rows stream by, and safe to open in a spreadsheet."""

import csv
import re
import tempfile

from django.utils.translation import gettext as _

from .checks import RowResult
from .columns import COLUMNS, ImportKind
from .reading import as_text

SHOWN_ERRORS = 200
# What a spreadsheet takes for the start of a formula (OWASP "CSV injection").
CSV_INJECTION = re.compile(r"^[=+\-@\t\r]")


def safe_cell(value: str) -> str:
    """A cell a spreadsheet will not run: a leading = + - @ would make it a formula."""
    return "'" + value if CSV_INJECTION.match(value) else value


class ErrorFile:
    """The file's rows again, in the template's columns, with 行号 and 错误 in front."""

    def __init__(self, kind: ImportKind) -> None:
        self.kind = kind
        self.handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed by close())
            "w", suffix=".csv", encoding="utf-8-sig", newline="", delete=False
        )
        self.writer = csv.writer(self.handle)
        self.writer.writerow([_("Row"), _("Errors"), *(c.zh for c in COLUMNS[kind])])

    def write(self, result: RowResult) -> None:
        errors = "；".join(f"{header}：{message}" for header, message in result.errors)
        values = [as_text(result.row.values.get(c.key, "")) for c in COLUMNS[self.kind]]
        self.writer.writerow([result.row.number, safe_cell(errors), *(safe_cell(v) for v in values)])

    def close(self) -> str:
        self.handle.close()
        return self.handle.name
