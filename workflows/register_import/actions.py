"""The one door for importing an existing register's file (ADR 0045): pages, the command line and
the worker come through here."""

from cases.register_import.columns import COLUMNS, KIND_LABELS, ImportKind
from cases.register_import.reading import max_bytes as import_file_max_bytes
from cases.register_import.services import (
    import_prefixes,
    import_prefixes_of,
    may_import,
    register_import_request,
    register_import_run_now,
    register_import_upload,
    run_register_imports,
)

__all__ = [
    "COLUMNS",
    "KIND_LABELS",
    "ImportKind",
    "import_file_max_bytes",
    "import_prefixes",
    "import_prefixes_of",
    "may_import",
    "register_import_request",
    "register_import_run_now",
    "register_import_upload",
    "run_register_imports",
]
