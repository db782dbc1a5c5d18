"""From a file's bytes to rows keyed by column, streamed: a 100,000-row file is never held whole.

CSV in UTF-8 (with or without a BOM) or GB18030, the encoding Excel in China writes; XLSX through
openpyxl's read-only mode. The first row holds the headers, Chinese or English; a second row of
headers (the templates' English one) is skipped. Anything the file itself gets wrong is a
FileProblem with one message for the person: nothing of the file is then checked or written.
"""

import codecs
import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .columns import COLUMNS, KIND_LABELS, Column, ImportKind

SNIFF_BYTES = 64 * 1024
NOT_TEXT = _lazy(
    "The file is not text in UTF-8 or GB18030. Save it from Excel as “CSV UTF-8” or as XLSX and upload again."
)


class FileProblem(Exception):
    """The file cannot be read as a register file; the message says why, for the person."""


@dataclass
class Row:
    number: int  # the row's number in the file, as a spreadsheet shows it
    values: dict[str, object]  # column key → str, date, datetime or number; "" when empty
    formulas: set[str] = field(default_factory=set)  # columns whose cell holds a formula


@dataclass
class Sheet:
    columns: list[Column | None]  # per position: the column, or None for a column we do not know
    extra_headers: list[str]
    rows: Iterator[Row]


def max_rows() -> int:
    return getattr(settings, "TERROIR_IMPORT_MAX_ROWS", 200_000)


def max_bytes() -> int:
    return getattr(settings, "TERROIR_IMPORT_MAX_BYTES", 30 * 1024 * 1024)


def _clean_header(text: object) -> str:
    return "".join(str(text or "").split()).strip("*＊").lower()


def _match_headers(kind: ImportKind, headers: list[object]) -> tuple[list[Column | None], list[str]]:
    known = {}
    for spec in COLUMNS[kind]:
        known[_clean_header(spec.zh)] = spec
        known[_clean_header(spec.en)] = spec
        known[_clean_header(spec.key)] = spec
    while headers and _clean_header(headers[-1]) == "":
        headers = headers[:-1]
    if not headers:
        raise FileProblem(_("The first row is empty: it must hold the column headers of the template."))
    columns: list[Column | None] = []
    extra: list[str] = []
    for position, header in enumerate(headers, start=1):
        cleaned = _clean_header(header)
        if not cleaned:
            raise FileProblem(
                _(
                    "The header of column %(column)s in the first row is empty (merged header cells?). "
                    "Use the template: one header per column, in one row."
                )
                % {"column": column_letter(position)}
            )
        col = known.get(cleaned)
        if col is not None and col in columns:
            raise FileProblem(_("The column “%(header)s” appears twice.") % {"header": header})
        columns.append(col)
        if col is None:
            extra.append(str(header))
    missing = [col.zh for col in COLUMNS[kind] if col.required and col not in columns]
    if missing:
        expected = "、".join(col.zh for col in COLUMNS[kind])
        raise FileProblem(
            _("Required columns are missing: %(missing)s. The file for %(kind)s has the columns %(expected)s.")
            % {"missing": "、".join(missing), "kind": kind_label(kind), "expected": expected}
        )
    return columns, extra


def kind_label(kind: ImportKind) -> str:
    return str(KIND_LABELS[kind])


def column_letter(position: int) -> str:
    letters = ""
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _is_second_header(columns: list[Column | None], cells: list[object]) -> bool:
    known = [(col, cell) for col, cell in zip(columns, cells, strict=False) if col is not None]
    return bool(known) and all(_clean_header(cell) == _clean_header(col.en) for col, cell in known)


