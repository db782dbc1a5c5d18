"""The official documents of an enforcement case: numbered PDFs issued through the documents engine."""

from django.utils.translation import gettext_lazy as _

from accounts.types import Actor
from documents.kinds import register_kind
from documents.services import document_render
from organizations.selectors import jurisdiction_prefixes

from ..models import EnforcementCase

FILING_FORM = "enforcement.filing_form"
NOTICE = "enforcement.notice"
DECISION = "enforcement.decision"
SERVICE_PROOF = "enforcement.service_proof"
CLOSURE_FORM = "enforcement.closure_form"

# code: (label, template, number format). The numbering is gap-free per kind and year.
KINDS = {
    FILING_FORM: (_("Filing approval form"), "documents/enforcement/filing_form.html", "地标立案〔{year}〕{serial}号"),
    NOTICE: (
        _("Notice of proposed administrative penalty"),
        "documents/enforcement/notice.html",
        "地标罚告〔{year}〕{serial}号",
    ),
    DECISION: (
        _("Administrative penalty decision"),
        "documents/enforcement/decision.html",
        "地标罚决〔{year}〕{serial}号",
    ),
    SERVICE_PROOF: (_("Proof of service"), "documents/enforcement/service_proof.html", "地标送达〔{year}〕{serial}号"),
    CLOSURE_FORM: (
        _("Closure approval form"),
        "documents/enforcement/closure_form.html",
        "地标结案〔{year}〕{serial}号",
    ),
}


def _can_view(user, document) -> bool:
    """Staff whose jurisdiction covers the case; the party receives its copies on paper."""
    if not user.is_authenticated:
        return False
    case = EnforcementCase.objects.select_related("region").filter(pk=document.target_id).first()
    return case is not None and any(case.region.code.startswith(p) for p in jurisdiction_prefixes(user))


def register_kinds() -> None:
    for code, (label, template, number_format) in KINDS.items():
        register_kind(code, label=label, template=template, number_format=number_format, can_view=_can_view)


def case_document_issue(*, actor: Actor, case: EnforcementCase, kind: str, **context):
    """Render one of the case's documents inside the calling service's transaction."""
    return document_render(
        kind=kind,
        target=case,
        actor=actor,
        title=KINDS[kind][0],
        context={"authority": case.bureau.name, "case": case, **context},
    )
