"""What a check of a file found: counts, the first errors for the page, and the whole file back
with an error column (CSV, UTF-8 with a BOM so Excel opens it), written as the rows stream by."""

import csv
import tempfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .checks import CSV_INJECTION, RowResult
from .columns import COLUMNS, ImportKind
from .reading import as_text

SHOWN_ERRORS = 200


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Report:
    kind: ImportKind
    rows: int = 0
    to_create: int = 0
    unchanged: int = 0
    rows_with_errors: int = 0
    errors: list[RowError] = field(default_factory=list)  # the first SHOWN_ERRORS
    extra_headers: list[str] = field(default_factory=list)
    problem: str = ""  # the file itself could not be read
    error_file: str = ""  # path of the annotated copy, when it was asked for

    @property
    def ok(self) -> bool:
        return not self.problem and self.rows_with_errors == 0

    def add(self, result: RowResult) -> None:
        self.rows += 1
        if result.errors:
            self.rows_with_errors += 1
            for column_header, message in result.errors:
                if len(self.errors) < SHOWN_ERRORS:
                    self.errors.append(RowError(result.row.number, column_header, message))
        elif result.unchanged:
            self.unchanged += 1
        else:
            self.to_create += 1


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