def _rows(columns: list[Column | None], records: Iterator[tuple[int, list[object], set[int]]]) -> Iterator[Row]:
    limit = max_rows()
    counted = 0
    first = True
    for number, cells, formula_positions in records:
        if first and _is_second_header(columns, cells):
            first = False
            continue
        first = False
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
            continue  # an empty row: spreadsheets keep them, people do not mean them
        counted += 1
        if counted > limit:
            raise FileProblem(
                _("The file has more than %(limit)s rows. Split it into files of at most %(limit)s rows.")
                % {"limit": f"{limit:,}"}
            )
        values: dict[str, object] = {}
        formulas: set[str] = set()
        for position, col in enumerate(columns):
            if col is None:
                continue
            cell = cells[position] if position < len(cells) else None
            values[col.key] = cell.strip() if isinstance(cell, str) else ("" if cell is None else cell)
            if position in formula_positions:
                formulas.add(col.key)
        yield Row(number, values, formulas)


def read_sheet(kind: ImportKind, name: str, stream: IO[bytes]) -> Sheet:
    """The file's columns and a stream of its rows; FileProblem for a file that cannot be read."""
    if name.lower().endswith(".xlsx"):
        return _read_xlsx(kind, stream)
    if name.lower().endswith((".csv", ".txt")):
        return _read_csv(kind, stream)
    raise FileProblem(_("Upload a CSV or XLSX file (.csv, .xlsx); “%(name)s” is neither.") % {"name": name[-80:]})


def _encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    raise FileProblem(str(NOT_TEXT))


class _Borrowed(io.BufferedIOBase):
    """The upload, lent to a text reader that must not close it when it is collected: the file is
    read twice (check, then import) and hashed."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._stream.read(-1 if size is None else size)

    def read1(self, size: int = -1) -> bytes:
        return self._stream.read(size)

    def close(self) -> None:
        pass  # the owner closes it


def _read_csv(kind: ImportKind, stream: IO[bytes]) -> Sheet:
    sample = stream.read(SNIFF_BYTES)
    if b"\x00" in sample:
        raise FileProblem(str(NOT_TEXT))
    encoding = _encoding(sample)
    stream.seek(0)
    text = io.TextIOWrapper(_Borrowed(stream), encoding=encoding, newline="")  # type: ignore[type-var]
    reader = csv.reader(text)
    try:
        headers: list[object] = list(next(reader))
    except StopIteration:
        raise FileProblem(_("The file is empty.")) from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise FileProblem(_("The first row cannot be read: %(error)s") % {"error": error}) from None
    columns, extra = _match_headers(kind, headers)

    def records() -> Iterator[tuple[int, list[object], set[int]]]:
        try:
            for cells in reader:
                yield reader.line_num, list(cells), set()
        except UnicodeDecodeError:
            raise FileProblem(
                _("Row %(row)s is not in the file's encoding (%(encoding)s): the file mixes encodings.")
                % {"row": reader.line_num + 1, "encoding": encoding.upper().replace("-SIG", "")}
            ) from None
        except csv.Error as error:
            raise FileProblem(
                _("Row %(row)s cannot be read: %(error)s") % {"row": reader.line_num, "error": error}
            ) from None

    return Sheet(columns, extra, _rows(columns, records()))


def _read_xlsx(kind: ImportKind, stream: IO[bytes]) -> Sheet:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(stream, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise FileProblem(
            _("The file is not a readable XLSX workbook. Save it from Excel as .xlsx and upload again.")
        ) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows()
    try:
        header_cells = next(rows)
    except StopIteration:
        raise FileProblem(_("The file is empty.")) from None
    columns, extra = _match_headers(kind, [cell.value for cell in header_cells])

    def records() -> Iterator[tuple[int, list[object], set[int]]]:
        for number, cells in enumerate(rows, start=2):
            values: list[object] = []
            formulas: set[int] = set()
            for position, cell in enumerate(cells):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":
                    formulas.add(position)
                elif isinstance(value, float) and value.is_integer():
                    value = int(value)
                values.append(value)
            yield number, values, formulas
        workbook.close()

    return Sheet(columns, extra, _rows(columns, records()))


def as_text(value: object) -> str:
    """A cell as the text a person typed (numbers without a trailing .0, dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
