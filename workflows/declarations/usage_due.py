"""When the producer's next usage report is due, as the layer that keeps the dues says (marks,
ADR 0055/0060). That layer sits above the workflows: it registers its answer here, so the
portal shows it without importing it (as workflows.navigation.EXTRA_LINKS does for the menu)."""

from collections.abc import Callable
from typing import Any

from cases.models import Declaration

# Each takes a declaration and answers an object with `year`, `due_on` and `late`, or None.
NEXT_USAGE_REPORT: list[Callable[[Declaration], Any]] = []


def next_usage_report_of(declaration: Declaration) -> Any:
    for answer in NEXT_USAGE_REPORT:
        found = answer(declaration)
        if found is not None:
            return found
    return None
