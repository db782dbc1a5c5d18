"""The one door for importing an existing register's file (ADR 0045)."""

from cases.register_import.columns import ImportKind
from cases.register_import.report import Report
from cases.register_import.services import Upload, check_file, import_file, import_prefixes, may_import

__all__ = [
    "ImportKind",
    "Report",
    "Upload",
    "check_register_file",
    "import_prefixes",
    "import_register_file",
    "may_import",
]


def check_register_file(kind: ImportKind, upload: Upload, user, *, with_error_file: bool = False) -> Report:
    return check_file(kind, upload, user, with_error_file=with_error_file)


def import_register_file(kind: ImportKind, upload: Upload, user):
    return import_file(kind, upload, user)
