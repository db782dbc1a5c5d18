"""What heads every staff page of a case (its task pages, its process page): the case's number,
kind, status in words, party and bureau, and the way to the case's own page.

Each flow says it for its case (TerroirFlow.case_header); the pages show it through
templates/workflows/includes/case_header.html, never viewflow's "#4/17" ids.
"""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class CaseHeader:
    kind: str | Promise  # the flow's process title: 执法案件, 保护申请 …
    reference: str  # the number a person quotes on the phone
    status: str | Promise  # in words, as the case's model names it
    party: str  # the enterprise, applicant or party concerned; empty when the case has none
    bureau: object  # the body with jurisdiction (a Department, shown by its display name)
    url: str  # the case's own page
    product: str = ""  # the GI product it concerns, when it concerns one


def party_of(*names) -> str:
    """The first name given, or a dash: a header line is never blank."""
    return next((str(name) for name in names if name), "—")
